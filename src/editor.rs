//! The user's editor: `$VISUAL`, else `$EDITOR`, run the way adr-tools runs it.

use crate::error::Error;
use std::path::Path;

/// The editor command the environment names: `$VISUAL`, else `$EDITOR`; an empty or blank
/// value counts as unset (adr-tools' tests run with `VISUAL=` and `EDITOR=`).
pub fn configured() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
}

/// Opens `path` in the configured editor and waits for it; `Ok(false)` when no editor is set.
/// The variable may hold arguments (`code --wait`), so it runs through the shell as adr-tools
/// runs it, with the path as a separate argument so no file name is ever read as shell.
pub fn open(path: &Path) -> Result<bool, Error> {
    let Some(editor) = configured() else {
        return Ok(false);
    };
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
        .map_err(|e| Error::io(Path::new(&editor), e))?;
    if status.success() {
        Ok(true)
    } else {
        Err(Error::Usage(format!(
            "editor `{editor}` exited with {status}; the record was kept at {}",
            path.display()
        )))
    }
}

/// [`open`] for a command whose whole point is the editor (`adr edit`): no editor is an error
/// that says how to name one.
pub fn require(path: &Path) -> Result<(), Error> {
    if open(path)? {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "no editor to open {} with: set $VISUAL or $EDITOR (e.g. `export EDITOR=vi`)",
            path.display()
        )))
    }
}
