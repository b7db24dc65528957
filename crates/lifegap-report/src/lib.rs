//! lifegap's figures as people read them, for every face (desktop app, slides, command line,
//! board pack): number formatting ([`format`]), colours with a meaning ([`palette`]), the
//! bundled font ([`fonts`]), view models of every chart and table ([`views`]) and the
//! exports ([`export`]: CSV, SVG/PNG charts, the HTML report).
//!
//! It reads `lifegap_core`'s `Evaluation` and draws nothing on screen: no egui here, so
//! an export made by the CLI is the one the app makes.

pub mod export;
pub mod fonts;
pub mod format;
pub mod palette;
pub mod views;
