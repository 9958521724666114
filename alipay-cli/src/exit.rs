//! Exit codes, and the failure a subcommand ends with.
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success; `verify`: the signature is valid |
//! | 1 | `verify`: the signature (or the notification) is invalid; otherwise a general failure (a request that breaks its service's rules, a value the charset cannot encode, an unknown error code for `explain`) |
//! | 2 | `call`: Alipay answered with an error code |
//! | 64 | usage or configuration error: a bad flag or argument, a missing or invalid setting or key file |
//! | 69 | `call`: the gateway could not be reached, or did not answer in time |
//! | 70 | `call`: the gateway's answer is not a valid, authentic response (malformed, forged signature) |

use std::fmt::Display;

use alipay_client::settings::SettingsError;

/// Success; `verify`: valid.
pub(crate) const SUCCESS: u8 = 0;
/// Invalid signature (`verify`), or a general failure.
pub(crate) const FAILURE: u8 = 1;
/// `call`: Alipay answered with an error code.
pub(crate) const SERVICE: u8 = 2;
/// Usage or configuration error (sysexits `EX_USAGE`).
pub(crate) const USAGE: u8 = 64;
/// The gateway could not be reached (sysexits `EX_UNAVAILABLE`).
pub(crate) const UNAVAILABLE: u8 = 69;
/// The gateway's answer is not a valid, authentic response (sysexits `EX_SOFTWARE`).
pub(crate) const BAD_RESPONSE: u8 = 70;

/// The text of the exit-code table in `alipay --help`.
pub(crate) const HELP: &str = "\
Exit codes:
  0   success; verify: the signature is valid
  1   verify: the signature or notification is invalid; otherwise a general failure
  2   call: Alipay answered with an error code (printed with its meaning and advice)
  64  usage or configuration error (bad flag or argument, missing or invalid setting or key file)
  69  call: the gateway could not be reached or did not answer in time
  70  call: the gateway's answer is not a valid, authentic response (malformed, forged signature)";

/// How a subcommand failed: the exit code and what to print on stderr.
#[derive(Debug)]
pub(crate) struct Failure {
    code: u8,
    /// Printed as `error: …`; empty when the subcommand has already said everything.
    message: String,
    /// Printed after the message, one per line.
    details: Vec<String>,
}

impl Failure {
    /// A failure with `code`.
    pub(crate) fn new(code: u8, message: impl Display) -> Self {
        Self {
            code,
            message: message.to_string(),
            details: Vec::new(),
        }
    }

    /// A general failure (1).
    pub(crate) fn general(message: impl Display) -> Self {
        Self::new(FAILURE, message)
    }

    /// A usage or configuration error (64).
    pub(crate) fn usage(message: impl Display) -> Self {
        Self::new(USAGE, message)
    }

    /// Adds a line printed after the message.
    #[must_use]
    pub(crate) fn detail(mut self, line: impl Display) -> Self {
        self.details.push(line.to_string());
        self
    }

    /// The exit code.
    pub(crate) fn code(&self) -> u8 {
        self.code
    }

    /// Prints the failure on stderr.
    pub(crate) fn report(&self) {
        if !self.message.is_empty() {
            eprintln!("error: {}", self.message);
        }
        for line in &self.details {
            eprintln!("{line}");
        }
    }
}

impl From<SettingsError> for Failure {
    /// A missing or invalid setting is a configuration error (64). Its message names the flag and
    /// the variable, never a key.
    fn from(e: SettingsError) -> Self {
        Self::usage(e)
    }
}
