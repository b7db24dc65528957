//! Opening a CSV file the way analysts' files actually arrive: a UTF-8 byte-order mark from
//! Excel, Windows line endings, `# key: value` metadata lines at the top, ragged rows. Rows are
//! streamed one at a time so memory does not grow with the file.
//!
//! Area files travel by email, so a file is untrusted: it may be damaged, the wrong file, or
//! not a file at all (`/dev/zero`, a FIFO). Reading is therefore bounded ([`Limits`]): one
//! line, the lines before the header and the whole file each have a documented maximum, and
//! going past one is a located error that stops reading. Each input is opened and read
//! exactly once (its header is sniffed from the same reader), so a FIFO or a shell's
//! `<(cat file)` is read like a file.

use super::problem::{Problem, Problems, Rule};
use crate::model::area::Provenance;
use crate::model::bands::BandSet;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Chain, Cursor, Read};
use std::path::{Path, PathBuf};

/// The largest count a cell may hold: a population (person-years) or a number of deaths in
/// one area × sex × age band. One billion is more than any country's population in one age
/// band and sex, even pooled over several years (China's and India's largest five-year bands
/// are about 60 million per sex), so a larger value is a typing or export error, not data.
/// Without this bound a population of 1e308 gives a life expectancy of ~8e305 years.
pub const MAX_COUNT: f64 = 1e9;

/// How much one input may hold. Past a limit, reading stops with a located error
/// ([`Rule::LineTooLong`], [`Rule::FileTooLarge`], [`Rule::MetadataTooLong`]) instead of
/// consuming memory or time without end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest line (one CSV record, with its line ending), in bytes. The csv parser holds a
    /// whole record in memory, so without a cap one line of `/dev/zero` grows until the
    /// machine runs out of memory. 1 MiB is ~1,000 times a real area row and fits a header of
    /// 100,000 cause columns of short names.
    pub line_bytes: u64,
    /// Largest file, in bytes. Area files are streamed in bounded memory, but an endless
    /// stream (a device, a FIFO fed forever) would still be read for ever. 4 GiB is twenty
    /// times the 200 MB file the tests stream (itself ~2.5 million rows: every local
    /// authority's area × sex × band many times over), so no real area file comes near it,
    /// and reading stops after minutes rather than never.
    pub file_bytes: u64,
    /// Most bytes of `#` metadata (and blank) lines before the header. Metadata lines are
    /// kept in the data's provenance, so they must not grow with the file; real files carry
    /// a few short lines.
    pub preamble_bytes: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        line_bytes: 1 << 20,
        file_bytes: 4 << 30,
        preamble_bytes: 64 << 10,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// Bytes in a readable form for limit messages: "1 MiB (1048576 bytes)".
fn bytes_text(n: u64) -> String {
    let unit = if n >= 1 << 30 && n.is_multiple_of(1 << 30) {
        format!("{} GiB", n >> 30)
    } else if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{} KiB", n >> 10)
    } else {
        return format!("{n} bytes");
    };
    format!("{unit} ({n} bytes)")
}

/// Which limit a read went past: carried inside an `io::Error` through the csv parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LimitHit {
    Line,
    File,
}

impl fmt::Display for LimitHit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LimitHit::Line => "line too long",
            LimitHit::File => "file too large",
        })
    }
}

impl std::error::Error for LimitHit {}

fn limit_hit(e: &io::Error) -> Option<LimitHit> {
    e.get_ref()?.downcast_ref::<LimitHit>().copied()
}

/// A reader that gives at most `until` bytes in all and then refuses to go on, naming the
/// limit it hit. One mechanism serves both caps: the whole file (`until` fixed at the file-size
/// limit) and the current record (`until` moved to the record's start plus the line limit
/// before each record; the csv parser only asks for more while a record has not ended).
struct Capped<R> {
    inner: R,
    pos: u64,
    until: u64,
    limit: LimitHit,
    hit: bool,
}

