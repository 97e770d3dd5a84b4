//! Record file names: numbers and dates read from real-world names, and slugs for new ones.

/// What a record's file (or folder) name says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameInfo {
    pub number: Option<u32>,
    /// A date carried by the name (`YYYYMMDD-` or `YYYY-MM-DD-`), as ISO 8601.
    pub date_iso: Option<String>,
    /// The part after the number or date, without extension.
    pub slug: String,
}

/// Reads a record name such as `0001-use-x.md`, `adr-105-foo.md`, `adr003-bar.md`,
/// `20200927-baz.md` or `2022-02-07-tracing` (a folder). Returns `None` for names that are not
/// record names at all (`README.md`, `template.md`, `index.md`).
pub fn parse_record_name(stem: &str) -> Option<NameInfo> {
    if let Some((date, rest)) = leading_date(stem) {
        return Some(NameInfo {
            number: None,
            date_iso: Some(date),
            slug: rest.to_string(),
        });
    }
    // `202012-deletions`: a year and month, which dates the record to no day and numbers it not.
    if let Some(rest) = leading_year_month(stem) {
        return Some(NameInfo {
            number: None,
            date_iso: None,
            slug: rest.to_string(),
        });
    }
    let lower = stem.to_ascii_lowercase();
    // `adr003-x`, `adr-3-x`, and `DR000-x` (a "decision record"): the kind of document, then
    // the number.
    let kind = ["adr", "dr"]
        .iter()
        .find(|k| lower.starts_with(*k))
        .map_or(0, |k| k.len());
    let after_prefix = {
        let rest = &stem[kind..];
        let rest = rest.strip_prefix(['-', '_']).unwrap_or(rest);
        if kind == 0 || rest.starts_with(|c: char| c.is_ascii_digit()) {
            rest
        } else {
            stem
        }
    };
    let digits = after_prefix
        .bytes()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 {
        return series_name(stem);
    }
    if digits > 9 {
        return None;
    }
    let rest = &after_prefix[digits..];
    let slug = match rest.chars().next() {
        None => "",
        Some('-' | '_' | '.' | ' ') => &rest[1..],
        Some(_) => return None,
    };
    Some(NameInfo {
        number: after_prefix[..digits].parse().ok(),
        date_iso: None,
        slug: slug.to_string(),
    })
}

/// `ODH-ADR-0003-use-apache`, `ODH-ADR-Operator-0002-scope`, `rfc-0012-x`: a number after a
/// prefix of words counts when the prefix says what kind of document this is (ADR, RFC, DR,
/// MADR, decision) or the number is zero-padded (`Operator-0002`); `use-http2-x` or
/// `iso-8601-dates` carry no record number.
fn series_name(stem: &str) -> Option<NameInfo> {
    let parts: Vec<&str> = stem.split(['-', '_']).collect();
    let at = parts
        .iter()
        .position(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))?;
    let prefix = &parts[..at];
    if prefix.is_empty() || !prefix.iter().all(|p| p.chars().all(char::is_alphabetic)) {
        return None;
    }
    let digits = parts[at];
    let says_kind = prefix.iter().any(|p| {
        matches!(
            p.to_ascii_lowercase().as_str(),
            "adr" | "rfc" | "dr" | "madr" | "decision" | "adrs"
        )
    });
    let padded = digits.len() >= 3 && digits.starts_with('0');
    if !(says_kind || padded) || digits.len() > 9 {
        return None;
    }
    let offset: usize = parts[..at].iter().map(|p| p.len() + 1).sum::<usize>() + digits.len();
    let rest = stem[offset..].trim_start_matches(['-', '_']);
    Some(NameInfo {
        number: digits.parse().ok(),
        date_iso: None,
        slug: rest.to_string(),
    })
}

