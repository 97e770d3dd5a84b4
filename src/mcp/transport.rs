//! How the server is reached: stdio (what agents launch) or streamable HTTP on a loopback
//! address. The server has no authentication, so HTTP never listens beyond this machine and
//! refuses requests from web pages (their `Origin` header) and for other hosts (DNS
//! rebinding).

use super::{Server, State};
use crate::shell::Shell;
use rmcp::ServiceExt;
use rmcp::transport::streamable_http_server::{
    StreamableHttpServerConfig, StreamableHttpService, session::local::LocalSessionManager,
};
use std::net::SocketAddr;
use std::sync::Arc;

/// Serves one client on stdin and stdout until it closes them.
pub async fn stdio(state: Arc<State>) -> anyhow::Result<()> {
    let server = Server::new(state);
    let running = server.serve(rmcp::transport::stdio()).await?;
    running.waiting().await?;
    Ok(())
}

/// Serves streamable HTTP on `addr` (a loopback address; port 0 picks a free one) until the
/// process is stopped. The address listened on goes to stderr: `listening on http://...`.
pub async fn http(state: Arc<State>, addr: SocketAddr, shell: &Shell) -> anyhow::Result<()> {
    if !addr.ip().is_loopback() {
        anyhow::bail!(
            "--http {addr}: not a loopback address; `adr mcp` has no authentication and \
             listens on this machine only (use 127.0.0.1 or [::1])"
        );
    }
    let service = StreamableHttpService::new(
        move || Ok(Server::new(Arc::clone(&state))),
        LocalSessionManager::default().into(),
        StreamableHttpServerConfig::default().enforce_origin_validation(),
    );
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    shell.status(format_args!("listening on http://{local}/mcp"));
    let service = hyper_util::service::TowerToHyperService::new(service);
    loop {
        let (stream, _) = listener.accept().await?;
        let io = hyper_util::rt::TokioIo::new(stream);
        let service = service.clone();
        tokio::spawn(async move {
            // A client that drops its connection is its own business.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(io, service)
                .await;
        });
    }
}
