//! The desktop planner (eframe/egui): a thin face over `lifegap_core::model`. It adds no model logic:
//! every number comes from `Document::results`, which the CLI reproduces.
//!
//! Structure follows egui's demo app: one `LifegapApp` with a pure constructor
//! ([`LifegapApp::with_document`], used by headless tests) apart from [`LifegapApp::new`]
//! (storage, fonts, recovery); side effects (file dialogs, the Monte Carlo) go to worker
//! threads and come back through channels.

mod apply;
pub mod autosave;
pub mod charts;
pub mod command;
pub mod compare_file;
pub mod dialogs;
pub mod document;
pub mod files;
pub mod goal_seek_dialog;
pub mod import;
pub mod jobs;
pub mod modals;
pub mod native;
pub mod new_area;
pub mod present;
pub mod present_more;
pub mod present_seek;
pub mod region;
pub mod screens;
pub mod settings;
pub mod theme;
pub mod undo;
pub mod widgets;

use autosave::Autosave;
use command::Command;
use dialogs::{DialogRunner, FileDialogs, NoDialogs};
use document::Document;
use jobs::McJob;
use lifegap_core::model::scenario::Date;
use modals::Modal;
use settings::{Screen, Settings};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use undo::UndoHistory;

/// Where the app runs: the things tests replace.
pub struct AppEnv {
    /// Today's date, for countdowns when a scenario sets no planning date.
    pub today: Date,
    /// Folder for autosave (None = no autosave).
    pub data_dir: Option<PathBuf>,
    pub dialogs: Arc<dyn FileDialogs>,
}

impl AppEnv {
    /// For tests: no dialogs, no autosave, a fixed date.
    pub fn headless() -> AppEnv {
        AppEnv {
            today: Date {
                year: 2009,
                month: 4,
                day: 1,
            },
            data_dir: None,
            dialogs: Arc::new(NoDialogs),
        }
    }
}

pub struct LifegapApp {
    pub doc: Option<Document>,
    /// A file that could not be opened, with every located problem.
    pub error: Option<(String, lifegap_core::data::Problems)>,
    /// The scenario behind that error when only its data file is missing: the error panel
    /// offers "Locate data file…".
    pub locate_data_for: Option<std::path::PathBuf>,
    /// A scenario that parsed but has values lifegap cannot use (a coverage target of 7, a
    /// negative RRR): the error panel names each field and offers to open it to fix them. It
    /// is never opened silently, where it would look like a normal document of wrong results.
    pub invalid_doc: Option<Box<Document>>,
    pub screen: Screen,
    pub settings: Settings,
    pub undo: UndoHistory,
    pub env: AppEnv,
    pub dialogs: DialogRunner,
    pub autosave: Option<Autosave>,
    pub mc: Option<McJob>,
    /// When the scenario last changed (the Monte Carlo waits for edits to settle).
    changed_at: Option<Instant>,
    pub modal: Option<Modal>,
    /// A short message in the status bar.
    pub status: Option<(String, Instant)>,
    /// The window title last sent.
    title: String,
    /// Leaving is confirmed (after the unsaved-changes prompt).
    pub allow_close: bool,
    /// What is shown (sex, milestone, compare rows…): never part of the scenario.
    pub view: screens::ViewState,
    /// Take a screenshot and quit (documentation screens).
    pub screenshot: Option<native::ScreenshotPlan>,
    /// Presentation mode, when on.
    pub present: Option<present::Presentation>,
    /// Which monitor presentations go to.
    pub present_on: present::Monitor,
    /// The user chose to quit without saving: the autosave goes with the window.
    pub discard_on_exit: bool,
    /// A chart export writing on a worker thread.
    pub export_rx: Option<std::sync::mpsc::Receiver<Result<String, String>>>,
    /// The Region screen's file being read and ranked on a worker thread.
    pub region_job: Option<region::RegionJob>,
    /// The import prompt's preview being built.
    pub import_job: Option<import::ImportJob>,
    /// An area file built from death records, waiting for the save prompt's answer.
    pub import_built: Option<Arc<lifegap_core::build::Built>>,
}

