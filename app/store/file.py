"""The project file: one SQLite file (``.jkproj``) holding a whole proofreading job.

A proofreader's decisions are hours of work, so the file is the only state:
every decision is committed in its own transaction (WAL, ``synchronous=FULL``)
before the window shows it, and nothing waits to be "saved".  For the same
reason a file that looks wrong is never written to: :meth:`ProjectFile.open`
checks it through a read-only connection first (header, ``quick_check``,
schema version, tables) and only then opens it for writing, so a damaged,
foreign or newer file comes back as a one-line :class:`ProjectError` with its
bytes untouched.  Two windows writing one file would interleave their undo
histories, hence the lock file beside it (app/store/lock.py); whoever
comes second only reads.
See docs/project-file.md for the schema and the guarantees.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from app import __version__
from app.collation.loci import Locus, ReadsLocus, Region
from app.messages import Message, MessageError, known_reason, message, os_reason, quoted
from app.store.decisions import Decision, Status, Step, StepKind, now
from app.store.lock import Lock
from app.store.paths import (
    OutputError,
    Owned,
    check_output,
    project_files,
    regular_file_sha256,
    stored_text_files,
)
from app.store.schema import (
    DECISION_COLUMNS,
    LOCUS_COLUMNS,
    MIGRATIONS,
    SCHEMA_V1,
    SCHEMA_VERSION,
    TABLES,
    added_columns,
    expected_schema,
    schema_difference,
    schema_of,
    texts_sql,
)
from app.text.facts import PROJECT_SUFFIX

_MAGIC = b"SQLite format 3\x00"
_DIGESTS_KEY = "text_sha256"
"""meta key: JSON list of the SHA-256 of each text as UTF-8, source first, then by position."""


class ProjectError(MessageError):
    """Something the user can act on, in one line: the file cannot be used (or written) so."""


@dataclass(frozen=True)
class StoredText:
    """A text as decoded, kept in the project so it opens even if the file moved or changed."""

    role: str  # "source" | "witness"
    witness_id: str | None
    path: str
    encoding: str
    sha256: str
    text: str
    document: bytes | None = field(default=None, repr=False, compare=False)
    """A Word document's own bytes, when written (read back with :meth:`ProjectFile.document`,
    only when asked: an export needs them, opening does not)."""
    names: tuple[str, ...] = field(default=(), repr=False, compare=False)
    """Read back from a project: every path the file may be at now (``path`` is the one
    found), so that no output lands on it under any of them (:func:`_whereabouts`)."""
    ocr: bytes | None = field(default=None, repr=False, compare=False)
    """What OCR read of a scan (serialized), when written (read back with
    :meth:`ProjectFile.ocr`): a project reopened shows the scan's pages without OCR."""


@dataclass(frozen=True)
class StoredLocus(ReadsLocus):
    """A locus as the project keeps it: the collation's :class:`Locus`, under its permanent
    id, with a little source on each side (to find it again in an edited source) and
    whether it is shown; a retired one keeps its decision for when its place returns.

    One locus type throughout: the fields of the locus are its own, read through.
    """

    locus: Locus
    context_before: str
    context_after: str
    active: bool = True

    def moved(self, start: int, end: int, before: str, after: str) -> StoredLocus:
        """The same locus at another place of an edited source."""
        return replace(
            self, locus=replace(self.locus, start=start, end=end),
            context_before=before, context_after=after,
        )  # fmt: skip


