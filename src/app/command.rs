//! Everything the user can ask the app to do, in one list (in the manner of rerun's
//! `UICommand`). Each command knows its label, tooltip and shortcut, so the menus, the
//! keyboard and the Help (F1) list cannot disagree. Screens, menus and modals *return*
//! commands; [`LifegapApp::apply`](super::LifegapApp::apply) carries them out in one place
//! (changing the document, pushing undo, starting background jobs).

use super::dialogs::Purpose;
use super::files::Action;
use super::settings::Screen;
use egui::{Key, KeyboardShortcut, Modifiers};
use lifegap_core::model::area::Sex;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub enum Command {
    // Listed in the menus, on the keyboard and in Help (see [`Command::LISTED`]).
    NewFromData,
    Open,
    Save,
    SaveAs,
    /// Replace the current scenario's area data (same area names).
    ImportData,
    /// Build an area file from death records, population and the lookup (a prompt with a preview).
    ImportDeathRecords,
    /// Rank every area of a multi-area file with this scenario as template (Region screen).
    OpenRegion,
    /// Add a saved scenario file to the comparison.
    AddToComparison,
    ExportReport,
    /// The board pack as an A4-landscape PDF.
    ExportPdf,
    ExportCharts,
    ExportTables,
    Quit,
    Undo,
    Redo,
    Show(Screen),
    ToggleSex,
    Present,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleDarkTheme,
    Help,

    // Carried out on a value chosen somewhere on screen.
    /// Open, create or quit, asking about unsaved changes first.
    Request(Action),
    /// Do an action without asking (the unsaved-changes prompt was answered).
    Perform(Action),
    /// A file chosen in a file prompt, for the purpose the prompt was opened with.
    FileChosen(Purpose, PathBuf),
    /// Ask for a file (opens the typed-path prompt, with Browse…).
    PromptFile(Purpose),
    /// Open a scenario (or add it to the comparison, by the purpose) although its data lie
    /// outside its folder: the user answered "Open anyway".
    OpenDataOutside(Purpose, PathBuf),
    SetSex(Sex),
    /// Set programmes' planned coverage (e.g. a goal-seek answer): (programme id, coverage).
    SetCoverages(Vec<(String, f64)>),
    /// Show goal seek's answers for a milestone (or why there are none), each of which can be
    /// applied; the enabled programmes (id, name) are offered for a chosen mix.
    ShowGoalSeek(
        Result<Box<lifegap_core::model::goal_seek::answers::Answers>, String>,
        Vec<(String, String)>,
    ),
    /// Goal seek for the programmes ticked in the open dialog (milestone index, programme ids).
    SeekChosenMix {
        milestone: usize,
        ids: Vec<String>,
    },
    /// Keep the current results beside others on the Compare screen.
    SnapshotForComparison,
    ClearComparison,
    StartUncertainty,
    CancelUncertainty,
    StopPresenting,
    /// Save to this file even though it changed on disk (the user chose to replace it).
    SaveOverwriting(PathBuf),
    /// Save, then (if the save worked) do the action: the unsaved-changes prompt's "Save".
    SaveThen(Action),
    /// Keep a recovered autosave as the document, unsaved.
    RecoverAutosave(super::autosave::Recovery),
    /// Create the scenario chosen in the New-from-data prompt.
    CreateFromData(Box<super::modals::NewFromData>),
    /// Delete the offered autosave (only that one) and start afresh.
    DiscardAutosave(super::autosave::Recovery),
    /// The user chose to quit without saving: the autosave goes with the window.
    DiscardOnExit,
    /// A short message in the status bar.
    Flash(String),
    /// Run the native file dialog for one of the import prompt's inputs.
    BrowseImport(Purpose),
    /// Build the import prompt's preview from these inputs.
    PreviewImport(Box<super::import::Inputs>),
    /// Ask where to write the previewed area file (and then use it for a new scenario?).
    WriteImport(std::sync::Arc<lifegap_core::build::Built>, bool),
    /// Keep an SII milestone in the scenario, its file given by absolute path (made relative
    /// to the scenario's folder here): the Region screen's "Keep as a milestone".
    KeepSiiMilestone(
        Box<lifegap_core::model::sii_milestone::SiiMilestone>,
        PathBuf,
    ),
}

