//! Mortality rates: the PSA-era directly standardised rates (all-age all-cause, circulatory
//! and cancer under 75) for the area and its comparator in the base period, with the gap.
//! Every figure comes from `lifegap_core::model::dsr` and `lifegap dsr SCENARIO` prints it.

use super::ScreenCx;
use crate::app::command::Command;
use crate::app::dialogs::Purpose;
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
    rate_targets(ui, cx);
}

/// The PSA rate targets as countdowns for the sex shown (with the baselines loaded), and the
/// seed question's answer for each life expectancy milestone, in months. The same figures as
/// `lifegap mortality-targets SCENARIO --baselines FILE --table countdown` and
/// `--table life-expectancy`.
fn rate_targets(ui: &mut Ui, cx: &mut ScreenCx) {
    use crate::app::{charts, widgets};
    use lifegap_core::model::dsr::countdown::rate_countdown;
    use lifegap_core::model::dsr::targets::{
        Context, countdown_targets, psa_2010, targets_met_gain,
    };
    use lifegap_core::model::projection::central_settings;
    use lifegap_report::format as f;
    ui.add_space(12.0);
    ui.heading("Rate targets: countdowns");
    ui.label(RichText::new("The PSA targets from the 1995-97 baselines to 2009-11: circulatory disease under 75 down 40%, cancer under 75 down 20%. Status by the milestones' rule: on track when the projected rate with the programmes meets the required rate; otherwise at risk when bringing it down to the required rate would add at most the scenario's at-risk margin of life expectancy, off track when more.").small());
    if ui
        .button("Load 1995-97 baselines…")
        .on_hover_text("Read the rate targets' baselines (CSV measure,sex,period,area,comparator)")
        .clicked()
    {
        cx.commands
            .push(Command::PromptFile(Purpose::ImportBaselines));
    }
    let Some((_, bases)) = cx.view.baselines.clone() else {
        ui.label("No baselines loaded: the targets need the area's and England's 1995-97 rates.");
        return;
    };
    let (Some(sim), Some(results)) = (cx.sim(), cx.current_results()) else {
        ui.label(cx.problem.unwrap_or("No results yet."));
        return;
    };
    let sex = cx.sex();
    let s = &*cx.scenario;
    let settings = central_settings(s);
    let rc = Context {
        simulator: sim,
        scenario: s,
        settings: &settings,
        data: cx.data,
        standard: STANDARD,
    };
    let targets = psa_2010();
    for g in results.milestones.iter().filter(|m| m.result.sex == sex) {
        match targets_met_gain(&rc, &g.result, &targets, &bases, None) {
            Ok(a) => {
                ui.label(RichText::new(lifegap_report::views::seed_answer(&a)).strong());
            }
            Err(e) => {
                ui.label(RichText::new(e).small());
            }
        }
    }
    // Three cards (CVD, cancer, AAACM) side by side where they fit, at most 420 px each.
    let card = ((ui.available_width() - 24.0) / 3.0).clamp(300.0, 420.0);
    ui.horizontal_wrapped(|ui| {
        for t in &countdown_targets() {
            let Some(b) = bases.iter().find(|b| b.measure == t.measure && b.sex == sex) else {
                ui.label(format!("No {} baseline for {}.", t.measure.label(), sex.plural_label().to_lowercase()));
                continue;
            };
            match rate_countdown(&rc, t, b, results.as_of) {
                Ok(c) => {
                    ui.vertical(|ui| {
                        ui.set_width(card);
                        ui.horizontal(|ui| {
                            ui.label(RichText::new(t.measure.label()).strong());
                            widgets::status_badge(ui, c.status, false);
                        });
                        ui.label(format!(
                            "{} to the end of {}",
                            f::months_left(c.months_left),
                            t.target_period
                        ))
                        .accessible_name(format!(
                            "{}: {} months left, {}",
                            t.measure.label(),
                            c.months_left,
                            c.status.label()
                        ));
                        let m = &c.milestone;
                        if t.gap_only() {
                            ui.label(RichText::new(format!(
                                "The gap with {} down {:.0}% from {} (the life-expectancy target's proxy): required = {}'s projected rate + the allowed gap.",
                                s.comparator,
                                t.gap_reduction * 100.0,
                                t.baseline_period,
                                s.comparator
                            )).small());
                        }
                        ui.label(format!(
                            "Required {:.1} per 100,000; projected {:.1} without the programmes, {:.1} with them{}.",
                            m.required_rate,
                            m.without,
                            m.with,
                            if c.miss_years > 0.0 {
                                format!(
                                    "; meeting it would still add {} of life expectancy",
                                    f::months_of_life(c.miss_years)
                                )
                            } else {
                                String::new()
                            }
                        ));
                        charts::rate_countdown(
                            ui,
                            &format!("rate-countdown-{}", t.measure.name()),
                            &c,
                            s.base_period.mid(),
                            180.0,
                        );
                    });
                }
                Err(e) => {
                    ui.label(RichText::new(e).small());
                }
            }
        }
    });
}
