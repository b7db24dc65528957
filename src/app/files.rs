//! File actions: open, save (atomic), save as, new from data, import data, quit — with the
//! unsaved-changes prompt in front of anything that would drop edits.

use super::LifegapApp;
use super::dialogs::Purpose;
use super::document::Document;
use super::modals::{DataOutsidePrompt, FilePrompt, Modal, NewFromData};
use super::screens::CompareEntry;
use super::widgets::ExportJob;
use lifegap_core::data;
use lifegap_core::model::scenario::DataSource;
use lifegap_core::scenario_file::{self, DataAccess};
use std::path::{Path, PathBuf};

/// Something the user asked for that may need the unsaved-changes prompt first.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    OpenPrompt,
    Open(PathBuf),
    NewFromDataPrompt,
    NewFromData(PathBuf),
    /// Open an area of the Region screen's file as a scenario of its own.
    OpenRegionArea(String),
    /// Open the Region file's most deprived group against its least deprived.
    OpenWithinArea,
    Quit,
}

impl Action {
    /// Does it replace the current document?
    fn drops_document(&self) -> bool {
        !matches!(self, Action::OpenPrompt | Action::NewFromDataPrompt)
    }
}

impl LifegapApp {
    /// Do `action`, asking about unsaved changes first when it would lose them.
    pub fn request(&mut self, action: Action) {
        if action.drops_document() && self.doc.as_ref().is_some_and(|d| d.is_dirty()) {
            self.modal = Some(Modal::Unsaved(action));
        } else {
            self.perform(action);
        }
    }

    /// Do `action` now (the prompt was answered).
    pub fn perform(&mut self, action: Action) {
        match action {
            Action::OpenPrompt => self.prompt_file(Purpose::OpenScenario),
            Action::NewFromDataPrompt => self.prompt_file(Purpose::NewFromData),
            Action::Open(p) => self.open_scenario(&p),
            Action::NewFromData(p) => self.start_new_from_data(&p),
            Action::OpenRegionArea(a) => self.open_region_area(&a),
            Action::OpenWithinArea => self.open_within_area(),
            Action::Quit => {
                self.allow_close = true;
            }
        }
    }

    /// Open a scenario; on failure show the error panel with every located problem.
    /// The current document is kept when the file cannot be opened. When the scenario's data
    /// lie outside its folder, nothing is read until the user says to open it anyway.
    pub fn open_scenario(&mut self, path: &Path) {
        if self.ask_about_data_outside(Purpose::OpenScenario, path) {
            return;
        }
        self.load_scenario(path, DataAccess::InsideFolder);
    }

    /// Open a scenario whose data lie outside its folder: the user said to.
    pub fn open_scenario_anyway(&mut self, path: &Path) {
        self.load_scenario(path, DataAccess::Anywhere);
    }

    /// If the scenario at `path` reads data from outside its folder, ask before reading them
    /// (true: the question is open). A file that cannot be read is left to the load to report.
    fn ask_about_data_outside(&mut self, purpose: Purpose, path: &Path) -> bool {
        let Ok(s) = scenario_file::read_unchecked(path) else {
            return false;
        };
        // The data first, then any SII milestone's file (the same rule, the same question).
        let sii_outside = s.sii_milestones.iter().find_map(|m| {
            scenario_file::sii_data_path(path, &m.data, DataAccess::InsideFolder)
                .err()
                .map(|_| {
                    let dir = path.parent().unwrap_or(Path::new("."));
                    dir.join(&m.data)
                })
        });
        match scenario_file::data_outside(path, &s.data)
            .into_iter()
            .next()
            .map(|o| o.resolved)
            .or(sii_outside)
        {
            Some(resolved) => {
                self.modal = Some(Modal::DataOutside(DataOutsidePrompt {
                    purpose,
                    scenario: path.to_path_buf(),
                    data: resolved,
                }));
                true
            }
            None => false,
        }
    }

