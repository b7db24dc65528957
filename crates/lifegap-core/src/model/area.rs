//! Deaths and population for areas, by sex, age band and cause: what the engine consumes.
//! Reading files is the `data` module's job; this is the in-memory form.

use super::bands::BandSet;
use super::life_table::{LifeTable, LifeTableErrors, LifeTableOptions, life_table};
use super::scenario::FieldPath;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Sex of a group. Life expectancy is always reported separately for men and women.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub const BOTH: [Sex; 2] = [Sex::Male, Sex::Female];

    /// Accepts male/female, m/f (any case) and the ONS codes 1/2.
    pub fn parse(s: &str) -> Option<Sex> {
        match s.trim().to_lowercase().as_str() {
            "male" | "m" | "1" | "males" | "men" => Some(Sex::Male),
            "female" | "f" | "2" | "females" | "women" => Some(Sex::Female),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    /// "Men"/"Women", as published tables title them.
    pub fn plural_label(self) -> &'static str {
        match self {
            Sex::Male => "Men",
            Sex::Female => "Women",
        }
    }

    pub fn index(self) -> usize {
        match self {
            Sex::Male => 0,
            Sex::Female => 1,
        }
    }
}

impl fmt::Display for Sex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Sex {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Sex::parse(s).ok_or_else(|| format!("unknown sex '{s}': use male or female (m/f, 1/2)"))
    }
}

/// One area × sex: population and deaths by cause for each band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub area: String,
    pub sex: Sex,
    /// Person-years at risk by band (three years of population for pooled data).
    pub population: Vec<f64>,
    /// Deaths, `[cause][band]`, in the column order of [`AreaData::causes`].
    pub deaths: Vec<Vec<f64>>,
}

impl Group {
    /// All-cause deaths by band: the sum of the cause columns.
    pub fn all_deaths(&self) -> Vec<f64> {
        let k = self.population.len();
        let mut out = vec![0.0; k];
        for cause in &self.deaths {
            for (o, d) in out.iter_mut().zip(cause) {
                *o += d;
            }
        }
        out
    }

    /// Cause-specific death rates `[band][cause]`.
    pub fn rates_by_band(&self) -> Vec<Vec<f64>> {
        (0..self.population.len())
            .map(|b| {
                self.deaths
                    .iter()
                    .map(|c| c[b] / self.population[b])
                    .collect()
            })
            .collect()
    }

    pub fn life_table(
        &self,
        bands: BandSet,
        opts: &LifeTableOptions,
    ) -> Result<LifeTable, LifeTableErrors> {
        life_table(bands, &self.all_deaths(), &self.population, opts)
    }
}

/// Where the numbers came from, shown on the Overview screen and in exports.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Provenance {
    /// File the data were read from.
    pub source: String,
    /// Period the deaths cover, e.g. "2006-08" (from a `# period:` line in the file).
    pub period: Option<String>,
    /// True when the file says the data are invented (`# synthetic: true`).
    pub synthetic: bool,
    /// Free text from `# note:` lines.
    pub notes: Vec<String>,
}

/// A whole data set: every group shares one band set and one list of causes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaData {
    pub bands: BandSet,
    /// Normalised cause keys, in column order.
    pub causes: Vec<String>,
    pub groups: Vec<Group>,
    pub provenance: Provenance,
}

impl AreaData {
    pub fn group(&self, area: &str, sex: Sex) -> Option<&Group> {
        self.groups
            .iter()
            .find(|g| g.sex == sex && g.area.eq_ignore_ascii_case(area))
    }

    /// Area names in order of first appearance (names differing only in case are one area).
    pub fn areas(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        self.groups
            .iter()
            .filter(|g| seen.insert(g.area.to_lowercase()))
            .map(|g| g.area.clone())
            .collect()
    }

    pub fn cause_index(&self, key: &str) -> Option<usize> {
        self.causes.iter().position(|c| c == key)
    }

    /// Shape and value problems (messages only; see [`AreaData::problems`]).
    pub fn check(&self) -> Vec<String> {
        self.problems().into_iter().map(|(_, m)| m).collect()
    }

    /// Shape and value problems, for data that did not come through a file reader (data
    /// embedded in a scenario), each at its field (a path inside the data): every group has
    /// every band and cause, deaths are finite and not negative, populations are above 0 and
    /// at most [`MAX_POPULATION`], and a band's deaths do not exceed its population.
    pub fn problems(&self) -> Vec<(FieldPath, String)> {
        let k = self.bands.len();
        let root = FieldPath::root();
        let mut out = Vec::new();
        if self.causes.is_empty() {
            out.push((
                root.field("causes"),
                "embedded data name no causes".to_string(),
            ));
        }
        for (i, g) in self.groups.iter().enumerate() {
            let here = root.field("groups").index(i);
            let who = format!("embedded group '{}', {}", g.area, g.sex);
            let mut shape_ok = true;
            if g.population.len() != k {
                shape_ok = false;
                out.push((
                    here.field("population"),
                    format!(
                        "{who}: {} population values for {k} bands",
                        g.population.len()
                    ),
                ));
            }
            if g.deaths.len() != self.causes.len() {
                shape_ok = false;
                out.push((
                    here.field("deaths"),
                    format!(
                        "{who}: deaths for {} causes but the data name {}",
                        g.deaths.len(),
                        self.causes.len()
                    ),
                ));
            }
            for (c, d) in g.deaths.iter().enumerate() {
                if d.len() != k {
                    shape_ok = false;
                    out.push((
                        here.field("deaths").index(c),
                        format!("{who}: {} values of cause {} for {k} bands", d.len(), c + 1),
                    ));
                }
                if let Some(b) = d.iter().position(|v| !v.is_finite() || *v < 0.0) {
                    shape_ok = false;
                    out.push((
                        here.field("deaths").index(c).index(b),
                        format!(
                            "{who}: cause {} has deaths {:?}: deaths are a number, 0 or more",
                            c + 1,
                            d[b]
                        ),
                    ));
                }
            }
            if let Some(b) = g
                .population
                .iter()
                .position(|p| !(p.is_finite() && *p > 0.0 && *p <= MAX_POPULATION))
            {
                shape_ok = false;
                out.push((
                    here.field("population").index(b),
                    format!(
                        "{who}: population {:?} is out of range: above 0 and at most {MAX_POPULATION:e} person-years",
                        g.population[b]
                    ),
                ));
            }
            if shape_ok
                && let Some((b, d)) = g
                    .all_deaths()
                    .into_iter()
                    .enumerate()
                    .find(|(b, d)| *d > g.population[*b])
            {
                out.push((
                    here.field("population").index(b),
                    format!(
                        "{who}: deaths ({d}) exceed population ({}) in band {}",
                        g.population[b],
                        b + 1
                    ),
                ));
            }
        }
        out
    }
}

/// Person-years at risk in one band at most (embedded data): ten billion, beyond any area's
/// pooled population, so a mistyped 1e308 is refused rather than turned into a life table.
pub const MAX_POPULATION: f64 = 1e10;
