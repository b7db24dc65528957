//! The scenario's tables as CSV (full precision, properly quoted): per-year results, programme
//! contributions, programme summary, milestones, the delivery countdown and the action plan.
//! Used by `lifegap run --out`, the app's File ▸ Export and the board pack.

use crate::format::{csv_safe, num, opt};
use lifegap_core::model::action_plan::contributions;
use lifegap_core::model::area::Sex;
use lifegap_core::model::results::ScenarioResults;
use lifegap_core::model::scenario::Scenario;
use lifegap_core::model::uncertainty::Uncertainty;
use std::io;
use std::path::Path;

/// File names written by [`write_all`].
pub const FILES: [&str; 8] = [
    "per_year.csv",
    "programmes.csv",
    "programme_summary.csv",
    "milestones.csv",
    "delivery.csv",
    "action_plan.csv",
    "action_plan_delivery.csv",
    "checklist.csv",
];

/// One table: a header and rows of cells, written atomically through the csv crate.
struct Table {
    w: csv::Writer<Vec<u8>>,
}

impl Table {
    fn new(header: &[&str]) -> io::Result<Table> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(header).map_err(io::Error::other)?;
        Ok(Table { w })
    }

    /// One row; text cells that a spreadsheet would run as formulas are neutralised.
    fn row(&mut self, cells: Vec<String>) -> io::Result<()> {
        self.w
            .write_record(cells.iter().map(|c| csv_safe(c).into_owned()))
            .map_err(io::Error::other)
    }

    fn save(self, set: &mut Vec<(&'static str, Vec<u8>)>, name: &'static str) -> io::Result<()> {
        let bytes = self
            .w
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))?;
        set.push((name, bytes));
        Ok(())
    }
}

/// Write every table of a scenario's results as CSV into `dir`, all or none
/// ([`lifegap_core::atomic::write_set`]); returns how many files.
pub fn write_all(
    dir: &Path,
    scenario: &Scenario,
    r: &ScenarioResults,
    uncertainty: Option<&Uncertainty>,
) -> io::Result<usize> {
    let set = render_all(scenario, r, uncertainty)?;
    lifegap_core::atomic::write_set(dir, &set)?;
    Ok(set.len())
}

