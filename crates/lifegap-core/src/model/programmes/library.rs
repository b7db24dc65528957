//! The shipped programme library, with default values and their sources (`evidence.md`).
//!
//! Values marked "Local assumption" are not from a study: they are illustrative starting points
//! for the synthetic demo area that a local analyst should replace with their own registers
//! (QOF, stop-smoking returns, screening uptake). Everything here is editable in the app and
//! in scenario files; these functions only give the starting values.

use super::{
    AgeProfile, AgeValue, Coverage, Effect, Eligible, Programme, Reach, flat_bau, no_decay,
    population_survival,
};
use crate::model::area::Sex;
use crate::model::cause_reduction::AgeRange;
use crate::model::evidence::{Evidence, LagProfile};

const LOCAL: &str = "Local assumption (illustrative): replace with local data";

fn ages(s: &str) -> AgeRange {
    s.parse().expect("library age ranges are valid")
}

fn local(value: f64, low: f64, high: f64, measures: &str) -> Evidence {
    Evidence::new(value, low, high, LOCAL, 0, measures)
}

/// A group's death rate relative to its age band's average, from its rate relative to the
/// rest of the band (`rr`) and its share of the band (`p`): rr / (1 + p(rr − 1)), rounded to 4
/// decimals so scenario files stay readable. share × this is ≤ 1 whatever p and rr ≥ 1.
fn against_average(rr: f64, p: f64) -> f64 {
    (rr / (1.0 + p * (rr - 1.0)) * 1e4).round() / 1e4
}

/// An age profile's range: `share` of the range in the group, at `rr` times the rest of the
/// range's death rate (so [`against_average`] times the range's average).
fn band_of(ages_text: &str, share: f64, rr: f64) -> AgeValue {
    AgeValue {
        ages: ages(ages_text),
        share,
        relative_risk: against_average(rr, share),
        effect_risks: Vec::new(),
        baseline_coverage: None,
    }
}

/// How sure a lag's timing is: a multiplier on its years within `low`–`high` (a local
/// judgement on the cited curve, drawn independently of the effect sizes).
fn timing(low: f64, high: f64, basis: &str) -> Evidence {
    Evidence::new(
        1.0,
        low,
        high,
        "Local judgement of how precisely the cited lag is known",
        0,
        basis,
    )
}

fn effect(cause: &str, rrr: Evidence) -> Effect {
    Effect {
        cause: cause.to_string(),
        rrr,
        relative_risk: None,
        lag: None,
        ages: None,
    }
}

fn both() -> Vec<Sex> {
    vec![Sex::Male, Sex::Female]
}

fn coverage(baseline: f64, max: f64) -> Coverage {
    Coverage {
        baseline,
        target: baseline,
        max,
        start_year: 2009,
        ramp_years: 2.0,
        bau_change: flat_bau(),
    }
}

/// CTT (Lancet 2005): the reduction in major vascular events in the first year was about half
/// the reduction seen from the second year on; so half the effect in year 1 (people starting
/// mid-year count 0.5), rising to the full effect by the end of year 2.
fn statin_lag() -> LagProfile {
    LagProfile::new(
        &[(0.0, 0.5), (1.0, 0.5), (2.0, 1.0)],
        "CTT, Lancet 2005;366:1267: about half the effect in year 1, the full effect from year 2",
    )
    .with_timing(timing(
        0.5,
        2.0,
        "full effect between 1 and 4 years after starting (CTT 2005; HPS curves separate after year 1)",
    ))
}

/// The share of people at 10-year CVD risk of 20% or more rises steeply with age: age is the
/// strongest term of the Framingham equations (risk roughly doubles each decade at fixed risk
/// factors), so few 40-49 year olds and most men in their seventies pass the threshold. No
/// table by age that we could check was to hand, so the shape is a local judgement (3%, 10%,
/// 25%, 45% at 40-49 … 70-74 before scaling), marked local; the level is scaled so the 40-74
/// average (England's 2006-08 age structure) stays the flat 12%. The group's rate is 2.32 times
/// the rest of the band's (what the flat RR 2.0 at 12% implies), against the band's average
/// by [`against_average`]. A local register (QRISK on GP systems) replaces it.
fn high_cvd_risk_by_age() -> AgeProfile {
    const RR: f64 = 1.76 / 0.76;
    AgeProfile {
        bands: vec![
            band_of("40-49", 0.025, RR),
            band_of("50-59", 0.083, RR),
            band_of("60-69", 0.208, RR),
            band_of("70-74", 0.375, RR),
        ],
        source: "Local judgement of the shape: 10-year CVD risk (Framingham) roughly doubles with each decade of age; level: the flat 12% at 40-74".into(),
        year: 0,
        measures: "share of each age range at 10-year CVD risk of 20% or more; group rate 2.32 × the rest of the range's".into(),
        ..AgeProfile::default()
    }
}

