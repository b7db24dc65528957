//! The files a scenario's SII milestones name (`sii_milestones[i].data`): resolved against the
//! scenario's folder as `data` is, held to the same [`DataAccess`] rule (lifegap's own
//! synthetic files in `assets/data/` are exempt, as the demo's area file is), and read with
//! the area reader. A file that is refused or cannot be read is a problem located at the
//! field naming it, so the user sees which milestone and which line.

use super::{DataAccess, at_field, outside_why, read_text, spans, without_bom};
use crate::data::{self, Problems};
use crate::model::scenario::{FieldPath, Scenario};
use std::path::{Path, PathBuf};

/// lifegap's own synthetic data folder (`assets/data/` of the checkout it was built from).
const SHIPPED_DATA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/data");

fn is_shipped(resolved: &Path) -> bool {
    match (
        std::fs::canonicalize(resolved),
        std::fs::canonicalize(SHIPPED_DATA_DIR),
    ) {
        (Ok(a), Ok(b)) => a.parent() == Some(b.as_path()),
        _ => false,
    }
}

/// Where `written` leads from the scenario at `scenario_path`, or why it may not be read.
pub fn sii_data_path(
    scenario_path: &Path,
    written: &str,
    access: DataAccess,
) -> Result<PathBuf, String> {
    let dir = match scenario_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let resolved = dir.join(written);
    if access == DataAccess::InsideFolder
        && !is_shipped(&resolved)
        && let Some(why) = outside_why(dir, written)
    {
        return Err(format!(
            "the file '{}' leads outside the scenario's folder ({why}): a scenario reads files only from its own folder and below unless you allow it (--allow-data-outside on the command line)",
            super::sanitise(written, super::MAX_QUOTED_PATH)
        ));
    }
    Ok(resolved)
}

/// Read the file of SII milestone `i` of `scenario` (saved at `scenario_path`). Problems in
/// the file itself are located in it; a refused or unreadable file is located at
/// `sii_milestones[i].data` in the scenario.
pub fn load_sii_data(
    scenario_path: &Path,
    scenario: &Scenario,
    i: usize,
    access: DataAccess,
) -> Result<data::Loaded, Problems> {
    let at_data = |message: String| {
        let mut p = Problems::default();
        let field = FieldPath::root()
            .field("sii_milestones")
            .index(i)
            .field("data");
        let text = read_text(scenario_path).unwrap_or_default();
        let text = without_bom(&text);
        p.push(at_field(
            scenario_path,
            spans::parse(text).as_ref(),
            text,
            &field,
            message,
        ));
        p
    };
    let Some(m) = scenario.sii_milestones.get(i) else {
        return Err(at_data(format!(
            "the scenario has no SII milestone {}",
            i + 1
        )));
    };
    let path = sii_data_path(scenario_path, &m.data, access).map_err(&at_data)?;
    match std::fs::metadata(&path) {
        Err(e) => {
            return Err(at_data(format!(
                "SII milestone '{}': cannot read its file by deprivation group {}: {e}",
                m.label(),
                super::sanitise(&path.display().to_string(), super::MAX_QUOTED_PATH)
            )));
        }
        Ok(md) if !md.is_file() => {
            return Err(at_data(format!(
                "SII milestone '{}': {} is not a regular file (a folder, a device or a pipe)",
                m.label(),
                super::sanitise(&path.display().to_string(), super::MAX_QUOTED_PATH)
            )));
        }
        Ok(_) => {}
    }
    data::load(&path, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::area::Sex;
    use crate::model::scenario::Period;
    use crate::model::sii_milestone::{SiiBaseline, SiiGoal, SiiMilestone};

    fn demo_path() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/demo-2010-countdown.ron")
    }

    fn with_file(written: &str) -> Scenario {
        let mut s = crate::scenario_file::read_unchecked(&demo_path()).unwrap();
        s.sii_milestones = vec![SiiMilestone {
            name: "SII".into(),
            sex: Sex::Male,
            period: Period::new(2009, 2011),
            data: written.into(),
            groups: Vec::new(),
            targeted: Vec::new(),
            baseline: SiiBaseline {
                period: Period::new(2006, 2008),
                sii: 9.0,
            },
            target: SiiGoal::Reduction(0.1),
        }];
        s
    }

    #[test]
    fn a_missing_file_is_named_at_the_milestones_field() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.ron");
        let s = with_file("gone.csv");
        std::fs::write(&p, crate::scenario_file::to_text(&s)).unwrap();
        let e = load_sii_data(&p, &s, 0, DataAccess::InsideFolder).unwrap_err();
        let first = &e.list[0];
        let shown = first.to_string();
        assert!(shown.contains("sii_milestones[0].data"), "{shown}");
        assert!(shown.contains("cannot read its file"), "{shown}");
        assert!(first.line.is_some(), "{shown}");
    }

    #[test]
    fn a_file_outside_the_folder_is_refused_unless_allowed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.ron");
        let s = with_file("../elsewhere.csv");
        std::fs::write(&p, crate::scenario_file::to_text(&s)).unwrap();
        let e = load_sii_data(&p, &s, 0, DataAccess::InsideFolder).unwrap_err();
        assert!(e.list[0].to_string().contains("climbs out"), "{e:?}");
        assert!(sii_data_path(&p, "../elsewhere.csv", DataAccess::Anywhere).is_ok());
    }
}
