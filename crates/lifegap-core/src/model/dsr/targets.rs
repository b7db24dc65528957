//! Mortality targets on directly standardised rates, and what meeting them is worth in life
//! expectancy.
//!
//! **The PSA targets** (Department of Health PSA 2004, as in methods.md): from the 1995–97
//! baseline to 2009–11 ("by 2010"), circulatory disease under 75 down 40% with the gap between
//! the Spearhead Group (here: the area) and England down 40%; cancer under 75 down 20% with the
//! gap down at least 6%. The required trajectory is a straight line in the rate from the
//! baseline period's middle to the target period's middle, held at the target afterwards.
//!
//! **Projection.** The area's cause rates come from the simulator
//! ([`Simulator::pooled_rates`]): the base-period data times the scenario's trend, without the
//! programmes, with all of them, and with each alone, pooled over the period as the life
//! expectancy milestones pool them. A programme's effect on a rate is the rate without the
//! programmes minus the rate with that programme alone. England's rate is its base-period
//! rate times its own trend factor.
//!
//! **"If the CVD and cancer targets are met exactly, how much of the life expectancy target
//! does that deliver?"** For a life expectancy milestone, the area's circulatory and cancer
//! rates under 75 in the projection without programmes are scaled down, band by band (every
//! cause × band cell of the measure by one factor, which scales the DSR by the same factor), to
//! the required rate on their trajectory at the milestone's period; the life table is
//! recomputed (PHE/ONS method) and the gain in e₀ compared with the milestone's shortfall.
//! A rate already below its trajectory is left as it is (factor 1).

use super::measure::{Measure, cause_columns, rate_of};
use super::standard::Standard;
use crate::model::area::{AreaData, Sex};
use crate::model::life_table::e0_from_rates;
use crate::model::milestones::{Measure as LeMeasure, MilestoneResult};
use crate::model::projection::{PooledRates, Settings, Simulator};
use crate::model::scenario::{Period, Scenario};
use serde::Serialize;

/// A rate target: the share the rate must fall and the share the gap must fall, from a
/// baseline period to a target period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RateTarget {
    pub measure: Measure,
    pub baseline_period: Period,
    pub target_period: Period,
    /// Share the area's rate must fall (0.4 = 40%).
    pub reduction: f64,
    /// Share the absolute gap with the comparator must fall.
    pub gap_reduction: f64,
}

/// The two PSA mortality targets of the 2004 spending review (1995–97 → 2009–11).
pub fn psa_2010() -> [RateTarget; 2] {
    let baseline_period = Period::new(1995, 1997);
    let target_period = Period::new(2009, 2011);
    [
        RateTarget {
            measure: Measure::CirculatoryUnder75,
            baseline_period,
            target_period,
            reduction: 0.40,
            gap_reduction: 0.40,
        },
        RateTarget {
            measure: Measure::CancerUnder75,
            baseline_period,
            target_period,
            reduction: 0.20,
            gap_reduction: 0.06,
        },
    ]
}

/// All-age all-cause mortality (AAACM), the proxy DH monitored each year for the 2010
/// life-expectancy target: its gap with England narrowed by 10% from 1995–97 by 2009–11, as the
/// life-expectancy gap must be. A target on the gap only (`reduction` 0): the rate required
/// each year is England's projected rate plus the allowed gap
/// ([`RateTarget::required_rate_given`]). Not part of the seed question, which asks about the
/// circulatory and cancer targets.
pub fn aaacm_2010() -> RateTarget {
    RateTarget {
        measure: Measure::AllCause,
        baseline_period: Period::new(1995, 1997),
        target_period: Period::new(2009, 2011),
        reduction: 0.0,
        gap_reduction: 0.10,
    }
}

/// Every rate target counted down on screen, on the command line and in the pack: the two PSA
/// targets and AAACM.
pub fn countdown_targets() -> Vec<RateTarget> {
    let mut v = psa_2010().to_vec();
    v.push(aaacm_2010());
    v
}

/// Published baseline rates for one measure and sex (per 100,000, on the standard in use).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Baseline {
    pub measure: Measure,
    pub sex: Sex,
    pub period: Period,
    pub area: f64,
    pub comparator: f64,
}

impl RateTarget {
    /// Share of the way from baseline to target at calendar time `at` (0 before, 1 after).
    fn progress(&self, at: f64) -> f64 {
        let (t0, t1) = (self.baseline_period.mid(), self.target_period.mid());
        if t1 <= t0 {
            return 1.0;
        }
        ((at - t0) / (t1 - t0)).clamp(0.0, 1.0)
    }

