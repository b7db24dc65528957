//! The Overview's three answers: one card per milestone (how far off we are, and what closes
//! it at what cost) and the next quarter's delivery by programme and partner. Every figure is
//! `lifegap_core::model::answers`' and `lifegap run` prints the same ("How far off, in the
//! board's terms" and "Next quarter's delivery").

use super::ScreenCx;
use crate::app::command::Command;
use crate::app::settings::Screen;
use crate::app::{theme, widgets};
use egui::{RichText, Ui};
use lifegap_core::model::action_plan::UNASSIGNED;
use lifegap_core::model::answers::{self, MilestoneAnswer};
use lifegap_core::model::milestones::Measure;
use lifegap_report::format as f;

/// Width of a milestone card's content: three cards fit beside each other in the central
/// panel at 1024 px wide, four at 1280 px.
const CARD_WIDTH: f32 = 228.0;
/// A group frame's inner margin and stroke, each side.
const CARD_MARGIN: f32 = 8.0;

/// A milestone's value in words: a gap as time in the unit of `like` (the card's target), a
/// gap share as a percentage, life expectancy in years. `target` adds the direction the
/// milestone asks for.
fn measure_text(m: Measure, v: f64, target: bool, like: f64) -> String {
    match (m, target) {
        (Measure::GapShare, false) => format!("gap {} of England's", f::percent(v)),
        (Measure::GapShare, true) => format!("gap at most {}", f::percent(v)),
        // One unit per card, the target's: "at most 20.5 months", "gap of 25.6 months".
        (Measure::GapYears, false) => format!("gap of {}", f::life_time_as(v, like)),
        (Measure::GapYears, true) => format!("gap at most {}", f::life_time_as(v, like)),
        (Measure::LifeExpectancy, false) => format!("{} years", f::years(v)),
        (Measure::LifeExpectancy, true) => format!("at least {} years", f::years(v)),
    }
}

/// The milestone cards; a click on a card (or its button) opens that milestone's Countdown.
pub fn milestones(ui: &mut Ui, cx: &mut ScreenCx) {
    let Some(r) = cx.results() else { return };
    ui.heading("How far off we are, and what closes it");
    ui.label(
        RichText::new(
            "Each card: the target, the projection without and with the programmes, what is still short (in life expectancy and in further deaths to postpone a year, at the plan's own rate), the chance of meeting it, and the programmes that close most of it. Click a card for its countdown.",
        )
        .small(),
    );
    let list = answers::milestones(r);
    let mut open = None;
    // Frames do not wrap in a wrapped row (their size is known only once drawn), so lay the
    // cards out in rows of as many as fit.
    // The outer width of a card as drawn last frame (its frame's margins and stroke around
    // `CARD_WIDTH`); an estimate on the first frame.
    let width_id = egui::Id::unique("overview-card-outer-width");
    let outer = ui
        .data(|d| d.get_temp::<f32>(width_id))
        .unwrap_or(CARD_WIDTH + 2.0 * CARD_MARGIN);
    let gap = ui.spacing().item_spacing.x;
    let per_row = ((ui.available_width() + gap) / (outer + gap))
        .floor()
        .max(1.0) as usize;
    for (r, row) in list.chunks(per_row).enumerate() {
        ui.horizontal_top(|ui| {
            for (j, a) in row.iter().enumerate() {
                if card(ui, cx, a) {
                    open = Some(r * per_row + j);
                }
            }
        });
    }
    if let Some(k) = open {
        // The results list milestones in the scenario's order, so the index is the
        // scenario's (the Countdown's) milestone index.
        cx.view.milestone = k;
        cx.view.sex = list[k].sex;
        cx.commands.push(Command::Show(Screen::Countdown));
    }
}

