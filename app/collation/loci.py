"""What a collation is made of: loci over the source, one witness's regions, alignments.

The types every later stage reads (classes, projects, the window), kept apart
from the code that computes them so that reading a locus never imports the
aligner.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Protocol, TypeVar

from app.collation.agreement import Agreement
from app.text.offsets import OffsetMap

KINDS = ("substitution", "insertion", "deletion", "transposition", "duplication", "move")
"""Every kind of divergence, in the order the window lists them; the one owner of the names."""


@dataclass(frozen=True)
class Region:
    """One witness's difference, in normalized coordinates (``a`` the source)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    kind: str = ""
    move_id: int | None = None


@dataclass(frozen=True)
class Locus:
    """A place in the source where at least one witness reads differently.

    ``start``/``end`` are code-point offsets into the source as decoded
    (equal for an insertion point); ``readings`` holds the original text of
    each witness that differs here, keyed by witness id.
    """

    start: int
    end: int
    source_text: str
    readings: dict[str, str]
    kind: str
    kinds: dict[str, str] = field(default_factory=dict)
    move_id: int | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Where each differing witness's reading stands in that witness's text."""
    agreement: Agreement | None = None
    """With two or more variants: the reading most copies share."""
    classes: dict[str, str] = field(default_factory=dict)
    """The proofreader's class of each differing witness's reading (app.classes.classify)."""
    message: str = ""
    """What a check of the source alone found here (witness ``check``)."""
    id: int = 0
    """The locus's permanent id in a project (app.project), 0 outside one.

    Carried by the locus itself, so nothing keeps a list of ids in step with
    a list of loci; a fresh collation has none until a project places it.
    """
    parent: int | None = None
    """The index, in the same collation's ``loci``, of the innermost locus enclosing this one.

    With several witnesses each keeps its own divergences, so one copy's
    one-character locus may lie inside another copy's long one (a lacking
    paragraph); an edit inside a moved passage lies in the move where it
    arrived; ``None`` at the top level.  Derived from the spans and
    :attr:`in_move` (:func:`nest`), so the project file stores nothing for it.
    """
    in_move: int | None = None
    """The :attr:`move_id` of the moved passage this edit lies inside, if it does.

    A copy that moved a paragraph and changed a character in it on the way
    has one move (where the paragraph left, ``start``..``end`` with an empty
    reading, and where it arrived, an insertion point reading the paragraph
    as the source has it) and, for the change, a locus over the source's
    characters it changes (inside the span the paragraph left) with this
    field set.  The change applies to the paragraph wherever it stands in
    the corrected text: where it arrived when the move is accepted, where it
    was when not.  So accepting the move and its inner edits rebuilds the
    copy, and rejecting the move while accepting an inner edit corrects the
    paragraph in its old place.
    """
    pair: int | None = None
    """An id shared with the locus of the other half of a pair of marks changed alike.

    A copy that puts a phrase in brackets has two insertions, （ and ）, far
    apart; deciding one without the other would leave the brackets
    mismatched, so a project decides the halves together (app.project) and
    an export never applies one half alone.
    """

    @property
    def cls(self) -> str:
        """The class of the first differing witness (as ``kind`` is its kind)."""
        return next(iter(self.classes.values()), "")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "source_text": self.source_text,
            "readings": dict(self.readings),
            "kind": self.kind,
            "kinds": dict(self.kinds),
            "spans": {w: list(span) for w, span in self.spans.items()},
        }
        if self.classes:
            out["class"] = self.cls
            out["classes"] = dict(self.classes)
        if self.message:
            out["message"] = self.message
        if self.move_id is not None:
            out["move_id"] = self.move_id
        if self.parent is not None:
            out["parent"] = self.parent
        if self.in_move is not None:
            out["in_move"] = self.in_move
        if self.pair is not None:
            out["pair"] = self.pair
        if self.agreement is not None:
            out["suggestion"] = self.agreement.to_json()
            out["likely_source_error"] = self.agreement.likely_source_error
        return out


def with_id(locus: Locus, locus_id: int) -> Locus:
    """``locus`` under ``locus_id``: a project names thousands of fresh loci at once, and
    ``dataclasses.replace`` (which re-runs ``__init__``) cost 0.1 s of that at 1M."""
    if locus.id == locus_id:
        return locus
    named: Locus = object.__new__(Locus)  # as evolve: copy.copy took 16 µs a locus
    fields_of = named.__dict__
    fields_of.update(locus.__dict__)
    fields_of["id"] = locus_id  # frozen: set once, on a fresh copy
    return named


class ReadsLocus:
    """A holder of a locus (kept in a project, exported with its decision) that reads the
    locus's own fields through rather than copying them: one locus type throughout."""

    locus: Locus

    @property
    def id(self) -> int:
        return self.locus.id

    @property
    def start(self) -> int:
        """Code-point offsets into the source text; ``end == start`` is an insertion point."""
        return self.locus.start

    @property
    def end(self) -> int:
        return self.locus.end

    @property
    def source_text(self) -> str:
        return self.locus.source_text

    @property
    def kind(self) -> str:
        return self.locus.kind

    @property
    def kinds(self) -> dict[str, str]:
        return self.locus.kinds

    @property
    def readings(self) -> dict[str, str]:
        return self.locus.readings

    @property
    def spans(self) -> dict[str, tuple[int, int]]:
        return self.locus.spans

    @property
    def move_id(self) -> int | None:
        return self.locus.move_id

    @property
    def in_move(self) -> int | None:
        """The move this edit lies inside (:attr:`Locus.in_move`)."""
        return self.locus.in_move

    @property
    def pair(self) -> int | None:
        """The id shared with the other half of a pair of marks (:attr:`Locus.pair`)."""
        return self.locus.pair

    @property
    def classes(self) -> dict[str, str]:
        return self.locus.classes

    @property
    def cls(self) -> str:
        """The proofreader's class (错字, 漏字, …) of the first differing reading."""
        return self.locus.cls

    @property
    def message(self) -> str:
        """What a check of the source alone found here."""
        return self.locus.message


