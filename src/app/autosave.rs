//! Autosave and crash recovery: nothing a user typed is lost.
//!
//! Every few seconds, if the working scenario has unsaved changes that differ from the last
//! autosave, it is written atomically to `<data dir>/autosave.ron` (data paths made absolute,
//! so it loads from anywhere) with a marker naming the file it belongs to. A clean exit, or an
//! explicit save, removes both. If they are still there at start, the last session ended
//! without saving and the app offers to recover.

use lifegap_core::model::scenario::{DataSource, Scenario};
use lifegap_core::scenario_file;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
    pub scenario_file: PathBuf,
    pub original: Option<PathBuf>,
    pub written: u64,
}

pub struct Autosave {
    dir: PathBuf,
    last: Option<Scenario>,
    last_time: Option<Instant>,
}

impl Autosave {
    pub fn new(dir: PathBuf) -> Self {
        Autosave {
            dir,
            last: None,
            last_time: None,
        }
    }

    fn file(&self) -> PathBuf {
        self.dir.join("autosave.ron")
    }

    fn marker(&self) -> PathBuf {
        self.dir.join("autosave.json")
    }

    /// Write the working scenario if it is time and it changed. `original` is its own file.
    pub fn tick(
        &mut self,
        scenario: &Scenario,
        original: Option<&Path>,
        dirty: bool,
    ) -> std::io::Result<bool> {
        if !dirty {
            return Ok(false);
        }
        if self.last.as_ref() == Some(scenario) {
            return Ok(false);
        }
        if self.last_time.is_some_and(|t| t.elapsed() < INTERVAL) {
            return Ok(false);
        }
        self.write_now(scenario, original)?;
        Ok(true)
    }

    /// Write at once (also used before risky operations).
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
        scenario_file::save(&self.file(), &s)?;
        let marker = Marker {
            original: original.map(Path::to_path_buf),
            written: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
        };
        lifegap_core::atomic::write(
            &self.marker(),
            serde_json::to_string(&marker)
                .unwrap_or_default()
                .as_bytes(),
        )?;
        self.last = Some(scenario.clone());
        self.last_time = Some(Instant::now());
        Ok(())
    }

    /// Nothing unsaved any more (saved, or closed cleanly).
    pub fn clear(&mut self) {
        let _ = std::fs::remove_file(self.file());
        let _ = std::fs::remove_file(self.marker());
        self.last = None;
    }

    /// Unsaved work left by a session that did not end cleanly.
    pub fn recovery(&self) -> Option<Recovery> {
        let marker: Marker =
            serde_json::from_str(&std::fs::read_to_string(self.marker()).ok()?).ok()?;
        let file = self.file();
        file.exists().then_some(Recovery {
            scenario_file: file,
            original: marker.original,
            written: marker.written,
        })
    }
}
