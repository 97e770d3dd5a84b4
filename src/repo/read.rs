//! Reading one record file: size and type limits, decoding, parsing, and the diagnostics
//! every command reports under the rules' ids.

use super::RecordFile;
use super::yaml_error;
use crate::model::{Diagnostic, Severity};
use crate::parse;
use std::path::{Path, PathBuf};

/// Records larger than this are reported, not read: no real record comes close (the largest
/// Rust RFC is 172 KB) and reading a huge file would stall every command.
pub const MAX_RECORD_BYTES: u64 = 8 * 1024 * 1024;

/// Parses a record from bytes already read (from disk or from git).
pub fn record_from_bytes(
    file: &RecordFile,
    bytes: &[u8],
) -> (crate::model::Record, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let decoded = parse::decode(bytes);
    if let Some((line, code, message)) = decoded.problem {
        diags.push(Diagnostic {
            path: file.path.clone(),
            line: Some(line),
            severity: Severity::Error,
            code,
            message,
        });
    }
    let (record, more) = parse::parse_record(&file.path, &file.id, &file.name, &decoded.text);
    // An unreadable file is already reported; "empty" and "no title" would only repeat it.
    if diags.is_empty() {
        diags.extend(more);
    } else {
        diags.extend(more.into_iter().filter(|d| d.code == "no-number"));
    }
    let diags = diags
        .into_iter()
        .map(|d| canonical(d, Some(&decoded.text)))
        .collect();
    (record, diags)
}

/// Every command reports what reading found under the rules' ids and severities; invalid YAML
/// is explained at the line a person must fix when the file's `text` is given.
fn canonical(d: Diagnostic, text: Option<&str>) -> Diagnostic {
    let mut d = crate::rules::canonical(d);
    if d.code == "invalid-front-matter"
        && let Some((line, message)) = text.and_then(yaml_error::explain)
    {
        d.line = Some(line);
        d.message = message;
    }
    d
}

/// Where a record file that is a symbolic link points, when that is outside every folder in
/// `inside`: a link to `/etc/passwd` named `0001-x.md` must not be read, let alone published.
pub(crate) fn symlink_outside(path: &Path, inside: &[PathBuf]) -> Option<PathBuf> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() {
        return None;
    }
    // A link that does not resolve (a loop, a missing target) is reported when it is read.
    let target = std::fs::canonicalize(path).ok()?;
    (!inside.iter().any(|root| target.starts_with(root))).then_some(target)
}

/// Reads a record unless it is a symbolic link to a file outside every folder in `inside`.
pub(crate) fn read_record_inside(
    f: &RecordFile,
    inside: &[PathBuf],
) -> (crate::model::Record, Vec<Diagnostic>) {
    match symlink_outside(&f.path, inside) {
        Some(target) => unread(
            f,
            "unreadable-file",
            format!(
                "symbolic link to {}, outside the repository; not read",
                target.display()
            ),
        ),
        None => read_record(f),
    }
}

/// The record of a file that is not read, with the error that says why.
fn unread(
    file: &RecordFile,
    code: &'static str,
    message: String,
) -> (crate::model::Record, Vec<Diagnostic>) {
    let (record, more) = record_from_bytes(file, &[]);
    let mut diags = vec![Diagnostic {
        path: file.path.clone(),
        line: None,
        severity: Severity::Error,
        code,
        message,
    }];
    diags.extend(more.into_iter().filter(|d| d.code == "no-number"));
    (record, diags)
}

/// Reads a file whose size is known: one `open` and `read`s, no second `stat`. Reading stops
/// past [`MAX_RECORD_BYTES`] in case the file grew after it was measured.
fn read_file(path: &Path, len: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(len as usize + 1);
    std::fs::File::open(path)?
        .take(MAX_RECORD_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads and parses one record file. Unreadable, oversized, binary and non-UTF-8 files still
/// produce a record (with what could be read) and an error diagnostic.
pub fn read_record(file: &RecordFile) -> (crate::model::Record, Vec<Diagnostic>) {
    let error = |line, code, message: String| Diagnostic {
        path: file.path.clone(),
        line,
        severity: Severity::Error,
        code,
        message,
    };
    let mut diags = Vec::new();
    let read = match std::fs::metadata(&file.path) {
        // A FIFO or device named `x.md` would block or never end; only plain files are read.
        Ok(m) if !m.is_file() => {
            diags.push(error(
                None,
                "unreadable-file",
                "not a regular file; not read".to_string(),
            ));
            Ok(Vec::new())
        }
        Ok(m) if m.len() > MAX_RECORD_BYTES => {
            diags.push(error(
                None,
                "file-too-large",
                format!(
                    "file is {} bytes, over the {} MiB limit for a record; not read",
                    m.len(),
                    MAX_RECORD_BYTES / 1024 / 1024
                ),
            ));
            Ok(Vec::new())
        }
        Ok(m) => read_file(&file.path, m.len()),
        Err(e) => Err(e),
    };
    let bytes = read.unwrap_or_else(|e| {
        diags.push(error(
            None,
            "unreadable-file",
            format!("cannot read file: {e}"),
        ));
        Vec::new()
    });
    if !diags.is_empty() {
        let (record, more) = record_from_bytes(file, &bytes);
        diags.extend(more.into_iter().filter(|d| d.code == "no-number"));
        let diags = diags.into_iter().map(|d| canonical(d, None)).collect();
        return (record, diags);
    }
    record_from_bytes(file, &bytes)
}
