//! Writing results: CSV (full precision, so every reference vector can be reproduced) or JSON.

use std::io::{self, Write};

/// Shortest text that reads back as the same f64 (Rust's `Display`), empty for NaN.
pub fn num(x: f64) -> String {
    if x.is_nan() {
        String::new()
    } else {
        format!("{x}")
    }
}

/// Optional number: empty cell when absent.
pub fn opt(x: Option<f64>) -> String {
    x.map(num).unwrap_or_default()
}

/// A CSV writer on stdout that quotes when needed.
pub struct Csv<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> Csv<W> {
    pub fn new(w: W) -> Self {
        Csv {
            inner: csv::WriterBuilder::new().from_writer(w),
        }
    }

    pub fn row<I, S>(&mut self, cells: I) -> io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        self.inner.write_record(cells).map_err(io::Error::other)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Write text to stdout. A reader that stops early (`| head`) is not an error: `Ok(false)`
/// says output was cut off; other failures are errors.
pub fn say(text: &str) -> io::Result<bool> {
    let mut lock = io::stdout().lock();
    match lock.write_all(text.as_bytes()).and_then(|_| lock.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e),
    }
}

/// Exit code after writing output: broken pipes are fine, other write errors are not.
pub fn exit_after(res: io::Result<()>, ok: u8) -> u8 {
    match res {
        Ok(()) => ok,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ok,
        Err(e) => {
            eprintln!("error: {e}");
            super::exit::BAD_INPUT
        }
    }
}

/// Print a JSON value on stdout.
pub fn json<T: serde::Serialize>(value: &T) -> io::Result<()> {
    let out = io::stdout();
    let mut lock = out.lock();
    serde_json::to_writer_pretty(&mut lock, value).map_err(io::Error::other)?;
    writeln!(lock)
}
