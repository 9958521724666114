#!/usr/bin/env bash
# Compile time of 50 declared services: `#[derive(Request, Response)]` versus the same structs with
# only `serde::Deserialize`. Dependencies are built first; then each crate's own `cargo build` is
# timed (touching lib.rs) RUNS times, alternating, and the medians and their ratio are printed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
runs=${RUNS:-5}
export CARGO_TARGET_DIR="$work/target"
for mode in derive serde; do
  python3 "$here/generate.py" "$work/$mode" --mode "$mode" --services "${SERVICES:-50}"
  cargo build -q --manifest-path "$work/$mode/Cargo.toml"   # warm: dependencies
done
declare -A times
for i in $(seq "$runs"); do
  for mode in derive serde; do
    touch "$work/$mode/src/lib.rs"
    s=$(date +%s.%N)
    cargo build -q --manifest-path "$work/$mode/Cargo.toml"
    e=$(date +%s.%N)
    times[$mode]+="$(python3 -c "print($e - $s)") "
  done
done
python3 - "${times[derive]}" "${times[serde]}" <<'PY'
import statistics, sys
d = [float(x) for x in sys.argv[1].split()]
s = [float(x) for x in sys.argv[2].split()]
md, ms = statistics.median(d), statistics.median(s)
print(f"derive: median {md:.2f} s  runs {d}")
print(f"serde:  median {ms:.2f} s  runs {s}")
print(f"ratio derive/serde: {md/ms:.2f}x")
PY
rm -rf "$work"
