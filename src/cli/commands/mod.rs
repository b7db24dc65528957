//! One module per subcommand, plus what they share: loading data with located problems on
//! stderr, and turning arguments into model options.

pub mod build_data;
pub mod check;
pub mod delete_cause;
pub mod dsr;
pub mod england;
pub mod export_charts;
pub mod gap;
pub mod goal_seek;
pub mod life_table;
pub mod monitor;
pub mod mortality_targets;
pub mod practices;
pub mod report;
pub mod run;
pub mod run_all;
pub mod scenario_common;
pub mod sii;
pub mod sii_target;
pub mod stretch;
pub mod validate;
pub mod ward_le;
pub mod within;

pub use super::error::usage_or_input;
use super::error::{CliError, Outcome, done};
use super::{DataArgs, TableArgs};
use lifegap_core::data::{self, Loaded, Problems};
use lifegap_core::model::area::{AreaData, Group, Sex};
use lifegap_core::model::life_table::LifeTableOptions;

/// Print every problem (warnings, and errors the command works around) to stderr.
pub fn report(problems: &Problems) {
    if !problems.list.is_empty() {
        eprint!(
            "{}",
            lifegap_report::format::printable(&problems.to_string())
        );
    }
}

/// Load area data and print its problems: the data, and whether any group had errors (the
/// command still runs for the valid groups, then exits 1).
pub fn load_reported(args: &DataArgs) -> Result<(Loaded, bool), CliError> {
    let loaded = data::load(&args.data, args.population.as_deref())?;
    report(&loaded.problems);
    let errors = loaded.problems.has_errors();
    Ok((loaded, errors))
}

/// Life-table options from the arguments (clap has checked the ranges).
pub fn options(t: &TableArgs) -> Result<LifeTableOptions, CliError> {
    let mut o = LifeTableOptions::with_confidence(t.confidence)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    if let Some(z) = t.z {
        o.z = z;
    }
    o.silcocks = !t.no_silcocks;
    Ok(o)
}

/// The group for an area and sex, or an error listing what the file has (usage, unless the
/// file's own errors explain the absence).
pub fn find_group<'a>(
    data: &'a AreaData,
    area: &str,
    sex: Sex,
    input_errors: bool,
) -> Result<&'a Group, CliError> {
    data.group(area, sex).ok_or_else(|| {
        usage_or_input(
            input_errors,
            format!(
                "no valid data for area '{area}', {sex} in {}; areas with valid data: {}",
                data.provenance.source,
                data.areas().join(", ")
            ),
        )
    })
}

/// `lifegap demo-data`: write the synthetic demo area file (and the demo scenarios)
/// atomically.
pub fn demo_data(
    out: &std::path::Path,
    scenarios: Option<&std::path::Path>,
    build_inputs: Option<&std::path::Path>,
    many: Option<(usize, f64)>,
) -> Outcome {
    use lifegap_core::build::demo_inputs;
    use lifegap_core::demo;
    let write_err = |p: &std::path::Path, e: std::io::Error| {
        CliError::Input(format!("cannot write {}: {e}", p.display()))
    };
    if let Some((n, scale)) = many {
        let data = lifegap_core::demo_many::many_areas(n, scale);
        let bytes = lifegap_report::export::area_file::wide_csv(&data)?;
        lifegap_core::atomic::write(out, &bytes).map_err(|e| write_err(out, e))?;
        eprintln!(
            "wrote {} (SYNTHETIC: the demo and {n} invented areas)",
            out.display()
        );
        return done(false);
    }
    lifegap_core::atomic::write(out, demo::csv_text().as_bytes()).map_err(|e| write_err(out, e))?;
    eprintln!("wrote {}", out.display());
    if let Some(dir) = build_inputs {
        for (name, text) in [
            ("demo-deaths-2006-08.csv", demo_inputs::deaths_csv()),
            ("demo-population-2006-08.csv", demo_inputs::population_csv()),
            ("demo-lookup.csv", demo_inputs::lookup_csv()),
        ] {
            let path = dir.join(name);
            lifegap_core::atomic::write(&path, text.as_bytes()).map_err(|e| write_err(&path, e))?;
            eprintln!("wrote {}", path.display());
        }
    }
    let Some(dir) = scenarios else {
        return done(false);
    };
    let data = data::load(out, None)?.data;
    let goal = demo::goal_seek_scenario(&data).map_err(CliError::Input)?;
    for (name, s) in [
        ("demo-2010-countdown.ron", demo::scenarios::countdown()),
        ("demo-stretch.ron", demo::scenarios::stretch()),
        ("demo-goal-seek.ron", goal),
    ] {
        let path = dir.join(name);
        lifegap_core::scenario_file::save(&path, &s).map_err(|e| write_err(&path, e))?;
        eprintln!("wrote {}", path.display());
    }
    done(false)
}

/// `lifegap gui [SCENARIO]` (and `lifegap` alone): the desktop planner.
pub fn gui(opts: crate::app::native::GuiOptions) -> Outcome {
    crate::app::native::run(opts)
        .map_err(|e| CliError::Input(format!("cannot open the window: {e}")))?;
    done(false)
}
