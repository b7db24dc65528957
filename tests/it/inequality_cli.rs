//! build-data, sii, ward-le, gap within an area and run-all through the command line.

use crate::cli::{lifegap, parse};
use crate::common::*;
use std::path::{Path, PathBuf};

fn asset(name: &str) -> PathBuf {
    workspace_root().join("assets/data").join(name)
}

/// Build the demo inputs `--by by` into `dir`.
fn build(dir: &Path, by: &str) -> PathBuf {
    let out = dir.join(format!("{by}.csv"));
    lifegap()
        .args(["build-data", "--deaths"])
        .arg(asset("demo-deaths-2006-08.csv"))
        .arg("--population")
        .arg(asset("demo-population-2006-08.csv"))
        .arg("--lookup")
        .arg(asset("demo-lookup.csv"))
        .args(["--years", "2006-2008", "--by", by, "--out"])
        .arg(&out)
        .assert()
        .success();
    out
}

#[test]
fn build_data_rebuilds_the_demo_rows() {
    let dir = tempfile::tempdir().unwrap();
    let out = build(dir.path(), "area");
    let demo = std::fs::read_to_string(asset("demo-area-2006-08.csv")).unwrap();
    let built = std::fs::read_to_string(&out).unwrap();
    let rows = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with("Demoborough,"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(rows(&built), rows(&demo));
    assert!(built.contains("# synthetic: true") && built.contains("# period: 2006-08"));
    assert!(built.contains("6534 rows, 6534 used, 0 refused, 0 outside the years"));
}

#[test]
fn refused_rows_stop_the_build_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let mut deaths = std::fs::read_to_string(asset("demo-deaths-2006-08.csv")).unwrap();
    deaths += "2007-06-30,2007-06-31,64,1,I21.9,DEMOL001\n2007-06-30,64,1,I21.9,DEMOL001\n";
    let bad = dir.path().join("deaths.csv");
    std::fs::write(&bad, &deaths).unwrap();
    let line = deaths.lines().count() - 1;
    let out = dir.path().join("area.csv");
    let cmd = |allow: bool| {
        let mut c = lifegap();
        c.args(["build-data", "--deaths"])
            .arg(&bad)
            .arg("--population")
            .arg(asset("demo-population-2006-08.csv"))
            .arg("--lookup")
            .arg(asset("demo-lookup.csv"))
            .args(["--years", "2006-08", "--out"])
            .arg(&out);
        if allow {
            c.arg("--allow-refused");
        }
        c
    };
    let a = cmd(false).assert().code(1);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(
        err.contains(&format!(
            "deaths.csv:{line}:2 (date_of_registration): error [invalid-date]"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("deaths.csv:{}: error [row-length]", line + 1)),
        "{err}"
    );
    assert!(err.contains("2 row(s) refused"), "{err}");
    assert!(err.contains("nothing written"), "{err}");
    assert!(!out.exists());
    cmd(true).assert().success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("6536 rows, 6534 used, 2 refused"), "{text}");
}

/// The within-area gap: most against least deprived fifth, by cause; its causes add up to
/// e₀(Q5) − e₀(Q1) from the life tables of the same file.
#[test]
fn gap_between_deprivation_fifths() {
    let dir = tempfile::tempdir().unwrap();
    let q = build(dir.path(), "deprivation-quintile");
    let e0 = |area: &str| {
        let a = lifegap()
            .args(["life-table", "--data"])
            .arg(&q)
            .args(["--area", area, "--sex", "male"])
            .assert()
            .success();
        parse(&a.get_output().stdout)[0]["e"]
            .parse::<f64>()
            .unwrap()
    };
    let a = lifegap()
        .args(["gap", "--data"])
        .arg(&q)
        .args([
            "--area",
            "Q1",
            "--comparator",
            "Q5",
            "--sex",
            "male",
            "--by",
            "cause",
        ])
        .assert()
        .success();
    let out = String::from_utf8_lossy(&a.get_output().stdout).to_string();
    let all = out.lines().find(|l| l.starts_with("all,")).unwrap();
    let total: f64 = all.rsplit(',').next().unwrap().parse().unwrap();
    let want = e0("Q5") - e0("Q1");
    assert!((total - want).abs() < 1e-9, "{total} vs {want}");
    assert!(
        want > 5.0,
        "the synthetic gradient gives a gap of several years: {want}"
    );
}

