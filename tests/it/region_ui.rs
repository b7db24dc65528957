//! The Region screen driven headless: a multi-area file ranked with the demo scenario as
//! template, checked against `lifegap run-all` and the core's league table; sorting by a
//! column; opening an area as a scenario of its own.

use crate::ui::harness;
use assert_cmd::Command as Cli;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use lifegap::app::dialogs::Purpose;
use lifegap::app::settings::Screen;
use lifegap::app::{AppEnv, LifegapApp};
use lifegap_core::model::area::Sex;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/demo-2010-countdown.ron")
}

/// The demo's two areas and `n` synthetic ones, written as a wide area file.
pub(crate) fn region_file(dir: &Path, n: usize) -> PathBuf {
    let data = lifegap_core::demo_many::many_areas(n, 1.0);
    let bytes = lifegap_report::export::area_file::wide_csv(&data).unwrap();
    let p = dir.join("region.csv");
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The demo scenario with the region file ranked (the prompt's path confirmed, as a typed
/// path or a native dialog would), waiting for the worker thread.
pub(crate) fn region_harness(file: &Path) -> Harness<'static, LifegapApp> {
    let mut app = LifegapApp::with_scenario_file(&demo(), AppEnv::headless());
    app.view.mc_paused = true;
    let mut h = harness(app);
    open_region(&mut h, file);
    h
}

/// Rank a region file in an open app (the prompt's path confirmed, as a typed path or a
/// native dialog would), waiting for the worker thread.
pub(crate) fn open_region(h: &mut Harness<'static, LifegapApp>, file: &Path) {
    h.state_mut()
        .confirm_file(Purpose::OpenRegion, file.to_path_buf());
    let start = Instant::now();
    while h.state().view.region.is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "region timed out"
        );
        assert!(h.state().error.is_none(), "{:?}", h.state().error);
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    h.run();
}

/// The areas of the table's first column, top to bottom.
fn table_order(h: &Harness<'static, LifegapApp>, areas: &[String]) -> Vec<String> {
    let mut found: Vec<(f32, String)> = Vec::new();
    for a in areas {
        let want = a.clone();
        for n in h.query_all(By::new().predicate(move |n| {
            n.label().as_deref() == Some(want.as_str()) && n.role() != Role::Label
        })) {
            found.push((n.rect().min.y, a.clone()));
        }
    }
    found.sort_by(|x, y| x.0.total_cmp(&y.0));
    found.into_iter().map(|(_, a)| a).collect()
}

#[test]
fn region_screen_ranks_every_area_as_run_all_does_and_opens_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = region_file(dir.path(), 6);
    let mut h = region_harness(&file);
    assert_eq!(h.state().screen, Screen::Region);
    let league = h.state().view.region.as_ref().unwrap().league.clone();
    let areas: Vec<String> = league.outcomes.iter().map(|o| o.area.clone()).collect();
    assert_eq!(
        areas.len(),
        7,
        "Demoborough and 6 areas, England the comparator"
    );
    assert!(!areas.iter().any(|a| a == "England"));
    let gap = |a: &str| {
        let o = league.outcomes.iter().find(|o| o.area == a).unwrap();
        let r = o.row.as_ref().unwrap();
        r.sexes.iter().find(|s| s.sex == Sex::Male).unwrap().gap
    };
    let widest = areas
        .iter()
        .max_by(|a, b| gap(a).total_cmp(&gap(b)))
        .unwrap()
        .clone();
    // Every area is listed, the widest men's gap on top.
    let order = table_order(&h, &areas);
    assert_eq!(order.len(), areas.len(), "{order:?}");
    assert_eq!(order[0], widest);

    // `lifegap run-all` ranks the same file the same way.
    let out = dir.path().join("league");
    Cli::cargo_bin("lifegap")
        .unwrap()
        .arg("run-all")
        .arg(demo())
        .arg("--data")
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let csv = std::fs::read_to_string(out.join("league.csv")).unwrap();
    let cli_order: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(cli_order, areas);

    // A click on a heading sorts by it (areas A to Z).
    h.get_by_label("Area").click();
    h.run();
    let mut by_name = areas.clone();
    by_name.sort();
    assert_eq!(table_order(&h, &areas), by_name);

    // Select the widest and open it: the new scenario's gap is its row's.
    let name = widest.clone();
    h.query_all(By::new().predicate(move |n| {
        n.label().as_deref() == Some(name.as_str()) && n.role() != Role::Label
    }))
    .next()
    .unwrap()
    .click();
    h.run();
    h.get_by_label("Open this area").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(doc.scenario.area, widest);
    let r = doc.current_results().expect("the area computes");
    let men = r
        .projection
        .sexes
        .iter()
        .find(|s| s.sex == Sex::Male)
        .unwrap();
    assert!((men.base_gap - gap(&widest)).abs() < 1e-9);
    assert_eq!(h.state().screen, Screen::Overview);
}

