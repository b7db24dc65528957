//! `lifegap check SCENARIO.ron`: validate a scenario and its data, with located errors.

use super::scenario_common::{load, simulator};
use crate::cli::exit;
use crate::cli::output::say;
use std::path::Path;

pub fn run(path: &Path) -> u8 {
    let loaded = match load(path) {
        Ok(l) => l,
        Err(c) => return c,
    };
    let sim = match simulator(&loaded) {
        Ok(s) => s,
        Err(c) => return c,
    };
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
        sim.sexes.len(),
        if loaded.data.provenance.synthetic {
            ", SYNTHETIC data"
        } else {
            ""
        }
    );
    if let Err(e) = say(&format!("{line}\n")) {
        eprintln!("error: {e}");
        return exit::BAD_INPUT;
    }
    if loaded.problems.has_errors() {
        // Errors in groups the scenario does not use: reported, but the scenario runs.
        eprintln!("note: the data file has errors in groups this scenario does not use");
    }
    exit::OK
}
