//! `lifegap gap`: Arriaga decomposition of the gap between an area and its comparator.

use super::{find_group, load_reported, report};
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::{Csv, json, num};
use crate::cli::{DataArgs, GapBy, GapDirection};
use lifegap_core::data;
use lifegap_core::model::area::Sex;
use lifegap_core::model::causes;
use lifegap_core::model::decomposition::{Direction, GapDecomposition, decompose};
use lifegap_core::model::life_table::LifeTableOptions;
use std::io;
use std::path::Path;

/// What `lifegap gap` was asked.
pub struct Request<'a> {
    pub data: &'a DataArgs,
    pub area: &'a str,
    pub comparator: &'a str,
    /// The comparator from another wide file.
    pub comparator_data: Option<&'a Path>,
    pub sex: Sex,
    pub by: GapBy,
    pub direction: GapDirection,
    pub json: bool,
}

pub fn run(q: &Request<'_>) -> Outcome {
    let Request {
        area,
        comparator,
        sex,
        by,
        ..
    } = *q;
    let (loaded, input_errors) = load_reported(q.data)?;
    let other = match q.comparator_data {
        None => None,
        Some(p) => {
            let l = data::load(p, None)?;
            report(&l.problems);
            Some(l)
        }
    };
    // Errors in either file make the input bad (and explain a group not found).
    let input_errors = input_errors || other.as_ref().is_some_and(|l| l.problems.has_errors());
    let local = find_group(&loaded.data, area, sex, input_errors)?;
    let comp_data = other.as_ref().map_or(&loaded.data, |l| &l.data);
    let comp = find_group(comp_data, comparator, sex, input_errors)?;
    if comp_data.bands != loaded.data.bands {
        return Err(CliError::Input(
            "the area and comparator files use different age bands".into(),
        ));
    }
    // Causes must line up: match the comparator's columns to the area's by key.
    let causes = &loaded.data.causes;
    let mut comp_rates = Vec::new();
    let cmap: Vec<Option<usize>> = causes
        .iter()
        .map(|c| comp_data.causes.iter().position(|k| k == c))
        .collect();
    if cmap.iter().any(Option::is_none) || comp_data.causes.len() != causes.len() {
        if by != GapBy::Age {
            return Err(CliError::Input(format!(
                "cause columns differ between area ({}) and comparator ({}); use --by age",
                causes.join(","),
                comp_data.causes.join(",")
            )));
        }
    } else {
        comp_rates = comp
            .rates_by_band()
            .into_iter()
            .map(|row| cmap.iter().map(|j| row[j.expect("checked")]).collect())
            .collect();
    }
    let opts = LifeTableOptions::point_only();
    let (t1, t2) = match (
        local.life_table(loaded.data.bands, &opts),
        comp.life_table(comp_data.bands, &opts),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            let mut why = Vec::new();
            if let Err(e) = a {
                why.push(format!("area '{area}', {sex}: no life table: {e}"));
            }
            if let Err(e) = b {
                why.push(format!(
                    "comparator '{comparator}', {sex}: no life table: {e}"
                ));
            }
            return Err(CliError::Input(why.join("; ")));
        }
    };
    let dir = match q.direction {
        GapDirection::LocalToComparator => Direction::LocalToComparator,
        GapDirection::Symmetric => Direction::Symmetric,
    };
    let (cause_names, m1) = if comp_rates.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        (causes.clone(), local.rates_by_band())
    };
    let dec = decompose(&t1, &t2, &cause_names, &m1, &comp_rates, dir)
        .map_err(|e| CliError::Input(e.to_string()))?;
    eprintln!(
        "gap ({sex}): e0 {comparator} {:.3} − e0 {area} {:.3} = {:.3} years",
        dec.e0_comparator,
        dec.e0_local,
        dec.gap()
    );
    if q.json {
        json(&dec)?;
    } else {
        write_csv(&dec, by)?;
    }
    done(input_errors)
}

fn write_csv(dec: &GapDecomposition, by: GapBy) -> io::Result<()> {
    let mut out = Csv::new(io::stdout().lock());
    let by_cause = dec.by_cause();
    match by {
        GapBy::Cause => {
            out.row(["cause", "label", "contribution"])?;
            for (c, v) in dec.causes.iter().zip(&by_cause) {
                out.row([c.clone(), causes::label(c), num(*v)])?;
            }
            out.row(["all".to_string(), "All causes".into(), num(dec.total())])?;
        }
        GapBy::Age | GapBy::AgeCause => {
            let with_causes = by == GapBy::AgeCause;
            let mut head = vec![
                "age".to_string(),
                "direct".into(),
                "indirect".into(),
                "total".into(),
            ];
            if with_causes {
                head.extend(dec.causes.iter().cloned());
            }
            out.row(&head)?;
            let (mut sd, mut si) = (0.0, 0.0);
            for (i, b) in dec.by_age.iter().enumerate() {
                sd += b.direct;
                si += b.indirect;
                let mut row = vec![
                    b.age.to_string(),
                    num(b.direct),
                    num(b.indirect),
                    num(b.total),
                ];
                if with_causes {
                    row.extend(dec.by_age_cause[i].iter().map(|v| num(*v)));
                }
                out.row(&row)?;
            }
            let mut row = vec!["all".to_string(), num(sd), num(si), num(dec.total())];
            if with_causes {
                row.extend(by_cause.iter().map(|v| num(*v)));
            }
            out.row(&row)?;
        }
    }
    out.flush()
}
