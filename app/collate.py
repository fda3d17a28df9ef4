"""Collation: a source and its witnesses become one list of loci a proofreader decides.

Each witness is normalized and aligned to the normalized source on its own;
its differences become *regions* (normalized coordinates), which are cleaned
up into the units an editor thinks in (a swap is one transposition, a
doubled character one duplication, a moved sentence a pair of moves), and
widened where an edge would cut a normalization group.  The regions of all
witnesses are then merged into loci over the source: overlapping readings
of different witnesses are one locus, since a proofreader decides a place
in the source once, choosing among all the readings there.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from app.agreement import Agreement, agreement
from app.align import Alignment, CancelCheck, Cancelled, align
from app.classify import classify
from app.normalize import ALL_RULES, Normalized, normalize
from app.offsets import OffsetMap

__all__ = ["KINDS", "Cancelled", "Collation", "Locus", "WitnessAlignment", "collate"]

KINDS = ("substitution", "insertion", "deletion", "transposition", "duplication", "move")

ProgressCallback = Callable[[float], None]

_SWAP_MAX = 8
"""Longest part (each side) of a swap reported as a transposition: a word, not a clause."""
_SWAP_MIDDLE = 2
"""Longest unchanged middle between two swapped parts (耐心和细心: 心和)."""
_SWAP_JOIN_GAP = 3
_CONTEXT = 30
"""Characters of source on each side that classification sees (sentence or paragraph?)."""
"""Equal characters two edits may have between them and still form one swap."""


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
    """The proofreader's class of each differing witness's reading (app.classify)."""
    message: str = ""
    """What a check of the source alone found here (witness ``check``)."""

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
        if self.agreement is not None:
            out["suggestion"] = self.agreement.to_json()
            out["likely_source_error"] = self.agreement.likely_source_error
        return out


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
        """The source with every reading of one witness applied (the witness, up to the rules)."""
        parts: list[str] = []
        last = 0
        for locus in self.loci:
            if witness_id not in locus.readings:
                continue
            parts.append(self.source[last : locus.start])
            parts.append(locus.readings[witness_id])
            last = locus.end
        parts.append(self.source[last:])
        return "".join(parts)

    def count(self, witness_id: str) -> int:
        return sum(1 for locus in self.loci if witness_id in locus.readings)


def collate(
    source: str,
    witnesses: Sequence[tuple[str, str]],
    rules: Iterable[str] = ALL_RULES,
    *,
    cancel: CancelCheck | None = None,
    progress: ProgressCallback | None = None,
    checks: bool = False,
) -> Collation:
    """Collate ``witnesses`` (``(id, text)`` pairs) against ``source`` under ``rules``.

    ``cancel`` is polled inside the long loops; when it returns true,
    :class:`Cancelled` is raised.  ``progress`` receives a fraction in [0, 1].
    With ``checks``, the source is also checked on its own (app.checks) and
    each finding becomes a locus read by the witness ``check``.
    """
    rule_names = tuple(r for r in ALL_RULES if r in set(rules))
    ids = [w for w, _ in witnesses]
    if len(set(ids)) != len(ids):
        raise ValueError("witness ids must be unique")
    total = len(witnesses) + 1
    norm_source = normalize(source, rule_names)
    _report(progress, 1 / (2 * total))
    per_witness: list[tuple[str, str, Normalized, list[Region]]] = []
    move_counter = [0]
    for index, (wid, text) in enumerate(witnesses):
        _poll(cancel)
        norm = normalize(text, rule_names)
        _poll(cancel)
        alignment = align(norm_source.text, norm.text, cancel)
        regions = _regions(alignment, norm_source, norm, move_counter)
        per_witness.append((wid, text, norm, regions))
        _report(progress, (index + 1.5) / total)
    loci = _merge(source, norm_source.map, per_witness)
    if checks:
        from app.checks import check_text
        from app.findings import add_findings

        loci = add_findings(source, loci, check_text(source, cancel=cancel))
    if len(ids) >= 2:
        loci = with_agreement(loci, ids, rule_names)
    alignments = {
        wid: WitnessAlignment(wid, norm_source.map, norm.map, tuple(regions))
        for wid, _, norm, regions in per_witness
    }
    _report(progress, 1.0)
    return Collation(source, tuple(ids), rule_names, tuple(loci), alignments)


def _poll(cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled


def _report(progress: ProgressCallback | None, value: float) -> None:
    if progress is not None:
        progress(min(1.0, value))


# -- one witness ------------------------------------------------------------------


def _regions(
    alignment: Alignment, a: Normalized, b: Normalized, move_counter: list[int]
) -> list[Region]:
    raw: list[Region] = []
    pa = pb = 0
    for i, j, n in alignment.blocks:
        if i > pa or j > pb:
            raw.append(Region(pa, i, pb, j))
        pa, pb = max(pa, i + n), max(pb, j + n)
    if pa < len(a.text) or pb < len(b.text):
        raw.append(Region(pa, len(a.text), pb, len(b.text)))
    moved: dict[tuple[int, int, int, int], int] = {}
    for m in alignment.moves:
        move_counter[0] += 1
        moved[(m.a_start, m.a_end, -1, -1)] = move_counter[0]
        moved[(-1, -1, m.b_start, m.b_end)] = move_counter[0]
    out: list[Region] = []
    for r in raw:
        mid = None
        if r.b_start == r.b_end:
            mid = moved.get((r.a_start, r.a_end, -1, -1))
        if mid is None and r.a_start == r.a_end:
            mid = moved.get((-1, -1, r.b_start, r.b_end))
        out.append(replace(r, kind="move", move_id=mid) if mid is not None else r)
    out = _join_swaps(out, a.text, b.text)
    out = _absorb_chance_matches(out)
    out = _snap(out, a.map, b.map)
    return [r if r.kind else replace(r, kind=_kind(r, a.text, b.text)) for r in out]


def _swap_parts(x: str, y: str) -> bool:
    """Whether ``y`` is ``x`` with two parts exchanged: 守严 / 严守, 耐心和细心 / 细心和耐心.

    The parts may stand side by side or around a short middle that stays.
    """
    n = len(x)
    if n != len(y) or n < 2 or x == y:
        return False
    for k in range(1, min(n, _SWAP_MAX + 1)):
        for m in range(n - k - 1 if k + 1 < n else 0, -1, -1):
            rest = n - k - m
            if not 0 < rest <= _SWAP_MAX or m > _SWAP_MIDDLE:
                continue
            first, middle, last = x[:k], x[k : k + m], x[k + m :]
            if first != last and y == last + middle + first:
                return True
    return False


def _trimmed_swap(r: Region, a: str, b: str) -> Region | None:
    """The region as a transposition, trimmed to the swapped characters, if it is one."""
    a0, a1, b0, b1 = r.a_start, r.a_end, r.b_start, r.b_end
    while a0 < a1 and b0 < b1 and a[a0] == b[b0]:
        a0, b0 = a0 + 1, b0 + 1
    while a0 < a1 and b0 < b1 and a[a1 - 1] == b[b1 - 1]:
        a1, b1 = a1 - 1, b1 - 1
    if _swap_parts(a[a0:a1], b[b0:b1]):
        return Region(a0, a1, b0, b1, "transposition")
    return None


def _join_swaps(regions: list[Region], a: str, b: str) -> list[Region]:
    """Fuse an insertion and a deletion that together exchange two neighbours."""
    out: list[Region] = []
    k = 0
    while k < len(regions):
        r = regions[k]
        if not r.kind:
            single = _trimmed_swap(r, a, b)
            if single is not None:
                out.append(single)
                k += 1
                continue
            if k + 1 < len(regions) and not regions[k + 1].kind:
                nxt = regions[k + 1]
                if nxt.a_start - r.a_end <= _SWAP_JOIN_GAP:
                    joined = Region(r.a_start, nxt.a_end, r.b_start, nxt.b_end)
                    swap = _trimmed_swap(joined, a, b)
                    if swap is not None:
                        out.append(swap)
                        k += 2
                        continue
        out.append(r)
        k += 1
    return out


def _size(r: Region) -> int:
    return max(r.a_end - r.a_start, r.b_end - r.b_start)


def _chance(gap: int, left: Region, right: Region) -> bool:
    """Whether ``gap`` equal characters between two edits look like a chance match."""
    small, large = sorted((_size(left), _size(right)))
    return gap < small or (gap <= 2 and 4 * gap <= large)


def _absorb_chance_matches(regions: list[Region]) -> list[Region]:
    """Merge edits split only by a chance match shorter than the edits on both sides.

    Two unrelated passages share a 的 or a 了 here and there; an LCS aligns
    them and shreds one replaced paragraph into dozens of tiny loci.  The
    rule is diff-match-patch's semantic cleanup made strict (shorter, not
    equal), so two one-character typos one character apart stay two loci,
    plus: one or two characters beside a long edit are taken into it.
    """
    out: list[Region] = []
    for r in regions:
        if out and r.kind != "move" and out[-1].kind != "move":
            prev = out[-1]
            gap = r.a_start - prev.a_end
            if _chance(gap, prev, r):
                out[-1] = Region(prev.a_start, r.a_end, prev.b_start, r.b_end)
                # the grown region may now swallow the equality before it
                while len(out) > 1 and out[-2].kind != "move":
                    before, cur = out[-2], out[-1]
                    gap = cur.a_start - before.a_end
                    if not _chance(gap, before, cur):
                        break
                    out[-2:] = [Region(before.a_start, cur.a_end, before.b_start, cur.b_end)]
                continue
        out.append(r)
    return out


def _snap(regions: list[Region], a_map: OffsetMap, b_map: OffsetMap) -> list[Region]:
    """Widen regions whose edges would cut a normalization group, merging where they meet.

    Outside a region the two texts are equal character for character, so an
    edge moved by ``d`` in one text moves by ``d`` in the other too.
    """
    if not a_map.groups and not b_map.groups:
        return regions
    out: list[Region] = []
    for r in regions:
        a0, a1, b0, b1 = r.a_start, r.a_end, r.b_start, r.b_end
        while True:
            d_start = max(_cut_depth(a_map, a0, left=True), _cut_depth(b_map, b0, left=True))
            d_end = max(_cut_depth(a_map, a1, left=False), _cut_depth(b_map, b1, left=False))
            if not d_start and not d_end:
                break
            a0, b0, a1, b1 = a0 - d_start, b0 - d_start, a1 + d_end, b1 + d_end
        widened = Region(a0, a1, b0, b1, r.kind if (a0, a1) == (r.a_start, r.a_end) else "", None)
        if widened.kind == r.kind:
            widened = replace(widened, move_id=r.move_id)
        while out and (out[-1].a_end > widened.a_start or out[-1].b_end > widened.b_start):
            prev = out.pop()
            widened = Region(
                min(prev.a_start, widened.a_start),
                max(prev.a_end, widened.a_end),
                min(prev.b_start, widened.b_start),
                max(prev.b_end, widened.b_end),
            )
        out.append(widened)
    return out


def _cut_depth(offset_map: OffsetMap, n: int, *, left: bool) -> int:
    group = offset_map.enclosing_group(n)
    if group is None:
        return 0
    return n - group.n_start if left else group.n_end - n


def _kind(r: Region, a: str, b: str) -> str:
    a_len, b_len = r.a_end - r.a_start, r.b_end - r.b_start
    if a_len and b_len:
        return "substitution"
    if b_len:
        text, at, ctx = b[r.b_start : r.b_end], r.a_start, a
    else:
        text, at, ctx = a[r.a_start : r.a_end], r.a_end, a
        # a deleted copy is doubled in the source: compare with its neighbours
        n = len(text)
        if ctx[max(0, r.a_start - n) : r.a_start] == text or ctx[r.a_end : r.a_end + n] == text:
            return "duplication"
        return "deletion"
    n = len(text)
    if ctx[max(0, at - n) : at] == text or ctx[at : at + n] == text:
        return "duplication"
    return "insertion"


# -- all witnesses --------------------------------------------------------------


def with_agreement(
    loci: Sequence[Locus], ids: Sequence[str], rules: tuple[str, ...]
) -> list[Locus]:
    """The loci with the copies' vote at each (readings compared under ``rules``)."""

    def key(text: str) -> str:
        return normalize(text, rules).text

    return [
        replace(loc, agreement=agreement(loc.source_text, loc.readings, ids, key)) for loc in loci
    ]


