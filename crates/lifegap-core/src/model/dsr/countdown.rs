//! Rate targets as countdowns: a PSA mortality target (circulatory or cancer under 75,
//! [`super::targets`]) or all-age all-cause mortality (AAACM: its gap with England, the
//! required rate England's projected rate plus the allowed gap) judged like a life
//! expectancy milestone, with a status, the time left
//! to the end of its target period, and a yearly path for a chart.
//!
//! **Status: the same at-risk rule as the life expectancy milestones.** A rate target is on
//! track when the projected rate with the programmes is at or below the required rate; when
//! it is above, the miss is put in the milestones' own unit — the years of life expectancy the
//! area would still gain if the rate came down to the required rate (every cause × band cell
//! of the measure scaled by required ÷ projected, the life table recomputed, PHE/ONS method,
//! as the seed question does) — and the target is at risk when that is at most the scenario's
//! `status.at_risk_years`, off track otherwise ([`crate::model::milestones::status`]).
//!
//! **Path.** Each simulated year up to the end of the target period, the DSR of the year's
//! rates (Dobson 1991 standardisation, [`super::targets::rate_from`]) without and with the
//! programmes, and the required straight line from the baseline period's middle to the
//! target period's middle.

use super::measure::cause_columns;
use super::targets::{Baseline, Context, RateMilestone, RateTarget, rate_from, rate_milestone};
use crate::model::life_table::e0_from_rates;
use crate::model::milestones::{Measure as LeMeasure, Status, status};
use crate::model::projection::PooledRates;
use crate::model::scenario::{Date, Period};
use serde::Serialize;

/// One year of a rate countdown's chart (per 100,000).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RateYear {
    pub year: i32,
    pub required: f64,
    pub without: f64,
    pub with: f64,
}

/// A rate target as a countdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateCountdown {
    pub milestone: RateMilestone,
    pub status: Status,
    /// Years of e₀ still to gain by bringing the rate (with programmes) to the required rate;
    /// 0 when met.
    pub miss_years: f64,
    /// The last day of the target period, and whole months to it from the planning date.
    pub due: Date,
    pub months_left: i32,
    pub path: Vec<RateYear>,
}

/// e₀ gained if the measure's cells of `rates` are scaled by `factor` (below 1 lowers them).
pub(crate) fn e0_gain_of_scaling(
    pooled: &PooledRates,
    rates: &[f64],
    cols: &[usize],
    max_band: usize,
    factor: f64,
) -> f64 {
    let nc = pooled.causes;
    let all = |r: &[f64]| -> Vec<f64> {
        (0..pooled.bands.len())
            .map(|b| r[b * nc..(b + 1) * nc].iter().sum())
            .collect()
    };
    let mut scaled = rates.to_vec();
    for b in 0..max_band {
        for &c in cols {
            scaled[b * nc + c] *= factor;
        }
    }
    e0_from_rates(pooled.bands, &all(&scaled)) - e0_from_rates(pooled.bands, &all(rates))
}

/// The countdown of one rate target for the baseline's sex, from the planning date `as_of`.
pub fn rate_countdown(
    cx: &Context<'_>,
    target: &RateTarget,
    baseline: &Baseline,
    as_of: Date,
) -> Result<RateCountdown, String> {
    let m = rate_milestone(cx, target, baseline)?;
    let s = cx.scenario;
    let sex = baseline.sex;
    let cols = cause_columns(target.measure, &cx.data.causes)?;
    let pooled = cx
        .simulator
        .pooled_rates(sex, target.target_period, s, cx.settings)
        .map_err(|e| e.to_string())?;
    let max_band = target
        .measure
        .max_start_age()
        .map_or(pooled.bands.len(), |a| {
            pooled.bands.indices_in(0, a).count()
        });
    let miss_years = if m.with > m.required_rate && m.with > 0.0 {
        e0_gain_of_scaling(
            &pooled,
            &pooled.with,
            &cols,
            max_band,
            m.required_rate / m.with,
        )
    } else {
        0.0
    };
    let st = status(
        LeMeasure::LifeExpectancy,
        miss_years,
        s.status.at_risk_years,
        0.0,
    );
    let mut path = Vec::new();
    for &year in &cx.simulator.years {
        if year > target.target_period.last {
            break;
        }
        let p = cx
            .simulator
            .pooled_rates(sex, Period::new(year, year), s, cx.settings)
            .map_err(|e| e.to_string())?;
        // England's projected rate that year (its base rate times its trend factor).
        let comparator = if pooled.comparator_factor > 0.0 {
            m.comparator / pooled.comparator_factor * p.comparator_factor
        } else {
            m.comparator
        };
        path.push(RateYear {
            year,
            required: target.required_rate_given(
                baseline,
                Period::new(year, year).mid(),
                comparator,
            ),
            without: rate_from(&p.without, &p, &cols, target.measure, cx.standard)?,
            with: rate_from(&p.with, &p, &cols, target.measure, cx.standard)?,
        });
    }
    let due = Date {
        year: target.target_period.last,
        month: 12,
        day: 31,
    };
    Ok(RateCountdown {
        status: st,
        miss_years,
        due,
        months_left: as_of.months_until(due),
        path,
        milestone: m,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::milestones::status;

    /// The rule by hand: 0.05 years short with a 0.5-year margin is at risk; 0.6 off track;
    /// met is on track.
    #[test]
    fn rag_thresholds_by_hand() {
        let rule = |miss| status(LeMeasure::LifeExpectancy, miss, 0.5, 0.0);
        assert_eq!(rule(0.0), Status::OnTrack);
        assert_eq!(rule(0.05), Status::AtRisk);
        assert_eq!(rule(0.5), Status::AtRisk);
        assert_eq!(rule(0.6), Status::OffTrack);
    }
}
