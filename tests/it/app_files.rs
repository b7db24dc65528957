//! The desktop app's own files: viewing never edits, two windows never touch each other's
//! autosave, a save never silently overwrites a file changed on disk, and recovery keeps the
//! value at the end of a drag.

use crate::common::{shipped, workspace_root};
use crate::ui::harness;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lifegap::app::autosave::Autosave;
use lifegap::app::settings::Screen;
use lifegap::app::{AppEnv, LifegapApp};
use lifegap_core::model::area::Sex;
use std::path::{Path, PathBuf};

fn app_on(path: &Path, data_dir: Option<&Path>) -> LifegapApp {
    let mut env = AppEnv::headless();
    env.data_dir = data_dir.map(Path::to_path_buf);
    let mut app = LifegapApp::with_scenario_file(path, env);
    app.view.mc_paused = true;
    app
}

/// The countdown demo and its data in a folder of their own, with `edit` applied to its text.
pub(crate) fn scenario_copy(dir: &Path, edit: impl Fn(String) -> String) -> PathBuf {
    std::fs::copy(
        workspace_root().join("assets/data/demo-area-2006-08.csv"),
        dir.join("area.csv"),
    )
    .unwrap();
    let text = std::fs::read_to_string(&shipped()[0])
        .unwrap()
        .replace("../assets/data/demo-area-2006-08.csv", "area.csv");
    let p = dir.join("plan.ron");
    std::fs::write(&p, edit(text)).unwrap();
    p
}

#[test]
fn viewing_every_screen_and_slide_never_edits() {
    let dir = tempfile::tempdir().unwrap();
    // Values no widget shows at full precision.
    let path = scenario_copy(dir.path(), |t| {
        t.replacen("target: 0.35,", "target: 0.3777777,", 1)
            .replacen("target: 0.85,", "target: 0.8512345,", 1)
    });
    let mut h = harness(app_on(&path, None));
    let before = h.state().doc.as_ref().unwrap().scenario.clone();
    for sex in Sex::BOTH {
        h.state_mut().view.sex = sex;
        for s in Screen::ALL {
            h.state_mut().screen = s;
            h.run();
        }
    }
    h.key_press(egui::Key::F5);
    h.run();
    for _ in 0..12 {
        h.key_press(egui::Key::ArrowRight);
        h.run();
    }
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.scenario, before, "showing screens changed the scenario");
    assert!(!doc.is_dirty(), "a document only looked at is not unsaved");
}

/// Make the app's document unsaved (a programme's coverage moved) and let autosave run.
fn edit_and_autosave(h: &mut Harness<'static, LifegapApp>, coverage: f64) {
    h.state_mut().screen = Screen::Programmes;
    h.run();
    h.get_by_role_and_label(
        Role::Slider,
        "Statins: primary prevention (high CVD risk) scale",
    )
    .set_value_accesskit(coverage);
    h.run();
}

#[test]
fn two_windows_never_share_an_autosave_nor_offer_each_others_work() {
    let data_dir = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let path = scenario_copy(files.path(), |t| t);
    let mut a = harness(app_on(&path, Some(data_dir.path())));
    let mut b = harness(app_on(&path, Some(data_dir.path())));
    edit_and_autosave(&mut a, 40.0);
    edit_and_autosave(&mut b, 60.0);
    let (fa, fb) = (
        a.state().autosave.as_ref().unwrap().file(),
        b.state().autosave.as_ref().unwrap().file(),
    );
    assert_ne!(fa, fb, "each window has its own autosave");
    assert!(fa.exists() && fb.exists());
    // A third window starting now finds nothing to recover: both are live.
    let third = Autosave::new(data_dir.path().to_path_buf());
    assert!(
        third.recovery().is_none(),
        "a live window's work is never offered"
    );
    // Window B "crashes" (goes without a clean exit): its work is offered, A's is not.
    drop(b);
    let r = third.recovery().expect("the crashed window's work");
    assert_eq!(r.scenario_file, fb);
    // Discarding it deletes that work only.
    let mut third = third;
    third.discard(&r);
    assert!(!fb.exists(), "the refused work is gone");
    assert!(fa.exists(), "the live window's work is untouched");
    assert!(third.recovery().is_none());
}

#[test]
fn recovery_holds_the_value_at_the_end_of_a_drag() {
    let data_dir = tempfile::tempdir().unwrap();
    let mut a = Autosave::new(data_dir.path().to_path_buf());
    let files = tempfile::tempdir().unwrap();
    let path = scenario_copy(files.path(), |t| t);
    let mut s = lifegap_core::scenario_file::load(&path).unwrap().scenario;
    s.programmes[0].coverage.target = 0.5;
    // Mid-drag: nothing is written.
    assert!(!a.tick(&s, Some(&path), true, true).unwrap());
    assert!(!a.file().exists());
    // The drag ends: the final value is written.
    s.programmes[0].coverage.target = 0.6;
    assert!(a.tick(&s, Some(&path), true, false).unwrap());
    let back = lifegap_core::scenario_file::load(&a.file())
        .unwrap()
        .scenario;
    assert_eq!(back.programmes[0].coverage.target, 0.6);
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenario_copy(dir.path(), |t| t);
    let mut h = harness(app_on(&path, None));
    edit_and_autosave(&mut h, 45.0);
    // A colleague's change lands on disk.
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("2013 local milestone", "2013 local milestone (revised)");
    std::fs::write(&path, &theirs).unwrap();
    h.state_mut().save();
    h.run();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "nothing is overwritten before the user answers"
    );
    assert!(h.state().doc.as_ref().unwrap().is_dirty());
    h.get_by_label("Replace it with mine").click();
    h.run();
    let now = lifegap_core::scenario_file::load(&path).unwrap().scenario;
    assert_eq!(now.programmes[0].coverage.target, 0.45);
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());
    // Saved by us, so the next save goes straight through.
    edit_and_autosave(&mut h, 50.0);
    h.state_mut().save();
    h.run();
    assert!(!h.state().doc.as_ref().unwrap().is_dirty());
}
