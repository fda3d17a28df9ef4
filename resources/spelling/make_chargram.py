"""Make chargram.bin, the character model of the spelling check, from open-gram's word model.

open-gram (https://github.com/sunpinyin/open-gram) is a word trigram model of
Simplified Chinese counted from a crawl of Chinese web sites, licensed
CC BY-SA 3.0, shipped by Debian as ``sunpinyin-data`` (the model
``lm_sc.t3g`` and its lexicon ``pydict_sc.bin``).  This script turns it into
what the check needs: for one, two and three Han characters in a row, how
often the web writes them, as frequencies relative to the shorter context.

The word model is read through Debian's own tool (``tslminfo`` of
``sunpinyin-utils`` prints it as ARPA text with word ids); the ids are the
lexicon's strings in order (its header gives their offset), read here.  Each
word's probability, times a nominal 10⁹ words, is spread over the character
n-grams inside it; each listed word pair's over the n-grams across its joint
(the last characters of one word, the first of the next); each listed
triple whose middle word is one character over the trigram around it.
A character n-gram seen less than ``--min`` times in those nominal counts is
left out (100 keeps 0.4 M trigrams: measured in docs/spelling.md), and each
frequency is kept as −log f in steps of 0.1, one byte.

The file, zlib-compressed: ``JKCG2``, then for n = 1, 2, 3 the count (4 bytes,
little-endian), the n-grams as big-endian numbers of 2, 4 and 8 bytes (the
characters' code points, 16 bits each, the last lowest; sorted, so that the
reader can search them where they lie, as an array) and one byte each.
``\\x02`` stands for the edge of a run of Han characters.

    apt-get download sunpinyin-data sunpinyin-utils libsunpinyin3v5
    for f in *.deb; do dpkg-deb -x "$f" deb; done
    LD_LIBRARY_PATH=deb/usr/lib/x86_64-linux-gnu deb/usr/bin/tslminfo -v -p \\
        deb/usr/lib/x86_64-linux-gnu/sunpinyin/data/lm_sc.t3g > lm_sc.arpa
    python resources/spelling/make_chargram.py lm_sc.arpa \\
        deb/usr/lib/x86_64-linux-gnu/sunpinyin/data/pydict_sc.bin
"""

from __future__ import annotations

import argparse
import array
import math
import re
import struct
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
EDGE = "\x02"
MAGIC = b"JKCG2"
WIDTH = {1: 2, 2: 4, 3: 8}
"""Bytes of an n-gram's number."""
STEP = 0.1
"""One step of the stored −log frequency."""
NOMINAL = 1e9
_HAN = re.compile("^[\u4e00-\u9fff]+$")


