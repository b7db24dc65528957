//! The board pack's "What it would take" page (issue 10: what would close the gap and what it
//! costs, on paper): a table per milestone the plan misses, the plan beside the cheapest mix
//! and all scaled together, with the model's people, cost and chance in the board's units.

use crate::common::shipped;
use lifegap_core::model::goal_seek::answers::{answer, the_plan};
use lifegap_core::model::goal_seek::cheapest_mix;
use lifegap_core::{EvalOptions, evaluate, scenario_file};
use lifegap_report::export::board::Board;
use lifegap_report::format as f;

#[test]
fn the_pack_says_what_each_missed_milestone_would_take() {
    let path = shipped()
        .into_iter()
        .find(|p| p.ends_with("demo-2010-countdown.ron"))
        .unwrap();
    let loaded = scenario_file::load(&path).unwrap();
    let s = &loaded.scenario;
    // With a Monte Carlo of its own (200 draws), as `lifegap report --draws 200`.
    let ev = evaluate(
        s,
        &loaded.data,
        &EvalOptions::with_draws(s.as_of.unwrap(), Some(200)),
    )
    .unwrap();
    let u = ev.results.uncertainty.as_ref().unwrap();
    let board = Board::of(s, &ev, Some(u), &loaded.data.provenance);
    let html = lifegap_report::export::report::html(&board).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let sel = |x: &str| scraper::Selector::parse(x).unwrap();
    let section = doc
        .select(&sel("section#what-it-takes"))
        .next()
        .expect("the page is in the pack");
    // Every milestone the demo's plan misses has its table (the demo misses all four).
    let missed: Vec<usize> = (0..s.milestones.len())
        .filter(|&i| ev.results.milestones[i].result.shortfall_with > 0.0)
        .collect();
    assert_eq!(missed.len(), 4);
    let tables: Vec<_> = section.select(&sel("table")).collect();
    assert_eq!(tables.len(), missed.len());
    let headings: Vec<String> = section
        .select(&sel("h3"))
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(
        headings[2],
        "2013 local milestone (men): a life expectancy of at least 77.40 years required; with the plan, 77.26 years (7 weeks short)"
    );
    // The men's 2013 table holds the model's figures: rows by label, columns plan, cheapest,
    // all together.
    let mut opts = s.uncertainty;
    opts.draws = 200;
    let sim = &ev.simulator;
    let plan = the_plan(sim, s, 2, opts).unwrap();
    let cheapest = answer(
        sim,
        s,
        2,
        "The cheapest mix".into(),
        cheapest_mix(sim, s, &s.milestones[2]).unwrap(),
        opts,
    )
    .unwrap();
    let row = |label: &str| -> Vec<String> {
        tables[2]
            .select(&sel("tr"))
            .find(|r| {
                r.select(&sel("th, td"))
                    .next()
                    .is_some_and(|c| c.text().collect::<String>() == label)
            })
            .unwrap_or_else(|| panic!("no row {label}"))
            .select(&sel("td"))
            .map(|c| c.text().collect())
            .collect()
    };
    let cost = row("Cost a year at full delivery");
    assert_eq!(cost[0], f::money(plan.seek.cost_per_year));
    assert_eq!(cost[1], f::money(cheapest.seek.cost_per_year));
    let chance = row("Chance of meeting it");
    assert_eq!(chance[0], f::percent(plan.chance));
    // The plan's chance is the milestone table's (the same draws of the same Monte Carlo).
    assert_eq!(plan.chance, u.milestones[2].probability_met);
    assert_eq!(chance[1], f::percent(cheapest.chance));
    assert_eq!(
        row("Meets the milestone")[..2],
        ["No: 7 weeks short", "Yes"]
    );
    let (stock, flow) = cheapest.people_by_reach();
    assert_eq!(
        row("On treatment above baseline, in all")[1],
        f::count(stock)
    );
    assert_eq!(
        row("Reached a year above baseline, in all")[1],
        f::count(flow)
    );
    let statins = &cheapest.programmes[0];
    // A programme's row names it in its first cell (a td, not a th).
    assert_eq!(
        row(&statins.name)[2],
        format!(
            "{} ({})",
            f::percent(statins.coverage),
            f::count(statins.people)
        )
    );
}
