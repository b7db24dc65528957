//! Scenario files: readable `.ron`, versioned, saved atomically, with located errors.
//!
//! * The file names its area data relative to itself (or embeds them).
//! * Unknown fields are errors naming the line; so are bad values and impossible settings.
//!   Every number has a range ([`Scenario::check`]); each problem points at the line and
//!   column of the field itself (the file is read a second time, by a small reader that
//!   keeps where every value starts: [`spans`]).
//! * **Versions.** Files carry `version`. Version 1 (the first layout: `data` was a bare path
//!   to a wide CSV, and there were no `status` or `uncertainty` sections) is read and
//!   upgraded; saving always writes [`CURRENT_VERSION`]. A newer version than this program
//!   knows is refused with a message saying so.
//! * **Files from colleagues are untrusted.** A scenario is at most [`MAX_SCENARIO_BYTES`];
//!   a UTF-8 byte-order mark is accepted, as in CSV files. With [`DataAccess::InsideFolder`]
//!   (the command line and the app) its data must lie in its own folder or below: absolute
//!   paths, `..` and links leading out are refused unless the user allows them. Problems
//!   with the data file never quote it at length: a file that is not area data of the
//!   expected shape is said to be so without its content, and any quoted cell is cut to
//!   [`MAX_QUOTED_CHARS`] printable characters.

use crate::data::{self, Problem, Problems, Rule};
use crate::model::area::AreaData;
use crate::model::programmes::Programme;
use crate::model::scenario::{
    CURRENT_VERSION, DataSource, Date, FieldPath, HistoryPoint, Milestone, Period, Scenario,
    Segment, Trend,
};
mod sii_data;
mod syntax;
pub use sii_data::{load_sii_data, sii_data_path};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Deserialize;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

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
            comparator_path: Default::default(),
            programmes: v.programmes,
            milestones: v.milestones,
            status: Default::default(),
            uncertainty: Default::default(),
            action_plan: Default::default(),
            files: Default::default(),
            sii_milestones: Vec::new(),
        }
    }
}

/// A RON error at its line and column, in words ([`syntax::in_words`]) that name the field it
/// follows: `file:12:10: error [scenario-syntax]: a ':' is missing after 'target'`.
fn syntax_problem(path: &Path, text: &str, e: &ron::error::SpannedError) -> Problem {
    let (words, _field) = syntax::in_words(&e.code, text, e.span.start);
    Problem::error(path, Rule::ScenarioSyntax, words)
        .at_line(e.span.start.line as u64)
        .at_column(e.span.start.col.saturating_sub(1), "")
}

