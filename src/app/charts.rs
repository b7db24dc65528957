//! Charts drawn with egui_plot. Interaction (zoom, drag, scroll) is off so slides and
//! screenshots show exactly the bounds chosen here.

use super::theme;
use egui::{Color32, Ui};
use egui_plot::{
    Bar, BarChart, FilledArea, GridInput, GridMark, HLine, Line, LineStyle, Plot, PlotPoints,
    Points, Text, VLine,
};
use lifegap_report::views::Countdown;
use std::ops::RangeInclusive;

/// A chart's height for a window: `base` is its height at 800 px tall (the 1280×800 the
/// snapshots use); taller windows give charts more room (up to twice), smaller ones a little
/// less, so a chart grows to use a 1920×1080 screen.
pub fn height_for(ui: &Ui, base: f32) -> f32 {
    let h = ui.ctx().content_rect().height();
    base * (h / 800.0).clamp(0.8, 2.0)
}

/// A plot with interaction turned off.
pub fn fixed_plot(id: &str, height: f32) -> Plot<'static> {
    Plot::new(id.to_string())
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        // No legend inside the plot: charts that need one draw it underneath
        // (`legend_below`), so it never covers data.
        // Slides show no hover read-outs (the pointer may sit anywhere on a projector).
        .show_x(!presenting())
        .show_y(!presenting())
}

thread_local! {
    static PRESENTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Charts drawn while this is set are for slides: no hover labels.
pub fn set_presenting(on: bool) {
    PRESENTING.with(|p| p.set(on));
}

fn presenting() -> bool {
    PRESENTING.with(|p| p.get())
}

/// One grid mark per category, all the same weight, so every label is drawn in full.
/// egui_plot fades a label by how far apart its marks are on screen (step size × scale), so
/// the marks claim a large step: category labels are never faded or dropped.
fn category_marks(n: usize) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |_| {
        (0..n)
            .map(|i| GridMark {
                value: i as f64,
                step_size: 1000.0,
            })
            .collect()
    }
}

/// About five evenly spaced value marks at a round step (1, 2 or 5 × 10ⁿ), never faded: a
/// narrow chart still shows its scale.
fn value_marks(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let span = (hi - lo).abs().max(1e-12);
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(raw);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last)
        .map(|k| GridMark {
            value: k as f64 * step,
            step_size: 1000.0,
        })
        .collect()
}

/// Horizontal bars for named contributions, largest at the top.
/// `items` are (label, value, colour).
pub fn contribution_bars(
    ui: &mut Ui,
    id: &str,
    title: &str,
    items: &[(String, f64, Color32)],
    unit: &str,
    height: f32,
) {
    horizontal_bars(ui, id, title, items, format!("{title} ({unit})"), height);
}

/// Horizontal bars in the order given, first at the top, named on the value axis (no legend).
fn horizontal_bars(
    ui: &mut Ui,
    id: &str,
    name: &str,
    items: &[(String, f64, Color32)],
    x_label: String,
    height: f32,
) {
    let n = items.len();
    let labels: Vec<String> = items.iter().map(|(l, _, _)| l.clone()).collect();
    let bars: Vec<Bar> = items
        .iter()
        .enumerate()
        .map(|(i, (label, v, c))| {
            Bar::new((n - 1 - i) as f64, *v)
                .name(label)
                .fill(*c)
                .width(0.7)
        })
        .collect();
    let max = items
        .iter()
        .map(|(_, v, _)| v.abs())
        .fold(0.0, f64::max)
        .max(1e-6);
    let min = items.iter().map(|(_, v, _)| *v).fold(0.0, f64::min);
    fixed_plot(id, height)
        .show_grid([true, false])
        .include_x(min * 1.1)
        .include_x(max * 1.15)
        .include_y(-0.6)
        .include_y(n as f64 - 0.4)
        .x_axis_label(x_label)
        .y_axis_formatter(move |m: GridMark, _r: &RangeInclusive<f64>| {
            let i = m.value.round();
            if (m.value - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < labels.len() {
                labels[labels.len() - 1 - i as usize].clone()
            } else {
                String::new()
            }
        })
        .y_axis_min_width(170.0)
        .y_grid_spacer(category_marks(n))
        .x_grid_spacer(value_marks)
        .x_axis_formatter(|m: GridMark, _r: &RangeInclusive<f64>| {
            format!("{}", (m.value * 1000.0).round() / 1000.0)
        })
        .show(ui, |p| {
            p.bar_chart(
                BarChart::new(name, bars)
                    .horizontal()
                    .allow_hover(!presenting()),
            );
            p.vline(VLine::new("", 0.0).color(Color32::GRAY).width(1.0));
        });
}

/// Vertical bars by age band.
pub fn age_bars(ui: &mut Ui, id: &str, labels: &[String], values: &[f64], height: f32) {
    let bars: Vec<Bar> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            Bar::new(i as f64, *v)
                .name(&labels[i])
                .fill(if *v >= 0.0 {
                    theme::TARGET
                } else {
                    theme::WITH
                })
                .width(0.75)
        })
        .collect();
    let n = labels.len();
    let labels = labels.to_vec();
    fixed_plot(id, height)
        .show_grid([false, true])
        .x_grid_spacer(category_marks(n))
        .y_axis_label("years of the gap")
        .x_axis_formatter(move |m: GridMark, _r: &RangeInclusive<f64>| {
            let i = m.value.round();
            if (m.value - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < labels.len() {
                labels[i as usize].clone()
            } else {
                String::new()
            }
        })
        .show(ui, |p| {
            p.bar_chart(BarChart::new("contribution by age", bars));
            p.hline(HLine::new("", 0.0).color(Color32::GRAY).width(1.0));
        });
}

