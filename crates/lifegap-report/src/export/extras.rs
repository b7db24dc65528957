//! Board-pack sections from files the scenario does not hold (see [`super::board::Extras`]):
//! the PSA rate targets as countdowns with the seed question's answer, delivery monitoring
//! (plan vs actual by programme and partner, red/amber/green), and a practice list (ranked
//! table and funnel chart). Every text from a file goes through [`esc`].

use super::board::Board;
use super::charts::{self, Chart, Kind};
use super::report::esc;
use crate::format as f;
use crate::palette;
use crate::views;
use lifegap_core::model::milestones::Status;
use lifegap_core::model::monitor::Rag;
use lifegap_core::model::practices::{PracticeAnalysis, funnel};
use std::fmt::Write as _;

fn badge(colour: palette::Rgb, text: &str) -> String {
    format!(
        "<span class=\"status\" style=\"background:{}\">{}</span>",
        palette::hex(colour),
        esc(text)
    )
}

fn status_badge(s: Status) -> String {
    badge(palette::rag(s), s.label())
}

/// The rate targets as countdowns and, for each life expectancy milestone, what meeting both
/// targets exactly is worth, in months.
pub fn rate_targets(o: &mut String, b: &Board) {
    let Some(x) = b.extras else { return };
    if x.rate_countdowns.is_empty() && x.targets_met.is_empty() {
        return;
    }
    o.push_str("<section id=\"rate-targets\"><h2>The mortality rate targets</h2>\n");
    for g in &x.targets_met {
        let _ = writeln!(
            o,
            "<p class=\"finding\">{}</p>",
            esc(&views::seed_answer(g))
        );
    }
    o.push_str("<p class=\"small\">Directly standardised rates per 100,000 (European Standard Population 1976). Status by the milestones' rule: on track when the projected rate with the programmes meets the required rate; at risk when bringing it down to the required rate would add at most the scenario's at-risk margin of life expectancy; off track otherwise.</p>\n");
    o.push_str("<table><tr><th>Target</th><th></th><th>Status</th><th class=\"num\">Time left</th><th class=\"num\">Baseline</th><th class=\"num\">Required</th><th class=\"num\">Projected without</th><th class=\"num\">Projected with</th><th class=\"num\">Still to gain if met</th></tr>\n");
    for c in &x.rate_countdowns {
        let m = &c.milestone;
        let _ = writeln!(
            o,
            "<tr><td>{} by {}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.1} ({})</td><td class=\"num\">{:.1}</td><td class=\"num\">{:.1}</td><td class=\"num\">{:.1}</td><td class=\"num\">{}</td></tr>",
            esc(m.target.measure.label()),
            m.target.target_period,
            m.baseline.sex.plural_label(),
            status_badge(c.status),
            esc(&f::months_left(c.months_left)),
            m.baseline.area,
            m.target.baseline_period,
            m.required_rate,
            m.without,
            m.with,
            if c.miss_years > 0.0 {
                f::months_of_life(c.miss_years)
            } else {
                "met".into()
            }
        );
    }
    o.push_str("</table></section>\n");
}

/// Delivery monitoring: plan vs actual by programme and partner, with red/amber/green.
pub fn monitoring(o: &mut String, b: &Board) {
    let Some((file, rows)) = b.extras.and_then(|x| x.monitoring.as_ref()) else {
        return;
    };
    let to = rows
        .first()
        .map(|r| r.to_date.to_string())
        .unwrap_or_default();
    let _ = writeln!(
        o,
        "<section id=\"monitoring\"><h2>Delivery against the plan</h2>\n<p class=\"small\">People reached above baseline, from {} to {}: green at 95% of the plan to date or more, amber at 85%, red below (a local convention).</p>",
        esc(file),
        esc(&to)
    );
    o.push_str("<table><tr><th>Programme / partner</th><th class=\"num\">Plan to date</th><th class=\"num\">Actual</th><th class=\"num\">Variance</th><th>Status</th><th class=\"num\">Plan at the end</th><th class=\"num\">Actual + plan after</th><th class=\"num\">At the actual rate</th></tr>\n");
    for r in rows {
        let who = if r.partner == "all" {
            let name = b
                .scenario
                .programmes
                .iter()
                .find(|p| p.id == r.programme)
                .map_or(r.programme.as_str(), |p| p.name.as_str());
            format!("<strong>{}</strong>", esc(name))
        } else {
            format!("&nbsp;&nbsp;{}", esc(&r.partner))
        };
        let status = match r.rag {
            Rag::Green => Status::OnTrack,
            Rag::Amber => Status::AtRisk,
            Rag::Red => Status::OffTrack,
        };
        let _ = writeln!(
            o,
            "<tr><td>{who}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{} ({})</td><td>{}</td><td class=\"num\">{} ({})</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            f::count(r.plan_to_date),
            f::count(r.actual_to_date),
            f::count(r.variance),
            r.variance_share.map_or("–".into(), f::percent),
            badge(palette::rag(status), r.rag.label()),
            f::count(r.plan_end),
            esc(&r.end.to_string()),
            f::count(r.forecast_plan_thereafter),
            f::count(r.forecast_actual_rate),
        );
    }
    o.push_str("</table></section>\n");
}

