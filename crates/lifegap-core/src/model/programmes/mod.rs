//! Programmes: turning *people reached* into *deaths postponed*.
//!
//! One data-driven abstraction serves every programme (statins, blood pressure, smoking
//! cessation, screening, …, and the user's own): the method of `methods.md`,
//!
//! deaths postponed(t, band, cause) = people effectively reached × the group's death rate from
//! the cause × relative risk reduction × lag factor,
//!
//! where people effectively reached = eligible × coverage above baseline × adherence, and the
//! group's death rate = area rate × the group's relative risk. Written as a reduction of the
//! cell's death rate, the share of a band's deaths from cause c postponed is
//!
//! rₖ(t, b, c) = eligible share(b) × Σₛ entrants(s) · lag_c(t − s + ½) × adherence × RR_c × RRR_c
//!
//! with entrants(s) the share of the eligible group starting in year s (a *stock* programme's
//! rise in coverage, or a *flow* programme's people reached that year), each cohort counted
//! from mid-year. Programmes hitting the same cell combine multiplicatively,
//! M′ = M·Π(1 − rₖ), and no reduction exceeds the deaths in the cell.
//!
//! Two IMPACT conventions (Unal et al. 2004; `docs/programme-model.md`):
//!
//! * **Business as usual.** The "without programmes" projection extends the past trend, which
//!   already contains the past growth in treatment. Each programme has a business-as-usual
//!   (BAU) coverage, the base-period coverage plus a yearly change ([`Coverage::bau_change`],
//!   with its source), and is credited only with coverage *above* BAU, so a plan that merely
//!   continues BAU growth is not counted twice. A flat BAU (the default) credits everything
//!   above the base period, as before.
//! * **Untreated rates.** The eligible group's death rate in the data is an average over
//!   people already treated (BAU coverage c × adherence a, each with the effect RRR) and
//!   people not yet treated, so the untreated have the higher rate M / (1 − c·a·RRR); newly
//!   reached people come from the untreated, and a stock programme's reduction is divided by
//!   that factor. Flow programmes reach a group defined by not yet having been helped
//!   (current smokers, people drinking at increasing risk): no factor.
//! * **Treated share by age.** Where the age profile gives each range its base-period coverage
//!   ([`AgeValue::baseline_coverage`]), the plan's change reaches the same share of the
//!   untreated in every range, and the untreated-rate factor follows each range's own share.

pub mod library;

use super::area::Sex;
use super::cause_reduction::AgeRange;
use super::evidence::{Evidence, LagProfile};
use super::scenario::{FieldPath, MAX_HORIZON_YEARS, Period, YEARS, in_range, show};
use serde::{Deserialize, Serialize};

/// How a programme's scale is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reach {
    /// Coverage is the share of the eligible group under treatment at a time (statins, blood
    /// pressure, screening uptake). The benefit follows the rise in coverage.
    Stock,
    /// Coverage is the share of the eligible group reached each year (4-week quitters, brief
    /// interventions). Each year's cohort keeps its benefit; the total reached is capped at
    /// everyone eligible.
    Flow,
}

/// Who can benefit: sexes, ages and the share of those bands' population in the group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligible {
    /// At least one.
    pub sexes: Vec<Sex>,
    /// Within [`AGES`].
    pub ages: AgeRange,
    /// Share of the population of those bands who are eligible (prevalence): 0–1.
    pub share: Evidence,
    /// Share and relative risk by age where they vary (CVD, AF and smoking prevalence vary
    /// 3–10-fold between 40 and 90+): bands inside a listed range take its values instead of
    /// the flat `share` and `relative_risk`. None: one value for every age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_age: Option<AgeProfile>,
}

/// Eligible share and the group's relative risk by age range, with their source.
/// (`Default`: no ranges and no sources, so a profile without coverage by age can leave the
/// `coverage_*` fields out with `..AgeProfile::default()`.)
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeProfile {
    /// At most [`MAX_AGE_VALUES`] ranges, none overlapping.
    pub bands: Vec<AgeValue>,
    /// Where the figures come from (e.g. QOF prevalence by age, HSE).
    pub source: String,
    /// Publication year (0 = a local assumption).
    #[serde(default)]
    pub year: u16,
    /// What the source measured and how it was carried over (shape, level, relative risk), so
    /// a reader can judge the transfer.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub measures: String,
    /// Where the ranges' base-period coverage ([`AgeValue::baseline_coverage`]) comes from,
    /// when they give one (required then).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub coverage_source: String,
    /// Its publication year (0 = a local assumption).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub coverage_year: u16,
    /// What that source measured and how it was carried over.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub coverage_measures: String,
}

fn is_zero(y: &u16) -> bool {
    *y == 0
}

