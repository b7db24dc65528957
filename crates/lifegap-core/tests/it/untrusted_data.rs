//! Area files that arrive by email (issue 11): reading is bounded in memory and time, each
//! input is opened once (FIFOs work), numbers are honest, labels are exact, and the checker
//! behind `lifegap validate` applies every rule the readers apply. Each test names the rule
//! it guards and fails if that rule is removed.

use lifegap_core::data::check::check_file;
use lifegap_core::data::source::{CsvSource, Limits, MAX_COUNT};
use lifegap_core::data::{self, Problem, Problems, Rule, wide};
use lifegap_core::model::area::Sex;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

const AGES: [u32; 20] = [
    0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90,
];
const HEADER: &str = "area,sex,age,population,chd,other\n";

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// A valid group's 20 rows, ages written as `label(age)`.
fn rows_labelled(area: &str, sex: &str, label: impl Fn(u32) -> String) -> String {
    AGES.iter()
        .map(|&a| {
            let d = 1 + a / 10;
            format!("{area},{sex},{},10000,{d},{d}\n", label(a))
        })
        .collect()
}

fn rows(area: &str, sex: &str) -> String {
    rows_labelled(area, sex, |a| a.to_string())
}

/// The problems breaking `rule`, as (line, column) pairs.
fn located(problems: &Problems, rule: Rule) -> Vec<(Option<u64>, Option<usize>)> {
    problems
        .list
        .iter()
        .filter(|p| p.rule == rule)
        .map(|p| (p.line, p.column.as_ref().map(|c| c.0)))
        .collect()
}

fn only(problems: &Problems, rule: Rule) -> &Problem {
    let all: Vec<&Problem> = problems.list.iter().filter(|p| p.rule == rule).collect();
    assert_eq!(
        all.len(),
        1,
        "one [{}] expected in:\n{problems}",
        rule.name()
    );
    all[0]
}

fn load_err(path: &Path) -> Problems {
    match data::load(path, None) {
        Ok(l) => panic!("expected the file to be refused, got:\n{}", l.problems),
        Err(p) => p,
    }
}

/// `data::load` and `check_file` of the same file must agree that it is broken, with the
/// same error rules at the same places (the checker may add life-table rules).
fn both_refuse(path: &Path, population: Option<&Path>) -> Problems {
    let loaded = data::load(path, population);
    let from_load = match &loaded {
        Ok(l) => l.problems.clone(),
        Err(p) => p.clone(),
    };
    assert!(from_load.has_errors(), "load accepted it:\n{from_load}");
    let (checked, summary) = check_file(path, population);
    assert!(
        !summary.ok,
        "check said ok to a file run refuses:\n{from_load}"
    );
    for p in from_load.errors() {
        assert!(
            checked.errors().any(|q| q == p),
            "check misses «{p}»; it found:\n{checked}"
        );
    }
    from_load
}

// ─── Bounded memory and time ────────────────────────────────────────────────────────────

#[test]
fn a_line_longer_than_the_limit_stops_reading_with_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let limit = Limits::DEFAULT.line_bytes as usize;
    assert_eq!(limit, 1 << 20);
    // A data row of 1.5 MiB at line 22, after one complete group.
    let mut text = String::from(HEADER);
    text += &rows("A", "male");
    text += &format!("B,male,0,10000,{},1\n", "9".repeat(limit + limit / 2));
    text += &rows("C", "male");
    let path = write(dir.path(), "long_line.csv", &text);
    let p = both_refuse(&path, None);
    let e = only(&p, Rule::LineTooLong);
    assert_eq!((e.line, e.column.as_ref()), (Some(22), None), "{e}");
    assert!(e.message.contains("1 MiB (1048576 bytes)"), "{e}");
    assert!(
        e.to_string()
            .contains("long_line.csv:22: error [line-too-long]"),
        "{e}"
    );
    // Reading stopped: the group after the long line is not read, and load refuses the file.
    assert!(located(&p, Rule::MissingBand).is_empty(), "{p}");
    // A line just under the limit is read (it is only a bad number).
    let mut text = String::from(HEADER);
    text += &format!("B,male,0,10000,{},1\n", "9".repeat(limit - 100));
    let path = write(dir.path(), "under.csv", &text);
    let p = load_err(&path);
    assert!(located(&p, Rule::LineTooLong).is_empty(), "{p}");
    assert_eq!(
        located(&p, Rule::ImplausibleValue),
        vec![(Some(2), Some(5))]
    );
}

