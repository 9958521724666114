//! The command line's grammar (clap derive). Values are checked here where clap can say what is
//! wrong (a sign type, a charset, `NAME=VALUE`); the `ALIPAY_*` fallbacks are read by
//! [`Settings::from_env`] in the subcommands, never through clap (whose `env` support would print
//! the MD5 key in `--help`).

#[cfg(feature = "sandbox")]
use std::net::SocketAddr;
use std::path::PathBuf;

use alipay_client::settings::Settings;
use alipay_core::{Charset, SignType};
use clap::{Args, Parser, Subcommand};

use crate::params::Param;

const ABOUT: &str =
    "Sign, verify and call Alipay's MAPI gateway (https://mapi.alipay.com/gateway.do)";

const LONG_ABOUT: &str = "\
Sign, verify and call Alipay's MAPI gateway (https://mapi.alipay.com/gateway.do).

Parameters are NAME=VALUE arguments, split at the first '='; a value may contain '=', '&',
spaces or Chinese (quote it for the shell). The signed string follows the MAPI rule: every
parameter but sign and sign_type, empty values dropped, sorted by name, joined as k=v&k=v,
encoded in the charset, then signed.";

const CONFIG_HELP: &str = "\
Configuration: a flag wins; when it is absent, the environment variable is used.
  --gateway       ALIPAY_GATEWAY      gateway URL (default https://mapi.alipay.com/gateway.do)
  --partner       ALIPAY_PARTNER      the 16-digit partner id (2088…)
  --sign-type     ALIPAY_SIGN_TYPE    MD5 (default), RSA, RSA2 or DSA, in upper case
  --key           ALIPAY_KEY          the MD5 key (never printed)
  --private-key   ALIPAY_PRIVATE_KEY  the merchant's private key file (RSA, RSA2, DSA)
  --public-key    ALIPAY_PUBLIC_KEY   Alipay's public key file (RSA, RSA2, DSA)
  --charset       ALIPAY_CHARSET      utf-8 (default) or gbk";

/// `alipay`.
#[derive(Debug, Parser)]
#[command(
    name = "alipay",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_long_help = format!("{CONFIG_HELP}\n\n{}", crate::exit::HELP),
    arg_required_else_help = true
)]
pub(crate) struct AlipayArgs {
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Print the canonical string of NAME=VALUE parameters and its signature (last line).
    #[command(after_long_help = SIGN_HELP)]
    Sign(SignArgs),
    /// Verify a signature of NAME=VALUE parameters, or a whole notification body on stdin.
    #[command(after_long_help = VERIFY_HELP)]
    Verify(VerifyArgs),
    /// Call a service: validate, sign, send, and print the typed response as JSON.
    Call(CallArgs),
    /// Explain an error code: what it means and what to do.
    Explain(ExplainArgs),
    /// Spec tables: import one from a vendor document's text, scaffold declarations from one.
    #[command(subcommand)]
    Spec(SpecCommand),
    /// Run a local sandbox gateway and print the partner id and keys it created.
    #[cfg(feature = "sandbox")]
    Sandbox(SandboxArgs),
}

