//! The saved SII milestones on the Countdown screen, under the life-expectancy milestone: a
//! director looks for every milestone's countdown in one place, and the SII milestone is a
//! milestone like the others (the Region screen keeps the SII of a region file as it is
//! read). For each SII milestone of the sex shown: the months left, the status badge, the
//! figures in the board's units and the same countdown chart (legend below), as `lifegap
//! sii-target SCENARIO` prints them (`sii_target::saved_countdown`, computed with the
//! evaluation in `Document::refresh`).

use super::ScreenCx;
use crate::app::{charts, theme, widgets};
use egui::{RichText, Ui};
use lifegap_core::model::area::Sex;
use lifegap_core::sii_target::SavedSiiCountdown;
use lifegap_report::format as f;
use lifegap_report::views;

pub fn show(ui: &mut Ui, cx: &ScreenCx) {
    let sex = cx.sex();
    let shown: Vec<_> = cx
        .scenario
        .sii_milestones
        .iter()
        .zip(cx.sii)
        .filter(|(m, _)| m.sex == sex)
        .collect();
    if shown.is_empty() {
        return;
    }
    let as_of = cx.results().map_or(f64::NAN, |r| r.as_of.as_year());
    ui.add_space(12.0);
    ui.heading(format!(
        "Inequality within the area: the slope index milestones ({})",
        sex.plural_label().to_lowercase()
    ));
    for (i, (_, (label, c))) in shown.into_iter().enumerate() {
        match c {
            Ok(c) => one(ui, c, &format!("sii-countdown-{}-{i}", sex.as_str()), as_of),
            Err(e) => {
                ui.label(RichText::new(label).strong());
                ui.colored_label(theme::warning(ui), format!("No countdown: {e}"));
            }
        }
    }
}

fn one(ui: &mut Ui, c: &SavedSiiCountdown, id: &str, as_of: f64) {
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.label(RichText::new(&c.label).strong());
            let months = c.months_left;
            let big = if months >= 0 {
                format!("{months} months to the end of {}", c.milestone.period.last)
            } else {
                format!(
                    "The {} data period ended {} months ago",
                    c.milestone.period, -months
                )
            };
            ui.label(RichText::new(big).size(24.0).strong())
                .accessible_name(format!("SII countdown, {}: {months} months", c.label));
        });
        ui.add_space(20.0);
        widgets::status_badge(ui, c.status, true);
    });
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 24.0;
        widgets::figure(
            ui,
            "Required SII",
            &format!("{} years", f::years(c.required)),
        );
        widgets::figure(
            ui,
            "Projected without programmes",
            &format!("{} years", f::years(c.without)),
        );
        widgets::figure(
            ui,
            "Projected with programmes",
            &format!("{} years", f::years(c.with)),
        );
        widgets::figure(
            ui,
            "Narrowed by the programmes",
            &f::life_time(c.without - c.with),
        );
        widgets::figure(
            ui,
            "Shortfall still to close",
            &if c.shortfall_with > 0.0 {
                f::life_time(c.shortfall_with)
            } else {
                "met".to_string()
            },
        );
    });
    ui.label(views::findings::sii_summary(c));
    let cd = views::sii_countdown(c, as_of);
    let h = charts::height_for(ui, 300.0);
    charts::countdown(ui, id, &cd, h);
    ui.label(
        RichText::new(format!(
            "Each group improves at the area's own yearly rate; programmes at the scenario's coverage of each targeted group's eligible people. File: {}. The same figures: lifegap sii-target SCENARIO.",
            c.milestone.data
        ))
        .small(),
    );
}

/// The slide of SII milestone `i` in presentation mode: the countdown sentence as the title,
/// the status and figures, the chart filling the rest.
pub fn slide(ui: &mut Ui, cx: &ScreenCx, i: usize, k: f32) {
    let Some((label, c)) = cx.sii.get(i) else {
        return;
    };
    let c = match c {
        Ok(c) => c,
        Err(e) => {
            ui.label(RichText::new(label).heading().strong());
            ui.colored_label(theme::warning(ui), format!("No countdown: {e}"));
            return;
        }
    };
    ui.add_space((10.0 * k).round());
    ui.label(
        RichText::new(views::findings::sii_countdown(c))
            .heading()
            .strong(),
    );
    ui.add_space((10.0 * k).round());
    ui.horizontal_wrapped(|ui| {
        widgets::status_badge(ui, c.status, true);
        ui.label(format!(
            "SII required {} years; projected {} without and {} with the programmes{}",
            f::years(c.required),
            f::years(c.without),
            f::years(c.with),
            if c.shortfall_with > 0.0 {
                format!(": {} short", f::life_time(c.shortfall_with))
            } else {
                String::new()
            }
        ));
    });
    ui.add_space((10.0 * k).round());
    let as_of = cx.results().map_or(f64::NAN, |r| r.as_of.as_year());
    let cd = views::sii_countdown(c, as_of);
    let h = ui.available_height() - (20.0 * k).round();
    charts::countdown(ui, "slide-sii-countdown", &cd, h.max((300.0 * k).round()));
}

/// The SII milestones of `sex` (their indices), for the slides.
pub fn of_sex(cx_sii: &[lifegap_core::model::sii_milestone::SiiMilestone], sex: Sex) -> Vec<usize> {
    cx_sii
        .iter()
        .enumerate()
        .filter(|(_, m)| m.sex == sex)
        .map(|(i, _)| i)
        .collect()
}
