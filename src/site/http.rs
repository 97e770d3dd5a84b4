//! The bounded HTTP/1.1 plumbing of `adr site serve`: a fixed pool of worker threads, a
//! deadline and a size limit on each request's head, and a `Host` check. A preview server on
//! 127.0.0.1 still faces the browser's whole web: a page elsewhere can make it open hundreds of
//! connections, send endless request lines, or reach it by a DNS name that resolves to
//! 127.0.0.1 (DNS rebinding), then read the answers as its own. So: at most [`WORKERS`]
//! connections are served at once and [`QUEUE`] wait, the rest are told 503 at once; a request
//! head must arrive whole, within [`HEAD_LIMIT`] bytes, in [`HEAD_TIME`]; and only requests
//! naming this machine in `Host` are answered.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Connections served at once.
pub const WORKERS: usize = 16;
/// Connections accepted and waiting for a worker; past them a client is told 503.
pub const QUEUE: usize = 16;
/// The largest request line plus headers read.
pub const HEAD_LIMIT: usize = 16 * 1024;
/// How long a client has to send its request head, and to take the answer.
pub const HEAD_TIME: Duration = Duration::from_secs(5);

/// A request as the server needs it: the target and whether its `Host` names this machine.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub target: String,
}

/// Why a request was not read.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The head was longer than [`HEAD_LIMIT`].
    TooLarge,
    /// Not an HTTP request line.
    Malformed,
    /// `Host` missing, or naming another machine.
    Host,
    /// The client sent nothing more before the deadline, or closed.
    Gone,
}

impl Refused {
    /// The answer to send, if the client is still there to read one.
    pub fn status(&self) -> Option<&'static str> {
        match self {
            Refused::TooLarge => Some("431 Request Header Fields Too Large"),
            Refused::Malformed => Some("400 Bad Request"),
            Refused::Host => Some("421 Misdirected Request"),
            Refused::Gone => None,
        }
    }
}

/// Serves `listener` with `handle` on [`WORKERS`] threads, forever.
pub fn run(
    listener: &TcpListener,
    handle: impl Fn(TcpStream, Request) -> std::io::Result<()> + Send + Sync + 'static,
) {
    let handle = Arc::new(handle);
    let (tx, rx) = sync_channel::<TcpStream>(QUEUE);
    let rx = Arc::new(Mutex::new(rx));
    for _ in 0..WORKERS {
        let (rx, handle) = (Arc::clone(&rx), Arc::clone(&handle));
        std::thread::spawn(move || {
            loop {
                let next = rx.lock().map(|r| r.recv());
                let Ok(Ok(stream)) = next else { return };
                let _ = serve_one(stream, &*handle);
            }
        });
    }
    for stream in listener.incoming().flatten() {
        offer(&tx, stream);
    }
}

/// Hands `stream` to a worker, or answers 503 when all are busy and the queue is full.
fn offer(tx: &SyncSender<TcpStream>, stream: TcpStream) {
    if let Err(TrySendError::Full(mut s)) = tx.try_send(stream) {
        let _ = s.set_write_timeout(Some(HEAD_TIME));
        let _ = respond(
            &mut s,
            "503 Service Unavailable",
            "text/plain",
            b"busy",
            "Retry-After: 1\r\n",
        );
    }
}

fn serve_one(
    mut stream: TcpStream,
    handle: &dyn Fn(TcpStream, Request) -> std::io::Result<()>,
) -> std::io::Result<()> {
    stream.set_write_timeout(Some(HEAD_TIME))?;
    let port = stream.local_addr()?.port();
    match read_head(&mut stream, Instant::now() + HEAD_TIME).and_then(|h| parse(&h, port)) {
        Ok(req) => handle(stream, req),
        Err(why) => match why.status() {
            Some(status) => respond(&mut stream, status, "text/plain", status.as_bytes(), ""),
            None => Ok(()),
        },
    }
}

/// The request line and headers, up to the blank line, read by `deadline`.
fn read_head(stream: &mut TcpStream, deadline: Instant) -> Result<Vec<u8>, Refused> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(Refused::Gone);
        }
        let n = match stream.read(&mut buf) {
            Ok(0) | Err(_) => return Err(Refused::Gone),
            Ok(n) => n,
        };
        // Only the new bytes and the three before them can complete the blank line.
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(&buf[..n]);
        if let Some(end) = head_end(&head[from..]) {
            head.truncate(from + end);
            return Ok(head);
        }
        if head.len() > HEAD_LIMIT {
            return Err(Refused::TooLarge);
        }
    }
}

/// Where the head ends in `bytes` (after `\r\n\r\n` or `\n\n`).
fn head_end(bytes: &[u8]) -> Option<usize> {
    (0..bytes.len()).find_map(|i| {
        let rest = &bytes[i..];
        if rest.starts_with(b"\r\n\r\n") {
            Some(i + 4)
        } else if rest.starts_with(b"\n\n") {
            Some(i + 2)
        } else {
            None
        }
    })
}

/// The target of a `GET`/`HEAD` request whose `Host` is this machine on `port`.
fn parse(head: &[u8], port: u16) -> Result<Request, Refused> {
    let text = std::str::from_utf8(head).map_err(|_| Refused::Malformed)?;
    let mut lines = text.lines();
    let mut parts = lines.next().unwrap_or("").split(' ');
    let (Some(_method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(Refused::Malformed);
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return Err(Refused::Malformed);
    }
    let host = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.trim());
    if !host.is_some_and(|h| local_host(h, port)) {
        return Err(Refused::Host);
    }
    Ok(Request {
        target: target.to_string(),
    })
}

/// Whether a `Host` value names this machine: `localhost`, `127.0.0.1` or `[::1]`, with this
/// server's port or none. A name that merely resolves here (DNS rebinding) is not one.
fn local_host(host: &str, port: u16) -> bool {
    let (name, p) = match host.rsplit_once(':') {
        Some((n, p)) if !p.contains(']') => (n, Some(p)),
        _ => (host, None),
    };
    let local = ["localhost", "127.0.0.1", "[::1]"]
        .iter()
        .any(|l| name.eq_ignore_ascii_case(l));
    local && p.is_none_or(|p| p == port.to_string())
}

/// Writes one whole response and closes the exchange; `extra` holds more header lines.
pub fn respond(
    s: &mut TcpStream,
    status: &str,
    ctype: &str,
    body: &[u8],
    extra: &str,
) -> std::io::Result<()> {
    write!(
        s,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\n{extra}Connection: close\r\n\r\n",
        body.len()
    )?;
    s.write_all(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_answered_only_for_this_machine() {
        let get = |host: &str| format!("GET /x HTTP/1.1\r\nHost: {host}\r\n\r\n");
        for ok in [
            "127.0.0.1:4000",
            "localhost:4000",
            "LOCALHOST",
            "[::1]:4000",
        ] {
            assert_eq!(
                parse(get(ok).as_bytes(), 4000),
                Ok(Request {
                    target: "/x".into()
                }),
                "{ok}"
            );
        }
        for bad in [
            "evil.example:4000",
            "127.0.0.1.nip.io",
            "localhost:4001",
            "",
        ] {
            assert_eq!(
                parse(get(bad).as_bytes(), 4000),
                Err(Refused::Host),
                "{bad}"
            );
        }
        assert_eq!(
            parse(b"GET /x HTTP/1.1\r\n\r\n", 4000),
            Err(Refused::Host),
            "no Host"
        );
        assert_eq!(parse(b"GARBAGE\r\n\r\n", 4000), Err(Refused::Malformed));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: x\r\n\r\nbody"), Some(27));
    }
}
