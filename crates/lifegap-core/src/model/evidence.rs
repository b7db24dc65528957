//! Evidence parameters: every number taken from a study carries its source (study, year, what
//! it measures) and a low–high range for the uncertainty analysis, and stays editable.

use super::scenario::{FieldPath, in_range, show};
use serde::{Deserialize, Serialize};

/// A value from evidence (or a stated local assumption) with its range and provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Central value used in the projection.
    pub value: f64,
    /// Low and high ends of the plausible range (e.g. a 95% confidence interval).
    pub low: f64,
    pub high: f64,
    /// The study or data source, e.g. "Taylor et al., Cochrane Review CD004816".
    pub source: String,
    /// Publication year of the source (0 when it is a local assumption; else within
    /// [`PUBLICATION_YEARS`]).
    #[serde(default)]
    pub year: u16,
    /// What the source measured, so a reader can judge the transfer to this use.
    #[serde(default)]
    pub measures: String,
}

impl Evidence {
    pub fn new(value: f64, low: f64, high: f64, source: &str, year: u16, measures: &str) -> Self {
        Evidence {
            value,
            low,
            high,
            source: source.to_string(),
            year,
            measures: measures.to_string(),
        }
    }

    /// A value with no range (fixed in the uncertainty analysis).
    pub fn fixed(value: f64, source: &str, year: u16, measures: &str) -> Self {
        Evidence::new(value, value, value, source, year, measures)
    }

    /// A local assumption (no publication year) rather than a published figure.
    pub fn is_local(&self) -> bool {
        self.year == 0
    }

    /// The publication year as a reader sees it: "2005", or "local" for an assumption.
    pub fn year_text(&self) -> String {
        if self.is_local() {
            "local".into()
        } else {
            self.year.to_string()
        }
    }

    /// Published after `planning_year`: a plan made then could not have cited it.
    pub fn published_after(&self, planning_year: i32) -> bool {
        !self.is_local() && i32::from(self.year) > planning_year
    }

    /// An earlier publication of the same quantity, to swap in when this one postdates the
    /// plan. Known pairs only: CTT 2010 → CTT 2005 (major vascular events RR 0.79, 95% CI
    /// 0.77–0.81, per 1 mmol/L LDL reduction; Lancet 2005;366:1267), applied as the
    /// 2010 value is.
    pub fn earlier(&self) -> Option<Evidence> {
        if self.source.starts_with("Cholesterol Treatment Trialists") && self.year == 2010 {
            let applied = self
                .measures
                .split_once("; applied to")
                .map(|(_, rest)| format!("; applied to{rest}"))
                .unwrap_or_default();
            return Some(Evidence::new(
                0.21,
                0.19,
                0.23,
                "Cholesterol Treatment Trialists' (CTT) Collaborators, Lancet 2005;366:1267",
                2005,
                &format!(
                    "major vascular events RR 0.79 (0.77-0.81) per 1 mmol/L LDL reduction{applied}"
                ),
            ));
        }
        None
    }

    /// "Taylor et al., Cochrane Review CD004816 (2013)".
    pub fn citation(&self) -> String {
        if self.year > 0 {
            format!("{} ({})", self.source, self.year)
        } else {
            self.source.clone()
        }
    }

    /// Problems with the numbers, each at its field (`value`, `low`, `high`, `source`,
    /// `year`): finite, within `[min, max]`, low ≤ value ≤ high, a source, and a publication
    /// year of 0 (a local assumption) or within [`PUBLICATION_YEARS`].
    pub fn problems(&self, what: &str, min: f64, max: f64) -> Vec<(FieldPath, String)> {
        let root = FieldPath::root();
        let mut out = Vec::new();
        let mut ok = true;
        for (name, v) in [
            ("value", self.value),
            ("low", self.low),
            ("high", self.high),
        ] {
            if !(v.is_finite() && v >= min && v <= max) {
                ok = false;
                out.push((
                    root.field(name),
                    format!("{what}: {name} {} is out of range: {min} to {max}", show(v)),
                ));
            }
        }
        if ok && (self.low > self.value || self.value > self.high) {
            out.push((
                root.field("value"),
                format!(
                    "{what}: needs low ≤ value ≤ high, got {} ≤ {} ≤ {}",
                    self.low, self.value, self.high
                ),
            ));
        }
        if self.source.trim().is_empty() {
            out.push((
                root.field("source"),
                format!("{what}: source is empty: say where the number comes from"),
            ));
        }
        if self.year != 0 && !PUBLICATION_YEARS.contains(&self.year) {
            out.push((
                root.field("year"),
                format!(
                    "{what}: year {} is out of range: 0 (a local assumption) or {}–{}",
                    self.year,
                    PUBLICATION_YEARS.start(),
                    PUBLICATION_YEARS.end()
                ),
            ));
        }
        out
    }
}

