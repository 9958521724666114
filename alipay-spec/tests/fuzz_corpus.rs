//! Replays the `spec_import` fuzz corpus (`fuzz/corpus/spec_import/`, and any
//! `fuzz/regressions/spec_import/`) through the fuzz target's check (`fuzz/spec_checks.rs`).
#![allow(clippy::unwrap_used)]

#[path = "../../fuzz/spec_checks.rs"]
mod spec_checks;

use std::path::Path;

#[test]
fn spec_import_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut count = 0;
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join("spec_import")) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| spec_checks::spec_import(&data));
            assert!(outcome.is_ok(), "{} fails its check", path.display());
            count += 1;
        }
    }
    assert!(count > 0, "no corpus");
}
