//! The geography lookup: LSOA → ward, local authority and deprivation (IMD decile or
//! quintile), as ONS and MHCLG publish it. Death records and population estimates are keyed
//! by LSOA (or by ward or local authority); the lookup says which output group each belongs
//! to for the chosen `--by`.

use super::By;
use super::columns::{Columns, require};
use crate::data::problem::{Problem, Problems, Rule};
use crate::data::source::{CsvSource, shorten};
use std::collections::HashMap;
use std::path::Path;

/// At most this many LSOAs: England and Wales have about 35,000 (2011) and 36,000 (2021),
/// so a million is a wrong file, not a lookup, and holding it stays a few tens of MB.
pub const MAX_LSOAS: u64 = 1_000_000;

/// One LSOA's ward, local authority and deprivation fifth/tenth (1 = most deprived).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Lsoa {
    ward: Option<u32>,
    la: u32,
    decile: Option<u8>,
    quintile: Option<u8>,
}

/// A named place: its code and the label it gets in the output.
#[derive(Debug, Clone, PartialEq)]
struct Place {
    code: String,
    name: Option<String>,
    /// For a ward: its local authority (that of its first LSOA).
    la: u32,
}

/// What a code in a deaths or population file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Lsoa(u32),
    Ward(u32),
    La(u32),
}

