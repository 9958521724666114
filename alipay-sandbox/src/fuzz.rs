//! A socket-less entry to the gateway for fuzzing (`fuzz/`, target `sandbox_request`) and for
//! replaying the fuzz corpus in tests. Not part of the supported API.

use std::sync::Arc;
use std::time::Duration;

use crate::error::SandboxError;
use crate::gateway::{self, Answer};
use crate::keys::{self, AlipayKey, PartnerCredentials};
use crate::state::{PartnerRecord, State};
use crate::world::World;
use crate::{Admin, SandboxConfig};

/// The gateway's request handling (decoding, checks in Alipay's order, the services) over an
/// in-memory state, without a server.
pub struct Gateway {
    gateway: Arc<gateway::Gateway>,
    /// The partner created at start.
    pub partner: PartnerCredentials,
}

impl Gateway {
    /// An empty in-memory sandbox with one partner (generates two RSA keys: about 0.2 s).
    pub fn new() -> Result<Self, SandboxError> {
        let state = State::open(None)?;
        let alipay = AlipayKey::generate()?;
        let partner = keys::new_credentials(&alipay)?;
        state.insert_partner(PartnerRecord::new(partner.clone(), None)?)?;
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(1))
            .build()
            .map_err(|e| SandboxError::Config(e.to_string()))?;
        let world = Arc::new(World::new(SandboxConfig::default(), state, alipay));
        let gateway = Arc::new(gateway::Gateway::new(
            world,
            crate::services::standard(),
            http,
        ));
        Ok(Self { gateway, partner })
    }

    /// The admin operations over this gateway's state.
    pub fn admin(&self) -> Admin {
        Admin::new(Arc::clone(&self.gateway.world))
    }

    /// A cashier button (`POST /cashier/pay`, or `/cashier/cancel` when `cancel`) with this form
    /// body: the HTTP status, and the redirect's `Location` or the page.
    pub fn cashier(&self, cancel: bool, body: &[u8]) -> (u16, Vec<u8>) {
        let answer = if cancel {
            crate::cashier::cancel(&self.gateway, body)
        } else {
            crate::cashier::pay(&self.gateway, body)
        };
        match answer {
            crate::cashier::Cashier::Redirect(location) => (302, location.into_bytes()),
            crate::cashier::Cashier::Page { status, html, .. } => (status, html.into_bytes()),
        }
    }

    /// Answers one request: the HTTP status and body.
    pub fn handle(&self, method: &str, query: &[u8], body: &[u8]) -> (u16, Vec<u8>) {
        let (answer, log) = gateway::handle(&self.gateway, method, query, body, None);
        self.gateway.world.record(log);
        match answer {
            Answer::Xml { body, .. } | Answer::Html { body, .. } => (200, body),
            Answer::Text(text) => (200, text.as_bytes().to_vec()),
        }
    }
}

/// The gateway's reading of a `multipart/form-data` body with this boundary: the url-encoded form
/// of the same parameters, or why the body cannot be read.
pub fn multipart_form(body: &[u8], boundary: &str) -> Result<Vec<u8>, &'static str> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|_| "no runtime")?;
    runtime.block_on(crate::server::multipart_form(body.to_vec(), boundary))
}
