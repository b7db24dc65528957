//! Countdown: for a milestone and sex, the gap (or life expectancy) by year with history, the
//! baseline, the required trajectory, the projection without and with programmes and its
//! uncertainty band, the target, a large countdown with its status, the quarterly delivery
//! milestones per programme, and "what does it take?".

use super::ScreenCx;
use crate::app::charts;
use crate::app::command::Command;
use crate::app::{theme, widgets};
use egui::{RichText, Ui};
use lifegap_core::model::area::Sex;
use lifegap_core::model::defaults;
use lifegap_core::model::goal_seek::answers::{answers, quick};
use lifegap_core::model::milestones::Measure;
use lifegap_core::model::scenario::{GapMeasure, Period, Target, Trend};
use lifegap_report::format as f;

/// A level of the milestone's measure in the board's units: a gap in the unit of the
/// required gap (`like`), "25.7 months" beside "20.5 months", as the Overview's cards read; a
/// life expectancy in years ("77.08 years"); a share in per cent. (Years at full precision
/// are in the CSV export and `lifegap run`.)
pub(crate) fn fmt_measure(m: Measure, v: f64, like: f64) -> String {
    match m {
        Measure::GapShare => f::percent(v),
        Measure::GapYears => f::life_time_as(v, like),
        Measure::LifeExpectancy => format!("{} years", f::gain(v)),
    }
}

/// What is still short, as a gain to find: "4.9 months", "8 weeks" (a life expectancy's
/// shortfall is a gain, not a level; gaps and shares read as their levels do).
pub(crate) fn fmt_shortfall(m: Measure, v: f64, like: f64) -> String {
    match m {
        Measure::LifeExpectancy => f::life_time(v),
        _ => fmt_measure(m, v, like),
    }
}

