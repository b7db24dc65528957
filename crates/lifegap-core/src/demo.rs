//! The synthetic demonstration area: a reproducible generator, calibrated to published
//! headline figures, so the app and README examples work out of the box with no real data.
//!
//! * England 2006–08 life expectancy at birth: 77.9 (men) and 82.0 (women) (ONS, as quoted in
//!   methods.md). The age pattern of mortality is an approximation of England's 2006–08 rates,
//!   scaled so the life table gives exactly those figures.
//! * "Demoborough": a Spearhead-like area whose life expectancy is lower by the Spearhead Group's
//!   2006–08 gap, 2.1 years for men (75.8) and 1.6 for women (80.4). Its excess mortality by cause
//!   is weighted the way the gap between Spearhead areas and England divides up (circulatory
//!   about a third, cancers about a fifth, respiratory and digestive/liver next, then external
//!   causes and infant deaths; DH/APHO Health Inequalities Intervention Tool), concentrated
//!   under 75 and fading at the oldest ages.
//!
//! Deaths are rounded to whole numbers as in a real extract. Nothing here is real data and the
//! file says so (`# synthetic: true`), as do the app and the reports.

use crate::model::area::Sex;
use crate::model::bands::BandSet;
use crate::model::life_table::e0_from_rates;

/// The 14 causes of the default taxonomy, in file column order.
pub const CAUSES: [&str; 14] = [
    "chd",
    "stroke",
    "other_circulatory",
    "lung_cancer",
    "colorectal_cancer",
    "breast_cancer",
    "cervical_cancer",
    "other_cancer",
    "copd",
    "other_respiratory",
    "liver_disease",
    "external",
    "infant_perinatal",
    "other",
];

/// Target life expectancy at birth (published, 2006–08).
pub(crate) fn target_e0(area_is_england: bool, sex: Sex) -> f64 {
    match (area_is_england, sex) {
        (true, Sex::Male) => 77.9,
        (true, Sex::Female) => 82.0,
        (false, Sex::Male) => 75.8,
        (false, Sex::Female) => 80.4,
    }
}

/// Approximate England 2006–08 all-cause death rates by band, before calibration.
fn england_rates(sex: Sex) -> [f64; 20] {
    match sex {
        Sex::Male => [
            0.0054, 0.00025, 0.0001, 0.00012, 0.0004, 0.0007, 0.0008, 0.0009, 0.0012, 0.0018,
            0.0028, 0.0045, 0.0070, 0.0115, 0.018, 0.030, 0.050, 0.085, 0.145, 0.26,
        ],
        Sex::Female => [
            0.0045, 0.0002, 0.00008, 0.0001, 0.00022, 0.00027, 0.00032, 0.00045, 0.00065, 0.0011,
            0.0018, 0.0029, 0.0045, 0.0072, 0.011, 0.019, 0.033, 0.058, 0.105, 0.21,
        ],
    }
}

/// England mid-2007 population by band in thousands (approximate); three years are pooled.
fn england_population(sex: Sex) -> [f64; 20] {
    match sex {
        Sex::Male => [
            330.0, 1250.0, 1450.0, 1600.0, 1700.0, 1700.0, 1600.0, 1650.0, 1950.0, 1950.0, 1700.0,
            1500.0, 1600.0, 1300.0, 1100.0, 900.0, 700.0, 450.0, 200.0, 70.0,
        ],
        Sex::Female => [
            315.0, 1190.0, 1380.0, 1520.0, 1610.0, 1640.0, 1590.0, 1670.0, 1990.0, 1990.0, 1740.0,
            1530.0, 1650.0, 1360.0, 1200.0, 1040.0, 900.0, 700.0, 420.0, 200.0,
        ],
    }
}

/// Demoborough's population structure relative to England (younger, fewer old people),
/// about 260,000 people.
fn local_population(sex: Sex) -> [f64; 20] {
    let eng = england_population(sex);
    let young_shift = [
        1.25, 1.2, 1.1, 1.05, 1.1, 1.3, 1.35, 1.2, 1.05, 1.0, 0.95, 0.95, 0.9, 0.9, 0.9, 0.9, 0.85,
        0.85, 0.8, 0.8,
    ];
    let mut out = [0.0; 20];
    for i in 0..20 {
        out[i] = (eng[i] * young_shift[i] * 1000.0 * 260_000.0 / 51_000_000.0).round();
    }
    out
}

