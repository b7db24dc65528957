//! The thematic action plan: for each programme, who delivers it (partners and localities, a
//! named lead, each a share of the people to reach), their quarterly delivery milestones
//! (their share of the countdown), their part of each milestone in years of gap closed, and the
//! delivery questions a national support team asks.

use super::results::ScenarioResults;
use super::scenario::FieldPath;
use serde::{Deserialize, Serialize};

/// The questions the Health Inequalities National Support Team asked of every programme.
pub const QUESTIONS: [&str; 6] = [
    "Is the eligible population identified (registers, case finding)?",
    "Is the scale enough to show at population level?",
    "Is it systematic across all practices and localities?",
    "Is it sustained beyond the first year?",
    "Who leads it, and is the lead accountable for the milestones?",
    "How is uptake monitored, and how often is it reviewed?",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Answer {
    Yes,
    Partly,
    No,
    #[default]
    NotYet,
}

impl Answer {
    pub const ALL: [Answer; 4] = [Answer::Yes, Answer::Partly, Answer::No, Answer::NotYet];

    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::Partly => "Partly",
            Answer::No => "No",
            Answer::NotYet => "Not yet answered",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub question: String,
    pub answer: Answer,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A delivery partner's part of a programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// e.g. "PCT", "Practice-based commissioning hub (North)", "City council".
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub locality: String,
    /// Named lead for this partner's delivery.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead: String,
    /// Share of the programme's people to reach, 0–1 (the partners' shares add up to 1).
    pub share: f64,
}

/// One programme's delivery plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammePlan {
    /// Programme id.
    pub programme: String,
    /// Overall lead for the programme.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead: String,
    #[serde(default)]
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub checklist: Vec<ChecklistItem>,
}

impl ProgrammePlan {
    /// An empty plan with the support team's questions unanswered.
    pub fn new(programme: &str) -> Self {
        ProgrammePlan {
            programme: programme.to_string(),
            lead: String::new(),
            partners: Vec::new(),
            checklist: QUESTIONS
                .iter()
                .map(|q| ChecklistItem {
                    question: q.to_string(),
                    answer: Answer::NotYet,
                    note: String::new(),
                })
                .collect(),
        }
    }

    pub fn share_total(&self) -> f64 {
        self.partners.iter().map(|p| p.share).sum()
    }

    /// The shares as credited. A workshop types shares one partner at a time, so shares that
    /// do not add up to 100% are a normal state, never a reason to stop the model: under 100%
    /// the rest is *unassigned* (no partner has taken it on yet); over 100% every share is
    /// scaled down in proportion so the partners are never credited with more people than
    /// the programme reaches. A share that is not a number from 0 to 1 counts as 0 (the
    /// scenario check names it at its field).
    pub fn assignment(&self) -> Assignment {
        let typed: Vec<f64> = self
            .partners
            .iter()
            .map(|p| {
                if p.share.is_finite() && (0.0..=1.0).contains(&p.share) {
                    p.share
                } else {
                    0.0
                }
            })
            .collect();
        let total: f64 = typed.iter().sum();
        let scale = if total > 1.0 + SHARE_TOLERANCE {
            1.0 / total
        } else {
            1.0
        };
        let shares: Vec<f64> = typed.iter().map(|s| s * scale).collect();
        let unassigned = if total < 1.0 - SHARE_TOLERANCE {
            1.0 - total
        } else {
            0.0
        };
        Assignment {
            shares,
            unassigned,
            typed_total: total,
        }
    }
}

/// Shares within this of 100% count as adding up (a typed 33.3% three times).
pub const SHARE_TOLERANCE: f64 = 1e-6;

/// A programme's delivery shared out among its partners ([`ProgrammePlan::assignment`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    /// Each partner's credited share, in the plan's order.
    pub shares: Vec<f64>,
    /// The share no partner has taken on (0 when the shares add up to 100% or more).
    pub unassigned: f64,
    /// The shares as typed, added up.
    pub typed_total: f64,
}

impl Assignment {
    /// The workshop's warning, when the typed shares do not add up to 100%.
    pub fn warning(&self) -> Option<String> {
        let pct = |x: f64| format!("{:.1}%", x * 100.0);
        if self.typed_total < 1.0 - SHARE_TOLERANCE {
            Some(format!(
                "Shares add up to {}: {} is unassigned (no partner delivers it yet)",
                pct(self.typed_total),
                pct(self.unassigned)
            ))
        } else if self.typed_total > 1.0 + SHARE_TOLERANCE {
            Some(format!(
                "Shares add up to {}: each is scaled down in proportion so the partners together deliver 100%",
                pct(self.typed_total)
            ))
        } else {
            None
        }
    }
}

