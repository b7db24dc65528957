//! The three answers a director of public health gives a partnership board, computed once so
//! the Overview screen and `lifegap run` print the same figures:
//!
//! 1. *How far off are we?* Per milestone: the target, the projection with and without the
//!    programmes, and what is still short in months of life expectancy and in deaths to
//!    postpone a year.
//! 2. *What would close it, and what does it cost?* The programmes that close most of the
//!    shortfall, with their cost a year.
//! 3. *Who must deliver what by which quarter?* The next quarter's delivery by programme and
//!    partner (an action plan's shares, the rest unassigned).
//!
//! **Deaths to postpone a year.** A shortfall in life expectancy becomes deaths at the plan's
//! own exchange rate in the milestone period: the deaths the enabled programmes postpone a
//! year (mean over the period's years, this sex) per year of pooled e₀ they add. It is the
//! number of *further* deaths to postpone a year, at the plan's mix of ages and causes, that
//! would close the rest; a plan that postpones none has no rate, and the answer is `None`
//! rather than a guess.

use super::action_plan::{ActionPlan, UNASSIGNED};
use super::area::Sex;
use super::milestones::{Measure, Status};
use super::projection::sum_over;
use super::results::ScenarioResults;
use super::scenario::{Date, Period};
use serde::Serialize;

/// How many programmes an answer names (the ones that close most of the shortfall).
pub const TOP_PROGRAMMES: usize = 3;

/// A programme that closes part of a milestone's shortfall.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Closer {
    pub name: String,
    /// Years of life expectancy (of gap) it closes over the milestone period.
    pub years: f64,
    /// Its share of the shortfall without programmes.
    pub share: Option<f64>,
    pub cost_per_year: f64,
}

/// One milestone in the board's terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneAnswer {
    pub label: String,
    pub sex: Sex,
    pub period: Period,
    pub measure: Measure,
    pub required: f64,
    pub without: f64,
    pub with: f64,
    pub status: Status,
    pub months_left: i32,
    /// What the projection without programmes misses by, in years of life expectancy.
    pub shortfall_without_years: f64,
    /// What is still short with the programmes, in years of life expectancy (0 when met).
    pub shortfall_years: f64,
    /// Further deaths to postpone a year to close `shortfall_years` (see the module notes);
    /// `None` when the plan postpones no deaths in the period, so there is no rate.
    pub deaths_a_year: Option<f64>,
    /// The programmes that close most of the shortfall, most first (at most
    /// [`TOP_PROGRAMMES`], only those that close some).
    pub closers: Vec<Closer>,
}

/// One row of the next quarter's delivery: people a programme (and a partner) must have
/// reached, above the base period, by the quarter's end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterDelivery {
    pub programme: String,
    /// The partner with its locality ("Practice-based commissioning hub (North)"),
    /// [`UNASSIGNED`], or `None` when the programme has no action plan.
    pub partner: Option<String>,
    pub quarter: String,
    pub quarter_end: Date,
    /// Cumulative people by the quarter's end, as planned.
    pub planned: f64,
}

/// A shortfall in the milestone's measure as years of life expectancy: a gap share is a share
/// of the comparator's pooled e₀.
pub fn in_years(measure: Measure, shortfall: f64, e0_comparator: f64) -> f64 {
    match measure {
        Measure::GapShare => shortfall * e0_comparator,
        Measure::GapYears | Measure::LifeExpectancy => shortfall,
    }
}

/// Every milestone in the board's terms.
pub fn milestones(r: &ScenarioResults) -> Vec<MilestoneAnswer> {
    r.milestones
        .iter()
        .map(|m| {
            let x = &m.result;
            let e0c = x.pooled.e0_comparator;
            let shortfall_years = in_years(x.measure, x.shortfall_with, e0c);
            let deaths = r
                .projection
                .sex(x.sex)
                .map(|sx| {
                    sum_over(&r.projection.years, &sx.deaths_postponed, x.period)
                        / x.period.len().max(1) as f64
                })
                .unwrap_or(0.0);
            let gain = x.pooled.gain();
            let deaths_a_year =
                (deaths > 0.0 && gain > 0.0).then(|| shortfall_years * deaths / gain);
            let mut closers: Vec<Closer> = m
                .contributions
                .iter()
                .filter(|c| c.gain > 0.0)
                .filter_map(|c| {
                    let p = r.programmes.iter().find(|p| p.id == c.programme)?;
                    Some(Closer {
                        name: p.name.clone(),
                        years: c.gain,
                        share: c.share_of_shortfall,
                        cost_per_year: p.cost_per_year,
                    })
                })
                .collect();
            closers.sort_by(|a, b| b.years.total_cmp(&a.years));
            closers.truncate(TOP_PROGRAMMES);
            MilestoneAnswer {
                label: x.label.clone(),
                sex: x.sex,
                period: x.period,
                measure: x.measure,
                required: x.required,
                without: x.without,
                with: x.with,
                status: x.status,
                months_left: x.months_left,
                shortfall_without_years: in_years(x.measure, x.shortfall_without, e0c),
                shortfall_years,
                deaths_a_year,
                closers,
            }
        })
        .collect()
}

