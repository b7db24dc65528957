//! The `lifegap` command line: machine-readable CSV (or `--json`) on stdout, human messages on
//! stderr, exit code 0 (ok), 1 (bad input) or 2 (usage). Arguments are typed (clap value
//! enums and ranges), so a command receives values it can use; each returns
//! `Result<ExitCode, CliError>` and [`main`] prints an error once.

pub mod args;
pub mod commands;
pub mod error;
pub mod output;

use crate::app::native::Renderer;
use crate::app::settings::Screen;
use args::{SexArg, WindowSize};
use clap::{Args, Parser, Subcommand, ValueEnum};
use lifegap_core::model::cause_reduction::AgeRange;
use lifegap_core::model::scenario::Date;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use error::{CliError, Outcome, exit};

#[derive(Debug, Parser)]
#[command(
    name = "lifegap",
    version,
    about = "Life-expectancy gap planner: life tables, gap decomposition, programme effects and milestone countdowns.",
    long_about = "With no subcommand, opens the desktop planner."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Where the area data come from.
#[derive(Debug, Args, Clone)]
pub struct DataArgs {
    /// Area data: a wide CSV (area,sex,age,population,<causes…>) or a long deaths file
    /// (area,sex,age,cause,deaths) with --population.
    #[arg(long, value_name = "FILE")]
    pub data: PathBuf,
    /// Population file for long-format deaths (area,sex,age,population).
    #[arg(long, value_name = "FILE")]
    pub population: Option<PathBuf>,
}

/// Life-table settings shared by the commands that build tables.
#[derive(Debug, Args, Clone)]
pub struct TableArgs {
    /// Confidence level of the limits (between 0 and 1, e.g. 0.95 or 0.998).
    #[arg(long, default_value_t = 0.95, value_parser = args::confidence)]
    pub confidence: f64,
    /// z for the limits, overriding --confidence (1.96 reproduces PHE's Excel calculator).
    #[arg(long, value_parser = args::z_value)]
    pub z: Option<f64>,
    /// Leave out Silcocks' variance term for the open band (the older practice).
    #[arg(long)]
    pub no_silcocks: bool,
    /// Print life expectancy even where PHE would suppress it (95% interval over 20 years).
    #[arg(long)]
    pub no_suppress: bool,
    /// JSON instead of CSV.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum GapBy {
    Age,
    Cause,
    AgeCause,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum GapDirection {
    /// Arriaga from the local area to the comparator (contributions sum to the gap).
    LocalToComparator,
    /// Average of both directions.
    Symmetric,
}

/// The groups `build-data` writes.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum BuildBy {
    /// Local authority.
    Area,
    /// Ward.
    Ward,
    /// IMD quintile of residence, Q1 (most deprived) to Q5.
    DeprivationQuintile,
    /// IMD decile of residence, D1 (most deprived) to D10 (for `lifegap sii`).
    DeprivationDecile,
}

impl From<BuildBy> for lifegap_core::build::By {
    fn from(b: BuildBy) -> Self {
        use lifegap_core::build::By;
        match b {
            BuildBy::Area => By::Area,
            BuildBy::Ward => By::Ward,
            BuildBy::DeprivationQuintile => By::Quintile,
            BuildBy::DeprivationDecile => By::Decile,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DeleteMethod {
    /// Cut the cause's deaths and recompute the PHE life table.
    Rate,
    /// Chiang's associated single-decrement life table.
    Chiang,
}

/// A standard population for `lifegap dsr`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum StandardArg {
    /// European Standard Population 1976 (85+): the PSA-era standard.
    Esp1976,
    /// European Standard Population 2013 (90+): ONS/PHE since 2014.
    Esp2013,
}

impl From<StandardArg> for lifegap_core::model::dsr::Standard {
    fn from(s: StandardArg) -> Self {
        use lifegap_core::model::dsr::Standard;
        match s {
            StandardArg::Esp1976 => Standard::Esp1976,
            StandardArg::Esp2013 => Standard::Esp2013,
        }
    }
}

/// Which DSR measure(s) `lifegap dsr` computes.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DsrMeasureArg {
    /// All three.
    All,
    /// All-age all-cause mortality.
    AllCause,
    /// Circulatory diseases (I00-I99) under 75.
    #[value(name = "circulatory-under-75")]
    CirculatoryUnder75,
    /// Cancers (C00-C97) under 75.
    #[value(name = "cancer-under-75")]
    CancerUnder75,
}

impl DsrMeasureArg {
    pub fn measures(self) -> Vec<lifegap_core::model::dsr::Measure> {
        use lifegap_core::model::dsr::Measure;
        match self {
            DsrMeasureArg::All => Measure::ALL.to_vec(),
            DsrMeasureArg::AllCause => vec![Measure::AllCause],
            DsrMeasureArg::CirculatoryUnder75 => vec![Measure::CirculatoryUnder75],
            DsrMeasureArg::CancerUnder75 => vec![Measure::CancerUnder75],
        }
    }
}

/// Which table `lifegap mortality-targets` prints as CSV.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum MortalityTable {
    /// The rate targets: required and projected rates, gaps, each programme's effect.
    Rates,
    /// What meeting both rate targets exactly is worth against each life expectancy milestone.
    LifeExpectancy,
    /// Each rate target as a countdown: status (the milestones' at-risk rule, the miss in years
    /// of life expectancy), months left, and by year the required, without and with rates.
    Countdown,
}

