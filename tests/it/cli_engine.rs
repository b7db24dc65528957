//! The CLI reproduces the reference vectors, and bad files give complete, located errors.

use crate::cli::{lifegap, parse};
use crate::common::*;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn life_table_reproduces_the_phe_example() {
    let (input, expected) = (
        read("phe_le_example_input.csv"),
        read("phe_le_example_expected.csv"),
    );
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("area,sex,age,population,all_causes\n");
    for r in &input {
        text += &format!(
            "Example,female,{},{},{}\n",
            r["startage"], r["pops"], r["deaths"]
        );
    }
    let file = write(dir.path(), "phe.csv", &text);
    let out = lifegap()
        .args(["life-table", "--data"])
        .arg(&file)
        .args(["--area", "Example", "--sex", "female", "--z", "1.96"])
        .assert()
        .success();
    let rows = parse(&out.get_output().stdout);
    assert_eq!(rows.len(), 20);
    let cols: Vec<&str> = "age,n,a,m,q,l,d,L,T,e,se,lower,upper".split(',').collect();
    for c in &cols {
        assert!(rows[0].contains_key(*c), "missing column {c}");
    }
    for (r, w) in rows.iter().zip(&expected) {
        close("e", f(r, "e"), f(w, "value"), 1e-6);
        close("lower", f(r, "lower"), f(w, "lowercl"), 1e-6);
        close("upper", f(r, "upper"), f(w, "uppercl"), 1e-6);
    }
}

#[test]
fn life_table_batch_matches_every_synthetic_group_at_99_8_percent() {
    let expected = read("synthetic_gap_expected_le.csv");
    let dir = tempfile::tempdir().unwrap();
    let file = synthetic_gap_as_wide(dir.path());
    let out = lifegap()
        .args(["life-table", "--data"])
        .arg(&file)
        .args(["--confidence", "0.998"])
        .assert()
        .success();
    let rows = parse(&out.get_output().stdout);
    assert_eq!(rows.len(), 40);
    for w in &expected {
        let r = rows
            .iter()
            .find(|r| r["area"] == w["area"] && r["age"] == w["startage"])
            .unwrap();
        assert_eq!(r["sex"], "female");
        close("e", f(r, "e"), f(w, "value"), 1e-6);
        close("lower 99.8", f(r, "lower"), f(w, "lower99_8cl"), 1e-4);
        close("upper 99.8", f(r, "upper"), f(w, "upper99_8cl"), 1e-4);
    }
}

#[test]
fn life_table_suppresses_wide_intervals_and_reports_invalid_areas() {
    let (input, expected) = (
        read("phe_le_widecis_input.csv"),
        read("phe_le_widecis_expected.csv"),
    );
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("area,sex,age,population,all_causes\n");
    for r in &input {
        text += &format!(
            "{},male,{},{},{}\n",
            r["area"], r["startage"], r["pops"], r["deaths"]
        );
    }
    let file = write(dir.path(), "wide.csv", &text);
    // Area 1 has more deaths than people at 90+: the row is rejected with its location, the
    // valid area is still printed, and the exit code says the input was bad.
    let out = lifegap()
        .args(["life-table", "--data"])
        .arg(&file)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("wide.csv:41:4 (population): error [deaths-exceed-population]"),
        "{stderr}"
    );
    let rows = parse(&out.get_output().stdout);
    assert_eq!(rows.len(), 20);
    let want: Vec<_> = expected.iter().filter(|r| r["area"] == "Area 2").collect();
    for (r, w) in rows.iter().zip(&want) {
        assert_eq!(r["area"], "Area 2");
        assert_eq!(
            num(r, "e").is_none(),
            num(w, "value").is_none(),
            "suppression at {}",
            r["age"]
        );
        if let Some(v) = num(w, "value") {
            close("e", f(r, "e"), v, 1e-6);
        }
        close("lower", f(r, "lower"), f(w, "lower95_0cl"), 1e-4);
        close("upper", f(r, "upper"), f(w, "upper95_0cl"), 1e-4);
    }
    assert!(stderr.contains("suppressed"));
}

