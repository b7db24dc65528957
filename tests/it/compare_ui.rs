//! Compare (issue 10): rows have names, can be renamed, and are kept beside the scenario
//! (`plan.compare.ron`) so they come back when the file is opened again.

use crate::app_files::scenario_copy;
use crate::ui::harness;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lifegap::app::command::Command;
use lifegap::app::compare_file;
use lifegap::app::screens::CompareSource;
use lifegap::app::settings::Screen;
use lifegap::app::{AppEnv, LifegapApp};
use std::path::Path;

fn app_on(path: &Path) -> Harness<'static, LifegapApp> {
    let mut app = LifegapApp::with_scenario_file(path, AppEnv::headless());
    app.view.mc_paused = true;
    app.screen = Screen::Compare;
    harness(app)
}

#[test]
fn a_snapshot_is_named_renamed_and_kept_beside_the_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenario_copy(dir.path(), |t| t);
    let sidecar = dir.path().join("plan.compare.ron");
    assert_eq!(compare_file::sidecar(&path), sidecar);
    let mut h = app_on(&path);
    assert!(!sidecar.exists(), "no comparison yet, no file");
    h.get_by_label(&Command::SnapshotForComparison.label())
        .click();
    h.run();
    assert_eq!(h.state().view.compare.len(), 1);
    let name = h.state().doc.as_ref().unwrap().scenario.name.clone();
    assert_eq!(
        h.state().view.compare[0].name,
        format!("Snapshot 1: {name}")
    );
    assert!(sidecar.exists(), "the snapshot is kept beside the file");
    assert!(
        !h.state().doc.as_ref().unwrap().is_dirty(),
        "a snapshot is not an edit"
    );

    // Rename it in place.
    h.get_by_label("Name of comparison row 1").focus();
    h.run();
    h.get_by_label("Name of comparison row 1")
        .type_text(" (before statins)");
    h.run();
    let renamed = h.state().view.compare[0].name.clone();
    assert!(renamed.ends_with(" (before statins)"), "{renamed}");
    assert_ne!(renamed, format!("Snapshot 1: {name}"));
    let statins_before = h.state().view.compare[0].results.clone();

    // Raise a programme, then open the file again: the renamed snapshot is back, with the
    // settings it was taken at, recomputed to the same figures.
    h.state_mut().doc.as_mut().unwrap().scenario.programmes[0]
        .coverage
        .set_target(0.6);
    h.run();
    drop(h);
    let h = app_on(&path);
    let rows = &h.state().view.compare;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, renamed, "the new name is kept");
    let CompareSource::Snapshot(s) = &rows[0].source else {
        panic!("a snapshot row")
    };
    assert!((s.programmes[0].coverage.target - 0.35).abs() < 1e-12);
    for (a, b) in rows[0]
        .results
        .milestones
        .iter()
        .zip(&statins_before.milestones)
    {
        assert_eq!(a.result.with, b.result.with, "{}", a.result.label);
    }
    assert!(h.query_by_label("Name of comparison row 1").is_some());

    // Clearing the comparison removes the file.
    let mut h = h;
    h.get_by_label(&Command::ClearComparison.label()).click();
    h.run();
    assert!(!sidecar.exists());
}

#[test]
fn a_broken_comparison_file_is_reported_and_the_scenario_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenario_copy(dir.path(), |t| t);
    std::fs::write(
        dir.path().join("plan.compare.ron"),
        "(version: 1, rows: [Snap",
    )
    .unwrap();
    let h = app_on(&path);
    assert!(h.state().doc.is_some());
    assert!(h.state().view.compare.is_empty());
    let (msg, _) = h.state().status.clone().expect("a message");
    assert!(msg.contains("plan.compare.ron:1:"), "{msg}");
}
