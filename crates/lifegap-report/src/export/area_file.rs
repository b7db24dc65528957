//! Area data as the wide CSV lifegap reads (README "Wide CSV"): `# period`, `# synthetic` and
//! `# note` lines, then one row per area × sex × band. `build-data` writes its output with this.

use crate::format::{csv_safe, write_num};
use lifegap_core::model::area::AreaData;
use std::io;

/// A metadata line's text: one line, no control characters (a file name from an untrusted
/// folder may hold a newline, which would end the comment and start a data row).
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The file's bytes. Area names that a spreadsheet would run as formulas get a leading
/// apostrophe ([`csv_safe`]); `all_causes` is the sum of the cause columns.
pub fn wide_csv(data: &AreaData) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let p = &data.provenance;
    out.extend_from_slice(format!("# synthetic: {}\n", p.synthetic).as_bytes());
    if let Some(period) = &p.period {
        out.extend_from_slice(format!("# period: {}\n", one_line(period)).as_bytes());
    }
    for n in &p.notes {
        let n = one_line(n);
        let n = n.strip_prefix("note:").map(str::trim).unwrap_or(&n);
        out.extend_from_slice(format!("# note: {n}\n").as_bytes());
    }
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["area", "sex", "age", "population"];
    header.extend(data.causes.iter().map(String::as_str));
    header.push("all_causes");
    w.write_record(&header).map_err(io::Error::other)?;
    let mut cell = Vec::with_capacity(24);
    for g in &data.groups {
        for (b, &age) in data.bands.starts().iter().enumerate() {
            w.write_field(csv_safe(&g.area).as_bytes())
                .map_err(io::Error::other)?;
            w.write_field(g.sex.as_str()).map_err(io::Error::other)?;
            w.write_field(age.to_string()).map_err(io::Error::other)?;
            let mut num = |x: f64, w: &mut csv::Writer<Vec<u8>>| {
                cell.clear();
                write_num(&mut cell, x);
                w.write_field(&cell).map_err(io::Error::other)
            };
            num(g.population[b], &mut w)?;
            let mut all = 0.0;
            for c in &g.deaths {
                all += c[b];
                num(c[b], &mut w)?;
            }
            num(all, &mut w)?;
            w.write_record(None::<&[u8]>).map_err(io::Error::other)?;
        }
    }
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}
