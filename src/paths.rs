//! Path arithmetic done on the written path alone, never the file system: normalising and
//! joining. Discovery, the link index and the site all use these two, so `a/./b/../c` means
//! the same thing to every command.

use std::path::{Component, Path, PathBuf};

/// `a/./b/../c` as `a/c`, without touching the file system. A `..` that has no folder before
/// it to cancel is kept (`../x` stays `../x`): a record found from a subfolder has a path
/// starting with `..`, and dropping it would name another file.
pub fn normalise(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                // `/..` is `/`.
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            other => out.push(other),
        }
    }
    out.iter().collect()
}

/// `base/rel`, normalised ([`normalise`]); `rel` alone (normalised) if it is absolute, and `.`
/// rather than an empty path, as adr-tools' `mkrel` prints it.
pub fn join_rel(base: &Path, rel: &Path) -> PathBuf {
    let out = normalise(&base.join(rel));
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_keeps_a_leading_parent_and_cancels_the_rest() {
        let n = |p: &str| normalise(Path::new(p));
        assert_eq!(n("a/./b/../c"), Path::new("a/c"));
        assert_eq!(n("../doc/adr/../x.md"), Path::new("../doc/x.md"));
        assert_eq!(n("../../x"), Path::new("../../x"));
        assert_eq!(n("/../x"), Path::new("/x"));
        assert_eq!(n("./"), Path::new(""));
    }

    #[test]
    fn join_rel_prints_as_mkrel_does() {
        let j = |b: &str, r: &str| join_rel(Path::new(b), Path::new(r));
        assert_eq!(j(".", "."), Path::new("."));
        assert_eq!(j("..", "doc/adr"), Path::new("../doc/adr"));
        assert_eq!(j("../..", ".adr-dir"), Path::new("../../.adr-dir"));
        assert_eq!(j("x", "/abs/dir"), Path::new("/abs/dir"));
        assert_eq!(j("doc/adr", "../x.md"), Path::new("doc/x.md"));
    }
}
