//! Slope index of inequality (SII), PHE's method (`phe_sii` in PHEindicatormethods; Low & Low,
//! *J Public Health* 2004;26:388–395).
//!
//! Quantiles (deprivation deciles) are ordered from most to least deprived. Each gets a
//! relative rank, the midpoint of its share of the population in the cumulative distribution
//! (0 to 1). The SII is the slope of the least-squares line of the values on the ranks,
//! weighted by population share — `phe_sii` fits `y√a ~ √a + b√a − 1`, which is exactly that —
//! so it is the fitted difference between the least deprived end (rank 1) and the most
//! deprived (rank 0): for life expectancy, the gap in years across the whole social gradient.
//!
//! Confidence limits are simulated as `phe_sii` does: each quantile's value is drawn from a
//! normal distribution with its standard error, the slope is refitted, and the limits are the
//! draws at positions `round(n·(1−c)/2)` and `round(n·(1+c)/2)` of the sorted slopes (R's
//! rounding: half to even). The draws come from a seeded ChaCha8 stream, so a result is
//! reproducible; different seeds agree within Monte Carlo error (the tests bound it against the
//! exact limit, the slope being linear in the values).

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use serde::Serialize;

/// One quantile's population, value (e.g. life expectancy) and the value's standard error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quantile {
    pub population: f64,
    pub value: f64,
    pub se: f64,
}

impl Quantile {
    /// The standard error from 95% limits, as `phe_sii` derives it when no SE is given:
    /// (upper − lower) / (2 · 1.959964).
    pub fn se_from_limits(lower: f64, upper: f64) -> f64 {
        (upper - lower) / (2.0 * Z975)
    }
}

const Z975: f64 = 1.959_963_984_540_054;

/// The fitted line and its simulated limits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sii {
    /// Slope: fitted value at rank 1 (least deprived) minus rank 0 (most deprived).
    pub sii: f64,
    /// Fitted value at rank 0.
    pub intercept: f64,
    /// Relative index of inequality: fitted value at rank 1 over that at rank 0.
    pub rii: f64,
    pub lower: f64,
    pub upper: f64,
    pub confidence: f64,
    pub repetitions: u32,
    /// Each quantile's relative rank (midpoint of its cumulative population share).
    pub ranks: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SiiError {
    #[error("the slope index needs 5 to 100 quantiles; {0} given")]
    QuantileCount(usize),
    #[error("quantile {0}: population must be above 0 and finite")]
    Population(usize),
    #[error("quantile {0}: value must be a finite number")]
    Value(usize),
    #[error("quantile {0}: standard error must be finite and not negative")]
    StandardError(usize),
    #[error("confidence {0} must be between 0.5 and 0.9999")]
    Confidence(f64),
    #[error("repetitions {0}: between 1,000 (PHE's minimum) and {MAX_REPETITIONS}")]
    Repetitions(u32),
}

/// Most simulated slopes: 10⁷ (ten times PHE's default of 10⁵) sorts in about a second.
pub const MAX_REPETITIONS: u32 = 10_000_000;

/// Ranks and the weights that make the slope a linear combination of the values:
/// SII = Σ cᵢ·yᵢ with cᵢ = aᵢ(bᵢ − b̄)/Σ aⱼ(bⱼ − b̄)².
struct Design {
    ranks: Vec<f64>,
    shares: Vec<f64>,
    slope_weights: Vec<f64>,
    mean_rank: f64,
}

fn design(q: &[Quantile]) -> Result<Design, SiiError> {
    if !(5..=100).contains(&q.len()) {
        return Err(SiiError::QuantileCount(q.len()));
    }
    for (i, x) in q.iter().enumerate() {
        if !(x.population.is_finite() && x.population > 0.0) {
            return Err(SiiError::Population(i + 1));
        }
        if !x.value.is_finite() {
            return Err(SiiError::Value(i + 1));
        }
        if !(x.se.is_finite() && x.se >= 0.0) {
            return Err(SiiError::StandardError(i + 1));
        }
    }
    let total: f64 = q.iter().map(|x| x.population).sum();
    let shares: Vec<f64> = q.iter().map(|x| x.population / total).collect();
    let mut cum = 0.0;
    let ranks: Vec<f64> = shares
        .iter()
        .map(|a| {
            let r = cum + a / 2.0;
            cum += a;
            r
        })
        .collect();
    let mean_rank: f64 = shares.iter().zip(&ranks).map(|(a, b)| a * b).sum();
    let spread: f64 = shares
        .iter()
        .zip(&ranks)
        .map(|(a, b)| a * (b - mean_rank).powi(2))
        .sum();
    let slope_weights = shares
        .iter()
        .zip(&ranks)
        .map(|(a, b)| a * (b - mean_rank) / spread)
        .collect();
    Ok(Design {
        ranks,
        shares,
        slope_weights,
        mean_rank,
    })
}

impl Design {
    fn fit(&self, values: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
        let slope: f64 = self
            .slope_weights
            .iter()
            .zip(values.clone())
            .map(|(c, y)| c * y)
            .sum();
        let mean: f64 = self.shares.iter().zip(values).map(|(a, y)| a * y).sum();
        (slope, mean - slope * self.mean_rank)
    }
}

/// R's `round` (IEC 60559: halves to even), as `phe_sii` uses for the limit positions.
fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 && r % 2.0 != 0.0 {
        r - x.signum()
    } else {
        r
    }
}

