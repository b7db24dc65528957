//! The yearly simulation: baseline trend plus programme effects, per sex, from the base period
//! to the horizon, with each programme alone, all together, and an attribution that adds up.
//!
//! [`Simulator::new`] does everything that does not depend on the sliders (rates, trend
//! factors, eligible shares, lag values), so [`Simulator::run`] is cheap enough to call on
//! every slider movement, and goal seeking and the Monte Carlo call its inner pieces directly.
//!
//! **Attribution rule.** Programmes acting on the same cells combine multiplicatively, so their
//! solo gains add up to more than the combined gain. Each programme is credited with the
//! combined gain (and combined deaths postponed) in proportion to its solo gain (solo deaths
//! postponed); the credits add up exactly to the combined figure.
//!
//! **Life-years gained** are deaths postponed × the remaining life expectancy at the middle of
//! the band (base-period local life table), undiscounted: the conventional YLL-averted measure.
//! Each programme's life-years come from its own counterfactual (its own deaths postponed, band
//! by band, each at that band's remaining life expectancy), and the combined life-years are
//! shared out in proportion to those, the rule used for e₀: an infant death postponed counts a
//! lifetime, a death at 85 a few years (not the pooled average of every programme).
//!
//! **Coverage** is credited above each programme's business-as-usual trajectory and acts on
//! the untreated group's rate (see [`super::programmes`]). Where a programme's age profile gives
//! its base-period coverage by age, each band's share of the extra coverage and its own
//! treated share follow the convention of [`super::programmes::AgeValue::baseline_coverage`].

use super::area::{AreaData, Sex};
use super::bands::BandSet;
use super::cause_reduction::AgeRange;
use super::evidence::LagProfile;
use super::life_table::{LifeTable, LifeTableOptions, e0_from_rates, life_table};
use super::programmes::{EffectSizes, MAX_EFFECTS, lag_after_decay};
use super::scenario::{Period, Scenario};
use super::trend::{Slopes, rate_multiplier, slopes};
use serde::Serialize;
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ProjectionError {
    #[error("no valid data for area '{area}', {sex}")]
    MissingGroup { area: String, sex: Sex },
    #[error("life table for '{area}', {sex}: {message}")]
    LifeTable {
        area: String,
        sex: Sex,
        message: String,
    },
    #[error("{0}")]
    Trend(String),
    #[error("period {period} is outside the simulated years {horizon}")]
    OutsideHorizon { period: Period, horizon: Period },
    #[error("the scenario is invalid: {0}")]
    Invalid(String),
}

/// No programme postpones more than this share of a cell's deaths: deaths postponed never
/// exceed the deaths there, and the open band keeps a death rate (removing every death from
/// it would leave life expectancy undefined).
pub const MAX_REDUCTION: f64 = 0.99;

/// Per programme, per effect: lag values by year at a drawn timing (None: the central lag).
type DrawnLags = Vec<Vec<Option<Vec<f64>>>>;

/// A programme's effect on one cause, ready to apply.
#[derive(Debug, Clone)]
struct EffectModel {
    /// Position of the effect in the programme's `effects` (and in `EffectSizes::per_effect`):
    /// effects on causes the data lack are left out, so this is not the model's own index.
    effect: usize,
    /// Index of the cause in the area data.
    cause: usize,
    /// (band, eligible share of the band's population × the group's relative risk there
    /// relative to the programme's) for the bands where deaths are postponed.
    bands: Vec<(usize, f64)>,
    /// When the programme's baseline coverage differs by age ([`AgeValue::baseline_coverage`]),
    /// per entry of `bands`: (u, o) with the band's share of the overall extra coverage
    /// u = (1 − bₐ)/(1 − b̄) and its treated share o + u × the overall BAU coverage
    /// (o = bₐ − u·b̄). Empty: every band at the programme's coverage.
    ///
    /// [`AgeValue::baseline_coverage`]: super::programmes::AgeValue::baseline_coverage
    cover: Vec<(f64, f64)>,
    /// Lag value `j + ½` years after starting, j = 0, 1, …, at the central timing.
    lag: Vec<f64>,
    /// The lag profile, its central timing and the yearly share kept after decay, to
    /// recompute the lag at a drawn timing (Monte Carlo).
    profile: LagProfile,
    timing: f64,
    kept: f64,
}

impl EffectModel {
    /// Lag value `j + ½` years after starting at timing multiplier `timing`.
    fn lag_at(&self, j: usize, timing: f64) -> f64 {
        if timing == self.timing {
            return self.lag[j];
        }
        lag_after_decay(&self.profile, j as f64 + 0.5, timing, self.kept)
    }
}

/// One sex's inputs.
#[derive(Debug, Clone)]
pub struct SexModel {
    pub sex: Sex,
    pub bands: BandSet,
    pub causes: usize,
    /// Local base rates, `[band * causes + cause]`.
    m_local: Vec<f64>,
    /// Comparator all-cause base rates by band.
    m_comp: Vec<f64>,
    /// Local population per year by band (pooled person-years / years pooled).
    pub annual_pop: Vec<f64>,
    pub local_table: LifeTable,
    pub comparator_table: LifeTable,
    pub slopes: Slopes,
    /// Rate factors for each simulated year.
    k_local: Vec<f64>,
    k_comp: Vec<f64>,
    /// d ln k_local / d slope per simulated year (years of e₀ a year), so a Monte Carlo draw
    /// of the local trend's slope moves the rates without re-solving the life table
    /// ([`SexModel::k_local_drawn`]). Empty when the slope has no standard error.
    k_slope_sensitivity: Vec<f64>,
    /// Remaining life expectancy at mid-band, for life-years gained.
    e_mid: Vec<f64>,
    /// Per programme: remaining life expectancy at mid-band of its group when its survival
    /// after the postponed death differs from the population's (`survival_hr` ≠ 1), minus
    /// `e_mid`; empty at the population's survival.
    e_mid_excess: Vec<Vec<f64>>,
    /// Per programme: the hazard ratio `e_mid_excess` was computed at (the scenario's
    /// `survival_hr`), so a Monte Carlo draw at another ratio recomputes it
    /// ([`SexModel::excess_at`]).
    survival_central: Vec<f64>,
    /// Per programme (scenario order): its effects for this sex (empty if it does not apply).
    effects: Vec<Vec<EffectModel>>,
    /// Per programme: eligible people (annual) of this sex.
    pub eligible_people: Vec<f64>,
    /// Per programme: its effects act on different causes (so on different cells).
    distinct_causes: Vec<bool>,
    /// Standard error of the base-period gap: √(SE²local + SE²comparator).
    pub base_gap_se: f64,
}

