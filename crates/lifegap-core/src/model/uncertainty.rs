//! Uncertainty: a seeded Monte Carlo over the evidence ranges, and the sampling error of the
//! measured gap.
//!
//! Each draw samples every evidence range of every enabled programme from the distribution
//! that fits its kind ([`super::distributions`]): beta for the eligible share and adherence,
//! log-normal for the group's relative risk and for each relative risk reduction. Coverage is
//! the plan and is not sampled. Draw i uses a ChaCha8 generator seeded with the scenario's
//! seed on stream i, so results are identical whatever the number of threads.
//!
//! **Correlated draws.** Values taken from one published study are one uncertain fact, so a
//! draw takes them at the same quantile: every relative risk and reduction citing the same
//! source (and year) shares one standard normal — CTT for the statin programmes, the
//! current-smoker relative risks for both the smokers' group risk and the benefit of quitting.
//! Local assumptions (year 0) are drawn independently. The eligible share and the group's
//! relative risk are drawn jointly: what the data pin down is the share of the band's deaths
//! in the eligible group (share × RR), so a larger drawn share comes with a proportionally
//! smaller relative risk, and share × RR never exceeds 1.
//!
//! **Timing and trend.** Each lag's timing multiplier is drawn within its range (one draw per
//! lag, shared by the effects that use it), and the local trend's slope with the standard
//! error of its least-squares fit when the history gives one (three or more periods): one
//! standard normal for both sexes, after the programmes' evidence.
//!
//! **Life-years.** Each draw also takes each group's survival after a postponed death
//! (`survival_hr`, log-normal on its range like the other ratios, at its source's shared
//! quantile) and counts every enabled programme's life-years over the simulated years as the
//! central projection does (its own deaths at its group's remaining life expectancy, the
//! combined life-years shared in proportion): their intervals, the cost per life-year on the
//! plan's cost, and the drivers of the total. The ratio cannot move e₀, so it is left out of
//! the milestones' drivers.
//!
//! **What drives it.** Each milestone lists the parameters whose draws are most strongly
//! rank-correlated (Spearman) with the margin by which the drawn value meets (or misses) the
//! milestone: a tornado in numbers, with the trend beside the evidence.
//!
//! The measured gap also carries sampling error: its standard error in the base period is
//! √(SE²local + SE²England) from the life tables (Chiang/Silcocks). With `sampling_error` on,
//! each draw adds a normal error of that size to the milestone measure before judging whether
//! it is met, since the 2009–11 figure will be measured on data as noisy as 2006–08's.
//!
//! **England's path.** When England follows Holt's forecast (`comparator_path`), its e₀ in a
//! milestone period beyond the series is uncertain too: Holt's 95% interval at the period's
//! middle gives an SE, (upper − lower) / (2 × 1.96). Each draw adds a normal error of that SE
//! to England's e₀ when judging a gap milestone (for the relative gap, its effect l/c² on
//! (c − l)/c), whether or not `sampling_error` is on: it is the forecast's uncertainty, not the
//! measurement's. It is independent of the sampling error, so the two are drawn as one normal
//! with SD √(SE²sampling + SE²England). A typed path or the trend has no interval (SE 0).

use super::area::Sex;
use super::distributions::{Kind, at_quantile, draw, varies};
use super::milestones::{Measure, requirement, shortfall};
use super::programmes::{EffectSizes, MAX_EFFECTS, Programme};
use super::projection::{ProjectionError, Settings, Simulator};
use super::scenario::{Scenario, UncertaintySettings};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal, StandardNormal};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// A 2.5% / 50% / 97.5% summary.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub median: f64,
    pub high: f64,
}

impl Interval {
    fn of(values: &mut [f64]) -> Interval {
        values.sort_by(f64::total_cmp);
        let q = |p: f64| {
            if values.is_empty() {
                return f64::NAN;
            }
            let i = ((values.len() - 1) as f64 * p).round() as usize;
            values[i]
        };
        Interval {
            low: q(0.025),
            median: q(0.5),
            high: q(0.975),
        }
    }
}

/// Uncertainty about one milestone.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneUncertainty {
    pub label: String,
    /// e₀ gain from the programmes over the milestone period.
    pub gain: Interval,
    /// The milestone measure with the programmes (gap or e₀).
    pub value: Interval,
    /// Share of draws meeting the milestone (with sampling error if requested).
    pub probability_met: f64,
    /// The parameters that drive the gain's uncertainty, strongest first (at most
    /// [`DRIVERS`]).
    pub drivers: Vec<Driver>,
}

/// One parameter's (or one published source's) hold on a milestone's uncertainty.
///
/// Values citing one published source are drawn at one quantile (see the module notes), so
/// their rank correlations are identical: they are one uncertain fact and one row, named for
/// the source and listing the parameters it drives (CTT for both statin programmes; the
/// current-smoker relative risks for both the smokers' group risk and the benefit of quitting).
#[derive(Debug, Clone, Serialize)]
pub struct Driver {
    /// The row's name: the parameter ("Statins: secondary prevention: relative risk reduction
    /// (coronary heart disease)"), or the source's citation when it drives several.
    pub parameter: String,
    /// The parameters this row drives: the one parameter, or every parameter drawn from the
    /// source, in the model's order.
    pub parameters: Vec<String>,
    /// Spearman rank correlation of the parameter's draws with the programmes' gain.
    pub rank_correlation: f64,
}

impl Driver {
    /// Whether the row is a shared source driving several parameters.
    pub fn is_shared(&self) -> bool {
        self.parameters.len() > 1
    }

