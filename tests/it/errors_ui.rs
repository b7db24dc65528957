//! Errors for people in the app (issue 10): a scenario file with values the model cannot use
//! opens an error panel naming each field (file, line, column, rule), never a document of
//! meaningless results; a refused evidence edit is flagged on the field itself.

use crate::app_files::scenario_copy;
use crate::ui::harness;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use lifegap::app::settings::Screen;
use lifegap::app::{AppEnv, LifegapApp};
use lifegap_core::model::causes;
use std::path::Path;

fn app_on(path: &Path) -> Harness<'static, LifegapApp> {
    let mut app = LifegapApp::with_scenario_file(path, AppEnv::headless());
    app.view.mc_paused = true;
    harness(app)
}

fn contains(h: &Harness<'static, LifegapApp>, part: &str) -> bool {
    let want = part.to_string();
    // A plain label's text is its accessible value; a named widget's is its label.
    h.query_all(By::new().predicate(move |n| {
        n.label().is_some_and(|l| l.contains(&want)) || n.value().is_some_and(|v| v.contains(&want))
    }))
    .next()
    .is_some()
}

/// The demo with statins' coverage target 7 (a share must be 0 to 1) and a negative RRR.
pub(crate) fn invalid_copy(dir: &Path) -> std::path::PathBuf {
    scenario_copy(dir, |t| {
        let t = t.replacen("target: 0.35,", "target: 7.0,", 1);
        let t = t.replacen("value: 0.27,", "value: -0.27,", 1);
        assert!(t.contains("target: 7.0,") && t.contains("value: -0.27,"));
        t
    })
}

#[test]
fn a_file_with_invalid_values_opens_the_error_panel_naming_each_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = invalid_copy(dir.path());
    let mut h = app_on(&path);
    assert!(h.state().doc.is_none(), "no document of wrong results");
    let (title, listed) = h.state().error.clone().expect("the error panel");
    assert_eq!(listed.error_count(), 3);
    assert!(
        title.ends_with("plan.ron has values lifegap cannot use"),
        "{title}"
    );
    // Hand-located in the demo's text: `target:` is on line 79 (12 spaces of indent, the
    // value in column 21); the first RRR `value:` is on line 103 (16 spaces, column 24).
    assert!(
        contains(&h, "plan.ron:79:21 (programmes[0].coverage.target)"),
        "the coverage target is located"
    );
    assert!(contains(
        &h,
        "coverage target 7.0 is out of range: a share from 0 to 1"
    ));
    assert!(
        contains(&h, "plan.ron:103:24 (programmes[0].effects[0].rrr.value)"),
        "the RRR is located"
    );
    assert!(contains(&h, "value -0.27 is out of range: 0 to 1"));
    assert!(
        !contains(&h, "Open the countdown for"),
        "no Overview behind it"
    );

    // The user opens it to fix the values: the document says it cannot compute them and the
    // Evidence screen flags the RRR on its row.
    h.get_by_label("Open it to fix these values").click();
    h.run();
    let doc = h.state().doc.as_ref().expect("opened to fix");
    assert!(
        doc.current_results().is_none(),
        "nothing computed from a target of 7"
    );
    assert!(contains(&h, "Cannot compute these settings"));
    assert!(
        !contains(&h, "statins_primary"),
        "programme names, never ids"
    );
    h.state_mut().screen = Screen::Evidence;
    h.run();
    let row = format!("RRR, {}", causes::label("chd"));
    assert!(
        contains(&h, &format!("{row}: value -0.27 is out of range: 0 to 1")),
        "the RRR's rule is beside its field"
    );
}

#[test]
fn a_refused_evidence_edit_is_flagged_on_its_field_and_cleared_when_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenario_copy(dir.path(), |t| t);
    let mut h = app_on(&path);
    h.state_mut().screen = Screen::Evidence;
    h.run();
    let name = h.state().doc.as_ref().unwrap().scenario.programmes[0]
        .name
        .clone();
    let row = format!("{name}: adherence");
    assert!(!contains(&h, "is out of range"), "the demo is valid");
    // An adherence above its high end and outside 0 to 1.
    h.state_mut().doc.as_mut().unwrap().scenario.programmes[0]
        .adherence
        .value = 1.2;
    h.run();
    assert!(
        contains(&h, &format!("{row}: value 1.2 is out of range: 0 to 1")),
        "flagged beside the field"
    );
    assert!(h.state().doc.as_ref().unwrap().current_results().is_none());
    h.state_mut().doc.as_mut().unwrap().scenario.programmes[0]
        .adherence
        .value = 0.7;
    h.run();
    assert!(
        !contains(&h, "is out of range"),
        "the flag goes with the fix"
    );
    assert!(h.state().doc.as_ref().unwrap().current_results().is_some());
}