/// One age range of an [`AgeProfile`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeValue {
    pub ages: AgeRange,
    /// Share of the range's population in the eligible group: 0–1.
    pub share: f64,
    /// The group's death rate from the target causes relative to the range's average (replaces
    /// the programme's `relative_risk`; an effect with its own relative risk is scaled by the
    /// same ratio): within [`RELATIVE_RISK`].
    pub relative_risk: f64,
    /// The group's relative risk for each effect in this range, in the order of `effects`,
    /// when the effects carry their own and one ratio cannot follow them: current smokers'
    /// relative risk against the range's average is RR/(1 + p(RR − 1)) at the range's
    /// prevalence p, which falls with p far more for lung cancer (RR 17) than for CHD (RR 2).
    /// Each within [`RELATIVE_RISK`] with share × RR ≤ 1. Empty: every effect scaled by
    /// `relative_risk` over the programme's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effect_risks: Vec<f64>,
    /// Share of the range's eligible group already treated in the base period (0–1), when
    /// coverage differs by age (the share of hypertensives treated rises steeply with age,
    /// HSE 2006); stock programmes only. None: the programme's `coverage.baseline`.
    ///
    /// Convention: the plan's overall change in coverage reaches the same share of the
    /// *untreated* in every range, so a range at baseline bₐ is at
    /// bₐ + (c − b̄)/(1 − b̄) × (1 − bₐ) when the programme as a whole is at c, with b̄ the
    /// eligible-weighted average of the ranges' baselines. The overall coverage, people and
    /// cost are unchanged; the untreated-rate correction and the deaths postponed follow each
    /// range's own treated share. The average should equal `coverage.baseline`: evaluation
    /// warns when they differ by more than [`BASELINE_TOLERANCE`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_coverage: Option<f64>,
}

/// How far `coverage.baseline` may lie from the eligible-weighted average of an age profile's
/// baselines before evaluation warns (half a percentage point).
pub const BASELINE_TOLERANCE: f64 = 0.005;

/// Age ranges an [`AgeProfile`] may list.
pub const MAX_AGE_VALUES: usize = 30;

/// The programme's scale: the slider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// Coverage in the base period: its benefit is already in the data and the trend. Each
    /// coverage is a share 0–1, baseline ≤ target ≤ max.
    pub baseline: f64,
    /// Coverage the plan delivers (the slider), as a share of the eligible group.
    pub target: f64,
    /// Most that can feasibly be reached (bounds the slider and goal seeking).
    pub max: f64,
    /// First year of delivery above baseline: within 1900–2100, no later than the horizon's
    /// last year and no more than 60 years before it.
    pub start_year: i32,
    /// Years to go from baseline to target, linearly (0 = at once): 0 to 60.
    pub ramp_years: f64,
    /// Business-as-usual change in coverage a year after the base period (share of the
    /// eligible group, −0.2 to 0.2), with its source (QOF achievement, prescribing trends):
    /// the coverage the trend is taken to contain. Only coverage above it is credited.
    #[serde(default = "flat_bau", skip_serializing_if = "is_flat_bau")]
    pub bau_change: Evidence,
}

/// No business-as-usual change: everything above the base-period coverage is credited.
pub fn flat_bau() -> Evidence {
    Evidence::fixed(
        0.0,
        "Flat business as usual (no growth assumed)",
        0,
        "yearly change in coverage the trend already contains: set it from QOF or prescribing trends",
    )
}

fn is_flat_bau(e: &Evidence) -> bool {
    *e == flat_bau()
}

/// Yearly business-as-usual change in coverage (`coverage.bau_change`).
pub const BAU_CHANGE: std::ops::RangeInclusive<f64> = -0.2..=0.2;

impl Coverage {
    /// Business-as-usual coverage in `year` (see [`Programme::bau_in`]).
    pub fn bau_in(&self, year: i32, base_mid: f64) -> f64 {
        let years = (f64::from(year) + 0.5 - base_mid).max(0.0);
        (self.baseline + self.bau_change.value * years).clamp(0.0, self.max.max(self.baseline))
    }

    /// Set the plan's coverage, kept between what is already delivered (baseline) and what is
    /// feasible (max): every slider and stepper goes through here so none can promise more.
    pub fn set_target(&mut self, target: f64) {
        self.target = target.clamp(self.baseline, self.max);
    }
}

/// One cause a programme acts on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    /// Cause key of the taxonomy (e.g. "chd").
    pub cause: String,
    /// Relative risk reduction in the people effectively reached, at full effect: 0–1.
    pub rrr: Evidence,
    /// The group's death rate from this cause relative to the band's average, when it differs
    /// from the programme's (smokers' lung cancer, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative_risk: Option<Evidence>,
    /// Lag for this cause when it differs from the programme's (smoking: CVD vs cancers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<LagProfile>,
    /// Ages at which deaths are postponed, when not the eligible ages (screening at 50–70
    /// postpones deaths at 55–79).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ages: Option<AgeRange>,
}

