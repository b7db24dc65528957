//! The abridged life table by the PHE/ONS method (Chiang II).
//!
//! Method (see `docs/methods.md` of the shared folder and PHE's "Life expectancy calculator"):
//! Mᵢ = Dᵢ/Pᵢ; qᵢ = nᵢMᵢ/(1 + nᵢMᵢ(1 − aᵢ)) with aᵢ = 0.1 at age 0 and 0.5 elsewhere (q capped at
//! 1, and 1 in the open band); lᵢ from a radix of 100,000; Lᵢ = nᵢ(lᵢ₊₁ + aᵢdᵢ), open band lᵢ/Mᵢ;
//! eᵢ = Tᵢ/lᵢ. The variance is Chiang's, plus Silcocks' term for the open band
//! (Silcocks, Jenner & Reza, J Epidemiol Community Health 2001;55:38), which can be turned off to
//! reproduce the older practice. Validity and suppression follow PHEindicatormethods
//! `phe_life_expectancy`: invalid groups give typed errors, never NaN.

use super::bands::BandSet;
use super::normal::{Z95, z_for_confidence};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// PHE's minimum total population for a life table (PHEindicatormethods: total ≤ 5,000 → no value).
pub const MIN_TOTAL_POPULATION: f64 = 5000.0;

/// Half-width of the 95% interval above which a value is suppressed (interval wider than 20 years).
pub const SUPPRESS_HALF_WIDTH: f64 = 10.0;

/// How the fraction of the interval lived by those who die (a) is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub enum AValues {
    /// PHE/ONS: 0.1 of a year at age 0, half the interval elsewhere.
    #[default]
    Phe,
    /// User-supplied average years lived in each band by those who die there (Preston's ₙaₓ).
    /// The open band's value is ignored (its L is l/M).
    Years(Vec<f64>),
}

/// Settings of one life-table calculation.
#[derive(Debug, Clone, PartialEq)]
pub struct LifeTableOptions {
    /// Confidence level the limits are for (informational when `z` was set directly).
    pub confidence: f64,
    /// Multiplier of the standard error for the limits.
    pub z: f64,
    /// Include Silcocks' variance term for the open band.
    pub silcocks: bool,
    /// l₀.
    pub radix: f64,
    pub a_values: AValues,
    /// Compute the variance, SE and limits (skip for speed inside simulations).
    pub variance: bool,
}

impl Default for LifeTableOptions {
    fn default() -> Self {
        LifeTableOptions {
            confidence: 0.95,
            z: Z95,
            silcocks: true,
            radix: 100_000.0,
            a_values: AValues::Phe,
            variance: true,
        }
    }
}

impl LifeTableOptions {
    /// Options for a confidence level, with the exact normal quantile.
    pub fn with_confidence(level: f64) -> Result<Self, LifeTableError> {
        let z = z_for_confidence(level).ok_or(LifeTableError::BadConfidence { level })?;
        Ok(LifeTableOptions {
            confidence: level,
            z,
            ..Default::default()
        })
    }

    /// Options without the variance: for the many tables inside a projection.
    pub fn point_only() -> Self {
        LifeTableOptions {
            variance: false,
            ..Default::default()
        }
    }
}

/// One row (age band) of a life table. `a` is in years.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LifeTableRow {
    pub age: u32,
    /// Width of the band in years; `None` for the open band.
    pub n: Option<f64>,
    /// Average years lived in the band by those who die in it.
    pub a: f64,
    pub deaths: f64,
    pub population: f64,
    pub m: f64,
    pub q: f64,
    pub l: f64,
    pub d: f64,
    #[serde(rename = "L")]
    pub big_l: f64,
    #[serde(rename = "T")]
    pub t: f64,
    pub e: f64,
    /// This band's term of Chiang's variance (with Silcocks' term in the open band).
    pub variance_term: f64,
    pub se: f64,
    pub lower: f64,
    pub upper: f64,
    /// PHE suppresses a value whose 95% interval is wider than 20 years; limits stay reported.
    pub suppressed: bool,
}

impl LifeTableRow {
    /// a as a fraction of the band width (PHE's convention; 0.5 reported for the open band).
    pub fn a_fraction(&self) -> f64 {
        match self.n {
            Some(n) => self.a / n,
            None => 0.5,
        }
    }
}

