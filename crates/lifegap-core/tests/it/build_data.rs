//! build-data: the synthetic demo inputs rebuild the demo area exactly; bad rows are located
//! and refused; groupings add up.

use crate::common::workspace_root;
use lifegap_core::build::{self, By, Request, demo_inputs};
use lifegap_core::data;
use lifegap_core::model::area::Sex;
use std::path::{Path, PathBuf};

struct Inputs {
    dir: tempfile::TempDir,
    deaths: PathBuf,
    population: PathBuf,
    lookup: PathBuf,
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn demo_inputs() -> Inputs {
    let dir = tempfile::tempdir().unwrap();
    Inputs {
        deaths: write(dir.path(), "deaths.csv", &demo_inputs::deaths_csv()),
        population: write(dir.path(), "population.csv", &demo_inputs::population_csv()),
        lookup: write(dir.path(), "lookup.csv", &demo_inputs::lookup_csv()),
        dir,
    }
}

fn request<'a>(i: &'a Inputs, by: By) -> Request<'a> {
    Request {
        deaths: &i.deaths,
        population: &i.population,
        lookup: &i.lookup,
        mapping: None,
        years: "2006-2008".parse().unwrap(),
        by,
    }
}

#[test]
fn demo_inputs_rebuild_the_demo_area_exactly() {
    let i = demo_inputs();
    let built = build::build(&request(&i, By::Area)).unwrap();
    assert!(!built.problems.has_errors(), "{}", built.problems);
    assert_eq!(built.deaths.rejected + built.population.rejected, 0);
    assert_eq!(built.deaths.outside_years, 0);
    let demo = data::load(
        &workspace_root().join("assets/data/demo-area-2006-08.csv"),
        None,
    )
    .unwrap()
    .data;
    assert_eq!(built.data.causes, demo.causes);
    assert_eq!(built.data.bands, demo.bands);
    assert_eq!(built.data.groups.len(), 2);
    for sex in Sex::BOTH {
        let want = demo.group("Demoborough", sex).unwrap();
        let got = built.data.group("Demoborough", sex).unwrap();
        assert_eq!(got.population, want.population, "{sex} population");
        assert_eq!(got.deaths, want.deaths, "{sex} deaths");
    }
    assert!(built.data.provenance.synthetic);
    assert_eq!(built.data.provenance.period.as_deref(), Some("2006-08"));
    let total: f64 = demo
        .groups
        .iter()
        .filter(|g| g.area == "Demoborough")
        .flat_map(|g| g.all_deaths())
        .sum();
    assert_eq!(built.deaths.used as f64, total);
}

#[test]
fn the_shipped_demo_inputs_are_the_generators() {
    let dir = workspace_root().join("assets/data");
    for (name, text) in [
        ("demo-deaths-2006-08.csv", demo_inputs::deaths_csv()),
        ("demo-population-2006-08.csv", demo_inputs::population_csv()),
        ("demo-lookup.csv", demo_inputs::lookup_csv()),
    ] {
        let shipped = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(
            shipped == text,
            "{name} differs from build::demo_inputs: run `lifegap demo-data --build-inputs assets/data`"
        );
    }
}

#[test]
fn groupings_add_up_to_the_area() {
    let i = demo_inputs();
    let area = build::build(&request(&i, By::Area)).unwrap().data;
    for by in [By::Ward, By::Quintile, By::Decile] {
        let b = build::build(&request(&i, by)).unwrap();
        let n = match by {
            By::Ward => 10,
            By::Quintile => 5,
            _ => 10,
        };
        // Every group kept or reported as left out, never silently dropped.
        assert_eq!(b.data.groups.len() + b.left_out.len(), 2 * n, "{by:?}");
        if !b.left_out.is_empty() {
            continue;
        }
        for sex in Sex::BOTH {
            let whole = area.group("Demoborough", sex).unwrap();
            let parts: Vec<_> = b.data.groups.iter().filter(|g| g.sex == sex).collect();
            for band in 0..20 {
                let p: f64 = parts.iter().map(|g| g.population[band]).sum();
                assert_eq!(p, whole.population[band], "{by:?} {sex} band {band}");
                for c in 0..whole.deaths.len() {
                    let d: f64 = parts.iter().map(|g| g.deaths[c][band]).sum();
                    assert_eq!(d, whole.deaths[c][band]);
                }
            }
        }
    }
    let q = build::build(&request(&i, By::Quintile)).unwrap().data;
    assert_eq!(q.areas(), vec!["Q1", "Q2", "Q3", "Q4", "Q5"]);
}

#[test]
fn bad_death_records_are_located_and_refused() {
    let i = demo_inputs();
    let dir = i.dir.path();
    let deaths = write(
        dir,
        "bad-deaths.csv",
        "date_of_death,age,sex,icd10,lsoa_code\n\
         2007-02-29,70,1,I21.9,DEMOL001\n\
         2007-03-01,999,1,I21.9,DEMOL001\n\
         2007-03-01,70,9,I21.9,DEMOL001\n\
         2007-03-01,70,2,XYZ,DEMOL001\n\
         2007-03-01,70,2,I21.9,E01999999\n\
         2007-03-01,70,2,I21.9,DEMOL002\n\
         2005-12-31,70,2,I21.9,DEMOL002\n\
         2007-03-01,abc,0,nonsense,DEMOL002\n",
    );
    let mut r = request(&i, By::Area);
    r.deaths = &deaths;
    let b = build::build(&r).unwrap();
    let s = b.problems.to_string();
    for want in [
        "bad-deaths.csv:2:1 (date_of_death): error [invalid-date]",
        "bad-deaths.csv:3:2 (age): error [age-out-of-range]",
        "bad-deaths.csv:4:3 (sex): error [unknown-sex]",
        "bad-deaths.csv:5:4 (icd10): error [invalid-code]",
        "bad-deaths.csv:6:5 (lsoa_code): error [unknown-area-code]",
        "bad-deaths.csv:9:2 (age): error [age-out-of-range]",
        "bad-deaths.csv:9:3 (sex): error [unknown-sex]",
        "bad-deaths.csv:9:4 (icd10): error [invalid-code]",
    ] {
        assert!(s.contains(want), "missing {want} in\n{s}");
    }
    assert_eq!(
        (
            b.deaths.rows,
            b.deaths.used,
            b.deaths.rejected,
            b.deaths.outside_years
        ),
        (8, 1, 6, 1)
    );
    assert!(
        b.data
            .provenance
            .notes
            .iter()
            .any(|n| n.contains("8 rows, 1 used, 6 refused, 1 outside the years"))
    );
}

