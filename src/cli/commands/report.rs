//! `lifegap report SCENARIO.ron --out board-pack.html`: the self-contained board pack.

use super::scenario_common::{Source, compute_all};
use crate::cli::error::{CliError, Outcome, done};
use lifegap_core::model::scenario::Date;
use std::path::Path;

pub fn run(source: &Source<'_>, out: &Path, draws: Option<u32>, as_of: Option<Date>) -> Outcome {
    let c = compute_all(source, draws, as_of)?;
    let html = lifegap_report::export::report::html(&c.board())
        .map_err(|e| CliError::Input(format!("cannot draw the report's charts: {e}")))?;
    lifegap_core::atomic::write(out, html.as_bytes())
        .map_err(|e| CliError::Input(format!("cannot write {}: {e}", out.display())))?;
    eprintln!(
        "wrote {} ({} KB): one self-contained file; print it to PDF from a browser (A4 landscape)",
        out.display(),
        html.len() / 1024
    );
    done(false)
}