#[test]
fn an_unreadable_region_file_opens_the_error_panel() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.csv");
    std::fs::write(&p, "not,an,area,file\n1,2,3,4\n").unwrap();
    let mut app = LifegapApp::with_scenario_file(&demo(), AppEnv::headless());
    app.view.mc_paused = true;
    let mut h = harness(app);
    h.state_mut().confirm_file(Purpose::OpenRegion, p);
    let start = Instant::now();
    while h.state().region_job.is_some() {
        assert!(start.elapsed() < Duration::from_secs(60));
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    h.run();
    let err = h.state().error.as_ref().expect("an error panel");
    assert!(err.0.contains("bad.csv"), "{}", err.0);
    assert!(h.state().view.region.is_none());
}

#[test]
fn a_file_by_deprivation_fifth_offers_the_within_area_gap() {
    let data = crate::common::workspace_root().join("assets/data");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("quintiles.csv");
    Cli::cargo_bin("lifegap")
        .unwrap()
        .args(["build-data", "--deaths"])
        .arg(data.join("demo-deaths-2006-08.csv"))
        .arg("--population")
        .arg(data.join("demo-population-2006-08.csv"))
        .arg("--lookup")
        .arg(data.join("demo-lookup.csv"))
        .args([
            "--years",
            "2006-2008",
            "--by",
            "deprivation-quintile",
            "--out",
        ])
        .arg(&file)
        .assert()
        .success();
    // No England in the file: no league table, but the within-area gap is offered.
    let mut h = region_harness(&file);
    let r = h.state().view.region.as_ref().unwrap();
    assert!(r.league_error.is_some());
    assert_eq!(r.within, Some(("Q1".to_string(), "Q5".to_string())));
    h.get_by_label("Open Q1 vs Q5").click();
    h.run();
    let doc = h.state().doc.as_ref().unwrap();
    assert_eq!(
        (doc.scenario.area.as_str(), doc.scenario.comparator.as_str()),
        ("Q1", "Q5")
    );
    assert_eq!(h.state().screen, Screen::Gap);
    let r = doc
        .current_results()
        .expect("the within-area scenario computes");
    assert!(r.projection.sexes.iter().all(|s| s.base_gap > 0.0));
    // Made as `lifegap within` makes it: the demo's programmes delivered in Q1, its
    // gap-reduction milestones on the gap within the area (10% off the base gap).
    let demo_s = lifegap_core::scenario_file::load(&demo()).unwrap().scenario;
    assert_eq!(doc.scenario.programmes.len(), demo_s.programmes.len());
    assert!(!doc.scenario.milestones.is_empty());
    for m in &r.milestones {
        assert!(
            m.result.name.starts_with("Within-area gap: "),
            "{}",
            m.result.name
        );
        let base = r
            .projection
            .sexes
            .iter()
            .find(|s| s.sex == m.result.sex)
            .unwrap()
            .base_gap;
        assert!((m.result.required - 0.9 * base).abs() < 1e-9);
    }
}

/// The demo's ten wards built from its death records (`build-data --by ward`), and one ward
/// of a few hundred people added (a copy of the first scaled to 1%), written as a wide file.
pub(crate) fn ward_file(dir: &Path) -> PathBuf {
    let data = crate::common::workspace_root().join("assets/data");
    let built = dir.join("wards-built.csv");
    Cli::cargo_bin("lifegap")
        .unwrap()
        .args(["build-data", "--deaths"])
        .arg(data.join("demo-deaths-2006-08.csv"))
        .arg("--population")
        .arg(data.join("demo-population-2006-08.csv"))
        .arg("--lookup")
        .arg(data.join("demo-lookup.csv"))
        .args(["--years", "2006-2008", "--by", "ward", "--out"])
        .arg(&built)
        .assert()
        .success();
    let mut wards = lifegap_core::data::load(&built, None).unwrap().data;
    let tiny: Vec<_> = wards
        .groups
        .iter()
        .filter(|g| g.area == "Riverside")
        .cloned()
        .map(|mut g| {
            g.area = "Tiny Lane".into();
            g.population
                .iter_mut()
                .for_each(|p| *p = (*p * 0.01).round());
            for d in g.deaths.iter_mut().flatten() {
                *d = (*d * 0.01).round();
            }
            g
        })
        .collect();
    assert_eq!(tiny.len(), 2);
    wards.groups.extend(tiny);
    let p = dir.join("wards.csv");
    std::fs::write(
        &p,
        lifegap_report::export::area_file::wide_csv(&wards).unwrap(),
    )
    .unwrap();
    p
}

