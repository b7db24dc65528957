//! The slope index of inequality (SII) as a milestone measure: "narrow the SII in life
//! expectancy across the area's deprivation deciles by 10% by 2009–11", with the countdown's
//! status, for a file by decile (`lifegap build-data --by deprivation-decile`) and the area's
//! scenario.
//!
//! * **Baseline**: the SII of the deciles' base-period life expectancy at birth (PHE's method,
//!   [`crate::model::sii`]: population-weighted least squares on the cumulative-rank
//!   midpoints, most deprived first; the weights are the deciles' person-years).
//! * **Projection**: each decile is projected as the within-area scenario projects a group
//!   ([`crate::within::scenario`]: the area's yearly rate of improvement, the scenario's
//!   programmes at its coverage of the decile's eligible people), with the programmes
//!   delivered only in the *targeted* deciles (e.g. `D1`, `D2`: the most deprived fifth) and
//!   none elsewhere; the pooled e₀ over the milestone period is taken without and with the
//!   programmes (`Simulator::pooled`, as every milestone), and the SII refitted with the base
//!   weights. Without programmes every decile gains the same, so the SII holds at its baseline;
//!   programmes in the most deprived deciles narrow it.
//! * **Requirement and status**: the required SII is the baseline × (1 − reduction); the
//!   status follows the milestones' rule (`milestones::status` on the shortfall in years): on
//!   track when the SII with the programmes is at most the required value, at risk when it
//!   misses by no more than the scenario's at-risk margin, off track otherwise. The SII is in
//!   years of life expectancy, like a gap, so the margin means the same.
//!
//! Limits of the projected SII are not simulated here: the baseline's limits are `lifegap sii`'s.

use crate::model::area::{AreaData, Sex};
use crate::model::milestones::{Measure, Status, shortfall, status};
use crate::model::projection::{Simulator, central_settings};
use crate::model::results::ScenarioResults;
use crate::model::scenario::{Date, Period, Scenario};
use crate::model::sii::{Quantile, sii_point};
use crate::model::sii_milestone::SiiMilestone;
use serde::Serialize;

/// An SII milestone: the SII of one sex narrowed by `reduction` (0.10 = 10%) from the base
/// period by `period`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SiiTarget {
    pub sex: Sex,
    pub period: Period,
    pub reduction: f64,
}

impl SiiTarget {
    pub fn label(&self) -> String {
        format!(
            "SII narrowed by {:.0}% by {} ({})",
            self.reduction * 100.0,
            self.period,
            self.sex.plural_label().to_lowercase()
        )
    }
}

/// One decile's part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecileProjection {
    pub group: String,
    /// Person-years in the base period: the decile's weight in the SII.
    pub person_years: f64,
    pub base_e0: f64,
    /// Pooled e₀ over the milestone period without and with the programmes.
    pub without: f64,
    pub with: f64,
    /// The programmes are delivered here.
    pub targeted: bool,
}

/// The groups where the programmes are delivered, most deprived first (as listed).
pub fn targeted(deciles: &[DecileProjection]) -> Vec<&str> {
    deciles
        .iter()
        .filter(|d| d.targeted)
        .map(|d| d.group.as_str())
        .collect()
}

/// The milestone's judgement, as a life-expectancy milestone's countdown gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiiCountdown {
    pub label: String,
    pub target: SiiTarget,
    /// SII of the base-period life expectancies (years).
    pub baseline: f64,
    pub required: f64,
    pub without: f64,
    pub with: f64,
    /// How far the projection with the programmes misses (0 when met).
    pub shortfall_with: f64,
    pub status: Status,
    pub months_left: i32,
    pub deciles: Vec<DecileProjection>,
}

