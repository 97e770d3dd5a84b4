//! `adr new`: create the next numbered record and open it in the editor.

use crate::cli::GlobalArgs;
use crate::create::{self, NewRecord};
use crate::error::{Error, exit};
use crate::repo::Repo;
use clap::Args;

/// Create a new, numbered record and open it in $VISUAL or $EDITOR; prints its path.
#[derive(Debug, Args)]
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
    #[arg(long)]
    pub status: Option<String>,
    /// A tag (structured and MADR formats); repeatable.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// A path glob of the code this decision governs (structured format); repeatable.
    #[arg(long = "scope", value_name = "GLOB")]
    pub scope: Vec<String>,
    /// A person who made the decision (structured format); repeatable.
    #[arg(long = "decider", value_name = "NAME")]
    pub deciders: Vec<String>,
}

pub fn run(args: NewArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    if !args.supersedes.is_empty() || !args.links.is_empty() {
        return Err(Error::Usage(
            "-s and -l are not available yet in this version: create the record, then link it \
             by hand"
                .into(),
        )
        .into());
    }
    let repo = Repo::discover(global.dir.as_deref())?;
    let spec = NewRecord {
        title: args.title.join(" "),
        status: args.status,
        date: None,
        tags: args.tags,
        scope: args.scope,
        deciders: args.deciders,
        template_text: None,
    };
    let created = create::create(&repo, &spec)?;
    create::open_editor(&created.path)?;
    crate::cmd::print(&format!("{}\n", created.path.display()))?;
    Ok(exit::OK)
}
