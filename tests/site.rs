//! `adr site` and `adr export` end to end: the real binary on fixtures copied to a temp dir.

mod common;

use common::{Fixture, check_links, html_files};
use std::fs;

fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html.find("</main>").map_or(html.len(), |e| e + 7);
    &html[start..end]
}

#[test]
fn record_page_shows_facts_scenarios_matrix_and_links() {
    let f = Fixture::org();
    f.build(&[]).success();
    let page = f.read("r/basic/0002-use-postgres-with-replicas.html");
    insta::assert_snapshot!("record_page", main_of(&page));
    assert!(page.contains("class=\"chosen\""), "chosen option is marked");
    assert!(page.contains("href=\"../../r/basic/0001-use-postgres.html\""));
    assert!(
        page.contains("href=\"../../r/other/0001-shared-auth.html\""),
        "project#1 resolves"
    );
    assert!(
        page.contains("class=\"language-mermaid\""),
        "mermaid is shown as code"
    );
}

#[test]
fn superseded_record_has_a_banner_to_the_live_decision() {
    let f = Fixture::org();
    f.build(&[]).success();
    let page = f.read("r/basic/0001-use-postgres.html");
    insta::assert_snapshot!("superseded_page", main_of(&page));
    assert!(page.contains("class=\"banner\""));
    assert!(page.contains(
        "<strong>This decision was superseded</strong> by <a href=\"../../r/basic/0002-use-postgres-with-replicas.html\">basic: 0002 Use PostgreSQL with replicas</a>, the decision in force."
    ));
    // A successor still proposed is named, never as the decision in force.
    edit(
        &f,
        "basic/doc/adr/0002-use-postgres-with-replicas.md",
        "status: accepted",
        "status: proposed",
    );
    f.build(&[]).success();
    let page = main_of(&f.read("r/basic/0001-use-postgres.html")).to_string();
    assert!(!page.contains("decision in force"), "{page}");
    assert!(
        page.contains("<span class=\"badge s-proposed\">proposed</span>.\nNo accepted decision replaces it yet."),
        "{page}"
    );
}

#[test]
fn home_and_log_pages_list_every_record() {
    let f = Fixture::org();
    f.build(&[]).success();
    insta::assert_snapshot!("home", main_of(&f.read("index.html")));
    let log = f.read("log.html");
    insta::assert_snapshot!("log", main_of(&log));
    assert_eq!(log.matches("<li data-project").count(), 4);
}

#[test]
fn hostile_markdown_cannot_run_script() {
    let f = Fixture::org();
    f.build(&[]).success();
    for page in html_files(&f.out()) {
        if page.ends_with("graph.html") {
            continue; // its SVG is drawn by adr, every text in it escaped
        }
        let text = fs::read_to_string(&page).unwrap().to_lowercase();
        let text = main_of(&text);
        // Escaped text (`&lt;script&gt;`) is harmless; look only inside real tags.
        let tags: String = text
            .split('<')
            .skip(1)
            .map(|t| format!("<{}>", t.split('>').next().unwrap_or("")))
            .collect();
        let body = tags.as_str();
        let in_record = page.to_string_lossy().contains("/r/");
        for bad in [
            "<script",
            "onerror",
            "onload",
            "onclick",
            "javascript:",
            "<iframe",
            "<svg",
            "data:text",
            "<style",
            "<form",
        ] {
            if bad == "<form" && !in_record {
                continue; // the log's own filter form
            }
            assert!(!body.contains(bad), "{bad} survived in {}", page.display());
        }
    }
    let page = f.read("r/basic/0003-hostile-input.html");
    assert!(
        page.contains("&lt;script&gt;alert"),
        "the tag is shown as text"
    );
}

