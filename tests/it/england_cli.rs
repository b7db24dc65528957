//! `lifegap england`: Holt's forecast of England through the command line.

use crate::cli::{cell, parse};
use crate::common::*;
use assert_cmd::Command;

/// A straight-line series (0.3 a year from 74.6 in 1995-97) is forecast on the line with no
/// error: 2009-11 is 14 steps on, 74.6 + 4.2 = 78.8. The aim's line at 2009-11 is 78.6, so
/// England's over-performance is the scenario's England minus 78.6, and its share of the
/// shortfall is that over the shortfall (held to 0–1).
#[test]
fn holt_on_a_straight_line_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = String::from("sex,period,e0\n");
    for i in 0..12 {
        let y = 1995 + i;
        t += &format!(
            "male,{y}-{:02},{}\n",
            (y + 2) % 100,
            74.6 + 0.3 * f64::from(i)
        );
    }
    let series = dir.path().join("s.csv");
    std::fs::write(&series, t).unwrap();
    let out = Command::cargo_bin("lifegap")
        .unwrap()
        .arg("england")
        .arg(workspace_root().join("scenarios/demo-2010-countdown.ron"))
        .arg("--series")
        .arg(&series)
        .args(["--alpha", "0.5", "--beta", "0.5"])
        .assert()
        .success();
    let rows = parse(&out.get_output().stdout);
    assert_eq!(rows.len(), 2, "the men's two milestones");
    let psa = &rows[0];
    assert_eq!(psa["period"], "2009-11");
    close("Holt", cell(psa, "england_e0_holt"), 78.8, 1e-9);
    close(
        "no spread",
        cell(psa, "holt_upper") - cell(psa, "holt_lower"),
        0.0,
        1e-9,
    );
    close("aim", cell(psa, "england_aim"), 78.6, 1e-12);
    let over = cell(psa, "england_e0_scenario") - 78.6;
    close(
        "over-performance",
        cell(psa, "over_performance"),
        over,
        1e-12,
    );
    let share = (over / cell(psa, "shortfall")).clamp(0.0, 1.0);
    close(
        "share",
        cell(psa, "over_performance_share_of_shortfall"),
        share,
        1e-12,
    );
    // Uneven periods are refused at their line.
    std::fs::write(
        &series,
        "sex,period,e0\nmale,1995-97,74.6\nmale,1996-98,74.9\nmale,1999-01,75\nmale,2000-02,75.3\n",
    )
    .unwrap();
    let out = Command::cargo_bin("lifegap")
        .unwrap()
        .arg("england")
        .arg(workspace_root().join("scenarios/demo-2010-countdown.ron"))
        .arg("--series")
        .arg(&series)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("s.csv:4:2 (period): error [out-of-range]"),
        "{stderr}"
    );
}

/// `--write-scenario` puts Holt's annual gain (0.3 a year on a straight line of 0.3 a year)
/// into a copy of the scenario as England's trend, keeping the local trend; the copy runs.
#[test]
fn holt_trend_written_into_a_scenario_copy() {
    let root = workspace_root();
    let dir = tempfile::tempdir().unwrap();
    let sc = dir.path().join("scenarios");
    std::fs::create_dir_all(&sc).unwrap();
    let text = std::fs::read_to_string(root.join("scenarios/demo-2010-countdown.ron"))
        .unwrap()
        .replace(
            "../assets/data/demo-area-2006-08.csv",
            "demo-area-2006-08.csv",
        );
    std::fs::write(sc.join("demo.ron"), text).unwrap();
    std::fs::copy(
        root.join("assets/data/demo-area-2006-08.csv"),
        sc.join("demo-area-2006-08.csv"),
    )
    .unwrap();
    let mut t = String::from("sex,period,e0\n");
    for i in 0..12 {
        let y = 1995 + i;
        t += &format!(
            "male,{y}-{:02},{}\n",
            (y + 2) % 100,
            74.6 + 0.3 * f64::from(i)
        );
    }
    let series = dir.path().join("s.csv");
    std::fs::write(&series, t).unwrap();
    let out_ron = sc.join("holt.ron");
    Command::cargo_bin("lifegap")
        .unwrap()
        .arg("england")
        .arg(sc.join("demo.ron"))
        .arg("--series")
        .arg(&series)
        .args(["--alpha", "0.5", "--beta", "0.5", "--write-scenario"])
        .arg(&out_ron)
        .assert()
        .success();
    let s = lifegap_core::scenario_file::load(&out_ron)
        .unwrap()
        .scenario;
    let lifegap_core::model::scenario::Trend::Annual { comparator, .. } = s.trend else {
        panic!("an annual trend")
    };
    close("England's gain (men)", comparator.male, 0.3, 1e-9);
    Command::cargo_bin("lifegap")
        .unwrap()
        .arg("run")
        .arg(&out_ron)
        .assert()
        .success();
}

