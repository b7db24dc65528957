use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    lifegap::app::native::mark_start();
    lifegap::cli::main(lifegap::cli::Cli::parse())
}