#[test]
fn gap_reproduces_the_arriaga_vectors() {
    let expected = read("synthetic_gap_expected_arriaga.csv");
    let dir = tempfile::tempdir().unwrap();
    let file = synthetic_gap_as_wide(dir.path());
    let out = lifegap()
        .args(["gap", "--data"])
        .arg(&file)
        .args([
            "--area",
            "local",
            "--comparator",
            "comparator",
            "--sex",
            "female",
        ])
        .assert()
        .success();
    let rows = parse(&out.get_output().stdout);
    assert_eq!(rows.len(), 21);
    for (r, w) in rows.iter().zip(&expected) {
        for c in [
            "direct",
            "indirect",
            "total",
            "circulatory",
            "cancer",
            "respiratory",
            "other",
        ] {
            close(c, f(r, c), f(w, c), 1e-9);
        }
    }
    let all = &rows[20];
    assert_eq!(all["age"], "all");
    close("gap", f(all, "total"), 3.0530328294615, 1e-9);
    // By cause only.
    let out = lifegap()
        .args(["gap", "--data"])
        .arg(&file)
        .args([
            "--area",
            "local",
            "--comparator",
            "comparator",
            "--sex",
            "f",
            "--by",
            "cause",
        ])
        .assert()
        .success();
    let rows = parse(&out.get_output().stdout);
    let sum: f64 = rows[..4].iter().map(|r| f(r, "contribution")).sum();
    close("causes sum", sum, 3.0530328294615, 1e-9);
}

#[test]
fn delete_cause_reproduces_rate_and_chiang_vectors() {
    let (rate, reduced, chiang) = (
        read("synthetic_cause_deleted_rate_method_expected.csv"),
        read("synthetic_cause_reduced_expected.csv"),
        read("synthetic_cause_deleted_chiang_asdlt_DERIVED.csv"),
    );
    let dir = tempfile::tempdir().unwrap();
    let file = synthetic_gap_as_wide(dir.path());
    for cause in SYNTHETIC_CAUSES {
        let want: Vec<_> = rate
            .iter()
            .filter(|r| r["deleted_cause"] == cause)
            .collect();
        if !want.is_empty() {
            let out = lifegap()
                .args(["delete-cause", "--data"])
                .arg(&file)
                .args(["--area", "local", "--sex", "female", "--cause", cause])
                .assert()
                .success();
            let rows = parse(&out.get_output().stdout);
            for (r, w) in rows.iter().zip(&want) {
                close("e", f(r, "e"), f(w, "value"), 1e-6);
                close("lower", f(r, "lower"), f(w, "lower95_0cl"), 1e-4);
                close("gain", f(r, "gain"), f(r, "e") - f(r, "e_before"), 1e-12);
            }
        }
        let want: Vec<_> = chiang
            .iter()
            .filter(|r| r["deleted_cause"] == cause)
            .collect();
        if !want.is_empty() {
            let out = lifegap()
                .args(["delete-cause", "--data"])
                .arg(&file)
                .args([
                    "--area", "local", "--sex", "female", "--cause", cause, "--method", "chiang",
                ])
                .assert()
                .success();
            let rows = parse(&out.get_output().stdout);
            for (r, w) in rows.iter().zip(&want) {
                close("e (Chiang)", f(r, "e"), f(w, "e_minus_i_asdlt"), 1e-9);
                close("a (Chiang)", f(r, "a"), f(w, "a_minus_i_years"), 1e-9);
            }
        }
    }
    let out = lifegap()
        .args(["delete-cause", "--data"])
        .arg(&file)
        .args([
            "--area",
            "local",
            "--sex",
            "female",
            "--cause",
            "circulatory",
            "--fraction",
            "0.2",
            "--ages",
            "0-74",
            "--confidence",
            "0.998",
        ])
        .assert()
        .success();
    let rows = parse(&out.get_output().stdout);
    for (r, w) in rows.iter().zip(&reduced) {
        close("e", f(r, "e"), f(w, "value"), 1e-6);
        close("lower 99.8", f(r, "lower"), f(w, "lower99_8cl"), 1e-4);
    }
}

