//! Arriaga decomposition and cause deletion/reduction against the reference-run vectors
//! (Arriaga to 1e-9) and Preston, Heuveline & Guillot Boxes 4.1/4.2 (printed precision).

use crate::common::*;
use lifegap_core::model::bands::BandSet;
use lifegap_core::model::cause_reduction::{
    AgeRange, AsdltA, AsdltInput, asdlt, asdlt_from_table, rate_method,
};
use lifegap_core::model::decomposition::{Direction, arriaga_by_age, decompose};
use lifegap_core::model::life_table::{LifeTable, LifeTableOptions, life_table};

fn table(pop: &[f64], causes: &[Vec<f64>], opts: &LifeTableOptions) -> LifeTable {
    let d: Vec<f64> = (0..pop.len())
        .map(|b| causes.iter().map(|c| c[b]).sum())
        .collect();
    life_table(BandSet::To90, &d, pop, opts).unwrap()
}

fn rates(pop: &[f64], causes: &[Vec<f64>]) -> Vec<Vec<f64>> {
    (0..pop.len())
        .map(|b| causes.iter().map(|c| c[b] / pop[b]).collect())
        .collect()
}

#[test]
fn arriaga_by_age_and_cause() {
    let (g, want) = (
        synthetic_groups(),
        read("synthetic_gap_expected_arriaga.csv"),
    );
    let (lp, lc) = &g["local"];
    let (cp, cc) = &g["comparator"];
    let opts = LifeTableOptions::default();
    let (t1, t2) = (table(lp, lc, &opts), table(cp, cc, &opts));
    let names: Vec<String> = SYNTHETIC_CAUSES.iter().map(|s| s.to_string()).collect();
    let dec = decompose(
        &t1,
        &t2,
        &names,
        &rates(lp, lc),
        &rates(cp, cc),
        Direction::LocalToComparator,
    )
    .unwrap();
    let reverse = arriaga_by_age(&t2, &t1).unwrap();
    for (i, w) in want.iter().enumerate() {
        let b = &dec.by_age[i];
        close("mx local", t1.rows[i].m, f(w, "mx_local"), 1e-12);
        close("mx comparator", t2.rows[i].m, f(w, "mx_comparator"), 1e-12);
        close("direct", b.direct, f(w, "direct"), 1e-9);
        close("indirect", b.indirect, f(w, "indirect"), 1e-9);
        close("total", b.total, f(w, "total"), 1e-9);
        close(
            "reverse",
            reverse[i].total,
            f(w, "total_reverse_direction"),
            1e-9,
        );
        for (c, name) in SYNTHETIC_CAUSES.iter().enumerate() {
            close(name, dec.by_age_cause[i][c], f(w, name), 1e-9);
        }
    }
    close("sum = gap", dec.total(), 3.0530328294615, 1e-9);
    close(
        "gap",
        dec.gap(),
        80.16960813194838 - 77.11657530248686,
        1e-9,
    );
    let cause_sum: f64 = dec.by_cause().iter().sum();
    close("causes sum to gap", cause_sum, dec.gap(), 1e-9);
    let rev_sum: f64 = reverse.iter().map(|b| b.total).sum();
    close("reverse sums to −gap", rev_sum, -3.0530328294615, 1e-9);
    // The symmetric average also adds up to the gap.
    let sym = decompose(
        &t1,
        &t2,
        &names,
        &rates(lp, lc),
        &rates(cp, cc),
        Direction::Symmetric,
    )
    .unwrap();
    close("symmetric sum", sym.total(), dec.gap(), 1e-9);
    close(
        "symmetric causes",
        sym.by_cause().iter().sum::<f64>(),
        dec.gap(),
        1e-9,
    );
}

#[test]
fn rate_method_deletion_of_each_cause() {
    let (g, want) = (
        synthetic_groups(),
        read("synthetic_cause_deleted_rate_method_expected.csv"),
    );
    let (pop, causes) = &g["local"];
    let all: Vec<f64> = (0..pop.len())
        .map(|b| causes.iter().map(|c| c[b]).sum())
        .collect();
    let o95 = LifeTableOptions::with_confidence(0.95).unwrap();
    let o998 = LifeTableOptions::with_confidence(0.998).unwrap();
    let mut seen = 0;
    for (c, name) in SYNTHETIC_CAUSES.iter().enumerate() {
        let rows: Vec<_> = want
            .iter()
            .filter(|r| r["deleted_cause"] == *name)
            .collect();
        if rows.is_empty() {
            continue;
        }
        seen += 1;
        let t = rate_method(
            BandSet::To90,
            pop,
            &all,
            &causes[c],
            1.0,
            AgeRange::ALL,
            &o95,
        )
        .unwrap();
        let t2 = rate_method(
            BandSet::To90,
            pop,
            &all,
            &causes[c],
            1.0,
            AgeRange::ALL,
            &o998,
        )
        .unwrap();
        for ((r, r2), w) in t.rows.iter().zip(&t2.rows).zip(&rows) {
            close("e", r.e, f(w, "value"), 1e-6);
            close("lower95", r.lower, f(w, "lower95_0cl"), 1e-4);
            close("upper95", r.upper, f(w, "upper95_0cl"), 1e-4);
            close("lower99.8", r2.lower, f(w, "lower99_8cl"), 1e-4);
            close("upper99.8", r2.upper, f(w, "upper99_8cl"), 1e-4);
        }
    }
    assert_eq!(
        seen * 20,
        want.len(),
        "every deleted cause in the file was checked"
    );
}

