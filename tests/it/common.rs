//! Shared test helpers: locating the reference vectors (`tests/data/reference/`) and reading
//! their CSV files. Included by the `it` test binary of the root package and of lifegap-core.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The reference vectors, kept in the repository (`tests/data/reference/`, copied with their
/// README and provenance from the project's shared validation folder) so that every clone
/// tests them. A missing folder or file fails the test that needs it: never a silent pass.
pub fn validation_dir() -> PathBuf {
    let dir = workspace_root().join("tests/data/reference");
    assert!(
        dir.join("README.md").is_file(),
        "the reference vectors are missing: {} should hold them with their README",
        dir.display()
    );
    dir
}

/// The top of the repository (where `Cargo.lock`, `scenarios/` and `assets/` are).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|d| d.join("Cargo.lock").is_file())
        .expect("the workspace root (with Cargo.lock) above the crate")
        .to_path_buf()
}

/// The shipped demo scenarios (`scenarios/*.ron`), sorted by name.
pub fn shipped() -> Vec<PathBuf> {
    let dir = workspace_root().join("scenarios");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    v.sort();
    let stray: Vec<_> = v
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".compare.ron"))
        .collect();
    assert!(
        stray.is_empty(),
        "a test kept a comparison in the shipped folder (use ui::shipped_copy): {stray:?}"
    );
    assert!(v.len() >= 3, "the three demo scenarios are shipped");
    v
}

/// Rows of a reference CSV as header → cell maps.
pub fn read(name: &str) -> Vec<HashMap<String, String>> {
    let path = validation_dir().join(name);
    let mut rdr =
        csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// A numeric cell; `None` for an empty (NA) cell.
pub fn num(row: &HashMap<String, String>, col: &str) -> Option<f64> {
    let cell = row.get(col).unwrap_or_else(|| panic!("no column {col}"));
    if cell.is_empty() || cell == "NA" {
        None
    } else {
        Some(
            cell.parse()
                .unwrap_or_else(|_| panic!("{col}: '{cell}' is not a number")),
        )
    }
}

pub fn f(row: &HashMap<String, String>, col: &str) -> f64 {
    num(row, col).unwrap_or_else(|| panic!("{col} is empty"))
}

/// Assert |a − b| ≤ tol with a useful message.
#[track_caller]
pub fn close(what: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got}, want {want} (difference {:e} > {tol:e})",
        (got - want).abs()
    );
}

/// Relative-or-absolute closeness for quantities of very different sizes (l, L, T).
#[track_caller]
pub fn close_rel(what: &str, got: f64, want: f64, rel: f64) {
    let tol = rel * want.abs().max(1.0);
    close(what, got, want, tol);
}

/// Write the synthetic gap inputs as a wide area file (the format users give the CLI).
pub fn synthetic_gap_as_wide(dir: &std::path::Path) -> PathBuf {
    let rows = read("synthetic_gap_inputs.csv");
    let path = dir.join("synthetic_wide.csv");
    let mut out =
        String::from("area,sex,age,population,circulatory,cancer,respiratory,other,all_causes\n");
    for r in rows {
        out += &format!(
            "{},female,{},{},{},{},{},{},{}\n",
            r["area"],
            r["startage"],
            r["population"],
            r["deaths_circulatory"],
            r["deaths_cancer"],
            r["deaths_respiratory"],
            r["deaths_other"],
            r["deaths_all"]
        );
    }
    std::fs::write(&path, out).unwrap();
    path
}

/// The synthetic inputs by area: (population, [circulatory, cancer, respiratory, other]) by band.
/// Population by band and deaths `[cause][band]` of one synthetic area.
pub type Inputs = (Vec<f64>, Vec<Vec<f64>>);

pub fn synthetic_groups() -> HashMap<String, Inputs> {
    let rows = read("synthetic_gap_inputs.csv");
    let mut out: HashMap<String, Inputs> = HashMap::new();
    for r in rows {
        let e = out
            .entry(r["area"].clone())
            .or_insert_with(|| (Vec::new(), vec![Vec::new(); 4]));
        e.0.push(f(&r, "population"));
        for (i, c) in [
            "deaths_circulatory",
            "deaths_cancer",
            "deaths_respiratory",
            "deaths_other",
        ]
        .iter()
        .enumerate()
        {
            e.1[i].push(f(&r, c));
        }
    }
    out
}

pub const SYNTHETIC_CAUSES: [&str; 4] = ["circulatory", "cancer", "respiratory", "other"];
