//! Practice-level scale: how each general practice does on a register indicator (e.g. people
//! on the hypertension register whose blood pressure is controlled), funnel-plot limits,
//! ranking, and what raising the low practices would add to a programme.
//!
//! **Indicator.** A practice's rate is achieving ÷ register: the share of everyone on the
//! register who is treated to target, exceptions included in the denominator, because a
//! programme's population coverage is what reaches life expectancy (QOF's own achievement
//! leaves exceptions out of the denominator; both are reported).
//!
//! **Funnel plot** (Spiegelhalter, *Funnel plots for comparing institutional performance*,
//! Stat Med 2005;24:1185–1202; the APHO/PHE funnel plot tools): the target is the pooled rate
//! p₀ = Σ achieving ÷ Σ register; the limits at a register size n are the exact binomial
//! quantiles of Binomial(n, p₀) at 2.5/97.5% (≈ 2 SD) and 0.1/99.9% (≈ 3 SD), made continuous
//! by Spiegelhalter's interpolation (appendix A.1.1): with r the smallest count whose
//! P(X ≤ r) ≥ q, α = (P(X ≤ r) − q) ÷ (P(X ≤ r) − P(X ≤ r − 1)) and the limit (r − α) ÷ n.
//! The normal approximation p₀ ± z·√(p₀(1 − p₀)/n), held to 0–1, is given too: it is what
//! PHEindicatormethods' `calculate_funnel_limits` draws for proportions. A practice's band
//! (within, above or below the limits) is judged on the exact limits.
//!
//! **Percentiles** of the practices' rates are R's type 7 (linear between order statistics).
//!
//! **Scenarios** (each practice's extra people achieving):
//! * *raise to percentile p*: every practice below the p-th percentile rate is raised to it;
//! * *best quartile*: every practice below the pooled rate of the top quarter of practices
//!   (by rate; the practices at or above the 75th percentile) is raised to it;
//! * *cut exceptions to a rate e*: a practice excepting more than e of its register excepts
//!   e, and the people no longer excepted achieve at the practice's own rate among those not
//!   excepted (achieving ÷ (register − exceptions)).
//!
//! Deaths postponed follow the programme's deaths per extra person *at the margin* of the
//! plan and of business as usual ([`super::marginal::deaths_per_extra_person`]: the plan's
//! average is zero once business as usual overtakes it, yet extra people still postpone
//! deaths), so a practice's share of the deaths is its share of the extra people.

use super::normal::Z95;
use serde::Serialize;
use statrs::distribution::{Binomial, DiscreteCDF};

/// qnorm(0.999): the 99.8% two-sided z.
pub const Z998: f64 = 3.090_232_306_167_813;

/// One practice as read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Practice {
    pub code: String,
    pub name: String,
    pub hub: String,
    pub list_size: f64,
    pub register: f64,
    pub achieving: f64,
    pub exceptions: f64,
}

impl Practice {
    /// achieving ÷ register (0 for an empty register).
    pub fn rate(&self) -> f64 {
        if self.register > 0.0 {
            self.achieving / self.register
        } else {
            0.0
        }
    }

    /// QOF-style achievement: achieving ÷ (register − exceptions).
    pub fn qof_achievement(&self) -> Option<f64> {
        let d = self.register - self.exceptions;
        (d > 0.0).then(|| self.achieving / d)
    }
}

