//! Exports: tables as CSV, charts as SVG and PNG, and the board-pack report. No window is
//! needed, so the CLI and the app share them.

pub mod area_file;
pub mod board;
pub mod charts;
pub mod extras;
pub mod goal_seek_pack;
pub mod league;
pub mod partners;
pub mod pdf;
pub mod report;
pub mod sii_pack;
pub mod tables;
pub mod tornado;
pub mod within;
