//! `lifegap mortality-targets`: the PSA mortality targets on directly standardised rates
//! (circulatory and cancer under 75) for a scenario, each programme's effect on each rate, and
//! what meeting both targets exactly is worth against each life expectancy milestone
//! (`lifegap_core::model::dsr::targets`).

use super::report;
use super::scenario_common::{self, Source};
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::{Csv, json, num};
use crate::cli::{MortalityTable, StandardArg};
use lifegap_core::data::baselines;
use lifegap_core::model::dsr::countdown::{RateCountdown, rate_countdown};
use lifegap_core::model::dsr::targets::{
    Context, RateMilestone, Stretch, TargetsMetGain, countdown_targets, psa_2010, rate_milestone,
    targets_met_gain,
};
use lifegap_core::model::projection::central_settings;
use lifegap_core::model::scenario::Date;
use serde::Serialize;
use std::io;
use std::path::Path;

pub struct Request<'a> {
    pub source: Source<'a>,
    pub baselines: &'a Path,
    pub standard: StandardArg,
    pub stretch: Option<Stretch>,
    pub table: MortalityTable,
    pub as_of: Option<Date>,
    pub json: bool,
}

#[derive(Serialize)]
struct Everything {
    rate_milestones: Vec<RateMilestone>,
    targets_met: Vec<TargetsMetGain>,
}

pub fn run(q: &Request<'_>) -> Outcome {
    let loaded = scenario_common::load(&q.source)?;
    let (bases, warnings) = baselines::read(q.baselines)?;
    report(&warnings);
    let date = scenario_common::as_of(&loaded, q.as_of);
    let ev = scenario_common::evaluated(&loaded, date, Some(0))?;
    let settings = central_settings(&loaded.scenario);
    let cx = Context {
        simulator: &ev.simulator,
        scenario: &loaded.scenario,
        settings: &settings,
        data: &loaded.data,
        standard: q.standard.into(),
    };
    let targets = psa_2010();
    let fail = |e: String| CliError::Input(format!("{}: {e}", loaded.path.display()));
    let mut rate_milestones = Vec::new();
    for t in &countdown_targets() {
        for b in bases.iter().filter(|b| b.measure == t.measure) {
            rate_milestones.push(rate_milestone(&cx, t, b).map_err(fail)?);
        }
    }
    let mut targets_met = Vec::new();
    for m in &ev.results.milestones {
        let r = targets_met_gain(&cx, &m.result, &targets, &bases, q.stretch).map_err(fail)?;
        if r.shortfall.is_none() {
            eprintln!(
                "warning: {}: a gap-reduction stretch does not apply to a life expectancy milestone: no shortfall or share given",
                r.milestone
            );
        }
        targets_met.push(r);
    }
    if q.json {
        json(&Everything {
            rate_milestones,
            targets_met,
        })?;
    } else {
        match q.table {
            MortalityTable::Rates => write_rates(&rate_milestones)?,
            MortalityTable::LifeExpectancy => write_le(&targets_met)?,
            MortalityTable::Countdown => {
                let mut rows = Vec::new();
                for t in &countdown_targets() {
                    for b in bases.iter().filter(|b| b.measure == t.measure) {
                        rows.push(rate_countdown(&cx, t, b, date).map_err(fail)?);
                    }
                }
                write_countdown(&rows)?
            }
        }
    }
    done(false)
}

fn write_rates(rows: &[RateMilestone]) -> io::Result<()> {
    let mut out = Csv::new(io::stdout().lock());
    let mut head: Vec<String> = [
        "measure",
        "sex",
        "standard",
        "baseline_period",
        "target_period",
        "baseline_area",
        "baseline_comparator",
        "base_period_rate",
        "required_rate",
        "required_gap",
        "rate_without",
        "rate_with",
        "comparator_rate",
        "gap_without",
        "gap_with",
        "rate_met",
        "gap_met",
    ]
    .map(String::from)
    .to_vec();
    let ids: Vec<String> = rows
        .first()
        .map(|r| r.programmes.iter().map(|p| p.id.clone()).collect())
        .unwrap_or_default();
    head.extend(ids.iter().map(|id| format!("effect_{id}")));
    out.row(&head)?;
    for r in rows {
        let mut row = vec![
            r.target.measure.name().to_string(),
            r.baseline.sex.to_string(),
            r.standard.name().to_string(),
            r.target.baseline_period.to_string(),
            r.target.target_period.to_string(),
            num(r.baseline.area),
            num(r.baseline.comparator),
            num(r.base_rate),
            num(r.required_rate),
            num(r.required_gap),
            num(r.without),
            num(r.with),
            num(r.comparator),
            num(r.gap_without),
            num(r.gap_with),
            r.rate_met.to_string(),
            r.gap_met.to_string(),
        ];
        row.extend(r.programmes.iter().map(|p| num(p.reduction)));
        out.row(&row)?;
    }
    out.flush()
}

fn write_le(rows: &[TargetsMetGain]) -> io::Result<()> {
    let mut out = Csv::new(io::stdout().lock());
    out.row([
        "milestone",
        "sex",
        "period",
        "standard",
        "circulatory_rate_without",
        "circulatory_required",
        "circulatory_factor",
        "cancer_rate_without",
        "cancer_required",
        "cancer_factor",
        "e0_without",
        "e0_targets_met",
        "gain",
        "shortfall",
        "share_of_target",
        "stretch",
    ])?;
    for r in rows {
        let mut row = vec![
            r.milestone.clone(),
            r.sex.to_string(),
            r.period.to_string(),
            r.standard.name().to_string(),
        ];
        for (_, now, required, factor) in &r.rates {
            row.extend([num(*now), num(*required), num(*factor)]);
        }
        row.extend([
            num(r.e0_without),
            num(r.e0_targets_met),
            num(r.gain),
            r.shortfall.map_or(String::new(), num),
            r.share_of_target.map_or(String::new(), num),
            match r.stretch {
                None => String::new(),
                Some(Stretch::GapReduction(x)) => format!("gap down {}%", num(x * 100.0)),
                Some(Stretch::GapYears(g)) => format!("gap at most {} years", num(g)),
            },
        ]);
        out.row(&row)?;
    }
    out.flush()
}

fn write_countdown(rows: &[RateCountdown]) -> io::Result<()> {
    let mut out = Csv::new(io::stdout().lock());
    out.row([
        "measure",
        "sex",
        "target_period",
        "status",
        "miss_years",
        "months_left",
        "year",
        "required_rate",
        "rate_without",
        "rate_with",
    ])?;
    for r in rows {
        for y in &r.path {
            out.row([
                r.milestone.target.measure.name().to_string(),
                r.milestone.baseline.sex.to_string(),
                r.milestone.target.target_period.to_string(),
                r.status.label().to_string(),
                num(r.miss_years),
                r.months_left.to_string(),
                y.year.to_string(),
                num(y.required),
                num(y.without),
                num(y.with),
            ])?;
        }
    }
    out.flush()
}
