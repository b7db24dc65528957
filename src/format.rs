//! Numbers as people expect them: life expectancy to 1 decimal, small gains to 2, counts with
//! thousands separators, money in pounds. Shared by the app, the CLI summary and the reports.

/// Life expectancy or a gap: "75.8".
pub fn years(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.1}")
    } else {
        "–".into()
    }
}

/// A gain in years, small: "0.04"; with sign when asked: "+0.04".
pub fn gain(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    // Programme gains are often hundredths of a year: keep three figures for them.
    let s = if x.abs() < 0.1 {
        format!("{x:.3}")
    } else {
        format!("{x:.2}")
    };
    if s.starts_with('-') && s.trim_start_matches(['-', '0', '.']).is_empty() {
        s[1..].to_string()
    } else {
        s
    }
}

/// A gain in weeks for board slides ("about 2 weeks").
pub fn weeks(x_years: f64) -> String {
    let w = x_years * 52.18;
    if w.abs() < 0.5 {
        "under a week".into()
    } else {
        format!("about {} weeks", w.round() as i64)
    }
}

/// A count with thousands separators: 12,345 (rounded).
pub fn count(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let n = x.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A count that may be fractional and small (deaths postponed): 1 decimal under 10.
pub fn deaths(x: f64) -> String {
    if x.is_finite() && x.abs() < 10.0 {
        format!("{x:.1}")
    } else {
        count(x)
    }
}

/// Money: "£12,345", or "£1.2m" for millions.
pub fn money(x: f64) -> String {
    if !x.is_finite() {
        "–".into()
    } else if x.abs() >= 1e6 {
        format!("£{:.1}m", x / 1e6)
    } else {
        format!("£{}", count(x))
    }
}

/// A share as a percentage: "12%" (1 decimal under 10%).
pub fn percent(x: f64) -> String {
    if !x.is_finite() {
        "–".into()
    } else if (x * 100.0).abs() < 10.0 {
        format!("{:.1}%", x * 100.0)
    } else {
        format!("{:.0}%", x * 100.0)
    }
}

/// An optional value formatted with `f`, or a dash when there is none.
pub fn or_dash(x: Option<f64>, f: fn(f64) -> String) -> String {
    x.map(f).unwrap_or_else(|| "–".into())
}

/// "32 months" / "1 month" / "passed 3 months ago".
pub fn months_left(m: i32) -> String {
    match m {
        0 => "this month".into(),
        1 => "1 month".into(),
        m if m > 0 => format!("{m} months"),
        -1 => "passed 1 month ago".into(),
        m => format!("passed {} months ago", -m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(count(1234567.4), "1,234,567");
        assert_eq!(count(-999.0), "-999");
        assert_eq!(count(0.0), "0");
        assert_eq!(money(2_500_000.0), "£2.5m");
        assert_eq!(money(12345.0), "£12,345");
        assert_eq!(percent(0.034), "3.4%");
        assert_eq!(percent(0.25), "25%");
        assert_eq!(years(75.849), "75.8");
        assert_eq!(gain(-0.0001), "0.000");
        assert_eq!(gain(0.0123), "0.012");
        assert_eq!(gain(1.234), "1.23");
        assert_eq!(months_left(-3), "passed 3 months ago");
    }
}
