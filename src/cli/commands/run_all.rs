//! `lifegap run-all`: a template scenario applied to every area of a multi-area file against
//! the comparator (see `lifegap_core::league`); the league table as CSV and HTML, written
//! together or not at all.

use super::load_reported;
use crate::cli::DataArgs;
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::say;
use lifegap_core::model::scenario::Date;
use lifegap_core::{league, scenario_file};
use lifegap_report::export::league as export;
use std::path::Path;

pub struct Request<'a> {
    pub template: &'a Path,
    pub data: &'a DataArgs,
    pub out: &'a Path,
    pub draws: Option<u32>,
    pub as_of: Option<Date>,
}

pub fn run(q: &Request<'_>) -> Outcome {
    let template = scenario_file::read_checked(q.template)?;
    let (loaded, input_errors) = load_reported(q.data)?;
    let data = &loaded.data;
    // The comparator check is league::run_all's, shared with the app's Region screen.
    let as_of = q
        .as_of
        .or(template.as_of)
        .unwrap_or_else(lifegap_core::clock::today);
    let started = std::time::Instant::now();
    let table = league::run_all(&template, data, as_of, q.draws).map_err(CliError::Input)?;
    let seconds = started.elapsed().as_secs_f64();
    let csv = export::csv(&table)?;
    let html = export::html(&table, &data.provenance.source, data.provenance.synthetic);
    lifegap_core::atomic::write_set(
        q.out,
        &[("league.csv", csv), ("league.html", html.into_bytes())],
    )
    .map_err(|e| CliError::Input(format!("cannot write {}: {e}", q.out.display())))?;
    let failed = table.outcomes.iter().filter(|o| o.row.is_err()).count();
    for o in table.outcomes.iter() {
        if let Err(e) = &o.row {
            eprintln!("error: {}: {e}", lifegap_report::format::printable(&o.area));
        }
    }
    for n in &table.notes {
        eprintln!("note: {n}");
    }
    say(&format!(
        "{} area(s) against {} in {:.2} s{}; wrote league.csv and league.html in {}\n",
        table.outcomes.len(),
        table.comparator,
        seconds,
        if failed > 0 {
            format!(" ({failed} could not be evaluated)")
        } else {
            String::new()
        },
        q.out.display()
    ))?;
    done(input_errors || failed > 0)
}
