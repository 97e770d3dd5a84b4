//! Normalising what people write: statuses, dates, link verbs and titles.

pub use crate::model::DayOrder;
use crate::model::Lifecycle;
use chrono::NaiveDate;

/// Synonyms seen in real decision logs, longest first within each state so that
/// "in review" wins over "in".
const STATUS_WORDS: &[(&str, Lifecycle)] = &[
    ("proposed", Lifecycle::Proposed),
    ("proposal", Lifecycle::Proposed),
    ("draft", Lifecycle::Proposed),
    ("pending", Lifecycle::Proposed),
    ("in review", Lifecycle::Proposed),
    ("under review", Lifecycle::Proposed),
    ("in discussion", Lifecycle::Proposed),
    ("open", Lifecycle::Proposed),
    ("wip", Lifecycle::Proposed),
    ("提议", Lifecycle::Proposed),
    ("提案", Lifecycle::Proposed),
    ("草稿", Lifecycle::Proposed),
    ("accepted", Lifecycle::Accepted),
    ("approved", Lifecycle::Accepted),
    ("agreed", Lifecycle::Accepted),
    ("adopted", Lifecycle::Accepted),
    ("decided", Lifecycle::Accepted),
    ("implemented", Lifecycle::Accepted),
    ("done", Lifecycle::Accepted),
    ("completed", Lifecycle::Accepted),
    ("active", Lifecycle::Accepted),
    ("通过", Lifecycle::Accepted),
    ("完成", Lifecycle::Accepted),
    ("接受", Lifecycle::Accepted),
    ("已接受", Lifecycle::Accepted),
    ("rejected", Lifecycle::Rejected),
    ("declined", Lifecycle::Rejected),
    ("withdrawn", Lifecycle::Rejected),
    ("abandoned", Lifecycle::Rejected),
    ("拒绝", Lifecycle::Rejected),
    ("已拒绝", Lifecycle::Rejected),
    ("deprecated", Lifecycle::Deprecated),
    ("obsolete", Lifecycle::Deprecated),
    ("retired", Lifecycle::Deprecated),
    ("已弃用", Lifecycle::Deprecated),
    ("弃用", Lifecycle::Deprecated),
    ("superseded", Lifecycle::Superseded),
    ("superceded", Lifecycle::Superseded),
    ("replaced", Lifecycle::Superseded),
    ("已取代", Lifecycle::Superseded),
    ("取代", Lifecycle::Superseded),
    ("已替代", Lifecycle::Superseded),
    // Japanese.
    ("提案中", Lifecycle::Proposed),
    ("承認済み", Lifecycle::Accepted),
    ("承認", Lifecycle::Accepted),
    ("採用", Lifecycle::Accepted),
    ("却下", Lifecycle::Rejected),
    ("非推奨", Lifecycle::Deprecated),
    ("廃止", Lifecycle::Deprecated),
    ("置換", Lifecycle::Superseded),
    ("置き換え", Lifecycle::Superseded),
    // French, German, Spanish, Portuguese.
    ("proposé", Lifecycle::Proposed),
    ("brouillon", Lifecycle::Proposed),
    ("vorgeschlagen", Lifecycle::Proposed),
    ("entwurf", Lifecycle::Proposed),
    ("propuesto", Lifecycle::Proposed),
    ("propuesta", Lifecycle::Proposed),
    ("borrador", Lifecycle::Proposed),
    ("proposto", Lifecycle::Proposed),
    ("rascunho", Lifecycle::Proposed),
    ("accepté", Lifecycle::Accepted),
    ("adopté", Lifecycle::Accepted),
    ("validé", Lifecycle::Accepted),
    ("akzeptiert", Lifecycle::Accepted),
    ("angenommen", Lifecycle::Accepted),
    ("aceptado", Lifecycle::Accepted),
    ("aceptada", Lifecycle::Accepted),
    ("aceito", Lifecycle::Accepted),
    ("aceita", Lifecycle::Accepted),
    ("aprovado", Lifecycle::Accepted),
    ("rejeté", Lifecycle::Rejected),
    ("refusé", Lifecycle::Rejected),
    ("abgelehnt", Lifecycle::Rejected),
    ("rechazado", Lifecycle::Rejected),
    ("rechazada", Lifecycle::Rejected),
    ("rejeitado", Lifecycle::Rejected),
    ("déprécié", Lifecycle::Deprecated),
    ("obsolète", Lifecycle::Deprecated),
    ("veraltet", Lifecycle::Deprecated),
    ("obsoleto", Lifecycle::Deprecated),
    ("remplacé", Lifecycle::Superseded),
    ("ersetzt", Lifecycle::Superseded),
    ("reemplazado", Lifecycle::Superseded),
    ("sustituido", Lifecycle::Superseded),
    ("substituído", Lifecycle::Superseded),
];

