//! `run-all`: one template scenario applied to every area of a multi-area file against the
//! comparator, through [`evaluate`] (the call every face makes), in parallel (rayon).
//!
//! A scenario holds facts about its own area that a multi-area file cannot supply for the
//! others: the area's earlier life expectancy (`history`), which a `FromHistory` trend is
//! fitted to and a gap-reduction milestone may take its baseline from. For every area other
//! than the template's own, therefore:
//!
//! * the history is left out;
//! * a `FromHistory` trend becomes the template area's fitted yearly change (local and
//!   comparator, per sex) applied as an `Annual` trend — every area is assumed to improve at
//!   the template area's rate, which the league table says;
//! * a gap-reduction milestone whose baseline is a history period cannot be judged (the area's
//!   gap then is unknown) and is reported "not assessed"; milestones measured against the base
//!   period, a maximum gap or a minimum life expectancy are judged as they stand;
//! * programmes keep the template's coverage, scale and costs.
//!
//! The template's own area is evaluated unchanged, so its row is what `lifegap run` prints.

use crate::evaluate::{EvalOptions, evaluate};
use crate::model::area::{AreaData, Sex};
use crate::model::scenario::{BySex, Date, Scenario, Target, Trend};
use rayon::prelude::*;
use serde::Serialize;

/// One sex's figures for an area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SexRow {
    pub sex: Sex,
    pub e0_local: f64,
    pub e0_comparator: f64,
    /// e₀(comparator) − e₀(local) in the base period.
    pub gap: f64,
    /// The programmes' combined gain in the headline period, in years.
    pub gain: f64,
    /// Sum of the programmes' shares of the shortfall (None when nothing falls short).
    pub share_of_shortfall: Option<f64>,
}

/// One milestone's verdict for an area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneCell {
    pub label: String,
    /// "on track", "at risk", "off track", or "not assessed".
    pub status: String,
    /// Chance of meeting it (Monte Carlo), when draws were made.
    pub probability: Option<f64>,
}

/// Everything the league table shows for one area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaRow {
    pub area: String,
    pub sexes: Vec<SexRow>,
    /// In the template's milestone order.
    pub milestones: Vec<MilestoneCell>,
    /// The programmes' cost a year (both sexes).
    pub cost_per_year: f64,
    /// The template adapted for this area (history left out, trend carried over).
    pub adapted: bool,
}

/// An area's row, or why it has none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub area: String,
    pub row: Result<AreaRow, String>,
}

/// The league table: areas ranked by the men's gap, widest first (then the women's).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct League {
    pub template: String,
    pub comparator: String,
    pub milestone_labels: Vec<String>,
    pub outcomes: Vec<Outcome>,
    /// What was assumed for areas other than the template's (printed with the table).
    pub notes: Vec<String>,
}

/// The template's fitted yearly change for a `FromHistory` trend, as an `Annual` trend; the
/// trend itself otherwise.
fn carried_trend(template: &Scenario, data: &AreaData) -> Result<Trend, String> {
    if template.trend != Trend::FromHistory {
        return Ok(template.trend.clone());
    }
    let ev = evaluate(template, data, &EvalOptions::central(Date { year: 2000, month: 1, day: 1 }))
        .map_err(|e| {
            format!(
                "the template's trend is FromHistory, fitted to {}'s history and base period, and the file cannot give them ({e}): include {} in the file, or give the template an Annual trend",
                template.area, template.area
            )
        })?;
    let mut local = BySex {
        male: 0.0,
        female: 0.0,
    };
    let mut comparator = local;
    for s in &ev.results.projection.sexes {
        let sl = crate::model::trend::slopes(
            &template.trend,
            &template.history,
            template.base_period,
            s.sex,
            s.base_e0_local,
            s.base_e0_comparator,
        )?;
        match s.sex {
            Sex::Male => (local.male, comparator.male) = (sl.local, sl.comparator),
            Sex::Female => (local.female, comparator.female) = (sl.local, sl.comparator),
        }
    }
    Ok(Trend::Annual { local, comparator })
}

/// The template for `area`, and the labels of milestones that cannot be judged there.
pub fn adapt(template: &Scenario, trend: &Trend, area: &str) -> (Scenario, Vec<String>) {
    let mut s = template.clone();
    if area.eq_ignore_ascii_case(&template.area) {
        return (s, Vec::new());
    }
    s.area = area.to_string();
    s.history.clear();
    s.trend = trend.clone();
    let (kept, dropped): (Vec<_>, Vec<_>) =
        s.milestones.into_iter().partition(|m| match m.target {
            Target::GapReduction { baseline, .. } => baseline == template.base_period,
            _ => true,
        });
    s.milestones = kept;
    (s, dropped.iter().map(|m| m.label()).collect())
}

