//! Rate targets as countdowns on the demo: the status follows the milestones' at-risk rule
//! on the miss in years of life expectancy, and the path's last year is the projection.

use crate::common::workspace_root;
use lifegap_core::data::baselines;
use lifegap_core::evaluate::{EvalOptions, evaluate};
use lifegap_core::model::dsr::Standard;
use lifegap_core::model::dsr::countdown::rate_countdown;
use lifegap_core::model::dsr::targets::{Context, psa_2010};
use lifegap_core::model::milestones::Status;
use lifegap_core::model::projection::central_settings;
use lifegap_core::model::scenario::Date;
use lifegap_core::scenario_file;

/// The demo's circulatory target for men misses by a few hundredths of a year to a tenth: with
/// an at-risk margin of 10 years it is at risk, with 0 it is off track; with the target made
/// easy (a baseline twice as high) it is on track with no miss. 2009-04-01 to 2011-12-31 is
/// 32 whole months.
#[test]
fn status_follows_the_at_risk_rule() {
    let loaded =
        scenario_file::load(&workspace_root().join("scenarios/demo-2010-countdown.ron")).unwrap();
    let (bases, _) =
        baselines::read(&workspace_root().join("assets/data/demo-mortality-baselines-1995-97.csv"))
            .unwrap();
    let as_of = Date {
        year: 2009,
        month: 4,
        day: 1,
    };
    let t = &psa_2010()[0];
    let b = bases
        .iter()
        .find(|b| b.measure == t.measure && b.sex == lifegap_core::model::area::Sex::Male)
        .unwrap();
    let judge = |margin: f64, baseline: &lifegap_core::model::dsr::targets::Baseline| {
        let mut s = loaded.scenario.clone();
        s.status.at_risk_years = margin;
        let ev = evaluate(&s, &loaded.data, &EvalOptions::central(as_of)).unwrap();
        let settings = central_settings(&s);
        let cx = Context {
            simulator: &ev.simulator,
            scenario: &s,
            settings: &settings,
            data: &loaded.data,
            standard: Standard::Esp1976,
        };
        rate_countdown(&cx, t, baseline, as_of).unwrap()
    };
    let wide = judge(10.0, b);
    assert!(wide.miss_years > 0.0);
    assert_eq!(wide.status, Status::AtRisk);
    assert_eq!(wide.months_left, 32);
    assert_eq!(judge(0.0, b).status, Status::OffTrack);
    let last = wide.path.last().unwrap();
    assert_eq!(last.year, 2011);
    assert!(last.with <= last.without);
    let mut easy = *b;
    easy.area *= 2.0;
    let on = judge(0.0, &easy);
    assert_eq!(on.status, Status::OnTrack);
    assert_eq!(on.miss_years, 0.0);
}

/// AAACM as a countdown on the demo (baseline 1,000 vs England's 872 in 1995-97): the rate
/// required in 2009-11 is England's projected rate plus 90% of the 128 gap, and each year of
/// the path England's rate that year plus the gap allowed then.
#[test]
fn aaacm_counts_down_on_the_gap_with_england() {
    use lifegap_core::model::dsr::targets::aaacm_2010;
    let loaded =
        scenario_file::load(&workspace_root().join("scenarios/demo-2010-countdown.ron")).unwrap();
    let (bases, _) =
        baselines::read(&workspace_root().join("assets/data/demo-mortality-baselines-1995-97.csv"))
            .unwrap();
    let as_of = Date {
        year: 2009,
        month: 4,
        day: 1,
    };
    let t = aaacm_2010();
    let b = bases
        .iter()
        .find(|b| b.measure == t.measure && b.sex == lifegap_core::model::area::Sex::Male)
        .unwrap();
    assert_eq!((b.area, b.comparator), (1000.0, 872.0));
    let s = &loaded.scenario;
    let ev = evaluate(s, &loaded.data, &EvalOptions::central(as_of)).unwrap();
    let settings = central_settings(s);
    let cx = Context {
        simulator: &ev.simulator,
        scenario: s,
        settings: &settings,
        data: &loaded.data,
        standard: Standard::Esp1976,
    };
    let c = rate_countdown(&cx, &t, b, as_of).unwrap();
    let m = &c.milestone;
    assert!((m.required_rate - (m.comparator + 115.2)).abs() < 1e-9);
    assert!((m.required_gap - 115.2).abs() < 1e-9);
    // The path's 2011 requirement: England's projected rate in 2011 plus the full 115.2.
    let p2011 = ev
        .simulator
        .pooled_rates(
            b.sex,
            lifegap_core::model::scenario::Period::new(2011, 2011),
            s,
            &settings,
        )
        .unwrap();
    let p_all = ev
        .simulator
        .pooled_rates(b.sex, t.target_period, s, &settings)
        .unwrap();
    let england_2011 = m.comparator / p_all.comparator_factor * p2011.comparator_factor;
    let last = c.path.last().unwrap();
    assert_eq!(last.year, 2011);
    assert!((last.required - (england_2011 + 115.2)).abs() < 1e-9);
    // The demo misses it by a little: at risk under the default 0.2-year margin.
    assert!(
        c.miss_years > 0.0 && c.miss_years <= 0.2,
        "{}",
        c.miss_years
    );
    assert_eq!(c.status, Status::AtRisk);
}
