//! Region: every area of a multi-area file against the comparator, the current scenario as
//! template — the league table `lifegap run-all SCENARIO --data FILE` writes (central
//! estimates), sortable by any column, with the gap ranked in a bar chart. An area can be
//! opened as a scenario of its own, so every other screen works for it.

use super::ScreenCx;
use crate::app::command::Command;
use crate::app::dialogs::Purpose;
use crate::app::files::Action;
use crate::app::region::{RegionView, SortKey};
use crate::app::{charts, theme};
use egui::{RichText, Ui};
use lifegap_core::league::{AreaRow, Outcome};
use lifegap_core::model::area::Sex;
use lifegap_core::model::milestones::Status;
use lifegap_report::format as f;
use std::cmp::Ordering;

/// Bars drawn in the chart at most (the widest gaps); the table lists every area.
const CHART_AREAS: usize = 40;

/// Rows laid out at most (egui lays out every row of a grid each frame; 7,000 wards would
/// slow the window): the first in the chosen order, with a note. Sorting reaches the others,
/// and `lifegap run-all` writes them all.
pub(crate) const TABLE_ROWS: usize = 500;

pub fn show(ui: &mut Ui, cx: &mut ScreenCx) {
    ui.heading("Region: every area against the comparator");
    ui.label(RichText::new("A file with many areas (e.g. from lifegap build-data) and the current scenario as template: its programmes, coverage, costs and milestones applied to every area, as lifegap run-all does (central estimates). Click a column heading to sort, an area to open it.").small());
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        if ui
            .button("Open a region file…")
            .on_hover_text("Read a multi-area file (CSV) and rank its areas")
            .clicked()
        {
            cx.commands.push(Command::PromptFile(Purpose::OpenRegion));
        }
        if let Some(p) = &cx.view.region_loading {
            ui.spinner();
            ui.label(format!("Computing every area of {}…", file_name(p)));
        }
    });
    let scenario = cx.scenario.clone();
    let sex = cx.sex();
    let Some(r) = cx.view.region.as_mut() else {
        ui.label("No region file loaded.");
        return;
    };
    if r.league.outcomes.is_empty() {
        ui.label(format!(
            "{}: {} areas, no league table.",
            file_name(&r.path),
            r.data.areas().len()
        ))
    } else {
        ui.label(format!(
            "{}: {} areas against {}, template {}.",
            file_name(&r.path),
            r.league.outcomes.len(),
            r.league.comparator,
            r.template.name
        ))
    }
    .on_hover_text(r.path.display().to_string());
    if r.template != scenario {
        ui.horizontal(|ui| {
            ui.colored_label(
                theme::warning(ui),
                "The scenario changed since this table was computed.",
            );
            if ui.button("Recompute").clicked() {
                cx.commands
                    .push(Command::FileChosen(Purpose::OpenRegion, r.path.clone()));
            }
        });
    }
    if let Some(e) = &r.league_error {
        // The reason may list every area of the file (7,000 wards): its start is enough.
        let short: String = e.chars().take(300).collect();
        let more = if short.len() < e.len() { "…" } else { "" };
        ui.colored_label(theme::warning(ui), format!("No league table: {short}{more}"))
            .on_hover_text("A league table needs the template's comparator in the file; the areas' own life expectancy is shown below.");
    }
    if let Some((most, least)) = &r.within {
        ui.horizontal(|ui| {
            ui.label(RichText::new("Within the area:").strong());
            ui.label(format!(
                "this file is by deprivation ({most} most deprived … {least} least deprived)."
            ));
            if ui
                .button(format!("Open {most} vs {least}"))
                .on_hover_text("A new scenario (as lifegap within makes it): the most deprived group as the area, the least deprived as comparator, this scenario's programmes delivered in the most deprived group and its gap-reduction milestones on the gap within the area. Gap breakdown, Countdown, the slides and the board pack then show the gap within the area")
                .clicked()
            {
                cx.commands
                    .push(Command::Request(Action::OpenWithinArea));
            }
        });
    }
    if !r.sii.is_empty() {
        ui.add_space(4.0);
        let period = r
            .data
            .provenance
            .period
            .as_deref()
            .and_then(|t| t.parse().ok())
            .unwrap_or(r.template.base_period);
        super::sii_section::section(ui, &r.sii, sex, Some((&r.path, period)), cx.commands);
        ui.add_space(4.0);
    }
    for n in &r.league.notes {
        ui.label(RichText::new(n).small());
    }
    ui.add_space(4.0);
    if let Some(area) = r.selected.clone() {
        ui.horizontal(|ui| {
            ui.label(RichText::new(&area).strong());
            if ui
                .button("Open this area")
                .on_hover_text("A new scenario: this one with its area set to the selected area and its data the region file")
                .clicked()
            {
                cx.commands
                    .push(Command::Request(Action::OpenRegionArea(area.clone())));
            }
        });
        if !area.eq_ignore_ascii_case(&r.template.area) {
            ui.label(RichText::new(format!("As in run-all: the file has no earlier life expectancy for {area}, so the scenario has no history; a trend fitted to history becomes {}'s fitted rate, and gap-reduction milestones with a baseline before the base period are left out.", r.template.area)).small());
        }
    }
    ui.add_space(4.0);
    if r.league.outcomes.is_empty() {
        super::ward_le::section(ui, &r.ward_le, sex);
        return;
    }
    // The table scrolls on its own (a region may have 150 areas and many milestone columns),
    // so the chart below stays in reach and keeps the panel's width.
    egui::ScrollArea::both()
        .id_salt("region-table")
        .max_height(340.0)
        .auto_shrink([false, true])
        .show(ui, |ui| table(ui, r));
    ui.add_space(8.0);
    chart(ui, r, sex);
    ui.add_space(8.0);
    super::ward_le::section(ui, &r.ward_le, sex);
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name().map_or(p.display().to_string(), |n| {
        n.to_string_lossy().into_owned()
    })
}