impl LifegapApp {
    /// The pure constructor: no storage, no fonts, no files touched.
    pub fn with_document(doc: Option<Document>, env: AppEnv) -> Self {
        let undo = UndoHistory::new(
            doc.as_ref()
                .map_or(&lifegap_core::demo::scenarios::countdown(), |d| &d.scenario),
        );
        let dialogs = DialogRunner::new(Arc::clone(&env.dialogs));
        let autosave = env.data_dir.clone().map(Autosave::new);
        LifegapApp {
            doc,
            error: None,
            locate_data_for: None,
            invalid_doc: None,
            screen: Screen::Overview,
            settings: Settings::default(),
            undo,
            env,
            dialogs,
            autosave,
            mc: None,
            changed_at: Some(Instant::now()),
            modal: None,
            status: None,
            title: String::new(),
            allow_close: false,
            view: screens::ViewState::default(),
            screenshot: None,
            present: None,
            present_on: present::Monitor::ThisScreen,
            discard_on_exit: false,
            export_rx: None,
            region_job: None,
            import_job: None,
            import_built: None,
        }
    }

    /// Open a scenario file at start (tests and `lifegap gui FILE`), showing the error panel
    /// when it cannot be read.
    pub fn with_scenario_file(path: &std::path::Path, env: AppEnv) -> Self {
        let mut app = LifegapApp::with_document(None, env);
        app.open_scenario(path);
        app
    }

    /// The real app: fonts, stored settings, autosave recovery, an optional file to open.
    pub fn new(cc: &eframe::CreationContext<'_>, env: AppEnv, open: Option<PathBuf>) -> Self {
        theme::install_fonts(&cc.egui_ctx);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, Settings::KEY))
            .unwrap_or_default();
        let mut app = LifegapApp::with_document(None, env);
        app.screen = settings.screen;
        app.view.sex = settings.sex;
        app.settings = settings;
        app.apply_look(&cc.egui_ctx);
        let recovery = app.autosave.as_ref().and_then(|a| a.recovery());
        match (open, recovery) {
            (_, Some(r)) => app.modal = Some(Modal::Recover(r)),
            (Some(p), None) => app.open_scenario(&p),
            (None, None) => {
                if let Some(p) = app.settings.recent.first().cloned().filter(|p| p.exists()) {
                    app.open_scenario(&p);
                }
            }
        }
        app
    }

    pub fn apply_look(&self, ctx: &egui::Context) {
        ctx.set_theme(if self.settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        ctx.set_zoom_factor(self.settings.zoom.clamp(0.5, 3.0));
    }

    pub fn flash(&mut self, msg: impl Into<String>) {
        self.status = Some((msg.into(), Instant::now()));
    }

    /// The planning date for countdowns.
    pub fn as_of(&self) -> Date {
        self.doc
            .as_ref()
            .and_then(|d| d.scenario.as_of)
            .unwrap_or(self.env.today)
    }

    pub fn undo(&mut self) {
        if let Some(d) = &mut self.doc
            && self.undo.undo(&mut d.scenario)
        {
            self.changed_at = Some(Instant::now());
        }
    }

    pub fn redo(&mut self) {
        if let Some(d) = &mut self.doc
            && self.undo.redo(&mut d.scenario)
        {
            self.changed_at = Some(Instant::now());
        }
    }

    /// Recompute after edits; restart the Monte Carlo once edits settle.
    fn refresh(&mut self, ctx: &egui::Context) {
        let as_of = self.as_of();
        let Some(doc) = &mut self.doc else { return };
        if doc.refresh(as_of) {
            self.changed_at = Some(Instant::now());
        }
        if let Some(job) = &self.mc
            && let Some(res) = job.poll()
        {
            let job = self.mc.take().expect("present");
            match res {
                Ok(Some(u)) => {
                    doc.uncertainty = Some(u);
                    doc.uncertainty_for = Some(job.scenario.clone());
                }
                Ok(None) => {}
                Err(e) => self.status = Some((format!("Uncertainty: {e}"), Instant::now())),
            }
        }
        let stale = doc.uncertainty_for.as_ref() != Some(&doc.scenario);
        let running_for_current = self.mc.as_ref().is_some_and(|j| j.scenario == doc.scenario);
        if stale && !running_for_current && doc.problem.is_none() && !self.view.mc_paused {
            let settled = self
                .changed_at
                .is_none_or(|t| t.elapsed() > Duration::from_millis(300));
            if settled {
                if let Some(sim) = doc.sim() {
                    let c = ctx.clone();
                    self.mc = Some(McJob::start(sim.clone(), doc.scenario.clone(), move || {
                        c.request_repaint()
                    }));
                }
            } else {
                ctx.request_repaint_after(Duration::from_millis(320));
            }
        }
        if self.mc.is_some() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
    }

    fn window_title(&mut self, ctx: &egui::Context) {
        let t = match &self.doc {
            Some(d) => d.title(),
            None => "lifegap".to_string(),
        };
        if t != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(t.clone()));
            self.title = t;
        }
    }

    fn handle_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.doc.as_ref().is_some_and(|d| d.is_dirty()) {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(files::Action::Quit));
            } else {
                self.allow_close = true;
            }
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next() {
            let ext = p
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            match ext.as_str() {
                "ron" => self.request(files::Action::Open(p)),
                "csv" => self.request(files::Action::NewFromData(p)),
                _ => self.flash(format!(
                    "{}: drop a .ron scenario or a .csv area file",
                    p.display()
                )),
            }
        }
    }

    /// Is the user in the middle of an edit (slider held, text field focused)?
    fn editing(ctx: &egui::Context) -> bool {
        ctx.input(|i| i.pointer.any_down()) || ctx.memory(|m| m.focused().is_some())
    }
}

