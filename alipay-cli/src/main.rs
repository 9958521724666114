//! `alipay`: the command line of the Alipay MAPI toolkit.
//!
//! ```text
//! alipay sign --sign-type MD5 --key K service=x partner=2088…   # canonical string, then the signature
//! alipay verify --key K --sign S service=x partner=2088…        # exit 0 valid, 1 invalid
//! alipay verify --key K < notification-body                     # a whole notification on stdin
//! alipay call single_trade_query trade_no=2010073000030344       # validate, sign, send, print JSON
//! alipay explain TRADE_STATUS_NOT_AVAILD                         # what a code means, what to do
//! alipay sandbox --state sandbox.db                              # a local gateway for tests
//! ```
//!
//! Configuration comes from flags or, when a flag is absent, the `ALIPAY_*` environment variables
//! ([`alipay_client::settings`]); exit codes are listed in [`exit`].

// Printing is what a command line is for: results go to stdout, diagnostics to stderr.
#![allow(rustdoc::bare_urls)] // doc comments double as clap's help text, where a URL stays bare
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod call;
mod cli;
mod exit;
mod explain;
mod params;
#[cfg(feature = "sandbox")]
mod sandbox;
mod sign;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` are not errors; everything else clap refuses is a usage
            // error (64), not clap's default 2, which `call` uses for a service error.
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::SUCCESS
            };
            // Nothing sensible is left to do if the terminal is gone.
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Sign(args) => sign::sign(&args),
        Command::Verify(args) => sign::verify(&args),
        Command::Call(args) => call::call(&args),
        Command::Explain(args) => explain::explain(&args),
        #[cfg(feature = "sandbox")]
        Command::Sandbox(args) => sandbox::sandbox(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.report();
            ExitCode::from(failure.code())
        }
    }
}