    /// What a shared source drives, compactly: "Stop-smoking services: relative risk (coronary
    /// heart disease, stroke), relative risk reduction (coronary heart disease, stroke)"; programmes in order, each parameter
    /// kind once with its causes. Empty for a row of one parameter (its name says it).
    pub fn drives(&self) -> String {
        if !self.is_shared() {
            return String::new();
        }
        // (programme, [(kind, [causes])]) in first-seen order.
        type Kinds<'a> = Vec<(&'a str, Vec<&'a str>)>;
        let mut by_programme: Vec<(&str, Kinds<'_>)> = Vec::new();
        for label in &self.parameters {
            // The programme name may itself hold ": " (Statins: primary prevention); the
            // parameter kind never does.
            let (programme, what) = label.rsplit_once(": ").unwrap_or(("", label.as_str()));
            let (kind, cause) = match what.rsplit_once(" (") {
                Some((k, c)) => (k, c.trim_end_matches(')')),
                None => (what, ""),
            };
            let i = match by_programme.iter().position(|(p, _)| *p == programme) {
                Some(i) => i,
                None => {
                    by_programme.push((programme, Vec::new()));
                    by_programme.len() - 1
                }
            };
            let kinds = &mut by_programme[i].1;
            let j = match kinds.iter().position(|(k, _)| *k == kind) {
                Some(j) => j,
                None => {
                    kinds.push((kind, Vec::new()));
                    kinds.len() - 1
                }
            };
            if !cause.is_empty() {
                kinds[j].1.push(cause);
            }
        }
        by_programme
            .iter()
            .map(|(programme, kinds)| {
                let what: Vec<String> = kinds
                    .iter()
                    .map(|(k, causes)| {
                        if causes.is_empty() {
                            (*k).to_string()
                        } else {
                            format!("{k} ({})", causes.join(", "))
                        }
                    })
                    .collect();
                if programme.is_empty() {
                    what.join(", ")
                } else {
                    format!("{programme}: {}", what.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// How many drivers each milestone lists.
pub const DRIVERS: usize = 8;

/// The 95% bands of the gap and of local life expectancy with programmes by year, one sex.
#[derive(Debug, Clone, Serialize)]
pub struct GapBand {
    pub sex: Sex,
    pub low: Vec<f64>,
    pub high: Vec<f64>,
    pub e0_low: Vec<f64>,
    pub e0_high: Vec<f64>,
}

/// The base-period gap with its sampling interval.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct MeasuredGap {
    pub sex: Sex,
    pub gap: f64,
    pub se: f64,
    pub low: f64,
    pub high: f64,
}

/// One enabled programme's life-years gained over the simulated years (both sexes,
/// undiscounted, attributed as the central projection attributes them), with its cost per
/// life-year: the draws move its effect sizes, lags, the trend and its group's survival after
/// a postponed death (`survival_hr`); the cost is the plan's, not drawn.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeLifeYears {
    pub id: String,
    pub name: String,
    pub life_years: Interval,
    /// Cost over the simulated years ÷ life-years gained, in every draw; None when some draw
    /// gains no life-years (nothing to divide by).
    pub cost_per_life_year: Option<Interval>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Uncertainty {
    pub draws: u32,
    pub seed: u64,
    pub sampling_error: bool,
    pub milestones: Vec<MilestoneUncertainty>,
    pub gap_bands: Vec<GapBand>,
    pub measured_gap: Vec<MeasuredGap>,
    /// Life-years gained by all the programmes together over the simulated years.
    pub life_years: Interval,
    /// Each enabled programme's life-years and cost per life-year (scenario order).
    pub programmes: Vec<ProgrammeLifeYears>,
    /// What drives the life-years' uncertainty (Spearman with the programmes' total), strongest
    /// first: the effect sizes and, beside them, each group's survival after a postponed death.
    pub life_year_drivers: Vec<Driver>,
}

/// Published sources (source, year) drawn so far in this draw, with their standard normal.
type Shared<'a> = Vec<(&'a str, u16, f64)>;

/// The standard normal shared by every value citing one published source in this draw; a
/// local assumption (year 0) gets its own.
fn shared_z<'a>(
    shared: &mut Shared<'a>,
    e: &'a super::evidence::Evidence,
    rng: &mut ChaCha8Rng,
) -> f64 {
    if e.year == 0 {
        return StandardNormal.sample(rng);
    }
    if let Some((_, _, z)) = shared
        .iter()
        .find(|(src, year, _)| *year == e.year && *src == e.source)
    {
        return *z;
    }
    let z: f64 = StandardNormal.sample(rng);
    shared.push((&e.source, e.year, z));
    z
}

/// One draw of a programme's effect sizes; the values of the parameters that vary are
/// appended to `record` in the order of [`parameters`].
fn draw_sizes<'a>(
    p: &'a Programme,
    rng: &mut ChaCha8Rng,
    shared: &mut Shared<'a>,
    record: &mut Vec<f64>,
) -> EffectSizes {
    let e = &p.eligible.share;
    let share = draw(e, Kind::Proportion, rng);
    if varies(e) {
        record.push(share);
    }
    // Share and relative risk jointly: the deaths in the eligible group (share × RR) follow
    // the relative risk's own uncertainty; the split between them follows the share.
    let split = if share > 0.0 { e.value / share } else { 1.0 };
    let a = &p.adherence;
    let kept_up = draw(a, Kind::Proportion, rng);
    if varies(a) {
        record.push(kept_up);
    }
    let mut per_effect = [0.0; MAX_EFFECTS];
    let mut rrr = [0.0; MAX_EFFECTS];
    let mut lag_timing = [1.0; MAX_EFFECTS];
    for (i, eff) in p.effects.iter().take(MAX_EFFECTS).enumerate() {
        let rr_e = p.effect_rr(eff);
        let z = shared_z(shared, rr_e, rng);
        let rr = at_quantile(rr_e, Kind::Ratio, z);
        if varies(rr_e) {
            record.push(rr);
        }
        let z = shared_z(shared, &eff.rrr, rng);
        let x = at_quantile(&eff.rrr, Kind::Reduction, z);
        if varies(&eff.rrr) {
            record.push(x);
        }
        // Per person reached (people = share × …): share × RR ≤ 1 as in the data.
        let group_rr = (rr * split).min(if share > 0.0 { 1.0 / share } else { f64::MAX });
        per_effect[i] = group_rr * x;
        rrr[i] = x;
        if let Some(own) = &eff.lag {
            lag_timing[i] = draw_timing(own, rng, shared, record);
        }
    }
    // The programme's own lag is one fact for every effect that uses it: one draw.
    if p.effects.iter().take(MAX_EFFECTS).any(|e| e.lag.is_none()) {
        let t = draw_timing(&p.lag, rng, shared, record);
        for (i, eff) in p.effects.iter().take(MAX_EFFECTS).enumerate() {
            if eff.lag.is_none() {
                lag_timing[i] = t;
            }
        }
    }
    // Survival after the postponed death: a ratio, log-normal on its range, at its source's
    // shared quantile (Benjamin 1998 for AF). It moves life-years, never e₀.
    let hr_e = &p.survival_hr;
    let survival_hr = if varies(hr_e) {
        let z = shared_z(shared, hr_e, rng);
        let x = at_quantile(hr_e, Kind::Ratio, z);
        record.push(x);
        x
    } else {
        hr_e.value
    };
    EffectSizes {
        // People reached scale with the drawn share.
        adherence: kept_up * share / e.value.max(f64::MIN_POSITIVE),
        kept_up,
        per_effect,
        rrr,
        lag_timing,
        survival_hr,
    }
}

/// One draw of a lag's timing multiplier (log-normal on its range, like a ratio); the
/// central value when its timing is exact. Recorded when it varies.
fn draw_timing<'a>(
    lag: &'a super::evidence::LagProfile,
    rng: &mut ChaCha8Rng,
    shared: &mut Shared<'a>,
    record: &mut Vec<f64>,
) -> f64 {
    match &lag.timing {
        Some(t) if varies(t) => {
            let z = shared_z(shared, t, rng);
            let x = at_quantile(t, Kind::Ratio, z);
            record.push(x);
            x
        }
        _ => lag.timing_value(),
    }
}

/// One drawn parameter: its name and, when it is drawn at a published source's shared
/// quantile ([`shared_z`]), that source's citation.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub label: String,
    /// The citation of the published source whose standard normal it shares; None when it is
    /// drawn on its own (a local assumption, the eligible share, adherence).
    pub source: Option<String>,
    /// It moves life-years but not life expectancy (survival after a postponed death): a
    /// driver of the life-years, left out of the milestones' drivers unless its source also
    /// drives something that moves e₀.
    pub life_years_only: bool,
}

/// The source key of a value drawn through [`shared_z`] (None for a local assumption, which
/// is drawn on its own).
fn shared_source(e: &super::evidence::Evidence) -> Option<String> {
    (!e.is_local()).then(|| e.citation())
}

/// The parameters that vary, in the order [`draw_sizes`] records them.
pub fn parameters(s: &Scenario, settings: &Settings) -> Vec<Parameter> {
    let mut out = Vec::new();
    let own = |label: String| Parameter {
        label,
        source: None,
        life_years_only: false,
    };
    for (p, set) in s.programmes.iter().zip(settings) {
        if set.is_none() {
            continue;
        }
        if varies(&p.eligible.share) {
            out.push(own(format!("{}: eligible share", p.name)));
        }
        if varies(&p.adherence) {
            out.push(own(format!("{}: adherence", p.name)));
        }
        for eff in p.effects.iter().take(MAX_EFFECTS) {
            let rr = p.effect_rr(eff);
            if varies(rr) {
                out.push(Parameter {
                    label: format!(
                        "{}: relative risk ({})",
                        p.name,
                        super::causes::in_words(&eff.cause)
                    ),
                    source: shared_source(rr),
                    life_years_only: false,
                });
            }
            if varies(&eff.rrr) {
                out.push(Parameter {
                    label: format!(
                        "{}: relative risk reduction ({})",
                        p.name,
                        super::causes::in_words(&eff.cause)
                    ),
                    source: shared_source(&eff.rrr),
                    life_years_only: false,
                });
            }
            if let Some(t) = eff.lag.as_ref().and_then(|l| l.timing.as_ref())
                && varies(t)
            {
                out.push(Parameter {
                    label: format!(
                        "{}: timing of the benefit ({})",
                        p.name,
                        super::causes::in_words(&eff.cause)
                    ),
                    source: shared_source(t),
                    life_years_only: false,
                });
            }
        }
        if p.effects.iter().take(MAX_EFFECTS).any(|e| e.lag.is_none())
            && let Some(t) = p.lag.timing.as_ref()
            && varies(t)
        {
            out.push(Parameter {
                label: format!("{}: timing of the benefit", p.name),
                source: shared_source(t),
                life_years_only: false,
            });
        }
        if varies(&p.survival_hr) {
            out.push(Parameter {
                label: format!("{}: survival after a postponed death", p.name),
                source: shared_source(&p.survival_hr),
                life_years_only: true,
            });
        }
    }
    out
}

/// One row of the drivers: its name, the parameters it drives, and the recorded column whose
/// draws stand for it.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    name: String,
    parameters: Vec<String>,
    column: usize,
    /// Every parameter it drives moves life-years only ([`Parameter::life_years_only`]).
    life_years_only: bool,
}

