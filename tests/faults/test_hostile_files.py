"""A project file is data only: checked exactly, row by row, before anything writes.

A file carrying an SQL trigger once ran it on the next ``decide``; a file with
Jiaokan's table names but other columns was switched to WAL and left with a
``.lock`` before being refused; a flipped byte inside a stored text went
unnoticed, and malformed rows gave tracebacks.  Every such file must now be
refused in one line, byte-identical and with nothing left beside it, by the
commands that write (``decide``) and those that read (``loci``, ``export``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.faults.conftest import SOURCE, Job, cli, one_line_error, raw, snapshot

Edit = Callable[[Path], None]


def _sql(*statements: str) -> Edit:
    def edit(path: Path) -> None:
        with raw(path) as conn:
            conn.execute("PRAGMA ignore_check_constraints = 1")
            for statement in statements:
                conn.execute(statement)

    return edit


def _flip_a_bit_in_the_source(path: Path) -> None:
    data = bytearray(path.read_bytes())
    at = data.find(SOURCE.encode("utf-8"))
    assert at > 0 and data.find(SOURCE.encode("utf-8"), at + 1) < 0
    data[at + len("天地玄黄，".encode()) + 2] ^= 0x01  # 宇 -> 宆: still valid UTF-8
    path.write_bytes(bytes(data))


FOREIGN = {
    "trigger": _sql(
        "CREATE TRIGGER t AFTER INSERT ON decisions BEGIN"
        " UPDATE decisions SET status = 'edited', reading = 'TAMPERED'; DELETE FROM history; END"
    ),
    "view": _sql("CREATE VIEW v AS SELECT * FROM decisions"),
    "extra index": _sql("CREATE INDEX i ON loci (kind)"),
    "extra table": _sql("CREATE TABLE x (y)"),
    "renamed column": _sql("ALTER TABLE decisions RENAME COLUMN note TO remark"),
    "other columns": _sql(
        "DROP TABLE history", "CREATE TABLE history (seq INTEGER PRIMARY KEY, what TEXT)"
    ),
    "other type": _sql(
        "DROP TABLE view_state", "CREATE TABLE view_state (key TEXT PRIMARY KEY, value BLOB)"
    ),
    "dropped key": _sql(
        "DROP TABLE view_state", "CREATE TABLE view_state (key TEXT, value TEXT NOT NULL)"
    ),
}

DAMAGED = {
    "flipped byte in a text": _flip_a_bit_in_the_source,
    "edited text": _sql("UPDATE texts SET text = text || '。' WHERE role = 'witness'"),
    "bad JSON in spans": _sql("UPDATE loci SET spans = '{\"a\": [1,' WHERE id = 1"),
    "spans not two integers": _sql('UPDATE loci SET spans = \'{"a": [1, "2"]}\' WHERE id = 1'),
    "bad JSON in kinds": _sql("UPDATE loci SET kinds = 'nope' WHERE id = 1"),
    "kinds not texts": _sql("UPDATE loci SET kinds = '{\"a\": 3}' WHERE id = 1"),
    "bad JSON in readings": _sql("UPDATE loci SET readings = '[' WHERE id = 1"),
    "bad JSON in classes": _sql("UPDATE loci SET classes = '' WHERE id = 1"),
    "bad JSON in rules": _sql("UPDATE meta SET value = '[\"width\"' WHERE key = 'rules'"),
    "rules not names": _sql("UPDATE meta SET value = '[1, 2]' WHERE key = 'rules'"),
    "deleted witness row": _sql("DELETE FROM texts WHERE witness_id = 'b'"),
    "deleted source row": _sql("DELETE FROM texts WHERE role = 'source'"),
    "two sources": _sql("UPDATE texts SET role = 'source'"),
    "non-integer offset": _sql("UPDATE loci SET start_offset = 'x' WHERE id = 1"),
    "real offset": _sql("UPDATE loci SET end_offset = 13.5 WHERE id = 1"),
    "offset past the source": _sql("UPDATE loci SET end_offset = 9999 WHERE id = 1"),
    "reversed span": _sql("UPDATE loci SET start_offset = end_offset + 1 WHERE id = 1"),
    "text as a blob": _sql("UPDATE texts SET text = CAST(text AS BLOB) WHERE role = 'witness'"),
    "a locus shown without its row": _sql("INSERT INTO shown VALUES (999)"),
    "unknown status": _sql("UPDATE decisions SET status = 'maybe'"),
    "accepted without witness": _sql("UPDATE decisions SET status = 'accepted', witness = NULL"),
    "bad JSON in history": _sql("UPDATE history SET changes = '{'"),
    "JSON nested too deep": _sql(f"UPDATE loci SET kinds = '{'[' * 100_000}' WHERE id = 1"),
    "blob view state": _sql("INSERT INTO view_state VALUES ('scroll', X'00')"),
    "Word document not its digest": _sql("INSERT INTO documents VALUES ('00', X'504B0304')"),
    "Word document as text": _sql(
        "INSERT INTO documents VALUES"
        " ('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', '')"
    ),
}


def _prepared(job: Job, capsys: pytest.CaptureFixture[str], edit: Edit) -> dict[str, bytes | str]:
    assert cli(capsys, "decide", job.project, "1", "--reject")[0] == 0  # a decision, a history
    edit(job.project)
    assert not Path(f"{job.project}-wal").exists()
    return snapshot(job.folder)


@pytest.mark.parametrize("command", ["decide", "loci", "export"])
@pytest.mark.parametrize("case", list(FOREIGN))
def test_a_foreign_schema_is_refused_before_anything_writes(
    job: Job, capsys: pytest.CaptureFixture[str], case: str, command: str
) -> None:
    before = _prepared(job, capsys, FOREIGN[case])
    argv = {
        "decide": ["decide", job.project, "2", "--accept", "a"],
        "loci": ["loci", job.project, "--json"],
        "export": ["export", job.project, "--csv", job.folder / "out.csv"],
    }[command]
    code, out, err = cli(capsys, *argv)
    assert code == 2 and out == ""
    one_line_error(err, "p.jkproj is not a Jiaokan project as Jiaokan writes it")
    assert snapshot(job.folder) == before  # no WAL switch, no -shm, no .lock, no trigger run


@pytest.mark.parametrize("command", ["decide", "loci"])
@pytest.mark.parametrize("case", list(DAMAGED))
def test_a_damaged_row_is_one_line_and_the_file_is_left_as_it_was(
    job: Job, capsys: pytest.CaptureFixture[str], case: str, command: str
) -> None:
    before = _prepared(job, capsys, DAMAGED[case])
    argv = (
        ["decide", job.project, "2", "--reject"] if command == "decide" else ["loci", job.project]
    )
    code, out, err = cli(capsys, *argv)
    assert code == 2 and out == ""
    one_line_error(err, "p.jkproj is damaged (")
    assert snapshot(job.folder) == before


def test_an_untouched_project_passes_every_check(
    job: Job, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "decide", job.project, "1", "--reject", "--note", "n")[0] == 0
    code, out, _ = cli(capsys, "loci", job.project)
    assert code == 0 and "rejected" in out
