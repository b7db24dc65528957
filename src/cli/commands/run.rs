//! `lifegap run SCENARIO.ron [--out DIR] [--draws N]`: per-year results, programme
//! contributions, milestones and the quarterly delivery countdown as CSV, and a one-screen
//! summary.

use super::scenario_common::{Source, compute_all};
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::{json, say};
use lifegap_core::model::results::ScenarioResults;
use lifegap_core::model::scenario::Date;
use lifegap_core::scenario_file::LoadedScenario;
use lifegap_report::export::tables;
use lifegap_report::format as f;
use std::fmt::Write as _;
use std::path::Path;

pub fn run(
    source: &Source<'_>,
    out: Option<&Path>,
    draws: Option<u32>,
    as_of: Option<Date>,
    as_json: bool,
) -> Outcome {
    let c = compute_all(source, draws, as_of)?;
    let r = &c.evaluation.results;
    if let Some(dir) = out {
        // Every file or none: a full disk cannot leave a partial set that looks complete.
        tables::render_all(&c.loaded.scenario, r, r.uncertainty.as_ref())
            .and_then(|mut set| {
                set.push(("summary.txt", summary(&c.loaded, r).into_bytes()));
                lifegap_core::atomic::write_set(dir, &set)
            })
            .map_err(|e| CliError::Input(format!("cannot write to {}: {e}", dir.display())))?;
        eprintln!(
            "wrote {} and summary.txt to {}",
            tables::FILES.join(", "),
            dir.display()
        );
    }
    if as_json {
        json(r)?;
    } else {
        say(&summary(&c.loaded, r))?;
    }
    done(false)
}

/// The one-screen text summary.
pub fn summary(l: &LoadedScenario, r: &ScenarioResults) -> String {
    let s = &l.scenario;
    let mut o = String::new();
    let prov = &l.data.provenance;
    let _ = writeln!(o, "{}", s.name);
    let _ = writeln!(
        o,
        "Data: {} ({}{}); planning date {}",
        prov.source,
        prov.period
            .clone()
            .unwrap_or_else(|| s.base_period.to_string()),
        if prov.synthetic { ", SYNTHETIC" } else { "" },
        r.as_of
    );
    let _ = writeln!(
        o,
        "\nLife expectancy at birth, {}       {:>22} {:>9} {:>22}",
        s.base_period, s.area, s.comparator, "gap (95% CI)"
    );
    for sx in &r.projection.sexes {
        let m = r
            .uncertainty
            .as_ref()
            .and_then(|u| u.measured_gap.iter().find(|g| g.sex == sx.sex));
        let se_l = sx.base_gap_se;
        let _ = writeln!(
            o,
            "  {:<34} {:>22} {:>9} {:>22}",
            sx.sex.plural_label(),
            format!("{}", f::years(sx.base_e0_local)),
            f::years(sx.base_e0_comparator),
            match m {
                Some(g) => format!(
                    "{} ({}–{})",
                    f::gain(g.gap),
                    f::gain(g.low),
                    f::gain(g.high)
                ),
                None => format!("{} (SE {})", f::gain(sx.base_gap), f::gain(se_l)),
            }
        );
    }
    let _ = writeln!(
        o,
        "\nMilestones                         period  required  without    with  closed  status     time left      P(met)"
    );
    for m in &r.milestones {
        let x = &m.result;
        let p = r
            .uncertainty
            .as_ref()
            .and_then(|u| u.milestones.iter().find(|u| u.label == x.label))
            .map(|u| f::percent(u.probability_met))
            .unwrap_or_else(|| "–".into());
        let fmt = |v: f64| match x.measure {
            lifegap_core::model::milestones::Measure::GapShare => f::percent(v),
            _ => f::gain(v),
        };
        let _ = writeln!(
            o,
            "  {:<32} {:>7} {:>9} {:>8} {:>7} {:>7}  {:<10} {:<14} {:>6}",
            x.label,
            x.period.to_string(),
            fmt(x.required),
            fmt(x.without),
            fmt(x.with),
            x.share_of_shortfall_closed
                .map(f::percent)
                .unwrap_or_else(|| "met".into()),
            x.status.label(),
            f::months_left(x.months_left),
            p
        );
    }
    // The Overview's three answers, in the same words and figures.
    let _ = writeln!(
        o,
        "\nHow far off, in the board's terms (with the programmes as set)"
    );
    for a in lifegap_core::model::answers::milestones(r) {
        let _ = writeln!(o, "  {}", board_line(&a));
    }
    let next = lifegap_core::model::answers::next_quarter(r, &s.action_plan);
    if let Some(first) = next.first() {
        let _ = writeln!(
            o,
            "\nNext quarter's delivery ({}): people above the base period by its end",
            first.quarter
        );
        for q in &next {
            let _ = writeln!(
                o,
                "  {:<40} {:<44} {:>10}",
                q.programme.chars().take(40).collect::<String>(),
                q.partner.as_deref().unwrap_or("no action plan"),
                f::count(q.planned)
            );
        }
    }
    if let Some(u) = &r.uncertainty {
        let _ = writeln!(
            o,
            "\nWhat drives the uncertainty (Spearman rank correlation of each parameter's draws with meeting the milestone)"
        );
        for m in &u.milestones {
            let top: Vec<String> = m
                .drivers
                .iter()
                .take(3)
                .map(|d| {
                    if d.is_shared() {
                        format!(
                            "{} [drives {}] {:+.2}",
                            d.parameter,
                            d.drives(),
                            d.rank_correlation
                        )
                    } else {
                        format!("{} {:+.2}", d.parameter, d.rank_correlation)
                    }
                })
                .collect();
            let _ = writeln!(o, "  {:<32} {}", m.label, top.join("; "));
        }
    }
    let _ = writeln!(
        o,
        "\nProgrammes (gains over {}, attributed)   extra people  deaths/yr  men   women  % shortfall m/f    cost/yr",
        r.headline
    );
    for p in r.programmes.iter().filter(|p| p.enabled) {
        let _ = writeln!(
            o,
            "  {:<40} {:>12} {:>9} {:>5} {:>6}  {:>7} / {:<7} {:>9}",
            p.name.chars().take(40).collect::<String>(),
            f::count(p.extra_people),
            f::deaths(p.deaths_per_year),
            f::gain(p.gain[0]),
            f::gain(p.gain[1]),
            f::or_dash(p.share_of_shortfall[0], f::percent),
            f::or_dash(p.share_of_shortfall[1], f::percent),
            f::money(p.cost_per_year)
        );
    }
    let total = r.programme_totals();
    let _ = writeln!(
        o,
        "  {:<40} {:>12} {:>9} {:>5} {:>6}  {:>17} {:>9}",
        "All programmes",
        "",
        f::deaths(total.deaths_per_year),
        f::gain(total.gain[0]),
        f::gain(total.gain[1]),
        "",
        f::money(total.cost_per_year)
    );
    if let Some(u) = &r.uncertainty {
        life_years(
            &mut o,
            u,
            r.projection.years.first(),
            r.projection.years.last(),
        );
    }
    if let Some(u) = &r.uncertainty {
        let _ = writeln!(
            o,
            "\nUncertainty: {} Monte Carlo draws (seed {}), effect sizes from their ranges{}.",
            u.draws,
            u.seed,
            if u.sampling_error {
                "; P(met) includes the sampling error of the measured gap"
            } else {
                ""
            }
        );
    }
    let late = lifegap_core::model::evidence_dates::late_evidence(s);
    if let Some(first) = late.first() {
        let _ = writeln!(
            o,
            "\nEvidence published after the planning date ({}): a plan made then could not have cited it",
            first.planning_year
        );
        for l in &late {
            let swap = l
                .earlier
                .as_ref()
                .map(|e| format!(" (earlier: {}, {})", e.citation(), e.value))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "  {}: {}: {}{swap}",
                l.programme_name, l.parameter, l.citation
            );
        }
    }
    let _ = writeln!(
        o,
        "Deaths postponed are within the period shown, not lives saved for ever."
    );
    o
}

