"""Wrong characters in one text, without a second copy to compare: 错别字 by sound and shape.

Small enough to ship and fast enough for a book: every Han character standing
alone in the best segmentation that has a sound-alike or look-alike
(pycorrector's confusion sets, ``resources/spelling``, and near sounds: a retroflex
initial for a flat one, j for q and q for j, lü for lu and nü for nu written, -ing
for -in, -eng for -en and the reverse, :data:`_NEAR_INITIALS`, :data:`_NEAR_SYLLABLES`,
:data:`_NEAR_FINALS`) or a learners' pair
(:data:`_LEARNERS`) is tried in place of the one written, where the replacement
forms a word of jieba's dictionary with its neighbours or where both are
function words of one group (的地得, 在再, ...: :mod:`app.classes.wordgram`); a
character inside a word as written, for the learners' pairs only (应为 → 因为).
The evidence for each replacement (:class:`Evidence`):

* the word model: how much likelier jieba's unigram model finds the best
  segmentation of the whole run with the replacement (逆竟 → 逆境, 朋唷 →
  朋友), computed for the run once forwards and once backwards, so that one
  substitution costs a handful of look-ups;
* the context model (:mod:`app.classes.chargram`): how much likelier a
  character trigram model of web Chinese finds the three trigrams around it
  (保护环竟 → 环境; 机回 → 机会 after 很好的), the one before and the two
  after it also apart;
* for function words, the function words' word model: how much likelier the
  word before and the word after find the replacement (好阿 → 好啊);
* for all but a character inside a word, the word bigram model over a window
  (:mod:`app.classes.wordwindow`): how much likelier the best segmentation of the
  four characters either side and the character becomes with the replacement
  (程度怎加 → 程度 | 增加); asked only where it could lift the score to the bar;
* the kind of confusion (the same sound, another tone, a similar shape) and how
  common the two characters are.

:func:`score` weighs them, a logistic regression fitted on SIGHAN development
sets (``bench/fit_spelling.py``); a character is flagged when its best
replacement's score reaches the setting's bar: :data:`QUIET`, the default,
flags only what it is sure of and tries no look-alikes; :data:`MORE` lowers
the bar.  The bars were set on another set, and all is measured on held-out
ones and on clean prose by ``bench/bench_spelling.py`` (docs/spelling.md,
docs/performance.md).

What is never "corrected": a word on the user's whitelist, a string the text
repeats (a name or a new term is written the same way each time; a slip
rarely is), a character just after a common surname standing alone (李希平),
的 into 地 (:data:`_NEVER`), and anything outside Han runs.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

from app.cancel import poll
from app.classes.chargram import CharModel, Run, char_model
from app.classes.checks import Finding, jieba_model
from app.classes.wordgram import GROUP_OF, WordModel, word_model
from app.classes.wordlists import WordLists
from app.classes.wordwindow import WindowModel, window_model
from app.datacache import cached, package_versions
from app.messages import Message, message

__all__ = ["MORE", "QUIET", "SETTINGS", "Setting", "check_one_text", "check_spelling"]


@dataclass(frozen=True)
class Setting:
    """How sure a finding must be: the gain in log-likelihood (nats) after its cost."""

    name: str
    min_gain: float
    """The least score (:func:`score`, log-odds) a finding needs."""
    shapes: bool
    """Are look-alikes tried? Most slips are typed by sound (pinyin input); a look-alike
    is right too seldom for the quiet setting (docs/spelling.md)."""


QUIET = Setting("quiet", -0.125, shapes=False)
"""The lowest bar (in steps of 0.125) where the precision on the 2014 training set, kept
for setting the bars, is at least 0.85 when the flags on its corrected sentences count
too, at half (as many sentences without an error as the held-out sets have), and the
real copies of shared/corpus get at most 5 flags per 10,000 characters
(docs/spelling.md; ``python -m bench.fit_spelling``)."""
MORE = Setting("more", -1.375, shapes=True)
"""The lowest bar where that precision is at least 0.7."""
SETTINGS = {s.name: s for s in (QUIET, MORE)}

_WEIGHTS: tuple[float, ...] = (
    *(-2.462, 0.11, 0.446, 0.057, 0.134, 0.092, -0.267, 0.9, -1.263, -1.639),
    *(3.295, -1.747, 0.261, -1.746, 0.082, 0.574, 1.027, -0.169, -0.101, 0.288),
)
"""Of :func:`score`'s features, in its order: fitted by bench/fit_spelling.py."""
_GROUP_WEIGHTS: dict[str, float] = {
    "的得": 1.099,
    "地的": -1.684,
    "地得": 0.256,
    "得的": -1.537,
    "得地": 1.128,
    "在再": 1.227,
    "再在": 0.128,
    "那哪": 1.185,
    "哪那": -1.135,
    "阿啊": 1.817,
    "啊阿": -0.046,
    "做作": -0.935,
    "作做": 1.745,
    "像象": -0.361,
    "象像": 0.992,
    "已以": 0.199,
    "以已": 1.047,
}
"""Of each pair of function words (written, replacement)."""
_LEARNERS = (
    "应因 哪那 那哪 已己 己已 著者 受收 是事 是时 一以 理里 嗓噪 "
    "场厂 心兴 兴心 辛幸 意议 音影 必毕 办帮 而和 止只"
)
"""Characters learners of Chinese often write for another (written, replacement): tried
inside a word as written too (应为 → 因为, 心理 → 心里, 哪里 → 那里), and where the
replacement is in neither confusion set (己经 → 已经).  The pairs the check could not reach
that were written wrong at least 5 times in the development sets (docs/spelling.md), less
those with a standard form either way (想像/想象, 作梦/做梦, 从新/重新, 工夫/功夫) or whose written
word is common and right (收到, 不小, 以下), or that came from one essay's slip or a
name."""
_LEARNER: dict[str, str] = {}
for _pair in _LEARNERS.split():
    _LEARNER[_pair[0]] = _LEARNER.get(_pair[0], "") + _pair[1]
