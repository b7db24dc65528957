//! ICD-10 underlying-cause codes and the editable table that maps them to lifegap's causes.
//!
//! Death records carry the ONS-coded underlying cause as an ICD-10 code (`I21.9`, `I219`,
//! `C34X`). The gap analyses of the PSA era (the Segment Tool, the PSA mortality targets)
//! group them into a handful of causes (CHD I20–I25, stroke I60–I69, …). That grouping is
//! data, not code: `assets/data/icd10-to-causes.csv` ships with its source in its header and
//! analysts may pass their own with `--mapping`. The first row whose range holds a code wins,
//! so a specific group is listed before the broad one it sits in.

use super::columns::{Columns, require};
use crate::data::problem::{Problem, Problems, Rule};
use crate::data::source::{CsvSource, shorten};
use crate::model::causes;
use std::path::Path;

/// The mapping shipped with lifegap (also in `assets/data/`, where it can be edited and passed
/// back with `--mapping`).
pub const DEFAULT_MAPPING: &str = include_str!("../../../../assets/data/icd10-to-causes.csv");

/// A three-character ICD-10 category, ordered as the classification is (A00 < A01 < … < Z99).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Category {
    letter: u8,
    number: u8,
}

impl Category {
    /// `I21` → I21. Exactly one letter and two digits.
    pub fn parse3(s: &str) -> Option<Category> {
        let b = s.trim().as_bytes();
        if b.len() != 3 {
            return None;
        }
        Self::from_bytes(b[0], b[1], b[2])
    }

    fn from_bytes(l: u8, d1: u8, d2: u8) -> Option<Category> {
        let l = l.to_ascii_uppercase();
        (l.is_ascii_uppercase() && d1.is_ascii_digit() && d2.is_ascii_digit()).then(|| Category {
            letter: l,
            number: (d1 - b'0') * 10 + (d2 - b'0'),
        })
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{:02}", self.letter as char, self.number)
    }
}

/// Parse an underlying-cause code as death extracts write it: a letter, two digits, then
/// optionally a dot and a fourth character (a digit, or `X` for "no subdivision"), and for the
/// few five-character codes a further digit. `I21.9`, `I219`, `i21`, `C34X`, `U071` are read;
/// `21.9`, `I2`, `I21.99X`, `ICD` are not. Only the three-character category is needed for the
/// cause groups.
pub fn parse_code(s: &str) -> Option<Category> {
    let t = s.trim();
    let b = t.as_bytes();
    if b.len() < 3 {
        return None;
    }
    let cat = Category::from_bytes(b[0], b[1], b[2])?;
    let mut rest = &b[3..];
    if let Some(r) = rest.strip_prefix(b".") {
        if r.is_empty() {
            return None;
        }
        rest = r;
    }
    let ok = match rest {
        [] => true,
        [c] => c.is_ascii_digit() || c.eq_ignore_ascii_case(&b'x'),
        [c, d] => c.is_ascii_digit() && d.is_ascii_digit(),
        _ => false,
    };
    ok.then_some(cat)
}

/// One row of the mapping: a range of categories (inclusive), the cause, an optional age limit.
#[derive(Debug, Clone, PartialEq)]
struct MapRow {
    first: Category,
    last: Category,
    cause: usize,
    max_age: Option<u32>,
}

/// The mapping: causes in output order (the taxonomy's order) and the rows, first match wins.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    /// Normalised cause keys, each a key of the default taxonomy, in taxonomy order.
    pub causes: Vec<String>,
    rows: Vec<MapRow>,
    /// The file's `# note:` lines (its source), for the provenance of files built with it.
    pub notes: Vec<String>,
    pub source: String,
}

/// At most this many rows: ICD-10 has about 2,000 three-character categories, so a mapping
/// longer than that is not a mapping.
const MAX_ROWS: u64 = 2_000;

