"""Projects have an identity: a summary for Recent, and the project of the same texts found again.

Every project here is a real file made by ``Project.create``; the summaries
are checked against what the opened project itself says.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.collation.collate import collate
from app.project.project import Project
from app.store.registry import find_existing, summary
from app.store.schema import SCHEMA_V1
from app.text.loading import LoadedText, load_text

SOURCE = "去年冬天，图书馆开始整理一批旧报纸。这些报纸大多已经发黄变脆，有的字迹模糊。"
TYPOS = "去年冬天，图书馆开始整理一批旧报纸。这些报纸大多己经发黄变脆，有的字迹模湖。"
OCR = "去年冬天,图书馆开始整理一批旧报纸。\n这些报纸大多已经发黄变脆,有的字迹模糊不清。"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_project(target: Path, source: Path, variants: list[Path]) -> Project:
    """A project as the window makes one: the texts loaded from their files, then collated."""
    src = load_text(source)
    loaded = [(p.stem, load_text(p)) for p in variants]
    result = collate(src.text, [(wid, t.text) for wid, t in loaded], ("width",))
    return Project.create(target, src, loaded, result)


@pytest.fixture
def texts(tmp_path: Path) -> tuple[Path, list[Path]]:
    books = tmp_path / "books"
    return write(books / "source.txt", SOURCE), [
        write(books / "typos.txt", TYPOS),
        write(books / "ocr.txt", OCR),
    ]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    projects = tmp_path / "projects"
    projects.mkdir()
    return projects


def listing(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file beside the projects with its size, mtime and bytes: nothing may change."""
    return {
        p.name: (p.stat().st_size, p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.iterdir())
    }


# -- summary -------------------------------------------------------------------------------------


def test_summary_of_a_new_project(folder: Path, texts: tuple[Path, list[Path]]) -> None:
    source, variants = texts
    with make_project(folder / "p.jkproj", source, variants) as project:
        loci = len(project.loci)
    s = summary(folder / "p.jkproj")
    assert s is not None
    assert s.path == (folder / "p.jkproj").resolve()
    assert s.source_name == "source.txt"
    assert s.witness_ids == ("typos", "ocr")
    assert [w.name for w in s.witnesses] == ["typos.txt", "ocr.txt"]
    assert s.rules == ("width",)
    assert (s.loci, s.decided) == (loci, 0)
    assert loci > 0
    mtime = datetime.fromtimestamp((folder / "p.jkproj").stat().st_mtime, UTC)
    assert s.changed_at == mtime  # no step yet: the file's own time


def test_summary_counts_decisions_as_the_project_does(
    folder: Path, texts: tuple[Path, list[Path]]
) -> None:
    source, variants = texts
    with make_project(folder / "p.jkproj", source, variants) as project:
        ids = project.ids()
        project.accept(ids[:1], "typos")
        op = project.reject(ids[1:2])
        assert op is not None
        project.set_note(ids[2], "check the print")  # a note alone decides nothing
        counts = project.counts()
        s = summary(folder / "p.jkproj")  # while the window still has it open
    assert s is not None
    assert s.decided == 2 == sum(n for status, n in counts.items() if status != "undecided")
    assert s.loci == len(ids)
    assert s.changed_at >= datetime.fromisoformat(op.at)
    assert s.changed_at.tzinfo is not None


def test_an_undo_is_a_change(folder: Path, texts: tuple[Path, list[Path]]) -> None:
    source, variants = texts
    with make_project(folder / "p.jkproj", source, variants) as project:
        op = project.accept(project.ids()[:1], "typos")
        assert op is not None
        _backdate(folder / "p.jkproj", datetime.now(UTC) - timedelta(days=1))
        before = summary(folder / "p.jkproj")
        project.log.undo()
        after = summary(folder / "p.jkproj")
    assert before is not None and after is not None
    assert (before.decided, after.decided) == (1, 0)
    assert after.changed_at > before.changed_at


