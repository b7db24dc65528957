//! Modal prompts: typed-path file prompts (with Browse… and recent files), data outside a
//! scenario's folder, unsaved changes, crash recovery, new scenario from data, help, and
//! goal-seek answers.

use super::LifegapApp;
use super::autosave::Recovery;
use super::command::Command;
use super::dialogs::Purpose;
use super::files::Action;
use egui::{Id, RichText};
use lifegap_core::data::Loaded;
use std::path::PathBuf;

pub struct FilePrompt {
    pub purpose: Purpose,
    pub path: String,
    /// Set when a native dialog answered: the prompt completes next frame.
    pub confirmed: bool,
    pub note: Option<String>,
    /// The user has been told the file exists and pressed Save again.
    pub overwrite_ok: bool,
}

impl FilePrompt {
    pub fn new(purpose: Purpose, path: &str) -> Self {
        FilePrompt {
            purpose,
            path: path.to_string(),
            confirmed: false,
            note: None,
            overwrite_ok: false,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewFromData {
    pub path: PathBuf,
    pub areas: Vec<String>,
    pub area: String,
    pub comparator: String,
    pub loaded: Box<Loaded>,
    /// The guided setup's answers (`app::new_area`).
    pub form: super::new_area::SetupForm,
}

/// A scenario whose area data lie outside its folder: asked about before they are read.
#[derive(Debug, Clone)]
pub struct DataOutsidePrompt {
    /// What the scenario was being opened for (open, or add to the comparison).
    pub purpose: Purpose,
    pub scenario: PathBuf,
    /// Where its data path leads.
    pub data: PathBuf,
}

pub enum Modal {
    File(FilePrompt),
    DataOutside(DataOutsidePrompt),
    Unsaved(Action),
    Recover(Recovery),
    NewFromData(NewFromData),
    Help,
    /// What it takes (`app::goal_seek_dialog`).
    GoalSeek(Box<super::goal_seek_dialog::GoalSeekDialog>),
    /// The scenario file changed on disk since it was opened: replace it?
    ChangedOnDisk(PathBuf),
    /// File ▸ Import death records… (see `app::import`).
    ImportDeaths(Box<super::import::ImportDeaths>),
}

enum Outcome {
    Keep,
    /// Stay open and carry these out (e.g. start a preview).
    KeepThen(Vec<Command>),
    Close,
    /// Close, then carry these out.
    Then(Vec<Command>),
}

/// Draw the open modal; what the user chose comes back as commands.
pub fn draw(app: &mut LifegapApp, ctx: &egui::Context) -> Vec<Command> {
    let Some(mut modal) = app.modal.take() else {
        return Vec::new();
    };
    let outcome = match &mut modal {
        Modal::File(fp) => file_prompt(app, ctx, fp),
        Modal::DataOutside(d) => data_outside(ctx, d),
        Modal::Unsaved(action) => unsaved(ctx, action),
        Modal::Recover(r) => recover(ctx, r),
        Modal::NewFromData(n) => new_from_data(ctx, n),
        Modal::Help => help(ctx),
        Modal::GoalSeek(g) => match super::goal_seek_dialog::draw(ctx, g) {
            (true, c) if c.is_empty() => Outcome::Keep,
            (true, c) => Outcome::KeepThen(c),
            (false, c) => Outcome::Then(c),
        },
        Modal::ChangedOnDisk(path) => changed_on_disk(ctx, path),
        Modal::ImportDeaths(m) => match super::import::draw(ctx, m) {
            (true, c) if c.is_empty() => Outcome::Keep,
            (true, c) => Outcome::KeepThen(c),
            (false, c) => Outcome::Then(c),
        },
    };
    match outcome {
        Outcome::Keep => {
            app.modal = Some(modal);
            Vec::new()
        }
        Outcome::KeepThen(commands) => {
            app.modal = Some(modal);
            commands
        }
        Outcome::Close => Vec::new(),
        Outcome::Then(commands) => commands,
    }
}

fn buttons_row(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    ui.add_space(8.0);
    ui.horizontal(add);
}

/// A confirmed path, or None (with a note) when it needs another look: saved files get their
/// extension, and replacing an existing file takes a second press.
fn accept(fp: &mut FilePrompt) -> Option<PathBuf> {
    fp.confirmed = false;
    let mut path = PathBuf::from(fp.path.trim());
    if path.as_os_str().is_empty() {
        return None;
    }
    if let Some(e) = fp.purpose.save_extension() {
        if path.extension().is_none() {
            path.set_extension(e);
            fp.path = path.display().to_string();
        }
        if path.is_file() && !fp.overwrite_ok {
            fp.overwrite_ok = true;
            fp.note = Some(format!(
                "{} exists: press Save again to replace it",
                path.display()
            ));
            return None;
        }
    }
    Some(path)
}

fn file_prompt(app: &mut LifegapApp, ctx: &egui::Context, fp: &mut FilePrompt) -> Outcome {
    if fp.confirmed
        && let Some(path) = accept(fp)
    {
        return Outcome::Then(vec![Command::FileChosen(fp.purpose, path)]);
    }
    let mut outcome = Outcome::Keep;
    let busy = app.dialogs.busy.is_some();
    let recent = app.settings.recent.clone();
    let resp = egui::Modal::new(Id::unique("file-prompt")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(fp.purpose.title());
        // Save As asks for the scenario's name too (it heads every screen, slide and page);
        // the name is an edit of the scenario like any other (undoable, saved with it).
        if fp.purpose == Purpose::SaveScenario
            && let Some(d) = &mut app.doc
        {
            ui.label("Scenario name (on every screen, slide and page):");
            ui.add(egui::TextEdit::singleline(&mut d.scenario.name).desired_width(f32::INFINITY))
                .accessible_name("Scenario name");
            ui.add_space(4.0);
        }
        ui.label("Type a path, or browse:");
        let edit = ui.add(
            egui::TextEdit::singleline(&mut fp.path)
                .desired_width(f32::INFINITY)
                .hint_text("/path/to/file"),
        );
        let edit = edit.accessible_name("File path");
        if edit.changed() {
            fp.overwrite_ok = false;
        }
        if edit.lost_focus()
            && ui.input(|i| i.key_pressed(egui::Key::Enter))
            && !fp.path.trim().is_empty()
        {
            fp.confirmed = true;
        }
        if let Some(n) = &fp.note {
            ui.colored_label(ui.visuals().warn_fg_color, n);
        }
        if fp.purpose == Purpose::ExportCharts {
            super::widgets::chart_size_editor(ui, &mut app.view.chart_size);
        }
        if fp.purpose.reads_scenario() && !recent.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new("Recent").strong());
            for r in recent.iter().take(6) {
                if ui.link(r.display().to_string()).clicked() {
                    fp.path = r.display().to_string();
                    fp.confirmed = true;
                }
            }
        }
        buttons_row(ui, |ui| {
            let ok_label = if fp.purpose.picks_folder() {
                "Choose"
            } else if fp.purpose.save_extension().is_some() {
                "Save"
            } else {
                "Open"
            };
            if ui
                .add_enabled(!fp.path.trim().is_empty(), egui::Button::new(ok_label))
                .clicked()
            {
                fp.confirmed = true;
            }
            if ui
                .add_enabled(!busy, egui::Button::new("Browse…"))
                .clicked()
            {
                let start = (!fp.path.is_empty()).then(|| PathBuf::from(&fp.path));
                let c = ui.ctx().clone();
                app.dialogs
                    .start(fp.purpose, start, move || c.request_repaint());
            }
            if busy {
                ui.spinner();
                ui.label("waiting for the file dialog…");
            }
            if ui.button("Cancel").clicked() {
                outcome = Outcome::Close;
            }
        });
    });
    if resp.should_close() {
        return Outcome::Close;
    }
    if fp.confirmed
        && let Some(path) = accept(fp)
    {
        return Outcome::Then(vec![Command::FileChosen(fp.purpose, path)]);
    }
    outcome
}

