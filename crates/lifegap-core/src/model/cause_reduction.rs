//! Removing or reducing a cause of death.
//!
//! * **Rate method** (the one programme effects use): cut cause i's deaths in the chosen bands,
//!   Dᵢ → (1 − r)Dᵢ, and recompute the PHE life table from the new all-cause deaths. It reuses
//!   the life-table code, so confidence limits come for free.
//! * **Chiang's associated single-decrement life table** (proportional hazards; Preston,
//!   Heuveline & Guillot 2001 §4.3): R = (D − Dᵢ)/D, p₋ᵢ = p^R,
//!   a₋ᵢ = n + R(q/q₋ᵢ)(a − n) (PHG eq. 4.8), open band e₋ᵢ = e/R; with q₋ᵢ = 0, a₋ᵢ = a; with
//!   D = 0, R = 1. A partial reduction uses R = (D − rDᵢ)/D. PHG's worked example (their Box 4.2)
//!   graduates a₋ᵢ at ages 10–75 with eq. 4.6, available as [`AsdltA::Graduated`].

use super::bands::BandSet;
use super::life_table::{LifeTable, LifeTableErrors, LifeTableOptions, life_table};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An age range of whole bands: a band is inside when it starts at or after `from` and ends at
/// or before `to` (`None` = no upper limit, so the open band is included). Written "40-74",
/// "75+" or "all" in scenario files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AgeRange {
    pub from: u32,
    pub to: Option<u32>,
}

impl AgeRange {
    pub const ALL: AgeRange = AgeRange { from: 0, to: None };

    pub fn new(from: u32, to: Option<u32>) -> Self {
        AgeRange { from, to }
    }

    /// Is band `i` of `bands` wholly inside this range?
    pub(crate) fn contains_band(&self, bands: BandSet, i: usize) -> bool {
        let start = bands.starts()[i];
        if start < self.from {
            return false;
        }
        match (self.to, bands.width(i)) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(to), Some(n)) => start + n as u32 - 1 <= to,
        }
    }

    /// Bands of `bands` inside the range.
    pub fn bands(&self, bands: BandSet) -> Vec<usize> {
        (0..bands.len())
            .filter(|&i| self.contains_band(bands, i))
            .collect()
    }
}

impl fmt::Display for AgeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to {
            Some(to) => write!(f, "{}-{}", self.from, to),
            None => write!(f, "{}+", self.from),
        }
    }
}

impl TryFrom<String> for AgeRange {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<AgeRange> for String {
    fn from(r: AgeRange) -> String {
        if r == AgeRange::ALL {
            "all".to_string()
        } else {
            r.to_string()
        }
    }
}

impl std::str::FromStr for AgeRange {
    type Err = String;
    /// Accepts "40-74", "75+", "40-" and "all".
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("all") {
            return Ok(AgeRange::ALL);
        }
        let bad = || format!("age range '{s}' should look like 40-74, 75+ or all");
        if let Some(from) = s.strip_suffix('+') {
            let from = from.trim().parse().map_err(|_| bad())?;
            return Ok(AgeRange { from, to: None });
        }
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let from: u32 = a.trim().parse().map_err(|_| bad())?;
        let to = if b.trim().is_empty() {
            None
        } else {
            Some(b.trim().parse().map_err(|_| bad())?)
        };
        if let Some(to) = to
            && to < from
        {
            return Err(format!("age range '{s}' ends before it starts"));
        }
        Ok(AgeRange { from, to })
    }
}

/// All-cause deaths after cutting `cause_deaths` by `fraction` in the bands of `ages`.
pub(crate) fn reduced_deaths(
    bands: BandSet,
    all_deaths: &[f64],
    cause_deaths: &[f64],
    fraction: f64,
    ages: AgeRange,
) -> Vec<f64> {
    all_deaths
        .iter()
        .zip(cause_deaths)
        .enumerate()
        .map(|(i, (d, c))| {
            if ages.contains_band(bands, i) {
                (d - fraction * c).max(0.0)
            } else {
                *d
            }
        })
        .collect()
}

/// The rate method: the PHE life table after the reduction.
pub fn rate_method(
    bands: BandSet,
    population: &[f64],
    all_deaths: &[f64],
    cause_deaths: &[f64],
    fraction: f64,
    ages: AgeRange,
    opts: &LifeTableOptions,
) -> Result<LifeTable, LifeTableErrors> {
    let d = reduced_deaths(bands, all_deaths, cause_deaths, fraction, ages);
    life_table(bands, &d, population, opts)
}

/// How a₋ᵢ is found in the associated single-decrement table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum AsdltA {
    /// PHG eq. 4.8 in every closed band (Chiang's proportional-hazards assumption).
    #[default]
    ProportionalHazards,
    /// PHG eq. 4.6 (graduation of d₋ᵢ) in bands starting from `from` to `to`, eq. 4.8 elsewhere,
    /// as in PHG Box 4.2 (from 10 to 75).
    Graduated { from: u32, to: u32 },
}

/// One band of an associated single-decrement life table (a in years).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AsdltRow {
    pub age: u32,
    pub r: f64,
    pub p: f64,
    pub l: f64,
    pub d: f64,
    pub a: f64,
    #[serde(rename = "L")]
    pub big_l: f64,
    #[serde(rename = "T")]
    pub t: f64,
    pub e: f64,
}

