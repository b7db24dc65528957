//! England's own life-expectancy path in the projection (the comparator's e₀ by year).
//!
//! A gap milestone moves with England, so which path England is assumed to follow matters as
//! much as the local plan. Three choices, kept in the scenario as `comparator_path`:
//!
//! - [`ComparatorPath::Trend`] (the default, and what files without the field get): the
//!   scenario's `trend` — a fitted or typed annual change from the base period's life table.
//! - [`ComparatorPath::Holt`]: Holt's linear exponential smoothing (Holt 1957) of a series of
//!   England's e₀, equally spaced; after the series' last period the path is Holt's forecast
//!   ℓₙ + h·bₙ with its 95% interval (`holt::Holt::forecast`), within the series straight lines
//!   between the values.
//! - [`ComparatorPath::Values`]: e₀ typed by period, straight lines between the periods'
//!   middles, the first and last segments extended.
//!
//! The projection scales England's death rates each year so its life table reproduces the
//! path's value (`trend::rate_multiplier`), exactly as it does for the trend.

use super::area::Sex;
use super::holt::{Forecast, Holt, fit};
use super::scenario::{BySex, Period};
use serde::{Deserialize, Serialize};

/// At most this many points in a comparator path.
pub const MAX_PATH_POINTS: usize = 100;

/// One period's e₀ for England, by sex.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathPoint {
    pub period: Period,
    pub e0: BySex,
}

/// How England's e₀ moves over the projection.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum ComparatorPath {
    /// The scenario's trend from the base period.
    #[default]
    Trend,
    /// Holt's forecast of `series` (oldest first, equally spaced); α and β estimated when
    /// absent (each above 0 and at most 1).
    Holt {
        series: Vec<PathPoint>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        alpha: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        beta: Option<f64>,
    },
    /// Typed values, at least two periods, oldest first.
    Values { points: Vec<PathPoint> },
}

/// A path ready to read for one sex.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    mids: Vec<f64>,
    values: Vec<f64>,
    holt: Option<(Holt, f64)>,
}

impl ComparatorPath {
    pub fn label(&self) -> &'static str {
        match self {
            ComparatorPath::Trend => "the scenario's trend",
            ComparatorPath::Holt { .. } => "Holt's forecast",
            ComparatorPath::Values { .. } => "typed values",
        }
    }

    fn points(&self) -> &[PathPoint] {
        match self {
            ComparatorPath::Trend => &[],
            ComparatorPath::Holt { series, .. } => series,
            ComparatorPath::Values { points } => points,
        }
    }

    /// The path for one sex: `None` for the trend; an error (in words) when the points are out
    /// of order, unequally spaced for Holt, too few, or Holt cannot be fitted.
    pub fn prepare(&self, sex: Sex) -> Result<Option<Prepared>, String> {
        if matches!(self, ComparatorPath::Trend) {
            return Ok(None);
        }
        let pts = self.points();
        if pts.len() > MAX_PATH_POINTS {
            return Err(format!("{} points, at most {MAX_PATH_POINTS}", pts.len()));
        }
        if pts.len() < 2 {
            return Err(format!(
                "{} point(s): at least two periods are needed",
                pts.len()
            ));
        }
        let mids: Vec<f64> = pts.iter().map(|p| p.period.mid()).collect();
        if let Some(i) = mids.windows(2).position(|w| w[1] <= w[0]) {
            return Err(format!(
                "period {} does not come after {}: oldest first, no repeats",
                pts[i + 1].period,
                pts[i].period
            ));
        }
        let values: Vec<f64> = pts.iter().map(|p| p.e0.get(sex)).collect();
        let holt = match self {
            ComparatorPath::Holt { alpha, beta, .. } => {
                let step = mids[1] - mids[0];
                if let Some(i) = mids
                    .windows(2)
                    .position(|w| ((w[1] - w[0]) - step).abs() > 1e-9)
                {
                    return Err(format!(
                        "Holt needs equally spaced periods: {} to {} is not {step} years",
                        pts[i].period,
                        pts[i + 1].period
                    ));
                }
                let model = fit(&values, *alpha, *beta).map_err(|e| format!("{sex}: {e}"))?;
                Some((model, step))
            }
            _ => None,
        };
        Ok(Some(Prepared { mids, values, holt }))
    }
}