def touches(s: int, e: int, rs: int, re_: int) -> bool:
    """Overlap of two spans, where an empty span (insertion point) touching the other counts."""
    if rs < e and s < re_:
        return True
    if rs == re_ and s <= rs <= e:
        return True
    return s == e and rs <= s <= re_


def _merge(
    source: str,
    source_map: OffsetMap,
    per_witness: list[tuple[str, str, Normalized, list[Region]]],
) -> list[Locus]:
    events = sorted(
        (r.a_start, r.a_end, w, k, r)
        for w, item in enumerate(per_witness)
        for k, r in enumerate(item[3])
    )
    clusters: list[tuple[int, int, list[tuple[int, Region]]]] = []
    for s, e, w, _, r in events:
        if clusters:
            cs, ce, members = clusters[-1]
            # two regions of one witness that only touch stay apart (a move
            # arriving next to an insertion keeps its own locus)
            overlap = s < ce and cs < e
            own_touch = any(mw == w for mw, _r in members)
            if overlap or (touches(cs, ce, s, e) and not own_touch):
                clusters[-1] = (cs, max(ce, e), [*members, (w, r)])
                continue
        clusters.append((s, e, [(w, r)]))
    loci: list[Locus] = []
    for cs, ce, members in clusters:
        start, end = source_map.span(cs, ce)
        readings: dict[str, str] = {}
        kinds: dict[str, str] = {}
        spans: dict[str, tuple[int, int]] = {}
        move_id: int | None = None
        for w, (wid, text, norm, _) in enumerate(per_witness):
            own = [r for mw, r in members if mw == w]
            if not own:
                continue
            vs = own[0].b_start - (own[0].a_start - cs)
            ve = own[-1].b_end + (ce - own[-1].a_end)
            o_s, o_e = norm.map.span(vs, ve)
            readings[wid] = text[o_s:o_e]
            spans[wid] = (o_s, o_e)
            own_kinds = {r.kind for r in own}
            kinds[wid] = own[0].kind if len(own_kinds) == 1 else "substitution"
            if move_id is None:
                move_id = next((r.move_id for r in own if r.move_id is not None), None)
        first = next(iter(kinds.values()))
        text = source[start:end]
        before, after = source[max(0, start - _CONTEXT) : start], source[end : end + _CONTEXT]
        classes = {w: classify(text, r, kinds[w], before, after) for w, r in readings.items()}
        loci.append(
            Locus(start, end, text, readings, first, kinds, move_id, spans, classes=classes)
        )
    return loci
