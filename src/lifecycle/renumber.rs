//! Giving a record a new number: a new file name, the number in its heading, and every link to
//! it in other records rewritten — the fix for two branches that both added record 0042.

use super::{Workspace, failpoint, read_for_edit};
use crate::edit;
use crate::error::Error;
use crate::fsx;
use crate::links;
use crate::model::{DecisionLog, Record};
use std::path::PathBuf;

/// What a renumbering wrote.
#[derive(Debug)]
pub struct Renumbered {
    pub path: PathBuf,
    pub referrers: Vec<PathBuf>,
}

/// `0012-use-x` with 42 gives `0042-use-x`; `adr-12-x` gives `adr-42-x`. Keeps the width.
fn renamed_stem(stem: &str, new: u32) -> Option<String> {
    let lower = stem.to_ascii_lowercase();
    let prefix = if lower.starts_with("adr") {
        3 + stem[3..].len() - stem[3..].trim_start_matches(['-', '_']).len()
    } else {
        0
    };
    let digits = stem[prefix..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    (digits > 0).then(|| {
        format!(
            "{}{new:0digits$}{}",
            &stem[..prefix],
            &stem[prefix + digits..]
        )
    })
}

fn usage(msg: String) -> anyhow::Error {
    Error::Usage(msg).into()
}

/// Renumbers `record` to `new`. Writes, in order: the file under its new name (created, never
/// clobbering), then the removal of the old name, then each record that links to it, by a typed
/// link or a link in its text. An
/// interruption leaves either two copies of the record (old and new number) or links that point
/// at the old name — both visible to a check — and never a truncated file.
pub fn renumber(log: &DecisionLog, record: &Record, new: u32) -> anyhow::Result<Renumbered> {
    let old = record
        .number
        .ok_or_else(|| usage(format!("{} has no number to change", record.path.display())))?;
    if old == new {
        return Err(usage(format!(
            "{} is already number {new}",
            record.path.display()
        )));
    }
    let parent = record.path.parent().unwrap_or(std::path::Path::new(""));
    if let Some(taken) = log
        .records
        .iter()
        .find(|r| r.number == Some(new) && r.path.parent() == Some(parent))
    {
        return Err(usage(format!(
            "number {new} is taken by {}",
            taken.path.display()
        )));
    }
    let file_name = record
        .path
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or("");
    let Some(stem) = file_name.strip_suffix(".md").filter(|s| *s == record.id) else {
        return Err(usage(format!(
            "{} is not a `NNNN-title.md` file; renumber its folder by hand",
            record.path.display()
        )));
    };
    let new_stem = renamed_stem(stem, new).ok_or_else(|| {
        usage(format!(
            "{} has no number in its name",
            record.path.display()
        ))
    })?;
    let new_path = parent.join(format!("{new_stem}.md"));
    let file = read_for_edit(&record.path)?;
    // A link names the file by its name (`0003-x.md`, or `0003-x` as log4brains links), which
    // takes the new name; one naming it another way (`3`, `ADR-3`) is left as written.
    let rename = |from: &Record| {
        let (from, new_stem) = (from.path.clone(), new_stem.clone());
        move |link: &str| {
            let name = link.rsplit('/').next().unwrap_or(link);
            let md = name.ends_with(".md");
            (name.trim_end_matches(".md") == stem
                && links::names(&from, link, links::Key::of(record)))
            .then(|| {
                if md {
                    format!("{new_stem}.md")
                } else {
                    new_stem.clone()
                }
            })
        }
    };
    let new_text =
        edit::retarget_body_links(&edit::renumber(&file.text, record, new), rename(record));
    let bytes = crate::parse::Decoded::file_bytes(file.bom, &new_text);
    fsx::create_new(&new_path, &bytes).map_err(|e| Error::io(&new_path, e))?;
    failpoint(1);
    std::fs::remove_file(&record.path).map_err(|e| Error::io(&record.path, e))?;
    failpoint(2);
    let mut ws = Workspace::default();
    for other in log.records.iter().filter(|r| r.path != record.path) {
        let was = links::Key::of(record);
        if other
            .links
            .iter()
            .any(|l| links::names(&other.path, &l.target, was))
        {
            ws.edit(other, |t, r| {
                Ok(edit::retarget_links(t, r, was, &new_stem, (old, new)))
            })?;
        }
        // Links in the text (`see [three](0003-three.md)`), which are no typed links.
        if other.body.contains(stem) {
            ws.edit(other, |t, _| {
                Ok(edit::retarget_body_links(t, rename(other)))
            })?;
        }
    }
    let referrers = ws.commit_after(2)?;
    Ok(Renumbered {
        path: new_path,
        referrers,
    })
}

#[cfg(test)]
mod tests {
    use super::renamed_stem;

    #[test]
    fn keeps_prefix_and_width() {
        assert_eq!(
            renamed_stem("0012-use-x", 42).as_deref(),
            Some("0042-use-x")
        );
        assert_eq!(renamed_stem("adr-12-x", 7).as_deref(), Some("adr-07-x"));
        assert_eq!(renamed_stem("use-x", 7), None);
    }
}
