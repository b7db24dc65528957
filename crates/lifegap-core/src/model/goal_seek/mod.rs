//! Goal seeking: what does it take to meet a milestone?
//!
//! * **One programme**: the smallest coverage of that programme (others as planned) that meets
//!   the milestone, by bisection on coverage between its baseline and its maximum (more
//!   coverage never widens the gap, so the search is monotone).
//! * **A mix scaled together**: every chosen programme moves the same fraction λ of the way from
//!   its baseline to its maximum feasible coverage; the smallest λ that meets the milestone.
//! * **Cheapest mix** (greedy, documented): starting from every programme at baseline, rank
//!   programmes by cost per year of gap closed at full scale (each alone), add them at their
//!   maximum in that order until the milestone is met, then trim the last one to the smallest
//!   coverage that still meets it. Greedy is not guaranteed optimal when programmes overlap on
//!   the same causes, but it is transparent and close in practice.
//!
//! When even the maximum does not meet the milestone the answer is "not reachable", with the
//! best achievable value.
//!
//! [`answers`] gathers these into what the app's dialog and the command line show: each answer
//! with its programmes' coverage, people and cost, and its chance of meeting the milestone.

pub mod answers;

use super::milestones::{measure_at, shortfall};
use super::projection::{ProjectionError, Settings, Simulator, central_settings, programme_index};
use super::scenario::{Milestone, Scenario};
use serde::Serialize;

/// The answer to "what does it take?".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalSeek {
    pub milestone: String,
    /// What the milestone measures (a gap in years or as a share, or a life expectancy), so
    /// `achieved` and `required` can be said in its units.
    pub measure: super::milestones::Measure,
    pub reachable: bool,
    /// Coverage of each programme in the answer (scenario order; disabled programmes absent).
    pub coverages: Vec<(String, f64)>,
    /// For a mix: the common fraction of the way from baseline to maximum.
    pub lambda: Option<f64>,
    /// The measure at the answer (or at maximum when not reachable).
    pub achieved: f64,
    pub required: f64,
    /// Cost per year at full delivery of the answer (£).
    pub cost_per_year: f64,
    pub note: String,
}

/// Shortfall (positive = short) of a milestone at given settings.
pub fn miss(
    sim: &Simulator,
    s: &Scenario,
    m: &Milestone,
    settings: &Settings,
) -> Result<(f64, f64, f64), ProjectionError> {
    let x = measure_at(sim, s, settings, m)?;
    let value = x.with();
    Ok((shortfall(x.measure, value, x.required), value, x.required))
}

/// Cost per year at full delivery of each programme at these settings.
fn cost_per_year(sim: &Simulator, s: &Scenario, settings: &Settings) -> f64 {
    s.programmes
        .iter()
        .enumerate()
        .zip(settings)
        .filter_map(|((k, p), set)| {
            let (target, _) = set.as_ref()?;
            let eligible: f64 = sim.sexes.iter().map(|m| m.eligible_people[k]).sum();
            Some(eligible * (target - p.coverage.baseline).max(0.0) * p.cost_per_person.value)
        })
        .sum()
}

fn coverages(s: &Scenario, settings: &Settings) -> Vec<(String, f64)> {
    s.programmes
        .iter()
        .zip(settings)
        .filter_map(|(p, set)| set.as_ref().map(|(c, _)| (p.id.clone(), *c)))
        .collect()
}

/// Smallest x in [lo, hi] with `short(x) <= 0`, assuming `short` falls as x rises.
fn bisect(
    lo: f64,
    hi: f64,
    mut short: impl FnMut(f64) -> Result<f64, ProjectionError>,
) -> Result<f64, ProjectionError> {
    let (mut a, mut b) = (lo, hi);
    for _ in 0..50 {
        let mid = 0.5 * (a + b);
        if short(mid)? <= 0.0 {
            b = mid;
        } else {
            a = mid;
        }
    }
    Ok(b)
}

pub(crate) fn answer(
    sim: &Simulator,
    s: &Scenario,
    m: &Milestone,
    settings: &Settings,
    lambda: Option<f64>,
    note: String,
) -> Result<GoalSeek, ProjectionError> {
    let x = measure_at(sim, s, settings, m)?;
    let (value, required) = (x.with(), x.required);
    let short = shortfall(x.measure, value, required);
    Ok(GoalSeek {
        milestone: m.label(),
        measure: x.measure,
        reachable: short <= 1e-9,
        coverages: coverages(s, settings),
        lambda,
        achieved: value,
        required,
        cost_per_year: cost_per_year(sim, s, settings),
        note,
    })
}

