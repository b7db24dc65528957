//! Reading area data files: wide CSV (streamed) and the long ONS/Fingertips format.
//! Every problem is located (file, line, column) and names the rule broken; see [`problem`].

pub mod assemble;
pub mod check;
pub mod long;
pub mod problem;
pub mod source;
pub mod wide;

use crate::model::area::AreaData;
pub use problem::{Problem, Problems, Rule, Severity};
use std::path::Path;

/// Area data with the problems found while reading. Groups with errors are left out of
/// `data` and their errors are in `problems`; warnings never remove anything.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub data: AreaData,
    pub problems: Problems,
}

/// Is this a long-format deaths file (`…,cause,deaths`)?
pub fn is_long_format(path: &Path) -> bool {
    source::CsvSource::open(path)
        .map(|s| s.column(&["cause"]).is_some() && s.column(wide::POPULATION_NAMES).is_none())
        .unwrap_or(false)
}

/// Read an area file: wide, or long with its population file.
///
/// `Err` when nothing usable could be read (the problems say why).
pub fn load(path: &Path, population: Option<&Path>) -> Result<Loaded, Problems> {
    if let Some(pop) = population {
        let (data, problems) = long::read_long(path, pop)?;
        return Ok(Loaded { data, problems });
    }
    if is_long_format(path) {
        let mut p = Problems::default();
        p.push(Problem::error(
            path,
            Rule::MissingColumn,
            "this is a long-format deaths file (area,sex,age,cause,deaths): give its population file too (--population)",
        ));
        return Err(p);
    }
    let mut groups = Vec::new();
    let (summary, mut problems) = wide::stream_wide(path, |_, g| groups.push(g))?;
    groups.retain(|g| {
        !summary
            .invalidated
            .contains(&(g.area.to_lowercase(), g.sex))
    });
    match summary.bands {
        Some(bands) => Ok(Loaded {
            data: AreaData {
                bands,
                causes: summary.causes,
                groups,
                provenance: summary.provenance,
            },
            problems,
        }),
        None => {
            if !problems.has_errors() {
                problems.push(Problem::error(
                    path,
                    Rule::NoRows,
                    "no complete area × sex group in the file",
                ));
            }
            Err(problems)
        }
    }
}
