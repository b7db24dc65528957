//! A new area's scenario from a guided setup (issue 10): the planning date, the base period,
//! the typed history (the 1995–97 baseline and later periods), the 2010 PSA target from
//! 1995–97 per sex, local milestones and the comparator, so the countdown is right first time.
//!
//! [`scenario::new_from_data`] leaves the planning date unset (the app then plans from
//! today) and, without a history, can measure a gap target only from the base period; the
//! PSA target is defined from 1995–97 (DH, *Tackling health inequalities: 10 years on*, 2009:
//! "narrow the gap by at least 10% between the fifth of areas with the worst health and the
//! population as a whole, measured by life expectancy at birth, 1995–97 to 2009–11"). The
//! setup starts from `new_from_data` and fills what it cannot know.

use super::area::{AreaData, Sex};
use super::scenario::{self, Date, GapMeasure, HistoryPoint, Milestone, Period, Scenario, Target};

/// The PSA target's baseline and the period it is measured on.
pub const PSA_BASELINE: Period = Period {
    first: 1995,
    last: 1997,
};
pub const PSA_MEASURED: Period = Period {
    first: 2009,
    last: 2011,
};

/// What the guided setup asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Setup {
    pub area: String,
    pub comparator: String,
    /// When the plan is made: the countdown's "now".
    pub as_of: Date,
    pub base_period: Period,
    /// Typed life expectancies (the 1995–97 baseline first, then later periods).
    pub history: Vec<HistoryPoint>,
    /// The PSA target's reduction per sex (0.10 = 10% from 1995–97, measured on 2009–11);
    /// `None` for a sex without it.
    pub psa: [Option<f64>; 2],
    /// Local milestones (e.g. 2013: a minimum life expectancy).
    pub local: Vec<Milestone>,
}

/// The scenario of a setup: `new_from_data`'s programmes and trend, the setup's dates,
/// history and milestones; the horizon reaches the last milestone (at least seven years past
/// the base period, as `new_from_data`).
pub fn scenario(data: &AreaData, setup: &Setup) -> Scenario {
    let mut s = scenario::new_from_data(data, &setup.area, &setup.comparator);
    s.as_of = Some(setup.as_of);
    s.base_period = setup.base_period;
    s.history = setup.history.clone();
    let mut milestones = Vec::new();
    for (sex, psa) in [Sex::Male, Sex::Female].into_iter().zip(setup.psa) {
        if let Some(reduction) = psa {
            milestones.push(Milestone {
                name: "2010 PSA target".into(),
                sex,
                period: PSA_MEASURED,
                target: Target::GapReduction {
                    baseline: PSA_BASELINE,
                    reduction,
                    measure: GapMeasure::Absolute,
                },
            });
        }
    }
    milestones.extend(setup.local.iter().cloned());
    if milestones.is_empty() {
        // Nothing chosen: keep new_from_data's 10% narrowing five years on.
        milestones = s.milestones.clone();
        for m in &mut milestones {
            m.period = Period::new(setup.base_period.first + 5, setup.base_period.last + 5);
        }
    }
    let last = milestones
        .iter()
        .map(|m| m.period.last)
        .max()
        .unwrap_or(setup.base_period.last)
        .max(setup.base_period.last + 7);
    s.horizon = Period::new(setup.base_period.last, last);
    s.milestones = milestones;
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::BySex;

    fn demo_data() -> AreaData {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../assets/data/demo-area-2006-08.csv");
        crate::data::load(&path, None).unwrap().data
    }

    #[test]
    fn the_setup_fills_the_date_baseline_and_milestones_it_asks_for() {
        let data = demo_data();
        let setup = Setup {
            area: "Demoborough".into(),
            comparator: "England".into(),
            as_of: Date {
                year: 2009,
                month: 4,
                day: 1,
            },
            base_period: Period::new(2006, 2008),
            history: vec![HistoryPoint {
                period: PSA_BASELINE,
                local: BySex {
                    male: 72.7,
                    female: 78.3,
                },
                comparator: BySex {
                    male: 74.6,
                    female: 79.7,
                },
                source: "typed".into(),
            }],
            psa: [Some(0.1), Some(0.1)],
            local: vec![Milestone {
                name: "2013 local milestone".into(),
                sex: Sex::Male,
                period: Period::new(2011, 2013),
                target: Target::MinLifeExpectancy(77.4),
            }],
        };
        let s = scenario(&data, &setup);
        assert_eq!(s.as_of, Some(setup.as_of));
        assert_eq!(s.history, setup.history);
        assert_eq!(s.milestones.len(), 3);
        assert_eq!(
            s.milestones[0].target,
            Target::GapReduction {
                baseline: Period::new(1995, 1997),
                reduction: 0.1,
                measure: GapMeasure::Absolute
            }
        );
        assert_eq!(s.milestones[0].period, Period::new(2009, 2011));
        // 2008 + 7 = 2015 reaches past the 2013 milestone.
        assert_eq!(s.horizon, Period::new(2008, 2015));
        assert!(s.check().is_empty(), "{:?}", s.check());
    }
}
