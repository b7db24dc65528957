//! Turning rows into complete area × sex groups: band-set detection, missing bands and mixed
//! band sets. Shared by the wide and long readers.

use super::problem::{Problem, Problems, Rule};
use crate::model::area::{Group, Sex};
use crate::model::bands::BandSet;
use std::path::Path;

/// Start ages the readers accept (the 90+ set; the 85+ set is its first 19).
pub const SLOTS: usize = 20;

/// A group being filled in, slot by slot (slot = index in the 0..90 band list).
pub struct PartialGroup {
    pub area: String,
    pub sex: Sex,
    pub first_line: u64,
    pub seen: u32,
    pub population: [f64; SLOTS],
    /// `[slot * causes + cause]`
    pub deaths: Vec<f64>,
    /// Line of each slot, for messages.
    pub lines: [u64; SLOTS],
    pub has_error: bool,
    /// Line of an age 85 row labelled as the open band `85+` (0 when none).
    pub open85_line: u64,
    /// Line of an age 85 row labelled as the closed band `85-89` (0 when none).
    pub closed85_line: u64,
}

const MASK_90: u32 = (1 << 20) - 1;
const MASK_85: u32 = (1 << 19) - 1;

impl PartialGroup {
    pub fn new(area: String, sex: Sex, first_line: u64, causes: usize) -> Self {
        PartialGroup {
            area,
            sex,
            first_line,
            seen: 0,
            population: [0.0; SLOTS],
            deaths: vec![0.0; SLOTS * causes],
            lines: [0; SLOTS],
            has_error: false,
            open85_line: 0,
            closed85_line: 0,
        }
    }

    pub fn has(&self, slot: usize) -> bool {
        self.seen & (1 << slot) != 0
    }

    /// The band set this group's bands make, if complete.
    pub fn complete_set(&self) -> Option<BandSet> {
        match self.seen {
            MASK_90 => Some(BandSet::To90),
            MASK_85 => Some(BandSet::To85),
            _ => None,
        }
    }

    pub fn describe(&self) -> String {
        format!("area '{}', {}", self.area, self.sex)
    }
}

/// Checks a finished group against the file's band set and builds the model's [`Group`].
pub struct Assembler<'a> {
    pub path: &'a Path,
    pub causes: usize,
    /// The band set of the first complete group; every other group must match it.
    pub bands: Option<(BandSet, String)>,
    /// Some row of the file is for age 90: the file closes at 90+, and a group with bands only
    /// to 85 is missing its 90+ row rather than using the older band set.
    pub file_has_90: bool,
    /// The age column (index, header), where label problems are located.
    pub age_column: Option<(usize, String)>,
}

impl Assembler<'_> {
    /// Finish a group: report missing bands and mixed band sets; `None` if it has any error.
    pub fn finish(&mut self, g: PartialGroup, problems: &mut Problems) -> Option<Group> {
        let complete = match g.complete_set() {
            Some(BandSet::To85) if self.file_has_90 => None,
            other => other,
        };
        let set = match complete {
            Some(set) => set,
            None => {
                let expected = match self.bands {
                    Some((set, _)) => set,
                    None if g.has(19) || self.file_has_90 => BandSet::To90,
                    None if g.has(18) && !g.has(19) && g.seen.count_ones() >= 10 => BandSet::To85,
                    None => BandSet::To90,
                };
                let missing: Vec<String> = expected
                    .starts()
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !g.has(*i))
                    .map(|(_, a)| a.to_string())
                    .collect();
                problems.push(
                    Problem::error(
                        self.path,
                        Rule::MissingBand,
                        format!(
                            "{} has no row for age band(s) {} (bands must be {})",
                            g.describe(),
                            missing.join(", "),
                            expected.describe()
                        ),
                    )
                    .at_line(g.first_line),
                );
                return None;
            }
        };
        match &self.bands {
            None => self.bands = Some((set, g.describe())),
            Some((file_set, first)) if *file_set != set => {
                problems.push(
                    Problem::error(
                        self.path,
                        Rule::MixedBandSets,
                        format!(
                            "{} uses bands {} but {} uses {}: one file must use one band set",
                            g.describe(),
                            set.describe(),
                            first,
                            file_set.describe()
                        ),
                    )
                    .at_line(g.first_line),
                );
                return None;
            }
            Some(_) => {}
        }
        // The label of the 85 band must agree with the band set: `85+` is the open band only
        // when the group closes at 85+, `85-89` only when a 90+ band follows.
        let mismatch = match set {
            BandSet::To90 if g.open85_line != 0 => Some((
                g.open85_line,
                "age '85+' is an open band, but this group has a 90+ band too: label the row 85-89 (or 85)",
            )),
            BandSet::To85 if g.closed85_line != 0 => Some((
                g.closed85_line,
                "age '85-89' is a closed band, but it is this group's last band: add the 90+ row, or label it 85+ if it counts everyone 85 and over",
            )),
            _ => None,
        };
        if let Some((line, what)) = mismatch {
            let mut p = Problem::error(
                self.path,
                Rule::AgeBandMismatch,
                format!("{}: {what}", g.describe()),
            )
            .at_line(line);
            if let Some((col, name)) = &self.age_column {
                p = p.at_column(*col, name);
            }
            problems.push(p);
            return None;
        }
        if g.has_error {
            return None;
        }
        let k = set.len();
        let deaths = (0..self.causes)
            .map(|c| (0..k).map(|s| g.deaths[s * self.causes + c]).collect())
            .collect();
        Some(Group {
            area: g.area,
            sex: g.sex,
            population: g.population[..k].to_vec(),
            deaths,
        })
    }
}

/// The slot of a start age in the 0,1,5,…,90 list.
pub fn slot_of(age: u32) -> Option<usize> {
    BandSet::To90.index_of(age)
}
