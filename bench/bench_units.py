"""``make bench``: does the engine report divergences in the units an editor marks?

Each kind below is a set of documents of the project's synthetic prose
(:mod:`bench.synth`) with one known unit per paragraph, and a copy with that
unit changed as real copies change it (the word and phrase pairs are real
Chinese, :mod:`bench.units_data`).  Both are collated with the default
rules, and each unit is scored on what an editor sees:

* *one locus*: exactly one locus of the copy touches the unit's span;
* *editor's span*: and it has exactly the unit's span and reading (an
  equivalent placement of an insertion or deletion inside a run counts);
* *and class*: and its class is the one an editor would give it.

A moved paragraph is one unit scored whole: where it left and where it
arrived each one move locus, linked, the arrival reading the paragraph as
the source has it; each of its two inner edits one locus with its span,
reading and class, lying in the move at its arrival (``in_move``, ``parent``);
no transposition with an empty side; and accepting the move and the inner
edits (:meth:`Collation.rebuild`) gives the copy.  A pair of brackets or
quotation marks is one unit: its two halves each exact and linked as one fix
(``pair``).  Two slips one character apart are a control: they must stay
two loci.

Every kind has a *tune* half, looked at while the rules were settled, and
a *held-out* half that only was measured (units_data.split, other seeds).

    .venv/bin/python -m bench.bench_units [--examples]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.collation.collate import collate
from app.collation.loci import Locus, touches
from app.text.normalize import ALL_RULES, normalize
from bench import units_data as data
from bench.evaluate import Evaluator
from bench.synth import make_paragraphs
from bench.variant import Edit, is_han

WITNESS = "copy"
SINGLE = frozenset({"substitution", "homophone", "similar_shape", "variant_form", "script"})
"""The classes of a single-character slip, as today."""
REWORDED = frozenset({"reworded"})
INNER_CLASSES = {
    "sub": SINGLE,
    "del": frozenset({"extra"}),
    "ins": frozenset({"missing"}),
    "swap": frozenset({"swap"}),
    "dup": frozenset({"doubled"}),
}
PAIRS = (("（", "）", "insert"), ("“", "”", "delete"), ("《", "》", "“”"), ("‘", "’", "“”"))
"""Bracket pairs and what the copy does to them: adds, drops, or writes them as other marks."""
JUMP_LINES = ("【下转第5版】", "（下转第二版）", "【上接第1版】", "（上接1版）", "(转第4版)")
EDIT_CHARS = "政府市场企业工厂学校医院河流森林土地粮食铁路桥梁港口语言书籍报纸诗歌音乐"


def _normalize(text: str) -> Any:
    return normalize(text, ALL_RULES)


@dataclass(frozen=True)
class Unit:
    """One thing an editor marks: its edits (source coordinates) and the classes they take."""

    kind: str
    edits: tuple[Edit, ...]
    classes: tuple[frozenset[str], ...]
    label: str
    inner: tuple[int, ...] = ()
    """For a move: which of ``edits`` are the edits inside it (the first two are the move)."""


@dataclass
class Doc:
    source: str
    copy: str
    units: list[Unit] = field(default_factory=list)


@dataclass
class Tally:
    n: int = 0
    one: int = 0
    span: int = 0
    cls: int = 0
    misses: list[str] = field(default_factory=list)


# -- building documents --------------------------------------------------------------


def _paragraphs(seed: int, n: int) -> list[str]:
    """``n`` distinct paragraphs of prose (no copies of one another)."""
    seen: set[str] = set()
    out = []
    for p in make_paragraphs(n * 220, seed):
        if p not in seen and len(p) >= 60:
            seen.add(p)
            out.append(p)
    return out[:n]


def _trimmed(start: int, a: str, b: str) -> tuple[int, int, str]:
    """The span and reading of ``a`` → ``b`` at ``start`` without the ends they share."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[len(a) - 1 - s] == b[len(b) - 1 - s]:
        s += 1
    return start + p, start + len(a) - s, b[p : len(b) - s]


def _slot(p: str, avoid: str, rng: random.Random, *, after: str = "") -> int | None:
    """A place between two Han characters of ``p`` (after one of ``after``, if given) whose
    neighbours are none of ``avoid``: a neighbour equal to a character of the unit would
    give the diff another, equally short, way to say it."""
    places = [
        k
        for k in range(2, len(p) - 2)
        if is_han(p[k])
        and p[k] not in avoid
        and (p[k - 1] in after if after else is_han(p[k - 1]) and p[k - 1] not in avoid)
    ]
    return rng.choice(places) if places else None


