//! Small CSV tables from colleagues (mortality baselines, delivery actuals, practice lists):
//! the area reader's capped source ([`CsvSource`]: file, line and metadata limits, UTF-8,
//! row lengths) with named columns and located cell parsing, so every such reader reports
//! `file:line:column (name): error [rule]: message` and never panics, NaNs or hangs.

use super::problem::{Problem, Problems, Rule};
use super::source::{CsvSource, Limits, normalise_header};
use std::path::Path;

/// Limits for a small table: 16 MiB, 64 KiB a line. A practice list of every practice in
/// England (~6,500 rows) is under 1 MiB.
pub const SMALL: Limits = Limits {
    line_bytes: 64 << 10,
    file_bytes: 16 << 20,
    preamble_bytes: 64 << 10,
};

/// Most data rows a small table may have (reading stops with a located error past it).
pub const MAX_ROWS: u64 = 100_000;

/// One row's cells with what is needed to locate a problem in it.
pub struct Cells<'a, 'p> {
    pub path: &'p Path,
    pub line: u64,
    cells: &'a [&'a str],
    /// Column index of each requested column, in request order.
    index: &'p [usize],
    names: &'p [String],
}

impl Cells<'_, '_> {
    fn at(&self, k: usize, rule: Rule, message: String) -> Problem {
        Problem::error(self.path, rule, message)
            .at_line(self.line)
            .at_column(self.index[k], &self.names[k])
    }

    /// The trimmed text of requested column `k`, not empty.
    pub fn text(&self, k: usize) -> Result<&str, Problem> {
        let t = self.cells[self.index[k]].trim();
        if t.is_empty() {
            return Err(self.at(k, Rule::EmptyValue, format!("{} is empty", self.names[k])));
        }
        Ok(t)
    }

    /// A finite number in `range` (inclusive), `what` naming the range in the message.
    pub fn number(&self, k: usize, min: f64, max: f64, what: &str) -> Result<f64, Problem> {
        let t = self.text(k)?;
        let v: f64 = t.replace(',', "").parse().map_err(|_| {
            self.at(
                k,
                Rule::NotANumber,
                format!("{} '{}' is not a number", self.names[k], short(t)),
            )
        })?;
        let word = t
            .trim_start_matches(['+', '-'])
            .starts_with(|c: char| c.is_ascii_alphabetic());
        if !v.is_finite() || word {
            return Err(self.at(
                k,
                Rule::NotANumber,
                format!("{} '{}' is not a number", self.names[k], short(t)),
            ));
        }
        if v < min || v > max {
            return Err(self.at(
                k,
                Rule::OutOfRange,
                format!("{} {v} is out of range: {what}", self.names[k]),
            ));
        }
        Ok(v)
    }

    /// A value parsed by `parse`, whose error message explains what is accepted.
    pub fn parsed<T>(
        &self,
        k: usize,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, Problem> {
        let t = self.text(k)?;
        parse(t).map_err(|m| self.at(k, Rule::UnknownValue, format!("{}: {m}", self.names[k])))
    }

    /// A problem at requested column `k` with the given rule.
    pub fn problem(&self, k: usize, rule: Rule, message: String) -> Problem {
        self.at(k, rule, message)
    }
}

/// A quoted cell cut short for messages.
pub fn short(t: &str) -> String {
    match t.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_string(),
    }
}

/// Read `path` with the columns `columns` (matched as the area reader matches headers: any
/// case, spaces and hyphens as underscores; `"hub|locality"` accepts either name), calling
/// `row` for each data row. Every problem
/// is collected; `Err` when the file cannot be read at all, a column is missing, reading
/// stopped early, or there are no rows.
pub fn read(
    path: &Path,
    columns: &[&str],
    mut row: impl FnMut(&Cells<'_, '_>, &mut Problems),
) -> Result<Problems, Problems> {
    let mut src = CsvSource::open_with(path, SMALL)?;
    let mut problems = Problems::default();
    let normalised: Vec<String> = src.headers.iter().map(|h| normalise_header(h)).collect();
    let mut index = Vec::with_capacity(columns.len());
    let mut names: Vec<String> = Vec::with_capacity(columns.len());
    for c in columns {
        let found = c
            .split('|')
            .find_map(|alt| normalised.iter().position(|h| h == alt).map(|i| (i, alt)));
        match found {
            Some((i, alt)) => {
                index.push(i);
                names.push(alt.to_string());
            }
            None => problems.push(
                Problem::error(
                    path,
                    Rule::MissingColumn,
                    format!(
                        "no '{}' column: the header must name {}",
                        c.replace('|', "' or '"),
                        columns.join(",").replace('|', " or ")
                    ),
                )
                .at_line(src.header_line()),
            ),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let mut seen = 0u64;
    let rows = src.for_each_row(&mut problems, |r, problems| {
        seen += 1;
        if seen > MAX_ROWS {
            return;
        }
        let cells = Cells {
            path,
            line: r.line,
            cells: r.cells,
            index: &index,
            names: &names,
        };
        row(&cells, problems);
    });
    if rows > MAX_ROWS {
        problems.push(Problem::error(
            path,
            Rule::OutOfRange,
            format!("{rows} rows: a table is limited to {MAX_ROWS}; rows after that were not read"),
        ));
    }
    if src.stopped() {
        return Err(problems);
    }
    if rows == 0 {
        problems.push(
            Problem::error(path, Rule::NoRows, "the file has a header but no rows")
                .at_line(src.header_line()),
        );
        return Err(problems);
    }
    Ok(problems)
}