/// "This scenario reads data from …, outside its folder. Open anyway?"
fn data_outside(ctx: &egui::Context, d: &DataOutsidePrompt) -> Outcome {
    let mut outcome = Outcome::Keep;
    let resp = egui::Modal::new(Id::unique("data-outside")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading("Data outside the scenario's folder");
        let shown = |p: &std::path::Path| {
            lifegap_core::scenario_file::sanitise(&p.display().to_string(), 200)
        };
        ui.label(format!(
            "This scenario reads data from {}, outside its folder. Open anyway?",
            shown(&d.data)
        ));
        ui.label(
            RichText::new(format!(
                "Scenario: {}. Open it only if you trust where it came from: a scenario can name any file on this computer.",
                shown(&d.scenario)
            ))
            .small(),
        );
        buttons_row(ui, |ui| {
            if ui.button("Open anyway").clicked() {
                outcome = Outcome::Then(vec![Command::OpenDataOutside(
                    d.purpose,
                    d.scenario.clone(),
                )]);
            }
            if ui.button("Cancel").clicked() {
                outcome = Outcome::Close;
            }
        });
    });
    if resp.should_close() {
        return Outcome::Close;
    }
    outcome
}

fn unsaved(ctx: &egui::Context, action: &Action) -> Outcome {
    let mut outcome = Outcome::Keep;
    egui::Modal::new(Id::unique("unsaved")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Save changes?");
        ui.label("This scenario has changes that are not saved.");
        buttons_row(ui, |ui| {
            if ui.button("Save").clicked() {
                outcome = Outcome::Then(vec![Command::SaveThen(action.clone())]);
            }
            if ui.button("Don't save").clicked() {
                // Nothing is marked clean here: the edits stay (and stay autosaved) until the
                // action actually replaces the document, or the window actually closes.
                let mut then = Vec::new();
                if *action == Action::Quit {
                    then.push(Command::DiscardOnExit);
                }
                then.push(Command::Perform(action.clone()));
                outcome = Outcome::Then(then);
            }
            if ui.button("Cancel").clicked() {
                outcome = Outcome::Close;
            }
        });
    });
    outcome
}

