"""The project file: one SQLite file (``.jkproj``) holding a whole proofreading job.

A proofreader's decisions are hours of work, so the file is the only state:
every decision is committed in its own transaction (WAL, ``synchronous=FULL``)
before the window shows it, and nothing waits to be "saved".  For the same
reason a file that looks wrong is never written to: :meth:`ProjectFile.open`
checks it through a read-only connection first (header, ``quick_check``,
schema version, tables) and only then opens it for writing, so a damaged,
foreign or newer file comes back as a one-line :class:`ProjectError` with its
bytes untouched.  Two windows writing one file would interleave their undo
histories, hence the lock file beside it; whoever comes second reads only.
See docs/project-file.md for the schema and the guarantees.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from app import __version__
from app.decisions import Decision, now

SCHEMA_VERSION = 2

SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE texts (
    position INTEGER PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('source', 'witness')),
    witness_id TEXT UNIQUE,
    path TEXT NOT NULL,
    encoding TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE loci (
    id INTEGER PRIMARY KEY,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    source_text TEXT NOT NULL,
    kind TEXT NOT NULL,
    kinds TEXT NOT NULL,
    readings TEXT NOT NULL,
    spans TEXT NOT NULL,
    move_id INTEGER,
    context_before TEXT NOT NULL,
    context_after TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE decisions (
    locus_id INTEGER PRIMARY KEY REFERENCES loci (id),
    status TEXT NOT NULL CHECK (status IN ('undecided', 'accepted', 'rejected', 'edited')),
    witness TEXT,
    reading TEXT,
    decided_at TEXT NOT NULL
);
"""
"""Version 1, frozen: the migration tests build old files from it, so never edit it."""

_V2_ADDED = (
    "CREATE TABLE view_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE history ("
    " seq INTEGER PRIMARY KEY, at TEXT NOT NULL, label TEXT NOT NULL, changes TEXT NOT NULL)",
)

_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: ("ALTER TABLE decisions ADD COLUMN note TEXT NOT NULL DEFAULT ''", *_V2_ADDED),
}
"""Statements taking a file from version N to N + 1, run together in one transaction.

A new file is built the same way (version 1, then every step), so an upgraded
file and a new one cannot drift apart.
"""

_TABLES = {
    1: {"meta", "texts", "loci", "decisions"},
    2: {"meta", "texts", "loci", "decisions", "view_state", "history"},
}
_LOCUS_COLUMNS = (
    "id", "start_offset", "end_offset", "source_text", "kind", "kinds", "readings", "spans",
    "move_id", "context_before", "context_after", "active",
)  # fmt: skip
_DECISION_COLUMNS = ("locus_id", "status", "witness", "reading", "note", "decided_at")
_MAGIC = b"SQLite format 3\x00"
_WAL_HEADER = 32


class ProjectError(Exception):
    """Something the user can act on, in one line (a file that cannot be used as a project)."""


@dataclass(frozen=True)
class StoredText:
    """A text as decoded, kept in the project so it opens even if the file moved or changed."""

    role: str  # "source" | "witness"
    witness_id: str | None
    path: str
    encoding: str
    sha256: str
    text: str


@dataclass(frozen=True)
class StoredLocus:
    """A locus under its permanent id; inactive ones keep their decisions after a re-collation."""

    id: int
    start: int
    end: int
    source_text: str
    kind: str
    kinds: dict[str, str]
    readings: dict[str, str]
    spans: dict[str, tuple[int, int]]
    move_id: int | None
    context_before: str
    context_after: str
    active: bool = True


