//! `lifegap report SCENARIO.ron --out board-pack.html`: the self-contained board pack, with
//! extra sections when their files are given: `--baselines` (the rate targets as countdowns
//! and the seed question's answer, as `mortality-targets` computes them), `--actuals`
//! (delivery monitoring, as `monitor`) and `--practices` with `--practice-programme` (the
//! ranked list and funnel chart, as `practices`).

use super::report as warn;
use super::scenario_common::{Computed, Source, compute_all};
use crate::cli::error::{CliError, Outcome, done};
use lifegap_core::data::{actuals, baselines, practices};
use lifegap_core::model::dsr::Standard;
use lifegap_core::model::dsr::countdown::rate_countdown;
use lifegap_core::model::dsr::targets::{Context, psa_2010, targets_met_gain};
use lifegap_core::model::monitor::{Thresholds, monitor, scenario_plan};
use lifegap_core::model::practices::{Raise, analyse};
use lifegap_core::model::projection::central_settings;
use lifegap_core::model::scenario::Date;
use lifegap_report::export::board::Extras;
use std::path::Path;

pub struct Request<'a> {
    pub source: Source<'a>,
    pub out: &'a Path,
    pub draws: Option<u32>,
    pub as_of: Option<Date>,
    pub baselines: Option<&'a Path>,
    pub actuals: Option<&'a Path>,
    pub practices: Option<&'a Path>,
    pub practice_programme: Option<&'a str>,
    pub raise_to: Raise,
}

fn name(p: &Path) -> String {
    p.file_name().map_or(p.display().to_string(), |n| {
        n.to_string_lossy().into_owned()
    })
}

/// The extra sections from the files given (the same model calls as the commands).
fn extras(q: &Request<'_>, c: &Computed) -> Result<Extras, CliError> {
    let s = &c.loaded.scenario;
    let ev = &c.evaluation;
    let settings = central_settings(s);
    let fail = |e: String| CliError::Input(format!("{}: {e}", c.loaded.path.display()));
    let mut x = Extras::default();
    if let Some(path) = q.baselines {
        let (bases, warnings) = baselines::read(path)?;
        warn(&warnings);
        let cx = Context {
            simulator: &ev.simulator,
            scenario: s,
            settings: &settings,
            data: &c.loaded.data,
            standard: Standard::Esp1976,
        };
        let targets = psa_2010();
        for t in &targets {
            for b in bases.iter().filter(|b| b.measure == t.measure) {
                x.rate_countdowns
                    .push(rate_countdown(&cx, t, b, ev.results.as_of).map_err(fail)?);
            }
        }
        for m in &ev.results.milestones {
            x.targets_met
                .push(targets_met_gain(&cx, &m.result, &targets, &bases, None).map_err(fail)?);
        }
    }
    if let Some(path) = q.actuals {
        let (lines, known) = scenario_plan(&ev.simulator, s, &settings);
        if known.is_empty() {
            return Err(fail(
                "no enabled programme has a delivery plan to monitor".into(),
            ));
        }
        let (acts, warnings) = actuals::read(path, &known)?;
        warn(&warnings);
        if let Some(to_date) = acts.iter().map(|a| a.quarter).max() {
            let lines: Vec<_> = lines
                .into_iter()
                .filter(|l| acts.iter().any(|a| a.programme == l.programme))
                .collect();
            x.monitoring = Some((
                name(path),
                monitor(&lines, &acts, to_date, Thresholds::default()),
            ));
        }
    }
    if let Some(path) = q.practices {
        let Some(id) = q.practice_programme else {
            return Err(CliError::Usage(
                "--practices needs --practice-programme (the programme the indicator belongs to)"
                    .into(),
            ));
        };
        let summary = ev
            .results
            .programmes
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| CliError::Usage(format!("no programme '{id}' in the scenario")))?;
        if !(summary.enabled && summary.extra_people > 0.0) {
            return Err(fail(format!(
                "programme '{id}' reaches no one above its baseline: enable it with a target above its baseline"
            )));
        }
        let (list, warnings) = practices::read(path)?;
        warn(&warnings);
        let per_person = summary.deaths_per_year / summary.extra_people;
        x.practices = Some((
            summary.name.clone(),
            name(path),
            analyse(&list, q.raise_to, per_person),
        ));
    }
    Ok(x)
}

pub fn run(q: &Request<'_>) -> Outcome {
    let c = compute_all(&q.source, q.draws, q.as_of)?;
    let x = extras(q, &c)?;
    let html = lifegap_report::export::report::html(&c.board().with_extras(&x))
        .map_err(|e| CliError::Input(format!("cannot draw the report's charts: {e}")))?;
    lifegap_core::atomic::write(q.out, html.as_bytes())
        .map_err(|e| CliError::Input(format!("cannot write {}: {e}", q.out.display())))?;
    eprintln!(
        "wrote {} ({} KB): one self-contained file; print it to PDF from a browser (A4 landscape)",
        q.out.display(),
        html.len() / 1024
    );
    done(false)
}