/// A programme: data, not code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Stable identifier used on the command line (`--programme statins_primary`).
    pub id: String,
    pub name: String,
    #[serde(default = "yes")]
    pub enabled: bool,
    pub reach: Reach,
    /// What one person reached is, for labels: "people on a statin", "4-week quitters".
    pub people: String,
    pub eligible: Eligible,
    pub coverage: Coverage,
    /// Share of those reached who take or keep up the intervention: 0–1.
    pub adherence: Evidence,
    /// The group's death rate from the target causes relative to the band's average:
    /// within [`RELATIVE_RISK`].
    pub relative_risk: Evidence,
    /// 1 to [`MAX_EFFECTS`].
    pub effects: Vec<Effect>,
    /// Share of the full effect by years since a person started.
    pub lag: LagProfile,
    /// Share of the remaining effect lost each year after the first (0–1), with its source:
    /// brief advice wears off, quitters relapse. The effect `j` years after starting is the
    /// lag's share × (1 − decay)^(j − 1) once j > 1. None by default.
    #[serde(default = "no_decay", skip_serializing_if = "is_no_decay")]
    pub decay: Evidence,
    /// Survival after the postponed death: the group's all-cause death rate relative to the
    /// population's of the same age, for the rest of life (a hazard ratio within
    /// [`SURVIVAL_HR`]), with its source. A death postponed in someone with AF or established
    /// CVD buys fewer years than the population's life expectancy at that age: the years are
    /// the remaining life expectancy on the local life table with every rate from that age on
    /// multiplied by this ratio. 1 (the default): the population's survival.
    #[serde(
        default = "population_survival",
        skip_serializing_if = "is_population_survival"
    )]
    pub survival_hr: Evidence,
    /// Cost per person reached per year (£): per person treated for a stock programme, per
    /// person reached for a flow programme. Within [`COST_PER_PERSON`].
    pub cost_per_person: Evidence,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

fn yes() -> bool {
    true
}

/// No loss of effect over time.
pub fn no_decay() -> Evidence {
    Evidence::fixed(
        0.0,
        "No decay assumed",
        0,
        "share of the remaining effect lost each year after the first",
    )
}

fn is_no_decay(e: &Evidence) -> bool {
    *e == no_decay()
}

/// The population's survival after the postponed death (hazard ratio 1).
pub fn population_survival() -> Evidence {
    Evidence::fixed(
        1.0,
        "The population's survival (no excess mortality assumed)",
        0,
        "all-cause death rate after the postponed death relative to the population's of the same age",
    )
}

fn is_population_survival(e: &Evidence) -> bool {
    *e == population_survival()
}

/// Hazard ratio for survival after a postponed death (`survival_hr`, value and range): from
/// half to ten times the population's death rate.
pub const SURVIVAL_HR: std::ops::RangeInclusive<f64> = 0.5..=10.0;

/// Which estimate of each evidence parameter to use (the Monte Carlo draws its own).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EffectSizes {
    /// Adherence times any uncertainty in the eligible share (the Monte Carlo scales it).
    pub adherence: f64,
    /// Adherence alone: the share of people already treated who benefit, for the
    /// untreated-rate factor.
    pub kept_up: f64,
    /// Per effect: relative risk × relative risk reduction.
    pub per_effect: [f64; MAX_EFFECTS],
    /// Per effect: the relative risk reduction alone.
    pub rrr: [f64; MAX_EFFECTS],
    /// Per effect: the lag's timing multiplier ([`LagProfile::timing`]); the central value,
    /// or a Monte Carlo draw.
    pub lag_timing: [f64; MAX_EFFECTS],
    /// The group's all-cause hazard ratio after a postponed death ([`Programme::survival_hr`]):
    /// the central value, or a Monte Carlo draw. Moves life-years only, never e₀.
    pub survival_hr: f64,
}

/// The lag's share `years` after starting at timing multiplier `timing`, times `kept` for
/// every year after the first: one rule for the projection's precomputed lags and for a
/// Monte Carlo draw's.
pub(crate) fn lag_after_decay(lag: &LagProfile, years: f64, timing: f64, kept: f64) -> f64 {
    lag.at_timing(years, timing) * kept.powf((years - 1.0).max(0.0))
}

/// Programmes act on at most this many causes.
pub const MAX_EFFECTS: usize = 8;

impl Programme {
    /// Central values of the evidence parameters.
    pub fn central_effects(&self) -> EffectSizes {
        let mut per_effect = [0.0; MAX_EFFECTS];
        let mut rrr = [0.0; MAX_EFFECTS];
        let mut lag_timing = [1.0; MAX_EFFECTS];
        for (i, e) in self.effects.iter().take(MAX_EFFECTS).enumerate() {
            per_effect[i] = self.effect_rr(e).value * e.rrr.value;
            rrr[i] = e.rrr.value;
            lag_timing[i] = self.effect_lag(e).timing_value();
        }
        EffectSizes {
            adherence: self.adherence.value,
            kept_up: self.adherence.value,
            per_effect,
            rrr,
            lag_timing,
            survival_hr: self.survival_hr.value,
        }
    }

    /// The relative risk that applies to an effect.
    pub(crate) fn effect_rr<'a>(&'a self, e: &'a Effect) -> &'a Evidence {
        e.relative_risk.as_ref().unwrap_or(&self.relative_risk)
    }

