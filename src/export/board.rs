//! Everything an export needs, borrowed from wherever it was computed (the app's document or
//! the CLI's run), so the board pack, the chart files and the screens show the same numbers.

use crate::model::area::{Provenance, Sex};
use crate::model::decomposition::GapDecomposition;
use crate::model::life_table::LifeTable;
use crate::model::results::ScenarioResults;
use crate::model::scenario::Scenario;
use crate::model::uncertainty::Uncertainty;

/// The base period for one sex: both life tables and the gap breakdown.
#[derive(Debug, Clone, Copy)]
pub struct BaseSex<'a> {
    pub sex: Sex,
    pub local: &'a LifeTable,
    pub comparator: &'a LifeTable,
    pub decomposition: Option<&'a GapDecomposition>,
}

#[derive(Debug, Clone)]
pub struct Board<'a> {
    pub scenario: &'a Scenario,
    pub results: &'a ScenarioResults,
    pub uncertainty: Option<&'a Uncertainty>,
    pub base: Vec<BaseSex<'a>>,
    pub provenance: &'a Provenance,
}

impl<'a> Board<'a> {
    pub fn base(&self, sex: Sex) -> Option<&BaseSex<'a>> {
        self.base.iter().find(|b| b.sex == sex)
    }

    /// Base-period (local, comparator) e₀ for a sex.
    pub fn e0(&self, sex: Sex) -> Option<(f64, f64)> {
        self.base(sex).map(|b| (b.local.e0(), b.comparator.e0()))
    }
}

/// Owned inputs for a board built outside the app (CLI): the base-period tables and gap
/// breakdowns, computed like the app's document does.
pub struct BaseFigures {
    pub sex: Sex,
    pub local: LifeTable,
    pub comparator: LifeTable,
    pub decomposition: Option<GapDecomposition>,
}

/// Base-period tables and decompositions for a scenario's area and comparator.
pub fn base_figures(s: &Scenario, data: &crate::model::area::AreaData) -> Vec<BaseFigures> {
    use crate::model::decomposition::{Direction, decompose};
    use crate::model::life_table::LifeTableOptions;
    let opts = LifeTableOptions::default();
    Sex::BOTH
        .iter()
        .filter_map(|&sex| {
            let l = data.group(&s.area, sex)?;
            let c = data.group(&s.comparator, sex)?;
            let local = l.life_table(data.bands, &opts).ok()?;
            let comparator = c.life_table(data.bands, &opts).ok()?;
            let decomposition = decompose(
                &local,
                &comparator,
                &data.causes,
                &l.rates_by_band(),
                &c.rates_by_band(),
                Direction::LocalToComparator,
            )
            .ok();
            Some(BaseFigures {
                sex,
                local,
                comparator,
                decomposition,
            })
        })
        .collect()
}

impl BaseFigures {
    pub fn borrow(&self) -> BaseSex<'_> {
        BaseSex {
            sex: self.sex,
            local: &self.local,
            comparator: &self.comparator,
            decomposition: self.decomposition.as_ref(),
        }
    }
}
