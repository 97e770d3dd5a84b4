//! Structure rules: what parsing reported, plus duplicate numbers, missing statuses, file
//! names that disagree with their records and numeric dates written two ways in one log.

use super::{Context, finding};
use crate::model::{DecisionLog, Diagnostic, Record};
use std::collections::BTreeMap;

/// The reader's diagnostics as findings, under their rules' ids and severities (the read
/// already gives them so; a log built another way is put in the same terms here).
pub fn from_parse(log: &DecisionLog) -> Vec<Diagnostic> {
    log.diagnostics
        .iter()
        .map(|d| crate::rules::canonical(d.clone()))
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
        if let Some(message) = slug_mismatch(r) {
            out.push(finding("file-name-mismatch", &r.path, Some(1), message));
        }
    }
    duplicates(log, &by_number, out);
    mixed_date_order(log, out);
    for (i, j) in renumber_copies(log) {
        let (a, b) = (&log.records[i], &log.records[j]);
        for (this, that) in [(a, b), (b, a)] {
            out.push(finding(
                "renumber-copy",
                &this.path,
                Some(1),
                format!(
                    "{} holds the same record under number {}: an interrupted `adr renumber`; \
                     delete the copy you do not want, then run `adr check --fix` to point links \
                     at the one you keep",
                    that.path.display(),
                    that.number.unwrap_or_default()
                ),
            ));
        }
    }
}

/// Pairs of records (indices into `log.records`) that are one record under two numbers: the
/// same file-name slug, title, status and links, and the same body once each file's own
/// number line is set aside. `adr renumber` writes the new name before it removes the old
/// one, and a kill in between leaves exactly this, with one more mark of a renumber: other
/// records still link to the old name, and nothing links to the new one yet. Two records that
/// only look alike (`adr new Spike` run twice gives two identical files) lack that mark and
/// are two records.
pub fn renumber_copies(log: &DecisionLog) -> Vec<(usize, usize)> {
    let key = |r: &Record| {
        let slug = crate::names::parse_record_name(&r.id)?.slug;
        let body: Vec<&str> = r
            .body
            .lines()
            .filter(|l| {
                !(l.starts_with("# ") && r.number.is_some_and(|n| l.contains(&n.to_string())))
            })
            .collect();
        let links: Vec<(&str, &str)> = r
            .links
            .iter()
            .map(|l| (l.kind.as_str(), l.target.as_str()))
            .collect();
        r.number?;
        Some((
            slug,
            r.title.clone(),
            r.status.as_ref().map(|s| s.raw.clone()),
            links
                .iter()
                .map(|(k, t)| format!("{k} {t}"))
                .collect::<Vec<_>>(),
            body.join("\n"),
        ))
    };
    let mut seen: BTreeMap<_, usize> = BTreeMap::new();
    let mut alike = Vec::new();
    for (i, r) in log.records.iter().enumerate() {
        let Some(k) = key(r) else { continue };
        match seen.get(&k) {
            Some(&j) if log.records[j].number != r.number => alike.push((j, i)),
            Some(_) => {}
            None => {
                seen.insert(k, i);
            }
        }
    }
    if alike.is_empty() {
        return alike;
    }
    // Linked to from a record other than the pair.
    let graph = crate::links::LinkGraph::build(log);
    let linked = |i: usize, pair: (usize, usize)| {
        graph.incoming[i]
            .iter()
            .any(|&(from, _)| from != pair.0 && from != pair.1)
    };
    alike
        .into_iter()
        .filter(|&pair| linked(pair.0, pair) != linked(pair.1, pair))
        .collect()
}

fn duplicates(log: &DecisionLog, by_number: &BTreeMap<u32, Vec<usize>>, out: &mut Vec<Diagnostic>) {
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

/// Words too common in titles to say which decision a file is about.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "as", "at", "from",
    "into", "over", "via", "vs", "is", "are", "be", "we", "our", "not", "no", "use", "using",
    "adr",
];

