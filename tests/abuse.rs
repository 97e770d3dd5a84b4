//! Failure injection and hostile inputs, against the real binary.
//!
//! - `adr` is killed with SIGKILL at random moments during `supersede`, `link`, `renumber` and
//!   `site build`, a few hundred times: no record file is ever truncated or empty, `adr check`
//!   reports every half-applied change, `adr check --fix` then ends exactly where the change
//!   would have, and the previous site stays whole.
//! - Hostile inputs (huge, binary, invalid UTF-8, symlink loops, symlinks out of the
//!   repository, unreadable files, a full disk, bad titles, YAML alias bombs) give a clear error
//!   naming the file, and nothing is written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn adr(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_adr"));
    c.current_dir(dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", dir)
        // The summary cache (src/cache.rs) belongs to the user, not the repository: keep it
        // out of the folder whose every byte these tests compare.
        .env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("adr-abuse-test-cache"),
        )
        .env("ADR_DATE", "2024-05-06")
        .args(args);
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    adr(dir, args).output().expect("adr runs")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "adr {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file under `dir` (hidden ones too) and its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            // Sparse giants are compared by size, not read.
            let bytes = if e.metadata().map(|m| m.len()).unwrap_or(0) > 1 << 20 {
                e.metadata().unwrap().len().to_le_bytes().to_vec()
            } else {
                std::fs::read(e.path()).unwrap_or_default()
            };
            (rel, bytes)
        })
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().flatten() {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// A small, clean decision log: six records in one format, two of them already linked.
fn fixture(format: &str) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    ok(t.path(), &["init", "--format", format]);
    for title in [
        "Use Postgres",
        "Use Kafka",
        "Split the API",
        "Cache reads",
        "Adopt OTel",
    ] {
        ok(t.path(), &["new", title]);
    }
    ok(t.path(), &["link", "3", "Amends", "2", "Amended by"]);
    let out = run(t.path(), &["check", "--format", "json"]);
    assert!(out.status.success(), "fixture not clean: {out:?}");
    t
}

