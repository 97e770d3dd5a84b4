//! Hostile input against the published site (issue 19, the site's items), through the real
//! binary and, where script is the question, a real headless Chromium:
//!
//! - SVGs that run script when their address is opened are not published (1), and no SVG that
//!   is published, nor any SVG the fuzzer's corpus holds that `adr` accepts, runs script;
//! - no `href` or `src` gets a scheme other than http, https or mailto from a bundle's or a
//!   source's file URL (2);
//! - deep nesting, wide tables and long supersede chains cost pages linear in their size
//!   (4, 5, 6); the feed stays well-formed XML (9);
//! - `adr site serve` bounds request size, connections and idle time and answers only to this
//!   machine's names (13);
//! - ids written in a record cannot take the names the site's scripts use, and a malformed
//!   search fragment still searches (15).

mod common;

use common::chromium::{self, Browser};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn adr(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_adr"))
        .current_dir(dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", dir)
        .env("ADR_NO_CACHE", "1")
        .args(args)
        .output()
        .expect("adr runs")
}

fn build(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["site", "build", "--out", "public"];
    args.extend(extra);
    let out = adr(dir, &args);
    assert!(
        out.status.success(),
        "site build: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn record(n: u32, title: &str, body: &str) -> String {
    format!("---\nnumber: {n}\nstatus: accepted\ndate: 2024-01-01\n---\n# {title}\n\n{body}\n")
}

/// Every file under `dir` whose name ends with `ext`.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(ext))
        .map(|e| e.into_path())
        .collect()
}

/// The page of the record whose file name starts with `prefix`.
fn page(out: &Path, prefix: &str) -> String {
    let p = files(out, ".html")
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no page {prefix}"));
    std::fs::read_to_string(p).unwrap()
}

const SVGS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/svg");

fn svg_fixtures(kind: &str) -> Vec<PathBuf> {
    let mut v = files(&Path::new(SVGS).join(kind), ".svg");
    v.sort();
    v
}

/// A decision log whose one record shows every SVG fixture as an image.
fn repo_showing_every_svg() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let mut body = String::new();
    for kind in ["hostile", "drawings"] {
        for f in svg_fixtures(kind) {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            std::fs::create_dir_all(t.path().join("doc/adr/img").join(kind)).unwrap();
            std::fs::copy(&f, t.path().join("doc/adr/img").join(kind).join(&name)).unwrap();
            body.push_str(&format!("![{name}](img/{kind}/{name})\n\n"));
        }
    }
    write(
        t.path(),
        "doc/adr/0001-pictures.md",
        record(1, "Pictures", &body),
    );
    t
}

// 1. SVG images with script

#[test]
fn svgs_that_could_run_script_are_not_published_and_the_build_says_why() {
    let t = repo_showing_every_svg();
    let out = build(t.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let published: Vec<String> = files(&t.path().join("public"), ".svg")
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for f in svg_fixtures("hostile") {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!published.contains(&name), "{name} was published");
        assert!(
            stderr.contains(&format!("img/hostile/{name}:")),
            "no note for {name}:\n{stderr}"
        );
    }
    for f in svg_fixtures("drawings") {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        assert!(published.contains(&name), "{name} was not published");
    }
    assert!(
        stderr.contains("onload.svg:1: an event handler attribute `onload`"),
        "{stderr}"
    );
}

/// Fixtures that run script as soon as they are opened, with nothing clicked.
const RUN_ON_OPEN: &[&str] = &[
    "script.svg",
    "xhtml-prefixed-script.svg",
    "svg-prefixed-script.svg",
    "doctype-attlist-onload.svg",
    "onload.svg",
    "animation-handler.svg",
];

#[test]
fn in_chromium_hostile_svgs_run_script_and_published_ones_run_none() {
    let Some(mut browser) = Browser::launch() else {
        println!("skipped: chromium not found (apt-get install chromium)");
        return;
    };
    // The check can fail: opened on their own, these run script in this very browser.
    for name in RUN_ON_OPEN {
        let url = format!("file://{SVGS}/hostile/{name}");
        let visit = browser.visit(&url);
        assert!(!visit.ran_nothing(), "{name} ran nothing: {visit:?}");
    }
    let t = repo_showing_every_svg();
    build(t.path(), &[]);
    let published = files(&t.path().join("public"), ".svg");
    assert_eq!(published.len(), svg_fixtures("drawings").len());
    for svg in published {
        let visit = browser.visit(&format!("file://{}", svg.display()));
        assert!(visit.ran_nothing(), "{}: {visit:?}", svg.display());
    }
}

