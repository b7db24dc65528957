//! Compare: two or more scenarios side by side — snapshots of the current one or other files —
//! as a table of key results and overlaid trajectories.
//!
//! Each row has a name the user can change in place; the rows are kept beside the scenario
//! file (`plan.compare.ron`, see `app::compare_file` for why there and not in the scenario).

use super::ScreenCx;
use crate::app::command::Command;
use crate::app::{charts, theme, widgets};
use egui::{RichText, Ui};
use lifegap_core::model::results::ScenarioResults;
use lifegap_report::format as f;

/// Width of the scenario column: a row name longer than this is truncated (in full on hover
/// and in the legend) so the table fits at 1280 px.
const NAME_WIDTH: f32 = 240.0;

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
        ui.label("Snapshot the current scenario, change it, and compare; or add a saved scenario. Snapshots are kept beside the scenario file; click a name to rename it.");
    }
    let labels: Vec<String> = current
        .milestones
        .iter()
        .map(|m| m.result.label.clone())
        .collect();
    // Names may be renamed: an edit box per snapshot row (the current row is the scenario).
    let mut names: Vec<String> = cx.view.compare.iter().map(|c| c.name.clone()).collect();
    let mut renamed = false;
    egui::ScrollArea::horizontal()
        .id_salt("compare-scroll")
        .show(ui, |ui| {
            egui::Grid::new("compare-table")
                .striped(true)
                .show(ui, |ui| {
                    // Headers on two lines ("2010 PSA target" over "(men)") and a name column
                    // of fixed width, so four milestones, deaths and cost fit at 1280 px.
                    ui.label(RichText::new("Scenario").strong());
                    for l in &labels {
                        ui.label(RichText::new(l.replacen(" (", "\n(", 1)).strong());
                    }
                    ui.label(RichText::new("Deaths postponed\na year").strong());
                    ui.label(RichText::new("Cost\na year").strong());
                    ui.end_row();
                    for (i, (name, r)) in rows.iter().enumerate() {
                        if i == 0 {
                            ui.add_sized(
                                [NAME_WIDTH, ui.spacing().interact_size.y],
                                egui::Label::new(name.as_str()).truncate(),
                            )
                            .on_hover_text(name.as_str());
                        } else {
                            let edit = ui
                                .add(
                                    egui::TextEdit::singleline(&mut names[i - 1])
                                        .desired_width(NAME_WIDTH - 8.0),
                                )
                                .accessible_name(format!("Name of comparison row {i}"))
                                .on_hover_text(
                                    "Rename this row: the name is kept beside the scenario",
                                );
                            renamed |= edit.changed();
                        }
                        for l in &labels {
                            match r.milestones.iter().find(|m| &m.result.label == l) {
                                Some(m) => {
                                    // The status as the badge used everywhere (its colours
                                    // meet WCAG AA on either theme; red text on the dark
                                    // panel would not).
                                    ui.horizontal(|ui| {
                                        ui.label(f::gain(m.result.with));
                                        widgets::status_badge(ui, m.result.status, false);
                                    })
                                    .response
                                    .accessible_name(format!(
                                        "{name}: {l}: {} — {}",
                                        f::gain(m.result.with),
                                        m.result.status.label()
                                    ));
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
    if renamed {
        for (c, n) in cx.view.compare.iter_mut().zip(names) {
            c.name = n;
        }
        cx.view.compare_changed = true;
    }
}
