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
    /// For a file by fifth or tenth (Q1…Q5, D1…D10): each sex's SII with its limits (as
    /// `lifegap sii`: 95%, 100,000 repetitions, seed 1) and the SII milestone (as `lifegap
    /// sii-target`, the programmes in the most deprived fifth) or why there is none.
    pub sii: Vec<SiiRow>,
    /// What delivering in the most deprived group adds to the whole area's e₀ in the first
    /// milestone's period, each sex (`within::area_gain`).
    pub area_gain: Vec<(
        lifegap_core::model::area::Sex,
        lifegap_core::model::scenario::Period,
        f64,
    )>,
}

/// One sex's slope index of inequality and its milestone.
#[derive(Debug, Clone)]
pub struct SiiRow {
    pub sex: lifegap_core::model::area::Sex,
    pub groups: usize,
    pub sii: Result<lifegap_core::model::sii::Sii, String>,
    pub countdown: Result<lifegap_core::sii_target::SiiCountdown, String>,
}

/// The SII milestone the pack (and the app's Region screen) judges: the scenario's first
/// gap-reduction share (else 10%) by its first milestone's period, the programmes in the most
/// deprived fifth of `groups` (most deprived first).
pub fn sii_milestone_for(
    s: &lifegap_core::model::scenario::Scenario,
    groups: &[String],
) -> Option<(f64, lifegap_core::model::scenario::Period, Vec<String>)> {
    use lifegap_core::model::scenario::Target;
    let period = s.milestones.first()?.period;
    let reduction = s
        .milestones
        .iter()
        .find_map(|m| match m.target {
            Target::GapReduction { reduction, .. } => Some(reduction),
            _ => None,
        })
        .unwrap_or(lifegap_core::within::DEFAULT_REDUCTION);
    let fifth = (groups.len() / 5).max(1);
    Some((reduction, period, groups[..fifth].to_vec()))
}

fn sii_rows(b: &Board, groups: &AreaData) -> Vec<SiiRow> {
    use lifegap_core::model::small_areas::{deprivation_groups, life_expectancy_sii};
    use lifegap_core::sii_target::{SiiTarget, sii_countdown};
    let Some(names) = deprivation_groups(groups) else {
        return Vec::new();
    };
    let opts = lifegap_core::model::life_table::LifeTableOptions::default();
    lifegap_core::model::area::Sex::BOTH
        .iter()
        .map(|&sex| SiiRow {
            sex,
            groups: names.len(),
            sii: life_expectancy_sii(groups, sex, &names, &opts, 0.95, 100_000, 1).map(|x| x.0),
            countdown: sii_milestone_for(b.scenario, &names)
                .ok_or_else(|| "the scenario has no milestone to take a period from".to_string())
                .and_then(|(reduction, period, targeted)| {
                    sii_countdown(
                        b.scenario,
                        b.results,
                        groups,
                        &names,
                        &targeted,
                        SiiTarget {
                            sex,
                            period,
                            reduction,
                        },
                        b.results.as_of,
                    )
                }),
        })
        .collect()
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
        sii: sii_rows(b, groups),
        area_gain: w
            .scenario
            .milestones
            .first()
            .map(|m| m.period)
            .map(|period| {
                lifegap_core::model::area::Sex::BOTH
                    .iter()
                    .filter_map(|&sex| {
                        lifegap_core::within::area_gain(groups, &w.scenario, &ev, sex, period)
                            .ok()
                            .map(|g| (sex, period, g))
                    })
                    .collect()
            })
            .unwrap_or_default(),
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
                esc(&f::life_time(m.required)),
                esc(&f::life_time(m.without)),
                esc(&f::life_time(m.with)),
                palette::hex(palette::rag(m.status)),
                m.status.label(),
                esc(&f::months_left(m.months_left))
            );
        }
        o.push_str("</table>\n");
    }
    if let Some((_, period, _)) = w.area_gain.first() {
        let parts: Vec<String> = w
            .area_gain
            .iter()
            .map(|(sex, _, g)| {
                format!("{} {}", sex.plural_label().to_lowercase(), f::life_time(*g))
            })
            .collect();
        let _ = writeln!(
            o,
            "<p class=\"finding\">Delivered in {} only, the programmes add {} to {}'s own life expectancy in {period}.</p>",
            esc(&w.most),
            esc(&parts.join(" and ")),
            esc(&b.scenario.area)
        );
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
    if !w.sii.is_empty() {
        o.push_str("<table><tr><th>Slope index of inequality</th><th class=\"num\">SII (95% interval)</th><th>Milestone</th><th class=\"num\">Required</th><th class=\"num\">Without programmes</th><th class=\"num\">With programmes</th><th>Status</th></tr>\n");
        for r in &w.sii {
            let sii = match &r.sii {
                Ok(s) => format!(
                    "{} ({} to {})",
                    f::years(s.sii),
                    f::years(s.lower),
                    f::years(s.upper)
                ),
                Err(e) => format!("none: {}", esc(e)),
            };
            let _ = write!(
                o,
                "<tr><td>{}, across {} groups</td><td class=\"num\">{sii}</td>",
                r.sex.plural_label(),
                r.groups
            );
            match &r.countdown {
                Ok(c) => {
                    let targeted = lifegap_core::sii_target::targeted(&c.deciles);
                    let _ = writeln!(
                        o,
                        "<td>{} (programmes in {})</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td><span class=\"status\" style=\"background:{}\">{}</span></td></tr>",
                        esc(&c.label),
                        esc(&targeted.join(", ")),
                        f::years(c.required),
                        f::years(c.without),
                        f::years(c.with),
                        palette::hex(palette::rag(c.status)),
                        c.status.label()
                    );
                }
                Err(e) => {
                    let _ = writeln!(
                        o,
                        "<td colspan=\"5\">No SII milestone: {}</td></tr>",
                        esc(e)
                    );
                }
            }
        }
        o.push_str("</table>\n<p class=\"small\">The SII (PHE's phe_sii method) is the fitted gap in life expectancy between the least and the most deprived ends of the area's social gradient; each group improves at the area's own yearly rate, the programmes delivered in the most deprived fifth (as lifegap sii-target).</p>\n");
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
