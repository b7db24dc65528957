//! Arriaga decomposition of a life-expectancy gap by age band and cause.
//!
//! Arriaga (Demography 1984;21:83) as given by Preston, Heuveline & Guillot (2001) eq. 3.12:
//! population 1 is the **local area**, population 2 the **comparator** (England), and the band
//! contributions sum to the gap e₀(2) − e₀(1). A positive contribution is an age band (or cause)
//! where the local area's higher mortality holds its life expectancy below the comparator's.
//!
//! ₙΔₓ = (l¹ₓ/l¹₀)(ₙL²ₓ/l²ₓ − ₙL¹ₓ/l¹ₓ)                      — direct effect
//!     + (T²ₓ₊ₙ/l¹₀)(l¹ₓ/l²ₓ − l¹ₓ₊ₙ/l²ₓ₊ₙ)                   — indirect and interaction effect
//! and for the open band (l¹ₓ/l¹₀)(T²ₓ/l²ₓ − T¹ₓ/l¹ₓ), all direct.
//!
//! By cause within a band: ₙΔₓ,ᵢ = ₙΔₓ (m²ₓ,ᵢ − m¹ₓ,ᵢ)/(m²ₓ − m¹ₓ) (PHG §4.4; the sign convention
//! here makes a cause whose local rate is higher contribute positively to the gap).
//!
//! **When m² = m¹ in a band** the cause formula is 0/0. With PHE's a-values the band's total is
//! then zero apart from rounding (equal rates give equal L/l and equal survival within the band),
//! so the rule is: allocate that band's total — zero up to rounding — in proportion to the local
//! cause-specific rates (equally if the band has no deaths). Contributions still add up exactly.
//!
//! Arriaga is directional: the decomposition from comparator to local does not give the negated
//! contributions. The UI and CLI show the local → comparator direction by default; the symmetric
//! average of both directions is available as [`Direction::Symmetric`].

use super::bands::BandSet;
use super::life_table::LifeTable;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Which way the decomposition runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Direction {
    /// Population 1 = local, 2 = comparator (Arriaga as published; the default).
    #[default]
    LocalToComparator,
    /// Average of the local → comparator result and the negated comparator → local result.
    Symmetric,
}

/// One age band's part of the gap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BandContribution {
    pub age: u32,
    pub direct: f64,
    pub indirect: f64,
    pub total: f64,
}

/// A full decomposition of the gap e₀(comparator) − e₀(local).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapDecomposition {
    pub bands: BandSet,
    pub direction: Direction,
    pub e0_local: f64,
    pub e0_comparator: f64,
    pub by_age: Vec<BandContribution>,
    /// Cause names in the column order of `by_age_cause`.
    pub causes: Vec<String>,
    /// Contribution of each cause within each band, `[band][cause]`; empty without cause data.
    pub by_age_cause: Vec<Vec<f64>>,
}

impl GapDecomposition {
    /// e₀(comparator) − e₀(local): positive when the local area is behind.
    pub fn gap(&self) -> f64 {
        self.e0_comparator - self.e0_local
    }

    /// Sum of the band contributions (equals the gap to rounding).
    pub fn total(&self) -> f64 {
        self.by_age.iter().map(|b| b.total).sum()
    }

