//! `lifegap monitor`: delivery actuals against the plan, by programme and partner, with
//! variance, red/amber/green and re-forecasts, and the milestones if delivery continues at
//! the actual rate (`lifegap_core::model::monitor`).

use super::report;
use super::scenario_common::{self, Source};
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::{Csv, json, num};
use lifegap_core::data::actuals;
use lifegap_core::model::monitor::{
    MilestoneAtActualRate, MonitorRow, Thresholds, milestones_at_actual_rate, monitor,
    scenario_plan,
};
use lifegap_core::model::projection::central_settings;
use serde::Serialize;
use std::io;
use std::path::Path;

pub struct Request<'a> {
    pub source: Source<'a>,
    pub actuals: &'a Path,
    pub thresholds: Thresholds,
    pub json: bool,
}

#[derive(Serialize)]
struct Everything {
    thresholds: Thresholds,
    rows: Vec<MonitorRow>,
    milestones_at_actual_rate: Vec<MilestoneAtActualRate>,
}

pub fn run(q: &Request<'_>) -> Outcome {
    if q.thresholds.amber > q.thresholds.green {
        return Err(CliError::Usage(format!(
            "--amber {} is above --green {}: amber must be the lower share",
            q.thresholds.amber, q.thresholds.green
        )));
    }
    let loaded = scenario_common::load(&q.source)?;
    let date = scenario_common::as_of(&loaded, None);
    let ev = scenario_common::evaluated(&loaded, date, Some(0))?;
    let settings = central_settings(&loaded.scenario);
    let (lines, known) = scenario_plan(&ev.simulator, &loaded.scenario, &settings);
    if known.is_empty() {
        return Err(CliError::Input(format!(
            "{}: no enabled programme has a delivery plan to monitor",
            loaded.path.display()
        )));
    }
    let (acts, warnings) = actuals::read(q.actuals, &known)?;
    report(&warnings);
    let to_date = acts
        .iter()
        .map(|a| a.quarter)
        .max()
        .expect("the reader refuses a file with no rows");
    let reported: Vec<_> = lines
        .into_iter()
        .filter(|l| acts.iter().any(|a| a.programme == l.programme))
        .collect();
    let silent: Vec<&str> = known
        .iter()
        .filter(|k| !acts.iter().any(|a| a.programme == k.id))
        .map(|k| k.id.as_str())
        .collect();
    if !silent.is_empty() {
        eprintln!(
            "warning: {}: no actuals for {}: left out (nothing reported is not nothing delivered)",
            q.actuals.display(),
            silent.join(", ")
        );
    }
    let rows = monitor(&reported, &acts, to_date, q.thresholds);
    let at_rate = milestones_at_actual_rate(&ev.simulator, &loaded.scenario, &settings, &rows)
        .map_err(|e| CliError::Input(format!("{}: {e}", loaded.path.display())))?;
    eprintln!(
        "to date: {to_date}; green at {}% of plan or more, amber at {}%, red below",
        num(q.thresholds.green * 100.0),
        num(q.thresholds.amber * 100.0)
    );
    for m in &at_rate {
        eprintln!(
            "{} ({}): e0 {:.3} as planned, {:.3} if delivery continues at the actual rate",
            m.milestone, m.period, m.e0_planned, m.e0_actual_rate
        );
    }
    if q.json {
        json(&Everything {
            thresholds: q.thresholds,
            rows,
            milestones_at_actual_rate: at_rate,
        })?;
    } else {
        write_csv(&rows)?;
    }
    done(false)
}

fn write_csv(rows: &[MonitorRow]) -> io::Result<()> {
    let mut out = Csv::new(io::stdout().lock());
    out.row([
        "programme",
        "partner",
        "to_date",
        "plan_to_date",
        "actual_to_date",
        "variance",
        "variance_share",
        "rag",
        "end",
        "plan_end",
        "forecast_plan_thereafter",
        "forecast_actual_rate",
    ])?;
    for r in rows {
        out.row([
            r.programme.clone(),
            r.partner.clone(),
            r.to_date.to_string(),
            num(r.plan_to_date),
            num(r.actual_to_date),
            num(r.variance),
            r.variance_share.map_or(String::new(), num),
            r.rag.label().to_string(),
            r.end.to_string(),
            num(r.plan_end),
            num(r.forecast_plan_thereafter),
            num(r.forecast_actual_rate),
        ])?;
    }
    out.flush()
}