/// Everything about a scenario that does not depend on the sliders.
#[derive(Debug, Clone)]
pub struct Simulator {
    pub years: Vec<i32>,
    pub horizon: Period,
    pub base_period: Period,
    pub sexes: Vec<SexModel>,
    /// Causes a programme targets that the data lack (the effect is then zero).
    pub missing_causes: Vec<(String, String)>,
    /// Programmes whose age profile's baseline coverage averages (eligible-weighted, this
    /// area's population) more than [`BASELINE_TOLERANCE`] away from `coverage.baseline`:
    /// (id, name, `coverage.baseline`, the average).
    ///
    /// [`BASELINE_TOLERANCE`]: super::programmes::BASELINE_TOLERANCE
    pub baseline_mismatch: Vec<(String, String, f64, f64)>,
}

/// Results for one sex, by simulated year.
#[derive(Debug, Clone, Serialize)]
pub struct SexResult {
    pub sex: Sex,
    pub e0_local_without: Vec<f64>,
    pub e0_local_with: Vec<f64>,
    pub e0_comparator: Vec<f64>,
    pub gap_without: Vec<f64>,
    pub gap_with: Vec<f64>,
    pub deaths_postponed: Vec<f64>,
    pub life_years_gained: Vec<f64>,
    /// Base-period figures (the data).
    pub base_e0_local: f64,
    pub base_e0_comparator: f64,
    pub base_gap: f64,
    /// Standard error of the base-period gap (local and comparator SEs combined).
    pub base_gap_se: f64,
}

/// One programme's results for one sex, by simulated year.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeSexResult {
    pub sex: Sex,
    /// e₀ gain with this programme alone.
    pub solo_gain: Vec<f64>,
    /// Its share of the combined gain (attribution; adds up across programmes).
    pub attributed_gain: Vec<f64>,
    pub solo_deaths: Vec<f64>,
    pub attributed_deaths: Vec<f64>,
    pub attributed_life_years: Vec<f64>,
}

/// One programme's results.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeResult {
    pub id: String,
    pub name: String,
    pub enabled: bool,
    /// People reached above baseline each year (both sexes): extra people on treatment for
    /// stock programmes, people reached that year for flow programmes.
    pub people_reached: Vec<f64>,
    /// Eligible people (both sexes).
    pub eligible: f64,
    pub cost: Vec<f64>,
    pub by_sex: Vec<ProgrammeSexResult>,
}

/// A full projection.
#[derive(Debug, Clone, Serialize)]
pub struct Projection {
    pub years: Vec<i32>,
    pub sexes: Vec<SexResult>,
    pub programmes: Vec<ProgrammeResult>,
}

impl Projection {
    pub fn sex(&self, sex: Sex) -> Option<&SexResult> {
        self.sexes.iter().find(|s| s.sex == sex)
    }
}

/// A programme's people above business as usual, per simulated year: the share of the
/// eligible group starting that year (negative when BAU catches up with the plan), and the
/// share already treated under BAU (for the untreated-rate factor).
#[derive(Debug, Clone)]
pub struct Reached {
    pub entrants: Vec<f64>,
    pub treated: Vec<f64>,
}

/// Coverage target and effect sizes for each programme (scenario order); disabled programmes
/// have `None`.
pub type Settings = Vec<Option<(f64, EffectSizes)>>;

/// Where programme `id` is in the scenario, or an error naming it.
pub(crate) fn programme_index(s: &Scenario, id: &str) -> Result<usize, ProjectionError> {
    s.programmes
        .iter()
        .position(|p| p.id == id)
        .ok_or_else(|| ProjectionError::Invalid(format!("no programme '{id}'")))
}

/// The settings of the scenario as written: each enabled programme at its target coverage with
/// central effect sizes.
pub fn central_settings(s: &Scenario) -> Settings {
    s.programmes
        .iter()
        .map(|p| p.enabled.then(|| (p.coverage.target, p.central_effects())))
        .collect()
}

