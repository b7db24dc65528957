//! File ▸ New from area data: a short guided setup, so a new area's countdown is right first
//! time (issue 10). Four steps — area and dates, history, milestones, check — each saying
//! what is missing beside the field; the scenario is made by `lifegap_core::model::new_area`
//! (the model, not this screen, decides the horizon and the targets' form).

use egui::{RichText, Ui};
use lifegap_core::model::area::Sex;
use lifegap_core::model::new_area::{PSA_BASELINE, PSA_MEASURED, Setup};
use lifegap_core::model::scenario::{
    BySex, Date, HistoryPoint, LIFE_EXPECTANCY, Milestone, Period, Target,
};

/// The steps, in order.
pub const STEPS: [&str; 4] = ["Area and dates", "History", "Milestones", "Check"];

/// A typed period of life expectancies (text until it parses, so nothing shows as 0).
#[derive(Debug, Clone)]
pub struct HistoryRow {
    pub period: String,
    /// Local men, local women, comparator men, comparator women.
    pub e0: [String; 4],
    /// Where the values came from: `None` when typed here.
    pub source: Option<String>,
}

/// A local milestone: a minimum life expectancy for one sex on a period.
#[derive(Debug, Clone)]
pub struct LocalRow {
    pub name: String,
    pub sex: Sex,
    pub period: String,
    pub min_e0: String,
}

/// What the user has typed so far.
#[derive(Debug, Clone)]
pub struct SetupForm {
    pub step: usize,
    pub as_of: String,
    pub base_period: String,
    pub history: Vec<HistoryRow>,
    /// PSA target per sex (men, women) and its reduction in per cent.
    pub psa: [bool; 2],
    pub psa_percent: f64,
    pub local: Vec<LocalRow>,
    /// A history CSV to read instead of typing (`lifegap_core::data::history`).
    pub history_file: String,
    /// What reading it said: how many periods were read, or every located problem.
    pub history_read: Option<Result<String, Vec<String>>>,
}

impl SetupForm {
    /// The planning date starts at today and the base period at the data's; the history
    /// starts with an empty 1995–97 row (the PSA target's baseline), to be typed.
    pub fn new(base: Period, today: Date) -> Self {
        SetupForm {
            step: 0,
            as_of: today.to_string(),
            base_period: base.to_string(),
            history: vec![HistoryRow {
                period: PSA_BASELINE.to_string(),
                e0: Default::default(),
                source: None,
            }],
            psa: [true, true],
            psa_percent: 10.0,
            local: Vec::new(),
            history_file: String::new(),
            history_read: None,
        }
    }

    /// Read the history from `history_file`: its periods replace the rows (shown as text, so
    /// they can still be edited); a file with any error changes nothing and lists every
    /// located problem.
    pub fn read_history(&mut self) {
        let path = std::path::PathBuf::from(self.history_file.trim());
        self.history_read = Some(match lifegap_core::data::history::read(&path) {
            Ok((rows, warnings)) => {
                self.history = rows
                    .iter()
                    .map(|h| HistoryRow {
                        period: h.period.to_string(),
                        e0: [
                            h.local.male,
                            h.local.female,
                            h.comparator.male,
                            h.comparator.female,
                        ]
                        .map(|v| v.to_string()),
                        source: Some(h.source.clone()),
                    })
                    .collect();
                let mut note = format!("Read {} period(s) from {}", rows.len(), path.display());
                for w in &warnings.list {
                    note.push_str(&format!("; {w}"));
                }
                Ok(note)
            }
            Err(problems) => Err(problems.list.iter().map(|p| p.to_string()).collect()),
        });
    }