#[test]
fn internal_links_all_resolve_in_the_fixture_site() {
    let f = Fixture::org();
    f.build(&[]).success();
    let broken = check_links(&f.out());
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn unchanged_pages_are_not_rewritten_on_rebuild() {
    let f = Fixture::org();
    f.build(&[]).success();
    let before = fs::metadata(f.out().join("r/other/0001-shared-auth.html"))
        .unwrap()
        .modified()
        .unwrap();
    let rec = f.dir.path().join("basic/doc/adr/0003-hostile-input.md");
    let text = fs::read_to_string(&rec)
        .unwrap()
        .replace("Hostile input", "Hostile input, edited");
    fs::write(&rec, text).unwrap();
    let out = f.build(&[]).success().get_output().stderr.clone();
    let msg = String::from_utf8_lossy(&out);
    assert!(msg.contains("unchanged"), "{msg}");
    let after = fs::metadata(f.out().join("r/other/0001-shared-auth.html"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "an unrelated page kept its file");
    assert!(f.read("r/basic/0003-hostile-input.html").contains("edited"));
}

/// The build line's `N pages rendered (M records), W files written`, as numbers (each noun
/// singular when its count is one).
fn rendered(f: &Fixture) -> (usize, usize, usize) {
    let out = f.build(&[]).success().get_output().stderr.clone();
    let msg = String::from_utf8_lossy(&out).into_owned();
    let num = |one: &str, many: &str| -> usize {
        let at = msg
            .find(many)
            .or_else(|| msg.find(one))
            .unwrap_or_else(|| panic!("{many}: {msg}"));
        let word = msg[..at].trim_end().rsplit([' ', '(']).next().unwrap_or("");
        let n: usize = word.parse().unwrap_or_else(|_| panic!("{many}: {msg}"));
        assert_eq!(msg[at..].starts_with(one), n == 1, "{msg}");
        n
    };
    (
        num(" page rendered", " pages rendered"),
        num(" record)", " records)"),
        num(" file written", " files written"),
    )
}

fn edit(f: &Fixture, rel: &str, from: &str, to: &str) {
    let p = f.dir.path().join(rel);
    let text = fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{from} in {rel}");
    fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_rebuild_renders_only_the_pages_that_depend_on_what_changed() {
    let f = Fixture::org();
    let (cold, cold_records, _) = rendered(&f);
    assert_eq!(cold_records, 4);
    let listings = cold - cold_records;
    assert_eq!(rendered(&f), (0, 0, 0), "nothing changed, nothing rendered");
    // A body edit shows on its own page and in the listings (search, feed), nowhere else.
    edit(
        &f,
        "basic/doc/adr/0003-hostile-input.md",
        "alert('body')",
        "alert('body, edited')",
    );
    let (pages, records, written) = rendered(&f);
    assert_eq!((pages, records), (listings + 1, 1));
    assert!(
        written >= 1 && written < pages,
        "identical listings are not rewritten"
    );
    // A title shows on the pages of the records linked to it too.
    edit(
        &f,
        "basic/doc/adr/0001-use-postgres.md",
        "# Use PostgreSQL",
        "# Use PostgreSQL 16",
    );
    let (_, records, _) = rendered(&f);
    assert_eq!(
        records, 3,
        "0001 itself and every page of its project, whose sidebar lists it"
    );
    assert!(
        f.read("r/basic/0002-use-postgres-with-replicas.html")
            .contains("Use PostgreSQL 16")
    );
}

#[test]
fn a_template_change_renders_every_page_again() {
    let f = Fixture::org();
    let (cold, _, _) = rendered(&f);
    let tpl = f.dir.path().join("theme");
    fs::create_dir_all(&tpl).unwrap();
    let base = include_str!("../templates/site/base.html").replace("</footer>", "edited</footer>");
    fs::write(tpl.join("base.html"), base).unwrap();
    let cfg = fs::read_to_string(f.config()).unwrap();
    fs::write(f.config(), format!("templates = \"theme\"\n{cfg}")).unwrap();
    assert_eq!(rendered(&f).0, cold);
}

#[test]
fn failed_build_leaves_the_previous_site() {
    let f = Fixture::org();
    f.build(&[]).success();
    let tpl = f.dir.path().join("theme");
    fs::create_dir_all(&tpl).unwrap();
    fs::write(tpl.join("index.html"), "{% if %}broken").unwrap();
    let cfg = fs::read_to_string(f.config()).unwrap();
    fs::write(f.config(), format!("templates = \"theme\"\n{cfg}")).unwrap();
    f.build(&[]).failure().code(2);
    assert!(f.read("index.html").contains("Recent decisions"));
    let names: Vec<_> = fs::read_dir(f.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.to_string_lossy().contains("adr-new")),
        "{names:?}"
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_build() {
    let f = Fixture::org();
    let out = f.out();
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("keep.txt"), "mine").unwrap();
    f.build(&[]).failure().code(2);
    assert_eq!(fs::read_to_string(out.join("keep.txt")).unwrap(), "mine");
}

#[test]
fn export_bundle_feeds_a_site_and_keeps_numbers_distinct() {
    let f = Fixture::org();
    let bundle = f.dir.path().join("other.json");
    f.adr(&[
        "--dir",
        "other/doc/adr",
        "export",
        "--format",
        "json",
        "--project",
        "other",
        "-o",
    ])
    .arg(&bundle)
    .assert()
    .success();
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&bundle).unwrap()).unwrap();
    assert_eq!(json["kind"], "adr-bundle");
    assert_eq!(json["records"][0]["number"], 1);
    assert!(
        json["records"][0]["html"]
            .as_str()
            .unwrap()
            .contains("Context</h2>")
    );
    fs::write(
        f.config(),
        "[[sources]]\nname = \"basic\"\npath = \"basic\"\n[[sources]]\nname = \"other\"\nbundle = \"other.json\"\n",
    )
    .unwrap();
    f.build(&[]).success();
    assert!(
        f.read("r/basic/0002-use-postgres-with-replicas.html")
            .contains("../../r/other/0001-shared-auth.html")
    );
    assert!(
        f.read("r/other/0001-shared-auth.html")
            .contains("Every service authenticates")
    );
}

#[test]
fn git_sources_are_cloned_and_dated() {
    let f = Fixture::org();
    let repo = f.dir.path().join("remote");
    fs::create_dir_all(repo.join("doc/adr")).unwrap();
    fs::copy(
        f.dir.path().join("other/doc/adr/0001-shared-auth.md"),
        repo.join("doc/adr/0001-shared-auth.md"),
    )
    .unwrap();
    for args in [
        &["init", "-q"][..],
        &["add", "."],
        &["commit", "-qm", "first"],
    ] {
        common::git(&repo, args);
    }
    let url = format!("file://{}", repo.display());
    fs::write(
        f.config(),
        format!("[[sources]]\nname = \"remote\"\ngit = \"{url}\"\n"),
    )
    .unwrap();
    f.build(&[]).success();
    let page = f.read("r/remote/0001-shared-auth.html");
    assert!(
        page.contains("<dt>Created</dt><dd><time>2024-05-06</time> by Test Author</dd>"),
        "{}",
        main_of(&page)
    );
    f.build(&[]).success(); // the second build fetches into the existing clone
}

#[test]
fn search_index_is_split_into_shards() {
    let f = Fixture::org();
    f.build(&[]).success();
    let meta = f.read("search/meta.js");
    assert!(meta.starts_with("adrSearch.meta({\"n\":4,"), "{meta}");
    assert!(
        f.read("search/d-0.js")
            .starts_with("adrSearch.docs(0,[[\"r/")
    );
    assert!(f.read("search/s-r.js").contains("\"replicas\""));
    // Structured fields are searched: an option's name, a trade-off's note, a scenario's
    // source; and their words are in the text snippets are cut from.
    for (shard, term) in [("s-p", "primary"), ("s-f", "failover"), ("s-z", "zone")] {
        assert!(
            f.read(&format!("search/{shard}.js"))
                .contains(&format!("\"{term}\"")),
            "{term}"
        );
    }
    assert!(f.read("search/t-0.js").contains("Primary with replicas"));
}

/// `GET path` on 127.0.0.1:`port`; the response body.
fn http_get(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    text.split_once("\r\n\r\n")
        .map_or(text.clone(), |(_, b)| b.to_string())
}

#[test]
fn serve_rebuilds_once_per_edit_when_the_output_is_inside_the_source() {
    use std::io::BufRead;
    use std::time::{Duration, Instant};
    let f = Fixture::org();
    // The source is the folder that also holds the output, as `path = "."` makes it.
    fs::write(
        f.config(),
        "[[sources]]\nname = \"basic\"\npath = \".\"\ndir = \"basic/doc/adr\"\n",
    )
    .unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("adr"))
        .current_dir(f.dir.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", f.dir.path())
        .args(["site", "serve", "--config", "site.toml", "--out", "public"])
        .args(["--port", "0"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let stderr = child.stderr.take().unwrap();
    let _child = Kill(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let wait_for = |what: &str, secs: u64| -> String {
        let end = Instant::now() + Duration::from_secs(secs);
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) if line.contains(what) => return line,
                Ok(_) => {}
                Err(e) => panic!("no `{what}` line within {secs} s: {e}"),
            }
        }
    };
    let serving = wait_for("serving", 60);
    let port: u16 = serving
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{serving}"));
    assert_eq!(http_get(port, "/__adr/version"), "1");
    std::thread::sleep(Duration::from_millis(500));
    edit(
        &f,
        "basic/doc/adr/0003-hostile-input.md",
        "Hostile input",
        "Hostile input, edited",
    );
    let rebuilt = wait_for("rebuilt", 30);
    assert!(!rebuilt.contains("rebuilt: 0 pages"), "{rebuilt}");
    assert_eq!(http_get(port, "/__adr/version"), "2", "one reload");
    // Settled: no further builds, no further reloads.
    std::thread::sleep(Duration::from_millis(2500));
    let more: Vec<String> = rx.try_iter().filter(|l| l.contains("rebuilt")).collect();
    assert!(
        more.is_empty(),
        "rebuilt again with nothing edited: {more:?}"
    );
    assert_eq!(http_get(port, "/__adr/version"), "2");
    assert!(http_get(port, "/r/basic/0003-hostile-input.html").contains("Hostile input, edited"));
}

#[test]
fn references_to_other_projects_in_bodies_link_to_their_pages() {
    let f = Fixture::org();
    fs::write(
        f.dir.path().join("basic/doc/adr/0004-cross-links.md"),
        "# 4. Cross links\n\nDate: 2024-05-01\n\n## Status\n\nAccepted\n\n## Context\n\n\
         Written [auth](other#1) and [padded](OTHER#0001); plain other#1 and (other#0001).\n\
         Unknown: [gone](other#99), other#99, nobody#1 and `other#1` in code.\n",
    )
    .unwrap();
    f.build(&[]).success();
    let page = f.read("r/basic/0004-cross-links.html");
    let body = main_of(&page);
    let to_auth = "href=\"../../r/other/0001-shared-auth.html\"";
    assert_eq!(body.matches(to_auth).count(), 4, "{body}");
    assert!(body.contains(&format!(
        "<a {to_auth} rel=\"noopener noreferrer\">auth</a>"
    )));
    assert!(body.contains(&format!(
        "plain <a {to_auth} rel=\"noopener noreferrer\">other#1</a>"
    )));
    // What names no record stays text, without a broken link.
    assert!(!body.contains("other#99\""), "{body}");
    assert!(body.contains(", other#99, nobody#1 and <code>other#1</code>"));
    assert!(check_links(&f.out()).is_empty());
}

/// The y of the box linking to `page` in an SVG.
fn box_y(svg: &str, page: &str) -> f64 {
    let at = svg
        .find(&format!("<a href=\"{page}\">"))
        .unwrap_or_else(|| panic!("{page}"));
    let rect = &svg[at..];
    let y = &rect[rect.find(" y=\"").unwrap() + 4..];
    y[..y.find('"').unwrap()].parse().unwrap()
}

#[test]
fn relation_graph_draws_each_relation_once_with_its_label_in_layers() {
    let f = Fixture::org();
    f.build(&[]).success();
    let graph = f.read("graph.html");
    let section = |id: &str| {
        let start = graph
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id}"));
        let end = graph[start..].find("</section>").unwrap() + start;
        graph[start..end].to_string()
    };
    // The whole organisation's view, then each project's.
    let org = section("g-whole-organisation");
    let basic = section("g-basic");
    assert!(graph.find("g-whole-organisation") < graph.find("id=\"g-basic\""));
    // 0002 relates to other#1: the other project's record is drawn in basic's graph, dashed.
    assert!(
        basic.contains("<a href=\"r/other/0001-shared-auth.html\"><title>other: 0001 Shared authentication (accepted)</title><rect class=\"node ext"),
        "{basic}"
    );
    assert!(
        !org.contains("node ext"),
        "nothing is foreign to the organisation"
    );
    // Both sides state the supersession; it is one edge, labelled, drawn from the older
    // decision down to its successor.
    assert_eq!(basic.matches("<path class=\"edge").count(), 2, "{basic}");
    assert_eq!(basic.matches("class=\"edge sup\"").count(), 1, "{basic}");
    assert!(basic.contains(">superseded by</text>"), "{basic}");
    assert!(basic.contains(">relates to</text>"), "{basic}");
    assert!(
        box_y(&basic, "r/basic/0001-use-postgres.html")
            < box_y(&basic, "r/basic/0002-use-postgres-with-replicas.html")
    );
    assert!(basic.contains("3 linked decisions, 2 relations"), "{basic}");
    // Without script: the same relations as text.
    assert!(basic.contains("<em>superseded by</em>"), "{basic}");
}

