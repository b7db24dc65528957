//! A comparator's published life expectancy series for Holt's method: `sex,period,e0`, one
//! row per sex and period (three-year rolling periods such as 1995-97, 1996-98, … or single
//! years), equally spaced within each sex. Every problem is located (file, line, column, rule).

use super::problem::{Problem, Problems, Rule};
use super::table;
use crate::model::area::Sex;
use crate::model::scenario::{Period, YEARS};
use std::path::Path;

pub const COLUMNS: [&str; 3] = ["sex", "period", "e0"];

pub use crate::model::england::Series;

/// Read a series file: one series per sex present, or every problem.
pub fn read(path: &Path) -> Result<(Vec<Series>, Problems), Problems> {
    let mut rows: Vec<(Sex, Period, f64, u64)> = Vec::new();
    let mut problems = table::read(path, &COLUMNS, |c, problems| {
        let parsed = (|| -> Result<(Sex, Period, f64), Problem> {
            let sex = c.parsed(0, |t| t.parse::<Sex>())?;
            let period = c.parsed(1, |t| {
                let p: Period = t.parse()?;
                if YEARS.contains(&p.first) && YEARS.contains(&p.last) && p.last - p.first < 10 {
                    Ok(p)
                } else {
                    Err(format!(
                        "period '{t}' is out of range: years 1900–2100, at most 10 pooled"
                    ))
                }
            })?;
            let e0 = c.number(2, 10.0, 120.0, "life expectancy from 10 to 120 years")?;
            Ok((sex, period, e0))
        })();
        match parsed {
            Ok((sex, period, e0)) => {
                if let Some((.., first)) = rows.iter().find(|(s, p, ..)| *s == sex && *p == period)
                {
                    problems.push(c.problem(
                        1,
                        Rule::DuplicateRow,
                        format!("{sex} {period} is already given on line {first}"),
                    ));
                } else {
                    rows.push((sex, period, e0, c.line));
                }
            }
            Err(p) => problems.push(p),
        }
    })?;
    let mut out = Vec::new();
    for sex in Sex::BOTH {
        let mut mine: Vec<&(Sex, Period, f64, u64)> = rows.iter().filter(|r| r.0 == sex).collect();
        if mine.is_empty() {
            continue;
        }
        mine.sort_by(|a, b| a.1.mid().total_cmp(&b.1.mid()));
        let step = if mine.len() > 1 {
            mine[1].1.mid() - mine[0].1.mid()
        } else {
            1.0
        };
        let mut ok = true;
        for w in mine.windows(2) {
            let gap = w[1].1.mid() - w[0].1.mid();
            if (gap - step).abs() > 1e-9 || w[1].1.last - w[1].1.first != w[0].1.last - w[0].1.first
            {
                problems.push(
                    Problem::error(
                        path,
                        Rule::OutOfRange,
                        format!(
                            "{sex}: {} follows {} but the series must be equally spaced periods of one length ({} year(s) apart, as its first two)",
                            w[1].1, w[0].1, step
                        ),
                    )
                    .at_line(w[1].3)
                    .at_column(1, "period"),
                );
                ok = false;
                break;
            }
        }
        if ok {
            out.push(Series {
                sex,
                periods: mine.iter().map(|r| r.1).collect(),
                values: mine.iter().map(|r| r.2).collect(),
                step,
            });
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok((out, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::data::temp_file as file;

    #[test]
    fn reads_and_sorts() {
        let f = file("sex,period,e0\nmale,1996-98,74.9\nmale,1995-97,74.6\nfemale,1995-97,79.7\n");
        let (s, _) = read(f.path()).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].values, vec![74.6, 74.9]);
        assert_eq!(s[0].step, 1.0);
    }

    #[test]
    fn uneven_spacing_and_bad_cells_are_located() {
        let f = file("sex,period,e0\nmale,1995-97,74.6\nmale,1996-98,74.9\nmale,2003-05,76.9\n");
        let t = read(f.path()).unwrap_err().to_string();
        assert!(t.contains(":4:2 (period): error [out-of-range]"), "{t}");
        let f = file("sex,period,e0\nmale,1995-97,740\nmale,1995-97,74\nmale,1996-98,74\n");
        let t = read(f.path()).unwrap_err().to_string();
        assert!(t.contains(":2:3 (e0): error [out-of-range]"), "{t}");
        let f = file("sex,period,e0\nmale,1995-97,74\nmale,1995-97,74\n");
        let t = read(f.path()).unwrap_err().to_string();
        assert!(t.contains(":3:2 (period): error [duplicate-row]"), "{t}");
    }
}
