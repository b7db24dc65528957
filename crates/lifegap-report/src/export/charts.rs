//! Every chart as a vector (SVG) or bitmap (PNG) file, drawn with plotters from the same view
//! models the app draws with egui_plot. Text uses the bundled DejaVu Sans, so exports look the
//! same on every machine.

use super::board::Board;
use crate::palette::{self, Rgb};
use crate::views::{self, Bar, Countdown};
use lifegap_core::model::area::Sex;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::Once;

pub type ChartResult<T> = Result<T, String>;

/// A named line: (name, points, colour, dashed).
pub type Line = (String, Vec<(f64, f64)>, Rgb, bool);

/// What a chart draws.
#[derive(Debug, Clone)]
pub enum Kind {
    /// Horizontal bars, largest at the top; colour by cause group or by position.
    HorizontalBars {
        bars: Vec<Bar>,
        x_desc: String,
        by_group: bool,
    },
    /// Vertical bars by age band.
    AgeBars {
        bars: Vec<Bar>,
        y_desc: String,
    },
    Countdown(Box<Countdown>),
    /// The gap by cause and age together: stacked bars by age band, a segment per cause group.
    CauseAge(Box<views::CauseAge>),
    /// Named lines: (name, points, colour, dashed).
    Lines {
        series: Vec<Line>,
        y_desc: String,
    },
    /// A funnel plot: each unit's (denominator, rate) as a dot, and the control limits as
    /// lines. No legend on the plot: the figure's caption names the lines (legends never sit
    /// over the data).
    Funnel {
        points: Vec<(f64, f64)>,
        limits: Vec<Line>,
        x_desc: String,
        y_desc: String,
    },
}

/// One exportable chart.
#[derive(Debug, Clone)]
pub struct Chart {
    /// File stem, e.g. "countdown-1-2010-psa-target-men".
    pub id: String,
    pub title: String,
    pub kind: Kind,
}

pub(crate) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Every chart of a board: trend, gap by cause and age, programme contributions (each sex),
/// and each milestone's countdown.
pub fn all(b: &Board) -> Vec<Chart> {
    let s = b.scenario;
    let mut out = Vec::new();
    for sex in Sex::BOTH {
        let who = sex.plural_label().to_lowercase();
        let Some(base) = b.base(sex) else { continue };
        if let Some(dec) = &base.decomposition {
            let bars = views::gap_by_cause(dec);
            let title = views::findings::causes(&bars, sex);
            out.push(Chart {
                id: format!("gap-by-cause-{who}"),
                title,
                kind: Kind::HorizontalBars {
                    bars: in_months(bars),
                    x_desc: "contribution to the gap (months of life expectancy)".into(),
                    by_group: true,
                },
            });
            out.push(Chart {
                id: format!("gap-by-age-{who}"),
                title: format!("The {who}'s gap by age, {}", s.base_period),
                kind: Kind::AgeBars {
                    bars: in_months(views::gap_by_age(dec)),
                    y_desc: "contribution to the gap (months)".into(),
                },
            });
        }
        out.push(Chart {
            id: format!("programmes-{who}"),
            title: views::findings::programmes(b.results, sex),
            kind: Kind::HorizontalBars {
                bars: in_months(views::programme_gains(b.results, sex)),
                x_desc: format!(
                    "gain in life expectancy over {} (months)",
                    b.results.headline
                ),
                by_group: false,
            },
        });
        out.push(Chart {
            id: format!("trend-{who}"),
            title: format!(
                "Life expectancy at birth, {who}: {} and {}",
                s.area, s.comparator
            ),
            kind: Kind::Lines {
                series: trend(b, sex),
                y_desc: "life expectancy at birth (years)".into(),
            },
        });
    }
    for (i, m) in s.milestones.iter().enumerate() {
        if let Some(c) = views::countdown(s, b.results, |sx| b.e0(sx), b.uncertainty, i) {
            out.push(Chart {
                id: format!("countdown-{}-{}", i + 1, slug(&m.label())),
                title: views::findings::countdown(b.results, i),
                kind: Kind::Countdown(Box::new(c)),
            });
        }
    }
    out
}

/// Bars in years of life expectancy as months, the unit a board reads on a chart's axis
/// (ticks of "0.005 years" say nothing to a room); the CSV exports keep years.
fn in_months(bars: Vec<Bar>) -> Vec<Bar> {
    bars.into_iter()
        .map(|b| Bar {
            value: b.value * 12.0,
            ..b
        })
        .collect()
}

