//! Overview: local and England life expectancy at birth by sex with 95% limits, the gap, its
//! trend over the history periods with the projections with and without the programmes and
//! the milestones' targets, the three answers for a board (`overview_cards`) and where the
//! data came from.

use super::ScreenCx;
use crate::app::{charts, theme};
use egui::{RichText, Ui};
use lifegap_core::model::area::Sex;
use lifegap_core::model::milestones::Measure;
use lifegap_report::format as f;

pub fn show(ui: &mut Ui, cx: &mut ScreenCx) {
    let sex = cx.sex();
    let s = &cx.scenario;
    ui.heading(format!("Life expectancy at birth, {}", s.base_period));
    ui.add_space(4.0);
    egui::Grid::new("le-table")
        .num_columns(4)
        .striped(true)
        .spacing([28.0, 8.0])
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new(&s.area).strong());
            ui.label(RichText::new(&s.comparator).strong());
            ui.label(RichText::new("Gap (95% interval)").strong());
            ui.end_row();
            for x in Sex::BOTH {
                let Some(b) = cx.base_for(x) else { continue };
                let (l, c) = (&b.local.rows[0], &b.comparator.rows[0]);
                let gap = c.e - l.e;
                let se = (l.se.powi(2) + c.se.powi(2)).sqrt();
                let z = lifegap_core::model::normal::Z95;
                ui.label(RichText::new(x.plural_label()).strong());
                let cell = |ui: &mut Ui, who: &str, e: f64, lo: f64, hi: f64| {
                    let text = format!("{} ({}–{})", f::years(e), f::years(lo), f::years(hi));
                    ui.label(RichText::new(&text).size(18.0))
                        .accessible_name(format!(
                            "{who}, {}: {text}",
                            x.plural_label().to_lowercase()
                        ));
                };
                cell(ui, &s.area, l.e, l.lower, l.upper);
                cell(ui, &s.comparator, c.e, c.lower, c.upper);
                cell(ui, "Gap", gap, gap - z * se, gap + z * se);
                ui.end_row();
            }
        });
    ui.label(RichText::new(format!("PHE/ONS life-table method (Chiang II, Silcocks' open-band variance); gap = {} − {}, 95% interval from both life tables' standard errors.", s.comparator, s.area)).small());

    ui.add_space(12.0);
    super::overview_cards::milestones(ui, cx);
    ui.add_space(12.0);
    super::overview_cards::next_quarter(ui, cx);
    let s = &cx.scenario;

    ui.add_space(12.0);
    ui.heading(format!("Trend, {}", sex.plural_label().to_lowercase()));
    let mut local = Vec::new();
    let mut comp = Vec::new();
    for h in &s.history {
        local.push((h.period.mid(), h.local.get(sex)));
        comp.push((h.period.mid(), h.comparator.get(sex)));
    }
    if let Some(b) = cx.base_for(sex) {
        local.push((s.base_period.mid(), b.local.e0()));
        comp.push((s.base_period.mid(), b.comparator.e0()));
    }
    local.sort_by(|a, b| a.0.total_cmp(&b.0));
    comp.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut series = vec![
        (
            format!("{} (history and {})", s.area, s.base_period),
            local,
            theme::LOCAL,
            false,
        ),
        (
            format!("{} (history and {})", s.comparator, s.base_period),
            comp,
            theme::COMPARATOR,
            false,
        ),
    ];
    if let Some(r) = cx.results()
        && let Some(x) = r.projection.sex(sex)
    {
        let ys = |v: &[f64]| {
            r.projection
                .years
                .iter()
                .zip(v)
                .map(|(y, v)| (*y as f64 + 0.5, *v))
                .collect::<Vec<_>>()
        };
        series.push((
            format!("{} projected with programmes", s.area),
            ys(&x.e0_local_with),
            theme::WITH,
            true,
        ));
        series.push((
            format!("{} projected without programmes", s.area),
            ys(&x.e0_local_without),
            theme::WITHOUT,
            true,
        ));
        // Each milestone of this sex as the local life expectancy it requires over its
        // period (a gap target read against England's projected e₀ there).
        for m in r.milestones.iter().filter(|m| m.result.sex == sex) {
            let x = &m.result;
            let e0 = match x.measure {
                Measure::GapYears => x.pooled.e0_comparator - x.required,
                Measure::GapShare => x.pooled.e0_comparator * (1.0 - x.required),
                Measure::LifeExpectancy => x.required,
            };
            series.push((
                format!("Target: {} ({} years)", x.label, f::years(e0)),
                vec![
                    (x.period.first as f64, e0),
                    (x.period.last as f64 + 1.0, e0),
                ],
                theme::TARGET,
                false,
            ));
        }
        series.push((
            format!("{} projected", s.comparator),
            ys(&x.e0_comparator),
            theme::COMPARATOR,
            true,
        ));
    }
    charts::lines(
        ui,
        "overview-trend",
        "life expectancy at birth (years)",
        &series,
        charts::height_for(ui, 280.0),
    );

    ui.add_space(12.0);
    ui.heading("Data");
    let p = &cx.data.provenance;
    egui::Grid::new("provenance").num_columns(2).show(ui, |ui| {
        ui.label("File");
        ui.label(&p.source);
        ui.end_row();
        ui.label("Period");
        ui.label(
            p.period
                .clone()
                .unwrap_or_else(|| s.base_period.to_string()),
        );
        ui.end_row();
        ui.label("Synthetic");
        ui.label(if p.synthetic {
            "YES: invented data for demonstration"
        } else {
            "no"
        });
        ui.end_row();
        ui.label("Areas and causes");
        ui.label(format!(
            "{} areas, {} causes, bands {}",
            cx.data.areas().len(),
            cx.data.causes.len(),
            cx.data.bands.describe()
        ));
        ui.end_row();
        if cx.data_problems.has_errors() || cx.data_problems.warning_count() > 0 {
            ui.label("Problems in the file");
            ui.label(format!(
                "{} error(s), {} warning(s) in groups this scenario does not use",
                cx.data_problems.error_count(),
                cx.data_problems.warning_count()
            ));
            ui.end_row();
        }
    });
    for n in &p.notes {
        ui.label(RichText::new(n).small());
    }
    if !s.notes.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new(&s.notes).italics());
    }
}
