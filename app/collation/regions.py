"""One witness's differences as regions, cleaned up into the units an editor thinks in.

A swap is one transposition, a doubled character one duplication, a moved
sentence a pair of moves; a chance one-character match inside a replaced
passage is absorbed; a word or phrase reworded around a character it keeps
is one substitution; a whole sentence added or dropped is marked on its own
boundaries; an edge that would cut a normalization group is widened.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz.distance import Indel

from app.classes.wordset import is_word
from app.collation.align import Alignment
from app.collation.loci import Region
from app.text.facts import JUMP_LINE, SENTENCE_ENDS, STRAIGHT_QUOTES
from app.text.normalize import Normalized
from app.text.offsets import OffsetMap

_SWAP_MAX = 8
"""Longest part (each side) of a swap reported as a transposition: a word, not a clause."""
_SWAP_MIDDLE = 2
"""Longest unchanged middle between two swapped parts (耐心和细心: 心和)."""
_SWAP_JOIN_GAP = 3
"""Equal characters two edits may have between them and still form one swap."""
_WORD_GAP = 2
"""Most characters a reworded word or phrase keeps between its changed pieces (全力)."""
_SHIFT_PIECE = 4
"""Longest piece of a word rewritten around what it keeps (势头 / 态势: 态 added, 头 dropped)."""
# Han characters, as app/classes/checks.py reads them
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def regions_of(
    alignment: Alignment,
    a: Normalized,
    b: Normalized,
    move_counter: list[int],
    source: str = "",
) -> list[Region]:
    """The regions of one witness ``b`` against the source ``a``, cleaned up.

    ``source`` (the source as decoded) lets the clean-up see paragraph
    breaks that the whitespace rule removed from ``a``.
    """
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
    out = _content_first(out, a.text, b.text)
    out = _slide_beside_moves(out, a.text, b.text)
    out = _join_swaps(out, a.text, b.text)
    out = _slide_to_boundaries(out, a.text, b.text)
    out = _absorb_chance_matches(out, a, source)
    out = _slide_to_boundaries(_pure_where_equal(out, a.text, b.text), a.text, b.text)
    out = word_units(out, a.text, b.text)
    out = _jump_lines_apart(out, a.text, b.text)
    out = _snap(out, a.map, b.map)
    return [r if r.kind else _with_kind(r, a.text, b.text) for r in out]


def _with_kind(r: Region, x: str, y: str) -> Region:
    """``r`` with its kind (:func:`_kind`), made directly: ``dataclasses.replace`` cost
    twice as much, for every one of the 30,000 regions of a 1M witness (script off)."""
    return Region(r.a_start, r.a_end, r.b_start, r.b_end, _kind(r, x, y), r.move_id)


def moved_edits(regions: list[Region], a: Normalized, b: Normalized) -> list[Region]:
    """The edits inside each moved passage, between where it left and where it arrived.

    The aligner takes a sentence with a doubled or a dropped character into
    the move it belongs to (app.collation.align), so a paragraph moved and
    edited on the way is one move; the edits inside it must still be seen.
    Each is a region over the source's characters it changes (inside the
    span the passage left) and the copy's (inside the span it arrived at),
    its ``move_id`` the move's and its kind its own: the two texts of the
    passage are compared as any two texts are (a swap is a transposition,
    a reworded word one substitution), and widened where an edge would cut
    a normalization group.  They are not in ``regions``, whose order the
    panes' alignment relies on.
    """
    arrivals = {r.move_id: r for r in regions if r.kind == "move" and r.a_start == r.a_end}
    out: list[Region] = []
    for gone in regions:
        if gone.kind != "move" or gone.b_start != gone.b_end or gone.move_id is None:
            continue
        came = arrivals.get(gone.move_id)
        if came is None:
            continue
        x, y = a.text[gone.a_start : gone.a_end], b.text[came.b_start : came.b_end]
        if x == y:
            continue
        inner = [
            Region(gone.a_start + r.a_start, gone.a_start + r.a_end, came.b_start + r.b_start,
                   came.b_start + r.b_end, r.kind, gone.move_id)
            for r in _compared(x, y)
        ]  # fmt: skip
        for r in _snap(inner, a.map, b.map):
            inside = gone.a_start <= r.a_start <= r.a_end <= gone.a_end
            if inside and came.b_start <= r.b_start <= r.b_end <= came.b_end:
                out.append(
                    replace(r, kind=r.kind or _kind(r, a.text, b.text), move_id=gone.move_id)
                )
    return out


def _compared(x: str, y: str) -> list[Region]:
    """The edits that make ``x`` into ``y``, cleaned up as a witness's are (no moves inside)."""
    raw: list[Region] = []
    for op in Indel.opcodes(x, y):
        if op.tag == "equal":
            continue
        last = raw[-1] if raw else None
        if last is not None and last.a_end == op.src_start and last.b_end == op.dest_start:
            raw[-1] = Region(last.a_start, op.src_end, last.b_start, op.dest_end)
        else:
            raw.append(Region(op.src_start, op.src_end, op.dest_start, op.dest_end))
    out = _join_swaps(raw, x, y)
    out = _slide_to_boundaries(out, x, y)
    out = word_units(out, x, y)
    return [r if r.kind else _with_kind(r, x, y) for r in out]


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