fn sex_row(r: &AreaRow, sex: Sex) -> Option<&lifegap_core::league::SexRow> {
    r.sexes.iter().find(|x| x.sex == sex)
}

/// Sort order of a milestone status: worst first when sorting high to low.
fn status_rank(s: &str) -> f64 {
    match s {
        "off track" => 3.0,
        "at risk" => 2.0,
        "on track" => 1.0,
        _ => 0.0,
    }
}

fn key(o: &Outcome, k: SortKey) -> Option<f64> {
    let r = o.row.as_ref().ok()?;
    match k {
        SortKey::Area => None,
        SortKey::E0(s) => sex_row(r, s).map(|x| x.e0_local),
        SortKey::Gap(s) => sex_row(r, s).map(|x| x.gap),
        SortKey::Share(s) => sex_row(r, s).and_then(|x| x.share_of_shortfall),
        SortKey::Milestone(i) => r.milestones.get(i).map(|m| status_rank(&m.status)),
        SortKey::Cost => Some(r.cost_per_year),
    }
}

/// The table's row order: by the chosen column, areas without a value last, ties by name.
pub fn sorted(r: &RegionView) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..r.league.outcomes.len()).collect();
    let o = &r.league.outcomes;
    idx.sort_by(|&a, &b| {
        let by = if r.sort == SortKey::Area {
            o[a].area.to_lowercase().cmp(&o[b].area.to_lowercase())
        } else {
            match (key(&o[a], r.sort), key(&o[b], r.sort)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        };
        let by = if r.descending { by.reverse() } else { by };
        by.then_with(|| o[a].area.cmp(&o[b].area))
    });
    idx
}

fn heading(ui: &mut Ui, r: &mut RegionView, text: &str, k: SortKey) {
    let arrow = match (r.sort == k, r.descending) {
        (true, true) => " ▼",
        (true, false) => " ▲",
        _ => "",
    };
    let clicked = ui
        .add(egui::Button::new(RichText::new(format!("{text}{arrow}")).strong()).frame(false))
        .on_hover_text("Sort by this column (click again to reverse)")
        .clicked();
    if clicked {
        if r.sort == k {
            r.descending = !r.descending;
        } else {
            r.sort = k;
            r.descending = k != SortKey::Area;
        }
    }
}

