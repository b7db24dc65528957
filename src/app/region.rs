//! The Region screen's work: a multi-area file read and the league table run against the
//! current scenario as template, on a worker thread (150 areas take a second or more), through
//! `lifegap_core::league::run_all`, the function `lifegap run-all` calls (central estimates,
//! no draws), so every row is the one `run-all` writes.

use lifegap_core::data::{self, Problems};
use lifegap_core::league::{self, League};
use lifegap_core::model::area::{AreaData, Sex};
use lifegap_core::model::scenario::{Date, Scenario};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// A column of the league table the user can sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Area,
    E0(Sex),
    Gap(Sex),
    /// A milestone, by its index in the template.
    Milestone(usize),
    Share(Sex),
    Cost,
}

/// A league table shown on the Region screen (kept for the session, never saved).
pub struct RegionView {
    /// The multi-area file (absolute when it could be resolved).
    pub path: PathBuf,
    pub data: Arc<AreaData>,
    pub problems: Problems,
    /// The scenario the table was computed from.
    pub template: Scenario,
    pub league: League,
    /// Why the template could not be carried to the file's areas (the table is then empty).
    pub league_error: Option<String>,
    /// The file is by deprivation fifth or tenth: its most and least deprived groups.
    pub within: Option<(String, String)>,
    pub sort: SortKey,
    /// Sorted high to low (areas: Z to A).
    pub descending: bool,
    /// The area clicked in the table.
    pub selected: Option<String>,
    /// Every area's life expectancy at birth, ranked within each sex, with PHE's
    /// small-population rules (`small_areas::ranked`, as `lifegap ward-le` prints it).
    pub ward_le: Vec<lifegap_core::model::small_areas::GroupLe>,
    /// For a file by deprivation decile or fifth: the SII with its limits and the SII
    /// milestone, each sex (`lifegap sii`, `lifegap sii-target`).
    pub sii: Vec<SiiView>,
}

/// One sex's slope index of inequality on the Region screen.
pub struct SiiView {
    pub sex: Sex,
    /// The groups, most deprived first, and their life expectancy at birth (NaN where no life
    /// table can be made).
    pub groups: Vec<String>,
    pub e0: Vec<f64>,
    /// As `lifegap sii` computes it (95%, 100,000 repetitions, seed 1).
    pub sii: Result<lifegap_core::model::sii::Sii, String>,
    /// The SII milestone, when the scenario's results were at hand.
    pub countdown: Option<Result<lifegap_core::sii_target::SiiCountdown, String>>,
}

fn sii_views(
    data: &AreaData,
    template: &Scenario,
    results: Option<&lifegap_core::model::results::ScenarioResults>,
    as_of: Date,
) -> Vec<SiiView> {
    use lifegap_core::model::small_areas::{deprivation_groups, life_expectancy_sii};
    let Some(groups) = deprivation_groups(data) else {
        return Vec::new();
    };
    let opts = lifegap_core::model::life_table::LifeTableOptions::default();
    Sex::BOTH
        .iter()
        .map(|&sex| SiiView {
            sex,
            groups: groups.clone(),
            e0: groups
                .iter()
                .map(|g| {
                    data.group(g, sex)
                        .and_then(|x| x.life_table(data.bands, &opts).ok())
                        .map_or(f64::NAN, |t| t.e0())
                })
                .collect(),
            sii: life_expectancy_sii(data, sex, &groups, &opts, 0.95, 100_000, 1).map(|(s, _)| s),
            countdown: results.and_then(|r| {
                let (reduction, period, targeted) =
                    lifegap_report::export::within::sii_milestone_for(template, &groups)?;
                Some(lifegap_core::sii_target::sii_countdown(
                    template,
                    r,
                    data,
                    &groups,
                    &targeted,
                    lifegap_core::sii_target::SiiTarget {
                        sex,
                        period,
                        reduction,
                    },
                    as_of,
                ))
            }),
        })
        .collect()
}

/// Why a region could not be shown.
pub enum RegionFailure {
    /// The file could not be read: every located problem.
    Read(Problems),
    /// The template cannot be carried to the file's areas (e.g. its comparator is missing).
    League(String),
}

/// A region being read and computed in the background.
pub struct RegionJob {
    pub path: PathBuf,
    rx: Receiver<Result<RegionView, RegionFailure>>,
}

