//! The screens: a left navigation, one screen at a time, the sex toggle and area in a header.

pub mod action_plan;
pub mod compare;
pub mod countdown;
pub mod evidence;
pub mod gap;
pub mod overview;
pub mod programmes;

use super::LifegapApp;
use super::dialogs::Purpose;
use super::files::Action;
use super::modals::{FilePrompt, Modal};
use super::settings::Screen;
use crate::model::area::Sex;
use egui::{RichText, Ui};

/// Per-screen choices that are not part of the scenario.
#[derive(Debug, Clone, Default)]
pub struct UiState {
    /// Programme sliders in people instead of % of eligible.
    pub slide_people: bool,
    /// Countdown: the milestone shown (index into the scenario's milestones).
    pub milestone: usize,
    /// The next data file chosen replaces the current scenario's data.
    pub import_into_current: bool,
    /// Don't start Monte Carlo runs (the user cancelled one).
    pub mc_paused: bool,
    /// Gap breakdown by age (false) or cause (true) first.
    pub compare_sex_both: bool,
    /// The next scenario file chosen is added to the comparison.
    pub open_for_compare: bool,
    /// An export waiting for its file name.
    pub pending_export: Option<super::widgets::ExportJob>,
    /// Size of exported charts.
    pub chart_size: super::widgets::ChartSize,
}

pub fn draw(app: &mut LifegapApp, ui: &mut Ui) {
    egui::Panel::top("menu").show(ui, |ui| {
        menu_bar(app, ui);
        header(app, ui);
    });
    egui::Panel::bottom("status").show(ui, |ui| status_bar(app, ui));
    egui::Panel::left("nav")
        .resizable(false)
        .exact_size(170.0)
        .show(ui, |ui| nav(app, ui));
    egui::CentralPanel::default().show(ui, |ui| {
        if let Some((what, problems)) = &app.error {
            let back = app.doc.is_some();
            if error_panel(ui, what, problems, back) {
                app.error = None;
            }
            return;
        }
        if app.doc.is_none() {
            welcome(app, ui);
            return;
        }
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| match app.screen {
                Screen::Overview => overview::show(app, ui),
                Screen::Gap => gap::show(app, ui),
                Screen::Programmes => programmes::show(app, ui),
                Screen::Countdown => countdown::show(app, ui),
                Screen::Compare => compare::show(app, ui),
                Screen::Evidence => evidence::show(app, ui),
                Screen::ActionPlan => action_plan::show(app, ui),
            });
    });
}

fn menu_bar(app: &mut LifegapApp, ui: &mut Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.button("New from data…").clicked() {
                app.request(Action::NewFromDataPrompt);
            }
            if ui.button("Open…").clicked() {
                app.request(Action::OpenPrompt);
            }
            let has_doc = app.doc.is_some();
            if ui.add_enabled(has_doc, egui::Button::new("Save")).clicked() {
                app.save();
            }
            if ui
                .add_enabled(has_doc, egui::Button::new("Save As…"))
                .clicked()
            {
                app.request_save_as();
            }
            ui.menu_button("Recent files", |ui| {
                if app.settings.recent.is_empty() {
                    ui.label("None yet");
                }
                for r in app.settings.recent.clone() {
                    if ui.button(r.display().to_string()).clicked() {
                        app.request(Action::Open(r));
                    }
                }
            });
            if ui
                .add_enabled(has_doc, egui::Button::new("Import area data…"))
                .clicked()
            {
                app.ui_state.import_into_current = true;
                app.modal = Some(Modal::File(FilePrompt::new(Purpose::OpenData, "")));
            }
            ui.separator();
            super::widgets::export_menu(app, ui);
            ui.separator();
            if ui.button("Quit").clicked() {
                app.request(Action::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            let can_undo = app
                .doc
                .as_ref()
                .is_some_and(|d| app.undo.can_undo(&d.scenario));
            if ui
                .add_enabled(can_undo, egui::Button::new("Undo"))
                .clicked()
            {
                app.undo();
            }
            if ui
                .add_enabled(app.undo.can_redo(), egui::Button::new("Redo"))
                .clicked()
            {
                app.redo();
            }
        });
        ui.menu_button("View", |ui| {
            if ui.checkbox(&mut app.settings.dark, "Dark theme").changed() {
                app.apply_look(ui.ctx());
            }
            ui.horizontal(|ui| {
                if ui.button("Zoom in").clicked() {
                    app.settings.zoom = (app.settings.zoom + 0.1).min(3.0);
                    app.apply_look(ui.ctx());
                }
                if ui.button("Zoom out").clicked() {
                    app.settings.zoom = (app.settings.zoom - 0.1).max(0.5);
                    app.apply_look(ui.ctx());
                }
                if ui.button("Reset zoom").clicked() {
                    app.settings.zoom = 1.0;
                    app.apply_look(ui.ctx());
                }
            });
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Keyboard shortcuts").clicked() {
                app.modal = Some(Modal::Help);
            }
        });
    });
    // Ctrl +/- change egui's zoom directly: keep the stored zoom in step.
    app.settings.zoom = ui.ctx().zoom_factor();
}

