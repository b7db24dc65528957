//! Checking an area data file without keeping it: every problem the readers find plus PHE's
//! life-table rules for each group, and a summary of what the file holds. Wide files are
//! streamed group by group, so a file of any size is checked in bounded memory.
//!
//! The checker reads through the very functions `data::load` uses (the same opening, limits,
//! value, label and duplicate rules, and the same verdict on a file whose reading stopped
//! early), so `lifegap validate` says "ok" exactly when every group `run` could use is valid.

use super::{Problem, Problems, Rule};
use crate::model::area::{Group, Sex};
use crate::model::bands::BandSet;
use crate::model::life_table::validate as table_rules;
use serde::Serialize;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::Path;

/// What a checked file holds.
#[derive(Debug, Serialize, Default)]
pub struct FileSummary {
    pub ok: bool,
    pub file: String,
    /// Number of distinct areas, and the first few names.
    pub area_count: usize,
    pub areas: Vec<String>,
    pub groups: u64,
    pub bands: Option<String>,
    pub causes: Vec<String>,
    pub period: Option<String>,
    pub synthetic: bool,
    pub errors: u64,
    pub warnings: u64,
}

const AREAS_LISTED: usize = 10;

impl FileSummary {
    pub fn line(&self) -> String {
        let more = if self.area_count > self.areas.len() {
            format!(", … {} more", self.area_count - self.areas.len())
        } else {
            String::new()
        };
        format!(
            "{}: {} area(s) ({}{more}), {} group(s), bands {}, {} cause(s) ({}){}{}",
            self.file,
            self.area_count,
            self.areas.join(", "),
            self.groups,
            self.bands.as_deref().unwrap_or("?"),
            self.causes.len(),
            self.causes.join(", "),
            self.period
                .as_ref()
                .map(|p| format!(", period {p}"))
                .unwrap_or_default(),
            if self.synthetic {
                ", SYNTHETIC data"
            } else {
                ""
            }
        )
    }
}

/// Collects a summary and PHE's life-table rules group by group, keeping no group data
/// (memory grows only with the number of areas, as the readers' own does).
struct Checker<'a> {
    file: &'a Path,
    /// Valid groups by area (lower-cased, as the readers match names).
    area_groups: HashMap<String, u32>,
    /// The first areas seen (lower-cased, and as first written), for the summary's list.
    first_areas: Vec<(String, String)>,
    summary: FileSummary,
    problems: Problems,
}

impl Checker<'_> {
    fn group(&mut self, bands: BandSet, g: &Group, first_line: Option<u64>) {
        self.summary.groups += 1;
        // Area names match whatever their case (as the readers group them).
        let area = g.area.to_lowercase();
        let n = match self.area_groups.entry(area) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => {
                if self.first_areas.len() < AREAS_LISTED {
                    self.first_areas.push((e.key().clone(), g.area.clone()));
                }
                e.insert(0)
            }
        };
        *n += 1;
        // Groups that read cleanly can still fail PHE's life-table rules.
        if let Err(errs) = table_rules(bands, &g.all_deaths(), &g.population) {
            for e in errs.0 {
                let mut p = Problem::error(
                    self.file,
                    Rule::NoLifeTable,
                    format!("area '{}', {}: no life table: {e}", g.area, g.sex),
                );
                p.line = first_line;
                self.problems.push(p);
            }
        }
    }

    /// Take back groups a later row invalidated: `run` leaves them out, so the summary does.
    fn withdraw(&mut self, withdrawn: &[(String, Sex)]) {
        for (area, _) in withdrawn {
            self.summary.groups -= 1;
            if let Some(n) = self.area_groups.get_mut(area) {
                *n -= 1;
            }
        }
    }

    /// Count the areas left with a valid group and list the first of them (an area all of
    /// whose groups were withdrawn is not listed; the list may then be shorter).
    fn finish_areas(&mut self) {
        let live = |a: &String| self.area_groups.get(a).is_some_and(|n| *n > 0);
        self.summary.area_count = self.area_groups.values().filter(|n| **n > 0).count();
        self.summary.areas = self
            .first_areas
            .iter()
            .filter(|(a, _)| live(a))
            .map(|(_, name)| name.clone())
            .collect();
    }
}

/// Check `file` (with its population file when long-format): every problem plus a summary.
pub fn check_file(file: &Path, population: Option<&Path>) -> (Problems, FileSummary) {
    let mut c = Checker {
        file,
        area_groups: HashMap::new(),
        first_areas: Vec::new(),
        summary: FileSummary {
            file: file.display().to_string(),
            ..Default::default()
        },
        problems: Problems::default(),
    };
    let read = match population {
        Some(pop) => super::load(file, Some(pop)).map(|loaded| {
            let d = &loaded.data;
            for g in &d.groups {
                c.group(d.bands, g, None);
            }
            c.summary.bands = Some(d.bands.describe().to_string());
            c.summary.causes = d.causes.clone();
            c.summary.period = d.provenance.period.clone();
            c.summary.synthetic = d.provenance.synthetic;
            loaded.problems
        }),
        // Streamed: the file is opened once and no group is kept.
        None => super::wide::open(file).and_then(|src| {
            let (s, p) =
                super::wide::stream_source(src, |bands, g, line| c.group(bands, &g, Some(line)))?;
            c.withdraw(&s.withdrawn);
            c.summary.bands = s.bands.map(|b| b.describe().to_string());
            c.summary.causes = s.causes.clone();
            c.summary.period = s.provenance.period.clone();
            c.summary.synthetic = s.provenance.synthetic;
            super::wide_outcome(file, &s, p).map(|(_, p)| p)
        }),
    };
    let mut problems = match read {
        Ok(p) => p,
        Err(p) => p,
    };
    c.finish_areas();
    problems.extend(c.problems);
    c.summary.errors = problems.error_count();
    c.summary.warnings = problems.warning_count();
    c.summary.ok = !problems.has_errors();
    (problems, c.summary)
}