/// A complete abridged life table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LifeTable {
    pub bands: BandSet,
    pub rows: Vec<LifeTableRow>,
    pub z: f64,
    pub confidence: f64,
    pub warnings: Vec<LifeTableWarning>,
}

impl LifeTable {
    /// Life expectancy at birth.
    pub fn e0(&self) -> f64 {
        self.rows[0].e
    }

    pub fn se0(&self) -> f64 {
        self.rows[0].se
    }
}

/// Why a group has no life table (PHEindicatormethods' rules, plus input shape).
#[derive(Debug, Clone, PartialEq, Error, Serialize)]
pub enum LifeTableError {
    #[error("expected {expected} bands, got {deaths} death and {population} population values")]
    WrongLength {
        expected: usize,
        deaths: usize,
        population: usize,
    },
    #[error("{what} at age {age} is not a finite number")]
    NotFinite { age: u32, what: &'static str },
    #[error("negative deaths ({deaths}) at age {age}")]
    NegativeDeaths { age: u32, deaths: f64 },
    #[error("population must be above 0, got {population} at age {age}")]
    NonPositivePopulation { age: u32, population: f64 },
    #[error("deaths ({deaths}) exceed population ({population}) at age {age}")]
    DeathsExceedPopulation {
        age: u32,
        deaths: f64,
        population: f64,
    },
    #[error("total population {total} is 5,000 or fewer: too small for a reliable life table")]
    TotalPopulationTooSmall { total: f64 },
    #[error("no deaths in the open band {age}+: its life expectancy is undefined")]
    NoDeathsInOpenBand { age: u32 },
    #[error("confidence level must be strictly between 0 and 1, got {level}")]
    BadConfidence { level: f64 },
    #[error("z must be a positive number, got {z}")]
    BadZ { z: f64 },
    #[error("{0} user-supplied a values for {1} bands")]
    WrongAValues(usize, usize),
}

/// A z given directly must be positive and finite.
pub fn z_checked(z: f64) -> Result<f64, LifeTableError> {
    if z.is_finite() && z > 0.0 {
        Ok(z)
    } else {
        Err(LifeTableError::BadZ { z })
    }
}

/// Results that stand but need a caveat.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum LifeTableWarning {
    /// The value at this age is suppressed: its 95% interval is wider than 20 years.
    Suppressed { age: u32, half_width_95: f64 },
}

impl std::fmt::Display for LifeTableWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LifeTableWarning::Suppressed { age, half_width_95 } => write!(
                f,
                "life expectancy at age {age} suppressed: 95% interval is {:.1} years wide (over 20)",
                2.0 * half_width_95
            ),
        }
    }
}

/// Every reason a group is invalid, found in one pass.
#[derive(Debug, Clone, PartialEq, Error, Serialize)]
#[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))]
pub struct LifeTableErrors(pub Vec<LifeTableError>);

/// Check a group's inputs against PHE's validity rules, reporting every problem.
pub fn validate(bands: BandSet, deaths: &[f64], population: &[f64]) -> Result<(), LifeTableErrors> {
    let k = bands.len();
    if deaths.len() != k || population.len() != k {
        return Err(LifeTableErrors(vec![LifeTableError::WrongLength {
            expected: k,
            deaths: deaths.len(),
            population: population.len(),
        }]));
    }
    let mut errs = Vec::new();
    let mut total = 0.0;
    for (i, &age) in bands.starts().iter().enumerate() {
        let (d, p) = (deaths[i], population[i]);
        if !d.is_finite() {
            errs.push(LifeTableError::NotFinite {
                age,
                what: "deaths",
            });
        } else if d < 0.0 {
            errs.push(LifeTableError::NegativeDeaths { age, deaths: d });
        }
        if !p.is_finite() {
            errs.push(LifeTableError::NotFinite {
                age,
                what: "population",
            });
        } else if p <= 0.0 {
            errs.push(LifeTableError::NonPositivePopulation { age, population: p });
        } else if d.is_finite() && d > p {
            errs.push(LifeTableError::DeathsExceedPopulation {
                age,
                deaths: d,
                population: p,
            });
        }
        total += p;
    }
    if errs.is_empty() && total <= MIN_TOTAL_POPULATION {
        errs.push(LifeTableError::TotalPopulationTooSmall { total });
    }
    let open = k - 1;
    if deaths[open] == 0.0 {
        errs.push(LifeTableError::NoDeathsInOpenBand {
            age: bands.open_start(),
        });
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(LifeTableErrors(errs))
    }
}