impl Mapping {
    /// The mapping shipped with lifegap.
    pub fn default_mapping() -> Mapping {
        Self::from_reader(
            Path::new("built-in assets/data/icd10-to-causes.csv"),
            Box::new(std::io::Cursor::new(DEFAULT_MAPPING.as_bytes())),
        )
        .expect("the shipped mapping is valid (tested)")
    }

    /// Read a mapping file (`first,last,cause[,max_age]`).
    pub fn load(path: &Path) -> Result<Mapping, Problems> {
        Self::finish(CsvSource::open(path)?)
    }

    fn from_reader(path: &Path, r: Box<dyn std::io::Read + Send>) -> Result<Mapping, Problems> {
        Self::finish(CsvSource::from_reader(path, r, Default::default())?)
    }

    fn finish(mut src: CsvSource) -> Result<Mapping, Problems> {
        let mut problems = Problems::default();
        let cols = Columns::of(&src);
        let first = require(&src, &cols, &["first", "from"], &mut problems);
        let last = require(&src, &cols, &["last", "to"], &mut problems);
        let cause = require(&src, &cols, &["cause"], &mut problems);
        let max_age = cols.find(&["max_age"]);
        let (Some(first), Some(last), Some(cause)) = (first, last, cause) else {
            return Err(problems);
        };
        let path = src.path.clone();
        let mut keys: Vec<&'static str> = Vec::new();
        let mut rows = Vec::new();
        let mut count = 0u64;
        src.for_each_row(&mut problems, |row, problems| {
            count += 1;
            if count > MAX_ROWS {
                if count == MAX_ROWS + 1 {
                    problems.push(
                        Problem::error(
                            &path,
                            Rule::ImplausibleValue,
                            format!("more than {MAX_ROWS} rows: ICD-10 has about 2,000 categories"),
                        )
                        .at_line(row.line),
                    );
                }
                return;
            }
            let at = |col: usize, rule, msg: String| {
                Problem::error(&path, rule, msg)
                    .at_line(row.line)
                    .at_column(col, &cols.names[col])
            };
            let cat = |col: usize| {
                Category::parse3(row.cells[col]).ok_or_else(|| {
                    at(
                        col,
                        Rule::InvalidCode,
                        format!(
                            "'{}' is not a three-character ICD-10 category such as I20",
                            shorten(row.cells[col])
                        ),
                    )
                })
            };
            let (a, b) = match (cat(first), cat(last)) {
                (Ok(a), Ok(b)) => (a, b),
                (a, b) => {
                    a.err().into_iter().chain(b.err()).for_each(|p| problems.push(p));
                    return;
                }
            };
            if b < a {
                problems.push(at(
                    last,
                    Rule::InvalidCode,
                    format!("the range {a}–{b} runs backwards"),
                ));
                return;
            }
            let key = causes::normalise(row.cells[cause]);
            let Some(info) = causes::lookup(&key) else {
                problems.push(at(
                    cause,
                    Rule::UnknownCause,
                    format!(
                        "'{}' is not a cause of lifegap's taxonomy (chd, stroke, other_circulatory, lung_cancer, …, other)",
                        shorten(row.cells[cause])
                    ),
                ));
                return;
            };
            let age = match max_age.map(|c| (c, row.cells[c].trim())) {
                None | Some((_, "")) => None,
                Some((c, t)) => match t.parse::<u32>() {
                    Ok(v) if v <= super::deaths::MAX_AGE => Some(v),
                    _ => {
                        problems.push(at(
                            c,
                            Rule::AgeOutOfRange,
                            format!("max_age '{}' is not a whole age 0–120", shorten(t)),
                        ));
                        return;
                    }
                },
            };
            if !keys.contains(&info.key) {
                keys.push(info.key);
            }
            rows.push((a, b, info.key, age));
        });
        if problems.has_errors() || src.stopped() {
            return Err(problems);
        }
        if rows.is_empty() {
            problems.push(Problem::error(
                &path,
                Rule::NoRows,
                "the mapping has no rows",
            ));
            return Err(problems);
        }
        // Output columns in the taxonomy's order, whatever order the mapping lists them in.
        let ordered: Vec<&str> = causes::TAXONOMY
            .iter()
            .map(|c| c.key)
            .filter(|k| keys.contains(k))
            .collect();
        let rows = rows
            .into_iter()
            .map(|(first, last, key, max_age)| MapRow {
                first,
                last,
                cause: ordered.iter().position(|k| *k == key).expect("listed"),
                max_age,
            })
            .collect();
        Ok(Mapping {
            causes: ordered.iter().map(|k| k.to_string()).collect(),
            rows,
            notes: src.provenance.notes.clone(),
            source: path.display().to_string(),
        })
    }

