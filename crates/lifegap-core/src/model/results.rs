//! Everything a scenario's screens, reports and CSVs show, computed in one place so the app,
//! the CLI and the board pack agree to the last digit.

use super::area::Sex;
use super::delivery::{QuarterRow, quarters};
use super::goal_seek::seek_mix;
use super::milestones::{Measure, MilestoneResult, due_date, evaluate};
use super::programmes::Reach;
use super::projection::{Projection, ProjectionError, Settings, Simulator, sum_over};
use super::scenario::{Date, Period, Scenario};
use super::uncertainty::Uncertainty;
use serde::Serialize;

/// A programme's share of one milestone.
#[derive(Debug, Clone, Serialize)]
pub struct Contribution {
    pub programme: String,
    /// e₀ gain over the milestone period credited to the programme (attribution rule of
    /// `projection`): years of gap closed for a gap in years.
    pub gain: f64,
    /// Its part of the milestone measure (gain, or gain as a share of England's e₀).
    pub measure_gain: f64,
    /// Share of the shortfall (without programmes) it closes; `None` when there was none.
    pub share_of_shortfall: Option<f64>,
}

/// One milestone's judgement with each programme's part.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneReport {
    pub result: MilestoneResult,
    pub contributions: Vec<Contribution>,
    /// Required trajectory (mid-year, value) from the base period to the milestone.
    pub required_path: Vec<(f64, f64)>,
    /// The delivery countdown to stay on course (all enabled programmes scaled together).
    pub delivery: Vec<QuarterRow>,
    /// λ of the scaled-together mix that just meets it, if reachable.
    pub required_lambda: Option<f64>,
}

/// One programme's headline figures.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeSummary {
    pub id: String,
    pub name: String,
    pub enabled: bool,
    pub reach: Reach,
    pub people: String,
    pub eligible: f64,
    pub baseline: f64,
    pub target: f64,
    /// People above baseline at full delivery: on treatment (stock) or reached a year (flow).
    pub extra_people: f64,
    /// Deaths postponed a year over the headline period (both sexes, attributed).
    pub deaths_per_year: f64,
    /// Deaths postponed over the whole horizon (attributed).
    pub deaths_total: f64,
    /// e₀ gain over the headline period (attributed), men then women.
    pub gain: [f64; 2],
    /// Share of each sex's headline-milestone shortfall closed.
    pub share_of_shortfall: [Option<f64>; 2],
    pub cost_per_year: f64,
    pub cost_total: f64,
    pub cost_per_death: Option<f64>,
    pub cost_per_life_year: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScenarioResults {
    pub projection: Projection,
    /// The first milestone's period: the one headline figures are for.
    pub headline: Period,
    pub milestones: Vec<MilestoneReport>,
    pub programmes: Vec<ProgrammeSummary>,
    pub uncertainty: Option<Uncertainty>,
    pub as_of: Date,
}

/// The enabled programmes added up: attributed figures add across programmes by construction,
/// so these are the whole plan's, not a double count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ProgrammeTotals {
    pub deaths_per_year: f64,
    /// e₀ gain over the headline period, men then women.
    pub gain: [f64; 2],
    pub cost_per_year: f64,
}

impl ScenarioResults {
    /// The headline milestone (first for the sex) of a sex.
    pub fn headline_milestone(&self, sex: Sex) -> Option<&MilestoneReport> {
        self.milestones
            .iter()
            .find(|m| m.result.sex == sex && m.result.period == self.headline)
    }

    /// Totals over the enabled programmes (the "All programmes" row).
    pub fn programme_totals(&self) -> ProgrammeTotals {
        let mut t = ProgrammeTotals::default();
        for p in self.programmes.iter().filter(|p| p.enabled) {
            t.deaths_per_year += p.deaths_per_year;
            t.gain[0] += p.gain[0];
            t.gain[1] += p.gain[1];
            t.cost_per_year += p.cost_per_year;
        }
        t
    }
}

/// Only programme `k` on.
fn alone(settings: &Settings, k: usize) -> Settings {
    settings
        .iter()
        .enumerate()
        .map(|(j, s)| if j == k { *s } else { None })
        .collect()
}