class ProjectFile:
    """An open project file.  Use :meth:`create` or :meth:`open`, and :meth:`close` it."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, lock: Lock | None, why: Message | None
    ) -> None:
        self.path = path
        self.read_only = why is not None
        self.read_only_why = why
        """Why the project is read-only, for the window to show in its own language."""
        self.read_only_reason = "" if why is None else str(why)
        self._conn = conn
        self._lock = lock
        self._fresh: dict[str, Any] = {}
        """What the checks before opening parsed already, each handed out once, until a write."""

    # -- opening and closing ---------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        texts: Sequence[StoredText],
        rules: Sequence[str],
        loci: Sequence[StoredLocus],
        alignments: Mapping[str, Sequence[Region]] | None = None,
    ) -> ProjectFile:
        """Build the file beside ``path`` and rename it into place: never a half-made project.

        Opened for writing: if that fails (SQLite says "disk I/O error" when no
        memory is left for its shared memory), a file that was not there before
        is deleted again, with whatever SQLite made beside it.
        """
        target = _absolute(path)
        new = not os.path.lexists(target)
        lock = _write_new(target, texts, rules, loci, alignments, keep_lock=True)
        try:
            # its rows were written a moment ago by this process, under the lock it still
            # holds: checking each again would only cost time on the window's thread
            return cls._open(target, read_only=False, lock=lock, rows_known=True)
        except BaseException:
            if new:
                _remove_with_journals(target)
            if lock is not None:  # released already, unless opening failed before it could
                lock.release()
            raise

    @staticmethod
    def write(
        path: str | os.PathLike[str],
        texts: Sequence[StoredText],
        rules: Sequence[str],
        loci: Sequence[StoredLocus],
        alignments: Mapping[str, Sequence[Region]] | None = None,
    ) -> None:
        """:meth:`create` without opening the file (``jiaokan collate --project``).

        Once the complete file is renamed into place, nothing is left to fail
        but syncing its folder: a command stopped or out of memory before that
        leaves no project and no file beside it, and an existing one it was
        to replace as it was.
        """
        _write_new(_absolute(path), texts, rules, loci, alignments, keep_lock=False)

    def discard(self) -> None:
        """Close and delete a project this process has just created but cannot use."""
        with suppress(sqlite3.Error):
            self._conn.close()
        if self._lock is not None:
            _remove_with_journals(self.path)  # still under the lock: nobody opened it since
            self._lock.release()
            self._lock = None

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> ProjectFile:
        """Open a project; read-only, with a reason, when it cannot or should not be written."""
        return cls._open(_absolute(path), read_only=read_only, lock=None)

    @classmethod
    def _open(
        cls, path: Path, *, read_only: bool, lock: Lock | None, rows_known: bool = False
    ) -> ProjectFile:
        try:
            if not stat.S_ISREG(path.stat().st_mode):
                raise ProjectError("project.not-a-file", name=path.name)
        except OSError as e:
            raise ProjectError("project.cannot-open", name=path.name, reason=os_reason(e)) from None
        medium = _not_writable(path)
        why = message("read-only.asked") if read_only else medium
        # no Jiaokan writes a file it finds read-only, but one may write where we only read
        live = medium is None
        try:
            if why is None and lock is None:
                lock, why = Lock.acquire(path)
            if why is not None and lock is not None:
                lock.release()
                lock = None
            if lock is not None:
                _remove_stale_temporaries(path)
            conn, version, fresh = _validated(
                path, may_recover=lock is not None, live=live, rows_known=rows_known
            )
            if why is not None:
                if version < SCHEMA_VERSION:  # the file cannot be upgraded: a copy in memory is
                    conn = _migrated_copy(conn, version, path)
                elif live and not _journals(path):
                    conn = _snapshot_or_live(conn, path, asked=read_only)
                return cls(path, conn, None, why)._with(fresh)
            conn.close()
            conn = _connect(path, "rw")
            try:
                conn.execute("PRAGMA synchronous = FULL")
                _migrate(conn, version, path)
                # only now that the file is known good: switching to WAL rewrites its header
                conn.execute("PRAGMA journal_mode = WAL")
            except BaseException:
                conn.close()
                raise
        except BaseException as e:
            if lock is not None:
                lock.release()
            if isinstance(e, sqlite3.Error | OSError):
                raise ProjectError(
                    "project.cannot-open", name=path.name, reason=_one_line(e)
                ) from None
            raise
        return cls(path, conn, lock, None)._with(fresh)

    def _with(self, fresh: dict[str, Any]) -> ProjectFile:
        self._fresh = fresh
        return self

    def close(self) -> None:
        """The database first, then the lock, so the next writer finds the WAL checkpointed.

        A writer empties its WAL into the file explicitly first: SQLite skips
        that on close while anyone else reads the file, and a reader through
        another name (a hard link) is someone SQLite cannot see; a WAL left
        beside one name would be missed by a writer through the other.
        """
        if self._lock is not None:
            with suppress(sqlite3.Error):  # the WAL then stays, and SQLite replays it
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        self._conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> ProjectFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------

    def texts(self) -> list[StoredText]:
        """The texts, each found where it is now (see :func:`_whereabouts`)."""
        if "texts" in self._fresh:
            return list(self._fresh.pop("texts"))
        rows = self._rows(texts_sql(SCHEMA_VERSION))
        return self._parsed(lambda rs: _texts(rs, self.path.parent), rows)

    def rules(self) -> tuple[str, ...]:
        if "rules" in self._fresh:
            return tuple(self._fresh.pop("rules"))
        return self._parsed(_rules, self._rows("SELECT value FROM meta WHERE key = 'rules'"))

    def loci(self, *, include_inactive: bool = False) -> list[StoredLocus]:
        if "loci" in self._fresh:
            every: list[StoredLocus] = self._fresh.pop("loci")
            return every if include_inactive else [loc for loc in every if loc.active]
        where = "" if include_inactive else " WHERE active"
        sql = f"SELECT {', '.join(LOCUS_COLUMNS)} FROM loci{where}"
        rows = self._rows(sql + " ORDER BY start_offset, end_offset, id")
        return self._parsed(lambda rs: [_locus(r) for r in rs], rows)

    def alignments(self) -> dict[str, tuple[Region, ...]]:
        """Each witness's regions as last collated (schema 4 on; empty before, or if unreadable).

        What the panes need to scroll in step, so opening a project does not
        align every witness again; a row that does not read is simply not
        used (the window then collates), never an error.
        """
        out: dict[str, tuple[Region, ...]] = {}
        for wid, payload in self._rows("SELECT witness_id, regions FROM alignments"):
            try:
                out[wid] = tuple(
                    Region(int(a), int(b), int(c), int(d), str(k), None if m is None else int(m))
                    for a, b, c, d, k, m in json.loads(payload)
                )
            except (TypeError, ValueError):
                return {}
        return out

    def document(self, sha256: str) -> bytes | None:
        """The bytes of the Word document with this digest (schema 5 on), if the project holds it.

        Kept so a corrected ``.docx`` can be written from the document the
        collation read, even after the file moved or changed on disk.
        """
        rows = self._rows("SELECT data FROM documents WHERE sha256 = ?", (sha256,))
        return bytes(rows[0][0]) if rows else None

    def ocr(self, sha256: str) -> bytes | None:
        """What OCR read of the scan with this digest (schema 9 on), if the project holds it
        (its contents are checked where they are read: ``OcrResult.from_bytes``)."""
        rows = self._rows("SELECT data FROM ocr WHERE sha256 = ?", (sha256,))
        return bytes(rows[0][0]) if rows and isinstance(rows[0][0], bytes) else None

    def next_locus_id(self) -> int:
        """Counts inactive loci too, so a retired id is never given to a new locus."""
        return int(self._rows("SELECT COALESCE(MAX(id), 0) + 1 FROM loci")[0][0])

    def decisions(self) -> dict[int, Decision]:
        if "decisions" in self._fresh:
            return dict(self._fresh.pop("decisions"))
        rows = self._rows(f"SELECT {', '.join(DECISION_COLUMNS)} FROM decisions")
        try:
            return {_decision_id(r[0]): _decision(r[1:]) for r in rows}
        except _Bad as e:
            raise ProjectError(
                "project.invalid-decision", name=self.path.name, reason=str(e)
            ) from None

    def history(self) -> list[tuple[int, str, str, str]]:
        rows = self._rows("SELECT seq, at, label, changes FROM history ORDER BY seq")
        return self._parsed(_history, rows)

    def steps(self) -> list[Step]:
        """Every row of the history, oldest first, as the undo stack is rebuilt from it."""
        rows = self._rows(f"{_STEPS_SQL} ORDER BY seq")
        return self._parsed(lambda rs: [_step(r) for r in rs], rows)

    def view_state(self) -> dict[str, str]:
        rows = self._rows("SELECT key, value FROM view_state")
        return self._parsed(lambda rs: dict(_strings(r, "view state") for r in rs), rows)

    def _parsed(self, parse: Callable[[list[Any]], _T], rows: list[Any]) -> _T:
        try:
            return parse(rows)
        except _Bad as e:
            raise ProjectError("project.damaged", name=self.path.name, problems=str(e)) from None

    # -- writing ---------------------------------------------------------------------

    def commit_decisions(
        self,
        label: str,
        changes: Mapping[int, Decision],
        at: str,
        *,
        before: Mapping[int, Decision] | None = None,
        kind: StepKind = StepKind.DO,
    ) -> None:
        """A whole undoable step or none of it, so the undo stack always matches the file.

        The history row keeps what the step found (``before``) as well as what it
        left, so the undo stack is rebuilt from the file (:meth:`steps`)."""
        with self._writing("project.save-decision-failed"):
            for lid, d in changes.items():
                if d.status is Status.UNDECIDED and not d.note:
                    self._conn.execute("DELETE FROM decisions WHERE locus_id = ?", (lid,))
                else:
                    row = (lid, str(d.status), d.witness, d.reading, d.note, d.decided_at)
                    self._conn.execute(_upsert("decisions", DECISION_COLUMNS), row)
            payload = _decisions_json(changes)
            previous = None if before is None else _decisions_json(before)
            self._conn.execute(
                "INSERT INTO history (at, label, changes, kind, previous) VALUES (?, ?, ?, ?, ?)",
                (at, label, payload, str(kind), previous),
            )

    def replace_collation(
        self,
        texts: Sequence[StoredText],
        rules: Sequence[str],
        loci: Sequence[StoredLocus],
        alignments: Mapping[str, Sequence[Region]] | AlignmentRows | None = None,
        *,
        stored: Mapping[int, StoredLocus] | None = None,
    ) -> None:
        """Loci are only ever upserted: a retired one keeps its row, and so its decision.

        Only what changed is written (a rule toggled at 1M characters rewrote the
        texts, some 35,000 locus rows and the regions, 0.5-2 s): the texts when
        they differ from the stored ones, and, with ``stored`` (the rows as the
        file holds them, by id, where the caller has read them), of a locus
        whose row reads the same only its shown flag, where that changed.
        ``alignments`` may be given encoded already (:func:`alignment_rows`).
        """
        conn = self._conn
        with self._writing("project.save-collation-failed"):
            folder = self.path.parent
            if not self._same_texts(texts):
                conn.execute("DELETE FROM texts")
                # a document stays while a text still has its bytes (a project's texts come
                # back from the file without them), and goes with the last text that had it
                kept = _json(sorted({t.sha256 for t in texts}))
                conn.execute(
                    "DELETE FROM documents WHERE sha256 NOT IN (SELECT value FROM json_each(?))",
                    (kept,),
                )
                conn.execute(
                    "DELETE FROM ocr WHERE sha256 NOT IN (SELECT value FROM json_each(?))", (kept,)
                )
                _write_texts(conn, texts, folder)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('rules', ?)", (_json(list(rules)),))
            written: list[StoredLocus] = []
            shown: list[int] = []
            hidden: list[int] = []
            for loc in loci:
                old = stored.get(loc.id) if stored is not None else None
                if old is None or not same_row(old, loc):
                    written.append(loc)
                elif old.active != loc.active:
                    (shown if loc.active else hidden).append(loc.id)
            conn.executemany(_upsert("loci", LOCUS_COLUMNS), [_locus_row(loc) for loc in written])
            for active, ids in ((1, shown), (0, hidden)):
                if ids:
                    conn.execute(
                        "UPDATE loci SET active = ? WHERE id IN (SELECT value FROM json_each(?))",
                        (active, _json(ids)),
                    )
            self._replace_alignments(alignments or {})

    def reactivate(
        self,
        shown: Sequence[int],
        loci: Sequence[StoredLocus],
        rules: Sequence[str],
        alignments: AlignmentRows,
    ) -> None:
        """Show exactly the loci ``shown`` again (their rows are kept), writing ``loci`` (rows
        whose content changed since), the rules and the regions: taking back a collation
        of the same texts that this project showed before (a rule toggled back)."""
        conn = self._conn
        ids = _json(list(shown))
        with self._writing("project.save-collation-failed"):
            conn.execute(
                "UPDATE loci SET active = 0 WHERE active AND id NOT IN"
                " (SELECT value FROM json_each(?))",
                (ids,),
            )
            conn.execute(
                "UPDATE loci SET active = 1 WHERE NOT active AND id IN"
                " (SELECT value FROM json_each(?))",
                (ids,),
            )
            conn.executemany(_upsert("loci", LOCUS_COLUMNS), [_locus_row(loc) for loc in loci])
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('rules', ?)", (_json(list(rules)),))
            self._replace_alignments(alignments)

    def _replace_alignments(
        self, alignments: Mapping[str, Sequence[Region]] | AlignmentRows
    ) -> None:
        rows = alignments if isinstance(alignments, AlignmentRows) else alignment_rows(alignments)
        stored = dict(self._conn.execute("SELECT witness_id, regions FROM alignments").fetchall())
        if stored != dict(rows.rows):
            self._conn.execute("DELETE FROM alignments")
            self._conn.executemany("INSERT INTO alignments VALUES (?, ?)", rows.rows)

    def _same_texts(self, texts: Sequence[StoredText]) -> bool:
        """Whether the file holds these very texts (their paths, encodings, bytes' and
        texts' digests), so that they need not be written again."""
        folder = self.path.parent
        fresh = [
            (i, t.role, t.witness_id, *_path_columns(t.path, folder), t.encoding, t.sha256)
            for i, t in enumerate(texts)
        ]
        held = self._conn.execute(
            "SELECT position, role, witness_id, path, relative_path, encoding, sha256"
            " FROM texts ORDER BY position"
        ).fetchall()
        if [tuple(row) for row in held] != fresh:
            return False
        digests = self._conn.execute(
            "SELECT value FROM meta WHERE key = ?", (_DIGESTS_KEY,)
        ).fetchone()
        return digests is not None and digests[0] == _text_digests(_source_first(texts))

    def set_alignments(self, alignments: Mapping[str, Sequence[Region]]) -> None:
        """Store the regions of a collation whose loci did not change (an upgraded file)."""
        with self._writing("project.save-collation-failed"):
            self._conn.execute("DELETE FROM alignments")
            _write_alignments(self._conn, alignments)

    def set_view_state(self, state: Mapping[str, str]) -> None:
        """Replaces the whole view state; a read-only window just does not remember its place."""
        if self.read_only:
            return
        with self._writing("project.save-view-failed"):
            self._conn.execute("DELETE FROM view_state")
            self._conn.executemany("INSERT INTO view_state VALUES (?, ?)", state.items())

    def save_as(self, new_path: str | os.PathLike[str]) -> None:
        """A copy through the backup API, which sees one committed state even mid-WAL.

        This project stays open on its own path; the copy is a complete file
        (an upgraded one, when this is an older file opened read-only).
        """
        target = _absolute(new_path)
        if target == self.path:
            raise ProjectError("project.is-itself", name=target.name)
        texts = self.texts()
        owned = project_files(self.path) + owned_texts(texts)

        def fill(conn: sqlite3.Connection) -> None:
            self._conn.backup(conn)
            with _transaction(conn):  # a copy is a project of its own, its texts seen from there
                conn.execute("UPDATE meta SET value = ? WHERE key = 'project_id'", (_new_id(),))
                order = self._rows("SELECT position FROM texts ORDER BY role != 'source', position")
                conn.executemany(
                    "UPDATE texts SET path = ?, relative_path = ? WHERE position = ?",
                    [
                        (*_path_columns(t.path, target.parent), position)
                        for (position,), t in zip(order, texts, strict=True)
                    ],
                )

        _write_whole(target, fill, keep_lock=False, owned=owned)

    # -- helpers ---------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as e:
            why = _one_line(e)
            raise ProjectError("project.cannot-read", name=self.path.name, reason=why) from None

    @contextmanager
    def _writing(self, failed: str) -> Iterator[None]:
        """A transaction; ``failed`` is the id of the message if it cannot be written."""
        name = self.path.name
        if self.read_only_why is not None:
            raise ProjectError("project.open-read-only", name=name, reason=self.read_only_why)
        self._fresh.clear()  # what was read before this write may be out of date after it
        try:
            with _transaction(self._conn):
                yield
                # the meta page, with the project's id, goes into every transaction a WAL
                # holds: how a log copied in from elsewhere is told apart (_check_wal_is_own)
                self._conn.execute(
                    "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'write_seq'"
                )
        except sqlite3.Error as e:
            raise ProjectError(failed, name=name, reason=_one_line(e)) from None


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE, so a step that cannot write fails before it has done anything."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _write_collation(
    conn: sqlite3.Connection,
    texts: Sequence[StoredText],
    rules: Sequence[str],
    loci: Sequence[StoredLocus],
    alignments: Mapping[str, Sequence[Region]],
    folder: Path,
) -> None:
    _write_texts(conn, texts, folder)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('rules', ?)", (_json(list(rules)),))
    conn.executemany(_upsert("loci", LOCUS_COLUMNS), [_locus_row(loc) for loc in loci])
    _write_alignments(conn, alignments)


