//! Practices: a practice list on a funnel plot (egui_plot), and what raising the practices
//! below a percentile adds to one programme, by hub. The figures come from
//! `lifegap_core::model::practices` and `lifegap practices SCENARIO --data FILE --programme P
//! --raise-to pNN` prints them.

use super::ScreenCx;
use crate::app::command::Command;
use crate::app::dialogs::Purpose;
use crate::app::{charts, theme};
use egui::{Color32, RichText, Ui};
use egui_plot::{Line, PlotPoints, Points};
use lifegap_core::model::marginal::deaths_per_extra_person;
use lifegap_core::model::practices::{Raise, analyse, funnel};
use lifegap_core::model::projection::central_settings;
use lifegap_report::format as f;

pub fn show(ui: &mut Ui, cx: &mut ScreenCx) {
    ui.heading("Practices: who is below the funnel, and what raising them is worth");
    ui.label(RichText::new("A practice list (CSV code,name,hub,list_size,register,achieving,exceptions): each practice's rate (achieving ÷ register) against its register size, with exact binomial 95% and 99.8% limits around the pooled rate (Spiegelhalter 2005). A list in the scenario's folder (or below) is kept with the scenario and reopens with it.").small());
    ui.add_space(4.0);
    if ui
        .button("Load a practice list…")
        .on_hover_text("Read a practice list (CSV)")
        .clicked()
    {
        cx.commands
            .push(Command::PromptFile(Purpose::ImportPractices));
    }
    let Some((path, list)) = cx.view.practices.clone() else {
        ui.label("No practice list loaded.");
        return;
    };
    let Some(results) = cx.current_results() else {
        ui.label(cx.problem.unwrap_or("No results yet."));
        return;
    };
    let enabled: Vec<(String, String)> = results
        .programmes
        .iter()
        .filter(|p| p.enabled)
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    if enabled.is_empty() {
        ui.label("No programme is switched on: nothing to price the practices' extra people in.");
        return;
    }
    let chosen = cx
        .view
        .practice_programme
        .clone()
        .filter(|id| enabled.iter().any(|e| &e.0 == id))
        .unwrap_or_else(|| {
            enabled
                .iter()
                .find(|e| e.0 == "blood_pressure")
                .unwrap_or(&enabled[0])
                .0
                .clone()
        });
    let mut pick = chosen.clone();
    ui.horizontal(|ui| {
        let name = path.file_name().map_or(path.display().to_string(), |n| {
            n.to_string_lossy().into_owned()
        });
        ui.label(format!("{name} ({} practices).", list.len()));
        egui::ComboBox::from_label("Programme")
            .selected_text(
                enabled
                    .iter()
                    .find(|e| e.0 == pick)
                    .map_or(pick.clone(), |e| e.1.clone()),
            )
            .show_ui(ui, |ui| {
                for (id, name) in &enabled {
                    ui.selectable_value(&mut pick, id.clone(), name);
                }
            });
        ui.add(
            egui::Slider::new(&mut cx.view.practice_percentile, 50..=95)
                .text("raise to percentile"),
        );
    });
    cx.view.practice_programme = Some(pick.clone());
    // Priced at the margin of the plan and of business as usual (`lifegap practices`).
    let per_person = cx
        .sim()
        .and_then(|sim| {
            deaths_per_extra_person(
                sim,
                cx.scenario,
                &central_settings(cx.scenario),
                &pick,
                results.headline,
            )
            .ok()
        })
        .unwrap_or(0.0);
    let p = f64::from(cx.view.practice_percentile) / 100.0;
    let a = analyse(&list, Raise::Percentile(p), per_person);
    ui.label(
        RichText::new(format!(
            "Pooled rate {}; raising every practice below the {}th percentile ({}) adds {} people and postpones {} deaths a year.",
            f::percent(a.p0),
            cx.view.practice_percentile,
            f::percent(a.threshold.unwrap_or(a.p0)),
            f::count(a.extra_people),
            f::deaths(a.deaths_postponed)
        ))
        .size(16.0),
    );
    // The funnel: limits at 100 register sizes up to the largest register.
    let max_n = list.iter().map(|x| x.register).fold(1.0, f64::max) * 1.05;
    let xs: Vec<f64> = (1..=100).map(|i| max_n * f64::from(i) / 100.0).collect();
    let limit = |g: fn(&lifegap_core::model::practices::Limits) -> f64| {
        PlotPoints::from(
            xs.iter()
                .map(|&n| [n, g(&funnel(a.p0, n)) * 100.0])
                .collect::<Vec<_>>(),
        )
    };
    let dots = |keep: fn(&lifegap_core::model::practices::FunnelBand) -> bool| {
        PlotPoints::from(
            a.rows
                .iter()
                .filter(|r| keep(&r.band))
                .map(|r| [r.practice.register, r.rate * 100.0])
                .collect::<Vec<_>>(),
        )
    };
    use lifegap_core::model::practices::FunnelBand as B;
    charts::fixed_plot("practices-funnel", 360.0)
        .x_axis_label("register size (people)")
        .y_axis_label("achieving (% of register)")
        .show(ui, |pl| {
            pl.line(
                Line::new(
                    "pooled rate",
                    PlotPoints::from(vec![[0.0, a.p0 * 100.0], [max_n, a.p0 * 100.0]]),
                )
                .color(theme::BASELINE),
            );
            pl.line(Line::new("95% limits", limit(|l| l.lower_95)).color(theme::REQUIRED));
            pl.line(Line::new("", limit(|l| l.upper_95)).color(theme::REQUIRED));
            let dashed = egui_plot::LineStyle::dashed_loose();
            pl.line(
                Line::new("99.8% limits", limit(|l| l.lower_998))
                    .color(Color32::GRAY)
                    .style(dashed),
            );
            pl.line(
                Line::new("", limit(|l| l.upper_998))
                    .color(Color32::GRAY)
                    .style(dashed),
            );
            pl.points(
                Points::new("within the 95% limits", dots(|b| *b == B::Within))
                    .color(Color32::LIGHT_GRAY)
                    .radius(4.0),
            );
            pl.points(
                Points::new(
                    "below the 95% limit",
                    dots(|b| matches!(b, B::Below95 | B::Below998)),
                )
                .color(theme::TARGET)
                .radius(5.0),
            );
            pl.points(
                Points::new(
                    "above the 95% limit",
                    dots(|b| matches!(b, B::Above95 | B::Above998)),
                )
                .color(theme::WITH)
                .radius(5.0),
            );
        });
    use charts::Key;
    charts::legend_below(
        ui,
        &[
            (theme::BASELINE, Key::Line, "pooled rate".into()),
            (theme::REQUIRED, Key::Line, "95% limits".into()),
            (Color32::GRAY, Key::Dashed, "99.8% limits".into()),
            (
                Color32::LIGHT_GRAY,
                Key::Dot,
                "within the 95% limits".into(),
            ),
            (theme::TARGET, Key::Dot, "below the 95% limit".into()),
            (theme::WITH, Key::Dot, "above the 95% limit".into()),
        ],
    );
    ui.add_space(6.0);
    egui::Grid::new("practices-hubs")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in [
                "Hub",
                "Practices",
                "Register",
                "Extra people",
                "Deaths postponed a year",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for h in &a.hubs {
                ui.label(&h.hub);
                ui.label(h.practices.to_string());
                ui.label(f::count(h.register));
                ui.label(f::count(h.extra_people));
                ui.label(f::deaths(h.deaths_postponed));
                ui.end_row();
            }
        });
}