    pub(crate) fn effect_lag<'a>(&'a self, e: &'a Effect) -> &'a LagProfile {
        e.lag.as_ref().unwrap_or(&self.lag)
    }

    /// Share of the full effect `years` after starting: the lag, times the decay after the
    /// first year.
    pub fn effect_at(&self, lag: &LagProfile, years: f64) -> f64 {
        self.effect_at_timing(lag, years, lag.timing_value())
    }

    /// [`Programme::effect_at`] with the lag's years multiplied by `timing` (the decay stays
    /// on calendar years: relapse does not wait for the benefit).
    pub fn effect_at_timing(&self, lag: &LagProfile, years: f64, timing: f64) -> f64 {
        lag_after_decay(lag, years, timing, self.kept_each_year())
    }

    /// Share of the remaining effect kept each year after the first (1 − decay, within 0–1).
    pub(crate) fn kept_each_year(&self) -> f64 {
        (1.0 - self.decay.value).clamp(0.0, 1.0)
    }

    /// The profile's entry for a band starting at `age` (one year wide or more), if any.
    fn age_value(&self, bands: crate::model::bands::BandSet, b: usize) -> Option<&AgeValue> {
        self.eligible
            .by_age
            .as_ref()?
            .bands
            .iter()
            .find(|v| v.ages.contains_band(bands, b))
    }

    /// Eligible share of band `b`: the age profile's where it has one, else the flat share.
    pub fn share_in(&self, bands: crate::model::bands::BandSet, b: usize) -> f64 {
        self.age_value(bands, b)
            .map(|v| v.share)
            .unwrap_or(self.eligible.share.value)
    }

    /// The group's relative risk for effect `effect` in band `b` relative to the flat one the
    /// effect uses (1 outside the profile's ranges): the range's own risk for that effect when
    /// it lists one ([`AgeValue::effect_risks`]), else its `relative_risk` over the
    /// programme's.
    pub fn risk_ratio_in(
        &self,
        bands: crate::model::bands::BandSet,
        b: usize,
        effect: usize,
    ) -> f64 {
        let Some(v) = self.age_value(bands, b) else {
            return 1.0;
        };
        if let (Some(&own), Some(e)) = (v.effect_risks.get(effect), self.effects.get(effect)) {
            let flat = self.effect_rr(e).value;
            return if flat > 0.0 { own / flat } else { 1.0 };
        }
        if self.relative_risk.value > 0.0 {
            v.relative_risk / self.relative_risk.value
        } else {
            1.0
        }
    }

    /// Whether the age profile gives a base-period coverage for some range.
    pub fn has_age_baselines(&self) -> bool {
        self.eligible
            .by_age
            .as_ref()
            .is_some_and(|p| p.bands.iter().any(|v| v.baseline_coverage.is_some()))
    }

    /// Base-period coverage in band `b`: the age profile's where it gives one, else
    /// `coverage.baseline` (see [`AgeValue::baseline_coverage`]).
    pub fn baseline_in(&self, bands: crate::model::bands::BandSet, b: usize) -> f64 {
        self.age_value(bands, b)
            .and_then(|v| v.baseline_coverage)
            .unwrap_or(self.coverage.baseline)
    }

    pub(crate) fn effect_ages(&self, e: &Effect) -> AgeRange {
        e.ages.unwrap_or(self.eligible.ages)
    }

    pub(crate) fn applies_to(&self, sex: Sex) -> bool {
        self.eligible.sexes.contains(&sex)
    }

    /// Planned coverage (share of eligible) in calendar year `year` at target `target`:
    /// baseline until the start, then a linear ramp (mid-year values) to the target.
    pub(crate) fn coverage_in(&self, year: i32, target: f64) -> f64 {
        let c = &self.coverage;
        if year < c.start_year {
            return c.baseline;
        }
        let into = (year - c.start_year) as f64 + 0.5;
        let share = if c.ramp_years <= 0.0 {
            1.0
        } else {
            (into / c.ramp_years).min(1.0)
        };
        c.baseline + (target - c.baseline) * share
    }

    /// Business-as-usual coverage in `year` (at mid-year): the base-period coverage plus the
    /// yearly BAU change for each year after the middle of the base period (`base_mid` in
    /// calendar time, [`Period::mid`]), kept within 0 and the feasible maximum.
    pub fn bau_in(&self, year: i32, base_mid: f64) -> f64 {
        self.coverage.bau_in(year, base_mid)
    }

    /// Coverage above business as usual in `year` (what the programme is credited with).
    pub(crate) fn extra_in(&self, year: i32, target: f64, base_mid: f64) -> f64 {
        (self.coverage_in(year, target) - self.bau_in(year, base_mid)).max(0.0)
    }