pub fn countdown(ui: &mut Ui, id: &str, s: &Countdown, height: f32) {
    let y_label = s.y_label();
    let pts =
        |v: &[(f64, f64)]| PlotPoints::from(v.iter().map(|(x, y)| [*x, *y]).collect::<Vec<_>>());
    // The legend goes under the chart, never over the lines (a corner that is empty on one
    // countdown holds the target line on another).
    // England's Holt interval is shown in full up to the end of the measurement period (it
    // widens beyond; later years may run off the chart rather than flatten every line).
    let (band_lo, band_hi) =
        s.england_band
            .as_ref()
            .map_or((s.target, s.target), |(xs, lo, hi)| {
                xs.iter()
                    .zip(lo.iter().zip(hi))
                    .filter(|(x, _)| **x <= s.period.1)
                    .fold((s.target, s.target), |(a, b), (_, (l, h))| {
                        (a.min(*l), b.max(*h))
                    })
            });
    fixed_plot(id, height)
        .x_axis_label("year")
        .y_axis_label(y_label)
        .include_y(s.target)
        .include_y(band_lo)
        .include_y(band_hi)
        .include_x(s.period.1 + 0.5)
        .show(ui, |p| {
            if let Some((xs, lo, hi)) = &s.england_band {
                p.add(
                    FilledArea::new("England's forecast: Holt's 95% interval", xs, lo, hi)
                        .fill_color(theme::COMPARATOR.gamma_multiply(0.22)),
                );
            }
            if let Some((xs, lo, hi)) = &s.band {
                p.add(
                    FilledArea::new("95% interval (with programmes)", xs, lo, hi)
                        .fill_color(theme::WITH.gamma_multiply(0.25)),
                );
            }
            p.vline(
                VLine::new("", s.period.0)
                    .color(Color32::GRAY)
                    .style(LineStyle::dotted_dense()),
            );
            p.vline(
                VLine::new("measurement period", s.period.1)
                    .color(Color32::GRAY)
                    .style(LineStyle::dotted_dense()),
            );
            p.vline(
                VLine::new("planning date", s.as_of)
                    .color(theme::BASELINE)
                    .width(1.5),
            );
            if !s.history.is_empty() {
                p.line(
                    Line::new("history (three-year periods)", pts(&s.history))
                        .color(theme::LOCAL)
                        .width(2.5),
                );
                p.points(
                    Points::new("", pts(&s.history))
                        .color(theme::LOCAL)
                        .radius(4.0),
                );
            }
            if let Some((label, v)) = &s.baseline {
                p.hline(
                    HLine::new(format!("baseline {label}"), *v)
                        .color(theme::BASELINE)
                        .style(LineStyle::dashed_loose()),
                );
            }
            p.hline(
                HLine::new("target", s.target)
                    .color(theme::TARGET)
                    .width(2.0),
            );
            p.line(
                Line::new("required trajectory", pts(&s.required_path))
                    .color(theme::REQUIRED)
                    .style(LineStyle::dashed_loose())
                    .width(2.0),
            );
            p.line(
                Line::new("projected without programmes", pts(&s.without))
                    .color(theme::WITHOUT)
                    .width(2.0),
            );
            p.line(
                Line::new("projected with programmes", pts(&s.with))
                    .color(theme::WITH)
                    .width(3.0),
            );
            let mid = 0.5 * (s.period.0 + s.period.1);
            p.points(
                Points::new("", PlotPoints::from(vec![[mid, s.pooled.1]]))
                    .color(theme::WITH)
                    .radius(6.0),
            );
            p.text(
                Text::new("", egui_plot::PlotPoint::new(mid, s.target), "target")
                    .color(theme::TARGET),
            );
        });
    let mut keys = Vec::new();
    if !s.history.is_empty() {
        keys.push((
            theme::LOCAL,
            Key::Line,
            "history (three-year periods)".to_string(),
        ));
    }
    if let Some((label, _)) = &s.baseline {
        keys.push((theme::BASELINE, Key::Dashed, format!("baseline {label}")));
    }
    keys.extend([
        (theme::TARGET, Key::Line, "target".to_string()),
        (
            theme::REQUIRED,
            Key::Dashed,
            "required trajectory".to_string(),
        ),
        (
            theme::WITHOUT,
            Key::Line,
            "projected without programmes".to_string(),
        ),
        (
            theme::WITH,
            Key::Line,
            "projected with programmes".to_string(),
        ),
    ]);
    if s.england_band.is_some() {
        keys.push((
            theme::COMPARATOR.gamma_multiply(0.4),
            Key::Area,
            format!("{}'s path: Holt's 95% interval", s.comparator),
        ));
    }
    if s.band.is_some() {
        keys.push((
            theme::WITH.gamma_multiply(0.4),
            Key::Area,
            "95% interval (with programmes)".to_string(),
        ));
    }
    keys.push((theme::BASELINE, Key::Line, "planning date".to_string()));
    keys.push((Color32::GRAY, Key::Dotted, "measurement period".to_string()));
    legend_below(ui, &keys);
}

