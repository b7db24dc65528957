//! `lifegap ward-le`: life expectancy at birth of every group in a file (wards, built with
//! `lifegap build-data --by ward`), ranked, with 95% limits and PHE's small-population rules
//! (see `lifegap_core::model::small_areas`).

use super::{load_reported, options};
use crate::cli::error::{Outcome, done};
use crate::cli::output::{Csv, json};
use crate::cli::{DataArgs, TableArgs};
use lifegap_core::model::area::Sex;
use lifegap_core::model::small_areas::{LeStatus, ranked};

pub fn run(data: &DataArgs, sex: Option<Sex>, table: &TableArgs) -> Outcome {
    let (loaded, input_errors) = load_reported(data)?;
    let rows = ranked(&loaded.data, sex, &options(table)?);
    if table.json {
        json(&rows)?;
        return done(input_errors);
    }
    let mut out = Csv::new(std::io::stdout().lock());
    out.row([
        "rank",
        "area",
        "sex",
        "e0",
        "lower",
        "upper",
        "se",
        "person_years",
        "deaths",
        "small",
        "status",
        "reason",
    ])?;
    for r in &rows {
        out.num(r.rank.map_or(f64::NAN, |k| k as f64))?;
        out.text(&r.area)?;
        out.text(r.sex.as_str())?;
        for x in [r.e0, r.lower, r.upper, r.se] {
            out.num(x.unwrap_or(f64::NAN))?;
        }
        out.num(r.person_years)?;
        out.num(r.deaths)?;
        out.text(if r.small {
            "under 5,000 person-years"
        } else {
            ""
        })?;
        let (status, reason) = match &r.status {
            LeStatus::Ok => ("ok", String::new()),
            LeStatus::Suppressed => ("suppressed", "95% interval wider than 20 years".to_string()),
            LeStatus::NotComputed(why) => ("not computed", why.clone()),
        };
        out.text(status)?;
        out.text(&reason)?;
        out.end_row()?;
    }
    out.flush()?;
    done(input_errors)
}
