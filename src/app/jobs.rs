//! Long computations off the UI thread: the Monte Carlo runs in the background with progress
//! and cancel, and its result is used only if the scenario has not changed since.

use lifegap_core::evaluate::uncertainty;
use lifegap_core::model::projection::Simulator;
use lifegap_core::model::scenario::Scenario;
use lifegap_core::model::uncertainty::{Control, Uncertainty};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};

pub struct McJob {
    /// The scenario the draws are for.
    pub scenario: Scenario,
    pub draws: u32,
    cancel: Arc<AtomicBool>,
    progress: Arc<AtomicUsize>,
    rx: Receiver<Result<Option<Uncertainty>, String>>,
}

impl McJob {
    pub fn start(sim: Simulator, scenario: Scenario, repaint: impl Fn() + Send + 'static) -> McJob {
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = channel();
        let draws = scenario.uncertainty.draws;
        let (c, p, s) = (Arc::clone(&cancel), Arc::clone(&progress), scenario.clone());
        std::thread::spawn(move || {
            let control = Control {
                cancel: Some(&c),
                progress: Some(&p),
            };
            let res = uncertainty(&sim, &s, draws, control).map_err(|e| e.to_string());
            let _ = tx.send(res);
            repaint();
        });
        McJob {
            scenario,
            draws,
            cancel,
            progress,
            rx,
        }
    }

    /// Share of draws done.
    pub fn fraction(&self) -> f32 {
        self.progress.load(Ordering::Relaxed) as f32 / self.draws.max(1) as f32
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The finished result: `Some(Ok(None))` when cancelled, an error if the worker died.
    pub fn poll(&self) -> Option<Result<Option<Uncertainty>, String>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Some(Err("the uncertainty worker stopped unexpectedly".into()))
            }
        }
    }
}

impl Drop for McJob {
    fn drop(&mut self) {
        self.cancel();
    }
}
