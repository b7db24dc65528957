//! The goal-seek answers a board can act on, for one milestone: the cheapest mix, every
//! enabled programme scaled together (to meet the central projection, and for a chosen
//! chance), each programme alone, and a mix the user chooses.
//!
//! Each answer lists, programme by programme, the coverage from the plan's to the answer's,
//! the people to reach above baseline and the cost a year at full delivery (the same
//! arithmetic as [`super::GoalSeek::cost_per_year`] and the ready reckoner's people:
//! eligible × (coverage − baseline)), and the **chance of meeting the milestone** at the
//! answer: the share of the Monte Carlo's draws that meet it
//! ([`crate::model::uncertainty::chance_met`], the scenario's seed). A scale found to meet
//! the *central* projection gives about an even chance; the board sees that figure beside it
//! rather than reading "reachable" as "safe".

use super::{GoalSeek, cheapest_mix, seek_mix, seek_mix_chance, seek_programme};
use crate::model::projection::{ProjectionError, Settings, Simulator, central_settings};
use crate::model::scenario::{Scenario, UncertaintySettings};
use crate::model::uncertainty::chance_met;
use serde::Serialize;

/// At most this many draws for an answer's chance where it must come in a moment (the app's
/// dialog, the board pack): about 20 ms per answer on two cores, a sampling error of about
/// ±2 points at a 50% chance.
pub const QUICK_DRAWS: u32 = 500;

/// The scenario's uncertainty settings (its seed) with at most [`QUICK_DRAWS`] draws and at
/// least one: what the app's goal-seek dialog uses, so `lifegap goal-seek --draws N`, N the
/// smaller of the scenario's draws and 500, gives its chances.
pub fn quick(mut opts: UncertaintySettings) -> UncertaintySettings {
    opts.draws = opts.draws.clamp(1, QUICK_DRAWS);
    opts
}

/// One programme in an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeAt {
    pub id: String,
    pub name: String,
    /// What the programme's people are ("people on statins", "4-week quitters a year").
    pub people_unit: String,
    /// People on treatment at a time (stock) or reached each year (flow): totals keep the two
    /// apart, as `ScenarioResults::programme_totals` does.
    pub reach: crate::model::programmes::Reach,
    /// Coverage in the plan as it stands.
    pub plan: f64,
    /// Coverage in the answer.
    pub coverage: f64,
    /// People to reach above baseline at the answer's coverage.
    pub people: f64,
    /// Cost a year at full delivery of the answer's coverage (£).
    pub cost_per_year: f64,
}

impl ProgrammeAt {
    /// Whether the answer moves this programme from the plan (by more than 0.05 points).
    pub fn moved(&self) -> bool {
        (self.coverage - self.plan).abs() > 5e-4
    }
}

/// One answer, ready to show and to apply.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    /// What was asked: "The cheapest mix", "Statins (secondary prevention) alone", ….
    pub title: String,
    /// The programme an answer "alone" is for (its id); `None` for a mix.
    pub alone: Option<String>,
    pub seek: GoalSeek,
    /// Every programme the answer sets (the enabled ones), in scenario order.
    pub programmes: Vec<ProgrammeAt>,
    /// Chance of meeting the milestone at the answer (0–1), from `draws` draws.
    pub chance: f64,
    pub draws: u32,
}

impl Answer {
    /// People above baseline kept apart by how programmes reach them: (on treatment at a time,
    /// reached each year). A stock and a yearly flow are not added up for a board.
    pub fn people_by_reach(&self) -> (f64, f64) {
        use crate::model::programmes::Reach;
        let of = |r: Reach| {
            self.programmes
                .iter()
                .filter(|p| p.reach == r)
                .map(|p| p.people)
                .sum()
        };
        (of(Reach::Stock), of(Reach::Flow))
    }
}

/// The answers shown together: the mixes, and each enabled programme alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answers {
    /// Index of the milestone in the scenario.
    pub milestone: usize,
    pub milestone_label: String,
    pub mixes: Vec<Answer>,
    pub alone: Vec<Answer>,
}

/// The answer's settings: the plan, with the answer's coverage for each programme it sets.
fn settings_of(s: &Scenario, g: &GoalSeek) -> Settings {
    let mut set = central_settings(s);
    for (id, c) in &g.coverages {
        if let Some(k) = s.programmes.iter().position(|p| &p.id == id) {
            set[k] = Some((*c, s.programmes[k].central_effects()));
        }
    }
    set
}