    /// Problems of one step, each as (field, what is wrong).
    pub fn problems(&self, step: usize) -> Vec<(String, String)> {
        let mut out = Vec::new();
        match step {
            0 => {
                if self.as_of.trim().parse::<Date>().is_err() {
                    out.push((
                        "Planning date".into(),
                        "a date as 2009-04-01 (the day the plan is made)".into(),
                    ));
                }
                if self.base_period.trim().parse::<Period>().is_err() {
                    out.push(("Base period".into(), "a period as 2006-08".into()));
                }
            }
            1 => {
                for (i, r) in self.history.iter().enumerate() {
                    let n = i + 1;
                    if r.period.trim().parse::<Period>().is_err() {
                        out.push((format!("History {n}: period"), "a period as 1995-97".into()));
                    }
                    for (k, v) in r.e0.iter().enumerate() {
                        if e0(v).is_none() {
                            out.push((
                                format!("History {n}: {}", E0_COLUMNS[k]),
                                format!(
                                    "life expectancy in years, {} to {}",
                                    LIFE_EXPECTANCY.start(),
                                    LIFE_EXPECTANCY.end()
                                ),
                            ));
                        }
                    }
                }
                if self.psa.iter().any(|p| *p) && !self.has_psa_baseline() {
                    out.push((
                        "History".into(),
                        "the PSA target is measured from 1995-97: type that period".into(),
                    ));
                }
            }
            2 => {
                if self.psa.iter().any(|p| *p)
                    && !(self.psa_percent > 0.0 && self.psa_percent < 100.0)
                {
                    out.push((
                        "PSA target: narrow by".into(),
                        "a per cent from 0 to 100".into(),
                    ));
                }
                for (i, r) in self.local.iter().enumerate() {
                    let n = i + 1;
                    if r.name.trim().is_empty() {
                        out.push((format!("Local milestone {n}: name"), "a name".into()));
                    }
                    if r.period.trim().parse::<Period>().is_err() {
                        out.push((
                            format!("Local milestone {n}: period"),
                            "a period as 2011-13".into(),
                        ));
                    }
                    if e0(&r.min_e0).is_none() {
                        out.push((
                            format!("Local milestone {n}: life expectancy"),
                            "life expectancy in years".into(),
                        ));
                    }
                }
            }
            _ => {}
        }
        out
    }

    fn has_psa_baseline(&self) -> bool {
        self.history
            .iter()
            .any(|r| r.period.trim().parse::<Period>().ok() == Some(PSA_BASELINE))
    }

    /// The setup, once every step is answered.
    pub fn setup(&self, area: &str, comparator: &str) -> Option<Setup> {
        if (0..3).any(|s| !self.problems(s).is_empty()) {
            return None;
        }
        let history = self
            .history
            .iter()
            .map(|r| {
                let v: Vec<f64> = r.e0.iter().filter_map(|t| e0(t)).collect();
                HistoryPoint {
                    period: r.period.trim().parse().unwrap(),
                    local: BySex {
                        male: v[0],
                        female: v[1],
                    },
                    comparator: BySex {
                        male: v[2],
                        female: v[3],
                    },
                    source: r
                        .source
                        .clone()
                        .unwrap_or_else(|| "typed in the new-scenario setup".into()),
                }
            })
            .collect();
        let reduction = self.psa_percent / 100.0;
        Some(Setup {
            area: area.to_string(),
            comparator: comparator.to_string(),
            as_of: self.as_of.trim().parse().ok()?,
            base_period: self.base_period.trim().parse().ok()?,
            history,
            psa: [
                self.psa[0].then_some(reduction),
                self.psa[1].then_some(reduction),
            ],
            local: self
                .local
                .iter()
                .map(|r| Milestone {
                    name: r.name.trim().to_string(),
                    sex: r.sex,
                    period: r.period.trim().parse().unwrap(),
                    target: Target::MinLifeExpectancy(e0(&r.min_e0).unwrap()),
                })
                .collect(),
        })
    }
}

const E0_COLUMNS: [&str; 4] = [
    "local men",
    "local women",
    "comparator men",
    "comparator women",
];

fn e0(t: &str) -> Option<f64> {
    t.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| LIFE_EXPECTANCY.contains(v))
}

/// A text field, outlined and explained when it has a problem.
fn field(ui: &mut Ui, name: &str, text: &mut String, width: f32, problems: &[(String, String)]) {
    let r = ui
        .add(egui::TextEdit::singleline(text).desired_width(width))
        .accessible_name(name);
    if let Some((_, why)) = problems.iter().find(|(f, _)| f == name) {
        ui.painter().rect_stroke(
            r.rect.expand(2.0),
            2.0,
            egui::Stroke::new(2.0, ui.visuals().error_fg_color),
            egui::StrokeKind::Outside,
        );
        r.on_hover_text(why);
    }
}

