//! File names for pages: safe on every file system and in URLs, never `..`, never a separator.

/// A file-name-safe form of `s`: letters and digits of any script kept (lower-cased), runs of
/// anything else turned into one `-`. Never empty, never starting with a dot.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() || c == '_' {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let t = out.trim_matches('-');
    // Keep names short enough for every file system (255 bytes) with room for a suffix.
    let mut end = t.len().min(120);
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    let t = &t[..end];
    if t.is_empty() { "x".into() } else { t.into() }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_cannot_escape_or_be_empty() {
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("0001-Use X+Y"), "0001-use-x-y");
        assert_eq!(slug("..."), "x");
        assert_eq!(slug("使用技术栈"), "使用技术栈");
    }
}
