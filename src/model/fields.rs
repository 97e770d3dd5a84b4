//! The fields of a record as a reader sees them, and which of them differ between two readings
//! of one record: the one comparison behind every "the text still reads as the same record"
//! check (an edit read back, a conversion read back).

use super::{Link, Record, StatusChange};

/// A field of a record as a person names it: what a reading of the file gives, not where in
/// the file it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Format,
    Number,
    Title,
    Status,
    StatusHistory,
    Date,
    Deciders,
    Consulted,
    Informed,
    Tags,
    Scope,
    Constraints,
    QualityAttributes,
    Options,
    Context,
    Drivers,
    Links,
    Goals,
    ReviewBy,
    RevisitWhen,
    Approvals,
    Confirmation,
}

impl Field {
    /// The field in words, for messages: `status history`, `review date`.
    pub fn name(self) -> &'static str {
        match self {
            Field::Format => "format",
            Field::Number => "number",
            Field::Title => "title",
            Field::Status => "status",
            Field::StatusHistory => "status history",
            Field::Date => "date",
            Field::Deciders => "deciders",
            Field::Consulted => "consulted",
            Field::Informed => "informed",
            Field::Tags => "tags",
            Field::Scope => "scope",
            Field::Constraints => "constraints",
            Field::QualityAttributes => "quality attributes",
            Field::Options => "options",
            Field::Context => "context",
            Field::Drivers => "drivers",
            Field::Links => "links",
            Field::Goals => "goals",
            Field::ReviewBy => "review date",
            Field::RevisitWhen => "revisit trigger",
            Field::Approvals => "approvals",
            Field::Confirmation => "confirmation",
        }
    }

    /// `fields` in words, joined: `status, links`.
    pub fn names(fields: &[Field]) -> String {
        let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
        names.join(", ")
    }
}

/// A history entry without the line it was read from: date, state, words, by, forced.
pub type Entry<'r> = (
    &'r str,
    &'r super::Lifecycle,
    &'r str,
    Option<&'r str>,
    Option<&'r str>,
);

impl Record {
    /// The fields whose readings differ between `self` and `other`, in [`Field`] order. Where a
    /// thing was read (lines, the body text, the front matter as data, the path) is not a
    /// reading and is not compared; links are compared as a set of (kind, target), since their
    /// labels and order are how the file writes them. Callers take out what they asked to
    /// change.
    pub fn fields_differing(&self, other: &Record) -> Vec<Field> {
        // Every field is named here, without `..`, so that a field added to `Record` cannot be
        // forgotten: the compiler asks whether it is a reading to compare.
        let Record {
            number,
            // Where the number is stated moves between formats; `number` is what readers use.
            number_in_file: _,
            id: _,
            title,
            status,
            status_history,
            date,
            date_iso,
            // Evidence for reading the log's numeric dates; the dates read are compared.
            day_order: _,
            date_month_first: _,
            deciders,
            consulted,
            informed,
            tags,
            scope,
            constraints,
            quality_attributes,
            options,
            context,
            drivers,
            links,
            goals,
            review_by,
            revisit_when,
            approvals,
            confirmation,
            format,
            front_matter: _,
            body: _,
            body_line: _,
            key_lines: _,
            path: _,
        } = self;
        let state =
            |s: &Option<super::Status>| s.as_ref().map(|s| (s.state.clone(), s.raw.clone()));
        let checks = [
            (Field::Format, *format == other.format),
            (Field::Number, *number == other.number),
            (Field::Title, *title == other.title),
            (Field::Status, state(status) == state(&other.status)),
            (
                Field::StatusHistory,
                history(status_history) == other.history(),
            ),
            (
                Field::Date,
                *date == other.date && *date_iso == other.date_iso,
            ),
            (Field::Deciders, *deciders == other.deciders),
            (Field::Consulted, *consulted == other.consulted),
            (Field::Informed, *informed == other.informed),
            (Field::Tags, *tags == other.tags),
            (Field::Scope, *scope == other.scope),
            (Field::Constraints, *constraints == other.constraints),
            (
                Field::QualityAttributes,
                *quality_attributes == other.quality_attributes,
            ),
            (Field::Options, *options == other.options),
            (Field::Context, *context == other.context),
            (Field::Drivers, *drivers == other.drivers),
            (Field::Links, pairs(links) == other.link_pairs()),
            (Field::Goals, *goals == other.goals),
            (Field::ReviewBy, *review_by == other.review_by),
            (Field::RevisitWhen, *revisit_when == other.revisit_when),
            (Field::Approvals, *approvals == other.approvals),
            (Field::Confirmation, *confirmation == other.confirmation),
        ];
        checks
            .into_iter()
            .filter(|(_, same)| !same)
            .map(|(f, _)| f)
            .collect()
    }

    /// The links as (kind, target), sorted: what a link says, whatever its label or place.
    pub fn link_pairs(&self) -> Vec<(&str, &str)> {
        pairs(&self.links)
    }

    /// The status history without the lines its entries were read from.
    pub fn history(&self) -> Vec<Entry<'_>> {
        history(&self.status_history)
    }
}

fn pairs(links: &[Link]) -> Vec<(&str, &str)> {
    let mut v: Vec<(&str, &str)> = links.iter().map(Link::pair).collect();
    v.sort_unstable();
    v
}

fn history(changes: &[StatusChange]) -> Vec<Entry<'_>> {
    changes.iter().map(StatusChange::entry).collect()
}

impl Link {
    /// (kind, target): the relation and what it points at.
    pub fn pair(&self) -> (&str, &str) {
        (self.kind.as_str(), self.target.as_str())
    }
}

impl StatusChange {
    /// (date, state, words, by, forced): the entry without its line.
    fn entry(&self) -> Entry<'_> {
        (
            &self.date,
            &self.status,
            &self.raw,
            self.by.as_deref(),
            self.forced.as_deref(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Approval, Lifecycle, Status};

    fn record() -> Record {
        Record {
            number: Some(3),
            title: Some("Use X".into()),
            status: Some(Status {
                state: Lifecycle::Accepted,
                raw: "Accepted".into(),
                line: 5,
            }),
            date_iso: Some("2026-01-02".into()),
            links: vec![Link {
                kind: "amends".into(),
                label: "Amends".into(),
                target: "0002-y.md".into(),
                text: None,
                line: 7,
            }],
            body: "# 3. Use X\n".into(),
            ..Record::default()
        }
    }

    #[test]
    fn where_a_reading_came_from_is_no_difference() {
        let a = record();
        let mut b = record();
        b.body = "# 3. Use X\n\nMore.\n".into();
        b.status.as_mut().unwrap().line = 9;
        b.links[0].line = 12;
        b.links[0].label = "amends".into();
        b.key_lines = vec![("status".into(), 2)];
        b.number_in_file = Some(3);
        assert_eq!(a.fields_differing(&b), []);
    }

    #[test]
    fn each_reading_that_differs_is_named() {
        let a = record();
        let mut b = record();
        b.status.as_mut().unwrap().raw = "accepted".into();
        b.date = Some("2 Jan 2026".into());
        b.links[0].target = "0004-z.md".into();
        b.approvals.push(Approval {
            by: "Ana".into(),
            date: None,
        });
        b.review_by = Some("2027-01-01".into());
        let differ = a.fields_differing(&b);
        assert_eq!(
            differ,
            [
                Field::Status,
                Field::Date,
                Field::Links,
                Field::ReviewBy,
                Field::Approvals
            ]
        );
        assert_eq!(
            Field::names(&differ),
            "status, date, links, review date, approvals"
        );
    }
}
