//! A real browser over the built site: headless Chromium (Debian package `chromium`) opens the
//! home page from `file://` and from a served sub-path, filters the log by status, searches a
//! word, follows the first result, and saves a screenshot to `target/browser-test/`.
//! Driven by `chromium --dump-dom` (the DOM after scripts ran) and `--screenshot`.

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
        .arg("--virtual-time-budget=5000")
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
