//! Stretch milestones: a larger gap reduction than a milestone's own (15% or 20% instead of the
//! PSA's 10%), or a chosen gap in years, applied to every milestone of a scenario so that every
//! command (run, goal seek, report, the app) judges the stretched milestone.
//!
//! * `GapReduction(r)`: a gap-reduction milestone keeps its baseline and measure and narrows
//!   the gap by `r`; a maximum-gap or life expectancy milestone is left as it is (it has no
//!   baseline to reduce from), with a note.
//! * `GapYears(g)`: every milestone becomes "a gap of at most g years" (a life expectancy
//!   milestone too, with a note that its measure changed).

use super::dsr::targets::Stretch;
use super::scenario::{Scenario, Target};

/// Apply `stretch` to every milestone of `s`; notes say what was left or changed in kind.
/// The caller holds the result to the scenario's own rules (`Scenario::check`).
pub fn apply(s: &mut Scenario, stretch: Stretch) -> Vec<String> {
    let mut notes = Vec::new();
    for m in &mut s.milestones {
        let label = m.label();
        match (stretch, &mut m.target) {
            (Stretch::GapReduction(r), Target::GapReduction { reduction, .. }) => {
                *reduction = r;
                m.name = format!("{} (stretch: gap down {:.0}%)", m.name, r * 100.0);
            }
            (Stretch::GapReduction(_), _) => notes.push(format!(
                "{label}: not a gap-reduction milestone, left as it is"
            )),
            (Stretch::GapYears(g), target) => {
                if matches!(target, Target::MinLifeExpectancy(_)) {
                    notes.push(format!(
                        "{label}: a life expectancy milestone, now a gap of at most {g} years"
                    ));
                }
                *target = Target::MaxGap(g);
                m.name = format!("{} (stretch: gap at most {g} years)", m.name);
            }
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::area::Sex;
    use crate::model::scenario::{GapMeasure, Milestone, Period};

    fn scenario() -> Scenario {
        let mut s: Scenario = crate::scenario_file::parse(
            std::path::Path::new("x.ron"),
            &std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../../scenarios/demo-2010-countdown.ron"),
            )
            .unwrap(),
        )
        .unwrap();
        s.milestones = vec![
            Milestone {
                name: "PSA".into(),
                sex: Sex::Male,
                period: Period::new(2009, 2011),
                target: Target::GapReduction {
                    baseline: Period::new(1995, 1997),
                    reduction: 0.1,
                    measure: GapMeasure::Absolute,
                },
            },
            Milestone {
                name: "Local".into(),
                sex: Sex::Male,
                period: Period::new(2011, 2013),
                target: Target::MinLifeExpectancy(77.4),
            },
        ];
        s
    }

    #[test]
    fn reduction_stretches_gap_milestones_only() {
        let mut s = scenario();
        let notes = apply(&mut s, Stretch::GapReduction(0.2));
        assert!(matches!(
            s.milestones[0].target,
            Target::GapReduction { reduction, .. } if reduction == 0.2
        ));
        assert_eq!(s.milestones[0].name, "PSA (stretch: gap down 20%)");
        assert_eq!(s.milestones[1].target, Target::MinLifeExpectancy(77.4));
        assert_eq!(notes.len(), 1);
        assert!(s.check().is_empty());
    }

    #[test]
    fn gap_years_turns_every_milestone_into_a_maximum_gap() {
        let mut s = scenario();
        let notes = apply(&mut s, Stretch::GapYears(1.5));
        assert!(s.milestones.iter().all(|m| m.target == Target::MaxGap(1.5)));
        assert_eq!(notes.len(), 1);
        assert!(s.check().is_empty());
    }
}
