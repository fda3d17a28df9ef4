"""What is checked and done before a project file is opened for writing.

A file that looks wrong is never written to: it is checked through a
read-only connection first (header, ``quick_check``, schema version, tables,
every row, and a WAL that is not the project's own), and only a file that
passes is upgraded to the current schema, all steps in one transaction.  A
file that cannot be written is read from an upgraded copy or a snapshot in
memory instead.  :meth:`~app.store.file.ProjectFile.open` runs these in order;
docs/project-file.md says what each guards against.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.messages import Message, message, os_reason, quoted
from app.store.connection import connect, has_journals, one_line, transaction
from app.store.lock import Lock
from app.store.records import (
    DIGESTS_KEY,
    STEPS_SQL,
    BadRow,
    ProjectError,
    parse_decision,
    parse_decision_id,
    parse_history,
    parse_json,
    parse_locus,
    parse_rules,
    parse_step,
    parse_strings,
    parse_texts,
    text_digests,
)
from app.store.schema import (
    DECISION_COLUMNS,
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
    added_columns,
    expected_schema,
    locus_columns,
    schema_difference,
    schema_of,
    texts_sql,
)
from app.text.facts import PROJECT_SUFFIX

_MAGIC = b"SQLite format 3\x00"


# -- validation before anything is written ------------------------------------------------


def is_read_only(path: Path) -> bool:
    """Mode bits as well as os.access: to root, os.access calls everything writable.
    (Also asked before a whole file replaces one, app/store/whole.py.)"""
    return stat.S_IMODE(path.stat().st_mode) & 0o222 == 0 or not os.access(path, os.W_OK)


def not_writable(path: Path) -> Message | None:
    """Why nothing may write the file or beside it (file or folder read-only), if so."""
    if is_read_only(path):
        return message("read-only.file")
    return message("read-only.folder") if is_read_only(path.parent) else None


def _check_header(path: Path) -> None:
    """SQLite takes an empty or short file for a new database, and would write to it."""
    name = path.name
    try:
        with path.open("rb") as f:
            head = f.read(100)
        size = path.stat().st_size
        wal = Path(f"{path}-wal")
        wal_frames = wal.exists() and wal.stat().st_size > 32  # more than the WAL header
    except OSError as e:
        raise ProjectError("project.cannot-read", name=name, reason=os_reason(e)) from None
    if not head:
        raise ProjectError("project.empty", name=name)
    if head[:16] != _MAGIC and not (len(head) < 16 and _MAGIC.startswith(head)):
        raise ProjectError("project.not-sqlite", name=name)
    if len(head) < 100:
        raise ProjectError("project.truncated", name=name, size=str(size))
    page_size = int.from_bytes(head[16:18], "big")
    expected = (65536 if page_size == 1 else page_size) * int.from_bytes(head[28:32], "big")
    # the header's page count is valid only if its two counters agree, and a crash
    # mid-checkpoint legitimately leaves the file short, with the pages still in the WAL
    if head[24:28] == head[92:96] and size < expected and not wal_frames:
        raise ProjectError(
            "project.truncated-of", name=name, size=str(size), expected=str(expected)
        )


def validated(
    path: Path, *, may_recover: bool, live: bool, rows_known: bool = False
) -> tuple[sqlite3.Connection, int, dict[str, Any]]:
    """A read-only connection to a file that passed every check, its schema version,
    and what the checks parsed (texts, rules, loci, decisions), so it is not parsed twice.

    ``rows_known``: the file was just written by this process (``create``), so its
    rows are not read and checked one by one again; everything else is.
    ``live``: someone may write the file meanwhile (it and its folder are
    writable); otherwise nothing may be created beside it, and a WAL left by a
    writer that crashed is read from a private copy (:func:`_private_copy`).
    """
    _check_header(path)
    name = path.name
    if Path(f"{path}-journal").exists():
        conn = connect(path, "ro")  # and SQLite sees a hot journal for what it is
    elif _wal_frames(path) and (may_recover or not live or _nobody_writes(path)):
        # a log no live writer is adding to: a crashed writer's, or one copied beside
        # the file; replayed in private, and first made sure it is this project's own
        _check_wal_is_own(path)
        conn = _private_copy(path)
    elif live and has_journals(path):
        conn = connect(path, "ro")  # a writer's log: SQLite reads it as that writer goes on
    else:
        conn = connect(path, "immutable")
    try:
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.OperationalError as e:
            if getattr(e, "sqlite_errorname", "") != "SQLITE_READONLY_ROLLBACK":
                raise
            if not may_recover:
                raise ProjectError("project.half-written", name=name) from None
            conn.close()  # SQLite's own recovery: a writer rolls the hot journal back
            conn = connect(path, "rw")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
            conn.close()
            conn = connect(path, "ro")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            newest = str(SCHEMA_VERSION)
            raise ProjectError("project.newer", name=name, version=str(version), supported=newest)
        problems = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            # one problem may span lines ("*** in database main ***\nPage 8: ..."): one line
            shown = "; ".join(" ".join(str(p).split()) for p in problems)
            raise ProjectError("project.damaged", name=name, problems=shown)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version < 1 or not TABLES[version] <= tables:
            raise ProjectError("project.not-jiaokan", name=name)
        odd = schema_difference(schema_of(conn), expected_schema(version))
        if odd:
            raise ProjectError("project.foreign-schema", name=name, what=odd)
        try:
            fresh = {} if rows_known else _check_rows(conn, version, path.parent)
        except BadRow as e:
            raise ProjectError("project.damaged", name=name, problems=str(e)) from None
    except BaseException as e:
        conn.close()
        if getattr(e, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise ProjectError("project.not-sqlite", name=name) from None
        if isinstance(e, sqlite3.DatabaseError):
            raise ProjectError("project.damaged", name=name, problems=one_line(e)) from None
        raise
    return conn, version, fresh


def _nobody_writes(path: Path) -> bool:
    """Whether the project's lock is free (taken for a moment and let go, leaving nothing)."""
    lock, _why = Lock.acquire(path)
    if lock is None:
        return False
    lock.release()
    return True


