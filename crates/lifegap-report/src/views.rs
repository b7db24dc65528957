//! View models: the series and sentences the screens, slides and board pack show, computed once
//! from model results so the app's charts and the exported charts are the same numbers.
//! No drawing here (egui and plotters each draw these).

use crate::format as f;
use lifegap_core::model::area::Sex;
use lifegap_core::model::causes;
use lifegap_core::model::decomposition::GapDecomposition;
use lifegap_core::model::milestones::Measure;
use lifegap_core::model::results::ScenarioResults;
use lifegap_core::model::scenario::{Scenario, Target};
use lifegap_core::model::uncertainty::Uncertainty;

/// A labelled value for bar charts; `key` groups colours (cause group or programme id).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub key: String,
    /// A programme's position in the scenario: its colour ([`crate::palette::series`]) in
    /// every chart, app, slides and exports alike, whatever the bars' order.
    pub series: Option<usize>,
}

/// The gap by cause, largest contribution first.
pub fn gap_by_cause(dec: &GapDecomposition) -> Vec<Bar> {
    let mut v: Vec<Bar> = dec
        .causes
        .iter()
        .zip(dec.by_cause())
        .map(|(c, value)| Bar {
            label: causes::label(c),
            value,
            key: causes::lookup(c)
                .map(|i| i.group)
                .unwrap_or("other")
                .to_string(),
            series: None,
        })
        .collect();
    v.sort_by(|a, b| b.value.total_cmp(&a.value));
    v
}

/// The gap by age band, youngest first.
pub(crate) fn gap_by_age(dec: &GapDecomposition) -> Vec<Bar> {
    dec.by_age
        .iter()
        .enumerate()
        .map(|(i, b)| Bar {
            label: dec.bands.label(i),
            value: b.total,
            key: "age".into(),
            series: None,
        })
        .collect()
}

/// The gap by cause and age together, the Segment Tool's signature view: for each age band a
/// stacked bar, one segment per broad cause group. Contributions that widen the gap stack up
/// from zero and those that narrow it stack down, so every segment's length is its value and
/// a band's bar spans its positive and negative parts.
#[derive(Debug, Clone, PartialEq)]
pub struct CauseAge {
    /// Age band labels, youngest first.
    pub bands: Vec<String>,
    /// Cause-group keys present in the data, in [`CAUSE_GROUPS`] order (colours:
    /// [`crate::palette::cause_group`]).
    pub groups: Vec<String>,
    /// Years of the gap, `[band][group]`.
    pub cells: Vec<Vec<f64>>,
}

/// One drawn segment of a [`CauseAge`] bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub band: usize,
    pub group: usize,
    /// Where the segment starts (years) and its signed length.
    pub base: f64,
    pub value: f64,
}

/// The broad cause groups in the order the stacks are drawn (largest usual share first).
pub const CAUSE_GROUPS: [&str; 7] = [
    "circulatory",
    "cancer",
    "respiratory",
    "digestive",
    "external",
    "infant",
    "other",
];

/// A cause group's name for a legend or a read-out.
pub fn group_label(key: &str) -> &'static str {
    match key {
        "circulatory" => "Circulatory disease",
        "cancer" => "Cancers",
        "respiratory" => "Respiratory disease",
        "digestive" => "Liver and digestive disease",
        "external" => "Injuries and suicide",
        "infant" => "Infant deaths",
        _ => "Other causes",
    }
}

impl CauseAge {
    /// Each non-zero cell as a segment, positives stacked up from zero and negatives down, in
    /// group order within each band.
    pub fn segments(&self) -> Vec<Segment> {
        let mut out = Vec::new();
        for (band, row) in self.cells.iter().enumerate() {
            let (mut up, mut down) = (0.0, 0.0);
            for (group, v) in row.iter().enumerate() {
                if *v > 0.0 {
                    out.push(Segment {
                        band,
                        group,
                        base: up,
                        value: *v,
                    });
                    up += v;
                } else if *v < 0.0 {
                    out.push(Segment {
                        band,
                        group,
                        base: down,
                        value: *v,
                    });
                    down += v;
                }
            }
        }
        out
    }

    /// The lowest and highest ends of the stacks (years), 0 included.
    pub fn range(&self) -> (f64, f64) {
        self.segments().iter().fold((0.0, 0.0), |(lo, hi), s| {
            let end = s.base + s.value;
            (lo.min(end), hi.max(end))
        })
    }
}