/// The gap by cause and age together, one chart per sex (`gap-by-cause-and-age-men`, …):
/// exported beside [`all`]'s charts (`lifegap export-charts`, File ▸ Export charts); a board
/// pack section can pick them by id.
pub fn cause_age(b: &Board) -> Vec<Chart> {
    Sex::BOTH
        .iter()
        .filter_map(|&sex| {
            let who = sex.plural_label().to_lowercase();
            let dec = b.base(sex)?.decomposition.as_ref()?;
            let c = views::gap_by_cause_age(dec)?;
            Some(Chart {
                id: format!("gap-by-cause-and-age-{who}"),
                title: format!(
                    "Where the {who}'s gap is: by age and cause, {}",
                    b.scenario.base_period
                ),
                kind: Kind::CauseAge(Box::new(c)),
            })
        })
        .collect()
}

/// History, base period and projections of local and comparator e₀ for one sex.
pub fn trend(b: &Board, sex: Sex) -> Vec<Line> {
    let s = b.scenario;
    let mut local: Vec<(f64, f64)> = s
        .history
        .iter()
        .map(|h| (h.period.mid(), h.local.get(sex)))
        .collect();
    let mut comp: Vec<(f64, f64)> = s
        .history
        .iter()
        .map(|h| (h.period.mid(), h.comparator.get(sex)))
        .collect();
    if let Some((l, c)) = b.e0(sex) {
        local.push((s.base_period.mid(), l));
        comp.push((s.base_period.mid(), c));
    }
    local.sort_by(|a, b| a.0.total_cmp(&b.0));
    comp.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = vec![
        (
            format!("{} (history)", s.area),
            local,
            palette::LOCAL,
            false,
        ),
        (
            format!("{} (history)", s.comparator),
            comp,
            palette::COMPARATOR,
            false,
        ),
    ];
    if let Some(p) = b.results.projection.sex(sex) {
        let ys = |v: &[f64]| {
            b.results
                .projection
                .years
                .iter()
                .zip(v)
                .map(|(y, v)| (*y as f64 + 0.5, *v))
                .collect::<Vec<_>>()
        };
        out.push((
            format!("{} projected with programmes", s.area),
            ys(&p.e0_local_with),
            palette::WITH,
            true,
        ));
        out.push((
            format!("{} projected without", s.area),
            ys(&p.e0_local_without),
            palette::WITHOUT,
            true,
        ));
        out.push((
            format!("{} projected", s.comparator),
            ys(&p.e0_comparator),
            palette::COMPARATOR,
            true,
        ));
    }
    out
}

static FONTS: Once = Once::new();

/// Register the bundled font for plotters' text layout (and bitmap rendering).
fn fonts() {
    FONTS.call_once(|| {
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            crate::fonts::FONT_REGULAR,
        );
        let _ =
            plotters::style::register_font("sans-serif", FontStyle::Bold, crate::fonts::FONT_BOLD);
    });
}

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// The chart as SVG text.
pub fn svg(chart: &Chart, w: u32, h: u32) -> ChartResult<String> {
    fonts();
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        draw(&root, chart, 1.0)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(buf)
}

