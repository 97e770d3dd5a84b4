//! `adr schema`: the JSON Schema of the structured format's front matter, for editors.

use crate::error::exit;
use clap::Args;

/// Print the JSON Schema of the structured format's front matter.
#[derive(Debug, Args)]
pub struct SchemaArgs {}

pub fn run(_args: SchemaArgs) -> anyhow::Result<u8> {
    crate::cmd::print(crate::template::RECORD_SCHEMA)?;
    Ok(exit::OK)
}
