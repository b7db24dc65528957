//! England's trajectory by Holt's method ([`super::holt`]) against the scenario's, and how much
//! of a milestone's shortfall is England doing better than it aimed to.
//!
//! **Over-performance.** A gap milestone moves with England: if England's life expectancy
//! runs ahead of the aim set with the target (for 2010: 78.6 for men and 82.5 for women, from
//! 74.6 and 79.7 in 1995–97; a straight line between the periods' middles), the gap widens by
//! the excess even if the area does all it planned. England's over-performance at a milestone
//! is its projected e₀ (the scenario's trend) minus the aim's line at the milestone's period;
//! its share of the shortfall (without the programmes) is that excess over the shortfall, held
//! to 0–1, and `None` when there is no shortfall.

use super::area::Sex;
use super::dsr::targets::shortfall_years;
use super::holt::{Forecast, Holt, HoltError, fit};
use super::milestones::MilestoneResult;
use super::scenario::Period;
use serde::Serialize;

/// One sex's series (read by `data::series`), oldest first, equally spaced by `step` years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub sex: Sex,
    pub periods: Vec<Period>,
    pub values: Vec<f64>,
    pub step: f64,
}

/// England's own aim: from `baseline` (e₀ in `baseline_period`) to `aim` in `aim_period`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Aim {
    pub baseline_period: Period,
    pub baseline: f64,
    pub aim_period: Period,
    pub aim: f64,
}

impl Aim {
    /// The aim's straight line at calendar time `at` (extended past the aim period).
    pub fn at(&self, at: f64) -> f64 {
        let (t0, t1) = (self.baseline_period.mid(), self.aim_period.mid());
        if t1 <= t0 {
            return self.aim;
        }
        self.baseline + (self.aim - self.baseline) * (at - t0) / (t1 - t0)
    }
}

/// The 2010 aim for England (Department of Health; methods.md), by sex (men, women).
pub fn aim_2010() -> [Aim; 2] {
    let (b, a) = (Period::new(1995, 1997), Period::new(2009, 2011));
    [
        Aim {
            baseline_period: b,
            baseline: 74.6,
            aim_period: a,
            aim: 78.6,
        },
        Aim {
            baseline_period: b,
            baseline: 79.7,
            aim_period: a,
            aim: 82.5,
        },
    ]
}

/// Holt's model of one sex's series, and the forecast at calendar time `at`.
pub fn holt_of(series: &Series, alpha: Option<f64>, beta: Option<f64>) -> Result<Holt, HoltError> {
    fit(&series.values, alpha, beta)
}

/// The forecast at calendar time `at` (a period's middle), with limits at `z`.
pub fn forecast_at(series: &Series, model: &Holt, at: f64, z: f64) -> Forecast {
    let last = series.periods.last().map_or(at, Period::mid);
    model.forecast((at - last) / series.step, z)
}

/// One milestone seen from England's side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnglandAtMilestone {
    pub milestone: String,
    pub period: Period,
    /// England's e₀ at the milestone: the scenario's trend, and Holt's forecast with limits.
    pub e0_scenario: f64,
    pub holt: Forecast,
    /// The aim's line at the milestone.
    pub aim: f64,
    /// e₀ (scenario) − aim: positive when England does better than it aimed.
    pub over_performance: f64,
    /// The shortfall without the programmes, in years (0 when met).
    pub shortfall: f64,
    /// Over-performance ÷ shortfall, held to 0–1.
    pub share_of_shortfall: Option<f64>,
    /// The shortfall if England followed Holt's forecast instead of the scenario's trend.
    pub shortfall_with_holt: f64,
    /// The local e₀ the milestone asks for, with England where the scenario projects it.
    pub required_local_e0: f64,
}

/// The local life expectancy a milestone asks for, in years: England's projected e₀ (the
/// scenario's comparator path) less the gap the milestone allows, or the milestone's own
/// life expectancy. The absolute figure a board can compare with today's.
pub fn required_local_e0(m: &MilestoneResult) -> f64 {
    use super::milestones::Measure;
    let e0c = m.pooled.e0_comparator;
    match m.measure {
        Measure::GapYears => e0c - m.required,
        Measure::GapShare => e0c * (1.0 - m.required),
        Measure::LifeExpectancy => m.required,
    }
}

/// England's side of a milestone without a separate series: its projected e₀, its own aim's
/// line, the over-performance (projected − aim) and that as a share of the shortfall without
/// the programmes (held to 0–1; `None` when there is no shortfall).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EnglandSide {
    pub e0: f64,
    pub aim: f64,
    pub over_performance: f64,
    pub shortfall: f64,
    pub share_of_shortfall: Option<f64>,
    pub required_local_e0: f64,
}

/// England's side of one milestone from the scenario alone (see the module's notes).
pub fn side(m: &MilestoneResult, aim: &Aim) -> EnglandSide {
    let e0 = m.pooled.e0_comparator;
    let aim_value = aim.at(m.period.mid());
    let over = e0 - aim_value;
    let shortfall = shortfall_years(m, None).unwrap_or(0.0);
    EnglandSide {
        e0,
        aim: aim_value,
        over_performance: over,
        shortfall,
        share_of_shortfall: (shortfall > 0.0).then(|| (over / shortfall).clamp(0.0, 1.0)),
        required_local_e0: required_local_e0(m),
    }
}

