//! Compare: two or more scenarios side by side — snapshots of the current one or other files —
//! as a table of key results and overlaid trajectories.

use crate::app::dialogs::Purpose;
use crate::app::modals::{FilePrompt, Modal};
use crate::app::{CompareEntry, LifegapApp, charts, theme};
use crate::format as f;
use crate::model::results::ScenarioResults;
use egui::{RichText, Ui};

pub fn show(app: &mut LifegapApp, ui: &mut Ui) {
    let sex = app.sex;
    let Some(doc) = &app.doc else { return };
    ui.heading("Compare scenarios");
    ui.horizontal(|ui| {
        if ui.button("Snapshot the current scenario").clicked()
            && let Some(r) = &doc.results
        {
            let n = app.compare.len() + 1;
            app.compare.push(CompareEntry {
                name: format!("Snapshot {n}: {}", doc.scenario.name),
                results: r.clone(),
            });
        }
        if ui.button("Add a scenario file…").clicked() {
            app.ui_state.open_for_compare = true;
            app.modal = Some(Modal::File(FilePrompt::new(Purpose::OpenScenario, "")));
        }
        if !app.compare.is_empty() && ui.button("Clear").clicked() {
            app.compare.clear();
        }
    });
    let Some(current) = &doc.results else { return };
    let mut rows: Vec<(String, &ScenarioResults)> =
        vec![(format!("Current: {}", doc.scenario.name), current)];
    for c in &app.compare {
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

impl LifegapApp {
    /// Add a saved scenario to the comparison.
    pub fn add_compare_file(&mut self, path: &std::path::Path) {
        let loaded = match crate::scenario_file::load(path) {
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
        let res = crate::model::projection::Simulator::new(&loaded.scenario, &loaded.data)
            .and_then(|sim| {
                crate::model::results::compute(
                    &sim,
                    &loaded.scenario,
                    &crate::model::projection::central_settings(&loaded.scenario),
                    as_of,
                )
            });
        match res {
            Ok(results) => self.compare.push(CompareEntry {
                name: loaded.scenario.name.clone(),
                results,
            }),
            Err(e) => self.flash(format!("Could not compare {}: {e}", path.display())),
        }
    }
}
