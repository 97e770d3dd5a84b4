//! The organisation's business goals (`[[goals]]`) and its rules for deciding (`[governance]`):
//! how many approvals a decision needs before it is accepted, and whose.

use serde::{Deserialize, Deserializer, Serialize};

/// A business goal decisions serve: `[[goals]]` with `id`, `name` and `metric`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Goal {
    /// What records name in `goals: [...]`.
    pub id: String,
    /// The goal in words ("Checkout conversion"); the id when not given.
    pub name: Option<String>,
    /// The measure that shows progress ("orders / sessions, weekly").
    pub metric: Option<String>,
}

impl Goal {
    /// The goal's name, else its id.
    pub fn title(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// The `[governance]` table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct GovernanceConfig {
    /// Approvals needed before `adr status REF accepted`; with `approvers` and no count, every
    /// approver named.
    pub approvals: Option<u32>,
    /// Whose approvals count: `["Ana", "Bo"]`, or `"deciders"` for each record's own deciders;
    /// anyone's when not given.
    pub approvers: Option<Approvers>,
    /// Seconds each `adr check --confirm` command may run before it is stopped (default 600).
    pub confirm_timeout: Option<u64>,
}

impl GovernanceConfig {
    /// How long each `adr check --confirm` command may run (default 600 s).
    pub fn confirm_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.confirm_timeout.unwrap_or(600))
    }
}

/// Whose approval counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approvers {
    /// These people (compared without regard to case).
    Names(Vec<String>),
    /// The record's own `deciders`.
    Deciders,
}

impl Serialize for Approvers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Approvers::Names(names) => names.serialize(s),
            Approvers::Deciders => s.serialize_str("deciders"),
        }
    }
}

impl<'de> Deserialize<'de> for Approvers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Approvers, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Names(Vec<String>),
            Word(String),
        }
        match Raw::deserialize(d) {
            Ok(Raw::Names(names)) => Ok(Approvers::Names(names)),
            Ok(Raw::Word(w)) if w.trim().eq_ignore_ascii_case("deciders") => {
                Ok(Approvers::Deciders)
            }
            _ => Err(serde::de::Error::custom(
                "`approvers` is a list of names (`[\"Ana\", \"Bo\"]`) or \"deciders\" (each \
                 record's deciders)",
            )),
        }
    }
}

/// The goals declared twice or without an id, as a message for the config error.
pub fn goal_problem(goals: &[Goal]) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    for g in goals {
        if g.id.trim().is_empty() {
            return Some("every [[goals]] entry needs an `id`".into());
        }
        if !seen.insert(g.id.trim()) {
            return Some(format!("goal id `{}` is declared twice", g.id));
        }
    }
    None
}