impl<R> Capped<R> {
    fn new(inner: R, until: u64, limit: LimitHit) -> Self {
        Capped {
            inner,
            pos: 0,
            until,
            limit,
            hit: false,
        }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.hit {
            return Err(io::Error::other(self.limit));
        }
        if out.is_empty() {
            return Ok(0);
        }
        let allowed = self.until.saturating_sub(self.pos);
        if allowed == 0 {
            // At the limit: fine if the input ends here, an error if there is more.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => {
                    self.hit = true;
                    Err(io::Error::other(self.limit))
                }
            };
        }
        let n = out
            .len()
            .min(usize::try_from(allowed).unwrap_or(usize::MAX));
        let got = self.inner.read(&mut out[..n])?;
        self.pos += got as u64;
        Ok(got)
    }
}

type Lower = BufReader<Capped<Box<dyn Read + Send>>>;
type Stack = Capped<CrlfToLf<Chain<Cursor<Vec<u8>>, Lower>>>;

/// An open CSV file positioned at its header row.
pub struct CsvSource {
    pub path: PathBuf,
    reader: csv::Reader<Stack>,
    limits: Limits,
    /// Lines before the header (metadata comments), added to csv's own line numbers.
    line_offset: u64,
    /// Header names as written (BOM removed, trimmed).
    pub headers: Vec<String>,
    pub provenance: Provenance,
    /// Reading stopped before the end of the input (a limit or a read error, reported).
    stopped: bool,
}

/// A row's decoded cells (borrowed from the record being read) with its 1-based line number.
pub struct Row<'a> {
    pub line: u64,
    /// Cells with ASCII spaces around them trimmed.
    pub cells: &'a [&'a str],
}

/// An empty vector of cells whose allocation is kept from one row to the next: the cells
/// borrow each record in turn, so the vector is emptied and given a fresh lifetime (Rust
/// reuses the allocation for a `collect` into the same layout).
fn recycle<'b>(v: Vec<&str>) -> Vec<&'b str> {
    let mut v = v;
    v.clear();
    v.into_iter().map(|_| "").collect()
}

/// One line of at most `max` bytes (line ending included); `Ok(None)` at the end of input,
/// `Err(Ok(()))` when the line is longer.
fn bounded_line(buf: &mut Lower, max: u64) -> Result<Option<Vec<u8>>, io::Result<()>> {
    let mut raw = Vec::new();
    match buf.by_ref().take(max + 1).read_until(b'\n', &mut raw) {
        Ok(0) => Ok(None),
        Ok(n) if n as u64 > max => Err(Ok(())),
        Ok(_) => Ok(Some(raw)),
        Err(e) => Err(Err(e)),
    }
}

impl CsvSource {
    /// Open `path`, read metadata comments and the header row, with the default [`Limits`].
    pub fn open(path: &Path) -> Result<CsvSource, Problems> {
        Self::open_with(path, Limits::DEFAULT)
    }

    /// Open `path` with the given limits. The file is opened once; a regular file larger than
    /// the file limit is refused before any of it is read.
    pub fn open_with(path: &Path, limits: Limits) -> Result<CsvSource, Problems> {
        let fatal = |rule, msg: String| {
            let mut p = Problems::default();
            p.push(Problem::error(path, rule, msg));
            p
        };
        let file = File::open(path)
            .map_err(|e| fatal(Rule::CannotRead, format!("cannot open the file: {e}")))?;
        let meta = file
            .metadata()
            .map_err(|e| fatal(Rule::CannotRead, format!("cannot read the file: {e}")))?;
        if meta.is_dir() {
            return Err(fatal(
                Rule::CannotRead,
                "this is a folder, not a data file".into(),
            ));
        }
        if meta.is_file() && meta.len() > limits.file_bytes {
            return Err(fatal(
                Rule::FileTooLarge,
                format!(
                    "the file is {} bytes; area files are limited to {}",
                    meta.len(),
                    bytes_text(limits.file_bytes)
                ),
            ));
        }
        Self::from_reader(path, Box::new(file), limits)
    }

