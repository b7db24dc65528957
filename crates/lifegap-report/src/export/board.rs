//! Everything an export needs, borrowed from one [`Evaluation`] (the app's document or the
//! CLI's run), so the board pack, the chart files and the screens show the same numbers.

use lifegap_core::evaluate::{BaseFigures, Evaluation};
use lifegap_core::model::area::{Provenance, Sex};
use lifegap_core::model::results::ScenarioResults;
use lifegap_core::model::scenario::Scenario;
use lifegap_core::model::uncertainty::Uncertainty;

#[derive(Debug, Clone, Copy)]
pub struct Board<'a> {
    pub scenario: &'a Scenario,
    pub evaluation: &'a Evaluation,
    pub results: &'a ScenarioResults,
    /// The Monte Carlo that belongs to this scenario, if one has finished.
    pub uncertainty: Option<&'a Uncertainty>,
    pub provenance: &'a Provenance,
    /// The area data, when the export may compute figures from them (the mortality rates
    /// section: directly standardised rates need deaths by cause and band).
    pub data: Option<&'a lifegap_core::model::area::AreaData>,
    /// Extra sections when their files were given: the rate targets (countdowns and the seed
    /// question's answers), delivery monitoring, and a practice list's analysis.
    pub extras: Option<&'a Extras>,
}

/// Sections computed by the caller from files the scenario does not hold, with the same model
/// functions the commands use (`mortality-targets`, `monitor`, `practices`), so the pack shows
/// what those commands print.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    pub rate_countdowns: Vec<lifegap_core::model::dsr::countdown::RateCountdown>,
    pub targets_met: Vec<lifegap_core::model::dsr::targets::TargetsMetGain>,
    /// Delivery monitoring rows (plan vs actual by programme and partner) and the file's name.
    pub monitoring: Option<(String, Vec<lifegap_core::model::monitor::MonitorRow>)>,
    /// A practice list's analysis, the programme's name and the file's name.
    pub practices: Option<(
        String,
        String,
        lifegap_core::model::practices::PracticeAnalysis,
    )>,
    /// The gap within the area (`report --groups`), from [`super::within::compute`].
    pub within: Option<super::within::WithinSection>,
    /// The scenario's saved SII milestones, each judged on its own file (label, countdown or
    /// why there is none), from `lifegap_core::sii_target::saved_all`.
    pub sii: Vec<(
        String,
        Result<lifegap_core::sii_target::SavedSiiCountdown, String>,
    )>,
}

impl<'a> Board<'a> {
    /// The board of an evaluation. The uncertainty is passed apart because the app draws it in
    /// the background after the central results.
    pub fn of(
        scenario: &'a Scenario,
        evaluation: &'a Evaluation,
        uncertainty: Option<&'a Uncertainty>,
        provenance: &'a Provenance,
    ) -> Board<'a> {
        Board {
            scenario,
            evaluation,
            results: &evaluation.results,
            uncertainty,
            provenance,
            data: None,
            extras: None,
        }
    }

    /// The same board with the area data, so the board pack can give the mortality rates.
    pub fn with_data(mut self, data: &'a lifegap_core::model::area::AreaData) -> Board<'a> {
        self.data = Some(data);
        self
    }

    /// The same board with the sections from extra files.
    pub fn with_extras(mut self, extras: &'a Extras) -> Board<'a> {
        self.extras = Some(extras);
        self
    }

    pub fn base(&self, sex: Sex) -> Option<&'a BaseFigures> {
        self.evaluation.base(sex)
    }

    /// Base-period (local, comparator) e₀ for a sex.
    pub fn e0(&self, sex: Sex) -> Option<(f64, f64)> {
        self.base(sex).map(|b| (b.local.e0(), b.comparator.e0()))
    }
}
