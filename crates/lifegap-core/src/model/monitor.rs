//! Delivery monitoring: people reached each quarter (the actuals) against the plan, by
//! programme and partner, with variance, a red/amber/green judgement and two re-forecasts.
//!
//! **The plan** is the scenario's quarterly delivery countdown ([`super::delivery`]): for each
//! enabled programme the cumulative people above baseline by each quarter's end, and for each
//! partner of its action plan that times the partner's share. Actuals are the people reached
//! *in* each quarter (increments); their running total is compared with the plan's.
//!
//! **To date** is the latest quarter any actual names: a partner with no row for a quarter
//! reached no one in it.
//!
//! **Red/amber/green** (a local convention, stated with every result): green when the actual
//! to date is at least `green` (default 95%) of the plan to date, amber at least `amber`
//! (default 85%), red below; no plan to date yet is green.
//!
//! **Re-forecasts** at the plan's last quarter: *actual to date plus plan thereafter*
//! (A + P_end − P_now), and *if delivery continues at the actual rate*
//! (A + A/q_elapsed × q_remaining, q counted from the programme's first planned quarter). For
//! a stock programme (people kept on treatment) the plan levels off at the target coverage,
//! so the second is held to the plan's end: delivering faster reaches the target sooner, not
//! a coverage above it. A flow programme's is not held.
//!
//! Programmes with no actuals at all are left out of the table (named by the caller), not
//! judged red: nothing has been reported, which is not the same as nothing delivered.

use super::delivery::QuarterRow;
use serde::Serialize;
use std::fmt;

/// A calendar quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Quarter {
    pub year: i32,
    pub q: u8,
}

impl Quarter {
    /// Quarters since year 0: consecutive quarters differ by 1.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 4 + i64::from(self.q) - 1
    }

    /// "2009 Q2", "2009-Q2", "2009Q2" or "2009/Q2" (any case).
    pub fn parse(t: &str) -> Result<Quarter, String> {
        let bad = || format!("quarter '{t}' should look like 2009 Q2 (years 1900–2100, Q1–Q4)");
        let u = t.trim().to_uppercase();
        let (y, q) = u.split_once('Q').ok_or_else(bad)?;
        let y = y.trim().trim_end_matches(['-', '/', ' ']).trim();
        let year: i32 = y.parse().map_err(|_| bad())?;
        let q: u8 = q.trim().parse().map_err(|_| bad())?;
        if !(1..=4).contains(&q) || !(1900..=2100).contains(&year) {
            return Err(bad());
        }
        Ok(Quarter { year, q })
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} Q{}", self.year, self.q)
    }
}

/// One actual: people reached in a quarter by a partner of a programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actual {
    pub programme: String,
    /// The partner's label as in the plan (see [`partner_label`]), or "all".
    pub partner: String,
    pub quarter: Quarter,
    pub people: f64,
}

/// A partner as actuals name it: "name (locality)", or the name alone with no locality.
pub fn partner_label(name: &str, locality: &str) -> String {
    if locality.trim().is_empty() {
        name.trim().to_string()
    } else {
        format!("{} ({})", name.trim(), locality.trim())
    }
}

/// A programme actuals may name (what `data::actuals` checks rows against): its id, its
/// partners' labels ("name (locality)") with their bare names, and its planned quarters.
#[derive(Debug, Clone)]
pub struct Known {
    pub id: String,
    pub partners: Vec<(String, String)>,
    pub first: Quarter,
    pub last: Quarter,
}

/// Red/amber/green thresholds: shares of the plan to date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    pub green: f64,
    pub amber: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            green: 0.95,
            amber: 0.85,
        }
    }
}

/// Red, amber or green.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
    pub fn label(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
        }
    }
}

/// What a programme (or one partner's share of it) was planned to deliver by each quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanLine {
    pub programme: String,
    /// "all" for the programme as a whole.
    pub partner: String,
    /// Cumulative plan at each quarter's end, in order.
    pub quarters: Vec<(Quarter, f64)>,
    /// A stock programme: the rate re-forecast is held to the plan's end.
    pub stock: bool,
}