/// Compute everything at the given settings. `as_of` is the planning date for countdowns.
pub fn compute(
    sim: &Simulator,
    s: &Scenario,
    settings: &Settings,
    as_of: Date,
) -> Result<ScenarioResults, ProjectionError> {
    let projection = sim.run(s, settings);
    let headline = s.milestones.first().map(|m| m.period).unwrap_or(s.horizon);
    let np = s.programmes.len();
    let mut milestones = Vec::new();
    for m in &s.milestones {
        let result = evaluate(sim, s, settings, m, as_of)?;
        // Attribute the pooled combined gain by pooled solo gains.
        let total = result.pooled.gain();
        let solo: Vec<f64> = (0..np)
            .map(|k| {
                if settings[k].is_none() {
                    return Ok(0.0);
                }
                Ok(sim.pooled(m.sex, m.period, s, &alone(settings, k))?.gain())
            })
            .collect::<Result<_, ProjectionError>>()?;
        let sum: f64 = solo.iter().sum();
        let contributions = s
            .programmes
            .iter()
            .zip(&solo)
            .map(|(p, g)| {
                let gain = if sum > 0.0 { total * g / sum } else { 0.0 };
                let measure_gain = match result.measure {
                    Measure::GapShare => gain / result.pooled.e0_comparator,
                    _ => gain,
                };
                Contribution {
                    programme: p.id.clone(),
                    gain,
                    measure_gain,
                    share_of_shortfall: (result.shortfall_without > 0.0)
                        .then(|| measure_gain / result.shortfall_without),
                }
            })
            .collect();
        let model = sim.sex(m.sex).expect("evaluate checked the sex");
        let start_value = match result.measure {
            Measure::GapYears => model.comparator_table.e0() - model.local_table.e0(),
            Measure::GapShare => {
                (model.comparator_table.e0() - model.local_table.e0()) / model.comparator_table.e0()
            }
            Measure::LifeExpectancy => model.local_table.e0(),
        };
        let required_path =
            super::milestones::required_path(s, m, start_value, result.required, &sim.years);
        let enabled = s.enabled_programme_ids();
        let seek = if enabled.is_empty() {
            None
        } else {
            Some(seek_mix(sim, s, m, &enabled)?)
        };
        let required_lambda = seek.as_ref().filter(|g| g.reachable).and_then(|g| g.lambda);
        let until = due_date(m);
        let mut delivery = Vec::new();
        for (k, p) in s.programmes.iter().enumerate() {
            let Some((planned, _)) = settings[k] else {
                continue;
            };
            let eligible: f64 = sim.sexes.iter().map(|x| x.eligible_people[k]).sum();
            let required = required_lambda
                .map(|l| p.coverage.baseline + l * (p.coverage.max - p.coverage.baseline));
            delivery.extend(quarters(
                p,
                eligible,
                planned,
                required,
                until,
                s.base_period.mid(),
            ));
        }
        milestones.push(MilestoneReport {
            result,
            contributions,
            required_path,
            delivery,
            required_lambda,
        });
    }
    let years = &projection.years;
    let programmes = s
        .programmes
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let r = &projection.programmes[k];
            let n_head = headline.len().max(1) as f64;
            let deaths_per_year: f64 = r
                .by_sex
                .iter()
                .map(|x| sum_over(years, &x.attributed_deaths, headline))
                .sum::<f64>()
                / n_head;
            let deaths_total: f64 = r
                .by_sex
                .iter()
                .map(|x| x.attributed_deaths.iter().sum::<f64>())
                .sum();
            let life_years: f64 = r
                .by_sex
                .iter()
                .map(|x| x.attributed_life_years.iter().sum::<f64>())
                .sum();
            let mut gain = [0.0; 2];
            let mut share = [None; 2];
            for sex in Sex::BOTH {
                if let Some(m) = milestones
                    .iter()
                    .find(|m| m.result.sex == sex && m.result.period == headline)
                {
                    gain[sex.index()] = m.contributions[k].gain;
                    share[sex.index()] = m.contributions[k].share_of_shortfall;
                }
            }
            let target = settings[k]
                .as_ref()
                .map_or(p.coverage.baseline, |(c, _)| *c);
            let extra_people = r.eligible * (target - p.coverage.baseline).max(0.0);
            let cost_total: f64 = r.cost.iter().sum();
            ProgrammeSummary {
                id: p.id.clone(),
                name: p.name.clone(),
                enabled: r.enabled,
                reach: p.reach,
                people: p.people.clone(),
                eligible: r.eligible,
                baseline: p.coverage.baseline,
                target,
                extra_people,
                deaths_per_year,
                deaths_total,
                gain,
                share_of_shortfall: share,
                cost_per_year: extra_people * p.cost_per_person.value,
                cost_total,
                cost_per_death: (deaths_total > 1e-9).then(|| cost_total / deaths_total),
                cost_per_life_year: (life_years > 1e-9).then(|| cost_total / life_years),
            }
        })
        .collect();
    Ok(ScenarioResults {
        projection,
        headline,
        milestones,
        programmes,
        uncertainty: None,
        as_of,
    })
}