/// Build the life table for one group from deaths and population by band.
pub fn life_table(
    bands: BandSet,
    deaths: &[f64],
    population: &[f64],
    opts: &LifeTableOptions,
) -> Result<LifeTable, LifeTableErrors> {
    validate(bands, deaths, population)?;
    let k = bands.len();
    if let AValues::Years(a) = &opts.a_values
        && a.len() != k
    {
        return Err(LifeTableErrors(vec![LifeTableError::WrongAValues(
            a.len(),
            k,
        )]));
    }
    let starts = bands.starts();
    let mut rows: Vec<LifeTableRow> = Vec::with_capacity(k);
    let mut l = opts.radix;
    for i in 0..k {
        let n = bands.width(i);
        let (d_i, p_i) = (deaths[i], population[i]);
        let m = d_i / p_i;
        let (a, q) = match n {
            Some(n) => {
                let a = match &opts.a_values {
                    AValues::Phe if i == 0 => 0.1 * n,
                    AValues::Phe => 0.5 * n,
                    AValues::Years(v) => v[i],
                };
                // q = nM/(1 + (n − a)M), capped at 1 where deaths outrun the band's survivors.
                let q = (n * m / (1.0 + (n - a) * m)).min(1.0);
                (a, q)
            }
            None => (if m > 0.0 { 1.0 / m } else { 0.0 }, 1.0),
        };
        let d = l * q;
        rows.push(LifeTableRow {
            age: starts[i],
            n,
            a,
            deaths: d_i,
            population: p_i,
            m,
            q,
            l,
            d,
            big_l: 0.0,
            t: 0.0,
            e: 0.0,
            variance_term: 0.0,
            se: 0.0,
            lower: 0.0,
            upper: 0.0,
            suppressed: false,
        });
        l -= d;
        if l < 0.0 {
            l = 0.0;
        }
    }
    // L and T, then e, from the open band down.
    let mut t = 0.0;
    for i in (0..k).rev() {
        let r = &rows[i];
        let big_l = match r.n {
            Some(n) => n * rows[i + 1].l + r.a * r.d,
            None => r.l / r.m,
        };
        t += big_l;
        let r = &mut rows[i];
        r.big_l = big_l;
        r.t = t;
        r.e = if r.l > 0.0 { t / r.l } else { 0.0 };
    }
    let mut warnings = Vec::new();
    if opts.variance {
        let mut cum = 0.0;
        for i in (0..k).rev() {
            let term = {
                let r = &rows[i];
                match r.n {
                    Some(n) if r.d > 0.0 && r.deaths > 0.0 => {
                        let next_e = rows[i + 1].e;
                        let f = (n - r.a) + next_e;
                        r.q * r.q * (1.0 - r.q) / r.deaths * r.l * r.l * f * f
                    }
                    Some(_) => 0.0,
                    None if opts.silcocks && r.deaths > 0.0 => r.l * r.l / (r.deaths * r.m * r.m),
                    None => 0.0,
                }
            };
            cum += term;
            let r = &mut rows[i];
            r.variance_term = term;
            r.se = if r.l > 0.0 { cum.sqrt() / r.l } else { 0.0 };
            r.lower = r.e - opts.z * r.se;
            r.upper = r.e + opts.z * r.se;
            let half95 = Z95 * r.se;
            if half95 > SUPPRESS_HALF_WIDTH {
                r.suppressed = true;
                warnings.push(LifeTableWarning::Suppressed {
                    age: r.age,
                    half_width_95: half95,
                });
            }
        }
        warnings.reverse();
    } else {
        for r in &mut rows {
            r.lower = r.e;
            r.upper = r.e;
        }
    }
    Ok(LifeTable {
        bands,
        rows,
        z: opts.z,
        confidence: opts.confidence,
        warnings,
    })
}

/// Life expectancy at birth only, with no allocation: the inner loop of projections and
/// goal seeking. Inputs must already be valid (see [`validate`]); rates are Mᵢ = Dᵢ/Pᵢ.
pub(crate) fn e0_from_rates(bands: BandSet, m: &[f64]) -> f64 {
    let k = bands.len();
    let mut l = 1.0;
    let mut t = 0.0;
    for (i, &mi) in m.iter().enumerate().take(k) {
        match bands.width(i) {
            Some(n) => {
                let a = if i == 0 { 0.1 * n } else { 0.5 * n };
                let q = (n * mi / (1.0 + (n - a) * mi)).min(1.0);
                let d = l * q;
                let next = (l - d).max(0.0);
                t += n * next + a * d;
                l = next;
            }
            None => {
                if mi > 0.0 {
                    t += l / mi;
                }
            }
        }
    }
    t
}

