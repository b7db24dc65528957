//! `lifegap sii`: the slope index of inequality in life expectancy across deprivation deciles
//! (or quintiles) of an area file built `--by deprivation-decile` (PHE's `phe_sii`; see
//! `lifegap_core::model::sii`).

use super::{load_reported, options};
use crate::cli::error::{CliError, Outcome, done};
use crate::cli::output::{Csv, json};
use crate::cli::{DataArgs, TableArgs};
use lifegap_core::model::area::Sex;
use lifegap_core::model::small_areas::{deprivation_groups, life_expectancy_sii};
use serde::Serialize;

/// What `lifegap sii` was asked.
pub struct Request<'a> {
    pub data: &'a DataArgs,
    pub sex: Option<Sex>,
    /// Groups most deprived first; `None`: D1…D10 or Q1…Q5 as build-data names them.
    pub groups: Option<&'a [String]>,
    pub repetitions: u32,
    pub seed: u64,
    pub table: &'a TableArgs,
}

#[derive(Serialize)]
struct JsonOut {
    sex: Sex,
    #[serde(flatten)]
    sii: lifegap_core::model::sii::Sii,
    groups: Vec<lifegap_core::model::small_areas::GroupLe>,
}

pub fn run(q: &Request<'_>) -> Outcome {
    let (loaded, input_errors) = load_reported(q.data)?;
    let data = &loaded.data;
    let opts = options(q.table)?;
    let groups = match q.groups {
        Some(g) => g.to_vec(),
        None => deprivation_groups(data).ok_or_else(|| {
            CliError::Usage(format!(
                "{} has neither D1…D10 nor Q1…Q5 (build it with `lifegap build-data --by deprivation-decile`), so name the groups, most deprived first, with --groups",
                data.provenance.source
            ))
        })?,
    };
    let sexes: Vec<Sex> = q.sex.map_or(Sex::BOTH.to_vec(), |s| vec![s]);
    let mut results = Vec::new();
    for sex in sexes {
        let (sii, used) = life_expectancy_sii(
            data,
            sex,
            &groups,
            &opts,
            q.table.confidence,
            q.repetitions,
            q.seed,
        )
        .map_err(CliError::Input)?;
        results.push(JsonOut {
            sex,
            sii,
            groups: used,
        });
    }
    if q.table.json {
        json(&results)?;
    } else {
        let mut out = Csv::new(std::io::stdout().lock());
        out.row([
            "sex",
            "sii",
            "lower",
            "upper",
            "confidence",
            "repetitions",
            "intercept",
            "rii",
            "groups",
        ])?;
        for r in &results {
            out.text(r.sex.as_str())?;
            for x in [r.sii.sii, r.sii.lower, r.sii.upper, r.sii.confidence] {
                out.num(x)?;
            }
            out.num(f64::from(r.sii.repetitions))?;
            out.num(r.sii.intercept)?;
            out.num(r.sii.rii)?;
            out.text(&groups.join(" "))?;
            out.end_row()?;
        }
        out.flush()?;
    }
    done(input_errors)
}