/// The plan lines of a programme from its delivery countdown: the whole programme and each
/// partner's share (partners: (label, share)).
pub fn plan_lines(
    rows: &[QuarterRow],
    programme: &str,
    partners: &[(String, f64)],
    stock: bool,
) -> Vec<PlanLine> {
    let quarters: Vec<(Quarter, f64)> = rows
        .iter()
        .filter(|r| r.programme == programme)
        .filter_map(|r| {
            Quarter::parse(&r.quarter)
                .ok()
                .map(|q| (q, r.planned_cumulative))
        })
        .collect();
    let mut out = vec![PlanLine {
        programme: programme.to_string(),
        partner: "all".into(),
        quarters: quarters.clone(),
        stock,
    }];
    for (label, share) in partners {
        out.push(PlanLine {
            programme: programme.to_string(),
            partner: label.clone(),
            quarters: quarters.iter().map(|(q, v)| (*q, v * share)).collect(),
            stock,
        });
    }
    out
}

/// One line of the monitoring table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonitorRow {
    pub programme: String,
    pub partner: String,
    pub to_date: Quarter,
    pub plan_to_date: f64,
    pub actual_to_date: f64,
    /// Actual − plan.
    pub variance: f64,
    /// Actual ÷ plan − 1 (`None` with no plan yet).
    pub variance_share: Option<f64>,
    pub rag: Rag,
    pub end: Quarter,
    pub plan_end: f64,
    /// Actual to date plus the plan thereafter.
    pub forecast_plan_thereafter: f64,
    /// Actual to date plus the actual rate thereafter.
    pub forecast_actual_rate: f64,
}