/// Ctrl (⌘ on a Mac) plus a key.
const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

impl Command {
    /// The commands with a label: menus, shortcuts and the Help list come from here.
    pub const LISTED: [Command; 35] = [
        Command::NewFromData,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::ImportData,
        Command::ImportDeathRecords,
        Command::OpenRegion,
        Command::AddToComparison,
        Command::ExportReport,
        Command::ExportPdf,
        Command::ExportCharts,
        Command::ExportTables,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::Show(Screen::Overview),
        Command::Show(Screen::Gap),
        Command::Show(Screen::Programmes),
        Command::Show(Screen::Countdown),
        Command::Show(Screen::ActionPlan),
        Command::Show(Screen::Compare),
        Command::Show(Screen::Evidence),
        Command::Show(Screen::Mortality),
        Command::Show(Screen::Practices),
        Command::Show(Screen::Monitoring),
        Command::Show(Screen::Region),
        Command::ToggleSex,
        Command::Present,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::ToggleDarkTheme,
        Command::Help,
        Command::SnapshotForComparison,
        Command::ClearComparison,
    ];

    /// What a menu item or the Help list says.
    pub fn label(&self) -> String {
        match self {
            Command::NewFromData => "New from area data…".into(),
            Command::Open => "Open…".into(),
            Command::Save => "Save".into(),
            Command::SaveAs => "Save As…".into(),
            Command::ImportData => "Import area data…".into(),
            Command::OpenRegion => "Open a region (many areas)…".into(),
            Command::ImportDeathRecords => "Import death records…".into(),
            Command::AddToComparison => "Add a scenario file to Compare…".into(),
            Command::ExportReport => "Export board pack (HTML)…".into(),
            Command::ExportPdf => "Export board pack (PDF)…".into(),
            Command::ExportCharts => "Export charts (SVG and PNG)…".into(),
            Command::ExportTables => "Export tables (CSV)…".into(),
            Command::Quit => "Quit".into(),
            Command::Undo => "Undo".into(),
            Command::Redo => "Redo".into(),
            Command::Show(s) => s.label().into(),
            Command::ToggleSex => "Switch between men and women".into(),
            Command::Present => "Present".into(),
            Command::ZoomIn => "Zoom in".into(),
            Command::ZoomOut => "Zoom out".into(),
            Command::ZoomReset => "Reset zoom".into(),
            Command::ToggleDarkTheme => "Dark theme".into(),
            Command::Help => "Keyboard shortcuts and help".into(),
            Command::SnapshotForComparison => "Keep these results for comparison".into(),
            Command::ClearComparison => "Clear the comparison".into(),
            // Not listed: never shown as a menu item.
            other => format!("{other:?}"),
        }
    }

