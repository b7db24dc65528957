//! `lifegap validate FILE`: every problem found, or a one-line summary of what is in the file.

use super::report;
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::{json, say};
use lifegap_core::data::Problem;
use lifegap_core::data::check::{FileSummary, check_file};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct JsonOut<'a> {
    #[serde(flatten)]
    summary: &'a FileSummary,
    problems: &'a [Problem],
}

pub fn run(file: &Path, population: Option<&Path>, as_json: bool) -> Outcome {
    let (problems, summary) = check_file(file, population);
    if as_json {
        json(&JsonOut {
            summary: &summary,
            problems: &problems.list,
        })?;
    } else {
        report(&problems);
        if summary.ok {
            say(&format!("ok: {}\n", summary.line()))?;
        }
    }
    if summary.ok {
        done(false)
    } else {
        Err(CliError::Input(format!(
            "{}: {} error(s), {} warning(s)",
            file.display(),
            summary.errors,
            summary.warnings
        )))
    }
}
