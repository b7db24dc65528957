//! Helpers shared by the command-line tests: the binary, and its CSV output read back.

use std::collections::HashMap;

/// The `lifegap` binary of this build, for the command-line tests.
pub fn lifegap() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("lifegap").unwrap()
}

/// A CSV on standard output as header → cell maps, one per row.
pub fn parse(stdout: &[u8]) -> Vec<HashMap<String, String>> {
    let mut rdr = csv::Reader::from_reader(stdout);
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    rdr.records()
        .map(|r| {
            headers
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// A numeric cell of a parsed row; the column and its text when it is not a number.
pub fn cell(r: &HashMap<String, String>, c: &str) -> f64 {
    r[c].parse().unwrap_or_else(|_| panic!("{c}: '{}'", r[c]))
}