#[test]
fn an_over_long_header_or_metadata_line_is_refused_at_line_1() {
    let dir = tempfile::tempdir().unwrap();
    let big = "x".repeat(2 << 20);
    for (name, text) in [
        ("header.csv", format!("area,sex,age,population,{big}\n")),
        ("meta.csv", format!("# note: {big}\n{HEADER}")),
        ("no_newline.csv", big.clone()),
    ] {
        let path = write(dir.path(), name, &text);
        let p = both_refuse(&path, None);
        let e = only(&p, Rule::LineTooLong);
        assert_eq!(e.line, Some(1), "{name}: {e}");
    }
}

#[test]
fn an_endless_stream_of_zeros_stops_at_the_line_limit() {
    // What `/dev/zero` given as a data file does, from memory: without the line limit this
    // reads all 3 MiB and then fails for another reason.
    let zeros = std::io::repeat(0).take(3 << 20);
    let err = match CsvSource::from_reader(Path::new("zero"), Box::new(zeros), Limits::DEFAULT) {
        Ok(_) => panic!("zeros read as a header"),
        Err(p) => p,
    };
    let e = only(&err, Rule::LineTooLong);
    assert_eq!(e.line, Some(1));
    // In data rows too: a valid header, then zeros.
    let input =
        std::io::Cursor::new(HEADER.as_bytes().to_vec()).chain(std::io::repeat(0).take(3 << 20));
    let src = CsvSource::from_reader(Path::new("zero"), Box::new(input), Limits::DEFAULT).unwrap();
    let (summary, p) = wide::stream_source(src, |_, _, _| panic!("no group")).unwrap();
    assert!(summary.stopped);
    assert_eq!(located(&p, Rule::LineTooLong), vec![(Some(2), None)]);
}

#[cfg(target_os = "linux")]
#[test]
fn dev_zero_as_a_data_file_is_refused() {
    let p = load_err(Path::new("/dev/zero"));
    assert_eq!(located(&p, Rule::LineTooLong), vec![(Some(1), None)]);
}

/// Endless valid rows: a group's 20 rows over and over (as a device or a FIFO fed forever).
struct Endless {
    rows: Vec<u8>,
    at: usize,
}

impl Read for Endless {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = out.len().min(self.rows.len() - self.at);
        out[..n].copy_from_slice(&self.rows[self.at..self.at + n]);
        self.at = (self.at + n) % self.rows.len();
        Ok(n)
    }
}

#[test]
fn a_stream_past_the_file_limit_stops_with_a_located_error() {
    assert_eq!(Limits::DEFAULT.file_bytes, 4 << 30);
    let body = rows("A", "male");
    let input = std::io::Cursor::new(HEADER.as_bytes().to_vec()).chain(Endless {
        rows: body.as_bytes().to_vec(),
        at: 0,
    });
    let limits = Limits {
        file_bytes: 100_000,
        ..Limits::DEFAULT
    };
    let (summary, p) = within_a_minute(move || {
        let src = CsvSource::from_reader(Path::new("endless.csv"), Box::new(input), limits);
        wide::stream_source(src.unwrap(), |_, _, _| {}).unwrap()
    });
    assert!(summary.stopped);
    let e = only(&p, Rule::FileTooLarge);
    // Located at the row being read when the limit was passed: the one holding byte 100,000.
    let mut input = HEADER.as_bytes().to_vec();
    while input.len() < 100_000 {
        input.extend_from_slice(body.as_bytes());
    }
    let newlines = input[..100_000].iter().filter(|b| **b == b'\n').count() as u64;
    assert_eq!(e.line, Some(newlines + 1), "{e}");
    assert!(e.message.contains("past 100000 bytes"), "{e}");
}

