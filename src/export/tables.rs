//! The scenario's tables as CSV (full precision): per-year results, programme contributions,
//! programme summary, milestones and the delivery countdown. Used by `lifegap run --out`, the
//! app's File ▸ Export and the board pack.

use crate::cli::output::{num, opt};
use crate::model::area::Sex;
use crate::model::results::ScenarioResults;
use crate::model::scenario::Scenario;
use crate::model::uncertainty::Uncertainty;
use std::fmt::Write as _;
use std::path::Path;

/// File names written by [`write_all`].
pub const FILES: [&str; 5] = [
    "per_year.csv",
    "programmes.csv",
    "programme_summary.csv",
    "milestones.csv",
    "delivery.csv",
];

/// Write every table of a scenario's results as CSV into `dir`; returns how many files.
pub fn write_all(
    dir: &Path,
    scenario: &Scenario,
    r: &ScenarioResults,
    uncertainty: Option<&Uncertainty>,
) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let years = &r.projection.years;
    let band = |sex: Sex| uncertainty.and_then(|u| u.gap_bands.iter().find(|b| b.sex == sex));
    // per_year.csv
    let mut w = String::from(
        "year,sex,e0_comparator,e0_local_without,e0_local_with,gap_without,gap_with,gap_with_low95,gap_with_high95,deaths_postponed,life_years_gained\n",
    );
    for sx in &r.projection.sexes {
        let b = band(sx.sex);
        for (i, y) in years.iter().enumerate() {
            let _ = writeln!(
                w,
                "{y},{},{},{},{},{},{},{},{},{},{}",
                sx.sex,
                num(sx.e0_comparator[i]),
                num(sx.e0_local_without[i]),
                num(sx.e0_local_with[i]),
                num(sx.gap_without[i]),
                num(sx.gap_with[i]),
                opt(b.map(|b| b.low[i])),
                opt(b.map(|b| b.high[i])),
                num(sx.deaths_postponed[i]),
                num(sx.life_years_gained[i])
            );
        }
    }
    crate::atomic::write(&dir.join("per_year.csv"), w.as_bytes())?;
    // programmes.csv: by programme, sex and year.
    let mut w = String::from(
        "programme,sex,year,people_reached,cost,solo_gain,attributed_gain,solo_deaths,attributed_deaths\n",
    );
    for p in &r.projection.programmes {
        for ps in &p.by_sex {
            for (i, y) in years.iter().enumerate() {
                let _ = writeln!(
                    w,
                    "{},{},{y},{},{},{},{},{},{}",
                    p.id,
                    ps.sex,
                    num(p.people_reached[i]),
                    num(p.cost[i]),
                    num(ps.solo_gain[i]),
                    num(ps.attributed_gain[i]),
                    num(ps.solo_deaths[i]),
                    num(ps.attributed_deaths[i])
                );
            }
        }
    }
    crate::atomic::write(&dir.join("programmes.csv"), w.as_bytes())?;
    // programme_summary.csv
    let mut w = String::from(
        "programme,name,enabled,eligible,baseline_coverage,target_coverage,extra_people,deaths_postponed_per_year,deaths_postponed_total,e0_gain_male,e0_gain_female,share_of_shortfall_male,share_of_shortfall_female,cost_per_year,cost_total,cost_per_death_postponed,cost_per_life_year\n",
    );
    for p in &r.programmes {
        let _ = writeln!(
            w,
            "{},\"{}\",{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            p.id,
            p.name.replace('"', "'"),
            p.enabled,
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
            opt(p.cost_per_life_year)
        );
    }
    crate::atomic::write(&dir.join("programme_summary.csv"), w.as_bytes())?;
    // milestones.csv
    let mut w = String::from(
        "milestone,sex,period,measure,baseline,required,without,with,shortfall_without,shortfall_with,share_of_shortfall_closed,status,due,months_left,gain_low95,gain_median,gain_high95,value_low95,value_high95,probability_met\n",
    );
    for m in &r.milestones {
        let x = &m.result;
        let u = uncertainty.and_then(|u| u.milestones.iter().find(|u| u.label == x.label));
        let _ = writeln!(
            w,
            "{},{},{},{:?},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            x.name,
            x.sex,
            x.period,
            x.measure,
            num(x.baseline_value),
            num(x.required),
            num(x.without),
            num(x.with),
            num(x.shortfall_without),
            num(x.shortfall_with),
            opt(x.share_of_shortfall_closed),
            x.status.label(),
            x.due,
            x.months_left,
            opt(u.map(|u| u.gain.low)),
            opt(u.map(|u| u.gain.median)),
            opt(u.map(|u| u.gain.high)),
            opt(u.map(|u| u.value.low)),
            opt(u.map(|u| u.value.high)),
            opt(u.map(|u| u.probability_met))
        );
    }
    crate::atomic::write(&dir.join("milestones.csv"), w.as_bytes())?;
    // delivery.csv
    let mut w = String::from(
        "milestone,sex,programme,quarter,quarter_end,planned_cumulative,required_cumulative\n",
    );
    for m in &r.milestones {
        for q in &m.delivery {
            let _ = writeln!(
                w,
                "{},{},{},{},{},{},{}",
                m.result.name,
                m.result.sex,
                q.programme,
                q.quarter,
                q.quarter_end,
                num(q.planned_cumulative),
                opt(q.required_cumulative)
            );
        }
    }
    crate::atomic::write(&dir.join("delivery.csv"), w.as_bytes())?;
    // action_plan.csv, action_plan_delivery.csv, checklist.csv
    let parts = crate::model::action_plan::contributions(&scenario.action_plan, r);
    let q = |s: &str| format!("\"{}\"", s.replace('"', "'"));
    let mut w = String::from("programme,partner,locality,lead,share,milestone,years_closed\n");
    let mut d = String::from(
        "programme,partner,milestone,quarter,planned_cumulative,required_cumulative\n",
    );
    for c in &parts {
        for (m, g) in &c.milestones {
            let _ = writeln!(
                w,
                "{},{},{},{},{},{},{}",
                c.programme,
                q(&c.partner),
                q(&c.locality),
                q(&c.lead),
                num(c.share),
                q(m),
                num(*g)
            );
        }
        for (m, quarter, planned, required) in &c.quarters {
            let _ = writeln!(
                d,
                "{},{},{},{},{},{}",
                c.programme,
                q(&c.partner),
                q(m),
                quarter,
                num(*planned),
                opt(*required)
            );
        }
    }
    crate::atomic::write(&dir.join("action_plan.csv"), w.as_bytes())?;
    crate::atomic::write(&dir.join("action_plan_delivery.csv"), d.as_bytes())?;
    let mut w = String::from("programme,lead,question,answer,note\n");
    for p in &scenario.action_plan.programmes {
        for item in &p.checklist {
            let _ = writeln!(
                w,
                "{},{},{},{},{}",
                p.programme,
                q(&p.lead),
                q(&item.question),
                item.answer.label(),
                q(&item.note)
            );
        }
    }
    crate::atomic::write(&dir.join("checklist.csv"), w.as_bytes())?;
    Ok(FILES.len())
}
