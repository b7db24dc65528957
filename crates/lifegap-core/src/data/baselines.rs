//! Mortality baselines for the DSR targets: `measure,sex,period,area,comparator`, the
//! published rates per 100,000 of the baseline period (e.g. 1995–97) for the area and
//! England, on the standard the targets use.
//!
//! ```text
//! measure,sex,period,area,comparator
//! circulatory-under-75,male,1995-97,196.2,166.5
//! ```
//!
//! Every problem is located (file, line, column, rule); a measure and sex given twice is an
//! error at the second row.

use super::problem::{Problem, Problems, Rule};
use super::table;
use crate::model::area::Sex;
use crate::model::dsr::Measure;
use crate::model::dsr::targets::Baseline;
use crate::model::scenario::{Period, YEARS};
use std::path::Path;

pub const COLUMNS: [&str; 5] = ["measure", "sex", "period", "area", "comparator"];

/// The largest rate accepted: 100,000 per 100,000 (everyone dies in a year) is already absurd.
pub const MAX_RATE: f64 = 100_000.0;

/// A measure name as `lifegap dsr` writes it.
pub fn parse_measure(t: &str) -> Result<Measure, String> {
    let n = t.trim().to_lowercase().replace('_', "-");
    Measure::ALL
        .into_iter()
        .find(|m| m.name() == n)
        .ok_or_else(|| {
            format!(
                "unknown measure '{}': use {}",
                table::short(t),
                Measure::ALL.map(Measure::name).join(", ")
            )
        })
}

/// Read a baselines file: the baselines and the warnings, or every problem.
pub fn read(path: &Path) -> Result<(Vec<Baseline>, Problems), Problems> {
    let mut out: Vec<(Baseline, u64)> = Vec::new();
    let problems = table::read(path, &COLUMNS, |c, problems| {
        let parsed = (|| -> Result<Baseline, Problem> {
            let measure = c.parsed(0, parse_measure)?;
            let sex = c.parsed(1, |t| t.parse::<Sex>())?;
            let period = c.parsed(2, |t| {
                let p: Period = t.parse()?;
                if YEARS.contains(&p.first) && YEARS.contains(&p.last) && p.last - p.first < 10 {
                    Ok(p)
                } else {
                    Err(format!(
                        "period '{t}' is out of range: years {}–{}, at most 10 pooled",
                        YEARS.start(),
                        YEARS.end()
                    ))
                }
            })?;
            let rate = |k| c.number(k, 0.0, MAX_RATE, "a rate per 100,000 from 0 to 100,000");
            Ok(Baseline {
                measure,
                sex,
                period,
                area: rate(3)?,
                comparator: rate(4)?,
            })
        })();
        match parsed {
            Ok(b) => {
                if let Some((_, first)) = out
                    .iter()
                    .find(|(o, _)| o.measure == b.measure && o.sex == b.sex)
                {
                    problems.push(c.problem(
                        0,
                        Rule::DuplicateRow,
                        format!(
                            "{} for {} is already given on line {first}",
                            b.measure.name(),
                            b.sex
                        ),
                    ));
                } else {
                    out.push((b, c.line));
                }
            }
            Err(p) => problems.push(p),
        }
    })?;
    if problems.has_errors() {
        return Err(problems);
    }
    Ok((out.into_iter().map(|(b, _)| b).collect(), problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::data::temp_file as file;

    #[test]
    fn reads_a_good_file() {
        let f = file(
            "measure,sex,period,area,comparator\ncirculatory-under-75,male,1995-97,196.2,166.5\ncancer_under_75,F,1995-97,130,120\n",
        );
        let (b, p) = read(f.path()).unwrap();
        assert!(p.list.is_empty());
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].measure, Measure::CancerUnder75);
        assert_eq!(b[1].sex, Sex::Female);
        assert_eq!(b[0].period, Period::new(1995, 1997));
    }

    #[test]
    fn every_problem_is_located() {
        let f = file(
            "measure,sex,period,area,comparator\nheart,male,1995-97,1,1\ncancer-under-75,x,1995-97,1,1\ncancer-under-75,male,1995-97,NaN,1\ncancer-under-75,male,1995-97,-3,1\ncancer-under-75,male,1995-97,3,1\ncancer-under-75,male,1995-97,3,1\n",
        );
        let p = read(f.path()).unwrap_err();
        let text = p.to_string();
        assert!(
            text.contains(":2:1 (measure): error [unknown-value]"),
            "{text}"
        );
        assert!(text.contains(":3:2 (sex): error [unknown-value]"), "{text}");
        assert!(text.contains(":4:4 (area): error [not-a-number]"), "{text}");
        assert!(text.contains(":5:4 (area): error [out-of-range]"), "{text}");
        assert!(
            text.contains(":7:1 (measure): error [duplicate-row]"),
            "{text}"
        );
        assert_eq!(p.error_count(), 5);
        let missing = file("measure,sex,period,area\n");
        let p = read(missing.path()).unwrap_err();
        assert!(p.to_string().contains("[missing-column]"));
        let empty = file("measure,sex,period,area,comparator\n");
        assert!(
            read(empty.path())
                .unwrap_err()
                .to_string()
                .contains("[no-rows]")
        );
    }
}
