//! Scenario files from colleagues, through the command line and the app: `check` runs every
//! rule `run` runs and fails on any data error; out-of-range numbers exit 1 with the field's
//! line and column; data outside the scenario's folder need `--allow-data-outside` (every
//! command that loads a scenario) or "Open anyway" (the app); files that are not area data are
//! never printed.

use crate::common::{shipped, workspace_root};
use assert_cmd::Command;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use lifegap::app::command::Command as AppCommand;
use lifegap::app::dialogs::Purpose;
use lifegap::app::modals::Modal;
use lifegap::app::{AppEnv, LifegapApp};
use std::path::{Path, PathBuf};

fn lifegap() -> Command {
    Command::cargo_bin("lifegap").unwrap()
}

/// The countdown demo's text, reading `data` (as written in the file).
fn scenario_text(data: &str) -> String {
    std::fs::read_to_string(&shipped()[0]).unwrap().replace(
        "data: Wide(\"../assets/data/demo-area-2006-08.csv\")",
        &format!("data: Wide({data:?})"),
    )
}

fn demo_csv() -> PathBuf {
    workspace_root().join("assets/data/demo-area-2006-08.csv")
}

/// A folder `scenarios/` holding `s.ron` (reading `data`), with the demo data both beside it
/// (`scenarios/area.csv`) and outside it (`outside.csv`, next to the folder).
struct Setup {
    _dir: tempfile::TempDir,
    scenarios: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let scenarios = dir.path().join("scenarios");
        std::fs::create_dir_all(&scenarios).unwrap();
        std::fs::copy(demo_csv(), scenarios.join("area.csv")).unwrap();
        std::fs::copy(demo_csv(), dir.path().join("outside.csv")).unwrap();
        Setup {
            _dir: dir,
            scenarios,
        }
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.scenarios.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], scenario: &Path, extra: &[&str]) -> Run {
    let out = lifegap()
        .args(args)
        .arg(scenario)
        .args(extra)
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).to_string(),
        stderr: String::from_utf8_lossy(&out.stderr).to_string(),
    }
}

/// 1-based line and column where `value` starts inside the first `context` of `text`.
fn position(text: &str, context: &str, value: &str) -> (usize, usize) {
    let i = text.find(context).unwrap() + context.find(value).unwrap();
    let before = &text[..i];
    (
        before.matches('\n').count() + 1,
        before[before.rfind('\n').map_or(0, |k| k + 1)..]
            .chars()
            .count()
            + 1,
    )
}

