//! `lifegap sii-target SCENARIO --data DECILES.csv`: the slope index of inequality as a
//! milestone — the SII in life expectancy across the area's deprivation deciles narrowed by a
//! share from the base period by a period, projected without and with the scenario's
//! programmes delivered in the targeted deciles, with the countdown's status
//! (`lifegap_core::sii_target`).

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
    pub data: &'a Path,
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
    let loaded = lifegap_core::data::load(q.data, None)?;
    super::report(&loaded.problems);
    let data = &loaded.data;
    let groups = match q.groups {
        Some(g) => g.to_vec(),
        None => deprivation_groups(data).ok_or_else(|| {
            CliError::Usage(format!(
                "{} has neither D1…D10 nor Q1…Q5 (build it with `lifegap build-data --by deprivation-decile`): name the groups, most deprived first, with --groups",
                q.data.display()
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
    for r in &rows {
        out.text(r.target.sex.as_str())?;
        out.text(&r.label)?;
        out.text(&r.target.period.to_string())?;
        for x in [r.baseline, r.required, r.without, r.with, r.shortfall_with] {
            out.num(x)?;
        }
        out.text(r.status.label())?;
        out.num(f64::from(r.months_left))?;
        out.text(
            &r.deciles
                .iter()
                .filter(|d| d.targeted)
                .map(|d| d.group.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )?;
        out.end_row()?;
    }
    out.flush()?;
    done(false)
}
