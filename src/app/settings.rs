//! What the app remembers between sessions (eframe storage): recent files, theme, zoom, the
//! last screen. `#[serde(default)]` so older or partial stored settings still load.

use lifegap_core::model::area::Sex;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The planner's screens (also `lifegap gui --screen`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, clap::ValueEnum,
)]
pub enum Screen {
    #[default]
    Overview,
    Gap,
    Programmes,
    Countdown,
    Compare,
    Evidence,
    ActionPlan,
    Mortality,
    Practices,
    Monitoring,
    Region,
}

impl Screen {
    pub const ALL: [Screen; 11] = [
        Screen::Overview,
        Screen::Gap,
        Screen::Programmes,
        Screen::Countdown,
        Screen::ActionPlan,
        Screen::Compare,
        Screen::Evidence,
        Screen::Mortality,
        Screen::Practices,
        Screen::Monitoring,
        Screen::Region,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Screen::Overview => "Overview",
            Screen::Gap => "Gap breakdown",
            Screen::Programmes => "Programmes",
            Screen::Countdown => "Countdown",
            Screen::Compare => "Compare",
            Screen::Evidence => "Evidence",
            Screen::ActionPlan => "Action plan",
            Screen::Mortality => "Mortality rates",
            Screen::Practices => "Practices",
            Screen::Monitoring => "Monitoring",
            Screen::Region => "Region",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    pub zoom: f32,
    pub screen: Screen,
    pub sex: Sex,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent: Vec::new(),
            dark: false,
            zoom: 1.0,
            screen: Screen::Overview,
            sex: Sex::Male,
        }
    }
}

impl Settings {
    pub const KEY: &'static str = "lifegap-settings";
    const RECENT: usize = 10;

    pub fn remember(&mut self, path: &std::path::Path) {
        let p = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|r| r != &p);
        self.recent.insert(0, p);
        self.recent.truncate(Self::RECENT);
    }
}
