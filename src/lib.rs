//! The `lifegap` program: the command line ([`cli`]) and the desktop planner ([`app`]), two thin
//! faces over `lifegap_core` (the model, `evaluate`) and `lifegap_report` (figures, exports).
//! Kept as a library so the CLI and UI tests can drive both.

pub mod app;
pub mod cli;