    /// Read CSV from any byte stream (a file, a pipe, bytes in memory), named `path` in
    /// problems, reading metadata comments and the header row.
    pub fn from_reader(
        path: &Path,
        input: Box<dyn Read + Send>,
        limits: Limits,
    ) -> Result<CsvSource, Problems> {
        let fatal = |rule, msg: String, line: Option<u64>| {
            let mut p = Problems::default();
            let mut e = Problem::error(path, rule, msg);
            e.line = line;
            p.push(e);
            p
        };
        let read_error = |e: io::Error, line: u64| match limit_hit(&e) {
            Some(_) => fatal(
                Rule::FileTooLarge,
                format!(
                    "the file goes on past {}, the limit for an area file; the rest is not read",
                    bytes_text(limits.file_bytes)
                ),
                Some(line),
            ),
            None => fatal(
                Rule::CannotRead,
                format!("cannot read the file: {e}"),
                Some(line),
            ),
        };
        let mut buf = BufReader::with_capacity(
            1 << 16,
            Capped::new(input, limits.file_bytes, LimitHit::File),
        );
        let mut provenance = Provenance {
            source: path.display().to_string(),
            ..Default::default()
        };
        // Lines before the header: `#` metadata and blank lines, only here at the top.
        let mut line_offset = 0u64;
        let mut preamble = 0u64;
        let header_line = loop {
            let line = line_offset + 1;
            let mut raw = match bounded_line(&mut buf, limits.line_bytes) {
                Ok(Some(raw)) => raw,
                Ok(None) => {
                    let msg = if line_offset == 0 {
                        "the file is empty: expected a header row such as area,sex,age,population,…"
                    } else {
                        "the file has no header row after its metadata lines: expected a header row such as area,sex,age,population,…"
                    };
                    return Err(fatal(Rule::EmptyFile, msg.into(), None));
                }
                Err(Ok(())) => {
                    return Err(fatal(
                        Rule::LineTooLong,
                        format!(
                            "line {line} is longer than {}, the limit for one line of an area file: is this the right file?",
                            bytes_text(limits.line_bytes)
                        ),
                        Some(line),
                    ));
                }
                Err(Err(e)) => return Err(read_error(e, line)),
            };
            // Drop a UTF-8 byte-order mark (Excel writes one).
            if line == 1 && raw.starts_with(&[0xEF, 0xBB, 0xBF]) {
                raw.drain(..3);
            }
            let content = raw
                .strip_suffix(b"\n")
                .map(|r| r.strip_suffix(b"\r").unwrap_or(r))
                .unwrap_or(&raw);
            let metadata = content.first() == Some(&b'#');
            if !metadata && !content.is_empty() {
                break raw;
            }
            preamble += raw.len() as u64;
            if preamble > limits.preamble_bytes {
                return Err(fatal(
                    Rule::MetadataTooLong,
                    format!(
                        "more than {} of '#' lines before the header: metadata is a few short lines at the top",
                        bytes_text(limits.preamble_bytes)
                    ),
                    Some(line),
                ));
            }
            line_offset += 1;
            if metadata {
                let text = String::from_utf8_lossy(content);
                read_metadata(text.trim_start_matches('#').trim(), &mut provenance);
            }
        };
        let stack = Capped::new(
            CrlfToLf::new(Cursor::new(header_line).chain(buf)),
            limits.line_bytes,
            LimitHit::Line,
        );
        // No comment character: a row whose first cell starts with '#' is data (an area
        // called "#1"), and metadata lines are only read at the top, above.
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            // Cells are trimmed as they are read (`for_each_row`): csv's own `Trim::All`
            // copies every record into a new one, a tenth of a large file's reading time.
            .trim(csv::Trim::Headers)
            .from_reader(stack);
        let header_at = line_offset + 1;
        let headers = match reader.byte_headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                if let csv::ErrorKind::Io(io) = e.kind()
                    && let Some(hit) = limit_hit(io)
                {
                    return Err(fatal(
                        hit.rule(),
                        hit.message(limits, header_at),
                        Some(header_at),
                    ));
                }
                return Err(fatal(
                    Rule::CannotRead,
                    format!("cannot read the header: {e}"),
                    Some(header_at),
                ));
            }
        };
        if headers.is_empty() || (headers.len() == 1 && headers[0].is_empty()) {
            return Err(fatal(
                Rule::EmptyFile,
                "the file is empty: expected a header row such as area,sex,age,population,…".into(),
                None,
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
                        .at_line(header_at)
                        .at_column(i, "?"),
                    );
                    return Err(p);
                }
            }
        }
        let next = reader.position().byte();
        reader.get_mut().until = next + limits.line_bytes;
        Ok(CsvSource {
            path: path.to_path_buf(),
            reader,
            limits,
            line_offset,
            headers: names,
            provenance,
            stopped: false,
        })
    }

    /// Line number of the header row (after any `#` metadata lines).
    pub fn header_line(&self) -> u64 {
        self.line_offset + 1
    }

    /// The limits this input is read under.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// True when reading stopped before the end of the input (a limit was passed or the
    /// input could not be read): the rows read are not the whole file, and the problem says
    /// where and why.
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// Index of the first header whose normalised name is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| names.contains(&normalise_header(h).as_str()))
    }

    /// Is this a long-format deaths file (`…,cause,deaths`, no population column)? Judged
    /// from the header already read: the input is not opened again.
    pub fn is_long_format(&self) -> bool {
        self.column(&["cause"]).is_some() && self.column(super::wide::POPULATION_NAMES).is_none()
    }

    /// Stream rows to `visit`; decoding problems (bad UTF-8, row length, unreadable bytes) go
    /// to `problems` and the row is skipped. A passed limit or a read error stops reading
    /// (see [`CsvSource::stopped`]). Returns the number of data rows seen.
    pub fn for_each_row(
        &mut self,
        problems: &mut Problems,
        mut visit: impl FnMut(Row<'_>, &mut Problems),
    ) -> u64 {
        let mut record = csv::ByteRecord::new();
        let width = self.headers.len();
        let mut rows = 0u64;
        let mut spare: Vec<&str> = Vec::with_capacity(width);
        loop {
            // Where the next record starts, for problems about a record that never ends.
            let next_line = self.reader.position().line() + self.line_offset;
            let result = self.reader.read_byte_record(&mut record);
            let next = self.reader.position().byte();
            self.reader.get_mut().until = next + self.limits.line_bytes;
            match result {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    if let csv::ErrorKind::Io(io) = e.kind() {
                        let p = match limit_hit(io) {
                            Some(hit) => Problem::error(
                                &self.path,
                                hit.rule(),
                                hit.message(self.limits, next_line),
                            ),
                            None => Problem::error(
                                &self.path,
                                Rule::CannotRead,
                                format!("cannot read on: {io}; the rest of the file is not read"),
                            ),
                        };
                        problems.push(p.at_line(next_line));
                        self.stopped = true;
                        break;
                    }
                    let line = e
                        .position()
                        .map(|p| p.line() + self.line_offset)
                        .unwrap_or(next_line);
                    problems.push(
                        Problem::error(
                            &self.path,
                            Rule::CannotRead,
                            format!("unreadable row: {e}"),
                        )
                        .at_line(line),
                    );
                    continue;
                }
            }
            let line = record
                .position()
                .map(|p| p.line() + self.line_offset)
                .unwrap_or(0);
            if record.len() == 1 && record[0].trim_ascii().is_empty() {
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
            let mut cells = recycle(std::mem::take(&mut spare));
            // One UTF-8 check for the whole record, then each cell sliced out of it; cell by
            // cell (to name the column) only when that fails.
            if let Ok(whole) = std::str::from_utf8(record.as_slice()) {
                let mut start = 0;
                for f in record.iter() {
                    let end = start + f.len();
                    match whole.get(start..end) {
                        Some(cell) => cells.push(cell.trim_ascii()),
                        None => break, // a character split between two cells
                    }
                    start = end;
                }
                if cells.len() == width {
                    visit(
                        Row {
                            line,
                            cells: &cells,
                        },
                        problems,
                    );
                    spare = recycle(cells);
                    continue;
                }
                cells.clear();
            }
            let mut ok = true;
            for (i, f) in record.iter().enumerate() {
                match std::str::from_utf8(f.trim_ascii()) {
                    Ok(s) => cells.push(s),
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
                visit(
                    Row {
                        line,
                        cells: &cells,
                    },
                    problems,
                );
            }
            spare = recycle(cells);
        }
        rows
    }
}

impl LimitHit {
    fn rule(self) -> Rule {
        match self {
            LimitHit::Line => Rule::LineTooLong,
            LimitHit::File => Rule::FileTooLarge,
        }
    }

    fn message(self, limits: Limits, line: u64) -> String {
        match self {
            LimitHit::Line => format!(
                "the row from line {line} runs past {} without ending, the limit for one line of an area file: is this the right file? The rest of the file is not read",
                bytes_text(limits.line_bytes)
            ),
            LimitHit::File => format!(
                "the file goes on past {}, the limit for an area file; the rest is not read",
                bytes_text(limits.file_bytes)
            ),
        }
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

/// Parse a count cell (a population or a number of deaths): not empty, a finite number, and
/// no larger in size than [`MAX_COUNT`]. Errors name the column and the rule; the sign is
/// the caller's rule (deaths may be 0, populations may not).
pub fn parse_number(
    path: &Path,
    line: u64,
    col: usize,
    name: &str,
    cell: &str,
) -> Result<f64, Problem> {
    // Fast path: most cells are plain whole counts ("0", "6309"); up to 9 digits is at most
    // 999,999,999 < MAX_COUNT, exact in f64, and means what `str::parse` would make of it.
    if (1..=9).contains(&cell.len()) && cell.bytes().all(|b| b.is_ascii_digit()) {
        let n = cell
            .bytes()
            .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
        return Ok(f64::from(n));
    }
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
    let not_a_number = || {
        at(
            Rule::NotANumber,
            format!("{name} '{}' is not a number", shorten(cell)),
        )
    };
    let v: f64 = cell.parse().map_err(|_| not_a_number())?;
    // "NaN", "inf" and "infinity" parse as floats but are not counts of anything.
    let word = cell
        .trim_start_matches(['+', '-'])
        .starts_with(|c: char| c.is_ascii_alphabetic());
    if v.is_nan() || word {
        return Err(not_a_number());
    }
    if v.abs() > MAX_COUNT {
        return Err(at(
            Rule::ImplausibleValue,
            format!(
                "{name} {} is not a plausible count: values are limited to 1e9 (1,000,000,000), more than any country's population in one age band",
                shorten(cell)
            ),
        ));
    }
    Ok(v)
}

/// A cell quoted in a message, cut short so a huge cell cannot flood the terminal.
pub(crate) fn shorten(cell: &str) -> String {
    const MAX: usize = 40;
    match cell.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &cell[..i]),
        None => cell.to_string(),
    }
}

/// The written form of an age band label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeForm {
    /// The band's start age alone: "45".
    Start,
    /// A closed band written out: "45-49", or "<1" for the first band.
    Closed,
    /// An open last band: "90+" (or "85+" in files closing at 85+).
    Open,
}