#[test]
fn sii_across_deciles() {
    let dir = tempfile::tempdir().unwrap();
    let d = build(dir.path(), "deprivation-decile");
    let a = lifegap()
        .args(["sii", "--data"])
        .arg(&d)
        .args(["--repetitions", "20000"])
        .assert()
        .success();
    let rows = parse(&a.get_output().stdout);
    assert_eq!(rows.len(), 2);
    for r in &rows {
        let (s, lo, hi) = (f(r, "sii"), f(r, "lower"), f(r, "upper"));
        assert!(lo < s && s < hi, "{r:?}");
        assert!(s > 5.0 && s < 20.0, "{r:?}");
        assert_eq!(r["groups"], "D1 D2 D3 D4 D5 D6 D7 D8 D9 D10");
    }
    // A file without deprivation groups is a usage error that says what to do.
    let a = lifegap()
        .args(["sii", "--data"])
        .arg(asset("demo-area-2006-08.csv"))
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&a.get_output().stderr).contains("--by deprivation-decile"));
}

#[test]
fn ward_le_ranks_and_flags_small_groups() {
    let dir = tempfile::tempdir().unwrap();
    // Ward-sized synthetic areas: 0.006 of Demoborough is under 5,000 person-years a sex.
    let f_ = dir.path().join("small.csv");
    lifegap()
        .args(["demo-data", "--out"])
        .arg(&f_)
        .args(["--many-areas", "3", "--area-scale", "0.006"])
        .assert()
        .success();
    let a = lifegap()
        .args(["ward-le", "--data"])
        .arg(&f_)
        .args(["--sex", "female"])
        .assert()
        .success();
    let rows = parse(&a.get_output().stdout);
    let small: Vec<_> = rows
        .iter()
        .filter(|r| r["area"].starts_with("Area"))
        .collect();
    assert_eq!(small.len(), 3);
    for r in small {
        assert_eq!(r["small"], "under 5,000 person-years");
        assert_eq!(r["status"], "not computed");
        assert!(r["reason"].contains("5,000 or fewer"), "{r:?}");
        assert_eq!(r["rank"], "");
    }
    let ranked: Vec<f64> = rows
        .iter()
        .filter(|r| !r["rank"].is_empty())
        .map(|r| f(r, "e0"))
        .collect();
    assert_eq!(ranked.len(), 2);
    assert!(ranked[0] >= ranked[1]);
}

#[test]
fn run_all_writes_a_safe_league_table() {
    let dir = tempfile::tempdir().unwrap();
    let many = dir.path().join("many.csv");
    lifegap()
        .args(["demo-data", "--out"])
        .arg(&many)
        .args(["--many-areas", "3"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&many)
        .unwrap()
        .replace("Area 0001,", "<script>alert(1)</script>,")
        .replace("Area 0002,", "=HYPERLINK(\"x\"),");
    std::fs::write(&many, text).unwrap();
    let out = dir.path().join("league");
    lifegap()
        .arg("run-all")
        .arg(workspace_root().join("scenarios/demo-2010-countdown.ron"))
        .arg("--data")
        .arg(&many)
        .arg("--out")
        .arg(&out)
        .args(["--draws", "20", "--as-of", "2009-04-01"])
        .assert()
        .success();
    let html = std::fs::read_to_string(out.join("league.html")).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>"));
    let rows = parse(&std::fs::read(out.join("league.csv")).unwrap());
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().any(|r| r["area"] == "'=HYPERLINK(\"x\")"));
    let demo = rows.iter().find(|r| r["area"] == "Demoborough").unwrap();
    assert_eq!(demo["adapted"], "false");
    // Demoborough's row is what `lifegap run` gives the template.
    let run = lifegap()
        .arg("run")
        .arg(workspace_root().join("scenarios/demo-2010-countdown.ron"))
        .args(["--json", "--draws", "0", "--as-of", "2009-04-01"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&run.get_output().stdout).unwrap();
    let men = v["projection"]["sexes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sex"] == "male")
        .unwrap();
    assert_eq!(
        demo["gap_men"].parse::<f64>().unwrap(),
        men["base_gap"].as_f64().unwrap()
    );
}