pub fn show(ui: &mut Ui, cx: &mut ScreenCx) {
    let sex = cx.sex();
    let s = &*cx.scenario;
    if s.milestones.is_empty() {
        ui.label("This scenario has no milestones yet: add one below.");
    }
    // Keep the chosen milestone in step with the sex toggle.
    let mut idx = cx.view.milestone.min(s.milestones.len().saturating_sub(1));
    if let Some(m) = s.milestones.get(idx)
        && m.sex != sex
        && let Some(j) = s
            .milestones
            .iter()
            .position(|x| x.sex == sex && x.name == m.name)
    {
        idx = j;
    }
    if s.milestones.get(idx).is_some_and(|m| m.sex != sex)
        && let Some(j) = s.milestones.iter().position(|x| x.sex == sex)
    {
        idx = j;
    }
    if !s.milestones.is_empty() {
        ui.horizontal(|ui| {
            ui.label("Milestone:");
            egui::ComboBox::from_id_salt("milestone-choice")
                .selected_text(s.milestones[idx].label())
                .show_ui(ui, |ui| {
                    for (j, m) in s.milestones.iter().enumerate() {
                        ui.selectable_value(&mut idx, j, m.label());
                    }
                })
                .response
                .accessible_name("Milestone");
        });
    }
    let shown_sex = s.milestones.get(idx).map(|m| m.sex);
    cx.view.milestone = idx;
    if let Some(sx) = shown_sex {
        cx.view.sex = sx;
    }
    let s = &*cx.scenario;
    // While the edits cannot be computed the last results stay up, marked, and only where
    // they still match a milestone by name.
    let results = cx.results();
    if cx.problem.is_some() {
        ui.colored_label(
            theme::warning(ui),
            "These are the results of the last settings that could be computed: fix the problem in the status bar.",
        );
    }
    let rep_of = |r: &'_ lifegap_core::model::results::ScenarioResults,
                  m: &lifegap_core::model::scenario::Milestone| {
        r.milestones
            .iter()
            .position(|x| x.result.label == m.label())
    };
    if let (Some(r), Some(m)) = (results, s.milestones.get(idx))
        && let Some(ridx) = rep_of(r, m)
    {
        let rep = &r.milestones[ridx];
        let x = &rep.result;
        let u = cx
            .uncertainty
            .and_then(|u| u.milestones.iter().find(|u| u.label == x.label));
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                let months = x.months_left;
                let big = if months >= 0 {
                    format!("{months} months to the end of {}", x.period.last)
                } else {
                    format!("The {} data period ended {} months ago", x.period, -months)
                };
                ui.label(RichText::new(big).size(30.0).strong())
                    .accessible_name(format!("Countdown: {months} months"));
                ui.label(format!(
                    "from the planning date {} to the end of the {} measurement period",
                    r.as_of, x.period
                ));
            });
            ui.add_space(20.0);
            ui.vertical(|ui| {
                widgets::status_badge(ui, x.status, true);
                if let Some(c) = f::on_track_caveat(x.status, u.map(|u| u.probability_met)) {
                    ui.colored_label(theme::warning(ui), c);
                }
            });
        });
        let what = match x.measure {
            Measure::GapYears => "gap".to_string(),
            Measure::GapShare => format!("gap as a share of {}'s life expectancy", s.comparator),
            Measure::LifeExpectancy => "life expectancy".to_string(),
        };
        ui.horizontal_wrapped(|ui| {
            // Figures in months are wider than their captions: space them apart.
            ui.spacing_mut().item_spacing.x = 24.0;
            widgets::figure(
                ui,
                &format!("Required {what}"),
                &fmt_measure(x.measure, x.required, x.required),
            );
            widgets::figure(
                ui,
                "Projected without programmes",
                &fmt_measure(x.measure, x.without, x.required),
            );
            widgets::figure(
                ui,
                "Projected with programmes",
                &fmt_measure(x.measure, x.with, x.required),
            );
            widgets::figure(
                ui,
                "Shortfall still to close",
                &fmt_shortfall(x.measure, x.shortfall_with, x.required),
            );
            widgets::figure(
                ui,
                "Share of shortfall closed",
                &x.share_of_shortfall_closed
                    .map(f::percent)
                    .unwrap_or_else(|| "met anyway".into()),
            );
        });
        // The uncertainty on a row of its own: a wrapped row of these figures left a tall
        // empty band at 1024 px (looked at under xvfb). No row while there is nothing to show.
        if u.is_some() || cx.view.mc_progress.is_some() {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 24.0;
                if let Some(u) = u {
                    widgets::figure(ui, "Chance of meeting it", &f::percent(u.probability_met));
                    widgets::figure(
                        ui,
                        "Gain, 95% interval",
                        &f::life_time_range(u.gain.low, u.gain.high),
                    );
                } else if cx.view.mc_progress.is_some() {
                    ui.spinner();
                    ui.label("working out the uncertainty…");
                }
            });
        }
        if let Some(u) = u
            && !u.drivers.is_empty()
        {
            // Closed by default so the countdown chart stays above the fold at 1280×800.
            egui::CollapsingHeader::new("What drives the uncertainty")
                .default_open(false)
                .show(ui, |ui| {
                ui.label(
                    RichText::new(
                        "Rank correlation of each parameter's draws with meeting the milestone (how far past or short of it the draw lands): the evidence worth firming up first.",
                    )
                    .small(),
                );
                let rows: Vec<(String, String, f64)> = u
                    .drivers
                    .iter()
                    .map(|d| (d.parameter.clone(), d.drives(), d.rank_correlation))
                    .collect();
                charts::tornado(ui, "drivers", &rows);
            });
        }
        england_line(ui, s, x);
        ui.label(RichText::new(format!(
            "Status: on track if the projection with programmes meets the milestone; at risk if it misses by up to {} years; off track otherwise.",
            s.status.at_risk_years
        )).small());

        // The chart.
        let base = |sx| cx.base_for(sx).map(|b| (b.local.e0(), b.comparator.e0()));
        if let Some(cs) = lifegap_report::views::countdown(s, r, base, cx.uncertainty, idx) {
            let h = charts::height_for(ui, 360.0);
            charts::countdown(ui, "countdown-chart", &cs, h);
        }

        let sim = cx.sim();
        let commands = &mut *cx.commands;
        ui.horizontal(|ui| {
            // The chance a board wants (kept for the session, not in the scenario).
            let chance_id = egui::Id::unique("countdown-seek-chance");
            let mut chance: f64 = ui.data_mut(|d| *d.get_temp_mut_or(chance_id, 80.0));
            let asked = ui
                .add_enabled(sim.is_some(), egui::Button::new("What does it take?"))
                .on_hover_text("Scale the enabled programmes together (to meet the central projection, and for the chance set beside), and find the cheapest mix")
                .clicked();
            ui.label("and for a chance of");
            if ui
                .add(
                    egui::DragValue::new(&mut chance)
                        .range(50.0..=99.0)
                        .speed(1.0)
                        .suffix("%"),
                )
                .accessible_name("Chance of meeting the milestone to seek")
                .changed()
            {
                ui.data_mut(|d| d.insert_temp(chance_id, chance));
            }
            if asked && let Some(sim) = sim {
                let answers = answers(sim, s, idx, chance / 100.0, quick(s.uncertainty))
                    .map(Box::new)
                    .map_err(|e| e.to_string());
                let programmes = s
                    .programmes
                    .iter()
                    .filter(|p| p.enabled)
                    .map(|p| (p.id.clone(), p.name.clone()))
                    .collect();
                commands.push(Command::ShowGoalSeek(answers, programmes));
            }
        });

        ui.add_space(10.0);
        ui.heading("Delivery milestones: people to reach by each quarter");
        ui.label(RichText::new(match rep.required_lambda {
            Some(l) => format!("Planned cumulative people above baseline, and (in brackets) what staying on course for this milestone needs: every programme {:.0}% of the way from baseline to its maximum.", l * 100.0),
            None => "Planned cumulative people above baseline. The milestone cannot be met even at every programme's maximum, so no required schedule is shown.".into(),
        }).small());
        let names: Vec<(String, String)> = s
            .programmes
            .iter()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect();
        delivery_table(ui, rep, &names);
    }
    super::sii_countdown::show(ui, cx);
    ui.add_space(12.0);
    edit_milestones(ui, cx);
    edit_trend(ui, cx);
}

