//! `alipay sandbox`: a local MAPI gateway (the `alipay-sandbox` crate) for tests and examples.

use std::io::Write;
use std::path::{Path, PathBuf};

use alipay_sandbox::{PartnerCredentials, Sandbox, SandboxConfig};

use crate::call::Service;
use crate::cli::SandboxArgs;
use crate::exit::Failure;

/// The folder the PEM files go to when there is no `--state` file.
const KEY_DIR: &str = "alipay-sandbox-keys";

/// Starts the sandbox, prints its gateway URL, the first partner's id and keys (and the files the
/// PEM keys were written to), then serves until Ctrl-C (or SIGTERM).
pub(crate) fn sandbox(args: &SandboxArgs, services: &[Service]) -> Result<(), Failure> {
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "warning: {} is not a loopback address: the sandbox speaks plain HTTP, and clients \
             accept plain HTTP only from a loopback gateway",
            args.addr
        );
    }
    if let Some(dir) = args
        .state
        .as_deref()
        .and_then(Path::parent)
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::general(format_args!("cannot create {}: {e}", dir.display())))?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::general(format_args!("cannot start the async runtime: {e}")))?;
    runtime.block_on(async {
        let config = SandboxConfig {
            addr: args.addr,
            state: args.state.clone(),
            time_factor: args.time_factor,
            notify_id_factor: args.notify_id_factor,
            fault_rules: args.faults.clone(),
            seed: args.seed,
            strict: args.strict,
            ..SandboxConfig::default()
        };
        let builder = services
            .iter()
            .fold(Sandbox::builder().config(config), |b, s| (s.register)(b));
        let sandbox = builder
            .start()
            .await
            .map_err(|e| Failure::general(format_args!("cannot start the sandbox: {e}")))?;
        let gateway = sandbox.gateway_url();
        let ready = write_keys(sandbox.first_partner(), args.state.as_deref())
            .and_then(|files| Ok((files, ShutdownSignal::install()?)));
        let result = match ready {
            Ok((files, signal)) => {
                print_banner(&gateway, sandbox.first_partner(), &files);
                signal.wait().await
            }
            Err(e) => Err(e),
        };
        sandbox.shutdown().await;
        eprintln!("sandbox stopped");
        result
    })
}

/// Where the three PEM files were written.
struct KeyFiles {
    merchant_private: PathBuf,
    merchant_public: PathBuf,
    alipay_public: PathBuf,
}

/// Writes the PEM keys next to the state file (`<state stem>-….pem`), or into
/// `./alipay-sandbox-keys/`. The private key file is readable by its owner only.
fn write_keys(creds: &PartnerCredentials, state: Option<&Path>) -> Result<KeyFiles, Failure> {
    let (dir, prefix) = match state {
        Some(state) => {
            let dir = state
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf();
            let stem = state
                .file_stem()
                .map(|s| format!("{}-", s.to_string_lossy()))
                .unwrap_or_default();
            (dir, stem)
        }
        None => (PathBuf::from(KEY_DIR), String::new()),
    };
    std::fs::create_dir_all(&dir)
        .map_err(|e| Failure::general(format_args!("cannot create {}: {e}", dir.display())))?;
    // Absolute, so the printed `export` lines work from any directory.
    let dir = std::path::absolute(&dir).unwrap_or(dir);
    let files = KeyFiles {
        merchant_private: dir.join(format!("{prefix}merchant-private-key.pem")),
        merchant_public: dir.join(format!("{prefix}merchant-public-key.pem")),
        alipay_public: dir.join(format!("{prefix}alipay-public-key.pem")),
    };
    write_file(
        &files.merchant_private,
        &creds.merchant_private_key_pem,
        true,
    )?;
    write_file(
        &files.merchant_public,
        &creds.merchant_public_key_pem,
        false,
    )?;
    write_file(&files.alipay_public, &creds.alipay_public_key_pem, false)?;
    Ok(files)
}

fn write_file(path: &Path, text: &str, private: bool) -> Result<(), Failure> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(if private { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options
        .open(path)
        .map_err(|e| Failure::general(format_args!("cannot write {}: {e}", path.display())))?;
    // An existing file keeps its mode on open: narrow a private key's before writing it.
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(|e| {
                Failure::general(format_args!("cannot restrict {}: {e}", path.display()))
            })?;
    }
    file.write_all(text.as_bytes())
        .and_then(|()| {
            if text.ends_with('\n') {
                Ok(())
            } else {
                file.write_all(b"\n")
            }
        })
        .map_err(|e| Failure::general(format_args!("cannot write {}: {e}", path.display())))
}

/// The banner: what the sandbox created, then lines to paste into a shell.
fn print_banner(gateway: &str, creds: &PartnerCredentials, files: &KeyFiles) {
    let path = |p: &Path| shell_quote(&p.display().to_string());
    println!("Alipay sandbox gateway: {gateway}");
    println!("partner: {}", creds.partner);
    println!("MD5 key: {}", creds.md5_key);
    println!("merchant private key: {}", files.merchant_private.display());
    println!("merchant public key: {}", files.merchant_public.display());
    println!("Alipay public key: {}", files.alipay_public.display());
    println!();
    println!(
        "# Paste into a shell (MD5 by default; export ALIPAY_SIGN_TYPE=RSA2 to use the keys):"
    );
    println!("export ALIPAY_GATEWAY={}", shell_quote(gateway));
    println!("export ALIPAY_PARTNER={}", shell_quote(&creds.partner));
    println!("export ALIPAY_KEY={}", shell_quote(&creds.md5_key));
    println!(
        "export ALIPAY_PRIVATE_KEY={}",
        path(&files.merchant_private)
    );
    println!("export ALIPAY_PUBLIC_KEY={}", path(&files.alipay_public));
    println!();
    eprintln!("serving; press Ctrl-C to stop");
}

/// `text` as one shell word: unchanged when it is made of safe characters, else single-quoted.
fn shell_quote(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:@%+=,".contains(&b));
    if safe {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Ctrl-C (SIGINT) or SIGTERM, listened for from creation: the handlers are installed before
/// the banner says the sandbox is serving, so a signal sent right after it is not lost.
#[cfg(unix)]
struct ShutdownSignal {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl ShutdownSignal {
    fn install() -> Result<Self, Failure> {
        use tokio::signal::unix::{SignalKind, signal};
        let failed =
            |e: std::io::Error| Failure::general(format_args!("cannot listen for Ctrl-C: {e}"));
        Ok(Self {
            interrupt: signal(SignalKind::interrupt()).map_err(failed)?,
            terminate: signal(SignalKind::terminate()).map_err(failed)?,
        })
    }

    async fn wait(mut self) -> Result<(), Failure> {
        tokio::select! {
            _ = self.interrupt.recv() => Ok(()),
            _ = self.terminate.recv() => Ok(()),
        }
    }
}

/// Ctrl-C.
#[cfg(not(unix))]
struct ShutdownSignal;

#[cfg(not(unix))]
impl ShutdownSignal {
    fn install() -> Result<Self, Failure> {
        Ok(Self)
    }

    async fn wait(self) -> Result<(), Failure> {
        tokio::signal::ctrl_c()
            .await
            .map_err(|e| Failure::general(format_args!("cannot listen for Ctrl-C: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::shell_quote;

    #[test]
    fn quotes_only_what_the_shell_would_split() {
        assert_eq!(
            shell_quote("http://127.0.0.1:8080/gateway.do"),
            "http://127.0.0.1:8080/gateway.do"
        );
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }
}
