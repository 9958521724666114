//! `alipay`: the command line of the Alipay MAPI toolkit, as a binary and as a library.
//!
//! ```text
//! alipay sign --sign-type MD5 --key K service=x partner=2088…   # canonical string, then the signature
//! alipay verify --key K --sign S service=x partner=2088…        # exit 0 valid, 1 invalid
//! alipay verify --key K < notification-body                     # a whole notification on stdin
//! alipay call single_trade_query trade_no=2010073000030344       # validate, sign, send, print JSON
//! alipay explain TRADE_STATUS_NOT_AVAILD                         # what a code means, what to do
//! alipay sandbox --state sandbox.db                              # a local gateway for tests
//! alipay spec import document.txt > specs/x.toml                 # a vendor table as a spec file
//! alipay spec scaffold specs/x.toml > src/x.rs                   # the structs a spec describes
//! ```
//!
//! Configuration comes from flags or, when a flag is absent, the `ALIPAY_*` environment variables
//! ([`alipay_client::settings`]); exit codes are listed in [`exit`].
//!
//! # Your own `alipay`, with your services
//!
//! A crate that declares services ships a command line that knows them, in a few lines: `call`
//! builds, signs and sends them (a page service prints the URL to send the buyer to), `explain
//! --service` shows their own error meanings, and `sandbox` plays them.
//!
//! ```no_run
//! # mod my_services {
//! #     #[derive(Clone, alipay_core::Request)]
//! #     #[alipay(service = "close_trade", response = (), method = GET)]
//! #     pub struct CloseTrade {
//! #         /// 支付宝交易号
//! #         #[alipay(label = "支付宝交易号", example = "2011031700597827")]
//! #         pub trade_no: String,
//! #     }
//! # }
//! fn main() -> std::process::ExitCode {
//!     alipay_cli::Cli::new()
//!         .service::<my_services::CloseTrade>()
//!         .run()
//! }
//! ```

// Printing is what a command line is for: results go to stdout, diagnostics to stderr.
#![allow(rustdoc::bare_urls)] // doc comments double as clap's help text, where a URL stays bare
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod call;
mod cli;
pub mod exit;
mod explain;
mod params;
#[cfg(feature = "sandbox")]
mod sandbox;
mod sign;
mod spec;

use std::ffi::OsString;
use std::process::ExitCode;

use alipay_core::catalog::{ServiceInfo, Visitor};
use alipay_core::service::{ApiService, PageService, Request};
use clap::{CommandFactory, FromArgMatches};

use call::Service;
use cli::{AlipayArgs, Command};

/// The command line, with the services it knows: the catalog's (`alipay_services`), and any added
/// with [`service`](Self::service) or [`services`](Self::services).
pub struct Cli {
    services: Vec<Service>,
}

impl std::fmt::Debug for Cli {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cli")
            .field("services", &self.service_names())
            .finish()
    }
}

impl Default for Cli {
    fn default() -> Self {
        Self::new()
    }
}

impl Cli {
    /// The `alipay` command line, knowing every catalog service.
    pub fn new() -> Self {
        let mut cli = Self {
            services: Vec::new(),
        };
        alipay_services::visit(&mut cli);
        cli
    }

    /// Adds declared service `R` (API or page), replacing a service of the same name.
    pub fn service<R: Request + 'static>(mut self) -> Self {
        R::accept(&mut self, &ServiceInfo::of::<R>());
        self
    }

    /// Adds every service of a catalog: `visit` is called with the command line, a [`Visitor`]
    /// (e.g. `.services(|cli| my_services::visit(cli))`).
    pub fn services(mut self, visit: impl FnOnce(&mut Self)) -> Self {
        visit(&mut self);
        self
    }

    /// The names of the services it knows, in the order `call --help` lists them.
    pub fn service_names(&self) -> Vec<&'static str> {
        self.services.iter().map(|s| s.name).collect()
    }

    fn add(&mut self, service: Service) {
        self.services.retain(|s| s.name != service.name);
        self.services.push(service);
    }

    /// Runs the command line on the process's arguments and returns its exit code.
    pub fn run(self) -> ExitCode {
        self.run_from(std::env::args_os())
    }

    /// Runs the command line on `args` (the first is the program name).
    pub fn run_from<I, T>(self, args: I) -> ExitCode
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let names = self.service_names();
        let command = AlipayArgs::command()
            .mut_subcommand("call", |call| call.after_long_help(cli::call_help(&names)));
        let parsed = command
            .try_get_matches_from(args)
            .and_then(|mut matches| AlipayArgs::from_arg_matches_mut(&mut matches));
        let args = match parsed {
            Ok(args) => args,
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
        let result = match args.command {
            Command::Sign(args) => sign::sign(&args),
            Command::Verify(args) => sign::verify(&args),
            Command::Call(args) => call::call(&args, &self.services),
            Command::Explain(args) => explain::explain(&args, &self.services),
            Command::Spec(command) => spec::spec(&command),
            #[cfg(feature = "sandbox")]
            Command::Sandbox(args) => sandbox::sandbox(&args, &self.services),
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(failure) => {
                failure.report();
                ExitCode::from(failure.code())
            }
        }
    }
}

impl Visitor for Cli {
    fn visit_api<R: ApiService + 'static>(&mut self, info: &ServiceInfo) {
        self.add(Service::api::<R>(info));
    }

    fn visit_page<R: PageService + 'static>(&mut self, info: &ServiceInfo) {
        self.add(Service::page::<R>(info));
    }
}
