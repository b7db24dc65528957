//! Autosave and crash recovery: nothing a user typed is lost, and two windows never touch each
//! other's work.
//!
//! Each running app is a *session* with its own files in `<data dir>/autosave/`:
//! `<session>.ron` (the working scenario, data paths made absolute so it loads from anywhere),
//! `<session>.json` (which file it belongs to, when written) and `<session>.lock`, which the
//! session holds an exclusive OS lock on (`File::try_lock`) for as long as it runs. Every few
//! seconds, if the scenario has unsaved changes that differ from the last autosave and no edit
//! is in progress (a slider held, a field focused), it is written atomically. A save, or a
//! clean exit, removes the session's files.
//!
//! At start, a session whose lock can be taken belongs to no running app: its work is offered
//! for recovery. A live window's files are locked, so they are never offered, and Discard
//! deletes only the files that were offered. Recovering adopts the session (its lock is held,
//! so a third window cannot offer it too) until the work is saved or discarded.

use lifegap_core::model::scenario::{DataSource, Scenario};
use lifegap_core::scenario_file;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub const INTERVAL: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Marker {
    /// The scenario file the work belongs to (None = never saved).
    original: Option<PathBuf>,
    /// Seconds since 1970 when written.
    written: u64,
}

/// Work found from a session that did not end cleanly.
#[derive(Debug, Clone)]
pub struct Recovery {
    /// The autosaved scenario.
    pub scenario_file: PathBuf,
    /// The file the work belongs to (None = never saved).
    pub original: Option<PathBuf>,
    /// Seconds since 1970 when it was autosaved.
    pub written: u64,
    /// The session's name (the stem of its files).
    pub session: String,
}

/// One session's three files.
struct SessionFiles {
    dir: PathBuf,
    name: String,
}

impl SessionFiles {
    fn scenario(&self) -> PathBuf {
        self.dir.join(format!("{}.ron", self.name))
    }
    fn marker(&self) -> PathBuf {
        self.dir.join(format!("{}.json", self.name))
    }
    fn lock(&self) -> PathBuf {
        self.dir.join(format!("{}.lock", self.name))
    }

    /// Take the session's lock without waiting: None when a running app holds it.
    fn try_lock(&self) -> Option<File> {
        let f = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.lock())
            .ok()?;
        f.try_lock().ok()?;
        Some(f)
    }

    fn remove(&self) {
        let _ = std::fs::remove_file(self.scenario());
        let _ = std::fs::remove_file(self.marker());
        let _ = std::fs::remove_file(self.lock());
    }
}

pub struct Autosave {
    own: SessionFiles,
    /// Held for the session's life: tells other windows this work is live.
    _lock: Option<File>,
    /// A crashed session's work taken over by recovery, with its lock.
    adopted: Option<(SessionFiles, File)>,
    last: Option<Scenario>,
    last_time: Option<Instant>,
}

impl Autosave {
    /// A new session in `data_dir` (its files are created on the first autosave).
    pub fn new(data_dir: PathBuf) -> Self {
        let dir = data_dir.join("autosave");
        let started = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let own = SessionFiles {
            dir: dir.clone(),
            name: format!("session-{}-{started}", std::process::id()),
        };
        let lock = std::fs::create_dir_all(&dir)
            .ok()
            .and_then(|()| own.try_lock());
        Autosave {
            own,
            _lock: lock,
            adopted: None,
            last: None,
            last_time: None,
        }
    }

    /// Write the working scenario if it is time, it changed, and no edit is in progress (so
    /// a recovery holds the value at the end of a drag, not its middle). `original` is its
    /// own file.
    pub fn tick(
        &mut self,
        scenario: &Scenario,
        original: Option<&Path>,
        dirty: bool,
        editing: bool,
    ) -> std::io::Result<bool> {
        if !dirty || editing || self.last.as_ref() == Some(scenario) {
            return Ok(false);
        }
        if self.last_time.is_some_and(|t| t.elapsed() < INTERVAL) {
            return Ok(false);
        }
        self.write_now(scenario, original)?;
        Ok(true)
    }

