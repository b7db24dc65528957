//! Scenario files through the command line: every shipped scenario checks and runs; bad files
//! give located errors; the demo files are what the generator makes.

use crate::common::shipped;
use assert_cmd::Command;
use std::path::Path;

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
    // A bad value in a programme points at the value itself (line and column), with the
    // field's path.
    let body = text.replacen("target: 0.06,", "target: 1.5,", 1);
    let i = body.find("target: 1.5,").unwrap() + "target: ".len();
    let (l, c) = (
        body[..i].matches('\n').count() + 1,
        i - body[..i].rfind('\n').unwrap(),
    );
    check(
        "coverage",
        body,
        &[&format!(
            ":{l}:{c} (programmes[3].coverage.target): error [scenario-invalid]: Stop-smoking services: coverage target 1.5"
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

/// `goal-seek --chance`: the scale for a chosen chance of meeting a milestone, said in words;
/// a chance outside 0–1 is a usage error.
#[test]
fn goal_seek_for_a_chance_from_the_cli() {
    let path = &shipped()[0];
    let res = Command::cargo_bin("lifegap")
        .unwrap()
        .arg("goal-seek")
        .arg(path)
        .args(["--milestone", "2013 local milestone (men)"])
        .args(["--chance", "0.6", "--draws", "200"])
        .assert()
        .success();
    let err = String::from_utf8_lossy(&res.get_output().stderr).to_string();
    assert!(err.contains("reachable — each programme"), "{err}");
    assert!(err.contains("gives a 60% chance (200 draws)"), "{err}");
    let res = Command::cargo_bin("lifegap")
        .unwrap()
        .arg("goal-seek")
        .arg(path)
        .args(["--milestone", "2013 local milestone (men)"])
        .args(["--chance", "0.8", "--draws", "200"])
        .assert()
        .success();
    let err = String::from_utf8_lossy(&res.get_output().stderr).to_string();
    assert!(
        err.contains("NOT reachable — not reachable with an 80% chance"),
        "{err}"
    );
    Command::cargo_bin("lifegap")
        .unwrap()
        .arg("goal-seek")
        .arg(path)
        .args(["--milestone", "2013 local milestone (men)", "--chance", "2"])
        .assert()
        .code(2);
}
