//! Earlier periods' life expectancy at birth for a new scenario's history (issue 10's guided
//! setup): `period,local_male,local_female,comparator_male,comparator_female`, one pooled
//! period a row, as an observatory keeps the published three-year figures.
//!
//! ```text
//! period,local_male,local_female,comparator_male,comparator_female
//! 1995-97,72.7,78.3,74.6,79.7
//! 2003-05,74.9,79.9,76.9,81.1
//! ```
//!
//! Every problem is located (file, line, column, rule); a period given twice is an error at
//! the second row. The rows come back in period order, each citing the file as its source.

use super::problem::{Problem, Problems, Rule};
use super::table;
use crate::model::scenario::{
    BySex, HistoryPoint, LIFE_EXPECTANCY, MAX_PERIOD_YEARS, Period, YEARS,
};
use std::path::Path;

pub const COLUMNS: [&str; 5] = [
    "period",
    "local_male",
    "local_female",
    "comparator_male",
    "comparator_female",
];

/// Read a history file: the periods and the warnings, or every problem.
pub fn read(path: &Path) -> Result<(Vec<HistoryPoint>, Problems), Problems> {
    let source = format!(
        "read from {}",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string())
    );
    let mut out: Vec<(HistoryPoint, u64)> = Vec::new();
    let problems = table::read(path, &COLUMNS, |c, problems| {
        let parsed = (|| -> Result<HistoryPoint, Problem> {
            let period = c.parsed(0, |t| {
                let p: Period = t.parse()?;
                let years = (p.last - p.first) as usize + 1;
                if YEARS.contains(&p.first) && YEARS.contains(&p.last) && years <= MAX_PERIOD_YEARS
                {
                    Ok(p)
                } else {
                    Err(format!(
                        "period '{t}' is out of range: years {}–{}, at most {MAX_PERIOD_YEARS} pooled",
                        YEARS.start(),
                        YEARS.end()
                    ))
                }
            })?;
            let what = format!(
                "life expectancy at birth in years, {} to {}",
                LIFE_EXPECTANCY.start(),
                LIFE_EXPECTANCY.end()
            );
            let e0 = |k| c.number(k, *LIFE_EXPECTANCY.start(), *LIFE_EXPECTANCY.end(), &what);
            Ok(HistoryPoint {
                period,
                local: BySex {
                    male: e0(1)?,
                    female: e0(2)?,
                },
                comparator: BySex {
                    male: e0(3)?,
                    female: e0(4)?,
                },
                source: source.clone(),
            })
        })();
        match parsed {
            Ok(h) => {
                if let Some((_, first)) = out.iter().find(|(o, _)| o.period == h.period) {
                    problems.push(c.problem(
                        0,
                        Rule::DuplicateRow,
                        format!("period {} is already given on line {first}", h.period),
                    ));
                } else {
                    out.push((h, c.line));
                }
            }
            Err(p) => problems.push(p),
        }
    })?;
    if problems.has_errors() {
        return Err(problems);
    }
    let mut rows: Vec<HistoryPoint> = out.into_iter().map(|(h, _)| h).collect();
    rows.sort_by_key(|h| (h.period.first, h.period.last));
    Ok((rows, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::data::temp_file as file;

    #[test]
    fn reads_in_period_order_citing_the_file() {
        let f = file(
            "period,local_male,local_female,comparator_male,comparator_female\n2003-05,74.9,79.9,76.9,81.1\n1995-97,72.7,78.3,74.6,79.7\n",
        );
        let (h, p) = read(f.path()).unwrap();
        assert!(p.list.is_empty());
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].period, Period::new(1995, 1997));
        assert_eq!(h[0].local.male, 72.7);
        assert_eq!(h[0].comparator.female, 79.7);
        assert_eq!(h[1].local.female, 79.9);
        assert!(h[0].source.starts_with("read from "), "{}", h[0].source);
    }

    #[test]
    fn every_problem_is_located() {
        let f = file(
            "period,local_male,local_female,comparator_male,comparator_female\n95-97,72,78,74,79\n1995-97,x,78,74,79\n1995-97,72,200,74,79\n1995-97,72,78,74,79\n1995-97,72,78,74,79\n1990-2005,72,78,74,79\n",
        );
        let p = read(f.path()).unwrap_err();
        let text = p.to_string();
        // "95-97" reads as the years 95 to 97, outside 1900-2100.
        assert!(
            text.contains(":2:1 (period): error [unknown-value]"),
            "{text}"
        );
        assert!(
            text.contains(":3:2 (local_male): error [not-a-number]"),
            "{text}"
        );
        assert!(
            text.contains(":4:3 (local_female): error [out-of-range]"),
            "{text}"
        );
        assert!(
            text.contains(":6:1 (period): error [duplicate-row]"),
            "{text}"
        );
        assert!(
            text.contains(":7:1 (period): error [unknown-value]"),
            "at most 10 years pooled: {text}"
        );
        assert_eq!(p.error_count(), 5);
        let missing = file("period,local_male\n1995-97,72\n");
        assert!(
            read(missing.path())
                .unwrap_err()
                .to_string()
                .contains("[missing-column]")
        );
    }
}