/// Share of each cause in a band's deaths, England, by broad age group.
fn cause_shares(sex: Sex, age: u32) -> [f64; 14] {
    let male = sex == Sex::Male;
    // chd, stroke, oth_circ, lung, colorectal, breast, cervical, oth_cancer, copd, oth_resp,
    // liver, external, infant, other
    let mut s = match age {
        0 => [
            0.0, 0.0, 0.01, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.02, 0.0, 0.01, 0.86, 0.10,
        ],
        1..=14 => [
            0.0, 0.01, 0.04, 0.0, 0.0, 0.0, 0.0, 0.20, 0.0, 0.07, 0.0, 0.30, 0.0, 0.38,
        ],
        15..=34 => [
            0.03, 0.02, 0.05, 0.01, 0.01, 0.02, 0.01, 0.10, 0.0, 0.03, 0.03, 0.50, 0.0, 0.19,
        ],
        35..=54 => [
            0.14, 0.04, 0.05, 0.06, 0.03, 0.07, 0.01, 0.17, 0.01, 0.03, 0.08, 0.14, 0.0, 0.17,
        ],
        55..=74 => [
            0.20, 0.06, 0.06, 0.09, 0.04, 0.04, 0.004, 0.21, 0.06, 0.04, 0.03, 0.02, 0.0, 0.146,
        ],
        _ => [
            0.17, 0.11, 0.09, 0.04, 0.025, 0.015, 0.001, 0.12, 0.06, 0.11, 0.005, 0.01, 0.0, 0.244,
        ],
    };
    if male {
        // Men: no cervical cancer, breast cancer negligible, more CHD and external deaths.
        s[5] *= 0.01;
        s[6] = 0.0;
        s[0] *= 1.35;
        s[11] *= 1.3;
        s[10] *= 1.3;
    } else {
        s[0] *= 0.75;
        s[11] *= 0.6;
        s[5] *= 1.4;
    }
    let total: f64 = s.iter().sum();
    s.map(|v| v / total)
}

/// Local-to-England rate ratios before scaling: how much more of each cause Demoborough has.
/// Their spread reproduces the usual make-up of a Spearhead gap.
fn excess_weights(sex: Sex) -> [f64; 14] {
    let m = sex == Sex::Male;
    [
        if m { 0.40 } else { 0.35 }, // chd
        0.30,                        // stroke
        0.20,                        // other circulatory
        if m { 0.60 } else { 0.50 }, // lung cancer
        0.10,                        // colorectal
        0.05,                        // breast
        0.40,                        // cervical
        0.18,                        // other cancers
        if m { 0.80 } else { 0.75 }, // COPD
        0.30,                        // other respiratory
        if m { 0.90 } else { 0.70 }, // liver
        if m { 0.40 } else { 0.35 }, // external
        0.35,                        // infant
        0.15,                        // other
    ]
}

/// Fade the excess at the oldest ages (most of the gap is premature mortality).
fn age_taper(age: u32) -> f64 {
    match age {
        0..=74 => 1.0,
        75..=79 => 0.7,
        80..=84 => 0.45,
        _ => 0.25,
    }
}

