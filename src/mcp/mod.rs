//! `adr mcp`: the decision log as a Model Context Protocol server, for coding agents. Built on
//! the official SDK (`rmcp`, doc/adr 0026) and on the same library code as the command line:
//! every tool reads or changes the log through the function the matching command calls, so
//! an agent and a person see the same records, the same references and the same errors.
//!
//! [`tools`] are the tools, [`resources`] the records, index and schema as resources,
//! [`prompts`] the two prompts, [`transport`] stdio and streamable HTTP.

pub mod prompts;
pub mod resources;
pub mod tools;
pub mod transport;

use crate::cache::Snapshot;
use crate::model::DecisionLog;
use crate::repo::Repo;
use rmcp::handler::server::router::{prompt::PromptRouter, tool::ToolRouter};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListResourceTemplatesResult, ListResourcesResult, PaginatedRequestParams,
    ReadResourceRequestParams, ReadResourceResponse, ServerCapabilities, ServerConfig,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, prompt_handler};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// How the server was asked to run (`adr mcp`'s flags, resolved).
#[derive(Debug, Clone)]
pub struct Options {
    /// `--dir`: the decision directory instead of the one discovery finds.
    pub dir: Option<PathBuf>,
    /// `--write-outside-repo`.
    pub write_outside: bool,
    /// The project name in resource URIs; default as `adr site build` names the repository.
    pub project: Option<String>,
    /// Whether the tools that write records are on.
    pub write: bool,
    /// Serve streamable HTTP on this loopback address instead of stdio.
    pub http: Option<std::net::SocketAddr>,
    /// Where to say what the server does (the HTTP address it listens on).
    pub shell: crate::shell::Shell,
}

/// What every request needs: where the log is, its project name, whether writes are on, and
/// the summaries of the log as last read.
#[derive(Debug)]
pub struct State {
    pub dir: Option<PathBuf>,
    pub project: String,
    pub write: bool,
    /// `--write-outside-repo`: changes may write to a decision folder outside the repository.
    pub write_outside: bool,
    light: Mutex<Option<(Snapshot, Arc<DecisionLog>)>>,
}

impl State {
    /// The repository, discovered again on each call as every command discovers it, so the
    /// server sees the config and the records as they are now.
    pub fn repo(&self) -> Result<Repo, crate::error::Error> {
        let mut repo = Repo::discover(self.dir.as_deref())?;
        repo.write_outside = self.write_outside;
        Ok(repo)
    }

    /// The log's summaries as `adr list` reads them ([`Repo::load_light`]), kept between calls
    /// and read again only when a record file was added, removed or changed since: then a
    /// call costs a `stat` per record. One call reads at a time, so calls that arrive together
    /// (or during the warm-up at start) share one reading.
    pub fn light_log(&self, repo: &Repo) -> Result<Arc<DecisionLog>, crate::error::Error> {
        let mut memo = self.light.lock().unwrap_or_else(|e| e.into_inner());
        let now = repo.snapshot()?;
        if let (Some(now), Some((then, log))) = (&now, memo.as_ref())
            && now == then
        {
            return Ok(Arc::clone(log));
        }
        let log = Arc::new(repo.load_light()?);
        *memo = now.map(|s| (s, Arc::clone(&log)));
        Ok(log)
    }
}

/// The MCP server: the shared state and the routers the SDK's macros build.
#[derive(Clone)]
pub struct Server {
    state: Arc<State>,
    tool_router: ToolRouter<Server>,
    prompt_router: PromptRouter<Server>,
}

impl Server {
    pub fn new(state: Arc<State>) -> Server {
        let mut tool_router = Server::tool_router();
        if !state.write {
            for name in tools::WRITE_TOOLS {
                tool_router.disable_route(name);
            }
        }
        Server {
            state,
            tool_router,
            prompt_router: Server::prompt_router(),
        }
    }

