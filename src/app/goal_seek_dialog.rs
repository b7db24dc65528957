//! "What does it take?": goal seek's answers for one milestone, one at a time — the cheapest
//! mix, every enabled programme scaled together, the same for a chosen chance, each programme
//! alone, and a mix the user ticks — each with its programmes' coverage (plan → answer),
//! people to reach, cost a year and chance of meeting the milestone, and a button to apply it.
//!
//! One answer is shown at a time so the dialog fits a 768-pixel window without a scroll area
//! (a scroll area in a modal moved its buttons between frames and swallowed clicks in the
//! headless tests). The answers are computed by `lifegap_core::model::goal_seek::answers`;
//! `lifegap goal-seek` prints the same figures.

use super::command::Command;
use super::screens::countdown::{fmt_measure, fmt_shortfall};
use egui::{Id, RichText, Ui};
use lifegap_core::model::goal_seek::GoalSeek;
use lifegap_core::model::goal_seek::answers::{Answer, Answers};
use lifegap_report::format as f;

/// Which answer the dialog shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// One of the mixes (index into `Answers::mixes`).
    Mix(usize),
    Alone,
    Chosen,
}

/// The open dialog.
#[derive(Debug, Clone)]
pub struct GoalSeekDialog {
    /// The answers, or why they could not be found.
    pub answers: Result<Box<Answers>, String>,
    pub view: View,
    /// The programmes ticked for the chosen mix (ids).
    pub chosen_ids: Vec<String>,
    /// The chosen mix's answer once asked for (or why it failed).
    pub chosen: Option<Result<Box<Answer>, String>>,
    /// Enabled programmes (id, name) for the chosen mix's tick boxes.
    pub programmes: Vec<(String, String)>,
}

impl GoalSeekDialog {
    pub fn new(answers: Result<Box<Answers>, String>, programmes: Vec<(String, String)>) -> Self {
        GoalSeekDialog {
            answers,
            view: View::Mix(0),
            chosen_ids: Vec::new(),
            chosen: None,
            programmes,
        }
    }
}

/// Draw the dialog. Returns (keep open, commands).
pub fn draw(ctx: &egui::Context, d: &mut GoalSeekDialog) -> (bool, Vec<Command>) {
    let mut keep = true;
    let mut out = Vec::new();
    let resp = egui::Modal::new(Id::unique("goal-seek")).show(ctx, |ui| {
        ui.set_width(680.0);
        ui.heading("What it takes to meet the milestone");
        match &d.answers {
            Err(e) => {
                ui.colored_label(super::theme::warning(ui), format!("No answer: {e}"));
            }
            Ok(a) => {
                ui.label(RichText::new(&a.milestone_label).strong());
                tabs(ui, a, &mut d.view);
                ui.add_space(6.0);
                let apply = match d.view {
                    View::Mix(i) => a.mixes.get(i).and_then(|x| answer(ui, x)),
                    View::Alone => each_alone(ui, &a.alone),
                    View::Chosen => chosen(ui, a.milestone, d, &mut out),
                };
                if let Some(c) = apply {
                    out.push(Command::SetCoverages(c));
                    keep = false;
                }
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Close").clicked() {
                keep = false;
            }
        });
    });
    if resp.should_close() {
        keep = false;
    }
    (keep, out)
}

fn tabs(ui: &mut Ui, a: &Answers, view: &mut View) {
    ui.horizontal_wrapped(|ui| {
        for (i, m) in a.mixes.iter().enumerate() {
            let short = match i {
                0 => "The cheapest mix".to_string(),
                1 => "All together".to_string(),
                _ => m
                    .title
                    .rsplit_once(" for ")
                    .map_or(m.title.clone(), |(_, c)| format!("All, for {c}")),
            };
            ui.selectable_value(view, View::Mix(i), short)
                .on_hover_text(&m.title);
        }
        ui.selectable_value(
            view,
            View::Alone,
            format!("Each programme alone ({})", a.alone.len()),
        );
        ui.selectable_value(view, View::Chosen, "A chosen mix");
    });
}

/// "50% chance of meeting it (about as likely as not; 500 draws of the evidence's
/// uncertainty)".
fn chance_words(a: &Answer) -> String {
    let meaning = f::chance_meaning(a.chance);
    format!(
        "{} chance of meeting it ({meaning}; {} draws of the evidence's uncertainty)",
        f::percent(a.chance),
        a.draws
    )
}

