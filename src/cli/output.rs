//! Writing results: CSV (full precision, so every reference vector can be reproduced) or JSON.

use std::io::{self, Write};

pub use lifegap_report::format::{num, opt};

/// A CSV writer that quotes when needed. Whole rows go through [`Csv::row`]; large outputs
/// write field by field ([`Csv::num`], [`Csv::text`], [`Csv::end_row`]) with no string per cell.
pub struct Csv<W: Write> {
    inner: csv::Writer<W>,
    scratch: Vec<u8>,
}

impl<W: Write> Csv<W> {
    pub fn new(w: W) -> Self {
        Csv {
            inner: csv::WriterBuilder::new()
                .buffer_capacity(1 << 16)
                .from_writer(w),
            scratch: Vec::with_capacity(32),
        }
    }

    /// A whole row; text cells a spreadsheet would run as formulas are neutralised.
    pub fn row<I, S>(&mut self, cells: I) -> io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for c in cells {
            self.text(c.as_ref())?;
        }
        self.end_row()
    }

    /// One number cell at full precision (empty for NaN).
    pub fn num(&mut self, x: f64) -> io::Result<()> {
        self.scratch.clear();
        lifegap_report::format::write_num(&mut self.scratch, x);
        self.inner.write_field(&self.scratch).map_err(csv_io)
    }

    /// One text cell (quoted if it needs it; a formula is neutralised, see
    /// [`lifegap_report::format::csv_safe`]).
    pub fn text(&mut self, t: &str) -> io::Result<()> {
        self.inner
            .write_field(lifegap_report::format::csv_safe(t).as_bytes())
            .map_err(csv_io)
    }

    pub fn end_row(&mut self) -> io::Result<()> {
        self.inner.write_record(None::<&[u8]>).map_err(csv_io)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Write text to stdout. A reader that stops early (`| head`) shows as a `BrokenPipe` error,
/// which `main` treats as success.
pub fn say(text: &str) -> io::Result<()> {
    let mut lock = io::stdout().lock();
    lock.write_all(lifegap_report::format::printable(text).as_bytes())?;
    lock.flush()
}

/// Is there a stdout to write to? When a program starts with its standard output closed
/// (`cmd >&-`), Rust's runtime reopens descriptor 1 on `/dev/null` (read-write) so that writes
/// quietly vanish, which would turn a lost result into exit 0. A shell's `> /dev/null` opens it
/// write-only; so on Linux, descriptor 1 on `/dev/null` opened read-write means "closed".
pub fn stdout_is_open() -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let on_null = std::fs::read_link("/proc/self/fd/1")
            .is_ok_and(|p| p == std::path::Path::new("/dev/null"));
        let read_write = std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("flags:"))
                .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
                .is_some_and(|flags| flags & 0o3 == 0o2)
        });
        if on_null && read_write {
            return Err(io::Error::other("standard output is closed"));
        }
    }
    Ok(())
}

/// A CSV error as the I/O error it wraps, so a closed pipe stays recognisable.
fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Print a JSON value on stdout.
pub fn json<T: serde::Serialize>(value: &T) -> io::Result<()> {
    let out = io::stdout();
    let mut lock = out.lock();
    serde_json::to_writer_pretty(&mut lock, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    })?;
    writeln!(lock)
}