#[test]
fn a_regular_file_over_the_limit_is_refused_before_reading_and_one_at_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{HEADER}{}{}", rows("A", "male"), rows("A", "female"));
    let path = write(dir.path(), "a.csv", &text);
    let at = |file_bytes: u64| Limits {
        file_bytes,
        ..Limits::DEFAULT
    };
    // Exactly at the limit: read whole.
    let src = CsvSource::open_with(&path, at(text.len() as u64)).unwrap();
    let (summary, p) = wide::stream_source(src, |_, _, _| {}).unwrap();
    assert!(!summary.stopped && !p.has_errors(), "{p}");
    assert_eq!(summary.groups_valid, 2);
    // One byte under: refused up front, as a file-level problem.
    let err = match CsvSource::open_with(&path, at(text.len() as u64 - 1)) {
        Ok(_) => panic!("over the limit"),
        Err(p) => p,
    };
    let e = only(&err, Rule::FileTooLarge);
    assert_eq!(e.line, None);
    assert!(e.to_string().contains("error [file-too-large]"), "{e}");
}

#[test]
fn metadata_is_limited_to_64_kib_before_the_header() {
    assert_eq!(Limits::DEFAULT.preamble_bytes, 64 << 10);
    let dir = tempfile::tempdir().unwrap();
    let note = "# note: a line of metadata\n";
    let n = (64 << 10) / note.len() + 1;
    let text = format!("{}{HEADER}{}", note.repeat(n), rows("A", "male"));
    let path = write(dir.path(), "meta.csv", &text);
    let p = both_refuse(&path, None);
    assert_eq!(
        located(&p, Rule::MetadataTooLong),
        vec![(Some(n as u64), None)]
    );
    // A few lines are fine, and blank lines among them count as lines.
    let text = format!(
        "# period: 2006-08\n\n# synthetic: true\n{HEADER}{}",
        rows("A", "male")
    );
    let path = write(dir.path(), "ok.csv", &text);
    let l = data::load(&path, None).unwrap();
    assert_eq!(l.data.provenance.period.as_deref(), Some("2006-08"));
    assert!(l.data.provenance.synthetic);
    // Line numbers count them: break age 45 of the group (line 4 + 11).
    let path = write(
        dir.path(),
        "bad.csv",
        text.replace("A,male,45,10000", "A,male,45,x"),
    );
    assert_eq!(
        located(&load_err_or_problems(&path), Rule::NotANumber),
        vec![(Some(15), Some(4))]
    );
}

fn load_err_or_problems(path: &Path) -> Problems {
    match data::load(path, None) {
        Ok(l) => l.problems,
        Err(p) => p,
    }
}

/// Run `f` on a thread and fail (rather than hang the test run) if it takes longer than a
/// minute: what reading a FIFO twice used to do, or an endless input without a file limit.
fn within_a_minute<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("reading the FIFO hung")
}

#[cfg(unix)]
fn fifo(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    let ok = std::process::Command::new("mkfifo")
        .arg(&p)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo failed");
    p
}

#[cfg(unix)]
#[test]
fn a_fifo_is_read_once_like_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "\u{feff}# period: 2006-08\n{HEADER}{}{}",
        rows("A", "male"),
        rows("A", "female")
    );
    for (i, check) in [false, true].into_iter().enumerate() {
        let path = fifo(dir.path(), &format!("data{i}.csv"));
        let (p, t) = (path.clone(), text.clone());
        let writer = std::thread::spawn(move || {
            // Opening blocks until the reader opens: the FIFO is opened exactly once each side.
            let mut f = std::fs::OpenOptions::new().write(true).open(&p).unwrap();
            f.write_all(t.as_bytes()).unwrap();
        });
        if check {
            let (problems, summary) = within_a_minute(move || check_file(&path, None));
            assert!(summary.ok, "{problems}");
            assert_eq!(summary.groups, 2);
            assert_eq!(summary.period.as_deref(), Some("2006-08"));
        } else {
            let loaded = within_a_minute(move || data::load(&path, None)).unwrap();
            assert_eq!(loaded.data.groups.len(), 2);
            assert!(!loaded.problems.has_errors(), "{}", loaded.problems);
        }
        writer.join().unwrap();
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_fed_without_end_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = fifo(dir.path(), "zeros.csv");
    let p = path.clone();
    let writer = std::thread::spawn(move || {
        let mut f = std::fs::OpenOptions::new().write(true).open(&p).unwrap();
        f.write_all(HEADER.as_bytes()).unwrap();
        let chunk = vec![b'7'; 1 << 16];
        // Ends when the reader gives up and closes its end (a broken pipe).
        while f.write_all(&chunk).is_ok() {}
    });
    let p = within_a_minute(move || match data::load(&path, None) {
        Ok(_) => panic!("an endless line was accepted"),
        Err(p) => p,
    });
    assert_eq!(located(&p, Rule::LineTooLong), vec![(Some(2), None)]);
    writer.join().unwrap();
}

