//! `lifegap check SCENARIO.ron`: validate a scenario and its data, with located errors.
//!
//! `check` runs every rule `run` runs — the scenario's ranges, its data, and the whole
//! evaluation (central estimates; the Monte Carlo adds no rule of its own) — and is stricter
//! in one way: an error anywhere in the data file fails it, even in groups the scenario does
//! not use, since the file is the one a colleague will run next.

use super::scenario_common::{Source, as_of, evaluated, load};
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::say;

pub fn run(source: &Source<'_>) -> Outcome {
    let path = source.path;
    let loaded = load(source)?;
    if loaded.problems.has_errors() {
        // The problems are listed above (stderr).
        return Err(CliError::Input(format!(
            "{}: the data file has {} error(s), listed above: a scenario checks only when its data have none",
            path.display(),
            loaded.problems.error_count()
        )));
    }
    // Everything `run` computes, central estimates only: `check` passes only what runs.
    let ev = evaluated(&loaded, as_of(&loaded, None), Some(0))?;
    let s = &loaded.scenario;
    let enabled = s.programmes.iter().filter(|p| p.enabled).count();
    let line = format!(
        "ok: {}: '{}' — {} vs {}, base {}, years {}, {} programme(s) ({} enabled), {} milestone(s), {} sex(es){}",
        path.display(),
        s.name,
        s.area,
        s.comparator,
        s.base_period,
        s.horizon,
        s.programmes.len(),
        enabled,
        s.milestones.len(),
        ev.simulator.sexes.len(),
        if loaded.data.provenance.synthetic {
            ", SYNTHETIC data"
        } else {
            ""
        }
    );
    say(&format!("{line}\n"))?;
    done(false)
}