def test_decisions_kept_aside_are_not_counted(folder: Path, texts: tuple[Path, list[Path]]) -> None:
    """A decision a re-collation could not place is not one of the current divergences."""
    source, variants = texts
    with make_project(folder / "p.jkproj", source, variants) as project:
        project.accept(project.ids(), "typos")
        fewer = collate(project.source.text, [("typos", TYPOS)], ("width",))
        unplaced = project.adopt(fewer, witnesses=project.witnesses[:1])
        counts = project.counts()
        total = len(project.loci)
    s = summary(folder / "p.jkproj")
    assert unplaced and s is not None
    assert (s.loci, s.decided) == (total, counts["accepted"])
    assert s.witness_ids == ("typos",)


def test_summary_writes_nothing_and_takes_no_lock(
    folder: Path, texts: tuple[Path, list[Path]]
) -> None:
    source, variants = texts
    make_project(folder / "p.jkproj", source, variants).close()
    before = listing(folder)
    assert summary(folder / "p.jkproj") is not None
    assert listing(folder) == before  # no -wal, -shm or .lock beside it, not a byte changed
    with Project.open(folder / "p.jkproj") as project:  # the lock is free
        assert not project.read_only


def test_summary_of_a_project_open_in_a_window(
    folder: Path, texts: tuple[Path, list[Path]]
) -> None:
    """Read live: the decisions still only in the WAL count, and the writer keeps its lock."""
    source, variants = texts
    make_project(folder / "p.jkproj", source, variants).close()
    with Project.open(folder / "p.jkproj") as project:
        project.accept(project.ids()[:1], "ocr")
        s = summary(folder / "p.jkproj")
        assert s is not None and s.decided == 1
        project.accept(project.ids()[1:2], "ocr")  # the window can still write
        with Project.open(folder / "p.jkproj") as second:
            assert second.read_only  # and still holds the lock


