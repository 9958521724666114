#!/usr/bin/env python3
"""Import cycles between the files of each crate of the workspace.

A file imports another when it names an item the other file defines: through `use crate::…`,
`use super::…`, `use self::…`, a child module's name, or such a path written inline in the code.
Re-exports are followed to the file that defines the item (a parent module's `pub use child::X`
is a pass-through, not an import of the child), and `mod x;` declarations are not imports.
`#[cfg(test)]` modules inside a file are skipped. Any two files that import each other, directly
or through others, are reported, and the exit status is 1.

    python3 scripts/import_cycles.py            # every crate of the workspace
    python3 scripts/import_cycles.py alipay-sandbox
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ITEM = re.compile(
    r"^(?:pub(?:\([^)]*\))?\s+)?(?:(?:async|const|unsafe|extern\s+\"C\")\s+)*"
    r"(?:fn|struct|enum|trait|type|const|static|union)\s+(\w+)"
)
MACRO = re.compile(r"^macro_rules!\s*(\w+)")
MOD = re.compile(r"^(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;")
PATH_ATTR = re.compile(r'^#\[path\s*=\s*"([^"]+)"\]')
INLINE = re.compile(r"\b((?:crate|super|self)(?:::\w+)+)")


class Module:
    def __init__(self, path, file, parent):
        self.path = path  # tuple of names from the crate root
        self.file = file
        self.parent = parent
        self.children = {}
        self.items = set()
        self.reexports = {}  # name -> (module, segments) it comes from
        self.uses = []  # (segments) as written, resolved later
        self.inline = []


def strip_tests(lines):
    """Drops `#[cfg(test)]` items (a module or a function) and comment lines."""
    out, skip_depth, pending = [], None, False
    for line in lines:
        if skip_depth is not None:
            skip_depth += line.count("{") - line.count("}")
            if skip_depth <= 0 and "}" in line:
                skip_depth = None
            continue
        stripped = line.strip()
        if stripped.startswith("#[cfg(test)]"):
            pending = True
            continue
        if pending:
            pending = False
            if "{" in line:
                depth = line.count("{") - line.count("}")
                skip_depth = depth if depth > 0 else None
            continue
        if stripped.startswith("//"):
            continue
        out.append(line)
    return out


def use_paths(text):
    """Every path of every `use` statement that is not a re-export (`pub use`, `pub(crate) use`),
    as lists of segments (groups expanded)."""
    paths = []
    for m in re.finditer(r"(\bpub(?:\([^)]*\))?\s+)?\buse\s+([^;]+);", text):
        if m.group(1):
            continue
        tree = re.sub(r"\s+", "", m.group(2))
        paths.extend(expand(tree))
    return paths


def expand(tree):
    if "{" not in tree:
        tree = re.sub(r"as\w+$", "", tree) if "as" in tree and "::" in tree else tree
        name = tree.split("as")[0] if re.search(r"\w+as\w+$", tree) else tree
        return [[s for s in name.split("::") if s]]
    head, rest = tree.split("{", 1)
    inner = rest[: rest.rfind("}")]
    parts, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    if cur:
        parts.append(cur)
    prefix = [s for s in head.split("::") if s]
    out = []
    for part in parts:
        for p in expand(part):
            out.append(prefix + p)
    return out


def load_crate(src):
    roots = [p for p in (src / "lib.rs", src / "main.rs") if p.exists()]
    modules = []
    for root in roots:
        modules.extend(load_module((), root, None, root.parent))
    return modules


def load_module(path, file, parent, dir_):
    m = Module(path, file, parent)
    lines = strip_tests(file.read_text().splitlines())
    text = "\n".join(lines)
    found = [m]
    pending_path = None
    for line in lines:
        if line.startswith((" ", "\t")):
            continue
        pa = PATH_ATTR.match(line)
        if pa:
            pending_path = pa.group(1)
            continue
        mm = MOD.match(line)
        if mm:
            name = mm.group(1)
            if pending_path:
                child_file = dir_ / pending_path
            elif (dir_ / f"{name}.rs").exists():
                child_file = dir_ / f"{name}.rs"
            else:
                child_file = dir_ / name / "mod.rs"
            pending_path = None
            if not child_file.exists():
                continue
            child_dir = child_file.parent if child_file.name == "mod.rs" else dir_ / name
            sub = load_module(path + (name,), child_file, m, child_dir)
            m.children[name] = sub[0]
            found.extend(sub)
            continue
        if not line.startswith("#"):
            pending_path = None
        for rx in (ITEM, MACRO):
            im = rx.match(line)
            if im:
                m.items.add(im.group(1))
    m.uses = use_paths(text)
    for um in re.finditer(r"^(?:pub(?:\([^)]*\))?\s+)?use\s+([^;]+);", text, re.M):
        for segs in expand(re.sub(r"\s+", "", um.group(1))):
            if segs:
                alias = segs[-1]
                m.reexports.setdefault(alias, segs)
    code = re.sub(r"\buse\s+[^;]+;", "", text)
    m.code = code
    m.inline = [p.split("::") for p in INLINE.findall(code)]
    # Paths through a child module named at the start (`child::Item` inline).
    for name in m.children:
        for p in re.findall(r"(?<![\w:])(" + name + r"(?:::\w+)+)", code):
            m.inline.append(p.split("::"))
    return found


def resolve(module, segs, root, depth=0):
    """The module whose file defines what `segs` (relative to `module`) names, or None."""
    if depth > 20 or not segs:
        return None
    cur = module
    i = 0
    if segs[0] == "crate":
        cur, i = root, 1
    elif segs[0] == "self":
        i = 1
    elif segs[0] == "super":
        while i < len(segs) and segs[i] == "super":
            cur = cur.parent
            i += 1
            if cur is None:
                return None
    elif segs[0] not in module.children:
        return None  # an external crate or a prelude name
    while i < len(segs) and segs[i] in cur.children:
        cur = cur.children[segs[i]]
        i += 1
    if i >= len(segs):
        return cur  # the module itself
    name = segs[i]
    if name in ("*",) or name in cur.items:
        return cur
    if name in cur.reexports:
        target = cur.reexports[name]
        if target[0] not in ("crate", "super", "self") and target[0] not in cur.children:
            return cur  # re-export of an external crate's item
        found = resolve(cur, target, root, depth + 1)
        return found or cur
    return cur


def module_aliases(m, root):
    """Inline paths through a module imported by name (`use crate::services;` … `services::x::f`),
    rewritten to start from the crate root."""
    out = []
    for segs in m.uses:
        if not segs or segs[-1] in ("*", "self"):
            continue
        target = resolve(m, segs, root)
        if target is None or not target.path or target.path[-1] != segs[-1]:
            continue
        name = segs[-1]
        if name in m.children:
            continue  # already scanned as a child
        for p in re.findall(r"(?<![\w:])" + name + r"((?:::\w+)+)", m.code):
            out.append(["crate", *target.path, *p.split("::")[1:]])
    return out


def cycles(modules):
    root = next(m for m in modules if m.path == ())
    edges = {m.file: set() for m in modules}
    for m in modules:
        for segs in m.uses + m.inline + module_aliases(m, root):
            if not segs or segs[0] not in ("crate", "super", "self") and segs[0] not in m.children:
                continue
            target = resolve(m, segs, root)
            if target is not None and target.file != m.file:
                edges[m.file].add(target.file)
    # Tarjan's strongly connected components.
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in list(edges):
        if v not in index:
            strong(v)
    return out, edges


def main():
    wanted = sys.argv[1:]
    crates = sorted(p.parent for p in ROOT.glob("*/Cargo.toml") if (p.parent / "src").is_dir())
    failed = False
    for crate in crates:
        if wanted and crate.name not in wanted:
            continue
        modules = load_crate(crate / "src")
        if not modules:
            continue
        comps, edges = cycles(modules)
        for comp in comps:
            failed = True
            names = [str(p.relative_to(ROOT)) for p in comp]
            print(f"cycle in {crate.name}: {len(comp)} files")
            for f in comp:
                inside = sorted(str(t.relative_to(ROOT)) for t in edges[f] if t in comp)
                print(f"  {f.relative_to(ROOT)} -> {', '.join(inside)}")
        if not comps:
            print(f"{crate.name}: no import cycle ({len(modules)} files)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
