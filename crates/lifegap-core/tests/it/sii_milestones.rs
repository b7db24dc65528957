//! SII milestones in the scenario file (issue 13): saved and read back unchanged, older files
//! without them still load, and a bad value is refused at its own line and column.

use crate::common::shipped;
use lifegap_core::model::area::Sex;
use lifegap_core::model::scenario::Period;
use lifegap_core::model::sii_milestone::{SiiBaseline, SiiGoal, SiiMilestone};
use lifegap_core::scenario_file;

fn milestone(target: SiiGoal) -> SiiMilestone {
    SiiMilestone {
        name: "SII narrowed by 10% by 2009-11".into(),
        sex: Sex::Female,
        period: Period::new(2009, 2011),
        data: "deciles.csv".into(),
        groups: Vec::new(),
        targeted: vec!["D1".into(), "D2".into()],
        baseline: SiiBaseline {
            period: Period::new(2006, 2008),
            sii: 7.25,
        },
        target,
    }
}

#[test]
fn an_sii_milestone_round_trips_through_the_scenario_file() {
    let path = &shipped()[0];
    let mut s = scenario_file::read_checked(path).unwrap();
    s.sii_milestones = vec![
        milestone(SiiGoal::Reduction(0.1)),
        SiiMilestone {
            sex: Sex::Male,
            groups: (1..=5).map(|i| format!("Q{i}")).collect(),
            targeted: vec!["Q1".into()],
            ..milestone(SiiGoal::MaxSii(8.5))
        },
    ];
    let text = scenario_file::to_text(&s);
    // Readable: the kind of target and the file by name.
    assert!(text.contains("sii_milestones: ["), "{text}");
    assert!(text.contains("target: Reduction(0.1)"), "{text}");
    assert!(text.contains("target: MaxSii(8.5)"), "{text}");
    assert!(text.contains("data: \"deciles.csv\""), "{text}");
    let back = scenario_file::parse(path, &text).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.sii_milestones[0].required(), 7.25 * 0.9);
    // A file without SII milestones (every shipped one before this) writes none and reads
    // back with none.
    let plain = scenario_file::read_checked(path).unwrap();
    assert!(!scenario_file::to_text(&plain).contains("sii_milestones"));
}

#[test]
fn a_bad_sii_milestone_is_refused_at_its_line_and_column() {
    let path = &shipped()[0];
    let mut s = scenario_file::read_checked(path).unwrap();
    s.sii_milestones = vec![milestone(SiiGoal::Reduction(0.1))];
    let good = scenario_file::to_text(&s);
    let bad = good.replace("target: Reduction(0.1)", "target: Reduction(1.5)");
    assert_ne!(bad, good);
    let e = scenario_file::parse(path, &bad).unwrap_err();
    assert_eq!(e.list.len(), 1, "{e:?}");
    let p = &e.list[0];
    // The line and column of `1.5` itself.
    let i = bad.find("Reduction(1.5)").unwrap() + "Reduction(".len();
    let line = bad[..i].matches('\n').count() as u64 + 1;
    let col = i - bad[..i].rfind('\n').map_or(0, |j| j + 1) + 1;
    assert_eq!(p.line, Some(line), "{p}");
    assert_eq!(p.column.as_ref().map(|c| c.0), Some(col), "{p}");
    let shown = p.to_string();
    assert!(shown.contains("sii_milestones[0].target[0]"), "{shown}");
    assert!(shown.contains("reduction 1.5 is out of range"), "{shown}");
    // An unknown field is a located syntax error, as anywhere in the file.
    let typo = good.replace("targeted: [", "targetted: [");
    let e = scenario_file::parse(path, &typo).unwrap_err();
    assert!(e.list[0].line.is_some(), "{e:?}");
    assert!(e.list[0].to_string().contains("targetted"), "{e:?}");
}
