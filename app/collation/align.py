"""Character alignment of two long texts in near-linear time.

A plain edit-distance call on whole texts costs time in the product of their
lengths, far too slow at a million characters.  Like patience diff, this
aligner first finds *anchors*: sentences that occur exactly once in each
text, chained by a longest increasing subsequence so that they never cross.
The stretches between anchors are small; each is aligned again, recursively,
with anchors that are unique *within the stretch* (so a paragraph quoted
twice in a book is matched copy to copy), then with unique character k-grams,
and only what is left, a few dozen characters at a time, goes to rapidfuzz's
bit-parallel LCS.

Unique sentences that the chain leaves out were moved: they are blanked out
with characters that match nothing, so no stray character of theirs gets
aligned with unrelated text, and reported as move pairs.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from rapidfuzz.distance import Indel

from app.cancel import CancelCheck, poll
from app.text.facts import CLOSING_BRACKETS, CLOSING_QUOTES, SENTENCE_ENDS, STRAIGHT_QUOTES

Block = tuple[int, int, int]
"""``(i, j, n)``: ``a[i:i+n] == b[j:j+n]`` (``n`` may be 0: a forced boundary)."""

_PIECE_ENDS = SENTENCE_ENDS + "；;"
_CLOSE = CLOSING_QUOTES + CLOSING_BRACKETS + STRAIGHT_QUOTES
_SENTENCE = re.compile(f"[^{_PIECE_ENDS}\\n]*(?:[{_PIECE_ENDS}]+[{_CLOSE}]*\\n*|\\n+|$)")
"""A sentence (or a clause a semicolon ends) with its end marks, the closing quotes after
them and any line breaks: the pieces the aligner anchors."""
_MIN_MOVE = 8
"""Shortest text (normalized characters) reported as moved rather than deleted and added."""
_EDITED_SIMILARITY = 0.8
"""How alike (Indel) a sentence and its edited copy must be for a moved run to take them in."""
_DIRECT_LIMIT = 4_000_000
"""Largest product of stretch lengths sent straight to rapidfuzz (a few ms)."""
_HARD_LIMIT = 400_000_000
"""Largest product ever sent to rapidfuzz (~0.1 s); beyond it, a stretch with no anchor
is reported as replaced whole rather than letting one call run for minutes."""
_KGRAM_SIZES = (24, 12, 6)
_MOVED_A = "\ue000"
_MOVED_B = "\ue001"


@dataclass(frozen=True)
class Move:
    """``a[a_start:a_end]`` stands at ``b[b_start:b_end]`` in another place of the other text."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass
class Alignment:
    """Matching blocks in increasing order in both texts, and the moves found."""

    blocks: list[Block] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)


@dataclass(frozen=True)
class Sentences:
    """A text's sentences, found once for aligning several texts against it.

    Every witness of a collation is aligned against the same source, whose
    sentence starts, sentence tokens and their counts would otherwise be
    worked out again for each (some 40 ms a witness at 1M characters).
    """

    text: str
    starts: list[int]
    tokens: list[tuple[str, tuple[int, int]]]
    counts: Counter[str]


def sentences(text: str) -> Sentences:
    """The sentences of ``text`` for :func:`align` (its ``a``)."""
    starts = _sentences(text)
    tokens = _tokens_of(text, starts, 0, len(text))
    return Sentences(text, starts, tokens, Counter(t for t, _ in tokens))


def align(
    a: str, b: str, cancel: CancelCheck | None = None, a_sentences: Sentences | None = None
) -> Alignment:
    """Align ``b`` to ``a``; every character of either text outside a block differs.

    ``a_sentences`` is ``sentences(a)`` where the caller has it already.
    """
    if a_sentences is not None and a_sentences.text != a:
        raise ValueError("a_sentences are another text's")
    aligner = _Aligner(a, b, cancel, a_sentences)
    return aligner.run()


def _sentences(text: str) -> list[int]:
    """Start offsets of sentence tokens, plus the text length at the end."""
    starts = [m.start() for m in _SENTENCE.finditer(text) if m.end() > m.start()]
    starts.append(len(text))
    return starts


def lis_indices(values: Sequence[int]) -> list[int]:
    """Indices of a longest strictly increasing subsequence of ``values``."""
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(values)
    for idx, v in enumerate(values):
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_idx.append(idx)
        else:
            tails[k] = v
            tail_idx[k] = idx
        prev[idx] = tail_idx[k - 1] if k else -1
    out: list[int] = []
    idx = tail_idx[-1] if tail_idx else -1
    while idx >= 0:
        out.append(idx)
        idx = prev[idx]
    out.reverse()
    return out


