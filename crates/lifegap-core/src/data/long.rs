//! The long area format of ONS and Fingertips extracts: a deaths file
//! `area,sex,age,cause,deaths` (one row per area × sex × band × cause) and a population file
//! `area,sex,age,population`. A cause absent for a band counts as no deaths there, as such
//! extracts usually omit zero rows. Held in memory by group (size of the data, not the file).

use super::assemble::{Assembler, PartialGroup, SLOTS, slot_of};
use super::problem::{Problem, Problems, Rule};
use super::source::{AgeForm, CsvSource, age_message, parse_age_label, parse_number};
use super::wide::{AGE_NAMES, AREA_NAMES, POPULATION_NAMES, SEX_NAMES};
use crate::model::area::{AreaData, Sex};
use crate::model::bands::BandSet;
use crate::model::causes;
use std::collections::HashMap;
use std::path::Path;

/// A group's identity: area lower-cased (names match whatever their case, as in the wide
/// format) and sex.
type Key = (String, Sex);

struct Placed {
    key: Key,
    /// The area as written in this row.
    area: String,
    slot: usize,
    form: AgeForm,
    line: u64,
}

/// Parse the area, sex and age of a row, reporting each problem.
fn place(
    path: &Path,
    headers: &[String],
    cells: &[&str],
    line: u64,
    (area_c, sex_c, age_c): (usize, usize, usize),
    problems: &mut Problems,
) -> Option<Placed> {
    let err = |rule, col: usize, msg: String| {
        Problem::error(path, rule, msg)
            .at_line(line)
            .at_column(col, &headers[col])
    };
    let area = cells[area_c].to_string();
    let sex = Sex::parse(cells[sex_c]);
    let label = parse_age_label(cells[age_c]);
    let slot = label.and_then(|l| slot_of(l.start));
    if area.is_empty() {
        problems.push(err(Rule::EmptyValue, area_c, "area is empty".into()));
    }
    if sex.is_none() {
        problems.push(err(
            Rule::UnknownSex,
            sex_c,
            format!(
                "unknown sex '{}': use male or female (m/f, 1/2)",
                cells[sex_c]
            ),
        ));
    }
    if slot.is_none() {
        problems.push(err(Rule::UnknownAge, age_c, age_message(cells[age_c])));
    }
    if area.is_empty() {
        return None;
    }
    Some(Placed {
        key: (area.to_lowercase(), sex?),
        area,
        slot: slot?,
        form: label?.form,
        line,
    })
}

fn require(
    src: &CsvSource,
    names: &[&[&str]],
    labels: &[&str],
    problems: &mut Problems,
) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for (n, l) in names.iter().zip(labels) {
        match src.column(n) {
            Some(c) => out.push(c),
            None => problems.push(
                Problem::error(&src.path, Rule::MissingColumn, format!("no '{l}' column"))
                    .at_line(src.header_line()),
            ),
        }
    }
    (out.len() == names.len()).then_some(out)
}

/// One area × sex of the population file.
struct PopGroup {
    area: String,
    population: [f64; SLOTS],
    lines: [u64; SLOTS],
    first_line: u64,
    bad: bool,
    open85_line: u64,
    closed85_line: u64,
}

/// One area × sex of the deaths file: its cells and where they were first seen, so errors
/// about them are located without searching all the cells.
struct DeathGroup {
    key: Key,
    area: String,
    first_line: u64,
    /// First line with deaths for each band (0: none).
    slot_lines: [u64; SLOTS],
    /// (band, cause, deaths)
    cells: Vec<(usize, usize, f64)>,
    bad: bool,
    open85_line: u64,
    closed85_line: u64,
}