def _write_texts(conn: sqlite3.Connection, texts: Sequence[StoredText], folder: Path) -> None:
    rows = [
        (i, t.role, t.witness_id, *_path_columns(t.path, folder), t.encoding, t.sha256, t.text)
        for i, t in enumerate(texts)
    ]
    conn.executemany(
        "INSERT INTO texts (position, role, witness_id, path, relative_path, encoding, sha256,"
        " text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.executemany(
        "INSERT OR IGNORE INTO documents VALUES (?, ?)",
        [(t.sha256, t.document) for t in texts if t.document is not None],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO ocr VALUES (?, ?)",
        [(t.sha256, t.ocr) for t in texts if t.ocr is not None],
    )
    # the texts' own digests (the sha256 column is of the file's bytes, which a
    # legacy codec may not give back exactly): a flipped byte is found on open
    conn.execute(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
        (_DIGESTS_KEY, _text_digests(_source_first(texts))),
    )


def _source_first(texts: Sequence[StoredText]) -> list[StoredText]:
    return [t for t in texts if t.role == "source"] + [t for t in texts if t.role != "source"]


@dataclass(frozen=True)
class AlignmentRows:
    """Each witness's regions encoded as the file keeps them, ``(witness id, JSON)``: encoded
    once for a collation that may be taken again (some 30 ms for 30,000 regions)."""

    rows: tuple[tuple[str, str], ...]


