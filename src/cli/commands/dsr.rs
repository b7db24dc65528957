//! `lifegap dsr`: directly standardised mortality rates (all-age all-cause, circulatory under
//! 75, cancer under 75) for an area, its comparator and the gap, on ESP 1976 or ESP 2013, with
//! Dobson limits (`lifegap_core::model::dsr`).

use super::scenario_common::{self, Source};
use super::{find_group, load_reported};
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::{Csv, json, num};
use crate::cli::{DataArgs, DsrMeasureArg, StandardArg};
use lifegap_core::model::area::{AreaData, Sex};
use lifegap_core::model::dsr::{Measure, RateGap, rate_gap};
use std::io;
use std::path::PathBuf;

/// What `lifegap dsr` was asked.
pub struct Request<'a> {
    /// A scenario (its data, area and comparator), or…
    pub scenario: Option<&'a PathBuf>,
    pub allow_data_outside: bool,
    /// …an area file.
    pub data: Option<DataArgs>,
    pub area: Option<&'a str>,
    pub comparator: Option<&'a str>,
    pub sex: Option<Sex>,
    pub measure: DsrMeasureArg,
    pub standard: StandardArg,
    pub confidence: f64,
    pub json: bool,
}

pub fn run(q: &Request<'_>) -> Outcome {
    let (data, area, comparator, input_errors) = match (q.scenario, &q.data) {
        (Some(path), None) => {
            let l = scenario_common::load(&Source::new(path, q.allow_data_outside))?;
            let area = q.area.map_or(l.scenario.area.clone(), str::to_string);
            let comp = q
                .comparator
                .map_or(l.scenario.comparator.clone(), str::to_string);
            (l.data, area, comp, false)
        }
        (None, Some(d)) => {
            let (loaded, errors) = load_reported(d)?;
            let (Some(a), Some(c)) = (q.area, q.comparator) else {
                return Err(CliError::Usage(
                    "with --data, name the --area and the --comparator (e.g. --comparator England)"
                        .into(),
                ));
            };
            (loaded.data, a.to_string(), c.to_string(), errors)
        }
        _ => {
            return Err(CliError::Usage(
                "give a scenario file or --data FILE (not both)".into(),
            ));
        }
    };
    let rows = compute(&data, &area, &comparator, q, input_errors)?;
    if q.json {
        json(&rows)?;
    } else {
        write_csv(&rows, &area, &comparator)?;
    }
    done(input_errors)
}

fn compute(
    data: &AreaData,
    area: &str,
    comparator: &str,
    q: &Request<'_>,
    input_errors: bool,
) -> Result<Vec<RateGap>, CliError> {
    // Asked for a sex: it must be there for both (else the areas there are are listed).
    // Not asked: the sexes both have; none is the same error for men.
    let both = |sex: Sex| data.group(area, sex).is_some() && data.group(comparator, sex).is_some();
    let mut sexes: Vec<Sex> = match q.sex {
        Some(s) => vec![s],
        None => Sex::BOTH.into_iter().filter(|&s| both(s)).collect(),
    };
    if sexes.is_empty() {
        sexes.push(Sex::Male);
    }
    for &sex in &sexes {
        for name in [area, comparator] {
            find_group(data, name, sex, input_errors)?;
        }
    }
    let measures: Vec<Measure> = q.measure.measures();
    let mut rows = Vec::new();
    for &measure in &measures {
        // Asked for every measure: one the data cannot give (no such cause columns) is left
        // out with a warning; asked for by name, it is an error.
        if q.measure == DsrMeasureArg::All
            && let Err(e) = lifegap_core::model::dsr::measure::cause_columns(measure, &data.causes)
        {
            eprintln!("warning: {}: {e}: left out", data.provenance.source);
            continue;
        }
        for &sex in &sexes {
            let r = rate_gap(
                data,
                area,
                comparator,
                sex,
                measure,
                q.standard.into(),
                q.confidence,
            )
            .map_err(|e| CliError::Input(format!("{}: {e}", data.provenance.source)))?;
            if r.area.suppressed || r.comparator.suppressed {
                eprintln!(
                    "warning: {} ({sex}): fewer than 10 deaths in {}: PHE would not publish this rate",
                    measure.label(),
                    if r.area.suppressed { area } else { comparator }
                );
            }
            rows.push(r);
        }
    }
    Ok(rows)
}

const COLUMNS: [&str; 18] = [
    "measure",
    "standard",
    "sex",
    "area",
    "area_dsr",
    "area_lower",
    "area_upper",
    "area_deaths",
    "area_suppressed",
    "comparator",
    "comparator_dsr",
    "comparator_lower",
    "comparator_upper",
    "comparator_deaths",
    "comparator_suppressed",
    "gap_absolute",
    "gap_relative",
    "confidence",
];

fn write_csv(rows: &[RateGap], area: &str, comparator: &str) -> io::Result<()> {
    let mut out = Csv::new(io::stdout().lock());
    out.row(COLUMNS)?;
    for r in rows {
        let opt = |x: Option<f64>| x.map_or(String::new(), num);
        out.row([
            r.measure.name().to_string(),
            r.standard.name().to_string(),
            r.sex.to_string(),
            area.to_string(),
            num(r.area.value),
            opt(r.area.lower),
            opt(r.area.upper),
            num(r.area.events),
            r.area.suppressed.to_string(),
            comparator.to_string(),
            num(r.comparator.value),
            opt(r.comparator.lower),
            opt(r.comparator.upper),
            num(r.comparator.events),
            r.comparator.suppressed.to_string(),
            num(r.absolute()),
            opt(r.relative()),
            num(r.area.confidence),
        ])?;
    }
    out.flush()
}
