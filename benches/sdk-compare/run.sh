#!/usr/bin/env bash
# This project against the most used Alipay SDKs of other languages (issue 6): the official Node
# `alipay-sdk` (npm) and `python-alipay-sdk` (PyPI), on the same three workloads and the same input
# files, in one sitting, with `openssl speed rsa2048` before and after. Prints one markdown table.
#
#   benches/sdk-compare/run.sh
#
# ROUNDS (default 3): the three harnesses run one after the other, ROUNDS times; each workload's
# figure is its lowest median over the rounds. BENCH_SECONDS (default 2): timed seconds per workload
# per round. Every time is wall-clock, openssl's too (`-elapsed`: by default it divides by CPU user
# time, which would hide the load of a shared machine from it but not from the harnesses).
#
# Idempotent: the SDKs are installed (pinned) into benches/sdk-compare/.work/ only when missing.
# Needs node + npm, python3 (with venv), openssl, cargo. RUST_WORKSPACE points at another checkout
# of this workspace to build the Rust side from (default: this one); CARGO_TARGET_DIR is honoured.
set -euo pipefail

NODE_SDK_VERSION=4.14.0          # npm alipay-sdk
FAST_XML_PARSER_VERSION=5.12.1   # npm fast-xml-parser: the Node side's XML parser (the SDK has none)
PY_SDK_VERSION=3.4.0             # PyPI python-alipay-sdk
PYCRYPTODOMEX_VERSION=3.24.2     # PyPI pycryptodomex: python-alipay-sdk's RSA

here=$(cd "$(dirname "$0")" && pwd)
root=${RUST_WORKSPACE:-$(cd "$here/../.." && pwd)}
work="$here/.work"
rounds=${ROUNDS:-3}
export BENCH_SECONDS=${BENCH_SECONDS:-2}

die() { echo "sdk-compare: $*" >&2; exit 1; }
say() { echo "sdk-compare: $*" >&2; }

for tool in node npm python3 openssl cargo; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required but not on PATH"
done
mkdir -p "$work/logs"
rm -rf "$work/results"
mkdir -p "$work/results"

# --- 1. Install the SDKs (only what is missing or at another version) -------------------------
node_version() {
  node -p "require('$work/node/node_modules/$1/package.json').version" 2>/dev/null || true
}
if [[ $(node_version alipay-sdk) != "$NODE_SDK_VERSION" ||
      $(node_version fast-xml-parser) != "$FAST_XML_PARSER_VERSION" ]]; then
  say "installing alipay-sdk@$NODE_SDK_VERSION and fast-xml-parser@$FAST_XML_PARSER_VERSION from npm"
  mkdir -p "$work/node"
  npm install --prefix "$work/node" --no-audit --no-fund \
      "alipay-sdk@$NODE_SDK_VERSION" "fast-xml-parser@$FAST_XML_PARSER_VERSION" \
      >"$work/logs/npm.log" 2>&1 ||
    { tail -n 20 "$work/logs/npm.log" >&2
      die "npm install of alipay-sdk@$NODE_SDK_VERSION failed (version not published, or registry unreachable); log: $work/logs/npm.log"; }
fi

py="$work/venv/bin/python"
py_installed() {
  "$py" - "$PY_SDK_VERSION" "$PYCRYPTODOMEX_VERSION" 2>/dev/null <<'PY'
import importlib.metadata as m, sys
sys.exit(0 if (m.version("python-alipay-sdk"), m.version("pycryptodomex")) == tuple(sys.argv[1:]) else 1)
PY
}
if ! py_installed; then
  say "installing python-alipay-sdk==$PY_SDK_VERSION from PyPI into a venv"
  [[ -x $py ]] || python3 -m venv "$work/venv" >"$work/logs/venv.log" 2>&1 ||
    die "python3 -m venv failed (is python3-venv installed?); log: $work/logs/venv.log"
  "$py" -m pip install --disable-pip-version-check \
      "python-alipay-sdk==$PY_SDK_VERSION" "pycryptodomex==$PYCRYPTODOMEX_VERSION" \
      >"$work/logs/pip.log" 2>&1 ||
    { tail -n 20 "$work/logs/pip.log" >&2
      die "pip install of python-alipay-sdk==$PY_SDK_VERSION failed (version not published, or registry unreachable); log: $work/logs/pip.log"; }
fi

# --- 2. The inputs every harness reads -------------------------------------------------------
python3 "$here/gen_inputs.py" "$work/inputs" || die "gen_inputs.py failed"

# --- 3. Build the Rust side in release (the bench profile) -----------------------------------
say "building alipay-core's sdk_workloads bench in $root"
rust_bench=$(cd "$root" &&
  cargo bench -p alipay-core --bench sdk_workloads --no-run --message-format=json 2>"$work/logs/cargo.log" |
  python3 -c '
import json, sys
for line in sys.stdin:
    msg = json.loads(line)
    if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == "sdk_workloads" and msg.get("executable"):
        print(msg["executable"])') || true
[[ -n $rust_bench && -x $rust_bench ]] ||
  { tail -n 20 "$work/logs/cargo.log" >&2; die "building the Rust bench failed; log: $work/logs/cargo.log"; }

# --- 4. One sitting ---------------------------------------------------------------------------
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
load_before=$(loadavg)
say "load average before: $load_before"
say "openssl speed -elapsed -seconds 3 rsa2048 (before)"
openssl speed -elapsed -seconds 3 rsa2048 >"$work/results/openssl-1-before.txt" 2>/dev/null ||
  die "openssl speed failed"
for round in $(seq "$rounds"); do
  say "round $round/$rounds: this project"
  SDK_COMPARE_INPUTS="$work/inputs" "$rust_bench" --bench --json >"$work/results/rust-$round.json" ||
    die "the Rust bench failed"
  say "round $round/$rounds: Node alipay-sdk"
  node "$here/node_harness.cjs" "$work/inputs" "$work/node/node_modules" \
    >"$work/results/node-$round.json" || die "the Node harness failed"
  say "round $round/$rounds: python-alipay-sdk"
  "$py" "$here/python_harness.py" "$work/inputs" >"$work/results/python-$round.json" ||
    die "the Python harness failed"
done
say "openssl speed -elapsed -seconds 3 rsa2048 (after)"
openssl speed -elapsed -seconds 3 rsa2048 >"$work/results/openssl-2-after.txt" 2>/dev/null ||
  die "openssl speed failed"
load_after=$(loadavg)
say "load average after: $load_after"

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
python3 - "$work/results/sitting.json" <<PY
import json, sys
json.dump({
    "date": "$(date -u '+%Y-%m-%d %H:%M UTC')",
    "machine": "$(uname -m), $(nproc) CPUs, ${cpu:-unknown CPU}",
    "cpus": $(nproc),
    "load_before": "$load_before",
    "load_after": "$load_after",
    "bench_seconds": "$BENCH_SECONDS",
    "openssl": "$(openssl version | cut -d' ' -f1-2)",
    "commit": "$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)",
    "rustc": "$(cd "$root" && rustc --version)",
}, open(sys.argv[1], "w"))
PY

# --- 5. Check the outputs and print the table --------------------------------------------------
python3 "$here/report.py" "$work" || die "report.py failed"
