//! Streaming death records (one row per death) into counts by group, sex, band and cause.
//!
//! A million records are read in one pass with one reused record buffer; nothing but the
//! counts (groups × 2 sexes × 20 bands × causes) and the bounded problem list is kept, so
//! memory does not grow with the file (README: build-data figures).

use super::columns::{Columns, require};
use super::fields::{Years, date_year, sex};
use super::icd10::{Mapping, parse_code};
use super::lookup::Lookup;
use super::{By, Counts, Tally};
use crate::data::problem::{Problem, Problems, Rule};
use crate::data::source::{CsvSource, shorten};
use std::path::Path;

/// The oldest age a record may give. The oldest verified person died at 122; ages above 120
/// in a death extract are typing errors (an age of 999 for "not stated").
pub const MAX_AGE: u32 = 120;

const REGISTRATION: &[&str] = &[
    "date_of_registration",
    "dor",
    "registration_date",
    "reg_date",
];
const DEATH: &[&str] = &["date_of_death", "dod", "death_date", "date"];
const AGE: &[&str] = &["age", "age_at_death", "age_in_years", "ageinyrs"];
const SEX: &[&str] = &["sex", "gender"];
const CAUSE: &[&str] = &[
    "icd10",
    "underlying_cause",
    "cause_code",
    "icd10_underlying_cause",
    "icd10u",
    "ucod",
];
/// Residence: an LSOA code, or a ward or local authority code where that is all there is.
pub const RESIDENCE: &[&str] = &[
    "lsoa_code",
    "lsoa",
    "lsoa11cd",
    "lsoa21cd",
    "lsoa01cd",
    "residence_code",
    "ward_code",
    "la_code",
    "lad_code",
    "area_code",
    "code",
];

/// Which date decides the year. ONS and PHE count deaths by year of *registration*, so a
/// registration date is used when the file has one; otherwise the date of death.
fn date_column(cols: &Columns) -> Option<usize> {
    cols.find(REGISTRATION).or_else(|| cols.find(DEATH))
}

/// Read `path` into `counts`. Each row is checked whole: every bad cell of a row is reported
/// (file, line, column, rule) and the row left out; rows dated outside `years` are counted,
/// not reported. `None` when the file cannot be read at all (the problems say why).
pub fn read(
    path: &Path,
    lookup: &Lookup,
    by: By,
    years: Years,
    mapping: &Mapping,
    counts: &mut Counts,
    problems: &mut Problems,
) -> Option<Tally> {
    let mut src = match CsvSource::open(path) {
        Ok(s) => s,
        Err(p) => {
            problems.extend(p);
            return None;
        }
    };
    let cols = Columns::of(&src);
    let mut missing = Problems::default();
    let date = date_column(&cols);
    if date.is_none() {
        require(
            &src,
            &cols,
            &[&["date_of_registration"], DEATH].concat(),
            &mut missing,
        );
    }
    let age = require(&src, &cols, AGE, &mut missing);
    let sx = require(&src, &cols, SEX, &mut missing);
    let cause = require(&src, &cols, CAUSE, &mut missing);
    let res = require(&src, &cols, RESIDENCE, &mut missing);
    let (Some(date), Some(age), Some(sx), Some(cause), Some(res)) = (date, age, sx, cause, res)
    else {
        problems.extend(missing);
        return None;
    };
    let mut tally = Tally::new(&src);
    let mut level: Option<&'static str> = None;
    let mut used_years = [false; super::fields::MAX_POOLED_YEARS as usize];
    let file = src.path.clone();
    let seen = src.for_each_row(problems, |row, problems| {
        tally.rows += 1;
        let at = |col: usize, rule, msg: String| {
            Problem::error(&file, rule, msg)
                .at_line(row.line)
                .at_column(col, &cols.names[col])
        };
        let cell = |c: usize| row.cells[c];
        let mut errs: Vec<Problem> = Vec::new();
        let year = date_year(cell(date));
        if year.is_none() {
            errs.push(at(
                date,
                Rule::InvalidDate,
                format!("'{}' is not a date (YYYY-MM-DD, DD/MM/YYYY or YYYYMMDD, 1900–2100)", shorten(cell(date))),
            ));
        }
        let a = cell(age).trim().parse::<u32>().ok().filter(|a| *a <= MAX_AGE);
        if a.is_none() {
            errs.push(at(
                age,
                Rule::AgeOutOfRange,
                format!("age '{}' is not a whole number of years from 0 to {MAX_AGE}", shorten(cell(age))),
            ));
        }
        let s = sex(cell(sx));
        if s.is_none() {
            errs.push(at(
                sx,
                Rule::UnknownSex,
                format!("sex '{}' is not male or female (m/f, 1/2): life tables are by sex", shorten(cell(sx))),
            ));
        }
        let code = parse_code(cell(cause));
        if code.is_none() {
            errs.push(at(
                cause,
                Rule::InvalidCode,
                format!("'{}' is not an ICD-10 code such as I21.9 or I219", shorten(cell(cause))),
            ));
        }
        let unit = lookup.resolve(cell(res));
        let group = match unit {
            None => {
                errs.push(at(
                    res,
                    Rule::UnknownAreaCode,
                    format!("'{}' is not an LSOA, ward or local authority of the lookup", shorten(cell(res))),
                ));
                None
            }
            Some(u) => match (lookup.group_of(u, by), level) {
                (None, _) => {
                    errs.push(at(
                        res,
                        Rule::UnknownAreaCode,
                        format!("{} is a {} code, too coarse for --by {}: give the LSOA", shorten(cell(res)), u.level(), by.name()),
                    ));
                    None
                }
                (Some(_), Some(l)) if l != u.level() => {
                    errs.push(at(
                        res,
                        Rule::UnknownAreaCode,
                        format!("{} is a {} code but earlier rows give {l} codes: one file, one level (else deaths are counted twice)", shorten(cell(res)), u.level()),
                    ));
                    None
                }
                (Some(g), _) => {
                    level = Some(u.level());
                    Some(g)
                }
            },
        };
        if !errs.is_empty() {
            errs.into_iter().for_each(|p| problems.push(p));
            tally.rejected += 1;
            return;
        }
        let (Some(year), Some(a), Some(s), Some(code), Some(g)) = (year, a, s, code, group) else {
            tally.rejected += 1;
            return;
        };
        if !years.contains(year) {
            tally.outside_years += 1;
            return;
        }
        let Some(c) = mapping.cause_of(code, a) else {
            problems.push(at(
                cause,
                Rule::UnmappedCode,
                format!("no row of the cause mapping ({}) holds {code}", mapping.source),
            ));
            tally.rejected += 1;
            return;
        };
        counts.add_death(g, s, a, c);
        tally.used += 1;
        if let Some(u) = unit {
            tally.units.insert(u);
        }
        used_years[(year - years.first) as usize] = true;
    });
    // Rows the reader itself refused (wrong length, not UTF-8) count as refused too.
    tally.rejected += seen - tally.rows;
    tally.rows = seen;
    tally.stopped = src.stopped();
    // A year with no deaths at all in an area's extract is almost always a missing year.
    for y in years.first..=years.last {
        if tally.used > 0 && !used_years[(y - years.first) as usize] {
            problems.push(Problem::warning(
                &file,
                Rule::NoRows,
                format!(
                    "no deaths in {y}: is the extract complete for {}?",
                    years.label()
                ),
            ));
        }
    }
    Some(tally)
}
