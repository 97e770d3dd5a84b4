//! Unfilled template text. A template's guidance (`[ accepted | deprecated | … ]`, `{date}`,
//! `YYYY-MM-DD`, `Title of the Decision Record`) is what an author was meant to replace; where it
//! is still there, the record states no value, and a reader must not take the guidance for one.

/// Whether a metadata value (a title, status, date, decider or tag) is template text rather than
/// something the author wrote: the whole value in brackets, braces or angle brackets, a choice
/// between alternatives (`proposed | accepted`), a `{placeholder}`, a date pattern, or one of
/// the well-known template phrases.
pub fn is_placeholder(value: &str) -> bool {
    is_template_form(value) || is_template_phrase(value)
}

/// A title the author wrote inside the brackets of MADR's `# [short title of solved problem and
/// solution]`: they replaced the guidance but kept its brackets (`# [Harmonisation: Repository
/// Service Factory]`). The guidance itself names a title (`title`, `titre`, `Titel`...) or
/// offers a choice (`|`), and is no title; anything else inside the brackets is the title.
pub fn title_in_brackets(value: &str) -> Option<&str> {
    let t = value.trim();
    let inner = t.strip_prefix('[')?.strip_suffix(']')?.trim();
    if inner.is_empty() || inner.contains(['[', ']', '|', '{', '}', '<', '>']) {
        return None;
    }
    let lower = inner.to_lowercase();
    let guidance = [
        "title",
        "titre",
        "titel",
        "título",
        "titulo",
        "titolo",
        "tytuł",
        "标题",
        "標題",
        "タイトル",
        "заголов",
        "название",
    ];
    if guidance.iter().any(|w| lower.contains(w)) || is_template_phrase(inner) {
        return None;
    }
    Some(inner)
}

/// The template shapes alone, whatever the words: the value wrapped in brackets, braces or
/// angle brackets, a menu of statuses, a `{placeholder}`. For statuses, where any word a team
/// chooses (`TBD`, `none`) is its own.
pub fn is_template_form(value: &str) -> bool {
    let t = value
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '`'));
    let t = t.trim();
    if t.is_empty() {
        return false;
    }
    // A filler left for a value to come.
    if ["tbd", "tbc", "tba", "todo", "n/a", "...", "…"]
        .iter()
        .any(|w| t.eq_ignore_ascii_case(w))
    {
        return true;
    }
    // Most values are plain words: none of the template marks, nothing to look at further.
    if !t.contains(['[', '{', '<', '|', '/']) {
        return false;
    }
    let wrapped = |open: char, close: char| t.starts_with(open) && t.ends_with(close);
    if wrapped('{', '}') || wrapped('<', '>') && !t.contains("](") {
        return true;
    }
    // `[short title of the decision]` but not a Markdown link `[3. Use X](0003-use-x.md)` nor
    // a one-word tag such as `[WIP]`.
    if wrapped('[', ']') && !t.contains("](") && t.contains([' ', '|']) {
        return true;
    }
    if has_brace_placeholder(t) {
        return true;
    }
    is_choice_list(&t.to_lowercase())
}

/// The well-known template phrases and date patterns (`Title of the Decision Record`,
/// `YYYY-MM-DD`, `N/A`), for titles, dates and names.
fn is_template_phrase(value: &str) -> bool {
    let t = value
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '`'));
    // Template phrases are short and hold no digit; a sentence or a real date is the
    // author's. Checked before anything is allocated: titles and dates of every record pass
    // through here.
    if t.len() > 80 || t.bytes().any(|b| b.is_ascii_digit()) || !may_be_template_phrase(t) {
        return false;
    }
    let lower = t.trim().to_lowercase();
    if is_date_pattern(&lower) {
        return true;
    }
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return false;
    };
    let mut words_joined = String::with_capacity(lower.len());
    words_joined.push_str(first);
    for w in words {
        words_joined.push(' ');
        words_joined.push_str(w);
    }
    let words = words_joined;
    const PHRASES: &[&str] = &[
        "title",
        "adr title",
        "decision title",
        "record title",
        "title of the decision record",
        "title of the decision",
        "title of the adr",
        "title of adr",
        "short title",
        "short title of solved problem and solution",
        "short title of the decision",
        "your title here",
        "title here",
        "template",
        "adr template",
        "decision record template",
        "status",
        "date",
        "n a",
        "na",
        "none",
        "tbd",
        "tbc",
        "todo",
        "name",
        "list everyone involved in the decision",
        "list of deciders",
    ];
    PHRASES.contains(&words.as_str())
        || words.starts_with("title of the ")
        || words.starts_with("list everyone ")
        || words.starts_with("list of everyone ")
}