/// The drivers' rows: parameters drawn at one published source's quantile share their ranks
/// (each value is increasing in the one standard normal), so they are merged into one row
/// named for the source, at the first one's column; a source driving a single parameter keeps
/// the parameter's name.
fn rows(params: &[Parameter]) -> Vec<Row> {
    let mut out: Vec<(Option<&str>, Row)> = Vec::new();
    for (k, p) in params.iter().enumerate() {
        if let Some(src) = p.source.as_deref()
            && let Some((_, row)) = out.iter_mut().find(|(s, _)| *s == Some(src))
        {
            row.parameters.push(p.label.clone());
            row.life_years_only &= p.life_years_only;
            continue;
        }
        out.push((
            p.source.as_deref(),
            Row {
                name: p.label.clone(),
                parameters: vec![p.label.clone()],
                column: k,
                life_years_only: p.life_years_only,
            },
        ));
    }
    out.into_iter()
        .map(|(src, mut row)| {
            if let Some(src) = src
                && row.parameters.len() > 1
            {
                row.name = src.to_string();
            }
            row
        })
        .collect()
}

/// The [`DRIVERS`] rows most rank-correlated with an outcome (its ranks), strongest first.
/// Rows that move life-years only are left out unless the outcome is life-years: they cannot
/// move e₀, so their correlation with a milestone is noise.
fn strongest(
    rows: &[Row],
    param_ranks: &[Vec<f64>],
    outcome_ranks: &[f64],
    life_years: bool,
) -> Vec<Driver> {
    let mut drivers: Vec<Driver> = rows
        .iter()
        .zip(param_ranks)
        .filter(|(row, _)| life_years || !row.life_years_only)
        .map(|(row, x)| Driver {
            parameter: row.name.clone(),
            parameters: row.parameters.clone(),
            rank_correlation: pearson(x, outcome_ranks),
        })
        .collect();
    drivers.sort_by(|a, b| {
        b.rank_correlation
            .abs()
            .total_cmp(&a.rank_correlation.abs())
    });
    drivers.truncate(DRIVERS);
    drivers
}

