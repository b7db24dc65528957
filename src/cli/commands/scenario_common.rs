//! What the scenario commands share: loading with located problems, the planning date, and
//! [`lifegap_core::evaluate`] (the same call the app makes).

use super::report;
use crate::cli::error::CliError;
use lifegap_core::evaluate::{EvalOptions, Evaluation, evaluate};
use lifegap_core::model::scenario::Date;
use lifegap_core::scenario_file::{self, DataAccess, LoadedScenario};
use lifegap_report::export::board::Board;
use std::path::Path;

/// A scenario file named on the command line, and whether its data may lie outside its
/// folder (`--allow-data-outside`).
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub path: &'a Path,
    pub access: DataAccess,
}

impl<'a> Source<'a> {
    pub fn new(path: &'a Path, allow_data_outside: bool) -> Self {
        Source {
            path,
            access: if allow_data_outside {
                DataAccess::Anywhere
            } else {
                DataAccess::InsideFolder
            },
        }
    }
}

/// Read a scenario and its data (held to the source's data access); warnings go to stderr,
/// errors are the command's failure.
pub fn load(source: &Source<'_>) -> Result<LoadedScenario, CliError> {
    let l = scenario_file::load_with(source.path, source.access)?;
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
        .with_data(&self.loaded.data)
    }
}

/// Load and evaluate a scenario for export (`draws` overrides the scenario's).
pub fn compute_all(
    source: &Source<'_>,
    draws: Option<u32>,
    as_of_arg: Option<Date>,
) -> Result<Computed, CliError> {
    let loaded = load(source)?;
    let date = as_of(&loaded, as_of_arg);
    let evaluation = evaluated(&loaded, date, draws)?;
    Ok(Computed { loaded, evaluation })
}

/// Write a changed copy of a loaded scenario to `path`, which must be in the original's own
/// folder: its data path is relative to that folder, so elsewhere it would name other data.
pub fn write_beside(
    loaded: &LoadedScenario,
    path: &Path,
    scenario: &lifegap_core::model::scenario::Scenario,
) -> Result<(), CliError> {
    let folder = |p: &Path| {
        let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
        std::fs::canonicalize(parent.unwrap_or(Path::new("."))).ok()
    };
    if folder(path).is_none() || folder(path) != folder(&loaded.path) {
        return Err(CliError::Usage(format!(
            "{}: write it in the scenario's own folder ({}), where its data path still holds",
            path.display(),
            loaded
                .path
                .parent()
                .map_or(".".into(), |d| d.display().to_string())
        )));
    }
    let problems = scenario.check();
    if let Some(p) = problems.first() {
        return Err(CliError::Input(format!(
            "{}: the changed scenario breaks a rule: {}",
            loaded.path.display(),
            p.message
        )));
    }
    lifegap_core::scenario_file::save(path, scenario)
        .map_err(|e| CliError::Input(format!("cannot write {}: {e}", path.display())))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
