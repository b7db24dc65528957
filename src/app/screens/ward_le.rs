//! Life expectancy of every area of a region file (wards, from `lifegap build-data --by ward`),
//! ranked, with 95% confidence intervals and PHE's small-population rules — the figures
//! `lifegap ward-le --data FILE` prints (`lifegap_core::model::small_areas::ranked`), shown on
//! the Region screen under the league table.
//!
//! PHE's rules (PHEindicatormethods `phe_life_expectancy`): no value for a group of 5,000
//! person-years or fewer over the period, or with no deaths in the open age band (each listed
//! with its reason); a value whose 95% interval is wider than 20 years is suppressed — its
//! interval is still drawn, in grey, with no estimate. Wards are a few thousand people, so the
//! rules decide which can be published, and overlapping intervals say which differences are
//! more than chance.

use crate::app::charts::{self, Interval};
use crate::app::theme;
use egui::{Color32, RichText, Ui};
use lifegap_core::model::area::Sex;
use lifegap_core::model::small_areas::{GroupLe, LeStatus, MIN_PERSON_YEARS};
use lifegap_report::format as f;

/// Intervals drawn at most: beyond this the chart shows the lowest life expectancies (the
/// areas a director asks about) and says how many are left out; `lifegap ward-le` lists all.
pub const CHART_ROWS: usize = 40;

/// Colour of a suppressed value's interval.
const SUPPRESSED: Color32 = Color32::from_rgb(150, 150, 150);

/// The chart's rows for `sex`: published values highest first, then suppressed values (their
/// interval only); when there are more than [`CHART_ROWS`], the lowest published values and
/// every suppressed one up to that number. Returns the rows and how many published values
/// were left out.
pub fn chart_rows(rows: &[GroupLe], sex: Sex) -> (Vec<Interval>, usize) {
    let published: Vec<&GroupLe> = rows
        .iter()
        .filter(|r| r.sex == sex && r.e0.is_some())
        .collect();
    let suppressed: Vec<&GroupLe> = rows
        .iter()
        .filter(|r| r.sex == sex && r.status == LeStatus::Suppressed)
        .collect();
    let room = CHART_ROWS.saturating_sub(suppressed.len().min(CHART_ROWS / 2));
    let left_out = published.len().saturating_sub(room);
    let mut out: Vec<Interval> = published
        .iter()
        .skip(left_out)
        .map(|r| Interval {
            name: format!("{}. {}", r.rank.unwrap_or(0), r.area),
            value: r.e0,
            lower: r.lower.unwrap_or(f64::NAN),
            upper: r.upper.unwrap_or(f64::NAN),
            colour: theme::LOCAL,
        })
        .collect();
    out.extend(
        suppressed
            .iter()
            .take(CHART_ROWS - out.len().min(CHART_ROWS))
            .map(|r| Interval {
                name: format!("{} (suppressed)", r.area),
                value: None,
                lower: r.lower.unwrap_or(f64::NAN),
                upper: r.upper.unwrap_or(f64::NAN),
                colour: SUPPRESSED,
            }),
    );
    out.retain(|i| i.lower.is_finite() && i.upper.is_finite());
    (out, left_out)
}

