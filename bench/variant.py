"""Variants of a synthetic source: known edits plus noise the default rules ignore.

The truth is a sorted list of disjoint :class:`Edit` in source coordinates;
applying it to the source gives :attr:`Case.clean_variant` exactly.  The
variant proper adds noise that normalization with the default rules must
remove (half-width punctuation, hard line breaks, stray spaces, Traditional
forms), never on or next to an edit's own characters, so that normalizing the
variant gives the normalized clean variant.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from bench import vocab
from bench.norm import Normalizer, fallback_normalize
from bench.synth import Prose, make_paragraphs

KINDS = ("substitution", "insertion", "deletion", "transposition", "duplication", "move")
GAP = 10
"""Minimum distance, in source characters, between two edits."""
FULL_TO_HALF = str.maketrans("，；：！？（）", ",;:!?()")
CJK_PUNCT = set("，。、；：！？“”（）《》")
SENTENCE_ENDS = set("。！？")


@dataclass(frozen=True, order=True)
class Edit:
    """``source[start:end]`` reads ``reading`` in the variant."""

    start: int
    end: int
    reading: str
    kind: str
    detail: str = ""


@dataclass
class NoiseStats:
    width_paragraphs: int = 0
    line_breaks: int = 0
    spaces: int = 0
    traditional_sentences: int = 0
    reverted_paragraphs: int = 0


@dataclass(frozen=True)
class Case:
    seed: int
    source: str
    clean_variant: str
    variant: str
    truth: tuple[Edit, ...]
    noise: NoiseStats = field(default_factory=NoiseStats)


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@cache
def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


@cache
def _stable_edit_chars() -> str:
    """Edit characters that are their own Simplified form."""
    import opencc

    t2s = opencc.OpenCC("t2s")
    return "".join(c for c in dict.fromkeys(vocab.EDIT_CHARS) if t2s.convert(c) == c)


def apply_edits(source: str, edits: tuple[Edit, ...] | list[Edit]) -> str:
    """The source with sorted, disjoint edits applied."""
    out: list[str] = []
    prev = 0
    for e in sorted(edits):
        if e.start < prev:
            raise ValueError(f"edits overlap at {e.start}")
        out.append(source[prev : e.start])
        out.append(e.reading)
        prev = e.end
    out.append(source[prev:])
    return "".join(out)


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]``, each ending in 。！？ (and a closing ”)."""
    spans: list[tuple[int, int]] = []
    s = start
    for i in range(start, end):
        ch = text[i]
        nxt = text[i + 1] if i + 1 < end else ""
        if (ch in SENTENCE_ENDS and nxt != "”") or (ch == "”" and text[i - 1] in SENTENCE_ENDS):
            spans.append((s, i + 1))
            s = i + 1
    if s < end:
        spans.append((s, end))
    return spans


def visible(source: str, e: Edit, normalize: Normalizer) -> bool:
    """The edit changes the normalized text around it."""
    a, b = max(0, e.start - 4), min(len(source), e.end + 4)
    before = normalize(source[a:b]).text
    after = normalize(source[a : e.start] + e.reading + source[e.end : b]).text
    return before != after


class _Placer:
    """Chooses well-separated edit sites in a source."""

    def __init__(self, source: str, rng: random.Random, normalize: Normalizer) -> None:
        self.src = source
        self.rng = rng
        self.normalize = normalize
        self.zones: list[tuple[int, int]] = []  # the few structural edits
        self.last_end = -GAP  # character edits are placed left to right
        self.chars = _stable_edit_chars()

    def free(self, s: int, e: int) -> bool:
        if s < self.last_end + GAP:
            return False
        return all(e + GAP <= zs or ze + GAP <= s for zs, ze in self.zones)

    def take(self, edit: Edit) -> Edit:
        self.zones.append((edit.start, edit.end))
        return edit

    def take_char_edit(self, edit: Edit) -> Edit:
        self.last_end = edit.end
        return edit

    def han(self, i: int, j: int) -> bool:
        return 0 < i <= j < len(self.src) and all(is_han(c) for c in self.src[i - 1 : j + 1])

    def other_char(self, i: int, avoid: str = "") -> str:
        near = self.src[max(0, i - 2) : i + 3] + avoid
        while True:
            c = self.rng.choice(self.chars)
            if c not in near:
                return c

    def visible(self, e: Edit) -> bool:
        return visible(self.src, e, self.normalize)

    def distinct(self, i: int, j: int) -> bool:
        """No character of ``src[i:j]`` equals its neighbour (so the edit has one reading)."""
        s = self.src
        return all(s[k] != s[k + 1] for k in range(i - 1, j))

    def swappable(self, i: int) -> bool:
        """Two different characters, neither repeated just outside the pair."""
        s = self.src
        return s[i] != s[i + 1] and not {s[i - 1], s[i + 2]} & {s[i], s[i + 1]}

    def char_edit(self, i: int, choice: str) -> Edit | None:
        s = self.src
        if choice == "sub1" and self.han(i, i + 1) and self.distinct(i, i + 1):
            return Edit(i, i + 1, self.other_char(i), "substitution", "sub1")
        if choice == "sub2" and self.han(i, i + 2) and self.distinct(i, i + 2):
            c1 = self.other_char(i)
            return Edit(i, i + 2, c1 + self.other_char(i + 1, c1), "substitution", "sub2")
        if choice == "ins" and self.han(i, i):
            text = ""
            for _ in range(self.rng.randint(1, 3)):
                text += self.other_char(i, s[i - 1] + text)
            return Edit(i, i, text, "insertion", "chars")
        if choice == "del":
            k = self.rng.randint(1, 3)
            if self.han(i, i + k):
                return Edit(i, i + k, "", "deletion", "chars")
        if choice == "swap" and self.han(i, i + 2) and self.swappable(i):
            return Edit(i, i + 2, s[i + 1] + s[i], "transposition")
        if choice == "dup" and self.han(i, i + 1) and s[i - 1] != s[i] != s[i + 1]:
            return Edit(i + 1, i + 1, s[i], "duplication")
        return None