/// How a legend entry's swatch is drawn.
#[derive(Clone, Copy)]
pub enum Key {
    Line,
    Dashed,
    Dotted,
    Area,
    Dot,
}

/// A legend in a row (wrapping) under a chart, so that it never covers data: a swatch drawn
/// like the series, then its name.
pub fn legend_below(ui: &mut Ui, keys: &[(Color32, Key, String)]) {
    ui.horizontal_wrapped(|ui| {
        for (colour, key, name) in keys {
            // A swatch stays with its name and a name is never broken across lines: when the
            // entry does not fit in what is left of the row, it starts the next row.
            let galley = egui::WidgetText::from(egui::RichText::new(name).small()).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Small,
            );
            // The swatch grows with the text (slides on a 4K screen), 24×12 at the app's size.
            let sh = (galley.size().y * 0.55).max(12.0).round();
            let sw = 2.0 * sh;
            let entry = sw + 2.0 * ui.spacing().item_spacing.x + galley.size().x;
            let left = ui.max_rect().right() - ui.cursor().left();
            if entry > left && ui.cursor().left() > ui.max_rect().left() + 1.0 {
                ui.end_row();
            }
            let (rect, _) = ui.allocate_exact_size(egui::vec2(sw, sh), egui::Sense::hover());
            let painter = ui.painter();
            let y = rect.center().y;
            let stroke = egui::Stroke::new(2.5, *colour);
            match key {
                Key::Line => {
                    painter.line_segment(
                        [egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)],
                        stroke,
                    );
                }
                Key::Dashed | Key::Dotted => {
                    let (dash, gap) = if matches!(key, Key::Dashed) {
                        (6.0, 3.0)
                    } else {
                        (2.0, 3.0)
                    };
                    let mut x = rect.left();
                    while x < rect.right() {
                        let end = (x + dash).min(rect.right());
                        painter.line_segment([egui::pos2(x, y), egui::pos2(end, y)], stroke);
                        x = end + gap;
                    }
                }
                Key::Area => {
                    painter.rect_filled(rect.shrink2(egui::vec2(0.0, 1.0)), 2.0, *colour);
                }
                Key::Dot => {
                    painter.circle_filled(rect.center(), 4.5, *colour);
                }
            }
            ui.add(egui::Label::new(galley));
            ui.add_space(10.0);
        }
    });
}

