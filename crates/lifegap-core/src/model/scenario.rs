//! A scenario: the area, the programmes at their chosen scales, the trend assumptions and the
//! milestones. Saved as a readable, hand-editable `.ron` file (see `crate::scenario_file`).

use super::area::{AreaData, Sex};
use super::comparator_path::{ComparatorPath, MAX_PATH_POINTS};
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
        (self.last as i64 - self.first as i64 + 1).max(0) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.last < self.first
    }

    /// Middle of the period in calendar time (2009–11 → 2010.5, the middle of 2010).
    pub fn mid(&self) -> f64 {
        (self.first as f64 + self.last as f64) / 2.0 + 0.5
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
        // Any year reads (no arithmetic here can overflow); `check` then holds every period
        // to [`YEARS`] with a message giving the range.
        let year = |t: &str| t.parse::<i32>().map_err(|_| bad());
        let first = year(a)?;
        let last = match b {
            None => first,
            Some(b) if b.len() == 2 => {
                let two = year(b)?;
                let century = first - first % 100;
                let last = century.checked_add(two).ok_or_else(bad)?;
                if last < first {
                    last.checked_add(100).ok_or_else(bad)?
                } else {
                    last
                }
            }
            Some(b) => year(b)?,
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
    /// Years within [`YEARS`], at most [`MAX_PERIOD_YEARS`] of them.
    pub period: Period,
    /// e₀ by sex, each within [`LIFE_EXPECTANCY`].
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
    /// Years of life expectancy gained per year, set by the user: each within
    /// [`TREND_PER_YEAR`].
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
    /// Narrow the gap by `reduction` (0.10 = 10%; 0 up to, not including, 1) from its value
    /// in `baseline` (the 2010 PSA target: at least 10% from 1995–97, measured on 2009–11);
    /// the baseline must be the base period or a history period.
    GapReduction {
        baseline: Period,
        reduction: f64,
        measure: GapMeasure,
    },
    /// A gap of at most this many years (within [`GAP_YEARS`]).
    MaxGap(f64),
    /// Local life expectancy at birth of at least this many years (local 2013 milestones),
    /// within [`LIFE_EXPECTANCY`].
    MinLifeExpectancy(f64),
}

/// A milestone for one sex, measured on (pooled) data for `period`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub name: String,
    pub sex: Sex,
    /// Within the horizon, at most [`MAX_PERIOD_YEARS`] pooled.
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
    /// by more, "off track". Within [`AT_RISK_YEARS`].
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
    /// 1 to [`super::uncertainty::MAX_DRAWS`].
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
        let mut m =
            (later.year as i64 - self.year as i64) * 12 + later.month as i64 - self.month as i64;
        if later.day < self.day {
            m -= 1;
        }
        m.clamp(i32::MIN as i64, i32::MAX as i64) as i32
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
        let year: i32 = it.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
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
    /// The period the data cover (three years pooled: population = three years of people):
    /// years within [`YEARS`], at most [`MAX_PERIOD_YEARS`] of them.
    pub base_period: Period,
    /// Years simulated: within [`YEARS`], at most [`MAX_HORIZON_YEARS`], ending no earlier
    /// than the base period.
    pub horizon: Period,
    /// The planning date the countdowns run from (today when absent): a real date within
    /// [`YEARS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Date>,
    /// At most [`MAX_HISTORY`] periods.
    #[serde(default)]
    pub history: Vec<HistoryPoint>,
    pub trend: Trend,
    /// England's own e₀ path: the trend (default), Holt's forecast of a series, or typed
    /// values ([`super::comparator_path`]); older files without it keep the trend.
    #[serde(default, skip_serializing_if = "ComparatorPath::is_trend")]
    pub comparator_path: ComparatorPath,
    /// At most [`MAX_PROGRAMMES`], each held to [`Programme::problems`].
    pub programmes: Vec<Programme>,
    /// At most [`MAX_MILESTONES`].
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
    /// Files the app loaded beside the scenario (actuals, practice list, rate baselines),
    /// relative to the scenario's folder like `data`, so they reopen with it.
    #[serde(default, skip_serializing_if = "LinkedFiles::is_empty")]
    pub files: LinkedFiles,
    /// Milestones on the slope index of inequality across the area's deprivation groups
    /// ([`super::sii_milestone`]), at most [`MAX_MILESTONES`]; older files have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sii_milestones: Vec<super::sii_milestone::SiiMilestone>,
}

