//! This crate's own `alipay` command line: the toolkit's (`call`, `explain --service`, `sandbox`,
//! `spec`, `sign`, `verify`), knowing the two services declared here.

fn main() -> std::process::ExitCode {
    alipay_cli::Cli::new()
        .service::<alipay_outside_example::CloseTrade>()
        .service::<alipay_outside_example::PartnerTrade>()
        .run()
}