impl Unit {
    /// The level, to keep one file at one level (mixing LSOA rows with their local
    /// authority's total would count people twice).
    pub fn level(self) -> &'static str {
        match self {
            Unit::Lsoa(_) => "LSOA",
            Unit::Ward(_) => "ward",
            Unit::La(_) => "local authority",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lookup {
    lsoas: Vec<Lsoa>,
    index: HashMap<String, u32>,
    ward_index: HashMap<String, u32>,
    la_index: HashMap<String, u32>,
    wards: Vec<Place>,
    las: Vec<Place>,
    pub rows: u64,
}

const LSOA: &[&str] = &[
    "lsoa_code",
    "lsoa",
    "lsoa11cd",
    "lsoa21cd",
    "lsoa01cd",
    "lsoacd",
];
const WARD: &[&str] = &[
    "ward_code",
    "ward",
    "wd11cd",
    "wd21cd",
    "wd22cd",
    "wd23cd",
    "wdcd",
];
const WARD_NAME: &[&str] = &["ward_name", "wd11nm", "wd21nm", "wd22nm", "wd23nm", "wdnm"];
const LA: &[&str] = &[
    "la_code", "la", "lad_code", "lad11cd", "lad21cd", "lad22cd", "ladcd",
];
const LA_NAME: &[&str] = &[
    "la_name",
    "lad11nm",
    "lad21nm",
    "lad22nm",
    "ladnm",
    "area_name",
];
const DECILE: &[&str] = &["imd_decile", "decile", "imd_decile_2007", "imd_decile_2010"];
const QUINTILE: &[&str] = &["imd_quintile", "quintile"];

/// The longest place name kept: ONS's longest ward and authority names are under 60
/// characters.
const MAX_NAME_CHARS: usize = 100;

/// A place name as it will be written in the area file: control characters (a newline would
/// split a row) become spaces, and it is cut to [`MAX_NAME_CHARS`].
fn clean_name(n: &str) -> String {
    n.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_NAME_CHARS)
        .collect::<String>()
        .trim()
        .to_string()
}

/// Codes are matched without surrounding spaces and whatever their case.
pub fn key(code: &str) -> String {
    code.trim().to_uppercase()
}

impl Lookup {
    /// Read the lookup, checking that it has what `by` needs (wards for `ward`, deprivation
    /// for the deprivation groupings).
    pub fn load(path: &Path, by: By) -> Result<Lookup, Problems> {
        let mut src = CsvSource::open(path)?;
        let mut problems = Problems::default();
        let cols = Columns::of(&src);
        let lsoa = require(&src, &cols, LSOA, &mut problems);
        let la = require(&src, &cols, LA, &mut problems);
        let ward = match by {
            By::Ward => require(&src, &cols, WARD, &mut problems),
            _ => cols.find(WARD),
        };
        let (decile, quintile) = (cols.find(DECILE), cols.find(QUINTILE));
        match by {
            By::Decile if decile.is_none() => {
                require(&src, &cols, DECILE, &mut problems);
            }
            By::Quintile if decile.is_none() && quintile.is_none() => {
                require(&src, &cols, DECILE, &mut problems);
            }
            _ => {}
        }
        let (Some(lsoa), Some(la)) = (lsoa, la) else {
            return Err(problems);
        };
        if problems.has_errors() {
            return Err(problems);
        }
        let (ward_name, la_name) = (cols.find(WARD_NAME), cols.find(LA_NAME));
        let path = src.path.clone();
        let mut lk = Lookup {
            lsoas: Vec::new(),
            index: HashMap::new(),
            ward_index: HashMap::new(),
            la_index: HashMap::new(),
            wards: Vec::new(),
            las: Vec::new(),
            rows: 0,
        };
        src.for_each_row(&mut problems, |row, problems| {
            lk.rows += 1;
            if lk.rows > MAX_LSOAS {
                if lk.rows == MAX_LSOAS + 1 {
                    problems.push(
                        Problem::error(
                            &path,
                            Rule::ImplausibleValue,
                            format!("more than {MAX_LSOAS} LSOAs: is this the right file?"),
                        )
                        .at_line(row.line),
                    );
                }
                return;
            }
            let at = |col: usize, rule, msg: String| {
                Problem::error(&path, rule, msg)
                    .at_line(row.line)
                    .at_column(col, &cols.names[col])
            };
            let cell = |c: usize| row.cells[c].trim();
            let mut bad = false;
            for c in [Some(lsoa), Some(la), ward].into_iter().flatten() {
                if cell(c).is_empty() {
                    problems.push(at(
                        c,
                        Rule::EmptyValue,
                        format!("{} is empty", cols.names[c]),
                    ));
                    bad = true;
                }
            }
            let fifth = |c: Option<usize>, max: u8| match c {
                None => Ok(None),
                Some(c) => match cell(c).parse::<u8>() {
                    Ok(v) if (1..=max).contains(&v) => Ok(Some(v)),
                    _ => Err(at(
                        c,
                        Rule::NotANumber,
                        format!(
                            "{} '{}' is not a whole number from 1 (most deprived) to {max}",
                            cols.names[c],
                            shorten(cell(c))
                        ),
                    )),
                },
            };
            let (d, q) = match (fifth(decile, 10), fifth(quintile, 5)) {
                (Ok(d), Ok(q)) => (d, q),
                (d, q) => {
                    d.err()
                        .into_iter()
                        .chain(q.err())
                        .for_each(|p| problems.push(p));
                    return;
                }
            };
            let from_decile = d.map(|d| d.div_ceil(2));
            if let (Some(fd), Some(q), Some(qc)) = (from_decile, q, quintile)
                && fd != q
            {
                problems.push(at(
                    qc,
                    Rule::NotANumber,
                    format!(
                        "quintile {q} does not hold decile {}: decile d is in quintile ⌈d/2⌉",
                        d.unwrap_or(0)
                    ),
                ));
                return;
            }
            if bad {
                return;
            }
            let k = key(cell(lsoa));
            if lk.index.contains_key(&k) {
                problems.push(at(
                    lsoa,
                    Rule::DuplicateRow,
                    format!(
                        "LSOA {} is listed twice; the first row is used",
                        shorten(&k)
                    ),
                ));
                return;
            }
            let la_i = lk.place(false, &key(cell(la)), la_name.map(cell), 0);
            let ward_i = ward.map(|w| lk.place(true, &key(cell(w)), ward_name.map(cell), la_i));
            let i = lk.lsoas.len() as u32;
            lk.lsoas.push(Lsoa {
                ward: ward_i,
                la: la_i,
                decile: d,
                quintile: q.or(from_decile),
            });
            lk.index.insert(k, i);
        });
        if problems.has_errors() || src.stopped() {
            return Err(problems);
        }
        if lk.lsoas.is_empty() {
            problems.push(Problem::error(
                &path,
                Rule::NoRows,
                "the lookup lists no LSOA",
            ));
            return Err(problems);
        }
        Ok(lk)
    }