fn changed_on_disk(ctx: &egui::Context, path: &std::path::Path) -> Outcome {
    let mut outcome = Outcome::Keep;
    egui::Modal::new(Id::unique("changed-on-disk")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading("The file changed on disk");
        ui.label(format!(
            "{} was changed by someone else (another window or program) since you opened it. \
             Saving now would replace their changes with yours.",
            path.display()
        ));
        buttons_row(ui, |ui| {
            if ui.button("Replace it with mine").clicked() {
                outcome = Outcome::Then(vec![Command::SaveOverwriting(path.to_path_buf())]);
            }
            if ui.button("Save mine as…").clicked() {
                outcome = Outcome::Then(vec![Command::SaveAs]);
            }
            if ui.button("Cancel").clicked() {
                outcome = Outcome::Close;
            }
        });
    });
    outcome
}

fn recover(ctx: &egui::Context, r: &Recovery) -> Outcome {
    let mut outcome = Outcome::Keep;
    egui::Modal::new(Id::unique("recover")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading("Recover unsaved work?");
        ui.label(format!(
            "The last session ended with unsaved changes{}.",
            r.original
                .as_ref()
                .map(|p| format!(" to {}", p.display()))
                .unwrap_or_default()
        ));
        buttons_row(ui, |ui| {
            if ui.button("Recover").clicked() {
                outcome = Outcome::Then(vec![Command::RecoverAutosave(r.clone())]);
            }
            if ui.button("Discard").clicked() {
                outcome = Outcome::Then(vec![Command::DiscardAutosave(r.clone())]);
            }
        });
    });
    outcome
}