/// Files kept with a scenario, each a path relative to the scenario's folder (read only from
/// that folder and below, as `data` is), at most [`MAX_LINKED_PATH`] characters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkedFiles {
    /// Delivery actuals (CSV programme,partner,quarter,people) for the Monitoring screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actuals: Option<String>,
    /// A practice list (CSV) for the Practices screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practices: Option<String>,
    /// The rate targets' baselines (CSV) for the Mortality rates screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baselines: Option<String>,
}

/// The longest linked-file path a scenario may hold.
pub const MAX_LINKED_PATH: usize = 4096;

impl LinkedFiles {
    pub fn is_empty(&self) -> bool {
        self.actuals.is_none() && self.practices.is_none() && self.baselines.is_none()
    }

    /// (field name, path) of each file named.
    pub fn named(&self) -> Vec<(&'static str, &str)> {
        [
            ("actuals", &self.actuals),
            ("practices", &self.practices),
            ("baselines", &self.baselines),
        ]
        .into_iter()
        .filter_map(|(n, p)| p.as_deref().map(|p| (n, p)))
        .collect()
    }
}

impl ComparatorPath {
    /// Whether the path is the trend (then it is left out of saved files).
    pub fn is_trend(&self) -> bool {
        matches!(self, ComparatorPath::Trend)
    }
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

    /// The comparator path's problems: at most [`MAX_PATH_POINTS`] points, each period valid,
    /// e₀ within [`LIFE_EXPECTANCY`], α and β above 0 and at most 1, then the path's own
    /// rules (order, spacing, enough points for Holt) for each sex.
    fn check_comparator_path(&self, root: &FieldPath, at: &mut impl FnMut(FieldPath, String)) {
        let here = root.field("comparator_path");
        let (list, name) = match &self.comparator_path {
            ComparatorPath::Trend => return,
            ComparatorPath::Holt {
                series,
                alpha,
                beta,
            } => {
                for (n, v) in [("alpha", alpha), ("beta", beta)] {
                    if let Some(v) = v
                        && !(v.is_finite() && *v > 0.0 && *v <= 1.0)
                    {
                        at(
                            here.field(n),
                            format!(
                                "comparator path: {n} {} is out of range: above 0 and at most 1",
                                show(*v)
                            ),
                        );
                    }
                }
                (series, "series")
            }
            ComparatorPath::Values { points } => (points, "points"),
        };
        if list.len() > MAX_PATH_POINTS {
            at(
                here.field(name),
                format!(
                    "comparator path has {} points, at most {MAX_PATH_POINTS}",
                    list.len()
                ),
            );
            return;
        }
        let mut ok = true;
        for (i, p) in list.iter().enumerate() {
            let pf = here.field(name).index(i);
            ok &= check_period(
                &mut *at,
                pf.field("period"),
                "comparator path period",
                p.period,
            );
            for (sex, x) in [("male", p.e0.male), ("female", p.e0.female)] {
                if !in_range(x, &LIFE_EXPECTANCY) {
                    ok = false;
                    at(
                        pf.field("e0").field(sex),
                        format!(
                            "comparator path {}: {sex} life expectancy {} is out of range: {}",
                            p.period,
                            show(x),
                            LIFE_EXPECTANCY_TEXT
                        ),
                    );
                }
            }
        }
        if ok {
            for sex in Sex::BOTH {
                if let Err(e) = self.comparator_path.prepare(sex) {
                    at(here.field(name), format!("comparator path: {e}"));
                    break;
                }
            }
        }
    }

    /// The milestones a name asks for: by name (both sexes, e.g. "2010 PSA target") or label
    /// ("2010 PSA target (men)"), case aside.
    pub fn milestone(&self, name: &str) -> Vec<&Milestone> {
        self.milestone_indices(name)
            .into_iter()
            .map(|i| &self.milestones[i])
            .collect()
    }

    /// Where the milestones [`Scenario::milestone`] finds are in `milestones`.
    pub fn milestone_indices(&self, name: &str) -> Vec<usize> {
        (0..self.milestones.len())
            .filter(|&i| {
                let m = &self.milestones[i];
                m.name.eq_ignore_ascii_case(name) || m.label().eq_ignore_ascii_case(name)
            })
            .collect()
    }

