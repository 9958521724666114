//! A real PostgreSQL server for the tests: `initdb` into a temporary directory, `pg_ctl start` on a
//! free loopback port, stopped and removed on drop.
//!
//! The binaries are looked up in `ALIPAY_TEST_PG_BIN`, then Debian's
//! `/usr/lib/postgresql/<version>/bin` (the newest), then `PATH`. PostgreSQL refuses to run as root, so as root the server
//! runs as the `postgres` user (Debian's package creates it) or `nobody`, through `runuser`.
//! Without the binaries a test says so and passes, unless `CI` is set: CI never skips.
#![allow(dead_code, unreachable_pub)]

use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub struct PgServer {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    /// The OS user the server runs as, when the tests run as root.
    run_as: Option<String>,
}

/// Where `initdb` and `pg_ctl` are, if anywhere.
fn find_bin() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ALIPAY_TEST_PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").is_file())
        .collect();
    versions.sort();
    if let Some(debian) = versions.pop() {
        return Some(debian);
    }
    // `initdb` on PATH may be a link into the server's directory, which holds the rest.
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("initdb"))
        .find(|initdb| initdb.is_file())
        .and_then(|initdb| std::fs::canonicalize(initdb).ok())
        .and_then(|initdb| initdb.parent().map(Path::to_path_buf))
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn user_exists(name: &str) -> bool {
    Command::new("id")
        .arg(name)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

impl PgServer {
    /// A new server, or `None` (with a message) when PostgreSQL is not installed and `CI` is unset.
    /// For speed it does not sync to disk (`fsync = off`): the tests crash the server, not the
    /// machine.
    pub fn start() -> Option<Self> {
        Self::start_with("fsync = off\nfull_page_writes = off\n")
    }

    /// A server with PostgreSQL's default durability (every commit synced to disk), for benchmarks.
    pub fn start_durable() -> Option<Self> {
        Self::start_with("")
    }

    fn start_with(extra_conf: &str) -> Option<Self> {
        let Some(bin) = find_bin() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "PostgreSQL's server binaries (initdb, pg_ctl) are not installed; CI must install \
                 Debian's `postgresql` package"
            );
            eprintln!(
                "SKIPPED: PostgreSQL's server binaries (initdb, pg_ctl) were not found in \
                 ALIPAY_TEST_PG_BIN, PATH or /usr/lib/postgresql/*/bin; install Debian's \
                 `postgresql` package to run this test"
            );
            return None;
        };
        static SEQ: AtomicU32 = AtomicU32::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!(
            "alipay-pg-{}-{nanos}-{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        let run_as = is_root().then(|| {
            let user = if user_exists("postgres") {
                "postgres"
            } else {
                "nobody"
            };
            let status = Command::new("chown")
                .args(["-R", user])
                .arg(&dir)
                .status()
                .unwrap();
            assert!(status.success(), "chown {user} {}", dir.display());
            user.to_owned()
        });
        std::fs::set_permissions(dir.join("data"), std::fs::Permissions::from_mode(0o700)).unwrap();
        let port = {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let server = Self {
            dir,
            bin,
            port,
            run_as,
        };
        let data = server.data();
        let out = server.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "alipay",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        );
        assert!(out.status.success(), "initdb failed: {}", show(&out));
        let conf = format!(
            "listen_addresses = '127.0.0.1'\nport = {}\nunix_socket_directories = '{}'\n\
             max_connections = 300\n{extra_conf}",
            server.port,
            server.dir.display()
        );
        let conf_path = server.dir.join("data").join("postgresql.conf");
        let mut existing = std::fs::read_to_string(&conf_path).unwrap();
        existing.push_str(&conf);
        std::fs::write(&conf_path, existing).unwrap();
        server.pg_ctl_start();
        Some(server)
    }

    fn data(&self) -> String {
        self.dir.join("data").display().to_string()
    }

    /// Runs one of the server's programs, as the server's user.
    fn run(&self, program: &str, args: &[&str]) -> Output {
        let exe = self.bin.join(program);
        let mut cmd = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&exe);
                c
            }
            None => Command::new(&exe),
        };
        cmd.args(args)
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("{}: {e}", exe.display()))
    }

    fn pg_ctl_start(&self) {
        let log = self.dir.join("server.log").display().to_string();
        let out = self.run(
            "pg_ctl",
            &["start", "-w", "-t", "60", "-D", &self.data(), "-l", &log],
        );
        assert!(
            out.status.success(),
            "pg_ctl start failed: {}\n{}",
            show(&out),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        self.wait_accepting(Duration::from_secs(30));
    }

    fn wait_accepting(&self, within: Duration) {
        let deadline = Instant::now() + within;
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "PostgreSQL does not listen");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `postgres://alipay@127.0.0.1:<port>/postgres`.
    pub fn url(&self) -> String {
        format!("postgres://alipay@127.0.0.1:{}/postgres", self.port)
    }

    /// The URL of database `name` on this server, created empty.
    pub fn database(&self, name: &str) -> String {
        let out = self.run(
            "createdb",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                "alipay",
                name,
            ],
        );
        assert!(out.status.success(), "createdb {name}: {}", show(&out));
        format!("postgres://alipay@127.0.0.1:{}/{name}", self.port)
    }

    /// Stops the server (`-m fast`: connections are closed, the server shuts down cleanly).
    pub fn stop(&self) {
        let out = self.run("pg_ctl", &["stop", "-w", "-m", "fast", "-D", &self.data()]);
        assert!(out.status.success(), "pg_ctl stop failed: {}", show(&out));
    }

    /// Kills the server as a crash would (`-m immediate`: no checkpoint; WAL is replayed on start).
    pub fn crash(&self) {
        let out = self.run(
            "pg_ctl",
            &["stop", "-w", "-m", "immediate", "-D", &self.data()],
        );
        assert!(out.status.success(), "pg_ctl stop failed: {}", show(&out));
    }

    /// Starts the server again after [`stop`](Self::stop) or [`crash`](Self::crash).
    pub fn start_again(&self) {
        self.pg_ctl_start();
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let _ = self.run(
            "pg_ctl",
            &["stop", "-w", "-m", "immediate", "-D", &self.data()],
        );
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn show(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
