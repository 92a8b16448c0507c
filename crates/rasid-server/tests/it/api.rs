//! Every read endpoint over the test articles, good and bad requests alike.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::Value;
use std::fmt::Write as _;

use crate::common::{get, read_only, sample_db, send};

fn ids(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test]
async fn incidents_are_listed_with_totals_and_pages() {
    let app = read_only(sample_db());
    let answer = get(&app, "/api/incidents").await;
    assert_eq!(answer.status, StatusCode::OK);
    let list = answer.json();
    assert_eq!(list["total"], 2);
    assert_eq!(list["limit"], 50);
    let ariha = &list["items"][0];
    assert_eq!(ariha["place"], "Ariha");
    assert_eq!(ariha["date"], "2019-07-22");
    assert_eq!(ariha["country"], "SY");
    assert_eq!(ariha["killed"]["low"], 12);
    assert_eq!(ariha["killed"]["high"], 20);
    assert_eq!(ariha["injured_best"], 35);
    assert_eq!(ariha["sources"], 2);
    assert_eq!(ariha["disagreement"], true);
    assert_eq!(ariha["actors"][0], "Military Forces of Russia");

    let page = get(&app, "/api/incidents?limit=1&offset=1").await.json();
    assert_eq!(page["total"], 2, "the total counts every page");
    assert_eq!(ids(&page), [list["items"][1]["id"].as_str().expect("id")]);
    let past = get(&app, "/api/incidents?offset=10").await.json();
    assert_eq!(past["total"], 2);
    assert!(ids(&past).is_empty());
    let newest = get(&app, "/api/incidents?sort=-date").await.json();
    assert_eq!(newest["items"][0]["place"], "Kafranbel");
    let deadliest = get(&app, "/api/incidents?sort=-best").await.json();
    assert_eq!(deadliest["items"][0]["place"], "Ariha");
}

