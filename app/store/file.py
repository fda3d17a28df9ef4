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

This module is the open file: opening and closing it, reading it, and
writing it one transaction per user action.  Beside it: the records it hands
out and how each is a row (app/store/records.py), the checks and migrations
before it is opened (app/store/opening.py), the writing of a whole new file
(app/store/whole.py), and how all of them speak to SQLite
(app/store/connection.py).
See docs/project-file.md for the schema and the guarantees.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

from app.collation.loci import Region
from app.messages import Message, message, os_reason
from app.store.connection import absolute, connect, has_journals, one_line, transaction
from app.store.decisions import Decision, Status, Step, StepKind
from app.store.lock import Lock
from app.store.opening import migrate, migrated_copy, not_writable, snapshot_or_live, validated
from app.store.paths import project_files
from app.store.records import (
    DIGESTS_KEY,
    STEPS_SQL,
    AlignmentRows,
    BadRow,
    LocusWrites,
    ProjectError,
    StoredLocus,
    StoredText,
    alignment_rows,
    decisions_json,
    locus_row,
    locus_writes,
    parse_decision,
    parse_decision_id,
    parse_history,
    parse_locus,
    parse_rules,
    parse_step,
    parse_strings,
    parse_texts,
    path_columns,
    source_first,
    text_digests,
    to_json,
    upsert_sql,
    write_alignments,
    write_shown,
    write_texts,
)
from app.store.schema import (
    DECISION_COLUMNS,
    LOCUS_COLUMNS,
    SCHEMA_VERSION,
    locus_columns,
    shown_sql,
    texts_sql,
)
from app.store.whole import (
    owned_texts,
    remove_stale_temporaries,
    remove_with_journals,
    write_new,
    write_whole,
)