def _chance(gap: int, left: Region, right: Region, a: Normalized, source: str) -> bool:
    """Whether the ``gap`` equal characters between two edits look like a chance match.

    A whole sentence (from a sentence end to its own, 4 characters or more)
    is never one: two sentences added around an unchanged one are two loci.
    The one or two characters taken into a long edit beside them do not
    hold a paragraph break, even one the whitespace rule removed (a
    heading's dash, then a dropped first sentence of the next paragraph).
    """
    s, e = left.a_end, right.a_start
    small, large = sorted((_size(left), _size(right)))
    if gap >= small:
        if not (gap <= 2 and 4 * gap <= large):
            return False
        if "\n" in a.text[s:e] or (
            source and s > 0 and e < len(a.text) and _broken(a, s, e, source)
        ):
            return False
    return gap < 4 or boundary_score(a.text, s) < 3 or boundary_score(a.text, e) < 3


def _broken(a: Normalized, s: int, e: int, source: str) -> bool:
    """Whether the source holds a line break between ``a.text[s-1]`` and ``a.text[e]``."""
    return "\n" in source[a.map.span(s - 1, s)[1] : a.map.span(e, e + 1)[0]]


def _absorb_chance_matches(regions: list[Region], a: Normalized, source: str) -> list[Region]:
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
            if _chance(gap, prev, r, a, source):
                out[-1] = Region(prev.a_start, r.a_end, prev.b_start, r.b_end)
                # the grown region may now swallow the equality before it
                while len(out) > 1 and out[-2].kind != "move":
                    before, cur = out[-2], out[-1]
                    gap = cur.a_start - before.a_end
                    if not _chance(gap, before, cur, a, source):
                        break
                    out[-2:] = [Region(before.a_start, cur.a_end, before.b_start, cur.b_end)]
                continue
        out.append(r)
    return out


_REALIGN = 12
"""Longest stretch (each side) aligned again so that characters, not marks, match."""


