//! SYNTHETIC inputs for `build-data`: death records, mid-year estimates and an LSOA lookup
//! for Demoborough that rebuild exactly the Demoborough rows of the demo area file
//! ([`crate::demo`]). Nothing here is real: 60 invented LSOAs in 10 invented wards, with a
//! deprivation gradient in the deaths so the by-ward and by-quintile builds have a gap to show.
//!
//! England is not rebuilt: a director's analysts hold their own area's death records, and the
//! comparator comes from ONS's national figures (the demo area file's England rows).
//!
//! Every split of a count (years, LSOAs, single years of age) is by largest remainder, so the
//! parts are whole numbers that add up exactly to the demo's counts.

use crate::demo::{self, CAUSES};
use crate::model::area::Sex;
use crate::model::bands::BandSet;
use std::fmt::Write;

pub const LA_CODE: &str = "DEMOLA01";
pub const YEARS: [u32; 3] = [2006, 2007, 2008];
const LSOAS: usize = 60;
const WARDS: [&str; 10] = [
    "Northgate",
    "Southfield",
    "Eastbrook",
    "Westmoor",
    "Riverside",
    "Hillcrest",
    "Parkside",
    "Old Town",
    "Canalside",
    "Market",
];

/// Underlying-cause codes the synthetic deaths cycle through, one list per demo cause (in
/// [`CAUSES`] order); each maps back to its cause through the shipped mapping.
const CODES: [&[&str]; 14] = [
    &["I21.9", "I25.1", "I22.0"],
    &["I61.9", "I63.9", "I64"],
    &["I50.0", "I71.4", "I26.9"],
    &["C34.9", "C34.1"],
    &["C18.7", "C20"],
    &["C50.9"],
    &["C53.9"],
    &["C61", "C25.9", "C16.9", "C71.9"],
    &["J44.9", "J43.9"],
    &["J18.9", "J84.1"],
    &["K70.3", "K74.6"],
    &["X70", "V89.2", "W19"],
    &["P07.0", "P22.0"],
    &["G30.9", "F03", "E11.9", "R54", "N18.5", "A41.9"],
];

fn lsoa_code(i: usize) -> String {
    format!("DEMOL{:03}", i + 1)
}

fn ward_of(i: usize) -> usize {
    i / 6
}

/// IMD decile (1 = most deprived): ward w holds deciles w+1 … w+6 (mod 10), so every decile
/// has six LSOAs and the first wards are the most deprived.
pub fn decile_of(i: usize) -> u32 {
    ((ward_of(i) + i % 6) % 10) as u32 + 1
}

/// Relative size of each LSOA's population.
fn people_weight(i: usize) -> f64 {
    1.0 + 0.25 * ((i * 37 % 11) as f64 / 10.0)
}

/// Relative size of each LSOA's deaths: its people times a deprivation gradient (the most
/// deprived tenth dies at about twice the rate of the least: a gap of several years, of the
/// order the Segment Tool showed within Spearhead areas).
fn death_weight(i: usize) -> f64 {
    people_weight(i) * (1.4 - 0.08 * f64::from(decile_of(i) - 1))
}

/// Split a whole number in proportion to weights, by largest remainder (ties to the first).
pub fn split(total: u64, weights: &[f64]) -> Vec<u64> {
    let sum: f64 = weights.iter().sum();
    let exact: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut parts: Vec<u64> = exact.iter().map(|x| x.floor() as u64).collect();
    let short = total - parts.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in order.iter().take(short as usize) {
        parts[i] += 1;
    }
    parts
}

fn whole(x: f64) -> u64 {
    debug_assert!(
        x >= 0.0 && x.fract() == 0.0,
        "demo counts are whole numbers"
    );
    x as u64
}

fn sex_code(s: Sex) -> &'static str {
    match s {
        Sex::Male => "1",
        Sex::Female => "2",
    }
}

const HEADER_NOTE: &str = "# synthetic: true\n# note: SYNTHETIC demonstration data, not real people. Made by lifegap's build::demo_inputs (Demoborough and its LSOAs are invented).\n";

/// The lookup: 60 LSOAs, their ward, the local authority and the IMD decile.
pub fn lookup_csv() -> String {
    let mut s = String::from(HEADER_NOTE);
    s += "lsoa_code,ward_code,ward_name,la_code,la_name,imd_decile\n";
    for i in 0..LSOAS {
        let w = ward_of(i);
        let _ = writeln!(
            s,
            "{},DEMOW{:02},{},{LA_CODE},{},{}",
            lsoa_code(i),
            w + 1,
            WARDS[w],
            demo::LOCAL,
            decile_of(i)
        );
    }
    s
}

