//! `lifegap check SCENARIO.ron`: validate a scenario and its data, with located errors.

use super::scenario_common::{as_of, evaluated, load};
use crate::cli::error::{Outcome, done};
use crate::cli::output::say;
use std::path::Path;

pub fn run(path: &Path) -> Outcome {
    let loaded = load(path)?;
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
    if loaded.problems.has_errors() {
        // Errors in groups the scenario does not use: reported, but the scenario runs.
        eprintln!("note: the data file has errors in groups this scenario does not use");
    }
    done(false)
}
