//! `alipay`: the command line of the Alipay MAPI toolkit (see the library's docs).

fn main() -> std::process::ExitCode {
    alipay_cli::Cli::new().run()
}
