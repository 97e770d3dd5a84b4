//! A real browser over the built site: headless Chromium (Debian package `chromium`) opens the
//! home page from `file://` and from a served sub-path, filters the log by status, searches a
//! word, follows the first result, and saves a screenshot to `target/browser-test/`; and reads
//! a site built from a real corpus folder as a person would (`tests/browser/check.html`: the
//! sidebar, table of contents, previous / next, search as you type, a filter, the graph, dark
//! mode, a phone's width). Driven by `chromium --dump-dom` (the DOM after scripts ran) and
//! `--screenshot`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|b| {
            let ok = Command::new(b)
                .arg("--version")
                .output()
                .ok()?
                .status
                .success();
            ok.then(|| PathBuf::from(b))
        })
}

fn run(bin: &Path, profile: &Path, extra: &[&str], url: &str) -> String {
    run_for(bin, profile, extra, url, 5000)
}

/// Chromium with `budget` ms of virtual time: timers run without waiting on the clock.
fn run_for(bin: &Path, profile: &Path, extra: &[&str], url: &str, budget: u32) -> String {
    let out = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--virtual-time-budget={budget}"))
        .args(extra)
        .arg(url)
        .output()
        .expect("run chromium");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The first search result's link from a dumped search page.
fn first_result(dom: &str) -> Option<String> {
    let ol = &dom[dom.find("id=\"results\"")?..];
    let href = &ol[ol.find("href=\"")? + 6..];
    Some(href[..href.find('"')?].replace("&amp;", "&"))
}

fn check_site(bin: &Path, profile: &Path, base: &str) {
    let home = run(bin, profile, &["--dump-dom"], &format!("{base}index.html"));
    assert!(
        home.contains("Recent decisions"),
        "home did not load from {base}: {home}"
    );
    let log = run(
        bin,
        profile,
        &["--dump-dom"],
        &format!("{base}log.html#status=superseded"),
    );
    assert!(
        log.contains("1 of 4 shown"),
        "filter did not run from {base}: {log}"
    );
    let search = run(
        bin,
        profile,
        &["--dump-dom"],
        &format!("{base}search.html?q=replicas"),
    );
    let first = first_result(&search).unwrap_or_else(|| panic!("no result from {base}: {search}"));
    assert!(
        first.ends_with("0002-use-postgres-with-replicas.html"),
        "{first}"
    );
    let page = run(bin, profile, &["--dump-dom"], &format!("{base}{first}"));
    assert!(
        page.contains("<h1>Use PostgreSQL with replicas</h1>"),
        "result page from {base}"
    );
}

#[test]
fn site_works_in_headless_chromium_from_file_and_a_sub_path() {
    let Some(bin) = chromium() else {
        println!("skipped: chromium not found (apt-get install chromium)");
        return;
    };
    let f = common::Fixture::org();
    f.build(&[]).success();
    let profile = tempfile::tempdir().unwrap();
    check_site(
        &bin,
        profile.path(),
        &format!("file://{}/", f.out().display()),
    );

    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-test");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join("log-filtered.png");
    let _ = std::fs::remove_file(&shot);
    run(
        &bin,
        profile.path(),
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1200,900",
        ],
        &format!("file://{}/log.html#status=accepted", f.out().display()),
    );
    assert!(shot.is_file(), "no screenshot written");

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_adr"))
        .current_dir(f.dir.path())
        .args([
            "site",
            "serve",
            "--config",
            "site.toml",
            "--out",
            "public",
            "--prefix",
            "/repo/",
        ])
        .arg("--port")
        .arg(port.to_string())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}/repo/");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let result = std::panic::catch_unwind(|| check_site(&bin, profile.path(), &base));
    let _ = server.kill();
    let _ = server.wait();
    result.unwrap();
}

