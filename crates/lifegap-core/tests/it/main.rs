//! The model's integration tests, one binary: reference vectors (published, transcribed and
//! reference-run, in `tests/data/reference/` at the top of the repository), properties, and
//! the programme checks against trials.

#[path = "../../../../tests/it/common.rs"]
mod common;

mod build_data;
mod fuzz;
mod impact_england;
mod league;
mod programme_checks;
mod properties;
mod rate_countdown;
mod reference_dsr;
mod reference_funnel;
mod reference_gap_and_causes;
mod reference_life_table;
mod reference_sii;
mod scenarios;
mod sii_milestones;
mod uncertainty_sources;
mod untrusted_data;
mod untrusted_scenarios;
