//! What lifegap writes is safe to open and to pipe: spreadsheet formulas in names are
//! neutralised in every CSV, control characters in names never reach the terminal, a reader
//! that stops early is not an error, and a closed stdout is.

use crate::common::workspace_root;
use assert_cmd::Command;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

/// The countdown demo with hostile names, and its data, in a folder of their own.
fn hostile_scenario(dir: &std::path::Path) -> std::path::PathBuf {
    crate::app_files::scenario_copy(dir, |t| {
        t.replace(
            "name: \"Statins: primary prevention (high CVD risk)\"",
            "name: \"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\"",
        )
        .replace(
            "name: \"Blood-pressure treatment\"",
            "name: \"BP\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\"",
        )
    })
}

#[test]
fn csv_exports_neutralise_formulas_and_the_summary_strips_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = hostile_scenario(dir.path());
    let out = dir.path().join("out");
    let run = Command::cargo_bin("lifegap")
        .unwrap()
        .arg("run")
        .arg(&scenario)
        .arg("--out")
        .arg(&out)
        .args(["--draws", "0"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&run.get_output().stdout).into_owned();
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout}"
    );
    assert!(stdout.contains("BP?]0;pwned??[2J"), "{stdout}");
    let mut formulas = 0;
    for f in std::fs::read_dir(&out).unwrap() {
        let path = f.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            let mut r = csv::Reader::from_path(&path).unwrap();
            for rec in r.records() {
                for cell in rec.unwrap().iter() {
                    assert!(
                        !cell.starts_with(['=', '@', '\t', '\r']),
                        "{}: {cell}",
                        path.display()
                    );
                    formulas += usize::from(cell.starts_with("'=HYPERLINK"));
                }
            }
        }
    }
    assert!(formulas > 0, "the programme's name is kept, neutralised");
    let summary = std::fs::read_to_string(out.join("summary.txt")).unwrap();
    assert!(
        summary.contains("=HYPERLINK"),
        "the text file keeps the name as typed"
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // Enough tables that the output is far larger than a pipe's buffer.
    let data = workspace_root().join("assets/data/demo-area-2006-08.csv");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lifegap"))
        .args(["life-table", "--data"])
        .arg(&data)
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("area,sex,age"), "{first}");
    // The pipe is closed here, as `| head -1` does.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn a_closed_stdout_is_an_error() {
    let data = workspace_root().join("assets/data/demo-area-2006-08.csv");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "\"{}\" life-table --data \"{}\" >&-",
            env!("CARGO_BIN_EXE_lifegap"),
            data.display()
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: cannot write the output"),
        "{stderr}"
    );
    // Sending the output to /dev/null on purpose is fine.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "\"{}\" life-table --data \"{}\" > /dev/null",
            env!("CARGO_BIN_EXE_lifegap"),
            data.display()
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}
