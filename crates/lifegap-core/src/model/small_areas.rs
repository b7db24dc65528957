//! Life expectancy of many small groups (wards, deprivation deciles) with PHE's rules, ranked;
//! and the slope index of inequality across deprivation groups built from them.
//!
//! PHE's rules for small populations (PHEindicatormethods `phe_life_expectancy`; methods.md
//! "Abridged life table"): a group whose person-years over the period total 5,000 or fewer, or
//! with no deaths in the open band, gets no value (the reason is given); a value whose 95%
//! interval is wider than 20 years is suppressed, its limits still shown. Wards are small —
//! a few thousand people, so about 5,000 person-years a sex in three years — and these rules
//! decide which can be published. Only published values are ranked.

use super::area::{AreaData, Sex};
use super::life_table::LifeTableOptions;
use super::sii::{Quantile, Sii, phe_sii};
use serde::Serialize;

/// What can be said of a group's life expectancy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "status", content = "reason")]
pub enum LeStatus {
    Ok,
    /// The 95% interval is wider than 20 years: no value, limits still given.
    Suppressed,
    /// No life table: too few person-years, no deaths in the open band, …
    NotComputed(String),
}

/// One group's life expectancy at birth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupLe {
    pub area: String,
    pub sex: Sex,
    pub person_years: f64,
    pub deaths: f64,
    /// e₀ when published (status ok).
    pub e0: Option<f64>,
    pub se: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// Under PHE's 5,000 person-years: flagged whatever else is said.
    pub small: bool,
    pub status: LeStatus,
    /// 1 = highest life expectancy among the published values of this sex.
    pub rank: Option<usize>,
}

/// PHE's threshold of person-years for a life table (and the small-population flag).
pub const MIN_PERSON_YEARS: f64 = 5_000.0;

/// Every group of `sex` in `data` (both sexes if `None`), ranked within each sex by e₀
/// (highest first); unpublished values follow, in file order.
pub fn ranked(data: &AreaData, sex: Option<Sex>, opts: &LifeTableOptions) -> Vec<GroupLe> {
    let mut out: Vec<GroupLe> = data
        .groups
        .iter()
        .filter(|g| sex.is_none_or(|s| g.sex == s))
        .map(|g| {
            let person_years: f64 = g.population.iter().sum();
            let deaths: f64 = g.all_deaths().iter().sum();
            let base = GroupLe {
                area: g.area.clone(),
                sex: g.sex,
                person_years,
                deaths,
                e0: None,
                se: None,
                lower: None,
                upper: None,
                small: person_years < MIN_PERSON_YEARS,
                status: LeStatus::Ok,
                rank: None,
            };
            match g.life_table(data.bands, opts) {
                Err(e) => GroupLe {
                    status: LeStatus::NotComputed(e.to_string()),
                    ..base
                },
                Ok(t) => {
                    let r = &t.rows[0];
                    GroupLe {
                        e0: (!r.suppressed).then_some(r.e),
                        se: Some(r.se),
                        lower: Some(r.lower),
                        upper: Some(r.upper),
                        status: if r.suppressed {
                            LeStatus::Suppressed
                        } else {
                            LeStatus::Ok
                        },
                        ..base
                    }
                }
            }
        })
        .collect();
    for s in Sex::BOTH {
        let mut idx: Vec<usize> = (0..out.len())
            .filter(|&i| out[i].sex == s && out[i].e0.is_some())
            .collect();
        idx.sort_by(|&a, &b| {
            out[b]
                .e0
                .unwrap_or(0.0)
                .total_cmp(&out[a].e0.unwrap_or(0.0))
        });
        for (r, i) in idx.into_iter().enumerate() {
            out[i].rank = Some(r + 1);
        }
    }
    out.sort_by_key(|g| (g.sex, g.rank.is_none(), g.rank));
    out
}

/// The deprivation groups of a file in order, most deprived first: `D1`…`D10` or `Q1`…`Q5`
/// as `build-data` names them (any case), when the file has a complete set of one of them.
pub fn deprivation_groups(data: &AreaData) -> Option<Vec<String>> {
    let areas = data.areas();
    ["D", "Q"].iter().find_map(|p| {
        let n = if *p == "D" { 10 } else { 5 };
        let names: Vec<String> = (1..=n).map(|i| format!("{p}{i}")).collect();
        names
            .iter()
            .all(|w| areas.iter().any(|a| a.eq_ignore_ascii_case(w)))
            .then_some(names)
    })
}

/// The SII of life expectancy at birth across `groups` (most deprived first) for one sex:
/// each group's e₀ and its SE from the PHE life table, population = its person-years.
pub fn life_expectancy_sii(
    data: &AreaData,
    sex: Sex,
    groups: &[String],
    opts: &LifeTableOptions,
    confidence: f64,
    repetitions: u32,
    seed: u64,
) -> Result<(Sii, Vec<GroupLe>), String> {
    let all = ranked(data, Some(sex), opts);
    let mut used = Vec::new();
    for name in groups {
        let g = all
            .iter()
            .find(|g| g.area.eq_ignore_ascii_case(name))
            .ok_or_else(|| format!("no valid data for group '{name}', {sex}"))?;
        // The value itself, even where PHE would suppress it: the SII weighs it by its SE.
        let table = data
            .group(&g.area, sex)
            .ok_or_else(|| format!("no data for '{name}', {sex}"))?
            .life_table(data.bands, opts)
            .map_err(|e| format!("{name}, {sex}: no life table: {e}"))?;
        used.push((g.clone(), table.e0(), table.se0()));
    }
    let q: Vec<Quantile> = used
        .iter()
        .map(|(g, e, se)| Quantile {
            population: g.person_years,
            value: *e,
            se: *se,
        })
        .collect();
    let sii = phe_sii(&q, confidence, repetitions, seed).map_err(|e| e.to_string())?;
    Ok((sii, used.into_iter().map(|(g, _, _)| g).collect()))
}
