//! The working document: the scenario being edited, its data, and everything computed from
//! it. Every number on screen comes from `evaluation` (`lifegap_core::evaluate`, the call the
//! CLI makes), never from UI code.
//!
//! In memory the scenario names its data files by absolute path, so undo, autosave and Save
//! As into another folder can never leave a broken relative path; the file on disk gets a path
//! relative to its own folder when it is written.

use lifegap_core::data::Problems;
use lifegap_core::evaluate::{BaseFigures, EvalOptions, Evaluation, evaluate};
use lifegap_core::model::area::{AreaData, Sex};
use lifegap_core::model::projection::Simulator;
use lifegap_core::model::results::ScenarioResults;
use lifegap_core::model::scenario::{DataSource, Date, Scenario};
use lifegap_core::model::uncertainty::Uncertainty;
use lifegap_core::scenario_file::{self, LoadedScenario};
use lifegap_core::sii_target::SavedSiiCountdown;
use std::path::{Path, PathBuf};

use super::command::Command;
use super::screens::{ScreenCx, ViewState};

pub struct Document {
    pub scenario: Scenario,
    /// The file it lives in (None until first saved).
    pub path: Option<PathBuf>,
    pub data: AreaData,
    pub data_problems: Problems,
    /// The scenario as last opened or saved, for the unsaved-changes check.
    pub saved: Scenario,
    /// What `evaluation` was computed from.
    computed_for: Option<Scenario>,
    /// The last evaluation that succeeded; while `problem` is set it belongs to earlier edits
    /// and stays on screen, marked as such.
    pub evaluation: Option<Evaluation>,
    /// Why the current edits cannot be computed.
    pub problem: Option<String>,
    pub uncertainty: Option<Uncertainty>,
    /// The scenario the uncertainty is for.
    pub uncertainty_for: Option<Scenario>,
    /// Recovered after a crash: unsaved until the user saves, whatever it is compared with.
    pub recovered: bool,
    /// The scenario file as it was when opened or last saved here: a save checks that it is
    /// still what is on disk (another window or a colleague may have changed it).
    pub disk: Option<DiskStamp>,
    /// The saved SII milestones judged on their files (`sii_target::saved_all`, as `lifegap
    /// sii-target SCENARIO` prints them), recomputed with the evaluation.
    pub sii: Vec<(String, Result<SavedSiiCountdown, String>)>,
    /// Where the SII milestones' files may be read from: the scenario's folder and below,
    /// unless the user opened it "anyway" or chose such a file on the Region screen.
    pub access: scenario_file::DataAccess,
}

/// What a file on disk was at one moment: its modification time, length and a hash of its
/// bytes (a copy with the same time but other content is caught by the hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskStamp {
    modified: Option<std::time::SystemTime>,
    hash: u64,
}

impl DiskStamp {
    /// The file's stamp now (None when it cannot be read).
    pub fn of(path: &Path) -> Option<DiskStamp> {
        use std::hash::{Hash, Hasher};
        let bytes = std::fs::read(path).ok()?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        Some(DiskStamp {
            modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
            hash: h.finish(),
        })
    }
}

impl Document {
    pub fn from_loaded(l: LoadedScenario) -> Document {
        let path = std::fs::canonicalize(&l.path).unwrap_or(l.path);
        let mut scenario = l.scenario;
        scenario.data = absolute_source(&path, &scenario.data);
        let disk = DiskStamp::of(&path);
        let mut doc = Document::new(scenario, Some(path), l.data, l.problems);
        doc.disk = disk;
        doc
    }

    pub fn new(
        scenario: Scenario,
        path: Option<PathBuf>,
        data: AreaData,
        data_problems: Problems,
    ) -> Document {
        Document {
            saved: scenario.clone(),
            scenario,
            path,
            data,
            data_problems,
            computed_for: None,
            evaluation: None,
            problem: None,
            uncertainty: None,
            uncertainty_for: None,
            recovered: false,
            disk: None,
            sii: Vec::new(),
            access: scenario_file::DataAccess::InsideFolder,
        }
    }