/// The funnel chart of a practice analysis: each practice's rate against its register, the
/// pooled rate and the exact binomial 95% and 99.8% limits (Spiegelhalter 2005).
pub fn funnel_chart(a: &PracticeAnalysis, programme: &str) -> Chart {
    let max_n = a
        .rows
        .iter()
        .map(|r| r.practice.register)
        .fold(1.0, f64::max);
    let ns: Vec<f64> = (1..=60)
        .map(|i| (max_n * 1.05) * f64::from(i) / 60.0)
        .filter(|n| *n >= 5.0)
        .collect();
    let line = |name: &str, pick: fn(&lifegap_core::model::practices::Limits) -> f64, dashed| {
        (
            name.to_string(),
            ns.iter().map(|&n| (n, pick(&funnel(a.p0, n)))).collect(),
            palette::COMPARATOR,
            dashed,
        )
    };
    Chart {
        id: "practices-funnel".into(),
        title: format!("Practices: {programme}, rate by register size"),
        kind: Kind::Funnel {
            points: a
                .rows
                .iter()
                .map(|r| (r.practice.register, r.rate))
                .collect(),
            limits: vec![
                (
                    "pooled rate".into(),
                    vec![(0.0, a.p0), (max_n * 1.05, a.p0)],
                    palette::TARGET,
                    false,
                ),
                line("95% lower", |l| l.lower_95, true),
                line("95% upper", |l| l.upper_95, true),
                line("99.8% lower", |l| l.lower_998, false),
                line("99.8% upper", |l| l.upper_998, false),
            ],
            x_desc: "register (people)".into(),
            y_desc: "share achieving".into(),
        },
    }
}

/// A practice list: the funnel chart and the table ranked by rate, with what raising the low
/// practices adds.
pub fn practices(o: &mut String, b: &Board) -> Result<(), String> {
    let Some((programme, file, a)) = b.extras.and_then(|x| x.practices.as_ref()) else {
        return Ok(());
    };
    let _ = writeln!(
        o,
        "<section id=\"practices\"><h2>Practices: {}</h2>\n<p class=\"small\">From {}: pooled rate {}; raising the low practices{} adds {} people ({} of the registers) and postpones {} deaths a year.</p>",
        esc(programme),
        esc(file),
        f::percent(a.p0),
        a.threshold
            .map(|t| format!(" to {}", f::percent(t)))
            .unwrap_or_default(),
        f::count(a.extra_people),
        f::percent(a.extra_coverage_of_register),
        f::deaths(a.deaths_postponed),
    );
    let chart = funnel_chart(a, programme);
    let svg = charts::svg(&chart, 1200, 650)?;
    let _ = writeln!(
        o,
        "<figure id=\"chart-practices-funnel\" data-chart=\"practices-funnel\">{svg}<figcaption>{} Dots: practices; red line: the pooled rate; dashed grey: 95% limits; solid grey: 99.8% limits.</figcaption></figure>",
        esc(&chart.title)
    );
    o.push_str("<table><tr><th class=\"num\">Rank</th><th>Practice</th><th>Hub</th><th class=\"num\">Register</th><th class=\"num\">Rate</th><th>Funnel</th><th class=\"num\">Raised to</th><th class=\"num\">Extra people</th><th class=\"num\">Deaths postponed a year</th></tr>\n");
    let mut rows: Vec<_> = a.rows.iter().collect();
    rows.sort_by_key(|r| r.rank);
    for r in rows {
        let _ = writeln!(
            o,
            "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            r.rank,
            esc(&r.practice.name),
            esc(&r.practice.hub),
            f::count(r.practice.register),
            f::percent(r.rate),
            esc(r.band.label()),
            f::percent(r.target_rate),
            f::count(r.extra_people),
            f::deaths(r.deaths_postponed),
        );
    }
    o.push_str("</table></section>\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lifegap_core::model::practices::{Practice, Raise, analyse};

    fn list() -> Vec<Practice> {
        (0..12)
            .map(|i| Practice {
                code: format!("P{i}"),
                name: format!("<Practice {i}>"),
                hub: "North & East".into(),
                list_size: 5000.0,
                register: 200.0 + 60.0 * f64::from(i),
                achieving: (200.0 + 60.0 * f64::from(i)) * (0.55 + 0.02 * f64::from(i % 5)),
                exceptions: 5.0,
            })
            .collect()
    }

    /// The funnel has one dot per practice and draws as SVG (and PNG when asked to look).
    #[test]
    fn funnel_chart_draws_every_practice() {
        let a = analyse(&list(), Raise::Percentile(0.75), 0.001);
        let chart = funnel_chart(&a, "Blood pressure");
        let Kind::Funnel { points, limits, .. } = &chart.kind else {
            panic!("a funnel")
        };
        assert_eq!(points.len(), 12);
        assert_eq!(limits.len(), 5);
        let svg = charts::svg(&chart, 1200, 650).unwrap();
        assert_eq!(svg.matches("<circle").count(), 12);
        if let Ok(path) = std::env::var("LIFEGAP_LOOK_FUNNEL") {
            std::fs::write(path, charts::png(&chart, 1200, 650, 1.0).unwrap()).unwrap();
        }
    }
}

/// The files behind the extra sections, already read (the CLI's `report` options or the app's
/// loaded files).
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    pub baselines: Option<&'a [lifegap_core::model::dsr::targets::Baseline]>,
    /// The actuals and their file's name.
    pub actuals: Option<(&'a str, &'a [lifegap_core::model::monitor::Actual])>,
    /// The practice list, its file's name, the programme id it belongs to and how the low
    /// practices are raised.
    pub practices: Option<(
        &'a str,
        &'a [lifegap_core::model::practices::Practice],
        &'a str,
        lifegap_core::model::practices::Raise,
    )>,
}

