//! Evidence: every parameter in use, its value, range and source, editable in place.

use super::ScreenCx;
use egui::{RichText, Ui};
use lifegap_core::model::causes;
use lifegap_core::model::evidence::Evidence;

pub fn show(ui: &mut Ui, cx: &mut ScreenCx) {
    ui.heading("Evidence in use");
    ui.label("Every number from a study, or assumed locally, with its range (used by the uncertainty analysis) and source. Edit any of them here; \"Local assumption\" values should be replaced with local data.");
    ui.add_space(6.0);
    egui::ScrollArea::horizontal()
        .id_salt("evidence-scroll")
        .show(ui, |ui| {
            egui::Grid::new("evidence")
                .striped(true)
                .num_columns(8)
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
                    ] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for p in cx.scenario.programmes.iter_mut().filter(|p| p.enabled) {
                        let name = p.name.clone();
                        row(ui, &name, "eligible share", &mut p.eligible.share);
                        row(ui, &name, "adherence", &mut p.adherence);
                        row(
                            ui,
                            &name,
                            "relative risk of the group",
                            &mut p.relative_risk,
                        );
                        for e in &mut p.effects {
                            let cause = causes::label(&e.cause);
                            row(ui, &name, &format!("RRR, {cause}"), &mut e.rrr);
                            if let Some(rr) = &mut e.relative_risk {
                                row(ui, &name, &format!("relative risk, {cause}"), rr);
                            }
                        }
                        row(
                            ui,
                            &name,
                            "cost per person (£/year)",
                            &mut p.cost_per_person,
                        );
                    }
                });
        });
}

fn row(ui: &mut Ui, programme: &str, what: &str, e: &mut Evidence) {
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
    ui.add(egui::DragValue::new(&mut e.year).range(0..=2100))
        .accessible_name(name("year"));
    ui.add_sized([420.0, 22.0], egui::TextEdit::singleline(&mut e.measures))
        .accessible_name(name("what it measures"));
    ui.end_row();
}
