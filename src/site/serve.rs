//! `adr site serve`: a small HTTP server on 127.0.0.1 for previewing the site. A watcher thread
//! polls the sources and templates, rebuilds when they change, and open pages reload themselves
//! by polling a version counter. Std only: a preview server needs no framework; its limits
//! (connections, request size and time, `Host`) are in [`super::http`].

use super::{BuildOptions, build, http, output};
use crate::error::Error;
use crate::shell::Shell;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, UNIX_EPOCH};

/// What `adr site serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub port: u16,
    /// The sub-path the site is served under, e.g. `/repo/` (GitHub Pages' layout).
    pub prefix: String,
}

pub fn serve(opts: ServeOptions, shell: &Shell) -> Result<(), Error> {
    let report = build(&opts.build, shell)?;
    let out = report.out.clone();
    let listener = TcpListener::bind(("127.0.0.1", opts.port))
        .map_err(|e| Error::Usage(format!("cannot listen on 127.0.0.1:{}: {e}", opts.port)))?;
    let addr = listener.local_addr().map_err(|e| Error::io(&out, e))?;
    let prefix = normalise_prefix(&opts.prefix);
    shell.status(format!(
        "serving {} at http://{addr}{prefix} (Ctrl-C to stop)",
        crate::view::count(report.records, "record")
    ));
    let version = Arc::new(AtomicU64::new(1));
    let watched = watched_paths(&opts.build, &out);
    {
        let version = Arc::clone(&version);
        let bopts = opts.build.clone();
        let shell = shell.clone();
        std::thread::spawn(move || watch(&watched, &bopts, &version, &shell));
    }
    http::run(&listener, move |stream, req| {
        handle(stream, &req.target, &out, &prefix, &version)
    });
    Ok(())
}

fn normalise_prefix(p: &str) -> String {
    let t = p.trim_matches('/');
    if t.is_empty() {
        "/".into()
    } else {
        format!("/{t}/")
    }
}

/// What the watcher polls, and the folders inside it that it never looks into.
#[derive(Debug, Default)]
struct Watched {
    paths: Vec<PathBuf>,
    /// The output folder and the git cache: builds write them, so watching them would start a
    /// rebuild after every rebuild when a source is the folder that holds them (`path = "."`).
    skip: Vec<PathBuf>,
}

fn watched_paths(opts: &BuildOptions, out: &Path) -> Watched {
    let mut w = Watched::default();
    if let Ok((cfg, repo)) = super::resolve_config(opts) {
        if let Some(r) = repo {
            w.paths.extend(r.all_dirs().cloned());
        }
        for s in &cfg.sources {
            w.paths
                .extend(s.path.iter().chain(s.bundle.iter()).cloned());
        }
        w.paths.extend(cfg.templates);
        w.skip
            .push(cfg.cache_dir.unwrap_or_else(|| ".adr-cache".into()));
    }
    w.paths.extend(opts.config.clone());
    w.skip.push(out.to_path_buf());
    w.skip = w.skip.iter().map(|p| lexical(p)).collect();
    w
}

/// An absolute path with `.` removed, compared without touching the disk (the output folder
/// is missing for a moment while a first build swaps it in).
fn lexical(p: &Path) -> PathBuf {
    std::path::absolute(p)
        .unwrap_or_else(|_| p.to_path_buf())
        .components()
        .collect()
}

/// Folders no record or template lives in: version control, build output and package caches,
/// and the staging folders of a build in progress (`.site.adr-new-*`, `.site.adr-old-*`).
fn ignored_dir(name: &str) -> bool {
    [
        ".git",
        ".hg",
        ".svn",
        ".jj",
        "target",
        "node_modules",
        ".adr-cache",
    ]
    .contains(&name)
        || name.contains(".adr-new-")
        || name.contains(".adr-old-")
}

