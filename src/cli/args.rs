//! Typed command-line values: clap refuses a bad value (exit 2, with the allowed values or
//! range) before a command starts, so no command parses strings of its own.

use clap::ValueEnum;
use lifegap_core::model::area::Sex;
use lifegap_core::model::scenario::{Date, YEARS};
use lifegap_core::model::uncertainty::MAX_DRAWS;

/// male or female; the forms area files use are accepted too (m/f, men/women, ONS codes 1/2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "lower")]
pub enum SexArg {
    #[value(aliases = ["m", "1", "males", "men"])]
    Male,
    #[value(aliases = ["f", "2", "females", "women"])]
    Female,
}

impl From<SexArg> for Sex {
    fn from(s: SexArg) -> Sex {
        match s {
            SexArg::Male => Sex::Male,
            SexArg::Female => Sex::Female,
        }
    }
}

/// A window size such as `1280x800` (each side 200–10000 pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WindowSize {
    pub width: f32,
    pub height: f32,
}

impl Default for WindowSize {
    fn default() -> Self {
        WindowSize {
            width: 1280.0,
            height: 800.0,
        }
    }
}

impl std::str::FromStr for WindowSize {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("'{s}' should look like 1280x800 (each side 200–10000)");
        let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
        let side = |t: &str| {
            t.trim()
                .parse::<u16>()
                .ok()
                .filter(|v| (200..=10_000).contains(v))
                .map(f32::from)
                .ok_or_else(bad)
        };
        Ok(WindowSize {
            width: side(w)?,
            height: side(h)?,
        })
    }
}

fn number(s: &str) -> Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| format!("'{s}' is not a number"))
}

/// A confidence level strictly between 0 and 1.
pub fn confidence(s: &str) -> Result<f64, String> {
    let x = number(s)?;
    if x > 0.0 && x < 1.0 {
        Ok(x)
    } else {
        Err(format!("{x} is not between 0 and 1 (e.g. 0.95)"))
    }
}

/// z for confidence limits: the model's own rule (finite, positive).
pub fn z_value(s: &str) -> Result<f64, String> {
    lifegap_core::model::life_table::z_checked(number(s)?).map_err(|e| e.to_string())
}

/// A share from 0 to 1.
pub fn fraction(s: &str) -> Result<f64, String> {
    let x = number(s)?;
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("{x} is not between 0 and 1"))
    }
}

/// A gap in years of life expectancy, −30 to 30 (the scenario's `MaxGap` range).
pub fn gap_years(s: &str) -> Result<f64, String> {
    let x = number(s)?;
    if (-30.0..=30.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("{x} is not a gap from -30 to 30 years"))
    }
}

/// A gap reduction: 0 up to (not including) 1, as a scenario's `GapReduction` allows.
pub fn reduction(s: &str) -> Result<f64, String> {
    let x = number(s)?;
    if (0.0..1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("{x} is not from 0 up to (not including) 1"))
    }
}

/// A smoothing parameter: above 0 and at most 1.
pub fn smoothing(s: &str) -> Result<f64, String> {
    let x = number(s)?;
    if x > 0.0 && x <= 1.0 {
        Ok(x)
    } else {
        Err(format!("{x} is not above 0 and at most 1"))
    }
}

/// A PNG scale from 0.25 to 8.
pub fn scale(s: &str) -> Result<f64, String> {
    let x = number(s)?;
    if (0.25..=8.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("{x} is not between 0.25 and 8"))
    }
}

/// Size of a synthetic area relative to Demoborough, 0.001 to 10.
pub fn area_scale(s: &str) -> Result<f64, String> {
    let x = number(s)?;
    if (0.001..=10.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("{x} is not between 0.001 and 10"))
    }
}

/// Monte Carlo draws, 0 (none) to [`MAX_DRAWS`].
pub fn draws(s: &str) -> Result<u32, String> {
    s.trim()
        .parse::<u32>()
        .ok()
        .filter(|d| *d <= MAX_DRAWS)
        .ok_or_else(|| format!("'{s}' is not a number of draws from 0 to {MAX_DRAWS}"))
}

/// A planning date: a real calendar day (YYYY-MM-DD) within the years a scenario may name
/// ([`YEARS`]).
pub fn as_of(s: &str) -> Result<Date, String> {
    let d: Date = s.parse()?;
    if YEARS.contains(&d.year) {
        Ok(d)
    } else {
        Err(format!(
            "'{s}' is out of range: a date within {}–{}",
            YEARS.start(),
            YEARS.end()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_enforced() {
        assert_eq!(confidence("0.95"), Ok(0.95));
        assert!(confidence("1").is_err() && confidence("NaN").is_err());
        assert!(fraction("1.01").is_err() && fraction("0").is_ok());
        assert!(scale("100").is_err() && scale("2").is_ok());
        assert_eq!(draws("100000"), Ok(100_000));
        assert!(draws("100001").is_err() && draws("4294967295").is_err() && draws("-1").is_err());
        assert!(z_value("inf").is_err() && z_value("0").is_err() && z_value("1.96").is_ok());
        assert!(as_of("2009-04-01").is_ok());
        assert!(as_of("2009-02-31").is_err() && as_of("9999999-01-01").is_err());
        assert!(as_of("1899-12-31").is_err() && as_of("2101-01-01").is_err());
    }

    #[test]
    fn window_sizes() {
        let s: WindowSize = "1024x768".parse().unwrap();
        assert_eq!((s.width, s.height), (1024.0, 768.0));
        assert!("1024".parse::<WindowSize>().is_err());
        assert!("100x100".parse::<WindowSize>().is_err());
        assert!("99999x800".parse::<WindowSize>().is_err());
    }
}
