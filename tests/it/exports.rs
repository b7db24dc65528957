//! Board-pack exports: the HTML report for every shipped scenario is valid, self-contained and
//! has every chart; SVG charts parse as XML and contain their series; PNGs have the size asked
//! for; CSV tables round-trip to the model's numbers.

use crate::common::shipped;
use assert_cmd::Command;
use lifegap_core::evaluate::{EvalOptions, Evaluation, evaluate};
use lifegap_core::scenario_file;
use lifegap_report::export::board::Board;
use lifegap_report::export::charts::{self, Kind};
use std::path::{Path, PathBuf};

/// Everything a board needs, owned.
struct Owned {
    loaded: scenario_file::LoadedScenario,
    evaluation: Evaluation,
}

impl Owned {
    fn new(path: &Path, draws: u32) -> Owned {
        let loaded = scenario_file::load(path).unwrap();
        let s = &loaded.scenario;
        let opts = EvalOptions::with_draws(s.as_of.unwrap(), Some(draws));
        let evaluation = evaluate(s, &loaded.data, &opts).unwrap();
        Owned { loaded, evaluation }
    }

    fn board(&self) -> Board<'_> {
        Board::of(
            &self.loaded.scenario,
            &self.evaluation,
            self.evaluation.results.uncertainty.as_ref(),
            &self.loaded.data.provenance,
        )
    }
}

#[test]
fn the_report_for_every_shipped_scenario_is_valid_self_contained_html_with_every_chart() {
    let dir = tempfile::tempdir().unwrap();
    for path in shipped() {
        let out = dir.path().join("pack.html");
        Command::cargo_bin("lifegap")
            .unwrap()
            .arg("report")
            .arg(&path)
            .arg("--out")
            .arg(&out)
            .args(["--draws", "100"])
            .assert()
            .success();
        let html = std::fs::read_to_string(&out).unwrap();
        let doc = scraper::Html::parse_document(&html);
        assert!(
            doc.errors.is_empty(),
            "{}: HTML parse errors {:?}",
            path.display(),
            doc.errors
        );
        let sel = |s: &str| scraper::Selector::parse(s).unwrap();
        for id in [
            "summary",
            "gap",
            "programmes",
            "countdowns",
            "delivery",
            "action-plan",
            "assumptions",
            "mortality",
        ] {
            assert_eq!(
                doc.select(&sel(&format!("section#{id}"))).count(),
                1,
                "section {id}"
            );
        }
        // The mortality rates: a header and three measures for each sex.
        assert_eq!(doc.select(&sel("section#mortality tr")).count(), 7);
        // Every chart the board has is in the pack, as inline SVG.
        let owned = Owned::new(&path, 100);
        let want = charts::all(&owned.board());
        assert!(want.len() >= 12);
        for c in &want {
            let fig = doc
                .select(&sel(&format!("figure[data-chart=\"{}\"]", c.id)))
                .next()
                .unwrap_or_else(|| panic!("{}: chart {} missing", path.display(), c.id));
            assert_eq!(fig.select(&sel("svg")).count(), 1, "{} has its SVG", c.id);
        }
        // Self-contained: nothing fetched from anywhere.
        for bad in [
            "<script",
            "<link",
            "src=\"http",
            "href=\"http",
            "@import",
            "url(",
        ] {
            assert!(!html.contains(bad), "{}: found {bad}", path.display());
        }
        assert!(html.contains("size: A4 landscape"));
        // The milestone table shows the model's statuses.
        for m in &owned.evaluation.results.milestones {
            assert!(html.contains(&m.result.label), "{}", m.result.label);
        }
        // Programme sources are printed.
        assert!(html.contains("Taylor et al., Cochrane Review CD004816 (2013)"));
        assert!(html.contains("Is the scale enough to show at population level?"));
    }
}

