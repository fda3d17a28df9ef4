"""Make wordwindow.bin, the word bigram model of the spelling check, from open-gram's word model.

This keeps what it takes to segment a window of characters around a
replacement with open-gram's lexicon and score the words' sequence with its
word bigrams, with and without the replacement: every Han word of the lexicon
(71,730, and the edge of a sentence) with its probability and backoff weight,
and every bigram of two of them that the model lists (2.2 million; fewer lost
the gain on the bars' set, docs/spelling.md).

The file, zlib-compressed: ``JKWW1``, then the number of words n (4 bytes,
little-endian), the length in bytes of their text and the text (UTF-8, one a
line, the first empty: the edge), a byte for each word's −log P in steps of
0.1, a signed byte for its log backoff weight in steps of 0.1, n + 1 numbers
(4 bytes, little-endian) where each word's pairs start, the second word of
each pair (4 bytes, little-endian, ascending within each first word) and a
byte for each pair's −log P(b | a) in steps of 0.1.

    python resources/spelling/make_wordwindow.py lm_sc.arpa \\
        deb/usr/lib/x86_64-linux-gnu/sunpinyin/data/pydict_sc.bin

(``lm_sc.arpa`` as ``make_chargram.py`` describes.)
"""

from __future__ import annotations

import argparse
import math
import re
import struct
import zlib
from array import array
from pathlib import Path

from make_chargram import HERE, lexicon, one_and_two  # type: ignore[import-not-found]

MAGIC = b"JKWW1"
STEP = 0.1
_HAN = re.compile("^[\u4e00-\u9fff]+$")


def _byte(v: float) -> int:
    return min(255, max(0, round(v / STEP)))


def build(arpa: Path, words: list[str]) -> bytes:
    """The file's bytes, uncompressed (see the module's docstring)."""
    ids: dict[int, int] = {0: 0}  # the model's ids → ours; 0 the edge of a sentence
    names = [""]
    logp = [0]
    backoff = [0]
    pairs: dict[int, list[tuple[int, int]]] = {}
    for order, p in one_and_two(arpa):
        if order == 1:
            i = int(p[0])
            w = words[i] if 0 < i < len(words) else ""
            if i == 0:
                logp[0] = _byte(-math.log(float(p[1])))
                backoff[0] = max(-127, min(127, round(math.log(float(p[2])) / STEP)))
            elif _HAN.match(w):
                ids[i] = len(names)
                names.append(w)
                logp.append(_byte(-math.log(float(p[1]))))
                backoff.append(max(-127, min(127, round(math.log(float(p[2])) / STEP))))
        else:
            a, b = ids.get(int(p[0])), ids.get(int(p[1]))
            if a is not None and b is not None:
                pairs.setdefault(a, []).append((b, _byte(-math.log(float(p[2])))))
    starts = array("I", [0])
    seconds = array("I")
    values = bytearray()
    for a in range(len(names)):
        for b, v in sorted(pairs.get(a, [])):
            seconds.append(b)
            values.append(v)
        starts.append(len(seconds))
    text = "\n".join(names).encode("utf-8")
    out = [MAGIC, struct.pack("<II", len(names), len(text)), text]
    out += [bytes(logp), struct.pack(f"<{len(backoff)}b", *backoff)]
    out += [struct.pack(f"<{len(starts)}I", *starts), struct.pack(f"<{len(seconds)}I", *seconds)]
    out.append(bytes(values))
    return b"".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("arpa", type=Path, help="tslminfo -v -p of lm_sc.t3g")
    parser.add_argument("lexicon", type=Path, help="pydict_sc.bin")
    parser.add_argument("--out", type=Path, default=HERE / "wordwindow.bin")
    args = parser.parse_args()
    body = build(args.arpa, lexicon(args.lexicon))
    args.out.write_bytes(zlib.compress(body, 9))
    print(f"{args.out}: {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