def alignment_rows(alignments: Mapping[str, Sequence[Region]]) -> AlignmentRows:
    return AlignmentRows(
        tuple(
            (wid, _json([[r.a_start, r.a_end, r.b_start, r.b_end, r.kind, r.move_id] for r in rs]))
            for wid, rs in alignments.items()
        )
    )


def _write_alignments(conn: sqlite3.Connection, alignments: Mapping[str, Sequence[Region]]) -> None:
    conn.executemany("INSERT INTO alignments VALUES (?, ?)", alignment_rows(alignments).rows)


def same_row(a: StoredLocus, b: StoredLocus) -> bool:
    """Whether two loci make the same row but for the shown flag (what :func:`_locus_row`
    writes), compared without encoding them."""
    x, y = a.locus, b.locus
    return (
        x.id == y.id and x.start == y.start and x.end == y.end
        and x.source_text == y.source_text and x.kind == y.kind and x.kinds == y.kinds
        and x.readings == y.readings and x.spans == y.spans and x.move_id == y.move_id
        and x.classes == y.classes and x.message == y.message
        and x.in_move == y.in_move and x.pair == y.pair
        and a.context_before == b.context_before and a.context_after == b.context_after
    )  # fmt: skip


def _upsert(table: str, columns: Sequence[str]) -> str:
    """Updates the row with the same key (the first column) in place.

    Not INSERT OR REPLACE: that deletes the row first, which the decisions'
    foreign key refuses.
    """
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    values = ", ".join("?" for _ in columns)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({values})"
        f" ON CONFLICT ({columns[0]}) DO UPDATE SET {sets}"
    )