/// Strips Markdown emphasis, emoji and symbols from the start and cuts the text at the first
/// punctuation that starts a remark: `✅ **Accepted** (tracked in #12).` gives `accepted`.
pub fn status_core(raw: &str) -> String {
    // `~~Proposed~~ Accepted`: struck-through words are what the status no longer is.
    let unstruck = if raw.contains(['~', '<']) {
        std::borrow::Cow::Owned(without_struck(raw))
    } else {
        std::borrow::Cow::Borrowed(raw)
    };
    let no_md: String = unstruck
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`'))
        .collect();
    let start = no_md
        .char_indices()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(no_md.len(), |(i, _)| i);
    let text = &no_md[start..];
    let end = text
        .find(['(', ':', '：', '.', '[', ']', ',', ';', '—', '–', '\n'])
        .unwrap_or(text.len());
    let text = text[..end].split(" - ").next().unwrap_or("");
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `text` without its `~~struck-through~~` spans and `<!-- comments -->`.
fn without_struck(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = [("~~", "~~"), ("<!--", "-->")]
            .iter()
            .filter_map(|(open, close)| rest.find(open).map(|at| (at, *open, *close)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, open, close)) = next else { break };
        match rest[at + open.len()..].find(close) {
            Some(end) => {
                out.push_str(&rest[..at]);
                rest = &rest[at + open.len() + end + close.len()..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// The lifecycle state a status text names. Unknown words become [`Lifecycle::Other`].
fn normalise_status_exact(raw: &str) -> Lifecycle {
    let core = status_core(raw);
    let words = affirmed_words(&core);
    // "Partly superseded", "superseded in part": a supersede marker in any wording wins.
    if words.iter().any(|w| {
        matches!(
            *w,
            "superseded"
                | "superceded"
                | "replaced"
                | "overridden"
                | "overruled"
                | "remplacé"
                | "remplacée"
                | "ersetzt"
                | "reemplazado"
                | "sustituido"
                | "substituído"
        )
    }) {
        return Lifecycle::Superseded;
    }
    for (word, state) in STATUS_WORDS {
        if let Some(rest) = core.strip_prefix(word)
            && (rest.is_empty() || rest.starts_with(' ') || !word.is_ascii())
        {
            return state.clone();
        }
    }
    // A short sentence naming one state: "The decision was accepted by the board".
    if words.len() <= MAX_SENTENCE_WORDS {
        let named: Vec<&Lifecycle> = words
            .iter()
            .filter_map(|w| {
                STATUS_WORDS
                    .iter()
                    .find(|(s, _)| s.is_ascii() && !s.contains(' ') && s == w)
                    .map(|(_, state)| state)
            })
            .collect();
        if let Some(first) = named.first()
            && named.iter().all(|s| s == first)
        {
            return (*first).clone();
        }
    }
    Lifecycle::Other(core)
}

/// The lifecycle state a status means: [`normalise_status_exact`], or, for a one-word status one
/// letter away from a state (`Depreciated`, `Acepted`, `Superseeded`), the state meant, as a
/// reader takes it ([`status_slip`] says when that happened, for the warning).
pub fn normalise_status(raw: &str) -> Lifecycle {
    match normalise_status_exact(raw) {
        Lifecycle::Other(core) => status_slip_of(&core).unwrap_or(Lifecycle::Other(core)),
        state => state,
    }
}

/// The state a status was taken for although it names none exactly: a one-word slip.
pub fn status_slip(raw: &str) -> Option<Lifecycle> {
    match normalise_status_exact(raw) {
        Lifecycle::Other(core) => status_slip_of(&core),
        _ => None,
    }
}

fn status_slip_of(core: &str) -> Option<Lifecycle> {
    match affirmed_words(core).as_slice() {
        [word] => misspelt_state(word),
        _ => None,
    }
}

/// A one-word status one letter away from a lifecycle state (`Depreciated`, `Acepted`,
/// `Superseeded`): a reader takes it for the state meant. Only long words, where one letter
/// cannot turn one real word into another.
fn misspelt_state(word: &str) -> Option<Lifecycle> {
    if word.chars().count() < 7 {
        return None;
    }
    [
        Lifecycle::Proposed,
        Lifecycle::Accepted,
        Lifecycle::Rejected,
        Lifecycle::Deprecated,
        Lifecycle::Superseded,
    ]
    .into_iter()
    .find(|state| strsim::damerau_levenshtein(word, state.as_str()) == 1)
}

/// How long a status sentence may be for a state word inside it to count.
const MAX_SENTENCE_WORDS: usize = 10;

/// The words of a status text that are not negated: "not accepted", "never implemented", "no
/// longer active" and "yet to be approved" drop the state word that follows.
fn affirmed_words(core: &str) -> Vec<&str> {
    let words: Vec<&str> = core
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let negation = |w: &str| matches!(w, "not" | "never" | "no" | "yet" | "longer" | "un");
    words
        .iter()
        .enumerate()
        .filter(|(i, _)| !(i.saturating_sub(3)..*i).any(|j| negation(words[j])))
        .map(|(_, w)| *w)
        .collect()
}

/// Reads a date in the forms found in real repositories and returns it as `YYYY-MM-DD`.
/// Day-first is assumed for `NN/NN/YYYY`, as adr-tools wrote it and UK teams do.
pub fn normalise_date(raw: &str) -> Option<String> {
    normalise_date_ordered(raw, DayOrder::DayFirst)
}

/// [`normalise_date`] with the order of day and month in numeric dates given.
pub fn normalise_date_ordered(raw: &str, order: DayOrder) -> Option<String> {
    const ISO: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d"];
    const DAY_FIRST: &[&str] = &["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d.%m.%y"];
    const MONTH_FIRST: &[&str] = &["%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%m.%d.%Y", "%m.%d.%y"];
    const WORDS: &[&str] = &[
        "%B %d, %Y",
        "%b %d, %Y",
        "%B %d %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%d %B, %Y",
        "%d-%b-%Y",
        "%d-%B-%Y",
        "%d %b, %Y",
        // `2019 Oct 22`: year first, then the month's name.
        "%Y %b %d",
        "%Y %B %d",
    ];
    let cleaned = raw.trim().trim_matches(|c: char| {
        matches!(
            c,
            '*' | '_' | '`' | '"' | '\'' | '(' | ')' | '[' | ']' | '<' | '>'
        ) || c.is_whitespace()
    });
    // The common case, `2020-01-02` alone, without trying every form.
    if cleaned.len() == 10
        && let Ok(d) = NaiveDate::parse_from_str(cleaned, "%Y-%m-%d")
        && (1900..2200).contains(&chrono::Datelike::year(&d))
    {
        return Some(d.format("%Y-%m-%d").to_string());
    }
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let numeric = match order {
        DayOrder::DayFirst => [DAY_FIRST, MONTH_FIRST],
        DayOrder::MonthFirst => [MONTH_FIRST, DAY_FIRST],
    };
    // Try the whole text first, then shorter prefixes ("2020-01-02 (updated later)").
    for n in (1..=words.len().min(3)).rev() {
        let candidate = words[..n].join(" ");
        let candidate = candidate.trim_end_matches([',', '.', ';', ':']);
        let candidate = candidate.split('T').next().unwrap_or(candidate);
        // `2026-07-18（PoC を経て承認）`: a full-width parenthesis opens the remark unspaced.
        let candidate = candidate.split('（').next().unwrap_or(candidate);
        let candidate = candidate.trim_matches(['*', '_', '`', '[', ']', '(', ')']);
        let candidate = if candidate.bytes().any(|b| b.is_ascii_alphabetic()) {
            std::borrow::Cow::Owned(without_ordinal_suffix(candidate))
        } else {
            std::borrow::Cow::Borrowed(candidate)
        };
        // The order of day and month decides only between two numeric readings; a date that
        // reads one way alone (`5-26-2021`) is read that way.
        let groups: [&[&str]; 4] = [ISO, numeric[0], numeric[1], WORDS];
        for f in groups.iter().flat_map(|g| g.iter()) {
            if let Ok(d) = NaiveDate::parse_from_str(&candidate, f)
                && (1900..2200).contains(&chrono::Datelike::year(&d))
            {
                return Some(d.format("%Y-%m-%d").to_string());
            }
        }
    }
    // `2023-13-10`: an ISO date with day and month swapped reads only one way, as a person
    // reads it (13 October). The parser still reports it ([`swapped_iso_date`]).
    swapped_iso_date(cleaned)
}

