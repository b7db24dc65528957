//! `lifegap validate FILE`: every problem found, or a one-line summary of what is in the file.

use super::report;
use crate::cli::exit;
use crate::cli::output::json;
use crate::data::{self, Problem, Problems, Rule};
use crate::model::life_table::{LifeTableOptions, life_table};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct Summary {
    ok: bool,
    file: String,
    areas: Vec<String>,
    groups: usize,
    bands: Option<String>,
    causes: Vec<String>,
    period: Option<String>,
    synthetic: bool,
    errors: u64,
    warnings: u64,
    problems: Vec<Problem>,
}

/// Check `file` and return the problems plus a summary line (shared with `lifegap check`).
pub fn check_file(
    file: &Path,
    population: Option<&Path>,
) -> (
    Problems,
    Option<String>,
    Vec<String>,
    Option<crate::model::area::AreaData>,
) {
    match data::load(file, population) {
        Err(p) => (p, None, Vec::new(), None),
        Ok(loaded) => {
            let mut problems = loaded.problems;
            let d = &loaded.data;
            // Groups that read cleanly can still fail PHE's life-table rules.
            let opts = LifeTableOptions::point_only();
            for g in &d.groups {
                if let Err(errs) = life_table(d.bands, &g.all_deaths(), &g.population, &opts) {
                    for e in errs.0 {
                        problems.push(Problem::error(
                            file,
                            Rule::NoLifeTable,
                            format!("area '{}', {}: no life table: {e}", g.area, g.sex),
                        ));
                    }
                }
            }
            let areas = d.areas();
            let summary = format!(
                "{}: {} area(s) ({}), {} group(s), bands {}, {} cause(s) ({}){}{}",
                file.display(),
                areas.len(),
                areas.join(", "),
                d.groups.len(),
                d.bands.describe(),
                d.causes.len(),
                d.causes.join(", "),
                d.provenance
                    .period
                    .as_ref()
                    .map(|p| format!(", period {p}"))
                    .unwrap_or_default(),
                if d.provenance.synthetic {
                    ", SYNTHETIC data"
                } else {
                    ""
                }
            );
            (problems, Some(summary), areas, Some(loaded.data))
        }
    }
}

pub fn run(file: &Path, population: Option<&Path>, as_json: bool) -> u8 {
    let (problems, summary, areas, data) = check_file(file, population);
    let ok = !problems.has_errors();
    if as_json {
        let s = Summary {
            ok,
            file: file.display().to_string(),
            areas,
            groups: data.as_ref().map_or(0, |d| d.groups.len()),
            bands: data.as_ref().map(|d| d.bands.describe().to_string()),
            causes: data.as_ref().map(|d| d.causes.clone()).unwrap_or_default(),
            period: data.as_ref().and_then(|d| d.provenance.period.clone()),
            synthetic: data.as_ref().is_some_and(|d| d.provenance.synthetic),
            errors: problems.error_count(),
            warnings: problems.warning_count(),
            problems: problems.list.clone(),
        };
        if json(&s).is_err() {
            return exit::BAD_INPUT;
        }
    } else {
        report(&problems);
        if ok {
            println!("ok: {}", summary.unwrap_or_default());
        } else {
            eprintln!(
                "{}: {} error(s), {} warning(s)",
                file.display(),
                problems.error_count(),
                problems.warning_count()
            );
        }
    }
    if ok { exit::OK } else { exit::BAD_INPUT }
}