def _locus_row(loc: StoredLocus) -> tuple[object, ...]:
    return (
        loc.id, loc.start, loc.end, loc.source_text, loc.kind, _json_strings(loc.kinds),
        _json_strings(loc.readings), _json_spans(loc.spans), loc.move_id, loc.context_before,
        loc.context_after, int(loc.active), _json_strings(loc.classes), loc.message,
        loc.in_move, loc.pair,
    )  # fmt: skip


def _json_strings(value: Mapping[str, str]) -> str:
    """``_json`` of a dict of strings, in the same characters, without the encoder's call
    per dict (four dicts a locus row: 0.3 s of writing 25,000 rows)."""
    if not all(type(k) is str and type(v) is str for k, v in value.items()):
        return _json(value)
    return "{" + ", ".join(f"{_STRING(k)}: {_STRING(v)}" for k, v in value.items()) + "}"


def _json_spans(value: Mapping[str, tuple[int, int]]) -> str:
    """``_json`` of each witness's span as a list of two numbers, the same way."""
    if not all(type(k) is str and type(s) is int and type(e) is int for k, (s, e) in value.items()):
        return _json({w: list(span) for w, span in value.items()})
    return "{" + ", ".join(f"{_STRING(k)}: [{s}, {e}]" for k, (s, e) in value.items()) + "}"


class _Bad(Exception):
    """A row that is not what Jiaokan writes: its text is the problem, in English."""


_T = TypeVar("_T")
# -- where the texts are ----------------------------------------------------------------


def _stored_path(path: str) -> str | bytes:
    """A path as the texts table keeps it: text, or the file system's own bytes.

    A name that is not valid in the file system's encoding (``校本.txt`` in GBK
    bytes, from a Chinese Windows zip, on a UTF-8 system) reaches Python with
    its bytes escaped as lone surrogates (``surrogateescape``), which SQLite's
    UTF-8 cannot hold: it is kept as the bytes it is, a BLOB, and given back
    as the same string, so the file is found and compared under its real name.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return path


def _path_of(value: object, what: str) -> str:
    """A stored path (:func:`stored_path`), or :class:`_Bad` naming ``what``."""
    path = stored_path(value)
    return _of(value, str, what) if path is None else path


def _path_columns(path: str, folder: Path) -> tuple[str | bytes, str | bytes | None]:
    """The ``path`` and ``relative_path`` columns: the text's absolute path, and the same
    relative to the project's folder (None on another drive), so the project finds it
    from any working folder, and still finds it when the whole tree is moved."""
    if not path:
        return "", None
    absolute = os.path.abspath(path)
    try:
        relative: str | None = os.path.relpath(absolute, folder)
    except ValueError:  # Windows: another drive has no relative path
        relative = None
    return _stored_path(absolute), None if relative is None else _stored_path(relative)


def stored_path(value: object) -> str | None:
    """A ``path`` or ``relative_path`` column as Python names the file (text, or bytes:
    :func:`_stored_path`); None if it is neither."""
    if isinstance(value, bytes):
        return os.fsdecode(value)
    return value if isinstance(value, str) else None


def text_names(path: str, relative: str | None, folder: Path) -> tuple[str, ...]:
    """Every name a project's text may go by now, from its ``path`` and ``relative_path``
    (:func:`stored_path`) and the project's folder.

    In order: the absolute path it was written with; the same relative to
    the project's folder (a tree moved or copied whole); and for a project
    from before schema 6, whose paths are as given then (relative to a
    working folder nobody recorded), under the project's folder and the
    current one.
    """
    if not path:
        return ()
    names = [path] if os.path.isabs(path) else []
    if relative is not None:
        names.append(os.path.normpath(os.path.join(folder, relative)))
    if not os.path.isabs(path):
        names += [os.path.normpath(os.path.join(folder, path)), os.path.abspath(path)]
    return tuple(dict.fromkeys(names))


def _whereabouts(names: tuple[str, ...], sha256: str) -> str:
    """Where a text's file is now, of its :func:`text_names`: the first that exists, or,
    when they lead to different files, the first whose bytes are the ones collated."""
    if not names:
        return ""
    found: dict[tuple[int, int], str] = {}
    for name in names:
        with suppress(OSError, ValueError):
            info = os.stat(name)
            found.setdefault((info.st_dev, info.st_ino), name)
    if len(found) > 1:
        same = [name for name in found.values() if regular_file_sha256(name) == sha256]
        return (same or list(found.values()))[0]
    return next(iter(found.values())) if found else names[0]


def _of(value: object, kind: type[_T], what: str, *at: object) -> _T:
    """``value`` if it is a ``kind``; ``what.format(*at)`` names it otherwise (made only then)."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Bad(f"{what.format(*at)} is not {'an integer' if kind is int else 'text'}")
    return value