/// The whole plan, stored in the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ActionPlan {
    pub programmes: Vec<ProgrammePlan>,
}

impl ActionPlan {
    pub fn is_empty(&self) -> bool {
        self.programmes.is_empty()
    }

    pub fn for_programme(&self, id: &str) -> Option<&ProgrammePlan> {
        self.programmes.iter().find(|p| p.programme == id)
    }

    /// Problems (messages only; see [`ActionPlan::problems`]).
    pub fn check(&self, programmes: &[(&str, &str)]) -> Vec<String> {
        self.problems(programmes)
            .into_iter()
            .map(|(_, m)| m)
            .collect()
    }

    /// Problems, each at its field (a path inside the plan): unknown programmes, at most
    /// [`MAX_PLANS`] plans, [`MAX_PARTNERS`] partners and [`MAX_CHECKLIST`] checklist items
    /// each, and shares within 0–1. Shares that do not add up to 1 are
    /// not a problem: see [`ProgrammePlan::assignment`]. `programmes` are the scenario's
    /// (id, name) pairs: messages name a programme by its name, never its id (issue 10).
    pub fn problems(&self, programmes: &[(&str, &str)]) -> Vec<(FieldPath, String)> {
        let root = FieldPath::root().field("programmes");
        let mut out = Vec::new();
        if self.programmes.len() > MAX_PLANS {
            out.push((
                root.clone(),
                format!(
                    "action plan has {} programme plans, at most {MAX_PLANS}",
                    self.programmes.len()
                ),
            ));
        }
        for (i, p) in self.programmes.iter().enumerate().take(MAX_PLANS) {
            let here = root.index(i);
            let Some(&(_, name)) = programmes.iter().find(|(id, _)| *id == p.programme) else {
                out.push((
                    here.field("programme"),
                    format!(
                        "action plan names programme '{}', which the scenario does not have",
                        p.programme
                    ),
                ));
                continue;
            };
            if p.checklist.len() > MAX_CHECKLIST {
                out.push((
                    here.field("checklist"),
                    format!(
                        "action plan for {name}: {} checklist items, at most {MAX_CHECKLIST}",
                        p.checklist.len()
                    ),
                ));
            }
            if p.partners.len() > MAX_PARTNERS {
                out.push((
                    here.field("partners"),
                    format!(
                        "action plan for {name}: {} partners, at most {MAX_PARTNERS}",
                        p.partners.len()
                    ),
                ));
                continue;
            }
            for (j, partner) in p.partners.iter().enumerate() {
                if !(partner.share.is_finite() && (0.0..=1.0).contains(&partner.share)) {
                    out.push((
                        here.field("partners").index(j).field("share"),
                        format!(
                            "action plan for {name}: partner '{}' has share {:?}, out of range: shares are between 0 and 1",
                            partner.name, partner.share
                        ),
                    ));
                }
            }
        }
        out
    }
}

/// Programme plans in an action plan at most.
pub const MAX_PLANS: usize = 50;
/// Partners of one programme at most.
pub const MAX_PARTNERS: usize = 50;
/// Checklist items of one programme at most.
pub const MAX_CHECKLIST: usize = 50;

/// A partner's part of the milestones and of the delivery countdown.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerContribution {
    pub programme: String,
    /// The partner's name, or [`UNASSIGNED`] for the share no partner has taken on.
    pub partner: String,
    pub locality: String,
    pub lead: String,
    /// The share as credited ([`ProgrammePlan::assignment`]).
    pub share: f64,
    /// (milestone label, years of gap — or of life expectancy — credited to this partner), in
    /// the milestone's measure (a share for a relative gap target).
    pub milestones: Vec<(String, f64)>,
    /// (milestone label, years of life expectancy credited to this partner): the same credit
    /// in years whatever the milestone's measure, for "3 days of life expectancy".
    pub milestone_years: Vec<(String, f64)>,
    /// Per milestone: (milestone label, quarter, planned cumulative people, required).
    pub quarters: Vec<(String, String, f64, Option<f64>)>,
    /// Extra people this partner reaches at full delivery (its share of the programme's).
    pub people: f64,
    /// Deaths postponed a year over the headline period (its share of the programme's).
    pub deaths_per_year: f64,
}

/// The name the share no partner has taken on goes by.
pub const UNASSIGNED: &str = "Unassigned";