// ─── No quadratic paths (the timings are in benches/engine.rs) ──────────────────────────

#[test]
fn ten_thousand_cause_columns_read_in_order() {
    let n = 10_000;
    let mut header = String::from("area,sex,age,population");
    for c in 0..n {
        header += &format!(",c{c}");
    }
    let mut body = String::new();
    for a in AGES {
        body += &format!("A,female,{a},1000000");
        for c in 0..n {
            body += &format!(",{}", (c % 7) + (a as usize % 3));
        }
        body += ",0\n";
    }
    let dir = tempfile::tempdir().unwrap();
    // With an extra all_causes column (ignored beside cause columns), the file reads whole.
    let path = write(
        dir.path(),
        "wide.csv",
        format!("{header},other_deaths_total\n{body}").replace("other_deaths_total", "zz"),
    );
    let l = data::load(&path, None).unwrap();
    assert_eq!(l.data.causes.len(), n + 1);
    assert_eq!(l.data.causes[9_999], "c9999");
    let g = l.data.group("A", Sex::Female).unwrap();
    assert_eq!(g.deaths[12][2], (12 % 7 + 5 % 3) as f64); // cause c12, age 5
    assert_eq!(g.deaths[n][19], 0.0);
    // Every unknown cause is warned about, the list kept bounded.
    assert_eq!(l.problems.warning_count(), n as u64 + 1);
    assert!(!l.problems.has_errors());
    assert_eq!(l.problems.list.len(), Problems::WARNING_LIMIT);
    // The last column repeating the 18th cause is found, wherever it is.
    let path = write(dir.path(), "dup.csv", format!("{header},C17\n{body}"));
    let p = both_refuse(&path, None);
    let dup = only(&p, Rule::DuplicateColumn);
    assert_eq!(
        (dup.line, dup.column.clone()),
        (Some(1), Some((n + 5, "C17".to_string())))
    );
    assert!(dup.message.contains("column 22 ('c17')"), "{dup}");
    // Listed, not crowded out by the 10,000 warnings before it.
    assert_eq!(p.list.len(), Problems::WARNING_LIMIT + 1);
}

#[test]
fn four_thousand_groups_sorted_by_age_read_whole_in_first_appearance_order() {
    let groups = 4_000;
    let mut text = String::from(HEADER);
    for a in AGES {
        for g in 0..groups {
            let sex = if g % 2 == 0 { "male" } else { "female" };
            text += &format!("A{},{sex},{a},{},{},1\n", g / 2, 10_000 + g, a + 1);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "by_age.csv", &text);
    let l = data::load(&path, None).unwrap();
    assert!(l.problems.list.is_empty(), "{}", l.problems);
    assert_eq!(l.data.groups.len(), groups);
    // Groups come out in the order they were first seen: A0 male, A0 female, A1 male…
    for (i, g) in l.data.groups.iter().enumerate() {
        assert_eq!(g.area, format!("A{}", i / 2));
        assert_eq!(g.population[0], (10_000 + i) as f64);
        assert_eq!(g.deaths[0][19], 91.0);
    }
    let (problems, summary) = check_file(&path, None);
    assert!(summary.ok, "{problems}");
    assert_eq!((summary.groups, summary.area_count), (4_000, 2_000));
}

#[test]
fn a_file_given_twice_gives_one_located_error_per_duplicated_group() {
    let groups = 2_000u64;
    let mut body = String::new();
    for g in 0..groups {
        let sex = if g % 2 == 0 { "male" } else { "female" };
        body += &rows(&format!("A{}", g / 2), sex);
    }
    let text = format!("{HEADER}{body}{body}");
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "twice.csv", &text);
    let l = data::load(&path, None).unwrap();
    assert!(l.data.groups.is_empty(), "duplicated groups are left out");
    let dups = located(&l.problems, Rule::DuplicateRow);
    let want: Vec<_> = (0..groups)
        .map(|i| (Some(2 + 20 * groups + 20 * i), Some(3)))
        .collect();
    assert_eq!(dups, want);
    assert_eq!(l.problems.error_count(), groups);
    let first = &l.problems.list[0];
    assert!(
        first.message.starts_with(
            "area 'A0', male: a second row for a band already given (group starts at line 2)"
        ),
        "{first}"
    );
    // The checker agrees, and counts no group as usable.
    let (problems, summary) = check_file(&path, None);
    assert_eq!(located(&problems, Rule::DuplicateRow), want);
    assert!(!summary.ok);
    assert_eq!((summary.groups, summary.area_count), (0, 0));
    assert!(summary.areas.is_empty());
}

