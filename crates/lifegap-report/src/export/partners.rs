//! The board pack's commitment sheets: one page per partner (each a `<section>`, so the
//! printed HTML and the PDF start it on a new page), for the partner to take away and sign up
//! to — what it delivers in every programme it is part of, the people it must reach by each
//! quarter, and what that is worth: deaths postponed a year and days, weeks or months of life
//! expectancy by each milestone (HINST's "who delivers what by when").
//!
//! A partner is a name and a locality ("Practice-based commissioning hub (North)"); one that
//! works in several programmes gets one sheet covering all of them. The share no partner has
//! taken on ([`UNASSIGNED`]) has no sheet: nobody is there to sign it.

use super::board::Board;
use super::report::esc;
use crate::format as f;
use lifegap_core::model::action_plan::{UNASSIGNED, contributions, partner_schedule};
use std::fmt::Write as _;

/// "name (locality)", as [`partner_schedule`] names a partner's row.
fn display_name(name: &str, locality: &str) -> String {
    if locality.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({locality})")
    }
}

/// Deaths postponed a year, where a partner's part is often a small fraction of one: "under
/// 0.1" rather than "0.0".
fn deaths(x: f64) -> String {
    if x > 0.0 && x < 0.05 {
        "under 0.1".into()
    } else {
        f::deaths(x)
    }
}

/// The partners of the action plan in the order they first appear, without [`UNASSIGNED`].
pub fn partners(b: &Board) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in &b.scenario.action_plan.programmes {
        for x in &p.partners {
            let n = display_name(&x.name, &x.locality);
            if n != UNASSIGNED && !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// Append a commitment sheet per partner to the pack.
pub fn sheets(o: &mut String, b: &Board) {
    let (s, r) = (b.scenario, b.results);
    let parts = contributions(&s.action_plan, r);
    let programme_name = |id: &str| {
        s.programme(id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    for (i, who) in partners(b).iter().enumerate() {
        let mine: Vec<_> = parts
            .iter()
            .filter(|c| &display_name(&c.partner, &c.locality) == who)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "<section class=\"partner-sheet\" id=\"partner-{}\"><h2>Commitment sheet: {}</h2>",
            i + 1,
            esc(who)
        );
        let leads: Vec<&str> = mine
            .iter()
            .map(|c| c.lead.as_str())
            .filter(|l| !l.is_empty())
            .fold(Vec::new(), |mut v, l| {
                if !v.contains(&l) {
                    v.push(l);
                }
                v
            });
        let _ = writeln!(
            o,
            "<p>{} commits to its share of {} for {}. Lead: {}.</p>",
            esc(who),
            if mine.len() == 1 {
                "one programme".to_string()
            } else {
                format!("{} programmes", mine.len())
            },
            esc(&s.area),
            esc(&if leads.is_empty() {
                "not named yet".to_string()
            } else {
                leads.join(", ")
            })
        );

        // What it takes on, and what that is worth by each milestone.
        o.push_str("<table><tr><th>Programme</th><th class=\"num\">Share</th><th class=\"num\">People to reach</th><th class=\"num\">Deaths postponed a year</th>");
        for m in &r.milestones {
            let _ = write!(o, "<th class=\"num\">{}</th>", esc(&m.result.label));
        }
        o.push_str("</tr>\n");
        for c in &mine {
            let _ = write!(
                o,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
                esc(&programme_name(&c.programme)),
                f::percent(c.share),
                f::count(c.people),
                deaths(c.deaths_per_year)
            );
            for (_, y) in &c.milestone_years {
                let _ = write!(o, "<td class=\"num\">{}</td>", esc(&f::life_time(*y)));
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</table><p class=\"small\">People above the programme's baseline coverage at full delivery; deaths postponed a year over the headline period; by each milestone, the life expectancy this partner's share adds, in days, weeks or months.</p>\n");

        // People to reach by quarter: one column per programme, cumulative.
        let schedules: Vec<(String, Vec<(String, f64)>)> = s
            .action_plan
            .programmes
            .iter()
            .filter_map(|plan| {
                let sch = partner_schedule(plan, r)?;
                let row = sch.partners.iter().find(|(n, _)| n == who)?;
                let by_q = sch
                    .quarters
                    .iter()
                    .map(|q| q.0.clone())
                    .zip(row.1.iter().copied())
                    .collect();
                Some((programme_name(&plan.programme), by_q))
            })
            .collect();
        if !schedules.is_empty() {
            // A row per programme and year, a column per quarter: every quarter on one page
            // (a row per quarter ran to twenty rows and onto a second page).
            o.push_str("<h3>People to reach by the end of each quarter</h3><table class=\"delivery\"><tr><th>Programme</th><th>Year</th><th class=\"num\">Q1</th><th class=\"num\">Q2</th><th class=\"num\">Q3</th><th class=\"num\">Q4</th></tr>\n");
            for (name, rows) in &schedules {
                let mut years: Vec<&str> = Vec::new();
                for (q, _) in rows {
                    let y = q.split(' ').next().unwrap_or(q);
                    if !years.contains(&y) {
                        years.push(y);
                    }
                }
                for y in years {
                    let _ = write!(o, "<tr><td>{}</td><td>{y}</td>", esc(name));
                    for k in 1..=4 {
                        let cell = rows
                            .iter()
                            .find(|(q, _)| *q == format!("{y} Q{k}"))
                            .map(|(_, n)| f::count(*n))
                            .unwrap_or_default();
                        let _ = write!(o, "<td class=\"num\">{cell}</td>");
                    }
                    o.push_str("</tr>\n");
                }
            }
            o.push_str("</table><p class=\"small\">Cumulative people above baseline as planned, at this partner's share.</p>\n");
        }
        o.push_str(
            "<p>Signed for the partner: ______________________ Date: ____________</p></section>\n",
        );
    }
}
