//! Scenario speed: one full recompute (2 sexes, 20 bands, 14 causes, 12 programmes, 8 years)
//! must stay well under 1 ms so sliders are live; 10,000 Monte Carlo draws under 1 s on two
//! cores; goal seeking under 50 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use lifegap_core::model::goal_seek::answers::answers;
use lifegap_core::model::goal_seek::{cheapest_mix, seek_mix};
use lifegap_core::model::programmes::library;
use lifegap_core::model::projection::{Simulator, central_settings};
use lifegap_core::model::results::compute;
use lifegap_core::model::scenario::Date;
use lifegap_core::model::uncertainty::{Control, monte_carlo};
use lifegap_core::scenario_file;
use std::hint::black_box;
use std::path::Path;

fn scenario(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/demo-stretch.ron");
    let loaded = scenario_file::load(&path).unwrap();
    let mut s = loaded.scenario.clone();
    // Twelve programmes: the library plus a custom one.
    let mut custom = library::custom("custom", "Custom");
    custom.coverage.target = 0.3;
    s.programmes.push(custom);
    assert_eq!(s.programmes.len(), 12);
    let sim = Simulator::new(&s, &loaded.data).unwrap();
    let set = central_settings(&s);
    let as_of = Date {
        year: 2009,
        month: 4,
        day: 1,
    };
    c.bench_function(
        "projection: 12 programmes × 8 years × 2 sexes (each alone and together)",
        |b| b.iter(|| black_box(sim.run(&s, black_box(&set)))),
    );
    c.bench_function("simulator set-up (rates, trend, eligible shares)", |b| {
        b.iter(|| black_box(Simulator::new(&s, &loaded.data).unwrap()))
    });
    let mut g = c.benchmark_group("slow");
    g.sample_size(10);
    g.bench_function(
        "everything on screen: projection + 4 milestones + attribution + delivery",
        |b| b.iter(|| black_box(compute(&sim, &s, &set, as_of).unwrap())),
    );
    let m = s.milestone("2013 local milestone (men)")[0].clone();
    let ids: Vec<String> = s.programmes.iter().map(|p| p.id.clone()).collect();
    g.bench_function("goal seek: mix of 12 scaled together", |b| {
        b.iter(|| black_box(seek_mix(&sim, &s, &m, &ids).unwrap()))
    });
    g.bench_function("goal seek: cheapest mix (greedy)", |b| {
        b.iter(|| black_box(cheapest_mix(&sim, &s, &m).unwrap()))
    });
    // The app's "What does it take?": every answer with its chance from 500 draws.
    let index = s.milestones.iter().position(|x| *x == m).unwrap();
    let mut app_draws = s.uncertainty;
    app_draws.draws = 500;
    g.bench_function(
        "goal seek: every answer of the dialog with its chance (500 draws each)",
        |b| b.iter(|| black_box(answers(&sim, &s, index, 0.8, app_draws).unwrap())),
    );
    let mut opts = s.uncertainty;
    opts.draws = 10_000;
    g.bench_function("Monte Carlo: 10,000 draws", |b| {
        b.iter(|| black_box(monte_carlo(&sim, &s, &set, opts, Control::default()).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, scenario);
criterion_main!(benches);