/// `--holt-path` puts England on Holt's forecast itself: on straight lines (men 74.6 + 0.3 a
/// year, women 79.7 + 0.25 a year from 1995-97, α = β = 0.5, so no error) England's pooled
/// 2009-11 e₀ in the copy is the line's 78.8 (men) and 83.2 (women) — up to the pooling of
/// three years' rates — and the required local e₀ is England's less the gap allowed.
#[test]
fn holt_path_written_into_a_scenario_copy() {
    let root = workspace_root();
    let dir = tempfile::tempdir().unwrap();
    let sc = dir.path().join("scenarios");
    std::fs::create_dir_all(&sc).unwrap();
    let text = std::fs::read_to_string(root.join("scenarios/demo-2010-countdown.ron"))
        .unwrap()
        .replace(
            "../assets/data/demo-area-2006-08.csv",
            "demo-area-2006-08.csv",
        );
    std::fs::write(sc.join("demo.ron"), text).unwrap();
    std::fs::copy(
        root.join("assets/data/demo-area-2006-08.csv"),
        sc.join("demo-area-2006-08.csv"),
    )
    .unwrap();
    let mut t = String::from("sex,period,e0\n");
    for (sex, start, step) in [("male", 74.6, 0.3), ("female", 79.7, 0.25)] {
        for i in 0..12 {
            let y = 1995 + i;
            t += &format!(
                "{sex},{y}-{:02},{}\n",
                (y + 2) % 100,
                start + step * f64::from(i)
            );
        }
    }
    let series = dir.path().join("s.csv");
    std::fs::write(&series, t).unwrap();
    let out_ron = sc.join("holt-path.ron");
    Command::cargo_bin("lifegap")
        .unwrap()
        .arg("england")
        .arg(sc.join("demo.ron"))
        .arg("--series")
        .arg(&series)
        .args([
            "--alpha",
            "0.5",
            "--beta",
            "0.5",
            "--holt-path",
            "--write-scenario",
        ])
        .arg(&out_ron)
        .assert()
        .success();
    let s = lifegap_core::scenario_file::load(&out_ron)
        .unwrap()
        .scenario;
    assert!(matches!(
        s.comparator_path,
        lifegap_core::model::comparator_path::ComparatorPath::Holt { .. }
    ));
    let out = Command::cargo_bin("lifegap")
        .unwrap()
        .arg("england")
        .arg(&out_ron)
        .arg("--series")
        .arg(&series)
        .args(["--alpha", "0.5", "--beta", "0.5"])
        .assert()
        .success();
    let rows = parse(&out.get_output().stdout);
    let psa: Vec<_> = rows.iter().filter(|r| r["period"] == "2009-11").collect();
    assert_eq!(psa.len(), 2);
    for (r, want) in psa.iter().zip([78.8, 83.2]) {
        close(
            "England on Holt's path",
            cell(r, "england_e0_scenario"),
            want,
            0.01,
        );
        close("Holt", cell(r, "england_e0_holt"), want, 1e-9);
        let gap_allowed = cell(r, "england_e0_scenario") - cell(r, "required_local_e0");
        assert!(gap_allowed > 0.0 && gap_allowed < 3.0, "{gap_allowed}");
    }
}

/// `lifegap stretch --reduction 0.2` writes a copy whose 2010 PSA milestones ask for the
/// 1995–97 gap (men 74.6 − 72.7 = 1.9 years) down 20%: 1.52 years, which `run` then judges.
#[test]
fn stretch_writes_a_scenario_that_run_judges() {
    let root = workspace_root();
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root.join("scenarios/demo-2010-countdown.ron"))
        .unwrap()
        .replace(
            "../assets/data/demo-area-2006-08.csv",
            "demo-area-2006-08.csv",
        );
    std::fs::write(dir.path().join("demo.ron"), text).unwrap();
    std::fs::copy(
        root.join("assets/data/demo-area-2006-08.csv"),
        dir.path().join("demo-area-2006-08.csv"),
    )
    .unwrap();
    let out_ron = dir.path().join("stretched.ron");
    Command::cargo_bin("lifegap")
        .unwrap()
        .arg("stretch")
        .arg(dir.path().join("demo.ron"))
        .args(["--reduction", "0.2", "--out"])
        .arg(&out_ron)
        .assert()
        .success();
    let out = Command::cargo_bin("lifegap")
        .unwrap()
        .arg("run")
        .arg(&out_ron)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let line = text
        .lines()
        .find(|l| l.contains("2010 PSA target (stretch: gap down 20%) (men)"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("1.52"), "{line}");
    // Outside the scenario's folder, and a reduction of 1, are refused.
    Command::cargo_bin("lifegap")
        .unwrap()
        .arg("stretch")
        .arg(dir.path().join("demo.ron"))
        .args(["--gap-years", "1.5", "--out", "/tmp/elsewhere.ron"])
        .assert()
        .code(2);
    Command::cargo_bin("lifegap")
        .unwrap()
        .arg("stretch")
        .arg(dir.path().join("demo.ron"))
        .args(["--reduction", "1"])
        .arg("--out")
        .arg(&out_ron)
        .assert()
        .code(2);
}