/// The governance pages of a built fixture site in the browser: the goals page shows each goal
/// with its metric, its decisions by status and their quality attributes, and its decisions'
/// links lead to their pages; the Due page shows the decision past its review date and the one
/// coming up; the navigation marks each page as the current one.
#[test]
fn goals_and_due_pages_work_in_headless_chromium() {
    let Some(bin) = chromium() else {
        println!("skipped: chromium not found (apt-get install chromium)");
        return;
    };
    let f = common::Fixture::governance();
    f.adr(&["site", "build", "--out", "public"])
        .assert()
        .success();
    let profile = tempfile::tempdir().unwrap();
    let base = format!("file://{}/", f.out().display());
    let goals = run(
        &bin,
        profile.path(),
        &["--dump-dom"],
        &format!("{base}goals.html"),
    );
    assert!(
        goals.contains("href=\"goals.html\" aria-current=\"page\">Goals</a>"),
        "{goals}"
    );
    let checkout = &goals[goals.find("id=\"goal-checkout-conversion\"").expect("goal")..];
    assert!(checkout.contains("orders / sessions, weekly"), "{checkout}");
    assert!(checkout.contains(">Performance</a>"), "{checkout}");
    let href = &checkout[checkout.find("goal-decisions").unwrap()..];
    let href = &href[href.find("href=\"").unwrap() + 6..];
    let href = &href[..href.find('"').unwrap()];
    let page = run(
        &bin,
        profile.path(),
        &["--dump-dom"],
        &format!("{base}{href}"),
    );
    assert!(
        page.contains("<h1>Cache product pages</h1>"),
        "{href}: {page}"
    );
    assert!(
        page.contains("goals.html#goal-checkout-conversion"),
        "{page}"
    );

    let due = run(
        &bin,
        profile.path(),
        &["--dump-dom"],
        &format!("{base}due.html"),
    );
    assert!(
        due.contains("href=\"due.html\" aria-current=\"page\">Due for review</a>"),
        "{due}"
    );
    let table = &due[due.find("<table class=\"due\">").expect("due table")..];
    assert!(
        table.contains("Cache product pages") && table.contains("31 days"),
        "{table}"
    );
    assert!(
        due.contains("Run in two zones") && due.contains("in 45 days"),
        "{due}"
    );

    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-test");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join("goals.png");
    let _ = std::fs::remove_file(&shot);
    run(
        &bin,
        profile.path(),
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1200,900",
        ],
        &format!("{base}goals.html"),
    );
    assert!(shot.is_file(), "no screenshot written");
}

