//! ONS mid-year population estimates, ages as columns, pooled over the chosen years into
//! person-years by group, sex and life-table band.
//!
//! ONS publishes one row per area × sex (× year) with a column per single year of age
//! (`0`, `1`, …, `89`, `90` or `90+` for 90 and over) or per band (`0`, `1-4`, `5-9`, …).
//! Person-years for a pooled period are the sum of the mid-year estimates of its years (PHE's
//! practice for three-year life expectancy). Each column is added to the band that holds it;
//! a column spanning two bands (`0-4`, `85+`) cannot be split without inventing numbers and
//! is refused, as is a header that misses an age or counts one twice.

use super::columns::{Columns, require};
use super::deaths::{MAX_AGE, RESIDENCE};
use super::fields::{Years, sex};
use super::lookup::{Lookup, key};
use super::{By, Counts, Tally};
use crate::data::problem::{Problem, Problems, Rule};
use crate::data::source::{CsvSource, parse_number, shorten};
use crate::model::bands::BandSet;
use std::collections::HashSet;
use std::path::Path;

const YEAR: &[&str] = &["year", "mid_year", "period"];

/// The ages a header names: `45` (one year), `45-49` or `45_49` (a range), `90+` (open),
/// with an optional `age_` prefix. `None` for any other column (codes, names, `all_ages`).
fn age_span(normalised: &str) -> Option<(u32, u32)> {
    let t = normalised
        .strip_prefix("age_")
        .or_else(|| normalised.strip_prefix("age"))
        .unwrap_or(normalised);
    let n = |s: &str| {
        (!s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    if let Some(open) = t.strip_suffix('+').or_else(|| t.strip_suffix("_plus")) {
        return n(open).map(|a| (a, MAX_AGE));
    }
    if let Some((a, b)) = t.split_once('_') {
        return Some((n(a)?, n(b)?)).filter(|(a, b)| a <= b);
    }
    n(t).map(|a| (a, a))
}

/// The band of each age column, checked: ages 0–89 covered exactly once each, 90 and over at
/// least from 90 and never twice, no column across two bands.
fn age_columns(src: &CsvSource, cols: &Columns, problems: &mut Problems) -> Vec<(usize, usize)> {
    let bands = BandSet::To90;
    let band_of = |age: u32| {
        bands
            .starts()
            .iter()
            .rposition(|&s| s <= age)
            .expect("0 starts")
    };
    let mut covered = vec![0u32; MAX_AGE as usize + 1];
    let mut out = Vec::new();
    let header = |i: usize, msg: String| {
        Problem::error(&src.path, Rule::AgeColumns, msg)
            .at_line(src.header_line())
            .at_column(i, &cols.names[i])
    };
    for i in 0..cols.names.len() {
        let Some((a, b)) = age_span(cols.normalised(i)) else {
            continue;
        };
        if a > MAX_AGE || b > MAX_AGE {
            problems.push(header(i, format!("ages above {MAX_AGE} are not ages")));
            continue;
        }
        if band_of(a) != band_of(b) {
            problems.push(header(
                i,
                format!(
                    "column '{}' spans the bands {} and {}: give single years or the life table's bands (0, 1-4, 5-9, …, 85-89, 90+)",
                    shorten(&cols.names[i]),
                    bands.label(band_of(a)),
                    bands.label(band_of(b))
                ),
            ));
            continue;
        }
        for c in &mut covered[a as usize..=b as usize] {
            *c += 1;
        }
        out.push((i, band_of(a)));
    }
    let twice: Vec<u32> = (0..=MAX_AGE).filter(|&a| covered[a as usize] > 1).collect();
    let missing: Vec<u32> = (0..=90).filter(|&a| covered[a as usize] == 0).collect();
    if !twice.is_empty() || !missing.is_empty() {
        let list = |v: &[u32]| {
            v.iter()
                .take(10)
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut msg = String::from("the age columns must cover ages 0 to 90+ once each:");
        if !missing.is_empty() {
            msg += &format!(" no column for age {}", list(&missing));
        }
        if !twice.is_empty() {
            msg += &format!(" age {} in more than one column", list(&twice));
        }
        problems.push(Problem::error(&src.path, Rule::AgeColumns, msg).at_line(src.header_line()));
    }
    out
}

/// Read the population file into `counts`. Rows for years outside `years` are skipped and
/// counted; a code, year and sex given twice is an error (it would be counted twice).
pub fn read(
    path: &Path,
    lookup: &Lookup,
    by: By,
    years: Years,
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
    let mut head = Problems::default();
    let code = require(&src, &cols, RESIDENCE, &mut head);
    let sx = require(&src, &cols, &["sex", "gender"], &mut head);
    let year = require(&src, &cols, YEAR, &mut head);
    let ages = age_columns(&src, &cols, &mut head);
    let (Some(code), Some(sx), Some(year)) = (code, sx, year) else {
        problems.extend(head);
        return None;
    };
    if head.has_errors() {
        problems.extend(head);
        return None;
    }
    let mut tally = Tally::new(&src);
    let mut given: HashSet<(String, u32, bool)> = HashSet::new();
    let mut level: Option<&'static str> = None;
    let file = src.path.clone();
    let mut band_sum = vec![0.0; BandSet::To90.len()];
    let seen = src.for_each_row(problems, |row, problems| {
        tally.rows += 1;
        let at = |col: usize, rule, msg: String| {
            Problem::error(&file, rule, msg)
                .at_line(row.line)
                .at_column(col, &cols.names[col])
        };
        let mut errs = Vec::new();
        let y = row.cells[year].trim().parse::<u32>().ok().filter(|y| (1900..=2100).contains(y));
        if y.is_none() {
            errs.push(at(year, Rule::InvalidDate, format!("year '{}' is not a year 1900–2100", shorten(row.cells[year]))));
        }
        let s = sex(row.cells[sx]);
        if s.is_none() {
            errs.push(at(sx, Rule::UnknownSex, format!("sex '{}' is not male or female (m/f, 1/2); give persons as two rows", shorten(row.cells[sx]))));
        }
        if let Some(y) = y
            && !years.contains(y)
        {
            tally.outside_years += 1;
            return;
        }
        let unit = lookup.resolve(row.cells[code]);
        let group = match unit.map(|u| (u, lookup.group_of(u, by))) {
            None => {
                errs.push(at(code, Rule::UnknownAreaCode, format!("'{}' is not an LSOA, ward or local authority of the lookup", shorten(row.cells[code]))));
                None
            }
            Some((u, None)) => {
                errs.push(at(code, Rule::UnknownAreaCode, format!("{} is a {} code, too coarse for --by {}: give LSOA estimates", shorten(row.cells[code]), u.level(), by.name())));
                None
            }
            Some((u, Some(_))) if level.is_some_and(|l| l != u.level()) => {
                errs.push(at(code, Rule::UnknownAreaCode, format!("{} is a {} code but earlier rows give {} codes: one file, one level (else people are counted twice)", shorten(row.cells[code]), u.level(), level.unwrap_or(""))));
                None
            }
            Some((u, Some(g))) => {
                level = Some(u.level());
                Some(g)
            }
        };
        band_sum.iter_mut().for_each(|b| *b = 0.0);
        for &(c, band) in &ages {
            match parse_number(&file, row.line, c, &cols.names[c], row.cells[c]) {
                Ok(v) if v < 0.0 => errs.push(at(c, Rule::Negative, format!("{} is negative", cols.names[c]))),
                Ok(v) => band_sum[band] += v,
                Err(p) => errs.push(p),
            }
        }
        if let (Some(y), Some(s)) = (y, s)
            && group.is_some()
            && !given.insert((key(row.cells[code]), y, s == crate::model::area::Sex::Male))
        {
            errs.push(at(code, Rule::DuplicateRow, format!("{} {y} {s} is given twice", shorten(row.cells[code]))));
        }
        if !errs.is_empty() {
            errs.into_iter().for_each(|p| problems.push(p));
            tally.rejected += 1;
            return;
        }
        let (Some(g), Some(s)) = (group, s) else {
            tally.rejected += 1;
            return;
        };
        counts.add_population(g, s, &band_sum);
        tally.used += 1;
        if let Some(u) = unit {
            tally.units.insert(u);
        }
    });
    // Rows the reader itself refused (wrong length, not UTF-8) count as refused too.
    tally.rejected += seen - tally.rows;
    tally.rows = seen;
    tally.stopped = src.stopped();
    if !complete(&file, &given, years, problems) {
        return None;
    }
    Some(tally)
}

/// Every code read must give every year of the period for both sexes: a missing year would
/// leave its people out of the person-years while its deaths still count, and life
/// expectancy would come out too high with nothing to show for it. An error that stops the
/// build (no `--allow-refused` makes it right).
fn complete(
    file: &Path,
    given: &HashSet<(String, u32, bool)>,
    years: Years,
    problems: &mut Problems,
) -> bool {
    let mut codes: Vec<&str> = given.iter().map(|(c, _, _)| c.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    let mut short = Vec::new();
    for code in &codes {
        for y in years.first..=years.last {
            for (male, sex) in [(true, "male"), (false, "female")] {
                if !given.contains(&(code.to_string(), y, male)) {
                    short.push(format!("{code} {y} {sex}"));
                }
            }
        }
    }
    if short.is_empty() {
        return true;
    }
    problems.push(Problem::error(
        file,
        Rule::NoPopulation,
        format!(
            "{} estimate(s) of {} missing, e.g. {}: every code needs both sexes for every year pooled, or its people are left out while its deaths count",
            short.len(),
            years.label(),
            short.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
        ),
    ));
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_age_headers() {
        assert_eq!(age_span("0"), Some((0, 0)));
        assert_eq!(age_span("age_45"), Some((45, 45)));
        assert_eq!(age_span("1_4"), Some((1, 4)));
        assert_eq!(age_span("90+"), Some((90, MAX_AGE)));
        assert_eq!(age_span("all_ages"), None);
        assert_eq!(age_span("lsoa_code"), None);
        assert_eq!(age_span("9_5"), None);
    }
}
