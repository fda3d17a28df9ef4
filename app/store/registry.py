"""Which project holds a proofreader's work: summaries of project files, and finding them.

A proofreader knows their work by its texts, not by a file name such as
``source-20260101-120000.jkproj``.  So the window asks here, before it makes
a new project, whether one of the same source and variants already exists
(:func:`find_existing`), and shows each recent project by its source, its
witnesses, how much is decided and when it last changed (:func:`summary`).

Both only look: they read a few rows through :func:`app.store.file.glance`
(no lock, nothing created beside the file, no checks, no loci loaded), so
listing a folder of two hundred projects takes a fraction of a second, and a
project open in a window is read as it stands.  Opening a project for real
(:meth:`ProjectFile.open`) still does every check; a file these functions
could read may yet be refused there as damaged.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from app.messages import readable_name
from app.store.file import glance
from app.store.records import stored_path, text_names
from app.store.schema import SCHEMA_VERSION, shown_sql
from app.text.facts import PROJECT_SUFFIX
from app.text.loading import LoadedText

FileLike = str | os.PathLike[str] | LoadedText
"""A text file given by path, or already loaded (then its path and sha256 are used, not re-read)."""


@dataclass(frozen=True)
class TextRef:
    """One text of a project as stored: where it was loaded from and its bytes' hash."""

    role: str  # "source" | "witness"
    witness_id: str | None
    path: str
    """Where it was loaded from (before schema 6, as given: maybe relative to the folder
    Jiaokan ran in)."""
    sha256: str
    names: tuple[str, ...] = ()
    """Every name it may go by now (``app.store.records.text_names``)."""

    @property
    def name(self) -> str:
        """The file name, which is what a proofreader recognises."""
        return readable_name(Path(self.path).name)


@dataclass(frozen=True)
class ProjectSummary:
    """What Recent shows of a project, read without opening it."""

    path: Path
    """The project file, resolved."""
    source: TextRef
    witnesses: tuple[TextRef, ...]
    rules: tuple[str, ...]
    loci: int
    """Divergences of the current collation (active loci)."""
    decided: int
    """Of those, the ones accepted, rejected or edited (as ``Project.counts()`` counts)."""
    changed_at: datetime
    """When the work last changed, in UTC: the latest decision or history step (an undo
    too), else, for a project with no step yet, the file's modification time."""

    @property
    def source_name(self) -> str:
        return self.source.name

    @property
    def witness_ids(self) -> tuple[str, ...]:
        return tuple(w.witness_id or "" for w in self.witnesses)


def summary(path: str | os.PathLike[str]) -> ProjectSummary | None:
    """The summary of the project at ``path``, or None if it cannot be read as one.

    Never raises, never writes, never takes the lock: a missing, empty,
    foreign, damaged or newer-format file gives None (:meth:`ProjectFile.open`
    says why, when the user tries to open it).  A project open in a window is
    read as committed so far.  Reads the texts' metadata (not the texts), the
    rules, and counts and times by SQL, not the loci themselves.
    """
    target = _resolved(path)
    if target is None:
        return None

    def read(conn: sqlite3.Connection, version: int, texts: _Texts) -> ProjectSummary:
        shown = shown_sql(version)
        (loci,) = conn.execute(f"SELECT count(*) FROM ({shown})").fetchone()
        (decided,) = conn.execute(
            f"SELECT count(*) FROM decisions WHERE locus_id IN ({shown}) AND status != 'undecided'"
        ).fetchone()
        changed = _last_step(conn, version) or _mtime(target)
        source, witnesses = texts
        rules = _rules(conn)
        return ProjectSummary(target, source, witnesses, rules, int(loci), int(decided), changed)

    return _reading(target, read)


def find_existing(
    folder: str | os.PathLike[str], source: FileLike, variants: Iterable[FileLike]
) -> list[Path]:
    """Projects in ``folder`` made from these same texts, the most recently changed first.

    The same texts means: the project's source is the same file as
    ``source``, and its witnesses are the same files as ``variants``, one for
    one, in any order (a project with a witness more or fewer is another
    collation, not this one; the rules do not matter, switching them is part
    of the same work).  A stored text is the same file as a given one when
    either

    - their paths resolve to the same file (relative stored paths against the
      current directory, as ``Project.source_changed_on_disk`` reads them):
      the file may have been edited since, and opening the project offers to
      collate the new version; or
    - their bytes have the same SHA-256: the proofreader moved or copied the
      folder, or reached the file by another name, and still expects their
      project.

    Only ``*.jkproj`` files directly in ``folder`` are looked at; unreadable
    ones are skipped, and a missing folder gives [].  Only the ``texts``
    table's path, hash and role columns are read (not the texts nor the
    loci), plus, for a match, its last change.  Given files are hashed once
    (read in full, unless passed as :class:`LoadedText`); one that cannot be
    read matches by path alone.
    """
    wanted_source = _given(source)
    wanted = [_given(v) for v in variants]
    try:
        candidates = sorted(p for p in Path(folder).iterdir() if p.suffix == PROJECT_SUFFIX)
    except OSError:
        return []
    found: list[tuple[datetime, Path]] = []
    for candidate in candidates:
        changed = _match(candidate, wanted_source, wanted)
        if changed is not None:
            found.append((changed, candidate))
    found.sort(key=lambda item: (item[0], str(item[1])), reverse=True)
    return [path for _, path in found]


# -- matching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Identity:
    """What makes two texts the same file: a resolved path, or the bytes' hash."""

    paths: frozenset[Path]
    sha256: str | None

    def same(self, other: _Identity) -> bool:
        by_path = not self.paths.isdisjoint(other.paths)
        return by_path or (self.sha256 is not None and self.sha256 == other.sha256)


