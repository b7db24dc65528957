//! The screens: a left navigation, one screen at a time, the sex toggle and area in a header.

pub mod action_plan;
mod action_plan_quarters;
pub mod compare;
pub mod countdown;
pub mod evidence;
pub mod gap;
pub mod monitoring;
pub mod mortality;
pub mod overview;
mod overview_cards;
pub mod practices;
pub mod programmes;
mod reckoner_table;
pub mod region;
pub mod sii_countdown;
pub mod sii_section;
pub mod ward_le;

use super::LifegapApp;
use super::command::Command;
use super::files::Action;
use super::settings::Screen;
use egui::{RichText, Ui};
use lifegap_core::evaluate::{BaseFigures, Evaluation};
use lifegap_core::model::area::{AreaData, Sex};
use lifegap_core::model::projection::Simulator;
use lifegap_core::model::results::ScenarioResults;
use lifegap_core::model::scenario::Scenario;
use lifegap_core::model::uncertainty::Uncertainty;

/// A scenario's results kept for comparison.
pub struct CompareEntry {
    /// The row's name, which the user may change on the Compare screen.
    pub name: String,
    pub results: ScenarioResults,
    /// What the row was made from (kept beside the scenario: `app::compare_file`).
    pub source: CompareSource,
}

/// What a Compare row was made from.
#[derive(Clone)]
pub enum CompareSource {
    /// The scenario's settings when the snapshot was taken.
    Snapshot(Box<lifegap_core::model::scenario::Scenario>),
    /// A saved scenario file.
    File(std::path::PathBuf),
}

/// Choices about what is shown that are not part of the scenario (never saved in it, never
/// marking it modified).
pub struct ViewState {
    /// The sex whose figures are shown.
    pub sex: Sex,
    /// Programme sliders in people instead of % of eligible.
    pub slide_people: bool,
    /// Countdown: the milestone shown (index into the scenario's milestones).
    pub milestone: usize,
    /// Don't start Monte Carlo runs (the user cancelled one).
    pub mc_paused: bool,
    /// Share of the background Monte Carlo done, while one runs.
    pub mc_progress: Option<f32>,
    /// Size of exported charts.
    pub chart_size: super::widgets::ChartSize,
    /// Results kept for the Compare screen.
    pub compare: Vec<CompareEntry>,
    /// The compare rows changed (named, renamed, added, cleared): keep them beside the file.
    pub compare_changed: bool,
    /// The practice list loaded on the Practices screen (its file and practices).
    pub practices: Option<(
        std::path::PathBuf,
        Vec<lifegap_core::model::practices::Practice>,
    )>,
    /// Practices screen: the programme the list belongs to (its id) and the percentile the
    /// low practices are raised to.
    pub practice_programme: Option<String>,
    pub practice_percentile: u8,
    /// Delivery actuals loaded on the Monitoring screen (their file and rows).
    pub actuals: Option<(
        std::path::PathBuf,
        Vec<lifegap_core::model::monitor::Actual>,
    )>,
    /// The Region screen's league table, once computed.
    pub region: Option<crate::app::region::RegionView>,
    /// The region file being computed, while it is.
    pub region_loading: Option<std::path::PathBuf>,
    /// Rate-target baselines loaded on the Mortality rates screen (their file and rows).
    pub baselines: Option<(
        std::path::PathBuf,
        Vec<lifegap_core::model::dsr::targets::Baseline>,
    )>,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            sex: Sex::Male,
            slide_people: false,
            milestone: 0,
            mc_paused: false,
            mc_progress: None,
            chart_size: Default::default(),
            compare: Vec::new(),
            compare_changed: false,
            practices: None,
            practice_programme: None,
            practice_percentile: 75,
            actuals: None,
            region: None,
            region_loading: None,
            baselines: None,
        }
    }
}

/// What a screen reads and what it may change: the scenario (edits go straight in; undo and
/// autosave observe them), the evaluation, the view state, and commands for anything else.
pub struct ScreenCx<'a> {
    pub scenario: &'a mut Scenario,
    /// The last evaluation that succeeded (for earlier edits while `problem` is set).
    pub evaluation: Option<&'a Evaluation>,
    /// Why the current edits cannot be computed.
    pub problem: Option<&'a str>,
    /// The Monte Carlo of the scenario as it is now, once finished.
    pub uncertainty: Option<&'a Uncertainty>,
    pub data: &'a AreaData,
    /// Warnings and errors found while reading the data.
    pub data_problems: &'a lifegap_core::data::Problems,
    pub view: &'a mut ViewState,
    pub commands: &'a mut Vec<Command>,
    /// The saved SII milestones' countdowns (label, countdown or why there is none).
    pub sii: &'a [(
        String,
        Result<lifegap_core::sii_target::SavedSiiCountdown, String>,
    )],
}

