"""Tests for app.store.file: storage, locking, damaged files, migrations, a killed writer."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.collation.loci import Locus
from app.store import records, schema
from app.store.decisions import Decision, Status
from app.store.file import ProjectFile
from app.store.records import ProjectError, StoredLocus, StoredText, alignment_rows
from app.store.schema import SCHEMA_V1, SCHEMA_VERSION
from tests.conftest import ROOT
from tests.project_crash_worker import expected

AT = "2024-05-01T12:00:00+00:00"
REJECT_2 = Decision(Status.REJECTED, None, "。", "", AT)
SOURCE = StoredText("source", None, "/texts/底本.txt", "utf-8", "a" * 64, "天地玄黃，宇宙洪荒。")
WITNESSES = [
    StoredText("witness", "宋本", "/texts/宋本.txt", "gb18030", "b" * 64, "天地玄黄，宇宙洪荒。"),
    StoredText("witness", "ocr", "/texts/ocr.txt", "big5", "c" * 64, "天地玄黃，宇宙洪荒"),
]
RULES = ("width", "whitespace")


def locus(lid: int, start: int, **kw: object) -> StoredLocus:
    fields: dict[str, object] = {
        "id": lid,
        "start": start,
        "end": start + 1,
        "source_text": "黃",
        "kind": "substitution",
        "kinds": {"宋本": "script"},
        "readings": {"宋本": "黄"},
        "spans": {"宋本": (start, start + 1)},
        "move_id": None,
        "context_before": "天地玄",
        "context_after": "，宇宙",
    }
    fields.update(kw)
    before, after = str(fields.pop("context_before")), str(fields.pop("context_after"))
    active = bool(fields.pop("active", True))
    return StoredLocus(Locus(**fields), before, after, active)  # type: ignore[arg-type]


LOCI = [
    locus(1, 3),
    locus(
        2,
        9,
        source_text="。",
        kind="omission",
        readings={"ocr": ""},
        spans={"ocr": (9, 9)},
        kinds={"ocr": "omission"},
        move_id=7,
    ),
    locus(3, 0, end=0, source_text="", kind="addition", readings={"ocr": "序"}),
]
ACCEPT = Decision(Status.ACCEPTED, "宋本", "黄", "", AT)


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "校勘.jkproj"


@pytest.fixture
def made(project_path: Path) -> Path:
    """A closed project with one decision and a view state."""
    with ProjectFile.create(project_path, [SOURCE, *WITNESSES], RULES, LOCI) as project:
        project.commit_decisions("Accept #1", {1: ACCEPT}, AT)
        project.set_view_state({"locus": "1", "witness": "宋本"})
    return project_path


def files(path: Path) -> dict[str, bytes | None]:
    """The project's bytes and its WAL's, to show a failed open wrote nothing."""
    out: dict[str, bytes | None] = {}
    for suffix in ("", "-wal", "-journal"):
        p = Path(f"{path}{suffix}")
        out[suffix] = p.read_bytes() if p.exists() else None
    return out


@contextlib.contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection from outside the module, to see what is really in the file.

    (sqlite3's own ``with`` only commits; this one closes.)
    """
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def crashed_copy(src: Path, dst: Path) -> None:
    """What a writer killed now would leave: the file and its WAL, uncheckpointed."""
    for suffix in ("", "-wal"):
        Path(f"{dst}{suffix}").write_bytes(Path(f"{src}{suffix}").read_bytes())


# -- storing and reading back ----------------------------------------------------------------


def test_an_edit_inside_a_move_and_a_half_of_a_pair_of_marks_are_kept(project_path: Path) -> None:
    """Schema 6: which move an edit lies in and which marks pair up are stored, not derived."""
    inner = locus(4, 6, kind="transposition", in_move=7)
    half = locus(5, 8, end=8, source_text="", kind="insertion", readings={"ocr": "（"}, pair=3)
    with ProjectFile.create(project_path, [SOURCE, *WITNESSES], RULES, [inner, half]) as project:
        assert project.loci() == [inner, half]
    with ProjectFile.open(project_path) as again:
        assert [(s.in_move, s.pair) for s in again.loci()] == [(7, None), (None, 3)]