/// Ranks 0..n (ties share their mean rank).
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0;
        for &k in &order[i..=j] {
            out[k] = mean;
        }
        i = j + 1;
    }
    out
}

/// Spearman's rank correlation (Pearson's on the ranks); 0 when either side is constant.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&ranks(x), &ranks(y))
}

/// Pearson's correlation; 0 when either side is constant.
fn pearson(rx: &[f64], ry: &[f64]) -> f64 {
    let n = rx.len() as f64;
    if n < 2.0 {
        return 0.0;
    }
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in rx.iter().zip(ry) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx <= 0.0 || syy <= 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

/// What a draw needs to judge one milestone (the parts that do not depend on the draw).
struct MInfo {
    sex_idx: usize,
    t0: usize,
    t1: usize,
    measure: Measure,
    required: f64,
    /// Sampling error of the measured value (see the module notes).
    se: f64,
    /// The measure's SE from England's Holt interval in the period (0 off Holt's forecast).
    comparator_se: f64,
    comparator: f64,
}

/// The SE of England's e₀ at calendar time `at` from Holt's 95% interval (0 when England does
/// not follow Holt's forecast, or `at` is within the series).
pub fn holt_se(s: &Scenario, sex: Sex, at: f64) -> Result<f64, ProjectionError> {
    const Z: f64 = 1.959_963_984_540_054;
    let Some(p) = s
        .comparator_path
        .prepare(sex)
        .map_err(ProjectionError::Invalid)?
    else {
        return Ok(0.0);
    };
    let f = p.at(at, Z);
    Ok(((f.upper - f.lower) / (2.0 * Z)).max(0.0))
}

impl MInfo {
    /// The SD of the error added to the measure in a draw: the sampling error when asked for,
    /// and England's forecast error always (independent, so in quadrature).
    fn noise_sd(&self, sampling_error: bool) -> f64 {
        let s = if sampling_error { self.se } else { 0.0 };
        (s * s + self.comparator_se * self.comparator_se).sqrt()
    }
}

fn milestone_infos(
    sim: &Simulator,
    s: &Scenario,
    entrants: &[Option<super::projection::Reached>],
    settings: &Settings,
) -> Result<Vec<MInfo>, ProjectionError> {
    let mut infos = Vec::new();
    for m in &s.milestones {
        let (sex_idx, t0, t1) = sim.locate(s, m.sex, m.period)?;
        let model = &sim.sexes[sex_idx];
        let (measure, _, required) =
            requirement(s, m, model.local_table.e0(), model.comparator_table.e0());
        let pooled = model.pooled(t0, t1, entrants, settings);
        let se = match measure {
            Measure::GapYears => model.base_gap_se,
            Measure::GapShare => model.base_gap_se / pooled.e0_comparator,
            Measure::LifeExpectancy => model.local_table.se0(),
        };
        let comparator_se = holt_se(s, m.sex, m.period.mid())?
            * match measure {
                Measure::GapYears => 1.0,
                Measure::GapShare => pooled.e0_local_with / pooled.e0_comparator.powi(2),
                Measure::LifeExpectancy => 0.0,
            };
        infos.push(MInfo {
            sex_idx,
            t0,
            t1,
            measure,
            required,
            se,
            comparator_se,
            comparator: pooled.e0_comparator,
        });
    }
    Ok(infos)
}

/// The chance of meeting milestone `index` at these settings: the share of draws meeting it,
/// exactly as [`monte_carlo`]'s `probability_met` (same seed, same draws, same sampling
/// error), computing only what that milestone needs. With a fixed seed every draw's measure
/// only improves as coverage rises, so the chance never falls: goal seeking can bisect on it.
pub fn chance_met(
    sim: &Simulator,
    s: &Scenario,
    settings: &Settings,
    index: usize,
    opts: UncertaintySettings,
) -> Result<f64, ProjectionError> {
    let entrants = sim.entrants(s, settings);
    let infos = milestone_infos(sim, s, &entrants, settings)?;
    let Some(info) = infos.get(index) else {
        return Err(ProjectionError::Invalid(format!("no milestone {index}")));
    };
    let model = &sim.sexes[info.sex_idx];
    let met = (0..opts.draws)
        .into_par_iter()
        .filter(|&i| {
            let mut rng = stream(opts.seed, i);
            let (drawn, z) = draw_once(sim, s, settings, &mut rng, &mut Vec::new());
            let k = model.k_local_drawn(z * model.slope_se());
            // The noise of the milestones before this one comes first in `monte_carlo`.
            let mut noise = 0.0;
            for x in &infos[..=index] {
                let sd = x.noise_sd(opts.sampling_error);
                noise = if sd > 0.0 {
                    Normal::new(0.0, sd)
                        .map(|n| n.sample(&mut rng))
                        .unwrap_or(0.0)
                } else {
                    0.0
                };
            }
            let pooled = model.pooled_k(info.t0, info.t1, &entrants, &drawn, &k);
            let value = info.measure.of(pooled.e0_local_with, info.comparator);
            shortfall(info.measure, value + noise, info.required) <= 0.0
        })
        .count();
    Ok(met as f64 / f64::from(opts.draws.max(1)))
}

/// Draw `i`'s generator: ChaCha8 seeded with the scenario's seed on stream `i`, so a draw is
/// the same whatever the number of threads and whichever of [`monte_carlo`] and
/// [`chance_met`] makes it.
fn stream(seed: u64, i: u32) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(u64::from(i));
    rng
}

/// One draw's settings and trend: every enabled programme's effect sizes (published sources
/// shared, [`shared_z`]), then the local trend's standard normal ([`trend_z`]); the drawn
/// values are appended to `record` in the order of [`parameters`] then the trend. The one
/// home of the draw for [`monte_carlo`] and [`chance_met`], so the chance goal seek bisects
/// on is the chance the Monte Carlo reports.
fn draw_once(
    sim: &Simulator,
    s: &Scenario,
    settings: &Settings,
    rng: &mut ChaCha8Rng,
    record: &mut Vec<f64>,
) -> (Settings, f64) {
    let mut shared = Vec::new();
    let drawn: Settings = s
        .programmes
        .iter()
        .zip(settings)
        .map(|(p, set)| {
            set.as_ref()
                .map(|(c, _)| (*c, draw_sizes(p, rng, &mut shared, record)))
        })
        .collect();
    let z = trend_z(sim, rng, record);
    (drawn, z)
}

