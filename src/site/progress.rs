//! Progress of a site build on stderr. Large builds say what they start on; on a terminal a
//! live counter of the files rendered is redrawn in place at most ten times a second and
//! cleared at the end. Builds that take less than a tenth of a second never draw it, so small
//! builds and piped output stay at the one summary line the command prints.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Builds of at least this many records print a line when they start.
pub const ANNOUNCE_AT: usize = 500;

/// The live counter is redrawn at most this often.
const EVERY: Duration = Duration::from_millis(100);

/// Counts the files a build renders; see the module comment.
pub struct Progress {
    done: AtomicUsize,
    live: Option<Mutex<Live>>,
}

struct Live {
    out: Box<dyn Write + Send>,
    last: Instant,
    shown: bool,
}

impl Progress {
    /// Progress for a build of `records` records from `projects` projects, on stderr.
    pub fn new(records: usize, projects: usize) -> Progress {
        if records >= ANNOUNCE_AT {
            eprintln!("building {records} records from {projects} projects...");
        }
        if std::io::stderr().is_terminal() {
            Progress::live(Box::new(std::io::stderr()))
        } else {
            Progress {
                done: AtomicUsize::new(0),
                live: None,
            }
        }
    }

    /// A live counter drawn to `out`.
    pub fn live(out: Box<dyn Write + Send>) -> Progress {
        Progress {
            done: AtomicUsize::new(0),
            live: Some(Mutex::new(Live {
                out,
                last: Instant::now(),
                shown: false,
            })),
        }
    }

    /// One more file rendered. Called from the rendering threads: a thread that finds the
    /// counter being drawn does not wait for it.
    pub fn tick(&self) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let Some(Ok(mut live)) = self.live.as_ref().map(Mutex::try_lock) else {
            return;
        };
        if live.last.elapsed() < EVERY {
            return;
        }
        live.last = Instant::now();
        live.shown = true;
        let _ = write!(live.out, "\r\x1b[Krendering: {n} files");
        let _ = live.out.flush();
    }
}

impl Drop for Progress {
    /// Clears the counter, on success and on error alike, so what follows starts a clean line.
    fn drop(&mut self) {
        if let Some(live) = self.live.as_mut().and_then(|l| l.get_mut().ok())
            && live.shown
        {
            let _ = write!(live.out, "\r\x1b[K");
            let _ = live.out.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_live_counter_is_throttled_and_cleared() {
        let out = Shared::default();
        let p = Progress::live(Box::new(out.clone()));
        let start = Instant::now();
        for _ in 0..70 {
            p.tick();
            std::thread::sleep(Duration::from_millis(5));
        }
        let elapsed = start.elapsed().as_millis() as usize;
        drop(p);
        let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        let draws = text.matches("rendering: ").count();
        assert!(
            (1..=elapsed / 100).contains(&draws),
            "{draws} draws in {elapsed} ms: {text:?}"
        );
        assert!(text.ends_with("files\r\x1b[K"), "{text:?}");
    }

    #[test]
    fn a_short_build_draws_nothing() {
        let out = Shared::default();
        let p = Progress::live(Box::new(out.clone()));
        for _ in 0..1000 {
            p.tick();
        }
        drop(p);
        assert!(out.0.lock().unwrap().is_empty());
    }
}
