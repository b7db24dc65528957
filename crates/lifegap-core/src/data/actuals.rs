//! Delivery actuals: `programme,partner,quarter,people`, the people each partner reached in
//! each quarter (see `model::monitor`). Checked against the scenario as they are read: an
//! unknown programme or partner, a quarter outside the programme's plan, a negative or
//! non-numeric count, or a programme × partner × quarter given twice is an error at its line
//! and column, with the rule it breaks.
//!
//! `partner` names a partner of the programme's action plan as "name (locality)" (or the name
//! alone, when that is unique in the plan); a programme with no partners in its plan takes
//! `all`.

use super::problem::{Problem, Problems, Rule};
use super::source::MAX_COUNT;
use super::table;
pub use crate::model::monitor::Known;
use crate::model::monitor::{Actual, Quarter};
use std::path::Path;

pub const COLUMNS: [&str; 4] = ["programme", "partner", "quarter", "people"];

fn resolve_partner(k: &Known, t: &str) -> Result<String, String> {
    let t = t.trim();
    if k.partners.is_empty() {
        return if t.eq_ignore_ascii_case("all") {
            Ok("all".into())
        } else {
            Err(format!(
                "'{}': programme '{}' has no partners in its action plan: write all",
                table::short(t),
                k.id
            ))
        };
    }
    if let Some((label, _)) = k.partners.iter().find(|(l, _)| l.eq_ignore_ascii_case(t)) {
        return Ok(label.clone());
    }
    let by_name: Vec<&(String, String)> = k
        .partners
        .iter()
        .filter(|(_, n)| n.eq_ignore_ascii_case(t))
        .collect();
    match by_name.as_slice() {
        [(label, _)] => Ok(label.clone()),
        _ => Err(format!(
            "'{}' is not {} partner{}: use one of {}",
            table::short(t),
            k.id,
            if by_name.len() > 1 {
                " on its own (name the locality)"
            } else {
                ""
            },
            k.partners
                .iter()
                .map(|(l, _)| l.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        )),
    }
}

/// Read an actuals file against the programmes it may name.
pub fn read(path: &Path, known: &[Known]) -> Result<(Vec<Actual>, Problems), Problems> {
    let mut out: Vec<(Actual, u64)> = Vec::new();
    let problems = table::read(path, &COLUMNS, |c, problems| {
        let parsed =
            (|| -> Result<Actual, Problem> {
                let k =
                    c.parsed(0, |t| {
                        known
                    .iter()
                    .find(|k| k.id.eq_ignore_ascii_case(t.trim()))
                    .ok_or_else(|| {
                        format!(
                            "unknown programme '{}': the scenario's enabled programmes are {}",
                            table::short(t),
                            known.iter().map(|k| k.id.as_str()).collect::<Vec<_>>().join(", ")
                        )
                    })
                    })?;
                let partner = c.parsed(1, |t| resolve_partner(k, t))?;
                let quarter = c.parsed(2, Quarter::parse)?;
                if quarter < k.first || quarter > k.last {
                    return Err(c.problem(
                        2,
                        Rule::OutOfRange,
                        format!(
                            "{quarter} is outside {}'s plan ({} to {})",
                            k.id, k.first, k.last
                        ),
                    ));
                }
                let people = c.number(3, 0.0, MAX_COUNT, "people from 0 to 1e9")?;
                Ok(Actual {
                    programme: k.id.clone(),
                    partner,
                    quarter,
                    people,
                })
            })();
        match parsed {
            Ok(a) => {
                if let Some((_, first)) = out.iter().find(|(o, _)| {
                    o.programme == a.programme && o.partner == a.partner && o.quarter == a.quarter
                }) {
                    problems.push(c.problem(
                        2,
                        Rule::DuplicateRow,
                        format!(
                            "{} / {} / {} is already given on line {first}",
                            a.programme, a.partner, a.quarter
                        ),
                    ));
                } else {
                    out.push((a, c.line));
                }
            }
            Err(p) => problems.push(p),
        }
    })?;
    if problems.has_errors() {
        return Err(problems);
    }
    Ok((out.into_iter().map(|(a, _)| a).collect(), problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<Known> {
        let q = |s: &str| Quarter::parse(s).unwrap();
        vec![
            Known {
                id: "statins".into(),
                partners: vec![
                    ("Hub (North)".into(), "Hub".into()),
                    ("Hub (South)".into(), "Hub".into()),
                    ("Pharmacy".into(), "Pharmacy".into()),
                ],
                first: q("2009 Q1"),
                last: q("2011 Q4"),
            },
            Known {
                id: "smoking".into(),
                partners: vec![],
                first: q("2009 Q1"),
                last: q("2011 Q4"),
            },
        ]
    }

    use crate::data::temp_file as file;

    #[test]
    fn reads_and_resolves() {
        let f = file(
            "programme,partner,quarter,people\nstatins,hub (north),2009 Q1,10\nSTATINS,pharmacy,2009-Q2,5\nsmoking,all,2009Q1,7\n",
        );
        let (a, _) = read(f.path(), &known()).unwrap();
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].partner, "Hub (North)");
        assert_eq!(a[1].programme, "statins");
        assert_eq!(a[2].partner, "all");
    }

    #[test]
    fn every_problem_is_located() {
        let f = file(
            "programme,partner,quarter,people\n\
             aspirin,all,2009 Q1,1\n\
             statins,Hub,2009 Q1,1\n\
             statins,Pharmacy,2008 Q4,1\n\
             statins,Pharmacy,2009 Q5,1\n\
             statins,Pharmacy,2009 Q1,-1\n\
             statins,Pharmacy,2009 Q1,lots\n\
             smoking,Pharmacy,2009 Q1,1\n\
             statins,Pharmacy,2009 Q1,1\n\
             statins,pharmacy,2009 Q1,2\n",
        );
        let t = read(f.path(), &known()).unwrap_err().to_string();
        for want in [
            ":2:1 (programme): error [unknown-value]",
            ":3:2 (partner): error [unknown-value]: partner: 'Hub' is not statins partner on its own",
            ":4:3 (quarter): error [out-of-range]",
            ":5:3 (quarter): error [unknown-value]",
            ":6:4 (people): error [out-of-range]",
            ":7:4 (people): error [not-a-number]",
            ":8:2 (partner): error [unknown-value]",
            ":10:3 (quarter): error [duplicate-row]",
        ] {
            assert!(t.contains(want), "{want} missing from\n{t}");
        }
    }
}
