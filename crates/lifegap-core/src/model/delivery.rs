//! Countdown milestones for delivery: for each programme, the cumulative number of people to
//! reach by the end of each quarter, as planned and as required to meet a milestone.
//!
//! People counted are those above the base-period baseline: for a stock programme the extra
//! people under treatment at the quarter's end; for a flow programme the extra people reached
//! since delivery began. Coverage follows the programme's linear ramp in continuous time.
//! "Required" is the mix of all enabled programmes scaled together (see `goal_seek`) that just
//! meets the milestone: the delivery trajectory to stay on course for it.
//!
//! Beside the plan, each quarter shows what business as usual would reach anyway (counted the
//! same way; the programme is credited only above it), and for a stock programme the *starts*
//! needed: people stop treatment, so with adherence (persistence) a, standing at N people on
//! treatment takes N / a starts (at 65% persistence about 1.5 times as many).

use super::programmes::{Programme, Reach};
use super::scenario::Date;
use serde::Serialize;

/// One programme's delivery by the end of one quarter.
#[derive(Debug, Clone, Serialize)]
pub struct QuarterRow {
    pub programme: String,
    /// "2009 Q2".
    pub quarter: String,
    pub quarter_end: Date,
    pub planned_cumulative: f64,
    pub required_cumulative: Option<f64>,
    /// What business as usual reaches above the base period by then, counted like the plan.
    pub bau_cumulative: f64,
    /// Stock programmes: people who must start treatment for the plan's stock to stand at
    /// `planned_cumulative` (÷ adherence). Flow programmes count people reached: none.
    pub planned_starts: Option<f64>,
}

/// Extra coverage above baseline at continuous time `t` (years, e.g. 2009.25).
fn extra_at(p: &Programme, target: f64, t: f64) -> f64 {
    let c = &p.coverage;
    let start = c.start_year as f64;
    if t <= start {
        return 0.0;
    }
    let share = if c.ramp_years <= 0.0 {
        1.0
    } else {
        ((t - start) / c.ramp_years).min(1.0)
    };
    (target - c.baseline).max(0.0) * share
}

/// Business-as-usual coverage above the base period at continuous time `t`, the base period's
/// middle at `base_mid` ([`Programme::bau_in`] at mid-year).
fn bau_extra_at(p: &Programme, base_mid: f64, t: f64) -> f64 {
    let c = &p.coverage;
    let bau = (c.baseline + c.bau_change.value * (t - base_mid).max(0.0))
        .clamp(0.0, c.max.max(c.baseline));
    (bau - c.baseline).max(0.0)
}

/// Cumulative people by time `t` at coverage `target`, for `eligible` people.
pub fn cumulative(p: &Programme, eligible: f64, target: f64, t: f64) -> f64 {
    accumulate(p, eligible, t, |tau| extra_at(p, target, tau))
}

/// People above the base period at `t` (stock) or reached since the start (flow), for the
/// coverage above the base period `extra(τ)`.
fn accumulate(p: &Programme, eligible: f64, t: f64, extra: impl Fn(f64) -> f64) -> f64 {
    match p.reach {
        Reach::Stock => eligible * extra(t),
        Reach::Flow => {
            // ∫ extra(τ) dτ from the start, in quarter steps (exact for the linear ramp's
            // piecewise shape up to the step).
            let start = p.coverage.start_year as f64;
            let steps = (((t - start) * 48.0).ceil().max(0.0)) as usize;
            let dt = if steps > 0 {
                (t - start) / steps as f64
            } else {
                0.0
            };
            let mut sum = 0.0;
            for i in 0..steps {
                let mid = start + (i as f64 + 0.5) * dt;
                sum += extra(mid) * dt;
            }
            (eligible * sum).min(eligible)
        }
    }
}

/// Quarterly countdown for one programme from its start to `until` (inclusive).
pub fn quarters(
    p: &Programme,
    eligible: f64,
    planned: f64,
    required: Option<f64>,
    until: Date,
    base_mid: f64,
) -> Vec<QuarterRow> {
    let mut out = Vec::new();
    let mut year = p.coverage.start_year;
    let mut q = 1;
    loop {
        let month = q * 3;
        let day = if q == 1 || q == 4 { 31 } else { 30 };
        let end = Date { year, month, day };
        if end > until {
            break;
        }
        let t = year as f64 + q as f64 / 4.0;
        let planned_cumulative = cumulative(p, eligible, planned, t);
        out.push(QuarterRow {
            programme: p.id.clone(),
            quarter: format!("{year} Q{q}"),
            quarter_end: end,
            planned_cumulative,
            required_cumulative: required.map(|r| cumulative(p, eligible, r, t)),
            bau_cumulative: accumulate(p, eligible, t, |tau| bau_extra_at(p, base_mid, tau)),
            planned_starts: match p.reach {
                Reach::Stock if p.adherence.value > 0.0 => {
                    Some(planned_cumulative / p.adherence.value)
                }
                _ => None,
            },
        });
        q += 1;
        if q > 4 {
            q = 1;
            year += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::programmes::library;

    #[test]
    fn stock_ramps_to_target_and_flow_accumulates() {
        let mut p = library::statins_primary();
        p.coverage.baseline = 0.3;
        p.coverage.start_year = 2009;
        p.coverage.ramp_years = 2.0;
        let until = Date {
            year: 2011,
            month: 12,
            day: 31,
        };
        let rows = quarters(&p, 1000.0, 0.5, None, until, 2007.5);
        assert_eq!(rows.len(), 12);
        assert!((rows[3].planned_cumulative - 100.0).abs() < 1e-9);
        assert!((rows[7].planned_cumulative - 200.0).abs() < 1e-9);
        assert!((rows[11].planned_cumulative - 200.0).abs() < 1e-9);
        let mut f = library::smoking_cessation();
        f.coverage.baseline = 0.0;
        f.coverage.ramp_years = 0.0;
        f.coverage.start_year = 2009;
        let rows = quarters(&f, 1000.0, 0.1, None, until, 2007.5);
        // 100 a year, steadily: 25 a quarter.
        assert!((rows[0].planned_cumulative - 25.0).abs() < 1e-6);
        assert!((rows[11].planned_cumulative - 300.0).abs() < 1e-6);
        assert_eq!(rows[0].planned_starts, None);
    }

    /// Hand-worked: 1,000 eligible, baseline 0.3 in 2006-08 (middle 2007.5), BAU +0.02 a year;
    /// by the end of 2009 BAU stands at 0.3 + 0.02 × 2.5 = 0.35, 50 people above the base
    /// period. The plan (0.5 over two years from 2009) has 100 people on treatment above the
    /// base period by then; at adherence 0.65 that takes 100 / 0.65 = 153.8 starts.
    #[test]
    fn business_as_usual_and_starts_beside_the_plan() {
        let mut p = library::statins_primary();
        p.coverage.baseline = 0.3;
        p.coverage.start_year = 2009;
        p.coverage.ramp_years = 2.0;
        p.coverage.bau_change.value = 0.02;
        p.adherence.value = 0.65;
        let until = Date {
            year: 2009,
            month: 12,
            day: 31,
        };
        let rows = quarters(&p, 1000.0, 0.5, None, until, 2007.5);
        let last = rows.last().unwrap();
        assert!(
            (last.bau_cumulative - 50.0).abs() < 1e-9,
            "{}",
            last.bau_cumulative
        );
        assert!((last.planned_cumulative - 100.0).abs() < 1e-9);
        assert!((last.planned_starts.unwrap() - 100.0 / 0.65).abs() < 1e-9);
    }
}