/// A named line: (name, points, colour, dashed).
pub type Series = (String, Vec<(f64, f64)>, Color32, bool);

/// Several labelled lines on one chart (compare screen, overview trend).
pub fn lines(ui: &mut Ui, id: &str, y_label: &str, series: &[Series], height: f32) {
    fixed_plot(id, height)
        .x_axis_label("year")
        .y_axis_label(y_label.to_string())
        .show(ui, |p| {
            for (name, v, c, dashed) in series {
                let pts = PlotPoints::from(v.iter().map(|(x, y)| [*x, *y]).collect::<Vec<_>>());
                let mut l = Line::new(name.clone(), pts).color(*c).width(2.5);
                if *dashed {
                    l = l.style(LineStyle::dashed_loose());
                }
                p.line(l);
            }
        });
    let keys: Vec<(Color32, Key, String)> = series
        .iter()
        .map(|(name, _, c, dashed)| {
            (
                *c,
                if *dashed { Key::Dashed } else { Key::Line },
                name.clone(),
            )
        })
        .collect();
    legend_below(ui, &keys);
}

/// Ranked horizontal bars, first item at the top, one colour, no legend: the heading above
/// the chart and the axis label say what the bars are, so nothing is drawn over the data.
/// `items` are (name, value).
pub fn ranked_bars(ui: &mut Ui, id: &str, items: &[(String, f64)], axis: &str, height: f32) {
    let items: Vec<(String, f64, Color32)> = items
        .iter()
        .map(|(name, v)| (name.clone(), *v, theme::LOCAL))
        .collect();
    horizontal_bars(ui, id, "", &items, axis.to_string(), height);
}

/// One row of a ranked interval chart: a name, the point estimate (none when it is not
/// published), its interval and the colour of the interval.
pub struct Interval {
    pub name: String,
    pub value: Option<f64>,
    pub lower: f64,
    pub upper: f64,
    pub colour: Color32,
}

/// Ranked confidence intervals (a forest plot), first item at the top: each interval a thin
/// horizontal bar from its lower to its upper limit (the horizontal bars' category axis, so
/// every name is drawn), the estimate a dot on it; no legend (the heading and the note under
/// the chart say what the colours mean). The value axis spans the limits, not zero: life
/// expectancies of 70–85 years drawn from zero would hide every difference.
pub fn ranked_intervals(ui: &mut Ui, id: &str, items: &[Interval], axis: &str, height: f32) {
    let n = items.len();
    let labels: Vec<String> = items.iter().map(|i| i.name.clone()).collect();
    let y = |i: usize| (n - 1 - i) as f64;
    let bars: Vec<Bar> = items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            Bar::new(y(i), it.upper - it.lower)
                .base_offset(it.lower)
                .name(&it.name)
                .fill(it.colour.gamma_multiply(0.55))
                .stroke(egui::Stroke::new(1.0, it.colour))
                .width(0.35)
        })
        .collect();
    let dots: Vec<[f64; 2]> = items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| it.value.map(|v| [v, y(i)]))
        .collect();
    let lo = items.iter().map(|i| i.lower).fold(f64::INFINITY, f64::min);
    let hi = items
        .iter()
        .map(|i| i.upper)
        .fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo, hi)
    } else {
        (0.0, 1.0)
    };
    let pad = ((hi - lo) * 0.05).max(0.1);
    // The dots in the text colour: visible on the light and the dark theme.
    let dot = ui.visuals().strong_text_color();
    fixed_plot(id, height)
        .show_grid([true, false])
        .include_x(lo - pad)
        .include_x(hi + pad)
        .include_y(-0.6)
        .include_y(n as f64 - 0.4)
        .x_axis_label(axis.to_string())
        .y_axis_formatter(move |m: GridMark, _r: &RangeInclusive<f64>| {
            let i = m.value.round();
            if (m.value - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < labels.len() {
                labels[labels.len() - 1 - i as usize].clone()
            } else {
                String::new()
            }
        })
        .y_axis_min_width(170.0)
        .y_grid_spacer(category_marks(n))
        .x_grid_spacer(value_marks)
        .x_axis_formatter(|m: GridMark, _r: &RangeInclusive<f64>| {
            format!("{}", (m.value * 1000.0).round() / 1000.0)
        })
        .show(ui, |p| {
            p.bar_chart(
                BarChart::new("95% interval", bars)
                    .horizontal()
                    .allow_hover(!presenting()),
            );
            p.points(
                Points::new("estimate", PlotPoints::from(dots))
                    .color(dot)
                    .radius(3.5),
            );
        });
}

