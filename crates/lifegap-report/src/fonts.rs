//! The bundled font (DejaVu Sans, see `assets/fonts/README.md`): the app, the slides and every
//! exported chart use these bytes, never a system font, so a board pack looks the same on
//! every machine.

pub const FONT_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