def _content_first(regions: list[Region], a: str, b: str) -> list[Region]:
    """Two edits around a mark or two, aligned again so that the characters match first.

    ``的“抗‘疫’格局”`` against ``的抗“疫”格局`` (the width rule reads “ and ‘
    as " and '): a diff may match the first " and call 抗 added before it and
    抗' dropped after it, as long an alignment as dropping “ and reading ‘
    as “.  An editor reads the second, the marks changed around the words,
    which is also what pairs the marks (app.collation.pairs).  Where two
    edits stand around marks only, the stretch is aligned again counting a
    matched character twice a matched mark, and taken if more characters match.
    """
    out: list[Region] = []
    k = 0
    while k < len(regions):
        r = regions[k]
        nxt = regions[k + 1] if k + 1 < len(regions) else None
        if nxt is None or r.kind or nxt.kind:
            out.append(r)
            k += 1
            continue
        gap = a[r.a_end : nxt.a_start]
        x, y = a[r.a_start : nxt.a_end], b[r.b_start : nxt.b_end]
        if not (0 < len(gap) <= 2 and not _HAN.search(gap) and not any(c.isalnum() for c in gap)):
            out.append(r)
            k += 1
            continue
        if max(len(x), len(y)) > _REALIGN:
            out.append(r)
            k += 1
            continue
        better = _weighted(x, y)
        kept = sum(2 if _HAN.match(c) else 1 for c in gap)
        if better[0] <= kept:
            out.append(r)
            k += 1
            continue
        out += [
            Region(r.a_start + x0, r.a_start + x1, r.b_start + y0, r.b_start + y1)
            for x0, x1, y0, y1 in better[1]
        ]
        k += 2
    return out


def _weighted(x: str, y: str) -> tuple[int, list[tuple[int, int, int, int]]]:
    """The alignment of ``x`` and ``y`` matching most (a Han character 2, anything else 1):
    its score and its edits ``(x0, x1, y0, y1)``."""
    n, m = len(x), len(y)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            score = max(best[i + 1][j], best[i][j + 1])
            if x[i] == y[j]:
                score = max(score, best[i + 1][j + 1] + (2 if _HAN.match(x[i]) else 1))
            best[i][j] = score
    edits: list[tuple[int, int, int, int]] = []
    i = j = 0
    start: tuple[int, int] | None = None
    while i < n or j < m:
        weight = 2 if i < n and _HAN.match(x[i]) else 1
        if i < n and j < m and x[i] == y[j] and best[i][j] == best[i + 1][j + 1] + weight:
            if start is not None:
                edits.append((start[0], i, start[1], j))
                start = None
            i, j = i + 1, j + 1
            continue
        if start is None:
            start = (i, j)
        if i < n and (j == m or best[i][j] == best[i + 1][j]):
            i += 1
        else:
            j += 1
    if start is not None:
        edits.append((start[0], n, start[1], m))
    return best[0][0], edits


def word_units(regions: list[Region], a: str, b: str) -> list[Region]:
    """Join the pieces of one reworded word or phrase into one substitution.

    A diff splits 势头 / 态势 around the 势 both keep, into an insertion of
    态 and a deletion of 头; accepting one half writes 蔓延态势头, which
    nobody wrote.  An editor marks the word once.  Two neighbouring edits
    are one, whatever the characters they keep between them (one or two Han
    characters, ``_WORD_GAP``), when

    - one adds and the other drops, a word's worth each (``_SHIFT_PIECE``):
      the kept characters stand in another place of the word (强化 / 加强,
      全力以赴 / 竭尽全力);
    - both are longer than what they keep between them: a phrase reworded
      around a character or a word it keeps (全力保障医疗物资供应 / 统筹调配
      生活物资储备);
    - or both sides of the whole stretch are words (千方百计 / 想方设法):
      two slips one character apart (城乡接合部 / 城乡结合布) make a word on
      the copy's side by chance only, so they stay two loci.

    Measured on real rewrites and on slips (bench/bench_units.py).
    """
    out: list[Region] = []
    for r in regions:
        if out and _one_word(out[-1], r, a, b):
            prev = out.pop()
            r = Region(prev.a_start, r.a_end, prev.b_start, r.b_end)
        out.append(r)
    return out