fn table(ui: &mut Ui, r: &mut RegionView) {
    let labels = r.league.milestone_labels.clone();
    let mut order = sorted(r);
    let total = order.len();
    order.truncate(TABLE_ROWS);
    if total > TABLE_ROWS {
        ui.label(format!(
            "The first {TABLE_ROWS} of {total} areas in this order (sort to see others; lifegap run-all writes every row)."
        ));
    }
    egui::Grid::new("region-league")
        .striped(true)
        .num_columns(8 + labels.len())
        .show(ui, |ui| {
            heading(ui, r, "Area", SortKey::Area);
            heading(ui, r, "e₀ men", SortKey::E0(Sex::Male));
            heading(ui, r, "e₀ women", SortKey::E0(Sex::Female));
            heading(ui, r, "Gap men", SortKey::Gap(Sex::Male));
            heading(ui, r, "Gap women", SortKey::Gap(Sex::Female));
            for (i, l) in labels.iter().enumerate() {
                heading(ui, r, l, SortKey::Milestone(i));
            }
            heading(ui, r, "Share of shortfall, men", SortKey::Share(Sex::Male));
            heading(ui, r, "women", SortKey::Share(Sex::Female));
            heading(ui, r, "Cost a year", SortKey::Cost);
            ui.end_row();
            for i in order {
                let o = &r.league.outcomes[i];
                let sel = r.selected.as_deref() == Some(o.area.as_str());
                if ui
                    .selectable_label(sel, &o.area)
                    .on_hover_text("Select to open this area")
                    .clicked()
                {
                    r.selected = Some(o.area.clone());
                }
                match &o.row {
                    Ok(row) => cells(ui, row),
                    Err(e) => {
                        ui.colored_label(theme::warning(ui), format!("Not evaluated: {e}"));
                    }
                }
                ui.end_row();
            }
        });
}

fn cells(ui: &mut Ui, row: &AreaRow) {
    let s = |sex| sex_row(row, sex);
    for sex in [Sex::Male, Sex::Female] {
        ui.label(s(sex).map_or("–".into(), |x| f::years(x.e0_local)));
    }
    for sex in [Sex::Male, Sex::Female] {
        ui.label(s(sex).map_or("–".into(), |x| f::years(x.gap)));
    }
    for m in &row.milestones {
        let status = match m.status.as_str() {
            "on track" => Some(Status::OnTrack),
            "at risk" => Some(Status::AtRisk),
            "off track" => Some(Status::OffTrack),
            _ => None,
        };
        match status {
            Some(st) => ui.label(
                RichText::new(&m.status)
                    .strong()
                    .color(egui::Color32::WHITE)
                    .background_color(theme::rag(st)),
            ),
            None => ui.label(&m.status),
        };
    }
    for sex in [Sex::Male, Sex::Female] {
        ui.label(
            s(sex)
                .and_then(|x| x.share_of_shortfall)
                .map_or("–".into(), f::percent),
        );
    }
    ui.label(f::money(row.cost_per_year));
}

fn chart(ui: &mut Ui, r: &RegionView, sex: Sex) {
    let mut items: Vec<(String, f64)> = r
        .league
        .outcomes
        .iter()
        .filter_map(|o| {
            let row = o.row.as_ref().ok()?;
            Some((o.area.clone(), sex_row(row, sex)?.gap))
        })
        .collect();
    items.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let shown = items.len().min(CHART_AREAS);
    let title = format!(
        "Gap with {}, {} (years), widest first{}",
        r.league.comparator,
        sex.plural_label().to_lowercase(),
        if shown < items.len() {
            format!(": the {shown} widest of {}", items.len())
        } else {
            String::new()
        }
    );
    ui.label(RichText::new(&title).strong());
    items.truncate(shown);
    let height = (items.len() as f32 * 22.0 + 60.0).max(160.0);
    charts::ranked_bars(ui, "region-gap", &items, "Gap (years)", height);
}