/// The SII milestone for `groups` (most deprived first) of `data`, the area's scenario
/// `template` (with its results) carried to each decile, the programmes delivered in the
/// `targeted` deciles only.
pub fn sii_countdown(
    template: &Scenario,
    results: &ScenarioResults,
    data: &AreaData,
    groups: &[String],
    targeted: &[String],
    target: SiiTarget,
    as_of: Date,
) -> Result<SiiCountdown, String> {
    if !(0.0..1.0).contains(&target.reduction) {
        return Err(format!(
            "reduction {} must be from 0 up to (not including) 1",
            target.reduction
        ));
    }
    let p = project(
        template,
        results,
        data,
        groups,
        targeted,
        (target.sex, target.period),
        false,
    )?;
    let deciles = p.deciles;
    let weights: Vec<f64> = deciles.iter().map(|d| d.person_years).collect();
    let baseline = sii_of(&weights, deciles.iter().map(|d| d.base_e0))?;
    let without = sii_of(&weights, deciles.iter().map(|d| d.without))?;
    let with = sii_of(&weights, deciles.iter().map(|d| d.with))?;
    let required = baseline * (1.0 - target.reduction);
    let miss = shortfall(Measure::GapYears, with, required);
    let due = Date {
        year: target.period.last,
        month: 12,
        day: 31,
    };
    Ok(SiiCountdown {
        label: target.label(),
        target,
        baseline,
        required,
        without,
        with,
        shortfall_with: miss.max(0.0),
        status: status(
            Measure::GapYears,
            miss,
            template.status.at_risk_years,
            f64::NAN,
        ),
        months_left: as_of.months_until(due),
        deciles,
    })
}

/// Each group projected as [`sii_countdown`] describes: the pooled e₀ over `period`, and with
/// `yearly` each simulated year's e₀ without and with the programmes.
struct Projected {
    deciles: Vec<DecileProjection>,
    years: Vec<i32>,
    /// Per group, per simulated year.
    yearly_without: Vec<Vec<f64>>,
    yearly_with: Vec<Vec<f64>>,
}

fn project(
    template: &Scenario,
    results: &ScenarioResults,
    data: &AreaData,
    groups: &[String],
    targeted: &[String],
    (sex, period): (Sex, Period),
    yearly: bool,
) -> Result<Projected, String> {
    if groups.len() < 2 {
        return Err(format!(
            "a slope needs at least two groups, not {}",
            groups.len()
        ));
    }
    for t in targeted {
        if !groups.iter().any(|g| g.eq_ignore_ascii_case(t)) {
            return Err(format!(
                "targeted group '{t}' is not one of {}",
                groups.join(", ")
            ));
        }
    }
    let opts = crate::model::life_table::LifeTableOptions::point_only();
    let mut out = Projected {
        deciles: Vec::new(),
        years: Vec::new(),
        yearly_without: Vec::new(),
        yearly_with: Vec::new(),
    };
    for (i, g) in groups.iter().enumerate() {
        // Any other group as comparator: only the decile's own projection is used.
        let other = &groups[if i == 0 { 1 } else { 0 }];
        let is_targeted = targeted.iter().any(|t| t.eq_ignore_ascii_case(g));
        let w = crate::within::scenario(template, results, data, g, other, None)?;
        let mut s = w.scenario;
        if !is_targeted {
            s.programmes.iter_mut().for_each(|p| p.enabled = false);
        }
        s.milestones.clear();
        s.sii_milestones.clear();
        let group = data
            .group(g, sex)
            .ok_or_else(|| format!("no data for '{g}', {sex}"))?;
        let base_e0 = group
            .life_table(data.bands, &opts)
            .map_err(|e| format!("{g}, {sex}: no life table: {e}"))?
            .e0();
        let sim = Simulator::new(&s, data).map_err(|e| format!("{g}: {e}"))?;
        let settings = central_settings(&s);
        let pooled = sim
            .pooled(sex, period, &s, &settings)
            .map_err(|e| format!("{g}: {e}"))?;
        if yearly {
            let run = sim.run(&s, &settings);
            let x = run
                .sex(sex)
                .ok_or_else(|| format!("{g}: no projection for {sex}"))?;
            out.years = run.years.clone();
            out.yearly_without.push(x.e0_local_without.clone());
            out.yearly_with.push(x.e0_local_with.clone());
        }
        out.deciles.push(DecileProjection {
            group: g.clone(),
            person_years: group.population.iter().sum(),
            base_e0,
            without: pooled.e0_local_without,
            with: pooled.e0_local_with,
            targeted: is_targeted,
        });
    }
    Ok(out)
}

