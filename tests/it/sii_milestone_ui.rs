//! SII milestones kept in the scenario, end to end in the app: a decile file opened on the
//! Region screen, "Keep as a milestone", its countdown found on the Countdown screen and on a
//! slide by accessible name, the scenario saved and `lifegap sii-target SCENARIO` (no
//! `--data`) printing the figures the screen shows; a missing file is said at its field.

use crate::region_ui::{decile_file, open_region};
use assert_cmd::Command as Cli;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use lifegap::app::present::{Slide, slides};
use lifegap::app::settings::Screen;
use lifegap::app::{AppEnv, LifegapApp};
use lifegap_core::model::milestones::Status;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The countdown demo written into `dir` (its data: the shipped demo file, by absolute path,
/// which the folder rule exempts).
fn scenario_in(dir: &Path) -> PathBuf {
    let demo = root().join("scenarios/demo-2010-countdown.ron");
    let data = root().join("assets/data/demo-area-2006-08.csv");
    let text = std::fs::read_to_string(demo).unwrap().replace(
        "data: Wide(\"../assets/data/demo-area-2006-08.csv\")",
        &format!("data: Wide({:?})", data.display().to_string()),
    );
    let p = dir.join("scenario.ron");
    std::fs::write(&p, text).unwrap();
    p
}

/// The app on `path`, in a window tall enough to lay out the whole Countdown screen (egui
/// leaves scrolled-off widgets out of the accessibility tree; the SII milestones come after
/// the life-expectancy milestone's delivery table).
fn app_on(path: &Path) -> Harness<'static, LifegapApp> {
    let mut app = LifegapApp::with_scenario_file(path, AppEnv::headless());
    app.view.mc_paused = true;
    let mut h = Harness::builder()
        .with_size([1280.0, 4000.0])
        .with_max_steps(12)
        .with_context_setup(lifegap::app::theme::install_fonts)
        .build_eframe(move |_cc| app);
    h.run();
    h
}

#[test]
fn an_sii_milestone_kept_from_the_region_screen_counts_down_on_screen_slide_and_cli() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = scenario_in(dir.path());
    let file = decile_file(dir.path());
    let mut h = app_on(&scenario);
    open_region(&mut h, &file);
    h.get_by_label("Keep as a milestone").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.scenario.sii_milestones.len(), 1);
    let m = &doc.scenario.sii_milestones[0];
    // Kept relative to the scenario's folder, with the Region screen's target.
    assert_eq!(m.data, "deciles.csv");
    assert_eq!(m.targeted, ["D1", "D2"]);
    assert_eq!(m.baseline.period.to_string(), "2006-08");
    let region = h.state().view.region.as_ref().unwrap();
    let shown = region.sii.iter().find(|v| v.sex == m.sex).unwrap();
    let adhoc = shown.countdown.as_ref().unwrap().as_ref().unwrap().clone();
    assert_eq!(m.baseline.sii, adhoc.baseline);

    // Its countdown on the Countdown screen, by accessible name, as the Region screen judged it.
    h.get_by_label(Screen::Countdown.label()).click();
    h.run();
    let (label, c) = h.state().doc.as_ref().unwrap().sii[0].clone();
    let c = c.unwrap();
    assert_eq!(c.label, label);
    assert_eq!(c.with, adhoc.with);
    assert_eq!(c.status, adhoc.status);
    // No programme narrows a 10% cut of the SII in three years in the demo: off track.
    assert_eq!(c.status, Status::OffTrack);
    let name = format!("SII countdown, {}: {} months", c.label, c.months_left);
    assert!(
        h.query(By::new().predicate(move |n| n.label().as_deref() == Some(name.as_str())))
            .is_some(),
        "no countdown named for {}",
        c.label
    );
    h.get_by_label_contains(&lifegap_report::views::findings::sii_summary(&c));

    // Its slide, after the life-expectancy countdowns.
    let all = slides(h.state());
    let at = all
        .iter()
        .position(|s| *s == Slide::SiiCountdown(0))
        .unwrap();
    assert!(matches!(all[at - 1], Slide::Countdown(_)), "{all:?}");
    h.key_press(Key::F5);
    h.run();
    h.state_mut().present.as_mut().unwrap().slide = at;
    h.run();
    h.get_by_label(&lifegap_report::views::findings::sii_countdown(&c));
    h.key_press(Key::Escape);
    h.run();

    // Saved, and the command line reads it back: the same figures.
    h.state_mut()
        .doc
        .as_mut()
        .unwrap()
        .save_as(&scenario)
        .unwrap();
    let text = std::fs::read_to_string(&scenario).unwrap();
    assert!(text.contains("data: \"deciles.csv\""), "{text}");
    let out = Cli::cargo_bin("lifegap")
        .unwrap()
        .arg("sii-target")
        .arg(&scenario)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let row: Vec<&str> = out.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(row[1], c.label);
    assert_eq!(row[3].parse::<f64>().unwrap(), c.baseline);
    assert_eq!(row[4].parse::<f64>().unwrap(), c.required);
    assert_eq!(row[6].parse::<f64>().unwrap(), c.with);
    assert_eq!(row[8], c.status.label());
    assert_eq!(row[9].parse::<i32>().unwrap(), c.months_left);
    assert_eq!(row[10], "D1 D2");
}

/// A kept milestone whose file has gone: the Countdown screen says so (naming the field), and
/// the command line stops with the problem located at the line naming it.
#[test]
fn a_missing_sii_file_is_said_on_screen_and_located_by_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = scenario_in(dir.path());
    let file = decile_file(dir.path());
    let mut h = app_on(&scenario);
    open_region(&mut h, &file);
    h.get_by_label("Keep as a milestone").click();
    h.run();
    h.state_mut()
        .doc
        .as_mut()
        .unwrap()
        .save_as(&scenario)
        .unwrap();
    std::fs::remove_file(&file).unwrap();
    let mut h = app_on(&scenario);
    h.get_by_label(Screen::Countdown.label()).click();
    h.run();
    h.get_by_label_contains("No countdown:");
    h.get_by_label_contains("sii_milestones[0].data");
    let text = std::fs::read_to_string(&scenario).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("data: \"deciles.csv\""))
        .unwrap()
        + 1;
    let err = Cli::cargo_bin("lifegap")
        .unwrap()
        .arg("sii-target")
        .arg(&scenario)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains(&format!("scenario.ron:{line}:")),
        "line {line}: {err}"
    );
    assert!(
        err.contains("cannot read its file by deprivation group"),
        "{err}"
    );
}
