//! Action plan: for each programme, the partners and localities that deliver it, their named
//! leads and shares, what each contributes to the milestones, and the support team's checklist.
//! Stored in the scenario; exported as CSV and in the board pack.

use super::ScreenCx;
use egui::{RichText, Ui};
use lifegap_core::model::action_plan::{Answer, Partner, ProgrammePlan, contributions};
use lifegap_report::format as f;

pub fn show(ui: &mut Ui, cx: &mut ScreenCx) {
    ui.heading("Thematic action plan");
    ui.label("Split each programme's delivery across partners and localities, each with a named lead and a share of the people to reach. Their quarterly milestones are their share of the countdown.");
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
                    for h in ["Partner", "Locality", "Lead", "Share", "Years closed", ""] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for (j, p) in plan.partners.iter_mut().enumerate() {
                        let n = format!("{name}: partner {}", j + 1);
                        ui.add_sized([240.0, 22.0], egui::TextEdit::singleline(&mut p.name)).accessible_name(format!("{n} name"));
                        ui.add_sized([130.0, 22.0], egui::TextEdit::singleline(&mut p.locality)).accessible_name(format!("{n} locality"));
                        ui.add_sized([220.0, 22.0], egui::TextEdit::singleline(&mut p.lead)).accessible_name(format!("{n} lead"));
                        let mut pct = p.share * 100.0;
                        if ui
                            .add(egui::DragValue::new(&mut pct).range(0.0..=100.0).speed(0.5).suffix("%"))
                            .accessible_name(format!("{n} share"))
                            .changed()
                        {
                            p.share = pct / 100.0;
                        }
                        let mine: Vec<String> = parts
                            .iter()
                            .filter(|c| c.programme == id && c.partner == p.name && (c.share - p.share).abs() < 1e-12)
                            .flat_map(|c| c.milestones.iter().map(|(m, g)| format!("{m}: {}", f::gain(*g))))
                            .collect();
                        ui.label(RichText::new(mine.first().cloned().unwrap_or_default()).small())
                            .on_hover_text(mine.join("\n"));
                        if ui.button("Remove").on_hover_text("Remove this partner").clicked() {
                            remove = Some(j);
                        }
                        ui.end_row();
                    }
                });
                if let Some(j) = remove {
                    plan.partners.remove(j);
                }
                ui.horizontal(|ui| {
                    if ui.button(format!("Add a partner to {name}")).clicked() {
                        let left = (1.0 - plan.share_total()).max(0.0);
                        plan.partners.push(Partner {
                            name: "New partner".into(),
                            locality: String::new(),
                            lead: String::new(),
                            share: left,
                        });
                    }
                    let total = plan.share_total();
                    if !plan.partners.is_empty() {
                        let text = format!("Shares add up to {}", f::percent(total));
                        if (total - 1.0).abs() > 1e-6 {
                            ui.colored_label(crate::app::theme::TARGET, format!("{text}: they must add up to 100%"));
                        } else {
                            ui.label(text);
                        }
                    }
                });
                if !milestone_labels.is_empty() && !plan.partners.is_empty() {
                    ui.label(RichText::new("Years closed: each partner's share of the programme's credited gain for the first milestone; hover for all milestones.").small());
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