def _loaded(text: object, what: str, *at: object) -> Any:
    try:
        return json.loads(_of(text, str, what, *at))
    except (ValueError, RecursionError):  # JSONDecodeError, a lone surrogate, [[[[…]]]]
        raise _Bad(f"{what.format(*at)} is not valid JSON") from None


def _str_dict(text: object, what: str, *at: object) -> dict[str, str]:
    value = _loaded(text, what, *at)
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise _Bad(f"{what.format(*at)} is not a JSON object of texts")
    return value


def _locus(row: tuple[Any, ...]) -> StoredLocus:
    lid = _of(row[0], int, "a locus id")
    start, end = _of(row[1], int, "locus {} start", lid), _of(row[2], int, "locus {} end", lid)
    if not 0 <= start <= end:
        raise _Bad(f"locus {lid} has the span {start}-{end}")
    spans: dict[str, tuple[int, int]] = {}
    raw_spans = _loaded(row[7], "locus {} spans", lid)
    if not isinstance(raw_spans, dict):
        raise _Bad(f"locus {lid} spans is not a JSON object")
    for w, span in raw_spans.items():
        if not (isinstance(span, list) and len(span) == 2 and all(type(n) is int for n in span)):
            raise _Bad(f"locus {lid} spans of {w} is not two integers")
        if not 0 <= span[0] <= span[1]:
            raise _Bad(f"locus {lid} spans of {w} is {span[0]}-{span[1]}")
        spans[w] = (span[0], span[1])
    move_id = None if row[8] is None else _of(row[8], int, "locus {} move_id", lid)
    in_move = None if row[14] is None else _of(row[14], int, "locus {} in_move", lid)
    pair = None if row[15] is None else _of(row[15], int, "locus {} pair", lid)
    active = _of(row[11], int, "locus {} active", lid)
    if active not in (0, 1):
        raise _Bad(f"locus {lid} active is {active}")
    locus = Locus(
        start, end, _of(row[3], str, "locus {} source_text", lid),
        _str_dict(row[6], "locus {} readings", lid), _of(row[4], str, "locus {} kind", lid),
        _str_dict(row[5], "locus {} kinds", lid), move_id, spans,
        classes=_str_dict(row[12], "locus {} classes", lid),
        message=_of(row[13], str, "locus {} message", lid), id=lid, in_move=in_move, pair=pair,
    )  # fmt: skip
    return StoredLocus(
        locus,
        _of(row[9], str, "locus {} context_before", lid),
        _of(row[10], str, "locus {} context_after", lid),
        bool(active),
    )


def _texts(rows: list[Any], folder: Path) -> list[StoredText]:
    """The texts, source first: exactly one source, and witnesses with ids of their own,
    each found where it is now (:func:`_whereabouts`; ``folder`` is the project's)."""
    texts = []
    for role, wid, path, encoding, sha256, text, relative in rows:
        if role not in ("source", "witness"):
            raise _Bad("a text has no valid role")
        if wid is not None:
            _of(wid, str, "a witness id")
        digest = _of(sha256, str, "a text's sha256")
        where = None if relative is None else _path_of(relative, "a text's relative path")
        names = text_names(_path_of(path, "a text's path"), where, folder)
        texts.append(
            StoredText(
                role,
                wid,
                _whereabouts(names, digest),
                _of(encoding, str, "a text's encoding"),
                digest,
                _of(text, str, "a text"),
                names=names,
            )
        )
    sources = sum(t.role == "source" for t in texts)
    if sources != 1:
        raise _Bad("the project has no source text" if not sources else "two source texts")
    ids = [t.witness_id for t in texts[1:]]
    if not all(ids) or len(set(ids)) != len(ids):
        raise _Bad("a witness has no id of its own")
    return texts


def _rules(rows: list[Any]) -> tuple[str, ...]:
    if not rows:
        return ()
    rules = _loaded(rows[0][0], "the rules")
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise _Bad("the rules are not a JSON list of names")
    return tuple(rules)


def _decision_id(value: object) -> int:
    return _of(value, int, "a decision's locus id")


def _decision(row: Sequence[Any]) -> Decision:
    status, witness, reading, note, decided_at = row
    for value, what in ((witness, "witness"), (reading, "reading")):
        if value is not None:
            _of(value, str, f"a decision's {what}")
    _of(note, str, "a decision's note")
    _of(decided_at, str, "a decision's time")
    try:
        return Decision(
            Status(_of(status, str, "a decision's status")), witness, reading, note, decided_at
        )
    except ValueError as e:
        raise _Bad(str(e)) from None


def _strings(row: Sequence[Any], what: str) -> tuple[str, str]:
    return _of(row[0], str, f"a {what} key"), _of(row[1], str, f"a {what} value")


_STEPS_SQL = "SELECT seq, at, label, changes, kind, previous FROM history"


def _decisions_json(decisions: Mapping[int, Decision]) -> str:
    return _json({str(lid): {**asdict(d), "status": str(d.status)} for lid, d in decisions.items()})