pub fn statins_primary() -> Programme {
    Programme {
        id: "statins_primary".into(),
        name: "Statins: primary prevention (high CVD risk)".into(),
        enabled: true,
        reach: Reach::Stock,
        people: "people at high CVD risk on a statin".into(),
        eligible: Eligible {
            sexes: both(),
            ages: ages("40-74"),
            share: local(0.12, 0.08, 0.16, "share of 40-74 year olds with 10-year CVD risk of 20% or more"),
            by_age: Some(high_cvd_risk_by_age()),
        },
        coverage: coverage(0.30, 0.75),
        adherence: local(0.65, 0.5, 0.8, "share of people prescribed a statin still taking it"),
        relative_risk: local(2.0, 1.5, 2.5, "CHD and stroke death rate of the high-risk group relative to all 40-74 year olds"),
        effects: vec![
            effect("chd", Evidence::new(0.27, 0.20, 0.33, "Taylor et al., Cochrane Review CD004816", 2013,
                "primary prevention: fatal and non-fatal CHD events RR 0.73 (0.67-0.80); applied to CHD deaths")),
            effect("stroke", Evidence::new(0.22, 0.11, 0.32, "Taylor et al., Cochrane Review CD004816", 2013,
                "primary prevention: stroke RR 0.78 (0.68-0.89); applied to stroke deaths")),
        ],
        lag: statin_lag(),
        decay: no_decay(),
        survival_hr: population_survival(),
        cost_per_person: local(45.0, 30.0, 80.0, "£ per person on a statin per year (drug and monitoring)"),
        notes: "Deprived practices prescribe fewer statins for primary prevention (Ashworth et al., BJGP): coverage gains are plausible.".into(),
    }
}

/// Established CHD or stroke rises about six-fold from 45-54 to 75+: the Health Survey for
/// England 2006 (doctor-diagnosed ischaemic heart disease or stroke, both sexes, rounded):
/// about 4% at 45-54, 9% at 55-64, 17% at 65-74 and 25% at 75+. The level is scaled so the
/// 45+ average (England's 2006-08 age structure) stays the flat 9%, which a local register
/// (QOF CHD and stroke) replaces. The group's rate is 3.74 times the rest of the band's (what
/// the flat RR 3.0 at 9% implies), against the band's average by [`against_average`].
fn established_cvd_by_age() -> AgeProfile {
    const RR: f64 = 2.73 / 0.73;
    AgeProfile {
        bands: vec![
            band_of("45-54", 0.030, RR),
            band_of("55-64", 0.068, RR),
            band_of("65-74", 0.128, RR),
            band_of("75+", 0.188, RR),
        ],
        source: "Shape: Health Survey for England 2006 (NHS Information Centre), cardiovascular disease by age; level: the flat 9% at 45+".into(),
        year: 2008,
        measures: "doctor-diagnosed ischaemic heart disease or stroke by age (about 4%, 9%, 17%, 25% at 45-54 … 75+, rounded), scaled to the flat 9%; group rate 3.74 × the rest of the range's".into(),
        ..AgeProfile::default()
    }
}

pub fn statins_secondary() -> Programme {
    Programme {
        id: "statins_secondary".into(),
        name: "Statins: secondary prevention (established CVD)".into(),
        enabled: true,
        reach: Reach::Stock,
        people: "people with CHD or stroke on a statin".into(),
        eligible: Eligible {
            sexes: both(),
            ages: ages("45+"),
            share: local(
                0.09,
                0.07,
                0.11,
                "share of people 45+ on CHD or stroke registers (QOF)",
            ),
            by_age: Some(established_cvd_by_age()),
        },
        coverage: coverage(0.80, 0.95),
        adherence: local(
            0.8,
            0.7,
            0.9,
            "share of people prescribed a statin still taking it",
        ),
        relative_risk: local(
            3.0,
            2.0,
            4.0,
            "CHD and stroke death rate of people with established CVD relative to all 45+",
        ),
        effects: vec![
            effect(
                "chd",
                Evidence::new(
                    0.42,
                    0.27,
                    0.54,
                    "Scandinavian Simvastatin Survival Study (4S), Lancet 1994;344:1383",
                    1994,
                    "coronary deaths 8.5% → 5.0% over 5.4 years (RR 0.58); death from any cause RR 0.70",
                ),
            ),
            effect(
                "stroke",
                Evidence::new(
                    0.22,
                    0.15,
                    0.30,
                    "Cholesterol Treatment Trialists' Collaboration, Lancet 2010;376:1670",
                    2010,
                    "major vascular events RR 0.78 per 1 mmol/L LDL reduction; applied to stroke deaths",
                ),
            ),
        ],
        lag: statin_lag(),
        decay: no_decay(),
        survival_hr: local(
            2.0,
            1.5,
            3.0,
            "all-cause death rate of people with established CHD or stroke relative to the population of their age, for life: about twice (1.5-3 times), a judgement on post-MI and post-stroke register survival; IMPACT counts life-years on the survival of CHD patients, not the population's",
        ),
        cost_per_person: local(
            45.0,
            30.0,
            80.0,
            "£ per person on a statin per year (drug and monitoring)",
        ),
        notes: "Absolute check: about 40 CHD deaths prevented per 1,000 treated for 6 years (4S)."
            .into(),
    }
}