impl RegionJob {
    pub fn start(
        path: PathBuf,
        template: Scenario,
        results: Option<lifegap_core::model::results::ScenarioResults>,
        as_of: Date,
        repaint: impl Fn() + Send + 'static,
    ) -> RegionJob {
        let (tx, rx) = channel();
        let p = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        std::thread::spawn(move || {
            let res = compute(p, template, results.as_ref(), as_of);
            let _ = tx.send(res);
            repaint();
        });
        RegionJob { path, rx }
    }

    /// The finished table, when ready.
    pub fn poll(&self) -> Option<Result<RegionView, RegionFailure>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(RegionFailure::League(
                "the region worker stopped unexpectedly".into(),
            ))),
        }
    }
}

fn compute(
    path: PathBuf,
    template: Scenario,
    results: Option<&lifegap_core::model::results::ScenarioResults>,
    as_of: Date,
) -> Result<RegionView, RegionFailure> {
    let loaded = data::load(&path, None).map_err(RegionFailure::Read)?;
    let within = lifegap_core::build::deprivation_extremes(&loaded.data.areas());
    let ward_le = lifegap_core::model::small_areas::ranked(
        &loaded.data,
        None,
        &lifegap_core::model::life_table::LifeTableOptions::default(),
    );
    // A file of wards or deprivation fifths has no comparator: it is still worth showing, for
    // its areas' life expectancy and the within-area gap it offers.
    let (league, league_error) = match league::run_all(&template, &loaded.data, as_of, None) {
        Ok(l) => (l, None),
        Err(e) => (
            League {
                template: template.name.clone(),
                comparator: template.comparator.clone(),
                milestone_labels: Vec::new(),
                outcomes: Vec::new(),
                notes: Vec::new(),
            },
            Some(e),
        ),
    };
    let sii = sii_views(&loaded.data, &template, results, as_of);
    Ok(RegionView {
        path,
        data: Arc::new(loaded.data),
        problems: loaded.problems,
        template,
        league,
        league_error,
        within,
        sort: SortKey::Gap(Sex::Male),
        descending: true,
        selected: None,
        ward_le,
        sii,
    })
}

impl super::LifegapApp {
    /// Read `path` and rank its areas with the current scenario as template, in the background
    /// (a job already running is dropped: its answer is no longer wanted).
    pub fn start_region(&mut self, path: PathBuf) {
        let Some(doc) = &self.doc else { return };
        let as_of = self.as_of();
        let template = doc.scenario.clone();
        let results = doc.current_results().cloned();
        // `poll_region` asks for repaints while the job runs.
        self.region_job = Some(RegionJob::start(path, template, results, as_of, || {}));
        self.screen = super::settings::Screen::Region;
    }

    /// Take the finished league table, or show why there is none.
    pub fn poll_region(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.region_job else { return };
        let Some(res) = job.poll() else {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        };
        let path = self.region_job.take().map(|j| j.path).unwrap_or_default();
        match res {
            Ok(view) => {
                let failed = view
                    .league
                    .outcomes
                    .iter()
                    .filter(|o| o.row.is_err())
                    .count();
                let name = path.file_name().map_or(path.display().to_string(), |n| {
                    n.to_string_lossy().into_owned()
                });
                self.flash(if view.league.outcomes.is_empty() {
                    format!(
                        "Read {} areas of {name}: their life expectancy, no league table (no {} in the file)",
                        view.data.areas().len(),
                        view.template.comparator
                    )
                } else {
                    format!(
                    "Ranked {} areas of {}{}",
                    view.league.outcomes.len(),
                    name,
                    if failed > 0 {
                        format!(" ({failed} could not be evaluated)")
                    } else {
                        String::new()
                    }
                )
                });
                self.view.region = Some(view);
            }
            Err(RegionFailure::Read(problems)) => {
                self.error = Some((
                    format!("Could not read the region file {}", path.display()),
                    problems,
                ));
            }
            Err(RegionFailure::League(e)) => {
                self.flash(format!("Could not rank {}: {e}", path.display()));
            }
        }
    }