/// Which table `lifegap england` prints as CSV.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum EnglandTable {
    /// Each milestone: England by the scenario's trend and by Holt, its aim, over-performance.
    Milestones,
    /// The series and Holt's forecast with 95% limits for each year of the horizon.
    Forecast,
}

/// How `lifegap practices` groups its CSV.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum PracticesBy {
    Practice,
    Hub,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Abridged life table (PHE/ONS method) for one area and sex, or for every group in the file.
    LifeTable {
        #[command(flatten)]
        data: DataArgs,
        /// Area name; leave out (with --sex) to compute every area × sex in the file.
        #[arg(long)]
        area: Option<String>,
        #[arg(long, value_enum, ignore_case = true)]
        sex: Option<SexArg>,
        #[command(flatten)]
        table: TableArgs,
    },
    /// Arriaga decomposition of the gap e0(comparator) − e0(area) by age band and cause.
    Gap {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long)]
        area: String,
        /// Comparator area (e.g. England).
        #[arg(long)]
        comparator: String,
        /// Read the comparator from another wide file.
        #[arg(long, value_name = "FILE")]
        comparator_data: Option<PathBuf>,
        #[arg(long, value_enum, ignore_case = true)]
        sex: SexArg,
        #[arg(long, value_enum, default_value_t = GapBy::AgeCause)]
        by: GapBy,
        #[arg(long, value_enum, default_value_t = GapDirection::LocalToComparator)]
        direction: GapDirection,
        #[arg(long)]
        json: bool,
    },
    /// Life table after removing or reducing a cause of death, and the gain in life expectancy.
    DeleteCause {
        #[command(flatten)]
        data: DataArgs,
        #[arg(long)]
        area: String,
        #[arg(long, value_enum, ignore_case = true)]
        sex: SexArg,
        /// Cause column (e.g. chd, circulatory).
        #[arg(long)]
        cause: String,
        /// Share of the cause's deaths removed, 0 to 1 (1 = deleted).
        #[arg(long, default_value_t = 1.0, value_parser = args::fraction)]
        fraction: f64,
        /// Ages affected, e.g. 40-74, 75+ or all.
        #[arg(long, default_value = "all")]
        ages: AgeRange,
        #[arg(long, value_enum, default_value_t = DeleteMethod::Rate)]
        method: DeleteMethod,
        #[command(flatten)]
        table: TableArgs,
    },
    /// Run a scenario: per-year results, programme contributions, milestones and the quarterly
    /// delivery countdown (CSV files in --out), and a one-screen summary.
    Run {
        scenario: PathBuf,
        /// Folder for the CSV files.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Monte Carlo draws (overrides the scenario; 0 = none).
        #[arg(long, value_parser = args::draws)]
        draws: Option<u32>,
        /// Planning date for the countdowns (YYYY-MM-DD within 1900–2100; default: the
        /// scenario's, else today).
        #[arg(long, value_parser = args::as_of)]
        as_of: Option<Date>,
        /// Everything as JSON on stdout instead of the summary.
        #[arg(long)]
        json: bool,
        /// Read the scenario's data even when they lie outside its folder (an absolute path,
        /// `..`, or a link leading out): only for a file you trust.
        #[arg(long)]
        allow_data_outside: bool,
    },
    /// What does it take to meet a milestone? One programme, a mix scaled together, or the
    /// cheapest mix.
    GoalSeek {
        scenario: PathBuf,
        /// Milestone name (e.g. "2010 PSA target"; both sexes) or label ("2010 PSA target (men)").
        #[arg(long)]
        milestone: String,
        /// One programme's id.
        #[arg(long, conflicts_with_all = ["mix", "cheapest"])]
        programme: Option<String>,
        /// Programme ids scaled together, comma-separated (default: every enabled programme).
        #[arg(long, value_delimiter = ',', conflicts_with = "cheapest")]
        mix: Option<Vec<String>>,
        /// The cheapest mix (greedy by cost per year of gap closed).
        #[arg(long)]
        cheapest: bool,
        /// Seek the mix's scale for this chance of meeting the milestone (0–1, e.g. 0.8)
        /// instead of meeting the central projection, with the scenario's uncertainty
        /// settings (a mix only).
        #[arg(long, value_parser = args::fraction, conflicts_with_all = ["programme", "cheapest"])]
        chance: Option<f64>,
        /// Monte Carlo draws for each answer's chance of meeting the milestone and for
        /// `--chance` (default: the scenario's; the app's dialog uses the smaller of the
        /// scenario's draws and 500, so that number reproduces its chances).
        #[arg(long, value_parser = args::draws)]
        draws: Option<u32>,
        #[arg(long)]
        json: bool,
        /// Read the scenario's data even when they lie outside its folder (an absolute path,
        /// `..`, or a link leading out): only for a file you trust.
        #[arg(long)]
        allow_data_outside: bool,
    },
    /// The board pack: one self-contained HTML file (inline SVG charts) that prints to A4
    /// landscape, and with --pdf the same pack as an A4-landscape PDF (vector charts,
    /// embedded fonts; no browser needed).
    Report {
        scenario: PathBuf,
        /// The HTML pack (board-pack.html when neither --out nor --pdf is given).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Write the pack as an A4-landscape PDF to FILE (with --out too, both are written).
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        /// Monte Carlo draws (overrides the scenario; 0 = none).
        #[arg(long, value_parser = args::draws)]
        draws: Option<u32>,
        /// Planning date for the countdowns (YYYY-MM-DD within 1900–2100).
        #[arg(long, value_parser = args::as_of)]
        as_of: Option<Date>,
        /// Read the scenario's data even when they lie outside its folder (an absolute path,
        /// `..`, or a link leading out): only for a file you trust.
        #[arg(long)]
        allow_data_outside: bool,
        /// The rate targets' 1995-97 baselines (CSV measure,sex,period,area,comparator): adds
        /// the targets as countdowns and what meeting both is worth in months.
        #[arg(long, value_name = "FILE")]
        baselines: Option<PathBuf>,
        /// Delivery actuals (CSV programme,partner,quarter,people): adds plan vs actual by
        /// programme and partner with red/amber/green.
        #[arg(long, value_name = "FILE")]
        actuals: Option<PathBuf>,
        /// A practice list (CSV, as `practices --data`): adds the ranked table and funnel chart;
        /// needs --practice-programme.
        #[arg(long, value_name = "FILE", requires = "practice_programme")]
        practices: Option<PathBuf>,
        /// The scenario's programme the practice indicator belongs to (e.g. blood_pressure).
        #[arg(long, value_name = "ID")]
        practice_programme: Option<String>,
        /// How the low practices are raised (as `practices --raise-to`).
        #[arg(long, value_parser = commands::practices::parse_raise, default_value = "p75")]
        raise_to: lifegap_core::model::practices::Raise,
        /// An area file by deprivation group (`build-data --by deprivation-quintile`): adds
        /// the gap within the area (most vs least deprived group, as `lifegap within`).
        #[arg(long, value_name = "FILE")]
        groups: Option<PathBuf>,
        /// With --groups: the most and least deprived groups (default Q1/Q5 or D1/D10).
        #[arg(long, requires = "groups")]
        most: Option<String>,
        #[arg(long, requires = "groups")]
        least: Option<String>,
    },
    /// Every chart of a scenario as SVG and/or PNG files (no window needed).
    ExportCharts {
        scenario: PathBuf,
        /// Folder for the files.
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
        /// PNG only (default: both PNG and SVG).
        #[arg(long)]
        png: bool,
        /// SVG only (default: both).
        #[arg(long)]
        svg: bool,
        /// Width in pixels (200–10000).
        #[arg(long, default_value_t = 1600, value_parser = clap::value_parser!(u32).range(200..=10_000))]
        width: u32,
        /// Height in pixels (150–10000).
        #[arg(long, default_value_t = 900, value_parser = clap::value_parser!(u32).range(150..=10_000))]
        height: u32,
        /// PNG resolution multiplier, 0.25–8 (2 = double resolution for print).
        #[arg(long, default_value_t = 1.0, value_parser = args::scale)]
        scale: f64,
        /// Monte Carlo draws for the uncertainty bands (overrides the scenario; 0 = none).
        #[arg(long, value_parser = args::draws)]
        draws: Option<u32>,
        /// Read the scenario's data even when they lie outside its folder (an absolute path,
        /// `..`, or a link leading out): only for a file you trust.
        #[arg(long)]
        allow_data_outside: bool,
    },
    /// Directly standardised mortality rates (all-age all-cause, circulatory and cancer under
    /// 75) per 100,000 for an area, its comparator and the gap, with Dobson limits. From a
    /// scenario (its data, area and comparator) or an area file (--data, --area, --comparator).
    Dsr {
        /// A scenario file (its data, area and comparator are used).
        scenario: Option<PathBuf>,
        /// An area data file instead of a scenario.
        #[arg(long, value_name = "FILE", conflicts_with = "scenario")]
        data: Option<PathBuf>,
        /// Population file for long-format deaths.
        #[arg(long, value_name = "FILE", requires = "data")]
        population: Option<PathBuf>,
        /// Area (default: the scenario's).
        #[arg(long)]
        area: Option<String>,
        /// Comparator (default: the scenario's).
        #[arg(long)]
        comparator: Option<String>,
        /// One sex (default: both).
        #[arg(long, value_enum, ignore_case = true)]
        sex: Option<SexArg>,
        #[arg(long, value_enum, default_value_t = DsrMeasureArg::All)]
        measure: DsrMeasureArg,
        /// Standard population. Data closing at 90+ are pooled to 85+ for ESP 1976; data
        /// closing at 85+ take ESP 2013's 85-89 and 90+ weights together.
        #[arg(long, value_enum, default_value_t = StandardArg::Esp1976)]
        standard: StandardArg,
        /// Confidence level of the limits (between 0 and 1).
        #[arg(long, default_value_t = 0.95, value_parser = args::confidence)]
        confidence: f64,
        #[arg(long)]
        json: bool,
        /// Read the scenario's data even when they lie outside its folder: only for a file you
        /// trust.
        #[arg(long)]
        allow_data_outside: bool,
    },
    /// The PSA mortality targets on directly standardised rates (circulatory disease under 75
    /// down 40% from 1995-97 with the gap down 40%; cancer under 75 down 20% with the gap down
    /// 6%, by 2009-11) for a scenario: projected rates without and with the programmes, each
    /// programme's effect, and (--table life-expectancy) how much of each life expectancy
    /// milestone meeting both targets exactly would deliver.
    MortalityTargets {
        scenario: PathBuf,
        /// Baseline rates: CSV measure,sex,period,area,comparator (per 100,000, on --standard).
        #[arg(long, value_name = "FILE")]
        baselines: PathBuf,
        /// Standard population of the baselines (the PSA targets used ESP 1976).
        #[arg(long, value_enum, default_value_t = StandardArg::Esp1976)]
        standard: StandardArg,
        #[arg(long, value_enum, default_value_t = MortalityTable::Rates)]
        table: MortalityTable,
        /// Stretch every life expectancy milestone to this gap reduction (e.g. 0.15 or 0.2)
        /// from its baseline.
        #[arg(long, value_parser = args::fraction, conflicts_with = "stretch_gap")]
        stretch_reduction: Option<f64>,
        /// Stretch every life expectancy milestone to a gap of at most this many years.
        #[arg(long, value_parser = args::gap_years)]
        stretch_gap: Option<f64>,
        /// Planning date (YYYY-MM-DD within 1900–2100).
        #[arg(long, value_parser = args::as_of)]
        as_of: Option<Date>,
        #[arg(long)]
        json: bool,
        /// Read the scenario's data even when they lie outside its folder: only for a file you
        /// trust.
        #[arg(long)]
        allow_data_outside: bool,
    },
    /// England's life expectancy by Holt's double exponential smoothing (95% limits) beside the
    /// scenario's trend, and how much of each milestone's shortfall is England running ahead
    /// of its 2010 aim (78.6 men, 82.5 women, from 74.6 and 79.7 in 1995-97).
    England {
        scenario: PathBuf,
        /// England's published e0 series: CSV sex,period,e0, equally spaced periods.
        #[arg(long, value_name = "FILE")]
        series: PathBuf,
        /// Holt's level smoothing α (0 < α ≤ 1; default: estimated).
        #[arg(long, value_parser = args::smoothing)]
        alpha: Option<f64>,
        /// Holt's trend smoothing β (0 < β ≤ 1; default: estimated).
        #[arg(long, value_parser = args::smoothing)]
        beta: Option<f64>,
        #[arg(long, value_enum, default_value_t = EnglandTable::Milestones)]
        table: EnglandTable,
        /// Also write a copy of the scenario (in its own folder) whose England trend is Holt's
        /// annual gain, to run every other command with England on Holt's trajectory.
        #[arg(long, value_name = "FILE.ron")]
        write_scenario: Option<PathBuf>,
        /// With --write-scenario: put England on Holt's forecast of the series itself
        /// (`comparator_path: Holt`, level and slope, 95% limits) rather than Holt's slope
        /// from the base period.
        #[arg(long, requires = "write_scenario")]
        holt_path: bool,
        #[arg(long)]
        json: bool,
        /// Read the scenario's data even when they lie outside its folder: only for a file you
        /// trust.
        #[arg(long)]
        allow_data_outside: bool,
    },
    /// Delivery monitoring: actuals (CSV programme,partner,quarter,people: people reached in
    /// the quarter) against the scenario's quarterly plan by programme and partner, with
    /// variance, red/amber/green, re-forecasts (actual to date plus plan thereafter; at the
    /// actual rate) and the milestones if delivery continues at the actual rate.
    Monitor {
        scenario: PathBuf,
        #[arg(long, value_name = "FILE")]
        actuals: PathBuf,
        /// Green at this share of the plan to date or more (a local convention).
        #[arg(long, default_value_t = 0.95, value_parser = args::fraction)]
        green: f64,
        /// Amber at this share or more, red below.
        #[arg(long, default_value_t = 0.85, value_parser = args::fraction)]
        amber: f64,
        #[arg(long)]
        json: bool,
        /// Read the scenario's data even when they lie outside its folder: only for a file you
        /// trust.
        #[arg(long)]
        allow_data_outside: bool,
    },
    /// Practice-level scale: a practice list (CSV code,name,hub,list_size,register,achieving,
    /// exceptions) on a funnel plot (95% and 99.8% limits), ranked, and what raising the low
    /// practices adds to a programme: extra people and deaths postponed per practice and hub.
    Practices {
        scenario: PathBuf,
        /// The practice list.
        #[arg(long, value_name = "FILE")]
        data: PathBuf,
        /// pNN (raise every practice below the NN-th percentile to it, e.g. p75),
        /// best-quartile (to the top quarter's pooled rate), or exceptions:SHARE (cut every
        /// practice's exceptions to at most that share of its register).
        #[arg(long, value_parser = commands::practices::parse_raise, default_value = "p75")]
        raise_to: lifegap_core::model::practices::Raise,
        /// The scenario's programme the indicator belongs to (e.g. blood_pressure): its deaths
        /// postponed per extra person price the practices' extra people.
        #[arg(long)]
        programme: String,
        #[arg(long, value_enum, default_value_t = PracticesBy::Practice)]
        by: PracticesBy,
        #[arg(long)]
        json: bool,
        /// Read the scenario's data even when they lie outside its folder: only for a file you
        /// trust.
        #[arg(long)]
        allow_data_outside: bool,
    },
    /// Apply a template scenario to every area of a multi-area file against the comparator:
    /// a league table (gap, milestones' status and chance, programmes' share of the
    /// shortfall, cost) as league.csv and league.html in --out.
    RunAll {
        template: PathBuf,
        #[command(flatten)]
        data: DataArgs,
        /// Folder for league.csv and league.html (written together or not at all).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Monte Carlo draws for each area (overrides the template; 0 = none).
        #[arg(long, value_parser = args::draws)]
        draws: Option<u32>,
        /// Planning date for the countdowns (YYYY-MM-DD within 1900–2100).
        #[arg(long, value_parser = args::as_of)]
        as_of: Option<Date>,
    },
    /// Stretch every milestone of a scenario (a larger gap reduction, e.g. 0.15 or 0.2 instead
    /// of 0.1, or a gap of at most G years) into a copy beside it, for run, goal-seek, report
    /// and the app.
    Stretch {
        scenario: PathBuf,
        /// Gap-reduction milestones narrow the gap by this share of their baseline instead.
        #[arg(long, value_parser = args::reduction, conflicts_with = "gap_years", required_unless_present = "gap_years")]
        reduction: Option<f64>,
        /// Every milestone becomes a gap of at most this many years.
        #[arg(long, value_parser = args::gap_years)]
        gap_years: Option<f64>,
        /// The stretched copy (in the scenario's own folder).
        #[arg(long, value_name = "FILE.ron")]
        out: PathBuf,
        /// Read the scenario's data even when they lie outside its folder: only for a file you
        /// trust.
        #[arg(long)]
        allow_data_outside: bool,
    },
    /// Check a scenario and its data: every located problem, or a one-line summary. Runs
    /// every rule `run` runs, and fails on any error in the data file.
    Check {
        scenario: PathBuf,
        /// Read the scenario's data even when they lie outside its folder (an absolute path,
        /// `..`, or a link leading out): only for a file you trust.
        #[arg(long)]
        allow_data_outside: bool,
    },
    /// Open the desktop planner (the default with no subcommand).
    Gui {
        /// A scenario to open.
        scenario: Option<PathBuf>,
        /// Renderer (wgpu needs a build with the `wgpu` feature).
        #[arg(long, value_enum, default_value_t = Renderer::Glow)]
        renderer: Renderer,
        /// Window size, e.g. 1280x800.
        #[arg(long, default_value = "1280x800")]
        size: WindowSize,
        /// Screen to show first.
        #[arg(long, value_enum)]
        screen: Option<Screen>,
        /// Sex to show first.
        #[arg(long, value_enum, ignore_case = true)]
        sex: Option<SexArg>,
        /// Save a screenshot of the window to this PNG once it has drawn, then quit.
        #[arg(long, value_name = "PNG")]
        screenshot: Option<PathBuf>,
        /// Start in presentation mode at this slide (1 = first).
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
        slide: Option<u16>,
    },
    /// Write the synthetic demonstration area file (reproducible; see `crates/lifegap-core/src/demo.rs`).
    DemoData {
        /// Where to write the area file.
        #[arg(long, default_value = "assets/data/demo-area-2006-08.csv")]
        out: PathBuf,
        /// Folder for the three demo scenarios (their data path assumes `scenarios/` beside
        /// `assets/`).
        #[arg(long, value_name = "DIR")]
        scenarios: Option<PathBuf>,
        /// Folder for the SYNTHETIC build-data inputs (death records, mid-year estimates, LSOA
        /// lookup) that rebuild the demo area's Demoborough rows.
        #[arg(long, value_name = "DIR")]
        build_inputs: Option<PathBuf>,
        /// Write instead a SYNTHETIC file of England and this many invented areas (for
        /// run-all; 1–20,000).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=20_000))]
        many_areas: Option<u32>,
        /// Population of each invented area, as a multiple of Demoborough's (0.001–10;
        /// 0.02 is ward-sized, about 8,000 person-years a sex).
        #[arg(long, default_value_t = 1.0, value_parser = args::area_scale)]
        area_scale: f64,
    },
    /// Build an area file from death records (one row per death), ONS mid-year population
    /// estimates and an LSOA lookup, by local authority, ward or deprivation fifth/tenth.
    BuildData {
        /// Death records: date of death and/or registration, age, sex, ICD-10 underlying
        /// cause, LSOA (or ward/local authority) of residence.
        #[arg(long, value_name = "FILE")]
        deaths: PathBuf,
        /// Mid-year estimates: code, year, sex, then ages as columns (0…89, 90+) or bands.
        #[arg(long, value_name = "FILE")]
        population: PathBuf,
        /// LSOA lookup: lsoa_code, la_code[, la_name, ward_code, ward_name, imd_decile|imd_quintile].
        #[arg(long, value_name = "FILE")]
        lookup: PathBuf,
        /// ICD-10 → cause mapping (default: the shipped assets/data/icd10-to-causes.csv).
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// Years pooled (registration year, mid-year estimates), e.g. 2006-2008 (at most 10).
        #[arg(long)]
        years: lifegap_core::build::Years,
        #[arg(long, value_enum, default_value_t = BuildBy::Area)]
        by: BuildBy,
        /// The area file to write (atomically).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Write the file from the rows that were read even when some were refused (their
        /// count goes into the file's notes).
        #[arg(long)]
        allow_refused: bool,
    },
    /// Slope index of inequality in life expectancy at birth across deprivation deciles
    /// (PHE's phe_sii: weighted regression on cumulative-rank midpoints, limits simulated).
    Sii {
        #[command(flatten)]
        data: DataArgs,
        /// One sex (default: both).
        #[arg(long, value_enum, ignore_case = true)]
        sex: Option<SexArg>,
        /// Groups, most deprived first, comma-separated (default: D1…D10 or Q1…Q5).
        #[arg(long, value_delimiter = ',')]
        groups: Option<Vec<String>>,
        /// Simulated slopes for the limits (PHE's default 100,000; 1,000 to 10,000,000).
        #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u32).range(1_000..=10_000_000))]
        repetitions: u32,
        /// Seed of the simulation (the same seed gives the same limits).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[command(flatten)]
        table: TableArgs,
    },
    /// The slope index of inequality as a milestone: without --data, the SII milestones saved
    /// in the scenario (`sii_milestones`); with --data, the SII in life expectancy across the
    /// deciles narrowed by --reduction from the base period by --period, projected without and
    /// with the scenario's programmes delivered in the --targeted deciles, with its status.
    SiiTarget {
        scenario: PathBuf,
        /// Area file by decile (`build-data --by deprivation-decile`) or quintile (default:
        /// the scenario's saved SII milestones, each with its own file).
        #[arg(long, value_name = "FILE")]
        data: Option<PathBuf>,
        /// One sex (default: both).
        #[arg(long, value_enum, ignore_case = true)]
        sex: Option<SexArg>,
        /// Groups, most deprived first, comma-separated (default: D1…D10 or Q1…Q5).
        #[arg(long, value_delimiter = ',')]
        groups: Option<Vec<String>>,
        /// Groups the programmes are delivered in, comma-separated (default: none).
        #[arg(long, value_delimiter = ',')]
        targeted: Vec<String>,
        /// Share the SII is to narrow by (0.1 = 10%).
        #[arg(long, default_value_t = 0.1, value_parser = args::reduction)]
        reduction: f64,
        /// Measurement period (e.g. 2009-11; default: the scenario's first milestone's).
        #[arg(long)]
        period: Option<lifegap_core::model::scenario::Period>,
        /// Planning date (YYYY-MM-DD; default: the scenario's, else today).
        #[arg(long, value_parser = args::as_of)]
        as_of: Option<Date>,
        /// JSON (with each decile's projection) instead of CSV.
        #[arg(long)]
        json: bool,
        /// Read the scenario's data even when they lie outside its folder.
        #[arg(long)]
        allow_data_outside: bool,
    },
    /// Life expectancy at birth of every group (e.g. wards), ranked, with 95% limits, flagged
    /// under 5,000 person-years and suppressed by PHE's rules.
    WardLe {
        #[command(flatten)]
        data: DataArgs,
        /// One sex (default: both).
        #[arg(long, value_enum, ignore_case = true)]
        sex: Option<SexArg>,
        #[command(flatten)]
        table: TableArgs,
    },
    /// The gap within the area: its most deprived group against its least deprived (Q1 vs
    /// Q5 of `build-data --by deprivation-quintile`, or any two groups), broken down by cause
    /// and age, with the scenario's programmes targeted at the most deprived group and its
    /// gap-reduction milestones measured on the within-area gap.
    Within {
        scenario: PathBuf,
        /// Area file by group (e.g. `build-data --by deprivation-quintile`).
        #[arg(long, value_name = "FILE")]
        groups: PathBuf,
        /// The most deprived group (default: Q1 or D1).
        #[arg(long)]
        most: Option<String>,
        /// The least deprived group (default: Q5 or D10).
        #[arg(long)]
        least: Option<String>,
        /// Deliver only these programmes (ids, comma-separated or repeated) in the most
        /// deprived group (default: every enabled programme).
        #[arg(long = "programme", value_delimiter = ',')]
        programmes: Vec<String>,
        /// Write the within-area scenario here (beside the group file), for run, report and
        /// the app.
        #[arg(long, value_name = "FILE")]
        save: Option<PathBuf>,
        /// Planning date for the countdowns (YYYY-MM-DD; default: the scenario's, else today).
        #[arg(long, value_parser = args::as_of)]
        as_of: Option<Date>,
        /// Everything as JSON on stdout instead of the summary.
        #[arg(long)]
        json: bool,
        /// Read the scenario's data even when they lie outside its folder.
        #[arg(long)]
        allow_data_outside: bool,
    },
    /// Check an area data file: every problem, or a one-line summary of what is in it.
    Validate {
        file: PathBuf,
        /// Population file, when FILE is long-format deaths.
        #[arg(long, value_name = "FILE")]
        population: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

impl Command {
    /// The desktop planner with its defaults (what `lifegap` alone opens).
    pub fn default_gui() -> Command {
        Command::Gui {
            scenario: None,
            renderer: Renderer::Glow,
            size: WindowSize::default(),
            screen: None,
            sex: None,
            screenshot: None,
            slide: None,
        }
    }
}

/// Run a parsed command line (no subcommand opens the desktop planner) and print any error
/// once: the process's exit code.
pub fn main(cli: Cli) -> ExitCode {
    let command = cli.command.unwrap_or_else(Command::default_gui);
    let writes_stdout = !matches!(command, Command::Gui { .. });
    let outcome = if writes_stdout {
        output::stdout_is_open().map_err(CliError::Output)
    } else {
        Ok(())
    };
    outcome
        .and_then(|()| dispatch(command))
        .unwrap_or_else(CliError::report)
}

fn dispatch(command: Command) -> Outcome {
    use commands::*;
    match command {
        Command::LifeTable {
            data,
            area,
            sex,
            table,
        } => life_table::run(&data, area.as_deref(), sex.map(Into::into), &table),
        Command::Gap {
            data,
            area,
            comparator,
            comparator_data,
            sex,
            by,
            direction,
            json,
        } => gap::run(&gap::Request {
            data: &data,
            area: &area,
            comparator: &comparator,
            comparator_data: comparator_data.as_deref(),
            sex: sex.into(),
            by,
            direction,
            json,
        }),
        Command::DeleteCause {
            data,
            area,
            sex,
            cause,
            fraction,
            ages,
            method,
            table,
        } => delete_cause::run(&delete_cause::Request {
            data: &data,
            area: &area,
            sex: sex.into(),
            cause: &cause,
            fraction,
            ages,
            method,
            table: &table,
        }),
        Command::Gui {
            scenario,
            renderer,
            size,
            screen,
            sex,
            screenshot,
            slide,
        } => gui(crate::app::native::GuiOptions {
            open: scenario,
            renderer,
            width: size.width,
            height: size.height,
            screen,
            sex: sex.map(Into::into),
            screenshot,
            slide: slide.map(usize::from),
        }),
        Command::DemoData {
            out,
            scenarios,
            build_inputs,
            many_areas,
            area_scale,
        } => demo_data(
            &out,
            scenarios.as_deref(),
            build_inputs.as_deref(),
            many_areas.map(|n| (n as usize, area_scale)),
        ),
        Command::Run {
            scenario,
            out,
            draws,
            as_of,
            json,
            allow_data_outside,
        } => run::run(
            &scenario_common::Source::new(&scenario, allow_data_outside),
            out.as_deref(),
            draws,
            as_of,
            json,
        ),
        Command::GoalSeek {
            scenario,
            milestone,
            programme,
            mix,
            cheapest,
            chance,
            draws,
            json,
            allow_data_outside,
        } => {
            let mode = match (programme, mix, cheapest, chance) {
                (Some(p), _, _, _) => goal_seek::Mode::Programme(p),
                (None, _, true, _) => goal_seek::Mode::Cheapest,
                (None, mix, false, Some(c)) => goal_seek::Mode::Chance(mix, c),
                (None, mix, false, None) => goal_seek::Mode::Mix(mix),
            };
            let source = scenario_common::Source::new(&scenario, allow_data_outside);
            goal_seek::run(&source, &milestone, mode, draws, json)
        }
        Command::RunAll {
            template,
            data,
            out,
            draws,
            as_of,
        } => run_all::run(&run_all::Request {
            template: &template,
            data: &data,
            out: &out,
            draws,
            as_of,
        }),
        Command::Check {
            scenario,
            allow_data_outside,
        } => check::run(&scenario_common::Source::new(&scenario, allow_data_outside)),
        Command::Report {
            scenario,
            out,
            pdf,
            draws,
            as_of,
            allow_data_outside,
            baselines,
            actuals,
            practices,
            practice_programme,
            raise_to,
            groups,
            most,
            least,
        } => report::run(&report::Request {
            source: scenario_common::Source::new(&scenario, allow_data_outside),
            out: match (&out, &pdf) {
                (None, None) => Some(Path::new("board-pack.html")),
                (out, _) => out.as_deref(),
            },
            pdf: pdf.as_deref(),
            draws,
            as_of,
            baselines: baselines.as_deref(),
            actuals: actuals.as_deref(),
            practices: practices.as_deref(),
            practice_programme: practice_programme.as_deref(),
            raise_to,
            groups: groups.as_deref(),
            most: most.as_deref(),
            least: least.as_deref(),
        }),
        Command::ExportCharts {
            scenario,
            dir,
            png,
            svg,
            width,
            height,
            scale,
            draws,
            allow_data_outside,
        } => export_charts::run(
            &scenario_common::Source::new(&scenario, allow_data_outside),
            &dir,
            &export_charts::Options {
                png,
                svg,
                width,
                height,
                scale,
                draws,
            },
        ),
        Command::Dsr {
            scenario,
            data,
            population,
            area,
            comparator,
            sex,
            measure,
            standard,
            confidence,
            json,
            allow_data_outside,
        } => dsr::run(&dsr::Request {
            scenario: scenario.as_ref(),
            allow_data_outside,
            data: data.map(|data| DataArgs { data, population }),
            area: area.as_deref(),
            comparator: comparator.as_deref(),
            sex: sex.map(Into::into),
            measure,
            standard,
            confidence,
            json,
        }),
        Command::MortalityTargets {
            scenario,
            baselines,
            standard,
            table,
            stretch_reduction,
            stretch_gap,
            as_of,
            json,
            allow_data_outside,
        } => {
            use lifegap_core::model::dsr::targets::Stretch;
            let stretch = stretch_reduction
                .map(Stretch::GapReduction)
                .or(stretch_gap.map(Stretch::GapYears));
            mortality_targets::run(&mortality_targets::Request {
                source: scenario_common::Source::new(&scenario, allow_data_outside),
                baselines: &baselines,
                standard,
                stretch,
                table,
                as_of,
                json,
            })
        }
        Command::England {
            scenario,
            series,
            alpha,
            beta,
            table,
            write_scenario,
            holt_path,
            json,
            allow_data_outside,
        } => england::run(&england::Request {
            source: scenario_common::Source::new(&scenario, allow_data_outside),
            write_scenario: write_scenario.as_deref(),
            holt_path,
            series: &series,
            alpha,
            beta,
            table,
            json,
        }),
        Command::Monitor {
            scenario,
            actuals,
            green,
            amber,
            json,
            allow_data_outside,
        } => monitor::run(&monitor::Request {
            source: scenario_common::Source::new(&scenario, allow_data_outside),
            actuals: &actuals,
            thresholds: lifegap_core::model::monitor::Thresholds { green, amber },
            json,
        }),
        Command::Practices {
            scenario,
            data,
            raise_to,
            programme,
            by,
            json,
            allow_data_outside,
        } => practices::run(&practices::Request {
            source: scenario_common::Source::new(&scenario, allow_data_outside),
            data: &data,
            raise: raise_to,
            programme: &programme,
            by,
            json,
        }),
        Command::BuildData {
            deaths,
            population,
            lookup,
            mapping,
            years,
            by,
            out,
            allow_refused,
        } => build_data::run(&build_data::Request {
            deaths: &deaths,
            population: &population,
            lookup: &lookup,
            mapping: mapping.as_deref(),
            years,
            by: by.into(),
            out: &out,
            allow_refused,
        }),
        Command::Sii {
            data,
            sex,
            groups,
            repetitions,
            seed,
            table,
        } => sii::run(&sii::Request {
            data: &data,
            sex: sex.map(Into::into),
            groups: groups.as_deref(),
            repetitions,
            seed,
            table: &table,
        }),
        Command::SiiTarget {
            scenario,
            data,
            sex,
            groups,
            targeted,
            reduction,
            period,
            as_of,
            json,
            allow_data_outside,
        } => sii_target::run(&sii_target::Request {
            source: scenario_common::Source::new(&scenario, allow_data_outside),
            data: data.as_deref(),
            sex: sex.map(Into::into),
            groups: groups.as_deref(),
            targeted: &targeted,
            reduction,
            period,
            as_of,
            json,
        }),
        Command::WardLe { data, sex, table } => ward_le::run(&data, sex.map(Into::into), &table),
        Command::Within {
            scenario,
            groups,
            most,
            least,
            programmes,
            save,
            as_of,
            json,
            allow_data_outside,
        } => within::run(&within::Request {
            source: scenario_common::Source::new(&scenario, allow_data_outside),
            groups: &groups,
            most: most.as_deref(),
            least: least.as_deref(),
            programmes: &programmes,
            save: save.as_deref(),
            as_of,
            json,
        }),
        Command::Stretch {
            scenario,
            reduction,
            gap_years,
            out,
            allow_data_outside,
        } => {
            use lifegap_core::model::dsr::targets::Stretch;
            let to = match (reduction, gap_years) {
                (Some(r), _) => Stretch::GapReduction(r),
                (None, Some(g)) => Stretch::GapYears(g),
                (None, None) => {
                    return Err(CliError::Usage("give --reduction or --gap-years".into()));
                }
            };
            stretch::run(
                &scenario_common::Source::new(&scenario, allow_data_outside),
                to,
                &out,
            )
        }
        Command::Validate {
            file,
            population,
            json,
        } => validate::run(&file, population.as_deref(), json),
    }
}
