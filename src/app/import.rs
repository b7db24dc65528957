//! File ▸ Import death records…: the area file built from death records, mid-year estimates
//! and the LSOA lookup by `lifegap_core::build::build` — the function `lifegap build-data`
//! calls — previewed (rows read, used and refused, the first located problems, the groups
//! with their deaths and person-years) before it is written (atomically, through the save
//! prompt) and, if wanted, used for a new scenario. The build runs on a worker thread: a
//! national death file takes seconds.

use super::LifegapApp;
use super::command::Command;
use super::dialogs::Purpose;
use super::modals::{FilePrompt, Modal};
use egui::{Id, RichText};
use lifegap_core::build::{self, Built, By, Years};
use lifegap_core::data::Problems;
use lifegap_report::format as f;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Located problems listed in the preview (all of them go to the error panel on failure).
const PROBLEMS_SHOWN: usize = 8;

/// The import prompt's fields and its last preview.
#[derive(Clone)]
pub struct ImportDeaths {
    pub deaths: String,
    pub population: String,
    pub lookup: String,
    pub years: String,
    pub by: By,
    /// The last preview: the built data, or every problem that stopped the build.
    pub preview: Option<Result<Arc<Built>, Problems>>,
    /// The preview is for these inputs (a changed field makes it stale).
    pub preview_for: Option<Inputs>,
    /// Write although rows were refused (they are left out), as `--allow-refused`.
    pub allow_refused: bool,
    /// A preview is running.
    pub busy: bool,
}

impl Default for ImportDeaths {
    fn default() -> Self {
        ImportDeaths {
            deaths: String::new(),
            population: String::new(),
            lookup: String::new(),
            years: "2006-2008".into(),
            by: By::Area,
            preview: None,
            preview_for: None,
            allow_refused: false,
            busy: false,
        }
    }
}

/// What a build is asked, owned (it goes to a worker thread).
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub deaths: PathBuf,
    pub population: PathBuf,
    pub lookup: PathBuf,
    pub years: Years,
    pub by: By,
}

impl ImportDeaths {
    /// The inputs as typed, or why they cannot be used yet.
    pub fn inputs(&self) -> Result<Inputs, String> {
        let path = |s: &str, what: &str| {
            let t = s.trim();
            if t.is_empty() {
                Err(format!("give the {what} file"))
            } else {
                Ok(PathBuf::from(t))
            }
        };
        Ok(Inputs {
            deaths: path(&self.deaths, "death records")?,
            population: path(&self.population, "population")?,
            lookup: path(&self.lookup, "lookup")?,
            years: self.years.parse().map_err(|e| format!("years: {e}"))?,
            by: self.by,
        })
    }
}

/// The same call `lifegap build-data` makes (the shipped cause mapping).
pub fn run_build(i: &Inputs) -> Result<Built, Problems> {
    build::build(&build::Request {
        deaths: &i.deaths,
        population: &i.population,
        lookup: &i.lookup,
        mapping: None,
        years: i.years,
        by: i.by,
    })
}

/// A preview being built.
pub struct ImportJob {
    pub inputs: Inputs,
    rx: Receiver<Result<Built, Problems>>,
}

impl ImportJob {
    pub fn start(inputs: Inputs) -> ImportJob {
        let (tx, rx) = channel();
        let i = inputs.clone();
        std::thread::spawn(move || {
            let _ = tx.send(run_build(&i));
        });
        ImportJob { inputs, rx }
    }
}

/// One output group's totals over both sexes (what the preview lists).
pub struct GroupTotal {
    pub name: String,
    pub deaths: f64,
    pub person_years: f64,
}

/// The groups that would be written, in file order, both sexes together.
pub fn group_totals(b: &Built) -> Vec<GroupTotal> {
    let mut out: Vec<GroupTotal> = Vec::new();
    for g in &b.data.groups {
        let d: f64 = g.deaths.iter().flatten().sum();
        let p: f64 = g.population.iter().sum();
        match out.iter_mut().find(|t| t.name == g.area) {
            Some(t) => {
                t.deaths += d;
                t.person_years += p;
            }
            None => out.push(GroupTotal {
                name: g.area.clone(),
                deaths: d,
                person_years: p,
            }),
        }
    }
    out
}