/// Remaining life expectancy at the start of every band from death rates by band: the table
/// of [`e0_from_rates`] (whose first value it is), kept row by row. Used for a group's
/// survival after a postponed death (rates × its hazard ratio).
pub(crate) fn remaining_from_rates(bands: BandSet, m: &[f64]) -> Vec<f64> {
    let k = bands.len().min(m.len());
    let mut l = vec![0.0; k];
    let mut big_l = vec![0.0; k];
    let mut cur = 1.0;
    for i in 0..k {
        l[i] = cur;
        let mi = m[i];
        match bands.width(i) {
            Some(n) => {
                let a = if i == 0 { 0.1 * n } else { 0.5 * n };
                let q = (n * mi / (1.0 + (n - a) * mi)).min(1.0);
                let d = cur * q;
                let next = (cur - d).max(0.0);
                big_l[i] = n * next + a * d;
                cur = next;
            }
            None => big_l[i] = if mi > 0.0 { cur / mi } else { 0.0 },
        }
    }
    let mut t = 0.0;
    let mut e = vec![0.0; k];
    for i in (0..k).rev() {
        t += big_l[i];
        e[i] = if l[i] > 0.0 { t / l[i] } else { 0.0 };
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows' remaining life expectancy is the full table's, and an open band's is 1/m:
    /// at m = 0.2, 5 years; at 1.7 times the rate, 1/0.34 = 2.941 years.
    #[test]
    fn remaining_life_expectancy_by_row() {
        let (d, p) = flat(BandSet::To90, 0.01);
        let lt = life_table(BandSet::To90, &d, &p, &LifeTableOptions::default()).unwrap();
        let m: Vec<f64> = d.iter().zip(&p).map(|(d, p)| d / p).collect();
        let e = remaining_from_rates(BandSet::To90, &m);
        for (row, got) in lt.rows.iter().zip(&e) {
            assert!((row.e - got).abs() < 1e-9, "{} vs {got}", row.e);
        }
        let mut m = vec![0.01; BandSet::To90.len()];
        *m.last_mut().unwrap() = 0.2;
        assert!((remaining_from_rates(BandSet::To90, &m).last().unwrap() - 5.0).abs() < 1e-12);
        let hr: Vec<f64> = m.iter().map(|x| x * 1.7).collect();
        let last = *remaining_from_rates(BandSet::To90, &hr).last().unwrap();
        assert!((last - 1.0 / 0.34).abs() < 1e-12, "{last}");
    }

    fn flat(bands: BandSet, m: f64) -> (Vec<f64>, Vec<f64>) {
        let pops = vec![10_000.0; bands.len()];
        let deaths = pops.iter().map(|p| p * m).collect();
        (deaths, pops)
    }

    #[test]
    fn fast_e0_matches_full_table() {
        let (d, p) = flat(BandSet::To90, 0.01);
        let lt = life_table(BandSet::To90, &d, &p, &LifeTableOptions::default()).unwrap();
        let m: Vec<f64> = d.iter().zip(&p).map(|(d, p)| d / p).collect();
        assert!((e0_from_rates(BandSet::To90, &m) - lt.e0()).abs() < 1e-12);
    }

    #[test]
    fn reports_every_problem() {
        let b = BandSet::To85;
        let (mut d, mut p) = flat(b, 0.01);
        d[2] = -1.0;
        p[3] = 0.0;
        d[5] = 20_000.0;
        d[18] = 0.0;
        let errs = life_table(b, &d, &p, &LifeTableOptions::default()).unwrap_err();
        assert_eq!(errs.0.len(), 4, "{errs}");
    }

    #[test]
    fn small_population_is_invalid() {
        let b = BandSet::To90;
        let d = vec![1.0; 20];
        let p = vec![100.0; 20];
        let errs = life_table(b, &d, &p, &LifeTableOptions::default()).unwrap_err();
        assert!(matches!(
            errs.0[0],
            LifeTableError::TotalPopulationTooSmall { .. }
        ));
    }
}
