//! The PHE/ONS life table against transcribed, reference-run and published vectors in
//! `../shared/validation/`: e to 1e-6, limits to 1e-4, textbook examples to their printed
//! precision.

use crate::common::*;
use lifegap_core::model::bands::BandSet;
use lifegap_core::model::life_table::{AValues, LifeTableError, LifeTableOptions, life_table};
use lifegap_core::model::normal::z_for_confidence;

fn phe_example() -> (Vec<f64>, Vec<f64>) {
    let rows = read("phe_le_example_input.csv");
    (
        rows.iter().map(|r| f(r, "deaths")).collect(),
        rows.iter().map(|r| f(r, "pops")).collect(),
    )
}

#[test]
fn phe_example_values_and_limits() {
    let ((d, p), expected) = (phe_example(), read("phe_le_example_expected.csv"));
    // The expected limits were made with z = 1.96 (PHE's Excel calculator).
    let opts = LifeTableOptions {
        z: 1.96,
        ..Default::default()
    };
    let t = life_table(BandSet::To90, &d, &p, &opts).unwrap();
    let exact = life_table(BandSet::To90, &d, &p, &LifeTableOptions::default()).unwrap();
    for (row, want) in t.rows.iter().zip(&expected) {
        assert_eq!(row.age as f64, f(want, "startage"));
        close("e", row.e, f(want, "value"), 1e-6);
        close("lower (z=1.96)", row.lower, f(want, "lowercl"), 1e-6);
        close("upper (z=1.96)", row.upper, f(want, "uppercl"), 1e-6);
        let i = t.rows.iter().position(|r| r.age == row.age).unwrap();
        let pops_used: f64 = p[i..].iter().sum();
        let dths_used: f64 = d[i..].iter().sum();
        close("pops_used", pops_used, f(want, "pops_used"), 1e-9);
        close("dths_used", dths_used, f(want, "dths_used"), 1e-9);
    }
    for (row, want) in exact.rows.iter().zip(&expected) {
        close("lower (exact z)", row.lower, f(want, "lowercl"), 1e-4);
        close("upper (exact z)", row.upper, f(want, "uppercl"), 1e-4);
    }
}

#[test]
fn phe_example_every_column() {
    let ((d, p), expected) = (phe_example(), read("phe_le_example_full_table_DERIVED.csv"));
    let t = life_table(BandSet::To90, &d, &p, &LifeTableOptions::default()).unwrap();
    let t196 = life_table(
        BandSet::To90,
        &d,
        &p,
        &LifeTableOptions {
            z: 1.96,
            ..Default::default()
        },
    )
    .unwrap();
    for ((r, r196), w) in t.rows.iter().zip(&t196.rows).zip(&expected) {
        match num(w, "n") {
            Some(n) => assert_eq!(r.n, Some(n)),
            None => assert_eq!(r.n, None),
        }
        close("a", r.a_fraction(), f(w, "a_fraction"), 1e-12);
        close_rel("M", r.m, f(w, "M"), 1e-10);
        close_rel("q", r.q, f(w, "q"), 1e-10);
        close_rel("l", r.l, f(w, "l"), 1e-10);
        close_rel("d", r.d, f(w, "d"), 1e-10);
        close_rel("L", r.big_l, f(w, "L"), 1e-10);
        close_rel("T", r.t, f(w, "T"), 1e-10);
        close("e", r.e, f(w, "e"), 1e-9);
        close_rel(
            "variance term",
            r.variance_term,
            f(w, "variance_term"),
            1e-9,
        );
        close("se", r.se, f(w, "se"), 1e-9);
        close("lower 1.96", r196.lower, f(w, "lower95_z1.96"), 1e-8);
        close("upper 1.96", r196.upper, f(w, "upper95_z1.96"), 1e-8);
        close("lower qnorm", r.lower, f(w, "lower95_qnorm"), 1e-8);
        close("upper qnorm", r.upper, f(w, "upper95_qnorm"), 1e-8);
    }
}

#[test]
fn wide_intervals_are_suppressed_and_invalid_input_rejected() {
    let (input, expected) = (
        read("phe_le_widecis_input.csv"),
        read("phe_le_widecis_expected.csv"),
    );
    for area in ["Area 1", "Area 2"] {
        let rows: Vec<_> = input.iter().filter(|r| r["area"] == area).collect();
        let d: Vec<f64> = rows.iter().map(|r| f(r, "deaths")).collect();
        let p: Vec<f64> = rows.iter().map(|r| f(r, "pops")).collect();
        let want: Vec<_> = expected.iter().filter(|r| r["area"] == area).collect();
        let res = life_table(BandSet::To90, &d, &p, &LifeTableOptions::default());
        if area == "Area 1" {
            let errs = res.unwrap_err();
            assert!(
                errs.0
                    .iter()
                    .any(|e| matches!(e, LifeTableError::DeathsExceedPopulation { age: 90, .. })),
                "{errs}"
            );
            assert!(
                want.iter()
                    .all(|w| num(w, "value").is_none() && num(w, "lower95_0cl").is_none())
            );
            continue;
        }
        let t = res.unwrap();
        for (r, w) in t.rows.iter().zip(&want) {
            match num(w, "value") {
                Some(v) => {
                    assert!(!r.suppressed, "age {} should not be suppressed", r.age);
                    close("e", r.e, v, 1e-6);
                }
                None => assert!(r.suppressed, "age {} should be suppressed", r.age),
            }
            close("lower", r.lower, f(w, "lower95_0cl"), 1e-4);
            close("upper", r.upper, f(w, "upper95_0cl"), 1e-4);
        }
        assert_eq!(
            t.warnings.len(),
            want.iter().filter(|w| num(w, "value").is_none()).count()
        );
    }
}

