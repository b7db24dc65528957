//! The PSA-era mortality measures as directly standardised rates, for an area, its comparator
//! and the gap between them.
//!
//! | measure | causes | ages |
//! |---|---|---|
//! | all-age all-cause mortality (AAACM) | every cause column | all bands |
//! | circulatory disease under 75 (ICD-10 I00–I99) | the taxonomy's circulatory group: `chd`, `stroke`, `other_circulatory`, or the broad `circulatory` | bands 0 … 70–74 |
//! | cancer under 75 (ICD-10 C00–C97) | the taxonomy's cancer group: `lung_cancer`, `colorectal_cancer`, `breast_cancer`, `cervical_cancer`, `other_cancer`, or the broad `cancer` | bands 0 … 70–74 |
//!
//! The cause mapping is [`causes::TAXONOMY`]'s `group` field (see `model/causes.rs`). A file
//! that has both a broad column and one of its parts (`circulatory` and `chd`) would count the
//! same deaths twice: that is refused. Under-75 rates use the standard's weights for the bands
//! up to 70–74 only, as the PSA indicators and PHE's under-75 indicators do.

use super::rate::{Dsr, DsrError, dsr};
use super::standard::{Standard, align};
use crate::model::area::{AreaData, Group, Sex};
use crate::model::causes;
use serde::Serialize;

/// Per 100,000, as the PSA targets and PHE publish.
pub const PER_100K: f64 = 100_000.0;

/// A mortality measure of the PSA era.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// All ages, all causes.
    AllCause,
    /// Circulatory diseases (I00–I99), under 75.
    CirculatoryUnder75,
    /// Cancers (C00–C97), under 75.
    CancerUnder75,
}

impl Measure {
    pub const ALL: [Measure; 3] = [
        Measure::AllCause,
        Measure::CirculatoryUnder75,
        Measure::CancerUnder75,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Measure::AllCause => "all-cause",
            Measure::CirculatoryUnder75 => "circulatory-under-75",
            Measure::CancerUnder75 => "cancer-under-75",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Measure::AllCause => "All-age all-cause mortality",
            Measure::CirculatoryUnder75 => "Circulatory disease mortality under 75",
            Measure::CancerUnder75 => "Cancer mortality under 75",
        }
    }

    /// The taxonomy group whose causes the measure counts (`None`: every cause).
    pub fn cause_group(self) -> Option<&'static str> {
        match self {
            Measure::AllCause => None,
            Measure::CirculatoryUnder75 => Some("circulatory"),
            Measure::CancerUnder75 => Some("cancer"),
        }
    }

    /// The oldest band start counted (70 for the under-75 measures).
    pub fn max_start_age(self) -> Option<u32> {
        match self {
            Measure::AllCause => None,
            _ => Some(70),
        }
    }
}

/// Which of `cause_keys` a measure counts, or why it cannot be measured.
pub fn cause_columns(measure: Measure, cause_keys: &[String]) -> Result<Vec<usize>, String> {
    let Some(group) = measure.cause_group() else {
        return Ok((0..cause_keys.len()).collect());
    };
    let cols: Vec<usize> = cause_keys
        .iter()
        .enumerate()
        .filter(|(_, k)| causes::lookup(k).is_some_and(|c| c.group == group))
        .map(|(i, _)| i)
        .collect();
    if cols.is_empty() {
        return Err(format!(
            "{}: the data have no {group} cause column (expected one of: {})",
            measure.label(),
            group_keys(group).join(", ")
        ));
    }
    let broad = cols.iter().find(|&&i| cause_keys[i] == group);
    if let Some(&b) = broad
        && cols.len() > 1
    {
        let parts: Vec<&str> = cols
            .iter()
            .filter(|&&i| i != b)
            .map(|&i| cause_keys[i].as_str())
            .collect();
        return Err(format!(
            "{}: the data have the broad '{group}' column and its parts ({}): the same deaths would count twice",
            measure.label(),
            parts.join(", ")
        ));
    }
    Ok(cols)
}

fn group_keys(group: &str) -> Vec<&'static str> {
    causes::TAXONOMY
        .iter()
        .filter(|c| c.group == group)
        .map(|c| c.key)
        .collect()
}

/// Deaths by band for a measure's causes (all bands).
pub fn measure_deaths(group: &Group, cols: &[usize]) -> Vec<f64> {
    let k = group.population.len();
    let mut out = vec![0.0; k];
    for &c in cols {
        for (o, d) in out.iter_mut().zip(&group.deaths[c]) {
            *o += d;
        }
    }
    out
}

/// The rate of a measure from deaths and population by band of `data.bands`.
pub fn rate_of(
    what: &str,
    measure: Measure,
    bands: crate::model::BandSet,
    deaths: &[f64],
    population: &[f64],
    standard: Standard,
    confidence: f64,
) -> Result<Dsr, DsrError> {
    let a = align(bands, deaths, population, standard);
    let keep = match measure.max_start_age() {
        Some(max) => a.bands.indices_in(0, max).count(),
        None => a.bands.len(),
    };
    let labels: Vec<String> = (0..keep).map(|i| a.bands.label(i)).collect();
    dsr(
        what,
        &labels,
        &a.deaths[..keep],
        &a.population[..keep],
        &a.weights[..keep],
        confidence,
        PER_100K,
    )
}