/// `YYYYMMDD-rest`, `YYYY-MM-DD-rest` or `YYYYMMDDhhmmss-rest` (also with `_`), checked to be
/// a plausible date.
fn leading_date(stem: &str) -> Option<(String, &str)> {
    let b = stem.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let sep = |i: usize| matches!(b.get(i), Some(b'-' | b'_'));
    // A migration-style timestamp, `YYYYMMDDhhmm` or `YYYYMMDDhhmmss`, dates the record by its
    // day.
    let time_ok = |at: usize, len: usize| {
        let part = |i: usize| stem[at + i..at + i + 2].parse::<u32>().unwrap_or(99);
        part(0) < 24 && part(2) < 60 && (len == 4 || part(4) < 60)
    };
    let stamp = [6, 4]
        .into_iter()
        .find(|&len| (0..8 + len).all(digit) && sep(8 + len) && time_ok(8, len));
    let (y, m, d, rest_at) = if let Some(len) = stamp {
        (&stem[0..4], &stem[4..6], &stem[6..8], 9 + len)
    } else if (0..8).all(digit) && sep(8) {
        (&stem[0..4], &stem[4..6], &stem[6..8], 9)
    } else if (0..4).all(digit)
        && sep(4)
        && digit(5)
        && digit(6)
        && sep(7)
        && digit(8)
        && digit(9)
        && sep(10)
    {
        (&stem[0..4], &stem[5..7], &stem[8..10], 11)
    } else {
        return None;
    };
    let date = format!("{y}-{m}-{d}");
    chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok()?;
    Some((date, &stem[rest_at..]))
}

/// `YYYYMM-rest` (also with `_`): six digits that are a year of this or the last century and a
/// month.
fn leading_year_month(stem: &str) -> Option<&str> {
    let b = stem.as_bytes();
    if b.len() < 8 || !b[..6].iter().all(u8::is_ascii_digit) || !matches!(b[6], b'-' | b'_') {
        return None;
    }
    let month: u32 = stem[4..6].parse().ok()?;
    let century_ok = matches!(&stem[..2], "19" | "20");
    (century_ok && (1..=12).contains(&month)).then(|| &stem[7..])
}

/// The slug adr-tools makes: every run of characters that are not ASCII letters or digits becomes
/// one `-`, the result is lower-cased and trimmed of leading and trailing `-`.
/// (`echo -n $title | tr -Ccs [:alnum:] - | tr [:upper:] [:lower:]` in a byte-wise locale.)
pub fn slug_ascii(title: &str) -> String {
    slug_with(title, |c| c.is_ascii_alphanumeric())
}

/// A slug that keeps letters and digits of every script, so `添加 E2E 测试` gives
/// `添加-e2e-测试` instead of adr-tools' `e2e`. Identical to [`slug_ascii`] for ASCII titles.
pub fn slug_unicode(title: &str) -> String {
    slug_with(title, char::is_alphanumeric)
}