/// Smallest coverage of one programme (others as planned) that meets the milestone.
pub fn seek_programme(
    sim: &Simulator,
    s: &Scenario,
    m: &Milestone,
    id: &str,
) -> Result<GoalSeek, ProjectionError> {
    let k = programme_index(s, id)?;
    let p = &s.programmes[k];
    let mut set = central_settings(s);
    let at = |set: &mut Settings, c: f64| set[k] = Some((c, p.central_effects()));
    at(&mut set, p.coverage.max);
    if miss(sim, s, m, &set)?.0 > 0.0 {
        return answer(
            sim,
            s,
            m,
            &set,
            None,
            format!(
                "not reachable: even {} at its maximum coverage ({:.0}%) falls short",
                p.name,
                p.coverage.max * 100.0
            ),
        );
    }
    at(&mut set, p.coverage.baseline);
    if miss(sim, s, m, &set)?.0 <= 0.0 {
        return answer(
            sim,
            s,
            m,
            &set,
            None,
            format!("met without extra delivery of {}", p.name),
        );
    }
    let c = bisect(p.coverage.baseline, p.coverage.max, |c| {
        let mut t = set.clone();
        at(&mut t, c);
        Ok(miss(sim, s, m, &t)?.0)
    })?;
    at(&mut set, c);
    answer(
        sim,
        s,
        m,
        &set,
        None,
        format!("{} at {:.1}% coverage", p.name, c * 100.0),
    )
}

/// The programmes' places in the scenario, or which id it lacks.
fn positions(s: &Scenario, ids: &[String]) -> Result<Vec<usize>, ProjectionError> {
    ids.iter().map(|id| programme_index(s, id)).collect()
}

/// Settings with the chosen programmes at baseline + λ(max − baseline).
fn mix_settings(s: &Scenario, base: &Settings, ids: &[usize], lambda: f64) -> Settings {
    let mut set = base.clone();
    for &k in ids {
        let p = &s.programmes[k];
        let c = p.coverage.baseline + lambda * (p.coverage.max - p.coverage.baseline);
        set[k] = Some((c, p.central_effects()));
    }
    set
}

/// Smallest common scale-up λ of a mix (others as planned) that meets the milestone.
pub fn seek_mix(
    sim: &Simulator,
    s: &Scenario,
    m: &Milestone,
    ids: &[String],
) -> Result<GoalSeek, ProjectionError> {
    let idx = positions(s, ids)?;
    let base = central_settings(s);
    let full = mix_settings(s, &base, &idx, 1.0);
    if miss(sim, s, m, &full)?.0 > 0.0 {
        return answer(
            sim,
            s,
            m,
            &full,
            Some(1.0),
            "not reachable: every programme in the mix at its maximum coverage falls short".into(),
        );
    }
    if miss(sim, s, m, &mix_settings(s, &base, &idx, 0.0))?.0 <= 0.0 {
        let set = mix_settings(s, &base, &idx, 0.0);
        return answer(
            sim,
            s,
            m,
            &set,
            Some(0.0),
            "met with the mix at baseline".into(),
        );
    }
    let lambda = bisect(0.0, 1.0, |l| {
        Ok(miss(sim, s, m, &mix_settings(s, &base, &idx, l))?.0)
    })?;
    let set = mix_settings(s, &base, &idx, lambda);
    answer(
        sim,
        s,
        m,
        &set,
        Some(lambda),
        format!(
            "each programme {:.0}% of the way from baseline to its maximum",
            lambda * 100.0
        ),
    )
}

