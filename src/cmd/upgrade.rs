//! `adr upgrade-repository`: adr-tools' migration of `Date: dd/mm/yyyy` to ISO 8601.

use super::cli::GlobalArgs;
use crate::error::exit;
use crate::fsx;
use crate::lifecycle;
use crate::model::DayOrder;
use clap::Args;

/// Upgrade records to the current format: `Date: 12/01/1992` becomes `Date: 1992-01-12`.
#[derive(Debug, Args)]
pub struct UpgradeArgs {}

/// The first `Date: dd/mm/yyyy` on the line, rewritten as `sed -E 's+...+...+'` does; in a log
/// whose dates are month-first ([`crate::parse::dates`]) the two parts are read the other way.
fn upgrade_line(line: &str, order: DayOrder) -> Option<String> {
    let mut from = 0;
    while let Some(at) = line[from..].find("Date: ").map(|i| from + i) {
        let d = &line.as_bytes()[at + 6..];
        let digit = |i: usize| d.get(i).is_some_and(u8::is_ascii_digit);
        if [0, 1, 3, 4, 6, 7, 8, 9].iter().all(|&i| digit(i))
            && d.get(2) == Some(&b'/')
            && d.get(5) == Some(&b'/')
        {
            let s = &line[at + 6..at + 16];
            let (day, month) = match order {
                DayOrder::DayFirst => (&s[0..2], &s[3..5]),
                DayOrder::MonthFirst => (&s[3..5], &s[0..2]),
            };
            let iso = format!("{}-{month}-{day}", &s[6..10]);
            return Some(format!("{}Date: {iso}{}", &line[..at], &line[at + 16..]));
        }
        from = at + 6;
    }
    None
}

pub fn upgrade_text(text: &str, order: DayOrder) -> String {
    text.split_inclusive('\n')
        .map(|l| upgrade_line(l, order).unwrap_or_else(|| l.to_string()))
        .collect()
}

pub fn run(_args: UpgradeArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let repo = global.repo()?;
    let (_lock, log) = lifecycle::lock_and_load(&repo)?;
    let order = crate::parse::dates::log_order(&log.records);
    for record in log.records.iter().filter(|r| r.path.starts_with(&repo.dir)) {
        let Ok(text) = std::fs::read_to_string(&record.path) else {
            continue;
        };
        // A record's own `Date: 13/08/2020` shows its order before the log's does.
        let new = upgrade_text(&text, record.day_order.unwrap_or(order));
        if new != text {
            fsx::write_atomic(&record.path, new.as_bytes())?;
        }
    }
    Ok(exit::OK)
}

#[cfg(test)]
mod tests {
    use crate::model::DayOrder;

    #[test]
    fn rewrites_the_first_old_date_on_a_line() {
        assert_eq!(
            super::upgrade_text("Date: 12/01/1992\nDate: 1992-01-12\n", DayOrder::DayFirst),
            "Date: 1992-01-12\nDate: 1992-01-12\n"
        );
        assert_eq!(
            super::upgrade_text("Date: 04/08/2020\n", DayOrder::MonthFirst),
            "Date: 2020-04-08\n"
        );
    }
}
