//! The board pack's page on the gap within the area (`lifegap report --groups FILE`): the
//! most deprived group against the least deprived, broken down by cause and age, the
//! scenario's programmes delivered in the most deprived group and its gap-reduction milestones
//! on the within-area gap — the within-area scenario `lifegap within` makes
//! (`lifegap_core::within`), evaluated with `evaluate`, so the page shows what that command
//! prints. The whole pack of that comparison is `lifegap report` on the scenario `lifegap
//! within --save` writes; this page puts its summary beside the comparison with England.

use super::board::Board;
use super::report::esc;
use crate::format as f;
use crate::palette;
use lifegap_core::evaluate::{EvalOptions, evaluate};
use lifegap_core::model::area::AreaData;
use lifegap_core::model::causes;
use lifegap_core::model::decomposition::GapDecomposition;
use lifegap_core::model::milestones::MilestoneResult;
use lifegap_core::model::results::ProgrammeSummary;
use std::fmt::Write as _;

/// What the page shows, computed by [`compute`].
#[derive(Debug, Clone)]
pub struct WithinSection {
    /// The group file's name.
    pub file: String,
    pub most: String,
    pub least: String,
    /// What was assumed in making the within-area scenario.
    pub notes: Vec<String>,
    /// The base-period breakdown of the gap within the area, each sex.
    pub decompositions: Vec<(lifegap_core::model::area::Sex, GapDecomposition)>,
    pub milestones: Vec<MilestoneResult>,
    /// The programmes delivered in the most deprived group.
    pub programmes: Vec<ProgrammeSummary>,
}

/// The within-area scenario of the board's scenario for `most` against `least` of `groups`,
/// evaluated at the board's planning date (central estimates). `targeted`: the programmes
/// delivered in the most deprived group (none named: every enabled one).
pub fn compute(
    b: &Board,
    groups: &AreaData,
    file: &str,
    most: &str,
    least: &str,
    targeted: Option<&[String]>,
) -> Result<WithinSection, String> {
    let w = lifegap_core::within::scenario(b.scenario, b.results, groups, most, least, targeted)?;
    let ev = evaluate(&w.scenario, groups, &EvalOptions::central(b.results.as_of))
        .map_err(|e| format!("the gap within the area: {e}"))?;
    Ok(WithinSection {
        file: file.to_string(),
        most: most.to_string(),
        least: least.to_string(),
        notes: w.notes,
        decompositions: ev
            .base
            .iter()
            .filter_map(|x| x.decomposition.clone().map(|d| (x.sex, d)))
            .collect(),
        milestones: ev
            .results
            .milestones
            .iter()
            .map(|m| m.result.clone())
            .collect(),
        programmes: ev
            .results
            .programmes
            .iter()
            .filter(|p| p.enabled)
            .cloned()
            .collect(),
    })
}

/// Broad age groups of the breakdown: (label, first age, first age not included).
pub const AGE_GROUPS: [(&str, u32, u32); 6] = [
    ("under 1", 0, 1),
    ("1-14", 1, 15),
    ("15-44", 15, 45),
    ("45-64", 45, 65),
    ("65-74", 65, 75),
    ("75 and over", 75, u32::MAX),
];

/// The gap's part in each broad age group.
pub fn by_age_group(d: &GapDecomposition) -> Vec<(&'static str, f64)> {
    AGE_GROUPS
        .iter()
        .map(|&(label, lo, hi)| {
            (
                label,
                d.by_age
                    .iter()
                    .filter(|a| a.age >= lo && a.age < hi)
                    .map(|a| a.total)
                    .sum(),
            )
        })
        .collect()
}

