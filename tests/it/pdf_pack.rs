//! The board pack as a PDF (`lifegap report --pdf`): A4 landscape, every page renders
//! (poppler's `pdftoppm`), and no table is cut — every row of every table in the HTML pack is in
//! the PDF's text, in order, and a table that runs onto another page repeats its header there.
//! Needs poppler-utils (README step 1 installs it; `.ci/run` too): the test fails, never skips,
//! without it.

use crate::common::shipped;
use assert_cmd::Command;
use lifegap_report::export::pdf::blocks::{self, Block};
use std::path::Path;

fn tool(name: &str) -> std::process::Command {
    let found = std::process::Command::new(name).arg("-v").output().is_ok();
    assert!(
        found,
        "{name} is missing: install poppler-utils (README step 1)"
    );
    std::process::Command::new(name)
}

pub(crate) fn pages(pdf: &Path) -> usize {
    let out = tool("pdfinfo").arg(pdf).output().unwrap();
    assert!(out.status.success(), "pdfinfo failed");
    let text = String::from_utf8(out.stdout).unwrap();
    let line = |key: &str| {
        text.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("no {key} in {text}"))
            .to_string()
    };
    // A4 landscape: 841.89 x 595.28 pts.
    assert!(line("Page size:").contains("841.89 x 595.28"), "{text}");
    line("Pages:")
        .split_whitespace()
        .last()
        .unwrap()
        .parse()
        .unwrap()
}

