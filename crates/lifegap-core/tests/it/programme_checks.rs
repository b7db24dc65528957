//! Programme arithmetic by hand, the absolute checks of `evidence.md`, monotonicity, zero
//! coverage, the multiplicative combination, and attribution that adds up.

use lifegap_core::model::area::{AreaData, Group, Provenance, Sex};
use lifegap_core::model::bands::BandSet;
use lifegap_core::model::cause_reduction::{AgeRange, rate_method};
use lifegap_core::model::evidence::{Evidence, LagProfile};
use lifegap_core::model::life_table::LifeTableOptions;
use lifegap_core::model::programmes::{Programme, Reach, library};
use lifegap_core::model::projection::{Simulator, central_settings};
use lifegap_core::model::scenario::{BySex, DataSource, Period, Scenario, Trend};
use proptest::prelude::*;

/// Two areas × both sexes with causes chd, stroke, other; the local area has `pop` people per
/// band per year over a one-year base period, and rates rising with age.
fn area(pop: f64) -> AreaData {
    let bands = BandSet::To90;
    let mut groups = Vec::new();
    for (name, level) in [("Local", 1.2), ("England", 1.0)] {
        for sex in Sex::BOTH {
            let population = vec![pop; 20];
            let rate =
                |b: usize, share: f64| 0.0004 * (0.42 * b as f64).exp().min(400.0) * level * share;
            let deaths = [0.3, 0.2, 0.5]
                .iter()
                .map(|share| {
                    (0..20)
                        .map(|b| (pop * rate(b, *share)).min(pop * 0.3))
                        .collect()
                })
                .collect();
            groups.push(Group {
                area: name.into(),
                sex,
                population,
                deaths,
            });
        }
    }
    AreaData {
        bands,
        causes: vec!["chd".into(), "stroke".into(), "other".into()],
        groups,
        provenance: Provenance::default(),
    }
}

fn scenario(programmes: Vec<Programme>) -> Scenario {
    Scenario {
        version: 2,
        name: "test".into(),
        notes: String::new(),
        data: DataSource::Wide("unused.csv".into()),
        area: "Local".into(),
        comparator: "England".into(),
        base_period: Period::new(2007, 2007),
        horizon: Period::new(2008, 2015),
        as_of: None,
        history: Vec::new(),
        // No trend: rates stay at the base period's, so the arithmetic is by hand.
        trend: Trend::Annual {
            local: BySex::default(),
            comparator: BySex::default(),
        },
        comparator_path: Default::default(),
        programmes,
        milestones: Vec::new(),
        status: Default::default(),
        uncertainty: Default::default(),
        action_plan: Default::default(),
        files: Default::default(),
        sii_milestones: Vec::new(),
    }
}

/// One programme on CHD in the 60–64 band only.
fn one_band_programme(lag: LagProfile) -> Programme {
    let mut p = library::custom("test", "Test");
    p.reach = Reach::Stock;
    p.eligible.ages = "60-64".parse().unwrap();
    p.eligible.share = Evidence::fixed(0.5, "test", 0, "");
    p.coverage.baseline = 0.0;
    p.coverage.target = 0.4;
    p.coverage.max = 1.0;
    p.coverage.start_year = 2008;
    p.coverage.ramp_years = 0.0;
    p.adherence = Evidence::fixed(0.8, "test", 0, "");
    p.relative_risk = Evidence::fixed(2.0, "test", 0, "");
    p.effects[0].cause = "chd".into();
    p.effects[0].rrr = Evidence::fixed(0.25, "test", 0, "");
    p.lag = lag;
    p
}

/// The programme has a problem at `path` (its field in the scenario file) whose message
/// contains `words`; on failure, every problem it has.
#[track_caller]
fn assert_problem(p: &Programme, path: &str, words: &str) {
    let problems = p.problems(None);
    assert!(
        problems
            .iter()
            .any(|(f, m)| f.to_string() == path && m.contains(words)),
        "no problem at {path} saying '{words}': {problems:?}"
    );
}

#[test]
fn one_programme_one_cause_one_band_by_hand() {
    let data = area(10_000.0);
    let lag = LagProfile::new(&[(0.0, 0.0), (2.0, 1.0)], "test");
    let s = scenario(vec![one_band_programme(lag.clone())]);
    let sim = Simulator::new(&s, &data).unwrap();
    let proj = sim.run(&s, &central_settings(&s));
    let g = data.group("Local", Sex::Male).unwrap();
    let b = BandSet::To90.index_of(60).unwrap();
    let m_chd = g.deaths[0][b] / g.population[b];
    let people = 10_000.0 * 0.5 * 0.4 * 0.8; // eligible × coverage above baseline × adherence
    for (t, _) in proj.years.iter().enumerate() {
        let lag_t = lag.at(t as f64 + 0.5);
        // deaths postponed = N × risk of the group × RRR × lag
        let want = people * (m_chd * 2.0) * 0.25 * lag_t;
        let got = proj.sex(Sex::Male).unwrap().deaths_postponed[t];
        assert!((got - want).abs() < 1e-9, "year {t}: {got} vs {want}");
        // e0 gain = the rate-method reduction of CHD in that band by the same share.
        let fraction = want / g.deaths[0][b];
        let all = g.all_deaths();
        let cut = rate_method(
            BandSet::To90,
            &g.population,
            &all,
            &g.deaths[0],
            fraction,
            AgeRange::new(60, Some(64)),
            &LifeTableOptions::default(),
        )
        .unwrap();
        let base = g
            .life_table(BandSet::To90, &LifeTableOptions::default())
            .unwrap();
        let sx = proj.sex(Sex::Male).unwrap();
        let gain = sx.e0_local_with[t] - sx.e0_local_without[t];
        assert!(
            (gain - (cut.e0() - base.e0())).abs() < 1e-9,
            "year {t}: gain {gain}"
        );
    }
}