/// Every SVG `adr` accepts, of the fixtures and of a fuzzer's corpus
/// (`ADR_SVG_CORPUS=/tmp/adr-fuzz/render_markdown`), opened in Chromium: none runs script.
#[test]
fn every_accepted_svg_of_the_corpus_runs_nothing_in_chromium() {
    let Some(mut browser) = Browser::launch() else {
        println!("skipped: chromium not found (apt-get install chromium)");
        return;
    };
    let mut inputs = files(Path::new(SVGS), ".svg");
    if let Some(dir) = std::env::var_os("ADR_SVG_CORPUS") {
        inputs.extend(
            walkdir::WalkDir::new(dir)
                .into_iter()
                .flatten()
                .filter_map(|e| e.file_type().is_file().then(|| e.into_path())),
        );
    }
    let scratch = tempfile::tempdir().unwrap();
    let mut accepted = 0;
    for (i, input) in inputs.iter().enumerate() {
        let bytes = std::fs::read(input).unwrap();
        if adr::site::svg::check(&bytes).is_err() {
            continue;
        }
        accepted += 1;
        let file = scratch.path().join(format!("{i}.svg"));
        std::fs::write(&file, &bytes).unwrap();
        let visit = browser.visit(&format!("file://{}", file.display()));
        assert!(visit.ran_nothing(), "{}: {visit:?}", input.display());
    }
    assert!(accepted >= svg_fixtures("drawings").len(), "{accepted}");
    eprintln!(
        "{accepted} of {} SVG inputs accepted, each opened in Chromium: none ran script",
        inputs.len()
    );
}

// 2. One URL allow-list

#[test]
fn file_urls_from_bundles_and_sources_never_become_script_links() {
    let t = tempfile::tempdir().unwrap();
    let rec = |n: u32, repo_path: &str| {
        serde_json::json!({
            "number": n, "id": format!("000{n}-x"), "title": "X", "status": "accepted",
            "path": format!("000{n}-x.md"), "repo_path": repo_path,
            "body": "# X\n\nSee [the notes](notes/a.txt) and [more](../b.txt).\n"
        })
    };
    let bundle = |file_url: &str, repo_path: &str| {
        serde_json::json!({"kind": "adr-bundle", "version": 1, "project": "p",
            "file_url": file_url, "records": [rec(1, repo_path)]})
        .to_string()
    };
    write(
        t.path(),
        "a.json",
        bundle(
            "javascript:alert(document.domain)//{path}",
            "doc/adr/0001-x.md",
        ),
    );
    write(
        t.path(),
        "b.json",
        bundle("{path}", "javascript:alert(document.domain)//0001-x.md"),
    );
    write(
        t.path(),
        "c.json",
        bundle("https://git.example.org/c/{path}", "d/0001-x.md"),
    );
    // A template that passes (no scheme before the path) but builds one: only the check of the
    // URL as built catches it.
    write(
        t.path(),
        "e.json",
        bundle("\u{1}{path}", "javascript:alert(1)//0001-x.md"),
    );
    write(
        t.path(),
        "site.toml",
        "[[sources]]\nname = \"a\"\nbundle = \"a.json\"\n\
         [[sources]]\nname = \"b\"\nbundle = \"b.json\"\n\
         [[sources]]\nname = \"c\"\nbundle = \"c.json\"\n\
         [[sources]]\nname = \"e\"\nbundle = \"e.json\"\n\
         [[sources]]\nname = \"d\"\nbundle = \"c.json\"\nfile-url = \" JaVa\tScRiPt:alert(1)//{path}\"\n",
    );
    let out = build(t.path(), &["--config", "site.toml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("a: file URL `javascript:alert(document.domain)//{path}` is not"),
        "{stderr}"
    );
    for page in files(&t.path().join("public"), ".html") {
        let html = std::fs::read_to_string(&page).unwrap();
        for url in urls(&html) {
            assert!(
                url.is_empty()
                    || ["http:", "https:", "mailto:"]
                        .iter()
                        .any(|s| url.starts_with(s))
                    || !url.split(['/', '?', '#']).next().unwrap().contains(':'),
                "{}: {url}",
                page.display()
            );
        }
    }
    // The good one still links the record's file and the files its body names.
    let c = std::fs::read_to_string(t.path().join("public/r/c/0001-x.html")).unwrap();
    assert!(
        c.contains("href=\"https://git.example.org/c/d/0001-x.md\""),
        "{c}"
    );
    assert!(
        c.contains("href=\"https://git.example.org/c/d/notes/a.txt\""),
        "{c}"
    );
}

/// Every `href` and `src` value of `html`, as a browser reads it: character references
/// decoded, controls and white space dropped, lower case.
fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        for (at, _) in html.match_indices(attr) {
            let value = &html[at + attr.len()..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            let decoded = value
                .replace("&amp;", "&")
                .replace("&#x1;", "\u{1}")
                .replace("&colon;", ":");
            out.push(
                decoded
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_lowercase(),
            );
        }
    }
    out
}