class ProjectFile:
    """An open project file.  Use :meth:`create` or :meth:`open`, and :meth:`close` it."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, lock: _Lock | None, read_only_reason: str
    ) -> None:
        self.path = path
        self.read_only = bool(read_only_reason)
        self.read_only_reason = read_only_reason
        self._conn = conn
        self._lock = lock

    # -- opening and closing ---------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        texts: Sequence[StoredText],
        rules: Sequence[str],
        loci: Sequence[StoredLocus],
    ) -> ProjectFile:
        """Write a new project beside ``path`` and move it into place whole."""
        target = _absolute(path)
        lock = _Lock.acquire_or_raise(target)
        try:
            if target.exists() and _file_read_only(target):
                raise ProjectError(f"{target.name} is read-only; it was not replaced")

            def fill(conn: sqlite3.Connection) -> None:
                conn.executescript(SCHEMA_V1)
                conn.execute("PRAGMA user_version = 1")
                _migrate(conn, 1, target)
                with _transaction(conn):
                    meta = {"created_at": now(), "created_by": f"Jiaokan {__version__}"}
                    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
                    _write_collation(conn, texts, rules, loci)

            _write_whole(target, fill)
        except BaseException:
            lock.release()
            raise
        return cls._open(target, read_only=False, lock=lock)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> ProjectFile:
        """Open a project; read-only (with a reason) when it cannot or should not be written."""
        return cls._open(_absolute(path), read_only=read_only, lock=None)

    @classmethod
    def _open(cls, path: Path, *, read_only: bool, lock: _Lock | None) -> ProjectFile:
        try:
            st = path.stat()
        except OSError as e:
            raise ProjectError(f"cannot open {path.name}: {e.strerror or e}") from None
        if not stat.S_ISREG(st.st_mode):
            raise ProjectError(f"{path.name} is not a file")
        reason = "opened read-only" if read_only else _not_writable_reason(path)
        # no Jiaokan writes a file it finds read-only; one may write where we only read
        writers_possible = read_only or not reason
        try:
            if not reason and lock is None:
                try:
                    lock, holder = _Lock.acquire(path)
                except OSError as e:
                    lock, holder = None, ""
                    reason = f"its lock file cannot be made ({e.strerror or e})"
                if lock is None and not reason:
                    reason = f"open in another Jiaokan window ({holder})"
            conn, version = _validated(path, may_recover=lock is not None)
            if reason:
                if version < SCHEMA_VERSION:  # cannot upgrade the file: upgrade a copy in memory
                    conn = _migrated_copy(conn, version, path)
                elif writers_possible and not _journals(path):
                    # immutable reads could tear while someone writes: look at it live
                    conn.close()
                    conn = _connect(path, "ro")
                return cls(path, conn, None, reason)
            conn.close()
            conn = _connect(path, "rw")
            try:
                conn.execute("PRAGMA synchronous = FULL")
                _migrate(conn, version, path)
                # WAL only now that the file is known good: switching rewrites its header
                conn.execute("PRAGMA journal_mode = WAL")
            except BaseException:
                conn.close()
                raise
        except sqlite3.Error as e:
            if lock is not None:
                lock.release()
            raise ProjectError(f"cannot open {path.name}: {_one_line(e)}") from None
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(path, conn, lock, "")

    def close(self) -> None:
        """Close the database before dropping the lock, so the next writer finds it checkpointed."""
        self._conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> ProjectFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------

    def texts(self) -> list[StoredText]:
        rows = self._rows(
            "SELECT role, witness_id, path, encoding, sha256, text FROM texts"
            " ORDER BY role != 'source', position"
        )
        return [StoredText(*row) for row in rows]

    def rules(self) -> tuple[str, ...]:
        rows = self._rows("SELECT value FROM meta WHERE key = 'rules'")
        return tuple(json.loads(rows[0][0])) if rows else ()

    def loci(self, *, include_inactive: bool = False) -> list[StoredLocus]:
        where = "" if include_inactive else " WHERE active"
        rows = self._rows(
            f"SELECT {', '.join(_LOCUS_COLUMNS)} FROM loci{where}"
            " ORDER BY start_offset, end_offset, id"
        )
        return [_locus(row) for row in rows]

    def next_locus_id(self) -> int:
        """Counts inactive loci too, so a retired id is never given to a new locus."""
        return int(self._rows("SELECT COALESCE(MAX(id), 0) + 1 FROM loci")[0][0])

    def decisions(self) -> dict[int, Decision]:
        rows = self._rows(f"SELECT {', '.join(_DECISION_COLUMNS)} FROM decisions")
        try:
            return {row[0]: Decision(*row[1:]) for row in rows}
        except ValueError as e:
            raise ProjectError(f"{self.path.name} holds an invalid decision: {e}") from None

    def history(self) -> list[tuple[int, str, str, str]]:
        return [
            (seq, at, label, changes)
            for seq, at, label, changes in self._rows(
                "SELECT seq, at, label, changes FROM history ORDER BY seq"
            )
        ]

    def view_state(self) -> dict[str, str]:
        return dict(self._rows("SELECT key, value FROM view_state ORDER BY key"))

    # -- writing ---------------------------------------------------------------------

    def commit_decisions(self, label: str, changes: Mapping[int, Decision], at: str) -> None:
        """Write a whole undoable step or none of it: the undo stack mirrors the file."""
        self._check_writable()
        with self._writing("save the decision"):
            for lid, d in changes.items():
                if d.status == "undecided" and not d.note:
                    self._conn.execute("DELETE FROM decisions WHERE locus_id = ?", (lid,))
                    continue
                row = (lid, d.status, d.witness, d.reading, d.note, d.decided_at)
                self._conn.execute(_upsert("decisions", _DECISION_COLUMNS), row)
            payload = {str(lid): asdict(d) for lid, d in changes.items()}
            self._conn.execute(
                "INSERT INTO history (at, label, changes) VALUES (?, ?, ?)",
                (at, label, _json(payload)),
            )

    def replace_collation(
        self, texts: Sequence[StoredText], rules: Sequence[str], loci: Sequence[StoredLocus]
    ) -> None:
        """Loci are only ever upserted: a retired one keeps its row and so its decision."""
        self._check_writable()
        with self._writing("save the new collation"):
            self._conn.execute("DELETE FROM texts")
            _write_collation(self._conn, texts, rules, loci)

    def set_view_state(self, state: Mapping[str, str]) -> None:
        """Replace the whole view state; a read-only window just does not remember its place."""
        if self.read_only:
            return
        with self._writing("save the view state"):
            self._conn.execute("DELETE FROM view_state")
            self._conn.executemany("INSERT INTO view_state VALUES (?, ?)", state.items())

    def save_as(self, new_path: str | os.PathLike[str]) -> None:
        """Copy through the backup API, which sees one committed state even mid-WAL.

        This project stays open on its own path; the copy is a complete file.
        """
        target = _absolute(new_path)
        if target == self.path:
            raise ProjectError(f"{target.name} is this project itself")
        lock = _Lock.acquire_or_raise(target)
        try:
            if target.exists() and _file_read_only(target):
                raise ProjectError(f"{target.name} is read-only; it was not replaced")
            _write_whole(target, self._conn.backup)
        finally:
            lock.release()

    # -- helpers ---------------------------------------------------------------------

    def _rows(self, sql: str) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql).fetchall()
        except sqlite3.Error as e:
            raise ProjectError(f"cannot read {self.path.name}: {_one_line(e)}") from None

    def _check_writable(self) -> None:
        if self.read_only:
            raise ProjectError(f"{self.path.name} is open read-only: {self.read_only_reason}")

    @contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        try:
            with _transaction(self._conn):
                yield
        except sqlite3.Error as e:
            raise ProjectError(f"could not {what} in {self.path.name}: {_one_line(e)}") from None


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE so a writer fails at the start, not halfway through a step."""
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
) -> None:
    conn.executemany(
        "INSERT INTO texts VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (i, t.role, t.witness_id, t.path, t.encoding, t.sha256, t.text)
            for i, t in enumerate(texts)
        ],
    )
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('rules', ?)", (_json(list(rules)),))
    conn.executemany(_upsert("loci", _LOCUS_COLUMNS), [_locus_row(loc) for loc in loci])


