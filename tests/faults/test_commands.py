"""One ``decide`` is one step; a CSV opens as text; a FIFO where the source was never hangs."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from app.export.apparatus import inert
from app.project.project import Project
from app.store.file import ProjectFile
from tests.conftest import ROOT
from tests.faults.conftest import Job, cli, one_line_error, snapshot

# -- decide: one command line, one transaction -----------------------------------------


def test_one_decide_is_one_transaction_and_one_undo_step(
    job: Job, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(
        capsys, "decide", job.project, "1", "2", "3", "--reading", "X", "--note", "n"
    )
    assert code == 0 and out.startswith("3 decided")
    with ProjectFile.open(job.project, read_only=True) as project:
        history = project.history()
        decisions = project.decisions()
    assert [label for _, _, label, _ in history] == ["Edit 3 loci with a note"]
    assert {lid: (d.status, d.reading, d.note) for lid, d in decisions.items()} == {
        lid: ("edited", "X", "n") for lid in (1, 2, 3)
    }
    with Project.open(job.project) as project:  # the file's history is the undo stack
        (step,) = project.log.undo_stack
        assert step.label == "Edit 3 loci with a note" and len(step.changes) == 3


@pytest.mark.parametrize(
    "how", [["--accept", "a"], ["--reject"], ["--reading", "Y"], ["--undecide"]]
)
def test_every_kind_of_decide_with_a_note_is_one_history_row(
    job: Job, capsys: pytest.CaptureFixture[str], how: list[str]
) -> None:
    assert cli(capsys, "decide", job.project, "1", "2", *how, "--note", "why")[0] == 0
    with ProjectFile.open(job.project, read_only=True) as project:
        assert len(project.history()) == 1
        assert {d.note for d in project.decisions().values()} == {"why"}


def test_a_decide_that_fails_midway_writes_nothing(
    job: Job, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills after the first row: the whole command is rolled back."""
    real = sqlite3.Connection.execute
    calls = {"n": 0}

    class Full(sqlite3.Connection):
        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            if sql.startswith("INSERT INTO decisions"):
                calls["n"] += 1
                if calls["n"] == 2:
                    raise sqlite3.OperationalError("database or disk is full")
            return real(self, sql, *args)  # type: ignore[arg-type]

    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **kw: connect(*a, **kw, factory=Full))
    code, _, err = cli(capsys, "decide", job.project, "1", "2", "3", "--reject", "--note", "n")
    assert code == 2
    one_line_error(err, "could not save the decision", "database or disk is full")
    monkeypatch.undo()
    with ProjectFile.open(job.project, read_only=True) as project:
        assert project.decisions() == {} and project.history() == []


# -- CSV: nothing a spreadsheet would evaluate ------------------------------------------


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("'kept", "''kept"),
        ("天=地", "天=地"),
        ("", ""),
    ],
)
def test_a_cell_is_neutralised_as_owasp_recommends(cell: str, written: str) -> None:
    assert inert(cell) == written
    assert (written[1:] if written.startswith("'") else written) == cell  # undone exactly


def test_an_exported_csv_has_no_formula_cells(job: Job, capsys: pytest.CaptureFixture[str]) -> None:
    formula = '=HYPERLINK("http://example.invalid","click")'
    argv = ["decide", job.project, "1", "--reading", formula, "--note", "+cmd|' /C calc'!A0"]
    assert cli(capsys, *argv)[0] == 0
    out = job.folder / "out.csv"
    assert cli(capsys, "export", job.project, "--csv", out)[0] == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'" + formula in cells and "'+cmd|' /C calc'!A0" in cells


# -- the window's check of the source on disk -------------------------------------------

_CHECK = textwrap.dedent(
    """
    import sys
    from app.project.project import Project
    with Project.open(sys.argv[1], read_only=True) as project:
        print(project.source_changed_on_disk())
    """
)


@pytest.mark.subprocess
@pytest.mark.parametrize("kind", ["fifo", "folder", "gone", "changed", "same"])
def test_the_source_on_disk_is_only_ever_read_if_it_is_a_regular_file(job: Job, kind: str) -> None:
    if kind in ("fifo", "folder", "gone"):
        job.source.unlink()
        {"fifo": os.mkfifo, "folder": os.mkdir, "gone": lambda p: None}[kind](job.source)
    elif kind == "changed":
        job.source.write_text("天地", encoding="utf-8")
    argv = [sys.executable, "-c", _CHECK, str(job.project)]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=20)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(kind == "changed")


def test_a_decide_on_a_missing_locus_writes_nothing(
    job: Job, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(job.folder)
    code, _, err = cli(capsys, "decide", job.project, "1", "99", "--reject")
    assert code == 2
    one_line_error(err, "no locus 99")
    assert snapshot(job.folder) == before