def _one_word(x: Region, y: Region, a: str, b: str) -> bool:
    """Whether two neighbouring edits are pieces of one reworded word or phrase."""
    gap = y.a_start - x.a_end
    if x.kind or y.kind or not 0 < gap <= _WORD_GAP:
        return False
    pieces = (a[x.a_start : y.a_end], b[x.b_start : y.b_end])
    if not all(_HAN.fullmatch(p) for p in pieces):
        return False  # a mark or a line break: another word, another clause
    sides = ((x.a_end - x.a_start, x.b_end - x.b_start), (y.a_end - y.a_start, y.b_end - y.b_start))
    (xa, xb), (ya, yb) = sides
    shift = (not xa and not yb) or (not xb and not ya)
    if shift and max(xa, xb, ya, yb) <= _SHIFT_PIECE:
        return True
    if min(max(xa, xb), max(ya, yb)) >= max(2, gap):
        return True
    return all(is_word(p) for p in pieces)


def _jump_lines_apart(regions: list[Region], a: str, b: str) -> list[Region]:
    """A newspaper's continuation line at the edge of text one side lacks, as a locus of its own.

    One copy goes on after 【下转第5版】 where the other stops: the line is to
    be deleted whatever is decided about the text after it, so it is not one
    reading with that text.  Both stand at the same point of the other text.
    """
    out: list[Region] = []
    for r in regions:
        deletion = r.b_start == r.b_end and r.a_start < r.a_end
        insertion = r.a_start == r.a_end and r.b_start < r.b_end
        if r.kind or not (deletion or insertion):
            out.append(r)
            continue
        text, s, e = (a, r.a_start, r.a_end) if deletion else (b, r.b_start, r.b_end)
        head = JUMP_LINE.match(text, s, e)
        tail = next((m for m in JUMP_LINE.finditer(text, s, e) if m.end() == e), None)
        cut = head.end() if head else tail.start() if tail else None
        if cut is None or not s < cut < e:
            out.append(r)
            continue
        if deletion:
            out += [Region(s, cut, r.b_start, r.b_end), Region(cut, e, r.b_start, r.b_end)]
        else:
            out += [Region(r.a_start, r.a_end, s, cut), Region(r.a_start, r.a_end, cut, e)]
    return out


def _pure_where_equal(regions: list[Region], a: str, b: str) -> list[Region]:
    """An absorbed region that is one side plus an equal edge, back to a pure edit.

    An added sentence that contains the character after it (他 in
    他表示…。 added before 他说) may be aligned with a chance match on that
    character inside the insertion; absorbing the match then reports a
    substitution of 他 by the sentence and 他.  Trimmed of what both sides
    share at the edges, it is the insertion it was.  A region that stays
    two-sided after trimming is left as absorbed.
    """
    out: list[Region] = []
    for r in regions:
        a0, a1, b0, b1 = r.a_start, r.a_end, r.b_start, r.b_end
        if r.kind or a0 == a1 or b0 == b1:
            out.append(r)
            continue
        while a0 < a1 and b0 < b1 and a[a0] == b[b0]:
            a0, b0 = a0 + 1, b0 + 1
        while a0 < a1 and b0 < b1 and a[a1 - 1] == b[b1 - 1]:
            a1, b1 = a1 - 1, b1 - 1
        out.append(Region(a0, a1, b0, b1) if a0 == a1 or b0 == b1 else r)
    return out


_SENTENCE_ENDS = frozenset(SENTENCE_ENDS)
_CLAUSE_MARKS = frozenset("，、；：;:,")
_OPENING = frozenset("“‘「『（(《〈【〔［")
_CLOSING = frozenset("”’」』）)》〉】〕］")
_STRAIGHT_QUOTES = frozenset(STRAIGHT_QUOTES)


def _closes(text: str, k: int) -> bool:
    """Whether ``text[k]`` is a closing mark (a straight quote closes unless it opens)."""
    c = text[k]
    if c in _CLOSING:
        return True
    if c not in _STRAIGHT_QUOTES:
        return False
    return k > 0 and text[k - 1] not in _CLAUSE_MARKS and text[k - 1] not in _OPENING | {"\n"}


