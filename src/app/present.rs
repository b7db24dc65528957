//! Presentation mode: full-screen slides built from the current scenario for partnership
//! boards — large type, high contrast, one message per slide with a title that states the
//! finding. Arrow keys / Page Up / Page Down move, Esc leaves; the programmes slide keeps its
//! sliders live so a board can ask "what if we doubled stop-smoking capacity?".
//!
//! Fullscreen is borderless on the monitor the window is on (Linux fullscreen has open bugs
//! with exclusive modes); "present on the next screen" moves the window one monitor-width to
//! the right first, which is where a projector usually extends the desktop.

use super::command::Command;
use super::screens::ScreenCx;
use super::{LifegapApp, charts, theme};
use egui::{Color32, FontId, Key, RichText, TextStyle, Ui};
use lifegap_core::model::area::Sex;
use lifegap_report::format as f;
use lifegap_report::views;

/// Where to present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Monitor {
    #[default]
    ThisScreen,
    NextScreen,
    PreviousScreen,
}

impl Monitor {
    pub const ALL: [Monitor; 3] = [
        Monitor::ThisScreen,
        Monitor::NextScreen,
        Monitor::PreviousScreen,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Monitor::ThisScreen => "this screen",
            Monitor::NextScreen => "the screen to the right (projector)",
            Monitor::PreviousScreen => "the screen to the left",
        }
    }
}

/// A slide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
    Gap,
    Causes(Sex),
    /// The gap by cause and age together (stacked bars by age band).
    CauseAge(Sex),
    Programmes,
    Countdown(usize),
    /// A saved SII milestone's countdown (`screens::sii_countdown`).
    SiiCountdown(usize),
    /// What it would take to meet a milestone the plan misses (`present_seek`).
    WhatItTakes(usize),
    Delivery(usize),
    /// The PSA-era mortality rates (DSRs) of the sex shown.
    Mortality(Sex),
    /// Delivery against the plan, when actuals are loaded (`present_more`).
    Monitoring,
    /// Raising the practices, when a practice list is loaded (`present_more`).
    Practices,
}

pub struct Presentation {
    pub slide: usize,
    /// Window position to go back to afterwards.
    restore: Option<egui::Pos2>,
    started: bool,
}

/// The slides for the current scenario.
pub fn slides(app: &LifegapApp) -> Vec<Slide> {
    let Some(doc) = &app.doc else {
        return Vec::new();
    };
    let sex = app.view.sex;
    let mut v = vec![
        Slide::Gap,
        Slide::Causes(sex),
        Slide::CauseAge(sex),
        Slide::Programmes,
    ];
    v.extend((0..doc.scenario.milestones.len()).map(Slide::Countdown));
    v.extend(
        super::screens::sii_countdown::of_sex(&doc.scenario.sii_milestones, sex)
            .into_iter()
            .map(Slide::SiiCountdown),
    );
    // What it would take, for each milestone of the sex shown that the plan misses.
    if let Some(r) = doc.current_results() {
        v.extend(
            r.milestones
                .iter()
                .enumerate()
                .filter(|(_, m)| m.result.sex == sex && m.result.shortfall_with > 0.0)
                .map(|(i, _)| Slide::WhatItTakes(i)),
        );
    }
    if let Some(i) = doc.scenario.milestones.iter().position(|m| m.sex == sex) {
        v.push(Slide::Delivery(i));
    }
    v.push(Slide::Mortality(sex));
    if app.view.actuals.is_some() {
        v.push(Slide::Monitoring);
    }
    if app.view.practices.is_some() {
        v.push(Slide::Practices);
    }
    v
}

impl LifegapApp {
    pub fn start_presentation(&mut self, ctx: &egui::Context) {
        if self.doc.is_none() {
            return;
        }
        let (outer, monitor) = ctx.input(|i| (i.viewport().outer_rect, i.viewport().monitor_size));
        let restore = outer.map(|r| r.min);
        let dx = monitor.map_or(0.0, |m| m.x);
        match self.present_on {
            Monitor::ThisScreen => {}
            Monitor::NextScreen | Monitor::PreviousScreen => {
                let sign = if self.present_on == Monitor::NextScreen {
                    1.0
                } else {
                    -1.0
                };
                let from = restore.unwrap_or_default();
                ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::pos2(
                    from.x + sign * dx,
                    from.y,
                )));
            }
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        self.present = Some(Presentation {
            slide: 0,
            restore,
            started: true,
        });
    }

    pub fn stop_presentation(&mut self, ctx: &egui::Context) {
        if let Some(p) = self.present.take() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            if p.started
                && self.present_on != Monitor::ThisScreen
                && let Some(pos) = p.restore
            {
                ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(pos));
            }
        }
    }
}