    fn load_scenario(&mut self, path: &Path, access: DataAccess) {
        match scenario_file::load_for_editing_with(path, access) {
            Ok(l) => {
                self.settings.remember(path);
                // The editing load keeps them as warnings so the file can open; here they
                // are what they are, errors the model cannot compute with.
                let mut invalid = lifegap_core::data::Problems::default();
                for p in &l.problems.list {
                    if p.rule == lifegap_core::data::Rule::ScenarioInvalid {
                        let mut p = p.clone();
                        p.severity = lifegap_core::data::Severity::Error;
                        invalid.push(p);
                    }
                }
                let mut doc = Document::from_loaded(l);
                // The SII milestones' files follow the rule the user chose for the data.
                doc.access = access;
                if !invalid.list.is_empty() {
                    // Values the model cannot use: name each field first (file, line, column,
                    // rule); the user chooses to open the file to fix them.
                    self.locate_data_for = None;
                    self.invalid_doc = Some(Box::new(doc));
                    self.error = Some((
                        format!("{} has values lifegap cannot use", path.display()),
                        invalid,
                    ));
                    return;
                }
                self.replace_document(doc);
                self.restore_linked_files();
                let name = path
                    .file_name()
                    .map(|f| f.to_string_lossy().to_string())
                    .unwrap_or_default();
                self.flash(format!("Opened {name}"));
                // After the flash: a comparison row left out says so in the status line.
                self.load_comparison(path);
            }
            Err(problems) => {
                self.invalid_doc = None;
                self.locate_data_for =
                    scenario_file::missing_data(path).map(|_| path.to_path_buf());
                self.error = Some((format!("Could not open {}", path.display()), problems));
            }
        }
    }

    /// The user chose to open the scenario with invalid values to fix them on screen: it
    /// opens with its problems in the status bar and flagged on the fields.
    pub fn open_invalid_to_fix(&mut self) {
        let Some(doc) = self.invalid_doc.take() else {
            return;
        };
        let n = doc
            .data_problems
            .list
            .iter()
            .filter(|p| p.rule == lifegap_core::data::Rule::ScenarioInvalid)
            .count();
        self.replace_document(*doc);
        self.restore_linked_files();
        if let Some(path) = self.doc.as_ref().and_then(|d| d.path.clone()) {
            self.load_comparison(&path);
        }
        self.flash(format!(
            "{n} value(s) to fix: they are flagged on the Evidence screen and in the status bar"
        ));
    }

    /// The user located the data file of the scenario that could not find it: open the
    /// scenario with it. The new path is a change to save (the document shows as modified).
    pub fn locate_data(&mut self, data: &Path) {
        let Some(path) = self.locate_data_for.clone() else {
            return;
        };
        match scenario_file::load_with_data_file(&path, data) {
            Ok((l, before)) => {
                self.settings.remember(&path);
                let mut doc = Document::from_loaded(l);
                // As the document holds data paths (absolute in memory, relative on save).
                doc.saved.data = match &doc.path {
                    Some(p) => super::document::absolute_source(p, &before),
                    None => before,
                };
                self.replace_document(doc);
                self.locate_data_for = None;
                self.flash(format!(
                    "Opened with the data in {}: save the scenario to keep this path",
                    data.display()
                ));
            }
            Err(problems) => {
                self.error = Some((
                    format!("Could not use {} as the data file", data.display()),
                    problems,
                ));
            }
        }
    }

    /// Swap in a new document: fresh undo history, no stale background work, and the old
    /// document's autosave is no longer needed (the user saved or chose not to).
    pub fn replace_document(&mut self, doc: Document) {
        self.undo.reset(&doc.scenario);
        if let Some(a) = &mut self.autosave {
            a.clear();
        }
        self.doc = Some(doc);
        self.error = None;
        self.locate_data_for = None;
        self.mc = None;
        self.view.milestone = 0;
    }

    /// Read an area file and ask which area and comparator to use.
    pub fn start_new_from_data(&mut self, path: &Path) {
        match data::load(path, None) {
            Ok(l) => {
                let areas = l.data.areas();
                let comparator = areas
                    .iter()
                    .find(|a| a.eq_ignore_ascii_case("England"))
                    .cloned()
                    .unwrap_or_else(|| areas.last().cloned().unwrap_or_default());
                let area = areas
                    .iter()
                    .find(|a| **a != comparator)
                    .cloned()
                    .unwrap_or_default();
                self.modal = Some(Modal::NewFromData(NewFromData {
                    path: path.to_path_buf(),
                    areas,
                    area,
                    comparator,
                    form: super::new_area::SetupForm::new(
                        l.data
                            .provenance
                            .period
                            .as_deref()
                            .and_then(|p| p.parse().ok())
                            .unwrap_or(lifegap_core::model::scenario::Period::new(2006, 2008)),
                        self.env.today,
                    ),
                    loaded: Box::new(l),
                }));
            }
            Err(problems) => {
                self.error = Some((
                    format!("Could not read area data {}", path.display()),
                    problems,
                ));
            }
        }
    }

