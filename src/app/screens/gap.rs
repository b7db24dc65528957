//! Gap breakdown: what makes up the gap, by cause and by age band (Arriaga, local area →
//! comparator), as bars with a table beside, and by cause and age together (stacked bars by
//! age band coloured by cause group), for either sex — as the Segment Tool shows it.

use super::ScreenCx;
use crate::app::{charts, theme};
use egui::{RichText, Ui};
use lifegap_core::model::causes;
use lifegap_report::format as f;

pub fn show(ui: &mut Ui, cx: &mut ScreenCx) {
    let sex = cx.sex();
    let s = &cx.scenario;
    let Some(dec) = cx.base_for(sex).and_then(|b| b.decomposition.as_ref()) else {
        ui.label(format!(
            "No gap breakdown for {}: the data lack a valid life table for this sex.",
            sex.plural_label().to_lowercase()
        ));
        return;
    };
    ui.heading(format!(
        "What makes up the gap: {}, {}",
        sex.plural_label().to_lowercase(),
        s.base_period
    ));
    ui.label(
        RichText::new(format!(
            "{} {} − {} {} = {} years",
            s.comparator,
            f::years(dec.e0_comparator),
            s.area,
            f::years(dec.e0_local),
            f::gain(dec.gap())
        ))
        .size(18.0),
    );
    ui.label(RichText::new(format!(
        "Arriaga decomposition from {} to {}: contributions add up to the gap; a positive value is a cause or age where {}'s higher death rates hold its life expectancy back, a negative one where it does better.",
        s.area, s.comparator, s.area
    )).small());
    ui.add_space(8.0);

    // By cause, largest first.
    let mut by_cause: Vec<(String, f64)> = dec
        .causes
        .iter()
        .zip(dec.by_cause())
        .map(|(c, v)| (c.clone(), v))
        .collect();
    by_cause.sort_by(|a, b| b.1.total_cmp(&a.1));
    ui.heading("By cause");
    let cause_h = charts::height_for(ui, 360.0);
    ui.columns(2, |cols| {
        let items: Vec<(String, f64, egui::Color32)> = by_cause
            .iter()
            .map(|(c, v)| (causes::label(c), *v, theme::cause_colour(c)))
            .collect();
        charts::contribution_bars(
            &mut cols[0],
            "gap-cause",
            "contribution to the gap",
            &items,
            "years",
            cause_h,
        );
        egui::Grid::new("gap-cause-table")
            .num_columns(3)
            .striped(true)
            .show(&mut cols[1], |ui| {
                ui.label(RichText::new("Cause").strong());
                ui.label(RichText::new("Years").strong());
                ui.label(RichText::new("Share of gap").strong());
                ui.end_row();
                for (c, v) in &by_cause {
                    ui.label(causes::label(c));
                    ui.label(f::gain(*v));
                    ui.label(f::percent(v / dec.gap()));
                    ui.end_row();
                }
                ui.label(RichText::new("All causes").strong());
                ui.label(RichText::new(f::gain(dec.total())).strong());
                ui.label("100%");
                ui.end_row();
            });
    });

    ui.add_space(12.0);
    if let Some(ca) = lifegap_report::views::gap_by_cause_age(dec) {
        ui.heading("By cause and age together");
        ui.label(RichText::new("Each bar is an age band, each segment a group of causes: where and of what the gap is made. Segments above the line widen the gap, below it narrow it. Hover for the figures.").small());
        let h = charts::height_for(ui, 340.0);
        charts::cause_age(ui, "gap-cause-age", &ca, h);
        ui.add_space(12.0);
    }
    ui.heading("By age");
    let labels: Vec<String> = (0..dec.bands.len()).map(|i| dec.bands.label(i)).collect();
    let totals: Vec<f64> = dec.by_age.iter().map(|b| b.total).collect();
    let h = charts::height_for(ui, 260.0);
    charts::age_bars(ui, "gap-age", &labels, &totals, h);
    egui::CollapsingHeader::new("Table by age: direct and indirect parts")
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("gap-age-table").num_columns(5).striped(true).show(ui, |ui| {
                for h in ["Age", "Direct", "Indirect", "Total", "Share of gap"] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for (i, b) in dec.by_age.iter().enumerate() {
                    ui.label(&labels[i]);
                    ui.label(format!("{:.3}", b.direct));
                    ui.label(format!("{:.3}", b.indirect));
                    ui.label(format!("{:.3}", b.total));
                    ui.label(f::percent(b.total / dec.gap()));
                    ui.end_row();
                }
            });
            ui.label(RichText::new("Direct: the effect of different death rates within the band; indirect: their effect on the years lived after it (with interaction).").small());
        });
    let under75: f64 = dec
        .by_age
        .iter()
        .filter(|b| b.age < 75)
        .map(|b| b.total)
        .sum();
    ui.label(format!(
        "Deaths under 75 account for {} of the gap.",
        f::percent(under75 / dec.gap())
    ));
}
