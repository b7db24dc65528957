//! A directly standardised rate with Dobson et al. (1991) confidence limits, as
//! PHEindicatormethods' `phe_dsr` computes them.
//!
//! DSR = Σ wᵢ·dᵢ/pᵢ / Σ wᵢ × multiplier. var(DSR) = Σ dᵢ·(wᵢ/pᵢ)² / (Σ wᵢ)² (per unit, before
//! the multiplier). With O = Σ dᵢ and O_L, O_U the limits of a Poisson count O, Dobson's limits
//! are DSR + √(var/O)·(O_L − O)·multiplier and DSR + √(var/O)·(O_U − O)·multiplier: the count's
//! interval scaled onto the rate (Dobson AJ, Kuulasmaa K, Eberle E, Scherer J. Confidence
//! intervals for weighted sums of Poisson parameters. Stat Med 1991;10:457–62).
//!
//! O_L and O_U come from Byar's approximation for O ≥ 10, as `phe_dsr` does. Below 10 events
//! PHE does not publish a DSR (Morris et al. 2018, Popul Health Metr 16:9, found Dobson's
//! coverage poor there): the value and exact Poisson limits are still given, flagged
//! [`Dsr::suppressed`], so a reader sees why. With no events at all the limits are not
//! defined (var/O is 0/0) and are left out.

use super::poisson::{byar_lower, byar_upper, exact_limits};
use crate::model::normal::z_for_confidence;
use serde::Serialize;
use thiserror::Error;

/// Fewer events than this and PHE does not publish a DSR.
pub const MIN_PUBLISHED_EVENTS: f64 = 10.0;

/// How the limits of the count were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CountLimits {
    /// Byar's approximation (O ≥ 10).
    Byar,
    /// Exact Poisson limits (0 < O < 10; the rate is then suppressed).
    ExactPoisson,
    /// No events: no limits.
    None,
}

/// A directly standardised rate and its limits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dsr {
    /// The rate per `multiplier`.
    pub value: f64,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// O: the events counted.
    pub events: f64,
    /// Person-years over the bands used.
    pub population: f64,
    /// var(DSR) per `multiplier`² (Dobson's variance, scaled).
    pub variance: f64,
    pub confidence: f64,
    pub multiplier: f64,
    pub limits: CountLimits,
    /// Fewer than [`MIN_PUBLISHED_EVENTS`] events: PHE would not publish the rate.
    pub suppressed: bool,
}

/// Why a rate cannot be computed: the band and the value at fault.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum DsrError {
    #[error(
        "{what}: {deaths} death values, {population} population values, {weights} weights: one of each per band"
    )]
    Lengths {
        what: String,
        deaths: usize,
        population: usize,
        weights: usize,
    },
    #[error("{what}: band {band}: deaths {value} must be a number, 0 or more")]
    Deaths {
        what: String,
        band: String,
        value: f64,
    },
    #[error("{what}: band {band}: population {value} must be above 0")]
    Population {
        what: String,
        band: String,
        value: f64,
    },
    #[error("{what}: band {band}: deaths ({deaths}) exceed population ({population})")]
    DeathsExceedPopulation {
        what: String,
        band: String,
        deaths: f64,
        population: f64,
    },
    #[error("the standard's weights must be 0 or more and add up to more than 0")]
    Weights,
    #[error("confidence level {0} must be between 0 and 1")]
    Confidence(f64),
}

