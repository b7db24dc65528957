//! The board pack's page "What it would take": for each milestone the plan does not meet (on
//! the central projection), the plan beside the cheapest mix and every enabled programme
//! scaled together — each programme's coverage and people above baseline, the people and cost
//! a year in all, whether it meets the milestone and the chance that it does — as the app's
//! "What does it take?" dialog gives them (`lifegap goal-seek --cheapest` and `--mix`, with
//! the pack's draws, print the same figures); each chance from the pack's own number of
//! Monte Carlo draws, so the plan's is the milestone table's. The app's slide of the same name draws [`table`]
//! under [`finding`]. Text from the scenario goes through [`esc`].

use super::board::Board;
use super::report::esc;
use crate::format as f;
use lifegap_core::model::goal_seek::answers::{Answer, beside_the_plan};
use lifegap_core::model::milestones::{Measure, MilestoneResult, shortfall};
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

/// One milestone's comparison, formatted for the page and the slide alike.
#[derive(Debug, Clone, PartialEq)]
pub struct SeekTable {
    /// "2013 local milestone (men): a life expectancy of at least 77.40 years required; with
    /// the plan, 77.26 years (7 weeks short)".
    pub heading: String,
    /// The answers' titles: the plan, the cheapest mix, all scaled together.
    pub columns: [String; 3],
    /// Each enabled programme: its name and, per answer, "75% (5,151)".
    pub programmes: Vec<(String, [String; 3])>,
    /// People and cost in all, what each gives, whether it meets the milestone, its chance.
    pub totals: Vec<(&'static str, [String; 3])>,
}

/// The comparison for a milestone's result and its three answers ([`beside_the_plan`]).
pub fn table(x: &MilestoneResult, answers: &[Answer; 3]) -> SeekTable {
    let short = match x.measure {
        Measure::LifeExpectancy => f::life_time(x.shortfall_with),
        me => level(me, x.shortfall_with, x.shortfall_with),
    };
    let what = match x.measure {
        Measure::LifeExpectancy => "life expectancy of at least",
        _ => "gap of at most",
    };
    let heading = format!(
        "{}: a {what} {} required; with the plan, {} ({short} short)",
        x.label,
        level(x.measure, x.required, x.required),
        level(x.measure, x.with, x.required)
    );
    let each = |f: &dyn Fn(&Answer) -> String| [f(&answers[0]), f(&answers[1]), f(&answers[2])];
    let required = x.required;
    SeekTable {
        heading,
        columns: each(&|a| a.title.clone()),
        programmes: answers[0]
            .programmes
            .iter()
            .map(|p| (p.name.clone(), each(&|a| cell(a, &p.id))))
            .collect(),
        totals: vec![
            (
                "On treatment above baseline, in all",
                each(&|a| f::count(a.people_by_reach().0)),
            ),
            (
                "Reached a year above baseline, in all",
                each(&|a| f::count(a.people_by_reach().1)),
            ),
            (
                "Cost a year at full delivery",
                each(&|a| f::money(a.seek.cost_per_year)),
            ),
            (
                "Gives (central projection)",
                each(&|a| level(a.seek.measure, a.seek.achieved, required)),
            ),
            ("Meets the milestone", each(&meets)),
            ("Chance of meeting it", each(&|a| f::percent(a.chance))),
        ],
    }
}

/// The slide's title, a finding: what the cheapest mix costs and its chance, or that even every
/// programme at its maximum falls short.
pub fn finding(x: &MilestoneResult, answers: &[Answer; 3]) -> String {
    let c = &answers[1];
    if c.seek.reachable {
        format!(
            "The cheapest mix meets the {} for {} a year ({} chance)",
            x.label,
            f::money(c.seek.cost_per_year),
            f::percent(c.chance)
        )
    } else {
        format!(
            "Even every programme at its maximum leaves the {} {}",
            x.label,
            meets(&answers[2]).trim_start_matches("No: ")
        )
    }
}

/// "8,012 more on treatment and 7,298 more reached a year": an answer's people above baseline,
/// a stock and a yearly flow said apart (never added up).
pub fn people_text(a: &Answer) -> String {
    match a.people_by_reach() {
        (s, fl) if fl < 0.5 => format!("{} more on treatment", f::count(s)),
        (s, fl) if s < 0.5 => format!("{} more reached a year", f::count(fl)),
        (s, fl) => format!(
            "{} more on treatment and {} more reached a year",
            f::count(s),
            f::count(fl)
        ),
    }
}

/// The page (always present: it says so when every milestone is met).
pub fn section(o: &mut String, b: &Board) -> Result<(), String> {
    let s = b.scenario;
    let sim = &b.evaluation.simulator;
    // The chances with the draws of the pack's own Monte Carlo (the milestone table's), so
    // the plan's chance here is the one printed there.
    let mut opts = s.uncertainty;
    opts.draws = b.uncertainty.map_or(opts.draws, |u| u.draws).max(1);
    let _ = writeln!(
        o,
        "<section id=\"what-it-takes\"><h2>What it would take to meet each milestone</h2>\n<p class=\"small\">For each milestone the plan does not meet on the central projection: the plan beside the cheapest mix (programmes added cheapest first, by cost per year of gap closed, from their baselines) and every enabled programme scaled together (each the same share of the way from its baseline to its maximum). Each cell is the coverage and, in brackets, the people above baseline. The chance of meeting the milestone is the share of {} Monte Carlo draws that meet it (the draws of the milestone table's chance); a scale that just meets the central projection is about an even chance. The same figures: <code>lifegap goal-seek SCENARIO --milestone NAME --cheapest --draws {}</code> (or <code>--mix</code>).</p>",
        opts.draws, opts.draws
    );
    let mut any = false;
    for (i, r) in b.results.milestones.iter().enumerate() {
        let x = &r.result;
        if x.shortfall_with <= 0.0 {
            continue;
        }
        any = true;
        let answers = beside_the_plan(sim, s, i, opts)
            .map_err(|e| format!("goal seek for {}: {e}", x.label))?;
        let t = table(x, &answers);
        let _ = writeln!(o, "<h3>{}</h3>", esc(&t.heading));
        o.push_str(
            "<table class=\"seek\"><thead><tr><th>Programme: coverage (people above baseline)</th>",
        );
        for c in &t.columns {
            let _ = write!(o, "<th class=\"num\">{}</th>", esc(c));
        }
        o.push_str("</tr></thead><tbody>\n");
        for (name, cells) in &t.programmes {
            let _ = write!(o, "<tr><td>{}</td>", esc(name));
            for c in cells {
                let _ = write!(o, "<td class=\"num\">{}</td>", esc(c));
            }
            o.push_str("</tr>\n");
        }
        for (label, cells) in &t.totals {
            let _ = write!(o, "<tr><th>{label}</th>");
            for c in cells {
                let _ = write!(o, "<td class=\"num\"><strong>{}</strong></td>", esc(c));
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
