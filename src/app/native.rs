//! Starting the native window: eframe options, renderer choice, and a screenshot mode used to
//! make the README's screens (`lifegap gui FILE --screenshot out.png`).

use super::settings::Screen;
use super::{AppEnv, LifegapApp};
use lifegap_core::model::area::Sex;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Note the process start, for the startup-time report (`LIFEGAP_STARTUP_TIMING=1`).
pub fn mark_start() {
    let _ = STARTED.set(std::time::Instant::now());
}

/// Report the time from process start to the first frame once, when asked to.
pub fn report_first_frame() {
    static DONE: std::sync::Once = std::sync::Once::new();
    if std::env::var_os("LIFEGAP_STARTUP_TIMING").is_some() {
        DONE.call_once(|| {
            if let Some(t) = STARTED.get() {
                eprintln!(
                    "first frame after {:.0} ms",
                    t.elapsed().as_secs_f64() * 1000.0
                );
            }
        });
    }
}

/// How the window is drawn: glow (OpenGL, the default: lower risk on unknown laptops and
/// projectors) or wgpu (only in builds with the `wgpu` feature).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Renderer {
    #[default]
    Glow,
    Wgpu,
}

/// How the window starts.
#[derive(Debug, Clone, Default)]
pub struct GuiOptions {
    pub open: Option<PathBuf>,
    pub renderer: Renderer,
    pub width: f32,
    pub height: f32,
    pub screen: Option<Screen>,
    pub sex: Option<Sex>,
    /// Save a PNG of the window after it settles, then quit.
    pub screenshot: Option<PathBuf>,
    /// Start presenting at this slide (1-based).
    pub slide: Option<usize>,
}

/// A screenshot to take once the window has settled.
pub struct ScreenshotPlan {
    pub path: PathBuf,
    pub frames_left: u32,
    pub requested: bool,
    pub done: Arc<AtomicBool>,
    /// Frames spent waiting for background work (gives up after a minute or so).
    pub waited: u32,
}

impl ScreenshotPlan {
    /// Call once a frame; returns true when the app should close. `busy` holds the shot back
    /// while background work (the Monte Carlo) would still change the picture.
    pub fn tick(&mut self, ctx: &egui::Context, busy: bool) -> bool {
        if self.done.load(Ordering::Relaxed) {
            return true;
        }
        if busy && self.waited < 3000 {
            self.waited += 1;
            ctx.request_repaint_after(std::time::Duration::from_millis(20));
            return false;
        }
        if self.frames_left > 0 {
            self.frames_left -= 1;
            ctx.request_repaint();
            return false;
        }
        if !self.requested {
            self.requested = true;
            let (path, done, c) = (self.path.clone(), Arc::clone(&self.done), ctx.clone());
            ctx.request_screenshot(move |img| {
                if let Err(e) = save_png(&path, &img) {
                    eprintln!("error: cannot save screenshot {}: {e}", path.display());
                }
                done.store(true, Ordering::Relaxed);
                c.request_repaint();
            });
        }
        ctx.request_repaint();
        false
    }
}

pub fn save_png(path: &std::path::Path, img: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = img.size;
    let bytes: Vec<u8> = img.pixels.iter().flat_map(|c| c.to_array()).collect();
    let png = lifegap_report::export::charts::png_from_rgba(w as u32, h as u32, bytes)?;
    lifegap_core::atomic::write(path, &png).map_err(|e| e.to_string())
}

/// The folder for autosave and settings: `LIFEGAP_DATA_DIR`, else eframe's storage folder.
pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os("LIFEGAP_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| eframe::storage_dir("lifegap"))
}

pub fn run(opts: GuiOptions) -> Result<(), String> {
    let renderer = match opts.renderer {
        Renderer::Glow => eframe::Renderer::Glow,
        #[cfg(feature = "wgpu")]
        Renderer::Wgpu => eframe::Renderer::Wgpu,
        #[cfg(not(feature = "wgpu"))]
        Renderer::Wgpu => {
            return Err(
                "the wgpu renderer is not in this build: rebuild with --features wgpu, or use glow"
                    .into(),
            );
        }
    };
    let size = if opts.width > 0.0 {
        [opts.width, opts.height]
    } else {
        [1280.0, 800.0]
    };
    let dir = data_dir();
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("lifegap")
            .with_app_id("lifegap")
            .with_inner_size(size)
            .with_min_inner_size([900.0, 600.0])
            .with_drag_and_drop(true),
        renderer,
        // Screenshots must be exactly the size asked for, not the last window size.
        persist_window: opts.screenshot.is_none(),
        persistence_path: dir.as_ref().map(|d| d.join("app.ron")),
        system_font_fallback: false,
        ..Default::default()
    };
    let env = AppEnv {
        today: lifegap_core::clock::today(),
        data_dir: if opts.screenshot.is_some() { None } else { dir },
        dialogs: Arc::new(super::dialogs::NativeDialogs),
    };
    eframe::run_native(
        "lifegap",
        native,
        Box::new(move |cc| {
            let shot = opts.screenshot.is_some();
            let mut app = LifegapApp::new(cc, env, opts.open.clone());
            if let Some(s) = opts.screen {
                app.screen = s;
            }
            if let Some(s) = opts.sex {
                app.view.sex = s;
            }
            if let Some(n) = opts.slide {
                app.start_presentation(&cc.egui_ctx);
                if let Some(p) = &mut app.present {
                    p.slide = n.saturating_sub(1);
                }
            }
            if shot {
                // Screenshots show the scenario, not a recovery prompt; and repeatable looks.
                app.modal = None;
                app.settings.zoom = 1.0;
                app.apply_look(&cc.egui_ctx);
            }
            app.screenshot = opts.screenshot.map(|path| ScreenshotPlan {
                path,
                frames_left: 30,
                requested: false,
                done: Arc::new(AtomicBool::new(false)),
                waited: 0,
            });
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| e.to_string())
}
