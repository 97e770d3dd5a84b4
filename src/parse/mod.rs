//! File bytes to a [`Record`] plus diagnostics. Never fails: whatever cannot be understood is
//! reported with its line, and the record is still returned with what could be read.

pub mod block_yaml;
pub mod dates;
pub mod fields;
pub mod markdown;
pub mod placeholder;
pub mod prose;
pub mod reflinks;
pub mod words;
pub mod yaml;

use crate::model::{DayOrder, Diagnostic, Format, Lifecycle, Record, Severity, Status};
use crate::names::NameInfo;
use std::path::Path;

/// Where the front matter sits in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatterSpan {
    /// Byte range of the YAML text between the fences.
    pub yaml_start: usize,
    pub yaml_end: usize,
    /// 1-based file line of the first YAML line.
    pub yaml_first_line: usize,
    /// Byte offset where the body starts (after the closing fence's newline).
    pub body_start: usize,
    pub body_first_line: usize,
}

/// Finds YAML front matter: a first line `---` and a closing `---` or `...` line.
/// `Err(line)` when the opening fence is never closed. `text` is a file's text as [`decode`]
/// gives it, without a byte-order mark.
pub fn split_front_matter(text: &str) -> Result<Option<FrontMatterSpan>, usize> {
    let Some(first_nl) = text.find('\n') else {
        return Ok(None);
    };
    if text[..first_nl].trim_end() != "---" {
        return Ok(None);
    }
    let yaml_start = first_nl + 1;
    let mut pos = yaml_start;
    let mut line = 2;
    while pos <= text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let l = text[pos..end].trim_end();
        if l == "---" || l == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Some(FrontMatterSpan {
                yaml_start,
                yaml_end: pos,
                yaml_first_line: 2,
                body_start,
                body_first_line: line + 1,
            }));
        }
        if end == text.len() {
            break;
        }
        pos = end + 1;
        line += 1;
    }
    Err(1)
}

/// The byte-order mark some editors write first in a UTF-8 file (U+FEFF, bytes EF BB BF).
pub const BOM: &str = "\u{feff}";

/// A file's text and what made it less than clean UTF-8 text.
pub struct Decoded {
    /// The text after the byte-order mark, if the file starts with one.
    pub text: String,
    /// Whether the file starts with a byte-order mark: an edit writes it back.
    pub bom: bool,
    pub problem: Option<(usize, &'static str, String)>,
}

impl Decoded {
    /// The file's bytes for `text` (its edited text): the mark first if the file had one.
    pub fn file_bytes(bom: bool, text: &str) -> Vec<u8> {
        let mark = if bom { BOM } else { "" };
        [mark.as_bytes(), text.as_bytes()].concat()
    }
}

/// Decodes file bytes. A leading byte-order mark is taken off here, once, for every layout
/// (`# Title` first, front matter first, ...), so no reader after this sees it. Binary files
/// and invalid UTF-8 are reported (with the line) and decoded lossily so the record is still
/// listed rather than dropped.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (bom, bytes) = match bytes.strip_prefix(BOM.as_bytes()) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return Decoded {
            text: String::new(),
            bom,
            problem: Some((
                1,
                "binary-file",
                "file looks binary (it has NUL bytes)".into(),
            )),
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: s.to_string(),
            bom,
            problem: None,
        },
        Err(e) => {
            let valid = e.valid_up_to();
            let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
            let at = valid + if bom { BOM.len() } else { 0 };
            Decoded {
                text: String::from_utf8_lossy(bytes).into_owned(),
                bom,
                problem: Some((
                    line,
                    "invalid-utf8",
                    format!("invalid UTF-8 at byte {at}; the file must be UTF-8 text"),
                )),
            }
        }
    }
}

