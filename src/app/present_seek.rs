//! The slide "What it would take", one for each milestone of the sex shown that the plan
//! misses: the plan beside the cheapest mix and every programme scaled together — coverage and
//! people above baseline by programme, people and cost in all, what each gives, whether it
//! meets the milestone and its chance — the board pack's page in the room
//! (`lifegap_report::export::goal_seek_pack`, the same table and finding).
//!
//! The three answers take a moment (each chance is the scenario's Monte Carlo draws, as the
//! Countdown's, so the plan's chance is the one shown there), so they are worked out once per
//! milestone for the scenario as it is and kept in egui's memory until it changes (the
//! programmes slide's sliders change it).

use super::present::title;
use super::screens::ScreenCx;
use egui::{Id, RichText, Ui};
use lifegap_core::model::goal_seek::answers::{Answer, beside_the_plan};
use lifegap_core::model::scenario::Scenario;
use lifegap_report::export::goal_seek_pack::{finding, table};
use std::sync::Arc;

/// The answers of the scenario as it was when they were worked out.
#[derive(Clone)]
struct Kept {
    scenario: Scenario,
    answers: Result<Box<[Answer; 3]>, String>,
}

/// The answers for milestone `index`, from memory when the scenario has not changed.
fn answers(ui: &Ui, cx: &ScreenCx, index: usize) -> Option<Result<Box<[Answer; 3]>, String>> {
    // One memory per milestone, so moving between the slides does not seek again; an `Arc`
    // so reading it each frame copies nothing.
    let id = Id::unique(("slide-what-it-takes", index));
    if let Some(k) = ui.data(|d| d.get_temp::<Arc<Kept>>(id))
        && k.scenario == *cx.scenario
    {
        return Some(k.answers.clone());
    }
    let sim = cx.sim()?;
    // The scenario's draws, as the app's Monte Carlo: the plan's chance is the Countdown's.
    let answers = beside_the_plan(sim, cx.scenario, index, cx.scenario.uncertainty)
        .map(Box::new)
        .map_err(|e| e.to_string());
    let kept = Arc::new(Kept {
        scenario: cx.scenario.clone(),
        answers: answers.clone(),
    });
    ui.data_mut(|d| d.insert_temp(id, kept));
    Some(answers)
}

pub fn slide(ui: &mut Ui, cx: &ScreenCx, index: usize, k: f32) {
    let Some(r) = cx.current_results() else {
        return;
    };
    let Some(x) = r.milestones.get(index).map(|m| &m.result) else {
        return;
    };
    let answers = match answers(ui, cx, index) {
        Some(Ok(a)) => a,
        Some(Err(e)) => {
            title(ui, &format!("What it would take: no answer ({e})"), k);
            return;
        }
        None => return,
    };
    title(ui, &finding(x, &answers), k);
    let t = table(x, &answers);
    ui.label(RichText::new(&t.heading).small());
    ui.add_space((8.0 * k).round());
    egui::Grid::new("slide-what-it-takes")
        .striped(true)
        .spacing([(24.0 * k).round(), (4.0 * k).round()])
        .show(ui, |ui| {
            ui.label(
                RichText::new("Coverage (people above baseline)")
                    .small()
                    .strong(),
            );
            for c in &t.columns {
                ui.label(RichText::new(c).strong());
            }
            ui.end_row();
            for (name, cells) in &t.programmes {
                ui.label(RichText::new(name).small());
                for c in cells {
                    ui.label(RichText::new(c).small());
                }
                ui.end_row();
            }
            for (label, cells) in &t.totals {
                ui.label(RichText::new(*label).strong());
                for c in cells {
                    ui.label(RichText::new(c).strong());
                }
                ui.end_row();
            }
        });
}