impl Simulator {
    pub fn new(s: &Scenario, data: &AreaData) -> Result<Simulator, ProjectionError> {
        let problems = s.check();
        if !problems.is_empty() {
            let text: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
            return Err(ProjectionError::Invalid(text.join("; ")));
        }
        let years: Vec<i32> = s.horizon.years().collect();
        let pooled = s.base_period.len().max(1) as f64;
        let bands = data.bands;
        let nc = data.causes.len();
        let mut missing_causes = Vec::new();
        for p in &s.programmes {
            for e in &p.effects {
                if data.cause_index(&e.cause).is_none() {
                    missing_causes.push((p.id.clone(), e.cause.clone()));
                }
            }
        }
        // Each programme's eligible-weighted base-period coverage over its age profile's
        // ranges (both sexes), when the profile gives coverage by age.
        let mean_baseline: Vec<Option<f64>> = s
            .programmes
            .iter()
            .map(|p| {
                if !p.has_age_baselines() {
                    return None;
                }
                let (mut num, mut den) = (0.0, 0.0);
                for sex in Sex::BOTH {
                    let Some(g) = data.group(&s.area, sex).filter(|_| p.applies_to(sex)) else {
                        continue;
                    };
                    for b in p.eligible.ages.bands(bands) {
                        let w = g.population[b] * p.share_in(bands, b);
                        num += w * p.baseline_in(bands, b);
                        den += w;
                    }
                }
                (den > 0.0).then(|| num / den)
            })
            .collect();
        let baseline_mismatch = s
            .programmes
            .iter()
            .zip(&mean_baseline)
            .filter_map(|(p, m)| {
                let m = (*m)?;
                ((m - p.coverage.baseline).abs() > super::programmes::BASELINE_TOLERANCE)
                    .then(|| (p.id.clone(), p.name.clone(), p.coverage.baseline, m))
            })
            .collect();
        let opts = LifeTableOptions::default();
        let mut sexes = Vec::new();
        for sex in Sex::BOTH {
            // A sex without valid data for both areas is left out (a milestone for it then
            // fails with a clear error naming the missing group).
            let (Some(lg), Some(cg)) = (data.group(&s.area, sex), data.group(&s.comparator, sex))
            else {
                continue;
            };
            let table_err =
                |area: &str, e: super::life_table::LifeTableErrors| ProjectionError::LifeTable {
                    area: area.to_string(),
                    sex,
                    message: e.to_string(),
                };
            let local_table = life_table(bands, &lg.all_deaths(), &lg.population, &opts)
                .map_err(|e| table_err(&s.area, e))?;
            let comparator_table = life_table(bands, &cg.all_deaths(), &cg.population, &opts)
                .map_err(|e| table_err(&s.comparator, e))?;
            let sl = slopes(
                &s.trend,
                &s.history,
                s.base_period,
                sex,
                local_table.e0(),
                comparator_table.e0(),
            )
            .map_err(ProjectionError::Trend)?;
            let mut m_local = vec![0.0; bands.len() * nc];
            for b in 0..bands.len() {
                for c in 0..nc {
                    m_local[b * nc + c] = lg.deaths[c][b] / lg.population[b];
                }
            }
            let m_all_local: Vec<f64> = local_table.rows.iter().map(|r| r.m).collect();
            let m_comp: Vec<f64> = comparator_table.rows.iter().map(|r| r.m).collect();
            let base_mid = s.base_period.mid();
            let k_local: Vec<f64> = years
                .iter()
                .map(|&y| {
                    let target = local_table.e0() + sl.local * (y as f64 + 0.5 - base_mid);
                    rate_multiplier(bands, &m_all_local, target)
                })
                .collect();
            // First-order sensitivity of ln k to the slope: a slope δ off moves year y's
            // target by δ·(y + ½ − base mid); ln k is close to linear in e₀ over the few
            // tenths of a year a plausible δ moves it (tested against re-solving).
            let k_slope_sensitivity = if sl.local_se > 0.0 {
                const H: f64 = 0.05;
                years
                    .iter()
                    .zip(&k_local)
                    .map(|(&y, &k)| {
                        let dt = y as f64 + 0.5 - base_mid;
                        let target = local_table.e0() + sl.local * dt;
                        let k2 = rate_multiplier(bands, &m_all_local, target + H);
                        (k2.ln() - k.ln()) / H * dt
                    })
                    .collect()
            } else {
                Vec::new()
            };
            // England's path: the trend from its base-period table, or the scenario's
            // comparator path (Holt's forecast or typed values; `comparator_path`).
            let path = s
                .comparator_path
                .prepare(sex)
                .map_err(|e| ProjectionError::Trend(format!("comparator path: {e}")))?;
            let k_comp = years
                .iter()
                .map(|&y| {
                    let t = y as f64 + 0.5;
                    let target = match &path {
                        Some(p) => p.at(t, 0.0).value,
                        None => comparator_table.e0() + sl.comparator * (t - base_mid),
                    };
                    rate_multiplier(bands, &m_comp, target)
                })
                .collect();
            let annual_pop: Vec<f64> = lg.population.iter().map(|p| p / pooled).collect();
            let e_mid = (0..bands.len())
                .map(|b| {
                    let r = &local_table.rows;
                    match r.get(b + 1) {
                        Some(next) => 0.5 * (r[b].e + next.e),
                        None => r[b].e,
                    }
                })
                .collect();
            let m_all: Vec<f64> = local_table.rows.iter().map(|r| r.m).collect();
            let e_mid_excess = s
                .programmes
                .iter()
                .map(|p| {
                    let hr = p.survival_hr.value;
                    if hr == 1.0 {
                        return Vec::new();
                    }
                    let scaled: Vec<f64> = m_all.iter().map(|m| m * hr).collect();
                    mid_band_e(bands, &scaled)
                        .iter()
                        .zip(&e_mid)
                        .map(|(g, e)| g - e)
                        .collect()
                })
                .collect();
            let survival_central = s.programmes.iter().map(|p| p.survival_hr.value).collect();
            let mut effects = Vec::new();
            let mut eligible_people = Vec::new();
            for (p, mean_b) in s.programmes.iter().zip(&mean_baseline) {
                if !p.applies_to(sex) {
                    effects.push(Vec::new());
                    eligible_people.push(0.0);
                    continue;
                }
                // Share (and the group's risk) band by band: flat, or the age profile's.
                let elig: f64 = p
                    .eligible
                    .ages
                    .bands(bands)
                    .iter()
                    .map(|&b| annual_pop[b] * p.share_in(bands, b))
                    .sum();
                eligible_people.push(elig);
                effects.push(
                    p.effects
                        .iter()
                        .enumerate()
                        .take(MAX_EFFECTS)
                        .filter_map(|(effect, e)| {
                            let cause = data.cause_index(&e.cause)?;
                            let ages: AgeRange = p.effect_ages(e);
                            let lag = p.effect_lag(e);
                            let cover = match mean_b {
                                Some(mean) => ages
                                    .bands(bands)
                                    .into_iter()
                                    .map(|b| {
                                        let own = p.baseline_in(bands, b);
                                        let u = if *mean < 1.0 {
                                            (1.0 - own) / (1.0 - mean)
                                        } else {
                                            0.0
                                        };
                                        (u, own - u * mean)
                                    })
                                    .collect(),
                                None => Vec::new(),
                            };
                            Some(EffectModel {
                                effect,
                                cause,
                                cover,
                                bands: ages
                                    .bands(bands)
                                    .into_iter()
                                    .map(|b| {
                                        (
                                            b,
                                            p.share_in(bands, b)
                                                * p.risk_ratio_in(bands, b, effect),
                                        )
                                    })
                                    .collect(),
                                lag: (0..years.len())
                                    .map(|j| p.effect_at(lag, j as f64 + 0.5))
                                    .collect(),
                                profile: lag.clone(),
                                timing: lag.timing_value(),
                                kept: p.kept_each_year(),
                            })
                        })
                        .collect(),
                );
            }
            let distinct_causes = effects
                .iter()
                .map(|effs: &Vec<EffectModel>| {
                    let mut causes: Vec<usize> = effs.iter().map(|e| e.cause).collect();
                    causes.sort_unstable();
                    causes.windows(2).all(|w| w[0] != w[1])
                })
                .collect();
            sexes.push(
                SexModel {
                    sex,
                    bands,
                    causes: nc,
                    m_local,
                    m_comp,
                    annual_pop,
                    base_gap_se: 0.0,
                    local_table,
                    comparator_table,
                    slopes: sl,
                    k_local,
                    k_comp,
                    k_slope_sensitivity,
                    e_mid,
                    e_mid_excess,
                    survival_central,
                    effects,
                    eligible_people,
                    distinct_causes,
                }
                .with_gap_se(),
            );
        }
        if sexes.is_empty() {
            return Err(ProjectionError::MissingGroup {
                area: s.area.clone(),
                sex: Sex::Male,
            });
        }
        Ok(Simulator {
            years,
            horizon: s.horizon,
            base_period: s.base_period,
            sexes,
            missing_causes,
            baseline_mismatch,
        })
    }

