"""Exporting a proofreading project: the corrected text, a printable report, a CSV.

The corrected text goes back to the people who own the source, so it is
written in the source's own encoding and line endings: a diff against the
original then shows the decided readings and nothing else.  Any character the
source's encoding cannot hold stops the export with its position instead of
becoming a "?" that nobody would notice until print.  Every file is written
to a temporary file beside the target and renamed over it, so a failed export
never leaves a half-written file where the old one was.

The report is a single HTML file with no scripts and no outside resources,
so it can be mailed, archived and printed as it is; marks are borders and
underlines rather than backgrounds, which browsers drop when printing.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import re
import secrets
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from html import escape

from app.classes.checks import CHECK_WITNESS
from app.classes.classify import CLASS_LABELS_ZH
from app.collation.loci import KINDS, Locus, ReadsLocus, arrival, departure, moved_text, overlapping
from app.messages import Message, MessageError, lowered_os_reason, message, quoted
from app.project.decisions import STATUSES, Decision, Status, now
from app.project.paths import OutputError, Owned, check_output, project_files, text_files
from app.text.facts import BOMS
from app.text.lines import LINE_BREAK, LineIndex
from app.text.ocr import OCR_FORMAT
from app.text.pdf import PDF_FORMAT
from app.text.word import WORD_FORMAT

_DOCUMENTS = (WORD_FORMAT, PDF_FORMAT, OCR_FORMAT)
"""Texts read from a document or a scan, not decoded from a text file: no encoding to
write them back in."""

StrPath = str | os.PathLike[str]


@dataclass(frozen=True)
class ExportLocus(ReadsLocus):
    """A locus with the decision beside it: what every export writes about it."""

    locus: Locus
    decision: Decision
    within: int | None = None
    """The id of the innermost locus enclosing this one (another copy's longer locus)."""


@dataclass(frozen=True)
class ExportWitness:
    id: str
    path: str
    encoding: str


@dataclass(frozen=True)
class ExportInput:
    title: str
    source_path: str
    source_encoding: str
    source_text: str
    witnesses: tuple[ExportWitness, ...]
    rules: tuple[str, ...]
    loci: tuple[ExportLocus, ...]
    """Sorted by (start, end); insertion points at one offset keep their order."""
    project_path: str = ""
    """The project file the data comes from ("" if none): an export never replaces it."""
    source_document: bytes | None = None
    """The source's own ``.docx`` bytes when it is a Word document (kept in the project)."""
    located: tuple[Owned, ...] = ()
    """The project's texts under every name they may have now, and by their bytes where
    none is found (``ProjectFile.texts``): from another working folder too, an export
    never lands on them."""

    def owned(self) -> list[Owned]:
        """The files no export of this data may land on: the project and its texts."""
        owned = project_files(self.project_path) if self.project_path else []
        owned += text_files(self.source_path, ((w.id, w.path) for w in self.witnesses))
        return owned + list(self.located)


class ExportError(MessageError):
    """An export that cannot be done; the message is one line for the user."""


# -- the corrected text -----------------------------------------------------------

_TAIL = re.compile(r"(?:\r\n|\r|\n)\Z")
# Encodings whose files the loader only recognizes by their byte-order mark.
_BOMS = {name: (codec, bom) for bom, codec, name in BOMS}


def line_ending(text: str) -> str | None:
    """The text's commonest line break, so inserted readings match the lines around them.

    A tie goes to "\\r\\n", then "\\n": a file mixing them is most likely a
    Windows file touched by a Unix tool, not the other way round.
    """
    crlf = text.count("\r\n")
    cr, lf = text.count("\r") - crlf, text.count("\n") - crlf
    if not crlf + cr + lf:
        return None
    return max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"), key=lambda pair: pair[0])[1]


def ordered_loci(data: ExportInput) -> list[ExportLocus]:
    """The loci in text order, checked against the source.

    A locus that no longer matches the source (a project whose source file
    changed under it) would splice readings into the wrong place, so it
    stops the export rather than produce a plausible but wrong text.  Loci
    may overlap (one copy's short locus inside another's long one), but two
    overlapping decisions that both change the text stop it too: applying
    both would splice one reading into the other, and neither is more right
    than the other, so the proofreader undecides one (``jiaokan decide``
    and the window refuse to record such a pair in the first place).
    """
    loci = sorted(data.loci, key=lambda locus: (locus.start, locus.end))  # stable
    for n, locus in enumerate(loci, 1):
        if not 0 <= locus.start <= locus.end <= len(data.source_text):
            raise ExportError("export.overlap", n=str(n))
        if data.source_text[locus.start : locus.end] != locus.source_text:
            raise ExportError("export.mismatch", n=str(n))
    crossing = overlapping(loci)
    for k, locus in enumerate(loci):
        if not changes_text(locus):
            continue
        other = next((loci[j] for j in crossing[k] if j > k and changes_text(loci[j])), None)
        if other is not None:
            raise ExportError("export.conflict", n=str(locus.id), m=str(other.id))
    return loci


def changes_text(locus: ExportLocus) -> bool:
    """Whether the locus's decision puts another text in the source's place."""
    d = locus.decision
    return d.status in ("accepted", "edited") and d.reading not in (None, locus.source_text)


def in_text(loci: list[ExportLocus]) -> list[bool]:
    """Which loci stand in the corrected text's flow: no two of them overlap.

    Every locus that changes the text does (they never overlap, see
    :func:`ordered_loci`); of the rest, decided ones before open ones, then the
    shorter first, so another copy's long locus does not hide the short
    ones inside it.  The others are in the report's table only.

    Where a passage left, its move and the edits inside it never both stand:
    an accepted move takes the passage away, edits and all (they go with it
    to where it arrives); a move not accepted leaves the passage where it
    was, with its accepted edits in place, unless none is accepted (then the
    move itself stands, so an open question is marked).
    """
    crossing = overlapping(loci)
    order = sorted(
        range(len(loci)),
        key=lambda k: (
            not changes_text(loci[k]),
            not loci[k].decision.decided,
            loci[k].end - loci[k].start,
            k,
        ),
    )
    shown = [False] * len(loci)
    for k in order:
        if not any(shown[j] for j in crossing[k]):
            shown[k] = True
    inner: dict[int, list[int]] = {}
    for k, locus in enumerate(loci):
        if locus.in_move is not None:
            inner.setdefault(locus.in_move, []).append(k)
    for k, locus in enumerate(loci):
        if not departure(locus) or locus.move_id not in inner:
            continue
        edits = inner[locus.move_id]
        if changes_text(locus) or not any(changes_text(loci[j]) for j in edits):
            for j in edits:
                shown[j] = False
        else:
            shown[k] = False
    return shown


def applied(loci: list[ExportLocus]) -> list[ExportLocus]:
    """The loci with the decisions the corrected text applies, which are not always the
    recorded ones (the report's table and the CSV list those):

    - where a moved passage arrived, an accepted move reads the passage with
      the accepted edits inside it applied (:attr:`Locus.in_move`);
    - an undecided half of a pair of marks follows its other half when that
      one is accepted (:attr:`Locus.pair`): an export never leaves a pair
      mismatched.  One half accepted and the other rejected stops the export.
    """
    halves: dict[int, list[int]] = {}
    for k, locus in enumerate(loci):
        if locus.pair is not None:
            halves.setdefault(locus.pair, []).append(k)
    out = list(loci)
    for ks in halves.values():
        taken = [k for k in ks if loci[k].decision.status == "accepted" and changes_text(loci[k])]
        if not taken:
            continue
        first = loci[taken[0]]
        witness = first.decision.witness or ""
        for k in ks:
            d = loci[k].decision
            if d.status == "rejected":
                raise ExportError("export.pair", n=str(loci[k].id), m=str(first.id))
            if d.status == "undecided":
                reading = loci[k].readings.get(witness, loci[k].source_text)
                followed = Decision(
                    Status.ACCEPTED, witness, reading, d.note, first.decision.decided_at
                )
                out[k] = replace(loci[k], decision=followed)
    for k, locus in enumerate(out):
        d = locus.decision
        if arrival(locus) and d.status == "accepted" and d.reading is not None:
            text = moved_text(
                d.reading, locus, out, lambda i: i.decision.reading if changes_text(i) else None
            )
            if text != d.reading:
                out[k] = replace(locus, decision=replace(d, reading=text))
    return out


def _chosen(locus: ExportLocus, eol: str | None) -> str:
    """What the corrected text has at ``locus``, in the source's line endings."""
    decision = locus.decision
    if decision.status in ("undecided", "rejected") or decision.reading is None:
        return locus.source_text
    reading = decision.reading
    if eol is None or reading == locus.source_text:
        return reading
    return LINE_BREAK.sub(eol, reading)


def corrected_segments(data: ExportInput) -> Iterator[tuple[int, ExportLocus | None, str]]:
    """The corrected text in pieces: unchanged source (``None``) and loci with their numbers.

    Where loci overlap, only the ones :func:`in_text` picks are pieces.
    """
    eol = line_ending(data.source_text)
    last = 0
    loci = applied(ordered_loci(data))
    for n, (locus, shown) in enumerate(zip(loci, in_text(loci), strict=True), 1):
        if not shown:
            continue  # inside a locus that stands in the text; listed in the report's table
        if locus.start > last:
            yield 0, None, data.source_text[last : locus.start]
        yield n, locus, _chosen(locus, eol)
        last = locus.end
    if last < len(data.source_text):
        yield 0, None, data.source_text[last:]


def corrected_text(data: ExportInput) -> str:
    """The source with every decided reading in place; undecided places keep the source."""
    return "".join(piece for _, _, piece in corrected_segments(data))


def _encode(text: str, encoding: str, *, suggest_utf8: bool) -> bytes:
    hint: str | Message = message("export.use-utf8") if suggest_utf8 else ""
    try:
        name = codecs.lookup(encoding).name
        codec, bom = _BOMS.get(name, (name, b""))
        return bom + text.encode(codec)
    except UnicodeEncodeError as exc:
        char = text[exc.start]
        shown = f"U+{ord(char):04X}"
        if char.isprintable() and not char.isspace():
            shown = f"{char} ({shown})"
        line, column = LineIndex(text).line_col(exc.start)
        others = sum(1 for c in set(text) if c != char and not c.encode(exc.encoding, "ignore"))
        more: str | Message = ""
        if others:
            more = (
                message("export.others", n=str(others))
                if others > 1
                else message("export.one-other")
            )
        raise ExportError(
            "export.unencodable",
            char=shown,
            line=str(line),
            column=str(column),
            encoding=encoding,
            others=more,
            hint=hint,
        ) from None
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise ExportError("export.unknown-encoding", encoding=repr(encoding), hint=hint) from None


def encode_text(data: ExportInput, *, utf8: bool = False) -> bytes:
    """The corrected text as the bytes of a file like the source (or UTF-8, no BOM).

    UTF-16 gets its byte-order mark back even if the source was forced
    without one: the loader only recognizes UTF-16 by that mark.
    """
    text = corrected_text(data)
    if utf8 or data.source_encoding in _DOCUMENTS:  # a document's or a scan's text: UTF-8
        return _encode(text, "utf-8", suggest_utf8=False)
    return _encode(text, data.source_encoding, suggest_utf8=True)


def write_text(data: ExportInput, path: StrPath, *, utf8: bool = False) -> None:
    write_atomic(path, encode_text(data, utf8=utf8), data)


# -- files ------------------------------------------------------------------------


def write_atomic(path: StrPath, payload: bytes, data: ExportInput) -> None:
    """Write ``payload`` to ``path`` completely or not at all.

    Never onto the project or one of its texts, and never over anything but
    a regular file (app/project/paths.py): :class:`OutputError` says why.

    The temporary file is created with the usual permissions (``0o666`` less
    the umask, not ``mkstemp``'s private ``0o600``) and takes on those of a
    file it replaces, so an export that others read stays readable to them.
    """
    target = os.fspath(path)
    try:
        check_output(target, data.owned())
    except OutputError as exc:
        raise ExportError(exc.message) from None
    folder = os.path.dirname(os.path.abspath(target))
    temp = os.path.join(folder, f".{os.path.basename(target)}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(temp, flags, 0o666)
    except OSError as exc:
        raise ExportError("export.cannot-write", path=quoted(target), reason=_reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            info = os.stat(target)
            if stat.S_ISREG(info.st_mode):
                os.chmod(temp, stat.S_IMODE(info.st_mode))
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            why = _reason(exc)
            raise ExportError("export.cannot-write", path=quoted(target), reason=why) from None
        raise


def _reason(exc: OSError) -> str | Message:
    if isinstance(exc, FileNotFoundError):
        return message("reason.no-such-folder")  # the file itself is about to be created
    return lowered_os_reason(exc)


# -- CSV --------------------------------------------------------------------------


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP, "CSV injection")."""


def inert(cell: str) -> str:
    """A cell no spreadsheet evaluates: a ``'`` in front of one that starts like a formula.

    A cell already starting with ``'`` gets one too, so the rule can be undone
    exactly: drop one leading ``'`` from every cell that has one
    (docs/faults.md).
    """
    return "'" + cell if cell.startswith((*FORMULA_STARTS, "'")) else cell


def write_csv(data: ExportInput, path: StrPath) -> None:
    """One row per locus, in UTF-8 with a BOM: without it Excel reads Chinese as mojibake.

    ``#`` numbers the loci in source order as the window's table and the report
    do (it changes when a re-collation adds or drops one); ``id`` is the
    locus's permanent id, the one ``jiaokan decide`` takes.
    A ``reading:<id>`` cell is empty both where the witness agrees and where
    it omits the passage; the ``kind:<id>`` columns (empty where the witness
    agrees) tell the two apart.  The column ``within`` is the id of the
    locus this one lies inside (another copy's longer divergence), if any;
    the last two, ``check`` and ``reason``, hold what a check of the source
    alone proposes there and why (empty where no check found anything).
    Text cells go through :func:`inert`, so that a reading such as
    ``=HYPERLINK(...)`` stays text.
    """
    ids = [w.id for w in data.witnesses]
    lines = LineIndex(data.source_text)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    head = ["#", "id", "start", "end", "line", "column", "kind", "class", "source"]
    tail = ["status", "witness", "chosen", "note", "decided_at"]
    titles = head + [f"reading:{w}" for w in ids] + tail + [f"kind:{w}" for w in ids]
    # the source checks' proposed fix and its reason: the last two columns
    writer.writerow([inert(c) for c in [*titles, "within", "check", "reason"]])
    for n, locus in enumerate(ordered_loci(data), 1):
        d = locus.decision
        where = [n, locus.id, locus.start, locus.end, *lines.line_col(locus.start)]
        readings = [locus.readings.get(w, "") for w in ids]
        chosen = "" if d.reading is None else d.reading
        decision = [d.status, d.witness or "", chosen, d.note, d.decided_at]
        kinds = [locus.kinds.get(w, locus.kind) if w in locus.readings else "" for w in ids]
        cls = CLASS_LABELS_ZH.get(locus.cls, locus.cls)  # an editor's term, as the window's
        row = [*where, locus.kind, cls, locus.source_text, *readings, *decision, *kinds]
        row.append("" if locus.within is None else locus.within)
        row += [locus.readings.get(CHECK_WITNESS, ""), locus.message]
        writer.writerow([inert(c) if isinstance(c, str) else c for c in row])
    write_atomic(path, out.getvalue().encode("utf-8-sig", "backslashreplace"), data)


# -- the HTML report --------------------------------------------------------------

_CSS = """
:root{--accepted:#00704f;--edited:#0b5cad;--rejected:#6b6b6b;--open:#b35900;--del:#b3261e}
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",STSong,SimSun,
  "Noto Serif CJK TC","Source Han Serif TC",serif;color:#1a1a1a;background:#fff;
  max-width:62em;margin:2em auto;padding:0 1.5em;line-height:1.7}
h1{font-size:1.6em;margin:0 0 .2em}
h2{font-size:1.2em;margin:2em 0 .6em;border-bottom:1px solid #999;padding-bottom:.2em}
.sub{color:#555;margin:0 0 1em}
code{font:.85em ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.meta{border-collapse:collapse}.meta ul{margin:0;padding:0;list-style:none}
.meta th{text-align:left;padding:.15em 1em .15em 0;vertical-align:top;white-space:nowrap}
.count{display:inline-block;margin-right:1.2em;white-space:nowrap}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.12em;line-height:2.2;
  border:1px solid #ccc;padding:1em 1.2em}
ins{text-decoration:none;border-bottom:2px solid var(--accepted);color:var(--accepted)}
.edited ins{border-bottom-color:var(--edited);color:var(--edited)}
del{text-decoration:line-through;text-decoration-color:var(--del);color:var(--del)}
.open{border-bottom:1px dashed var(--open)}
sup.ref{font:600 .6em/0 system-ui,sans-serif;vertical-align:super;margin:0 .1em}
sup.ref a{color:var(--accepted);text-decoration:none}sup.edited a{color:var(--edited)}
sup.open a{color:var(--open)}sup.rejected a,sup.kept a{color:var(--rejected)}
.app{border-collapse:collapse;width:100%;font-size:.9em}
.app th,.app td{border:1px solid #bbb;padding:.3em .45em;vertical-align:top;text-align:left}
.app thead th{border-bottom:2px solid #333;font:.85em system-ui,sans-serif;font-weight:600}
.rd,.note{white-space:pre-wrap;overflow-wrap:anywhere}.rd{min-width:3.2em}.note{min-width:8em}
.num,.pos,.time,.st,.kind{font:.85em system-ui,sans-serif;font-variant-numeric:tabular-nums}
.num,.pos{white-space:nowrap}.time{min-width:6em}
.same,.nil,.br{color:#888}.chosen{font-weight:700;text-decoration:underline}
.wk{display:block;color:#666;font:.75em system-ui,sans-serif;white-space:nowrap}
.reason{display:block;color:#444;font:.75em system-ui,sans-serif}
.why{color:var(--open);font:.7em system-ui,sans-serif;margin:0 .2em}
.st b{display:inline-block;border:1px solid;border-radius:3px;padding:0 .3em}
.st .accepted{color:var(--accepted)}.st .edited{color:var(--edited)}
.st .rejected{color:var(--rejected)}.st .undecided{color:var(--open)}
a{color:inherit}:target{outline:2px solid #e69f00}
@page{size:A4;margin:16mm 14mm}
@page wide{size:A4 landscape}
@media print{
  body{max-width:none;margin:0;padding:0;font-size:10.5pt}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  a{text-decoration:none}.text{border:none;padding:0}.app{font-size:8.5pt}
  thead{display:table-header-group}
  tr,td,th{break-inside:avoid;page-break-inside:avoid}
  h1,h2{break-after:avoid;page-break-after:avoid}
  section.wide{page:wide}
}
"""


_PORTRAIT_WITNESSES = 3
"""Most witness columns an A4 portrait page holds with readable cells."""


def _cell(text: str) -> str:
    """A reading in a table cell: visible line breaks (as in the window), nothing as ∅."""
    if not text:
        return '<span class="nil">∅</span>'
    return escape(LINE_BREAK.sub("⏎\n", text)).replace("⏎", '<span class="br">⏎</span>')


def _short(text: str, limit: int = 60) -> str:
    flat = LINE_BREAK.sub("⏎", text) or "∅"
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _tooltip(n: int, locus: ExportLocus, new: str) -> str:
    d = locus.decision
    if d.status == "undecided":
        readings = "; ".join(f"{w}: {_short(r)}" for w, r in locus.readings.items())
        tip = f"#{n} undecided: {_short(locus.source_text)} | {readings}"
    else:
        who = f" ({d.witness})" if d.witness else ""
        tip = f"#{n} {d.status}{who}: {_short(locus.source_text)} → {_short(new)}"
    return tip + (f"\n{d.note}" if d.note else "")


def _mark(n: int, locus: ExportLocus, new: str) -> str:
    """One locus in the running text: the change, or a light mark for an open question.

    A trailing line break goes after the locus number, which would otherwise
    start the next line, far from the place it numbers.
    """
    status = locus.decision.status
    old = locus.source_text
    changed = status in ("accepted", "edited") and new != old
    cls = status if changed or status != "accepted" else "kept"
    title = escape(_tooltip(n, locus, new))
    ref = f'<sup class="ref {cls}"><a href="#a{n}">{n}</a></sup>'
    shown, tail = _split_tail(new if changed else old)
    if changed:
        parts = f"<del>{escape(LINE_BREAK.sub('⏎', old))}</del>" if old else ""
        if new:
            marked = LINE_BREAK.sub(lambda m: "⏎" + m.group(), shown) + ("⏎" if tail else "")
            parts += f"<ins>{escape(marked)}</ins>"
        return f'<span class="change {cls}" id="t{n}" title="{title}">{parts}</span>{ref}{tail}'
    if not shown:
        return ref.replace("<sup ", f'<sup id="t{n}" title="{title}" ', 1) + tail
    span_cls = "open" if status == "undecided" else cls
    why = _check_note(locus) if status == "undecided" else ""
    return (
        f'<span class="{span_cls}" id="t{n}" title="{title}">{escape(shown)}</span>{ref}{why}{tail}'
    )


def _check_note(locus: ExportLocus) -> str:
    """A check's proposed fix and its reason, written in the running text: 〔→ 厉 · why〕."""
    if CHECK_WITNESS not in locus.readings:
        return ""
    fix = LINE_BREAK.sub("⏎", locus.readings[CHECK_WITNESS]) or "∅"
    reason = f" · {escape(locus.message)}" if locus.message else ""
    return f'<span class="why">〔→ {escape(fix)}{reason}〕</span>'


def _split_tail(text: str) -> tuple[str, str]:
    match = _TAIL.search(text)
    return (text[: match.start()], match.group()) if match else (text, "")


def _counts(loci: list[ExportLocus]) -> tuple[str, str]:
    statuses = Counter(locus.decision.status for locus in loci)
    kinds = Counter(locus.kind for locus in loci)
    order = [*KINDS, *sorted(set(kinds) - set(KINDS))]
    per_status = "".join(
        f'<span class="count st"><b class="{s}">{s}</b> {statuses[s]}</span>' for s in STATUSES
    )
    per_kind = "".join(
        f'<span class="count">{escape(k)} {kinds[k]}</span>' for k in order if kinds[k]
    )
    return per_status, per_kind or "—"


def _header(data: ExportInput, loci: list[ExportLocus], exported_at: str) -> str:
    witnesses = "".join(
        f"<li><b>{escape(w.id)}</b> <code>{escape(w.path)}</code> ({escape(w.encoding)})</li>"
        for w in data.witnesses
    )
    per_status, per_kind = _counts(loci)
    rules = ", ".join(escape(r) for r in data.rules) or "none (exact comparison)"
    rows = (
        ("Source", f"<code>{escape(data.source_path)}</code> ({escape(data.source_encoding)})"),
        ("Witnesses", f"<ul>{witnesses}</ul>" if witnesses else "none"),
        ("Ignored", rules),
        ("Divergences", f'<span class="count">total {len(loci)}</span>{per_status}'),
        ("Kinds", per_kind),
        ("Exported", escape(_when(exported_at))),
    )
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return (
        f"<header><h1>{escape(_title(data))}</h1>"
        f'<p class="sub">Collation report · 校勘记</p><table class="meta">{body}</table></header>'
    )


def _title(data: ExportInput) -> str:
    return data.title.strip() or os.path.basename(data.source_path) or "Untitled"


def _when(stamp: str) -> str:
    """ISO 8601 as people read it: 2024-05-01 08:12:33 UTC."""
    return stamp.replace("T", " ").replace("+00:00", " UTC")


def _row(n: int, locus: ExportLocus, lines: LineIndex, ids: list[str], within: int | None) -> str:
    d = locus.decision
    line, column = lines.line_col(locus.start)
    # a locus inside another copy's longer one names it: "3 ⊂ 2"
    inside = "" if within is None else f' <a class="in" href="#a{within}">⊂ {within}</a>'
    cells = [
        f'<td class="num"><a href="#t{n}" title="id {locus.id}">{n}</a>{inside}</td>',
        f'<td class="pos">{line}:{column}</td>',
        f'<td class="rd">{_cell(locus.source_text)}</td>',
    ]
    for w in ids:
        if w not in locus.readings:
            cells.append('<td class="rd"><span class="same">=</span></td>')
            continue
        text = _cell(locus.readings[w])
        if d.witness == w and d.status == "accepted":
            text = f'<span class="chosen">{text}</span>'
        kind = locus.kinds.get(w, locus.kind)
        if kind != locus.kind:
            text += f'<span class="wk">{escape(kind)}</span>'
        cells.append(f'<td class="rd">{text}</td>')
    who = f"<br>{escape(d.witness)}" if d.witness else ""
    chosen = "" if d.reading is None or d.status == "undecided" else _cell(d.reading)
    cells += [
        f'<td class="kind">{escape(locus.kind)}{_class_html(locus)}</td>',
        f'<td class="st"><b class="{d.status}">{d.status}</b>{who}</td>',
        f'<td class="rd">{chosen}</td>',
        f'<td class="note">{escape(d.note)}</td>',
        f'<td class="time">{escape(_when(d.decided_at))}</td>',
    ]
    return f'<tr id="a{n}" class="{d.status}">{"".join(cells)}</tr>'


def _class_html(locus: ExportLocus) -> str:
    if not locus.cls:
        return ""
    from app.classes.classify import CLASS_LABELS_ZH

    label = CLASS_LABELS_ZH.get(locus.cls, locus.cls)
    why = f'<span class="reason">{escape(locus.message)}</span>' if locus.message else ""
    return f'<br><span class="cls">{escape(label)}</span>{why}'


def render_report(data: ExportInput, *, exported_at: str | None = None) -> str:
    """The whole report as one HTML document (``exported_at`` defaults to now)."""
    loci = ordered_loci(data)
    text = "".join(
        escape(piece) if locus is None else _mark(n, locus, piece)
        for n, locus, piece in corrected_segments(data)
    )
    ids = [w.id for w in data.witnesses]
    paths = {w.id: w.path for w in data.witnesses}
    if CHECK_WITNESS not in ids and any(CHECK_WITNESS in locus.readings for locus in loci):
        ids.append(CHECK_WITNESS)  # the checks' proposed fixes, a column like a copy's
        paths[CHECK_WITNESS] = "the source checked on its own"
    heads = "".join(f'<th title="{escape(paths[w])}">{escape(w)}</th>' for w in ids)
    lines = LineIndex(data.source_text)
    row_of = {locus.id: n for n, locus in enumerate(loci, 1)}
    rows = "".join(
        _row(n, locus, lines, ids, None if locus.within is None else row_of.get(locus.within))
        for n, locus in enumerate(loci, 1)
    )
    table = (
        '<table class="app"><thead><tr><th>#</th><th>Line:col</th><th>Source</th>'
        f"{heads}<th>Kind</th><th>Decision</th><th>Chosen</th><th>Note</th><th>Decided</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
        if loci
        else "<p>No divergences.</p>"
    )
    title = escape(_title(data))
    wide = " wide" if len(ids) > _PORTRAIT_WITNESSES else ""  # printed in landscape
    # Line breaks in the document are "\n" whatever the source used: HTML
    # parsers fold "\r\n" and "\r" into "\n" anyway, and a lone "\r" in the
    # file would confuse tools that read it line by line.
    return LINE_BREAK.sub(
        "\n",
        '<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} — collation report</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{_header(data, loci, exported_at or now())}\n"
        f'<section class="corrected"><h2>Corrected text</h2><div class="text">{text}</div>'
        f'</section>\n<section class="apparatus{wide}"><h2>Apparatus</h2>{table}</section>\n'
        f"{_error_rate_html(data, row_of)}\n"
        "</body>\n</html>\n",
    )


def _error_rate_html(data: ExportInput, row_of: dict[int, int]) -> str:
    """The error rate (差错率) of the decided corrections, with each one's weight and rule."""
    from app.classes.classify import CLASS_LABELS_ZH
    from app.classes.errorrate import RULES
    from app.project.quality import project_error_rate

    rate = project_error_rate(data)
    rows = "".join(
        f'<tr><td class="num"><a href="#a{row_of.get(i.correction.id, 0)}">'
        f"{row_of.get(i.correction.id, '')}</a></td>"
        f'<td class="rd">{_cell(i.correction.source_text)}</td>'
        f'<td class="rd">{_cell(i.correction.reading)}</td>'
        f"<td>{escape(CLASS_LABELS_ZH.get(i.correction.cls, i.correction.cls))}</td>"
        f"<td>{i.weight:g}</td><td>{escape(RULES[i.rule].clause)}</td></tr>"
        for i in rate.items
    )
    table = (
        '<table class="app"><thead><tr><th>#</th><th>Source</th><th>Corrected</th>'
        f"<th>Class</th><th>Errors</th><th>Rule</th></tr></thead><tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    summary = (
        f"<p>{rate.characters} characters (without whitespace), {rate.errors:g} errors: "
        f"<b>{rate.per_10k:.2f}</b> per 10,000 · <b>{rate.verdict}</b> "
        "(by 《图书质量管理规定》: at most 1 per 10,000 qualifies)</p>"
    )
    return f'<section class="quality"><h2>Error rate · 差错率</h2>{summary}{table}</section>'


def write_report(data: ExportInput, path: StrPath) -> None:
    # A lone surrogate cannot come from a decoded file; should one slip in,
    # a character reference shows it as U+FFFD instead of failing the export.
    write_atomic(path, render_report(data).encode("utf-8", "xmlcharrefreplace"), data)
