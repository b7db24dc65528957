//! The board pack as an A4-landscape PDF, with no browser: the same content as the HTML pack
//! (read back from it by [`blocks`], so the two cannot drift apart), laid out in pages here and
//! written by [krilla](https://docs.rs/krilla), with the SVG charts the tool already draws
//! embedded as vector graphics by `krilla-svg` (usvg's tree → PDF paths and real text).
//!
//! Why krilla: it is the maintained pure-Rust PDF writer behind typst (embedded, subset
//! TrueType fonts with ToUnicode maps, so the text can be selected, searched and extracted),
//! and `krilla-svg` is svg2pdf's successor, so the plotters SVGs go in as vectors with their
//! labels as real text. Cost, measured on this 2-core machine with a stand-alone program
//! that draws text and an SVG with exactly these crates (krilla without raster images,
//! krilla-svg, usvg, ttf-parser): a cold release build (thin LTO, as ours) takes 4 min 44 s of
//! CPU (`cargo build --timings`: write-fonts, read-fonts and skrifa — font subsetting — are
//! two thirds of it), 43 new crates in Cargo.lock, and a 6.0 MB stripped binary. The
//! alternatives: typst as a library would lay the pack out for us but is typst's whole
//! compiler (and krilla with it) — several times that; printpdf has no SVG-to-vector path
//! that keeps chart text as text and embeds fonts without subsetting. Tables, wrapping and
//! paging are ours (below): a few hundred lines for the pack's fixed set of elements.
//!
//! Layout rules (what the printed HTML got wrong): tables break between rows and repeat their
//! header row on each continuation page; a row is never split; columns are sized to their
//! content and the type shrinks before any word is cut (see [`table`]); a chart is never split
//! and is drawn wide enough for its axis labels to be about 8 pt or more at A4; each section
//! starts a page; every page has the scenario's name and "page N of M" at the foot.

pub mod blocks;
pub mod table;
pub mod text;

use super::board::Board;
use blocks::{Block, ParaStyle, Rgb, Run};
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::{Document, metadata::Metadata};
use krilla_svg::{SurfaceExt, SvgSettings};
use std::sync::Arc;
use table::{LEADING, PAD_X, PAD_Y};
use text::{BADGE_PAD, Fonts, Line};

/// A4 landscape in points (297 × 210 mm).
pub const PAGE_W: f32 = 841.89;
pub const PAGE_H: f32 = 595.28;
/// 12 mm, as the HTML's `@page` margin.
const MARGIN: f32 = 34.0;
const FOOT: f32 = 16.0;
const TOP: f32 = MARGIN;
const BOTTOM: f32 = PAGE_H - MARGIN - FOOT;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
/// A chart's greatest height: two thirds of the page, so the plotters chart (1200 × 650 units,
/// labels 16–18 units) is drawn about 680 pt wide and its axis labels about 9–10 pt.
const FIGURE_H: f32 = 370.0;
/// The least: a chart shrinks to the space left on a page down to this (labels about 8 pt)
/// rather than leave half a page empty; below it, it goes to the next page.
const FIGURE_MIN_H: f32 = 300.0;

const BODY: f32 = 10.0;
const SMALL: f32 = 8.5;
const TABLE: f32 = 9.0;
const INK: Rgb = (0x11, 0x11, 0x11);
const GREY: Rgb = (0x44, 0x44, 0x44);
const RULE: Rgb = (0x1f, 0x77, 0xb4);
const GRID: Rgb = (0xbb, 0xbb, 0xbb);
const HEAD_BG: Rgb = (0xee, 0xf3, 0xf8);

/// One thing drawn on a page (points, origin at the top left; `y` of text is its baseline).
#[derive(Debug, Clone)]
pub enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
    Svg {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        svg: Arc<String>,
    },
}

/// The laid-out pack: pages of drawing operations.
#[derive(Debug, Default)]
pub struct Pages {
    pub pages: Vec<Vec<Op>>,
}