/// The milestone in absolute terms: the local life expectancy it asks for with England where
/// the scenario's comparator path puts it (with Holt's 95% interval when England follows
/// Holt), and how much of the shortfall is England doing better than its own 2010 aim
/// (`model::england::side`; the same figures as `lifegap england`).
fn england_line(
    ui: &mut Ui,
    s: &lifegap_core::model::scenario::Scenario,
    x: &lifegap_core::model::milestones::MilestoneResult,
) {
    use lifegap_core::model::comparator_path::ComparatorPath;
    use lifegap_core::model::england::{aim_2010, side};
    use lifegap_core::model::normal::Z95;
    let e = side(x, &aim_2010()[x.sex.index()]);
    let interval = match &s.comparator_path {
        ComparatorPath::Holt { .. } => s
            .comparator_path
            .prepare(x.sex)
            .ok()
            .flatten()
            .map(|p| p.at(x.period.mid(), Z95))
            .filter(|f| f.upper > f.lower)
            .map(|f| {
                format!(
                    " (Holt's 95% interval {}–{})",
                    f::gain(f.lower),
                    f::gain(f.upper)
                )
            })
            .unwrap_or_default(),
        _ => String::new(),
    };
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 24.0;
        widgets::figure(
            ui,
            &format!("Required {} life expectancy", s.area),
            &format!("{} years", f::gain(e.required_local_e0)),
        );
        widgets::figure(
            ui,
            &format!("{} projected ({})", s.comparator, s.comparator_path.label()),
            &format!("{} years", f::gain(e.e0)),
        );
        widgets::figure(
            ui,
            &format!("{} above its own 2010 aim", s.comparator),
            &f::life_time(e.over_performance),
        );
        widgets::figure(
            ui,
            "Share of the shortfall that is England's over-performance",
            &e.share_of_shortfall
                .map(f::percent)
                .unwrap_or_else(|| "no shortfall".into()),
        );
    });
    ui.label(
        RichText::new(format!(
            "{} in {} needs a life expectancy of {} because {} is projected at {}{interval}; {} aimed for {} there.",
            s.area,
            x.period,
            f::gain(e.required_local_e0),
            s.comparator,
            f::gain(e.e0),
            s.comparator,
            f::gain(e.aim),
        ))
        .small(),
    );
}

