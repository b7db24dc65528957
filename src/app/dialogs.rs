//! File dialogs, off the UI thread.
//!
//! rfd's dialogs block, and with no desktop portal or zenity they return `None` at once,
//! exactly like a user pressing Cancel. So dialogs run on a worker thread, their answer comes
//! back through a channel with a repaint request, and every file prompt in the app also has a
//! typed-path field and recent files. Tests use [`NoDialogs`] and never open a window.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

/// What the user is choosing a file for. The prompt carries its purpose from start to
/// finish, so cancelling one can never change what the next one does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    OpenScenario,
    /// A saved scenario whose results join the Compare screen.
    AddToComparison,
    SaveScenario,
    /// Area data for a new scenario.
    NewFromData,
    /// Area data to replace the current scenario's.
    ImportData,
    /// The board pack as one HTML file.
    ExportReport,
    /// The board pack as an A4-landscape PDF.
    ExportPdf,
    /// The area data file of a scenario that could not find it (moved or not sent with it).
    LocateData,
    /// A folder for every chart as SVG and PNG.
    ExportCharts,
    /// A folder for the CSV tables.
    ExportTables,
    /// A practice list (CSV) for the Practices screen.
    ImportPractices,
    /// Delivery actuals (CSV) for the Monitoring screen.
    ImportActuals,
    /// A multi-area file for the Region screen.
    OpenRegion,
    /// Where to write an area file built from death records.
    WriteAreaFile,
    /// The same, then start a new scenario from it.
    WriteAreaFileAndUse,
    /// One of the import prompt's inputs (it stays open; the answer fills its field).
    ImportDeathsFile,
    ImportPopulationFile,
    ImportLookupFile,
    /// A history CSV for the guided New from data (its prompt stays open and reads the file).
    SetupHistoryFile,
    /// Mortality-rate baselines (CSV) for the rate targets on the Mortality rates screen.
    ImportBaselines,
    /// England's e₀ series (CSV sex,period,e0) for Holt's forecast as England's path.
    ImportEnglandSeries,
}

impl Purpose {
    pub fn title(self) -> &'static str {
        match self {
            Purpose::OpenScenario => "Open scenario",
            Purpose::AddToComparison => "Add a scenario file to the comparison",
            Purpose::SaveScenario => "Save scenario as",
            Purpose::NewFromData => "New scenario from area data (CSV)",
            Purpose::ImportData => "Use other area data (CSV) for this scenario",
            Purpose::ExportReport => "Export the board pack (HTML)",
            Purpose::ExportPdf => "Export the board pack (PDF, A4 landscape)",
            Purpose::LocateData => "Locate the scenario's data file (CSV)",
            Purpose::ExportCharts => "Export charts: choose a folder",
            Purpose::ExportTables => "Export tables: choose a folder",
            Purpose::ImportPractices => "Load a practice list (CSV)",
            Purpose::ImportActuals => "Load delivery actuals (CSV)",
            Purpose::OpenRegion => "Open a region: a file with many areas (CSV)",
            Purpose::WriteAreaFile | Purpose::WriteAreaFileAndUse => "Write the area file (CSV)",
            Purpose::ImportDeathsFile => "Death records (CSV)",
            Purpose::ImportPopulationFile => "Mid-year population estimates (CSV)",
            Purpose::ImportLookupFile => "LSOA lookup (CSV)",
            Purpose::SetupHistoryFile => "Life expectancy history (CSV)",
            Purpose::ImportBaselines => "Load mortality-rate baselines (CSV)",
            Purpose::ImportEnglandSeries => "Load England's life expectancy series (CSV)",
        }
    }

    /// The file name a prompt for this purpose starts with.
    pub fn suggested_name(self) -> &'static str {
        match self {
            Purpose::ExportReport => "board-pack.html",
            Purpose::ExportPdf => "board-pack.pdf",
            Purpose::ExportCharts => "lifegap-charts",
            Purpose::ExportTables => "lifegap-tables",
            _ => "",
        }
    }

    /// The extension a written file gets (None when reading, or for a folder).
    pub fn save_extension(self) -> Option<&'static str> {
        match self {
            Purpose::SaveScenario => Some("ron"),
            Purpose::ExportReport => Some("html"),
            Purpose::ExportPdf => Some("pdf"),
            Purpose::WriteAreaFile | Purpose::WriteAreaFileAndUse => Some("csv"),
            _ => None,
        }
    }

    pub fn picks_folder(self) -> bool {
        matches!(self, Purpose::ExportCharts | Purpose::ExportTables)
    }

    /// Choosing a scenario to read (recent files are offered).
    pub fn reads_scenario(self) -> bool {
        matches!(self, Purpose::OpenScenario | Purpose::AddToComparison)
    }

    fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Purpose::OpenScenario | Purpose::AddToComparison | Purpose::SaveScenario => {
                ("lifegap scenario", &["ron"])
            }
            Purpose::NewFromData
            | Purpose::ImportData
            | Purpose::LocateData
            | Purpose::OpenRegion
            | Purpose::WriteAreaFile
            | Purpose::WriteAreaFileAndUse => ("CSV area data", &["csv"]),
            Purpose::ImportDeathsFile
            | Purpose::ImportPopulationFile
            | Purpose::ImportLookupFile
            | Purpose::SetupHistoryFile => ("CSV", &["csv"]),
            Purpose::ExportReport => ("HTML report", &["html"]),
            Purpose::ExportPdf => ("PDF", &["pdf"]),
            Purpose::ExportCharts | Purpose::ExportTables => ("Folder", &[]),
            Purpose::ImportPractices => ("CSV practice list", &["csv"]),
            Purpose::ImportActuals => ("CSV delivery actuals", &["csv"]),
            Purpose::ImportBaselines => ("CSV mortality-rate baselines", &["csv"]),
            Purpose::ImportEnglandSeries => ("CSV life expectancy series", &["csv"]),
        }
    }
}

