//! Shared test helpers: locating `../shared/validation/` and reading its CSV files.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

/// The reference-vector folder, seen from the project root. `None` (with a loud message) when
/// it is absent, so a checkout without the shared folder still builds and runs other tests.
pub fn validation_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/validation");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "\n!!!!! SKIPPING reference-vector test: {} is absent !!!!!\n",
            dir.display()
        );
        None
    }
}

/// Rows of a reference CSV as header → cell maps.
pub fn read(name: &str) -> Option<Vec<HashMap<String, String>>> {
    let path = validation_dir()?.join(name);
    let mut rdr =
        csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    Some(
        rdr.records()
            .map(|r| {
                let r = r.unwrap();
                headers
                    .iter()
                    .cloned()
                    .zip(r.iter().map(str::to_string))
                    .collect()
            })
            .collect(),
    )
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
pub fn synthetic_gap_as_wide(dir: &std::path::Path) -> Option<PathBuf> {
    let rows = read("synthetic_gap_inputs.csv")?;
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
    Some(path)
}

/// The synthetic inputs by area: (population, [circulatory, cancer, respiratory, other]) by band.
/// Population by band and deaths `[cause][band]` of one synthetic area.
pub type Inputs = (Vec<f64>, Vec<Vec<f64>>);

pub fn synthetic_groups() -> Option<HashMap<String, Inputs>> {
    let rows = read("synthetic_gap_inputs.csv")?;
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
    Some(out)
}

pub const SYNTHETIC_CAUSES: [&str; 4] = ["circulatory", "cancer", "respiratory", "other"];
