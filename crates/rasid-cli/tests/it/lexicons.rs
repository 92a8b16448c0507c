//! `--lexicons DIR` reads every lexicon file: for each file of
//! `data/lexicons/`, an edited copy changes what `rasid extract` writes for
//! a sentence of our own, in the way the edit says. A missing folder and a
//! file that is not a lexicon are errors; `rasid lexicons check` reports
//! what an edit adds and removes.

use std::path::Path;

use serde_json::Value;

use crate::{claims, rasid_stdin};

/// The shipped copy of a lexicon file.
fn shipped(name: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lexicons");
    std::fs::read_to_string(root.join(name)).expect("a shipped lexicon")
}

/// The claims of `text` (published 2021-03-10 by "Test Outlet"), with the
/// shipped lexicons and with a folder holding `name` edited by `edit`.
fn before_and_after(name: &str, edit: impl Fn(String) -> String, text: &str) -> (Value, Value) {
    let doc = serde_json::json!({
        "id": "t", "text": text, "outlet": "Test Outlet", "published": "2021-03-10"
    })
    .to_string();
    let run = |args: &[&str]| {
        let output = rasid_stdin(args, &doc);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        Value::Array(claims(&output))
    };
    let before = run(&["extract", "-"]);
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(name), edit(shipped(name))).expect("write the edit");
    let after = run(&[
        "extract",
        "--lexicons",
        dir.path().to_str().expect("utf-8 path"),
        "-",
    ]);
    (before, after)
}

/// The file with one more row.
fn with_row(row: &'static str) -> impl Fn(String) -> String {
    move |text| format!("{}\n{row}\n", text.trim_end())
}

/// The file with the row that starts with `prefix` replaced by `row`.
fn replacing(prefix: &'static str, row: &'static str) -> impl Fn(String) -> String {
    move |text| {
        let mut found = false;
        let out: Vec<&str> = text
            .lines()
            .map(|line| {
                if !found && line.starts_with(prefix) {
                    found = true;
                    row
                } else {
                    line
                }
            })
            .collect();
        assert!(found, "no row starts with {prefix}");
        out.join("\n") + "\n"
    }
}

#[test]
fn victims_tsv_a_new_trigger_makes_a_claim() {
    let (before, after) = before_and_after(
        "victims.tsv",
        with_row("هلاك\ttrigger\tkilled\t-\t-\tأدى الفيضان إلى هلاك 7 رعاة"),
        "أدت العاصفة إلى هلاك 9 صيادين في البحيرة.",
    );
    assert_eq!(before, Value::Array(vec![]));
    assert_eq!(after[0]["kind"], "killed");
    assert_eq!(after[0]["value_min"], 9);
}

#[test]
fn persons_tsv_a_new_noun_gives_the_group() {
    let (before, after) = before_and_after(
        "persons.tsv",
        with_row("رعاه\tcivilians\tpl\tقتل 7 رعاة"),
        "قتل 11 رعاة في غارة على المراعي.",
    );
    assert_eq!(before[0]["group"], Value::Null);
    assert_eq!(after[0]["group"], "civilians");
}

#[test]
fn qualifiers_tsv_a_new_qualifier_qualifies_the_figure() {
    let (before, after) = before_and_after(
        "qualifiers.tsv",
        with_row("ما ينوف على\tmore_than\tbefore\tقتل ما ينوف على 30 شخصا"),
        "قتل ما ينوف على 45 شخصا في الانفجار.",
    );
    assert_eq!(before[0]["qualifier"], "exact");
    assert_eq!(after[0]["qualifier"], "more_than");
    assert_eq!(after[0]["value_max"], Value::Null);
}

#[test]
fn reporting_tsv_a_new_verb_names_the_source() {
    let (before, after) = before_and_after(
        "reporting.tsv",
        with_row("غردت\tverb\tغردت الوزارة بأن 5 قتلوا"),
        "غردت البلدية بأن 6 أشخاص قتلوا في الحريق.",
    );
    assert_eq!(before[0]["source"]["is_outlet"], true);
    assert_eq!(after[0]["source"]["surface"], "البلدية");
    assert_eq!(after[0]["source"]["via"], "verb");
}

#[test]
fn sources_tsv_a_new_alias_gives_the_canonical_source() {
    let (before, after) = before_and_after(
        "sources.tsv",
        with_row("border-watch\tBorder Watch\tراصد الحدود\tقال راصد الحدود إن"),
        "قال راصد الحدود إن 4 مهربين قتلوا.",
    );
    assert_eq!(before[0]["source"]["id"], Value::Null);
    assert_eq!(after[0]["source"]["id"], "border-watch");
    assert_eq!(after[0]["source"]["name"], "Border Watch");
}

