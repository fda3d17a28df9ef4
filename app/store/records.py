"""The project file's records, and how each is a row of its tables and back.

What :class:`~app.store.file.ProjectFile` hands out and takes (a text, a
locus under its permanent id, the regions encoded once), the one error it
raises, and the conversions both ways: every row is parsed strictly, so a
row that is not what Jiaokan writes is a :class:`BadRow` (and, to the user, a
damaged file), never a wrong text or a crash later; rows are written in the
same characters the JSON encoder would give, without its cost per row.  Also
where a text's file is now, from the paths its row keeps.  Parsing is shared
by the reading methods (app/store/file.py) and the checks before opening
(app/store/opening.py), so the two cannot disagree about what a good row is.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

from app.collation.loci import Locus, ReadsLocus, Region
from app.messages import MessageError
from app.store.decisions import Decision, Status, Step, StepKind
from app.store.paths import regular_file_sha256

DIGESTS_KEY = "text_sha256"
"""meta key: JSON list of the SHA-256 of each text as UTF-8, source first, then by position
(written here, compared on opening, app/store/opening.py, and before a rewrite, file.py)."""


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
    """A Word document's own bytes, when written (read back with
    :meth:`~app.store.file.ProjectFile.document`, only when asked: an export needs them,
    opening does not)."""
    names: tuple[str, ...] = field(default=(), repr=False, compare=False)
    """Read back from a project: every path the file may be at now (``path`` is the one
    found), so that no output lands on it under any of them (:func:`_whereabouts`)."""
    ocr: bytes | None = field(default=None, repr=False, compare=False)
    """What OCR read of a scan (serialized), when written (read back with
    :meth:`~app.store.file.ProjectFile.ocr`): a project reopened shows the scan's pages
    without OCR."""


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


@dataclass(frozen=True)
class AlignmentRows:
    """Each witness's regions encoded as the file keeps them, ``(witness id, JSON)``: encoded
    once for a collation that may be taken again (some 30 ms for 30,000 regions)."""

    rows: tuple[tuple[str, str], ...]


class BadRow(Exception):
    """A row that is not what Jiaokan writes: its text is the problem, in English.

    Public because the project file's reading methods and the checks before
    opening each turn it into a :class:`ProjectError` of their own."""


# -- records as rows ---------------------------------------------------------------------


def write_texts(conn: sqlite3.Connection, texts: Sequence[StoredText], folder: Path) -> None:
    """The texts' rows, their documents and scans, and their digests (``folder`` is the
    project's): for a new file (app/store/whole.py) and a new collation (file.py)."""
    rows = [
        (i, t.role, t.witness_id, *path_columns(t.path, folder), t.encoding, t.sha256, t.text)
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
        (DIGESTS_KEY, text_digests(source_first(texts))),
    )


def source_first(texts: Sequence[StoredText]) -> list[StoredText]:
    """The order :data:`DIGESTS_KEY` lists the texts in (file.py compares it before a rewrite)."""
    return [t for t in texts if t.role == "source"] + [t for t in texts if t.role != "source"]


def text_digests(texts: Sequence[StoredText]) -> str:
    """The value of :data:`DIGESTS_KEY` for these texts, as written, checked on opening and
    compared before a rewrite."""
    return to_json([hashlib.sha256(t.text.encode("utf-8", "surrogatepass")).hexdigest()
                  for t in texts])  # fmt: skip


def alignment_rows(alignments: Mapping[str, Sequence[Region]]) -> AlignmentRows:
    """Encoded once by the session for a collation it may take back (app/session/session.py)."""
    return AlignmentRows(
        tuple(
            (
                wid,
                to_json([[r.a_start, r.a_end, r.b_start, r.b_end, r.kind, r.move_id] for r in rs]),
            )
            for wid, rs in alignments.items()
        )
    )


def write_shown(conn: sqlite3.Connection, shown: Sequence[int], hidden: Sequence[int]) -> None:
    """Show the loci ``shown`` and hide the loci ``hidden`` (the table ``shown``, schema 10)."""
    if shown:
        conn.execute(
            "INSERT OR IGNORE INTO shown SELECT value FROM json_each(?)", (to_json(list(shown)),)
        )
    if hidden:
        conn.execute(
            "DELETE FROM shown WHERE id IN (SELECT value FROM json_each(?))",
            (to_json(list(hidden)),),
        )


def write_alignments(conn: sqlite3.Connection, alignments: Mapping[str, Sequence[Region]]) -> None:
    """The regions' rows: for a new file (app/store/whole.py) and a new collation (file.py)."""
    conn.executemany("INSERT INTO alignments VALUES (?, ?)", alignment_rows(alignments).rows)


