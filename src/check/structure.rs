//! Structure rules: what parsing reported, plus duplicate numbers, missing statuses and file
//! names that disagree with their records.

use super::{Context, finding};
use crate::model::{DecisionLog, Diagnostic};
use std::collections::BTreeMap;

/// The parser's diagnostics as findings; the read-level codes fold into `unreadable-file`.
pub fn from_parse(log: &DecisionLog) -> Vec<Diagnostic> {
    log.diagnostics
        .iter()
        .map(|d| {
            let mut d = d.clone();
            if matches!(
                d.code,
                "binary-file"
                    | "invalid-utf8"
                    | "empty-file"
                    | "file-too-large"
                    | "unreadable-file"
            ) {
                d.message = format!("{} ({})", d.message, d.code);
                d.code = "unreadable-file";
            }
            if let Some(rule) = super::find_rule(d.code) {
                d.severity = rule.severity;
            }
            d
        })
        .collect()
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let log = ctx.log;
    let mut by_number: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, r) in log.records.iter().enumerate() {
        if let Some(n) = r.number {
            by_number.entry(n).or_default().push(i);
        }
        if !ctx.wants(&r.path) {
            continue;
        }
        if r.status.is_none() && !r.body.trim().is_empty() {
            out.push(finding(
                "no-status",
                &r.path,
                Some(1),
                "no status: add `status:` to the front matter or a `## Status` section".into(),
            ));
        }
        if let (Some(in_name), Some(in_file)) = (r.number, r.number_in_file)
            && in_name != in_file
            && crate::names::parse_record_name(&r.id).and_then(|n| n.number) == Some(in_name)
        {
            out.push(finding(
                "file-name-mismatch",
                &r.path,
                Some(1),
                format!("the file name says {in_name} but the record says {in_file}"),
            ));
        }
    }
    for (n, records) in by_number.iter().filter(|(_, v)| v.len() > 1) {
        for &i in records {
            let others: Vec<String> = records
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| log.records[j].path.display().to_string())
                .collect();
            out.push(finding(
                "duplicate-number",
                &log.records[i].path,
                Some(1),
                format!(
                    "number {n} is also used by {} (fix with `adr renumber {} NEW`)",
                    others.join(", "),
                    log.records[i].path.display()
                ),
            ));
        }
    }
}