    pub fn sex(&self, sex: Sex) -> Option<&SexModel> {
        self.sexes.iter().find(|m| m.sex == sex)
    }

    /// A sex's model (its index in `sexes`) and the simulated years of `period` (first, last):
    /// the lookup every pooled figure starts from, with the errors that name what is missing.
    pub(crate) fn locate(
        &self,
        s: &Scenario,
        sex: Sex,
        period: Period,
    ) -> Result<(usize, usize, usize), ProjectionError> {
        let k =
            self.sexes
                .iter()
                .position(|m| m.sex == sex)
                .ok_or(ProjectionError::MissingGroup {
                    area: s.area.clone(),
                    sex,
                })?;
        let (Some(t0), Some(t1)) = (self.year_index(period.first), self.year_index(period.last))
        else {
            return Err(ProjectionError::OutsideHorizon {
                period,
                horizon: self.horizon,
            });
        };
        Ok((k, t0, t1))
    }

    /// Index of a calendar year in the simulation.
    pub(crate) fn year_index(&self, year: i32) -> Option<usize> {
        self.years.iter().position(|&y| y == year)
    }

    /// Entrant shares by year for each programme at its setting (None = off).
    pub(crate) fn entrants(&self, s: &Scenario, settings: &Settings) -> Vec<Option<Reached>> {
        let base_mid = self.base_period.mid();
        s.programmes
            .iter()
            .zip(settings)
            .map(|(p, set)| {
                set.as_ref().map(|(target, _)| Reached {
                    entrants: p.entrants(&self.years, *target, base_mid),
                    treated: p.treated_already(&self.years, base_mid),
                })
            })
            .collect()
    }

    /// The full projection at the given settings.
    pub fn run(&self, s: &Scenario, settings: &Settings) -> Projection {
        let entrants = self.entrants(s, settings);
        let ny = self.years.len();
        let np = s.programmes.len();
        let mut sex_results = Vec::new();
        let mut prog_sex: Vec<Vec<ProgrammeSexResult>> = vec![Vec::new(); np];
        for m in &self.sexes {
            let mut r = SexResult {
                sex: m.sex,
                e0_local_without: Vec::with_capacity(ny),
                e0_local_with: Vec::with_capacity(ny),
                e0_comparator: Vec::with_capacity(ny),
                gap_without: Vec::with_capacity(ny),
                gap_with: Vec::with_capacity(ny),
                deaths_postponed: Vec::with_capacity(ny),
                life_years_gained: Vec::with_capacity(ny),
                base_e0_local: m.local_table.e0(),
                base_e0_comparator: m.comparator_table.e0(),
                base_gap: m.comparator_table.e0() - m.local_table.e0(),
                base_gap_se: m.base_gap_se,
            };
            let mut per: Vec<ProgrammeSexResult> = (0..np)
                .map(|_| ProgrammeSexResult {
                    sex: m.sex,
                    solo_gain: vec![0.0; ny],
                    attributed_gain: vec![0.0; ny],
                    solo_deaths: vec![0.0; ny],
                    attributed_deaths: vec![0.0; ny],
                    attributed_life_years: vec![0.0; ny],
                })
                .collect();
            let mut work = Workspace::new(m, np);
            for t in 0..ny {
                let y = work.year(m, t, &entrants, settings);
                r.e0_local_without.push(y.e0_without);
                r.e0_local_with.push(y.e0_with);
                let e0c = m.e0_comparator(t);
                r.e0_comparator.push(e0c);
                r.gap_without.push(e0c - y.e0_without);
                r.gap_with.push(e0c - y.e0_with);
                r.deaths_postponed.push(y.deaths);
                r.life_years_gained.push(y.life_years);
                let total_gain = y.e0_with - y.e0_without;
                let sum_solo: f64 = y.solo_gain.iter().sum();
                let sum_deaths: f64 = y.solo_deaths.iter().sum();
                let sum_life_years: f64 = y.solo_life_years.iter().sum();
                for (k, pk) in per.iter_mut().enumerate() {
                    let (gain, deaths) = (y.solo_gain[k], y.solo_deaths[k]);
                    pk.solo_gain[t] = gain;
                    pk.solo_deaths[t] = deaths;
                    if sum_solo > 0.0 {
                        pk.attributed_gain[t] = total_gain * gain / sum_solo;
                    }
                    if sum_deaths > 0.0 {
                        pk.attributed_deaths[t] = y.deaths * deaths / sum_deaths;
                    }
                    if sum_life_years > 0.0 {
                        pk.attributed_life_years[t] =
                            y.life_years * y.solo_life_years[k] / sum_life_years;
                    }
                }
            }
            for (k, p) in per.into_iter().enumerate() {
                prog_sex[k].push(p);
            }
            sex_results.push(r);
        }
        let base_mid = self.base_period.mid();
        let programmes = s
            .programmes
            .iter()
            .zip(prog_sex)
            .zip(settings)
            .enumerate()
            .map(|(k, ((p, by_sex), set))| {
                let eligible: f64 = self.sexes.iter().map(|m| m.eligible_people[k]).sum();
                let people: Vec<f64> = self
                    .years
                    .iter()
                    .map(|&y| match set {
                        Some((target, _)) => eligible * p.reached_share(y, *target, base_mid),
                        None => 0.0,
                    })
                    .collect();
                let cost = people.iter().map(|n| n * p.cost_per_person.value).collect();
                ProgrammeResult {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    enabled: set.is_some(),
                    people_reached: people,
                    eligible,
                    cost,
                    by_sex,
                }
            })
            .collect();
        Projection {
            years: self.years.clone(),
            sexes: sex_results,
            programmes,
        }
    }