#[test]
fn a_group_repeated_straight_after_itself_is_one_error_too() {
    let text = format!(
        "{HEADER}{}{}{}",
        rows("A", "male"),
        rows("A", "male"),
        rows("B", "male")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "again.csv", &text);
    let l = data::load(&path, None).unwrap();
    assert_eq!(
        located(&l.problems, Rule::DuplicateRow),
        vec![(Some(22), Some(3))]
    );
    assert_eq!(l.problems.error_count(), 1, "{}", l.problems);
    let names: Vec<&str> = l.data.groups.iter().map(|g| g.area.as_str()).collect();
    assert_eq!(names, ["B"]);
    // A group split in two is one split-group error at the first row of the late part.
    let a = rows("A", "male");
    let (head, tail) = a.split_at(a.find("A,male,50,").unwrap());
    let text = format!("{HEADER}{head}{}{tail}", rows("B", "male"));
    let path = write(dir.path(), "split.csv", text);
    let l = data::load(&path, None).unwrap();
    // A is incomplete when B starts, so it waits; its late rows complete it: no error.
    assert!(l.problems.list.is_empty(), "{}", l.problems);
    // But rows after a complete group are a split.
    let text = format!(
        "{HEADER}{a}{}A,male,3,1,1,1\nA,male,5,10,0,0\n",
        rows("B", "male")
    );
    let path = write(dir.path(), "split2.csv", text);
    let l = data::load(&path, None).unwrap();
    assert_eq!(
        located(&l.problems, Rule::UnknownAge),
        vec![(Some(42), Some(3))]
    );
    assert_eq!(
        located(&l.problems, Rule::DuplicateRow),
        vec![(Some(43), Some(3))]
    );
}

#[test]
fn long_format_errors_about_many_groups_come_in_file_order() {
    // 500 groups have deaths but no population: one located error each, in file order.
    let mut deaths = String::from("area,sex,age,cause,deaths\n");
    let mut pops = String::from("area,sex,age,population\n");
    for a in AGES {
        pops += &format!("P,male,{a},10000\n");
        deaths += &format!("P,male,{a},chd,1\n");
    }
    for g in 0..500 {
        for a in AGES {
            deaths += &format!("G{g},female,{a},chd,1\n");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let d = write(dir.path(), "deaths.csv", &deaths);
    let p = write(dir.path(), "pops.csv", &pops);
    let problems = both_refuse(&d, Some(&p));
    let want: Vec<_> = (0..500u64).map(|g| (Some(22 + 20 * g), None)).collect();
    assert_eq!(located(&problems, Rule::NoPopulation), want);
    assert!(
        problems.list[0]
            .message
            .starts_with("area 'G0', female has deaths but no population")
    );
}

// ─── Honest numbers ──────────────────────────────────────────────────────────────────────

#[test]
fn absurd_numbers_are_refused_at_their_cell() {
    assert_eq!(MAX_COUNT, 1e9);
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, Rule, usize); 9] = [
        ("A,male,40,1e308,", "population", Rule::ImplausibleValue, 4),
        (
            "A,male,40,1000000001,",
            "population",
            Rule::ImplausibleValue,
            4,
        ),
        ("A,male,40,1e400,", "population", Rule::ImplausibleValue, 4),
        ("A,male,40,NaN,", "population", Rule::NotANumber, 4),
        ("A,male,40,inf,", "population", Rule::NotANumber, 4),
        ("A,male,40,-Infinity,", "population", Rule::NotANumber, 4),
        ("A,male,40,10000,nan", "chd", Rule::NotANumber, 5),
        ("A,male,40,10000,2e9", "chd", Rule::ImplausibleValue, 5),
        ("A,male,40,10000,-1e10", "chd", Rule::ImplausibleValue, 5),
    ];
    for (i, (row, name, rule, col)) in cases.into_iter().enumerate() {
        // Replace the start of the age 40 row (line 11) with the broken cells.
        let good = rows("A", "male");
        let at = good.find("A,male,40,").unwrap();
        let end = at + good[at..].find('\n').unwrap();
        let old_row = &good[at..end];
        let kept: Vec<&str> = old_row.split(',').collect();
        let new: Vec<&str> = row.split(',').collect();
        let merged: Vec<&str> = (0..6)
            .map(|k| match new.get(k) {
                Some(v) if !v.is_empty() => *v,
                _ => kept[k],
            })
            .collect();
        let text = format!(
            "{HEADER}{}{}{}",
            &good[..at],
            merged.join(","),
            &good[end..]
        );
        let path = write(dir.path(), &format!("n{i}.csv"), &text);
        let p = both_refuse(&path, None);
        let e = only(&p, rule);
        assert_eq!(
            (e.line, e.column.clone()),
            (Some(11), Some((col, name.to_string()))),
            "{row}: {e}"
        );
    }
    // The limit itself is a plausible count.
    let text = format!(
        "{HEADER}{}",
        rows("A", "male").replace("A,male,40,10000", "A,male,40,1e9")
    );
    let path = write(dir.path(), "max.csv", &text);
    assert!(!data::load(&path, None).unwrap().problems.has_errors());
}

