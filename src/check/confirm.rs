//! `adr check --confirm`: runs the commands records name under `confirmation:` and reports each
//! one that fails (`confirmation-failed`). Commands run only when a person asks for it: never
//! from a plain `check`, `review` or the site, whose inputs may come from anyone's branch.

use super::finding;
use crate::model::{ConfirmationKind, DecisionLog, Diagnostic};
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The end of a failed command's output quoted in its finding.
const TAIL: usize = 600;

/// One command to run, and the records (path and line) that name it.
pub struct Planned {
    pub command: String,
    pub named_by: Vec<(PathBuf, Option<usize>)>,
}

/// Every distinct command the records name, in the order first named.
pub fn plan(log: &DecisionLog) -> Vec<Planned> {
    let mut plan: Vec<Planned> = Vec::new();
    for r in &log.records {
        let line = r
            .key_lines
            .iter()
            .find(|(k, _)| crate::parse::fields::CONFIRMATION.contains(&k.as_str()))
            .map(|(_, l)| *l);
        for c in r
            .confirmation
            .iter()
            .filter(|c| c.kind == ConfirmationKind::Command)
        {
            let at = (r.path.clone(), line);
            match plan.iter_mut().find(|p| p.command == c.value) {
                Some(p) => p.named_by.push(at),
                None => plan.push(Planned {
                    command: c.value.clone(),
                    named_by: vec![at],
                }),
            }
        }
    }
    plan
}

/// Runs one command in `root` with the shell, stopping it after `timeout`; `Err` says how it
/// failed (exit status and the end of its output).
pub fn run(command: &str, root: &Path, timeout: Duration) -> Result<(), String> {
    let mut output = tempfile::tempfile().map_err(|e| format!("cannot capture its output: {e}"))?;
    let stdout = output.try_clone().map_err(|e| e.to_string())?;
    let stderr = output.try_clone().map_err(|e| e.to_string())?;
    let mut cmd = shell(command);
    // Its own process group, so a timeout stops what the shell started too.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = cmd
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("could not start: {e}"))?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() >= timeout => {
                kill_group(&child);
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("could not wait for it: {e}")),
        }
    };
    let tail = tail(&mut output);
    match status {
        Some(s) if s.success() => Ok(()),
        Some(s) => Err(format!("{}{tail}", exit_text(s))),
        None => Err(format!(
            "stopped after {} s ([governance] confirm-timeout){tail}",
            timeout.as_secs()
        )),
    }
}

/// Stops every process of the child's group (Linux); elsewhere only the child is killed.
fn kill_group(child: &std::process::Child) {
    #[cfg(target_os = "linux")]
    if let Some(pid) = rustix::process::Pid::from_raw(child.id() as i32) {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = child;
}

/// Runs every command the records name, saying on `shell` which one runs; returns a
/// `confirmation-failed` finding per record naming a command that failed.
pub fn run_all(
    log: &DecisionLog,
    root: &Path,
    timeout: Duration,
    shell: &crate::shell::Shell,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for planned in plan(log) {
        shell.status(format_args!("confirming: {}", planned.command));
        if let Err(why) = run(&planned.command, root, timeout) {
            out.extend(failures(&planned, &why));
        }
    }
    out
}

#[cfg(unix)]
fn shell(command: &str) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c").arg(command);
    c
}

#[cfg(not(unix))]
fn shell(command: &str) -> Command {
    let mut c = Command::new("cmd");
    c.arg("/C").arg(command);
    c
}

fn exit_text(s: std::process::ExitStatus) -> String {
    match s.code() {
        Some(code) => format!("exited with {code}"),
        None => "was killed by a signal".into(),
    }
}

/// `: <last lines of output>`, or nothing when it printed nothing.
fn tail(output: &mut std::fs::File) -> String {
    let mut bytes = Vec::new();
    let len = output.seek(std::io::SeekFrom::End(0)).unwrap_or(0);
    let from = len.saturating_sub(TAIL as u64);
    if output.seek(std::io::SeekFrom::Start(from)).is_err()
        || output.read_to_end(&mut bytes).is_err()
    {
        return String::new();
    }
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    let lines: Vec<&str> = text.lines().rev().take(5).collect();
    let joined: Vec<&str> = lines.into_iter().rev().collect();
    format!(": {}", joined.join(" / "))
}

/// A `confirmation-failed` finding on each record naming a command that failed.
pub fn failures(planned: &Planned, why: &str) -> Vec<Diagnostic> {
    planned
        .named_by
        .iter()
        .map(|(path, line)| {
            finding(
                "confirmation-failed",
                path,
                *line,
                format!("confirmation command `{}` {why}", planned.command),
            )
        })
        .collect()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_failing_command_says_how_and_quotes_its_output() {
        let dir = tempfile::tempdir().unwrap();
        let long = Duration::from_secs(60);
        assert_eq!(run("true", dir.path(), long), Ok(()));
        let e = run("echo one; echo two >&2; exit 3", dir.path(), long).unwrap_err();
        assert_eq!(e, "exited with 3: one / two");
        let e = run("sleep 5", dir.path(), Duration::from_millis(100)).unwrap_err();
        assert!(e.starts_with("stopped after 0 s"), "{e}");
    }
}
