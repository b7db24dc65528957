//! A scenario: the area, the programmes at their chosen scales, the trend assumptions and the
//! milestones. Saved as a readable, hand-editable `.ron` file (see `crate::scenario_file`).

use super::area::{AreaData, Sex};
use super::programmes::Programme;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The scenario format written by this version. Older versions still load (`scenario_file`).
pub const CURRENT_VERSION: u32 = 2;

/// A run of calendar years, e.g. 2009–11 for three-year pooled data. Written "2009-11",
/// "1999-2001" or "2010" in scenario files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Period {
    pub first: i32,
    pub last: i32,
}

impl Period {
    pub fn new(first: i32, last: i32) -> Self {
        Period { first, last }
    }

    pub fn years(&self) -> impl Iterator<Item = i32> {
        self.first..=self.last
    }

    pub fn len(&self) -> usize {
        (self.last - self.first + 1).max(0) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.last < self.first
    }

    /// Middle of the period in calendar time (2009–11 → 2010.5, the middle of 2010).
    pub fn mid(&self) -> f64 {
        (self.first + self.last) as f64 / 2.0 + 0.5
    }
}

impl fmt::Display for Period {
    /// "2009-11" as ONS labels pooled periods; a single year as "2010".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else if self.first / 100 == self.last / 100 {
            write!(f, "{}-{:02}", self.first, self.last % 100)
        } else {
            write!(f, "{}-{}", self.first, self.last)
        }
    }
}

impl TryFrom<String> for Period {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}

impl std::str::FromStr for Period {
    type Err = String;
    /// "2009-11", "2009-2011", "1999-2001" or "2010".
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("period '{s}' should look like 2009-11, 2009-2011 or 2010");
        let t = s.trim();
        let (a, b) = match t.split_once('-') {
            Some((a, b)) => (a.trim(), Some(b.trim())),
            None => (t, None),
        };
        let first: i32 = a.parse().map_err(|_| bad())?;
        let last = match b {
            None => first,
            Some(b) if b.len() == 2 => {
                let two: i32 = b.parse().map_err(|_| bad())?;
                let mut last = first - first % 100 + two;
                if last < first {
                    last += 100;
                }
                last
            }
            Some(b) => b.parse().map_err(|_| bad())?,
        };
        if last < first {
            return Err(format!("period '{s}' ends before it starts"));
        }
        Ok(Period { first, last })
    }
}

/// A value for each sex.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct BySex {
    pub male: f64,
    pub female: f64,
}

impl BySex {
    pub fn get(&self, sex: Sex) -> f64 {
        match sex {
            Sex::Male => self.male,
            Sex::Female => self.female,
        }
    }

    pub fn set(&mut self, sex: Sex, v: f64) {
        match sex {
            Sex::Male => self.male = v,
            Sex::Female => self.female = v,
        }
    }
}

/// Where the area data come from: a file beside the scenario, or the data themselves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DataSource {
    /// A wide CSV; the path is relative to the scenario file.
    Wide(String),
    /// Long-format deaths with their population file, relative to the scenario file.
    Long { deaths: String, population: String },
    /// The data written into the scenario (self-contained, for sending to a colleague).
    Embedded(AreaData),
}

/// Life expectancy at birth for one past period (published or computed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryPoint {
    pub period: Period,
    pub local: BySex,
    pub comparator: BySex,
    #[serde(default)]
    pub source: String,
}

/// How life expectancy would change without the programmes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Trend {
    /// A straight line fitted (least squares) to the history and the base period.
    FromHistory,
    /// Years of life expectancy gained per year, set by the user.
    Annual { local: BySex, comparator: BySex },
}

/// How a gap is measured for a gap target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GapMeasure {
    /// The gap in years, e₀(England) − e₀(local): how DH measured the 2010 PSA target.
    Absolute,
    /// The gap as a share of England's life expectancy, (e₀E − e₀L)/e₀E.
    Relative,
}

/// What a milestone asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Target {
    /// Narrow the gap by `reduction` (0.10 = 10%) from its value in `baseline` (the 2010 PSA
    /// target: at least 10% from 1995–97, measured on 2009–11).
    GapReduction {
        baseline: Period,
        reduction: f64,
        measure: GapMeasure,
    },
    /// A gap of at most this many years.
    MaxGap(f64),
    /// Local life expectancy at birth of at least this many years (local 2013 milestones).
    MinLifeExpectancy(f64),
}

/// A milestone for one sex, measured on (pooled) data for `period`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub name: String,
    pub sex: Sex,
    pub period: Period,
    pub target: Target,
}

impl Milestone {
    /// "2010 PSA target (men)".
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.sex.plural_label().to_lowercase())
    }
}

