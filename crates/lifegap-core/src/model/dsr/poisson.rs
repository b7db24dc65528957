//! Confidence limits for a Poisson count: the building block of Dobson's method for DSRs.
//!
//! * Byar's approximation (Breslow & Day 1987, vol. II, eq. 2.14), as PHEindicatormethods'
//!   `byars_lower`/`byars_upper` and `phe_dsr` use it for every count of 10 or more. PHE's
//!   technical guide puts it within 0.2% of the exact limits from 10 events up.
//! * The exact limits (Garwood 1936; the χ² form in Armitage & Berry 2002), which PHE
//!   recommends below 10 events. Computed from the regularised incomplete gamma function by
//!   bisection, so they hold for the fractional counts modelled scenarios produce.

use statrs::function::gamma::gamma_lr;

/// Byar's lower limit for a count `o` > 0 at two-sided normal quantile `z`.
pub fn byar_lower(o: f64, z: f64) -> f64 {
    o * (1.0 - 1.0 / (9.0 * o) - z / (3.0 * o.sqrt())).powi(3)
}

/// Byar's upper limit for a count `o` ≥ 0 at two-sided normal quantile `z`.
pub fn byar_upper(o: f64, z: f64) -> f64 {
    let o1 = o + 1.0;
    o1 * (1.0 - 1.0 / (9.0 * o1) + z / (3.0 * o1.sqrt())).powi(3)
}

/// Exact (central) limits of a Poisson mean for a count `o` ≥ 0 at confidence `level`:
/// the lower limit L solves P(X ≥ o | L) = α/2 (0 when o = 0), the upper U solves
/// P(X ≤ o | U) = α/2. `None` for a count or level out of range.
pub fn exact_limits(o: f64, level: f64) -> Option<(f64, f64)> {
    if !(o.is_finite() && o >= 0.0 && level > 0.0 && level < 1.0) {
        return None;
    }
    let tail = (1.0 - level) / 2.0;
    // P(X ≥ o | μ) = P(Gamma(o) ≤ μ) = gamma_lr(o, μ), rising in μ.
    let lower = if o == 0.0 {
        0.0
    } else {
        solve_rising(|mu| gamma_lr(o, mu), tail, o)?
    };
    // P(X ≤ o | μ) = 1 − gamma_lr(o + 1, μ): solve gamma_lr(o + 1, U) = 1 − α/2.
    let upper = solve_rising(|mu| gamma_lr(o + 1.0, mu), 1.0 - tail, o + 1.0)?;
    Some((lower, upper))
}

/// The root of `f(x) = target` for a function rising from 0 to 1 on (0, ∞), by bracketing
/// from `start` and bisecting to machine precision (at most a few hundred steps).
fn solve_rising(f: impl Fn(f64) -> f64, target: f64, start: f64) -> Option<f64> {
    let (mut lo, mut hi) = (0.0_f64, start.max(1.0));
    let mut grow = 0;
    while f(hi) < target {
        lo = hi;
        hi *= 2.0;
        grow += 1;
        if grow > 1100 || !hi.is_finite() {
            return None;
        }
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if f(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(0.5 * (lo + hi))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::normal::Z95;

    /// Published exact 95% limits of a Poisson mean (Garwood 1936; the table in Ulm 1990,
    /// Am J Epidemiol 131:373, and in Breslow & Day vol. II, appendix II), to the 3–4 decimals
    /// printed there.
    #[test]
    fn exact_limits_match_published_tables() {
        for (o, lo, hi) in [
            (0.0, 0.0, 3.689),
            (1.0, 0.0253, 5.572),
            (5.0, 1.623, 11.668),
            (10.0, 4.795, 18.390),
        ] {
            let (l, u) = exact_limits(o, 0.95).unwrap();
            assert!((l - lo).abs() < 6e-4, "o={o} lower {l}");
            assert!((u - hi).abs() < 6e-4, "o={o} upper {u}");
        }
    }

    /// PHE's technical guide: Byar's limits are within 0.2% of the exact ones for counts of 10
    /// or more (95%); checked across the range of counts a DSR sees.
    #[test]
    fn byar_is_within_two_tenths_of_a_percent_of_exact_from_ten() {
        for o in [10.0, 11.0, 25.0, 100.0, 740.0, 12_345.0] {
            let (l, u) = exact_limits(o, 0.95).unwrap();
            assert!((byar_lower(o, Z95) / l - 1.0).abs() < 0.002, "o={o}");
            assert!((byar_upper(o, Z95) / u - 1.0).abs() < 0.002, "o={o}");
        }
    }

    /// Byar by hand for O = 100, z = 1.96: 100·(1 − 1/900 − 1.96/30)³ = 81.36;
    /// 101·(1 − 1/909 + 1.96/(3·√101))³ = 121.63 (to 4 d.p. 81.3618 and 121.6283).
    #[test]
    fn byar_by_hand() {
        let l = 100.0 * (1.0 - 1.0 / 900.0 - 1.96 / 30.0_f64).powi(3);
        assert!((l - 81.3618).abs() < 1e-3, "{l}");
        assert!((byar_lower(100.0, 1.96) - 81.3618).abs() < 1e-3);
        assert!((byar_upper(100.0, 1.96) - 121.6283).abs() < 1e-3);
    }

    #[test]
    fn refuses_nonsense() {
        assert!(exact_limits(f64::NAN, 0.95).is_none());
        assert!(exact_limits(-1.0, 0.95).is_none());
        assert!(exact_limits(3.0, 1.0).is_none());
    }
}
