//! Issue 10's walkthrough, start to finish in one session of the real app, as a director of
//! public health would go: open the demo → the Overview says how far off we are → raise
//! statins, blood pressure and stop-smoking → goal seek → apply the cheapest mix → assign a
//! partner → present → export the PDF. Each step is checked against the model (what the CLI
//! computes), not against the screen's own figures.

use crate::ui::harness;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use lifegap::app::settings::Screen;
use lifegap::app::{AppEnv, LifegapApp};
use lifegap_core::EvalOptions;
use lifegap_core::model::answers;
use lifegap_core::model::results::ScenarioResults;
use lifegap_core::model::scenario::Scenario;
use lifegap_core::scenario_file;
use lifegap_report::format as f;

fn results(s: &Scenario, data: &lifegap_core::model::area::AreaData) -> ScenarioResults {
    lifegap_core::evaluate(s, data, &EvalOptions::central(s.as_of.unwrap()))
        .unwrap()
        .results
}

fn named(h: &Harness<'static, LifegapApp>, name: &str) -> bool {
    let want = name.to_string();
    h.query(By::new().predicate(move |n| n.label().as_deref() == Some(want.as_str())))
        .is_some()
}

fn scenario(h: &Harness<'static, LifegapApp>) -> Scenario {
    h.state().doc.as_ref().unwrap().scenario.clone()
}

#[test]
fn from_opening_the_demo_to_the_pdf_pack() {
    let dir = tempfile::tempdir().unwrap();
    let path = crate::ui::shipped_copy(dir.path(), "demo-2010-countdown.ron");
    let data = scenario_file::load(&path).unwrap().data;
    let mut app = LifegapApp::with_scenario_file(&path, AppEnv::headless());
    app.view.mc_paused = true;
    let mut h = harness(app);

    // 1. The Overview says how far off we are, per milestone, in the board's units.
    assert_eq!(h.state().screen, Screen::Overview);
    let before = results(&scenario(&h), &data);
    let first = &answers::milestones(&before)[0];
    let short = format!(
        "{}: Short by {}",
        first.label,
        f::life_time(first.shortfall_years)
    );
    assert!(named(&h, &short), "{short}");

    // 2. Raise statins, blood pressure and stop-smoking.
    h.get_by_label(Screen::Programmes.label()).click();
    h.run();
    for name in [
        "Statins: primary prevention (high CVD risk) scale",
        "Blood-pressure treatment scale",
        "Stop-smoking services scale",
    ] {
        h.get_by_role_and_label(Role::Slider, name)
            .set_value_accesskit(60.0);
        h.run();
    }
    let raised = results(&scenario(&h), &data);
    assert!(
        raised.programme_totals().deaths_per_year > before.programme_totals().deaths_per_year,
        "more deaths postponed a year"
    );
    assert!(h.state().doc.as_ref().unwrap().is_dirty());

    // 3. Goal seek on the men's 2013 milestone; 4. apply the cheapest mix (the first answer).
    crate::goal_seek_ui::ask_on_men_2013(&mut h);
    assert!(
        h.query_all_by_label_contains("cheapest").next().is_some(),
        "the cheapest mix is offered"
    );
    h.get_all_by_label("Apply these scales")
        .next()
        .unwrap()
        .click();
    h.run();
    let applied = results(&scenario(&h), &data);
    assert!(
        applied.milestones[2].result.shortfall_with <= 1e-9,
        "the cheapest mix meets the milestone"
    );

    // 5. Assign a partner: a delivery plan for AF anticoagulation, the acute trust from the
    // templates.
    h.get_by_label(Screen::ActionPlan.label()).click();
    h.run();
    h.get_by_label("AF anticoagulation").click();
    h.run();
    h.get_by_label("Start a delivery plan for AF anticoagulation")
        .click();
    h.run();
    h.get_by_label("AF anticoagulation: add a partner from a template")
        .scroll_to_me();
    h.run();
    h.get_by_label("AF anticoagulation: add a partner from a template")
        .click();
    h.run();
    h.get_by_label("Acute trust").click();
    h.run();
    let s = scenario(&h);
    let plan = s.action_plan.for_programme("af_anticoagulation").unwrap();
    assert_eq!(plan.partners.len(), 1);
    assert_eq!(plan.partners[0].name, "Acute trust");
    assert!(h.state().doc.as_ref().unwrap().problem.is_none());

    // 6. Present: the slides open, move on, and close again.
    h.key_press(egui::Key::F5);
    h.run();
    assert!(h.state().present.is_some(), "presenting");
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().present.is_none(), "back to the planner");

    // 7. Export the PDF from the File menu; it carries the new plan.
    let out = dir.path().join("board-pack.pdf");
    crate::pdf_pack::export_pdf_from_the_menu(&mut h, &out);
    let n = crate::pdf_pack::pages(&out);
    assert!(n >= 10, "{n} pages");
    let text: String = (1..=n)
        .map(|i| crate::pdf_pack::page_text(&out, i))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("Acute trust"),
        "the partner's commitment is in the pack"
    );
    assert!(text.contains("AF anticoagulation"));
    // Nothing of the session is lost: the scenario is still open, modified, unsaved.
    assert!(h.state().doc.as_ref().unwrap().is_dirty());
}