fn row(
    template: &Scenario,
    trend: &Trend,
    data: &AreaData,
    area: &str,
    opts: &EvalOptions<'_>,
) -> Result<AreaRow, String> {
    let (s, not_assessed) = adapt(template, trend, area);
    let ev = evaluate(&s, data, opts).map_err(|e| e.to_string())?;
    let r = &ev.results;
    let sexes = r
        .projection
        .sexes
        .iter()
        .map(|x| {
            let k = x.sex.index();
            let enabled = r.programmes.iter().filter(|p| p.enabled);
            let shares: Vec<f64> = enabled
                .clone()
                .filter_map(|p| p.share_of_shortfall[k])
                .collect();
            SexRow {
                sex: x.sex,
                e0_local: x.base_e0_local,
                e0_comparator: x.base_e0_comparator,
                gap: x.base_gap,
                gain: enabled.map(|p| p.gain[k]).sum(),
                share_of_shortfall: (!shares.is_empty()).then(|| shares.iter().sum()),
            }
        })
        .collect();
    let milestones = template
        .milestones
        .iter()
        .map(|m| {
            let label = m.label();
            if not_assessed.contains(&label) {
                return MilestoneCell {
                    label,
                    status: "not assessed".into(),
                    probability: None,
                };
            }
            let found = r.milestones.iter().find(|x| x.result.label == label);
            MilestoneCell {
                status: found
                    .map_or("not assessed", |x| x.result.status.label())
                    .into(),
                probability: r
                    .uncertainty
                    .as_ref()
                    .and_then(|u| u.milestones.iter().find(|u| u.label == label))
                    .map(|u| u.probability_met),
                label,
            }
        })
        .collect();
    Ok(AreaRow {
        area: area.to_string(),
        sexes,
        milestones,
        cost_per_year: r.programme_totals().cost_per_year,
        adapted: !area.eq_ignore_ascii_case(&template.area),
    })
}

/// The template's comparator must be in the file: every gap is measured against it.
fn check_comparator(template: &Scenario, data: &AreaData) -> Result<(), String> {
    if data
        .groups
        .iter()
        .any(|g| g.area.eq_ignore_ascii_case(&template.comparator))
    {
        return Ok(());
    }
    Err(format!(
        "the template's comparator '{}' is not in {} (areas: {})",
        template.comparator,
        data.provenance.source,
        data.areas().join(", ")
    ))
}

/// The scenario `run_all` evaluates for `area` (the template adapted as the module says), and
/// the labels of milestones it cannot judge there. The app opens an area of a league table
/// with this, so the area's screens show the figures of its row.
pub fn scenario_for(
    template: &Scenario,
    data: &AreaData,
    area: &str,
) -> Result<(Scenario, Vec<String>), String> {
    check_comparator(template, data)?;
    let trend = carried_trend(template, data)?;
    Ok(adapt(template, &trend, area))
}

/// Evaluate the template on every area of `data` but the comparator, in parallel, and rank.
/// `Err` only when the template cannot be carried over at all (its own area fails to fit a
/// `FromHistory` trend); an area that cannot be evaluated gets its reason in its row.
pub fn run_all(
    template: &Scenario,
    data: &AreaData,
    as_of: Date,
    draws: Option<u32>,
) -> Result<League, String> {
    check_comparator(template, data)?;
    let trend = carried_trend(template, data)?;
    let opts = EvalOptions::with_draws(as_of, draws);
    let areas: Vec<String> = data
        .areas()
        .into_iter()
        .filter(|a| !a.eq_ignore_ascii_case(&template.comparator))
        .collect();
    let mut outcomes: Vec<Outcome> = areas
        .par_iter()
        .map(|a| Outcome {
            area: a.clone(),
            row: row(template, &trend, data, a, &opts),
        })
        .collect();
    let key = |o: &Outcome, sex: Sex| {
        o.row
            .as_ref()
            .ok()
            .and_then(|r| r.sexes.iter().find(|x| x.sex == sex))
            .map_or(f64::NEG_INFINITY, |x| x.gap)
    };
    outcomes.sort_by(|a, b| {
        key(b, Sex::Male)
            .total_cmp(&key(a, Sex::Male))
            .then(key(b, Sex::Female).total_cmp(&key(a, Sex::Female)))
            .then(a.area.cmp(&b.area))
    });
    let mut notes = vec![format!(
        "Template: {} (area {}), applied to every area against {}; programmes at the template's coverage and cost.",
        template.name, template.area, template.comparator
    )];
    if template.trend == Trend::FromHistory
        && let Trend::Annual { local, comparator } = &trend
    {
        notes.push(format!(
                "Other areas have no history in the file: each is assumed to improve at {}'s fitted rate (men {:.3}, women {:.3} years a year; {} men {:.3}, women {:.3}).",
                template.area, local.male, local.female, template.comparator, comparator.male, comparator.female
            ));
    }
    if template.milestones.iter().any(|m| matches!(m.target, Target::GapReduction { baseline, .. } if baseline != template.base_period)) {
        notes.push("Gap-reduction milestones with a baseline before the base period are not assessed for other areas: their baseline gap is not in the file.".into());
    }
    Ok(League {
        template: template.name.clone(),
        comparator: template.comparator.clone(),
        milestone_labels: template.milestones.iter().map(|m| m.label()).collect(),
        outcomes,
        notes,
    })
}
