"""How likely a character is where it stands, from the characters before it: the spelling
check's context model.

A character trigram model, interpolated with fixed weights (Jelinek-Mercer):
P(c | a b) = 0.6·f(c | a b) + 0.3·f(c | b) + 0.1·f(c), the frequencies
counted from open-gram's word trigram model of Chinese web text (CC BY-SA 3.0,
``resources/spelling/chargram.bin``, made by ``make_chargram.py`` beside it,
where the counting is described).  A word list knows 环境 is a word; this
knows that after 保护 comes 环境 and not 环竟, and that 再见 is said where
在见 is not, across word boundaries too.

The edges of a run of Han characters stand as :data:`EDGE`, as sentence
edges and punctuation did in the counts.
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["EDGE", "CharModel", "Run", "char_model", "read"]

EDGE = "\x02"
_MAGIC = b"JKCG2"
_STEP = 0.1
_WEIGHTS = (0.1, 0.3, 0.6)
"""Of the unigram, the bigram and the trigram frequency."""
_FLOOR = 1e-9
"""A character the model never saw."""
_CODES = {1: "H", 2: "I", 3: "Q"}
"""The array type of an n-gram's number (16 bits a character): 2, 4 and 8 bytes."""


@dataclass(frozen=True)
class _Table:
    """The n-grams of one order as sorted numbers, searched where they lie: 5 MB for the
    model where a dict of strings took 90."""

    keys: array[int]
    steps: bytes
    value: list[float]
    """The weighted frequency of each one-byte step."""

    def get(self, key: int) -> float:
        i = bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            return self.value[self.steps[i]]
        return 0.0


@dataclass(frozen=True)
class CharModel:
    """Weighted frequencies of the character n-grams the model keeps."""

    uni: dict[str, float]
    bi: _Table
    tri: _Table

    def logp(self, a: str, b: str, c: str) -> float:
        """log P(c | a b)."""
        bc = ord(b) << 16 | ord(c)
        return math.log(self.uni.get(c, _FLOOR) + self.bi.get(bc) + self.tri.get(ord(a) << 32 | bc))


class Run:
    """One run of Han characters as the model sees it, with :data:`EDGE` at both ends;
    each character's log-probability is computed when first asked, so that a run where
    nothing is tried costs nothing."""

    def __init__(self, model: CharModel, run: str, memo: dict[str, float] | None = None) -> None:
        self.model = model
        self.padded = EDGE + run + EDGE
        self._known: dict[int, float] = {}
        self._memo = {} if memo is None else memo
        """Trigrams already scored, shared by the runs of one text: they recur."""

    def _trigram(self, a: str, b: str, c: str) -> float:
        key = a + b + c
        v = self._memo.get(key)
        if v is None:
            v = self._memo[key] = self.model.logp(a, b, c)
        return v

    def _logp(self, k: int) -> float:
        """log P of ``padded[k]`` given the two before it."""
        v = self._known.get(k)
        if v is None:
            p = self.padded
            v = self._known[k] = self._trigram(p[k - 2] if k >= 2 else EDGE, p[k - 1], p[k])
        return v

    def gain(self, i: int, r: str) -> float:
        """How much likelier the run is with ``r`` for its ``i``-th character (nats): the
        three trigrams that end on it and after it."""
        before, after = self.gains(i, r)
        return before + after

    def gains(self, i: int, r: str) -> tuple[float, float]:
        """:meth:`gain` in two: the trigram that ends on the character (what comes before
        asks for it) and the two after it (what it asks for)."""
        j, p = i + 1, self.padded
        end = min(j + 3, len(p))
        o = j - 2 if j >= 2 else 0  # where ``new`` starts in ``padded``
        new = p[o:j] + r + p[j + 1 : end]
        parts = [0.0, 0.0]
        for k in range(j, end):
            m = k - o
            a = new[m - 2] if m >= 2 else EDGE
            parts[k > j] += self._trigram(a, new[m - 1], new[m]) - self._logp(k)
        return parts[0], parts[1]


def read(data: bytes) -> CharModel:
    """A model from the bytes of a file ``make_chargram.py`` wrote."""
    body = zlib.decompress(data)
    if not body.startswith(_MAGIC):
        raise ValueError("not a character model")
    at = len(_MAGIC)
    tables: list[_Table] = []
    for n, weight in enumerate(_WEIGHTS, start=1):
        (count,) = struct.unpack_from("<I", body, at)
        at += 4
        keys = array(_CODES[n])
        keys.frombytes(body[at : at + keys.itemsize * count])
        if sys.byteorder == "little":
            keys.byteswap()  # the file's numbers are big-endian
        at += keys.itemsize * count
        steps = body[at : at + count]
        at += count
        value = [weight * math.exp(-s * _STEP) for s in range(256)]
        tables.append(_Table(keys, steps, value))
    uni = tables[0]
    chars = {chr(k): uni.value[s] + _FLOOR for k, s in zip(uni.keys, uni.steps, strict=True)}
    return CharModel(chars, tables[1], tables[2])


@cache
def char_model() -> CharModel:
    """The shipped model, read once (a few hundredths of a second)."""
    path = resources.files("jiaokan_resources").joinpath("spelling", "chargram.bin")
    return read(path.read_bytes())
