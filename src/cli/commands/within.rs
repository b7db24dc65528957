//! `lifegap within SCENARIO --groups FILE`: the gap within the area — its most deprived group
//! against its least deprived (`Q1` vs `Q5` of `build-data --by deprivation-quintile`, or any
//! two groups) — with the scenario's programmes targeted at the most deprived group and its
//! gap-reduction milestones measured on the within-area gap (`lifegap_core::within`). Prints
//! what was assumed, the gap broken down by cause and age (Arriaga, as `lifegap gap` does
//! for the gap with England) and the summary `lifegap run` prints; `--save` writes the
//! within-area scenario, which `run`, `report`, `goal-seek` and the app then read like any
//! other.

use super::scenario_common::{Source, as_of, evaluated, load};
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::{json, say};
use lifegap_core::data;
use lifegap_core::evaluate::{BaseFigures, EvalOptions, evaluate};
use lifegap_core::model::scenario::{DataSource, Date};
use lifegap_core::scenario_file::LoadedScenario;
use lifegap_core::within;
use lifegap_report::format as f;
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What `lifegap within` was asked.
pub struct Request<'a> {
    pub source: Source<'a>,
    pub groups: &'a Path,
    pub most: Option<&'a str>,
    pub least: Option<&'a str>,
    /// Programme ids delivered in the most deprived group (empty: every enabled one).
    pub programmes: &'a [String],
    pub save: Option<&'a Path>,
    pub as_of: Option<Date>,
    pub json: bool,
}

#[derive(Serialize)]
struct AreaGain {
    sex: lifegap_core::model::area::Sex,
    period: lifegap_core::model::scenario::Period,
    /// Years of the whole area's e₀ the programmes delivered in the most deprived group add.
    gain: f64,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    notes: &'a [String],
    area_gain: &'a [AreaGain],
    scenario: &'a lifegap_core::model::scenario::Scenario,
    results: &'a lifegap_core::model::results::ScenarioResults,
    decomposition: Vec<&'a lifegap_core::model::decomposition::GapDecomposition>,
}

