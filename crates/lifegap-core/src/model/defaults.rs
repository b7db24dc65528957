//! The values a new milestone or a hand-set trend starts from, so every face offers the same
//! starting point (and a test can check it). The user edits them straight away; they are
//! suggestions, never results.

use super::area::Sex;
use super::projection::Simulator;
use super::scenario::{BySex, Milestone, Period, Target, Trend};

/// A new milestone is measured, as the PSA targets were, on the last three years of the
/// horizon (pooled), or the whole horizon when it is shorter.
pub(crate) fn milestone_period(horizon: Period) -> Period {
    Period::new(
        horizon.last.saturating_sub(2).max(horizon.first),
        horizon.last,
    )
}

/// "Raise life expectancy by a year": the base period's local e₀ (rounded to 0.1) plus one
/// year; 78 when the base period has no valid table.
pub fn life_expectancy_milestone(horizon: Period, sex: Sex, base_e0: Option<f64>) -> Milestone {
    let e0 = base_e0.map_or(78.0, |e| (e * 10.0).round() / 10.0 + 1.0);
    Milestone {
        name: "Local milestone".into(),
        sex,
        period: milestone_period(horizon),
        target: Target::MinLifeExpectancy(e0),
    }
}

/// "Narrow the gap by 10%" (the PSA target's size) as a gap in years, from the base period's
/// gap (rounded to 0.01); 1.5 years when the base period has no valid tables.
pub fn gap_milestone(horizon: Period, sex: Sex, base_gap: Option<f64>) -> Milestone {
    let g = base_gap.map_or(1.5, |g| (g * 0.9 * 100.0).round() / 100.0);
    Milestone {
        name: "Gap milestone".into(),
        sex,
        period: milestone_period(horizon),
        target: Target::MaxGap(g),
    }
}

/// Yearly gains in e₀ when these sexes have no fitted slope: England's average yearly gains
/// 1995–97 to 2006–08 (ONS interim life tables: men about 0.30, women about 0.21 years a year),
/// with the local area a little slower (0.28, 0.19), as in most Spearhead areas.
const FALLBACK: [(f64, f64); 2] = [(0.28, 0.30), (0.19, 0.21)];

/// A hand-set trend that starts from the slopes fitted to the history (so switching from the
/// fitted trend to a set one changes nothing until the user edits it).
pub fn annual_trend(sim: Option<&Simulator>) -> Trend {
    let slopes = |sex: Sex, i: usize| {
        sim.and_then(|m| m.sex(sex))
            .map_or(FALLBACK[i], |m| (m.slopes.local, m.slopes.comparator))
    };
    let (m, w) = (slopes(Sex::Male, 0), slopes(Sex::Female, 1));
    Trend::Annual {
        local: BySex {
            male: m.0,
            female: w.0,
        },
        comparator: BySex {
            male: m.1,
            female: w.1,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milestones_are_measured_on_the_last_three_years() {
        assert_eq!(
            milestone_period(Period::new(2008, 2015)),
            Period::new(2013, 2015)
        );
        assert_eq!(
            milestone_period(Period::new(2008, 2009)),
            Period::new(2008, 2009)
        );
        let m = life_expectancy_milestone(Period::new(2008, 2015), Sex::Female, Some(80.43));
        assert_eq!(m.target, Target::MinLifeExpectancy(81.4));
        let g = gap_milestone(Period::new(2008, 2015), Sex::Male, Some(2.1));
        assert_eq!(g.target, Target::MaxGap(1.89));
    }

    #[test]
    fn without_a_simulator_the_trend_falls_back_to_englands_gains() {
        let Trend::Annual { local, comparator } = annual_trend(None) else {
            panic!("annual")
        };
        assert_eq!((local.male, comparator.female), (0.28, 0.21));
    }
}
