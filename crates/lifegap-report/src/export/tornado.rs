//! What drives a milestone's uncertainty, as a tornado chart for the board pack: one horizontal
//! bar per evidence parameter, from a centre line at zero to its Spearman rank correlation with
//! the milestone's margin over the Monte Carlo draws (`MilestoneUncertainty::drivers`,
//! strongest first, as the Countdown screen lists them). Bars to the right: the higher the
//! parameter, the likelier the milestone is met; to the left, the less likely. Names are
//! written in full beside the bars, never cut, and the legend is the caption (nothing sits over
//! the bars). Plain SVG text, so the PDF keeps the names as real text.

use super::report::esc;
use crate::palette;
use lifegap_core::model::uncertainty::Driver;
use std::fmt::Write as _;

/// Width of the chart in SVG units.
const W: f64 = 1200.0;
const ROW: f64 = 34.0;
const TOP: f64 = 54.0;
const AXIS: f64 = 48.0;
/// Label font size and an upper bound on a character's width at that size (DejaVu Sans is
/// at most about 0.62 em for the letters used), to size the names' column.
const FONT: f64 = 16.0;
const CHAR_W: f64 = 0.62 * FONT;

/// The tornado of `drivers` as SVG text, titled `title`; `None` when there are none.
pub fn svg(title: &str, drivers: &[Driver]) -> Option<String> {
    if drivers.is_empty() {
        return None;
    }
    let longest = drivers
        .iter()
        .map(|d| d.parameter.chars().count())
        .max()
        .unwrap_or(0) as f64;
    // Names on the left, as wide as the longest needs (at most 60% of the width; a longer
    // name takes a smaller type rather than being cut).
    let label_w = (longest * CHAR_W + 20.0).min(W * 0.6);
    let font = FONT.min((W * 0.6 - 20.0) / longest.max(1.0) / 0.62);
    let (x0, x1) = (label_w + 10.0, W - 70.0);
    let centre = 0.5 * (x0 + x1);
    let half = 0.5 * (x1 - x0);
    let h = TOP + ROW * drivers.len() as f64 + AXIS;
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{h}\" viewBox=\"0 0 {W} {h}\">\
         <rect x=\"0\" y=\"0\" width=\"{W}\" height=\"{h}\" fill=\"#ffffff\"/>\
         <text x=\"{}\" y=\"32\" font-family=\"sans-serif\" font-size=\"22\" font-weight=\"bold\" text-anchor=\"middle\">{}</text>",
        W / 2.0,
        esc(title)
    );
    let up = palette::hex(palette::WITH);
    let down = palette::hex(palette::TARGET);
    for (i, d) in drivers.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let r = d.rank_correlation.clamp(-1.0, 1.0);
        let (bx, bw) = if r >= 0.0 {
            (centre, r * half)
        } else {
            (centre + r * half, -r * half)
        };
        let colour = if r >= 0.0 { &up } else { &down };
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"{font:.1}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{bx:.1}\" y=\"{}\" width=\"{bw:.1}\" height=\"{}\" fill=\"{colour}\"/>\
             <text x=\"{:.1}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"15\" text-anchor=\"{}\">{:+.2}</text>",
            label_w,
            y + ROW * 0.62,
            esc(&d.parameter),
            y + 5.0,
            ROW - 10.0,
            if r >= 0.0 { bx + bw + 6.0 } else { bx - 6.0 },
            y + ROW * 0.62,
            if r >= 0.0 { "start" } else { "end" },
            r
        );
    }
    let axis_y = TOP + ROW * drivers.len() as f64;
    let _ = write!(
        o,
        "<line x1=\"{centre:.1}\" y1=\"{}\" x2=\"{centre:.1}\" y2=\"{axis_y}\" stroke=\"#000000\" stroke-width=\"1.5\"/>\
         <line x1=\"{x0:.1}\" y1=\"{axis_y}\" x2=\"{x1:.1}\" y2=\"{axis_y}\" stroke=\"#888888\" stroke-width=\"1\"/>",
        TOP - 4.0
    );
    for (v, anchor) in [(-1.0, "start"), (0.0, "middle"), (1.0, "end")] {
        let _ = write!(
            o,
            "<text x=\"{:.1}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"15\" text-anchor=\"{anchor}\">{v:+.0}</text>",
            centre + v * half,
            axis_y + 20.0
        );
    }
    let _ = write!(
        o,
        "<text x=\"{centre:.1}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"16\" text-anchor=\"middle\">rank correlation with meeting the milestone</text></svg>",
        axis_y + 42.0
    );
    Some(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(p: &str, r: f64) -> Driver {
        Driver {
            parameter: p.into(),
            parameters: vec![p.into()],
            rank_correlation: r,
        }
    }

    #[test]
    fn a_bar_per_driver_from_the_centre_each_name_in_full() {
        let long =
            "Statins: secondary prevention: relative risk reduction (coronary heart disease)";
        let s = svg("Drivers", &[d(long, 0.5), d("Adherence", -0.25)]).unwrap();
        assert!(s.contains(&esc(long)), "name in full");
        assert!(s.contains(">+0.50<") && s.contains(">-0.25<"));
        // Hand-worked: the name column is 60% of 1200 at most (720), so x0 = 730, x1 = 1130,
        // centre 930, half 200; +0.5 runs 930 → 1030, −0.25 runs 880 → 930.
        assert!(
            s.contains("<rect x=\"930.0\" y=\"59\" width=\"100.0\""),
            "{s}"
        );
        assert!(
            s.contains("<rect x=\"880.0\" y=\"93\" width=\"50.0\""),
            "{s}"
        );
        assert!(svg("none", &[]).is_none());
    }
}
