//! lifegap: how much of a local area's life-expectancy gap with England do programmes close,
//! by when, and are we on course for the milestones?
//!
//! * [`model`]: life tables, gap decomposition, programme effects, projection, uncertainty —
//!   pure computation, no UI, no files.
//! * [`data`]: reading area data files with located errors.
//! * [`cli`]: the `lifegap` command line, a thin face over the model.

pub mod app;
pub mod atomic;
pub mod cli;
pub mod clock;
pub mod data;
pub mod demo;
pub mod export;
pub mod format;
pub mod model;
pub mod palette;
pub mod scenario_file;
pub mod views;