_NEVER = {"的": "地"}
_GROUP_ONLY = frozenset("的")
"""Characters tried only for the others of their group of function words: 的, whose
sound-alikes outside it (第, 底, 敌, ...) were right in 4 of 6,784 candidates on the
development and bars' sets, and took 最费工夫的一步 for 第一步 (docs/spelling.md)."""
"""Replacements never proposed: 的 for 地 was right in under a third of the flags on the
development sets and in none on the bars' set, at any bar (docs/spelling.md)."""
_MAX_WORD = 4
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤欧"
)
"""The commonest surnames: the character after one standing alone is likely a given name."""
_HAN_RUN = re.compile("[\u4e00-\u9fff]+")


class _Tables:
    """Word log-probabilities, the masked-word index and the confusion sets, built once."""

    def __init__(self) -> None:
        freq: dict[str, int] = jieba_model().freq
        log_total = math.log(sum(f for f in freq.values() if f > 0))
        self.lone = -log_total
        """What a character jieba lacks counts as a word: seen once."""
        self.logp: dict[str, float] = {
            w: math.log(f) - log_total for w, f in freq.items() if f > 0 and len(w) <= _MAX_WORD
        }
        self.index: dict[str, str] = cached(
            "spelling-index", package_versions("jieba"), lambda: _masked_index(freq)
        )
        self.same, self.tone, self.shape = _confusion()
        for c, near in _near_sounds(self.same, self.tone).items():
            self.tone[c] = self.tone.get(c, "") + near
        self.chars: CharModel = char_model()
        self.words: WordModel = word_model()
        self.window: WindowModel = window_model()
        self.any: dict[str, frozenset[str]] = {
            c: frozenset(self.same.get(c, "") + self.tone.get(c, "") + self.shape.get(c, ""))
            for c in {*self.same, *self.tone, *self.shape}
        }
        self.sound: dict[str, frozenset[str]] = {
            c: frozenset(self.same.get(c, "") + self.tone.get(c, ""))
            for c in {*self.same, *self.tone}
        }