fn status_line(ui: &mut Ui, g: &GoalSeek) {
    let achieved = fmt_measure(g.measure, g.achieved, g.required);
    let required = fmt_measure(g.measure, g.required, g.required);
    let short = lifegap_core::model::milestones::shortfall(g.measure, g.achieved, g.required);
    if g.reachable {
        ui.label(format!(
            "Meets it: {achieved} against {required} required. {}.",
            capitalise(&g.note)
        ));
    } else if short <= 0.0 {
        // Scaled for a chance that cannot be had: the central projection is met, the chance
        // asked for is not.
        ui.colored_label(
            super::theme::warning(ui),
            format!(
                "Meets the central projection ({achieved} against {required} required) but not with the chance asked: {}.",
                g.note
            ),
        );
    } else {
        ui.colored_label(
            super::theme::warning(ui),
            format!(
                "Cannot be met: the best achievable is {achieved} against {required} required, still {} short ({}).",
                fmt_shortfall(g.measure, short, g.required),
                g.note
            ),
        );
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|x| x.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// One answer in full: status, chance, people and cost, the programmes, and its button.
fn answer(ui: &mut Ui, a: &Answer) -> Option<Vec<(String, f64)>> {
    ui.label(RichText::new(&a.title).strong());
    status_line(ui, &a.seek);
    ui.label(chance_words(a));
    ui.label(format!(
        "{}, above baseline; about {} a year at full delivery.",
        capitalise(&lifegap_report::export::goal_seek_pack::people_text(a)),
        f::money(a.seek.cost_per_year)
    ));
    ui.add_space(4.0);
    egui::Grid::new(("seek-programmes", &a.title))
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for h in [
                "Programme",
                "Coverage: plan → answer",
                "People above baseline",
                "Cost a year",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for p in &a.programmes {
                let name = RichText::new(&p.name);
                ui.label(if p.moved() { name.strong() } else { name });
                ui.label(if p.moved() {
                    format!("{} → {}", f::percent(p.plan), f::percent(p.coverage))
                } else {
                    format!("{} (as planned)", f::percent(p.coverage))
                });
                ui.label(people(p))
                    .on_hover_text("Eligible people × (coverage − baseline)");
                ui.label(f::money(p.cost_per_year));
                ui.end_row();
            }
        });
    apply_button(ui, &a.seek)
}

/// "5,151 people at high CVD risk on a statin", or "none above baseline".
fn people(p: &lifegap_core::model::goal_seek::answers::ProgrammeAt) -> String {
    if p.people < 0.5 {
        "none above baseline".into()
    } else {
        format!("{} {}", f::count(p.people), p.people_unit)
    }
}

/// An answer's button: its scales, or the best achievable when it cannot be met.
fn apply_button(ui: &mut Ui, g: &GoalSeek) -> Option<Vec<(String, f64)>> {
    let label = if g.reachable {
        "Apply these scales"
    } else {
        "Apply the best achievable"
    };
    (!g.coverages.is_empty()
        && ui
            .button(label)
            .on_hover_text("Set the programmes' coverage to this answer (undo with Ctrl+Z)")
            .clicked())
    .then(|| g.coverages.clone())
}

/// Each programme alone, the others as planned: one row and a button each.
fn each_alone(ui: &mut Ui, alone: &[Answer]) -> Option<Vec<(String, f64)>> {
    ui.label(RichText::new("Each programme scaled on its own, the others as planned.").small());
    let mut apply = None;
    egui::Grid::new("seek-alone")
        .striped(true)
        .num_columns(6)
        .show(ui, |ui| {
            for h in [
                "Programme",
                "Coverage",
                "People",
                "Its cost a year",
                "Chance",
                "",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for a in alone {
                let Some(p) = a
                    .programmes
                    .iter()
                    .find(|p| a.alone.as_ref() == Some(&p.id))
                else {
                    continue;
                };
                ui.label(&p.name).on_hover_text(&a.seek.note);
                if a.seek.reachable {
                    ui.label(format!(
                        "{} → {}",
                        f::percent(p.plan),
                        f::percent(p.coverage)
                    ));
                } else {
                    ui.colored_label(
                        super::theme::warning(ui),
                        format!("not enough even at {}", f::percent(p.coverage)),
                    )
                    .on_hover_text(&a.seek.note);
                }
                ui.label(f::count(p.people))
                    .on_hover_text(format!("{} above baseline", p.people_unit));
                ui.label(f::money(p.cost_per_year)).on_hover_text(format!(
                    "This programme's cost above baseline; the whole plan with it: {} a year",
                    f::money(a.seek.cost_per_year)
                ));
                ui.label(f::percent(a.chance))
                    .on_hover_text(chance_words(a));
                if let Some(c) = apply_button(ui, &a.seek) {
                    apply = Some(c);
                }
                ui.end_row();
            }
        });
    apply
}

/// A mix the user ticks, scaled together to meet the milestone.
fn chosen(
    ui: &mut Ui,
    milestone: usize,
    d: &mut GoalSeekDialog,
    out: &mut Vec<Command>,
) -> Option<Vec<(String, f64)>> {
    ui.label(
        RichText::new(
            "Tick the programmes to scale together (each the same share of the way from its baseline to its maximum); the others stay as planned.",
        )
        .small(),
    );
    ui.horizontal_wrapped(|ui| {
        for (id, name) in &d.programmes {
            let mut on = d.chosen_ids.contains(id);
            if ui.checkbox(&mut on, name).changed() {
                if on {
                    d.chosen_ids.push(id.clone());
                } else {
                    d.chosen_ids.retain(|x| x != id);
                }
                d.chosen = None;
            }
        }
    });
    // Keep the scenario's order whatever the ticking order.
    let order: Vec<&String> = d.programmes.iter().map(|(id, _)| id).collect();
    d.chosen_ids
        .sort_by_key(|id| order.iter().position(|x| *x == id).unwrap_or(usize::MAX));
    let ask = ui
        .add_enabled(
            !d.chosen_ids.is_empty(),
            egui::Button::new("Find the scale"),
        )
        .clicked();
    if ask {
        out.push(Command::SeekChosenMix {
            milestone,
            ids: d.chosen_ids.clone(),
        });
    }
    match &d.chosen {
        None => None,
        Some(Err(e)) => {
            ui.colored_label(super::theme::warning(ui), format!("No answer: {e}"));
            None
        }
        Some(Ok(a)) => {
            ui.add_space(4.0);
            answer(ui, a)
        }
    }
}