/// Split each programme's credited gains, people, deaths and quarterly delivery among its
/// partners at their credited shares; a share no partner has taken on is listed as
/// [`UNASSIGNED`] so the parts always add up to the programme's whole.
pub fn contributions(plan: &ActionPlan, r: &ScenarioResults) -> Vec<PartnerContribution> {
    let mut out = Vec::new();
    for p in &plan.programmes {
        let a = p.assignment();
        let summary = r.programmes.iter().find(|s| s.id == p.programme);
        let mut rows: Vec<(String, String, String, f64)> = p
            .partners
            .iter()
            .zip(&a.shares)
            .map(|(x, s)| (x.name.clone(), x.locality.clone(), x.lead.clone(), *s))
            .collect();
        if a.unassigned > 0.0 && !p.partners.is_empty() {
            rows.push((
                UNASSIGNED.into(),
                String::new(),
                String::new(),
                a.unassigned,
            ));
        }
        for (name, locality, lead, share) in rows {
            let milestones = r
                .milestones
                .iter()
                .map(|m| {
                    let g = m
                        .contributions
                        .iter()
                        .find(|c| c.programme == p.programme)
                        .map_or(0.0, |c| c.measure_gain);
                    (m.result.label.clone(), g * share)
                })
                .collect();
            let milestone_years = r
                .milestones
                .iter()
                .map(|m| {
                    let g = m
                        .contributions
                        .iter()
                        .find(|c| c.programme == p.programme)
                        .map_or(0.0, |c| c.gain);
                    (m.result.label.clone(), g * share)
                })
                .collect();
            let quarters = r
                .milestones
                .iter()
                .flat_map(|m| {
                    m.delivery
                        .iter()
                        .filter(|q| q.programme == p.programme)
                        .map(|q| {
                            (
                                m.result.label.clone(),
                                q.quarter.clone(),
                                q.planned_cumulative * share,
                                q.required_cumulative.map(|x| x * share),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            out.push(PartnerContribution {
                programme: p.programme.clone(),
                partner: name,
                locality,
                lead,
                share,
                milestones,
                milestone_years,
                quarters,
                people: summary.map_or(0.0, |s| s.extra_people * share),
                deaths_per_year: summary.map_or(0.0, |s| s.deaths_per_year * share),
            });
        }
    }
    out
}

/// Partner templates a workshop picks from when adding a partner: the bodies that delivered
/// the 2010 programmes in a spearhead area (Health Inequalities National Support Team's
/// "who delivers" list).
pub const PARTNER_TEMPLATES: [&str; 5] = [
    "Primary care trust (PCT)",
    "Practice-based commissioning hub",
    "Council",
    "Acute trust",
    "Voluntary sector",
];

/// One programme's planned delivery by quarter, split among its partners: the workshop's
/// per-partner quarterly milestones.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerSchedule {
    /// Quarters ("2009 Q2") and their end dates, in order.
    pub quarters: Vec<(String, super::scenario::Date)>,
    /// Each partner ("name (locality)", then [`UNASSIGNED`] if any) with its cumulative
    /// people by the end of each quarter.
    pub partners: Vec<(String, Vec<f64>)>,
}

/// The planned path runs to the last milestone's due date (a milestone's delivery rows stop at
/// its own), split at the credited shares ([`ProgrammePlan::assignment`]). `None` when the
/// programme has no partners or no delivery rows.
pub fn partner_schedule(plan: &ProgrammePlan, r: &ScenarioResults) -> Option<PartnerSchedule> {
    if plan.partners.is_empty() {
        return None;
    }
    let rows = r
        .milestones
        .iter()
        .map(|m| {
            m.delivery
                .iter()
                .filter(|q| q.programme == plan.programme)
                .collect::<Vec<_>>()
        })
        .max_by_key(|v| v.len())
        .filter(|v| !v.is_empty())?;
    let a = plan.assignment();
    let mut partners: Vec<(String, f64)> = plan
        .partners
        .iter()
        .zip(&a.shares)
        .map(|(p, s)| {
            let name = if p.locality.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.locality)
            };
            (name, *s)
        })
        .collect();
    if a.unassigned > 0.0 {
        partners.push((UNASSIGNED.into(), a.unassigned));
    }
    Some(PartnerSchedule {
        quarters: rows
            .iter()
            .map(|q| (q.quarter.clone(), q.quarter_end))
            .collect(),
        partners: partners
            .into_iter()
            .map(|(n, s)| (n, rows.iter().map(|q| q.planned_cumulative * s).collect()))
            .collect(),
    })
}