#[test]
fn large_builds_report_progress_in_a_few_lines_when_stderr_is_not_a_terminal() {
    let f = Fixture::org();
    let base = ["--base-url", "https://example.org/adr/"];
    let out = f.build(&base).success().get_output().stderr.clone();
    let small = String::from_utf8_lossy(&out).into_owned();
    assert_eq!(
        small.lines().count(),
        1,
        "a small build prints its summary only: {small}"
    );
    let log = f.dir.path().join("big/doc/adr");
    fs::create_dir_all(&log).unwrap();
    for n in 1..=600 {
        fs::write(
            log.join(format!("{n:04}-decision-{n}.md")),
            format!(
                "# {n}. Decision {n}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n\
                 ## Context\n\nWhy {n}.\n\n## Decision\n\nWe do {n}.\n"
            ),
        )
        .unwrap();
    }
    let out = f
        .adr(&["--dir", "big/doc/adr", "site", "build", "--out", "big-site"])
        .args(base)
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    let text = String::from_utf8_lossy(&out).into_owned();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0], "building 600 records from 1 project...");
    assert!(
        lines[1].starts_with("built 600 records of 1 project into big-site in "),
        "{text}"
    );
    assert!(!text.contains('\r') && !text.contains('\x1b'), "{text:?}");
}