def _assemble(parts: list[tuple[str, str, list[tuple[Unit, int]]]]) -> Doc:
    """Paragraphs ``(source, copy, units at paragraph offsets)`` joined into one document."""
    doc = Doc("", "")
    src: list[str] = []
    cpy: list[str] = []
    pos = 0
    for s, c, units in parts:
        for unit, _ in units:
            edits = tuple(
                Edit(e.start + pos, e.end + pos, e.reading, e.kind, e.detail) for e in unit.edits
            )
            doc.units.append(Unit(unit.kind, edits, unit.classes, unit.label, unit.inner))
        src.append(s)
        cpy.append(c)
        pos += len(s) + 1
    doc.source, doc.copy = "\n".join(src), "\n".join(cpy)
    return doc


def pair_doc(
    kind: str,
    pairs: Sequence[tuple[str, str]],
    seed: int,
    classes: frozenset[str],
    *,
    phrase: bool = False,
) -> Doc:
    """Each ``(source, copy)`` pair in a paragraph of its own: words between Han characters,
    phrases and sentences at a clause's start."""
    rng = random.Random(f"units-{kind}-{seed}")
    paras = _paragraphs(seed, len(pairs) + 5)
    parts: list[tuple[str, str, list[tuple[Unit, int]]]] = []
    for p, (a, b) in zip(paras, pairs, strict=False):
        k = _slot(p, a + b, rng, after="，。" if phrase else "")
        if k is None:
            continue
        tail = "，" if phrase and not a.endswith("。") else ""
        s, c = p[:k] + a + tail + p[k:], p[:k] + b + tail + p[k:]
        start, end, reading = _trimmed(k, a, b)
        unit = Unit(kind, (Edit(start, end, reading, "substitution"),), (classes,), f"{a}/{b}")
        parts.append((s, c, [(unit, 0)]))
    return _assemble(parts)


def close_slips_doc(seed: int, n: int) -> Doc:
    """Two single-character slips one character apart, in each paragraph."""
    rng = random.Random(f"units-close-{seed}")
    parts: list[tuple[str, str, list[tuple[Unit, int]]]] = []
    for p in _paragraphs(seed, n):
        sites = [
            i
            for i in range(2, len(p) - 4)
            if all(is_han(ch) for ch in p[i - 1 : i + 4]) and len(set(p[i - 1 : i + 4])) == 5
        ]
        if not sites:
            continue
        i = rng.choice(sites)
        c1 = rng.choice([ch for ch in EDIT_CHARS if ch not in p[i - 2 : i + 5]])
        c2 = rng.choice([ch for ch in EDIT_CHARS if ch not in p[i - 2 : i + 5] + c1])
        c = p[:i] + c1 + p[i + 1] + c2 + p[i + 3 :]
        edits = (Edit(i, i + 1, c1, "substitution"), Edit(i + 2, i + 3, c2, "substitution"))
        unit = Unit("close slips", edits, (SINGLE, SINGLE), f"{p[i : i + 3]}/{c[i : i + 3]}")
        parts.append((p, c, [(unit, 0)]))
    return _assemble(parts)


def bracket_doc(seed: int, n: int) -> Doc:
    """A few characters of each paragraph put in brackets by the copy, or taken out of
    quotation marks, or their marks written as others."""
    rng = random.Random(f"units-brackets-{seed}")
    parts: list[tuple[str, str, list[tuple[Unit, int]]]] = []
    for k, p in enumerate(_paragraphs(seed, n)):
        opening, closing, how = PAIRS[k % len(PAIRS)]
        spans = [
            (i, j)
            for i in range(2, len(p) - 12)
            for j in (i + rng.randint(3, 10),)
            if all(is_han(ch) for ch in p[i - 1 : j + 1])
        ]
        if not spans:
            continue
        i, j = rng.choice(spans)
        inner = p[i:j]
        if how == "insert":
            s, c = p, p[:i] + opening + inner + closing + p[j:]
            edits = (Edit(i, i, opening, "insertion"), Edit(j, j, closing, "insertion"))
        else:
            s = p[:i] + opening + inner + closing + p[j:]
            if how == "delete":
                c = p
                edits = (
                    Edit(i, i + 1, "", "deletion"),
                    Edit(j + 1, j + 2, "", "deletion"),
                )
            else:
                c = p[:i] + how[0] + inner + how[1] + p[j:]
                edits = (
                    Edit(i, i + 1, how[0], "substitution"),
                    Edit(j + 1, j + 2, how[1], "substitution"),
                )
        label = f"{opening}{inner}{closing} {how}"
        punct = frozenset({"punctuation"})
        parts.append((s, c, [(Unit("brackets", edits, (punct, punct), label), 0)]))
    return _assemble(parts)