const SIGN_HELP: &str = "\
Output: line 1 is the canonical string, the last line the signature (with --json, one object
{\"string_to_sign\": …, \"sign\": …}). Exactly the given parameters are signed: _input_charset is
not added (pass _input_charset=utf-8 yourself if the request carries it). sign and sign_type are
never signed; empty values are dropped.

Example:
  alipay sign --key \"$ALIPAY_KEY\" service=single_trade_query partner=2088002464631181 \\
      _input_charset=utf-8 trade_no=2010073000030344

The signing key comes from --key / ALIPAY_KEY (MD5) or --private-key / ALIPAY_PRIVATE_KEY (RSA,
RSA2, DSA); --sign-type and --charset fall back to ALIPAY_SIGN_TYPE and ALIPAY_CHARSET.";

const VERIFY_HELP: &str = "\
With --sign S (or a sign=S parameter) and NAME=VALUE parameters, verifies S over their canonical
string; a sign_type=T parameter must equal the sign type. With neither, reads stdin: a whole
form-encoded notification body, or a request (its query string, form body, or whole URL), in its
_input_charset (or a notification's charset), else --charset, and verifies its sign over every
received parameter; its sign_type must equal --sign-type.

Prints `valid` (exit 0), or `invalid signature` and the string that was expected to be signed
(exit 1). The key: --key for MD5; for RSA, RSA2 and DSA the signer's public key, --public-key
FILE, or --private-key FILE (its public half is used).

Example:
  alipay verify --key \"$ALIPAY_KEY\" < notify-body.txt";

/// The signing key and charset, shared by `sign`, `verify` and `call`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Configuration")]
pub(crate) struct KeyArgs {
    /// MD5, RSA, RSA2 or DSA, in upper case as on the wire [env: ALIPAY_SIGN_TYPE] [default: MD5]
    #[arg(long, value_name = "TYPE", value_parser = parse_sign_type)]
    pub(crate) sign_type: Option<SignType>,
    /// The MD5 key [env: ALIPAY_KEY]
    #[arg(long, value_name = "KEY")]
    pub(crate) key: Option<String>,
    /// The merchant's private key file, PEM or one-line base64 (RSA, RSA2, DSA) [env: ALIPAY_PRIVATE_KEY]
    #[arg(long, value_name = "FILE")]
    pub(crate) private_key: Option<PathBuf>,
    /// utf-8 or gbk [env: ALIPAY_CHARSET] [default: utf-8]
    #[arg(long, value_name = "CHARSET", value_parser = parse_charset)]
    pub(crate) charset: Option<Charset>,
}

impl KeyArgs {
    /// The settings given as flags.
    pub(crate) fn settings(&self) -> Settings {
        Settings {
            sign_type: self.sign_type.map(|t| t.as_str().to_owned()),
            key: self.key.clone(),
            private_key: self.private_key.clone(),
            charset: self.charset.map(|c| c.as_str().to_owned()),
            ..Settings::default()
        }
    }
}

/// `alipay sign`.
#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// Print one JSON object {"string_to_sign": …, "sign": …}
    #[arg(long)]
    pub(crate) json: bool,
    /// The parameters to sign, e.g. service=single_trade_query trade_no=2010073000030344
    #[arg(value_name = "NAME=VALUE", required = true, value_parser = crate::params::parse_param)]
    pub(crate) params: Vec<Param>,
    #[command(flatten)]
    pub(crate) keys: KeyArgs,
}

/// `alipay verify`.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The signer's public key file (RSA, RSA2, DSA): Alipay's for what Alipay signed [env: ALIPAY_PUBLIC_KEY]
    #[arg(long, value_name = "FILE", help_heading = "Configuration")]
    pub(crate) public_key: Option<PathBuf>,
    /// The signature to check (or pass sign=S among the parameters)
    #[arg(long, value_name = "S")]
    pub(crate) sign: Option<String>,
    /// Print one JSON object {"valid": …, "string_to_sign": …, "error": …}
    #[arg(long)]
    pub(crate) json: bool,
    /// The signed parameters; without them (and without --sign), a notification body is read from stdin
    #[arg(value_name = "NAME=VALUE", value_parser = crate::params::parse_param)]
    pub(crate) params: Vec<Param>,
    #[command(flatten)]
    pub(crate) keys: KeyArgs,
}

impl VerifyArgs {
    /// The settings given as flags.
    pub(crate) fn settings(&self) -> Settings {
        Settings {
            public_key: self.public_key.clone(),
            ..self.keys.settings()
        }
    }
}

/// `alipay call`.
#[derive(Debug, Args)]
pub(crate) struct CallArgs {
    /// The gateway URL [env: ALIPAY_GATEWAY] [default: https://mapi.alipay.com/gateway.do]
    #[arg(long, value_name = "URL", help_heading = "Configuration")]
    pub(crate) gateway: Option<String>,
    /// The 16-digit partner id [env: ALIPAY_PARTNER]
    #[arg(long, value_name = "ID", help_heading = "Configuration")]
    pub(crate) partner: Option<String>,
    /// Alipay's public key file, to verify response signatures (RSA, RSA2, DSA) [env: ALIPAY_PUBLIC_KEY]
    #[arg(long, value_name = "FILE", help_heading = "Configuration")]
    pub(crate) public_key: Option<PathBuf>,
    /// The service, e.g. single_trade_query
    #[arg(value_name = "SERVICE")]
    pub(crate) service: String,
    /// The business parameters, e.g. trade_no=2010073000030344
    #[arg(value_name = "NAME=VALUE", value_parser = crate::params::parse_param)]
    pub(crate) params: Vec<Param>,
    #[command(flatten)]
    pub(crate) keys: KeyArgs,
}

impl CallArgs {
    /// The settings given as flags.
    pub(crate) fn settings(&self) -> Settings {
        Settings {
            gateway: self.gateway.clone(),
            partner: self.partner.clone(),
            public_key: self.public_key.clone(),
            ..self.keys.settings()
        }
    }
}

/// `alipay spec …`.
#[derive(Debug, Subcommand)]
pub(crate) enum SpecCommand {
    /// Read a service's tables from a vendor document's text (a PDF text extraction: tab-separated
    /// rows 参数说明 参数名 类型(精度) 备注 可空 样例 under their headings) and print the spec TOML;
    /// each repair of the extraction's damage is printed on stderr as a `guess:` line to check.
    Import(SpecImportArgs),
    /// Print the request/response structs (and error table) a spec file describes: they compile and
    /// pass the conformance check unchanged; refine their types, then register them.
    Scaffold(SpecScaffoldArgs),
}

