//! Byte-mutation fuzzing of the readers of files that arrive by email: area data (wide and
//! long CSV) and scenarios (`.ron`). cargo-fuzz needs a nightly toolchain, which this project's
//! machines do not have, so the mutations are driven by proptest from seed files: flipped,
//! inserted and deleted bytes, cut-off files, repeated and swapped lines, and hostile numbers.
//!
//! Whatever the bytes, a reader must return (no panic, no hang, bounded memory) either located
//! problems or data whose every number is finite. The number of cases is bounded for CI
//! (`LIFEGAP_FUZZ_CASES`, default 200 per target) and the seed is fixed by proptest's
//! persistence, so a failure is reproducible; a case that once failed belongs in the corpus
//! (`tests/data/fuzz-corpus/`), which runs in full every time.

use crate::common::workspace_root;
use lifegap_core::data;
use lifegap_core::model::area::AreaData;
use lifegap_core::scenario_file;
use proptest::prelude::*;
use std::path::Path;

fn cases() -> u32 {
    std::env::var("LIFEGAP_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

/// The first lines of the demo area file (a few groups): a realistic seed that reads quickly.
fn wide_seed() -> Vec<u8> {
    let text = std::fs::read_to_string(workspace_root().join("assets/data/demo-area-2006-08.csv"))
        .unwrap();
    text.lines()
        .take(90)
        .flat_map(|l| l.bytes().chain(std::iter::once(b'\n')))
        .collect()
}

fn scenario_seed() -> String {
    std::fs::read_to_string(workspace_root().join("scenarios/demo-2010-countdown.ron")).unwrap()
}

/// One mutation of a byte string.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
    RepeatLine(usize, usize),
    SwapLines(usize, usize),
}

/// Bytes that make readers work hard: separators, quotes, line ends, a BOM, NUL, non-UTF-8,
/// numbers no file should hold.
fn hostile_piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b",".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just("\u{feff}".as_bytes().to_vec()),
        Just(vec![0u8]),
        Just(vec![0xff, 0xfe]),
        Just(b"NaN".to_vec()),
        Just(b"inf".to_vec()),
        Just(b"1e308".to_vec()),
        Just(b"-1".to_vec()),
        Just(b"2147483647".to_vec()),
        Just(b"# comment".to_vec()),
        Just(b"20-29".to_vec()),
        Just(b"90+".to_vec()),
        prop::collection::vec(any::<u8>(), 1..8),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), hostile_piece()).prop_map(|(i, p)| Mutation::Insert(i, p)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..50).prop_map(|(i, n)| Mutation::RepeatLine(i, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::Flip(i, b) => {
            if !bytes.is_empty() {
                bytes[i % len] = *b;
            }
        }
        Mutation::Insert(i, p) => {
            let at = i % (bytes.len() + 1);
            bytes.splice(at..at, p.iter().copied());
        }
        Mutation::Delete(i, n) => {
            let at = i % len;
            let end = (at + n).min(bytes.len());
            if at < end {
                bytes.drain(at..end);
            }
        }
        Mutation::Truncate(i) => bytes.truncate(i % len),
        Mutation::RepeatLine(i, n) | Mutation::SwapLines(i, n) => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
            let k = lines.len();
            let (a, b) = (i % k, n % k);
            if matches!(m, Mutation::RepeatLine(..)) {
                let line = lines[a].clone();
                for _ in 0..(*n).min(50) {
                    lines.insert(a, line.clone());
                }
            } else {
                lines.swap(a, b);
            }
            *bytes = lines.join(&b'\n');
        }
    }
}

/// Every number a reader let through is finite, and every population positive.
fn check_numbers(d: &AreaData) {
    for g in &d.groups {
        for p in &g.population {
            assert!(p.is_finite() && *p >= 0.0, "population {p} in {}", g.area);
        }
        for c in &g.deaths {
            for x in c {
                assert!(x.is_finite() && *x >= 0.0, "deaths {x} in {}", g.area);
            }
        }
    }
}