/// The utility tree: `quality.html` sums each attribute up with its highest scenarios, and
/// each attribute's own page lists its scenarios, the decisions serving it and every option
/// that traded it away.
#[test]
fn quality_pages_show_scenarios_serving_decisions_and_every_option_that_traded_away() {
    let f = Fixture::org();
    f.build(&[]).success();
    let tree = f.read("quality.html");
    insta::assert_snapshot!("quality", main_of(&tree));
    assert!(
        tree.contains("<a href=\"q/availability.html\"><strong>Availability</strong></a> <span class=\"meta\">1 scenario, high priority · served by 1 decision in force"),
        "{tree}"
    );
    let avail = f.read("q/availability.html");
    insta::assert_snapshot!("quality_attribute", main_of(&avail));
    let replicas = "<a href=\"../r/basic/0002-use-postgres-with-replicas.html\">basic: 0002 Use PostgreSQL with replicas</a>";
    assert!(
        avail.contains(&format!(
            "<h2>Served by decisions in force</h2><ul><li>{replicas}: Primary with replicas (++)</li></ul>"
        )),
        "{avail}"
    );
    // An option not chosen that hurts the attribute is listed, without the chosen mark.
    assert!(
        avail.contains(&format!(
            "<li>{replicas}: Single primary (--: one zone)</li>"
        )),
        "{avail}"
    );
    let cost = f.read("q/cost.html");
    assert!(
        cost.contains(&format!(
            "<li>{replicas}: Primary with replicas (-: two more instances) <span class=\"badge\">chosen</span></li>"
        )),
        "{cost}"
    );
    // The record's scenario table links each attribute to its page.
    let record = f.read("r/basic/0002-use-postgres-with-replicas.html");
    assert!(
        record.contains("<a href=\"../../q/availability.html\">Availability</a>"),
        "{record}"
    );
}