/// Smallest common scale-up λ of a mix (others as planned) that gives at least `chance` of
/// meeting the milestone (0–1, e.g. 0.8), with the evidence uncertainty and the sampling error
/// of `opts` ([`super::uncertainty::chance_met`], a fixed seed so the chance rises with λ).
/// Meeting the central projection is about a 50% chance; a board that wants to be fairly sure
/// asks for more.
pub fn seek_mix_chance(
    sim: &Simulator,
    s: &Scenario,
    m: &Milestone,
    ids: &[String],
    chance: f64,
    opts: super::scenario::UncertaintySettings,
) -> Result<(GoalSeek, f64), ProjectionError> {
    let index = s
        .milestones
        .iter()
        .position(|x| x == m)
        .ok_or_else(|| ProjectionError::Invalid(format!("no milestone '{}'", m.label())))?;
    let idx = positions(s, ids)?;
    let base = central_settings(s);
    let p_at = |l: f64| {
        super::uncertainty::chance_met(sim, s, &mix_settings(s, &base, &idx, l), index, opts)
    };
    let full = p_at(1.0)?;
    if full < chance {
        let set = mix_settings(s, &base, &idx, 1.0);
        let mut g = answer(
            sim,
            s,
            m,
            &set,
            Some(1.0),
            format!(
                "not reachable with {} chance: every programme in the mix at its maximum gives {:.0}%",
                answers::a_chance(chance),
                full * 100.0
            ),
        )?;
        g.reachable = false;
        return Ok((g, full));
    }
    let at_base = p_at(0.0)?;
    if at_base >= chance {
        let set = mix_settings(s, &base, &idx, 0.0);
        let g = answer(
            sim,
            s,
            m,
            &set,
            Some(0.0),
            "met with the mix at baseline".into(),
        )?;
        return Ok((g, at_base));
    }
    // 20 halvings: λ to a millionth, each a full set of draws.
    let (mut a, mut b) = (0.0, 1.0);
    let mut p_b = full;
    for _ in 0..20 {
        let mid = 0.5 * (a + b);
        let p = p_at(mid)?;
        if p >= chance {
            b = mid;
            p_b = p;
        } else {
            a = mid;
        }
    }
    let set = mix_settings(s, &base, &idx, b);
    let g = answer(
        sim,
        s,
        m,
        &set,
        Some(b),
        format!(
            "each programme {:.0}% of the way from baseline to its maximum gives a {:.0}% chance ({} draws)",
            b * 100.0,
            p_b * 100.0,
            opts.draws
        ),
    )?;
    Ok((g, p_b))
}

/// The cheapest mix (greedy by cost per year of gap closed) of the enabled programmes.
pub fn cheapest_mix(
    sim: &Simulator,
    s: &Scenario,
    m: &Milestone,
) -> Result<GoalSeek, ProjectionError> {
    let enabled: Vec<usize> = (0..s.programmes.len())
        .filter(|&k| s.programmes[k].enabled)
        .collect();
    let at_baseline: Settings = s
        .programmes
        .iter()
        .map(|p| {
            p.enabled
                .then(|| (p.coverage.baseline, p.central_effects()))
        })
        .collect();
    let (short0, _, _) = miss(sim, s, m, &at_baseline)?;
    if short0 <= 0.0 {
        return answer(
            sim,
            s,
            m,
            &at_baseline,
            None,
            "met with every programme at baseline".into(),
        );
    }
    // Rank by cost per unit of shortfall closed, each alone at its maximum.
    let mut ranked = Vec::new();
    for &k in &enabled {
        let p = &s.programmes[k];
        let mut set = at_baseline.clone();
        set[k] = Some((p.coverage.max, p.central_effects()));
        let closed = short0 - miss(sim, s, m, &set)?.0;
        let cost = cost_per_year(sim, s, &set);
        if closed > 1e-12 {
            ranked.push((cost / closed, k));
        }
    }
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut set = at_baseline.clone();
    for (_, k) in &ranked {
        let p = &s.programmes[*k];
        set[*k] = Some((p.coverage.max, p.central_effects()));
        if miss(sim, s, m, &set)?.0 <= 0.0 {
            let c = bisect(p.coverage.baseline, p.coverage.max, |c| {
                let mut t = set.clone();
                t[*k] = Some((c, p.central_effects()));
                Ok(miss(sim, s, m, &t)?.0)
            })?;
            set[*k] = Some((c, p.central_effects()));
            let order: Vec<&str> = ranked
                .iter()
                .map(|(_, k)| s.programmes[*k].name.as_str())
                .collect();
            return answer(
                sim,
                s,
                m,
                &set,
                None,
                format!(
                    "cheapest first, by cost per year of gap closed: {}",
                    order.join(", then ")
                ),
            );
        }
    }
    answer(
        sim,
        s,
        m,
        &set,
        None,
        "not reachable: every programme at its maximum coverage falls short".into(),
    )
}
