"""How the store speaks to SQLite: a connection in a given mode, one transaction, a
path resolved, an error as one line.

Shared by the project file (app/store/file.py), the checks and upgrades
before it is opened (app/store/opening.py) and the writing of a whole new
file (app/store/whole.py), so that all three connect, commit and report a
failure the same way.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.messages import Message, known_reason


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE, so a step that cannot write fails before it has done anything."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def one_line(e: BaseException) -> str | Message:
    """An SQLite or OS error as the one-line reason a :class:`ProjectError` gives."""
    return known_reason(" ".join(str(e).split()) or type(e).__name__)


def absolute(path: str | os.PathLike[str]) -> Path:
    """Resolved, so two windows reaching one file by different names share its lock."""
    return Path(path).expanduser().resolve()


def connect(path: Path, mode: str) -> sqlite3.Connection:
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


def has_journals(path: Path) -> bool:
    """Whether a WAL or rollback journal lies beside ``path``: then an ``immutable``
    connection would miss what it holds."""
    return any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
