//! The sandbox's own errors (not the gateway's error codes, which are answers, not failures).

/// Why the sandbox could not start, or an admin operation was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SandboxError {
    /// The configuration is invalid (a time factor or fault rate out of range).
    #[error("invalid sandbox configuration: {0}")]
    Config(String),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: std::net::SocketAddr,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The state file could not be opened, read or written.
    #[error("sandbox state: {0}")]
    State(String),
    /// A key could not be generated or parsed.
    #[error("key: {0}")]
    Key(String),
    /// No partner with this id is registered.
    #[error("unknown partner {0:?}")]
    UnknownPartner(String),
    /// A partner, trade or user with this id already exists.
    #[error("{0} already exists")]
    Exists(String),
    /// An input to an admin operation is invalid.
    #[error("invalid input: {0}")]
    Invalid(String),
}

impl From<rusqlite::Error> for SandboxError {
    fn from(e: rusqlite::Error) -> Self {
        Self::State(e.to_string())
    }
}