struct Pager<'a> {
    fonts: &'a Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Pager<'_> {
    fn page(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Start a new page unless `h` more points fit on this one (or this one is still empty).
    fn ensure(&mut self, h: f32) {
        if self.y + h > BOTTOM && !self.page().is_empty() {
            self.new_page();
        }
    }

    fn line(&mut self, x0: f32, line: &Line, size: f32, colour: Rgb) {
        let base = self.y + size * 0.95;
        for item in &line.items {
            let x = x0 + item.x;
            let top = self.y;
            if let Some(bg) = item.badge {
                self.page().push(Op::Rect {
                    x,
                    y: top - size * 0.05,
                    w: item.w,
                    h: size * LEADING,
                    fill: Some(bg),
                    stroke: None,
                });
                self.page().push(Op::Text {
                    x: x + BADGE_PAD * size,
                    y: base,
                    size,
                    bold: true,
                    colour: (0xff, 0xff, 0xff),
                    text: item.text.clone(),
                });
            } else {
                self.page().push(Op::Text {
                    x,
                    y: base,
                    size,
                    bold: item.bold,
                    colour,
                    text: item.text.clone(),
                });
            }
        }
    }

    fn paragraph(&mut self, runs: &[Run], size: f32, colour: Rgb, after: f32) {
        for l in text::wrap(self.fonts, runs, size, CONTENT_W) {
            self.ensure(size * LEADING);
            self.line(MARGIN, &l, size, colour);
            self.y += size * LEADING;
        }
        self.y += after;
    }

    fn heading(&mut self, level: u8, text: &str) {
        let size = match level {
            1 => 20.0,
            2 => 15.0,
            _ => 12.0,
        };
        let runs = [Run {
            text: text.to_string(),
            bold: true,
            badge: None,
        }];
        let lines = text::wrap(self.fonts, &runs, size, CONTENT_W);
        // Keep a heading with what follows it.
        self.ensure(lines.len() as f32 * size * LEADING + 70.0);
        self.y += if self.y > TOP { size * 0.6 } else { 0.0 };
        for l in &lines {
            self.line(MARGIN, l, size, INK);
            self.y += size * LEADING;
        }
        if level == 2 {
            let y = self.y + 1.0;
            self.page().push(Op::Rect {
                x: MARGIN,
                y,
                w: CONTENT_W,
                h: 1.5,
                fill: Some(RULE),
                stroke: None,
            });
            self.y += 4.0;
        }
        self.y += size * 0.3;
    }

    fn row(&mut self, x0: f32, row: &table::LaidRow, size: f32) {
        let top = self.y;
        for c in &row.cells {
            self.page().push(Op::Rect {
                x: x0 + c.x,
                y: top,
                w: c.w,
                h: row.height,
                fill: c.header.then_some(HEAD_BG),
                stroke: Some(GRID),
            });
        }
        for c in &row.cells {
            self.y = top + PAD_Y;
            for l in &c.lines {
                let x = if c.num {
                    x0 + c.x + c.w - PAD_X - l.width
                } else {
                    x0 + c.x + PAD_X
                };
                self.line(x, l, size, INK);
                self.y += size * LEADING;
            }
        }
        self.y = top + row.height;
    }

    fn table(&mut self, t: &blocks::Table) {
        let laid = table::lay_out(self.fonts, t, CONTENT_W, TABLE);
        let head_h = laid.header.as_ref().map_or(0.0, |h| h.height);
        let first = laid.rows.first().map_or(0.0, |r| r.height);
        self.ensure(head_h + first);
        if let Some(h) = &laid.header {
            self.row(MARGIN, h, laid.size);
        }
        for r in &laid.rows {
            if self.y + r.height > BOTTOM {
                self.new_page();
                if let Some(h) = &laid.header {
                    self.row(MARGIN, h, laid.size);
                }
            }
            self.row(MARGIN, r, laid.size);
        }
        self.y += 8.0;
    }

    fn figure(&mut self, svg: &str, caption: &str) {
        let (w0, h0) = svg_size(svg).unwrap_or((1200.0, 650.0));
        let runs = [Run {
            text: caption.to_string(),
            bold: false,
            badge: None,
        }];
        let cap = text::wrap(self.fonts, &runs, SMALL, CONTENT_W);
        let cap_h = cap.len() as f32 * SMALL * LEADING + 4.0;
        let full = FIGURE_H.min(CONTENT_W * h0 / w0);
        let left = BOTTOM - self.y - cap_h;
        let h = if left >= full || left < FIGURE_MIN_H.min(full) {
            full
        } else {
            left
        };
        let w = h * w0 / h0;
        self.ensure(h + cap_h);
        let x = MARGIN + (CONTENT_W - w) / 2.0;
        let y = self.y;
        self.page().push(Op::Svg {
            x,
            y,
            w,
            h,
            svg: Arc::new(svg.to_string()),
        });
        self.y += h + 2.0;
        for l in &cap {
            self.line(MARGIN, l, SMALL, GREY);
            self.y += SMALL * LEADING;
        }
        self.y += 8.0;
    }
}

/// `width` and `height` of the outer `<svg>` element.
fn svg_size(svg: &str) -> Option<(f32, f32)> {
    let head = &svg[..svg.find('>')?];
    let num = |name: &str| -> Option<f32> {
        let key = format!("{name}=\"");
        let s = head.find(&key)? + key.len();
        let e = head[s..].find('"')? + s;
        head[s..e].trim_end_matches("px").parse().ok()
    };
    Some((num("width")?, num("height")?)).filter(|(w, h)| *w > 0.0 && *h > 0.0)
}

/// Lay the pack's blocks out on A4-landscape pages, with the running foot on each.
pub fn paginate(blocks: &[Block], title: &str) -> Result<Pages, String> {
    let fonts = Fonts::new()?;
    let mut p = Pager {
        fonts: &fonts,
        pages: vec![Vec::new()],
        y: TOP,
    };
    for b in blocks {
        match b {
            Block::PageBreak => {
                if !p.page().is_empty() {
                    p.new_page();
                }
            }
            Block::Heading(level, text) => p.heading(*level, text),
            Block::Para(style, runs) => match style {
                ParaStyle::Normal => p.paragraph(runs, BODY, INK, 5.0),
                ParaStyle::Finding => {
                    let bold: Vec<Run> = runs
                        .iter()
                        .map(|r| Run {
                            bold: true,
                            ..r.clone()
                        })
                        .collect();
                    p.paragraph(&bold, 12.0, INK, 5.0)
                }
                ParaStyle::Small => p.paragraph(runs, SMALL, GREY, 4.0),
            },
            Block::Table(t) => p.table(t),
            Block::Figure { svg, caption } => p.figure(svg, caption),
        }
    }
    let mut pages = p.pages;
    pages.retain(|pg| !pg.is_empty());
    let n = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let foot = format!("page {} of {n}", i + 1);
        let y = PAGE_H - MARGIN + 2.0;
        let w = fonts.width(&foot, SMALL, false);
        page.push(Op::Text {
            x: MARGIN,
            y,
            size: SMALL,
            bold: false,
            colour: GREY,
            text: title.to_string(),
        });
        page.push(Op::Text {
            x: PAGE_W - MARGIN - w,
            y,
            size: SMALL,
            bold: false,
            colour: GREY,
            text: foot,
        });
    }
    Ok(Pages { pages })
}

