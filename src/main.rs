use clap::Parser;
use lifegap::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Some(code) => code,
        None => {
            eprintln!("the desktop planner is not built yet; see `lifegap --help` for commands");
            ExitCode::from(lifegap::cli::exit::USAGE)
        }
    }
}
