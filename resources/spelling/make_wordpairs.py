"""Make wordpairs.bin, the word pairs of the spelling check, from open-gram's word model.

Whether a replacement fits is also a matter of the words on either side of the
word it makes: 保护[环境] against 保护[环]竟, 很[好的]机会.  The character model
(``make_chargram.py``) sees three characters; open-gram's word bigram model
(CC BY-SA 3.0, read as ``make_chargram.py`` beside this file describes) sees
two words whatever their length.  This script keeps, of that model:

* each Han word of its lexicon (71,730, and ``""`` for the edge of a sentence) with
  its log backoff weight: what a pair the model does not list is backed off to;
* each word pair counted at least ``--min`` times in a nominal 10⁹ words (1,000:
  45,400 pairs; 100 keeps 0.38 M and was no better on the bars' set,
  docs/spelling.md) with its association, log P(b | a) − log P(b).

The file, zlib-compressed UTF-8 text, one line per entry, tab-separated, natural
logs in steps of 0.1::

    W   word   log backoff(word)
    P   a   b   log P(b | a) - log P(b)

    python resources/spelling/make_wordpairs.py lm_sc.arpa \\
        deb/usr/lib/x86_64-linux-gnu/sunpinyin/data/pydict_sc.bin
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from make_chargram import one_and_two, word_model  # type: ignore[import-not-found]

NOMINAL = 1e9
_HAN = re.compile("^[\u4e00-\u9fff]+$")


def read(arpa: Path, words: list[str], least: float) -> str:
    """The file's text (see the module's docstring)."""

    def word(i: int) -> str | None:
        if i == 0:
            return ""  # the edge of a sentence
        w = words[i] if i < len(words) else ""
        return w if _HAN.match(w) else None

    uni: dict[str, tuple[float, float]] = {}
    lines = []
    for order, p in one_and_two(arpa):
        if order == 1:
            w = word(int(p[0]))
            if w is not None:
                uni[w] = (float(p[1]), float(p[2]))
                lines.append(f"W\t{w}\t{math.log(float(p[2])):.1f}")
        else:
            a, b, prob = word(int(p[0])), word(int(p[1])), float(p[2])
            if a is None or b is None or uni[a][0] * prob * NOMINAL < least:
                continue
            lines.append(f"P\t{a}\t{b}\t{math.log(prob) - math.log(uni[b][0]):.1f}")
    return "\n".join(lines) + "\n"


def main() -> None:
    out, text = word_model(__doc__ or "", "wordpairs.bin", 1000.0, read)
    pairs = text.count("\nP\t")
    print(f"{out}: {pairs:,} pairs, {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