/// Parses one record. `name` is what the file or folder name says; `path` is used in
/// diagnostics and stored in the record.
pub fn parse_record(
    path: &Path,
    id: &str,
    name: &NameInfo,
    text: &str,
) -> (Record, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let diag = |line: Option<usize>, severity, code, message: String| Diagnostic {
        path: path.to_path_buf(),
        line,
        severity,
        code,
        message,
    };
    if text.trim().is_empty() {
        diags.push(diag(
            Some(1),
            Severity::Error,
            "empty-file",
            "file is empty".into(),
        ));
    }

    let (front, fm_value, body_start, body_first_line) = match split_front_matter(text) {
        Ok(Some(span)) => match yaml::parse(&text[span.yaml_start..span.yaml_end]) {
            // `tag:Genome Browser`: to YAML one string, to a person a key and its value.
            Ok(parsed)
                if parsed.value.is_string()
                    && let Some((value, key_lines)) =
                        fields::unspaced_pairs(&text[span.yaml_start..span.yaml_end]) =>
            {
                for (key, line) in &key_lines {
                    diags.push(diag(
                        Some(span.yaml_first_line + line - 1),
                        Severity::Warning,
                        "front-matter-field",
                        format!(
                            "`{key}:` has no space before its value, so YAML reads the line as \
                             text; read as `{key}: ...` (add the space)"
                        ),
                    ));
                }
                (
                    Some((span, key_lines)),
                    Some(value),
                    span.body_start,
                    span.body_first_line,
                )
            }
            Ok(parsed) => (
                Some((span, parsed.key_lines)),
                Some(parsed.value),
                span.body_start,
                span.body_first_line,
            ),
            Err(e) => match repair_unquoted_colons(&text[span.yaml_start..span.yaml_end]) {
                // `title: ADR002: Default catalog format` is read as a person reads it, the
                // whole rest of the line as the title, with a warning at the line to quote.
                Some((parsed, lines)) => {
                    for (key, line) in lines {
                        diags.push(diag(
                            Some(span.yaml_first_line + line - 1),
                            Severity::Warning,
                            "unquoted-colon",
                            format!(
                                "front matter is not valid YAML: the value of `{key}` holds \
                                 `: `; read as text (quote it: {key}: \"...\")"
                            ),
                        ));
                    }
                    (
                        Some((span, parsed.key_lines)),
                        Some(parsed.value),
                        span.body_start,
                        span.body_first_line,
                    )
                }
                None => {
                    diags.push(diag(
                        Some(span.yaml_first_line + e.line - 1),
                        Severity::Error,
                        "invalid-front-matter",
                        format!("front matter is not valid YAML: {}", e.message),
                    ));
                    // Still read `title: ADR002: Foo` and the like, line by line, so the record keeps
                    // its title and status while the error is reported.
                    let lenient = fields::lenient(&text[span.yaml_start..span.yaml_end]);
                    let key_lines = lenient.1;
                    (
                        Some((span, key_lines)),
                        Some(lenient.0),
                        span.body_start,
                        span.body_first_line,
                    )
                }
            },
        },
        Ok(None) => (None, None, 0, 1),
        Err(line) => {
            diags.push(diag(
                Some(line),
                Severity::Error,
                "unclosed-front-matter",
                "front matter starts with `---` but is never closed".into(),
            ));
            (None, None, 0, 1)
        }
    };
    let fm_valid = !diags
        .iter()
        .any(|d| matches!(d.code, "invalid-front-matter" | "unquoted-colon"));
    let body = &text[body_start..];
    let key_line = |key: &str| -> usize {
        front
            .as_ref()
            .and_then(|(span, lines)| {
                lines
                    .iter()
                    // The status key may be written in the log's language (`statut:`).
                    .find(|(k, _)| {
                        k == key || (key == "status" && fields::STATUS.contains(&k.as_str()))
                    })
                    .map(|(_, l)| span.yaml_first_line + l - 1)
            })
            .unwrap_or(1)
    };
    let f = fm_value.as_ref().map(fields::read).unwrap_or_default();
    for (key, msg) in &f.problems {
        diags.push(diag(
            Some(key_line(key)),
            Severity::Warning,
            "front-matter-field",
            msg.clone(),
        ));
    }
    let facts = markdown::scan(body, body_first_line);

    // Template guidance is no title; a title kept inside the template's brackets is one.
    let given = |t: &Option<String>| match t.as_deref() {
        Some(t) if placeholder::is_placeholder(t) => {
            placeholder::title_in_brackets(t).map(str::to_string)
        }
        t => t.map(str::to_string),
    };
    let raw_title = given(&f.title)
        .or_else(|| {
            given(
                &facts
                    .h1
                    .as_ref()
                    .map(|(t, _)| words::without_heading_attributes(t).to_string()),
            )
        })
        .or_else(|| facts.loose_h1.as_ref().map(|(t, _)| t.clone()))
        .or_else(|| given(&facts.title));
    // `# Draft: Meeting area`: a lifecycle word written before the title is the record's status.
    let (raw_title, title_status) = match raw_title {
        Some(t) => match status_prefix(&t) {
            Some((state, rest)) => (Some(rest.to_string()), Some(state.to_string())),
            None => (Some(t), None),
        },
        None => (None, None),
    };
    let title_line = facts.h1.as_ref().map_or(body_first_line, |(_, l)| *l);
    let title_number = raw_title.as_deref().and_then(title_number);
    let number = name.number.or(f.number).or(title_number);
    let title = raw_title.map(|t| {
        // `RFC 016: Holdings` written with no-break spaces: the label goes as with plain
        // spaces; a title without one keeps its characters as written.
        let as_written = title_without_number(&t, name);
        let spaced = t.replace(['\u{a0}', '\u{202f}'], " ");
        let kept = title_without_number(&spaced, name).chars().count();
        if spaced != t && kept < as_written.chars().count() {
            // The same characters as written, past the longer prefix (the spaces map one to one).
            let whole = t.trim();
            let skip = whole.chars().count().saturating_sub(kept);
            whole.chars().skip(skip).collect()
        } else {
            as_written.to_string()
        }
    });

    let front_status = f
        .status
        .clone()
        .filter(|t| !placeholder::is_template_form(t));
    // A front matter that names a successor (`superseded-by: [TEP-0107]`) says the record is
    // superseded, whatever its status key still says.
    let front_successor = f
        .links
        .iter()
        .any(|(k, _)| k == crate::model::SUPERSEDED_BY);
    let status = match (&front_status, &facts.status) {
        (Some(raw), _) => Some(Status {
            state: if front_successor {
                Lifecycle::Superseded
            } else {
                words::normalise_status(raw)
            },
            raw: raw.clone(),
            line: key_line("status"),
        }),
        (None, Some((raw, line))) => Some(Status {
            // A `Superseded by` marker below the status word wins; the word stays the line
            // an edit changes.
            state: match &facts.superseded_line {
                Some(_) => Lifecycle::Superseded,
                None => words::normalise_status(strip_dated(raw)),
            },
            raw: raw.clone(),
            line: *line,
        }),
        (None, None) => title_status.as_ref().map(|raw| Status {
            state: words::normalise_status(raw),
            raw: raw.clone(),
            line: title_line,
        }),
    };
    // Where the date is stated, in the order a reader looks: the front matter or `Date:` line,
    // the earliest entry of a changelog, the earliest dated status change, the file name.
    let stated = given(&f.date).map(|d| (d, key_line("date"))).or_else(|| {
        facts
            .date
            .clone()
            .filter(|(d, _)| !placeholder::is_placeholder(d))
    });
    if let Some((d, line)) = &stated {
        // A date read only with day and month swapped is used, and still reported: the
        // record's author meant it, but tools that read ISO dates cannot.
        let message = match (words::normalise_date(d), words::swapped_iso_date(d)) {
            (None, _) => Some(format!(
                "date `{d}` is not a date this tool can read (use YYYY-MM-DD)"
            )),
            (Some(_), Some(read)) => Some(format!(
                "date `{d}` has its day and month swapped; read as {read} (use YYYY-MM-DD)"
            )),
            (Some(_), None) => None,
        };
        if let Some(message) = message {
            diags.push(diag(
                Some(*line),
                Severity::Warning,
                "invalid-date",
                message,
            ));
        }
    }
    let date = stated.map(|(d, _)| d);
    let history_dates = || f.history.iter().chain(&facts.history).map(|h| &h.date);
    // The date read with numeric dates in `order`, where a reader looks: the stated date, the
    // earliest entry of a changelog, the earliest dated status change, the earliest date the
    // status lines state (`Approved by TSC vote on 3/25/21`), the file name.
    let date_in = |order: DayOrder| {
        let earliest = |texts: &mut dyn Iterator<Item = &String>| {
            texts
                .filter_map(|t| words::normalise_date_ordered(t, order))
                .min()
        };
        date.as_ref()
            .and_then(|d| words::normalise_date_ordered(d, order))
            .or_else(|| facts.changelog_date(order))
            .or_else(|| earliest(&mut history_dates()))
            .or_else(|| earliest(&mut facts.status_dates.iter().map(|(d, _)| d)))
            .or_else(|| name.date_iso.clone())
    };
    // The record's own unambiguous numeric dates settle the rest; without them a date that
    // reads either way is read day-first, and its month-first reading kept for the log to
    // settle ([`dates::settle`]).
    let day_order = dates::evidence(
        (date.iter().chain(history_dates()))
            .chain(facts.changelog_dates.iter().map(|(d, _)| d))
            .chain(facts.status_dates.iter().map(|(d, _)| d))
            .map(String::as_str),
    );
    let date_iso = date_in(day_order.unwrap_or(DayOrder::DayFirst));
    let date_month_first = match day_order {
        None => date_in(DayOrder::MonthFirst).filter(|m| date_iso.as_ref() != Some(m)),
        Some(_) => None,
    };

    let mut links = fields::links(&f.links, key_line("links"));
    // MADR's `status: "superseded by ADR-12"` names the successor in the status itself.
    if let Some(raw) = &front_status {
        links.extend(prose::status_successors(raw, key_line("status")));
    }
    links.extend(facts.links.iter().cloned());
    // `# Superseded by [X](x.md): Title`: the successor named before the title.
    if let Some(raw) = &title_status {
        links.extend(prose::status_successors(raw, title_line));
    }
    dedup_links(&mut links);
    let mut history = f.history.clone();
    history.extend(facts.history.iter().cloned());

    let split_list = |s: &Option<String>| -> Vec<String> {
        s.as_deref()
            .map(|s| {
                s.split(',')
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let record = Record {
        number,
        number_in_file: f.number.or(title_number),
        id: id.to_string(),
        title,
        status,
        status_history: history,
        date,
        date_iso,
        day_order,
        date_month_first,
        deciders: if f.deciders.is_empty() {
            split_list(&facts.deciders)
        } else {
            f.deciders.clone()
        },
        consulted: f.consulted.clone(),
        informed: f.informed.clone(),
        tags: if f.tags.is_empty() {
            split_list(&facts.tags)
        } else {
            f.tags.clone()
        },
        scope: f.scope.clone(),
        constraints: f.constraints.clone(),
        quality_attributes: f.quality_attributes.clone(),
        options: f.options.clone(),
        context: f.context.clone(),
        drivers: f.drivers.clone(),
        links,
        goals: f.goals.clone(),
        review_by: f.review_by.clone(),
        revisit_when: f.revisit_when.clone(),
        approvals: f.approvals.clone(),
        confirmation: f.confirmation.clone(),
        format: detect_format(fm_value.as_ref(), &facts),
        front_matter: if fm_valid { fm_value } else { None },
        body: body.to_string(),
        body_line: body_first_line,
        key_lines: front
            .as_ref()
            .map(|(span, lines)| {
                lines
                    .iter()
                    .map(|(k, l)| (k.clone(), span.yaml_first_line + l - 1))
                    .collect()
            })
            .unwrap_or_default(),
        path: path.to_path_buf(),
    };
    report_missing(&record, name, &mut diags, path);
    (record, diags)
}

fn report_missing(record: &Record, name: &NameInfo, diags: &mut Vec<Diagnostic>, path: &Path) {
    let mut warn = |code, message: String| {
        diags.push(Diagnostic {
            path: path.to_path_buf(),
            line: Some(1),
            severity: Severity::Warning,
            code,
            message,
        })
    };
    if record.title.is_none() && !record.body.trim().is_empty() {
        warn(
            "no-title",
            "no title: the file has no `# Title` heading and no `title` key".into(),
        );
    }
    if record.number.is_none() && name.date_iso.is_none() {
        warn(
            "no-number",
            "no record number in the file name, front matter or title".into(),
        );
    }
    // A slip (`Acepted`) is read as the state meant, and still reported so it gets fixed.
    if let Some(status) = &record.status
        && let Some(meant) = words::status_slip(&status.raw)
    {
        diags.push(Diagnostic {
            path: path.to_path_buf(),
            line: Some(status.line),
            severity: Severity::Warning,
            code: "unknown-status",
            message: format!(
                "status `{}` is not a lifecycle state this tool knows (proposed, accepted, \
                 rejected, deprecated, superseded); read as `{m}`: did you mean `{m}`?",
                shorten(&status.raw, 60),
                m = meant.as_str()
            ),
        });
    }
    if let Some(status) = &record.status
        && let Lifecycle::Other(word) = &status.state
    {
        diags.push(Diagnostic {
            path: path.to_path_buf(),
            line: Some(status.line),
            severity: Severity::Warning,
            code: "unknown-status",
            message: format!(
                "status `{}` is not a lifecycle state this tool knows \
                 (proposed, accepted, rejected, deprecated, superseded){}",
                shorten(&status.raw, 60),
                if word.is_empty() {
                    ""
                } else {
                    "; kept as written"
                }
            ),
        });
    }
}

/// Drops a link that repeats an earlier one of the same kind to the same record: `supersedes
/// ADR-0045` in the status and `Supersedes [..](0045-x.md)` below it are one relation.
fn dedup_links(links: &mut Vec<crate::model::Link>) {
    fn record_key(target: &str) -> String {
        let name = target.rsplit('/').next().unwrap_or(target);
        let lower = name.to_ascii_lowercase();
        let rest = lower.strip_prefix("adr").unwrap_or(&lower);
        let rest = rest.trim_start_matches(['-', '_', ' ', '#']);
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        match rest[..digits].parse::<u64>() {
            Ok(n) if digits < 8 => n.to_string(),
            _ => lower,
        }
    }
    let mut seen = std::collections::HashSet::new();
    links.retain(|l| seen.insert((l.kind.clone(), record_key(&l.target))));
}

/// Front matter that is invalid YAML only because a top-level value holds `: ` unquoted
/// (`title: ADR002: Default catalog format`), parsed with those values quoted. Returns the
/// parse and the `(key, line)` of each value quoted; `None` when quoting does not make it valid.
fn repair_unquoted_colons(yaml: &str) -> Option<(yaml::Parsed, Vec<(String, usize)>)> {
    let mut fixed = String::with_capacity(yaml.len() + 16);
    let mut repaired = Vec::new();
    for (i, line) in yaml.split_inclusive('\n').enumerate() {
        let content = line.trim_end_matches(['\n', '\r']);
        let quotable = (!content.starts_with([' ', '\t', '#', '-']))
            .then(|| content.split_once(": "))
            .flatten()
            .filter(|(key, value)| {
                let v = value.trim();
                !key.is_empty()
                    && !key.contains([' ', '"', '\''])
                    && (v.contains(": ") || v.ends_with(':'))
                    && !v.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '#'])
            });
        match quotable {
            Some((key, value)) => {
                let v = value.trim().replace('\'', "''");
                fixed.push_str(&format!("{key}: '{v}'"));
                fixed.push_str(&line[content.len()..]);
                repaired.push((key.to_string(), i + 1));
            }
            None => fixed.push_str(line),
        }
    }
    if repaired.is_empty() {
        return None;
    }
    yaml::parse(&fixed).ok().map(|p| (p, repaired))
}

/// `Draft: Meeting area`, `Superseded: Retarget motion`, `Superseded by [X](x.md): Title`: the
/// lifecycle word before a title's first colon, and the title after it.
fn status_prefix(title: &str) -> Option<(&str, &str)> {
    let (head, rest) = title.split_once(':')?;
    let (head, rest) = (head.trim(), rest.trim());
    let word = head.trim_matches(['*', '_', '[', ']']).to_lowercase();
    let names_state = matches!(
        word.as_str(),
        "proposed"
            | "proposal"
            | "draft"
            | "accepted"
            | "approved"
            | "rejected"
            | "declined"
            | "withdrawn"
            | "deprecated"
            | "obsolete"
            | "superseded"
            | "superceded"
            | "replaced"
    ) || ["superseded by ", "superceded by ", "replaced by "]
        .iter()
        .any(|p| word.starts_with(p));
    (names_state && !rest.is_empty()).then_some((head, rest))
}

/// The title without its leading record number: `1. Title`, `ADR-12: Title`, and `23 Logging`
/// in `023-logging.md`. A bare number followed by a space is the record number only when the
/// file name carries a number and its slug does not start with those digits (`0005-2038-
/// problem.md` keeps "2038 problem"), so a heading copied from another record ("29 Kubernetes
/// ..." in `030-...`) loses its stale number too.
fn title_without_number<'a>(title: &'a str, name: &NameInfo) -> &'a str {
    let title = without_series_label(title, name);
    let title = without_series_number(title, name);
    let title = without_number_placeholder(title, name);
    let stripped = words::strip_title_number(title);
    if stripped.len() != title.trim().len() || name.number.is_none() {
        return stripped;
    }
    let t = title.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &t[digits..];
    if digits == 0 || !rest.starts_with([' ', '\t']) || name.slug.starts_with(&t[..digits]) {
        return t;
    }
    let rest = rest.trim_start();
    if rest.is_empty() { t } else { rest }
}

