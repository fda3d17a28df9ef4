"""The engine stays headless: nothing under app/ may import Qt or the ui package."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "ui")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "import_module":
            names += [a.value for a in node.args if isinstance(a, ast.Constant)]
    return names


def _offenders() -> list[str]:
    out = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for name in _imports(path):
            if name.split(".")[0] in FORBIDDEN:
                out.append(f"{path.relative_to(ROOT)} imports {name}")
    return out


def test_engine_imports_no_qt() -> None:
    assert _offenders() == []


def test_the_check_sees_a_qt_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport ui.main\n", encoding="utf-8")
    assert _imports(bad) == ["PySide6.QtCore", "ui.main"]


def test_importing_the_engine_loads_no_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys, app.cli.main, app.collation.collate, app.text.loading, app.text.normalize;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