/// Hypertension (140/90 mmHg or more, or treated) in the Health Survey for England 2006, both
/// sexes, rounded: about 15% at 35-44, 29% at 45-54, 45% at 55-64, 62% at 65-74 and 72% at
/// 75+ (40-44 takes the 35-44 figure, 75-79 the 75+). These are the survey's own figures, not
/// rescaled: the flat share was the survey's all-adult 3 in 10, which understates 40-79 (its
/// average over these ranges is 40%). Hypertensive people are taken to have twice the rest of
/// the range's CHD and stroke death rate (local judgement on the Prospective Studies
/// Collaboration: 20 mmHg higher systolic pressure, about the difference between the two
/// groups, doubles vascular mortality), against the band's average by [`against_average`].
///
/// The share of hypertensives treated rises steeply with age (HSE 2006): about 20%, 35%, 50%,
/// 60% and 65% at 35-44 … 75+ as we recall the survey's table, rounded; **not checked against
/// the table** (its rows are in Joffres et al., BMJ Open 2013;3:e003423, Table 3, which we
/// could not read from the build machine), so the shape is marked local. What is checked is
/// the level overall: 54% of hypertensives treated in England in 2006 (Falaschetti et al.,
/// Hypertension 2009;53:480), close to the shape's 50% average here. The base-period coverage
/// by age is that shape times 0.804, so its eligible-weighted average over 40-79 (England's
/// 2006-08 ages) is the flat 40% baseline.
fn hypertension_by_age() -> AgeProfile {
    const RR: f64 = 2.0;
    let band = |ages: &str, share: f64, treated: f64| AgeValue {
        baseline_coverage: Some(treated),
        ..band_of(ages, share, RR)
    };
    AgeProfile {
        bands: vec![
            band("40-44", 0.15, 0.161),
            band("45-54", 0.29, 0.281),
            band("55-64", 0.45, 0.402),
            band("65-74", 0.62, 0.482),
            band("75-79", 0.72, 0.523),
        ],
        source: "Health Survey for England 2006 (NHS Information Centre), blood pressure by age; relative risk: local judgement on Lewington et al., Lancet 2002;360:1903".into(),
        year: 2008,
        measures: "share with hypertension (140/90 mmHg or more, or treated) by age, both sexes, rounded; group rate 2 × the rest of the range's".into(),
        coverage_source: "Shape: Health Survey for England 2006, share of hypertensives treated by age, rounded from recall and not checked against the table (rows in Joffres et al., BMJ Open 2013;3:e003423, Table 3); level: the flat 40% baseline".into(),
        coverage_year: 0,
        coverage_measures: "treated share of hypertensives by age, both sexes, about 20%, 35%, 50%, 60%, 65% at 35-44 … 75+ (recalled, not checked), times 0.804 so the 40-79 average on England's 2006-08 ages is the 40% baseline; checked overall level: 54% treated in 2006 (Falaschetti et al., Hypertension 2009;53:480)".into(),
    }
}

pub fn blood_pressure() -> Programme {
    Programme {
        id: "blood_pressure".into(),
        name: "Blood-pressure treatment".into(),
        enabled: true,
        reach: Reach::Stock,
        people: "people with hypertension treated to target".into(),
        eligible: Eligible {
            sexes: both(),
            ages: ages("40-79"),
            share: Evidence::new(
                0.40,
                0.35,
                0.45,
                "Health Survey for England 2006",
                2008,
                "share of 40-79 year olds with hypertension: the age profile's average (England's 2006-08 ages); about 3 in 10 of all adults",
            ),
            by_age: Some(hypertension_by_age()),
        },
        coverage: coverage(0.40, 0.70),
        adherence: local(
            0.7,
            0.5,
            0.85,
            "share of treated people who keep taking treatment",
        ),
        relative_risk: local(
            1.43,
            1.29,
            1.56,
            "CHD and stroke death rate of people with hypertension relative to all 40-79: twice the normotensive rate (1.6-2.5 times) at 40% prevalence, 2/(1 + 0.4)",
        ),
        effects: vec![
            effect(
                "chd",
                Evidence::new(
                    0.22,
                    0.17,
                    0.27,
                    "Law, Morris & Wald, BMJ 2009;338:b1665",
                    2009,
                    "CHD events RR 0.78 per 10/5 mmHg reduction, whatever the starting pressure",
                ),
            ),
            effect(
                "stroke",
                Evidence::new(
                    0.41,
                    0.33,
                    0.48,
                    "Law, Morris & Wald, BMJ 2009;338:b1665",
                    2009,
                    "stroke RR 0.59 per 10/5 mmHg (Ettehad et al., Lancet 2016: 0.73 per 10 mmHg systolic)",
                ),
            ),
        ],
        lag: LagProfile::new(
            &[(0.0, 0.0), (1.0, 0.6), (2.0, 1.0)],
            "Trial curves: blood-pressure benefit within 1-2 years (Law 2009; Ettehad 2016)",
        )
        .with_timing(timing(
            0.5,
            2.0,
            "full effect between 1 and 4 years after starting",
        )),
        decay: no_decay(),
        survival_hr: population_survival(),
        cost_per_person: local(60.0, 40.0, 100.0, "£ per person treated per year"),
        notes: String::new(),
    }
}

