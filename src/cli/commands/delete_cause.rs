//! `lifegap delete-cause`: the life table after removing or reducing a cause, and the gain.

use super::life_table::table_cells;
use super::{find_group, load_reported, options, parse_sex};
use crate::cli::output::{Csv, json, num};
use crate::cli::{DataArgs, DeleteMethod, TableArgs, exit};
use crate::model::cause_reduction::{AgeRange, AsdltA, asdlt_from_table, rate_method};
use serde_json::json as j;
use std::io;

#[allow(clippy::too_many_arguments)]
pub fn run(
    data: &DataArgs,
    area: &str,
    sex: &str,
    cause: &str,
    fraction: f64,
    ages: &str,
    method: DeleteMethod,
    table: &TableArgs,
) -> u8 {
    let sex = match parse_sex(sex) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let ages: AgeRange = match ages.parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    if !(0.0..=1.0).contains(&fraction) {
        eprintln!("error: --fraction must be between 0 and 1, got {fraction}");
        return exit::USAGE;
    }
    let opts = match options(table) {
        Ok(o) => o,
        Err(c) => return c,
    };
    let (loaded, input_errors) = match load_reported(data) {
        Ok(x) => x,
        Err(c) => return c,
    };
    let code_for = |c: u8| if input_errors { exit::BAD_INPUT } else { c };
    let d = &loaded.data;
    let g = match find_group(d, area, sex) {
        Ok(g) => g,
        Err(c) => return code_for(c),
    };
    let key = crate::model::causes::normalise(cause);
    let Some(ci) = d.cause_index(&key) else {
        eprintln!(
            "error: cause '{cause}' is not in {}; causes there: {}",
            d.provenance.source,
            d.causes.join(", ")
        );
        return code_for(exit::USAGE);
    };
    let before = match g.life_table(d.bands, &opts) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: area '{area}', {sex}: no life table: {e}");
            return exit::BAD_INPUT;
        }
    };
    let all = g.all_deaths();
    let res = match method {
        DeleteMethod::Rate => {
            let after = match rate_method(
                d.bands,
                &g.population,
                &all,
                &g.deaths[ci],
                fraction,
                ages,
                &opts,
            ) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!(
                        "error: area '{area}', {sex}: no life table after the reduction: {e}"
                    );
                    return exit::BAD_INPUT;
                }
            };
            eprintln!(
                "{area}, {sex}: removing {:.0}% of {key} deaths at ages {ages} raises e0 from {:.3} to {:.3} (+{:.3} years)",
                fraction * 100.0,
                before.e0(),
                after.e0(),
                after.e0() - before.e0()
            );
            if table.json {
                json(
                    &j!({"method": "rate", "e0_before": before.e0(), "e0_after": after.e0(),
                    "gain": after.e0() - before.e0(), "table": after}),
                )
            } else {
                (|| {
                    let mut out = Csv::new(io::stdout().lock());
                    let mut head: Vec<&str> = vec![
                        "age", "n", "a", "m", "q", "l", "d", "L", "T", "e", "se", "lower", "upper",
                    ];
                    head.extend(["e_before", "gain"]);
                    out.row(&head)?;
                    for (i, mut cells) in table_cells(&after, table.no_suppress)
                        .into_iter()
                        .enumerate()
                    {
                        cells.push(num(before.rows[i].e));
                        cells.push(num(after.rows[i].e - before.rows[i].e));
                        out.row(&cells)?;
                    }
                    out.flush()
                })()
            }
        }
        DeleteMethod::Chiang => {
            let rows = asdlt_from_table(
                &before,
                &g.deaths[ci],
                fraction,
                ages,
                AsdltA::ProportionalHazards,
            );
            eprintln!(
                "{area}, {sex}: Chiang's associated single-decrement table without {:.0}% of {key} at ages {ages}: e0 {:.3} → {:.3} (+{:.3} years)",
                fraction * 100.0,
                before.e0(),
                rows[0].e,
                rows[0].e - before.e0()
            );
            if table.json {
                json(
                    &j!({"method": "chiang", "e0_before": before.e0(), "e0_after": rows[0].e,
                    "gain": rows[0].e - before.e0(), "table": rows}),
                )
            } else {
                (|| {
                    let mut out = Csv::new(io::stdout().lock());
                    out.row([
                        "age", "R", "p", "l", "d", "a", "L", "T", "e", "e_before", "gain",
                    ])?;
                    for (i, r) in rows.iter().enumerate() {
                        out.row([
                            r.age.to_string(),
                            num(r.r),
                            num(r.p),
                            num(r.l),
                            num(r.d),
                            num(r.a),
                            num(r.big_l),
                            num(r.t),
                            num(r.e),
                            num(before.rows[i].e),
                            num(r.e - before.rows[i].e),
                        ])?;
                    }
                    out.flush()
                })()
            }
        }
    };
    match res {
        Ok(()) => code_for(exit::OK),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => exit::OK,
        Err(e) => {
            eprintln!("error: {e}");
            exit::BAD_INPUT
        }
    }
}
