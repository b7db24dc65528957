//! Mortality rates: the PSA-era directly standardised rates (all-age all-cause, circulatory
//! and cancer under 75) for the area and its comparator in the base period, with the gap.
//! Every figure comes from `lifegap_core::model::dsr` and `lifegap dsr SCENARIO` prints it.

use super::ScreenCx;
use egui::{RichText, Ui};
use lifegap_core::model::dsr::{Dsr, Measure, Standard, rate_gap};

/// The standard the screen shows: the PSA targets' own.
const STANDARD: Standard = Standard::Esp1976;

fn with_limits(d: &Dsr) -> String {
    match (d.lower, d.upper) {
        (Some(l), Some(u)) => format!("{:.1} ({:.1}–{:.1})", d.value, l, u),
        _ => format!("{:.1}", d.value),
    }
}

pub fn show(ui: &mut Ui, cx: &mut ScreenCx) {
    let sex = cx.sex();
    let s = &cx.scenario;
    ui.heading(format!(
        "Mortality rates: {}, {}",
        sex.plural_label().to_lowercase(),
        s.base_period
    ));
    ui.label(RichText::new(format!(
        "Directly standardised rates per 100,000 on the {} (the standard of the PSA mortality targets), with 95% limits by Dobson's method as PHE computes them. The command lifegap dsr prints the same figures; lifegap mortality-targets judges the targets.",
        STANDARD.label()
    )).small());
    ui.add_space(8.0);
    egui::Grid::new("mortality-rates")
        .striped(true)
        .num_columns(5)
        .min_col_width(90.0)
        .show(ui, |ui| {
            for h in [
                "Measure".to_string(),
                format!("{} (95% limits)", s.area),
                format!("{} (95% limits)", s.comparator),
                "Gap".to_string(),
                "Gap %".to_string(),
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for m in Measure::ALL {
                ui.label(m.label());
                match rate_gap(cx.data, &s.area, &s.comparator, sex, m, STANDARD, 0.95) {
                    Ok(r) => {
                        ui.label(with_limits(&r.area));
                        ui.label(with_limits(&r.comparator));
                        ui.label(format!("{:+.1}", r.absolute()));
                        ui.label(
                            r.relative()
                                .map_or("–".to_string(), |x| format!("{:+.1}%", x * 100.0)),
                        );
                    }
                    Err(e) => {
                        ui.label(RichText::new(e).small());
                    }
                }
                ui.end_row();
            }
        });
}
