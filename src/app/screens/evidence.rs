//! Evidence: every parameter in use, its value, range and source, editable in place.
//!
//! A value the model's rules refuse (the rules a scenario file is checked against,
//! `Scenario::check`) is flagged on the field itself: a red outline, and the rule in words in
//! the row's note, so the user sees which number to change, not only a status line.

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
    // Each refused value by its field path (`programmes[0].effects[1].rrr.value`).
    let refused: Vec<(String, String)> = cx
        .scenario
        .check()
        .into_iter()
        .map(|p| (p.field.to_string(), p.message))
        .collect();
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
                    for (i, p) in cx.scenario.programmes.iter_mut().enumerate() {
                        if !p.enabled {
                            continue;
                        }
                        let name = p.name.clone();
                        let at = |field: &str| format!("programmes[{i}].{field}");
                        let row = |ui: &mut Ui, what: &str, field: String, e: &mut Evidence| {
                            let bad = Refused::of(&refused, &field);
                            row(ui, &name, what, e, planning_year, &bad)
                        };
                        row(
                            ui,
                            "eligible share",
                            at("eligible.share"),
                            &mut p.eligible.share,
                        );
                        row(ui, "adherence", at("adherence"), &mut p.adherence);
                        row(
                            ui,
                            "relative risk of the group",
                            at("relative_risk"),
                            &mut p.relative_risk,
                        );
                        for (k, e) in p.effects.iter_mut().enumerate() {
                            let cause = causes::label(&e.cause);
                            row(
                                ui,
                                &format!("RRR, {cause}"),
                                at(&format!("effects[{k}].rrr")),
                                &mut e.rrr,
                            );
                            if let Some(rr) = &mut e.relative_risk {
                                row(
                                    ui,
                                    &format!("relative risk, {cause}"),
                                    at(&format!("effects[{k}].relative_risk")),
                                    rr,
                                );
                            }
                        }
                        row(
                            ui,
                            "business-as-usual change a year",
                            at("coverage.bau_change"),
                            &mut p.coverage.bau_change,
                        );
                        row(
                            ui,
                            "loss of effect a year after the first",
                            at("decay"),
                            &mut p.decay,
                        );
                        row(
                            ui,
                            "survival after a postponed death (hazard ratio)",
                            at("survival_hr"),
                            &mut p.survival_hr,
                        );
                        row(
                            ui,
                            "cost per person (£/year)",
                            at("cost_per_person"),
                            &mut p.cost_per_person,
                        );
                    }
                });
        });
}

/// The refused parts of one evidence row: `(part, message)`, part being `value`, `low`,
/// `high`, `source` or `year`.
struct Refused(Vec<(String, String)>);

impl Refused {
    fn of(all: &[(String, String)], field: &str) -> Refused {
        let prefix = format!("{field}.");
        Refused(
            all.iter()
                .filter_map(|(f, m)| Some((f.strip_prefix(&prefix)?.to_string(), m.clone())))
                .collect(),
        )
    }

    fn has(&self, part: &str) -> bool {
        self.0.iter().any(|(p, _)| p == part)
    }

    /// Outline a refused field in the error colour, with the rule on hover.
    fn flag(&self, ui: &Ui, part: &str, r: egui::Response) -> egui::Response {
        if !self.has(part) {
            return r;
        }
        let red = ui.visuals().error_fg_color;
        ui.painter().rect_stroke(
            r.rect.expand(2.0),
            2.0,
            egui::Stroke::new(2.0, red),
            egui::StrokeKind::Outside,
        );
        let why: Vec<&str> = self
            .0
            .iter()
            .filter(|(p, _)| p == part)
            .map(|(_, m)| m.as_str())
            .collect();
        r.on_hover_text(why.join("\n"))
    }
}

fn row(
    ui: &mut Ui,
    programme: &str,
    what: &str,
    e: &mut Evidence,
    planning_year: Option<i32>,
    bad: &Refused,
) {
    ui.label(programme);
    ui.label(what);
    let speed = (e.value.abs() / 100.0).max(0.001);
    let name = |part: &str| format!("{programme}: {what}: {part}");
    let r = ui.add(
        egui::DragValue::new(&mut e.value)
            .speed(speed)
            .max_decimals(4),
    );
    bad.flag(ui, "value", r).accessible_name(name("value"));
    let r = ui.add(
        egui::DragValue::new(&mut e.low)
            .speed(speed)
            .max_decimals(4),
    );
    bad.flag(ui, "low", r).accessible_name(name("low"));
    let r = ui.add(
        egui::DragValue::new(&mut e.high)
            .speed(speed)
            .max_decimals(4),
    );
    bad.flag(ui, "high", r).accessible_name(name("high"));
    let r = ui.add_sized([300.0, 22.0], egui::TextEdit::singleline(&mut e.source));
    bad.flag(ui, "source", r).accessible_name(name("source"));
    let r = ui.add(
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
    );
    bad.flag(ui, "year", r).accessible_name(name("year"));
    ui.add_sized([420.0, 22.0], egui::TextEdit::singleline(&mut e.measures))
        .accessible_name(name("what it measures"));
    if !bad.0.is_empty() {
        // The rule in words beside the row (the note column), named so a screen reader
        // reads it with the field.
        let why: Vec<String> = bad.0.iter().map(|(part, m)| in_words(part, m)).collect();
        let text = format!("⚠ {}", why.join("; "));
        ui.label(RichText::new(&text).color(ui.visuals().error_fg_color))
            .accessible_name(format!("{programme}: {what}: {}", why.join("; ")));
        ui.end_row();
        return;
    }
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

/// A refused value's rule without the programme's id and parameter (the row names them):
/// "value -0.1 is out of range: 0 to 1", "needs low ≤ value ≤ high, got …".
fn in_words(part: &str, message: &str) -> String {
    if let Some((_, rest)) = message.split_once(&format!(": {part} ")) {
        return format!("{part} {rest}");
    }
    let segs: Vec<&str> = message.split(": ").collect();
    match segs
        .iter()
        .position(|s| s.starts_with("needs") || s.starts_with(part))
    {
        Some(i) => segs[i..].join(": "),
        None => message.to_string(),
    }
}