    /// The area's rate required at `at` on the straight-line trajectory.
    pub fn required_rate(&self, b: &Baseline, at: f64) -> f64 {
        b.area * (1.0 - self.reduction * self.progress(at))
    }

    /// A target on the gap alone (no fall in the rate itself is asked for, as for AAACM).
    pub fn gap_only(&self) -> bool {
        self.reduction == 0.0 && self.gap_reduction > 0.0
    }

    /// The area's rate required at `at`, given the comparator's projected rate then: for a
    /// target on the gap alone, that rate plus the allowed gap; otherwise the straight line
    /// in the rate ([`Self::required_rate`]).
    pub fn required_rate_given(&self, b: &Baseline, at: f64, comparator: f64) -> f64 {
        if self.gap_only() {
            comparator + self.required_gap(b, at)
        } else {
            self.required_rate(b, at)
        }
    }

    /// The largest gap (area − comparator) allowed at `at`.
    pub fn required_gap(&self, b: &Baseline, at: f64) -> f64 {
        (b.area - b.comparator) * (1.0 - self.gap_reduction * self.progress(at))
    }
}

/// The DSR of a measure from pooled rates (`rates[band * causes + cause]`).
pub fn rate_from(
    rates: &[f64],
    pooled: &PooledRates,
    cols: &[usize],
    measure: Measure,
    standard: Standard,
) -> Result<f64, String> {
    let nc = pooled.causes;
    let deaths: Vec<f64> = (0..pooled.bands.len())
        .map(|b| cols.iter().map(|c| rates[b * nc + c]).sum::<f64>() * pooled.annual_pop[b])
        .collect();
    rate_of(
        "projection",
        measure,
        pooled.bands,
        &deaths,
        &pooled.annual_pop,
        standard,
        0.95,
    )
    .map(|d| d.value)
    .map_err(|e| e.to_string())
}

/// One programme's effect on a rate: how far it lowers it, per 100,000.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeRateEffect {
    pub id: String,
    pub name: String,
    pub reduction: f64,
}

/// A rate target judged for one sex at its target period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateMilestone {
    pub target: RateTarget,
    pub standard: Standard,
    pub baseline: Baseline,
    /// The area's rate in the base period (the data, not projected).
    pub base_rate: f64,
    pub required_rate: f64,
    pub required_gap: f64,
    /// The area's projected rate at the target period, without and with the programmes.
    pub without: f64,
    pub with: f64,
    /// England's projected rate.
    pub comparator: f64,
    pub gap_without: f64,
    pub gap_with: f64,
    pub rate_met: bool,
    pub gap_met: bool,
    /// Each enabled programme's effect alone.
    pub programmes: Vec<ProgrammeRateEffect>,
}

/// What a rate target needs to be projected: the simulator, the scenario at its settings, the
/// data (for England's base-period rate) and the standard.
pub struct Context<'a> {
    pub simulator: &'a Simulator,
    pub scenario: &'a Scenario,
    pub settings: &'a Settings,
    pub data: &'a AreaData,
    pub standard: Standard,
}

/// Judge a rate target for the baseline's sex at the target period.
pub fn rate_milestone(
    cx: &Context<'_>,
    target: &RateTarget,
    baseline: &Baseline,
) -> Result<RateMilestone, String> {
    let s = cx.scenario;
    let sex = baseline.sex;
    let cols = cause_columns(target.measure, &cx.data.causes)?;
    let pooled = cx
        .simulator
        .pooled_rates(sex, target.target_period, s, cx.settings)
        .map_err(|e| e.to_string())?;
    let area_group = cx
        .data
        .group(&s.area, sex)
        .ok_or_else(|| format!("no data for the area '{}', {sex}", s.area))?;
    let base_rate =
        super::measure::group_rate(cx.data, area_group, target.measure, cx.standard, 0.95)?.value;
    let comp_group = cx
        .data
        .group(&s.comparator, sex)
        .ok_or_else(|| format!("no data for the comparator '{}', {sex}", s.comparator))?;
    let comp_base =
        super::measure::group_rate(cx.data, comp_group, target.measure, cx.standard, 0.95)?;
    let rate = |r: &[f64]| rate_from(r, &pooled, &cols, target.measure, cx.standard);
    let without = rate(&pooled.without)?;
    let with = rate(&pooled.with)?;
    let comparator = comp_base.value * pooled.comparator_factor;
    let at = target.target_period.mid();
    let required_rate = target.required_rate_given(baseline, at, comparator);
    let required_gap = target.required_gap(baseline, at);
    let mut programmes = Vec::new();
    for (k, p) in s.programmes.iter().enumerate() {
        if cx.settings.get(k).is_some_and(Option::is_some) {
            programmes.push(ProgrammeRateEffect {
                id: p.id.clone(),
                name: p.name.clone(),
                reduction: without - rate(&pooled.each[k])?,
            });
        }
    }
    Ok(RateMilestone {
        target: *target,
        standard: cx.standard,
        baseline: *baseline,
        base_rate,
        required_rate,
        required_gap,
        without,
        with,
        comparator,
        gap_without: without - comparator,
        gap_with: with - comparator,
        rate_met: with <= required_rate,
        gap_met: with - comparator <= required_gap,
        programmes,
    })
}

