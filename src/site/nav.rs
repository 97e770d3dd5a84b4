//! The reading order of each project's log, newest first, as the decision log page, the
//! sidebar of every record page and its previous / next links show it.

use super::links::Entry;

/// Records in a record page's sidebar when its project has more: the ones around it.
pub const SIDEBAR: usize = 16;

/// Each project's records newest first, and where each record stands in that order.
#[derive(Debug, Default)]
pub struct Nav {
    order: Vec<Vec<usize>>,
    at: Vec<usize>,
}

/// Entry indices sorted by `key` (an ISO date), newest first, then by number, highest first.
pub fn newest_first(entries: &[Entry<'_>], key: impl Fn(usize) -> Option<String>) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..entries.len()).collect();
    idx.sort_by_cached_key(|&i| std::cmp::Reverse((key(i), entries[i].rec.number)));
    idx
}

impl Nav {
    pub fn new(entries: &[Entry<'_>], projects: usize) -> Nav {
        let mut order = vec![Vec::new(); projects];
        let by_date = newest_first(entries, |i| entries[i].rec.sort_date().map(str::to_string));
        for i in by_date {
            order[entries[i].project].push(i);
        }
        let mut at = vec![0; entries.len()];
        for list in &order {
            for (k, &i) in list.iter().enumerate() {
                at[i] = k;
            }
        }
        Nav { order, at }
    }

    /// The records of `i`'s project to list beside it: all of them when they are few, else
    /// [`SIDEBAR`] around it (each page stays small, and a build linear in the records).
    pub fn sidebar(&self, project: usize, i: usize) -> &[usize] {
        let list = &self.order[project];
        if list.len() <= SIDEBAR {
            return list;
        }
        let start = self.at[i]
            .saturating_sub(SIDEBAR / 2)
            .min(list.len() - SIDEBAR);
        &list[start..start + SIDEBAR]
    }

    /// How many records project `project` has.
    pub fn len(&self, project: usize) -> usize {
        self.order[project].len()
    }

    /// The record after `i` in its project's log, newest first: the one before it in time.
    pub fn older(&self, project: usize, i: usize) -> Option<usize> {
        self.order[project].get(self.at[i] + 1).copied()
    }

    /// The record before `i` in its project's log: the next one in time.
    pub fn newer(&self, project: usize, i: usize) -> Option<usize> {
        let k = self.at[i].checked_sub(1)?;
        self.order[project].get(k).copied()
    }
}