def same_row(a: StoredLocus, b: StoredLocus) -> bool:
    """Whether two loci make the same row but for the shown flag (what :func:`locus_row`
    writes), compared without encoding them."""
    x, y = a.locus, b.locus
    if x is y:  # a row and itself shown or hidden (rule toggles flip 30,000 of them)
        return a.context_before == b.context_before and a.context_after == b.context_after
    return (
        x.id == y.id and x.start == y.start and x.end == y.end
        and x.source_text == y.source_text and x.kind == y.kind and x.kinds == y.kinds
        and x.readings == y.readings and x.spans == y.spans and x.move_id == y.move_id
        and x.classes == y.classes and x.message == y.message
        and x.in_move == y.in_move and x.pair == y.pair
        and a.context_before == b.context_before and a.context_after == b.context_after
    )  # fmt: skip


def upsert_sql(table: str, columns: Sequence[str]) -> str:
    """Updates the row with the same key (the first column) in place.

    Not INSERT OR REPLACE: that deletes the row first, which the decisions'
    foreign key refuses.  Public: a new file (app/store/whole.py) and every write of
    the project file's (file.py) upsert the same way.
    """
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    values = ", ".join("?" for _ in columns)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({values})"
        f" ON CONFLICT ({columns[0]}) DO UPDATE SET {sets}"
    )


_ACTIVE = 11
"""Where :func:`locus_row` puts the shown flag (``LOCUS_COLUMNS``)."""


def locus_row(loc: StoredLocus) -> tuple[object, ...]:
    """A locus as the row ``upsert_sql("loci", LOCUS_COLUMNS)`` writes (a new file and a
    new collation both write them)."""
    return (
        loc.id, loc.start, loc.end, loc.source_text, loc.kind, _json_strings(loc.kinds),
        _json_strings(loc.readings), _json_spans(loc.spans), loc.move_id, loc.context_before,
        loc.context_after, int(loc.active), _json_strings(loc.classes), loc.message,
        loc.in_move, loc.pair,
    )  # fmt: skip


@dataclass(frozen=True)
class LocusWrites:
    """What writing a collation's loci changes in a file: the rows whose content differs,
    encoded, and the ids whose shown flag alone changes.  Worked out apart from the write
    (:func:`locus_writes`), so the window's worker can do it while the proofreader reads on
    (a rule toggled at 1M characters: 16,000 rows, 0.33 s of encoding)."""

    rows: tuple[tuple[object, ...], ...] = ()
    shown: tuple[int, ...] = ()
    hidden: tuple[int, ...] = ()

    def apart(self, ids: set[int]) -> LocusWrites:
        """These writes without the rows of ``ids`` (written already, apart: see
        app/store/file.py ``write_apart``); their shown flags are still to be set."""
        gone = [r for r in self.rows if row_id(r) in ids]
        return LocusWrites(
            tuple(r for r in self.rows if row_id(r) not in ids),
            (*self.shown, *(row_id(r) for r in gone if r[_ACTIVE])),
            (*self.hidden, *(row_id(r) for r in gone if not r[_ACTIVE])),
        )

    def flags(self) -> tuple[list[int], list[int]]:
        """The ids to show and to hide: the rows written, by their flag, and the rest."""
        shown = [row_id(r) for r in self.rows if r[_ACTIVE]]
        hidden = [row_id(r) for r in self.rows if not r[_ACTIVE]]
        return [*shown, *self.shown], [*hidden, *self.hidden]


def row_id(row: tuple[object, ...]) -> int:
    """The id of a row :func:`locus_row` made (its first column)."""
    return cast(int, row[0])


def locus_writes(
    loci: Sequence[StoredLocus],
    stored: Mapping[int, StoredLocus] | None = None,
    encoded: Sequence[tuple[object, ...]] = (),
) -> LocusWrites:
    """The writes that bring a file holding ``stored`` (every row as the file holds it, by
    id; None: unknown, write every row) to ``loci``: a row that reads the same is not
    written again, only its shown flag where that changed.  ``encoded``: the rows of the
    first of ``loci``, encoded already (app.project.project.RowsAhead)."""
    written: list[tuple[object, ...]] = []
    shown: list[int] = []
    hidden: list[int] = []
    known = len(encoded)
    for k, loc in enumerate(loci):
        old = stored.get(loc.id) if stored is not None else None
        if old is None or not same_row(old, loc):
            written.append(encoded[k] if k < known else locus_row(loc))
        elif old.active != loc.active:
            (shown if loc.active else hidden).append(loc.id)
    return LocusWrites(tuple(written), tuple(shown), tuple(hidden))


