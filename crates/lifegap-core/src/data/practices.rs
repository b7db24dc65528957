//! A practice list: `code,name,hub,list_size,register,achieving,exceptions` (the hub may be
//! headed `locality`). Counts are whole people; a register no larger than the list, and
//! achieving plus exceptions no larger than the register. Every problem is located (file, line,
//! column, rule); a practice code given twice is an error at the second.

use super::problem::{Problem, Problems, Rule};
use super::source::MAX_COUNT;
use super::table;
use crate::model::practices::Practice;
use std::path::Path;

pub const COLUMNS: [&str; 7] = [
    "code",
    "name",
    "hub|locality",
    "list_size",
    "register",
    "achieving",
    "exceptions",
];

/// Read a practice list.
pub fn read(path: &Path) -> Result<(Vec<Practice>, Problems), Problems> {
    let columns = [
        "code",
        "name",
        "hub",
        "list_size",
        "register",
        "achieving",
        "exceptions",
    ];
    let mut out: Vec<(Practice, u64)> = Vec::new();
    let mut problems = table::read(path, &COLUMNS, |c, problems| {
        let parsed = (|| -> Result<Practice, Problem> {
            let code = c.text(0)?.to_string();
            let name = c.text(1)?.to_string();
            let hub = c.text(2)?.to_string();
            let count = |k| -> Result<f64, Problem> {
                let v = c.number(k, 0.0, MAX_COUNT, "a count of people from 0 to 1e9")?;
                if v.fract() != 0.0 {
                    return Err(c.problem(
                        k,
                        Rule::OutOfRange,
                        format!("{} {v} is not a whole number of people", columns[k]),
                    ));
                }
                Ok(v)
            };
            let list_size = count(3)?;
            if list_size == 0.0 {
                return Err(c.problem(
                    3,
                    Rule::PopulationNotPositive,
                    "list_size is 0: a practice has patients".into(),
                ));
            }
            let register = count(4)?;
            let achieving = count(5)?;
            let exceptions = count(6)?;
            if register > list_size {
                return Err(c.problem(
                    4,
                    Rule::DeathsExceedPopulation,
                    format!("register {register} is larger than the list ({list_size})"),
                ));
            }
            if achieving + exceptions > register {
                return Err(c.problem(
                    5,
                    Rule::OutOfRange,
                    format!(
                        "achieving {achieving} plus exceptions {exceptions} is more than the register ({register})"
                    ),
                ));
            }
            Ok(Practice {
                code,
                name,
                hub,
                list_size,
                register,
                achieving,
                exceptions,
            })
        })();
        match parsed {
            Ok(p) => {
                if let Some((_, first)) = out
                    .iter()
                    .find(|(o, _)| o.code.eq_ignore_ascii_case(&p.code))
                {
                    problems.push(c.problem(
                        0,
                        Rule::DuplicateRow,
                        format!("practice {} is already given on line {first}", p.code),
                    ));
                } else {
                    out.push((p, c.line));
                }
            }
            Err(p) => problems.push(p),
        }
    })?;
    if problems.has_errors() {
        return Err(problems);
    }
    if out.iter().all(|(p, _)| p.register == 0.0) {
        problems.push(Problem::error(
            path,
            Rule::NoRows,
            "every register is empty: there is nothing to compare",
        ));
        return Err(problems);
    }
    Ok((out.into_iter().map(|(p, _)| p).collect(), problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::data::temp_file as file;

    #[test]
    fn reads_with_locality() {
        let f = file(
            "code,name,locality,list_size,register,achieving,exceptions\nA1,One,North,5000,700,450,40\n",
        );
        let (p, _) = read(f.path()).unwrap();
        assert_eq!(p[0].hub, "North");
        assert_eq!(p[0].register, 700.0);
    }

    #[test]
    fn every_problem_is_located() {
        let f = file(
            "code,name,hub,list_size,register,achieving,exceptions\n\
             A1,One,North,5000,700,450,40\n\
             A2,Two,North,0,0,0,0\n\
             A3,Three,North,100,200,0,0\n\
             A4,Four,North,1000,100,90,20\n\
             A5,Five,North,1000,100,9.5,0\n\
             A6,Six,North,1000,100,NaN,0\n\
             a1,Dup,South,1000,100,10,0\n\
             A8,,South,1000,100,10,0\n",
        );
        let t = read(f.path()).unwrap_err().to_string();
        for want in [
            ":3:4 (list_size): error [population-not-positive]",
            ":4:5 (register): error [deaths-exceed-population]",
            ":5:6 (achieving): error [out-of-range]",
            ":6:6 (achieving): error [out-of-range]",
            ":7:6 (achieving): error [not-a-number]",
            ":8:1 (code): error [duplicate-row]",
            ":9:2 (name): error [empty-value]",
        ] {
            assert!(t.contains(want), "{want} missing from\n{t}");
        }
    }
}