#[test]
fn svg_charts_parse_and_contain_their_series() {
    let owned = Owned::new(&shipped()[0], 100);
    let board = owned.board();
    let cause_age = charts::cause_age(&board);
    assert_eq!(cause_age.len(), 2, "one cause × age chart per sex");
    for c in charts::all(&board).into_iter().chain(cause_age) {
        let svg = charts::svg(&c, 1600, 900).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{}: {e}", c.id));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("width"), Some("1600"));
        let texts: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(|t| t.trim().to_string()))
            .collect();
        let shapes = doc
            .descendants()
            .filter(|n| {
                n.has_tag_name("polyline")
                    || n.has_tag_name("rect")
                    || n.has_tag_name("path")
                    || n.has_tag_name("polygon")
            })
            .count();
        assert!(texts.iter().any(|t| t == c.title.trim()), "{}: title", c.id);
        // Legends never over the data: every legend name sits below the x axis's
        // description, which is under the plot area.
        let y_of = |name: &str| -> f64 {
            doc.descendants()
                .find(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some(name))
                .and_then(|n| n.attribute("y"))
                .unwrap_or_else(|| panic!("{}: no text {name:?}", c.id))
                .parse()
                .unwrap()
        };
        let legend: Vec<String> = match &c.kind {
            Kind::Countdown(_) => vec![
                "measurement period".into(),
                "target".into(),
                "history (three-year periods)".into(),
                "projected with programmes".into(),
                "planning date".into(),
            ],
            Kind::Lines { series, .. } => series.iter().map(|s| s.0.clone()).collect(),
            Kind::CauseAge(ca) => ca
                .groups
                .iter()
                .map(|g| lifegap_report::views::group_label(g).to_string())
                .collect(),
            _ => vec![],
        };
        if !legend.is_empty() {
            let axis = match &c.kind {
                Kind::CauseAge(_) => "age at the start of the band",
                _ => "year",
            };
            let floor = y_of(axis);
            for name in &legend {
                assert!(
                    y_of(name) > floor,
                    "{}: legend entry {name:?} is not under the plot",
                    c.id
                );
            }
        }
        match &c.kind {
            Kind::Countdown(cd) => {
                for series in [
                    "history (three-year periods)",
                    "required trajectory",
                    "projected without programmes",
                    "projected with programmes",
                    "target",
                ] {
                    assert!(
                        texts.iter().any(|t| t == series),
                        "{}: legend entry {series}",
                        c.id
                    );
                }
                // One polyline per drawn line with as many points as the series.
                let with_points = doc
                    .descendants()
                    .filter(|n| n.has_tag_name("polyline"))
                    .map(|n| {
                        n.attribute("points")
                            .unwrap_or("")
                            .split_whitespace()
                            .count()
                    })
                    .collect::<Vec<_>>();
                assert!(
                    with_points.contains(&cd.with.len()),
                    "{}: a polyline with {} points in {:?}",
                    c.id,
                    cd.with.len(),
                    with_points
                );
                assert!(cd.band.is_some(), "uncertainty band drawn");
                assert!(
                    doc.descendants().any(|n| n.has_tag_name("polygon")),
                    "{}: band polygon",
                    c.id
                );
            }
            Kind::HorizontalBars { bars, .. } | Kind::AgeBars { bars, .. } => {
                for b in bars {
                    assert!(
                        texts.iter().any(|t| t == &b.label),
                        "{}: label {}",
                        c.id,
                        b.label
                    );
                }
                assert!(shapes > bars.len(), "{}: bars drawn", c.id);
            }
            Kind::Lines { series, .. } => {
                for (name, ..) in series {
                    assert!(texts.iter().any(|t| t == name), "{}: legend {name}", c.id);
                }
            }
            // Every cause group named in the legend under the plot; a rectangle per segment.
            Kind::CauseAge(ca) => {
                for g in &ca.groups {
                    let name = lifegap_report::views::group_label(g);
                    assert!(texts.iter().any(|t| t == name), "{}: legend {name}", c.id);
                }
                assert!(shapes > ca.segments().len(), "{}: segments drawn", c.id);
            }
            // Not among a board's own charts (the practices section draws it).
            Kind::Funnel { .. } => {}
        }
    }
}

