//! `build-data`: the area file from what analysts hold — death records (one row per death),
//! ONS mid-year population estimates and the LSOA lookup — by local authority, ward or
//! deprivation fifth/tenth, for the years chosen.
//!
//! Every input is streamed once through the same bounded readers as area files
//! ([`crate::data::source`]); problems are located (file, line, column, rule) and the row
//! left out. The result is [`AreaData`] with a provenance that says which files, years and
//! rows went in and how many were refused, for the CLI to write as the wide CSV the tool reads.

pub mod columns;
pub mod deaths;
pub mod demo_inputs;
pub mod fields;
pub mod icd10;
pub mod lookup;
pub mod population;

use crate::data::problem::{Problem, Problems, Rule};
use crate::data::source::CsvSource;
use crate::model::area::{AreaData, Group, Provenance, Sex};
use crate::model::bands::BandSet;
pub use fields::Years;
pub use icd10::Mapping;
pub use lookup::{Lookup, Unit};
use std::collections::HashSet;
use std::path::Path;

/// The groups of the output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// Local authority (the lookup's `la_code`/`la_name`).
    Area,
    Ward,
    /// IMD quintile of the LSOA, `Q1` (most deprived) to `Q5`.
    Quintile,
    /// IMD decile of the LSOA, `D1` (most deprived) to `D10` (for the slope index).
    Decile,
}

impl By {
    pub fn name(self) -> &'static str {
        match self {
            By::Area => "area",
            By::Ward => "ward",
            By::Quintile => "deprivation-quintile",
            By::Decile => "deprivation-decile",
        }
    }
}

/// Deaths and person-years by group × sex × band (× cause), the only state that grows with
/// the inputs — and only with the number of groups, never with the number of rows.
pub struct Counts {
    groups: usize,
    causes: usize,
    deaths: Vec<f64>,
    population: Vec<f64>,
}

const BANDS: BandSet = BandSet::To90;

impl Counts {
    fn new(groups: usize, causes: usize) -> Counts {
        let k = BANDS.len();
        Counts {
            groups,
            causes,
            deaths: vec![0.0; groups * 2 * k * causes],
            population: vec![0.0; groups * 2 * k],
        }
    }

    fn cell(&self, g: u32, s: Sex) -> usize {
        (g as usize * 2 + s.index()) * BANDS.len()
    }

    pub(crate) fn add_death(&mut self, g: u32, s: Sex, age: u32, cause: usize) {
        let band = BANDS
            .starts()
            .iter()
            .rposition(|&b| b <= age)
            .expect("0 is a start");
        let i = (self.cell(g, s) + band) * self.causes + cause;
        self.deaths[i] += 1.0;
    }

    pub(crate) fn add_population(&mut self, g: u32, s: Sex, by_band: &[f64]) {
        let at = self.cell(g, s);
        for (p, v) in self.population[at..at + BANDS.len()]
            .iter_mut()
            .zip(by_band)
        {
            *p += v;
        }
    }
}

/// Rows of one input file: read, used, refused, outside the years.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub file: String,
    pub rows: u64,
    pub used: u64,
    pub rejected: u64,
    pub outside_years: u64,
    /// Reading stopped early (a limit was passed): the counts are not the whole file.
    pub stopped: bool,
    pub synthetic: bool,
    /// The LSOAs, wards or local authorities whose rows were used.
    pub units: HashSet<Unit>,
}

impl Tally {
    fn new(src: &CsvSource) -> Tally {
        Tally {
            file: src.path.display().to_string(),
            synthetic: src.provenance.synthetic,
            ..Default::default()
        }
    }

    fn line(&self, what: &str) -> String {
        format!(
            "{what} {}: {} rows, {} used, {} refused, {} outside the years",
            self.file, self.rows, self.used, self.rejected, self.outside_years
        )
    }
}

/// What to build.
pub struct Request<'a> {
    pub deaths: &'a Path,
    pub population: &'a Path,
    pub lookup: &'a Path,
    /// `None`: the shipped mapping ([`icd10::DEFAULT_MAPPING`]).
    pub mapping: Option<&'a Path>,
    pub years: Years,
    pub by: By,
}