    /// Every problem with the scenario's own numbers (the data are checked when loaded), each
    /// tied to the field it is about, so a file reader can point at its line and column.
    ///
    /// Every number has a range (the constants of this module, of [`super::programmes`], of
    /// [`super::evidence`] and of [`super::action_plan`]); the checks only compare and never
    /// allocate by a number read from the file, so they are safe to run first on anything.
    pub fn check(&self) -> Vec<ScenarioProblem> {
        let mut out = Vec::new();
        let root = FieldPath::root();
        let mut at = |field: FieldPath, message: String| {
            out.push(ScenarioProblem { field, message });
        };
        check_period(
            &mut at,
            root.field("base_period"),
            "base period",
            self.base_period,
        );
        let h = self.horizon;
        let horizon_ok = !h.is_empty()
            && YEARS.contains(&h.first)
            && YEARS.contains(&h.last)
            && h.len() <= MAX_HORIZON_YEARS;
        if h.is_empty() {
            at(root.field("horizon"), format!("horizon {h} has no years"));
        } else if !(YEARS.contains(&h.first) && YEARS.contains(&h.last)) {
            at(
                root.field("horizon"),
                format!(
                    "horizon {h} is out of range: simulated years must lie within {YEARS_TEXT}"
                ),
            );
        } else if h.len() > MAX_HORIZON_YEARS {
            at(
                root.field("horizon"),
                format!(
                    "horizon {h} is out of range: it simulates {} years, at most {MAX_HORIZON_YEARS}",
                    h.len()
                ),
            );
        } else if h.last < self.base_period.last {
            at(
                root.field("horizon"),
                format!(
                    "horizon {h} must end after the base period {}",
                    self.base_period
                ),
            );
        }
        if let Some(d) = self.as_of
            && !YEARS.contains(&d.year)
        {
            at(
                root.field("as_of"),
                format!("as_of {d} is out of range: a date within {YEARS_TEXT}"),
            );
        }
        if self.history.len() > MAX_HISTORY {
            at(
                root.field("history"),
                format!(
                    "history has {} periods, at most {MAX_HISTORY}",
                    self.history.len()
                ),
            );
        }
        for (i, hp) in self.history.iter().enumerate().take(MAX_HISTORY) {
            let here = root.field("history").index(i);
            check_period(&mut at, here.field("period"), "history period", hp.period);
            for (side, v) in [("local", &hp.local), ("comparator", &hp.comparator)] {
                for (sex, x) in [("male", v.male), ("female", v.female)] {
                    if !in_range(x, &LIFE_EXPECTANCY) {
                        at(
                            here.field(side).field(sex),
                            format!(
                                "history {}: {side} {sex} life expectancy {} is out of range: {}",
                                hp.period,
                                show(x),
                                LIFE_EXPECTANCY_TEXT
                            ),
                        );
                    }
                }
            }
        }
        if let Trend::Annual { local, comparator } = &self.trend {
            for (side, v) in [("local", local), ("comparator", comparator)] {
                for (sex, x) in [("male", v.male), ("female", v.female)] {
                    if !in_range(x, &TREND_PER_YEAR) {
                        at(
                            root.field("trend").field(side).field(sex),
                            format!(
                                "trend: {side} {sex} change of {} years a year is out of range: {TREND_TEXT}",
                                show(x)
                            ),
                        );
                    }
                }
            }
        }
        self.check_comparator_path(&root, &mut at);
        for (name, p) in self.files.named() {
            if p.is_empty() || p.chars().count() > MAX_LINKED_PATH {
                at(
                    root.field("files").field(name),
                    format!("files: the {name} path must have 1 to {MAX_LINKED_PATH} characters"),
                );
            }
        }
        if self.programmes.len() > MAX_PROGRAMMES {
            at(
                root.field("programmes"),
                format!(
                    "{} programmes, at most {MAX_PROGRAMMES}",
                    self.programmes.len()
                ),
            );
        }
        let mut ids = std::collections::HashSet::new();
        for (i, p) in self.programmes.iter().enumerate().take(MAX_PROGRAMMES) {
            let here = root.field("programmes").index(i);
            if !ids.insert(p.id.as_str()) {
                at(
                    here.field("id"),
                    format!("two programmes have the id '{}'", p.id),
                );
            }
            // Start years are held to the horizon only when it is itself in range.
            for (field, message) in p.problems(horizon_ok.then_some(h)) {
                at(here.join(&field), message);
            }
        }
        if self.milestones.len() > MAX_MILESTONES {
            at(
                root.field("milestones"),
                format!(
                    "{} milestones, at most {MAX_MILESTONES}",
                    self.milestones.len()
                ),
            );
        }
        for (i, m) in self.milestones.iter().enumerate().take(MAX_MILESTONES) {
            let here = root.field("milestones").index(i);
            let label = m.label();
            if check_period(&mut at, here.field("period"), "milestone period", m.period)
                && (m.period.first < h.first || m.period.last > h.last)
            {
                at(
                    here.field("period"),
                    format!(
                        "milestone '{label}' is measured on {} but the simulation covers {h}",
                        m.period
                    ),
                );
            }
            let target = here.field("target");
            match &m.target {
                Target::GapReduction {
                    baseline,
                    reduction,
                    ..
                } => {
                    let b = target.field("baseline");
                    if check_period(&mut at, b.clone(), "milestone baseline", *baseline)
                        && !self.history.iter().any(|hp| hp.period == *baseline)
                        && *baseline != self.base_period
                    {
                        at(
                            b,
                            format!(
                                "milestone '{label}' needs the gap in {baseline}: add that period to the history"
                            ),
                        );
                    }
                    if !(reduction.is_finite() && (0.0..1.0).contains(reduction)) {
                        at(
                            target.field("reduction"),
                            format!(
                                "milestone '{label}': reduction {} is out of range: a share from 0 up to (not including) 1",
                                show(*reduction)
                            ),
                        );
                    }
                }
                Target::MaxGap(g) => {
                    if !in_range(*g, &GAP_YEARS) {
                        at(
                            target.index(0),
                            format!(
                                "milestone '{label}': a gap of {} years is out of range: {GAP_TEXT}",
                                show(*g)
                            ),
                        );
                    }
                }
                Target::MinLifeExpectancy(e) => {
                    if !in_range(*e, &LIFE_EXPECTANCY) {
                        at(
                            target.index(0),
                            format!(
                                "milestone '{label}': life expectancy {} is out of range: {LIFE_EXPECTANCY_TEXT}",
                                show(*e)
                            ),
                        );
                    }
                }
            }
        }
        if self.sii_milestones.len() > MAX_MILESTONES {
            at(
                root.field("sii_milestones"),
                format!(
                    "{} SII milestones, at most {MAX_MILESTONES}",
                    self.sii_milestones.len()
                ),
            );
        }
        for (i, m) in self.sii_milestones.iter().enumerate().take(MAX_MILESTONES) {
            let here = root.field("sii_milestones").index(i);
            for (field, message) in m.problems(h) {
                at(here.join(&field), message);
            }
        }
        let r = self.status.at_risk_years;
        if !in_range(r, &AT_RISK_YEARS) {
            at(
                root.field("status").field("at_risk_years"),
                format!(
                    "status.at_risk_years {} is out of range: {AT_RISK_TEXT}",
                    show(r)
                ),
            );
        }
        if self.uncertainty.draws == 0 || self.uncertainty.draws > super::uncertainty::MAX_DRAWS {
            at(
                root.field("uncertainty").field("draws"),
                format!(
                    "uncertainty.draws {} is out of range: 1 to {}",
                    self.uncertainty.draws,
                    super::uncertainty::MAX_DRAWS
                ),
            );
        }
        let names: Vec<(&str, &str)> = self
            .programmes
            .iter()
            .map(|p| {
                let name = if p.name.trim().is_empty() {
                    &p.id
                } else {
                    &p.name
                };
                (p.id.as_str(), name.as_str())
            })
            .collect();
        for (field, message) in self.action_plan.problems(&names) {
            at(root.field("action_plan").join(&field), message);
        }
        out
    }
}

