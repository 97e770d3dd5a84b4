//! A live counter of files done, `rendering: N files`, redrawn in place on stderr at most ten
//! times a second and cleared at the end. Work that takes less than a tenth of a second never
//! draws it, so small runs stay at the one summary line their command prints. Whether it is
//! drawn at all is the [`super::Shell`]'s to say.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The live counter is redrawn at most this often.
const EVERY: Duration = Duration::from_millis(100);

/// Counts files done; see the module comment.
pub struct Progress {
    done: AtomicUsize,
    live: Option<Mutex<Live>>,
}

struct Live {
    out: Box<dyn Write + Send>,
    label: &'static str,
    last: Instant,
    shown: bool,
}

impl Progress {
    /// A counter that only counts.
    pub fn silent() -> Progress {
        Progress {
            done: AtomicUsize::new(0),
            live: None,
        }
    }

    /// A live counter drawn to `out` as `label: N files`.
    pub fn live(out: Box<dyn Write + Send>, label: &'static str) -> Progress {
        Progress {
            done: AtomicUsize::new(0),
            live: Some(Mutex::new(Live {
                out,
                label,
                last: Instant::now(),
                shown: false,
            })),
        }
    }

    /// One more file done. Called from the working threads: a thread that finds the
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
        let label = live.label;
        let _ = write!(
            live.out,
            "\r\x1b[K{label}: {}",
            crate::view::count(n, "file")
        );
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
        let p = Progress::live(Box::new(out.clone()), "rendering");
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
        let p = Progress::live(Box::new(out.clone()), "rendering");
        for _ in 0..1000 {
            p.tick();
        }
        drop(p);
        assert!(out.0.lock().unwrap().is_empty());
    }
}
