//! `alipay-sandbox`: runs a local MAPI gateway until interrupted (Ctrl-C).
//!
//! ```text
//! alipay-sandbox [--addr 127.0.0.1:8480] [--state sandbox.db] [--time-factor 0.01] [--notify-id-factor 1]
//!                [--seed 7] [--strict] [--fault after:drop:service=send_goods_confirm_by_platform]
//! ```
//!
//! Prints the gateway URL, the first partner's id and MD5 key, and its keys: with `--state`, the
//! PEM files are written next to the state file (`<state>.merchant_private_key.pem`, readable by
//! the owner only, `<state>.merchant_public_key.pem`, `<state>.alipay_public_key.pem`) and their
//! paths printed; without it, the PEMs themselves are printed. Ctrl-C (or SIGTERM) stops the
//! server and its notification deliveries; with a state file every change is already written, and
//! pending notifications resume on the next start.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alipay_sandbox::{PartnerCredentials, Sandbox, SandboxConfig};

const USAGE: &str =
    "usage: alipay-sandbox [--addr IP:PORT] [--state FILE] [--time-factor F] [--notify-id-factor F]
                      [--seed N] [--strict] [--fault RULE]...

  --addr IP:PORT        listen address (default 127.0.0.1:0, a free port)
  --state FILE          SQLite state file, reopened on restart (default: in memory)
  --time-factor F       scale of the notification schedule and notify_verify validity (default 1)
  --notify-id-factor F  scale of notify_verify validity alone (default: the time factor)
  --seed N              seed of fault injection and generated numbers (default: random)
  --strict              refuse signed parameters a service does not declare (default: ignore
                        them, as Alipay does, and note them in the request log)
  --fault RULE          a scripted fault, repeatable:
                        before|after:drop|timeout|slow|retry|system_error[:service=S][:trade=T][:times=N]
                        (after: the request is handled, then its answer lost or replaced)
";

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Some(config)) => config,
        Ok(None) => {
            let _ = std::io::stdout().write_all(USAGE.as_bytes());
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "alipay-sandbox: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "alipay-sandbox: cannot start tokio: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let state = config.state.clone();
        let sandbox = match Sandbox::start(config).await {
            Ok(sandbox) => sandbox,
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "alipay-sandbox: {e}");
                return ExitCode::FAILURE;
            }
        };
        if let Err(e) = announce(&sandbox, state.as_deref()) {
            let _ = writeln!(std::io::stderr(), "alipay-sandbox: {e}");
            sandbox.shutdown().await;
            return ExitCode::FAILURE;
        }
        let stopped = interrupted().await;
        sandbox.shutdown().await;
        match stopped {
            Ok(()) => {
                let _ = writeln!(std::io::stderr(), "alipay-sandbox: stopped");
                ExitCode::SUCCESS
            }
            Err(e) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "alipay-sandbox: cannot wait for Ctrl-C: {e}"
                );
                ExitCode::FAILURE
            }
        }
    })
}

/// Waits for Ctrl-C, or SIGTERM on Unix.
async fn interrupted() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result,
            _ = term.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}

/// `Ok(None)` for `--help`.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<SandboxConfig>, String> {
    let mut config = SandboxConfig::default();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg, None),
        };
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--addr" => {
                let v = value()?;
                config.addr = v
                    .parse::<SocketAddr>()
                    .map_err(|e| format!("--addr {v:?}: {e}"))?;
            }
            "--state" => config.state = Some(PathBuf::from(value()?)),
            "--time-factor" => {
                let v = value()?;
                config.time_factor = v
                    .parse::<f64>()
                    .map_err(|e| format!("--time-factor {v:?}: {e}"))?;
            }
            "--notify-id-factor" => {
                let v = value()?;
                config.notify_id_factor = Some(
                    v.parse::<f64>()
                        .map_err(|e| format!("--notify-id-factor {v:?}: {e}"))?,
                );
            }
            "--fault" => {
                let v = value()?;
                config
                    .fault_rules
                    .push(v.parse().map_err(|e| format!("--fault: {e}"))?);
            }
            "--seed" => {
                let v = value()?;
                config.seed = Some(v.parse::<u64>().map_err(|e| format!("--seed {v:?}: {e}"))?);
            }
            "--strict" => config.strict = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Some(config))
}

fn announce(sandbox: &Sandbox, state: Option<&Path>) -> std::io::Result<()> {
    let partner: &PartnerCredentials = sandbox.first_partner();
    let mut out = std::io::stdout().lock();
    writeln!(out, "gateway:  {}", sandbox.gateway_url())?;
    writeln!(out, "admin:    http://{}/admin/", sandbox.addr())?;
    writeln!(out, "partner:  {}", partner.partner)?;
    writeln!(out, "md5 key:  {}", partner.md5_key)?;
    match state {
        Some(state) => {
            let files = [
                (
                    "merchant_private_key",
                    &partner.merchant_private_key_pem,
                    true,
                ),
                (
                    "merchant_public_key",
                    &partner.merchant_public_key_pem,
                    false,
                ),
                ("alipay_public_key", &partner.alipay_public_key_pem, false),
            ];
            for (name, pem, private) in files {
                let mut path = state.as_os_str().to_owned();
                path.push(format!(".{name}.pem"));
                let path = PathBuf::from(path);
                write_pem(&path, pem, private)?;
                writeln!(
                    out,
                    "{:<22}{}",
                    format!("{}:", name.replace('_', " ")),
                    path.display()
                )?;
            }
        }
        None => {
            writeln!(
                out,
                "merchant private key (RSA 2048, PKCS#8):\n{}",
                partner.merchant_private_key_pem
            )?;
            writeln!(
                out,
                "merchant public key:\n{}",
                partner.merchant_public_key_pem
            )?;
            writeln!(out, "alipay public key:\n{}", partner.alipay_public_key_pem)?;
        }
    }
    writeln!(out, "serving; Ctrl-C stops")?;
    out.flush()
}

/// Writes a PEM file; a private key is readable by its owner only (on Unix).
fn write_pem(path: &Path, pem: &str, private: bool) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::PermissionsExt as _;
        // An existing file keeps its mode on open: narrow it.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = private;
    file.write_all(pem.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Option<SandboxConfig>, String> {
        parse_args(list.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn parses_flags() {
        let c = args(&[
            "--addr",
            "127.0.0.1:8480",
            "--state=s.db",
            "--time-factor",
            "0.01",
            "--seed",
            "7",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:8480");
        assert_eq!(c.state, Some(PathBuf::from("s.db")));
        assert!((c.time_factor - 0.01).abs() < 1e-12);
        assert_eq!(c.seed, Some(7));
        assert!(args(&["--help"]).unwrap().is_none());
        assert!(args(&["--addr"]).is_err());
        assert!(args(&["--bogus"]).is_err());
        assert!(args(&["--time-factor", "x"]).is_err());
    }

    #[test]
    fn parses_fault_rules_and_the_notify_id_factor() {
        let c = args(&[
            "--notify-id-factor",
            "1",
            "--fault",
            "after:drop:service=send_goods_confirm_by_platform",
            "--fault=before:retry:trade=2026:times=2",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(c.notify_id_factor, Some(1.0));
        let rules: Vec<String> = c.fault_rules.iter().map(ToString::to_string).collect();
        assert_eq!(
            rules,
            [
                "after:drop:service=send_goods_confirm_by_platform:times=1",
                "before:retry:trade=2026:times=2"
            ]
        );
        let err = args(&["--fault", "after:explode"]).unwrap_err();
        assert!(err.contains("--fault") && err.contains("explode"), "{err}");
    }
}