def _opens(text: str, k: int) -> bool:
    return text[k] in _OPENING or (text[k] in _STRAIGHT_QUOTES and not _closes(text, k))


def boundary_score(text: str, i: int) -> int:
    """How well an edit's edge at ``i`` (between ``text[i-1]`` and ``text[i]``) suits an editor.

    diff-match-patch's semantic score for Chinese prose: the text's ends and
    paragraph breaks first, then a sentence end (with its closing quote),
    then a clause mark or a quotation's edge; an edge that parts a mark from
    the text it ends scores nothing.  Marks are read in either width, since
    the width rule folds ，to , and “” to straight quotes.
    """
    if i <= 0 or i >= len(text):
        return 6
    x, y = text[i - 1], text[i]
    if x == "\n":
        return 5
    if y == "\n":
        return 4
    if y in _SENTENCE_ENDS or y in _CLAUSE_MARKS or _closes(text, i):
        return 0
    k = i - 1
    while k > 0 and _closes(text, k):
        k -= 1
    if text[k] in _SENTENCE_ENDS:
        return 3
    if x in _CLAUSE_MARKS or k < i - 1 or _opens(text, i):
        return 2
    return 0


def _slide_to_boundaries(regions: list[Region], a: str, b: str) -> list[Region]:
    """Slide each pure insertion or deletion to its best equivalent place.

    A dropped sentence between two sentences ending in 。 can be read as
    ``S。`` or as ``。S`` (the previous full stop and all of S but its own):
    the same diff, but an editor marks the sentence with its own closing
    mark.  Like diff-match-patch's ``diff_cleanupSemanticLossless`` (and
    git's indent heuristic for lines), every placement with the same effect,
    within the equal text between the neighbouring regions, is scored by
    :func:`boundary_score` at both edges; the region moves only to a
    strictly better one, so ties keep the aligner's choice.
    """
    out: list[Region] = []
    for k, r in enumerate(regions):
        deletion = r.b_start == r.b_end and r.a_start < r.a_end
        insertion = r.a_start == r.a_end and r.b_start < r.b_end
        if r.kind or not (deletion or insertion):
            out.append(r)
            continue
        prev = out[-1] if out else None
        nxt = regions[k + 1] if k + 1 < len(regions) else None
        text, s, e = (a, r.a_start, r.a_end) if deletion else (b, r.b_start, r.b_end)
        # room to the left and right: the equal stretches up to the neighbours
        left_room = min(
            r.a_start - (prev.a_end if prev else 0), r.b_start - (prev.b_end if prev else 0)
        )
        right_room = min(
            (nxt.a_start if nxt else len(a)) - r.a_end, (nxt.b_start if nxt else len(b)) - r.b_end
        )
        lo = 0
        while lo < left_room and text[s - lo - 1] == text[e - lo - 1]:
            lo += 1
        hi = 0
        while hi < right_room and text[s + hi] == text[e + hi]:
            hi += 1
        if not lo and not hi:
            out.append(r)
            continue
        best, best_score = 0, boundary_score(text, s) + boundary_score(text, e)
        for d in range(-lo, hi + 1):
            score = boundary_score(text, s + d) + boundary_score(text, e + d)
            if score > best_score:
                best, best_score = d, score
        out.append(
            Region(r.a_start + best, r.a_end + best, r.b_start + best, r.b_end + best)
            if best
            else r
        )
    return out