def _masked_index(freq: dict[str, int]) -> dict[str, str]:
    """Each word of two to four characters with one masked (``\\0``) → the characters that
    fill the mask: where a replacement would form a word, found in one look-up."""
    index: dict[str, str] = {}
    for word, f in freq.items():
        if f <= 0 or not 2 <= len(word) <= _MAX_WORD:
            continue
        for p in range(len(word)):
            key = word[:p] + "\0" + word[p + 1 :]
            index[key] = index.get(key, "") + word[p]
    return index


def _confusion() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Characters of the same sound and tone, of the same sound in another tone, and of
    a similar shape, for each character (pycorrector's same_pinyin and same_stroke)."""
    folder = resources.files("jiaokan_resources").joinpath("spelling")
    same: dict[str, str] = {}
    tone: dict[str, str] = {}
    shape: dict[str, set[str]] = {}
    for line in folder.joinpath("same_pinyin.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 2 and len(parts[0]) == 1:
            c = parts[0]
            same[c] = parts[1].replace(c, "")
            tone[c] = parts[2].replace(c, "") if len(parts) > 2 else ""
    for line in folder.joinpath("same_stroke.txt").read_text(encoding="utf-8").splitlines():
        group = [c for c in line.split() if len(c) == 1]
        for c in group:
            shape.setdefault(c, set()).update(group)
    return same, tone, {c: "".join(sorted(s - {c})) for c, s in shape.items()}


_NEAR_INITIALS = (("z", "zh"), ("c", "ch"), ("s", "sh"), ("j", "q"), ("q", "j"))
"""Initials a writer types for each other, as (written, meant): pycorrector's sets have the
same syllable only.  A flat initial for a retroflex one (资 for 知), where the writer's
dialect does not tell them apart: only this way round, the other added a false alarm on
the real copies (追责 taken for 罪责).  j and q either way (经 for 轻 in 年轻, 清 for 精 in
精神), the one pair of an unaspirated and an aspirated initial that found more than it
cost on the bars' set (b/p, d/t, g/k, z/c added nothing, nor f/h or r/l; x with j or q
a false alarm on the real copies); n/l added no right flag (docs/spelling.md)."""
_NEAR_SYLLABLES = (("lu", "lv"), ("nu", "nv"))
"""Readings typed for another, as (written, meant; pypinyin writes ü as v): lu for lü
and nu for nü (录 for 绿 in 绿色, 奴 for 女 in 女朋友), a ü the writer dropped (it is
typed v, and written u after j, q, x and y); the other way round found next to nothing
(docs/spelling.md)."""

_NEAR_FINALS = (("in", "ing"), ("en", "eng"), ("ing", "in"), ("eng", "en"))
"""Finals typed for another, as (written, meant): a front nasal for a back one and the
reverse (前后鼻音: 因 for 英 in 英文, 陈 for 程 in 过程, 英 for 因 in 因为), which many
speakers do not tell apart.  Not -an for -ang or the reverse: -ang written for -an took
由绿转黄 in clean prose for 转换, and with -an for -ang the rule put the quiet bar a step
higher (docs/spelling.md)."""


def _near_sounds(same: dict[str, str], tone: dict[str, str]) -> dict[str, str]:
    """For each character of the confusion sets, those of them whose toneless reading
    (pypinyin's first) differs only as :data:`_NEAR_INITIALS`, :data:`_NEAR_SYLLABLES` or
    :data:`_NEAR_FINALS` say (资 → 知, 路 → 旅, 因 → 英), less those already in its sets:
    tried as sound-alikes of another tone."""
    from pypinyin import Style, lazy_pinyin

    reading = {c: lazy_pinyin(c, style=Style.NORMAL)[0] for c in same}
    by_reading: dict[str, str] = {}
    for c, r in reading.items():
        by_reading[r] = by_reading.get(r, "") + c
    out = {}
    for c, r in reading.items():
        meant = [b + r[len(a) :] for a, b in _NEAR_INITIALS if r.startswith(a) and r[1:2] != "h"]
        meant += [b for a, b in _NEAR_SYLLABLES if r == a]
        meant += [r[: -len(a)] + b for a, b in _NEAR_FINALS if r.endswith(a)]
        known = same.get(c, "") + tone.get(c, "")
        extra = "".join(x for m in meant for x in by_reading.get(m, "") if x not in known)
        if extra:
            out[c] = extra
    return out


@cache
def _tables() -> _Tables:
    return _Tables()


def preload() -> None:
    """Build the tables now (see app.preload)."""
    _tables()


def _lattice(t: _Tables, run: str) -> tuple[list[float], list[list[tuple[int, float]]]]:
    """Each character's log-probability as a word of one, and the longer words starting
    at each position: ``(end, log-probability)``; every look-up the two passes need."""
    n, get, lone = len(run), t.logp.get, t.lone
    single = [get(ch, lone) for ch in run]
    longer: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for s in range(n - 1):
        for e in range(s + 2, min(n, s + _MAX_WORD) + 1):
            v = get(run[s:e])
            if v is not None:
                longer[s].append((e, v))
    return single, longer


def _forward(
    single: list[float], longer: list[list[tuple[int, float]]]
) -> tuple[list[float], list[int]]:
    """Best log-likelihood of each prefix of the run and where its last word starts."""
    n = len(single)
    best = [0.0] + [-math.inf] * n
    back = [0] * (n + 1)
    for s in range(n):  # best[s] is final: every word ending at s starts before it
        here = best[s]
        if here + single[s] > best[s + 1]:
            best[s + 1], back[s + 1] = here + single[s], s
        for e, v in longer[s]:
            if here + v > best[e]:
                best[e], back[e] = here + v, s
    return best, back


def _backward(single: list[float], longer: list[list[tuple[int, float]]]) -> list[float]:
    """Best log-likelihood of each suffix of the run."""
    n = len(single)
    best = [0.0] * (n + 1)
    for s in range(n - 1, -1, -1):
        top = best[s + 1] + single[s]
        for e, v in longer[s]:
            if best[e] + v > top:
                top = best[e] + v
        best[s] = top
    return best


def _alone(back: list[int], n: int) -> list[bool]:
    """Which characters stand as a word of one in the best segmentation."""
    out = [False] * n
    e = n
    while e > 0:
        s = back[e]
        if e - s == 1:
            out[s] = True
        e = s
    return out


class Evidence(NamedTuple):
    """What speaks for one replacement of one character: the features of :func:`score`."""

    word: float
    """The word model's gain (nats)."""
    context: float
    """The character model's gain (nats)."""
    before: float
    """Of ``context``, the trigram that ends on the character (what comes before asks for
    the replacement); the rest is the two after it."""
    pair: float
    """The function words' word model's gain (nats; 0 where ``group`` is "")."""
    group: str
    """The character written and its replacement, where both are of one of
    :data:`app.classes.wordgram.GROUPS` ("的地"); else ""."""
    kind: int
    """0 the same sound, 1 the same syllable in another tone, 2 a similar shape, 3 a
    learners' pair (:data:`_LEARNERS`) of neither sound."""
    length: int
    """Of the dictionary word the replacement forms (1: none)."""
    written: float
    """log P of the character written and of the replacement, as words of one."""
    replacement: float
    inside: bool = False
    """Does the character written stand inside a word of the best segmentation (a
    learners' pair, :data:`_LEARNERS`)?"""
    window: float = 0.0
    """The word bigram model's gain over the window around the character (nats,
    :meth:`app.classes.wordwindow.WindowModel.gain`): filled in by :func:`with_window` only
    where it could matter; 0 inside a word."""


_WINDOW_BOUND = 10.0
"""The word bigram model's gain counts within ±this many nats (±5 gained less on the bars'
set, docs/spelling.md)."""


def score(e: Evidence) -> float:
    """How sure it is that the replacement is the correction: a logistic regression's
    log-odds on the evidence, fitted on the development sets (docs/spelling.md).

    The features, in the order of :data:`_WEIGHTS`: 1; the word model's gain (within
    ±30); the context model's (within ±15); both again for a pair of function words;
    the function words' model's gain (within ±10); a word of two characters or more
    formed; of three or more; another tone; a similar shape; the log-probabilities of
    the character written and of the replacement, tenths; a learners' pair of neither
    sound; the context model's gain before the character and after it (within ±10 each);
    the word bigram model's over the window (within ±:data:`_WINDOW_BOUND`).  Then the
    pair's own weight.
    A character inside a word as written has features of its own: 1, the word model's
    gain, the context model's, another tone."""
    w = _WEIGHTS
    word = -30.0 if e.word < -30.0 else 30.0 if e.word > 30.0 else e.word
    context = -15.0 if e.context < -15.0 else 15.0 if e.context > 15.0 else e.context
    if e.inside:
        return w[13] + w[14] * word + w[15] * context + (w[16] if e.kind == 1 else 0.0)
    before = -10.0 if e.before < -10.0 else 10.0 if e.before > 10.0 else e.before
    after = e.context - e.before
    after = -10.0 if after < -10.0 else 10.0 if after > 10.0 else after
    v = w[0] + w[1] * word + w[2] * context + w[10] * e.written / 10 + w[11] * e.replacement / 10
    v += w[17] * before + w[18] * after
    v += w[19] * (-_WINDOW_BOUND if e.window < -_WINDOW_BOUND else min(e.window, _WINDOW_BOUND))
    if e.group:
        pair = -10.0 if e.pair < -10.0 else 10.0 if e.pair > 10.0 else e.pair
        v += w[3] * word + w[4] * context + w[5] * pair + _GROUP_WEIGHTS.get(e.group, 0.0)
    if e.length >= 2:
        v += w[6] + (w[7] if e.length >= 3 else 0.0)
    if e.kind:
        v += w[8] if e.kind == 1 else w[9] if e.kind == 2 else w[12]
    return v


@dataclass(frozen=True)
class _Candidate:
    fix: str
    gain: float
    cls: str
    word: str
    span: tuple[int, int]
    """Where ``word`` stands in the run."""


def _words(back: list[int], n: int) -> list[tuple[int, int]]:
    """The best segmentation's words, in order."""
    out = []
    e = n
    while e > 0:
        out.append((back[e], e))
        e = back[e]
    return out[::-1]


def candidates(
    t: _Tables,
    run: str,
    i: int,
    fwd: list[float],
    bwd: list[float],
    context: Run,
    around: tuple[str, str],
    own: str = "",
    shapes: bool = True,
) -> list[tuple[str, Evidence, str, tuple[int, int]]]:
    """Each replacement worth scoring for ``run[i]``: ``(replacement, evidence, word, span)``.

    A replacement is worth it when it forms a word of the dictionary with its
    neighbours (one look-up in the masked-word index), or when it and the
    character written are of one group of function words; ``around`` holds the
    words before and after the character as written, for those.  ``own`` holds
    the user's own confusables of the character, taken as sure as a sound-alike;
    look-alikes are tried only with ``shapes``, the learners' pairs
    (:data:`_LEARNERS`) always."""
    c = run[i]
    group = GROUP_OF.get(c, "")
    confusable = (
        frozenset() if c in _GROUP_ONLY else (t.any if shapes else t.sound).get(c, frozenset())
    )
    learned = _LEARNER.get(c, "")
    if own or learned:
        confusable = confusable | frozenset(own + learned)
    if group:
        confusable = confusable | frozenset(group.replace(c, ""))
    if not confusable:
        return []
    n, index = len(run), t.index
    spans: dict[str, list[tuple[int, int]]] = {}  # each replacement → where it makes a word
    for length in range(2, _MAX_WORD + 1):
        for s in range(max(0, i - length + 1), min(i, n - length) + 1):
            hits = index.get(run[s:i] + "\0" + run[i + 1 : s + length])
            if hits:
                for r in confusable.intersection(hits):
                    spans.setdefault(r, []).append((s, s + length))
    for r in group.replace(c, ""):
        spans.setdefault(r, [])
    for r in _NEVER.get(c, ""):
        spans.pop(r, None)
    if not spans:
        return []
    out = []
    same, tone, get = t.same.get(c, ""), t.tone.get(c, ""), t.logp.get
    written = get(c, t.lone)
    for r, places in spans.items():
        best, word, span = fwd[i] + get(r, t.lone) + bwd[i + 1], r, (i, i + 1)
        for s, e in places:
            w = run[s:i] + r + run[i + 1 : e]
            v = fwd[s] + get(w, t.lone) + bwd[e]
            if v > best:
                best, word, span = v, w, (s, e)
        paired = bool(group) and r in group
        if len(word) < 2:
            if not paired:
                continue  # no word where it stands: the context model alone is not sure enough
            word = run[max(i - 1, 0) : i] + r + run[i + 1 : i + 2]  # shown as its context
        pair = t.words.gain(around[0], c, r, around[1]) if paired else 0.0
        before, after = context.gains(i, r)
        ev = Evidence(
            word=best - fwd[n],
            context=before + after,
            before=before,
            pair=pair,
            group=c + r if paired else "",
            kind=0 if r in same or r in own else 1 if r in tone else 3 if r in learned else 2,
            length=span[1] - span[0],
            written=written,
            replacement=get(r, t.lone),
        )
        out.append((r, ev, word, span))
    return out


def inside(
    t: _Tables, run: str, i: int, fwd: list[float], bwd: list[float], context: Run
) -> list[tuple[str, Evidence, str, tuple[int, int]]]:
    """Each replacement worth scoring for ``run[i]`` where it stands inside a word as
    written: only a learners' pair (:data:`_LEARNERS`), where the replacement forms a word
    of the dictionary with its neighbours (应为 → 因为); ``(replacement, evidence, word,
    span)`` as :func:`candidates` gives."""
    c = run[i]
    n, index, get = len(run), t.index, t.logp.get
    out = []
    for r in _LEARNER.get(c, ""):
        best, span = -math.inf, (i, i + 1)
        for length in range(2, _MAX_WORD + 1):
            for s in range(max(0, i - length + 1), min(i, n - length) + 1):
                hits = index.get(run[s:i] + "\0" + run[i + 1 : s + length])
                if hits and r in hits:
                    v = (
                        fwd[s]
                        + get(run[s:i] + r + run[i + 1 : s + length], t.lone)
                        + bwd[s + length]
                    )
                    if v > best:
                        best, span = v, (s, s + length)
        if best == -math.inf:
            continue
        kind = 0 if r in t.same.get(c, "") else 1 if r in t.tone.get(c, "") else 3
        ev = Evidence(
            word=best - fwd[n],
            context=context.gain(i, r),
            before=0.0,
            pair=0.0,
            group="",
            kind=kind,
            length=span[1] - span[0],
            written=get(c, t.lone),
            replacement=get(r, t.lone),
            inside=True,
        )
        out.append((r, ev, run[span[0] : i] + r + run[i + 1 : span[1]], span))
    return out


def with_window(
    t: _Tables,
    run: str,
    i: int,
    r: str,
    ev: Evidence,
    windows: dict[tuple[str, bool, bool], float] | None = None,
) -> Evidence:
    """``ev`` with the evidence asked only near the bar: the word bigram model's gain over
    the window of replacing ``run[i]`` by ``r``; as it was inside a word, which has weights
    of its own.  ``windows`` keeps the windows scored
    (:meth:`app.classes.wordwindow.WindowModel.gain`)."""
    if ev.inside:
        return ev
    return ev._replace(window=t.window.gain(run, i, r, windows))


def _window_room() -> float:
    """The most the word bigram model can add to a score: below the bar by more, a
    replacement need not ask it."""
    return max(_WEIGHTS[19], 0.0) * _WINDOW_BOUND


def tried(
    t: _Tables, run: str, context: Run, *, shapes: bool = True, own: dict[str, str] | None = None
) -> tuple[list[bool], list[tuple[int, str, Evidence, str, tuple[int, int]]]]:
    """Every replacement the check scores in one run of Han characters: which characters
    stand alone in the best segmentation, and ``(place, replacement, evidence, word,
    span)`` for each replacement (:func:`candidates` for a character standing alone,
    :func:`inside` for one inside a word).  ``own`` holds the user's own confusables."""
    own = own or {}
    single, longer = _lattice(t, run)
    fwd, back = _forward(single, longer)
    bwd = _backward(single, longer)
    segments = _words(back, len(run))
    out = []
    for k, (i, e) in enumerate(segments):
        if e - i > 1:
            for q in range(i, e):
                if run[q] in _LEARNER:
                    for r, ev, word, span in inside(t, run, q, fwd, bwd, context):
                        out.append((q, r, ev, word, span))
            continue
        c = run[i]
        around = ("", "")
        if c in GROUP_OF:  # the words on either side, for the function words' model
            around = (
                run[slice(*segments[k - 1])] if k else "",
                run[slice(*segments[k + 1])] if k + 1 < len(segments) else "",
            )
        for r, ev, word, span in candidates(
            t, run, i, fwd, bwd, context, around, own.get(c, ""), shapes
        ):
            out.append((i, r, ev, word, span))
    return _alone(back, len(run)), out


def check_spelling(
    text: str,
    setting: Setting = QUIET,
    *,
    lists: WordLists | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[Finding]:
    """Characters of ``text`` that are probably written wrong, with the likely right one.

    ``lists`` adds the editor's lists (app.classes.wordlists): banned terms and
    易错词 are found first, wherever they stand; a whitelisted word is never
    flagged; the user's own character pairs join the confusion sets.  Sorted,
    none overlapping.
    """
    t = _tables()
    lists = lists or WordLists()
    out = _banned(text, lists) + _mistakes(t, text, lists.replacements())
    taken = sorted((f.start, f.end) for f in out)
    allowed = _allowed_spans(text, lists.allow) + taken
    extra = lists.character_pairs()
    memo: dict[str, float] = {}  # the context model's trigrams, scored once a text
    windows: dict[tuple[str, bool, bool], float] = {}  # and the word model's windows
    for k, m in enumerate(_HAN_RUN.finditer(text)):
        if k % 64 == 63:
            poll(cancel)
        a, run = m.start(), m.group()
        if len(run) < 2:
            continue
        context = Run(t.chars, run, memo)
        alone, scored = tried(t, run, context, shapes=setting.shapes, own=extra)
        best: dict[int, _Candidate] = {}
        room = setting.min_gain - _window_room()
        for i, r, ev, word, span in scored:
            gain = score(ev)
            if gain >= room and not ev.inside:
                gain = score(with_window(t, run, i, r, ev, windows))
            if gain >= setting.min_gain and (i not in best or gain > best[i].gain):
                best[i] = _Candidate(r, gain, _class_of(t, run[i], r), word, span)
        found = [
            (i, cand)
            for i, cand in best.items()
            if not _spared(text, run, a, i, cand, alone, allowed)
        ]
        # each is judged against the text as written: of two whose words overlap
        # (逆竟时: 逆境, 竟是) only the surer stands
        words: list[tuple[int, int]] = []
        for i, cand in sorted(found, key=lambda f: -f[1].gain):
            if any(cand.span[0] < e and s < cand.span[1] for s, e in words):
                continue
            words.append(cand.span)
            p = a + i
            why = message("check.spelling", wrong=run[i], right=cand.fix, word=cand.word)
            out.append(Finding(p, p + 1, "spelling", cand.fix, str(why), cand.cls, why))
    return _without_overlaps(out)


def _without_overlaps(found: list[Finding]) -> list[Finding]:
    """Sorted by place; of two that overlap, the earlier in the list (banned, 易错词) wins."""
    kept: list[Finding] = []
    for f in found:
        if not any(f.start < g.end and g.start < f.end for g in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end))


def _banned(text: str, lists: WordLists) -> list[Finding]:
    out = []
    for term, entry in lists.banned.items():
        for start in _occurrences(text, term):
            why: Message = (
                message("check.banned", term=term, reason=entry.reason)
                if entry.reason
                else message("check.banned-no-reason", term=term)
            )
            end, fix = start + len(term), entry.replacement
            if fix != term:
                out.append(Finding(start, end, "banned", fix, str(why), "substitution", why))
    return out


def _mistakes(t: _Tables, text: str, replacements: dict[str, str]) -> list[Finding]:
    """易错词 found in ``text``: each a finding on the characters that differ.

    A match a dictionary word straddles is not one (各省分别 is not 省分).
    """
    if not replacements:
        return []
    pattern = _alternation(tuple(sorted(replacements, key=len, reverse=True)))
    out = []
    for m in pattern.finditer(text):
        wrong, s, e = m.group(), m.start(), m.end()
        right = replacements[wrong]
        if _straddled(t, text, s, e):
            continue
        lo, hi = 0, 0
        if len(wrong) == len(right):  # only the characters that differ
            while wrong[lo] == right[lo]:
                lo += 1
            while wrong[len(wrong) - 1 - hi] == right[len(right) - 1 - hi]:
                hi += 1
        fix = right[lo : len(right) - hi]
        cls = _class_of(t, wrong[lo : len(wrong) - hi], fix)
        why = message("check.mistake", wrong=wrong, right=right)
        out.append(Finding(s + lo, e - hi, "mistake", fix, str(why), cls, why))
    return out


@cache
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words))