/// The date an ISO-shaped `YYYY-MM-DD` whose month field cannot be a month but whose day field
/// can (`2023-13-10`) reads as with the two swapped (`2023-10-13`); `None` for any other text,
/// a date that reads as written, or one impossible both ways (`2023-13-14`).
pub fn swapped_iso_date(raw: &str) -> Option<String> {
    let first = raw.split_whitespace().next()?;
    let first = first.trim_end_matches([',', '.', ';', ':']);
    let first = first.split('T').next().unwrap_or(first);
    if first.len() != 10 || NaiveDate::parse_from_str(first, "%Y-%m-%d").is_ok() {
        return None;
    }
    let d = NaiveDate::parse_from_str(first, "%Y-%d-%m").ok()?;
    (1900..2200)
        .contains(&chrono::Datelike::year(&d))
        .then(|| d.format("%Y-%m-%d").to_string())
}

/// Whether a numeric date reads only day-first (`Some(DayFirst)`, `13/03/2021`), only
/// month-first (`Some(MonthFirst)`, `03/13/2021`), or either way (`None`).
pub fn numeric_day_order(raw: &str) -> Option<DayOrder> {
    let first = raw
        .split_whitespace()
        .next()?
        .trim_matches(['*', '_', '`', '[', ']', ':']);
    let parts: Vec<&str> = first.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts[0].len() > 2
        || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let a: u32 = parts[0].parse().ok()?;
    let b: u32 = parts[1].parse().ok()?;
    match (a > 12 && b <= 12, b > 12 && a <= 12) {
        (true, false) => Some(DayOrder::DayFirst),
        (false, true) => Some(DayOrder::MonthFirst),
        _ => None,
    }
}