/// The SII of `values` (one per group, most deprived first) weighted by `weights`.
fn sii_of(weights: &[f64], values: impl Iterator<Item = f64>) -> Result<f64, String> {
    let q: Vec<Quantile> = weights
        .iter()
        .zip(values)
        .map(|(w, v)| Quantile {
            population: *w,
            value: v,
            se: 0.0,
        })
        .collect();
    sii_point(&q).map(|(s, _)| s).map_err(|e| e.to_string())
}

/// A saved SII milestone's countdown ([`saved_countdown`]): what the Countdown screen, its
/// slide, the board pack and `lifegap sii-target SCENARIO` show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SavedSiiCountdown {
    pub label: String,
    pub milestone: SiiMilestone,
    /// The groups, most deprived first.
    pub groups: Vec<String>,
    /// The baseline as saved (the requirement is fixed from it).
    pub baseline: f64,
    /// The file's own period and the SII of its life expectancies: the latest measured.
    pub file_period: Period,
    pub file_sii: f64,
    pub required: f64,
    /// Pooled over the milestone's period, without and with the programmes.
    pub without: f64,
    pub with: f64,
    /// How far the projection with the programmes misses (0 when met), years.
    pub shortfall_with: f64,
    pub status: Status,
    pub months_left: i32,
    pub due: Date,
    /// (mid-year, SII): the saved baseline, then the file's period when it is another.
    pub history: Vec<(f64, f64)>,
    /// Straight from the baseline to the requirement at the period's middle.
    pub required_path: Vec<(f64, f64)>,
    /// (mid-year, SII) of each simulated year's e₀, without and with the programmes.
    pub path_without: Vec<(f64, f64)>,
    pub path_with: Vec<(f64, f64)>,
    pub deciles: Vec<DecileProjection>,
}

