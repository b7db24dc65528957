//! lifegap's model: how much of a local area's life-expectancy gap with England do programmes
//! close, by when, and are we on course for the milestones?
//!
//! * [`model`]: life tables (PHE/ONS Chiang II), gap decomposition (Arriaga), programme effects,
//!   projection, milestones, goal seek, uncertainty — pure computation.
//! * [`data`]: reading area data files with located errors.
//! * [`scenario_file`]: reading and writing `.ron` scenarios.
//! * [`evaluate()`]: the one sequence every face (app, CLI, report, tests) calls to turn a
//!   scenario and its area data into results.
//! * [`demo`]: the synthetic demonstration area and scenarios.
//!
//! No UI, no plotting, no command-line parsing: `cargo tree -p lifegap-core` shows none.

pub mod atomic;
pub mod build;
pub mod clock;
pub mod data;
pub mod demo;
pub mod demo_many;
pub mod evaluate;
pub mod league;
pub mod model;
pub mod scenario_file;
pub mod sii_target;
pub mod within;

pub use evaluate::{EvalOptions, Evaluation, evaluate};
