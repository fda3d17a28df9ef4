"""Who imports whom, read from the source (AST), never by importing it.

The architecture tests build the import graph of ``app`` and ``ui`` from here, and
conftest.py asks whether a test module needs Qt before any test of it runs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

QT_PACKAGES = ("PySide6", "shiboken6", "pytestqt", "PyQt5", "PyQt6")
"""Top-level packages whose import loads Qt."""


@dataclass(frozen=True)
class Import:
    """One imported module name, absolute, and the line of the statement."""

    name: str
    line: int


def module_name(path: Path, root: Path) -> str:
    """``app/text/loading.py`` -> ``app.text.loading``; a package's ``__init__`` is the package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(body: list[ast.stmt], *, runtime_only: bool) -> Iterator[ast.stmt]:
    """The import statements of a block: all of them, or only those the module runs when
    imported (not inside a function, not under ``if TYPE_CHECKING:``)."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif runtime_only and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        elif runtime_only and isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _statements(node.orelse, runtime_only=runtime_only)
        else:
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                block = getattr(node, field, None)
                if isinstance(block, list):
                    inner = [s for s in block if isinstance(s, ast.stmt)]
                    for sub in block:  # except handlers and match cases hold their own bodies
                        if isinstance(sub, ast.ExceptHandler | ast.match_case):
                            inner += sub.body
                    yield from _statements(inner, runtime_only=runtime_only)


def imports(path: Path, module: str, *, runtime_only: bool = False) -> list[Import]:
    """Every module ``path`` (the module ``module``) imports, relative imports resolved.

    ``from a import b`` names both ``a`` and ``a.b``: the caller keeps whichever is a module.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[Import] = []
    for node in _statements(tree.body, runtime_only=runtime_only):
        if isinstance(node, ast.Import):
            found += [Import(alias.name, node.lineno) for alias in node.names]
            continue
        assert isinstance(node, ast.ImportFrom)
        if node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            parent = ".".join(base + ([node.module] if node.module else []))
        else:
            parent = node.module or ""
        found.append(Import(parent, node.lineno))
        found += [Import(f"{parent}.{alias.name}", node.lineno) for alias in node.names]
    return found


def import_graph(root: Path, packages: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """module -> {imported module of these packages: line}, all imports counted (also those
    inside functions and under ``if TYPE_CHECKING:``, which a refactoring can make real)."""
    paths = {
        module_name(p, root): p for pkg in packages for p in sorted((root / pkg).rglob("*.py"))
    }
    graph: dict[str, dict[str, int]] = {}
    for module, path in paths.items():
        edges: dict[str, int] = {}
        for imp in imports(path, module):
            if imp.name in paths and imp.name != module:
                edges.setdefault(imp.name, imp.line)
        graph[module] = edges
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules, as ``[a, b, ..., a]``."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm; the graphs here are a few hundred nodes
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, {}):
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_in(group, graph) for group in groups]


def _cycle_in(group: set[str], graph: dict[str, dict[str, int]]) -> list[str]:
    """A shortest cycle from the group's first module back to itself (breadth first)."""
    start = min(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node]):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if nxt in group and nxt not in came_from:
                    came_from[nxt] = node
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"no cycle in {sorted(group)}")  # pragma: no cover


def _files_run_by(name: str, root: Path) -> Iterator[Path]:
    """The files of ``root`` that ``import name`` executes: each package's ``__init__`` on
    the way, then the module itself (nothing for a module from outside ``root``)."""
    parts = name.split(".")
    for i in range(1, len(parts) + 1):
        base = root.joinpath(*parts[:i])
        for path in (base / "__init__.py", base.with_suffix(".py")):
            if path.is_file():
                yield path


@cache
def loads_qt(path: Path, root: Path) -> bool:
    """Whether importing the module at ``path`` loads Qt, following the imports it runs
    through the modules of ``root`` (a function's own imports wait for its call)."""
    seen: set[Path] = set()
    todo = [path]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for imp in _runtime_imports(current, root):
            if imp.split(".")[0] in QT_PACKAGES:
                return True
            todo += _files_run_by(imp, root)
    return False


@cache
def _runtime_imports(path: Path, root: Path) -> tuple[str, ...]:
    return tuple(imp.name for imp in imports(path, module_name(path, root), runtime_only=True))
