//! Milestones: the projected value with and without the programmes against what is required,
//! the shortfall, a red/amber/green status, and the time left.
//!
//! **Status** (thresholds stated in the scenario, `status.at_risk_years`, default 0.2):
//! *on track* when the projection with the programmes meets the milestone; *at risk* when it
//! misses by no more than `at_risk_years` of life expectancy (or of gap; for a relative gap, that
//! many years as a share of England's e₀); *off track* when it misses by more.
//!
//! **Time left** runs from the scenario's planning date (`as_of`, or today) to the end of the
//! milestone's measurement period, when the last of its data year is complete.

use super::area::Sex;
use super::projection::{Pooled, ProjectionError, Settings, Simulator};
use super::scenario::{Date, GapMeasure, Milestone, Period, Scenario, Target};
use serde::Serialize;

/// Red / amber / green.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Status {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::OnTrack => "on track",
            Status::AtRisk => "at risk",
            Status::OffTrack => "off track",
        }
    }

    pub fn rag(self) -> &'static str {
        match self {
            Status::OnTrack => "green",
            Status::AtRisk => "amber",
            Status::OffTrack => "red",
        }
    }
}

/// Which way a measure must go to meet its milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Direction {
    /// A gap: at most the required value.
    AtMost,
    /// A life expectancy: at least the required value.
    AtLeast,
}

/// What is measured and its unit, for labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Measure {
    GapYears,
    GapShare,
    LifeExpectancy,
}

impl Measure {
    pub fn unit(self) -> &'static str {
        match self {
            Measure::GapYears | Measure::LifeExpectancy => "years",
            Measure::GapShare => "% of England's e0",
        }
    }

    /// The value of this measure from pooled life expectancies.
    pub fn of(self, local: f64, comparator: f64) -> f64 {
        match self {
            Measure::GapYears => comparator - local,
            Measure::GapShare => (comparator - local) / comparator,
            Measure::LifeExpectancy => local,
        }
    }

    pub fn direction(self) -> Direction {
        match self {
            Measure::LifeExpectancy => Direction::AtLeast,
            _ => Direction::AtMost,
        }
    }
}

/// A milestone's judgement.
#[derive(Debug, Clone, Serialize)]
pub struct MilestoneResult {
    pub name: String,
    pub label: String,
    pub sex: Sex,
    pub period: Period,
    pub measure: Measure,
    /// The measure in the milestone's baseline period (gap targets), else in the base period.
    pub baseline_value: f64,
    pub required: f64,
    pub without: f64,
    pub with: f64,
    /// How far the projection without programmes misses (positive = short; 0 if met).
    pub shortfall_without: f64,
    /// How far the projection with programmes still misses (0 if met).
    pub shortfall_with: f64,
    /// Share of the shortfall the programmes close (1 = all; `None` when there was none).
    pub share_of_shortfall_closed: Option<f64>,
    pub status: Status,
    /// Pooled e₀ over the milestone period.
    pub pooled: Pooled,
    /// Months from the planning date to the end of the measurement period (negative = passed).
    pub months_left: i32,
    pub due: Date,
}

/// The measure a milestone uses and the value it requires.
pub(crate) fn requirement(
    s: &Scenario,
    m: &Milestone,
    base_local: f64,
    base_comp: f64,
) -> (Measure, f64, f64) {
    match &m.target {
        Target::GapReduction {
            baseline,
            reduction,
            measure,
        } => {
            let me = match measure {
                GapMeasure::Absolute => Measure::GapYears,
                GapMeasure::Relative => Measure::GapShare,
            };
            let base = if *baseline == s.base_period {
                me.of(base_local, base_comp)
            } else {
                s.history
                    .iter()
                    .find(|h| h.period == *baseline)
                    .map(|h| me.of(h.local.get(m.sex), h.comparator.get(m.sex)))
                    .unwrap_or(f64::NAN)
            };
            (me, base, base * (1.0 - reduction))
        }
        Target::MaxGap(g) => (Measure::GapYears, base_comp - base_local, *g),
        Target::MinLifeExpectancy(e) => (Measure::LifeExpectancy, base_local, *e),
    }
}