// 4. Nesting

#[test]
fn deep_nesting_is_flattened_and_keeps_its_words() {
    let t = tempfile::tempdir().unwrap();
    let lists = format!("{}deep list", "- ".repeat(40_000));
    let divs = format!("{}deep div\n", "<div>\n".repeat(120_000));
    write(
        t.path(),
        "doc/adr/0001-lists.md",
        record(1, "Lists", &lists),
    );
    write(t.path(), "doc/adr/0002-divs.md", record(2, "Divs", &divs));
    build(t.path(), &[]);
    let out = t.path().join("public");
    let lists = page(&out, "0001");
    assert!(lists.contains("deep list"));
    assert!(lists.matches("<ul>").count() <= 64, "{}", lists.len());
    let divs = page(&out, "0002");
    assert!(divs.contains("deep div"));
    assert!(divs.matches("<div>").count() <= 64, "{}", divs.len());
}

// 5. Wide tables

#[test]
fn a_wide_table_costs_a_page_linear_in_its_size() {
    let t = tempfile::tempdir().unwrap();
    let cols = 20_000;
    let row = "|".repeat(cols + 1);
    let table = format!(
        "{row}\n|{}\n{}",
        "-|".repeat(cols),
        format!("{row}\n").repeat(20)
    );
    write(t.path(), "doc/adr/0001-wide.md", record(1, "Wide", &table));
    let small = format!("|a|b|\n|-|-|\n{}", "|x|y|\n".repeat(50));
    write(
        t.path(),
        "doc/adr/0002-small.md",
        record(2, "Small", &small),
    );
    build(t.path(), &[]);
    let out = t.path().join("public");
    let wide = page(&out, "0001");
    // One byte of `|` per cell: before, 440,000 `<td></td>` made a page nine times the record.
    assert!(
        wide.len() < 2 * table.len(),
        "{} for {}",
        wide.len(),
        table.len()
    );
    assert!(wide.matches("<td").count() <= 100_000);
    let small = page(&out, "0002");
    assert_eq!(
        small.matches("<td>").count(),
        100,
        "a real table stays a table"
    );
}

// 6. Supersede chains

#[test]
fn a_long_supersede_chain_shows_the_successor_and_the_decision_in_force() {
    let t = tempfile::tempdir().unwrap();
    let n = 2_000;
    for k in 1..=n {
        let links = if k < n {
            format!(
                "links:\n  - {{type: superseded-by, target: {:04}-r.md}}\n",
                k + 1
            )
        } else {
            String::new()
        };
        let status = if k < n { "superseded" } else { "accepted" };
        write(
            t.path(),
            &format!("doc/adr/{k:04}-r.md"),
            format!("---\nstatus: {status}\n{links}---\n# R{k}\n\nText.\n"),
        );
    }
    build(t.path(), &[]);
    let out = t.path().join("public");
    let first = page(&out, "0001-r");
    assert!(first.contains("0002-r.html"), "the direct successor");
    assert!(
        first.contains("The decision in force is <a href=\"../../r/"),
        "{first}"
    );
    assert!(
        first.contains(&format!("{n:04}-r.html")),
        "the decision in force"
    );
    assert!(!first.contains("1000-r.html"), "no page lists the chain");
    assert!(first.len() < 20_000, "{}", first.len());
    let total: u64 = files(&out.join("r"), ".html")
        .iter()
        .map(|p| p.metadata().unwrap().len())
        .sum();
    assert!(total < 20_000 * n as u64, "{total}");
}

// 9. XML

#[test]
fn feed_and_sitemap_are_well_formed_whatever_the_titles() {
    let t = tempfile::tempdir().unwrap();
    write(
        t.path(),
        "doc/adr/0001-c.md",
        "---\nstatus: \"acc\u{1}epted\"\n---\n# Use \u{1}\u{b}\u{1f}\u{fffe}controls & <tags>\n\nx\n",
    );
    build(t.path(), &["--base-url", "https://example.org/adr/"]);
    for xml in ["feed.xml", "sitemap.xml"] {
        let text = std::fs::read_to_string(t.path().join("public").join(xml)).unwrap();
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{xml} is not well-formed: {e}\n{text}");
        }
    }
    let feed = std::fs::read_to_string(t.path().join("public/feed.xml")).unwrap();
    assert!(feed.contains("Use controls &amp; &lt;tags&gt;"), "{feed}");
}

// 13. adr site serve

