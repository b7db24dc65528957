//! `lifegap england`: England's life expectancy by Holt's method (double exponential
//! smoothing, with 95% limits) beside the scenario's trend, and how much of each milestone's
//! shortfall is England running ahead of its own aim (`lifegap_core::model::england`).

use super::report;
use super::scenario_common::{self, Source};
use crate::cli::EnglandTable;
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::{Csv, json, num};
use lifegap_core::data::series;
use lifegap_core::model::area::Sex;
use lifegap_core::model::england::{
    EnglandAtMilestone, Series, aim_2010, at_milestone, forecast_at, holt_of,
};
use lifegap_core::model::holt::{Forecast, Holt};
use lifegap_core::model::normal::Z95;
use lifegap_core::model::scenario::Period;
use serde::Serialize;
use std::io;
use std::path::Path;

pub struct Request<'a> {
    pub source: Source<'a>,
    /// Write a copy of the scenario with England's annual gain from Holt's trend.
    pub write_scenario: Option<&'a Path>,
    /// Write the copy with England on Holt's forecast of the series itself (its level and
    /// slope, `comparator_path: Holt`) instead of Holt's slope as the trend.
    pub holt_path: bool,
    pub series: &'a Path,
    pub alpha: Option<f64>,
    pub beta: Option<f64>,
    pub table: EnglandTable,
    pub json: bool,
}

#[derive(Serialize)]
struct SexOut {
    sex: Sex,
    model: Holt,
    /// Forecast for each year of the scenario's horizon (one-year periods' middles).
    forecast: Vec<(i32, Forecast)>,
    milestones: Vec<EnglandAtMilestone>,
}

pub fn run(q: &Request<'_>) -> Outcome {
    let loaded = scenario_common::load(&q.source)?;
    let (all, warnings) = series::read(q.series)?;
    report(&warnings);
    let date = scenario_common::as_of(&loaded, None);
    let ev = scenario_common::evaluated(&loaded, date, Some(0))?;
    let mut out = Vec::new();
    for s in &all {
        let model = holt_of(s, q.alpha, q.beta)
            .map_err(|e| CliError::Input(format!("{}: {}: {e}", q.series.display(), s.sex)))?;
        let aim = aim_2010()[s.sex.index()];
        let horizon = ev.simulator.horizon;
        let forecast = horizon
            .years()
            .map(|y| (y, forecast_at(s, &model, Period::new(y, y).mid(), Z95)))
            .collect();
        let milestones = ev
            .results
            .milestones
            .iter()
            .filter(|m| m.result.sex == s.sex)
            .map(|m| at_milestone(&m.result, s, &model, &aim, Z95))
            .collect();
        out.push(SexOut {
            sex: s.sex,
            model,
            forecast,
            milestones,
        });
    }
    if out.is_empty() {
        return Err(CliError::Input(format!(
            "{}: no series for either sex",
            q.series.display()
        )));
    }
    if let Some(path) = q.write_scenario {
        if q.holt_path {
            write_holt_path(&loaded, &all, q.alpha, q.beta, path)?;
        } else {
            write_scenario(&loaded, &ev, &out, &all, path)?;
        }
    }
    if q.json {
        json(&out)?;
    } else {
        match q.table {
            EnglandTable::Milestones => write_milestones(&out)?,
            EnglandTable::Forecast => write_forecast(&out, &all)?,
        }
    }
    for o in &out {
        eprintln!(
            "{}: Holt α = {:.4}, β = {:.4} ({}), σ = {:.4} years",
            o.sex,
            o.model.alpha,
            o.model.beta,
            if o.model.fitted { "estimated" } else { "given" },
            o.model.sigma2.sqrt()
        );
    }
    done(false)
}

fn write_milestones(out: &[SexOut]) -> io::Result<()> {
    let mut csv = Csv::new(io::stdout().lock());
    csv.row([
        "milestone",
        "sex",
        "period",
        "england_e0_scenario",
        "england_e0_holt",
        "holt_lower",
        "holt_upper",
        "england_aim",
        "over_performance",
        "shortfall",
        "over_performance_share_of_shortfall",
        "shortfall_with_holt",
        "required_local_e0",
    ])?;
    for o in out {
        for m in &o.milestones {
            csv.row([
                m.milestone.clone(),
                o.sex.to_string(),
                m.period.to_string(),
                num(m.e0_scenario),
                num(m.holt.value),
                num(m.holt.lower),
                num(m.holt.upper),
                num(m.aim),
                num(m.over_performance),
                num(m.shortfall),
                m.share_of_shortfall.map_or(String::new(), num),
                num(m.shortfall_with_holt),
                num(m.required_local_e0),
            ])?;
        }
    }
    csv.flush()
}

fn write_forecast(out: &[SexOut], all: &[Series]) -> io::Result<()> {
    let mut csv = Csv::new(io::stdout().lock());
    csv.row(["sex", "year", "kind", "e0", "lower", "upper"])?;
    for (o, s) in out.iter().zip(all) {
        for (p, v) in s.periods.iter().zip(&s.values) {
            csv.row([
                o.sex.to_string(),
                num(p.mid() - 0.5),
                "observed".into(),
                num(*v),
                String::new(),
                String::new(),
            ])?;
        }
        for (y, f) in &o.forecast {
            if f.h <= 0.0 {
                continue;
            }
            csv.row([
                o.sex.to_string(),
                y.to_string(),
                "holt".into(),
                num(f.value),
                num(f.lower),
                num(f.upper),
            ])?;
        }
    }
    csv.flush()
}

/// A copy of the scenario with England's annual gain from Holt's trend, beside the original
/// (its data path is relative to its own folder, so it must stay in that folder).
fn write_scenario(
    loaded: &lifegap_core::scenario_file::LoadedScenario,
    ev: &lifegap_core::Evaluation,
    out: &[SexOut],
    all: &[Series],
    path: &Path,
) -> Result<(), CliError> {
    let current: Vec<(Sex, f64, f64)> = ev
        .simulator
        .sexes
        .iter()
        .map(|m| (m.sex, m.slopes.local, m.slopes.comparator))
        .collect();
    let models: Vec<(Sex, f64)> = out
        .iter()
        .zip(all)
        .map(|(o, s)| (o.sex, o.model.trend / s.step))
        .collect();
    let mut s = loaded.scenario.clone();
    s.trend = lifegap_core::model::england::holt_trend(&current, &models)
        .map_err(|e| CliError::Input(format!("{}: {e}", loaded.path.display())))?;
    s.name = format!("{} (England on Holt's trend)", s.name);
    scenario_common::write_beside(loaded, path, &s)
}

/// A copy of the scenario whose comparator path is Holt's forecast of the series (both sexes
/// over the same periods), with α and β as given (estimated when absent).
fn write_holt_path(
    loaded: &lifegap_core::scenario_file::LoadedScenario,
    all: &[Series],
    alpha: Option<f64>,
    beta: Option<f64>,
    path: &Path,
) -> Result<(), CliError> {
    let mut s = loaded.scenario.clone();
    s.comparator_path = lifegap_core::model::england::holt_path(all, alpha, beta)
        .map_err(|e| CliError::Input(format!("--holt-path: {e}")))?;
    s.name = format!("{} (England on Holt's forecast)", s.name);
    scenario_common::write_beside(loaded, path, &s)
}
