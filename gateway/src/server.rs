//! The HTTP front: the gateway served on 127.0.0.1 with hyper.

use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::gateway::{ClientAddress, Gateway};
use crate::gateway_response::{GatewayError, GatewayErrorKind, MAX_BODY_BYTES};

/// A running server; dropping it stops accepting connections.
pub struct Server {
    address: SocketAddr,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl Server {
    /// `127.0.0.1:<port>`.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// `http://127.0.0.1:<port>/<stage>`: the stage's base URL.
    pub fn url(&self, stage: &str) -> String {
        format!("http://{}/{stage}", self.address)
    }

    /// Stops accepting connections and waits for the accept loop to end.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

impl Gateway {
    /// Serves the gateway on `127.0.0.1:port` (0: a free port). Only the loopback address is
    /// ever bound. Must be called within a tokio runtime.
    pub async fn serve(&self, port: u16) -> std::io::Result<Server> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let address = listener.local_addr()?;
        let (stop, mut stopped) = watch::channel(false);
        let gateway = self.clone();
        let task = tokio::spawn(async move {
            loop {
                let accepted = tokio::select! {
                    _ = stopped.changed() => break,
                    accepted = listener.accept() => accepted,
                };
                let Ok((stream, peer)) = accepted else {
                    continue;
                };
                let gateway = gateway.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| {
                        let gateway = gateway.clone();
                        async move { Ok::<_, Infallible>(answer(&gateway, request, peer).await) }
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Server {
            address,
            stop,
            task: Some(task),
        })
    }
}

async fn answer(
    gateway: &Gateway,
    request: hyper::Request<Incoming>,
    peer: SocketAddr,
) -> hyper::Response<Full<Bytes>> {
    let (mut parts, body) = request.into_parts();
    parts.extensions.insert(ClientAddress(peer));
    let response = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => {
            gateway
                .handle(http::Request::from_parts(parts, collected.to_bytes()))
                .await
        }
        Err(_) => GatewayError::new(GatewayErrorKind::RequestTooLarge, "body over the limit")
            .response("-"),
    };
    response.map(Full::new)
}
