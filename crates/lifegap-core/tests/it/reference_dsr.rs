//! Directly standardised rates against a published worked example (Fleiss 1981 Table 14.4, as
//! reused by Fay & Feuer 1997 and the dsrTest vignette): see `tests/data/reference/README.md`,
//! section 4.

use crate::common::{close, f, read};
use lifegap_core::model::dsr::{dsr, rate::CountLimits};

#[test]
fn fleiss_birth_order_5_dsr_matches_published_value() {
    let rows = read("dsr_fleiss_downs_birthorder5_input.csv");
    assert_eq!(rows.len(), 6, "six maternal-age bands");
    let labels: Vec<String> = rows.iter().map(|r| r["maternal_age"].clone()).collect();
    let cases: Vec<f64> = rows.iter().map(|r| f(r, "cases")).collect();
    let births: Vec<f64> = rows.iter().map(|r| f(r, "births")).collect();
    let standard: Vec<f64> = rows.iter().map(|r| f(r, "standard")).collect();
    let expected = read("dsr_fleiss_downs_birthorder5_expected.csv");
    let want = |q: &str| {
        expected
            .iter()
            .find(|r| r["quantity"] == q)
            .map(|r| f(r, "value"))
            .unwrap_or_else(|| panic!("{q} missing from the expected file"))
    };
    let r = dsr(
        "birth order 5+",
        &labels,
        &cases,
        &births,
        &standard,
        0.95,
        1e5,
    )
    .unwrap();
    close("DSR (published)", r.value, want("dsr_per_100000"), 5e-6);
    close("events", r.events, want("events"), 0.0);
    assert_eq!(r.limits, CountLimits::Byar);
    close(
        "lower (DERIVED)",
        r.lower.unwrap(),
        want("lower95_dobson_byar"),
        1e-9,
    );
    close(
        "upper (DERIVED)",
        r.upper.unwrap(),
        want("upper95_dobson_byar"),
        1e-9,
    );
    // The standard's scale does not matter: the average over five birth orders gives the same.
    let fifth: Vec<f64> = standard.iter().map(|w| w / 5.0).collect();
    let r5 = dsr("", &labels, &cases, &births, &fifth, 0.95, 1e5).unwrap();
    close("same rate on weights / 5", r5.value, r.value, 1e-9);
}

/// The seed question's life-table step against a reference-run vector: meeting a circulatory
/// under-75 target that asks for exactly 20% less than today's rate cuts every circulatory
/// rate under 75 by 20%, so e₀ must be the PHE-method value of
/// `synthetic_cause_reduced_expected.csv` (circulatory deaths cut 20% below 75, reference-run),
/// and cancer already below its target must change nothing.
#[test]
fn targets_met_gain_reproduces_the_reference_cause_reduction() {
    use crate::common::{SYNTHETIC_CAUSES, synthetic_groups};
    use lifegap_core::evaluate::{EvalOptions, evaluate};
    use lifegap_core::model::area::{AreaData, Group, Provenance, Sex};
    use lifegap_core::model::bands::BandSet;
    use lifegap_core::model::dsr::targets::{
        Baseline, Context, RateTarget, shortfall_years, targets_met_gain,
    };
    use lifegap_core::model::dsr::{Measure, Standard, group_rate};
    use lifegap_core::model::projection::central_settings;
    use lifegap_core::model::scenario::{BySex, Period, Trend, new_from_data};

    let g = synthetic_groups();
    let groups = ["local", "comparator"]
        .iter()
        .map(|name| {
            let (pop, causes) = &g[*name];
            Group {
                area: name.to_string(),
                sex: Sex::Male,
                population: pop.clone(),
                deaths: causes.clone(),
            }
        })
        .collect();
    let data = AreaData {
        bands: BandSet::To90,
        causes: SYNTHETIC_CAUSES.iter().map(|s| s.to_string()).collect(),
        groups,
        provenance: Provenance {
            source: "synthetic_gap_inputs.csv".into(),
            period: Some("2006-08".into()),
            ..Default::default()
        },
    };
    let mut s = new_from_data(&data, "local", "comparator");
    s.programmes.clear();
    let flat = BySex {
        male: 0.0,
        female: 0.0,
    };
    s.trend = Trend::Annual {
        local: flat,
        comparator: flat,
    };
    let period = Period::new(2009, 2011);
    s.milestones.iter_mut().for_each(|m| m.period = period);
    let as_of = "2009-04-01".parse().unwrap();
    let ev = evaluate(&s, &data, &EvalOptions::central(as_of)).unwrap();
    let milestone = &ev.results.milestones[0].result;
    let standard = Standard::Esp2013;
    let local = data.group("local", Sex::Male).unwrap();
    let now = |m| group_rate(&data, local, m, standard, 0.95).unwrap().value;
    let target = |measure, reduction| RateTarget {
        measure,
        baseline_period: period,
        target_period: period,
        reduction,
        gap_reduction: 0.0,
    };
    let targets = [
        target(Measure::CirculatoryUnder75, 0.2),
        target(Measure::CancerUnder75, 0.2),
    ];
    let baselines = [
        Baseline {
            measure: Measure::CirculatoryUnder75,
            sex: Sex::Male,
            period,
            area: now(Measure::CirculatoryUnder75),
            comparator: 0.0,
        },
        // A cancer baseline so high that today's rate is already below the target.
        Baseline {
            measure: Measure::CancerUnder75,
            sex: Sex::Male,
            period,
            area: 10.0 * now(Measure::CancerUnder75),
            comparator: 0.0,
        },
    ];
    let settings = central_settings(&s);
    let cx = Context {
        simulator: &ev.simulator,
        scenario: &s,
        settings: &settings,
        data: &data,
        standard,
    };
    let r = targets_met_gain(&cx, milestone, &targets, &baselines, None).unwrap();
    let want = read("synthetic_cause_reduced_expected.csv");
    let e0_ref = f(&want[0], "value");
    close("e0 with the targets met", r.e0_targets_met, e0_ref, 1e-6);
    close(
        "e0 without (the data)",
        r.e0_without,
        77.11657530248686,
        1e-6,
    );
    close("circulatory factor", r.rates[0].3, 0.8, 1e-12);
    close("cancer factor", r.rates[1].3, 1.0, 0.0);
    close("gain", r.gain, e0_ref - 77.11657530248686, 1e-6);
    let shortfall = shortfall_years(milestone, None).unwrap();
    close("shortfall", r.shortfall.unwrap(), shortfall, 0.0);
}