/// The rate of a measure for one group of an area data set.
pub fn group_rate(
    data: &AreaData,
    group: &Group,
    measure: Measure,
    standard: Standard,
    confidence: f64,
) -> Result<Dsr, String> {
    let cols = cause_columns(measure, &data.causes)?;
    let what = format!("{}, {}", group.area, group.sex);
    rate_of(
        &what,
        measure,
        data.bands,
        &measure_deaths(group, &cols),
        &group.population,
        standard,
        confidence,
    )
    .map_err(|e| e.to_string())
}

/// A measure for an area and its comparator, and the gap between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateGap {
    pub measure: Measure,
    pub standard: Standard,
    pub sex: Sex,
    pub area: Dsr,
    pub comparator: Dsr,
}

impl RateGap {
    /// Area − comparator, per 100,000 (positive: the area's rate is higher).
    pub fn absolute(&self) -> f64 {
        self.area.value - self.comparator.value
    }

    /// Area ÷ comparator − 1 (0.25: the area's rate is 25% higher); `None` when the
    /// comparator's rate is 0.
    pub fn relative(&self) -> Option<f64> {
        (self.comparator.value > 0.0).then(|| self.area.value / self.comparator.value - 1.0)
    }
}

/// Every measure for an area and its comparator, by sex, with the gap. A measure that cannot
/// be computed (no such causes, a group missing) is an error naming it.
pub fn rate_gap(
    data: &AreaData,
    area: &str,
    comparator: &str,
    sex: Sex,
    measure: Measure,
    standard: Standard,
    confidence: f64,
) -> Result<RateGap, String> {
    let find = |name: &str| {
        data.group(name, sex).ok_or_else(|| {
            format!(
                "no data for '{name}', {sex}; areas in the data: {}",
                data.areas().join(", ")
            )
        })
    };
    let (a, c) = (find(area)?, find(comparator)?);
    Ok(RateGap {
        measure,
        standard,
        sex,
        area: group_rate(data, a, measure, standard, confidence)?,
        comparator: group_rate(data, c, measure, standard, confidence)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BandSet;
    use crate::model::area::Provenance;

    fn keys(k: &[&str]) -> Vec<String> {
        k.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn maps_causes_to_measures() {
        let k = keys(&[
            "chd",
            "stroke",
            "lung_cancer",
            "other_cancer",
            "copd",
            "my_group",
        ]);
        assert_eq!(
            cause_columns(Measure::CirculatoryUnder75, &k),
            Ok(vec![0, 1])
        );
        assert_eq!(cause_columns(Measure::CancerUnder75, &k), Ok(vec![2, 3]));
        assert_eq!(cause_columns(Measure::AllCause, &k).unwrap().len(), 6);
        let broad = keys(&["circulatory", "cancer", "other"]);
        assert_eq!(cause_columns(Measure::CancerUnder75, &broad), Ok(vec![1]));
        let both = keys(&["circulatory", "chd", "other"]);
        assert!(
            cause_columns(Measure::CirculatoryUnder75, &both)
                .unwrap_err()
                .contains("count twice")
        );
        assert!(
            cause_columns(Measure::CancerUnder75, &keys(&["other"]))
                .unwrap_err()
                .contains("no cancer cause column")
        );
    }

    /// A hand-worked under-75 rate on ESP 1976 with data closing at 90+: every band has 1
    /// circulatory death per 1,000 person-years below 75 and 10 per 1,000 above, so the
    /// under-75 DSR is 100 per 100,000 whatever the weights, and all-cause (with 1 other death
    /// per 1,000 in every band) is (Σ_{<75} w·2 + Σ_{75+} w·11)/1000 per person, i.e.
    /// ESP 1976 (75+ weights 2,000 + 1,000 + 1,000): (96,000·2 + 4,000·11)/100,000 per 1,000
    /// = 236 per 100,000.
    #[test]
    fn under_75_and_all_cause_by_hand() {
        let bands = BandSet::To90;
        let pop = vec![1000.0; 20];
        let circ: Vec<f64> = bands
            .starts()
            .iter()
            .map(|&s| if s < 75 { 1.0 } else { 10.0 })
            .collect();
        let other = vec![1.0; 20];
        let data = AreaData {
            bands,
            causes: keys(&["chd", "other"]),
            groups: vec![Group {
                area: "A".into(),
                sex: Sex::Male,
                population: pop,
                deaths: vec![circ, other],
            }],
            provenance: Provenance::default(),
        };
        let g = &data.groups[0];
        let r = group_rate(
            &data,
            g,
            Measure::CirculatoryUnder75,
            Standard::Esp1976,
            0.95,
        )
        .unwrap();
        assert!((r.value - 100.0).abs() < 1e-9, "{}", r.value);
        assert_eq!(r.events, 16.0);
        let r = group_rate(&data, g, Measure::AllCause, Standard::Esp1976, 0.95).unwrap();
        assert!((r.value - 236.0).abs() < 1e-9, "{}", r.value);
        // ESP 2013: weights 75+ are 4000 + 2500 + 1500 + 1000 = 9000:
        // (91,000·2 + 9,000·11)/100,000 per 1,000 → 281 per 100,000.
        let r = group_rate(&data, g, Measure::AllCause, Standard::Esp2013, 0.95).unwrap();
        assert!((r.value - 281.0).abs() < 1e-9, "{}", r.value);
    }
}
