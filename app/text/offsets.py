"""Offset maps: where each piece of a normalized text came from in the original.

Normalization deletes whitespace, folds ``……`` into one mark, converts
phrases whose length may change, and so on.  Alignment runs on the
normalized text, but every offset the engine reports must index the text as
decoded.  An :class:`OffsetMap` records the correspondence compactly: it is
the identity (with a running shift) everywhere except inside a sorted list
of *groups*, each an original span that became a normalized span as a whole.
A group cannot be split: a normalized span that cuts into one maps back to
the whole group, so a span is never mapped to half of ``頭髮`` or half of
``...``.

Storing only the groups (not one entry per character) keeps the maps of a
1M-character text small and makes composing two maps cost time in the number
of groups, not of characters.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Replacement = tuple[int, int, str]
"""``(start, end, text)``: ``original[start:end]`` became ``text``."""


@dataclass(frozen=True, slots=True)
class Group:
    """``original[o_start:o_end]`` became ``normalized[n_start:n_end]`` as a whole."""

    o_start: int
    o_end: int
    n_start: int
    n_end: int


@dataclass(frozen=True)
class OffsetMap:
    """Maps normalized positions and spans back to original code-point offsets.

    ``groups`` are sorted and disjoint in both coordinates; between them the
    two texts correspond character by character.
    """

    original_length: int
    normalized_length: int
    groups: tuple[Group, ...] = ()
    _n_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _n_ends: list[int] = field(default_factory=list, repr=False, compare=False)
    _o_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _o_ends: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._n_starts.extend(g.n_start for g in self.groups)
        self._n_ends.extend(g.n_end for g in self.groups)
        self._o_starts.extend(g.o_start for g in self.groups)
        self._o_ends.extend(g.o_end for g in self.groups)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(length, length)

    @classmethod
    def from_replacements(
        cls, original_length: int, replacements: Iterable[Replacement]
    ) -> OffsetMap:
        """Build the map of one rewriting pass.

        ``replacements`` are sorted, disjoint spans of the original; where a
        replacement keeps the length *and* stands for single characters, the
        caller may leave it out (a 1:1 character change keeps offsets).
        """
        groups: list[Group] = []
        shift = 0
        last_end = 0
        for start, end, text in replacements:
            if start < last_end or end < start:
                raise ValueError(f"replacements overlap or are unsorted at {start}")
            groups.append(Group(start, end, start + shift, start + shift + len(text)))
            shift += len(text) - (end - start)
            last_end = end
        return cls(original_length, original_length + shift, tuple(groups))

    # -- points ---------------------------------------------------------------

    def _shift_before(self, n: int) -> int:
        """original - normalized offset in the identity stretch containing ``n``."""
        k = bisect_right(self._n_ends, n) - 1
        # skip groups that end at n but start after an earlier identity stretch
        if k < 0:
            return 0
        return self._o_ends[k] - self._n_ends[k]

    def point_left(self, n: int) -> int:
        """Original offset of normalized boundary ``n``, before anything deleted there."""
        return self._point(n, left=True)

    def point_right(self, n: int) -> int:
        """Original offset of normalized boundary ``n``, after anything deleted there."""
        return self._point(n, left=False)

    def _point(self, n: int, *, left: bool) -> int:
        if not 0 <= n <= self.normalized_length:
            raise IndexError(n)
        # groups whose normalized span contains n strictly inside: map to group edge
        k = bisect_right(self._n_starts, n) - 1
        if k >= 0 and self._n_starts[k] < n < self._n_ends[k]:
            return self._o_start_if(left, k)
        # zero-length groups at n (deletions) and positive groups touching n
        lo = bisect_left(self._n_starts, n)
        hi = bisect_right(self._n_starts, n)
        zero = [i for i in range(lo, hi) if self._n_ends[i] == n]
        if zero:
            return self._o_starts[zero[0]] if left else self._o_ends[zero[-1]]
        if lo < len(self.groups) and self._n_starts[lo] == n:
            return self._o_starts[lo]
        return n + self._shift_before(n)

    def _o_start_if(self, left: bool, k: int) -> int:
        return self._o_starts[k] if left else self._o_ends[k]

    def enclosing_group(self, n: int) -> Group | None:
        """The group that normalized boundary ``n`` would cut, if any.

        A span whose edge cuts a group has no exact original counterpart, so
        the collation widens such spans to the group's edges.
        """
        k = bisect_right(self._n_starts, n) - 1
        if k >= 0 and self._n_starts[k] < n < self._n_ends[k]:
            return self.groups[k]
        return None

    # -- spans ----------------------------------------------------------------

    def span(self, n_start: int, n_end: int) -> tuple[int, int]:
        """Original span of the normalized span ``[n_start, n_end)``.

        A non-empty span covers exactly the original characters its
        characters came from: whitespace deleted at either edge is left out,
        and a group cut by the span is taken whole.  An empty span is an
        insertion point: it lands right after the previous kept character.
        """
        if n_start == n_end:
            p = self.point_left(n_start)
            return p, p
        if not 0 <= n_start < n_end <= self.normalized_length:
            raise IndexError((n_start, n_end))
        return self._char_start(n_start), self._char_end(n_end - 1)

    def _char_start(self, i: int) -> int:
        k = bisect_right(self._n_starts, i) - 1
        # a zero-length group at i lies before char i; skip back over such
        while k >= 0 and self._n_starts[k] == self._n_ends[k] == i:
            k -= 1
        if k >= 0 and self._n_starts[k] <= i < self._n_ends[k]:
            return self._o_starts[k]
        return i + self._shift_upto(i)

    def _char_end(self, i: int) -> int:
        k = bisect_right(self._n_starts, i) - 1
        while k >= 0 and self._n_starts[k] == self._n_ends[k] == i:
            k -= 1
        if k >= 0 and self._n_starts[k] <= i < self._n_ends[k]:
            return self._o_ends[k]
        return i + self._shift_upto(i) + 1

    def _shift_upto(self, i: int) -> int:
        """Shift of the identity character at normalized index ``i``."""
        # every group with n_end <= i lies before char i (zero-length ones too)
        k = bisect_right(self._n_ends, i)
        if k == 0:
            return 0
        return self._o_ends[k - 1] - self._n_ends[k - 1]

    def to_normalized(self, o: int) -> int:
        """Normalized boundary of original offset ``o`` (inside a group: the group's end).

        At an edge of a group, or between groups, the answer is exact; this is
        how a later pass's map is followed forward when two maps are composed.
        """
        if not 0 <= o <= self.original_length:
            raise IndexError(o)
        k = bisect_right(self._o_starts, o) - 1
        if k >= 0 and self._o_starts[k] < o < self._o_ends[k]:
            return self._n_ends[k]
        if k >= 0 and o >= self._o_ends[k]:
            return o - self._o_ends[k] + self._n_ends[k]
        if k >= 0 and o == self._o_starts[k]:
            return self._n_starts[k]
        return o

    # -- composition ----------------------------------------------------------

    def then(self, inner: OffsetMap) -> OffsetMap:
        """The map original -> final, where ``inner`` maps this map's normalized text on.

        Groups of the two passes that overlap in the middle text fuse into
        one group; a deletion sitting exactly at the edge of a group stays a
        group of its own, so deleted whitespace never widens a span.
        """
        if inner.original_length != self.normalized_length:
            raise ValueError("maps do not chain")
        if not self.groups:
            return inner
        if not inner.groups:
            return self
        # intervals in middle coordinates: (start, end, source) 0=self, 1=inner
        spans: list[tuple[int, int]] = [(g.n_start, g.n_end) for g in self.groups]
        spans += [(g.o_start, g.o_end) for g in inner.groups]
        spans.sort()
        clusters: list[list[int]] = []
        for s, e in spans:
            if clusters:
                cs, ce = clusters[-1]
                if s < ce or (s == e and cs < s < ce) or (s == cs == e == ce):
                    clusters[-1][1] = max(ce, e)
                    continue
            clusters.append([s, e])
        groups: list[Group] = []
        for s, e in clusters:
            if s == e:
                # a point in the middle: deletions of self at s, and/or inner deleting nothing
                lo = bisect_left(self._n_starts, s)
                zero = [
                    i
                    for i in range(lo, len(self.groups))
                    if self._n_starts[i] == s and self._n_ends[i] == s
                ]
                if not zero:
                    continue
                o_s, o_e = self._o_starts[zero[0]], self._o_ends[zero[-1]]
                n = inner.to_normalized(s)
                groups.append(Group(o_s, o_e, n, n))
                continue
            o_s = self.point_right(s)
            o_e = self.point_left(e)
            n_s = inner.to_normalized(s)
            n_e = inner.to_normalized(e)
            groups.append(Group(o_s, o_e, n_s, n_e))
        merged = _merge_touching_zero(groups)
        return OffsetMap(self.original_length, inner.normalized_length, tuple(merged))

    def check(self) -> None:
        """Raise if the groups are not sorted, disjoint and length-consistent."""
        shift = 0
        last_o = last_n = 0
        for g in self.groups:
            if g.o_start < last_o or g.n_start < last_n:
                raise AssertionError(f"unsorted group {g}")
            if g.o_start - last_o != g.n_start - last_n:
                raise AssertionError(f"identity stretch mismatch before {g}")
            shift += (g.o_end - g.o_start) - (g.n_end - g.n_start)
            last_o, last_n = g.o_end, g.n_end
        if self.original_length - last_o != self.normalized_length - last_n:
            raise AssertionError("identity tail mismatch")


def _merge_touching_zero(groups: Sequence[Group]) -> list[Group]:
    """Join zero-length groups that touch in the original (one deleted run)."""
    out: list[Group] = []
    for g in sorted(groups, key=lambda g: (g.n_start, g.o_start)):
        if out and out[-1].o_end == g.o_start and out[-1].n_end == g.n_start == g.n_end:
            prev = out[-1]
            if prev.n_start == prev.n_end:
                out[-1] = Group(prev.o_start, g.o_end, prev.n_start, prev.n_end)
                continue
        out.append(g)
    return out
