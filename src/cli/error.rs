//! How a command fails. Each command returns `Result<ExitCode, CliError>`; `main` prints the
//! error once and maps it to the exit code README documents: 0 ok, 1 bad input, 2 usage.

use lifegap_core::data::Problems;
use lifegap_report::format::printable;
use std::io;
use std::process::ExitCode;

/// Exit codes shared by every subcommand.
pub mod exit {
    pub const OK: u8 = 0;
    pub const BAD_INPUT: u8 = 1;
    pub const USAGE: u8 = 2;
}

#[derive(Debug)]
pub enum CliError {
    /// A file, a value in it, or a result that cannot be computed (exit 1).
    Input(String),
    /// The command line asks for something that is not there (exit 2). Malformed arguments
    /// never get this far: clap refuses them, also with exit 2.
    Usage(String),
    /// Located problems in an input file (exit 1), printed as they are.
    Problems(Problems),
    /// Writing the output failed (exit 1); a reader that stopped early (`| head`) is not a
    /// failure and exits 0.
    Output(io::Error),
}

pub type Outcome = Result<ExitCode, CliError>;

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> Self {
        CliError::Output(e)
    }
}

impl From<Problems> for CliError {
    fn from(p: Problems) -> Self {
        CliError::Problems(p)
    }
}

impl CliError {
    /// Print the error (once) and give the exit code.
    pub fn report(self) -> ExitCode {
        let code = match self {
            CliError::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => exit::OK,
            CliError::Output(e) => {
                eprintln!("error: cannot write the output: {e}");
                exit::BAD_INPUT
            }
            CliError::Input(m) => {
                eprintln!("error: {}", printable(&m));
                exit::BAD_INPUT
            }
            CliError::Usage(m) => {
                eprintln!("error: {}", printable(&m));
                exit::USAGE
            }
            CliError::Problems(p) => {
                eprint!("{}", printable(&p.to_string()));
                exit::BAD_INPUT
            }
        };
        ExitCode::from(code)
    }
}

/// Exit 0, or 1 when the input had errors that the command worked around (it still printed
/// what it could, e.g. the valid groups of a file).
pub fn done(input_errors: bool) -> Outcome {
    Ok(ExitCode::from(if input_errors {
        exit::BAD_INPUT
    } else {
        exit::OK
    }))
}

/// A usage error, unless the input had errors (which then explain it: exit 1).
pub fn usage_or_input(input_errors: bool, message: String) -> CliError {
    if input_errors {
        CliError::Input(message)
    } else {
        CliError::Usage(message)
    }
}
