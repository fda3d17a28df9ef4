"""Tests of the ``script`` rule (Traditional -> Simplified folding with offsets)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.text.offsets import OffsetMap, Replacement
from app.text.script import (
    QUOTE_FOLDS,
    ScriptFolder,
    _defaults,
    fold_traditional,
    opencc_folder,
    opencc_tables,
)

# Ordinary news prose, written for these tests (Simplified).
SAMPLE = (
    "新华社北京三月十五日电 记者从国家统计局获悉，今年前两个月，全国规模以上工业增加值同"
    "比增长百分之七点二，比去年十二月份加快零点八个百分点。国家统计局新闻发言人在发布会上"
    "表示，随着一系列稳增长政策措施落地见效，国民经济延续恢复向好态势，发展质量稳步提升。"
    "他说，制造业投资增长较快，高技术产业投资保持两位数增长。从需求方面看，消费市场继续回"
    "暖，社会消费品零售总额增长百分之五点五，其中餐饮收入增长明显。不过，外部环境依然复杂"
    "严峻，国内需求仍显不足，部分企业生产经营面临困难，经济持续回升向好的基础还需要进一步"
    "巩固。在村里，老人们每天早上都会到广场上打太极拳。七十岁的王大爷告诉记者，以前村子里"
    "只有一条土路，下雨后根本没法走，现在家家户户门前都修了水泥路，年轻人也愿意回来干事创"
    "业了。他一边说，一边从口袋里掏出手机，给我们看孙女发来的照片。照片里的小姑娘刚剪短了"
    "头发，笑得很开心。台风过后，当地干部群众连夜清理街道上的积水和杂物，恢复供电和供水。"
    "气象台提醒，未来几天仍有强降雨，请市民尽量减少外出，注意防范山洪、泥石流等次生灾害。"
    "这家面馆开了三十多年，招牌是一碗手擀面，汤头用猪骨熬制十几个小时。老板娘说，面条要现"
    "做现卖，干面和湿面的口感完全不一样。很多在外地工作的人回到家乡，第一件事就是来吃一碗"
    "面。学校的历史系今年新开设了一门课程，讲述近代以来中外文化交流的历程。系主任表示，学"
    "生们不仅要了解过去发生了什么，还要学会从复杂的史料里找出线索，理解事情背后的原因。皇"
    "后与太后的故事一直是古装剧里常见的题材。有观众认为，这类作品应当尊重史实，不能只为了"
    "吸引眼球而随意编造情节。入冬以后，北方天气干燥，医生建议大家多喝水，适当增加室内湿度"
    "。一位护士说，她每天下班后都要先洗头发，再准备第二天的饭菜。据了解，这座城市的地铁系"
    "统将在明年年底前全面升级，届时乘客可以用手机扫码进站，不必再排队买票。市政府还计划在"
    "老城区修复一批历史建筑，并在沿河一带建设步行道和自行车道。专家指出，只有把保护和发展"
    "结合起来，才能让古城焕发新的活力。秋收时节，农民们忙着把稻谷晒干，再装进仓里。今年风"
    "调雨顺，粮食又获丰收，每亩产量比往年多出几十斤。村委会的张会计说，余下的钱准备用来修"
    "一座小桥，方便孩子们上学。一位姓范的老师带着学生参观了博物馆，馆里陈列着古代的铜钟、"
    "青铜器和书画卷轴。讲解员介绍，这口钟铸造于明朝，距今已有五百多年的历史。在一场足球比"
    "赛中，主队与客队斗智斗勇，最后以二比一取胜。赛后，主教练表示，球员们只要发挥出正常水"
    "平，就一定能战胜对手。这名年轻球员面对记者的提问，显得有些紧张，他说自己才十九岁，还"
    "需要不断学习。天上的云越来越厚，一阵冷风吹过，树叶纷纷飘落。她披上外衣，拿起一本杂志"
    "，坐在窗边慢慢翻看。文章里写到，人生就像一场漫长的旅行，总会遇到困难和挫折，关键是要"
    "保持乐观的心态。这家公司的老板姓姜，早年在南方做生意，后来回到家乡开了一家服装厂，如"
    "今已发展成为当地的龙头企业。他常对员工说，做事要认真，做人要朴实。工厂每年都会为困难"
    "职工发放补助，还给大家准备月饼和水果。研究人员采集了大量样本，经过反复比对，终于找到"
    "了病毒的来源。相关论文已经发表在国际学术期刊上。"
)


def apply(text: str, replacements: Sequence[Replacement]) -> str:
    parts, last = [], 0
    for start, end, new in replacements:
        parts += [text[last:start], new]
        last = end
    return "".join([*parts, text[last:]])


def check_invariants(
    text: str, folded: str, replacements: Sequence[Replacement], chars: Mapping[str, str]
) -> None:
    """Replacements sorted and disjoint; elsewhere each character folds 1:1 or stays."""
    last = 0
    for start, end, _ in replacements:
        assert last <= start <= end
        last = end
    assert len(folded) == len(text) + sum(len(new) - (e - s) for s, e, new in replacements)
    i = j = 0
    for start, end, new in [*replacements, (len(text), len(text), "")]:
        for c in text[i:start]:
            assert folded[j] in (c, chars.get(c, c)), (text, i, c, folded[j])
            i, j = i + 1, j + 1
        assert folded[j : j + len(new)] == new
        i, j = end, j + len(new)
    assert j == len(folded)
    mapped = OffsetMap.from_replacements(len(text), replacements)
    mapped.check()
    assert mapped.normalized_length == len(folded)


def reference_fold(
    text: str,
    chars: Mapping[str, str],
    phrases: Mapping[str, str],
    readings: Mapping[str, Sequence[str]],
    reading_phrases: Mapping[str, str],
    variants: Mapping[str, str],
) -> tuple[str, list[Replacement]]:
    """The documented semantics, written out naively (slow, obviously right)."""
    table = {**QUOTE_FOLDS, **chars}
    units = {**{c: v for c, v in table.items() if len(v) != 1}, **phrases}
    longest = max(map(len, units), default=1)
    out: list[str] = []
    origin: list[str | None] = []  # original char for per-character folds, else None
    reps: list[Replacement] = []
    i = 0
    while i < len(text):
        for size in range(min(longest, len(text) - i), 0, -1):
            key = text[i : i + size]
            if key in units:
                if units[key] != key or any(table.get(c, c) != c for c in key):
                    reps.append((i, i + size, units[key]))
                out += units[key]
                origin += [None] * len(units[key])
                i += size
                break
        else:
            out.append(table.get(text[i], text[i]))
            origin.append(text[i])
            i += 1
    folded = "".join(out)
    by_char = phrases_by_char(reading_phrases)
    result = list(folded)
    for j, (s, t) in enumerate(zip(folded, origin, strict=True)):
        if t is None or t == s or len(readings.get(s, ())) < 2:
            continue
        same = {t, variants.get(t, t)}
        seen: set[str] = set()
        for key in by_char.get(s, []):
            value = reading_phrases[key]
            if len(value) != len(key):
                continue
            for k, ch in enumerate(key):
                if ch == s and j >= k and folded[j - k : j - k + len(key)] == key:
                    seen.add(value[k])
        if not (seen & same or (not seen and readings[s][0] in same)):
            result[j] = t
    return "".join(result), reps


_BY_CHAR: dict[int, tuple[Mapping[str, str], dict[str, list[str]]]] = {}


def phrases_by_char(phrases: Mapping[str, str]) -> dict[str, list[str]]:
    """The phrases containing each character (cached: the real table is large)."""
    if id(phrases) not in _BY_CHAR:
        by_char: dict[str, list[str]] = {}
        for key in phrases:
            for ch in set(key):
                by_char.setdefault(ch, []).append(key)
        _BY_CHAR[id(phrases)] = (phrases, by_char)  # keeps the key object alive
    return _BY_CHAR[id(phrases)][1]


@cache
def real_tables() -> tuple[
    dict[str, str], dict[str, str], dict[str, list[str]], dict[str, str], dict[str, str]
]:
    chars, phrases, readings, variants = opencc_tables()
    return chars, phrases, readings, _defaults("STPhrases.txt"), variants


# -- the one-to-many examples -------------------------------------------------


@pytest.mark.parametrize(
    ("traditional", "expected"),
    [
        ("頭髮", "头发"),
        ("之後", "之后"),
        ("乾燥", "干燥"),
        ("幹部", "干部"),
        ("皇后", "皇后"),
        ("帶頭發展經濟", "带头发展经济"),  # 發 read as in 发展, not as in 头发
        ("颱風", "台风"),
        ("臺灣", "台湾"),
        ("關係", "关系"),
        ("聯繫", "联系"),
        ("裡面", "里面"),  # 裡 is the Taiwan form of OpenCC's 裏
        ("麵條", "面条"),  # 麵 is the common form of OpenCC's 麪
        ("一隻貓", "一只猫"),
        ("乾隆年間", "乾隆年间"),  # a TSPhrases unit
        ("一目瞭然", "一目了然"),
    ],
)
def test_folds(traditional: str, expected: str) -> None:
    assert fold_traditional(traditional)[0] == expected


@pytest.mark.parametrize(
    ("traditional", "expected"),
    [
        ("乾部", "乾部"),  # should be 幹部: must not match 干部
        ("皇後", "皇後"),  # should be 皇后
        ("頭發", "头發"),  # should be 頭髮
        ("發型", "發型"),  # should be 髮型
        ("臺風", "臺风"),  # should be 颱風
        ("餅幹", "饼幹"),  # should be 餅乾
        ("乾隆", "乾隆"),  # Simplified keeps 乾 here, so it must not become 干
    ],
)
def test_wrong_character_stays_unfolded(traditional: str, expected: str) -> None:
    assert fold_traditional(traditional)[0] == expected


def test_wrong_character_does_not_match_source() -> None:
    assert fold_traditional("乾部")[0] != fold_traditional("干部")[0]
    assert fold_traditional("皇後")[0] != fold_traditional("皇后")[0]


@pytest.mark.parametrize(
    ("traditional", "expected"),
    [
        ("保衞", "保卫"),  # Hong Kong form of 衛, unknown to t2s
        ("櫃枱", "柜台"),  # 枱 is a form of 檯, and 柜台 reads 檯
        ("隨著", "随着"),  # Taiwan 著 for the particle 着
        ("顯著", "显著"),  # ...but 著 stays where it is zhù (OpenCC's tw2s list)
        ("著名", "著名"),
        ("台灣", "台湾"),  # 台 is Simplified too: nothing to fold
    ],
)
def test_regional_forms(traditional: str, expected: str) -> None:
    assert fold_traditional(traditional)[0] == expected


def test_quotes_fold_without_moving_offsets() -> None:
    folded, reps = fold_traditional("「他說：『好。』」")
    assert folded == "“他说：‘好。’”"
    assert reps == []


# -- custom tables: exactness when a phrase changes length -------------------

CHARS = {"記": "记", "憶": "忆", "體": "体", "電": "电", "腦": "脑", "後": "后", "髮": "发"}
CHARS |= {"發": "发", "頭": "头", "卍": "万字"}
PHRASES = {"記憶體": "内存", "記憶": "记忆", "體後": "体后"}
READINGS = {"后": ["後", "后"], "发": ["發", "髮"]}
READING_PHRASES = {"皇后": "皇后", "头发": "頭髮", "发展": "發展"}


def custom_folder() -> ScriptFolder:
    return ScriptFolder(CHARS, PHRASES, READINGS, READING_PHRASES, {})


def test_length_changing_phrase() -> None:
    text = "電腦記憶體不足"
    folded, reps = custom_folder().fold(text)
    assert folded == "电脑内存不足"
    assert reps == [(2, 5, "内存")]
    assert OffsetMap.from_replacements(len(text), reps).span(2, 4) == (2, 5)


def test_guard_after_a_length_change() -> None:
    # 記憶體 shrinks by one: the guard must look at the shifted position.
    folded, reps = custom_folder().fold("記憶體皇後頭髮頭發之後")
    assert folded == "内存皇後头发头發之后"
    assert reps == [(0, 3, "内存")]


def test_length_changing_character() -> None:
    assert custom_folder().fold("a卍b") == ("a万字b", [(1, 2, "万字")])


def test_longest_phrase_wins_from_the_left() -> None:
    # 記憶體後: 記憶體 is taken first, so 體後 is not a unit.
    assert custom_folder().fold("記憶體後") == ("内存后", [(0, 3, "内存")])


def test_reverse_phrases_load_lazily() -> None:
    calls: list[int] = []

    def load() -> Mapping[str, str]:
        calls.append(1)
        return READING_PHRASES

    folder = ScriptFolder(CHARS, PHRASES, READINGS, load)
    folder.fold("简体与記憶體")
    assert calls == []
    assert folder.fold("皇後")[0] == "皇後"
    folder.fold("之後")
    assert calls == [1]


def test_guard_tables_are_kept_between_runs(tmp_path: Path) -> None:
    """Built once per cache key and read back after (the user's cache dir is a test folder)."""
    calls: list[int] = []

    def load() -> Mapping[str, str]:
        calls.append(1)
        return READING_PHRASES

    first = ScriptFolder(CHARS, PHRASES, READINGS, load, cache_key=f"test-{tmp_path.name}")
    second = ScriptFolder(CHARS, PHRASES, READINGS, load, cache_key=f"test-{tmp_path.name}")
    assert first.fold("皇後") == second.fold("皇後") == ("皇後", [])
    assert first.fold("之後") == second.fold("之後")
    assert calls == [1]


def test_char_keys_must_be_single() -> None:
    with pytest.raises(ValueError, match="single"):
        ScriptFolder({"記憶": "记忆"}, {})


CUSTOM_ALPHABET = "記憶體電腦後后皇髮發頭展卍a「」 "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=CUSTOM_ALPHABET, max_size=30))
def test_custom_folder_matches_reference(text: str) -> None:
    folded, reps = custom_folder().fold(text)
    assert (folded, reps) == reference_fold(text, CHARS, PHRASES, READINGS, READING_PHRASES, {})
    check_invariants(text, folded, reps, {**QUOTE_FOLDS, **CHARS})


