//! Measuring and wrapping text in the bundled font (DejaVu Sans), so the PDF lays out lines
//! with the widths the glyphs will really have (advance widths from the font's `hmtx`).

use super::blocks::{Rgb, Run};
use crate::fonts::{FONT_BOLD, FONT_REGULAR};
use ttf_parser::Face;

/// Badge padding each side of its text, in points at 1 pt type (scaled by the size).
pub const BADGE_PAD: f32 = 0.35;

pub struct Fonts {
    regular: Face<'static>,
    bold: Face<'static>,
}

impl Fonts {
    pub fn new() -> Result<Fonts, String> {
        let face = |b: &'static [u8]| Face::parse(b, 0).map_err(|e| format!("bundled font: {e}"));
        Ok(Fonts {
            regular: face(FONT_REGULAR)?,
            bold: face(FONT_BOLD)?,
        })
    }

    /// Width of `s` in points at `size` points.
    pub fn width(&self, s: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let per_em = face.units_per_em() as f32;
        let units: u32 = s
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .or_else(|| face.glyph_index('?'))
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(0) as u32
            })
            .sum();
        units as f32 * size / per_em
    }
}

/// A piece of a laid-out line, `x` from the line's start.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub x: f32,
    pub w: f32,
    pub text: String,
    pub bold: bool,
    pub badge: Option<Rgb>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    pub items: Vec<Placed>,
    pub width: f32,
}

struct Token<'a> {
    space: bool,
    text: &'a str,
    bold: bool,
    badge: Option<Rgb>,
}

fn tokens(runs: &[Run]) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut pending = false;
    for r in runs {
        if r.badge.is_some() {
            out.push(Token {
                space: pending || r.text.starts_with(' '),
                text: r.text.trim(),
                bold: true,
                badge: r.badge,
            });
            pending = r.text.ends_with(' ');
            continue;
        }
        for (i, piece) in r.text.split(' ').enumerate() {
            if i > 0 {
                pending = true;
            }
            if piece.is_empty() {
                continue;
            }
            out.push(Token {
                space: pending,
                text: piece,
                bold: r.bold,
                badge: None,
            });
            pending = false;
        }
    }
    out
}

/// Break `runs` into lines no wider than `max` points at `size` points. A word wider than a
/// line is broken between characters rather than drawn past the edge.
pub fn wrap(fonts: &Fonts, runs: &[Run], size: f32, max: f32) -> Vec<Line> {
    let space = fonts.width(" ", size, false);
    let pad = BADGE_PAD * size;
    let mut lines = vec![Line::default()];
    for t in tokens(runs) {
        let extra = if t.badge.is_some() { 2.0 * pad } else { 0.0 };
        let w = fonts.width(t.text, size, t.bold) + extra;
        let line = lines.last_mut().expect("one line");
        let gap = if t.space && !line.items.is_empty() {
            space
        } else {
            0.0
        };
        if !line.items.is_empty() && line.width + gap + w > max {
            lines.push(Line::default());
        }
        if w > max && t.badge.is_none() {
            // Too long for any line: character by character.
            for c in t.text.chars() {
                let cw = fonts.width(c.encode_utf8(&mut [0; 4]), size, t.bold);
                let line = lines.last_mut().expect("one line");
                if !line.items.is_empty() && line.width + cw > max {
                    lines.push(Line::default());
                }
                push(
                    lines.last_mut().expect("one line"),
                    0.0,
                    &c.to_string(),
                    cw,
                    t.bold,
                    None,
                );
            }
            continue;
        }
        let line = lines.last_mut().expect("one line");
        let gap = if t.space && !line.items.is_empty() {
            space
        } else {
            0.0
        };
        push(line, gap, t.text, w, t.bold, t.badge);
    }
    lines.retain(|l| !l.items.is_empty());
    lines
}

fn push(line: &mut Line, gap: f32, text: &str, w: f32, bold: bool, badge: Option<Rgb>) {
    if let Some(last) = line.items.last_mut()
        && last.bold == bold
        && last.badge.is_none()
        && badge.is_none()
    {
        if gap > 0.0 {
            last.text.push(' ');
        }
        last.text.push_str(text);
        last.w += gap + w;
    } else {
        line.items.push(Placed {
            x: line.width + gap,
            w,
            text: text.to_string(),
            bold,
            badge,
        });
    }
    line.width += gap + w;
}

/// The widest single word (what a column cannot be narrower than) and the whole text's width
/// on one line.
pub fn min_max(fonts: &Fonts, runs: &[Run], size: f32) -> (f32, f32) {
    let space = fonts.width(" ", size, false);
    let pad = 2.0 * BADGE_PAD * size;
    let (mut widest, mut total) = (0.0f32, 0.0f32);
    for (i, t) in tokens(runs).iter().enumerate() {
        let w = fonts.width(t.text, size, t.bold) + if t.badge.is_some() { pad } else { 0.0 };
        widest = widest.max(w);
        total += w + if t.space && i > 0 { space } else { 0.0 };
    }
    (widest, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str) -> Run {
        Run {
            text: t.into(),
            bold: false,
            badge: None,
        }
    }

    #[test]
    fn widths_scale_with_size_and_add_up() {
        let f = Fonts::new().unwrap();
        let a = f.width("ab", 10.0, false);
        assert!((f.width("ab", 20.0, false) - 2.0 * a).abs() < 1e-4);
        assert!((f.width("a", 10.0, false) + f.width("b", 10.0, false) - a).abs() < 1e-4);
        // Bold DejaVu is wider.
        assert!(f.width("abc", 10.0, true) > f.width("abc", 10.0, false));
    }

    #[test]
    fn wraps_at_spaces_within_the_width_and_keeps_every_word() {
        let f = Fonts::new().unwrap();
        let text = "the quick brown fox jumps over the lazy dog again and again";
        let max = f.width("the quick brown fox", 10.0, false) + 0.5;
        let lines = wrap(&f, &[run(text)], 10.0, max);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| l.width <= max));
        let back: Vec<String> = lines
            .iter()
            .map(|l| l.items.iter().map(|i| i.text.clone()).collect::<String>())
            .collect();
        assert_eq!(back[0], "the quick brown fox");
        assert_eq!(back.join(" "), text);
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_not_overflowing() {
        let f = Fonts::new().unwrap();
        let max = f.width("abcd", 10.0, false) + 0.1;
        let lines = wrap(&f, &[run("abcdefghij")], 10.0, max);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| l.width <= max));
    }

    #[test]
    fn runs_join_without_inventing_spaces() {
        let f = Fonts::new().unwrap();
        let runs = [
            run("Gap is "),
            Run {
                text: "2 years".into(),
                bold: true,
                badge: None,
            },
            run("."),
        ];
        let lines = wrap(&f, &runs, 10.0, 500.0);
        let t: Vec<&str> = lines[0].items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(t, ["Gap is", "2 years", "."]);
        // The full stop sits right after the bold words.
        let (b, dot) = (&lines[0].items[1], &lines[0].items[2]);
        assert!((dot.x - (b.x + b.w)).abs() < 1e-4);
    }
}