#[test]
fn an_unmapped_code_names_the_mapping() {
    let i = demo_inputs();
    let dir = i.dir.path();
    let mapping = write(dir, "m.csv", "first,last,cause\nI20,I25,chd\n");
    let deaths = write(
        dir,
        "d.csv",
        "date_of_registration,age,sex,icd10,lsoa\n2007-01-01,50,m,I21,DEMOL001\n2007-01-01,50,m,C34,DEMOL001\n",
    );
    let mut r = request(&i, By::Area);
    r.deaths = &deaths;
    r.mapping = Some(&mapping);
    let b = build::build(&r).unwrap();
    let s = b.problems.to_string();
    assert!(
        s.contains("d.csv:3:4 (icd10): error [unmapped-code]: no row of the cause mapping"),
        "{s}"
    );
    assert_eq!(b.data.causes, vec!["chd"]);
}

#[test]
fn population_headers_are_checked() {
    let i = demo_inputs();
    let dir = i.dir.path();
    let mut head = String::from("lsoa_code,year,sex,0-4");
    for a in 5..90 {
        head += &format!(",{a}");
    }
    head += ",85+\n";
    let pop = write(dir, "p.csv", &head);
    let mut r = request(&i, By::Area);
    r.population = &pop;
    let s = build::build(&r).err().unwrap().to_string();
    assert!(
        s.contains("p.csv:1:4 (0-4): error [age-columns]: column '0-4' spans the bands 0 and 1-4"),
        "{s}"
    );
    assert!(s.contains("(85+): error [age-columns]"), "{s}");
}

#[test]
fn a_local_authority_total_cannot_be_split_into_fifths() {
    let i = demo_inputs();
    let dir = i.dir.path();
    let deaths = write(
        dir,
        "d.csv",
        "date_of_death,age,sex,icd10,la_code\n2007-01-01,50,1,I21,DEMOLA01\n",
    );
    let mut r = request(&i, By::Quintile);
    r.deaths = &deaths;
    let s = build::build(&r).unwrap().problems.to_string();
    assert!(
        s.contains("DEMOLA01 is a local authority code, too coarse for --by deprivation-quintile"),
        "{s}"
    );
}

#[test]
fn a_missing_year_of_estimates_stops_the_build() {
    let i = demo_inputs();
    let dir = i.dir.path();
    let text: String = demo_inputs::population_csv()
        .lines()
        .filter(|l| !(l.starts_with("DEMOL007,2008,2")))
        .map(|l| format!("{l}\n"))
        .collect();
    let pop = write(dir, "p.csv", &text);
    let mut r = request(&i, By::Area);
    r.population = &pop;
    let s = build::build(&r).err().unwrap().to_string();
    assert!(
        s.contains("p.csv: error [no-population]: 1 estimate(s) of 2006-08 missing, e.g. DEMOL007 2008 female"),
        "{s}"
    );
    // A year of deaths missing is a warning (a year with no deaths is possible, if unlikely).
    let deaths: String = demo_inputs::deaths_csv()
        .lines()
        .filter(|l| !l.starts_with("2007-"))
        .map(|l| format!("{l}\n"))
        .collect();
    let d = write(dir, "d.csv", &deaths);
    let mut r = request(&i, By::Area);
    r.deaths = &d;
    let s = build::build(&r).unwrap().problems.to_string();
    assert!(
        s.contains("d.csv: warning [no-rows]: no deaths in 2007"),
        "{s}"
    );
}

#[test]
fn deaths_where_no_estimates_are_given_stop_the_build() {
    let i = demo_inputs();
    let dir = i.dir.path();
    let text: String = demo_inputs::population_csv()
        .lines()
        .filter(|l| !l.starts_with("DEMOL060,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let pop = write(dir, "p.csv", &text);
    let mut r = request(&i, By::Area);
    r.population = &pop;
    let s = build::build(&r).err().unwrap().to_string();
    assert!(
        s.contains("p.csv: error [no-population]: 1 place(s) with deaths have no estimates for 2006-08, e.g. DEMOL060"),
        "{s}"
    );
}

#[test]
fn a_missing_column_is_named_with_the_names_read() {
    let i = demo_inputs();
    let d = write(
        i.dir.path(),
        "d.csv",
        "# a comment\ndate_of_death,age,sex,lsoa\n2007-01-01,50,1,DEMOL001\n",
    );
    let mut r = request(&i, By::Area);
    r.deaths = &d;
    let s = build::build(&r).err().unwrap().to_string();
    assert!(
        s.contains(
            "d.csv:2: error [missing-column]: no 'icd10' column (also read as: underlying_cause,"
        ),
        "{s}"
    );
}
