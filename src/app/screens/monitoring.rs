//! Monitoring: delivery actuals against the plan by programme and partner, with variance,
//! red/amber/green and the two re-forecasts, from `lifegap_core::model::monitor` as
//! `lifegap monitor SCENARIO --actuals FILE` prints them (default thresholds 95% / 85%).

use super::ScreenCx;
use crate::app::command::Command;
use crate::app::dialogs::Purpose;
use crate::app::theme;
use egui::{RichText, Ui};
use lifegap_core::model::milestones::Status;
use lifegap_core::model::monitor::{Rag, Thresholds, monitor, scenario_plan};
use lifegap_core::model::projection::central_settings;
use lifegap_report::format as f;

pub fn show(ui: &mut Ui, cx: &mut ScreenCx) {
    ui.heading("Monitoring: delivery against the plan");
    ui.label(RichText::new("Delivery actuals (CSV programme,partner,quarter,people: people reached in the quarter) against the quarterly plan of the Countdown screen, partners at their action-plan share. Green at 95% of the plan to date or more, amber at 85%, red below (a local convention). A file in the scenario's folder (or below) is kept with the scenario and reopens with it.").small());
    ui.add_space(4.0);
    if ui
        .button("Load delivery actuals…")
        .on_hover_text("Read delivery actuals (CSV)")
        .clicked()
    {
        cx.commands
            .push(Command::PromptFile(Purpose::ImportActuals));
    }
    let Some((path, acts)) = cx.view.actuals.clone() else {
        ui.label("No actuals loaded.");
        return;
    };
    let Some(sim) = cx.sim() else {
        ui.label(cx.problem.unwrap_or("No results yet."));
        return;
    };
    let settings = central_settings(cx.scenario);
    let (lines, _) = scenario_plan(sim, cx.scenario, &settings);
    let lines: Vec<_> = lines
        .into_iter()
        .filter(|l| acts.iter().any(|a| a.programme == l.programme))
        .collect();
    let Some(to_date) = acts.iter().map(|a| a.quarter).max() else {
        return;
    };
    let rows = monitor(&lines, &acts, to_date, Thresholds::default());
    let name = path.file_name().map_or(path.display().to_string(), |n| {
        n.to_string_lossy().into_owned()
    });
    ui.label(format!("{name}: {} rows, to {to_date}.", acts.len()));
    ui.add_space(4.0);
    egui::Grid::new("monitoring")
        .striped(true)
        .num_columns(8)
        .show(ui, |ui| {
            for h in [
                "Programme / partner",
                "Plan to date",
                "Actual",
                "Variance",
                "Status",
                "Plan at the end",
                "Actual + plan after",
                "At the actual rate",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for r in &rows {
                let who = if r.partner == "all" {
                    let name = cx
                        .scenario
                        .programmes
                        .iter()
                        .find(|p| p.id == r.programme)
                        .map_or(r.programme.as_str(), |p| p.name.as_str());
                    RichText::new(name).strong()
                } else {
                    RichText::new(format!("   {}", r.partner))
                };
                ui.label(who);
                ui.label(f::count(r.plan_to_date));
                ui.label(f::count(r.actual_to_date));
                ui.label(format!(
                    "{} ({})",
                    f::count(r.variance),
                    r.variance_share.map_or("–".into(), f::percent)
                ));
                let status = match r.rag {
                    Rag::Green => Status::OnTrack,
                    Rag::Amber => Status::AtRisk,
                    Rag::Red => Status::OffTrack,
                };
                ui.label(
                    RichText::new(r.rag.label())
                        .strong()
                        .color(egui::Color32::WHITE)
                        .background_color(theme::rag(status)),
                );
                ui.label(format!("{} ({})", f::count(r.plan_end), r.end));
                ui.label(f::count(r.forecast_plan_thereafter));
                ui.label(f::count(r.forecast_actual_rate));
                ui.end_row();
            }
        });
}
