//! The slope index of inequality against `phe_sii`'s documented example
//! (`tests/data/reference/phe_sii_example_*`, README "Slope index of inequality").

use crate::common::read;
use lifegap_core::model::sii::{Quantile, phe_sii, slope_sd};

fn f(s: &str) -> f64 {
    s.parse().unwrap()
}

/// The example's deciles for one area, with the SE given (`from_limits` false) or derived
/// from the 95% limits as phe_sii does when no SE column is passed.
fn deciles(area: &str, from_limits: bool) -> Vec<Quantile> {
    let mut rows: Vec<_> = read("phe_sii_example_input.csv")
        .into_iter()
        .filter(|r| r["area"] == area)
        .collect();
    rows.sort_by_key(|r| r["decile"].parse::<u32>().unwrap());
    assert_eq!(rows.len(), 10);
    rows.iter()
        .map(|r| Quantile {
            population: f(&r["population"]),
            value: f(&r["value"]),
            se: if from_limits {
                Quantile::se_from_limits(f(&r["lowercl"]), f(&r["uppercl"]))
            } else {
                f(&r["se"])
            },
        })
        .collect()
}

#[test]
fn point_estimates_match_exactly() {
    for e in read("phe_sii_example_expected_DERIVED.csv") {
        for from_limits in [false, true] {
            let s = phe_sii(&deciles(&e["area"], from_limits), 0.95, 1_000, 7).unwrap();
            for (got, want) in [(s.sii, "sii"), (s.intercept, "intercept"), (s.rii, "rii")] {
                let want = f(&e[want]);
                assert!(
                    (got - want).abs() <= 1e-12 * want.abs(),
                    "{}: {got} vs {want}",
                    e["area"]
                );
            }
        }
    }
}

/// phe_sii's default: 100,000 repetitions. The slope is linear in the deciles' values, so
/// the simulated limits estimate SII ∓ z·SD with SD exact; at 100,000 draws the 2.5% and
/// 97.5% points have a Monte Carlo SE of about 0.0085·SD. Held to 0.04·SD (over 4 SEs) for
/// several seeds, and to phe_sii's own test tolerance (relative 0.05) on the limits.
#[test]
fn simulated_limits_agree_with_the_exact_distribution() {
    for e in read("phe_sii_example_expected_DERIVED.csv") {
        for (from_limits, sd_col) in [(false, "slope_sd_from_se"), (true, "slope_sd_from_limits")] {
            let q = deciles(&e["area"], from_limits);
            let sd = f(&e[sd_col]);
            assert!((slope_sd(&q).unwrap() - sd).abs() < 1e-12 * sd);
            let sii = f(&e["sii"]);
            let z = 1.959963984540054;
            for seed in [1, 2, 3] {
                let s = phe_sii(&q, 0.95, 100_000, seed).unwrap();
                for (got, want) in [(s.lower, sii - z * sd), (s.upper, sii + z * sd)] {
                    assert!(
                        (got - want).abs() < 0.04 * sd,
                        "{} seed {seed}: {got} vs {want} (SD {sd})",
                        e["area"]
                    );
                    assert!((got - want).abs() < 0.05 * want.abs());
                }
            }
            // 99.8% limits (phe_sii's second default level in its vignette).
            let s = phe_sii(&q, 0.998, 100_000, 4).unwrap();
            let z998 = 3.090232306167813;
            assert!((s.lower - (sii - z998 * sd)).abs() < 0.08 * sd);
            assert!((s.upper - (sii + z998 * sd)).abs() < 0.08 * sd);
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_limits() {
    let q = deciles("Area1", false);
    assert_eq!(phe_sii(&q, 0.95, 5_000, 11), phe_sii(&q, 0.95, 5_000, 11));
    assert_ne!(
        phe_sii(&q, 0.95, 5_000, 11).unwrap().lower,
        phe_sii(&q, 0.95, 5_000, 12).unwrap().lower
    );
}
