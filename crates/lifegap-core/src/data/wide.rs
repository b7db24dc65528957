//! The wide area file: one row per area × sex × age band,
//! `area,sex,age,population,<cause columns…>[,all_causes]`, deaths in the cause columns.
//!
//! Rows are streamed. A group (area × sex) is finished as soon as the rows move on to another
//! group and it has a complete band set, then handed to the caller and dropped, so a sorted
//! 200 MB file is read in bounded memory. Unsorted files still work: incomplete groups wait
//! until their rows are all in (memory then grows with the number of waiting groups).
//!
//! Every step is about linear in the file: columns, open groups and finished groups are
//! found through hash maps, never by scanning a list, so 100,000 columns, 40,000 groups
//! sorted by age or a file repeated twice read in about the time of a sorted file of the
//! same size (see the `engine` benchmark).

use super::assemble::{Assembler, PartialGroup, slot_of};
use super::problem::{Problem, Problems, Rule};
use super::source::{
    AgeForm, CsvSource, age_message, normalise_header, parse_age_label, parse_number,
};
use crate::model::area::{Group, Provenance, Sex};
use crate::model::bands::BandSet;
use crate::model::causes;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// A group's identity: area (lower-cased: names are matched whatever their case) and sex.
type Key = (String, Sex);

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
    /// Groups finished whose later rows were duplicates or split off: callers that collect
    /// groups drop these (area lower-cased).
    pub invalidated: HashSet<(String, Sex)>,
    /// The groups handed out as valid that were invalidated later, in the order found.
    pub withdrawn: Vec<(String, Sex)>,
    /// Reading stopped before the end of the file (a limit was passed or the file could not
    /// be read; the problems say where). Groups still waiting for rows were not handed out.
    pub stopped: bool,
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
    // Cause key → column, so a duplicate is found without scanning the columns before it.
    let mut seen_keys: HashMap<String, usize> = HashMap::new();
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
        if let Some(&j) = seen_keys.get(&key) {
            problems.push(
                Problem::error(
                    path,
                    Rule::DuplicateColumn,
                    format!(
                        "cause '{h}' is the same cause as column {} ('{}')",
                        j + 1,
                        src.headers[j]
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
        seen_keys.insert(key.clone(), i);
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

/// Open a wide area file, refusing a long-format deaths file (which needs its population
/// file). The file is opened once: the format is judged from the header already read.
pub fn open(path: &Path) -> Result<CsvSource, Problems> {
    let src = CsvSource::open(path)?;
    if src.is_long_format() {
        let mut p = Problems::default();
        p.push(
            Problem::error(
                path,
                Rule::MissingColumn,
                "this is a long-format deaths file (area,sex,age,cause,deaths): give its population file too (--population)",
            )
            .at_line(src.header_line()),
        );
        return Err(p);
    }
    Ok(src)
}

/// Stream a wide file, handing each valid group to `sink` as soon as it is complete.
///
/// Returns the summary and every problem found (errors exclude the group they belong to).
/// `Err` only when nothing can be read at all (missing file, empty file, bad header, a
/// long-format file).
pub fn stream_wide(
    path: &Path,
    mut sink: impl FnMut(BandSet, Group),
) -> Result<(WideSummary, Problems), Problems> {
    stream_source(open(path)?, |bands, g, _| sink(bands, g))
}

/// Facts about a finished group, kept to catch its rows turning up again later.
struct Done {
    first_line: u64,
    seen: u32,
    valid: bool,
}

/// [`stream_wide`] from an open source; `sink` also receives the line the group starts at.
pub fn stream_source(
    mut src: CsvSource,
    mut sink: impl FnMut(BandSet, Group, u64),
) -> Result<(WideSummary, Problems), Problems> {
    let path = src.path.clone();
    let path = path.as_path();
    let mut problems = Problems::default();
    let Some(cols) = columns(&src, &mut problems) else {
        return Err(problems);
    };
    let n_causes = cols.causes.len();
    let headers = src.headers.clone();
    let mut asm = Assembler {
        path,
        causes: n_causes,
        bands: None,
        file_has_90: false,
        age_column: Some((cols.age, headers[cols.age].clone())),
    };
    // Groups still being filled, by order of first appearance (a sequence number), and the
    // sequence number of each. Area names are matched case-insensitively ("Barking" and
    // "barking" are one area, named as first written). A map, not a list: finishing one of
    // many waiting groups (a file sorted by age) must not shift all the others.
    let mut open: BTreeMap<u64, PartialGroup> = BTreeMap::new();
    let mut index: HashMap<Key, u64> = HashMap::new();
    let mut next_seq = 0u64;
    // Finished groups, to catch late duplicates.
    let mut done: HashMap<Key, Done> = HashMap::new();
    // Finished groups that a later row showed to be broken: left out of collected data.
    let mut invalidated: HashSet<Key> = HashSet::new();
    let mut withdrawn: Vec<Key> = Vec::new();
    let mut last_key: Option<Key> = None;
    // The group of the last placed row as written (area, sex) and its sequence number.
    let mut last_open: Option<(String, Sex, u64)> = None;
    // The group whose repeated rows are being reported: one error per run of repeats (a
    // group given twice is one mistake, not twenty).
    let mut repeat_run: Option<Key> = None;
    let (mut valid, mut invalid) = (0u64, 0u64);
    let mut emit = |g: PartialGroup,
                    asm: &mut Assembler,
                    problems: &mut Problems,
                    done: &mut HashMap<Key, Done>| {
        let key = (g.area.to_lowercase(), g.sex);
        let (first_line, seen) = (g.first_line, g.seen);
        let ok = match asm.finish(g, problems) {
            Some(group) => {
                valid += 1;
                sink(
                    asm.bands.as_ref().expect("set by finish").0,
                    group,
                    first_line,
                );
                true
            }
            None => {
                invalid += 1;
                false
            }
        };
        done.insert(
            key,
            Done {
                first_line,
                seen,
                valid: ok,
            },
        );
    };
    let mut deaths_buf: Vec<f64> = Vec::with_capacity(n_causes);
    let rows = src.for_each_row(&mut problems, |row, problems| {
        let line = row.line;
        let cell = |i: usize| row.cells[i];
        let err = |rule, col: usize, msg: String| {
            Problem::error(path, rule, msg)
                .at_line(line)
                .at_column(col, &headers[col])
        };
        // Identify the group and band; without them the row cannot be placed.
        let area = cell(cols.area);
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
        let label = parse_age_label(cell(cols.age));
        let slot = label.and_then(|l| slot_of(l.start));
        if slot.is_none() {
            problems.push(err(Rule::UnknownAge, cols.age, age_message(cell(cols.age))));
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
        let deaths = &mut deaths_buf;
        deaths.clear();
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
        let form = label.expect("placed").form;
        if slot == 19 {
            asm.file_has_90 = true;
        }
        // A row of the same group as the row before, written the same way (the usual case):
        // no key to build or look up.
        let same_group = matches!(&last_open, Some((raw, s, _)) if raw == area && *s == sex);
        let (seq, key, first_of_run) = if let (true, Some((_, _, seq))) = (same_group, &last_open)
        {
            (*seq, None, repeat_run.as_ref() != last_key.as_ref())
        } else {
            last_open = None;
            let key = (area.to_lowercase(), sex);
            // Moving to another group: finish the previous one if it has every band up to 90+. A
            // group ending at 85 waits for the end of the file (its 90+ row may come later, as in
            // a file sorted by age).
            if last_key.as_ref() != Some(&key) {
                if let Some(prev) = last_key.take()
                    && let Some(&seq) = index.get(&prev)
                    && open[&seq].complete_set() == Some(BandSet::To90)
                {
                    index.remove(&prev);
                    let g = open.remove(&seq).expect("indexed");
                    emit(g, &mut asm, problems, &mut done);
                }
                last_key = Some(key.clone());
            }
            let first_of_run = repeat_run.as_ref() != Some(&key);
            if let Some(d) = done.get(&key) {
                if !invalidated.contains(&key) {
                    if d.valid {
                        withdrawn.push(key.clone());
                    }
                    invalidated.insert(key.clone());
                }
                if first_of_run {
                    let (rule, what) = if d.seen & (1 << slot) != 0 {
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
                                "area '{area}', {}: {what} (group starts at line {}); the group is left out, and the rows of this group straight after this one are not listed",
                                key.1, d.first_line
                            ),
                        )
                        .at_line(line)
                        .at_column(cols.age, &headers[cols.age]),
                    );
                    repeat_run = Some(key);
                }
                return;
            }
            let seq = match index.get(&key) {
                Some(&seq) => seq,
                None => {
                    let seq = next_seq;
                    next_seq += 1;
                    open.insert(seq, PartialGroup::new(area.to_string(), sex, line, n_causes));
                    index.insert(key.clone(), seq);
                    seq
                }
            };
            last_open = Some((area.to_string(), sex, seq));
            (seq, Some(key), first_of_run)
        };
        let g = open.get_mut(&seq).expect("indexed");
        if g.has(slot) {
            if first_of_run {
                problems.push(
                    Problem::error(
                        path,
                        Rule::DuplicateRow,
                        format!(
                            "{}: age {} already given at line {}; the rows repeating this group's bands straight after this one are not listed",
                            g.describe(),
                            cell(cols.age),
                            g.lines[slot]
                        ),
                    )
                    .at_line(line)
                    .at_column(cols.age, &headers[cols.age]),
                );
                repeat_run = key.or_else(|| last_key.clone());
            }
            g.has_error = true;
            return;
        }
        repeat_run = None;
        g.seen |= 1 << slot;
        g.lines[slot] = line;
        g.population[slot] = pop;
        g.deaths[slot * n_causes..(slot + 1) * n_causes].copy_from_slice(deaths);
        g.has_error |= bad_value;
        if slot == 18 {
            match form {
                AgeForm::Open => g.open85_line = line,
                AgeForm::Closed => g.closed85_line = line,
                AgeForm::Start => {}
            }
        }
    });
    let stopped = src.stopped();
    if !stopped {
        // Groups still waiting are finished (or reported incomplete) at the end of the file;
        // when reading stopped early they are simply unread, as the stop is reported.
        for (_, g) in std::mem::take(&mut open) {
            emit(g, &mut asm, &mut problems, &mut done);
        }
    }
    if rows == 0 && !stopped {
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
        withdrawn,
        stopped,
    };
    Ok((summary, problems))
}