/// Read a long deaths file and its population file into area data. Each file is opened
/// once, and every step is about linear in the files' size (cells, causes and groups are
/// found through hash maps).
pub fn read_long(
    deaths_path: &Path,
    population_path: &Path,
) -> Result<(AreaData, Problems), Problems> {
    let mut problems = Problems::default();
    // Population first: it defines the groups and their bands.
    let mut psrc = CsvSource::open(population_path)?;
    let Some(pc) = require(
        &psrc,
        &[AREA_NAMES, SEX_NAMES, AGE_NAMES, POPULATION_NAMES],
        &["area", "sex", "age", "population"],
        &mut problems,
    ) else {
        return Err(problems);
    };
    let mut dsrc = CsvSource::open(deaths_path)?;
    let Some(dc) = require(
        &dsrc,
        &[
            AREA_NAMES,
            SEX_NAMES,
            AGE_NAMES,
            &["cause"],
            &["deaths", "value", "count"],
        ],
        &["area", "sex", "age", "cause", "deaths"],
        &mut problems,
    ) else {
        return Err(problems);
    };
    let pheaders = psrc.headers.clone();
    let mut pops: HashMap<Key, PopGroup> = HashMap::new();
    let mut order: Vec<Key> = Vec::new();
    psrc.for_each_row(&mut problems, |row, problems| {
        let placed = place(
            population_path,
            &pheaders,
            row.cells,
            row.line,
            (pc[0], pc[1], pc[2]),
            problems,
        );
        let value = parse_number(
            population_path,
            row.line,
            pc[3],
            &pheaders[pc[3]],
            row.cells[pc[3]],
        );
        let (value, bad) = match value {
            Ok(v) if v <= 0.0 => {
                problems.push(
                    Problem::error(
                        population_path,
                        Rule::PopulationNotPositive,
                        format!("population must be above 0, got {v}"),
                    )
                    .at_line(row.line)
                    .at_column(pc[3], &pheaders[pc[3]]),
                );
                (v, true)
            }
            Ok(v) => (v, false),
            Err(p) => {
                problems.push(p);
                (0.0, true)
            }
        };
        let Some(p) = placed else { return };
        let entry = pops.entry(p.key.clone()).or_insert_with(|| {
            order.push(p.key.clone());
            PopGroup {
                area: p.area.clone(),
                population: [0.0; SLOTS],
                lines: [0; SLOTS],
                first_line: p.line,
                bad: false,
                open85_line: 0,
                closed85_line: 0,
            }
        });
        if entry.lines[p.slot] != 0 {
            problems.push(
                Problem::error(
                    population_path,
                    Rule::DuplicateRow,
                    format!(
                        "area '{}', {}: population for this band already given at line {}",
                        entry.area, p.key.1, entry.lines[p.slot]
                    ),
                )
                .at_line(p.line)
                .at_column(pc[2], &pheaders[pc[2]]),
            );
            entry.bad = true;
            return;
        }
        entry.population[p.slot] = value;
        entry.lines[p.slot] = p.line;
        entry.bad |= bad;
        if p.slot == 18 {
            match p.form {
                AgeForm::Open => entry.open85_line = p.line,
                AgeForm::Closed => entry.closed85_line = p.line,
                AgeForm::Start => {}
            }
        }
    });
    if psrc.stopped() {
        return Err(problems);
    }
    // Deaths: causes in order of first appearance, groups likewise.
    let dheaders = dsrc.headers.clone();
    let mut cause_keys: Vec<String> = Vec::new();
    let mut cause_index: HashMap<String, usize> = HashMap::new();
    let mut dgroups: Vec<DeathGroup> = Vec::new();
    let mut dindex: HashMap<Key, usize> = HashMap::new();
    // (group, band, cause) → line, to catch a cell given twice.
    let mut given: HashMap<(usize, usize, usize), u64> = HashMap::new();
    dsrc.for_each_row(&mut problems, |row, problems| {
        let placed = place(deaths_path, &dheaders, row.cells, row.line, (dc[0], dc[1], dc[2]), problems);
        let raw_cause = row.cells[dc[3]].trim();
        let value = parse_number(deaths_path, row.line, dc[4], &dheaders[dc[4]], row.cells[dc[4]]);
        let (value, mut bad) = match value {
            Ok(v) if v < 0.0 => {
                problems.push(
                    Problem::error(deaths_path, Rule::Negative, format!("deaths cannot be negative, got {v}"))
                        .at_line(row.line)
                        .at_column(dc[4], &dheaders[dc[4]]),
                );
                (0.0, true)
            }
            Ok(v) => (v, false),
            Err(p) => {
                problems.push(p);
                (0.0, true)
            }
        };
        if raw_cause.is_empty() {
            problems.push(
                Problem::error(deaths_path, Rule::EmptyValue, "cause is empty")
                    .at_line(row.line)
                    .at_column(dc[3], &dheaders[dc[3]]),
            );
            bad = true;
        }
        let Some(p) = placed else { return };
        let gi = *dindex.entry(p.key.clone()).or_insert_with(|| {
            dgroups.push(DeathGroup {
                key: p.key.clone(),
                area: p.area.clone(),
                first_line: p.line,
                slot_lines: [0; SLOTS],
                cells: Vec::new(),
                bad: false,
                open85_line: 0,
                closed85_line: 0,
            });
            dgroups.len() - 1
        });
        let group = &mut dgroups[gi];
        if bad {
            group.bad = true;
            return;
        }
        let key = causes::normalise(raw_cause);
        let c = match cause_index.get(&key) {
            Some(&c) => c,
            None => {
                if causes::lookup(&key).is_none() {
                    problems.push(
                        Problem::warning(deaths_path, Rule::UnknownCause, format!("cause '{raw_cause}' is not in the default taxonomy; kept as '{key}'"))
                            .at_line(row.line)
                            .at_column(dc[3], &dheaders[dc[3]]),
                    );
                }
                cause_keys.push(key.clone());
                cause_index.insert(key, cause_keys.len() - 1);
                cause_keys.len() - 1
            }
        };
        if let Some(first) = given.insert((gi, p.slot, c), row.line) {
            problems.push(
                Problem::error(
                    deaths_path,
                    Rule::DuplicateRow,
                    format!("area '{}', {}: deaths for this band and cause already given at line {first}", group.area, p.key.1),
                )
                .at_line(row.line)
                .at_column(dc[3], &dheaders[dc[3]]),
            );
            group.bad = true;
            return;
        }
        if group.slot_lines[p.slot] == 0 {
            group.slot_lines[p.slot] = p.line;
        }
        if p.slot == 18 {
            match p.form {
                AgeForm::Open if group.open85_line == 0 => group.open85_line = p.line,
                AgeForm::Closed if group.closed85_line == 0 => group.closed85_line = p.line,
                _ => {}
            }
        }
        group.cells.push((p.slot, c, value));
    });
    drop(given);
    if dsrc.stopped() {
        return Err(problems);
    }
    for g in &dgroups {
        if !pops.contains_key(&g.key) {
            problems.push(
                Problem::error(
                    deaths_path,
                    Rule::NoPopulation,
                    format!(
                        "area '{}', {} has deaths but no population in {}",
                        g.area,
                        g.key.1,
                        population_path.display()
                    ),
                )
                .at_line(g.first_line),
            );
        }
    }
    let n_causes = cause_keys.len().max(1);
    let file_has_90 = pops.values().any(|p| p.lines[19] != 0);
    let mut asm = Assembler {
        path: population_path,
        causes: n_causes,
        bands: None,
        file_has_90,
        age_column: Some((pc[2], pheaders[pc[2]].clone())),
    };
    let mut groups = Vec::new();
    for key in order {
        let pg = pops.remove(&key).expect("in order");
        let mut g = PartialGroup::new(pg.area, key.1, pg.first_line, n_causes);
        for s in 0..SLOTS {
            if pg.lines[s] != 0 {
                g.seen |= 1 << s;
                g.population[s] = pg.population[s];
                g.lines[s] = pg.lines[s];
            }
        }
        g.open85_line = pg.open85_line;
        g.closed85_line = pg.closed85_line;
        g.has_error = pg.bad;
        let dg = dindex.get(&key).map(|&i| &dgroups[i]);
        if let Some(dg) = dg {
            g.has_error |= dg.bad;
            for &(slot, c, v) in &dg.cells {
                g.deaths[slot * n_causes + c] += v;
            }
            // The deaths file's 85 label must agree with the band set too.
            let mismatch = if file_has_90 && dg.open85_line != 0 {
                Some((
                    dg.open85_line,
                    "age '85+' is an open band, but the files have a 90+ band too: label the row 85-89 (or 85)",
                ))
            } else if !file_has_90 && dg.closed85_line != 0 {
                Some((
                    dg.closed85_line,
                    "age '85-89' is a closed band, but it is the last band of the population file: add the 90+ rows, or label it 85+",
                ))
            } else {
                None
            };
            if let Some((line, what)) = mismatch {
                problems.push(
                    Problem::error(
                        deaths_path,
                        Rule::AgeBandMismatch,
                        format!("{}: {what}", g.describe()),
                    )
                    .at_line(line)
                    .at_column(dc[2], &dheaders[dc[2]]),
                );
                g.has_error = true;
            }
        }
        for s in 0..SLOTS {
            let total: f64 = g.deaths[s * n_causes..(s + 1) * n_causes].iter().sum();
            let age = BandSet::To90.starts()[s];
            if g.has(s) && total > g.population[s] {
                // Located at the population row the deaths are compared with.
                problems.push(
                    Problem::error(
                        population_path,
                        Rule::DeathsExceedPopulation,
                        format!(
                            "{}: deaths at age {age} in {} ({total}) exceed this population ({})",
                            g.describe(),
                            deaths_path.display(),
                            g.population[s]
                        ),
                    )
                    .at_line(g.lines[s])
                    .at_column(pc[3], &pheaders[pc[3]]),
                );
                g.has_error = true;
            } else if !g.has(s) && total > 0.0 {
                let first = dg.map(|d| d.slot_lines[s]).unwrap_or(0);
                problems.push(
                    Problem::error(
                        deaths_path,
                        Rule::NoPopulation,
                        format!(
                            "{}: deaths at age {age} but no population for that band in {}",
                            g.describe(),
                            population_path.display()
                        ),
                    )
                    .at_line(first)
                    .at_column(dc[2], &dheaders[dc[2]]),
                );
                g.has_error = true;
            }
        }
        if let Some(group) = asm.finish(g, &mut problems) {
            groups.push(group);
        }
    }
    let Some((bands, _)) = asm.bands else {
        problems.push(Problem::error(
            population_path,
            Rule::NoRows,
            "no complete area × sex group in the files",
        ));
        return Err(problems);
    };
    if cause_keys.is_empty() {
        cause_keys.push("all_causes".into());
    }
    let mut provenance = dsrc.provenance;
    provenance.source = format!("{} + {}", deaths_path.display(), population_path.display());
    Ok((
        AreaData {
            bands,
            causes: cause_keys,
            groups,
            provenance,
        },
        problems,
    ))
}
