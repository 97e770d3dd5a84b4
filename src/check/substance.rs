//! Substance rules: what a good record must carry. An accepted structured record names its
//! constraints, the quality attributes it serves (as complete scenarios), at least two options
//! with trade-offs; scope globs match real files. (Template placeholders: [`super::placeholders`].)

use super::{Context, finding};
use crate::model::{Diagnostic, Format, Lifecycle, Record};
use crate::scope::{Owner, ScopeSet};
use std::path::{Path, PathBuf};

fn key_line(r: &Record, key: &str) -> Option<usize> {
    r.key_lines
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, l)| *l)
        .or(Some(1))
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for r in ctx.log.records.iter().filter(|r| ctx.wants(&r.path)) {
        let accepted = r
            .status
            .as_ref()
            .is_some_and(|s| s.state == Lifecycle::Accepted);
        if accepted && r.format == Format::Structured {
            required_parts(r, out);
        }
        scenarios(r, out);
    }
    if let Some(files) = ctx.repo_files {
        scopes(ctx, files, out);
    }
}

fn required_parts(r: &Record, out: &mut Vec<Diagnostic>) {
    let line = |k| key_line(r, k).or(r.status.as_ref().map(|s| s.line));
    if r.constraints.is_empty() {
        out.push(finding(
            "missing-constraints",
            &r.path,
            line("constraints"),
            "accepted, but names no constraint the decision had to respect (`constraints:`)".into(),
        ));
    }
    if r.quality_attributes.is_empty() {
        out.push(finding(
            "missing-quality-attributes",
            &r.path,
            line("quality_attributes"),
            "accepted, but names no quality attribute it serves (`quality_attributes:`)".into(),
        ));
    }
    if r.options.len() < 2 {
        out.push(finding(
            "too-few-options",
            &r.path,
            line("options"),
            format!(
                "accepted with {} option(s) considered; a decision compares at least two",
                r.options.len()
            ),
        ));
    }
    for o in r.options.iter().filter(|o| o.tradeoffs.is_empty()) {
        out.push(finding(
            "option-without-tradeoffs",
            &r.path,
            line("options"),
            format!(
                "option `{}` says nothing about any quality attribute (`tradeoffs:`)",
                o.name
            ),
        ));
    }
}

fn scenarios(r: &Record, out: &mut Vec<Diagnostic>) {
    for q in &r.quality_attributes {
        let s = &q.scenario;
        let missing: Vec<&str> = [
            ("stimulus", &s.stimulus),
            ("response", &s.response),
            ("response_measure", &s.response_measure),
        ]
        .iter()
        .filter(|(_, v)| v.as_deref().is_none_or(|t| t.trim().is_empty()))
        .map(|(k, _)| *k)
        .collect();
        if !missing.is_empty() {
            out.push(finding(
                "incomplete-scenario",
                &r.path,
                key_line(r, "quality_attributes"),
                format!(
                    "scenario for `{}` has no {}",
                    q.attribute,
                    missing.join(", ")
                ),
            ));
        }
    }
}

/// Each scope pattern that matches no file of the repository. Every distinct pattern is
/// compiled and matched once ([`ScopeSet`]), however many records share it.
fn scopes(ctx: &Context<'_>, files: &[PathBuf], out: &mut Vec<Diagnostic>) {
    let records = &ctx.log.records;
    let set = ScopeSet::build(records.iter().map(|r| r.scope.as_slice()).enumerate());
    for (o, e) in &set.invalid {
        let r = &records[o.record];
        out.push(finding(
            "scope-matches-nothing",
            &r.path,
            key_line(r, "scope"),
            format!("scope `{}` is not a valid glob: {e}", r.scope[o.pattern]),
        ));
    }
    if set.is_empty() {
        return;
    }
    let mut matched = vec![false; set.len()];
    let mut hits = Vec::new();
    for f in files {
        set.matches_into(&f.to_string_lossy(), &mut hits);
        for &g in &hits {
            matched[g] = true;
        }
    }
    let mut unmatched: Vec<Owner> = (0..set.len())
        .filter(|&g| !matched[g])
        .flat_map(|g| set.owners(g).iter().copied())
        .collect();
    unmatched.sort_by_key(|o| (o.record, o.pattern));
    for o in unmatched {
        let r = &records[o.record];
        out.push(finding(
            "scope-matches-nothing",
            &r.path,
            key_line(r, "scope"),
            format!(
                "scope `{}` matches no file under {}",
                r.scope[o.pattern],
                ctx.root.display()
            ),
        ));
    }
}

/// Files under `root`, relative to it, skipping hidden folders and build output.
pub fn repo_files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || {
                let n = e.file_name().to_string_lossy();
                !(n.starts_with('.') || n == "target" || n == "node_modules")
            }
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect()
}
