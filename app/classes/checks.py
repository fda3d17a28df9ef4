"""Checks of the source on its own: errors that every copy shares escape a comparison.

Each finding becomes a locus of its own whose reading, under the witness id
:data:`CHECK_WITNESS`, is the proposed fix, so a proofreader accepts or
rejects it like any other.  Every rule errs towards silence: a check that
flags legitimate Chinese (常常, 大会会场, 1,000, GDP) is noise that editors
switch off, so each rule below is narrowed to what is nearly always a slip.
"""

from __future__ import annotations

import logging
import marshal
import os
import re
import threading
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import platformdirs

from app.cancel import CancelCheck, poll
from app.classes import CHECK_WITNESS
from app.classes.wordset import import_jieba
from app.datacache import cached, package_versions
from app.messages import Message, message
from app.text.facts import (
    CHUNK,
    CLOSING_BRACKETS,
    CLOSING_QUOTES,
    JUMP_LINE,
    JUMP_WORDS,
    SENTENCE_ENDS,
)
from app.text.textops import slices, split

__all__ = ["CHECKS", "CHECK_WITNESS", "JUMP_LINE", "Finding", "check_text"]

CHECKS = (
    "foreign",
    "jump_line",
    "script_mix",
    "stray_space",
    "paired_punctuation",
    "doubled_punctuation",
    "doubled",
    "halfwidth_punctuation",
    "missing_full_stop",
    "broken_paragraph",
)
"""Also the priority order: of two overlapping findings the earlier check's wins."""
_CLASS = {
    "doubled": "doubled",
    "halfwidth_punctuation": "width",
    "foreign": "foreign",
    "jump_line": "jump_line",
    "script_mix": "script",
}

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_IS_HAN = re.compile(f"[{_HAN}]")
_NOT_HAN = re.compile(f"[^{_HAN}]+")
_LETTERS = re.compile(r"[A-Za-z]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_CHUNK = CHUNK
_Cancel = CancelCheck | None


@dataclass(frozen=True)
class Finding:
    """A place where the source is probably wrong whatever its copies say.

    ``start``/``end`` are code-point offsets (equal for an insertion point);
    ``fix`` replaces ``text[start:end]`` and is never that text itself.
    """

    start: int
    end: int
    check: str
    fix: str
    message: str
    cls: str
    why: Message | None = None
    """``message`` as an engine message, for the window to show in its language."""


def _finding(start: int, end: int, check: str, fix: str, why: Message) -> Finding:
    return Finding(start, end, check, fix, str(why), _CLASS.get(check, "punctuation"), why)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _han(ch: str) -> bool:
    return bool(ch) and _IS_HAN.match(ch) is not None


def _chinese(ch: str) -> bool:
    """A Han character or a full-width mark: Chinese context for a half-width mark."""
    return bool(ch) and (ch in "，。、；：？！“”‘’「」『』（）《》〈〉【】…—" or _han(ch))


def _scan(pattern: re.Pattern[str], text: str, cancel: _Cancel) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` a slice at a time, so the GIL and ``cancel`` get a turn.

    Slices end at line breaks, which no pattern here crosses, so none is cut.
    """
    pos, n = 0, len(text)
    while pos < n:
        poll(cancel)
        stop = text.find("\n", pos + _CHUNK)
        stop = n if stop < 0 else stop + 1
        yield from pattern.finditer(text, pos, stop)
        pos = stop


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line without its break or trailing white space."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line.rstrip())))
        pos += len(line) + 1
    return out


# -- doubled characters and words ---------------------------------------------

_CANDIDATE = re.compile(f"(?=([{_HAN}]{{1,4}})\\1)")
_RUN = re.compile(r"(.)\1*", re.DOTALL)
_FUNCTION = set(
    "的地得了着过是在有和与及或而把被将对从向给于以为因由让使比跟同往"
    "我你您他她它们这那其之此也都就还又再才不没很更太所却并但则吗呢吧已曾会能要该应可须"
)
"""Characters that never reduplicate (AA): doubled, a slip unless a longer word explains it."""
_LEADS = set("对和在与从向给为把被比跟同往于以由及或将让使当按是有会要就的")
"""Function characters that may stand before a word beginning with themselves (对对方, 的的士)."""
_NUMERALS = set("〇零一二三四五六七八九十百千万两")
_RUNS = set(
    "好对是行来走快"
    "啊呀哇嘻哒呼唉哦哟嗡叮咩哈嘿呵嘀滴哗轰汪哼咳嘎咕吱嗷喔嘤咯嗒噔啪嘭啧嗨嘘嗯呜咚砰喵嗖"
)
"""Written three times or more on purpose: in dialogue (好好好) and for sounds (呜呜呜)."""
_SOUND_TAGS = {"o", "e", "y"}
_ABAB = _words(
    """研究 讨论 商量 考虑 休息 学习 锻炼 活动 收拾 打扫 整理 检查 了解 认识 介绍 说明 解释
    安慰 表扬 教育 帮助 练习 准备 体验 感受 交流 沟通 琢磨 比较 打听 思考 调查 清理 修理 布置
    复习 照顾 参观 欣赏 享受 放松 调整 联系 打扮 热闹 暖和 凉快 舒服 高兴 轻松 溜达 折腾 商议
    请教 切磋 试验 尝试 分析 总结 反省 熟悉 适应 关心 安排 讲解 议论 锻造 温习 盘算 斟酌 掂量
    核对 清点 修改 润色 梳理 打理 保养 按摩 表演 演示 示范 合计 算计 活络 乐呵 痛快 开心 见识
    体会 思量 回忆 反思 料理 搀扶 捶打 比划 指点 提醒 鼓励 批评 认真 注意 观察 走动 运动 宣传
    好的 是的 对的 没事 算了 好了 行了 快点 谢谢 不用 不要 没错 不对 哪里 来了 走了 慢点
    很多 好多 非常 特别 永远 一直 真的 很久 好久"""
)
"""Two-character words doubled on purpose: tentative verbs (研究研究), dialogue (好的好的),
emphasis (很多很多)."""


class _Model:
    """jieba's dictionary and its words' tags, loaded once (≈1 s, ≈140 MB) on the first
    candidate double."""

    def __init__(self) -> None:
        jieba = import_jieba()
        jieba.setLogLevel(logging.CRITICAL)  # "Building prefix dict" and a failed cache dump
        self.tokenizer: Any = jieba.Tokenizer()
        # jieba's default cache is a pickle in the shared temp dir; keep ours private
        cache = Path(platformdirs.user_cache_dir("jiaokan", appauthor=False)) / "jieba"
        try:
            cache.mkdir(parents=True, exist_ok=True)
            writable = os.access(cache, os.W_OK)
        except OSError:
            writable = False
        # unwritable (read-only home): a directory that cannot exist, so nothing is
        # read from or dumped anywhere and the dictionary is built in memory
        self.tokenizer.tmp_dir = str(cache if writable else Path(os.devnull) / "jieba")
        total, chunks, tag_chunks = cached("jieba-tables", package_versions("jieba"), self._tables)
        # jieba's own cache is one marshal.load of ~0.6 s that holds the GIL: a window
        # loading it in the background would freeze that long. Chunk by chunk, every
        # other thread gets its turn between them.
        freq: dict[str, int] = {}
        for chunk in chunks:
            freq.update(marshal.loads(chunk))
        self.tokenizer.FREQ, self.tokenizer.total = freq, total
        self.tokenizer.initialized = True
        jieba.setLogLevel(logging.WARNING)
        self.freq: dict[str, int] = self.tokenizer.FREQ
        tags: dict[str, str] = {}
        for chunk in tag_chunks:
            tags.update(marshal.loads(chunk))
        self.tags = tags
        """Each word's part of speech, as ``jieba.posseg`` reads them from the same
        dictionary: importing ``jieba.posseg`` for them cost 0.4 s at every start (its
        HMM tables, and the dictionary's 349,000 lines parsed again)."""

    def _tables(self) -> tuple[int, list[bytes], list[bytes]]:
        """jieba's prefix dictionary, built by jieba, and its words' tags, read as
        ``jieba.posseg`` reads them, each as marshalled chunks of 20,000 entries."""
        freq, total = self.tokenizer.gen_pfdict(self.tokenizer.get_dict_file())
        tags: dict[str, str] = {}
        with self.tokenizer.get_dict_file() as lines:
            for raw in lines:
                line = raw.strip().decode("utf-8")
                if line:
                    word, _, tag = line.split(" ")
                    tags[word] = tag
        return total, _marshalled(freq), _marshalled(tags)

    def word(self, w: str) -> bool:
        return self.freq.get(w, 0) > 0

    def tag(self, w: str) -> str:
        return self.tags.get(w, "")

    def tokens(self, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
        spans, pos = [], lo
        for w in self.tokenizer.cut(text[lo:hi], HMM=False):
            spans.append((pos, pos + len(w)))
            pos += len(w)
        return spans


def _marshalled(table: Mapping[str, Any], step: int = 20_000) -> list[bytes]:
    items = list(table.items())
    return [marshal.dumps(dict(items[k : k + step])) for k in range(0, len(items), step)]


_MODEL: _Model | None = None
_MODEL_LOCK = threading.Lock()


def _model() -> _Model:
    global _MODEL
    with _MODEL_LOCK:
        if _MODEL is None:
            _MODEL = _Model()
        return _MODEL


def preload() -> None:
    """Load jieba's dictionary now (see app.preload)."""
    _model()


def jieba_model() -> _Model:
    """jieba's dictionary and tagger, shared with app.classes.spelling (loaded once)."""
    return _model()


def _aabb(text: str, p: int, m: _Model) -> bool:
    """Is the double at ``p`` half of an AABB form (高高兴兴, 来来往往)?"""
    for s in (p, p - 2):
        w = text[max(s, 0) : s + 4]
        aabb = s >= 0 and len(w) == 4 and w[0] == w[1] != w[2] == w[3] and _han(w[0] + w[2])
        if aabb and (m.word(w) or not ({w[0], w[2]} & _FUNCTION)):
            return True
    return False


def _legit(text: str, p: int, k: int, m: _Model) -> bool:
    """Is ``u`` at ``p``, followed by itself, a reduplication or two words that meet?

    The patterns go first since segmentation is the cost.  A word boundary
    between the copies explains a double only when the first copy ends a
    longer word (大会|会场, 党组织|组织): a lone copy beside a word that ends
    or starts with it is the typical slip (我们|们, 学|学生).
    """
    u = text[p : p + k]
    c = u[0]
    if k == 1 and _aabb(text, p, m):
        return True  # 高高兴兴, 吵吵闹闹了一整天
    after = text[p + 2 * k : p + 2 * k + 2]
    if (m.tag(c) == "v" if k == 1 else u in _ABAB) and after[:1] == "了" and _han(after[1:]):
        # a doubled verb takes 了 only at the end of a clause (该走走了), never
        # before an object (*说说了很多: 说了说), unless it is 了解 or the like
        return m.word(after)
    if k == 1:
        if c in _NUMERALS or m.tag(c) in _SOUND_TAGS or m.tag(u + u) in _SOUND_TAGS:
            return True  # 二〇二二, 哈哈
        if c in _RUNS and c * 3 in text[max(0, p - 2) : p + 4]:
            return True  # 好好好, 呜呜呜
        if text[p - 1 : p] == "一" and m.tag(c)[:1] in {"q", "m", "n"}:
            return True  # 一个个, 一条条
    elif u in _ABAB or c in "一不没别" or u.endswith("了") or m.tag(u) in {"z", "o"}:
        return True  # 研究研究, 一步一步, 不是不是, 算了算了, 雪白雪白, 哗啦哗啦
    elif k > 2 and (c in _FUNCTION or u[-1] in _FUNCTION):
        return True  # a phrase pattern: 我的朋友的朋友
    tokens = m.tokens(text, max(0, p - 10), p + 2 * k + 10)
    t1 = next(t for t in tokens if t[0] <= p + k - 1 < t[1])
    t2 = next(t for t in tokens if t[0] <= p + k < t[1])
    if t1 == t2:  # one word covers the seam
        # jieba lists junk like 了了 and 对对 at frequency 3; 往往, 太太 and 比比 are words
        return t1 != (p, p + 2 * k) or k > 1 or c not in _FUNCTION or m.freq.get(u + u, 0) >= 50
    longer1, longer2 = t1[0] < p, t2[1] > p + 2 * k
    if longer1 and longer2:  # 大会|会场, 学生|生活
        return True
    if longer1:  # 我们|们 and 发展|展 are slips; 党组织|组织(动员) is not
        return k > 1
    if k > 1:  # 发展|发展, 学生|学生们; but 长春|长春(山花园社区), a place within a place
        return m.tag(u) == "ns" and _han(after[:1]) and after[:1] not in _FUNCTION
    if longer2:  # 学|学生 is a slip; 对|对方, 个|个别, 扫|扫地, 看|看书 are not
        second = text[t2[0] : t2[1]]
        lead = c in _LEADS or m.tag(c) == "q"
        lead = lead and m.tag(second)[:1] not in {"d", "c", "p", "r", "u"}  # not 就|就是
        return lead or (c not in _FUNCTION and m.tag(c) == "v" and len(second) == 2)
    redup = m.tag(c) in {"v", "a", "q", "m"}  # 看看, 红红, 岁岁: a verb, adjective, measure
    return c not in _FUNCTION and (redup or m.word(c + c))


def _doubled(text: str, cancel: _Cancel) -> Iterator[Finding]:
    """A character or word written twice, found by regex and judged by segmentation.

    Only the neighbourhood of a candidate is segmented: jieba over the whole
    text would cost seconds per million characters.
    """
    skip = 0
    for n, hit in enumerate(_scan(_CANDIDATE, text, cancel)):
        p = hit.start()
        if n % 256 == 255:
            poll(cancel)
        if p < skip:
            continue
        c, run = text[p], _RUN.match(text, p)
        end = run.end() if run else p
        if end - p > 4:  # long runs at once: 哈哈哈哈哈 on purpose, 们们们们们 a slip
            skip = end - 1
            m = _model()
            sound = m.tag(c) in _SOUND_TAGS or m.tag(c + c) in _SOUND_TAGS
            if not (c in _NUMERALS or c in _RUNS or sound):
                keep = 1 + _legit(text, p, 1, m)
                msg = message("check.doubled-run", text=c, n=str(end - p))
                yield _finding(p + keep, end, "doubled", "", msg)
            continue
        for k in range(1, 5):
            u = text[p : p + k]
            double = len(u) == k and text[p + k : p + 2 * k] == u and not _NOT_HAN.search(u)
            if double and (k == 1 or u != c * k) and not _legit(text, p, k, _model()):
                msg = message("check.doubled", text=u)
                yield _finding(p + k, p + 2 * k, "doubled", "", msg)
                break


# -- punctuation --------------------------------------------------------------

_OPEN, _CLOSE = "“「『（《〈【‘(", "”」』）》〉】’)"
_PAIR = dict(zip(_OPEN, _CLOSE, strict=True))
_OPENER = dict(zip(_CLOSE, _OPEN, strict=True))
_BRACKET = re.compile(f'[{re.escape(_OPEN + _CLOSE)}"]')
_ENUMERATOR = re.compile(r"\s*\w{1,3}$")
_CONTINUES = "“「『‘"


def _paired(text: str, cancel: _Cancel) -> Iterator[Finding]:
    """Unbalanced or mismatched paired marks, within each paragraph.

    An unclosed or stray mark is proposed for deletion at the mark itself: the
    place to insert its partner is a guess (a title closes long before the
    paragraph ends), while the locus is where the proofreader must look.  A
    quotation left open when the next paragraph opens the same way is the
    convention for quoting several paragraphs, not an error.
    """
    lines = _lines(text)
    for i, (a, b) in enumerate(lines):
        poll(cancel)
        stack: list[tuple[str, int]] = []
        for m in _BRACKET.finditer(text, a, b):
            ch, q, top = m.group(), m.start(), stack[-1][0] if stack else ""
            if ch == '"' and top == '"':
                stack.pop()
            elif ch in _PAIR or ch == '"':
                stack.append((ch, q))
            elif ch == "’" and top != "‘" and _LETTERS.match(text[q - 1 : q]):
                continue  # an apostrophe (don’t, students’)
            elif ch == ")" and not stack and _ENUMERATOR.fullmatch(text, a, q):
                continue  # a list marker: 1) a)
            elif any(o == _OPENER[ch] for o, _ in stack):
                while stack[-1][0] != _OPENER[ch]:
                    yield _unclosed(*stack.pop())
                stack.pop()
            elif top not in ("", '"'):
                o, oq = stack.pop()
                if (o, ch) == ("(", "）"):  # the half-width one is the slip
                    msg = message("check.closed-by", open="(", close="）")
                    yield _finding(oq, oq + 1, "paired_punctuation", "（", msg)
                else:
                    msg = message("check.closed-by", open=o, close=ch)
                    yield _finding(q, q + 1, "paired_punctuation", _PAIR[o], msg)
            else:
                msg = message("check.closes-nothing", mark=ch)
                yield _finding(q, q + 1, "paired_punctuation", "", msg)
        if stack and stack[0][0] in _CONTINUES:  # does the next paragraph open the same way?
            j = i + 1
            while j < len(lines) and not text[lines[j][0] : lines[j][1]].strip():
                j += 1
            if j < len(lines) and text[lines[j][0] : lines[j][1]].lstrip()[:1] == stack[0][0]:
                stack.pop(0)
        for o, q in stack:
            yield _unclosed(o, q)


def _unclosed(o: str, q: int) -> Finding:
    return _finding(q, q + 1, "paired_punctuation", "", message("check.not-closed", mark=o))


_DOUBLED_PUNCT = re.compile(r"([，、；：。])\1+")


def _doubled_punct(text: str, cancel: _Cancel) -> Iterator[Finding]:
    """，， 、、 ；； ：： and 。。, but not 。。。 (an ellipsis) nor ？？ and ！！ (emphasis)."""
    for m in _scan(_DOUBLED_PUNCT, text, cancel):
        if m.group(1) != "。" or len(m.group()) == 2:
            msg = message("check.doubled-mark", mark=m.group(1))
            yield _finding(m.start() + 1, m.end(), "doubled_punctuation", "", msg)


_HALF = re.compile(r'\.{2,}|[?!]+|[,.;:]|\(([^()\n]*)\)|"([^"\n]*)"')
_FULL = str.maketrans(",.;:?!", "，。；：？！")
_URL = re.compile(r"(?:https?://|www\.)[\w\-.~:/?#\[\]@!$&'()*+,;=%]+")


def _halfwidth(text: str, cancel: _Cancel) -> Iterator[Finding]:
    """Half-width marks touching Chinese, never between two Latin letters or digits.

    So 3.14, 1,000, 10:30, f(x), Mr. and URLs stay; a full stop needs Chinese
    before it and no letter or digit after it (清华大学.pdf); a bracket or
    quote pair converts together, when it holds Chinese or follows it.
    """
    urls = [(m.start(), m.end()) for m in _scan(_URL, text, cancel)]
    for m in _scan(_HALF, text, cancel):
        s, e = m.start(), m.end()
        i = bisect_left(urls, (s + 1,)) - 1
        if i >= 0 and urls[i][1] > s:
            continue
        prev, nxt, mark = text[s - 1 : s], text[e : e + 1], m.group()
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        if inner is not None:
            if _IS_HAN.search(inner) or _han(prev):
                pair = "（）" if mark[0] == "(" else "“”"
                msg = message("check.halfwidth-pair", open=mark[0], close=mark[-1])
                yield _finding(s, s + 1, "halfwidth_punctuation", pair[0], msg)
                yield _finding(e - 1, e, "halfwidth_punctuation", pair[1], msg)
            continue
        marks = _chinese(prev) and _chinese(nxt)  # one side alone may be English “quoting”
        if mark == ".":
            ok, fix = (_han(prev) or marks) and not _LATIN_OR_DIGIT.match(nxt), "。"
        else:
            ok = _han(prev) or _han(nxt) or marks
            fix = "……" if mark[0] == "." else mark.translate(_FULL)
        if ok:
            msg = message("check.halfwidth", mark=mark)
            yield _finding(s, e, "halfwidth_punctuation", fix, msg)


# -- foreign script and mojibake ----------------------------------------------

_CP1252 = "".join(bytes([b]).decode("cp1252", "ignore") for b in range(0x80, 0xA0))
_CONT = f"[\u0080-\u00bf{_CP1252}]"
_LATIN1 = f"(?:[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}})+"
_KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
_FOREIGN_BRANCHES = (
    f"(?P<bad>\ufffd+|(?:锟斤拷)+|烫{{3,}}|屯{{3,}}|[鈥锛銆])|(?P<latin1>{_LATIN1})"
    f"|(?P<script>[{_KANA}{_HANGUL}]+)|(?P<word>[a-z]+(?: [a-z]+){{0,2}})"
)
# The look-ahead names every character a branch can start with, so the scan skips, in C,
# every position where none can: trying the four branches at each character cost 0.12 s
# at 1M characters, now 0.01 s (as app/text/normalize.py's _ELLIPSIS_OR_DASH does).
_FOREIGN = re.compile(
    f"(?=[\ufffd锟烫屯鈥锛銆\u00c2-\u00f4{_KANA}{_HANGUL}a-z])(?:{_FOREIGN_BRANCHES})"
)
_LOOKALIKE = dict(zip("ー・ロエカニハトタヒ", "一·口工力二八卜夕匕", strict=True))
"""Kana an OCR engine reads for a Han character or mark it resembles."""
_ENGLISH = _words(
    "and or of the in on at to for with by from is are was were be as that this it not but so"
)


def _foreign(text: str, cancel: _Cancel) -> Iterator[Finding]:
    """Mojibake, stray Kana/Hangul, and an English function word inside Chinese.

    Kana or Hangul count only as a short run touching Han in a line that is
    otherwise Chinese (a Japanese line is left alone).  Latin is flagged only
    as lowercase function words between Han with no other Latin within 20
    characters: acronyms and names (GDP, COVID-19, 5G, iPhone) are normal.
    """
    for m in _scan(_FOREIGN, text, cancel):
        s, e, g = m.start(), m.end(), m.group()
        if m.group("bad"):
            yield _finding(s, e, "foreign", "", message("check.mojibake", text=g))
        elif m.group("latin1"):
            raw = b"".join(ch.encode("cp1252" if ch in _CP1252 else "latin-1") for ch in g)
            fix = raw.decode("utf-8", "replace").replace("\ufffd", "")
            yield _finding(s, e, "foreign", fix, message("check.latin1", text=g))
        elif m.group("script"):
            a, b = text.rfind("\n", 0, s) + 1, text.find("\n", e)
            line = text[a : b if b >= 0 else len(text)]
            alien = len(re.findall(f"[{_KANA}{_HANGUL}]", line))
            if len(g) <= 3 and alien <= 3 and (_han(text[s - 1 : s]) or _han(text[e : e + 1])):
                hangul = re.match(f"[{_HANGUL}]", g)
                msg = message("check.hangul" if hangul else "check.kana", text=g)
                yield _finding(s, e, "foreign", _LOOKALIKE.get(g, ""), msg)
        elif set(g.split()) <= _ENGLISH:
            a = s - (text[s - 1 : s] == " ")
            b = e + (text[e : e + 1] == " ")
            if _han(text[a - 1 : a]) and _han(text[b : b + 1]):
                near = text[max(0, a - 20) : a] + text[b : b + 20]
                if not _LETTERS.search(near):
                    yield _finding(a, b, "foreign", "", message("check.english", text=g))


# -- script and spacing -------------------------------------------------------


@cache
def _simplified_only() -> dict[str, str]:
    """Simplified characters no Traditional text uses, and each one's usual Traditional
    form (OpenCC's s2t characters; 后, 里 and 干 stand for themselves too, so they are
    not among them)."""
    from app.text.script import opencc_tables

    readings = opencc_tables()[2]
    return {s: forms[0] for s, forms in readings.items() if s not in forms and len(s) == 1}


def _script_mix(text: str, cancel: _Cancel) -> Iterator[Finding]:
    """Traditional characters or words in a Simplified text, or the reverse.

    The text's script is the one most of its script-specific characters
    belong to; each unit of the other is a finding, with its counterpart as
    the fix (OpenCC's t2s with its phrases, or the usual Traditional form).
    This holds whatever the collation rules fold: 運輸 in a Simplified
    speech is wrong though the script rule makes it equal 运输.
    """
    from app.text.script import fold_traditional

    poll(cancel)
    present: set[str] = set()  # at C speed; a character class of thousands is not
    for piece in slices(text):  # a slice at a time: the GIL is let go between
        present.update(piece)
    trad = _traditional_chars() & present
    if not trad:  # no Traditional character: nothing is out of place either way
        return
    traditional = _traditional_units(text, trad, *fold_traditional(text))
    poll(cancel)
    only = _simplified_only()
    simp = only.keys() & present
    counts: Counter[str] = Counter()
    if simp:  # counted a slice at a time: one Counter(text) held the GIL 20-80 ms at 1M
        for piece in slices(text):
            counts.update(piece)
    n_simplified = sum(counts[c] for c in simp)
    if n_simplified > len(traditional):
        units = traditional
    elif simp and len(traditional) > n_simplified:
        pattern = _char_class(simp)
        units = [(m.start(), m.end(), only[m.group()]) for m in _scan(pattern, text, cancel)]
    else:
        return
    in_simplified = units is traditional
    for start, end, fix in _words_of(units):
        msg = message(
            "check.traditional" if in_simplified else "check.simplified",
            text=text[start:end],
            fix=fix,
        )
        yield _finding(start, end, "script_mix", fix, msg)


def _char_class(chars: Iterable[str]) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(''.join(sorted(chars)))}]")


@cache
def _traditional_chars() -> frozenset[str]:
    """Every character OpenCC's t2s changes (less those Simplified writes too)."""
    from app.text.script import opencc_tables

    chars = opencc_tables()[0]
    return frozenset(c for c, s in chars.items() if c != s and c not in _BOTH_SCRIPTS)


def _traditional_units(
    text: str, chars: Iterable[str], folded: str, replacements: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Where folding changed ``text``: each changed character or phrase with its fold."""
    units: list[tuple[int, int, str]] = []
    starts = [r[0] for r in replacements]
    shifts, shift = [], 0
    for start, end, new in replacements:
        shift += len(new) - (end - start)
        shifts.append(shift)
    for m in _char_class(chars).finditer(text):
        k = m.start()
        i = bisect_left(starts, k + 1) - 1
        if i >= 0 and k < replacements[i][1]:
            continue  # inside a phrase: judged as a whole below
        here = folded[k + (shifts[i] if i >= 0 else 0)]
        if here != text[k]:
            units.append((k, k + 1, here))
    for start, end, new in replacements:
        old = text[start:end]
        if len(new) != len(old) or any(
            a != b and a not in _BOTH_SCRIPTS for a, b in zip(old, new, strict=True)
        ):
            units.append((start, end, new))
    return sorted(units)


def _words_of(units: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """Adjacent units as one (運 輸 → 運輸 → 运输): a word is one finding."""
    run: list[tuple[int, int, str]] = []
    for unit in units:
        if run and run[-1][1] != unit[0]:
            yield run[0][0], run[-1][1], "".join(u[2] for u in run)
            run = []
        run.append(unit)
    if run:
        yield run[0][0], run[-1][1], "".join(u[2] for u in run)


_BOTH_SCRIPTS = frozenset("著")
"""Folded for comparison (Taiwan writes 著 for 着) but Simplified as well (著名, 著作)."""

_SPACE = re.compile(f"(?<=[{_HAN}])[ \u00a0]+(?=[{_HAN}])")
"""Spaces a slip leaves; not the ideographic space (U+3000), which typesetting puts there
on purpose: indentation, a run-in label (第一节　社区是……), a name spaced out."""

_LABEL = re.compile(r"\s*第[^\s，。、]{1,8}[章节条款部篇回]\Z")
"""A paragraph's run-in label, which a space sets apart from its text (第三节 社区是……)."""


def _stray_space(text: str, cancel: _Cancel) -> Iterator[Finding]:
    """A space between two Han characters inside punctuated prose (严 峻, 中共中央 总书记).

    Chinese prose puts no space between words; one there is an OCR or
    typing slip.  Lines without a mark inside (headings, verse, tables that
    space their cells) are left alone.
    """
    for m in _scan(_SPACE, text, cancel):
        a, b = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
        line = text[a : b if b >= 0 else len(text)]
        before = text[a : m.start()]
        if not _INNER_PUNCT.search(line) or before.endswith("日电") or _LABEL.match(before):
            continue  # a heading, verse, a table; a dateline (北京3月10日电 …); a label
        if before.count("(") + before.count("（") > before.count(")") + before.count("）"):
            continue  # names in brackets: (记者 刘曲)
        yield _finding(m.start(), m.end(), "stray_space", "", message("check.stray-space"))


# -- paragraph ends -----------------------------------------------------------

_HEADING = re.compile(
    r"\s*(——|第\S{1,8}?[章节回卷部篇编集]|[一二三四五六七八九十百]+、|[（(]\w{1,3}[）)]|\d+[.、．])"
)
_INNER_PUNCT = re.compile("[，、；：。！？]")
_SENTENCE_END = re.compile(f"[{SENTENCE_ENDS}]+[{CLOSING_QUOTES}{CLOSING_BRACKETS}]*")
_PAGE_LINE = re.compile(r"\s*(?:[-—–－·]?\s*(?:第\s*)?\d{1,4}\s*(?:页)?\s*[-—–－·]?)?\s*$")
"""A line a page break leaves between two halves of a paragraph: empty, or a page number
(12, - 12 -, 第12页)."""
_OPENERS_START = tuple("“「『（(《〈【[—-")


def _full_stop(text: str, cancel: _Cancel) -> list[Finding]:
    """A paragraph of prose ending on a letter, digit or Han character, or on a comma.

    Prose: at least 15 Han characters, mostly Han, punctuated inside, not a
    numbered heading or list item.  Such an end is either a paragraph that
    lost its full stop, or a sentence a page break cut in two (…全面严格⏎⏎管控。):
    the fix is 。 for the first and joining the two for the second
    (:func:`_continues` tells them apart).  A paragraph ending on ， or 、 (or on ,: OCR
    reads ， so too) before one that goes on is always a sentence cut in two.

    When more than a third of six or more prose lines end without a mark,
    the text is hard-wrapped (line breaks inside paragraphs, as OCR leaves
    them) and no paragraph end is known: no full stop is proposed, but every
    line that stops inside a sentence before a line that goes on with it is
    a break to join.
    """
    prose = missing = 0
    joins: list[Finding] = []
    wrapped: list[Finding] = []  # joins that hold only if the text is hard-wrapped
    stops: list[Finding] = []
    lines = _lines(text)
    # worked out only for a line that may go on in the next (none in most texts: at 1M it
    # was half of this check, 0.04 s)
    typical = cache(lambda: _long_sentence(text))
    for k, (a, b) in enumerate(lines):
        poll(cancel)
        line = text[a:b].lstrip()
        if not line:
            continue
        han = len(_NOT_HAN.sub("", line))
        plain = not _HEADING.match(line) and 2 * han >= len(line)
        is_prose = han >= 15 and plain and _INNER_PUNCT.search(line) is not None
        prose += is_prose
        comma = line[-1] in "，、," and han >= 5 and plain  # OCR reads ， as , too
        if not (comma or line[-1].isalnum()):
            continue
        missing += is_prose and not comma
        following = _next_paragraph(text, lines, k)
        if following is None or not _starts_mid(text[following[0] : following[1]]):
            if is_prose and not comma:
                stops.append(_stop(b))
            continue
        join = _finding(b, following[0], "broken_paragraph", "", message("check.broken-paragraph"))
        after = text[following[0] : following[1]]
        if comma or (is_prose and _continues(line, after, typical())):
            joins.append(join)
        elif is_prose:
            stops.append(_stop(b))
            wrapped.append(join)
        elif han >= 5 and plain:  # a short line: a word cut in two, or hard-wrapped text
            (joins if _word_across(line[-4:], after[:4]) else wrapped).append(join)
    if prose >= 6 and 3 * missing > prose:  # hard-wrapped
        return sorted(joins + wrapped, key=_span)
    return sorted(joins + stops, key=_span)


def _stop(b: int) -> Finding:
    return _finding(b, b, "missing_full_stop", "。", message("check.missing-full-stop"))


def _starts_mid(after: str) -> bool:
    """Does a paragraph start as the middle of a sentence does (not a heading or quote)?"""
    return (
        bool(after)
        and after[0].isalnum()
        and not after.startswith(_OPENERS_START)
        and not (_HEADING.match(after))
    )


def _next_paragraph(text: str, lines: list[tuple[int, int]], k: int) -> tuple[int, int] | None:
    """The next line with text, past blank lines and a page number between (or None)."""
    for a, b in lines[k + 1 : k + 6]:
        content = text[a:b]
        if _PAGE_LINE.match(content):
            continue
        start = a + len(content) - len(content.lstrip())
        return start, b
    return None


def _long_sentence(text: str) -> int:
    """How long one sentence of this text may be: 1.2 times its 80th percentile (40 when
    it has too few sentences to say).

    Tuned on the project's own prose with page breaks and lost full stops
    injected (bench/bench_checks.py, "broken paragraphs"); measured there
    on seeds it was not tuned on.
    """
    pieces = (piece for sentence in split(_SENTENCE_END, text) for piece in sentence.split("\n"))
    lengths = sorted(len(piece) for piece in pieces if len(piece.strip()) > 3)
    if len(lengths) < 5:  # too few to tell: a sentence of news prose
        return 40
    return max(16, lengths[len(lengths) * 4 // 5] * 6 // 5)


def _continues(line: str, after: str, typical: int) -> bool:
    """Does ``after`` go on with the sentence ``line`` breaks off?

    It must start as the middle of a sentence does (a Han character, a letter or
    a digit, not an opening quote, a bracket or a heading), and the broken-off
    end of ``line`` together with the start of ``after`` must be no longer than
    one long sentence of this text: a paragraph that only lost its full stop
    ends on a whole sentence, and the next begins another, two sentences' worth.
    """
    if not _starts_mid(after):
        return False
    tail = _SENTENCE_END.split(line)[-1]
    head = _SENTENCE_END.split(after)[0]
    if len(tail) + len(head) <= typical:
        return True
    if _han(line[-1]) and len(head) <= 4 and _SENTENCE_END.match(after, len(head)):
        return True  # 树立了⏎典范。: the next paragraph opens with a fragment
    return _word_across(line[-4:], after[:4])


def _word_across(left: str, right: str) -> bool:
    """Does jieba read a word across the seam of ``left`` and ``right`` (生活物⏎资保障)?"""
    if not (_han(left[-1:]) and _han(right[:1])):
        return False
    m = _model()
    seam = len(left)
    return any(s < seam < e for s, e in m.tokens(left + right, 0, len(left + right)))


# -- newspaper continuation lines ---------------------------------------------


_JUMP_ALONE = re.compile(f"^[ \t\u3000]*(?:{JUMP_WORDS})[ \t\u3000]*$", re.MULTILINE)
"""The same line without brackets, standing alone on its line (下转第五版)."""


def _jump_lines(text: str, cancel: _Cancel) -> Iterator[Finding]:
    """Continuation lines: they belong to the newspaper's pages, not to the text.

    A line of its own goes with its line break (no empty line is left
    behind); one at the end or start of a paragraph goes alone.
    """
    msg = message("check.jump-line")
    spans = [(m.start(), m.end()) for m in _scan(JUMP_LINE, text, cancel)]
    spans += [(m.start(), m.end()) for m in _scan(_JUMP_ALONE, text, cancel)]
    for s, e in sorted(set(spans)):
        a, b = text.rfind("\n", 0, s) + 1, text.find("\n", e)
        b = len(text) if b < 0 else b
        if not text[a:s].strip() and not text[e:b].strip():  # the line holds nothing else
            if b < len(text):
                s, e = a, b + 1
            elif a > 0:
                s, e = a - 1, b
        yield _finding(s, e, "jump_line", "", msg)


# -- all together -------------------------------------------------------------


def _span(f: Finding) -> tuple[int, int]:
    return (f.start, f.end)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return (a[0] < b[1] and b[0] < a[1]) or a == b


def _checks() -> tuple[Callable[[str, _Cancel], Iterable[Finding]], ...]:
    """The checks, in :data:`CHECKS`'s order (their priority)."""
    return (
        _foreign,
        _jump_lines,
        _script_mix,
        _stray_space,
        _paired,
        _doubled_punct,
        _doubled,
        _halfwidth,
        _full_stop,
    )


PARTS = ((0, 1, 2, 3, 4, 5, 7), (6, 8))
"""The checks in two parts that run apart (:func:`check_part`), by their place in
:func:`_checks`: those that need no word model, then the doubled characters and the full
stops, which segment words with jieba.  A collation in processes runs them beside its
witnesses (app.collation.collate); jieba's tables (140 MB, 0.6 s to read) are in the
calling process only, so the second part runs there (:data:`PART_NEEDS_WORDS`)."""

PART_NEEDS_WORDS = (False, True)
"""Whether each of :data:`PARTS` reads jieba's tables (:func:`_model`)."""

PART_SECONDS_PER_CHAR = (0.15e-6, 0.2e-6)
"""About what each of :data:`PARTS` costs per character of text (measured here at 1M)."""


def check_part(text: str, part: int, cancel: _Cancel = None) -> list[list[Finding]]:
    """What each check of the part ``part`` of :data:`PARTS` finds in ``text``, sorted by span,
    before the checks' findings are weighed against each other (:func:`combine`)."""
    checks = _checks()
    return [sorted(checks[k](text, cancel), key=_span) for k in PARTS[part]]


def combine(parts: Iterable[list[list[Finding]]]) -> list[Finding]:
    """:func:`check_text` from what :func:`check_part` found, in the order of
    :data:`PARTS`: the same findings whichever process found each part."""
    found: dict[int, list[Finding]] = {}
    for indices, lists in zip(PARTS, parts, strict=True):
        found.update(zip(indices, lists, strict=True))
    return _weighed([found[k] for k in range(len(_checks()))])


def _weighed(each: Iterable[list[Finding]]) -> list[Finding]:
    """Every check's findings (each sorted by span, in the checks' order) as one list,
    sorted and non-overlapping: of two that overlap, the earlier check's, then the earlier
    one, wins."""
    kept: list[Finding] = []
    for found in each:
        spans = [_span(f) for f in kept]
        new: list[Finding] = []
        for f in found:
            i = bisect_left(spans, (f.start,))
            near = spans[max(0, i - 1) : i + 2] + [_span(g) for g in new[-1:]]
            if not any(_overlaps(_span(f), o) for o in near):
                new.append(f)
        kept = sorted(kept + new, key=_span)  # two sorted runs: a linear merge
    return kept


def check_text(text: str, *, cancel: Callable[[], bool] | None = None) -> list[Finding]:
    """Every finding in ``text``, sorted by ``(start, end)`` and non-overlapping.

    Where findings overlap, the one of the check listed first in
    :data:`CHECKS` wins (mojibake 烫烫烫 is not a doubled character), then
    the earlier one.  ``cancel`` is polled throughout; when it returns true,
    :class:`~app.collation.align.Cancelled` is raised.
    """
    return _weighed(sorted(check(text, cancel), key=_span) for check in _checks())
