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

/// The error in the library's words ([`adr::error::describe`]), on stderr.
fn print_error(err: &anyhow::Error) {
    let _ = writeln!(std::io::stderr().lock(), "{}", adr::error::describe(err));
}

/// `adr list | head` closes the pipe early; that is not an error worth a message.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
