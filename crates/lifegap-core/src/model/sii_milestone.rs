//! The slope index of inequality (SII) as a milestone kept in the scenario file (issue 13):
//! "narrow the SII in men's life expectancy across the area's deprivation deciles by 10% from
//! 2006–08's 9.2 years by 2009–11", saved in the `.ron` beside the life-expectancy milestones
//! and judged by [`crate::sii_target::saved_countdown`].
//!
//! What is kept, and why:
//! * **`data`**: the area file by deprivation decile or fifth (`lifegap build-data --by
//!   deprivation-decile`), a path relative to the scenario's folder written as `data` is,
//!   read under the same rule (its own folder and below unless the user allows otherwise).
//! * **`baseline`**: the SII's period and value *as typed or computed when the milestone was
//!   set*. The requirement is fixed from it, so replacing the decile file with later data
//!   moves the projection but not the goal post — as the 2010 PSA target kept 1995–97's gap.
//! * **`target`**: a share off the baseline (`Reduction(0.1)`) or an SII of at most so many
//!   years (`MaxSii(8.0)`), for one sex.
//! * **`targeted`**: the deciles the scenario's programmes are delivered in (none: the SII
//!   without them).
//!
//! Older files have no `sii_milestones` and load as before (serde default).

use super::area::Sex;
use super::scenario::{FieldPath, Period};
use serde::{Deserialize, Serialize};

/// A saved SII milestone for one sex.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiiMilestone {
    pub name: String,
    pub sex: Sex,
    /// Measured on pooled data for this period: within the horizon, as any milestone.
    pub period: Period,
    /// The area file by deprivation group, relative to the scenario's folder (as `data`).
    pub data: String,
    /// The groups, most deprived first; empty: `D1`…`D10` or `Q1`…`Q5`, as the file has them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    /// The groups the scenario's programmes are delivered in (empty: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targeted: Vec<String>,
    pub baseline: SiiBaseline,
    pub target: SiiGoal,
}

/// The SII the milestone starts from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiiBaseline {
    pub period: Period,
    /// Years of life expectancy between the least and the most deprived ends of the fitted
    /// social gradient.
    pub sii: f64,
}

/// What the SII must come down to.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum SiiGoal {
    /// Narrowed by this share of the baseline (0.10 = 10%; 0 up to, not including, 1).
    Reduction(f64),
    /// At most this many years.
    MaxSii(f64),
}

/// The SII in years a file may state: a gradient of 40 years either way is far beyond any
/// area of England (the SII in life expectancy across English deciles is about 9 years for
/// men and 7 for women, 2006–08); beyond it the number is a typing error.
pub const SII_YEARS: std::ops::RangeInclusive<f64> = -40.0..=40.0;
/// Deprivation groups at most (deciles, fifths, or a few more for a finer cut).
pub const MAX_GROUPS: usize = 20;

