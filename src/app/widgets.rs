//! Small building blocks shared by the screens.

use super::LifegapApp;
use super::theme;
use egui::{RichText, Ui};
use lifegap_core::model::evidence::Evidence;
use lifegap_core::model::milestones::Status;

/// A status badge: "on track" in green, "at risk" amber, "off track" red.
pub fn status_badge(ui: &mut Ui, status: Status, big: bool) {
    let text = RichText::new(format!(" {} ", status.label().to_uppercase()))
        .strong()
        // Black on amber, white on red and green: each meets WCAG AA (palette's tests).
        .color(theme::c(lifegap_report::palette::badge_text(status)))
        .background_color(theme::rag(status));
    ui.label(if big { text.size(22.0) } else { text });
}

/// A labelled figure: small caption over a large number.
pub fn figure(ui: &mut Ui, caption: &str, value: &str) {
    figure_named(ui, caption, caption, value);
}

/// A figure whose accessible name (for screen readers and tests) is fuller than its caption.
pub fn figure_named(ui: &mut Ui, caption: &str, name: &str, value: &str) {
    ui.vertical(|ui| {
        ui.label(RichText::new(caption).small());
        ui.label(RichText::new(value).size(22.0).strong())
            .accessible_name(format!("{name}: {value}"));
    });
}

/// An editable evidence value with its range and source shown; returns true if changed.
pub fn evidence_row(
    ui: &mut Ui,
    label: &str,
    e: &mut Evidence,
    speed: f64,
    range: std::ops::RangeInclusive<f64>,
) -> bool {
    let mut changed = false;
    ui.label(label);
    changed |= ui
        .add(
            egui::DragValue::new(&mut e.value)
                .speed(speed)
                .range(range.clone())
                .max_decimals(4),
        )
        .accessible_name(format!("{label}: value"))
        .on_hover_text(format!("{label}: central value"))
        .changed();
    ui.horizontal(|ui| {
        changed |= ui
            .add(
                egui::DragValue::new(&mut e.low)
                    .speed(speed)
                    .range(range.clone())
                    .max_decimals(4)
                    .prefix("low "),
            )
            .accessible_name(format!("{label}: low"))
            .changed();
        changed |= ui
            .add(
                egui::DragValue::new(&mut e.high)
                    .speed(speed)
                    .range(range)
                    .max_decimals(4)
                    .prefix("high "),
            )
            .accessible_name(format!("{label}: high"))
            .changed();
    });
    ui.label(
        RichText::new(format!("{} — {}", e.citation(), e.measures))
            .small()
            .italics(),
    )
    .on_hover_text("Source of this value: edit it on the Evidence screen");
    ui.end_row();
    changed
}

/// What an export is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportJob {
    /// The scenario's tables as CSV files in a folder.
    Tables,
    /// Every chart as SVG and PNG in a folder.
    Charts,
    /// The board pack (one HTML file).
    Report,
    /// The board pack as an A4-landscape PDF.
    Pdf,
}

/// Chart export size: logical pixels and PNG resolution multiplier.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartSize {
    pub width: u32,
    pub height: u32,
    pub scale: f64,
}

impl Default for ChartSize {
    fn default() -> Self {
        ChartSize {
            width: 1600,
            height: 900,
            scale: 1.0,
        }
    }
}

/// Chart export size: width, height and PNG resolution.
pub fn chart_size_editor(ui: &mut Ui, size: &mut ChartSize) {
    ui.horizontal(|ui| {
        ui.label("Chart size");
        ui.add(egui::DragValue::new(&mut size.width).range(400..=3200))
            .accessible_name("Chart width");
        ui.label("×");
        ui.add(egui::DragValue::new(&mut size.height).range(300..=2400))
            .accessible_name("Chart height");
        ui.add(
            egui::DragValue::new(&mut size.scale)
                .range(1.0..=2.0)
                .speed(0.1)
                .prefix("PNG ×"),
        )
        .accessible_name("PNG scale");
    });
}