/// A parsed age label: the band's start age and how it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeLabel {
    pub start: u32,
    pub form: AgeForm,
}

/// Parse an age cell. The accepted forms, and only these (surrounding spaces are ignored):
///
/// - a band's start age: `0`, `1`, `5`, `10`, …, `85`, `90` (digits only);
/// - a closed band exactly as published, start and last year of age joined by a hyphen
///   (spaces around it allowed): `0-0`, `1-4`, `5-9`, …, `80-84`, `85-89`; and `<1` for the
///   first band;
/// - the open last band: `90+`, or `85+` in a file whose bands close at 85+.
///
/// Anything else is refused, including labels with a valid start but the wrong end
/// (`20-29`, `85-90`): a ten-year band read as the five-year band it starts would silently
/// halve or double death rates. Whether `85+`/`85-89` match the file's band set is checked
/// when the group is complete ([`Rule::AgeBandMismatch`]).
pub fn parse_age_label(cell: &str) -> Option<AgeLabel> {
    fn digits(s: &str) -> Option<u32> {
        if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    }
    let starts = BandSet::To90.starts();
    let c = cell.trim();
    if c == "<1" {
        return Some(AgeLabel {
            start: 0,
            form: AgeForm::Closed,
        });
    }
    if let Some(n) = c.strip_suffix('+') {
        let start = digits(n)?;
        return matches!(start, 85 | 90).then_some(AgeLabel {
            start,
            form: AgeForm::Open,
        });
    }
    if let Some((a, b)) = c.split_once('-') {
        let (start, end) = (digits(a.trim())?, digits(b.trim())?);
        let i = starts.iter().position(|&s| s == start)?;
        let next = *starts.get(i + 1)?;
        return (end + 1 == next).then_some(AgeLabel {
            start,
            form: AgeForm::Closed,
        });
    }
    let start = digits(c)?;
    starts.contains(&start).then_some(AgeLabel {
        start,
        form: AgeForm::Start,
    })
}

