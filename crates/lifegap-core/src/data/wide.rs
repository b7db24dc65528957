//! The wide area file: one row per area × sex × age band,
//! `area,sex,age,population,<cause columns…>[,all_causes]`, deaths in the cause columns.
//!
//! Rows are streamed. A group (area × sex) is finished as soon as the rows move on to another
//! group and it has a complete band set, then handed to the caller and dropped, so a sorted
//! 200 MB file is read in bounded memory. Unsorted files still work: incomplete groups wait
//! until their rows are all in (memory then grows with the number of waiting groups).

use super::assemble::{Assembler, PartialGroup, slot_of};
use super::problem::{Problem, Problems, Rule};
use super::source::{CsvSource, normalise_header, parse_age, parse_number};
use crate::model::area::{Group, Provenance, Sex};
use crate::model::bands::BandSet;
use crate::model::causes;
use std::collections::HashMap;
use std::path::Path;

/// Tolerance for the optional `all_causes` column against the sum of the cause columns.
pub const ALL_CAUSES_TOLERANCE: f64 = 0.5;

/// What a wide file holds, apart from the groups themselves.
#[derive(Debug, Clone)]
pub struct WideSummary {
    pub bands: Option<BandSet>,
    pub causes: Vec<String>,
    pub provenance: Provenance,
    pub rows: u64,
    pub groups_valid: u64,
    pub groups_invalid: u64,
    /// Groups handed out as valid whose later rows were duplicates or split off: callers
    /// that collect groups drop these (area lower-cased).
    pub invalidated: Vec<(String, Sex)>,
}

struct Columns {
    area: usize,
    sex: usize,
    age: usize,
    population: usize,
    all_causes: Option<usize>,
    /// (column index, normalised cause key)
    causes: Vec<(usize, String)>,
}

/// Names accepted for the fixed columns (after lower-casing).
pub const AREA_NAMES: &[&str] = &["area", "area_name", "area_code"];
pub const SEX_NAMES: &[&str] = &["sex"];
pub const AGE_NAMES: &[&str] = &["age", "startage", "age_start", "start_age"];
pub const POPULATION_NAMES: &[&str] = &["population", "pops", "pop", "person_years"];
const ALL_CAUSE_NAMES: &[&str] = &["all_causes", "all", "all_cause", "total_deaths"];
/// Label and identifier columns that are neither causes nor needed (a second area column, the
/// year or period of an extract): never read as deaths.
const IGNORED: &[&str] = &[
    "ageband",
    "age_band",
    "age_label",
    "area_code",
    "area_name",
    "code",
    "name",
    "geography",
    "geography_code",
    "ons_code",
    "la_code",
    "la_name",
    "year",
    "period",
    "sex_code",
];

fn columns(src: &CsvSource, problems: &mut Problems) -> Option<Columns> {
    let path = &src.path;
    let mut missing = Vec::new();
    let mut get = |names: &[&str], what: &str| {
        let c = src.column(names);
        if c.is_none() {
            missing.push(what.to_string());
        }
        c
    };
    let area = get(AREA_NAMES, "area");
    let sex = get(SEX_NAMES, "sex");
    let age = get(AGE_NAMES, "age");
    let population = get(POPULATION_NAMES, "population");
    for m in &missing {
        problems.push(
            Problem::error(
                path,
                Rule::MissingColumn,
                format!(
                    "no '{m}' column: the header must be area,sex,age,population,<cause columns…>"
                ),
            )
            .at_line(src.header_line()),
        );
    }
    let fixed = [area, sex, age, population];
    let mut all_causes = None;
    let mut cause_cols: Vec<(usize, String)> = Vec::new();
    for (i, h) in src.headers.iter().enumerate() {
        if fixed.contains(&Some(i)) {
            continue;
        }
        let norm = normalise_header(h);
        if IGNORED.contains(&norm.as_str()) {
            continue;
        }
        let key = causes::normalise(h);
        if ALL_CAUSE_NAMES.contains(&norm.as_str()) || ALL_CAUSE_NAMES.contains(&key.as_str()) {
            all_causes = Some(i);
            continue;
        }
        if h.is_empty() {
            problems.push(
                Problem::error(path, Rule::MissingColumn, "a column has no name")
                    .at_line(src.header_line())
                    .at_column(i, ""),
            );
            continue;
        }
        if let Some((j, _)) = cause_cols.iter().find(|(_, k)| *k == key) {
            problems.push(
                Problem::error(
                    path,
                    Rule::DuplicateColumn,
                    format!(
                        "cause '{h}' is the same cause as column {} ('{}')",
                        j + 1,
                        src.headers[*j]
                    ),
                )
                .at_line(src.header_line())
                .at_column(i, h),
            );
            continue;
        }
        if causes::lookup(&key).is_none() {
            problems.push(
                Problem::warning(
                    path,
                    Rule::UnknownCause,
                    format!(
                        "cause '{h}' is not in the default taxonomy; kept as '{key}' (programmes do not target it)"
                    ),
                )
                .at_line(src.header_line())
                .at_column(i, h),
            );
        }
        cause_cols.push((i, key));
    }
    if cause_cols.is_empty() {
        match all_causes.take() {
            // Only all-cause deaths: one cause, so life tables work but no cause breakdown.
            Some(i) => cause_cols.push((i, "all_causes".to_string())),
            None => problems.push(
                Problem::error(
                    path,
                    Rule::MissingColumn,
                    "no cause columns: add one column of deaths per cause (or all_causes)",
                )
                .at_line(src.header_line()),
            ),
        }
    }
    if problems.has_errors() {
        return None;
    }
    Some(Columns {
        area: area?,
        sex: sex?,
        age: age?,
        population: population?,
        all_causes,
        causes: cause_cols,
    })
}

