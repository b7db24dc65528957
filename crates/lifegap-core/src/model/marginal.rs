//! Deaths postponed per extra person reached, at the margin of the plan: what the practice
//! analysis prices a practice's extra people with (`practices::analyse`).
//!
//! The programme summary's own ratio (deaths postponed a year ÷ people above baseline) is the
//! plan's *average*: it counts only the deaths credited above business as usual, so a plan that
//! merely keeps up with BAU has an average of zero, although each extra person reached beyond it
//! still postpones deaths. The margin is what the question asks — people reached *on top of*
//! the plan — so it is measured by projecting the plan with the programme one percentage point
//! higher (one lower when it is at its maximum) and dividing the change in the combined deaths
//! postponed a year over the headline period (every programme at its setting, so overlaps on
//! the same causes are counted once) by the change in people reached.
//!
//! Where business as usual will have passed the plan by the end of the headline period, the
//! programme is credited nothing below BAU, so the step is taken from BAU's coverage then: a
//! practice's extra people are on top of whatever happens anyway.

use super::projection::{ProjectionError, Settings, Simulator, programme_index, sum_over};
use super::scenario::{Period, Scenario};

/// The step in coverage: small enough to be the margin, large enough for the projection's
/// rounding not to matter (deaths postponed are smooth in coverage).
const STEP: f64 = 0.01;

/// Deaths postponed a year in `headline`, every sex, at these settings.
fn deaths_a_year(sim: &Simulator, s: &Scenario, settings: &Settings, headline: Period) -> f64 {
    let p = sim.run(s, settings);
    let years = headline.len().max(1) as f64;
    p.sexes
        .iter()
        .map(|x| sum_over(&p.years, &x.deaths_postponed, headline))
        .sum::<f64>()
        / years
}

/// Deaths postponed a year per extra person programme `id` reaches beyond `settings` (the
/// plan), over the headline period.
pub fn deaths_per_extra_person(
    sim: &Simulator,
    s: &Scenario,
    settings: &Settings,
    id: &str,
    headline: Period,
) -> Result<f64, ProjectionError> {
    let k = programme_index(s, id)?;
    let p = &s.programmes[k];
    let plan = settings[k].as_ref().map_or(p.coverage.target, |(c, _)| *c);
    let at = plan
        .max(p.bau_in(headline.last, s.base_period.mid()))
        .min(p.coverage.max);
    let (lo, hi) = if at + STEP <= p.coverage.max {
        (at, at + STEP)
    } else {
        ((at - STEP).max(0.0), at)
    };
    let eligible: f64 = sim.sexes.iter().map(|m| m.eligible_people[k]).sum();
    if hi - lo <= 0.0 || eligible <= 0.0 {
        return Ok(0.0);
    }
    let with = |c: f64| {
        let mut set = settings.clone();
        set[k] = Some((c, p.central_effects()));
        deaths_a_year(sim, s, &set, headline)
    };
    Ok((with(hi) - with(lo)) / (eligible * (hi - lo)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::projection::central_settings;

    fn demo() -> (Scenario, Simulator) {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios/demo-2010-countdown.ron");
        let l = crate::scenario_file::load(&p).unwrap();
        let sim = Simulator::new(&l.scenario, &l.data).unwrap();
        (l.scenario, sim)
    }

    /// With a flat business as usual the margin is close to the plan's average ratio (the
    /// effect is nearly linear in coverage) but not equal to it (the untreated-rate factor
    /// and overlaps bend it); measured directly it is the finite difference itself.
    #[test]
    fn the_margin_is_the_change_in_deaths_per_person() {
        let (s, sim) = demo();
        let set = central_settings(&s);
        let headline = s.milestones[0].period;
        let k = s
            .programmes
            .iter()
            .position(|p| p.id == "statins_secondary")
            .unwrap();
        let m = deaths_per_extra_person(&sim, &s, &set, "statins_secondary", headline).unwrap();
        let c = s.programmes[k].coverage.target;
        let eligible: f64 = sim.sexes.iter().map(|x| x.eligible_people[k]).sum();
        let mut up = set.clone();
        up[k] = Some((c + STEP, s.programmes[k].central_effects()));
        let by_hand = (deaths_a_year(&sim, &s, &up, headline)
            - deaths_a_year(&sim, &s, &set, headline))
            / (eligible * STEP);
        assert!((m - by_hand).abs() < 1e-15, "{m} vs {by_hand}");
        let r = crate::model::results::compute(&sim, &s, &set, s.as_of.unwrap()).unwrap();
        let summary = r
            .programmes
            .iter()
            .find(|p| p.id == "statins_secondary")
            .unwrap();
        let average = summary.deaths_per_year / summary.extra_people;
        assert!(m > 0.0);
        assert!(
            (m / average - 1.0).abs() < 0.25,
            "margin {m}, average {average}"
        );
    }

    /// A plan that business as usual overtakes is credited no deaths, so its average per
    /// person is zero; its margin (taken from BAU's coverage) is not, and is close to the flat
    /// BAU's margin.
    #[test]
    fn a_plan_at_business_as_usual_still_has_a_margin() {
        let (mut s, _) = demo();
        let k = s
            .programmes
            .iter()
            .position(|p| p.id == "blood_pressure")
            .unwrap();
        // BAU rising fast enough to pass the plan before the headline period.
        let bau = &mut s.programmes[k].coverage.bau_change;
        (bau.value, bau.low, bau.high) = (0.05, 0.04, 0.06);
        let (_, data) = {
            let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../scenarios/demo-2010-countdown.ron");
            let l = crate::scenario_file::load(&p).unwrap();
            (l.scenario, l.data)
        };
        let sim = Simulator::new(&s, &data).unwrap();
        let set = central_settings(&s);
        let r = crate::model::results::compute(&sim, &s, &set, s.as_of.unwrap()).unwrap();
        let summary = r
            .programmes
            .iter()
            .find(|p| p.id == "blood_pressure")
            .unwrap();
        assert!(
            summary.deaths_per_year.abs() < 1e-9,
            "{}",
            summary.deaths_per_year
        );
        let m = deaths_per_extra_person(&sim, &s, &set, "blood_pressure", r.headline).unwrap();
        let (flat, _) = demo();
        let flat_sim = Simulator::new(&flat, &data).unwrap();
        let m0 = deaths_per_extra_person(
            &flat_sim,
            &flat,
            &central_settings(&flat),
            "blood_pressure",
            r.headline,
        )
        .unwrap();
        assert!(m > 0.5 * m0 && m < 1.5 * m0, "{m} vs {m0}");
    }
}