/// Parse an age cell into its band's start age (see [`parse_age_label`] for the forms).
pub fn parse_age(cell: &str) -> Option<u32> {
    parse_age_label(cell).map(|a| a.start)
}

/// The message for an age cell [`parse_age_label`] refuses.
pub fn age_message(cell: &str) -> String {
    format!(
        "age '{}' is not a band: write the band's start age (0, 1, 5, 10, …, 85, 90) or its label (0-0 or <1, 1-4, 5-9, …, 85-89, 90+)",
        shorten(cell)
    )
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
            // Copy the run up to the next `\r` (or as much as fits) in one go.
            let room = out.len() - written;
            let ahead = &chunk[used..chunk.len().min(used + room)];
            let run = ahead
                .iter()
                .position(|&b| b == b'\r')
                .unwrap_or(ahead.len());
            out[written..written + run].copy_from_slice(&ahead[..run]);
            written += run;
            used += run;
            if run == ahead.len() {
                continue;
            }
            // At a `\r`: dropped before `\n`, held back at the end of the chunk.
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
            out[written] = b'\r';
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
    fn age_labels_are_the_documented_forms_only() {
        let ok = |cell: &str, start: u32, form: AgeForm| {
            assert_eq!(
                parse_age_label(cell),
                Some(AgeLabel { start, form }),
                "{cell}"
            )
        };
        ok("0", 0, AgeForm::Start);
        ok(" 45 ", 45, AgeForm::Start);
        ok("90", 90, AgeForm::Start);
        ok("<1", 0, AgeForm::Closed);
        ok("0-0", 0, AgeForm::Closed);
        ok("1-4", 1, AgeForm::Closed);
        ok("45-49", 45, AgeForm::Closed);
        ok("45 - 49", 45, AgeForm::Closed);
        ok("85-89", 85, AgeForm::Closed);
        ok("85+", 85, AgeForm::Open);
        ok("90+", 90, AgeForm::Open);
        for bad in [
            "", "3", "20-29", "1-5", "0-4", "90-94", "85-90", "45-", "-45", "45+", "+45", "45.0",
            "45 49", "4 5", "045-049x", "1000", "<5", "≥90", "90 +", "ninety",
        ] {
            assert_eq!(parse_age_label(bad), None, "«{bad}» accepted");
        }
    }

    #[test]
    fn counts_are_finite_and_plausible() {
        let p = |cell: &str| parse_number(Path::new("f"), 2, 3, "population", cell);
        assert_eq!(p("1e9"), Ok(1e9));
        assert_eq!(p("-1e9"), Ok(-1e9)); // the sign is the caller's rule
        assert_eq!(p("+12.5"), Ok(12.5));
        for (cell, rule) in [
            ("", Rule::EmptyValue),
            ("NaN", Rule::NotANumber),
            ("-nan", Rule::NotANumber),
            ("inf", Rule::NotANumber),
            ("+Infinity", Rule::NotANumber),
            ("1,000", Rule::NotANumber),
            ("1000000001", Rule::ImplausibleValue),
            ("1e308", Rule::ImplausibleValue),
            ("1e999", Rule::ImplausibleValue),
            ("-1e10", Rule::ImplausibleValue),
        ] {
            let e = p(cell).unwrap_err();
            assert_eq!(
                (e.rule, e.line, e.column),
                (rule, Some(2), Some((4, "population".into()))),
                "{cell}"
            );
        }
        // A huge cell is quoted short.
        let e = p(&"x".repeat(10_000)).unwrap_err();
        assert!(e.message.len() < 100, "{}", e.message);
    }

    #[test]
    fn whole_counts_read_as_str_parse_reads_them() {
        let p = |cell: &str| parse_number(Path::new("f"), 2, 3, "population", cell);
        for cell in ["0", "007", "6309", "999999999", "1000000000", "0000000001"] {
            assert_eq!(p(cell), Ok(cell.parse::<f64>().unwrap()), "{cell}");
        }
    }

    /// Cells as `for_each_row` hands them over, and the problems it found.
    fn rows_of(bytes: &[u8]) -> (Vec<Vec<String>>, Problems) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("area.csv");
        std::fs::write(&path, bytes).unwrap();
        let Ok(mut src) = CsvSource::open(&path) else {
            panic!("cannot open")
        };
        let mut problems = Problems::default();
        let mut rows = Vec::new();
        src.for_each_row(&mut problems, |row, _| {
            rows.push(row.cells.iter().map(|c| c.to_string()).collect())
        });
        (rows, problems)
    }

    #[test]
    fn cells_are_trimmed_utf8_and_a_split_character_is_named() {
        let (rows, problems) =
            rows_of(" area , sex \nYnys Môn ,\" f \"\n\t x\t,m\n  \n".as_bytes());
        assert!(problems.list.is_empty(), "{problems}");
        assert_eq!(rows, [["Ynys Môn", "f"], ["x", "m"]]);
        // "é" is C3 A9: each half alone is not UTF-8, though the record's bytes together are.
        let (rows, problems) = rows_of(b"area,sex\n\xC3,\xA9\nok,m\n");
        assert_eq!(rows, [["ok", "m"]]);
        let p = problems.list.first().expect("a problem");
        assert_eq!(
            (p.rule, p.line, p.column.clone()),
            (Rule::NotUtf8, Some(2), Some((1, "area".into())))
        );
    }

    #[test]
    fn limits_read_as_text() {
        assert_eq!(bytes_text(1 << 20), "1 MiB (1048576 bytes)");
        assert_eq!(bytes_text(4 << 30), "4 GiB (4294967296 bytes)");
        assert_eq!(bytes_text(64 << 10), "64 KiB (65536 bytes)");
        assert_eq!(bytes_text(1000), "1000 bytes");
    }

    #[test]
    fn crlf_becomes_lf_across_chunk_edges() {
        for cap in 1..8 {
            let src = BufReader::with_capacity(cap, &b"a,b\r\n1,2\r\n3\r4\r"[..]);
            let mut s = String::new();
            CrlfToLf::new(src).read_to_string(&mut s).unwrap();
            assert_eq!(s, "a,b\n1,2\n3\r4\r", "capacity {cap}");
            // And into small buffers, which the copy of whole runs must not overrun.
            for out_len in 1..5 {
                let src = BufReader::with_capacity(cap, &b"a,b\r\n1,2\r\n3\r4\r"[..]);
                let mut r = CrlfToLf::new(src);
                let (mut got, mut buf) = (Vec::new(), vec![0u8; out_len]);
                loop {
                    let n = r.read(&mut buf).unwrap();
                    if n == 0 {
                        break;
                    }
                    got.extend_from_slice(&buf[..n]);
                }
                assert_eq!(got, b"a,b\n1,2\n3\r4\r", "capacity {cap}, buffer {out_len}");
            }
        }
    }
}