    /// Read a practice list for the Practices screen (kept in the view, never in the scenario);
    /// a file with problems opens the error panel with every located problem.
    pub fn import_practices(&mut self, path: &Path) {
        match lifegap_core::data::practices::read(path) {
            Ok((list, _warnings)) => {
                let name = path.file_name().map_or(path.display().to_string(), |n| {
                    n.to_string_lossy().into_owned()
                });
                self.flash(format!("Read {} practices from {name}", list.len()));
                self.view.practices = Some((path.to_path_buf(), list));
                self.link_beside(path, |f, p| f.practices = p);
                self.screen = super::settings::Screen::Practices;
            }
            Err(problems) => {
                self.error = Some((
                    format!("Could not read the practice list {}", path.display()),
                    problems,
                ));
            }
        }
    }

    /// Read delivery actuals for the Monitoring screen, checked against the scenario's plan as
    /// it is now (kept in the view, never in the scenario); a file with problems opens the
    /// error panel with every located problem.
    pub fn import_actuals(&mut self, path: &Path) {
        let Some(doc) = &self.doc else {
            return;
        };
        let Some(ev) = doc.current() else {
            self.flash("The scenario cannot be computed as it is: fix it before loading actuals");
            return;
        };
        let settings = lifegap_core::model::projection::central_settings(&doc.scenario);
        let (_, known) =
            lifegap_core::model::monitor::scenario_plan(&ev.simulator, &doc.scenario, &settings);
        match lifegap_core::data::actuals::read(path, &known) {
            Ok((acts, _warnings)) => {
                let name = path.file_name().map_or(path.display().to_string(), |n| {
                    n.to_string_lossy().into_owned()
                });
                self.flash(format!("Read {} actuals from {name}", acts.len()));
                self.view.actuals = Some((path.to_path_buf(), acts));
                self.link_beside(path, |f, p| f.actuals = p);
                self.screen = super::settings::Screen::Monitoring;
            }
            Err(problems) => {
                self.error = Some((
                    format!("Could not read the actuals {}", path.display()),
                    problems,
                ));
            }
        }
    }

    /// Read the rate targets' baselines (CSV measure,sex,period,area,comparator) for the
    /// Mortality rates screen (kept in the view, as `lifegap mortality-targets --baselines`
    /// reads them); a file with problems opens the error panel with every located problem.
    pub fn import_baselines(&mut self, path: &Path) {
        match lifegap_core::data::baselines::read(path) {
            Ok((rows, _warnings)) => {
                let name = path.file_name().map_or(path.display().to_string(), |n| {
                    n.to_string_lossy().into_owned()
                });
                self.flash(format!("Read {} baselines from {name}", rows.len()));
                self.view.baselines = Some((path.to_path_buf(), rows));
                self.link_beside(path, |f, p| f.baselines = p);
                self.screen = super::settings::Screen::Mortality;
            }
            Err(problems) => {
                self.error = Some((
                    format!("Could not read the baselines {}", path.display()),
                    problems,
                ));
            }
        }
    }

