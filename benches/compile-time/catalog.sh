#!/usr/bin/env bash
# Compile time of the real catalog (issue 13): `alipay-services` as it is against the same structs
# deriving only `serde::Deserialize` (`catalog.py`). Dependencies are built first; then, RUNS times,
# alternating between the two crates: a clean build of the crate alone (`cargo clean -p`), and a
# rebuild after one service's file changed (`touch src/services/close_trade.rs`). Prints the medians
# and their ratios.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
runs=${RUNS:-5}
export CARGO_TARGET_DIR="$work/target"
for mode in derive serde; do
  python3 "$here/catalog.py" "$work/$mode" --mode "$mode" --repo "$repo"
  cargo build -q --manifest-path "$work/$mode/Cargo.toml"   # warm: dependencies
done
declare -A clean one
timed() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); python3 -c "print(round($e - $s, 3))"; }
for i in $(seq "$runs"); do
  for mode in derive serde; do
    cargo clean -q -p "catalog-$mode" --manifest-path "$work/$mode/Cargo.toml"
    clean[$mode]+="$(timed cargo build -q --manifest-path "$work/$mode/Cargo.toml") "
    touch "$work/$mode/src/services/close_trade.rs"
    one[$mode]+="$(timed cargo build -q --manifest-path "$work/$mode/Cargo.toml") "
  done
done
python3 - "${clean[derive]}" "${clean[serde]}" "${one[derive]}" "${one[serde]}" <<'PY'
import statistics, sys
cd, cs, od, os_ = ([float(x) for x in a.split()] for a in sys.argv[1:5])
for what, d, s in (("clean build", cd, cs), ("one service changed", od, os_)):
    md, ms = statistics.median(d), statistics.median(s)
    print(f"{what}: derive median {md:.2f} s {d}; serde median {ms:.2f} s {s}; ratio {md/ms:.2f}x")
PY
rm -rf "$work"