def _upsert(table: str, columns: Sequence[str]) -> str:
    """An insert that updates the row with the same key (the first column) in place.

    Not INSERT OR REPLACE: that deletes the row first, which the decisions'
    foreign key would refuse (or, with cascades, lose).
    """
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    values = ", ".join("?" for _ in columns)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({values})"
        f" ON CONFLICT ({columns[0]}) DO UPDATE SET {sets}"
    )


def _locus_row(loc: StoredLocus) -> tuple[object, ...]:
    spans = {w: list(s) for w, s in loc.spans.items()}
    return (
        loc.id, loc.start, loc.end, loc.source_text, loc.kind, _json(loc.kinds),
        _json(loc.readings), _json(spans), loc.move_id, loc.context_before, loc.context_after,
        int(loc.active),
    )  # fmt: skip


def _locus(row: tuple[Any, ...]) -> StoredLocus:
    spans: dict[str, list[int]] = json.loads(row[7])
    return StoredLocus(
        row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), json.loads(row[6]),
        {w: (int(s[0]), int(s[1])) for w, s in spans.items()},
        row[8], row[9], row[10], bool(row[11]),
    )  # fmt: skip


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__


def _absolute(path: str | os.PathLike[str]) -> Path:
    """Resolved, so two windows reaching one file by different names share its lock."""
    return Path(path).expanduser().resolve()