/// Oza et al. (Prev Med 2011), as used by Kontis et al. (Lancet 2014): share of a current
/// smoker's excess risk remaining after quitting; the lag is one minus it.
fn quit_lag(remaining: &[(f64, f64)], which: &str) -> LagProfile {
    let pts: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
        .chain(remaining.iter().map(|&(y, r)| (y, 1.0 - r)))
        .collect();
    LagProfile::new(
        &pts,
        &format!(
            "Oza et al., Prev Med 2011 (as in Kontis et al., Lancet 2014): {which} excess risk remaining after quitting"
        ),
    )
    .with_timing(timing(
        0.75,
        1.33,
        "the excess risk falls a quarter faster to a third slower than Oza's pooled curves",
    ))
}

/// An effect of quitting on one cause: with current smokers' relative risk RR and smoking
/// prevalence p, the quitters' group has RR/(1 + p(RR − 1)) times the band's average death
/// rate, and full recovery removes (RR − 1)/RR of it.
fn quit_effect(cause: &str, rr: (f64, f64, f64), lag: LagProfile) -> Effect {
    const P: f64 = 0.26;
    const SRC: &str = "Current-smoker relative risks (US CPS-II) as used in Statistics on Smoking: England, NHS Information Centre";
    // Rounded to 4 decimals so scenario files stay readable.
    let round = |x: f64| (x * 1e4).round() / 1e4;
    let group = |r: f64| round(r / (1.0 + P * (r - 1.0)));
    let rrr = |r: f64| round((r - 1.0) / r);
    Effect {
        cause: cause.into(),
        rrr: Evidence::new(
            rrr(rr.0),
            rrr(rr.1),
            rrr(rr.2),
            SRC,
            2009,
            &format!(
                "current smokers' {cause} death rate RR {} ({}-{}) vs never smokers, 35+; full recovery removes (RR-1)/RR",
                rr.0, rr.1, rr.2
            ),
        ),
        relative_risk: Some(Evidence::new(
            group(rr.0),
            group(rr.1),
            group(rr.2),
            SRC,
            2009,
            &format!(
                "smokers' {cause} death rate relative to the band average: RR/(1+p(RR-1)) with prevalence p = {P} (local assumption)"
            ),
        )),
        lag: Some(lag),
        ages: Some(ages("35+")),
    }
}

/// Smoking prevalence falls with age after the twenties: the General Household Survey 2006,
/// England, cigarette smokers: 31% at 20-24, 29% at 25-34 and 12% at 60+ (checked: NHS
/// Information Centre, *Statistics on Smoking: England 2008*, main findings); 16-19, 35-49 and
/// 50-59 are not in that summary and stay as we recall the survey's table (about 20%, 24% and
/// 21%, not checked; the rows are Table 2.1 of *Statistics on Smoking: England 2009*). The
/// level is scaled (× 1.208) so the 15+ average (England's 2006-08 age structure) stays the
/// flat 26% of a Spearhead-like area, which local survey or GP-recorded prevalence replaces. Each
/// effect's relative risk in a range is the current-smoker RR against that range's average at
/// its prevalence, RR/(1 + p(RR − 1)) (as [`quit_effect`] does at the flat 26%).
fn smoking_by_age(effects: &[(f64, f64, f64)]) -> AgeProfile {
    let band = |r: &str, p: f64| AgeValue {
        ages: ages(r),
        share: p,
        relative_risk: 1.0,
        effect_risks: effects.iter().map(|rr| against_average(rr.0, p)).collect(),
        baseline_coverage: None,
    };
    AgeProfile {
        bands: vec![
            band("15-19", 0.242),
            band("20-24", 0.375),
            band("25-34", 0.35),
            band("35-49", 0.29),
            band("50-59", 0.254),
            band("60+", 0.145),
        ],
        source: "Shape: General Household Survey 2006, England (NHS Information Centre, Statistics on Smoking: England 2008, main findings: 31% at 20-24, 29% at 25-34, 12% at 60+); 16-19, 35-49, 50-59 as we recall the survey's table (not checked); level: the flat 26% at 15+".into(),
        year: 2008,
        measures: "cigarette smoking prevalence by age, England 2006: 20%, 31%, 29%, 24%, 21%, 12% at 16-19 … 60+ (20-24, 25-34 and 60+ checked; the others recalled, rounded), scaled × 1.208 to the flat 26%; each cause's current-smoker RR against the range's average".into(),
        ..AgeProfile::default()
    }
}