/// Draw the current slide; handles navigation keys. Slides edit the scenario like screens do
/// (live sliders) and return commands.
pub fn draw(app: &mut LifegapApp, ui: &mut Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    let ctx = ui.ctx().clone();
    let all = slides(app);
    let n = all.len().max(1);
    let (next, prev, leave, home, end) = ctx.input_mut(|i| {
        let next = i.consume_key(egui::Modifiers::NONE, Key::ArrowRight)
            | i.consume_key(egui::Modifiers::NONE, Key::PageDown)
            | i.consume_key(egui::Modifiers::NONE, Key::Space);
        let prev = i.consume_key(egui::Modifiers::NONE, Key::ArrowLeft)
            | i.consume_key(egui::Modifiers::NONE, Key::PageUp);
        let leave = i.consume_key(egui::Modifiers::NONE, Key::Escape);
        let home = i.consume_key(egui::Modifiers::NONE, Key::Home);
        let end = i.consume_key(egui::Modifiers::NONE, Key::End);
        (next, prev, leave, home, end)
    });
    if leave {
        return vec![Command::StopPresenting];
    }
    if let Some(p) = &mut app.present {
        if next {
            p.slide = (p.slide + 1).min(n - 1);
        }
        if prev {
            p.slide = p.slide.saturating_sub(1);
        }
        if home {
            p.slide = 0;
        }
        if end {
            p.slide = n - 1;
        }
        p.slide = p.slide.min(n - 1);
    }
    let idx = app.present.as_ref().map_or(0, |p| p.slide);
    let bg = theme::c(lifegap_report::palette::SLIDE_BG);
    // Slides are laid out for a 1280×800 screen and scale with the display's height, so
    // a title reads the same from the back of the room on a laptop and on a 4K projector.
    // A 4:3 display is narrower for its height than 1280×800, so the width bounds it too.
    let screen = ui.ctx().content_rect().size();
    let k = (screen.y / 800.0).min(screen.x / 1280.0).clamp(0.75, 3.0);
    egui::CentralPanel::default()
        .frame(egui::Frame::new().fill(bg).inner_margin((40.0 * k).round()))
        .show(ui, |ui| {
            let style = ui.style_mut();
            style.visuals = egui::Visuals::dark();
            style.visuals.panel_fill = bg;
            style.visuals.extreme_bg_color = Color32::from_rgb(24, 28, 36);
            style.visuals.override_text_color = Some(Color32::WHITE);
            for (ts, size) in [
                (TextStyle::Heading, 40.0),
                (TextStyle::Body, 24.0),
                (TextStyle::Button, 22.0),
                (TextStyle::Small, 18.0),
                (TextStyle::Monospace, 22.0),
            ] {
                style.text_styles.insert(ts, FontId::proportional(size * k));
            }
            style.spacing.slider_width = (200.0 * k).round();
            // Whole points everywhere, so nothing is drawn between pixels.
            let round = |v: egui::Vec2| (v * k).round();
            style.spacing.interact_size = round(style.spacing.interact_size);
            style.spacing.item_spacing = round(style.spacing.item_spacing);
            style.spacing.button_padding = round(style.spacing.button_padding);
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{} / {}", idx + 1, n)).small());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Leave (Esc)").clicked() {
                        commands.push(Command::StopPresenting);
                    }
                    if ui.button("Next ▶").clicked()
                        && let Some(p) = &mut app.present
                    {
                        p.slide = (p.slide + 1).min(n - 1);
                    }
                    if ui.button("◀ Back").clicked()
                        && let Some(p) = &mut app.present
                    {
                        p.slide = p.slide.saturating_sub(1);
                    }
                });
            });
            if let Some(slide) = all.get(idx).copied()
                && let Some(doc) = &mut app.doc
            {
                let mut cx = doc.screen_cx(&mut app.view, &mut commands);
                charts::set_presenting(true);
                draw_slide(ui, &mut cx, slide, k);
                charts::set_presenting(false);
            }
        });
    commands
}