/// The evaluation's parts are returned with the evaluation's own lifetime (not the
/// context's), so a screen can hold them while it edits the scenario or pushes commands.
impl<'a> ScreenCx<'a> {
    /// The last results computed (possibly for earlier edits: check `problem`).
    pub fn results(&self) -> Option<&'a ScenarioResults> {
        self.evaluation.map(|e| &e.results)
    }

    /// Results of the scenario as it is now.
    pub fn current_results(&self) -> Option<&'a ScenarioResults> {
        self.problem.is_none().then(|| self.results()).flatten()
    }

    /// The simulator of the current edits (goal seek runs on it).
    pub fn sim(&self) -> Option<&'a Simulator> {
        self.problem
            .is_none()
            .then(|| self.evaluation.map(|e| &e.simulator))
            .flatten()
    }

    pub fn base_for(&self, sex: Sex) -> Option<&'a BaseFigures> {
        self.evaluation?.base(sex)
    }

    pub fn sex(&self) -> Sex {
        self.view.sex
    }
}

pub fn draw(app: &mut LifegapApp, ui: &mut Ui) {
    let mut commands = Vec::new();
    egui::Panel::top("menu").show(ui, |ui| {
        menu_bar(app, ui, &mut commands);
        header(app, ui, &mut commands);
    });
    egui::Panel::bottom("status").show(ui, |ui| status_bar(app, ui, &mut commands));
    egui::Panel::left("nav")
        .resizable(false)
        .exact_size(170.0)
        .show(ui, |ui| nav(app.screen, ui, &mut commands));
    egui::CentralPanel::default().show(ui, |ui| {
        if let Some((what, problems)) = &app.error {
            let back = app.doc.is_some();
            if error_panel(ui, what, problems, back) {
                app.error = None;
                app.invalid_doc = None;
            }
            if app.invalid_doc.is_some()
                && ui
                    .button("Open it to fix these values")
                    .on_hover_text(
                        "Open the scenario to fix these fields on screen: they are flagged on the Evidence screen",
                    )
                    .clicked()
            {
                app.open_invalid_to_fix();
                return;
            }
            if app.locate_data_for.is_some()
                && ui
                    .button("Locate data file…")
                    .on_hover_text(
                        "The scenario's data file is not where it says: choose where it is now",
                    )
                    .clicked()
            {
                app.prompt_file(super::dialogs::Purpose::LocateData);
            }
            return;
        }
        let screen = app.screen;
        let Some(doc) = &mut app.doc else {
            welcome(ui, &mut commands);
            return;
        };
        app.view.mc_progress = app.mc.as_ref().map(|j| j.fraction());
        app.view.region_loading = app.region_job.as_ref().map(|j| j.path.clone());
        let mut cx = doc.screen_cx(&mut app.view, &mut commands);
        // A screen opens at its top: when the screen shown changes, its scroll offset is reset
        // (egui would otherwise restore where it was last left).
        let last_id = egui::Id::unique("last-screen-drawn");
        let changed = ui.data_mut(|d| {
            let last = d.get_temp::<Screen>(last_id);
            d.insert_temp(last_id, screen);
            last != Some(screen)
        });
        let mut area = egui::ScrollArea::vertical()
            .id_salt(screen)
            .auto_shrink(false);
        if changed {
            area = area.vertical_scroll_offset(0.0);
        }
        area.show(ui, |ui| match screen {
            Screen::Overview => overview::show(ui, &mut cx),
            Screen::Gap => gap::show(ui, &mut cx),
            Screen::Programmes => programmes::show(ui, &mut cx),
            Screen::Countdown => countdown::show(ui, &mut cx),
            Screen::Compare => compare::show(ui, &mut cx),
            Screen::Evidence => evidence::show(ui, &mut cx),
            Screen::ActionPlan => action_plan::show(ui, &mut cx),
            Screen::Mortality => mortality::show(ui, &mut cx),
            Screen::Practices => practices::show(ui, &mut cx),
            Screen::Monitoring => monitoring::show(ui, &mut cx),
            Screen::Region => region::show(ui, &mut cx),
        });
    });
    for c in commands {
        app.apply(ui.ctx(), c);
    }
    if std::mem::take(&mut app.view.compare_changed) {
        app.save_comparison();
    }
}