pub fn smoking_cessation() -> Programme {
    /// Current smokers' relative risks (value, low, high) for CHD, stroke, lung cancer and
    /// COPD, in the order of the effects.
    const RISKS: [(f64, f64, f64); 4] = [
        (2.0, 1.6, 2.8),
        (1.8, 1.5, 3.3),
        (17.0, 12.7, 23.3),
        (11.0, 10.6, 13.1),
    ];
    let cvd = [
        (1.0, 0.62),
        (2.0, 0.48),
        (5.0, 0.24),
        (10.0, 0.03),
        (12.5, 0.0),
    ];
    let copd = [
        (1.0, 0.87),
        (5.0, 0.51),
        (10.0, 0.27),
        (15.0, 0.15),
        (20.0, 0.08),
    ];
    let cancer = [
        (1.0, 0.91),
        (5.0, 0.63),
        (10.0, 0.40),
        (15.0, 0.25),
        (20.0, 0.16),
        (40.0, 0.0),
    ];
    Programme {
        id: "smoking_cessation".into(),
        name: "Stop-smoking services".into(),
        enabled: true,
        reach: Reach::Flow,
        people: "4-week quitters a year".into(),
        eligible: Eligible {
            sexes: both(),
            ages: ages("15+"),
            share: local(0.26, 0.22, 0.30, "smoking prevalence among adults (Spearhead-like area)"),
            by_age: Some(smoking_by_age(&RISKS)),
        },
        coverage: Coverage { baseline: 0.05, target: 0.05, max: 0.15, start_year: 2009, ramp_years: 1.0, bau_change: flat_bau() },
        adherence: Evidence::new(0.25, 0.15, 0.35, "Ferguson et al., Addiction 2005;100(Suppl 2):59", 2005,
            "about 75% of 4-week quitters relapse within a year: 25% still abstinent at 52 weeks"),
        relative_risk: Evidence::fixed(1.0, "Set per cause below", 0, "per-cause relative risks replace this"),
        effects: vec![
            quit_effect("chd", RISKS[0], quit_lag(&cvd, "CVD")),
            quit_effect("stroke", RISKS[1], quit_lag(&cvd, "CVD")),
            quit_effect("lung_cancer", RISKS[2], quit_lag(&cancer, "cancer")),
            quit_effect("copd", RISKS[3], quit_lag(&copd, "COPD")),
        ],
        lag: quit_lag(&cvd, "CVD"),
        decay: no_decay(),
        survival_hr: population_survival(),
        cost_per_person: local(220.0, 150.0, 350.0, "£ per 4-week quitter (NHS Stop Smoking Services)"),
        notes: "Spearhead areas: 4-week success 52.6% vs 57.9% elsewhere; services reached 16.7% vs 13.4% of smokers (Bauld, Judge & Platt, Tobacco Control 2007). Quitting at 30/40/50/60 gains ~10/9/6/3 years (Doll et al., BMJ 2004).".into(),
    }
}

/// AF rises about 1.3-fold every five years of age after 60, so a flat 7% at 65+ is half the
/// share at 85+ and twice it at 65-69. The shape is the ECG surveys' (Rotterdam: 0.7% at 55-59
/// to 17.8% at 85+; PREV-ICTUS: 4.2% at 60-64 to 16.5% at 85+), log-linear between them; the
/// level is scaled so the 65+ average (England's 2006-08 age structure) stays the flat 7%,
/// which a local register replaces. The stroke death rate relative to the band's average is
/// the five-fold risk with AF (Framingham) on the band's prevalence p: 5 / (1 + 4p).
fn af_by_age() -> AgeProfile {
    let band = |r: &str, share: f64| AgeValue {
        ages: ages(r),
        share,
        relative_risk: 5.0 / (1.0 + 4.0 * share),
        effect_risks: Vec::new(),
        baseline_coverage: None,
    };
    AgeProfile {
        bands: vec![
            band("65-69", 0.042),
            band("70-74", 0.056),
            band("75-79", 0.074),
            band("80-84", 0.098),
            band("85+", 0.130),
        ],
        source: "Shape: Heeringa et al., Eur Heart J 2006 (Rotterdam) and Cea-Calvo et al., Rev Esp Cardiol 2007 (PREV-ICTUS), ECG surveys; level: the 7% 65+ share; RR: five-fold stroke risk with AF (Wolf et al., Stroke 1991) as 5/(1 + 4p)".into(),
        year: 2007,
        measures: "AF prevalence by age on ECG (about 1.3-fold each five years after 60), scaled to the flat 7% at 65+; stroke risk with AF five-fold".into(),
        ..AgeProfile::default()
    }
}