pub(super) fn title(ui: &mut Ui, text: &str, k: f32) {
    ui.add_space((10.0 * k).round());
    ui.label(RichText::new(text).heading().strong().color(Color32::WHITE));
    ui.add_space((16.0 * k).round());
}

/// The mortality slide: one finding (the measure where the area is furthest above its
/// comparator) and the three rates, from `lifegap_core::model::dsr` as `lifegap dsr` prints
/// them (ESP 1976).
fn mortality_slide(ui: &mut Ui, cx: &ScreenCx, sx: Sex, k: f32) {
    use lifegap_core::model::dsr::{Measure, Standard, rate_gap};
    let s = &cx.scenario;
    let rows: Vec<_> = Measure::ALL
        .iter()
        .filter_map(|&m| {
            rate_gap(
                cx.data,
                &s.area,
                &s.comparator,
                sx,
                m,
                Standard::Esp1976,
                0.95,
            )
            .ok()
        })
        .collect();
    let worst = rows
        .iter()
        .filter_map(|r| r.relative().map(|x| (r, x)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let t = match worst {
        Some((r, x)) if x > 0.0 => format!(
            "{} in {}: {} is {:.0}% above {}'s",
            sx.plural_label(),
            s.area,
            r.measure.label().to_lowercase(),
            x * 100.0,
            s.comparator
        ),
        _ => format!(
            "{} in {}: mortality rates at or below {}",
            sx.plural_label(),
            s.area,
            s.comparator
        ),
    };
    title(ui, &t, k);
    egui::Grid::new("slide-mortality")
        .spacing([(48.0 * k).round(), (20.0 * k).round()])
        .show(ui, |ui| {
            for h in ["", s.area.as_str(), s.comparator.as_str(), "Gap"] {
                ui.label(RichText::new(h).size((26.0 * k).round()));
            }
            ui.end_row();
            for r in &rows {
                ui.label(RichText::new(r.measure.label()).size((26.0 * k).round()));
                ui.label(
                    RichText::new(format!("{:.1}", r.area.value))
                        .size((40.0 * k).round())
                        .strong(),
                );
                ui.label(
                    RichText::new(format!("{:.1}", r.comparator.value))
                        .size((40.0 * k).round())
                        .strong(),
                );
                ui.label(
                    RichText::new(format!("{:+.1}", r.absolute()))
                        .size((40.0 * k).round())
                        .strong()
                        .color(theme::REQUIRED),
                );
                ui.end_row();
            }
        });
    ui.add_space((20.0 * k).round());
    ui.label(format!(
        "Directly standardised rates per 100,000, European Standard Population 1976, {}.",
        s.base_period
    ));
    if cx.data.provenance.synthetic {
        ui.label(
            RichText::new("SYNTHETIC DEMONSTRATION DATA")
                .color(theme::c(lifegap_report::palette::SLIDE_WARNING))
                .strong(),
        );
    }
}

/// `k` scales every size written here (fonts, spacing, fixed widths) with the display.
fn draw_slide(ui: &mut Ui, cx: &mut ScreenCx, slide: Slide, k: f32) {
    let sex = cx.sex();
    let s = cx.scenario.clone();
    match slide {
        Slide::Mortality(sx) => mortality_slide(ui, cx, sx, k),
        Slide::Monitoring => super::present_more::monitoring_slide(ui, cx),
        Slide::WhatItTakes(i) => super::present_seek::slide(ui, cx, i, k),
        Slide::Practices => super::present_more::practices_slide(ui, cx),
        Slide::Gap => {
            let t = cx
                .base_for(sex)
                .map(|b| views::findings::gap(&s, sex, b.local.e0(), b.comparator.e0()))
                .unwrap_or_default();
            title(ui, &t, k);
            egui::Grid::new("slide-gap")
                .spacing([(60.0 * k).round(), (24.0 * k).round()])
                .show(ui, |ui| {
                    ui.label("");
                    ui.label(RichText::new(&s.area).size((30.0 * k).round()));
                    ui.label(RichText::new(&s.comparator).size((30.0 * k).round()));
                    ui.label(RichText::new("Gap").size((30.0 * k).round()));
                    ui.end_row();
                    for x in Sex::BOTH {
                        if let Some(b) = cx.base_for(x) {
                            ui.label(RichText::new(x.plural_label()).size((30.0 * k).round()));
                            ui.label(
                                RichText::new(f::years(b.local.e0()))
                                    .size((56.0 * k).round())
                                    .strong(),
                            );
                            ui.label(
                                RichText::new(f::years(b.comparator.e0()))
                                    .size((56.0 * k).round())
                                    .strong(),
                            );
                            ui.label(
                                RichText::new(f::years(b.comparator.e0() - b.local.e0()))
                                    .size((56.0 * k).round())
                                    .strong()
                                    .color(theme::REQUIRED),
                            );
                            ui.end_row();
                        }
                    }
                });
            ui.add_space((20.0 * k).round());
            ui.label(format!(
                "Life expectancy at birth, {} (years).",
                s.base_period
            ));
            if cx.data.provenance.synthetic {
                ui.label(
                    RichText::new("SYNTHETIC DEMONSTRATION DATA")
                        .color(theme::c(lifegap_report::palette::SLIDE_WARNING))
                        .strong(),
                );
            }
        }
        Slide::Causes(sx) => {
            let Some(dec) = cx.base_for(sx).and_then(|b| b.decomposition.clone()) else {
                return;
            };
            let bars = views::gap_by_cause(&dec);
            title(ui, &views::findings::causes(&bars, sx), k);
            let items: Vec<(String, f64, Color32)> = bars
                .iter()
                .map(|b| (b.label.clone(), b.value, theme::group_colour(&b.key)))
                .collect();
            let h = ui.available_height() - (20.0 * k).round();
            charts::contribution_bars(
                ui,
                "slide-causes",
                "contribution to the gap",
                &items,
                "years",
                h.max((300.0 * k).round()),
            );
        }
        Slide::CauseAge(sx) => {
            let Some(c) = cx
                .base_for(sx)
                .and_then(|b| b.decomposition.as_ref())
                .and_then(views::gap_by_cause_age)
            else {
                return;
            };
            title(
                ui,
                &format!(
                    "Where the {}'s gap is: by age and cause",
                    sx.plural_label().to_lowercase()
                ),
                k,
            );
            // The legend's row under the chart takes about two lines of small text.
            let h = ui.available_height() - (80.0 * k).round();
            charts::cause_age(ui, "slide-cause-age", &c, h.max((300.0 * k).round()));
        }
        Slide::Programmes => {
            let t = cx
                .results()
                .map(|r| views::findings::programmes(r, sex))
                .unwrap_or_default();
            title(ui, &t, k);
            // One row per programme: its live slider, its credited gain and a bar of that gain,
            // so a board can ask "what if?" and see the answer on the same line.
            let gains: Vec<(String, f64)> = cx
                .results()
                .map(|r| {
                    r.programmes
                        .iter()
                        .map(|p| (p.id.clone(), p.gain[sex.index()]))
                        .collect()
                })
                .unwrap_or_default();
            let max = gains.iter().map(|g| g.1).fold(1e-9, f64::max);
            let total = cx
                .results()
                .map_or(0.0, |r| r.programme_totals().gain[sex.index()]);
            egui::Grid::new("slide-programmes")
                .spacing([(24.0 * k).round(), (10.0 * k).round()])
                .show(ui, |ui| {
                    ui.label(RichText::new("Programme").small());
                    ui.label(RichText::new("Scale (% of eligible)").small());
                    ui.label(
                        RichText::new(format!("Gain, {}", sex.plural_label().to_lowercase()))
                            .small(),
                    );
                    ui.label("");
                    ui.end_row();
                    for (j, p) in cx
                        .scenario
                        .programmes
                        .iter_mut()
                        .enumerate()
                        .filter(|(_, p)| p.enabled)
                    {
                        ui.label(RichText::new(&p.name).size((20.0 * k).round()));
                        let c = &mut p.coverage;
                        let mut pct = c.target * 100.0;
                        let r = ui
                            .add(
                                egui::Slider::new(&mut pct, c.baseline * 100.0..=c.max * 100.0)
                                    // Clamp and round only what the user edits: showing a value never changes it.
                                    .clamping(egui::SliderClamping::Edits)
                                    .suffix("%")
                                    .max_decimals(0),
                            )
                            .accessible_name(format!("{} scale", p.name));
                        if r.changed() {
                            c.set_target(pct / 100.0);
                        }
                        let g = gains.iter().find(|x| x.0 == p.id).map_or(0.0, |x| x.1);
                        ui.label(
                            RichText::new(f::life_time(g))
                                .size((22.0 * k).round())
                                .strong(),
                        );
                        let (rect, _) = ui.allocate_exact_size(
                            egui::vec2((100.0 * k).round(), (18.0 * k).round()),
                            egui::Sense::hover(),
                        );
                        let w = (g.max(0.0) / max * 100.0) as f32 * k;
                        ui.painter().rect_filled(
                            egui::Rect::from_min_size(rect.min, egui::vec2(w, (18.0 * k).round())),
                            2.0,
                            theme::series(j),
                        );
                        ui.end_row();
                    }
                    ui.label(RichText::new("All programmes").strong());
                    ui.label("");
                    ui.label(
                        RichText::new(f::life_time(total))
                            .size((22.0 * k).round())
                            .strong()
                            .color(theme::REQUIRED),
                    );
                    ui.end_row();
                });
        }
        Slide::Countdown(i) => {
            let Some(r) = cx.results() else { return };
            title(ui, &views::findings::countdown(r, i), k);
            if let Some(m) = r.milestones.get(i) {
                ui.horizontal(|ui| {
                    super::widgets::status_badge(ui, m.result.status, true);
                    ui.label(format!(
                        "required {}; projected {} without and {} with the programmes",
                        views::measure_text(m.result.measure, m.result.required),
                        views::measure_text(m.result.measure, m.result.without),
                        views::measure_text(m.result.measure, m.result.with)
                    ));
                });
                // ON TRACK on the central projection is not a promise: said with its chance.
                let chance = cx.uncertainty.and_then(|u| {
                    u.milestones
                        .iter()
                        .find(|x| x.label == m.result.label)
                        .map(|x| x.probability_met)
                });
                if let Some(c) = f::on_track_caveat(m.result.status, chance) {
                    ui.label(RichText::new(c).strong().color(theme::warning(ui)));
                }
            }
            let base = |sx| cx.base_for(sx).map(|b| (b.local.e0(), b.comparator.e0()));
            if let Some(cd) = views::countdown(&s, r, base, cx.uncertainty, i) {
                let h = ui.available_height() - (20.0 * k).round();
                charts::countdown(ui, "slide-countdown", &cd, h.max((300.0 * k).round()));
            }
        }
        Slide::SiiCountdown(i) => super::screens::sii_countdown::slide(ui, cx, i, k),
        Slide::Delivery(i) => {
            let Some(r) = cx.results() else { return };
            let Some(m) = r.milestones.get(i) else { return };
            title(
                ui,
                &format!(
                    "What we must deliver, quarter by quarter, for the {}",
                    m.result.label
                ),
                k,
            );
            let quarters: Vec<String> = {
                let mut q: Vec<String> = Vec::new();
                for d in &m.delivery {
                    if !q.contains(&d.quarter) && d.quarter.ends_with("Q4") {
                        q.push(d.quarter.clone());
                    }
                }
                q
            };
            egui::Grid::new("slide-delivery")
                .striped(true)
                .spacing([(30.0 * k).round(), (10.0 * k).round()])
                .show(ui, |ui| {
                    ui.label(RichText::new("Programme").strong());
                    for q in &quarters {
                        ui.label(RichText::new(format!("by {q}")).strong());
                    }
                    ui.end_row();
                    for p in s.programmes.iter().filter(|p| p.enabled) {
                        ui.label(&p.name);
                        for q in &quarters {
                            let d = m
                                .delivery
                                .iter()
                                .find(|d| d.programme == p.id && &d.quarter == q);
                            ui.label(
                                d.map(|d| f::count(d.planned_cumulative))
                                    .unwrap_or_default(),
                            );
                        }
                        ui.end_row();
                    }
                });
            ui.label(
                RichText::new("Cumulative people above the 2006-08 baseline, as planned.").small(),
            );
        }
    }
}
