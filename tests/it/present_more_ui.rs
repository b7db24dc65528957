//! The monitoring and practices slides (`app::present_more`): shown at the end of the
//! presentation once their files are loaded, with the figures `lifegap monitor` and
//! `lifegap practices` print.

use crate::ui::harness;
use assert_cmd::Command;
use egui::Key;
use egui_kittest::kittest::Queryable;
use lifegap::app::present::{Slide, slides};
use lifegap::app::{AppEnv, LifegapApp};
use lifegap_report::format as f;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cli(args: &[&str]) -> String {
    let out = Command::cargo_bin("lifegap")
        .unwrap()
        .current_dir(root())
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn monitoring_and_practices_slides_follow_the_loaded_files() {
    let demo = root().join("scenarios/demo-2010-countdown.ron");
    let mut app = LifegapApp::with_scenario_file(&demo, AppEnv::headless());
    app.view.mc_paused = true;
    let mut h = harness(app);
    let before = slides(h.state());
    assert!(!before.contains(&Slide::Monitoring) && !before.contains(&Slide::Practices));
    h.state_mut()
        .import_actuals(&root().join("assets/data/demo-actuals-2009.csv"));
    h.state_mut()
        .import_practices(&root().join("assets/data/demo-practices-SYNTHETIC.csv"));
    h.run();
    let after = slides(h.state());
    assert_eq!(
        &after[after.len() - 2..],
        [Slide::Monitoring, Slide::Practices]
    );

    // The last slide: the practices, blood pressure (the screen's default), raised to p75.
    let hubs = cli(&[
        "practices",
        "scenarios/demo-2010-countdown.ron",
        "--data",
        "assets/data/demo-practices-SYNTHETIC.csv",
        "--programme",
        "blood_pressure",
        "--raise-to",
        "p75",
        "--by",
        "hub",
    ]);
    let all: Vec<&str> = hubs
        .lines()
        .find(|l| l.starts_with("all,"))
        .unwrap()
        .split(',')
        .collect();
    let (extra, deaths): (f64, f64) = (all[4].parse().unwrap(), all[5].parse().unwrap());
    h.key_press(Key::F5);
    h.run();
    h.key_press(Key::End);
    h.run();
    h.get_by_label_contains(&format!(
        "Blood-pressure treatment: raising every practice below the 75th percentile to it reaches {} more people and postpones {} deaths a year",
        f::count(extra),
        f::deaths(deaths)
    ));
    h.get_by_label("North");
    h.get_by_label("South");

    // The one before: delivery, programmes behind plan counted as `monitor` rates them.
    let mon = cli(&[
        "monitor",
        "scenarios/demo-2010-countdown.ron",
        "--actuals",
        "assets/data/demo-actuals-2009.csv",
    ]);
    let rows: Vec<Vec<&str>> = mon
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .filter(|r: &Vec<&str>| r[1] == "all")
        .collect();
    let behind = rows.iter().filter(|r| r[7] != "green").count();
    assert!(behind > 0, "the demo actuals have programmes behind plan");
    h.key_press(Key::ArrowLeft);
    h.run();
    h.get_by_label(&format!(
        "Delivery to {}: {behind} of {} programmes behind plan",
        rows[0][2],
        rows.len()
    ));
}