/// The utility tree counts only decisions in force as serving an attribute, keeps proposed
/// ones apart, never shows a template's placeholders, and shows every part of a scenario.
#[test]
fn utility_tree_counts_decisions_in_force_and_shows_no_placeholder() {
    let f = Fixture::org();
    let adr = f.dir.path().join("other/doc/adr");
    let record = |n: u32, status: &str, qa: &str| {
        std::fs::write(
            adr.join(format!("000{n}-r{n}.md")),
            format!("---\nstatus: {status}\nquality_attributes:\n{qa}---\n# R{n}\n"),
        )
        .unwrap();
    };
    let qa = |attr: &str| {
        format!(
            "  - id: x\n    attribute: {attr}\n    priority: medium\n    scenario:\n      source: an auditor\n      stimulus: asks\n"
        )
    };
    record(4, "proposed", &qa("Availability"));
    record(5, "rejected", &qa("Security"));
    record(6, "superseded", &qa("Security"));
    record(
        7,
        "accepted",
        "  - id: \"{short-id}\"\n    attribute: \"{quality attribute, e.g. Performance}\"\n    scenario:\n      source: \"{who or what produces the stimulus}\"\n",
    );
    f.build(&[]).success();
    let tree = main_of(&f.read("quality.html")).to_string();
    assert!(
        tree.contains("served by 1 decision in force, 1 proposed"),
        "{tree}"
    );
    // Rejected and superseded decisions serve nothing and add no scenario: their attribute
    // is one no decision in force serves.
    assert!(!tree.contains("R5") && !tree.contains("R6"), "{tree}");
    let security = &tree[tree.find("id=\"security\"").unwrap()..];
    assert!(
        security.starts_with("id=\"security\" class=\"qa unserved\""),
        "{security}"
    );
    assert!(
        !tree.contains("{quality attribute") && !tree.contains("{who or"),
        "{tree}"
    );
    assert!(
        !f.out()
            .join("q/quality-attribute-e-g-performance.html")
            .exists()
    );
    let avail = main_of(&f.read("q/availability.html")).to_string();
    assert!(
        avail.contains("<span class=\"pname\">source</span> an auditor"),
        "{avail}"
    );
    assert!(
        avail.contains("<h2>Proposed, not yet in force</h2>"),
        "{avail}"
    );
    assert!(
        avail.contains("2 scenarios: 1 high, 1 medium priority"),
        "{avail}"
    );
    assert!(avail.contains("<td class=\"rating\">(M,?)</td>"), "{avail}");
    // An attribute only a proposed decision names is shown as served by none in force.
    record(8, "proposed", &qa("Operability"));
    f.build(&[]).success();
    let tree = main_of(&f.read("quality.html")).to_string();
    let op = &tree[tree.find("id=\"operability\"").unwrap()..];
    assert!(
        op.starts_with("id=\"operability\" class=\"qa unserved\""),
        "{op}"
    );
    assert!(op.contains("not served"), "{op}");
}