#[test]
fn long_format_gives_the_same_tables_as_wide() {
    let input = read("synthetic_gap_inputs.csv");
    let dir = tempfile::tempdir().unwrap();
    let wide = synthetic_gap_as_wide(dir.path());
    let mut deaths = String::from("area,sex,age,cause,deaths\n");
    let mut pops = String::from("area,sex,age,population\n");
    for r in &input {
        pops += &format!("{},2,{},{}\n", r["area"], r["startage"], r["population"]);
        for c in SYNTHETIC_CAUSES {
            let v = &r[&format!("deaths_{c}")];
            if v != "0" {
                deaths += &format!("{},F,{},{},{}\n", r["area"], r["startage"], c, v);
            }
        }
    }
    let d = write(dir.path(), "deaths.csv", &deaths);
    let p = write(dir.path(), "pops.csv", &pops);
    let long = lifegap()
        .args(["gap", "--data"])
        .arg(&d)
        .arg("--population")
        .arg(&p)
        .args([
            "--area",
            "local",
            "--comparator",
            "comparator",
            "--sex",
            "female",
        ])
        .assert()
        .success();
    let wide = lifegap()
        .args(["gap", "--data"])
        .arg(&wide)
        .args([
            "--area",
            "local",
            "--comparator",
            "comparator",
            "--sex",
            "female",
        ])
        .assert()
        .success();
    let (l, w) = (
        parse(&long.get_output().stdout),
        parse(&wide.get_output().stdout),
    );
    for (a, b) in l.iter().zip(&w) {
        close("total", f(a, "total"), f(b, "total"), 1e-12);
        for c in SYNTHETIC_CAUSES {
            close(c, f(a, c), f(b, c), 1e-12);
        }
    }
    // Without --population the long file is refused with a clear message.
    lifegap()
        .arg("validate")
        .arg(&d)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("--population"));
}

/// A small valid wide file body for the bad-input tests (one area, one sex).
fn good_rows(area: &str, sex: &str) -> String {
    let ages = [
        0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90,
    ];
    ages.iter()
        .map(|a| {
            let d = 1.0 + (*a as f64) * 0.5;
            format!("{area},{sex},{a},10000,{d},{d}\n")
        })
        .collect()
}

#[test]
fn every_problem_in_a_bad_file_is_reported_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("area,sex,age,population,chd,other\n");
    text += &good_rows("Good", "male");
    let mut bad = good_rows("Bad", "female");
    bad = bad.replace("Bad,female,5,10000,3.5,3.5", "Bad,female,5,-3,3.5,3.5"); // population ≤ 0 (line 24)
    bad = bad.replace("Bad,female,10,10000,6,6", "Bad,female,10,10000,six,6"); // not a number (line 25)
    bad = bad.replace(
        "Bad,female,15,10000,8.5,8.5",
        "Bad,female,15,10000,-8.5,8.5",
    ); // negative (line 26)
    bad = bad.replace("Bad,female,20,10000,11,11", "Bad,female,20,10,11,11"); // deaths > population (27)
    bad = bad.replace("Bad,female,25,10000,13.5,13.5\n", ""); // missing band
    text += &bad;
    text += "Bad,female,30,10000,1,1\n"; // duplicate of age 30 (line 41)
    text += "Other,x,0,10000,1,1\n"; // unknown sex (line 42)
    text += "Other,male,3,10000,1,1\n"; // not a band start (line 43)
    text += "Other,male,0,10000,1\n"; // row length (line 44)
    let file = write(dir.path(), "bad.csv", &text);
    let out = lifegap().arg("validate").arg(&file).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    for want in [
        "bad.csv:24:4 (population): error [population-not-positive]",
        "bad.csv:25:5 (chd): error [not-a-number]",
        "bad.csv:26:5 (chd): error [negative]",
        "bad.csv:27:4 (population): error [deaths-exceed-population]",
        "error [missing-band]: area 'Bad', female has no row for age band(s) 25",
        "bad.csv:41:3 (age): error [duplicate-row]",
        "bad.csv:42:2 (sex): error [unknown-sex]",
        "bad.csv:43:3 (age): error [unknown-age-band]",
        "bad.csv:44: error [row-length]",
    ] {
        assert!(err.contains(want), "missing «{want}» in:\n{err}");
    }
    // The good group is still usable: life-table prints it and exits 1 for the bad input.
    let out = lifegap()
        .args(["life-table", "--data"])
        .arg(&file)
        .assert()
        .code(1);
    let rows = parse(&out.get_output().stdout);
    assert_eq!(rows.len(), 20);
    assert!(rows.iter().all(|r| r["area"] == "Good"));
}

