//! New from area data (issue 10): the guided setup walks area and dates, history,
//! milestones and a check, so a new area's countdown is right first time; Save As asks for
//! the scenario's name.

use crate::common::workspace_root;
use crate::ui::harness;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use lifegap::app::command::Command;
use lifegap::app::dialogs::Purpose;
use lifegap::app::modals::Modal;
use lifegap::app::{AppEnv, LifegapApp};

fn contains(h: &Harness<'static, LifegapApp>, part: &str) -> bool {
    let want = part.to_string();
    // A plain label's text is its accessible value; a named widget's is its label.
    h.query_all(By::new().predicate(move |n| {
        n.label().is_some_and(|l| l.contains(&want)) || n.value().is_some_and(|v| v.contains(&want))
    }))
    .next()
    .is_some()
}

fn type_into(h: &mut Harness<'static, LifegapApp>, field: &str, text: &str) {
    h.get_by_label(field).focus();
    h.run();
    h.get_by_label(field).type_text(text);
    h.run();
}

/// A blank app with File ▸ New from data started on a copy of the demo's area file in `dir`.
fn setup_on_demo_data(dir: &std::path::Path) -> Harness<'static, LifegapApp> {
    let data = dir.join("area.csv");
    std::fs::copy(
        workspace_root().join("assets/data/demo-area-2006-08.csv"),
        &data,
    )
    .unwrap();
    let mut h = harness(LifegapApp::with_document(None, AppEnv::headless()));
    h.state_mut().confirm_file(Purpose::NewFromData, data);
    h.run();
    h
}

#[test]
fn the_guided_setup_makes_a_countdown_from_the_1995_97_baseline_and_the_planning_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = setup_on_demo_data(dir.path());
    assert!(contains(&h, "Step 1 of 4: Area and dates"));
    // The planning date starts at today: the plan is made on 1 April 2009.
    if let Some(Modal::NewFromData(n)) = &mut h.state_mut().modal {
        assert_eq!(n.form.base_period, "2006-08", "the data's period");
        n.form.as_of.clear();
    }
    h.run();
    assert!(
        contains(&h, "Planning date: a date as 2009-04-01"),
        "flagged"
    );
    type_into(&mut h, "Planning date", "2009-04-01");
    assert!(!contains(&h, "Planning date: a date"));
    h.get_by_label("Next").click();
    h.run();

    // History: the 1995-97 row waits to be typed; Next is refused until it is.
    assert!(contains(&h, "Step 2 of 4: History"));
    assert!(contains(
        &h,
        "History 1: local men: life expectancy in years"
    ));
    h.get_by_label("Next").click();
    h.run();
    assert!(
        contains(&h, "Step 2 of 4: History"),
        "not past an empty baseline"
    );
    for (f, v) in [
        ("History 1: local men", "72.7"),
        ("History 1: local women", "78.3"),
        ("History 1: comparator men", "74.6"),
        ("History 1: comparator women", "79.7"),
    ] {
        type_into(&mut h, f, v);
    }
    h.get_by_label("Next").click();
    h.run();

    // Milestones: the PSA target for both sexes, and a 2013 local milestone for men.
    assert!(contains(&h, "Step 3 of 4: Milestones"));
    h.get_by_label("Add a local milestone").click();
    h.run();
    type_into(&mut h, "Local milestone 1: life expectancy", "77.4");
    h.get_by_label("Next").click();
    h.run();
    assert!(contains(&h, "Step 4 of 4: Check"));
    assert!(contains(
        &h,
        "Planned on 2009-04-01; base period 2006-08; projected to 2015"
    ));
    // What each asks, hand-worked: men's 1995-97 gap 74.6 − 72.7 = 1.90 years, 10% narrower
    // 1.71, due at the end of 2011: 32 months after 1 April 2009.
    assert!(contains(
        &h,
        "• 2010 PSA target (men) on 2009-11: a gap of at most 1.71 years (1.90 in the baseline period), due in 32 months"
    ));
    assert!(contains(
        &h,
        "• 2013 local milestone (men) on 2011-13: life expectancy of at least 77.4 years"
    ));
    h.get_by_label("Create").click();
    h.run();

    let doc = h.state().doc.as_ref().expect("created");
    let s = &doc.scenario;
    assert_eq!(s.as_of.unwrap().to_string(), "2009-04-01");
    assert_eq!(s.history.len(), 1);
    assert_eq!(s.history[0].local.male, 72.7);
    assert_eq!(s.milestones.len(), 3);
    // The countdown is measured from 1995-97: men's gap then 74.6 − 72.7 = 1.9 years, the
    // target 10% narrower, 1.71; due at the end of 2011, 32 months after 1 April 2009.
    let r = doc.current_results().expect("computed");
    let psa = &r.milestones[0].result;
    assert!(
        (psa.baseline_value - 1.9).abs() < 1e-9,
        "{}",
        psa.baseline_value
    );
    assert!((psa.required - 1.71).abs() < 1e-9, "{}", psa.required);
    assert_eq!(psa.months_left, 32);
    let local = &r.milestones[2].result;
    assert!((local.required - 77.4).abs() < 1e-9);

    // Save As asks for the scenario's name.
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::SaveAs);
    h.run();
    assert!(matches!(h.state().modal, Some(Modal::File(_))));
    let name = h.state().doc.as_ref().unwrap().scenario.name.clone();
    assert_eq!(name, "Demoborough vs England");
    type_into(&mut h, "Scenario name", " — board draft");
    let now = h.state().doc.as_ref().unwrap().scenario.name.clone();
    assert!(now.ends_with(" — board draft"), "{now}");
}

