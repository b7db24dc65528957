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

/// The unit a board reads a span of life expectancy in, chosen by its size.
#[derive(Clone, Copy)]
enum LifeUnit {
    Days,
    Weeks,
    Months,
    Years,
}

impl LifeUnit {
    fn of(years: f64) -> LifeUnit {
        let days = years.abs() * 365.25;
        if days < 13.5 {
            LifeUnit::Days
        } else if days < 69.5 {
            LifeUnit::Weeks
        } else if years.abs() < 2.0 {
            LifeUnit::Months
        } else {
            LifeUnit::Years
        }
    }

    /// The number in this unit, rounded as it is shown, and the unit's name for it.
    fn show(self, years: f64) -> (String, &'static str, &'static str) {
        match self {
            LifeUnit::Days => (format!("{:.0}", years * 365.25), "day", "days"),
            LifeUnit::Weeks => (format!("{:.0}", years * 365.25 / 7.0), "week", "weeks"),
            LifeUnit::Months => (format!("{:.1}", years * 12.0), "month", "months"),
            LifeUnit::Years => (format!("{years:.1}"), "year", "years"),
        }
    }
}

fn tidy_zero(n: String) -> String {
    if n.starts_with('-') && n.trim_start_matches(['-', '0', '.']).is_empty() {
        n[1..].to_string()
    } else {
        n
    }
}

/// A gain (or loss) of life expectancy in the unit a board reads: days under a fortnight,
/// weeks under ten weeks, months under two years, years beyond: "6 days", "3 weeks",
/// "2.4 months", "1.3 years". Never "0.001 years". (CSV files keep years at full precision.)
pub fn life_time(years: f64) -> String {
    if !years.is_finite() {
        return "–".into();
    }
    if years != 0.0 && years.abs() * 365.25 < 0.5 {
        // Something, but less than would round to a day: not "0 days".
        return if years > 0.0 {
            "under a day".into()
        } else {
            "minus under a day".into()
        };
    }
    let unit = LifeUnit::of(years);
    let (n, one, many) = unit.show(years);
    let n = tidy_zero(n);
    let word = if n == "1" || n == "-1" { one } else { many };
    format!("{n} {word}")
}

/// `years` in the unit [`life_time`] chooses for `like`, so figures read side by side share a
/// unit: a gap of 2.13 years beside a target of 20.5 months reads "25.6 months", not "2.1 years".
pub fn life_time_as(years: f64, like: f64) -> String {
    if !years.is_finite() || !like.is_finite() {
        return "–".into();
    }
    let (n, one, many) = LifeUnit::of(like).show(years);
    let n = tidy_zero(n);
    let word = if n == "1" || n == "-1" { one } else { many };
    format!("{n} {word}")
}

