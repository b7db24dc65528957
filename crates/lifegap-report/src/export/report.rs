//! The board pack: one self-contained HTML file (inline SVG charts, inline CSS, no external
//! requests) that prints cleanly to A4 landscape — summary, gap breakdown, programme
//! contributions with their sources, milestone countdowns, what it would take to meet each
//! milestone (`goal_seek_pack`), delivery milestones, the thematic
//! action plan with its checklist, assumptions and data provenance.
//!
//! Printed from a browser, long tables repeat their header row on each page (`thead`, see
//! [`header_groups`]) and nothing scrolls. The PDF (`super::pdf`) is laid out from this same
//! text, so the two packs always say the same thing.

use super::board::Board;
use super::charts::{self, Chart};
use crate::format as f;
use crate::palette;
use crate::views;
use lifegap_core::model::action_plan::contributions;
use lifegap_core::model::area::Sex;
use lifegap_core::model::causes;
use lifegap_core::model::scenario::Trend;
use std::fmt::Write as _;

/// HTML-escape text.
pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const CSS: &str = r#"
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #111; margin: 0 auto; max-width: 1200px; font-size: 11pt; }
h1 { font-size: 22pt; margin: 0.2em 0; }
h2 { font-size: 16pt; border-bottom: 2px solid #1f77b4; padding-bottom: 2px; margin-top: 1.2em; }
h3 { font-size: 13pt; margin: 0.8em 0 0.3em; }
.finding { font-size: 14pt; font-weight: bold; }
.synthetic { background: #c62828; color: #fff; padding: 2px 8px; font-weight: bold; }
table { border-collapse: collapse; margin: 0.4em 0 0.8em; width: 100%; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eef3f8; }
td.num, th.num { text-align: right; }
.status { color: #fff; font-weight: bold; padding: 1px 6px; border-radius: 3px; white-space: nowrap; }
figure { margin: 0.4em 0 1em; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #444; }
thead { display: table-header-group; }
tr, figure, .finding { break-inside: avoid; page-break-inside: avoid; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
table.delivery { width: auto; min-width: 50%; }
.small { font-size: 9pt; color: #444; }
section { page-break-before: always; }
section.first { page-break-before: avoid; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
@media print { a { color: inherit; text-decoration: none; } body { max-width: none; } * { overflow: visible !important; } table { font-size: 9pt; } }
"#;

pub(crate) fn figure(out: &mut String, chart: &Chart) -> Result<(), String> {
    let svg = charts::svg(chart, 1200, 650)?;
    let _ = writeln!(
        out,
        "<figure id=\"chart-{}\" data-chart=\"{}\">{}<figcaption>{}</figcaption></figure>",
        esc(&chart.id),
        esc(&chart.id),
        svg,
        esc(&chart.title)
    );
    Ok(())
}

/// A milestone's value as the board reads it: a gap in days, weeks, months or years of life
/// expectancy (never thousandths of a year), life expectancy itself to two decimals, a
/// relative gap as a percentage. (The CSV exports keep years at full precision.)
fn measure_text(m: lifegap_core::model::milestones::Measure, v: f64) -> String {
    use lifegap_core::model::milestones::Measure;
    match m {
        Measure::GapYears => f::life_time(v),
        Measure::GapShare => f::percent(v),
        Measure::LifeExpectancy => f::gain(v),
    }
}

fn status_html(s: lifegap_core::model::milestones::Status) -> String {
    format!(
        "<span class=\"status\" style=\"background:{}\">{}</span>",
        palette::hex(palette::rag(s)),
        s.label()
    )
}

/// The PSA-era mortality rates (directly standardised, ESP 1976, Dobson limits) for the area
/// and comparator by sex, as `lifegap dsr` prints them; nothing without the data.
fn mortality_section(o: &mut String, b: &Board) {
    use lifegap_core::model::dsr::{Measure, Standard, rate_gap};
    let (Some(data), s) = (b.data, b.scenario) else {
        return;
    };
    let mut rows = Vec::new();
    for sex in Sex::BOTH {
        for m in Measure::ALL {
            if let Ok(r) = rate_gap(
                data,
                &s.area,
                &s.comparator,
                sex,
                m,
                Standard::Esp1976,
                0.95,
            ) {
                rows.push(r);
            }
        }
    }
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "<section id=\"mortality\"><h2>Mortality rates (the PSA measures)</h2>\n<p class=\"small\">Directly standardised rates per 100,000, European Standard Population 1976, {}; 95% limits by Dobson's method (as PHE's phe_dsr). Circulatory disease and cancer are counted under 75.</p>",
        s.base_period
    );
    let _ = write!(
        o,
        "<table><tr><th>Measure</th><th></th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">Gap</th><th class=\"num\">Gap %</th></tr>",
        esc(&s.area),
        esc(&s.comparator)
    );
    let lim = |d: &lifegap_core::model::dsr::Dsr| match (d.lower, d.upper) {
        (Some(l), Some(u)) => format!("{:.1} ({:.1}–{:.1})", d.value, l, u),
        _ => format!("{:.1}", d.value),
    };
    for r in &rows {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{:+.1}</td><td class=\"num\">{}</td></tr>",
            esc(r.measure.label()),
            r.sex.plural_label(),
            lim(&r.area),
            lim(&r.comparator),
            r.absolute(),
            r.relative()
                .map_or("–".to_string(), |x| format!("{:+.1}%", x * 100.0))
        );
    }
    o.push_str("</table></section>\n");
}

/// When the pack is made with Monte Carlo draws: what drives each milestone's uncertainty, a
/// tornado per milestone (`super::tornado`), after the countdowns it qualifies.
fn drivers(o: &mut String, b: &Board) {
    let Some(u) = b.uncertainty else { return };
    let mut first = true;
    for (i, m) in u.milestones.iter().enumerate() {
        let Some(svg) = super::tornado::svg(
            &format!("What drives the chance of meeting {}", m.label),
            &m.drivers,
        ) else {
            continue;
        };
        if first {
            let _ = writeln!(
                o,
                "<h3>What drives the uncertainty</h3><p class=\"small\">Over {} Monte Carlo draws, each evidence parameter's rank correlation with meeting the milestone: a bar to the right means the higher the value, the likelier the milestone is met; to the left, the less likely. The strongest first.</p>",
                u.draws
            );
            first = false;
        }
        let _ = writeln!(
            o,
            "<figure id=\"chart-drivers-{n}\" data-chart=\"drivers-{n}\">{svg}<figcaption>{}: what drives its chance of being met ({} chance)</figcaption></figure>",
            esc(&m.label),
            f::percent(m.probability_met),
            n = i + 1
        );
        // A row named for a published source stands for every parameter drawn from it.
        let shared: Vec<String> = m
            .drivers
            .iter()
            .filter(|d| d.is_shared())
            .map(|d| format!("{} drives {}", esc(&d.parameter), esc(&d.drives())))
            .collect();
        if !shared.is_empty() {
            let _ = writeln!(
                o,
                "<p class=\"small\">One source, one draw: {}.</p>",
                shared.join("; ")
            );
        }
    }
}

/// The board pack as HTML text.
pub fn html(b: &Board) -> Result<String, String> {
    let s = b.scenario;
    let r = b.results;
    let all = charts::all(b);
    let cause_age = charts::cause_age(b);
    let chart = |id: &str| all.iter().find(|c| c.id == id);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{}</style></head><body>",
        esc(&s.name),
        CSS
    );

    // 1. Summary.
    let _ = writeln!(
        o,
        "<section class=\"first\" id=\"summary\"><h1>{}</h1>",
        esc(&s.name)
    );
    if b.provenance.synthetic {
        o.push_str("<p><span class=\"synthetic\">SYNTHETIC DATA</span> These figures are invented for demonstration.</p>\n");
    }
    let _ = writeln!(
        o,
        "<p>{} compared with {}; data {} ({}); planning date {}.</p>",
        esc(&s.area),
        esc(&s.comparator),
        esc(&b.provenance.source),
        esc(&b
            .provenance
            .period
            .clone()
            .unwrap_or_else(|| s.base_period.to_string())),
        r.as_of
    );
    for sex in Sex::BOTH {
        if let Some((l, c)) = b.e0(sex) {
            let _ = writeln!(
                o,
                "<p class=\"finding\">{}.</p>",
                esc(&views::findings::gap(s, sex, l, c))
            );
        }
        let _ = writeln!(
            o,
            "<p class=\"finding\">{}.</p>",
            esc(&views::findings::programmes(r, sex))
        );
    }
    let _ = writeln!(
        o,
        "<table><tr><th></th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">Gap (95% interval)</th></tr>",
        esc(&s.area),
        esc(&s.comparator)
    );
    for base in &b.evaluation.base {
        let (l, c) = (&base.local.rows[0], &base.comparator.rows[0]);
        let gap = c.e - l.e;
        let se = (l.se.powi(2) + c.se.powi(2)).sqrt();
        let z = lifegap_core::model::normal::Z95;
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"num\">{} ({}–{})</td><td class=\"num\">{} ({}–{})</td><td class=\"num\">{} ({})</td></tr>",
            base.sex.plural_label(),
            f::years(l.e),
            f::years(l.lower),
            f::years(l.upper),
            f::years(c.e),
            f::years(c.lower),
            f::years(c.upper),
            esc(&f::life_time(gap)),
            esc(&f::life_time_range(gap - z * se, gap + z * se))
        );
    }
    o.push_str("</table>\n<div class=\"grid2\">");
    for sex in Sex::BOTH {
        if let Some(c) = chart(&format!("trend-{}", sex.plural_label().to_lowercase())) {
            figure(&mut o, c)?;
        }
    }
    o.push_str("</div>\n<h3>Milestones</h3>\n<table><tr><th>Milestone</th><th>Measured on</th><th class=\"num\">Required</th><th class=\"num\">Without programmes</th><th class=\"num\">With programmes</th><th class=\"num\">Shortfall closed</th><th>Status</th><th>Time left</th><th class=\"num\">Chance of meeting it</th></tr>\n");
    for m in &r.milestones {
        let x = &m.result;
        let chance = b
            .uncertainty
            .and_then(|u| u.milestones.iter().find(|u| u.label == x.label))
            .map(|u| u.probability_met);
        let p = f::or_dash(chance, f::percent);
        // ON TRACK on the central projection is said with its chance when that is not high.
        let status = match f::on_track_caveat(x.status, chance) {
            Some(c) => format!(
                "{}<br><span class=\"small\">{}</span>",
                status_html(x.status),
                esc(&c)
            ),
            None => status_html(x.status),
        };
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            esc(&x.label),
            x.period,
            esc(&measure_text(x.measure, x.required)),
            esc(&measure_text(x.measure, x.without)),
            esc(&measure_text(x.measure, x.with)),
            x.share_of_shortfall_closed
                .map(f::percent)
                .unwrap_or_else(|| "met anyway".into()),
            status,
            f::months_left(x.months_left),
            p
        );
    }
    let _ = writeln!(
        o,
        "</table><p class=\"small\">Status: on track if the projection with programmes meets the milestone; at risk if it misses by up to {} years; off track otherwise. Deaths postponed are counted within a period, not as lives saved for ever.</p></section>",
        s.status.at_risk_years
    );

    // 2. Gap breakdown.
    let _ = writeln!(
        o,
        "<section id=\"gap\"><h2>What makes up the gap</h2>\n<p class=\"small\">Arriaga decomposition from {} to {}: contributions add up to the gap; a positive value is a cause or age where local death rates are higher.</p>",
        esc(&s.area),
        esc(&s.comparator)
    );
    for sex in Sex::BOTH {
        let who = sex.plural_label().to_lowercase();
        if let Some(c) = chart(&format!("gap-by-cause-{who}")) {
            figure(&mut o, c)?;
        }
        if let Some(dec) = b.base(sex).and_then(|x| x.decomposition.as_ref()) {
            let _ = write!(
                o,
                "<table><tr><th>Cause ({who})</th><th class=\"num\">Life expectancy</th><th class=\"num\">Share of gap</th></tr>"
            );
            for bar in views::gap_by_cause(dec) {
                let _ = write!(
                    o,
                    "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    esc(&bar.label),
                    esc(&f::life_time(bar.value)),
                    f::percent(bar.value / dec.gap())
                );
            }
            let _ = writeln!(
                o,
                "<tr><th>All causes</th><th class=\"num\">{}</th><th class=\"num\">100%</th></tr></table>",
                esc(&f::life_time(dec.total()))
            );
        }
        if let Some(c) = chart(&format!("gap-by-age-{who}")) {
            figure(&mut o, c)?;
        }
        // The Segment Tool's view: cause and age together, where the gap is.
        if let Some(c) = cause_age
            .iter()
            .find(|c| c.id == format!("gap-by-cause-and-age-{who}"))
        {
            figure(&mut o, c)?;
        }
    }
    o.push_str("</section>\n");

    // 2b. Mortality rates (PSA measures), when the data came with the board, and the rate
    // targets as countdowns when their baselines were given.
    mortality_section(&mut o, b);
    super::extras::rate_targets(&mut o, b);
    super::within::section(&mut o, b);

    // 3. Programmes.
    let _ = writeln!(
        o,
        "<section id=\"programmes\"><h2>What the programmes contribute</h2>\n<p class=\"small\">Gains are credited over {}: each programme's share of the combined gain is in proportion to its gain alone, so the parts add up to the whole.</p>",
        r.headline
    );
    for sex in Sex::BOTH {
        if let Some(c) = chart(&format!("programmes-{}", sex.plural_label().to_lowercase())) {
            figure(&mut o, c)?;
        }
    }
    o.push_str("<table><tr><th>Programme</th><th class=\"num\">Coverage (baseline → plan)</th><th class=\"num\">Extra people</th><th class=\"num\">Deaths postponed a year</th><th class=\"num\">Gain, men</th><th class=\"num\">Gain, women</th><th class=\"num\">Share of shortfall (m / f)</th><th class=\"num\">Cost a year</th><th class=\"num\">Cost per death postponed</th></tr>\n");
    for p in r.programmes.iter().filter(|p| p.enabled) {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"num\">{:.1}% → {:.1}%</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{} / {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&p.name),
            p.baseline * 100.0,
            p.target * 100.0,
            f::count(p.extra_people),
            f::deaths(p.deaths_per_year),
            f::life_time(p.gain[0]),
            f::life_time(p.gain[1]),
            f::or_dash(p.share_of_shortfall[0], f::percent),
            f::or_dash(p.share_of_shortfall[1], f::percent),
            f::money(p.cost_per_year),
            f::or_dash(p.cost_per_death, f::money)
        );
    }
    o.push_str("</table>\n<h3>Evidence behind each programme</h3>\n<table><tr><th>Programme</th><th>Parameter</th><th class=\"num\">Value (range)</th><th>Source</th><th>What it measures</th></tr>\n");
    for p in s.programmes.iter().filter(|p| p.enabled) {
        let mut rows = vec![
            ("eligible share", &p.eligible.share),
            ("adherence", &p.adherence),
            ("relative risk of the group", &p.relative_risk),
        ];
        let eff: Vec<(String, &lifegap_core::model::evidence::Evidence)> = p
            .effects
            .iter()
            .flat_map(|e| {
                let mut v = vec![(format!("RRR, {}", causes::label(&e.cause)), &e.rrr)];
                if let Some(rr) = &e.relative_risk {
                    v.push((format!("relative risk, {}", causes::label(&e.cause)), rr));
                }
                v
            })
            .collect();
        rows.push(("cost per person a year (£)", &p.cost_per_person));
        for (what, e) in rows.iter().map(|(w, e)| (w.to_string(), *e)).chain(eff) {
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{} ({}–{})</td><td>{}</td><td>{}</td></tr>",
                esc(&p.name),
                esc(&what),
                e.value,
                e.low,
                e.high,
                esc(&e.citation()),
                esc(&e.measures)
            );
        }
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>lag</td><td></td><td colspan=\"2\">{}</td></tr>",
            esc(&p.name),
            esc(&p.lag.source)
        );
    }
    o.push_str("</table></section>\n");

    // 4. Countdowns.
    o.push_str("<section id=\"countdowns\"><h2>Milestone countdowns</h2>\n");
    for c in all.iter().filter(|c| c.id.starts_with("countdown-")) {
        figure(&mut o, c)?;
    }
    drivers(&mut o, b);
    o.push_str("</section>\n");
    super::goal_seek_pack::section(&mut o, b)?;
    super::sii_pack::section(&mut o, b)?;

    // 5. Delivery milestones.
    o.push_str(
        "<section id=\"delivery\"><h2>Delivery milestones: people to reach by each quarter</h2>\n",
    );
    for m in r
        .milestones
        .iter()
        .filter(|m| m.result.period == r.headline || m.result.sex == Sex::Male)
    {
        let mut quarters: Vec<&str> = Vec::new();
        for q in &m.delivery {
            if !quarters.contains(&q.quarter.as_str()) {
                quarters.push(&q.quarter);
            }
        }
        // One row a quarter and one column a programme: a long plan runs down the page and
        // splits between rows (the header repeats), where quarters as columns ran off its edge.
        let programmes: Vec<_> = s.programmes.iter().filter(|p| p.enabled).collect();
        let _ = write!(
            o,
            "<h3>{}</h3><p class=\"small\">Cumulative people above baseline as planned{}.</p><table class=\"delivery\"><thead><tr><th>Quarter</th>",
            esc(&m.result.label),
            if m.required_lambda.is_some() {
                "; in brackets, what staying on course for this milestone needs"
            } else {
                " (the milestone cannot be met even at every programme's maximum)"
            }
        );
        for p in &programmes {
            let _ = write!(o, "<th class=\"num\">{}</th>", esc(&p.name));
        }
        o.push_str("</tr></thead>\n");
        for q in &quarters {
            let _ = write!(o, "<tr><td>{}</td>", esc(q));
            for p in &programmes {
                let cell = m
                    .delivery
                    .iter()
                    .find(|d| d.programme == p.id && d.quarter == *q);
                let text = match cell {
                    Some(d) => match d.required_cumulative {
                        Some(req) => {
                            format!("{} ({})", f::count(d.planned_cumulative), f::count(req))
                        }
                        None => f::count(d.planned_cumulative),
                    },
                    None => String::new(),
                };
                let _ = write!(o, "<td class=\"num\">{}</td>", text);
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</table>\n");
    }
    o.push_str("</section>\n");

    // 5b. Delivery monitoring and the practice list, when their files were given.
    super::extras::monitoring(&mut o, b);
    super::extras::practices(&mut o, b)?;

    // 6. Action plan.
    o.push_str("<section id=\"action-plan\"><h2>Thematic action plan</h2>\n");
    if s.action_plan.is_empty() {
        o.push_str("<p>No partners or leads have been recorded for the programmes yet.</p>\n");
    }
    let parts = contributions(&s.action_plan, r);
    for plan in &s.action_plan.programmes {
        let name = s
            .programme(&plan.programme)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| plan.programme.clone());
        let _ = write!(
            o,
            "<h3>{}</h3><p>Lead: {}</p>",
            esc(&name),
            esc(if plan.lead.is_empty() {
                "not named yet"
            } else {
                &plan.lead
            })
        );
        if !plan.partners.is_empty() {
            o.push_str("<table><tr><th>Partner</th><th>Locality</th><th>Lead</th><th class=\"num\">Share</th>");
            for m in &r.milestones {
                let _ = write!(o, "<th class=\"num\">{}</th>", esc(&m.result.label));
            }
            o.push_str("</tr>\n");
            for c in parts.iter().filter(|c| c.programme == plan.programme) {
                let _ = write!(
                    o,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>",
                    esc(&c.partner),
                    esc(&c.locality),
                    esc(&c.lead),
                    f::percent(c.share)
                );
                // In the milestone's own terms: a share of the gap as a share, years of gap or
                // of life expectancy as days, weeks or months (`c.milestones` follows
                // `r.milestones`).
                for ((label, g), m) in c.milestones.iter().zip(&r.milestones) {
                    let gain = match m.result.measure {
                        lifegap_core::model::milestones::Measure::GapShare => f::percent(*g),
                        _ => f::life_time(*g),
                    };
                    // The people this partner reaches above baseline by the milestone (the
                    // last quarter of its delivery plan), then what that is worth.
                    let people = c.quarters.iter().rfind(|q| &q.0 == label).map(|q| q.2);
                    let text = match people {
                        Some(n) => format!("{} people; {gain}", f::count(n)),
                        None => gain,
                    };
                    let _ = write!(o, "<td class=\"num\">{}</td>", esc(&text));
                }
                o.push_str("</tr>\n");
            }
            o.push_str("</table><p class=\"small\">Columns after the share: by each milestone, the people this partner reaches above baseline and the gap (or the life expectancy) its share of the programme closes, in days, weeks or months (a share of the gap as a percentage).</p>\n");
        }
        o.push_str("<table><tr><th>Delivery question</th><th>Answer</th><th>Note</th></tr>");
        for item in &plan.checklist {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&item.question),
                item.answer.label(),
                esc(&item.note)
            );
        }
        o.push_str("</table>\n");
    }
    o.push_str("</section>\n");

    // 6b. A commitment sheet per partner, each on its own page.
    super::partners::sheets(&mut o, b);

    // 7. Assumptions and provenance.
    o.push_str("<section id=\"assumptions\"><h2>Assumptions and data</h2>\n<table>");
    let trend = match &s.trend {
        Trend::FromHistory => {
            "a straight line fitted to the history and the base period, anchored at the base period"
                .to_string()
        }
        Trend::Annual { local, comparator } => format!(
            "set by the user: local {} / {} and comparator {} / {} years a year (men / women)",
            local.male, local.female, comparator.male, comparator.female
        ),
    };
    let rows: Vec<(&str, String)> = vec![
        ("Base period", s.base_period.to_string()),
        ("Years simulated", s.horizon.to_string()),
        ("Trend without programmes", trend),
        ("Life tables", "PHE/ONS abridged method (Chiang II), Silcocks' variance for the open band, 95% limits".into()),
        ("Gap breakdown", format!("Arriaga, {} to {}", s.area, s.comparator)),
        ("Programme effects", "eligible × coverage above baseline × adherence × the group's death rate × RRR × lag; programmes on the same cells combine multiplicatively; rate-method life tables".into()),
        ("Uncertainty", b.uncertainty.map(|u| format!("{} Monte Carlo draws (seed {}), triangular over each evidence range{}", u.draws, u.seed, if u.sampling_error { "; includes sampling error of the measured gap" } else { "" })).unwrap_or_else(|| "not run".into())),
        ("Data", b.provenance.source.clone()),
        ("Data period", b.provenance.period.clone().unwrap_or_default()),
        ("Synthetic data", if b.provenance.synthetic { "YES".into() } else { "no".into() }),
    ];
    for (k, v) in rows {
        let _ = write!(o, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(&v));
    }
    o.push_str("</table>\n");
    for n in &b.provenance.notes {
        let _ = writeln!(o, "<p class=\"small\">{}</p>", esc(n));
    }
    if !s.history.is_empty() {
        let (a, c) = (esc(&s.area), esc(&s.comparator));
        let _ = write!(
            o,
            "<h3>History</h3><table><tr><th>Period</th><th class=\"num\">{a} men</th><th class=\"num\">{a} women</th><th class=\"num\">{c} men</th><th class=\"num\">{c} women</th><th>Source</th></tr>"
        );
        for h in &s.history {
            let _ = write!(
                o,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                h.period,
                h.local.male,
                h.local.female,
                h.comparator.male,
                h.comparator.female,
                esc(&h.source)
            );
        }
        o.push_str("</table>");
    }
    if !s.notes.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", esc(&s.notes));
    }
    o.push_str("<p class=\"small\">Made by lifegap; every figure can be reproduced with <code>lifegap run</code> on the scenario file.</p></section>\n</body></html>\n");
    Ok(header_groups(&o))
}

