//! The European Standard Populations (ESP 1976 and ESP 2013), shipped as data files in
//! `assets/standards/` with their sources, and how an area's bands meet them.
//!
//! The PSA mortality targets (1995–97 baseline, 2010 target) were set on ESP 1976; ONS and PHE
//! moved to ESP 2013 in 2014. Area data may close at 85+ or 90+:
//!
//! * ESP 1976 has no 90+ band: for data closing at 90+, the 85–89 and 90+ deaths and
//!   population are added into one 85+ band before its rate is taken.
//! * ESP 2013 with data closing at 85+: the 85–89 and 90+ weights (1,500 + 1,000) are added
//!   into one 85+ weight of 2,500, as in the 19-band ESP 2013 tables for data closing at 85+.

use crate::model::bands::BandSet;
use serde::{Deserialize, Serialize};

const ESP1976: &str = include_str!("../../../../../assets/standards/esp1976.csv");
const ESP2013: &str = include_str!("../../../../../assets/standards/esp2013.csv");

/// A standard population for direct standardisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Standard {
    /// European Standard Population 1976: bands to 85+, the PSA-era standard.
    Esp1976,
    /// European Standard Population 2013: bands to 90+, ONS/PHE since 2014.
    Esp2013,
}

impl Standard {
    pub fn name(self) -> &'static str {
        match self {
            Standard::Esp1976 => "esp1976",
            Standard::Esp2013 => "esp2013",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Standard::Esp1976 => "European Standard Population 1976",
            Standard::Esp2013 => "European Standard Population 2013",
        }
    }

    /// The band set the standard is published on.
    pub fn bands(self) -> BandSet {
        match self {
            Standard::Esp1976 => BandSet::To85,
            Standard::Esp2013 => BandSet::To90,
        }
    }

    /// The published weights, one per band of [`Standard::bands`], youngest first.
    pub fn weights(self) -> Vec<f64> {
        let text = match self {
            Standard::Esp1976 => ESP1976,
            Standard::Esp2013 => ESP2013,
        };
        parse(text)
    }
}

/// The compiled-in file as weights. The files are part of the build and a unit test reads
/// them, so a malformed line is a build defect, not user input: it is skipped and the test
/// fails.
fn parse(text: &str) -> Vec<f64> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("age"))
        .filter_map(|l| l.split_once(',')?.1.trim().parse::<f64>().ok())
        .collect()
}

/// Deaths, population and weights on the bands the rate is taken over.
#[derive(Debug, Clone, PartialEq)]
pub struct Aligned {
    /// The band set of the aligned vectors.
    pub bands: BandSet,
    pub deaths: Vec<f64>,
    pub population: Vec<f64>,
    pub weights: Vec<f64>,
}

/// Bring an area's bands (`bands`) and a standard together as the module doc describes.
/// `deaths` and `population` are per band of `bands`; their lengths are the caller's check.
pub fn align(bands: BandSet, deaths: &[f64], population: &[f64], standard: Standard) -> Aligned {
    let w = standard.weights();
    match (bands, standard.bands()) {
        (a, b) if a == b => Aligned {
            bands,
            deaths: deaths.to_vec(),
            population: population.to_vec(),
            weights: w,
        },
        // 90+ data on the 85+ standard: pool 85–89 with 90+.
        (BandSet::To90, _) => {
            let fold = |v: &[f64]| {
                let mut out = v[..18].to_vec();
                out.push(v[18] + v[19]);
                out
            };
            Aligned {
                bands: BandSet::To85,
                deaths: fold(deaths),
                population: fold(population),
                weights: w,
            }
        }
        // 85+ data on the 90+ standard: pool the 85–89 and 90+ weights.
        (BandSet::To85, _) => {
            let mut weights = w[..18].to_vec();
            weights.push(w[18] + w[19]);
            Aligned {
                bands: BandSet::To85,
                deaths: deaths.to_vec(),
                population: population.to_vec(),
                weights,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The weights in /work/shared/docs/methods.md ("Directly standardised rates").
    #[test]
    fn files_hold_the_published_weights() {
        let mut esp76 = vec![1600.0, 6400.0];
        esp76.extend([7000.0; 10]);
        esp76.extend([6000.0, 5000.0, 4000.0, 3000.0, 2000.0, 1000.0, 1000.0]);
        assert_eq!(Standard::Esp1976.weights(), esp76);
        let esp13 = [
            1000.0, 4000.0, 5500.0, 5500.0, 5500.0, 6000.0, 6000.0, 6500.0, 7000.0, 7000.0, 7000.0,
            7000.0, 6500.0, 6000.0, 5500.0, 5000.0, 4000.0, 2500.0, 1500.0, 1000.0,
        ];
        assert_eq!(Standard::Esp2013.weights(), esp13);
        for s in [Standard::Esp1976, Standard::Esp2013] {
            assert_eq!(s.weights().len(), s.bands().len());
            assert_eq!(s.weights().iter().sum::<f64>(), 100_000.0);
        }
    }

    #[test]
    fn aligns_both_ways() {
        let d: Vec<f64> = (0..20).map(f64::from).collect();
        let p = vec![100.0; 20];
        let a = align(BandSet::To90, &d, &p, Standard::Esp1976);
        assert_eq!(a.deaths.len(), 19);
        assert_eq!(a.deaths[18], 18.0 + 19.0);
        assert_eq!(a.population[18], 200.0);
        assert_eq!(a.weights[18], 1000.0);
        let b = align(BandSet::To85, &d[..19], &p[..19], Standard::Esp2013);
        assert_eq!(b.weights.len(), 19);
        assert_eq!(b.weights[18], 2500.0);
        assert_eq!(b.weights.iter().sum::<f64>(), 100_000.0);
        let c = align(BandSet::To90, &d, &p, Standard::Esp2013);
        assert_eq!(c.deaths, d);
    }
}