fn menu_bar(app: &LifegapApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let has_doc = app.doc.is_some();
    // Nothing is exported while the edits cannot be computed (an export never mixes the
    // current text with the last results), nor while a chart export is still writing.
    let can_export = app
        .doc
        .as_ref()
        .is_some_and(|d| d.current_results().is_some())
        && app.export_rx.is_none();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            Command::NewFromData.menu_item(ui, true, out);
            Command::Open.menu_item(ui, true, out);
            Command::Save.menu_item(ui, has_doc, out);
            Command::SaveAs.menu_item(ui, has_doc, out);
            ui.menu_button("Recent files", |ui| {
                if app.settings.recent.is_empty() {
                    ui.label("None yet");
                }
                for r in &app.settings.recent {
                    if ui.button(r.display().to_string()).clicked() {
                        out.push(Command::Request(Action::Open(r.clone())));
                    }
                }
            });
            Command::ImportData.menu_item(ui, has_doc, out);
            Command::ImportDeathRecords.menu_item(ui, true, out);
            Command::OpenRegion.menu_item(ui, has_doc, out);
            Command::AddToComparison.menu_item(ui, has_doc, out);
            ui.separator();
            Command::ExportReport.menu_item(ui, can_export, out);
            Command::ExportPdf.menu_item(ui, can_export, out);
            Command::ExportCharts.menu_item(ui, can_export, out);
            Command::ExportTables.menu_item(ui, can_export, out);
            ui.separator();
            Command::Quit.menu_item(ui, true, out);
        });
        ui.menu_button("Edit", |ui| {
            let can_undo = app
                .doc
                .as_ref()
                .is_some_and(|d| app.undo.can_undo(&d.scenario));
            Command::Undo.menu_item(ui, can_undo, out);
            Command::Redo.menu_item(ui, app.undo.can_redo(), out);
        });
        ui.menu_button("View", |ui| {
            for s in Screen::ALL {
                Command::Show(s).menu_item(ui, has_doc, out);
            }
            ui.separator();
            Command::ToggleSex.menu_item(ui, has_doc, out);
            Command::Present.menu_item(ui, has_doc, out);
            ui.separator();
            let mut dark = app.settings.dark;
            if ui
                .checkbox(&mut dark, Command::ToggleDarkTheme.label())
                .changed()
            {
                out.push(Command::ToggleDarkTheme);
            }
            Command::ZoomIn.menu_item(ui, true, out);
            Command::ZoomOut.menu_item(ui, true, out);
            Command::ZoomReset.menu_item(ui, true, out);
        });
        ui.menu_button("Help", |ui| {
            Command::Help.menu_item(ui, true, out);
        });
    });
}

fn header(app: &mut LifegapApp, ui: &mut Ui, out: &mut Vec<Command>) {
    let Some(doc) = &app.doc else { return };
    let (area, comparator, name) = (
        doc.scenario.area.clone(),
        doc.scenario.comparator.clone(),
        doc.scenario.name.clone(),
    );
    let synthetic = doc.data.provenance.synthetic;
    // The controls on the right are laid out first and the titles take what is left, the
    // scenario's name cut short with "…" (in full on hover): nothing is drawn over anything
    // at 1024 px wide.
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        for sex in [Sex::Female, Sex::Male] {
            let sel = app.view.sex == sex;
            if ui
                .selectable_label(sel, sex.plural_label())
                .accessible_name(format!("Show {}", sex.plural_label().to_lowercase()))
                .clicked()
            {
                out.push(Command::SetSex(sex));
            }
        }
        ui.label("Showing:");
        ui.separator();
        egui::ComboBox::from_id_salt("present-on")
            .selected_text(app.present_on.label())
            .show_ui(ui, |ui| {
                for m in crate::app::present::Monitor::ALL {
                    ui.selectable_value(&mut app.present_on, m, m.label());
                }
            })
            .response
            .accessible_name("Present on");
        let present = ui
            .button("Present (F5)")
            .on_hover_text(Command::Present.tooltip());
        if present.clicked() {
            out.push(Command::Present);
        }
        ui.separator();
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            ui.add(egui::Label::new(RichText::new(&area).heading().strong()).truncate());
            ui.label(RichText::new(format!("vs {comparator}")).heading());
            if synthetic {
                ui.label(
                    RichText::new(" SYNTHETIC DATA ")
                        .strong()
                        .color(egui::Color32::WHITE)
                        .background_color(super::theme::TARGET),
                );
            }
            ui.separator();
            ui.add(egui::Label::new(&name).truncate())
                .on_hover_text(&name);
        });
    });
}

