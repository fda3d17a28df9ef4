"""Which of two function words the words around them ask for: 认真地学习, 跑得快, 认真的人.

A word bigram model of web Chinese (open-gram, CC BY-SA 3.0) cut down to the
pairs where one word is one of :data:`GROUPS` (``resources/spelling/wordgram.bin``,
made by ``make_wordgram.py`` beside it).  The spelling check asks it how much
likelier the word before and the word after find one character of a group
than another, where the character model's three characters are too short a
view (高兴的 | 跳 against 高兴地 | 跳 turns on the word 高兴 as a whole).

A pair the model does not list is backed off to as the model does: the
backoff weight of the first word times the unigram probability of the
second.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["GROUPS", "GROUP_OF", "WordModel", "read", "word_model"]

GROUPS = ("的地得", "在再", "那哪", "阿啊", "做作", "像象", "已以")
"""Characters one of which a writer may put for another of the same group
(``make_wordgram.py`` keeps the same tuple)."""
GROUP_OF = {c: g for g in GROUPS for c in g}
"""Each character of the groups → its group."""


@dataclass(frozen=True)
class WordModel:
    """The listed probabilities around each group's characters (natural logs)."""

    unigram: dict[str, float]
    """log P(x) and the log backoff weight of each character of the groups."""
    backoff: dict[str, float]
    before: dict[str, dict[str, float]]
    """word → {x: log P(x | word)}; and the word's log backoff weight in ``weight``."""
    weight: dict[str, float]
    after: dict[str, dict[str, float]]
    """word → {x: log P(word | x)}; and the word's log P in ``word_p``."""
    word_p: dict[str, float]

    def _left(self, prev: str, x: str) -> float:
        got = self.before.get(prev)
        if got is not None and x in got:
            return got[x]
        return self.weight.get(prev, 0.0) + self.unigram[x]

    def _right(self, x: str, nxt: str) -> float:
        got = self.after.get(nxt)
        if got is not None and x in got:
            return got[x]
        return self.backoff[x] + self.word_p.get(nxt, 0.0)

    def gain(self, prev: str, c: str, r: str, nxt: str) -> float:
        """How much likelier (nats) ``prev r nxt`` is than ``prev c nxt``, where ``c`` and ``r``
        are of one group: ``prev`` is the word before (its longest ending the model knows is
        looked up), ``nxt`` the word after (its longest beginning); "" for a sentence's edge."""
        a = self._known(prev, self.before, last=True)
        b = self._known(nxt, self.after, last=False)
        return self._left(a, r) + self._right(r, b) - self._left(a, c) - self._right(c, b)

    @staticmethod
    def _known(word: str, table: dict[str, dict[str, float]], *, last: bool) -> str:
        if not word:
            return ""
        for k in range(len(word)):
            w = word[k:] if last else word[: len(word) - k]
            if w in table:
                return w
        return "?"


def read(data: bytes) -> WordModel:
    """A model from the bytes of a file ``make_wordgram.py`` wrote."""
    unigram: dict[str, float] = {}
    backoff: dict[str, float] = {}
    before: dict[str, dict[str, float]] = {}
    weight: dict[str, float] = {}
    after: dict[str, dict[str, float]] = {}
    word_p: dict[str, float] = {}
    for line in zlib.decompress(data).decode("utf-8").splitlines():
        tag, word, head, *cells = line.split("\t")
        if tag == "X":
            unigram[word], backoff[word] = float(head), float(cells[0])
            continue
        probs = {cells[k]: float(cells[k + 1]) for k in range(0, len(cells) - 1, 2)}
        if tag == "L":
            before[word], weight[word] = probs, float(head)
        elif tag == "R":
            after[word], word_p[word] = probs, float(head)
        else:
            raise ValueError("not a word model")
    return WordModel(unigram, backoff, before, weight, after, word_p)


@cache
def word_model() -> WordModel:
    """The shipped model, read once."""
    path = resources.files("jiaokan_resources").joinpath("spelling", "wordgram.bin")
    return read(path.read_bytes())