_T = TypeVar("_T")


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
        target = absolute(path)
        new = not os.path.lexists(target)
        lock = write_new(target, texts, rules, loci, alignments, keep_lock=True)
        try:
            # its rows were written a moment ago by this process, under the lock it still
            # holds: checking each again would only cost time on the window's thread
            return cls._open(target, read_only=False, lock=lock, rows_known=True)
        except BaseException:
            if new:
                remove_with_journals(target)
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
        write_new(absolute(path), texts, rules, loci, alignments, keep_lock=False)

    def discard(self) -> None:
        """Close and delete a project this process has just created but cannot use."""
        with suppress(sqlite3.Error):
            self._conn.close()
        if self._lock is not None:
            remove_with_journals(self.path)  # still under the lock: nobody opened it since
            self._lock.release()
            self._lock = None

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> ProjectFile:
        """Open a project; read-only, with a reason, when it cannot or should not be written."""
        return cls._open(absolute(path), read_only=read_only, lock=None)

    @classmethod
    def _open(
        cls, path: Path, *, read_only: bool, lock: Lock | None, rows_known: bool = False
    ) -> ProjectFile:
        try:
            if not stat.S_ISREG(path.stat().st_mode):
                raise ProjectError("project.not-a-file", name=path.name)
        except OSError as e:
            raise ProjectError("project.cannot-open", name=path.name, reason=os_reason(e)) from None
        medium = not_writable(path)
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
                remove_stale_temporaries(path)
            conn, version, fresh = validated(
                path, may_recover=lock is not None, live=live, rows_known=rows_known
            )
            if why is not None:
                if version < SCHEMA_VERSION:  # the file cannot be upgraded: a copy in memory is
                    conn = migrated_copy(conn, version, path)
                elif live and not has_journals(path):
                    conn = snapshot_or_live(conn, path, asked=read_only)
                return cls(path, conn, None, why)._with(fresh)
            conn.close()
            conn = connect(path, "rw")
            try:
                conn.execute("PRAGMA synchronous = FULL")
                migrate(conn, version, path)
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
                    "project.cannot-open", name=path.name, reason=one_line(e)
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
        """The texts, each found where it is now (see ``_whereabouts`` in app/store/records.py)."""
        if "texts" in self._fresh:
            return list(self._fresh.pop("texts"))
        rows = self._rows(texts_sql(SCHEMA_VERSION))
        return self._parsed(lambda rs: parse_texts(rs, self.path.parent), rows)

    def rules(self) -> tuple[str, ...]:
        if "rules" in self._fresh:
            return tuple(self._fresh.pop("rules"))
        return self._parsed(parse_rules, self._rows("SELECT value FROM meta WHERE key = 'rules'"))

    def loci(self, *, include_inactive: bool = False) -> list[StoredLocus]:
        if "loci" in self._fresh:
            every: list[StoredLocus] = self._fresh.pop("loci")
            return every if include_inactive else [loc for loc in every if loc.active]
        where = "" if include_inactive else f" WHERE id IN ({shown_sql(SCHEMA_VERSION)})"
        sql = f"SELECT {', '.join(locus_columns(SCHEMA_VERSION))} FROM loci{where}"
        rows = self._rows(sql + " ORDER BY start_offset, end_offset, id")
        return self._parsed(lambda rs: [parse_locus(r) for r in rs], rows)

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
            return {parse_decision_id(r[0]): parse_decision(r[1:]) for r in rows}
        except BadRow as e:
            raise ProjectError(
                "project.invalid-decision", name=self.path.name, reason=str(e)
            ) from None

    def history(self) -> list[tuple[int, str, str, str]]:
        rows = self._rows("SELECT seq, at, label, changes FROM history ORDER BY seq")
        return self._parsed(parse_history, rows)

    def steps(self) -> list[Step]:
        """Every row of the history, oldest first, as the undo stack is rebuilt from it."""
        rows = self._rows(f"{STEPS_SQL} ORDER BY seq")
        return self._parsed(lambda rs: [parse_step(r) for r in rs], rows)

    def view_state(self) -> dict[str, str]:
        rows = self._rows("SELECT key, value FROM view_state")
        return self._parsed(lambda rs: dict(parse_strings(r, "view state") for r in rs), rows)

    def _parsed(self, parse: Callable[[list[Any]], _T], rows: list[Any]) -> _T:
        try:
            return parse(rows)
        except BadRow as e:
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
                    self._conn.execute(upsert_sql("decisions", DECISION_COLUMNS), row)
            payload = decisions_json(changes)
            previous = None if before is None else decisions_json(before)
            self._conn.execute(
                "INSERT INTO history (at, label, changes, kind, previous) VALUES (?, ?, ?, ?, ?)",
                (at, label, payload, str(kind), previous),
            )

    def replace_collation(
        self,
        texts: Sequence[StoredText],
        rules: Sequence[str],
        loci: Sequence[StoredLocus] | LocusWrites,
        alignments: Mapping[str, Sequence[Region]] | AlignmentRows | None = None,
    ) -> None:
        """Loci are only ever upserted: a retired one keeps its row, and so its decision.

        Only what changed is written (a rule toggled at 1M characters rewrote the
        texts, some 35,000 locus rows and the regions, 0.5-2 s): the texts when
        they differ from the stored ones, and the loci's writes as the caller worked
        them out against the rows the file holds (:func:`locus_writes`: the rows whose
        content changed, and the shown flags), or else every row of ``loci``.
        ``alignments`` may be given encoded already (:func:`alignment_rows`).
        """
        writes = loci if isinstance(loci, LocusWrites) else locus_writes(loci)
        conn = self._conn
        with self._writing("project.save-collation-failed"):
            folder = self.path.parent
            if not self._same_texts(texts):
                conn.execute("DELETE FROM texts")
                # a document stays while a text still has its bytes (a project's texts come
                # back from the file without them), and goes with the last text that had it
                kept = to_json(sorted({t.sha256 for t in texts}))
                conn.execute(
                    "DELETE FROM documents WHERE sha256 NOT IN (SELECT value FROM json_each(?))",
                    (kept,),
                )
                conn.execute(
                    "DELETE FROM ocr WHERE sha256 NOT IN (SELECT value FROM json_each(?))", (kept,)
                )
                write_texts(conn, texts, folder)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('rules', ?)", (to_json(list(rules)),))
            conn.executemany(upsert_sql("loci", LOCUS_COLUMNS), writes.rows)
            write_shown(conn, *writes.flags())
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
        ids = to_json(list(shown))
        with self._writing("project.save-collation-failed"):
            conn.execute(
                "DELETE FROM shown WHERE id NOT IN (SELECT value FROM json_each(?))", (ids,)
            )
            conn.execute("INSERT OR IGNORE INTO shown SELECT value FROM json_each(?)", (ids,))
            conn.executemany(upsert_sql("loci", LOCUS_COLUMNS), [locus_row(loc) for loc in loci])
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('rules', ?)", (to_json(list(rules)),))
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
            (i, t.role, t.witness_id, *path_columns(t.path, folder), t.encoding, t.sha256)
            for i, t in enumerate(texts)
        ]
        held = self._conn.execute(
            "SELECT position, role, witness_id, path, relative_path, encoding, sha256"
            " FROM texts ORDER BY position"
        ).fetchall()
        if [tuple(row) for row in held] != fresh:
            return False
        digests = self._conn.execute(
            "SELECT value FROM meta WHERE key = ?", (DIGESTS_KEY,)
        ).fetchone()
        return digests is not None and digests[0] == text_digests(source_first(texts))

    def set_alignments(self, alignments: Mapping[str, Sequence[Region]]) -> None:
        """Store the regions of a collation whose loci did not change (an upgraded file)."""
        with self._writing("project.save-collation-failed"):
            self._conn.execute("DELETE FROM alignments")
            write_alignments(self._conn, alignments)

    def word_lists(self) -> dict[str, str]:
        """The project's own word lists, each as its file's text (``meta`` keys
        ``lists.<kind>``: app/classes/wordlists.py reads them as it reads the user's)."""
        rows = self._rows(f"SELECT key, value FROM meta WHERE key LIKE '{LISTS_KEY}%'")
        return {
            key[len(LISTS_KEY) :]: value
            for key, value in rows
            if isinstance(key, str) and isinstance(value, str)
        }

    def set_word_lists(self, texts: Mapping[str, str]) -> None:
        """Replace the project's own word lists (kind -> file text) in one transaction."""
        with self._writing("project.save-lists-failed"):
            self._conn.execute(f"DELETE FROM meta WHERE key LIKE '{LISTS_KEY}%'")
            self._conn.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [(LISTS_KEY + kind, text) for kind, text in texts.items() if text.strip()],
            )

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
        target = absolute(new_path)
        if target == self.path:
            raise ProjectError("project.is-itself", name=target.name)
        texts = self.texts()
        owned = project_files(self.path) + owned_texts(texts)

        def fill(conn: sqlite3.Connection) -> None:
            self._conn.backup(conn)
            with transaction(conn):  # a copy is a project of its own, its texts seen from there
                conn.execute("UPDATE meta SET value = ? WHERE key = 'project_id'", (_new_id(),))
                order = self._rows("SELECT position FROM texts ORDER BY role != 'source', position")
                conn.executemany(
                    "UPDATE texts SET path = ?, relative_path = ? WHERE position = ?",
                    [
                        (*path_columns(t.path, target.parent), position)
                        for (position,), t in zip(order, texts, strict=True)
                    ],
                )

        write_whole(target, fill, keep_lock=False, owned=owned)

    # -- helpers ---------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as e:
            why = one_line(e)
            raise ProjectError("project.cannot-read", name=self.path.name, reason=why) from None

    @contextmanager
    def _writing(self, failed: str) -> Iterator[None]:
        """A transaction; ``failed`` is the id of the message if it cannot be written."""
        name = self.path.name
        if self.read_only_why is not None:
            raise ProjectError("project.open-read-only", name=name, reason=self.read_only_why)
        self._fresh.clear()  # what was read before this write may be out of date after it
        try:
            with transaction(self._conn):
                yield
                self._conn.execute(_COUNT_WRITE)
        except sqlite3.Error as e:
            raise ProjectError(failed, name=name, reason=one_line(e)) from None