/// The extra sections from their inputs, with the model calls `mortality-targets`, `monitor`
/// and `practices` make (central settings, ESP 1976, the default RAG thresholds), so the pack
/// shows what those commands print.
pub fn compute(
    b: &Board,
    data: &lifegap_core::model::area::AreaData,
    i: Inputs<'_>,
) -> Result<super::board::Extras, String> {
    use lifegap_core::model::dsr::Standard;
    use lifegap_core::model::dsr::countdown::rate_countdown;
    use lifegap_core::model::dsr::targets::{
        Context, countdown_targets, psa_2010, targets_met_gain,
    };
    use lifegap_core::model::monitor::{Thresholds, scenario_plan};
    use lifegap_core::model::practices::analyse;
    use lifegap_core::model::projection::central_settings;
    let s = b.scenario;
    let ev = b.evaluation;
    let settings = central_settings(s);
    let mut x = super::board::Extras::default();
    if let Some(bases) = i.baselines {
        let cx = Context {
            simulator: &ev.simulator,
            scenario: s,
            settings: &settings,
            data,
            standard: Standard::Esp1976,
        };
        let targets = psa_2010();
        for t in &countdown_targets() {
            for base in bases.iter().filter(|x| x.measure == t.measure) {
                x.rate_countdowns
                    .push(rate_countdown(&cx, t, base, ev.results.as_of)?);
            }
        }
        for m in &ev.results.milestones {
            x.targets_met
                .push(targets_met_gain(&cx, &m.result, &targets, bases, None)?);
        }
    }
    if let Some((file, acts)) = i.actuals {
        let (lines, _) = scenario_plan(&ev.simulator, s, &settings);
        if let Some(to_date) = acts.iter().map(|a| a.quarter).max() {
            let lines: Vec<_> = lines
                .into_iter()
                .filter(|l| acts.iter().any(|a| a.programme == l.programme))
                .collect();
            x.monitoring = Some((
                file.to_string(),
                lifegap_core::model::monitor::monitor(&lines, acts, to_date, Thresholds::default()),
            ));
        }
    }
    if let Some((file, list, id, raise)) = i.practices {
        let summary = ev
            .results
            .programmes
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| format!("no programme '{id}' in the scenario"))?;
        if !summary.enabled {
            return Err(format!(
                "programme '{id}' is switched off: enable it to price extra people in deaths postponed"
            ));
        }
        // At the margin of the plan (and of business as usual), as `lifegap practices`.
        let per_person = lifegap_core::model::marginal::deaths_per_extra_person(
            &ev.simulator,
            s,
            &lifegap_core::model::projection::central_settings(s),
            id,
            ev.results.headline,
        )
        .map_err(|e| e.to_string())?;
        x.practices = Some((
            summary.name.clone(),
            file.to_string(),
            analyse(list, raise, per_person),
        ));
    }
    Ok(x)
}
