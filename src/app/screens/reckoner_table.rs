//! The ready reckoner's current vs new table (HIIT's layout): for each enabled programme the
//! people, deaths postponed a year and gain at today's level and at the planned level, side
//! by side. Figures from `lifegap_core::model::reckoner`.

use super::ScreenCx;
use egui::{RichText, Ui};
use lifegap_core::model::reckoner;
use lifegap_report::format as f;

pub fn show(ui: &mut Ui, cx: &ScreenCx) {
    let Some(r) = cx.results() else { return };
    let sex = cx.sex();
    let rows = reckoner::rows(&r.programmes, sex);
    if rows.is_empty() {
        return;
    }
    let who = sex.plural_label().to_lowercase();
    ui.heading("Current and new, side by side");
    ui.label(
        RichText::new(format!(
            "New is the model's: today's level plus what the plan adds over {}. Current is read as HIIT's ready reckoner did, at the plan's deaths and gain per extra person (the model keeps today's service in the trend). People: on treatment, or reached a year.",
            r.headline
        ))
        .small(),
    );
    egui::Grid::new("reckoner-current-new")
        .striped(true)
        .num_columns(7)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            for h in ["People", "", "Deaths postponed a year", ""] {
                ui.label(RichText::new(h).strong());
            }
            ui.label(RichText::new(format!("Gain, {who}")).strong());
            ui.label("");
            ui.end_row();
            ui.label(RichText::new("Programme").strong());
            for _ in 0..3 {
                ui.label(RichText::new("current").small());
                ui.label(RichText::new("new").small());
            }
            ui.end_row();
            for x in &rows {
                ui.label(&x.name);
                let cur = |v: Option<f64>, fmt: fn(f64) -> String| v.map_or("–".to_string(), fmt);
                let cells = [
                    ("people now", cur(x.current.map(|c| c.people), f::count)),
                    ("people in the plan", f::count(x.new.people)),
                    (
                        "deaths postponed a year now",
                        cur(x.current.map(|c| c.deaths_per_year), f::deaths),
                    ),
                    (
                        "deaths postponed a year in the plan",
                        f::deaths(x.new.deaths_per_year),
                    ),
                    ("gain now", cur(x.current.map(|c| c.gain), f::life_time)),
                    ("gain in the plan", f::life_time(x.new.gain)),
                ];
                for (k, (what, v)) in cells.iter().enumerate() {
                    let text = if k % 2 == 1 {
                        RichText::new(v).strong()
                    } else {
                        RichText::new(v)
                    };
                    ui.label(text)
                        .accessible_name(format!("{}: {what}: {v}", x.name));
                }
                ui.end_row();
            }
        });
}