/// A stretch on a life expectancy milestone: a larger gap reduction than the milestone's own
/// (0.15 or 0.20 instead of the PSA's 0.10), or a chosen gap in years.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Stretch {
    /// The gap down by this share from the milestone's baseline.
    GapReduction(f64),
    /// The gap at most this many years.
    GapYears(f64),
}

/// The shortfall of a life expectancy milestone without the programmes, in years of e₀
/// (the comparator's projection is the same with or without local measures, so years of gap
/// and years of local e₀ are the same thing), under the milestone's own requirement or a
/// stretch. 0 when already met. `None` when a stretch does not fit the milestone's measure.
pub fn shortfall_years(m: &MilestoneResult, stretch: Option<Stretch>) -> Option<f64> {
    let e0c = m.pooled.e0_comparator;
    let gap_without = e0c - m.pooled.e0_local_without;
    let allowed_gap = match (stretch, m.measure) {
        (None, LeMeasure::GapYears) => m.required,
        (None, LeMeasure::GapShare) => m.required * e0c,
        (None, LeMeasure::LifeExpectancy) => e0c - m.required,
        (Some(Stretch::GapYears(g)), _) => g,
        (Some(Stretch::GapReduction(r)), LeMeasure::GapYears) => m.baseline_value * (1.0 - r),
        (Some(Stretch::GapReduction(r)), LeMeasure::GapShare) => m.baseline_value * (1.0 - r) * e0c,
        (Some(Stretch::GapReduction(_)), LeMeasure::LifeExpectancy) => return None,
    };
    Some((gap_without - allowed_gap).max(0.0))
}

/// What meeting the circulatory and cancer targets exactly is worth for one life expectancy
/// milestone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetsMetGain {
    pub milestone: String,
    pub sex: Sex,
    pub period: Period,
    pub standard: Standard,
    /// Per measure: (measure, projected rate without programmes, required rate, factor applied).
    pub rates: Vec<(Measure, f64, f64, f64)>,
    pub e0_without: f64,
    pub e0_targets_met: f64,
    pub gain: f64,
    /// The milestone's shortfall without the programmes (years), under the stretch if any;
    /// `None` when the stretch does not fit the milestone (a gap-reduction stretch on a life
    /// expectancy milestone).
    pub shortfall: Option<f64>,
    /// Gain ÷ shortfall (`None` when there is no shortfall).
    pub share_of_target: Option<f64>,
    pub stretch: Option<Stretch>,
}

