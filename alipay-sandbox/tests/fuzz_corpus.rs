//! Replays the `sandbox_request` fuzz corpus (`fuzz/corpus/sandbox_request/`, and any
//! `fuzz/regressions/sandbox_request/`) through the fuzz target's checks.
#![allow(clippy::unwrap_used)]

#[path = "../../fuzz/sandbox_checks.rs"]
mod sandbox_checks;

use std::path::Path;

#[test]
fn sandbox_request_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut count = 0;
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join("sandbox_request")) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| sandbox_checks::sandbox_request(&data));
            assert!(outcome.is_ok(), "{} fails its check", path.display());
            count += 1;
        }
    }
    assert!(count > 0, "no corpus");
}
