//! Life-table engine speed: one table, one decomposition, and 1,000 area × sex tables with
//! limits from one file (the R reference implementation takes ~3.3 s for 1,000).

use criterion::{Criterion, criterion_group, criterion_main};
use lifegap_core::data;
use lifegap_core::demo;
use lifegap_core::model::decomposition::{Direction, decompose};
use lifegap_core::model::life_table::LifeTableOptions;
use std::hint::black_box;

fn demo_data() -> lifegap_core::model::area::AreaData {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("demo.csv");
    std::fs::write(&p, demo::csv_text()).unwrap();
    data::load(&p, None).unwrap().data
}

fn engine(c: &mut Criterion) {
    let d = demo_data();
    let opts = LifeTableOptions::default();
    let local = d
        .group("Demoborough", lifegap_core::model::area::Sex::Male)
        .unwrap()
        .clone();
    let eng = d
        .group("England", lifegap_core::model::area::Sex::Male)
        .unwrap()
        .clone();
    let (ld, ed) = (local.all_deaths(), eng.all_deaths());
    c.bench_function("life table with limits (20 bands)", |b| {
        b.iter(|| {
            lifegap_core::model::life_table::life_table(
                d.bands,
                black_box(&ld),
                black_box(&local.population),
                &opts,
            )
            .unwrap()
        })
    });
    let t1 = local.life_table(d.bands, &opts).unwrap();
    let t2 = eng.life_table(d.bands, &opts).unwrap();
    let (m1, m2) = (local.rates_by_band(), eng.rates_by_band());
    c.bench_function("Arriaga decomposition by age and 14 causes", |b| {
        b.iter(|| {
            decompose(
                black_box(&t1),
                black_box(&t2),
                &d.causes,
                &m1,
                &m2,
                Direction::LocalToComparator,
            )
            .unwrap()
        })
    });
    // 1,000 area × sex groups (500 areas), each a perturbed copy of the demo groups.
    let groups: Vec<(Vec<f64>, Vec<f64>)> = (0..1000)
        .map(|i| {
            let k = 0.8 + 0.4 * (i as f64 / 1000.0);
            let src = if i % 2 == 0 { &ld } else { &ed };
            let pop = if i % 2 == 0 {
                &local.population
            } else {
                &eng.population
            };
            (
                src.iter().map(|x| (x * k).round().max(1.0)).collect(),
                pop.clone(),
            )
        })
        .collect();
    c.bench_function("1,000 life tables with limits", |b| {
        b.iter(|| {
            let mut sum = 0.0;
            for (deaths, pop) in &groups {
                sum += lifegap_core::model::life_table::life_table(d.bands, deaths, pop, &opts)
                    .unwrap()
                    .e0();
            }
            black_box(sum)
        })
    });
    // The same batch end to end from a file (read + compute), as `lifegap life-table` does.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("batch.csv");
    let mut text = String::from("area,sex,age,population,all_causes\n");
    for (i, (deaths, pop)) in groups.iter().enumerate() {
        let sex = if i % 2 == 0 { "male" } else { "female" };
        for (b, age) in d.bands.starts().iter().enumerate() {
            text += &format!("A{},{sex},{age},{},{}\n", i / 2, pop[b], deaths[b]);
        }
    }
    std::fs::write(&path, text).unwrap();
    c.bench_function("1,000 life tables read from one file", |b| {
        b.iter(|| {
            let mut sum = 0.0;
            data::wide::stream_wide(&path, |bands, g| {
                sum += g.life_table(bands, &opts).unwrap().e0();
            })
            .unwrap();
            black_box(sum)
        })
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