/// What Chiang's table needs from the all-cause table, by band.
#[derive(Debug, Clone, Copy)]
pub struct AsdltInput<'a> {
    pub bands: BandSet,
    /// All-cause q.
    pub q: &'a [f64],
    /// All-cause a, in years.
    pub a_years: &'a [f64],
    /// All-cause life expectancy in the open band.
    pub e_open: f64,
    pub all_deaths: &'a [f64],
    pub cause_deaths: &'a [f64],
    /// Share of the cause removed in each band (1 = deleted, 0 = untouched).
    pub removed: &'a [f64],
    pub radix: f64,
}

/// Chiang's associated single-decrement life table.
pub fn asdlt(input: AsdltInput<'_>, a_rule: AsdltA) -> Vec<AsdltRow> {
    let AsdltInput {
        bands,
        q,
        a_years,
        e_open,
        all_deaths,
        cause_deaths,
        removed,
        radix,
    } = input;
    let k = bands.len();
    let mut rows = Vec::with_capacity(k);
    let mut l = radix;
    for i in 0..k {
        let d_all = all_deaths[i];
        let r = if d_all > 0.0 {
            ((d_all - removed[i] * cause_deaths[i]) / d_all).max(0.0)
        } else {
            1.0
        };
        let p = if bands.width(i).is_some() {
            (1.0 - q[i]).powf(r)
        } else {
            0.0
        };
        let d = l * (1.0 - p);
        rows.push(AsdltRow {
            age: bands.starts()[i],
            r,
            p,
            l,
            d,
            a: 0.0,
            big_l: 0.0,
            t: 0.0,
            e: 0.0,
        });
        l -= d;
    }
    // a₋ᵢ: eq. 4.8 (or eq. 4.6 where graduated), then L.
    for i in 0..k {
        let a = match bands.width(i) {
            None => {
                if rows[i].r > 0.0 {
                    e_open / rows[i].r
                } else {
                    f64::INFINITY
                }
            }
            Some(n) => {
                let graduated = match a_rule {
                    AsdltA::Graduated { from, to } => {
                        let age = rows[i].age;
                        age >= from && age <= to && i > 0 && i + 2 < k && rows[i].d > 0.0
                    }
                    AsdltA::ProportionalHazards => false,
                };
                if graduated {
                    // PHG eq. 4.6: ₙaₓ = (−n/24 ₙdₓ₋ₙ + n/2 ₙdₓ + n/24 ₙdₓ₊ₙ) / ₙdₓ.
                    (-n / 24.0 * rows[i - 1].d + n / 2.0 * rows[i].d + n / 24.0 * rows[i + 1].d)
                        / rows[i].d
                } else {
                    let q_minus = 1.0 - rows[i].p;
                    if q_minus > 0.0 {
                        n + rows[i].r * (q[i] / q_minus) * (a_years[i] - n)
                    } else {
                        a_years[i]
                    }
                }
            }
        };
        rows[i].a = a;
    }
    let mut t = 0.0;
    for i in (0..k).rev() {
        let big_l = match bands.width(i) {
            Some(n) => n * rows[i + 1].l + rows[i].a * rows[i].d,
            None => rows[i].l * rows[i].a,
        };
        t += big_l;
        let row = &mut rows[i];
        row.big_l = big_l;
        row.t = t;
        row.e = if row.l > 0.0 { t / row.l } else { 0.0 };
    }
    rows
}

/// Chiang's table for a cause reduced by `fraction` in `ages`, from a PHE all-cause table.
pub fn asdlt_from_table(
    table: &LifeTable,
    cause_deaths: &[f64],
    fraction: f64,
    ages: AgeRange,
    a_rule: AsdltA,
) -> Vec<AsdltRow> {
    let bands = table.bands;
    let q: Vec<f64> = table.rows.iter().map(|r| r.q).collect();
    let a: Vec<f64> = table.rows.iter().map(|r| r.a).collect();
    let d: Vec<f64> = table.rows.iter().map(|r| r.deaths).collect();
    let removed: Vec<f64> = (0..bands.len())
        .map(|i| {
            if ages.contains_band(bands, i) {
                fraction
            } else {
                0.0
            }
        })
        .collect();
    let e_open = table.rows.last().map(|r| r.e).unwrap_or(0.0);
    asdlt(
        AsdltInput {
            bands,
            q: &q,
            a_years: &a,
            e_open,
            all_deaths: &d,
            cause_deaths,
            removed: &removed,
            radix: table.rows[0].l,
        },
        a_rule,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_age_ranges() {
        assert_eq!(
            "40-74".parse::<AgeRange>().unwrap(),
            AgeRange::new(40, Some(74))
        );
        assert_eq!("75+".parse::<AgeRange>().unwrap(), AgeRange::new(75, None));
        assert!("74-40".parse::<AgeRange>().is_err());
        assert!("abc".parse::<AgeRange>().is_err());
        let r = AgeRange::new(0, Some(74));
        assert_eq!(r.bands(BandSet::To90).len(), 16);
        assert!(!r.contains_band(BandSet::To90, 16));
        assert!(AgeRange::new(75, None).contains_band(BandSet::To90, 19));
    }
}