#[test]
fn a_ward_file_shows_each_wards_life_expectancy_ranked_with_phe_rules() {
    let dir = tempfile::tempdir().unwrap();
    let file = ward_file(dir.path());
    let mut h = region_harness(&file);
    // No England in a ward file: no league table, the wards' own life expectancy instead.
    let r = h.state().view.region.as_ref().unwrap();
    assert!(r.league_error.is_some());
    let data = lifegap_core::data::load(&file, None).unwrap().data;
    let want = lifegap_core::model::small_areas::ranked(
        &data,
        None,
        &lifegap_core::model::life_table::LifeTableOptions::default(),
    );
    assert_eq!(r.ward_le, want, "the figures lifegap ward-le prints");
    // Men are shown first: ten wards published, the tiny one listed with its reason.
    let men: Vec<_> = want.iter().filter(|g| g.sex == Sex::Male).collect();
    assert_eq!(men.len(), 11);
    assert_eq!(men[0].area, "Riverside");
    assert_eq!(men[0].rank, Some(1));
    h.get_by_label_contains("10 of 11 areas published");
    h.get_by_label_contains("No value (1 area)");
    let tiny = men.iter().find(|g| g.area == "Tiny Lane").unwrap();
    assert!(tiny.e0.is_none() && tiny.small);
    h.get_by_label_contains("Tiny Lane: ");
    // The table, opened, has Riverside's value and interval to one decimal.
    h.get_by_label("Table: life expectancy of each area, men")
        .click();
    h.run();
    let (e0, lo, hi) = (
        men[0].e0.unwrap(),
        men[0].lower.unwrap(),
        men[0].upper.unwrap(),
    );
    h.get_by_label(&format!("{e0:.1}"));
    h.get_by_label(&format!("{lo:.1} to {hi:.1}"));
    // Women on the toggle.
    h.get_by_label("Show women").click();
    h.run();
    h.get_by_label_contains("Life expectancy at birth of each area, women");
}

/// A file by deprivation decile (built from the demo's records): the Region screen gives the
/// SII with its limits as `lifegap sii` prints them (same repetitions and seed), and the SII
/// milestone with its status as `lifegap sii-target --targeted D1,D2` prints it.
#[test]
fn a_file_by_decile_shows_the_sii_and_its_milestone() {
    let dir = tempfile::tempdir().unwrap();
    let file = decile_file(dir.path());
    let h = region_harness(&file);
    let r = h.state().view.region.as_ref().unwrap();
    assert_eq!(r.sii.len(), 2);
    let cli = Cli::cargo_bin("lifegap")
        .unwrap()
        .args(["sii", "--sex", "male", "--data"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let cli = String::from_utf8(cli).unwrap();
    let row: Vec<&str> = cli.lines().nth(1).unwrap().split(',').collect();
    let men = r.sii.iter().find(|v| v.sex == Sex::Male).unwrap();
    let s = men.sii.as_ref().unwrap();
    assert_eq!(
        (s.sii, s.lower, s.upper),
        (
            row[1].parse().unwrap(),
            row[2].parse().unwrap(),
            row[3].parse().unwrap()
        )
    );
    h.get_by_label_contains(&format!(
        "SII {:.1} years (95% interval {:.1} to {:.1})",
        s.sii, s.lower, s.upper
    ));
    // The milestone: the demo's 10% by 2009-11, programmes in D1 and D2.
    let c = men.countdown.as_ref().unwrap().as_ref().unwrap();
    let cli = Cli::cargo_bin("lifegap")
        .unwrap()
        .arg("sii-target")
        .arg(demo())
        .arg("--data")
        .arg(&file)
        .args(["--sex", "male", "--targeted", "D1,D2", "--period"])
        .arg(c.target.period.to_string())
        .arg("--reduction")
        .arg(c.target.reduction.to_string())
        .arg("--as-of")
        .arg(h.state().doc.as_ref().unwrap().scenario.as_of.map_or_else(
            || lifegap_core::clock::today().to_string(),
            |d| d.to_string(),
        ))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let cli = String::from_utf8(cli).unwrap();
    let row: Vec<&str> = cli.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(c.with, row[6].parse::<f64>().unwrap());
    assert_eq!(c.status.label(), row[8]);
    h.get_by_label(&c.label);
    h.get_by_label_contains(&format!(
        "programmes delivered in D1 and D2 narrow it by {}, to {}",
        lifegap_report::format::life_time(c.without - c.with),
        f1(c.with)
    ));
}

fn f1(x: f64) -> String {
    format!("{x:.1}")
}

/// The demo's death records built by deprivation decile.
pub(crate) fn decile_file(dir: &Path) -> PathBuf {
    let data = crate::common::workspace_root().join("assets/data");
    let file = dir.join("deciles.csv");
    Cli::cargo_bin("lifegap")
        .unwrap()
        .args(["build-data", "--deaths"])
        .arg(data.join("demo-deaths-2006-08.csv"))
        .arg("--population")
        .arg(data.join("demo-population-2006-08.csv"))
        .arg("--lookup")
        .arg(data.join("demo-lookup.csv"))
        .args([
            "--years",
            "2006-2008",
            "--by",
            "deprivation-decile",
            "--out",
        ])
        .arg(&file)
        .assert()
        .success();
    file
}
