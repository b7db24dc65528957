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
    for t in targeted {
        if !groups.iter().any(|g| g.eq_ignore_ascii_case(t)) {
            return Err(format!(
                "targeted group '{t}' is not one of {}",
                groups.join(", ")
            ));
        }
    }
    let opts = crate::model::life_table::LifeTableOptions::point_only();
    let mut deciles = Vec::new();
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
        let group = data
            .group(g, target.sex)
            .ok_or_else(|| format!("no data for '{g}', {}", target.sex))?;
        let base_e0 = group
            .life_table(data.bands, &opts)
            .map_err(|e| format!("{g}, {}: no life table: {e}", target.sex))?
            .e0();
        let sim = Simulator::new(&s, data).map_err(|e| format!("{g}: {e}"))?;
        let pooled = sim
            .pooled(target.sex, target.period, &s, &central_settings(&s))
            .map_err(|e| format!("{g}: {e}"))?;
        deciles.push(DecileProjection {
            group: g.clone(),
            person_years: group.population.iter().sum(),
            base_e0,
            without: pooled.e0_local_without,
            with: pooled.e0_local_with,
            targeted: is_targeted,
        });
    }
    let fit = |value: fn(&DecileProjection) -> f64| -> Result<f64, String> {
        let q: Vec<Quantile> = deciles
            .iter()
            .map(|d| Quantile {
                population: d.person_years,
                value: value(d),
                se: 0.0,
            })
            .collect();
        sii_point(&q).map(|(s, _)| s).map_err(|e| e.to_string())
    };
    let baseline = fit(|d| d.base_e0)?;
    let without = fit(|d| d.without)?;
    let with = fit(|d| d.with)?;
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
}