/// Shortfall of `value` against `required` (positive = short of it).
pub fn shortfall(measure: Measure, value: f64, required: f64) -> f64 {
    match measure.direction() {
        Direction::AtMost => value - required,
        Direction::AtLeast => required - value,
    }
}

/// The due date: the last day of the measurement period.
pub(crate) fn due_date(m: &Milestone) -> Date {
    Date {
        year: m.period.last,
        month: 12,
        day: 31,
    }
}

/// Status from the remaining shortfall.
pub fn status(measure: Measure, miss: f64, at_risk_years: f64, e0_comparator: f64) -> Status {
    let margin = match measure {
        Measure::GapShare => at_risk_years / e0_comparator,
        _ => at_risk_years,
    };
    if miss <= 1e-12 {
        Status::OnTrack
    } else if miss <= margin {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

/// A milestone's pooled projection with the measure and requirement it is judged by.
#[derive(Debug, Clone, Copy)]
pub struct Measured {
    pub pooled: Pooled,
    pub measure: Measure,
    pub baseline_value: f64,
    pub required: f64,
}

impl Measured {
    /// The measure with the programmes.
    pub fn with(&self) -> f64 {
        self.measure
            .of(self.pooled.e0_local_with, self.pooled.e0_comparator)
    }
}

/// Project a milestone's period at the given settings and say what it requires.
pub(crate) fn measure_at(
    sim: &Simulator,
    s: &Scenario,
    settings: &Settings,
    m: &Milestone,
) -> Result<Measured, ProjectionError> {
    let model = sim.sex(m.sex).ok_or(ProjectionError::MissingGroup {
        area: s.area.clone(),
        sex: m.sex,
    })?;
    let pooled = sim.pooled(m.sex, m.period, s, settings)?;
    let (measure, baseline_value, required) =
        requirement(s, m, model.local_table.e0(), model.comparator_table.e0());
    Ok(Measured {
        pooled,
        measure,
        baseline_value,
        required,
    })
}

/// Judge one milestone at the given settings.
pub fn evaluate(
    sim: &Simulator,
    s: &Scenario,
    settings: &Settings,
    m: &Milestone,
    as_of: Date,
) -> Result<MilestoneResult, ProjectionError> {
    let Measured {
        pooled,
        measure,
        baseline_value,
        required,
    } = measure_at(sim, s, settings, m)?;
    let without = measure.of(pooled.e0_local_without, pooled.e0_comparator);
    let with = measure.of(pooled.e0_local_with, pooled.e0_comparator);
    let short0 = shortfall(measure, without, required);
    let short1 = shortfall(measure, with, required);
    let closed = (short0 > 0.0).then(|| (short0 - short1.max(0.0)) / short0);
    let due = due_date(m);
    Ok(MilestoneResult {
        name: m.name.clone(),
        label: m.label(),
        sex: m.sex,
        period: m.period,
        measure,
        baseline_value,
        required,
        without,
        with,
        shortfall_without: short0.max(0.0),
        shortfall_with: short1.max(0.0),
        share_of_shortfall_closed: closed,
        status: status(
            measure,
            short1,
            s.status.at_risk_years,
            pooled.e0_comparator,
        ),
        pooled,
        months_left: as_of.months_until(due),
        due,
    })
}

/// The straight-line required trajectory for charts: from the base period's value (at its
/// middle) to the required value at the milestone period's middle, with a point at each
/// simulated year's middle between them.
pub fn required_path(
    s: &Scenario,
    m: &Milestone,
    start_value: f64,
    required: f64,
    years: &[i32],
) -> Vec<(f64, f64)> {
    let x0 = s.base_period.mid();
    let x1 = m.period.mid();
    if x1 <= x0 {
        // Measured on the base period itself: nothing to travel.
        return vec![(x1, required)];
    }
    let mut path = std::iter::once(x0)
        .chain(years.iter().map(|&y| y as f64 + 0.5))
        .chain(std::iter::once(x1))
        .filter(|&x| x >= x0 && x <= x1 + 1e-9)
        .map(|x| {
            (
                x,
                start_value + (required - start_value) * (x - x0) / (x1 - x0),
            )
        })
        .collect::<Vec<_>>();
    path.dedup_by(|a, b| (a.0 - b.0).abs() < 1e-9);
    path
}