@dataclass(frozen=True)
class WitnessAlignment:
    """How one witness lines up with the source, offset for offset.

    The window scrolls the two panes in step with it.  Mapping goes through
    the normalized texts, where outside the regions the two are equal
    character for character, so thousands of ignored line breaks between
    two divergences do not make the panes drift apart.
    """

    witness_id: str
    source_map: OffsetMap
    witness_map: OffsetMap
    regions: tuple[Region, ...]
    _a_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _b_starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._a_starts.extend(r.a_start for r in self.regions)
        self._b_starts.extend(r.b_start for r in self.regions)

    def to_witness(self, offset: int) -> int:
        """The witness offset that stands opposite source ``offset``."""
        n = self.source_map.to_normalized(offset)
        b = _across(n, self._a_starts, self.regions, forward=True)
        return self.witness_map.point_right(min(b, self.witness_map.normalized_length))

    def to_source(self, offset: int) -> int:
        """The source offset that stands opposite witness ``offset``."""
        n = self.witness_map.to_normalized(offset)
        a = _across(n, self._b_starts, self.regions, forward=False)
        return self.source_map.point_right(min(a, self.source_map.normalized_length))


def _across(n: int, starts: list[int], regions: Sequence[Region], *, forward: bool) -> int:
    k = bisect_right(starts, n) - 1
    if k < 0:
        return n
    r = regions[k]
    s0, e0, s1, e1 = (
        (r.a_start, r.a_end, r.b_start, r.b_end)
        if forward
        else (r.b_start, r.b_end, r.a_start, r.a_end)
    )
    if n < e0:
        return s1 + min(n - s0, e1 - s1)
    return e1 + (n - e0)


@dataclass(frozen=True)
class Collation:
    """The result of collating one source against its witnesses."""

    source: str
    witness_ids: tuple[str, ...]
    rules: tuple[str, ...]
    loci: tuple[Locus, ...]
    alignments: Mapping[str, WitnessAlignment] = field(default_factory=dict, compare=False)

    def rebuild(self, witness_id: str) -> str:
        """The source with every reading of one witness applied (the witness, up to the rules).

        A move's inner edits are applied to the paragraph where it arrived.
        """
        own = [loc for loc in self.loci if witness_id in loc.readings]
        parts: list[str] = []
        last = 0
        for locus in own:
            if locus.in_move is not None:
                continue  # applied where the move arrives
            reading = locus.readings[witness_id]
            if arrival(locus):
                reading = moved_text(reading, locus, own, lambda i: i.readings.get(witness_id))
            parts.append(self.source[last : locus.start])
            parts.append(reading)
            last = locus.end
        parts.append(self.source[last:])
        return "".join(parts)

    def count(self, witness_id: str) -> int:
        return sum(1 for locus in self.loci if witness_id in locus.readings)


