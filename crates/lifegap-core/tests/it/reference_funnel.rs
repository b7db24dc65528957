//! Funnel-plot limits for proportions against PHEindicatormethods' own test vector
//! (`tests/data/reference/README.md`, section 5).

use crate::common::{close, f, read};
use lifegap_core::model::normal::Z95;
use lifegap_core::model::practices::{Z998, funnel_normal};

#[test]
fn normal_funnel_limits_match_phe() {
    let rows = read("phe_funnel_prop_limits.csv");
    assert_eq!(rows.len(), 100);
    for r in &rows {
        let n = f(r, "Population");
        let p0 = f(r, "Baseline") / 100.0;
        let (l95, u95) = funnel_normal(p0, n, Z95);
        let (l998, u998) = funnel_normal(p0, n, Z998);
        close(
            &format!("n={n} lower 95"),
            l95 * 100.0,
            f(r, "Lower2s0025limit"),
            1e-6,
        );
        close(
            &format!("n={n} upper 95"),
            u95 * 100.0,
            f(r, "Upper2s0025limit"),
            1e-6,
        );
        close(
            &format!("n={n} lower 99.8"),
            l998 * 100.0,
            f(r, "Lower3s0001limit"),
            1e-6,
        );
        close(
            &format!("n={n} upper 99.8"),
            u998 * 100.0,
            f(r, "Upper3s0001limit"),
            1e-6,
        );
    }
}