def _connect(path: Path, mode: str, *, immutable: bool = False) -> sqlite3.Connection:
    """A URI with ``mode`` so SQLite never creates a file that vanished meanwhile.

    ``immutable`` keeps a read-only look from leaving an empty -wal and -shm
    behind (``mode=ro`` on a WAL file makes them); it is only right while no
    journal exists and nobody writes.
    """
    uri = f"{path.as_uri()}?mode={mode}" + ("&immutable=1" if immutable else "")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


# -- validation before anything is written ------------------------------------------------


def _file_read_only(path: Path) -> bool:
    """Mode bits as well as os.access: as root, os.access calls everything writable."""
    return stat.S_IMODE(path.stat().st_mode) & 0o222 == 0 or not os.access(path, os.W_OK)


def _not_writable_reason(path: Path) -> str:
    if _file_read_only(path):
        return "the file is read-only"
    if _file_read_only(path.parent):
        return "its folder is not writable"
    return ""


def _journals(path: Path) -> bool:
    return any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))


def _check_header(path: Path) -> None:
    """SQLite takes an empty or short file for a new database, and would write to it."""
    name = path.name
    try:
        with path.open("rb") as f:
            head = f.read(100)
        size = path.stat().st_size
    except OSError as e:
        raise ProjectError(f"cannot read {name}: {e.strerror or e}") from None
    if not head:
        raise ProjectError(f"{name} is empty, not a Jiaokan project")
    if head[:16] != _MAGIC and not (len(head) < 16 and _MAGIC.startswith(head)):
        raise ProjectError(f"{name} is not a Jiaokan project (not an SQLite database)")
    if len(head) < 100:
        raise ProjectError(f"{name} is truncated ({size} bytes)")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    wal = Path(f"{path}-wal")
    # a crash mid-checkpoint legitimately leaves the file short, with the pages in the WAL
    wal_has_frames = wal.exists() and wal.stat().st_size > _WAL_HEADER
    if head[24:28] == head[92:96] and size < pages * page_size and not wal_has_frames:
        raise ProjectError(f"{name} is truncated ({size} of {pages * page_size} bytes)")


