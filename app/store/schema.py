"""The project file's schema: version 1's DDL, frozen, and every migration after it.

A new file is built the same way an old one is upgraded (version 1, then each
step), so the two cannot drift apart; and what a file of any version must
hold is worked out by running the same statements in memory
(:func:`expected_schema`), not listed by hand.  docs/project-file.md says
what each version added and why.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 10

SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE texts (
    position INTEGER PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('source', 'witness')),
    witness_id TEXT UNIQUE, path TEXT NOT NULL, encoding TEXT NOT NULL, sha256 TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE loci (
    id INTEGER PRIMARY KEY, start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL,
    source_text TEXT NOT NULL, kind TEXT NOT NULL, kinds TEXT NOT NULL, readings TEXT NOT NULL,
    spans TEXT NOT NULL, move_id INTEGER, context_before TEXT NOT NULL,
    context_after TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE decisions (
    locus_id INTEGER PRIMARY KEY REFERENCES loci (id),
    status TEXT NOT NULL CHECK (status IN ('undecided', 'accepted', 'rejected', 'edited')),
    witness TEXT, reading TEXT, decided_at TEXT NOT NULL
);
"""
"""Version 1, frozen: the migration tests build old files from it, so never edit it."""

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "ALTER TABLE decisions ADD COLUMN note TEXT NOT NULL DEFAULT ''",
        "CREATE TABLE view_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE history (seq INTEGER PRIMARY KEY, at TEXT NOT NULL,"
        " label TEXT NOT NULL, changes TEXT NOT NULL)",
    ),
    2: (
        "ALTER TABLE loci ADD COLUMN classes TEXT NOT NULL DEFAULT '{}'",
        "ALTER TABLE loci ADD COLUMN message TEXT NOT NULL DEFAULT ''",
    ),
    3: ("CREATE TABLE alignments (witness_id TEXT PRIMARY KEY, regions TEXT NOT NULL)",),
    4: ("CREATE TABLE documents (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)",),
    5: (
        "ALTER TABLE texts ADD COLUMN relative_path TEXT",
        "INSERT OR IGNORE INTO meta VALUES ('project_id', lower(hex(randomblob(16))))",
        "INSERT OR IGNORE INTO meta VALUES ('write_seq', '0')",
    ),
    6: (
        "ALTER TABLE history ADD COLUMN kind TEXT NOT NULL DEFAULT 'do'",
        "ALTER TABLE history ADD COLUMN previous TEXT",
    ),
    7: (
        "ALTER TABLE loci ADD COLUMN in_move INTEGER",
        "ALTER TABLE loci ADD COLUMN pair INTEGER",
    ),
    # what OCR read of each scan, by the scan's digest (app/text/ocr.py OcrResult.to_bytes)
    8: ("CREATE TABLE ocr (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)",),
    # which loci are shown, apart from their rows (read by shown_sql): a rule toggled back
    # at 1M characters rewrote the flag in 30,000 wide rows, 90 ms of writing; here it
    # writes 30,000 numbers, 8 ms.  loci.active is kept as written and no longer read.
    9: (
        "CREATE TABLE shown (id INTEGER PRIMARY KEY)",
        "INSERT INTO shown SELECT id FROM loci WHERE active",
    ),
}
"""Statements taking a file from version N to N + 1, all run in one transaction.

New files are built the same way (version 1, then every step), so an upgraded
file and a new one cannot drift apart.
"""

TABLES = {1: {"meta", "texts", "loci", "decisions"}}
TABLES[2] = TABLES[1] | {"view_state", "history"}
TABLES[3] = TABLES[2]
TABLES[4] = TABLES[3] | {"alignments"}
TABLES[5] = TABLES[4] | {"documents"}
TABLES[6] = TABLES[5]
TABLES[7] = TABLES[6]
TABLES[8] = TABLES[7]
TABLES[9] = TABLES[8] | {"ocr"}
TABLES[10] = TABLES[9] | {"shown"}
LOCUS_COLUMNS = (
    "id", "start_offset", "end_offset", "source_text", "kind", "kinds", "readings", "spans",
    "move_id", "context_before", "context_after", "active", "classes", "message", "in_move",
    "pair",
)  # fmt: skip
DECISION_COLUMNS = ("locus_id", "status", "witness", "reading", "note", "decided_at")