/// Two attribute names that make the same file name get a page each, and each record links
/// to its own attribute's page.
#[test]
fn attributes_whose_names_make_the_same_file_name_get_a_page_each() {
    let f = Fixture::org();
    let adr = f.dir.path().join("other/doc/adr");
    for (n, name) in [(7, "Cost efficiency"), (8, "Cost-efficiency")] {
        std::fs::write(
            adr.join(format!("000{n}-r{n}.md")),
            format!(
                "---\nstatus: accepted\nquality_attributes:\n  - id: c\n    attribute: {name}\n---\n# R{n}\n"
            ),
        )
        .unwrap();
    }
    f.build(&[]).success();
    let one = f.read("q/cost-efficiency.html");
    let two = f.read("q/cost-efficiency-2.html");
    assert!(
        one.contains("<h1>Cost efficiency</h1>") && one.contains("R7"),
        "{one}"
    );
    assert!(
        two.contains("<h1>Cost-efficiency</h1>") && two.contains("R8"),
        "{two}"
    );
    let r2 = f.read("r/other/0008-r8.html");
    assert!(
        r2.contains("q/cost-efficiency-2.html\">Cost-efficiency"),
        "{r2}"
    );
}

#[test]
fn without_a_base_url_there_is_no_sitemap_and_feed_ids_are_urns() {
    let f = Fixture::org();
    let out = f.build(&[]).success().get_output().stderr.clone();
    let err = String::from_utf8_lossy(&out);
    assert!(err.contains("note: sitemap.xml not written"), "{err}");
    assert!(!f.out().join("sitemap.xml").exists());
    let feed = f.read("feed.xml");
    assert!(
        feed.contains("<id>urn:adr:feed:example-decisions</id>"),
        "{feed}"
    );
    assert!(feed.contains("<id>urn:adr:basic:2</id>"), "{feed}");
    assert!(feed.contains("<id>urn:adr:other:1</id>"), "{feed}");
    // Every id is absolute; links may be relative (to the feed's own address).
    for id in feed.split("<id>").skip(1) {
        assert!(id.starts_with("urn:adr:"), "{id}");
    }
    assert!(feed.contains("<link href=\"r/basic/0002-use-postgres-with-replicas.html\"/>"));

    // With the address: a sitemap of absolute URLs, and feed ids that are URLs.
    let out = f
        .build(&["--base-url", "https://example.org/adr"])
        .success()
        .get_output()
        .stderr
        .clone();
    assert!(!String::from_utf8_lossy(&out).contains("sitemap"));
    let sitemap = f.read("sitemap.xml");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|l| l.split("</loc>").next().unwrap())
        .collect();
    assert!(locs.len() > 4, "{sitemap}");
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.org/adr/")),
        "{sitemap}"
    );
    let feed = f.read("feed.xml");
    assert!(
        feed.contains("<id>https://example.org/adr/feed.xml</id>"),
        "{feed}"
    );
    assert!(
        feed.contains(
            "<id>https://example.org/adr/r/basic/0002-use-postgres-with-replicas.html</id>"
        )
    );
    // Dropping the address again removes the sitemap the last build wrote.
    f.build(&[]).success();
    assert!(!f.out().join("sitemap.xml").exists());
    f.build(&["--base-url", "/adr/"]).failure().code(2);
}

