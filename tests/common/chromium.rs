//! Headless Chromium for the tests that must see what a browser runs: pages are opened through
//! the DevTools protocol on a pipe (`--remote-debugging-pipe`: fd 3 in, fd 4 out, one JSON
//! message per NUL), and every script the page compiles (`Debugger.scriptParsed`, which also
//! fires for an `onload` attribute when it runs) and every dialog it opens
//! (`Page.javascriptDialogOpening`) is counted. Virtual time runs on for a few seconds after
//! the load, so timers and SVG animations fire without the test waiting for them.

use serde_json::{Value, json};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// The Chromium binary, if one is installed (Debian's `chromium`).
pub fn binary() -> Option<PathBuf> {
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

/// `--dump-dom` of `url`: the DOM after its scripts ran.
pub fn dump_dom(bin: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--virtual-time-budget=5000", "--dump-dom", url])
        .stderr(Stdio::null())
        .output()
        .expect("run chromium");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What a page did while it was open.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Visit {
    /// Scripts compiled in the page: inline, external or handler attributes.
    pub scripts: Vec<String>,
    /// Messages of the dialogs it opened (`alert`, `confirm`, `prompt`).
    pub dialogs: Vec<String>,
}

impl Visit {
    pub fn ran_nothing(&self) -> bool {
        self.scripts.is_empty() && self.dialogs.is_empty()
    }
}

/// One Chromium, driven over the DevTools pipe.
pub struct Browser {
    child: Child,
    to: std::io::PipeWriter,
    from: Receiver<Value>,
    next: u64,
    _profile: tempfile::TempDir,
}

unsafe extern "C" {
    fn dup2(old: i32, new: i32) -> i32;
    fn fcntl(fd: i32, cmd: i32, ...) -> i32;
}

/// How long one protocol answer may take before the test fails instead of hanging.
const ANSWER: Duration = Duration::from_secs(60);

impl Browser {
    /// Starts Chromium; `None` when it is not installed.
    pub fn launch() -> Option<Browser> {
        use std::os::fd::AsRawFd;
        use std::os::unix::process::CommandExt;
        let bin = binary()?;
        let profile = tempfile::tempdir().unwrap();
        let (child_in, to) = std::io::pipe().unwrap();
        let (mut from_child, child_out) = std::io::pipe().unwrap();
        let fds = [child_in.as_raw_fd(), child_out.as_raw_fd()];
        let mut cmd = Command::new(bin);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
        ])
        .arg("--remote-debugging-pipe")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        // SAFETY: only async-signal-safe calls (dup2, fcntl) between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                for (fd, target) in fds.into_iter().zip([3, 4]) {
                    if fd == target {
                        fcntl(fd, 2 /* F_SETFD */, 0); // keep it open across exec
                    } else if dup2(fd, target) < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("start chromium");
        drop((child_in, child_out));
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let mut chunk = [0u8; 65536];
            while let Ok(n) = from_child.read(&mut chunk) {
                if n == 0 {
                    return;
                }
                buf.extend_from_slice(&chunk[..n]);
                while let Some(end) = buf.iter().position(|&b| b == 0) {
                    let msg: Vec<u8> = buf.drain(..=end).collect();
                    if let Ok(v) = serde_json::from_slice(&msg[..msg.len() - 1])
                        && tx.send(v).is_err()
                    {
                        return;
                    }
                }
            }
        });
        Some(Browser {
            child,
            to,
            from: rx,
            next: 1,
            _profile: profile,
        })
    }

    fn send(&mut self, session: Option<&str>, method: &str, params: Value) -> u64 {
        let id = self.next;
        self.next += 1;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).expect("write to chromium");
        id
    }

    /// Waits for the message `done` accepts, noting what the page runs on the way.
    fn until(&mut self, session: Option<&str>, visit: &mut Visit, done: impl Fn(&Value) -> bool) {
        loop {
            let msg = self
                .from
                .recv_timeout(ANSWER)
                .expect("chromium stopped answering");
            match msg["method"].as_str() {
                Some("Debugger.scriptParsed") => {
                    let p = &msg["params"];
                    visit
                        .scripts
                        .push(format!("{} at {}", p["url"], p["startLine"]));
                }
                Some("Page.javascriptDialogOpening") => {
                    visit
                        .dialogs
                        .push(msg["params"]["message"].as_str().unwrap_or("").into());
                    self.send(
                        session,
                        "Page.handleJavaScriptDialog",
                        json!({"accept": true}),
                    );
                }
                _ => {}
            }
            if let Some(e) = msg.get("error") {
                panic!("chromium: {e}");
            }
            if done(&msg) {
                return;
            }
        }
    }

    /// Opens `url` in a new tab, lets it load and run for a few virtual seconds, and says
    /// what it ran.
    pub fn visit(&mut self, url: &str) -> Visit {
        let target = self.call_result(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().unwrap().to_string();
        let attached = self.call_result(
            None,
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        let session = attached["sessionId"].as_str().unwrap().to_string();
        let s = Some(session.as_str());
        self.call_result(s, "Page.enable", json!({}));
        self.call_result(s, "Debugger.enable", json!({}));
        let mut visit = Visit::default();
        self.send(s, "Page.navigate", json!({"url": url}));
        self.until(s, &mut visit, |m| m["method"] == "Page.loadEventFired");
        self.send(
            s,
            "Emulation.setVirtualTimePolicy",
            json!({"policy": "advance", "budget": 3000}),
        );
        self.until(s, &mut visit, |m| {
            m["method"] == "Emulation.virtualTimeBudgetExpired"
        });
        self.call_result(None, "Target.closeTarget", json!({"targetId": target_id}));
        visit
    }

    fn call_result(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let id = self.send(session, method, params);
        let result = std::cell::RefCell::new(Value::Null);
        self.until(session, &mut Visit::default(), |m| {
            let mine = m["id"] == json!(id);
            if mine {
                *result.borrow_mut() = m["result"].clone();
            }
            mine
        });
        result.into_inner()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