/// `RFC-0001 Memorandum on Flux Authorization` in `0001-authorization/README.md`: a series'
/// capitals and the record's own number, then only a space before the title.
fn without_series_number<'a>(title: &'a str, name: &NameInfo) -> &'a str {
    let t = title.trim();
    let Some(n) = name.number else { return t };
    let letters = t.bytes().take_while(u8::is_ascii_uppercase).count();
    let after = t[letters..].trim_start_matches(['-', '_', ' ', '#']);
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &after[digits..];
    if !(2..=6).contains(&letters)
        || digits == 0
        || after[..digits].parse::<u32>().ok() != Some(n)
        || !rest.starts_with(' ')
        || rest.trim().is_empty()
    {
        return t;
    }
    rest.trim_start()
}

/// `n. Django Templates` in `0010-django-templates.md`: a template's number placeholder (`n`,
/// `N`, `X`, `NNNN`, `XXX`) left where the record's number belongs, when the file name numbers it.
fn without_number_placeholder<'a>(title: &'a str, name: &NameInfo) -> &'a str {
    let t = title.trim();
    let marks = t.bytes().take_while(|b| b"nNxX".contains(b)).count();
    let one_letter = t.as_bytes().first().is_some_and(|&f| {
        t.as_bytes()[..marks]
            .iter()
            .all(|b| b.eq_ignore_ascii_case(&f))
    });
    match t[marks..].strip_prefix(". ") {
        Some(rest)
            if name.number.is_some() && marks > 0 && one_letter && !rest.trim().is_empty() =>
        {
            rest.trim_start()
        }
        _ => t,
    }
}