/// The text of page `n` (1-based) in drawing order, white space made single spaces.
pub(crate) fn page_text(pdf: &Path, n: usize) -> String {
    let out = tool("pdftotext")
        .args(["-raw", "-f", &n.to_string(), "-l", &n.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    norm(&String::from_utf8(out.stdout).unwrap())
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cell_text(c: &blocks::Cell) -> String {
    norm(&c.runs.iter().map(|r| r.text.as_str()).collect::<String>())
}

#[test]
fn the_pdf_pack_is_a4_landscape_and_no_table_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = shipped()
        .into_iter()
        .find(|p| p.ends_with("demo-2010-countdown.ron"))
        .unwrap();
    let (html_out, pdf_out) = (dir.path().join("pack.html"), dir.path().join("pack.pdf"));
    Command::cargo_bin("lifegap")
        .unwrap()
        .arg("report")
        .arg(&scenario)
        .arg("--out")
        .arg(&html_out)
        .arg("--pdf")
        .arg(&pdf_out)
        .args(["--draws", "100"])
        .assert()
        .success();
    let bytes = std::fs::read(&pdf_out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let n = pages(&pdf_out);
    // Summary, gap, rates, programmes, countdowns, delivery, action plan, assumptions: each
    // section starts a page, and the charts and long tables take more.
    assert!((10..=60).contains(&n), "{n} pages");

    // Every page renders to an image (poppler), at A4 landscape proportions.
    let prefix = dir.path().join("page");
    let status = tool("pdftoppm")
        .args(["-r", "20", "-png"])
        .arg(&pdf_out)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let mut images: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    images.sort();
    assert_eq!(images.len(), n);
    let img = image::open(&images[0]).unwrap();
    let ratio = img.width() as f64 / img.height() as f64;
    assert!((ratio - 297.0 / 210.0).abs() < 0.02, "{ratio}");

    // No table is cut: each row of each table of the HTML pack is in the PDF, in order (its
    // first cell), and a table that carries on onto a page repeats its header there.
    let texts: Vec<String> = (1..=n).map(|i| page_text(&pdf_out, i)).collect();
    let html = std::fs::read_to_string(&html_out).unwrap();
    let (mut page, mut pos) = (0usize, 0usize);
    let mut rows_checked = 0;
    let mut continued = 0;
    for b in blocks::read(&html) {
        let Block::Table(t) = b else { continue };
        let header = t
            .header
            .as_ref()
            .map(|h| h.iter().map(cell_text).collect::<Vec<_>>().join(" "));
        let mut started = false;
        for row in &t.rows {
            let want = cell_text(&row[0]);
            if want.is_empty() {
                continue;
            }
            // On the page of the last row found, after it; or on a later page, where a table
            // already begun must first repeat its header.
            if let Some(i) = texts[page][pos..].find(&want) {
                pos += i + want.len();
            } else {
                let next = (page + 1..n).find(|p| texts[*p].contains(&want));
                let p = next.unwrap_or_else(|| {
                    panic!(
                        "row {want:?} (table headed {header:?}) is not in the PDF after page {}",
                        page + 1
                    )
                });
                let from = match (&header, started) {
                    (Some(h), true) => {
                        let at = texts[p].find(h.as_str()).unwrap_or_else(|| {
                            panic!(
                                "page {}: the table headed {h:?} carries on without its header",
                                p + 1
                            )
                        });
                        continued += 1;
                        at + h.len()
                    }
                    _ => 0,
                };
                let i = texts[p][from..].find(&want).unwrap_or_else(|| {
                    panic!("page {}: row {want:?} is not after the header", p + 1)
                });
                (page, pos) = (p, from + i + want.len());
            }
            started = true;
            rows_checked += 1;
        }
    }
    assert!(rows_checked > 100, "{rows_checked} rows");
    // The delivery plans run to 2013: their quarters split across pages with the header.
    assert!(continued >= 1, "no table ran onto a second page");
    let all = texts.join(" ");
    for q in ["2009 Q1", "2010 Q4", "2013 Q1", "2013 Q4"] {
        assert!(all.contains(q), "quarter {q} missing");
    }
    // Partner contributions in human units (people; days, weeks or months), never
    // thousandths of a year.
    let plan =
        &all[all.find("Thematic action plan").unwrap()..all.find("Assumptions and data").unwrap()];
    assert!(
        !plan.contains("0.0"),
        "a partner's part printed in years: {plan}"
    );
    assert!(plan.contains(" people; "), "{plan}");
    assert!(plan.contains(" day"), "{plan}");

    // The gap by cause × age, a chart per sex (its title is the chart's text).
    for who in ["men", "women"] {
        assert!(
            all.contains(&format!("Where the {who}'s gap is: by age and cause")),
            "no cause × age chart for {who}"
        );
    }
    // Made with draws: the drivers' tornado, names as text.
    assert!(all.contains("What drives the uncertainty"));
    // A commitment sheet per partner, each alone on one page with its signature line (a page
    // break before each; the whole sheet fits its page).
    let sheets: Vec<String> = blocks::read(&html)
        .into_iter()
        .filter_map(|b| match b {
            Block::Heading(2, t) if t.starts_with("Commitment sheet: ") => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(sheets.len(), 7, "{sheets:?}");
    for h in &sheets {
        let on: Vec<usize> = (0..n).filter(|p| texts[*p].contains(h.as_str())).collect();
        assert_eq!(on.len(), 1, "{h} on pages {on:?}");
        let page = &texts[on[0]];
        assert_eq!(
            page.matches("Commitment sheet: ").count(),
            1,
            "{h} shares its page"
        );
        assert!(
            page.contains("Signed for the partner"),
            "{h} runs off its page: {page}"
        );
    }
}

/// File ▸ Export board pack (PDF)… in the app, headless: the prompt's typed path, then the
/// worker writes the same pack as `lifegap report --pdf` (A4 landscape, the delivery plan's
/// last quarter in it) and says where.
#[test]
fn the_app_exports_the_pdf_from_the_file_menu() {
    use lifegap::app::{AppEnv, LifegapApp};
    let demo = crate::common::workspace_root().join("scenarios/demo-2010-countdown.ron");
    let mut app = LifegapApp::with_scenario_file(&demo, AppEnv::headless());
    app.view.mc_paused = true;
    let mut h = crate::ui::harness(app);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("from-the-app.pdf");
    export_pdf_from_the_menu(&mut h, &out);
    let (msg, _) = h.state().status.clone().expect("a message");
    assert!(msg.contains("PDF, A4 landscape"), "{msg}");
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    let n = pages(&out);
    assert!(n >= 10, "{n} pages");
    let all: String = (1..=n)
        .map(|i| page_text(&out, i))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(all.contains("2013 Q4"), "the delivery plan's last quarter");
    assert!(all.contains("Thematic action plan"));
}

/// File ▸ Export board pack (PDF)…, the path typed into the prompt, and the worker waited for.
pub(crate) fn export_pdf_from_the_menu(
    h: &mut egui_kittest::Harness<'static, lifegap::app::LifegapApp>,
    out: &Path,
) {
    use egui_kittest::kittest::Queryable;
    h.get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    h.run();
    h.get_by_label("Export board pack (PDF)…").click();
    h.run();
    h.get_by_label("File path").focus();
    h.run();
    h.get_by_label("File path")
        .set_text_value_accesskit(&out.display().to_string());
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let start = std::time::Instant::now();
    while h.state().export_rx.is_some() {
        assert!(start.elapsed().as_secs() < 120, "the PDF export timed out");
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    h.run();
}
