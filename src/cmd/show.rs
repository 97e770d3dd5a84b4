//! `adr show`: one record, readable or as JSON.

use crate::cli::GlobalArgs;
use crate::cmd::report;
use crate::model::{DecisionLog, Record};
use crate::repo::Repo;
use crate::{resolve, view};
use clap::{Args, ValueEnum};
use std::fmt::Write as _;

/// Show one record: REF is its number, file name, or a unique fragment of its title.
#[derive(Debug, Args)]
pub struct ShowArgs {
    #[arg(value_name = "REF")]
    pub reference: String,
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

pub fn run(args: ShowArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let repo = Repo::discover(global.dir.as_deref())?;
    let mut log = repo.load()?;
    let record = resolve::find(&log, &args.reference)?.clone();
    let text = match args.format {
        ShowFormat::Json => serde_json::to_string_pretty(&record)? + "\n",
        ShowFormat::Text => render_text(&record),
    };
    crate::cmd::print(&text)?;
    // Only this record's problems matter here.
    log.diagnostics.retain(|d| d.path == record.path);
    Ok(report(
        &DecisionLog {
            records: Vec::new(),
            diagnostics: log.diagnostics,
        },
        global,
    ))
}

/// A header of the machine-readable facts, then the Markdown body as written.
pub fn render_text(r: &Record) -> String {
    let mut o = String::new();
    let title = r.display_title();
    let _ = writeln!(o, "{} {}", view::number_text(r), title);
    let _ = writeln!(o, "  path:     {}", r.path.display());
    if let Some(s) = &r.status {
        let raw = if s.raw.eq_ignore_ascii_case(s.state.as_str()) {
            String::new()
        } else {
            format!(" ({})", s.raw)
        };
        let _ = writeln!(o, "  status:   {}{raw}", s.state);
    }
    if let Some(d) = r.date_iso.as_ref().or(r.date.as_ref()) {
        let _ = writeln!(o, "  date:     {d}");
    }
    for (label, items) in [
        ("deciders", &r.deciders),
        ("tags", &r.tags),
        ("scope", &r.scope),
    ] {
        if !items.is_empty() {
            let _ = writeln!(
                o,
                "  {label}:{}{}",
                " ".repeat(9 - label.len()),
                items.join(", ")
            );
        }
    }
    for l in &r.links {
        let _ = writeln!(o, "  link:     {} {}", l.kind, l.target);
    }
    if !r.constraints.is_empty() {
        let _ = writeln!(o, "\nConstraints:");
        for c in &r.constraints {
            let _ = writeln!(o, "  - {c}");
        }
    }
    if !r.quality_attributes.is_empty() {
        let _ = writeln!(o, "\nQuality attributes:");
        for q in &r.quality_attributes {
            let prio = q
                .priority
                .map(|p| format!(" [{p:?}]").to_lowercase())
                .unwrap_or_default();
            let _ = writeln!(o, "  {} ({}){prio}", q.attribute, q.id);
            let s = &q.scenario;
            for (k, v) in [
                ("source", &s.source),
                ("stimulus", &s.stimulus),
                ("environment", &s.environment),
                ("response", &s.response),
                ("measure", &s.response_measure),
            ] {
                if let Some(v) = v {
                    let _ = writeln!(o, "    {k}: {v}");
                }
            }
        }
    }
    if !r.options.is_empty() {
        let _ = writeln!(o, "\nOptions:");
        for opt in &r.options {
            let mark = if opt.chosen { "*" } else { "-" };
            let summary = opt
                .summary
                .as_deref()
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            let _ = writeln!(o, "  {mark} {}{summary}", opt.name);
            for t in &opt.tradeoffs {
                let effect = t.effect.map_or("?", |e| e.symbol());
                let note = t
                    .note
                    .as_deref()
                    .map(|n| format!(" {n}"))
                    .unwrap_or_default();
                let _ = writeln!(o, "      {effect} {}{note}", t.attribute);
            }
        }
    }
    let _ = writeln!(o);
    o.push_str(r.body.trim_start_matches(['\n', '\r']));
    if !o.ends_with('\n') {
        o.push('\n');
    }
    o
}