/// A source of file dialogs (native, or none).
pub trait FileDialogs: Send + Sync {
    /// Blocking: runs on a worker thread.
    fn pick(&self, purpose: Purpose, start: Option<&Path>) -> Option<PathBuf>;
}

/// Native dialogs through rfd (XDG portal or zenity on Linux).
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick(&self, purpose: Purpose, start: Option<&Path>) -> Option<PathBuf> {
        let (name, exts) = purpose.filter();
        let mut d = rfd::FileDialog::new().set_title(purpose.title());
        if !exts.is_empty() {
            d = d.add_filter(name, exts);
        }
        if let Some(s) = start {
            if s.is_dir() {
                d = d.set_directory(s);
            } else {
                if let Some(dir) = s.parent().filter(|p| p.is_dir()) {
                    d = d.set_directory(dir);
                }
                if let Some(f) = s.file_name() {
                    d = d.set_file_name(f.to_string_lossy());
                }
            }
        }
        if purpose.picks_folder() {
            d.pick_folder()
        } else if purpose.save_extension().is_some() {
            d.save_file()
        } else {
            d.pick_file()
        }
    }
}

/// No native dialogs: the typed-path field is the only way (tests, minimal systems).
pub struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn pick(&self, _: Purpose, _: Option<&Path>) -> Option<PathBuf> {
        None
    }
}

/// Runs dialogs on worker threads and hands back the answers.
pub struct DialogRunner {
    dialogs: Arc<dyn FileDialogs>,
    tx: Sender<(Purpose, Option<PathBuf>)>,
    rx: Receiver<(Purpose, Option<PathBuf>)>,
    /// A dialog is open: the UI shows it and does not start another.
    pub busy: Option<Purpose>,
}

impl DialogRunner {
    pub fn new(dialogs: Arc<dyn FileDialogs>) -> Self {
        let (tx, rx) = channel();
        DialogRunner {
            dialogs,
            tx,
            rx,
            busy: None,
        }
    }

    /// Open a dialog in the background; `repaint` wakes the UI when it closes.
    pub fn start(
        &mut self,
        purpose: Purpose,
        start: Option<PathBuf>,
        repaint: impl Fn() + Send + 'static,
    ) {
        if self.busy.is_some() {
            return;
        }
        self.busy = Some(purpose);
        let dialogs = Arc::clone(&self.dialogs);
        let tx = self.tx.clone();
        std::thread::spawn(move || {
            let answer = dialogs.pick(purpose, start.as_deref());
            let _ = tx.send((purpose, answer));
            repaint();
        });
    }

    /// A finished dialog's answer, if any.
    pub fn poll(&mut self) -> Option<(Purpose, Option<PathBuf>)> {
        let got = self.rx.try_recv().ok();
        if got.is_some() {
            self.busy = None;
        }
        got
    }
}
