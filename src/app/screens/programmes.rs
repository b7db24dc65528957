//! Programmes, the ready reckoner: one card per programme with its scale slider (people or %
//! of eligible, showing both), its assumptions under it with their sources, and live results.

use super::ScreenCx;
use crate::app::{charts, theme, widgets};
use egui::{RichText, Ui};
use lifegap_core::model::programmes::{Programme, Reach, library};
use lifegap_core::model::results::ProgrammeSummary;
use lifegap_report::format as f;

pub fn show(ui: &mut Ui, cx: &mut ScreenCx) {
    let sex = cx.sex();
    let summaries: Vec<ProgrammeSummary> = cx
        .results()
        .map(|r| r.programmes.clone())
        .unwrap_or_default();
    let headline = cx.results().map(|r| r.headline);
    let head = cx
        .results()
        .and_then(|r| r.headline_milestone(sex))
        .map(|m| {
            (
                m.result.label.clone(),
                m.result.shortfall_without,
                m.result.share_of_shortfall_closed,
                m.result.pooled.gain(),
            )
        });

    ui.heading("Programmes: the ready reckoner");
    if let (Some(h), Some((label, short, closed, gain))) = (headline, &head) {
        ui.label(
            RichText::new(format!(
                "All programmes together add {} of life expectancy for {} over {} — {} of the {} needed for the {}.",
                f::life_time(*gain),
                sex.plural_label().to_lowercase(),
                h,
                closed.map(f::percent).unwrap_or_else(|| "none".into()),
                f::life_time(*short),
                label
            ))
            .size(16.0),
        );
    }
    // Contribution chart: each programme's attributed gain for the selected sex, sorted.
    // Each programme keeps its colour (its position in the scenario) on every chart.
    let mut items: Vec<(String, f64, egui::Color32)> = summaries
        .iter()
        .enumerate()
        .filter(|(_, p)| p.enabled)
        .map(|(k, p)| (p.name.clone(), p.gain[sex.index()], theme::series(k)))
        .collect();
    items.sort_by(|a, b| b.1.total_cmp(&a.1));
    // Drawn in days, the unit the gains are read in (a programme adds days, not 0.002 years).
    let days: Vec<(String, f64, egui::Color32)> = items
        .iter()
        .map(|(n, g, c)| (n.clone(), g * 365.25, *c))
        .collect();
    if !items.is_empty() {
        let total: f64 = items.iter().map(|i| i.1).sum();
        charts::contribution_bars(
            ui,
            "programme-contributions",
            &format!(
                "gain in life expectancy, {}",
                sex.plural_label().to_lowercase()
            ),
            &days,
            "days",
            charts::height_for(ui, 300.0),
        );
        ui.label(RichText::new(format!("Total: {} (the credits add up to the combined gain: each programme's share is in proportion to its gain alone)", f::life_time(total))).small());
    }
    ui.add_space(6.0);
    super::reckoner_table::show(ui, cx);
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label("Set scale as:");
        ui.selectable_value(&mut cx.view.slide_people, false, "% of eligible");
        ui.selectable_value(&mut cx.view.slide_people, true, "people");
        if ui.button("Add custom programme").clicked() {
            // One more than the largest custom number in use, so ids never repeat.
            let n = cx
                .scenario
                .programmes
                .iter()
                .filter_map(|p| p.id.strip_prefix("custom_")?.parse::<usize>().ok())
                .max()
                .unwrap_or(0)
                + 1;
            cx.scenario.programmes.push(library::custom(
                &format!("custom_{n}"),
                &format!("Custom programme {n}"),
            ));
        }
    });
    ui.add_space(6.0);
    let view = CardView {
        slide_people: cx.view.slide_people,
        causes: cx.data.causes.clone(),
        base_mid: cx.scenario.base_period.mid(),
        baseline_mismatch: cx
            .evaluation
            .map(|e| e.simulator.baseline_mismatch.clone())
            .unwrap_or_default(),
    };
    let mut remove = None;
    for (k, p) in cx.scenario.programmes.iter_mut().enumerate() {
        // Matched by id: results may trail an edit that added or removed a programme.
        let summary = summaries.iter().find(|x| x.id == p.id);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            card(ui, p, summary, &view, &mut remove, k);
        });
        ui.add_space(4.0);
    }
    if let Some(k) = remove {
        let gone = cx.scenario.programmes.remove(k);
        // Its delivery plan goes with it.
        cx.scenario
            .action_plan
            .programmes
            .retain(|p| p.programme != gone.id);
    }
    ui.label(RichText::new("Deaths postponed are within the period shown, not lives saved for ever. Gains are credited over the headline milestone's period.").small());
}

/// What every programme card reads besides its programme.
struct CardView {
    slide_people: bool,
    causes: Vec<String>,
    /// Middle of the base period, where business as usual starts counting.
    base_mid: f64,
    /// Programmes whose treated share by age does not average to their baseline on this
    /// area's population: (id, name, baseline, average), as `Evaluation::warnings` words them.
    baseline_mismatch: Vec<(String, String, f64, f64)>,
}