/// The chart as PNG bytes, `w`×`h` logical pixels at `scale` (2 = double resolution).
pub fn png(chart: &Chart, w: u32, h: u32, scale: f64) -> ChartResult<Vec<u8>> {
    fonts();
    let (pw, ph) = ((w as f64 * scale) as u32, (h as f64 * scale) as u32);
    let bytes = (pw as usize)
        .checked_mul(ph as usize)
        .and_then(|n| n.checked_mul(3))
        .filter(|n| *n <= 1 << 30)
        .ok_or_else(|| format!("a {pw}×{ph} image is too large (at most 1 GB of pixels)"))?;
    let mut rgb_buf = vec![255u8; bytes];
    {
        let root = BitMapBackend::with_buffer(&mut rgb_buf, (pw, ph)).into_drawing_area();
        draw(&root, chart, scale)?;
        root.present().map_err(|e| e.to_string())?;
    }
    let img = image::RgbImage::from_raw(pw, ph, rgb_buf).ok_or("bad image size")?;
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// RGBA pixels (row by row, `w`×`h`) as PNG bytes: the app's screenshots use the same encoder
/// as the exported charts.
pub fn png_from_rgba(w: u32, h: u32, rgba: Vec<u8>) -> ChartResult<Vec<u8>> {
    let img = image::RgbaImage::from_raw(w, h, rgba).ok_or("bad image size")?;
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Chart,
    k: f64,
) -> ChartResult<()> {
    root.fill(&WHITE).map_err(err)?;
    let px = |v: f64| (v * k).round() as i32;
    let font = |size: f64| ("sans-serif", size * k).into_font();
    let title = root
        .titled(&chart.title, font(28.0).style(FontStyle::Bold))
        .map_err(err)?;
    let area = title.margin(px(6.0), px(10.0), px(10.0), px(20.0));
    match &chart.kind {
        Kind::HorizontalBars {
            bars,
            x_desc,
            by_group,
        } => {
            let n = bars.len().max(1);
            let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
            let min = bars.iter().map(|b| b.value).fold(0.0, f64::min);
            let pad = (max - min).max(1e-6) * 0.08;
            let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
            let mut c = ChartBuilder::on(&area)
                .x_label_area_size(px(44.0))
                .y_label_area_size(px(300.0))
                .build_cartesian_2d((min - pad)..(max + pad), (0..n as i32).into_segmented())
                .map_err(err)?;
            let fmt = |v: &SegmentValue<i32>| match v {
                SegmentValue::CenterOf(i) if (*i as usize) < labels.len() => {
                    labels[labels.len() - 1 - *i as usize].clone()
                }
                _ => String::new(),
            };
            c.configure_mesh()
                .disable_y_mesh()
                .y_labels(n)
                .y_label_formatter(&fmt)
                .x_desc(x_desc.as_str())
                .label_style(font(17.0))
                .axis_desc_style(font(18.0))
                .draw()
                .map_err(err)?;
            c.draw_series(bars.iter().enumerate().map(|(i, b)| {
                let row = (n - 1 - i) as i32;
                let colour = if *by_group {
                    palette::cause_group(&b.key)
                } else {
                    palette::series(b.series.unwrap_or(i))
                };
                let mut r = Rectangle::new(
                    [
                        (0.0f64.min(b.value), SegmentValue::Exact(row)),
                        (0.0f64.max(b.value), SegmentValue::Exact(row + 1)),
                    ],
                    rgb(colour).filled(),
                );
                r.set_margin(px(4.0) as u32, px(4.0) as u32, 0, 0);
                r
            }))
            .map_err(err)?
            .label(x_desc.as_str());
        }
        Kind::AgeBars { bars, y_desc } => {
            let n = bars.len().max(1);
            let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
            let min = bars.iter().map(|b| b.value).fold(0.0, f64::min);
            let pad = (max - min).max(1e-6) * 0.08;
            let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
            let mut c = ChartBuilder::on(&area)
                .x_label_area_size(px(44.0))
                .y_label_area_size(px(70.0))
                .build_cartesian_2d((0..n as i32).into_segmented(), (min - pad)..(max + pad))
                .map_err(err)?;
            let fmt = |v: &SegmentValue<i32>| match v {
                SegmentValue::CenterOf(i) if (*i as usize) < labels.len() => {
                    labels[*i as usize].clone()
                }
                _ => String::new(),
            };
            c.configure_mesh()
                .disable_x_mesh()
                .x_labels(n)
                .x_label_formatter(&fmt)
                .x_desc("age band")
                .y_desc(y_desc.as_str())
                .label_style(font(16.0))
                .axis_desc_style(font(18.0))
                .draw()
                .map_err(err)?;
            c.draw_series(bars.iter().enumerate().map(|(i, b)| {
                let colour = if b.value >= 0.0 {
                    palette::TARGET
                } else {
                    palette::WITH
                };
                let mut r = Rectangle::new(
                    [
                        (SegmentValue::Exact(i as i32), 0.0f64.min(b.value)),
                        (SegmentValue::Exact(i as i32 + 1), 0.0f64.max(b.value)),
                    ],
                    rgb(colour).filled(),
                );
                r.set_margin(0, 0, px(3.0) as u32, px(3.0) as u32);
                r
            }))
            .map_err(err)?;
        }
        Kind::Lines { series, y_desc } => {
            let entries: Vec<Entry> = series
                .iter()
                .map(|(name, _, colour, dashed)| Entry {
                    name: name.clone(),
                    swatch: Swatch::Line(rgb(*colour), 3, *dashed),
                })
                .collect();
            let area = legend_below(&area, &entries, k)?;
            let xs = series.iter().flat_map(|s| s.1.iter().map(|p| p.0));
            let ys = series.iter().flat_map(|s| s.1.iter().map(|p| p.1));
            let (x0, x1) = bounds(xs, 0.5);
            let (y0, y1) = bounds(ys, 0.05);
            let mut c = ChartBuilder::on(&area)
                .x_label_area_size(px(44.0))
                .y_label_area_size(px(70.0))
                .build_cartesian_2d(x0..x1, y0..y1)
                .map_err(err)?;
            c.configure_mesh()
                .x_desc("year")
                .y_desc(y_desc.as_str())
                .x_label_formatter(&|x| format!("{:.0}", x))
                .label_style(font(17.0))
                .axis_desc_style(font(18.0))
                .draw()
                .map_err(err)?;
            for (_, pts, colour, dashed) in series {
                let style = rgb(*colour).stroke_width(px(3.0) as u32);
                if *dashed {
                    c.draw_series(DashedLineSeries::new(
                        pts.iter().copied(),
                        px(8.0),
                        px(5.0),
                        style,
                    ))
                    .map_err(err)?;
                } else {
                    c.draw_series(LineSeries::new(pts.iter().copied(), style))
                        .map_err(err)?;
                }
            }
        }
        Kind::Countdown(cd) => countdown(&area, cd, k)?,
        Kind::CauseAge(c) => draw_cause_age(&area, c, k)?,
        Kind::Funnel {
            points,
            limits,
            x_desc,
            y_desc,
        } => {
            let xs = points
                .iter()
                .map(|p| p.0)
                .chain(limits.iter().flat_map(|s| s.1.iter().map(|p| p.0)));
            let ys = points
                .iter()
                .map(|p| p.1)
                .chain(limits.iter().flat_map(|s| s.1.iter().map(|p| p.1)));
            let (_, x1) = bounds(xs, 0.05);
            let (y0, y1) = bounds(ys, 0.05);
            let mut c = ChartBuilder::on(&area)
                .x_label_area_size(px(44.0))
                .y_label_area_size(px(70.0))
                .build_cartesian_2d(0.0..x1, y0.max(0.0)..y1.min(1.0).max(y0.max(0.0) + 1e-6))
                .map_err(err)?;
            c.configure_mesh()
                .x_desc(x_desc.as_str())
                .y_desc(y_desc.as_str())
                .x_label_formatter(&|x| format!("{:.0}", x))
                .y_label_formatter(&|y| format!("{:.0}%", y * 100.0))
                .label_style(font(17.0))
                .axis_desc_style(font(18.0))
                .draw()
                .map_err(err)?;
            for (_, pts, colour, dashed) in limits {
                let style = rgb(*colour).stroke_width(px(2.0) as u32);
                if *dashed {
                    c.draw_series(DashedLineSeries::new(
                        pts.iter().copied(),
                        px(8.0),
                        px(5.0),
                        style,
                    ))
                    .map_err(err)?;
                } else {
                    c.draw_series(LineSeries::new(pts.iter().copied(), style))
                        .map_err(err)?;
                }
            }
            c.draw_series(
                points
                    .iter()
                    .map(|p| Circle::new(*p, px(5.0), rgb(palette::LOCAL).filled())),
            )
            .map_err(err)?;
        }
    }
    Ok(())
}

/// What a legend entry's key looks like.
#[derive(Debug, Clone, Copy)]
enum Swatch {
    /// A short line: colour, width (units), dashed.
    Line(RGBColor, u32, bool),
    /// A filled box (a band, a shaded period, a bar's colour).
    Fill(RGBAColor),
}

/// One legend entry: a key and its name.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    swatch: Swatch,
}