LISTS_KEY = "lists."
"""``meta`` keys of the project's own word lists: ``lists.allow``, ``lists.mistakes``,
``lists.confusions``, ``lists.banned`` (docs/project-file.md)."""

_COUNT_WRITE = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'write_seq'"
"""In every write: the meta page, with the project's id, goes into every transaction a WAL
holds, which is how a log copied in from elsewhere is told apart (app/store/opening.py)."""


APART_WAIT_MS = 500
"""How long :func:`write_apart` waits for another writer of the file (a decision takes a
few milliseconds); past it the rows are written with the rest, on taking."""


def write_apart(path: Path, rows: Sequence[tuple[object, ...]]) -> bool:
    """Insert locus rows (as :func:`locus_row` encodes them) under ids the file has never
    had, through a connection of the calling thread's own: shown by nobody until a
    collation takes them (:meth:`ProjectFile.replace_collation` then puts their ids in
    ``shown``).  The window's worker writes a re-collation's new rows so while the
    proofreader reads on: 25,000 rows at 1M characters held the window 50-85 ms.

    False, with nothing written, if they cannot be written so (an id taken meanwhile, the
    file locked or gone): the caller writes them with the rest.  Rows written but never
    taken are removed by :func:`remove_apart`."""
    if not rows:
        return True
    try:
        conn = connect(path, "rw")
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"PRAGMA busy_timeout = {APART_WAIT_MS}")
        columns = ", ".join(LOCUS_COLUMNS)
        values = ", ".join("?" for _ in LOCUS_COLUMNS)
        with transaction(conn):
            conn.executemany(f"INSERT INTO loci ({columns}) VALUES ({values})", rows)
            conn.execute(_COUNT_WRITE)
        return True
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def remove_apart(path: Path, ids: Sequence[int]) -> None:
    """Remove the rows :func:`write_apart` wrote for a collation that was not taken, but
    any that came to be shown or to hold a decision meanwhile; quietly, as best it can
    (rows shown by nobody are harmless: they only take room)."""
    if not ids:
        return
    with suppress(sqlite3.Error):
        conn = connect(path, "rw")
        try:
            conn.execute("PRAGMA synchronous = FULL")
            with transaction(conn):
                conn.execute(
                    "DELETE FROM loci WHERE id IN (SELECT value FROM json_each(?))"
                    " AND id NOT IN (SELECT id FROM shown)"
                    " AND id NOT IN (SELECT locus_id FROM decisions)",
                    (to_json(list(ids)),),
                )
                conn.execute(_COUNT_WRITE)
        finally:
            conn.close()


def glance(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """A connection for a quick look that writes nothing and takes no lock.

    For reading many projects' metadata at once (app/store/registry.py)
    without opening them: ``immutable`` while no journal exists, so nothing
    is created beside the file, else a live ``ro`` connection, as a window may
    be writing it.  No checks either: a damaged or foreign file shows as a
    :class:`sqlite3.Error` from the first query.  (An immutable read can miss
    a write begun after it started; fine for a look, not for editing.)
    """
    target = absolute(path)
    return connect(target, "ro" if has_journals(target) else "immutable")


def _new_id() -> str:
    return secrets.token_hex(16)
