//! Scenario files: every shipped scenario loads and runs; RON round-trips unchanged; version 1
//! files load; bad files give located errors; goal seeking and the Monte Carlo behave.

use assert_cmd::Command;
use lifegap::model::goal_seek::{miss, seek_mix, seek_programme};
use lifegap::model::projection::{Simulator, central_settings};
use lifegap::model::results::compute;
use lifegap::model::scenario::{DataSource, Date};
use lifegap::model::uncertainty::{Control, monte_carlo};
use lifegap::scenario_file;
use std::path::{Path, PathBuf};

fn shipped() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    v.sort();
    assert!(v.len() >= 3, "the three demo scenarios are shipped");
    v
}

#[test]
fn every_shipped_scenario_checks_and_runs_from_the_cli() {
    for path in shipped() {
        Command::cargo_bin("lifegap")
            .unwrap()
            .arg("check")
            .arg(&path)
            .assert()
            .success();
        let out = tempfile::tempdir().unwrap();
        let res = Command::cargo_bin("lifegap")
            .unwrap()
            .arg("run")
            .arg(&path)
            .arg("--out")
            .arg(out.path())
            .args(["--draws", "100"])
            .assert()
            .success();
        let stdout = String::from_utf8_lossy(&res.get_output().stdout).to_string();
        assert!(stdout.contains("2010 PSA target (men)"), "{stdout}");
        assert!(stdout.contains("not lives saved"));
        for f in [
            "per_year.csv",
            "programmes.csv",
            "programme_summary.csv",
            "milestones.csv",
            "delivery.csv",
            "summary.txt",
        ] {
            let text = std::fs::read_to_string(out.path().join(f)).unwrap();
            assert!(text.lines().count() > 1, "{f} is empty");
            let mut rdr = csv::Reader::from_reader(text.as_bytes());
            if f.ends_with(".csv") {
                let width = rdr.headers().unwrap().len();
                for r in rdr.records() {
                    assert_eq!(r.unwrap().len(), width, "{f}: ragged row");
                }
            }
        }
    }
}

#[test]
fn scenarios_round_trip_through_ron_unchanged() {
    for path in shipped() {
        let loaded = scenario_file::load(&path).unwrap();
        let text = scenario_file::to_text(&loaded.scenario);
        let again = scenario_file::parse(&path, &text).unwrap();
        assert_eq!(again, loaded.scenario, "{}", path.display());
        // The file on disk is exactly what saving writes.
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "{} is not in canonical form",
            path.display()
        );
    }
    // Embedded data round-trip too.
    let loaded = scenario_file::load(&shipped()[0]).unwrap();
    let mut s = loaded.scenario.clone();
    s.data = DataSource::Embedded(loaded.data.clone());
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("embedded.ron");
    scenario_file::save(&p, &s).unwrap();
    let back = scenario_file::load(&p).unwrap();
    assert_eq!(back.scenario, s);
    assert_eq!(back.data, loaded.data);
}

#[test]
fn version_1_files_load_and_upgrade() {
    let path = &shipped()[0];
    let current = scenario_file::load(path).unwrap().scenario;
    let text = std::fs::read_to_string(path).unwrap();
    // The first layout: data as a bare path, no status or uncertainty sections.
    let mut v1 = text.replace("version: 2,", "version: 1,").replace(
        "data: Wide(\"../assets/data/demo-area-2006-08.csv\"),",
        "data: \"../assets/data/demo-area-2006-08.csv\",",
    );
    let cut = |t: &str, key: &str| -> String {
        let i = t.find(key).unwrap();
        let j = i + t[i..].find("),\n").unwrap() + 3;
        format!("{}{}", &t[..i], &t[j..])
    };
    v1 = cut(&v1, "    status: StatusRules(");
    v1 = cut(&v1, "    uncertainty: UncertaintySettings(");
    // The action plan came later too: cut it to the end of the scenario.
    let i = v1.find("    action_plan: ActionPlan(").unwrap();
    v1 = format!("{})\n", &v1[..i]);
    let dir = tempfile::tempdir().unwrap();
    let scen = dir.path().join("scenarios");
    std::fs::create_dir_all(&scen).unwrap();
    let data_dir = dir.path().join("assets/data");
    std::fs::create_dir_all(&data_dir).unwrap();
    std::fs::copy(
        path.parent()
            .unwrap()
            .join("../assets/data/demo-area-2006-08.csv"),
        data_dir.join("demo-area-2006-08.csv"),
    )
    .unwrap();
    let p = scen.join("old.ron");
    std::fs::write(&p, v1).unwrap();
    let old = scenario_file::load(&p).unwrap().scenario;
    assert_eq!(old.version, 2);
    let mut want = current.clone();
    want.action_plan = Default::default();
    assert_eq!(old, want);
}