def _inner_edit(text: str, lo: int, hi: int, how: str, rng: random.Random) -> Edit | None:
    """An edit of one of the kinds of :data:`INNER_CLASSES` inside ``text[lo:hi]``."""
    sites = [
        i
        for i in range(lo, hi - 3)
        if all(is_han(c) for c in text[i - 1 : i + 3]) and len(set(text[i - 1 : i + 3])) == 4
    ]
    if not sites:
        return None
    i = rng.choice(sites)
    near = text[i - 2 : i + 4]
    other = rng.choice([c for c in EDIT_CHARS if c not in near])
    if how == "sub":
        return Edit(i, i + 1, other, "substitution", "sub")
    if how == "del":
        return Edit(i, i + 1, "", "deletion", "del")
    if how == "ins":
        return Edit(i, i, other, "insertion", "ins")
    if how == "swap":
        return Edit(i, i + 2, text[i + 1] + text[i], "transposition", "swap")
    return Edit(i + 1, i + 1, text[i], "duplication", "dup")


def move_doc(seed: int, n: int) -> Doc:
    """Paragraphs moved far away, each with two edits inside on the way."""
    rng = random.Random(f"units-move-{seed}")
    paras = _paragraphs(seed, 12 * n)
    kinds = list(INNER_CLASSES)
    parts: list[tuple[str, str, list[tuple[Unit, int]]]] = []
    for m in range(n):
        block = paras[12 * m : 12 * m + 12]
        moved = block[2]
        if len(moved) < 80:
            continue
        first, second = rng.sample(kinds, 2)
        half = len(moved) // 2
        e1 = _inner_edit(moved, 6, half - 6, first, rng)
        e2 = _inner_edit(moved, half + 6, len(moved) - 6, second, rng)
        if e1 is None or e2 is None:
            continue
        edited = moved[: e1.start] + e1.reading + moved[e1.end : e2.start] + e2.reading
        edited += moved[e2.end :]
        src = "\n".join(block)
        cpy = "\n".join([*block[:2], *block[3:10], edited, *block[10:]])
        gone = len("\n".join(block[:2])) + 1
        arrive = len("\n".join(block[:10])) + 1
        edits = (
            Edit(gone, gone + len(moved) + 1, "", "move", "from"),
            Edit(arrive, arrive, moved + "\n", "move", "to"),
            Edit(gone + e1.start, gone + e1.end, e1.reading, e1.kind, e1.detail),
            Edit(gone + e2.start, gone + e2.end, e2.reading, e2.kind, e2.detail),
        )
        moved_cls = frozenset({"moved"})
        classes = (moved_cls, moved_cls, INNER_CLASSES[first], INNER_CLASSES[second])
        label = f"{moved[:8]}… with {first} and {second}"
        parts.append((src, cpy, [(Unit("move", edits, classes, label, (2, 3)), 0)]))
    return _assemble(parts)


def truncated_docs(seed: int, n: int) -> list[Doc]:
    """A copy that stops where the source goes on, and a source that stops where the copy
    goes on, half of them after a newspaper's continuation line (【下转第5版】), which is a
    unit of its own: the line to delete, the rest what the shorter text lacks."""
    rng = random.Random(f"units-truncated-{seed}")
    docs = []
    for k in range(n):
        paras = _paragraphs(seed * 100 + k, 10)
        cut = rng.randint(4, 7)
        head, tail = "\n".join(paras[:cut]), "\n".join(paras[cut:])
        at = len(head)
        jump = JUMP_LINES[k % len(JUMP_LINES)] if k % 2 else ""
        line = "\n" + jump if jump else ""
        rest = "\n" + tail
        truncated, jumping = frozenset({"truncated"}), frozenset({"jump_line"})
        if k % 4 < 2:  # the copy stops
            doc = Doc(head + line + rest, head)
            gone = at + len(line)
            units = [
                Unit(
                    "truncated",
                    (Edit(gone, gone + len(rest), "", "deletion"),),
                    (truncated,),
                    "copy stops",
                )
            ]
            if jump:
                units.append(
                    Unit(
                        "jump",
                        (Edit(at, gone, "", "deletion"),),
                        (jumping,),
                        f"{jump} in the source",
                    )
                )
        else:  # the source stops; the copy goes on
            doc = Doc(head, head + line + rest)
            units = [
                Unit("truncated", (Edit(at, at, rest, "insertion"),), (truncated,), "source stops")
            ]
            if jump:  # the line stands before the text it continues
                units.insert(
                    0,
                    Unit(
                        "jump",
                        (Edit(at, at, line, "insertion"),),
                        (jumping,),
                        f"{jump} in the copy",
                    ),
                )
        doc.units = units
        docs.append(doc)
    return docs


