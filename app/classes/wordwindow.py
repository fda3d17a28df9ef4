"""How likely a window of text is as a sequence of words: the spelling check's word bigram model.

The character model (:mod:`app.classes.chargram`) sees three characters; this
segments the four characters either side of a replacement with open-gram's
lexicon and scores the best sequence of words with its word bigrams (CC BY-SA
3.0, ``resources/spelling/wordwindow.bin``, made by ``make_wordwindow.py``
beside it), with and without the replacement: 程度[怎→增]加 is weighed as
程度 | 增加 against 程度 | 怎 | 加, whatever the words' lengths.

A bigram the model does not list is backed off to as the model does (the first
word's backoff weight and the second's probability); a character the lexicon
lacks counts as a word seen once in a nominal 10⁹.  The window's edges are the
run's edges where they meet them (a sentence's edge in the model), else the
first word counts by its own probability.
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

__all__ = ["SIDE", "WindowModel", "read", "window_model"]

_MAGIC = b"JKWW1"
_STEP = 0.1
_UNKNOWN = math.log(1e-9)
"""A character the lexicon lacks."""
_MAX_WORD = 6
"""The longest word looked for."""
SIDE = 4
"""Characters either side of the one replaced (two or three gained less on the bars'
set, docs/spelling.md)."""


@dataclass(frozen=True)
class WindowModel:
    """open-gram's words with their log-probabilities and backoff weights, and its bigrams
    as sorted second words under each first word, searched where they lie."""

    ids: dict[str, int]
    """word → its number; 0 is a sentence's edge."""
    logp: list[float]
    backoff: list[float]
    starts: array[int]
    """Where each word's bigrams start in ``seconds``."""
    seconds: array[int]
    steps: bytes
    """Each bigram's −log P(b | a), in steps of :data:`_STEP`."""

    def transition(self, a: int, b: int) -> float:
        """log P(b | a), backed off where the model does not list it."""
        lo, hi = self.starts[a], self.starts[a + 1]
        k = bisect_left(self.seconds, b, lo, hi)
        if k < hi and self.seconds[k] == b:
            return -self.steps[k] * _STEP
        return self.backoff[a] + self.logp[b]

    def best(self, text: str, start: bool, end: bool) -> float:
        """The log-likelihood of the best sequence of words ``text`` can be cut into;
        ``start`` and ``end`` say whether its edges are a sentence's."""
        n, ids = len(text), self.ids
        states: list[dict[int, float]] = [{} for _ in range(n + 1)]
        states[0][0 if start else -1] = 0.0  # -1: no word before that the window sees
        for pos in range(n):
            here = states[pos]
            if not here:
                continue
            for e in range(pos + 1, min(n, pos + _MAX_WORD) + 1):
                w = ids.get(text[pos:e])
                if w is None:
                    if e > pos + 1:
                        continue
                    w = -2  # a character the lexicon lacks
                there = states[e]
                for prev, v in here.items():
                    if w == -2:
                        t = _UNKNOWN + (self.backoff[prev] if prev >= 0 else 0.0)
                    elif prev < 0:
                        t = self.logp[w]
                    else:
                        t = self.transition(prev, w)
                    if v + t > there.get(w, -math.inf):
                        there[w] = v + t
        if not end:
            return max(states[n].values())
        return max(
            v + (self.transition(w, 0) if w >= 0 else _UNKNOWN) for w, v in states[n].items()
        )

    def gain(
        self, run: str, i: int, r: str, known: dict[tuple[str, bool, bool], float] | None = None
    ) -> float:
        """How much likelier (nats) the window of :data:`SIDE` characters either side of
        ``run[i]`` is with ``r`` there.  ``known`` keeps the windows already scored (the
        window as written serves every replacement of its character), as long as the
        caller likes: one text, say."""
        lo, hi = max(0, i - SIDE), min(len(run), i + SIDE + 1)
        written = run[lo:hi]
        made = written[: i - lo] + r + written[i - lo + 1 :]
        start, end = lo == 0, hi == len(run)
        key = (written, start, end)
        before = known.get(key) if known is not None else None
        if before is None:
            before = self.best(written, start, end)
            if known is not None:
                known[key] = before
        return self.best(made, start, end) - before


def read(data: bytes) -> WindowModel:
    """A model from the bytes of a file ``make_wordwindow.py`` wrote."""
    body = zlib.decompress(data)
    if not body.startswith(_MAGIC):
        raise ValueError("not a word window model")
    at = len(_MAGIC)
    n, size = struct.unpack_from("<II", body, at)
    at += 8
    names = body[at : at + size].decode("utf-8").split("\n")
    at += size
    logp = [-s * _STEP for s in body[at : at + n]]
    at += n
    backoff = [b * _STEP for b in struct.unpack_from(f"<{n}b", body, at)]
    at += n
    starts = array("I")
    starts.frombytes(body[at : at + 4 * (n + 1)])
    at += 4 * (n + 1)
    m = starts[-1] if sys.byteorder == "little" else int.from_bytes(body[at - 4 : at], "little")
    seconds = array("I")
    seconds.frombytes(body[at : at + 4 * m])
    at += 4 * m
    if sys.byteorder != "little":
        starts.byteswap()
        seconds.byteswap()
    steps = body[at : at + m]
    if len(names) != n or len(steps) != m:
        raise ValueError("not a word window model")
    return WindowModel(
        {w: k for k, w in enumerate(names) if k}, logp, backoff, starts, seconds, steps
    )


@cache
def window_model() -> WindowModel:
    """The shipped model, read once."""
    path = resources.files("jiaokan_resources").joinpath("spelling", "wordwindow.bin")
    return read(path.read_bytes())
