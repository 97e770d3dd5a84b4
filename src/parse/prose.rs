//! Supersede relations stated in sentences rather than in link lines: "This ADR in part
//! supersedes [0003](0003-networking.md)", "These ranges have been superseded by ADR #0033",
//! "This ADR supersedes the decisions made in ADRs 60 and 61", or a MADR front matter
//! `status: "superseded by ADR-12"`.
//!
//! A sentence counts only when a supersede verb is followed, within a few words and before the
//! sentence ends, by a reference to a record: a Markdown link to a local Markdown file or
//! folder, or `ADR 12` / `ADR-12` / `ADR #12` / `ADRs 60 and 61`. A sentence whose subject is
//! itself another record ("ADR 3 was superseded by ADR 7") speaks of other records, not of
//! this one, and is skipped. Other verbs ("rejected in favour of ADR 111") are not supersedes.

use crate::model::{Link, SUPERSEDED_BY, SUPERSEDES};

const VERBS: &[(&str, &str)] = &[
    ("superseded by", SUPERSEDED_BY),
    ("superceded by", SUPERSEDED_BY),
    ("replaced by", SUPERSEDED_BY),
    ("overridden by", SUPERSEDED_BY),
    ("supersedes", SUPERSEDES),
    ("supercedes", SUPERSEDES),
    // "We decided to supersede [ADR-0011](..)": the verb in its plain form, after "to".
    ("to supersede ", SUPERSEDES),
    ("will supersede ", SUPERSEDES),
    ("replaces", SUPERSEDES),
    ("overrides", SUPERSEDES),
];

/// The stems of the supersede verbs without their first letter: that covers `superseded` and
/// `Superseded` with case-sensitive SIMD searches (a case-insensitive search byte by byte cost
/// a third of `adr list`); a sentence in capitals is not read for links.
static VERB_STEMS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    std::sync::LazyLock::new(|| {
        ["uper", "eplac", "verr"]
            .iter()
            .map(|s| memchr::memmem::Finder::new(s.as_bytes()))
            .collect()
    });

/// Where in `text` a supersede verb may stand (sorted byte offsets): a few SIMD passes over a
/// whole body, so that only the lines holding one have their sentences read.
pub fn supersede_verb_offsets(text: &str) -> Vec<usize> {
    let mut at: Vec<usize> = VERB_STEMS
        .iter()
        .flat_map(|f| f.find_iter(text.as_bytes()))
        .collect();
    at.sort_unstable();
    at
}

/// Whether `text` may hold a supersede verb (a status or one line: the statuses `Superseded`,
/// `SUPERSEDED` and `replaced` in any case count).
pub fn mentions_supersede(text: &str) -> bool {
    static STEMS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::LazyLock::new(|| {
            ["uper", "UPER", "eplac", "EPLAC", "verr", "VERR"]
                .iter()
                .map(|s| memchr::memmem::Finder::new(s.as_bytes()))
                .collect()
        });
    let b = text.as_bytes();
    STEMS.iter().any(|f| f.find(b).is_some())
}

