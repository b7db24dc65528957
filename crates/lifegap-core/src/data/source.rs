//! Opening a CSV file the way analysts' files actually arrive: a UTF-8 byte-order mark from
//! Excel, Windows line endings, `# key: value` metadata lines at the top, ragged rows. Rows are
//! streamed one at a time so memory does not grow with the file.

use super::problem::{Problem, Problems, Rule};
use crate::model::area::Provenance;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// An open CSV file positioned at its header row.
pub struct CsvSource {
    pub path: PathBuf,
    pub reader: csv::Reader<CrlfToLf<BufReader<File>>>,
    /// Lines before the header (metadata comments), added to csv's own line numbers.
    line_offset: u64,
    /// Header names as written (BOM removed, trimmed).
    pub headers: Vec<String>,
    pub provenance: Provenance,
}

/// A row's decoded cells with its 1-based line number.
pub struct Row {
    pub line: u64,
    pub cells: Vec<String>,
}

impl CsvSource {
    /// Open `path`, read metadata comments and the header row.
    pub fn open(path: &Path) -> Result<CsvSource, Problems> {
        let fatal = |rule, msg: String| {
            let mut p = Problems::default();
            p.push(Problem::error(path, rule, msg));
            p
        };
        let file = File::open(path)
            .map_err(|e| fatal(Rule::CannotRead, format!("cannot open the file: {e}")))?;
        let mut buf = BufReader::with_capacity(1 << 16, file);
        let mut provenance = Provenance {
            source: path.display().to_string(),
            ..Default::default()
        };
        // Drop a UTF-8 byte-order mark (Excel writes one).
        {
            let head = buf
                .fill_buf()
                .map_err(|e| fatal(Rule::CannotRead, format!("cannot read the file: {e}")))?;
            if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
                buf.consume(3);
            }
        }
        let mut line_offset = 0u64;
        loop {
            let head = buf
                .fill_buf()
                .map_err(|e| fatal(Rule::CannotRead, format!("cannot read the file: {e}")))?;
            if head.first() != Some(&b'#') {
                break;
            }
            let mut raw = Vec::new();
            buf.read_until(b'\n', &mut raw)
                .map_err(|e| fatal(Rule::CannotRead, format!("cannot read the file: {e}")))?;
            line_offset += 1;
            let text = String::from_utf8_lossy(&raw);
            read_metadata(text.trim_start_matches('#').trim(), &mut provenance);
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .trim(csv::Trim::All)
            .comment(Some(b'#'))
            .from_reader(CrlfToLf::new(buf));
        let headers = match reader.byte_headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                return Err(fatal(
                    Rule::CannotRead,
                    format!("cannot read the header: {e}"),
                ));
            }
        };
        if headers.is_empty() || (headers.len() == 1 && headers[0].is_empty()) {
            return Err(fatal(
                Rule::EmptyFile,
                "the file is empty: expected a header row such as area,sex,age,population,…".into(),
            ));
        }
        let mut names = Vec::with_capacity(headers.len());
        for (i, h) in headers.iter().enumerate() {
            match std::str::from_utf8(h) {
                Ok(s) => names.push(s.trim().to_string()),
                Err(_) => {
                    let mut p = Problems::default();
                    p.push(
                        Problem::error(
                            path,
                            Rule::NotUtf8,
                            "header is not UTF-8 text: save the file as CSV UTF-8",
                        )
                        .at_line(line_offset + 1)
                        .at_column(i, "?"),
                    );
                    return Err(p);
                }
            }
        }
        Ok(CsvSource {
            path: path.to_path_buf(),
            reader,
            line_offset,
            headers: names,
            provenance,
        })
    }

    /// Line number of the header row (after any `#` metadata lines).
    pub fn header_line(&self) -> u64 {
        self.line_offset + 1
    }

    /// Index of the first header whose normalised name is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| names.contains(&normalise_header(h).as_str()))
    }

    /// Stream rows to `visit`; decoding problems (bad UTF-8, row length, unreadable bytes) go
    /// to `problems` and the row is skipped. Returns the number of data rows seen.
    pub fn for_each_row(
        &mut self,
        problems: &mut Problems,
        mut visit: impl FnMut(Row, &mut Problems),
    ) -> u64 {
        let mut record = csv::ByteRecord::new();
        let width = self.headers.len();
        let mut rows = 0u64;
        loop {
            match self.reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let line = e
                        .position()
                        .map(|p| p.line() + self.line_offset)
                        .unwrap_or(0);
                    problems.push(
                        Problem::error(
                            &self.path,
                            Rule::CannotRead,
                            format!("unreadable row: {e}"),
                        )
                        .at_line(line),
                    );
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        break;
                    }
                    continue;
                }
            }
            let line = record
                .position()
                .map(|p| p.line() + self.line_offset)
                .unwrap_or(0);
            if record.len() == 1 && record[0].is_empty() {
                continue; // blank line
            }
            rows += 1;
            if record.len() != width {
                problems.push(
                    Problem::error(
                        &self.path,
                        Rule::RowLength,
                        format!("row has {} fields but the header has {width}", record.len()),
                    )
                    .at_line(line),
                );
                continue;
            }
            let mut cells = Vec::with_capacity(width);
            let mut ok = true;
            for (i, f) in record.iter().enumerate() {
                match std::str::from_utf8(f) {
                    Ok(s) => cells.push(s.to_string()),
                    Err(_) => {
                        problems.push(
                            Problem::error(
                                &self.path,
                                Rule::NotUtf8,
                                "cell is not UTF-8 text: save the file as CSV UTF-8",
                            )
                            .at_line(line)
                            .at_column(i, &self.headers[i]),
                        );
                        ok = false;
                    }
                }
            }
            if ok {
                visit(Row { line, cells }, problems);
            }
        }
        rows
    }
}