/// The first quarter ending after the planning date: each enabled programme's planned people
/// by its end, split among its partners at their credited shares (the rest unassigned).
/// Programmes in scenario order, partners in the plan's order.
pub fn next_quarter(r: &ScenarioResults, plan: &ActionPlan) -> Vec<QuarterDelivery> {
    let mut out = Vec::new();
    for p in r.programmes.iter().filter(|p| p.enabled) {
        // The planned path is the same under every milestone; a milestone's rows stop at its
        // due date, so take the earliest quarter after the planning date any of them has.
        let next = r
            .milestones
            .iter()
            .flat_map(|m| m.delivery.iter())
            .filter(|q| q.programme == p.id && q.quarter_end > r.as_of)
            .min_by_key(|q| q.quarter_end);
        let Some(q) = next else { continue };
        let row = |partner: Option<String>, share: f64| QuarterDelivery {
            programme: p.name.clone(),
            partner,
            quarter: q.quarter.clone(),
            quarter_end: q.quarter_end,
            planned: q.planned_cumulative * share,
        };
        match plan.for_programme(&p.id).filter(|x| !x.partners.is_empty()) {
            None => out.push(row(None, 1.0)),
            Some(x) => {
                let a = x.assignment();
                for (partner, share) in x.partners.iter().zip(&a.shares) {
                    let who = if partner.locality.is_empty() {
                        partner.name.clone()
                    } else {
                        format!("{} ({})", partner.name, partner.locality)
                    };
                    out.push(row(Some(who), *share));
                }
                if a.unassigned > 0.0 {
                    out.push(row(Some(UNASSIGNED.into()), a.unassigned));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::action_plan::{Partner, ProgrammePlan};

    #[test]
    fn a_gap_share_shortfall_is_a_share_of_englands_life_expectancy() {
        // 1% of an 80-year e₀ is 0.8 years; years stay years.
        assert!((in_years(Measure::GapShare, 0.01, 80.0) - 0.8).abs() < 1e-12);
        assert_eq!(in_years(Measure::GapYears, 0.25, 80.0), 0.25);
        assert_eq!(in_years(Measure::LifeExpectancy, 0.5, 80.0), 0.5);
    }

    fn partner(name: &str, share: f64) -> Partner {
        Partner {
            name: name.into(),
            locality: String::new(),
            lead: String::new(),
            share,
        }
    }

    #[test]
    fn shares_under_100_percent_leave_an_unassigned_remainder() {
        let mut p = ProgrammePlan::new("statins");
        p.partners = vec![partner("PCT", 0.5), partner("Council", 0.2)];
        let a = p.assignment();
        assert_eq!(a.shares, vec![0.5, 0.2]);
        assert!((a.unassigned - 0.3).abs() < 1e-12);
        let w = a.warning().unwrap();
        assert!(
            w.contains("70.0%") && w.contains("30.0% is unassigned"),
            "{w}"
        );
    }

    #[test]
    fn shares_over_100_percent_are_scaled_down_to_100() {
        let mut p = ProgrammePlan::new("statins");
        p.partners = vec![partner("PCT", 0.8), partner("Council", 0.4)];
        let a = p.assignment();
        // 0.8/1.2 = 2/3, 0.4/1.2 = 1/3.
        assert!((a.shares[0] - 2.0 / 3.0).abs() < 1e-12);
        assert!((a.shares[1] - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(a.unassigned, 0.0);
        assert!(a.warning().unwrap().contains("120.0%"));
    }

    #[test]
    fn shares_that_add_up_give_no_warning() {
        let mut p = ProgrammePlan::new("statins");
        p.partners = vec![partner("PCT", 0.6), partner("Council", 0.4)];
        let a = p.assignment();
        assert_eq!(a.unassigned, 0.0);
        assert_eq!(a.warning(), None);
    }

    #[test]
    fn an_unfinished_plan_is_not_a_scenario_problem() {
        let mut p = ProgrammePlan::new("statins");
        p.partners = vec![partner("PCT", 0.2)];
        let plan = ActionPlan {
            programmes: vec![p],
        };
        assert!(plan.problems(&[("statins", "Statins")]).is_empty());
        // An out-of-range share still is, at its field.
        let mut q = plan.clone();
        q.programmes[0].partners[0].share = 1.5;
        let found = q.problems(&[("statins", "Statins")]);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.contains("out of range"));
    }
}