/// A rate target's countdown (per 100,000): the baseline and base-period rates, the required
/// straight-line path, and the projection without and with the programmes by year. The legend
/// is drawn under the chart, never over the lines (`rate_legend`).
pub fn rate_countdown(
    ui: &mut Ui,
    id: &str,
    c: &lifegap_core::model::dsr::countdown::RateCountdown,
    base_mid: f64,
    height: f32,
) {
    let m = &c.milestone;
    let t = &m.target;
    let (b_mid, t_mid) = (t.baseline_period.mid(), t.target_period.mid());
    let mut required = vec![[b_mid, m.baseline.area], [t_mid, m.required_rate]];
    // A target on the gap (AAACM) moves with England's projected rate: its required path is
    // the countdown's, year by year, after the baseline.
    if t.gap_only() {
        required.truncate(1);
        required.extend(c.path.iter().map(|y| [f64::from(y.year) + 0.5, y.required]));
    } else if let Some(last) = c.path.last() {
        let end = f64::from(last.year) + 0.5;
        if end > t_mid {
            required.push([end, m.required_rate]);
        }
    }
    let by_year = |f: fn(&lifegap_core::model::dsr::countdown::RateYear) -> f64| {
        PlotPoints::from(
            c.path
                .iter()
                .map(|y| [f64::from(y.year) + 0.5, f(y)])
                .collect::<Vec<_>>(),
        )
    };
    Plot::new(id.to_string())
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(!presenting())
        .show_y(!presenting())
        .x_axis_label("year")
        .y_axis_label("per 100,000")
        .show(ui, |p| {
            p.line(
                Line::new("required path", PlotPoints::from(required))
                    .color(theme::REQUIRED)
                    .style(LineStyle::dashed_loose())
                    .width(2.0),
            );
            p.points(
                Points::new(
                    "baseline and data",
                    PlotPoints::from(vec![[b_mid, m.baseline.area], [base_mid, m.base_rate]]),
                )
                .color(theme::LOCAL)
                .radius(4.0),
            );
            p.line(
                Line::new("without programmes", by_year(|y| y.without))
                    .color(theme::WITHOUT)
                    .width(2.0),
            );
            p.line(
                Line::new("with programmes", by_year(|y| y.with))
                    .color(theme::WITH)
                    .width(3.0),
            );
        });
    rate_legend(ui);
}

/// The rate countdown's legend, in a row under the chart.
pub fn rate_legend(ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        for (colour, text) in [
            (theme::LOCAL, "● baseline and base-period data"),
            (theme::REQUIRED, "– – required path"),
            (theme::WITHOUT, "—— projected without programmes"),
            (theme::WITH, "—— projected with programmes"),
        ] {
            ui.add(egui::Label::new(egui::RichText::new(text).color(colour).small()).extend());
            ui.add_space(8.0);
        }
    });
}

