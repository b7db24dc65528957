//! Scenario files from colleagues are untrusted: every number has a range and a problem points
//! at the field itself (line and column); the data may not lie outside the scenario's folder
//! unless allowed; a data file that is not area data is never quoted; BOMs are accepted and
//! impossible dates refused. Each test fails when the rule it names is taken out.

use crate::common::{shipped, workspace_root};
use lifegap_core::data::{Problem, Problems, Rule};
use lifegap_core::evaluate::{EvalOptions, evaluate};
use lifegap_core::model::projection::{ProjectionError, Simulator};
use lifegap_core::model::scenario::{DataSource, Date, Period, Scenario};
use lifegap_core::scenario_file::{self, DataAccess, LoadedScenario};
use std::path::{Path, PathBuf};

/// The demo area file, shipped beside the demo scenarios' folder.
fn demo_csv() -> PathBuf {
    workspace_root().join("assets/data/demo-area-2006-08.csv")
}

/// The countdown demo's text with its data beside it (`area.csv` in the scenario's folder).
fn inside_text() -> String {
    std::fs::read_to_string(&shipped()[0]).unwrap().replace(
        "data: Wide(\"../assets/data/demo-area-2006-08.csv\")",
        "data: Wide(\"area.csv\")",
    )
}

/// A folder holding `area.csv` (the demo data) for scenarios to be written into.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(demo_csv(), dir.path().join("area.csv")).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn load_inside(dir: &Path, text: &str) -> Result<LoadedScenario, Problems> {
    scenario_file::load_with(&write(dir, "s.ron", text), DataAccess::InsideFolder)
}

/// Replace the `nth` (0-based) occurrence of `from`.
fn replace_nth(text: &str, from: &str, to: &str, nth: usize) -> String {
    let i = text
        .match_indices(from)
        .nth(nth)
        .unwrap_or_else(|| panic!("no occurrence {nth} of «{from}»"))
        .0;
    format!("{}{}{}", &text[..i], to, &text[i + from.len()..])
}

/// Replace the first `from` after the `nth` occurrence of `anchor`.
fn replace_after(text: &str, anchor: &str, nth: usize, from: &str, to: &str) -> String {
    let a = text.match_indices(anchor).nth(nth).unwrap().0;
    let i = a + text[a..].find(from).unwrap();
    format!("{}{}{}", &text[..i], to, &text[i + from.len()..])
}

