//! The default cause taxonomy.
//!
//! Area files name their cause columns freely. Names are normalised (lower case, spaces and
//! hyphens to `_`, a leading `deaths_` dropped) and common synonyms mapped to the keys below,
//! which programmes target. A name the taxonomy does not know stays as it is, with a warning,
//! so local groupings still work in the life table and the gap breakdown.

/// A cause the engine knows, with the label analysts expect and its ICD-10 codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CauseInfo {
    pub key: &'static str,
    pub label: &'static str,
    /// Broad group, for charts that colour causes by family.
    pub group: &'static str,
    pub icd10: &'static str,
}

const fn c(
    key: &'static str,
    label: &'static str,
    group: &'static str,
    icd10: &'static str,
) -> CauseInfo {
    CauseInfo {
        key,
        label,
        group,
        icd10,
    }
}

/// The default taxonomy: the detailed causes programmes act on, then broad groups that
/// summary extracts use.
pub const TAXONOMY: &[CauseInfo] = &[
    c("chd", "Coronary heart disease", "circulatory", "I20-I25"),
    c("stroke", "Stroke", "circulatory", "I60-I69"),
    c(
        "other_circulatory",
        "Other circulatory",
        "circulatory",
        "I00-I99 other",
    ),
    c("lung_cancer", "Lung cancer", "cancer", "C33-C34"),
    c(
        "colorectal_cancer",
        "Colorectal cancer",
        "cancer",
        "C18-C21",
    ),
    c("breast_cancer", "Breast cancer", "cancer", "C50"),
    c("cervical_cancer", "Cervical cancer", "cancer", "C53"),
    c("other_cancer", "Other cancers", "cancer", "C00-C97 other"),
    c("copd", "COPD", "respiratory", "J40-J44"),
    c(
        "other_respiratory",
        "Other respiratory",
        "respiratory",
        "J00-J99 other",
    ),
    c(
        "liver_disease",
        "Chronic liver disease",
        "digestive",
        "K70-K77",
    ),
    c(
        "external",
        "External causes (injury, suicide)",
        "external",
        "V01-Y98",
    ),
    c(
        "infant_perinatal",
        "Infant and perinatal",
        "infant",
        "P00-P96, Q00-Q99 under 1",
    ),
    c("other", "All other causes", "other", "rest"),
    // Broad groups for summary data.
    c(
        "circulatory",
        "Circulatory diseases",
        "circulatory",
        "I00-I99",
    ),
    c("cancer", "Cancers", "cancer", "C00-C97"),
    c(
        "respiratory",
        "Respiratory diseases",
        "respiratory",
        "J00-J99",
    ),
    c("digestive", "Digestive diseases", "digestive", "K00-K93"),
];

/// Synonyms seen in ONS and Fingertips extracts.
const ALIASES: &[(&str, &str)] = &[
    ("coronary_heart_disease", "chd"),
    ("ihd", "chd"),
    ("ischaemic_heart_disease", "chd"),
    ("cerebrovascular", "stroke"),
    ("cerebrovascular_disease", "stroke"),
    ("lung", "lung_cancer"),
    ("trachea_bronchus_lung_cancer", "lung_cancer"),
    ("bowel_cancer", "colorectal_cancer"),
    ("colorectal", "colorectal_cancer"),
    ("breast", "breast_cancer"),
    ("cervical", "cervical_cancer"),
    ("cervix", "cervical_cancer"),
    ("chronic_obstructive_pulmonary_disease", "copd"),
    ("liver", "liver_disease"),
    ("chronic_liver_disease", "liver_disease"),
    ("external_causes", "external"),
    ("injury", "external"),
    ("infant", "infant_perinatal"),
    ("perinatal", "infant_perinatal"),
    ("cancers", "cancer"),
    ("neoplasms", "cancer"),
    ("all_other", "other"),
];

/// The normalised form of a column or cause name.
pub fn normalise(name: &str) -> String {
    let mut s: String = name
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    if let Some(rest) = s.strip_prefix("deaths_") {
        s = rest.to_string();
    }
    ALIASES
        .iter()
        .find(|(from, _)| *from == s)
        .map(|(_, to)| to.to_string())
        .unwrap_or(s)
}

/// A cause as a sentence names it: the label without its parenthesis, with a small first
/// letter unless it is an acronym ("coronary heart disease", "external causes", "COPD");
/// an unknown key as it is. For messages and driver names, never the id (issue 10).
pub fn in_words(key: &str) -> String {
    let Some(c) = lookup(key) else {
        return key.to_string();
    };
    let label = c.label.split(" (").next().unwrap_or(c.label);
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if b.is_lowercase() => a
            .to_lowercase()
            .chain(label[a.len_utf8()..].chars())
            .collect(),
        _ => label.to_string(),
    }
}

/// Taxonomy entry for a normalised key.
pub fn lookup(key: &str) -> Option<&'static CauseInfo> {
    TAXONOMY.iter().find(|c| c.key == key)
}

/// Display label for a key: the taxonomy's label, or the key itself with underscores as spaces.
pub fn label(key: &str) -> String {
    match lookup(key) {
        Some(c) => c.label.to_string(),
        None => {
            let s = key.replace('_', " ");
            let mut ch = s.chars();
            match ch.next() {
                Some(f) => f.to_uppercase().collect::<String>() + ch.as_str(),
                None => s,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_in_words() {
        assert_eq!(in_words("chd"), "coronary heart disease");
        assert_eq!(in_words("copd"), "COPD");
        assert_eq!(in_words("external"), "external causes");
        assert_eq!(in_words("nope"), "nope");
    }

    #[test]
    fn normalises_names() {
        assert_eq!(normalise(" CHD "), "chd");
        assert_eq!(normalise("deaths_circulatory"), "circulatory");
        assert_eq!(normalise("Lung cancer"), "lung_cancer");
        assert_eq!(normalise("Bowel-cancer"), "colorectal_cancer");
        assert_eq!(normalise("my_local_group"), "my_local_group");
        assert_eq!(label("my_local_group"), "My local group");
        assert_eq!(label("copd"), "COPD");
    }
}
