//! Writing results: CSV (full precision, so every reference vector can be reproduced) or JSON.

use std::io::{self, Write};

pub use lifegap_report::format::{num, opt};

/// A CSV writer that quotes when needed, field by field into one buffer: whole rows go
/// through [`Csv::row`]; large outputs write [`Csv::num`], [`Csv::text`], [`Csv::end_row`]
/// with no string per cell.
///
/// It writes exactly what the `csv` crate's writer writes with its defaults (`,`, `\n`,
/// quotes only where needed, a record of one empty field as `""`; a test below compares the
/// two), without its per-field state machine, which cost a tenth of a 1,000-area `life-table`
/// run: a number never needs quotes, so it goes straight into the buffer.
pub struct Csv<W: Write> {
    out: W,
    buf: Vec<u8>,
    /// Where the current row starts in `buf`.
    row_start: usize,
    /// Fields written in the current row.
    fields: usize,
}

/// Hand the buffer to the writer once it holds this much.
const FLUSH_AT: usize = 1 << 16;

impl<W: Write> Csv<W> {
    pub fn new(w: W) -> Self {
        Csv {
            out: w,
            buf: Vec::with_capacity(FLUSH_AT + 1024),
            row_start: 0,
            fields: 0,
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

    fn next_field(&mut self) {
        if self.fields > 0 {
            self.buf.push(b',');
        }
        self.fields += 1;
    }

    /// One number cell at full precision (empty for NaN).
    pub fn num(&mut self, x: f64) -> io::Result<()> {
        self.next_field();
        lifegap_report::format::write_num(&mut self.buf, x);
        Ok(())
    }

    /// One text cell (quoted if it needs it; a formula is neutralised, see
    /// [`lifegap_report::format::csv_safe`]).
    pub fn text(&mut self, t: &str) -> io::Result<()> {
        self.next_field();
        let t = lifegap_report::format::csv_safe(t);
        if t.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n')) {
            self.buf.push(b'"');
            for b in t.bytes() {
                if b == b'"' {
                    self.buf.push(b'"');
                }
                self.buf.push(b);
            }
            self.buf.push(b'"');
        } else {
            self.buf.extend_from_slice(t.as_bytes());
        }
        Ok(())
    }

    pub fn end_row(&mut self) -> io::Result<()> {
        if self.buf.len() == self.row_start {
            // No byte in the record (no field, or one empty field): `""`, or the row would
            // read back as a blank line.
            self.buf.extend_from_slice(b"\"\"");
        }
        self.buf.push(b'\n');
        self.fields = 0;
        if self.buf.len() >= FLUSH_AT {
            self.write_buffer()?;
        }
        self.row_start = self.buf.len();
        Ok(())
    }

    fn write_buffer(&mut self) -> io::Result<()> {
        let result = self.out.write_all(&self.buf);
        self.buf.clear();
        self.row_start = 0;
        result
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.write_buffer()?;
        self.out.flush()
    }
}

impl<W: Write> Drop for Csv<W> {
    /// Like `csv::Writer`, what is still buffered is written when the writer goes (errors are
    /// for [`Csv::flush`] to report).
    fn drop(&mut self) {
        if !self.buf.is_empty() {
            let _ = self.out.write_all(&self.buf);
            let _ = self.out.flush();
        }
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

#[cfg(test)]
mod tests {
    use super::Csv;
    use proptest::prelude::*;

    fn ours(rows: &[Vec<String>]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut csv = Csv::new(&mut out);
            for r in rows {
                csv.row(r).unwrap();
            }
            csv.flush().unwrap();
        }
        out
    }

    fn csv_crate(rows: &[Vec<String>]) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for r in rows {
            let safe: Vec<_> = r
                .iter()
                .map(|c| lifegap_report::format::csv_safe(c).into_owned())
                .collect();
            w.write_record(&safe).unwrap();
        }
        w.into_inner().unwrap()
    }

    #[test]
    fn writes_what_the_csv_crate_writes() {
        let rows: Vec<Vec<String>> = vec![
            vec!["area".into(), "sex".into()],
            vec!["Stoke, on \"Trent\"".into(), "".into()],
            vec!["".into()],
            vec![],
            vec!["".into(), "".into()],
            vec!["two\nlines".into(), "cr\rx".into(), "=1+1".into()],
        ];
        assert_eq!(
            String::from_utf8(ours(&rows)).unwrap(),
            String::from_utf8(csv_crate(&rows)).unwrap()
        );
    }

    #[test]
    fn numbers_are_never_quoted_and_nan_is_empty() {
        let mut out = Vec::new();
        {
            let mut csv = Csv::new(&mut out);
            for x in [1.5, -0.0, f64::NAN, 1e21] {
                csv.num(x).unwrap();
            }
            csv.end_row().unwrap();
            csv.flush().unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "1.5,-0,,1000000000000000000000\n"
        );
    }

    proptest! {
        #[test]
        fn any_rows_are_written_as_the_csv_crate_writes_them(
            rows in prop::collection::vec(
                prop::collection::vec("[a-z ,\"\r\n=+@-]{0,6}", 0..4),
                0..6,
            )
        ) {
            prop_assert_eq!(ours(&rows), csv_crate(&rows));
        }
    }
}
