//! Scenario files: readable `.ron`, versioned, saved atomically, with located errors.
//!
//! * The file names its area data relative to itself (or embeds them).
//! * Unknown fields are errors naming the line; so are bad values and impossible settings.
//! * **Versions.** Files carry `version`. Version 1 (the first layout: `data` was a bare path
//!   to a wide CSV, and there were no `status` or `uncertainty` sections) is read and
//!   upgraded; saving always writes [`CURRENT_VERSION`]. A newer version than this program
//!   knows is refused with a message saying so.

use crate::data::{self, Problem, Problems, Rule};
use crate::model::area::AreaData;
use crate::model::programmes::Programme;
use crate::model::scenario::{
    Anchor, CURRENT_VERSION, DataSource, Date, HistoryPoint, Milestone, Period, Scenario, Trend,
};
use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A scenario with its area data read.
#[derive(Debug, Clone)]
pub struct LoadedScenario {
    pub scenario: Scenario,
    pub path: PathBuf,
    pub data: AreaData,
    /// Warnings (and errors of groups the scenario does not use) from the data file.
    pub problems: Problems,
}

fn options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// The first layout, still read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
struct ScenarioV1 {
    #[allow(dead_code)]
    version: u32,
    name: String,
    #[serde(default)]
    notes: String,
    data: String,
    area: String,
    comparator: String,
    base_period: Period,
    horizon: Period,
    #[serde(default)]
    as_of: Option<Date>,
    #[serde(default)]
    history: Vec<HistoryPoint>,
    trend: Trend,
    programmes: Vec<Programme>,
    milestones: Vec<Milestone>,
}

impl From<ScenarioV1> for Scenario {
    fn from(v: ScenarioV1) -> Scenario {
        Scenario {
            version: CURRENT_VERSION,
            name: v.name,
            notes: v.notes,
            data: DataSource::Wide(v.data),
            area: v.area,
            comparator: v.comparator,
            base_period: v.base_period,
            horizon: v.horizon,
            as_of: v.as_of,
            history: v.history,
            trend: v.trend,
            programmes: v.programmes,
            milestones: v.milestones,
            status: Default::default(),
            uncertainty: Default::default(),
            action_plan: Default::default(),
        }
    }
}

fn syntax_problem(path: &Path, e: &ron::error::SpannedError) -> Problem {
    Problem::error(path, Rule::ScenarioSyntax, e.code.to_string())
        .at_line(e.span.start.line as u64)
        .at_column(e.span.start.col.saturating_sub(1), "")
}

/// Line (1-based) of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> Option<u64> {
    text.find(needle)
        .map(|i| text[..i].bytes().filter(|b| *b == b'\n').count() as u64 + 1)
}

/// Parse scenario text (any supported version) and check its numbers.
pub fn parse(path: &Path, text: &str) -> Result<Scenario, Problems> {
    let scenario = parse_unchecked(path, text)?;
    let problems = content_problems(path, text, &scenario);
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(scenario)
    }
}

/// Every problem with a parsed scenario's numbers, located at its programme or milestone.
fn content_problems(path: &Path, text: &str, scenario: &Scenario) -> Problems {
    let mut problems = Problems::default();
    for p in scenario.check() {
        let line = match &p.anchor {
            Anchor::Programme(id) => line_of(text, &format!("\"{id}\"")),
            Anchor::Milestone(name) => line_of(text, &format!("\"{name}\"")),
            Anchor::Top => None,
        };
        let mut prob = Problem::error(path, Rule::ScenarioInvalid, p.message);
        prob.line = line;
        problems.push(prob);
    }
    problems
}

/// Parse scenario text: syntax and version only.
pub fn parse_unchecked(path: &Path, text: &str) -> Result<Scenario, Problems> {
    let mut problems = Problems::default();
    let version = match options().from_str::<ron::Value>(text) {
        Err(e) => {
            problems.push(syntax_problem(path, &e));
            return Err(problems);
        }
        Ok(ron::Value::Map(m)) => m
            .iter()
            .find(|(k, _)| matches!(k, ron::Value::String(s) if s == "version"))
            .and_then(|(_, v)| match v {
                ron::Value::Number(n) => n.into_f64().to_string().parse::<f64>().ok(),
                _ => None,
            }),
        Ok(_) => None,
    };
    let scenario = match version {
        None => {
            problems.push(
                Problem::error(
                    path,
                    Rule::ScenarioVersion,
                    "no `version` field: a scenario starts `Scenario(version: 2, …`",
                )
                .at_line(1),
            );
            return Err(problems);
        }
        Some(1.0) => options().from_str::<ScenarioV1>(text).map(Scenario::from),
        Some(v) if v == CURRENT_VERSION as f64 => options().from_str::<Scenario>(text),
        Some(v) => {
            problems.push(
                Problem::error(
                    path,
                    Rule::ScenarioVersion,
                    format!("scenario version {v} is not one this lifegap reads (1 to {CURRENT_VERSION}); it may come from a newer release"),
                )
                .at_line(line_of(text, "version").unwrap_or(1)),
            );
            return Err(problems);
        }
    };
    let scenario = match scenario {
        Ok(s) => s,
        Err(e) => {
            problems.push(syntax_problem(path, &e));
            return Err(problems);
        }
    };
    Ok(scenario)
}