/// Stream a wide file, handing each valid group to `sink` as soon as it is complete.
///
/// Returns the summary and every problem found (errors exclude the group they belong to).
/// `Err` only when nothing can be read at all (missing file, empty file, bad header).
pub fn stream_wide(
    path: &Path,
    mut sink: impl FnMut(BandSet, Group),
) -> Result<(WideSummary, Problems), Problems> {
    let mut src = CsvSource::open(path)?;
    let mut problems = Problems::default();
    let Some(cols) = columns(&src, &mut problems) else {
        return Err(problems);
    };
    let n_causes = cols.causes.len();
    let mut asm = Assembler {
        path,
        causes: n_causes,
        bands: None,
        file_has_90: false,
    };
    // Groups still being filled, in order of first appearance. Area names are matched
    // case-insensitively ("Barking" and "barking" are one area, named as first written).
    let mut open: Vec<PartialGroup> = Vec::new();
    let mut index: HashMap<(String, Sex), usize> = HashMap::new();
    // Finished groups: first line and the bands they had, to catch late duplicates.
    let mut done: HashMap<(String, Sex), (u64, u32)> = HashMap::new();
    // Finished groups that a later row showed to be broken: left out of collected data.
    let mut invalidated: Vec<(String, Sex)> = Vec::new();
    let mut last_key: Option<(String, Sex)> = None;
    let (mut valid, mut invalid) = (0u64, 0u64);
    let mut emit = |g: PartialGroup,
                    asm: &mut Assembler,
                    problems: &mut Problems,
                    done: &mut HashMap<(String, Sex), (u64, u32)>| {
        done.insert((g.area.to_lowercase(), g.sex), (g.first_line, g.seen));
        match asm.finish(g, problems) {
            Some(group) => {
                valid += 1;
                sink(asm.bands.as_ref().expect("set by finish").0, group);
            }
            None => invalid += 1,
        }
    };
    let headers = src.headers.clone();
    let rows = src.for_each_row(&mut problems, |row, problems| {
        let line = row.line;
        let cell = |i: usize| row.cells[i].as_str();
        let err = |rule, col: usize, msg: String| {
            Problem::error(path, rule, msg)
                .at_line(line)
                .at_column(col, &headers[col])
        };
        // Identify the group and band; without them the row cannot be placed.
        let area = cell(cols.area).to_string();
        let mut placed = true;
        if area.is_empty() {
            problems.push(err(Rule::EmptyValue, cols.area, "area is empty".into()));
            placed = false;
        }
        let sex = Sex::parse(cell(cols.sex));
        if sex.is_none() {
            problems.push(err(
                Rule::UnknownSex,
                cols.sex,
                format!(
                    "unknown sex '{}': use male or female (m/f, or ONS codes 1/2)",
                    cell(cols.sex)
                ),
            ));
            placed = false;
        }
        let slot = parse_age(cell(cols.age)).and_then(slot_of);
        if slot.is_none() {
            problems.push(err(
                Rule::UnknownAge,
                cols.age,
                format!(
                    "age '{}' is not the start of a band 0,1,5,10,…,85,90",
                    cell(cols.age)
                ),
            ));
            placed = false;
        }
        // Values are checked even for rows that cannot be placed, so every problem is listed.
        let mut bad_value = false;
        let pop = match parse_number(path, line, cols.population, &headers[cols.population], cell(cols.population)) {
            Ok(p) if p <= 0.0 => {
                problems.push(err(
                    Rule::PopulationNotPositive,
                    cols.population,
                    format!("population must be above 0, got {p}"),
                ));
                bad_value = true;
                p
            }
            Ok(p) => p,
            Err(p) => {
                problems.push(p);
                bad_value = true;
                0.0
            }
        };
        let mut deaths = Vec::with_capacity(n_causes);
        let mut sum = 0.0;
        for (col, _) in &cols.causes {
            match parse_number(path, line, *col, &headers[*col], cell(*col)) {
                Ok(d) if d < 0.0 => {
                    problems.push(err(
                        Rule::Negative,
                        *col,
                        format!("deaths cannot be negative, got {d}"),
                    ));
                    bad_value = true;
                    deaths.push(0.0);
                }
                Ok(d) => {
                    sum += d;
                    deaths.push(d);
                }
                Err(p) => {
                    problems.push(p);
                    bad_value = true;
                    deaths.push(0.0);
                }
            }
        }
        if let Some(col) = cols.all_causes {
            match parse_number(path, line, col, &headers[col], cell(col)) {
                Ok(total) if !bad_value && (total - sum).abs() > ALL_CAUSES_TOLERANCE => {
                    problems.push(err(
                        Rule::AllCausesMismatch,
                        col,
                        format!(
                            "all_causes is {total} but the cause columns add up to {sum} (allowed difference {ALL_CAUSES_TOLERANCE})"
                        ),
                    ));
                    bad_value = true;
                }
                Ok(_) => {}
                Err(p) => {
                    problems.push(p);
                    bad_value = true;
                }
            }
        }
        if !bad_value && sum > pop {
            problems.push(err(
                Rule::DeathsExceedPopulation,
                cols.population,
                format!("deaths ({sum}) exceed population ({pop})"),
            ));
            bad_value = true;
        }
        if !placed {
            return;
        }
        let (sex, slot) = (sex.expect("placed"), slot.expect("placed"));
        if slot == 19 {
            asm.file_has_90 = true;
        }
        let key = (area.to_lowercase(), sex);
        // Moving to another group: finish the previous one if it has every band up to 90+. A
        // group ending at 85 waits for the end of the file (its 90+ row may come later, as in
        // a file sorted by age).
        if last_key.as_ref() != Some(&key) {
            if let Some(prev) = last_key.take()
                && let Some(&i) = index.get(&prev)
                && open[i].complete_set() == Some(BandSet::To90)
            {
                index.remove(&prev);
                let g = open.remove(i);
                for v in index.values_mut() {
                    if *v > i {
                        *v -= 1;
                    }
                }
                emit(g, &mut asm, problems, &mut done);
            }
            last_key = Some(key.clone());
        }
        if let Some(&(first, seen)) = done.get(&key) {
            if !invalidated.contains(&key) {
                invalidated.push(key.clone());
            }
            let (rule, what) = if seen & (1 << slot) != 0 {
                (Rule::DuplicateRow, "a second row for a band already given")
            } else {
                (
                    Rule::SplitGroup,
                    "a row after the group's bands were complete: keep each area × sex together",
                )
            };
            problems.push(
                Problem::error(
                    path,
                    rule,
                    format!(
                        "area '{area}', {}: {what} (group starts at line {first}); the group is left out",
                        key.1
                    ),
                )
                .at_line(line)
                .at_column(cols.age, &headers[cols.age]),
            );
            return;
        }
        let i = match index.get(&key) {
            Some(&i) => i,
            None => {
                open.push(PartialGroup::new(area.clone(), sex, line, n_causes));
                index.insert(key.clone(), open.len() - 1);
                open.len() - 1
            }
        };
        let g = &mut open[i];
        if g.has(slot) {
            problems.push(
                Problem::error(
                    path,
                    Rule::DuplicateRow,
                    format!(
                        "{}: age {} already given at line {}",
                        g.describe(),
                        cell(cols.age),
                        g.lines[slot]
                    ),
                )
                .at_line(line)
                .at_column(cols.age, &headers[cols.age]),
            );
            g.has_error = true;
            return;
        }
        g.seen |= 1 << slot;
        g.lines[slot] = line;
        g.population[slot] = pop;
        g.deaths[slot * n_causes..(slot + 1) * n_causes].copy_from_slice(&deaths);
        g.has_error |= bad_value;
    });
    for g in open.drain(..) {
        emit(g, &mut asm, &mut problems, &mut done);
    }
    if rows == 0 {
        problems.push(Problem::error(
            path,
            Rule::NoRows,
            "the file has a header but no data rows",
        ));
    }
    let summary = WideSummary {
        bands: asm.bands.map(|(b, _)| b),
        causes: cols.causes.into_iter().map(|(_, k)| k).collect(),
        provenance: src.provenance,
        rows,
        groups_valid: valid,
        groups_invalid: invalid,
        invalidated,
    };
    Ok((summary, problems))
}