/// `Aries RFC 0004: Agents`, `Open Data Hub - ODH-ADR-0003 - Licence`, `KEP 90: Retries`: a
/// label that names the record's own number (or says it is a decision record), then `:` or
/// ` - `, is not part of the title. Only a prefix of the title's first 80 bytes counts.
fn without_series_label<'a>(title: &'a str, name: &NameInfo) -> &'a str {
    let t = title.trim();
    let head_end = (0..=t.len().min(80))
        .rev()
        .find(|&i| t.is_char_boundary(i))
        .unwrap_or(0);
    let head = &t[..head_end];
    let names_record = |label: &str| {
        let lower = label.to_ascii_lowercase();
        let says_kind = ["decision record", "adr", "rfc", "madr", "dr"]
            .iter()
            .any(|k| {
                lower.match_indices(k).any(|(at, _)| {
                    let before = lower[..at].chars().next_back();
                    let after = lower[at + k.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphabetic)
                })
            });
        // The label's last word carries the record's number: `0004`, `ODH-ADR-0003`.
        let last = label.split_whitespace().next_back().unwrap_or("");
        let number_in_last = name.number.is_some_and(|n| {
            last.split(|c: char| !c.is_ascii_digit())
                .any(|d| !d.is_empty() && d.parse::<u32>().ok() == Some(n))
        });
        let padded = last
            .split(|c: char| !c.is_ascii_digit())
            .any(|d| d.len() > 1 && d.starts_with('0'));
        let ends_with_kind = ["decision record", "adr", "rfc"]
            .iter()
            .any(|k| lower_ends_with_word(label, k));
        // `KEP 90`, `PEP-8`, `LID0001`: a series' capitals and the record's own number.
        let letters: Vec<char> = label.chars().filter(|c| c.is_alphabetic()).collect();
        let series = (2..=6).contains(&letters.len())
            && letters.iter().all(char::is_ascii_uppercase)
            && label.split_whitespace().count() <= 2
            && label
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '#'));
        number_in_last && (says_kind || padded || series) || ends_with_kind
    };
    // The last separator in the head whose label before it names the record.
    let mut best = None;
    for sep in [": ", " - ", " – ", " — "] {
        for (at, _) in head.match_indices(sep) {
            if names_record(&head[..at]) {
                let rest = t[at + sep.len()..].trim_start();
                if !rest.is_empty() && best.is_none_or(|(b, _): (usize, &str)| at > b) {
                    best = Some((at, rest));
                }
            }
        }
    }
    best.map_or(t, |(_, rest)| rest)
}

