"""Which words like to stand side by side: 保护 | 环境, 很好的 | 机会.

A word bigram model of web Chinese (open-gram, CC BY-SA 3.0) cut down to the
pairs it counted at least 1,000 times in a nominal 10⁹ words
(``resources/spelling/wordpairs.bin``, made by ``make_wordpairs.py`` beside it),
each kept as its association, log P(b | a) − log P(b).  The spelling check asks
it how much better the word a replacement makes goes with the word before it
and the word after it than what is written there does: the character model's
three characters see less of a long word.

A pair the model does not list is backed off to as the model does: the first
word's backoff weight.  A word the model does not know speaks for nothing (0).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["PairModel", "pair_model", "read"]

_MAX_WORD = 4
"""The longest word looked for on either side (jieba's index keeps words this long)."""


@dataclass(frozen=True)
class PairModel:
    """The lexicon's words with their log backoff weights, and the listed pairs."""

    backoff: dict[str, float]
    """word → its log backoff weight; ``""`` is a sentence's edge."""
    pairs: dict[str, float]
    """``a + "\t" + b`` → log P(b | a) − log P(b) (a string key and shared values: half the
    memory of tuples, 13 MB in all)."""

    def association(self, a: str | None, b: str | None) -> float:
        """How much likelier ``b`` is after ``a`` than anywhere (nats); 0 where either is not
        a word the model knows (``None``)."""
        if a is None or b is None or a not in self.backoff or b not in self.backoff:
            return 0.0
        got = self.pairs.get(a + "\t" + b)
        return got if got is not None else self.backoff[a]

    def before(self, run: str, s: int) -> str | None:
        """The longest word the model knows ending at ``run[s]``; "" at the run's start."""
        if s == 0:
            return ""
        for k in range(min(_MAX_WORD, s), 0, -1):
            if run[s - k : s] in self.backoff:
                return run[s - k : s]
        return None

    def after(self, run: str, e: int) -> str | None:
        """The longest word the model knows starting at ``run[e]``; "" at the run's end."""
        n = len(run)
        if e == n:
            return ""
        for k in range(min(_MAX_WORD, n - e), 0, -1):
            if run[e : e + k] in self.backoff:
                return run[e : e + k]
        return None

    def gain(self, run: str, i: int, r: str, span: tuple[int, int]) -> float:
        """How much better (nats) the word ``r`` makes over ``span`` of ``run`` goes with the
        words on either side than what is written there: the longest word the model knows
        at each end of the span as written."""
        s, e = span
        written = run[s:e]
        made = run[s:i] + r + run[i + 1 : e]
        first = next(
            (written[:k] for k in range(e - s, 0, -1) if written[:k] in self.backoff), None
        )
        last = next(
            (written[-k:] for k in range(e - s, 0, -1) if written[-k:] in self.backoff), None
        )
        word = made if made in self.backoff else None
        prev, nxt = self.before(run, s), self.after(run, e)
        return (
            self.association(prev, word)
            + self.association(word, nxt)
            - self.association(prev, first)
            - self.association(last, nxt)
        )


def read(data: bytes) -> PairModel:
    """A model from the bytes of a file ``make_wordpairs.py`` wrote."""
    backoff: dict[str, float] = {}
    pairs: dict[str, float] = {}
    values: dict[str, float] = {}  # a few hundred distinct ones, in steps of 0.1
    for line in zlib.decompress(data).decode("utf-8").splitlines():
        tag, *cells = line.split("\t")
        if tag == "W" and len(cells) == 2:
            backoff[cells[0]] = values.setdefault(cells[1], float(cells[1]))
        elif tag == "P" and len(cells) == 3:
            pairs[cells[0] + "\t" + cells[1]] = values.setdefault(cells[2], float(cells[2]))
        else:
            raise ValueError("not a word pairs model")
    return PairModel(backoff, pairs)


@cache
def pair_model() -> PairModel:
    """The shipped model, read once."""
    path = resources.files("jiaokan_resources").joinpath("spelling", "wordpairs.bin")
    return read(path.read_bytes())