fn new_from_data(ctx: &egui::Context, n: &mut NewFromData) -> Outcome {
    use super::new_area::{STEPS, step};
    let mut outcome = Outcome::Keep;
    egui::Modal::new(Id::unique("new-from-data")).show(ctx, |ui| {
        ui.set_width(640.0);
        ui.heading("New scenario from area data");
        ui.label(n.path.display().to_string());
        if n.loaded.data.provenance.synthetic {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "These data say they are SYNTHETIC.",
            );
        }
        ui.label(
            RichText::new(format!(
                "Step {} of {}: {}",
                n.form.step + 1,
                STEPS.len(),
                STEPS[n.form.step]
            ))
            .strong(),
        );
        if n.form.step == 0 {
            egui::Grid::new("nfd").num_columns(2).show(ui, |ui| {
                ui.label("Local area");
                egui::ComboBox::from_id_salt("nfd-area")
                    .selected_text(n.area.clone())
                    .show_ui(ui, |ui| {
                        for a in &n.areas {
                            ui.selectable_value(&mut n.area, a.clone(), a);
                        }
                    })
                    .response
                    .accessible_name("Local area");
                ui.end_row();
                ui.label("Comparator");
                egui::ComboBox::from_id_salt("nfd-comparator")
                    .selected_text(n.comparator.clone())
                    .show_ui(ui, |ui| {
                        for a in &n.areas {
                            ui.selectable_value(&mut n.comparator, a.clone(), a);
                        }
                    })
                    .response
                    .accessible_name("Comparator");
                ui.end_row();
            });
        }
        let areas_ok = !n.area.is_empty() && n.area != n.comparator;
        if !areas_ok {
            ui.colored_label(ui.visuals().warn_fg_color, "Choose two different areas.");
        }
        if step(ui, &mut n.form, &n.comparator) {
            outcome = Outcome::KeepThen(vec![Command::BrowseImport(Purpose::SetupHistoryFile)]);
        }
        let setup = n.form.setup(&n.area, &n.comparator);
        if n.form.step == STEPS.len() - 1
            && let Some(setup) = &setup
        {
            let s = lifegap_core::model::new_area::scenario(&n.loaded.data, setup);
            ui.label(format!("{} vs {}", s.area, s.comparator));
            ui.label(format!(
                "Planned on {}; base period {}; projected to {}",
                setup.as_of, s.base_period, s.horizon.last
            ));
            // What each milestone asks, computed by the model from the history typed or
            // read, so a wrong baseline shows here before the scenario is made.
            let results = lifegap_core::evaluate(
                &s,
                &n.loaded.data,
                &lifegap_core::EvalOptions::central(setup.as_of),
            )
            .ok()
            .map(|e| e.results);
            for (i, m) in s.milestones.iter().enumerate() {
                let asks = results
                    .as_ref()
                    .and_then(|r| r.milestones.get(i))
                    .map(|r| milestone_asks(&r.result))
                    .unwrap_or_default();
                ui.label(format!("• {} on {}{asks}", m.label(), m.period));
            }
            for p in s.check() {
                ui.colored_label(ui.visuals().error_fg_color, p.message);
            }
        }
        let step_ok = areas_ok && n.form.problems(n.form.step).is_empty();
        buttons_row(ui, |ui| {
            if n.form.step > 0 && ui.button("Back").clicked() {
                n.form.step -= 1;
            }
            if n.form.step < STEPS.len() - 1 {
                if ui.add_enabled(step_ok, egui::Button::new("Next")).clicked() {
                    n.form.step += 1;
                }
            } else if ui
                .add_enabled(step_ok && setup.is_some(), egui::Button::new("Create"))
                .clicked()
            {
                let taken = NewFromData {
                    path: n.path.clone(),
                    areas: Vec::new(),
                    area: n.area.clone(),
                    comparator: n.comparator.clone(),
                    loaded: n.loaded.clone(),
                    form: n.form.clone(),
                };
                outcome = Outcome::Then(vec![Command::CreateFromData(Box::new(taken))]);
            }
            if ui.button("Cancel").clicked() {
                outcome = Outcome::Close;
            }
        });
    });
    outcome
}

fn help(ctx: &egui::Context) -> Outcome {
    let mut outcome = Outcome::Keep;
    let resp = egui::Modal::new(Id::unique("help")).show(ctx, |ui| {
        ui.set_width(620.0);
        ui.heading("Keyboard shortcuts");
        egui::Grid::new("keys")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                for c in &Command::LISTED {
                    let Some(k) = c.shortcut() else { continue };
                    let mut keys = ctx.format_shortcut(&k);
                    if let Some(alt) = c.alternative_shortcut() {
                        keys = format!("{keys} ({})", ctx.format_shortcut(&alt));
                    }
                    ui.label(RichText::new(keys).monospace());
                    ui.label(format!("{}: {}", c.label(), c.tooltip()));
                    ui.end_row();
                }
                for (keys, what) in [
                    ("Ctrl + / Ctrl − / Ctrl 0", "Zoom in / out / reset"),
                    (
                        "Drag a file onto the window",
                        "A .ron scenario opens; a .csv area file starts a new scenario",
                    ),
                ] {
                    ui.label(RichText::new(keys).monospace());
                    ui.label(what);
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
        ui.label(
            "Deaths postponed are counted within a period: they are not lives saved for ever.",
        );
        ui.label(
            "Every number on screen can be reproduced with the lifegap command line (see README).",
        );
        buttons_row(ui, |ui| {
            if ui.button("Close").clicked() {
                outcome = Outcome::Close;
            }
        });
    });
    if resp.should_close() {
        return Outcome::Close;
    }
    outcome
}

/// ": a gap of at most 1.71 years (1.90 in 1995-97), due in 32 months" — what a milestone
/// requires, in the words of the Check step.
fn milestone_asks(r: &lifegap_core::model::milestones::MilestoneResult) -> String {
    use lifegap_core::model::milestones::Measure;
    use lifegap_report::format as f;
    let due = f::months_left(r.months_left);
    match r.measure {
        Measure::GapYears => format!(
            ": a gap of at most {:.2} years ({:.2} in the baseline period), due in {due}",
            r.required, r.baseline_value
        ),
        Measure::GapShare => format!(
            ": a gap of at most {} of the comparator's life expectancy ({} in the baseline period), due in {due}",
            f::percent(r.required),
            f::percent(r.baseline_value)
        ),
        Measure::LifeExpectancy => format!(
            ": life expectancy of at least {:.1} years, due in {due}",
            r.required
        ),
    }
}
