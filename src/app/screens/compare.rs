//! Compare: two or more scenarios side by side — snapshots of the current one or other files —
//! as a table of key results and overlaid trajectories.

use super::ScreenCx;
use crate::app::command::Command;
use crate::app::{charts, theme};
use egui::{RichText, Ui};
use lifegap_core::model::results::ScenarioResults;
use lifegap_report::format as f;

pub fn show(ui: &mut Ui, cx: &mut ScreenCx) {
    let sex = cx.sex();
    ui.heading("Compare scenarios");
    ui.horizontal(|ui| {
        let has_results = cx.current_results().is_some();
        for (c, enabled) in [
            (Command::SnapshotForComparison, has_results),
            (Command::AddToComparison, true),
            (Command::ClearComparison, !cx.view.compare.is_empty()),
        ] {
            let r = ui
                .add_enabled(enabled, egui::Button::new(c.label()))
                .on_hover_text(c.tooltip());
            if r.clicked() {
                cx.commands.push(c);
            }
        }
    });
    let Some(current) = cx.results() else { return };
    let mut rows: Vec<(String, &ScenarioResults)> =
        vec![(format!("Current: {}", cx.scenario.name), current)];
    for c in &cx.view.compare {
        rows.push((c.name.clone(), &c.results));
    }
    if rows.len() == 1 {
        ui.label("Snapshot the current scenario, change it, and compare; or add a saved scenario.");
    }
    let labels: Vec<String> = current
        .milestones
        .iter()
        .map(|m| m.result.label.clone())
        .collect();
    egui::ScrollArea::horizontal()
        .id_salt("compare-scroll")
        .show(ui, |ui| {
            egui::Grid::new("compare-table")
                .striped(true)
                .show(ui, |ui| {
                    ui.label(RichText::new("Scenario").strong());
                    for l in &labels {
                        ui.label(RichText::new(l).strong());
                    }
                    ui.label(RichText::new("Deaths postponed a year").strong());
                    ui.label(RichText::new("Cost a year").strong());
                    ui.end_row();
                    for (name, r) in &rows {
                        ui.label(name);
                        for l in &labels {
                            match r.milestones.iter().find(|m| &m.result.label == l) {
                                Some(m) => {
                                    ui.label(
                                        RichText::new(format!(
                                            "{} — {}",
                                            f::gain(m.result.with),
                                            m.result.status.label()
                                        ))
                                        .color(theme::rag(m.result.status)),
                                    );
                                }
                                None => {
                                    ui.label("–");
                                }
                            }
                        }
                        let total = r.programme_totals();
                        ui.label(f::deaths(total.deaths_per_year));
                        ui.label(f::money(total.cost_per_year));
                        ui.end_row();
                    }
                });
        });
    ui.add_space(10.0);
    ui.heading(format!(
        "Projected gap with programmes, {}",
        sex.plural_label().to_lowercase()
    ));
    let mut series = Vec::new();
    if let Some(p) = current.projection.sex(sex) {
        let v = current
            .projection
            .years
            .iter()
            .zip(&p.gap_without)
            .map(|(y, g)| (*y as f64 + 0.5, *g))
            .collect();
        series.push((
            "without programmes (current)".to_string(),
            v,
            theme::WITHOUT,
            true,
        ));
    }
    for (i, (name, r)) in rows.iter().enumerate() {
        if let Some(p) = r.projection.sex(sex) {
            let v = r
                .projection
                .years
                .iter()
                .zip(&p.gap_with)
                .map(|(y, g)| (*y as f64 + 0.5, *g))
                .collect();
            series.push((name.clone(), v, theme::series(i), false));
        }
    }
    charts::lines(
        ui,
        "compare-chart",
        "gap in life expectancy (years)",
        &series,
        320.0,
    );
}
