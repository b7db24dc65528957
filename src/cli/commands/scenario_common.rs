//! What the scenario commands share: loading with located problems, the planning date, and
//! computing results.

use super::report;
use crate::cli::exit;
use crate::model::projection::{Simulator, central_settings};
use crate::model::results::{ScenarioResults, compute};
use crate::model::scenario::Date;
use crate::model::uncertainty::{Control, monte_carlo};
use crate::scenario_file::{self, LoadedScenario};
use std::path::Path;

pub fn load(path: &Path) -> Result<LoadedScenario, u8> {
    match scenario_file::load(path) {
        Ok(l) => {
            report(&l.problems);
            Ok(l)
        }
        Err(p) => {
            report(&p);
            Err(exit::BAD_INPUT)
        }
    }
}

pub fn as_of(loaded: &LoadedScenario, arg: Option<&str>) -> Result<Date, u8> {
    match arg {
        Some(a) => a.parse().map_err(|e| {
            eprintln!("error: --as-of: {e}");
            exit::USAGE
        }),
        None => Ok(loaded.scenario.as_of.unwrap_or_else(crate::clock::today)),
    }
}

pub fn simulator(loaded: &LoadedScenario) -> Result<Simulator, u8> {
    let sim = Simulator::new(&loaded.scenario, &loaded.data).map_err(|e| {
        eprintln!("error: {}: {e}", loaded.path.display());
        exit::BAD_INPUT
    })?;
    for (p, c) in &sim.missing_causes {
        eprintln!(
            "warning: programme '{p}' acts on '{c}', which the area data do not have: that effect is left out"
        );
    }
    Ok(sim)
}

/// Central results, with the Monte Carlo if `draws` > 0.
pub fn results(
    loaded: &LoadedScenario,
    sim: &Simulator,
    as_of: Date,
    draws: Option<u32>,
) -> Result<ScenarioResults, u8> {
    let s = &loaded.scenario;
    let settings = central_settings(s);
    let mut r = compute(sim, s, &settings, as_of).map_err(|e| {
        eprintln!("error: {e}");
        exit::BAD_INPUT
    })?;
    let mut opts = s.uncertainty;
    if let Some(d) = draws {
        opts.draws = d;
    }
    if opts.draws > 0 {
        r.uncertainty = monte_carlo(sim, s, &settings, opts, Control::default()).map_err(|e| {
            eprintln!("error: {e}");
            exit::BAD_INPUT
        })?;
    }
    Ok(r)
}

/// A scenario's results with its base-period figures, ready to export.
pub struct Computed {
    pub loaded: LoadedScenario,
    pub results: ScenarioResults,
    pub base: Vec<crate::export::board::BaseFigures>,
}

impl Computed {
    pub fn board(&self) -> crate::export::board::Board<'_> {
        crate::export::board::Board {
            scenario: &self.loaded.scenario,
            results: &self.results,
            uncertainty: self.results.uncertainty.as_ref(),
            base: self.base.iter().map(|b| b.borrow()).collect(),
            provenance: &self.loaded.data.provenance,
        }
    }
}

/// Load, simulate and compute a scenario for export (`draws` overrides the scenario's).
pub fn compute_all(
    path: &Path,
    draws: Option<u32>,
    as_of_arg: Option<&str>,
) -> Result<Computed, u8> {
    let loaded = load(path)?;
    let date = as_of(&loaded, as_of_arg)?;
    let sim = simulator(&loaded)?;
    let results = results(&loaded, &sim, date, draws)?;
    let base = crate::export::board::base_figures(&loaded.scenario, &loaded.data);
    Ok(Computed {
        loaded,
        results,
        base,
    })
}