/// Baseline coverage by age, by hand: one programme on CHD at 60-69, two bands of 10,000
/// people, each with half in the group at twice the band's CHD rate, already treated 20% at
/// 60-64 and 60% at 65-69 (the eligible-weighted average 40% is `coverage.baseline`); the
/// plan raises coverage from 40% to 70% at once, no lag, adherence 0.8, RRR 0.25. The 30
/// points reach the same share of the untreated in each band, 0.3/0.6 = half: 40 points at
/// 60-64 (0.8 untreated × ½), 20 at 65-69 (0.4 × ½). The people reached newly come from the
/// untreated, whose rate is the group's / (1 − bₐ × 0.8 × 0.25): 1/0.96 and 1/0.88. Each
/// band's deaths postponed are its share of the CHD deaths cut, and the e₀ gain is the
/// rate-method reduction of each band's CHD deaths by that share; people and cost are the
/// flat programme's.
#[test]
fn baseline_coverage_by_age_follows_each_bands_untreated() {
    use lifegap_core::model::programmes::{AgeProfile, AgeValue};
    let data = area(10_000.0);
    let mut p = one_band_programme(LagProfile::immediate("test"));
    p.eligible.ages = "60-69".parse().unwrap();
    p.coverage.baseline = 0.4;
    p.coverage.target = 0.7;
    let band = |ages: &str, b: f64| AgeValue {
        ages: ages.parse().unwrap(),
        share: 0.5,
        relative_risk: 2.0,
        effect_risks: Vec::new(),
        baseline_coverage: Some(b),
    };
    p.eligible.by_age = Some(AgeProfile {
        bands: vec![band("60-64", 0.2), band("65-69", 0.6)],
        source: "test".into(),
        year: 0,
        measures: String::new(),
        coverage_source: "test".into(),
        coverage_year: 0,
        coverage_measures: String::new(),
    });
    assert!(p.problems(None).is_empty(), "{:?}", p.problems(None));
    let s = scenario(vec![p.clone()]);
    let sim = Simulator::new(&s, &data).unwrap();
    assert!(sim.baseline_mismatch.is_empty());
    let proj = sim.run(&s, &central_settings(&s));
    let g = data.group("Local", Sex::Male).unwrap();
    let bands = BandSet::To90;
    let (b60, b65) = (bands.index_of(60).unwrap(), bands.index_of(65).unwrap());
    // Share of each band's CHD deaths postponed: share × RR × extra × adherence × RRR / (1 − bₐ·a·RRR).
    let f60: f64 = 0.5 * 2.0 * 0.4 * 0.8 * 0.25 / (1.0 - 0.2 * 0.8 * 0.25);
    let f65: f64 = 0.5 * 2.0 * 0.2 * 0.8 * 0.25 / (1.0 - 0.6 * 0.8 * 0.25);
    assert!((f60 - 0.08 / 0.96).abs() < 1e-15 && (f65 - 0.04 / 0.88).abs() < 1e-15);
    let want = f60 * g.deaths[0][b60] + f65 * g.deaths[0][b65];
    let sx = proj.sex(Sex::Male).unwrap();
    for t in 0..proj.years.len() {
        let got = sx.deaths_postponed[t];
        assert!((got - want).abs() < 1e-9, "year {t}: {got} vs {want}");
    }
    // The e₀ gain: the local life table with each band's CHD deaths cut by its share.
    let mut cut = g.clone();
    cut.deaths[0][b60] *= 1.0 - f60;
    cut.deaths[0][b65] *= 1.0 - f65;
    let opts = LifeTableOptions::default();
    let gain =
        cut.life_table(bands, &opts).unwrap().e0() - g.life_table(bands, &opts).unwrap().e0();
    assert!((sx.e0_local_with[0] - sx.e0_local_without[0] - gain).abs() < 1e-9);
    // People and cost as the flat programme's: eligible × 30 points, both sexes.
    let people = 2.0 * 20_000.0 * 0.5 * 0.3;
    assert!((proj.programmes[0].people_reached[0] - people).abs() < 1e-9);
    // The same programme with one flat baseline postpones a different number: the ages matter.
    let mut flat = p.clone();
    flat.eligible
        .by_age
        .as_mut()
        .unwrap()
        .bands
        .iter_mut()
        .for_each(|v| v.baseline_coverage = None);
    let s2 = scenario(vec![flat]);
    let sim2 = Simulator::new(&s2, &data).unwrap();
    let flat_deaths = sim2.run(&s2, &central_settings(&s2)).sexes[0].deaths_postponed[0];
    let flat_want = 0.5 * 2.0 * 0.3 * 0.8 * 0.25 / (1.0 - 0.4 * 0.8 * 0.25)
        * (g.deaths[0][b60] + g.deaths[0][b65]);
    assert!(
        (flat_deaths - flat_want).abs() < 1e-9,
        "{flat_deaths} vs {flat_want}"
    );
    assert!((flat_deaths - want).abs() > 0.01 * want);
}

/// Baseline coverage by age: each value is held to 0–1 at its own field, a flow programme may
/// not carry one, a profile giving them needs their source, and a baseline that does not
/// match the ages' eligible-weighted average is a warning on evaluation (not silent).
#[test]
fn baseline_coverage_by_age_is_checked() {
    use lifegap_core::model::programmes::{AgeProfile, AgeValue};
    let band = |ages: &str, b: f64| AgeValue {
        ages: ages.parse().unwrap(),
        share: 0.5,
        relative_risk: 2.0,
        effect_risks: Vec::new(),
        baseline_coverage: Some(b),
    };
    let mut p = one_band_programme(LagProfile::immediate("test"));
    p.eligible.ages = "60-69".parse().unwrap();
    p.coverage.baseline = 0.4;
    p.coverage.target = 0.7;
    p.eligible.by_age = Some(AgeProfile {
        bands: vec![band("60-64", 0.2), band("65-69", 1.2)],
        source: "test".into(),
        year: 0,
        measures: String::new(),
        ..AgeProfile::default()
    });
    assert_problem(
        &p,
        "eligible.by_age.bands[1].baseline_coverage",
        "1.2 at ages 65-69 is out of range",
    );
    assert_problem(&p, "eligible.by_age.coverage_source", "no coverage_source");
    let mut flow = p.clone();
    flow.reach = Reach::Flow;
    flow.eligible.by_age.as_mut().unwrap().bands[1].baseline_coverage = Some(0.6);
    assert_problem(
        &flow,
        "eligible.by_age.bands[0].baseline_coverage",
        "only a stock programme",
    );
    // Averages 45% against a baseline of 40%: warned, with both figures.
    let profile = p.eligible.by_age.as_mut().unwrap();
    profile.coverage_source = "test".into();
    profile.bands[1].baseline_coverage = Some(0.7);
    assert!(p.problems(None).is_empty(), "{:?}", p.problems(None));
    let s = scenario(vec![p.clone()]);
    let sim = Simulator::new(&s, &data_for_warnings()).unwrap();
    assert_eq!(sim.baseline_mismatch.len(), 1);
    let (id, name, stated, mean) = &sim.baseline_mismatch[0];
    assert_eq!((id.as_str(), name.as_str(), *stated), ("test", "Test", 0.4));
    assert!((mean - 0.45).abs() < 1e-12, "{mean}");
    // Within half a point: no warning.
    p.eligible.by_age.as_mut().unwrap().bands[1].baseline_coverage = Some(0.609);
    let s = scenario(vec![p]);
    assert!(
        Simulator::new(&s, &data_for_warnings())
            .unwrap()
            .baseline_mismatch
            .is_empty()
    );
}