/// 1-based line and column of the byte offset `i`.
fn line_col(text: &str, i: usize) -> (u64, usize) {
    let before = &text[..i];
    let line = before.matches('\n').count() as u64 + 1;
    let col = before[before.rfind('\n').map_or(0, |k| k + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

/// Where `value` starts, in the `nth` occurrence of `context` (which contains it).
fn position(text: &str, context: &str, nth: usize, value: &str) -> (u64, usize) {
    let c = text
        .match_indices(context)
        .nth(nth)
        .unwrap_or_else(|| panic!("no occurrence {nth} of «{context}»"))
        .0;
    line_col(text, c + context.find(value).unwrap())
}

/// The one error at `(line, col)`: it must be a content error naming `want`.
fn assert_error_at(problems: &Problems, at: (u64, usize), want: &[&str], case: &str) {
    let here: Vec<&Problem> = problems
        .errors()
        .filter(|p| p.line == Some(at.0) && p.column.as_ref().map(|c| c.0) == Some(at.1))
        .collect();
    assert!(
        !here.is_empty(),
        "{case}: no error at {}:{}; got:\n{problems}",
        at.0,
        at.1
    );
    let p = here[0];
    assert_eq!(p.rule, Rule::ScenarioInvalid, "{case}: {p}");
    for w in want {
        assert!(p.message.contains(w), "{case}: «{w}» missing in {p}");
    }
}

struct Case {
    name: &'static str,
    /// Text replaced, its occurrence, and the replacement.
    from: &'static str,
    nth: usize,
    to: &'static str,
    /// The bad value, found inside the replacement.
    value: &'static str,
    /// Words the message must have (the rule and its range).
    want: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "horizon of two billion years",
        from: "horizon: \"2008-15\"",
        nth: 0,
        to: "horizon: \"2008-2147483647\"",
        value: "\"2008",
        want: &["horizon", "1900–2100"],
    },
    Case {
        name: "horizon longer than 60 years",
        from: "horizon: \"2008-15\"",
        nth: 0,
        to: "horizon: \"2008-2100\"",
        value: "\"2008",
        want: &["horizon", "at most 60"],
    },
    Case {
        name: "base period before 1900",
        from: "base_period: \"2006-08\"",
        nth: 0,
        to: "base_period: \"1850-52\"",
        value: "\"1850",
        want: &["base period", "1900–2100"],
    },
    Case {
        name: "base period pooling 30 years",
        from: "base_period: \"2006-08\"",
        nth: 0,
        to: "base_period: \"1980-2009\"",
        value: "\"1980",
        want: &["base period", "at most 10"],
    },
    Case {
        name: "planning date in 2500",
        from: "as_of: \"2009-04-01\"",
        nth: 0,
        to: "as_of: \"2500-01-01\"",
        value: "\"2500",
        want: &["as_of", "1900–2100"],
    },
    Case {
        name: "third programme starting in 3000",
        from: "start_year: 2009",
        nth: 2,
        to: "start_year: 3000",
        value: "3000",
        want: &["start_year", "1900–2100"],
    },
    Case {
        name: "start year too long before the horizon",
        from: "start_year: 2009",
        nth: 1,
        to: "start_year: 1901",
        value: "1901",
        want: &["start_year", "1955 to 2015", "60 years"],
    },
    Case {
        name: "start year after the horizon",
        from: "start_year: 2009",
        nth: 3,
        to: "start_year: 2020",
        value: "2020",
        want: &["start_year 2020", "1955 to 2015"],
    },
    Case {
        name: "milestone pooled over 12 years",
        from: "period: \"2011-13\"",
        nth: 0,
        to: "period: \"2004-15\"",
        value: "\"2004",
        want: &["milestone period 2004-15", "at most 10"],
    },
    Case {
        name: "milestone baseline in 1066",
        from: "baseline: \"1995-97\"",
        nth: 1,
        to: "baseline: \"1066-68\"",
        value: "\"1066",
        want: &["milestone baseline 1066-68", "1900–2100"],
    },
    Case {
        name: "gap milestone of 50 years",
        from: "MinLifeExpectancy(77.4)",
        nth: 0,
        to: "MaxGap(50.0)",
        value: "50.0",
        want: &["(men)", "-30 to 30 years"],
    },
    Case {
        name: "ramp of a billion years",
        from: "ramp_years: 2.0",
        nth: 0,
        to: "ramp_years: 1e9",
        value: "1e9",
        want: &["ramp_years", "0 to 60 years"],
    },
    Case {
        name: "NaN ramp",
        from: "ramp_years: 2.0",
        nth: 1,
        to: "ramp_years: NaN",
        value: "NaN",
        want: &["ramp_years", "NaN", "0 to 60"],
    },
    Case {
        name: "negative ramp",
        from: "ramp_years: 1.0",
        nth: 0,
        to: "ramp_years: -1.0",
        value: "-1.0",
        want: &["ramp_years", "0 to 60"],
    },
    Case {
        name: "lag point a billion years on",
        from: "(2.0, 1.0)]",
        nth: 0,
        to: "(1e9, 1.0)]",
        value: "1e9",
        want: &["lag", "0 to 100"],
    },
    Case {
        name: "lag share of infinity",
        from: "(2.0, 1.0)]",
        nth: 1,
        to: "(2.0, inf)]",
        value: "inf",
        want: &["lag", "share", "0 to 1"],
    },
    Case {
        name: "no draws",
        from: "draws: 1000",
        nth: 0,
        to: "draws: 0",
        value: "0",
        want: &["uncertainty.draws", "1 to 100000"],
    },
    Case {
        name: "too many draws",
        from: "draws: 1000",
        nth: 0,
        to: "draws: 4294967295",
        value: "4294967295",
        want: &["uncertainty.draws", "1 to 100000"],
    },
    Case {
        name: "women's history NaN",
        from: "female: 78.3",
        nth: 0,
        to: "female: NaN",
        value: "NaN",
        want: &["history 1995-97", "local female", "10 to 120 years"],
    },
    Case {
        name: "comparator history infinite",
        from: "male: 76.9",
        nth: 0,
        to: "male: inf",
        value: "inf",
        want: &["comparator male", "10 to 120 years"],
    },
    Case {
        name: "history of 1e308 years",
        from: "male: 74.9",
        nth: 0,
        to: "male: 1e308",
        value: "1e308",
        want: &["1e308", "10 to 120 years"],
    },
    Case {
        name: "annual trend NaN for women",
        from: "trend: FromHistory",
        nth: 0,
        to: "trend: Annual(local: BySex(male: 0.28, female: NaN), comparator: BySex(male: 0.3, female: 0.21))",
        value: "NaN",
        want: &["trend", "local female", "-2 to 2"],
    },
    Case {
        name: "annual trend of 50 years a year",
        from: "trend: FromHistory",
        nth: 0,
        to: "trend: Annual(local: BySex(male: 0.28, female: 0.19), comparator: BySex(male: 50.0, female: 0.21))",
        value: "50.0",
        want: &["trend", "comparator male", "-2 to 2"],
    },
    Case {
        name: "women's milestone of 1e308 years",
        from: "MinLifeExpectancy(81.45)",
        nth: 0,
        to: "MinLifeExpectancy(1e308)",
        value: "1e308",
        want: &["(women)", "10 to 120 years"],
    },
    Case {
        name: "men's gap milestone NaN",
        from: "MinLifeExpectancy(77.4)",
        nth: 0,
        to: "MaxGap(NaN)",
        value: "NaN",
        want: &["(men)", "-30 to 30 years"],
    },
    Case {
        name: "women's reduction above 1",
        from: "reduction: 0.1",
        nth: 1,
        to: "reduction: 1.5",
        value: "1.5",
        want: &["2010 PSA target (women)", "reduction 1.5", "0 up to"],
    },
    Case {
        name: "at-risk years negative",
        from: "at_risk_years: 0.2",
        nth: 0,
        to: "at_risk_years: -1.0",
        value: "-1.0",
        want: &["at_risk_years", "0 to 10 years"],
    },
    Case {
        name: "at-risk years NaN",
        from: "at_risk_years: 0.2",
        nth: 0,
        to: "at_risk_years: NaN",
        value: "NaN",
        want: &["at_risk_years", "0 to 10 years"],
    },
    Case {
        name: "eligible ages to 500",
        from: "ages: \"40-74\"",
        nth: 0,
        to: "ages: \"40-500\"",
        value: "\"40-500\"",
        want: &[
            "Statins: primary prevention (high CVD risk): eligible",
            "ages 40-500",
            "0–120",
        ],
    },
    Case {
        name: "partner share NaN",
        from: "share: 0.4,\n            ), Partner(",
        nth: 0,
        to: "share: NaN,\n            ), Partner(",
        value: "NaN",
        want: &[
            "action plan for Statins: primary prevention (high CVD risk): partner",
            "share NaN",
            "between 0 and 1",
        ],
    },
    Case {
        name: "coverage target above 1",
        from: "target: 0.35,",
        nth: 0,
        to: "target: 1.5,",
        value: "1.5",
        want: &[
            "Statins: primary prevention (high CVD risk): coverage target 1.5",
            "coverage target 1.5",
            "0 to 1",
        ],
    },
];

#[test]
fn every_number_out_of_range_is_refused_at_its_own_field() {
    let dir = folder();
    let base = inside_text();
    load_inside(dir.path(), &base).expect("the unchanged scenario loads");
    for case in CASES {
        let text = replace_nth(&base, case.from, case.to, case.nth);
        let problems = load_inside(dir.path(), &text)
            .err()
            .unwrap_or_else(|| panic!("{}: accepted", case.name));
        let at = position(&text, case.to, 0, case.value);
        assert_error_at(&problems, at, case.want, case.name);
        // The field's path is shown in place of a column name.
        let p = problems.errors().next().unwrap();
        assert!(
            p.column.as_ref().is_some_and(|c| !c.1.is_empty()),
            "{}: {p}",
            case.name
        );
    }
}

#[test]
fn evidence_numbers_are_refused_at_their_own_field() {
    let dir = folder();
    let base = inside_text();
    // The warm-homes programme's cost (the last programme): £1e12 a person.
    let i = base.rfind("cost_per_person: Evidence(").unwrap();
    let j = i + base[i..].find("value: 300.0").unwrap();
    let text = format!(
        "{}value: 1e12{}",
        &base[..j],
        &base[j + "value: 300.0".len()..]
    );
    let problems = load_inside(dir.path(), &text).unwrap_err();
    assert_error_at(
        &problems,
        line_col(&text, j + "value: ".len()),
        &["cost per person", "value 1e12", "0 to 1000000"],
        "cost",
    );
    // A group's relative risk of a million.
    let text = replace_after(
        &base,
        "relative_risk: Evidence(",
        0,
        "value: ",
        "value: 1e6, //",
    );
    let problems = load_inside(dir.path(), &text).unwrap_err();
    let k = text.find("value: 1e6").unwrap() + "value: ".len();
    assert_error_at(
        &problems,
        line_col(&text, k),
        &["relative risk", "0 to 100"],
        "relative risk",
    );
    // A publication year of 1700.
    let text = replace_after(&base, "adherence: Evidence(", 0, "year: ", "year: 1700, //");
    let problems = load_inside(dir.path(), &text).unwrap_err();
    let k = text.find("year: 1700").unwrap() + "year: ".len();
    assert_error_at(
        &problems,
        line_col(&text, k),
        &["adherence", "year 1700", "1800–2100"],
        "publication year",
    );
}

/// A treated share by age out of 0–1 is refused at its own value (file, line, column), as an
/// eligible share or an effect's relative risk by age is.
#[test]
fn a_baseline_coverage_by_age_is_refused_at_its_value() {
    let dir = folder();
    let base = inside_text();
    let text = replace_nth(
        &base,
        "baseline_coverage: 0.402",
        "baseline_coverage: 1.402",
        0,
    );
    let problems = load_inside(dir.path(), &text).unwrap_err();
    let at = position(&text, "baseline_coverage: 1.402", 0, "1.402");
    assert_error_at(
        &problems,
        at,
        &[
            "Blood-pressure treatment",
            "baseline coverage 1.402 at ages 55-64",
            "0 to 1",
        ],
        "baseline coverage",
    );
    let p = problems.errors().next().unwrap();
    assert!(
        p.column
            .as_ref()
            .is_some_and(|c| c.1.contains("eligible.by_age.bands[2].baseline_coverage")),
        "{p}"
    );
}

#[test]
fn a_duplicate_id_points_at_the_second_programme() {
    let dir = folder();
    let text = replace_nth(
        &inside_text(),
        "id: \"statins_secondary\"",
        "id: \"statins_primary\"",
        0,
    );
    let problems = load_inside(dir.path(), &text).unwrap_err();
    let at = position(&text, "id: \"statins_primary\"", 1, "\"");
    assert_error_at(
        &problems,
        at,
        &["two programmes have the id"],
        "duplicate id",
    );
}

#[test]
fn counts_are_bounded_and_located() {
    let dir = folder();
    let loaded = load_inside(dir.path(), &inside_text()).unwrap();
    let mut s = loaded.scenario.clone();
    let p = s.programmes[0].clone();
    for k in 0..60 {
        let mut q = p.clone();
        q.id = format!("copy_{k}");
        s.programmes.push(q);
    }
    let m = s.milestones[0].clone();
    for _ in 0..25 {
        s.milestones.push(m.clone());
    }
    let text = scenario_file::to_text(&s);
    let problems = load_inside(dir.path(), &text).unwrap_err();
    assert_error_at(
        &problems,
        position(&text, "programmes: [", 0, "["),
        &["programmes, at most 50"],
        "programmes",
    );
    assert_error_at(
        &problems,
        position(&text, "milestones: [", 0, "["),
        &["milestones, at most 20"],
        "milestones",
    );
    // Lag points, history periods, partners and checklist items.
    let mut s = loaded.scenario.clone();
    s.programmes[1].lag.points = (0..51).map(|k| (k as f64, 1.0)).collect();
    let h = s.history[0].clone();
    s.history = vec![h; 101];
    let plan = &mut s.action_plan.programmes[0];
    let partner = plan.partners[0].clone();
    plan.partners = vec![partner; 51];
    let item = plan.checklist[0].clone();
    plan.checklist = vec![item; 51];
    let text = scenario_file::to_text(&s);
    let problems = load_inside(dir.path(), &text).unwrap_err();
    let lag = text.match_indices("lag: LagProfile(").nth(1).unwrap().0;
    let points = lag + text[lag..].find("points: [").unwrap() + "points: ".len();
    assert_error_at(
        &problems,
        line_col(&text, points),
        &["51 points, at most 50"],
        "lag points",
    );
    assert_error_at(
        &problems,
        position(&text, "history: [", 0, "["),
        &["101 periods, at most 100"],
        "history",
    );
    assert_error_at(
        &problems,
        position(&text, "partners: [", 0, "["),
        &["51 partners, at most 50"],
        "partners",
    );
    assert_error_at(
        &problems,
        position(&text, "checklist: [", 0, "["),
        &["51 checklist items, at most 50"],
        "checklist",
    );
}

#[test]
fn range_rules_run_before_anything_is_allocated() {
    let loaded = scenario_file::load(&shipped()[0]).unwrap();
    let mut s: Scenario = loaded.scenario.clone();
    // Not through the parser: the model itself refuses, before building a year per year.
    for h in [
        Period::new(2008, i32::MAX),
        Period::new(i32::MIN, i32::MAX),
        Period::new(2008, 2200),
    ] {
        s.horizon = h;
        match Simulator::new(&s, &loaded.data) {
            Err(ProjectionError::Invalid(m)) => assert!(m.contains("horizon"), "{m}"),
            other => panic!("{h:?}: {:?}", other.map(|_| ())),
        }
        let as_of = Date {
            year: 2009,
            month: 4,
            day: 1,
        };
        assert!(evaluate(&s, &loaded.data, &EvalOptions::with_draws(as_of, None)).is_err());
    }
}

#[test]
fn a_byte_order_mark_is_read_like_a_csv_one() {
    let dir = folder();
    let text = format!("\u{feff}{}", inside_text());
    let l = load_inside(dir.path(), &text).expect("a scenario with a BOM loads");
    assert_eq!(l.scenario.area, "Demoborough");
    // …and its problems are still located where an editor shows them.
    let bad = replace_nth(&text, "ramp_years: 2.0", "ramp_years: NaN", 0);
    let problems = load_inside(dir.path(), &bad).unwrap_err();
    let plain = bad.trim_start_matches('\u{feff}');
    assert_error_at(
        &problems,
        position(plain, "ramp_years: NaN", 0, "NaN"),
        &["ramp_years"],
        "BOM",
    );
}

#[test]
fn impossible_dates_are_refused_where_they_are_written() {
    let dir = folder();
    let text = replace_nth(
        &inside_text(),
        "as_of: \"2009-04-01\"",
        "as_of: \"2009-02-31\"",
        0,
    );
    let problems = load_inside(dir.path(), &text).unwrap_err();
    let p = problems.errors().next().unwrap();
    assert_eq!(p.rule, Rule::ScenarioSyntax, "{p}");
    assert!(p.message.contains("does not exist"), "{p}");
    assert!(p.message.contains("February 2009 has 28 days"), "{p}");
    // ron points at the string's first character, inside its quotes.
    let (line, col) = position(&text, "as_of: \"2009-02-31\"", 0, "2009");
    assert_eq!(p.line, Some(line), "{p}");
    assert_eq!(p.column.as_ref().map(|c| c.0), Some(col), "{p}");
}

#[test]
fn embedded_data_are_held_to_their_ranges_at_the_value() {
    let dir = folder();
    let loaded = load_inside(dir.path(), &inside_text()).unwrap();
    let mut s = loaded.scenario.clone();
    let mut data = loaded.data.clone();
    data.groups.truncate(4);
    let pop = data.groups[1].population[3];
    s.data = DataSource::Embedded(data);
    let good = scenario_file::to_text(&s);
    load_inside(dir.path(), &good).expect("embedded data load");
    let needle = format!("{pop:?}");
    let k = good.match_indices(&needle).next().unwrap().0;
    // The same number may appear earlier: find the group's own (second group, fourth band).
    let g = good.match_indices("Group(").nth(1).unwrap().0;
    let k = if k < g {
        g + good[g..].find(&needle).unwrap()
    } else {
        k
    };
    let text = format!("{}1e308{}", &good[..k], &good[k + needle.len()..]);
    let problems = load_inside(dir.path(), &text).unwrap_err();
    assert_error_at(
        &problems,
        line_col(&text, k),
        &["population 1e308", "at most 1e10"],
        "embedded population",
    );
    // A band with more deaths than people.
    let text = format!("{}1.0{}", &good[..k], &good[k + needle.len()..]);
    let problems = load_inside(dir.path(), &text).unwrap_err();
    assert_error_at(
        &problems,
        line_col(&text, k),
        &["exceed population (1)", "band 4"],
        "embedded deaths above population",
    );
}

// ---------------------------------------------------------------------------------------
// Data outside the scenario's folder.

fn with_data(path: &str) -> String {
    inside_text().replace("data: Wide(\"area.csv\")", &format!("data: Wide({path:?})"))
}

fn assert_refused_outside(problems: &Problems, text: &str, why: &str) {
    let p = problems
        .errors()
        .find(|p| p.message.contains("leads outside the scenario's folder"))
        .unwrap_or_else(|| panic!("not refused:\n{problems}"));
    assert!(p.message.contains(why), "{p}");
    assert!(p.message.contains("--allow-data-outside"), "{p}");
    let (line, col) = position(text, "data: Wide(\"", 0, "\"");
    assert_eq!(p.line, Some(line), "{p}");
    assert_eq!(p.column.as_ref().map(|c| c.0), Some(col), "{p}");
}

#[test]
fn data_outside_the_folder_need_permission() {
    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("elsewhere.csv");
    std::fs::copy(demo_csv(), &elsewhere).unwrap();
    let dir = outside.path().join("scenarios");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::copy(demo_csv(), dir.join("area.csv")).unwrap();
    for (written, why) in [
        (elsewhere.display().to_string(), "absolute path"),
        ("../elsewhere.csv".to_string(), "'..'"),
        ("sub/../area.csv".to_string(), "'..'"),
    ] {
        let text = with_data(&written);
        let p = write(&dir, "s.ron", &text);
        let problems = scenario_file::load_with(&p, DataAccess::InsideFolder).unwrap_err();
        assert_refused_outside(&problems, &text, why);
        // The app's way in refuses too.
        assert!(scenario_file::load_for_editing_with(&p, DataAccess::InsideFolder).is_err());
        // Allowed, they load.
        let l = scenario_file::load_with(&p, DataAccess::Anywhere)
            .unwrap_or_else(|e| panic!("{written}: {e}"));
        assert_eq!(l.scenario.area, "Demoborough");
        let o = scenario_file::data_outside(&p, &l.scenario.data);
        assert_eq!(o.len(), 1, "{written}");
        assert_eq!(o[0].written, written);
    }
    // Below the scenario's folder is fine.
    std::fs::copy(demo_csv(), dir.join("sub/area.csv")).unwrap();
    let p = write(&dir, "s.ron", &with_data("sub/area.csv"));
    scenario_file::load_with(&p, DataAccess::InsideFolder).unwrap();
}

#[cfg(unix)]
#[test]
fn a_link_leading_out_of_the_folder_is_outside() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(demo_csv(), outside.path().join("elsewhere.csv")).unwrap();
    let dir = folder();
    std::os::unix::fs::symlink(
        outside.path().join("elsewhere.csv"),
        dir.path().join("link.csv"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path().join("area.csv"), dir.path().join("inner.csv")).unwrap();
    let text = with_data("link.csv");
    let problems = load_inside(dir.path(), &text).unwrap_err();
    assert_refused_outside(&problems, &text, "a link leads out");
    load_inside(dir.path(), &with_data("inner.csv")).expect("a link within the folder");
}

#[test]
fn long_format_paths_are_each_held_to_the_folder() {
    let dir = folder();
    let text = inside_text().replace(
        "data: Wide(\"area.csv\")",
        "data: Long(deaths: \"deaths.csv\", population: \"/etc/population.csv\")",
    );
    let problems = load_inside(dir.path(), &text).unwrap_err();
    let p = problems
        .errors()
        .find(|p| p.message.contains("leads outside"))
        .unwrap();
    assert!(p.message.contains("/etc/population.csv"), "{p}");
    let (line, col) = position(&text, "population: \"/etc", 0, "\"");
    assert_eq!(
        (p.line, p.column.as_ref().map(|c| c.0)),
        (Some(line), Some(col))
    );
}

#[test]
fn the_shipped_demos_read_lifegaps_own_demo_data() {
    for path in shipped() {
        scenario_file::load_with(&path, DataAccess::InsideFolder)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

// ---------------------------------------------------------------------------------------
// Files that are not area data are never quoted.

const SECRET: &str = "s3cr3tHASHvalue";

#[test]
fn a_file_that_is_not_area_data_is_not_quoted() {
    let dir = folder();
    std::fs::write(
        dir.path().join("shadow"),
        format!("root:$6${SECRET}:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nuser:$6${SECRET}2:1:2:3::::\n"),
    )
    .unwrap();
    let outside = tempfile::tempdir().unwrap();
    let abs = outside.path().join("environ");
    std::fs::write(&abs, format!("HOME=/root\0TOKEN={SECRET}\0PATH=/usr/bin\0")).unwrap();
    for (written, access) in [
        ("shadow".to_string(), DataAccess::InsideFolder),
        (abs.display().to_string(), DataAccess::Anywhere),
    ] {
        let p = write(dir.path(), "s.ron", &with_data(&written));
        let problems = scenario_file::load_with(&p, access).unwrap_err();
        let shown = problems.to_string();
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(!shown.contains("TOKEN"), "{shown}");
        assert!(
            shown.contains("not area data of the expected shape"),
            "{shown}"
        );
        assert!(problems.list.iter().all(|p| p.column.is_none()), "{shown}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn the_processes_environment_is_not_quoted() {
    let dir = folder();
    let p = write(dir.path(), "s.ron", &with_data("/proc/self/environ"));
    let problems = scenario_file::load_with(&p, DataAccess::Anywhere).unwrap_err();
    let shown = problems.to_string();
    let own_path = p.display().to_string();
    for (k, v) in std::env::vars() {
        if v.len() >= 8 && !own_path.contains(&v) {
            assert!(!shown.contains(&v), "{k}'s value shown: {shown}");
        }
    }
    assert!(
        shown.contains("not area data of the expected shape"),
        "{shown}"
    );
}

#[cfg(unix)]
#[test]
fn devices_are_not_read_as_data_and_huge_scenarios_are_refused() {
    let dir = folder();
    let p = write(dir.path(), "s.ron", &with_data("/dev/zero"));
    let problems = scenario_file::load_with(&p, DataAccess::Anywhere).unwrap_err();
    assert!(
        problems.to_string().contains("not a regular file"),
        "{problems}"
    );
    let problems = scenario_file::load_with(Path::new("/dev/zero"), DataAccess::Anywhere)
        .unwrap_err()
        .to_string();
    assert!(problems.contains("larger than 64 MiB"), "{problems}");
}

#[test]
fn quoted_cells_are_printable_and_short() {
    let dir = folder();
    let mut csv = std::fs::read_to_string(demo_csv()).unwrap();
    let long = format!("\u{1b}]0;pwned\u{7}{}", "x".repeat(300));
    // A cause column with a terminal escape and a long name, and a sex cell of the same.
    csv = csv.replacen(
        "area,sex,age,population,",
        &format!("area,sex,age,population,{long},"),
        1,
    );
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let header = lines.iter().position(|l| l.starts_with("area,")).unwrap();
    for (n, l) in lines.iter_mut().enumerate().skip(header + 1) {
        let mut cells: Vec<String> = l.split(',').map(str::to_string).collect();
        cells.insert(4, "0".into());
        if n == header + 1 {
            cells[1] = long.clone();
        }
        *l = cells.join(",");
    }
    std::fs::write(dir.path().join("odd.csv"), lines.join("\n")).unwrap();
    let p = write(dir.path(), "s.ron", &with_data("odd.csv"));
    let shown = match scenario_file::load_with(&p, DataAccess::InsideFolder) {
        Ok(l) => l.problems.to_string(),
        Err(e) => e.to_string(),
    };
    assert!(shown.contains("unknown sex"), "{shown}");
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
        "{shown}"
    );
    assert!(!shown.contains(&"x".repeat(41)), "{shown}");
    assert!(shown.contains('…'), "{shown}");
}

#[test]
fn an_area_missing_from_the_data_lists_a_few_names_safely() {
    let dir = folder();
    let mut csv = String::from("area,sex,age,population,chd,other\n");
    let bands = [
        0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90,
    ];
    for k in 0..15 {
        for sex in ["male", "female"] {
            for b in bands {
                csv.push_str(&format!("Area{k}\u{1b}[2J,{sex},{b},10000,5,20\n"));
            }
        }
    }
    std::fs::write(dir.path().join("many.csv"), csv).unwrap();
    let p = write(dir.path(), "s.ron", &with_data("many.csv"));
    let shown = scenario_file::load_with(&p, DataAccess::InsideFolder)
        .unwrap_err()
        .to_string();
    assert!(
        shown.contains("area 'Demoborough' has no valid data"),
        "{shown}"
    );
    assert!(shown.contains("… 5 more"), "{shown}");
    assert!(!shown.contains('\u{1b}'), "{shown}");
}
