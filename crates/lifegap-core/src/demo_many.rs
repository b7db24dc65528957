//! SYNTHETIC multi-area data for `run-all` (tests and the timings in README): England and `n`
//! invented areas made from the demo's Demoborough by scaling its death rates (0.85 to 1.25
//! times, varying by area and cause) and its population. Deterministic: the same `n` and
//! `scale` give the same data.

use crate::model::area::{AreaData, Group, Provenance};
use crate::model::bands::BandSet;

/// The demo file (England and Demoborough, so the demo scenarios serve as templates) and `n`
/// more synthetic areas named `Area 0001`…, each with `scale` times Demoborough's
/// population (0.02 gives ward-sized groups of about 8,000 person-years a sex). Deaths keep
/// their fractions (no rounding), so small areas keep deaths in every band.
pub fn many_areas(n: usize, scale: f64) -> AreaData {
    let demo = demo_groups();
    let local: Vec<Group> = demo
        .iter()
        .filter(|g| g.area == crate::demo::LOCAL)
        .cloned()
        .collect();
    let mut data = AreaData {
        bands: BandSet::To90,
        causes: crate::demo::CAUSES.iter().map(|c| c.to_string()).collect(),
        groups: demo,
        provenance: Provenance {
            source: "lifegap_core::demo_many".into(),
            period: Some("2006-08".into()),
            synthetic: true,
            notes: Vec::new(),
        },
    };
    for i in 0..n {
        let name = format!("Area {:04}", i + 1);
        let level = 0.85 + 0.4 * ((i * 7919) % 1000) as f64 / 1000.0;
        for g in &local {
            let mut h = g.clone();
            h.area = name.clone();
            for p in &mut h.population {
                *p *= scale;
            }
            for (c, cause) in h.deaths.iter_mut().enumerate() {
                let tilt = 1.0 + 0.1 * (((i + 3 * c) % 5) as f64 - 2.0) / 2.0;
                for d in cause.iter_mut() {
                    *d *= scale * level * tilt;
                }
            }
            data.groups.push(h);
        }
    }
    data.provenance.notes = vec![format!(
        "SYNTHETIC: {n} invented areas made from the demo by lifegap_core::demo_many"
    )];
    data
}

/// The demo's groups, straight from its rows.
fn demo_groups() -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for r in crate::demo::rows() {
        let b = BandSet::To90.index_of(r.age).expect("band start");
        let i = match out.iter().position(|g| g.area == r.area && g.sex == r.sex) {
            Some(i) => i,
            None => {
                out.push(Group {
                    area: r.area.to_string(),
                    sex: r.sex,
                    population: vec![0.0; 20],
                    deaths: vec![vec![0.0; 20]; r.deaths.len()],
                });
                out.len() - 1
            }
        };
        out[i].population[b] = r.population;
        for (c, d) in r.deaths.iter().enumerate() {
            out[i].deaths[c][b] = *d;
        }
    }
    out
}