#[test]
fn blockers_tsv_a_new_hypothetical_cancels_the_claim() {
    let (before, after) = before_and_after(
        "blockers.tsv",
        with_row("يرجح\thypothetical\tيرجح مقتل 9"),
        "يرجح مقتل 8 عمال في المنجم.",
    );
    assert_eq!(before[0]["value_min"], 8);
    assert_eq!(after, Value::Array(vec![]));
}

#[test]
fn markers_tsv_a_new_campaign_marker_makes_a_campaign_total() {
    let (before, after) = before_and_after(
        "markers.tsv",
        with_row("طوال الشهر\tcampaign\tقتل 40 شخصا طوال الشهر"),
        "قتل 52 شخصا طوال الشهر في المدينة.",
    );
    assert_eq!(before[0]["scope"], "incident");
    assert_eq!(after[0]["scope"], "campaign");
}

#[test]
fn numbers_tsv_an_edited_value_changes_the_figure() {
    let (before, after) = before_and_after(
        "numbers.tsv",
        replacing("عشرات\t", "عشرات\tvague\t30\tأصيب عشرات المدنيين"),
        "أصيب عشرات المدنيين في القصف.",
    );
    assert_eq!(before[0]["value_min"], 20);
    assert_eq!(after[0]["value_min"], 30);
}

#[test]
fn time_tsv_a_new_day_word_dates_the_claim() {
    let (before, after) = before_and_after(
        "time.tsv",
        with_row("امبارح\tday:-1\tقتل 3 امبارح"),
        "قتل 3 أشخاص امبارح في حادث.",
    );
    assert_eq!(before[0]["date"]["via"], "published");
    assert_eq!(after[0]["date"]["value"], "2021-03-09");
    assert_eq!(after[0]["date"]["surface"], "امبارح");
}

#[test]
fn actors_tsv_a_new_actor_is_named() {
    let (before, after) = before_and_after(
        "actors.tsv",
        with_row("Eagles Battalion\tكتيبه النسور\t-\trebel_group\t-\tقصفت كتيبة النسور البلدة"),
        "قصفت كتيبة النسور القرية وقتل 5 مدنيين.",
    );
    let names = |v: &Value| -> Vec<String> {
        v[0]["actors"]
            .as_array()
            .map(|a| a.iter().map(|x| x["name"].to_string()).collect())
            .unwrap_or_default()
    };
    assert!(!names(&before).iter().any(|n| n.contains("Eagles")));
    assert!(
        names(&after).iter().any(|n| n.contains("Eagles")),
        "{after}"
    );
}

#[test]
fn events_tsv_a_new_trigger_types_the_event() {
    let (before, after) = before_and_after(
        "events.tsv",
        with_row("عمليه دهس\tViolence against civilians\tAttack\tASSAULT\t-\tقتل 5 في عملية دهس"),
        "قتل 4 أشخاص في عملية دهس وسط السوق.",
    );
    assert_ne!(before[0]["sub_event_type"], "Attack");
    assert_eq!(after[0]["sub_event_type"], "Attack");
}

#[test]
fn roles_tsv_a_new_agent_marker_makes_the_perpetrator() {
    let (before, after) = before_and_after(
        "roles.tsv",
        with_row("بواسطه\tagent_marker\tقتل المزارع بواسطة مسلحين"),
        "قتل 6 مدنيين بواسطة قوات النظام.",
    );
    let role = |v: &Value| v[0]["actors"][0]["role"].clone();
    assert_ne!(role(&before), "perpetrator", "{before}");
    assert_eq!(role(&after), "perpetrator", "{after}");
}

#[test]
fn place_words_tsv_a_new_preposition_joins_the_place() {
    let (before, after) = before_and_after(
        "place_words.tsv",
        with_row("قباله\tpreposition\tnear\tغرق قارب قبالة طرطوس"),
        "قتل 5 صيادين قبالة طرطوس.",
    );
    assert_eq!(before[0]["place"]["surface"], "طرطوس");
    assert_eq!(after[0]["place"]["surface"], "قبالة طرطوس");
}

#[test]
fn reaches_tsv_a_shorter_reach_drops_a_campaign_marker() {
    let (before, after) = before_and_after(
        "reaches.tsv",
        replacing("campaign_after\t", "campaign_after\t0\tقتل 200 مدني"),
        "قتل 200 مدني خلال الحملة.",
    );
    assert_eq!(before[0]["scope"], "campaign");
    assert_eq!(after[0]["scope"], "incident");
}