def _straddled(t: _Tables, text: str, s: int, e: int) -> bool:
    get = t.logp.get
    for edge in (s, e):
        for a in range(edge - _MAX_WORD + 1, edge):
            for b in range(edge + 1, a + _MAX_WORD + 1):
                if a >= 0 and b <= len(text) and (a < s or b > e) and a < edge < b:
                    w = text[a:b]
                    if len(w) > 1 and get(w) is not None and not (s <= a and b <= e):
                        return True
    return False


def _class_of(t: _Tables, wrong: str, right: str) -> str:
    if len(wrong) != len(right) or not wrong:
        return "substitution"
    pairs = list(zip(wrong, right, strict=True))
    if all(r in t.same.get(w, "") or r in t.tone.get(w, "") for w, r in pairs):
        return "homophone"
    if all(r in t.shape.get(w, "") for w, r in pairs):
        return "similar_shape"
    return "substitution"


def _occurrences(text: str, word: str) -> Iterable[int]:
    start = text.find(word) if word else -1
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


def _spared(
    text: str,
    run: str,
    a: int,
    i: int,
    cand: _Candidate,
    alone: list[bool],
    allowed: list[tuple[int, int]],
) -> bool:
    """Is the character at ``run[i]`` a name, a term or whitelisted, though it looks wrong?"""
    p = a + i
    if any(s <= p < e for s, e in allowed):
        return True
    for q in {i, cand.span[0]}:  # the character, and where the word it would make starts
        for j in (q - 1, q - 2):
            if j >= 0 and run[j] in _SURNAMES and alone[j] and (j == q - 1 or alone[q - 1]):
                return True  # 李希平, 王宜家: a given name after a surname standing alone
    for s in (i - 1, i):
        pair = run[max(s, 0) : s + 2]
        if len(pair) == 2 and text.count(pair) >= 2 and cand.word not in text:
            return True  # a term the text keeps writing the same way
    return False


def _allowed_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    return [(start, start + len(w)) for w in words for start in _occurrences(text, w)]


def check_one_text(
    text: str,
    setting: Setting = QUIET,
    *,
    lists: WordLists | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[Finding]:
    """Every finding of one text: the source checks (app.classes.checks) and the
    spelling check with the editor's lists, sorted and none overlapping.

    Where a check of the source and the spelling check overlap, the source
    check wins (a mojibake run is not a misspelling); a finding inside a
    whitelisted word is dropped whichever check made it.
    """
    from app.classes.checks import check_text

    lists = lists or WordLists()
    found = check_text(text, cancel=cancel)
    spans = [(f.start, f.end) for f in found]
    for f in check_spelling(text, setting, lists=lists, cancel=cancel):
        i = bisect_left(spans, (f.start,))
        near = spans[max(0, i - 1) : i + 1]
        if not any((s < f.end and f.start < e) or s == e == f.start for s, e in near):
            found.append(f)
    allowed = _allowed_spans(text, lists.allow)
    kept = [f for f in found if not any(s <= f.start and f.end <= e for s, e in allowed)]
    return sorted(kept, key=lambda f: (f.start, f.end))