/// How a legend of `entries` wraps in a strip `width` pixels wide: each entry's x offset and
/// row. Entries flow left to right and wrap to a new row when the next would pass the edge;
/// names are never cut.
fn legend_rows<F: Fn(&str) -> i32>(
    entries: &[Entry],
    width: i32,
    indent: i32,
    text_w: F,
    k: f64,
) -> Vec<(i32, usize)> {
    let px = |v: f64| (v * k).round() as i32;
    let (mut x, mut row) = (indent, 0);
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let w = px(30.0) + text_w(&e.name);
        if x > indent && x + w > width {
            row += 1;
            x = indent;
        }
        out.push((x, row));
        x += w + px(22.0);
    }
    out
}

/// Draw the legend of `entries` in a strip under the plot and return the area left for the
/// plot: legends never sit over the data (the app's `legend_below` rule, for the exports).
fn legend_below<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    k: f64,
) -> ChartResult<DrawingArea<DB, Shift>> {
    let px = |v: f64| (v * k).round() as i32;
    let style = TextStyle::from(("sans-serif", 16.0 * k).into_font());
    let (w, h) = area.dim_in_pixel();
    let text_w = |s: &str| {
        area.estimate_text_size(s, &style)
            .map(|d| d.0 as i32)
            .unwrap_or((s.chars().count() as f64 * 9.0 * k) as i32)
    };
    let indent = px(70.0);
    let places = legend_rows(entries, w as i32, indent, text_w, k);
    let rows = places.iter().map(|p| p.1 + 1).max().unwrap_or(0) as i32;
    if rows == 0 {
        return Ok(area.clone());
    }
    let row_h = px(24.0);
    let strip_h = rows * row_h + px(10.0);
    let (plot, strip) = area.split_vertically(h as i32 - strip_h);
    for (e, (x, row)) in entries.iter().zip(places) {
        let y = px(10.0) + row as i32 * row_h + row_h / 2;
        match e.swatch {
            Swatch::Line(c, width, dashed) => {
                let s = c.stroke_width(px(width as f64) as u32);
                if dashed {
                    for (a, b) in [(0.0, 9.0), (14.0, 23.0)] {
                        strip
                            .draw(&PathElement::new(vec![(x + px(a), y), (x + px(b), y)], s))
                            .map_err(err)?;
                    }
                } else {
                    strip
                        .draw(&PathElement::new(vec![(x, y), (x + px(23.0), y)], s))
                        .map_err(err)?;
                }
            }
            Swatch::Fill(c) => {
                strip
                    .draw(&Rectangle::new(
                        [(x, y - px(7.0)), (x + px(23.0), y + px(7.0))],
                        c.filled(),
                    ))
                    .map_err(err)?;
            }
        }
        strip
            .draw(&Text::new(
                e.name.clone(),
                (x + px(30.0), y - px(9.0)),
                style.clone(),
            ))
            .map_err(err)?;
    }
    Ok(plot)
}

