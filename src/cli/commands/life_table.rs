//! `lifegap life-table`: the PHE/ONS abridged life table, for one group or every group.

use super::{find_group, load, options, parse_sex, report};
use crate::cli::output::{Csv, json, num, opt};
use crate::cli::{DataArgs, TableArgs, exit};
use crate::data::wide::stream_wide;
use crate::model::area::{Group, Sex};
use crate::model::bands::BandSet;
use crate::model::life_table::{LifeTable, LifeTableOptions};
use serde::Serialize;
use std::io::{self, Write};

const COLUMNS: [&str; 13] = [
    "age", "n", "a", "m", "q", "l", "d", "L", "T", "e", "se", "lower", "upper",
];

/// The CSV cells of a table's rows (e empty where PHE suppresses it unless `show_suppressed`).
pub fn table_cells(t: &LifeTable, show_suppressed: bool) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| {
            let e = if r.suppressed && !show_suppressed {
                String::new()
            } else {
                num(r.e)
            };
            vec![
                r.age.to_string(),
                opt(r.n),
                num(r.a_fraction()),
                num(r.m),
                num(r.q),
                num(r.l),
                num(r.d),
                num(r.big_l),
                num(r.t),
                e,
                num(r.se),
                num(r.lower),
                num(r.upper),
            ]
        })
        .collect()
}

#[derive(Serialize)]
struct JsonTable<'a> {
    area: &'a str,
    sex: Sex,
    table: &'a LifeTable,
}

struct Printer {
    csv: Csv<io::StdoutLock<'static>>,
    with_group: bool,
    json: bool,
    show_suppressed: bool,
    header_done: bool,
    failed: bool,
    /// Groups that matched the request (printed or failed).
    matched: usize,
    json_items: Vec<serde_json::Value>,
}

impl Printer {
    fn print(&mut self, bands: BandSet, g: &Group, opts: &LifeTableOptions) -> io::Result<()> {
        self.matched += 1;
        match g.life_table(bands, opts) {
            Err(e) => {
                eprintln!("error: area '{}', {}: no life table: {e}", g.area, g.sex);
                self.failed = true;
            }
            Ok(t) => {
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
                    let mut head: Vec<&str> = Vec::new();
                    if self.with_group {
                        head.extend(["area", "sex"]);
                    }
                    head.extend(COLUMNS);
                    self.csv.row(head)?;
                    self.header_done = true;
                }
                for cells in table_cells(&t, self.show_suppressed) {
                    if self.with_group {
                        let mut row = vec![g.area.clone(), g.sex.to_string()];
                        row.extend(cells);
                        self.csv.row(row)?;
                    } else {
                        self.csv.row(cells)?;
                    }
                }
            }
        }
        Ok(())
    }
}

pub fn run(data: &DataArgs, area: Option<&str>, sex: Option<&str>, table: &TableArgs) -> u8 {
    match run_inner(data, area, sex, table) {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => exit::OK,
        Err(e) => {
            eprintln!("error: {e}");
            exit::BAD_INPUT
        }
    }
}

fn run_inner(
    data: &DataArgs,
    area: Option<&str>,
    sex: Option<&str>,
    table: &TableArgs,
) -> io::Result<u8> {
    let opts = match options(table) {
        Ok(o) => o,
        Err(code) => return Ok(code),
    };
    let sex = match sex.map(parse_sex).transpose() {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let mut p = Printer {
        csv: Csv::new(io::stdout().lock()),
        with_group: area.is_none() || sex.is_none(),
        json: table.json,
        show_suppressed: table.no_suppress,
        header_done: false,
        failed: false,
        matched: 0,
        json_items: Vec::new(),
    };
    let single = area.zip(sex);
    let input_errors;
    if let Some((area, sex)) = single {
        let loaded = match load(data) {
            Ok(l) => l,
            Err(code) => return Ok(code),
        };
        report(&loaded.problems);
        input_errors = loaded.problems.has_errors();
        let g = match find_group(&loaded.data, area, sex) {
            Ok(g) => g,
            Err(code) => return Ok(if input_errors { exit::BAD_INPUT } else { code }),
        };
        p.print(loaded.data.bands, g, &opts)?;
    } else if data.population.is_some() {
        let loaded = match load(data) {
            Ok(l) => l,
            Err(code) => return Ok(code),
        };
        report(&loaded.problems);
        input_errors = loaded.problems.has_errors();
        for g in &loaded.data.groups {
            if wanted(g, area, sex) {
                p.print(loaded.data.bands, g, &opts)?;
            }
        }
    } else {
        // Stream: each group is printed as soon as its rows are in (bounded memory).
        let mut io_err = None;
        let res = stream_wide(&data.data, |bands, g| {
            if io_err.is_none()
                && wanted(&g, area, sex)
                && let Err(e) = p.print(bands, &g, &opts)
            {
                io_err = Some(e);
            }
        });
        if let Some(e) = io_err {
            return Err(e);
        }
        match res {
            Ok((_, problems)) => {
                report(&problems);
                input_errors = problems.has_errors();
            }
            Err(problems) => {
                report(&problems);
                return Ok(exit::BAD_INPUT);
            }
        }
    }
    if p.matched == 0 && (area.is_some() || sex.is_some()) {
        eprintln!(
            "error: no valid group matches{}{}",
            area.map(|a| format!(" area '{a}'")).unwrap_or_default(),
            sex.map(|s| format!(" sex {s}")).unwrap_or_default()
        );
        return Ok(if input_errors {
            exit::BAD_INPUT
        } else {
            exit::USAGE
        });
    }
    if p.json {
        json(&p.json_items)?;
    }
    p.csv.flush()?;
    io::stdout().flush()?;
    Ok(if p.failed || input_errors {
        exit::BAD_INPUT
    } else {
        exit::OK
    })
}

fn wanted(g: &Group, area: Option<&str>, sex: Option<Sex>) -> bool {
    area.is_none_or(|a| g.area.eq_ignore_ascii_case(a)) && sex.is_none_or(|s| g.sex == s)
}
