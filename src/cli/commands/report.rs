//! `lifegap report SCENARIO.ron --out board-pack.html [--pdf board-pack.pdf]`: the
//! self-contained board pack (HTML, and as an A4-landscape PDF), with
//! extra sections when their files are given: `--baselines` (the rate targets as countdowns
//! and the seed question's answer, as `mortality-targets` computes them), `--actuals`
//! (delivery monitoring, as `monitor`) and `--practices` with `--practice-programme` (the
//! ranked list and funnel chart, as `practices`).

use super::report as warn;
use super::scenario_common::{Computed, Source, compute_all};
use crate::cli::error::{CliError, Outcome, done};
use lifegap_core::data::{actuals, baselines, practices};
use lifegap_core::model::monitor::scenario_plan;
use lifegap_core::model::practices::Raise;
use lifegap_core::model::projection::central_settings;
use lifegap_core::model::scenario::Date;
use lifegap_report::export::board::Extras;
use lifegap_report::export::extras::{Inputs, compute};
use std::path::Path;

pub struct Request<'a> {
    pub source: Source<'a>,
    /// The HTML pack, when asked for.
    pub out: Option<&'a Path>,
    /// The PDF pack, when asked for.
    pub pdf: Option<&'a Path>,
    pub draws: Option<u32>,
    pub as_of: Option<Date>,
    pub baselines: Option<&'a Path>,
    pub actuals: Option<&'a Path>,
    pub practices: Option<&'a Path>,
    pub practice_programme: Option<&'a str>,
    pub raise_to: Raise,
    /// A file by deprivation group, and its most and least deprived groups.
    pub groups: Option<&'a Path>,
    pub most: Option<&'a str>,
    pub least: Option<&'a str>,
}

fn name(p: &Path) -> String {
    p.file_name().map_or(p.display().to_string(), |n| {
        n.to_string_lossy().into_owned()
    })
}

/// The extra sections from the files given (read here; computed by the same
/// `lifegap_report::export::extras::compute` the app's export uses).
fn extras(q: &Request<'_>, c: &Computed) -> Result<Extras, CliError> {
    let fail = |e: String| CliError::Input(format!("{}: {e}", c.loaded.path.display()));
    let bases = match q.baselines {
        Some(path) => {
            let (bases, warnings) = baselines::read(path)?;
            warn(&warnings);
            Some(bases)
        }
        None => None,
    };
    let acts = match q.actuals {
        Some(path) => {
            let settings = central_settings(&c.loaded.scenario);
            let (_, known) = scenario_plan(&c.evaluation.simulator, &c.loaded.scenario, &settings);
            if known.is_empty() {
                return Err(fail(
                    "no enabled programme has a delivery plan to monitor".into(),
                ));
            }
            let (acts, warnings) = actuals::read(path, &known)?;
            warn(&warnings);
            Some((name(path), acts))
        }
        None => None,
    };
    let list = match q.practices {
        Some(path) => {
            if q.practice_programme.is_none() {
                return Err(CliError::Usage(
                    "--practices needs --practice-programme (the programme the indicator belongs to)"
                        .into(),
                ));
            }
            let (list, warnings) = practices::read(path)?;
            warn(&warnings);
            Some((name(path), list))
        }
        None => None,
    };
    let inputs = Inputs {
        baselines: bases.as_deref(),
        actuals: acts.as_ref().map(|(n, a)| (n.as_str(), a.as_slice())),
        practices: list.as_ref().map(|(n, l)| {
            (
                n.as_str(),
                l.as_slice(),
                q.practice_programme.unwrap_or_default(),
                q.raise_to,
            )
        }),
    };
    let mut x = compute(&c.board(), &c.loaded.data, inputs).map_err(fail)?;
    if let Some(path) = q.groups {
        let loaded = lifegap_core::data::load(path, None)?;
        warn(&loaded.problems);
        let (most, least) = super::within::groups_named(&loaded.data, path, q.most, q.least)?;
        x.within = Some(
            lifegap_report::export::within::compute(
                &c.board(),
                &loaded.data,
                &name(path),
                &most,
                &least,
                None,
            )
            .map_err(fail)?,
        );
    }
    // The SII milestones saved in the scenario, each on its own file (as `sii-target`).
    x.sii = lifegap_core::sii_target::saved_all(
        &c.loaded.path,
        &c.loaded.scenario,
        &c.evaluation.results,
        q.source.access,
        c.evaluation.results.as_of,
    );
    Ok(x)
}

pub fn run(q: &Request<'_>) -> Outcome {
    let c = compute_all(&q.source, q.draws, q.as_of)?;
    let x = extras(q, &c)?;
    let board = c.board().with_extras(&x);
    let html = lifegap_report::export::report::html(&board)
        .map_err(|e| CliError::Input(format!("cannot draw the report's charts: {e}")))?;
    let write = |path: &Path, bytes: &[u8]| {
        lifegap_core::atomic::write(path, bytes)
            .map_err(|e| CliError::Input(format!("cannot write {}: {e}", path.display())))
    };
    if let Some(out) = q.out {
        write(out, html.as_bytes())?;
        eprintln!(
            "wrote {} ({} KB): one self-contained file that prints to A4 landscape",
            out.display(),
            html.len() / 1024
        );
    }
    if let Some(out) = q.pdf {
        let pdf = lifegap_report::export::pdf::from_html(&html, &c.loaded.scenario.name)
            .map_err(|e| CliError::Input(format!("cannot make the PDF: {e}")))?;
        write(out, &pdf)?;
        eprintln!(
            "wrote {} ({} KB): the board pack, A4 landscape",
            out.display(),
            pdf.len() / 1024
        );
    }
    done(false)
}
