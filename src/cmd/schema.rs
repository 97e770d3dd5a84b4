//! `adr schema`: the JSON Schema of the structured format's front matter, for editors.

use crate::error::exit;
use clap::Args;

/// The JSON Schema of the structured front matter (point an editor's YAML plugin at it).
pub const SCHEMA: &str = include_str!("../../templates/schema/record.schema.json");

/// Print the JSON Schema of the structured format's front matter.
#[derive(Debug, Args)]
pub struct SchemaArgs {}

pub fn run(_args: SchemaArgs) -> anyhow::Result<u8> {
    crate::cmd::print(SCHEMA)?;
    Ok(exit::OK)
}