/// `lifegap within`: the demo scenario's programmes targeted at the most deprived fifth,
/// its 10% gap-reduction milestones on the gap within the area. Hand-checked: the required
/// gap is 90% of the base gap e₀(Q5) − e₀(Q1) that `lifegap life-table` gives for the two
/// groups; the breakdown by cause sums to the gap; only the named programme is delivered;
/// the saved scenario runs through `lifegap run` with the same milestones.
#[test]
fn within_targets_programmes_at_the_most_deprived_fifth() {
    let dir = tempfile::tempdir().unwrap();
    let groups = build(dir.path(), "deprivation-quintile");
    let saved = dir.path().join("within.ron");
    let demo = workspace_root().join("scenarios/demo-2010-countdown.ron");
    let out = lifegap()
        .arg("within")
        .arg(&demo)
        .arg("--groups")
        .arg(&groups)
        .args([
            "--programme",
            "statins_secondary",
            "--as-of",
            "2009-04-01",
            "--json",
            "--save",
        ])
        .arg(&saved)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["scenario"]["area"], "Q1");
    assert_eq!(v["scenario"]["comparator"], "Q5");
    let on: Vec<&str> = v["scenario"]["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["enabled"] == true)
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(on, ["statins_secondary"]);
    // What it adds to the whole area: something, but less than it adds to Q1 itself.
    let gains = v["area_gain"].as_array().unwrap();
    assert_eq!(gains.len(), 2);
    for g in gains {
        assert!(g["gain"].as_f64().unwrap() > 0.0);
    }
    // e0 of each group from the life-table command.
    let e0 = |g: &str, sex: &str| -> f64 {
        let o = lifegap()
            .args(["life-table", "--data"])
            .arg(&groups)
            .args(["--area", g, "--sex", sex])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let rows = parse(&o);
        rows[0]["e"].parse().unwrap()
    };
    for d in v["decomposition"].as_array().unwrap() {
        let gap = d["e0_comparator"].as_f64().unwrap() - d["e0_local"].as_f64().unwrap();
        let by_cause: f64 = d["by_age_cause"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|b| b.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()))
            .sum();
        assert!((by_cause - gap).abs() < 1e-6, "{by_cause} vs {gap}");
    }
    let ms = v["results"]["milestones"].as_array().unwrap();
    assert_eq!(ms.len(), 2);
    for m in ms {
        let r = &m["result"];
        let sex = r["sex"].as_str().unwrap();
        let gap = e0("Q5", sex) - e0("Q1", sex);
        assert!((r["baseline_value"].as_f64().unwrap() - gap).abs() < 1e-6);
        assert!((r["required"].as_f64().unwrap() - 0.9 * gap).abs() < 1e-6);
        assert!(r["with"].as_f64().unwrap() < r["without"].as_f64().unwrap());
    }
    // The saved scenario is an ordinary one: `run` reads it (data beside it) and agrees.
    let run = lifegap()
        .arg("run")
        .arg(&saved)
        .args(["--as-of", "2009-04-01", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let r: serde_json::Value = serde_json::from_slice(&run).unwrap();
    for (a, b) in r["milestones"].as_array().unwrap().iter().zip(ms) {
        assert_eq!(a["result"]["with"], b["result"]["with"]);
    }
    // Saving away from the group file is refused (a scenario reads data only beside it).
    let other = tempfile::tempdir().unwrap();
    lifegap()
        .arg("within")
        .arg(&demo)
        .arg("--groups")
        .arg(&groups)
        .arg("--save")
        .arg(other.path().join("w.ron"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "save the scenario beside the group file",
        ));
}

/// `lifegap report --groups`: the pack gains the page on the gap within the area, with the
/// milestones `lifegap within` judges (required gap to two decimals, status) and each
/// group's life expectancy.
#[test]
fn report_with_groups_has_the_within_area_page() {
    let dir = tempfile::tempdir().unwrap();
    let groups = build(dir.path(), "deprivation-quintile");
    let demo = workspace_root().join("scenarios/demo-2010-countdown.ron");
    let pack = dir.path().join("pack.html");
    lifegap()
        .arg("report")
        .arg(&demo)
        .arg("--groups")
        .arg(&groups)
        .args(["--as-of", "2009-04-01", "--out"])
        .arg(&pack)
        .assert()
        .success();
    let html = std::fs::read_to_string(&pack).unwrap();
    let at = html
        .find("<section id=\"within-area\">")
        .expect("the within-area page");
    let page = &html[at..at + html[at..].find("</section>").unwrap()];
    assert!(page.contains("The gap within Demoborough: Q1 against Q5"));
    let out = lifegap()
        .arg("within")
        .arg(&demo)
        .arg("--groups")
        .arg(&groups)
        .args(["--as-of", "2009-04-01", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    for m in v["results"]["milestones"].as_array().unwrap() {
        let r = &m["result"];
        let row = format!(
            "<tr><td>{}</td><td>2009-11</td><td class=\"num\">{}</td>",
            r["label"].as_str().unwrap(),
            lifegap_report::format::life_time(r["required"].as_f64().unwrap())
        );
        assert!(page.contains(&row), "{row}");
    }
    for d in v["decomposition"].as_array().unwrap() {
        let e = format!(
            "({:.1} against {:.1})",
            d["e0_local"].as_f64().unwrap(),
            d["e0_comparator"].as_f64().unwrap()
        );
        assert!(page.contains(&e), "{e}");
    }
    // The SII across the five fifths as `lifegap sii` prints it, and its milestone's status
    // as `lifegap sii-target --targeted Q1` judges it.
    let sii = lifegap()
        .args(["sii", "--sex", "male", "--data"])
        .arg(&groups)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let sii = parse(&sii);
    let f = |k: &str| sii[0][k].parse::<f64>().unwrap();
    let cell = format!(
        "<td>Men, across 5 groups</td><td class=\"num\">{:.1} ({:.1} to {:.1})</td>",
        f("sii"),
        f("lower"),
        f("upper")
    );
    assert!(page.contains(&cell), "{cell}");
    let target = lifegap()
        .arg("sii-target")
        .arg(&demo)
        .arg("--data")
        .arg(&groups)
        .args(["--sex", "male", "--targeted", "Q1", "--as-of", "2009-04-01"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let target = parse(&target);
    assert!(page.contains(&format!("{}</span></td></tr>", target[0]["status"])));
    assert!(page.contains(&format!(
        "<td>{} (programmes in Q1)</td>",
        target[0]["milestone"]
    )));
}

/// `lifegap sii-target`: the SII milestone's baseline is the SII `lifegap sii` prints for the
/// same deciles; the required value is 90% of it; with no targeted decile nothing closes it
/// (off track), and programmes in D1 and D2 narrow it.
#[test]
fn sii_target_counts_down_on_the_slope_index() {
    let dir = tempfile::tempdir().unwrap();
    let deciles = build(dir.path(), "deprivation-decile");
    let demo = workspace_root().join("scenarios/demo-2010-countdown.ron");
    let sii = lifegap()
        .args(["sii", "--repetitions", "1000", "--data"])
        .arg(&deciles)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let sii = parse(&sii);
    let run = |targeted: &str| {
        let out = lifegap()
            .arg("sii-target")
            .arg(&demo)
            .arg("--data")
            .arg(&deciles)
            .args(["--as-of", "2009-04-01", "--period", "2009-11"])
            .args(if targeted.is_empty() {
                vec![]
            } else {
                vec!["--targeted", targeted]
            })
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        parse(&out)
    };
    let none = run("");
    let some = run("D1,D2");
    assert_eq!(none.len(), 2);
    for (row, s) in none.iter().zip(&sii) {
        assert_eq!(row["sex"], s["sex"]);
        let f = |k: &str| row[k].parse::<f64>().unwrap();
        assert_eq!(f("baseline_sii"), s["sii"].parse::<f64>().unwrap());
        assert!((f("required") - 0.9 * f("baseline_sii")).abs() < 1e-9);
        assert_eq!(f("with"), f("without"));
        assert_eq!(row["status"], "off track");
        assert_eq!(row["months_left"], "32");
    }
    for (a, b) in none.iter().zip(&some) {
        assert_eq!(b["targeted"], "D1 D2");
        assert!(b["with"].parse::<f64>().unwrap() < a["with"].parse::<f64>().unwrap());
    }
}