#[test]
fn png_charts_have_the_size_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("lifegap")
        .unwrap()
        .arg("export-charts")
        .arg(&shipped()[0])
        .arg("--dir")
        .arg(dir.path())
        .args(["--png", "--scale", "2", "--draws", "50"])
        .assert()
        .success();
    let files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(files.len() >= 12);
    for f in files {
        assert_eq!(f.extension().unwrap(), "png", "--png writes only PNG");
        let img = image::open(&f).unwrap();
        assert_eq!((img.width(), img.height()), (3200, 1800), "{}", f.display());
    }
    // Both formats by default.
    let dir2 = tempfile::tempdir().unwrap();
    Command::cargo_bin("lifegap")
        .unwrap()
        .arg("export-charts")
        .arg(&shipped()[0])
        .arg("--dir")
        .arg(dir2.path())
        .args(["--draws", "0", "--width", "800", "--height", "450"])
        .assert()
        .success();
    let n_svg = std::fs::read_dir(dir2.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().unwrap() == "svg")
        .count();
    let n_png = std::fs::read_dir(dir2.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().unwrap() == "png")
        .count();
    assert_eq!(n_svg, n_png);
    Command::cargo_bin("lifegap")
        .unwrap()
        .arg("export-charts")
        .arg(&shipped()[0])
        .arg("--dir")
        .arg(dir2.path())
        .args(["--scale", "100"])
        .assert()
        .code(2);
}

#[test]
fn csv_tables_round_trip_to_the_models_numbers() {
    let mut owned = Owned::new(&shipped()[0], 100);
    // A name with a comma and quotes stays one cell.
    owned.evaluation.results.milestones[0].result.name = "2010 target, \"PSA\"".into();
    let dir = tempfile::tempdir().unwrap();
    let n = lifegap_report::export::tables::write_all(
        dir.path(),
        &owned.loaded.scenario,
        &owned.evaluation.results,
        owned.evaluation.results.uncertainty.as_ref(),
    )
    .unwrap();
    assert_eq!(n, lifegap_report::export::tables::FILES.len());
    let read = |name: &str| {
        let mut r = csv::Reader::from_path(dir.path().join(name)).unwrap();
        let h: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        let rows: Vec<std::collections::HashMap<String, String>> = r
            .records()
            .map(|x| {
                h.iter()
                    .cloned()
                    .zip(x.unwrap().iter().map(str::to_string))
                    .collect()
            })
            .collect();
        rows
    };
    let ms = read("milestones.csv");
    assert_eq!(ms.len(), owned.evaluation.results.milestones.len());
    assert_eq!(ms[0]["milestone"], "2010 target, \"PSA\"");
    for (row, m) in ms.iter().zip(&owned.evaluation.results.milestones) {
        // Full precision: the text reads back as exactly the same number.
        assert_eq!(row["with"].parse::<f64>().unwrap(), m.result.with);
        assert_eq!(row["required"].parse::<f64>().unwrap(), m.result.required);
        assert_eq!(row["status"], m.result.status.label());
    }
    let py = read("per_year.csv");
    let men = owned
        .evaluation
        .results
        .projection
        .sexes
        .iter()
        .find(|s| s.sex == lifegap_core::model::area::Sex::Male)
        .unwrap();
    for (i, y) in owned.evaluation.results.projection.years.iter().enumerate() {
        let row = py
            .iter()
            .find(|r| r["year"] == y.to_string() && r["sex"] == "male")
            .unwrap();
        assert_eq!(row["gap_with"].parse::<f64>().unwrap(), men.gap_with[i]);
    }
    let plan = read("action_plan.csv");
    let parts = lifegap_core::model::action_plan::contributions(
        &owned.loaded.scenario.action_plan,
        &owned.evaluation.results,
    );
    assert_eq!(
        plan.len(),
        parts.iter().map(|p| p.milestones.len()).sum::<usize>()
    );
    let checklist = read("checklist.csv");
    assert_eq!(
        checklist.len(),
        owned
            .loaded
            .scenario
            .action_plan
            .programmes
            .iter()
            .map(|p| p.checklist.len())
            .sum::<usize>()
    );
    // Partners' credited years add up to the programme's.
    for p in &owned.loaded.scenario.action_plan.programmes {
        let m = &owned.evaluation.results.milestones[0];
        let prog = m
            .contributions
            .iter()
            .find(|c| c.programme == p.programme)
            .unwrap()
            .measure_gain;
        let sum: f64 = parts
            .iter()
            .filter(|c| c.programme == p.programme)
            .map(|c| c.milestones[0].1)
            .sum();
        assert!((sum - prog).abs() < 1e-12);
    }
}