#[tokio::test]
async fn every_filter_narrows_the_list() {
    let app = read_only(sample_db());
    let cases: &[(&str, &[&str])] = &[
        ("date_from=2019-08-01", &["Kafranbel"]),
        ("date_to=2019-07-22", &["Ariha"]),
        ("date_from=2019-07-22&date_to=2019-07-22", &["Ariha"]),
        ("country=sy", &["Ariha", "Kafranbel"]),
        ("country=IQ", &[]),
        ("admin1=idlib", &["Ariha", "Kafranbel"]),
        ("place=ariha", &["Ariha"]),
        ("place=%D9%83%D9%81%D8%B1%D9%86%D8%A8%D9%84", &["Kafranbel"]), // كفرنبل as written
        ("event_type=Air%2Fdrone%20strike", &["Ariha"]),
        (
            "event_type=Explosions%2FRemote%20violence",
            &["Ariha", "Kafranbel"],
        ),
        ("actor=Russia", &["Ariha"]),
        ("actor=Syria", &["Kafranbel"]),
        ("source=sohr", &["Ariha"]),
        ("source=civil-defence", &["Ariha", "Kafranbel"]),
        ("source=Daily%20Two", &["Ariha"]), // an outlet carrying a source
        ("min_best=10", &["Ariha"]),
        ("disagreement=true", &["Ariha"]),
        ("disagreement=false", &["Kafranbel"]),
        ("scope=campaign", &[]),
        ("q=%D8%A7%D9%84%D8%A3%D9%86%D9%82%D8%A7%D8%B6", &["Ariha"]), // الأنقاض
        ("q=kafranbel", &["Kafranbel"]),
        ("place=Ariha&min_best=100", &[]),
        ("place=&country=", &["Ariha", "Kafranbel"]), // blank fields are no filter
        ("place=100%25", &[]),                        // LIKE wildcards are literal
    ];
    for (query, expected) in cases {
        let answer = get(&app, &format!("/api/incidents?{query}")).await;
        assert_eq!(answer.status, StatusCode::OK, "{query}: {}", answer.text());
        let list = answer.json();
        let places: Vec<&str> = list["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["place"].as_str().expect("place"))
            .collect();
        assert_eq!(&places, expected, "{query}");
        assert_eq!(list["total"], expected.len(), "{query}");
    }
}

#[tokio::test]
async fn bad_parameters_are_refused_with_the_reason() {
    let app = read_only(sample_db());
    let cases: &[(&str, &str)] = &[
        ("/api/incidents?limit=ten", "`limit` must be an integer"),
        ("/api/incidents?limit=0", "between 1 and 500"),
        ("/api/incidents?limit=501", "between 1 and 500"),
        ("/api/incidents?offset=-1", "`offset`"),
        ("/api/incidents?date_from=2019-02-30", "YYYY-MM-DD"),
        ("/api/incidents?date_to=yesterday", "YYYY-MM-DD"),
        (
            "/api/incidents?date_from=2019-08-01&date_to=2019-07-01",
            "after",
        ),
        ("/api/incidents?country=Syria", "alpha-2"),
        ("/api/incidents?min_best=many", "`min_best`"),
        ("/api/incidents?disagreement=maybe", "`disagreement`"),
        ("/api/incidents?scope=war", "`scope`"),
        ("/api/incidents?sort=random", "`sort`"),
        ("/api/incidents?limt=10", "unknown parameter `limt`"),
        ("/api/incidents?place=a&place=b", "more than once"),
        ("/api/incidents?q=...", "no word"),
        ("/api/incidents.csv?limit=x", "`limit`"),
        ("/api/incidents.geojson?date_from=2019", "YYYY-MM-DD"),
        ("/api/timeline?limit=5", "unknown parameter"),
        ("/api/facets?x=1", "unknown parameter"),
        ("/api/search", "`q` is required"),
        (
            "/api/search?q=%D8%AF%D9%88%D9%85%D8%A7&limit=1000",
            "between 1 and 100",
        ),
        ("/api/incidents?place=%01", "control character"),
    ];
    for (uri, reason) in cases {
        let answer = get(&app, uri).await;
        let body = answer.assert_error(StatusCode::BAD_REQUEST, "bad_request");
        let detail = body["detail"].as_str().expect("detail");
        assert!(detail.contains(reason), "{uri}: {detail}");
    }
    let long = format!("/api/incidents?place={}", "a".repeat(201));
    get(&app, &long)
        .await
        .assert_error(StatusCode::BAD_REQUEST, "bad_request");
}

#[tokio::test]
async fn one_incident_with_its_claims_and_documents() {
    let app = read_only(sample_db());
    let list = get(&app, "/api/incidents?place=Ariha").await.json();
    let id = list["items"][0]["id"].as_str().expect("id").to_owned();
    let answer = get(&app, &format!("/api/incidents/{id}")).await;
    assert_eq!(answer.status, StatusCode::OK);
    let body = answer.json();
    let incident = &body["incident"];
    assert_eq!(incident["id"], id.as_str());
    let mut figures: Vec<(u64, String)> = incident["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| c["kind"] == "killed" && c["group"] != "children")
        .map(|c| {
            (
                c["value_min"].as_u64().expect("value"),
                c["source"]["id"].as_str().expect("source").to_owned(),
            )
        })
        .collect();
    figures.sort();
    assert_eq!(
        figures,
        [(12, "sohr".to_owned()), (20, "civil-defence".to_owned())]
    );
    let docs: Vec<&str> = body["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["id"].as_str().expect("id"))
        .collect();
    assert_eq!(docs, ["t-ariha-1", "t-ariha-2"]);
    assert_eq!(body["documents"][0]["outlet"], "Wire One");

    get(&app, "/api/incidents/no-such-incident")
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    // An id with a slash, percent-encoded, is one path segment and not a path.
    get(&app, "/api/incidents/..%2F..%2Fetc%2Fpasswd")
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    get(&app, &format!("/api/incidents/{}", "x".repeat(600)))
        .await
        .assert_error(StatusCode::BAD_REQUEST, "bad_request");
}

#[tokio::test]
async fn a_document_with_its_claims_spans_in_bytes() {
    let app = read_only(sample_db());
    let answer = get(&app, "/api/documents/t-ariha-2").await;
    assert_eq!(answer.status, StatusCode::OK);
    let body = answer.json();
    let text = body["document"]["text"].as_str().expect("text");
    assert!(text.starts_with("قتل ٢٠ شخصاً"));
    assert_eq!(body["document"]["outlet"], "Daily Two");
    assert!(
        body["document"].get("origin_path").is_none(),
        "no server path is shown"
    );
    let claims = body["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 2);
    for (ordinal, claim) in claims.iter().enumerate() {
        assert_eq!(claim["ordinal"], ordinal);
        let span = |v: &Value| {
            (
                usize::try_from(v["start"].as_u64().expect("start")).expect("fits"),
                usize::try_from(v["end"].as_u64().expect("end")).expect("fits"),
            )
        };
        let (start, end) = span(&claim["span"]);
        assert_eq!(
            &text[start..end],
            claim["evidence"].as_str().expect("evidence")
        );
        let (start, end) = span(&claim["source"]["span"]);
        assert_eq!(&text[start..end], "الدفاع المدني");
    }
    assert_eq!(claims[0]["value_min"], 20, "٢٠ read as 20");
    assert_eq!(body["incidents"].as_array().expect("incidents").len(), 1);

    get(&app, "/api/documents/nope")
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn search_matches_arabic_forms_and_digits() {
    let app = read_only(sample_db());
    let search = |q: &str| {
        let app = app.clone();
        let uri = format!(
            "/api/search?q={}",
            q.bytes().fold(String::new(), |mut out, b| {
                let _ = write!(out, "%{b:02X}");
                out
            })
        );
        async move {
            let answer = get(&app, &uri).await;
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
            answer.json()
        }
    };
    // "الجرحى" finds "والجرحى"; the hit covers the word as written.
    let found = search("الجرحى").await;
    assert_eq!(found["total"], 1);
    let item = &found["items"][0];
    assert_eq!(item["id"], "t-kafr-1");
    assert_eq!(item["outlet"], "Wire One");
    let snippet = item["snippet"]["text"].as_str().expect("snippet");
    assert!(snippet.contains("والجرحى"), "{snippet}");
    let doc = get(&app, "/api/documents/t-kafr-1").await.json();
    let text = doc["document"]["text"].as_str().expect("text");
    let hit = &item["hits"][0];
    let (start, end) = (
        usize::try_from(hit["start"].as_u64().expect("start")).expect("fits"),
        usize::try_from(hit["end"].as_u64().expect("end")).expect("fits"),
    );
    assert_eq!(&text[start..end], "والجرحى");

    // ASCII digits find Arabic-Indic ones; the hamza spelling is folded.
    assert_eq!(search("20").await["items"][0]["id"], "t-ariha-2");
    assert_eq!(search("اريحا").await["total"], 2, "both Ariha articles");
    // Every word must appear.
    assert_eq!(search("أريحا كفرنبل").await["total"], 0);
    assert_eq!(search("روسية أريحا").await["total"], 1);
    // A prefix.
    assert_eq!(search("مستشفي*").await["items"][0]["id"], "t-kafr-1");
    // FTS5 syntax in a query is text, not syntax.
    assert_eq!(search("NEAR(\"أريحا\" OR *)").await["total"], 0);
    // Paging.
    let page = search("أريحا").await;
    assert!(page["items"].as_array().expect("items").len() <= 20);
    let second = get(
        &app,
        "/api/search?q=%D8%A3%D8%B1%D9%8A%D8%AD%D8%A7&limit=1&offset=1",
    )
    .await
    .json();
    assert_eq!(second["total"], page["total"]);
    assert_eq!(second["items"].as_array().expect("items").len(), 1);
}

#[tokio::test]
async fn exports_follow_the_filters() {
    let app = read_only(sample_db());
    let answer = get(&app, "/api/incidents.csv?place=Ariha").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.content_type().starts_with("text/csv"));
    let csv = answer.text();
    let mut lines = csv.lines();
    let header = lines.next().expect("header");
    assert!(header.starts_with("event_id_cnty,event_date,"), "{header}");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 1, "{csv}");
    assert!(rows[0].contains("Ariha") && rows[0].contains("2019-07-22"));
    let all = get(&app, "/api/incidents.csv").await.text();
    assert_eq!(all.lines().count(), 3);
    let one = get(&app, "/api/incidents.csv?limit=1&sort=-date")
        .await
        .text();
    assert!(one.lines().nth(1).expect("a row").contains("Kafranbel"));

    let answer = get(&app, "/api/incidents.geojson?disagreement=true").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type(), "application/geo+json");
    let geo = answer.json();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().expect("features");
    assert_eq!(features.len(), 1);
    assert_eq!(features[0]["properties"]["place"], "Ariha");
    let lon = features[0]["geometry"]["coordinates"][0]
        .as_f64()
        .expect("lon");
    assert!((36.0..37.0).contains(&lon), "{lon}");
}

#[tokio::test]
async fn timeline_facets_and_health() {
    let app = read_only(sample_db());
    let days = get(&app, "/api/timeline").await.json();
    let items = days["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["date"], "2019-07-22");
    assert_eq!(items[0]["incidents"], 1);
    assert_eq!(items[0]["killed_best"], 16);
    assert_eq!(items[0]["disagreements"], 1);
    let filtered = get(&app, "/api/timeline?actor=Syria").await.json();
    assert_eq!(filtered["items"][0]["date"], "2019-08-03");

    let facets = get(&app, "/api/facets").await.json();
    assert_eq!(facets["incidents"], 2);
    assert_eq!(facets["documents"], 3);
    assert_eq!(facets["date_min"], "2019-07-22");
    assert_eq!(facets["date_max"], "2019-08-03");
    assert_eq!(facets["countries"][0]["value"], "SY");
    assert_eq!(facets["countries"][0]["count"], 2);
    let sources: Vec<&str> = facets["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["value"].as_str().expect("value"))
        .collect();
    assert_eq!(sources, ["civil-defence", "sohr"]);

    let health = get(&app, "/api/health").await.json();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["documents"], 3);
    assert_eq!(health["ingest"], false);
}

#[tokio::test]
async fn the_openapi_description_covers_every_route() {
    let app = read_only(sample_db());
    let answer = get(&app, "/api/openapi.json").await;
    assert_eq!(answer.status, StatusCode::OK);
    let spec = answer.json();
    assert!(spec["openapi"].as_str().expect("version").starts_with("3."));
    assert_eq!(spec["info"]["version"], env!("CARGO_PKG_VERSION"));
    let paths = spec["paths"].as_object().expect("paths");
    let routes = [
        ("get", "/api/incidents"),
        ("get", "/api/incidents.csv"),
        ("get", "/api/incidents.geojson"),
        ("get", "/api/incidents/{id}"),
        ("post", "/api/documents"),
        ("get", "/api/ingest/{job}"),
        ("get", "/api/documents/{id}"),
        ("get", "/api/search"),
        ("get", "/api/timeline"),
        ("get", "/api/facets"),
        ("get", "/api/health"),
        ("get", "/api/openapi.json"),
    ];
    assert_eq!(paths.len(), routes.len(), "{:?}", paths.keys());
    for (method, path) in routes {
        assert!(
            paths[path][method].is_object(),
            "{method} {path} is described"
        );
        // And the router answers it (not the fallback's "no route").
        let uri = path.replace("{id}", "x").replace("{job}", "1");
        let request = Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(&uri)
            .body(Body::empty())
            .expect("request");
        let answer = send(&app, request).await;
        let has_route = !answer.text().contains("no route for");
        assert!(has_route, "{method} {uri}: {}", answer.text());
    }
    // Every $ref points at a component that exists.
    let text = answer.text();
    for reference in text.split("\"$ref\": \"#/").skip(1) {
        let pointer = reference.split('"').next().expect("a pointer");
        assert!(
            spec.pointer(&format!("/{pointer}")).is_some(),
            "{pointer} is not defined"
        );
    }
    // Every filter the server takes is described on the list.
    let described: Vec<String> = paths["/api/incidents"]["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .map(|p| {
            let p = match p["$ref"].as_str() {
                Some(r) => spec.pointer(&r[1..]).expect("parameter"),
                None => p,
            };
            p["name"].as_str().expect("name").to_owned()
        })
        .collect();
    for name in [
        "date_from",
        "date_to",
        "country",
        "admin1",
        "place",
        "event_type",
        "actor",
        "source",
        "scope",
        "min_best",
        "disagreement",
        "q",
        "sort",
        "limit",
        "offset",
    ] {
        assert!(described.iter().any(|d| d == name), "{name}");
    }
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_json() {
    let app = read_only(sample_db());
    get(&app, "/api/nothing")
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    get(&app, "/etc/passwd")
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    get(&app, "/assets/../../Cargo.toml")
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    let request = Request::builder()
        .method(Method::DELETE)
        .uri("/api/incidents")
        .body(Body::empty())
        .expect("request");
    let answer = send(&app, request).await;
    answer.assert_error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    // A malformed query string.
    get(&app, "/api/incidents?limit=%FF")
        .await
        .assert_error(StatusCode::BAD_REQUEST, "bad_request");
}

#[tokio::test]
async fn the_ui_and_its_assets_are_served() {
    let app = read_only(sample_db());
    let page = get(&app, "/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.content_type().starts_with("text/html"));
    let html = page.text();
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(
        html.contains("/assets/app.js") && !html.contains("http://") && !html.contains("https://")
    );
    for (path, kind) in [
        ("/assets/app.js", "text/javascript"),
        ("/assets/app.css", "text/css"),
        ("/favicon.svg", "image/svg+xml"),
        ("/assets/basemap.geojson", "application/geo+json"),
    ] {
        let answer = get(&app, path).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert!(answer.content_type().starts_with(kind), "{path}");
    }
    let basemap = get(&app, "/assets/basemap.geojson").await.json();
    let names: Vec<&str> = basemap["features"]
        .as_array()
        .expect("features")
        .iter()
        .filter_map(|f| f["properties"]["name_ar"].as_str())
        .collect();
    for name in [
        "سوريا",
        "العراق",
        "اليمن",
        "السودان",
        "الصومال",
        "ليبيا",
        "فلسطين",
    ] {
        assert!(names.contains(&name), "{name}");
    }
    // Security headers on every answer.
    for header_name in [
        header::X_CONTENT_TYPE_OPTIONS,
        header::CONTENT_SECURITY_POLICY,
        header::X_FRAME_OPTIONS,
        header::REFERRER_POLICY,
    ] {
        assert!(page.headers.contains_key(&header_name), "{header_name}");
    }
}