fn header(app: &mut LifegapApp, ui: &mut Ui) {
    let Some(doc) = &app.doc else { return };
    let (area, comparator, name) = (
        doc.scenario.area.clone(),
        doc.scenario.comparator.clone(),
        doc.scenario.name.clone(),
    );
    let synthetic = doc.data.provenance.synthetic;
    ui.horizontal(|ui| {
        ui.label(RichText::new(&area).heading().strong());
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
        ui.label(&name);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            for sex in [Sex::Female, Sex::Male] {
                let sel = app.sex == sex;
                if ui
                    .selectable_label(sel, sex.plural_label())
                    .accessible_name(format!("Show {}", sex.plural_label().to_lowercase()))
                    .clicked()
                {
                    app.sex = sex;
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
            if ui.button("Present (F5)").clicked() {
                app.start_presentation(ui.ctx());
            }
        });
    });
}

fn nav(app: &mut LifegapApp, ui: &mut Ui) {
    ui.add_space(8.0);
    for (i, s) in Screen::ALL.iter().enumerate() {
        let label = RichText::new(s.label()).size(16.0);
        let r = ui.add_sized(
            [150.0, 32.0],
            egui::Button::selectable(app.screen == *s, label),
        );
        if r.on_hover_text(format!("Ctrl+{}", i + 1)).clicked() {
            app.screen = *s;
        }
    }
}

fn status_bar(app: &mut LifegapApp, ui: &mut Ui) {
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
                    super::theme::TARGET,
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
                job.cancel();
                app.ui_state.mc_paused = true;
            }
        } else if app.ui_state.mc_paused && ui.button("Run uncertainty").clicked() {
            app.ui_state.mc_paused = false;
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
    problems: &crate::data::Problems,
    can_go_back: bool,
) -> bool {
    let mut back = false;
    ui.heading(RichText::new(what).color(super::theme::TARGET));
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
                ui.label(text.color(super::theme::TARGET));
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

fn welcome(app: &mut LifegapApp, ui: &mut Ui) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading("lifegap");
        ui.label("How much of the life-expectancy gap do your programmes close, and by when?");
        ui.add_space(20.0);
        if ui.button("Open a scenario…").clicked() {
            app.request(Action::OpenPrompt);
        }
        if ui.button("New scenario from area data…").clicked() {
            app.request(Action::NewFromDataPrompt);
        }
        let demo = std::path::Path::new("scenarios/demo-2010-countdown.ron");
        if demo.exists() && ui.button("Open the synthetic demo").clicked() {
            app.request(Action::Open(demo.to_path_buf()));
        }
        ui.add_space(10.0);
        ui.label("…or drop a .ron scenario or .csv area file onto this window.");
    });
}