fn nav(current: Screen, ui: &mut Ui, out: &mut Vec<Command>) {
    ui.add_space(8.0);
    for s in Screen::ALL {
        let label = RichText::new(s.label()).size(16.0);
        let command = Command::Show(s);
        let hint = command
            .shortcut()
            .map(|k| ui.ctx().format_shortcut(&k))
            .unwrap_or_default();
        let r = ui.add_sized([150.0, 32.0], egui::Button::selectable(current == s, label));
        if r.on_hover_text(hint).clicked() {
            out.push(command);
        }
    }
}

fn status_bar(app: &LifegapApp, ui: &mut Ui, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if let Some(doc) = &app.doc {
            let prov = &doc.data.provenance;
            // The file's name here; its full path on hover and on the Overview.
            let name = std::path::Path::new(&prov.source)
                .file_name()
                .map(|f| f.to_string_lossy().to_string())
                .unwrap_or_else(|| prov.source.clone());
            ui.label(format!(
                "Data: {name} ({})",
                prov.period
                    .clone()
                    .unwrap_or_else(|| doc.scenario.base_period.to_string())
            ))
            .on_hover_text(&prov.source);
            if let Some(p) = &doc.problem {
                ui.colored_label(
                    super::theme::warning(ui),
                    format!("Cannot compute these settings: {p}"),
                );
            }
        }
        if let Some(job) = &app.mc {
            ui.separator();
            ui.add(
                egui::ProgressBar::new(job.fraction())
                    .desired_width(120.0)
                    .show_percentage(),
            )
            .accessible_name("Uncertainty progress");
            ui.label(format!("{} uncertainty draws", job.draws));
            if ui.button("Cancel").clicked() {
                out.push(Command::CancelUncertainty);
            }
        } else if app.view.mc_paused && ui.button("Run uncertainty").clicked() {
            out.push(Command::StartUncertainty);
        }
        if let Some((msg, at)) = &app.status
            && at.elapsed().as_secs() < 8
        {
            ui.separator();
            ui.label(msg);
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs(8));
        }
    });
}

/// The located problems of a file that could not be read; true when the user goes back to the
/// scenario that is still open.
fn error_panel(
    ui: &mut Ui,
    what: &str,
    problems: &lifegap_core::data::Problems,
    can_go_back: bool,
) -> bool {
    let mut back = false;
    // The theme's warning colour: TARGET red on a dark panel is 3.1:1, under WCAG AA.
    let warning = super::theme::warning(ui);
    ui.heading(RichText::new(what).color(warning));
    ui.label(format!(
        "{} error(s), {} warning(s). Each names the file, line and column, and the rule broken:",
        problems.error_count(),
        problems.warning_count()
    ));
    ui.add_space(6.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        for p in &problems.list {
            let text = RichText::new(p.to_string()).monospace();
            if p.is_error() {
                ui.label(text.color(warning));
            } else {
                ui.label(text);
            }
        }
        if problems.not_listed_errors + problems.not_listed_warnings > 0 {
            ui.label(format!(
                "… and {} more errors and {} more warnings not listed",
                problems.not_listed_errors, problems.not_listed_warnings
            ));
        }
    });
    ui.add_space(8.0);
    ui.label("Fix the file and open it again (File ▸ Open…), or open another.");
    if can_go_back && ui.button("Back to the scenario").clicked() {
        back = true;
    }
    back
}

fn welcome(ui: &mut Ui, out: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading("lifegap");
        ui.label("How much of the life-expectancy gap do your programmes close, and by when?");
        ui.add_space(20.0);
        if ui.button("Open a scenario…").clicked() {
            out.push(Command::Open);
        }
        if ui.button("New scenario from area data…").clicked() {
            out.push(Command::NewFromData);
        }
        let demo = std::path::Path::new("scenarios/demo-2010-countdown.ron");
        if demo.exists() && ui.button("Open the synthetic demo").clicked() {
            out.push(Command::Request(Action::Open(demo.to_path_buf())));
        }
        ui.add_space(10.0);
        ui.label("…or drop a .ron scenario or .csv area file onto this window.");
    });
}