/// Read area data from bytes (wide, or long with a fixed population file).
fn read_area(dir: &Path, bytes: &[u8], population: Option<&[u8]>) {
    let file = dir.join("area.csv");
    std::fs::write(&file, bytes).unwrap();
    let pop = population.map(|p| {
        let f = dir.join("population.csv");
        std::fs::write(&f, p).unwrap();
        f
    });
    if let Ok(l) = data::load(&file, pop.as_deref()) {
        check_numbers(&l.data);
        // Every surviving group has a life table or a clear error: never a panic.
        for g in &l.data.groups {
            let _ = g.life_table(l.data.bands, &Default::default());
        }
    }
    let (problems, _summary) = data::check::check_file(&file, pop.as_deref());
    // Every problem names the file it is about.
    for p in &problems.list {
        assert!(p.to_string().contains("area.csv") || p.to_string().contains("population.csv"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn wide_area_files_never_break_the_reader(ms in prop::collection::vec(mutation(), 1..6)) {
        let mut bytes = wide_seed();
        for m in &ms {
            apply(&mut bytes, m);
        }
        let dir = tempfile::tempdir().unwrap();
        read_area(dir.path(), &bytes, None);
    }

    #[test]
    fn long_area_files_never_break_the_reader(ms in prop::collection::vec(mutation(), 1..6)) {
        let mut deaths = b"area,sex,age,cause,deaths\n".to_vec();
        let mut pop = b"area,sex,age,population\n".to_vec();
        for (i, age) in ["0", "1-4", "5-9", "10-14", "15-19"].iter().enumerate() {
            deaths.extend(format!("Here,male,{age},chd,{}\nHere,male,{age},other,{}\n", i + 1, i * 2).bytes());
            pop.extend(format!("Here,male,{age},{}\n", 1000 * (i + 1)).bytes());
        }
        for m in &ms {
            apply(&mut deaths, m);
        }
        let dir = tempfile::tempdir().unwrap();
        read_area(dir.path(), &deaths, Some(&pop));
    }

    #[test]
    fn scenario_files_never_break_the_reader(ms in prop::collection::vec(mutation(), 1..6)) {
        let mut bytes = scenario_seed().into_bytes();
        for m in &ms {
            apply(&mut bytes, m);
        }
        let text = String::from_utf8_lossy(&bytes);
        let path = Path::new("fuzzed.ron");
        match scenario_file::parse(path, &text) {
            Ok(s) => {
                // What the reader accepts, the model's own rules accept too.
                assert!(s.check().is_empty(), "{:?}", s.check());
            }
            Err(problems) => {
                assert!(problems.has_errors());
                for p in &problems.list {
                    assert!(p.to_string().contains("fuzzed.ron"), "{p}");
                }
            }
        }
    }

    /// build-data's three inputs, one mutated at a time (the deaths file cut to its first 300
    /// records so a case stays quick): located problems or finite, non-negative counts.
    #[test]
    fn build_data_inputs_never_break_the_reader(which in 0usize..3, ms in prop::collection::vec(mutation(), 1..6)) {
        use lifegap_core::build::{self, By, demo_inputs};
        static SEEDS: std::sync::LazyLock<[Vec<u8>; 3]> = std::sync::LazyLock::new(|| {
            let deaths: String = demo_inputs::deaths_csv().lines().take(303).map(|l| format!("{l}\n")).collect();
            [deaths.into_bytes(), demo_inputs::population_csv().into_bytes(), demo_inputs::lookup_csv().into_bytes()]
        });
        let mut inputs = SEEDS.clone();
        for m in &ms {
            apply(&mut inputs[which], m);
        }
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<_> = ["deaths.csv", "population.csv", "lookup.csv"].iter().zip(&inputs).map(|(n, b)| {
            let p = dir.path().join(n);
            std::fs::write(&p, b).unwrap();
            p
        }).collect();
        for by in [By::Area, By::Ward, By::Quintile] {
            let req = build::Request {
                deaths: &paths[0],
                population: &paths[1],
                lookup: &paths[2],
                mapping: None,
                years: "2006-2008".parse().unwrap(),
                by,
            };
            match build::build(&req) {
                Ok(b) => check_numbers(&b.data),
                Err(problems) => prop_assert!(problems.has_errors()),
            }
        }
    }
}

/// The seeds of the small tables colleagues send (baselines, England's series, delivery
/// actuals, practice lists): the shipped SYNTHETIC demo files.
fn demo(name: &str) -> Vec<u8> {
    std::fs::read(workspace_root().join("assets/data").join(name)).unwrap()
}

fn mutated(seed: Vec<u8>, ms: &[Mutation]) -> (tempfile::TempDir, std::path::PathBuf) {
    let mut bytes = seed;
    for m in ms {
        apply(&mut bytes, m);
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("table.csv");
    std::fs::write(&file, bytes).unwrap();
    (dir, file)
}

/// Every problem of a small-table reader names the file, and is located at a line.
fn located(p: &data::Problems) {
    for x in &p.list {
        assert!(x.to_string().contains("table.csv"), "{x}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn mortality_baselines_never_break_the_reader(ms in prop::collection::vec(mutation(), 1..6)) {
        let (_d, f) = mutated(demo("demo-mortality-baselines-1995-97.csv"), &ms);
        match data::baselines::read(&f) {
            Ok((b, _)) => {
                for x in b {
                    prop_assert!(x.area.is_finite() && x.area >= 0.0);
                    prop_assert!(x.comparator.is_finite() && x.comparator >= 0.0);
                }
            }
            Err(p) => located(&p),
        }
    }

    #[test]
    fn england_series_never_break_the_reader(ms in prop::collection::vec(mutation(), 1..6)) {
        let (_d, f) = mutated(demo("demo-england-e0-series.csv"), &ms);
        match data::series::read(&f) {
            Ok((all, _)) => {
                for s in all {
                    prop_assert!(s.values.iter().all(|v| v.is_finite()));
                    // Holt on whatever was accepted: an error or finite numbers.
                    if let Ok(h) = lifegap_core::model::holt::fit(&s.values, None, None) {
                        let fc = h.forecast(5.0, 1.96);
                        prop_assert!(fc.value.is_finite() && fc.lower.is_finite() && fc.upper.is_finite());
                    }
                }
            }
            Err(p) => located(&p),
        }
    }

    #[test]
    fn practice_lists_never_break_the_reader(ms in prop::collection::vec(mutation(), 1..6)) {
        use lifegap_core::model::practices::{Raise, analyse};
        let (_d, f) = mutated(demo("demo-practices-SYNTHETIC.csv"), &ms);
        match data::practices::read(&f) {
            Ok((list, _)) => {
                for raise in [Raise::Percentile(0.75), Raise::BestQuartile, Raise::Exceptions(0.05)] {
                    let a = analyse(&list, raise, 0.001);
                    prop_assert!(a.extra_people.is_finite() && a.extra_people >= 0.0);
                    for r in &a.rows {
                        prop_assert!(r.rate.is_finite());
                        prop_assert!(r.limits.lower_95.is_finite() && r.limits.upper_998.is_finite());
                        prop_assert!(r.normal_95.0.is_finite() && r.normal_95.1.is_finite());
                    }
                }
            }
            Err(p) => located(&p),
        }
    }

    #[test]
    fn delivery_actuals_never_break_the_reader(ms in prop::collection::vec(mutation(), 1..6)) {
        use lifegap_core::model::monitor::{Known, Quarter};
        let q = |s: &str| Quarter::parse(s).unwrap();
        let known = vec![
            Known {
                id: "statins_primary".into(),
                partners: vec![
                    ("Practice-based commissioning hub (North)".into(), "Practice-based commissioning hub".into()),
                    ("Practice-based commissioning hub (South)".into(), "Practice-based commissioning hub".into()),
                    ("Community pharmacy (Borough-wide)".into(), "Community pharmacy".into()),
                ],
                first: q("2009 Q1"),
                last: q("2013 Q4"),
            },
            Known { id: "statins_secondary".into(), partners: vec![], first: q("2009 Q1"), last: q("2013 Q4") },
        ];
        let (_d, f) = mutated(demo("demo-actuals-2009.csv"), &ms);
        match data::actuals::read(&f, &known) {
            Ok((a, _)) => {
                for x in a {
                    prop_assert!(x.people.is_finite() && x.people >= 0.0);
                }
            }
            Err(p) => located(&p),
        }
    }
}