#[test]
fn synthetic_areas_at_95_and_99_8_percent() {
    let (groups, expected) = (synthetic_groups(), read("synthetic_gap_expected_le.csv"));
    for (area, (pop, causes)) in &groups {
        let d: Vec<f64> = (0..pop.len())
            .map(|b| causes.iter().map(|c| c[b]).sum())
            .collect();
        let t95 = life_table(
            BandSet::To90,
            &d,
            pop,
            &LifeTableOptions::with_confidence(0.95).unwrap(),
        )
        .unwrap();
        let t998 = life_table(
            BandSet::To90,
            &d,
            pop,
            &LifeTableOptions::with_confidence(0.998).unwrap(),
        )
        .unwrap();
        let want: Vec<_> = expected.iter().filter(|r| &r["area"] == area).collect();
        assert_eq!(want.len(), 20);
        for ((a, b), w) in t95.rows.iter().zip(&t998.rows).zip(&want) {
            close("e", a.e, f(w, "value"), 1e-6);
            close("lower95", a.lower, f(w, "lower95_0cl"), 1e-4);
            close("upper95", a.upper, f(w, "upper95_0cl"), 1e-4);
            close("lower99.8", b.lower, f(w, "lower99_8cl"), 1e-4);
            close("upper99.8", b.upper, f(w, "upper99_8cl"), 1e-4);
        }
    }
    assert!((z_for_confidence(0.998).unwrap() - 3.090232306167813).abs() < 1e-9);
}

#[test]
fn preston_box_3_1_with_published_a_values() {
    let rows = read("preston_box31_austria1992_males.csv");
    let d: Vec<f64> = rows.iter().map(|r| f(r, "deaths_D")).collect();
    let p: Vec<f64> = rows.iter().map(|r| f(r, "population_N")).collect();
    let a: Vec<f64> = rows.iter().map(|r| f(r, "a_years_input")).collect();
    // The book's table has no variance; the small-population rule does not apply to a country.
    let opts = LifeTableOptions {
        a_values: AValues::Years(a),
        ..Default::default()
    };
    let t = life_table(BandSet::To85, &d, &p, &opts).unwrap();
    for (r, w) in t.rows.iter().zip(&rows) {
        close_rel("m", r.m, f(w, "expected_m"), 1e-12);
        close_rel("q", r.q, f(w, "expected_q"), 1e-12);
        close_rel("l", r.l, f(w, "expected_l"), 1e-12);
        close_rel("d", r.d, f(w, "expected_d"), 1e-12);
        close_rel("L", r.big_l, f(w, "expected_L"), 1e-12);
        close_rel("T", r.t, f(w, "expected_T"), 1e-12);
        // Printed to 3 decimals in the book.
        close(
            "e (published)",
            (r.e * 1000.0).round() / 1000.0,
            f(w, "expected_e_published_3dp"),
            1e-9,
        );
        close(
            "e (full precision)",
            r.e,
            f(w, "computed_e_full_precision"),
            1e-9,
        );
    }
}

#[test]
fn austria_with_an_85_plus_open_band() {
    let (src, want) = (
        read("preston_box31_austria1992_males.csv"),
        read("austria1992_phe_method_85plus_DERIVED.csv"),
    );
    let d: Vec<f64> = src.iter().map(|r| f(r, "deaths_D")).collect();
    let p: Vec<f64> = src.iter().map(|r| f(r, "population_N")).collect();
    let t = life_table(BandSet::To85, &d, &p, &LifeTableOptions::default()).unwrap();
    let old = life_table(
        BandSet::To85,
        &d,
        &p,
        &LifeTableOptions {
            silcocks: false,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(t.rows.len(), 19);
    close(
        "e0 (printed 72.8520)",
        (t.e0() * 1e4).round() / 1e4,
        72.8520,
        1e-9,
    );
    close(
        "SE e0 (printed 0.0755)",
        (t.se0() * 1e4).round() / 1e4,
        0.0755,
        1e-9,
    );
    for ((r, o), w) in t.rows.iter().zip(&old.rows).zip(&want) {
        close_rel("q", r.q, f(w, "q"), 1e-10);
        close_rel("L", r.big_l, f(w, "L"), 1e-10);
        close("e", r.e, f(w, "e"), 1e-9);
        close("se (Silcocks)", r.se, f(w, "se_silcocks"), 1e-9);
        close("lower", r.lower, f(w, "lower95"), 1e-8);
        close("upper", r.upper, f(w, "upper95"), 1e-8);
        close(
            "se (no open-band term)",
            o.se,
            f(w, "se_chiang_no_final_term"),
            1e-9,
        );
    }
}