impl eframe::App for LifegapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        native::report_first_frame();
        self.handle_close(&ctx);
        if self.modal.is_none() {
            for c in Command::pressed(&ctx) {
                self.apply(&ctx, c);
            }
        }
        if self.modal.is_none() {
            // A drop while a prompt is open (e.g. recovery) waits for the prompt's answer.
            self.dropped_files(&ctx);
        }
        self.poll_dialogs(&ctx);
        self.poll_export(&ctx);
        self.poll_region(&ctx);
        self.poll_import(&ctx);
        self.refresh(&ctx);
        if self.present.is_some() {
            for c in present::draw(self, ui) {
                self.apply(&ctx, c);
            }
        } else {
            screens::draw(self, ui);
        }
        for c in modals::draw(self, &ctx) {
            self.apply(&ctx, c);
        }
        if let Some(d) = &self.doc {
            let editing = Self::editing(&ctx);
            self.undo.observe(&d.scenario, editing);
            if let Some(a) = &mut self.autosave
                && let Err(e) = a.tick(&d.scenario, d.path.as_deref(), d.is_dirty(), editing)
            {
                self.status = Some((format!("Autosave failed: {e}"), Instant::now()));
            }
        }
        if self.autosave.is_some() && self.doc.as_ref().is_some_and(|d| d.is_dirty()) {
            ctx.request_repaint_after(autosave::INTERVAL);
        }
        self.window_title(&ctx);
        let busy = self.mc.is_some()
            || self.region_job.is_some()
            || self
                .doc
                .as_ref()
                .is_some_and(|d| d.current_uncertainty().is_none() && d.problem.is_none());
        if let Some(plan) = &mut self.screenshot
            && plan.tick(&ctx, busy)
        {
            self.allow_close = true;
        }
        if self.allow_close && ctx.input(|i| i.viewport().close_requested()) {
            // Let the close go ahead.
        } else if self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.screen = self.screen;
        self.settings.sex = self.view.sex;
        eframe::set_value(storage, Settings::KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The autosave is removed only when nothing unsaved remains, or the user chose not to
        // keep it; closing with a recovery prompt still up, or after a crash, leaves it.
        let clean = self.doc.as_ref().is_some_and(|d| !d.is_dirty());
        if let Some(a) = &mut self.autosave
            && (clean || self.discard_on_exit)
        {
            a.clear();
        }
    }
}