fn doc_name<'a>(names: &'a [(String, String)], id: &'a str) -> &'a str {
    names
        .iter()
        .find(|(i, _)| i == id)
        .map(|(_, n)| n.as_str())
        .unwrap_or(id)
}

fn delivery_table(
    ui: &mut Ui,
    rep: &lifegap_core::model::results::MilestoneReport,
    names: &[(String, String)],
) {
    let mut quarters: Vec<String> = Vec::new();
    for q in &rep.delivery {
        if !quarters.contains(&q.quarter) {
            quarters.push(q.quarter.clone());
        }
    }
    let mut progs: Vec<String> = Vec::new();
    for q in &rep.delivery {
        if !progs.contains(&q.programme) {
            progs.push(q.programme.clone());
        }
    }
    egui::ScrollArea::horizontal()
        .id_salt("delivery-scroll")
        .show(ui, |ui| {
            egui::Grid::new("delivery").striped(true).show(ui, |ui| {
                ui.label(RichText::new("Programme").strong());
                for q in &quarters {
                    ui.label(RichText::new(q).strong());
                }
                ui.end_row();
                for p in &progs {
                    let name = doc_name(names, p);
                    ui.label(name);
                    for q in &quarters {
                        match rep
                            .delivery
                            .iter()
                            .find(|d| &d.programme == p && &d.quarter == q)
                        {
                            Some(d) => {
                                let planned = f::count(d.planned_cumulative);
                                let text = match d.required_cumulative {
                                    Some(r) => format!("{planned} ({})", f::count(r)),
                                    None => planned,
                                };
                                let colour = match d.required_cumulative {
                                    Some(r) if d.planned_cumulative + 0.5 < r => theme::warning(ui),
                                    _ => ui.visuals().text_color(),
                                };
                                let mut tip = format!(
                                    "Planned: {} above the base period by {q}",
                                    f::count(d.planned_cumulative)
                                );
                                if let Some(starts) = d.planned_starts {
                                    tip += &format!(
                                        " ({} starts, as some stop treatment)",
                                        f::count(starts)
                                    );
                                }
                                tip += &format!(
                                    "\nBusiness as usual would reach {} anyway (the trend contains it)",
                                    f::count(d.bau_cumulative)
                                );
                                if let Some(r) = d.required_cumulative {
                                    tip += &format!(
                                        "\nRequired for the milestone: {}",
                                        f::count(r)
                                    );
                                }
                                ui.label(RichText::new(text).color(colour))
                                    .on_hover_text(tip);
                            }
                            None => {
                                ui.label("");
                            }
                        }
                    }
                    ui.end_row();
                }
            });
        });
}