/// Paths of a scenario's data files, resolved against the scenario's folder.
pub fn data_paths(scenario_path: &Path, source: &DataSource) -> Option<(PathBuf, Option<PathBuf>)> {
    let dir = scenario_path.parent().unwrap_or(Path::new("."));
    match source {
        DataSource::Wide(p) => Some((dir.join(p), None)),
        DataSource::Long { deaths, population } => {
            Some((dir.join(deaths), Some(dir.join(population))))
        }
        DataSource::Embedded(_) => None,
    }
}

/// The scenario file's text, or a located problem saying why it cannot be read.
fn read_text(path: &Path) -> Result<String, Problems> {
    std::fs::read_to_string(path).map_err(|e| {
        let mut p = Problems::default();
        p.push(Problem::error(
            path,
            Rule::CannotRead,
            format!("cannot read the scenario: {e}"),
        ));
        p
    })
}

/// For editing in the app: syntax and version errors stop the load, but problems with the
/// scenario's numbers come back with it (as warnings) so the user can open the file and fix
/// them — a file saved mid-edit always reopens. The command line stays strict ([`load`]).
pub fn load_for_editing(path: &Path) -> Result<LoadedScenario, Problems> {
    let text = read_text(path)?;
    let scenario = parse_unchecked(path, &text)?;
    let content = content_problems(path, &text, &scenario);
    let mut loaded = load_data(path, scenario, &text)?;
    for mut p in content.list {
        p.severity = crate::data::Severity::Warning;
        loaded.problems.push(p);
    }
    Ok(loaded)
}

/// Read a scenario file and its area data; every problem is located.
pub fn load(path: &Path) -> Result<LoadedScenario, Problems> {
    let text = read_text(path)?;
    let scenario = parse(path, &text)?;
    load_data(path, scenario, &text)
}

/// Read the data a parsed scenario names and check the area and comparator are in it.
pub fn load_data(path: &Path, scenario: Scenario, text: &str) -> Result<LoadedScenario, Problems> {
    let (data, mut problems) = match &scenario.data {
        DataSource::Embedded(d) => {
            let bad = d.check();
            if !bad.is_empty() {
                let mut p = Problems::default();
                let line = line_of(text, "Embedded(");
                for msg in bad {
                    let mut prob = Problem::error(path, Rule::ScenarioInvalid, msg);
                    prob.line = line;
                    p.push(prob);
                }
                return Err(p);
            }
            (d.clone(), Problems::default())
        }
        source => {
            let (file, pop) = data_paths(path, source).expect("file sources");
            let loaded = data::load(&file, pop.as_deref())?;
            (loaded.data, loaded.problems)
        }
    };
    let mut fatal = Problems::default();
    for name in [&scenario.area, &scenario.comparator] {
        if !data
            .groups
            .iter()
            .any(|g| g.area.eq_ignore_ascii_case(name))
        {
            fatal.push(
                Problem::error(
                    path,
                    Rule::ScenarioInvalid,
                    format!(
                        "area '{name}' has no valid data in {} (areas there: {})",
                        data.provenance.source,
                        data.areas().join(", ")
                    ),
                )
                .at_line(line_of(text, &format!("\"{name}\"")).unwrap_or(1)),
            );
        }
    }
    if fatal.has_errors() {
        problems.extend(fatal);
        return Err(problems);
    }
    Ok(LoadedScenario {
        scenario,
        path: path.to_path_buf(),
        data,
        problems,
    })
}

/// The scenario as `.ron` text (current version).
pub fn to_text(scenario: &Scenario) -> String {
    let mut s = scenario.clone();
    s.version = CURRENT_VERSION;
    let config = PrettyConfig::new()
        .struct_names(true)
        .extensions(Extensions::IMPLICIT_SOME)
        .escape_strings(false)
        .compact_arrays(true)
        .depth_limit(8);
    let body = ron::ser::to_string_pretty(&s, config).expect("scenarios always serialise");
    format!(
        "// lifegap scenario (version {CURRENT_VERSION}). Hand-editable: every evidence value carries its source.\n{body}\n"
    )
}

/// Save atomically (temporary file, fsync, rename).
pub fn save(path: &Path, scenario: &Scenario) -> std::io::Result<()> {
    crate::atomic::write(path, to_text(scenario).as_bytes())
}