/// The section: heading, the ranked chart with its note, the areas with no value and why,
/// and the table (collapsed).
pub fn section(ui: &mut Ui, rows: &[GroupLe], sex: Sex) {
    let mine: Vec<&GroupLe> = rows.iter().filter(|r| r.sex == sex).collect();
    if mine.is_empty() {
        return;
    }
    let sex_word = sex.plural_label().to_lowercase();
    ui.label(
        RichText::new(format!(
            "Life expectancy at birth of each area, {sex_word}: ranked, with 95% confidence intervals"
        ))
        .strong(),
    );
    let published = mine.iter().filter(|r| r.e0.is_some()).count();
    let suppressed = mine
        .iter()
        .filter(|r| r.status == LeStatus::Suppressed)
        .count();
    let missing: Vec<&&GroupLe> = mine
        .iter()
        .filter(|r| matches!(r.status, LeStatus::NotComputed(_)))
        .collect();
    ui.label(RichText::new(format!(
        "{published} of {} areas published. PHE's rules: no value under {} person-years over the period or with no deaths at 90+; suppressed (grey interval, no dot) when the 95% interval is wider than 20 years. Intervals that overlap do not show a difference beyond chance. The same figures: lifegap ward-le --data FILE.",
        mine.len(),
        f::count(MIN_PERSON_YEARS)
    )).small());
    let (items, left_out) = chart_rows(rows, sex);
    if !items.is_empty() {
        if left_out > 0 {
            ui.label(format!(
                "The {} lowest of {published} published values{}; lifegap ward-le lists every area.",
                items.len() - suppressed.min(items.len()),
                if suppressed > 0 {
                    " and the suppressed ones"
                } else {
                    ""
                }
            ));
        }
        let height = (items.len() as f32 * 22.0 + 60.0).max(160.0);
        charts::ranked_intervals(
            ui,
            &format!("ward-le-{}", sex.as_str()),
            &items,
            "Life expectancy at birth (years); dot: estimate, bar: 95% interval",
            height,
        );
    }
    if !missing.is_empty() {
        ui.label(
            RichText::new(format!(
                "No value ({} area{}):",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" }
            ))
            .color(theme::warning(ui)),
        );
        for r in missing.iter().take(20) {
            if let LeStatus::NotComputed(why) = &r.status {
                ui.label(
                    RichText::new(format!(
                        "{}: {} person-years, {} deaths: {why}",
                        r.area,
                        f::count(r.person_years),
                        f::count(r.deaths)
                    ))
                    .small(),
                );
            }
        }
        if missing.len() > 20 {
            ui.label(RichText::new(format!("… and {} more", missing.len() - 20)).small());
        }
    }
    egui::CollapsingHeader::new(format!("Table: life expectancy of each area, {sex_word}"))
        .id_salt(format!("ward-le-table-{}", sex.as_str()))
        .show(ui, |ui| table(ui, &mine));
}

fn table(ui: &mut Ui, rows: &[&GroupLe]) {
    egui::ScrollArea::vertical()
        .id_salt("ward-le-table-scroll")
        .max_height(300.0)
        .show(ui, |ui| {
            egui::Grid::new("ward-le-grid")
                .striped(true)
                .num_columns(6)
                .show(ui, |ui| {
                    for h in [
                        "Rank",
                        "Area",
                        "Life expectancy",
                        "95% interval",
                        "Person-years",
                        "Status",
                    ] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for r in rows.iter().take(super::region::TABLE_ROWS) {
                        ui.label(r.rank.map_or("–".into(), |k| k.to_string()));
                        ui.label(&r.area);
                        ui.label(f::or_dash(r.e0, f::years));
                        ui.label(match (r.lower, r.upper) {
                            (Some(l), Some(u)) => format!("{} to {}", f::years(l), f::years(u)),
                            _ => "–".into(),
                        });
                        ui.label(f::count(r.person_years));
                        ui.label(match &r.status {
                            LeStatus::Ok => "published".to_string(),
                            LeStatus::Suppressed => "suppressed: interval over 20 years".into(),
                            LeStatus::NotComputed(_) => "no value".into(),
                        });
                        ui.end_row();
                    }
                });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn le(area: &str, e0: Option<f64>, rank: Option<usize>, status: LeStatus) -> GroupLe {
        GroupLe {
            area: area.into(),
            sex: Sex::Male,
            person_years: 8000.0,
            deaths: 60.0,
            e0,
            se: Some(1.0),
            lower: Some(e0.unwrap_or(75.0) - 11.0),
            upper: Some(e0.unwrap_or(75.0) + 11.0),
            small: false,
            status,
            rank,
        }
    }

    #[test]
    fn published_values_first_suppressed_after_not_computed_left_out() {
        let rows = vec![
            le("A", Some(80.0), Some(1), LeStatus::Ok),
            le("B", Some(75.0), Some(2), LeStatus::Ok),
            le("S", None, None, LeStatus::Suppressed),
            le("N", None, None, LeStatus::NotComputed("too few".into())),
        ];
        let (items, left_out) = chart_rows(&rows, Sex::Male);
        assert_eq!(left_out, 0);
        let names: Vec<&str> = items.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["1. A", "2. B", "S (suppressed)"]);
        assert_eq!(items[2].value, None);
        assert_eq!((items[2].lower, items[2].upper), (64.0, 86.0));
        assert!(chart_rows(&rows, Sex::Female).0.is_empty());
    }

    #[test]
    fn many_areas_keep_the_lowest() {
        let rows: Vec<GroupLe> = (0..50)
            .map(|i| {
                le(
                    &format!("W{i}"),
                    Some(85.0 - i as f64 * 0.1),
                    Some(i + 1),
                    LeStatus::Ok,
                )
            })
            .collect();
        let (items, left_out) = chart_rows(&rows, Sex::Male);
        assert_eq!((items.len(), left_out), (CHART_ROWS, 10));
        assert_eq!(items[0].name, "11. W10");
        assert_eq!(items.last().unwrap().name, "50. W49");
    }
}