    /// Runs `f` on a thread where blocking is allowed: reading and writing records is file
    /// work, and the transport keeps answering (pings, cancellations) meanwhile. An error
    /// comes back in the command line's words.
    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&State) -> anyhow::Result<T> + Send + 'static,
    ) -> Result<T, String> {
        let state = Arc::clone(&self.state);
        match tokio::task::spawn_blocking(move || f(&state)).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(err)) => Err(crate::error::describe(&err)),
            Err(join) => Err(format!("error: the request failed: {join}")),
        }
    }

    fn instructions(&self) -> String {
        let writes = if self.state.write {
            "Write tools are on: draft_decision, supersede_decision, link_decisions and \
             set_status change records the way the adr command line does."
        } else {
            "This server is read-only."
        };
        format!(
            "The architecture decision records of project `{}`. Before changing code, call \
             decisions_governing with the files you will touch (or your diff) and respect the \
             constraints and chosen options of each decision it returns. Use search_decisions \
             and get_decision to read the log; check_log and review_change report problems. \
             References (`ref`) are a record number, file name, path or title fragment, as \
             `adr show` takes them. {writes}",
            self.state.project
        )
    }
}

#[prompt_handler(router = self.prompt_router)]
impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .enable_prompts()
                .build(),
        )
        .with_server_info(Implementation::new("adr", env!("CARGO_PKG_VERSION")))
        .with_instructions(self.instructions())
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let name = request.name.to_string();
        if !self.state.write && tools::WRITE_TOOLS.contains(&name.as_str()) {
            return Ok(CallToolResult::error(vec![ContentBlock::text(format!(
                "error: `{name}` writes records, and this server is read-only: start it with \
                 `adr mcp --allow-write`, or set `write = true` under `[mcp]` in .adr.toml \
                 (and no `--read-only`)"
            ))])
            .into());
        }
        let tcc = rmcp::handler::server::tool::ToolCallContext::new(self, request, context);
        self.tool_router.call(tcc).await
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<rmcp::model::ListToolsResult, ErrorData> {
        Ok(rmcp::model::ListToolsResult {
            tools: self.tool_router.list_all(),
            ..Default::default()
        })
    }

    fn get_tool(&self, name: &str) -> Option<rmcp::model::Tool> {
        self.tool_router.get(name).cloned()
    }

    async fn list_resources(
        &self,
        request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        let cursor = request.and_then(|r| r.cursor);
        let state = Arc::clone(&self.state);
        blocking_rpc(move || resources::list(&state, cursor.as_deref())).await
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, ErrorData> {
        Ok(resources::templates(&self.state))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let state = Arc::clone(&self.state);
        let uri = request.uri;
        blocking_rpc(move || resources::read(&state, &uri).map(Into::into)).await
    }
}

/// [`Server::blocking`] for requests that answer with a protocol error, not a tool result.
async fn blocking_rpc<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ErrorData> + Send + 'static,
) -> Result<T, ErrorData> {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|join| Err(ErrorData::internal_error(join.to_string(), None)))
}

/// Runs the server until the client goes away (stdio) or the process is stopped (HTTP).
pub fn serve(options: Options) -> anyhow::Result<()> {
    let repo = Repo::discover(options.dir.as_deref())?;
    let state = Arc::new(State {
        project: options
            .project
            .clone()
            .unwrap_or_else(|| crate::site::source::project_name(&repo)),
        dir: options.dir.clone(),
        write: options.write,
        write_outside: options.write_outside,
        light: Mutex::new(None),
    });
    // Read the summaries while the client starts up, so the first call that needs them
    // (list_decisions, decisions_governing) finds them read; a failure shows on that call.
    let warm = Arc::clone(&state);
    std::thread::spawn(move || drop(warm.light_log(&repo)));
    // One thread answers the protocol; record work runs on the blocking pool and on rayon.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        match options.http {
            Some(addr) => transport::http(state, addr, &options.shell).await,
            None => transport::stdio(state).await,
        }
    })
}
