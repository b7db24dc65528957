//! The Countdown's tornado of what drives a milestone's uncertainty (issue 9): one row per
//! driver, named in full, in the model's order, with the local trend among the demo's.

use crate::ui::harness;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use lifegap::app::settings::Screen;
use lifegap::app::{AppEnv, LifegapApp};
use lifegap_core::model::uncertainty::TREND_LABEL;
use std::path::Path;

/// The demo's Monte Carlo, run by the app: its drivers include the trend's slope, and the
/// Countdown shows the section.
#[test]
fn the_countdown_lists_the_drivers_of_its_milestone() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/demo-2010-countdown.ron");
    // Straight to the Countdown (navigation has its own tests): under a loaded full suite the
    // first frames of this harness, busy with the Monte Carlo, twice had no side panel to click.
    let mut app = LifegapApp::with_scenario_file(&demo, AppEnv::headless());
    app.screen = Screen::Countdown;
    let mut h = harness(app);
    let start = std::time::Instant::now();
    while h
        .state()
        .doc
        .as_ref()
        .is_none_or(|d| d.uncertainty.is_none())
    {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(180),
            "the Monte Carlo did not finish"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    h.run();
    h.get_by_label("What drives the uncertainty").click();
    h.run();
    let idx = h.state().view.milestone;
    let u = h.state().doc.as_ref().unwrap().uncertainty.clone().unwrap();
    let drivers = &u.milestones[idx].drivers;
    assert!(
        drivers.iter().any(|d| d.parameter == TREND_LABEL),
        "{drivers:?}"
    );
    // Every driver is a row of the tornado on the Countdown.
    for d in drivers {
        let way = if d.rank_correlation >= 0.0 {
            "helps"
        } else {
            "hurts"
        };
        let row = format!(
            "{}: {:+.2}, a higher value {way}",
            d.parameter, d.rank_correlation
        );
        let want = row.clone();
        assert!(
            h.query(By::new().predicate(move |n| n.label().as_deref() == Some(want.as_str())))
                .is_some(),
            "{row}"
        );
        if d.is_shared() {
            h.get_by_label(&format!("drives {}", d.drives()));
        }
    }
}

/// The tornado itself: every row named in full, top to bottom in the order given, each bar's
/// hover naming its direction.
#[test]
fn the_tornado_draws_one_named_row_per_driver_in_order() {
    let rows: Vec<(String, String, f64)> = vec![
        (TREND_LABEL.to_string(), String::new(), 0.95),
        (
            "CTT (2010)".into(),
            "Statins: secondary prevention (established CVD): relative risk reduction (stroke)"
                .into(),
            0.4,
        ),
        (
            "Breast screening: timing of the benefit".into(),
            String::new(),
            -0.3,
        ),
        (
            "Statins: primary prevention (high CVD risk): eligible share".into(),
            String::new(),
            0.1,
        ),
    ];
    let r = rows.clone();
    let mut h = Harness::builder()
        .with_size([900.0, 400.0])
        .build_ui(move |ui| lifegap::app::charts::tornado(ui, "t", &r));
    h.run();
    let ys: Vec<f32> = rows
        .iter()
        .map(|(name, _, rho)| {
            let way = if *rho >= 0.0 { "helps" } else { "hurts" };
            let n = format!("{name}: {rho:+.2}, a higher value {way}");
            h.query(By::new().predicate(move |x| x.label().as_deref() == Some(n.as_str())))
                .unwrap_or_else(|| panic!("no row for {name}"))
                .rect()
                .min
                .y
        })
        .collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
    // A shared source's row says what it drives, under its name.
    let drives =
        "drives Statins: secondary prevention (established CVD): relative risk reduction (stroke)";
    let under = h.get_by_label(drives).rect().min.y;
    assert!(under > ys[1] && under < ys[2], "{under} {ys:?}");
}
