//! Printing findings for people (`human`) and machines (`json`, `github`, `sarif`).

use super::RULES;
use crate::model::{Diagnostic, Severity};
use crate::shell::printable;
use crate::view::count;
use serde_json::{Value, json};

/// Version of the `--format json` document; bumped only on incompatible changes.
pub const JSON_VERSION: u32 = 1;

fn sev(s: Severity) -> &'static str {
    s.as_str()
}

/// How many findings there are of each severity: errors, warnings, notes.
fn counts(findings: &[Diagnostic]) -> (usize, usize, usize) {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Note))
}

fn location(f: &Diagnostic) -> String {
    match f.line {
        Some(l) => format!("{}:{l}", f.path.display()),
        None => f.path.display().to_string(),
    }
}

/// `adr check --list-rules`: every rule's id, default severity and summary, as a table.
pub fn rules_table() -> String {
    let rows: Vec<Vec<String>> = RULES
        .iter()
        .map(|r| vec![r.id.into(), r.severity.as_str().into(), r.summary.into()])
        .collect();
    crate::view::table(&["RULE", "SEVERITY", "CHECKS"], &rows)
}

/// How many findings of one warning or note rule are listed before the rest of that rule is
/// summarised in one line (`--verbose` or `--rule` lists them all).
pub const LISTED_PER_RULE: usize = 5;

/// `path:line: error[rule]: message`, errors first and every one of them; then warnings and
/// notes, a rule with more than [`LISTED_PER_RULE`] findings in one line with its count and
/// first place unless `expand`; then a one-line summary. Colour only when asked.
pub fn human(findings: &[Diagnostic], records: usize, color: bool, expand: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let label = |s: Severity| match s {
        Severity::Error => paint("1;31", "error"),
        Severity::Warning => paint("1;33", "warning"),
        Severity::Note => paint("1;36", "note"),
    };
    let (listed, grouped) = arrange(findings, expand);
    let mut out = String::new();
    for f in listed {
        // What a record says is shown, never obeyed: escaped before our own colours go on.
        out.push_str(&format!(
            "{}: {}[{}]: {}\n",
            paint("1", &printable(&location(f))),
            label(f.severity),
            f.code,
            printable(&f.message)
        ));
    }
    for group in grouped {
        let first = group[0];
        let mut paths: Vec<_> = group.iter().map(|f| &f.path).collect();
        paths.dedup();
        let how_many = match (group.len(), paths.len()) {
            (n, m) if n == m => count(n, "record"),
            (n, m) => format!("{} in {}", count(n, "finding"), count(m, "record")),
        };
        let summary = super::find_rule(first.code).map_or("", |r| r.summary);
        out.push_str(&format!(
            "{}[{}]: {how_many}: {summary} (first {}; `adr check --rule {}` lists them)\n",
            label(first.severity),
            first.code,
            paint("1", &printable(&location(first))),
            first.code,
        ));
    }
    let (errors, warnings, notes) = counts(findings);
    let notes = match notes {
        0 => String::new(),
        n => format!(", {}", count(n, "note")),
    };
    out.push_str(&format!(
        "{} checked: {}, {}{notes}\n",
        count(records, "record"),
        count(errors, "error"),
        count(warnings, "warning")
    ));
    out
}

/// The findings to list one by one (errors first, then the rest, each part in path order),
/// and the warning and note rules to summarise, each group in path order, the groups by
/// severity then size. A rule is summarised when it has more than [`LISTED_PER_RULE`]
/// findings: a convention the whole log follows (no status anywhere, a template left in
/// every record) then takes one line, and the few findings that differ stay in sight.
fn arrange(findings: &[Diagnostic], expand: bool) -> (Vec<&Diagnostic>, Vec<Vec<&Diagnostic>>) {
    let mut by_rule: std::collections::BTreeMap<(Severity, &str), Vec<&Diagnostic>> =
        Default::default();
    for f in findings.iter().filter(|f| f.severity != Severity::Error) {
        by_rule.entry((f.severity, f.code)).or_default().push(f);
    }
    let (mut grouped, small): (Vec<_>, Vec<_>) = by_rule
        .into_values()
        .partition(|g| !expand && g.len() > LISTED_PER_RULE);
    grouped.sort_by_key(|g| (std::cmp::Reverse(g[0].severity), std::cmp::Reverse(g.len())));
    let mut rest: Vec<&Diagnostic> = small.into_iter().flatten().collect();
    rest.sort_by(|a, b| (&a.path, a.line, a.code).cmp(&(&b.path, b.line, b.code)));
    let errors = findings.iter().filter(|f| f.severity == Severity::Error);
    (errors.chain(rest).collect(), grouped)
}

/// What a finding lists beyond its message, as a JSON key and value (`placeholders`: every
/// placeholder of a `placeholder-text` finding).
pub type Details<'a> = &'a dyn Fn(&Diagnostic) -> Option<(&'static str, Value)>;

/// One JSON document: `{version, records, summary: {errors, warnings}, findings: [...]}`.
pub fn json(findings: &[Diagnostic], records: usize, details: Details<'_>) -> String {
    let (errors, warnings, notes) = counts(findings);
    let doc = json!({
        "version": JSON_VERSION,
        "records": records,
        "summary": { "errors": errors, "warnings": warnings, "notes": notes },
        "findings": findings.iter().map(|f| {
            let mut v = json!({
                "path": f.path,
                "line": f.line,
                "severity": sev(f.severity),
                "rule": f.code,
                "message": f.message,
            });
            if let Some((key, more)) = details(f) {
                v[key] = more;
            }
            v
        }).collect::<Vec<Value>>(),
    });
    format!("{doc:#}\n")
}

/// GitHub Actions workflow commands: each finding becomes an annotation on its line.
pub fn github(findings: &[Diagnostic]) -> String {
    // Workflow-command values escape %, CR and LF; properties also escape `:` and `,`.
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let prop = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    findings
        .iter()
        .map(|f| {
            let line = f.line.map(|l| format!(",line={l}")).unwrap_or_default();
            // GitHub calls a note a notice.
            let level = match f.severity {
                Severity::Note => "notice",
                s => sev(s),
            };
            format!(
                "::{level} file={}{line},title={}::{}\n",
                prop(&f.path.to_string_lossy()),
                prop(&format!("adr check: {}", f.code)),
                data(&f.message)
            )
        })
        .collect()
}

/// SARIF 2.1.0, for code-scanning dashboards.
pub fn sarif(findings: &[Diagnostic]) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": { "text": r.summary },
                "defaultConfiguration": { "level": sev(r.severity) },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut region = json!({});
            if let Some(l) = f.line {
                region = json!({ "startLine": l });
            }
            json!({
                "ruleId": f.code,
                "level": sev(f.severity),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": f.path.to_string_lossy().replace('\\', "/") },
                        "region": region,
                    }
                }],
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "adr",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    format!("{doc:#}\n")
}