/// What `tests/browser/check.html` saw on the site in `site`, as JSON.
fn check(
    bin: &Path,
    profile: &Path,
    site: &Path,
    record: &str,
    word: &str,
    dark: bool,
) -> serde_json::Value {
    std::fs::write(site.join("_check.html"), include_str!("browser/check.html")).unwrap();
    let url = format!(
        "file://{}/_check.html?word={word}&record={record}",
        site.display()
    );
    let mut flags = vec![
        "--dump-dom",
        "--allow-file-access-from-files",
        "--window-size=1400,900",
    ];
    if dark {
        flags.push("--force-dark-mode");
    }
    let dom = run_for(bin, profile, &flags, &url, 60_000);
    let open = "<pre id=\"out\">";
    let start = dom.find(open).expect("no output") + open.len();
    let json = &dom[start..start + dom[start..].find("</pre>").unwrap()];
    let json = json
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

/// The sum of red, green and blue of a CSS `rgb(r, g, b)` colour.
fn brightness(css: &serde_json::Value) -> u32 {
    let s = css.as_str().unwrap_or_default();
    s.trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .filter_map(|p| p.trim().parse::<u32>().ok())
        .sum()
}

/// A real corpus folder (alphagov's, adr-tools layout) with 16 more of its records linked by
/// `adr link` so its graph has over 20 decisions, built and read in Chromium.
#[test]
fn corpus_site_reads_well_in_chromium() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let Some(bin) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium not found and CI is set"
        );
        println!("skipped: chromium not found (apt-get install chromium)");
        return;
    };
    let sb = common::Sandbox::new();
    common::copy_dir(&corpus.join("alphagov__govuk-aws"), sb.path());
    for n in 10..26 {
        let (a, b) = (n.to_string(), (n + 1).to_string());
        let kind = if n % 3 == 0 { "Clarifies" } else { "Amends" };
        let back = if n % 3 == 0 {
            "Clarified by"
        } else {
            "Amended by"
        };
        sb.adr()
            .args(["link", &b, kind, &a, back])
            .assert()
            .success();
    }
    sb.adr()
        .args(["site", "build", "--out", "site"])
        .assert()
        .code(predicates::ord::le(3));
    let site = sb.path().join("site");
    let decisions: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.join("decisions.json")).unwrap())
            .unwrap();
    let record = decisions
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["number"] == 12)
        .and_then(|d| d["url"].as_str())
        .unwrap()
        .to_string();
    let profile = tempfile::tempdir().unwrap();
    let seen = check(&bin, profile.path(), &site, &record, "terraform", false);
    let r = &seen["record"];
    // The decision log beside the record, the record marked; its sections; the decisions
    // before and after it.
    assert_eq!(r["side"], 16, "{seen}");
    assert_eq!(r["current"], 1, "{seen}");
    assert_eq!(r["sideOpen"], true, "{seen}");
    assert!(r["toc"].as_u64().unwrap() >= 2, "{seen}");
    assert_eq!(r["prevnext"], 2, "{seen}");
    // Typing in the header's box shows results with the word marked and a snippet around it.
    assert_eq!(r["popHidden"], false, "{seen}");
    assert!(r["popResults"].as_u64().unwrap() >= 3, "{seen}");
    assert!(r["snippetMarks"].as_u64().unwrap() >= 1, "{seen}");
    // The search page: every result, and a status filter that shows only that status.
    let s = &seen["search"];
    assert!(s["total"].as_u64().unwrap() >= 10, "{seen}");
    assert_eq!(s["filtersShown"], true, "{seen}");
    let total = s["total"].as_u64().unwrap();
    let filters = s["filters"].as_array().unwrap();
    assert!(
        filters.iter().any(|f| {
            let shown = f["shown"].as_u64().unwrap();
            shown > 0 && shown < total && f["all"] == true
        }),
        "{seen}"
    );
    assert!(filters.iter().all(|f| f["all"] == true), "{seen}");
    // The graph: 20 decisions or more in one drawing, every label visible, nothing past the
    // right edge at 1280 px, zoom buttons.
    let g = &seen["graph"];
    assert!(g["nodes"].as_u64().unwrap() >= 20, "{seen}");
    assert!(g["labels"].as_u64().unwrap() >= 19, "{seen}");
    assert_eq!(g["labels"], g["visible"], "{seen}");
    assert!(
        g["right"].as_f64().unwrap() <= g["width"].as_f64().unwrap(),
        "{seen}"
    );
    assert_eq!(g["overflow"], 0, "{seen}");
    assert!(g["zoom"].as_u64().unwrap() >= 3, "{seen}");
    // At a phone's width nothing runs off the side, and the sidebar is folded away.
    for (page, v) in seen.as_object().unwrap() {
        if page.starts_with("390:") {
            assert_eq!(v["overflow"], 0, "{page} overflows at 390 px: {seen}");
        }
    }
    assert_eq!(seen["record390"]["overflow"], 0, "{seen}");
    assert_eq!(seen["record390"]["sideOpen"], false, "{seen}");
    assert_eq!(r["overflow"], 0, "{seen}");
    // Dark mode: the same page on a dark background.
    assert!(brightness(&r["background"]) > 600, "{seen}");
    let dark = check(&bin, profile.path(), &site, &record, "terraform", true);
    assert!(brightness(&dark["record"]["background"]) < 150, "{dark}");
    assert_eq!(dark["record"]["current"], 1, "{dark}");
}
