//! `lifegap life-table`: the PHE/ONS abridged life table, for one group or every group.
//!
//! A wide file is streamed group by group and each table written as soon as it is made, cell
//! by cell without a string per number, so a file of 1,000 areas prints in a few hundredths of
//! a second and in bounded memory.

use super::{find_group, load_reported, options, report};
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::{Csv, json};
use crate::cli::{DataArgs, TableArgs};
use lifegap_core::data::wide::stream_wide;
use lifegap_core::model::area::{Group, Sex};
use lifegap_core::model::bands::BandSet;
use lifegap_core::model::life_table::{LifeTable, LifeTableOptions, LifeTableRow};
use serde::Serialize;
use std::io::{self, Write};

pub const COLUMNS: [&str; 13] = [
    "age", "n", "a", "m", "q", "l", "d", "L", "T", "e", "se", "lower", "upper",
];

/// The [`COLUMNS`] cells of one row, not ending the CSV record (e empty where PHE suppresses
/// it unless `show_suppressed`).
pub fn write_row<W: Write>(
    out: &mut Csv<W>,
    r: &LifeTableRow,
    show_suppressed: bool,
) -> io::Result<()> {
    out.num(f64::from(r.age))?;
    out.num(r.n.unwrap_or(f64::NAN))?;
    out.num(r.a_fraction())?;
    out.num(r.m)?;
    out.num(r.q)?;
    out.num(r.l)?;
    out.num(r.d)?;
    out.num(r.big_l)?;
    out.num(r.t)?;
    out.num(if r.suppressed && !show_suppressed {
        f64::NAN
    } else {
        r.e
    })?;
    out.num(r.se)?;
    out.num(r.lower)?;
    out.num(r.upper)
}

#[derive(Serialize)]
struct JsonTable<'a> {
    area: &'a str,
    sex: Sex,
    table: &'a LifeTable,
}

struct Printer<W: Write> {
    csv: Csv<W>,
    with_group: bool,
    json: bool,
    show_suppressed: bool,
    header_done: bool,
    failed: bool,
    /// Groups that matched the request (printed or failed).
    matched: usize,
    json_items: Vec<serde_json::Value>,
}

impl<W: Write> Printer<W> {
    fn print(&mut self, bands: BandSet, g: &Group, opts: &LifeTableOptions) -> io::Result<()> {
        self.matched += 1;
        let t = match g.life_table(bands, opts) {
            Err(e) => {
                eprintln!("error: area '{}', {}: no life table: {e}", g.area, g.sex);
                self.failed = true;
                return Ok(());
            }
            Ok(t) => t,
        };
        for w in &t.warnings {
            eprintln!("warning: area '{}', {}: {w}", g.area, g.sex);
        }
        if self.json {
            let v = serde_json::to_value(JsonTable {
                area: &g.area,
                sex: g.sex,
                table: &t,
            })
            .map_err(io::Error::other)?;
            self.json_items.push(v);
            return Ok(());
        }
        if !self.header_done {
            if self.with_group {
                self.csv.text("area")?;
                self.csv.text("sex")?;
            }
            for c in COLUMNS {
                self.csv.text(c)?;
            }
            self.csv.end_row()?;
            self.header_done = true;
        }
        let sex = g.sex.to_string();
        for r in &t.rows {
            if self.with_group {
                self.csv.text(&g.area)?;
                self.csv.text(&sex)?;
            }
            write_row(&mut self.csv, r, self.show_suppressed)?;
            self.csv.end_row()?;
        }
        Ok(())
    }
}

/// What printing left to report once the output is flushed.
struct Printed {
    failed: bool,
    matched: usize,
    json_items: Vec<serde_json::Value>,
}

impl<W: Write> Printer<W> {
    fn new(out: W, with_group: bool, table: &TableArgs) -> Self {
        Printer {
            csv: Csv::new(out),
            with_group,
            json: table.json,
            show_suppressed: table.no_suppress,
            header_done: false,
            failed: false,
            matched: 0,
            json_items: Vec::new(),
        }
    }

    fn finish(mut self) -> io::Result<Printed> {
        self.csv.flush()?;
        Ok(Printed {
            failed: self.failed,
            matched: self.matched,
            json_items: std::mem::take(&mut self.json_items),
        })
    }
}

pub fn run(data: &DataArgs, area: Option<&str>, sex: Option<Sex>, table: &TableArgs) -> Outcome {
    let opts = options(table)?;
    let with_group = area.is_none() || sex.is_none();
    let input_errors;
    let printed;
    if let Some((area, sex)) = area.zip(sex) {
        let (loaded, errors) = load_reported(data)?;
        input_errors = errors;
        let g = find_group(&loaded.data, area, sex, input_errors)?;
        let mut p = Printer::new(io::stdout().lock(), with_group, table);
        p.print(loaded.data.bands, g, &opts)?;
        printed = p.finish()?;
    } else if data.population.is_some() {
        let (loaded, errors) = load_reported(data)?;
        input_errors = errors;
        let mut p = Printer::new(io::stdout().lock(), with_group, table);
        for g in &loaded.data.groups {
            if wanted(g, area, sex) {
                p.print(loaded.data.bands, g, &opts)?;
            }
        }
        printed = p.finish()?;
    } else {
        // Stream, in two threads on a pipeline: this one reads and checks the file, a second
        // makes each group's life table and writes it as soon as the group's rows are in
        // (bounded memory: at most `QUEUE` groups wait between the two). Reading and writing
        // each take about half the work, so a 2-core machine does both at once. Warnings come
        // out in the order of the groups, and the file's problems after every table, as
        // before.
        const QUEUE: usize = 64;
        let (tx, rx) = std::sync::mpsc::sync_channel::<(BandSet, Group)>(QUEUE);
        let (res, written) = std::thread::scope(|scope| {
            let writer = scope.spawn(|| {
                let mut p = Printer::new(io::stdout().lock(), with_group, table);
                for (bands, g) in rx {
                    // After a write error (a closed pipe) the rest is only drained.
                    p.print(bands, &g, &opts)?;
                }
                p.finish()
            });
            let res = stream_wide(&data.data, |bands, g| {
                if wanted(&g, area, sex) {
                    // A send fails only once the writer has stopped on an error, which its
                    // result reports.
                    let _ = tx.send((bands, g));
                }
            });
            drop(tx);
            let written = writer
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the life-table writer failed")));
            (res, written)
        });
        printed = written?;
        let (_, problems) = res?;
        report(&problems);
        input_errors = problems.has_errors();
    }
    if printed.matched == 0 && (area.is_some() || sex.is_some()) {
        let message = format!(
            "no valid group matches{}{}",
            area.map(|a| format!(" area '{a}'")).unwrap_or_default(),
            sex.map(|s| format!(" sex {s}")).unwrap_or_default()
        );
        return Err(super::usage_or_input(input_errors, message));
    }
    if table.json {
        json(&printed.json_items)?;
    }
    io::stdout().flush()?;
    if printed.failed {
        return Err(CliError::Input(
            "some groups have no life table (listed above)".into(),
        ));
    }
    done(input_errors)
}

fn wanted(g: &Group, area: Option<&str>, sex: Option<Sex>) -> bool {
    area.is_none_or(|a| g.area.eq_ignore_ascii_case(a)) && sex.is_none_or(|s| g.sex == s)
}
