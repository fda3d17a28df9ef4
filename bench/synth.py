"""Deterministic synthetic Chinese prose and variants with known edits.

:func:`make_source` writes seeded prose from the word lists of
:mod:`bench.vocab`: sentences ending in 。！？ with ，、；：“” inside,
paragraphs of 3-8 sentences separated by ``"\\n"``.  Some sentences recur
(set phrases) and 5-10% of the paragraphs are verbatim copies of earlier
ones, so long passages are not unique.

:func:`make_case` derives a variant from a source by injecting known edits
(see :mod:`bench.variant`) and records them, in source coordinates, as the
truth the engine and its peers are scored against.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from bench import vocab

END_MARKS = "。。。。。。！？"


class Prose:
    """A seeded writer of sentences and paragraphs."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.set_phrases = [self._plain_sentence() for _ in range(40)]
        self._templates: list[Callable[[], str]] = [
            self._t_action,
            self._t_action,
            self._t_is,
            self._t_where,
            self._t_where,
            self._t_said,
            self._t_because,
            self._t_list,
            self._t_count,
            self._t_year,
            self._t_semicolon,
            self._t_acronym,
            self._t_passive,
            self._t_compare,
            self._t_dated,
        ]

    # -- pieces ---------------------------------------------------------------

    def pick(self, words: tuple[str, ...]) -> str:
        return self.rng.choice(words)

    def noun_phrase(self) -> str:
        r = self.rng.random()
        n = self.pick(vocab.NOUNS)
        if r < 0.3:
            return self.pick(vocab.ADJECTIVES) + "的" + n
        if r < 0.45:
            return self.pick(vocab.PLACES) + "的" + n
        if r < 0.6:
            return self.pick(vocab.NOUNS) + n
        if r < 0.7:
            return self.pick(vocab.NOUNS) + "和" + n
        return n

    def subject(self) -> str:
        if self.rng.random() < 0.4:
            return self.pick(vocab.PEOPLE)
        return self.noun_phrase()

    def adverb(self) -> str:
        return self.pick(vocab.ADVERBS) if self.rng.random() < 0.5 else ""

    def clause(self) -> str:
        r = self.rng.random()
        v = self.pick(vocab.VERBS)
        if r < 0.35:
            return f"{self.subject()}{self.adverb()}{v}了{self.noun_phrase()}"
        if r < 0.6:
            return (
                f"{self.subject()}{self.adverb()}是{self.noun_phrase()}的{self.pick(vocab.NOUNS)}"
            )
        if r < 0.8:
            return f"{self.subject()}在{self.noun_phrase()}{self.pick(vocab.PLACE_NOUNS)}{v}"
        return f"{self.subject()}对{self.noun_phrase()}{self.adverb()}{v}"

    def year(self) -> str:
        return f"{self.rng.randint(1900, 2024)}年"

    # -- sentence templates ---------------------------------------------------

    def _t_action(self) -> str:
        lead = self.pick(vocab.TIMES) + "，" if self.rng.random() < 0.3 else ""
        return (
            f"{lead}{self.subject()}{self.adverb()}{self.pick(vocab.VERBS)}了"
            f"{self.noun_phrase()}，{self.clause()}"
        )

    def _t_is(self) -> str:
        return f"{self.noun_phrase()}是{self.noun_phrase()}的{self.pick(vocab.NOUNS)}"

    def _t_where(self) -> str:
        return (
            f"在{self.pick(vocab.PLACES)}的{self.pick(vocab.NOUNS)}"
            f"{self.pick(vocab.PLACE_NOUNS)}，{self.clause()}"
        )

    def _t_said(self) -> str:
        return f"{self.pick(vocab.PEOPLE)}{self.pick(vocab.SAYING_VERBS)}：“{self.clause()}。”"

    def _t_because(self) -> str:
        return f"{self.pick(vocab.CONNECTIVES)}，{self.clause()}，{self.clause()}"

    def _t_list(self) -> str:
        items = [self.pick(vocab.NOUNS) for _ in range(self.rng.randint(2, 4))]
        return (
            f"{self.subject()}{self.pick(vocab.VERBS)}了{'、'.join(items[:-1])}和{items[-1]}"
            f"等{self.pick(vocab.NOUNS)}"
        )

    def _t_count(self) -> str:
        return (
            f"{self.pick(vocab.PLACES)}共有{self.pick(vocab.NUMERALS)}{self.pick(vocab.MEASURES)}"
            f"{self.noun_phrase()}，{self.clause()}"
        )

    def _t_year(self) -> str:
        return f"{self.year()}{self.rng.randint(1, 12)}月，{self.clause()}"

    def _t_semicolon(self) -> str:
        return f"{self.clause()}；{self.clause()}"

    def _t_acronym(self) -> str:
        a = self.pick(vocab.ACRONYMS)
        n, v = self.pick(vocab.NOUNS), self.pick(vocab.VERBS)
        return f"{a}的{n}{self.adverb()}{v}了{self.noun_phrase()}"

    def _t_passive(self) -> str:
        return f"{self.noun_phrase()}被{self.subject()}{self.pick(vocab.VERBS)}了"

    def _t_compare(self) -> str:
        return (
            f"与{self.noun_phrase()}相比，{self.noun_phrase()}更加"
            f"{self.pick(vocab.ADJECTIVES)}，{self.clause()}"
        )

    def _t_dated(self) -> str:
        title = self.pick(vocab.NOUNS)
        return f"{self.pick(vocab.PEOPLE)}的《{title}》（{self.year()}）{self.clause()}"

    def _plain_sentence(self) -> str:
        return self.clause() + "。"

    # -- public ---------------------------------------------------------------

    def sentence(self) -> str:
        if self.rng.random() < 0.03:
            return self.rng.choice(self.set_phrases)
        body = self.rng.choice(self._templates)()
        if body.endswith("。”"):
            return body
        end = self.rng.choice(END_MARKS)
        if end == "？":
            body += self.rng.choice(vocab.QUESTION_ENDS)
        return body + end

    def paragraph(self) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(3, 8)))


def make_paragraphs(n_chars: int, seed: int, copy_share: float = 0.07) -> list[str]:
    """Paragraphs of at least ``n_chars`` characters in all (with separators).

    About ``copy_share`` of them (at least one when there are four or more)
    are verbatim copies of an earlier paragraph, never of the one just before.
    """
    rng = random.Random(f"source-{seed}")
    prose = Prose(rng)
    paragraphs: list[str] = []
    total = -1  # no separator before the first paragraph
    copies = 0
    while total < n_chars or (copies == 0 and len(paragraphs) >= 4):
        force = total >= n_chars
        if len(paragraphs) >= 2 and (force or rng.random() < copy_share):
            p = paragraphs[rng.randrange(0, len(paragraphs) - 1)]
            copies += 1
        else:
            p = prose.paragraph()
        paragraphs.append(p)
        total += len(p) + 1
    return paragraphs


def make_source(n_chars: int, seed: int = 1) -> str:
    """Seeded prose of about ``n_chars`` code points, paragraphs separated by ``"\\n"``."""
    return "\n".join(make_paragraphs(n_chars, seed))


def parse_size(text: str) -> int:
    """``"10k"`` -> 10_000, ``"1M"`` -> 1_000_000, ``"2500"`` -> 2500."""
    t = text.strip().lower()
    factor = 1
    if t.endswith("k"):
        factor, t = 1_000, t[:-1]
    elif t.endswith("m"):
        factor, t = 1_000_000, t[:-1]
    return int(float(t) * factor)


def size_label(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)
