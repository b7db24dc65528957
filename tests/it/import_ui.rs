//! File ▸ Import death records… driven headless on the demo inputs: the preview's numbers are
//! `lifegap build-data`'s, and the file the app writes is byte for byte the CLI's.

use crate::ui::harness;
use assert_cmd::Command as Cli;
use egui_kittest::kittest::Queryable;
use lifegap::app::command::Command;
use lifegap::app::dialogs::Purpose;
use lifegap::app::modals::Modal;
use lifegap::app::{AppEnv, LifegapApp};
use lifegap_report::format as f;
use std::time::{Duration, Instant};

#[test]
fn import_preview_equals_build_data_and_writes_the_same_file() {
    let data = crate::common::workspace_root().join("assets/data");
    let (deaths, pop, lookup) = (
        data.join("demo-deaths-2006-08.csv"),
        data.join("demo-population-2006-08.csv"),
        data.join("demo-lookup.csv"),
    );
    let dir = tempfile::tempdir().unwrap();
    let cli_file = dir.path().join("cli.csv");
    let out = Cli::cargo_bin("lifegap")
        .unwrap()
        .args(["build-data", "--deaths"])
        .arg(&deaths)
        .arg("--population")
        .arg(&pop)
        .arg("--lookup")
        .arg(&lookup)
        .args([
            "--years",
            "2006-2008",
            "--by",
            "deprivation-quintile",
            "--out",
        ])
        .arg(&cli_file)
        .assert()
        .success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    // "wrote FILE: N group(s) (area × sex), D death(s) in 2006-08"
    let line = err.lines().find(|l| l.starts_with("wrote")).unwrap();
    let after = line.split(": ").last().unwrap();
    let groups: usize = after.split(' ').next().unwrap().parse().unwrap();
    let deaths_used: u64 = after
        .split(", ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();

    let mut h = harness(LifegapApp::with_document(None, AppEnv::headless()));
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::ImportDeathRecords);
    if let Some(Modal::ImportDeaths(m)) = &mut h.state_mut().modal {
        m.deaths = deaths.display().to_string();
        m.population = pop.display().to_string();
        m.lookup = lookup.display().to_string();
        m.by = lifegap_core::build::By::Quintile;
    } else {
        panic!("the import prompt is open");
    }
    h.run();
    h.get_by_label("Preview").click();
    let start = Instant::now();
    loop {
        h.step();
        let done = matches!(&h.state().modal, Some(Modal::ImportDeaths(m)) if m.preview.is_some());
        if done {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "preview timed out"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    h.run();
    let Some(Modal::ImportDeaths(m)) = &h.state().modal else {
        panic!("still open")
    };
    let built = m.preview.clone().unwrap().expect("the demo inputs build");
    assert_eq!(built.data.groups.len(), groups);
    assert_eq!(built.deaths.used, deaths_used);
    // Shown: the deaths used, and the five quintiles with their deaths.
    assert!(
        h.query_all_by_label(&f::count(deaths_used as f64)).count() >= 1,
        "deaths used shown"
    );
    assert!(
        h.query_by_label("5 group(s) would be written:").is_some(),
        "five quintiles"
    );
    for q in ["Q1", "Q5"] {
        assert!(h.query_by_label(q).is_some(), "{q} listed");
    }

    // Written through the save prompt: the CLI's bytes.
    h.get_by_label("Write area file…").click();
    h.run();
    let app_file = dir.path().join("app.csv");
    h.state_mut()
        .confirm_file(Purpose::WriteAreaFile, app_file.clone());
    h.run();
    assert_eq!(
        std::fs::read(&app_file).unwrap(),
        std::fs::read(&cli_file).unwrap()
    );

    // "Write and use it…": the New-from-data prompt opens on the written file.
    let built = built.clone();
    h.state_mut().ask_where_to_write(built, true);
    let used = dir.path().join("used.csv");
    h.state_mut()
        .confirm_file(Purpose::WriteAreaFileAndUse, used.clone());
    match &h.state().modal {
        Some(Modal::NewFromData(n)) => {
            assert_eq!(n.path, used);
            assert_eq!(n.areas, ["Q1", "Q2", "Q3", "Q4", "Q5"]);
        }
        _ => panic!("the New-from-data prompt is open"),
    }
}

#[test]
fn import_with_a_missing_file_shows_located_problems_and_writes_nothing() {
    let mut h = harness(LifegapApp::with_document(None, AppEnv::headless()));
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::ImportDeathRecords);
    if let Some(Modal::ImportDeaths(m)) = &mut h.state_mut().modal {
        m.deaths = "/nonexistent/deaths.csv".into();
        m.population = "/nonexistent/pop.csv".into();
        m.lookup = "/nonexistent/lookup.csv".into();
    }
    h.run();
    h.get_by_label("Preview").click();
    let start = Instant::now();
    loop {
        h.step();
        if matches!(&h.state().modal, Some(Modal::ImportDeaths(m)) if m.preview.is_some()) {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(30));
    }
    h.run();
    let Some(Modal::ImportDeaths(m)) = &h.state().modal else {
        panic!("still open")
    };
    let problems = m.preview.clone().unwrap().expect_err("nothing to build");
    assert!(problems.to_string().contains("/nonexistent/"), "{problems}");
    assert!(
        h.query_by_label("Nothing can be built from these files:")
            .is_some()
    );
}
