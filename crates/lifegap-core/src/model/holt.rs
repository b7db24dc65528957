//! Holt's linear (double) exponential smoothing (Holt 1957, republished Int J Forecast
//! 2004;20:5–10) with its 95% forecast interval: an alternative to the fitted trend or typed
//! values for the comparator's (England's) life expectancy trajectory.
//!
//! For an equally spaced series y₁ … yₙ (spacing one step):
//! level ℓₜ = α·yₜ + (1 − α)(ℓₜ₋₁ + bₜ₋₁), trend bₜ = β(ℓₜ − ℓₜ₋₁) + (1 − β)·bₜ₋₁,
//! started at ℓ₁ = y₁, b₁ = y₂ − y₁ (Hyndman & Athanasopoulos, *Forecasting: principles and
//! practice*, §8.2). The forecast h steps after the last point is ℓₙ + h·bₙ.
//!
//! α and β are either given or chosen to minimise the sum of squared one-step errors
//! eₜ = yₜ − (ℓₜ₋₁ + bₜ₋₁), t = 3 … n (the error at t = 2 is 0 by construction), over a
//! 0.01 grid on [0.01, 1] refined to 0.0001 around the best point.
//!
//! Interval: the ETS(A,A,N) forecast variance (Hyndman, Koehler, Ord & Snyder 2008,
//! *Forecasting with exponential smoothing*, Table 6.1):
//! σ²ₕ = σ²·[1 + Σⱼ₌₁ʰ⁻¹ α²(1 + jβ)²], with σ² = SSE / (n − 2 − p), p the number of smoothing
//! parameters estimated (0, 1 or 2); limits ŷ ± z·σₕ. A series must leave at least one degree
//! of freedom.

use serde::Serialize;
use thiserror::Error;

/// A fitted Holt model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Holt {
    pub alpha: f64,
    pub beta: f64,
    /// ℓₙ and bₙ at the last point.
    pub level: f64,
    pub trend: f64,
    /// Sum of squared one-step errors.
    pub sse: f64,
    /// Residual variance σ².
    pub sigma2: f64,
    /// Points in the series.
    pub n: usize,
    /// Whether α and β were estimated (false: given).
    pub fitted: bool,
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum HoltError {
    #[error(
        "{n} points: Holt's method needs at least {need} (two to start, one per estimated parameter, one left over)"
    )]
    TooShort { n: usize, need: usize },
    #[error("point {index} is {value}: every value must be a finite number")]
    NotFinite { index: usize, value: f64 },
    #[error("{name} {value} must be above 0 and at most 1")]
    Parameter { name: &'static str, value: f64 },
}

/// One forecast with its limits.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Forecast {
    /// Steps after the last point.
    pub h: f64,
    pub value: f64,
    pub lower: f64,
    pub upper: f64,
}

/// Run the recursions: (ℓₙ, bₙ, SSE).
fn run(y: &[f64], alpha: f64, beta: f64) -> (f64, f64, f64) {
    let (mut l, mut b) = (y[0], y[1] - y[0]);
    let mut sse = 0.0;
    for &yt in &y[1..] {
        let f = l + b;
        let e = yt - f;
        sse += e * e;
        let l_new = alpha * yt + (1.0 - alpha) * f;
        b = beta * (l_new - l) + (1.0 - beta) * b;
        l = l_new;
    }
    (l, b, sse)
}

fn check_param(name: &'static str, v: f64) -> Result<f64, HoltError> {
    if v > 0.0 && v <= 1.0 {
        Ok(v)
    } else {
        Err(HoltError::Parameter { name, value: v })
    }
}

/// Fit Holt's method to `y` (equally spaced), with α and/or β given or estimated.
pub fn fit(y: &[f64], alpha: Option<f64>, beta: Option<f64>) -> Result<Holt, HoltError> {
    if let Some((i, v)) = y.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        return Err(HoltError::NotFinite {
            index: i + 1,
            value: *v,
        });
    }
    let alpha = alpha.map(|a| check_param("alpha", a)).transpose()?;
    let beta = beta.map(|b| check_param("beta", b)).transpose()?;
    let p = usize::from(alpha.is_none()) + usize::from(beta.is_none());
    let need = 3 + p;
    if y.len() < need {
        return Err(HoltError::TooShort { n: y.len(), need });
    }
    let sse_at = |a: f64, b: f64| run(y, a, b).2;
    let (a, b) = match (alpha, beta) {
        (Some(a), Some(b)) => (a, b),
        _ => {
            let grid = |fixed: Option<f64>, lo: f64, hi: f64, step: f64| -> Vec<f64> {
                match fixed {
                    Some(v) => vec![v],
                    None => {
                        let n = ((hi - lo) / step).round() as usize;
                        (0..=n)
                            .map(|i| (lo + step * i as f64).clamp(0.0001, 1.0))
                            .collect()
                    }
                }
            };
            let best = |ga: &[f64], gb: &[f64]| {
                let mut best = (f64::INFINITY, ga[0], gb[0]);
                for &a in ga {
                    for &b in gb {
                        let s = sse_at(a, b);
                        if s < best.0 {
                            best = (s, a, b);
                        }
                    }
                }
                (best.1, best.2)
            };
            let (a0, b0) = best(&grid(alpha, 0.01, 1.0, 0.01), &grid(beta, 0.01, 1.0, 0.01));
            best(
                &grid(alpha, a0 - 0.01, a0 + 0.01, 0.0001),
                &grid(beta, b0 - 0.01, b0 + 0.01, 0.0001),
            )
        }
    };
    let (level, trend, sse) = run(y, a, b);
    let dof = (y.len() - 2 - p) as f64;
    Ok(Holt {
        alpha: a,
        beta: b,
        level,
        trend,
        sse,
        sigma2: sse / dof,
        n: y.len(),
        fitted: p > 0,
    })
}