/// A scenario's text without a UTF-8 byte-order mark (Notepad and Excel write one).
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// A problem at a field of the scenario: its line and column, and the field's path in
/// place of a column name (`file:59:25 (programmes[0].coverage.start_year): …`).
fn at_field(
    path: &Path,
    tree: Option<&spans::Node>,
    text: &str,
    field: &FieldPath,
    message: String,
) -> Problem {
    let mut p = Problem::error(path, Rule::ScenarioInvalid, message);
    if let Some(tree) = tree {
        let (line, col) = spans::line_col(text, spans::find(tree, field.segments()).start);
        p = p.at_line(line).at_column(col - 1, &field.to_string());
    }
    p
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

/// Every problem with a parsed scenario's numbers, located at the field itself.
fn content_problems(path: &Path, text: &str, scenario: &Scenario) -> Problems {
    let text = without_bom(text);
    let found = scenario.check();
    let mut problems = Problems::default();
    if found.is_empty() {
        return problems;
    }
    let tree = spans::parse(text);
    for p in found {
        problems.push(at_field(path, tree.as_ref(), text, &p.field, p.message));
    }
    problems
}

/// Parse scenario text: syntax and version only.
pub fn parse_unchecked(path: &Path, text: &str) -> Result<Scenario, Problems> {
    let text = without_bom(text);
    let mut problems = Problems::default();
    let version = match options().from_str::<ron::Value>(text) {
        Err(e) => {
            problems.push(syntax_problem(path, text, &e));
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
            let mut p = at_field(
                path,
                spans::parse(text).as_ref(),
                text,
                &FieldPath::root().field("version"),
                format!(
                    "scenario version {v} is not one this lifegap reads (1 to {CURRENT_VERSION}); it may come from a newer release"
                ),
            );
            p.rule = Rule::ScenarioVersion;
            problems.push(p);
            return Err(problems);
        }
    };
    let scenario = match scenario {
        Ok(s) => s,
        Err(e) => {
            problems.push(syntax_problem(path, text, &e));
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

/// The largest scenario file read: 64 MiB, far above any scenario (the three demos are about
/// 40 KB; data embedded for a few hundred areas take a few MB), so a device or a mistaken file
/// cannot fill the memory.
pub const MAX_SCENARIO_BYTES: u64 = 64 << 20;

/// The scenario file's text, or a located problem saying why it cannot be read. The file is
/// opened once and read to at most [`MAX_SCENARIO_BYTES`].
fn read_text(path: &Path) -> Result<String, Problems> {
    let fail = |msg: String| {
        let mut p = Problems::default();
        p.push(Problem::error(path, Rule::CannotRead, msg));
        p
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_SCENARIO_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| fail(format!("cannot read the scenario: {e}")))?;
    if bytes.len() as u64 > MAX_SCENARIO_BYTES {
        return Err(fail(format!(
            "the scenario is larger than {} MiB: it cannot be a scenario file",
            MAX_SCENARIO_BYTES >> 20
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        let mut p = Problems::default();
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        p.push(
            Problem::error(
                path,
                Rule::NotUtf8,
                "the scenario is not UTF-8 text: save it as UTF-8",
            )
            .at_line(line),
        );
        p
    })
}

/// Where a scenario may read its area data from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataAccess {
    /// Only from the scenario's own folder and the folders below it: a file sent by a
    /// colleague cannot make lifegap read (and show) files elsewhere on the machine. The
    /// command line and the app open scenarios this way. lifegap's own synthetic demo data
    /// file, which the shipped demo scenarios read from `../assets/data/`, is exempt.
    InsideFolder,
    /// Wherever the scenario's path leads: the user has allowed it (`--allow-data-outside`,
    /// or "Open anyway" in the app), or the file is lifegap's own (its autosave).
    Anywhere,
}

/// A data file named by a scenario that lies outside the scenario's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataOutside {
    /// The path as the scenario writes it.
    pub written: String,
    /// Where it leads.
    pub resolved: PathBuf,
    /// Why it is outside: an absolute path, `..`, or a link leading out.
    pub why: &'static str,
    /// The field that names it (`data[0]`, `data.deaths`, `data.population`).
    pub field: FieldPath,
}

/// lifegap's own synthetic demo data (`assets/data/` of the checkout it was built from).
const SHIPPED_DEMO_DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/data/demo-area-2006-08.csv"
);

fn is_shipped_demo_data(resolved: &Path) -> bool {
    match (
        std::fs::canonicalize(resolved),
        std::fs::canonicalize(SHIPPED_DEMO_DATA),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The data files a scenario names that lie outside its folder tree (empty when there are
/// none, or the data are embedded). Nothing is read: only paths and links are looked at.
pub fn data_outside(scenario_path: &Path, source: &DataSource) -> Vec<DataOutside> {
    let dir = match scenario_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let root = FieldPath::root().field("data");
    let files: Vec<(&String, FieldPath)> = match source {
        DataSource::Wide(p) => vec![(p, root.index(0))],
        DataSource::Long { deaths, population } => vec![
            (deaths, root.field("deaths")),
            (population, root.field("population")),
        ],
        DataSource::Embedded(_) => Vec::new(),
    };
    let mut out = Vec::new();
    for (written, field) in files {
        let resolved = dir.join(Path::new(written.as_str()));
        if is_shipped_demo_data(&resolved) {
            continue;
        }
        if let Some(why) = outside_why(dir, written) {
            out.push(DataOutside {
                written: written.clone(),
                resolved,
                why,
                field,
            });
        }
    }
    out
}

/// A file a scenario names beside it (`files.actuals` and the like), resolved against the
/// scenario's folder, or why it may not be read: absolute, climbing out with `..`, or a link
/// leading out — the rule `data` follows.
pub fn linked_path(scenario_path: &Path, written: &str) -> Result<PathBuf, String> {
    let dir = match scenario_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match outside_why(dir, written) {
        Some(why) => Err(format!(
            "'{written}' leads outside the scenario's folder: {why}"
        )),
        None => Ok(dir.join(written)),
    }
}

/// Why `written` (relative to `dir`) lies outside `dir`'s tree, if it does.
fn outside_why(dir: &Path, written: &str) -> Option<&'static str> {
    let p = Path::new(written);
    let resolved = dir.join(p);
    {
        let lexical = if p
            .components()
            .any(|c| matches!(c, Component::RootDir | Component::Prefix(_)))
        {
            Some("it is an absolute path")
        } else if p.components().any(|c| c == Component::ParentDir) {
            Some("it climbs out with '..'")
        } else {
            None
        };
        lexical.or_else(|| {
            // A link inside the folder may still lead out of it.
            let real = std::fs::canonicalize(&resolved).ok()?;
            let real_dir = std::fs::canonicalize(dir).ok()?;
            (!real.starts_with(&real_dir)).then_some("a link leads out of it")
        })
    }
}

/// Read a scenario file's settings (syntax and version only; no data are read): for a face
/// that wants to know where the data are before reading them.
pub fn read_unchecked(path: &Path) -> Result<Scenario, Problems> {
    let text = read_text(path)?;
    parse_unchecked(path, &text)
}

/// The data file a scenario names when it is not there (moved, renamed, or the scenario was
/// sent without it): the app then offers "Locate data file…". None when the scenario cannot
/// be read, holds its data, or its data file exists.
pub fn missing_data(path: &Path) -> Option<PathBuf> {
    let s = read_unchecked(path).ok()?;
    let (file, pop) = data_paths(path, &s.data)?;
    std::iter::once(file)
        .chain(pop)
        .find(|f| std::fs::metadata(f).is_err())
}

/// Open a scenario with its (wide) data read from `data` instead of the file it names: the
/// user located the moved file. The new path is kept relative to the scenario's folder when
/// the file lies inside it, absolute otherwise; the user chose the file, so it may lie
/// anywhere. Returns the loaded scenario and the data source the file named before.
pub fn load_with_data_file(
    path: &Path,
    data: &Path,
) -> Result<(LoadedScenario, DataSource), Problems> {
    let text = read_text(path)?;
    let mut scenario = parse_unchecked(path, &text)?;
    let problems = content_problems(path, &text, &scenario);
    if problems.has_errors() {
        return Err(problems);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let data = data.canonicalize().unwrap_or_else(|_| data.to_path_buf());
    let named = match data.strip_prefix(&dir) {
        Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
        Err(_) => data.display().to_string(),
    };
    let before = std::mem::replace(&mut scenario.data, DataSource::Wide(named));
    Ok((load_data(path, scenario, &text)?, before))
}

/// Read a scenario file and check its numbers, without reading its data: for a template that
/// is applied to other data (`lifegap run-all`).
pub fn read_checked(path: &Path) -> Result<Scenario, Problems> {
    let text = read_text(path)?;
    parse(path, &text)
}

/// The problems that refuse data outside the scenario's folder, each at the field naming it.
fn outside_problems(path: &Path, text: &str, scenario: &Scenario) -> Problems {
    let mut problems = Problems::default();
    let outside = data_outside(path, &scenario.data);
    if outside.is_empty() {
        return problems;
    }
    let text = without_bom(text);
    let tree = spans::parse(text);
    for o in outside {
        problems.push(at_field(
            path,
            tree.as_ref(),
            text,
            &o.field,
            format!(
                "the data path '{}' leads outside the scenario's folder ({}): {}. A scenario reads data only from its own folder and below unless you allow it (--allow-data-outside on the command line; the app asks first)",
                sanitise(&o.written, MAX_QUOTED_PATH),
                o.why,
                sanitise(&o.resolved.display().to_string(), MAX_QUOTED_PATH)
            ),
        ));
    }
    problems
}

/// For editing in the app: syntax and version errors stop the load, but problems with the
/// scenario's numbers come back with it (as warnings) so the user can open the file and fix
/// them — a file saved mid-edit always reopens. The command line stays strict ([`load`]).
/// Trusts the data path, as [`load`] does.
pub fn load_for_editing(path: &Path) -> Result<LoadedScenario, Problems> {
    load_for_editing_with(path, DataAccess::Anywhere)
}

/// [`load_for_editing`], with the data held to `access`.
pub fn load_for_editing_with(path: &Path, access: DataAccess) -> Result<LoadedScenario, Problems> {
    let text = read_text(path)?;
    let scenario = parse_unchecked(path, &text)?;
    if access == DataAccess::InsideFolder {
        let refused = outside_problems(path, &text, &scenario);
        if refused.has_errors() {
            return Err(refused);
        }
    }
    let content = content_problems(path, &text, &scenario);
    let mut loaded = load_data(path, scenario, &text)?;
    for mut p in content.list {
        p.severity = crate::data::Severity::Warning;
        loaded.problems.push(p);
    }
    Ok(loaded)
}

/// Read a scenario file and its area data; every problem is located.
///
/// This trusts the file's data path, wherever it leads: it is for files this program wrote or
/// the caller vouches for (tests, the autosave). A file from someone else goes through
/// [`load_with`] and [`DataAccess::InsideFolder`], as the command line and the app do.
pub fn load(path: &Path) -> Result<LoadedScenario, Problems> {
    load_with(path, DataAccess::Anywhere)
}

/// Read a scenario file and its area data, the data held to `access`. Every rule on the
/// scenario's numbers runs before any data are read; problems are located at their field.
pub fn load_with(path: &Path, access: DataAccess) -> Result<LoadedScenario, Problems> {
    let text = read_text(path)?;
    let scenario = parse_unchecked(path, &text)?;
    let mut problems = content_problems(path, &text, &scenario);
    if access == DataAccess::InsideFolder {
        problems.extend(outside_problems(path, &text, &scenario));
    }
    if problems.has_errors() {
        return Err(problems);
    }
    load_data(path, scenario, &text)
}

/// Read the data a parsed scenario names and check the area and comparator are in it.
/// (Where the data may lie is the caller's rule: see [`load_with`].)
pub fn load_data(path: &Path, scenario: Scenario, text: &str) -> Result<LoadedScenario, Problems> {
    let text = without_bom(text);
    let (data, mut problems) = match &scenario.data {
        DataSource::Embedded(d) => {
            let bad = d.problems();
            if !bad.is_empty() {
                let tree = spans::parse(text);
                let root = FieldPath::root().field("data").index(0);
                let mut p = Problems::default();
                for (field, msg) in bad {
                    p.push(at_field(
                        path,
                        tree.as_ref(),
                        text,
                        &root.join(&field),
                        sanitise(&msg, MAX_MESSAGE_CHARS),
                    ));
                }
                return Err(p);
            }
            (d.clone(), Problems::default())
        }
        source => {
            let (file, pop) = data_paths(path, source).expect("file sources");
            for f in std::iter::once(&file).chain(pop.as_ref()) {
                // A device, a pipe or a folder is not area data (and /dev/zero never ends).
                if let Ok(m) = std::fs::metadata(f)
                    && !m.is_file()
                {
                    let mut p = Problems::default();
                    p.push(Problem::error(
                        f,
                        Rule::CannotRead,
                        "this is not a regular file (a folder, a device or a pipe): area data are read from CSV files",
                    ));
                    return Err(p);
                }
            }
            let loaded = data::load(&file, pop.as_deref()).map_err(without_content)?;
            (loaded.data, without_content(loaded.problems))
        }
    };
    let mut fatal = Problems::default();
    let tree = spans::parse(text);
    for (field, name) in [
        ("area", &scenario.area),
        ("comparator", &scenario.comparator),
    ] {
        if !data
            .groups
            .iter()
            .any(|g| g.area.eq_ignore_ascii_case(name))
        {
            let areas = data.areas();
            let mut listed: Vec<String> = areas
                .iter()
                .take(10)
                .map(|a| sanitise(a, MAX_QUOTED_CHARS))
                .collect();
            if areas.len() > 10 {
                listed.push(format!("… {} more", areas.len() - 10));
            }
            fatal.push(at_field(
                path,
                tree.as_ref(),
                text,
                &FieldPath::root().field(field),
                format!(
                    "area '{}' has no valid data in {} (areas there: {})",
                    sanitise(name, MAX_QUOTED_CHARS),
                    data.provenance.source,
                    listed.join(", ")
                ),
            ));
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

/// Characters of a cell or name quoted in a message at most.
pub const MAX_QUOTED_CHARS: usize = 40;
/// Characters of a path quoted in a message at most.
const MAX_QUOTED_PATH: usize = 200;
/// Characters of one message about a data file at most.
const MAX_MESSAGE_CHARS: usize = 400;

/// Printable characters only (control and bidirectional-formatting characters become `?`),
/// cut to `max` characters with an ellipsis.
pub fn sanitise(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n == max {
            out.push('…');
            break;
        }
        let hidden = c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
        out.push(if hidden { '?' } else { c });
    }
    out
}

/// A message with every quoted stretch ('…') sanitised and cut to [`MAX_QUOTED_CHARS`], the
/// whole cut to [`MAX_MESSAGE_CHARS`].
fn sanitise_message(m: &str) -> String {
    let mut out = String::new();
    let mut rest = m;
    while let Some(open) = rest.find('\'') {
        let (before, after) = rest.split_at(open + 1);
        out.push_str(before);
        match after.find('\'') {
            Some(close) => {
                out.push_str(&sanitise(&after[..close], MAX_QUOTED_CHARS));
                out.push('\'');
                rest = &after[close + 1..];
            }
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    sanitise(&out, MAX_MESSAGE_CHARS)
}

/// Problems from a data file a scenario names, made safe to show: when the file is not area
/// data of the expected shape (its header lacks the columns, it is empty, or it cannot be
/// read) only that is said, and nothing of its content; otherwise every quoted cell and
/// column name is sanitised and cut.
fn without_content(problems: Problems) -> Problems {
    // The header is not one of area data, or the file could not be opened at all (a row that
    // cannot be read has a line, and is an ordinary problem of a data file).
    let about_the_file = |p: &Problem| {
        p.is_error()
            && (matches!(p.rule, Rule::MissingColumn | Rule::EmptyFile)
                || (p.rule == Rule::CannotRead && p.line.is_none()))
    };
    let not_data = problems.list.iter().any(about_the_file);
    let mut out = Problems::default();
    let mut told: Vec<PathBuf> = Vec::new();
    for mut p in problems.list {
        if not_data {
            if !about_the_file(&p) {
                continue;
            }
            p.column = None;
            if p.rule == Rule::MissingColumn && !told.contains(&p.file) {
                told.push(p.file.clone());
                out.push(
                    Problem::error(
                        &p.file,
                        Rule::MissingColumn,
                        "this is not area data of the expected shape (a CSV whose header is area,sex,age,population,<cause columns…>, or area,sex,age,cause,deaths with a population file); nothing of its content is shown",
                    ),
                );
            }
        }
        p.message = sanitise_message(&p.message);
        if let Some((_, name)) = &mut p.column {
            *name = sanitise(name, MAX_QUOTED_CHARS);
        }
        out.push(p);
    }
    if not_data {
        out.not_listed_warnings = 0;
        out.not_listed_errors = problems.not_listed_errors;
    } else {
        out.not_listed_errors = problems.not_listed_errors;
        out.not_listed_warnings = problems.not_listed_warnings;
    }
    out
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

/// Where each value of a scenario's text starts, for pointing problems at the field itself.
///
/// A small reader of RON that keeps, for every value, the byte offset where it starts and,
/// for structs, the names of their fields. It runs on text that `ron` has already read, so it
/// is lenient: anything it does not follow makes it give up (`None`), and problems are then
/// reported without a line rather than at a wrong one.
pub mod spans {
    use super::Segment;

    /// A value and where it starts.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Node {
        /// Byte offset of the value's first character.
        pub start: usize,
        pub kind: Kind,
    }

    #[derive(Debug, Clone, PartialEq)]
    pub enum Kind {
        /// A struct with named fields: `Coverage(baseline: 0.3, …)` or `(a: 1)`.
        Fields(Vec<(String, Node)>),
        /// A list, a tuple, a map's values, or what an enum variant or `Some` holds.
        Items(Vec<Node>),
        /// A number, string, character, boolean or unit variant.
        Leaf,
    }

    /// Deeper than this is not followed (ron's own limit is lower).
    const MAX_DEPTH: usize = 256;

    /// The tree of `text`, or `None` where it cannot be followed.
    pub fn parse(text: &str) -> Option<Node> {
        let mut r = Reader {
            s: text.as_bytes(),
            i: 0,
            depth: 0,
        };
        r.skip();
        // Inner attributes: #![enable(implicit_some)]
        while r.peek() == Some(b'#') {
            r.i = r.i + r.s[r.i..].iter().position(|b| *b == b']')? + 1;
            r.skip();
        }
        r.value()
    }

    /// The node at `path`, or the deepest one found on the way (a field left to its
    /// default is absent from the text: its nearest enclosing value is the place to look).
    pub fn find<'a>(mut node: &'a Node, path: &[Segment]) -> &'a Node {
        for seg in path {
            let next = match seg {
                Segment::Field(name) => field(node, name),
                Segment::Index(i) => match &node.kind {
                    Kind::Items(v) => v.get(*i),
                    _ => None,
                },
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node
    }

    /// A named field, looking through wrappers that hold one value (`Some(…)`, a variant).
    fn field<'a>(node: &'a Node, name: &str) -> Option<&'a Node> {
        match &node.kind {
            Kind::Fields(f) => f.iter().find(|(n, _)| n == name).map(|(_, v)| v),
            Kind::Items(v) if v.len() == 1 => field(&v[0], name),
            _ => None,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(text: &str, offset: usize) -> (u64, usize) {
        let before = &text[..offset.min(text.len())];
        let line = before.bytes().filter(|b| *b == b'\n').count() as u64 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }

    struct Reader<'a> {
        s: &'a [u8],
        i: usize,
        depth: usize,
    }

    fn ident_char(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'_'
    }

    impl Reader<'_> {
        fn peek(&self) -> Option<u8> {
            self.s.get(self.i).copied()
        }

        fn at(&self, k: usize) -> Option<u8> {
            self.s.get(self.i + k).copied()
        }

        /// Whitespace and comments (`// …`, nested `/* … */`).
        fn skip(&mut self) {
            loop {
                match (self.peek(), self.at(1)) {
                    (Some(b), _) if b.is_ascii_whitespace() => self.i += 1,
                    (Some(b'/'), Some(b'/')) => {
                        while let Some(b) = self.peek() {
                            self.i += 1;
                            if b == b'\n' {
                                break;
                            }
                        }
                    }
                    (Some(b'/'), Some(b'*')) => {
                        self.i += 2;
                        let mut level = 1;
                        while level > 0 {
                            match (self.peek(), self.at(1)) {
                                (None, _) => return,
                                (Some(b'/'), Some(b'*')) => {
                                    level += 1;
                                    self.i += 2;
                                }
                                (Some(b'*'), Some(b'/')) => {
                                    level -= 1;
                                    self.i += 2;
                                }
                                _ => self.i += 1,
                            }
                        }
                    }
                    _ => return,
                }
            }
        }

        fn eat(&mut self, b: u8) -> bool {
            self.skip();
            if self.peek() == Some(b) {
                self.i += 1;
                true
            } else {
                false
            }
        }

        fn ident(&mut self) -> Option<&str> {
            let start = self.i;
            if self.peek() == Some(b'r') && self.at(1) == Some(b'#') {
                self.i += 2;
            }
            let name_start = self.i;
            while self.peek().is_some_and(ident_char) {
                self.i += 1;
            }
            if self.i == name_start {
                self.i = start;
                return None;
            }
            std::str::from_utf8(&self.s[name_start..self.i]).ok()
        }

        /// A quoted string from its opening quote, with escapes.
        fn string(&mut self, quote: u8) -> Option<()> {
            self.i += 1;
            loop {
                match self.peek()? {
                    b'\\' => self.i += 2,
                    b if b == quote => {
                        self.i += 1;
                        return Some(());
                    }
                    _ => self.i += 1,
                }
            }
        }

        /// `r"…"`, `r#"…"#` from the `r`.
        fn raw_string(&mut self) -> Option<()> {
            self.i += 1;
            let mut hashes = 0;
            while self.peek() == Some(b'#') {
                hashes += 1;
                self.i += 1;
            }
            if self.peek() != Some(b'"') {
                return None;
            }
            self.i += 1;
            loop {
                if self.peek()? == b'"' && (1..=hashes).all(|k| self.at(k) == Some(b'#')) {
                    self.i += 1 + hashes;
                    return Some(());
                }
                self.i += 1;
            }
        }

        fn number(&mut self) {
            let mut prev = 0u8;
            let start = self.i;
            while let Some(b) = self.peek() {
                let sign_ok = (b == b'+' || b == b'-')
                    && (self.i == start || matches!(prev, b'e' | b'E'))
                    && !self.s[start..self.i].starts_with(b"0x");
                if ident_char(b) || b == b'.' || sign_ok {
                    prev = b;
                    self.i += 1;
                } else {
                    break;
                }
            }
        }

        fn value(&mut self) -> Option<Node> {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return None;
            }
            self.skip();
            let start = self.i;
            let kind = match self.peek()? {
                b'(' => self.group()?,
                b'[' => self.items(b']')?,
                b'{' => self.map()?,
                b'"' | b'\'' => {
                    self.string(self.peek()?)?;
                    Kind::Leaf
                }
                b'r' if matches!(self.at(1), Some(b'"'))
                    || (self.at(1) == Some(b'#')
                        && matches!(
                            self.s.get(self.i + 2..)?.iter().find(|b| **b != b'#'),
                            Some(b'"')
                        )) =>
                {
                    self.raw_string()?;
                    Kind::Leaf
                }
                b'b' if matches!(self.at(1), Some(b'"' | b'\'')) => {
                    self.i += 1;
                    self.string(self.peek()?)?;
                    Kind::Leaf
                }
                b'b' if self.at(1) == Some(b'r') && matches!(self.at(2), Some(b'"' | b'#')) => {
                    self.i += 1;
                    self.raw_string()?;
                    Kind::Leaf
                }
                b if b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.') => {
                    self.number();
                    Kind::Leaf
                }
                b if ident_char(b) => {
                    self.ident()?;
                    self.skip();
                    if self.peek() == Some(b'(') {
                        self.group()?
                    } else {
                        Kind::Leaf
                    }
                }
                _ => return None,
            };
            self.depth -= 1;
            Some(Node { start, kind })
        }

        /// `( … )`: named fields or positional items, from the `(`.
        fn group(&mut self) -> Option<Kind> {
            let open = self.i;
            self.i += 1;
            self.skip();
            // Named when an identifier is followed by a single ':'.
            let save = self.i;
            let named =
                self.peek().is_some_and(|b| !b.is_ascii_digit()) && self.ident().is_some() && {
                    self.skip();
                    self.peek() == Some(b':') && self.at(1) != Some(b':')
                };
            self.i = save;
            if !named {
                self.i = open;
                return self.items(b')');
            }
            let mut fields = Vec::new();
            loop {
                self.skip();
                if self.peek() == Some(b')') {
                    self.i += 1;
                    return Some(Kind::Fields(fields));
                }
                let name = self.ident()?.to_string();
                if !self.eat(b':') {
                    return None;
                }
                fields.push((name, self.value()?));
                if !self.eat(b',') {
                    return self.eat(b')').then_some(Kind::Fields(fields));
                }
            }
        }

        /// Items up to `close`, from the opening bracket.
        fn items(&mut self, close: u8) -> Option<Kind> {
            self.i += 1;
            let mut items = Vec::new();
            loop {
                self.skip();
                if self.peek() == Some(close) {
                    self.i += 1;
                    return Some(Kind::Items(items));
                }
                items.push(self.value()?);
                if !self.eat(b',') {
                    return self.eat(close).then_some(Kind::Items(items));
                }
            }
        }

        /// `{ key: value, … }`: the values, in order.
        fn map(&mut self) -> Option<Kind> {
            self.i += 1;
            let mut items = Vec::new();
            loop {
                self.skip();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    return Some(Kind::Items(items));
                }
                self.value()?;
                if !self.eat(b':') {
                    return None;
                }
                items.push(self.value()?);
                if !self.eat(b',') {
                    return self.eat(b'}').then_some(Kind::Items(items));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::spans::{self, Kind};
    use crate::model::scenario::FieldPath;

    #[test]
    fn spans_follow_every_shipped_scenario() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let tree = spans::parse(&text).unwrap_or_else(|| panic!("{}", path.display()));
            let Kind::Fields(f) = &tree.kind else {
                panic!("not a struct")
            };
            assert!(f.iter().any(|(n, _)| n == "programmes"));
            let p = FieldPath::root()
                .field("programmes")
                .index(1)
                .field("coverage")
                .field("start_year");
            let at = spans::find(&tree, p.segments()).start;
            assert!(text[at..].starts_with("2009"), "{}", &text[at..at + 20]);
        }
    }

    #[test]
    fn spans_read_the_forms_ron_allows() {
        let text = "/* a /* nested */ comment */ #![enable(implicit_some)]\n(a: Some(A(v: [1, -2.5e-3, +3])), b: r#\"x\"y\"#, c: 'q', d: {\"k\": (1, 2)}, e: V(x: b\"z\"), f: r#raw)";
        let tree = spans::parse(text).unwrap();
        let at = |p: FieldPath| &text[spans::find(&tree, p.segments()).start..];
        let r = FieldPath::root();
        // `Some(…)` and variants are looked through for a named field.
        assert!(at(r.field("a").field("v").index(1)).starts_with("-2.5e-3"));
        assert!(at(r.field("a").field("v").index(2)).starts_with("+3"));
        assert!(at(r.field("b")).starts_with("r#\""));
        assert!(at(r.field("d").index(0).index(1)).starts_with("2)"));
        assert!(at(r.field("e").field("x")).starts_with("b\"z\""));
        assert!(at(r.field("f")).starts_with("r#raw"));
        // A path the text lacks stops at the deepest value found.
        assert!(at(r.field("e").field("missing")).starts_with("V("));
    }
}