/// The rule ids `adr check` reports.
fn rules(dir: &Path) -> Vec<String> {
    let out = run(dir, &["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("check json");
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Record files only (`doc/adr/*.md`), by name.
fn records(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir.join("doc/adr"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".md"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A tiny xorshift: the kill moments are random but the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// How a killed run left the log.
#[derive(Debug, Default)]
struct Tally {
    untouched: usize,
    complete: usize,
    half_applied_reported: usize,
    /// Half-applied changes `adr check --fix` then repaired completely.
    repaired: usize,
}

/// Kills `adr ARGS` at random moments `iterations` times in fresh copies of `template`, and
/// checks what each kill left: every record as before the change or as after it (a new record
/// is created complete, links included), and a mix only when `adr check` reports it.
fn kill_repeatedly(template: &Path, args: &[&str], iterations: usize, seed: u64) -> Tally {
    // The outcome of an uninterrupted run, and how long one takes.
    let done = tempfile::tempdir().unwrap();
    copy_dir(template, done.path());
    let start = Instant::now();
    ok(done.path(), args);
    let span = start.elapsed().as_micros() as u64 + 2000;
    let before = records(template);
    let after = records(done.path());
    let mut rng = Rng(seed);
    let mut tally = Tally::default();
    for i in 0..iterations {
        let work = tempfile::tempdir().unwrap();
        copy_dir(template, work.path());
        let mut child = adr(work.path(), args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Most of a run is reading; aim at its second half, where the writes are.
        std::thread::sleep(Duration::from_micros(
            span * 2 / 5 + rng.below(span * 4 / 5),
        ));
        let _ = child.kill();
        let _ = child.wait();
        let now = records(work.path());
        for (name, bytes) in &now {
            let known = before.get(name) == Some(bytes) || after.get(name) == Some(bytes);
            assert!(
                known,
                "kill {i} of adr {args:?}: {name} is neither old nor new (truncated?):\n{}",
                String::from_utf8_lossy(bytes)
            );
            assert!(!bytes.is_empty(), "{name} is empty");
        }
        if now == before {
            tally.untouched += 1;
        } else if now == after {
            tally.complete += 1;
        } else {
            let found = rules(work.path());
            let half = [
                "one-sided-link",
                "dangling-link",
                "duplicate-number",
                "renumber-copy",
            ];
            assert!(
                found.iter().any(|r| half.contains(&r.as_str())),
                "kill {i} of adr {args:?} left a half-applied change that check does not \
                 report ({found:?}): {:?}",
                now.keys().collect::<Vec<_>>()
            );
            tally.half_applied_reported += 1;
            // `check --fix` completes what the kill interrupted. Only an interrupted renumber
            // that left both copies (`renumber-copy`, or `duplicate-number`) needs a person:
            // which copy is meant cannot be told from the files, so `--fix` leaves the copies'
            // links alone. The person deletes the copy under the old number, as the message
            // says, and runs `--fix` again.
            let _ = run(work.path(), &["check", "--fix", "--no-scope"]);
            let mut left = rules(work.path());
            if left
                .iter()
                .any(|r| r == "duplicate-number" || r == "renumber-copy")
            {
                for name in records(work.path()).keys() {
                    if !after.contains_key(name) {
                        std::fs::remove_file(work.path().join("doc/adr").join(name)).unwrap();
                    }
                }
                let _ = run(work.path(), &["check", "--fix", "--no-scope"]);
                left = rules(work.path());
            }
            assert!(
                !left.iter().any(|r| {
                    ["one-sided-link", "dangling-link", "renumber-copy"].contains(&r.as_str())
                }),
                "kill {i} of adr {args:?}: `check --fix` left {left:?}"
            );
            assert_eq!(
                records(work.path()),
                after,
                "kill {i} of adr {args:?}: `check --fix` did not end where the change would have"
            );
            tally.repaired += 1;
        }
    }
    tally
}

#[test]
fn sigkill_during_changes_never_truncates_and_check_sees_half_applied_changes() {
    let mut seed = 0x9e37_79b9_7f4a_7c15;
    for format in ["nygard", "structured"] {
        let t = fixture(format);
        for args in [
            &["supersede", "2", "Use", "Redpanda"][..],
            &["link", "4", "Amends", "5", "Amended by"],
            &["renumber", "3", "42"],
        ] {
            seed += 1;
            let tally = kill_repeatedly(t.path(), args, 40, seed);
            eprintln!("{format} adr {args:?}: {tally:?}");
            assert_eq!(
                tally.untouched + tally.complete + tally.half_applied_reported,
                40
            );
        }
    }
}

#[test]
fn sigkill_during_site_build_keeps_the_previous_site_whole() {
    let t = fixture("structured");
    let dir = t.path();
    let site = dir.join("site");
    ok(dir, &["site", "build", "--out", "site"]);
    let start = Instant::now();
    ok(dir, &["site", "build", "--out", "site"]);
    let span = start.elapsed().as_micros() as u64 * 2 + 5000;
    // Every file of the previous site, hidden ones (the manifest) included, with its bytes.
    let old = snapshot(&site);
    assert!(old.contains_key(Path::new("index.html")) && old.len() > 20);
    // Each kill interrupts a build that has one record changed since the last complete one.
    std::fs::write(
        dir.join("doc/adr/0002-use-postgres.md"),
        "# 2. Use Postgres, edited\n\nDate: 2024-05-06\n\n## Status\n\nAccepted\n",
    )
    .unwrap();
    let mut rng = Rng(42);
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(90);
    for i in 0..150 {
        if Instant::now() > deadline {
            eprintln!("stopped after {i} kills: out of time");
            break;
        }
        // Every kill starts from the previous site, so each one interrupts a build that has
        // the whole change to make.
        if i > 0 {
            restore(&site, &old);
        }
        let mut child = adr(dir, &["site", "build", "--out", "site"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(span)));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&site);
        assert!(!now.is_empty(), "kill {i}: the site is gone");
        seen.push(now);
    }
    restore(&site, &old);
    ok(dir, &["site", "build", "--out", "site"]);
    let new = snapshot(&site);
    assert_ne!(
        old.get(Path::new("index.html")),
        new.get(Path::new("index.html")),
        "the change shows on the index"
    );
    let mut tally = (0, 0);
    for (i, now) in seen.iter().enumerate() {
        if *now == old {
            tally.0 += 1;
        } else if *now == new {
            tally.1 += 1;
        } else {
            let differ = |other: &BTreeMap<PathBuf, Vec<u8>>| -> BTreeSet<PathBuf> {
                now.keys()
                    .chain(other.keys())
                    .filter(|k| now.get(*k) != other.get(*k))
                    .cloned()
                    .collect()
            };
            panic!(
                "kill {i}: the site is neither the previous one nor the new one; \
                 differs from the previous in {:?}, from the new in {:?}",
                differ(&old),
                differ(&new)
            );
        }
    }
    eprintln!(
        "site build killed {} times: {} previous site, {} new site",
        seen.len(),
        tally.0,
        tally.1
    );
    // Leftover staging folders from killed builds did not stop the last build.
    assert!(site.join("assets").is_dir());
}

/// Puts `site` back to exactly the files of `snapshot`.
fn restore(site: &Path, snapshot: &BTreeMap<PathBuf, Vec<u8>>) {
    std::fs::remove_dir_all(site).unwrap();
    for (rel, bytes) in snapshot {
        let p = site.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

/// Runs the read commands, `site build`, `export` and one write command against a log holding
/// one hostile file; asserts each names the file in a clear error and nothing in the
/// repository changes. Returns everything `site build` and `export` published.
fn assert_refused(dir: &Path, hostile: &str, expect: &str) -> String {
    let before = snapshot(dir);
    let published = assert_published_without(dir, hostile, expect);
    for args in [&["list"][..], &["check"], &["list", "--long"]] {
        let out = run(dir, args);
        // `check` reports on stdout (findings are its data), the others on stderr.
        let err = String::from_utf8_lossy(&out.stderr) + String::from_utf8_lossy(&out.stdout);
        assert_names(&out, &err, args, hostile, expect);
    }
    let out = run(dir, &["status", hostile, "accepted", "--force"]);
    assert_eq!(out.status.code(), Some(2), "status on {hostile}: {out:?}");
    assert_eq!(snapshot(dir), before, "{hostile}: something was written");
    published
}

/// `adr ARGS` failed with a documented code and an error naming `hostile` and saying `expect`.
fn assert_names(out: &Output, err: &str, args: &[&str], hostile: &str, expect: &str) {
    assert!(
        matches!(out.status.code(), Some(1..=3)),
        "adr {args:?} with {hostile}: {out:?}"
    );
    assert!(
        err.contains(hostile) && err.to_lowercase().contains(expect),
        "adr {args:?} with {hostile}: expected an error naming it ({expect}):\n{err}"
    );
}

/// `adr site build` (into a folder outside the repository) and `adr export` report the hostile
/// file by name as `list` does; returns the bundle and every file of the site, as text.
fn assert_published_without(dir: &Path, hostile: &str, expect: &str) -> String {
    let site = tempfile::tempdir().unwrap();
    let out_dir = site.path().join("site");
    let mut published = String::new();
    for args in [
        &["site", "build", "--out", out_dir.to_str().unwrap()][..],
        &["export", "--format", "json"],
    ] {
        let out = run(dir, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_names(&out, &err, args, hostile, expect);
        published.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    for bytes in snapshot(&out_dir).values() {
        published.push_str(&String::from_utf8_lossy(bytes));
    }
    published
}

#[test]
fn hostile_files_are_reported_by_name_and_nothing_is_written() {
    let t = fixture("nygard");
    let dir = t.path();
    let adr_dir = dir.join("doc/adr");
    let clean = snapshot(dir);

    let big = adr_dir.join("0010-huge.md");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    assert_refused(dir, "0010-huge.md", "limit");
    std::fs::remove_file(&big).unwrap();

    std::fs::write(
        adr_dir.join("0011-junk.md"),
        [0u8, 159, 146, 150, 0, 255, 1, 2],
    )
    .unwrap();
    assert_refused(dir, "0011-junk.md", "binary");
    std::fs::remove_file(adr_dir.join("0011-junk.md")).unwrap();

    std::fs::write(
        adr_dir.join("0012-latin1.md"),
        b"# 12. Caf\xe9\n\n## Status\n\nAccepted\n",
    )
    .unwrap();
    assert_refused(dir, "0012-latin1.md", "utf-8");
    std::fs::remove_file(adr_dir.join("0012-latin1.md")).unwrap();

    std::os::unix::fs::symlink("0013-loop.md", adr_dir.join("0013-loop.md")).unwrap();
    std::os::unix::fs::symlink(".", adr_dir.join("0014-folder-loop")).unwrap();
    assert_refused(dir, "0013-loop.md", "symbolic links");
    std::fs::remove_file(adr_dir.join("0013-loop.md")).unwrap();
    std::fs::remove_file(adr_dir.join("0014-folder-loop")).unwrap();

    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "# 15. Secret\n\nDo not publish.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        adr_dir.join("0015-out.md"),
    )
    .unwrap();
    let published = assert_refused(dir, "0015-out.md", "outside the repository");
    assert!(
        !published.contains("Do not publish"),
        "the file a symlink points to outside the repository was published"
    );
    std::fs::remove_file(adr_dir.join("0015-out.md")).unwrap();

    let locked = adr_dir.join("0016-locked.md");
    std::fs::write(&locked, "# 16. Locked\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        // Root reads through mode 000; a dangling symlink is what stays unreadable there.
        eprintln!("running as root: chmod 000 does not stop reads; using a dangling symlink");
        std::fs::remove_file(&locked).unwrap();
        std::os::unix::fs::symlink("0099-gone.md", &locked).unwrap();
    }
    assert_refused(dir, "0016-locked.md", "cannot read");
    std::fs::remove_file(&locked).unwrap();

    let bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
                e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n\
                g: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nstatus: accepted\n---\n# 17. Bomb\n";
    std::fs::write(adr_dir.join("0017-bomb.md"), bomb).unwrap();
    assert_refused(dir, "0017-bomb.md", "aliases");
    std::fs::remove_file(adr_dir.join("0017-bomb.md")).unwrap();

    assert_eq!(snapshot(dir), clean);
}

#[test]
fn titles_that_are_paths_or_carry_control_characters() {
    let t = fixture("structured");
    let dir = t.path();
    for title in ["a\nb", "tab\there", "bell\u{7}"] {
        let before = snapshot(dir);
        let out = run(dir, &["new", title]);
        assert_eq!(out.status.code(), Some(2), "{title:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("control characters"));
        assert_eq!(snapshot(dir), before, "{title:?}");
    }
    // NUL cannot even reach argv; the library refuses it the same way.
    let repo = adr::repo::Repo {
        root: dir.to_path_buf(),
        dir: dir.join("doc/adr"),
        extra_dirs: Vec::new(),
        others: Vec::new(),
        config: Default::default(),
        config_path: None,
        format: None,
        write_outside: false,
    };
    let spec = adr::create::NewRecord {
        title: "a\0b".into(),
        ..Default::default()
    };
    assert!(adr::create::create(&repo, &spec).is_err());
    for title in ["../../../etc/passwd", "a/b", "..", "/"] {
        let path = ok(dir, &["new", title]);
        let path = Path::new(path.trim());
        assert_eq!(
            path.parent(),
            Some(Path::new("doc/adr")),
            "{title}: {}",
            path.display()
        );
    }
    assert!(!dir.join("etc").exists() && !dir.join("a").exists());
}

/// A 64 KiB tmpfs as the repository: `adr new` and `adr status` fail with the file named and
/// leave no partial file. Needs permission to mount; skipped with a message otherwise.
#[test]
fn a_full_disk_fails_cleanly() {
    let mnt = tempfile::tempdir().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(mnt.path())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)");
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(mnt.path());
    let dir = mnt.path();
    ok(dir, &["init", "--format", "nygard"]);
    // Fill the disk to the last byte.
    let mut filler = std::fs::File::create(dir.join("filler")).unwrap();
    let chunk = vec![b'x'; 1024];
    while std::io::Write::write_all(&mut filler, &chunk).is_ok() {}
    while std::io::Write::write_all(&mut filler, b"x").is_ok() {}
    drop(filler);
    let before = snapshot(dir);
    let out = run(dir, &["new", "No room"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("doc/adr") && err.to_lowercase().contains("space"),
        "{err}"
    );
    let out = run(dir, &["status", "1", "deprecated"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("doc/adr"));
    assert_eq!(snapshot(dir), before, "a partial file was left behind");
}