/// One step of the setup (the area and comparator pickers of step 1 are drawn by the caller).
/// True when the user asked to browse for a history file.
pub fn step(ui: &mut Ui, form: &mut SetupForm, comparator: &str) -> bool {
    let mut browse = false;
    let problems = form.problems(form.step);
    match form.step {
        0 => {
            egui::Grid::new("nfd-dates").num_columns(2).show(ui, |ui| {
                ui.label("Planning date:");
                field(ui, "Planning date", &mut form.as_of, 120.0, &problems);
                ui.end_row();
                ui.label("Base period:");
                field(ui, "Base period", &mut form.base_period, 120.0, &problems);
                ui.end_row();
            });
            ui.label(
                RichText::new(
                    "The planning date is the countdown's \"now\": the day the plan is made, not necessarily today.",
                )
                .small(),
            );
        }
        1 => {
            ui.label(format!(
                "Life expectancy at birth (years) for earlier periods, the local area and {comparator}: 1995-97 is the PSA target's baseline."
            ));
            egui::Grid::new("nfd-history")
                .num_columns(6)
                .show(ui, |ui| {
                    ui.label(RichText::new("Period").strong());
                    for c in E0_COLUMNS {
                        ui.label(RichText::new(c).strong());
                    }
                    ui.label("");
                    ui.end_row();
                    let mut remove = None;
                    for (i, r) in form.history.iter_mut().enumerate() {
                        let n = i + 1;
                        field(
                            ui,
                            &format!("History {n}: period"),
                            &mut r.period,
                            90.0,
                            &problems,
                        );
                        for (k, v) in r.e0.iter_mut().enumerate() {
                            field(
                                ui,
                                &format!("History {n}: {}", E0_COLUMNS[k]),
                                v,
                                60.0,
                                &problems,
                            );
                        }
                        if ui.button("Remove").clicked() {
                            remove = Some(i);
                        }
                        ui.end_row();
                    }
                    if let Some(i) = remove {
                        form.history.remove(i);
                    }
                });
            if ui.button("Add a period").clicked() {
                form.history.push(HistoryRow {
                    period: String::new(),
                    e0: Default::default(),
                    source: None,
                });
            }
            ui.add_space(6.0);
            ui.label(format!(
                "Or read them from a CSV with the columns {}:",
                lifegap_core::data::history::COLUMNS.join(",")
            ));
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut form.history_file).desired_width(400.0))
                    .accessible_name("History file");
                browse = ui
                    .button("Browse…")
                    .on_hover_text("Choose the history file (CSV)")
                    .clicked();
                if ui
                    .add_enabled(
                        !form.history_file.trim().is_empty(),
                        egui::Button::new("Read"),
                    )
                    .on_hover_text("Replace the rows above with the file's periods")
                    .clicked()
                {
                    form.read_history();
                }
            });
            match &form.history_read {
                Some(Ok(note)) => {
                    ui.label(note);
                }
                Some(Err(list)) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("Nothing was read: {} problem(s)", list.len()),
                    );
                    for p in list.iter().take(8) {
                        ui.colored_label(ui.visuals().error_fg_color, p);
                    }
                }
                None => {}
            }
        }
        2 => {
            ui.label(RichText::new("2010 PSA target").strong());
            ui.horizontal(|ui| {
                ui.checkbox(&mut form.psa[0], "men");
                ui.checkbox(&mut form.psa[1], "women");
                ui.label("narrow the gap by");
                ui.add(
                    egui::DragValue::new(&mut form.psa_percent)
                        .range(0.0..=99.0)
                        .suffix("%"),
                )
                .accessible_name("PSA target: narrow by");
                ui.label(format!("from {PSA_BASELINE}, measured on {PSA_MEASURED}"));
            });
            ui.add_space(6.0);
            ui.label(RichText::new("Local milestones (minimum life expectancy)").strong());
            let mut remove = None;
            egui::Grid::new("nfd-local").num_columns(5).show(ui, |ui| {
                for (i, r) in form.local.iter_mut().enumerate() {
                    let n = i + 1;
                    field(
                        ui,
                        &format!("Local milestone {n}: name"),
                        &mut r.name,
                        160.0,
                        &problems,
                    );
                    egui::ComboBox::from_id_salt(("nfd-sex", i))
                        .selected_text(r.sex.plural_label())
                        .show_ui(ui, |ui| {
                            for s in Sex::BOTH {
                                ui.selectable_value(&mut r.sex, s, s.plural_label());
                            }
                        })
                        .response
                        .accessible_name(format!("Local milestone {n}: sex"));
                    field(
                        ui,
                        &format!("Local milestone {n}: period"),
                        &mut r.period,
                        70.0,
                        &problems,
                    );
                    field(
                        ui,
                        &format!("Local milestone {n}: life expectancy"),
                        &mut r.min_e0,
                        60.0,
                        &problems,
                    );
                    if ui.button("Remove").clicked() {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
            if let Some(i) = remove {
                form.local.remove(i);
            }
            if ui.button("Add a local milestone").clicked() {
                form.local.push(LocalRow {
                    name: "2013 local milestone".into(),
                    sex: Sex::Male,
                    period: "2011-13".into(),
                    min_e0: String::new(),
                });
            }
        }
        _ => {}
    }
    for (f, why) in &problems {
        ui.colored_label(ui.visuals().error_fg_color, format!("{f}: {why}"));
    }
    browse
}
