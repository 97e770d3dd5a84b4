//! The summary cache behind `adr list` and `adr generate toc`: what they print is the same with
//! the cache cold, warm or off, and a record that changed is read again whatever its size and
//! timestamps say.

mod common;

use common::{Sandbox, corpus};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Runs `adr ARGS` in `sb` and returns (stdout, stderr, exit code).
fn run(sb: &Sandbox, args: &[&str], no_cache: bool) -> (String, String, i32) {
    let mut cmd = sb.adr();
    cmd.args(args);
    if no_cache {
        cmd.env("ADR_NO_CACHE", "1");
    }
    let out = cmd.output().expect("adr runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn cache_files(sb: &Sandbox) -> usize {
    std::fs::read_dir(sb.path().join(".cache/adr"))
        .map(|d| d.count())
        .unwrap_or(0)
}

/// Moves a file's modification time an hour back, as if it had been written long ago.
fn age(path: &Path) {
    let f = std::fs::File::options().append(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

/// Files whose change time is under two seconds old are never cached (see `src/cache.rs`).
fn settle() {
    std::thread::sleep(Duration::from_millis(2100));
}

#[test]
fn list_and_toc_print_the_same_with_the_cache_cold_warm_or_off() {
    let Some(root) = corpus() else {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    };
    let folders = [
        "npryce__adr-tools/doc/adr",
        "alphagov__govuk-aws/docs/architecture/decisions",
        "ministryofjustice__cloud-platform/architecture-decision-record",
        "adr__madr/docs/decisions",
        "bitwarden__contributing-docs/docs/architecture/adr",
        "backstage__backstage/docs/architecture-decisions",
        "phodal__adr/docs/adr",
        "cometbft__cometbft/docs/references/architecture",
        "eclipse-edc__Connector/docs/developer/decision-records",
        "rust-lang__rfcs/text",
    ];
    for folder in folders {
        let dir = root.join(folder);
        assert!(dir.is_dir(), "{folder} is in the corpus");
        let dir = dir.to_string_lossy().into_owned();
        let sb = Sandbox::new();
        for args in [
            &["--dir", &dir, "list", "--format", "json"][..],
            &["--dir", &dir, "list", "--long"],
            &["--dir", &dir, "list", "--status", "accepted"],
            &["--dir", &dir, "generate", "toc"],
            &["--dir", &dir, "generate", "graph"],
        ] {
            let off = run(&sb, args, true);
            let cold = run(&sb, args, false);
            let warm = run(&sb, args, false);
            assert_eq!(off, cold, "{args:?}: cold cache differs from no cache");
            assert_eq!(off, warm, "{args:?}: warm cache differs from no cache");
        }
        assert_eq!(cache_files(&sb), 1, "{folder}: one cache file for the log");
    }
}

#[test]
fn a_changed_record_is_read_again_even_with_its_old_size_and_time() {
    let sb = Sandbox::new();
    let one = sb.write(
        "doc/adr/0001-use-x.md",
        "# 1. Use X\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nX.\n",
    );
    let two = sb.write(
        "doc/adr/0002-use-y.md",
        "# 2. Use Y\n\nDate: 2020-01-02\n\n## Status\n\nProposed\n\n## Context\n\nY.\n",
    );
    age(&one);
    age(&two);
    settle();
    let (before, _, _) = run(&sb, &["list", "--long"], false);
    assert!(before.contains("accepted"), "{before}");
    assert_eq!(cache_files(&sb), 1, "the settled records were cached");

    // Same length, and the modification time put back: only the change time tells.
    let old_mtime = std::fs::metadata(&one).unwrap().modified().unwrap();
    std::fs::write(
        &one,
        "# 1. Use X\n\nDate: 2020-01-01\n\n## Status\n\nRejected\n\n## Context\n\nX.\n",
    )
    .unwrap();
    std::fs::File::options()
        .append(true)
        .open(&one)
        .unwrap()
        .set_modified(old_mtime)
        .unwrap();
    let (after, _, _) = run(&sb, &["list", "--long"], false);
    assert!(after.contains("rejected"), "the edit is seen:\n{after}");
    assert!(!after.contains("accepted"), "{after}");

    std::fs::remove_file(&two).unwrap();
    let (paths, _, _) = run(&sb, &["list"], false);
    assert_eq!(paths, "doc/adr/0001-use-x.md\n", "a deleted record is gone");
}

/// Whether `04/08/2020` is April or August depends on the other records of the log: a cached
/// record's date follows when another record, read again, shows the log's convention.
#[test]
fn a_cached_date_follows_the_log_when_another_record_changes_its_convention() {
    let sb = Sandbox::new();
    let record =
        |n: u32, date: &str| format!("# {n}. Use {n}\n\nDate: {date}\n\n## Status\n\nAccepted\n");
    let one = sb.write("doc/adr/0001-use-1.md", record(1, "04/08/2020"));
    let two = sb.write("doc/adr/0002-use-2.md", record(2, "2021-10-25"));
    age(&one);
    age(&two);
    settle();
    let date_of_one = |no_cache: bool| {
        let (out, _, _) = run(&sb, &["list", "--format", "json"], no_cache);
        let all: serde_json::Value = serde_json::from_str(&out).unwrap();
        all[0]["date"].as_str().unwrap_or("-").to_string()
    };
    assert_eq!(date_of_one(false), "2020-08-04", "no evidence: day-first");
    assert_eq!(date_of_one(false), "2020-08-04", "warm");
    assert_eq!(cache_files(&sb), 1, "the settled records were cached");

    std::fs::write(&two, record(2, "10/25/21")).unwrap();
    age(&two);
    settle();
    assert_eq!(date_of_one(false), "2020-04-08", "record 2 is month-first");
    assert_eq!(date_of_one(false), "2020-04-08", "warm, both cached");
    assert_eq!(date_of_one(true), "2020-04-08", "no cache");

    std::fs::write(&two, record(2, "25/10/21")).unwrap();
    age(&two);
    settle();
    assert_eq!(date_of_one(false), "2020-08-04", "record 2 is day-first");
}

#[test]
fn warnings_are_reported_on_every_run_and_no_cache_means_no_cache() {
    let sb = Sandbox::new();
    let odd = sb.write(
        "doc/adr/0001-odd.md",
        "# 1. Odd\n\nDate: someday\n\n## Status\n\nAccepted\n",
    );
    age(&odd);
    settle();
    for _ in 0..3 {
        let (_, err, code) = run(&sb, &["list"], false);
        assert!(err.contains("0001-odd.md:3"), "warning every time: {err}");
        assert!(err.contains("invalid-date"), "{err}");
        assert_eq!(code, 0);
    }
    let sb = Sandbox::new();
    let ok = sb.write("doc/adr/0001-ok.md", "# 1. Ok\n\n## Status\n\nAccepted\n");
    age(&ok);
    settle();
    run(&sb, &["list"], true);
    assert_eq!(cache_files(&sb), 0, "ADR_NO_CACHE=1 writes nothing");
}