    /// Pooled e₀ over `period` for one sex: local without and with the programmes, and the
    /// comparator. Pooled rates are the mean of the yearly rates (equal populations).
    pub fn pooled(
        &self,
        sex: Sex,
        period: Period,
        s: &Scenario,
        settings: &Settings,
    ) -> Result<Pooled, ProjectionError> {
        let (k, t0, t1) = self.locate(s, sex, period)?;
        let m = &self.sexes[k];
        let entrants = self.entrants(s, settings);
        Ok(m.pooled(t0, t1, &entrants, settings))
    }
}

/// Cause-specific death rates of the area, pooled over a period as [`Simulator::pooled`]
/// pools them (the mean of the yearly rates): what the directly standardised rates of the
/// mortality targets are taken from (`model::dsr::targets`).
#[derive(Debug, Clone, PartialEq)]
pub struct PooledRates {
    pub bands: BandSet,
    /// Cause columns, as in the area data.
    pub causes: usize,
    /// Person-years a year by band (for pooling bands onto a standard).
    pub annual_pop: Vec<f64>,
    /// Rates without the programmes (the trend only), `[band * causes + cause]`.
    pub without: Vec<f64>,
    /// With every enabled programme.
    pub with: Vec<f64>,
    /// With each programme alone (scenario order; a disabled one equals `without`).
    pub each: Vec<Vec<f64>>,
    /// The comparator's trend over the period relative to the base period (the mean of its
    /// yearly rate factors): its rates are the base period's times this.
    pub comparator_factor: f64,
}

impl Simulator {
    /// The area's cause rates pooled over `period` (within the horizon), without, with all and
    /// with each programme, and the comparator's trend factor.
    pub fn pooled_rates(
        &self,
        sex: Sex,
        period: Period,
        s: &Scenario,
        settings: &Settings,
    ) -> Result<PooledRates, ProjectionError> {
        let (k, t0, t1) = self.locate(s, sex, period)?;
        let m = &self.sexes[k];
        let entrants = self.entrants(s, settings);
        let np = settings.len();
        let cells = m.m_local.len();
        let n = (t1 - t0 + 1) as f64;
        let mut out = PooledRates {
            bands: m.bands,
            causes: m.causes,
            annual_pop: m.annual_pop.clone(),
            without: vec![0.0; cells],
            with: vec![0.0; cells],
            each: vec![vec![0.0; cells]; np],
            comparator_factor: 0.0,
        };
        let mut red: Vec<Vec<(usize, f64)>> = vec![Vec::new(); np];
        let mut factor = vec![1.0; cells];
        let lags = m.drawn_lags(settings);
        for t in t0..=t1 {
            m.reductions(t, &entrants, settings, &lags, &mut red);
            factor.iter_mut().for_each(|f| *f = 1.0);
            for cells in &red {
                for &(cell, r) in cells {
                    factor[cell] *= 1.0 - r;
                }
            }
            let k = m.k_local[t];
            for c in 0..cells {
                let rate = m.m_local[c] * k / n;
                out.without[c] += rate;
                out.with[c] += rate * factor[c];
                for e in out.each.iter_mut() {
                    e[c] += rate;
                }
            }
            for (kprog, cells) in red.iter().enumerate() {
                for &(cell, r) in cells {
                    out.each[kprog][cell] -= m.m_local[cell] * k / n * r;
                }
            }
            out.comparator_factor += m.k_comp[t] / n;
        }
        Ok(out)
    }
}

/// Pooled life expectancy over a period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Pooled {
    pub e0_local_without: f64,
    pub e0_local_with: f64,
    pub e0_comparator: f64,
}

impl Pooled {
    pub fn gain(&self) -> f64 {
        self.e0_local_with - self.e0_local_without
    }
}

/// Remaining life expectancy at mid-band from death rates by band: the mean of the band's
/// start and the next band's (the open band's own), as `e_mid` from the local table.
fn mid_band_e(bands: BandSet, m: &[f64]) -> Vec<f64> {
    let e = super::life_table::remaining_from_rates(bands, m);
    (0..e.len())
        .map(|b| match e.get(b + 1) {
            Some(next) => 0.5 * (e[b] + next),
            None => e[b],
        })
        .collect()
}

/// One simulated year of one sex.
struct YearOut<'a> {
    e0_without: f64,
    e0_with: f64,
    deaths: f64,
    life_years: f64,
    solo_gain: &'a [f64],
    solo_deaths: &'a [f64],
    solo_life_years: &'a [f64],
}

/// Scratch buffers reused across years (no allocation per year).
struct Workspace {
    rates: Vec<f64>,
    factor: Vec<f64>,
    solo_factor: Vec<Vec<(usize, f64)>>,
    all_cause: Vec<f64>,
    solo_gain: Vec<f64>,
    solo_deaths: Vec<f64>,
    solo_life_years: Vec<f64>,
    /// Per cell: Σ reduction over the programmes acting on it, and Σ reduction × their
    /// group's years short of (or beyond) the population's, to weight the combined life-years.
    cell_weight: Vec<f64>,
    cell_excess: Vec<f64>,
}

