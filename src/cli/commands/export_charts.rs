//! `lifegap export-charts SCENARIO.ron --dir DIR [--png] [--svg]`: every chart as a file.

use super::scenario_common::{Source, compute_all};
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::say;
use lifegap_report::export::charts::{all, cause_age, png, svg};
use std::path::Path;

/// What to draw; clap has checked the sizes and scale.
pub struct Options {
    pub png: bool,
    pub svg: bool,
    pub width: u32,
    pub height: u32,
    pub scale: f64,
    pub draws: Option<u32>,
}

pub fn run(source: &Source<'_>, dir: &Path, o: &Options) -> Outcome {
    let c = compute_all(source, o.draws, None)?;
    let (want_png, want_svg) = if !o.png && !o.svg {
        (true, true)
    } else {
        (o.png, o.svg)
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError::Input(format!("cannot create {}: {e}", dir.display())))?;
    let board = c.board();
    let write = |id: &str, ext: &str, bytes: &[u8]| {
        lifegap_core::atomic::write(&dir.join(format!("{id}.{ext}")), bytes)
            .map_err(|e| CliError::Input(format!("{id}.{ext}: {e}")))
    };
    let mut n = 0;
    for chart in all(&board).into_iter().chain(cause_age(&board)) {
        if want_svg {
            let text = svg(&chart, o.width, o.height)
                .map_err(|e| CliError::Input(format!("{}: {e}", chart.id)))?;
            write(&chart.id, "svg", text.as_bytes())?;
            n += 1;
        }
        if want_png {
            let bytes = png(&chart, o.width, o.height, o.scale)
                .map_err(|e| CliError::Input(format!("{}: {e}", chart.id)))?;
            write(&chart.id, "png", &bytes)?;
            n += 1;
        }
        say(&format!("{}\n", chart.id))?;
    }
    eprintln!("wrote {n} file(s) to {}", dir.display());
    done(false)
}