/// Every command that loads a scenario, with what each needs besides the file.
fn commands(out: &Path) -> Vec<(Vec<String>, Vec<String>)> {
    let o = out.display().to_string();
    vec![
        (vec!["check".into()], vec![]),
        (vec!["run".into()], vec!["--draws".into(), "20".into()]),
        (
            vec!["goal-seek".into()],
            vec!["--milestone".into(), "2010 PSA target".into()],
        ),
        (
            vec!["report".into()],
            vec![
                "--out".into(),
                format!("{o}/r.html"),
                "--draws".into(),
                "0".into(),
            ],
        ),
        (
            vec!["export-charts".into()],
            vec![
                "--dir".into(),
                format!("{o}/charts"),
                "--svg".into(),
                "--draws".into(),
                "0".into(),
            ],
        ),
    ]
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn data_outside_the_folder_need_allow_data_outside_on_every_command() {
    let setup = Setup::new();
    let out = tempfile::tempdir().unwrap();
    let outside = setup.scenarios.parent().unwrap().join("outside.csv");
    for data in ["../outside.csv".to_string(), outside.display().to_string()] {
        let text = scenario_text(&data);
        let p = setup.write("s.ron", &text);
        let (line, col) = position(&text, "data: Wide(\"", "\"");
        for (cmd, extra) in commands(out.path()) {
            let refused = run(&strs(&cmd), &p, &strs(&extra));
            assert_eq!(refused.code, Some(1), "{cmd:?} {data}: {}", refused.stderr);
            assert!(
                refused.stderr.contains(&format!(
                    "s.ron:{line}:{col} (data[0]): error [scenario-invalid]: the data path"
                )),
                "{cmd:?}: {}",
                refused.stderr
            );
            assert!(
                refused
                    .stderr
                    .contains("leads outside the scenario's folder")
                    && refused.stderr.contains("--allow-data-outside"),
                "{cmd:?}: {}",
                refused.stderr
            );
            let mut allowed = extra.clone();
            allowed.push("--allow-data-outside".into());
            let ok = run(&strs(&cmd), &p, &strs(&allowed));
            assert_eq!(ok.code, Some(0), "{cmd:?} {data} allowed: {}", ok.stderr);
        }
    }
    // Data beside the scenario need nothing.
    let p = setup.write("s.ron", &scenario_text("area.csv"));
    for (cmd, extra) in commands(out.path()) {
        let ok = run(&strs(&cmd), &p, &strs(&extra));
        assert_eq!(ok.code, Some(0), "{cmd:?}: {}", ok.stderr);
    }
}

#[test]
fn check_fails_on_any_error_in_the_data_file() {
    let setup = Setup::new();
    // A third area, with a NaN death count: not used by the scenario, but an error.
    let mut csv = std::fs::read_to_string(demo_csv()).unwrap();
    let first_row = csv
        .lines()
        .find(|l| l.starts_with("Demoborough,male,0,"))
        .unwrap()
        .to_string();
    let mut cells: Vec<&str> = first_row.split(',').collect();
    cells[0] = "Elsewhere";
    cells[3] = "NaN";
    csv.push_str(&cells.join(","));
    csv.push('\n');
    std::fs::write(setup.scenarios.join("area.csv"), csv).unwrap();
    let p = setup.write("s.ron", &scenario_text("area.csv"));
    let r = run(&["check"], &p, &[]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("area.csv:"), "{}", r.stderr);
    assert!(
        r.stderr.contains("the data file has") && r.stderr.contains("error(s)"),
        "{}",
        r.stderr
    );
    assert!(!r.stdout.contains("ok:"), "{}", r.stdout);
    assert!(!r.stderr.contains("groups this scenario does not use"));
}

#[test]
fn what_run_refuses_check_refuses_at_the_field() {
    let setup = Setup::new();
    let base = scenario_text("area.csv");
    let cases: Vec<(&str, String, &str, &str, &str)> = vec![
        (
            "a horizon of two billion years (used to abort allocating 8.6 GB)",
            base.replace("horizon: \"2008-15\"", "horizon: \"2008-2147483647\""),
            "horizon: \"2008-2147483647\"",
            "\"",
            "horizon 2008-2147483647 is out of range",
        ),
        (
            "no draws",
            base.replace("draws: 1000", "draws: 0"),
            "draws: 0",
            "0",
            "uncertainty.draws 0 is out of range: 1 to 100000",
        ),
        (
            "the women's milestone, not the men's",
            base.replace("MinLifeExpectancy(81.45)", "MinLifeExpectancy(NaN)"),
            "MinLifeExpectancy(NaN)",
            "NaN",
            "milestone '2013 local milestone (women)': life expectancy NaN is out of range: 10 to 120 years",
        ),
        (
            "a top-level number",
            base.replace("at_risk_years: 0.2", "at_risk_years: 1e308"),
            "at_risk_years: 1e308",
            "1e308",
            "status.at_risk_years 1e308 is out of range: 0 to 10 years",
        ),
        (
            "an action-plan share",
            base.replacen("share: 0.2,", "share: 2.5,", 1),
            "share: 2.5,",
            "2.5",
            "partner 'Community pharmacy' has share 2.5, out of range",
        ),
        (
            "a programme's own field, not its id",
            base.replacen("ramp_years: 2.0", "ramp_years: inf", 1),
            "ramp_years: inf",
            "inf",
            "Statins: primary prevention (high CVD risk): coverage ramp_years inf is out of range: 0 to 60 years",
        ),
    ];
    for (name, text, context, value, message) in cases {
        let p = setup.write("bad.ron", &text);
        let (line, col) = position(&text, context, value);
        for cmd in ["check", "run"] {
            let r = run(&[cmd], &p, &[]);
            assert_eq!(r.code, Some(1), "{name}, {cmd}: {}", r.stderr);
            let at = format!("bad.ron:{line}:{col} (");
            let hit = r
                .stderr
                .lines()
                .find(|l| l.contains(&at) && l.contains(message));
            assert!(
                hit.is_some(),
                "{name}, {cmd}: want «{at}…{message}» in\n{}",
                r.stderr
            );
        }
    }
}

#[test]
fn impossible_dates_and_out_of_range_planning_dates_are_refused() {
    let setup = Setup::new();
    let text = scenario_text("area.csv").replace("as_of: \"2009-04-01\"", "as_of: \"2009-02-31\"");
    let p = setup.write("date.ron", &text);
    let (line, col) = position(&text, "as_of: \"2009-02-31\"", "2009");
    let r = run(&["check"], &p, &[]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .contains(&format!("date.ron:{line}:{col}: error [scenario-syntax]")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("does not exist"), "{}", r.stderr);
    let good = setup.write("good.ron", &scenario_text("area.csv"));
    for (as_of, want) in [
        ("2009-02-31", "does not exist"),
        ("2500-01-01", "1900–2100"),
        ("2147483647-01-01", "1900–2100"),
    ] {
        let r = run(&["run"], &good, &["--as-of", as_of]);
        assert_eq!(r.code, Some(2), "{as_of}: {}", r.stderr);
        assert!(r.stderr.contains(want), "{as_of}: {}", r.stderr);
    }
}

#[test]
fn a_scenario_with_a_byte_order_mark_checks_and_runs() {
    let setup = Setup::new();
    let p = setup.write("bom.ron", &format!("\u{feff}{}", scenario_text("area.csv")));
    let r = run(&["check"], &p, &[]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.starts_with("ok:"), "{}", r.stdout);
    let r = run(&["run"], &p, &["--draws", "0"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn files_that_are_not_area_data_are_never_printed() {
    let setup = Setup::new();
    let secret = "Zq9SECRETpasswordHash";
    std::fs::write(
        setup.scenarios.join("shadow"),
        format!("root:$6${secret}:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n"),
    )
    .unwrap();
    let p = setup.write("s.ron", &scenario_text("shadow"));
    let mut targets = vec![(p, vec![])];
    if Path::new("/proc/self/environ").exists() {
        targets.push((
            setup.write("env.ron", &scenario_text("/proc/self/environ")),
            vec!["--allow-data-outside"],
        ));
    }
    for (p, extra) in targets {
        for cmd in ["check", "run"] {
            let r = run(&[cmd], &p, &extra);
            assert_eq!(r.code, Some(1), "{cmd}: {}", r.stderr);
            let all = format!("{}{}", r.stdout, r.stderr);
            assert!(!all.contains(secret), "{cmd}: {all}");
            assert!(!all.contains("unknown-cause"), "{cmd}: {all}");
            assert!(!all.contains("CARGO_"), "{cmd}: environment shown: {all}");
            assert!(
                all.contains("not area data of the expected shape"),
                "{cmd}: {all}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// The desktop app asks before reading data outside a scenario's folder.

fn harness(app: LifegapApp) -> Harness<'static, LifegapApp> {
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(12)
        .with_context_setup(lifegap::app::theme::install_fonts)
        .build_eframe(move |_cc| app);
    h.run();
    h
}

#[test]
fn the_app_asks_before_reading_data_outside_the_folder() {
    let setup = Setup::new();
    let p = setup.write("s.ron", &scenario_text("../outside.csv"));
    let mut app = LifegapApp::with_scenario_file(&p, AppEnv::headless());
    app.view.mc_paused = true;
    assert!(app.doc.is_none(), "nothing read before the answer");
    assert!(
        matches!(&app.modal, Some(Modal::DataOutside(d)) if d.purpose == Purpose::OpenScenario
            && d.data.ends_with("outside.csv")),
        "the question is asked"
    );
    let mut h = harness(app);
    let outside = setup.scenarios.join("../outside.csv");
    let question = format!(
        "This scenario reads data from {}, outside its folder. Open anyway?",
        outside.display()
    );
    h.get_by_label(&question);
    // Cancel: nothing is opened.
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().doc.is_none() && h.state().modal.is_none());
    // Ask again and open anyway.
    h.state_mut().open_scenario(&p);
    h.run();
    h.get_by_label("Open anyway").click();
    h.run();
    let doc = h.state().doc.as_ref().expect("opened once allowed");
    assert_eq!(doc.scenario.area, "Demoborough");
    assert!(h.state().modal.is_none());
    // Inside the folder, no question.
    let inside = setup.write("in.ron", &scenario_text("area.csv"));
    h.state_mut().open_scenario(&inside);
    assert!(h.state().modal.is_none());
    assert_eq!(
        h.state().doc.as_ref().unwrap().path.as_deref(),
        Some(inside.canonicalize().unwrap().as_path())
    );
}

#[test]
fn the_app_asks_before_comparing_with_a_scenario_reading_data_outside() {
    let setup = Setup::new();
    // A copy: the comparison is kept beside the open scenario, never in the shipped folder.
    let demo_dir = tempfile::tempdir().unwrap();
    let demo = crate::ui::shipped_copy(demo_dir.path(), "demo-2010-countdown.ron");
    let mut app = LifegapApp::with_scenario_file(&demo, AppEnv::headless());
    app.view.mc_paused = true;
    assert!(
        app.doc.is_some() && app.modal.is_none(),
        "the demo opens as it is"
    );
    let p = setup.write("other.ron", &scenario_text("../outside.csv"));
    app.add_compare_file(&p);
    assert!(app.view.compare.is_empty());
    assert!(matches!(
        &app.modal,
        Some(Modal::DataOutside(d)) if d.purpose == Purpose::AddToComparison
    ));
    app.modal = None;
    let ctx = egui::Context::default();
    app.apply(
        &ctx,
        AppCommand::OpenDataOutside(Purpose::AddToComparison, p),
    );
    assert_eq!(app.view.compare.len(), 1);
}