/// Whether `text` ends with the word(s) `word`, case aside: `Open Data Hub - Architecture
/// Decision Record` ends with `decision record`.
fn lower_ends_with_word(text: &str, word: &str) -> bool {
    let lower = text.trim_end().to_ascii_lowercase();
    lower.strip_suffix(word).is_some_and(|before| {
        !before
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    })
}

/// `2017-11-24 通过` → `通过`: a dated status line's status.
fn strip_dated(raw: &str) -> &str {
    match raw.split_once(char::is_whitespace) {
        Some((first, rest)) if words::normalise_date(first).is_some() => rest.trim(),
        _ => raw,
    }
}

/// The number in `1. Title`, `ADR 111: Title` or `ADR002: Title`, when the title starts with one.
fn title_number(title: &str) -> Option<u32> {
    let stripped = words::strip_title_number(title);
    if stripped.len() == title.trim().len() {
        return None;
    }
    let head = &title.trim()[..title.trim().len() - stripped.len()];
    let digits: String = head.chars().filter(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn detect_format(fm: Option<&serde_json::Value>, facts: &markdown::BodyFacts) -> Format {
    let keys = fm.and_then(|v| v.as_object());
    let has = |k: &str| keys.is_some_and(|m| m.contains_key(k));
    if fields::STRUCTURED_KEYS.iter().any(|k| has(k)) {
        return Format::Structured;
    }
    let madr_sections = facts
        .sections
        .iter()
        .any(|s| s.starts_with("considered options") || s.starts_with("decision outcome"));
    if has("decision-makers") || madr_sections {
        return Format::Madr;
    }
    // A `status:` key alone says where the status is kept, not the layout: a record whose
    // front matter gains one in `adr status` keeps its format.
    Format::Nygard
}

/// The first `max` characters of `text`, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