#[test]
fn partial_reduction_with_fractional_deaths() {
    let (g, want) = (
        synthetic_groups(),
        read("synthetic_cause_reduced_expected.csv"),
    );
    let (pop, causes) = &g["local"];
    let all: Vec<f64> = (0..pop.len())
        .map(|b| causes.iter().map(|c| c[b]).sum())
        .collect();
    let under75 = "0-74".parse::<AgeRange>().unwrap();
    let t = rate_method(
        BandSet::To90,
        pop,
        &all,
        &causes[0],
        0.2,
        under75,
        &LifeTableOptions::with_confidence(0.95).unwrap(),
    )
    .unwrap();
    let t2 = rate_method(
        BandSet::To90,
        pop,
        &all,
        &causes[0],
        0.2,
        under75,
        &LifeTableOptions::with_confidence(0.998).unwrap(),
    )
    .unwrap();
    assert_eq!(want.len(), 20);
    for ((r, r2), w) in t.rows.iter().zip(&t2.rows).zip(&want) {
        close("deaths used", r.deaths, f(w, "deaths_used"), 1e-9);
        close("e", r.e, f(w, "value"), 1e-6);
        close("lower95", r.lower, f(w, "lower95_0cl"), 1e-4);
        close("upper95", r.upper, f(w, "upper95_0cl"), 1e-4);
        close("lower99.8", r2.lower, f(w, "lower99_8cl"), 1e-4);
        close("upper99.8", r2.upper, f(w, "upper99_8cl"), 1e-4);
    }
}

#[test]
fn chiang_associated_single_decrement_table() {
    let (g, want) = (
        synthetic_groups(),
        read("synthetic_cause_deleted_chiang_asdlt_DERIVED.csv"),
    );
    let (pop, causes) = &g["local"];
    let t = table(pop, causes, &LifeTableOptions::default());
    let all: Vec<f64> = (0..pop.len())
        .map(|b| causes.iter().map(|c| c[b]).sum())
        .collect();
    let mut checked = 0;
    for (c, name) in SYNTHETIC_CAUSES.iter().enumerate() {
        let rows: Vec<_> = want
            .iter()
            .filter(|r| r["deleted_cause"] == *name)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let got = asdlt_from_table(
            &t,
            &causes[c],
            1.0,
            AgeRange::ALL,
            AsdltA::ProportionalHazards,
        );
        let rate = rate_method(
            BandSet::To90,
            pop,
            &all,
            &causes[c],
            1.0,
            AgeRange::ALL,
            &LifeTableOptions::default(),
        )
        .unwrap();
        for ((r, rr), w) in got.iter().zip(&rate.rows).zip(&rows) {
            close("R", r.r, f(w, "R_minus_i"), 1e-12);
            close("p", r.p, f(w, "p_minus_i"), 1e-12);
            close_rel("l", r.l, f(w, "l_minus_i"), 1e-10);
            close("a", r.a, f(w, "a_minus_i_years"), 1e-9);
            close_rel("L", r.big_l, f(w, "L_minus_i"), 1e-10);
            close("e", r.e, f(w, "e_minus_i_asdlt"), 1e-9);
            close("e rate method", rr.e, f(w, "e_minus_i_rate_deletion"), 1e-9);
            checked += 1;
        }
    }
    assert_eq!(checked, want.len());
}

#[test]
fn preston_box_4_1_neoplasms_deleted() {
    let rows = read("preston_box41_42_usfemales1991_neoplasms_deleted.csv");
    let k = rows.len();
    assert_eq!(k, 19);
    let d: Vec<f64> = rows.iter().map(|r| f(r, "deaths_all_D")).collect();
    let di: Vec<f64> = rows.iter().map(|r| f(r, "deaths_neoplasms_Di")).collect();
    let l: Vec<f64> = rows.iter().map(|r| f(r, "lx_input")).collect();
    let a: Vec<f64> = rows.iter().map(|r| f(r, "a_years_input")).collect();
    let q: Vec<f64> = (0..k)
        .map(|i| {
            if i + 1 < k {
                1.0 - l[i + 1] / l[i]
            } else {
                1.0
            }
        })
        .collect();
    // The book's open-band e (its Box 4.1): e85 = a85 for the open band.
    let e_open = a[k - 1];
    let removed = vec![1.0; k];
    let input = AsdltInput {
        bands: BandSet::To85,
        q: &q,
        a_years: &a,
        e_open,
        all_deaths: &d,
        cause_deaths: &di,
        removed: &removed,
        radix: 100_000.0,
    };
    let got = asdlt(input, AsdltA::Graduated { from: 10, to: 75 });
    for (r, w) in got.iter().zip(&rows) {
        // Printed to 7 significant figures / 2 decimals for l / 5 decimals for e.
        close("R", r.r, f(w, "expected_R_minus_i"), 5e-7);
        close("l", r.l, f(w, "expected_l_minus_i"), 0.005);
        close("a", r.a, f(w, "expected_a_minus_i"), 5e-7);
        close("e", r.e, f(w, "expected_e_minus_i"), 5e-6);
    }
    close("e0 without neoplasms", got[0].e, 82.45748, 5e-6);
}