# -- the OpenCC tables ----------------------------------------------------------


def mixed_alphabet() -> list[str]:
    traditional = opencc.OpenCC("s2t").convert(SAMPLE)
    phrases = list(real_tables()[1])[::7]
    return [
        *sorted(set(SAMPLE)),
        *sorted(set(traditional)),
        *phrases,
        *"乾幹後髮發隻臺颱係繫裡麵衞枱著",
        *"「」『』，。 aZ1",
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(mixed_alphabet()), max_size=40).map("".join))
def test_opencc_fold_invariants(text: str) -> None:
    folded, reps = fold_traditional(text)
    chars = {**QUOTE_FOLDS, **real_tables()[0]}
    check_invariants(text, folded, reps, chars)
    assert (folded, reps) == reference_fold(text, *real_tables())


def test_simplified_text_is_unchanged() -> None:
    long_text = SAMPLE * 50
    assert fold_traditional(long_text) == (long_text, [])


def test_s2t_round_trip() -> None:
    traditional = opencc.OpenCC("s2t").convert(SAMPLE)
    folded, _ = fold_traditional(traditional)
    assert len(folded) == len(SAMPLE)
    misses = [
        (i, traditional[i], a, b)
        for i, (a, b) in enumerate(zip(folded, SAMPLE, strict=True))
        if a != b
    ]
    rate = 1 - len(misses) / len(SAMPLE)
    assert rate == 1.0, f"round trip {rate:.2%}, misses {misses}"


@pytest.mark.parametrize("conversion", ["s2t", "s2hk", "s2tw"])
def test_real_article_round_trip(conversion: str, corpus: Path) -> None:
    text = (corpus / "000_3cf06c38faf44306.txt").read_text(encoding="utf-8")
    assert fold_traditional(text) == (text, [])
    traditional = opencc.OpenCC(conversion).convert(text)
    assert fold_traditional(traditional)[0] == text


def test_tables_load_once() -> None:
    assert opencc_folder() is opencc_folder()
    fold: Callable[[str], tuple[str, list[Replacement]]] = fold_traditional
    assert fold("後")[0] == "后"