fn slug_with(title: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(title.len());
    let mut pending_dash = false;
    for c in title.chars() {
        if keep(c) {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out
}

/// The longest file name, in bytes, that common file systems (ext4, APFS, NTFS in UTF-16 units)
/// take.
const NAME_MAX: usize = 255;

/// A record file name: the number zero-padded to four digits, then the slug. A slug too long
/// for a file name is cut at a character, and never left ending in `-`, so a long title still
/// gets a file rather than `File name too long`.
pub fn record_file_name(number: u32, slug: &str) -> String {
    let room = NAME_MAX - format!("{number:04}-.md").len();
    let slug = if slug.len() > room {
        let end = (0..=room)
            .rev()
            .find(|&i| slug.is_char_boundary(i))
            .unwrap_or(0);
        slug[..end].trim_end_matches('-')
    } else {
        slug
    };
    if slug.is_empty() {
        format!("{number:04}.md")
    } else {
        format!("{number:04}-{slug}.md")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_after_a_series_prefix() {
        let n = |s: &str| parse_record_name(s).and_then(|i| i.number);
        assert_eq!(n("ODH-ADR-0003-use-apache-2-0-licence"), Some(3));
        assert_eq!(n("ODH-ADR-Operator-0002-operator-scope"), Some(2));
        assert_eq!(
            parse_record_name("ODH-ADR-0003-use-apache").map(|i| i.slug),
            Some("use-apache".to_string())
        );
        assert_eq!(n("use-http2-for-x"), None);
        assert_eq!(n("iso-8601-dates"), None);
    }

    #[test]
    fn reads_every_numbering_scheme_in_the_corpus() {
        let n = |s: &str| parse_record_name(s).and_then(|i| i.number);
        assert_eq!(n("0001-record-architecture-decisions"), Some(1));
        assert_eq!(n("048-per-business-unit-clusters"), Some(48));
        assert_eq!(n("adr-105-refactor-mempool-senders"), Some(105));
        assert_eq!(n("adr003-avoid-default-exports"), Some(3));
        assert_eq!(n("0000-use-markdown"), Some(0));
        assert_eq!(n("adr-108-e2e-abci++"), Some(108));
        assert_eq!(n("README"), None);
        assert_eq!(n("template"), None);
        assert_eq!(n("12abc"), None);
    }

    #[test]
    fn dated_names_carry_a_date_and_no_number() {
        let info = parse_record_name("20200927-avoid-react-fc-type").unwrap();
        assert_eq!(info.number, None);
        assert_eq!(info.date_iso.as_deref(), Some("2020-09-27"));
        assert_eq!(info.slug, "avoid-react-fc-type");
        let info = parse_record_name("2023-03-27_private_properties").unwrap();
        assert_eq!(info.date_iso.as_deref(), Some("2023-03-27"));
        // A migration-style timestamp dates the record by its day.
        let info = parse_record_name("20240516132303-add-index").unwrap();
        assert_eq!(info.number, None);
        assert_eq!(info.date_iso.as_deref(), Some("2024-05-16"));
        assert_eq!(info.slug, "add-index");
        assert_eq!(
            parse_record_name("202405161323-x")
                .unwrap()
                .date_iso
                .as_deref(),
            Some("2024-05-16")
        );
        // Not a real date: read as a plain number instead.
        assert_eq!(
            parse_record_name("20201399-x").unwrap().number,
            Some(20201399)
        );
    }

    #[test]
    fn slugs_match_adr_tools_for_ascii() {
        assert_eq!(slug_ascii("Use MySQL Database"), "use-mysql-database");
        assert_eq!(
            slug_ascii("  Something with \"funny\" characters & stuff! "),
            "something-with-funny-characters-stuff"
        );
        assert_eq!(slug_ascii("添加 E2E 测试"), "e2e");
        assert_eq!(slug_unicode("添加 E2E 测试"), "添加-e2e-测试");
        assert_eq!(slug_unicode("Café au lait"), "café-au-lait");
        assert_eq!(slug_unicode("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug_unicode("a\0b\nc"), "a-b-c");
    }

    #[test]
    fn file_names_are_zero_padded() {
        assert_eq!(record_file_name(7, "x"), "0007-x.md");
        assert_eq!(record_file_name(12345, "x"), "12345-x.md");
        assert_eq!(record_file_name(3, ""), "0003.md");
    }

    #[test]
    fn long_slugs_are_cut_to_fit_a_file_name() {
        let slug = slug_unicode(&"测试 word ".repeat(40));
        let name = record_file_name(12, &slug);
        assert!(
            name.len() <= 255 && name.len() > 240,
            "{} {name}",
            name.len()
        );
        assert!(name.starts_with("0012-测试-word-") && name.ends_with(".md"));
        assert!(!name.ends_with("-.md"), "{name}");
        assert_eq!(record_file_name(12, &"a".repeat(300)).len(), 255);
        assert_eq!(record_file_name(12, &"a".repeat(247)).len(), 255);
    }
}