/// `lifegap report` with the baselines, actuals and a practice list adds the rate targets (the
/// seed answer in months), delivery monitoring (a row per programme and partner with its RAG,
/// as `lifegap monitor` prints them) and the practices (ranked table, funnel chart as SVG); a
/// practice named with markup is escaped, and the page still parses.
#[test]
fn report_adds_rate_targets_monitoring_and_practices_when_given() {
    let root = crate::common::workspace_root();
    let dir = tempfile::tempdir().unwrap();
    let list = std::fs::read_to_string(root.join("assets/data/demo-practices-SYNTHETIC.csv"))
        .unwrap()
        .replacen(
            "Riverside Surgery (SYNTHETIC)",
            "\"<script>alert(1)</script> & Co\"",
            1,
        );
    let practices = dir.path().join("practices.csv");
    std::fs::write(&practices, list).unwrap();
    let out = dir.path().join("pack.html");
    let demo = root.join("scenarios/demo-2010-countdown.ron");
    let actuals = root.join("assets/data/demo-actuals-2009.csv");
    Command::cargo_bin("lifegap")
        .unwrap()
        .arg("report")
        .arg(&demo)
        .arg("--out")
        .arg(&out)
        .args(["--draws", "0", "--baselines"])
        .arg(root.join("assets/data/demo-mortality-baselines-1995-97.csv"))
        .arg("--actuals")
        .arg(&actuals)
        .arg("--practices")
        .arg(&practices)
        .args(["--practice-programme", "blood_pressure"])
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    let doc = scraper::Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    for id in ["rate-targets", "monitoring", "practices"] {
        assert_eq!(
            doc.select(&sel(&format!("section#{id}"))).count(),
            1,
            "{id}"
        );
    }
    // Three targets (CVD, cancer, AAACM) × two sexes and the header, and a seed answer per
    // milestone in months.
    assert_eq!(doc.select(&sel("section#rate-targets tr")).count(), 7);
    let findings: Vec<String> = doc
        .select(&sel("section#rate-targets p.finding"))
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(findings.len(), 4);
    assert!(findings.iter().all(|f| f.contains("month")), "{findings:?}");
    // Monitoring: one row per line `lifegap monitor` prints, with the same RAG.
    let mon = Command::cargo_bin("lifegap")
        .unwrap()
        .arg("monitor")
        .arg(&demo)
        .arg("--actuals")
        .arg(&actuals)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&mon.get_output().stdout).to_string();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    let cells: Vec<String> = doc
        .select(&sel("section#monitoring tr td .status"))
        .map(|s| s.text().collect())
        .collect();
    assert_eq!(cells.len(), rows.len());
    let reds = rows.iter().filter(|l| l.contains(",red,")).count();
    assert_eq!(cells.iter().filter(|c| *c == "red").count(), reds);
    // Practices: the funnel as SVG, every practice ranked, the markup escaped.
    assert_eq!(
        doc.select(&sel(
            "section#practices figure[data-chart=\"practices-funnel\"] svg"
        ))
        .count(),
        1
    );
    assert!(!html.contains("<script"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
}

/// The first number in `text` with three or more decimals ("0.006"), if any.
fn thousandths(text: &str) -> Option<String> {
    let c: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_ascii_digit() {
            let start = i;
            while i < c.len() && c[i].is_ascii_digit() {
                i += 1;
            }
            if i + 1 < c.len() && c[i] == '.' && c[i + 1].is_ascii_digit() {
                i += 1;
                let frac = i;
                while i < c.len() && c[i].is_ascii_digit() {
                    i += 1;
                }
                if i - frac >= 3 {
                    return Some(c[start..i].iter().collect());
                }
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Issue 10, the pack in board units: the gap by cause × age, a commitment sheet per partner,
/// the tornado of each milestone's drivers (made with draws), and no figure of life expectancy
/// in thousandths of a year.
#[test]
fn the_pack_has_cause_by_age_partner_sheets_drivers_and_no_thousandths_of_a_year() {
    let path = shipped()
        .into_iter()
        .find(|p| p.ends_with("demo-2010-countdown.ron"))
        .unwrap();
    let owned = Owned::new(&path, 100);
    let html = lifegap_report::export::report::html(&owned.board()).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();

    // The cause × age view, one chart per sex, in the gap section.
    for id in ["gap-by-cause-and-age-men", "gap-by-cause-and-age-women"] {
        let fig = doc
            .select(&sel(&format!("section#gap figure[data-chart=\"{id}\"]")))
            .next()
            .unwrap_or_else(|| panic!("{id} not in the gap section"));
        assert_eq!(fig.select(&sel("svg")).count(), 1);
    }

    // A sheet per partner (counted by hand from the demo's action plan: two PBC hubs, the
    // community pharmacy, the voluntary sector, the stop smoking service, the acute trust and
    // the city council), each its own section (a page break before it).
    let sheets: Vec<String> = doc
        .select(&sel("section.partner-sheet h2"))
        .map(|h| h.text().collect())
        .collect();
    let want = [
        "Practice-based commissioning hub (North)",
        "Practice-based commissioning hub (South)",
        "Community pharmacy (Borough-wide)",
        "Voluntary sector (Borough-wide)",
        "Stop Smoking Service (Borough-wide)",
        "Acute trust (Demoborough General)",
        "City council (Borough-wide)",
    ];
    assert_eq!(sheets.len(), want.len(), "{sheets:?}");
    for w in want {
        assert!(
            sheets
                .iter()
                .any(|s| s == &format!("Commitment sheet: {w}")),
            "no sheet for {w}: {sheets:?}"
        );
    }
    // The North hub takes part in statins (primary prevention) and blood pressure: two rows,
    // and a quarter-by-quarter table with a column for each.
    let north = doc
        .select(&sel("section.partner-sheet"))
        .find(|s| {
            s.text()
                .any(|t| t.contains("Practice-based commissioning hub (North)"))
        })
        .unwrap();
    let tables: Vec<_> = north.select(&sel("table")).collect();
    assert_eq!(tables.len(), 2);
    let rows = |t: &scraper::ElementRef| t.select(&sel("tr")).count();
    assert_eq!(rows(&tables[0]), 1 + 2, "header and one row a programme");
    let header: Vec<String> = tables[1]
        .select(&sel("th"))
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(header, ["Programme", "Year", "Q1", "Q2", "Q3", "Q4"]);
    // A row per programme and year, 2009 to 2013 (the last milestone's).
    assert_eq!(rows(&tables[1]), 1 + 2 * 5, "a row a programme and year");
    let text: String = tables[1].text().collect();
    assert!(text.contains("2013"), "the years run to the last milestone");
    let text: String = north.text().collect();
    assert!(text.contains(" day") || text.contains(" week") || text.contains(" month"));

    // The drivers' tornado, one per milestone with drivers, in the countdowns section.
    let u = owned.evaluation.results.uncertainty.as_ref().unwrap();
    let with_drivers = u
        .milestones
        .iter()
        .filter(|m| !m.drivers.is_empty())
        .count();
    assert!(with_drivers > 0);
    assert_eq!(
        doc.select(&sel("section#countdowns figure[data-chart^=\"drivers-\"]"))
            .count(),
        with_drivers
    );
    let first = &u
        .milestones
        .iter()
        .find_map(|m| m.drivers.first())
        .unwrap()
        .parameter;
    let first = first
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    assert!(html.contains(&first), "{first} not in full in the pack");

    // No life expectancy in thousandths of a year where the pack speaks of it: the summary,
    // the gap, the programmes' contributions, the action plan and the partners' sheets (the
    // evidence table quotes its sources' parameters as published; the CSVs keep years).
    assert_eq!(thousandths("gap 0.006 years"), Some("0.006".into()));
    assert_eq!(thousandths("75.4–76.2, 2 months"), None);
    let mut checked = 0;
    for s in [
        "section#summary > p",
        "section#summary > table",
        "section#gap > table",
        "section#programmes > table",
        "section#action-plan table",
        "section.partner-sheet",
    ] {
        for (k, e) in doc.select(&sel(s)).enumerate() {
            // Only the first programmes table (the second is the evidence).
            if s == "section#programmes > table" && k > 0 {
                break;
            }
            let text: String = e.text().collect::<Vec<_>>().join(" ");
            assert_eq!(thousandths(&text), None, "{s}: {text}");
            checked += 1;
        }
    }
    assert!(checked > 10, "{checked}");
}
