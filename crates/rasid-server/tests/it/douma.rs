//! The Douma corpus of the shared workspace (read, never copied) through the
//! API: the 6 April 2018 incident and its three conflicting tolls.

use axum::http::StatusCode;

use crate::common::{douma_db, get, read_only};

#[tokio::test]
async fn the_6_april_incident_holds_30_32_and_40_with_their_sources() {
    let Some(db) = douma_db() else { return };
    let app = read_only(db);
    let list = get(
        &app,
        "/api/incidents?place=Duma&date_from=2018-04-06&date_to=2018-04-06&disagreement=true",
    )
    .await;
    assert_eq!(list.status, StatusCode::OK);
    let list = list.json();
    assert_eq!(list["total"], 1, "{list}");
    let summary = &list["items"][0];
    assert_eq!(summary["admin1"], "Rif Dimashq");
    assert_eq!(
        (
            summary["killed"]["low"].as_u64(),
            summary["killed"]["high"].as_u64()
        ),
        (Some(30), Some(40))
    );
    let id = summary["id"].as_str().expect("id");
    assert!(id.starts_with("2018-04-06-duma-"), "{id}");

    let body = get(&app, &format!("/api/incidents/{id}")).await.json();
    let mut tolls: Vec<(u64, String, String)> = body["incident"]["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| c["kind"] == "killed" && c["qualifier"] == "exact" && c["subgroup"] == false)
        .filter(|c| c["group"] != "children")
        .map(|c| {
            (
                c["value_min"].as_u64().expect("value"),
                c["source"]["name"].as_str().expect("source").to_owned(),
                c["outlet"].as_str().expect("outlet").to_owned(),
            )
        })
        .collect();
    tolls.sort();
    let sohr = "Syrian Observatory for Human Rights";
    assert_eq!(
        tolls,
        [
            (30, "Baladi News".to_owned(), "Baladi News".to_owned()),
            (32, sohr.to_owned(), "Reuters".to_owned()),
            (40, sohr.to_owned(), "AFP".to_owned()),
        ]
    );
    assert_eq!(body["documents"].as_array().expect("documents").len(), 3);

    // The figure's span, cut from the document's text, is its evidence.
    for claim in body["incident"]["claims"].as_array().expect("claims") {
        let doc = get(
            &app,
            &format!("/api/documents/{}", claim["doc"].as_str().expect("doc")),
        )
        .await
        .json();
        let text = doc["document"]["text"].as_str().expect("text");
        let start = usize::try_from(claim["span"]["start"].as_u64().expect("start")).expect("fits");
        let end = usize::try_from(claim["span"]["end"].as_u64().expect("end")).expect("fits");
        assert_eq!(
            &text[start..end],
            claim["evidence"].as_str().expect("evidence")
        );
    }
}

#[tokio::test]
async fn the_douma_articles_are_searchable_and_exported() {
    let Some(db) = douma_db() else { return };
    let app = read_only(db);
    // الكيماوي (chemical) with and without the article, as outlets write it.
    let found = get(&app, "/api/search?q=%D9%83%D9%8A%D9%85%D8%A7%D9%88%D9%8A")
        .await
        .json();
    assert!(found["total"].as_u64().expect("total") >= 1, "{found}");
    let csv = get(&app, "/api/incidents.csv?country=SY").await.text();
    assert!(csv.lines().count() >= 4, "{csv}");
    assert!(csv.contains("Duma"));
    let facets = get(&app, "/api/facets").await.json();
    assert_eq!(facets["documents"], 5);
}
