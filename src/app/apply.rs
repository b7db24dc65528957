//! The one place commands are carried out: the document changes here (undo observes the
//! scenario after every frame, so each change becomes an undo step), and background jobs,
//! prompts and the presentation start here.

use super::LifegapApp;
use super::command::Command;
use super::dialogs::Purpose;
use super::document::Document;
use super::files::Action;
use super::modals::Modal;
use lifegap_core::model::area::Sex;
use std::time::Instant;

impl LifegapApp {
    /// Carry out one command.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let has_doc = self.doc.is_some();
        match command {
            Command::NewFromData => self.request(Action::NewFromDataPrompt),
            Command::Open => self.request(Action::OpenPrompt),
            Command::Save => self.save(),
            Command::SaveAs => self.request_save_as(),
            Command::ImportData if has_doc => self.prompt_file(Purpose::ImportData),
            Command::OpenRegion if has_doc => self.prompt_file(Purpose::OpenRegion),
            Command::AddToComparison if has_doc => self.prompt_file(Purpose::AddToComparison),
            Command::ExportReport if has_doc => self.prompt_file(Purpose::ExportReport),
            Command::ExportPdf if has_doc => self.prompt_file(Purpose::ExportPdf),
            Command::ExportCharts if has_doc => self.prompt_file(Purpose::ExportCharts),
            Command::ExportTables if has_doc => self.prompt_file(Purpose::ExportTables),
            Command::ImportData
            | Command::OpenRegion
            | Command::AddToComparison
            | Command::ExportReport
            | Command::ExportPdf
            | Command::ExportCharts
            | Command::ExportTables => {}
            Command::Quit => self.request(Action::Quit),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::Show(screen) => self.screen = screen,
            Command::ToggleSex => {
                self.view.sex = match self.view.sex {
                    Sex::Male => Sex::Female,
                    Sex::Female => Sex::Male,
                }
            }
            Command::SetSex(sex) => self.view.sex = sex,
            Command::Present => {
                if self.present.is_none() {
                    self.start_presentation(ctx);
                }
            }
            Command::StopPresenting => self.stop_presentation(ctx),
            Command::ZoomIn => self.zoom_to(ctx, self.settings.zoom + 0.1),
            Command::ZoomOut => self.zoom_to(ctx, self.settings.zoom - 0.1),
            Command::ZoomReset => self.zoom_to(ctx, 1.0),
            Command::ToggleDarkTheme => {
                self.settings.dark = !self.settings.dark;
                self.apply_look(ctx);
            }
            Command::Help => self.modal = Some(Modal::Help),
            Command::Request(action) => self.request(action),
            Command::Perform(action) => self.perform(action),
            Command::SaveThen(action) => {
                self.save();
                if self.doc.as_ref().is_some_and(|d| !d.is_dirty()) {
                    self.perform(action);
                }
            }
            Command::SaveOverwriting(path) => self.save_overwriting(&path),
            Command::FileChosen(purpose, path) => self.confirm_file(purpose, path),
            Command::PromptFile(purpose) => self.prompt_file(purpose),
            Command::OpenDataOutside(purpose, path) => match purpose {
                Purpose::AddToComparison => self.add_compare_file_with(
                    &path,
                    lifegap_core::scenario_file::DataAccess::Anywhere,
                ),
                _ => self.open_scenario_anyway(&path),
            },
            Command::SetCoverages(coverages) => {
                if let Some(d) = &mut self.doc {
                    for (id, c) in coverages {
                        if let Some(p) = d.scenario.programmes.iter_mut().find(|p| p.id == id) {
                            p.coverage.set_target(c);
                        }
                    }
                }
            }
            Command::ShowGoalSeek(answers, programmes) => {
                self.modal = Some(Modal::GoalSeek(Box::new(
                    super::goal_seek_dialog::GoalSeekDialog::new(answers, programmes),
                )))
            }
            Command::SeekChosenMix { milestone, ids } => {
                let answer = self.doc.as_ref().and_then(|d| {
                    let sim = d.sim()?;
                    Some(
                        lifegap_core::model::goal_seek::answers::chosen_mix(
                            sim,
                            &d.scenario,
                            milestone,
                            &ids,
                            lifegap_core::model::goal_seek::answers::quick(d.scenario.uncertainty),
                        )
                        .map(Box::new)
                        .map_err(|e| e.to_string()),
                    )
                });
                if let Some(Modal::GoalSeek(g)) = &mut self.modal {
                    g.chosen =
                        Some(answer.unwrap_or_else(|| {
                            Err("the plan cannot be computed as it stands".into())
                        }));
                }
            }
            Command::SnapshotForComparison => {
                if let Some(d) = &self.doc
                    && let Some(r) = d.current_results()
                {
                    let n = self.view.compare.len() + 1;
                    let entry = super::screens::CompareEntry {
                        name: format!("Snapshot {n}: {}", d.scenario.name),
                        results: r.clone(),
                        source: super::screens::CompareSource::Snapshot(Box::new(
                            d.scenario.clone(),
                        )),
                    };
                    self.view.compare.push(entry);
                    self.save_comparison();
                }
            }
            Command::ClearComparison => {
                self.view.compare.clear();
                self.save_comparison();
            }
            Command::StartUncertainty => self.view.mc_paused = false,
            Command::CancelUncertainty => {
                if let Some(job) = &self.mc {
                    job.cancel();
                }
                self.view.mc_paused = true;
            }
            Command::RecoverAutosave(r) => self.recover(r),
            Command::DiscardAutosave(r) => {
                if let Some(a) = &mut self.autosave {
                    a.discard(&r);
                }
            }
            Command::DiscardOnExit => self.discard_on_exit = true,
            Command::CreateFromData(n) => self.finish_new_from_data(*n),
            Command::Flash(message) => self.flash(message),
            Command::ImportDeathRecords => {
                self.modal = Some(Modal::ImportDeaths(Box::default()));
            }
            Command::BrowseImport(purpose) => {
                let c = ctx.clone();
                self.dialogs
                    .start(purpose, None, move || c.request_repaint());
            }
            Command::PreviewImport(inputs) => self.start_import_preview(*inputs),
            Command::WriteImport(built, then_use) => self.ask_where_to_write(built, then_use),
            Command::KeepSiiMilestone(m, file) => self.keep_sii_milestone(*m, &file),
        }
    }

    fn zoom_to(&mut self, ctx: &egui::Context, zoom: f32) {
        self.settings.zoom = zoom.clamp(0.5, 3.0);
        self.apply_look(ctx);
    }

    /// Open the autosaved copy of a scenario: it belongs to its original file, and stays
    /// unsaved until the user saves it (the autosave is kept till then).
    fn recover(&mut self, r: super::autosave::Recovery) {
        match lifegap_core::scenario_file::load_for_editing(&r.scenario_file) {
            Ok(l) => {
                let mut doc = Document::from_loaded(l);
                doc.path = r.original.clone();
                doc.recovered = true;
                if let Some(orig) = &r.original
                    && let Ok(saved) = lifegap_core::scenario_file::load_for_editing(orig)
                {
                    doc.saved = Document::from_loaded(saved).scenario;
                    doc.disk = super::document::DiskStamp::of(orig);
                }
                self.undo.reset(&doc.scenario);
                self.doc = Some(doc);
                if let Some(a) = &mut self.autosave {
                    a.adopt(&r);
                }
                self.status = Some((
                    "Recovered unsaved work: save it to keep it".into(),
                    Instant::now(),
                ));
            }
            Err(p) => self.error = Some(("Could not recover the autosaved scenario".into(), p)),
        }
    }
}
