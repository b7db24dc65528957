//! The Compare screen's rows, kept beside the scenario: `plan.ron` → `plan.compare.ron`.
//!
//! Decision (issue 10): the comparison is kept in a sidecar file, not in the scenario. A
//! snapshot is a view of the work, not an edit of the plan: keeping it beside the file means
//! taking or renaming a snapshot never marks the scenario modified, never changes what the
//! command line and the board pack read, and a scenario shared without its sidecar is the
//! same plan. Each row keeps its name and what it was made from: a snapshot keeps the
//! scenario's settings as they were (recomputed on open with the document's data, so the
//! figures are the model's, never stored numbers); a scenario file keeps its path.
//!
//! The sidecar is untrusted input like any file: it is read with a size cap, a row that cannot
//! be used is reported by name and left out, and a file row's data are held to its folder.

use super::screens::{CompareEntry, CompareSource};
use lifegap_core::model::area::AreaData;
use lifegap_core::model::scenario::Scenario;
use lifegap_core::scenario_file::{self, DataAccess};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Larger sidecars are refused (a snapshot of the demo is about 20 kB).
const MAX_BYTES: u64 = 8 * 1024 * 1024;
/// At most this many rows are read.
pub const MAX_ROWS: usize = 40;

#[derive(Serialize, Deserialize)]
struct Sidecar {
    version: u32,
    rows: Vec<Row>,
}

#[derive(Serialize, Deserialize)]
enum Row {
    Snapshot {
        name: String,
        scenario: Box<Scenario>,
    },
    File {
        name: String,
        path: PathBuf,
    },
}

/// Where the comparison of the scenario at `scenario` is kept.
pub fn sidecar(scenario: &Path) -> PathBuf {
    scenario.with_extension("compare.ron")
}

/// Write the rows beside the scenario (atomically); no rows, no file.
pub fn save(scenario: &Path, rows: &[CompareEntry]) -> std::io::Result<()> {
    let path = sidecar(scenario);
    if rows.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    let file = Sidecar {
        version: 1,
        rows: rows
            .iter()
            .map(|r| match &r.source {
                CompareSource::Snapshot(s) => Row::Snapshot {
                    name: r.name.clone(),
                    scenario: s.clone(),
                },
                CompareSource::File(p) => Row::File {
                    name: r.name.clone(),
                    path: p.clone(),
                },
            })
            .collect(),
    };
    let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    lifegap_core::atomic::write(&path, text.as_bytes())
}

/// Read the comparison kept beside `scenario` and recompute each row; the problems are in
/// words, one per row left out. No sidecar: no rows, no problems.
pub fn load(
    scenario: &Path,
    data: &AreaData,
    today: lifegap_core::model::scenario::Date,
) -> (Vec<CompareEntry>, Vec<String>) {
    let path = sidecar(scenario);
    let mut problems = Vec::new();
    let shown = path.display();
    let text = match std::fs::metadata(&path) {
        Err(_) => return (Vec::new(), problems),
        Ok(m) if m.len() > MAX_BYTES => {
            problems.push(format!(
                "{shown}: {} bytes, more than a comparison can hold ({MAX_BYTES}): not read",
                m.len()
            ));
            return (Vec::new(), problems);
        }
        Ok(_) => match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{shown}: {e}"));
                return (Vec::new(), problems);
            }
        },
    };
    let file: Sidecar = match ron::from_str(&text) {
        Ok(f) => f,
        Err(e) => {
            problems.push(format!(
                "{shown}:{}:{}: {}",
                e.span.start.line, e.span.start.col, e.code
            ));
            return (Vec::new(), problems);
        }
    };
    let mut rows = Vec::new();
    for row in file.rows.into_iter().take(MAX_ROWS) {
        match row {
            Row::Snapshot { name, scenario: s } => {
                if let Some(p) = s.check().first() {
                    problems.push(format!("{shown}: snapshot '{name}': {p} ({})", p.field));
                    continue;
                }
                let as_of = s.as_of.unwrap_or(today);
                match lifegap_core::evaluate(&s, data, &lifegap_core::EvalOptions::central(as_of)) {
                    Ok(e) => rows.push(CompareEntry {
                        name,
                        results: e.results,
                        source: CompareSource::Snapshot(s),
                    }),
                    Err(e) => problems.push(format!("{shown}: snapshot '{name}': {e}")),
                }
            }
            Row::File { name, path: p } => {
                let at = if p.is_absolute() {
                    p.clone()
                } else {
                    scenario.parent().unwrap_or(Path::new(".")).join(&p)
                };
                let loaded = match scenario_file::load_with(&at, DataAccess::InsideFolder) {
                    Ok(l) => l,
                    Err(e) => {
                        problems.push(format!(
                            "{shown}: '{name}' ({}): {}",
                            at.display(),
                            e.errors().next().map(|e| e.to_string()).unwrap_or_default()
                        ));
                        continue;
                    }
                };
                let as_of = loaded.scenario.as_of.unwrap_or(today);
                match lifegap_core::evaluate(
                    &loaded.scenario,
                    &loaded.data,
                    &lifegap_core::EvalOptions::central(as_of),
                ) {
                    Ok(e) => rows.push(CompareEntry {
                        name,
                        results: e.results,
                        source: CompareSource::File(at),
                    }),
                    Err(e) => problems.push(format!("{shown}: '{name}': {e}")),
                }
            }
        }
    }
    (rows, problems)
}
