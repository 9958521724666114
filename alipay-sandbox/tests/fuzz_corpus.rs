//! Replays the sandbox's fuzz corpora (`fuzz/corpus/<target>/`, and any
//! `fuzz/regressions/<target>/`) through the fuzz targets' checks (`fuzz/sandbox_checks.rs`):
//! `sandbox_request`, `multipart` and `cashier`.
#![allow(clippy::unwrap_used)]

#[path = "../../fuzz/sandbox_checks.rs"]
mod sandbox_checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut count = 0;
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{} fails its check", path.display());
            count += 1;
        }
    }
    assert!(count > 0, "no corpus for {target}");
}

#[test]
fn sandbox_request_corpus() {
    replay("sandbox_request", sandbox_checks::sandbox_request);
}

#[test]
fn multipart_corpus() {
    replay("multipart", sandbox_checks::multipart);
}

#[test]
fn cashier_corpus() {
    replay("cashier", sandbox_checks::cashier);
}