/// Calendar years a scenario may name: every period (base, horizon, history, milestones and
/// their baselines), the planning date and programmes' start years.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;
const YEARS_TEXT: &str = "1900–2100";
/// Simulated years at most: the horizon's length (the projection allocates per year).
pub const MAX_HORIZON_YEARS: usize = 60;
/// Years pooled in one period at most (base period, history periods, milestone periods).
pub const MAX_PERIOD_YEARS: usize = 10;
/// Life expectancy at birth in years (history values and `MinLifeExpectancy` targets).
pub const LIFE_EXPECTANCY: std::ops::RangeInclusive<f64> = 10.0..=120.0;
const LIFE_EXPECTANCY_TEXT: &str = "10 to 120 years";
/// A gap in years (`MaxGap` targets): negative when the area lives longer.
pub const GAP_YEARS: std::ops::RangeInclusive<f64> = -30.0..=30.0;
const GAP_TEXT: &str = "-30 to 30 years";
/// A hand-set trend (`Trend::Annual`): years of life expectancy gained (or lost) per year.
pub const TREND_PER_YEAR: std::ops::RangeInclusive<f64> = -2.0..=2.0;
const TREND_TEXT: &str = "-2 to 2 years a year";
/// `status.at_risk_years`: how far a projection may miss and still be "at risk".
pub const AT_RISK_YEARS: std::ops::RangeInclusive<f64> = 0.0..=10.0;
const AT_RISK_TEXT: &str = "0 to 10 years";
/// Programmes in one scenario at most (each is simulated alone and together, per milestone).
pub const MAX_PROGRAMMES: usize = 50;
/// Milestones in one scenario at most (each has its attribution and goal seek).
pub const MAX_MILESTONES: usize = 20;
/// History periods at most.
pub const MAX_HISTORY: usize = 100;

