//! The distribution each kind of evidence value is drawn from in the Monte Carlo, fitted to its
//! published 95% interval (PRIMEtime and IMPACT-SEC practice; `methods.md`):
//!
//! * **ratios** (a group's relative risk): log-normal, ln X ~ N(ln value, σ) with
//!   σ = (ln high − ln low) / 3.92;
//! * **relative risk reductions**: the ratio left, 1 − RRR, is log-normal the same way, so the
//!   reduction keeps the skew of the trial's ratio and never exceeds 1;
//! * **proportions** (eligible share, adherence): beta with mean = value and standard deviation
//!   (high − low) / 3.92 (method of moments);
//! * **costs**: gamma with the same mean and standard deviation.
//!
//! The triangular distribution used before put the 95% range at the ends of its support: its
//! standard deviation was about a fifth smaller and it had no tails.
//!
//! A ratio or reduction is drawn as a quantile of a standard normal `z`, so values from one
//! published source can share one `z` (see [`super::uncertainty`]: correlated draws).

use super::evidence::Evidence;
use rand::Rng;
use rand_distr::{Beta, Distribution, Gamma, StandardNormal};

/// 2 × 1.96: the width of a 95% interval in standard deviations.
const WIDTH_95: f64 = 3.92;

/// What an evidence value measures, which sets its distribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A share 0–1 (eligible share, adherence): beta.
    Proportion,
    /// A ratio > 0 (a group's relative risk): log-normal.
    Ratio,
    /// A relative risk reduction 0–1: log-normal on 1 − RRR.
    Reduction,
    /// Money ≥ 0: gamma.
    Cost,
}

/// Has the value a range to draw from?
pub fn varies(e: &Evidence) -> bool {
    e.high - e.low > 1e-12
}

/// A ratio or reduction at the standard-normal quantile `z` (higher `z`, larger value; a
/// fixed value ignores `z`). Values that cannot be logged (a low end of 0) fall back to a
/// normal on the natural scale, truncated to the kind's range.
pub fn at_quantile(e: &Evidence, kind: Kind, z: f64) -> f64 {
    if !varies(e) {
        return e.value;
    }
    match kind {
        Kind::Ratio if e.low > 0.0 && e.value > 0.0 => {
            let sigma = (e.high.ln() - e.low.ln()) / WIDTH_95;
            (e.value.ln() + sigma * z).exp()
        }
        Kind::Reduction if e.high < 1.0 && e.value < 1.0 => {
            // Left ratio 1 − RRR: its high end is the reduction's low end.
            let sigma = ((1.0 - e.low).ln() - (1.0 - e.high).ln()) / WIDTH_95;
            1.0 - ((1.0 - e.value).ln() - sigma * z).exp()
        }
        _ => {
            let v = e.value + (e.high - e.low) / WIDTH_95 * z;
            match kind {
                Kind::Reduction | Kind::Proportion => v.clamp(0.0, 1.0),
                Kind::Ratio | Kind::Cost => v.max(0.0),
            }
        }
    }
}

