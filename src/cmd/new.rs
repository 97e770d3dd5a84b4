//! `adr new`: create the next numbered record and open it in the editor.

use super::cli::GlobalArgs;
use crate::create::{self, LinkSpec, NewRecord};
use crate::error::exit;
use clap::Args;

/// Create a new, numbered record and open it in $VISUAL or $EDITOR; prints its path.
#[derive(Debug, Default, Args)]
pub struct NewArgs {
    /// The title; the words are joined with spaces.
    #[arg(
        value_name = "TITLE",
        trailing_var_arg = true,
        allow_hyphen_values = false
    )]
    pub title: Vec<String>,
    /// A record this one supersedes (number, file name or title fragment); repeatable.
    #[arg(short = 's', long = "supersedes", value_name = "REF")]
    pub supersedes: Vec<String>,
    /// A typed link, `TARGET:LINK:REVERSE-LINK` (e.g. `5:Amends:Amended by`); repeatable.
    #[arg(short = 'l', long = "link", value_name = "TARGET:LINK:REVERSE")]
    pub links: Vec<String>,
    /// Initial status (default: Accepted for adr-tools records, proposed otherwise).
    #[arg(long, value_parser = crate::lifecycle::rules::status_word)]
    pub status: Option<String>,
    /// Tags (structured and MADR formats): `--tag infra,ops` or `--tag infra --tag ops`.
    #[arg(long = "tag", value_name = "TAG", value_delimiter = ',')]
    pub tags: Vec<String>,
    /// A path glob of the code this decision governs (structured format); repeatable.
    #[arg(long = "scope", value_name = "GLOB")]
    pub scope: Vec<String>,
    /// A person who made the decision (`deciders` in the structured format, MADR's
    /// `decision-makers`); repeatable.
    #[arg(long = "decider", value_name = "NAME")]
    pub deciders: Vec<String>,
    /// Write the record from template NAME: `NAME.md` in the folder `templates` names in
    /// .adr.toml, or in the decision folder's `templates`.
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// Ask for the context, decision drivers, constraints, quality attributes and options on
    /// the terminal and write them as a complete structured record (offered on a terminal when
    /// no editor is set).
    #[arg(short, long)]
    pub interactive: bool,
    /// Set by `adr supersede`: start with the superseded records' tags, scope and deciders.
    #[arg(skip)]
    pub carry: bool,
}

pub fn run(args: NewArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let shell = global.shell();
    let repo = global.repo()?;
    let links = args
        .links
        .iter()
        .map(|l| LinkSpec::parse(l))
        .collect::<Result<Vec<_>, _>>()?;
    let accepted = args
        .status
        .as_deref()
        .map(crate::parse::words::normalise_status)
        == Some(crate::model::Lifecycle::Accepted);
    let state = crate::governance::approvals_by([], &args.deciders, &repo.config.governance);
    if accepted && !state.complete() {
        return Err(crate::error::Error::Usage(format!(
            "not creating an accepted record: [governance] asks for {} approval(s) before \
             acceptance; create it proposed, then `adr approve` it and `adr status N accepted`",
            state.needed
        ))
        .into());
    }
    let mut spec = NewRecord {
        title: args.title.join(" "),
        status: args.status,
        date: None,
        tags: args.tags,
        scope: args.scope,
        deciders: args.deciders,
        template_text: None,
        template: args.template,
        carry: args.carry,
        text: None,
        ..NewRecord::default()
    };
    let guided = args.interactive || create::guided::offered(&repo)?;
    if guided {
        create::guided::author(&repo, &mut spec)?;
    }
    let created = if args.supersedes.is_empty() && links.is_empty() {
        create::create(&repo, &spec)?
    } else {
        let done = create::create_linked(&repo, &spec, &args.supersedes, &links)?;
        done.notes.into_iter().for_each(|n| shell.note(n));
        done.created
    };
    if let Some(note) = create::other_logs_note(&repo) {
        shell.note(note);
    }
    if guided {
        crate::cmd::print(&create::guided::shown(&created.path))?;
    } else {
        crate::editor::open(&created.path)?;
    }
    crate::cmd::print(&format!("{}\n", created.path.display()))?;
    Ok(exit::OK)
}
