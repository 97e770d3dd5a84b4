//! Which status moves make sense. A refused move names its reason; `--force` overrides it.

use crate::model::Lifecycle;

/// A status as typed: one line with a letter or a digit in it. A line break would leave the
/// rest of the status as a stray line in a Markdown body, or a broken front matter.
pub fn status_word(s: &str) -> Result<String, String> {
    if s.chars().any(char::is_control) {
        return Err("a status is one line of text, without line breaks or tabs".into());
    }
    if !s.chars().any(char::is_alphanumeric) {
        return Err("a status needs a letter or a digit".into());
    }
    Ok(s.to_string())
}

/// A person's name as typed after `--as`: one line, with a letter in it, without the brackets
/// a Markdown history item puts around it (`- 2026-11-03 Accepted (by Ana)`).
pub fn person(s: &str) -> Result<String, String> {
    let s = s.trim();
    if s.chars()
        .any(|c| c.is_control() || matches!(c, '(' | ')' | ';'))
    {
        return Err("a name is one line of text, without line breaks, brackets or `;`".into());
    }
    if !s.chars().any(char::is_alphabetic) {
        return Err("a name needs a letter".into());
    }
    Ok(s.to_string())
}

/// Checks moving a record from `from` to `to`. `has_successor` says whether `--by` named the
/// record that supersedes it; `extra` are the statuses `.adr.toml` allows beyond the standard
/// ones.
pub fn check(
    from: Option<&Lifecycle>,
    to: &Lifecycle,
    has_successor: bool,
    extra: &[String],
) -> Result<(), String> {
    use Lifecycle::*;
    if let Other(word) = to
        && !extra.iter().any(|e| e.eq_ignore_ascii_case(word))
    {
        return Err(format!(
            "`{word}` is not a status: use proposed, accepted, rejected, deprecated or \
             superseded, or list it under extra-statuses in .adr.toml"
        ));
    }
    if *to == Superseded && !has_successor {
        return Err("a superseded record needs its successor: pass --by REF".into());
    }
    if has_successor && *to != Superseded {
        return Err("--by names a successor, which only `superseded` has".into());
    }
    let Some(from) = from else {
        return Ok(());
    };
    let refusal = match (from, to) {
        (a, b) if a == b && *b != Superseded => format!("the record is already {b}"),
        (Superseded, _) => "a superseded record stays superseded: supersede its successor \
                            instead"
            .into(),
        (Rejected, Accepted) => {
            "a rejected decision cannot be accepted as it stands: propose it again first \
             (status proposed)"
                .into()
        }
        (Accepted, Proposed | Rejected) => {
            format!("an accepted decision is not {to} again: deprecate or supersede it instead")
        }
        (Deprecated, Proposed | Accepted | Rejected) => format!(
            "a deprecated decision is not {to} again: write a new record that supersedes it"
        ),
        _ => return Ok(()),
    };
    Err(refusal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Lifecycle::*;

    #[test]
    fn refuses_nonsense_moves() {
        assert!(check(Some(&Accepted), &Superseded, false, &[]).is_err());
        assert!(check(Some(&Rejected), &Accepted, false, &[]).is_err());
        assert!(check(Some(&Superseded), &Accepted, false, &[]).is_err());
        assert!(check(Some(&Accepted), &Other("on hold".into()), false, &[]).is_err());
    }

    #[test]
    fn allows_the_usual_moves() {
        assert!(check(Some(&Proposed), &Accepted, false, &[]).is_ok());
        assert!(check(Some(&Accepted), &Deprecated, false, &[]).is_ok());
        assert!(check(Some(&Accepted), &Superseded, true, &[]).is_ok());
        assert!(check(Some(&Rejected), &Proposed, false, &[]).is_ok());
        let extra = ["on hold".to_string()];
        assert!(check(Some(&Proposed), &Other("on hold".into()), false, &extra).is_ok());
    }
}