fn data_for_warnings() -> AreaData {
    area(10_000.0)
}

/// Business as usual and the untreated rate, by hand (IMPACT conventions): base period 2007
/// (middle of 2007), coverage 0.5 then, BAU +0.05 a year, so BAU is 0.55 in 2008, 0.60 in
/// 2009 … 0.90 in 2015; the plan holds 0.9 from 2008, so the credited coverage is 0.35,
/// 0.30, … 0. The people newly reached come from the untreated, whose CHD rate is the group's
/// (2 × the band's) divided by 1 − BAU × adherence 0.8 × RRR 0.25.
#[test]
fn coverage_above_business_as_usual_acts_on_the_untreated_rate_by_hand() {
    let data = area(10_000.0);
    let mut p = one_band_programme(LagProfile::immediate("test"));
    p.coverage.baseline = 0.5;
    p.coverage.target = 0.9;
    p.coverage.bau_change = Evidence::fixed(0.05, "test", 0, "");
    let s = scenario(vec![p]);
    let sim = Simulator::new(&s, &data).unwrap();
    let proj = sim.run(&s, &central_settings(&s));
    let g = data.group("Local", Sex::Male).unwrap();
    let b = BandSet::To90.index_of(60).unwrap();
    let m_chd = g.deaths[0][b] / g.population[b];
    let bau = [0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90];
    for (t, bau_t) in bau.iter().enumerate() {
        let extra = 0.9 - bau_t;
        let people = 10_000.0 * 0.5 * extra * 0.8;
        let untreated_rate = m_chd * 2.0 / (1.0 - bau_t * 0.8 * 0.25);
        let want = people * untreated_rate * 0.25;
        let got = proj.sex(Sex::Male).unwrap().deaths_postponed[t];
        assert!((got - want).abs() < 1e-9, "year {t}: {got} vs {want}");
        // People reached above BAU, men and women.
        let reached = proj.programmes[0].people_reached[t];
        assert!(
            (reached - 2.0 * 10_000.0 * 0.5 * extra).abs() < 1e-9,
            "{reached}"
        );
    }
    // With a flat BAU and no one treated in the base period, nothing changes from the plain
    // rule (the case above, `one_programme_one_cause_one_band_by_hand`); with coverage 0.5
    // already in the base period, the untreated rate is 1/(1 − 0.5 × 0.8 × 0.25) = 1/0.9 of
    // the group's.
    let mut p = one_band_programme(LagProfile::immediate("test"));
    p.coverage.baseline = 0.5;
    p.coverage.target = 0.9;
    let s = scenario(vec![p]);
    let proj = Simulator::new(&s, &data)
        .unwrap()
        .run(&s, &central_settings(&s));
    let want = 10_000.0 * 0.5 * 0.4 * 0.8 * (m_chd * 2.0 / 0.9) * 0.25;
    let got = proj.sex(Sex::Male).unwrap().deaths_postponed[0];
    assert!((got - want).abs() < 1e-9, "{got} vs {want}");
}

/// Life-years from each programme's own deaths postponed: one programme in the first year of
/// life, one at 60–64, each postponing deaths in its own band, so each programme's
/// life-years are its deaths × the remaining life expectancy at its own band.
#[test]
fn each_programme_is_credited_the_life_years_of_its_own_deaths() {
    let data = area(10_000.0);
    let mut young = one_band_programme(LagProfile::immediate("test"));
    young.id = "young".into();
    young.eligible.ages = "0-0".parse().unwrap();
    let old = one_band_programme(LagProfile::immediate("test"));
    let s = scenario(vec![young, old]);
    let sim = Simulator::new(&s, &data).unwrap();
    let proj = sim.run(&s, &central_settings(&s));
    let male = sim.sex(Sex::Male).unwrap();
    let t = &male.local_table.rows;
    let b60 = BandSet::To90.index_of(60).unwrap();
    let e_mid = |b: usize| 0.5 * (t[b].e + t[b + 1].e);
    let per_death: Vec<f64> = proj
        .programmes
        .iter()
        .map(|p| {
            let x = &p.by_sex[0];
            x.attributed_life_years[0] / x.attributed_deaths[0]
        })
        .collect();
    // Separate cells, so attribution is each programme's own figure.
    assert!((per_death[0] - e_mid(0)).abs() < 1e-9, "{per_death:?}");
    assert!((per_death[1] - e_mid(b60)).abs() < 1e-9, "{per_death:?}");
    assert!(per_death[0] > 3.0 * per_death[1]);
}

#[test]
fn zero_coverage_above_baseline_changes_nothing() {
    let data = area(10_000.0);
    let mut programmes = library::all();
    for p in &mut programmes {
        p.coverage.target = p.coverage.baseline;
    }
    let s = scenario(programmes);
    let sim = Simulator::new(&s, &data).unwrap();
    let proj = sim.run(&s, &central_settings(&s));
    for sx in &proj.sexes {
        assert_eq!(sx.e0_local_with, sx.e0_local_without);
        assert!(sx.deaths_postponed.iter().all(|d| *d == 0.0));
    }
    assert!(
        proj.programmes
            .iter()
            .all(|p| p.cost.iter().all(|c| *c == 0.0))
    );
}

