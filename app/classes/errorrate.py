"""The error rate a publisher reports (差错率), from the corrections a proofreader accepted.

The weights are those of 《图书质量管理规定》 (新闻出版总署令第26号, 2004) and its
annex 《图书编校质量差错率计算方法》, section 三 (the errors of the text and of
punctuation); :data:`RULES` names the clause each comes from, and
docs/error-rate.md tables them.  What a project knows decides what can be
counted: the corrections (each locus whose decision changes the source) and
their classes, not the book's layout, so

* the characters are those of the source without whitespace (the rules count
  the printed page, 版面字数, which a text file does not have);
* errors of the title page, running heads, facts, logic and grammar have no
  class here and are not counted;
* "once a page" for a repeated wrong character applies where the pages are
  known: a text whose pages are separated by form feeds (``\\f``, as a PDF's
  text or a printed book's export has them); elsewhere each place counts.

The verdict: at most 1 error per 10,000 characters is 合格 (qualified).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["RULES", "Correction", "ErrorRate", "Item", "error_rate"]


@dataclass(frozen=True)
class Rule:
    weight: str
    """How the rule weighs, as its text says (1, 2, 4, 0.5, 0.1, "1.5 in all")."""
    clause: str
    """Where it stands in 《图书编校质量差错率计算方法》."""
    text: str
    """The rule, in the words of the annex (abridged)."""


RULES: dict[str, Rule] = {
    "character": Rule(
        "1",
        "三(一)1",
        "一般性错字、别字、多字、漏字、倒字，每处计1个差错；前后颠倒字，可以用一个校对符号改正的，"
        "每处计1个差错",
    ),
    "number": Rule("1", "三(一)1", "阿拉伯数字、罗马数字差错，无论几位数，都计1个差错"),
    "repeated": Rule(
        "1 a page, 4 in all", "三(一)2", "同一错字重复出现，每面计1个差错，全书最多计4个差错"
    ),
    "few": Rule("2", "三(一)2", "每处多、漏2～5个字，计2个差错"),
    "many": Rule("4", "三(一)2", "每处多、漏5个字以上，计4个差错"),
    "foreign": Rule(
        "1",
        "三(一)5",
        "外文、少数民族文字、国际音标，以一个单词为单位，无论其中几处有错，计1个差错",
    ),
    "letters": Rule(
        "0.5; 1.5 in all past 3",
        "三(一)6",
        "字母大小写和正斜体、黑白体误用，不同文种字母混用的，每处计0.5个差错；"
        "同一差错在全书超过3处，计1.5个差错",
    ),
    "script": Rule(
        "0.5; 1.5 in all past 3",
        "三(一)7",
        "简化字、繁体字混用，每处计0.5个差错；同一差错在全书超过3处，计1.5个差错",
    ),
    "variant": Rule(
        "0.5; 1.5 in all past 3",
        "三(一)7 (by analogy)",
        "异体字的误用，按简化字、繁体字混用计：每处0.5个差错，同一差错超过3处计1.5个差错",
    ),
    "punctuation": Rule("0.1", "三(二)1", "标点符号的一般错用、漏用、多用，每处计0.1个差错"),
}
"""Each rule Jiaokan applies, keyed by an id the JSON and the report use."""

_SUBSTITUTIONS = frozenset({"homophone", "similar_shape", "substitution"})
_LENGTHS = frozenset(
    {
        "missing",
        "extra",
        "doubled",
        "missing_sentence",
        "extra_sentence",
        "missing_paragraph",
        "extra_paragraph",
    }
)
_CAPPED = frozenset({"script", "variant", "letters"})
"""Rules whose same error past three places counts 1.5 in all."""


@dataclass(frozen=True)
class Correction:
    """One accepted change of the source: a locus, the reading decided and its class."""

    id: int
    start: int
    end: int
    source_text: str
    reading: str
    cls: str


@dataclass(frozen=True)
class Item:
    """A correction as the rules count it."""

    correction: Correction
    weight: float
    rule: str
    """An id of :data:`RULES`."""

    def to_json(self) -> dict[str, object]:
        c = self.correction
        return {
            "id": c.id,
            "start": c.start,
            "end": c.end,
            "source_text": c.source_text,
            "reading": c.reading,
            "class": c.cls,
            "weight": self.weight,
            "rule": self.rule,
            "clause": RULES[self.rule].clause,
        }


@dataclass(frozen=True)
class ErrorRate:
    characters: int
    errors: float
    items: tuple[Item, ...]
    pages_known: bool

    @property
    def per_10k(self) -> float:
        return self.errors * 10_000 / self.characters if self.characters else 0.0

    @property
    def verdict(self) -> str:
        """合格 at most 1 error per 10,000 characters, else 不合格."""
        return "合格" if self.per_10k <= 1 else "不合格"

    def to_json(self) -> dict[str, object]:
        return {
            "characters": self.characters,
            "errors": round(self.errors, 2),
            "per_10k": round(self.per_10k, 4),
            "verdict": self.verdict,
            "pages_known": self.pages_known,
            "items": [item.to_json() for item in self.items],
        }


_WHITESPACE = re.compile(r"\s")


@lru_cache(maxsize=4)
def characters(text: str) -> int:
    """The characters the rate is taken over: every one but whitespace.

    Kept for the last few texts: the window's status gives the rate after every
    decision.  Counted by the regex engine (``\\s`` is ``str.isspace``): a character at a
    time in Python, the first decision at 1M held the window's thread 50-80 ms."""
    return len(text) - len(_WHITESPACE.findall(text))


