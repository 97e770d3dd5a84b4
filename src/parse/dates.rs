//! Which comes first, day or month, in the numeric dates of a decision log (`10/6/21`,
//! `04/08/2020`): read the way the log's authors write them.
//!
//! A person reading a log knows its convention from the log as a whole: one record writing
//! `10/25/21` shows that its team writes the month first, one writing `25/10/21` that it writes
//! the day first, and the log's other numeric dates follow. The parser settles what a record's
//! own dates show ([`evidence`]) and keeps the month-first reading of a date they leave open;
//! [`settle`] then decides those by the whole log. Dates with no evidence anywhere stay
//! day-first, as adr-tools wrote them. Locale and file names are never a guide.

use super::words::numeric_day_order;
use crate::model::{DayOrder, Record};

/// What the numeric dates `texts` show: the order most of those that read only one way use
/// (`13/03/2021` day-first, `03/13/2021` month-first), day-first on a tie, `None` when every
/// one reads either way or none is numeric.
pub fn evidence<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<DayOrder> {
    let (mut day, mut month) = (0usize, 0usize);
    for t in texts {
        match numeric_day_order(t) {
            Some(DayOrder::DayFirst) => day += 1,
            Some(DayOrder::MonthFirst) => month += 1,
            None => {}
        }
    }
    match (day, month) {
        (0, 0) => None,
        _ if month > day => Some(DayOrder::MonthFirst),
        _ => Some(DayOrder::DayFirst),
    }
}

/// The convention of a log: month-first when more of its records show month-first than
/// day-first, else day-first (with no evidence at all, as adr-tools wrote dates).
pub fn log_order(records: &[Record]) -> DayOrder {
    let count = |o: DayOrder| records.iter().filter(|r| r.day_order == Some(o)).count();
    if count(DayOrder::MonthFirst) > count(DayOrder::DayFirst) {
        DayOrder::MonthFirst
    } else {
        DayOrder::DayFirst
    }
}

/// Reads the dates the records of one log left open in the log's convention ([`log_order`]).
/// Every way a log is assembled for a command calls this once, after reading its records.
pub fn settle(records: &mut [Record]) {
    if log_order(records) == DayOrder::MonthFirst {
        for r in records.iter_mut() {
            if let Some(d) = r.date_month_first.take() {
                r.date_iso = Some(d);
            }
        }
    }
}

/// A record read again on its own (in full, or after an edit) takes the reading `settled`, the
/// same record as its log read it, was settled to, while its date still reads that way.
pub fn follow(record: &mut Record, settled: &Record) {
    if record.date_month_first.is_some() && record.date_month_first == settled.date_iso {
        record.date_iso = record.date_month_first.take();
    }
}

/// The first record of a log whose own dates show day-first and the first that show
/// month-first, when it has both: the log mixes conventions, and its open dates follow the
/// majority.
pub fn mixed(records: &[Record]) -> Option<(&Record, &Record)> {
    let first = |o: DayOrder| records.iter().find(|r| r.day_order == Some(o));
    Some((first(DayOrder::DayFirst)?, first(DayOrder::MonthFirst)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, written: &str) -> Record {
        let name = crate::names::parse_record_name(id).unwrap();
        let text = format!("# 1. A decision\n\nDate: {written}\n\n## Status\n\nAccepted\n");
        super::super::parse_record(std::path::Path::new(id), id, &name, &text).0
    }

    fn dates(records: &[Record]) -> Vec<&str> {
        records
            .iter()
            .map(|r| r.date_iso.as_deref().unwrap_or("-"))
            .collect()
    }

    #[test]
    fn one_month_first_date_settles_the_logs_open_dates() {
        let mut log = [record("0001-a", "04/08/2020"), record("0002-b", "10/25/21")];
        settle(&mut log);
        assert_eq!(dates(&log), ["2020-04-08", "2021-10-25"]);
        // Settling twice changes nothing.
        settle(&mut log);
        assert_eq!(dates(&log), ["2020-04-08", "2021-10-25"]);
    }

    #[test]
    fn open_dates_stay_day_first_without_evidence_or_with_day_first_evidence() {
        let mut alone = [
            record("0001-a", "04/08/2020"),
            record("0002-b", "2021-10-25"),
        ];
        settle(&mut alone);
        assert_eq!(dates(&alone), ["2020-08-04", "2021-10-25"]);
        let mut uk = [record("0001-a", "04/08/2020"), record("0002-b", "25/10/21")];
        settle(&mut uk);
        assert_eq!(dates(&uk), ["2020-08-04", "2021-10-25"]);
        assert!(mixed(&uk).is_none());
    }

    #[test]
    fn a_mixed_log_follows_its_majority_and_names_one_record_each_way() {
        let mut log = [
            record("0001-a", "25/10/21"),
            record("0002-b", "10/26/21"),
            record("0003-c", "10/27/21"),
            record("0004-d", "03/04/2022"),
        ];
        settle(&mut log);
        assert_eq!(dates(&log)[3], "2022-03-04");
        let (day, month) = mixed(&log).unwrap();
        assert_eq!((day.id.as_str(), month.id.as_str()), ("0001-a", "0002-b"));
    }

    #[test]
    fn a_record_read_again_follows_its_settled_reading() {
        let mut log = [record("0001-a", "04/08/2020"), record("0002-b", "10/25/21")];
        settle(&mut log);
        let mut again = record("0001-a", "04/08/2020");
        follow(&mut again, &log[0]);
        assert_eq!(again.date_iso.as_deref(), Some("2020-04-08"));
        // Changed since: its own reading stands.
        let mut changed = record("0001-a", "05/08/2020");
        follow(&mut changed, &log[0]);
        assert_eq!(changed.date_iso.as_deref(), Some("2020-08-05"));
    }
}