fn edit_milestones(ui: &mut Ui, cx: &mut ScreenCx) {
    let comparator = cx.scenario.comparator.clone();
    egui::CollapsingHeader::new("Edit milestones").show(ui, |ui| {
        let mut remove = None;
        egui::Grid::new("milestones-edit")
            .num_columns(5)
            .striped(true)
            .show(ui, |ui| {
                for h in ["Name", "Sex", "Measured on", "Target", ""] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for (j, m) in cx.scenario.milestones.iter_mut().enumerate() {
                    ui.add(egui::TextEdit::singleline(&mut m.name).desired_width(180.0))
                        .accessible_name(format!("Milestone {} name", j + 1));
                    egui::ComboBox::from_id_salt(("ms-sex", j))
                        .selected_text(m.sex.plural_label())
                        .show_ui(ui, |ui| {
                            for sx in lifegap_core::model::area::Sex::BOTH {
                                ui.selectable_value(&mut m.sex, sx, sx.plural_label());
                            }
                        })
                        .response
                        .accessible_name(format!("Milestone {} sex", j + 1));
                    let mut p = m.period.to_string();
                    if ui
                        .add(egui::TextEdit::singleline(&mut p).desired_width(80.0))
                        .accessible_name(format!("Milestone {} period", j + 1))
                        .changed()
                        && let Ok(np) = p.parse::<Period>()
                    {
                        m.period = np;
                    }
                    ui.horizontal(|ui| match &mut m.target {
                        Target::GapReduction {
                            baseline,
                            reduction,
                            measure,
                        } => {
                            ui.label("narrow the gap by");
                            let mut pct = *reduction * 100.0;
                            if ui
                                .add(egui::DragValue::new(&mut pct).range(0.0..=99.0).suffix("%"))
                                .accessible_name(format!("Milestone {} reduction", j + 1))
                                .changed()
                            {
                                *reduction = pct / 100.0;
                            }
                            ui.label(format!("from {baseline},"));
                            let relative = format!("relative gap (% of {comparator})");
                            egui::ComboBox::from_id_salt(("ms-measure", j))
                                .selected_text(match measure {
                                    GapMeasure::Absolute => "absolute gap (years)",
                                    GapMeasure::Relative => relative.as_str(),
                                })
                                .show_ui(ui, |ui| {
                                    ui.selectable_value(
                                        measure,
                                        GapMeasure::Absolute,
                                        "absolute gap (years)",
                                    );
                                    ui.selectable_value(
                                        measure,
                                        GapMeasure::Relative,
                                        relative.as_str(),
                                    );
                                })
                                .response
                                .accessible_name(format!("Milestone {} gap measure", j + 1));
                        }
                        Target::MaxGap(g) => {
                            ui.label("gap at most");
                            ui.add(
                                egui::DragValue::new(g)
                                    .speed(0.01)
                                    .range(0.0..=20.0)
                                    .suffix(" years"),
                            )
                            .accessible_name(format!("Milestone {} largest gap", j + 1));
                        }
                        Target::MinLifeExpectancy(e) => {
                            ui.label("life expectancy at least");
                            ui.add(
                                egui::DragValue::new(e)
                                    .speed(0.05)
                                    .range(40.0..=100.0)
                                    .suffix(" years"),
                            )
                            .accessible_name(format!("Milestone {} life expectancy", j + 1));
                        }
                    });
                    if ui.button("Remove").clicked() {
                        remove = Some(j);
                    }
                    ui.end_row();
                }
            });
        if let Some(j) = remove {
            cx.scenario.milestones.remove(j);
        }
        ui.horizontal(|ui| {
            let (horizon, sex) = (cx.scenario.horizon, cx.view.sex);
            let base = cx
                .base_for(sex)
                .map(|b| (b.local.e0(), b.comparator.e0() - b.local.e0()));
            if ui.button("Add a life-expectancy milestone").clicked() {
                let m = defaults::life_expectancy_milestone(horizon, sex, base.map(|b| b.0));
                cx.scenario.milestones.push(m);
            }
            if ui.button("Add a gap milestone").clicked() {
                let m = defaults::gap_milestone(horizon, sex, base.map(|b| b.1));
                cx.scenario.milestones.push(m);
            }
        });
        ui.horizontal(|ui| {
            ui.label("At risk when the projection misses by up to");
            ui.add(
                egui::DragValue::new(&mut cx.scenario.status.at_risk_years)
                    .speed(0.01)
                    .range(0.0..=5.0)
                    .suffix(" years"),
            )
            .accessible_name("At-risk margin");
        });
    });
}