/// England's side of one milestone.
pub fn at_milestone(
    m: &MilestoneResult,
    series: &Series,
    model: &Holt,
    aim: &Aim,
    z: f64,
) -> EnglandAtMilestone {
    let side = side(m, aim);
    let holt = forecast_at(series, model, m.period.mid(), z);
    EnglandAtMilestone {
        milestone: m.label.clone(),
        period: m.period,
        e0_scenario: side.e0,
        holt,
        aim: side.aim,
        over_performance: side.over_performance,
        shortfall: side.shortfall,
        share_of_shortfall: side.share_of_shortfall,
        // England higher by (Holt − trend) widens the gap by as much.
        shortfall_with_holt: (side.shortfall + holt.value - side.e0).max(0.0),
        required_local_e0: side.required_local_e0,
    }
}

/// England's path as Holt's forecast of the series read by `data::series` (both sexes over
/// the same periods), α and β given or estimated: the scenario's `comparator_path` for
/// `lifegap england --holt-path` and the app's "Load England's series".
pub fn holt_path(
    all: &[Series],
    alpha: Option<f64>,
    beta: Option<f64>,
) -> Result<super::comparator_path::ComparatorPath, String> {
    use super::comparator_path::{ComparatorPath, PathPoint};
    use super::scenario::BySex;
    let of = |sex: Sex| all.iter().find(|s| s.sex == sex);
    let (Some(men), Some(women)) = (of(Sex::Male), of(Sex::Female)) else {
        return Err("England's path needs the series for both men and women".into());
    };
    if men.periods != women.periods {
        return Err(
            "England's path needs the men's and women's series over the same periods".into(),
        );
    }
    let series = men
        .periods
        .iter()
        .zip(men.values.iter().zip(&women.values))
        .map(|(p, (m, w))| PathPoint {
            period: *p,
            e0: BySex {
                male: *m,
                female: *w,
            },
        })
        .collect();
    let path = ComparatorPath::Holt {
        series,
        alpha,
        beta,
    };
    for sex in Sex::BOTH {
        path.prepare(sex)?;
    }
    Ok(path)
}

/// The scenario's trend with England's annual gain taken from Holt's trend (bₙ per step ÷ the
/// series' step in years) for each sex in `models`, and the local gain as the scenario has it
/// now (`slopes`: the simulator's, by sex). The projection still starts from the base-period
/// data: Holt supplies the slope, not the level. An error when a slope falls outside the
/// range a scenario allows ([`TREND_PER_YEAR`]).
pub fn holt_trend(
    current: &[(Sex, f64, f64)],
    models: &[(Sex, f64)],
) -> Result<super::scenario::Trend, String> {
    use super::scenario::{BySex, TREND_PER_YEAR, Trend};
    let get = |sex: Sex, local: bool| -> Result<f64, String> {
        let now = current
            .iter()
            .find(|c| c.0 == sex)
            .map(|c| if local { c.1 } else { c.2 })
            .ok_or_else(|| format!("the scenario has no trend for {sex}"))?;
        let v = if local {
            now
        } else {
            models.iter().find(|m| m.0 == sex).map_or(now, |m| m.1)
        };
        if TREND_PER_YEAR.contains(&v) {
            Ok(v)
        } else {
            Err(format!(
                "{sex}: an annual gain of {v:.4} years is outside the {}–{} a scenario allows",
                TREND_PER_YEAR.start(),
                TREND_PER_YEAR.end()
            ))
        }
    };
    Ok(Trend::Annual {
        local: BySex {
            male: get(Sex::Male, true)?,
            female: get(Sex::Female, true)?,
        },
        comparator: BySex {
            male: get(Sex::Male, false)?,
            female: get(Sex::Female, false)?,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holt_trend_replaces_only_englands_slope() {
        use crate::model::scenario::Trend;
        let t = holt_trend(
            &[(Sex::Male, 0.28, 0.30), (Sex::Female, 0.19, 0.21)],
            &[(Sex::Male, 0.35)],
        )
        .unwrap();
        let Trend::Annual { local, comparator } = t else {
            panic!("annual")
        };
        assert_eq!((local.male, local.female), (0.28, 0.19));
        assert_eq!((comparator.male, comparator.female), (0.35, 0.21));
        assert!(
            holt_trend(
                &[(Sex::Male, 0.28, 0.30), (Sex::Female, 0.19, 0.21)],
                &[(Sex::Male, 3.0)]
            )
            .is_err()
        );
    }

    /// The aim line: 74.6 at 1996.5 to 78.6 at 2010.5 is 4/14 a year; at 2007.5 (2006–08),
    /// 74.6 + 11·4/14 = 77.742857…; England's published 77.9 is 0.157 ahead.
    #[test]
    fn aim_line_by_hand() {
        let men = aim_2010()[0];
        assert!((men.at(2010.5) - 78.6).abs() < 1e-12);
        assert!((men.at(2007.5) - (74.6 + 11.0 * 4.0 / 14.0)).abs() < 1e-12);
        assert!((77.9 - men.at(2007.5) - 0.157_142_857).abs() < 1e-6);
    }
}
