"""No module of the package imports itself back, however far round, wherever the import
stands (an import inside a function only hides a cycle; it does not remove it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import coachbot

# Not moved by the shifted-clock runs: the import graph has no dates.
pytestmark = pytest.mark.clock_free

ROOT = Path(coachbot.__file__).parent
ALLOWED: set[frozenset[str]] = set()  # no cycle is allowed


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in ROOT.rglob("*.py")}


def _imports(name: str) -> set[str]:
    """Every coachbot module this one imports, at the top or anywhere inside it."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


def _cycles() -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    graph = {name: _imports(name) for name in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return groups


def test_the_walk_sees_the_imports_it_should():
    assert "coachbot.core.engine" in _imports("coachbot.core.session")
    assert "coachbot.store" in _imports("coachbot.core.session")


def test_there_are_no_import_cycles():
    cycles = [sorted(c) for c in _cycles() if frozenset(c) not in ALLOWED]
    assert cycles == []