/// The gap by age band and cause group (`None` without cause data).
pub fn gap_by_cause_age(dec: &GapDecomposition) -> Option<CauseAge> {
    if dec.by_age_cause.is_empty() || dec.causes.is_empty() {
        return None;
    }
    let group_of: Vec<&str> = dec
        .causes
        .iter()
        .map(|c| {
            let g = causes::lookup(c).map(|i| i.group).unwrap_or("other");
            if CAUSE_GROUPS.contains(&g) {
                g
            } else {
                "other"
            }
        })
        .collect();
    let groups: Vec<&str> = CAUSE_GROUPS
        .iter()
        .copied()
        .filter(|g| group_of.contains(g))
        .collect();
    let cells = dec
        .by_age_cause
        .iter()
        .map(|row| {
            groups
                .iter()
                .map(|g| {
                    row.iter()
                        .zip(&group_of)
                        .filter(|(_, h)| *h == g)
                        .map(|(v, _)| v)
                        .sum()
                })
                .collect()
        })
        .collect();
    Some(CauseAge {
        bands: (0..dec.bands.len()).map(|i| dec.bands.label(i)).collect(),
        groups: groups.iter().map(|g| g.to_string()).collect(),
        cells,
    })
}

/// A segment's read-out in board units: "Circulatory disease, ages 65-69: 2.3 months of the
/// gap (0.19 years)".
pub fn segment_text(c: &CauseAge, s: &Segment) -> String {
    format!(
        "{}, ages {}: {} of the gap ({} years)",
        group_label(&c.groups[s.group]),
        c.bands[s.band],
        f::life_time(s.value),
        f::gain(s.value)
    )
}

/// Each enabled programme's credited gain for a sex over the headline period, largest first.
pub(crate) fn programme_gains(r: &ScenarioResults, sex: Sex) -> Vec<Bar> {
    let mut v: Vec<Bar> = r
        .programmes
        .iter()
        .enumerate()
        .filter(|(_, p)| p.enabled)
        .map(|(k, p)| Bar {
            label: p.name.clone(),
            value: p.gain[sex.index()],
            key: p.id.clone(),
            series: Some(k),
        })
        .collect();
    v.sort_by(|a, b| b.value.total_cmp(&a.value));
    v
}

/// Everything a countdown chart shows for one milestone.
#[derive(Debug, Clone)]
pub struct Countdown {
    pub title: String,
    pub measure: Measure,
    /// The comparator's name, for axis labels.
    pub comparator: String,
    /// (mid-year, value) of past periods and the base period.
    pub history: Vec<(f64, f64)>,
    /// The milestone's baseline period and value, when it has one.
    pub baseline: Option<(String, f64)>,
    pub required_path: Vec<(f64, f64)>,
    pub without: Vec<(f64, f64)>,
    pub with: Vec<(f64, f64)>,
    /// 95% band of the projection with programmes: (x, low, high).
    pub band: Option<(Vec<f64>, Vec<f64>, Vec<f64>)>,
    /// When England follows Holt's forecast: the projection with programmes ± Holt's 95%
    /// interval of England's e₀ each year (x, low, high), for a gap measure; the same
    /// uncertainty the Monte Carlo adds (`uncertainty::holt_se`).
    pub england_band: Option<(Vec<f64>, Vec<f64>, Vec<f64>)>,
    pub target: f64,
    /// The measurement period as calendar time (start of first year, end of last year).
    pub period: (f64, f64),
    /// Pooled values over the measurement period: (without, with).
    pub pooled: (f64, f64),
    pub as_of: f64,
    /// The y axis's title when the measure's own does not fit (the SII milestones').
    pub y_axis: Option<String>,
}

impl Countdown {
    pub fn y_label(&self) -> String {
        if let Some(t) = &self.y_axis {
            return t.clone();
        }
        match self.measure {
            Measure::GapYears => "gap in life expectancy (years)".into(),
            Measure::GapShare => format!("gap (share of {}'s life expectancy)", self.comparator),
            Measure::LifeExpectancy => "life expectancy at birth (years)".into(),
        }
    }
}

