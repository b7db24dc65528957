//! `lifegap stretch`: a copy of a scenario with every milestone stretched (a larger gap
//! reduction, or a chosen gap in years; `lifegap_core::model::stretch`), written beside it, so
//! `run`, `goal-seek`, `report` and the app judge the stretched milestones.

use super::scenario_common::{self, Source};
use crate::cli::error::{Outcome, done};
use lifegap_core::model::dsr::targets::Stretch;
use lifegap_core::model::stretch;
use std::path::Path;

pub fn run(source: &Source<'_>, stretch_to: Stretch, out: &Path) -> Outcome {
    let loaded = scenario_common::load(source)?;
    let mut s = loaded.scenario.clone();
    for note in stretch::apply(&mut s, stretch_to) {
        eprintln!("note: {note}");
    }
    scenario_common::write_beside(&loaded, out, &s)?;
    done(false)
}