fn edit_trend(ui: &mut Ui, cx: &mut ScreenCx) {
    egui::CollapsingHeader::new("Trend, history and uncertainty").show(ui, |ui| {
        let annual = defaults::annual_trend(cx.sim());
        // England's e₀ now and at the horizon's end, to start a path from.
        let ends = |sex| {
            let r = cx.results()?.projection.sex(sex)?;
            Some((r.base_e0_comparator, *r.e0_comparator.last()?))
        };
        let (m, w) = (ends(Sex::Male), ends(Sex::Female));
        let base_comparator = m.zip(w).map(|(m, w)| (m.0, w.0));
        let end_comparator = m.zip(w).map(|(m, w)| (m.1, w.1));
        let s = &mut *cx.scenario;
        ui.horizontal(|ui| {
            ui.label("Trend without programmes:");
            let from_history = matches!(s.trend, Trend::FromHistory);
            if ui
                .selectable_label(from_history, "fitted to the history")
                .clicked()
                && !from_history
            {
                s.trend = Trend::FromHistory;
            }
            if ui
                .selectable_label(!from_history, "yearly change I set")
                .clicked()
                && from_history
            {
                s.trend = annual;
            }
        });
        edit_comparator_path(ui, s, &mut *cx.commands, base_comparator, end_comparator);
        if let Trend::Annual { local, comparator } = &mut s.trend {
            egui::Grid::new("trend-edit").num_columns(3).show(ui, |ui| {
                ui.label("years gained a year");
                ui.label("men");
                ui.label("women");
                ui.end_row();
                for (name, v) in [(s.area.clone(), local), (s.comparator.clone(), comparator)] {
                    ui.label(&name);
                    ui.add(
                        egui::DragValue::new(&mut v.male)
                            .speed(0.01)
                            .range(-2.0..=2.0),
                    )
                    .accessible_name(format!("{name}: yearly gain, men"));
                    ui.add(
                        egui::DragValue::new(&mut v.female)
                            .speed(0.01)
                            .range(-2.0..=2.0),
                    )
                    .accessible_name(format!("{name}: yearly gain, women"));
                    ui.end_row();
                }
            });
        }
        ui.label(RichText::new("History (three-year periods)").strong());
        egui::Grid::new("history-edit")
            .num_columns(6)
            .striped(true)
            .show(ui, |ui| {
                let (area, comparator) = (s.area.clone(), s.comparator.clone());
                for h in [
                    "Period".to_string(),
                    format!("{area} men"),
                    format!("{area} women"),
                    format!("{comparator} men"),
                    format!("{comparator} women"),
                    "Source".to_string(),
                ] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for h in &mut s.history {
                    ui.label(h.period.to_string());
                    let period = h.period.to_string();
                    for (v, who) in [
                        (&mut h.local.male, "local men"),
                        (&mut h.local.female, "local women"),
                        (&mut h.comparator.male, "comparator men"),
                        (&mut h.comparator.female, "comparator women"),
                    ] {
                        ui.add(
                            egui::DragValue::new(v)
                                .speed(0.05)
                                .range(40.0..=100.0)
                                .max_decimals(2),
                        )
                        .accessible_name(format!("History {period}, {who}"));
                    }
                    ui.label(RichText::new(&h.source).small());
                    ui.end_row();
                }
            });
        ui.horizontal(|ui| {
            ui.label("Uncertainty: draws");
            ui.add(egui::DragValue::new(&mut s.uncertainty.draws).range(1..=100_000))
                .accessible_name("Uncertainty draws");
            ui.label("seed");
            ui.add(egui::DragValue::new(&mut s.uncertainty.seed))
                .accessible_name("Uncertainty seed");
            ui.checkbox(
                &mut s.uncertainty.sampling_error,
                "include the sampling error of the measured gap",
            );
        });
    });
}