/// `line` with the text of its inline code spans (`` `...` ``) replaced by spaces, byte for
/// byte, so offsets still index the original.
fn without_code_spans(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    for c in line.chars() {
        if c == '`' {
            in_code = !in_code;
            out.push(' ');
        } else if in_code {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// How far around a verb, in bytes, its sentence is read.
const WINDOW: usize = 400;

/// The largest char boundary of `s` at or before `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How many words may stand between the verb and the first reference ("the decisions made in").
const MAX_GAP_WORDS: usize = 6;

/// The supersede links one line of prose states, found at file line `line_no`.
pub fn supersede_links(line: &str, line_no: usize) -> Vec<Link> {
    if !mentions_supersede(line) {
        return Vec::new();
    }
    // Code spans quote text rather than state anything: blanked out, offsets kept.
    let unquoted;
    let line = if line.contains('`') {
        unquoted = without_code_spans(line);
        unquoted.as_str()
    } else {
        line
    };
    // ASCII lower-casing keeps byte offsets, so they index `line` too.
    let lower = line.to_ascii_lowercase();
    let mut out = Vec::new();
    for (verb, kind) in VERBS {
        let mut from = 0;
        while let Some(at) = lower[from..].find(verb).map(|i| i + from) {
            from = at + verb.len();
            // A whole word: "supersedes" but not "unsupersedes".
            if lower[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            // Sentences are read within a window around the verb, so a huge line costs time
            // in proportion to its length, not its square.
            let window_start = floor_boundary(line, at.saturating_sub(WINDOW));
            let sentence_start = lower[window_start..at]
                .rfind(['.', '!', '?', ';'])
                .map_or(window_start, |i| window_start + i + 1);
            if !references(&line[sentence_start..at]).is_empty() {
                continue;
            }
            let rest = &line[from..floor_boundary(line, (from + WINDOW).min(line.len()))];
            let sentence_end = sentence_end(rest);
            let refs = references(&rest[..sentence_end]);
            let Some(first) = refs.first() else { continue };
            let gap = rest[..first.0].split_whitespace().count();
            if gap > MAX_GAP_WORDS {
                continue;
            }
            for (_, target, text) in refs {
                out.push(Link {
                    kind: kind.to_string(),
                    label: line[at..at + verb.len()].to_string(),
                    target,
                    text,
                    line: line_no,
                });
            }
        }
    }
    out
}

/// The successor a status names without the word "ADR" or a link: `superseded by 12`,
/// `superseded by #12`, `replaced by 0012-use-y` (a status names records, so a bare number or
/// a record's file stem right after the verb is one).
pub fn status_successors(status: &str, line_no: usize) -> Vec<Link> {
    if !mentions_supersede(status) {
        return Vec::new();
    }
    let mut out = supersede_links(status, line_no);
    let lower = status.to_ascii_lowercase();
    for (verb, kind) in VERBS.iter().filter(|(_, k)| *k == SUPERSEDED_BY) {
        let Some(at) = lower.find(verb) else { continue };
        let rest = status[at + verb.len()..].trim_start();
        let rest = rest.trim_start_matches('#');
        // `superseded by DR008`: a decision record's number after its kind, glued or not.
        let rest = ["dr", "DR", "Dr"]
            .iter()
            .find_map(|k| rest.strip_prefix(k))
            .map(|r| r.trim_start_matches(['-', '_', ' ']))
            .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            .unwrap_or(rest);
        let token: &str = rest
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ')' | ']'))
            .next()
            .unwrap_or("")
            .trim_end_matches('.');
        if !token.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let target = if token.bytes().all(|b| b.is_ascii_digit()) {
            token
                .trim_start_matches('0')
                .parse::<u32>()
                .unwrap_or(0)
                .to_string()
        } else {
            token.to_string()
        };
        out.push(Link {
            kind: kind.to_string(),
            label: status[at..at + verb.len()].to_string(),
            target,
            text: None,
            line: line_no,
        });
    }
    out
}

/// The words by which a record's own text says that it is superseded, as written, for a
/// record no status line states a status of: a bold lead-in (`**Superseded:** the proxy was
/// retired`, `**Superseded by** [X](x.md)`) or a sentence about the record itself that says
/// it has been superseded by another record ("This RFC proposes ..., which has been superseded
/// by [020](../020/README.md)"). Text that only discusses superseding says nothing: a future or
/// conditional ("this will supersede", "if it is superseded by"), no successor ("superseded by
/// nothing"), or another record as the subject ("ADR 3 was superseded by ADR 7").
pub fn superseded_marker(line: &str) -> Option<String> {
    if !mentions_supersede(line) {
        return None;
    }
    let t = line.trim_start();
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .unwrap_or(t);
    // `**Superseded:**`, `**Superseded by**`, `__Superseded__:`.
    for mark in ["**", "__"] {
        if let Some(inner) = t
            .strip_prefix(mark)
            .and_then(|r| r.find(mark).map(|end| &r[..end]))
        {
            let words = inner.trim().trim_end_matches(':').trim();
            let lower = words.to_ascii_lowercase();
            if matches!(
                lower.as_str(),
                "superseded" | "superceded" | "superseded by" | "superceded by"
            ) {
                return Some(words.to_string());
            }
        }
    }
    // A sentence about this record in the present perfect or passive present.
    let lower = line.to_ascii_lowercase();
    let (verb, kind) = VERBS.iter().take(2).find(|(v, _)| lower.contains(v))?;
    let at = lower.find(verb)?;
    let before = lower[..at].trim_end();
    let tense = ["has been", "have been", "is now", "has now been"]
        .iter()
        .any(|t| before.ends_with(t));
    let sentence_start = before.rfind(['.', '!', '?', ';']).map_or(0, |i| i + 1);
    let sentence = &before[sentence_start..];
    let about_this = sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "this" | "it"));
    let conditional = sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "if" | "when" | "once" | "unless" | "until"));
    let links = supersede_links(line, 0);
    (tense && about_this && !conditional && links.iter().any(|l| l.kind == *kind))
        .then(|| line[at..at + verb.len()].to_string())
}