#[test]
fn bad_scenarios_give_located_errors() {
    let path = &shipped()[0];
    // Point the data path at the shipped file so the broken copies can live in a temp folder.
    let data = path
        .parent()
        .unwrap()
        .join("../assets/data/demo-area-2006-08.csv")
        .canonicalize()
        .unwrap();
    let text = std::fs::read_to_string(path).unwrap().replace(
        "../assets/data/demo-area-2006-08.csv",
        data.to_str().unwrap(),
    );
    let dir = tempfile::tempdir().unwrap();
    let check = |name: &str, body: String, want: &[&str]| {
        let p = dir.path().join(format!("{name}.ron"));
        std::fs::write(&p, body).unwrap();
        let out = Command::cargo_bin("lifegap")
            .unwrap()
            .arg("check")
            .arg(&p)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        for w in want {
            assert!(err.contains(w), "{name}: missing «{w}» in {err}");
        }
    };
    let line_of = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() + 1;
    // An unknown field names its line.
    let l = line_of("    area: ");
    check(
        "unknown",
        text.replace("    area: ", "    colour: \"red\",\n    area: "),
        &[&format!(":{l}:"), "[scenario-syntax]", "colour"],
    );
    // A bad value in a programme points at the programme's line.
    let l = line_of("\"smoking_cessation\"");
    check(
        "coverage",
        text.replacen("target: 0.06,", "target: 1.5,", 1),
        &[&format!(
            ":{l}: error [scenario-invalid]: programme 'smoking_cessation': coverage target 1.5"
        )],
    );
    check(
        "version",
        text.replace("version: 2,", "version: 9,"),
        &["[scenario-version]", "version 9"],
    );
    check(
        "area",
        text.replace("area: \"Demoborough\"", "area: \"Nowhere\""),
        &["area 'Nowhere' has no valid data"],
    );
    check(
        "syntax",
        text.replacen("programmes: [", "programmes: [[", 1),
        &["[scenario-syntax]"],
    );
}

#[test]
fn goal_seek_finds_the_smallest_scale_that_meets_a_milestone() {
    let loaded = scenario_file::load(&shipped()[0]).unwrap();
    let s = &loaded.scenario;
    let sim = Simulator::new(s, &loaded.data).unwrap();
    let m = s.milestone("2013 local milestone (men)")[0];
    let ids: Vec<String> = s.programmes.iter().map(|p| p.id.clone()).collect();
    let g = seek_mix(&sim, s, m, &ids).unwrap();
    assert!(g.reachable, "{}", g.note);
    let lambda = g.lambda.unwrap();
    assert!(lambda > 0.0 && lambda < 1.0);
    // At the answer the milestone is met; a little less is not.
    let settings_at = |l: f64| {
        let mut set = central_settings(s);
        for (k, p) in s.programmes.iter().enumerate() {
            let c = p.coverage.baseline + l * (p.coverage.max - p.coverage.baseline);
            set[k] = Some((c, p.central_effects()));
        }
        set
    };
    assert!(miss(&sim, s, m, &settings_at(lambda)).unwrap().0 <= 1e-9);
    assert!(miss(&sim, s, m, &settings_at(lambda - 0.01)).unwrap().0 > 0.0);
    // One programme alone cannot close it.
    let one = seek_programme(&sim, s, m, "infant_mortality").unwrap();
    assert!(!one.reachable);
    assert!(one.note.starts_with("not reachable"));
    // The shipped goal-seek scenario meets it.
    let gs = shipped()
        .into_iter()
        .find(|p| p.ends_with("demo-goal-seek.ron"))
        .unwrap();
    let l2 = scenario_file::load(&gs).unwrap();
    let sim2 = Simulator::new(&l2.scenario, &l2.data).unwrap();
    let m2 = l2.scenario.milestone("2013 local milestone (men)")[0];
    assert!(
        miss(&sim2, &l2.scenario, m2, &central_settings(&l2.scenario))
            .unwrap()
            .0
            <= 0.0
    );
}