def _decisions_of(text: object, what: str, step: int) -> dict[int, Decision]:
    """A history row's JSON ``{locus id: decision}`` (``changes`` or ``previous``)."""
    value = _loaded(text, what, step)
    if not isinstance(value, dict):
        raise _Bad(f"{what.format(step)} is not a JSON object")
    out = {}
    for key, d in value.items():
        if not key.isdigit() or not isinstance(d, dict):
            raise _Bad(f"{what.format(step)} is not a JSON object of decisions")
        try:
            out[int(key)] = Decision(
                Status(d["status"]), d.get("witness"), d.get("reading"),
                str(d.get("note", "")), str(d.get("decided_at", "")),
            )  # fmt: skip
        except (KeyError, TypeError, ValueError):
            raise _Bad(f"{what.format(step)} holds an invalid decision") from None
    return out


def _step(row: Sequence[Any]) -> Step:
    seq, at, label, changes, kind, previous = row
    step = _of(seq, int, "a history step")
    try:
        done = StepKind(_of(kind, str, "history step {} kind", step))
    except ValueError:
        raise _Bad(f"history step {step} kind is not do, undo or redo") from None
    return Step(
        done,
        _of(label, str, "a label"),
        _of(at, str, "history step {} time", step),
        _decisions_of(changes, "history step {} changes", step),
        None if previous is None else _decisions_of(previous, "history step {} previous", step),
    )


def _history(rows: list[Any]) -> list[tuple[int, str, str, str]]:
    out = []
    for seq, at, label, changes in rows:
        step = _of(seq, int, "a history step")
        if not isinstance(_loaded(changes, "history step {} changes", step), dict):
            raise _Bad(f"history step {step} changes is not a JSON object")
        time, what = _of(at, str, "history step {} time", step), _of(label, str, "a label")
        out.append((step, time, what, changes))
    return out


def _text_digests(texts: Sequence[StoredText]) -> str:
    return _json([hashlib.sha256(t.text.encode("utf-8", "surrogatepass")).hexdigest()
                  for t in texts])  # fmt: skip


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
"""One encoder for every row: ``json.dumps`` with an argument builds a new one per call,
which was half the time of writing a 5,000-locus project."""


def _json(value: object) -> str:
    return _ENCODE(value)


_STRING: Callable[[str], str] = json.encoder.encode_basestring
"""One string as JSON without escaping non-ASCII, as ``_ENCODE`` writes it (in C)."""


def _one_line(e: BaseException) -> str | Message:
    return known_reason(" ".join(str(e).split()) or type(e).__name__)


