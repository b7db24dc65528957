//! Uncertainty: a seeded Monte Carlo over the effect-size ranges, and the sampling error of the
//! measured gap.
//!
//! Each draw samples every evidence range of every enabled programme independently from a
//! triangular distribution (low, central value, high): the eligible share, adherence, and for
//! each cause the group's relative risk and the relative risk reduction. Coverage is the plan
//! and is not sampled. Draw i uses a ChaCha8 generator seeded with the scenario's seed on
//! stream i, so results are identical whatever the number of threads.
//!
//! The measured gap also carries sampling error: its standard error in the base period is
//! √(SE²local + SE²England) from the life tables (Chiang/Silcocks). With `sampling_error` on,
//! each draw adds a normal error of that size to the milestone measure before judging whether
//! it is met, since the 2009–11 figure will be measured on data as noisy as 2006–08's.

use super::area::Sex;
use super::milestones::{Measure, requirement, shortfall};
use super::programmes::{EffectSizes, MAX_EFFECTS, Programme};
use super::projection::{ProjectionError, Settings, Simulator};
use super::scenario::{Scenario, UncertaintySettings};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal, Triangular};
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
}

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

#[derive(Debug, Clone, Serialize)]
pub struct Uncertainty {
    pub draws: u32,
    pub seed: u64,
    pub sampling_error: bool,
    pub milestones: Vec<MilestoneUncertainty>,
    pub gap_bands: Vec<GapBand>,
    pub measured_gap: Vec<MeasuredGap>,
}

fn tri(rng: &mut ChaCha8Rng, low: f64, mode: f64, high: f64) -> f64 {
    if high - low <= 1e-15 {
        return mode;
    }
    Triangular::new(low, high, mode.clamp(low, high))
        .map(|d| d.sample(rng))
        .unwrap_or(mode)
}

/// One draw of a programme's effect sizes.
fn draw_sizes(p: &Programme, rng: &mut ChaCha8Rng) -> EffectSizes {
    let e = &p.eligible.share;
    let share_ratio = if e.value > 0.0 {
        tri(rng, e.low, e.value, e.high) / e.value
    } else {
        1.0
    };
    let a = &p.adherence;
    let kept_up = tri(rng, a.low, a.value, a.high);
    let adherence = kept_up * share_ratio;
    let mut per_effect = [0.0; MAX_EFFECTS];
    let mut rrr = [0.0; MAX_EFFECTS];
    for (i, eff) in p.effects.iter().take(MAX_EFFECTS).enumerate() {
        let rr = p.effect_rr(eff);
        let r = tri(rng, rr.low, rr.value, rr.high);
        let x = tri(rng, eff.rrr.low, eff.rrr.value, eff.rrr.high);
        per_effect[i] = r * x;
        rrr[i] = x;
    }
    EffectSizes {
        adherence,
        kept_up,
        per_effect,
        rrr,
    }
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
    struct MInfo {
        sex_idx: usize,
        t0: usize,
        t1: usize,
        measure: Measure,
        required: f64,
        se: f64,
        without: f64,
        comparator: f64,
    }
    let mut infos = Vec::new();
    for m in &s.milestones {
        let sex_idx =
            sim.sexes
                .iter()
                .position(|x| x.sex == m.sex)
                .ok_or(ProjectionError::MissingGroup {
                    area: s.area.clone(),
                    sex: m.sex,
                })?;
        let model = &sim.sexes[sex_idx];
        let (Some(t0), Some(t1)) = (
            sim.year_index(m.period.first),
            sim.year_index(m.period.last),
        ) else {
            return Err(ProjectionError::OutsideHorizon {
                period: m.period,
                horizon: sim.horizon,
            });
        };
        let (measure, _, required) =
            requirement(s, m, model.local_table.e0(), model.comparator_table.e0());
        let pooled = model.pooled(t0, t1, &entrants, settings);
        let se = match measure {
            Measure::GapYears => model.base_gap_se,
            Measure::GapShare => model.base_gap_se / pooled.e0_comparator,
            Measure::LifeExpectancy => model.local_table.se0(),
        };
        infos.push(MInfo {
            sex_idx,
            t0,
            t1,
            measure,
            required,
            se,
            without: pooled.e0_local_without,
            comparator: pooled.e0_comparator,
        });
    }
    let ny = sim.years.len();
    let ns = sim.sexes.len();
    // Per draw: yearly gap with programmes per sex, then (gain, value, met) per milestone.
    type Draw = (Vec<f64>, Vec<(f64, f64, bool)>);
    let results: Vec<Option<Draw>> = (0..draws)
        .into_par_iter()
        .map(|i| {
            if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                return None;
            }
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(i as u64);
            let drawn: Settings = s
                .programmes
                .iter()
                .zip(settings)
                .map(|(p, set)| set.as_ref().map(|(c, _)| (*c, draw_sizes(p, &mut rng))))
                .collect();
            let mut gaps = Vec::with_capacity(ns * ny);
            for (j, model) in sim.sexes.iter().enumerate() {
                let e0 = model.e0_with_series(&entrants, &drawn);
                let sx = &central.sexes[j];
                gaps.extend(e0.iter().zip(&sx.e0_comparator).map(|(l, c)| c - l));
            }
            let mut ms = Vec::with_capacity(infos.len());
            for info in &infos {
                let model = &sim.sexes[info.sex_idx];
                let pooled = model.pooled(info.t0, info.t1, &entrants, &drawn);
                let value = info.measure.of(pooled.e0_local_with, info.comparator);
                let noise = if sampling_error && info.se > 0.0 {
                    Normal::new(0.0, info.se)
                        .map(|n| n.sample(&mut rng))
                        .unwrap_or(0.0)
                } else {
                    0.0
                };
                let met = shortfall(info.measure, value + noise, info.required) <= 0.0;
                ms.push((pooled.e0_local_with - info.without, value, met));
            }
            if let Some(p) = progress {
                p.fetch_add(1, Ordering::Relaxed);
            }
            Some((gaps, ms))
        })
        .collect();
    if results.iter().any(Option::is_none) {
        return Ok(None);
    }
    let results: Vec<Draw> = results.into_iter().flatten().collect();
    let milestones = s
        .milestones
        .iter()
        .enumerate()
        .map(|(j, m)| {
            let mut gain: Vec<f64> = results.iter().map(|r| r.1[j].0).collect();
            let mut value: Vec<f64> = results.iter().map(|r| r.1[j].1).collect();
            let met = results.iter().filter(|r| r.1[j].2).count();
            MilestoneUncertainty {
                label: m.label(),
                gain: Interval::of(&mut gain),
                value: Interval::of(&mut value),
                probability_met: met as f64 / results.len().max(1) as f64,
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
    Ok(Some(Uncertainty {
        draws,
        seed,
        sampling_error,
        milestones,
        gap_bands,
        measured_gap,
    }))
}
