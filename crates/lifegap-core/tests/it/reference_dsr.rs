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