def test_a_new_project_holds_everything_it_was_given(project_path: Path) -> None:
    with ProjectFile.create(project_path, [SOURCE, *WITNESSES], RULES, LOCI) as project:
        assert not project.read_only and project.read_only_reason == ""
        assert project.path == project_path.resolve()
        assert project.texts() == [SOURCE, *WITNESSES]
        assert project.rules() == RULES
        assert project.loci() == sorted(LOCI, key=lambda s: (s.start, s.end, s.id))
        assert project.next_locus_id() == 4
        assert project.decisions() == {} and project.history() == []
        assert project.view_state() == {}
    assert sorted(p.name for p in project_path.parent.iterdir()) == [project_path.name]
    with raw(project_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        readings = conn.execute("SELECT readings FROM loci WHERE id = 1").fetchone()[0]
    assert readings == '{"宋本": "黄"}'  # readable JSON, not \u escapes


def test_texts_come_source_first_whatever_order_they_were_given(project_path: Path) -> None:
    with ProjectFile.create(project_path, [WITNESSES[1], SOURCE, WITNESSES[0]], (), []) as p:
        assert p.texts() == [SOURCE, WITNESSES[1], WITNESSES[0]]
        assert p.rules() == () and p.next_locus_id() == 1


def test_each_decision_is_in_the_file_the_moment_commit_returns(made: Path) -> None:
    note_only = Decision(Status.UNDECIDED, None, None, "check 宋本", AT)
    with ProjectFile.open(made) as project, raw(made) as outside:
        project.commit_decisions("Reject #2", {2: REJECT_2}, AT)
        assert outside.execute("SELECT status FROM decisions WHERE locus_id = 2").fetchone() == (
            "rejected",
        )
        project.commit_decisions(
            "Two", {1: note_only, 3: Decision(Status.EDITED, None, "序", "", AT)}, AT
        )
        assert project.decisions() == {
            1: note_only,
            2: Decision(Status.REJECTED, None, "。", "", AT),
            3: Decision(Status.EDITED, None, "序", "", AT),
        }
        project.commit_decisions("Undecide", {1: Decision(), 3: Decision()}, AT)
        assert set(project.decisions()) == {2}
        assert outside.execute("SELECT count(*) FROM decisions").fetchone() == (1,)
        history = project.history()
    assert [(label, at) for _, at, label, _ in history] == [
        ("Accept #1", AT), ("Reject #2", AT), ("Two", AT), ("Undecide", AT)
    ]  # fmt: skip
    assert [seq for seq, *_ in history] == sorted(seq for seq, *_ in history)
    assert json.loads(history[2][3]) == {
        "1": {"status": "undecided", "witness": None, "reading": None, "note": "check 宋本",
              "decided_at": AT},
        "3": {"status": "edited", "witness": None, "reading": "序", "note": "", "decided_at": AT},
    }  # fmt: skip


def test_a_step_that_fails_writes_nothing_of_itself(made: Path) -> None:
    with ProjectFile.open(made) as project:
        before = files(made), project.decisions(), project.history()
        bad = {2: Decision(Status.REJECTED, None, "。", "", AT), 99: ACCEPT}  # no locus 99
        with pytest.raises(ProjectError, match="could not save the decision") as err:
            project.commit_decisions("Bad", bad, AT)
        assert "\n" not in str(err.value)
        assert (project.decisions(), project.history()) == before[1:]


def test_a_re_collation_keeps_retired_loci_and_their_decisions(made: Path) -> None:
    new_texts = [SOURCE, WITNESSES[0]]
    moved = locus(2, 5, source_text="宇")
    retired = locus(1, 3, active=False)
    fresh = locus(4, 7)
    with ProjectFile.open(made) as project:
        project.replace_collation(new_texts, ("width",), [moved, fresh, retired])
        assert project.texts() == new_texts
        assert project.rules() == ("width",)
        # locus 3 was not mentioned: it is left as it was
        assert project.loci() == [LOCI[2], moved, fresh]
        assert project.loci(include_inactive=True) == [LOCI[2], retired, moved, fresh]
        assert project.decisions() == {1: ACCEPT}
        assert project.next_locus_id() == 5
    with ProjectFile.open(made) as again:
        assert again.loci(include_inactive=True) == [LOCI[2], retired, moved, fresh]


def test_a_collation_taken_again_shows_its_loci_without_rewriting_their_rows(
    made: Path,
) -> None:
    """A rule toggled back shows the loci it showed before: the shown set is its own small
    table (schema 10), so the wide locus rows stay as they were written."""
    with ProjectFile.open(made) as project:
        every = project.loci(include_inactive=True)
        shown_before = [loc.id for loc in every if loc.active]
        rows_before = _locus_rows(made)
        project.reactivate([every[0].id], [], ("width",), alignment_rows({}))
        assert [loc.id for loc in project.loci()] == [every[0].id]
        assert [loc.id for loc in project.loci(include_inactive=True)] == [loc.id for loc in every]
        assert _locus_rows(made) == rows_before
        project.reactivate(shown_before, [], ("width",), alignment_rows({}))
    with ProjectFile.open(made) as again:
        assert again.loci(include_inactive=True) == every


def _locus_rows(path: Path) -> list[tuple[object, ...]]:
    with raw(path) as conn:
        return conn.execute("SELECT * FROM loci ORDER BY id").fetchall()


def test_the_view_state_is_replaced_as_a_whole(made: Path) -> None:
    with ProjectFile.open(made) as project:
        assert project.view_state() == {"locus": "1", "witness": "宋本"}
        project.set_view_state({"scroll": "120"})
    with ProjectFile.open(made) as project:
        assert project.view_state() == {"scroll": "120"}


def test_read_only_refuses_decisions_and_skips_the_view_state(made: Path) -> None:
    with ProjectFile.open(made, read_only=True) as project:
        assert project.read_only and project.read_only_reason == "opened read-only"
        with pytest.raises(ProjectError, match="read-only"):
            project.commit_decisions("Reject", {2: REJECT_2}, AT)
        with pytest.raises(ProjectError, match="read-only"):
            project.replace_collation([SOURCE], (), [])
        project.set_view_state({"locus": "3"})
        assert project.view_state() == {"locus": "1", "witness": "宋本"}
        # an explicit read-only window takes no lock: a writer may still open the file
        with ProjectFile.open(made) as writer:
            assert not writer.read_only


def test_save_as_writes_a_complete_copy_and_stays_on_the_original(made: Path) -> None:
    copy = made.with_name("copy.jkproj")
    with ProjectFile.open(made) as project:
        project.commit_decisions("Reject #2", {2: REJECT_2}, AT)
        assert Path(f"{made}-wal").stat().st_size > 0  # the decision is still only in the WAL
        project.save_as(copy)
        assert project.path == made
        with pytest.raises(ProjectError, match="itself"):
            project.save_as(made)
    assert not Path(f"{copy}-wal").exists()
    with ProjectFile.open(copy) as saved, ProjectFile.open(made) as original:
        for read in ("texts", "rules", "loci", "decisions", "history", "view_state"):
            assert getattr(saved, read)() == getattr(original, read)()
        assert not saved.read_only


def test_create_replaces_a_closed_project_and_its_stale_wal(made: Path, tmp_path: Path) -> None:
    crashed = tmp_path / "crashed.jkproj"
    with ProjectFile.open(made) as project:
        project.commit_decisions("Reject #2", {2: REJECT_2}, AT)
        crashed_copy(made, crashed)
    with ProjectFile.create(crashed, [SOURCE], (), [locus(1, 3)]) as fresh:
        assert fresh.decisions() == {} and fresh.texts() == [SOURCE]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crashed.jkproj", made.name]


def test_create_and_save_as_never_replace_an_open_or_read_only_project(
    made: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.jkproj"
    ProjectFile.create(other, [SOURCE], (), []).close()
    with ProjectFile.open(other) as held, ProjectFile.open(made) as project:
        before = files(other)
        with pytest.raises(ProjectError, match="open in another Jiaokan window"):
            project.save_as(other)
        assert files(other) == before and held.texts() == [SOURCE]
    other.chmod(0o444)
    before = files(other)
    with pytest.raises(ProjectError, match=r"other\.jkproj is read-only; it was not replaced"):
        ProjectFile.create(other, [SOURCE, *WITNESSES], (), [])
    with ProjectFile.open(made, read_only=True) as reader, pytest.raises(ProjectError) as err:
        reader.save_as(other)
    assert str(err.value) == "other.jkproj is read-only; it was not replaced"
    assert files(other) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# -- the lock ------------------------------------------------------------------------------------


def test_a_second_open_in_the_same_process_is_read_only(made: Path) -> None:
    lock = Path(f"{made}.lock")
    with ProjectFile.open(made) as first:
        assert lock.read_text().split() == [str(os.getpid()), socket.gethostname()]
        with ProjectFile.open(made) as second:
            assert second.read_only
            assert second.read_only_reason == (
                f"open in another Jiaokan window (pid {os.getpid()} on host {socket.gethostname()})"
            )
            assert second.decisions() == first.decisions()
            with pytest.raises(
                ProjectError,
                match=r"cannot write 校勘\.jkproj: open in another Jiaokan window \(pid",
            ):
                ProjectFile.create(made, [SOURCE], (), [])
        first.commit_decisions("Reject #2", {2: REJECT_2}, AT)
    assert not lock.exists()
    with ProjectFile.open(made) as third:
        assert not third.read_only and set(third.decisions()) == {1, 2}


def test_a_stale_lock_file_left_by_a_dead_process_is_taken_over(made: Path) -> None:
    Path(f"{made}.lock").write_text("999999 elsewhere\n")
    with ProjectFile.open(made) as project:
        assert not project.read_only
        assert Path(f"{made}.lock").read_text().split()[0] == str(os.getpid())


@pytest.fixture
def worker() -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Start tests/project_crash_worker.py; whatever happens, kill and reap it afterwards."""
    started: list[subprocess.Popen[str]] = []

    def start(*args: str) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.project_crash_worker", *args],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


@pytest.mark.subprocess
def test_another_process_holding_the_project_makes_it_read_only(
    made: Path, worker: Callable[..., subprocess.Popen[str]]
) -> None:
    proc = worker("hold", str(made))
    assert proc.stdout is not None and proc.stdout.readline() == "0\n"
    with ProjectFile.open(made) as second:
        assert second.read_only_reason == (
            f"open in another Jiaokan window (pid {proc.pid} on host {socket.gethostname()})"
        )
    proc.kill()  # the OS drops a dead process's lock
    proc.wait()
    with ProjectFile.open(made) as third:
        assert not third.read_only


@pytest.mark.subprocess
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_writer_loses_no_decision_it_reported(
    project_path: Path, worker: Callable[..., subprocess.Popen[str]]
) -> None:
    proc = worker("burst", str(project_path), "3000")
    assert proc.stdout is not None
    reported = [int(proc.stdout.readline()) for _ in range(40)]
    os.kill(proc.pid, signal.SIGKILL)
    # read on through proc.stdout itself: readline() may already hold later lines in its
    # buffer, which communicate() (reading the pipe underneath) would never see
    reported += [int(line) for line in proc.stdout.read().split()]
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert reported == list(range(1, len(reported) + 1))
    assert Path(f"{project_path}-wal").exists()  # killed before any clean close
    with ProjectFile.open(project_path) as project:
        assert not project.read_only
        decisions = project.decisions()
        labels = {label for _, _, label, _ in project.history()}
    for lid in reported:
        assert decisions[lid] == expected(lid)
        assert f"Edit #{lid}" in labels
    # at most the one commit that returned but was not yet printed
    assert len(decisions) in (len(reported), len(reported) + 1)
    with raw(project_path) as conn:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]


# -- files that must not be opened for writing ----------------------------------------------------


def _truncate(keep: int) -> Callable[[Path], object]:
    def cut(path: Path) -> None:
        with path.open("r+b") as f:
            f.truncate(keep if keep >= 0 else path.stat().st_size + keep)

    return cut


def _scribble(path: Path, page: int = 2) -> None:
    data = bytearray(path.read_bytes())
    at = 4096 * (page - 1)
    data[at : at + 12] = b"\xa5" * 12  # the page's b-tree header
    path.write_bytes(bytes(data))


def _wal_pages(path: Path) -> set[int]:
    """The pages a WAL holds (a 32-byte header, then frames of a 24-byte header and a page)."""
    data = Path(f"{path}-wal").read_bytes()
    size = int.from_bytes(data[8:12], "big")
    return {int.from_bytes(data[at : at + 4], "big") for at in range(32, len(data), 24 + size)}


def _newer(path: Path) -> None:
    with raw(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def _foreign(path: Path) -> None:
    path.unlink()
    with raw(path) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
        conn.execute("PRAGMA user_version = 1")


DAMAGE: dict[str, tuple[Callable[[Path], object], str]] = {
    "empty": (_truncate(0), "is empty"),
    "cut in the magic": (_truncate(9), "is truncated"),
    "cut in the header": (_truncate(60), "is truncated"),
    "cut after page one": (_truncate(4096), "is truncated"),
    "cut by a page": (_truncate(-4096), "is truncated"),
    "cut in half": (lambda p: _truncate(p.stat().st_size // 2)(p), "is (truncated|damaged)"),
    "text": (
        lambda p: p.write_text("天地玄黃\n" * 200, encoding="utf-8"),
        "not an SQLite database",
    ),
    "zip": (lambda p: p.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40), "not an SQLite"),
    "scribbled": (_scribble, "is damaged"),
    "newer": (_newer, f"project format {SCHEMA_VERSION + 1}; this version reads up to"),
    "foreign": (_foreign, "an SQLite database but not a Jiaokan project"),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_bad_file_is_refused_in_one_line_and_left_untouched(made: Path, case: str) -> None:
    damage, message = DAMAGE[case]
    damage(made)
    before = files(made)
    with pytest.raises(ProjectError) as err:
        ProjectFile.open(made)
    assert re.search(message, str(err.value))
    assert made.name in str(err.value) and "\n" not in str(err.value)
    assert files(made) == before
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]  # not even a -shm


@pytest.mark.parametrize("case", ["scribbled", "newer", "cut in half"])
def test_a_bad_file_with_a_wal_is_left_untouched_too(made: Path, tmp_path: Path, case: str) -> None:
    damaged = tmp_path / "damaged.jkproj"
    with ProjectFile.open(made) as project:
        project.commit_decisions("Reject #2", {2: REJECT_2}, AT)
        if case == "newer":  # written into the WAL, beside the open project
            with raw(made) as conn:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        crashed_copy(made, damaged)
    if case == "scribbled":  # a page the WAL does not hold a newer copy of
        held = _wal_pages(damaged)
        _scribble(damaged, min(p for p in range(2, 100) if p not in held))
    elif case != "newer":
        DAMAGE[case][0](damaged)
    before = files(damaged)
    assert before["-wal"]
    with pytest.raises(ProjectError, match=DAMAGE[case][1]) as err:
        ProjectFile.open(damaged)
    assert "\n" not in str(err.value)
    assert files(damaged) == before
    assert not Path(f"{damaged}.lock").exists()


def test_a_missing_file_or_a_folder_is_a_project_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match=r"cannot open nowhere\.jkproj"):
        ProjectFile.open(tmp_path / "nowhere.jkproj")
    with pytest.raises(ProjectError, match="is not a file"):
        ProjectFile.open(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_file_opens_read_only_and_stays_as_it_was(made: Path, tmp_path: Path) -> None:
    crashed = tmp_path / "crashed.jkproj"
    with ProjectFile.open(made) as project:
        project.commit_decisions("Reject #2", {2: REJECT_2}, AT)
        crashed_copy(made, crashed)
    for path, decided in ((made, {1, 2}), (crashed, {1, 2})):
        path.chmod(0o444)
        before = files(path)
        with ProjectFile.open(path) as project:
            assert project.read_only and project.read_only_reason == "the file is read-only"
            assert set(project.decisions()) == decided  # the crashed one's from its WAL
            project.set_view_state({"locus": "2"})
            with pytest.raises(ProjectError, match="is open read-only: the file is read-only"):
                project.commit_decisions("Edit", {1: ACCEPT}, AT)
        assert files(path) == before
        assert not Path(f"{path}.lock").exists()
    assert not Path(f"{made}-wal").exists()  # no empty WAL left beside a read-only file


def test_a_project_in_a_read_only_folder_opens_read_only(made: Path) -> None:
    before = files(made)
    made.parent.chmod(0o555)
    try:
        with ProjectFile.open(made) as project:
            assert project.read_only_reason == "its folder is not writable"
            assert set(project.decisions()) == {1}
    finally:
        made.parent.chmod(0o755)
    assert files(made) == before


def test_an_interrupted_write_is_rolled_back_before_the_checks(made: Path, tmp_path: Path) -> None:
    """A hot rollback journal (a killed write in rollback mode) is SQLite's to undo."""
    old = tmp_path / "old.jkproj"
    with raw(made) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    with raw(made) as conn:
        conn.execute("PRAGMA cache_size = 1")
        conn.execute("BEGIN")
        conn.execute("UPDATE texts SET text = text || zeroblob(20000)")
        conn.execute("DELETE FROM decisions")
        assert Path(f"{made}-journal").exists()
        crashed = {s: Path(f"{made}{s}").read_bytes() for s in ("", "-journal")}
        conn.execute("ROLLBACK")
    for suffix, data in crashed.items():
        Path(f"{old}{suffix}").write_bytes(data)
    old.chmod(0o444)
    with pytest.raises(ProjectError, match="interrupted save") as err:
        ProjectFile.open(old)
    assert "\n" not in str(err.value)
    old.chmod(0o644)
    with ProjectFile.open(old) as project:
        assert project.decisions() == {1: ACCEPT} and project.texts()[0] == SOURCE


# -- migrations -----------------------------------------------------------------------------------


def _v1_file(path: Path, journal_mode: str = "wal") -> None:
    """A version-1 project as the first release wrote it, from the frozen DDL."""
    with raw(path) as conn:
        conn.execute(f"PRAGMA journal_mode = {journal_mode}")
        conn.executescript(SCHEMA_V1)
        conn.execute("INSERT INTO meta VALUES ('rules', '[\"width\"]'), ('created_at', ?)", (AT,))
        conn.executemany(
            "INSERT INTO texts VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(i, t.role, t.witness_id, t.path, t.encoding, t.sha256, t.text)
             for i, t in enumerate([SOURCE, *WITNESSES])],
        )  # fmt: skip
        conn.execute(
            "INSERT INTO loci VALUES (1, 3, 4, '黃', 'substitution', '{\"宋本\": \"script\"}',"
            " '{\"宋本\": \"黄\"}', '{\"宋本\": [3, 4]}', NULL, '天地玄', '，宇宙', 1),"
            " (2, 9, 10, '。', 'omission', '{}', '{\"ocr\": \"\"}', '{\"ocr\": [9, 9]}', 7,"
            " '洪荒', '', 0)"
        )
        conn.execute(
            "INSERT INTO decisions VALUES (1, 'accepted', '宋本', '黄', ?),"
            " (2, 'rejected', NULL, '。', ?)",
            (AT, AT),
        )
        conn.execute("PRAGMA user_version = 1")


def _v2_file(path: Path, journal_mode: str = "wal") -> None:
    """A file as version 2 wrote it: version 1's data after version 2's schema change
    (frozen here, like the version 1 DDL, so later edits to the migrations cannot hide it)."""
    _v1_file(path, journal_mode)
    with raw(path) as conn:
        conn.execute("ALTER TABLE decisions ADD COLUMN note TEXT NOT NULL DEFAULT ''")
        conn.execute("CREATE TABLE view_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute(
            "CREATE TABLE history (seq INTEGER PRIMARY KEY, at TEXT NOT NULL,"
            " label TEXT NOT NULL, changes TEXT NOT NULL)"
        )
        conn.execute("PRAGMA user_version = 2")
        conn.commit()


def _v3_file(path: Path, journal_mode: str = "wal") -> None:
    """A file as version 3 wrote it: classes and source-check messages, no stored alignments."""
    _v2_file(path, journal_mode)
    with raw(path) as conn:
        conn.execute("ALTER TABLE loci ADD COLUMN classes TEXT NOT NULL DEFAULT '{}'")
        conn.execute("ALTER TABLE loci ADD COLUMN message TEXT NOT NULL DEFAULT ''")
        conn.execute("PRAGMA user_version = 3")
        conn.commit()


def _v4_file(path: Path, journal_mode: str = "wal") -> None:
    """A file as version 4 wrote it: each witness's regions, no Word documents."""
    _v3_file(path, journal_mode)
    with raw(path) as conn:
        conn.execute("CREATE TABLE alignments (witness_id TEXT PRIMARY KEY, regions TEXT NOT NULL)")
        conn.execute("PRAGMA user_version = 4")
        conn.commit()


def _v5_file(path: Path, journal_mode: str = "wal") -> None:
    """A file as version 5 wrote it: Word and PDF documents; paths as given, no project id."""
    _v4_file(path, journal_mode)
    with raw(path) as conn:
        conn.execute("CREATE TABLE documents (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)")
        conn.execute("PRAGMA user_version = 5")
        conn.commit()


def _v6_file(path: Path, journal_mode: str = "wal") -> None:
    """A file as version 6 wrote it: texts found from anywhere, a project id; a history
    that does not say what each step found, so nothing in it can be undone."""
    _v5_file(path, journal_mode)
    with raw(path) as conn:
        conn.execute("ALTER TABLE texts ADD COLUMN relative_path TEXT")
        conn.execute("INSERT INTO meta VALUES ('project_id', 'ab12'), ('write_seq', '3')")
        conn.execute("PRAGMA user_version = 6")
        conn.commit()


def _v7_file(path: Path, journal_mode: str = "wal") -> None:
    """A file as version 7 wrote it: a lasting history; no inner edits of moves nor pairs."""
    _v6_file(path, journal_mode)
    with raw(path) as conn:
        conn.execute("ALTER TABLE history ADD COLUMN kind TEXT NOT NULL DEFAULT 'do'")
        conn.execute("ALTER TABLE history ADD COLUMN previous TEXT")
        conn.execute("PRAGMA user_version = 7")
        conn.commit()


def _v8_file(path: Path, journal_mode: str = "wal") -> None:
    """A file as version 8 wrote it: moves and pairs of marks; no OCR readings."""
    _v7_file(path, journal_mode)
    with raw(path) as conn:
        conn.execute("ALTER TABLE loci ADD COLUMN in_move INTEGER")
        conn.execute("ALTER TABLE loci ADD COLUMN pair INTEGER")
        conn.execute("PRAGMA user_version = 8")
        conn.commit()


def _v9_file(path: Path, journal_mode: str = "wal") -> None:
    """A file as version 9 wrote it: OCR readings; the loci shown flagged in their rows."""
    _v8_file(path, journal_mode)
    with raw(path) as conn:
        conn.execute("CREATE TABLE ocr (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)")
        conn.execute("PRAGMA user_version = 9")
        conn.commit()


OLD_VERSIONS = {
    1: _v1_file, 2: _v2_file, 3: _v3_file, 4: _v4_file, 5: _v5_file, 6: _v6_file, 7: _v7_file,
    8: _v8_file, 9: _v9_file,
}  # fmt: skip


def test_every_older_version_has_a_builder() -> None:
    assert set(OLD_VERSIONS) == set(range(1, SCHEMA_VERSION))


def _schema(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with raw(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f"PRAGMA table_info({t})").fetchall() for t in sorted(tables)}


@pytest.mark.parametrize("version", list(OLD_VERSIONS))
def test_an_older_file_is_upgraded_with_every_row(
    tmp_path: Path, project_path: Path, version: int
) -> None:
    old = tmp_path / f"v{version}.jkproj"
    OLD_VERSIONS[version](old)
    with ProjectFile.open(old) as project:
        assert not project.read_only
        assert project.texts() == [SOURCE, *WITNESSES]
        assert project.rules() == ("width",)
        assert project.loci(include_inactive=True) == [
            locus(1, 3, kinds={"宋本": "script"}),
            locus(2, 9, source_text="。", kind="omission", kinds={}, readings={"ocr": ""},
                  spans={"ocr": (9, 9)}, move_id=7, context_before="洪荒", context_after="",
                  active=False),
        ]  # fmt: skip
        assert project.decisions() == {
            1: ACCEPT,
            2: Decision(Status.REJECTED, None, "。", "", AT),
        }
        assert project.view_state() == {} and project.history() == []
        project.commit_decisions("Note", {1: Decision(Status.ACCEPTED, "宋本", "黄", "ok", AT)}, AT)
    with raw(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    ProjectFile.create(project_path, [SOURCE], (), []).close()
    assert _schema(old) == _schema(project_path)


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_a_failed_upgrade_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, journal_mode: str
) -> None:
    old = tmp_path / "v1.jkproj"
    _v1_file(old, journal_mode)
    before = files(old)
    steps = schema.MIGRATIONS[1]
    monkeypatch.setitem(schema.MIGRATIONS, 1, (*steps, "SELECT no_such_function()"))
    with pytest.raises(ProjectError, match=r"could not upgrade v1\.jkproj") as err:
        ProjectFile.open(old)
    assert "left as it was" in str(err.value) and "\n" not in str(err.value)
    assert files(old) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v1.jkproj"]
    monkeypatch.undo()
    with ProjectFile.open(old) as project:
        assert set(project.decisions()) == {1, 2}


def test_a_read_only_older_file_is_read_through_an_upgraded_copy(tmp_path: Path) -> None:
    old = tmp_path / "v1.jkproj"
    _v1_file(old)
    old.chmod(0o444)
    before = files(old)
    with ProjectFile.open(old) as project:
        assert project.read_only
        assert project.decisions()[1] == ACCEPT and project.view_state() == {}
        project.save_as(tmp_path / "upgraded.jkproj")
    assert files(old) == before
    with raw(tmp_path / "upgraded.jkproj") as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


@given(
    st.dictionaries(st.text(max_size=6), st.text(max_size=12), max_size=4),
    st.dictionaries(
        st.text(max_size=6), st.tuples(st.integers(0, 10**7), st.integers(0, 10**7)), max_size=4
    ),
)
def test_a_locus_row_is_written_as_the_json_encoder_writes_it(
    strings: dict[str, str], spans: dict[str, tuple[int, int]]
) -> None:
    """The rows' dicts are encoded without the encoder's call per dict, to the same text."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    assert records._json_strings(strings) == encode(strings)
    assert records._json_spans(spans) == encode({w: list(s) for w, s in spans.items()})
