//! Age bands of the abridged life table.
//!
//! PHE/ONS publish life expectancy on 20 bands, 0, 1–4, 5–9, …, 85–89 and an open 90+ band;
//! older releases (and most textbook examples) close at 85+. Both are accepted; a file or
//! comparison must use one set throughout.

use serde::{Deserialize, Serialize};

/// The two band sets the PHE/ONS method accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BandSet {
    /// 0, 1, 5, 10, …, 85, 90+ (20 bands; current PHE/ONS practice).
    To90,
    /// 0, 1, 5, 10, …, 80, 85+ (19 bands; the older closing band).
    To85,
}

const STARTS_90: [u32; 20] = [
    0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90,
];

impl BandSet {
    /// Start ages of every band, youngest first; the last is the open band.
    pub fn starts(self) -> &'static [u32] {
        match self {
            BandSet::To90 => &STARTS_90,
            BandSet::To85 => &STARTS_90[..19],
        }
    }

    pub fn len(self) -> usize {
        self.starts().len()
    }

    /// Always false: a band set has at least 19 bands. Present for clippy's `len` rule.
    pub fn is_empty(self) -> bool {
        false
    }

    /// Start age of the open (last) band.
    pub(crate) fn open_start(self) -> u32 {
        *self.starts().last().expect("band sets are non-empty")
    }

    /// Width n of band `i` in years, `None` for the open band.
    pub fn width(self, i: usize) -> Option<f64> {
        let s = self.starts();
        s.get(i + 1).map(|next| f64::from(next - s[i]))
    }

    /// Index of the band starting at `age`, if `age` is a band start of this set.
    pub fn index_of(self, age: u32) -> Option<usize> {
        self.starts().iter().position(|&s| s == age)
    }

    /// Conventional label: "0", "1-4", …, "90+".
    pub fn label(self, i: usize) -> String {
        let s = self.starts();
        match s.get(i + 1) {
            Some(next) if s[i] + 1 == *next => s[i].to_string(),
            Some(next) => format!("{}-{}", s[i], next - 1),
            None => format!("{}+", s[i]),
        }
    }

    /// The band set whose start ages are exactly `ages` (in any order), if any.
    pub fn from_starts(ages: &[u32]) -> Option<BandSet> {
        let mut sorted = ages.to_vec();
        sorted.sort_unstable();
        [BandSet::To90, BandSet::To85]
            .into_iter()
            .find(|set| set.starts() == sorted.as_slice())
    }

    /// Indices of the bands lying wholly inside the age range `from..=to` (by start age).
    pub fn indices_in(self, from: u32, to: u32) -> impl Iterator<Item = usize> {
        self.starts()
            .iter()
            .enumerate()
            .filter(move |(_, s)| **s >= from && **s <= to)
            .map(|(i, _)| i)
    }

    /// Human name used in messages.
    pub fn describe(self) -> &'static str {
        match self {
            BandSet::To90 => "0,1,5,…,85,90+ (20 bands)",
            BandSet::To85 => "0,1,5,…,80,85+ (19 bands)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_widths() {
        let b = BandSet::To90;
        assert_eq!(b.len(), 20);
        assert_eq!(b.label(0), "0");
        assert_eq!(b.label(1), "1-4");
        assert_eq!(b.label(2), "5-9");
        assert_eq!(b.label(19), "90+");
        assert_eq!(b.width(0), Some(1.0));
        assert_eq!(b.width(1), Some(4.0));
        assert_eq!(b.width(19), None);
        assert_eq!(BandSet::To85.label(18), "85+");
        assert_eq!(BandSet::To85.width(18), None);
    }

    #[test]
    fn recognises_band_sets() {
        assert_eq!(
            BandSet::from_starts(BandSet::To85.starts()),
            Some(BandSet::To85)
        );
        assert_eq!(BandSet::from_starts(&[0, 1, 5]), None);
        assert_eq!(BandSet::To90.indices_in(40, 74).count(), 7);
    }
}