def lexicon(path: Path) -> list[str]:
    """The words of a sunpinyin lexicon by id: its null-terminated UTF-32 strings, in order."""
    data = path.read_bytes()
    cells = array.array("I")
    cells.frombytes(data[: len(data) // 4 * 4])
    count, _nodes, offset = cells[0], cells[1], cells[2]
    words: list[str] = []
    current: list[str] = []
    k = offset // 4
    while len(words) < count:
        cell = cells[k]
        k += 1
        if cell:
            current.append(chr(cell))
        else:
            words.append("".join(current))
            current = []
    return words


def one_and_two(arpa: Path) -> Iterator[tuple[int, list[str]]]:
    """The unigram and bigram lines of ``tslminfo -v -p``'s text, with their order: the
    fields of each (ids, probability, back-off), as the word models' builders read them."""
    order = 0
    with arpa.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("\\"):
                order = int(line[1])
                if order == 3:
                    return
                continue
            if order in (1, 2):
                yield order, line.split()


def word_model(
    doc: str, out: str, least: float, read: Callable[[Path, list[str], float], str]
) -> tuple[Path, str]:
    """The command line of the word models' builders (make_wordgram.py):
    ``read(arpa, words, least)``'s text, zlib-compressed into ``--out``; the path and text."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("arpa", type=Path, help="tslminfo -v -p of lm_sc.t3g")
    parser.add_argument("lexicon", type=Path, help="pydict_sc.bin")
    parser.add_argument("--min", type=float, default=least)
    parser.add_argument("--out", type=Path, default=HERE / out)
    args = parser.parse_args()
    text = read(args.arpa, lexicon(args.lexicon), args.min)
    args.out.write_bytes(zlib.compress(text.encode("utf-8"), 9))
    return args.out, text


def counts(arpa: Path, words: list[str]) -> tuple[dict[str, float], ...]:
    """Nominal counts of character 1-, 2- and 3-grams (see the module's docstring)."""

    def han(i: int) -> str:
        w = words[i] if i < len(words) else ""
        return w if _HAN.match(w) else EDGE

    c = (defaultdict(float), defaultdict(float), defaultdict(float))
    uni: dict[int, float] = {}
    pair: dict[tuple[int, int], float] = {}
    order = 0
    with arpa.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("\\"):
                order = int(line[1])
                continue
            p = line.split()
            if order == 1:
                i, prob = int(p[0]), float(p[1])
                uni[i] = prob
                w = han(i)
                if w != EDGE:
                    for n in (1, 2, 3):
                        for k in range(len(w) - n + 1):
                            c[n - 1][w[k : k + n]] += prob * NOMINAL
            elif order == 2:
                i, j, prob = int(p[0]), int(p[1]), float(p[2])
                weight = uni.get(i, 0.0) * prob * NOMINAL
                pair[i, j] = weight
                a, b = han(i), han(j)
                if a == EDGE and b == EDGE:
                    continue
                c[1][a[-1] + b[0]] += weight
                if len(a) >= 2:
                    c[2][a[-2:] + b[0]] += weight
                if len(b) >= 2:
                    c[2][a[-1] + b[:2]] += weight
            elif order == 3:
                i, j, k, prob = int(p[0]), int(p[1]), int(p[2]), float(p[3])
                b = han(j)
                weight = pair.get((i, j), 0.0) * prob
                if len(b) == 1 and b != EDGE and weight:
                    c[2][han(i)[-1] + b + han(k)[0]] += weight
    return c


def frequencies(c: tuple[dict[str, float], ...], least: float) -> list[dict[str, int]]:
    """Each n-gram's frequency given its first n−1 characters (the unigram's: in all), as
    −log steps; those counted less than ``least`` left out."""
    total = sum(c[0].values())
    context: list[dict[str, float]] = [{"": total}, defaultdict(float), defaultdict(float)]
    for n in (2, 3):
        for gram, v in c[n - 1].items():
            context[n - 1][gram[:-1]] += v
    out: list[dict[str, int]] = []
    for n in (1, 2, 3):
        table = {}
        for gram, v in c[n - 1].items():
            if v >= least or n == 1:
                steps = round(-math.log(v / context[n - 1][gram[:-1]]) / STEP)
                table[gram] = min(steps, 255)
        out.append(table)
    return out


def key(gram: str) -> int:
    """An n-gram as one number: its code points, 16 bits each."""
    out = 0
    for ch in gram:
        out = out << 16 | ord(ch)
    return out


def write(tables: list[dict[str, int]], path: Path) -> None:
    body = bytearray(MAGIC)
    for n, table in enumerate(tables, start=1):
        grams = sorted(g for g in table if all(ord(ch) < 0x10000 for ch in g))
        body += struct.pack("<I", len(grams))
        for g in grams:
            body += key(g).to_bytes(WIDTH[n], "big")
        body += bytes(table[g] for g in grams)
    path.write_bytes(zlib.compress(bytes(body), 9))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("arpa", type=Path, help="tslminfo -v -p of lm_sc.t3g")
    parser.add_argument("lexicon", type=Path, help="pydict_sc.bin")
    parser.add_argument("--min", type=float, default=100.0)
    parser.add_argument("--out", type=Path, default=HERE / "chargram.bin")
    args = parser.parse_args()
    tables = frequencies(counts(args.arpa, lexicon(args.lexicon)), args.min)
    write(tables, args.out)
    sizes = ", ".join(f"{len(t):,}" for t in tables)
    print(f"{args.out}: {sizes} n-grams, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
