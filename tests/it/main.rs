//! The `lifegap` program's tests, one binary: the command line (engine, scenarios, exports,
//! a 200 MB file), the desktop app driven headless (egui_kittest), and image snapshots (with
//! the `snapshots` feature).

mod common;

mod app_files;
mod big_file;
mod cli;
mod cli_engine;
mod compare_ui;
mod drivers_ui;
mod dsr_cli;
mod england_cli;
mod errors_cli;
mod errors_ui;
mod exports;
mod goal_seek_pack;
mod goal_seek_ui;
mod import_ui;
mod inequality_cli;
mod monitor_cli;
mod new_area_ui;
mod pdf_pack;
mod practices_cli;
mod present_more_ui;
mod region_ui;
mod room_ui;
mod scenarios_cli;
mod sii_milestone_ui;
#[cfg(feature = "snapshots")]
mod snapshots;
mod ui;
mod untrusted_output;
mod untrusted_scenarios_cli;
mod walkthrough;
