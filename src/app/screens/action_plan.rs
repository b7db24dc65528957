//! Action plan: for each programme, the partners and localities that deliver it, their named
//! leads and shares, what each contributes to the milestones, and the support team's checklist.
//! Stored in the scenario; exported as CSV and in the board pack.

use super::ScreenCx;
use egui::{RichText, Ui};
use lifegap_core::model::action_plan::{
    Answer, PARTNER_TEMPLATES, Partner, PartnerContribution, ProgrammePlan, UNASSIGNED,
    contributions, partner_schedule,
};
use lifegap_report::format as f;

pub fn show(ui: &mut Ui, cx: &mut ScreenCx) {
    ui.heading("Thematic action plan");
    ui.label("Split each programme's delivery across partners and localities, each with a named lead and a share of the people to reach. Their quarterly milestones are their share of the countdown. Shares need not add up to 100% while you work: the rest shows as unassigned and the results keep updating.");
    let cx_results = cx.results();
    let parts = cx
        .results()
        .map(|r| contributions(&cx.scenario.action_plan, r))
        .unwrap_or_default();
    let milestone_labels: Vec<String> = cx
        .results()
        .map(|r| {
            r.milestones
                .iter()
                .map(|m| m.result.label.clone())
                .collect()
        })
        .unwrap_or_default();
    let programmes: Vec<(String, String)> = cx
        .scenario
        .programmes
        .iter()
        .filter(|p| p.enabled)
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    for (id, name) in programmes {
        let plan_idx = cx
            .scenario
            .action_plan
            .programmes
            .iter()
            .position(|p| p.programme == id);
        egui::CollapsingHeader::new(RichText::new(&name).strong().size(16.0))
            .id_salt(("plan", &id))
            .default_open(plan_idx.is_some())
            .show(ui, |ui| {
                let Some(k) = plan_idx else {
                    if ui.button(format!("Start a delivery plan for {name}")).clicked() {
                        cx.scenario.action_plan.programmes.push(ProgrammePlan::new(&id));
                    }
                    return;
                };
                let plan = &mut cx.scenario.action_plan.programmes[k];
                ui.horizontal(|ui| {
                    ui.label("Programme lead");
                    ui.add(egui::TextEdit::singleline(&mut plan.lead).desired_width(360.0))
                        .accessible_name(format!("{name}: programme lead"));
                });
                let mut remove = None;
                egui::Grid::new(("partners", &id)).striped(true).num_columns(6).show(ui, |ui| {
                    for h in ["Partner", "Locality", "Lead", "Share", "Contribution", ""] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for (j, p) in plan.partners.iter_mut().enumerate() {
                        let n = format!("{name}: partner {}", j + 1);
                        ui.add_sized([170.0, 22.0], egui::TextEdit::singleline(&mut p.name)).accessible_name(format!("{n} name"));
                        ui.add_sized([110.0, 22.0], egui::TextEdit::singleline(&mut p.locality)).accessible_name(format!("{n} locality"));
                        ui.add_sized([150.0, 22.0], egui::TextEdit::singleline(&mut p.lead)).accessible_name(format!("{n} lead"));
                        let mut pct = p.share * 100.0;
                        if ui
                            .add(egui::DragValue::new(&mut pct).range(0.0..=100.0).speed(0.5).suffix("%"))
                            .accessible_name(format!("{n} share"))
                            .changed()
                        {
                            p.share = pct / 100.0;
                        }
                        // Matched by position: the plan's partners come first, in order.
                        let mine = parts.iter().filter(|c| c.programme == id).nth(j);
                        let (first, all) = mine.map(contribution_text).unwrap_or_default();
                        ui.label(RichText::new(first).small())
                            .on_hover_text(all);
                        if ui.button("Remove").on_hover_text("Remove this partner").clicked() {
                            remove = Some(j);
                        }
                        ui.end_row();
                    }
                    // What no partner has taken on yet, credited to nobody.
                    if let Some(u) = parts.iter().find(|c| c.programme == id && c.partner == UNASSIGNED) {
                        ui.colored_label(crate::app::theme::warning(ui), UNASSIGNED)
                            .accessible_name(format!("{name}: unassigned {}", f::percent(u.share)));
                        ui.label("");
                        ui.label("");
                        ui.label(f::percent(u.share));
                        let (first, all) = contribution_text(u);
                        ui.label(RichText::new(first).small()).on_hover_text(all);
                        ui.label("");
                        ui.end_row();
                    }
                });
                if let Some(j) = remove {
                    plan.partners.remove(j);
                }
                ui.horizontal_wrapped(|ui| {
                    let left = (1.0 - plan.share_total()).max(0.0);
                    let add = |name: &str| Partner {
                        name: name.into(),
                        locality: String::new(),
                        lead: String::new(),
                        share: left,
                    };
                    if ui.button(format!("Add a partner to {name}")).clicked() {
                        plan.partners.push(add("New partner"));
                    }
                    // The usual delivery partners of a 2010 spearhead programme.
                    let mut pick = None;
                    egui::ComboBox::from_id_salt(("template", &id))
                        .selected_text("or add from a template…")
                        .show_ui(ui, |ui| {
                            for t in PARTNER_TEMPLATES {
                                if ui.selectable_label(false, t).clicked() {
                                    pick = Some(t);
                                }
                            }
                        })
                        .response
                        .accessible_name(format!("{name}: add a partner from a template"));
                    if let Some(t) = pick {
                        plan.partners.push(add(t));
                    }
                });
                if !plan.partners.is_empty() {
                    let a = plan.assignment();
                    match a.warning() {
                        Some(w) => {
                            ui.colored_label(crate::app::theme::warning(ui), format!("⚠ {w}"));
                        }
                        None => {
                            ui.label(format!("Shares add up to {}", f::percent(a.typed_total)));
                        }
                    }
                }
                if !milestone_labels.is_empty() && !plan.partners.is_empty() {
                    ui.label(RichText::new("Contribution: each partner's share of the programme's credited life expectancy for the first milestone, its deaths postponed a year and its people; hover for every milestone.").small());
                }
                if let Some(r) = cx_results
                    && let Some(sched) = partner_schedule(plan, r)
                {
                    super::action_plan_quarters::show(ui, &id, &name, &sched);
                }
                ui.add_space(4.0);
                ui.label(RichText::new("Delivery questions a national support team asks").strong());
                egui::Grid::new(("checklist", &id)).striped(true).num_columns(3).show(ui, |ui| {
                    for (j, item) in plan.checklist.iter_mut().enumerate() {
                        ui.label(&item.question);
                        egui::ComboBox::from_id_salt(("answer", &id, j))
                            .selected_text(item.answer.label())
                            .show_ui(ui, |ui| {
                                for a in Answer::ALL {
                                    ui.selectable_value(&mut item.answer, a, a.label());
                                }
                            })
                            .response
                            .accessible_name(format!("{name}: answer {}", j + 1));
                        ui.add(egui::TextEdit::singleline(&mut item.note).desired_width(320.0).hint_text("note"))
                            .accessible_name(format!("{name}: note {}", j + 1));
                        ui.end_row();
                    }
                });
                if ui.button(format!("Remove the delivery plan for {name}")).clicked() {
                    cx.scenario.action_plan.programmes.remove(k);
                }
            });
    }
}

/// A partner's contribution in human units: for the first milestone "3 days · 1.2 deaths a
/// year · 450 people", and every milestone's on hover.
fn contribution_text(c: &PartnerContribution) -> (String, String) {
    let people = format!(
        "{} deaths a year · {} people",
        f::deaths(c.deaths_per_year),
        f::count(c.people)
    );
    let first = c
        .milestone_years
        .first()
        .map(|(_, y)| format!("{} · {people}", f::life_time(*y)))
        .unwrap_or_else(|| people.clone());
    let all = c
        .milestone_years
        .iter()
        .map(|(m, y)| format!("{m}: {} of life expectancy", f::life_time(*y)))
        .chain([format!(
            "{people} (deaths postponed over the headline period; people at full delivery)"
        )])
        .collect::<Vec<_>>()
        .join("\n");
    (first, all)
}
