//! What the Monte Carlo draws besides the effect sizes: the local trend's slope (with the
//! least-squares standard error of the fit to the history) and the timing of each lag.

use crate::common::shipped;
use lifegap_core::model::area::Sex;
use lifegap_core::model::evidence::Evidence;
use lifegap_core::model::projection::{Simulator, central_settings};
use lifegap_core::model::scenario::{BySex, Trend};
use lifegap_core::model::uncertainty::{Control, TREND_LABEL, monte_carlo};
use lifegap_core::scenario_file;

/// The demo's men: e₀ 72.7 (1995-97, mid 1996.5), 74.9 (2003-05, mid 2004.5) and the base
/// period's table (2006-08, mid 2007.5). The slope's standard error is the fit's, by hand.
#[test]
fn the_trend_slope_carries_the_fits_standard_error() {
    let loaded = scenario_file::load(&shipped()[0]).unwrap();
    let s = &loaded.scenario;
    let sim = Simulator::new(s, &loaded.data).unwrap();
    let men = sim.sex(Sex::Male).unwrap();
    let pts = [
        (1996.5, 72.7),
        (2004.5, 74.9),
        (2007.5, men.local_table.e0()),
    ];
    let n = 3.0;
    let mx = pts.iter().map(|p| p.0).sum::<f64>() / n;
    let my = pts.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = pts.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
    let b = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>() / sxx;
    let rss: f64 = pts
        .iter()
        .map(|p| (p.1 - my - b * (p.0 - mx)).powi(2))
        .sum();
    let se = (rss / (n - 2.0) / sxx).sqrt();
    assert!((men.slopes.local - b).abs() < 1e-12);
    assert!(
        (men.slope_se() - se).abs() < 1e-12,
        "{} vs {se}",
        men.slope_se()
    );
    assert!(se > 0.0);
}

/// With the trend drawn, the projected gap's interval is wider than with the same slope typed
/// (no standard error), the trend is listed among the drivers of meeting the milestones, and
/// the programmes' central gain is unchanged.
#[test]
fn a_drawn_trend_widens_the_projected_value_and_is_a_driver() {
    let loaded = scenario_file::load(&shipped()[0]).unwrap();
    let s = loaded.scenario.clone();
    let sim = Simulator::new(&s, &loaded.data).unwrap();
    let set = central_settings(&s);
    let mut opts = s.uncertainty;
    opts.draws = 400;
    opts.sampling_error = false;
    let drawn = monte_carlo(&sim, &s, &set, opts, Control::default())
        .unwrap()
        .unwrap();
    let mut typed = s.clone();
    let (m, f) = (
        sim.sex(Sex::Male).unwrap().slopes,
        sim.sex(Sex::Female).unwrap().slopes,
    );
    typed.trend = Trend::Annual {
        local: BySex {
            male: m.local,
            female: f.local,
        },
        comparator: BySex {
            male: m.comparator,
            female: f.comparator,
        },
    };
    let sim_t = Simulator::new(&typed, &loaded.data).unwrap();
    assert_eq!(sim_t.sex(Sex::Male).unwrap().slope_se(), 0.0);
    let fixed = monte_carlo(&sim_t, &typed, &set, opts, Control::default())
        .unwrap()
        .unwrap();
    for (a, b) in drawn.milestones.iter().zip(&fixed.milestones) {
        let width =
            |u: &lifegap_core::model::uncertainty::MilestoneUncertainty| u.value.high - u.value.low;
        assert!(
            width(a) > 1.5 * width(b),
            "{}: {} vs {}",
            a.label,
            width(a),
            width(b)
        );
        assert!(
            a.drivers.iter().any(|d| d.parameter == TREND_LABEL),
            "{}: {:?}",
            a.label,
            a.drivers
        );
        assert!(!b.drivers.iter().any(|d| d.parameter == TREND_LABEL));
    }
}

/// A lag with an uncertain timing is drawn (once per programme for a shared lag) and named
/// among the drivers; a timing with no range is not drawn.
#[test]
fn lag_timings_are_drawn_and_named() {
    let loaded = scenario_file::load(&shipped()[0]).unwrap();
    let mut s = loaded.scenario.clone();
    // A typed trend (no slope drawn), so the evidence alone moves the margin.
    s.trend = Trend::Annual {
        local: BySex {
            male: 0.3,
            female: 0.2,
        },
        comparator: BySex {
            male: 0.3,
            female: 0.2,
        },
    };
    // Only breast screening, whose benefit takes years, at a large scale: its timing matters.
    for p in &mut s.programmes {
        p.enabled = p.id == "breast_screening";
    }
    let k = s
        .programmes
        .iter()
        .position(|p| p.id == "breast_screening")
        .unwrap();
    s.programmes[k].coverage.target = s.programmes[k].coverage.max;
    s.programmes[k].lag.timing = Some(Evidence::new(
        1.0,
        0.5,
        2.0,
        "test",
        0,
        "full effect between 5 and 20 years",
    ));
    let sim = Simulator::new(&s, &loaded.data).unwrap();
    let set = central_settings(&s);
    let mut opts = s.uncertainty;
    opts.draws = 300;
    opts.sampling_error = false;
    let with = monte_carlo(&sim, &s, &set, opts, Control::default())
        .unwrap()
        .unwrap();
    let label = format!("{}: timing of the benefit", s.programmes[k].name);
    let women_2013 = with
        .milestones
        .iter()
        .find(|m| m.label.contains("2013") && m.label.to_lowercase().contains("women"))
        .unwrap_or(&with.milestones[with.milestones.len() - 1]);
    let d = women_2013
        .drivers
        .iter()
        .find(|d| d.parameter == label)
        .unwrap_or_else(|| panic!("{label} not among {:?}", women_2013.drivers));
    // Later benefit, smaller gain: a negative rank correlation with the margin.
    assert!(d.rank_correlation < 0.0, "{d:?}");
    s.programmes[k].lag.timing = None;
    let sim = Simulator::new(&s, &loaded.data).unwrap();
    let without = monte_carlo(&sim, &s, &set, opts, Control::default())
        .unwrap()
        .unwrap();
    assert!(
        without
            .milestones
            .iter()
            .all(|m| m.drivers.iter().all(|d| d.parameter != label))
    );
}
