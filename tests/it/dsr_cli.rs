//! `lifegap dsr` and `lifegap mortality-targets` end to end: hand-worked rates through the
//! command line, the demo scenario's targets, and located errors in a baselines file.

use crate::cli::{cell, lifegap, parse};
use crate::common::*;
use std::path::Path;

/// An area file closing at 90+ where, per 1,000 person-years, the area has 1 circulatory
/// death in every band under 75 and 10 above, and 1 other death in every band; the
/// comparator has half of each.
fn hand_file(dir: &Path) -> std::path::PathBuf {
    let mut t = String::from("area,sex,age,population,chd,other\n");
    let starts = [
        0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90,
    ];
    for (area, pop) in [("Hand", 1000), ("Ref", 2000)] {
        for s in starts {
            let circ = if s < 75 { 1 } else { 10 };
            t += &format!("{area},male,{s},{pop},{circ},1\n");
        }
    }
    let p = dir.join("hand.csv");
    std::fs::write(&p, t).unwrap();
    p
}

/// By hand (ESP 1976; 75+ weights 2,000 + 1,000 + 1,000 = 4,000): all-cause
/// (96,000·2 + 4,000·11)/100,000 per 1,000 = 236 per 100,000 for the area and 118 for the
/// comparator (half the rates): gap 118, relative gap 100%. Circulatory under 75: 100 and 50.
/// ESP 2013 (75+ weights 9,000): all-cause (91,000·2 + 9,000·11)/100 = 281.
#[test]
fn dsr_by_hand_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let file = hand_file(dir.path());
    let out = lifegap()
        .args(["dsr", "--data"])
        .arg(&file)
        .args(["--area", "Hand", "--comparator", "Ref", "--sex", "male"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("no cancer cause column"), "{stderr}");
    let rows = parse(&out.get_output().stdout);
    assert_eq!(rows.len(), 2, "all-cause and circulatory; cancer left out");
    let all = &rows[0];
    assert_eq!(all["measure"], "all-cause");
    close("area all-cause", cell(all, "area_dsr"), 236.0, 1e-9);
    close(
        "comparator all-cause",
        cell(all, "comparator_dsr"),
        118.0,
        1e-9,
    );
    close("gap", cell(all, "gap_absolute"), 118.0, 1e-9);
    close("relative gap", cell(all, "gap_relative"), 1.0, 1e-12);
    // 16 bands × 1 + 4 bands × 10 circulatory deaths, and 20 other deaths.
    assert_eq!(all["area_deaths"], "76");
    let circ = &rows[1];
    close("circulatory <75", cell(circ, "area_dsr"), 100.0, 1e-9);
    close(
        "comparator circulatory <75",
        cell(circ, "comparator_dsr"),
        50.0,
        1e-9,
    );
    assert!(cell(circ, "area_lower") < 100.0 && cell(circ, "area_upper") > 100.0);
    let out = lifegap()
        .args(["dsr", "--data"])
        .arg(&file)
        .args(["--area", "Hand", "--comparator", "Ref", "--sex", "male"])
        .args(["--standard", "esp2013", "--measure", "all-cause", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    close(
        "ESP 2013 all-cause",
        v[0]["area"]["value"].as_f64().unwrap(),
        281.0,
        1e-9,
    );
    // Asked for by name, a measure the data cannot give is an error (exit 1).
    let out = lifegap()
        .args(["dsr", "--data"])
        .arg(&file)
        .args(["--area", "Hand", "--comparator", "Ref"])
        .args(["--measure", "cancer-under-75"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("no cancer cause column"), "{stderr}");
    // A missing area is a usage error naming the areas there are.
    let out = lifegap()
        .args(["dsr", "--data"])
        .arg(&file)
        .args(["--area", "Nowhere", "--comparator", "Ref"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("Hand, Ref"), "{stderr}");
}

/// The demo scenario with the SYNTHETIC demo baselines: the required rates are the
/// baselines' straight line (men's circulatory: 220 × 0.6 = 132 at 2009-11; the gap
/// (220 − 185) × 0.6 = 21; women's cancer 120 × 0.8 = 96 with gap 15 × 0.94 = 14.1), and the
/// seed question's share is its gain over its shortfall.
#[test]
fn mortality_targets_on_the_demo() {
    let root = workspace_root();
    let scenario = root.join("scenarios/demo-2010-countdown.ron");
    let baselines = root.join("assets/data/demo-mortality-baselines-1995-97.csv");
    let out = lifegap()
        .arg("mortality-targets")
        .arg(&scenario)
        .arg("--baselines")
        .arg(&baselines)
        .assert()
        .success();
    let rows = parse(&out.get_output().stdout);
    assert_eq!(rows.len(), 6, "CVD, cancer and AAACM for each sex");
    // AAACM: the gap with England (1,000 − 872 = 128 in 1995-97) down 10%; the rate required
    // is England's projected rate plus 115.2.
    let men_all = rows
        .iter()
        .find(|r| r["measure"] == "all-cause" && r["sex"] == "male")
        .unwrap();
    close("AAACM gap", cell(men_all, "required_gap"), 115.2, 1e-9);
    close(
        "AAACM rate",
        cell(men_all, "required_rate"),
        cell(men_all, "comparator_rate") + 115.2,
        1e-9,
    );
    let men_cvd = rows
        .iter()
        .find(|r| r["measure"] == "circulatory-under-75" && r["sex"] == "male")
        .unwrap();
    close("required", cell(men_cvd, "required_rate"), 132.0, 1e-9);
    close("required gap", cell(men_cvd, "required_gap"), 21.0, 1e-9);
    // Each programme's effect is a reduction: never negative, and the statins lower CVD.
    assert!(cell(men_cvd, "effect_statins_secondary") > 0.0);
    let women_cancer = rows
        .iter()
        .find(|r| r["measure"] == "cancer-under-75" && r["sex"] == "female")
        .unwrap();
    close("required", cell(women_cancer, "required_rate"), 96.0, 1e-9);
    close(
        "required gap",
        cell(women_cancer, "required_gap"),
        14.1,
        1e-9,
    );
    assert_eq!(cell(women_cancer, "effect_statins_primary"), 0.0);
    let out = lifegap()
        .arg("mortality-targets")
        .arg(&scenario)
        .arg("--baselines")
        .arg(&baselines)
        .args(["--table", "life-expectancy"])
        .assert()
        .success();
    let le = parse(&out.get_output().stdout);
    assert_eq!(le.len(), 4, "one row per life expectancy milestone");
    for r in &le {
        let gain = cell(r, "gain");
        assert!(gain > 0.0);
        close(
            "gain",
            cell(r, "e0_targets_met") - cell(r, "e0_without"),
            gain,
            1e-12,
        );
        close(
            "share",
            cell(r, "share_of_target"),
            gain / cell(r, "shortfall"),
            1e-12,
        );
    }
}

#[test]
fn a_bad_baselines_file_gives_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("b.csv");
    std::fs::write(
        &b,
        "measure,sex,period,area,comparator
circulatory-under-75,male,1995-97,=1+1,185
",
    )
    .unwrap();
    let out = lifegap()
        .arg("mortality-targets")
        .arg(workspace_root().join("scenarios/demo-2010-countdown.ron"))
        .arg("--baselines")
        .arg(&b)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("b.csv:2:4 (area): error [not-a-number]"),
        "{stderr}"
    );
}

/// A broken area file is reported as the other data commands report it: located problems,
/// and the valid groups still computed (exit 1).
#[test]
fn dsr_reports_located_data_problems() {
    let dir = tempfile::tempdir().unwrap();
    let file = hand_file(dir.path());
    let text = std::fs::read_to_string(&file).unwrap().replacen(
        "Ref,male,20,2000,1,1",
        "Ref,male,20,2000,x,1",
        1,
    );
    std::fs::write(&file, text).unwrap();
    let out = lifegap()
        .args(["dsr", "--data"])
        .arg(&file)
        .args(["--area", "Hand", "--comparator", "Ref"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("hand.csv:"), "{stderr}");
    assert!(stderr.contains("[not-a-number]"), "{stderr}");
}