pub fn af_anticoagulation() -> Programme {
    Programme {
        id: "af_anticoagulation".into(),
        name: "AF anticoagulation".into(),
        enabled: true,
        reach: Reach::Stock,
        people: "people with AF anticoagulated".into(),
        eligible: Eligible {
            sexes: both(),
            ages: ages("65+"),
            share: local(0.07, 0.05, 0.09, "prevalence of atrial fibrillation at 65+"),
            by_age: Some(af_by_age()),
        },
        coverage: Coverage { baseline: 0.526, target: 0.526, max: 0.8, start_year: 2009, ramp_years: 2.0, bau_change: flat_bau() },
        adherence: local(0.85, 0.7, 0.95, "share of anticoagulated patients kept in therapeutic range"),
        relative_risk: local(4.0, 3.0, 5.0, "stroke death rate of people with AF relative to all 65+ (AF raises stroke risk about five-fold)"),
        effects: vec![effect("stroke", Evidence::new(0.64, 0.49, 0.74, "Hart, Pearce & Aguilar, Ann Intern Med 2007;146:857", 2007,
            "adjusted-dose warfarin vs control: stroke -64% (95% CI 49-74%); extra major bleeding ≤0.3%/year not modelled"))],
        lag: LagProfile::immediate("Immediate once treated (trial follow-up ~1.5 years; Hart 2007)"),
        decay: no_decay(),
        survival_hr: Evidence::new(1.7, 1.5, 1.9, "Benjamin et al., Circulation 1998;98:946 (Framingham Heart Study)", 1998,
            "AF and death from any cause: odds ratio 1.5 in men and 1.9 in women after adjustment for other risk factors; taken as the hazard of death at every later age once a stroke death is postponed"),
        cost_per_person: local(250.0, 150.0, 400.0, "£ per anticoagulated patient per year (drug and INR monitoring)"),
        notes: "East London practices raised the anticoagulated share from 52.6% to 59.8% (Robson et al., BJGP 2014). Absolute check: 30 strokes prevented per 1,000 patient-years at a baseline of 45 (Segal 2000).".into(),
    }
}

pub fn breast_screening() -> Programme {
    let mut e = effect(
        "breast_cancer",
        Evidence::new(
            0.20,
            0.11,
            0.27,
            "Independent UK Panel on Breast Cancer Screening, Lancet 2012;380:1778",
            2012,
            "breast-cancer mortality -20% (95% CI 11-27%) in women invited; 43 deaths avoided per 10,000 invited over 20 years",
        ),
    );
    e.ages = Some(ages("55-79"));
    Programme {
        id: "breast_screening".into(),
        name: "Breast screening".into(),
        enabled: true,
        reach: Reach::Stock,
        people: "women screened in the last 3 years".into(),
        eligible: Eligible {
            sexes: vec![Sex::Female],
            ages: ages("50-69"),
            share: Evidence::fixed(1.0, "NHS Breast Screening Programme", 2008, "all women 50-70 are invited"),
            by_age: None,
        },
        coverage: coverage(0.70, 0.85),
        adherence: Evidence::fixed(1.0, "Coverage counts women screened", 0, "attendance is the reach"),
        relative_risk: Evidence::fixed(1.0, "Whole population invited", 0, "eligible women have the average risk"),
        effects: vec![e],
        lag: LagProfile::new(&[(0.0, 0.0), (3.0, 0.2), (5.0, 0.5), (7.0, 0.8), (10.0, 1.0)],
            "Raftery & Chorozoglou, BMJ 2011: net benefit takes 7-10 years to appear")
            .with_timing(timing(0.7, 1.3, "full effect between 7 and 13 years (Raftery & Chorozoglou: 7-10 years to net benefit)")),
        decay: no_decay(),
        survival_hr: population_survival(),
        cost_per_person: local(20.0, 15.0, 30.0, "£ per woman covered per year (a screen every 3 years)"),
        notes: "Deaths are postponed at 55-79, after screening at 50-70. The invited-women RRR applied to women screened is conservative.".into(),
    }
}

pub fn bowel_screening() -> Programme {
    let mut e = effect(
        "colorectal_cancer",
        Evidence::new(
            0.23,
            0.15,
            0.30,
            "Towler et al., BMJ 1998;317:559 (Cochrane review of gFOBT)",
            1998,
            "colorectal-cancer mortality -23% in attenders (-16% in those invited); 8.5 deaths prevented per 10,000 offered over 10 years",
        ),
    );
    e.ages = Some(ages("60-84"));
    Programme {
        id: "bowel_screening".into(),
        name: "Bowel screening (gFOBT)".into(),
        enabled: true,
        reach: Reach::Stock,
        people: "people screened in the last 2 years".into(),
        eligible: Eligible {
            sexes: both(),
            ages: ages("60-74"),
            share: Evidence::fixed(
                1.0,
                "NHS Bowel Cancer Screening Programme",
                2006,
                "everyone 60-69 invited, extended to 74",
            ),
            by_age: None,
        },
        coverage: coverage(0.10, 0.60),
        adherence: Evidence::fixed(
            1.0,
            "Coverage counts people screened",
            0,
            "attendance is the reach",
        ),
        relative_risk: Evidence::fixed(
            1.0,
            "Whole population invited",
            0,
            "eligible people have the average risk",
        ),
        effects: vec![e],
        lag: LagProfile::new(
            &[(0.0, 0.0), (2.0, 0.2), (5.0, 0.6), (8.0, 1.0)],
            "Towler 1998; Independent UK Panel 2012: years to a decade before the net mortality gain",
        )
        .with_timing(timing(0.7, 1.4, "full effect between 5.5 and 11 years after starting")),
        decay: no_decay(),
        survival_hr: population_survival(),
        cost_per_person: local(
            15.0,
            10.0,
            25.0,
            "£ per person covered per year (kit, lab, colonoscopy share)",
        ),
        notes: String::new(),
    }
}

