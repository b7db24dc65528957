//! Countdown milestones for delivery: for each programme, the cumulative number of people to
//! reach by the end of each quarter, as planned and as required to meet a milestone.
//!
//! People counted are those above the base-period baseline: for a stock programme the extra
//! people under treatment at the quarter's end; for a flow programme the extra people reached
//! since delivery began. Coverage follows the programme's linear ramp in continuous time.
//! "Required" is the mix of all enabled programmes scaled together (see `goal_seek`) that just
//! meets the milestone: the delivery trajectory to stay on course for it.

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

/// Cumulative people by time `t` at coverage `target`, for `eligible` people.
pub fn cumulative(p: &Programme, eligible: f64, target: f64, t: f64) -> f64 {
    match p.reach {
        Reach::Stock => eligible * extra_at(p, target, t),
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
                sum += extra_at(p, target, mid) * dt;
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
        out.push(QuarterRow {
            programme: p.id.clone(),
            quarter: format!("{year} Q{q}"),
            quarter_end: end,
            planned_cumulative: cumulative(p, eligible, planned, t),
            required_cumulative: required.map(|r| cumulative(p, eligible, r, t)),
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
        let rows = quarters(&p, 1000.0, 0.5, None, until);
        assert_eq!(rows.len(), 12);
        assert!((rows[3].planned_cumulative - 100.0).abs() < 1e-9);
        assert!((rows[7].planned_cumulative - 200.0).abs() < 1e-9);
        assert!((rows[11].planned_cumulative - 200.0).abs() < 1e-9);
        let mut f = library::smoking_cessation();
        f.coverage.baseline = 0.0;
        f.coverage.ramp_years = 0.0;
        f.coverage.start_year = 2009;
        let rows = quarters(&f, 1000.0, 0.1, None, until);
        // 100 a year, steadily: 25 a quarter.
        assert!((rows[0].planned_cumulative - 25.0).abs() < 1e-6);
        assert!((rows[11].planned_cumulative - 300.0).abs() < 1e-6);
    }
}