/// An answer with its programmes and its chance (`opts.draws` draws).
pub fn answer(
    sim: &Simulator,
    s: &Scenario,
    index: usize,
    title: String,
    seek: GoalSeek,
    opts: UncertaintySettings,
) -> Result<Answer, ProjectionError> {
    let chance = chance_met(sim, s, &settings_of(s, &seek), index, opts)?;
    let programmes = seek
        .coverages
        .iter()
        .filter_map(|(id, c)| {
            let k = s.programmes.iter().position(|p| &p.id == id)?;
            let p = &s.programmes[k];
            let eligible: f64 = sim.sexes.iter().map(|m| m.eligible_people[k]).sum();
            let above = (c - p.coverage.baseline).max(0.0);
            Some(ProgrammeAt {
                id: id.clone(),
                name: p.name.clone(),
                people_unit: p.people.clone(),
                reach: p.reach,
                plan: p.coverage.target,
                coverage: *c,
                people: eligible * above,
                cost_per_year: eligible * above * p.cost_per_person.value,
            })
        })
        .collect();
    Ok(Answer {
        title,
        alone: None,
        seek,
        programmes,
        chance,
        draws: opts.draws,
    })
}

fn milestone_of(
    s: &Scenario,
    index: usize,
) -> Result<&crate::model::scenario::Milestone, ProjectionError> {
    s.milestones
        .get(index)
        .ok_or_else(|| ProjectionError::Invalid(format!("no milestone {index}")))
}