    /// Would saving to `path` overwrite a change made on disk since this document was opened
    /// or saved? Only the document's own file is checked (Save As to a new name is asked about
    /// by the file prompt), and a file that is gone is no conflict.
    pub fn changed_on_disk(&self, path: &Path) -> bool {
        let same_file = self
            .path
            .as_deref()
            .is_some_and(|p| std::fs::canonicalize(path).is_ok_and(|q| q == p) || p == path);
        match (&self.disk, same_file) {
            (Some(was), true) => DiskStamp::of(path).is_some_and(|now| now != *was),
            _ => false,
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.recovered || self.scenario != self.saved || self.path.is_none()
    }

    /// Results that belong to the scenario as it is now (None while the current edits cannot
    /// be computed: screens then show the last results, marked as such, but nothing acts on
    /// them).
    pub fn current_results(&self) -> Option<&ScenarioResults> {
        self.current().map(|e| &e.results)
    }

    /// The evaluation of the scenario as it is now (None while the edits cannot be computed).
    pub fn current(&self) -> Option<&Evaluation> {
        if self.problem.is_some() {
            None
        } else {
            self.evaluation.as_ref()
        }
    }

    /// The last results computed (possibly for earlier edits: check `problem`).
    pub fn results(&self) -> Option<&ScenarioResults> {
        self.evaluation.as_ref().map(|e| &e.results)
    }

    /// The simulator of the current edits (goal seek and the Monte Carlo run on it).
    pub fn sim(&self) -> Option<&Simulator> {
        self.current().map(|e| &e.simulator)
    }

    pub fn title(&self) -> String {
        let file = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_else(|| "unsaved scenario".into());
        format!(
            "{}{} — lifegap",
            file,
            if self.is_dirty() { " •" } else { "" }
        )
    }

    /// Base-period figures of a sex (from the last evaluation).
    pub fn base_for(&self, sex: Sex) -> Option<&BaseFigures> {
        self.evaluation.as_ref()?.base(sex)
    }

    /// Recompute if the scenario changed since the last time. Returns true if it did.
    pub fn refresh(&mut self, as_of: Date) -> bool {
        if self.computed_for.as_ref() == Some(&self.scenario) {
            return false;
        }
        self.computed_for = Some(self.scenario.clone());
        // Values outside the model's rules (the ones a file is checked against) are not
        // computed: the model would return figures that look normal and mean nothing.
        let found = self.scenario.check();
        if let Some(first) = found.first() {
            let more = match found.len() - 1 {
                0 => String::new(),
                n => format!(" (and {n} more)"),
            };
            // Programme names, never ids, in a message for people.
            let mut message = first.message.clone();
            for p in &self.scenario.programmes {
                message = message.replace(&format!("programme '{}'", p.id), &p.name);
            }
            self.problem = Some(format!("{message}{more}"));
            return true;
        }
        match evaluate(&self.scenario, &self.data, &EvalOptions::central(as_of)) {
            Ok(e) => {
                self.evaluation = Some(e);
                self.problem = None;
            }
            Err(e) => self.problem = Some(e.to_string()),
        }
        self.refresh_sii(as_of);
        true
    }

    /// Judge the saved SII milestones on their files. Their paths are relative to the
    /// scenario's folder (kept so in memory; [`Document::save_as`] rebases them), read under
    /// the folder rule the scenario's data follow; an unsaved scenario has no folder yet.
    fn refresh_sii(&mut self, as_of: Date) {
        self.sii.clear();
        if self.scenario.sii_milestones.is_empty() {
            return;
        }
        let (Some(path), Some(r), None) = (&self.path, self.evaluation.as_ref(), &self.problem)
        else {
            let why = if self.path.is_none() {
                "save the scenario first: the file by deprivation group is named relative to the scenario's folder"
            } else {
                "the scenario cannot be computed: fix the problem in the status bar"
            };
            self.sii = self
                .scenario
                .sii_milestones
                .iter()
                .map(|m| (m.label(), Err(why.to_string())))
                .collect();
            return;
        };
        self.sii = lifegap_core::sii_target::saved_all(
            path,
            &self.scenario,
            &r.results,
            self.access,
            as_of,
        );
    }

    /// What the screens get: the scenario to edit, the evaluation to read, the view state and
    /// a list for commands (split borrows of the document's fields).
    pub fn screen_cx<'a>(
        &'a mut self,
        view: &'a mut ViewState,
        commands: &'a mut Vec<Command>,
    ) -> ScreenCx<'a> {
        let fresh = self.uncertainty_for.as_ref() == Some(&self.scenario);
        ScreenCx {
            scenario: &mut self.scenario,
            evaluation: self.evaluation.as_ref(),
            problem: self.problem.as_deref(),
            uncertainty: if fresh {
                self.uncertainty.as_ref()
            } else {
                None
            },
            data: &self.data,
            data_problems: &self.data_problems,
            view,
            commands,
            sii: &self.sii,
        }
    }

    /// Uncertainty that belongs to the current scenario.
    pub fn current_uncertainty(&self) -> Option<&Uncertainty> {
        (self.uncertainty_for.as_ref() == Some(&self.scenario))
            .then_some(self.uncertainty.as_ref())
            .flatten()
    }

    /// Save to `path` atomically; the file names its data relative to its own folder.
    pub fn save_as(&mut self, path: &Path) -> std::io::Result<()> {
        let mut s = self.scenario.clone();
        if let Some(files) = self.data_files() {
            s.data = relative_source(path, files);
        }
        // The SII milestones' files, relative to the old folder, rebased on the new one.
        // (Unsaved, they are absolute: the join leaves them so.)
        if let Some(to) = path.parent() {
            let from = self
                .path
                .as_deref()
                .and_then(Path::parent)
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let to = std::fs::canonicalize(to).unwrap_or_else(|_| to.to_path_buf());
            for (m, kept) in s
                .sii_milestones
                .iter_mut()
                .zip(&mut self.scenario.sii_milestones)
            {
                let abs = from.join(&m.data);
                let abs = std::fs::canonicalize(&abs).unwrap_or(abs);
                m.data = relative_path(&to, &abs).display().to_string();
                kept.data = m.data.clone();
            }
        }
        scenario_file::save(path, &s)?;
        self.saved = self.scenario.clone();
        self.path = Some(std::fs::canonicalize(path).unwrap_or(path.to_path_buf()));
        self.recovered = false;
        self.disk = DiskStamp::of(path);
        Ok(())
    }

    /// Absolute paths of the data files (None when embedded).
    pub fn data_files(&self) -> Option<(PathBuf, Option<PathBuf>)> {
        let base = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from("./unsaved.ron"));
        scenario_file::data_paths(&base, &self.scenario.data).map(|(a, b)| {
            let abs = |p: PathBuf| std::fs::canonicalize(&p).unwrap_or(p);
            (abs(a), b.map(abs))
        })
    }
}

