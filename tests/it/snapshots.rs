//! Image snapshots of every screen and of three slides (feature `snapshots`; renders with wgpu
//! on Mesa llvmpipe, no GPU). Run with `WGPU_BACKEND=gl`; `UPDATE_SNAPSHOTS=1` rewrites the
//! images in `tests/snapshots/`.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lifegap::app::settings::Screen;
use lifegap::app::{AppEnv, LifegapApp};
use std::path::Path;

fn app() -> Harness<'static, LifegapApp> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/demo-2010-countdown.ron");
    let mut app = LifegapApp::with_scenario_file(&path, AppEnv::headless());
    app.view.mc_paused = true;
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(12)
        .with_context_setup(lifegap::app::theme::install_fonts)
        .wgpu()
        .build_eframe(move |_cc| app);
    h.run();
    h
}

/// Snapshot with the checkout's own path masked out (the data panel and messages name files by
/// absolute path, which differs between clones).
fn snap(h: &mut Harness<'static, LifegapApp>, name: &str) {
    let dir = env!("CARGO_MANIFEST_DIR");
    let rects: Vec<egui::Rect> = h
        .query_all_by_label_contains(dir)
        .map(|n| n.rect())
        .collect();
    // Masks run to the window's right edge, so a longer path cannot shift what follows it.
    for r in rects {
        h.mask(egui::Rect::from_min_max(r.min, egui::pos2(1280.0, r.max.y)));
    }
    // egui_kittest's strict defaults (colour threshold 0.6, no failed pixel): a changed digit
    // anywhere on screen fails. Rendering is pinned (Mesa llvmpipe via WGPU_BACKEND=gl, the
    // bundled font), so no case needs a looser tolerance today.
    h.snapshot(name);
}

#[test]
fn every_screen() {
    let mut h = app();
    for s in Screen::ALL {
        h.get_by_label(s.label()).click();
        h.run();
        snap(
            &mut h,
            &format!("screen-{}", s.label().to_lowercase().replace(' ', "-")),
        );
    }
}

#[test]
fn three_slides() {
    let mut h = app();
    h.key_press(egui::Key::F5);
    h.run();
    for n in 1..=3 {
        snap(&mut h, &format!("slide-{n}"));
        h.key_press(egui::Key::ArrowRight);
        h.run();
    }
}

#[test]
fn mortality_slide() {
    let mut h = app();
    h.key_press(egui::Key::F5);
    h.run();
    h.key_press(egui::Key::End);
    h.run();
    snap(&mut h, "slide-mortality");
}

#[test]
fn practices_screen_with_the_demo_list() {
    let mut h = app();
    let list =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/data/demo-practices-SYNTHETIC.csv");
    h.state_mut().import_practices(&list);
    h.run();
    snap(&mut h, "screen-practices-loaded");
}

#[test]
fn monitoring_screen_with_the_demo_actuals() {
    let mut h = app();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/data/demo-actuals-2009.csv");
    h.state_mut().import_actuals(&file);
    h.run();
    snap(&mut h, "screen-monitoring-loaded");
}

#[test]
fn region_screen_with_twelve_areas() {
    let dir = tempfile::tempdir().unwrap();
    let file = crate::region_ui::region_file(dir.path(), 12);
    let mut h = app();
    h.state_mut()
        .confirm_file(lifegap::app::dialogs::Purpose::OpenRegion, file);
    let start = std::time::Instant::now();
    while h.state().view.region.is_none() {
        assert!(start.elapsed() < std::time::Duration::from_secs(120));
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    h.run();
    snap(&mut h, "screen-region-loaded");
}

#[test]
fn import_death_records_preview() {
    use lifegap::app::modals::Modal;
    let mut h = app();
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, lifegap::app::command::Command::ImportDeathRecords);
    // Relative to the package root (the tests' working folder), so no clone's path shows.
    if let Some(Modal::ImportDeaths(m)) = &mut h.state_mut().modal {
        m.deaths = "assets/data/demo-deaths-2006-08.csv".into();
        m.population = "assets/data/demo-population-2006-08.csv".into();
        m.lookup = "assets/data/demo-lookup.csv".into();
        m.by = lifegap_core::build::By::Quintile;
    }
    h.run();
    h.get_by_label("Preview").click();
    let start = std::time::Instant::now();
    while !matches!(&h.state().modal, Some(Modal::ImportDeaths(m)) if m.preview.is_some()) {
        assert!(start.elapsed() < std::time::Duration::from_secs(60));
        std::thread::sleep(std::time::Duration::from_millis(30));
        h.step();
    }
    h.run();
    snap(&mut h, "import-death-records-preview");
}

