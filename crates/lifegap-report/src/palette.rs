//! Colours with a meaning, shared by the app (egui) and exported charts (plotters), so a board
//! pack looks like the screen.

pub type Rgb = (u8, u8, u8);

pub const LOCAL: Rgb = (31, 119, 180);
pub const COMPARATOR: Rgb = (120, 120, 120);
pub const WITH: Rgb = (0, 137, 123);
pub const WITHOUT: Rgb = (150, 150, 150);
pub const REQUIRED: Rgb = (230, 120, 0);
pub const TARGET: Rgb = (198, 40, 40);
pub const BASELINE: Rgb = (106, 61, 154);
pub const ON_TRACK: Rgb = (46, 125, 50);
pub const AT_RISK: Rgb = (230, 140, 0);
pub const OFF_TRACK: Rgb = TARGET;

/// Red/amber/green for a milestone status.
pub fn rag(status: lifegap_core::model::milestones::Status) -> Rgb {
    use lifegap_core::model::milestones::Status;
    match status {
        Status::OnTrack => ON_TRACK,
        Status::AtRisk => AT_RISK,
        Status::OffTrack => OFF_TRACK,
    }
}

/// Colour of a broad cause group (the `key` of a gap-by-cause bar).
pub fn cause_group(group: &str) -> Rgb {
    match group {
        "circulatory" => (198, 40, 40),
        "cancer" => (106, 61, 154),
        "respiratory" => (31, 119, 180),
        "digestive" => (230, 140, 0),
        "external" => (90, 90, 90),
        "infant" => (0, 137, 123),
        _ => (140, 140, 140),
    }
}

/// Colours for series that need telling apart (programmes by their position in the scenario,
/// scenarios on Compare): twelve, so the eleven shipped programmes never share one.
pub fn series(i: usize) -> Rgb {
    const P: [Rgb; 12] = [
        (31, 119, 180),
        (255, 127, 14),
        (44, 160, 44),
        (214, 39, 40),
        (148, 103, 189),
        (140, 86, 75),
        (227, 119, 194),
        (127, 127, 127),
        (188, 189, 34),
        (23, 190, 207),
        (255, 187, 120),
        (152, 223, 138),
    ];
    P[i % P.len()]
}

/// "#1f77b4" for HTML and SVG.
pub(crate) fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// The slides' background: a near-black that projectors show as black.
pub const SLIDE_BG: Rgb = (14, 17, 22);
/// Text on the slides.
pub const SLIDE_TEXT: Rgb = (255, 255, 255);
/// A warning's text on the slides (the SYNTHETIC notice): [`TARGET`]'s red lightened until it
/// meets WCAG AA on [`SLIDE_BG`] (TARGET itself is 3.4:1 there).
pub const SLIDE_WARNING: Rgb = (239, 98, 98);

/// egui's dark and light panel backgrounds (egui 0.37 `Visuals::dark().panel_fill`,
/// `Visuals::light().panel_fill`), for checking warning text against them.
pub const APP_DARK_BG: Rgb = (27, 27, 27);
pub const APP_LIGHT_BG: Rgb = (248, 248, 248);

/// A warning's text in the app: [`TARGET`] on a light theme (5.2:1), [`SLIDE_WARNING`] on a
/// dark one (TARGET there is 3.1:1).
pub fn warning_text(dark: bool) -> Rgb {
    if dark { SLIDE_WARNING } else { TARGET }
}

/// The text colour of a status badge on its RAG colour: white on red and green, black on
/// amber (white on amber is 2.6:1, under WCAG AA's 4.5:1).
pub fn badge_text(status: lifegap_core::model::milestones::Status) -> Rgb {
    use lifegap_core::model::milestones::Status;
    match status {
        Status::AtRisk => (0, 0, 0),
        Status::OnTrack | Status::OffTrack => (255, 255, 255),
    }
}

/// Relative luminance of an sRGB colour (WCAG 2.1, 1.4.3).
pub fn luminance(c: Rgb) -> f64 {
    let lin = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// WCAG 2.1 contrast ratio of two colours, 1 to 21: (L_light + 0.05) / (L_dark + 0.05).
pub fn contrast_ratio(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[cfg(test)]
mod contrast_tests {
    use super::*;
    use lifegap_core::model::milestones::Status;

    /// WCAG AA for normal text.
    const AA: f64 = 4.5;

    #[test]
    fn the_contrast_formula_matches_wcags_worked_values() {
        // Black on white is 21:1; a colour on itself 1:1; #777 on white is 4.48:1 (the
        // well-known "just fails AA" grey).
        assert!((contrast_ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(TARGET, TARGET) - 1.0).abs() < 1e-12);
        let grey = contrast_ratio((119, 119, 119), (255, 255, 255));
        assert!((grey - 4.48).abs() < 0.01, "{grey}");
    }

    #[test]
    fn every_slide_text_meets_aa_on_the_slide_background() {
        for (what, c) in [
            ("text", SLIDE_TEXT),
            ("warning (SYNTHETIC)", SLIDE_WARNING),
            ("the gap figure", REQUIRED),
        ] {
            let r = contrast_ratio(c, SLIDE_BG);
            assert!(r >= AA, "{what}: {r:.2}:1");
        }
        // The old SYNTHETIC colour did not: this is what the fix is for.
        assert!(contrast_ratio(TARGET, SLIDE_BG) < AA);
    }

    #[test]
    fn warnings_in_the_app_meet_aa_on_either_theme() {
        for (dark, bg) in [(true, APP_DARK_BG), (false, APP_LIGHT_BG)] {
            let r = contrast_ratio(warning_text(dark), bg);
            assert!(r >= AA, "dark {dark}: {r:.2}:1");
        }
        assert!(contrast_ratio(TARGET, APP_DARK_BG) < AA);
    }

    #[test]
    fn every_status_badge_meets_aa() {
        for s in [Status::OnTrack, Status::AtRisk, Status::OffTrack] {
            let r = contrast_ratio(badge_text(s), rag(s));
            assert!(r >= AA, "{s:?}: {r:.2}:1");
        }
        // The synthetic-data badge in the header: white on the target red.
        assert!(contrast_ratio((255, 255, 255), TARGET) >= AA);
    }
}
