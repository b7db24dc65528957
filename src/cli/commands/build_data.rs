//! `lifegap build-data`: the wide area file from death records, mid-year estimates and the
//! LSOA lookup (see `lifegap_core::build`). Problems go to stderr, located; the file is
//! written atomically, and only when every row was used unless `--allow-refused` says so.

use super::report;
use crate::cli::error::{CliError, Outcome, done};
use lifegap_core::build::{self, By, Years};
use lifegap_report::format::printable;
use std::path::Path;

/// What `lifegap build-data` was asked.
pub struct Request<'a> {
    pub deaths: &'a Path,
    pub population: &'a Path,
    pub lookup: &'a Path,
    pub mapping: Option<&'a Path>,
    pub years: Years,
    pub by: By,
    pub out: &'a Path,
    pub allow_refused: bool,
}

pub fn run(q: &Request<'_>) -> Outcome {
    let built = build::build(&build::Request {
        deaths: q.deaths,
        population: q.population,
        lookup: q.lookup,
        mapping: q.mapping,
        years: q.years,
        by: q.by,
    })?;
    report(&built.problems);
    for n in &built.data.provenance.notes {
        eprintln!("{}", printable(n));
    }
    let refused = built.deaths.rejected + built.population.rejected;
    if built.problems.has_errors() && !q.allow_refused {
        return Err(CliError::Input(format!(
            "{refused} row(s) refused (listed above); nothing written. Correct them, or pass --allow-refused to build from the rows that were read"
        )));
    }
    let bytes = lifegap_report::export::area_file::wide_csv(&built.data)?;
    lifegap_core::atomic::write(q.out, &bytes)
        .map_err(|e| CliError::Input(format!("cannot write {}: {e}", q.out.display())))?;
    eprintln!(
        "wrote {}: {} group(s) (area × sex), {} death(s) in {}{}",
        printable(&q.out.display().to_string()),
        built.data.groups.len(),
        built.deaths.used,
        q.years.label(),
        if refused > 0 {
            format!(", {refused} row(s) refused and left out")
        } else {
            String::new()
        }
    );
    done(false)
}
