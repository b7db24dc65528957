//! Fonts, colours and text sizes: the bundled font (system fonts are never loaded) so slides
//! look the same on every machine, light and dark themes, and colours with a meaning.

use egui::{Color32, FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

pub const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

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

/// Red/amber/green.
pub fn rag(status: crate::model::milestones::Status) -> Color32 {
    use crate::model::milestones::Status;
    match status {
        Status::OnTrack => Color32::from_rgb(46, 125, 50),
        Status::AtRisk => Color32::from_rgb(230, 140, 0),
        Status::OffTrack => Color32::from_rgb(198, 40, 40),
    }
}

pub const LOCAL: Color32 = Color32::from_rgb(31, 119, 180);
pub const COMPARATOR: Color32 = Color32::from_rgb(120, 120, 120);
pub const WITH: Color32 = Color32::from_rgb(0, 137, 123);
pub const WITHOUT: Color32 = Color32::from_rgb(150, 150, 150);
pub const REQUIRED: Color32 = Color32::from_rgb(230, 120, 0);
pub const TARGET: Color32 = Color32::from_rgb(198, 40, 40);
pub const BASELINE: Color32 = Color32::from_rgb(106, 61, 154);

/// Colour of a broad cause group, for the gap breakdown.
pub fn cause_colour(key: &str) -> Color32 {
    let group = crate::model::causes::lookup(key)
        .map(|c| c.group)
        .unwrap_or("other");
    match group {
        "circulatory" => Color32::from_rgb(198, 40, 40),
        "cancer" => Color32::from_rgb(106, 61, 154),
        "respiratory" => Color32::from_rgb(31, 119, 180),
        "digestive" => Color32::from_rgb(230, 140, 0),
        "external" => Color32::from_rgb(90, 90, 90),
        "infant" => Color32::from_rgb(0, 137, 123),
        _ => Color32::from_rgb(140, 140, 140),
    }
}

/// Colours for series that need telling apart (programmes, scenarios).
pub fn series(i: usize) -> Color32 {
    const P: [Color32; 10] = [
        Color32::from_rgb(31, 119, 180),
        Color32::from_rgb(255, 127, 14),
        Color32::from_rgb(44, 160, 44),
        Color32::from_rgb(214, 39, 40),
        Color32::from_rgb(148, 103, 189),
        Color32::from_rgb(140, 86, 75),
        Color32::from_rgb(227, 119, 194),
        Color32::from_rgb(127, 127, 127),
        Color32::from_rgb(188, 189, 34),
        Color32::from_rgb(23, 190, 207),
    ];
    P[i % P.len()]
}