/// Header names are matched case-insensitively with spaces and hyphens as underscores.
pub fn normalise_header(h: &str) -> String {
    h.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// `# period: 2006-08`, `# synthetic: true`, `# note: …` lines describe the data.
fn read_metadata(line: &str, prov: &mut Provenance) {
    let Some((key, value)) = line.split_once(':') else {
        if !line.is_empty() {
            prov.notes.push(line.to_string());
        }
        return;
    };
    let value = value.trim();
    match key.trim().to_lowercase().as_str() {
        "period" => prov.period = Some(value.to_string()),
        "synthetic" => {
            prov.synthetic = matches!(value.to_lowercase().as_str(), "true" | "yes" | "1")
        }
        _ => prov.notes.push(line.to_string()),
    }
}

/// Parse a number cell: finite, not empty. Errors name the column and the rule.
pub fn parse_number(
    path: &Path,
    line: u64,
    col: usize,
    name: &str,
    cell: &str,
) -> Result<f64, Problem> {
    let at = |rule, msg: String| {
        Problem::error(path, rule, msg)
            .at_line(line)
            .at_column(col, name)
    };
    if cell.is_empty() {
        return Err(at(
            Rule::EmptyValue,
            format!("{name} is empty: write 0 if there were none"),
        ));
    }
    match cell.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(at(
            Rule::NotANumber,
            format!("{name} '{cell}' is not a number"),
        )),
    }
}

/// Parse an age cell: a band start ("45"), or a label ("45-49", "90+") whose start is used.
pub fn parse_age(cell: &str) -> Option<u32> {
    let c = cell.trim();
    let start = c.split(['-', '+', ' ']).next().unwrap_or("").trim();
    start.parse().ok()
}

/// Turns Windows line endings into `\n` before the csv parser sees them: csv 1.x counts one
/// line too few for every record of a CRLF file, and users must be sent to the right line.
pub struct CrlfToLf<R> {
    inner: R,
    /// A `\r` that ended the previous chunk, not yet known to precede `\n`.
    pending_cr: bool,
}

impl<R: BufRead> CrlfToLf<R> {
    pub fn new(inner: R) -> Self {
        CrlfToLf {
            inner,
            pending_cr: false,
        }
    }
}

impl<R: BufRead> std::io::Read for CrlfToLf<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        let chunk = self.inner.fill_buf()?;
        if chunk.is_empty() {
            if self.pending_cr {
                self.pending_cr = false;
                out[0] = b'\r';
                return Ok(1);
            }
            return Ok(0);
        }
        let mut written = 0;
        if self.pending_cr {
            self.pending_cr = false;
            if chunk[0] != b'\n' {
                out[0] = b'\r';
                written = 1;
            }
        }
        let mut used = 0;
        while used < chunk.len() && written < out.len() {
            let b = chunk[used];
            if b == b'\r' {
                match chunk.get(used + 1) {
                    Some(b'\n') => {
                        used += 1;
                        continue;
                    }
                    None => {
                        self.pending_cr = true;
                        used += 1;
                        break;
                    }
                    Some(_) => {}
                }
            }
            out[written] = b;
            written += 1;
            used += 1;
        }
        self.inner.consume(used);
        if written == 0 {
            // Only a held-back \r was consumed; read on rather than signal end of file.
            return self.read(out);
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn crlf_becomes_lf_across_chunk_edges() {
        for cap in 1..8 {
            let src = BufReader::with_capacity(cap, &b"a,b\r\n1,2\r\n3\r4\r"[..]);
            let mut s = String::new();
            CrlfToLf::new(src).read_to_string(&mut s).unwrap();
            assert_eq!(s, "a,b\n1,2\n3\r4\r", "capacity {cap}");
        }
    }
}