/// The countdown of a saved SII milestone `m` of `template` (with its results) on `data`, the
/// file `m.data` names.
///
/// * **History**: an area file holds one period, so the history is the saved baseline and
///   the file's own SII (when the file is of a later period than the baseline).
/// * **Projection**: each group as in [`sii_countdown`]; each simulated year's SII is fitted
///   to that year's e₀ with the base person-years as weights, and the milestone is judged on
///   the pooled e₀ over its period (as every milestone).
/// * **Requirement**: [`SiiMilestone::required`] from the *saved* baseline; the status by the
///   milestones' rule with the scenario's at-risk margin; time left to the end of the period.
pub fn saved_countdown(
    template: &Scenario,
    results: &ScenarioResults,
    data: &AreaData,
    m: &SiiMilestone,
    as_of: Date,
) -> Result<SavedSiiCountdown, String> {
    let groups = if m.groups.is_empty() {
        crate::model::small_areas::deprivation_groups(data).ok_or_else(|| {
            format!(
                "{} has neither D1…D10 nor Q1…Q5: build it with `lifegap build-data --by deprivation-decile`, or name the groups in the milestone",
                data.provenance.source
            )
        })?
    } else {
        m.groups.clone()
    };
    let p = project(
        template,
        results,
        data,
        &groups,
        &m.targeted,
        (m.sex, m.period),
        true,
    )?;
    let weights: Vec<f64> = p.deciles.iter().map(|d| d.person_years).collect();
    let file_sii = sii_of(&weights, p.deciles.iter().map(|d| d.base_e0))?;
    let without = sii_of(&weights, p.deciles.iter().map(|d| d.without))?;
    let with = sii_of(&weights, p.deciles.iter().map(|d| d.with))?;
    let mut path_without = Vec::with_capacity(p.years.len());
    let mut path_with = Vec::with_capacity(p.years.len());
    for (t, y) in p.years.iter().enumerate() {
        let x = *y as f64 + 0.5;
        path_without.push((x, sii_of(&weights, p.yearly_without.iter().map(|v| v[t]))?));
        path_with.push((x, sii_of(&weights, p.yearly_with.iter().map(|v| v[t]))?));
    }
    let file_period = data
        .provenance
        .period
        .as_deref()
        .and_then(|t| t.parse::<Period>().ok())
        .unwrap_or(template.base_period);
    let mut history = vec![(m.baseline.period.mid(), m.baseline.sii)];
    if file_period != m.baseline.period {
        history.push((file_period.mid(), file_sii));
    }
    history.sort_by(|a, b| a.0.total_cmp(&b.0));
    let required = m.required();
    let (x0, x1) = (m.baseline.period.mid(), m.period.mid());
    let required_path: Vec<(f64, f64)> = std::iter::once(x0)
        .chain(p.years.iter().map(|&y| y as f64 + 0.5))
        .chain(std::iter::once(x1))
        .filter(|&x| x >= x0 && x <= x1 + 1e-9)
        .map(|x| {
            (
                x,
                m.baseline.sii + (required - m.baseline.sii) * (x - x0) / (x1 - x0),
            )
        })
        .collect();
    let miss = shortfall(Measure::GapYears, with, required);
    let due = Date {
        year: m.period.last,
        month: 12,
        day: 31,
    };
    Ok(SavedSiiCountdown {
        label: m.label(),
        milestone: m.clone(),
        groups,
        baseline: m.baseline.sii,
        file_period,
        file_sii,
        required,
        without,
        with,
        shortfall_with: miss.max(0.0),
        status: status(
            Measure::GapYears,
            miss,
            template.status.at_risk_years,
            f64::NAN,
        ),
        months_left: as_of.months_until(due),
        due,
        history,
        required_path,
        path_without,
        path_with,
        deciles: p.deciles,
    })
}