pub fn run(q: &Request<'_>) -> Outcome {
    let template = load(&q.source)?;
    let date = as_of(&template, q.as_of);
    let t_ev = evaluated(&template, date, Some(0))?;
    let loaded = data::load(q.groups, None)?;
    super::report(&loaded.problems);
    let groups = loaded.data;
    let (most, least) = groups_named(&groups, q.groups, q.most, q.least)?;
    let targeted = (!q.programmes.is_empty()).then_some(q.programmes);
    let mut w = within::scenario(
        &template.scenario,
        &t_ev.results,
        &groups,
        &most,
        &least,
        targeted,
    )
    .map_err(CliError::Input)?;
    w.scenario.as_of = Some(date);
    w.scenario.data = DataSource::Wide(q.groups.display().to_string());
    if let Some(path) = q.save {
        save(&mut w.scenario, q.groups, path)?;
    }
    let ev = evaluate(&w.scenario, &groups, &EvalOptions::central(date))
        .map_err(|e| CliError::Input(format!("the within-area scenario: {e}")))?;
    for warning in ev.warnings() {
        eprintln!("warning: {warning}");
    }
    let decomposition: Vec<_> = ev
        .base
        .iter()
        .filter_map(|b| b.decomposition.as_ref())
        .collect();
    let area_gain: Vec<AreaGain> = match w.scenario.milestones.first().map(|m| m.period) {
        Some(period) => lifegap_core::model::area::Sex::BOTH
            .iter()
            .filter_map(|&sex| {
                within::area_gain(&groups, &w.scenario, &ev, sex, period)
                    .ok()
                    .map(|gain| AreaGain { sex, period, gain })
            })
            .collect(),
        None => Vec::new(),
    };
    if q.json {
        json(&JsonOut {
            notes: &w.notes,
            area_gain: &area_gain,
            scenario: &w.scenario,
            results: &ev.results,
            decomposition,
        })?;
        return done(false);
    }
    let mut o = String::new();
    let _ = writeln!(
        o,
        "The gap within {}: {most} against {least} ({})",
        template.scenario.area,
        q.groups.display()
    );
    for n in &w.notes {
        let _ = writeln!(o, "  * {n}");
    }
    if let Some(first) = area_gain.first() {
        let _ = writeln!(
            o,
            "\nWhat delivering in {most} adds to {}'s own life expectancy in {} (every group of the file together, {most}'s deaths postponed taken off the area's deaths, its life table re-solved): {}",
            template.scenario.area,
            first.period,
            area_gain
                .iter()
                .map(|g| format!(
                    "{} {}",
                    g.sex.plural_label().to_lowercase(),
                    f::life_time(g.gain)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    o.push_str(&breakdown(&ev.base));
    let loaded = LoadedScenario {
        scenario: w.scenario,
        path: q
            .save
            .map_or_else(|| PathBuf::from("(not saved)"), Path::to_path_buf),
        data: groups,
        problems: loaded.problems,
    };
    let _ = writeln!(o);
    o.push_str(&super::run::summary(&loaded, &ev.results));
    say(&o)?;
    done(false)
}

/// The two groups: as named, else the file's most and least deprived (Q1/Q5 or D1/D10).
pub fn groups_named(
    groups: &lifegap_core::model::area::AreaData,
    path: &Path,
    most: Option<&str>,
    least: Option<&str>,
) -> Result<(String, String), CliError> {
    if let (Some(m), Some(l)) = (most, least) {
        return Ok((m.to_string(), l.to_string()));
    }
    let (dm, dl) = lifegap_core::build::deprivation_extremes(&groups.areas()).ok_or_else(|| {
        CliError::Usage(format!(
            "{} has neither Q1…Q5 nor D1…D10 (build it with `lifegap build-data --by deprivation-quintile`): name the two groups with --most and --least",
            path.display()
        ))
    })?;
    Ok((
        most.map_or(dm, str::to_string),
        least.map_or(dl, str::to_string),
    ))
}

/// The base-period gap within the area by cause and by broad age group, each sex.
pub fn breakdown(base: &[BaseFigures]) -> String {
    let mut o = String::new();
    for b in base {
        let Some(d) = &b.decomposition else { continue };
        let _ = writeln!(
            o,
            "\nGap within the area, {} ({} − {} = {}): by cause",
            b.sex.plural_label().to_lowercase(),
            f::years(d.e0_comparator),
            f::years(d.e0_local),
            f::life_time(d.gap())
        );
        for (cause, v) in d.causes.iter().zip(d.by_cause()) {
            let _ = writeln!(
                o,
                "  {:<36} {:>16} {:>7}",
                lifegap_core::model::causes::label(cause),
                f::life_time(v),
                f::percent(v / d.gap())
            );
        }
        let _ = writeln!(o, "  by age");
        for (label, v) in lifegap_report::export::within::by_age_group(d) {
            let _ = writeln!(
                o,
                "  {:<36} {:>16} {:>7}",
                label,
                f::life_time(v),
                f::percent(v / d.gap())
            );
        }
    }
    o
}

/// Write the within-area scenario to `path` with its data path relative to `path`'s folder,
/// as every scenario's is; the group file must be in that folder or below it (scenarios read
/// data only from there).
fn save(
    s: &mut lifegap_core::model::scenario::Scenario,
    groups: &Path,
    path: &Path,
) -> Result<(), CliError> {
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (Ok(folder), Ok(file)) = (std::fs::canonicalize(folder), std::fs::canonicalize(groups))
    else {
        return Err(CliError::Usage(format!(
            "--save {}: its folder or the group file cannot be found",
            path.display()
        )));
    };
    let rel = file.strip_prefix(&folder).map_err(|_| {
        CliError::Usage(format!(
            "--save {}: a scenario reads its data from its own folder or below, and {} is not there: save the scenario beside the group file",
            path.display(),
            groups.display()
        ))
    })?;
    s.data = DataSource::Wide(rel.to_string_lossy().replace('\\', "/"));
    if let Some(p) = s.check().first() {
        return Err(CliError::Input(format!(
            "the within-area scenario breaks a rule: {}",
            p.message
        )));
    }
    lifegap_core::scenario_file::save(path, s)
        .map_err(|e| CliError::Input(format!("cannot write {}: {e}", path.display())))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