    /// Keep a loaded file with the scenario (`files`, relative to the scenario's folder, an
    /// undoable edit that autosaves and saves) when it lies in that folder or below; a file
    /// elsewhere is kept for this session only, as a scenario reads only from its own folder.
    fn link_beside(
        &mut self,
        path: &Path,
        set: fn(&mut lifegap_core::model::scenario::LinkedFiles, Option<String>),
    ) {
        let Some(doc) = &mut self.doc else { return };
        let Some(dir) = doc.path.as_ref().and_then(|p| p.parent()) else {
            return;
        };
        let (Ok(dir), Ok(file)) = (std::fs::canonicalize(dir), std::fs::canonicalize(path)) else {
            return;
        };
        // (The screens say which files are kept; the flash stays "Read … from …".)
        let Ok(rel) = file.strip_prefix(&dir) else {
            set(&mut doc.scenario.files, None);
            return;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        set(&mut doc.scenario.files, Some(rel));
    }

    /// Reload the files a scenario keeps beside it (`files`), from its own folder only; the
    /// screen shown stays as it was.
    pub fn restore_linked_files(&mut self) {
        let as_of = self.as_of();
        let Some(doc) = &mut self.doc else { return };
        if doc.scenario.files.is_empty() {
            return;
        }
        // The actuals are checked against the plan, which needs the scenario computed (the
        // Monte Carlo then starts as it would after the first frame's refresh).
        let refreshed = doc.refresh(as_of);
        let (Some(sp), files) = (doc.path.clone(), doc.scenario.files.clone()) else {
            return;
        };
        if refreshed {
            self.changed_at = Some(std::time::Instant::now());
        }
        let screen = self.screen;
        for (name, written) in files.named() {
            match lifegap_core::scenario_file::linked_path(&sp, written) {
                Ok(p) => match name {
                    "actuals" => self.import_actuals(&p),
                    "practices" => self.import_practices(&p),
                    _ => self.import_baselines(&p),
                },
                Err(e) => self.flash(format!("Not read: files.{name}: {e}")),
            }
        }
        self.screen = screen;
    }

    /// Put England on Holt's forecast of a series (CSV sex,period,e0, as `lifegap england
    /// --series` reads it): the scenario's `comparator_path` becomes Holt's, an undoable edit
    /// saved with the scenario. A file with problems opens the error panel.
    pub fn import_england_series(&mut self, path: &Path) {
        let Some(doc) = &mut self.doc else {
            return;
        };
        match lifegap_core::data::series::read(path) {
            Ok((all, _warnings)) => {
                match lifegap_core::model::england::holt_path(&all, None, None) {
                    Ok(p) => {
                        doc.scenario.comparator_path = p;
                        self.flash(format!(
                            "England now follows Holt's forecast of {}",
                            path.display()
                        ));
                        self.screen = super::settings::Screen::Countdown;
                    }
                    Err(e) => self.flash(format!("Could not use {}: {e}", path.display())),
                }
            }
            Err(problems) => {
                self.error = Some((
                    format!("Could not read the series {}", path.display()),
                    problems,
                ));
            }
        }
    }

    /// Create the new document chosen in the New-from-data prompt.
    pub fn finish_new_from_data(&mut self, n: NewFromData) {
        // The guided setup's answers; a prompt made without them (never from the modal,
        // which creates only once every step is answered) falls back to the plain defaults.
        let mut s = match n.form.setup(&n.area, &n.comparator) {
            Some(setup) => lifegap_core::model::new_area::scenario(&n.loaded.data, &setup),
            None => {
                lifegap_core::model::scenario::new_from_data(&n.loaded.data, &n.area, &n.comparator)
            }
        };
        let abs = std::fs::canonicalize(&n.path).unwrap_or(n.path.clone());
        s.data = DataSource::Wide(abs.display().to_string());
        let doc = Document::new(s, None, n.loaded.data, n.loaded.problems);
        self.replace_document(doc);
        self.flash("New scenario: raise the programmes, then File ▸ Save As (it asks for a name)");
    }

    /// Replace the current scenario's area data with another file (same area names).
    pub fn import_data(&mut self, path: &Path) {
        let Some(doc) = &mut self.doc else {
            self.start_new_from_data(path);
            return;
        };
        match data::load(path, None) {
            Ok(l) => {
                let missing: Vec<&str> = [&doc.scenario.area, &doc.scenario.comparator]
                    .into_iter()
                    .filter(|a| {
                        l.data
                            .group(a, lifegap_core::model::area::Sex::Male)
                            .is_none()
                            && l.data
                                .group(a, lifegap_core::model::area::Sex::Female)
                                .is_none()
                    })
                    .map(String::as_str)
                    .collect();
                if !missing.is_empty() {
                    let msg = format!(
                        "{} has no data for {}: start a new scenario from it instead",
                        path.display(),
                        missing.join(" and ")
                    );
                    self.flash(msg);
                    return;
                }
                let abs = std::fs::canonicalize(path).unwrap_or(path.to_path_buf());
                let mut s = doc.scenario.clone();
                s.data = DataSource::Wide(abs.display().to_string());
                let path_keep = doc.path.clone();
                let saved = doc.saved.clone();
                let mut new = Document::new(s, path_keep, l.data, l.problems);
                new.saved = saved;
                // The data changed under the scenario: undo cannot take the path back without
                // the data, so the history starts again here.
                self.undo.reset(&new.scenario);
                self.doc = Some(new);
                self.mc = None;
                self.flash(format!("Area data now from {}", path.display()));
            }
            Err(problems) => {
                self.error = Some((
                    format!("Could not read area data {}", path.display()),
                    problems,
                ))
            }
        }
    }

    pub fn save(&mut self) {
        match self.doc.as_ref().and_then(|d| d.path.clone()) {
            Some(p) => self.save_to(&p),
            None => self.request_save_as(),
        }
    }

    pub fn request_save_as(&mut self) {
        if self.doc.is_none() {
            return;
        }
        let suggested = self
            .doc
            .as_ref()
            .and_then(|d| d.path.clone())
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "scenario.ron".into());
        self.modal = Some(Modal::File(FilePrompt::new(
            Purpose::SaveScenario,
            &suggested,
        )));
    }