def _check_wal_is_own(path: Path) -> None:
    """Refuse a WAL that is not this project's own log: one copied beside it from another
    project, or an old one of its own put back, which SQLite would replay all the same.

    SQLite cannot tell; the project can.  Every write of a project (schema 6
    on) updates ``meta``'s ``write_seq``, so the meta page, with the
    project's ``project_id``, is in every transaction a WAL holds.  Replayed,
    the WAL must give the same id and a count no lower than the file's own.
    A file from before schema 6 has no id to tell its log by.
    """
    alone = connect(path, "immutable")  # immutable reads ignore the WAL: the file alone
    try:
        own = _identity(alone)
    except sqlite3.Error:
        return  # the file itself is unreadable: the checks after this say how
    finally:
        alone.close()
    if own is None:
        return
    replayed = _private_copy(path)
    try:
        theirs = _identity(replayed)
    except sqlite3.Error:
        theirs = None
    finally:
        replayed.close()
    if theirs is None or theirs[0] != own[0] or theirs[1] < own[1]:
        raise ProjectError("project.foreign-wal", name=path.name, wal=quoted(f"{path.name}-wal"))


def _identity(conn: sqlite3.Connection) -> tuple[str, int] | None:
    """The project's id and how many writes it has had; None before schema 6."""
    rows = dict(
        conn.execute("SELECT key, value FROM meta WHERE key IN ('project_id', 'write_seq')")
    )
    if "project_id" not in rows:
        return None
    try:
        return str(rows["project_id"]), int(rows.get("write_seq", 0))
    except (TypeError, ValueError):
        return str(rows["project_id"]), -1


def _wal_frames(path: Path) -> bool:
    """A WAL with more than its header: commits that may not be in the file itself yet."""
    try:
        return os.stat(f"{path}-wal").st_size > 32
    except OSError:
        return False


def _private_copy(path: Path) -> sqlite3.Connection:
    """The file with its WAL applied, in memory, without writing a byte beside ``path``.

    The file and its ``-wal`` are copied into a private folder, where SQLite
    replays the WAL into the copy; the result is copied into memory and the
    folder deleted.  For a file nobody may write (a read-only file, folder or
    medium) that a writer left with a WAL: an immutable read would miss the
    commits in the WAL, and a live one would have to create a ``-shm``.
    """
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        with tempfile.TemporaryDirectory(prefix="jiaokan-") as folder:
            copy = Path(folder) / f"copy{PROJECT_SUFFIX}"
            shutil.copyfile(path, copy)
            shutil.copyfile(f"{path}-wal", f"{copy}-wal")
            disk = sqlite3.connect(copy, isolation_level=None)
            try:
                disk.backup(memory)
            finally:
                disk.close()
    except BaseException:
        memory.close()
        raise
    return memory