def _slide_beside_moves(regions: list[Region], a: str, b: str) -> list[Region]:
    """Gather what was dropped (or added) right beside a move on the side an editor marks.

    A sentence dropped right after a moved paragraph, ``。M S。R`` against
    ``。R``, may be aligned as the first full stop, the move and ``S``:
    the dropped sentence loses its full stop to a one-character deletion
    before the move.  All of it goes at one point of the other text, so the
    whole block (the move fixed inside it) slides like a pure deletion;
    the placement with the fewest pieces besides the move, then the best
    boundaries, wins.  The same holds for what was added beside a move's
    arrival.
    """
    out = list(regions)
    k = 0
    while k < len(out):
        m = out[k]
        if m.kind != "move" or m.move_id is None:
            k += 1
            continue
        leaving = m.b_start == m.b_end
        i = k - 1 if k and _beside(out[k - 1], m, leaving, before=True) else k
        j = k + 1 if k + 1 < len(out) and _beside(out[k + 1], m, leaving, before=False) else k
        if i == j:
            k += 1
            continue
        text, other = (a, b) if leaving else (b, a)
        xs, ye = _span(out[i], leaving)[0], _span(out[j], leaving)[1]
        ms, me = _span(m, leaving)
        pt = _span(m, not leaving)[0]
        prev = out[i - 1] if i else None
        nxt = out[j + 1] if j + 1 < len(out) else None
        left_room = min(
            xs - (_span(prev, leaving)[1] if prev else 0),
            pt - (_span(prev, not leaving)[1] if prev else 0),
        )
        right_room = min(
            (_span(nxt, leaving)[0] if nxt else len(text)) - ye,
            (_span(nxt, not leaving)[0] if nxt else len(other)) - pt,
        )
        d = _block_shift(text, (xs, ye), (ms, me), left_room, right_room)
        if not d:
            k = j + 1
            continue
        block: list[Region] = []
        for s, e, kind, mid in (
            (xs + d, ms, "", None),
            (ms, me, m.kind, m.move_id),
            (me, ye + d, "", None),
        ):
            if s < e:
                block.append(_at(s, e, pt + d, leaving, kind, mid))
        out[i : j + 1] = block
        k = i + len(block)
    return out


def _span(r: Region, leaving: bool) -> tuple[int, int]:
    """The region's span in the text a move left (``leaving``: the source) or arrived in."""
    return (r.a_start, r.a_end) if leaving else (r.b_start, r.b_end)


def _at(s: int, e: int, p: int, leaving: bool, kind: str, move_id: int | None) -> Region:
    """``[s, e)`` of one text at point ``p`` of the other."""
    if leaving:
        return Region(s, e, p, p, kind, move_id)
    return Region(p, p, s, e, kind, move_id)


def _beside(r: Region, m: Region, leaving: bool, *, before: bool) -> bool:
    """Whether ``r`` is a plain one-sided edit at the move's point, touching it."""
    s, e = _span(r, leaving)
    ms, me = _span(m, leaving)
    if r.kind or s == e or _span(r, not leaving) != _span(m, not leaving):
        return False
    return e == ms if before else s == me


def _block_shift(
    text: str, block: tuple[int, int], fixed: tuple[int, int], left_room: int, right_room: int
) -> int:
    """How far to slide ``text[block]`` (keeping ``text[fixed]`` inside it), 0 if no better."""
    xs, ye = block
    ms, me = fixed
    lo = 0
    while lo < left_room and ye - lo - 1 >= me and text[xs - lo - 1] == text[ye - lo - 1]:
        lo += 1
    hi = 0
    while hi < right_room and xs + hi < ms and text[xs + hi] == text[ye + hi]:
        hi += 1

    def rank(d: int) -> tuple[int, int, bool]:
        pieces = [(s, e) for s, e in ((xs + d, ms), (me, ye + d)) if s < e]
        score = sum(boundary_score(text, s) + boundary_score(text, e) for s, e in pieces)
        return (-len(pieces), score, d == 0)

    return max(range(-lo, hi + 1), key=rank)


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
        if (a0, a1, b0, b1) == (r.a_start, r.a_end, r.b_start, r.b_end):
            widened = r  # most regions cut no group: the same region, not a copy of it
        else:
            kind = r.kind if (a0, a1) == (r.a_start, r.a_end) else ""
            widened = Region(a0, a1, b0, b1, kind, r.move_id if kind == r.kind else None)
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