CHAR_EDITS = (("sub1", 22), ("sub2", 10), ("ins", 17), ("del", 17), ("swap", 17), ("dup", 17))


SENTENCES_PER = 5_000
"""Source characters per dropped sentence, and per added one."""
BESIDE = "beside"
"""Detail of an edit placed right beside a moved paragraph, closer than ``GAP``."""


def _paragraph_starts(paragraphs: list[str]) -> list[int]:
    starts: list[int] = []
    pos = 0
    for p in paragraphs:
        starts.append(pos)
        pos += len(p) + 1
    return starts


def _edited_copy(paragraph: str, rng: random.Random) -> str | None:
    """The paragraph with one character doubled and a later one dropped, if it has room."""
    n = len(paragraph)
    sites = [
        i
        for i in range(2, n - 2)
        if all(is_han(c) for c in paragraph[i - 1 : i + 2])
        and paragraph[i - 1] != paragraph[i] != paragraph[i + 1]
        and paragraph[i - 1] != paragraph[i + 1]
    ]
    first = [i for i in sites if i < n // 2 - 10]
    second = [i for i in sites if i > n // 2 + 10]
    if not first or not second:
        return None
    i, j = rng.choice(first), rng.choice(second)
    return paragraph[:i] + paragraph[i] + paragraph[i:j] + paragraph[j + 1 :]


def _move(
    paragraphs: list[str],
    starts: list[int],
    placer: _Placer,
    pi: int,
    *,
    edited: bool,
) -> list[Edit]:
    """Paragraph ``pi`` moved far away (edited inside on the way, if ``edited``)."""
    rng = placer.rng
    n = len(paragraphs)
    ps, pe = starts[pi], starts[pi] + len(paragraphs[pi]) + 1
    far = [q for q in range(1, n) if abs(q - pi) >= max(3, n // 4) and q not in (pi, pi + 1)]
    far = far or [q for q in range(1, n) if abs(q - pi) >= 2 and q != pi + 1]
    far = [q for q in far if placer.free(starts[q], starts[q])]
    if not far or not placer.free(ps, pe):
        return []
    text = paragraphs[pi]
    if edited:
        changed = _edited_copy(text, rng)
        if changed is None:
            return []
        text = changed
    q = starts[rng.choice(far)]
    detail = "edited" if edited else ""
    return [
        placer.take(Edit(ps, pe, "", "move", f"from {detail}".strip())),
        placer.take(Edit(q, q, text + "\n", "move", f"to {detail}".strip())),
    ]


def _beside(source: str, gone: Edit, placer: _Placer) -> Edit | None:
    """The first sentence after a moved paragraph's old place, dropped too."""
    end = source.find("\n", gone.end)
    spans = sentence_spans(source, gone.end, end if end >= 0 else len(source))
    if len(spans) < 2:
        return None
    s, e = spans[0]
    if not 8 <= e - s <= 80 or not placer.free(e, e):
        return None
    placer.zones.append((s, e))
    return Edit(s, e, "", "deletion", BESIDE)


def _sharing(new: str, source: str, s: int, rng: random.Random) -> str:
    """An added sentence made to share characters with the sentence it goes before.

    The one-character match then lies inside the insertion (他 in 今年他们…
    added before 他说…), which a diff likes to align with the next sentence.
    """
    way = rng.randrange(4)
    body, end = new[:-1], new[-1]
    if way == 0:
        return source[s] + new
    k = rng.randrange(1, len(body))
    if way == 1:
        return body[:k] + source[s] + body[k:] + end
    if way == 2:
        return body[:k] + source[s : s + 2] + body[k:] + end
    return new


def _structural_edits(source: str, paragraphs: list[str], placer: _Placer, seed: int) -> list[Edit]:
    """Moved paragraphs (one edited inside), dropped and added sentences.

    One plain and one edited move, each with the sentence after its old
    place dropped as well; and per ``SENTENCES_PER`` characters one dropped
    and one added sentence, a share of them right after a recurring
    paragraph, the added ones often sharing characters with the sentence
    they precede.
    """
    rng = placer.rng
    starts = _paragraph_starts(paragraphs)
    counts: dict[str, int] = {}
    for p in paragraphs:
        counts[p] = counts.get(p, 0) + 1
    n = len(paragraphs)
    edits: list[Edit] = []
    movable = [i for i in range(1, n - 1) if 60 <= len(paragraphs[i]) <= 400]
    movable = [i for i in movable if counts[paragraphs[i]] == 1]
    rng.shuffle(movable)
    if n >= 6:
        for edited in (False, True):
            for pi in movable:
                pair = _move(paragraphs, starts, placer, pi, edited=edited)
                if pair:
                    edits += pair
                    beside = _beside(source, pair[0], placer)
                    if beside is not None:
                        edits.append(beside)
                    break
    sentences = [
        span
        for i in range(n)
        for span in sentence_spans(source, starts[i], starts[i] + len(paragraphs[i]))
    ]
    after_copy = {
        starts[i + 1]
        for i in range(n - 1)
        if counts[paragraphs[i]] > 1 and counts[paragraphs[i + 1]] == 1
    }
    rng.shuffle(sentences)
    # sentences right after a recurring paragraph first, for a share of the edits
    first = [sp for sp in sentences if sp[0] in after_copy]
    ordered = first[: max(1, len(first) // 2)] + sentences
    wanted = max(1, len(source) // SENTENCES_PER)
    dropped = 0
    for s, e in ordered:
        if dropped >= wanted:
            break
        if (
            8 <= e - s <= 80
            and placer.free(s, e)
            and source[s:e] not in (source[s - (e - s) : s], source[e : e + e - s])
        ):
            edits.append(placer.take(Edit(s, e, "", "deletion", "sentence")))
            dropped += 1
    extra = Prose(random.Random(f"added-{seed}"))
    added = 0
    rng.shuffle(sentences)
    ordered = first[: max(1, len(first) // 2)] + sentences
    for s, _e in ordered:
        if added >= wanted:
            break
        if placer.free(s, s) and is_han(source[s]):
            new = _sharing(extra.sentence(), source, s, rng)
            while new in source:
                new = _sharing(extra.sentence(), source, s, rng)
            edits.append(placer.take(Edit(s, s, new, "insertion", "sentence")))
            added += 1
    return edits


def make_truth(source: str, paragraphs: list[str], seed: int, normalize: Normalizer) -> list[Edit]:
    """Sorted, disjoint, well-separated edits: about one per 150-300 characters.

    Sites are chosen with the benchmark's own stand-in normalization, so the
    truth depends on the seed only; an edit that ``normalize`` (the engine's)
    would not see is then left out.
    """
    rng = random.Random(f"edits-{seed}")
    placer = _Placer(source, rng, fallback_normalize)
    edits = _structural_edits(source, paragraphs, placer, seed)
    names = [c for c, _ in CHAR_EDITS]
    weights = [w for _, w in CHAR_EDITS]
    pos = rng.randint(20, 150)
    while pos < len(source) - 20:
        choice = rng.choices(names, weights)[0]
        for i in range(pos, min(pos + 30, len(source) - 5)):
            e = placer.char_edit(i, choice)
            if e is not None and placer.free(e.start, e.end) and placer.visible(e):
                edits.append(placer.take_char_edit(e))
                pos = e.end + rng.randint(150, 300)
                break
        else:
            pos += 30
    kept = [
        e
        for e in edits
        if e.kind == "move" or e.detail in ("sentence", BESIDE) or visible(source, e, normalize)
    ]
    return sorted(kept)


def _clean_variant(source: str, truth: list[Edit]) -> tuple[str, bytearray]:
    """The variant without noise, and a mask of the characters noise must not touch."""
    out: list[str] = []
    length = 0
    prev = 0
    guarded: list[tuple[int, int]] = []
    for e in truth:
        chunk = source[prev : e.start]
        out.append(chunk)
        length += len(chunk)
        out.append(e.reading)
        guarded.append((length - 1, length + len(e.reading) + 1))
        length += len(e.reading)
        prev = e.end
    out.append(source[prev:])
    text = "".join(out)
    mask = bytearray(len(text))
    for a, b in guarded:
        for i in range(max(0, a), min(len(text), b)):
            mask[i] = 1
    return text, mask


def _noisy_paragraph(
    text: str, mask: bytes | bytearray, rng: random.Random
) -> tuple[str, NoiseStats]:
    chars = list(text)
    local = NoiseStats()
    for s, e in sentence_spans(text, 0, len(text)):
        if rng.random() < 0.15 and not any(mask[s:e]):
            conv = _s2t().convert(text[s:e])
            if len(conv) == e - s and conv != text[s:e]:
                chars[s:e] = list(conv)
                local.traditional_sentences += 1
    if rng.random() < 0.3:
        local.width_paragraphs += 1
        for i, ch in enumerate(chars):
            if not mask[i]:
                chars[i] = ch.translate(FULL_TO_HALF)
    breaks = rng.random() < 0.2
    spaces = rng.random() < 0.15
    if not (breaks or spaces):
        return "".join(chars), local
    space_at = {rng.randrange(1, max(2, len(chars))) for _ in range(rng.randint(1, 2))}
    out: list[str] = []
    next_break = rng.randint(20, 40)
    for i, ch in enumerate(chars):
        ok = i > 0 and not mask[i - 1] and not mask[i] and is_han(text[i])
        ok = ok and (is_han(text[i - 1]) or text[i - 1] in CJK_PUNCT)
        if ok and breaks and i >= next_break:
            out.append("\n")
            local.line_breaks += 1
            next_break = i + rng.randint(20, 40)
        elif ok and spaces and i in space_at and is_han(text[i - 1]):
            out.append(rng.choice((" ", " ", "\u3000")))
            local.spaces += 1
        out.append(ch)
    return "".join(out), local


def add_noise(
    clean: str, mask: bytearray, rng: random.Random, normalize: Normalizer
) -> tuple[str, NoiseStats]:
    """Noise per paragraph; a paragraph whose noise the rules would not remove is left clean.

    (Reverting uses no random numbers, so the rest of the noise stays the same.)
    """
    stats = NoiseStats()
    out: list[str] = []
    pos = 0
    for para in clean.split("\n"):
        noisy, local = _noisy_paragraph(para, mask[pos : pos + len(para)], rng)
        if noisy != para and normalize(noisy).text != normalize(para).text:
            noisy = para
            stats.reverted_paragraphs += 1
        elif noisy != para:
            stats.width_paragraphs += local.width_paragraphs
            stats.line_breaks += local.line_breaks
            stats.spaces += local.spaces
            stats.traditional_sentences += local.traditional_sentences
        out.append(noisy)
        pos += len(para) + 1
    return "\n".join(out), stats


def make_case(n_chars: int, seed: int, normalize: Normalizer) -> Case:
    """A source of about ``n_chars`` characters, its noisy variant and the truth."""
    paragraphs = make_paragraphs(n_chars, seed)
    source = "\n".join(paragraphs)
    truth = make_truth(source, paragraphs, seed, normalize)
    clean, mask = _clean_variant(source, truth)
    variant, stats = add_noise(clean, mask, random.Random(f"noise-{seed}"), normalize)
    return Case(seed, source, clean, variant, tuple(truth), stats)


def check_case(case: Case, normalize: Normalizer) -> None:
    """Raise AssertionError unless the truth is sorted, disjoint and rebuilds the variant."""
    prev_end = -GAP
    for e in case.truth:
        if e.kind not in KINDS:
            raise AssertionError(f"unknown kind {e.kind}")
        gap = 0 if e.detail == BESIDE else GAP
        if e.start < prev_end + gap or e.end < e.start:
            raise AssertionError(f"edit {e} too close to or overlapping the previous one")
        prev_end = e.end
    rebuilt = apply_edits(case.source, case.truth)
    if rebuilt != case.clean_variant:
        raise AssertionError("the truth does not rebuild the clean variant")
    a, b = normalize(rebuilt).text, normalize(case.variant).text
    if a != b:
        i = next(
            (k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
        )
        raise AssertionError(
            f"noise survives normalization at {i}: {a[i - 10 : i + 10]!r} vs {b[i - 10 : i + 10]!r}"
        )