/// Spiegelhalter's continuous exact binomial quantile q of a proportion with denominator n.
pub fn binomial_limit(p0: f64, n: u64, q: f64) -> f64 {
    if n == 0 {
        return p0;
    }
    let Ok(b) = Binomial::new(p0.clamp(0.0, 1.0), n) else {
        return f64::NAN;
    };
    // Smallest r with P(X ≤ r) ≥ q, by bisection on r.
    let (mut lo, mut hi) = (0u64, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if b.cdf(mid) >= q {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let r = lo;
    let at = b.cdf(r);
    let below = if r == 0 { 0.0 } else { b.cdf(r - 1) };
    let alpha = if at > below {
        (at - q) / (at - below)
    } else {
        0.0
    };
    ((r as f64 - alpha) / n as f64).clamp(0.0, 1.0)
}

/// Funnel limits at one register size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Limits {
    pub lower_998: f64,
    pub lower_95: f64,
    pub upper_95: f64,
    pub upper_998: f64,
}

/// Exact binomial funnel limits (95% and 99.8%) at register size `n` around `p0`.
pub fn funnel(p0: f64, n: f64) -> Limits {
    let n = n.round().max(0.0) as u64;
    Limits {
        lower_998: binomial_limit(p0, n, 0.001),
        lower_95: binomial_limit(p0, n, 0.025),
        upper_95: binomial_limit(p0, n, 0.975),
        upper_998: binomial_limit(p0, n, 0.999),
    }
}

/// Normal-approximation limits p₀ ± z·√(p₀(1 − p₀)/n), held to 0–1: how
/// PHEindicatormethods' `calculate_funnel_limits` draws funnels for proportions (checked
/// against its test vector, `tests/data/reference/phe_funnel_prop_limits.csv`).
pub fn funnel_normal(p0: f64, n: f64, z: f64) -> (f64, f64) {
    if n.is_nan() || n <= 0.0 {
        return (0.0, 1.0);
    }
    let se = (p0 * (1.0 - p0) / n).sqrt();
    ((p0 - z * se).clamp(0.0, 1.0), (p0 + z * se).clamp(0.0, 1.0))
}

/// Where a practice falls on the funnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FunnelBand {
    Below998,
    Below95,
    Within,
    Above95,
    Above998,
}

impl FunnelBand {
    pub fn label(self) -> &'static str {
        match self {
            FunnelBand::Below998 => "below 99.8%",
            FunnelBand::Below95 => "below 95%",
            FunnelBand::Within => "within",
            FunnelBand::Above95 => "above 95%",
            FunnelBand::Above998 => "above 99.8%",
        }
    }
}

/// R's type-7 percentile (`p` in 0–1) of `values`.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    let mut v: Vec<f64> = values.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    let h = (v.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let (i, frac) = (h.floor() as usize, h - h.floor());
    match v.get(i + 1) {
        Some(next) => v[i] + frac * (next - v[i]),
        None => v[i],
    }
}

/// A scenario for the practices.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Raise {
    /// Raise every practice below the p-th percentile (0–1) to it.
    Percentile(f64),
    /// Raise every practice below the top quartile's pooled rate to it.
    BestQuartile,
    /// Cut every practice's exception rate to at most this share of its register.
    Exceptions(f64),
}

/// One practice's line of the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PracticeRow {
    pub practice: Practice,
    pub rate: f64,
    /// 1 = highest rate.
    pub rank: usize,
    pub limits: Limits,
    /// The normal-approximation limits (PHE's funnels): 95% and 99.8%, (lower, upper).
    pub normal_95: (f64, f64),
    pub normal_998: (f64, f64),
    pub band: FunnelBand,
    /// The rate the scenario brings the practice to.
    pub target_rate: f64,
    pub extra_people: f64,
    pub deaths_postponed: f64,
}

/// A hub's (locality's) totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HubRow {
    pub hub: String,
    pub practices: usize,
    pub register: f64,
    pub achieving: f64,
    pub extra_people: f64,
    pub deaths_postponed: f64,
}

/// The whole analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PracticeAnalysis {
    pub raise: Raise,
    /// The pooled rate (funnel target).
    pub p0: f64,
    /// The rate the scenario raises practices to (`None` for exceptions).
    pub threshold: Option<f64>,
    pub rows: Vec<PracticeRow>,
    pub hubs: Vec<HubRow>,
    pub extra_people: f64,
    pub deaths_postponed: f64,
    /// Extra people ÷ the registers' total: the rise in the registers' coverage.
    pub extra_coverage_of_register: f64,
}