def _check_rows(conn: sqlite3.Connection, version: int, folder: Path) -> dict[str, Any]:
    """Every row as the reading methods will parse it, and the texts against their digests.

    Older versions lack some columns, which read as their migration's default
    (what the migration gives them).  Returns what was parsed.
    """
    texts = parse_texts(conn.execute(texts_sql(version)).fetchall(), folder)
    meta = conn.execute("SELECT key, value FROM meta").fetchall()
    for row in meta:
        parse_strings(row, "meta")
    values = dict(meta)
    rules = parse_rules([(values["rules"],)] if "rules" in values else [])
    if DIGESTS_KEY in values:
        digests = parse_json(values[DIGESTS_KEY], "the texts' digests")
        if digests != json.loads(text_digests(texts)):
            raise BadRow("a stored text does not match its SHA-256")
    defaults = {"classes": "'{}'", "message": "''", "note": "''", "in_move": "NULL", "pair": "NULL"}
    added = {tc for v in range(version, SCHEMA_VERSION) for tc in added_columns(v)}

    def select(columns: Sequence[str], table: str) -> str:
        shown = [defaults[c] if (table, c) in added else c for c in columns]
        return f"SELECT {', '.join(shown)} FROM {table}"

    if version >= 10:
        unknown = "SELECT count(*) FROM shown WHERE id NOT IN (SELECT id FROM loci)"
        if conn.execute(unknown).fetchone()[0]:
            raise BadRow("a locus shown has no row")

    source = len(texts[0].text)
    order = " ORDER BY start_offset, end_offset, id"
    columns = locus_columns(version)
    loci = [parse_locus(row) for row in conn.execute(select(columns, "loci") + order)]
    for locus in loci:  # a retired one's source may be gone, and that is fine
        if locus.active and locus.end > source:
            raise BadRow(f"locus {locus.id} lies outside the source")
    decisions = {
        parse_decision_id(row[0]): parse_decision(row[1:])
        for row in conn.execute(select(DECISION_COLUMNS, "decisions"))
    }
    if version >= 5:
        for key, data in conn.execute("SELECT sha256, data FROM documents"):
            # a Word document is written back into the corrected .docx: a changed byte
            # would hand the author a document that is not the one collated
            if not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != key:
                raise BadRow("a stored Word document does not match its SHA-256")
    if version >= 9:
        for key, data in conn.execute("SELECT sha256, data FROM ocr"):
            if not isinstance(key, str) or not isinstance(data, bytes):
                raise BadRow("a stored OCR reading is not a blob under a digest")
    if version >= 2:
        parse_history(conn.execute("SELECT seq, at, label, changes FROM history").fetchall())
        if version >= 7:
            for row in conn.execute(STEPS_SQL):
                parse_step(row)
        for row in conn.execute("SELECT key, value FROM view_state"):
            parse_strings(row, "view state")
    return {"texts": texts, "rules": rules, "loci": loci, "decisions": decisions}


# -- migrations, and a file that is only read -----------------------------------------------


def migrate(conn: sqlite3.Connection, version: int, path: Path) -> None:
    """All steps in one transaction, so a failure leaves the file exactly as it was.

    A new file is built by the same steps from version 1 (app/store/whole.py)."""
    if version == SCHEMA_VERSION:
        return
    try:
        with transaction(conn):
            for v in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[v]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {v + 1}")
    except sqlite3.Error as e:
        raise ProjectError(
            "project.upgrade-failed",
            name=path.name,
            version=str(version),
            supported=str(SCHEMA_VERSION),
            reason=one_line(e),
        ) from None


def snapshot_or_live(conn: sqlite3.Connection, path: Path, *, asked: bool) -> sqlite3.Connection:
    """How to go on reading a writable file opened read-only (``conn`` is immutable).

    Immutable reads could tear under a writer, and a live read of a WAL file
    leaves an empty -wal and -shm beside it.  Asked to read only (``loci``,
    ``export``): take the lock for a moment, so no writer can start, copy the
    file into memory, and let go; nothing is created beside it and nobody is
    kept out.  Someone holds the lock (a window writes it): read it live.
    """
    lock, _busy = Lock.acquire(path) if asked else (None, None)
    if lock is None:
        conn.close()
        return connect(path, "ro")
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.backup(memory)
    except BaseException:
        memory.close()
        raise
    finally:
        conn.close()
        lock.release()
    return memory


def migrated_copy(conn: sqlite3.Connection, version: int, path: Path) -> sqlite3.Connection:
    """An older file that cannot be written, upgraded in memory (``conn`` is closed)."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.backup(memory)
        migrate(memory, version, path)
    except BaseException:
        memory.close()
        raise
    finally:
        conn.close()
    return memory
