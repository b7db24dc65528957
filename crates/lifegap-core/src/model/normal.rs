//! Normal quantiles for confidence limits.
//!
//! PHE's Excel calculator uses z = 1.96; PHEindicatormethods uses the exact quantile
//! `qnorm(0.975)` = 1.959963984540054. Both are available: a confidence level gives the exact
//! quantile, and a user may pass z directly.

use statrs::distribution::{ContinuousCDF, Normal};

/// Two-sided z for a confidence level in (0, 1): Φ⁻¹(1 − (1 − level)/2).
pub fn z_for_confidence(level: f64) -> Option<f64> {
    if !(level > 0.0 && level < 1.0) {
        return None;
    }
    let std = Normal::standard();
    Some(std.inverse_cdf(1.0 - (1.0 - level) / 2.0))
}

/// The exact 95% z, used for PHE's suppression rule (a 95% interval wider than 20 years).
pub const Z95: f64 = 1.959_963_984_540_054;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_qnorm() {
        assert!((z_for_confidence(0.95).unwrap() - Z95).abs() < 1e-12);
        // qnorm(0.999) in R: the 99.8% two-sided z.
        assert!((z_for_confidence(0.998).unwrap() - 3.090_232_306_167_813).abs() < 1e-10);
        assert!(z_for_confidence(1.0).is_none());
        assert!(z_for_confidence(f64::NAN).is_none());
    }
}