/// A tornado of the drivers of a milestone's uncertainty: one row per parameter, strongest
/// first, its rank correlation with meeting the milestone as a bar from the centre line (right
/// and in the "with programmes" colour when a higher draw helps, left and grey when it hurts),
/// the parameter named in full beside it (no axis to clip long names). Hover gives the value.
/// A row standing for one published source drawn once for several parameters (CTT for both
/// statin programmes) is named for the source with what it drives in a small line under it
/// (`drives`, empty for a row of one parameter).
pub fn tornado(ui: &mut Ui, id: &str, drivers: &[(String, String, f64)]) {
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let bar_w = (ui.available_width() * 0.35).clamp(140.0, 420.0);
    // The names take the rest of the width and wrap there, so a long source's citation or
    // what it drives never pushes the bars (and the axis' "+1 helps") out of the window.
    let name_w = (ui.available_width() - bar_w - 16.0).max(200.0);
    egui::Grid::new(id)
        .num_columns(2)
        .spacing([12.0, 2.0])
        .show(ui, |ui| {
            for (name, drives, rho) in drivers {
                let way = if *rho >= 0.0 { "helps" } else { "hurts" };
                // A vertical cell of a fixed width (a grid's own cells would wrap to its
                // narrowest column).
                ui.vertical(|ui| {
                    ui.set_width(name_w);
                    ui.add(egui::Label::new(name.as_str()).wrap())
                        .accessible_name(format!("{name}: {rho:+.2}, a higher value {way}"));
                    if !drives.is_empty() {
                        ui.add(
                            egui::Label::new(
                                egui::RichText::new(format!("drives {drives}"))
                                    .small()
                                    .weak(),
                            )
                            .wrap(),
                        );
                    }
                });
                let (rect, resp) =
                    ui.allocate_exact_size(egui::vec2(bar_w, row_h), egui::Sense::hover());
                let p = ui.painter_at(rect);
                let mid = rect.center().x;
                let half = rect.width() / 2.0 - 2.0;
                let x = mid + (rho.clamp(-1.0, 1.0) as f32) * half;
                let bar = egui::Rect::from_x_y_ranges(
                    mid.min(x)..=mid.max(x),
                    (rect.top() + 3.0)..=(rect.bottom() - 3.0),
                );
                let fill = if *rho >= 0.0 {
                    theme::WITH
                } else {
                    theme::WITHOUT
                };
                p.rect_filled(bar, 1.0, fill);
                p.line_segment(
                    [egui::pos2(mid, rect.top()), egui::pos2(mid, rect.bottom())],
                    egui::Stroke::new(1.0, ui.visuals().text_color()),
                );
                resp.on_hover_text(format!(
                    "{name}: rank correlation {rho:+.2} with meeting the milestone ({})",
                    if *rho >= 0.0 {
                        "a higher value helps"
                    } else {
                        "a higher value hurts"
                    }
                ));
                ui.end_row();
            }
            ui.label("");
            ui.horizontal(|ui| {
                ui.set_width(bar_w);
                ui.small("hurts  −1");
                ui.add_space((bar_w - 120.0).max(0.0));
                ui.small("+1  helps");
            });
            ui.end_row();
        });
}

/// The gap by cause and age together (`views::CauseAge`): a stacked bar per age band, a
/// segment per cause group in its group colour, read out on hover in life-expectancy time;
/// the axis in months of life expectancy, the legend under the chart.
pub fn cause_age(ui: &mut Ui, id: &str, c: &lifegap_report::views::CauseAge, height: f32) {
    use lifegap_report::views;
    const MONTHS: f64 = 12.0;
    let bars: Vec<Bar> = c
        .segments()
        .iter()
        .map(|s| {
            Bar::new(s.band as f64, s.value * MONTHS)
                .base_offset(s.base * MONTHS)
                .name(views::segment_text(c, s))
                .fill(theme::group_colour(&c.groups[s.group]))
                .stroke(egui::Stroke::NONE)
                .width(0.8)
        })
        .collect();
    let n = c.bands.len();
    // The axis names each band by its first age ("65" for 65-69, "90+"): twenty full labels
    // do not fit under the bars; the hover read-out gives the band in full.
    let labels: Vec<String> = c
        .bands
        .iter()
        .map(|b| b.split(['-', '–']).next().unwrap_or(b).to_string())
        .collect();
    let (lo, hi) = c.range();
    fixed_plot(id, height)
        .show_grid([false, true])
        .include_y(lo * MONTHS * 1.1)
        .include_y(hi * MONTHS * 1.1)
        .x_grid_spacer(category_marks(n))
        .y_grid_spacer(value_marks)
        .y_axis_label("months of life expectancy")
        .x_axis_label("age at the start of the band")
        .x_axis_formatter(move |m: GridMark, _r: &RangeInclusive<f64>| {
            let i = m.value.round();
            if (m.value - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < labels.len() {
                labels[i as usize].clone()
            } else {
                String::new()
            }
        })
        .show(ui, |p| {
            p.bar_chart(
                BarChart::new("gap by cause and age", bars)
                    .allow_hover(!presenting())
                    // The segment's own read-out (its name), not egui_plot's "x, y".
                    .element_formatter(Box::new(|b: &Bar, _| b.name.clone())),
            );
            p.hline(HLine::new("", 0.0).color(Color32::GRAY).width(1.0));
        });
    let keys: Vec<(Color32, Key, String)> = c
        .groups
        .iter()
        .map(|g| {
            (
                theme::group_colour(g),
                Key::Area,
                views::group_label(g).to_string(),
            )
        })
        .collect();
    legend_below(ui, &keys);
}