#[test]
fn programmes_on_the_same_cells_combine_multiplicatively_and_never_exceed_the_deaths() {
    let data = area(10_000.0);
    let imm = LagProfile::immediate("test");
    let a = one_band_programme(imm.clone());
    let mut b = one_band_programme(imm);
    b.id = "second".into();
    let s = scenario(vec![a, b]);
    let sim = Simulator::new(&s, &data).unwrap();
    let proj = sim.run(&s, &central_settings(&s));
    let g = data.group("Local", Sex::Male).unwrap();
    let bi = BandSet::To90.index_of(60).unwrap();
    let r = 0.5 * 0.4 * 0.8 * 2.0 * 0.25; // each programme's share of the cell
    let combined = g.deaths[0][bi] * (1.0 - (1.0 - r) * (1.0 - r));
    let got = proj.sex(Sex::Male).unwrap().deaths_postponed[0];
    assert!((got - combined).abs() < 1e-9, "{got} vs {combined}");
    // Attribution adds up exactly, in gain and in deaths.
    for sx in Sex::BOTH {
        let x = proj.sex(sx).unwrap();
        for t in 0..proj.years.len() {
            let total = x.e0_local_with[t] - x.e0_local_without[t];
            let credited: f64 = proj
                .programmes
                .iter()
                .map(|p| p.by_sex[sx.index()].attributed_gain[t])
                .sum();
            assert!((total - credited).abs() < 1e-12);
            let deaths: f64 = proj
                .programmes
                .iter()
                .map(|p| p.by_sex[sx.index()].attributed_deaths[t])
                .sum();
            assert!((deaths - x.deaths_postponed[t]).abs() < 1e-9);
            // Solo effects overlap, so they add up to more than the combined effect.
            let solo: f64 = proj
                .programmes
                .iter()
                .map(|p| p.by_sex[sx.index()].solo_gain[t])
                .sum();
            assert!(solo >= total - 1e-12);
        }
    }
    // An absurd programme (everyone, at ten times the band's average risk) would hold ten
    // times the band's deaths: refused, at the field, before any projection.
    let mut huge = one_band_programme(LagProfile::immediate("test"));
    huge.eligible.share = Evidence::fixed(1.0, "t", 0, "");
    huge.coverage.target = 1.0;
    huge.adherence = Evidence::fixed(1.0, "t", 0, "");
    huge.relative_risk = Evidence::fixed(10.0, "t", 0, "");
    huge.effects[0].rrr = Evidence::fixed(1.0, "t", 0, "");
    assert_problem(&huge, "relative_risk.value", "more than all of them");
    assert!(Simulator::new(&scenario(vec![huge.clone()]), &data).is_err());
    // The most a valid programme can do (everyone, full effect) still leaves the cell a rate.
    huge.relative_risk = Evidence::fixed(1.0, "t", 0, "");
    let s = scenario(vec![huge]);
    let sim = Simulator::new(&s, &data).unwrap();
    let proj = sim.run(&s, &central_settings(&s));
    let got = proj.sex(Sex::Male).unwrap().deaths_postponed[0];
    let cap = lifegap_core::model::projection::MAX_REDUCTION * g.deaths[0][bi];
    assert!(
        (got - cap).abs() < 1e-9,
        "capped below the cell's deaths: {got}"
    );
    assert!(got < g.deaths[0][bi]);
}

/// Deaths postponed over `years` for `n` people with a group death rate `rate` from one cause.
fn postponed(n: f64, rate: f64, mut p: Programme, years: usize) -> f64 {
    // One band (60-64) of 100,000 people a year; the eligible share makes `n` people.
    let data = area(100_000.0);
    let g = data.group("Local", Sex::Male).unwrap();
    let b = BandSet::To90.index_of(60).unwrap();
    let cause = data.cause_index(&p.effects[0].cause).unwrap();
    let m = g.deaths[cause][b] / g.population[b];
    p.eligible.sexes = vec![Sex::Male];
    p.eligible.ages = "60-64".parse().unwrap();
    p.effects[0].ages = None;
    p.eligible.share = Evidence::fixed(n / 100_000.0, "t", 0, "");
    // Per person treated: the shipped age profile's shares would replace `n`.
    p.eligible.by_age = None;
    p.coverage.baseline = 0.0;
    p.coverage.target = 1.0;
    p.coverage.max = 1.0;
    p.coverage.start_year = 2008;
    p.coverage.ramp_years = 0.0;
    p.adherence = Evidence::fixed(1.0, "t", 0, "");
    p.relative_risk = Evidence::fixed(rate / m, "t", 0, "");
    p.effects.truncate(1);
    p.effects[0].relative_risk = None;
    let mut s = scenario(vec![p]);
    s.horizon = Period::new(2008, 2008 + years as i32 - 1);
    let sim = Simulator::new(&s, &data).unwrap();
    let proj = sim.run(&s, &central_settings(&s));
    proj.sex(Sex::Male).unwrap().deaths_postponed.iter().sum()
}

#[test]
fn absolute_check_secondary_prevention_statins_4s() {
    // 4S: coronary deaths 8.5% (placebo) → 5.0% (simvastatin) over 5.4 years, 35 per 1,000;
    // the trial's RRR (0.42) is intention-to-treat, so adherence is 1 here. Hand: annual
    // placebo rate 0.085/5.4 × 0.42 × Σ lag over 6 years (CTT: 0.5, 0.75, then 1 × 4 = 5.25)
    // × 1,000 = 34.71; at full effect from the first day it would be 39.7 (docs/validation.md).
    let got = postponed(1000.0, 0.085 / 5.4, library::statins_secondary(), 6);
    let hand = 1000.0 * 0.085 / 5.4 * 0.42 * 5.25;
    assert!((got - hand).abs() < 1e-9, "{got} vs {hand}");
    assert!(
        (got - 35.0).abs() / 35.0 < 0.05,
        "CHD deaths postponed per 1,000 over 6 years: {got} (4S: 35 in 5.4 years)"
    );
}