/// The built data, every problem, and the tallies of the files read.
#[derive(Debug)]
pub struct Built {
    pub data: AreaData,
    pub problems: Problems,
    pub deaths: Tally,
    pub population: Tally,
    /// Groups with deaths or people that are not in `data`, with the reason.
    pub left_out: Vec<String>,
}

/// Build the area data. `Err` when an input cannot be used at all (unreadable, a required
/// column missing, a limit passed, nothing left); otherwise the data with every problem found
/// — the caller decides whether refused rows stop it (the CLI does, unless told otherwise).
pub fn build(req: &Request) -> Result<Built, Problems> {
    let mapping = match req.mapping {
        Some(p) => Mapping::load(p)?,
        None => Mapping::default_mapping(),
    };
    let lookup = Lookup::load(req.lookup, req.by)?;
    let names = lookup.group_names(req.by);
    let mut counts = Counts::new(lookup.group_count(req.by), mapping.causes.len());
    let mut problems = Problems::default();
    let d = deaths::read(
        req.deaths,
        &lookup,
        req.by,
        req.years,
        &mapping,
        &mut counts,
        &mut problems,
    );
    let p = population::read(
        req.population,
        &lookup,
        req.by,
        req.years,
        &mut counts,
        &mut problems,
    );
    let (Some(d), Some(p)) = (d, p) else {
        return Err(problems);
    };
    if d.stopped || p.stopped {
        return Err(problems);
    }
    if !covered(req, &lookup, &d, &p, &mut problems) {
        return Err(problems);
    }
    let (groups, left_out) = assemble(&counts, &names, req, &mut problems);
    if groups.is_empty() {
        problems.push(Problem::error(
            req.deaths,
            Rule::NoRows,
            format!(
                "no group has both deaths and population in {}",
                req.years.label()
            ),
        ));
        return Err(problems);
    }
    let data = AreaData {
        bands: BANDS,
        causes: mapping.causes.clone(),
        groups,
        provenance: provenance(req, &mapping, &d, &p, &left_out),
    };
    Ok(Built {
        data,
        problems,
        deaths: d,
        population: p,
        left_out,
    })
}

/// Deaths at a place with no estimates would count with no people behind them (life
/// expectancy too low, silently). When both files give the same level of place, every place
/// with deaths must have estimates; an error lists the first few.
fn covered(req: &Request, lookup: &Lookup, d: &Tally, p: &Tally, problems: &mut Problems) -> bool {
    let level = |t: &Tally| t.units.iter().next().map(|u| u.level());
    if level(d).is_none() || level(d) != level(p) {
        return true;
    }
    let mut missing: Vec<Unit> = d.units.difference(&p.units).copied().collect();
    if missing.is_empty() {
        return true;
    }
    missing.sort_unstable();
    // Codes for the first few only: finding an LSOA's code scans the lookup.
    let examples: Vec<String> = missing.iter().take(5).map(|u| lookup.code(*u)).collect();
    problems.push(Problem::error(
        req.population,
        Rule::NoPopulation,
        format!(
            "{} place(s) with deaths have no estimates for {}, e.g. {}: their deaths would count with no people",
            missing.len(),
            req.years.label(),
            examples.join(", ")
        ),
    ));
    false
}