def _letters_only(a: str, b: str) -> bool:
    """Only the case of letters, or one alphabet for another, differs (N / И, 〇 / O)."""
    if len(a) != len(b) or not a:
        return False
    return all(x == y or (not _han(x) and not _han(y)) for x, y in zip(a, b, strict=True))


def _han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or c >= "\U00020000"


def _rule(c: Correction) -> tuple[str, float]:
    """The rule and weight of one correction on its own (before repetition counts)."""
    if c.cls in ("punctuation", "width"):
        return "punctuation", 0.1
    if c.cls == "script":
        return "script", 0.5
    if c.cls == "variant_form":
        return "variant", 0.5
    if c.cls == "number":
        return "number", 1.0
    if c.cls == "foreign":
        if _letters_only(c.source_text, c.reading):
            return "letters", 0.5
        return "foreign", 1.0
    if c.cls in _LENGTHS:
        n = abs(len(c.source_text) - len(c.reading)) or max(len(c.source_text), len(c.reading))
        return ("character", 1.0) if n <= 1 else ("few", 2.0) if n <= 5 else ("many", 4.0)
    if c.cls in _SUBSTITUTIONS and len(c.source_text) == len(c.reading):
        differing = sum(a != b for a, b in zip(c.source_text, c.reading, strict=True))
        return "character", float(max(1, differing))
    return "character", 1.0  # swap, moved and the rest: one mark corrects it


def error_rate(source: str, corrections: Sequence[Correction]) -> ErrorRate:
    """The rate of ``source`` under ``corrections`` (each a decided change of the source)."""
    pages_known = "\f" in source
    first: list[tuple[Correction, str, float]] = [(c, *_rule(c)) for c in corrections]
    # the same error more than three times: 1.5 in all, spread over its places
    same = Counter((r, c.source_text, c.reading) for c, r, _ in first if r in _CAPPED)
    # the same wrong character: once a page, at most 4 in all (where pages are known)
    seen_pages: dict[tuple[str, str], set[int]] = defaultdict(set)
    items = []
    for c, rule, weight in sorted(first, key=lambda t: (t[0].start, t[0].end)):
        key = (rule, c.source_text, c.reading)
        if rule in _CAPPED and same[key] > 3:
            weight = 1.5 / same[key]
        elif pages_known and rule == "character" and c.cls in _SUBSTITUTIONS:
            pages = seen_pages[(c.source_text, c.reading)]
            page = source.count("\f", 0, c.start)
            if page in pages or len(pages) >= 4:
                weight, rule = 0.0, "repeated"
            else:
                pages.add(page)
                if len(pages) > 1:
                    rule = "repeated"
        items.append(Item(c, round(weight, 4), rule))
    total = sum(item.weight for item in items)
    return ErrorRate(characters(source), total, tuple(items), pages_known)
