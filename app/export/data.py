"""What every export reads and how it writes: a project's texts, loci and decisions
(:class:`ExportInput`), the loci in the order the corrected text applies them, and a file
written whole or not at all, never onto the project or one of its texts."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass, replace

from app.collation.loci import Locus, ReadsLocus, arrival, departure, moved_text, overlapping
from app.messages import Message, MessageError, lowered_os_reason, message, quoted
from app.store.decisions import Decision, Status
from app.store.paths import OutputError, Owned, check_output, project_files, text_files

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
    return in_order(data.source_text, data.loci)


def in_order(source_text: str, loci: Iterable[ExportLocus]) -> list[ExportLocus]:
    """:func:`ordered_loci` of these loci over ``source_text`` (the window's corrected
    text, which has no project's other data at hand)."""
    loci = sorted(loci, key=lambda locus: (locus.start, locus.end))  # stable
    for n, locus in enumerate(loci, 1):
        if not 0 <= locus.start <= locus.end <= len(source_text):
            raise ExportError("export.overlap", n=str(n))
        if source_text[locus.start : locus.end] != locus.source_text:
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


# -- files ------------------------------------------------------------------------


def write_atomic(path: StrPath, payload: bytes, data: ExportInput) -> None:
    """Write ``payload`` to ``path`` completely or not at all.

    Never onto the project or one of its texts, and never over anything but
    a regular file (app/store/paths.py): :class:`OutputError` says why.

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