def decisions_json(decisions: Mapping[int, Decision]) -> str:
    """A history row's ``changes`` or ``previous``, as :func:`parse_step` reads them back."""
    return to_json(
        {str(lid): {**asdict(d), "status": str(d.status)} for lid, d in decisions.items()}
    )


def _json_strings(value: Mapping[str, str]) -> str:
    """``to_json`` of a dict of strings, in the same characters, without the encoder's call
    per dict (four dicts a locus row: 0.3 s of writing 25,000 rows).  A dict of one entry
    (one witness: most rows) is encoded once for all the rows that hold the same (its kind
    and class are one of a few, a Traditional reading of a character recurs)."""
    if len(value) == 1:
        ((k, v),) = value.items()
        if type(k) is str and type(v) is str:
            return _one_string(k, v)
    if not all(type(k) is str and type(v) is str for k, v in value.items()):
        return to_json(value)
    return "{" + ", ".join(f"{_STRING(k)}: {_STRING(v)}" for k, v in value.items()) + "}"


@lru_cache(maxsize=1 << 14)
def _one_string(k: str, v: str) -> str:
    return f"{{{_STRING(k)}: {_STRING(v)}}}"


def _json_spans(value: Mapping[str, tuple[int, int]]) -> str:
    """``to_json`` of each witness's span as a list of two numbers, the same way."""
    if not all(type(k) is str and type(s) is int and type(e) is int for k, (s, e) in value.items()):
        return to_json({w: list(span) for w, span in value.items()})
    return "{" + ", ".join(f"{_STRING(k)}: [{s}, {e}]" for k, (s, e) in value.items()) + "}"


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
"""One encoder for every row: ``json.dumps`` with an argument builds a new one per call,
which was half the time of writing a 5,000-locus project."""


def to_json(value: object) -> str:
    """``value`` as every column of JSON is written (:data:`_ENCODE`), by this module and by
    the project file's writes (file.py, app/store/whole.py)."""
    return _ENCODE(value)


_STRING: Callable[[str], str] = json.encoder.encode_basestring
"""One string as JSON without escaping non-ASCII, as ``_ENCODE`` writes it (in C)."""


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


def path_columns(path: str, folder: Path) -> tuple[str | bytes, str | bytes | None]:
    """The ``path`` and ``relative_path`` columns: the text's absolute path, and the same
    relative to the project's folder (None on another drive), so the project finds it
    from any working folder, and still finds it when the whole tree is moved.  (Public: the
    project file compares them before a rewrite, and writes a copy's anew.)"""
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


# -- rows as records ---------------------------------------------------------------------
# Each parse_* is public for the two readers of rows, which must agree: the project file's
# reading methods (file.py) and the check of every row before opening (opening.py).


_T = TypeVar("_T")


def _of(value: object, kind: type[_T], what: str, *at: object) -> _T:
    """``value`` if it is a ``kind``; ``what.format(*at)`` names it otherwise (made only then)."""
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise BadRow(f"{what.format(*at)} is not {'an integer' if kind is int else 'text'}")
    return value


def _path_of(value: object, what: str) -> str:
    """A stored path (:func:`stored_path`), or :class:`BadRow` naming ``what``."""
    path = stored_path(value)
    return _of(value, str, what) if path is None else path


def parse_json(text: object, what: str, *at: object) -> Any:
    """A JSON column; ``what.format(*at)`` names it in the :class:`BadRow` (opening.py reads
    the texts' digests with it)."""
    try:
        return json.loads(_of(text, str, what, *at))
    except (ValueError, RecursionError):  # JSONDecodeError, a lone surrogate, [[[[…]]]]
        raise BadRow(f"{what.format(*at)} is not valid JSON") from None


def _str_dict(text: object, what: str, *at: object) -> dict[str, str]:
    value = parse_json(text, what, *at)
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise BadRow(f"{what.format(*at)} is not a JSON object of texts")
    return value