/// The driver's name for the local trend's slope.
pub const TREND_LABEL: &str =
    "Trend without the programmes: yearly change in local life expectancy";

/// Whether the local trend's slope is drawn: when it was fitted to three or more periods (its
/// standard error is then the fit's).
fn trend_drawn(sim: &Simulator) -> bool {
    sim.sexes.iter().any(|m| m.slope_se() > 0.0)
}

/// One draw's standard normal for the local trend's slope, the same for both sexes (their
/// trends share the area's causes and services: taken as fully correlated, the cautious
/// choice), recorded as a driver; 0 without a drawn trend. Drawn after the programmes'
/// evidence so their draws do not depend on it.
fn trend_z(sim: &Simulator, rng: &mut ChaCha8Rng, record: &mut Vec<f64>) -> f64 {
    if !trend_drawn(sim) {
        return 0.0;
    }
    let z: f64 = StandardNormal.sample(rng);
    record.push(z);
    z
}

/// The most Monte Carlo draws a run may ask for. 100,000 draws of a full scenario take about
/// 3.5 s on two cores (see README's benchmarks) and pin the probabilities to ±0.3 percentage
/// points; more buys nothing a board can see and lets a mistyped number hang the machine.
pub const MAX_DRAWS: u32 = 100_000;

/// Hooks for a long run: setting `cancel` stops it early (the result is then `Ok(None)`);
/// `progress` counts finished draws.
#[derive(Debug, Clone, Copy, Default)]
pub struct Control<'a> {
    pub cancel: Option<&'a AtomicBool>,
    pub progress: Option<&'a AtomicUsize>,
}