#[test]
fn monte_carlo_is_seeded_and_independent_of_threads() {
    let loaded = scenario_file::load(&shipped()[0]).unwrap();
    let s = &loaded.scenario;
    let sim = Simulator::new(s, &loaded.data).unwrap();
    let set = central_settings(s);
    let mut opts = s.uncertainty;
    opts.draws = 300;
    let a = monte_carlo(&sim, s, &set, opts, Control::default())
        .unwrap()
        .unwrap();
    let one_thread = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let b = one_thread.install(|| {
        monte_carlo(&sim, s, &set, opts, Control::default())
            .unwrap()
            .unwrap()
    });
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    opts.seed += 1;
    let c = monte_carlo(&sim, s, &set, opts, Control::default())
        .unwrap()
        .unwrap();
    assert_ne!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&c).unwrap()
    );
    // The interval surrounds the central gain, and probabilities are probabilities.
    let r = compute(
        &sim,
        s,
        &set,
        Date {
            year: 2009,
            month: 4,
            day: 1,
        },
    )
    .unwrap();
    for (u, m) in a.milestones.iter().zip(&r.milestones) {
        let central = m.result.pooled.gain();
        assert!(
            u.gain.low <= central + 1e-9 && central <= u.gain.high + 1e-9,
            "{}: {:?} vs {central}",
            u.label,
            u.gain
        );
        assert!((0.0..=1.0).contains(&u.probability_met));
    }
    // A cancelled run returns nothing.
    let stop = std::sync::atomic::AtomicBool::new(true);
    let none = monte_carlo(
        &sim,
        s,
        &set,
        opts,
        Control {
            cancel: Some(&stop),
            progress: None,
        },
    )
    .unwrap();
    assert!(none.is_none());
}

#[test]
fn contributions_add_up_to_each_milestones_gain() {
    let loaded = scenario_file::load(&shipped()[0]).unwrap();
    let s = &loaded.scenario;
    let sim = Simulator::new(s, &loaded.data).unwrap();
    let r = compute(
        &sim,
        s,
        &central_settings(s),
        Date {
            year: 2009,
            month: 4,
            day: 1,
        },
    )
    .unwrap();
    for m in &r.milestones {
        let sum: f64 = m.contributions.iter().map(|c| c.gain).sum();
        assert!(
            (sum - m.result.pooled.gain()).abs() < 1e-12,
            "{}",
            m.result.label
        );
        if let Some(closed) = m.result.share_of_shortfall_closed {
            let parts: f64 = m
                .contributions
                .iter()
                .filter_map(|c| c.share_of_shortfall)
                .sum();
            assert!(
                (parts - closed).abs() < 1e-9,
                "{}: {parts} vs {closed}",
                m.result.label
            );
        }
        assert!(!m.delivery.is_empty());
        assert_eq!(
            m.result.months_left,
            Date {
                year: 2009,
                month: 4,
                day: 1
            }
            .months_until(m.result.due)
        );
    }
}

#[test]
fn the_demo_files_are_what_the_generator_makes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("assets/data/demo-area-2006-08.csv");
    let scen = dir.path().join("scenarios");
    Command::cargo_bin("lifegap")
        .unwrap()
        .args(["demo-data", "--out"])
        .arg(&data)
        .arg("--scenarios")
        .arg(&scen)
        .assert()
        .success();
    let same = |a: &Path, b: &Path| {
        assert_eq!(
            std::fs::read_to_string(a).unwrap(),
            std::fs::read_to_string(b).unwrap(),
            "{} differs from a fresh `lifegap demo-data`",
            b.display()
        );
    };
    same(&data, &root.join("assets/data/demo-area-2006-08.csv"));
    for f in [
        "demo-2010-countdown.ron",
        "demo-stretch.ron",
        "demo-goal-seek.ron",
    ] {
        same(&scen.join(f), &root.join("scenarios").join(f));
    }
}