fn fingerprint(watched: &Watched) -> u64 {
    let mut h = 0u64;
    for p in &watched.paths {
        let walk = walkdir::WalkDir::new(p).into_iter().filter_entry(|e| {
            e.depth() == 0
                || !e.file_type().is_dir()
                || !(ignored_dir(&e.file_name().to_string_lossy())
                    || watched.skip.contains(&lexical(e.path())))
        });
        // Files only: a folder's time changes whenever anything is made in it (the staging
        // folder of every build), and a file added or removed changes the list anyway.
        for e in walk.flatten().filter(|e| !e.file_type().is_dir()) {
            if let Ok(m) = e.metadata() {
                let t = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .unwrap_or_default();
                let s = format!("{}{}{}", e.path().display(), t.as_nanos(), m.len());
                h = h.rotate_left(5)
                    ^ u64::from_str_radix(&output::hash(s.as_bytes()), 16).unwrap_or(0);
            }
        }
    }
    h
}

fn watch(paths: &Watched, opts: &BuildOptions, version: &AtomicU64, shell: &Shell) {
    let mut last = fingerprint(paths);
    loop {
        std::thread::sleep(Duration::from_millis(700));
        let now = fingerprint(paths);
        if now == last {
            continue;
        }
        last = now;
        match build(opts, shell) {
            Ok(r) => {
                // Open pages reload only when there is something new to show.
                if r.stats.written > 0 {
                    version.fetch_add(1, Ordering::SeqCst);
                }
                shell.status(format!(
                    "rebuilt: {} changed in {:.0?}",
                    crate::view::count(r.stats.written, "page"),
                    r.elapsed
                ));
            }
            Err(e) => shell.status(format!("error: {e}")),
        }
    }
}

const RELOAD: &str = "<script>(function(){var v=null;setInterval(function(){fetch('PREFIX__adr/version').then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v)location.reload();v=t}).catch(function(){})},1000)})();</script>";

fn handle(
    mut s: TcpStream,
    target: &str,
    out: &Path,
    prefix: &str,
    version: &AtomicU64,
) -> std::io::Result<()> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == format!("{prefix}__adr/version") {
        return respond(
            &mut s,
            "200 OK",
            "text/plain",
            version.load(Ordering::SeqCst).to_string().as_bytes(),
        );
    }
    let Some(rest) = path
        .strip_prefix(prefix)
        .or((path.len() + 1 == prefix.len()).then_some(""))
    else {
        return respond(&mut s, "404 Not Found", "text/plain", b"not found");
    };
    let rest = super::links::percent_decode(rest);
    let rel = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest
    };
    let file = output::check_path(&rel)
        .ok()
        .map(|p| out.join(p))
        .filter(|p| p.is_file());
    let Some(file) = file else {
        return respond(&mut s, "404 Not Found", "text/plain", b"not found");
    };
    let mut body = std::fs::read(&file)?;
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext == "html" {
        let script = RELOAD.replace("PREFIX", prefix);
        let text =
            String::from_utf8_lossy(&body).replacen("</body>", &format!("{script}</body>"), 1);
        body = text.into_bytes();
    }
    respond(&mut s, "200 OK", content_type(ext), &body)
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        _ => "application/octet-stream",
    }
}

fn respond(s: &mut TcpStream, status: &str, ctype: &str, body: &[u8]) -> std::io::Result<()> {
    // An SVG a record shows is meant for `<img>`; opened on its own it may run nothing.
    let csp = if ctype == "image/svg+xml" {
        "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n"
    } else {
        ""
    };
    http::respond(s, status, ctype, body, csp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_folder_caches_and_staging_do_not_change_the_fingerprint() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let write = |rel: &str, text: &str| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write("doc/adr/0001-a.md", "# 1. A\n");
        write("public/index.html", "old");
        write(".git/index", "old");
        write("target/debug/x", "old");
        write(".public.adr-new-abc/index.html", "old");
        let watched = Watched {
            paths: vec![root.to_path_buf()],
            skip: vec![lexical(&root.join("public"))],
        };
        let before = fingerprint(&watched);
        write("public/index.html", "rebuilt, and longer");
        write("public/r/new.html", "new");
        write(".git/index", "committed, and longer");
        write("target/debug/x", "compiled, and longer");
        write(".public.adr-new-def/index.html", "staged");
        std::fs::remove_dir_all(root.join(".public.adr-new-abc")).unwrap();
        assert_eq!(
            fingerprint(&watched),
            before,
            "only ignored folders changed"
        );
        write("doc/adr/0001-a.md", "# 1. A, edited\n");
        assert_ne!(fingerprint(&watched), before, "a record changed");
    }
}
