//! The board pack's page "What it would take": for each milestone the plan does not meet (on
//! the central projection), the plan beside the cheapest mix and every enabled programme
//! scaled together — each programme's coverage and people above baseline, the people and cost
//! a year in all, whether it meets the milestone and the chance that it does — as the app's
//! "What does it take?" dialog gives them (`lifegap goal-seek --cheapest` and `--mix`, with
//! `--draws 500`, print the same figures). Text from the scenario goes through [`esc`].

use super::board::Board;
use super::report::esc;
use crate::format as f;
use lifegap_core::model::goal_seek::answers::{Answer, answer, quick, the_plan};
use lifegap_core::model::goal_seek::{cheapest_mix, seek_mix};
use lifegap_core::model::milestones::{Measure, shortfall};
use std::fmt::Write as _;

/// A milestone's value in the board's units (as the countdown page), a gap in the same unit
/// as `like` (the required value) so a row never mixes months and years.
fn level(m: Measure, v: f64, like: f64) -> String {
    match m {
        Measure::GapYears => f::life_time_as(v, like),
        Measure::GapShare => f::percent(v),
        Measure::LifeExpectancy => format!("{} years", f::gain(v)),
    }
}

/// A summary row's figure for one answer.
type Figure<'a> = dyn Fn(&Answer) -> String + 'a;

/// "75% (5,151)": a programme's coverage in an answer and its people above baseline.
fn cell(a: &Answer, id: &str) -> String {
    a.programmes
        .iter()
        .find(|p| p.id == id)
        .map_or_else(String::new, |p| {
            format!("{} ({})", f::percent(p.coverage), f::count(p.people))
        })
}

/// "Yes", or "No: 2 weeks short" (the value reached is its own row).
fn meets(a: &Answer) -> String {
    let g = &a.seek;
    if g.reachable {
        "Yes".into()
    } else {
        let short = shortfall(g.measure, g.achieved, g.required);
        let short = match g.measure {
            Measure::LifeExpectancy => f::life_time(short),
            m => level(m, short, short),
        };
        format!("No: {short} short")
    }
}

/// The page (always present: it says so when every milestone is met).
pub fn section(o: &mut String, b: &Board) -> Result<(), String> {
    let s = b.scenario;
    let sim = &b.evaluation.simulator;
    let opts = quick(s.uncertainty);
    let _ = writeln!(
        o,
        "<section id=\"what-it-takes\"><h2>What it would take to meet each milestone</h2>\n<p class=\"small\">For each milestone the plan does not meet on the central projection: the plan beside the cheapest mix (programmes added cheapest first, by cost per year of gap closed, from their baselines) and every enabled programme scaled together (each the same share of the way from its baseline to its maximum). Each cell is the coverage and, in brackets, the people above baseline. The chance of meeting the milestone is the share of {} Monte Carlo draws that meet it; a scale that just meets the central projection is about an even chance. The same figures: <code>lifegap goal-seek SCENARIO --milestone NAME --cheapest --draws {}</code> (or <code>--mix</code>).</p>",
        opts.draws, opts.draws
    );
    let ids = s.enabled_programme_ids();
    let mut any = false;
    for (i, (m, r)) in s.milestones.iter().zip(&b.results.milestones).enumerate() {
        if r.result.shortfall_with <= 0.0 {
            continue;
        }
        any = true;
        let err = |e: lifegap_core::model::projection::ProjectionError| {
            format!("goal seek for {}: {e}", m.label())
        };
        let plan = the_plan(sim, s, i, opts).map_err(err)?;
        let cheapest = cheapest_mix(sim, s, m)
            .and_then(|g| answer(sim, s, i, "The cheapest mix".into(), g, opts))
            .map_err(err)?;
        let together = seek_mix(sim, s, m, &ids)
            .and_then(|g| answer(sim, s, i, "All scaled together".into(), g, opts))
            .map_err(err)?;
        let x = &r.result;
        let short = match x.measure {
            Measure::LifeExpectancy => f::life_time(x.shortfall_with),
            me => level(me, x.shortfall_with, x.shortfall_with),
        };
        let what = match x.measure {
            Measure::LifeExpectancy => "life expectancy of at least",
            _ => "gap of at most",
        };
        let _ = writeln!(
            o,
            "<h3>{}: a {what} {} required; with the plan, {} ({short} short)</h3>",
            esc(&x.label),
            level(x.measure, x.required, x.required),
            level(x.measure, x.with, x.required)
        );
        let answers = [&plan, &cheapest, &together];
        o.push_str(
            "<table class=\"seek\"><thead><tr><th>Programme: coverage (people above baseline)</th>",
        );
        for a in answers {
            let _ = write!(o, "<th class=\"num\">{}</th>", esc(&a.title));
        }
        o.push_str("</tr></thead><tbody>\n");
        for p in &plan.programmes {
            let _ = write!(o, "<tr><td>{}</td>", esc(&p.name));
            for a in answers {
                let _ = write!(o, "<td class=\"num\">{}</td>", cell(a, &p.id));
            }
            o.push_str("</tr>\n");
        }
        let required = x.required;
        let gives = |a: &Answer| level(a.seek.measure, a.seek.achieved, required);
        let rows: [(&str, &Figure); 5] = [
            ("People above baseline, in all", &|a| f::count(a.people())),
            ("Cost a year at full delivery", &|a| {
                f::money(a.seek.cost_per_year)
            }),
            ("Gives (central projection)", &gives),
            ("Meets the milestone", &meets),
            ("Chance of meeting it", &|a| f::percent(a.chance)),
        ];
        for (label, value) in rows {
            let _ = write!(o, "<tr><th>{label}</th>");
            for a in answers {
                let _ = write!(
                    o,
                    "<td class=\"num\"><strong>{}</strong></td>",
                    esc(&value(a))
                );
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody></table>\n");
    }
    if !any {
        o.push_str("<p>Every milestone is met by the plan as it stands on the central projection (see the countdowns for the chance of each).</p>\n");
    }
    o.push_str("</section>\n");
    Ok(())
}
