//! An edit as data: byte ranges of the original text and what replaces each, planned over the
//! spans the parser reports and applied in one pass.

use std::ops::Range;

/// Replace the bytes `at` of the original text with `with` (an empty range inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub at: Range<usize>,
    pub with: String,
}

impl Splice {
    pub fn insert(at: usize, with: String) -> Splice {
        Splice { at: at..at, with }
    }
}

/// `text` with every splice of `plan` made. Splices at the same place go in plan order; ranges
/// never overlap (a plan is built from distinct spans of one parse), which debug builds assert.
pub fn apply(text: &str, mut plan: Vec<Splice>) -> String {
    plan.sort_by_key(|s| (s.at.start, s.at.end));
    let mut out =
        String::with_capacity(text.len() + plan.iter().map(|s| s.with.len()).sum::<usize>());
    let mut at = 0;
    for s in plan {
        debug_assert!(s.at.start >= at, "overlapping splices");
        let start = s.at.start.max(at);
        out.push_str(&text[at..start]);
        out.push_str(&s.with);
        at = s.at.end.max(start);
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splices_apply_in_place_and_in_order() {
        let plan = vec![
            Splice {
                at: 8..16,
                with: "accepted".into(),
            },
            Splice::insert(17, "b: 1\n".into()),
            Splice::insert(17, "c: 2\n".into()),
        ];
        assert_eq!(
            apply("status: proposed\n---\n", plan),
            "status: accepted\nb: 1\nc: 2\n---\n"
        );
    }
}
