"""Locus classes in a proofreader's vocabulary (app.classes.classify), one example each."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.classes.classify import CLASS_LABELS_ZH, CLASSES, _classify, classify
from app.collation.collate import collate
from app.collation.loci import KINDS


def test_class_ids_and_labels() -> None:
    assert len(CLASSES) == len(set(CLASSES)) == 22
    assert tuple(CLASS_LABELS_ZH) == CLASSES
    assert CLASS_LABELS_ZH["homophone"] == "同音/音近"
    assert CLASS_LABELS_ZH["foreign"] == "外文/乱码"
    # not 改写: that is the window's word for the proofreader's own reading
    assert CLASS_LABELS_ZH["reworded"] == "措辞"


# (source_text, reading, kind, before, after) -> class
CASES: dict[str, list[tuple[str, str, str, str, str]]] = {
    "homophone": [
        ("结", "接", "substitution", "城乡", "合部"),  # jié / jiē: tones do not count
        ("结合", "接合", "substitution", "城乡", "部"),
        ("地", "的", "substitution", "认真", "学习"),  # a heteronym: 地 is also de
        ("十", "四", "substitution", "第", "章"),  # sh / s
        ("男", "蓝", "substitution", "", "孩"),  # n / l
        ("信", "性", "substitution", "相", ""),  # in / ing
    ],
    "similar_shape": [
        ("己", "已", "substitution", "自", "的"),  # the same four-corner code
        ("末", "未", "substitution", "周", "到"),
        ("拔", "拨", "substitution", "", "河"),
        ("太", "大", "substitution", "", "阳"),  # one stroke more
        ("自己", "自已", "substitution", "", ""),
    ],
    "substitution": [
        ("天", "书", "substitution", "今", "很好"),
        ("发晒", "效虎", "substitution", "干部张", "在"),  # a name misread: a word on neither side
        ("的", "，", "substitution", "我", "书"),  # a character read as a mark
    ],
    "reworded": [
        ("经济", "文化", "substitution", "发展", "。"),
        ("势头", "态势", "substitution", "蔓延", "，"),  # both keep 势, in another place
        ("千万", "可", "substitution", "", "不要忘了"),
        ("牢", "下坚实", "substitution", "打", "基础"),
        ("减少人员特别是跨区域流动", "充实基层社区力量", "substitution", "要", "。"),
    ],
    "passage": [
        (
            "各地要把社区防控作为重要任务，确保措施落到实处。",
            "社区工作者日夜坚守在一线，为居民筑起安全屏障。",
            "substitution",
            "第一段。\n",
            "\n第三段。",
        ),
        (
            "新华社北京3月10日电 中共中央政治局常委" * 3,
            "毫不放松抓紧抓实抓细各项防控工作" * 3,
            "substitution",
            "",
            "",
        ),
    ],
    "truncated": [
        ("", "\n第六段。\n第七段。", "insertion", "第五段。", ""),  # the source stops
        ("\n第六段。\n第七段。", "", "deletion", "第五段。", ""),  # the copy stops
        ("第一段。\n第二段。\n", "", "deletion", "", "第三段。"),  # the copy starts later
    ],
    "jump_line": [
        ("", "【下转第5版】", "insertion", "第一段。", "\n第二段。"),
        ("\n（上接1版）", "", "deletion", "第一段。", "第二段。"),
        ("", "(转第4版)", "insertion", "一段的末尾。", ""),
    ],
    "missing": [("", "大力", "insertion", "我们要", "发展经济")],
    "extra": [
        ("大力", "", "deletion", "我们要", "发展经济"),
        ("，有人指着一张照片说：“这就是我年轻时候的样子！”", "。", "substitution", "旧新闻", "\n"),
    ],
    "missing_sentence": [
        ("", "他也来了。", "insertion", "天气很好。", "我们去公园。"),
        ("", "。他也来了", "insertion", "天气很好", "。我们去公园。"),  # placed one off
        ("", "GDP的增长放缓了。", "insertion", "天气很好。", "我们去公园。"),
    ],
    "extra_sentence": [("我们去公园。", "", "deletion", "天气很好。", "他也来了。")],
    "missing_paragraph": [
        ("", "第二段第一句。第二段第二句。\n", "insertion", "第一段。\n", "第三段。")
    ],
    "extra_paragraph": [
        ("第二段第一句。第二段第二句。\n", "", "deletion", "第一段。\n", "第三段。"),
        ("\n第二段只有一句。", "", "deletion", "第一段。", "\n第三段。"),
    ],
    "moved": [("整个句子被挪走了。", "", "move", "", "")],
    "swap": [
        ("守严", "严守", "transposition", "", "纪律"),
        ("耐心和细", "细心和耐", "transposition", "", "心"),
    ],
    "doubled": [
        ("究", "", "duplication", "研", "了"),  # 研究究 in the source
        ("究", "", "deletion", "研究", "了"),  # the same, whatever the engine's kind
        ("", "研究", "insertion", "我们研究", "问题"),  # a word written twice in the witness
    ],
    "script": [
        ("后", "後", "substitution", "然", "来"),
        ("后来", "後來", "substitution", "", ""),
        ("里", "裏", "substitution", "家", ""),  # 里 is the Simplified form of 裏
        ("干", "乾", "substitution", "", "净"),
        ("会", "會", "substitution", "读书", "，"),
    ],
    "variant_form": [
        ("裏", "裡", "substitution", "", ""),
        ("峰", "峯", "substitution", "山", ""),
        ("群", "羣", "substitution", "", "众"),
        ("佛", "仏", "substitution", "", "教"),  # a Japanese form
    ],
    "width": [
        ("，", ",", "substitution", "好", "我"),
        ("2020", "２０２０", "substitution", "", "年"),
        ("\u3000", " ", "substitution", "", ""),
        ("。", ".", "substitution", "好", ""),
        ("“", '"', "substitution", "说：", "好"),
    ],
    "punctuation": [
        ("、", "，", "substitution", "北京", "上海"),
        ("。", "", "deletion", "好", "\n"),  # a missing full stop
        ("\n", "", "deletion", "第一段。", "第二段。"),  # whitespace carries no reading either
        ("", " ", "insertion", "我们", "的"),
        ("，他", "他，", "transposition", "好", "来"),  # a misplaced mark
        ("。", "", "duplication", "好。", ""),  # a doubled full stop
    ],
    "number": [
        ("2020", "二〇二〇", "substitution", "", "年"),
        ("十五", "15", "substitution", "", "日"),
        ("一百零三", "103", "substitution", "", "人"),
        ("两千", "2000", "substitution", "", "年前"),
        ("一", "壹", "substitution", "", "万元"),
        ("〇", "零", "substitution", "二", "二〇年"),  # 二〇二〇 / 二零二〇
    ],
    "foreign": [
        ("的", "의", "substitution", "担道义", "胸襟"),
        ("", "의", "insertion", "担道义", "胸襟"),
        ("的", "Ã©", "substitution", "我", "书"),
        ("", "the", "insertion", "我们", "书"),
        ("", "ノ", "insertion", "我们", "书"),
        ("的书", "\ufffd\ufffd", "substitution", "我", "。"),
    ],
}


@pytest.mark.parametrize(
    ("expected", "source_text", "reading", "kind", "before", "after"),
    [(cls, *case) for cls, cases in CASES.items() for case in cases],
)
def test_classify(
    expected: str, source_text: str, reading: str, kind: str, before: str, after: str
) -> None:
    assert classify(source_text, reading, kind, before, after) == expected


def test_every_class_has_an_example() -> None:
    assert set(CASES) == set(CLASSES)


def test_direction_the_source_is_what_is_proofread() -> None:
    """漏字: the source lacks what the witness has; 多字: the source has what the witness lacks."""
    assert classify("", "大力", "insertion", "我们要", "发展") == "missing"
    assert classify("大力", "", "deletion", "我们要", "发展") == "extra"


def test_a_sentence_or_paragraph_needs_its_boundaries() -> None:
    # a clause without its own sentence end is a few characters, however long
    assert classify("在北京的街道上", "", "deletion", "他们", "散步。") == "extra"
    # one sentence with no context at all is a sentence, not a paragraph
    assert classify("", "他来了。", "insertion") == "missing_sentence"


def test_a_typo_inside_a_traditional_passage_is_a_typo() -> None:
    assert classify("读书会", "讀書匯", "substitution", "组织", "，") == "homophone"


def test_loci_from_the_engine() -> None:
    source = "城乡结合部的建设已经开始了。担道义的胸襟，研究问题。"
    witness = "城乡接合部的建设已经開始了。担道义의胸襟，研究研究问题。"
    collation = collate(source, [("w", witness)], rules=())
    got = [
        classify(
            locus.source_text,
            locus.readings["w"],
            locus.kinds["w"],
            source[max(0, locus.start - 30) : locus.start],
            source[locus.end : locus.end + 30],
        )
        for locus in collation.loci
    ]
    assert got == ["homophone", "script", "foreign", "doubled"]


TEXT = st.text(
    alphabet=st.sampled_from(
        list("的地得己已后後裏裡一二十百千万两〇零0123456789，。、！？“”\n 　abcXY의ノÃ©\ufffd研究")
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(
    source_text=TEXT,
    reading=TEXT,
    kind=st.sampled_from([*KINDS, "unknown"]),
    before=TEXT,
    after=TEXT,
)
def test_classify_never_raises_and_returns_a_class(
    source_text: str, reading: str, kind: str, before: str, after: str
) -> None:
    assert classify(source_text, reading, kind, before, after) in CLASSES


@settings(max_examples=300, deadline=None)
@given(
    source_text=TEXT,
    reading=TEXT,
    kind=st.sampled_from([*KINDS, "unknown"]),
    contexts=st.lists(st.tuples(TEXT, TEXT), min_size=2, max_size=4),
)
def test_a_pair_classed_once_keeps_the_class_its_context_gives(
    source_text: str, reading: str, kind: str, contexts: list[tuple[str, str]]
) -> None:
    """The same pair in other places: what is remembered of it never overrides its context."""
    for before, after in contexts:
        got = classify(source_text, reading, kind, before, after)
        assert got == _classify(source_text, reading, kind, (before, after))


def test_the_characters_around_a_pair_still_tell_its_class() -> None:
    """A pair classed once without its context is not taken for what its context makes it."""
    assert classify("十", "1", "substitution", "", "五") == "number"  # 十五 / 15
    assert classify("十", "1", "substitution", "", "") != "number"
    assert classify("十", "1", "substitution", "", "五") == "number"
    assert classify("", "他来了。", "insertion", "好。", "") == "missing_sentence"
    assert classify("", "他来了。", "insertion", "很好", "的") == "missing"