fn colour(c: Rgb) -> krilla::paint::Paint {
    krilla::color::rgb::Color::new(c.0, c.1, c.2).into()
}

/// Write laid-out pages as PDF bytes.
pub fn render(pages: &Pages, title: &str) -> Result<Vec<u8>, String> {
    let regular = Font::new(crate::fonts::FONT_REGULAR.into(), 0).ok_or("bundled font")?;
    let bold = Font::new(crate::fonts::FONT_BOLD.into(), 0).ok_or("bundled font")?;
    let svg_options = {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(crate::fonts::FONT_REGULAR.to_vec());
        db.load_font_data(crate::fonts::FONT_BOLD.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        usvg::Options {
            fontdb: Arc::new(db),
            font_family: "DejaVu Sans".into(),
            ..usvg::Options::default()
        }
    };
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .creator("lifegap".into()),
    );
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("page size")?;
    for ops in &pages.pages {
        let mut page = doc.start_page_with(settings.clone());
        let mut s = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: b,
                    colour: c,
                    text,
                } => {
                    s.set_fill(Some(Fill {
                        paint: colour(*c),
                        ..Fill::default()
                    }));
                    s.set_stroke(None);
                    let font = if *b { bold.clone() } else { regular.clone() };
                    s.draw_text(
                        Point::from_xy(*x, *y),
                        font,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill,
                    stroke,
                } => {
                    let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                        continue;
                    };
                    let mut pb = PathBuilder::new();
                    pb.push_rect(rect);
                    let Some(path) = pb.finish() else { continue };
                    s.set_fill(fill.map(|c| Fill {
                        paint: colour(c),
                        ..Fill::default()
                    }));
                    s.set_stroke(stroke.map(|c| Stroke {
                        paint: colour(c),
                        width: 0.5,
                        ..Stroke::default()
                    }));
                    s.draw_path(&path);
                }
                Op::Svg { x, y, w, h, svg } => {
                    let tree = usvg::Tree::from_str(svg, &svg_options)
                        .map_err(|e| format!("chart SVG: {e}"))?;
                    let size = Size::from_wh(*w, *h).ok_or("chart size")?;
                    s.push_transform(&Transform::from_translate(*x, *y));
                    s.draw_svg(&tree, size, SvgSettings::default())
                        .ok_or("cannot draw a chart")?;
                    s.pop();
                }
            }
        }
        s.finish();
        page.finish();
    }
    doc.finish()
        .map_err(|e| format!("cannot write the PDF: {e:?}"))
}

/// The board pack's HTML as PDF bytes.
pub fn from_html(html: &str, title: &str) -> Result<Vec<u8>, String> {
    render(&paginate(&blocks::read(html), title)?, title)
}

/// The board pack as an A4-landscape PDF.
pub fn pdf(b: &Board) -> Result<Vec<u8>, String> {
    from_html(&super::report::html(b)?, &b.scenario.name)
}