/// `proposed | accepted | rejected` or `Proposed / Accepted / Deprecated`: the template's menu
/// of statuses left in place of one.
fn is_choice_list(lower: &str) -> bool {
    const STATES: &[&str] = &[
        "proposed",
        "accepted",
        "rejected",
        "deprecated",
        "superseded",
        "draft",
        "declined",
    ];
    for sep in ['|', '/'] {
        let parts: Vec<&str> = lower.split(sep).map(str::trim).collect();
        if parts.len() >= 2 {
            let known = parts
                .iter()
                .filter(|p| {
                    let p = p.trim_matches(|c: char| !c.is_alphanumeric());
                    STATES.iter().any(|s| p.starts_with(s))
                })
                .count();
            if known >= 2 && (sep == '|' || known == parts.len()) {
                return true;
            }
        }
    }
    false
}

/// `YYYY-MM-DD`, `yyyy-mm-dd when the decision was last updated`, `DD/MM/YYYY`, `(fill me in
/// with today's date, YYYY-MM-DD)`.
/// Whether `t` could be one of [`is_template_phrase`]'s phrases or date patterns, looked at
/// without allocating: its first word starts one of the phrases, or is made of `y`, `m` and `d`,
/// or the text has a `yyyy` (every date pattern has). Most titles and names are neither.
fn may_be_template_phrase(t: &str) -> bool {
    const FIRST_WORDS: &[&str] = &[
        "title", "adr", "decision", "record", "short", "your", "template", "status", "date", "n",
        "na", "none", "tbd", "tbc", "todo", "name", "list",
    ];
    let first = (t.split(|c: char| !c.is_alphanumeric()))
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let date_letters = (first.chars().filter(|c| c.is_alphabetic()))
        .all(|c| matches!(c.to_ascii_lowercase(), 'y' | 'm' | 'd'));
    date_letters
        || FIRST_WORDS.iter().any(|w| first.eq_ignore_ascii_case(w))
        || t.as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"yyyy"))
}

fn is_date_pattern(lower: &str) -> bool {
    if [
        "yyyy-mm-dd",
        "yyyy/mm/dd",
        "dd/mm/yyyy",
        "mm/dd/yyyy",
        "yyyymmdd",
    ]
    .iter()
    .any(|p| lower.contains(p))
    {
        return true;
    }
    let first = lower
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .next()
        .unwrap_or("");
    let letters: String = first.chars().filter(|c| c.is_alphabetic()).collect();
    (letters.contains("yy") || letters.contains("dd") || letters.contains("mm"))
        && letters.chars().all(|c| matches!(c, 'y' | 'm' | 'd'))
}

/// `{...}` with words inside, as the MADR and structured templates write their placeholders
/// (`{short title of solved problem}`), never code (`{ a: 1 }`, `{x = y}`) nor a one-word name
/// (`Use {fmt}`).
pub fn has_brace_placeholder(text: &str) -> bool {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find(['}', '{', '\n']) {
            Some(close) if after.as_bytes()[close] == b'}' => {
                let inner = &after[..close];
                if inner.len() >= 3 && inner.contains(' ') && !inner.contains(['"', ':', '=', ';'])
                {
                    return true;
                }
                rest = &after[close..];
            }
            Some(close) => rest = &after[close..],
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn template_guidance_is_no_value() {
        for p in [
            "[ accepted | deprecated | superseded by [xxx](yyyymmdd-xxx.md)]",
            "{Deprecated|Proposed|Accepted|Declined}",
            "proposed | rejected | accepted | deprecated | … | superseded by ADR-0123",
            "{date}",
            "YYYY-MM-DD",
            "[YYYY-MM-DD when the decision was last updated]",
            "Title of the Decision Record",
            "[short title of solved problem and solution]",
            "<title>",
            "N/A",
            "[list everyone involved in the decision]",
            "(fill me in with today's date, YYYY-MM-DD)",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
    }

    #[test]
    fn what_authors_write_is_a_value() {
        for v in [
            "Accepted",
            "Superseded by [3. Use Y](0003-use-y.md)",
            "Use PostgreSQL for events",
            "2020-01-02",
            "Title bars in the admin UI",
            "Pending",
            "Accepted (documenting an existing thing)",
            "Read/write splitting",
            "Use {fmt} for formatting",
        ] {
            assert!(!is_placeholder(v), "{v}");
        }
    }
}
