//! Life-table engine speed: one table, one decomposition, and 1,000 area × sex tables with
//! limits from one file (the R reference implementation takes ~3.3 s for 1,000).
//!
//! And the area readers on shapes of file that used to take quadratic time (issue 11): a
//! wide file with 100,000 cause columns, 40,000 groups sorted by age (every group waiting
//! for its last rows at once), and a file whose every group is given twice. Each must take
//! about the time of an ordinary file of the same size.

use criterion::{Criterion, criterion_group, criterion_main};
use lifegap_core::data;
use lifegap_core::demo;
use lifegap_core::model::decomposition::{Direction, decompose};
use lifegap_core::model::life_table::LifeTableOptions;
use std::hint::black_box;
use std::time::Duration;

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

const AGES: [u32; 20] = [
    0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90,
];

/// One area (both sexes) with `n` cause columns of one death each.
fn many_columns(n: usize) -> String {
    let mut s = String::from("area,sex,age,population");
    for c in 0..n {
        s += &format!(",c{c}");
    }
    s.push('\n');
    for sex in ["male", "female"] {
        for a in AGES {
            s += &format!("A,{sex},{a},100000000");
            s += &",1".repeat(n);
            s.push('\n');
        }
    }
    s
}

/// `groups` area × sex groups, rows sorted by age: every area's age 0, then every area's 1…
fn sorted_by_age(groups: usize) -> String {
    let mut s = String::from("area,sex,age,population,chd,other\n");
    for a in AGES {
        for g in 0..groups {
            let sex = if g % 2 == 0 { "male" } else { "female" };
            s += &format!("A{},{sex},{a},10000,{},{}\n", g / 2, 1 + a / 10, 2 + a / 10);
        }
    }
    s
}

/// The rows of `groups` groups, each group's rows together (the ordinary order).
fn group_rows(groups: usize) -> String {
    let mut body = String::new();
    for g in 0..groups {
        let sex = if g % 2 == 0 { "male" } else { "female" };
        for a in AGES {
            body += &format!("A{},{sex},{a},10000,{},{}\n", g / 2, 1 + a / 10, 2 + a / 10);
        }
    }
    body
}

/// `groups` groups, then all of them again: every group duplicated.
fn every_group_twice(groups: usize) -> String {
    let body = group_rows(groups);
    format!("area,sex,age,population,chd,other\n{body}{body}")
}

fn readers(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("area readers");
    g.sample_size(10)
        .sampling_mode(criterion::SamplingMode::Flat)
        .measurement_time(Duration::from_secs(20));
    // The first two cases are the yardsticks: the same groups in the ordinary order, once
    // and twice (80,000 groups), against which the other shapes should take about as long.
    let cases: [(&str, String); 5] = [
        (
            "40,000 groups in order",
            format!("area,sex,age,population,chd,other\n{}", group_rows(40_000)),
        ),
        (
            "80,000 groups in order",
            format!("area,sex,age,population,chd,other\n{}", group_rows(80_000)),
        ),
        ("100,000 cause columns", many_columns(100_000)),
        ("40,000 groups sorted by age", sorted_by_age(40_000)),
        ("40,000 groups each given twice", every_group_twice(40_000)),
    ];
    for (i, (name, text)) in cases.into_iter().enumerate() {
        let path = dir.path().join(format!("case{i}.csv"));
        std::fs::write(&path, text).unwrap();
        g.bench_function(name, |b| {
            b.iter(|| match data::load(&path, None) {
                Ok(l) => black_box(l.data.groups.len() + l.problems.list.len()),
                Err(p) => black_box(p.list.len()),
            })
        });
    }
    g.finish();
}

criterion_group!(benches, engine, readers);
criterion_main!(benches);
