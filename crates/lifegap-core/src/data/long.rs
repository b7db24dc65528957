//! The long area format of ONS and Fingertips extracts: a deaths file
//! `area,sex,age,cause,deaths` (one row per area × sex × band × cause) and a population file
//! `area,sex,age,population`. A cause absent for a band counts as no deaths there, as such
//! extracts usually omit zero rows. Held in memory by group (size of the data, not the file).

use super::assemble::{Assembler, PartialGroup, SLOTS, slot_of};
use super::problem::{Problem, Problems, Rule};
use super::source::{CsvSource, parse_age, parse_number};
use super::wide::{AGE_NAMES, AREA_NAMES, POPULATION_NAMES, SEX_NAMES};
use crate::model::area::{AreaData, Sex};
use crate::model::causes;
use std::collections::HashMap;
use std::path::Path;

type Key = (String, Sex);

struct Placed {
    key: Key,
    slot: usize,
    line: u64,
}

/// Parse the area, sex and age of a row, reporting each problem.
fn place(
    path: &Path,
    headers: &[String],
    cells: &[String],
    line: u64,
    (area_c, sex_c, age_c): (usize, usize, usize),
    problems: &mut Problems,
) -> Option<Placed> {
    let err = |rule, col: usize, msg: String| {
        Problem::error(path, rule, msg)
            .at_line(line)
            .at_column(col, &headers[col])
    };
    let area = cells[area_c].clone();
    let sex = Sex::parse(&cells[sex_c]);
    let slot = parse_age(&cells[age_c]).and_then(slot_of);
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
        problems.push(err(
            Rule::UnknownAge,
            age_c,
            format!(
                "age '{}' is not the start of a band 0,1,5,…,85,90",
                cells[age_c]
            ),
        ));
    }
    if area.is_empty() {
        return None;
    }
    Some(Placed {
        key: (area, sex?),
        slot: slot?,
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

/// Read a long deaths file and its population file into area data.
/// The first line holding a deaths cell of the group (in one age band, if given): where an
/// error about deaths with no population is located.
fn first_deaths_line(
    cells: &HashMap<(Key, usize, usize), u64>,
    key: &Key,
    slot: Option<usize>,
) -> u64 {
    cells
        .iter()
        .filter(|((k, s, _), _)| k == key && slot.is_none_or(|slot| slot == *s))
        .map(|(_, l)| *l)
        .min()
        .unwrap_or(0)
}

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
    let mut pops: HashMap<Key, ([f64; SLOTS], [u64; SLOTS], u64, bool)> = HashMap::new();
    let mut order: Vec<Key> = Vec::new();
    psrc.for_each_row(&mut problems, |row, problems| {
        let placed = place(
            population_path,
            &pheaders,
            &row.cells,
            row.line,
            (pc[0], pc[1], pc[2]),
            problems,
        );
        let value = parse_number(
            population_path,
            row.line,
            pc[3],
            &pheaders[pc[3]],
            &row.cells[pc[3]],
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
            ([0.0; SLOTS], [0; SLOTS], p.line, false)
        });
        if entry.1[p.slot] != 0 {
            problems.push(
                Problem::error(
                    population_path,
                    Rule::DuplicateRow,
                    format!(
                        "area '{}', {}: population for this band already given at line {}",
                        p.key.0, p.key.1, entry.1[p.slot]
                    ),
                )
                .at_line(p.line),
            );
            entry.3 = true;
            return;
        }
        entry.0[p.slot] = value;
        entry.1[p.slot] = p.line;
        entry.3 |= bad;
    });
    // Deaths: causes in order of first appearance.
    let dheaders = dsrc.headers.clone();
    let mut cause_keys: Vec<String> = Vec::new();
    let mut cells: HashMap<(Key, usize, usize), u64> = HashMap::new();
    let mut deaths: HashMap<Key, Vec<(usize, usize, f64)>> = HashMap::new();
    let mut bad_groups: HashMap<Key, bool> = HashMap::new();
    dsrc.for_each_row(&mut problems, |row, problems| {
        let placed = place(deaths_path, &dheaders, &row.cells, row.line, (dc[0], dc[1], dc[2]), problems);
        let raw_cause = row.cells[dc[3]].trim();
        let value = parse_number(deaths_path, row.line, dc[4], &dheaders[dc[4]], &row.cells[dc[4]]);
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
        if bad {
            bad_groups.insert(p.key.clone(), true);
            return;
        }
        let key = causes::normalise(raw_cause);
        let c = match cause_keys.iter().position(|k| *k == key) {
            Some(c) => c,
            None => {
                if causes::lookup(&key).is_none() {
                    problems.push(
                        Problem::warning(deaths_path, Rule::UnknownCause, format!("cause '{raw_cause}' is not in the default taxonomy; kept as '{key}'"))
                            .at_line(row.line)
                            .at_column(dc[3], &dheaders[dc[3]]),
                    );
                }
                cause_keys.push(key);
                cause_keys.len() - 1
            }
        };
        if let Some(first) = cells.insert((p.key.clone(), p.slot, c), row.line) {
            problems.push(
                Problem::error(
                    deaths_path,
                    Rule::DuplicateRow,
                    format!("area '{}', {}: deaths for this band and cause already given at line {first}", p.key.0, p.key.1),
                )
                .at_line(row.line),
            );
            bad_groups.insert(p.key.clone(), true);
            return;
        }
        deaths.entry(p.key).or_default().push((p.slot, c, value));
    });
    for key in deaths.keys() {
        if !pops.contains_key(key) {
            let first = first_deaths_line(&cells, key, None);
            problems.push(
                Problem::error(
                    deaths_path,
                    Rule::NoPopulation,
                    format!(
                        "area '{}', {} has deaths but no population in {}",
                        key.0,
                        key.1,
                        population_path.display()
                    ),
                )
                .at_line(first),
            );
        }
    }
    let n_causes = cause_keys.len().max(1);
    let file_has_90 = pops.values().any(|p| p.1[19] != 0);
    let mut asm = Assembler {
        path: population_path,
        causes: n_causes,
        bands: None,
        file_has_90,
    };
    let mut groups = Vec::new();
    for key in order {
        let (pop, lines, first_line, bad) = pops.remove(&key).expect("in order");
        let mut g = PartialGroup::new(key.0.clone(), key.1, first_line, n_causes);
        for s in 0..SLOTS {
            if lines[s] != 0 {
                g.seen |= 1 << s;
                g.population[s] = pop[s];
                g.lines[s] = lines[s];
            }
        }
        g.has_error = bad || bad_groups.contains_key(&key);
        for (slot, c, v) in deaths.remove(&key).unwrap_or_default() {
            g.deaths[slot * n_causes + c] += v;
        }
        for s in 0..SLOTS {
            let total: f64 = g.deaths[s * n_causes..(s + 1) * n_causes].iter().sum();
            let age = crate::model::bands::BandSet::To90.starts()[s];
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
                    .at_line(g.lines[s]),
                );
                g.has_error = true;
            } else if !g.has(s) && total > 0.0 {
                let first = first_deaths_line(&cells, &key, Some(s));
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
                    .at_line(first),
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
