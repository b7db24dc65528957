//! A programme's per-partner quarterly delivery milestones: a table (quarters down, partners
//! across, so it fits a narrow window) and a chart of each partner's cumulative people, from
//! `lifegap_core::model::action_plan::partner_schedule`.

use crate::app::{charts, theme};
use egui::{RichText, Ui};
use lifegap_core::model::action_plan::{PartnerSchedule, UNASSIGNED};
use lifegap_report::format as f;

pub fn show(ui: &mut Ui, id: &str, name: &str, s: &PartnerSchedule) {
    egui::CollapsingHeader::new(format!("Quarterly delivery milestones by partner: {name}"))
        .id_salt(("partner-quarters", id))
        .default_open(false)
        .show(ui, |ui| {
            ui.label(
                RichText::new(
                    "People above the base period each partner must have reached by the end of each quarter (cumulative, as planned): its share of the programme's countdown.",
                )
                .small(),
            );
            // The table above the chart, each at full width: a partner column is never clipped.
            {
                egui::Grid::new(("partner-quarters-table", id))
                    .striped(true)
                    .num_columns(s.partners.len() + 1)
                    .show(ui, |ui| {
                        ui.label(RichText::new("Quarter").strong());
                        for (p, _) in &s.partners {
                            ui.label(RichText::new(p).strong());
                        }
                        ui.end_row();
                        for (i, (q, _)) in s.quarters.iter().enumerate() {
                            ui.label(q);
                            for (p, v) in &s.partners {
                                ui.label(f::count(v[i])).accessible_name(format!(
                                    "{name}, {p}, by the end of {q}: {} people",
                                    f::count(v[i])
                                ));
                            }
                            ui.end_row();
                        }
                    });
                let series: Vec<charts::Series> = s
                    .partners
                    .iter()
                    .enumerate()
                    .map(|(k, (p, v))| {
                        let colour = if p == UNASSIGNED {
                            theme::TARGET
                        } else {
                            theme::series(k)
                        };
                        let pts = s
                            .quarters
                            .iter()
                            .zip(v)
                            .map(|((_, d), v)| (d.as_year(), *v))
                            .collect();
                        (p.clone(), pts, colour, p == UNASSIGNED)
                    })
                    .collect();
                charts::lines(
                    ui,
                    &format!("partner-quarters-chart-{id}"),
                    "people (cumulative)",
                    &series,
                    260.0,
                );
            }
        });
}