/// Put each table's header row (a first row of `th` cells only) in a `<thead>`, so a printed
/// table that runs onto another page repeats it there (CSS 2.1 §17.2: `table-header-group`
/// rows repeat at each page break). Done once over the finished pack so every section, the
/// extra ones too, gets it; tables that already have a `<thead>` are left as they are.
pub(crate) fn header_groups(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    while let Some(i) = rest.find("<table") {
        let Some(open_end) = rest[i..].find('>').map(|j| i + j + 1) else {
            break;
        };
        out.push_str(&rest[..open_end]);
        rest = &rest[open_end..];
        if rest.starts_with("<tr>")
            && let Some(end) = rest.find("</tr>")
        {
            let row = &rest[..end + "</tr>".len()];
            let cells = row.matches("<td").count();
            if cells == 0 && row.contains("<th") {
                out.push_str("<thead>");
                out.push_str(row);
                out.push_str("</thead>");
                rest = &rest[row.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::header_groups;

    #[test]
    fn a_header_row_goes_in_a_thead_and_a_data_row_does_not() {
        let html = "<table><tr><th>A</th><th class=\"num\">B</th></tr><tr><td>1</td><td>2</td></tr></table>\
                    <table><tr><th>key</th><td>value</td></tr></table>\
                    <table class=\"x\"><thead><tr><th>Q</th></tr></thead><tr><td>q</td></tr></table>";
        let out = header_groups(html);
        assert_eq!(
            out,
            "<table><thead><tr><th>A</th><th class=\"num\">B</th></tr></thead><tr><td>1</td><td>2</td></tr></table>\
             <table><tr><th>key</th><td>value</td></tr></table>\
             <table class=\"x\"><thead><tr><th>Q</th></tr></thead><tr><td>q</td></tr></table>"
        );
    }
}