/// A DSR with Dobson limits printed by the reference implementation itself: the last example
/// of PHEindicatormethods' DSR vignette ("Calculating DSRs when there are zero deaths in some
/// age bands"), whose inputs are written out in the vignette and whose `calculate_dsr` output
/// is printed in the package's built vignette (README section 4b). Held to half a unit of the
/// last printed digit: 8283.016 and 6570.819 to 5e-4, 10289.65 to 5e-3. The bands with no
/// deaths are NA in the vignette; `calculate_dsr` counts them as 0, and so does this test.
#[test]
fn phe_vignette_dsr_and_dobson_limits_match_the_printed_output() {
    use lifegap_core::model::dsr::Standard;

    let rows = read("dsr_phe_vignette_zero_deaths_input.csv");
    assert_eq!(rows.len(), 19, "19 bands 0-4 … 90+");
    let labels: Vec<String> = rows.iter().map(|r| r["ageband"].clone()).collect();
    let deaths: Vec<f64> = rows
        .iter()
        .map(|r| crate::common::num(r, "dths").unwrap_or(0.0))
        .collect();
    assert_eq!(
        deaths.iter().filter(|d| **d == 0.0).count(),
        3,
        "three NA bands"
    );
    let pop: Vec<f64> = rows.iter().map(|r| f(r, "pop")).collect();
    let esp: Vec<f64> = rows.iter().map(|r| f(r, "esp2013")).collect();
    // The package's esp2013 is the shipped ESP 2013 with ages 0 and 1-4 in one band.
    let shipped = Standard::Esp2013.weights();
    let mut merged = vec![shipped[0] + shipped[1]];
    merged.extend_from_slice(&shipped[2..]);
    assert_eq!(
        esp, merged,
        "PHEindicatormethods' esp2013 vs assets/standards/esp2013.csv"
    );

    let expected = read("dsr_phe_vignette_zero_deaths_expected.csv");
    let want = |q: &str| {
        let r = expected
            .iter()
            .find(|r| r["quantity"] == q)
            .unwrap_or_else(|| panic!("{q} missing from the expected file"));
        assert_eq!(r["provenance"], "published");
        // Half a unit of the last printed decimal.
        let tol = 0.5 * 10f64.powi(-(f(r, "printed_decimals") as i32));
        (f(r, "value"), tol)
    };
    let r = dsr("vignette df2", &labels, &deaths, &pop, &esp, 0.95, 1e5).unwrap();
    assert_eq!(r.limits, CountLimits::Byar);
    assert!(!r.suppressed);
    for (what, got) in [
        ("total_count", r.events),
        ("total_pop", r.population),
        ("value", r.value),
        ("lowercl", r.lower.unwrap()),
        ("uppercl", r.upper.unwrap()),
    ] {
        let (value, tol) = want(what);
        close(what, got, value, tol);
    }
}
