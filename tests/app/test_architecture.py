"""The architecture as the sources show it: the engine stays headless (nothing under app/
imports Qt or the ui package), no module of app/ or ui/ imports itself round a cycle, no
test module imports another, and the suite splits by its markers."""

from __future__ import annotations

import ast
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers.imports import QT_PACKAGES, cycles, import_graph, imports, module_name

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
            names += [
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
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


@pytest.mark.subprocess
def test_importing_the_engine_loads_no_qt() -> None:
    code = (
        "import sys, app.cli.main, app.collation.collate, app.text.loading, app.text.normalize;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.subprocess
def test_plain_collate_imports_only_what_it_uses(tmp_path: Path) -> None:
    """`jiaokan collate A B` starts fast: it loads no project, export, Word writer, PDF
    reader or source check, which other commands use, nor multiprocessing (one witness)
    or importlib.metadata; nor Word's reader for plain texts, a PDF's pages, the session,
    OpenCC's own converter or importlib.resources (issue 24)."""
    (tmp_path / "a.txt").write_text("天下大事，必作于细。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("天下大事，必做于细。", encoding="utf-8")
    unused = (
        "app.project.project", "app.store.file", "app.store.records", "app.store.opening",
        "app.store.whole", "app.store.connection", "app.export.data", "app.export.report",
        "app.export.word", "app.export.pdf", "app.session.session",
        "app.text.pdf", "app.text.ocr", "app.text.scans", "app.classes.checks",
        "app.classes.spelling", "app.cli.check",
        "app.cli.project", "docx", "pypdfium2", "pikepdf", "sqlite3", "jieba", "multiprocessing",
        "importlib.metadata", "app.text.word", "app.text.word_package", "zipfile",
        "app.text.pages", "app.session.workspace", "opencc", "importlib.resources",
    )  # fmt: skip
    code = (
        "import sys; from app.cli.main import main;"
        f"status = main(['collate', {str(tmp_path / 'a.txt')!r},"
        f" {str(tmp_path / 'b.txt')!r}, '--json']);"
        f"print(status, [m for m in {unused!r} if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "0 []"


def _cycles_shown(graph: dict[str, dict[str, int]]) -> str:
    """One line per cycle, each module with the line where it imports the next."""
    return "\n".join(
        " -> ".join(f"{a} (line {graph[a][b]})" for a, b in pairwise(c)) + f" -> {c[-1]}"
        for c in cycles(graph)
    )


def test_app_and_ui_have_no_import_cycles() -> None:
    """A cycle makes the import order matter and the layers meaningless; imports inside
    functions and under ``if TYPE_CHECKING:`` count, since moving one up makes it real."""
    graph = import_graph(ROOT, ("app", "ui"))
    assert "app.session.session" in graph["ui.window.main_window"]  # the graph is read at all
    assert len(graph) > 50
    assert _cycles_shown(graph) == ""


def test_the_cycle_check_sees_hidden_imports(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "a.py").write_text("from pkg import b\n", encoding="utf-8")
    (pkg / "b.py").write_text("def later() -> None:\n    import pkg.c\n", encoding="utf-8")
    (pkg / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import x\n",
        encoding="utf-8",
    )
    (pkg / "d.py").write_text("import pkg.a\n", encoding="utf-8")  # leads in, not round
    graph = import_graph(tmp_path, ("pkg",))
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.c", "pkg.a"]]
    assert _cycles_shown(graph) == ("pkg.a (line 1) -> pkg.b (line 2) -> pkg.c (line 3) -> pkg.a")


def _test_module_imports(path: Path, root: Path = ROOT) -> list[str]:
    """The test modules (``test_*.py`` anywhere under tests/) that the file at ``path`` imports."""
    return [
        f"{path.relative_to(root)}:{imp.line} imports {imp.name}"
        for imp in imports(path, module_name(path, root))
        if imp.name.startswith("tests.")
        and any(part.startswith("test_") for part in imp.name.split(".")[1:])
    ]


def test_no_test_module_imports_another() -> None:
    """Shared set-ups live in tests/helpers/ (fixtures in conftest.py): importing a test
    module runs its tests' module again and ties the two modules' changes together."""
    found = [
        hit for path in sorted((ROOT / "tests").rglob("*.py")) for hit in _test_module_imports(path)
    ]
    assert found == []


def test_the_check_sees_a_test_module_imported(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    bad = tmp_path / "tests" / "test_imports_another.py"
    bad.write_text(
        "from tests.test_i18n import messages\nfrom . import test_ui_window\n"
        "from tests.helpers import window\n\n\ndef helper() -> None:\n"
        "    import tests.test_cli\n",
        encoding="utf-8",
    )
    assert _test_module_imports(bad, tmp_path) == [
        "tests/test_imports_another.py:1 imports tests.test_i18n",
        "tests/test_imports_another.py:1 imports tests.test_i18n.messages",
        "tests/test_imports_another.py:2 imports tests.test_ui_window",
        "tests/test_imports_another.py:7 imports tests.test_cli",
    ]


def test_a_test_not_marked_subprocess_cannot_start_a_process() -> None:
    """conftest.py refuses it, so ``-m "not subprocess"`` leaves out every test that does."""
    with pytest.raises(pytest.fail.Exception, match=r"mark it @pytest\.mark\.subprocess"):
        subprocess.run([sys.executable, "-c", "pass"], check=False)


SPLIT = ("-m", "not gui and not subprocess")


@pytest.mark.subprocess
def test_without_gui_and_subprocess_tests_qt_is_never_loaded() -> None:
    """``-m "not gui and not subprocess"`` selects the engine's tests, and their modules
    import no Qt: they run where PySide6 or a display is missing."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *SPLIT],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    selected = [line for line in done.stdout.splitlines() if "::" in line]
    assert len(selected) > 300
    modules = sorted(
        {line.split("::")[0].removesuffix(".py").replace("/", ".") for line in selected}
    )
    assert "tests.app.text.test_normalize" in modules
    assert "tests.ui.window.test_main_window" not in modules
    code = (
        f"import sys, {', '.join(modules)};"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT_PACKAGES!r}))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert (loaded.returncode, loaded.stdout.strip()) == (0, "[]"), loaded.stderr