#[test]
fn every_lexicon_file_has_a_test_here() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lexicons");
    let this = include_str!("lexicons.rs");
    for entry in std::fs::read_dir(root).expect("data/lexicons") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy();
        let test = format!("fn {}_", name.replace(['.', '-'], "_"));
        assert!(this.contains(&test), "no test edits {name} ({test}…)");
    }
}

/// `rasid extract --lexicons DIR -` on no input: its exit code and stderr.
fn extract_with(dir: &str) -> (Option<i32>, String) {
    let output = rasid_stdin(&["extract", "--lexicons", dir, "-"], "");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_missing_folder_is_an_error() {
    let (code, stderr) = extract_with("/nonexistent/rasid-lexicons");
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("/nonexistent/rasid-lexicons") && stderr.contains("no such folder"),
        "{stderr}"
    );
}

#[test]
fn a_file_that_is_no_lexicon_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("victim.tsv"), "phrase\n").expect("write");
    let (code, stderr) = extract_with(dir.path().to_str().expect("utf-8 path"));
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("victim.tsv") && stderr.contains("victims.tsv"),
        "the error names the file and the names it may have: {stderr}"
    );
}

#[test]
fn a_bad_row_is_an_error_with_its_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let edited = format!(
        "{}\nقتلى\tnoun\tdead\t-\tpl\t5 قتلى\n",
        shipped("victims.tsv").trim_end()
    );
    let line = edited.lines().count();
    std::fs::write(dir.path().join("victims.tsv"), edited).expect("write");
    let (code, stderr) = extract_with(dir.path().to_str().expect("utf-8 path"));
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(&format!("victims.tsv` line {line}: unknown kind `dead`")),
        "{stderr}"
    );
}

#[test]
fn check_prints_what_an_edit_adds_and_removes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let edited = replacing("عشرات\t", "عشرات\tvague\t30\tأصيب عشرات المدنيين")(
        shipped("numbers.tsv"),
    );
    std::fs::write(dir.path().join("numbers.tsv"), edited).expect("write");
    let output = crate::rasid(&["lexicons", "check", dir.path().to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("numbers.tsv: edited"), "{stdout}");
    assert!(stdout.contains("1 row(s) added, 1 removed"), "{stdout}");
    assert!(
        stdout.contains("+ line") && stdout.contains("عشرات\tvague\t30"),
        "{stdout}"
    );
    assert!(
        stdout.contains("- line") && stdout.contains("عشرات\tvague\t20"),
        "{stdout}"
    );
    assert!(stdout.contains("victims.tsv: as shipped"), "{stdout}");
}

#[test]
fn check_refuses_a_bad_row_with_its_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("qualifiers.tsv"),
        "phrase\tqualifier\tposition\texample\nنحو\tabout\tsomewhere\tقتل نحو 30\n",
    )
    .expect("write");
    let output = crate::rasid(&["lexicons", "check", dir.path().to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("qualifiers.tsv` line 2: unknown position `somewhere`"),
        "{stderr}"
    );
}

#[test]
fn explain_names_the_rows_and_rules_of_a_claim() {
    let output = crate::rasid(&[
        "lexicons",
        "explain",
        "قال الدفاع المدني إن القصف أسفر عن مقتل سبعة مدنيين.",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let victims_line = shipped("victims.tsv")
        .lines()
        .position(|l| l.starts_with("مقتل\t"))
        .expect("a row for مقتل")
        + 1;
    assert!(
        stdout.contains(&format!(
            "«مقتل» victims.tsv line {victims_line} (trigger, killed)"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("claim: killed 7 exact group civilians"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "made by a trigger before the figure (victims.tsv line {victims_line})"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("source «الدفاع المدني» via verb"),
        "{stdout}"
    );
}

#[test]
fn explain_names_the_row_that_blocks_a_figure() {
    let output = crate::rasid(&[
        "lexicons",
        "explain",
        "شنت الطائرات 30 غارة على المدينة أدت إلى مقتل مدنيين.",
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let unit_line = shipped("blockers.tsv")
        .lines()
        .position(|l| l.starts_with("غاره\tunit"))
        .expect("a row for غاره")
        + 1;
    assert!(
        stdout.contains(&format!(
            "no claim: «30»: a unit counted after it (blockers.tsv line {unit_line})"
        )),
        "{stdout}"
    );
}