fn bounds(v: impl Iterator<Item = f64>, pad_frac: f64) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for x in v {
        lo = lo.min(x);
        hi = hi.max(x);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let pad = ((hi - lo) * pad_frac).max(0.05);
    (lo - pad, hi + pad)
}

/// The countdown's legend, in the order its layers are drawn.
fn countdown_legend(cd: &Countdown) -> Vec<Entry> {
    let line = |name: &str, c: Rgb, w: u32, dashed: bool| Entry {
        name: name.to_string(),
        swatch: Swatch::Line(rgb(c), w, dashed),
    };
    let mut out = vec![Entry {
        name: "measurement period".into(),
        swatch: Swatch::Fill(RGBColor(220, 220, 220).to_rgba()),
    }];
    if cd.england_band.is_some() {
        out.push(Entry {
            name: format!("{}'s path: Holt's 95% interval", cd.comparator),
            swatch: Swatch::Fill(rgb(palette::COMPARATOR).mix(0.22)),
        });
    }
    if cd.band.is_some() {
        out.push(Entry {
            name: "95% interval (with programmes)".into(),
            swatch: Swatch::Fill(rgb(palette::WITH).mix(0.25)),
        });
    }
    out.push(line("target", palette::TARGET, 3, false));
    if let Some((label, _)) = &cd.baseline {
        out.push(line(
            &format!("baseline {label}"),
            palette::BASELINE,
            2,
            true,
        ));
    }
    out.push(line(
        "history (three-year periods)",
        palette::LOCAL,
        3,
        false,
    ));
    out.push(line("required trajectory", palette::REQUIRED, 3, true));
    out.push(line(
        "projected without programmes",
        palette::WITHOUT,
        3,
        false,
    ));
    out.push(line("projected with programmes", palette::WITH, 4, false));
    out.push(line("planning date", palette::BASELINE, 2, false));
    out
}

