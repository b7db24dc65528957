//! What the scenario commands share: loading with located problems, the planning date, and
//! [`lifegap_core::evaluate`] (the same call the app makes).

use super::report;
use crate::cli::error::CliError;
use lifegap_core::evaluate::{EvalOptions, Evaluation, evaluate};
use lifegap_core::model::scenario::Date;
use lifegap_core::scenario_file::{self, LoadedScenario};
use lifegap_report::export::board::Board;
use std::path::Path;

/// Read a scenario and its data; warnings go to stderr, errors are the command's failure.
pub fn load(path: &Path) -> Result<LoadedScenario, CliError> {
    let l = scenario_file::load(path)?;
    report(&l.problems);
    Ok(l)
}

/// The planning date: `--as-of`, else the scenario's, else today.
pub fn as_of(loaded: &LoadedScenario, arg: Option<Date>) -> Date {
    arg.or(loaded.scenario.as_of)
        .unwrap_or_else(lifegap_core::clock::today)
}

/// Evaluate a loaded scenario (`draws` overrides the scenario's Monte Carlo setting), with its
/// warnings on stderr.
pub fn evaluated(
    loaded: &LoadedScenario,
    as_of: Date,
    draws: Option<u32>,
) -> Result<Evaluation, CliError> {
    let ev = evaluate(
        &loaded.scenario,
        &loaded.data,
        &EvalOptions::with_draws(as_of, draws),
    )
    .map_err(|e| CliError::Input(format!("{}: {e}", loaded.path.display())))?;
    for w in ev.warnings() {
        eprintln!("warning: {w}");
    }
    Ok(ev)
}

/// A scenario with everything computed from it, ready to export.
pub struct Computed {
    pub loaded: LoadedScenario,
    pub evaluation: Evaluation,
}

impl Computed {
    pub fn board(&self) -> Board<'_> {
        Board::of(
            &self.loaded.scenario,
            &self.evaluation,
            self.evaluation.results.uncertainty.as_ref(),
            &self.loaded.data.provenance,
        )
    }
}

/// Load and evaluate a scenario for export (`draws` overrides the scenario's).
pub fn compute_all(
    path: &Path,
    draws: Option<u32>,
    as_of_arg: Option<Date>,
) -> Result<Computed, CliError> {
    let loaded = load(path)?;
    let date = as_of(&loaded, as_of_arg);
    let evaluation = evaluated(&loaded, date, draws)?;
    Ok(Computed { loaded, evaluation })
}