struct Server {
    child: std::process::Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve() -> Server {
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "doc/adr/0001-a.md", record(1, "A", "Text."));
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_adr"))
        .current_dir(t.path())
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", t.path())
        .args([
            "site",
            "serve",
            "--out",
            "public",
            "--port",
            &port.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server {
        child,
        port,
        _dir: t,
    };
    for _ in 0..300 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return server;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("adr site serve did not start");
}

/// Sends `request` and reads the whole answer (the server closes every connection).
fn ask(port: u16, request: &[u8]) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let _ = s.write_all(request);
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn serve_answers_only_requests_naming_this_machine() {
    let server = serve();
    let port = server.port;
    let get = |host: &str| format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n");
    assert!(ask(port, get(&format!("127.0.0.1:{port}")).as_bytes()).starts_with("HTTP/1.1 200"));
    assert!(ask(port, get(&format!("localhost:{port}")).as_bytes()).starts_with("HTTP/1.1 200"));
    // DNS rebinding: a name of the attacker's that now resolves to 127.0.0.1.
    let rebound = ask(port, get(&format!("attacker.example:{port}")).as_bytes());
    assert!(rebound.starts_with("HTTP/1.1 421"), "{rebound}");
    assert!(!rebound.contains("<html"), "{rebound}");
    let no_host = ask(port, b"GET / HTTP/1.0\r\n\r\n");
    assert!(no_host.starts_with("HTTP/1.1 421"), "{no_host}");
}

#[test]
fn serve_refuses_an_endless_request_line() {
    let server = serve();
    let long = format!(
        "GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let answer = ask(server.port, long.as_bytes());
    assert!(
        answer.starts_with("HTTP/1.1 431"),
        "{}",
        &answer[..answer.len().min(200)]
    );
}

/// Threads of process `pid` (Linux).
fn threads(pid: u32) -> Option<usize> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn serve_bounds_its_threads_and_drops_idle_connections() {
    let server = serve();
    let Some(before) = threads(server.child.id()) else {
        println!("skipped: no /proc");
        return;
    };
    let idle: Vec<TcpStream> = (0..200)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    // Every connection is accepted before the next is; the last one reached the server once
    // it answers (503 or, after the idle ones time out, the page).
    let answer = ask(
        server.port,
        format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", server.port).as_bytes(),
    );
    assert!(answer.starts_with("HTTP/1.1 "), "{answer}");
    let during = threads(server.child.id()).unwrap();
    assert!(
        during <= before + 20,
        "{during} threads for 200 idle connections ({before} before)"
    );
    // An idle connection is closed by the server: reading it ends instead of waiting forever.
    let mut first = &idle[0];
    first
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut buf = [0u8; 64];
    let n = first.read(&mut buf);
    assert!(n.is_ok(), "the server kept an idle connection open: {n:?}");
}

// 15. Ids and search

#[test]
fn ids_in_records_cannot_take_the_names_the_site_uses_and_anchors_still_work() {
    let t = tempfile::tempdir().unwrap();
    write(
        t.path(),
        "doc/adr/0001-a.md",
        record(
            1,
            "A",
            "<a id=\"filters\" name=\"adrSearch\">x</a>\n\n## results\n\n[up](#results) \
             [there](0002-b.md#decision) [none](#nowhere)\n",
        ),
    );
    write(
        t.path(),
        "doc/adr/0002-b.md",
        record(2, "B", "## Decision\n\nY.\n"),
    );
    build(t.path(), &[]);
    let out = t.path().join("public");
    let a = page(&out, "0001");
    for taken in ["id=\"filters\"", "name=\"adrSearch\"", "id=\"results\""] {
        assert!(!a.contains(taken), "{taken} in {a}");
    }
    assert!(a.contains("id=\"user-content-filters\""), "{a}");
    assert!(a.contains("href=\"#user-content-results\""), "{a}");
    assert!(a.contains("id=\"user-content-results\""), "{a}");
    assert!(a.contains("0002-b.html#user-content-decision\""), "{a}");
    assert!(!a.contains("#nowhere"), "{a}");
    let b = page(&out, "0002");
    assert!(b.contains("id=\"user-content-decision\""), "{b}");
    assert!(
        common::check_links(&out).is_empty(),
        "{:?}",
        common::check_links(&out)
    );
}

#[test]
fn a_malformed_search_fragment_still_searches_in_chromium() {
    let Some(bin) = chromium::binary() else {
        println!("skipped: chromium not found (apt-get install chromium)");
        return;
    };
    let t = tempfile::tempdir().unwrap();
    write(
        t.path(),
        "doc/adr/0001-a.md",
        record(1, "Use replicas", "Replicas."),
    );
    build(t.path(), &[]);
    let search = format!("file://{}/public/search.html", t.path().display());
    let dom = chromium::dump_dom(&bin, &format!("{search}#q=%E0%A4%A"));
    assert!(dom.contains("No decision matches"), "{dom}");
    let dom = chromium::dump_dom(&bin, &format!("{search}#q=replicas"));
    assert!(dom.contains("1 decision found"), "{dom}");
}
