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