/// The same data source with absolute paths (relative ones are resolved against the folder of
/// `scenario_path`).
pub fn absolute_source(scenario_path: &Path, source: &DataSource) -> DataSource {
    let abs = |p: PathBuf| std::fs::canonicalize(&p).unwrap_or(p).display().to_string();
    match scenario_file::data_paths(scenario_path, source) {
        None => source.clone(),
        Some((data, None)) => DataSource::Wide(abs(data)),
        Some((data, Some(pop))) => DataSource::Long {
            deaths: abs(data),
            population: abs(pop),
        },
    }
}

/// A data source pointing at the same files, relative to `scenario_path`'s folder when they
/// share a root, else absolute.
fn relative_source(scenario_path: &Path, (data, pop): (PathBuf, Option<PathBuf>)) -> DataSource {
    let dir = scenario_path
        .parent()
        .map(|d| std::fs::canonicalize(d).unwrap_or_else(|_| d.to_path_buf()))
        .unwrap_or_default();
    let rel = |p: &Path| relative_path(&dir, p).display().to_string();
    match pop {
        None => DataSource::Wide(rel(&data)),
        Some(pop) => DataSource::Long {
            deaths: rel(&data),
            population: rel(&pop),
        },
    }
}

/// `target` relative to `from` (both absolute), e.g. "../assets/data/x.csv".
pub fn relative_path(from: &Path, target: &Path) -> PathBuf {
    let a: Vec<_> = from.components().collect();
    let b: Vec<_> = target.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return target.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c);
    }
    out
}

impl Document {
    /// The document's figures as an export board (None while the edits cannot be computed,
    /// so an export never mixes current text with old numbers).
    pub fn board(&self) -> Option<lifegap_report::export::board::Board<'_>> {
        Some(
            lifegap_report::export::board::Board::of(
                &self.scenario,
                self.current()?,
                self.current_uncertainty(),
                &self.data.provenance,
            )
            .with_data(&self.data),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_path(Path::new("/a/b/scenarios"), Path::new("/a/b/assets/x.csv")),
            PathBuf::from("../assets/x.csv")
        );
        assert_eq!(
            relative_path(Path::new("/a"), Path::new("/a/x.csv")),
            PathBuf::from("x.csv")
        );
    }
}