def test_summary_of_an_older_format(folder: Path) -> None:
    path = folder / "old.jkproj"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_V1)
    conn.execute("INSERT INTO meta VALUES ('rules', '[\"width\"]')")
    conn.executemany(
        "INSERT INTO texts VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (0, "source", None, "/books/a.txt", "utf-8", "aa", "天地玄黃"),
            (1, "witness", "宋本", "/books/b.txt", "utf-8", "bb", "天地玄黄"),
        ],
    )
    conn.execute(
        "INSERT INTO loci VALUES (1, 3, 4, '黃', 'substitution', '{}', '{\"宋本\": \"黄\"}',"
        " '{\"宋本\": [3, 4]}', NULL, '天地玄', '', 1)"
    )
    conn.execute(
        "INSERT INTO decisions VALUES (1, 'accepted', '宋本', '黄', '2024-05-01T08:00:00+00:00')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = listing(folder)
    s = summary(path)
    assert s is not None
    assert (s.source_name, s.witness_ids, s.loci, s.decided) == ("a.txt", ("宋本",), 1, 1)
    assert s.changed_at == datetime(2024, 5, 1, 8, tzinfo=UTC)
    assert listing(folder) == before  # not upgraded: only looked at


def _newer(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()


def _foreign(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("PRAGMA user_version = 3")
    conn.close()


def _no_source(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM texts WHERE role = 'source'")
    conn.close()


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
        pytest.param(lambda p: p.write_text("天地玄黄", encoding="utf-8"), id="text-file"),
        pytest.param(lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 84), id="header"),
        pytest.param(_truncated, id="truncated"),
        pytest.param(_newer, id="newer-format"),
        pytest.param(_foreign, id="foreign-sqlite"),
        pytest.param(_no_source, id="no-source"),
        pytest.param(lambda p: p.unlink(), id="missing"),
        pytest.param(lambda p: (p.unlink(), p.mkdir()), id="directory"),
    ],
)
def test_unreadable_files_give_none(
    folder: Path, texts: tuple[Path, list[Path]], spoil: object
) -> None:
    source, variants = texts
    path = folder / "p.jkproj"
    make_project(path, source, variants).close()
    assert callable(spoil)
    spoil(path)
    before = listing(folder) if path.is_file() else None
    assert summary(path) is None
    assert summary(f"{path}\0") is None  # not even a valid path
    assert find_existing(folder, source, variants) == []
    if before is not None:
        assert listing(folder) == before


# -- find_existing --------------------------------------------------------------------------------


def test_same_files_find_the_project(folder: Path, texts: tuple[Path, list[Path]]) -> None:
    source, variants = texts
    make_project(folder / "p.jkproj", source, variants).close()
    assert find_existing(folder, source, variants) == [folder / "p.jkproj"]
    assert find_existing(folder, source, variants[::-1]) == [folder / "p.jkproj"]  # any order
    loaded = [load_text(v) for v in variants]
    assert find_existing(folder, load_text(source), loaded) == [folder / "p.jkproj"]


def test_other_texts_are_other_projects(
    folder: Path, texts: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    source, variants = texts
    make_project(folder / "p.jkproj", source, variants).close()
    other = write(tmp_path / "other.txt", "天地玄黄，宇宙洪荒。")
    assert find_existing(folder, source, variants[:1]) == []  # a witness fewer
    assert find_existing(folder, source, [*variants, other]) == []  # a witness more
    assert find_existing(folder, source, [variants[0], other]) == []  # another witness
    assert find_existing(folder, other, variants) == []  # another source
    assert find_existing(folder, variants[0], [source, variants[1]]) == []  # roles swapped


def test_moved_folder_finds_the_project_by_content(
    folder: Path, texts: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    source, variants = texts
    make_project(folder / "p.jkproj", source, variants).close()
    moved = tmp_path / "archive" / "books"
    shutil.move(source.parent, moved)
    found = find_existing(folder, moved / "source.txt", [moved / "ocr.txt", moved / "typos.txt"])
    assert found == [folder / "p.jkproj"]


def test_source_edited_in_place_still_finds_the_project(
    folder: Path, texts: tuple[Path, list[Path]]
) -> None:
    """Same file, new bytes: opening the project then offers to collate the new version."""
    source, variants = texts
    with make_project(folder / "p.jkproj", source, variants) as project:
        project.accept(project.ids()[:1], "typos")
    source.write_text(SOURCE + "补记。", encoding="utf-8")
    assert find_existing(folder, source, variants) == [folder / "p.jkproj"]
    with Project.open(folder / "p.jkproj") as project:
        assert project.source_changed_on_disk()


def test_relative_paths_as_given_on_the_command_line(
    folder: Path, texts: tuple[Path, list[Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept absolute, so the project is found again from any other working folder."""
    source, variants = texts
    monkeypatch.chdir(source.parent)
    make_project(folder / "p.jkproj", Path("source.txt"), [Path(v.name) for v in variants]).close()
    monkeypatch.chdir(folder)
    assert find_existing(folder, source, variants) == [folder / "p.jkproj"]
    s = summary(folder / "p.jkproj")
    assert s is not None and s.source.path == str(source) and s.source_name == "source.txt"


def test_copy_of_a_text_with_the_same_bytes_matches_once(folder: Path, tmp_path: Path) -> None:
    """Two variants with identical bytes pair one for one, not both with one stored text."""
    source = write(tmp_path / "src.txt", SOURCE)
    a = write(tmp_path / "a" / "typos.txt", TYPOS)
    b = write(tmp_path / "b" / "typos.txt", TYPOS)
    c = write(tmp_path / "c" / "ocr.txt", OCR)
    make_project(folder / "p.jkproj", source, [a, c]).close()
    assert find_existing(folder, source, [a, b]) == []
    assert find_existing(folder, source, [b, c]) == [folder / "p.jkproj"]


def test_a_path_match_does_not_steal_a_content_match(folder: Path, tmp_path: Path) -> None:
    """Stored (x: TYPOS, y: OCR); given x now holds OCR and z holds TYPOS: both pair by content."""
    source = write(tmp_path / "src.txt", SOURCE)
    x = write(tmp_path / "x.txt", TYPOS)
    y = write(tmp_path / "y.txt", OCR)
    make_project(folder / "p.jkproj", source, [x, y]).close()
    y.unlink()
    x.write_text(OCR, encoding="utf-8")
    z = write(tmp_path / "z.txt", TYPOS)
    assert find_existing(folder, source, [z, x]) == [folder / "p.jkproj"]


def test_newest_work_first(folder: Path, texts: tuple[Path, list[Path]]) -> None:
    source, variants = texts
    old, new, idle = folder / "a.jkproj", folder / "b.jkproj", folder / "c.jkproj"
    for path in (old, new, idle):
        make_project(path, source, variants).close()
    yesterday = datetime.now(UTC) - timedelta(days=1)
    _decide_at(old, yesterday)
    _decide_at(new, yesterday + timedelta(hours=2))
    day_before = (yesterday - timedelta(days=1)).timestamp()
    os.utime(idle, (day_before, day_before))  # no step: its file time counts
    assert find_existing(folder, source, variants) == [new, old, idle]
    summaries = [summary(p) for p in (new, old, idle)]
    times = [s.changed_at for s in summaries if s is not None]
    assert times == sorted(times, reverse=True) and len(times) == 3


def test_other_files_in_the_folder_are_ignored(
    folder: Path, texts: tuple[Path, list[Path]]
) -> None:
    source, variants = texts
    make_project(folder / "p.jkproj", source, variants).close()
    shutil.copy(folder / "p.jkproj", folder / "p.jkproj.bak")
    write(folder / "notes.txt", "not a project")
    (folder / "dir.jkproj").mkdir()
    write(folder / "broken.jkproj", "not a project either")
    assert find_existing(folder, source, variants) == [folder / "p.jkproj"]
    assert find_existing(folder / "missing", source, variants) == []


def test_unreadable_given_file_matches_by_path(
    folder: Path, texts: tuple[Path, list[Path]]
) -> None:
    source, variants = texts
    make_project(folder / "p.jkproj", source, variants).close()
    variants[1].unlink()  # gone since: its path still names it
    assert find_existing(folder, source, variants) == [folder / "p.jkproj"]


def test_two_hundred_projects_are_searched_quickly(
    folder: Path, texts: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    """Only the texts' metadata is read: the size of the texts and loci does not matter."""
    source, variants = texts
    big = write(tmp_path / "big" / "source.txt", SOURCE * 2000)  # ~70 000 characters
    bigger = write(tmp_path / "big" / "variant.txt", TYPOS * 2000)
    make_project(folder / "big-0.jkproj", big, [bigger]).close()
    for n in range(1, 199):
        shutil.copy(folder / "big-0.jkproj", folder / f"big-{n}.jkproj")
    make_project(folder / "mine.jkproj", source, variants).close()
    started = time.perf_counter()
    found = find_existing(folder, source, variants)
    elapsed = time.perf_counter() - started
    assert found == [folder / "mine.jkproj"]
    assert elapsed < 2.0, f"{elapsed:.2f} s for 200 projects"  # about 0.05 s on a laptop
    assert len(find_existing(folder, big, [bigger])) == 199


def _decide_at(path: Path, when: datetime) -> None:
    with Project.open(path) as project:
        project.accept(project.ids()[:1], "typos")
    _backdate(path, when)


def _backdate(path: Path, when: datetime) -> None:
    """Every step made at ``when``, as if the proofreader had worked then."""
    at = when.replace(microsecond=0).isoformat()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE decisions SET decided_at = ?", (at,))
        conn.execute("UPDATE history SET at = ?", (at,))
    conn.close()


def test_loaded_text_hash_is_the_file_hash(texts: tuple[Path, list[Path]]) -> None:
    """find_existing trusts a LoadedText's sha256: it must be the file's bytes' hash."""
    source, _ = texts
    loaded: LoadedText = load_text(source)
    assert loaded.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