/// The monitoring table for the plan lines, with actuals up to `to_date`.
pub fn monitor(
    lines: &[PlanLine],
    actuals: &[Actual],
    to_date: Quarter,
    th: Thresholds,
) -> Vec<MonitorRow> {
    let mut out = Vec::new();
    for line in lines {
        let (Some(&(first, _)), Some(&(end, plan_end))) =
            (line.quarters.first(), line.quarters.last())
        else {
            continue;
        };
        let mine = |a: &&Actual| {
            a.programme == line.programme
                && a.quarter <= to_date
                && (line.partner == "all" || a.partner == line.partner)
        };
        let actual = actuals
            .iter()
            .filter(mine)
            .fold(0.0, |sum, a| sum + a.people);
        let plan_now = line
            .quarters
            .iter()
            .take_while(|(q, _)| *q <= to_date)
            .last()
            .map_or(0.0, |(_, v)| *v);
        let ratio = (plan_now > 0.0).then(|| actual / plan_now);
        let rag = match ratio {
            None => Rag::Green,
            Some(r) if r >= th.green => Rag::Green,
            Some(r) if r >= th.amber => Rag::Amber,
            Some(_) => Rag::Red,
        };
        let elapsed = (to_date.index() - first.index() + 1).max(0) as f64;
        let remaining = (end.index() - to_date.index()).max(0) as f64;
        let rate = if elapsed > 0.0 { actual / elapsed } else { 0.0 };
        out.push(MonitorRow {
            programme: line.programme.clone(),
            partner: line.partner.clone(),
            to_date,
            plan_to_date: plan_now,
            actual_to_date: actual,
            variance: actual - plan_now,
            variance_share: ratio.map(|r| r - 1.0),
            rag,
            end,
            plan_end,
            forecast_plan_thereafter: actual + (plan_end - plan_now).max(0.0),
            forecast_actual_rate: if line.stock {
                (actual + rate * remaining).min(plan_end.max(actual))
            } else {
                actual + rate * remaining
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(year: i32, q: u8) -> Quarter {
        Quarter { year, q }
    }

    #[test]
    fn quarters_parse() {
        assert_eq!(Quarter::parse("2009 Q2"), Ok(q(2009, 2)));
        assert_eq!(Quarter::parse("2009-q4"), Ok(q(2009, 4)));
        assert_eq!(Quarter::parse("2010Q1"), Ok(q(2010, 1)));
        assert!(Quarter::parse("2009 Q5").is_err());
        assert!(Quarter::parse("Q2").is_err());
        assert!(Quarter::parse("99999999999 Q1").is_err());
        assert_eq!(q(2010, 1).index() - q(2009, 4).index(), 1);
    }

    /// By hand: a plan of 25 people a quarter for 12 quarters from 2009 Q1 (300 by 2011 Q4),
    /// a partner with 40% of it. Actuals to 2009 Q2: the partner 8 + 8, another 12 + 12:
    /// programme 40 against 50 (−10, −20%: red, under 85%); the partner 16 against 20
    /// (80%: red); the other partner… is not in the plan lines here. Re-forecasts of the
    /// programme at 2011 Q4: 40 + (300 − 50) = 290; at the actual rate 40/2 = 20 a quarter for
    /// 10 more quarters: 240. The partner: 16 + (120 − 20) = 116 and 16 + 8·10 = 96.
    #[test]
    fn monitor_by_hand() {
        let quarters: Vec<(Quarter, f64)> = (0..12)
            .map(|i| (q(2009 + i / 4, (i % 4) as u8 + 1), 25.0 * f64::from(i + 1)))
            .collect();
        let lines = vec![
            PlanLine {
                programme: "p".into(),
                partner: "all".into(),
                quarters: quarters.clone(),
                stock: false,
            },
            PlanLine {
                programme: "p".into(),
                partner: "Hub (North)".into(),
                quarters: quarters.iter().map(|(q, v)| (*q, v * 0.4)).collect(),
                stock: false,
            },
        ];
        let a = |partner: &str, quarter, people| Actual {
            programme: "p".into(),
            partner: partner.into(),
            quarter,
            people,
        };
        let actuals = vec![
            a("Hub (North)", q(2009, 1), 8.0),
            a("Hub (North)", q(2009, 2), 8.0),
            a("Pharmacy", q(2009, 1), 12.0),
            a("Pharmacy", q(2009, 2), 12.0),
            // After the date monitored: not counted.
            a("Pharmacy", q(2009, 3), 500.0),
        ];
        let rows = monitor(&lines, &actuals, q(2009, 2), Thresholds::default());
        let all = &rows[0];
        assert_eq!((all.plan_to_date, all.actual_to_date), (50.0, 40.0));
        assert_eq!(all.variance, -10.0);
        assert!((all.variance_share.unwrap() + 0.2).abs() < 1e-12);
        assert_eq!(all.rag, Rag::Red);
        assert_eq!(all.plan_end, 300.0);
        assert_eq!(all.forecast_plan_thereafter, 290.0);
        assert_eq!(all.forecast_actual_rate, 240.0);
        let hub = &rows[1];
        assert_eq!((hub.plan_to_date, hub.actual_to_date), (20.0, 16.0));
        assert_eq!(hub.rag, Rag::Red);
        assert!((hub.forecast_plan_thereafter - 116.0).abs() < 1e-9);
        assert!((hub.forecast_actual_rate - 96.0).abs() < 1e-9);
        // 90% is amber, 95% green.
        let amber = monitor(
            &lines[..1],
            &[a("x", q(2009, 2), 45.0)],
            q(2009, 2),
            Thresholds::default(),
        );
        assert_eq!(amber[0].rag, Rag::Amber);
        let green = monitor(
            &lines[..1],
            &[a("x", q(2009, 2), 47.5)],
            q(2009, 2),
            Thresholds::default(),
        );
        assert_eq!(green[0].rag, Rag::Green);
        // A stock programme delivering 100 a quarter would pass its 300 by far: held at 300.
        let mut stock = lines[0].clone();
        stock.stock = true;
        let fast = monitor(
            &[stock],
            &[a("x", q(2009, 2), 200.0)],
            q(2009, 2),
            Thresholds::default(),
        );
        assert_eq!(fast[0].forecast_actual_rate, 300.0);
        assert_eq!(fast[0].forecast_plan_thereafter, 450.0);
    }
}

/// The monitoring plan of a scenario: each enabled programme's delivery countdown to the
/// latest milestone's due date, as plan lines for the programme and each of its partners,
/// and what the actuals reader needs to check rows against.
pub fn scenario_plan(
    sim: &super::projection::Simulator,
    s: &super::scenario::Scenario,
    settings: &super::projection::Settings,
) -> (Vec<PlanLine>, Vec<Known>) {
    let until = s
        .milestones
        .iter()
        .map(super::milestones::due_date)
        .max()
        .unwrap_or(super::scenario::Date {
            year: sim.horizon.last,
            month: 12,
            day: 31,
        });
    let mut lines = Vec::new();
    let mut known = Vec::new();
    for (k, p) in s.programmes.iter().enumerate() {
        let Some(Some((planned, _))) = settings.get(k) else {
            continue;
        };
        let eligible: f64 = sim.sexes.iter().map(|x| x.eligible_people[k]).sum();
        let rows =
            super::delivery::quarters(p, eligible, *planned, None, until, sim.base_period.mid());
        let partners: Vec<(String, f64, String)> = s
            .action_plan
            .for_programme(&p.id)
            .map(|plan| {
                plan.partners
                    .iter()
                    .map(|x| (partner_label(&x.name, &x.locality), x.share, x.name.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let shares: Vec<(String, f64)> = partners.iter().map(|(l, s, _)| (l.clone(), *s)).collect();
        let stock = matches!(p.reach, super::programmes::Reach::Stock);
        let mine = plan_lines(&rows, &p.id, &shares, stock);
        if let (Some(&(first, _)), Some(&(last, _))) =
            (mine[0].quarters.first(), mine[0].quarters.last())
        {
            known.push(Known {
                id: p.id.clone(),
                partners: partners.into_iter().map(|(l, _, n)| (l, n)).collect(),
                first,
                last,
            });
            lines.extend(mine);
        }
    }
    (lines, known)
}

/// A milestone if every programme delivers at its actual rate to the end of the plan: each
/// programme's coverage above baseline scaled by (forecast at the actual rate ÷ plan at the
/// end), held to its baseline–maximum range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneAtActualRate {
    pub milestone: String,
    pub sex: super::area::Sex,
    pub period: super::scenario::Period,
    /// Local e₀ with the programmes as planned, and at the actual rate.
    pub e0_planned: f64,
    pub e0_actual_rate: f64,
    /// Programme id → the coverage scale applied.
    pub scales: Vec<(String, f64)>,
}

/// Every milestone re-projected at the actual delivery rates of the programme lines (partner
/// "all") in `rows`.
pub fn milestones_at_actual_rate(
    sim: &super::projection::Simulator,
    s: &super::scenario::Scenario,
    settings: &super::projection::Settings,
    rows: &[MonitorRow],
) -> Result<Vec<MilestoneAtActualRate>, super::projection::ProjectionError> {
    let mut scaled = settings.clone();
    let mut scales = Vec::new();
    for (k, p) in s.programmes.iter().enumerate() {
        let (Some(Some((target, _))), Some(r)) = (
            scaled.get_mut(k),
            rows.iter()
                .find(|r| r.programme == p.id && r.partner == "all"),
        ) else {
            continue;
        };
        let scale = if r.plan_end > 0.0 {
            r.forecast_actual_rate / r.plan_end
        } else {
            1.0
        };
        let c = &p.coverage;
        *target = (c.baseline + (*target - c.baseline) * scale).clamp(c.baseline, c.max);
        scales.push((p.id.clone(), scale));
    }
    let mut out = Vec::new();
    for m in &s.milestones {
        let planned = sim.pooled(m.sex, m.period, s, settings)?;
        let actual = sim.pooled(m.sex, m.period, s, &scaled)?;
        out.push(MilestoneAtActualRate {
            milestone: m.label(),
            sex: m.sex,
            period: m.period,
            e0_planned: planned.e0_local_with,
            e0_actual_rate: actual.e0_local_with,
            scales: scales.clone(),
        });
    }
    Ok(out)
}
