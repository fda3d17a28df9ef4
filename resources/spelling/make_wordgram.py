"""Make wordgram.bin, the word model of the spelling check's function words, from open-gram.

Which of 的, 地 and 得 (or 在/再, 那/哪, 阿/啊, 做/作, 像/象, 已/以) a writer
meant is a matter of the words on either side: 认真地学习, 跑得快, 认真的人.
open-gram's word bigram model (CC BY-SA 3.0, read as ``make_chargram.py``
beside this file describes) knows those words: this script keeps, for each of
these characters X, the listed probabilities P(X | the word before) and
P(the word after | X), and what the model backs off to where a pair is not
listed (the word's backoff weight and unigram probability).

Pairs counted less than ``--min`` times in a nominal 10⁹ words are left out
(the model then backs off for them, as for any pair it does not list).

The file, zlib-compressed UTF-8 text, one line per entry, tab-separated::

    X   char   log P(char)   log backoff(char)
    L   word   log backoff(word)   X log P(X | word)  X log P(X | word) ...
    R   word   log P(word)         X log P(word | X)  ...

(natural logs, two decimals; the word ``""`` is the edge of a sentence).

    python resources/spelling/make_wordgram.py lm_sc.arpa \\
        deb/usr/lib/x86_64-linux-gnu/sunpinyin/data/pydict_sc.bin
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from pathlib import Path

from make_chargram import one_and_two, word_model  # type: ignore[import-not-found]

GROUPS = ("的地得", "在再", "那哪", "阿啊", "做作", "像象", "已以")
"""Characters one of which a writer may put for another of the same group."""
NOMINAL = 1e9
_HAN = re.compile("^[\u4e00-\u9fff]*$")


def read(arpa: Path, words: list[str], least: float) -> str:
    """The file's text (see the module's docstring)."""
    chars = {c for g in GROUPS for c in g}
    ids = {i for i, w in enumerate(words) if w in chars}

    def word(i: int) -> str:
        return words[i] if i < len(words) else "?"

    uni: dict[int, tuple[float, float]] = {}
    left: dict[int, dict[str, float]] = defaultdict(dict)
    right: dict[int, dict[str, float]] = defaultdict(dict)
    for order, p in one_and_two(arpa):
        if order == 1:
            uni[int(p[0])] = (float(p[1]), float(p[2]))
        else:
            i, j, prob = int(p[0]), int(p[1]), float(p[2])
            often = uni[i][0] * prob * NOMINAL >= least
            if often and j in ids and _HAN.match(word(i)):
                left[i][word(j)] = prob
            if often and i in ids and _HAN.match(word(j)):
                right[j][word(i)] = prob
    lines = []
    for i in sorted(ids):
        p, bow = uni[i]
        lines.append(f"X\t{word(i)}\t{math.log(p):.2f}\t{math.log(bow):.2f}")
    for tag, table in (("L", left), ("R", right)):
        for i, probs in sorted(table.items()):
            p, bow = uni[i]
            head = math.log(bow) if tag == "L" else math.log(p)
            cells = "\t".join(f"{x}\t{math.log(v):.2f}" for x, v in sorted(probs.items()))
            lines.append(f"{tag}\t{word(i)}\t{head:.2f}\t{cells}")
    return "\n".join(lines) + "\n"


def main() -> None:
    out, text = word_model(__doc__ or "", "wordgram.bin", 1000.0, read)
    print(f"{out}: {text.count(chr(10)):,} lines, {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
