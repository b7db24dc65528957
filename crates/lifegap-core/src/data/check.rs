//! Checking an area data file without keeping it: every problem the readers find plus PHE's
//! life-table rules for each group, and a summary of what the file holds. Wide files are
//! streamed group by group, so a file of any size is checked in bounded memory.

use super::{Problem, Problems, Rule};
use crate::model::area::Group;
use crate::model::bands::BandSet;
use crate::model::life_table::validate as table_rules;
use serde::Serialize;
use std::collections::HashSet;
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

/// Collects a summary and PHE's life-table rules group by group, keeping no group data.
struct Checker<'a> {
    file: &'a Path,
    seen_areas: HashSet<String>,
    summary: FileSummary,
    problems: Problems,
}

impl Checker<'_> {
    fn group(&mut self, bands: BandSet, g: &Group) {
        self.summary.groups += 1;
        // Area names match whatever their case (as the readers group them).
        if self.seen_areas.insert(g.area.to_lowercase()) && self.summary.areas.len() < AREAS_LISTED
        {
            self.summary.areas.push(g.area.clone());
        }
        // Groups that read cleanly can still fail PHE's life-table rules.
        if let Err(errs) = table_rules(bands, &g.all_deaths(), &g.population) {
            for e in errs.0 {
                self.problems.push(Problem::error(
                    self.file,
                    Rule::NoLifeTable,
                    format!("area '{}', {}: no life table: {e}", g.area, g.sex),
                ));
            }
        }
    }
}

/// Check `file` (with its population file when long-format): every problem plus a summary.
pub fn check_file(file: &Path, population: Option<&Path>) -> (Problems, FileSummary) {
    let mut c = Checker {
        file,
        seen_areas: HashSet::new(),
        summary: FileSummary {
            file: file.display().to_string(),
            ..Default::default()
        },
        problems: Problems::default(),
    };
    let streamed = population.is_none() && !super::is_long_format(file);
    let read = if streamed {
        let mut own = Problems::default();
        let res = super::wide::stream_wide(file, |bands, g| c.group(bands, &g));
        match res {
            Ok((s, p)) => {
                own.extend(p);
                c.summary.bands = s.bands.map(|b| b.describe().to_string());
                c.summary.causes = s.causes;
                c.summary.period = s.provenance.period;
                c.summary.synthetic = s.provenance.synthetic;
                Ok(own)
            }
            Err(p) => Err(p),
        }
    } else {
        super::load(file, population).map(|loaded| {
            let d = &loaded.data;
            for g in &d.groups {
                c.group(d.bands, g);
            }
            c.summary.bands = Some(d.bands.describe().to_string());
            c.summary.causes = d.causes.clone();
            c.summary.period = d.provenance.period.clone();
            c.summary.synthetic = d.provenance.synthetic;
            loaded.problems
        })
    };
    let mut problems = match read {
        Ok(p) => p,
        Err(p) => p,
    };
    problems.extend(c.problems);
    c.summary.area_count = c.seen_areas.len();
    c.summary.errors = problems.error_count();
    c.summary.warnings = problems.warning_count();
    c.summary.ok = !problems.has_errors();
    (problems, c.summary)
}