/// Mid-year estimates for 2006, 2007 and 2008 by LSOA and sex, single years of age 0–89 and
/// 90+; the three years add up to the demo file's pooled person-years.
pub fn population_csv() -> String {
    let bands = BandSet::To90;
    let starts = bands.starts();
    let mut s = String::from(HEADER_NOTE);
    s += "lsoa_code,year,sex,all_ages";
    for a in 0..90 {
        let _ = write!(s, ",{a}");
    }
    s += ",90+\n";
    let weights: Vec<f64> = (0..LSOAS).map(people_weight).collect();
    // ages[year][lsoa][sex][single age 0..=90]
    let mut ages = vec![vec![vec![vec![0u64; 91]; 2]; LSOAS]; 3];
    for r in demo::rows().iter().filter(|r| r.area == demo::LOCAL) {
        let b = bands.index_of(r.age).expect("demo ages are band starts");
        let width = starts.get(b + 1).map_or(1, |n| n - r.age) as usize;
        for (y, per_year) in split(whole(r.population), &[1.0; 3])
            .into_iter()
            .enumerate()
        {
            for (l, n) in split(per_year, &weights).into_iter().enumerate() {
                for (k, m) in split(n, &vec![1.0; width]).into_iter().enumerate() {
                    ages[y][l][r.sex.index()][r.age as usize + k] = m;
                }
            }
        }
    }
    for (y, year) in YEARS.iter().enumerate() {
        for (l, by_sex) in ages[y].iter().enumerate() {
            for sex in Sex::BOTH {
                let row = &by_sex[sex.index()];
                let _ = write!(
                    s,
                    "{},{year},{},{}",
                    lsoa_code(l),
                    sex_code(sex),
                    row.iter().sum::<u64>()
                );
                for m in row {
                    let _ = write!(s, ",{m}");
                }
                s += "\n";
            }
        }
    }
    s
}

/// One row per death, 2006–2008: dates of death and registration, age, sex (ONS 1/2),
/// underlying cause (ICD-10) and LSOA of residence.
pub fn deaths_csv() -> String {
    let mut s = String::from(HEADER_NOTE);
    s += "date_of_death,date_of_registration,age,sex,icd10,lsoa_code\n";
    for_each_death(|line| {
        s += line;
        s += "\n";
    });
    s
}

/// Every synthetic death record (without its line ending), in a fixed order.
pub fn for_each_death(mut f: impl FnMut(&str)) {
    let bands = BandSet::To90;
    let starts = bands.starts();
    let weights: Vec<f64> = (0..LSOAS).map(death_weight).collect();
    let mut serial = 0usize;
    let mut line = String::new();
    let total: f64 = weights.iter().sum();
    for r in demo::rows().iter().filter(|r| r.area == demo::LOCAL) {
        let b = bands.index_of(r.age).expect("band start");
        let width = starts.get(b + 1).map_or(10, |n| n - r.age) as usize;
        // Each death goes to the LSOA furthest below its share so far. Shares carry over
        // from cause to cause within the band, so LSOAs get the band's deaths in proportion
        // to their weights even where a cause has only a death or two (a largest remainder
        // per cause would hand every odd death to the same, largest LSOAs).
        let mut owed = vec![0.0; LSOAS];
        let mut k = vec![0usize; LSOAS];
        for (c, &d) in r.deaths.iter().enumerate() {
            for (o, w) in owed.iter_mut().zip(&weights) {
                *o += d * w / total;
            }
            for _ in 0..whole(d) {
                let l = (0..LSOAS)
                    .max_by(|&a, &b| owed[a].total_cmp(&owed[b]).then(b.cmp(&a)))
                    .expect("LSOAs");
                owed[l] -= 1.0;
                serial += 1;
                let year = YEARS[serial % 3];
                let (month, day) = (1 + serial * 7 % 12, 1 + serial * 13 % 25);
                let code = CODES[c][serial % CODES[c].len()];
                line.clear();
                let _ = write!(
                    line,
                    "{year}-{month:02}-{day:02},{year}-{month:02}-{:02},{},{},{code},{}",
                    day + 3,
                    r.age as usize + k[l] % width,
                    sex_code(r.sex),
                    lsoa_code(l)
                );
                k[l] += 1;
                f(&line);
            }
        }
    }
    debug_assert_eq!(CAUSES.len(), CODES.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_is_exact_and_proportional() {
        assert_eq!(split(10, &[1.0, 1.0, 1.0]), vec![4, 3, 3]);
        assert_eq!(split(7, &[2.0, 1.0]), vec![5, 2]);
        assert_eq!(split(0, &[1.0, 3.0]), vec![0, 0]);
        let parts = split(1_000_003, &[0.3, 1.7, 2.2, 0.01]);
        assert_eq!(parts.iter().sum::<u64>(), 1_000_003);
    }

    #[test]
    fn every_decile_has_six_lsoas() {
        for d in 1..=10 {
            assert_eq!((0..LSOAS).filter(|&i| decile_of(i) == d).count(), 6);
        }
    }
}