#[test]
fn file_level_problems() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.csv", "");
    lifegap()
        .arg("validate")
        .arg(&empty)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("empty.csv: error [empty-file]"));
    let header_only = write(dir.path(), "header.csv", "area,sex,age,population,chd\n");
    lifegap()
        .arg("validate")
        .arg(&header_only)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("[no-rows]"));
    let no_pop = write(dir.path(), "nopop.csv", "area,sex,age,chd\nA,m,0,1\n");
    lifegap()
        .arg("validate")
        .arg(&no_pop)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "nopop.csv:1: error [missing-column]: no 'population' column",
        ));
    lifegap()
        .arg("validate")
        .arg(dir.path().join("absent.csv"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("[cannot-read]"));
    // Mixed band sets: one group closes at 85+, the other at 90+.
    let mut text = String::from("area,sex,age,population,chd,other\n");
    text += &good_rows("A", "male");
    text += &good_rows("B", "male")
        .lines()
        .filter(|l| !l.contains(",90,"))
        .map(|l| format!("{l}\n"))
        .collect::<String>();
    let mixed = write(dir.path(), "mixed.csv", &text);
    lifegap()
        .arg("validate")
        .arg(&mixed)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "mixed.csv:22: error [missing-band]: area 'B', male has no row for age band(s) 90",
        ));
    // A file closing at 85+ throughout is the older band set, and fine — even sorted by age,
    // with area names in varying case.
    let mut rows: Vec<String> = good_rows("A", "male")
        .lines()
        .chain(good_rows("b", "male").lines())
        .chain(good_rows("B", "female").lines())
        .filter(|l| !l.contains(",90,"))
        .map(str::to_string)
        .collect();
    rows.sort_by_key(|l| l.split(',').nth(2).unwrap().parse::<u32>().unwrap());
    let text = format!("area,sex,age,population,chd,other\n{}\n", rows.join("\n"));
    let old = write(dir.path(), "old85.csv", &text);
    lifegap()
        .arg("validate")
        .arg(&old)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "2 area(s) (A, b), 3 group(s), bands 0,1,5,…,80,85+",
        ));
    // A 90+ file sorted by age (rows of all groups interleaved) reads as 90+.
    let mut rows: Vec<String> = good_rows("A", "male")
        .lines()
        .chain(good_rows("B", "male").lines())
        .map(str::to_string)
        .collect();
    rows.sort_by_key(|l| l.split(',').nth(2).unwrap().parse::<u32>().unwrap());
    let text = format!("area,sex,age,population,chd,other\n{}\n", rows.join("\n"));
    let by_age = write(dir.path(), "by_age.csv", &text);
    lifegap()
        .arg("validate")
        .arg(&by_age)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "2 group(s), bands 0,1,5,…,85,90+",
        ));
    // all_causes must match the cause columns within 0.5.
    let mut text = String::from("area,sex,age,population,chd,other,all_causes\n");
    for l in good_rows("A", "male").lines() {
        let total: f64 = l
            .split(',')
            .skip(4)
            .map(|v| v.parse::<f64>().unwrap())
            .sum();
        let total = if l.contains(",40,") {
            total + 1.0
        } else {
            total + 0.4
        };
        text += &format!("{l},{total}\n");
    }
    let mism = write(dir.path(), "mism.csv", &text);
    lifegap()
        .arg("validate")
        .arg(&mism)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "mism.csv:11:7 (all_causes): error [all-causes-mismatch]",
        ));
    // Invalid UTF-8 is located.
    let latin = dir.path().join("latin1.csv");
    let mut raw = b"area,sex,age,population,chd,other\n".to_vec();
    raw.extend_from_slice(&[0xE9]);
    raw.extend_from_slice(good_rows("", "male").as_bytes());
    std::fs::write(&latin, raw).unwrap();
    lifegap()
        .arg("validate")
        .arg(&latin)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "latin1.csv:2:1 (area): error [not-utf8]",
        ));
}