def jump_doc(seed: int, n: int) -> Doc:
    """A continuation line at a paragraph's end or start, in the copy or in the source."""
    rng = random.Random(f"units-jump-{seed}")
    parts: list[tuple[str, str, list[tuple[Unit, int]]]] = []
    jumping = frozenset({"jump_line"})
    for k, p in enumerate(_paragraphs(seed, 2 * n)):
        if k % 2:  # a paragraph between, so two lines are never neighbours
            parts.append((p, p, []))
            continue
        jump = JUMP_LINES[k // 2 % len(JUMP_LINES)]
        at_end = "下" in jump or "转" in jump[:2]
        marked = p + jump if at_end else jump + p
        where = len(p) if at_end else 0
        if rng.random() < 0.5:
            edit = Edit(where, where, jump, "insertion")
            parts.append(
                (p, marked, [(Unit("jump", (edit,), (jumping,), f"{jump} in the copy"), 0)])
            )
        else:
            edit = Edit(where, where + len(jump), "", "deletion")
            parts.append(
                (marked, p, [(Unit("jump", (edit,), (jumping,), f"{jump} in the source"), 0)])
            )
    return _assemble(parts)


def applied(doc: Doc) -> str:
    """The source with every unit applied: the copy (a move's inner edits go with it)."""
    edits: list[Edit] = []
    for unit in doc.units:
        if unit.kind != "move":
            edits += unit.edits
            continue
        gone, came, *inner = unit.edits
        text = came.reading
        for e in sorted(inner, reverse=True):
            s, t = e.start - gone.start, e.end - gone.start
            text = text[:s] + e.reading + text[t:]
        edits += [gone, Edit(came.start, came.end, text, "move")]
    out, last = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):  # stable: a line before its text
        out += [doc.source[last : e.start], e.reading]
        last = e.end
    return "".join([*out, doc.source[last:]])


# -- scoring -------------------------------------------------------------------------


