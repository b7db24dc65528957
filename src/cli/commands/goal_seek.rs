//! `lifegap goal-seek SCENARIO.ron --milestone NAME [--programme P | --mix P1,P2 | --cheapest]
//! [--chance 0.8] [--draws N]`: the answer with, per programme, coverage, people and cost, and
//! its chance of meeting the milestone.

use super::scenario_common::{Source, as_of, evaluated, load};
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::{Csv, json, num};
use lifegap_core::model::goal_seek::answers::{Answer, answer};
use lifegap_core::model::goal_seek::{cheapest_mix, seek_mix, seek_mix_chance, seek_programme};
use lifegap_report::format as f;
use std::io;

pub enum Mode {
    Programme(String),
    /// Programmes scaled together; `None` (no `--mix` given) takes every programme the
    /// scenario has switched on.
    Mix(Option<Vec<String>>),
    Cheapest,
    /// A mix (as `Mix`) scaled for this chance of meeting the milestone.
    Chance(Option<Vec<String>>, f64),
}

/// Each answer as the app's goal-seek dialog shows it: per programme the coverage (plan →
/// answer), people above baseline and cost a year, and the answer's chance of meeting the
/// milestone from `draws` Monte Carlo draws (default: the scenario's).
pub fn run(
    source: &Source<'_>,
    milestone: &str,
    mode: Mode,
    draws: Option<u32>,
    as_json: bool,
) -> Outcome {
    let loaded = load(source)?;
    let s = &loaded.scenario;
    let targets = s.milestone_indices(milestone);
    if targets.is_empty() {
        let names: Vec<String> = s.milestones.iter().map(|m| m.label()).collect();
        return Err(CliError::Usage(format!(
            "no milestone '{milestone}'; milestones: {}",
            names.join("; ")
        )));
    }
    let mode = match mode {
        Mode::Mix(None) => Mode::Mix(Some(s.enabled_programme_ids())),
        Mode::Chance(None, c) => Mode::Chance(Some(s.enabled_programme_ids()), c),
        m => m,
    };
    let ids: Vec<&str> = match &mode {
        Mode::Programme(p) => vec![p.as_str()],
        Mode::Mix(v) | Mode::Chance(v, _) => v.iter().flatten().map(String::as_str).collect(),
        Mode::Cheapest => Vec::new(),
    };
    for id in &ids {
        if s.programme(id).is_none() {
            let all: Vec<&str> = s.programmes.iter().map(|p| p.id.as_str()).collect();
            return Err(CliError::Usage(format!(
                "no programme '{id}'; programmes: {}",
                all.join(", ")
            )));
        }
    }
    let mut opts = s.uncertainty;
    if let Some(d) = draws {
        opts.draws = d;
    }
    if opts.draws == 0 {
        return Err(CliError::Usage(
            "goal-seek needs at least one draw: each answer gives its chance of meeting the milestone"
                .into(),
        ));
    }
    let ev = evaluated(&loaded, as_of(&loaded, None), Some(0))?;
    let sim = &ev.simulator;
    let names = |v: &[String]| -> String {
        v.iter()
            .map(|id| s.programme(id).map_or(id.as_str(), |p| p.name.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut answers: Vec<Answer> = Vec::new();
    for index in targets {
        let m = &s.milestones[index];
        let res = match &mode {
            Mode::Programme(p) => seek_programme(sim, s, m, p)
                .map(|g| (format!("{} alone", names(std::slice::from_ref(p))), g)),
            Mode::Mix(v) => {
                let v = v.as_deref().unwrap_or_default();
                seek_mix(sim, s, m, v).map(|g| (format!("A mix: {}", names(v)), g))
            }
            Mode::Cheapest => cheapest_mix(sim, s, m).map(|g| ("The cheapest mix".into(), g)),
            Mode::Chance(v, chance) => {
                let v = v.as_deref().unwrap_or_default();
                seek_mix_chance(sim, s, m, v, *chance, opts).map(|(g, _)| {
                    (
                        format!("A mix for a {:.0}% chance: {}", chance * 100.0, names(v)),
                        g,
                    )
                })
            }
        };
        let mut a = res
            .and_then(|(title, g)| answer(sim, s, index, title, g, opts))
            .map_err(|e| CliError::Input(e.to_string()))?;
        if let Mode::Programme(p) = &mode {
            a.alone = Some(p.clone());
        }
        let g = &a.seek;
        eprintln!(
            "{}: {} — {} (achieved {}, required {}; {} above baseline, £{} a year at full delivery; {} chance of meeting it, {} draws)",
            g.milestone,
            if g.reachable {
                "reachable"
            } else {
                "NOT reachable"
            },
            g.note,
            f::gain(g.achieved),
            f::gain(g.required),
            lifegap_report::export::goal_seek_pack::people_text(&a),
            f::count(g.cost_per_year),
            f::percent(a.chance),
            a.draws
        );
        answers.push(a);
    }
    if as_json {
        json(&answers)?;
    } else {
        (|| {
            let mut out = Csv::new(io::stdout().lock());
            out.row([
                "milestone",
                "answer",
                "reachable",
                "programme",
                "plan_coverage",
                "coverage",
                "people_above_baseline",
                "programme_cost_per_year",
                "lambda",
                "achieved",
                "required",
                "cost_per_year",
                "chance",
                "draws",
                "note",
            ])?;
            for a in &answers {
                let g = &a.seek;
                for p in &a.programmes {
                    out.row([
                        g.milestone.clone(),
                        a.title.clone(),
                        g.reachable.to_string(),
                        p.id.clone(),
                        num(p.plan),
                        num(p.coverage),
                        num(p.people),
                        num(p.cost_per_year),
                        g.lambda.map(num).unwrap_or_default(),
                        num(g.achieved),
                        num(g.required),
                        num(g.cost_per_year),
                        num(a.chance),
                        a.draws.to_string(),
                        g.note.clone(),
                    ])?;
                }
            }
            out.flush()
        })()?;
    }
    done(false)
}
