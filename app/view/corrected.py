"""The corrected text as decided so far, patched after each decision (the Corrected text tab).

Built from the same pieces as the exported text (:mod:`app.export.text`), so the
tab shows what File ▸ Export will write: the source's line endings, every
insertion at a point in its order, the loci :func:`~app.export.data.in_text`
picks where they overlap, a pair's undecided half following the other, a
moved passage with its edits.  What one locus reads there depends only on the
loci linked to it — those it crosses, those of the same move, the other half
of its pair — so the loci fall into *groups*, and a decision works out again
only its loci's groups and patches the text where their pieces changed
(:class:`Edit`); a 1M-character text is never joined again, and the pane
showing it replaces a few characters instead of all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from app.collation.loci import Locus, overlapping
from app.export.data import ExportError, ExportLocus, applied, in_order, in_text
from app.export.text import chosen, line_ending
from app.store.decisions import Decision


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``start``..``end`` of the text with ``text`` (code points)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Place:
    """Where a locus stands in the corrected text, and whether its decision changed it
    there (drawn as a change, kind ``decided``)."""

    start: int
    end: int
    changed: bool


class _Inconsistent(Exception):
    """A patch would not fit the text: it is built whole instead (never seen; a guard)."""


class CorrectedText:
    """The corrected text of ``loci`` over ``source``, as ``decision`` decides them."""

    def __init__(
        self, source: str, loci: Sequence[Locus], decision: Callable[[int], Decision]
    ) -> None:
        self.source = source
        self._decision = decision
        self._eol = line_ending(source)
        try:
            ordered = in_order(source, (ExportLocus(loc, decision(loc.id)) for loc in loci))
        except ExportError:  # loci that do not fit the source: it stands as it is
            ordered = []
        self._loci = ordered
        self._index = {x.locus.id: k for k, x in enumerate(ordered)}
        self._group = _groups(ordered)
        self._members: dict[int, list[int]] = {}
        for k, g in enumerate(self._group):
            self._members.setdefault(g, []).append(k)
        self._pieces: list[str | None] = [None] * len(ordered)
        """What each locus puts in the text, None where it does not stand in it."""
        self._changed = [False] * len(ordered)
        for members in self._members.values():
            self._work_out(members)
        self.text = self._join()
        self._shifts = _Sums([])
        self._shown: set[int] = set()
        self._count_shifts()

    # -- reading ---------------------------------------------------------------------------

    def place(self, locus_id: int) -> Place | None:
        """Where the locus stands in the text, None where it does not stand in it (inside
        another one that does)."""
        k = self._index.get(locus_id)
        return None if k is None else self._place(k)

    def changed_places(self) -> dict[int, Place]:
        """The places of the loci whose decision changed the text there (drawn as changes),
        by id: as many as were decided so, not a walk over every locus."""
        places = {self._loci[k].locus.id: self._place(k) for k in sorted(self._shown)}
        return {i: p for i, p in places.items() if p is not None}

    def places(self) -> dict[int, Place]:
        """Every standing locus's place, laid out from the pieces' lengths in one walk."""
        places: dict[int, Place] = {}
        pos = last = 0
        for k, (x, piece) in enumerate(zip(self._loci, self._pieces, strict=True)):
            if piece is None:
                continue
            if x.start > last:
                pos += x.start - last
            places[x.locus.id] = Place(pos, pos + len(piece), self._changed[k])
            pos += len(piece)
            last = x.end
        return places

    def _place(self, k: int) -> Place | None:
        piece = self._pieces[k]
        if piece is None:
            return None
        start = self._loci[k].start + self._shifts.before(k)
        return Place(start, start + len(piece), self._changed[k])

    # -- deciding --------------------------------------------------------------------------

    def update(self, locus_ids: Iterable[int]) -> list[Edit] | None:
        """The decisions of ``locus_ids`` changed: work their groups out again and return
        the edits that bring :attr:`text` up to date, in the order to apply them (each
        in the text as the previous ones left it).  None when the text was built whole
        again instead (a guard that never fires; the caller shows :attr:`text` anew)."""
        groups = {self._group[self._index[i]] for i in locus_ids if i in self._index}
        if not groups:
            return []
        old = list(self._pieces)
        for g in groups:
            members = self._members[g]
            for k in members:
                x = self._loci[k]
                self._loci[k] = ExportLocus(x.locus, self._decision(x.locus.id))
            self._work_out(members)
        members = sorted(k for g in groups for k in self._members[g])
        changed = [k for k in members if old[k] != self._pieces[k]]
        try:
            edits = self._edits(old, changed)  # placed by the shifts as they were
        except _Inconsistent:
            self.text = self._join()
            self._count_shifts()
            return None
        for edit in edits:
            self.text = self.text[: edit.start] + edit.text + self.text[edit.end :]
        for k in changed:
            self._shifts.add(k, self._shift(k, self._pieces[k]) - self._shift(k, old[k]))
        for k in members:
            if self._changed[k]:
                self._shown.add(k)
            else:
                self._shown.discard(k)
        return edits

    # -- the pieces --------------------------------------------------------------------------

    def _work_out(self, members: list[int]) -> None:
        """The pieces of one group, as the export works them out for all loci."""
        loci = [self._loci[k] for k in members]
        try:
            taken = applied(loci)
        except ExportError:  # one half of a pair accepted, the other rejected: as recorded
            taken = loci
        for k, locus, stands in zip(members, taken, in_text(taken), strict=True):
            piece = chosen(locus, self._eol) if stands else None
            self._pieces[k] = piece
            reading = locus.decision.reading
            self._changed[k] = (
                piece is not None and reading is not None and piece != locus.source_text
            )

    def _join(self) -> str:
        parts: list[str] = []
        last = 0
        for x, piece in zip(self._loci, self._pieces, strict=True):
            if piece is None:
                continue
            if x.start > last:
                parts.append(self.source[last : x.start])
            parts.append(piece)
            last = x.end
        parts.append(self.source[last:])
        return "".join(parts)

    def _count_shifts(self) -> None:
        """How far each standing locus moves the text after it, summed as they change: a
        locus's place is its start in the source plus the shifts of those before it, so a
        decision at 1M places nothing anew (laying out 20,000 places after every decision
        held the window's thread 15-35 ms)."""
        self._shifts = _Sums([self._shift(k, p) for k, p in enumerate(self._pieces)])
        self._shown = {k for k, changed in enumerate(self._changed) if changed}

    def _shift(self, k: int, piece: str | None) -> int:
        """What ``piece`` in locus ``k``'s place adds to the length of the text; nothing
        where the locus does not stand in it (None)."""
        if piece is None:
            return 0
        x = self._loci[k]
        return len(piece) - (x.end - x.start)

    def _edits(self, old: Sequence[str | None], changed: list[int]) -> list[Edit]:
        """The patches from the text ``old`` made to the text the pieces make now: one per
        run of changed loci whose spans overlap, last first (so each stands where the text
        before it left it)."""
        runs: list[list[int]] = []
        end = -1
        for k in changed:
            x = self._loci[k]
            if runs and x.start < end:
                runs[-1].append(k)
                end = max(end, x.end)
            else:
                runs.append([k])
                end = x.end
        edits = []
        for run in reversed(runs):
            first, last = run[0], run[-1]
            start = self._loci[first].start
            stop = max(
                self._loci[k].end
                for k in range(first, last + 1)
                if old[k] is not None or self._pieces[k] is not None
            )
            before = self._text_between(old, first, last, start, stop)
            after = self._text_between(self._pieces, first, last, start, stop)
            at = start + self._shifts.before(first)
            edits.append(Edit(at, at + len(before), after))
        return edits

    def _text_between(
        self, pieces: Sequence[str | None], first: int, last: int, start: int, stop: int
    ) -> str:
        """The text from source offset ``start`` to ``stop`` with the pieces of loci
        ``first``..``last`` that stand in it."""
        parts: list[str] = []
        cursor = start
        for k in range(first, last + 1):
            piece = pieces[k]
            if piece is None:
                continue
            x = self._loci[k]
            if x.start < cursor or x.end > stop:
                raise _Inconsistent
            parts.append(self.source[cursor : x.start])
            parts.append(piece)
            cursor = x.end
        parts.append(self.source[cursor:stop])
        return "".join(parts)


def _groups(loci: Sequence[ExportLocus]) -> list[int]:
    """Each locus's group: the loci it crosses, those of its move (where the passage left,
    where it arrived, the edits inside it) and the other half of its pair, transitively."""
    parent = list(range(len(loci)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for k, others in enumerate(overlapping(loci)):
        for j in others:
            join(k, j)
    first_of: dict[tuple[str, int], int] = {}
    for k, x in enumerate(loci):
        keys = [("move", x.move_id)] if x.move_id is not None else []
        if x.in_move is not None:
            keys.append(("move", x.in_move))
        if x.pair is not None:
            keys.append(("pair", x.pair))
        for key in keys:
            if key in first_of:
                join(k, first_of[key])
            else:
                first_of[key] = k
    return [root(k) for k in range(len(loci))]


class _Sums:
    """Sums of the first k of a list of numbers, each number changed at will: a Fenwick
    tree, both in log(n) steps."""

    def __init__(self, values: Sequence[int]) -> None:
        tree = [0, *values]
        for i in range(1, len(tree)):
            parent = i + (i & -i)
            if parent < len(tree):
                tree[parent] += tree[i]
        self._tree = tree

    def add(self, k: int, delta: int) -> None:
        """The ``k``-th number (from 0) grows by ``delta``."""
        tree = self._tree
        i = k + 1
        while i < len(tree):
            tree[i] += delta
            i += i & -i

    def before(self, k: int) -> int:
        """The sum of the numbers before the ``k``-th."""
        tree = self._tree
        total = 0
        while k > 0:
            total += tree[k]
            k -= k & -k
        return total
