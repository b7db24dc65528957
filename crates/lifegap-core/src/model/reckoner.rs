//! The ready reckoner's "current vs new" view, as the Health Inequalities Intervention Toolkit
//! (HIIT, 2007) showed it: for each programme the people reached, deaths postponed a year and
//! life-expectancy gain at the current level and at the new (planned) level, side by side.
//!
//! **New** is the model's: the current level plus what the projection credits the programme
//! above its base-period baseline (attributed, over the headline period). The model carries
//! the current level inside the trend, so it does not compute what today's service postpones;
//! **current** restates it the way HIIT's reckoner did, linearly: today's people times the
//! plan's own deaths postponed (and gain) per extra person. It is `None` when the plan adds
//! nobody, since there is then no rate per person to scale by.

use super::area::Sex;
use super::results::ProgrammeSummary;
use serde::Serialize;

/// People, deaths postponed a year and gain at one level of a programme.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Level {
    /// On treatment (a stock programme) or reached a year (a flow programme).
    pub people: f64,
    /// Deaths postponed a year over the headline period (both sexes).
    pub deaths_per_year: f64,
    /// Life-expectancy gain for the sex asked, over the headline period (years).
    pub gain: f64,
}

/// One programme's current and new level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub name: String,
    /// The current level, read linearly from the plan's rate per extra person (see the module
    /// notes); `None` when the plan adds nobody.
    pub current: Option<Level>,
    pub new: Level,
    /// What the plan adds: the model's own figures.
    pub change: Level,
}

/// Every enabled programme's current and new level, for `sex`'s gain (pass the results'
/// `programmes`).
pub fn rows(programmes: &[ProgrammeSummary], sex: Sex) -> Vec<Row> {
    programmes
        .iter()
        .filter(|p| p.enabled)
        .map(|p| {
            let now_people = p.eligible * p.baseline;
            let change = Level {
                people: p.extra_people,
                deaths_per_year: p.deaths_per_year,
                gain: p.gain[sex.index()],
            };
            let current = (p.extra_people > 0.0).then(|| {
                let per = now_people / p.extra_people;
                Level {
                    people: now_people,
                    deaths_per_year: p.deaths_per_year * per,
                    gain: change.gain * per,
                }
            });
            let new = Level {
                people: now_people + change.people,
                deaths_per_year: current.map_or(0.0, |c| c.deaths_per_year)
                    + change.deaths_per_year,
                gain: current.map_or(0.0, |c| c.gain) + change.gain,
            };
            Row {
                name: p.name.clone(),
                current,
                new,
                change,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::programmes::Reach;

    fn summary(baseline: f64, target: f64) -> ProgrammeSummary {
        let eligible = 10_000.0;
        ProgrammeSummary {
            id: "statins".into(),
            name: "Statins".into(),
            enabled: true,
            reach: Reach::Stock,
            people: "people on statins".into(),
            eligible,
            baseline,
            target,
            extra_people: eligible * (target - baseline),
            deaths_per_year: 4.0,
            deaths_total: 20.0,
            gain: [0.02, 0.01],
            share_of_shortfall: [None, None],
            cost_per_year: 0.0,
            cost_total: 0.0,
            cost_per_death: None,
            cost_per_life_year: None,
        }
    }

    #[test]
    fn current_is_the_plans_rate_per_person_times_todays_people() {
        // 10,000 eligible; 30% today, 50% planned: 3,000 now, 2,000 more, 5,000 in the plan.
        // The 2,000 postpone 4 deaths a year and add 0.02 years for men, so the 3,000 today
        // postpone 6 and add 0.03; the plan, 10 and 0.05.
        let rows = rows(&[summary(0.3, 0.5)], Sex::Male);
        let x = &rows[0];
        let c = x.current.unwrap();
        assert!((c.people - 3000.0).abs() < 1e-9);
        assert!((c.deaths_per_year - 6.0).abs() < 1e-9);
        assert!((c.gain - 0.03).abs() < 1e-12);
        assert!((x.new.people - 5000.0).abs() < 1e-9);
        assert!((x.new.deaths_per_year - 10.0).abs() < 1e-9);
        assert!((x.new.gain - 0.05).abs() < 1e-12);
        assert_eq!(x.change.deaths_per_year, 4.0);
    }

    #[test]
    fn with_nothing_added_there_is_no_rate_to_read_the_current_level_by() {
        let x = &rows(&[summary(0.3, 0.3)], Sex::Female)[0];
        assert_eq!(x.current, None);
        assert!((x.new.people - 3000.0).abs() < 1e-9);
    }
}
