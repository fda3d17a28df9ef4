"""Writing a whole project file: never a half-made one.

A new project (``create``, ``jiaokan collate --project``) or a copy
(``save_as``) is filled in a temporary file beside its target, under the
target's lock, synced, and renamed over it; whatever a writer killed midway
left is deleted by the next one to hold that lock, and no output may land
on a text the project holds (app/store/paths.py).
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from pathlib import Path

from app import __version__
from app.collation.loci import Region
from app.store.connection import absolute, one_line, transaction
from app.store.decisions import now
from app.store.lock import Lock
from app.store.opening import is_read_only, migrate
from app.store.paths import OutputError, Owned, check_output, stored_text_files
from app.store.records import (
    ProjectError,
    StoredLocus,
    StoredText,
    locus_row,
    to_json,
    upsert_sql,
    write_alignments,
    write_shown,
    write_texts,
)
from app.store.schema import LOCUS_COLUMNS, SCHEMA_V1


def owned_texts(texts: Sequence[StoredText]) -> list[Owned]:
    """The files of these texts (source first), under every name each may have: no output
    may land on them (app/store/paths.py)."""
    if not texts:
        return []
    source, *witnesses = texts
    return stored_text_files(
        (source.path, source.names, source.sha256),
        ((w.witness_id or "", w.path, w.names, w.sha256) for w in witnesses),
    )


def remove_new_project(path: str | os.PathLike[str]) -> bool:
    """Delete a project a command has just made but failed after making (out of memory,
    stopped), with whatever SQLite keeps beside it: under its lock, so not if someone
    has opened it meanwhile (then False)."""
    target = absolute(path)
    lock, _why = Lock.acquire(target)
    if lock is None:
        return False
    try:
        remove_with_journals(target)
    finally:
        lock.release()
    return True


def write_new(
    target: Path,
    texts: Sequence[StoredText],
    rules: Sequence[str],
    loci: Sequence[StoredLocus],
    alignments: Mapping[str, Sequence[Region]] | None,
    *,
    keep_lock: bool,
) -> Lock | None:
    """A new project file at ``target`` (:func:`write_whole`), its lock if ``keep_lock``."""
    owned = owned_texts(texts)

    def fill(conn: sqlite3.Connection) -> None:
        conn.executescript(SCHEMA_V1)
        conn.execute("PRAGMA user_version = 1")
        migrate(conn, 1, target)
        with transaction(conn):
            meta = {"created_at": now(), "created_by": f"Jiaokan {__version__}"}
            conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            _write_collation(conn, texts, rules, loci, alignments or {}, target.parent)

    return write_whole(target, fill, keep_lock=keep_lock, owned=owned)


def _write_collation(
    conn: sqlite3.Connection,
    texts: Sequence[StoredText],
    rules: Sequence[str],
    loci: Sequence[StoredLocus],
    alignments: Mapping[str, Sequence[Region]],
    folder: Path,
) -> None:
    write_texts(conn, texts, folder)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('rules', ?)", (to_json(list(rules)),))
    conn.executemany(upsert_sql("loci", LOCUS_COLUMNS), [locus_row(loc) for loc in loci])
    write_shown(conn, [loc.id for loc in loci if loc.active], [])
    write_alignments(conn, alignments)


_JOURNALS = ("-wal", "-shm", "-journal")
"""What SQLite may keep beside a database file."""

_TEMPORARY = re.compile(r"[a-z0-9_]{8}\.tmp(?:-wal|-shm|-journal)?")
"""What :func:`tempfile.mkstemp` adds to ``.NAME.`` for :func:`write_whole`'s temporary
file (eight of its letters, digits and ``_``), and the journals SQLite keeps beside it."""


def remove_with_journals(path: Path) -> None:
    """Delete ``path`` and what SQLite keeps beside it (also a project just created that
    cannot be used: app/store/file.py)."""
    for suffix in ("", *_JOURNALS):
        with suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def remove_stale_temporaries(target: Path) -> None:
    """Delete what a writer of ``target`` killed mid-write (SIGKILL, a power cut) left:
    its temporary file ``.NAME.XXXXXXXX.tmp`` and that file's journals.

    Only under ``target``'s lock: every writer holds it from before it makes its
    temporary file until after it has deleted it, so whatever such file is
    there now is no live writer's.  Only regular files, never through a link.
    (Also done by whoever opens ``target`` for writing: app/store/file.py.)
    """
    prefix = f".{target.name}."
    with suppress(OSError):
        for entry in os.scandir(target.parent):
            name = entry.name
            if name.startswith(prefix) and _TEMPORARY.fullmatch(name[len(prefix) :]):
                with suppress(OSError):
                    if entry.is_file(follow_symlinks=False):
                        os.unlink(entry.path)


def write_whole(
    target: Path,
    fill: Callable[[sqlite3.Connection], None],
    *,
    keep_lock: bool,
    owned: Sequence[Owned] = (),
) -> Lock | None:
    """Fill a temporary file in the same folder, then rename it over ``target``.

    Under ``target``'s lock, so an open project is never replaced; the lock is
    handed back (``keep_lock``) to a caller that goes on to open the file,
    holding the new file itself.  Never over a text in ``owned`` or anything
    but a regular file (app/store/paths.py).  ``save_as`` (app/store/file.py) writes its
    copy through it too.
    """
    try:
        check_output(target, owned)
    except OutputError as e:
        raise ProjectError(e.message) from None
    lock, why = Lock.acquire(target)
    if lock is None:
        raise ProjectError("project.cannot-write", name=target.name, reason=why or "")
    tmp: Path | None = None
    try:
        remove_stale_temporaries(target)
        if target.exists() and is_read_only(target):
            raise ProjectError("project.not-replaced", name=target.name)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        tmp = Path(name)
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            fill(conn)
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        _fsync(tmp)
        os.chmod(tmp, stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644)
        for suffix in _JOURNALS:  # an old WAL would be replayed into it
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, target)
        if sys.platform != "win32":
            _fsync(target.parent)
        held = lock.hold_file(target)  # the new inode, under every name it may ever get
        if held is not None:
            raise ProjectError("project.cannot-write", name=target.name, reason=held)
    except BaseException as e:
        lock.release()
        if isinstance(e, OSError | sqlite3.Error):
            error = one_line(e)
            raise ProjectError("project.cannot-write", name=target.name, reason=error) from None
        raise
    finally:
        if tmp is not None:
            remove_with_journals(tmp)
    if keep_lock:
        return lock
    lock.release()
    return None


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