    /// The Region screen's area as a scenario of its own: the template adapted as run-all
    /// adapts it (`league::scenario_for`), its data the region file. A new, unsaved document.
    pub fn open_region_area(&mut self, area: &str) {
        let Some(r) = &self.view.region else { return };
        match league::scenario_for(&r.template, &r.data, area) {
            Ok((mut s, left_out)) => {
                s.data =
                    lifegap_core::model::scenario::DataSource::Wide(r.path.display().to_string());
                if !area.eq_ignore_ascii_case(&r.template.area) {
                    s.name = format!("{} for {area}", r.template.name);
                }
                let doc =
                    super::document::Document::new(s, None, (*r.data).clone(), r.problems.clone());
                self.replace_document(doc);
                self.screen = super::settings::Screen::Overview;
                self.flash(if left_out.is_empty() {
                    format!("Opened {area} from the region file: save it to keep it")
                } else {
                    format!(
                        "Opened {area} from the region file; left out (no baseline gap in the file): {}",
                        left_out.join(", ")
                    )
                });
            }
            Err(e) => self.flash(format!("Could not open {area}: {e}")),
        }
    }
}

impl super::LifegapApp {
    /// The within-area gap: a new scenario of the region file's most deprived group against
    /// its least deprived, made by `lifegap_core::within::scenario` as `lifegap within` makes
    /// it: the current scenario's programmes targeted at the most deprived group (switch them
    /// on and off on the Programmes screen), its gap-reduction milestones on the within-area
    /// gap. Gap breakdown, Countdown, the slides and the pack then show the gap within the
    /// area. When the current scenario has no results to take its trend from, the scenario
    /// File ▸ New from area data makes (the programme library at baseline).
    pub fn open_within_area(&mut self) {
        let Some(r) = &self.view.region else { return };
        let Some((most, least)) = r.within.clone() else {
            return;
        };
        let (path, data, problems) = (r.path.clone(), r.data.clone(), r.problems.clone());
        let results = self
            .doc
            .as_ref()
            .filter(|d| d.scenario == r.template)
            .and_then(|d| d.current_results());
        let made = results.map(|res| {
            lifegap_core::within::scenario(&r.template, res, &r.data, &most, &least, None)
        });
        let (mut s, note) = match made {
            Some(Ok(w)) => {
                let note = format!(
                    "{} programmes delivered in {most} only; milestones on the gap within the area",
                    w.scenario_programmes_on()
                );
                (w.scenario, note)
            }
            Some(Err(e)) => {
                let e = format!("Could not make the within-area scenario: {e}");
                self.flash(e);
                return;
            }
            None => {
                let mut s = lifegap_core::model::scenario::new_from_data(&r.data, &most, &least);
                s.name = format!(
                    "Within {}: {most} (most deprived) vs {least} (least deprived)",
                    r.template.area
                );
                (s, "set programmes and milestones".to_string())
            }
        };
        s.data = lifegap_core::model::scenario::DataSource::Wide(path.display().to_string());
        let doc = super::document::Document::new(s, None, (*data).clone(), problems);
        self.replace_document(doc);
        self.screen = super::settings::Screen::Gap;
        self.flash(format!(
            "Within-area gap: {most} against {least}; {note}; save it to keep it"
        ));
    }
}

impl super::LifegapApp {
    /// Keep an SII milestone in the scenario (an undoable edit, saved with it): its file named
    /// relative to the scenario's folder as `data` is written, or absolute while the scenario
    /// is unsaved; one of the same label is replaced. It then shows on the Countdown screen.
    pub fn keep_sii_milestone(
        &mut self,
        mut m: lifegap_core::model::sii_milestone::SiiMilestone,
        file: &std::path::Path,
    ) {
        let Some(doc) = &mut self.doc else { return };
        m.data = match doc.path.as_deref().and_then(|p| p.parent()) {
            Some(dir) => {
                let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
                super::document::relative_path(&dir, file)
                    .display()
                    .to_string()
            }
            None => file.display().to_string(),
        };
        // The user chose this file: it may be read wherever it lies (this session; reopening
        // the scenario asks, as for data outside its folder).
        let inside = doc.path.as_ref().is_some_and(|p| {
            lifegap_core::scenario_file::sii_data_path(
                p,
                &m.data,
                lifegap_core::scenario_file::DataAccess::InsideFolder,
            )
            .is_ok()
        });
        if !inside {
            doc.access = lifegap_core::scenario_file::DataAccess::Anywhere;
        }
        let label = m.label();
        let kept = &mut doc.scenario.sii_milestones;
        match kept.iter_mut().find(|k| k.label() == label) {
            Some(k) => *k = m,
            None => kept.push(m),
        }
        self.flash(format!(
            "Kept the {label} in the scenario: its countdown is on the Countdown screen (save to keep it in the file)"
        ));
    }
}
