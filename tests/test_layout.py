"""The package's layout rules (issue 22), checked from its own source: imports, sizes, names.

- no import cycle between modules (every import counts, also one inside a function);
- no source file over 600 lines, no function over 60;
- the MkDocs plugin at most 120 lines, importing from the package only the site's
  plain functions and the cache's interface;
- extraction imports nothing of the site or the command line; the site and the analysis
  never import extraction, not even through another module (the plugin and the command
  line may run it);
- one ``slug`` (``briefs.format``), one YAML reader (``briefs/reader.py``), one problem type
  (``briefs.problem``).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 60
MAX_PLUGIN_LINES = 120
YAML_READERS = {"generator.briefs.reader", "generator.briefs.quickyaml"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _package_of(name: str) -> str:
    return name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Line numbers of imports under ``if TYPE_CHECKING:`` (for annotations: never run)."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            lines |= {n.lineno for b in node.body for n in ast.walk(b) if isinstance(n, (ast.Import, ast.ImportFrom))}
    return lines


def imports(name: str) -> set[str]:
    """The package's modules that module ``name`` imports, anywhere in it."""
    tree, found = TREES[name], set()
    skip = _type_checking_only(tree)
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(name).split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found |= {f"{target}.{a.name}" for a in node.names}   # a submodule imported by name
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports(name) for name in MODULES}


def closure(name: str) -> set[str]:
    seen, todo = set(), [name]
    while todo:
        for m in GRAPH[todo.pop()]:
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return seen


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))
    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return out


def in_package(name: str, *packages: str) -> bool:
    return any(name == f"generator.{p}" or name.startswith(f"generator.{p}.") for p in packages)


def test_no_import_cycles():
    assert _cycles() == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_sizes(name):
    path = MODULES[name]
    assert path.read_text(encoding="utf-8").count("\n") <= MAX_FILE_LINES, f"{path}: over {MAX_FILE_LINES} lines"
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(TREES[name])
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert long == [], f"{path}: functions over {MAX_FUNCTION_LINES} lines"


def test_the_plugin_only_adapts_mkdocs_events():
    path = MODULES["generator.site.plugin"]
    assert path.read_text(encoding="utf-8").count("\n") <= MAX_PLUGIN_LINES
    own = GRAPH["generator.site.plugin"]
    assert all(in_package(m, "site", "cache", "briefs", "cli") for m in own), own
    assert not own & {"generator.cache.forking", "generator.cache.collector", "generator.cache.files"}


def test_extraction_knows_nothing_of_the_site_or_the_command_line():
    for name in MODULES:
        if in_package(name, "extract"):
            assert not [m for m in closure(name) if in_package(m, "site", "cli")], name


def test_the_site_and_the_analysis_never_reach_extraction():
    for name in MODULES:
        if (in_package(name, "site", "analysis")) and name != "generator.site.plugin":
            reached = sorted(m for m in closure(name) if in_package(m, "extract"))
            assert reached == [], f"{name} reaches {reached}"


def _defined(kind, test) -> list[str]:
    return sorted(f"{name}.{node.name}" for name, tree in TREES.items() for node in ast.walk(tree)
                  if isinstance(node, kind) and test(node))


def test_one_slug():
    assert _defined(ast.FunctionDef, lambda f: "slug" in f.name.lower()) == ["generator.briefs.format.slug"]


def test_one_problem_type():
    def problem_like(c):
        bases = {getattr(b, "id", getattr(b, "attr", "")) for b in c.bases}
        return "Problem" in c.name or "Error" in c.name or c.name == "_Checked" or bases & {"Exception", "ValueError"}
    assert _defined(ast.ClassDef, problem_like) == ["generator.briefs.problem.Problem",
                                                     "generator.briefs.quickyaml.Unsure",
                                                     "generator.briefs.yamlout._Fallback"]


READING = {"load", "safe_load", "full_load", "unsafe_load", "load_all", "safe_load_all", "compose",
           "compose_all", "parse", "scan", "CSafeLoader", "SafeLoader", "CLoader", "Loader", "FullLoader",
           "BaseLoader", "CBaseLoader", "UnsafeLoader", "CUnsafeLoader"}


def test_one_yaml_reader():
    """Only briefs/reader.py (with its private quick reader) reads YAML; ruamel.yaml, which
    keeps comments when a brief a person touched is written again, only in the writer."""
    for name, tree in TREES.items():
        if name in YAML_READERS:
            continue
        used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
                and getattr(node.value, "id", None) == "yaml" and node.attr in READING}
        named = {a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                 and (node.module or "").split(".")[0] == "yaml" for a in node.names}
        assert not used and not named & READING, f"{name} reads YAML itself: {sorted(used | named)}"
        ruamel = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                  and (node.module or "").startswith("ruamel")]
        assert not ruamel or name == "generator.briefs.writer", f"{name} uses ruamel.yaml"
    assert not GRAPH.get("generator.briefs.quickyaml") and \
        [m for m in MODULES if "generator.briefs.quickyaml" in GRAPH[m]] == ["generator.briefs.reader"]