fn countdown<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    cd: &Countdown,
    k: f64,
) -> ChartResult<()> {
    let px = |v: f64| (v * k).round() as i32;
    let font = |size: f64| ("sans-serif", size * k).into_font();
    let all_x = cd
        .history
        .iter()
        .chain(&cd.with)
        .chain(&cd.required_path)
        .map(|p| p.0)
        .chain([cd.period.1]);
    let mut all_y: Vec<f64> = cd
        .history
        .iter()
        .chain(&cd.with)
        .chain(&cd.without)
        .chain(&cd.required_path)
        .map(|p| p.1)
        .collect();
    all_y.push(cd.target);
    if let Some((_, v)) = &cd.baseline {
        all_y.push(*v);
    }
    if let Some((_, lo, hi)) = &cd.band {
        all_y.extend(lo.iter().chain(hi));
    }
    // England's Holt interval, up to the end of the measurement period (as in the app).
    if let Some((xs, lo, hi)) = &cd.england_band {
        for (x, (l, h)) in xs.iter().zip(lo.iter().zip(hi)) {
            if *x <= cd.period.1 {
                all_y.extend([*l, *h]);
            }
        }
    }
    let area = &legend_below(area, &countdown_legend(cd), k)?;
    let (x0, x1) = bounds(all_x, 0.03);
    let (y0, y1) = bounds(all_y.into_iter(), 0.08);
    let mut c = ChartBuilder::on(area)
        .x_label_area_size(px(44.0))
        .y_label_area_size(px(70.0))
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(err)?;
    c.configure_mesh()
        .x_desc("year")
        .y_desc(cd.y_label().as_str())
        .x_label_formatter(&|x| format!("{:.0}", x))
        .label_style(font(17.0))
        .axis_desc_style(font(18.0))
        .draw()
        .map_err(err)?;
    let w = |v: f64| px(v) as u32;
    // Measurement period shaded.
    c.draw_series(std::iter::once(Rectangle::new(
        [(cd.period.0, y0), (cd.period.1, y1)],
        RGBColor(230, 230, 230).mix(0.6).filled(),
    )))
    .map_err(err)?;
    if let Some((xs, lo, hi)) = &cd.england_band {
        // Clipped to the chart: beyond the measurement period the interval may run off it.
        let clip = |v: f64| v.clamp(y0, y1);
        let mut poly: Vec<(f64, f64)> = xs.iter().zip(lo).map(|(x, v)| (*x, clip(*v))).collect();
        poly.extend(xs.iter().zip(hi).map(|(x, v)| (*x, clip(*v))).rev());
        let fill = rgb(palette::COMPARATOR).mix(0.22);
        c.draw_series(std::iter::once(Polygon::new(poly, fill.filled())))
            .map_err(err)?;
    }
    if let Some((xs, lo, hi)) = &cd.band {
        let mut poly: Vec<(f64, f64)> = xs.iter().copied().zip(lo.iter().copied()).collect();
        poly.extend(xs.iter().copied().zip(hi.iter().copied()).rev());
        c.draw_series(std::iter::once(Polygon::new(
            poly,
            rgb(palette::WITH).mix(0.25).filled(),
        )))
        .map_err(err)?;
    }
    let hline = |y: f64| vec![(x0, y), (x1, y)];
    let target = rgb(palette::TARGET);
    c.draw_series(LineSeries::new(
        hline(cd.target),
        target.stroke_width(w(2.5)),
    ))
    .map_err(err)?;
    if let Some((_, v)) = &cd.baseline {
        let col = rgb(palette::BASELINE);
        c.draw_series(DashedLineSeries::new(
            hline(*v),
            px(6.0),
            px(6.0),
            col.stroke_width(w(1.5)),
        ))
        .map_err(err)?;
    }
    let hist = rgb(palette::LOCAL);
    c.draw_series(LineSeries::new(
        cd.history.iter().copied(),
        hist.stroke_width(w(3.0)),
    ))
    .map_err(err)?;
    c.draw_series(
        cd.history
            .iter()
            .map(|p| Circle::new(*p, px(4.0), hist.filled())),
    )
    .map_err(err)?;
    let req = rgb(palette::REQUIRED);
    c.draw_series(DashedLineSeries::new(
        cd.required_path.iter().copied(),
        px(9.0),
        px(6.0),
        req.stroke_width(w(2.5)),
    ))
    .map_err(err)?;
    let wo = rgb(palette::WITHOUT);
    c.draw_series(LineSeries::new(
        cd.without.iter().copied(),
        wo.stroke_width(w(2.5)),
    ))
    .map_err(err)?;
    let wi = rgb(palette::WITH);
    c.draw_series(LineSeries::new(
        cd.with.iter().copied(),
        wi.stroke_width(w(3.5)),
    ))
    .map_err(err)?;
    let mid = 0.5 * (cd.period.0 + cd.period.1);
    c.draw_series(std::iter::once(Circle::new(
        (mid, cd.pooled.1),
        px(6.0),
        wi.filled(),
    )))
    .map_err(err)?;
    let plan = rgb(palette::BASELINE);
    c.draw_series(LineSeries::new(
        vec![(cd.as_of, y0), (cd.as_of, y1)],
        plan.stroke_width(w(1.5)),
    ))
    .map_err(err)?;
    Ok(())
}