fn card(
    ui: &mut Ui,
    p: &mut Programme,
    s: Option<&ProgrammeSummary>,
    view: &CardView,
    remove: &mut Option<usize>,
    k: usize,
) {
    let (slide_people, causes) = (view.slide_people, view.causes.as_slice());
    ui.horizontal(|ui| {
        ui.checkbox(&mut p.enabled, RichText::new(&p.name).strong().size(16.0));
        ui.label(RichText::new(format!("({})", p.people)).small());
    });
    let eligible = s.map(|s| s.eligible).unwrap_or(0.0);
    let c = &mut p.coverage;
    ui.horizontal(|ui| {
        let label = format!("{} scale", p.name);
        if slide_people && eligible > 0.0 {
            let mut people = c.target * eligible;
            let r = ui.add(
                egui::Slider::new(&mut people, c.baseline * eligible..=c.max * eligible)
                    // Clamp and round only what the user edits: showing a value never changes it.
                    .clamping(egui::SliderClamping::Edits)
                    .text(label)
                    .max_decimals(0),
            );
            if r.changed() {
                c.set_target(people / eligible);
            }
        } else {
            let mut pct = c.target * 100.0;
            let r = ui.add(
                egui::Slider::new(&mut pct, c.baseline * 100.0..=c.max * 100.0)
                    // Clamp and round only what the user edits: showing a value never changes it.
                    .clamping(egui::SliderClamping::Edits)
                    .text(label)
                    .suffix("%")
                    .max_decimals(1),
            );
            if r.changed() {
                c.set_target(pct / 100.0);
            }
        }
    });
    // A flow programme counts people a year, unless its label already says so ("4-week
    // quitters a year").
    let per = if p.reach == Reach::Flow && !p.people.ends_with("a year") {
        " a year"
    } else {
        ""
    };
    ui.label(format!(
        "{}% of {} eligible = {} {}{}; baseline {}%, feasible maximum {}%",
        format_pct(c.target),
        f::count(eligible),
        f::count(c.target * eligible),
        p.people,
        per,
        format_pct(c.baseline),
        format_pct(c.max),
    ));
    if c.bau_change.value != 0.0 {
        // Business as usual at the end of the ramp: what the plan is credited above.
        let year = c.start_year + c.ramp_years.ceil() as i32;
        let bau = c.bau_in(year, view.base_mid);
        let text = format!(
            "Business as usual: {}% by {year} ({:+.1} points a year, {}); only coverage above it is credited",
            format_pct(bau),
            c.bau_change.value * 100.0,
            c.bau_change.citation()
        );
        let colour = if bau >= c.target {
            theme::warning(ui)
        } else {
            ui.visuals().weak_text_color()
        };
        ui.label(RichText::new(text).color(colour));
    }
    if let Some((_, _, stated, mean)) = view.baseline_mismatch.iter().find(|m| m.0 == p.id) {
        ui.label(
            RichText::new(format!(
                "The coverage by age averages {}% of the eligible group on this area's population, not the baseline {}%: set the baseline to the average or adjust the ages' figures in the scenario file (eligible.by_age)",
                format_pct(*mean),
                format_pct(*stated)
            ))
            .color(theme::warning(ui)),
        );
    }
    if let Some(s) = s.filter(|s| s.enabled) {
        ui.horizontal_wrapped(|ui| {
            let fig = |ui: &mut Ui, caption: &str, value: &str| {
                widgets::figure_named(ui, caption, &format!("{}: {caption}", p.name), value)
            };
            fig(ui, "deaths postponed a year", &f::deaths(s.deaths_per_year));
            ui.separator();
            fig(ui, "gain for men", &f::life_time(s.gain[0]));
            fig(ui, "gain for women", &f::life_time(s.gain[1]));
            ui.separator();
            fig(
                ui,
                "share of the shortfall, men / women",
                &format!(
                    "{} / {}",
                    f::or_dash(s.share_of_shortfall[0], f::percent),
                    f::or_dash(s.share_of_shortfall[1], f::percent)
                ),
            );
            ui.separator();
            fig(ui, "cost a year", &f::money(s.cost_per_year));
            if let Some(cpd) = s.cost_per_death {
                fig(ui, "cost per death postponed", &f::money(cpd));
            }
        });
    }
    egui::CollapsingHeader::new(format!("Assumptions for {}", p.name))
        .id_salt(("assumptions", k))
        .show(ui, |ui| assumptions(ui, p, causes, remove, k));
}

fn format_pct(x: f64) -> String {
    format!("{:.1}", x * 100.0)
}