impl Workspace {
    fn new(m: &SexModel, np: usize) -> Self {
        let cells = m.m_local.len();
        Workspace {
            rates: vec![0.0; cells],
            factor: vec![1.0; cells],
            solo_factor: vec![Vec::new(); np],
            all_cause: vec![0.0; m.bands.len()],
            solo_gain: vec![0.0; np],
            solo_deaths: vec![0.0; np],
            solo_life_years: vec![0.0; np],
            cell_weight: vec![0.0; cells],
            cell_excess: vec![0.0; cells],
        }
    }

    fn year(
        &mut self,
        m: &SexModel,
        t: usize,
        entrants: &[Option<Reached>],
        settings: &Settings,
    ) -> YearOut<'_> {
        let nc = m.causes;
        let k = m.k_local[t];
        for (r, b) in self.rates.iter_mut().zip(&m.m_local) {
            *r = b * k;
        }
        self.factor.iter_mut().for_each(|f| *f = 1.0);
        // Central settings: every lag at its central timing (no drawn lags).
        m.reductions(t, entrants, settings, &Vec::new(), &mut self.solo_factor);
        for cells in &self.solo_factor {
            for &(cell, r) in cells {
                self.factor[cell] *= 1.0 - r;
            }
        }
        let e0_without = m.e0_of(&self.rates, None, &mut self.all_cause);
        let e0_with = m.e0_of(&self.rates, Some(&self.factor), &mut self.all_cause);
        self.cell_weight.iter_mut().for_each(|w| *w = 0.0);
        self.cell_excess.iter_mut().for_each(|w| *w = 0.0);
        for kprog in 0..self.solo_factor.len() {
            let cells = &self.solo_factor[kprog];
            if cells.is_empty() {
                self.solo_gain[kprog] = 0.0;
                self.solo_deaths[kprog] = 0.0;
                self.solo_life_years[kprog] = 0.0;
                continue;
            }
            // All-cause rates with this programme alone.
            for b in 0..m.bands.len() {
                self.all_cause[b] = self.rates[b * nc..(b + 1) * nc].iter().sum();
            }
            let (mut d, mut ly) = (0.0, 0.0);
            let hr = settings
                .get(kprog)
                .and_then(Option::as_ref)
                .map_or(m.survival_central[kprog], |(_, e)| e.survival_hr);
            let excess = m.excess_at(kprog, hr);
            for &(cell, r) in cells {
                let b = cell / nc;
                let cut = self.rates[cell] * r;
                self.all_cause[b] -= cut;
                d += cut * m.annual_pop[b];
                // The years each postponed death buys: the group's remaining life expectancy.
                let x = excess.get(b).copied().unwrap_or(0.0);
                ly += cut * m.annual_pop[b] * (m.e_mid[b] + x);
                self.cell_weight[cell] += r;
                self.cell_excess[cell] += r * x;
            }
            self.solo_gain[kprog] = e0_from_rates(m.bands, &self.all_cause) - e0_without;
            self.solo_deaths[kprog] = d;
            self.solo_life_years[kprog] = ly;
        }
        // Together: a cell's postponed deaths buy the years of the groups they come from,
        // weighted by each programme's own reduction there (exactly the population's years
        // when no programme there has its own survival).
        let mut deaths = 0.0;
        let mut life_years = 0.0;
        for (cell, f) in self.factor.iter().enumerate() {
            if *f < 1.0 {
                let b = cell / nc;
                let d = self.rates[cell] * m.annual_pop[b] * (1.0 - f);
                deaths += d;
                let w = self.cell_weight[cell];
                let x = if w > 0.0 {
                    self.cell_excess[cell] / w
                } else {
                    0.0
                };
                life_years += d * (m.e_mid[b] + x);
            }
        }
        YearOut {
            e0_without,
            e0_with,
            deaths,
            life_years,
            solo_gain: &self.solo_gain,
            solo_deaths: &self.solo_deaths,
            solo_life_years: &self.solo_life_years,
        }
    }
}

impl SexModel {
    fn with_gap_se(mut self) -> Self {
        self.base_gap_se =
            (self.local_table.se0().powi(2) + self.comparator_table.se0().powi(2)).sqrt();
        self
    }

    /// Comparator e₀ in simulated year `t` (its own trend; programmes are local).
    pub fn e0_comparator(&self, t: usize) -> f64 {
        let k = self.k_comp[t];
        let scaled: Vec<f64> = self.m_comp.iter().map(|m| m * k).collect();
        e0_from_rates(self.bands, &scaled)
    }

    /// e₀ from cause rates (optionally times per-cell factors), via all-cause rates in `buf`.
    fn e0_of(&self, rates: &[f64], factor: Option<&[f64]>, buf: &mut [f64]) -> f64 {
        let nc = self.causes;
        for (b, out) in buf.iter_mut().enumerate() {
            let cells = b * nc..(b + 1) * nc;
            *out = match factor {
                None => rates[cells].iter().sum(),
                Some(f) => rates[cells.clone()]
                    .iter()
                    .zip(&f[cells])
                    .map(|(r, f)| r * f)
                    .sum(),
            };
        }
        e0_from_rates(self.bands, buf)
    }