impl LifegapApp {
    /// Start (or restart) the preview of the open import prompt.
    pub fn start_import_preview(&mut self, inputs: Inputs) {
        if let Some(Modal::ImportDeaths(m)) = &mut self.modal {
            m.busy = true;
        }
        self.import_job = Some(ImportJob::start(inputs));
    }

    /// A finished preview goes into the prompt (dropped if the prompt was closed).
    pub fn poll_import(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.import_job else { return };
        let res = match job.rx.try_recv() {
            Ok(r) => r,
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            Err(TryRecvError::Disconnected) => Err(Problems::default()),
        };
        let job = self.import_job.take().expect("present");
        if let Some(Modal::ImportDeaths(m)) = &mut self.modal {
            m.busy = false;
            m.preview = Some(res.map(Arc::new));
            m.preview_for = Some(job.inputs);
        }
    }

    /// Keep the built data and ask where to write it.
    pub fn ask_where_to_write(&mut self, built: Arc<Built>, then_use: bool) {
        self.import_built = Some(built);
        let purpose = if then_use {
            Purpose::WriteAreaFileAndUse
        } else {
            Purpose::WriteAreaFile
        };
        self.modal = Some(Modal::File(FilePrompt::new(purpose, "area-data.csv")));
    }

    /// Write the kept build as the wide area file (atomically: all or nothing), then, if
    /// asked, start a new scenario from it as File ▸ New from area data does.
    pub fn write_area_file(&mut self, path: &Path, then_use: bool) {
        let Some(built) = self.import_built.take() else {
            return;
        };
        let res = lifegap_report::export::area_file::wide_csv(&built.data)
            .and_then(|bytes| lifegap_core::atomic::write(path, &bytes));
        match res {
            Ok(()) => {
                self.flash(format!(
                    "Wrote {}: {} group(s) (area × sex), {} death(s)",
                    path.display(),
                    built.data.groups.len(),
                    built.deaths.used
                ));
                if then_use {
                    self.request(super::files::Action::NewFromData(path.to_path_buf()));
                }
            }
            Err(e) => self.flash(format!(
                "Could not write {}: {e} (nothing was written)",
                path.display()
            )),
        }
    }
}

