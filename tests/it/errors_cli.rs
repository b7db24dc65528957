//! Scenario syntax errors in words (`lifegap check`): the line and column of the mistake and
//! what to do about it, naming the field it follows — not ron's "Expected colon".

use crate::common::workspace_root;
use assert_cmd::Command;

fn check(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("broken.ron");
    std::fs::write(&p, text).unwrap();
    let out = Command::cargo_bin("lifegap")
        .unwrap()
        .arg("check")
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// 1-based line and column of the first `needle` in `text`, plus `skip` characters.
fn position(text: &str, needle: &str, skip: usize) -> (usize, usize) {
    let i = text.find(needle).unwrap() + skip;
    let line = text[..i].matches('\n').count() + 1;
    let col = text[..i].chars().rev().take_while(|c| *c != '\n').count() + 1;
    (line, col)
}

#[test]
fn a_missing_colon_is_named_at_its_line_and_column() {
    let demo = std::fs::read_to_string(workspace_root().join("scenarios/demo-2010-countdown.ron"))
        .unwrap();
    let text = demo.replacen("target: 0.06,", "target 0.06,", 1);
    // Where the colon belongs: right after the name.
    let (line, col) = position(&text, "target 0.06,", "target".len());
    let err = check(&text);
    assert!(
        err.contains(&format!(
            "broken.ron:{line}:{col}: error [scenario-syntax]: a ':' is missing after 'target'"
        )),
        "{err}"
    );
}

#[test]
fn a_missing_comma_and_an_unclosed_text_say_so() {
    let demo = std::fs::read_to_string(workspace_root().join("scenarios/demo-2010-countdown.ron"))
        .unwrap();
    let err = check(&demo.replacen("target: 0.06,", "target: 0.06", 1));
    assert!(
        err.contains("[scenario-syntax]: a ',' is missing after 'target'"),
        "{err}"
    );
    let err = check(&demo.replacen("area: \"Demoborough\"", "area: \"Demoborough", 1));
    assert!(err.contains("[scenario-syntax]"), "{err}");
    assert!(!err.contains("Expected"), "ron's own words: {err}");
}

/// The app's error panel says the same words, at the same place.
#[test]
fn the_app_error_panel_says_what_is_missing_and_where() {
    use egui_kittest::kittest::Queryable;
    use lifegap::app::{AppEnv, LifegapApp};
    let demo = std::fs::read_to_string(workspace_root().join("scenarios/demo-2010-countdown.ron"))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("broken.ron");
    let text = demo.replacen("target: 0.06,", "target 0.06,", 1);
    std::fs::write(&p, &text).unwrap();
    let (row, col) = position(&text, "target 0.06,", "target".len());
    let app = LifegapApp::with_scenario_file(&p, AppEnv::headless());
    let h = crate::ui::harness(app);
    let (_, problems) = h.state().error.clone().expect("the error panel");
    let line = problems.list[0].to_string();
    assert!(
        line.ends_with(&format!(
            "broken.ron:{row}:{col}: error [scenario-syntax]: a ':' is missing after 'target'"
        )),
        "{line}"
    );
    assert!(h.query_by_label(&line).is_some(), "shown in the panel");
}

/// A scenario whose data file moved: the error panel offers "Locate data file…"; the file
/// chosen (here typed, as a headless prompt takes it) opens the scenario, which is then
/// modified (the new path is to be saved) and computes as the original does.
#[test]
fn a_moved_data_file_can_be_located_from_the_error_panel() {
    use egui_kittest::kittest::Queryable;
    use lifegap::app::dialogs::Purpose;
    use lifegap::app::{AppEnv, LifegapApp};
    let root = workspace_root();
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("moved.ron");
    // The demo, naming its data beside it (where they are not).
    let text = std::fs::read_to_string(root.join("scenarios/demo-2010-countdown.ron")).unwrap();
    let text = text.replace(
        "../assets/data/demo-area-2006-08.csv",
        "demo-area-2006-08.csv",
    );
    std::fs::write(&scenario, text).unwrap();
    let mut app = LifegapApp::with_scenario_file(&scenario, AppEnv::headless());
    app.view.mc_paused = true;
    let mut h = crate::ui::harness(app);
    assert!(
        h.state().error.is_some(),
        "the data are not beside the copy"
    );
    assert!(h.state().doc.is_none());
    h.get_by_label("Locate data file…").click();
    h.run();
    // The prompt is open for the data file; answer it.
    let moved = dir.path().join("data").join("area.csv");
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::copy(root.join("assets/data/demo-area-2006-08.csv"), &moved).unwrap();
    assert!(h.query_by_label("File path").is_some(), "a file prompt");
    h.state_mut()
        .confirm_file(Purpose::LocateData, moved.clone());
    h.run();
    let state = h.state();
    assert!(state.error.is_none(), "{:?}", state.error);
    let doc = state.doc.as_ref().expect("opened");
    assert!(doc.is_dirty(), "the new data path is a change to save");
    // Held absolute in memory (written relative to the scenario on save).
    assert_eq!(
        doc.scenario.data,
        lifegap_core::model::scenario::DataSource::Wide(
            moved.canonicalize().unwrap().display().to_string()
        )
    );
    assert_ne!(doc.saved.data, doc.scenario.data);
    let original =
        lifegap_core::scenario_file::load(&root.join("scenarios/demo-2010-countdown.ron")).unwrap();
    assert_eq!(doc.data.groups, original.data.groups, "the same area data");
}