class Moving(Protocol):
    """A locus as far as moves go: a fresh one, a stored one, an exported one."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def move_id(self) -> int | None: ...
    @property
    def in_move(self) -> int | None: ...
    @property
    def readings(self) -> dict[str, str]: ...


def departure(locus: Moving) -> bool:
    """Whether ``locus`` is where a moved passage left (its span, read as nothing)."""
    return locus.kind == "move" and locus.move_id is not None and locus.start < locus.end


def arrival(locus: Moving) -> bool:
    """Whether ``locus`` is where a moved passage arrived (a point, read as the passage)."""
    return locus.kind == "move" and locus.move_id is not None and locus.start == locus.end


def same_move(x: Moving, y: Moving) -> bool:
    """Whether one is an edit inside the passage whose departure the other is.

    The two overlap in the source but never conflict: the edit applies to
    the passage wherever it ends up (:attr:`Locus.in_move`).
    """
    return (x.in_move is not None and departure(y) and y.move_id == x.in_move) or (
        y.in_move is not None and departure(x) and x.move_id == y.in_move
    )


_M = TypeVar("_M", bound=Moving)


def moved_text(
    text: str, arrived: _M, loci: Sequence[_M], reading: Callable[[_M], str | None]
) -> str:
    """``text``, read where a passage ``arrived``, with the edits inside that move applied.

    ``reading(edit)`` is what each edit puts in (None: the edit is not applied).
    The arrival reads the passage as the source has it where it left, so an
    inner edit stands at its offset from the start of that departure.
    """
    left = next((d for d in loci if departure(d) and d.move_id == arrived.move_id), None)
    if left is None:
        return text
    inner = [i for i in loci if i.in_move is not None and i.in_move == arrived.move_id]
    for edit in sorted(inner, key=lambda i: (i.start, i.end), reverse=True):
        new = reading(edit)
        s, e = edit.start - left.start, edit.end - left.start
        if new is not None and 0 <= s <= e <= len(text):
            text = text[:s] + new + text[e:]
    return text


def touches(s: int, e: int, rs: int, re_: int) -> bool:
    """Overlap of two spans, where an empty span (insertion point) touching the other counts."""
    if rs < e and s < re_:
        return True
    if rs == re_ and s <= rs <= e:
        return True
    return s == e and rs <= s <= re_


def crosses(s: int, e: int, rs: int, re_: int) -> bool:
    """Whether two loci overlap: they share source text, or one's insertion point is inside.

    Unlike :func:`touches`, an insertion point at the edge of a span does not
    cross it: the insertion goes before or after the replaced text, so both
    can be applied.  Two insertions at one point never cross (at one point
    the readings of different witnesses are one locus).
    """
    if s < e and rs < re_:
        return rs < e and s < re_
    if s == e and rs < re_:
        return rs < s < re_
    if rs == re_ and s < e:
        return s < rs < e
    return False


def overlapping(loci: Sequence[Moving]) -> list[list[int]]:
    """For each locus, the indexes of the other loci it :func:`crosses` (a sweep, not all pairs).

    An edit inside a moved passage does not cross that move's departure
    (:func:`same_move`): they are decided together, never against each other.
    """
    order = sorted(range(len(loci)), key=lambda i: (loci[i].start, loci[i].end))
    out: list[list[int]] = [[] for _ in loci]
    active: list[int] = []
    for i in order:
        s, e = loci[i].start, loci[i].end
        active = [j for j in active if loci[j].end > s]
        for j in active:
            if crosses(loci[j].start, loci[j].end, s, e) and not same_move(loci[i], loci[j]):
                out[i].append(j)
                out[j].append(i)
        active.append(i)
    return out


def encloses(outer: Locus, inner: Locus) -> bool:
    """Whether ``inner`` lies inside ``outer`` (a longer locus it crosses)."""
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and outer.end - outer.start > inner.end - inner.start
        and crosses(outer.start, outer.end, inner.start, inner.end)
    )


def nest(loci: Sequence[Locus], crossing: Sequence[Sequence[int]] | None = None) -> list[Locus]:
    """The loci with each one's :attr:`Locus.parent` set: the innermost locus that encloses it,
    or, for an edit inside a moved passage, the move where it arrived.

    ``crossing`` is :func:`overlapping` of ``loci`` where the caller has it already.
    """
    if crossing is None:
        crossing = overlapping(loci)
    arrivals: dict[int, list[int]] = {}
    for i, loc in enumerate(loci):
        if arrival(loc) and loc.move_id is not None:
            arrivals.setdefault(loc.move_id, []).append(i)
    out = []
    for i, loc in enumerate(loci):
        if loc.in_move is not None and loc.in_move in arrivals:
            # the arrival of a copy that reads this edit, else the first
            at = arrivals[loc.in_move]
            parent: int | None = next(
                (j for j in at if loci[j].readings.keys() & loc.readings), at[0]
            )
        else:
            around = [j for j in crossing[i] if encloses(loci[j], loc)]
            parent = min(around, key=lambda j: (loci[j].end - loci[j].start, j)) if around else None
        out.append(loc if loc.parent == parent else evolve(loc, parent=parent))
    return out


def evolve(locus: Locus, **changes: Any) -> Locus:
    """``locus`` with ``changes`` to its fields: ``dataclasses.replace`` without its cost.

    ``replace`` runs ``__init__`` again, field by field through
    ``object.__setattr__`` (a frozen dataclass): some 9 µs a locus, a fifth
    of a second for the twenty thousand loci of five 1M-character variants,
    where copying the fields over takes one.  The changes must name fields.
    """
    unknown = changes.keys() - _LOCUS_FIELDS
    if unknown:
        raise TypeError(f"Locus has no field {sorted(unknown)[0]!r}")
    copied: Locus = object.__new__(Locus)
    fields_of = copied.__dict__
    fields_of.update(locus.__dict__)
    fields_of.update(changes)
    return copied


_LOCUS_FIELDS = frozenset(f.name for f in fields(Locus))
