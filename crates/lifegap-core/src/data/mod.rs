//! Reading area data files: wide CSV (streamed) and the long ONS/Fingertips format.
//! Every problem is located (file, line, column) and names the rule broken; see [`problem`].

pub mod actuals;
pub mod assemble;
pub mod baselines;
pub mod check;
pub mod history;
pub mod long;
pub mod practices;
pub mod problem;
pub mod series;
pub mod source;
pub mod table;
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

/// Read an area file: wide, or long with its population file.
///
/// Each file is opened and read once (a FIFO or `<(cat file)` works). `Err` when nothing
/// usable could be read, or when reading stopped before the end of a file (a limit was
/// passed): the problems say why.
pub fn load(path: &Path, population: Option<&Path>) -> Result<Loaded, Problems> {
    if let Some(pop) = population {
        let (data, problems) = long::read_long(path, pop)?;
        return Ok(Loaded { data, problems });
    }
    let mut groups = Vec::new();
    let (summary, problems) = wide::stream_source(wide::open(path)?, |_, g, _| groups.push(g))?;
    groups.retain(|g| {
        !summary
            .invalidated
            .contains(&(g.area.to_lowercase(), g.sex))
    });
    let (bands, problems) = wide_outcome(path, &summary, problems)?;
    Ok(Loaded {
        data: AreaData {
            bands,
            causes: summary.causes,
            groups,
            provenance: summary.provenance,
        },
        problems,
    })
}

/// What a streamed wide file amounts to, for [`load`] and [`check::check_file`] alike: its
/// band set, or `Err` when reading stopped early or no complete group was found.
pub(crate) fn wide_outcome(
    path: &Path,
    summary: &wide::WideSummary,
    mut problems: Problems,
) -> Result<(crate::model::bands::BandSet, Problems), Problems> {
    match summary.bands {
        Some(_) if summary.stopped => Err(problems),
        Some(bands) => Ok((bands, problems)),
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

/// A temporary file holding `text`, for the readers' unit tests.
#[cfg(test)]
pub(crate) fn temp_file(text: &str) -> tempfile::NamedTempFile {
    let f = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(f.path(), text).unwrap();
    f
}