/// The History step reads a CSV instead of typing (the shipped demo history), and a broken
/// file changes nothing and lists its located problems.
#[test]
fn the_history_step_reads_a_csv_with_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = setup_on_demo_data(dir.path());
    h.get_by_label("Next").click();
    h.run();
    assert!(contains(&h, "Step 2 of 4: History"));

    // A broken file: nothing is read, each problem is located.
    let bad = dir.path().join("bad-history.csv");
    std::fs::write(
        &bad,
        "period,local_male,local_female,comparator_male,comparator_female\n1995-97,72.7,abc,74.6,79.7\n",
    )
    .unwrap();
    type_into(&mut h, "History file", &bad.display().to_string());
    h.get_by_label("Read").click();
    h.run();
    assert!(contains(&h, "Nothing was read: 1 problem(s)"));
    assert!(contains(
        &h,
        "bad-history.csv:2:3 (local_female): error [not-a-number]"
    ));
    if let Some(Modal::NewFromData(n)) = &h.state().modal {
        assert_eq!(n.form.history.len(), 1);
        assert!(n.form.history[0].e0[0].is_empty(), "the typed row is kept");
    }

    // The shipped demo history: two periods, citing the file.
    let good = workspace_root().join("assets/data/demo-history.csv");
    if let Some(Modal::NewFromData(n)) = &mut h.state_mut().modal {
        n.form.history_file = good.display().to_string();
    }
    h.run();
    h.get_by_label("Read").click();
    h.run();
    assert!(contains(&h, "Read 2 period(s) from"));
    assert!(
        h.query_by_label("History 2: period").is_some(),
        "a row per period"
    );
    h.get_by_label("Next").click();
    h.run();
    assert!(
        contains(&h, "Step 3 of 4: Milestones"),
        "the 1995-97 baseline is there"
    );
    h.get_by_label("Next").click();
    h.run();
    h.get_by_label("Create").click();
    h.run();
    let s = &h.state().doc.as_ref().expect("created").scenario;
    assert_eq!(s.history.len(), 2);
    assert_eq!(s.history[1].period.to_string(), "2003-05");
    assert_eq!(s.history[1].local.female, 79.6);
    assert_eq!(s.history[0].comparator.male, 74.6);
    assert_eq!(s.history[0].source, "read from demo-history.csv");
}
