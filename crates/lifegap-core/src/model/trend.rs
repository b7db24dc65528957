//! Baseline trends: life expectancy without the programmes, local and comparator.
//!
//! With [`Trend::FromHistory`] the annual change is the least-squares slope of e₀ on the period
//! mid-points of the history plus the base period, and the line is anchored at the base
//! period's own life table (so the projection starts from the data, not from a fitted
//! intercept). The death rates of every band and cause are then scaled by one factor per year,
//! found so the life table reproduces the trend value: programme effects act on those rates.

use super::area::Sex;
use super::bands::BandSet;
use super::life_table::e0_from_rates;
use super::scenario::{HistoryPoint, Period, Trend};

/// Annual change in e₀ for the local area and the comparator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slopes {
    pub local: f64,
    pub comparator: f64,
    /// Standard error of the local slope: the least-squares fit's, when the trend is fitted
    /// to three or more periods; 0 when the slope is typed or rests on two points (no
    /// residual to estimate it from).
    pub local_se: f64,
}

/// Least-squares slope of y on x; `None` with fewer than two distinct x.
pub(crate) fn slope(points: &[(f64, f64)]) -> Option<f64> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    Some(sxy / sxx)
}

/// Standard error of the least-squares slope of y on x, √(s²/Sxx) with s² the residual
/// variance on n − 2 degrees of freedom; `None` with fewer than three points or distinct x.
pub(crate) fn slope_se(points: &[(f64, f64)]) -> Option<f64> {
    let b = slope(points)?;
    if points.len() < 3 {
        return None;
    }
    let n = points.len() as f64;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let rss: f64 = points
        .iter()
        .map(|p| (p.1 - my - b * (p.0 - mx)).powi(2))
        .sum();
    Some((rss / (n - 2.0) / sxx).sqrt())
}

/// The annual changes a scenario's trend implies for one sex.
pub(crate) fn slopes(
    trend: &Trend,
    history: &[HistoryPoint],
    base: Period,
    sex: Sex,
    e0_local: f64,
    e0_comparator: f64,
) -> Result<Slopes, String> {
    match trend {
        Trend::Annual { local, comparator } => Ok(Slopes {
            local: local.get(sex),
            comparator: comparator.get(sex),
            local_se: 0.0,
        }),
        Trend::FromHistory => {
            let mut l: Vec<(f64, f64)> = history
                .iter()
                .filter(|h| h.period != base)
                .map(|h| (h.period.mid(), h.local.get(sex)))
                .collect();
            let mut c: Vec<(f64, f64)> = history
                .iter()
                .filter(|h| h.period != base)
                .map(|h| (h.period.mid(), h.comparator.get(sex)))
                .collect();
            l.push((base.mid(), e0_local));
            c.push((base.mid(), e0_comparator));
            match (slope(&l), slope(&c)) {
                (Some(local), Some(comparator)) => Ok(Slopes {
                    local,
                    comparator,
                    local_se: slope_se(&l).unwrap_or(0.0),
                }),
                _ => Err(
                    "the trend is FromHistory but the history has no earlier period: add history or use Annual"
                        .into(),
                ),
            }
        }
    }
}

/// The factor k such that e₀(k·M) = `target` (bisection on log k; e₀ falls as k rises).
pub(crate) fn rate_multiplier(bands: BandSet, m: &[f64], target: f64) -> f64 {
    let mut scaled = vec![0.0; m.len()];
    let mut e0 = |k: f64| {
        for (s, x) in scaled.iter_mut().zip(m) {
            *s = x * k;
        }
        e0_from_rates(bands, &scaled)
    };
    let (mut lo, mut hi) = (-6.0f64, 6.0f64);
    for _ in 0..80 {
        let mid = 0.5 * (lo + hi);
        if e0(mid.exp()) > target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (0.5 * (lo + hi)).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slope_of_a_line() {
        assert!((slope(&[(0.0, 1.0), (1.0, 3.0), (2.0, 5.0)]).unwrap() - 2.0).abs() < 1e-12);
        assert!(slope(&[(1.0, 1.0)]).is_none());
    }

    /// Points (0, 0), (1, 2), (2, 1): slope 0.5, fitted 0.5, 1, 1.5, residuals −0.5, 1, −0.5,
    /// RSS 1.5 on 1 degree of freedom, Sxx 2: SE = √(1.5 / 2) = 0.866.
    #[test]
    fn slope_standard_error_by_hand() {
        let pts = [(0.0, 0.0), (1.0, 2.0), (2.0, 1.0)];
        assert!((slope(&pts).unwrap() - 0.5).abs() < 1e-12);
        assert!((slope_se(&pts).unwrap() - 0.75f64.sqrt()).abs() < 1e-12);
        assert_eq!(slope_se(&[(0.0, 0.0), (1.0, 2.0)]), None);
        assert_eq!(slope_se(&[(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)]), Some(0.0));
    }

    #[test]
    fn multiplier_hits_the_target() {
        let m: Vec<f64> = (0..20).map(|i| 0.0005 * (0.4 * i as f64).exp()).collect();
        let base = e0_from_rates(BandSet::To90, &m);
        let k = rate_multiplier(BandSet::To90, &m, base + 1.0);
        let scaled: Vec<f64> = m.iter().map(|x| x * k).collect();
        assert!((e0_from_rates(BandSet::To90, &scaled) - base - 1.0).abs() < 1e-9);
        assert!(k < 1.0);
    }
}
