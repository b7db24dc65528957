//! `lifegap export-charts SCENARIO.ron --dir DIR [--png] [--svg]`: every chart as a file.

use super::scenario_common::compute_all;
use crate::cli::exit;
use crate::export::charts::{all, png, svg};
use std::path::Path;

pub struct Options {
    pub png: bool,
    pub svg: bool,
    pub width: u32,
    pub height: u32,
    pub scale: f64,
    pub draws: Option<u32>,
}

pub fn run(path: &Path, dir: &Path, o: &Options) -> u8 {
    let c = match compute_all(path, o.draws, None) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let (want_png, want_svg) = if !o.png && !o.svg {
        (true, true)
    } else {
        (o.png, o.svg)
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return exit::BAD_INPUT;
    }
    let board = c.board();
    let mut n = 0;
    for chart in all(&board) {
        if want_svg {
            let res = svg(&chart, o.width, o.height)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    crate::atomic::write(&dir.join(format!("{}.svg", chart.id)), text.as_bytes())
                        .map_err(|e| e.to_string())
                });
            if let Err(e) = res {
                eprintln!("error: {}: {e}", chart.id);
                return exit::BAD_INPUT;
            }
            n += 1;
        }
        if want_png {
            let res = png(&chart, o.width, o.height, o.scale).and_then(|bytes| {
                crate::atomic::write(&dir.join(format!("{}.png", chart.id)), &bytes)
                    .map_err(|e| e.to_string())
            });
            if let Err(e) = res {
                eprintln!("error: {}: {e}", chart.id);
                return exit::BAD_INPUT;
            }
            n += 1;
        }
        if let Err(e) = crate::cli::output::say(&format!("{}\n", chart.id)) {
            eprintln!("error: {e}");
            return exit::BAD_INPUT;
        }
    }
    eprintln!("wrote {n} file(s) to {}", dir.display());
    exit::OK
}