def _common_prefix(a: str, i0: int, i1: int, b: str, j0: int, j1: int) -> int:
    """Length of the common prefix of ``a[i0:i1]`` and ``b[j0:j1]`` by galloping slices."""
    limit = min(i1 - i0, j1 - j0)
    lo, step = 0, 16
    while lo < limit:
        n = min(step, limit - lo)
        if a[i0 + lo : i0 + lo + n] == b[j0 + lo : j0 + lo + n]:
            lo += n
            step *= 2
            continue
        if n == 1:
            break
        step = max(1, n // 2)
    return lo


def _common_suffix(a: str, i0: int, i1: int, b: str, j0: int, j1: int) -> int:
    limit = min(i1 - i0, j1 - j0)
    lo, step = 0, 16
    while lo < limit:
        n = min(step, limit - lo)
        if a[i1 - lo - n : i1 - lo] == b[j1 - lo - n : j1 - lo]:
            lo += n
            step *= 2
            continue
        if n == 1:
            break
        step = max(1, n // 2)
    return lo


class _Aligner:
    def __init__(
        self, a: str, b: str, cancel: CancelCheck | None, a_sentences: Sentences | None
    ) -> None:
        self.a = a
        self.b = b
        self.cancel = cancel
        self.blocks: list[Block] = []
        self.a_sentences = a_sentences
        self.a_sent = a_sentences.starts if a_sentences is not None else _sentences(a)
        self.b_sent = _sentences(b)
        self._whole: _Whole | None = None
        """The sentences of both whole texts, kept by :meth:`_find_moves` for the first
        (whole-text) anchors, which would otherwise cut and count them all again."""

    def _check(self) -> None:
        poll(self.cancel)

    def run(self) -> Alignment:
        moves = self._find_moves()
        self._stretch(0, len(self.a), 0, len(self.b), use_sentences=True)
        blocks = self._add_move_bounds(sorted(self.blocks), moves)
        return Alignment(blocks, moves)

    # -- moves ------------------------------------------------------------

    def _find_moves(self) -> list[Move]:
        """Unique sentences out of the anchor chain, grouped into runs, blanked out."""
        a_count: Counter[str] | None = None
        if self.a_sentences is not None:
            a_tok, a_count = self.a_sentences.tokens, self.a_sentences.counts
        else:
            a_tok = self._tokens(self.a, self.a_sent, 0, len(self.a))
        b_tok = self._tokens(self.b, self.b_sent, 0, len(self.b))
        if a_count is None:
            a_count = _counts(a_tok)
        b_count = _counts(b_tok)
        self._whole = _Whole(a_tok, b_tok, a_count, b_count, [])
        pairs = _unique_pairs(a_tok, b_tok, a_count, b_count)
        if not pairs:
            return []
        chain = set(lis_indices([p[1][0] for p in pairs]))
        out = [p for k, p in enumerate(pairs) if k not in chain]
        runs: list[list[int]] = []
        for (a_s, a_e), (b_s, b_e) in out:
            if runs and runs[-1][1] == a_s and runs[-1][3] == b_s:
                runs[-1][1], runs[-1][3] = a_e, b_e
            else:
                runs.append([a_s, a_e, b_s, b_e])
        anchored = {p[0] for k, p in enumerate(pairs) if k in chain}
        anchored |= {p[1] for k, p in enumerate(pairs) if k in chain}
        runs = _grow_runs(runs, a_tok, b_tok, anchored)
        moves = _disjoint([Move(*r) for r in runs if r[1] - r[0] >= _MIN_MOVE])
        if moves:
            a_parts, b_parts = [], []
            last_a = last_b = 0
            for m in sorted(moves, key=lambda m: m.a_start):
                a_parts += [self.a[last_a : m.a_start], _MOVED_A * (m.a_end - m.a_start)]
                last_a = m.a_end
            for m in sorted(moves, key=lambda m: m.b_start):
                b_parts += [self.b[last_b : m.b_start], _MOVED_B * (m.b_end - m.b_start)]
                last_b = m.b_end
            self.a = "".join(a_parts) + self.a[last_a:]
            self.b = "".join(b_parts) + self.b[last_b:]
            self._whole.moves.extend(moves)
        return moves

    def _add_move_bounds(self, blocks: list[Block], moves: list[Move]) -> list[Block]:
        """Zero-length blocks around each moved range, so each is a region of its own.

        A moved range lies inside one gap between matching blocks.  The text
        that left sits at the start of the gap in the other text, the text
        that arrived at its end, so the blocks stay monotone in both texts.
        """
        if not moves:
            return blocks
        a_ends = [i + n for i, _, n in blocks]
        b_ends = [j + n for _, j, n in blocks]
        extra: list[Block] = []
        for m in moves:
            k = bisect_right(a_ends, m.a_start) - 1
            prev_b = b_ends[k] if k >= 0 else 0
            extra += [(m.a_start, prev_b, 0), (m.a_end, prev_b, 0)]
            k = bisect_right(b_ends, m.b_start) - 1
            next_a = blocks[k + 1][0] if k + 1 < len(blocks) else len(self.a)
            extra += [(next_a, m.b_start, 0), (next_a, m.b_end, 0)]
        # sorted and unique, as sorted(set(...)) gives, but from the blocks' own order:
        # sorting a set's order (tuples compared in C) held the GIL 17 ms at 1M
        return list(dict.fromkeys(sorted(blocks + extra)))

    # -- stretches --------------------------------------------------------

    def _tokens(
        self, text: str, starts: list[int], lo: int, hi: int
    ) -> list[tuple[str, tuple[int, int]]]:
        return _tokens_of(text, starts, lo, hi)

    def _stretch(self, i0: int, i1: int, j0: int, j1: int, *, use_sentences: bool) -> None:
        """Align ``a[i0:i1]`` with ``b[j0:j1]``, appending blocks."""
        self._check()
        a, b = self.a, self.b
        p = _common_prefix(a, i0, i1, b, j0, j1)
        if p:
            self.blocks.append((i0, j0, p))
            i0 += p
            j0 += p
        s = _common_suffix(a, i0, i1, b, j0, j1)
        if s:
            self.blocks.append((i1 - s, j1 - s, s))
            i1 -= s
            j1 -= s
        if i0 == i1 or j0 == j1:
            return
        size = (i1 - i0) * (j1 - j0)
        if size <= _DIRECT_LIMIT:
            self._direct(i0, i1, j0, j1)
            return
        anchors: list[Block] = []
        if use_sentences:
            anchors = self._sentence_anchors(i0, i1, j0, j1)
        if not anchors:
            for k in _KGRAM_SIZES:
                anchors = self._kgram_anchors(i0, i1, j0, j1, k)
                if anchors:
                    break
        if not anchors:
            if size <= _HARD_LIMIT:
                self._direct(i0, i1, j0, j1)
            return
        ci, cj = i0, j0
        for ai, bj, n in anchors:
            if ci < ai and cj < bj:  # else nothing in between can match: no call for it
                self._stretch(ci, ai, cj, bj, use_sentences=use_sentences)
            self.blocks.append((ai, bj, n))
            ci, cj = ai + n, bj + n
        self._stretch(ci, i1, cj, j1, use_sentences=use_sentences)

    def _sentence_anchors(self, i0: int, i1: int, j0: int, j1: int) -> list[Block]:
        whole, self._whole = self._whole, None
        if whole is not None:  # the first call: the whole texts less a common head and tail
            a_tok, a_count = whole.side(self.a, self.a_sent, i0, i1, 0)
            b_tok, b_count = whole.side(self.b, self.b_sent, j0, j1, 1)
            return _chain(_unique_pairs(a_tok, b_tok, a_count, b_count))
        a_tok = self._tokens(self.a, self.a_sent, i0, i1)
        b_tok = self._tokens(self.b, self.b_sent, j0, j1)
        pairs = _unique_pairs(a_tok, b_tok)
        return _chain(pairs)

    def _kgram_anchors(self, i0: int, i1: int, j0: int, j1: int, k: int) -> list[Block]:
        if i1 - i0 < k or j1 - j0 < k:
            return []
        a, b = self.a, self.b
        a_tok = [(a[p : p + k], (p, p + k)) for p in range(i0, i1 - k + 1)]
        b_tok = [(b[p : p + k], (p, p + k)) for p in range(j0, j1 - k + 1)]
        return _chain(_unique_pairs(a_tok, b_tok))

    def _direct(self, i0: int, i1: int, j0: int, j1: int) -> None:
        for op in Indel.opcodes(self.a[i0:i1], self.b[j0:j1]):
            if op.tag == "equal":
                self.blocks.append(
                    (i0 + op.src_start, j0 + op.dest_start, op.src_end - op.src_start)
                )


Token = tuple[str, tuple[int, int]]
"""A sentence and its span."""


@dataclass
class _Whole:
    """Both texts' sentences and their counts before moved runs were blanked out."""

    a_tok: list[Token]
    b_tok: list[Token]
    a_count: Counter[str]
    b_count: Counter[str]
    moves: list[Move]

    def side(
        self, text: str, starts: list[int], lo: int, hi: int, side: int
    ) -> tuple[list[Token], Counter[str]]:
        """What ``_tokens_of(text, starts, lo, hi)`` gives on the text as it is now (moved
        runs blanked), and its counts: the whole text's, less the few sentences outside
        ``lo:hi``, and with the sentences under a move read as they now are."""
        tokens, count = (self.a_tok, self.a_count) if side == 0 else (self.b_tok, self.b_count)
        k0, k1 = bisect_left(starts, lo), max(bisect_left(starts, lo), bisect_right(starts, hi) - 1)
        kept = tokens[k0:k1]
        count = count.copy()
        for t, _ in tokens[:k0] + tokens[k1:]:
            count[t] -= 1
        for m in self.moves:
            m_lo, m_hi = (m.a_start, m.a_end) if side == 0 else (m.b_start, m.b_end)
            first = max(k0, bisect_right(starts, m_lo) - 1)
            for k in range(first, min(k1, bisect_left(starts, m_hi))):
                t, span = tokens[k]
                now = text[span[0] : span[1]]
                if now != t:
                    count[t] -= 1
                    count[now] += 1
                    kept[k - k0] = (now, span)
        return kept, +count


def _tokens_of(text: str, starts: list[int], lo: int, hi: int) -> list[tuple[str, tuple[int, int]]]:
    """The sentence tokens of ``text[lo:hi]`` with their spans (``starts``: :func:`_sentences`)."""
    k0 = bisect_left(starts, lo)
    k1 = bisect_right(starts, hi)
    toks = []
    for k in range(k0, k1 - 1):
        s, e = starts[k], starts[k + 1]
        if e <= hi:
            toks.append((text[s:e], (s, e)))
    return toks


def _disjoint(moves: list[Move]) -> list[Move]:
    """Keep moves that overlap no earlier one in either text (blanking relies on it)."""
    kept: list[Move] = []
    for m in moves:
        if all(
            (m.a_end <= k.a_start or k.a_end <= m.a_start)
            and (m.b_end <= k.b_start or k.b_end <= m.b_start)
            for k in kept
        ):
            kept.append(m)
    return kept


def _grow_runs(
    runs: list[list[int]],
    a_tok: list[tuple[str, tuple[int, int]]],
    b_tok: list[tuple[str, tuple[int, int]]],
    anchored: set[tuple[int, int]],
) -> list[list[int]]:
    """Extend moved runs over neighbouring sentences that are equal but not unique, or edited.

    A moved paragraph often holds a stock sentence that recurs elsewhere;
    uniqueness alone would cut the move in two around it.  A paragraph may
    also be moved and edited on the way: a sentence with a doubled or a
    dropped character is unique on neither side, and would leave the move
    in pieces with a deleted and an added sentence between them.  A
    neighbour joins the run when it reads the same, or nearly
    (``_EDITED_SIMILARITY``), on both sides and anchors nothing; runs that
    then meet are one move, whose arrival reads the edited text.
    """
    a_starts = [span[0] for _, span in a_tok]
    b_starts = [span[0] for _, span in b_tok]
    a_ends = [span[1] for _, span in a_tok]
    b_ends = [span[1] for _, span in b_tok]
    # the sentence starting (ending) at an offset, found by bisection: a few lookups per
    # run, where four dicts of every sentence cost 50-90 ms at 1M characters
    a_start, b_start = _Index(a_starts), _Index(b_starts)
    a_end, b_end = _Index(a_ends), _Index(b_ends)
    taken: set[tuple[int, int]] = set(anchored)

    def free_pair(ka: int | None, kb: int | None) -> bool:
        if ka is None or kb is None:
            return False
        (ta, sa), (tb, sb) = a_tok[ka], b_tok[kb]
        if sa in taken or sb in taken:
            return False
        return ta == tb or (
            min(len(ta), len(tb)) >= _MIN_MOVE
            and Indel.normalized_similarity(ta, tb) >= _EDITED_SIMILARITY
        )

    for run in runs:
        lo, hi = bisect_left(a_starts, run[0]), bisect_left(a_starts, run[1])
        taken.update(span for _, span in a_tok[lo:hi])
        lo, hi = bisect_left(b_starts, run[2]), bisect_left(b_starts, run[3])
        taken.update(span for _, span in b_tok[lo:hi])

    def glued(ka: int | None, kb: int | None, *, before: bool) -> int:
        """How much of a neighbouring sentence a run takes in whole on one side and as the
        end (``before``) or start of a longer token on the other: a heading without an end
        mark is one token with the sentence after it once the whitespace rule has removed
        the line break between them (0: none)."""
        if ka is None or kb is None:
            return 0
        (ta, sa), (tb, sb) = a_tok[ka], b_tok[kb]
        if sa in taken or sb in taken or ta == tb:
            return 0
        short, long_ = sorted((ta, tb), key=len)
        fits = long_.endswith(short) if before else long_.startswith(short)
        return len(short) if fits and len(short) >= _MIN_MOVE else 0

    for run in runs:
        while free_pair(a_start.get(run[1]), b_start.get(run[3])):
            sa, sb = a_tok[a_start[run[1]]][1], b_tok[b_start[run[3]]][1]
            taken.update([sa, sb])
            run[1], run[3] = sa[1], sb[1]
        while free_pair(a_end.get(run[0]), b_end.get(run[2])):
            sa, sb = a_tok[a_end[run[0]]][1], b_tok[b_end[run[2]]][1]
            taken.update([sa, sb])
            run[0], run[2] = sa[0], sb[0]
        ka, kb = a_end.get(run[0]), b_end.get(run[2])
        n = glued(ka, kb, before=True)
        if n and ka is not None and kb is not None:
            taken.update([a_tok[ka][1], b_tok[kb][1]])
            run[0], run[2] = run[0] - n, run[2] - n
        ka, kb = a_start.get(run[1]), b_start.get(run[3])
        n = glued(ka, kb, before=False)
        if n and ka is not None and kb is not None:
            taken.update([a_tok[ka][1], b_tok[kb][1]])
            run[1], run[3] = run[1] + n, run[3] + n
    merged: list[list[int]] = []
    for run in sorted(runs):
        if merged and merged[-1][1] == run[0] and merged[-1][3] == run[2]:
            merged[-1][1], merged[-1][3] = run[1], run[3]
        else:
            merged.append(run)
    return merged


class _Index:
    """Where each value of an increasing list stands (``dict.get`` on its values)."""

    def __init__(self, values: list[int]) -> None:
        self.values = values

    def get(self, value: int) -> int | None:
        k = bisect_left(self.values, value)
        return k if k < len(self.values) and self.values[k] == value else None

    def __getitem__(self, value: int) -> int:
        k = self.get(value)
        if k is None:
            raise KeyError(value)
        return k


_COUNT_STEP = 4096
"""Tokens counted in one C call by :func:`_counts`."""


def _counts(tokens: list[tuple[str, tuple[int, int]]]) -> Counter[str]:
    """How often each token's text occurs, counted :data:`_COUNT_STEP` tokens at a time:
    one Counter over a 1M text's sentences held the GIL (and the window's thread) 19 ms."""
    counts: Counter[str] = Counter()
    for start in range(0, len(tokens), _COUNT_STEP):
        counts.update(map(itemgetter(0), tokens[start : start + _COUNT_STEP]))
    return counts


def _unique_pairs(
    a_tok: list[tuple[str, tuple[int, int]]],
    b_tok: list[tuple[str, tuple[int, int]]],
    a_count: Counter[str] | None = None,
    b_count: Counter[str] | None = None,
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Spans of tokens that occur exactly once on each side, in the order of ``a``.

    ``a_count`` and ``b_count`` count ``a_tok`` and ``b_tok`` where the caller has them.
    """
    if a_count is None:
        a_count = _counts(a_tok)
    if b_count is None:
        b_count = _counts(b_tok)
    b_pos = {t: span for t, span in b_tok if b_count[t] == 1}
    moved = (_MOVED_A, _MOVED_B)
    return [
        (span, b_pos[t])
        for t, span in a_tok
        if t in b_pos and a_count[t] == 1 and t[0] not in moved
    ]


def _chain(pairs: list[tuple[tuple[int, int], tuple[int, int]]]) -> list[Block]:
    """The longest non-crossing, non-overlapping chain of matched spans, as blocks."""
    if not pairs:
        return []
    keep = lis_indices([p[1][0] for p in pairs])
    blocks: list[Block] = []
    last_a = last_b = -1
    for k in keep:
        (a_s, a_e), (b_s, _b_e) = pairs[k]
        if a_s >= last_a and b_s >= last_b:
            blocks.append((a_s, b_s, a_e - a_s))
            last_a, last_b = a_e, b_s + (a_e - a_s)
    return blocks