/// The import prompt. Returns (keep open, commands).
pub fn draw(ctx: &egui::Context, m: &mut ImportDeaths) -> (bool, Vec<Command>) {
    let mut keep = true;
    let mut out = Vec::new();
    egui::Modal::new(Id::unique("import-deaths")).show(ctx, |ui| {
        ui.set_width(640.0);
        ui.heading("Import death records");
        ui.label(RichText::new("Death records (one row per death), mid-year population estimates and the LSOA lookup, pooled over the years and grouped as chosen: the area file lifegap build-data writes.").small());
        egui::Grid::new("import-fields").num_columns(2).show(ui, |ui| {
            for (label, field, browse) in [
                ("Death records", &mut m.deaths, Some(Purpose::ImportDeathsFile)),
                ("Population", &mut m.population, Some(Purpose::ImportPopulationFile)),
                ("Lookup", &mut m.lookup, Some(Purpose::ImportLookupFile)),
                ("Years", &mut m.years, None),
            ] {
                ui.label(label);
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(field).desired_width(440.0))
                        .accessible_name(label);
                    if let Some(p) = browse
                        && ui
                            .button("Browse…")
                            .on_hover_text(format!("Choose the {} file", label.to_lowercase()))
                            .clicked()
                    {
                        out.push(Command::BrowseImport(p));
                    }
                });
                ui.end_row();
            }
            ui.label("Grouped by");
            ui.horizontal(|ui| {
                for (by, label) in [
                    (By::Area, "local authority"),
                    (By::Ward, "ward"),
                    (By::Quintile, "deprivation fifth"),
                    (By::Decile, "deprivation tenth"),
                ] {
                    ui.radio_value(&mut m.by, by, label);
                }
            });
            ui.end_row();
        });
        let inputs = m.inputs();
        if let Err(e) = &inputs {
            ui.label(RichText::new(e).small());
        }
        let stale = inputs.as_ref().ok() != m.preview_for.as_ref();
        ui.horizontal(|ui| {
            let can = inputs.is_ok() && !m.busy;
            if ui.add_enabled(can, egui::Button::new("Preview")).clicked()
                && let Ok(i) = &inputs
            {
                out.push(Command::PreviewImport(Box::new(i.clone())));
            }
            if m.busy {
                ui.spinner();
                ui.label("Reading the files…");
            } else if stale && m.preview.is_some() {
                ui.label("The fields changed: preview again.");
            }
        });
        ui.separator();
        let mut ready = None;
        match &m.preview {
            None => {
                ui.label("Preview to see what would be written.");
            }
            Some(Err(problems)) => {
                ui.colored_label(super::theme::warning(ui), "Nothing can be built from these files:");
                problem_list(ui, problems);
            }
            Some(Ok(b)) => {
                preview(ui, b);
                let refused = b.deaths.rejected + b.population.rejected;
                if b.problems.has_errors() {
                    ui.checkbox(
                        &mut m.allow_refused,
                        format!("Write without the {refused} refused row(s) (they are left out)"),
                    );
                }
                if !stale && (!b.problems.has_errors() || m.allow_refused) {
                    ready = Some(Arc::clone(b));
                }
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let enabled = ready.is_some();
            if ui
                .add_enabled(enabled, egui::Button::new("Write area file…"))
                .clicked()
                && let Some(b) = &ready
            {
                out.push(Command::WriteImport(Arc::clone(b), false));
                keep = false;
            }
            if ui
                .add_enabled(enabled, egui::Button::new("Write and use it…"))
                .on_hover_text("Write the file, then start a new scenario from it")
                .clicked()
                && let Some(b) = &ready
            {
                out.push(Command::WriteImport(Arc::clone(b), true));
                keep = false;
            }
            if ui.button("Cancel").clicked() {
                keep = false;
            }
        });
    });
    (keep, out)
}

fn problem_list(ui: &mut egui::Ui, problems: &Problems) {
    for p in problems.list.iter().take(PROBLEMS_SHOWN) {
        let t = RichText::new(p.to_string()).monospace().small();
        if p.is_error() {
            ui.colored_label(super::theme::warning(ui), t);
        } else {
            ui.label(t);
        }
    }
    let more = problems.list.len().saturating_sub(PROBLEMS_SHOWN) as u64
        + problems.not_listed_errors
        + problems.not_listed_warnings;
    if more > 0 {
        ui.label(format!("… and {more} more"));
    }
}

fn preview(ui: &mut egui::Ui, b: &Built) {
    egui::Grid::new("import-tallies")
        .striped(true)
        .num_columns(6)
        .show(ui, |ui| {
            for h in [
                "File",
                "Rows read",
                "Used",
                "Refused",
                "Outside the years",
                "",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for (what, t) in [("Death records", &b.deaths), ("Population", &b.population)] {
                ui.label(what).on_hover_text(&t.file);
                ui.label(f::count(t.rows as f64));
                ui.label(f::count(t.used as f64));
                ui.label(f::count(t.rejected as f64));
                ui.label(f::count(t.outside_years as f64));
                ui.label(if t.stopped {
                    "reading stopped early"
                } else {
                    ""
                });
                ui.end_row();
            }
        });
    if !b.problems.list.is_empty() {
        ui.label(format!(
            "{} error(s), {} warning(s), each located:",
            b.problems.error_count(),
            b.problems.warning_count()
        ));
        problem_list(ui, &b.problems);
    }
    for l in &b.left_out {
        ui.label(RichText::new(format!("Left out: {l}")).small());
    }
    let groups = group_totals(b);
    ui.label(format!("{} group(s) would be written:", groups.len()));
    egui::ScrollArea::vertical()
        .id_salt("import-groups")
        .max_height(220.0)
        .show(ui, |ui| {
            egui::Grid::new("import-groups-grid")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    for h in ["Group", "Deaths", "Person-years"] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for g in &groups {
                        ui.label(&g.name);
                        ui.label(f::count(g.deaths));
                        ui.label(f::count(g.person_years));
                        ui.end_row();
                    }
                });
        });
}
