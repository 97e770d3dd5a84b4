//! The one allow-list for URLs the site puts in an `href` or `src`: http, https, mailto, or
//! no scheme at all (a relative path or a `#fragment`). Every URL built from configuration
//! (`file-url`), a bundle (`file_url`, `repo_path`) or a record's links passes it after it is
//! built, so no template or substitution can make a `javascript:` or `data:` link.

/// Schemes a published link may have.
pub const SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The URL's scheme, lower-cased, read as a browser reads it: surrounding spaces and control
/// characters dropped, tabs and newlines inside ignored. `None` when it has none (relative).
pub fn scheme(url: &str) -> Option<String> {
    let mut chars = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let mut s = String::new();
    for c in chars.by_ref() {
        match c {
            ':' if !s.is_empty() => return Some(s),
            c if c.is_ascii_alphabetic() => s.push(c.to_ascii_lowercase()),
            '0'..='9' | '+' | '-' | '.' if !s.is_empty() => s.push(c),
            _ => return None,
        }
    }
    None
}

/// Whether `url` may be published in an `href` or `src`.
pub fn allowed(url: &str) -> bool {
    scheme(url).is_none_or(|s| SCHEMES.contains(&s.as_str()))
}

/// Whether `template` (a `file-url`, `{path}` to be replaced) has an allowed scheme, or none,
/// before `{path}`. Each link built from it is still checked with [`allowed`].
pub fn template_allowed(template: &str) -> bool {
    let fixed = template.split("{path}").next().unwrap_or("");
    !fixed.trim().is_empty() && allowed(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_relative_urls_are_allowed() {
        for ok in [
            "https://e.com/x",
            "HTTP://e.com",
            "mailto:a@b.c",
            "../r/p/0001-a.html#x",
            "#frag",
            "0001-a.md",
            "a/b:c",
            "?q=x:y",
        ] {
            assert!(allowed(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!allowed(bad), "{bad:?}");
        }
        assert!(template_allowed("https://git.example.org/{path}"));
        assert!(template_allowed("../files/{path}"));
        assert!(!template_allowed("{path}"));
        assert!(!template_allowed("javascript:alert('{path}')"));
    }
}
