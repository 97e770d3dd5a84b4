//! Test helpers: a temp dir, the real `adr` binary with a scrubbed environment, a log written
//! into one record by record, temp copies of the site fixtures, and a checker of every internal
//! link of a built site.
#![allow(dead_code)]

pub mod chromium;
pub mod log;

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};

/// A scratch repository in a temp dir.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `adr` run in the sandbox root with nothing from the caller's environment that could
    /// change its behaviour, and a fixed date.
    pub fn adr(&self) -> Command {
        self.adr_in(".")
    }

    pub fn adr_in(&self, sub: &str) -> Command {
        let mut cmd = Command::cargo_bin("adr").expect("adr binary");
        cmd.current_dir(self.path().join(sub));
        for var in [
            "VISUAL",
            "EDITOR",
            "ADR_FORMAT",
            "ADR_TEMPLATE",
            "ADR_DATE",
            "NO_COLOR",
            "GIT_DIR",
            "XDG_CACHE_HOME",
            "ADR_NO_CACHE",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("HOME", self.path());
        cmd.env("ADR_DATE", "1992-01-12");
        cmd.env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.invalid");
        cmd.env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.invalid");
        // git's user.name only from the sandbox's own `.gitconfig` (HOME), never the machine's.
        cmd.env("GIT_CONFIG_NOSYSTEM", "1");
        cmd
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel))
            .unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    pub fn files(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path().join(rel))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// The shared corpus of real-world records, if present. In CI (`CI` set) it must be there: a
/// missing corpus fails the test instead of letting it pass without checking anything.
pub fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if p.is_dir() {
        Some(p)
    } else if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!("corpus not found at {} and CI is set", p.display());
    } else {
        eprintln!("skipped: corpus not found at {}", p.display());
        None
    }
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/site");

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

/// Copies a folder tree; the copies are writable whatever the originals were (the corpus is
/// read-only).
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(e.path(), &dest).unwrap();
            let mut perms = fs::metadata(&dest).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            fs::set_permissions(&dest, perms).unwrap();
        }
    }
}

impl Fixture {
    /// Both fixture projects and a site config publishing them as one organisation.
    pub fn org() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(Path::new(FIXTURES), dir.path());
        let f = Fixture { dir };
        fs::write(
            f.config(),
            "title = \"Example decisions\"\n[[sources]]\nname = \"basic\"\npath = \"basic\"\n\
             [[sources]]\nname = \"other\"\npath = \"other\"\n",
        )
        .unwrap();
        f
    }

    /// A copy of `tests/fixtures/governance`: one project whose `.adr.toml` declares goals and
    /// `[governance]`, with approvals, review dates and a confirmation in its records.
    pub fn governance() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let from = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/governance");
        copy_dir(Path::new(from), dir.path());
        Fixture { dir }
    }

    pub fn config(&self) -> PathBuf {
        self.dir.path().join("site.toml")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn adr(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("adr").unwrap();
        c.current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            // What is due for review and how long proposals are open depend on the day.
            .env("ADR_DATE", "2026-01-01")
            .args(args);
        c
    }

    pub fn build(&self, extra: &[&str]) -> assert_cmd::assert::Assert {
        self.adr(&["site", "build", "--config", "site.toml", "--out", "public"])
            .args(extra)
            .assert()
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

/// Runs git in `dir` with a fixed identity and date.
pub fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Test Author")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "Test Author")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_AUTHOR_DATE", "2024-05-06T10:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2024-05-06T10:00:00+00:00")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

pub fn html_files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    // Only inside real tags: text is escaped, so `href="x"` shown in code is not a link.
    let pat = format!(" {attr}=\"");
    let mut out = Vec::new();
    for seg in html.split('<').skip(1) {
        let mut rest = seg.split('>').next().unwrap_or("");
        while let Some(i) = rest.find(&pat) {
            rest = &rest[i + pat.len()..];
            if let Some(end) = rest.find('"') {
                out.push(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    out
}

fn decode(s: &str) -> String {
    let s = s.replace("&amp;", "&");
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every `href`/`src` of every page that is not an absolute URL must name a file of the
/// site, and its `#fragment` an `id` in that file. Returns the broken ones.
pub fn check_links(root: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    let mut cache: std::collections::HashMap<PathBuf, String> = Default::default();
    for page in html_files(root) {
        let html = fs::read_to_string(&page).unwrap();
        let mut links = attr_values(&html, "href");
        links.extend(attr_values(&html, "src"));
        for link in links {
            if link.contains("://") || link.starts_with("mailto:") {
                continue;
            }
            let link = decode(link);
            let (path, frag) = link
                .split_once('#')
                .map_or((link.as_str(), ""), |(p, f)| (p, f));
            let path = path.split('?').next().unwrap_or("");
            let target = if path.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(path)
            };
            let target = adr::paths::normalise(&target);
            if !target.starts_with(root) || !target.is_file() {
                broken.push(format!("{}: {link}", page.display()));
                continue;
            }
            if !frag.is_empty()
                && !frag.contains('=')
                && target.extension().is_some_and(|x| x == "html")
            {
                let text = cache
                    .entry(target.clone())
                    .or_insert_with(|| fs::read_to_string(&target).unwrap());
                if !text.contains(&format!("id=\"{frag}\""))
                    && !text.contains(&format!("name=\"{frag}\""))
                {
                    broken.push(format!("{}: {link} (no such anchor)", page.display()));
                }
            }
        }
    }
    broken
}
