#!/usr/bin/env python3
"""The real catalog, twice, for the compile-time comparison of issue 13.

    catalog.py OUT_DIR --mode derive|serde --repo REPO

`derive`: a copy of `alipay-services` as it is (its build script, every service module: the
derives, error tables, rules and all).
`serde`: the same structs and `wire_enum!` types, each struct deriving only `serde::Deserialize`:
every `#[alipay(...)]` attribute and everything that is not a type definition (error tables, rule
functions, impls) is left out, and the field types serde has no derive-free equivalent for are
written the way a serde user would: `Items<T, 'c'>` and `Records<T>` as `Vec<T>`, `Fields<T>` and
`Json<T>` as `T`. The wire values (`Amount`, `DateTime`, the `wire_enum!` types, …) keep their
types: with `alipay-core`'s feature `json` they implement `Deserialize` with their own rules.
"""
import argparse
import pathlib
import re
import shutil

PRELUDE = """#![allow(dead_code, missing_docs, unused_imports)]
use alipay_core::types::*;
"""


def items(text):
    """Top-level items of a module: (start, end) spans found by brace matching; the attributes and
    doc comments before an item belong to it."""
    out, i, n = [], 0, len(text)
    depth, start = 0, None
    line_start = True
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c == "'" and i + 2 < n and text[i + 2] == "'":  # a char literal such as '#'
            i += 3
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    return out


def serde_module(text):
    out = [PRELUDE]
    # Type re-exports from other modules (functions and constants are left out).
    for m in re.finditer(r"^pub use crate::(\w+)::(\{[^}]*\}|\w+);", text, re.M):
        names = [x.strip() for x in m.group(2).strip("{}").split(",") if x.strip()]
        names = [x for x in names if x[:1].isupper() and not x.isupper()]
        if names:
            out.append(f"pub use crate::{m.group(1)}::{{{', '.join(names)}}};")
    # wire_enum! blocks and struct/enum definitions, with their doc comments and attributes.
    pattern = re.compile(
        r"((?:^[ \t]*(?:///[^\n]*|#\[[^\n]*\]|#\[[^\]]*?\n(?:[^\n]*\n)*?[ \t]*\)\])\n)*)"
        r"^(alipay_core::wire_enum! \{|pub (?:struct|enum) \w+ \{)",
        re.M,
    )
    pos = 0
    for m in pattern.finditer(text):
        if m.start() < pos:
            continue
        start = m.end() - 1  # the opening brace
        depth, j = 0, start
        while True:
            if text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        body = text[m.start(): j + 1]
        pos = j + 1
        out.append(rewrite(body))
    return "\n\n".join(out) + "\n"


def rewrite(item):
    if item.lstrip().startswith("alipay_core::wire_enum!") or "alipay_core::wire_enum!" in item.split("\n")[0]:
        return item
    lines, keep, skipping = item.split("\n"), [], 0
    for line in lines:
        s = line.strip()
        if skipping:
            skipping += s.count("(") - s.count(")")
            if skipping <= 0:
                skipping = 0
            continue
        if s.startswith("#[alipay("):
            if s.count("(") > s.count(")"):
                skipping = s.count("(") - s.count(")")
            continue
        if s.startswith("#[cfg_attr(feature = \"serde\""):
            continue
        if s.startswith("#[derive("):
            derives = [d.strip() for d in s[len("#[derive("):-2].split(",") if d.strip()]
            derives = [d for d in derives if d.split("::")[-1] not in ("Request", "Response", "Notification", "ListItem", "Serialize", "Deserialize")]
            line = line[: len(line) - len(line.lstrip())] + "#[derive(" + ", ".join(derives + ["serde::Deserialize"]) + ")]"
        line = re.sub(r"Items<([\w:]+), '.'>", r"Vec<\1>", line)
        line = re.sub(r"Records<([\w:]+)>", r"Vec<\1>", line)
        line = re.sub(r"(?:Fields|Json)<([\w:]+)>", r"\1", line)
        keep.append(line)
    return "\n".join(keep)


def manifest(mode, core, extra):
    """The copy's Cargo.toml: its own workspace, the same dependencies for both modes."""
    return f"""[package]
name = "catalog-{mode}"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
alipay-core = {{ path = "{core}", features = ["json"] }}
serde = {{ version = "1", features = ["derive"] }}
{extra}
[workspace]
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mode", choices=["derive", "serde"], required=True)
    ap.add_argument("--repo", required=True)
    a = ap.parse_args()
    repo, out = pathlib.Path(a.repo).resolve(), pathlib.Path(a.out)
    if out.exists():
        shutil.rmtree(out)
    core = repo / "alipay-core"
    if a.mode == "derive":
        shutil.copytree(repo / "alipay-services" / "src", out / "src")
        shutil.copy(repo / "alipay-services" / "build.rs", out / "build.rs")
        (out / "Cargo.toml").write_text(manifest("derive", core, "\n[features]\nserde = []\n"))
        return
    (out / "src" / "services").mkdir(parents=True)
    modules = sorted((repo / "alipay-services" / "src" / "services").glob("*.rs"))
    lib = ["//! The catalog's structs with serde only.", "#![allow(dead_code, missing_docs)]"]
    for m in modules:
        (out / "src" / "services" / m.name).write_text(serde_module(m.read_text()))
        lib.append(f'#[path = "services/{m.name}"]\npub mod {m.stem};')
    (out / "src" / "lib.rs").write_text("\n".join(lib) + "\n")
    (out / "Cargo.toml").write_text(manifest("serde", core, ""))


if __name__ == "__main__":
    main()