    /// The cause (index into [`Mapping::causes`]) of a death at `age` from category `code`, or
    /// `None` when no row holds it.
    pub fn cause_of(&self, code: Category, age: u32) -> Option<usize> {
        self.rows
            .iter()
            .find(|r| r.first <= code && code <= r.last && r.max_age.is_none_or(|m| age <= m))
            .map(|r| r.cause)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_codes_as_extracts_write_them() {
        let i21 = Category::parse3("I21").unwrap();
        for ok in ["I21", "I21.9", "i219", "I21X", " I21.9 ", "I2199"] {
            assert_eq!(parse_code(ok), Some(i21), "{ok}");
        }
        for bad in [
            "", "I2", "21.9", "I21.", "I21.99X", "ICD", "I2A", "II21", "I21-9",
        ] {
            assert_eq!(parse_code(bad), None, "{bad}");
        }
        assert!(Category::parse3("A00").unwrap() < Category::parse3("A01").unwrap());
        assert!(Category::parse3("B99").unwrap() < Category::parse3("C00").unwrap());
    }

    #[test]
    fn shipped_mapping_gives_the_psa_groups() {
        let m = Mapping::default_mapping();
        assert_eq!(m.causes.len(), 14);
        let cause = |code: &str, age| {
            m.causes[m.cause_of(parse_code(code).unwrap(), age).unwrap()].as_str()
        };
        assert_eq!(cause("I21.9", 60), "chd");
        assert_eq!(cause("I25", 60), "chd");
        assert_eq!(cause("I26", 60), "other_circulatory");
        assert_eq!(cause("I19", 60), "other_circulatory");
        assert_eq!(cause("I64", 80), "stroke");
        assert_eq!(cause("C34.1", 70), "lung_cancer");
        assert_eq!(cause("C32", 70), "other_cancer");
        assert_eq!(cause("C18", 70), "colorectal_cancer");
        assert_eq!(cause("C21", 70), "colorectal_cancer");
        assert_eq!(cause("C50", 50), "breast_cancer");
        assert_eq!(cause("C53", 40), "cervical_cancer");
        assert_eq!(cause("J44", 70), "copd");
        assert_eq!(cause("J18", 85), "other_respiratory");
        assert_eq!(cause("K74", 55), "liver_disease");
        assert_eq!(cause("X70", 30), "external");
        assert_eq!(cause("P07", 0), "infant_perinatal");
        assert_eq!(cause("Q24", 0), "infant_perinatal");
        assert_eq!(cause("Q24", 1), "other",);
        assert_eq!(cause("U07.1", 80), "other");
        assert_eq!(cause("G30", 88), "other");
    }

    #[test]
    fn a_bad_mapping_is_located() {
        let text = "first,last,cause\nI20,I25,chd\nI2,I25,chd\nI25,I20,chd\nI60,I69,heart_stuff\n";
        let err = Mapping::from_reader(Path::new("m.csv"), Box::new(std::io::Cursor::new(text)))
            .unwrap_err();
        let s = err.to_string();
        assert!(s.contains("m.csv:3:1 (first): error [invalid-code]"), "{s}");
        assert!(s.contains("m.csv:4:2 (last): error [invalid-code]"), "{s}");
        assert!(
            s.contains("m.csv:5:3 (cause): error [unknown-cause]"),
            "{s}"
        );
    }
}
