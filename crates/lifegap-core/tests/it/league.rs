//! run-all: the template's own area gives exactly what `evaluate` gives it; other areas are
//! evaluated with the documented adaptations; the table is ranked by gap.

use crate::common::workspace_root;
use lifegap_core::demo_many::many_areas;
use lifegap_core::evaluate::{EvalOptions, evaluate};
use lifegap_core::league::{adapt, run_all};
use lifegap_core::model::area::Sex;
use lifegap_core::model::scenario::{Date, Target, Trend};
use lifegap_core::scenario_file;

fn as_of() -> Date {
    Date {
        year: 2009,
        month: 4,
        day: 1,
    }
}

#[test]
fn the_template_area_matches_evaluate_and_others_are_ranked() {
    let loaded =
        scenario_file::load(&workspace_root().join("scenarios/demo-2010-countdown.ron")).unwrap();
    // The demo and six invented areas: the template's own area (Demoborough) is among them,
    // with the same groups as the template's data.
    let data = many_areas(6, 1.0);
    for sex in Sex::BOTH {
        assert_eq!(
            data.group("Demoborough", sex),
            loaded.data.group("Demoborough", sex)
        );
    }
    assert_eq!(data.groups.len(), 2 * 8);
    let league = run_all(&loaded.scenario, &data, as_of(), Some(0)).unwrap();
    assert_eq!(league.outcomes.len(), 7);
    let own = league
        .outcomes
        .iter()
        .find(|o| o.area == "Demoborough")
        .unwrap()
        .row
        .as_ref()
        .unwrap();
    assert!(!own.adapted);
    let ev = evaluate(&loaded.scenario, &data, &EvalOptions::central(as_of())).unwrap();
    for m in &ev.results.milestones {
        let cell = own
            .milestones
            .iter()
            .find(|c| c.label == m.result.label)
            .unwrap();
        assert_eq!(cell.status, m.result.status.label());
    }
    for s in &ev.results.projection.sexes {
        let row = own.sexes.iter().find(|x| x.sex == s.sex).unwrap();
        assert_eq!(row.gap, s.base_gap);
    }
    assert_eq!(
        own.cost_per_year,
        ev.results.programme_totals().cost_per_year
    );
    // Ranked by the men's gap, widest first.
    let gaps: Vec<f64> = league
        .outcomes
        .iter()
        .map(|o| {
            o.row
                .as_ref()
                .unwrap()
                .sexes
                .iter()
                .find(|s| s.sex == Sex::Male)
                .unwrap()
                .gap
        })
        .collect();
    assert!(gaps.windows(2).all(|w| w[0] >= w[1]), "{gaps:?}");
    // History-based milestones are not assessed elsewhere, and say so.
    let other = league
        .outcomes
        .iter()
        .find(|o| o.area == "Area 0001")
        .unwrap()
        .row
        .as_ref()
        .unwrap();
    assert!(other.adapted);
    let history_based = loaded.scenario.milestones.iter().filter(|m| {
        matches!(m.target, Target::GapReduction { baseline, .. } if baseline != loaded.scenario.base_period)
    });
    for m in history_based {
        let c = other
            .milestones
            .iter()
            .find(|c| c.label == m.label())
            .unwrap();
        assert_eq!(c.status, "not assessed");
    }
}

#[test]
fn adapting_carries_the_trend_and_drops_the_history() {
    let loaded =
        scenario_file::load(&workspace_root().join("scenarios/demo-2010-countdown.ron")).unwrap();
    let trend = Trend::Annual {
        local: lifegap_core::model::scenario::BySex {
            male: 0.3,
            female: 0.2,
        },
        comparator: lifegap_core::model::scenario::BySex {
            male: 0.25,
            female: 0.2,
        },
    };
    let (s, dropped) = adapt(&loaded.scenario, &trend, "Area 0001");
    assert_eq!(s.area, "Area 0001");
    assert!(s.history.is_empty());
    assert_eq!(s.trend, trend);
    assert_eq!(
        s.milestones.len() + dropped.len(),
        loaded.scenario.milestones.len()
    );
    let (same, none) = adapt(&loaded.scenario, &trend, "demoborough");
    assert_eq!(same, loaded.scenario);
    assert!(none.is_empty());
}

#[test]
fn draws_give_chances() {
    let loaded =
        scenario_file::load(&workspace_root().join("scenarios/demo-2010-countdown.ron")).unwrap();
    let mut data = many_areas(2, 1.0);
    let all = data.groups.clone();
    data.groups.retain(|g| g.area != "Demoborough");
    let err = run_all(&loaded.scenario, &data, as_of(), Some(50)).unwrap_err();
    assert!(
        err.contains("include Demoborough in the file, or give the template an Annual trend"),
        "{err}"
    );
    data.groups = all;
    let league = run_all(&loaded.scenario, &data, as_of(), Some(50)).unwrap();
    let row = league
        .outcomes
        .iter()
        .find(|o| o.area == "Area 0001")
        .unwrap()
        .row
        .as_ref()
        .unwrap();
    let judged: Vec<_> = row
        .milestones
        .iter()
        .filter(|c| c.status != "not assessed")
        .collect();
    assert!(!judged.is_empty());
    for c in judged {
        let p = c.probability.unwrap();
        assert!((0.0..=1.0).contains(&p));
    }
}