def _validated(path: Path, *, may_recover: bool) -> tuple[sqlite3.Connection, int]:
    """A read-only connection to a file that passed every check, and its schema version."""
    _check_header(path)
    name = path.name
    conn = _connect(path, "ro", immutable=not _journals(path))
    try:
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.OperationalError as e:
            if getattr(e, "sqlite_errorname", "") != "SQLITE_READONLY_ROLLBACK":
                raise
            if not may_recover:
                raise ProjectError(
                    f"{name} was left half-written by an interrupted save;"
                    " open it where it can be written to recover it"
                ) from None
            # SQLite's own recovery: a write connection rolls the hot journal back
            conn.close()
            writer = _connect(path, "rw")
            try:
                writer.execute("SELECT count(*) FROM sqlite_master").fetchall()
            finally:
                writer.close()
            conn = _connect(path, "ro")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise ProjectError(
                f"{name} was saved by a newer Jiaokan (project format {version};"
                f" this version reads up to {SCHEMA_VERSION})"
            )
        problems = [r[0] for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
        if problems != ["ok"]:
            raise ProjectError(f"{name} is damaged ({'; '.join(problems)})")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version < 1 or not _TABLES[version] <= tables:
            raise ProjectError(f"{name} is an SQLite database but not a Jiaokan project")
    except sqlite3.DatabaseError as e:
        conn.close()
        kind = getattr(e, "sqlite_errorname", "")
        if kind == "SQLITE_NOTADB":
            raise ProjectError(
                f"{name} is not a Jiaokan project (not an SQLite database)"
            ) from None
        raise ProjectError(f"{name} is damaged ({_one_line(e)})") from None
    except BaseException:
        conn.close()
        raise
    return conn, version


# -- migrations ---------------------------------------------------------------------------


def _migrate(conn: sqlite3.Connection, version: int, path: Path) -> None:
    """All steps in one transaction, so a failure leaves the file exactly as it was."""
    if version == SCHEMA_VERSION:
        return
    try:
        with _transaction(conn):
            for v in range(version, SCHEMA_VERSION):
                for statement in _MIGRATIONS[v]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {v + 1}")
    except sqlite3.Error as e:
        raise ProjectError(
            f"could not upgrade {path.name} from project format {version} to {SCHEMA_VERSION}"
            f" ({_one_line(e)}); the file was left as it was"
        ) from None


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


def _write_whole(target: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    """Build in a temporary file in the same folder, then rename: never a half-written project."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise ProjectError(f"cannot write {target.name}: {e.strerror or e}") from None
    os.close(fd)
    tmp = Path(name)
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            fill(conn)
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        _fsync(tmp)
        os.chmod(tmp, stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644)
        # a stale WAL of an earlier file would be replayed into the new one
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, target)
        if sys.platform != "win32":
            _fsync(target.parent)
    except (OSError, sqlite3.Error) as e:
        raise ProjectError(f"cannot write {target.name}: {_one_line(e)}") from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- the lock file --------------------------------------------------------------------------

if sys.platform == "win32":
    import msvcrt

    _WIN_LOCK_AT = 1 << 20  # lock a byte past the text, which stays readable

    def _lock_fd(fd: int) -> None:
        os.lseek(fd, _WIN_LOCK_AT, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, _WIN_LOCK_AT, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        # flock, not fcntl locks: flock conflicts between two descriptions in one process
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


class _Lock:
    """``PROJECT.jkproj.lock``, held for as long as a window may write; the OS drops it on death."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, project: Path) -> tuple[_Lock | None, str]:
        """The lock, or None and who holds it ("pid N on host H")."""
        path = project.with_name(project.name + ".lock")
        for _ in range(10):
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
            try:
                _lock_fd(fd)
            except OSError:
                holder = _holder(fd)
                os.close(fd)
                return None, holder
            # the last holder unlinks the file on release: make sure ours is still the one there
            try:
                same = sys.platform == "win32" or os.path.samestat(os.stat(path), os.fstat(fd))
            except FileNotFoundError:
                same = False
            if same:
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
                return cls(path, fd), ""
            os.close(fd)
        return None, "its lock file keeps changing"

    @classmethod
    def acquire_or_raise(cls, project: Path) -> _Lock:
        try:
            lock, holder = cls.acquire(project)
        except OSError as e:
            raise ProjectError(f"cannot lock {project.name}: {e.strerror or e}") from None
        if lock is None:
            raise ProjectError(f"{project.name} is open in another Jiaokan window ({holder})")
        return lock

    def release(self) -> None:
        """Unlink while still holding it, so nobody can lock a file that is about to vanish."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if sys.platform == "win32":
                _unlock_fd(fd)
            else:
                self.path.unlink(missing_ok=True)
        except OSError:
            pass
        finally:
            os.close(fd)


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        pid, host = os.read(fd, 512).decode("utf-8", "replace").split(None, 1)
        return f"pid {int(pid)} on host {host.strip()}"
    except (OSError, ValueError):
        return "pid unknown"
