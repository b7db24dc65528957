//! Small building blocks shared by the screens.

use super::LifegapApp;
use super::theme;
use crate::model::evidence::Evidence;
use crate::model::milestones::Status;
use egui::{RichText, Ui};

/// A status badge: "on track" in green, "at risk" amber, "off track" red.
pub fn status_badge(ui: &mut Ui, status: Status, big: bool) {
    let text = RichText::new(format!(" {} ", status.label().to_uppercase()))
        .strong()
        .color(egui::Color32::WHITE)
        .background_color(theme::rag(status));
    ui.label(if big { text.size(22.0) } else { text });
}

/// A labelled figure: small caption over a large number.
pub fn figure(ui: &mut Ui, caption: &str, value: &str) {
    figure_named(ui, caption, caption, value);
}

/// A figure whose accessible name (for screen readers and tests) is fuller than its caption.
pub fn figure_named(ui: &mut Ui, caption: &str, name: &str, value: &str) {
    ui.vertical(|ui| {
        ui.label(RichText::new(caption).small());
        ui.label(RichText::new(value).size(22.0).strong())
            .accessible_name(format!("{name}: {value}"));
    });
}

/// An editable evidence value with its range and source shown; returns true if changed.
pub fn evidence_row(
    ui: &mut Ui,
    label: &str,
    e: &mut Evidence,
    speed: f64,
    range: std::ops::RangeInclusive<f64>,
) -> bool {
    let mut changed = false;
    ui.label(label);
    changed |= ui
        .add(
            egui::DragValue::new(&mut e.value)
                .speed(speed)
                .range(range.clone())
                .max_decimals(4),
        )
        .accessible_name(format!("{label}: value"))
        .on_hover_text(format!("{label}: central value"))
        .changed();
    ui.horizontal(|ui| {
        changed |= ui
            .add(
                egui::DragValue::new(&mut e.low)
                    .speed(speed)
                    .range(range.clone())
                    .max_decimals(4)
                    .prefix("low "),
            )
            .accessible_name(format!("{label}: low"))
            .changed();
        changed |= ui
            .add(
                egui::DragValue::new(&mut e.high)
                    .speed(speed)
                    .range(range)
                    .max_decimals(4)
                    .prefix("high "),
            )
            .accessible_name(format!("{label}: high"))
            .changed();
    });
    ui.label(
        RichText::new(format!("{} — {}", e.citation(), e.measures))
            .small()
            .italics(),
    )
    .on_hover_text("Source of this value: edit it on the Evidence screen");
    ui.end_row();
    changed
}

/// What an export is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportJob {
    /// The scenario's tables as CSV files in a folder.
    Tables,
}

/// The File ▸ Export items (board pack exports extend this).
pub fn export_menu(app: &mut LifegapApp, ui: &mut Ui) {
    let has = app.doc.is_some();
    if ui
        .add_enabled(has, egui::Button::new("Export tables (CSV)…"))
        .clicked()
    {
        app.ui_state.pending_export = Some(ExportJob::Tables);
        app.modal = Some(super::modals::Modal::File(super::modals::FilePrompt::new(
            super::dialogs::Purpose::ChooseFolder,
            "lifegap-tables",
        )));
    }
}

impl LifegapApp {
    /// Finish an export once its destination is chosen.
    pub fn finish_export(&mut self, path: &std::path::Path) {
        let Some(job) = self.ui_state.pending_export.take() else {
            return;
        };
        let Some(doc) = &self.doc else { return };
        let Some(results) = &doc.results else {
            self.flash("Nothing to export: the scenario has no results yet");
            return;
        };
        let res = match job {
            ExportJob::Tables => crate::export::tables::write_all(
                path,
                &doc.scenario,
                results,
                doc.current_uncertainty(),
            ),
        };
        match res {
            Ok(files) => self.flash(format!("Exported {} file(s) to {}", files, path.display())),
            Err(e) => self.flash(format!("Export failed: {e}")),
        }
    }
}