/// England's own path: the trend, Holt's forecast of a series (started from the history's
/// England values and the base period), or values typed by period.
fn edit_comparator_path(
    ui: &mut Ui,
    s: &mut lifegap_core::model::scenario::Scenario,
    commands: &mut Vec<Command>,
    base: Option<(f64, f64)>,
    end: Option<(f64, f64)>,
) {
    use lifegap_core::model::comparator_path::{ComparatorPath, PathPoint};
    use lifegap_core::model::scenario::BySex;
    let comparator = s.comparator.clone();
    let mut choice = match s.comparator_path {
        ComparatorPath::Trend => 0,
        ComparatorPath::Holt { .. } => 1,
        ComparatorPath::Values { .. } => 2,
    };
    let before = choice;
    ui.horizontal(|ui| {
        ui.label(format!("{comparator}'s path:"));
        ui.selectable_value(&mut choice, 0, "the trend");
        ui.selectable_value(&mut choice, 1, "Holt's forecast of the history");
        ui.selectable_value(&mut choice, 2, "values I type");
        if ui
            .button(format!("Load {comparator}'s series…"))
            .on_hover_text("Holt's forecast of a published series (CSV sex,period,e0, equally spaced), as lifegap england --series reads it")
            .clicked()
        {
            commands.push(Command::PromptFile(
                crate::app::dialogs::Purpose::ImportEnglandSeries,
            ));
        }
    });
    if choice != before {
        let point = |period: Period, (male, female): (f64, f64)| PathPoint {
            period,
            e0: BySex { male, female },
        };
        s.comparator_path = match choice {
            1 => {
                let mut series: Vec<PathPoint> = s
                    .history
                    .iter()
                    .filter(|h| h.period != s.base_period)
                    .map(|h| point(h.period, (h.comparator.male, h.comparator.female)))
                    .collect();
                if let Some(b) = base {
                    series.push(point(s.base_period, b));
                }
                series.sort_by(|a, b| a.period.mid().total_cmp(&b.period.mid()));
                ComparatorPath::Holt {
                    series,
                    alpha: None,
                    beta: None,
                }
            }
            2 => ComparatorPath::Values {
                points: match (base, end) {
                    (Some(b), Some(e)) => vec![point(s.base_period, b), point(s.horizon, e)],
                    _ => Vec::new(),
                },
            },
            _ => ComparatorPath::Trend,
        };
    }
    let problem = Sex::BOTH
        .iter()
        .find_map(|&sex| s.comparator_path.prepare(sex).err());
    let (points, note) = match &mut s.comparator_path {
        ComparatorPath::Trend => return,
        ComparatorPath::Holt { series, .. } => (
            series,
            "Holt's linear exponential smoothing (Holt 1957) of these values, equally spaced, oldest first; α and β estimated unless set in the file. Past the last period England follows the forecast.",
        ),
        ComparatorPath::Values { points } => (
            points,
            "Straight lines between these values, the first and last lines extended.",
        ),
    };
    ui.label(RichText::new(note).small());
    if let Some(e) = problem {
        ui.colored_label(
            theme::warning(ui),
            format!("This path cannot be used yet: {e}. Load a published series instead, or type values."),
        );
    }
    egui::Grid::new("comparator-path-edit")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for h in ["Period", "men", "women"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for p in points.iter_mut() {
                let period = p.period.to_string();
                ui.label(&period);
                for (v, who) in [(&mut p.e0.male, "men"), (&mut p.e0.female, "women")] {
                    ui.add(
                        egui::DragValue::new(v)
                            .speed(0.05)
                            .range(40.0..=100.0)
                            .max_decimals(2),
                    )
                    .accessible_name(format!("{comparator}'s path {period}, {who}"));
                }
                ui.end_row();
            }
        });
}