#[test]
fn absolute_check_warfarin_in_af() {
    // Segal 2000: at 45 strokes per 1,000 patient-years, warfarin prevents 30.
    let got = postponed(1000.0, 0.045, library::af_anticoagulation(), 1);
    eprintln!("absolute check, strokes prevented per 1,000 patient-years: {got:.2}");
    assert!(
        (got - 30.0).abs() <= 3.0,
        "strokes prevented per 1,000 patient-years: {got}"
    );
}

#[test]
fn absolute_check_gfobt_per_10000_offered() {
    // Towler 1998: 8.5 colorectal deaths prevented per 10,000 offered over 10 years, with the
    // invited-population RRR of 16% and a control-arm colorectal death rate of about 0.55 per
    // 1,000 a year at 50-74 (the trials' own rate). The trials' 16% is an average over their
    // follow-up, delay included: applied at once it reproduces the trials (8.8 ≈ 8.5); with
    // the shipped screening lag on top (full effect at 8 years) the model counts only the
    // lag's average over the 10 years, 0.58 of it (5.1): conservative within the trials'
    // window, by design (docs/validation.md).
    let mut p = library::bowel_screening();
    p.effects[0].cause = "other".into(); // the test area's cause list; the arithmetic is the same
    p.effects[0].rrr = Evidence::fixed(0.16, "Towler 1998", 1998, "invited");
    let mut at_once = p.clone();
    at_once.lag = LagProfile::immediate("trial average");
    let trial = postponed(10_000.0, 0.00055, at_once, 10);
    assert!(
        (trial - 8.8).abs() < 1e-9 && (trial - 8.5).abs() / 8.5 < 0.05,
        "{trial}"
    );
    let lag_mean: f64 = (0..10).map(|j| p.lag.at(j as f64 + 0.5)).sum::<f64>() / 10.0;
    let got = postponed(10_000.0, 0.00055, p, 10);
    assert!((got - trial * lag_mean).abs() < 1e-9, "{got}");
    assert!((got - 5.1).abs() < 0.05, "{got}");
}

#[test]
fn absolute_check_breast_screening_per_10000_invited() {
    // UK Panel 2012: 43 deaths avoided per 10,000 invited over 20 years at RRR 20%, which
    // implies about 215 breast-cancer deaths per 10,000 over 20 years (1.08 per 1,000 a year).
    // As for gFOBT: at once, 43.2 (the Panel's 43); with the Raftery lag (full effect at 10
    // years) 0.75 of it, 32.4.
    let mut p = library::breast_screening();
    p.effects[0].cause = "other".into();
    let mut at_once = p.clone();
    at_once.lag = LagProfile::immediate("trial average");
    let trial = postponed(10_000.0, 0.00108, at_once, 20);
    assert!((trial - 43.2).abs() < 1e-9, "{trial}");
    let lag_mean: f64 = (0..20).map(|j| p.lag.at(j as f64 + 0.5)).sum::<f64>() / 20.0;
    let got = postponed(10_000.0, 0.00108, p, 20);
    assert!((got - trial * lag_mean).abs() < 1e-9, "{got}");
    assert!((got - 32.4).abs() < 0.05, "{got}");
}

