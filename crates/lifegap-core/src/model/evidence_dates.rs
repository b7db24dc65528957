//! Evidence a plan could not have cited: a source published after the scenario's planning date
//! (a 2009 plan citing a 2013 review). Such values are flagged, not refused — a scenario may be
//! a retrospective — with the earlier publication to swap to where one is known
//! ([`Evidence::earlier`]).

use super::evidence::Evidence;
use super::scenario::Scenario;
use serde::Serialize;

/// One evidence value published after the planning date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LateEvidence {
    /// Index of the programme in the scenario.
    pub programme: usize,
    pub programme_name: String,
    /// The parameter as people name it: "relative risk reduction (stroke)".
    pub parameter: String,
    pub citation: String,
    pub year: u16,
    pub planning_year: i32,
    /// The earlier publication to use instead, when one is known.
    pub earlier: Option<Evidence>,
}

/// Every evidence value of an enabled programme, with its name.
pub fn named_evidence(p: &super::programmes::Programme) -> Vec<(String, &Evidence)> {
    let mut out = vec![
        ("eligible share".to_string(), &p.eligible.share),
        ("adherence".to_string(), &p.adherence),
        ("relative risk of the group".to_string(), &p.relative_risk),
        ("cost per person".to_string(), &p.cost_per_person),
    ];
    if !super::programmes::flat_bau().eq(&p.coverage.bau_change) {
        out.push((
            "business-as-usual change".to_string(),
            &p.coverage.bau_change,
        ));
    }
    if !super::programmes::no_decay().eq(&p.decay) {
        out.push(("loss of effect a year".to_string(), &p.decay));
    }
    if !super::programmes::population_survival().eq(&p.survival_hr) {
        out.push((
            "survival after a postponed death (hazard ratio)".to_string(),
            &p.survival_hr,
        ));
    }
    for e in &p.effects {
        let cause = super::causes::label(&e.cause);
        out.push((format!("relative risk reduction ({cause})"), &e.rrr));
        if let Some(rr) = &e.relative_risk {
            out.push((format!("relative risk ({cause})"), rr));
        }
    }
    out
}

/// Evidence of the enabled programmes published after the scenario's planning date (none when
/// the scenario has no planning date).
pub fn late_evidence(s: &Scenario) -> Vec<LateEvidence> {
    let Some(as_of) = s.as_of else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, p) in s.programmes.iter().enumerate().filter(|(_, p)| p.enabled) {
        for (parameter, e) in named_evidence(p) {
            if e.published_after(as_of.year) {
                out.push(LateEvidence {
                    programme: k,
                    programme_name: p.name.clone(),
                    parameter,
                    citation: e.citation(),
                    year: e.year,
                    planning_year: as_of.year,
                    earlier: e.earlier(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::programmes::library;
    use crate::model::scenario::Date;

    #[test]
    fn a_2009_plan_is_told_which_sources_it_could_not_have_cited() {
        let mut s = crate::demo::scenarios::countdown();
        s.as_of = Some(Date {
            year: 2009,
            month: 4,
            day: 1,
        });
        let late = late_evidence(&s);
        let names: Vec<(&str, &str, u16)> = late
            .iter()
            .map(|l| (l.programme_name.as_str(), l.parameter.as_str(), l.year))
            .collect();
        // Cochrane 2013 (primary-prevention statins), CTT 2010 (stroke), the UK Panel 2012
        // (breast), ONS 2013 (excess winter deaths) and BP's 2016 note are flagged; 4S 1994 is not.
        assert!(names.contains(&(
            "Statins: primary prevention (high CVD risk)",
            "relative risk reduction (Coronary heart disease)",
            2013
        )));
        assert!(names.contains(&(
            "Statins: secondary prevention (established CVD)",
            "relative risk reduction (Stroke)",
            2010
        )));
        assert!(
            !names
                .iter()
                .any(|(_, p, y)| p.contains("Coronary") && *y == 1994)
        );
        // CTT 2010 has CTT 2005 to swap to.
        let ctt = late.iter().find(|l| l.year == 2010).unwrap();
        let earlier = ctt.earlier.as_ref().unwrap();
        assert_eq!((earlier.year, earlier.value), (2005, 0.21));
        assert!(earlier.measures.ends_with("applied to stroke deaths"));
        // A plan made in 2014 cites them all legitimately.
        s.as_of = Some(Date {
            year: 2014,
            month: 1,
            day: 1,
        });
        assert!(late_evidence(&s).iter().all(|l| l.year > 2014));
        // Local assumptions read "local", never "0".
        assert_eq!(library::statins_primary().adherence.year_text(), "local");
    }
}