/// Red/amber/green rules.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusRules {
    /// A projection that misses the milestone by no more than this many years is "at risk";
    /// by more, "off track".
    pub at_risk_years: f64,
}

impl Default for StatusRules {
    fn default() -> Self {
        StatusRules { at_risk_years: 0.2 }
    }
}

/// Monte Carlo settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UncertaintySettings {
    pub draws: u32,
    pub seed: u64,
    /// Add the sampling error of the measured gap (from the base-period life-table SEs) to
    /// each draw when judging the chance of meeting a milestone.
    pub sampling_error: bool,
}

impl Default for UncertaintySettings {
    fn default() -> Self {
        UncertaintySettings {
            draws: 1000,
            seed: 2010,
            sampling_error: true,
        }
    }
}

/// A calendar date (for "N months to go").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Whole months from `self` to `later` (negative when `later` has passed).
    pub fn months_until(&self, later: Date) -> i32 {
        let mut m = (later.year - self.year) * 12 + later.month as i32 - self.month as i32;
        if later.day < self.day {
            m -= 1;
        }
        m
    }

    /// Calendar time as a fractional year (for charts).
    pub fn as_year(&self) -> f64 {
        self.year as f64 + (self.month as f64 - 1.0) / 12.0 + (self.day as f64 - 1.0) / 365.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("date '{s}' should be YYYY-MM-DD");
        let mut it = s.trim().split('-');
        let year = it.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
        let month: u32 = it.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
        let day: u32 = it.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
        if it.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(bad());
        }
        let date = Date { year, month, day };
        if !date.is_valid() {
            return Err(format!(
                "date '{s}' does not exist: {} {year} has {} days",
                MONTH_NAMES[month as usize - 1],
                days_in_month(year, month)
            ));
        }
        Ok(date)
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days in a month of the Gregorian calendar (1 = January).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl Date {
    /// A real calendar day (no 31 April, no 29 February outside leap years).
    pub fn is_valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year, self.month)
    }
}

/// A whole scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub version: u32,
    pub name: String,
    #[serde(default)]
    pub notes: String,
    pub data: DataSource,
    /// Local area and comparator names in the data.
    pub area: String,
    pub comparator: String,
    /// The period the data cover (three years pooled: population = three years of people).
    pub base_period: Period,
    /// Years simulated.
    pub horizon: Period,
    /// The planning date the countdowns run from (today when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    #[serde(default)]
    pub history: Vec<HistoryPoint>,
    pub trend: Trend,
    pub programmes: Vec<Programme>,
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub status: StatusRules,
    #[serde(default)]
    pub uncertainty: UncertaintySettings,
    /// Who delivers each programme, and the support team's checklist.
    #[serde(
        default,
        skip_serializing_if = "super::action_plan::ActionPlan::is_empty"
    )]
    pub action_plan: super::action_plan::ActionPlan,
}

impl Scenario {
    pub fn programme(&self, id: &str) -> Option<&Programme> {
        self.programmes.iter().find(|p| p.id == id)
    }

    /// Ids of the programmes switched on: the default mix that goal seeking scales together.
    pub fn enabled_programme_ids(&self) -> Vec<String> {
        self.programmes
            .iter()
            .filter(|p| p.enabled)
            .map(|p| p.id.clone())
            .collect()
    }

    pub fn milestone(&self, name: &str) -> Vec<&Milestone> {
        self.milestones
            .iter()
            .filter(|m| m.name.eq_ignore_ascii_case(name) || m.label().eq_ignore_ascii_case(name))
            .collect()
    }