/// Run the Monte Carlo with the given draws, seed and sampling-error setting.
pub fn monte_carlo(
    sim: &Simulator,
    s: &Scenario,
    settings: &Settings,
    opts: UncertaintySettings,
    control: Control<'_>,
) -> Result<Option<Uncertainty>, ProjectionError> {
    let UncertaintySettings {
        draws,
        seed,
        sampling_error,
    } = opts;
    let Control { cancel, progress } = control;
    let entrants = sim.entrants(s, settings);
    // Deterministic parts: comparator and no-programme series, milestone requirements.
    let central = sim.run(s, settings);
    let infos = milestone_infos(sim, s, &entrants, settings)?;
    let ny = sim.years.len();
    let ns = sim.sexes.len();
    // Per draw: yearly gap with programmes per sex, then (gain, value, met) per milestone,
    // then the drawn parameters, then each programme's life-years (both sexes).
    type Draw = (Vec<f64>, Vec<(f64, f64, bool)>, Vec<f64>, Vec<f64>);
    let mut params = parameters(s, settings);
    if trend_drawn(sim) {
        params.push(Parameter {
            label: TREND_LABEL.to_string(),
            source: None,
            life_years_only: false,
        });
    }
    let n_params = params.len();
    let rows = rows(&params);
    let results: Vec<Option<Draw>> = (0..draws)
        .into_par_iter()
        .map(|i| {
            if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                return None;
            }
            let mut rng = stream(seed, i);
            let mut params = Vec::with_capacity(n_params);
            let (drawn, z) = draw_once(sim, s, settings, &mut rng, &mut params);
            let ks: Vec<std::borrow::Cow<'_, [f64]>> = sim
                .sexes
                .iter()
                .map(|m| m.k_local_drawn(z * m.slope_se()))
                .collect();
            let mut gaps = Vec::with_capacity(ns * ny);
            let mut life_years = vec![0.0; s.programmes.len()];
            for (j, model) in sim.sexes.iter().enumerate() {
                let (e0, ly) = model.drawn_series(&entrants, &drawn, &ks[j]);
                let sx = &central.sexes[j];
                gaps.extend(e0.iter().zip(&sx.e0_comparator).map(|(l, c)| c - l));
                life_years.iter_mut().zip(&ly).for_each(|(a, b)| *a += b);
            }
            let mut ms = Vec::with_capacity(infos.len());
            for info in &infos {
                let model = &sim.sexes[info.sex_idx];
                let pooled = model.pooled_k(info.t0, info.t1, &entrants, &drawn, &ks[info.sex_idx]);
                let value = info.measure.of(pooled.e0_local_with, info.comparator);
                let sd = info.noise_sd(sampling_error);
                let noise = if sd > 0.0 {
                    Normal::new(0.0, sd)
                        .map(|n| n.sample(&mut rng))
                        .unwrap_or(0.0)
                } else {
                    0.0
                };
                let met = shortfall(info.measure, value + noise, info.required) <= 0.0;
                ms.push((pooled.e0_local_with - pooled.e0_local_without, value, met));
            }
            if let Some(p) = progress {
                p.fetch_add(1, Ordering::Relaxed);
            }
            Some((gaps, ms, params, life_years))
        })
        .collect();
    if results.iter().any(Option::is_none) {
        return Ok(None);
    }
    let results: Vec<Draw> = results.into_iter().flatten().collect();
    // Each row's ranks once, shared by every milestone's drivers.
    let param_ranks: Vec<Vec<f64>> = rows
        .par_iter()
        .map(|row| ranks(&results.iter().map(|r| r.2[row.column]).collect::<Vec<_>>()))
        .collect();
    let milestones = s
        .milestones
        .iter()
        .enumerate()
        .map(|(j, m)| {
            let mut gain: Vec<f64> = results.iter().map(|r| r.1[j].0).collect();
            let mut value: Vec<f64> = results.iter().map(|r| r.1[j].1).collect();
            let met = results.iter().filter(|r| r.1[j].2).count();
            // Drivers of meeting it: rank-correlated with how far the drawn value is past
            // the requirement (positive = helps), so the trend counts beside the evidence.
            let (measure, required) = (infos[j].measure, infos[j].required);
            let margin: Vec<f64> = value
                .iter()
                .map(|v| -shortfall(measure, *v, required))
                .collect();
            let gain_ranks = ranks(&margin);
            let drivers = strongest(&rows, &param_ranks, &gain_ranks, false);
            MilestoneUncertainty {
                label: m.label(),
                gain: Interval::of(&mut gain),
                value: Interval::of(&mut value),
                probability_met: met as f64 / results.len().max(1) as f64,
                drivers,
            }
        })
        .collect();
    let gap_bands = sim
        .sexes
        .iter()
        .enumerate()
        .map(|(j, model)| {
            let mut low = Vec::with_capacity(ny);
            let mut high = Vec::with_capacity(ny);
            let mut e0_low = Vec::with_capacity(ny);
            let mut e0_high = Vec::with_capacity(ny);
            for t in 0..ny {
                let mut v: Vec<f64> = results.iter().map(|r| r.0[j * ny + t]).collect();
                let iv = Interval::of(&mut v);
                low.push(iv.low);
                high.push(iv.high);
                // The comparator is the same in every draw: e₀ = comparator − gap.
                let c = central.sexes[j].e0_comparator[t];
                e0_low.push(c - iv.high);
                e0_high.push(c - iv.low);
            }
            GapBand {
                sex: model.sex,
                low,
                high,
                e0_low,
                e0_high,
            }
        })
        .collect();
    let measured_gap = sim
        .sexes
        .iter()
        .map(|m| {
            let gap = m.comparator_table.e0() - m.local_table.e0();
            let z = super::normal::Z95;
            MeasuredGap {
                sex: m.sex,
                gap,
                se: m.base_gap_se,
                low: gap - z * m.base_gap_se,
                high: gap + z * m.base_gap_se,
            }
        })
        .collect();
    let mut total: Vec<f64> = results.iter().map(|r| r.3.iter().sum()).collect();
    let total_ranks = ranks(&total);
    let life_year_drivers = strongest(&rows, &param_ranks, &total_ranks, true);
    let programmes = s
        .programmes
        .iter()
        .enumerate()
        .filter(|(k, _)| settings[*k].is_some())
        .map(|(k, p)| {
            let mut ly: Vec<f64> = results.iter().map(|r| r.3[k]).collect();
            let cost: f64 = central.programmes[k].cost.iter().sum();
            let cost_per_life_year = ly.iter().all(|&v| v > 1e-9).then(|| {
                let mut per: Vec<f64> = ly.iter().map(|v| cost / v).collect();
                Interval::of(&mut per)
            });
            ProgrammeLifeYears {
                id: p.id.clone(),
                name: p.name.clone(),
                life_years: Interval::of(&mut ly),
                cost_per_life_year,
            }
        })
        .collect();
    Ok(Some(Uncertainty {
        draws,
        seed,
        sampling_error,
        milestones,
        gap_bands,
        measured_gap,
        life_years: Interval::of(&mut total),
        programmes,
        life_year_drivers,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evidence::Evidence;
    use crate::model::programmes::library;

    /// Two programmes citing one trial take it at the same quantile in every draw (rank
    /// correlation 1); local assumptions are drawn independently.
    #[test]
    fn one_published_source_is_one_draw() {
        let trial =
            |v: f64, lo: f64, hi: f64| Evidence::new(v, lo, hi, "CTT, Lancet 2010", 2010, "t");
        let mut a = library::statins_primary();
        let mut b = library::statins_secondary();
        a.effects.truncate(1);
        b.effects.truncate(1);
        a.effects[0].rrr = trial(0.27, 0.2, 0.33);
        b.effects[0].rrr = trial(0.42, 0.27, 0.54);
        let (mut ra, mut rb, mut sa, mut sb) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for i in 0..300 {
            let mut rng = ChaCha8Rng::seed_from_u64(1);
            rng.set_stream(i);
            let mut shared = Vec::new();
            let (mut rec_a, mut rec_b) = (Vec::new(), Vec::new());
            draw_sizes(&a, &mut rng, &mut shared, &mut rec_a);
            draw_sizes(&b, &mut rng, &mut shared, &mut rec_b);
            // Recorded: share, adherence, relative risk, reduction.
            ra.push(rec_a[3]);
            rb.push(rec_b[3]);
            sa.push(rec_a[0]);
            sb.push(rec_b[0]);
        }
        assert!((spearman(&ra, &rb) - 1.0).abs() < 1e-12);
        assert!(spearman(&sa, &sb).abs() < 0.2, "{}", spearman(&sa, &sb));
    }

    /// Parameters drawn at one published source's quantile are one row named for the source,
    /// at the first one's column; local values and a source driving one parameter stay rows
    /// of their own under the parameter's name.
    #[test]
    fn a_shared_source_is_one_row() {
        let p = |label: &str, source: Option<&str>| Parameter {
            label: label.into(),
            source: source.map(String::from),
            life_years_only: false,
        };
        let params = [
            p("A: eligible share", None),
            p("A: relative risk (chd)", Some("CPS-II (2009)")),
            p("A: relative risk reduction (chd)", Some("CPS-II (2009)")),
            p("B: relative risk reduction (stroke)", Some("Hart (2007)")),
            p("A: relative risk (copd)", Some("CPS-II (2009)")),
            p("B: adherence", None),
        ];
        let got = rows(&params);
        let names: Vec<&str> = got.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "A: eligible share",
                "CPS-II (2009)",
                "B: relative risk reduction (stroke)",
                "B: adherence"
            ]
        );
        assert_eq!(got[1].column, 1);
        assert_eq!(
            got[1].parameters,
            [
                "A: relative risk (chd)",
                "A: relative risk reduction (chd)",
                "A: relative risk (copd)"
            ]
        );
        assert_eq!(got[3].column, 5);
        assert_eq!(got[2].parameters, ["B: relative risk reduction (stroke)"]);
    }

    #[test]
    fn what_a_shared_source_drives_reads_compactly() {
        let d = Driver {
            parameter: "CTT (2010)".into(),
            parameters: vec![
                "Statins: primary: relative risk reduction (chd)".into(),
                "Statins: primary: relative risk reduction (stroke)".into(),
                "Statins: secondary: relative risk reduction (stroke)".into(),
                "Statins: secondary: timing of the benefit".into(),
            ],
            rank_correlation: 0.5,
        };
        assert!(d.is_shared());
        assert_eq!(
            d.drives(),
            "Statins: primary: relative risk reduction (chd, stroke); Statins: secondary: relative risk reduction (stroke), timing of the benefit"
        );
        let one = Driver {
            parameters: vec!["x".into()],
            ..d
        };
        assert_eq!(one.drives(), "");
    }

    /// The demo's Monte Carlo: the stop-smoking relative risks and reductions (one CPS-II
    /// source) are one driver listing all eight, each shared source is one row, no parameter
    /// is listed twice, and no two rows carry the same correlation (they did when a shared
    /// source was split into identical rows).
    #[test]
    fn the_demos_drivers_merge_shared_sources() {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios/demo-2010-countdown.ron");
        let l = crate::scenario_file::load(&p).unwrap();
        let s = l.scenario.clone();
        let sim = Simulator::new(&s, &l.data).unwrap();
        let settings = super::super::projection::central_settings(&s);
        let all = parameters(&s, &settings);
        let opts = UncertaintySettings {
            draws: 400,
            seed: 3,
            sampling_error: false,
        };
        let u = monte_carlo(&sim, &s, &settings, opts, Control::default())
            .unwrap()
            .unwrap();
        let smoking = library::smoking_cessation();
        let cps = smoking.effects[0].rrr.citation();
        for m in &u.milestones {
            let mut seen = std::collections::HashSet::new();
            for d in &m.drivers {
                for q in &d.parameters {
                    assert!(seen.insert(q.clone()), "{q} listed twice");
                }
                if d.is_shared() {
                    // Every parameter it lists was drawn from that source.
                    for q in &d.parameters {
                        let p = all.iter().find(|p| &p.label == q).unwrap();
                        assert_eq!(p.source.as_deref(), Some(d.parameter.as_str()));
                    }
                }
            }
            for (a, b) in m.drivers.iter().zip(m.drivers.iter().skip(1)) {
                assert!(
                    a.rank_correlation != b.rank_correlation,
                    "{} and {} tie at {}",
                    a.parameter,
                    b.parameter,
                    a.rank_correlation
                );
            }
        }
        // The smoking source's row, wherever it ranks: rebuild the rows as the run does.
        let row = rows(&all).into_iter().find(|r| r.name == cps).unwrap();
        assert_eq!(row.parameters.len(), 8, "{:?}", row.parameters);
        assert!(
            row.parameters
                .contains(&"Stop-smoking services: relative risk (lung cancer)".to_string())
        );
        assert!(
            row.parameters.contains(
                &"Stop-smoking services: relative risk reduction (lung cancer)".to_string()
            )
        );
    }

    /// The demo with AF anticoagulation alone, every evidence value but its survival after a
    /// postponed death fixed, and the trend typed (not drawn): the ratio is then the only
    /// uncertainty in the life-years.
    fn af_alone(survival: Evidence) -> (Scenario, crate::model::area::AreaData) {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios/demo-2010-countdown.ron");
        let l = crate::scenario_file::load(&p).unwrap();
        let mut s = l.scenario.clone();
        let fitted = Simulator::new(&s, &l.data).unwrap();
        let slope = |sx| fitted.sex(sx).unwrap().slopes;
        use crate::model::scenario::BySex;
        s.trend = crate::model::scenario::Trend::Annual {
            local: BySex {
                male: slope(Sex::Male).local,
                female: slope(Sex::Female).local,
            },
            comparator: BySex {
                male: slope(Sex::Male).comparator,
                female: slope(Sex::Female).comparator,
            },
        };
        let fix = |e: &mut Evidence| {
            e.low = e.value;
            e.high = e.value;
        };
        for p in &mut s.programmes {
            p.enabled = p.id == "af_anticoagulation";
            fix(&mut p.eligible.share);
            fix(&mut p.adherence);
            fix(&mut p.relative_risk);
            for e in &mut p.effects {
                fix(&mut e.rrr);
            }
            p.lag.timing = None;
            if p.enabled {
                p.survival_hr = survival.clone();
            }
        }
        (s, l.data)
    }

    fn af_life_years(survival: Evidence, draws: u32) -> (f64, Uncertainty) {
        let (s, data) = af_alone(survival);
        let sim = Simulator::new(&s, &data).unwrap();
        let settings = super::super::projection::central_settings(&s);
        let central: f64 = sim.run(&s, &settings).programmes[4]
            .by_sex
            .iter()
            .map(|x| x.attributed_life_years.iter().sum::<f64>())
            .sum();
        let opts = UncertaintySettings {
            draws,
            seed: 11,
            sampling_error: false,
        };
        let u = monte_carlo(&sim, &s, &settings, opts, Control::default())
            .unwrap()
            .unwrap();
        (central, u)
    }

    /// Survival after a postponed death is drawn: a fixed ratio leaves the life-years exact;
    /// Benjamin's 1.5–1.9 spreads them; a wider range around the same 1.7 spreads them
    /// further (the same standard normals, so the wide interval holds the narrow one) while
    /// the middle stays at the central projection's life-years (the log-normal's median is
    /// the value). A higher ratio buys fewer years: the ratio is the one driver of the
    /// life-years, at a rank correlation of −1, and not a driver of any milestone (it cannot
    /// move e₀).
    #[test]
    fn survival_after_a_postponed_death_is_drawn() {
        let benjamin = |lo: f64, hi: f64| {
            Evidence::new(1.7, lo, hi, "Benjamin et al., Circulation 1998", 1998, "t")
        };
        let (central, fixed) = af_life_years(benjamin(1.7, 1.7), 1000);
        let af = &fixed.programmes[0];
        assert_eq!(af.id, "af_anticoagulation");
        assert!(central > 1.0, "{central}");
        assert!(
            (af.life_years.low - central).abs() < 1e-9 * central,
            "{:?}",
            af.life_years
        );
        assert!((af.life_years.high - central).abs() < 1e-9 * central);
        assert!(fixed.life_year_drivers.is_empty());
        let (_, narrow) = af_life_years(benjamin(1.5, 1.9), 1000);
        let (_, wide) = af_life_years(benjamin(1.2, 2.4), 1000);
        let (n, w) = (
            narrow.programmes[0].life_years,
            wide.programmes[0].life_years,
        );
        assert!(n.high - n.low > 0.05 * central, "{n:?}");
        assert!(w.low < n.low && w.high > n.high, "{n:?} {w:?}");
        for iv in [n, w] {
            assert!(
                (iv.median - central).abs() < 0.02 * central,
                "{iv:?} vs {central}"
            );
        }
        assert!((narrow.life_years.low - n.low).abs() < 1e-9 * central);
        // The cost per life-year moves inversely, on the plan's (undrawn) cost.
        let c = narrow.programmes[0].cost_per_life_year.unwrap();
        assert!((c.low * n.high - c.high * n.low).abs() < 1e-6 * c.low * n.high);
        let d = &narrow.life_year_drivers;
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].parameter,
            "AF anticoagulation: survival after a postponed death"
        );
        assert!((d[0].rank_correlation + 1.0).abs() < 1e-12, "{d:?}");
        assert!(narrow.milestones.iter().all(|m| m.drivers.is_empty()));
    }

    /// The Monte Carlo's life-years at the central settings are the projection's, programme
    /// by programme (one rule in two places: `Workspace::year` and `drawn_series`).
    #[test]
    fn drawn_life_years_at_the_central_settings_are_the_projections() {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios/demo-2010-countdown.ron");
        let l = crate::scenario_file::load(&p).unwrap();
        let s = l.scenario;
        let sim = Simulator::new(&s, &l.data).unwrap();
        let settings = super::super::projection::central_settings(&s);
        let run = sim.run(&s, &settings);
        let entrants = sim.entrants(&s, &settings);
        let mut drawn = vec![0.0; s.programmes.len()];
        for m in &sim.sexes {
            let (_, ly) = m.drawn_series(&entrants, &settings, &m.k_local_drawn(0.0));
            drawn.iter_mut().zip(&ly).for_each(|(a, b)| *a += b);
        }
        for (k, r) in run.programmes.iter().enumerate() {
            let want: f64 = r
                .by_sex
                .iter()
                .map(|x| x.attributed_life_years.iter().sum::<f64>())
                .sum();
            assert!(
                (drawn[k] - want).abs() <= 1e-9 * want.max(1.0),
                "{}: {} vs {want}",
                r.id,
                drawn[k]
            );
        }
        assert!(drawn[4] > 0.0);
    }

    #[test]
    fn spearman_by_hand() {
        // Monotone: ±1 whatever the scale.
        assert!((spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 8.0, 27.0, 64.0]) - 1.0).abs() < 1e-12);
        assert!((spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        // Ranks 1..5 against 2,1,4,3,5: Σd² = 4, ρ = 1 − 6·4/(5·24) = 0.8.
        let r = spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 1.0, 4.0, 3.0, 5.0]);
        assert!((r - 0.8).abs() < 1e-12, "{r}");
        // A constant has no correlation.
        assert_eq!(spearman(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), 0.0);
    }

    /// England on Holt's forecast: the chance of meeting a gap milestone set exactly at the
    /// projected gap with no programmes (nothing else varies, sampling error off) is the
    /// chance a normal error with Holt's SE falls at or below 0: one half; set 1.96 SE above
    /// it, 97.5%. On the trend (no interval) the same milestones are met in every draw.
    /// 4,000 draws: the binomial SE is under 0.008, held to 0.03.
    #[test]
    fn holts_interval_enters_the_chance_of_a_gap_milestone() {
        use crate::model::comparator_path::{ComparatorPath, PathPoint};
        use crate::model::scenario::{BySex, Period, Target};
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios/demo-2010-countdown.ron");
        let l = crate::scenario_file::load(&p).unwrap();
        let mut s = l.scenario.clone();
        s.programmes.iter_mut().for_each(|p| p.enabled = false);
        // The local trend typed at its fitted slopes, so England's interval is the only
        // uncertainty here (a fitted trend's slope is drawn too).
        let fitted = Simulator::new(&s, &l.data).unwrap();
        let slope = |sx| fitted.sex(sx).unwrap().slopes;
        s.trend = crate::model::scenario::Trend::Annual {
            local: BySex {
                male: slope(Sex::Male).local,
                female: slope(Sex::Female).local,
            },
            comparator: BySex {
                male: slope(Sex::Male).comparator,
                female: slope(Sex::Female).comparator,
            },
        };
        let series = [74.6, 75.1, 75.3, 75.9, 76.2, 76.6];
        s.comparator_path = ComparatorPath::Holt {
            series: series
                .iter()
                .enumerate()
                .map(|(i, &m)| PathPoint {
                    period: Period::new(2000 + i as i32, 2000 + i as i32),
                    e0: BySex {
                        male: m,
                        female: m + 4.0,
                    },
                })
                .collect(),
            alpha: Some(0.5),
            beta: Some(0.3),
        };
        let period = Period::new(2009, 2011);
        // Holt's SE at the period's middle, by hand from the fitted model.
        let z = 1.959_963_984_540_054;
        let f = crate::model::holt::fit(&series, Some(0.5), Some(0.3))
            .unwrap()
            .forecast(period.mid() - 2005.5, z);
        let se = (f.upper - f.lower) / (2.0 * z);
        assert!(se > 0.05, "{se}");
        assert!((holt_se(&s, Sex::Male, period.mid()).unwrap() - se).abs() < 1e-12);
        // The projected gap in the period, nothing delivered.
        let sim = Simulator::new(&s, &l.data).unwrap();
        let settings = super::super::projection::central_settings(&s);
        let pooled = sim.pooled(Sex::Male, period, &s, &settings).unwrap();
        let gap = pooled.e0_comparator - pooled.e0_local_with;
        let milestone = |g: f64| crate::model::scenario::Milestone {
            name: "gap".into(),
            sex: Sex::Male,
            period,
            target: Target::MaxGap(g),
        };
        s.milestones = vec![milestone(gap + 1e-9), milestone(gap + z * se)];
        let opts = UncertaintySettings {
            draws: 4000,
            seed: 7,
            sampling_error: false,
        };
        let sim = Simulator::new(&s, &l.data).unwrap();
        let settings = super::super::projection::central_settings(&s);
        let u = monte_carlo(&sim, &s, &settings, opts, Control::default())
            .unwrap()
            .unwrap();
        let p0 = u.milestones[0].probability_met;
        let p1 = u.milestones[1].probability_met;
        assert!((p0 - 0.5).abs() < 0.03, "{p0}");
        assert!((p1 - 0.975).abs() < 0.03, "{p1}");
        // chance_met (goal seek) draws the same.
        assert_eq!(chance_met(&sim, &s, &settings, 1, opts).unwrap(), p1);
        // On the trend: no interval, every draw meets both.
        s.comparator_path = ComparatorPath::Trend;
        let sim = Simulator::new(&s, &l.data).unwrap();
        let pooled = sim.pooled(Sex::Male, period, &s, &settings).unwrap();
        let gap = pooled.e0_comparator - pooled.e0_local_with;
        s.milestones = vec![milestone(gap + 1e-9)];
        let u = monte_carlo(&sim, &s, &settings, opts, Control::default())
            .unwrap()
            .unwrap();
        assert_eq!(u.milestones[0].probability_met, 1.0);
    }
}
