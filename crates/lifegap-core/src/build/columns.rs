//! Finding the columns build-data needs by any of the names extracts give them.

use crate::data::problem::{Problem, Problems, Rule};
use crate::data::source::{CsvSource, normalise_header};

/// A file's header, as written and normalised (lower case, spaces and hyphens as `_`).
pub struct Columns {
    pub names: Vec<String>,
    normalised: Vec<String>,
}

impl Columns {
    pub fn of(src: &CsvSource) -> Columns {
        Columns {
            names: src.headers.clone(),
            normalised: src.headers.iter().map(|h| normalise_header(h)).collect(),
        }
    }

    /// The first column whose normalised name is one of `aliases`.
    pub fn find(&self, aliases: &[&str]) -> Option<usize> {
        self.normalised
            .iter()
            .position(|n| aliases.contains(&n.as_str()))
    }

    pub fn normalised(&self, i: usize) -> &str {
        &self.normalised[i]
    }
}

/// The column named one of `aliases`, or a `missing-column` error naming them all.
pub fn require(
    src: &CsvSource,
    cols: &Columns,
    aliases: &[&str],
    problems: &mut Problems,
) -> Option<usize> {
    let found = cols.find(aliases);
    if found.is_none() {
        let also = if aliases.len() > 1 {
            format!(" (also read as: {})", aliases[1..].join(", "))
        } else {
            String::new()
        };
        problems.push(
            Problem::error(
                &src.path,
                Rule::MissingColumn,
                format!("no '{}' column{also}", aliases[0]),
            )
            .at_line(src.header_line()),
        );
    }
    found
}