def parse_locus(row: tuple[Any, ...]) -> StoredLocus:
    """A row of ``LOCUS_COLUMNS``, every field checked."""
    lid = _of(row[0], int, "a locus id")
    start, end = _of(row[1], int, "locus {} start", lid), _of(row[2], int, "locus {} end", lid)
    if not 0 <= start <= end:
        raise BadRow(f"locus {lid} has the span {start}-{end}")
    spans: dict[str, tuple[int, int]] = {}
    raw_spans = parse_json(row[7], "locus {} spans", lid)
    if not isinstance(raw_spans, dict):
        raise BadRow(f"locus {lid} spans is not a JSON object")
    for w, span in raw_spans.items():
        if not (isinstance(span, list) and len(span) == 2 and all(type(n) is int for n in span)):
            raise BadRow(f"locus {lid} spans of {w} is not two integers")
        if not 0 <= span[0] <= span[1]:
            raise BadRow(f"locus {lid} spans of {w} is {span[0]}-{span[1]}")
        spans[w] = (span[0], span[1])
    move_id = None if row[8] is None else _of(row[8], int, "locus {} move_id", lid)
    in_move = None if row[14] is None else _of(row[14], int, "locus {} in_move", lid)
    pair = None if row[15] is None else _of(row[15], int, "locus {} pair", lid)
    active = _of(row[11], int, "locus {} active", lid)
    if active not in (0, 1):
        raise BadRow(f"locus {lid} active is {active}")
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


def parse_texts(rows: list[Any], folder: Path) -> list[StoredText]:
    """The texts, source first: exactly one source, and witnesses with ids of their own,
    each found where it is now (:func:`_whereabouts`; ``folder`` is the project's)."""
    texts = []
    for role, wid, path, encoding, sha256, text, relative in rows:
        if role not in ("source", "witness"):
            raise BadRow("a text has no valid role")
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
        raise BadRow("the project has no source text" if not sources else "two source texts")
    ids = [t.witness_id for t in texts[1:]]
    if not all(ids) or len(set(ids)) != len(ids):
        raise BadRow("a witness has no id of its own")
    return texts


def parse_rules(rows: list[Any]) -> tuple[str, ...]:
    """The rules' meta row, if any: a JSON list of names."""
    if not rows:
        return ()
    rules = parse_json(rows[0][0], "the rules")
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise BadRow("the rules are not a JSON list of names")
    return tuple(rules)


def parse_decision_id(value: object) -> int:
    """The first of ``DECISION_COLUMNS``; :func:`parse_decision` reads the rest."""
    return _of(value, int, "a decision's locus id")


def parse_decision(row: Sequence[Any]) -> Decision:
    """A decisions row after its locus id."""
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
        raise BadRow(str(e)) from None


def parse_strings(row: Sequence[Any], what: str) -> tuple[str, str]:
    """A key and value of text (``meta``, ``view_state``); ``what`` names the table."""
    return _of(row[0], str, f"a {what} key"), _of(row[1], str, f"a {what} value")


STEPS_SQL = "SELECT seq, at, label, changes, kind, previous FROM history"
"""The history's rows as :func:`parse_step` reads them."""


def _decisions_of(text: object, what: str, step: int) -> dict[int, Decision]:
    """A history row's JSON ``{locus id: decision}`` (``changes`` or ``previous``)."""
    value = parse_json(text, what, step)
    if not isinstance(value, dict):
        raise BadRow(f"{what.format(step)} is not a JSON object")
    out = {}
    for key, d in value.items():
        if not key.isdigit() or not isinstance(d, dict):
            raise BadRow(f"{what.format(step)} is not a JSON object of decisions")
        try:
            out[int(key)] = Decision(
                Status(d["status"]), d.get("witness"), d.get("reading"),
                str(d.get("note", "")), str(d.get("decided_at", "")),
            )  # fmt: skip
        except (KeyError, TypeError, ValueError):
            raise BadRow(f"{what.format(step)} holds an invalid decision") from None
    return out


def parse_step(row: Sequence[Any]) -> Step:
    """A row of :data:`STEPS_SQL` (schema 7 on), as the undo stack is rebuilt from it."""
    seq, at, label, changes, kind, previous = row
    step = _of(seq, int, "a history step")
    try:
        done = StepKind(_of(kind, str, "history step {} kind", step))
    except ValueError:
        raise BadRow(f"history step {step} kind is not do, undo or redo") from None
    return Step(
        done,
        _of(label, str, "a label"),
        _of(at, str, "history step {} time", step),
        _decisions_of(changes, "history step {} changes", step),
        None if previous is None else _decisions_of(previous, "history step {} previous", step),
    )


def parse_history(rows: list[Any]) -> list[tuple[int, str, str, str]]:
    """The history's rows as schema 2 has them: step, time, label and its changes' JSON."""
    out = []
    for seq, at, label, changes in rows:
        step = _of(seq, int, "a history step")
        if not isinstance(parse_json(changes, "history step {} changes", step), dict):
            raise BadRow(f"history step {step} changes is not a JSON object")
        time, what = _of(at, str, "history step {} time", step), _of(label, str, "a label")
        out.append((step, time, what, changes))
    return out
