//! Charts drawn with egui_plot. Interaction (zoom, drag, scroll) is off so slides and
//! screenshots show exactly the bounds chosen here.

use super::theme;
use egui::{Color32, Ui};
use egui_plot::{
    Bar, BarChart, Corner, FilledArea, GridInput, GridMark, HLine, Legend, Line, LineStyle, Plot,
    PlotPoints, Points, Text, VLine,
};
use lifegap_report::views::Countdown;
use std::ops::RangeInclusive;

/// A plot with interaction turned off.
pub fn fixed_plot(id: &str, height: f32) -> Plot<'static> {
    Plot::new(id.to_string())
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .legend(Legend::default().position(Corner::LeftTop))
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
    let unit = unit.to_string();
    fixed_plot(id, height)
        .show_grid([true, false])
        .include_x(min * 1.1)
        .include_x(max * 1.15)
        .include_y(-0.6)
        .include_y(n as f64 - 0.4)
        .x_axis_label(format!("{title} ({unit})"))
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
        .legend(Legend::default().position(Corner::RightBottom))
        .show(ui, |p| {
            p.bar_chart(
                BarChart::new(title, bars)
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
    // The lower right is empty on every countdown: projections sit high on the right (a
    // widening gap, or a rising life expectancy) and the required path runs to the target.
    fixed_plot(id, height)
        .legend(Legend::default().position(Corner::RightBottom))
        .x_axis_label("year")
        .y_axis_label(y_label)
        .include_y(s.target)
        .include_x(s.period.1 + 0.5)
        .show(ui, |p| {
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
}

/// A named line: (name, points, colour, dashed).
pub type Series = (String, Vec<(f64, f64)>, Color32, bool);

/// Several labelled lines on one chart (compare screen, overview trend).
pub fn lines(ui: &mut Ui, id: &str, y_label: &str, series: &[Series], height: f32) {
    fixed_plot(id, height)
        .legend(Legend::default().position(Corner::RightBottom))
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
}

/// Ranked horizontal bars, first item at the top, one colour, no legend: the heading above
/// the chart and the axis label say what the bars are, so nothing is drawn over the data.
/// `items` are (name, value).
pub fn ranked_bars(ui: &mut Ui, id: &str, items: &[(String, f64)], axis: &str, height: f32) {
    let n = items.len();
    let labels: Vec<String> = items.iter().map(|(l, _)| l.clone()).collect();
    let bars: Vec<Bar> = items
        .iter()
        .enumerate()
        .map(|(i, (label, v))| {
            Bar::new((n - 1 - i) as f64, *v)
                .name(label)
                .fill(theme::LOCAL)
                .width(0.7)
        })
        .collect();
    let max = items.iter().map(|(_, v)| *v).fold(0.0, f64::max).max(1e-6);
    let min = items.iter().map(|(_, v)| *v).fold(0.0, f64::min);
    Plot::new(id.to_string())
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .show_grid([true, false])
        .include_x(min * 1.1)
        .include_x(max * 1.1)
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
                BarChart::new("", bars)
                    .horizontal()
                    .allow_hover(!presenting()),
            );
            p.vline(VLine::new("", 0.0).color(Color32::GRAY).width(1.0));
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
    if let Some(last) = c.path.last() {
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
            (theme::REQUIRED, "– – required straight-line path"),
            (theme::WITHOUT, "—— projected without programmes"),
            (theme::WITH, "—— projected with programmes"),
        ] {
            ui.add(egui::Label::new(egui::RichText::new(text).color(colour).small()).extend());
            ui.add_space(8.0);
        }
    });
}