/// A range of gains in one unit, the larger end's: "5 to 7 days", "2.1 to 3.0 months".
pub fn life_time_range(low: f64, high: f64) -> String {
    if !low.is_finite() || !high.is_finite() {
        return "–".into();
    }
    let unit = LifeUnit::of(low.abs().max(high.abs()));
    let (a, _, _) = unit.show(low);
    let (b, _, many) = unit.show(high);
    format!("{} to {} {many}", tidy_zero(a), tidy_zero(b))
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

/// Years of life expectancy in months for a board ("about 3 months", "under a month").
pub fn months_of_life(x_years: f64) -> String {
    if !x_years.is_finite() {
        return "–".into();
    }
    let m = x_years * 12.0;
    if m.abs() < 0.5 {
        "under a month".into()
    } else if (m.round() as i64).abs() == 1 {
        "about 1 month".into()
    } else {
        format!("about {} months", m.round() as i64)
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

/// A chance in words a board uses: "very likely" (90% or more), "likely" (66% or more),
/// "about as likely as not" (33% or more), "unlikely" (the IPCC's likelihood scale, merged).
pub fn chance_meaning(p: f64) -> &'static str {
    if p >= 0.9 {
        "very likely"
    } else if p >= 0.66 {
        "likely"
    } else if p >= 0.33 {
        "about as likely as not"
    } else {
        "unlikely"
    }
}

/// A chance below which ON TRACK is said with its chance ([`on_track_caveat`]): the 80% a
/// board asks goal seek for by default.
pub const SURE_ENOUGH: f64 = 0.8;

/// What must be said beside an ON TRACK badge when the chance of meeting the milestone is
/// under [`SURE_ENOUGH`]: the status is a verdict on the central projection, which a plan that
/// just meets it passes about half the time. `None` for other statuses, a high chance, or no
/// Monte Carlo yet.
pub fn on_track_caveat(
    status: lifegap_core::model::milestones::Status,
    chance: Option<f64>,
) -> Option<String> {
    use lifegap_core::model::milestones::Status;
    let p = chance.filter(|p| p.is_finite())?;
    // Judged on the whole percentage shown, so "an 80% chance" never carries the caveat.
    let shown = (p * 100.0).round() / 100.0;
    (status == Status::OnTrack && shown < SURE_ENOUGH).then(|| {
        format!(
            "on the central projection only: {} chance of meeting it ({})",
            lifegap_core::model::goal_seek::answers::a_chance(p),
            chance_meaning(p)
        )
    })
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

/// Append `x` as [`num`] would write it, without allocating a string per cell: the digits
/// of Rust's own `Display` (shortest digits that read back as the same f64, no exponent), byte
/// for byte, at Ryu's speed. NaN appends nothing.
///
/// Why not `Display` itself: it costs about a third of a 1,000-area `life-table` run. Why not
/// Ryu alone: both pick the shortest digits closest to the number, but when the number lies
/// *exactly* half-way between two shortest forms they break the tie differently
/// (-703876259005802.25: `Display` writes …802.3, Ryu …802.2). Such a tie needs the number to
/// be a short exact decimal, which [`may_be_tie`] detects from the bits; those numbers (and
/// infinities) go through `Display`, every other one through Ryu's digits laid out as `Display`
/// lays them out. The property test below and `tests` compare the two on random bit patterns.
pub fn write_num(out: &mut Vec<u8>, x: f64) {
    use std::io::Write as _;
    if x.is_nan() {
        return;
    }
    if !x.is_finite() {
        let _ = write!(out, "{x}");
        return;
    }
    let mut buf = ryu::Buffer::new();
    let text = buf.format_finite(x).as_bytes();
    if text.contains(&b'e') {
        // Very large or small: Ryu writes an exponent, `Display` never does.
        let shortest = Shortest::parse(text);
        if may_be_tie(x, shortest.exponent) {
            let _ = write!(out, "{x}");
        } else {
            shortest.write_plain(out);
        }
        return;
    }
    // Already laid out as `Display` lays it out, but for a whole number's ".0".
    let text = text.strip_suffix(b".0").unwrap_or(text);
    let last_digit_at = match text.iter().position(|&b| b == b'.') {
        Some(point) => -((text.len() - point - 1) as i32),
        None => text.iter().rev().take_while(|&&b| b == b'0').count() as i32,
    };
    if may_be_tie(x, last_digit_at) {
        // Writing to a Vec cannot fail.
        let _ = write!(out, "{x}");
    } else {
        out.extend_from_slice(text);
    }
}

/// Ryu's shortest digits as `digits × 10^exponent` (`digits` without leading or trailing
/// zeros, except the single digit of zero).
struct Shortest {
    negative: bool,
    digits: [u8; 20],
    len: usize,
    exponent: i32,
}

impl Shortest {
    /// Read Ryu's output: `-`? digits with an optional `.`, then optionally `e` and an exponent.
    fn parse(s: &[u8]) -> Shortest {
        let (negative, s) = match s.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, s),
        };
        let (mantissa, exp) = match s.iter().position(|&b| b == b'e') {
            Some(i) => (&s[..i], parse_exponent(&s[i + 1..])),
            None => (s, 0),
        };
        let mut digits = [0u8; 20];
        let mut len = 0;
        let mut fraction_digits = 0;
        let mut after_point = false;
        for &b in mantissa {
            if b == b'.' {
                after_point = true;
                continue;
            }
            if len == 0 && b == b'0' {
                if after_point {
                    fraction_digits += 1;
                }
                continue; // leading zero
            }
            digits[len] = b;
            len += 1;
            if after_point {
                fraction_digits += 1;
            }
        }
        let mut exponent = exp - fraction_digits;
        while len > 0 && digits[len - 1] == b'0' {
            len -= 1;
            exponent += 1;
        }
        if len == 0 {
            digits[0] = b'0';
            len = 1;
            exponent = 0;
        }
        Shortest {
            negative,
            digits,
            len,
            exponent,
        }
    }

    /// Lay the digits out as `Display` does: no exponent, no trailing `.0`, `-0` kept.
    fn write_plain(&self, out: &mut Vec<u8>) {
        if self.negative {
            out.push(b'-');
        }
        let digits = &self.digits[..self.len];
        let point = self.len as i32 + self.exponent; // digits before the decimal point
        if self.exponent >= 0 {
            out.extend_from_slice(digits);
            out.resize(out.len() + self.exponent as usize, b'0');
        } else if point > 0 {
            let (int, frac) = digits.split_at(point as usize);
            out.extend_from_slice(int);
            out.push(b'.');
            out.extend_from_slice(frac);
        } else {
            out.extend_from_slice(b"0.");
            out.resize(out.len() + (-point) as usize, b'0');
            out.extend_from_slice(digits);
        }
    }
}

fn parse_exponent(s: &[u8]) -> i32 {
    let (sign, s) = match s.split_first() {
        Some((b'-', rest)) => (-1, rest),
        _ => (1, s),
    };
    sign * s
        .iter()
        .fold(0i32, |acc, &b| acc * 10 + i32::from(b - b'0'))
}

/// Could `x` lie exactly half-way between two decimals with their last digit at `10^exponent`?
/// Then `2x / 10^exponent` is an odd integer, so its power of two is 2⁰: with `x = m·2^e`,
/// `trailing_zeros(m) + e + 1 − exponent = 0`. A necessary condition, cheap, and false for
/// almost every number a life table produces.
fn may_be_tie(x: f64, exponent: i32) -> bool {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    if m == 0 {
        return false; // zero has one form
    }
    m.trailing_zeros() as i32 + e + 1 - exponent == 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn on_track_is_said_with_its_chance_when_it_is_not_high() {
        use lifegap_core::model::milestones::Status;
        assert_eq!(
            super::on_track_caveat(Status::OnTrack, Some(0.51)).as_deref(),
            Some(
                "on the central projection only: a 51% chance of meeting it (about as likely as not)"
            )
        );
        assert_eq!(super::on_track_caveat(Status::OnTrack, Some(0.8)), None);
        // Shown as 80%: no caveat; 79% has one, with its article.
        assert_eq!(super::on_track_caveat(Status::OnTrack, Some(0.796)), None);
        assert_eq!(
            super::on_track_caveat(Status::OnTrack, Some(0.79)).as_deref(),
            Some("on the central projection only: a 79% chance of meeting it (likely)")
        );
        assert!(
            super::on_track_caveat(Status::OnTrack, Some(0.08))
                .unwrap()
                .contains("an 8% chance")
        );
        assert_eq!(super::on_track_caveat(Status::OnTrack, None), None);
        assert_eq!(super::on_track_caveat(Status::AtRisk, Some(0.3)), None);
        assert_eq!(super::chance_meaning(0.95), "very likely");
        assert_eq!(super::chance_meaning(0.7), "likely");
        assert_eq!(super::chance_meaning(0.2), "unlikely");
    }

    use super::*;

    #[test]
    fn figures_side_by_side_share_the_first_ones_unit() {
        // 1.71 years = 20.5 months; 2.13 years = 25.6 months (not "2.1 years").
        assert_eq!(life_time(1.71), "20.5 months");
        assert_eq!(life_time_as(2.13, 1.71), "25.6 months");
        assert_eq!(life_time_as(1.71, 1.71), life_time(1.71));
        assert_eq!(life_time_as(f64::NAN, 1.0), "–");
    }

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
    fn life_expectancy_gains_read_in_days_weeks_months_years() {
        assert_eq!(life_time(0.0), "0 days");
        assert_eq!(life_time(0.0001), "under a day");
        assert_eq!(life_time(1.0 / 365.25), "1 day");
        assert_eq!(life_time(0.017), "6 days");
        assert_eq!(life_time(0.036), "13 days");
        assert_eq!(life_time(0.04), "2 weeks");
        assert_eq!(life_time(0.15), "8 weeks");
        assert_eq!(life_time(0.2), "2.4 months");
        assert_eq!(life_time(1.5), "18.0 months");
        assert_eq!(life_time(2.09), "2.1 years");
        assert_eq!(life_time(-0.2), "-2.4 months");
        assert_eq!(life_time(f64::NAN), "–");
        assert_eq!(life_time_range(0.013, 0.018), "5 to 7 days");
        assert_eq!(life_time_range(0.1, 0.3), "1.2 to 3.6 months");
    }

    #[test]
    // Exact ties and numbers beyond 2^53 are the point, written as they are.
    #[allow(clippy::excessive_precision)]
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
            -703876259005802.25,
            0.125,
            2.5,
            1e23,
            9007199254740993.0,
            4503599627370497.5,
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

    /// Ryu's digits laid out by `write_num` against `Display`, over the numbers where the two
    /// could part: random bit patterns, short exact decimals (where ties live), numbers just
    /// off ties, powers of two (uneven rounding intervals), subnormals and ratios like a life
    /// table's.
    #[test]
    fn fast_digits_equal_display_on_hard_cases() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let check = |x: f64| {
            let mut out = Vec::new();
            write_num(&mut out, x);
            assert_eq!(std::str::from_utf8(&out).unwrap(), format!("{x}"), "{x:e}");
        };
        for _ in 0..200_000 {
            let x = f64::from_bits(next());
            if x.is_finite() {
                check(x);
            }
        }
        for _ in 0..100_000 {
            let r = next();
            // k / 2^j and k·10^n ± 1/4, 1/2: exact short decimals and ties.
            let k = (r >> 12) % 100_000_000_000_000_000;
            let j = (r % 64) as i32;
            let n = ((r >> 6) % 40) as i32 - 20;
            check(k as f64 / 2f64.powi(j));
            check(-(k as f64) * 10f64.powi(n));
            check((k % 10_000_000_000_000_000) as f64 + 0.25);
            check((k % 1_000_000_000_000_000) as f64 + 0.5);
            check(f64::from_bits(((r % 2046) + 1) << 52)); // powers of two
            check(f64::from_bits(r % (1 << 52))); // subnormals
            check(((r >> 40) as f64 + 1.0) / ((r & 0xffff) as f64 + 3.0)); // ratios
        }
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
