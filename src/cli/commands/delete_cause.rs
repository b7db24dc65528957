//! `lifegap delete-cause`: the life table after removing or reducing a cause, and the gain.

use super::life_table::{COLUMNS, write_row};
use super::{find_group, load_reported, options};
use crate::cli::error::{CliError, Outcome, done, usage_or_input};
use crate::cli::output::{Csv, json, num};
use crate::cli::{DataArgs, DeleteMethod, TableArgs};
use lifegap_core::model::area::Sex;
use lifegap_core::model::cause_reduction::{AgeRange, AsdltA, asdlt_from_table, rate_method};
use serde_json::json as j;
use std::io;

/// What `lifegap delete-cause` was asked (clap has checked `fraction` is in 0–1).
pub struct Request<'a> {
    pub data: &'a DataArgs,
    pub area: &'a str,
    pub sex: Sex,
    pub cause: &'a str,
    pub fraction: f64,
    pub ages: AgeRange,
    pub method: DeleteMethod,
    pub table: &'a TableArgs,
}

pub fn run(q: &Request<'_>) -> Outcome {
    let Request {
        area,
        sex,
        cause,
        fraction,
        ages,
        table,
        ..
    } = *q;
    let opts = options(table)?;
    let (loaded, input_errors) = load_reported(q.data)?;
    let d = &loaded.data;
    let g = find_group(d, area, sex, input_errors)?;
    let key = lifegap_core::model::causes::normalise(cause);
    let Some(ci) = d.cause_index(&key) else {
        return Err(usage_or_input(
            input_errors,
            format!(
                "cause '{cause}' is not in {}; causes there: {}",
                d.provenance.source,
                d.causes.join(", ")
            ),
        ));
    };
    let before = g
        .life_table(d.bands, &opts)
        .map_err(|e| CliError::Input(format!("area '{area}', {sex}: no life table: {e}")))?;
    let all = g.all_deaths();
    match q.method {
        DeleteMethod::Rate => {
            let after = rate_method(
                d.bands,
                &g.population,
                &all,
                &g.deaths[ci],
                fraction,
                ages,
                &opts,
            )
            .map_err(|e| {
                CliError::Input(format!(
                    "area '{area}', {sex}: no life table after the reduction: {e}"
                ))
            })?;
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
                    let mut head: Vec<&str> = COLUMNS.to_vec();
                    head.extend(["e_before", "gain"]);
                    out.row(&head)?;
                    for (r, b) in after.rows.iter().zip(&before.rows) {
                        write_row(&mut out, r, table.no_suppress)?;
                        out.num(b.e)?;
                        out.num(r.e - b.e)?;
                        out.end_row()?;
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
    }?;
    done(input_errors)
}
