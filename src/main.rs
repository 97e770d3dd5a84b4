//! The `adr` binary: parse the command line, run the library, print errors, pick the exit code.

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

// Reading a log allocates many small strings and maps on every core; mimalloc does that about
// twice as fast as glibc's allocator (bench/RESULTS.md, doc/adr 0013).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = adr::cli::Cli::parse();
    match adr::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            print_error(&err);
            ExitCode::from(adr::error::exit::ERROR)
        }
    }
}

/// `error: <message>` then each cause on its own `Caused by:` line, as cargo prints them.
fn print_error(err: &anyhow::Error) {
    let mut stderr = std::io::stderr().lock();
    if let Some(e) = err.downcast_ref::<adr::error::Error>()
        && e.is_adr_tools_text()
    {
        let _ = writeln!(stderr, "{}", adr::shell::printable(&err.to_string()));
        return;
    }
    // A message may quote a title, a reference or a file name: shown, never obeyed.
    let safe = |t: &str| adr::shell::printable(t).into_owned();
    let mut last = err.to_string();
    let _ = writeln!(stderr, "error: {}", safe(&last));
    for cause in err.chain().skip(1) {
        // Errors that carry a path say `path: reason` and keep the reason as their source; the
        // reason is not worth a second line of its own.
        let text = cause.to_string();
        if !last.ends_with(&text) {
            let _ = writeln!(stderr, "Caused by: {}", safe(&text));
        }
        last = text;
    }
}

/// `adr list | head` closes the pipe early; that is not an error worth a message.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
