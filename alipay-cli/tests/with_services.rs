//! An outside crate's own `alipay`: `Cli::new().service::<R>()` adds a declared service to `call`,
//! `explain --service` and `sandbox`.

#![allow(clippy::unwrap_used)]

use std::process::ExitCode;

use alipay_cli::Cli;
use alipay_core::Request;
use alipay_core::error::{CodeSpec, ErrorKind};
use alipay_sandbox::Sandbox;

/// The outside crate's error table: one code the shared table does not know.
const CODES: &[CodeSpec] = &[CodeSpec::new("ECHO_REFUSED", "拒绝回声")
    .kind(ErrorKind::Caller)
    .meaning("The echo was refused.")
    .advice("Send other text.")];

/// The outside crate's service.
#[derive(Clone, Request)]
#[alipay(service = "example.echo", response = (), method = GET, error_codes = CODES)]
pub struct Echo {
    /// Any text.
    #[alipay(label = "文本", ty = "String(8)", example = "hello")]
    pub text: String,
}

fn run(cli: Cli, args: &[&str]) -> ExitCode {
    cli.run_from(std::iter::once("alipay").chain(args.iter().copied()))
}

#[test]
fn an_added_service_is_called_explained_and_listed() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = runtime
        .block_on(Sandbox::builder().service::<Echo>().start())
        .unwrap();
    let me = sandbox.first_partner().clone();
    let url = sandbox.gateway_url();
    let call = [
        "call",
        "example.echo",
        "text=hi",
        "--gateway",
        &url,
        "--partner",
        &me.partner,
        "--key",
        &me.md5_key,
    ];
    // The catalog's command line does not know it (usage error), the extended one calls it.
    assert_eq!(run(Cli::new(), &call), ExitCode::from(64));
    let cli = || Cli::new().service::<Echo>();
    assert!(cli().service_names().contains(&"example.echo"));
    assert!(cli().service_names().contains(&"close_trade"));
    assert_eq!(run(cli(), &call), ExitCode::SUCCESS);
    // Its table's rules hold before anything is sent (a general failure).
    let mut long = call;
    long[2] = "text=too long!";
    assert_eq!(run(cli(), &long), ExitCode::from(1));
    // Its own code is explained as its table says.
    let explain = ["explain", "ECHO_REFUSED", "--service", "example.echo"];
    assert_eq!(run(Cli::new(), &explain), ExitCode::from(64));
    assert_eq!(run(cli(), &explain), ExitCode::SUCCESS);
    drop(sandbox);
}