#[test]
fn absolute_check_lipid_lowering_all_trials() {
    // Meta-analysis 2023: about 1.3 fewer deaths per 1,000 person-years; trial populations
    // die at about 1.3% a year and statins cut all-cause deaths by about 10% per mmol/L (CTT).
    let mut p = library::statins_secondary();
    p.lag = LagProfile::immediate("steady state");
    p.effects[0].cause = "other".into();
    p.effects[0].rrr = Evidence::fixed(0.10, "CTT 2010", 2010, "all-cause mortality per 1 mmol/L");
    let got = postponed(1000.0, 0.013, p, 1);
    eprintln!("absolute check, deaths prevented per 1,000 person-years: {got:.2}");
    assert!(
        (got - 1.3).abs() < 0.15,
        "deaths prevented per 1,000 person-years: {got}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// More coverage never widens the gap, in any year, for any programme.
    #[test]
    fn more_coverage_never_widens_the_gap(k in 0usize..11, a in 0.0f64..1.0, b in 0.0f64..1.0) {
        let data = area(20_000.0);
        let mut programmes = library::all();
        for p in &mut programmes {
            p.coverage.target = p.coverage.baseline;
        }
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        let p = &programmes[k];
        let span = p.coverage.max - p.coverage.baseline;
        let (c_lo, c_hi) = (p.coverage.baseline + lo * span, p.coverage.baseline + hi * span);
        let mut s = scenario(programmes);
        s.programmes[k].coverage.target = c_lo;
        let sim = Simulator::new(&s, &data).unwrap();
        let low = sim.run(&s, &central_settings(&s));
        s.programmes[k].coverage.target = c_hi;
        let high = sim.run(&s, &central_settings(&s));
        for (x, y) in low.sexes.iter().zip(&high.sexes) {
            for t in 0..low.years.len() {
                prop_assert!(y.gap_with[t] <= x.gap_with[t] + 1e-12);
                prop_assert!(y.gap_with[t] <= y.gap_without[t] + 1e-12);
            }
        }
    }
}

#[test]
fn an_effect_on_a_cause_the_data_lack_does_not_shift_the_others() {
    let data = area(10_000.0);
    let mut p = one_band_programme(LagProfile::immediate("test"));
    let mut missing = p.effects[0].clone();
    missing.cause = "heart_disease".into(); // not in the data (chd, stroke, other)
    missing.rrr = Evidence::fixed(0.9, "t", 0, "");
    p.effects[0].cause = "stroke".into();
    p.effects[0].rrr = Evidence::fixed(0.1, "t", 0, "");
    p.effects.insert(0, missing);
    let s = scenario(vec![p]);
    let sim = Simulator::new(&s, &data).unwrap();
    assert_eq!(
        sim.missing_causes,
        vec![("test".to_string(), "heart_disease".to_string())]
    );
    let proj = sim.run(&s, &central_settings(&s));
    let g = data.group("Local", Sex::Male).unwrap();
    let b = BandSet::To90.index_of(60).unwrap();
    let m_stroke = g.deaths[1][b] / g.population[b];
    let want = 10_000.0 * 0.5 * 0.4 * 0.8 * (m_stroke * 2.0) * 0.1;
    let got = proj.sex(Sex::Male).unwrap().deaths_postponed[0];
    assert!(
        (got - want).abs() < 1e-9,
        "stroke uses its own RRR: {got} vs {want}"
    );
}

/// An age profile replaces the flat share and risk band by band, by hand: the 60-64 band's
/// eligible share 0.2 at 3 times the band's CHD rate (flat: 0.5 at 2 times), no lag, coverage
/// 0.4 above a zero baseline, adherence 0.8, RRR 0.25.
#[test]
fn an_age_profile_sets_share_and_risk_band_by_band() {
    use lifegap_core::model::programmes::{AgeProfile, AgeValue};
    let data = area(10_000.0);
    let mut p = one_band_programme(LagProfile::immediate("test"));
    p.eligible.by_age = Some(AgeProfile {
        bands: vec![AgeValue {
            ages: "60-64".parse().unwrap(),
            share: 0.2,
            relative_risk: 3.0,
            effect_risks: Vec::new(),
            baseline_coverage: None,
        }],
        source: "test".into(),
        year: 0,
        measures: String::new(),
        ..AgeProfile::default()
    });
    let s = scenario(vec![p.clone()]);
    let sim = Simulator::new(&s, &data).unwrap();
    let proj = sim.run(&s, &central_settings(&s));
    let g = data.group("Local", Sex::Male).unwrap();
    let b = BandSet::To90.index_of(60).unwrap();
    let m_chd = g.deaths[0][b] / g.population[b];
    let want = 10_000.0 * 0.2 * 0.4 * 0.8 * (m_chd * 3.0) * 0.25;
    let got = proj.sex(Sex::Male).unwrap().deaths_postponed[0];
    assert!((got - want).abs() < 1e-9, "{got} vs {want}");
    // Eligible people (both sexes) from the profile's share.
    assert!((proj.programmes[0].eligible - 2.0 * 10_000.0 * 0.2).abs() < 1e-9);
    // More deaths in the group than the band has is refused where it is written.
    p.eligible.by_age.as_mut().unwrap().bands[0].share = 0.4;
    assert_problem(
        &p,
        "eligible.by_age.bands[0].relative_risk",
        "more than all of them",
    );
}

/// England's path from Holt's forecast (Holt 1957): with α = β = 1 on 78, 78.5, 79 (2004–2006)
/// the forecast h years after 2006.5 is 79 + 0.5h, so in 2010 (mid 2010.5, h = 4) England's e₀
/// in the projection is 81.0 for men; typed values are followed as straight lines.
#[test]
fn comparator_path_follows_holt_and_typed_values() {
    use lifegap_core::model::comparator_path::{ComparatorPath, PathPoint};
    use lifegap_core::model::holt::fit;
    let data = area(10_000.0);
    let pt = |y: i32, m: f64| PathPoint {
        period: Period::new(y, y),
        e0: BySex {
            male: m,
            female: m + 4.0,
        },
    };
    let mut s = scenario(Vec::new());
    s.comparator_path = ComparatorPath::Holt {
        series: vec![pt(2004, 78.0), pt(2005, 78.5), pt(2006, 79.0)],
        alpha: Some(1.0),
        beta: Some(1.0),
    };
    let proj = Simulator::new(&s, &data)
        .unwrap()
        .run(&s, &central_settings(&s));
    let men = proj.sexes.iter().find(|r| r.sex == Sex::Male).unwrap();
    let i = proj.years.iter().position(|&y| y == 2010).unwrap();
    let holt = fit(&[78.0, 78.5, 79.0], Some(1.0), Some(1.0))
        .unwrap()
        .forecast(4.0, 1.96)
        .value;
    assert!((holt - 81.0).abs() < 1e-12);
    assert!(
        (men.e0_comparator[i] - holt).abs() < 1e-6,
        "{}",
        men.e0_comparator[i]
    );

    s.comparator_path = ComparatorPath::Values {
        points: vec![pt(2008, 80.0), pt(2016, 84.0)],
    };
    let proj = Simulator::new(&s, &data)
        .unwrap()
        .run(&s, &central_settings(&s));
    let women = proj.sexes.iter().find(|r| r.sex == Sex::Female).unwrap();
    // 2012 is halfway: 82 for men, 86 for women.
    let i = proj.years.iter().position(|&y| y == 2012).unwrap();
    assert!((women.e0_comparator[i] - 86.0).abs() < 1e-6);

    // A path that cannot be fitted is refused in words, naming the field.
    s.comparator_path = ComparatorPath::Holt {
        series: vec![pt(2004, 78.0), pt(2005, 78.5)],
        alpha: None,
        beta: None,
    };
    let problems = s.check();
    assert!(
        problems
            .iter()
            .any(|p| p.field.to_string().contains("comparator_path") && p.message.contains("Holt")),
        "{problems:?}"
    );
    assert!(Simulator::new(&s, &data).is_err());
}

/// A kept file's path is checked like every other field: an empty one is refused at
/// `files.actuals`; `linked_path` refuses a path that climbs out of the scenario's folder.
#[test]
fn linked_files_are_checked() {
    let mut s = scenario(Vec::new());
    s.files.actuals = Some(String::new());
    let problems = s.check();
    assert!(
        problems
            .iter()
            .any(|p| p.field.to_string() == "files.actuals"),
        "{problems:?}"
    );
    let sc = std::path::Path::new("/tmp/some/where/s.ron");
    assert!(lifegap_core::scenario_file::linked_path(sc, "../x.csv").is_err());
    assert!(lifegap_core::scenario_file::linked_path(sc, "/etc/passwd").is_err());
    assert_eq!(
        lifegap_core::scenario_file::linked_path(sc, "in/x.csv").unwrap(),
        std::path::Path::new("/tmp/some/where/in/x.csv")
    );
}

/// Each shipped age profile, by hand against England's 2006-08 ages (the demo file's England,
/// both sexes): where the flat share is a local figure the profile keeps it as the average
/// over the eligible ages (AF 7% at 65+, primary statins 12% at 40-74, secondary 9% at 45+,
/// smoking 26% at 15+); blood pressure keeps the survey's own figures, whose 40-79 average
/// is the flat 40%. Every range keeps share × RR ≤ 1, for each effect too.
#[test]
fn shipped_age_profiles_keep_their_flat_averages() {
    let loaded = lifegap_core::scenario_file::load(&crate::common::shipped()[0]).unwrap();
    let data = &loaded.data;
    let bands = data.bands;
    let pop: Vec<f64> = (0..bands.len())
        .map(|b| {
            Sex::BOTH
                .iter()
                .map(|&s| data.group("England", s).unwrap().population[b])
                .sum()
        })
        .collect();
    for (p, flat, tol) in [
        (library::af_anticoagulation(), 0.07, 0.001),
        (library::statins_primary(), 0.12, 0.001),
        (library::statins_secondary(), 0.09, 0.001),
        (library::smoking_cessation(), 0.26, 0.001),
        (library::blood_pressure(), 0.40, 0.005),
    ] {
        assert!(
            p.problems(None).is_empty(),
            "{}: {:?}",
            p.name,
            p.problems(None)
        );
        let profile = p.eligible.by_age.as_ref().expect("a shipped profile");
        assert!(!profile.source.is_empty() && !profile.measures.is_empty());
        let within = p.eligible.ages.bands(bands);
        let (mut num, mut den) = (0.0, 0.0);
        for &b in &within {
            num += pop[b] * p.share_in(bands, b);
            den += pop[b];
        }
        let avg = num / den;
        assert!((avg - flat).abs() < tol, "{}: {avg} vs {flat}", p.name);
        assert!((p.eligible.share.value - flat).abs() < 1e-12, "{}", p.name);
        for v in &profile.bands {
            assert!(v.share * v.relative_risk <= 1.0, "{}: {}", p.name, v.ages);
            for rr in &v.effect_risks {
                assert!(v.share * rr <= 1.0, "{}: {}", p.name, v.ages);
            }
        }
    }
    // Blood pressure's treated share by age averages (eligible-weighted, England's ages) to
    // its flat baseline, and on the demo area's ages within the warning's half a point.
    let p = library::blood_pressure();
    assert!(p.has_age_baselines());
    let (mut num, mut den) = (0.0, 0.0);
    for b in p.eligible.ages.bands(bands) {
        let w = pop[b] * p.share_in(bands, b);
        num += w * p.baseline_in(bands, b);
        den += w;
    }
    assert!(
        (num / den - p.coverage.baseline).abs() < 0.001,
        "{}",
        num / den
    );
    let s = &loaded.scenario;
    let sim = lifegap_core::model::projection::Simulator::new(s, data).unwrap();
    assert!(
        sim.baseline_mismatch.is_empty(),
        "{:?}",
        sim.baseline_mismatch
    );
}

/// Smokers' relative risk by range, by hand: at 60+ (prevalence 14.5%) the lung-cancer group
/// has 17 / (1 + 0.145 × 16) = 5.1205 times the range's average (3.2946 at the flat 26%), the
/// CHD group 2 / 1.145 = 1.7467 (1.5873), so the ratio the projection applies to each effect
/// is that effect's own.
#[test]
fn smokers_relative_risk_follows_each_causes_prevalence_by_age() {
    let p = library::smoking_cessation();
    let bands = BandSet::To90;
    let b = bands.index_of(70).unwrap();
    let profile = p.eligible.by_age.as_ref().unwrap();
    let v = profile
        .bands
        .iter()
        .find(|v| v.ages.to_string() == "60+")
        .unwrap();
    assert_eq!(v.share, 0.145);
    // CHD 2, stroke 1.8, lung cancer 17, COPD 11 (CPS-II) against the 60+ average.
    assert_eq!(v.effect_risks, [1.7467, 1.6129, 5.1205, 4.4898]);
    let lung = p
        .effects
        .iter()
        .position(|e| e.cause == "lung_cancer")
        .unwrap();
    let chd = p.effects.iter().position(|e| e.cause == "chd").unwrap();
    assert_eq!(
        p.effects[lung].relative_risk.as_ref().unwrap().value,
        3.2946
    );
    assert!((p.risk_ratio_in(bands, b, lung) - 5.1205 / 3.2946).abs() < 1e-12);
    assert!((p.risk_ratio_in(bands, b, chd) - 1.7467 / 1.5873).abs() < 1e-12);
    // Outside the profile's ranges (none here below 15) the ratio is 1.
    assert_eq!(
        p.risk_ratio_in(bands, bands.index_of(5).unwrap(), lung),
        1.0
    );
}

/// An age range's relative risk for each effect, by hand: a two-effect programme at 60-64
/// (share 0.2; CHD 3 times the band's rate, stroke 4 times; the range's one `relative_risk`
/// of 1 would halve the CHD effect's flat 2 if it were used), each effect's deaths postponed
/// are people × its own group rate × RRR; a list of the wrong length and a share × RR over 1
/// are errors where they are written.
#[test]
fn an_age_range_can_give_each_effect_its_own_relative_risk() {
    use lifegap_core::model::programmes::{AgeProfile, AgeValue};
    let data = area(10_000.0);
    let mut p = one_band_programme(LagProfile::immediate("test"));
    let mut stroke = p.effects[0].clone();
    stroke.cause = "stroke".into();
    stroke.relative_risk = Some(Evidence::fixed(1.5, "test", 0, ""));
    p.effects.push(stroke);
    p.eligible.by_age = Some(AgeProfile {
        bands: vec![AgeValue {
            ages: "60-64".parse().unwrap(),
            share: 0.2,
            relative_risk: 1.0,
            effect_risks: vec![3.0, 4.0],
            baseline_coverage: None,
        }],
        source: "test".into(),
        year: 0,
        measures: String::new(),
        ..AgeProfile::default()
    });
    assert!(p.problems(None).is_empty(), "{:?}", p.problems(None));
    let s = scenario(vec![p.clone()]);
    let sim = Simulator::new(&s, &data).unwrap();
    let proj = sim.run(&s, &central_settings(&s));
    let g = data.group("Local", Sex::Male).unwrap();
    let b = BandSet::To90.index_of(60).unwrap();
    let (m_chd, m_stroke) = (
        g.deaths[0][b] / g.population[b],
        g.deaths[1][b] / g.population[b],
    );
    let people = 10_000.0 * 0.2 * 0.4 * 0.8;
    let want = people * (m_chd * 3.0 + m_stroke * 4.0) * 0.25;
    let got = proj.sex(Sex::Male).unwrap().deaths_postponed[0];
    assert!((got - want).abs() < 1e-9, "{got} vs {want}");

    let mut short = p.clone();
    short.eligible.by_age.as_mut().unwrap().bands[0].effect_risks = vec![3.0];
    assert_problem(
        &short,
        "eligible.by_age.bands[0].effect_risks",
        "1 effect relative risks for 2 effects",
    );
    let mut over = p;
    over.eligible.by_age.as_mut().unwrap().bands[0].effect_risks = vec![3.0, 6.0];
    assert_problem(
        &over,
        "eligible.by_age.bands[0].effect_risks[1]",
        "more than all of them",
    );
}

/// Survival after a postponed death, by hand: a programme postponing CHD deaths at 90+ (the
/// open band, where remaining life expectancy is 1/m) buys 1/m years a death at the
/// population's survival and 1/(1.7 m) with AF's hazard ratio 1.7 (Benjamin 1998): the
/// life-years fall by 1/1.7, the deaths do not move, and the cost per life-year rises 1.7-fold.
#[test]
fn a_groups_survival_sets_the_years_each_postponed_death_buys() {
    let data = area(10_000.0);
    let mut p = one_band_programme(LagProfile::immediate("test"));
    p.eligible.ages = "90+".parse().unwrap();
    p.eligible.share = Evidence::fixed(0.2, "test", 0, "");
    p.relative_risk = Evidence::fixed(1.0, "test", 0, "");
    let run = |p: &Programme| {
        let s = scenario(vec![p.clone()]);
        let sim = Simulator::new(&s, &data).unwrap();
        let proj = sim.run(&s, &central_settings(&s));
        let x = &proj.programmes[0].by_sex[0];
        let m = sim
            .sex(Sex::Male)
            .unwrap()
            .local_table
            .rows
            .last()
            .unwrap()
            .m;
        (
            x.attributed_deaths[0],
            x.attributed_life_years[0],
            proj.sex(Sex::Male).unwrap().life_years_gained[0],
            m,
        )
    };
    let (d1, ly1, all1, m) = run(&p);
    assert!(
        (ly1 / d1 - 1.0 / m).abs() < 1e-9,
        "{} vs {}",
        ly1 / d1,
        1.0 / m
    );
    p.survival_hr = Evidence::new(1.7, 1.5, 1.9, "Benjamin 1998", 1998, "AF");
    let (d2, ly2, all2, _) = run(&p);
    assert!((d2 - d1).abs() < 1e-12);
    assert!((ly2 / d2 - 1.0 / (1.7 * m)).abs() < 1e-9, "{}", ly2 / d2);
    // One programme: the combined life-years are its own.
    assert!((all2 - ly2).abs() < 1e-9 && (all1 - ly1).abs() < 1e-9);
    // Out of range is an error at its field.
    p.survival_hr = Evidence::new(12.0, 1.5, 12.0, "t", 0, "t");
    assert_problem(&p, "survival_hr.value", "");
}

/// Two programmes on the same cells (CHD at 60-64), one with a group hazard ratio 2 and one
/// at the population's survival: each is credited its own group's years, and the combined
/// life-years are the cell's deaths at the reduction-weighted years, so they sit between the
/// two and the attributed life-years add up to them.
#[test]
fn shared_cells_weight_each_groups_years_by_its_reduction() {
    let data = area(10_000.0);
    let plain = one_band_programme(LagProfile::immediate("test"));
    let mut sick = one_band_programme(LagProfile::immediate("test"));
    sick.id = "sick".into();
    sick.survival_hr = Evidence::fixed(2.0, "test", 0, "test");
    let s = scenario(vec![plain, sick]);
    let sim = Simulator::new(&s, &data).unwrap();
    let proj = sim.run(&s, &central_settings(&s));
    let male = proj.sex(Sex::Male).unwrap();
    let per: Vec<f64> = proj
        .programmes
        .iter()
        .map(|p| p.by_sex[0].attributed_life_years[0] / p.by_sex[0].attributed_deaths[0])
        .collect();
    // By hand: the population's mid-band years at 60-64, and the same from a life table on
    // twice the local all-cause death rates.
    let g = data.group("Local", Sex::Male).unwrap();
    let all: Vec<f64> = (0..20)
        .map(|b| g.deaths.iter().map(|c| c[b]).sum())
        .collect();
    let twice: Vec<f64> = all.iter().map(|d| 2.0 * d).collect();
    let opts = LifeTableOptions::default();
    let b = BandSet::To90.index_of(60).unwrap();
    let mid = |deaths: &[f64]| {
        let t = lifegap_core::model::life_table::life_table(
            BandSet::To90,
            deaths,
            &g.population,
            &opts,
        )
        .unwrap();
        0.5 * (t.rows[b].e + t.rows[b + 1].e)
    };
    assert!((per[0] - mid(&all)).abs() < 1e-9, "{per:?}");
    assert!(
        (per[1] - mid(&twice)).abs() < 1e-9,
        "{per:?} vs {}",
        mid(&twice)
    );
    assert!(per[1] < per[0], "{per:?}");
    let together = male.life_years_gained[0] / male.deaths_postponed[0];
    // Equal reductions: the combined years a death are the mean of the two.
    assert!(
        (together - 0.5 * (per[0] + per[1])).abs() < 1e-9,
        "{together} {per:?}"
    );
    let attributed: f64 = proj
        .programmes
        .iter()
        .map(|p| p.by_sex[0].attributed_life_years[0])
        .sum();
    assert!((attributed - male.life_years_gained[0]).abs() < 1e-9);
}