/// Analyse `practices` under `raise`, with `deaths_per_person` deaths postponed a year per
/// extra person achieving.
pub fn analyse(practices: &[Practice], raise: Raise, deaths_per_person: f64) -> PracticeAnalysis {
    let total_reg: f64 = practices.iter().map(|p| p.register).sum();
    let total_ach: f64 = practices.iter().map(|p| p.achieving).sum();
    let p0 = if total_reg > 0.0 {
        total_ach / total_reg
    } else {
        0.0
    };
    let rates: Vec<f64> = practices.iter().map(Practice::rate).collect();
    let threshold = match raise {
        Raise::Percentile(p) => Some(percentile(&rates, p)),
        Raise::BestQuartile => {
            let cut = percentile(&rates, 0.75);
            let (a, r) = practices
                .iter()
                .filter(|p| p.rate() >= cut)
                .fold((0.0, 0.0), |(a, r), p| (a + p.achieving, r + p.register));
            Some(if r > 0.0 { a / r } else { cut })
        }
        Raise::Exceptions(_) => None,
    };
    let mut order: Vec<usize> = (0..practices.len()).collect();
    order.sort_by(|&a, &b| rates[b].total_cmp(&rates[a]));
    let mut rank = vec![0; practices.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r + 1;
    }
    let rows: Vec<PracticeRow> = practices
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let rate = rates[i];
            let limits = funnel(p0, p.register);
            let band = if rate < limits.lower_998 {
                FunnelBand::Below998
            } else if rate < limits.lower_95 {
                FunnelBand::Below95
            } else if rate > limits.upper_998 {
                FunnelBand::Above998
            } else if rate > limits.upper_95 {
                FunnelBand::Above95
            } else {
                FunnelBand::Within
            };
            let (target_rate, extra) = match (raise, threshold) {
                (Raise::Exceptions(e), _) => {
                    let removed = (p.exceptions - e * p.register).max(0.0);
                    let extra = removed * p.qof_achievement().unwrap_or(0.0);
                    let t = if p.register > 0.0 {
                        (p.achieving + extra) / p.register
                    } else {
                        rate
                    };
                    (t, extra)
                }
                (_, Some(t)) if rate < t => (t, (t - rate) * p.register),
                _ => (rate, 0.0),
            };
            PracticeRow {
                practice: p.clone(),
                rate,
                rank: rank[i],
                limits,
                normal_95: funnel_normal(p0, p.register, Z95),
                normal_998: funnel_normal(p0, p.register, Z998),
                band,
                target_rate,
                extra_people: extra,
                deaths_postponed: extra * deaths_per_person,
            }
        })
        .collect();
    let mut hubs: Vec<HubRow> = Vec::new();
    for r in &rows {
        let h = match hubs.iter_mut().position(|h| h.hub == r.practice.hub) {
            Some(i) => &mut hubs[i],
            None => {
                hubs.push(HubRow {
                    hub: r.practice.hub.clone(),
                    practices: 0,
                    register: 0.0,
                    achieving: 0.0,
                    extra_people: 0.0,
                    deaths_postponed: 0.0,
                });
                hubs.last_mut().expect("just pushed")
            }
        };
        h.practices += 1;
        h.register += r.practice.register;
        h.achieving += r.practice.achieving;
        h.extra_people += r.extra_people;
        h.deaths_postponed += r.deaths_postponed;
    }
    let extra: f64 = rows.iter().map(|r| r.extra_people).sum();
    PracticeAnalysis {
        raise,
        p0,
        threshold,
        extra_people: extra,
        deaths_postponed: extra * deaths_per_person,
        extra_coverage_of_register: if total_reg > 0.0 {
            extra / total_reg
        } else {
            0.0
        },
        rows,
        hubs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(code: &str, hub: &str, register: f64, achieving: f64, exceptions: f64) -> Practice {
        Practice {
            code: code.into(),
            name: code.into(),
            hub: hub.into(),
            list_size: register * 10.0,
            register,
            achieving,
            exceptions,
        }
    }

    /// R: quantile(c(0.5, 0.6, 0.7, 0.8), 0.75) = 0.725 (type 7).
    #[test]
    fn type_7_percentile() {
        assert!((percentile(&[0.8, 0.5, 0.7, 0.6], 0.75) - 0.725).abs() < 1e-12);
        assert!((percentile(&[0.8, 0.5, 0.7, 0.6], 0.5) - 0.65).abs() < 1e-12);
        assert_eq!(percentile(&[0.3], 0.9), 0.3);
    }

    /// Binomial(10, 0.5) by hand: P(X ≤ 7) = 968/1024 = 0.9453, P(X ≤ 8) = 1013/1024 =
    /// 0.98926; the 97.5% point is r = 8 with α = (0.98926 − 0.975)/(0.98926 − 0.94531) =
    /// 0.32444…, limit (8 − 0.32444)/10 = 0.767556. The interpolation spreads the mass of r
    /// over (r − 1, r], so the lower point is not the mirror image of the upper one.
    #[test]
    fn spiegelhalter_binomial_limit_by_hand() {
        let at8 = 1013.0 / 1024.0;
        let at7 = 968.0 / 1024.0;
        let want = (8.0 - (at8 - 0.975) / (at8 - at7)) / 10.0;
        assert!((binomial_limit(0.5, 10, 0.975) - want).abs() < 1e-9);
        assert!((want - 0.767_555_6).abs() < 1e-6);
        // P(X ≤ 1) = 11/1024, P(X ≤ 2) = 56/1024: r = 2, α = (56/1024 − 0.025)/(45/1024)
        // = 0.675556 → (2 − α)/10 = 0.132444…
        let lo = binomial_limit(0.5, 10, 0.025);
        let alpha = (56.0 / 1024.0 - 0.025) / (45.0 / 1024.0);
        assert!((lo - (2.0 - alpha) / 10.0).abs() < 1e-9, "{lo}");
        assert!((lo - 0.132_444_4).abs() < 1e-6, "{lo}");
        // Large n: close to the normal approximation.
        let l = funnel(0.7, 10_000.0);
        let (nl, nu) = funnel_normal(0.7, 10_000.0, 1.959_964);
        assert!((l.lower_95 - nl).abs() < 2e-4 && (l.upper_95 - nu).abs() < 2e-4);
    }

    /// Four practices with rates 0.5, 0.6, 0.7, 0.8 on registers of 100: the 75th percentile
    /// is 0.725, so A gains 22.5, B 12.5, C 2.5 = 37.5 people; at 0.02 deaths a person, 0.75.
    /// The best quartile (rate ≥ 0.725: D alone) is 0.8: 30 + 20 + 10 = 60 people.
    #[test]
    fn raising_by_hand() {
        let ps = vec![
            p("A", "North", 100.0, 50.0, 10.0),
            p("B", "North", 100.0, 60.0, 0.0),
            p("C", "South", 100.0, 70.0, 20.0),
            p("D", "South", 100.0, 80.0, 5.0),
        ];
        let a = analyse(&ps, Raise::Percentile(0.75), 0.02);
        assert!((a.threshold.unwrap() - 0.725).abs() < 1e-12);
        let extra: Vec<f64> = a.rows.iter().map(|r| r.extra_people).collect();
        for (got, want) in extra.iter().zip([22.5, 12.5, 2.5, 0.0]) {
            assert!((got - want).abs() < 1e-9, "{extra:?}");
        }
        assert!((a.extra_people - 37.5).abs() < 1e-9);
        assert!((a.deaths_postponed - 0.75).abs() < 1e-12);
        assert!((a.hubs[0].extra_people - 35.0).abs() < 1e-9);
        assert_eq!(a.rows[3].rank, 1);
        assert_eq!(a.rows[0].rank, 4);
        assert!((a.p0 - 0.65).abs() < 1e-12);
        let b = analyse(&ps, Raise::BestQuartile, 0.02);
        assert!((b.threshold.unwrap() - 0.8).abs() < 1e-12);
        assert!((b.extra_people - 60.0).abs() < 1e-9);
        // Exceptions cut to 5%: A removes 5 and achieves 50/90 of them (2.777…); C removes 15
        // at 70/80 (13.125); B and D are at or under 5%.
        let c = analyse(&ps, Raise::Exceptions(0.05), 0.02);
        assert!((c.rows[0].extra_people - 5.0 * 50.0 / 90.0).abs() < 1e-9);
        assert!((c.rows[2].extra_people - 15.0 * 70.0 / 80.0).abs() < 1e-9);
        assert_eq!(c.rows[1].extra_people, 0.0);
        assert_eq!(c.rows[3].extra_people, 0.0);
    }
}