    /// The index of a ward or local authority, adding it the first time it is seen.
    fn place(&mut self, ward: bool, code: &str, name: Option<&str>, la: u32) -> u32 {
        let (list, index) = if ward {
            (&mut self.wards, &mut self.ward_index)
        } else {
            (&mut self.las, &mut self.la_index)
        };
        *index.entry(code.to_string()).or_insert_with(|| {
            list.push(Place {
                code: code.to_string(),
                name: name.map(clean_name).filter(|n| !n.is_empty()),
                la,
            });
            list.len() as u32 - 1
        })
    }

    /// What a code names (an LSOA, else a ward, else a local authority), if the lookup knows it.
    pub fn resolve(&self, code: &str) -> Option<Unit> {
        let k = key(code);
        (self.index.get(&k).map(|&i| Unit::Lsoa(i)))
            .or_else(|| self.ward_index.get(&k).map(|&i| Unit::Ward(i)))
            .or_else(|| self.la_index.get(&k).map(|&i| Unit::La(i)))
    }

    /// The code of a unit, as the lookup writes it (upper case).
    pub fn code(&self, unit: Unit) -> String {
        let find = |index: &HashMap<String, u32>, i: u32| {
            index
                .iter()
                .find(|(_, v)| **v == i)
                .map_or_else(String::new, |(k, _)| k.clone())
        };
        match unit {
            Unit::Lsoa(i) => find(&self.index, i),
            Unit::Ward(i) => self.wards[i as usize].code.clone(),
            Unit::La(i) => self.las[i as usize].code.clone(),
        }
    }

    /// The output group of a unit under `by`, or `None` when the unit is too coarse for it (a
    /// local authority's total cannot be split into wards or deprivation fifths).
    pub fn group_of(&self, unit: Unit, by: By) -> Option<u32> {
        match (unit, by) {
            (Unit::Lsoa(i), _) => {
                let l = &self.lsoas[i as usize];
                match by {
                    By::Area => Some(l.la),
                    By::Ward => l.ward,
                    By::Quintile => l.quintile.map(|q| u32::from(q) - 1),
                    By::Decile => l.decile.map(|d| u32::from(d) - 1),
                }
            }
            (Unit::Ward(w), By::Ward) => Some(w),
            (Unit::Ward(w), By::Area) => Some(self.wards[w as usize].la),
            (Unit::La(a), By::Area) => Some(a),
            _ => None,
        }
    }

    /// Number of output groups under `by`.
    pub fn group_count(&self, by: By) -> usize {
        match by {
            By::Area => self.las.len(),
            By::Ward => self.wards.len(),
            By::Quintile => 5,
            By::Decile => 10,
        }
    }

    /// Output names of the groups under `by`: the place's name where the lookup gives one
    /// (with its code added when two places share a name), else its code; `Q1`…`Q5` and
    /// `D1`…`D10` for deprivation (1 = most deprived, as IMD ranks).
    pub fn group_names(&self, by: By) -> Vec<String> {
        let places = match by {
            By::Area => &self.las,
            By::Ward => &self.wards,
            By::Quintile => return (1..=5).map(|q| format!("Q{q}")).collect(),
            By::Decile => return (1..=10).map(|d| format!("D{d}")).collect(),
        };
        let label = |p: &Place| p.name.clone().unwrap_or_else(|| clean_name(&p.code));
        let mut count: HashMap<String, u32> = HashMap::new();
        for p in places {
            *count.entry(label(p).to_lowercase()).or_default() += 1;
        }
        places
            .iter()
            .map(|p| {
                let l = label(p);
                if count[&l.to_lowercase()] > 1 && p.name.is_some() {
                    format!("{l} ({})", clean_name(&p.code))
                } else {
                    l
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_safe_to_write() {
        assert_eq!(clean_name(" Old\nTown\t"), "Old Town");
        assert_eq!(clean_name(&"x".repeat(500)).len(), MAX_NAME_CHARS);
    }
}