def _resolved(path: str | os.PathLike[str]) -> Path | None:
    try:
        return Path(path).expanduser().resolve()
    except (OSError, ValueError, RuntimeError):  # a NUL in the name, a symlink loop
        return None


def _paths(*names: str | os.PathLike[str]) -> frozenset[Path]:
    return frozenset(p for p in map(_resolved, names) if p is not None)


def _given(file: FileLike) -> _Identity:
    if isinstance(file, LoadedText):
        return _Identity(_paths(file.path), file.sha256)
    path = _resolved(file)
    if path is None:
        return _Identity(frozenset(), None)
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return _Identity(frozenset({path}), None)
    return _Identity(frozenset({path}), digest)


def _stored(text: TextRef) -> _Identity:
    return _Identity(_paths(*(text.names or (text.path,))), text.sha256 or None)


def _match(candidate: Path, source: _Identity, variants: Sequence[_Identity]) -> datetime | None:
    """The candidate's last change if it holds these texts, else None (also if unreadable)."""

    def read(conn: sqlite3.Connection, version: int, texts: _Texts) -> datetime | None:
        stored_source, stored_witnesses = texts
        if not _stored(stored_source).same(source):
            return None
        if not _one_for_one([_stored(w) for w in stored_witnesses], variants):
            return None
        return _last_step(conn, version) or _mtime(candidate)

    return _reading(candidate, read)


_Texts = tuple[TextRef, tuple[TextRef, ...]]
_T = TypeVar("_T")


def _reading(path: Path, read: Callable[[sqlite3.Connection, int, _Texts], _T | None]) -> _T | None:
    """``read`` on a look at the project at ``path``; None if it is not one or cannot be read."""
    try:
        conn = glance(path)
    except (sqlite3.Error, OSError, ValueError):
        return None
    try:
        version = _version(conn)
        texts = _texts(conn, version, path.parent) if version else None
        return None if texts is None else read(conn, version, texts)
    except (sqlite3.Error, OSError, ValueError, TypeError):
        return None
    finally:
        conn.close()


def _one_for_one(stored: Sequence[_Identity], given: Sequence[_Identity]) -> bool:
    """Whether each given text pairs with its own stored one (a perfect bipartite matching).

    Greedy pairing is not enough: a path match may take the stored text that
    another given file alone matches by hash.  Kuhn's augmenting paths, on a
    handful of witnesses.
    """
    if len(stored) != len(given):
        return False
    partner: list[int | None] = [None] * len(stored)

    def place(g: int, seen: set[int]) -> bool:
        for s, text in enumerate(stored):
            if s in seen or not text.same(given[g]):
                continue
            seen.add(s)
            taken = partner[s]
            if taken is None or place(taken, seen):
                partner[s] = g
                return True
        return False

    return all(place(g, set()) for g in range(len(given)))


# -- reading -----------------------------------------------------------------------------------


def _version(conn: sqlite3.Connection) -> int:
    """The schema version, or 0 for a file this program cannot read (not ours, or newer)."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    return version if 1 <= version <= SCHEMA_VERSION else 0


def _texts(
    conn: sqlite3.Connection, version: int, folder: Path
) -> tuple[TextRef, tuple[TextRef, ...]] | None:
    """The source and the witnesses, without their text (left on disk)."""
    relative = "relative_path" if version >= 6 else "NULL"
    rows = conn.execute(
        f"SELECT role, witness_id, path, sha256, {relative} FROM texts"
        " ORDER BY role != 'source', position"
    ).fetchall()
    refs = []
    for role, wid, path, sha256, where in rows:
        name = stored_path(path)
        if name is None:
            return None
        names = text_names(name, stored_path(where), folder)
        refs.append(TextRef(str(role), wid, name, str(sha256), names))
    if not refs or refs[0].role != "source" or any(t.role != "witness" for t in refs[1:]):
        return None
    return refs[0], tuple(refs[1:])


def _rules(conn: sqlite3.Connection) -> tuple[str, ...]:
    row = conn.execute("SELECT value FROM meta WHERE key = 'rules'").fetchone()
    rules = json.loads(row[0]) if row else []
    return tuple(str(r) for r in rules) if isinstance(rules, list) else ()


def _last_step(conn: sqlite3.Connection, version: int) -> datetime | None:
    """The latest decision or history step (version 2 on), as an aware UTC time."""
    times = [conn.execute("SELECT max(decided_at) FROM decisions").fetchone()[0]]
    if version >= 2:
        times.append(conn.execute("SELECT max(at) FROM history").fetchone()[0])
    parsed = [t for t in (_time(v) for v in times) if t is not None]
    return max(parsed, default=None)


def _time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        return None
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


RECENT_LIMIT = 12
"""How many projects File ▸ Recent and the welcome page list."""


class RecentProjects:
    """The recently opened projects, newest first: a small JSON list in the user's data
    folder, written whole through a temporary file so a crash never leaves half a list."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> list[str]:
        try:
            items = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [str(p) for p in items if isinstance(p, str)] if isinstance(items, list) else []

    def add(self, project: Path) -> None:
        entry = str(Path(project).resolve())
        items = [entry] + [p for p in self.load() if p != entry]
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        # \u escapes: a name with undecodable bytes (lone surrogates) reads back the same
        tmp.write_text(json.dumps(items[:RECENT_LIMIT]), encoding="utf-8")
        tmp.replace(self.path)