    /// Each programme's reductions (cell, r) in simulated year `t`, r capped at 1 (no more
    /// deaths postponed than there are). Effects of one programme on one cell add.
    fn reductions(
        &self,
        t: usize,
        entrants: &[Option<Reached>],
        settings: &Settings,
        lags: &DrawnLags,
        out: &mut [Vec<(usize, f64)>],
    ) {
        let nc = self.causes;
        for (kprog, cells) in out.iter_mut().enumerate() {
            cells.clear();
            let (Some(ent), Some((_, sizes))) = (&entrants[kprog], &settings[kprog]) else {
                continue;
            };
            for e in &self.effects[kprog] {
                // Σₛ entrants(s) · lag(t − s + ½): people effectively reached, as a share.
                let mut reached = 0.0;
                let lag = lags
                    .get(kprog)
                    .and_then(|p| p.get(e.effect))
                    .and_then(Option::as_deref)
                    .unwrap_or(&e.lag);
                for (s, en) in ent.entrants.iter().enumerate().take(t + 1) {
                    if *en != 0.0 {
                        reached += en * lag[t - s];
                    }
                }
                // Newly reached people come from the untreated, whose rate is the group's
                // average / (1 − already treated × adherence × RRR) (IMPACT).
                let benefit = sizes.kept_up * sizes.rrr[e.effect];
                let untreated = |treated: f64| 1.0 / (1.0 - treated * benefit).max(1e-6);
                let strength = reached * sizes.adherence * sizes.per_effect[e.effect];
                if strength <= 0.0 {
                    continue;
                }
                let overall = untreated(ent.treated[t]);
                let distinct = self.distinct_causes[kprog];
                for (i, &(b, share)) in e.bands.iter().enumerate() {
                    let cell = b * nc + e.cause;
                    // Coverage by age: the band's share of the extra coverage and its own
                    // treated share (see `cover`).
                    let factor = match e.cover.get(i) {
                        Some(&(u, o)) => u * untreated((o + u * ent.treated[t]).clamp(0.0, 1.0)),
                        None => overall,
                    };
                    let r = (share * strength * factor).min(MAX_REDUCTION);
                    // Effects on different causes never share a cell: no search (the search
                    // was most of the Monte Carlo's time).
                    if distinct {
                        cells.push((cell, r));
                        continue;
                    }
                    match cells.iter_mut().find(|(c, _)| *c == cell) {
                        Some((_, v)) => *v = (*v + r).min(MAX_REDUCTION),
                        None => cells.push((cell, r)),
                    }
                }
            }
        }
    }

    /// The lag values of every effect whose timing in `settings` differs from its central
    /// one (a Monte Carlo draw), computed once per call rather than once per year and start.
    fn drawn_lags(&self, settings: &Settings) -> DrawnLags {
        let ny = self.k_local.len();
        self.effects
            .iter()
            .zip(settings)
            .map(|(effs, set)| {
                let Some((_, sizes)) = set else {
                    return Vec::new();
                };
                // Allocated only when a timing was drawn: central runs pass through empty.
                let mut out: Vec<Option<Vec<f64>>> = Vec::new();
                for e in effs {
                    let timing = sizes.lag_timing[e.effect];
                    if timing != e.timing {
                        if out.is_empty() {
                            out = vec![None; MAX_EFFECTS];
                        }
                        out[e.effect] = Some((0..ny).map(|j| e.lag_at(j, timing)).collect());
                    }
                }
                out
            })
            .collect()
    }

    /// Standard error of the local trend's slope (0 when it is typed or rests on two points).
    pub fn slope_se(&self) -> f64 {
        if self.k_slope_sensitivity.is_empty() {
            0.0
        } else {
            self.slopes.local_se
        }
    }