/// The page, when the board carries it.
pub fn section(o: &mut String, b: &Board) {
    let Some(w) = b.extras.and_then(|x| x.within.as_ref()) else {
        return;
    };
    let _ = writeln!(
        o,
        "<section id=\"within-area\"><h2>The gap within {}: {} against {}</h2>",
        esc(&b.scenario.area),
        esc(&w.most),
        esc(&w.least)
    );
    let _ = writeln!(
        o,
        "<p class=\"small\">From {} (the most deprived group as the area, the least deprived as the comparator). {}</p>",
        esc(&w.file),
        esc(&w.notes.join(" "))
    );
    for (sex, d) in &w.decompositions {
        let _ = writeln!(
            o,
            "<p class=\"finding\">{} in {} live {} less than in {} ({} against {}).</p>",
            sex.plural_label(),
            esc(&w.most),
            esc(&f::life_time(d.gap())),
            esc(&w.least),
            f::years(d.e0_local),
            f::years(d.e0_comparator)
        );
        o.push_str("<table><tr><th>Cause</th><th class=\"num\">Part of the gap</th><th class=\"num\">Share</th></tr>\n");
        for (c, v) in d.causes.iter().zip(d.by_cause()) {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&causes::label(c)),
                esc(&f::life_time(v)),
                f::percent(v / d.gap())
            );
        }
        o.push_str("<tr><th>Age</th><th></th><th></th></tr>\n");
        for (label, v) in by_age_group(d) {
            let _ = writeln!(
                o,
                "<tr><td>{label}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&f::life_time(v)),
                f::percent(v / d.gap())
            );
        }
        o.push_str("</table>\n");
    }
    if !w.milestones.is_empty() {
        o.push_str("<table><tr><th>Milestone on the gap within the area</th><th>Period</th><th class=\"num\">Required gap</th><th class=\"num\">Without programmes</th><th class=\"num\">With programmes</th><th>Status</th><th class=\"num\">Time left</th></tr>\n");
        for m in &w.milestones {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td><span class=\"status\" style=\"background:{}\">{}</span></td><td class=\"num\">{}</td></tr>",
                esc(&m.label),
                m.period,
                f::gain(m.required),
                f::gain(m.without),
                f::gain(m.with),
                palette::hex(palette::rag(m.status)),
                m.status.label(),
                esc(&f::months_left(m.months_left))
            );
        }
        o.push_str("</table>\n");
    }
    if !w.programmes.is_empty() {
        o.push_str("<table><tr><th>Delivered in the most deprived group</th><th class=\"num\">Extra people</th><th class=\"num\">Deaths postponed a year</th><th class=\"num\">Gap closed, men</th><th class=\"num\">Gap closed, women</th><th class=\"num\">Cost a year</th></tr>\n");
        for p in &w.programmes {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&p.name),
                f::count(p.extra_people),
                f::deaths(p.deaths_per_year),
                esc(&f::life_time(p.gain[0])),
                esc(&f::life_time(p.gain[1])),
                f::money(p.cost_per_year)
            );
        }
        o.push_str("</table>\n");
    }
    o.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use lifegap_core::model::bands::BandSet;
    use lifegap_core::model::decomposition::{BandContribution, Direction};

    /// Hand-worked: bands 0, 1, 5, …, 90 with contributions 0.1 (age 0), 0.2 (1–14: bands 1,
    /// 5, 10 at 0.2/3 each), 1.0 at each of 15…40 (6 bands), 0.5 at each of 45…60 (4 bands),
    /// 0.25 at 65 and 70, 0.1 at 75…90 (4 bands).
    #[test]
    fn age_groups_sum_their_bands() {
        let ages = BandSet::To90.starts();
        let total = |a: u32| match a {
            0 => 0.1,
            1 | 5 | 10 => 0.2 / 3.0,
            15..=40 => 1.0,
            45..=60 => 0.5,
            65 | 70 => 0.25,
            _ => 0.1,
        };
        let d = GapDecomposition {
            bands: BandSet::To90,
            direction: Direction::LocalToComparator,
            e0_local: 70.0,
            e0_comparator: 79.0,
            by_age: ages
                .iter()
                .map(|&age| BandContribution {
                    age,
                    direct: total(age),
                    indirect: 0.0,
                    total: total(age),
                })
                .collect(),
            causes: Vec::new(),
            by_age_cause: Vec::new(),
        };
        let got = by_age_group(&d);
        let want = [0.1, 0.2, 6.0, 2.0, 0.5, 0.4];
        for ((label, v), w) in got.iter().zip(want) {
            assert!((v - w).abs() < 1e-12, "{label}: {v} vs {w}");
        }
        let sum: f64 = got.iter().map(|x| x.1).sum();
        assert!((sum - d.total()).abs() < 1e-12);
    }
}