pub fn cervical_screening() -> Programme {
    let mut e = effect(
        "cervical_cancer",
        Evidence::new(
            0.60,
            0.45,
            0.75,
            "Peto et al., Lancet 2004;364:249",
            2004,
            "screening prevents ~5,000 UK deaths a year, concentrated at 25-64; a 60% lower death rate in screened women is assumed from it",
        ),
    );
    e.ages = Some(ages("25-79"));
    Programme {
        id: "cervical_screening".into(),
        name: "Cervical screening".into(),
        enabled: true,
        reach: Reach::Stock,
        people: "women screened in the last 3-5 years".into(),
        eligible: Eligible {
            sexes: vec![Sex::Female],
            ages: ages("25-64"),
            share: Evidence::fixed(
                1.0,
                "NHS Cervical Screening Programme",
                2008,
                "all women 25-64 are invited",
            ),
            by_age: None,
        },
        coverage: coverage(0.78, 0.85),
        adherence: Evidence::fixed(
            1.0,
            "Coverage counts women screened",
            0,
            "attendance is the reach",
        ),
        relative_risk: Evidence::fixed(
            1.0,
            "Whole population invited",
            0,
            "eligible women have the average risk",
        ),
        effects: vec![e],
        lag: LagProfile::new(
            &[(0.0, 0.0), (3.0, 0.3), (5.0, 0.6), (10.0, 1.0)],
            "Screening takes years: pre-cancerous lesions treated now prevent deaths 5-10 years on (Peto 2004)",
        )
        .with_timing(timing(0.6, 1.5, "full effect between 6 and 15 years after starting (Peto 2004: 5-10 years)")),
        decay: no_decay(),
        survival_hr: population_survival(),
        cost_per_person: local(15.0, 10.0, 25.0, "£ per woman covered per year"),
        notes: String::new(),
    }
}

pub fn alcohol_brief_interventions() -> Programme {
    let src = "Cuijpers, Riper & Lemmers, Addiction 2004;99:839";
    let what = "mortality RR 0.47 (0.25-0.89) in verified studies; prevented fraction ~0.33 used";
    let mut external = effect("external", Evidence::new(0.33, 0.11, 0.53, src, 2004, what));
    external.relative_risk = Some(local(
        1.5,
        1.2,
        2.0,
        "external-cause death rate of hazardous drinkers relative to the band average",
    ));
    Programme {
        id: "alcohol_brief_interventions".into(),
        name: "Alcohol brief interventions".into(),
        enabled: true,
        reach: Reach::Flow,
        people: "brief interventions a year".into(),
        eligible: Eligible {
            sexes: both(),
            ages: ages("15-74"),
            share: local(
                0.24,
                0.20,
                0.30,
                "share of adults drinking above lower-risk levels",
            ),
            by_age: None,
        },
        coverage: Coverage {
            baseline: 0.01,
            target: 0.01,
            max: 0.15,
            start_year: 2009,
            ramp_years: 1.0,
            bau_change: flat_bau(),
        },
        adherence: local(
            0.5,
            0.3,
            0.7,
            "share of people given advice who sustain lower drinking (Kaner et al., Cochrane 2007: -38 g/week at one year in men)",
        ),
        relative_risk: local(
            3.0,
            2.0,
            4.0,
            "liver-disease death rate of hazardous drinkers relative to the band average",
        ),
        effects: vec![
            effect(
                "liver_disease",
                Evidence::new(0.33, 0.11, 0.53, src, 2004, what),
            ),
            external,
        ],
        lag: LagProfile::new(
            &[(0.0, 0.0), (1.0, 1.0)],
            "Consumption falls within a year (Kaner et al., Cochrane Review 2007)",
        ),
        // Kaner's effect is measured at one year; a 10-year follow-up of brief advice found no
        // lasting difference, so the effect is taken to wear off after the first year.
        decay: Evidence::new(
            0.2,
            0.1,
            0.4,
            "Wutzke et al., Addiction 2002;97:665 (10-year follow-up of brief interventions)",
            2002,
            "no difference in drinking left at 10 years; 20% (10-40%) of the remaining effect assumed lost each year after the first",
        ),
        survival_hr: population_survival(),
        cost_per_person: local(30.0, 15.0, 60.0, "£ per brief intervention delivered"),
        notes: String::new(),
    }
}