/// Publication years of evidence (0 marks a local assumption).
pub const PUBLICATION_YEARS: std::ops::RangeInclusive<u16> = 1800..=2100;
/// Points of a lag profile at most.
pub const MAX_LAG_POINTS: usize = 50;
/// Years since starting that a lag profile may name.
pub const LAG_YEARS: std::ops::RangeInclusive<f64> = 0.0..=100.0;

/// Share of the full effect reached by years since a person started (lag, or "gestation").
/// Linear between points, 0 before the first point, the last value after the last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LagProfile {
    /// (years since start, share of full effect), years increasing within [`LAG_YEARS`],
    /// shares 0–1 and not falling; 1 to [`MAX_LAG_POINTS`] points.
    pub points: Vec<(f64, f64)>,
    pub source: String,
    /// How sure the timing is: a multiplier on the profile's years (1 = as listed; 1.5 = every
    /// point half as late again), with its plausible range and source. The Monte Carlo draws
    /// it log-normally within the range, so "benefit within 1-2 years" and "7-10 years to net
    /// benefit" become part of the intervals. None: the timing is taken as exact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<Evidence>,
}

/// Range allowed for a lag's timing multiplier: a quarter to four times the listed years.
pub const LAG_TIMING: std::ops::RangeInclusive<f64> = 0.25..=4.0;

impl LagProfile {
    pub fn new(points: &[(f64, f64)], source: &str) -> Self {
        LagProfile {
            points: points.to_vec(),
            source: source.to_string(),
            timing: None,
        }
    }

    /// The same profile with an uncertain timing (see [`LagProfile::timing`]).
    pub fn with_timing(mut self, timing: Evidence) -> Self {
        self.timing = Some(timing);
        self
    }

    /// The central timing multiplier (1 when none is set).
    pub fn timing_value(&self) -> f64 {
        self.timing.as_ref().map_or(1.0, |t| t.value)
    }

    /// Full effect at once.
    pub fn immediate(source: &str) -> Self {
        LagProfile::new(&[(0.0, 1.0)], source)
    }

    /// Share of the full effect `years` after starting, at the central timing.
    pub fn at(&self, years: f64) -> f64 {
        self.at_timing(years, self.timing_value())
    }

    /// Share of the full effect `years` after starting when every listed year is multiplied
    /// by `timing` (a Monte Carlo draw of [`LagProfile::timing`]).
    pub fn at_timing(&self, years: f64, timing: f64) -> f64 {
        let years = if timing > 0.0 && timing != 1.0 {
            years / timing
        } else {
            years
        };
        let p = &self.points;
        match p.first() {
            None => 1.0,
            Some(&(x0, y0)) if years <= x0 => {
                if years < x0 {
                    0.0
                } else {
                    y0
                }
            }
            _ => {
                for w in p.windows(2) {
                    let ((x0, y0), (x1, y1)) = (w[0], w[1]);
                    if years <= x1 {
                        let t = if x1 > x0 {
                            (years - x0) / (x1 - x0)
                        } else {
                            1.0
                        };
                        return y0 + t * (y1 - y0);
                    }
                }
                p.last().map(|&(_, y)| y).unwrap_or(1.0)
            }
        }
    }