impl Prepared {
    /// England's e₀ at calendar time `at` with limits at `z` (equal to the value except for
    /// Holt's forecast beyond the series).
    pub fn at(&self, at: f64, z: f64) -> Forecast {
        let n = self.mids.len();
        let last = self.mids[n - 1];
        if let Some((model, step)) = &self.holt
            && at > last
        {
            return model.forecast((at - last) / step, z);
        }
        // Straight lines between the points, the end segments extended.
        let i = self.mids.partition_point(|&m| m < at).clamp(1, n - 1);
        let (x0, x1, y0, y1) = (
            self.mids[i - 1],
            self.mids[i],
            self.values[i - 1],
            self.values[i],
        );
        let value = y0 + (y1 - y0) * (at - x0) / (x1 - x0);
        Forecast {
            h: 0.0,
            value,
            lower: value,
            upper: value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(y: i32, m: f64, f: f64) -> PathPoint {
        PathPoint {
            period: Period::new(y, y),
            e0: BySex { male: m, female: f },
        }
    }

    /// Typed values: 78 in 2010 (mid 2010.5) and 80 in 2020 (2020.5): 79 at 2015.5, 81 at
    /// 2025.5 (the last segment extended), 77 at 2005.5 (the first).
    #[test]
    fn typed_values_by_hand() {
        let p = ComparatorPath::Values {
            points: vec![pt(2010, 78.0, 82.0), pt(2020, 80.0, 83.0)],
        }
        .prepare(Sex::Male)
        .unwrap()
        .unwrap();
        assert!((p.at(2015.5, 1.96).value - 79.0).abs() < 1e-12);
        assert!((p.at(2025.5, 1.96).value - 81.0).abs() < 1e-12);
        assert!((p.at(2005.5, 1.96).value - 77.0).abs() < 1e-12);
    }

    /// Holt with α = β = 1 on 70, 71, 72 (yearly): ℓ = 72, b = 1, so 2.5 years after the last
    /// mid the forecast is 74.5; inside the series the values themselves.
    #[test]
    fn holt_path_is_holts_forecast() {
        let path = ComparatorPath::Holt {
            series: vec![
                pt(2000, 70.0, 75.0),
                pt(2001, 71.0, 75.5),
                pt(2002, 72.0, 76.0),
            ],
            alpha: Some(1.0),
            beta: Some(1.0),
        };
        let p = path.prepare(Sex::Male).unwrap().unwrap();
        let f = p.at(2005.0, 1.96);
        assert!((f.value - 74.5).abs() < 1e-12);
        assert!((p.at(2001.5, 1.96).value - 71.0).abs() < 1e-12);
        let direct = fit(&[70.0, 71.0, 72.0], Some(1.0), Some(1.0))
            .unwrap()
            .forecast(2.5, 1.96);
        assert_eq!(f, direct);
    }

    #[test]
    fn bad_paths_are_errors_in_words() {
        let uneven = ComparatorPath::Holt {
            series: vec![
                pt(2000, 70.0, 75.0),
                pt(2001, 71.0, 75.5),
                pt(2003, 72.0, 76.0),
            ],
            alpha: Some(0.5),
            beta: Some(0.5),
        };
        assert!(
            uneven
                .prepare(Sex::Male)
                .unwrap_err()
                .contains("equally spaced")
        );
        let backwards = ComparatorPath::Values {
            points: vec![pt(2001, 70.0, 75.0), pt(2000, 71.0, 75.5)],
        };
        assert!(
            backwards
                .prepare(Sex::Female)
                .unwrap_err()
                .contains("oldest first")
        );
        assert!(ComparatorPath::Trend.prepare(Sex::Male).unwrap().is_none());
    }
}