def _absolute(path: str | os.PathLike[str]) -> Path:
    """Resolved, so two windows reaching one file by different names share its lock."""
    return Path(path).expanduser().resolve()


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    """By URI with a ``mode``, so SQLite never creates a file that vanished meanwhile.

    Mode ``immutable`` (read-only, no locks) keeps a look at a WAL file from
    leaving an empty -wal and -shm behind, as ``ro`` does; it is only right
    while no journal exists and nobody writes.
    """
    query = "mode=ro&immutable=1" if mode == "immutable" else f"mode={mode}"
    # a project made in the window's worker thread is used by its GUI thread from then on,
    # never by both at once (app/session/session.py, Session.prepare)
    conn = sqlite3.connect(
        f"{path.as_uri()}?{query}", uri=True, isolation_level=None, check_same_thread=False
    )
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def glance(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A connection for a quick look that writes nothing and takes no lock.

    For reading many projects' metadata at once (app/store/registry.py)
    without opening them: ``immutable`` while no journal exists, so nothing
    is created beside the file, else a live ``ro`` connection, as a window may
    be writing it.  No checks either: a damaged or foreign file shows as a
    :class:`sqlite3.Error` from the first query.  (An immutable read can miss
    a write begun after it started; fine for a look, not for editing.)
    """
    target = _absolute(path)
    return _connect(target, "ro" if _journals(target) else "immutable")


# -- validation before anything is written ------------------------------------------------


def _read_only(path: Path) -> bool:
    """Mode bits as well as os.access: to root, os.access calls everything writable."""
    return stat.S_IMODE(path.stat().st_mode) & 0o222 == 0 or not os.access(path, os.W_OK)


def _not_writable(path: Path) -> Message | None:
    if _read_only(path):
        return message("read-only.file")
    return message("read-only.folder") if _read_only(path.parent) else None


def _journals(path: Path) -> bool:
    return any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))


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


def _validated(
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
        conn = _connect(path, "ro")  # and SQLite sees a hot journal for what it is
    elif _wal_frames(path) and (may_recover or not live or _nobody_writes(path)):
        # a log no live writer is adding to: a crashed writer's, or one copied beside
        # the file; replayed in private, and first made sure it is this project's own
        _check_wal_is_own(path)
        conn = _private_copy(path)
    elif live and _journals(path):
        conn = _connect(path, "ro")  # a writer's log: SQLite reads it as that writer goes on
    else:
        conn = _connect(path, "immutable")
    try:
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.OperationalError as e:
            if getattr(e, "sqlite_errorname", "") != "SQLITE_READONLY_ROLLBACK":
                raise
            if not may_recover:
                raise ProjectError("project.half-written", name=name) from None
            conn.close()  # SQLite's own recovery: a writer rolls the hot journal back
            conn = _connect(path, "rw")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
            conn.close()
            conn = _connect(path, "ro")
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
        except _Bad as e:
            raise ProjectError("project.damaged", name=name, problems=str(e)) from None
    except BaseException as e:
        conn.close()
        if getattr(e, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise ProjectError("project.not-sqlite", name=name) from None
        if isinstance(e, sqlite3.DatabaseError):
            raise ProjectError("project.damaged", name=name, problems=_one_line(e)) from None
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
    alone = _connect(path, "immutable")  # immutable reads ignore the WAL: the file alone
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


def _new_id() -> str:
    return secrets.token_hex(16)


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
    texts = _texts(conn.execute(texts_sql(version)).fetchall(), folder)
    meta = conn.execute("SELECT key, value FROM meta").fetchall()
    for row in meta:
        _strings(row, "meta")
    values = dict(meta)
    rules = _rules([(values["rules"],)] if "rules" in values else [])
    if _DIGESTS_KEY in values:
        digests = _loaded(values[_DIGESTS_KEY], "the texts' digests")
        if digests != json.loads(_text_digests(texts)):
            raise _Bad("a stored text does not match its SHA-256")
    defaults = {"classes": "'{}'", "message": "''", "note": "''", "in_move": "NULL", "pair": "NULL"}
    added = {tc for v in range(version, SCHEMA_VERSION) for tc in added_columns(v)}

    def select(columns: Sequence[str], table: str) -> str:
        shown = [defaults[c] if (table, c) in added else c for c in columns]
        return f"SELECT {', '.join(shown)} FROM {table}"

    source = len(texts[0].text)
    order = " ORDER BY start_offset, end_offset, id"
    loci = [_locus(row) for row in conn.execute(select(LOCUS_COLUMNS, "loci") + order)]
    for locus in loci:  # a retired one's source may be gone, and that is fine
        if locus.active and locus.end > source:
            raise _Bad(f"locus {locus.id} lies outside the source")
    decisions = {
        _decision_id(row[0]): _decision(row[1:])
        for row in conn.execute(select(DECISION_COLUMNS, "decisions"))
    }
    if version >= 5:
        for key, data in conn.execute("SELECT sha256, data FROM documents"):
            # a Word document is written back into the corrected .docx: a changed byte
            # would hand the author a document that is not the one collated
            if not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != key:
                raise _Bad("a stored Word document does not match its SHA-256")
    if version >= 9:
        for key, data in conn.execute("SELECT sha256, data FROM ocr"):
            if not isinstance(key, str) or not isinstance(data, bytes):
                raise _Bad("a stored OCR reading is not a blob under a digest")
    if version >= 2:
        _history(conn.execute("SELECT seq, at, label, changes FROM history").fetchall())
        if version >= 7:
            for row in conn.execute(_STEPS_SQL):
                _step(row)
        for row in conn.execute("SELECT key, value FROM view_state"):
            _strings(row, "view state")
    return {"texts": texts, "rules": rules, "loci": loci, "decisions": decisions}


# -- migrations ---------------------------------------------------------------------------


def _migrate(conn: sqlite3.Connection, version: int, path: Path) -> None:
    """All steps in one transaction, so a failure leaves the file exactly as it was."""
    if version == SCHEMA_VERSION:
        return
    try:
        with _transaction(conn):
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
            reason=_one_line(e),
        ) from None


def _snapshot_or_live(conn: sqlite3.Connection, path: Path, *, asked: bool) -> sqlite3.Connection:
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
        return _connect(path, "ro")
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


def _migrated_copy(conn: sqlite3.Connection, version: int, path: Path) -> sqlite3.Connection:
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.backup(memory)
        _migrate(memory, version, path)
    except BaseException:
        memory.close()
        raise
    finally:
        conn.close()
    return memory


# -- writing a whole file -------------------------------------------------------------------


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
    target = _absolute(path)
    lock, _why = Lock.acquire(target)
    if lock is None:
        return False
    try:
        _remove_with_journals(target)
    finally:
        lock.release()
    return True


def _write_new(
    target: Path,
    texts: Sequence[StoredText],
    rules: Sequence[str],
    loci: Sequence[StoredLocus],
    alignments: Mapping[str, Sequence[Region]] | None,
    *,
    keep_lock: bool,
) -> Lock | None:
    """A new project file at ``target`` (:func:`_write_whole`), its lock if ``keep_lock``."""
    owned = owned_texts(texts)

    def fill(conn: sqlite3.Connection) -> None:
        conn.executescript(SCHEMA_V1)
        conn.execute("PRAGMA user_version = 1")
        _migrate(conn, 1, target)
        with _transaction(conn):
            meta = {"created_at": now(), "created_by": f"Jiaokan {__version__}"}
            conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            _write_collation(conn, texts, rules, loci, alignments or {}, target.parent)

    return _write_whole(target, fill, keep_lock=keep_lock, owned=owned)


_JOURNALS = ("-wal", "-shm", "-journal")
"""What SQLite may keep beside a database file."""

_TEMPORARY = re.compile(r"[a-z0-9_]{8}\.tmp(?:-wal|-shm|-journal)?")
"""What :func:`tempfile.mkstemp` adds to ``.NAME.`` for :func:`_write_whole`'s temporary
file (eight of its letters, digits and ``_``), and the journals SQLite keeps beside it."""


def _remove_with_journals(path: Path) -> None:
    for suffix in ("", *_JOURNALS):
        with suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def _remove_stale_temporaries(target: Path) -> None:
    """Delete what a writer of ``target`` killed mid-write (SIGKILL, a power cut) left:
    its temporary file ``.NAME.XXXXXXXX.tmp`` and that file's journals.

    Only under ``target``'s lock: every writer holds it from before it makes its
    temporary file until after it has deleted it, so whatever such file is
    there now is no live writer's.  Only regular files, never through a link.
    """
    prefix = f".{target.name}."
    with suppress(OSError):
        for entry in os.scandir(target.parent):
            name = entry.name
            if name.startswith(prefix) and _TEMPORARY.fullmatch(name[len(prefix) :]):
                with suppress(OSError):
                    if entry.is_file(follow_symlinks=False):
                        os.unlink(entry.path)


def _write_whole(
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
    but a regular file (app/store/paths.py).
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
        _remove_stale_temporaries(target)
        if target.exists() and _read_only(target):
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
            error = _one_line(e)
            raise ProjectError("project.cannot-write", name=target.name, reason=error) from None
        raise
    finally:
        if tmp is not None:
            _remove_with_journals(tmp)
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