#[test]
fn absurd_numbers_are_refused_in_long_files_and_all_causes_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut deaths = String::from("area,sex,age,cause,deaths\n");
    let mut pops = String::from("area,sex,age,population\n");
    for a in AGES {
        pops += &format!("A,male,{a},{}\n", if a == 5 { "1e308" } else { "10000" });
        deaths += &format!("A,male,{a},chd,{}\n", if a == 10 { "NaN" } else { "1" });
    }
    let d = write(dir.path(), "deaths.csv", &deaths);
    let p = write(dir.path(), "pops.csv", &pops);
    let problems = both_refuse(&d, Some(&p));
    let e = only(&problems, Rule::ImplausibleValue);
    assert_eq!((e.file.as_path(), e.line), (p.as_path(), Some(4)));
    assert_eq!(e.column, Some((4, "population".to_string())));
    let e = only(&problems, Rule::NotANumber);
    assert_eq!((e.file.as_path(), e.line), (d.as_path(), Some(5)));
    assert_eq!(e.column, Some((5, "deaths".to_string())));
    // all_causes is a count like any other.
    let mut text = String::from("area,sex,age,population,chd,other,all_causes\n");
    for l in rows("A", "male").lines() {
        let total = if l.contains(",60,") {
            "1e300".to_string()
        } else {
            let v: Vec<f64> = l.split(',').skip(4).map(|x| x.parse().unwrap()).collect();
            (v[0] + v[1]).to_string()
        };
        text += &format!("{l},{total}\n");
    }
    let path = write(dir.path(), "all.csv", &text);
    let p = both_refuse(&path, None);
    assert_eq!(
        located(&p, Rule::ImplausibleValue),
        vec![(Some(15), Some(7))]
    );
}

// ─── Labels ──────────────────────────────────────────────────────────────────────────────

#[test]
fn an_age_label_must_be_a_documented_band_form() {
    let dir = tempfile::tempdir().unwrap();
    // The documented forms read as the bands they name.
    let labelled = rows_labelled("A", "male", |a| match a {
        0 => "<1".into(),
        90 => "90+".into(),
        a if a % 2 == 0 => {
            let next = AGES[AGES.iter().position(|x| *x == a).unwrap() + 1];
            format!("{a}-{}", next - 1)
        }
        a => a.to_string(),
    });
    let text = format!(
        "{HEADER}{labelled}{}",
        rows_labelled("A", "female", |a| format!(" {a} "))
    );
    let path = write(dir.path(), "labels.csv", &text);
    let l = data::load(&path, None).unwrap();
    assert!(l.problems.list.is_empty(), "{}", l.problems);
    assert_eq!(l.data.groups.len(), 2);
    assert_eq!(l.data.groups[0], {
        let mut g = l.data.groups[1].clone();
        g.sex = Sex::Male;
        g
    });
    // Anything else is refused where it is written, even with a valid start.
    for (i, bad) in [
        "20-29", "20-24x", "85-90", "+20", "20.0", "20 24", "20-", "80+", "twenty",
    ]
    .into_iter()
    .enumerate()
    {
        let text = format!(
            "{HEADER}{}",
            rows("A", "male").replace("A,male,20,", &format!("A,male,{bad},"))
        );
        let path = write(dir.path(), &format!("bad{i}.csv"), &text);
        let p = both_refuse(&path, None);
        let e = only(&p, Rule::UnknownAge);
        assert_eq!(
            (e.line, e.column.clone()),
            (Some(7), Some((3, "age".to_string()))),
            "{bad}: {e}"
        );
        assert!(
            e.to_string().contains("error [unknown-age-band]: age '"),
            "{e}"
        );
    }
}