#[test]
fn mortality_screen_with_the_demo_baselines() {
    let mut h = app();
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/data/demo-mortality-baselines-1995-97.csv");
    h.state_mut().import_baselines(&file);
    h.run();
    snap(&mut h, "screen-mortality-targets-loaded");
}

/// A ward file (the demo's ten wards built from its death records, and one too small for a
/// value): no league table (no England in it), each ward's life expectancy ranked with 95%
/// intervals and PHE's rules.
#[test]
fn region_screen_with_wards() {
    let dir = tempfile::tempdir().unwrap();
    let file = crate::region_ui::ward_file(dir.path());
    region_file_snapshot(&dir, file, "screen-region-wards");
}

/// A file by deprivation decile: the slope index of inequality with its limits, the SII
/// milestone's status, the gradient chart.
#[test]
fn region_screen_with_deciles() {
    let dir = tempfile::tempdir().unwrap();
    let file = crate::region_ui::decile_file(dir.path());
    region_file_snapshot(&dir, file, "screen-region-deciles");
}

fn region_file_snapshot(dir: &tempfile::TempDir, file: std::path::PathBuf, name: &str) {
    let mut h = app();
    h.state_mut()
        .confirm_file(lifegap::app::dialogs::Purpose::OpenRegion, file);
    let start = std::time::Instant::now();
    while h.state().view.region.is_none() {
        assert!(start.elapsed() < std::time::Duration::from_secs(120));
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    h.run();
    // The reason there is no league table names the file by its temporary path.
    let tmp = dir.path().display().to_string();
    let rects: Vec<egui::Rect> = h
        .query_all_by_label_contains(&tmp)
        .map(|n| n.rect())
        .collect();
    for r in rects {
        h.mask(egui::Rect::from_min_max(r.min, egui::pos2(1280.0, r.max.y)));
    }
    snap(&mut h, name);
}

/// The delivery and practices slides, with the demo's actuals and practice list loaded.
#[test]
fn monitoring_and_practices_slides() {
    let mut h = app();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    h.state_mut()
        .import_actuals(&root.join("assets/data/demo-actuals-2009.csv"));
    h.state_mut()
        .import_practices(&root.join("assets/data/demo-practices-SYNTHETIC.csv"));
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    h.key_press(egui::Key::End);
    h.run();
    snap(&mut h, "slide-practices");
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    snap(&mut h, "slide-monitoring");
}

/// The Countdown with England on Holt's forecast of a series: the band of England's 95%
/// interval around the projection with programmes, its key under the chart.
#[test]
fn countdown_with_england_on_holt() {
    use lifegap_core::model::comparator_path::{ComparatorPath, PathPoint};
    use lifegap_core::model::scenario::{BySex, Period};
    let mut h = app();
    let series = [74.6, 75.1, 75.3, 75.9, 76.2, 76.6];
    h.state_mut().doc.as_mut().unwrap().scenario.comparator_path = ComparatorPath::Holt {
        series: series
            .iter()
            .enumerate()
            .map(|(i, &m)| PathPoint {
                period: Period::new(2000 + i as i32, 2000 + i as i32),
                e0: BySex {
                    male: m,
                    female: m + 4.0,
                },
            })
            .collect(),
        alpha: Some(0.5),
        beta: Some(0.3),
    };
    h.get_by_label(Screen::Countdown.label()).click();
    h.run();
    h.run();
    snap(&mut h, "screen-countdown-holt");
}
