//! Replays every committed fuzz input (`fuzz/corpus/<target>/`, minimised, and
//! `fuzz/regressions/<target>/`, each input that once crashed, hung or blew up a target) through
//! the same checks the fuzz targets run (`fuzz/checks.rs`). CI does not run the fuzzers; this keeps
//! what they found fixed.
#![allow(clippy::unwrap_used)]

#[path = "../../fuzz/checks.rs"]
mod checks;

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
fn envelope_corpus() {
    replay("envelope", checks::envelope);
}

#[test]
fn responses_corpus() {
    replay("responses", checks::responses);
}

#[test]
fn notification_corpus() {
    replay("notification", checks::notification);
}

#[test]
fn form_corpus() {
    replay("form", checks::form);
}

#[test]
fn declared_notification_corpus() {
    replay("declared_notification", checks::declared_notification);
}

#[test]
fn items_corpus() {
    replay("items", checks::items);
}
