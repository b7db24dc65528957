//! `lifegap practices`: a practice list on a funnel plot (exact binomial and PHE's normal
//! limits), ranked, and what raising the low practices adds to one of the scenario's
//! programmes: extra people and deaths postponed per practice and per hub
//! (`lifegap_core::model::practices`).

use super::report;
use super::scenario_common::{self, Source};
use crate::cli::PracticesBy;
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::{Csv, json, num};
use lifegap_core::data::practices;
use lifegap_core::model::practices::{PracticeAnalysis, Raise, analyse};
use serde::Serialize;
use std::io;
use std::path::Path;

/// `p75` (raise to the 75th percentile), `best-quartile`, or `exceptions:0.05`.
pub fn parse_raise(s: &str) -> Result<Raise, String> {
    let t = s.trim().to_lowercase();
    let bad = || {
        format!(
            "'{s}': use pNN (a percentile from p1 to p99, e.g. p75), best-quartile, or exceptions:SHARE (e.g. exceptions:0.05)"
        )
    };
    if t == "best-quartile" {
        return Ok(Raise::BestQuartile);
    }
    if let Some(p) = t.strip_prefix('p') {
        let v: u8 = p.parse().map_err(|_| bad())?;
        return if (1..=99).contains(&v) {
            Ok(Raise::Percentile(f64::from(v) / 100.0))
        } else {
            Err(bad())
        };
    }
    if let Some(e) = t.strip_prefix("exceptions:") {
        let v: f64 = e.parse().map_err(|_| bad())?;
        return if (0.0..=1.0).contains(&v) {
            Ok(Raise::Exceptions(v))
        } else {
            Err(bad())
        };
    }
    Err(bad())
}

pub struct Request<'a> {
    pub source: Source<'a>,
    pub data: &'a Path,
    pub raise: Raise,
    pub programme: &'a str,
    pub by: PracticesBy,
    pub json: bool,
}

#[derive(Serialize)]
struct Output<'a> {
    programme: &'a str,
    deaths_per_extra_person_per_year: f64,
    /// Extra people as a share of the programme's eligible population: the rise in its
    /// coverage.
    extra_coverage_of_eligible: f64,
    analysis: &'a PracticeAnalysis,
}

pub fn run(q: &Request<'_>) -> Outcome {
    let loaded = scenario_common::load(&q.source)?;
    let (list, warnings) = practices::read(q.data)?;
    report(&warnings);
    let date = scenario_common::as_of(&loaded, None);
    let ev = scenario_common::evaluated(&loaded, date, Some(0))?;
    let summary = ev
        .results
        .programmes
        .iter()
        .find(|p| p.id == q.programme)
        .ok_or_else(|| {
            CliError::Usage(format!(
                "no programme '{}' in {}; programmes: {}",
                q.programme,
                loaded.path.display(),
                ev.results
                    .programmes
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
    if !summary.enabled {
        return Err(CliError::Input(format!(
            "programme '{}' is switched off in {}: enable it to price extra people in deaths postponed",
            q.programme,
            loaded.path.display()
        )));
    }
    // At the margin of the plan (and of business as usual), not the plan's average.
    let per_person = lifegap_core::model::marginal::deaths_per_extra_person(
        &ev.simulator,
        &loaded.scenario,
        &lifegap_core::model::projection::central_settings(&loaded.scenario),
        q.programme,
        ev.results.headline,
    )
    .map_err(|e| CliError::Input(e.to_string()))?;
    let a = analyse(&list, q.raise, per_person);
    eprintln!(
        "{}: pooled rate {:.4}{}; {:.1} extra people ({:.2}% of the registers, {:.2}% of the programme's eligible), {:.3} deaths postponed a year at {:.6} per extra person",
        q.data.display(),
        a.p0,
        a.threshold
            .map(|t| format!(", raised to {t:.4}"))
            .unwrap_or_default(),
        a.extra_people,
        a.extra_coverage_of_register * 100.0,
        a.extra_people / summary.eligible * 100.0,
        a.deaths_postponed,
        per_person
    );
    if q.json {
        json(&Output {
            programme: q.programme,
            deaths_per_extra_person_per_year: per_person,
            extra_coverage_of_eligible: a.extra_people / summary.eligible,
            analysis: &a,
        })?;
    } else {
        match q.by {
            PracticesBy::Practice => write_practices(&a)?,
            PracticesBy::Hub => write_hubs(&a)?,
        }
    }
    done(false)
}

fn write_practices(a: &PracticeAnalysis) -> io::Result<()> {
    let mut out = Csv::new(io::stdout().lock());
    out.row([
        "code",
        "name",
        "hub",
        "list_size",
        "register",
        "achieving",
        "exceptions",
        "rate",
        "rank",
        "lower_998",
        "lower_95",
        "upper_95",
        "upper_998",
        "normal_lower_95",
        "normal_upper_95",
        "normal_lower_998",
        "normal_upper_998",
        "funnel",
        "target_rate",
        "extra_people",
        "deaths_postponed",
    ])?;
    for r in &a.rows {
        let p = &r.practice;
        out.row([
            p.code.clone(),
            p.name.clone(),
            p.hub.clone(),
            num(p.list_size),
            num(p.register),
            num(p.achieving),
            num(p.exceptions),
            num(r.rate),
            r.rank.to_string(),
            num(r.limits.lower_998),
            num(r.limits.lower_95),
            num(r.limits.upper_95),
            num(r.limits.upper_998),
            num(r.normal_95.0),
            num(r.normal_95.1),
            num(r.normal_998.0),
            num(r.normal_998.1),
            r.band.label().to_string(),
            num(r.target_rate),
            num(r.extra_people),
            num(r.deaths_postponed),
        ])?;
    }
    out.flush()
}

fn write_hubs(a: &PracticeAnalysis) -> io::Result<()> {
    let mut out = Csv::new(io::stdout().lock());
    out.row([
        "hub",
        "practices",
        "register",
        "achieving",
        "extra_people",
        "deaths_postponed",
    ])?;
    for h in &a.hubs {
        out.row([
            h.hub.clone(),
            h.practices.to_string(),
            num(h.register),
            num(h.achieving),
            num(h.extra_people),
            num(h.deaths_postponed),
        ])?;
    }
    out.row([
        "all".to_string(),
        a.rows.len().to_string(),
        num(a.rows.iter().map(|r| r.practice.register).sum()),
        num(a.rows.iter().map(|r| r.practice.achieving).sum()),
        num(a.extra_people),
        num(a.deaths_postponed),
    ])?;
    out.flush()
}