/// `alipay spec import`.
#[derive(Debug, Args)]
pub(crate) struct SpecImportArgs {
    /// The document's text (`-` for stdin)
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// The service name, when the document does not give it (服务名)
    #[arg(long, value_name = "NAME")]
    pub(crate) service: Option<String>,
    /// The spec's `source` text (default: "imported from <the document's title>")
    #[arg(long, value_name = "TEXT")]
    pub(crate) source: Option<String>,
    /// Write the spec to this file instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

/// `alipay spec scaffold`.
#[derive(Debug, Args)]
pub(crate) struct SpecScaffoldArgs {
    /// The spec file (specs/<service>.toml)
    #[arg(value_name = "SPEC")]
    pub(crate) file: PathBuf,
    /// The path the code reaches the runtime by: `alipay` (a crate depending on the facade) or
    /// `alipay_core` (one depending on alipay-core)
    #[arg(long, value_name = "PATH", default_value = "alipay")]
    pub(crate) runtime: String,
}

/// `alipay explain`.
#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The error code, as Alipay sent it (case-sensitive), e.g. ILLEGAL_SIGN
    #[arg(value_name = "CODE", required_unless_present = "list")]
    pub(crate) code: Option<String>,
    /// List every code this tool knows (with --service: that service's error table)
    #[arg(long, conflicts_with = "code")]
    pub(crate) list: bool,
    /// Explain the code as this service's document does (its own text, meaning and advice)
    #[arg(long, value_name = "SERVICE")]
    pub(crate) service: Option<String>,
}

/// `alipay sandbox`.
#[cfg(feature = "sandbox")]
#[derive(Debug, Args)]
pub(crate) struct SandboxArgs {
    /// The address to listen on (loopback; port 0 picks a free port)
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:0")]
    pub(crate) addr: SocketAddr,
    /// The state file (SQLite): accounts, keys and trades survive restarts
    #[arg(long, value_name = "FILE")]
    pub(crate) state: Option<PathBuf>,
    /// Scale of the sandbox's waits (notification re-sends, notify_verify validity): 1 is real time,
    /// 0.01 is 100 times faster
    #[arg(long, value_name = "F", default_value_t = 1.0, value_parser = parse_time_factor)]
    pub(crate) time_factor: f64,
    /// Scale of notify_verify's validity alone (default: the time factor): e.g. --time-factor 0.01
    /// --notify-id-factor 1 re-sends fast while an id stays valid for a real minute
    #[arg(long, value_name = "F", value_parser = parse_time_factor)]
    pub(crate) notify_id_factor: Option<f64>,
    /// A scripted fault, repeatable: before|after:drop|timeout|slow|retry|system_error
    /// [:service=S][:trade=T][:times=N] (after: the request is handled, then its answer lost or
    /// replaced)
    #[arg(long = "fault", value_name = "RULE", value_parser = parse_fault)]
    pub(crate) faults: Vec<alipay_sandbox::FaultRule>,
    /// Seed of the sandbox's random choices (ids, injected faults), for reproducible runs
    #[arg(long, value_name = "N")]
    pub(crate) seed: Option<u64>,
    /// Refuse signed parameters a service does not declare (ILLEGAL_ARGUMENT); by default they are
    /// ignored and noted in the request log, as Alipay ignores them
    #[arg(long)]
    pub(crate) strict: bool,
}

/// `--sign-type`: the wire spelling exactly (`md5` is refused, as the gateway refuses it).
fn parse_sign_type(text: &str) -> Result<SignType, String> {
    text.parse::<SignType>().map_err(|e| match text {
        t if t.to_ascii_uppercase().parse::<SignType>().is_ok() => {
            format!(
                "{e} (sign types are case-sensitive: use {})",
                t.to_ascii_uppercase()
            )
        }
        _ => e.to_string(),
    })
}

/// `--charset`: `utf-8` or `gbk` (`gb2312` is read as GBK).
fn parse_charset(text: &str) -> Result<Charset, String> {
    Charset::from_label(text).map_err(|e| e.to_string())
}

/// `--fault`: a scripted fault rule.
#[cfg(feature = "sandbox")]
fn parse_fault(text: &str) -> Result<alipay_sandbox::FaultRule, String> {
    text.parse()
        .map_err(|e: alipay_sandbox::SandboxError| e.to_string())
}

/// `--time-factor`: a finite number greater than zero.
#[cfg(feature = "sandbox")]
fn parse_time_factor(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() && f > 0.0 => Ok(f),
        _ => Err(
            "expected a number greater than 0, e.g. 0.01 for waits 100 times shorter".to_owned(),
        ),
    }
}

/// The long help of `alipay call`, listing the catalog's services.
/// `call`'s long help, listing the services the command line knows.
pub(crate) fn call_help(names: &[&str]) -> String {
    format!(
        "Services: {}.\n\
         The common parameters (service, partner, _input_charset, sign, sign_type) come from SERVICE \
         and\nthe configuration, not from NAME=VALUE arguments.\n\n\
         Prints {{\"service\": …, \"is_success\": \"T\", \"response\": {{fields in table order}}}} on \
         success. An\nerror code from Alipay is printed with the service's meaning and advice (exit 2). \
         A page service\nis not sent: {{\"service\": …, \"kind\": \"page\", \"page_url\": …}} is the URL \
         to send the buyer's\nbrowser to.\n\n\
         Example:\n  export ALIPAY_PARTNER=2088002464631181 ALIPAY_KEY=…\n  \
         alipay call single_trade_query trade_no=2010073000030344",
        names.join(", ")
    )
}