/// The seed question for one life expectancy milestone (see the module doc). `targets` and
/// `baselines` are matched by measure and the milestone's sex; a target with no baseline for
/// the sex is an error naming it.
pub fn targets_met_gain(
    cx: &Context<'_>,
    milestone: &MilestoneResult,
    targets: &[RateTarget],
    baselines: &[Baseline],
    stretch: Option<Stretch>,
) -> Result<TargetsMetGain, String> {
    let s = cx.scenario;
    let sex = milestone.sex;
    let pooled = cx
        .simulator
        .pooled_rates(sex, milestone.period, s, cx.settings)
        .map_err(|e| e.to_string())?;
    let nc = pooled.causes;
    let mut rates = pooled.without.clone();
    let mut applied = Vec::new();
    for t in targets {
        let b = baselines
            .iter()
            .find(|b| b.measure == t.measure && b.sex == sex)
            .ok_or_else(|| {
                format!(
                    "no {} baseline for {sex}: add a row '{},{sex},{},AREA_RATE,ENGLAND_RATE' to the baselines file",
                    t.measure.label(),
                    t.measure.name(),
                    t.baseline_period
                )
            })?;
        let cols = cause_columns(t.measure, &cx.data.causes)?;
        let now = rate_from(&pooled.without, &pooled, &cols, t.measure, cx.standard)?;
        let required = t.required_rate(b, milestone.period.mid());
        let factor = if now > 0.0 {
            (required / now).min(1.0)
        } else {
            1.0
        };
        let max_band = t.measure.max_start_age().map_or(pooled.bands.len(), |a| {
            pooled.bands.indices_in(0, a).count()
        });
        for b in 0..max_band {
            for &c in &cols {
                rates[b * nc + c] *= factor;
            }
        }
        applied.push((t.measure, now, required, factor));
    }
    let all_cause = |r: &[f64]| -> Vec<f64> {
        (0..pooled.bands.len())
            .map(|b| r[b * nc..(b + 1) * nc].iter().sum())
            .collect()
    };
    let e0_without = e0_from_rates(pooled.bands, &all_cause(&pooled.without));
    let e0_met = e0_from_rates(pooled.bands, &all_cause(&rates));
    let gain = e0_met - e0_without;
    let shortfall = shortfall_years(milestone, stretch);
    Ok(TargetsMetGain {
        milestone: milestone.label.clone(),
        sex,
        period: milestone.period,
        standard: cx.standard,
        rates: applied,
        e0_without,
        e0_targets_met: e0_met,
        gain,
        shortfall,
        share_of_target: shortfall.filter(|x| *x > 0.0).map(|x| gain / x),
        stretch,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// AAACM by hand: baseline 1,000 against England's 872 (gap 128) in 1995–97 (middle
    /// 1996.5); by 2009–11 (middle 2010.5) the gap may be 0.9 × 128 = 115.2, so with England
    /// projected at 620 the area needs 735.2; half way (2003.5) the gap allowed is
    /// 128 × (1 − 0.05) = 121.6. The circulatory target ignores England's rate.
    #[test]
    fn aaacm_requires_englands_rate_plus_the_allowed_gap() {
        let t = aaacm_2010();
        assert!(t.gap_only());
        let b = Baseline {
            measure: Measure::AllCause,
            sex: Sex::Male,
            period: Period::new(1995, 1997),
            area: 1000.0,
            comparator: 872.0,
        };
        assert!((t.required_rate_given(&b, 2010.5, 620.0) - 735.2).abs() < 1e-9);
        assert!((t.required_rate_given(&b, 2003.5, 700.0) - 821.6).abs() < 1e-9);
        let cvd = psa_2010()[0];
        assert!(!cvd.gap_only());
        assert_eq!(
            cvd.required_rate_given(&b, 2010.5, 620.0),
            cvd.required_rate(&b, 2010.5)
        );
        assert_eq!(countdown_targets().len(), 3);
    }

    fn base() -> Baseline {
        Baseline {
            measure: Measure::CirculatoryUnder75,
            sex: Sex::Male,
            period: Period::new(1995, 1997),
            area: 200.0,
            comparator: 150.0,
        }
    }

    /// 1995–97 (mid 1996.5) to 2009–11 (mid 2010.5) is 14 years; 2003–05 (mid 2004.5) is 8/14
    /// of the way: required = 200·(1 − 0.4·8/14) = 154.2857…; gap allowed = 50·(1 − 0.4·8/14).
    #[test]
    fn trajectory_by_hand() {
        let t = psa_2010()[0];
        let b = base();
        assert!((t.required_rate(&b, 2010.5) - 120.0).abs() < 1e-12);
        assert!((t.required_rate(&b, 2004.5) - 154.285_714_285_714_3).abs() < 1e-9);
        assert!((t.required_gap(&b, 2004.5) - 50.0 * (1.0 - 0.4 * 8.0 / 14.0)).abs() < 1e-12);
        // Held at the target after it, at the baseline before it.
        assert!((t.required_rate(&b, 2013.5) - 120.0).abs() < 1e-12);
        assert!((t.required_rate(&b, 1990.0) - 200.0).abs() < 1e-12);
        let cancer = psa_2010()[1];
        assert_eq!((cancer.reduction, cancer.gap_reduction), (0.2, 0.06));
    }
}