/// The dates a line of prose states, in the order written, each as the text from its first word
/// that [`normalise_date`] reads: `Approved by TSC vote on 3/25/21` gives `3/25/21`, `as of the
/// meeting of 16-Jan-2020` gives `16-Jan-2020`. They are left as written so that a numeric date
/// can be read in the order of day and month its log uses. Only words that look like a date
/// count: a version such as `1.0.1` or `v7.1` is no date.
pub fn dates_in_text(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].trim_start_matches(['(', '[', '*', '_', '`']);
        let dotted_version = w.contains('.') && !w.contains(['/', '-']);
        let month_name = month_of(w).is_some();
        if (w.starts_with(|c: char| c.is_ascii_digit()) && !dotted_version) || month_name {
            let end = (i + 3).min(words.len());
            let text = words[i..end].join(" ");
            if normalise_date(&text).is_some() {
                found.push(text);
                i += 1;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// The month an English month name (or its three-letter abbreviation) names.
fn month_of(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = word.trim_end_matches([',', '.']).to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m) && (lower.len() == 3 || lower.len() >= 4))
        .map(|i| i as u32 + 1)
}

/// A heading without the attribute block some Markdown dialects (kramdown, Pandoc, MkDocs'
/// `attr_list`) let authors put after it to name its anchor: `Use X {#adr_0001}` and
/// `Use X {: #use-x .wide}` are "Use X".
pub fn without_heading_attributes(text: &str) -> &str {
    let t = text.trim_end();
    let Some(open) = t.strip_suffix('}').and_then(|inner| inner.rfind('{')) else {
        return text;
    };
    let inner = t[open + 1..t.len() - 1].trim_start_matches(':').trim();
    let attributes = !inner.is_empty()
        && inner
            .split_whitespace()
            .all(|a| a.starts_with(['#', '.']) && a.len() > 1 || a.contains('='));
    let before = t[..open].trim_end();
    if attributes && !before.is_empty() && t[..open].ends_with([' ', '\t']) {
        before
    } else {
        text
    }
}

