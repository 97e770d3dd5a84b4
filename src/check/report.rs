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

/// `path:line: error[rule]: message`, then a one-line summary. Colour only when asked.
/// `adr check --list-rules`: every rule's id, default severity and summary, as a table.
pub fn rules_table() -> String {
    let rows: Vec<Vec<String>> = RULES
        .iter()
        .map(|r| vec![r.id.into(), r.severity.as_str().into(), r.summary.into()])
        .collect();
    crate::view::table(&["RULE", "SEVERITY", "CHECKS"], &rows)
}

pub fn human(findings: &[Diagnostic], records: usize, color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for f in findings {
        let label = match f.severity {
            Severity::Error => paint("1;31", "error"),
            Severity::Warning => paint("1;33", "warning"),
            Severity::Note => paint("1;36", "note"),
        };
        // What a record says is shown, never obeyed: escaped before our own colours go on.
        out.push_str(&format!(
            "{}: {label}[{}]: {}\n",
            paint("1", &printable(&location(f))),
            f.code,
            printable(&f.message)
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