#[test]
fn the_85_band_label_must_agree_with_the_band_set() {
    let dir = tempfile::tempdir().unwrap();
    // 85+ in a group that also has 90+: the rows overlap.
    let text = format!(
        "{HEADER}{}",
        rows("A", "male").replace("A,male,85,", "A,male,85+,")
    );
    let path = write(dir.path(), "open85.csv", &text);
    let p = both_refuse(&path, None);
    let e = only(&p, Rule::AgeBandMismatch);
    assert_eq!(
        (e.line, e.column.clone()),
        (Some(20), Some((3, "age".to_string())))
    );
    assert!(e.message.starts_with("area 'A', male: age '85+'"), "{e}");
    // 85-89 as the last band of a file closing at 85.
    let no90: String = rows("A", "male")
        .lines()
        .filter(|l| !l.contains(",90,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let path = write(
        dir.path(),
        "closed85.csv",
        format!("{HEADER}{}", no90.replace("A,male,85,", "A,male,85-89,")),
    );
    let p = both_refuse(&path, None);
    let e = only(&p, Rule::AgeBandMismatch);
    assert_eq!(e.line, Some(20));
    // And each right: 85+ closing at 85, 85-89 before 90+.
    let path = write(
        dir.path(),
        "ok85.csv",
        format!("{HEADER}{}", no90.replace("A,male,85,", "A,male,85+,")),
    );
    assert!(data::load(&path, None).unwrap().problems.list.is_empty());
    let path = write(
        dir.path(),
        "ok90.csv",
        format!(
            "{HEADER}{}",
            rows("A", "male").replace("A,male,85,", "A,male,85-89,")
        ),
    );
    assert!(data::load(&path, None).unwrap().problems.list.is_empty());
    // In a long file, the deaths file's labels are checked as well.
    let mut deaths = String::from("area,sex,age,cause,deaths\n");
    let mut pops = String::from("area,sex,age,population\n");
    for a in AGES {
        let label = if a == 85 {
            "85+".to_string()
        } else {
            a.to_string()
        };
        pops += &format!("A,male,{a},10000\n");
        deaths += &format!("A,male,{label},chd,1\n");
    }
    let d = write(dir.path(), "deaths.csv", &deaths);
    let p = write(dir.path(), "pops.csv", &pops);
    let problems = both_refuse(&d, Some(&p));
    let e = only(&problems, Rule::AgeBandMismatch);
    assert_eq!((e.file.as_path(), e.line), (d.as_path(), Some(20)));
}

#[test]
fn a_row_starting_with_hash_is_data_below_the_header() {
    let dir = tempfile::tempdir().unwrap();
    // An area called "#1" is an area: its group is read.
    let text = format!(
        "# period: 2006-08\n{HEADER}{}{}",
        rows("A", "male"),
        rows("#1", "male")
    );
    let path = write(dir.path(), "hash_area.csv", &text);
    let l = data::load(&path, None).unwrap();
    assert!(l.problems.list.is_empty(), "{}", l.problems);
    let names: Vec<&str> = l.data.groups.iter().map(|g| g.area.as_str()).collect();
    assert_eq!(names, ["A", "#1"]);
    assert_eq!(l.data.provenance.period.as_deref(), Some("2006-08"));
    // A metadata-like line in the middle is a broken row, not a comment skipped in silence
    // (skipping it would drop a group's row without a word).
    let text = format!(
        "{HEADER}{}# period: 2010-12\n{}",
        rows("A", "male"),
        rows("B", "male")
    );
    let path = write(dir.path(), "hash_mid.csv", &text);
    let p = both_refuse(&path, None);
    assert_eq!(located(&p, Rule::RowLength), vec![(Some(22), None)]);
    // A commented-out row is a row too: here the data row for "#B" age 0 is read, so "#B"
    // misses its other bands and B misses age 0 — both reported.
    let b = rows("B", "male");
    let text = format!("{HEADER}#{b}");
    let path = write(dir.path(), "commented.csv", &text);
    let p = both_refuse(&path, None);
    let missing: Vec<String> = p
        .list
        .iter()
        .filter(|e| e.rule == Rule::MissingBand)
        .map(|e| e.message.clone())
        .collect();
    assert_eq!(missing.len(), 2, "{p}");
    assert!(
        missing[0].starts_with("area '#B', male has no row for age band(s) 1, 5"),
        "{p}"
    );
    assert!(
        missing[1].starts_with("area 'B', male has no row for age band(s) 0 "),
        "{p}"
    );
}

#[test]
fn errors_name_the_broken_group_when_groups_interleave() {
    let dir = tempfile::tempdir().unwrap();
    // A, B and C rows alternate (sorted by age); B lacks age 25, C repeats age 30 and has a
    // bad number at age 60. Each error names its own group.
    let mut lines = Vec::new();
    for a in AGES {
        for area in ["A", "B", "C"] {
            if area == "B" && a == 25 {
                continue;
            }
            let pop = if area == "C" && a == 60 {
                "lots"
            } else {
                "10000"
            };
            lines.push(format!("{area},female,{a},{pop},1,1"));
            if area == "C" && a == 30 {
                lines.push("C,female,30,10000,1,1".to_string());
            }
        }
    }
    let text = format!("{HEADER}{}\n", lines.join("\n"));
    let line_of =
        |prefix: &str| 2 + lines.iter().position(|l| l.starts_with(prefix)).unwrap() as u64;
    let path = write(dir.path(), "interleaved.csv", &text);
    let p = both_refuse(&path, None);
    let e = only(&p, Rule::MissingBand);
    assert!(
        e.message
            .starts_with("area 'B', female has no row for age band(s) 25"),
        "{e}"
    );
    assert_eq!(e.line, Some(line_of("B,female,0,")));
    let e = only(&p, Rule::DuplicateRow);
    assert!(
        e.message
            .starts_with("area 'C', female: age 30 already given at line"),
        "{e}"
    );
    assert_eq!(e.line, Some(line_of("C,female,30,") + 1));
    let e = only(&p, Rule::NotANumber);
    assert_eq!(e.line, Some(line_of("C,female,60,")));
    let l = data::load(&path, None).unwrap();
    let names: Vec<&str> = l.data.groups.iter().map(|g| g.area.as_str()).collect();
    assert_eq!(names, ["A"]);
}

// ─── The checker applies the same rules ─────────────────────────────────────────────────

#[test]
fn the_checker_refuses_every_file_the_reader_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let good = format!("{HEADER}{}{}", rows("A", "male"), rows("A", "female"));
    let broken = [
        good.replace("A,male,40,10000,5,5", "A,male,40,10000,NaN,5"),
        good.replace("A,female,40,10000,5,5", "A,female,40,1e308,5,5"),
        good.replace("A,male,20,", "A,male,20-29,"),
        format!("{good}A,male,0,10000,1,1\n"),
        format!("{good}# note: late\n"),
        good.replace("A,female,85,", "A,female,85+,"),
        format!("{good}{}", "9".repeat(2 << 20)),
        good.replace("chd", "cause").replace("population", "deaths"),
    ];
    for (i, text) in broken.iter().enumerate() {
        let path = write(dir.path(), &format!("b{i}.csv"), text);
        both_refuse(&path, None);
    }
    let path = write(dir.path(), "good.csv", &good);
    let (p, summary) = check_file(&path, None);
    assert!(summary.ok, "{p}");
    assert_eq!((summary.groups, summary.area_count), (2, 1));
}

#[test]
fn the_checker_locates_life_table_rules_at_the_group() {
    // B's total population (20 × 100) is below PHE's minimum for a life table.
    let text = format!(
        "{HEADER}{}{}",
        rows("A", "male"),
        rows("B", "male").replace(",10000,", ",100,")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "small.csv", &text);
    let (p, summary) = check_file(&path, None);
    assert!(!summary.ok);
    let e = only(&p, Rule::NoLifeTable);
    assert_eq!((e.line, e.column.as_ref()), (Some(22), None), "{e}");
    assert!(
        e.message.starts_with("area 'B', male: no life table"),
        "{e}"
    );
}