/// The countdown for milestone `idx`. `base` gives each sex's base-period (local, comparator) e₀.
pub fn countdown(
    s: &Scenario,
    r: &ScenarioResults,
    base: impl Fn(Sex) -> Option<(f64, f64)>,
    u: Option<&Uncertainty>,
    idx: usize,
) -> Option<Countdown> {
    let m = s.milestones.get(idx)?;
    // Matched by label, not position: results may trail an edit that added or removed one.
    let rep = r.milestones.iter().find(|x| x.result.label == m.label())?;
    let x = &rep.result;
    let mut history: Vec<(f64, f64)> = s
        .history
        .iter()
        .map(|h| {
            (
                h.period.mid(),
                x.measure.of(h.local.get(m.sex), h.comparator.get(m.sex)),
            )
        })
        .collect();
    if let Some((l, c)) = base(m.sex) {
        history.push((s.base_period.mid(), x.measure.of(l, c)));
    }
    history.sort_by(|a, b| a.0.total_cmp(&b.0));
    let years: Vec<f64> = r.projection.years.iter().map(|y| *y as f64 + 0.5).collect();
    let (without, with) = match r.projection.sex(m.sex) {
        Some(p) => (
            years
                .iter()
                .enumerate()
                .map(|(i, y)| (*y, x.measure.of(p.e0_local_without[i], p.e0_comparator[i])))
                .collect(),
            years
                .iter()
                .enumerate()
                .map(|(i, y)| (*y, x.measure.of(p.e0_local_with[i], p.e0_comparator[i])))
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let band = u
        .and_then(|u| u.gap_bands.iter().find(|b| b.sex == m.sex))
        .and_then(|b| {
            let comp = &r.projection.sex(m.sex)?.e0_comparator;
            Some(match x.measure {
                Measure::GapYears => (years.clone(), b.low.clone(), b.high.clone()),
                Measure::LifeExpectancy => (years.clone(), b.e0_low.clone(), b.e0_high.clone()),
                Measure::GapShare => (
                    years.clone(),
                    b.low.iter().zip(comp).map(|(g, c)| g / c).collect(),
                    b.high.iter().zip(comp).map(|(g, c)| g / c).collect(),
                ),
            })
        });
    let baseline = match &m.target {
        Target::GapReduction { baseline, .. } => Some((baseline.to_string(), x.baseline_value)),
        _ => None,
    };
    let england_band = england_band(s, r, m.sex, x.measure, &years);
    Some(Countdown {
        title: x.label.clone(),
        measure: x.measure,
        comparator: s.comparator.clone(),
        history,
        baseline,
        required_path: rep.required_path.clone(),
        without,
        with,
        band,
        england_band,
        target: x.required,
        period: (x.period.first as f64, x.period.last as f64 + 1.0),
        pooled: (x.without, x.with),
        as_of: r.as_of.as_year(),
        y_axis: None,
    })
}

/// The countdown chart of a saved SII milestone: the same chart as a life-expectancy
/// milestone's (history, baseline, required trajectory, projection without and with the
/// programmes, target, measurement period, planning date), the SII in years on the y axis.
pub fn sii_countdown(c: &lifegap_core::sii_target::SavedSiiCountdown, as_of: f64) -> Countdown {
    let m = &c.milestone;
    Countdown {
        title: c.label.clone(),
        measure: Measure::GapYears,
        comparator: String::new(),
        history: c.history.clone(),
        baseline: Some((m.baseline.period.to_string(), c.baseline)),
        required_path: c.required_path.clone(),
        without: c.path_without.clone(),
        with: c.path_with.clone(),
        band: None,
        england_band: None,
        target: c.required,
        period: (m.period.first as f64, m.period.last as f64 + 1.0),
        pooled: (c.without, c.with),
        as_of,
        y_axis: Some("SII in life expectancy (years)".into()),
    }
}

/// The projection with programmes ± 1.96 × Holt's SE of England's e₀ at each year's middle
/// (for the share, its effect l/c² on (c − l)/c); `None` off Holt's forecast, for a life
/// expectancy measure, or where the interval is nil throughout (within the series).
fn england_band(
    s: &Scenario,
    r: &ScenarioResults,
    sex: Sex,
    measure: Measure,
    years: &[f64],
) -> Option<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    use lifegap_core::model::uncertainty::holt_se;
    const Z: f64 = 1.959_963_984_540_054;
    if measure == Measure::LifeExpectancy {
        return None;
    }
    let p = r.projection.sex(sex)?;
    let mut lo = Vec::with_capacity(years.len());
    let mut hi = Vec::with_capacity(years.len());
    let mut any = false;
    for (i, &x) in years.iter().enumerate() {
        let (l, c) = (p.e0_local_with[i], p.e0_comparator[i]);
        let se = holt_se(s, sex, x).ok()?
            * match measure {
                Measure::GapShare => l / (c * c),
                _ => 1.0,
            };
        any |= se > 0.0;
        let v = measure.of(l, c);
        lo.push(v - Z * se);
        hi.push(v + Z * se);
    }
    any.then(|| (years.to_vec(), lo, hi))
}

/// A measure's value as text: a gap share as a percentage, years otherwise.
pub fn measure_text(m: Measure, v: f64) -> String {
    match m {
        Measure::GapShare => f::percent(v),
        _ => f::gain(v),
    }
}

/// One-sentence findings for slide and report titles.
pub mod findings {
    use super::*;

    /// "Men in Demoborough live 2.1 years less than in England (2006-08)".
    pub fn gap(s: &Scenario, sex: Sex, local: f64, comparator: f64) -> String {
        let gap = comparator - local;
        let who = sex.plural_label();
        if gap >= 0.0 {
            format!(
                "{who} in {} live {} years less than in {} ({})",
                s.area,
                f::years(gap),
                s.comparator,
                s.base_period
            )
        } else {
            format!(
                "{who} in {} live {} years longer than in {} ({})",
                s.area,
                f::years(-gap),
                s.comparator,
                s.base_period
            )
        }
    }

    /// "Circulatory diseases and cancers make up 58% of the men's gap".
    pub fn causes(bars: &[Bar], sex: Sex) -> String {
        let total: f64 = bars.iter().map(|b| b.value).sum();
        let mut groups: Vec<(String, f64)> = Vec::new();
        for b in bars {
            match groups.iter_mut().find(|g| g.0 == b.key) {
                Some(g) => g.1 += b.value,
                None => groups.push((b.key.clone(), b.value)),
            }
        }
        groups.sort_by(|a, b| b.1.total_cmp(&a.1));
        let name = |k: &str| match k {
            "circulatory" => "circulatory disease",
            "cancer" => "cancers",
            "respiratory" => "respiratory disease",
            "digestive" => "liver and digestive disease",
            "external" => "injuries and suicide",
            "infant" => "infant deaths",
            _ => "other causes",
        };
        match groups.as_slice() {
            [a, b, ..] if total > 0.0 => format!(
                "{} and {} make up {} of the {}'s gap",
                capitalise(name(&a.0)),
                name(&b.0),
                f::percent((a.1 + b.1) / total),
                sex.plural_label().to_lowercase()
            ),
            _ => format!(
                "What makes up the {}'s gap",
                sex.plural_label().to_lowercase()
            ),
        }
    }

    /// "Programmes close 8 days of the 5.2 months needed by 2009-11 (men)".
    pub fn programmes(r: &ScenarioResults, sex: Sex) -> String {
        // A share of the gap stays a share; years of gap or of life expectancy read as time.
        let text = |m: Measure, v: f64| match m {
            Measure::GapShare => f::percent(v),
            _ => f::life_time(v),
        };
        match r.headline_milestone(sex) {
            Some(m) if m.result.shortfall_without > 0.0 => format!(
                "Programmes close {} of the {} needed by {} ({})",
                text(
                    m.result.measure,
                    m.result.shortfall_without - m.result.shortfall_with
                ),
                text(m.result.measure, m.result.shortfall_without),
                m.result.period,
                sex.plural_label().to_lowercase()
            ),
            Some(m) => format!(
                "{} would be met without the programmes; they add {} ({})",
                m.result.label,
                f::life_time(m.result.pooled.gain()),
                sex.plural_label().to_lowercase()
            ),
            None => "What each programme adds".into(),
        }
    }

    /// "32 months to go: the 2010 PSA target (men) is off track".
    pub fn countdown(r: &ScenarioResults, idx: usize) -> String {
        let Some(m) = r.milestones.get(idx) else {
            return String::new();
        };
        let x = &m.result;
        if x.months_left >= 0 {
            format!(
                "{} months to go: the {} is {}",
                x.months_left,
                x.label,
                x.status.label()
            )
        } else {
            format!(
                "The {} was {} at the end of {}",
                x.label,
                x.status.label(),
                x.period.last
            )
        }
    }

    /// "32 months to go: the SII narrowed by 10% by 2009-11 (men) is off track".
    pub fn sii_countdown(c: &lifegap_core::sii_target::SavedSiiCountdown) -> String {
        if c.months_left >= 0 {
            format!(
                "{} months to go: the {} is {}",
                c.months_left,
                c.label,
                c.status.label()
            )
        } else {
            format!(
                "The {} was {} at the end of {}",
                c.label,
                c.status.label(),
                c.milestone.period.last
            )
        }
    }

    /// What the SII milestone's figures say, in the board's units: the requirement, the
    /// projection without and with the programmes, and what is still missing.
    pub fn sii_summary(c: &lifegap_core::sii_target::SavedSiiCountdown) -> String {
        use crate::format as f;
        let targeted = lifegap_core::sii_target::targeted(&c.deciles);
        let programmes = if targeted.is_empty() {
            "with no programme delivered in a group it stays there".to_string()
        } else {
            format!(
                "the scenario's programmes delivered in {} narrow it by {}, to {} years",
                targeted.join(" and "),
                f::life_time(c.without - c.with),
                f::years(c.with)
            )
        };
        let gap = if c.shortfall_with > 0.0 {
            format!(": still {} short", f::life_time(c.shortfall_with))
        } else {
            ": met".to_string()
        };
        format!(
            "Required: an SII of at most {} years by {} (baseline {} years in {}; {} years in the latest file, {}). Projected: {} years without programmes; {programmes}{gap}.",
            f::years(c.required),
            c.milestone.period,
            f::years(c.baseline),
            c.milestone.baseline.period,
            f::years(c.file_sii),
            c.file_period,
            f::years(c.without),
        )
    }

    fn capitalise(s: &str) -> String {
        let mut c = s.chars();
        match c.next() {
            Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
            None => String::new(),
        }
    }
}

/// The seed question's answer in words a board reads: "Meeting both the circulatory and cancer
/// under-75 targets exactly would add about 3 months to men's life expectancy in 2009-11:
/// 54% of what the 2010 PSA target (men) still needs." (`lifegap mortality-targets --table
/// life-expectancy` prints the same figures in years.)
pub fn seed_answer(g: &lifegap_core::model::dsr::targets::TargetsMetGain) -> String {
    let who = g.sex.plural_label().to_lowercase();
    let head = format!(
        "Meeting both the circulatory and cancer under-75 targets exactly would add {} to {who}'s life expectancy in {}",
        f::months_of_life(g.gain),
        g.period
    );
    match (g.shortfall, g.share_of_target) {
        (_, Some(share)) => format!(
            "{head}: {} of what the {} still needs ({} short without the programmes).",
            f::percent(share),
            g.milestone,
            f::months_of_life(g.shortfall.unwrap_or(0.0))
        ),
        (Some(_), None) => format!("{head}; the {} is met without them.", g.milestone),
        (None, None) => format!("{head}."),
    }
}

#[cfg(test)]
mod cause_age_tests {
    use super::*;

    fn grid() -> CauseAge {
        CauseAge {
            bands: vec!["0".into(), "65-69".into()],
            groups: vec!["circulatory".into(), "cancer".into(), "external".into()],
            cells: vec![vec![0.0, 0.0, 0.05], vec![0.2, 0.1, -0.03]],
        }
    }

    #[test]
    fn positive_parts_stack_up_and_negative_parts_down() {
        let s = grid().segments();
        // Band 0: only injuries. Band 1: circulatory 0→0.2, cancer 0.2→0.3, injuries 0→−0.03.
        assert_eq!(s.len(), 4);
        assert_eq!(
            (s[0].band, s[0].group, s[0].base, s[0].value),
            (0, 2, 0.0, 0.05)
        );
        assert_eq!((s[1].base, s[1].value), (0.0, 0.2));
        assert_eq!((s[2].base, s[2].value), (0.2, 0.1));
        assert_eq!((s[3].base, s[3].value), (0.0, -0.03));
        let (lo, hi) = grid().range();
        assert!((lo + 0.03).abs() < 1e-12 && (hi - 0.3).abs() < 1e-12);
    }

    #[test]
    fn a_read_out_is_in_board_units() {
        let c = grid();
        let s = &c.segments()[1];
        // 0.2 years = 2.4 months.
        assert_eq!(
            segment_text(&c, s),
            "Circulatory disease, ages 65-69: 2.4 months of the gap (0.20 years)"
        );
    }
}

#[cfg(test)]
mod holt_band_tests {
    use super::*;
    use lifegap_core::evaluate::{EvalOptions, evaluate};
    use lifegap_core::model::comparator_path::{ComparatorPath, PathPoint};
    use lifegap_core::model::scenario::{BySex, Date, Period};

    /// The band is the projection with programmes ± 1.96 × Holt's SE of England's e₀ each year
    /// (the SE by hand from the fitted model at the year's middle), and absent on the trend.
    #[test]
    fn the_countdown_carries_holts_interval() {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios/demo-2010-countdown.ron");
        let l = lifegap_core::scenario_file::load(&p).unwrap();
        let mut s = l.scenario.clone();
        let as_of = Date {
            year: 2009,
            month: 4,
            day: 1,
        };
        let ev = evaluate(&s, &l.data, &EvalOptions::central(as_of)).unwrap();
        let base = |_| None;
        let gap_idx = s
            .milestones
            .iter()
            .position(|m| matches!(m.target, Target::GapReduction { .. }))
            .unwrap();
        assert!(
            countdown(&s, &ev.results, base, None, gap_idx)
                .unwrap()
                .england_band
                .is_none()
        );
        let series = [74.6, 75.1, 75.3, 75.9, 76.2, 76.6];
        s.comparator_path = ComparatorPath::Holt {
            series: series
                .iter()
                .enumerate()
                .map(|(i, &m)| PathPoint {
                    period: Period::new(2000 + i as i32, 2000 + i as i32),
                    e0: BySex {
                        male: m,
                        female: m + 4.0,
                    },
                })
                .collect(),
            alpha: Some(0.5),
            beta: Some(0.3),
        };
        let ev = evaluate(&s, &l.data, &EvalOptions::central(as_of)).unwrap();
        let c = countdown(&s, &ev.results, base, None, gap_idx).unwrap();
        let (xs, lo, hi) = c.england_band.expect("a band on Holt's forecast");
        let z = 1.959_963_984_540_054;
        let model = lifegap_core::model::holt::fit(&series, Some(0.5), Some(0.3)).unwrap();
        let sex = s.milestones[gap_idx].sex;
        let offset = if sex == Sex::Male { 0.0 } else { 4.0 };
        let model = if offset == 0.0 {
            model
        } else {
            let shifted: Vec<f64> = series.iter().map(|m| m + offset).collect();
            lifegap_core::model::holt::fit(&shifted, Some(0.5), Some(0.3)).unwrap()
        };
        for (i, x) in xs.iter().enumerate() {
            let f = model.forecast(x - 2005.5, z);
            let half = if *x > 2005.5 {
                (f.upper - f.lower) / 2.0
            } else {
                0.0
            };
            assert!(((hi[i] - lo[i]) / 2.0 - half).abs() < 1e-9, "{x}");
            let mid = (hi[i] + lo[i]) / 2.0;
            assert!((mid - c.with[i].1).abs() < 1e-9);
        }
    }
}

#[cfg(test)]
mod holt_band_svg_tests {
    use lifegap_core::evaluate::{EvalOptions, evaluate};
    use lifegap_core::model::comparator_path::{ComparatorPath, PathPoint};
    use lifegap_core::model::scenario::{BySex, Date, Period};

    /// The board pack's countdown SVG draws England's Holt interval (and names it in its
    /// legend) when England follows Holt's forecast, and not on the trend.
    #[test]
    fn the_exported_countdown_draws_holts_interval() {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios/demo-2010-countdown.ron");
        let l = lifegap_core::scenario_file::load(&p).unwrap();
        let as_of = Date {
            year: 2009,
            month: 4,
            day: 1,
        };
        let svg_of = |s: &lifegap_core::model::scenario::Scenario| {
            let ev = evaluate(s, &l.data, &EvalOptions::central(as_of)).unwrap();
            let b = crate::export::board::Board::of(s, &ev, None, &l.data.provenance);
            crate::export::charts::all(&b)
                .iter()
                .filter(|c| c.id.starts_with("countdown"))
                .map(|c| crate::export::charts::svg(c, 900, 500).unwrap())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let key = "England&apos;s path: Holt&apos;s 95% interval";
        let plain = "England's path: Holt's 95% interval";
        let trend = svg_of(&l.scenario);
        assert!(!trend.contains(key) && !trend.contains(plain));
        let mut s = l.scenario.clone();
        let series = [74.6, 75.1, 75.3, 75.9, 76.2, 76.6];
        s.comparator_path = ComparatorPath::Holt {
            series: series
                .iter()
                .enumerate()
                .map(|(i, &m)| PathPoint {
                    period: Period::new(2000 + i as i32, 2000 + i as i32),
                    e0: BySex {
                        male: m,
                        female: m + 4.0,
                    },
                })
                .collect(),
            alpha: Some(0.5),
            beta: Some(0.3),
        };
        let holt = svg_of(&s);
        assert!(holt.contains(key) || holt.contains(plain));
    }
}
