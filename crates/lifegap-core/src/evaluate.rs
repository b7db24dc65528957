//! One path from a scenario and its area data to every figure lifegap shows.
//!
//! The desktop app, the command line, the board pack and the tests all call [`evaluate`]; none
//! of them rebuilds the simulator → programme settings → results sequence on its own, so a
//! number on screen is, by construction, the number `lifegap run` prints.

use crate::model::area::{AreaData, Sex};
use crate::model::decomposition::{Direction, GapDecomposition, decompose};
use crate::model::life_table::{LifeTable, LifeTableOptions};
use crate::model::projection::{ProjectionError, Simulator, central_settings};
use crate::model::results::{ScenarioResults, compute};
use crate::model::scenario::{Date, Scenario};
use crate::model::uncertainty::{Control, Uncertainty, monte_carlo};

/// How to evaluate: the planning date and how much of the uncertainty to draw.
#[derive(Debug, Clone, Copy)]
pub struct EvalOptions<'a> {
    /// The date countdowns count from (time left, the next quarter's delivery).
    pub as_of: Date,
    /// Monte Carlo draws: `None` takes the scenario's own setting, `Some(0)` computes the
    /// central estimate only (the app draws in the background with [`uncertainty`]).
    pub draws: Option<u32>,
    /// Cancel and progress hooks for the Monte Carlo.
    pub control: Control<'a>,
}

impl EvalOptions<'_> {
    /// Central estimates only, as of `as_of`.
    pub fn central(as_of: Date) -> Self {
        EvalOptions {
            as_of,
            draws: Some(0),
            control: Control::default(),
        }
    }

    /// With the scenario's own Monte Carlo setting (or `draws` instead, when given).
    pub fn with_draws(as_of: Date, draws: Option<u32>) -> Self {
        EvalOptions {
            as_of,
            draws,
            control: Control::default(),
        }
    }
}

/// Everything computed from one scenario on one area's data.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The base period, per sex: both life tables and the gap breakdown.
    pub base: Vec<BaseFigures>,
    /// The yearly model the results came from (goal seek and the Monte Carlo reuse it).
    pub simulator: Simulator,
    /// Projection, milestones, programmes' contributions, delivery; `uncertainty` is filled
    /// when draws were asked for.
    pub results: ScenarioResults,
}

impl Evaluation {
    /// The base-period figures of a sex.
    pub fn base(&self, sex: Sex) -> Option<&BaseFigures> {
        self.base.iter().find(|b| b.sex == sex)
    }

    /// What the user should know but that does not stop the run: programmes acting on causes
    /// the area data do not have (those effects are left out), and age profiles whose
    /// baseline coverage by age does not average to the programme's baseline on this area's
    /// population (the bands' coverage then follows the average, the people and cost the
    /// baseline).
    pub fn warnings(&self) -> Vec<String> {
        let causes = self.simulator.missing_causes.iter().map(|(p, c)| {
            format!(
                "programme '{p}' acts on '{c}', which the area data do not have: that effect is left out"
            )
        });
        let baselines = self
            .simulator
            .baseline_mismatch
            .iter()
            .map(|(_, name, stated, mean)| {
                format!(
                    "{name}: the baseline coverage by age averages {:.1}% of the eligible group on this area's population, but coverage.baseline is {:.1}%: set the baseline to the average or adjust the ages' figures",
                    mean * 100.0,
                    stated * 100.0
                )
            });
        causes.chain(baselines).collect()
    }
}

/// Evaluate a scenario on its area data: base-period tables and gap breakdown, the yearly
/// projection with and without the programmes, milestones, and (if asked) the Monte Carlo.
pub fn evaluate(
    scenario: &Scenario,
    data: &AreaData,
    opts: &EvalOptions<'_>,
) -> Result<Evaluation, ProjectionError> {
    let simulator = Simulator::new(scenario, data)?;
    let mut results = compute(
        &simulator,
        scenario,
        &central_settings(scenario),
        opts.as_of,
    )?;
    let draws = opts.draws.unwrap_or(scenario.uncertainty.draws);
    if draws > 0 {
        results.uncertainty = uncertainty(&simulator, scenario, draws, opts.control)?;
    }
    Ok(Evaluation {
        base: base_figures(scenario, data),
        simulator,
        results,
    })
}