/// One independent draw of an evidence value of this kind.
pub fn draw<R: Rng + ?Sized>(e: &Evidence, kind: Kind, rng: &mut R) -> f64 {
    if !varies(e) {
        return e.value;
    }
    let sd = (e.high - e.low) / WIDTH_95;
    match kind {
        Kind::Ratio | Kind::Reduction => {
            let z: f64 = StandardNormal.sample(rng);
            at_quantile(e, kind, z)
        }
        Kind::Proportion => {
            let m = e.value;
            // Method of moments: needs 0 < m < 1 and a variance below m(1 − m).
            let room = m * (1.0 - m);
            if m <= 0.0 || m >= 1.0 || sd * sd >= room {
                let z: f64 = StandardNormal.sample(rng);
                return (m + sd * z).clamp(0.0, 1.0);
            }
            let k = room / (sd * sd) - 1.0;
            Beta::new(m * k, (1.0 - m) * k)
                .map(|b| b.sample(rng))
                .unwrap_or(m)
        }
        Kind::Cost => {
            let m = e.value;
            if m <= 0.0 {
                return m;
            }
            let shape = (m / sd).powi(2);
            Gamma::new(shape, sd * sd / m)
                .map(|g| g.sample(rng))
                .unwrap_or(m)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn ev(value: f64, low: f64, high: f64) -> Evidence {
        Evidence::new(value, low, high, "t", 2000, "t")
    }

    /// Quantiles by hand: a relative risk 2.0 (1.5–2.5) has σ = ln(2.5/1.5)/3.92 = 0.13031, so
    /// its 97.5% point is 2·e^(1.96σ) = 2.5820; a reduction 0.27 (0.20–0.33) leaves the ratio
    /// 0.73 with σ = ln(0.80/0.67)/3.92 = 0.045238, 97.5% point 1 − 0.73·e^(−1.96σ) = 0.33194
    /// and 2.5% point 1 − 0.73·e^(1.96σ) = 0.20232.
    #[test]
    fn quantiles_follow_the_published_interval_on_the_log_scale() {
        let rr = ev(2.0, 1.5, 2.5);
        assert!((at_quantile(&rr, Kind::Ratio, 1.96) - 2.581_99).abs() < 1e-5);
        assert!((at_quantile(&rr, Kind::Ratio, 0.0) - 2.0).abs() < 1e-12);
        let rrr = ev(0.27, 0.20, 0.33);
        assert!((at_quantile(&rrr, Kind::Reduction, 1.96) - 0.331_94).abs() < 1e-5);
        assert!((at_quantile(&rrr, Kind::Reduction, -1.96) - 0.202_32).abs() < 1e-5);
        // Higher z, larger value, for both kinds (shared sources move together).
        assert!(at_quantile(&rrr, Kind::Reduction, 1.0) > at_quantile(&rrr, Kind::Reduction, 0.0));
        // A fixed value is fixed.
        assert_eq!(at_quantile(&ev(0.5, 0.5, 0.5), Kind::Ratio, 3.0), 0.5);
    }

    /// Draws reproduce the mean and the 95% range they were fitted to (20,000 draws; the
    /// tolerances are a few standard errors).
    #[test]
    fn draws_match_the_interval_they_were_fitted_to() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let n = 20_000;
        let summary = |e: &Evidence, kind: Kind, rng: &mut ChaCha8Rng| {
            let mut v: Vec<f64> = (0..n).map(|_| draw(e, kind, rng)).collect();
            v.sort_by(f64::total_cmp);
            let mean = v.iter().sum::<f64>() / n as f64;
            (mean, v[n * 25 / 1000], v[n * 975 / 1000])
        };
        // Beta for adherence 0.65 (0.5–0.8): mean 0.65, sd 0.0765.
        let (mean, lo, hi) = summary(&ev(0.65, 0.5, 0.8), Kind::Proportion, &mut rng);
        assert!((mean - 0.65).abs() < 0.003, "{mean}");
        assert!(
            (lo - 0.49).abs() < 0.015 && (hi - 0.79).abs() < 0.015,
            "{lo} {hi}"
        );
        // Log-normal relative risk: median 2.0, 95% 1.55–2.58.
        let (_, lo, hi) = summary(&ev(2.0, 1.5, 2.5), Kind::Ratio, &mut rng);
        assert!(
            (lo - 1.549).abs() < 0.03 && (hi - 2.582).abs() < 0.04,
            "{lo} {hi}"
        );
        // Gamma cost £45 (30–80): mean 45.
        let (mean, lo, _) = summary(&ev(45.0, 30.0, 80.0), Kind::Cost, &mut rng);
        assert!((mean - 45.0).abs() < 0.5 && lo > 0.0, "{mean} {lo}");
        // Proportions stay proportions even when the range is too wide for a beta.
        for _ in 0..1000 {
            let x = draw(&ev(0.5, 0.0, 1.0), Kind::Proportion, &mut rng);
            assert!((0.0..=1.0).contains(&x));
        }
    }
}