#[test]
fn bom_windows_line_endings_and_metadata_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "\u{feff}# period: 2006-08\r\n# synthetic: true\r\nArea,Sex,Age,Population,CHD,Other\r\n",
    );
    text += &good_rows("A", "M").replace('\n', "\r\n");
    text += &good_rows("A", "F").replace('\n', "\r\n");
    let file = write(dir.path(), "excel.csv", &text);
    lifegap()
        .arg("validate")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains("1 area(s) (A), 2 group(s)"))
        .stdout(predicates::str::contains("period 2006-08, SYNTHETIC data"));
    // Line numbers count the metadata lines: break the row for age 45, line 14.
    let broken = text.replace("A,M,45,10000", "A,M,45,lots");
    let file = write(dir.path(), "excel2.csv", &broken);
    lifegap()
        .arg("validate")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "excel2.csv:14:4 (Population): error [not-a-number]",
        ));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("area,sex,age,population,chd,other\n");
    text += &good_rows("A", "male");
    let file = write(dir.path(), "ok.csv", &text);
    lifegap()
        .args(["life-table", "--data"])
        .arg(&file)
        .args(["--area", "Nowhere", "--sex", "male"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("areas with valid data: A"));
    lifegap()
        .args(["life-table", "--data"])
        .arg(&file)
        .args(["--area", "A", "--sex", "x"])
        .assert()
        .code(2);
    lifegap()
        .args(["life-table", "--data"])
        .arg(&file)
        .args(["--confidence", "1.5"])
        .assert()
        .code(2);
    lifegap()
        .args(["delete-cause", "--data"])
        .arg(&file)
        .args(["--area", "A", "--sex", "m", "--cause", "lung_cancer"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("causes there: chd, other"));
    lifegap().args(["no-such-command"]).assert().code(2);
    // Every-group mode with a filter that matches nothing is a usage error too.
    lifegap()
        .args(["life-table", "--data"])
        .arg(&file)
        .args(["--area", "Nowhere"])
        .assert()
        .code(2);
    // A small population has no life table: reported, exit 1.
    let small = write(
        dir.path(),
        "small.csv",
        &format!(
            "area,sex,age,population,chd,other\n{}",
            good_rows("S", "m").replace(",10000,", ",200,")
        ),
    );
    lifegap()
        .args(["life-table", "--data"])
        .arg(&small)
        .args(["--area", "S", "--sex", "m"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("5,000 or fewer"));
}

#[test]
fn life_table_reproduces_the_85_plus_austrian_table_with_and_without_silcocks() {
    let (src, want) = (
        read("preston_box31_austria1992_males.csv"),
        read("austria1992_phe_method_85plus_DERIVED.csv"),
    );
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("area,sex,age,population,all_causes\n");
    for r in &src {
        text += &format!(
            "Austria,male,{},{},{}\n",
            r["startage"], r["population_N"], r["deaths_D"]
        );
    }
    let file = write(dir.path(), "austria.csv", &text);
    for (flag, col) in [
        (None, "se_silcocks"),
        (Some("--no-silcocks"), "se_chiang_no_final_term"),
    ] {
        let mut cmd = lifegap();
        cmd.args(["life-table", "--data"])
            .arg(&file)
            .args(["--area", "Austria", "--sex", "m"]);
        if let Some(f) = flag {
            cmd.arg(f);
        }
        let out = cmd.assert().success();
        let rows = parse(&out.get_output().stdout);
        assert_eq!(rows.len(), 19);
        for (r, w) in rows.iter().zip(&want) {
            close("e", f(r, "e"), f(w, "e"), 1e-6);
            close(col, f(r, "se"), f(w, col), 1e-9);
        }
    }
}
