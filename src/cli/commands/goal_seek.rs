//! `lifegap goal-seek SCENARIO.ron --milestone NAME [--programme P | --mix P1,P2 | --cheapest]`.

use super::scenario_common::{load, simulator};
use crate::cli::exit;
use crate::cli::output::{Csv, json, num};
use crate::format as f;
use crate::model::goal_seek::{GoalSeek, cheapest_mix, seek_mix, seek_programme};
use std::io;
use std::path::Path;

pub enum Mode {
    Programme(String),
    Mix(Vec<String>),
    Cheapest,
}

pub fn run(path: &Path, milestone: &str, mode: Mode, as_json: bool) -> u8 {
    let loaded = match load(path) {
        Ok(l) => l,
        Err(c) => return c,
    };
    let s = &loaded.scenario;
    let targets = s.milestone(milestone);
    if targets.is_empty() {
        let names: Vec<String> = s.milestones.iter().map(|m| m.label()).collect();
        eprintln!(
            "error: no milestone '{milestone}'; milestones: {}",
            names.join("; ")
        );
        return exit::USAGE;
    }
    let ids: Vec<&str> = match &mode {
        Mode::Programme(p) => vec![p.as_str()],
        Mode::Mix(v) => v.iter().map(String::as_str).collect(),
        Mode::Cheapest => Vec::new(),
    };
    for id in &ids {
        if s.programme(id).is_none() {
            let all: Vec<&str> = s.programmes.iter().map(|p| p.id.as_str()).collect();
            eprintln!("error: no programme '{id}'; programmes: {}", all.join(", "));
            return exit::USAGE;
        }
    }
    let sim = match simulator(&loaded) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let mut answers: Vec<GoalSeek> = Vec::new();
    for m in targets {
        let res = match &mode {
            Mode::Programme(p) => seek_programme(&sim, s, m, p),
            Mode::Mix(v) => seek_mix(&sim, s, m, v),
            Mode::Cheapest => cheapest_mix(&sim, s, m),
        };
        match res {
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
            Err(e) => {
                eprintln!("error: {e}");
                return exit::BAD_INPUT;
            }
        }
    }
    let res = if as_json {
        json(&answers)
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
        })()
    };
    match res {
        Ok(()) => exit::OK,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => exit::OK,
        Err(e) => {
            eprintln!("error: {e}");
            exit::BAD_INPUT
        }
    }
}

/// `--mix` left out: every enabled programme of the scenario, scaled together.
pub fn run_default_mix(path: &Path, milestone: &str, as_json: bool) -> u8 {
    match crate::scenario_file::load(path) {
        Ok(l) => {
            let ids = l.scenario.enabled_programme_ids();
            run(path, milestone, Mode::Mix(ids), as_json)
        }
        Err(p) => {
            super::report(&p);
            exit::BAD_INPUT
        }
    }
}
