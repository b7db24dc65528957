use clap::Parser;
use lifegap::cli::{Cli, Command, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    lifegap::app::native::mark_start();
    let mut cli = Cli::parse();
    if cli.command.is_none() {
        // No subcommand: the desktop planner.
        cli.command = Some(Command::Gui {
            scenario: None,
            renderer: None,
            size: "1280x800".into(),
            screen: None,
            sex: None,
            screenshot: None,
            slide: None,
        });
    }
    run(cli).unwrap_or(ExitCode::SUCCESS)
}