    /// Problems, each at its field (`points[i][0]` for a year, `points[i][1]` for a share):
    /// 1 to [`MAX_LAG_POINTS`] points, years within [`LAG_YEARS`] and increasing, shares 0–1
    /// and not falling.
    pub fn problems(&self, what: &str) -> Vec<(FieldPath, String)> {
        let points = FieldPath::root().field("points");
        let mut out = Vec::new();
        if self.points.is_empty() {
            out.push((points.clone(), format!("{what}: lag profile has no points")));
        }
        if self.points.len() > MAX_LAG_POINTS {
            out.push((
                points.clone(),
                format!(
                    "{what}: lag profile has {} points, at most {MAX_LAG_POINTS}",
                    self.points.len()
                ),
            ));
            return out;
        }
        let mut ok = true;
        for (i, &(x, y)) in self.points.iter().enumerate() {
            if !in_range(x, &LAG_YEARS) {
                ok = false;
                out.push((
                    points.index(i).index(0),
                    format!(
                        "{what}: lag point ({}, {}): years {} are out of range: {} to {}",
                        show(x),
                        show(y),
                        show(x),
                        LAG_YEARS.start(),
                        LAG_YEARS.end()
                    ),
                ));
            }
            if !in_range(y, &(0.0..=1.0)) {
                ok = false;
                out.push((
                    points.index(i).index(1),
                    format!(
                        "{what}: lag point ({}, {}): share {} is out of range: 0 to 1",
                        show(x),
                        show(y),
                        show(y)
                    ),
                ));
            }
        }
        if let Some(t) = &self.timing {
            let (lo, hi) = (*LAG_TIMING.start(), *LAG_TIMING.end());
            for (field, msg) in t.problems(&format!("{what}: lag timing"), lo, hi) {
                out.push((FieldPath::root().field("timing").join(&field), msg));
            }
        }
        if !ok {
            return out;
        }
        for (i, w) in self.points.windows(2).enumerate() {
            if w[1].0 <= w[0].0 {
                out.push((
                    points.index(i + 1).index(0),
                    format!(
                        "{what}: lag profile years must increase ({} then {})",
                        w[0].0, w[1].0
                    ),
                ));
            }
            if w[1].1 < w[0].1 {
                out.push((
                    points.index(i + 1).index(1),
                    format!(
                        "{what}: lag shares must not fall ({} then {}): a benefit that fades is not modelled",
                        w[0].1, w[1].1
                    ),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lag_interpolates() {
        let l = LagProfile::new(&[(0.0, 0.0), (2.0, 1.0)], "t");
        assert_eq!(l.at(-1.0), 0.0);
        assert_eq!(l.at(0.5), 0.25);
        assert_eq!(l.at(5.0), 1.0);
        let i = LagProfile::immediate("t");
        assert_eq!(i.at(0.0), 1.0);
        assert_eq!(i.at(0.5), 1.0);
        assert_eq!(i.at(-0.5), 0.0);
    }

    #[test]
    fn lag_timing_multiplies_the_years() {
        let l = LagProfile::new(&[(0.0, 0.0), (2.0, 1.0)], "t");
        // 1 year in: half way at the listed timing; a quarter of the way when twice as slow.
        assert_eq!(l.at_timing(1.0, 1.0), 0.5);
        assert_eq!(l.at_timing(1.0, 2.0), 0.25);
        assert_eq!(l.at_timing(1.0, 0.5), 1.0);
        // A central timing other than 1 moves the central profile too.
        let slow = l
            .clone()
            .with_timing(Evidence::new(2.0, 1.0, 3.0, "t", 0, "t"));
        assert_eq!(slow.at(1.0), 0.25);
        assert!(slow.problems("x").is_empty());
        // Out of range and inconsistent timings are errors at their fields.
        let bad = l.with_timing(Evidence::new(5.0, 1.0, 6.0, "t", 0, "t"));
        let p = bad.problems("Statins");
        assert!(
            p.iter()
                .any(|(f, m)| f.to_string() == "timing.value" && m.contains("lag timing")),
            "{p:?}"
        );
    }
}