    /// A sentence on hover.
    pub fn tooltip(&self) -> &'static str {
        match self {
            Command::NewFromData => "Start a scenario from an area data file (CSV)",
            Command::Open => "Open a saved scenario (.ron)",
            Command::Save => "Save the scenario (the file is replaced atomically)",
            Command::SaveAs => "Save the scenario under a new name",
            Command::ImportData => {
                "Use another area data file for this scenario (the same area and comparator)"
            }
            Command::ImportDeathRecords => {
                "Build an area file from death records, population estimates and the LSOA lookup, as lifegap build-data does"
            }
            Command::OpenRegion => {
                "Rank every area of a multi-area file (CSV) with this scenario as template, as lifegap run-all does"
            }
            Command::AddToComparison => {
                "Add a saved scenario's results beside this one on the Compare screen"
            }
            Command::ExportReport => "One self-contained HTML file that prints to A4 landscape",
            Command::ExportPdf => {
                "The board pack as an A4-landscape PDF: vector charts, tables split between pages with their headers repeated"
            }
            Command::ExportCharts => "Every chart as SVG and PNG files in a folder",
            Command::ExportTables => "Per-year results, milestones and delivery as CSV files",
            Command::Quit => "Close lifegap (asks about unsaved changes)",
            Command::Undo => "Undo the last change (a slider drag is one step)",
            Command::Redo => "Redo what was undone",
            Command::Show(_) => "Go to this screen",
            Command::ToggleSex => "Show the other sex's figures",
            Command::Present => {
                "Full-screen slides for the board (arrows / Page Up / Page Down move, Esc leaves)"
            }
            Command::ZoomIn | Command::ZoomOut | Command::ZoomReset => {
                "Make everything larger or smaller"
            }
            Command::ToggleDarkTheme => "Light or dark colours",
            Command::Help => "This list",
            Command::SnapshotForComparison => "Keep the current results as a row on Compare",
            Command::ClearComparison => "Remove every kept row from Compare",
            _ => "",
        }
    }

    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        Some(match self {
            Command::NewFromData => ctrl(Key::N),
            Command::Open => ctrl(Key::O),
            Command::Save => ctrl(Key::S),
            Command::SaveAs => {
                KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S)
            }
            Command::Quit => ctrl(Key::Q),
            Command::Undo => ctrl(Key::Z),
            Command::Redo => {
                KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z)
            }
            Command::Show(s) => ctrl(match s {
                Screen::Overview => Key::Num1,
                Screen::Gap => Key::Num2,
                Screen::Programmes => Key::Num3,
                Screen::Countdown => Key::Num4,
                Screen::ActionPlan => Key::Num5,
                Screen::Compare => Key::Num6,
                Screen::Evidence => Key::Num7,
                Screen::Mortality => Key::Num8,
                Screen::Practices => Key::Num9,
                Screen::Monitoring => Key::Num0,
                Screen::Region => Key::R,
            }),
            Command::ToggleSex => ctrl(Key::M),
            Command::Present => KeyboardShortcut::new(Modifiers::NONE, Key::F5),
            Command::Help => KeyboardShortcut::new(Modifiers::NONE, Key::F1),
            _ => return None,
        })
    }

    /// A second key for the same command (Ctrl+Y is redo on Windows machines).
    pub fn alternative_shortcut(&self) -> Option<KeyboardShortcut> {
        match self {
            Command::Redo => Some(ctrl(Key::Y)),
            _ => None,
        }
    }

    /// The commands whose shortcut was pressed this frame (consumed, so a text field does not
    /// also see them). Longer combinations are tried first, so Ctrl+Shift+S is not taken for
    /// Ctrl+S.
    pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
        let mut keyed: Vec<(KeyboardShortcut, &Command)> = Command::LISTED
            .iter()
            .flat_map(|c| {
                [c.shortcut(), c.alternative_shortcut()]
                    .into_iter()
                    .flatten()
                    .map(move |s| (s, c))
            })
            .collect();
        keyed.sort_by_key(|(s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
        let mut out: Vec<Command> = Vec::new();
        for (s, c) in keyed {
            let seen = out.iter().any(|o| o.label() == c.label());
            if ctx.input_mut(|i| i.consume_shortcut(&s)) && !seen {
                out.push(c.clone());
            }
        }
        out
    }

    /// A menu button for this command: its label, shortcut and tooltip; pushes the command
    /// when clicked.
    pub fn menu_item(self, ui: &mut egui::Ui, enabled: bool, out: &mut Vec<Command>) {
        let mut button = egui::Button::new(self.label());
        if let Some(s) = self.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&s));
        }
        let tip = self.tooltip();
        let r = ui.add_enabled(enabled, button);
        let r = if tip.is_empty() {
            r
        } else {
            r.on_hover_text(tip)
        };
        if r.clicked() {
            out.push(self);
            ui.close();
        }
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt)
        + u8::from(m.ctrl)
        + u8::from(m.shift)
        + u8::from(m.mac_cmd)
        + u8::from(m.command)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_command_has_a_label_and_a_tooltip() {
        for c in &Command::LISTED {
            assert!(!c.label().is_empty(), "{c:?} has a label");
            assert!(!c.tooltip().is_empty(), "{c:?} has a tooltip");
        }
    }

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let keys: Vec<KeyboardShortcut> = Command::LISTED
            .iter()
            .flat_map(|c| [c.shortcut(), c.alternative_shortcut()])
            .flatten()
            .collect();
        for (i, a) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(a), "{a:?} is used twice");
        }
    }
}
