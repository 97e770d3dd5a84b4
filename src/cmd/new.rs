//! `adr new`: create the next numbered record and open it in the editor.

use crate::cli::GlobalArgs;
use crate::create::{self, Created, NewRecord};
use crate::error::{Error, exit};
use crate::lifecycle::{self, Compat, Workspace};
use crate::repo::Repo;
use crate::resolve;
use crate::shell::Shell;
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
    #[arg(long, value_parser = super::status::status_word)]
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
    let shell = global.shell();
    let repo = Repo::discover(global.dir.as_deref())?;
    let links = args
        .links
        .iter()
        .map(|l| parse_link(l))
        .collect::<Result<Vec<_>, _>>()?;
    let spec = NewRecord {
        title: args.title.join(" "),
        status: args.status,
        date: None,
        tags: args.tags,
        scope: args.scope,
        deciders: args.deciders,
        template_text: None,
    };
    let created = if args.supersedes.is_empty() && links.is_empty() {
        create::create(&repo, &spec)?
    } else {
        create_linked(&repo, &spec, &args.supersedes, &links, &shell)?
    };
    if !repo.others.is_empty() {
        let others: Vec<String> = repo
            .others
            .iter()
            .map(|d| d.display().to_string())
            .collect();
        let verb = if others.len() == 1 { "holds" } else { "hold" };
        shell.note(format_args!(
            "note: {} also {verb} records; this one went to {}, the first in discovery order \
             (run `adr init --dir FOLDER` to pick the log for good)",
            others.join(", "),
            repo.dir.display()
        ));
    }
    create::open_editor(&created.path)?;
    crate::cmd::print(&format!("{}\n", created.path.display()))?;
    Ok(exit::OK)
}

/// A `-l TARGET:LINK:REVERSE` option, split as adr-tools splits it (`cut -d :`).
struct LinkSpec {
    target: String,
    link: String,
    reverse: String,
}

fn parse_link(spec: &str) -> Result<LinkSpec, Error> {
    let mut parts = spec.split(':');
    let target = parts.next().unwrap_or("").trim().to_string();
    let link = parts.next().unwrap_or("").to_string();
    let reverse = parts.next().unwrap_or("").to_string();
    if target.is_empty() || link.trim().is_empty() {
        return Err(Error::Usage(format!(
            "-l `{spec}`: expected TARGET:LINK:REVERSE-LINK, e.g. `5:Amends:Amended by`"
        )));
    }
    Ok(LinkSpec {
        target,
        link,
        reverse,
    })
}

/// Creates the record and links it, all under the directory lock so a concurrent `adr new`
/// or `adr supersede` can neither take the number nor lose an edit to a shared record.
fn create_linked(
    repo: &Repo,
    spec: &NewRecord,
    supersedes: &[String],
    links: &[LinkSpec],
    shell: &Shell,
) -> anyhow::Result<Created> {
    std::fs::create_dir_all(&repo.dir).map_err(|e| Error::io(&repo.dir, e))?;
    let (lock, log) = lifecycle::lock_and_load(repo)?;
    let olds = supersedes
        .iter()
        .map(|r| resolve::find(&log, r))
        .collect::<Result<Vec<_>, _>>()?;
    let targets = links
        .iter()
        .map(|l| resolve::find(&log, &l.target))
        .collect::<Result<Vec<_>, _>>()?;
    // The new record is planned in memory and written once, with its links, as the first write
    // of the change: an interruption leaves it either absent or linked (and then the records it
    // points to show the half-applied change as a one-sided link).
    let planned = create::plan_locked(repo, spec, &lock)?;
    let created = planned.created;
    let mut ws = Workspace::default();
    let new = ws.add_new(&created.path, planned.text);
    let date = create::today();
    // The same `-s` or `-l` given twice links once; the repeat is noted, not written again.
    let mut notes = Vec::new();
    for old in olds {
        let linked = lifecycle::supersede(&mut ws, &new, old, Compat::AdrTools, &date)?;
        notes.extend(super::link::note(linked, true, &new, "Supercedes", old));
    }
    for (l, target) in links.iter().zip(targets) {
        let linked = lifecycle::link(&mut ws, &new, &l.link, target, Some(&l.reverse))?;
        let asked = !l.reverse.trim().is_empty();
        notes.extend(super::link::note(linked, asked, &new, &l.link, target));
    }
    ws.commit()?;
    for note in notes {
        shell.note(note);
    }
    Ok(created)
}
