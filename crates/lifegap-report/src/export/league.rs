//! The run-all league table as CSV (full precision) and as one self-contained HTML page. Area
//! names come from files colleagues send: CSV cells that a spreadsheet would run as formulas
//! are neutralised ([`csv_safe`]) and every text in the page is HTML-escaped ([`esc`]).

use super::report::esc;
use crate::format::{self as f, csv_safe, num, opt};
use lifegap_core::league::{AreaRow, League};
use lifegap_core::model::area::Sex;
use std::fmt::Write as _;
use std::io;

fn sex_row(r: &AreaRow, sex: Sex) -> Option<&lifegap_core::league::SexRow> {
    r.sexes.iter().find(|s| s.sex == sex)
}

/// One row per area: rank, area, per sex e₀ local/comparator, gap, programme gain and share
/// of the shortfall; per milestone its status and chance; cost a year; error (when none).
pub fn csv(league: &League) -> io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<String> = vec!["rank".into(), "area".into()];
    for s in ["men", "women"] {
        for c in [
            "e0",
            "e0_comparator",
            "gap",
            "programme_gain",
            "share_of_shortfall",
        ] {
            head.push(format!("{c}_{s}"));
        }
    }
    for m in &league.milestone_labels {
        head.push(format!("{m}: status"));
        head.push(format!("{m}: chance met"));
    }
    head.extend(["cost_per_year".into(), "adapted".into(), "error".into()]);
    w.write_record(head.iter().map(|h| csv_safe(h).into_owned()))
        .map_err(io::Error::other)?;
    for (i, o) in league.outcomes.iter().enumerate() {
        let mut cells = vec![(i + 1).to_string(), csv_safe(&o.area).into_owned()];
        match &o.row {
            Ok(r) => {
                for sex in Sex::BOTH {
                    match sex_row(r, sex) {
                        Some(s) => cells.extend([
                            num(s.e0_local),
                            num(s.e0_comparator),
                            num(s.gap),
                            num(s.gain),
                            opt(s.share_of_shortfall),
                        ]),
                        None => cells.extend(std::iter::repeat_n(String::new(), 5)),
                    }
                }
                for label in &league.milestone_labels {
                    match r.milestones.iter().find(|m| &m.label == label) {
                        Some(m) => cells.extend([m.status.clone(), opt(m.probability)]),
                        None => cells.extend([String::new(), String::new()]),
                    }
                }
                cells.extend([num(r.cost_per_year), r.adapted.to_string(), String::new()]);
            }
            Err(e) => {
                cells.extend(std::iter::repeat_n(
                    String::new(),
                    10 + 2 * league.milestone_labels.len() + 2,
                ));
                cells.push(csv_safe(e).into_owned());
            }
        }
        w.write_record(&cells).map_err(io::Error::other)?;
    }
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

const CSS: &str = "body{font-family:\"DejaVu Sans\",Verdana,sans-serif;margin:1em auto;max-width:1400px;font-size:10pt}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:2px 5px;text-align:left}\
th{background:#eef3f8}td.num{text-align:right}.on{background:#d7f0d7}.risk{background:#fff1c2}.off{background:#f8d0d0}\
.na{color:#777}.synthetic{background:#c62828;color:#fff;padding:2px 8px;font-weight:bold}";

fn status_class(s: &str) -> &'static str {
    match s {
        "on track" => "on",
        "at risk" => "risk",
        "off track" => "off",
        _ => "na",
    }
}

/// The league table as one HTML page: no scripts, no external requests, every text escaped.
pub fn html(league: &League, data_source: &str, synthetic: bool) -> String {
    let mut o = String::new();
    let title = format!("League table: {}", league.template);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{CSS}</style></head><body>\n<h1>{}</h1>\n",
        esc(&title),
        esc(&title)
    );
    if synthetic {
        o += "<p><span class=\"synthetic\">SYNTHETIC DATA</span></p>\n";
    }
    let _ = writeln!(
        o,
        "<p>Data: {}. Gap = e₀({}) − e₀(area), base period; areas ranked by the men's gap, widest first.</p>",
        esc(data_source),
        esc(&league.comparator)
    );
    for n in &league.notes {
        let _ = writeln!(o, "<p>{}</p>", esc(n));
    }
    o += "<table>\n<tr><th>#</th><th>Area</th><th>Gap men</th><th>Gap women</th><th>Programmes close (men / women, % of shortfall)</th>";
    for m in &league.milestone_labels {
        let _ = write!(o, "<th>{}</th>", esc(m));
    }
    o += "<th>Cost a year</th></tr>\n";
    for (i, a) in league.outcomes.iter().enumerate() {
        let _ = write!(
            o,
            "<tr><td class=\"num\">{}</td><td>{}</td>",
            i + 1,
            esc(&a.area)
        );
        match &a.row {
            Err(e) => {
                let _ = writeln!(
                    o,
                    "<td colspan=\"{}\">not evaluated: {}</td></tr>",
                    4 + league.milestone_labels.len(),
                    esc(e)
                );
            }
            Ok(r) => {
                let gap = |s| sex_row(r, s).map_or("–".to_string(), |x| f::life_time(x.gap));
                let share =
                    |s| f::or_dash(sex_row(r, s).and_then(|x| x.share_of_shortfall), f::percent);
                let _ = write!(
                    o,
                    "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{} / {}</td>",
                    gap(Sex::Male),
                    gap(Sex::Female),
                    share(Sex::Male),
                    share(Sex::Female)
                );
                for label in &league.milestone_labels {
                    match r.milestones.iter().find(|m| &m.label == label) {
                        Some(m) => {
                            let chance = m
                                .probability
                                .map(|p| format!(" ({})", f::percent(p)))
                                .unwrap_or_default();
                            let _ = write!(
                                o,
                                "<td class=\"{}\">{}{}</td>",
                                status_class(&m.status),
                                esc(&m.status),
                                chance
                            );
                        }
                        None => o += "<td class=\"na\">–</td>",
                    }
                }
                let _ = writeln!(
                    o,
                    "<td class=\"num\">{}</td></tr>",
                    f::money(r.cost_per_year)
                );
            }
        }
    }
    o += "</table>\n<p>Chance met: share of Monte Carlo draws that meet the milestone (blank without draws). Every figure is reproduced for one area by <code>lifegap run</code> on the template with its area set.</p>\n</body></html>\n";
    o
}
