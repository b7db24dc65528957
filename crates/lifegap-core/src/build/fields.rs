//! Cells of death records and population estimates: dates, ages, sexes, years.

use crate::model::area::Sex;

/// A year range of registrations or mid-year estimates to pool, e.g. 2006–2008.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Years {
    pub first: u32,
    pub last: u32,
}

/// The longest pooling period: PHE pools three years for local areas and five for wards;
/// ten covers every published practice, and keeps a typo (2006-2080) from passing.
pub const MAX_POOLED_YEARS: u32 = 10;

impl Years {
    pub fn contains(self, y: u32) -> bool {
        (self.first..=self.last).contains(&y)
    }

    pub fn count(self) -> u32 {
        self.last - self.first + 1
    }

    /// The period as the area file writes it: `2006-08` (or `2006` for one year).
    pub fn label(self) -> String {
        if self.first == self.last {
            self.first.to_string()
        } else if self.first / 100 == self.last / 100 {
            format!("{}-{:02}", self.first, self.last % 100)
        } else {
            format!("{}-{}", self.first, self.last)
        }
    }
}

impl std::str::FromStr for Years {
    type Err = String;
    /// `2006-2008`, `2006-08` or `2007`; years 1900–2100, at most ten pooled.
    fn from_str(s: &str) -> Result<Years, String> {
        let bad = || {
            format!(
                "'{s}' should look like 2006-2008 (years 1900–2100, at most {MAX_POOLED_YEARS})"
            )
        };
        let year = |t: &str| {
            t.trim()
                .parse::<u32>()
                .ok()
                .filter(|y| (1900..=2100).contains(y))
        };
        let (first, last) = match s.split_once('-') {
            None => (year(s).ok_or_else(bad)?, year(s).ok_or_else(bad)?),
            Some((a, b)) => {
                let first = year(a).ok_or_else(bad)?;
                let b = b.trim();
                let last = if b.len() == 2 && b.bytes().all(|c| c.is_ascii_digit()) {
                    first / 100 * 100 + b.parse::<u32>().map_err(|_| bad())?
                } else {
                    year(b).ok_or_else(bad)?
                };
                (first, last)
            }
        };
        if last < first || last - first + 1 > MAX_POOLED_YEARS {
            return Err(bad());
        }
        Ok(Years { first, last })
    }
}

/// The year of a date written `YYYY-MM-DD`, `DD/MM/YYYY` or `YYYYMMDD`, if it is a real
/// calendar date in 1900–2100. (`2007-02-29` is refused: 2007 is not a leap year.)
pub fn date_year(s: &str) -> Option<u32> {
    let t = s.trim();
    let num = |x: &str| {
        (!x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()))
            .then(|| x.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = if let [y, m, d] = t.split('-').collect::<Vec<_>>()[..] {
        (num(y)?, num(m)?, num(d)?)
    } else if let [d, m, y] = t.split('/').collect::<Vec<_>>()[..] {
        (num(y)?, num(m)?, num(d)?)
    } else if t.len() == 8 {
        (num(&t[..4])?, num(&t[4..6])?, num(&t[6..])?)
    } else {
        return None;
    };
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (1..=days[m as usize - 1]).contains(&d).then_some(y)
}

/// Sex as death extracts and ONS estimates write it; ONS's 0/9 (not stated, indeterminate)
/// and anything else are refused, since life tables are by sex.
pub fn sex(s: &str) -> Option<Sex> {
    Sex::parse(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_periods_and_dates() {
        let y: Years = "2006-2008".parse().unwrap();
        assert_eq!((y.first, y.last, y.count()), (2006, 2008, 3));
        assert_eq!("2006-08".parse::<Years>().unwrap(), y);
        assert_eq!(y.label(), "2006-08");
        assert_eq!("2007".parse::<Years>().unwrap().label(), "2007");
        assert_eq!("1999-2001".parse::<Years>().unwrap().label(), "1999-2001");
        for bad in ["2008-2006", "2006-2080", "1800-1802", "x", "2006-"] {
            assert!(bad.parse::<Years>().is_err(), "{bad}");
        }
        assert_eq!(date_year("2007-03-14"), Some(2007));
        assert_eq!(date_year("14/03/2007"), Some(2007));
        assert_eq!(date_year("20070314"), Some(2007));
        assert_eq!(date_year("2008-02-29"), Some(2008));
        for bad in [
            "2007-02-29",
            "2007-13-01",
            "2007-00-10",
            "31/04/2007",
            "2007",
            "",
            "2007-1-x",
        ] {
            assert_eq!(date_year(bad), None, "{bad}");
        }
    }
}
