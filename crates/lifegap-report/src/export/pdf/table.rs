//! Column widths and row heights of a table, the way a browser's automatic table layout does
//! it (CSS 2.1 §17.5.2.2, simplified): each column gets at least its widest word and, when the
//! page allows, its whole text on one line; the space left is shared in proportion to what each
//! column would still like. When even the widest words do not fit, the type gets smaller (down
//! to 6 pt) before words are broken, so no label is ever cut off.

use super::blocks::{Cell, Table};
use super::text::{Fonts, Line, min_max, wrap};

/// Cell padding, points: left/right and top/bottom.
pub const PAD_X: f32 = 4.0;
pub const PAD_Y: f32 = 2.5;
/// Line height as a multiple of the type size.
pub const LEADING: f32 = 1.25;
const MIN_SIZE: f32 = 6.0;

pub struct LaidCell {
    /// From the table's left edge.
    pub x: f32,
    pub w: f32,
    pub lines: Vec<Line>,
    pub header: bool,
    pub num: bool,
}

pub struct LaidRow {
    pub height: f32,
    pub cells: Vec<LaidCell>,
}

pub struct LaidTable {
    pub size: f32,
    pub width: f32,
    pub header: Option<LaidRow>,
    pub rows: Vec<LaidRow>,
}

fn columns(t: &Table) -> usize {
    t.header
        .iter()
        .chain(t.rows.iter())
        .map(|r| r.iter().map(|c| c.colspan).sum::<usize>())
        .max()
        .unwrap_or(0)
}

fn widths(fonts: &Fonts, t: &Table, n: usize, size: f32, avail: f32) -> Option<Vec<f32>> {
    let (mut lo, mut hi) = (vec![0.0f32; n], vec![0.0f32; n]);
    // A header row's words set how narrow a column may be, but not how wide it would like
    // to be: headers wrap so that the figures under them need not.
    let head = t.header.iter().map(|r| (r, true));
    for (row, is_head) in head.chain(t.rows.iter().map(|r| (r, false))) {
        let mut col = 0;
        for c in row {
            if c.colspan == 1 && col < n {
                let (a, b) = min_max(fonts, &c.runs, size);
                lo[col] = lo[col].max(a + 2.0 * PAD_X + 0.5);
                let b = if is_head { a } else { b };
                hi[col] = hi[col].max(b + 2.0 * PAD_X + 0.5);
            }
            col += c.colspan;
        }
    }
    let (sum_lo, sum_hi) = (lo.iter().sum::<f32>(), hi.iter().sum::<f32>());
    if sum_lo > avail {
        return None;
    }
    if sum_hi <= avail {
        // Everything on one line; the rest shared as the HTML's `width: 100%` does.
        let k = avail / sum_hi.max(1.0);
        return Some(hi.iter().map(|w| w * k).collect());
    }
    // Columns that need little to sit on one line get it first (a quarter, a short number),
    // so what wraps is the long text, not "2009 Q1"; the rest share what is left in
    // proportion to what they would still like.
    let mut w = lo.clone();
    let mut spare = avail - sum_lo;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| (hi[*a] - lo[*a]).total_cmp(&(hi[*b] - lo[*b])));
    let mut rest = Vec::new();
    let mut k = 0;
    while k < order.len() {
        // Columns that would like the same (like a milestone's columns) are decided together,
        // so they get the same width.
        let need = hi[order[k]] - lo[order[k]];
        let same = order[k..]
            .iter()
            .take_while(|i| (hi[**i] - lo[**i] - need).abs() < 0.5)
            .count();
        let fits = need * same as f32 <= spare * same as f32 / (n - k) as f32;
        for &i in &order[k..k + same] {
            if fits {
                w[i] = hi[i];
                spare -= hi[i] - lo[i];
            } else {
                rest.push(i);
            }
        }
        k += same;
    }
    let want: f32 = rest.iter().map(|i| hi[*i] - lo[*i]).sum();
    for i in rest {
        w[i] += (hi[i] - lo[i]) * spare / want.max(f32::EPSILON);
    }
    Some(w)
}

