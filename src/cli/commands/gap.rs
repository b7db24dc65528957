//! `lifegap gap`: Arriaga decomposition of the gap between an area and its comparator.

use super::{find_group, load_reported, parse_sex, report};
use crate::cli::output::{Csv, json, num};
use crate::cli::{DataArgs, GapBy, GapDirection, exit};
use crate::data;
use crate::model::causes;
use crate::model::decomposition::{Direction, GapDecomposition, decompose};
use crate::model::life_table::LifeTableOptions;
use std::io;
use std::path::Path;

#[allow(clippy::too_many_arguments)]
pub fn run(
    data_args: &DataArgs,
    area: &str,
    comparator: &str,
    comparator_data: Option<&Path>,
    sex: &str,
    by: GapBy,
    direction: GapDirection,
    as_json: bool,
) -> u8 {
    let sex = match parse_sex(sex) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let (loaded, input_errors) = match load_reported(data_args) {
        Ok(x) => x,
        Err(c) => return c,
    };
    let other = match comparator_data {
        None => None,
        Some(p) => match data::load(p, None) {
            Ok(l) => {
                report(&l.problems);
                Some(l)
            }
            Err(p) => {
                report(&p);
                return exit::BAD_INPUT;
            }
        },
    };
    // Errors in either file make the input bad (and explain a group not found).
    let input_errors = input_errors || other.as_ref().is_some_and(|l| l.problems.has_errors());
    let code_for = |c: u8| if input_errors { exit::BAD_INPUT } else { c };
    let local = match find_group(&loaded.data, area, sex) {
        Ok(g) => g,
        Err(c) => return code_for(c),
    };
    let comp_data = other.as_ref().map_or(&loaded.data, |l| &l.data);
    let comp = match find_group(comp_data, comparator, sex) {
        Ok(g) => g,
        Err(c) => return code_for(c),
    };
    if comp_data.bands != loaded.data.bands {
        eprintln!("error: the area and comparator files use different age bands");
        return exit::BAD_INPUT;
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
            eprintln!(
                "error: cause columns differ between area ({}) and comparator ({}); use --by age",
                causes.join(","),
                comp_data.causes.join(",")
            );
            return exit::BAD_INPUT;
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
            if let Err(e) = a {
                eprintln!("error: area '{area}', {sex}: no life table: {e}");
            }
            if let Err(e) = b {
                eprintln!("error: comparator '{comparator}', {sex}: no life table: {e}");
            }
            return exit::BAD_INPUT;
        }
    };
    let dir = match direction {
        GapDirection::LocalToComparator => Direction::LocalToComparator,
        GapDirection::Symmetric => Direction::Symmetric,
    };
    let (cause_names, m1) = if comp_rates.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        (causes.clone(), local.rates_by_band())
    };
    let dec = match decompose(&t1, &t2, &cause_names, &m1, &comp_rates, dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::BAD_INPUT;
        }
    };
    eprintln!(
        "gap ({sex}): e0 {comparator} {:.3} − e0 {area} {:.3} = {:.3} years",
        dec.e0_comparator,
        dec.e0_local,
        dec.gap()
    );
    let res = if as_json {
        json(&dec)
    } else {
        write_csv(&dec, by)
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
