//! `lifegap monitor` end to end: the plan it monitors is the delivery countdown `lifegap run`
//! writes, partners get their action-plan share, and bad actuals give located errors.

use crate::cli::{cell, parse};
use crate::common::*;
use assert_cmd::Command;
use std::collections::HashMap;

#[test]
fn monitor_follows_the_plan_lifegap_run_writes() {
    let root = workspace_root();
    let scenario = root.join("scenarios/demo-2010-countdown.ron");
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("lifegap")
        .unwrap()
        .arg("run")
        .arg(&scenario)
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success();
    let delivery = csv::Reader::from_path(dir.path().join("delivery.csv"))
        .unwrap()
        .into_records()
        .map(|r| r.unwrap())
        .filter(|r| &r[0] == "2010 PSA target" && &r[1] == "male")
        .map(|r| {
            (
                (r[2].to_string(), r[3].to_string()),
                r[5].parse::<f64>().unwrap(),
            )
        })
        .collect::<HashMap<_, _>>();
    let actuals = dir.path().join("a.csv");
    std::fs::write(
        &actuals,
        "programme,partner,quarter,people\n\
         statins_primary,Practice-based commissioning hub (North),2009 Q1,31\n\
         statins_primary,Practice-based commissioning hub (North),2009 Q2,30\n\
         statins_primary,Community pharmacy (Borough-wide),2009 Q2,14\n",
    )
    .unwrap();
    let out = Command::cargo_bin("lifegap")
        .unwrap()
        .arg("monitor")
        .arg(&scenario)
        .arg("--actuals")
        .arg(&actuals)
        .assert()
        .success();
    let rows = parse(&out.get_output().stdout);
    // The programme and its three partners; other programmes have no actuals: left out.
    assert_eq!(rows.len(), 4);
    let plan_q2 = delivery[&("statins_primary".to_string(), "2009 Q2".to_string())];
    let all = &rows[0];
    assert_eq!(all["partner"], "all");
    assert_eq!(all["to_date"], "2009 Q2");
    close("plan to date", cell(all, "plan_to_date"), plan_q2, 1e-9);
    close("actual", cell(all, "actual_to_date"), 75.0, 0.0);
    close("variance", cell(all, "variance"), 75.0 - plan_q2, 1e-9);
    let share = 75.0 / plan_q2;
    let rag = if share >= 0.95 {
        "green"
    } else if share >= 0.85 {
        "amber"
    } else {
        "red"
    };
    assert_eq!(all["rag"], rag);
    close(
        "actual + plan thereafter",
        cell(all, "forecast_plan_thereafter"),
        75.0 + cell(all, "plan_end") - plan_q2,
        1e-9,
    );
    // The North hub has 40% of the plan (the demo's action plan).
    let north = &rows[1];
    assert_eq!(north["partner"], "Practice-based commissioning hub (North)");
    close(
        "partner plan",
        cell(north, "plan_to_date"),
        0.4 * plan_q2,
        1e-9,
    );
    close("partner actual", cell(north, "actual_to_date"), 61.0, 0.0);
    // The South hub reported nothing: zero against its plan, red.
    let south = &rows[2];
    close("south actual", cell(south, "actual_to_date"), 0.0, 0.0);
    assert_eq!(south["rag"], "red");
    assert!(
        !south["actual_to_date"].starts_with('-'),
        "no negative zero"
    );
}

#[test]
fn bad_actuals_give_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let actuals = dir.path().join("a.csv");
    std::fs::write(
        &actuals,
        "programme,partner,quarter,people\nstatins_primary,Nobody,2009 Q1,3\nstatins_primary,Community pharmacy,2009 Q9,3\n",
    )
    .unwrap();
    let out = Command::cargo_bin("lifegap")
        .unwrap()
        .arg("monitor")
        .arg(workspace_root().join("scenarios/demo-2010-countdown.ron"))
        .arg("--actuals")
        .arg(&actuals)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("a.csv:2:2 (partner): error [unknown-value]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("a.csv:3:3 (quarter): error [unknown-value]"),
        "{stderr}"
    );
}
