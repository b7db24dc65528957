//! `lifegap goal-seek SCENARIO.ron --milestone NAME [--programme P | --mix P1,P2 | --cheapest]
//! [--chance 0.8 [--draws N]]`.

use super::scenario_common::{Source, as_of, evaluated, load};
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::{Csv, json, num};
use lifegap_core::model::goal_seek::{
    GoalSeek, cheapest_mix, seek_mix, seek_mix_chance, seek_programme,
};
use lifegap_report::format as f;
use std::io;

pub enum Mode {
    Programme(String),
    /// Programmes scaled together; `None` (no `--mix` given) takes every programme the
    /// scenario has switched on.
    Mix(Option<Vec<String>>),
    Cheapest,
    /// A mix (as `Mix`) scaled for this chance of meeting the milestone, with these draws
    /// (default: the scenario's).
    Chance(Option<Vec<String>>, f64, Option<u32>),
}

pub fn run(source: &Source<'_>, milestone: &str, mode: Mode, as_json: bool) -> Outcome {
    let loaded = load(source)?;
    let s = &loaded.scenario;
    let targets = s.milestone(milestone);
    if targets.is_empty() {
        let names: Vec<String> = s.milestones.iter().map(|m| m.label()).collect();
        return Err(CliError::Usage(format!(
            "no milestone '{milestone}'; milestones: {}",
            names.join("; ")
        )));
    }
    let mode = match mode {
        Mode::Mix(None) => Mode::Mix(Some(s.enabled_programme_ids())),
        Mode::Chance(None, c, d) => Mode::Chance(Some(s.enabled_programme_ids()), c, d),
        m => m,
    };
    let ids: Vec<&str> = match &mode {
        Mode::Programme(p) => vec![p.as_str()],
        Mode::Mix(v) | Mode::Chance(v, _, _) => v.iter().flatten().map(String::as_str).collect(),
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
    let ev = evaluated(&loaded, as_of(&loaded, None), Some(0))?;
    let sim = &ev.simulator;
    let mut answers: Vec<GoalSeek> = Vec::new();
    for m in targets {
        let res = match &mode {
            Mode::Programme(p) => seek_programme(sim, s, m, p),
            Mode::Mix(v) => seek_mix(sim, s, m, v.as_deref().unwrap_or_default()),
            Mode::Cheapest => cheapest_mix(sim, s, m),
            Mode::Chance(v, chance, draws) => {
                let mut opts = s.uncertainty;
                if let Some(d) = draws {
                    opts.draws = (*d).max(1);
                }
                seek_mix_chance(sim, s, m, v.as_deref().unwrap_or_default(), *chance, opts)
                    .map(|(g, _)| g)
            }
        };
        match res.map_err(|e| CliError::Input(e.to_string())) {
            Ok(a) => {
                eprintln!(
                    "{}: {} — {} (achieved {}, required {}; £{} a year at full delivery)",
                    a.milestone,
                    if a.reachable {
                        "reachable"
                    } else {
                        "NOT reachable"
                    },
                    a.note,
                    f::gain(a.achieved),
                    f::gain(a.required),
                    f::count(a.cost_per_year)
                );
                answers.push(a);
            }
            Err(e) => return Err(e),
        }
    }
    if as_json {
        json(&answers)?;
    } else {
        (|| {
            let mut out = Csv::new(io::stdout().lock());
            out.row([
                "milestone",
                "reachable",
                "programme",
                "coverage",
                "lambda",
                "achieved",
                "required",
                "cost_per_year",
                "note",
            ])?;
            for a in &answers {
                for (id, c) in &a.coverages {
                    out.row([
                        a.milestone.clone(),
                        a.reachable.to_string(),
                        id.clone(),
                        num(*c),
                        a.lambda.map(num).unwrap_or_default(),
                        num(a.achieved),
                        num(a.required),
                        num(a.cost_per_year),
                        a.note.clone(),
                    ])?;
                }
            }
            out.flush()
        })()?;
    }
    done(false)
}