/// One card; true when clicked.
fn card(ui: &mut Ui, cx: &mut ScreenCx, a: &MilestoneAnswer) -> bool {
    let chance = cx
        .uncertainty
        .and_then(|u| u.milestones.iter().find(|m| m.label == a.label))
        .map(|m| m.probability_met);
    let mut clicked = false;
    let frame = egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(CARD_WIDTH);
        ui.set_max_width(CARD_WIDTH);
        ui.vertical(|ui| {
            ui.label(RichText::new(&a.label).strong().size(15.0));
            ui.horizontal_wrapped(|ui| {
                widgets::status_badge(ui, a.status, false);
                ui.label(format!(
                    "{} ({} data)",
                    f::months_left(a.months_left),
                    a.period
                ));
            });
            if let Some(c) = f::on_track_caveat(a.status, chance) {
                ui.colored_label(theme::warning(ui), &c)
                    .accessible_name(format!("{}: {c}", a.label));
            }
            let row = |ui: &mut Ui, k: &str, v: String| {
                ui.label(format!("{k}: {v}")).accessible_name(format!(
                    "{}: {}: {v}",
                    a.label,
                    k.to_lowercase()
                ));
            };
            row(
                ui,
                "Target",
                measure_text(a.measure, a.required, true, a.required),
            );
            row(
                ui,
                "Without programmes",
                measure_text(a.measure, a.without, false, a.required),
            );
            row(
                ui,
                "With programmes",
                measure_text(a.measure, a.with, false, a.required),
            );
            let short = if a.shortfall_years > 0.0 {
                format!("Short by {}", f::life_time(a.shortfall_years))
            } else {
                "Met with the programmes".into()
            };
            ui.label(RichText::new(&short).size(18.0).strong())
                .on_hover_text(format!(
                    "{} years of life expectancy; {} without the programmes",
                    f::gain(a.shortfall_years),
                    f::life_time(a.shortfall_without_years)
                ))
                .accessible_name(format!("{}: {short}", a.label));
            if a.shortfall_years > 0.0 {
                let deaths = match a.deaths_a_year {
                    Some(d) => format!("{} more deaths to postpone a year", f::deaths(d)),
                    None => "no programme postpones deaths yet to convert it".into(),
                };
                ui.label(&deaths)
                    .accessible_name(format!("{}: {deaths}", a.label));
            }
            ui.horizontal_wrapped(|ui| {
                ui.label("Chance of meeting it:");
                match chance {
                    Some(p) => {
                        ui.label(RichText::new(f::percent(p)).strong())
                            .accessible_name(format!(
                                "{}: chance of meeting it: {}",
                                a.label,
                                f::percent(p)
                            ));
                    }
                    None if cx.view.mc_progress.is_some() => {
                        ui.spinner();
                        ui.label("working out");
                    }
                    None => {
                        if ui
                            .small_button("run uncertainty")
                            .on_hover_text("Run the Monte Carlo to estimate the chance")
                            .clicked()
                        {
                            cx.commands.push(Command::StartUncertainty);
                        }
                    }
                }
            });
            if !a.closers.is_empty() {
                ui.label(RichText::new("Closing most of it (cost a year):").small());
                for c in &a.closers {
                    ui.label(
                        RichText::new(format!(
                            "{}: {} ({})",
                            c.name,
                            f::life_time(c.years),
                            f::money(c.cost_per_year)
                        ))
                        .small(),
                    );
                }
            }
            if ui
                .button("Open the countdown ›")
                .on_hover_text("The countdown chart and delivery for this milestone")
                .accessible_name(format!("Open the countdown for {}", a.label))
                .clicked()
            {
                clicked = true;
            }
        });
    });
    let w = frame.response.rect.width();
    ui.data_mut(|d| d.insert_temp(egui::Id::unique("overview-card-outer-width"), w));
    let r = frame.response.interact(egui::Sense::click());
    if r.hovered() {
        ui.painter().rect_stroke(
            r.rect,
            4.0,
            egui::Stroke::new(1.5, theme::LOCAL),
            egui::StrokeKind::Inside,
        );
    }
    clicked || r.clicked()
}

/// The next quarter's delivery: each enabled programme's people by the quarter's end, split
/// among its partners (the rest unassigned).
pub fn next_quarter(ui: &mut Ui, cx: &ScreenCx) {
    let Some(r) = cx.results() else { return };
    let rows = answers::next_quarter(r, &cx.scenario.action_plan);
    let Some(first) = rows.first() else { return };
    ui.heading(format!("Who delivers what by the end of {}", first.quarter));
    ui.label(
        RichText::new(
            "People above the base period by the quarter's end, as planned (on treatment for a treatment programme, reached since the start for the others), shared among the partners in the action plan.",
        )
        .small(),
    );
    egui::Grid::new("next-quarter")
        .striped(true)
        .num_columns(3)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            for h in ["Programme", "Partner", "People"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            let mut last = "";
            for q in &rows {
                ui.label(if q.programme == last {
                    ""
                } else {
                    &q.programme
                });
                last = &q.programme;
                match q.partner.as_deref() {
                    Some(p) if p == UNASSIGNED => {
                        ui.colored_label(theme::warning(ui), p);
                    }
                    Some(p) => {
                        ui.label(p);
                    }
                    None => {
                        ui.label(RichText::new("no action plan yet").italics());
                    }
                }
                ui.label(f::count(q.planned)).accessible_name(format!(
                    "{}, {}: {} people by the end of {}",
                    q.programme,
                    q.partner.as_deref().unwrap_or("no action plan"),
                    f::count(q.planned),
                    q.quarter
                ));
                ui.end_row();
            }
        });
}
