//! `adr mcp` driven by a real MCP client: the official Python SDK (`pip install mcp`), run by
//! tests/mcp/driver.py against the built binary. The driver checks every tool, a resource and
//! the prompts against what the command line says, tries bad input, and writes; these tests
//! then look at the log with `adr` itself. Without python3 and `mcp` they skip, saying so; with
//! `CI` set they fail instead.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ADR: &str = env!("CARGO_BIN_EXE_adr");
const DRIVER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/mcp/driver.py");
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mcp");

/// The Python interpreter that can import the MCP SDK; in CI there must be one.
fn python() -> Option<PathBuf> {
    let found = Command::new("python3")
        .args([
            "-c",
            "import sys, mcp.client.stdio, mcp.client.streamable_http; print(sys.executable)",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(common::stdout(&o).trim()));
    if found.is_none() {
        if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
            panic!("python3 with the `mcp` package is needed and CI is set");
        }
        eprintln!("skipped: python3 with the `mcp` package not found (python3 -m pip install mcp)");
    }
    found
}

/// A copy of the fixture log in a git repository, committed on `main`, with a home and cache
/// of its own.
fn log() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in walkdir::WalkDir::new(FIXTURE) {
        let e = e.unwrap();
        let to = dir.path().join(e.path().strip_prefix(FIXTURE).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    common::git(dir.path(), &["init", "-q", "-b", "main"]);
    common::git(dir.path(), &["add", "-A"]);
    common::git(dir.path(), &["commit", "-qm", "the decision log"]);
    dir
}

/// The scrubbed environment `adr` and the driver run in.
fn env(cmd: &mut Command, dir: &Path) {
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir.join(".home"))
        .env("XDG_CACHE_HOME", dir.join(".cache"))
        .env("ADR_DATE", "2024-06-01")
        .env("GIT_CONFIG_NOSYSTEM", "1");
    // A virtualenv's or a user's packages are found through these.
    for var in ["VIRTUAL_ENV", "PYTHONPATH", "PYTHONUSERBASE"] {
        if let Some(v) = std::env::var_os(var) {
            cmd.env(var, v);
        }
    }
}

fn driver(python: &Path, dir: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(python);
    cmd.arg(DRIVER).arg(ADR).arg(dir).args(args);
    env(&mut cmd, dir);
    let out = cmd.output().expect("python3 runs");
    println!("{}", String::from_utf8_lossy(&out.stdout));
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    out
}

fn adr(dir: &Path, args: &[&str]) -> String {
    let mut cmd = Command::new(ADR);
    cmd.current_dir(dir).args(args);
    env(&mut cmd, dir);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "adr {args:?}: {}",
        common::stderr(&out)
    );
    common::stdout(&out)
}

fn records(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("doc/adr"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_real_client_uses_every_tool_and_what_it_writes_is_the_log() {
    let Some(python) = python() else {
        return;
    };
    let dir = log();
    let out = driver(&python, dir.path(), &["write"]);
    assert!(out.status.success(), "the driver's checks failed");
    assert!(common::stdout(&out).contains("checks passed"));
    // What the write tools did, as the command line sees it.
    let listed: serde_json::Value =
        serde_json::from_str(&adr(dir.path(), &["list", "--format", "json"])).unwrap();
    let rows: Vec<(u64, &str, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let text = |k: &str| r[k].as_str().unwrap_or("");
            (r["number"].as_u64().unwrap(), text("status"), text("title"))
        })
        .collect();
    assert_eq!(rows[4], (5, "superseded", "Log to stdout"));
    assert_eq!(
        rows[5],
        (6, "accepted", "Partition the event tables by month")
    );
    assert_eq!(rows[6], (7, "proposed", "Log with OpenTelemetry"));
    // Bad input wrote nothing: the two drafts are the only new files, none half-written.
    let new: Vec<String> = records(dir.path()).into_iter().skip(5).collect();
    assert_eq!(
        new,
        [
            "0006-partition-the-event-tables-by-month.md",
            "0007-log-with-opentelemetry.md"
        ]
    );
    let check = Command::new(ADR)
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{report}");
}

#[test]
fn write_tools_are_off_unless_asked_and_refused_when_called() {
    let Some(python) = python() else {
        return;
    };
    let dir = log();
    let before = records(dir.path());
    assert!(driver(&python, dir.path(), &["read-only"]).status.success());
    // The config asks for writes; --read-only wins.
    std::fs::write(dir.path().join(".adr.toml"), "[mcp]\nwrite = true\n").unwrap();
    assert!(
        driver(&python, dir.path(), &["read-only", "--read-only"])
            .status
            .success()
    );
    assert_eq!(records(dir.path()), before);
    let shown: serde_json::Value =
        serde_json::from_str(&adr(dir.path(), &["show", "2", "--format", "json"])).unwrap();
    assert_eq!(shown["status"]["state"], "accepted");
}

/// `adr mcp --http` kills its child when dropped, so a failing test leaves no server behind.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn streamable_http_answers_initialize_and_tools() {
    let Some(python) = python() else {
        return;
    };
    let dir = log();
    let mut cmd = Command::new(ADR);
    cmd.current_dir(dir.path())
        .args(["mcp", "--http", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    env(&mut cmd, dir.path());
    let mut server = Server(cmd.spawn().unwrap());
    let stderr = server.0.stderr.take().unwrap();
    let mut line = String::new();
    BufReader::new(stderr).read_line(&mut line).unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("no address on stderr: {line:?}"))
        .to_string();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/mcp"),
        "{url}"
    );
    let out = driver(&python, dir.path(), &["http", &url]);
    assert!(out.status.success(), "the HTTP checks failed");
}

#[test]
fn http_refuses_addresses_beyond_this_machine() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(ADR);
    cmd.current_dir(dir.path())
        .args(["mcp", "--http", "0.0.0.0:0"]);
    env(&mut cmd, &PathBuf::from(dir.path()));
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains("not a loopback address"),
        "{}",
        common::stderr(&out)
    );
}
