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

// Text from files (names of areas, programmes, partners) on its way out.

/// A text cell safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return would be run as a formula by Excel or LibreOffice (CSV injection), so
/// it gets a leading apostrophe, as OWASP advises. Numbers (`-0.25`, `+3`) are left alone: they
/// are data, and a spreadsheet reads them as numbers.
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Text for a terminal: control characters other than newline and tab (escape sequences that
/// could move the cursor, clear the screen or retitle the window) become `?`. Names come from
/// files that arrive by email.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() && c != '\n' && c != '\t';
    if text.chars().any(bad) {
        std::borrow::Cow::Owned(text.chars().map(|c| if bad(c) { '?' } else { c }).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

// Full precision, for CSV and JSON: every reference vector can be reproduced from the output.

/// Shortest text that reads back as the same f64 (exactly Rust's `Display`), empty for NaN.
pub fn num(x: f64) -> String {
    let mut out = Vec::with_capacity(24);
    write_num(&mut out, x);
    String::from_utf8(out).expect("digits are ASCII")
}

/// Optional number: empty cell when absent.
pub fn opt(x: Option<f64>) -> String {
    x.map(num).unwrap_or_default()
}

/// Append `x` as [`num`] would write it, without allocating a string per cell: Rust's own
/// `Display` (shortest digits that read back as the same f64, no exponent) written straight
/// into the row's buffer, so the digits are those of every earlier release byte for byte.
/// (Ryu is faster but breaks exact ties between two shortest forms the other way, e.g.
/// -703876259005802.25 → …802.2 where `Display` writes …802.3.) NaN appends nothing.
pub fn write_num(out: &mut Vec<u8>, x: f64) {
    use std::io::Write as _;
    if !x.is_nan() {
        // Writing to a Vec cannot fail.
        let _ = write!(out, "{x}");
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

    #[test]
    fn numbers_read_exactly_as_display_writes_them() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.5,
            0.1,
            100.0,
            1e-7,
            1.5e-7,
            1e16,
            1e21,
            1.2345678901234568e20,
            -703876259005802.2,
            123456.789,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            77.11657530248686,
            0.000123,
        ] {
            assert_eq!(num(x), format!("{x}"), "{x:e}");
        }
        assert_eq!(num(f64::NAN), "");
        assert_eq!(num(f64::INFINITY), "inf");
        assert_eq!(num(f64::NEG_INFINITY), "-inf");
    }

    #[test]
    fn spreadsheet_formulas_are_neutralised_but_numbers_are_not() {
        for bad in [
            "=1+1",
            "+cmd",
            "-2+3|calc",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"x\")",
        ] {
            assert_eq!(csv_safe(bad), format!("'{bad}"));
        }
        for ok in ["-0.25", "+3", "-1e-7", "Statins", "a=b", ""] {
            assert_eq!(csv_safe(ok), ok);
        }
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(printable("Area\u{1b}[2J\u{7}\r"), "Area?[2J??");
        assert_eq!(printable("two\nlines"), "two\nlines");
        assert_eq!(printable("Stoke-on-Trent"), "Stoke-on-Trent");
    }

    proptest::proptest! {
        #[test]
        fn any_finite_number_reads_as_display_writes_it(bits in proptest::prelude::any::<u64>()) {
            let x = f64::from_bits(bits);
            proptest::prop_assume!(x.is_finite());
            proptest::prop_assert_eq!(num(x), format!("{x}"));
        }
    }
}
