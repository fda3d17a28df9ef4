"""Scoring reported differences against the known edits (engine and peers alike).

Everything is compared in the coordinates of the source as normalized with
the default rules, so that whitespace deleted at a span's edge or a reading's
noise does not count for or against anyone:

* recall: the share of truth edits that some reported span overlaps (an
  insertion point ``p`` overlaps a span ``[s, e]`` when ``s <= p <= e``).
  An insertion or deletion inside a run of repeats may be placed anywhere
  along the run with the same effect (the 展 added to 展 may go before or
  after it), so the truth span of a pure insertion or deletion is widened to
  cover every equivalent placement;
* precision: the share of reported spans that overlap some truth edit;
* exact: the share of truth edits for which some overlapping span has the
  same normalized length and the same effect: applied to the normalized
  source window covering both, it gives the same string as the truth edit.
  So deleting either 展 of 展展 is exact, and so is writing a doubled
  character as one character read twice (展 -> 展展) instead of an insertion.
  A paragraph moved and edited on the way is reported as the move, whose
  arrival reads the paragraph as the source has it, and the edits inside it
  as loci of their own: the arrival's reading is scored with those edits
  applied (bench_collate), as accepting the move and its edits gives.  (An
  engine that reports the move in pieces around the edits is exact when the
  pieces, in order, cover the truth's span and their readings rebuild it.);
* kind accuracy, per truth kind: the share of truth edits of that kind whose
  matched span (an exact one if any, else the overlapping one sharing the
  most with it) was reported with that kind;
* boundary: of the whole sentences added or dropped, the share reported on
  the sentence's own boundaries: exactly its span and reading, not one of
  the equivalent placements ``exact`` accepts (``。S`` for ``S。``), since an
  editor marks a sentence with its own closing mark.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from bench.norm import NormalizedLike, Normalizer
from bench.variant import BESIDE, KINDS, Edit

SENTENCE_DETAILS = ("sentence", BESIDE)
"""Truth details of whole sentences added or dropped (scored for boundaries)."""


@dataclass(frozen=True)
class Reported:
    """A difference as reported: ``source[start:end]`` reads ``reading``."""

    start: int
    end: int
    reading: str
    kind: str = ""
    group: int | None = None
    """The move a piece belongs to (the engine's ``move_id``), if any."""


@dataclass
class KindScore:
    count: int = 0
    found: int = 0
    exact: int = 0
    kind_ok: int = 0


@dataclass
class Score:
    n_truth: int
    n_reported: int
    recall: float
    precision: float
    exact: float
    kinds: dict[str, KindScore] = field(default_factory=dict)
    missed: list[Edit] = field(default_factory=list)
    inexact: list[tuple[Edit, list[Reported]]] = field(default_factory=list)
    false: list[Reported] = field(default_factory=list)
    sentences: int = 0
    """Whole sentences added or dropped in the truth."""
    on_boundary: int = 0
    """Of those, the ones reported with exactly their own span and reading."""
    off_boundary: list[tuple[Edit, list[Reported]]] = field(default_factory=list)

    @property
    def boundary(self) -> float:
        return self.on_boundary / self.sentences if self.sentences else 1.0


def overlaps(a0: int, a1: int, b0: int, b1: int, *, closed: bool = False) -> bool:
    """Half-open spans overlap; an empty span (a point) overlaps a span containing it.

    ``closed`` compares as closed intervals (for a range of insertion points).
    """
    if closed or a0 == a1 or b0 == b1:
        return b0 <= a1 and a0 <= b1
    return a0 < b1 and b0 < a1


def slide(text: str, start: int, end: int, reading: str) -> tuple[int, int, bool]:
    """The span covering every placement of a pure insertion or deletion with the same effect.

    Returns ``(lo, hi, points)``: ``points`` when the edit is an insertion,
    whose equivalent placements are the insertion points ``lo..hi``.
    """
    if start == end and reading:
        lo = hi = start
        r = reading
        while lo > 0 and text[lo - 1] == r[-1]:
            lo, r = lo - 1, r[-1] + r[:-1]
        r = reading
        while hi < len(text) and text[hi] == r[0]:
            hi, r = hi + 1, r[1:] + r[0]
        return lo, hi, True
    if start < end and not reading:
        lo, hi = start, end
        while lo > 0 and text[lo - 1] == text[hi - 1]:
            lo, hi = lo - 1, hi - 1
        s, e = start, end
        while e < len(text) and text[s] == text[e]:
            s, e = s + 1, e + 1
        return lo, e, False
    return start, end, start == end


class Evaluator:
    """Scores lists of reported spans against one truth on one source."""

    def __init__(self, source_norm: NormalizedLike, truth: Sequence[Edit], normalize: Normalizer):
        self.text: str = source_norm.text
        self.map = source_norm.map
        self.normalize = normalize
        self.truth = sorted(truth)
        self._t = [self._span(e.start, e.end) for e in self.truth]
        self._t_read = [self._norm(e.reading) for e in self.truth]
        self._wide = [
            slide(self.text, s, e, r) for (s, e), r in zip(self._t, self._t_read, strict=True)
        ]
        self._t_starts = [s for s, _, _ in self._wide]
        self._t_maxend = list(accumulate((e for _, e, _ in self._wide), max))

    def _span(self, start: int, end: int) -> tuple[int, int]:
        s = self.map.to_normalized(start)
        e = self.map.to_normalized(end)
        return s, max(s, e)

    def _norm(self, text: str) -> str:
        if not text:
            return ""
        return self.normalize(text).text

    def normalized_span(self, start: int, end: int) -> tuple[int, int]:
        """A reported span in the normalized source's coordinates."""
        return self._span(start, end)

    def exact_at(self, k: int, span: tuple[int, int], reading: str) -> bool:
        """Whether ``reading`` at the normalized ``span`` has exactly truth edit ``k``'s effect."""
        return self._exact(k, span, self._norm(reading))

    def overlaps_truth(self, k: int, span: tuple[int, int]) -> bool:
        """Whether a normalized ``span`` overlaps truth edit ``k`` or an equivalent placement."""
        lo, hi, points = self._wide[k]
        return overlaps(lo, hi, span[0], span[1], closed=points)

    def _effect(self, s: int, e: int, reading: str, w0: int, w1: int) -> str:
        return self.text[w0:s] + reading + self.text[e:w1]

    def _exact(self, k: int, span: tuple[int, int], reading: str) -> bool:
        ts, te = self._t[k]
        ls, le = span
        same_length = le - ls == te - ts
        doubled = self.truth[k].kind == "duplication" and le - ls == 1
        if not (same_length or doubled):
            return False
        w0, w1 = min(ts, ls), max(te, le)
        return self._effect(ts, te, self._t_read[k], w0, w1) == self._effect(
            ls, le, reading, w0, w1
        )

    def _pieces_exact(
        self, k: int, candidates: list[int], spans: list[tuple[int, int]], items: list[Reported]
    ) -> bool:
        """Whether a move's pieces and the edits between them, in order, make truth edit ``k``."""
        if self.truth[k].kind != "move":
            return False
        ts, te = self._t[k]
        if ts == te:  # where it arrived: every piece at one point
            points = [spans[i] for i in candidates if items[i].group is not None]
            run = [i for i in candidates if points and spans[i] == points[0]]
        else:  # where it left: pieces side by side over the span
            run = [i for i in candidates if ts <= spans[i][0] and spans[i][1] <= te]
            pos = ts
            for i in run:
                if spans[i][0] != pos:
                    return False
                pos = spans[i][1]
            if pos != te:
                return False
        if len(run) < 2 or not any(items[i].group is not None for i in run):
            return False
        return "".join(self._norm(items[i].reading) for i in run) == self._t_read[k]

    def _closest(
        self, k: int, candidates: list[int], spans: list[tuple[int, int]], items: list[Reported]
    ) -> int:
        """The candidate sharing the most with truth edit ``k`` (span and reading length)."""
        ts, te = self._t[k]
        n = len(self._t_read[k])

        def shared(i: int) -> int:
            s, e = spans[i]
            return max(0, min(e, te) - max(s, ts)) + min(n, len(items[i].reading))

        return max(candidates, key=shared)

    def _overlapping_truth(self, s: int, e: int) -> list[int]:
        hi = bisect_right(self._t_starts, e)
        out: list[int] = []
        k = hi - 1
        while k >= 0 and self._t_maxend[k] >= s:
            ts, te, points = self._wide[k]
            if overlaps(ts, te, s, e, closed=points):
                out.append(k)
            k -= 1
        return out

    def score(self, reported: Iterable[Reported], keep_examples: int = 20) -> Score:
        items = sorted(reported, key=lambda r: (r.start, r.end))
        spans = [self._span(r.start, r.end) for r in items]
        matches: list[list[int]] = [[] for _ in self.truth]
        false: list[Reported] = []
        hits = 0
        for idx, (s, e) in enumerate(spans):
            hit = self._overlapping_truth(s, e)
            if hit:
                hits += 1
            elif len(false) < keep_examples:
                false.append(items[idx])
            for k in hit:
                matches[k].append(idx)
        kinds = {kind: KindScore() for kind in KINDS}
        found = exact = sentences = on_boundary = 0
        off_boundary: list[tuple[Edit, list[Reported]]] = []
        missed: list[Edit] = []
        inexact: list[tuple[Edit, list[Reported]]] = []
        for k, edit in enumerate(self.truth):
            ks = kinds.setdefault(edit.kind, KindScore())
            ks.count += 1
            if edit.detail in SENTENCE_DETAILS:
                sentences += 1
                own = [
                    i
                    for i in matches[k]
                    if spans[i] == self._t[k] and self._norm(items[i].reading) == self._t_read[k]
                ]
                if own:
                    on_boundary += 1
                elif len(off_boundary) < keep_examples:
                    off_boundary.append((edit, [items[i] for i in matches[k]]))
            if not matches[k]:
                if len(missed) < keep_examples:
                    missed.append(edit)
                continue
            found += 1
            ks.found += 1
            best = next(
                (i for i in matches[k] if self._exact(k, spans[i], self._norm(items[i].reading))),
                None,
            )
            if best is None and self._pieces_exact(k, matches[k], spans, items):
                best = next(i for i in matches[k] if items[i].group is not None)
            if best is not None:
                exact += 1
                ks.exact += 1
            elif len(inexact) < keep_examples:
                inexact.append((edit, [items[i] for i in matches[k]]))
            chosen = items[best if best is not None else self._closest(k, matches[k], spans, items)]
            if chosen.kind == edit.kind:
                ks.kind_ok += 1
        n_truth = len(self.truth)
        return Score(
            n_truth=n_truth,
            n_reported=len(items),
            recall=found / n_truth if n_truth else 1.0,
            precision=hits / len(items) if items else 1.0,
            exact=exact / n_truth if n_truth else 1.0,
            kinds=kinds,
            missed=missed,
            inexact=inexact,
            false=false,
            sentences=sentences,
            on_boundary=on_boundary,
            off_boundary=off_boundary,
        )


def regions_to_reported(
    regions: Iterable[tuple[int, int, int, int, str]],
    source_map: object,
    variant_norm_text: str,
) -> list[Reported]:
    """Map normalized difference regions ``(a0, a1, b0, b1, kind)`` back to the source.

    ``source_map`` is the source's OffsetMap; the reading is the variant's
    normalized text there (readings are normalized again when scored).
    """
    span = source_map.span  # type: ignore[attr-defined]
    out: list[Reported] = []
    for a0, a1, b0, b1, kind in regions:
        s, e = span(a0, a1)
        out.append(Reported(s, e, variant_norm_text[b0:b1], kind))
    return out