impl Holt {
    /// The forecast `h` steps (may be fractional) after the last point, with limits at two-
    /// sided normal quantile `z`. The variance sum runs over the whole steps before `h`.
    pub fn forecast(&self, h: f64, z: f64) -> Forecast {
        let value = self.level + h * self.trend;
        let steps = if h > 1.0 { h.ceil() as u64 - 1 } else { 0 };
        let mut factor = 1.0;
        for j in 1..=steps.min(10_000) {
            factor += (self.alpha * (1.0 + j as f64 * self.beta)).powi(2);
        }
        let sd = (self.sigma2 * factor).sqrt();
        Forecast {
            h,
            value,
            lower: value - z * sd,
            upper: value + z * sd,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A straight line is forecast exactly with no error, whatever α and β.
    #[test]
    fn straight_line() {
        let y = [74.6, 74.9, 75.2, 75.5, 75.8, 76.1];
        for (a, b) in [(0.3, 0.1), (1.0, 1.0), (0.05, 0.9)] {
            let h = fit(&y, Some(a), Some(b)).unwrap();
            assert!(h.sse < 1e-20);
            let f = h.forecast(2.0, 1.96);
            assert!((f.value - 76.7).abs() < 1e-9, "{f:?}");
            assert!((f.upper - f.lower).abs() < 1e-9);
        }
    }

    /// By hand, α = β = 0.5 on 10, 12, 13, 15:
    /// ℓ₁ = 10, b₁ = 2. t=2: f = 12, e = 0, ℓ = 12, b = 0.5·2 + 0.5·2 = 2.
    /// t=3: f = 14, e = −1, ℓ = 0.5·13 + 0.5·14 = 13.5, b = 0.5·1.5 + 0.5·2 = 1.75.
    /// t=4: f = 15.25, e = −0.25, ℓ = 0.5·15 + 0.5·15.25 = 15.125,
    /// b = 0.5·1.625 + 0.5·1.75 = 1.6875. SSE = 1 + 0.0625 = 1.0625; σ² = SSE/(4 − 2) =
    /// 0.53125. Forecast h = 2: 15.125 + 3.375 = 18.5; variance σ²(1 + 0.25·1.5²) =
    /// 0.53125·1.5625 = 0.830078125.
    #[test]
    fn four_points_by_hand() {
        let h = fit(&[10.0, 12.0, 13.0, 15.0], Some(0.5), Some(0.5)).unwrap();
        assert!((h.level - 15.125).abs() < 1e-12);
        assert!((h.trend - 1.6875).abs() < 1e-12);
        assert!((h.sse - 1.0625).abs() < 1e-12);
        assert!((h.sigma2 - 0.53125).abs() < 1e-12);
        let f = h.forecast(2.0, 1.96);
        assert!((f.value - 18.5).abs() < 1e-12);
        let sd = 0.830_078_125_f64.sqrt();
        assert!((f.upper - (18.5 + 1.96 * sd)).abs() < 1e-12);
        assert!((f.lower - (18.5 - 1.96 * sd)).abs() < 1e-12);
        // One step ahead: σ² only.
        let f1 = h.forecast(1.0, 1.96);
        assert!((f1.upper - f1.value - 1.96 * 0.53125f64.sqrt()).abs() < 1e-12);
    }

    /// Estimation finds parameters no worse than any on the grid; a series with a break in
    /// slope is better followed with a larger β than a tiny one.
    #[test]
    fn estimation_minimises_the_error() {
        let y = [74.6, 74.8, 75.1, 75.2, 75.6, 75.9, 76.4, 76.9, 77.3, 77.9];
        let h = fit(&y, None, None).unwrap();
        assert!(h.fitted);
        for (a, b) in [(0.5, 0.5), (1.0, 0.01), (0.2, 0.2), (0.9, 0.9)] {
            assert!(h.sse <= run(&y, a, b).2 + 1e-12, "{a},{b}");
        }
        assert!(h.sigma2 > 0.0 && h.sigma2.is_finite());
    }

    #[test]
    fn refuses_bad_input() {
        assert!(matches!(
            fit(&[1.0, 2.0, 3.0], None, None),
            Err(HoltError::TooShort { need: 5, .. })
        ));
        assert!(fit(&[1.0, f64::NAN, 3.0, 4.0], Some(0.5), Some(0.5)).is_err());
        assert!(fit(&[1.0, 2.0, 3.0, 4.0], Some(0.0), Some(0.5)).is_err());
        assert!(fit(&[1.0, 2.0, 3.0, 4.0], Some(0.5), Some(1.5)).is_err());
    }
}