class Scorer:
    """What the engine reported in one document, unit by unit."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.collation = collate(doc.source, [(WITNESS, doc.copy)])
        self.loci = [loc for loc in self.collation.loci if WITNESS in loc.readings]
        truth = [e for u in doc.units for e in u.edits]
        self.evaluator = Evaluator(_normalize(doc.source), truth, _normalize)
        self.index = {e: k for k, e in enumerate(self.evaluator.truth)}

    def touching(self, e: Edit) -> list[Locus]:
        """The copy's loci over ``e``, compared where the rules leave the texts (an insertion
        at a paragraph's start is the same as one at the previous paragraph's end)."""
        k = self.index[e]
        span = self.evaluator.normalized_span
        return [
            loc for loc in self.loci if self.evaluator.overlaps_truth(k, span(loc.start, loc.end))
        ]

    def exact(self, e: Edit, loc: Locus) -> bool:
        k = self.index[e]
        span = self.evaluator.normalized_span(loc.start, loc.end)
        return self.evaluator.exact_at(k, span, loc.readings[WITNESS])

    def single(self, unit: Unit, tally: Tally) -> None:
        """A unit of edits each reported as one locus of its own (or all as one)."""
        tally.n += 1
        found = [self.touching(e) for e in unit.edits]
        if any(len(f) != 1 for f in found):
            tally.misses.append(f"{unit.label}: {_shown(_distinct(found))}")
            return
        tally.one += 1
        if not all(self.exact(e, f[0]) for e, f in zip(unit.edits, found, strict=True)):
            tally.misses.append(f"{unit.label}: {_shown([f[0] for f in found])}")
            return
        tally.span += 1
        classes = [f[0].classes.get(WITNESS, "") for f in found]
        if all(c in ok for c, ok in zip(classes, unit.classes, strict=True)):
            tally.cls += 1
        else:
            tally.misses.append(f"{unit.label}: class {classes}")

    def beside(self, unit: Unit, tally: Tally) -> None:
        """A unit that shares its insertion point with another (a continuation line and the
        text after it): one of the loci there has exactly its effect, and its class."""
        tally.n += 1
        (e,) = unit.edits
        exact = [loc for loc in self.touching(e) if self.exact(e, loc)]
        if len(exact) != 1:
            tally.misses.append(f"{unit.label}: {_shown(self.touching(e))}")
            return
        tally.one += 1
        tally.span += 1
        cls = exact[0].classes.get(WITNESS, "")
        if cls in unit.classes[0]:
            tally.cls += 1
        else:
            tally.misses.append(f"{unit.label}: class {cls}")

    def pair(self, unit: Unit, tally: Tally) -> None:
        """Two halves, each exact, linked as one fix."""
        tally.n += 1
        found = [self.touching(e) for e in unit.edits]
        if any(len(f) != 1 for f in found):
            tally.misses.append(f"{unit.label}: {_shown(_distinct(found))}")
            return
        tally.one += 1
        halves = [f[0] for f in found]
        link = [getattr(h, "pair", None) for h in halves]
        exact = all(self.exact(e, h) for e, h in zip(unit.edits, halves, strict=True))
        if not exact or link[0] is None or link[0] != link[1]:
            tally.misses.append(f"{unit.label}: {_shown(halves)} linked {link}")
            return
        tally.span += 1
        classes = [h.classes.get(WITNESS, "") for h in halves]
        if all(c in ok for c, ok in zip(classes, unit.classes, strict=True)):
            tally.cls += 1
        else:
            tally.misses.append(f"{unit.label}: class {classes}")

    def move(self, unit: Unit, tally: Tally) -> None:
        tally.n += 1
        gone, came, *inner = unit.edits
        moves = [loc for loc in self.loci if loc.kind == "move"]
        left = [
            m for m in moves if m.end > m.start and touches(m.start, m.end, gone.start, gone.end)
        ]
        point = self.evaluator.normalized_span(came.start, came.end)
        here = [
            m
            for m in moves
            if m.start == m.end and self.evaluator.normalized_span(m.start, m.end) == point
        ]
        near = [*self.touching(gone), *here]
        empty_sided = [
            loc
            for loc in self.loci
            if loc.kind == "transposition"
            and not (loc.source_text and loc.readings[WITNESS])
            and (any(touches(loc.start, loc.end, m.start, m.end) for m in near))
        ]
        if len(left) != 1 or len(here) != 1 or empty_sided:
            pieces = _shown(sorted(left + here + empty_sided, key=_at))
            tally.misses.append(f"{unit.label}: {len(left)} + {len(here)} move loci {pieces}")
            return
        d, a = left[0], here[0]
        arrived_whole = _normalize(a.readings[WITNESS]).text == _normalize(came.reading).text
        tally.one += 1
        at = {id(loc): k for k, loc in enumerate(self.collation.loci)}
        inner_ok = True
        for e in inner:
            found = [loc for loc in self.touching(e) if loc.kind != "move"]
            nested = len(found) == 1 and (
                getattr(found[0], "in_move", None) == d.move_id is not None
                and found[0].parent == at[id(a)]
            )
            if not (nested and self.exact(e, found[0])):
                inner_ok = False
                tally.misses.append(f"{unit.label}: inner {e.detail} as {_shown(found)}")
        linked = d.move_id is not None and d.move_id == a.move_id
        rebuilt = _normalize(self.collation.rebuild(WITNESS)).text == _normalize(self.doc.copy).text
        if not (arrived_whole and self.exact(gone, d) and linked and inner_ok and rebuilt):
            if inner_ok:
                tally.misses.append(
                    f"{unit.label}: arrival whole {arrived_whole}, linked {linked}, "
                    f"rebuilds {rebuilt}"
                )
            return
        tally.span += 1
        classes = [d.classes.get(WITNESS), a.classes.get(WITNESS)] + [
            next(loc for loc in self.touching(e) if loc.kind != "move").classes.get(WITNESS)
            for e in inner
        ]
        if all(c in ok for c, ok in zip(classes, unit.classes, strict=True)):
            tally.cls += 1
        else:
            tally.misses.append(f"{unit.label}: class {classes}")


def _distinct(found: Sequence[Sequence[Locus]]) -> list[Locus]:
    seen: dict[int, Locus] = {id(loc): loc for f in found for loc in f}
    return sorted(seen.values(), key=_at)


def _at(loc: Locus) -> tuple[int, int]:
    return (loc.start, loc.end)


def _shown(loci: Sequence[Locus]) -> str:
    def short(t: str) -> str:
        t = t.replace("\n", "⏎")
        return t if len(t) <= 12 else t[:11] + "…"

    return " ".join(
        f"[{short(loc.source_text) or '∅'}→{short(loc.readings.get(WITNESS, '')) or '∅'}"
        f" {loc.kind}]"
        for loc in loci
    )


# -- the kinds -----------------------------------------------------------------------

Builder = Callable[[bool], list[Doc]]


def _seed(held_out: bool) -> int:
    return 2 if held_out else 1


KINDS: dict[str, tuple[Builder, str, str]] = {
    # name: (documents, how a unit is scored, which units of the documents)
    "word rewrite sharing a character": (
        lambda h: [
            pair_doc("word", data.split(data.WORD_REWRITES, held_out=h), _seed(h), REWORDED)
        ],
        "single",
        "word",
    ),
    "phrase rewrite sharing one inside": (
        lambda h: [
            pair_doc(
                "phrase",
                data.split(data.PHRASE_REWRITES, held_out=h),
                _seed(h),
                REWORDED,
                phrase=True,
            )
        ],
        "single",
        "phrase",
    ),
    "differing passage": (
        lambda h: [
            pair_doc(
                "passage",
                data.split(data.PASSAGES, held_out=h),
                40 + _seed(h),
                frozenset({"passage"}),
                phrase=True,
            )
        ],
        "single",
        "passage",
    ),
    "truncated text": (lambda h: truncated_docs(50 + _seed(h), 8), "beside", "truncated"),
    "newspaper continuation line": (
        lambda h: [jump_doc(60 + _seed(h), 20), *truncated_docs(50 + _seed(h), 8)],
        "beside",
        "jump",
    ),
    "moved paragraph with two inner edits": (
        lambda h: [move_doc(20 + _seed(h), 8)],
        "move",
        "move",
    ),
    "bracket or quotation pair": (lambda h: [bracket_doc(30 + _seed(h), 40)], "pair", "brackets"),
    "reordered word (control)": (
        lambda h: [
            pair_doc(
                "reorder", data.split(data.REORDERINGS, held_out=h), _seed(h), frozenset({"swap"})
            )
        ],
        "single",
        "reorder",
    ),
    "one-character slip in a word (control)": (
        lambda h: [pair_doc("slip", data.split(data.SINGLE_SLIPS, held_out=h), _seed(h), SINGLE)],
        "single",
        "slip",
    ),
    "two slips one character apart (control)": (
        lambda h: [close_slips_doc(10 + _seed(h), 40)],
        "single",
        "close slips",
    ),
}


def measure(held_out: bool) -> dict[str, Tally]:
    out: dict[str, Tally] = {}
    for name, (build, how, which) in KINDS.items():
        tally = Tally()
        for doc in build(held_out):
            scorer = Scorer(doc)
            for unit in doc.units:
                if unit.kind == which:
                    getattr(scorer, how)(unit, tally)
        out[name] = tally
    return out


def _share(k: int, n: int) -> str:
    return f"{k}/{n} = {k / n:.2f}" if n else "—"


def report(results: dict[str, dict[str, Tally]], examples: bool) -> None:
    print("| kind | set | n | one locus | with the editor's span | and class |")
    print("|:--|:--|--:|--:|--:|--:|")
    for name in KINDS:
        for label, tallies in results.items():
            t = tallies[name]
            print(
                f"| {name} | {label} | {t.n} | {_share(t.one, t.n)} | {_share(t.span, t.n)} "
                f"| {_share(t.cls, t.n)} |"
            )
    if examples:
        for label, tallies in results.items():
            for name, t in tallies.items():
                if t.misses:
                    print(f"\n{label} · {name}:")
                    for m in t.misses[:12]:
                        print(f"- {m}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_units", description=__doc__.split("\n")[0])
    parser.add_argument("--examples", action="store_true", help="list what was not one unit")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    print("# Divergences in an editor's units\n")
    results = {"tune": measure(False), "held out": measure(True)}
    report(results, args.examples)
    print(f"\nMeasured in {time.perf_counter() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
