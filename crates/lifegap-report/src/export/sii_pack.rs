//! The board pack's page on the SII milestones saved in the scenario (`sii_milestones`): for
//! each, the countdown sentence, its status, the figures in the board's units and the same
//! countdown chart as a life-expectancy milestone's (legend below the plot), computed by the
//! caller with `lifegap_core::sii_target::saved_all` — what `lifegap sii-target SCENARIO`
//! prints. Every text from a file or the scenario goes through [`esc`].

use super::board::Board;
use super::charts::{Chart, Kind};
use super::report::esc;
use crate::palette;
use crate::views;
use std::fmt::Write as _;

/// One chart per SII milestone that could be judged (`sii-countdown-1-…`).
pub fn charts(b: &Board) -> Vec<Chart> {
    let Some(x) = b.extras else {
        return Vec::new();
    };
    x.sii
        .iter()
        .enumerate()
        .filter_map(|(i, (_, c))| {
            let c = c.as_ref().ok()?;
            Some(Chart {
                id: format!("sii-countdown-{}-{}", i + 1, super::charts::slug(&c.label)),
                title: views::findings::sii_countdown(c),
                kind: Kind::Countdown(Box::new(views::sii_countdown(c, b.results.as_of.as_year()))),
            })
        })
        .collect()
}

/// The page, when the scenario has SII milestones.
pub fn section(o: &mut String, b: &Board) -> Result<(), String> {
    let Some(x) = b.extras else { return Ok(()) };
    if x.sii.is_empty() {
        return Ok(());
    }
    o.push_str("<section id=\"sii-milestones\"><h2>Inequality within the area: the slope index milestones</h2>\n");
    o.push_str("<p class=\"small\">The slope index of inequality (SII) is the fitted gap in life expectancy between the least and the most deprived ends of the area's social gradient (PHE's method: each deprivation group's life expectancy weighted by its population on the midpoint of its cumulative share). Each group is projected at the area's own yearly rate of improvement, with the scenario's programmes delivered only in the targeted groups; the status follows the milestones' rule with the scenario's at-risk margin. The same figures: <code>lifegap sii-target SCENARIO</code>.</p>\n");
    let charts = charts(b);
    for (label, c) in &x.sii {
        match c {
            Ok(c) => {
                let _ = writeln!(
                    o,
                    "<h3>{}</h3><p class=\"finding\">{}</p><p><span class=\"status\" style=\"background:{}\">{}</span> {}</p>",
                    esc(label),
                    esc(&views::findings::sii_countdown(c)),
                    palette::hex(palette::rag(c.status)),
                    c.status.label(),
                    esc(&views::findings::sii_summary(c)),
                );
                if let Some(chart) = charts
                    .iter()
                    .find(|ch| ch.title == views::findings::sii_countdown(c))
                {
                    super::report::figure(o, chart)?;
                }
            }
            Err(e) => {
                let _ = writeln!(o, "<h3>{}</h3><p>No countdown: {}</p>", esc(label), esc(e));
            }
        }
    }
    o.push_str("</section>\n");
    Ok(())
}
