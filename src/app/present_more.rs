//! Two slides for the support team's questions on delivery and scale, shown in presentation
//! mode when their files are loaded (Monitoring and Practices screens): delivery against the
//! plan by programme with red/amber/green (as `lifegap monitor` prints it), and what raising
//! every practice below a percentile to it is worth, by hub (as `lifegap practices` prints
//! it). The figures are the screens' own: the same model calls with the same settings.

use super::screens::ScreenCx;
use super::theme;
use egui::{Color32, RichText, Ui};
use lifegap_core::model::milestones::Status;
use lifegap_core::model::monitor::{Rag, Thresholds, monitor, scenario_plan};
use lifegap_core::model::practices::{Raise, analyse};
use lifegap_core::model::projection::central_settings;
use lifegap_report::format as f;

fn title(ui: &mut Ui, text: &str) {
    ui.add_space(10.0);
    ui.label(RichText::new(text).heading().strong().color(Color32::WHITE));
    ui.add_space(16.0);
}

fn rag_status(r: Rag) -> Status {
    match r {
        Rag::Green => Status::OnTrack,
        Rag::Amber => Status::AtRisk,
        Rag::Red => Status::OffTrack,
    }
}

/// Delivery to date against the plan, one row a programme (partners are on the screen).
pub fn monitoring_slide(ui: &mut Ui, cx: &ScreenCx) {
    let Some((_, acts)) = &cx.view.actuals else {
        return;
    };
    let Some(sim) = cx.sim() else { return };
    let settings = central_settings(cx.scenario);
    let (lines, _) = scenario_plan(sim, cx.scenario, &settings);
    let lines: Vec<_> = lines
        .into_iter()
        .filter(|l| acts.iter().any(|a| a.programme == l.programme))
        .collect();
    let Some(to_date) = acts.iter().map(|a| a.quarter).max() else {
        return;
    };
    let rows: Vec<_> = monitor(&lines, acts, to_date, Thresholds::default())
        .into_iter()
        .filter(|r| r.partner == "all")
        .collect();
    let behind = rows.iter().filter(|r| r.rag != Rag::Green).count();
    title(
        ui,
        &if behind == 0 {
            format!(
                "Delivery to {to_date}: every programme on plan ({} programmes)",
                rows.len()
            )
        } else {
            format!(
                "Delivery to {to_date}: {behind} of {} programmes behind plan",
                rows.len()
            )
        },
    );
    let name = |id: &str| {
        cx.scenario
            .programmes
            .iter()
            .find(|p| p.id == id)
            .map_or(id.to_string(), |p| p.name.clone())
    };
    let end = rows.first().map_or(String::new(), |r| r.end.to_string());
    let big = |t: String| RichText::new(t).size(20.0);
    egui::Grid::new("slide-monitoring")
        .striped(true)
        .spacing([24.0, 14.0])
        .show(ui, |ui| {
            for h in [
                "Programme".to_string(),
                "Plan to date".into(),
                "Actual".into(),
                "Variance".into(),
                String::new(),
                format!("At this rate, by {end}"),
            ] {
                ui.label(big(h).strong());
            }
            ui.end_row();
            for r in &rows {
                ui.label(big(name(&r.programme)));
                ui.label(big(f::count(r.plan_to_date)));
                ui.label(big(f::count(r.actual_to_date)));
                ui.label(big(r.variance_share.map_or("–".into(), f::percent)));
                ui.label(
                    big(format!(" {} ", r.rag.label()))
                        .strong()
                        .color(Color32::WHITE)
                        .background_color(theme::rag(rag_status(r.rag))),
                );
                ui.label(big(format!(
                    "{} (plan {})",
                    f::count(r.forecast_actual_rate),
                    f::count(r.plan_end)
                )));
                ui.end_row();
            }
        });
    ui.add_space(16.0);
    ui.label("People reached to date against the quarterly plan; green at 95% of the plan or more, amber at 85%, red below.");
}

/// The practices: raising every practice below the chosen percentile to it, by hub.
pub fn practices_slide(ui: &mut Ui, cx: &ScreenCx) {
    let Some((_, list)) = &cx.view.practices else {
        return;
    };
    let Some(results) = cx.current_results() else {
        return;
    };
    // The Practices screen's programme (else blood pressure, else the first switched on),
    // priced as the screen prices it: at the margin of the plan and of business as usual.
    let enabled: Vec<_> = results.programmes.iter().filter(|p| p.enabled).collect();
    let Some(p) = cx
        .view
        .practice_programme
        .as_deref()
        .and_then(|id| enabled.iter().find(|p| p.id == id))
        .or_else(|| enabled.iter().find(|p| p.id == "blood_pressure"))
        .or(enabled.first())
    else {
        return;
    };
    let pct = cx.view.practice_percentile;
    let a = analyse(
        list,
        Raise::Percentile(f64::from(pct) / 100.0),
        cx.sim()
            .and_then(|sim| {
                lifegap_core::model::marginal::deaths_per_extra_person(
                    sim,
                    cx.scenario,
                    &lifegap_core::model::projection::central_settings(cx.scenario),
                    &p.id,
                    results.headline,
                )
                .ok()
            })
            .unwrap_or(0.0),
    );
    title(
        ui,
        &format!(
            "{}: raising every practice below the {pct}th percentile to it reaches {} more people and postpones {} deaths a year",
            p.name,
            f::count(a.extra_people),
            f::deaths(a.deaths_postponed)
        ),
    );
    ui.label(
        RichText::new(format!(
            "{} practices, pooled rate {}; the {pct}th percentile is {}. \"70% achievement means 30% failure.\"",
            list.len(),
            f::percent(a.p0),
            f::percent(a.threshold.unwrap_or(a.p0))
        ))
        .size(22.0),
    );
    ui.add_space(12.0);
    egui::Grid::new("slide-practices")
        .striped(true)
        .spacing([40.0, 14.0])
        .show(ui, |ui| {
            for h in [
                "Hub",
                "Practices",
                "Rate now",
                "More people",
                "Deaths postponed a year",
            ] {
                ui.label(RichText::new(h).size(22.0).strong());
            }
            ui.end_row();
            for h in &a.hubs {
                ui.label(RichText::new(&h.hub).size(22.0));
                ui.label(RichText::new(h.practices.to_string()).size(22.0));
                ui.label(
                    RichText::new(if h.register > 0.0 {
                        f::percent(h.achieving / h.register)
                    } else {
                        "–".into()
                    })
                    .size(22.0),
                );
                ui.label(RichText::new(f::count(h.extra_people)).size(22.0));
                ui.label(RichText::new(f::deaths(h.deaths_postponed)).size(22.0));
                ui.end_row();
            }
        });
    ui.add_space(16.0);
    ui.label("Each hub's practices below the percentile raised to it; deaths postponed at the programme's own rate per person reached.");
}