    /// Share of the eligible group starting the intervention (above business as usual) in
    /// each year of `years`, at coverage `target`. A stock programme's entrants are the
    /// yearly changes in coverage above BAU, negative when BAU catches up with the plan
    /// (those people's benefit is then the trend's, not the programme's).
    pub(crate) fn entrants(&self, years: &[i32], target: f64, base_mid: f64) -> Vec<f64> {
        let mut out = Vec::with_capacity(years.len());
        match self.reach {
            Reach::Stock => {
                let mut prev = 0.0;
                for &y in years {
                    let extra = self.extra_in(y, target, base_mid);
                    out.push(extra - prev);
                    prev = extra;
                }
            }
            Reach::Flow => {
                let mut total = 0.0;
                for &y in years {
                    let extra = self.extra_in(y, target, base_mid);
                    let add = extra.min(1.0 - total).max(0.0);
                    total += add;
                    out.push(add);
                }
            }
        }
        out
    }

    /// Business-as-usual coverage already treated in each year, for the untreated-rate
    /// factor: a stock programme's BAU coverage, zero for a flow programme (see the module
    /// notes).
    pub(crate) fn treated_already(&self, years: &[i32], base_mid: f64) -> Vec<f64> {
        years
            .iter()
            .map(|&y| match self.reach {
                Reach::Stock => self.bau_in(y, base_mid),
                Reach::Flow => 0.0,
            })
            .collect()
    }

    /// People reached above business as usual in a year, as a share of the eligible group:
    /// the extra people on treatment (stock) or the extra people reached that year (flow).
    pub(crate) fn reached_share(&self, year: i32, target: f64, base_mid: f64) -> f64 {
        self.extra_in(year, target, base_mid)
    }

    /// Every problem with the programme's numbers (messages only; see [`Programme::problems`]).
    pub fn check(&self) -> Vec<String> {
        self.problems(None).into_iter().map(|(_, m)| m).collect()
    }