/// Where a sentence ends: a `.`, `!`, `?` or `;` followed by a space or the end, outside a
/// Markdown link target.
fn sentence_end(text: &str) -> usize {
    let b = text.as_bytes();
    let mut depth = 0usize;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'.' | b'!' | b'?' | b';'
                if depth == 0 && b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) =>
            {
                return i;
            }
            _ => {}
        }
    }
    text.len()
}

/// Record references in `text`, in order: `(byte offset, target, link text)`.
pub fn references(text: &str) -> Vec<(usize, String, Option<String>)> {
    let mut out = Vec::new();
    // Markdown links to local records.
    let mut pos = 0;
    while let Some(open) = text[pos..].find('[').map(|i| i + pos) {
        let Some(close) = text[open..].find("](").map(|i| i + open) else {
            break;
        };
        let Some(end) = text[close + 2..].find(')').map(|i| i + close + 2) else {
            break;
        };
        let target = text[close + 2..end].trim();
        let target = target.split_whitespace().next().unwrap_or("");
        if is_local_record_target(target) {
            out.push((
                open,
                unescape_destination(target),
                Some(text[open + 1..close].to_string()),
            ));
        }
        pos = end;
    }
    // `ADR 12`, `ADR-12`, `ADR #0033`, `ADRs 60 and 61` (outside the links found above).
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("adr").map(|i| i + from) {
        from = at + 3;
        if lower[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '-')
        {
            continue;
        }
        if out
            .iter()
            .any(|(o, _, _)| *o <= at && text[*o..].find(')').is_some_and(|e| at < *o + e))
        {
            continue;
        }
        let mut rest = &text[at + 3..];
        rest = rest.strip_prefix(['s', 'S']).unwrap_or(rest);
        rest = rest.trim_start_matches([' ', '-', '_', '#', ':']);
        // `60 and 61`, `60, 61`, `60 & 61`: numbers joined by a separator.
        loop {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0
                || digits > 5
                || rest[digits..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                break;
            }
            let n: u32 = rest[..digits].parse().unwrap_or(0);
            out.push((text.len() - rest.len(), n.to_string(), None));
            let t = rest[digits..].trim_start();
            let next = t
                .strip_prefix("and ")
                .or_else(|| t.strip_prefix("& "))
                .or_else(|| t.strip_prefix(','))
                .map(|n| n.trim_start().trim_start_matches('#'));
            match next {
                Some(n) if n.starts_with(|c: char| c.is_ascii_digit()) => rest = n,
                _ => break,
            }
        }
    }
    out.sort_by_key(|r| r.0);
    out
}

