//! The prompts, filled from the log: `write_decision` ("write a decision record for ...",
//! with the records already on the subject and the log's format) and `check_change` ("does
//! this change respect our decisions?", with the decisions governing the files). Their facts
//! come from the read tools, as JSON an agent can quote.

use super::Server;
use super::tools::read::{self, GoverningInput, SearchInput};
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{GetPromptResult, PromptMessage, Role};
use rmcp::{ErrorData, prompt, prompt_router};
use schemars::JsonSchema;
use serde::Deserialize;

/// `write_decision`'s arguments.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct WriteArgs {
    /// What is to be decided, e.g. "how we store events".
    pub topic: String,
    /// What is known so far: the problem, the forces, options in mind.
    pub context: Option<String>,
}

/// `check_change`'s arguments: the files changed, or the diff.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CheckArgs {
    /// Changed files relative to the repository's top, separated by commas or new lines.
    pub paths: Option<String>,
    /// The change as a unified diff.
    pub diff: Option<String>,
}

fn json_block(v: &serde_json::Value) -> String {
    format!(
        "```json\n{}\n```",
        serde_json::to_string_pretty(v).unwrap_or_default()
    )
}

#[prompt_router(vis = "pub(super)")]
impl Server {
    /// Write a decision record for a topic, from what the log already says about it.
    #[prompt(name = "write_decision")]
    async fn write_decision(
        &self,
        Parameters(args): Parameters<WriteArgs>,
    ) -> Result<GetPromptResult, ErrorData> {
        let write = self.state.write;
        let topic = args.topic.clone();
        let found = self
            .blocking(move |s| {
                super::tools::bounded("topic", &topic, super::tools::MAX_LINE)?;
                let query = SearchInput {
                    query: topic,
                    limit: Some(5),
                };
                // A topic of no searchable word finds nothing, which is an answer here.
                let hits = read::search(s, &query).unwrap_or(serde_json::json!({"results": []}));
                let format = s.repo()?.effective_format(None);
                Ok((hits, format))
            })
            .await
            .map_err(|e| ErrorData::invalid_params(e, None))?;
        let (hits, format) = found;
        let how = if write {
            "Then call the draft_decision tool with the record"
        } else {
            "Then write the record out for a person to add with `adr new` (this server is \
             read-only)"
        };
        let mut text = format!(
            "Write an architecture decision record for: {}\n\n",
            args.topic
        );
        if let Some(c) = args.context.as_deref().filter(|c| !c.trim().is_empty()) {
            text.push_str(&format!("What is known so far:\n{c}\n\n"));
        }
        text.push_str(&format!(
            "Records already in the log on this subject (read them with get_decision; a new \
             decision that replaces one should supersede it with supersede_decision):\n{}\n\n\
             Work out the context and the forces; the constraints the decision must respect \
             (regulations, budgets, platforms, earlier decisions); the quality attributes it \
             serves, each as a scenario (source, stimulus, environment, response, response \
             measure) with a priority; and at least two options, each with its trade-offs on \
             those quality attributes (++, +, 0, -, --), one of them chosen. The log writes new \
             records in the {format} format. {how}: title, context, constraints, \
             quality_attributes, options, consequences, and scope globs for the code it will \
             govern. The record starts as proposed; people accept it.",
            json_block(&hits["results"])
        ));
        Ok(
            GetPromptResult::new(vec![PromptMessage::new_text(Role::User, text)])
                .with_description(format!("Write a decision record for {}", args.topic)),
        )
    }

    /// Does this change respect our decisions? Lists the accepted decisions governing the
    /// changed files, with their constraints and chosen options.
    #[prompt(name = "check_change")]
    async fn check_change(
        &self,
        Parameters(args): Parameters<CheckArgs>,
    ) -> Result<GetPromptResult, ErrorData> {
        let paths = args.paths.as_deref().map(|p| {
            p.split([',', '\n'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        });
        let input = GoverningInput {
            paths,
            diff: args.diff.clone(),
            limit: None,
        };
        let governing = self
            .blocking(move |s| read::governing(s, &input))
            .await
            .map_err(|e| ErrorData::invalid_params(e, None))?;
        let mut text = String::from(
            "Does this change respect our architecture decisions? For each accepted decision \
             below, say whether the change keeps to its constraints and its chosen option, \
             quoting the constraint or option at stake; name any change that needs a new \
             decision or the supersession of an old one. Files governed only by decisions that \
             no longer hold are listed under findings.\n\n",
        );
        if let Some(diff) = args.diff.as_deref() {
            text.push_str(&format!("The change:\n```diff\n{diff}\n```\n\n"));
        }
        text.push_str(&format!(
            "The decisions governing the changed files (from decisions_governing):\n{}\n",
            json_block(&governing)
        ));
        Ok(
            GetPromptResult::new(vec![PromptMessage::new_text(Role::User, text)])
                .with_description("Does this change respect our decisions?".to_string()),
        )
    }
}