/// Groups with people, in lookup order (men then women). A group whose table the tool could
/// not compute (a band with no people, more deaths than people) is left out with a warning:
/// small wards often have no one aged 90+, which is the area's nature, not a fault in a file.
fn assemble(
    counts: &Counts,
    names: &[String],
    req: &Request,
    problems: &mut Problems,
) -> (Vec<Group>, Vec<String>) {
    let k = BANDS.len();
    let mut groups = Vec::new();
    let mut left_out = Vec::new();
    for (g, name) in names.iter().enumerate().take(counts.groups) {
        for sex in Sex::BOTH {
            let at = counts.cell(g as u32, sex);
            let population = counts.population[at..at + k].to_vec();
            let deaths: Vec<Vec<f64>> = (0..counts.causes)
                .map(|c| {
                    (0..k)
                        .map(|b| counts.deaths[(at + b) * counts.causes + c])
                        .collect()
                })
                .collect();
            let any_deaths = deaths.iter().flatten().any(|&d| d > 0.0);
            if population.iter().all(|&p| p == 0.0) && !any_deaths {
                continue;
            }
            let all: Vec<f64> = (0..k).map(|b| deaths.iter().map(|c| c[b]).sum()).collect();
            let why = if let Some(b) = population.iter().position(|&p| p <= 0.0) {
                Some(format!(
                    "no population aged {} in {}",
                    BANDS.label(b),
                    req.years.label()
                ))
            } else {
                (0..k).find(|&b| all[b] > population[b]).map(|b| {
                    format!(
                        "{} deaths but {} person-years aged {}",
                        all[b],
                        population[b],
                        BANDS.label(b)
                    )
                })
            };
            if let Some(why) = why {
                let line = format!(
                    "{} {sex}: {why}; left out (the life table needs people in every band)",
                    name
                );
                problems.push(Problem::warning(
                    req.population,
                    Rule::PopulationNotPositive,
                    line.clone(),
                ));
                left_out.push(line);
                continue;
            }
            groups.push(Group {
                area: name.clone(),
                sex,
                population,
                deaths,
            });
        }
    }
    (groups, left_out)
}

/// The provenance note written at the top of the built file: inputs, years, rows used and
/// refused, the cause mapping and its source.
fn provenance(
    req: &Request,
    mapping: &Mapping,
    d: &Tally,
    p: &Tally,
    left_out: &[String],
) -> Provenance {
    let file = |p: &Path| p.display().to_string();
    let mut notes = vec![
        format!(
            "built by lifegap build-data, --by {}, years {}–{} ({} pooled)",
            req.by.name(),
            req.years.first,
            req.years.last,
            req.years.count()
        ),
        d.line("deaths"),
        p.line("population"),
        format!("lookup {}", file(req.lookup)),
        format!(
            "cause mapping {} (its source and rules are in its header)",
            mapping.source
        ),
    ];
    if !left_out.is_empty() {
        notes.push(format!(
            "{} group(s) left out: see the warnings",
            left_out.len()
        ));
    }
    Provenance {
        source: file(req.deaths),
        period: Some(req.years.label()),
        synthetic: d.synthetic || p.synthetic,
        notes,
    }
}

/// The most and least deprived groups of a file built `--by deprivation-quintile` (`Q1`, `Q5`)
/// or `-decile` (`D1`, `D10`), when every fifth (tenth) is there: the pair a within-area gap
/// is measured between. `None` for any other file.
pub fn deprivation_extremes(areas: &[String]) -> Option<(String, String)> {
    for (prefix, n) in [("Q", 5), ("D", 10)] {
        let all = (1..=n).all(|i| {
            areas
                .iter()
                .any(|a| a.eq_ignore_ascii_case(&format!("{prefix}{i}")))
        });
        if all {
            let find = |i: u32| {
                areas
                    .iter()
                    .find(|a| a.eq_ignore_ascii_case(&format!("{prefix}{i}")))
                    .cloned()
            };
            return Some((find(1)?, find(n)?));
        }
    }
    None
}

#[cfg(test)]
mod extremes_tests {
    use super::deprivation_extremes;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn quintiles_and_deciles_give_the_most_and_least_deprived() {
        let q = names(&["Q1", "Q2", "Q3", "Q4", "Q5", "England"]);
        assert_eq!(deprivation_extremes(&q), Some(("Q1".into(), "Q5".into())));
        let d: Vec<String> = (1..=10).map(|i| format!("D{i}")).collect();
        assert_eq!(deprivation_extremes(&d), Some(("D1".into(), "D10".into())));
        assert_eq!(deprivation_extremes(&names(&["Q1", "Q5"])), None);
        assert_eq!(
            deprivation_extremes(&names(&["England", "Demoborough"])),
            None
        );
    }
}