fn assumptions(
    ui: &mut Ui,
    p: &mut Programme,
    causes: &[String],
    remove: &mut Option<usize>,
    k: usize,
) {
    egui::Grid::new(("assumptions-grid", k))
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            widgets::evidence_row(
                ui,
                "Eligible share of the age group",
                &mut p.eligible.share,
                0.005,
                0.0..=1.0,
            );
            widgets::evidence_row(
                ui,
                "Adherence / persistence",
                &mut p.adherence,
                0.01,
                0.0..=1.0,
            );
            widgets::evidence_row(
                ui,
                "Group's relative risk",
                &mut p.relative_risk,
                0.05,
                0.0..=50.0,
            );
            for e in &mut p.effects {
                let label = format!("RRR for {}", lifegap_core::model::causes::label(&e.cause));
                widgets::evidence_row(ui, &label, &mut e.rrr, 0.01, 0.0..=1.0);
                if let Some(rr) = &mut e.relative_risk {
                    widgets::evidence_row(
                        ui,
                        &format!(
                            "Relative risk for {}",
                            lifegap_core::model::causes::label(&e.cause)
                        ),
                        rr,
                        0.05,
                        0.0..=50.0,
                    );
                }
            }
            widgets::evidence_row(
                ui,
                "Cost per person a year (£)",
                &mut p.cost_per_person,
                1.0,
                0.0..=1e6,
            );
        });
    ui.horizontal(|ui| {
        let c = &mut p.coverage;
        ui.label("Baseline %");
        let mut b = c.baseline * 100.0;
        if ui
            .add(
                egui::DragValue::new(&mut b)
                    .range(0.0..=100.0)
                    .speed(0.5)
                    .max_decimals(1),
            )
            .accessible_name(format!("{}: baseline coverage", p.name))
            .changed()
        {
            c.baseline = (b / 100.0).min(c.max);
            c.target = c.target.max(c.baseline);
        }
        ui.label("Maximum %");
        let mut m = c.max * 100.0;
        if ui
            .add(
                egui::DragValue::new(&mut m)
                    .range(0.0..=100.0)
                    .speed(0.5)
                    .max_decimals(1),
            )
            .accessible_name(format!("{}: maximum coverage", p.name))
            .changed()
        {
            c.max = (m / 100.0).max(c.baseline);
            c.target = c.target.min(c.max);
        }
        ui.label("Starts");
        ui.add(egui::DragValue::new(&mut c.start_year).range(1990..=2100))
            .accessible_name(format!("{}: start year", p.name));
        ui.label("Ramp (years)");
        ui.add(
            egui::DragValue::new(&mut c.ramp_years)
                .range(0.0..=20.0)
                .speed(0.1),
        )
        .accessible_name(format!("{}: ramp years", p.name));
        ui.label("Business as usual (points a year)")
            .on_hover_text("Yearly change in coverage the trend already contains (from QOF or prescribing trends): only coverage above it is credited. Its source is on the Evidence screen.");
        let mut points = c.bau_change.value * 100.0;
        if ui
            .add(
                egui::DragValue::new(&mut points)
                    .range(-20.0..=20.0)
                    .speed(0.1)
                    .max_decimals(2),
            )
            .accessible_name(format!("{}: business-as-usual change", p.name))
            .changed()
        {
            let v = points / 100.0;
            let e = &mut c.bau_change;
            if e.source == lifegap_core::model::programmes::flat_bau().source {
                // No longer flat: say it is the planner's own figure until a source is given.
                e.source = "Local assumption: set from the area's QOF or prescribing trend".into();
            }
            e.value = v;
            e.low = e.low.min(v);
            e.high = e.high.max(v);
        }
    });
    ui.label(RichText::new(format!("Lag: {}", p.lag.source)).small());
    ui.horizontal(|ui| {
        ui.label("Ages eligible");
        let mut ages = p.eligible.ages.to_string();
        if ui
            .add(egui::TextEdit::singleline(&mut ages).desired_width(70.0))
            .accessible_name(format!("{}: eligible ages", p.name))
            .changed()
            && let Ok(a) = ages.parse()
        {
            p.eligible.ages = a;
        }
        for sex in lifegap_core::model::area::Sex::BOTH {
            let mut on = p.eligible.sexes.contains(&sex);
            if ui.checkbox(&mut on, sex.plural_label()).changed() {
                if on {
                    p.eligible.sexes.push(sex);
                } else {
                    p.eligible.sexes.retain(|s| *s != sex);
                }
            }
        }
    });
    if p.id.starts_with("custom") {
        ui.horizontal(|ui| {
            ui.label("Name");
            let id = p.id.clone();
            ui.text_edit_singleline(&mut p.name)
                .accessible_name(format!("{id}: name"));
            ui.label("Acts on");
            let current = p.effects[0].cause.clone();
            egui::ComboBox::from_id_salt(("custom-cause", k))
                .selected_text(lifegap_core::model::causes::label(&current))
                .show_ui(ui, |ui| {
                    for c in causes {
                        ui.selectable_value(
                            &mut p.effects[0].cause,
                            c.clone(),
                            lifegap_core::model::causes::label(c),
                        );
                    }
                })
                .response
                .accessible_name(format!("{}: cause it acts on", p.id));
            if ui.button("Remove this programme").clicked() {
                *remove = Some(k);
            }
        });
    }
    if ui.button(format!("Reset {} to defaults", p.name)).clicked() {
        let default = library::all()
            .into_iter()
            .find(|d| d.id == p.id)
            .unwrap_or_else(|| library::custom(&p.id, &p.name));
        let (enabled, target) = (p.enabled, p.coverage.target);
        *p = default;
        p.enabled = enabled;
        p.coverage.set_target(target);
    }
}