/// The gap by cause and age (`views::CauseAge`): stacked bars by age band in months of life
/// expectancy, each segment in its cause group's colour, and the legend in a strip under the
/// plot (never over the bars).
fn draw_cause_age<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ca: &views::CauseAge,
    k: f64,
) -> ChartResult<()> {
    const MONTHS: f64 = 12.0;
    let px = |v: f64| (v * k).round() as i32;
    let font = |size: f64| ("sans-serif", size * k).into_font();
    let entries: Vec<Entry> = ca
        .groups
        .iter()
        .map(|g| Entry {
            name: views::group_label(g).to_string(),
            swatch: Swatch::Fill(rgb(palette::cause_group(g)).to_rgba()),
        })
        .collect();
    let plot = legend_below(area, &entries, k)?;
    let n = ca.bands.len().max(1);
    let (lo, hi) = ca.range();
    let pad = ((hi - lo) * MONTHS * 0.08).max(0.05);
    let labels: Vec<String> = ca
        .bands
        .iter()
        .map(|b| b.split(['-', '–']).next().unwrap_or(b).to_string())
        .collect();
    let mut c = ChartBuilder::on(&plot)
        .x_label_area_size(px(44.0))
        .y_label_area_size(px(70.0))
        .build_cartesian_2d(
            (0..n as i32).into_segmented(),
            (lo * MONTHS - pad)..(hi * MONTHS + pad),
        )
        .map_err(err)?;
    let fmt = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) if (*i as usize) < labels.len() => labels[*i as usize].clone(),
        _ => String::new(),
    };
    c.configure_mesh()
        .disable_x_mesh()
        .x_labels(n)
        .x_label_formatter(&fmt)
        .x_desc("age at the start of the band")
        .y_desc("months of life expectancy")
        .label_style(font(16.0))
        .axis_desc_style(font(18.0))
        .draw()
        .map_err(err)?;
    c.draw_series(ca.segments().iter().map(|sg| {
        let (a, b) = (sg.base * MONTHS, (sg.base + sg.value) * MONTHS);
        let mut r = Rectangle::new(
            [
                (SegmentValue::Exact(sg.band as i32), a.min(b)),
                (SegmentValue::Exact(sg.band as i32 + 1), a.max(b)),
            ],
            rgb(palette::cause_group(&ca.groups[sg.group])).filled(),
        );
        r.set_margin(0, 0, px(3.0) as u32, px(3.0) as u32);
        r
    }))
    .map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_legend_wraps_to_a_new_row_rather_than_run_off_the_edge() {
        let e = |n: &str| Entry {
            name: n.into(),
            swatch: Swatch::Line(RGBColor(0, 0, 0), 3, false),
        };
        let entries = [e("a"), e("b"), e("c"), e("d")];
        // Each entry is 30 (key and gap) + 100 (name) wide, then 22 to the next. From the
        // indent 70: 70–200, 222–352; the third would end at 504 > 500, so it starts row 1.
        let places = legend_rows(&entries, 500, 70, |_| 100, 1.0);
        assert_eq!(places, vec![(70, 0), (222, 0), (70, 1), (222, 1)]);
        // A name wider than the strip still gets a row of its own (never cut or dropped).
        let places = legend_rows(&entries[..2], 200, 70, |_| 400, 1.0);
        assert_eq!(places, vec![(70, 0), (70, 1)]);
    }
}