/// The SII with simulated limits at `confidence` from `repetitions` draws seeded by `seed`.
pub fn phe_sii(
    q: &[Quantile],
    confidence: f64,
    repetitions: u32,
    seed: u64,
) -> Result<Sii, SiiError> {
    if !(0.5..=0.9999).contains(&confidence) {
        return Err(SiiError::Confidence(confidence));
    }
    if !(1_000..=MAX_REPETITIONS).contains(&repetitions) {
        return Err(SiiError::Repetitions(repetitions));
    }
    let d = design(q)?;
    let (sii, intercept) = d.fit(q.iter().map(|x| x.value));
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut slopes: Vec<f64> = (0..repetitions)
        .map(|_| {
            q.iter()
                .zip(&d.slope_weights)
                .map(|(x, c)| {
                    let z: f64 = StandardNormal.sample(&mut rng);
                    c * (x.value + x.se * z)
                })
                .sum()
        })
        .collect();
    slopes.sort_by(f64::total_cmp);
    let n = f64::from(repetitions);
    let upper_p = confidence + (1.0 - confidence) / 2.0;
    // 1-based positions, as in R; at least the first, at most the last.
    let at = |p: f64| {
        let pos = round_half_even(n * p).clamp(1.0, n) as usize;
        slopes[pos - 1]
    };
    Ok(Sii {
        sii,
        intercept,
        rii: (intercept + sii) / intercept,
        lower: at(1.0 - upper_p),
        upper: at(upper_p),
        confidence,
        repetitions,
        ranks: d.ranks,
    })
}

/// The SII and intercept alone (no simulation): the fitted line of `phe_sii`, for projected
/// values whose limits are not simulated (an SII milestone's projection).
pub fn sii_point(q: &[Quantile]) -> Result<(f64, f64), SiiError> {
    let d = design(q)?;
    Ok(d.fit(q.iter().map(|x| x.value)))
}

/// The exact standard deviation of the simulated slopes (SII is linear in the values, so its
/// simulated distribution is normal with SD √Σ cᵢ²·seᵢ²): what the limits tend to as the
/// repetitions grow, and the yardstick the tests hold the simulation to.
pub fn slope_sd(q: &[Quantile]) -> Result<f64, SiiError> {
    let d = design(q)?;
    Ok(d.slope_weights
        .iter()
        .zip(q)
        .map(|(c, x)| (c * x.se).powi(2))
        .sum::<f64>()
        .sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pops: &[f64], values: &[f64]) -> Vec<Quantile> {
        pops.iter()
            .zip(values)
            .map(|(&population, &value)| Quantile {
                population,
                value,
                se: 0.5,
            })
            .collect()
    }

    #[test]
    fn a_straight_line_is_recovered() {
        // Equal populations: ranks 0.1, 0.3, …, 0.9; values on the line 70 + 10·rank.
        let ranks = [0.1, 0.3, 0.5, 0.7, 0.9];
        let v: Vec<f64> = ranks.iter().map(|r| 70.0 + 10.0 * r).collect();
        let s = phe_sii(&q(&[1.0; 5], &v), 0.95, 1_000, 1).unwrap();
        assert!((s.sii - 10.0).abs() < 1e-12 && (s.intercept - 70.0).abs() < 1e-12);
        assert!((s.rii - 80.0 / 70.0).abs() < 1e-12);
        for (a, b) in s.ranks.iter().zip(ranks) {
            assert!((a - b).abs() < 1e-15);
        }
    }

    #[test]
    fn ranks_follow_population_shares() {
        // Shares 0.12 and 0.10 first, as in phe_sii's documentation: ranks 0.06 and 0.17.
        let pops = [12.0, 10.0, 30.0, 28.0, 20.0];
        let s = phe_sii(&q(&pops, &[1.0, 2.0, 3.0, 4.0, 5.0]), 0.95, 1_000, 1).unwrap();
        assert!((s.ranks[0] - 0.06).abs() < 1e-15 && (s.ranks[1] - 0.17).abs() < 1e-15);
    }

    #[test]
    fn bad_inputs_are_refused() {
        let ok = q(&[1.0; 5], &[1.0; 5]);
        assert_eq!(
            phe_sii(&ok[..4], 0.95, 1_000, 1),
            Err(SiiError::QuantileCount(4))
        );
        let mut bad = ok.clone();
        bad[2].population = 0.0;
        assert_eq!(phe_sii(&bad, 0.95, 1_000, 1), Err(SiiError::Population(3)));
        bad = ok.clone();
        bad[1].value = f64::NAN;
        assert_eq!(phe_sii(&bad, 0.95, 1_000, 1), Err(SiiError::Value(2)));
        bad = ok.clone();
        bad[4].se = -1.0;
        assert_eq!(
            phe_sii(&bad, 0.95, 1_000, 1),
            Err(SiiError::StandardError(5))
        );
        assert!(phe_sii(&ok, 1.0, 1_000, 1).is_err());
        assert!(phe_sii(&ok, 0.95, 999, 1).is_err());
    }

    #[test]
    fn r_rounding() {
        assert_eq!(round_half_even(2.5), 2.0);
        assert_eq!(round_half_even(3.5), 4.0);
        assert_eq!(round_half_even(25.0), 25.0);
        assert_eq!(round_half_even(975.4), 975.0);
    }
}