    /// The local rate factors by year when the trend's slope is `delta` years a year above
    /// the fitted one (a Monte Carlo draw); the central factors when it has no uncertainty.
    pub(crate) fn k_local_drawn(&self, delta: f64) -> std::borrow::Cow<'_, [f64]> {
        if self.k_slope_sensitivity.is_empty() || delta == 0.0 {
            // No copy per draw when the trend is not drawn.
            return std::borrow::Cow::Borrowed(&self.k_local);
        }
        self.k_local
            .iter()
            .zip(&self.k_slope_sensitivity)
            .map(|(k, s)| k * (s * delta).exp())
            .collect()
    }

    /// Years a death postponed by programme `k` buys beyond (or short of) the population's,
    /// by band, when its group's all-cause hazard ratio is `hr`: the precomputed values at the
    /// scenario's ratio, else recomputed from the local table's rates times `hr` (a Monte Carlo
    /// draw; one short life table). Empty at the population's survival (`hr` = 1).
    pub(crate) fn excess_at(&self, k: usize, hr: f64) -> std::borrow::Cow<'_, [f64]> {
        use std::borrow::Cow;
        if self.survival_central.get(k) == Some(&hr) {
            return Cow::Borrowed(self.e_mid_excess.get(k).map_or(&[][..], Vec::as_slice));
        }
        if hr == 1.0 {
            return Cow::Borrowed(&[]);
        }
        let scaled: Vec<f64> = self.local_table.rows.iter().map(|r| r.m * hr).collect();
        Cow::Owned(
            mid_band_e(self.bands, &scaled)
                .iter()
                .zip(&self.e_mid)
                .map(|(g, e)| g - e)
                .collect(),
        )
    }

    /// One Monte Carlo draw's series, on the rate factors `k_local` (one per year; drawn):
    /// e₀ with the programmes (combined only) in every simulated year, and each programme's
    /// life-years gained summed over the simulated years, attributed as [`Simulator::run`]
    /// attributes them (the combined life-years shared in proportion to each programme's own,
    /// year by year) at the drawn survival after a postponed death. Its inner loop, with no
    /// per-programme life tables.
    pub(crate) fn drawn_series(
        &self,
        entrants: &[Option<Reached>],
        settings: &Settings,
        k_local: &[f64],
    ) -> (Vec<f64>, Vec<f64>) {
        let np = settings.len();
        let nc = self.causes;
        let cells = self.m_local.len();
        let mut red: Vec<Vec<(usize, f64)>> = vec![Vec::new(); np];
        let mut factor = vec![1.0; cells];
        let mut rates = vec![0.0; cells];
        let mut buf = vec![0.0; self.bands.len()];
        let mut weight = vec![0.0; cells];
        let mut excess_w = vec![0.0; cells];
        let mut solo = vec![0.0; np];
        let mut attributed = vec![0.0; np];
        let lags = self.drawn_lags(settings);
        let excess: Vec<std::borrow::Cow<'_, [f64]>> = settings
            .iter()
            .enumerate()
            .map(|(k, set)| match set {
                Some((_, e)) => self.excess_at(k, e.survival_hr),
                None => std::borrow::Cow::Borrowed(&[][..]),
            })
            .collect();
        let e0 = (0..k_local.len())
            .map(|t| {
                let k = k_local[t];
                for (r, b) in rates.iter_mut().zip(&self.m_local) {
                    *r = b * k;
                }
                factor.iter_mut().for_each(|f| *f = 1.0);
                weight.iter_mut().for_each(|w| *w = 0.0);
                excess_w.iter_mut().for_each(|w| *w = 0.0);
                self.reductions(t, entrants, settings, &lags, &mut red);
                for (kprog, cells) in red.iter().enumerate() {
                    let mut ly = 0.0;
                    for &(cell, r) in cells {
                        factor[cell] *= 1.0 - r;
                        let b = cell / nc;
                        let x = excess[kprog].get(b).copied().unwrap_or(0.0);
                        ly += rates[cell] * r * self.annual_pop[b] * (self.e_mid[b] + x);
                        weight[cell] += r;
                        excess_w[cell] += r * x;
                    }
                    solo[kprog] = ly;
                }
                // Together, as `Workspace::year`: each cell's deaths at the years of the
                // groups they come from, weighted by each programme's reduction there.
                let mut together = 0.0;
                for (cell, f) in factor.iter().enumerate() {
                    if *f < 1.0 {
                        let b = cell / nc;
                        let x = if weight[cell] > 0.0 {
                            excess_w[cell] / weight[cell]
                        } else {
                            0.0
                        };
                        together +=
                            rates[cell] * self.annual_pop[b] * (1.0 - f) * (self.e_mid[b] + x);
                    }
                }
                let sum: f64 = solo.iter().sum();
                if sum > 0.0 {
                    for (a, s) in attributed.iter_mut().zip(&solo) {
                        *a += together * s / sum;
                    }
                }
                self.e0_of(&rates, Some(&factor), &mut buf)
            })
            .collect();
        (e0, attributed)
    }

    /// Pooled e₀ over simulated years `t0..=t1`.
    pub fn pooled(
        &self,
        t0: usize,
        t1: usize,
        entrants: &[Option<Reached>],
        settings: &Settings,
    ) -> Pooled {
        self.pooled_k(t0, t1, entrants, settings, &self.k_local)
    }

    /// [`SexModel::pooled`] on the rate factors `k_local` (one per simulated year).
    pub(crate) fn pooled_k(
        &self,
        t0: usize,
        t1: usize,
        entrants: &[Option<Reached>],
        settings: &Settings,
        k_local: &[f64],
    ) -> Pooled {
        let nc = self.causes;
        let nb = self.bands.len();
        let n = (t1 - t0 + 1) as f64;
        let mut without = vec![0.0; nb];
        let mut with = vec![0.0; nb];
        let mut comp = vec![0.0; nb];
        let mut factor = vec![1.0; self.m_local.len()];
        let mut red: Vec<Vec<(usize, f64)>> = vec![Vec::new(); settings.len()];
        let lags = self.drawn_lags(settings);
        for (t, &k) in k_local.iter().enumerate().take(t1 + 1).skip(t0) {
            factor.iter_mut().for_each(|f| *f = 1.0);
            self.reductions(t, entrants, settings, &lags, &mut red);
            for cells in &red {
                for &(cell, r) in cells {
                    factor[cell] *= 1.0 - r;
                }
            }
            for b in 0..nb {
                for c in 0..nc {
                    let rate = self.m_local[b * nc + c] * k / n;
                    without[b] += rate;
                    with[b] += rate * factor[b * nc + c];
                }
                comp[b] += self.m_comp[b] * self.k_comp[t] / n;
            }
        }
        Pooled {
            e0_local_without: e0_from_rates(self.bands, &without),
            e0_local_with: e0_from_rates(self.bands, &with),
            e0_comparator: e0_from_rates(self.bands, &comp),
        }
    }
}

/// Sum of a per-year series over the years of `period` that are simulated.
pub(crate) fn sum_over(years: &[i32], series: &[f64], period: Period) -> f64 {
    years
        .iter()
        .zip(series)
        .filter(|(y, _)| **y >= period.first && **y <= period.last)
        .map(|(_, v)| v)
        .sum()
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

    /// A drawn slope moves every year's rates by the first-order sensitivity; re-solving the
    /// life table for the moved target agrees to well under a day at two standard errors.
    #[test]
    fn a_drawn_trend_slope_moves_the_rates_as_re_solving_would() {
        let LoadedScenario {
            scenario: s, data, ..
        } = countdown();
        let sim = Simulator::new(&s, &data).unwrap();
        let none = vec![None; s.programmes.len()];
        let entrants = sim.entrants(&s, &none);
        for m in &sim.sexes {
            let se = m.slope_se();
            assert!(se > 0.0, "the demo's trend is fitted to three periods");
            let delta = 2.0 * se;
            let k = m.k_local_drawn(delta);
            for (t, &y) in sim.years.iter().enumerate() {
                let dt = y as f64 + 0.5 - s.base_period.mid();
                let target = m.local_table.e0() + (m.slopes.local + delta) * dt;
                let got = m.pooled_k(t, t, &entrants, &none, &k).e0_local_without;
                assert!(
                    (got - target).abs() < 0.5 / 365.25,
                    "{:?} {y}: {got} vs {target}",
                    m.sex
                );
            }
            // No draw: the central factors.
            assert_eq!(*m.k_local_drawn(0.0), *m.k_local);
        }
    }

    /// A lag drawn later postpones fewer deaths early on; at the central timing the lag is
    /// the precomputed one.
    #[test]
    fn a_drawn_lag_timing_stretches_the_profile() {
        let e = EffectModel {
            effect: 0,
            cause: 0,
            cover: Vec::new(),
            bands: Vec::new(),
            lag: vec![0.25, 0.75, 1.0],
            profile: LagProfile::new(&[(0.0, 0.0), (2.0, 1.0)], "t"),
            timing: 1.0,
            kept: 1.0,
        };
        assert_eq!(e.lag_at(1, 1.0), 0.75);
        // Twice as slow: 1.5 years in is 0.75 of the way to 2 × 2 = 4 years → 0.375.
        assert!((e.lag_at(1, 2.0) - 0.375).abs() < 1e-12);
        assert!((e.lag_at(0, 0.5) - 0.5).abs() < 1e-12);
    }
}