/// Solve for the multiplier that gives `target` e0 (bisection; e0 falls as rates rise).
fn calibrate(target: f64, rates: impl Fn(f64) -> [f64; 20], lo: f64, hi: f64) -> f64 {
    let (mut lo, mut hi) = (lo, hi);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if e0_from_rates(BandSet::To90, &rates(mid)) > target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// One row of the demo file.
pub struct DemoRow {
    pub area: &'static str,
    pub sex: Sex,
    pub age: u32,
    pub population: f64,
    pub deaths: [f64; 14],
}

pub const ENGLAND: &str = "England";
pub const LOCAL: &str = "Demoborough";

/// Every row of the demo file: both areas, both sexes, 20 bands.
pub fn rows() -> Vec<DemoRow> {
    let bands = BandSet::To90;
    let mut out = Vec::new();
    for sex in Sex::BOTH {
        let base = england_rates(sex);
        let k = calibrate(target_e0(true, sex), |k| base.map(|m| m * k), 0.2, 5.0);
        let eng_rates = base.map(|m| m * k);
        let w = excess_weights(sex);
        let loc_pop = local_population(sex);
        // Calibrate on the rounded counts, so the file itself gives the target.
        let local_rates = |s: f64| {
            let mut r = [0.0; 20];
            for (i, &age) in bands.starts().iter().enumerate() {
                let shares = cause_shares(sex, age);
                let p = loc_pop[i] * 3.0;
                let d: f64 = (0..14)
                    .map(|c| {
                        (p * eng_rates[i] * shares[c] * (1.0 + s * w[c] * age_taper(age))).round()
                    })
                    .sum();
                r[i] = d / p;
            }
            r
        };
        let s = calibrate(target_e0(false, sex), local_rates, 0.0, 10.0);
        let eng_pop = england_population(sex);
        for (i, &age) in bands.starts().iter().enumerate() {
            let shares = cause_shares(sex, age);
            let p_eng = (eng_pop[i] * 1000.0 * 3.0).round();
            let p_loc = loc_pop[i] * 3.0;
            let mut d_eng = [0.0; 14];
            let mut d_loc = [0.0; 14];
            for c in 0..14 {
                d_eng[c] = (p_eng * eng_rates[i] * shares[c]).round();
                d_loc[c] =
                    (p_loc * eng_rates[i] * shares[c] * (1.0 + s * w[c] * age_taper(age))).round();
            }
            out.push(DemoRow {
                area: ENGLAND,
                sex,
                age,
                population: p_eng,
                deaths: d_eng,
            });
            out.push(DemoRow {
                area: LOCAL,
                sex,
                age,
                population: p_loc,
                deaths: d_loc,
            });
        }
    }
    // Group rows by area then sex, as extracts are.
    out.sort_by_key(|r| (r.area != LOCAL, r.sex, r.age));
    out
}

/// The demo file's text.
pub fn csv_text() -> String {
    let mut s = String::new();
    s += "# synthetic: true\n";
    s += "# period: 2006-08\n";
    s += "# note: SYNTHETIC demonstration data, not real deaths or population. Made by `lifegap demo-data`;\n";
    s += "# note: England calibrated to e0 77.9 (men) / 82.0 (women), 2006-08; Demoborough is a\n";
    s += "# note: Spearhead-like area ~2 years lower (75.8 / 80.4). Population = three years pooled.\n";
    s += "area,sex,age,population,";
    s += &CAUSES.join(",");
    s += ",all_causes\n";
    for r in rows() {
        let total: f64 = r.deaths.iter().sum();
        s += &format!("{},{},{},{}", r.area, r.sex, r.age, r.population);
        for d in r.deaths {
            s += &format!(",{d}");
        }
        s += &format!(",{total}\n");
    }
    s
}

/// The demo scenarios shipped in `scenarios/`: the 2010 countdown at today's scale.
pub mod scenarios {
    use crate::model::area::Sex;
    use crate::model::programmes::library;
    use crate::model::scenario::{
        BySex, DataSource, Date, GapMeasure, HistoryPoint, Milestone, Period, Scenario,
        StatusRules, Target, Trend, UncertaintySettings,
    };

    /// Path of the demo data as seen from `scenarios/`.
    pub const DATA: &str = "../assets/data/demo-area-2006-08.csv";

    fn history() -> Vec<HistoryPoint> {
        let src = "England: ONS (methods.md). Local: the Spearhead Group's published figures, used as the SYNTHETIC area's history";
        vec![
            HistoryPoint {
                period: Period::new(1995, 1997),
                local: BySex {
                    male: 72.7,
                    female: 78.3,
                },
                comparator: BySex {
                    male: 74.6,
                    female: 79.7,
                },
                source: src.into(),
            },
            HistoryPoint {
                period: Period::new(2003, 2005),
                local: BySex {
                    male: 74.9,
                    female: 79.6,
                },
                comparator: BySex {
                    male: 76.9,
                    female: 81.1,
                },
                source: src.into(),
            },
        ]
    }

    fn milestones() -> Vec<Milestone> {
        let mut out = Vec::new();
        for sex in Sex::BOTH {
            out.push(Milestone {
                name: "2010 PSA target".into(),
                sex,
                period: Period::new(2009, 2011),
                target: Target::GapReduction {
                    baseline: Period::new(1995, 1997),
                    reduction: 0.10,
                    measure: GapMeasure::Absolute,
                },
            });
        }
        for (sex, e0) in [(Sex::Male, 77.4), (Sex::Female, 81.45)] {
            out.push(Milestone {
                name: "2013 local milestone".into(),
                sex,
                period: Period::new(2011, 2013),
                target: Target::MinLifeExpectancy(e0),
            });
        }
        out
    }

    /// Programme scales "today" (2009) against the 2006–08 baseline.
    const TODAY: [(&str, f64); 11] = [
        ("statins_primary", 0.35),
        ("statins_secondary", 0.85),
        ("blood_pressure", 0.45),
        ("smoking_cessation", 0.06),
        ("af_anticoagulation", 0.55),
        ("breast_screening", 0.72),
        ("bowel_screening", 0.45),
        ("cervical_screening", 0.79),
        ("alcohol_brief_interventions", 0.03),
        ("infant_mortality", 0.40),
        ("affordable_warmth", 0.10),
    ];

    /// An illustrative (invented) thematic action plan for the main programmes.
    fn action_plan() -> crate::model::action_plan::ActionPlan {
        use crate::model::action_plan::{ActionPlan, Answer, Partner, ProgrammePlan};
        let partner = |name: &str, locality: &str, lead: &str, share: f64| Partner {
            name: name.into(),
            locality: locality.into(),
            lead: lead.into(),
            share,
        };
        let mut plans = Vec::new();
        let mut p = ProgrammePlan::new("statins_primary");
        p.lead = "Clinical lead for CVD, Demoborough PCT".into();
        p.partners = vec![
            partner(
                "Practice-based commissioning hub",
                "North",
                "Hub CVD lead (North)",
                0.4,
            ),
            partner(
                "Practice-based commissioning hub",
                "South",
                "Hub CVD lead (South)",
                0.4,
            ),
            partner(
                "Community pharmacy",
                "Borough-wide",
                "Pharmacy adviser",
                0.2,
            ),
        ];
        p.checklist[0].answer = Answer::Partly;
        p.checklist[0].note = "Risk registers in 60% of practices".into();
        p.checklist[4].answer = Answer::Yes;
        plans.push(p);
        let mut p = ProgrammePlan::new("blood_pressure");
        p.lead = "Clinical lead for CVD, Demoborough PCT".into();
        p.partners = vec![
            partner(
                "Practice-based commissioning hub",
                "North",
                "Hub CVD lead (North)",
                0.45,
            ),
            partner(
                "Practice-based commissioning hub",
                "South",
                "Hub CVD lead (South)",
                0.45,
            ),
            partner(
                "Voluntary sector",
                "Borough-wide",
                "Health trainers manager",
                0.1,
            ),
        ];
        plans.push(p);
        let mut p = ProgrammePlan::new("smoking_cessation");
        p.lead = "Stop Smoking Service manager".into();
        p.partners = vec![
            partner(
                "Stop Smoking Service",
                "Borough-wide",
                "Service manager",
                0.6,
            ),
            partner(
                "Acute trust",
                "Demoborough General",
                "Smoke-free hospital lead",
                0.15,
            ),
            partner(
                "Community pharmacy",
                "Borough-wide",
                "Pharmacy adviser",
                0.25,
            ),
        ];
        p.checklist[1].answer = Answer::No;
        p.checklist[1].note =
            "Capacity must double to show at population level (NAO HC 186)".into();
        plans.push(p);
        let mut p = ProgrammePlan::new("affordable_warmth");
        p.lead = "Head of private sector housing, City council".into();
        p.partners = vec![
            partner(
                "City council",
                "Borough-wide",
                "Private sector housing",
                0.7,
            ),
            partner(
                "Voluntary sector",
                "Borough-wide",
                "Age Concern warm homes officer",
                0.3,
            ),
        ];
        plans.push(p);
        ActionPlan { programmes: plans }
    }

    /// `demo-2010-countdown.ron`: programmes at today's scale.
    pub fn countdown() -> Scenario {
        let mut programmes = library::all();
        for p in &mut programmes {
            if let Some((_, c)) = TODAY.iter().find(|(id, _)| *id == p.id) {
                p.coverage.target = *c;
            }
        }
        Scenario {
            version: crate::model::scenario::CURRENT_VERSION,
            name: "Demoborough: 2010 countdown at today's scale (SYNTHETIC demo)".into(),
            notes: "SYNTHETIC demonstration: Demoborough is an invented Spearhead-like area. Programmes start in 2009 \
                    and reach the scale set over two years (one for stop-smoking services and alcohol advice); \
                    baselines are the 2006-08 levels already in the data and trend, with flat business as usual."
                .into(),
            data: DataSource::Wide(DATA.into()),
            area: super::LOCAL.into(),
            comparator: super::ENGLAND.into(),
            base_period: Period::new(2006, 2008),
            horizon: Period::new(2008, 2015),
            as_of: Some(Date { year: 2009, month: 4, day: 1 }),
            history: history(),
            trend: Trend::FromHistory,
            comparator_path: Default::default(),
            programmes,
            milestones: milestones(),
            status: StatusRules::default(),
            uncertainty: UncertaintySettings::default(),
            action_plan: action_plan(),
            files: Default::default(),
            sii_milestones: Vec::new(),
        }
    }

    /// `demo-stretch.ron`: the national support team's reading (HIIT; NAO HC 186, 2010):
    /// statins and blood-pressure treatment up 40%, stop-smoking capacity doubled, and the
    /// other programmes at the levels the best-performing areas reach.
    pub fn stretch() -> Scenario {
        let mut s = countdown();
        s.name =
            "Demoborough: stretch, as a national support team would recommend (SYNTHETIC demo)"
                .into();
        s.notes = "SYNTHETIC demonstration. Statins and blood-pressure treatment +40% on today's scale and stop-smoking \
                   capacity doubled (HIIT's national reading, NAO HC 186, 2010); other programmes raised towards their \
                   feasible maxima."
            .into();
        for p in &mut s.programmes {
            let t = p.coverage.target;
            p.coverage.target = match p.id.as_str() {
                "statins_primary" | "statins_secondary" | "blood_pressure" => t * 1.4,
                "smoking_cessation" | "alcohol_brief_interventions" => t * 2.0,
                "af_anticoagulation" => 0.70,
                "infant_mortality" => 0.60,
                "affordable_warmth" => 0.25,
                "bowel_screening" => 0.55,
                "breast_screening" => 0.78,
                "cervical_screening" => 0.82,
                _ => t,
            }
            .min(p.coverage.max);
        }
        s
    }
}

/// `demo-goal-seek.ron`: the countdown scenario with every programme scaled together (each
/// the same fraction of the way from baseline to its maximum) just enough to meet the men's
/// 2013 local milestone, as `lifegap goal-seek` finds it.
pub fn goal_seek_scenario(
    data: &crate::model::area::AreaData,
) -> Result<crate::model::scenario::Scenario, String> {
    use crate::model::goal_seek::seek_mix;
    use crate::model::projection::Simulator;
    let mut s = scenarios::countdown();
    let sim = Simulator::new(&s, data).map_err(|e| e.to_string())?;
    let m = s
        .milestones
        .iter()
        .find(|m| m.name == "2013 local milestone" && m.sex == crate::model::area::Sex::Male)
        .cloned()
        .ok_or("no 2013 milestone")?;
    let ids: Vec<String> = s.programmes.iter().map(|p| p.id.clone()).collect();
    let g = seek_mix(&sim, &s, &m, &ids).map_err(|e| e.to_string())?;
    if !g.reachable {
        return Err(format!("the demo milestone is not reachable: {}", g.note));
    }
    for (id, c) in &g.coverages {
        if let Some(p) = s.programmes.iter_mut().find(|p| &p.id == id) {
            // Rounded up to 0.1 percentage point so the saved scales still meet it.
            p.coverage.target = ((c * 1000.0).ceil() / 1000.0).min(p.coverage.max);
        }
    }
    s.name = "Demoborough: what it takes to meet the 2013 milestone (SYNTHETIC demo)".into();
    s.notes = format!(
        "SYNTHETIC demonstration. Programme scales solved by goal seek (`lifegap goal-seek scenarios/demo-2010-countdown.ron \
         --milestone \"2013 local milestone (men)\"`): every programme {:.0}% of the way from its 2006-08 baseline to its \
         maximum feasible coverage, rounded up to 0.1 percentage point.",
        g.lambda.unwrap_or(0.0) * 100.0
    );
    Ok(s)
}
