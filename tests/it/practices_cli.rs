//! `lifegap practices` end to end on a hand-worked list, and located errors.

use crate::common::*;
use assert_cmd::Command;

/// Four practices with rates 0.5, 0.6, 0.7 and 0.8 on registers of 100 (hubs North: A, B;
/// South: C, D). Raised to the 75th percentile (0.725, type 7): A +22.5, B +12.5, C +2.5 =
/// 37.5 people, North 35 and South 2.5; deaths are the programme's deaths per extra person at the margin
/// times these.
#[test]
fn practices_by_hand_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("p.csv");
    std::fs::write(
        &list,
        "code,name,hub,list_size,register,achieving,exceptions\n\
         A,Alpha,North,1000,100,50,10\n\
         B,Beta,North,1000,100,60,0\n\
         C,Gamma,South,1000,100,70,20\n\
         D,Delta,South,1000,100,80,5\n",
    )
    .unwrap();
    let out = Command::cargo_bin("lifegap")
        .unwrap()
        .arg("practices")
        .arg(workspace_root().join("scenarios/demo-2010-countdown.ron"))
        .arg("--data")
        .arg(&list)
        .args([
            "--programme",
            "blood_pressure",
            "--raise-to",
            "p75",
            "--json",
        ])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let per = v["deaths_per_extra_person_per_year"].as_f64().unwrap();
    // The margin of the plan, as the model gives it.
    let loaded = lifegap_core::scenario_file::load(
        &workspace_root().join("scenarios/demo-2010-countdown.ron"),
    )
    .unwrap();
    let s = &loaded.scenario;
    let sim = lifegap_core::model::projection::Simulator::new(s, &loaded.data).unwrap();
    let margin = lifegap_core::model::marginal::deaths_per_extra_person(
        &sim,
        s,
        &lifegap_core::model::projection::central_settings(s),
        "blood_pressure",
        s.milestones[0].period,
    )
    .unwrap();
    assert!(per > 0.0);
    close("deaths per extra person", per, margin, 1e-15);
    let a = &v["analysis"];
    close("threshold", a["threshold"].as_f64().unwrap(), 0.725, 1e-12);
    close("pooled", a["p0"].as_f64().unwrap(), 0.65, 1e-12);
    close("extra", a["extra_people"].as_f64().unwrap(), 37.5, 1e-9);
    close(
        "deaths",
        a["deaths_postponed"].as_f64().unwrap(),
        37.5 * per,
        1e-12,
    );
    let extra: Vec<f64> = a["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["extra_people"].as_f64().unwrap())
        .collect();
    for (got, want) in extra.iter().zip([22.5, 12.5, 2.5, 0.0]) {
        close("practice extra", *got, want, 1e-9);
    }
    close(
        "North",
        a["hubs"][0]["extra_people"].as_f64().unwrap(),
        35.0,
        1e-9,
    );
    close(
        "South",
        a["hubs"][1]["extra_people"].as_f64().unwrap(),
        2.5,
        1e-9,
    );
    assert_eq!(a["rows"][3]["rank"], 1);
    // A bad list is refused with located errors; a bad --raise-to is a usage error.
    std::fs::write(
        &list,
        "code,name,hub,list_size,register,achieving,exceptions\nA,Alpha,North,1000,100,95,10\n",
    )
    .unwrap();
    let out = Command::cargo_bin("lifegap")
        .unwrap()
        .arg("practices")
        .arg(workspace_root().join("scenarios/demo-2010-countdown.ron"))
        .arg("--data")
        .arg(&list)
        .args(["--programme", "blood_pressure"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("p.csv:2:6 (achieving): error [out-of-range]"),
        "{stderr}"
    );
    Command::cargo_bin("lifegap")
        .unwrap()
        .arg("practices")
        .arg(workspace_root().join("scenarios/demo-2010-countdown.ron"))
        .arg("--data")
        .arg(&list)
        .args(["--programme", "blood_pressure", "--raise-to", "p100"])
        .assert()
        .code(2);
}