/// Every table of a scenario's results as (file name, CSV bytes), in [`FILES`] order.
pub fn render_all(
    scenario: &Scenario,
    r: &ScenarioResults,
    uncertainty: Option<&Uncertainty>,
) -> io::Result<Vec<(&'static str, Vec<u8>)>> {
    let mut set = Vec::with_capacity(FILES.len());
    let years = &r.projection.years;
    let band = |sex: Sex| uncertainty.and_then(|u| u.gap_bands.iter().find(|b| b.sex == sex));

    let mut t = Table::new(&[
        "year",
        "sex",
        "e0_comparator",
        "e0_local_without",
        "e0_local_with",
        "gap_without",
        "gap_with",
        "gap_with_low95",
        "gap_with_high95",
        "deaths_postponed",
        "life_years_gained",
    ])?;
    for sx in &r.projection.sexes {
        let b = band(sx.sex);
        for (i, y) in years.iter().enumerate() {
            t.row(vec![
                y.to_string(),
                sx.sex.to_string(),
                num(sx.e0_comparator[i]),
                num(sx.e0_local_without[i]),
                num(sx.e0_local_with[i]),
                num(sx.gap_without[i]),
                num(sx.gap_with[i]),
                opt(b.map(|b| b.low[i])),
                opt(b.map(|b| b.high[i])),
                num(sx.deaths_postponed[i]),
                num(sx.life_years_gained[i]),
            ])?;
        }
    }
    t.save(&mut set, "per_year.csv")?;

    let mut t = Table::new(&[
        "programme",
        "sex",
        "year",
        "people_reached",
        "cost",
        "solo_gain",
        "attributed_gain",
        "solo_deaths",
        "attributed_deaths",
    ])?;
    for p in &r.projection.programmes {
        for ps in &p.by_sex {
            for (i, y) in years.iter().enumerate() {
                t.row(vec![
                    p.id.clone(),
                    ps.sex.to_string(),
                    y.to_string(),
                    num(p.people_reached[i]),
                    num(p.cost[i]),
                    num(ps.solo_gain[i]),
                    num(ps.attributed_gain[i]),
                    num(ps.solo_deaths[i]),
                    num(ps.attributed_deaths[i]),
                ])?;
            }
        }
    }
    t.save(&mut set, "programmes.csv")?;

    let mut t = Table::new(&[
        "programme",
        "name",
        "enabled",
        "eligible",
        "baseline_coverage",
        "target_coverage",
        "extra_people",
        "deaths_postponed_per_year",
        "deaths_postponed_total",
        "e0_gain_male",
        "e0_gain_female",
        "share_of_shortfall_male",
        "share_of_shortfall_female",
        "cost_per_year",
        "cost_total",
        "cost_per_death_postponed",
        "cost_per_life_year",
    ])?;
    for p in &r.programmes {
        t.row(vec![
            p.id.clone(),
            p.name.clone(),
            p.enabled.to_string(),
            num(p.eligible),
            num(p.baseline),
            num(p.target),
            num(p.extra_people),
            num(p.deaths_per_year),
            num(p.deaths_total),
            num(p.gain[0]),
            num(p.gain[1]),
            opt(p.share_of_shortfall[0]),
            opt(p.share_of_shortfall[1]),
            num(p.cost_per_year),
            num(p.cost_total),
            opt(p.cost_per_death),
            opt(p.cost_per_life_year),
        ])?;
    }
    t.save(&mut set, "programme_summary.csv")?;

    let mut t = Table::new(&[
        "milestone",
        "sex",
        "period",
        "measure",
        "baseline",
        "required",
        "without",
        "with",
        "shortfall_without",
        "shortfall_with",
        "share_of_shortfall_closed",
        "status",
        "due",
        "months_left",
        "gain_low95",
        "gain_median",
        "gain_high95",
        "value_low95",
        "value_high95",
        "probability_met",
    ])?;
    for m in &r.milestones {
        let x = &m.result;
        let u = uncertainty.and_then(|u| u.milestones.iter().find(|u| u.label == x.label));
        t.row(vec![
            x.name.clone(),
            x.sex.to_string(),
            x.period.to_string(),
            format!("{:?}", x.measure),
            num(x.baseline_value),
            num(x.required),
            num(x.without),
            num(x.with),
            num(x.shortfall_without),
            num(x.shortfall_with),
            opt(x.share_of_shortfall_closed),
            x.status.label().to_string(),
            x.due.to_string(),
            x.months_left.to_string(),
            opt(u.map(|u| u.gain.low)),
            opt(u.map(|u| u.gain.median)),
            opt(u.map(|u| u.gain.high)),
            opt(u.map(|u| u.value.low)),
            opt(u.map(|u| u.value.high)),
            opt(u.map(|u| u.probability_met)),
        ])?;
    }
    t.save(&mut set, "milestones.csv")?;

    let mut t = Table::new(&[
        "milestone",
        "sex",
        "programme",
        "quarter",
        "quarter_end",
        "planned_cumulative",
        "required_cumulative",
        "business_as_usual_cumulative",
        "planned_starts_cumulative",
    ])?;
    for m in &r.milestones {
        for q in &m.delivery {
            t.row(vec![
                m.result.name.clone(),
                m.result.sex.to_string(),
                q.programme.clone(),
                q.quarter.clone(),
                q.quarter_end.to_string(),
                num(q.planned_cumulative),
                opt(q.required_cumulative),
                num(q.bau_cumulative),
                opt(q.planned_starts),
            ])?;
        }
    }
    t.save(&mut set, "delivery.csv")?;

    let parts = contributions(&scenario.action_plan, r);
    let mut t = Table::new(&[
        "programme",
        "partner",
        "locality",
        "lead",
        "share",
        "milestone",
        "years_closed",
    ])?;
    let mut d = Table::new(&[
        "programme",
        "partner",
        "milestone",
        "quarter",
        "planned_cumulative",
        "required_cumulative",
    ])?;
    for c in &parts {
        for (m, g) in &c.milestones {
            t.row(vec![
                c.programme.clone(),
                c.partner.clone(),
                c.locality.clone(),
                c.lead.clone(),
                num(c.share),
                m.clone(),
                num(*g),
            ])?;
        }
        for (m, quarter, planned, required) in &c.quarters {
            d.row(vec![
                c.programme.clone(),
                c.partner.clone(),
                m.clone(),
                quarter.clone(),
                num(*planned),
                opt(*required),
            ])?;
        }
    }
    t.save(&mut set, "action_plan.csv")?;
    d.save(&mut set, "action_plan_delivery.csv")?;

    let mut t = Table::new(&["programme", "lead", "question", "answer", "note"])?;
    for p in &scenario.action_plan.programmes {
        for item in &p.checklist {
            t.row(vec![
                p.programme.clone(),
                p.lead.clone(),
                item.question.clone(),
                item.answer.label().to_string(),
                item.note.clone(),
            ])?;
        }
    }
    t.save(&mut set, "checklist.csv")?;
    Ok(set)
}