    /// Each cause's contribution summed over ages.
    pub fn by_cause(&self) -> Vec<f64> {
        let mut out = vec![0.0; self.causes.len()];
        for band in &self.by_age_cause {
            for (o, v) in out.iter_mut().zip(band) {
                *o += v;
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum DecompositionError {
    #[error("the two life tables use different age bands ({0:?} and {1:?})")]
    BandMismatch(BandSet, BandSet),
    #[error("cause rates must be given for {bands} bands × {causes} causes in both areas")]
    CauseShape { bands: usize, causes: usize },
}

/// Arriaga by age band, population 1 → population 2 (contributions sum to e₀(2) − e₀(1)).
pub fn arriaga_by_age(
    one: &LifeTable,
    two: &LifeTable,
) -> Result<Vec<BandContribution>, DecompositionError> {
    if one.bands != two.bands {
        return Err(DecompositionError::BandMismatch(one.bands, two.bands));
    }
    let k = one.rows.len();
    let l10 = one.rows[0].l;
    let mut out = Vec::with_capacity(k);
    for x in 0..k {
        let (r1, r2) = (&one.rows[x], &two.rows[x]);
        let (direct, indirect) = if x + 1 < k {
            let (n1, n2) = (&one.rows[x + 1], &two.rows[x + 1]);
            let direct = (r1.l / l10) * (ratio(r2.big_l, r2.l) - ratio(r1.big_l, r1.l));
            let indirect = (n2.t / l10) * (ratio(r1.l, r2.l) - ratio(n1.l, n2.l));
            (direct, indirect)
        } else {
            ((r1.l / l10) * (ratio(r2.t, r2.l) - ratio(r1.t, r1.l)), 0.0)
        };
        out.push(BandContribution {
            age: r1.age,
            direct,
            indirect,
            total: direct + indirect,
        });
    }
    Ok(out)
}

/// x / y, with 0 where nobody is left alive (y = 0): such a band contributes nothing.
fn ratio(x: f64, y: f64) -> f64 {
    if y > 0.0 { x / y } else { 0.0 }
}

/// Split each band's contribution across causes by the cause-specific rate differences.
///
/// `m_local` and `m_comparator` are cause-specific death rates, `[band][cause]`, summing to each
/// table's all-cause M. See the module docs for the m² = m¹ rule.
pub(crate) fn allocate_by_cause(
    by_age: &[BandContribution],
    m_local: &[Vec<f64>],
    m_comparator: &[Vec<f64>],
) -> Vec<Vec<f64>> {
    by_age
        .iter()
        .zip(m_local.iter().zip(m_comparator))
        .map(|(band, (m1, m2))| {
            let s1: f64 = m1.iter().sum();
            let s2: f64 = m2.iter().sum();
            let diff = s2 - s1;
            let scale = s1.abs().max(s2.abs());
            if diff.abs() > 1e-14 * scale && diff != 0.0 {
                m1.iter()
                    .zip(m2)
                    .map(|(a, b)| band.total * (a - b) / (s1 - s2))
                    .collect()
            } else if s1 > 0.0 {
                m1.iter().map(|a| band.total * a / s1).collect()
            } else {
                let c = m1.len().max(1) as f64;
                m1.iter().map(|_| band.total / c).collect()
            }
        })
        .collect()
}

/// Decompose the gap between a local area and its comparator by age and, if cause-specific rates
/// are given (`[band][cause]` for each), by cause.
pub fn decompose(
    local: &LifeTable,
    comparator: &LifeTable,
    causes: &[String],
    m_local: &[Vec<f64>],
    m_comparator: &[Vec<f64>],
    direction: Direction,
) -> Result<GapDecomposition, DecompositionError> {
    let k = local.rows.len();
    let with_causes = !causes.is_empty();
    if with_causes
        && (m_local.len() != k
            || m_comparator.len() != k
            || m_local
                .iter()
                .chain(m_comparator)
                .any(|r| r.len() != causes.len()))
    {
        return Err(DecompositionError::CauseShape {
            bands: k,
            causes: causes.len(),
        });
    }
    let forward = arriaga_by_age(local, comparator)?;
    let (by_age, by_age_cause) = match direction {
        Direction::LocalToComparator => {
            let cause = if with_causes {
                allocate_by_cause(&forward, m_local, m_comparator)
            } else {
                Vec::new()
            };
            (forward, cause)
        }
        Direction::Symmetric => {
            // Comparator → local sums to e₀(1) − e₀(2); negate it so both measure the gap.
            let backward = arriaga_by_age(comparator, local)?;
            let avg: Vec<BandContribution> = forward
                .iter()
                .zip(&backward)
                .map(|(f, b)| BandContribution {
                    age: f.age,
                    direct: 0.5 * (f.direct - b.direct),
                    indirect: 0.5 * (f.indirect - b.indirect),
                    total: 0.5 * (f.total - b.total),
                })
                .collect();
            let cause = if with_causes {
                let cf = allocate_by_cause(&forward, m_local, m_comparator);
                let cb = allocate_by_cause(&backward, m_comparator, m_local);
                cf.iter()
                    .zip(&cb)
                    .map(|(f, b)| f.iter().zip(b).map(|(x, y)| 0.5 * (x - y)).collect())
                    .collect()
            } else {
                Vec::new()
            };
            (avg, cause)
        }
    };
    Ok(GapDecomposition {
        bands: local.bands,
        direction,
        e0_local: local.e0(),
        e0_comparator: comparator.e0(),
        by_age,
        causes: if with_causes {
            causes.to_vec()
        } else {
            Vec::new()
        },
        by_age_cause,
    })
}