#[test]
fn images_inside_the_source_are_published_beside_the_page_and_nothing_else() {
    let f = Fixture::org();
    let adr = f.dir.path().join("basic/doc/adr");
    let img = adr.join("img");
    fs::create_dir_all(&img).unwrap();
    let png = b"\x89PNG\r\n\x1a\n not really a png, but named one";
    fs::write(img.join("ok.png"), png).unwrap();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"4\" height=\"4\"/></svg>";
    fs::write(img.join("diagram.svg"), svg).unwrap();
    fs::write(
        img.join("evil.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
    )
    .unwrap();
    fs::write(img.join("notes.txt"), "not an image").unwrap();
    fs::File::create(img.join("big.png"))
        .unwrap()
        .set_len(21 * 1024 * 1024)
        .unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.png"), "SECRET BYTES").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.png"), img.join("escape.png")).unwrap();
    std::os::unix::fs::symlink("ok.png", img.join("alias.png")).unwrap();
    fs::write(f.dir.path().join("other/doc/adr/x.png"), png).unwrap();
    fs::write(
        adr.join("0004-pictures.md"),
        "# 4. Pictures\n\nDate: 2024-05-01\n\n## Status\n\nAccepted\n\n## Context\n\n\
         ![ok](img/ok.png) ![diagram](img/diagram.svg) [the diagram](img/diagram.svg)\n\
         ![evil](img/evil.svg) ![escape](img/escape.png) ![notes](img/notes.txt)\n\
         ![big](img/big.png) ![other source](../../../other/doc/adr/x.png)\n\
         ![alias](img/alias.png) <img alt=\"raw\" src=\"img/ok.png\">\n",
    )
    .unwrap();
    f.build(&[]).success();
    let page = f.read("r/basic/0004-pictures.html");
    let body = main_of(&page);
    let files = "../../r/basic/files/doc/adr/img";
    for (alt, name) in [
        ("ok", "ok.png"),
        ("diagram", "diagram.svg"),
        ("alias", "alias.png"),
    ] {
        assert!(
            body.contains(&format!("<img src=\"{files}/{name}\" alt=\"{alt}\">")),
            "{alt}: {body}"
        );
    }
    assert!(
        body.contains(&format!("<img alt=\"raw\" src=\"{files}/ok.png\">")),
        "{body}"
    );
    // An SVG is shown as an image, never linked to or inlined.
    assert!(
        !body.contains(&format!("href=\"{files}/diagram.svg\"")),
        "{body}"
    );
    assert!(!body.contains("<svg"), "{body}");
    for alt in ["evil", "escape", "notes", "big", "other source"] {
        assert!(
            body.contains(&format!("<img alt=\"{alt}\">")),
            "{alt}: {body}"
        );
    }
    let published: Vec<String> = walkdir::WalkDir::new(f.out().join("r/basic/files"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut published = published;
    published.sort();
    assert_eq!(published, ["alias.png", "diagram.svg", "ok.png"]);
    assert_eq!(
        fs::read(f.out().join("r/basic/files/doc/adr/img/ok.png")).unwrap(),
        png
    );
    for page in html_files(&f.out()) {
        assert!(!fs::read_to_string(page).unwrap().contains("SECRET"));
    }
    assert!(check_links(&f.out()).is_empty());

    // A changed image is copied again; one no page shows any more leaves the site.
    fs::write(img.join("ok.png"), b"\x89PNG changed, and longer").unwrap();
    f.build(&[]).success();
    assert_eq!(
        fs::read(f.out().join("r/basic/files/doc/adr/img/ok.png")).unwrap(),
        b"\x89PNG changed, and longer"
    );
    edit(
        &f,
        "basic/doc/adr/0004-pictures.md",
        "![diagram](img/diagram.svg)",
        "",
    );
    f.build(&[]).success();
    assert!(
        !f.out()
            .join("r/basic/files/doc/adr/img/diagram.svg")
            .exists()
    );
}

/// A record's metadata shows once, in the header: adr-tools' `Date:` line and `## Status`
/// section with its link line, and MADR 2's bullets, are not repeated in the body; a remark in
/// a status section stays with its heading. Alerts are callouts and code in a title is code.
#[test]
fn metadata_lines_show_once_and_remarks_stay() {
    let f = Fixture::org();
    let adr = f.dir.path().join("other/doc/adr");
    fs::write(
        adr.join("0002-use-grpc.md"),
        "# 2. Use `gRPC` between services\n\nDate: 2023-12-01\n\n## Status\n\nAccepted\n\n\
         Supercedes [1. Shared authentication](0001-shared-auth.md)\n\n## Context\n\n\
         > [!WARNING]\n> Costly to undo.\n",
    )
    .unwrap();
    fs::write(
        adr.join("0003-madr.md"),
        "# Use MADR\n\n* Status: proposed\n* Deciders: Ana\n* Date: 2024-01-02\n\n\
         Technical Story: #7\n\n## Context\n\nWords.\n",
    )
    .unwrap();
    fs::write(
        adr.join("0004-remark.md"),
        "# 4. Remark\n\nDate: 2024-02-03\n\n## Status\n\nAccepted\n\nWe revisit this in Q3.\n",
    )
    .unwrap();
    f.build(&[]).success();
    let grpc = main_of(&f.read("r/other/0002-use-grpc.html")).to_string();
    let body = &grpc[grpc.find("<section class=\"body\">").unwrap()..];
    let body = &body[..body.find("</section>").unwrap()];
    assert!(
        !body.contains("Date:") && !body.contains("Status") && !body.contains("Supercedes"),
        "{body}"
    );
    assert!(grpc.contains("<time>2023-12-01</time>"), "{grpc}");
    assert!(
        grpc.contains("<h1>Use <code>gRPC</code> between services</h1>"),
        "{grpc}"
    );
    assert!(
        body.contains("<blockquote class=\"markdown-alert-warning\">"),
        "{body}"
    );
    // The relation shows once, in the links.
    let links = &grpc[grpc.find("id=\"adr-links\"").unwrap()..];
    let links = &links[..links.find("</section>").unwrap()];
    assert_eq!(links.matches("<li>").count(), 1, "{links}");
    assert!(
        links.contains("supersedes <a href=\"../../r/other/0001-shared-auth.html\">"),
        "{links}"
    );
    let madr = main_of(&f.read("r/other/0003-madr.html")).to_string();
    let body = &madr[madr.find("<section class=\"body\">").unwrap()..];
    assert!(
        !body.contains("Status:") && !body.contains("Deciders:") && !body.contains("2024-01-02"),
        "{body}"
    );
    assert!(body.contains("Technical Story"), "{body}");
    let remark = main_of(&f.read("r/other/0004-remark.html")).to_string();
    assert!(
        remark.contains("<h2 id=\"user-content-status\">Status</h2>")
            && remark.contains("We revisit this in Q3."),
        "{remark}"
    );
    assert!(
        !remark[remark.find("<section class=\"body\">").unwrap()..].contains("<p>Accepted</p>"),
        "{remark}"
    );
}
