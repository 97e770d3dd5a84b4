//! Decision governance over the model: whose approvals a decision still needs, whether it is due
//! for review, how long a proposal has been open. Plain functions of a record, the config and a
//! date, shared by `check`, `status`, `list`, `review` and the site.

use crate::config::{Approvers, GovernanceConfig};
use crate::model::{Lifecycle, Record};
use chrono::NaiveDate;

/// Where a decision stands against the approvals `[governance]` asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApprovalState {
    /// Approvals needed before acceptance (0: none asked for).
    pub needed: usize,
    /// Who approved, as recorded, whose approval counts (once each).
    pub approved: Vec<String>,
    /// The people named as approvers (`approvers` or the deciders) who have not approved yet.
    pub awaiting: Vec<String>,
}

impl ApprovalState {
    /// Approvals still missing.
    pub fn short(&self) -> usize {
        self.needed.saturating_sub(self.approved.len())
    }

    /// Whether the decision has the approvals it needs.
    pub fn complete(&self) -> bool {
        self.short() == 0
    }

    /// Who is still needed, in words: `Bo, Chen` when the approvers are named and every one
    /// of them is needed, `1 more of Bo, Chen` when some of them will do, `2 more` otherwise.
    pub fn missing_text(&self) -> String {
        let short = self.short();
        if short == 0 {
            return String::new();
        }
        if self.awaiting.is_empty() {
            return format!("{short} more");
        }
        let names = self.awaiting.join(", ");
        if short >= self.awaiting.len() {
            names
        } else {
            format!("{short} more of {names}")
        }
    }

    /// `1 of 2 approvals; awaiting Bo` for messages (`1 approval(s)` when none are required).
    pub fn summary(&self) -> String {
        if self.needed == 0 {
            return format!("{} approval(s)", self.approved.len());
        }
        let mut s = format!("{} of {} approvals", self.approved.len(), self.needed);
        if !self.complete() {
            s.push_str(&format!("; awaiting {}", self.missing_text()));
        }
        s
    }
}

/// The approvals `record` has and still needs under `config`.
pub fn approvals(record: &Record, config: &GovernanceConfig) -> ApprovalState {
    let by = record.approvals.iter().map(|a| a.by.as_str());
    approvals_by(by, &record.deciders, config)
}

/// The approvals a decision with these approvers (`approved_by`, as recorded) and deciders
/// has and still needs under `config`.
pub fn approvals_by<'a>(
    approved_by: impl IntoIterator<Item = &'a str>,
    deciders: &[String],
    config: &GovernanceConfig,
) -> ApprovalState {
    let eligible: Option<&[String]> = match &config.approvers {
        None => None,
        Some(Approvers::Names(names)) => Some(names),
        Some(Approvers::Deciders) => Some(deciders),
    };
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let mut approved: Vec<String> = Vec::new();
    for by in approved_by {
        let counts = eligible.is_none_or(|names| names.iter().any(|n| same(n, by)));
        if counts && !approved.iter().any(|x| same(x, by)) {
            approved.push(by.trim().to_string());
        }
    }
    let awaiting: Vec<String> = eligible
        .unwrap_or_default()
        .iter()
        .filter(|n| !n.trim().is_empty() && !approved.iter().any(|a| same(a, n)))
        .map(|n| n.trim().to_string())
        .collect();
    let needed = match (config.approvals, eligible) {
        (Some(n), _) => n as usize,
        (None, Some(names)) => names.len(),
        (None, None) => 0,
    };
    ApprovalState {
        needed,
        approved,
        awaiting,
    }
}

/// Today for governance: `ADR_DATE` when it is a date (tests pin it), else the local date.
pub fn today() -> NaiveDate {
    std::env::var("ADR_DATE")
        .ok()
        .and_then(|d| crate::parse::words::normalise_date(&d))
        .and_then(|d| iso(&d))
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// `YYYY-MM-DD` as a date.
pub fn iso(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

fn is(record: &Record, state: &Lifecycle) -> bool {
    record.status.as_ref().is_some_and(|s| &s.state == state)
}

/// Whether an accepted decision's `review_by` date has come (on `today` or before it).
pub fn review_due(record: &Record, today: NaiveDate) -> bool {
    is(record, &Lifecycle::Accepted)
        && record
            .review_by
            .as_deref()
            .and_then(iso)
            .is_some_and(|d| d <= today)
}

/// The day a proposed decision was proposed: its latest move to `proposed` in the history,
/// else its date.
pub fn proposed_since(record: &Record) -> Option<NaiveDate> {
    if !is(record, &Lifecycle::Proposed) {
        return None;
    }
    record
        .status_history
        .iter()
        .rev()
        .find(|h| h.status == Lifecycle::Proposed)
        .and_then(|h| crate::parse::words::normalise_date(&h.date))
        .or_else(|| record.date_iso.clone())
        .and_then(|d| iso(&d))
}

/// Whole days from `since` to `today` (0 when `since` is later).
pub fn days(since: NaiveDate, today: NaiveDate) -> i64 {
    (today - since).num_days().max(0)
}

/// Whether the decision says how compliance with it is checked (`confirmation:`): enforced,
/// else advisory.
pub fn enforced(record: &Record) -> bool {
    !record.confirmation.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Approval;

    fn record(deciders: &[&str], approved: &[&str]) -> Record {
        let name = crate::names::parse_record_name("0001-x").unwrap();
        let mut r = crate::parse::parse_record(
            std::path::Path::new("0001-x.md"),
            "0001-x",
            &name,
            "---\nstatus: proposed\n---\n# X\n",
        )
        .0;
        r.deciders = deciders.iter().map(|s| s.to_string()).collect();
        r.approvals = approved
            .iter()
            .map(|b| Approval {
                by: b.to_string(),
                date: None,
            })
            .collect();
        r
    }

    fn config(approvals: Option<u32>, approvers: Option<Approvers>) -> GovernanceConfig {
        GovernanceConfig {
            approvals,
            approvers,
            confirm_timeout: None,
        }
    }

    #[test]
    fn anyone_counts_once_when_no_approvers_are_named() {
        let s = approvals(&record(&[], &["Ana", "ana "]), &config(Some(2), None));
        assert_eq!(s.approved, ["Ana"]);
        assert_eq!(s.summary(), "1 of 2 approvals; awaiting 1 more");
    }

    #[test]
    fn only_named_approvers_count_and_the_rest_are_awaited() {
        let names = Approvers::Names(vec!["Ana".into(), "Bo".into(), "Chen".into()]);
        let s = approvals(&record(&[], &["Eve", "bo"]), &config(Some(2), Some(names)));
        assert_eq!(s.approved, ["bo"]);
        assert_eq!(s.missing_text(), "1 more of Ana, Chen");
        let s = approvals(
            &record(&["Ana", "Bo"], &["Ana"]),
            &config(None, Some(Approvers::Deciders)),
        );
        assert_eq!((s.needed, s.missing_text().as_str()), (2, "Bo"));
    }

    #[test]
    fn nothing_is_needed_without_governance() {
        assert!(approvals(&record(&["Ana"], &[]), &GovernanceConfig::default()).complete());
    }
}