pub fn infant_mortality() -> Programme {
    Programme {
        id: "infant_mortality".into(),
        name: "Infant mortality (early booking, smoking in pregnancy)".into(),
        enabled: true,
        reach: Reach::Stock,
        people: "pregnancies in the target group reached".into(),
        eligible: Eligible {
            sexes: both(),
            ages: ages("0-0"),
            share: local(
                0.25,
                0.20,
                0.30,
                "share of births to routine-and-manual households or mothers who smoke",
            ),
            by_age: None,
        },
        coverage: coverage(0.30, 0.80),
        adherence: local(
            0.7,
            0.5,
            0.9,
            "share of women reached who book by 12 weeks / stop smoking",
        ),
        relative_risk: Evidence::new(
            1.4,
            1.15,
            1.7,
            "DH Review of the Health Inequalities Infant Mortality PSA Target",
            2007,
            "routine-and-manual vs all infant-mortality gap 13% (1997-99) to 16-19%; higher in mothers who smoke",
        ),
        effects: vec![effect(
            "infant_perinatal",
            Evidence::new(
                0.25,
                0.10,
                0.35,
                "DH Review of the Health Inequalities Infant Mortality PSA Target; Infant Mortality National Support Team",
                2007,
                "teenage pregnancy, maternal depression, preterm birth and smoking in pregnancy explain over a third of the gap; a quarter of the group's risk removed is assumed",
            ),
        )],
        lag: LagProfile::new(
            &[(0.0, 0.5), (1.0, 1.0)],
            "Acts within the pregnancy and first year of life",
        ),
        decay: no_decay(),
        survival_hr: population_survival(),
        cost_per_person: local(150.0, 80.0, 300.0, "£ per pregnancy reached"),
        notes: String::new(),
    }
}

pub fn affordable_warmth() -> Programme {
    let src = "ONS excess winter mortality bulletins; Wilkinson et al., Cold comfort (JRF 2001)";
    let what = "24,000-36,000 excess winter deaths a year (England & Wales, 2008-2013), about a tenth of circulatory and respiratory deaths at 65+; warm homes assumed to remove half the excess";
    let rrr = || Evidence::new(0.05, 0.02, 0.08, src, 2013, what);
    Programme {
        id: "affordable_warmth".into(),
        name: "Affordable warmth".into(),
        enabled: true,
        reach: Reach::Stock,
        people: "older people in homes made warm".into(),
        eligible: Eligible {
            sexes: both(),
            ages: ages("65+"),
            share: local(
                0.15,
                0.10,
                0.25,
                "share of people 65+ living in cold, hard-to-heat homes",
            ),
            by_age: None,
        },
        coverage: coverage(0.05, 0.50),
        adherence: Evidence::fixed(1.0, "Improvements stay in the home", 0, "no drop-out"),
        relative_risk: local(
            1.2,
            1.1,
            1.4,
            "circulatory and respiratory death rate of people in cold homes relative to all 65+",
        ),
        effects: [
            "chd",
            "stroke",
            "other_circulatory",
            "copd",
            "other_respiratory",
        ]
        .iter()
        .map(|c| effect(c, rrr()))
        .collect(),
        lag: LagProfile::immediate("Acts from the first winter"),
        decay: no_decay(),
        survival_hr: population_survival(),
        cost_per_person: local(
            300.0,
            150.0,
            500.0,
            "£ per person per year (about £3,000 of measures over 10 years)",
        ),
        notes: String::new(),
    }
}

/// A custom programme the user defines: a template to edit.
pub fn custom(id: &str, name: &str) -> Programme {
    Programme {
        id: id.into(),
        name: name.into(),
        enabled: true,
        reach: Reach::Stock,
        people: "people reached".into(),
        eligible: Eligible {
            sexes: both(),
            ages: ages("40-74"),
            share: local(0.1, 0.05, 0.15, "share of the age group who are eligible"),
            by_age: None,
        },
        coverage: Coverage {
            baseline: 0.0,
            target: 0.0,
            max: 0.8,
            start_year: 2009,
            ramp_years: 2.0,
            bau_change: flat_bau(),
        },
        adherence: local(0.7, 0.5, 0.9, "share of those reached who keep it up"),
        relative_risk: local(
            1.0,
            1.0,
            1.0,
            "death rate of the eligible group relative to the band average",
        ),
        effects: vec![effect(
            "chd",
            local(0.1, 0.05, 0.15, "relative risk reduction in those reached"),
        )],
        lag: LagProfile::new(&[(0.0, 0.0), (2.0, 1.0)], LOCAL),
        decay: no_decay(),
        survival_hr: population_survival(),
        cost_per_person: local(50.0, 25.0, 100.0, "£ per person reached per year"),
        notes: "User-defined programme.".into(),
    }
}

/// Every shipped programme, in the order the app lists them.
pub fn all() -> Vec<Programme> {
    vec![
        statins_primary(),
        statins_secondary(),
        blood_pressure(),
        smoking_cessation(),
        af_anticoagulation(),
        breast_screening(),
        bowel_screening(),
        cervical_screening(),
        alcohol_brief_interventions(),
        infant_mortality(),
        affordable_warmth(),
    ]
}
