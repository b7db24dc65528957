//! `lifegap sii-target SCENARIO [--data DECILES.csv]`: the slope index of inequality as a
//! milestone — the SII in life expectancy across the area's deprivation deciles narrowed by a
//! share from the base period by a period, projected without and with the scenario's
//! programmes delivered in the targeted deciles, with the countdown's status
//! (`lifegap_core::sii_target`). Without `--data`, the milestones saved in the scenario
//! (`sii_milestones`, each with its own file), as the Countdown screen, its slide and the
//! board pack show them (`sii_target::saved_countdown`).

use super::scenario_common::{Source, as_of, evaluated, load};
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::{Csv, json};
use lifegap_core::model::area::Sex;
use lifegap_core::model::scenario::{Date, Period};
use lifegap_core::model::small_areas::deprivation_groups;
use lifegap_core::sii_target::{SiiTarget, sii_countdown};
use std::path::Path;

/// What `lifegap sii-target` was asked.
pub struct Request<'a> {
    pub source: Source<'a>,
    /// None: the scenario's saved SII milestones.
    pub data: Option<&'a Path>,
    pub sex: Option<Sex>,
    /// Groups most deprived first (default D1…D10 or Q1…Q5).
    pub groups: Option<&'a [String]>,
    /// Groups the programmes are delivered in (default: none: the SII without them).
    pub targeted: &'a [String],
    pub reduction: f64,
    /// Default: the scenario's first milestone's period.
    pub period: Option<Period>,
    pub as_of: Option<Date>,
    pub json: bool,
}

pub fn run(q: &Request<'_>) -> Outcome {
    let template = load(&q.source)?;
    let date = as_of(&template, q.as_of);
    let t_ev = evaluated(&template, date, Some(0))?;
    let Some(data_path) = q.data else {
        return saved(q, &template, &t_ev.results, date);
    };
    let loaded = lifegap_core::data::load(data_path, None)?;
    super::report(&loaded.problems);
    let data = &loaded.data;
    let groups = match q.groups {
        Some(g) => g.to_vec(),
        None => deprivation_groups(data).ok_or_else(|| {
            CliError::Usage(format!(
                "{} has neither D1…D10 nor Q1…Q5 (build it with `lifegap build-data --by deprivation-decile`): name the groups, most deprived first, with --groups",
                data_path.display()
            ))
        })?,
    };
    let period = match q.period {
        Some(p) => p,
        None => template
            .scenario
            .milestones
            .first()
            .map(|m| m.period)
            .ok_or_else(|| {
                CliError::Usage("the scenario has no milestone: give --period".into())
            })?,
    };
    let sexes: Vec<Sex> = q.sex.map_or(Sex::BOTH.to_vec(), |s| vec![s]);
    let mut rows = Vec::new();
    for sex in sexes {
        let target = SiiTarget {
            sex,
            period,
            reduction: q.reduction,
        };
        rows.push(
            sii_countdown(
                &template.scenario,
                &t_ev.results,
                data,
                &groups,
                q.targeted,
                target,
                date,
            )
            .map_err(CliError::Input)?,
        );
    }
    if q.json {
        json(&rows)?;
        return done(false);
    }
    let rows: Vec<Row<'_>> = rows
        .iter()
        .map(|r| Row {
            sex: r.target.sex,
            label: &r.label,
            period: r.target.period,
            values: [r.baseline, r.required, r.without, r.with, r.shortfall_with],
            status: r.status.label(),
            months_left: r.months_left,
            targeted: targeted_of(&r.deciles),
        })
        .collect();
    table(&rows)
}

/// The saved SII milestones (`sii_milestones`), each with its file read as the scenario's data
/// are (held to the same folder rule; a missing file is located at its field).
fn saved(
    q: &Request<'_>,
    template: &lifegap_core::scenario_file::LoadedScenario,
    results: &lifegap_core::model::results::ScenarioResults,
    date: Date,
) -> Outcome {
    let s = &template.scenario;
    if s.sii_milestones.is_empty() {
        return Err(CliError::Usage(format!(
            "{} has no SII milestone (sii_milestones): add one in the app (Region ▸ open a decile file ▸ Keep as a milestone) or give --data FILE for a milestone not saved",
            q.source.path.display()
        )));
    }
    let mut out = Vec::new();
    for (i, m) in s.sii_milestones.iter().enumerate() {
        if q.sex.is_some_and(|x| x != m.sex) {
            continue;
        }
        let loaded =
            lifegap_core::scenario_file::load_sii_data(q.source.path, s, i, q.source.access)?;
        super::report(&loaded.problems);
        out.push(
            lifegap_core::sii_target::saved_countdown(s, results, &loaded.data, m, date)
                .map_err(|e| CliError::Input(format!("{}: {e}", m.label())))?,
        );
    }
    if q.json {
        json(&out)?;
        return done(false);
    }
    let rows: Vec<Row<'_>> = out
        .iter()
        .map(|r| Row {
            sex: r.milestone.sex,
            label: &r.label,
            period: r.milestone.period,
            values: [r.baseline, r.required, r.without, r.with, r.shortfall_with],
            status: r.status.label(),
            months_left: r.months_left,
            targeted: targeted_of(&r.deciles),
        })
        .collect();
    table(&rows)
}

fn targeted_of(d: &[lifegap_core::sii_target::DecileProjection]) -> String {
    lifegap_core::sii_target::targeted(d).join(" ")
}

/// One line of the table, ad hoc or saved.
struct Row<'a> {
    sex: Sex,
    label: &'a str,
    period: Period,
    /// baseline SII, required, without, with, shortfall (years).
    values: [f64; 5],
    status: &'static str,
    months_left: i32,
    targeted: String,
}

fn table(rows: &[Row<'_>]) -> Outcome {
    let mut out = Csv::new(std::io::stdout().lock());
    out.row([
        "sex",
        "milestone",
        "period",
        "baseline_sii",
        "required",
        "without",
        "with",
        "shortfall",
        "status",
        "months_left",
        "targeted",
    ])?;
    for r in rows {
        out.text(r.sex.as_str())?;
        out.text(r.label)?;
        out.text(&r.period.to_string())?;
        for x in r.values {
            out.num(x)?;
        }
        out.text(r.status)?;
        out.num(f64::from(r.months_left))?;
        out.text(&r.targeted)?;
        out.end_row()?;
    }
    out.flush()?;
    done(false)
}