    /// Save to `path`, first asking when the file changed on disk since it was opened here.
    pub fn save_to(&mut self, path: &Path) {
        if self.doc.as_ref().is_some_and(|d| d.changed_on_disk(path)) {
            self.modal = Some(Modal::ChangedOnDisk(path.to_path_buf()));
            return;
        }
        self.save_overwriting(path);
    }

    /// Save to `path` whatever is on disk now (the user chose to replace it).
    pub fn save_overwriting(&mut self, path: &Path) {
        let Some(doc) = &mut self.doc else { return };
        match doc.save_as(path) {
            Ok(()) => {
                self.settings.remember(path);
                if let Some(a) = &mut self.autosave {
                    a.clear();
                }
                self.flash(format!("Saved {}", path.display()));
                // The comparison goes with the file (Save As takes it to the new place).
                if !self.view.compare.is_empty() {
                    self.save_comparison();
                }
            }
            Err(e) => self.flash(format!(
                "Could not save {}: {e} (nothing was overwritten)",
                path.display()
            )),
        }
    }

    /// Answers from native dialogs fill the open prompt and confirm it.
    pub fn poll_dialogs(&mut self, _ctx: &egui::Context) {
        let Some((purpose, answer)) = self.dialogs.poll() else {
            return;
        };
        if let Some(Modal::NewFromData(n)) = &mut self.modal
            && purpose == Purpose::SetupHistoryFile
        {
            if let Some(p) = answer {
                n.form.history_file = p.display().to_string();
                n.form.read_history();
            }
            return;
        }
        if let Some(Modal::ImportDeaths(m)) = &mut self.modal {
            if let Some(p) = answer {
                let field = match purpose {
                    Purpose::ImportDeathsFile => Some(&mut m.deaths),
                    Purpose::ImportPopulationFile => Some(&mut m.population),
                    Purpose::ImportLookupFile => Some(&mut m.lookup),
                    _ => None,
                };
                if let Some(f) = field {
                    *f = p.display().to_string();
                }
            }
            return;
        }
        match answer {
            Some(p) => {
                if let Some(Modal::File(fp)) = &mut self.modal
                    && fp.purpose == purpose
                {
                    fp.path = p.display().to_string();
                    fp.confirmed = true;
                    // Native save dialogs ask about replacing a file themselves.
                    fp.overwrite_ok = true;
                }
            }
            None => {
                if let Some(Modal::File(fp)) = &mut self.modal {
                    fp.note = Some(
                        "No file chosen (or no file dialog on this system): type the path above."
                            .into(),
                    );
                }
            }
        }
    }

    /// Open the typed-path file prompt for `purpose` (exports start from a suggested name).
    pub fn prompt_file(&mut self, purpose: Purpose) {
        self.modal = Some(Modal::File(FilePrompt::new(
            purpose,
            purpose.suggested_name(),
        )));
    }

