//! The app in the room (issue 10): the Overview's three answers and the workshop's action
//! plan, driven headless through the accessibility tree.

use crate::ui::harness;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use lifegap::app::settings::Screen;
use lifegap::app::{AppEnv, LifegapApp};
use lifegap_core::EvalOptions;
use lifegap_core::model::answers;
use lifegap_core::model::area::Sex;
use lifegap_core::scenario_file;
use lifegap_report::format as f;
use std::path::{Path, PathBuf};

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/demo-2010-countdown.ron")
}

fn open() -> Harness<'static, LifegapApp> {
    let mut app = LifegapApp::with_scenario_file(&demo(), AppEnv::headless());
    app.view.mc_paused = true;
    harness(app)
}

#[track_caller]
fn named(h: &Harness<'static, LifegapApp>, name: &str) -> bool {
    let want = name.to_string();
    h.query(By::new().predicate(move |n| n.label().as_deref() == Some(want.as_str())))
        .is_some()
}

/// Is a node whose name contains `part` on screen?
fn contains(h: &Harness<'static, LifegapApp>, part: &str) -> bool {
    let want = part.to_string();
    h.query_all(By::new().predicate(move |n| n.label().is_some_and(|l| l.contains(&want))))
        .next()
        .is_some()
}

/// The demo's answers as the CLI computes them.
fn model_answers() -> Vec<answers::MilestoneAnswer> {
    let loaded = scenario_file::load(&demo()).unwrap();
    let s = &loaded.scenario;
    let e =
        lifegap_core::evaluate(s, &loaded.data, &EvalOptions::central(s.as_of.unwrap())).unwrap();
    answers::milestones(&e.results)
}

#[test]
fn the_overview_has_a_card_per_milestone_with_the_models_figures() {
    let h = open();
    assert_eq!(h.state().screen, Screen::Overview);
    let want = model_answers();
    assert_eq!(want.len(), 4);
    for a in &want {
        assert!(a.shortfall_years > 0.0, "the demo misses {}", a.label);
        let short = format!("{}: Short by {}", a.label, f::life_time(a.shortfall_years));
        assert!(named(&h, &short), "{short}");
        let deaths = format!(
            "{}: {} more deaths to postpone a year",
            a.label,
            f::deaths(a.deaths_a_year.unwrap())
        );
        assert!(named(&h, &deaths), "{deaths}");
        assert!(named(&h, &format!("Open the countdown for {}", a.label)));
        // One unit per card, the target's: the projection reads beside the target.
        if a.measure == lifegap_core::model::milestones::Measure::GapYears {
            let without = format!(
                "{}: without programmes: gap of {}",
                a.label,
                f::life_time_as(a.without, a.required)
            );
            assert!(named(&h, &without), "{without}");
        }
    }
    // The Monte Carlo has not run (paused): the card offers to run it rather than a number.
    assert!(h.query_all_by_label("run uncertainty").count() == 4);
    // The next quarter's delivery names partners and the programmes without a plan.
    assert!(
        h.query_by_label_contains("Who delivers what by the end of 2009 Q2")
            .is_some()
    );
    assert!(
        h.query_all_by_label("Practice-based commissioning hub (North)")
            .count()
            >= 1
    );
    assert!(h.query_all_by_label("no action plan yet").count() >= 1);
}

#[test]
fn a_card_opens_its_milestones_countdown() {
    let mut h = open();
    let women = model_answers()
        .into_iter()
        .position(|a| a.label == "2013 local milestone (women)")
        .unwrap();
    h.get_by_label("Open the countdown for 2013 local milestone (women)")
        .click();
    h.run();
    assert_eq!(h.state().screen, Screen::Countdown);
    assert_eq!(h.state().view.milestone, women);
    assert_eq!(h.state().view.sex, Sex::Female);
    // The countdown of the 2011-13 period, 56 months after 1 April 2009.
    assert!(named(&h, "Countdown: 56 months"));
}

/// The cause × age view adds up to the gap: its cells are the decomposition's, grouped.
#[test]
fn the_gap_by_cause_and_age_adds_up_to_the_gap_and_is_on_screen_and_a_slide() {
    let loaded = scenario_file::load(&demo()).unwrap();
    let base = lifegap_core::evaluate::base_figures(&loaded.scenario, &loaded.data);
    let dec = base[0].decomposition.as_ref().unwrap();
    let c = lifegap_report::views::gap_by_cause_age(dec).unwrap();
    let sum: f64 = c.cells.iter().flatten().sum();
    let by_cause: f64 = dec.by_cause().iter().sum();
    assert!((sum - by_cause).abs() < 1e-9, "{sum} vs {by_cause}");
    assert_eq!(c.bands.len(), dec.bands.len());
    assert_eq!(c.groups[0], "circulatory");

    let mut h = open();
    h.get_by_label("Gap breakdown").click();
    h.run();
    assert!(h.query_by_label("By cause and age together").is_some());
    // The legend names the cause groups.
    assert!(h.query_all_by_label("Circulatory disease").count() >= 1);
    h.key_press(egui::Key::F5);
    h.run();
    for _ in 0..2 {
        h.key_press(egui::Key::ArrowRight);
        h.run();
    }
    assert!(
        h.query_by_label("Where the men's gap is: by age and cause")
            .is_some()
    );
}