    /// Every problem with the scenario's own numbers (the data are checked when loaded),
    /// each tied to the part of the file it belongs to.
    pub fn check(&self) -> Vec<ScenarioProblem> {
        let mut out = Vec::new();
        let top = |m: String| ScenarioProblem {
            anchor: Anchor::Top,
            message: m,
        };
        if self.horizon.is_empty() {
            out.push(top(format!("horizon {} has no years", self.horizon)));
        }
        if self.base_period.is_empty() {
            out.push(top(format!(
                "base period {} has no years",
                self.base_period
            )));
        }
        if self.horizon.last < self.base_period.last {
            out.push(top("horizon must end after the base period".into()));
        }
        let mut ids = std::collections::HashSet::new();
        for p in &self.programmes {
            let here = |m: String| ScenarioProblem {
                anchor: Anchor::Programme(p.id.clone()),
                message: m,
            };
            if !ids.insert(p.id.as_str()) {
                out.push(here(format!("two programmes have the id '{}'", p.id)));
            }
            out.extend(p.check().into_iter().map(here));
        }
        for m in &self.milestones {
            let here = |msg: String| ScenarioProblem {
                anchor: Anchor::Milestone(m.name.clone()),
                message: msg,
            };
            if m.period.first < self.horizon.first || m.period.last > self.horizon.last {
                out.push(here(format!(
                    "milestone '{}' is measured on {} but the simulation covers {}",
                    m.label(),
                    m.period,
                    self.horizon
                )));
            }
            if let Target::GapReduction {
                baseline,
                reduction,
                ..
            } = &m.target
            {
                if !self.history.iter().any(|h| h.period == *baseline)
                    && *baseline != self.base_period
                {
                    out.push(here(format!(
                        "milestone '{}' needs the gap in {baseline}: add that period to the history",
                        m.label()
                    )));
                }
                if !(0.0..1.0).contains(reduction) {
                    out.push(here(format!(
                        "milestone '{}': reduction {reduction} must be in 0–1",
                        m.label()
                    )));
                }
            }
        }
        if self.uncertainty.draws == 0 || self.uncertainty.draws > super::uncertainty::MAX_DRAWS {
            out.push(top(format!(
                "uncertainty.draws must be between 1 and {}, not {}",
                super::uncertainty::MAX_DRAWS,
                self.uncertainty.draws
            )));
        }
        let ids: Vec<&str> = self.programmes.iter().map(|p| p.id.as_str()).collect();
        for m in self.action_plan.check(&ids) {
            out.push(top(m));
        }
        out
    }
}

/// Where in a scenario a problem lies, so a file reader can point at the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    Top,
    Programme(String),
    Milestone(String),
}

/// A problem with a scenario's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioProblem {
    pub anchor: Anchor,
    pub message: String,
}

impl std::fmt::Display for ScenarioProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A new scenario for an area file: the programme library at baseline, the England and
/// Spearhead Group average yearly gains of 1995-97 to 2006-08 as the trend (men 0.30 and 0.28,
/// women 0.21 and 0.19 years a year; edit them), and for each sex a milestone of narrowing the
/// gap by 10% on the pooled period five years on.
pub fn new_from_data(data: &AreaData, area: &str, comparator: &str) -> Scenario {
    use super::life_table::{LifeTableOptions, life_table};
    let base = data
        .provenance
        .period
        .as_deref()
        .and_then(|p| p.parse::<Period>().ok())
        .unwrap_or(Period::new(2006, 2008));
    let mut milestones = Vec::new();
    for sex in Sex::BOTH {
        let opts = LifeTableOptions::point_only();
        let e0 = |name: &str| {
            data.group(name, sex)
                .and_then(|g| life_table(data.bands, &g.all_deaths(), &g.population, &opts).ok())
                .map(|t| t.e0())
        };
        if let (Some(l), Some(c)) = (e0(area), e0(comparator)) {
            milestones.push(Milestone {
                name: "Gap narrowed by 10%".into(),
                sex,
                period: Period::new(base.first + 5, base.last + 5),
                target: Target::MaxGap(((c - l) * 0.9 * 100.0).round() / 100.0),
            });
        }
    }
    Scenario {
        version: CURRENT_VERSION,
        name: format!("{area} vs {comparator}"),
        notes: String::new(),
        data: DataSource::Wide(data.provenance.source.clone()),
        area: area.to_string(),
        comparator: comparator.to_string(),
        base_period: base,
        horizon: Period::new(base.last, base.last + 7),
        as_of: None,
        history: Vec::new(),
        trend: Trend::Annual {
            local: BySex {
                male: 0.28,
                female: 0.19,
            },
            comparator: BySex {
                male: 0.30,
                female: 0.21,
            },
        },
        programmes: super::programmes::library::all(),
        milestones,
        status: StatusRules::default(),
        uncertainty: UncertaintySettings::default(),
        action_plan: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_dates() {
        assert_eq!(Period::new(2009, 2011).to_string(), "2009-11");
        assert_eq!(Period::new(1999, 2001).to_string(), "1999-2001");
        assert_eq!(Period::new(2009, 2011).mid(), 2010.5);
        assert_eq!(
            "2009-11".parse::<Period>().unwrap(),
            Period::new(2009, 2011)
        );
        assert_eq!(
            "1999-01".parse::<Period>().unwrap(),
            Period::new(1999, 2001)
        );
        assert_eq!("2010".parse::<Period>().unwrap(), Period::new(2010, 2010));
        assert!("2011-2009".parse::<Period>().is_err());
        let d: Date = "2009-04-01".parse().unwrap();
        assert_eq!(d.months_until("2011-12-31".parse().unwrap()), 32);
        assert!("2009-13-01".parse::<Date>().is_err());
    }
}
