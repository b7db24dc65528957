//! The board pack's HTML read back as blocks (headings, paragraphs, tables, figures) for the
//! PDF. The pack is written once, in `report.rs`, and both the HTML and the PDF come from that
//! text, so they never say different things. Only the small set of elements `report.rs` and
//! `extras.rs` write is understood (section, h1–h3, p, table/tr/th/td, figure with an inline
//! SVG and a figcaption, span.status, span.synthetic, strong); anything else is read as text.

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

/// A piece of text with one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    /// A filled badge behind white bold text (a RAG status, the SYNTHETIC mark).
    pub badge: Option<Rgb>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaStyle {
    Normal,
    /// A headline finding (bold, larger).
    Finding,
    /// Notes under a table (smaller, grey).
    Small,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub runs: Vec<Run>,
    pub header: bool,
    pub num: bool,
    pub colspan: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The first row when every cell of it is a `th`: repeated on each continuation page.
    pub header: Option<Vec<Cell>>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A `<section>` other than the first: starts a new page.
    PageBreak,
    Heading(u8, String),
    Para(ParaStyle, Vec<Run>),
    Table(Table),
    /// An inline SVG chart and its caption.
    Figure {
        svg: String,
        caption: String,
    },
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// `#rrggbb` in a `style="background:#rrggbb"`.
fn background(tag: &str) -> Option<Rgb> {
    let style = attr(tag, "style")?;
    let hex = style
        .split("background:")
        .nth(1)?
        .trim()
        .trim_start_matches('#');
    let h = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some((h(0)?, h(2)?, h(4)?))
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    /// Runs being collected for the open heading, paragraph, caption or cell.
    runs: Vec<Run>,
    bold: usize,
    badge: Vec<Option<Rgb>>,
    para: Option<ParaStyle>,
    heading: Option<u8>,
    table: Option<Table>,
    row: Option<Vec<Cell>>,
    cell: Option<(bool, bool, usize)>,
    figure_svg: Option<String>,
    caption: bool,
}

impl Reader {
    fn text(&mut self, raw: &str) {
        let collecting =
            self.para.is_some() || self.heading.is_some() || self.cell.is_some() || self.caption;
        if !collecting {
            return;
        }
        let text = unescape(raw);
        if text.is_empty() {
            return;
        }
        let badge = self.badge.iter().rev().find_map(|b| *b);
        let bold = self.bold > 0 || badge.is_some();
        match self.runs.last_mut() {
            Some(r) if r.bold == bold && r.badge == badge => r.text.push_str(&text),
            _ => self.runs.push(Run { text, bold, badge }),
        }
    }

    fn take_runs(&mut self) -> Vec<Run> {
        let mut runs = std::mem::take(&mut self.runs);
        // HTML's whitespace rule: each stretch of white space is one space; none at the ends.
        for r in &mut runs {
            let mut out = String::with_capacity(r.text.len());
            let mut space = false;
            for c in r.text.chars() {
                if c.is_whitespace() {
                    space = true;
                } else {
                    if space {
                        out.push(' ');
                    }
                    space = false;
                    out.push(c);
                }
            }
            if space {
                out.push(' ');
            }
            r.text = out;
        }
        if let Some(r) = runs.first_mut() {
            r.text = r.text.trim_start().to_string();
        }
        if let Some(r) = runs.last_mut() {
            r.text = r.text.trim_end().to_string();
        }
        runs.retain(|r| !r.text.is_empty());
        runs
    }

    fn open(&mut self, name: &str, tag: &str) {
        match name {
            "section" => {
                let first = attr(tag, "class").is_some_and(|c| c.split(' ').any(|c| c == "first"));
                if !first && !self.blocks.is_empty() {
                    self.blocks.push(Block::PageBreak);
                }
            }
            "h1" | "h2" | "h3" => {
                self.heading = name[1..].parse().ok();
                self.runs.clear();
            }
            "p" => {
                let class = attr(tag, "class").unwrap_or_default();
                self.para = Some(match class.as_str() {
                    "finding" => ParaStyle::Finding,
                    "small" => ParaStyle::Small,
                    _ => ParaStyle::Normal,
                });
                self.runs.clear();
            }
            "table" => self.table = Some(Table::default()),
            "tr" => self.row = Some(Vec::new()),
            "th" | "td" => {
                let num = attr(tag, "class").is_some_and(|c| c.split(' ').any(|c| c == "num"));
                let span = attr(tag, "colspan")
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(1usize)
                    .max(1);
                self.cell = Some((name == "th", num, span));
                self.runs.clear();
            }
            "strong" | "b" => self.bold += 1,
            "span" => {
                let class = attr(tag, "class").unwrap_or_default();
                self.badge.push(match class.as_str() {
                    "status" => background(tag).or(Some((0x55, 0x55, 0x55))),
                    "synthetic" => Some((0xc6, 0x28, 0x28)),
                    _ => None,
                });
            }
            "figcaption" => {
                self.caption = true;
                self.runs.clear();
            }
            "br" => self.text(" "),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "h1" | "h2" | "h3" => {
                if let Some(level) = self.heading.take() {
                    let text = self
                        .take_runs()
                        .into_iter()
                        .map(|r| r.text)
                        .collect::<String>();
                    self.blocks.push(Block::Heading(level, text));
                }
            }
            "p" => {
                if let Some(style) = self.para.take() {
                    let runs = self.take_runs();
                    if !runs.is_empty() {
                        self.blocks.push(Block::Para(style, runs));
                    }
                }
            }
            "th" | "td" => {
                if let Some((header, num, colspan)) = self.cell.take() {
                    let runs = self.take_runs();
                    if let Some(row) = &mut self.row {
                        row.push(Cell {
                            runs,
                            header,
                            num,
                            colspan,
                        });
                    }
                }
            }
            "tr" => {
                if let (Some(row), Some(table)) = (self.row.take(), &mut self.table)
                    && !row.is_empty()
                {
                    if table.header.is_none()
                        && table.rows.is_empty()
                        && row.iter().all(|c| c.header)
                    {
                        table.header = Some(row);
                    } else {
                        table.rows.push(row);
                    }
                }
            }
            "table" => {
                if let Some(t) = self.table.take() {
                    self.blocks.push(Block::Table(t));
                }
            }
            "strong" | "b" => self.bold = self.bold.saturating_sub(1),
            "span" => {
                self.badge.pop();
            }
            "figcaption" => {
                self.caption = false;
                let caption = self
                    .take_runs()
                    .into_iter()
                    .map(|r| r.text)
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some(svg) = self.figure_svg.take() {
                    self.blocks.push(Block::Figure { svg, caption });
                }
            }
            _ => {}
        }
    }
}

/// The blocks of a board pack's HTML, in reading order.
pub fn read(html: &str) -> Vec<Block> {
    let mut r = Reader::default();
    // Nothing before <body> is content (title, CSS).
    let mut rest = html.find("<body").map_or(html, |i| &html[i..]);
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            r.text(rest);
            break;
        };
        r.text(&rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else {
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name == "svg" && !closing {
            // The chart: kept whole for the PDF's vector drawing.
            let end = rest
                .find("</svg>")
                .map_or(rest.len(), |i| i + "</svg>".len());
            r.figure_svg = Some(format!("<{tag}>{}", &rest[..end]));
            rest = &rest[end..];
            continue;
        }
        if closing {
            r.close(&name);
        } else {
            r.open(&name, tag);
        }
    }
    r.blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headings_paragraphs_tables_and_figures() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body>\
            <section class=\"first\"><h1>Area &amp; plan</h1><p class=\"finding\">Gap is <strong>2 years</strong>.</p>\
            <table><tr><th>A</th><th class=\"num\">B</th></tr><tr><td>x</td><td class=\"num\">1</td></tr>\
            <tr><td>s</td><td><span class=\"status\" style=\"background:#2e7d32\">ON TRACK</span></td></tr></table></section>\
            <section id=\"b\"><h2>Two</h2><figure><svg width=\"10\" height=\"5\"><text>t</text></svg><figcaption>Cap</figcaption></figure></section></body></html>";
        let b = read(html);
        assert_eq!(b[0], Block::Heading(1, "Area & plan".into()));
        let Block::Para(ParaStyle::Finding, runs) = &b[1] else {
            panic!("{:?}", b[1])
        };
        assert_eq!(runs.len(), 3);
        assert!(runs[1].bold && runs[1].text == "2 years");
        let Block::Table(t) = &b[2] else {
            panic!("{:?}", b[2])
        };
        let h = t.header.as_ref().unwrap();
        assert_eq!(h.len(), 2);
        assert!(h[1].num && h[1].header);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1][1].runs[0].badge, Some((0x2e, 0x7d, 0x32)));
        assert_eq!(b[3], Block::PageBreak);
        assert_eq!(b[4], Block::Heading(2, "Two".into()));
        let Block::Figure { svg, caption } = &b[5] else {
            panic!("{:?}", b[5])
        };
        assert!(svg.starts_with("<svg width=\"10\"") && svg.ends_with("</svg>"));
        assert_eq!(caption, "Cap");
    }

    #[test]
    fn a_first_row_with_a_data_cell_is_not_a_header() {
        let b = read("<body><table><tr><th>k</th><td>v</td></tr></table>");
        let Block::Table(t) = &b[0] else { panic!() };
        assert!(t.header.is_none());
        assert_eq!(t.rows.len(), 1);
    }
}