impl SiiMilestone {
    /// "SII narrowed by 10% by 2009-11 (men)".
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.sex.plural_label().to_lowercase())
    }

    /// The SII required by the end of the period.
    pub fn required(&self) -> f64 {
        match self.target {
            SiiGoal::Reduction(r) => self.baseline.sii * (1.0 - r),
            SiiGoal::MaxSii(v) => v,
        }
    }

    /// Every problem with the milestone's own values, at its field (relative to the
    /// milestone), for a scenario whose simulation covers `horizon`.
    pub fn problems(&self, horizon: Period) -> Vec<(FieldPath, String)> {
        let mut out = Vec::new();
        let here = FieldPath::root();
        let label = self.label();
        let years = super::scenario::YEARS;
        let period_ok = |p: Period| {
            !p.is_empty()
                && years.contains(&p.first)
                && years.contains(&p.last)
                && p.len() <= super::scenario::MAX_PERIOD_YEARS
        };
        if self.name.trim().is_empty() {
            out.push((
                here.field("name"),
                "an SII milestone needs a name".to_string(),
            ));
        }
        if !period_ok(self.period) {
            out.push((
                here.field("period"),
                format!(
                    "SII milestone '{label}': period {} is not a period of 1 to {} years within {}–{}",
                    self.period,
                    super::scenario::MAX_PERIOD_YEARS,
                    years.start(),
                    years.end()
                ),
            ));
        } else if self.period.first < horizon.first || self.period.last > horizon.last {
            out.push((
                here.field("period"),
                format!(
                    "SII milestone '{label}' is measured on {} but the simulation covers {horizon}",
                    self.period
                ),
            ));
        }
        let b = here.field("baseline");
        if !period_ok(self.baseline.period) {
            out.push((
                b.field("period"),
                format!(
                    "SII milestone '{label}': baseline period {} is not a period of 1 to {} years within {}–{}",
                    self.baseline.period,
                    super::scenario::MAX_PERIOD_YEARS,
                    years.start(),
                    years.end()
                ),
            ));
        } else if period_ok(self.period) && self.baseline.period.mid() >= self.period.mid() {
            out.push((
                b.field("period"),
                format!(
                    "SII milestone '{label}': the baseline {} must come before the period measured, {}",
                    self.baseline.period, self.period
                ),
            ));
        }
        if !super::scenario::in_range(self.baseline.sii, &SII_YEARS) {
            out.push((
                b.field("sii"),
                format!(
                    "SII milestone '{label}': a baseline SII of {} years is out of range: a number of years from {} to {}",
                    super::scenario::show(self.baseline.sii),
                    SII_YEARS.start(),
                    SII_YEARS.end()
                ),
            ));
        }
        let t = here.field("target").index(0);
        match self.target {
            SiiGoal::Reduction(r) => {
                if !(r.is_finite() && (0.0..1.0).contains(&r)) {
                    out.push((
                        t,
                        format!(
                            "SII milestone '{label}': reduction {} is out of range: a share from 0 up to (not including) 1",
                            super::scenario::show(r)
                        ),
                    ));
                }
            }
            SiiGoal::MaxSii(v) => {
                if !super::scenario::in_range(v, &SII_YEARS) {
                    out.push((
                        t,
                        format!(
                            "SII milestone '{label}': an SII of {} years is out of range: a number of years from {} to {}",
                            super::scenario::show(v),
                            SII_YEARS.start(),
                            SII_YEARS.end()
                        ),
                    ));
                }
            }
        }
        if self.data.trim().is_empty() {
            out.push((
                here.field("data"),
                format!("SII milestone '{label}' names no file by deprivation group"),
            ));
        } else if self.data.chars().count() > super::scenario::MAX_LINKED_PATH {
            out.push((
                here.field("data"),
                format!(
                    "SII milestone '{label}': the file's path is longer than {} characters",
                    super::scenario::MAX_LINKED_PATH
                ),
            ));
        }
        if self.groups.len() == 1 || self.groups.len() > MAX_GROUPS {
            out.push((
                here.field("groups"),
                format!(
                    "SII milestone '{label}': {} groups; a slope needs 2 to {MAX_GROUPS}",
                    self.groups.len()
                ),
            ));
        }
        for (i, g) in self.groups.iter().enumerate() {
            if self.groups[..i].iter().any(|h| h.eq_ignore_ascii_case(g)) {
                out.push((
                    here.field("groups").index(i),
                    format!("SII milestone '{label}': group '{g}' is named twice"),
                ));
            }
        }
        if self.targeted.len() > MAX_GROUPS {
            out.push((
                here.field("targeted"),
                format!(
                    "SII milestone '{label}': {} targeted groups, at most {MAX_GROUPS}",
                    self.targeted.len()
                ),
            ));
        } else if !self.groups.is_empty() {
            for (i, g) in self.targeted.iter().enumerate() {
                if !self.groups.iter().any(|h| h.eq_ignore_ascii_case(g)) {
                    out.push((
                        here.field("targeted").index(i),
                        format!(
                            "SII milestone '{label}': targeted group '{g}' is not one of its groups"
                        ),
                    ));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> SiiMilestone {
        SiiMilestone {
            name: "SII narrowed by 10% by 2009-11".into(),
            sex: Sex::Male,
            period: Period::new(2009, 2011),
            data: "deciles.csv".into(),
            groups: Vec::new(),
            targeted: vec!["D1".into()],
            baseline: SiiBaseline {
                period: Period::new(2006, 2008),
                sii: 9.0,
            },
            target: SiiGoal::Reduction(0.1),
        }
    }

    #[test]
    fn the_requirement_is_the_share_off_the_baseline_or_the_years_typed() {
        let mut x = m();
        assert!((x.required() - 8.1).abs() < 1e-12);
        x.target = SiiGoal::MaxSii(7.5);
        assert_eq!(x.required(), 7.5);
    }

    #[test]
    fn bad_values_are_named_at_their_field() {
        let h = Period::new(2008, 2015);
        assert!(m().problems(h).is_empty(), "{:?}", m().problems(h));
        let mut x = m();
        x.target = SiiGoal::Reduction(1.5);
        x.baseline.sii = f64::NAN;
        x.period = Period::new(2014, 2016);
        let p = x.problems(h);
        let at: Vec<String> = p.iter().map(|(f, _)| f.to_string()).collect();
        assert_eq!(at, ["period", "baseline.sii", "target[0]"], "{p:?}");
        assert!(
            p[0].1.contains("the simulation covers 2008-15"),
            "{}",
            p[0].1
        );
        let mut y = m();
        y.groups = vec!["D1".into(), "D2".into()];
        y.targeted = vec!["D3".into()];
        y.baseline.period = Period::new(2010, 2012);
        let at: Vec<String> = y.problems(h).iter().map(|(f, _)| f.to_string()).collect();
        assert_eq!(at, ["baseline.period", "targeted[0]"]);
    }
}