/// Life-years gained over the simulated years with their 95% intervals and the cost per
/// life-year, by programme, and what drives them (the group's survival after a postponed
/// death beside the effect sizes).
fn life_years(
    o: &mut String,
    u: &lifegap_core::model::uncertainty::Uncertainty,
    first: Option<&i32>,
    last: Option<&i32>,
) {
    let (Some(first), Some(last)) = (first, last) else {
        return;
    };
    let range = |i: &lifegap_core::model::uncertainty::Interval, fmt: fn(f64) -> String| {
        format!("{} ({}–{})", fmt(i.median), fmt(i.low), fmt(i.high))
    };
    let _ = writeln!(
        o,
        "\nLife-years gained {first}–{last}, undiscounted (median and 95% interval)        life-years                cost per life-year"
    );
    for p in &u.programmes {
        let _ = writeln!(
            o,
            "  {:<40} {:>30}  {:>30}",
            p.name.chars().take(40).collect::<String>(),
            range(&p.life_years, f::count),
            p.cost_per_life_year
                .as_ref()
                .map_or_else(|| "–".into(), |c| range(c, f::money))
        );
    }
    let _ = writeln!(
        o,
        "  {:<40} {:>30}",
        "All programmes",
        range(&u.life_years, f::count)
    );
    let top: Vec<String> = u
        .life_year_drivers
        .iter()
        .take(3)
        .map(|d| format!("{} {:+.2}", d.parameter, d.rank_correlation))
        .collect();
    if !top.is_empty() {
        let _ = writeln!(o, "  What drives them: {}", top.join("; "));
    }
}

/// One milestone's answer in words: "2010 PSA target (men): 5.2 months short (about 40 more
/// deaths to postpone a year); closing most: Statins 2 weeks (£1.2m a year), …". The Overview
/// cards show the same figures.
pub fn board_line(a: &lifegap_core::model::answers::MilestoneAnswer) -> String {
    let short = if a.shortfall_years > 0.0 {
        format!(
            "{} short ({})",
            f::life_time(a.shortfall_years),
            a.deaths_a_year
                .map(f::deaths)
                .map(|d| format!("{d} more deaths to postpone a year"))
                .unwrap_or_else(|| "no programme postpones deaths yet to convert it".into())
        )
    } else {
        "met with the programmes".into()
    };
    let closers: Vec<String> = a
        .closers
        .iter()
        .map(|c| {
            format!(
                "{} {} ({} a year)",
                c.name,
                f::life_time(c.years),
                f::money(c.cost_per_year)
            )
        })
        .collect();
    if closers.is_empty() {
        format!("{}: {short}", a.label)
    } else {
        format!("{}: {short}; closing most: {}", a.label, closers.join(", "))
    }
}