TEXT_COLUMNS = ("role", "witness_id", "path", "encoding", "sha256", "text", "relative_path")


def texts_sql(version: int) -> str:
    """The texts in order; ``relative_path`` (schema 6) reads as NULL in an older file."""
    shown = [c if c != "relative_path" or version >= 6 else "NULL" for c in TEXT_COLUMNS]
    return f"SELECT {', '.join(shown)} FROM texts ORDER BY role != 'source', position"


def shown_sql(version: int) -> str:
    """The ids of the loci shown (the current collation's) in a file of ``version``."""
    return "SELECT id FROM shown" if version >= 10 else "SELECT id FROM loci WHERE active"


def locus_columns(version: int) -> list[str]:
    """What to select for :data:`LOCUS_COLUMNS` from a file of ``version``: from 10 on a
    locus's shown flag is whether ``shown`` holds its id."""
    shown = f"id IN ({shown_sql(version)})"
    return [shown if c == "active" and version >= 10 else c for c in LOCUS_COLUMNS]


def added_columns(version: int) -> list[tuple[str, str]]:
    """The (table, column) pairs migration ``version`` adds (``ALTER TABLE t ADD COLUMN c``)."""
    return [
        (s.split()[2], s.split()[5]) for s in MIGRATIONS[version] if s.startswith("ALTER TABLE")
    ]


# -- the schema: exactly what the migrations build --------------------------------------

Schema = dict[tuple[str, str], object]
ALLOWED_EXTRA = {("table", "sqlite_stat1"), ("table", "sqlite_stat4")}
"""What SQLite itself may add (``ANALYZE`` in the shell): statistics, no code."""


def schema_of(conn: sqlite3.Connection) -> Schema:
    """Every object of the file, with what matters of tables and indexes.

    Types other than tables and indexes (triggers, views) are listed by name
    only: they are refused before anything else is asked of them.
    """
    out: Schema = {}
    objects = conn.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall()
    for kind, name, table in objects:
        out[(str(kind), str(name))] = (str(table), None)
    for kind, name in list(out):
        if (kind, name) in ALLOWED_EXTRA or kind != "table" or name not in TABLES[SCHEMA_VERSION]:
            continue
        quoted = '"' + name.replace('"', '""') + '"'
        columns = conn.execute(f"PRAGMA table_xinfo({quoted})").fetchall()
        keys = conn.execute(f"PRAGMA foreign_key_list({quoted})").fetchall()
        indexes = conn.execute(f"PRAGMA index_list({quoted})").fetchall()
        described = []
        for _, index, unique, origin, partial in indexes:
            iq = '"' + str(index).replace('"', '""') + '"'
            cols = conn.execute(f"PRAGMA index_xinfo({iq})").fetchall()
            described.append((index, unique, origin, partial, tuple(cols)))
        out[(kind, name)] = (name, (tuple(columns), tuple(keys), tuple(sorted(described))))
    return out


_EXPECTED: dict[int, Schema] = {}


def expected_schema(version: int) -> Schema:
    """What version 1's DDL and the migrations up to ``version`` build, in memory."""
    if version not in _EXPECTED:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        try:
            conn.executescript(SCHEMA_V1)
            for v in range(1, version):
                for statement in MIGRATIONS[v]:
                    conn.execute(statement)
            _EXPECTED[version] = schema_of(conn)
        finally:
            conn.close()
    return _EXPECTED[version]


def schema_difference(found: Schema, expected: Schema) -> str:
    """'' if ``found`` is ``expected``; else the first difference, in English."""
    for kind, name in sorted(found):
        if (kind, name) in ALLOWED_EXTRA:
            continue
        if (kind, name) not in expected:
            return f"an extra {kind} {name!r}"
        if found[(kind, name)] != expected[(kind, name)]:
            return f"the {kind} {name!r} is not as Jiaokan makes it"
    missing = sorted(set(expected) - set(found))
    return f"no {missing[0][0]} {missing[0][1]!r}" if missing else ""
