//! One module per subcommand, plus what they share: loading data with located problems on
//! stderr, and turning arguments into model options.

pub mod check;
pub mod delete_cause;
pub mod export_charts;
pub mod gap;
pub mod goal_seek;
pub mod life_table;
pub mod report;
pub mod run;
pub mod scenario_common;
pub mod validate;

use super::exit;
use super::{DataArgs, TableArgs};
use crate::data::{self, Loaded, Problems};
use crate::model::area::{AreaData, Group, Sex};
use crate::model::life_table::{LifeTableOptions, z_checked};

/// Print every problem to stderr.
pub fn report(problems: &Problems) {
    if !problems.list.is_empty() {
        eprint!("{problems}");
    }
}

/// Load area data and print its problems: the data, and whether any group had errors (the
/// command still runs for the valid groups, then exits 1).
pub fn load_reported(args: &DataArgs) -> Result<(Loaded, bool), u8> {
    let loaded = load(args)?;
    report(&loaded.problems);
    let errors = loaded.problems.has_errors();
    Ok((loaded, errors))
}

/// Load area data; on a fatal problem print it and return the exit code.
pub fn load(args: &DataArgs) -> Result<Loaded, u8> {
    match data::load(&args.data, args.population.as_deref()) {
        Ok(l) => Ok(l),
        Err(p) => {
            report(&p);
            Err(exit::BAD_INPUT)
        }
    }
}

pub fn parse_sex(s: &str) -> Result<Sex, u8> {
    Sex::parse(s).ok_or_else(|| {
        eprintln!("error: unknown sex '{s}': use male or female");
        exit::USAGE
    })
}

pub fn options(t: &TableArgs) -> Result<LifeTableOptions, u8> {
    let mut o = LifeTableOptions::with_confidence(t.confidence).map_err(|e| {
        eprintln!("error: {e}");
        exit::USAGE
    })?;
    if let Some(z) = t.z {
        o.z = z_checked(z).map_err(|e| {
            eprintln!("error: {e}");
            exit::USAGE
        })?;
    }
    o.silcocks = !t.no_silcocks;
    Ok(o)
}

/// The group for an area and sex, or a usage error listing what the file has.
pub fn find_group<'a>(data: &'a AreaData, area: &str, sex: Sex) -> Result<&'a Group, u8> {
    data.group(area, sex).ok_or_else(|| {
        eprintln!(
            "error: no valid data for area '{area}', {sex} in {}; areas with valid data: {}",
            data.provenance.source,
            data.areas().join(", ")
        );
        exit::USAGE
    })
}

/// `lifegap demo-data`: write the synthetic demo area file (and the demo scenarios)
/// atomically.
pub fn demo_data(out: &std::path::Path, scenarios: Option<&std::path::Path>) -> u8 {
    use crate::demo;
    if let Err(e) = crate::atomic::write(out, demo::csv_text().as_bytes()) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return exit::BAD_INPUT;
    }
    eprintln!("wrote {}", out.display());
    let Some(dir) = scenarios else {
        return exit::OK;
    };
    let data = match data::load(out, None) {
        Ok(l) => l.data,
        Err(p) => {
            report(&p);
            return exit::BAD_INPUT;
        }
    };
    let goal = match demo::goal_seek_scenario(&data) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::BAD_INPUT;
        }
    };
    for (name, s) in [
        ("demo-2010-countdown.ron", demo::scenarios::countdown()),
        ("demo-stretch.ron", demo::scenarios::stretch()),
        ("demo-goal-seek.ron", goal),
    ] {
        let path = dir.join(name);
        if let Err(e) = crate::scenario_file::save(&path, &s) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return exit::BAD_INPUT;
        }
        eprintln!("wrote {}", path.display());
    }
    exit::OK
}

/// The `gui` subcommand's arguments.
pub struct GuiArgs {
    pub open: Option<std::path::PathBuf>,
    pub renderer: Option<String>,
    pub size: String,
    pub screen: Option<String>,
    pub sex: Option<String>,
    pub screenshot: Option<std::path::PathBuf>,
    pub slide: Option<usize>,
}

/// `lifegap gui [SCENARIO]` (and `lifegap` alone): the desktop planner.
pub fn gui(a: GuiArgs) -> u8 {
    use crate::app::native::{GuiOptions, run};
    use crate::app::settings::Screen;
    let Some((w, h)) = a
        .size
        .split_once('x')
        .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)))
    else {
        eprintln!("error: --size must look like 1280x800");
        return exit::USAGE;
    };
    let screen = match a.screen.as_deref() {
        None => None,
        Some(s) => match Screen::ALL
            .iter()
            .find(|x| x.label().to_lowercase().starts_with(&s.to_lowercase()))
        {
            Some(x) => Some(*x),
            None => {
                eprintln!("error: unknown screen '{s}'");
                return exit::USAGE;
            }
        },
    };
    let sex = match a.sex.as_deref().map(parse_sex).transpose() {
        Ok(s) => s,
        Err(c) => return c,
    };
    let opts = GuiOptions {
        open: a.open,
        renderer: a.renderer,
        width: w,
        height: h,
        screen,
        sex,
        screenshot: a.screenshot,
        slide: a.slide,
    };
    match run(opts) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: cannot open the window: {e}");
            exit::BAD_INPUT
        }
    }
}