/// The rate over bands labelled `labels` (for messages), per `multiplier`, with limits at
/// `confidence`. `what` names the group in messages ("Demoborough, male").
pub fn dsr(
    what: &str,
    labels: &[String],
    deaths: &[f64],
    population: &[f64],
    weights: &[f64],
    confidence: f64,
    multiplier: f64,
) -> Result<Dsr, DsrError> {
    let k = weights.len();
    if deaths.len() != k || population.len() != k || k == 0 {
        return Err(DsrError::Lengths {
            what: what.into(),
            deaths: deaths.len(),
            population: population.len(),
            weights: k,
        });
    }
    let label = |i: usize| {
        labels
            .get(i)
            .cloned()
            .unwrap_or_else(|| (i + 1).to_string())
    };
    let z = z_for_confidence(confidence).ok_or(DsrError::Confidence(confidence))?;
    if weights.iter().any(|w| !(w.is_finite() && *w >= 0.0)) {
        return Err(DsrError::Weights);
    }
    let sw: f64 = weights.iter().sum();
    if !(sw > 0.0 && sw.is_finite()) {
        return Err(DsrError::Weights);
    }
    let (mut o, mut pop, mut weighted, mut var) = (0.0, 0.0, 0.0, 0.0);
    for i in 0..k {
        let (d, p, w) = (deaths[i], population[i], weights[i]);
        if !(d.is_finite() && d >= 0.0) {
            return Err(DsrError::Deaths {
                what: what.into(),
                band: label(i),
                value: d,
            });
        }
        if !(p.is_finite() && p > 0.0) {
            return Err(DsrError::Population {
                what: what.into(),
                band: label(i),
                value: p,
            });
        }
        if d > p {
            return Err(DsrError::DeathsExceedPopulation {
                what: what.into(),
                band: label(i),
                deaths: d,
                population: p,
            });
        }
        o += d;
        pop += p;
        weighted += w * d / p;
        var += d * (w / p).powi(2);
    }
    let value = weighted / sw * multiplier;
    let var_unit = var / (sw * sw);
    let (count_limits, method) = if o >= MIN_PUBLISHED_EVENTS {
        (
            Some((byar_lower(o, z), byar_upper(o, z))),
            CountLimits::Byar,
        )
    } else if o > 0.0 {
        (exact_limits(o, confidence), CountLimits::ExactPoisson)
    } else {
        (None, CountLimits::None)
    };
    let scale = if o > 0.0 { (var_unit / o).sqrt() } else { 0.0 };
    let (lower, upper) = match count_limits {
        Some((lo, hi)) => (
            Some(value + scale * (lo - o) * multiplier),
            Some(value + scale * (hi - o) * multiplier),
        ),
        None => (None, None),
    };
    Ok(Dsr {
        value,
        lower,
        upper,
        events: o,
        population: pop,
        variance: var_unit * multiplier * multiplier,
        confidence,
        multiplier,
        limits: if count_limits.is_some() {
            method
        } else {
            CountLimits::None
        },
        suppressed: o < MIN_PUBLISHED_EVENTS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("b{i}")).collect()
    }

    /// Two bands worked by hand: rates 10/1000 and 30/2000 with weights 1 and 3:
    /// DSR = (1·0.01 + 3·0.015)/4 = 0.01375 → 1375 per 100,000.
    /// var = (10·(1/1000)² + 30·(3/2000)²)/16 = (1e-5 + 6.75e-5)/16 = 4.84375e-6.
    /// O = 40; Byar at z = 1.959964: O_L = 40(1 − 1/360 − 1.959964/(3√40))³ = 28.5733…,
    /// so lower = 0.01375 + √(4.84375e-6/40)·(O_L − 40), times 100,000.
    #[test]
    fn two_bands_by_hand() {
        let r = dsr(
            "t",
            &labels(2),
            &[10.0, 30.0],
            &[1000.0, 2000.0],
            &[1.0, 3.0],
            0.95,
            1e5,
        )
        .unwrap();
        assert!((r.value - 1375.0).abs() < 1e-9);
        assert!((r.variance - 4.84375e-6 * 1e10).abs() < 1e-6);
        assert_eq!(r.events, 40.0);
        assert_eq!(r.limits, CountLimits::Byar);
        assert!(!r.suppressed);
        let z = crate::model::normal::Z95;
        let ol = 40.0 * (1.0 - 1.0 / 360.0 - z / (3.0 * 40f64.sqrt())).powi(3);
        assert!((ol - 28.5733).abs() < 1e-3, "{ol}");
        let lower = (0.01375 + (4.84375e-6f64 / 40.0).sqrt() * (ol - 40.0)) * 1e5;
        assert!((r.lower.unwrap() - lower).abs() < 1e-9);
        // 1375 + 34.798·(28.5733 − 40) = 977.37
        assert!((r.lower.unwrap() - 977.37).abs() < 0.01, "{:?}", r.lower);
    }

    /// Equal rates in every band give that rate whatever the weights, and the Dobson
    /// interval of a single band is the crude rate's Byar interval.
    #[test]
    fn one_band_is_a_crude_rate() {
        let r = dsr("t", &labels(1), &[100.0], &[50_000.0], &[7.0], 0.95, 1e5).unwrap();
        assert!((r.value - 200.0).abs() < 1e-9);
        let z = crate::model::normal::Z95;
        assert!((r.lower.unwrap() - byar_lower(100.0, z) / 50_000.0 * 1e5).abs() < 1e-9);
        assert!((r.upper.unwrap() - byar_upper(100.0, z) / 50_000.0 * 1e5).abs() < 1e-9);
    }

    #[test]
    fn small_counts_are_flagged_and_zero_has_no_limits() {
        let r = dsr(
            "t",
            &labels(2),
            &[2.0, 3.0],
            &[1e4, 1e4],
            &[1.0, 1.0],
            0.95,
            1e5,
        )
        .unwrap();
        assert!(r.suppressed);
        assert_eq!(r.limits, CountLimits::ExactPoisson);
        assert!(r.lower.unwrap() < r.value && r.value < r.upper.unwrap());
        let r = dsr(
            "t",
            &labels(2),
            &[0.0, 0.0],
            &[1e4, 1e4],
            &[1.0, 1.0],
            0.95,
            1e5,
        )
        .unwrap();
        assert_eq!((r.value, r.lower, r.upper), (0.0, None, None));
    }

    #[test]
    fn bad_input_is_located_never_nan() {
        let l = labels(2);
        let e = dsr(
            "Area, male",
            &l,
            &[1.0, f64::NAN],
            &[1.0, 1.0],
            &[1.0, 1.0],
            0.95,
            1e5,
        );
        assert!(matches!(e, Err(DsrError::Deaths { ref band, .. }) if band == "b1"));
        let e = dsr("a", &l, &[1.0, 1.0], &[1.0, 0.0], &[1.0, 1.0], 0.95, 1e5);
        assert!(e.unwrap_err().to_string().contains("band b1: population 0"));
        assert!(dsr("a", &l, &[5.0, 1.0], &[1.0, 1.0], &[1.0, 1.0], 0.95, 1e5).is_err());
        assert!(dsr("a", &l, &[1.0], &[1.0, 1.0], &[1.0, 1.0], 0.95, 1e5).is_err());
        assert!(dsr("a", &l, &[1.0, 1.0], &[2.0, 2.0], &[0.0, 0.0], 0.95, 1e5).is_err());
        assert!(dsr("a", &l, &[1.0, 1.0], &[2.0, 2.0], &[1.0, 1.0], 1.5, 1e5).is_err());
    }
}