/// The Monte Carlo for a scenario at its central settings, with `draws` draws and the
/// scenario's seed: `Ok(None)` when cancelled through `control`.
pub fn uncertainty(
    simulator: &Simulator,
    scenario: &Scenario,
    draws: u32,
    control: Control<'_>,
) -> Result<Option<Uncertainty>, ProjectionError> {
    let mut opts = scenario.uncertainty;
    opts.draws = draws;
    monte_carlo(
        simulator,
        scenario,
        &central_settings(scenario),
        opts,
        control,
    )
}

/// The base period for one sex: both life tables (PHE/ONS method) and the Arriaga breakdown
/// of the gap, local → comparator.
#[derive(Debug, Clone)]
pub struct BaseFigures {
    pub sex: Sex,
    pub local: LifeTable,
    pub comparator: LifeTable,
    /// None when the decomposition cannot be made (e.g. no cause columns).
    pub decomposition: Option<GapDecomposition>,
}

/// Base-period tables and decompositions for a scenario's area and comparator: one per sex
/// both of which have valid data.
pub fn base_figures(s: &Scenario, data: &AreaData) -> Vec<BaseFigures> {
    let opts = LifeTableOptions::default();
    Sex::BOTH
        .iter()
        .filter_map(|&sex| {
            let l = data.group(&s.area, sex)?;
            let c = data.group(&s.comparator, sex)?;
            let local = l.life_table(data.bands, &opts).ok()?;
            let comparator = c.life_table(data.bands, &opts).ok()?;
            let decomposition = decompose(
                &local,
                &comparator,
                &data.causes,
                &l.rates_by_band(),
                &c.rates_by_band(),
                Direction::LocalToComparator,
            )
            .ok();
            Some(BaseFigures {
                sex,
                local,
                comparator,
                decomposition,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario_file::{self, LoadedScenario};

    fn countdown() -> LoadedScenario {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios/demo-2010-countdown.ron");
        scenario_file::load(&p).unwrap()
    }

    fn as_of() -> Date {
        Date {
            year: 2009,
            month: 4,
            day: 1,
        }
    }

    #[test]
    fn evaluate_agrees_with_the_steps_it_replaces() {
        let LoadedScenario {
            scenario: s, data, ..
        } = countdown();
        let ev = evaluate(&s, &data, &EvalOptions::central(as_of())).unwrap();
        let sim = Simulator::new(&s, &data).unwrap();
        let r = compute(&sim, &s, &central_settings(&s), as_of()).unwrap();
        assert_eq!(ev.results.milestones.len(), r.milestones.len());
        for (a, b) in ev.results.milestones.iter().zip(&r.milestones) {
            assert_eq!(
                (a.result.with, a.result.without),
                (b.result.with, b.result.without)
            );
        }
        assert!(ev.results.uncertainty.is_none());
        assert_eq!(ev.base.len(), 2);
        // Base e0 of the demo area is calibrated to 75.8 (men) and 80.4 (women).
        let men = ev.base(Sex::Male).unwrap();
        assert!((men.local.e0() - 75.8).abs() < 0.05, "{}", men.local.e0());
    }

    #[test]
    fn draws_are_taken_from_the_scenario_unless_overridden() {
        let LoadedScenario {
            scenario: mut s,
            data,
            ..
        } = countdown();
        s.uncertainty.draws = 50;
        let ev = evaluate(&s, &data, &EvalOptions::with_draws(as_of(), None)).unwrap();
        assert_eq!(ev.results.uncertainty.as_ref().unwrap().draws, 50);
        let ev = evaluate(&s, &data, &EvalOptions::with_draws(as_of(), Some(20))).unwrap();
        assert_eq!(ev.results.uncertainty.as_ref().unwrap().draws, 20);
    }
}