/// "Statins (secondary prevention), Blood-pressure treatment": programme names for ids.
fn names(s: &Scenario, ids: &[String]) -> String {
    ids.iter()
        .map(|id| s.programme(id).map_or(id.as_str(), |p| p.name.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The plan as it stands, as an answer: its programmes' people and cost, and its chance (the
/// column a board compares the answers with).
pub fn the_plan(
    sim: &Simulator,
    s: &Scenario,
    index: usize,
    opts: UncertaintySettings,
) -> Result<Answer, ProjectionError> {
    let m = milestone_of(s, index)?;
    let g = super::answer(
        sim,
        s,
        m,
        &central_settings(s),
        None,
        "the plan as it stands".into(),
    )?;
    answer(sim, s, index, "The plan".into(), g, opts)
}

/// The cheapest mix and every enabled programme scaled together, for milestone `index`.
fn two_mixes(
    sim: &Simulator,
    s: &Scenario,
    index: usize,
    opts: UncertaintySettings,
) -> Result<[Answer; 2], ProjectionError> {
    let m = milestone_of(s, index)?;
    let cheapest = cheapest_mix(sim, s, m)?;
    let together = seek_mix(sim, s, m, &s.enabled_programme_ids())?;
    Ok([
        answer(sim, s, index, "The cheapest mix".into(), cheapest, opts)?,
        answer(sim, s, index, "All together".into(), together, opts)?,
    ])
}

/// The plan beside the cheapest mix and every enabled programme scaled together, for
/// milestone `index`: what the board pack's page and the slide "What it would take" show.
pub fn beside_the_plan(
    sim: &Simulator,
    s: &Scenario,
    index: usize,
    opts: UncertaintySettings,
) -> Result<[Answer; 3], ProjectionError> {
    let [cheapest, together] = two_mixes(sim, s, index, opts)?;
    Ok([the_plan(sim, s, index, opts)?, cheapest, together])
}

/// A chosen mix of programmes scaled together to meet the milestone (the others as planned).
pub fn chosen_mix(
    sim: &Simulator,
    s: &Scenario,
    index: usize,
    ids: &[String],
    opts: UncertaintySettings,
) -> Result<Answer, ProjectionError> {
    if ids.is_empty() {
        return Err(ProjectionError::Invalid(
            "choose at least one programme for the mix".into(),
        ));
    }
    let m = milestone_of(s, index)?;
    let g = seek_mix(sim, s, m, ids)?;
    answer(
        sim,
        s,
        index,
        format!("A chosen mix: {}", names(s, ids)),
        g,
        opts,
    )
}

/// "an 80%", "a 60%": the chance with its article.
pub fn a_chance(chance: f64) -> String {
    let n = (chance * 100.0).round();
    let an = n == 8.0 || n == 11.0 || n == 18.0 || (80.0..90.0).contains(&n);
    format!("{} {n:.0}%", if an { "an" } else { "a" })
}

/// Every answer for milestone `index`: the cheapest mix, every enabled programme scaled
/// together, the same for `chance` (0–1) of meeting it, and each enabled programme alone.
/// Each answer's chance is from `opts` (its draws and seed).
pub fn answers(
    sim: &Simulator,
    s: &Scenario,
    index: usize,
    chance: f64,
    opts: UncertaintySettings,
) -> Result<Answers, ProjectionError> {
    let m = milestone_of(s, index)?;
    let ids = s.enabled_programme_ids();
    let mut mixes = Vec::from(two_mixes(sim, s, index, opts)?);
    let (g, _) = seek_mix_chance(sim, s, m, &ids, chance, opts)?;
    mixes.push(answer(
        sim,
        s,
        index,
        format!(
            "Every enabled programme scaled for {} chance",
            a_chance(chance)
        ),
        g,
        opts,
    )?);
    let alone = ids
        .iter()
        .map(|id| {
            let title = format!("{} alone", names(s, std::slice::from_ref(id)));
            let a = answer(sim, s, index, title, seek_programme(sim, s, m, id)?, opts)?;
            Ok(Answer {
                alone: Some(id.clone()),
                ..a
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Answers {
        milestone: index,
        milestone_label: m.label(),
        mixes,
        alone,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped demo (its men's 2013 local milestone is index 2).
    fn demo_sim() -> (Scenario, Simulator) {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios/demo-2010-countdown.ron");
        let l = crate::scenario_file::load(&p).unwrap();
        let sim = Simulator::new(&l.scenario, &l.data).unwrap();
        (l.scenario, sim)
    }

    fn opts(s: &Scenario) -> UncertaintySettings {
        let mut o = s.uncertainty;
        o.draws = 200;
        o
    }

    /// People and cost are eligible × (coverage − baseline), and × cost per person: summed
    /// they give the goal seek's own cost a year.
    #[test]
    fn people_and_cost_follow_the_coverage_above_baseline() {
        let (s, sim) = demo_sim();
        let a = chosen_mix(&sim, &s, 2, &s.enabled_programme_ids()[..2], opts(&s)).unwrap();
        let cost: f64 = a.programmes.iter().map(|p| p.cost_per_year).sum();
        assert!((cost - a.seek.cost_per_year).abs() < 1e-6 * cost.max(1.0));
        for p in &a.programmes {
            let k = s.programmes.iter().position(|x| x.id == p.id).unwrap();
            let prog = &s.programmes[k];
            let eligible: f64 = sim.sexes.iter().map(|m| m.eligible_people[k]).sum();
            let expected = eligible * (p.coverage - prog.coverage.baseline).max(0.0);
            assert!((p.people - expected).abs() < 1e-9 * expected.max(1.0));
            assert!((p.cost_per_year - expected * prog.cost_per_person.value).abs() < 1e-6);
        }
    }

    /// The chance at an answer is `chance_met` at the answer's settings, and the answer for
    /// a higher chance has at least that chance.
    #[test]
    fn each_answer_carries_its_chance() {
        let (s, sim) = demo_sim();
        let all = answers(&sim, &s, 2, 0.6, opts(&s)).unwrap();
        assert_eq!(all.mixes.len(), 3);
        assert_eq!(all.alone.len(), s.enabled_programme_ids().len());
        for a in all.mixes.iter().chain(&all.alone) {
            let direct = chance_met(&sim, &s, &settings_of(&s, &a.seek), 2, opts(&s)).unwrap();
            assert_eq!(a.chance, direct, "{}", a.title);
            assert_eq!(a.draws, 200);
        }
        // The demo's men can have a 60% chance in 2013 (not an 80% one).
        let for_chance = &all.mixes[2];
        assert!(for_chance.seek.reachable, "{}", for_chance.seek.note);
        assert!(for_chance.chance >= 0.6, "{}", for_chance.chance);
        assert_eq!(
            for_chance.title,
            "Every enabled programme scaled for a 60% chance"
        );
        // The chosen mix of every enabled programme is the 'scaled together' answer.
        let chosen = chosen_mix(&sim, &s, 2, &s.enabled_programme_ids(), opts(&s)).unwrap();
        assert_eq!(chosen.seek.coverages, all.mixes[1].seek.coverages);
        assert_eq!(chosen.chance, all.mixes[1].chance);
    }

    #[test]
    fn chances_take_their_article() {
        assert_eq!(a_chance(0.8), "an 80%");
        assert_eq!(a_chance(0.85), "an 85%");
        assert_eq!(a_chance(0.6), "a 60%");
        assert_eq!(a_chance(0.9), "a 90%");
    }

    #[test]
    fn a_chosen_mix_needs_a_programme_and_a_milestone() {
        let (s, sim) = demo_sim();
        assert!(chosen_mix(&sim, &s, 2, &[], opts(&s)).is_err());
        assert!(chosen_mix(&sim, &s, 99, &s.enabled_programme_ids(), opts(&s)).is_err());
    }
}