    /// Write at once.
    pub fn write_now(
        &mut self,
        scenario: &Scenario,
        original: Option<&Path>,
    ) -> std::io::Result<()> {
        let mut s = scenario.clone();
        if let Some(orig) = original
            && let Some((data, pop)) = scenario_file::data_paths(orig, &s.data)
        {
            let abs = |p: PathBuf| std::fs::canonicalize(&p).unwrap_or(p).display().to_string();
            s.data = match pop {
                None => DataSource::Wide(abs(data)),
                Some(pop) => DataSource::Long {
                    deaths: abs(data),
                    population: abs(pop),
                },
            };
        }
        scenario_file::save(&self.own.scenario(), &s)?;
        let marker = Marker {
            original: original.map(Path::to_path_buf),
            written: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
        };
        lifegap_core::atomic::write(
            &self.own.marker(),
            serde_json::to_string(&marker)
                .unwrap_or_default()
                .as_bytes(),
        )?;
        self.last = Some(scenario.clone());
        self.last_time = Some(Instant::now());
        Ok(())
    }

    /// This session's autosaved scenario file (written or not).
    pub fn file(&self) -> PathBuf {
        self.own.scenario()
    }

    /// Nothing unsaved any more (saved, discarded, or closed cleanly): this session's files
    /// and any adopted session's go. The session's own lock file stays while it runs.
    pub fn clear(&mut self) {
        let _ = std::fs::remove_file(self.own.scenario());
        let _ = std::fs::remove_file(self.own.marker());
        if let Some((files, lock)) = self.adopted.take() {
            files.remove();
            drop(lock);
        }
        self.last = None;
    }

    /// The newest unsaved work left by a session that is no longer running (its lock can be
    /// taken). Sessions of running windows are skipped; lock files of sessions that left
    /// nothing are tidied away.
    pub fn recovery(&self) -> Option<Recovery> {
        let entries = std::fs::read_dir(&self.own.dir).ok()?;
        let mut found: Vec<Recovery> = Vec::new();
        for e in entries.flatten() {
            let path = e.path();
            if path.extension().is_none_or(|x| x != "lock") {
                continue;
            }
            let Some(name) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            if name == self.own.name || self.adopted.as_ref().is_some_and(|(f, _)| f.name == name) {
                continue;
            }
            let files = SessionFiles {
                dir: self.own.dir.clone(),
                name: name.clone(),
            };
            let Some(lock) = files.try_lock() else {
                continue; // a running window's work
            };
            let marker: Option<Marker> = std::fs::read_to_string(files.marker())
                .ok()
                .and_then(|t| serde_json::from_str(&t).ok());
            match marker {
                Some(m) if files.scenario().exists() => found.push(Recovery {
                    scenario_file: files.scenario(),
                    original: m.original,
                    written: m.written,
                    session: name,
                }),
                _ => {
                    drop(lock);
                    files.remove();
                }
            }
        }
        found.into_iter().max_by_key(|r| r.written)
    }

    /// Take over a crashed session's work (after the user chose to recover it): its lock is
    /// held until the work is saved or discarded, and its files go then.
    pub fn adopt(&mut self, r: &Recovery) {
        let files = SessionFiles {
            dir: self.own.dir.clone(),
            name: r.session.clone(),
        };
        if let Some(lock) = files.try_lock() {
            self.adopted = Some((files, lock));
        }
    }

    /// Delete a crashed session's work that was offered and refused; nothing else.
    pub fn discard(&mut self, r: &Recovery) {
        let files = SessionFiles {
            dir: self.own.dir.clone(),
            name: r.session.clone(),
        };
        if let Some(lock) = files.try_lock() {
            drop(lock);
            files.remove();
        }
    }
}

impl Drop for Autosave {
    /// A session that leaves nothing unsaved leaves no lock file either.
    fn drop(&mut self) {
        if !self.own.scenario().exists() {
            let _ = std::fs::remove_file(self.own.lock());
        }
    }
}