/// A link destination as the file name it names: Markdown's backslash escapes of punctuation
/// (`0003-\[Superseded\]use-x.md`) removed.
pub fn unescape_destination(target: &str) -> String {
    let mut out = String::with_capacity(target.len());
    let mut chars = target.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The record file a bare web address names (`https://github.com/o/r/blob/main/docs/adr/0036-x.md`
/// names `0036-x.md`, `<...>` around it or not): the address of a Markdown file, whose name is
/// what a record of the log is found by. `None` for any other text.
pub fn record_file_of_address(word: &str) -> Option<String> {
    let url = word
        .trim()
        .trim_start_matches('<')
        .trim_end_matches(['>', '.', ')']);
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let path = rest.split(['?', '#']).next()?;
    let (_, file) = path.rsplit_once('/')?;
    let lower = file.to_ascii_lowercase();
    (lower.ends_with(".md") || lower.ends_with(".markdown")).then(|| file.to_string())
}

/// A link target that can be a record of this log: a relative path to a Markdown file or a
/// folder, not a web address, an anchor or an image.
pub fn is_local_record_target(target: &str) -> bool {
    let t = target.split('#').next().unwrap_or("");
    if t.is_empty() || t.contains("://") || t.starts_with("mailto:") || t.starts_with('/') {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    lower.ends_with(".md")
        || lower.ends_with(".markdown")
        || lower.ends_with('/')
        || !lower.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Vec<(String, String)> {
        supersede_links(line, 1)
            .into_iter()
            .map(|l| (l.kind, l.target))
            .collect()
    }

    #[test]
    fn a_supersede_sentence_names_its_records() {
        assert_eq!(
            kinds("**These IP ranges have been superseded by [ADR #0033](0033-ip-ranges.md).**"),
            [("superseded-by".into(), "0033-ip-ranges.md".into())]
        );
        assert_eq!(
            kinds("This ADR in part supersedes [0003](0003-aws-networking-outline.md)."),
            [("supersedes".into(), "0003-aws-networking-outline.md".into())]
        );
        assert_eq!(
            kinds("This ADR supersedes the decisions made in ADRs 60 and 61, but"),
            [
                ("supersedes".into(), "60".into()),
                ("supersedes".into(), "61".into())
            ]
        );
        assert_eq!(
            kinds("superseded by ADR-12"),
            [("superseded-by".into(), "12".into())]
        );
        assert_eq!(
            kinds("This decision was superceded by ADR 7."),
            [("superseded-by".into(), "7".into())]
        );
    }

    #[test]
    fn a_status_names_its_successor_by_number_or_file_stem() {
        let t = |s: &str| -> Vec<String> {
            status_successors(s, 1)
                .into_iter()
                .map(|l| l.target)
                .collect()
        };
        assert_eq!(t("superseded by 12"), ["12"]);
        assert_eq!(t("Superseded by #0012."), ["12"]);
        assert_eq!(t("replaced by 0012-use-y"), ["0012-use-y"]);
        assert!(t("superseded by the new design").is_empty());
    }

    #[test]
    fn a_record_says_it_is_superseded_in_a_lead_in_or_a_sentence_about_itself() {
        let m = |s: &str| superseded_marker(s);
        assert_eq!(
            m("**Superseded:** The proxy was retired in 2026."),
            Some("Superseded".into())
        );
        assert_eq!(
            m("**Superseded by** [ADR 9](0009-x.md)"),
            Some("Superseded by".into())
        );
        assert_eq!(
            m(
                "This RFC proposes an approach, which has been superseded by [20](../020/README.md) RFC."
            ),
            Some("superseded by".into())
        );
        assert_eq!(m("This ADR will supersede [ADR 2](0002-x.md)."), None);
        assert_eq!(m("This ADR has been superseded by nothing yet."), None);
        assert_eq!(
            m("ADR 3 has been superseded by ADR 7, so this stands."),
            None
        );
        assert_eq!(
            m("If this is superseded by [ADR 9](0009-x.md), stop."),
            None
        );
        assert_eq!(m("**Superseded decisions** are kept in the log."), None);
    }

    #[test]
    fn a_bare_address_of_a_record_file_names_the_file() {
        let f = record_file_of_address;
        assert_eq!(
            f("https://github.com/o/r/blob/main/docs/adr/0036-x.md").as_deref(),
            Some("0036-x.md")
        );
        assert_eq!(
            f("<https://example.com/adr/0002-y.md#status>").as_deref(),
            Some("0002-y.md")
        );
        assert_eq!(f("https://github.com/o/r/issues/12"), None);
        assert_eq!(f("0036-x.md"), None);
    }

    #[test]
    fn other_sentences_state_no_link() {
        assert!(kinds("Rejected in favour of ADR 111").is_empty());
        assert!(kinds("ADR 3 was superseded by ADR 7 last year.").is_empty());
        assert!(kinds("This replaces the old cache. See ADR 4.").is_empty());
        assert!(kinds("Superseded by [the RFC](https://example.com/rfc.md)").is_empty());
        assert!(kinds("It supersedes nothing; the design in ADR 2 stands").is_empty());
        assert!(kinds("A `- Status: superseded by [X](x.md)` line lost its link").is_empty());
        // Non-ASCII text around the verb keeps byte offsets sound.
        assert!(kinds("İİİ superseded by İ ADR").is_empty());
        // A long line of verbs is read through (each sentence within a window around its verb).
        assert!(kinds(&"supersedes ".repeat(20_000)).is_empty());
    }
}
