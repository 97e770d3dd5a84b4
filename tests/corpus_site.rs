//! The whole shared corpus, every top folder one project of one organisation site: the build
//! succeeds and no internal link of the output is broken. The corpus is read in place.

mod common;

/// Decision folders of corpus projects that have no config file saying where they are.
fn dir_of(name: &str) -> Option<&'static str> {
    Some(match name {
        "adr__madr" => "docs/decisions",
        "backstage__backstage" => "docs/architecture-decisions",
        "bitwarden__contributing-docs" => "docs/architecture/adr",
        "cometbft__cometbft" => "docs/references/architecture",
        "eclipse-edc__Connector" => "docs/developer/decision-records",
        "ministryofjustice__cloud-platform" => "architecture-decision-record",
        "rust-lang__rfcs" => "text",
        "npryce__adr-tools" => "doc/adr",
        _ => return None,
    })
}

#[test]
fn corpus_org_site_has_no_broken_internal_links() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let corpus = corpus.as_path();
    let mut cfg = String::from("title = \"Corpus\"\n");
    let mut names: Vec<String> = std::fs::read_dir(corpus)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for n in &names {
        let path = corpus.join(n);
        cfg.push_str(&format!(
            "[[sources]]\nname = \"{n}\"\npath = {:?}\n",
            path.display().to_string()
        ));
        if let Some(d) = dir_of(n) {
            cfg.push_str(&format!("dir = \"{d}\"\n"));
        }
    }
    let f = common::Fixture::org();
    std::fs::write(f.config(), cfg).unwrap();
    // Exit 3: some corpus records are unreadable by design; the site is still built.
    let out = f.build(&[]).get_output().clone();
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 3)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pages = common::html_files(&f.out());
    let records: usize = pages
        .iter()
        .filter(|p| p.to_string_lossy().contains("/r/"))
        .count();
    assert!(records > 900, "only {records} record pages");
    let broken = common::check_links(&f.out());
    assert!(
        broken.is_empty(),
        "{} broken links, e.g. {:#?}",
        broken.len(),
        &broken[..broken.len().min(20)]
    );
    let mut docs = String::new();
    for k in 0.. {
        let Ok(block) = std::fs::read_to_string(f.out().join(format!("search/d-{k}.js"))) else {
            break;
        };
        docs.push_str(&block);
    }
    let urls: Vec<String> = docs
        .split("[\"r/")
        .skip(1)
        .map(|s| format!("r/{}", s.split('"').next().unwrap()))
        .collect();
    assert_eq!(urls.len(), records, "every record is a search result");
    for url in urls {
        assert!(
            f.out().join(&url).is_file(),
            "search result {url} has no page"
        );
    }
}