impl LifegapApp {
    /// Finish an export once its destination is chosen.
    pub fn finish_export(&mut self, job: ExportJob, path: &std::path::Path) {
        let size = self.view.chart_size;
        let Some(doc) = &self.doc else { return };
        let Some(board) = doc.board() else {
            self.flash("Nothing to export: the scenario has no results yet");
            return;
        };
        let res: Result<String, String> = match job {
            ExportJob::Tables => lifegap_report::export::tables::write_all(
                path,
                &doc.scenario,
                board.results,
                board.uncertainty,
            )
            .map(|n| format!("Exported {n} tables to {}", path.display()))
            .map_err(|e| e.to_string()),
            ExportJob::Charts => {
                // Charts are laid out here (cheap) and rendered and written on a worker, so
                // large PNGs never freeze the window.
                let mut charts = lifegap_report::export::charts::all(&board);
                charts.extend(lifegap_report::export::charts::cause_age(&board));
                let (tx, rx) = std::sync::mpsc::channel();
                let dir = path.to_path_buf();
                std::thread::spawn(move || {
                    let _ = tx.send(write_charts(&charts, &dir, size));
                });
                self.export_rx = Some(rx);
                Ok("Exporting charts…".to_string())
            }
            ExportJob::Report => report_extras(&self.view, &board, &doc.data)
                .map(|x| with_sii(x, doc))
                .and_then(|x| lifegap_report::export::report::html(&board.with_extras(&x)))
                .and_then(|html| {
                    lifegap_core::atomic::write(path, html.as_bytes())
                        .map(|_| {
                            format!(
                                "Board pack saved to {} (File ▸ Export board pack (PDF) makes the PDF)",
                                path.display()
                            )
                        })
                        .map_err(|e| e.to_string())
                }),
            ExportJob::Pdf => {
                // The pack's HTML is made here (the same as the HTML export); paging it and
                // writing the PDF (charts parsed into vectors, fonts subset) runs on a worker.
                report_extras(&self.view, &board, &doc.data)
                    .map(|x| with_sii(x, doc))
                    .and_then(|x| lifegap_report::export::report::html(&board.with_extras(&x)))
                    .map(|html| {
                        let (tx, rx) = std::sync::mpsc::channel();
                        let (out, title) = (path.to_path_buf(), doc.scenario.name.clone());
                        std::thread::spawn(move || {
                            let _ = tx.send(write_pdf(&html, &title, &out));
                        });
                        self.export_rx = Some(rx);
                        "Making the PDF…".to_string()
                    })
            }
        };
        match res {
            Ok(msg) => self.flash(msg),
            Err(e) => self.flash(format!("Export failed: {e}")),
        }
    }
}

/// The board pack's HTML as a PDF at `out`.
pub fn write_pdf(html: &str, title: &str, out: &std::path::Path) -> Result<String, String> {
    let bytes = lifegap_report::export::pdf::from_html(html, title)?;
    lifegap_core::atomic::write(out, &bytes).map_err(|e| e.to_string())?;
    Ok(format!(
        "Board pack saved to {} (PDF, A4 landscape)",
        out.display()
    ))
}

/// Every chart as SVG and PNG into `dir`.
pub fn write_charts(
    charts: &[lifegap_report::export::charts::Chart],
    dir: &std::path::Path,
    size: ChartSize,
) -> Result<String, String> {
    use lifegap_report::export::charts::{png, svg};
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    for c in charts {
        let text = svg(c, size.width, size.height)?;
        lifegap_core::atomic::write(&dir.join(format!("{}.svg", c.id)), text.as_bytes())
            .map_err(|e| e.to_string())?;
        let bytes = png(c, size.width, size.height, size.scale)?;
        lifegap_core::atomic::write(&dir.join(format!("{}.png", c.id)), &bytes)
            .map_err(|e| e.to_string())?;
    }
    Ok(format!(
        "Exported {} charts (SVG and PNG) to {}",
        charts.len(),
        dir.display()
    ))
}

impl LifegapApp {
    /// A finished background chart export's message.
    pub fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(rx) = &self.export_rx else { return };
        match rx.try_recv() {
            Ok(Ok(msg)) => {
                self.export_rx = None;
                self.flash(msg);
            }
            Ok(Err(e)) => {
                self.export_rx = None;
                self.flash(format!("Export failed: {e}"));
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(200))
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.export_rx = None;
                self.flash("Export failed: the export worker stopped");
            }
        }
    }
}

/// The board pack's extra sections from the files loaded on the Mortality rates, Monitoring and
/// Practices screens (the practices at the programme and percentile chosen there), as
/// `lifegap report --baselines/--actuals/--practices` computes them.
/// The pack's SII milestones page: the countdowns the Countdown screen shows.
fn with_sii(
    mut x: lifegap_report::export::board::Extras,
    doc: &crate::app::document::Document,
) -> lifegap_report::export::board::Extras {
    x.sii = doc.sii.clone();
    x
}

fn report_extras(
    view: &crate::app::screens::ViewState,
    board: &lifegap_report::export::board::Board<'_>,
    data: &lifegap_core::model::area::AreaData,
) -> Result<lifegap_report::export::board::Extras, String> {
    use lifegap_report::export::extras::{Inputs, compute};
    let name = |p: &std::path::Path| {
        p.file_name().map_or(p.display().to_string(), |n| {
            n.to_string_lossy().into_owned()
        })
    };
    let actuals_name = view.actuals.as_ref().map(|(p, _)| name(p));
    let practices_name = view.practices.as_ref().map(|(p, _)| name(p));
    let inputs = Inputs {
        baselines: view.baselines.as_ref().map(|(_, b)| b.as_slice()),
        actuals: view
            .actuals
            .as_ref()
            .zip(actuals_name.as_deref())
            .map(|((_, a), n)| (n, a.as_slice())),
        practices: view
            .practices
            .as_ref()
            .zip(practices_name.as_deref())
            .zip(view.practice_programme.as_deref())
            .map(|(((_, l), n), id)| {
                (
                    n,
                    l.as_slice(),
                    id,
                    lifegap_core::model::practices::Raise::Percentile(
                        f64::from(view.practice_percentile) / 100.0,
                    ),
                )
            }),
    };
    compute(board, data, inputs)
}