fn row(fonts: &Fonts, cells: &[Cell], w: &[f32], size: f32) -> LaidRow {
    let mut col = 0;
    let mut x = 0.0;
    let mut out = Vec::new();
    let mut lines_max = 1;
    for c in cells {
        let span = c.colspan.min(w.len().saturating_sub(col)).max(1);
        let cw: f32 = w[col.min(w.len() - 1)..(col + span).min(w.len())]
            .iter()
            .sum();
        let lines = wrap(fonts, &c.runs, size, (cw - 2.0 * PAD_X).max(1.0));
        lines_max = lines_max.max(lines.len());
        out.push(LaidCell {
            x,
            w: cw,
            lines,
            header: c.header,
            num: c.num,
        });
        x += cw;
        col += span;
    }
    LaidRow {
        height: lines_max as f32 * size * LEADING + 2.0 * PAD_Y,
        cells: out,
    }
}

/// Lay out `t` in `avail` points of width, starting at `size` points.
pub fn lay_out(fonts: &Fonts, t: &Table, avail: f32, size: f32) -> LaidTable {
    let n = columns(t).max(1);
    let mut s = size;
    let w = loop {
        if let Some(w) = widths(fonts, t, n, s, avail) {
            break w;
        }
        if s <= MIN_SIZE {
            // Words will be broken: equal shares.
            break vec![avail / n as f32; n];
        }
        s = (s - 0.5).max(MIN_SIZE);
    };
    LaidTable {
        size: s,
        width: w.iter().sum(),
        header: t.header.as_ref().map(|h| row(fonts, h, &w, s)),
        rows: t.rows.iter().map(|r| row(fonts, r, &w, s)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::blocks::Run;

    fn cell(t: &str) -> Cell {
        Cell {
            runs: vec![Run {
                text: t.into(),
                bold: false,
                badge: None,
            }],
            header: false,
            num: false,
            colspan: 1,
        }
    }

    #[test]
    fn fills_the_width_and_keeps_short_rows_on_one_line() {
        let f = Fonts::new().unwrap();
        let t = Table {
            header: None,
            rows: vec![vec![cell("a"), cell("bbbb")]],
        };
        let l = lay_out(&f, &t, 400.0, 9.0);
        assert!((l.width - 400.0).abs() < 0.01);
        assert_eq!(l.rows[0].cells[1].lines.len(), 1);
        // The wider text gets the wider column.
        assert!(l.rows[0].cells[1].w > l.rows[0].cells[0].w);
    }

    #[test]
    fn long_text_wraps_inside_its_column_and_no_line_is_wider_than_it() {
        let f = Fonts::new().unwrap();
        let long = "word ".repeat(60);
        let t = Table {
            header: None,
            rows: vec![vec![cell("label"), cell(&long)]],
        };
        let l = lay_out(&f, &t, 300.0, 9.0);
        assert_eq!(l.size, 9.0);
        let c = &l.rows[0].cells[1];
        assert!(c.lines.len() > 1);
        assert!(c.lines.iter().all(|x| x.width <= c.w - 2.0 * PAD_X));
        assert!(l.rows[0].height > 2.0 * 9.0 * LEADING);
        // The short label keeps its line.
        assert_eq!(l.rows[0].cells[0].lines.len(), 1);
        assert!((l.width - 300.0).abs() < 0.01);
    }

    #[test]
    fn too_many_columns_make_the_type_smaller_before_breaking_words() {
        let f = Fonts::new().unwrap();
        let row: Vec<Cell> = (0..10).map(|_| cell("123,456,789,012")).collect();
        let t = Table {
            header: None,
            rows: vec![row],
        };
        let l = lay_out(&f, &t, 774.0, 9.0);
        assert!(l.size < 9.0 && l.size >= MIN_SIZE, "{}", l.size);
        assert!(l.width <= 774.01);
    }
}