/// A finite number within `range`.
pub(crate) fn in_range(v: f64, range: &std::ops::RangeInclusive<f64>) -> bool {
    v.is_finite() && range.contains(&v)
}

/// A number as an error message quotes it: short, and exact for what a person types
/// (`0.06`, `1e308`, `1e12`, `NaN`, `inf`).
pub(crate) fn show(v: f64) -> String {
    let a = v.abs();
    if a.is_finite() && (a >= 1e9 || (a > 0.0 && a < 1e-4)) {
        format!("{v:e}")
    } else {
        format!("{v:?}")
    }
}

/// Years within [`YEARS`] and at most [`MAX_PERIOD_YEARS`] of them; true when the period is
/// usable for further checks.
fn check_period(
    at: &mut impl FnMut(FieldPath, String),
    field: FieldPath,
    what: &str,
    p: Period,
) -> bool {
    if p.is_empty() {
        at(field, format!("{what} {p} has no years"));
        false
    } else if !(YEARS.contains(&p.first) && YEARS.contains(&p.last)) {
        at(
            field,
            format!("{what} {p} is out of range: years within {YEARS_TEXT}"),
        );
        false
    } else if p.len() > MAX_PERIOD_YEARS {
        at(
            field,
            format!(
                "{what} {p} is out of range: it pools {} years, at most {MAX_PERIOD_YEARS}",
                p.len()
            ),
        );
        false
    } else {
        true
    }
}

/// One step into a scenario: a named field, or an item of a list (or of a tuple, or the value
/// inside an enum variant such as `MaxGap(1.5)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    Field(&'static str),
    Index(usize),
}

/// Where a value sits in a scenario, from the top: `programmes[2].coverage.target`. A file
/// reader turns it into a line and column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    /// The scenario itself.
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    /// A named field inside this one.
    pub fn field(&self, name: &'static str) -> Self {
        let mut p = self.clone();
        p.0.push(Segment::Field(name));
        p
    }

    /// An item of this list (or tuple, or variant).
    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Segment::Index(i));
        p
    }

    /// `other`, taken from inside this one.
    pub fn join(&self, other: &FieldPath) -> Self {
        let mut p = self.clone();
        p.0.extend_from_slice(&other.0);
        p
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Segment::Field(n) if i == 0 => write!(f, "{n}")?,
                Segment::Field(n) => write!(f, ".{n}")?,
                Segment::Index(k) => write!(f, "[{k}]")?,
            }
        }
        Ok(())
    }
}

/// A problem with a scenario's content, at the field it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioProblem {
    pub field: FieldPath,
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
        comparator_path: Default::default(),
        programmes: super::programmes::library::all(),
        milestones,
        status: StatusRules::default(),
        uncertainty: UncertaintySettings::default(),
        action_plan: Default::default(),
        files: Default::default(),
        sii_milestones: Vec::new(),
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