    /// Every problem with the programme's numbers, at the field it is about (a path inside
    /// the programme). With the scenario's `horizon`, the start year is also held to it.
    ///
    /// Ranges: coverage shares 0–1 with baseline ≤ target ≤ max; `start_year` within
    /// [`YEARS`] and no more than [`MAX_HORIZON_YEARS`] years before the horizon ends, nor
    /// after it; `ramp_years` [`RAMP_YEARS`]; ages [`AGES`]; eligible share, adherence and
    /// relative risk reductions 0–1; relative risks [`RELATIVE_RISK`]; cost per person
    /// [`COST_PER_PERSON`]; 1 to [`MAX_EFFECTS`] effects; lags as [`LagProfile::problems`].
    pub fn problems(&self, horizon: Option<Period>) -> Vec<(FieldPath, String)> {
        // The programme's name, never its id (issue 10): the location already points into
        // the file; the words are for the person fixing it.
        let label = if self.name.trim().is_empty() {
            format!("programme '{}'", self.id)
        } else {
            self.name.trim().to_string()
        };
        let w = |s: &str| format!("{label}: {s}");
        let root = FieldPath::root();
        let cov = root.field("coverage");
        let mut out = Vec::new();
        if self.id.trim().is_empty() {
            out.push((root.field("id"), "a programme has an empty id".to_string()));
        }
        let c = &self.coverage;
        for (name, v) in [
            ("baseline", c.baseline),
            ("target", c.target),
            ("max", c.max),
        ] {
            if !in_range(v, &(0.0..=1.0)) {
                out.push((
                    cov.field(name),
                    w(&format!(
                        "coverage {name} {} is out of range: a share from 0 to 1",
                        show(v)
                    )),
                ));
            }
        }
        if c.target < c.baseline - 1e-12 || c.target > c.max + 1e-12 {
            out.push((
                cov.field("target"),
                w(&format!(
                    "coverage target {} must lie between baseline {} and max {}",
                    c.target, c.baseline, c.max
                )),
            ));
        }
        if c.max < c.baseline {
            out.push((
                cov.field("max"),
                w(&format!(
                    "coverage max {} is below baseline {}",
                    c.max, c.baseline
                )),
            ));
        }
        let y = c.start_year;
        if !YEARS.contains(&y) {
            out.push((
                cov.field("start_year"),
                w(&format!(
                    "coverage start_year {y} is out of range: a year within {}–{}",
                    YEARS.start(),
                    YEARS.end()
                )),
            ));
        } else if let Some(h) = horizon
            && YEARS.contains(&h.last)
            && (y > h.last || h.last - y > MAX_HORIZON_YEARS as i32)
        {
            out.push((
                cov.field("start_year"),
                w(&format!(
                    "coverage start_year {y} is out of range: from {} to {} (no later than the horizon's end, no more than {MAX_HORIZON_YEARS} years before it)",
                    (h.last - MAX_HORIZON_YEARS as i32).max(*YEARS.start()),
                    h.last
                )),
            ));
        }
        if !in_range(c.ramp_years, &RAMP_YEARS) {
            out.push((
                cov.field("ramp_years"),
                w(&format!(
                    "coverage ramp_years {} is out of range: {} to {} years",
                    show(c.ramp_years),
                    RAMP_YEARS.start(),
                    RAMP_YEARS.end()
                )),
            ));
        }
        for (f, m) in c.bau_change.problems(
            &w("coverage bau_change"),
            *BAU_CHANGE.start(),
            *BAU_CHANGE.end(),
        ) {
            out.push((cov.field("bau_change").join(&f), m));
        }
        let elig = root.field("eligible");
        if self.eligible.sexes.is_empty() {
            out.push((elig.field("sexes"), w("eligible.sexes is empty")));
        }
        if let Some(m) = ages_problem(self.eligible.ages) {
            out.push((elig.field("ages"), w(&format!("eligible {m}"))));
        }
        let mut evidence = |field: FieldPath, e: &Evidence, what: &str, min: f64, max: f64| {
            for (f, m) in e.problems(&w(what), min, max) {
                out.push((field.join(&f), m));
            }
        };
        evidence(
            elig.field("share"),
            &self.eligible.share,
            "eligible share",
            0.0,
            1.0,
        );
        evidence(
            root.field("adherence"),
            &self.adherence,
            "adherence",
            0.0,
            1.0,
        );
        evidence(
            root.field("relative_risk"),
            &self.relative_risk,
            "relative risk",
            *RELATIVE_RISK.start(),
            *RELATIVE_RISK.end(),
        );
        evidence(
            root.field("cost_per_person"),
            &self.cost_per_person,
            "cost per person",
            *COST_PER_PERSON.start(),
            *COST_PER_PERSON.end(),
        );
        evidence(root.field("decay"), &self.decay, "decay", 0.0, 1.0);
        evidence(
            root.field("survival_hr"),
            &self.survival_hr,
            "survival hazard ratio",
            *SURVIVAL_HR.start(),
            *SURVIVAL_HR.end(),
        );
        if let Some(profile) = &self.eligible.by_age {
            let here = elig.field("by_age");
            if profile.bands.is_empty() || profile.bands.len() > MAX_AGE_VALUES {
                out.push((
                    here.field("bands"),
                    w(&format!(
                        "eligible.by_age lists {} age ranges: 1 to {MAX_AGE_VALUES}",
                        profile.bands.len()
                    )),
                ));
            }
            if profile.source.trim().is_empty() {
                out.push((
                    here.field("source"),
                    w("eligible.by_age has no source: say where the figures come from"),
                ));
            }
            if self.has_age_baselines() && profile.coverage_source.trim().is_empty() {
                out.push((
                    here.field("coverage_source"),
                    w("eligible.by_age gives baseline coverage by age but no coverage_source: say where those figures come from"),
                ));
            }
            for (i, v) in profile.bands.iter().enumerate().take(MAX_AGE_VALUES) {
                let at = here.field("bands").index(i);
                if let Some(m) = ages_problem(v.ages) {
                    out.push((at.field("ages"), w(&format!("eligible.by_age {m}"))));
                }
                if !in_range(v.share, &(0.0..=1.0)) {
                    out.push((
                        at.field("share"),
                        w(&format!(
                            "eligible.by_age share {} at ages {} is out of range: 0 to 1",
                            show(v.share),
                            v.ages
                        )),
                    ));
                }
                if !in_range(v.relative_risk, &RELATIVE_RISK) {
                    out.push((
                        at.field("relative_risk"),
                        w(&format!(
                            "eligible.by_age relative risk {} at ages {} is out of range: {} to {}",
                            show(v.relative_risk),
                            v.ages,
                            RELATIVE_RISK.start(),
                            RELATIVE_RISK.end()
                        )),
                    ));
                } else if v.share * v.relative_risk > 1.0 + 1e-9 {
                    out.push((
                        at.field("relative_risk"),
                        w(&format!(
                            "at ages {}: eligible share {} × relative risk {} = {} of the deaths would be in the eligible group, more than all of them",
                            v.ages,
                            show(v.share),
                            show(v.relative_risk),
                            show(v.share * v.relative_risk)
                        )),
                    ));
                }
                if !v.effect_risks.is_empty() && v.effect_risks.len() != self.effects.len() {
                    out.push((
                        at.field("effect_risks"),
                        w(&format!(
                            "eligible.by_age at ages {} lists {} effect relative risks for {} effects: one per effect, in order, or none",
                            v.ages,
                            v.effect_risks.len(),
                            self.effects.len()
                        )),
                    ));
                }
                for (j, (&rr, e)) in v.effect_risks.iter().zip(&self.effects).enumerate() {
                    let here = at.field("effect_risks").index(j);
                    if !in_range(rr, &RELATIVE_RISK) {
                        out.push((
                            here,
                            w(&format!(
                                "eligible.by_age relative risk {} for {} at ages {} is out of range: {} to {}",
                                show(rr),
                                e.cause,
                                v.ages,
                                RELATIVE_RISK.start(),
                                RELATIVE_RISK.end()
                            )),
                        ));
                    } else if v.share * rr > 1.0 + 1e-9 {
                        out.push((
                            here,
                            w(&format!(
                                "at ages {}: eligible share {} × relative risk {} = {} of the {} deaths would be in the eligible group, more than all of them",
                                v.ages,
                                show(v.share),
                                show(rr),
                                show(v.share * rr),
                                e.cause
                            )),
                        ));
                    }
                }
                if let Some(b) = v.baseline_coverage {
                    let here = at.field("baseline_coverage");
                    if !in_range(b, &(0.0..=1.0)) {
                        out.push((
                            here,
                            w(&format!(
                                "eligible.by_age baseline coverage {} at ages {} is out of range: a share from 0 to 1",
                                show(b),
                                v.ages
                            )),
                        ));
                    } else if self.reach == Reach::Flow {
                        out.push((
                            here,
                            w(&format!(
                                "eligible.by_age baseline coverage at ages {}: only a stock programme (people on treatment) has a coverage by age; a flow programme reaches new people each year",
                                v.ages
                            )),
                        ));
                    }
                }
                let overlaps = profile.bands[..i].iter().any(|u| {
                    let end = |r: AgeRange| r.to.unwrap_or(u32::MAX);
                    v.ages.from <= end(u.ages) && u.ages.from <= end(v.ages)
                });
                if overlaps {
                    out.push((
                        at.field("ages"),
                        w(&format!(
                            "eligible.by_age ages {} overlap an earlier range",
                            v.ages
                        )),
                    ));
                }
            }
        }
        for (f, m) in self.lag.problems(&w("lag")) {
            out.push((root.field("lag").join(&f), m));
        }
        if self.effects.is_empty() {
            out.push((
                root.field("effects"),
                w("no effects: name at least one cause it acts on"),
            ));
        }
        if self.effects.len() > MAX_EFFECTS {
            out.push((
                root.field("effects"),
                w(&format!(
                    "{} effects, at most {MAX_EFFECTS}",
                    self.effects.len()
                )),
            ));
        }
        for (i, e) in self.effects.iter().enumerate().take(MAX_EFFECTS) {
            let here = root.field("effects").index(i);
            // The cause in words ("coronary heart disease", not "chd").
            let cause = crate::model::causes::in_words(&e.cause);
            let we = w(&format!("effect on {cause}"));
            for (f, m) in e
                .rrr
                .problems(&format!("{we}: relative risk reduction"), 0.0, 1.0)
            {
                out.push((here.field("rrr").join(&f), m));
            }
            if let Some(rr) = &e.relative_risk {
                let (lo, hi) = (*RELATIVE_RISK.start(), *RELATIVE_RISK.end());
                for (f, m) in rr.problems(&format!("{we}: relative risk"), lo, hi) {
                    out.push((here.field("relative_risk").join(&f), m));
                }
            }
            // The eligible group's share of the band's deaths from the cause is share × RR
            // (RR relative to the band's average): more than all of them is impossible.
            let rr = self.effect_rr(e).value;
            let share = self.eligible.share.value;
            if share * rr > 1.0 + 1e-9 {
                let field = match &e.relative_risk {
                    Some(_) => here.field("relative_risk"),
                    None => root.field("relative_risk"),
                };
                out.push((
                    field.field("value"),
                    format!(
                        "{we}: eligible share {} × relative risk {} = {} of the band's {} deaths would be in the eligible group, more than all of them: lower the relative risk (relative to the band's average, at most {}) or the share",
                        show(share),
                        show(rr),
                        show(share * rr),
                        e.cause,
                        show(1.0 / share)
                    ),
                ));
            }
            if let Some(l) = &e.lag {
                for (f, m) in l.problems(&format!("{we}: lag")) {
                    out.push((here.field("lag").join(&f), m));
                }
            }
            if let Some(a) = e.ages
                && let Some(m) = ages_problem(a)
            {
                out.push((here.field("ages"), format!("{we}: {m}")));
            }
        }
        out
    }
}