/// Every saved SII milestone of the scenario at `scenario_path`, each judged on the file it
/// names (read under `access`, as the scenario's data are): (label, countdown or why there is
/// none, in words with the file's located problems). What the board pack and the app show.
pub fn saved_all(
    scenario_path: &std::path::Path,
    template: &Scenario,
    results: &ScenarioResults,
    access: crate::scenario_file::DataAccess,
    as_of: Date,
) -> Vec<(String, Result<SavedSiiCountdown, String>)> {
    template
        .sii_milestones
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let r = crate::scenario_file::load_sii_data(scenario_path, template, i, access)
                .map_err(|p| {
                    p.list
                        .iter()
                        .filter(|x| x.severity == crate::data::Severity::Error)
                        .take(3)
                        .map(|x| x.to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .and_then(|l| saved_countdown(template, results, &l.data, m, as_of));
            (m.label(), r)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::{EvalOptions, evaluate};
    use crate::scenario_file;

    fn as_of() -> Date {
        Date {
            year: 2009,
            month: 4,
            day: 1,
        }
    }

    /// The demo scenario, and five quintiles made from the demo area with deaths scaled by
    /// 1.4, 1.2, 1.0, 0.9, 0.8 (most deprived first).
    fn setup() -> (Scenario, ScenarioResults, AreaData, Vec<String>) {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios/demo-2010-countdown.ron");
        let l = scenario_file::load(&p).unwrap();
        let ev = evaluate(&l.scenario, &l.data, &EvalOptions::central(as_of())).unwrap();
        let mut data = l.data.clone();
        data.groups.clear();
        let names: Vec<String> = (1..=5).map(|i| format!("Q{i}")).collect();
        for (name, k) in names.iter().zip([1.4, 1.2, 1.0, 0.9, 0.8]) {
            for g in l.data.groups.iter().filter(|g| g.area == l.scenario.area) {
                let mut h = g.clone();
                h.area = name.clone();
                h.deaths.iter_mut().flatten().for_each(|d| *d *= k);
                data.groups.push(h);
            }
        }
        data.provenance.period = Some("2006-08".into());
        (l.scenario, ev.results, data, names)
    }

    fn target(reduction: f64) -> SiiTarget {
        SiiTarget {
            sex: Sex::Male,
            period: Period::new(2009, 2011),
            reduction,
        }
    }

    /// Hand-worked: equal populations (the quintiles are copies of one area), so the ranks are
    /// 0.1, 0.3, 0.5, 0.7, 0.9 and the SII is the ordinary least-squares slope of e₀ on rank:
    /// Σ(rᵢ − 0.5)(eᵢ − ē) / Σ(rᵢ − 0.5)², with Σ(rᵢ − 0.5)² = 0.16 + 0.04 + 0 + 0.04 +
    /// 0.16 = 0.4.
    #[test]
    fn baseline_is_the_slope_of_the_quintiles_life_expectancy() {
        let (t, r, data, names) = setup();
        let c = sii_countdown(&t, &r, &data, &names, &[], target(0.1), as_of()).unwrap();
        let e: Vec<f64> = c.deciles.iter().map(|d| d.base_e0).collect();
        let mean = e.iter().sum::<f64>() / 5.0;
        let ranks = [0.1, 0.3, 0.5, 0.7, 0.9];
        let num: f64 = ranks
            .iter()
            .zip(&e)
            .map(|(r, e)| (r - 0.5) * (e - mean))
            .sum();
        let want = num / 0.4;
        assert!((c.baseline - want).abs() < 1e-9, "{} vs {want}", c.baseline);
        assert!(
            c.baseline > 2.0,
            "least deprived live longer: {}",
            c.baseline
        );
        assert!((c.required - 0.9 * c.baseline).abs() < 1e-12);
        // No programme anywhere: every quintile gains alike, the SII holds (to the pooling
        // of rates over the period), and the milestone is off track.
        assert!((c.without - c.baseline).abs() < 0.002, "{}", c.without);
        assert!((c.with - c.without).abs() < 1e-12);
        assert_eq!(c.status, Status::OffTrack);
        assert_eq!(c.months_left, 32);
    }

    #[test]
    fn programmes_in_the_most_deprived_narrow_the_sii() {
        let (t, r, data, names) = setup();
        let targeted = ["Q1".to_string(), "Q2".to_string()];
        let c = sii_countdown(&t, &r, &data, &names, &targeted, target(0.0), as_of()).unwrap();
        assert!(c.with < c.without, "{} vs {}", c.with, c.without);
        for d in &c.deciles {
            assert_eq!(d.targeted, d.group == "Q1" || d.group == "Q2");
            if d.targeted {
                assert!(d.with > d.without);
            } else {
                assert_eq!(d.with, d.without);
            }
        }
        // A 0% reduction is met once the programmes narrow the SII at all.
        assert_eq!(c.status, Status::OnTrack);
        assert_eq!(c.shortfall_with, 0.0);
        // At risk: a requirement just under what the programmes reach, within the margin.
        let need = 1.0 - (c.with - 0.5 * t.status.at_risk_years) / c.baseline;
        let c2 = sii_countdown(&t, &r, &data, &names, &targeted, target(need), as_of()).unwrap();
        assert_eq!(c2.status, Status::AtRisk);
        assert!((c2.shortfall_with - 0.5 * t.status.at_risk_years).abs() < 1e-9);
    }

    #[test]
    fn bad_requests_are_refused_in_words() {
        let (t, r, data, names) = setup();
        let e =
            sii_countdown(&t, &r, &data, &names, &["Q9".into()], target(0.1), as_of()).unwrap_err();
        assert!(e.contains("'Q9' is not one of Q1, Q2"), "{e}");
        assert!(sii_countdown(&t, &r, &data, &names, &[], target(1.0), as_of()).is_err());
    }
    fn saved(target: crate::model::sii_milestone::SiiGoal) -> SiiMilestone {
        use crate::model::sii_milestone::SiiBaseline;
        SiiMilestone {
            name: "SII narrowed".into(),
            sex: Sex::Male,
            period: Period::new(2009, 2011),
            data: "quintiles.csv".into(),
            groups: Vec::new(),
            targeted: vec!["Q1".into(), "Q2".into()],
            baseline: SiiBaseline {
                period: Period::new(2003, 2005),
                sii: 9.0,
            },
            target,
        }
    }

    /// Hand-worked: the requirement comes from the *saved* baseline (9.0 years less 10% =
    /// 8.1), not the file's; the projection is the ad hoc one's (`sii_countdown` with the same
    /// groups and period); the status follows the margin of 0.2 years: a miss of 0.1 is at
    /// risk, of 0.3 off track, none on track; 32 months from 1 April 2009 to the end of 2011.
    #[test]
    fn a_saved_milestone_is_judged_from_its_saved_baseline() {
        use crate::model::sii_milestone::SiiGoal;
        let (t, r, mut data, _) = setup();
        let groups: Vec<String> = (1..=5).map(|i| format!("Q{i}")).collect();
        // The file names its own groups Q1…Q5 (deprivation_groups finds them).
        data.provenance.period = Some("2006-08".into());
        let c = saved_countdown(&t, &r, &data, &saved(SiiGoal::Reduction(0.1)), as_of()).unwrap();
        assert_eq!(c.groups, groups);
        assert!((c.required - 8.1).abs() < 1e-12, "{}", c.required);
        assert_eq!(c.baseline, 9.0);
        assert_eq!(c.months_left, 32);
        let adhoc = sii_countdown(
            &t,
            &r,
            &data,
            &groups,
            &["Q1".into(), "Q2".into()],
            target(0.1),
            as_of(),
        )
        .unwrap();
        assert!((c.with - adhoc.with).abs() < 1e-12);
        assert!((c.without - adhoc.without).abs() < 1e-12);
        assert!((c.file_sii - adhoc.baseline).abs() < 1e-12);
        // History: the saved baseline at 2004.5, then the file's own SII at 2007.5.
        assert_eq!(c.history, vec![(2004.5, 9.0), (2007.5, c.file_sii)]);
        // The required trajectory runs straight from (2004.5, 9.0) to (2010.5, 8.1).
        assert_eq!(c.required_path.first(), Some(&(2004.5, 9.0)));
        let last = c.required_path.last().unwrap();
        assert!((last.0 - 2010.5).abs() < 1e-12 && (last.1 - 8.1).abs() < 1e-12);
        // Yearly projection: one SII per simulated year (2008-15), narrowing with the
        // programmes from 2009 on.
        assert_eq!(c.path_with.len(), 8);
        assert!(c.path_with[7].1 < c.path_without[7].1);
        for (miss, want) in [
            (0.1, Status::AtRisk),
            (0.3, Status::OffTrack),
            (-0.01, Status::OnTrack),
        ] {
            let m = saved(SiiGoal::MaxSii(c.with - miss));
            let x = saved_countdown(&t, &r, &data, &m, as_of()).unwrap();
            assert_eq!(x.status, want, "miss {miss}");
            assert!((x.shortfall_with - miss.max(0.0)).abs() < 1e-9);
        }
    }

    #[test]
    fn a_file_without_deprivation_groups_is_refused_in_words() {
        use crate::model::sii_milestone::SiiGoal;
        let (t, r, _, _) = setup();
        let l = scenario_file::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../scenarios/demo-2010-countdown.ron"),
        )
        .unwrap();
        let e =
            saved_countdown(&t, &r, &l.data, &saved(SiiGoal::Reduction(0.1)), as_of()).unwrap_err();
        assert!(e.contains("neither D1…D10 nor Q1…Q5"), "{e}");
    }
}