/// The ready reckoner shows each programme at its current and new level side by side, the new
/// level being the model's (today's people plus the extra people the plan adds).
#[test]
fn the_ready_reckoner_shows_current_and_new_side_by_side() {
    let loaded = scenario_file::load(&demo()).unwrap();
    let s = &loaded.scenario;
    let e =
        lifegap_core::evaluate(s, &loaded.data, &EvalOptions::central(s.as_of.unwrap())).unwrap();
    let rows = lifegap_core::model::reckoner::rows(&e.results.programmes, Sex::Male);
    let p = e
        .results
        .programmes
        .iter()
        .find(|p| p.name == "Blood-pressure treatment")
        .unwrap();
    let x = rows.iter().find(|x| x.name == p.name).unwrap();
    assert!((x.new.people - p.eligible * p.target).abs() < 1e-6 * p.eligible);
    assert!(x.current.unwrap().people < x.new.people);

    let mut h = open();
    h.get_by_label("Programmes").click();
    h.run();
    for (what, v) in [
        ("people now", f::count(x.current.unwrap().people)),
        ("people in the plan", f::count(x.new.people)),
        (
            "deaths postponed a year in the plan",
            f::deaths(x.new.deaths_per_year),
        ),
        ("gain in the plan", f::life_time(x.new.gain)),
    ] {
        let name = format!("Blood-pressure treatment: {what}: {v}");
        assert!(named(&h, &name), "{name}");
    }
}

/// Adding partners never stops the model: shares under 100% leave an "unassigned" rest with a
/// warning, the results stay current, and a partner picked from a template is named after it.
#[test]
fn an_unfinished_action_plan_warns_and_never_stops_the_model() {
    let mut h = open();
    h.get_by_label("Action plan").click();
    h.run();
    // Affordable warmth: City council 70%, voluntary sector 30% in the demo.
    h.get_by_label("Affordable warmth: partner 2 share")
        .set_value_accesskit(10.0);
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert!(doc.problem.is_none(), "{:?}", doc.problem);
    assert!(
        h.query_by_label_contains("Shares add up to 80.0%: 20.0% is unassigned")
            .is_some()
    );
    assert!(named(&h, "Affordable warmth: unassigned 20%"));
    // A partner from the templates takes the rest.
    // Affordable warmth is the last plan: bring its template list on screen first.
    h.get_by_label("Affordable warmth: add a partner from a template")
        .scroll_to_me();
    h.run();
    h.get_by_label("Affordable warmth: add a partner from a template")
        .click();
    h.run();
    h.get_by_label("Acute trust").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert!(doc.problem.is_none());
    let plan = doc
        .scenario
        .action_plan
        .for_programme("affordable_warmth")
        .unwrap();
    assert_eq!(plan.partners.len(), 3);
    assert_eq!(plan.partners[2].name, "Acute trust");
    assert!((plan.partners[2].share - 0.2).abs() < 1e-9);
    assert!(h.query_by_label_contains("is unassigned").is_none());
    // The per-partner quarterly milestones open as a table.
    h.get_by_label("Quarterly delivery milestones by partner: Affordable warmth")
        .scroll_to_me();
    h.run();
    h.get_by_label("Quarterly delivery milestones by partner: Affordable warmth")
        .click();
    h.run();
    h.get_by_label("Quarterly delivery milestones by partner: Affordable warmth")
        .scroll_to_me();
    h.run();
    // 20% of the 66 people planned by the end of 2009 Q2 (46 + 7 + 13 at 70%, 10% and 20%).
    assert!(contains(
        &h,
        "Affordable warmth, Acute trust, by the end of 2009 Q2: 13 people"
    ));
}

/// A screen opens at its top, not where it was last left.
#[test]
fn each_screen_opens_at_its_top() {
    let mut app = LifegapApp::with_scenario_file(&demo(), AppEnv::headless());
    app.view.mc_paused = true;
    let mut h = egui_kittest::Harness::builder()
        .with_size([1024.0, 768.0])
        .with_max_steps(12)
        .with_context_setup(lifegap::app::theme::install_fonts)
        .build_eframe(move |_cc| app);
    h.run();
    let top = "Life expectancy at birth, 2006-08";
    // The heading's top edge, in window points (under the header at the top when shown).
    let y = |h: &Harness<'static, LifegapApp>| h.get_by_label(top).rect().min.y;
    let first = y(&h);
    assert!((40.0..120.0).contains(&first), "{first}");
    // Scroll the Overview to its data panel at the bottom: the heading leaves the screen.
    h.get_by_label("Areas and causes").scroll_to_me();
    h.run();
    assert!(y(&h) < first - 100.0, "scrolled away: {}", y(&h));
    h.get_by_label("Gap breakdown").click();
    h.run();
    h.get_by_label("Overview").click();
    h.run();
    assert_eq!(y(&h), first, "back at the top");
}

/// The Overview's figures are the CLI's: `lifegap run` prints each milestone's shortfall,
/// deaths a year and closers in the same words the cards use, and the next quarter's delivery.
#[test]
fn lifegap_run_prints_the_overviews_answers() {
    let out = assert_cmd::Command::cargo_bin("lifegap")
        .unwrap()
        .arg("run")
        .arg(demo())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("How far off, in the board's terms"));
    for a in model_answers() {
        let line = lifegap::cli::commands::run::board_line(&a);
        assert!(text.contains(&line), "{line}\n---\n{text}");
        // The card's headline figures are in the line.
        assert!(line.contains(&format!("{} short", f::life_time(a.shortfall_years))));
        assert!(line.contains(&format!(
            "{} more deaths to postpone a year",
            f::deaths(a.deaths_a_year.unwrap())
        )));
    }
    assert!(text.contains("Next quarter's delivery (2009 Q2)"));
    assert!(text.contains("Practice-based commissioning hub (North)"));
}
