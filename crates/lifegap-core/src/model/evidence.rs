//! Evidence parameters: every number taken from a study carries its source (study, year, what
//! it measures) and a low–high range for the uncertainty analysis, and stays editable.

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
    /// Publication year of the source (0 when it is a local assumption).
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

    /// "Taylor et al., Cochrane Review CD004816 (2013)".
    pub fn citation(&self) -> String {
        if self.year > 0 {
            format!("{} ({})", self.source, self.year)
        } else {
            self.source.clone()
        }
    }

    /// Problems with the numbers: range order and finiteness, within `[min, max]`.
    pub fn check(&self, what: &str, min: f64, max: f64) -> Vec<String> {
        let mut out = Vec::new();
        for (name, v) in [
            ("value", self.value),
            ("low", self.low),
            ("high", self.high),
        ] {
            if !v.is_finite() || v < min || v > max {
                out.push(format!(
                    "{what}: {name} {v} must be between {min} and {max}"
                ));
            }
        }
        if self.low > self.value || self.value > self.high {
            out.push(format!(
                "{what}: needs low ≤ value ≤ high, got {} ≤ {} ≤ {}",
                self.low, self.value, self.high
            ));
        }
        if self.source.trim().is_empty() {
            out.push(format!(
                "{what}: source is empty: say where the number comes from"
            ));
        }
        out
    }
}

/// Share of the full effect reached by years since a person started (lag, or "gestation").
/// Linear between points, 0 before the first point, the last value after the last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LagProfile {
    /// (years since start, share of full effect), years increasing.
    pub points: Vec<(f64, f64)>,
    pub source: String,
}

impl LagProfile {
    pub fn new(points: &[(f64, f64)], source: &str) -> Self {
        LagProfile {
            points: points.to_vec(),
            source: source.to_string(),
        }
    }

    /// Full effect at once.
    pub fn immediate(source: &str) -> Self {
        LagProfile::new(&[(0.0, 1.0)], source)
    }

    /// Share of the full effect `years` after starting.
    pub fn at(&self, years: f64) -> f64 {
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

    pub fn check(&self, what: &str) -> Vec<String> {
        let mut out = Vec::new();
        if self.points.is_empty() {
            out.push(format!("{what}: lag profile has no points"));
        }
        for w in self.points.windows(2) {
            if w[1].0 <= w[0].0 {
                out.push(format!(
                    "{what}: lag profile years must increase ({} then {})",
                    w[0].0, w[1].0
                ));
            }
        }
        for w in self.points.windows(2) {
            if w[1].1 < w[0].1 {
                out.push(format!(
                    "{what}: lag shares must not fall ({} then {}): a benefit that fades is not modelled",
                    w[0].1, w[1].1
                ));
            }
        }
        for &(x, y) in &self.points {
            if !(x.is_finite() && x >= 0.0 && y.is_finite() && (0.0..=1.0).contains(&y)) {
                out.push(format!(
                    "{what}: lag point ({x}, {y}) needs years ≥ 0 and a share in 0–1"
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
}
