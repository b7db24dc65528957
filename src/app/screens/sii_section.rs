//! The slope index of inequality on the Region screen, for a file by deprivation decile or
//! fifth: the SII with its 95% limits (`lifegap sii`), a chart of each group's life expectancy
//! against its rank on the social gradient with the fitted line, and the SII as a milestone
//! with the countdown's status (`lifegap sii-target`, the programmes delivered in the most
//! deprived fifth).

use crate::app::charts::{self, Key};
use crate::app::region::SiiView;
use crate::app::theme;
use egui::{Color32, RichText, Ui};
use egui_plot::{Line, PlotPoints, Points};
use lifegap_core::model::area::Sex;
use lifegap_report::format as f;

/// `keep`: the region file and its period, for "Keep as a milestone" (which pushes a
/// command onto `commands`).
pub fn section(
    ui: &mut Ui,
    views: &[SiiView],
    sex: Sex,
    keep: Option<(&std::path::Path, lifegap_core::model::scenario::Period)>,
    commands: &mut Vec<crate::app::command::Command>,
) {
    let Some(v) = views.iter().find(|v| v.sex == sex) else {
        return;
    };
    let sex_word = sex.plural_label().to_lowercase();
    ui.label(
        RichText::new(format!(
            "Slope index of inequality in life expectancy, {sex_word}: across {} deprivation groups ({} most deprived … {} least)",
            v.groups.len(),
            v.groups.first().map_or("", String::as_str),
            v.groups.last().map_or("", String::as_str),
        ))
        .strong(),
    );
    let s = match &v.sii {
        Ok(s) => s,
        Err(e) => {
            ui.colored_label(theme::warning(ui), format!("No SII: {e}"));
            return;
        }
    };
    ui.label(format!(
        "SII {} years (95% interval {} to {}): the fitted gap in life expectancy between the least and the most deprived ends of the area's social gradient.",
        f::years(s.sii),
        f::years(s.lower),
        f::years(s.upper)
    ));
    ui.label(RichText::new("PHE's method (phe_sii): each group's life expectancy weighted by its population on the midpoint of its cumulative share, most deprived first; limits from 100,000 simulations (seed 1). The same figures: lifegap sii --data FILE.").small());
    if let Some(c) = &v.countdown {
        match c {
            Ok(c) => {
                let targeted = lifegap_core::sii_target::targeted(&c.deciles);
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(&c.label).strong());
                    ui.label(
                        RichText::new(format!(" {} ", c.status.label()))
                            .strong()
                            .color(Color32::WHITE)
                            .background_color(theme::rag(c.status)),
                    );
                    ui.label(f::months_left(c.months_left));
                    if let Some((file, period)) = keep
                        && period.mid() < c.target.period.mid()
                        && ui
                            .button("Keep as a milestone")
                            .on_hover_text("Save this SII milestone in the scenario (its file, baseline, target and targeted groups): its countdown then shows on the Countdown screen, on a slide and in the board pack, and lifegap sii-target SCENARIO reads it")
                            .clicked()
                    {
                        use lifegap_core::model::sii_milestone::{SiiBaseline, SiiGoal, SiiMilestone};
                        let m = SiiMilestone {
                            name: format!(
                                "SII narrowed by {:.0}% by {}",
                                c.target.reduction * 100.0,
                                c.target.period
                            ),
                            sex,
                            period: c.target.period,
                            data: String::new(),
                            groups: Vec::new(),
                            targeted: targeted.iter().map(|t| t.to_string()).collect(),
                            baseline: SiiBaseline {
                                period,
                                sii: c.baseline,
                            },
                            target: SiiGoal::Reduction(c.target.reduction),
                        };
                        commands.push(crate::app::command::Command::KeepSiiMilestone(
                            Box::new(m),
                            file.to_path_buf(),
                        ));
                    }
                });
                ui.label(format!(
                    "Required: an SII of at most {} years ({} now). Projected for {}: {} without programmes; the scenario's programmes delivered in {} narrow it by {}, to {}{}.",
                    f::years(c.required),
                    f::years(c.baseline),
                    c.target.period,
                    f::years(c.without),
                    targeted.join(" and "),
                    f::life_time(c.without - c.with),
                    f::years(c.with),
                    if c.shortfall_with > 0.0 {
                        format!(": still {} short", f::life_time(c.shortfall_with))
                    } else {
                        String::new()
                    }
                ));
                ui.label(RichText::new(format!(
                    "Each group improves at the area's own yearly rate; programmes at the scenario's coverage of each targeted group's eligible people. The same figures: lifegap sii-target SCENARIO --data FILE --targeted {} --reduction {} --period {}.",
                    targeted.join(","),
                    c.target.reduction,
                    c.target.period
                )).small());
            }
            Err(e) => {
                ui.colored_label(theme::warning(ui), format!("No SII milestone: {e}"));
            }
        }
    }
    gradient_chart(ui, v, s, sex);
}

/// Each group's life expectancy at its rank, and the fitted line from rank 0 (most deprived)
/// to rank 1 (least deprived): the SII is the line's rise.
fn gradient_chart(ui: &mut Ui, v: &SiiView, s: &lifegap_core::model::sii::Sii, sex: Sex) {
    if v.e0.len() != s.ranks.len() {
        return;
    }
    let pts: Vec<[f64; 2]> = s
        .ranks
        .iter()
        .zip(&v.e0)
        .filter(|(_, e)| e.is_finite())
        .map(|(r, e)| [*r, *e])
        .collect();
    let line = vec![[0.0, s.intercept], [1.0, s.intercept + s.sii]];
    let dot = ui.visuals().strong_text_color();
    charts::fixed_plot(&format!("sii-{}", sex.as_str()), 220.0)
        .x_axis_label("rank on the social gradient (0 = most deprived, 1 = least)")
        .y_axis_label("life expectancy at birth (years)")
        .include_x(0.0)
        .include_x(1.0)
        .show(ui, |p| {
            p.line(
                Line::new("fitted line", PlotPoints::from(line))
                    .color(theme::LOCAL)
                    .width(2.0),
            );
            p.points(
                Points::new("groups", PlotPoints::from(pts))
                    .color(dot)
                    .radius(4.0),
            );
        });
    charts::legend_below(
        ui,
        &[
            (dot, Key::Dot, "each group's life expectancy".to_string()),
            (
                theme::LOCAL,
                Key::Line,
                "fitted line: its rise from 0 to 1 is the SII".to_string(),
            ),
        ],
    );
}