    /// The path typed or chosen in a file prompt was confirmed: the prompt's purpose says
    /// what to do with it.
    pub fn confirm_file(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::OpenScenario => self.request(Action::Open(path)),
            Purpose::AddToComparison => self.add_compare_file(&path),
            Purpose::SaveScenario => self.save_to(&path),
            Purpose::NewFromData => self.request(Action::NewFromData(path)),
            Purpose::ImportData => self.import_data(&path),
            Purpose::ExportReport => self.finish_export(ExportJob::Report, &path),
            Purpose::ExportPdf => self.finish_export(ExportJob::Pdf, &path),
            Purpose::LocateData => self.locate_data(&path),
            Purpose::ExportCharts => self.finish_export(ExportJob::Charts, &path),
            Purpose::ExportTables => self.finish_export(ExportJob::Tables, &path),
            Purpose::ImportPractices => self.import_practices(&path),
            Purpose::ImportActuals => self.import_actuals(&path),
            Purpose::OpenRegion => self.start_region(path),
            Purpose::WriteAreaFile => self.write_area_file(&path, false),
            Purpose::WriteAreaFileAndUse => self.write_area_file(&path, true),
            // Answered inside the import prompt (see `poll_dialogs`), never through a file prompt.
            Purpose::ImportDeathsFile
            | Purpose::ImportPopulationFile
            | Purpose::ImportLookupFile
            | Purpose::SetupHistoryFile => {}
            Purpose::ImportBaselines => self.import_baselines(&path),
            Purpose::ImportEnglandSeries => self.import_england_series(&path),
        }
    }
}

impl LifegapApp {
    /// Add a saved scenario to the comparison (asking first when its data lie outside its
    /// folder).
    pub fn add_compare_file(&mut self, path: &Path) {
        if self.ask_about_data_outside(Purpose::AddToComparison, path) {
            return;
        }
        self.add_compare_file_with(path, DataAccess::InsideFolder);
    }

    /// Add a saved scenario to the comparison, its data held to `access`.
    pub fn add_compare_file_with(&mut self, path: &Path, access: DataAccess) {
        let loaded = match scenario_file::load_with(path, access) {
            Ok(l) => l,
            Err(p) => {
                self.flash(format!(
                    "Could not compare {}: {} problem(s), e.g. {}",
                    path.display(),
                    p.error_count(),
                    p.errors().next().map(|e| e.to_string()).unwrap_or_default()
                ));
                return;
            }
        };
        let as_of = loaded.scenario.as_of.unwrap_or(self.env.today);
        let res = lifegap_core::evaluate(
            &loaded.scenario,
            &loaded.data,
            &lifegap_core::EvalOptions::central(as_of),
        )
        .map(|e| e.results);
        match res {
            Ok(results) => {
                self.view.compare.push(CompareEntry {
                    name: loaded.scenario.name.clone(),
                    results,
                    source: super::screens::CompareSource::File(path.to_path_buf()),
                });
                self.save_comparison();
            }
            Err(e) => self.flash(format!("Could not compare {}: {e}", path.display())),
        }
    }

    /// Keep the Compare rows beside the scenario (`compare_file`). An unsaved scenario has
    /// nowhere to keep them: they last the session, and are written at its first save.
    pub fn save_comparison(&mut self) {
        let Some(path) = self.doc.as_ref().and_then(|d| d.path.clone()) else {
            return;
        };
        if let Err(e) = super::compare_file::save(&path, &self.view.compare) {
            self.flash(format!(
                "Could not keep the comparison beside {}: {e}",
                path.display()
            ));
        }
    }

    /// Read the Compare rows kept beside the scenario just opened (they replace the rows of
    /// the scenario that was open before).
    fn load_comparison(&mut self, path: &Path) {
        let Some(doc) = &self.doc else { return };
        let (rows, problems) = super::compare_file::load(path, &doc.data, self.env.today);
        self.view.compare = rows;
        if let Some(p) = problems.first() {
            self.flash(format!(
                "{} comparison row(s) left out: {p}",
                problems.len()
            ));
        }
    }
}
