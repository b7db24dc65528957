//! Evidence: every parameter in use, its value, range and source, editable in place.

use super::ScreenCx;
use egui::{RichText, Ui};
use lifegap_core::model::causes;
use lifegap_core::model::evidence::Evidence;

pub fn show(ui: &mut Ui, cx: &mut ScreenCx) {
    ui.heading("Evidence in use");
    ui.label("Every number from a study, or assumed locally, with its range (used by the uncertainty analysis) and source. Edit any of them here; \"Local assumption\" values should be replaced with local data.");
    let planning_year = cx.scenario.as_of.map(|d| d.year);
    if let Some(y) = planning_year {
        ui.label(
            RichText::new(format!(
                "Sources published after the planning date ({y}) are flagged: a plan made then could not have cited them."
            ))
            .small(),
        );
    }
    ui.add_space(6.0);
    egui::ScrollArea::horizontal()
        .id_salt("evidence-scroll")
        .show(ui, |ui| {
            egui::Grid::new("evidence")
                .striped(true)
                .num_columns(9)
                .show(ui, |ui| {
                    for h in [
                        "Programme",
                        "Parameter",
                        "Value",
                        "Low",
                        "High",
                        "Source",
                        "Year",
                        "What it measures",
                        "Note",
                    ] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for p in cx.scenario.programmes.iter_mut().filter(|p| p.enabled) {
                        let name = p.name.clone();
                        let row = |ui: &mut Ui, what: &str, e: &mut Evidence| {
                            row(ui, &name, what, e, planning_year)
                        };
                        row(ui, "eligible share", &mut p.eligible.share);
                        row(ui, "adherence", &mut p.adherence);
                        row(ui, "relative risk of the group", &mut p.relative_risk);
                        for e in &mut p.effects {
                            let cause = causes::label(&e.cause);
                            row(ui, &format!("RRR, {cause}"), &mut e.rrr);
                            if let Some(rr) = &mut e.relative_risk {
                                row(ui, &format!("relative risk, {cause}"), rr);
                            }
                        }
                        row(
                            ui,
                            "business-as-usual change a year",
                            &mut p.coverage.bau_change,
                        );
                        row(ui, "loss of effect a year after the first", &mut p.decay);
                        row(
                            ui,
                            "survival after a postponed death (hazard ratio)",
                            &mut p.survival_hr,
                        );
                        row(ui, "cost per person (£/year)", &mut p.cost_per_person);
                    }
                });
        });
}

fn row(ui: &mut Ui, programme: &str, what: &str, e: &mut Evidence, planning_year: Option<i32>) {
    ui.label(programme);
    ui.label(what);
    let speed = (e.value.abs() / 100.0).max(0.001);
    let name = |part: &str| format!("{programme}: {what}: {part}");
    ui.add(
        egui::DragValue::new(&mut e.value)
            .speed(speed)
            .max_decimals(4),
    )
    .accessible_name(name("value"));
    ui.add(
        egui::DragValue::new(&mut e.low)
            .speed(speed)
            .max_decimals(4),
    )
    .accessible_name(name("low"));
    ui.add(
        egui::DragValue::new(&mut e.high)
            .speed(speed)
            .max_decimals(4),
    )
    .accessible_name(name("high"));
    ui.add_sized([300.0, 22.0], egui::TextEdit::singleline(&mut e.source))
        .accessible_name(name("source"));
    ui.add(
        egui::DragValue::new(&mut e.year)
            .range(0..=2100)
            // A local assumption has no year: say so rather than "0".
            .custom_formatter(|v, _| {
                if v == 0.0 {
                    "local".into()
                } else {
                    format!("{v:.0}")
                }
            })
            .custom_parser(|t| {
                if t.trim().eq_ignore_ascii_case("local") {
                    Some(0.0)
                } else {
                    t.trim().parse().ok()
                }
            }),
    )
    .accessible_name(name("year"));
    ui.add_sized([420.0, 22.0], egui::TextEdit::singleline(&mut e.measures))
        .accessible_name(name("what it measures"));
    match planning_year {
        Some(y) if e.published_after(y) => {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!("⚠ published after the plan ({y})"))
                        .color(ui.visuals().warn_fg_color),
                );
                if let Some(earlier) = e.earlier()
                    && ui
                        .button(format!("Use {}", earlier.citation()))
                        .on_hover_text(format!(
                            "{} ({}–{}): {}",
                            earlier.value, earlier.low, earlier.high, earlier.measures
                        ))
                        .clicked()
                {
                    *e = earlier;
                }
            });
        }
        _ => {
            ui.label("");
        }
    }
    ui.end_row();
}
