//! Fonts, colours and text sizes: the bundled font (system fonts are never loaded) so slides
//! look the same on every machine, light and dark themes, and colours with a meaning (from
//! `lifegap_report::palette`, shared with exported charts).

use egui::{Color32, FontData, FontDefinitions, FontFamily};
use lifegap_report::palette::{self, Rgb};
use std::sync::Arc;

use lifegap_report::fonts::{FONT_BOLD, FONT_REGULAR};

/// Install DejaVu Sans as the first font of every family (egui's own fonts stay as fallback
/// for emoji), and a "Bold" family for headings.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu".into(),
        Arc::new(FontData::from_static(FONT_REGULAR)),
    );
    fonts.font_data.insert(
        "dejavu-bold".into(),
        Arc::new(FontData::from_static(FONT_BOLD)),
    );
    for fam in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(fam)
            .or_default()
            .insert(0, "dejavu".into());
    }
    fonts.families.insert(
        FontFamily::Name("Bold".into()),
        vec!["dejavu-bold".into(), "dejavu".into()],
    );
    ctx.set_fonts(fonts);
}

pub fn bold() -> FontFamily {
    FontFamily::Name("Bold".into())
}

pub const fn c(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// Red/amber/green.
pub fn rag(status: lifegap_core::model::milestones::Status) -> Color32 {
    c(palette::rag(status))
}

pub const LOCAL: Color32 = c(palette::LOCAL);
pub const COMPARATOR: Color32 = c(palette::COMPARATOR);
pub const WITH: Color32 = c(palette::WITH);
pub const WITHOUT: Color32 = c(palette::WITHOUT);
pub const REQUIRED: Color32 = c(palette::REQUIRED);
pub const TARGET: Color32 = c(palette::TARGET);
pub const BASELINE: Color32 = c(palette::BASELINE);

/// Colour of a cause's broad group, for the gap breakdown.
pub fn cause_colour(key: &str) -> Color32 {
    c(palette::cause_group(
        lifegap_core::model::causes::lookup(key)
            .map(|i| i.group)
            .unwrap_or("other"),
    ))
}

/// Colour of a group key (as in `views::Bar::key`).
pub fn group_colour(group: &str) -> Color32 {
    c(palette::cause_group(group))
}

/// Colours for series that need telling apart (programmes, scenarios).
pub fn series(i: usize) -> Color32 {
    c(palette::series(i))
}

/// A warning's text colour for the current theme (WCAG AA on either: `palette::warning_text`).
pub fn warning(ui: &egui::Ui) -> Color32 {
    c(palette::warning_text(ui.visuals().dark_mode))
}