/// `November 2nd 2018` → `November 2 2018`: English ordinal suffixes after a day number.
fn without_ordinal_suffix(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let digits = w.bytes().take_while(u8::is_ascii_digit).count();
            let rest = w[digits..].trim_end_matches(',');
            if (1..=2).contains(&digits)
                && matches!(
                    rest.to_ascii_lowercase().as_str(),
                    "st" | "nd" | "rd" | "th"
                )
            {
                format!(
                    "{}{}",
                    &w[..digits],
                    if w.ends_with(',') { "," } else { "" }
                )
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The relation a link phrase names: `Superceded by` gives `superseded-by`,
/// `Clarifies` gives `clarifies`. `None` when the phrase is not a plausible link verb.
pub fn normalise_link_kind(phrase: &str) -> Option<String> {
    let cleaned: String = phrase.chars().filter(|c| !matches!(c, '*' | '_')).collect();
    let start = cleaned
        .char_indices()
        .find(|(_, c)| c.is_alphabetic())
        .map(|(i, _)| i)?;
    // `置換 → [ADR 20](..)`: an arrow between the verb and the link points at the record.
    let cleaned = cleaned[start..]
        .trim()
        .trim_end_matches(|c: char| matches!(c, ':' | '：' | '→' | '>' | '-') || c.is_whitespace())
        .trim();
    // `Superseded: 2019-12-19 by`, `Superseded on 2019-12-19 by`: the date says when, the
    // words say what.
    let is_date =
        |w: &str| normalise_date(w.trim_end_matches([':', ',']).trim_matches(['(', ')'])).is_some();
    let tokens: Vec<&str> = cleaned.split_whitespace().collect();
    let mut words: Vec<&str> = Vec::new();
    for (k, w) in tokens.iter().enumerate() {
        if is_date(w) {
            if words.last().is_some_and(|l| l.eq_ignore_ascii_case("on")) {
                words.pop();
            }
            continue;
        }
        // `Superseded:` right before its date: the colon introduces the date.
        let before_date = tokens.get(k + 1).is_some_and(|n| is_date(n));
        words.push(if before_date {
            w.trim_end_matches(':')
        } else {
            w
        });
    }
    if words.is_empty()
        || words.len() > 4
        || !words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        })
    {
        return None;
    }
    // `Superceded entirely by`, `Partially superseded by`: how much is replaced, not by what.
    let lower = words
        .iter()
        .map(|w| w.to_lowercase())
        .filter(|w| {
            !matches!(
                w.as_str(),
                "entirely" | "fully" | "completely" | "partially" | "partly"
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    Some(match lower.as_str() {
        "supersedes" | "supercedes" | "replaces" | "overrides" => {
            crate::model::SUPERSEDES.to_string()
        }
        "superseded by" | "superceded by" | "replaced by" | "overridden by" | "overruled by"
        | "superseded" | "superceded" | "replaced" | "置換" | "置き換え" => {
            crate::model::SUPERSEDED_BY.to_string()
        }
        other => other.replace(' ', "-"),
    })
}

/// The kind of link the words `label` name, as the reader normalises a link's words in front
/// matter: [`normalise_link_kind`], else the words trimmed and lower-cased (`Amends v2`).
pub fn link_kind(label: &str) -> String {
    normalise_link_kind(label).unwrap_or_else(|| label.trim().to_lowercase())
}

/// `Architecture Decision Record: Configuration` → `Configuration`: a label saying what kind of
/// document this is, before the title proper (with no number; numbered forms are handled by
/// [`strip_title_number`]).
fn strip_record_label(t: &str) -> &str {
    const LABELS: &[&str] = &[
        "architecture decision record",
        "architectural decision record",
        "architecture decision",
        "decision record",
        "adr",
    ];
    let lower = t.to_ascii_lowercase();
    for label in LABELS {
        if lower.starts_with(label) {
            let rest = &t[label.len()..];
            let stripped = rest.trim_start();
            if let Some(after) = stripped
                .strip_prefix(':')
                .or_else(|| stripped.strip_prefix(" - "))
                .or_else(|| stripped.strip_prefix("- "))
                .or_else(|| stripped.strip_prefix('–'))
                .or_else(|| stripped.strip_prefix('—'))
            {
                let after = after.trim_start();
                if !after.is_empty() {
                    return after;
                }
            }
        }
    }
    t
}

/// `[Superseded by [ADR-0019](0019-x.md)] Push metrics`: a bracketed supersede marker with its
/// link, put before the title, is no part of it.
fn without_supersede_marker(t: &str) -> &str {
    if !t.starts_with('[') {
        return t;
    }
    let mut depth = 0usize;
    let close = t.char_indices().find_map(|(i, c)| {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        None
    });
    let Some(close) = close else { return t };
    let inner = &t[1..close];
    let rest = t[close + 1..].trim_start();
    let phrase = inner.split('[').next().unwrap_or("");
    let marks = inner.contains("](")
        && normalise_link_kind(phrase).as_deref() == Some(crate::model::SUPERSEDED_BY);
    if marks && !rest.is_empty() { rest } else { t }
}

/// The title without a leading record number: `1. Title`, `ADR 111: Title`, `0028 - Title`,
/// `ADR-012: Title` and `ADR002: Title` all give `Title`.
pub fn strip_title_number(title: &str) -> &str {
    let t = strip_record_label(without_supersede_marker(title.trim()));
    // `[ADR-12] Title`: the number in brackets of its own.
    if let Some(inner_end) = t.strip_prefix('[').and_then(|r| r.find(']'))
        && !t[1 + inner_end + 1..].starts_with('(')
    {
        let inner = &t[1..1 + inner_end];
        let rest = t[inner_end + 2..].trim_start_matches([' ', ':', '-', '–', '—']);
        let lower = inner.to_ascii_lowercase();
        let number = lower
            .strip_prefix("adr")
            .unwrap_or(&lower)
            .trim_start_matches([' ', '-', '_', '#']);
        if !rest.is_empty() && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
            return rest;
        }
    }
    let lower = t.to_ascii_lowercase();
    let mut rest = t;
    if lower.starts_with("adr") {
        let after = t[3..].trim_start_matches([' ', '-', '_', '#']);
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            rest = after;
        }
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return t;
    }
    let after = rest[digits..].trim_start();
    let had_adr_prefix = rest.len() != t.len();
    let trimmed = after
        .trim_start_matches(['.', ':', ')', '-', '–', '—', '_'])
        .trim_start();
    // "2038 problem" keeps its number: digits count as a prefix only when punctuation (or an
    // "ADR" prefix) sets them apart.
    if trimmed.is_empty() || (trimmed.len() == after.len() && !had_adr_prefix) {
        return t;
    }
    trimmed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_from_the_corpus_normalise() {
        let n = |s: &str| normalise_status(s).to_string();
        assert_eq!(n("Accepted"), "accepted");
        assert_eq!(n("✅ Accepted"), "accepted");
        assert_eq!(n("**Accepted**"), "accepted");
        assert_eq!(n("Proposed."), "proposed");
        assert_eq!(n("🤔 Proposed"), "proposed");
        assert_eq!(n("Accepted: Tracking issue [#3297]."), "accepted");
        assert_eq!(n("Accepted (PR [\\#2897])"), "accepted");
        assert_eq!(n("Rejected in favour of ADR 111"), "rejected");
        assert_eq!(
            n("⌛️ Superseded by [036. Multi-cluster](036-multi-cluster.md)"),
            "superseded"
        );
        assert_eq!(n("superseded by [x](y.md)"), "superseded");
        assert_eq!(n("Implemented (moved to cosmos-sdk)"), "accepted");
        assert_eq!(n("In Review."), "proposed");
        assert_eq!(n("Pending"), "proposed");
        assert_eq!(n("2017-11-26 完成".split_once(' ').unwrap().1), "accepted");
        assert_eq!(n("on hold"), "on hold");
        assert_eq!(n("Partly superseded"), "superseded");
        assert_eq!(n("~~Proposed~~ Accepted"), "accepted");
        assert_eq!(n("ACCEPTÉ <!-- [BROUILLON|ACCEPTÉ] -->"), "accepted");
        assert_eq!(n("Acceptée"), "accepted");
        assert_eq!(n("Angenommen"), "accepted");
        assert_eq!(n("[STALLED](/README.md#stalled)"), "stalled");
        assert_eq!(n("⌛️ Superseded"), "superseded");
        assert_eq!(n("Accepted <!-- optional -->"), "accepted");
        assert_eq!(n("The decision was accepted by the board"), "accepted");
        assert_eq!(n("Not yet accepted"), "not yet accepted");
        assert_eq!(n("Never superseded"), "never superseded");
        assert_eq!(n("Accepted, proposed again later"), "accepted");
        assert_eq!(n("Accepted, then replaced"), "accepted");
        assert!(!normalise_status("Openness").is_known());
    }

    #[test]
    fn dates_in_every_corpus_form() {
        let d = |s: &str| normalise_date(s);
        assert_eq!(d("2016-02-12").as_deref(), Some("2016-02-12"));
        assert_eq!(d("28/03/2018").as_deref(), Some("2018-03-28"));
        assert_eq!(d("04/07/19").as_deref(), Some("2019-07-04"));
        assert_eq!(d("2017/11/22").as_deref(), Some("2017-11-22"));
        assert_eq!(d("2020-01-02 (amended)").as_deref(), Some("2020-01-02"));
        assert_eq!(d("March 3, 2021").as_deref(), Some("2021-03-03"));
        assert_eq!(d("2021-05-01T10:00:00Z").as_deref(), Some("2021-05-01"));
        assert_eq!(d("someday"), None);
        assert_eq!(d("31/02/2020"), None);
    }

    #[test]
    fn link_verbs() {
        let k = |s: &str| normalise_link_kind(s);
        assert_eq!(k("Superceded by").as_deref(), Some("superseded-by"));
        assert_eq!(k("Supercedes").as_deref(), Some("supersedes"));
        assert_eq!(k("Amends").as_deref(), Some("amends"));
        assert_eq!(k("Clarified by").as_deref(), Some("clarified-by"));
        assert_eq!(k("⌛️ Superseded by").as_deref(), Some("superseded-by"));
        assert_eq!(k("Rejected (see"), None);
        assert_eq!(k(""), None);
    }

    #[test]
    fn title_numbers_are_stripped() {
        assert_eq!(
            strip_title_number("1. Record decisions"),
            "Record decisions"
        );
        assert_eq!(
            strip_title_number("ADR 111: `nop` Mempool"),
            "`nop` Mempool"
        );
        assert_eq!(
            strip_title_number("0028 - Adopt FusionCache"),
            "Adopt FusionCache"
        );
        assert_eq!(strip_title_number("ADR002: Default"), "Default");
        assert_eq!(strip_title_number("ADR-012: Use X"), "Use X");
        assert_eq!(strip_title_number("[ADR-0007] Use X"), "Use X");
        assert_eq!(
            strip_title_number("Architecture Decision Record: Configuration"),
            "Configuration"
        );
        assert_eq!(strip_title_number("ADR: Use X"), "Use X");
        assert_eq!(strip_title_number("ADRs are good"), "ADRs are good");
        assert_eq!(strip_title_number("[WIP] Use X"), "[WIP] Use X");
        assert_eq!(strip_title_number("2038 problem"), "2038 problem");
        assert_eq!(strip_title_number("Use Concourse CI"), "Use Concourse CI");
    }
}