/// The title as the record states it, in a front-matter `title` or its `# Heading`. A title
/// read from a `Feature Name:` line (Rust RFCs) is a code identifier, not a name for the file.
fn stated_title(r: &Record) -> Option<&str> {
    let in_front = r
        .front_matter
        .as_ref()
        .is_some_and(|f| f.get("title").is_some());
    let in_heading = || {
        crate::parse::markdown::scan(&r.body, r.body_line)
            .h1
            .is_some()
    };
    r.title.as_deref().filter(|_| in_front || in_heading())
}

/// The words of a slug that say what it is about.
fn meaningful(slug: &str) -> Vec<&str> {
    slug.split('-')
        .filter(|w| w.chars().count() >= 2 && !STOP_WORDS.contains(w))
        .collect()
}

/// Two words for the same thing, give or take an inflection or an abbreviation written out:
/// `record`/`records`, `deploy`/`deployment`, `k8s`/`k8s-cluster`.
fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let min = if short.is_ascii() { 3 } else { 2 };
    let prefix = short
        .chars()
        .zip(long.chars())
        .take_while(|(x, y)| x == y)
        .count();
    short == long || (short.chars().count() >= min && long.contains(short)) || prefix >= 5
}

/// A word made of the starts of two or more consecutive `words`: `autodoc` for "automated
/// documentation", `k8sops` for "k8s operations".
fn abbreviates(short: &str, words: &[&str]) -> bool {
    fn from(rest: &str, words: &[&str], used: usize) -> bool {
        let Some((w, more)) = words.split_first() else {
            return rest.is_empty() && used >= 2;
        };
        if rest.is_empty() {
            return used >= 2;
        }
        let common = rest
            .bytes()
            .zip(w.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        (2..=common).rev().any(|n| from(&rest[n..], more, used + 1))
    }
    short.is_ascii() && (0..words.len()).any(|k| from(short, &words[k..], 0))
}

/// A file whose name and title are about different things: the slug `adr new` would make of the
/// title shares no meaningful word with the file name's. Deliberately lenient: titles are
/// reworded after the file is named (`use-mysql` titled "Use MySQL 8 for orders"), and only a
/// name with nothing in common with its title (a copied file, a rewritten decision) is worth a
/// warning on a real repository.
fn slug_mismatch(r: &Record) -> Option<String> {
    let name = crate::names::parse_record_name(&r.id)?;
    let file = crate::names::slug_unicode(&name.slug);
    let title = crate::names::slug_unicode(stated_title(r)?);
    let (fw, tw) = (meaningful(&file), meaningful(&title));
    if fw.is_empty()
        || tw.is_empty()
        || fw.iter().any(|f| tw.iter().any(|t| same_word(f, t)))
        || fw.iter().any(|f| abbreviates(f, &tw))
        || tw.iter().any(|t| abbreviates(t, &fw))
    {
        return None;
    }
    Some(format!(
        "the file name `{}` shares no word with the title's slug `{title}` (rename the file or \
         fix the title)",
        name.slug
    ))
}

/// A log whose records write numeric dates both ways (`25/10/21` in one, `10/26/21` in another):
/// its dates that read either way follow the majority ([`crate::parse::dates::log_order`]), so
/// some are probably read wrong. Reported on the first record of the smaller side, naming the
/// first of the larger (on a tie, day-first counts as the larger).
fn mixed_date_order(log: &DecisionLog, out: &mut Vec<Diagnostic>) {
    use crate::model::DayOrder;
    use crate::parse::dates;
    let Some((day, month)) = dates::mixed(&log.records) else {
        return;
    };
    let (this, that, ours, theirs) = match dates::log_order(&log.records) {
        DayOrder::DayFirst => (month, day, "month-first", "day-first"),
        DayOrder::MonthFirst => (day, month, "day-first", "month-first"),
    };
    out.push(finding(
        "mixed-date-order",
        &this.path,
        None,
        format!(
            "this record writes numeric dates {ours} but {} writes them {theirs}, and the \
             log's dates that read either way (`04/08/2020`) are read {theirs}: write dates \
             as YYYY-MM-DD",
            that.path.display()
        ),
    ));
}