/// Years to go from baseline to target (`coverage.ramp_years`).
pub const RAMP_YEARS: std::ops::RangeInclusive<f64> = 0.0..=60.0;
/// A group's death rate relative to the band's average (`relative_risk`, value and range).
pub const RELATIVE_RISK: std::ops::RangeInclusive<f64> = 0.0..=100.0;
/// Cost per person reached per year, £ (`cost_per_person`, value and range).
pub const COST_PER_PERSON: std::ops::RangeInclusive<f64> = 0.0..=1_000_000.0;
/// Ages a programme's eligible group or effect names (`eligible.ages`, `effects[].ages`).
pub const AGES: std::ops::RangeInclusive<u32> = 0..=120;

/// An age range outside [`AGES`].
fn ages_problem(a: AgeRange) -> Option<String> {
    let bad = !AGES.contains(&a.from) || a.to.is_some_and(|t| !AGES.contains(&t) || t < a.from);
    bad.then(|| {
        format!(
            "ages {a} are out of range: ages {}–{}, the first no later than the last",
            AGES.start(),
            AGES.end()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::library;

    #[test]
    fn stock_entrants_follow_the_ramp() {
        let mut p = library::statins_primary();
        p.coverage.baseline = 0.3;
        p.coverage.start_year = 2009;
        p.coverage.ramp_years = 2.0;
        let years = [2008, 2009, 2010, 2011, 2012];
        let e = p.entrants(&years, 0.5, 2007.5);
        assert_eq!(e[0], 0.0);
        assert!((e[1] - 0.05).abs() < 1e-12);
        assert!((e[2] - 0.1).abs() < 1e-12);
        assert!((e[3] - 0.05).abs() < 1e-12);
        assert_eq!(e[4], 0.0);
        assert!((e.iter().sum::<f64>() - 0.2).abs() < 1e-12);
    }

    #[test]
    fn flow_entrants_accumulate_but_never_exceed_everyone() {
        let mut p = library::smoking_cessation();
        p.coverage.baseline = 0.0;
        p.coverage.ramp_years = 0.0;
        p.coverage.start_year = 2008;
        let e = p.entrants(&[2008, 2009, 2010, 2011], 0.4, 2007.5);
        for (got, want) in e.iter().zip([0.4, 0.4, 0.2, 0.0]) {
            assert!((got - want).abs() < 1e-12, "{e:?}");
        }
    }

    /// Hand-worked: baseline 0.3 in 2006-08 (middle of 2007), BAU +0.02 a year, plan 0.5 at
    /// once from 2009. BAU is 0.34 in 2009, 0.36 in 2010 … 0.5 in 2017; the credited extra
    /// coverage 0.16, 0.14, … 0 by 2017, and stays 0 while BAU is above the plan.
    #[test]
    fn only_coverage_above_business_as_usual_is_credited() {
        let mut p = library::statins_primary();
        p.coverage.baseline = 0.3;
        p.coverage.max = 0.8;
        p.coverage.start_year = 2009;
        p.coverage.ramp_years = 0.0;
        p.coverage.bau_change.value = 0.02;
        let years: Vec<i32> = (2007..=2019).collect();
        let bau: Vec<f64> = years.iter().map(|&y| p.bau_in(y, 2007.5)).collect();
        let want_bau = [
            0.3, 0.32, 0.34, 0.36, 0.38, 0.40, 0.42, 0.44, 0.46, 0.48, 0.5, 0.52, 0.54,
        ];
        for (got, want) in bau.iter().zip(want_bau) {
            assert!((got - want).abs() < 1e-12, "{bau:?}");
        }
        let extra: Vec<f64> = years
            .iter()
            .map(|&y| p.reached_share(y, 0.5, 2007.5))
            .collect();
        let want_extra = [
            0.0, 0.0, 0.16, 0.14, 0.12, 0.10, 0.08, 0.06, 0.04, 0.02, 0.0, 0.0, 0.0,
        ];
        for (got, want) in extra.iter().zip(want_extra) {
            assert!((got - want).abs() < 1e-12, "{extra:?}");
        }
        // Stock entrants are the yearly changes above BAU and add up to what is left.
        let e = p.entrants(&years, 0.5, 2007.5);
        assert!(
            (e[2] - 0.16).abs() < 1e-12 && (e[3] + 0.02).abs() < 1e-12,
            "{e:?}"
        );
        assert!(e.iter().sum::<f64>().abs() < 1e-12);
        // Already treated (for the untreated-rate factor): BAU for a stock programme, none for
        // a flow programme.
        assert_eq!(p.treated_already(&[2007], 2007.5), [0.3]);
        let q = library::smoking_cessation();
        assert_eq!(q.treated_already(&[2007, 2010], 2007.5), [0.0, 0.0]);
    }

    #[test]
    fn more_eligible_deaths_than_the_band_has_is_a_located_error() {
        let mut p = library::af_anticoagulation();
        p.eligible.share.value = 0.3; // × RR 4 = 1.2
        let problems = p.problems(None);
        let (path, message) = problems
            .iter()
            .find(|(_, m)| m.contains("more than all of them"))
            .expect("flagged");
        assert_eq!(path.to_string(), "relative_risk.value");
        assert!(message.contains("1.2"), "{message}");
    }

    /// Decay by hand: 20% a year after the first, on an immediate lag: 1 in year 1 (mid-year
    /// 0.5), then 0.8^0.5 at 1.5 years, 0.8^1.5 at 2.5.
    #[test]
    fn decay_wears_the_effect_off_after_the_first_year() {
        let mut p = library::alcohol_brief_interventions();
        p.decay.value = 0.2;
        let lag = crate::model::evidence::LagProfile::immediate("t");
        assert_eq!(p.effect_at(&lag, 0.5), 1.0);
        assert!((p.effect_at(&lag, 1.5) - 0.8f64.powf(0.5)).abs() < 1e-12);
        assert!((p.effect_at(&lag, 2.5) - 0.8f64.powf(1.5)).abs() < 1e-12);
        p.decay = super::no_decay();
        assert_eq!(p.effect_at(&lag, 9.5), 1.0);
    }

    #[test]
    fn shipped_programmes_are_valid() {
        for p in library::all() {
            assert!(p.check().is_empty(), "{}: {:?}", p.id, p.check());
        }
    }
}
