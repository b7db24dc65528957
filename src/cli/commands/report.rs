//! `lifegap report SCENARIO.ron --out board-pack.html`: the self-contained board pack.

use super::scenario_common::compute_all;
use crate::cli::exit;
use std::path::Path;

pub fn run(path: &Path, out: &Path, draws: Option<u32>, as_of: Option<&str>) -> u8 {
    let c = match compute_all(path, draws, as_of) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let html = match crate::export::report::html(&c.board()) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("error: cannot draw the report's charts: {e}");
            return exit::BAD_INPUT;
        }
    };
    if let Err(e) = crate::atomic::write(out, html.as_bytes()) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return exit::BAD_INPUT;
    }
    eprintln!(
        "wrote {} ({} KB): one self-contained file; print it to PDF from a browser (A4 landscape)",
        out.display(),
        html.len() / 1024
    );
    exit::OK
}
