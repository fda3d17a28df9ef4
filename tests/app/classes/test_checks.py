"""The source checks (app.classes.checks): hits and misses, exact offsets, order, cancel."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cancel import Cancelled
from app.classes.checks import (
    _FOREIGN,
    _FOREIGN_BRANCHES,
    CHECK_WITNESS,
    CHECKS,
    PARTS,
    Finding,
    _scan,
    check_part,
    check_text,
    combine,
)
from tests.helpers.paths import ROOT


def apply(text: str, findings: list[Finding]) -> str:
    """``text`` with every fix applied (findings are sorted and disjoint)."""
    out, pos = [], 0
    for f in findings:
        out += [text[pos : f.start], f.fix]
        pos = f.end
    return "".join(out) + text[pos:]


def of(check: str, text: str) -> list[Finding]:
    return [f for f in check_text(text) if f.check == check]


def fixed(check: str, text: str) -> str:
    """``text`` repaired by that check's findings alone."""
    return apply(text, of(check, text))


# -- doubled characters and words ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("我们们明天出发。", "我们明天出发。"),  # the examples
        ("我们要发展发展经济。", "我们要发展经济。"),
        ("我们要发展展经济。", "我们要发展经济。"),
        ("他正在研究究这个问题。", "他正在研究这个问题。"),
        ("学学生们都来了。", "学生们都来了。"),
        ("这是我的的书。", "这是我的书。"),
        ("他吃了了饭就走了。", "他吃了饭就走了。"),
        ("他他们来了。", "他们来了。"),
        ("他就就是这样的人。", "他就是这样的人。"),
        ("同志们们辛苦了。", "同志们辛苦了。"),
        ("他说说了很多。", "他说了很多。"),  # a doubled verb takes no 了 before an object
        ("北京北京是首都。", "北京是首都。"),
        ("我们们们走吧。", "我们走吧。"),  # a triple: two findings, both copies go
        ("我们们们们们们走吧。", "我们走吧。"),  # a long run: one finding
        ("他看看看这本书。", "他看看这本书。"),  # a legitimate double and one copy too many
    ],
)
def test_doubled_slips_are_found_and_fixed(text: str, repaired: str) -> None:
    assert fixed("doubled", text) == repaired
    for f in of("doubled", text):
        assert f.fix == "" and f.cls == "doubled" and "written" in f.message


@pytest.mark.parametrize(
    "text",
    [
        # the legitimate doubles
        "他常常去图书馆。",
        "我们天天锻炼身体。",
        "他们高高兴兴地回家了。",
        "这个问题我们要研究研究。",
        "大会会场布置得很漂亮。",
        "学生生活丰富多彩。",
        # AA, AABB, ABAB, A一A, AAB/ABB, and across word boundaries
        "你先看看这份材料。",
        "人人都有自己的梦想。",
        "好好学习，天天向上。",
        "谢谢你，妈妈。",
        "夜空中的星星很亮。",
        "爸爸刚刚下班。",
        "年轻人往往缺乏经验。",
        "大家坐下来讨论讨论。",
        "你来看一看。",
        "田野里绿油油的麦苗。",
        "晚饭后散散步。",
        "他们吵吵闹闹了一整天。",
        "我们要一步一步地前进。",
        "孩子们一个个走进教室。",
        "这件事最后不了了之。",
        "这的的确确是事实。",
        "他对对方的意见很重视。",
        "为了了解情况，他去了现场。",
        "他已经经过了考验。",
        "中国国家队获得了冠军。",
        "明天天气晴朗。",
        "哈哈哈，太好笑了。",
        "好好好，我马上去。",
        "二〇二二年是虎年。",
        "该出去走走了。",
        "我的朋友的朋友来了。",
        "岁岁平安。",
        "这是个个别现象。",
        "我们的的士司机。",
        "吉林长春长春山花园社区。",  # a place within a place
        "通过社区党组织组织动员。",  # the first copy ends a longer word
        "呜呜呜呜呜呜，她哭了。",
        "一一一一一一一一",
    ],
)
def test_legitimate_doubles_are_left_alone(text: str) -> None:
    assert of("doubled", text) == []


# -- paired punctuation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("他说：“我们走吧。", "他说：我们走吧。"),  # unclosed: the mark is proposed for deletion
        ("他说：我们走吧。”", "他说：我们走吧。"),  # closes nothing
        ("「你好，他说。", "你好，他说。"),
        ("《红楼梦是名著。", "红楼梦是名著。"),
        ("红楼梦》是名著。", "红楼梦是名著。"),
        ("（注意」这里。", "（注意）这里。"),  # mismatched: the right closing mark
        ("「注意）这里。", "「注意」这里。"),
        ("（注)这里。", "（注）这里。"),
        ("(注）这里。", "（注）这里。"),  # the half-width one is the slip
        ("「外『内」。", "「外内」。"),  # an inner mark left open inside a closed outer pair
        ('他说"你好。', "他说你好。"),
    ],
)
def test_unbalanced_and_mismatched_pairs(text: str, repaired: str) -> None:
    found = of("paired_punctuation", text)
    assert found and all(f.cls == "punctuation" for f in found)
    assert all(f.fix != text[f.start : f.end] for f in found)
    assert fixed("paired_punctuation", text) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "他说：“我们走吧。”",
        "「你好」他说。『好』",
        "《红楼梦》（清代）是【名著】〈序〉。",
        "他说‘好’。",
        "I don’t know 中文。",
        "1) 第一条规定。",
        # one quotation over two paragraphs: opened again, closed only at the end
        "他说：“第一段话。\n“第二段话。”",
    ],
)
def test_balanced_pairs_are_left_alone(text: str) -> None:
    assert of("paired_punctuation", text) == []


def test_a_quotation_opened_in_one_paragraph_only_is_unclosed() -> None:
    text = "他说：“第一段话。\n第二段话。"
    assert [(f.start, f.end) for f in of("paired_punctuation", text)] == [(3, 4)]


# -- doubled punctuation -----------------------------------------------------------


@pytest.mark.parametrize("mark", ["，", "、", "；", "：", "。"])
def test_doubled_punctuation(mark: str) -> None:
    text = f"他说{mark}{mark}我们走。"
    found = of("doubled_punctuation", text)
    assert [(f.start, f.end, f.fix) for f in found] == [(3, 4, "")]
    assert apply(text, found) == f"他说{mark}我们走。"


def test_a_run_of_commas_keeps_one() -> None:
    assert fixed("doubled_punctuation", "甲，，，乙。") == "甲，乙。"


@pytest.mark.parametrize(
    "text", ["他说。。。我们走。", "真的吗？？", "太好了！！", "等等……", "破折号——"]
)
def test_ellipses_and_emphasis_are_not_doubled_punctuation(text: str) -> None:
    assert of("doubled_punctuation", text) == []


# -- half-width punctuation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("他说,我们走.", "他说，我们走。"),
        ("注意;这里:那里", "注意；这里：那里"),
        ("什么?!", "什么？！"),
        ("等等...", "等等……"),
        ("中国(China)很大。", "中国（China）很大。"),
        ("(注意)这里。", "（注意）这里。"),
        ('他说"你好"。', "他说“你好”。"),
        ("网址:http://example.com/a,b。", "网址：http://example.com/a,b。"),
        ("增长了5%,达到新高。", "增长了5%，达到新高。"),
        ("要负责”,“叔叔好”", "要负责”，“叔叔好”"),  # between two full-width marks
        ("他走了.然后又回来了", "他走了。然后又回来了"),
    ],
)
def test_halfwidth_marks_in_chinese(text: str, repaired: str) -> None:
    found = of("halfwidth_punctuation", text)
    assert found and all(f.cls == "width" for f in found)
    assert fixed("halfwidth_punctuation", text) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "圆周率是3.14，人口1,000人。",
        "时间是10:30。",
        "函数f(x)的值。",
        "他叫Mr.王。",
        "文件是清华大学.pdf。",
        "见 https://example.com/a?b=1,c;d 。",
        "Hello, world. 中文句子。",
        "He said “hello”, then left. 中文。",  # English with curly quotes
    ],
)
def test_numbers_urls_and_latin_keep_their_marks(text: str) -> None:
    assert of("halfwidth_punctuation", text) == []


# -- foreign script and mojibake -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("担道义의胸襟。", "担道义胸襟。"),  # Hangul
        ("我の家很大。", "我家很大。"),  # Kana
        ("第ー章总则。", "第一章总则。"),  # Kana that looks like a Han character
        ("玛丽・居里是科学家。", "玛丽·居里是科学家。"),
        ("这是锟斤拷乱码。", "这是乱码。"),
        ("这是\ufffd乱码。", "这是乱码。"),
        ("咖啡馆叫cafÃ©。", "咖啡馆叫café。"),  # UTF-8 read as Latin-1, decoded back
        ("他说â€œ你好。", "他说“你好。"),
        ("内存烫烫烫烫烫。", "内存。"),
        ("鈥滀綘濂解", "滀綘濂解"),
        ("力量 and 各方", "力量各方"),
        ("团结of人民", "团结人民"),
    ],
)
def test_foreign_script_and_mojibake(text: str, repaired: str) -> None:
    found = of("foreign", text)
    assert found and all(f.cls == "foreign" for f in found)
    assert fixed("foreign", text) == repaired


@pytest.mark.parametrize(
    "text",
    [
        "GDP增长了5%。",
        "COVID-19疫情。",
        "5G网络和APP下载。",
        "我用iPhone拍照。",
        "这是日语：これは日本語の文章です。",
        "Python is a language 和 the 中文。",  # Latin all around: not a stray word
        "café 和 naïve 都是外来词。",
    ],
)
def test_acronyms_names_and_real_foreign_text_stay(text: str) -> None:
    assert of("foreign", text) == []


# -- a missing full stop ------------------------------------------------------------------


def test_a_paragraph_without_a_full_stop_gets_one_inserted() -> None:
    text = (
        "这是一个很长的段落，里面有逗号，但是最后没有句号\n下一段有句号，也足够长，超过十五个字。"
    )
    found = of("missing_full_stop", text)
    end = text.index("\n")
    assert [(f.start, f.end, f.fix, f.cls) for f in found] == [(end, end, "。", "punctuation")]
    assert apply(text, found) == text.replace("句号\n", "句号。\n")


def test_trailing_space_puts_the_insertion_point_after_the_last_character() -> None:
    text = "这是一个很长的段落，里面有逗号，但是最后没有句号  \n"
    assert [f.start for f in of("missing_full_stop", text)] == [text.index(" ")]


@pytest.mark.parametrize(
    "text",
    [
        "第一章 总则",  # headings
        "第三章 关于这一部分内容的详细说明与若干补充意见",
        "一、基本原则，包括很多方面的内容在这里写着",
        "——默默坚守无私奉献，用脚步丈量大街小巷",  # a subtitle
        "（一）基本原则，包括很多方面的内容在这里写着",
        "没有任何标点符号的一行很长很长的标题文字在这里",
        "短句，没句号",
        "他说：“这是一个很长的句子，结尾在引号里面。”",
        "这是一个很长的段落，最后以省略号结尾的情况……",
    ],
)
def test_headings_short_lines_and_closed_paragraphs_need_no_full_stop(text: str) -> None:
    assert of("missing_full_stop", text) == []


# -- a paragraph a page break cut in two ------------------------------------------------------

BROKEN = (
    "社区是疫情防控的第一线，也是外防输入、内防扩散最有效的防线。"
    "把社区这道防线守住，就能有效切断疫情扩散蔓延的渠道，全面严格"
)


@pytest.mark.parametrize("between", ["\n\n", "\n", "\n\n- 12 -\n\n", "\n第3页\n"])
def test_a_sentence_cut_by_a_page_break_is_joined_not_given_a_full_stop(between: str) -> None:
    """In a real document all five "no full stop" findings were page breaks (…全面严格⏎⏎管控。)."""
    text = BROKEN + between + "管控。各地都在行动，基层党组织冲锋在前。"
    assert of("missing_full_stop", text) == []
    (found,) = of("broken_paragraph", text)
    assert (found.start, found.end, found.fix) == (len(BROKEN), len(BROKEN) + len(between), "")
    assert apply(text, [found]) == text.replace(between, "")


@pytest.mark.parametrize(
    "after",
    [
        "各地都在行动，基层党组织和广大党员干部冲锋在前，守牢社区防线，筑起坚固屏障。",
        "“我们一定守好这道门。”一位社区书记说。",  # a quotation opens a new paragraph
        "第二章 基层组织",  # so does a heading
    ],
)
def test_a_paragraph_that_lost_its_full_stop_still_gets_one(after: str) -> None:
    text = BROKEN + "\n" + after
    assert of("broken_paragraph", text) == []
    assert [f.fix for f in of("missing_full_stop", text)] == ["。"]


def test_hard_wrapped_text_reports_no_paragraph_end() -> None:
    line = "这是一行被硬换行切断的文字，它的后面其实还有下文要接着写下去"
    assert of("missing_full_stop", "\n".join([line] * 8)) == []
    assert len(of("missing_full_stop", "\n".join([line] * 2))) == 2


def test_hard_wrapped_text_reports_every_break_inside_a_sentence() -> None:
    line = "这是一行被硬换行切断的文字，它的后面其实还有下文要接着写下去"
    text = "\n".join([line] * 8)
    joins = of("broken_paragraph", text)
    assert len(joins) == 7 and all(text[f.start : f.end] == "\n" and f.fix == "" for f in joins)


@pytest.mark.parametrize(
    "text",
    [
        "各地要全力做好群众生活物\n\n资保障工作，确保社会大局稳定。他们说这是一个很好的做法。",
        "广大党员干部冲锋在前，为全社会树立了\n\n典范。大家都很感动，纷纷表示要向他们学习。",
        "今天我们召开会议，\n研究部署下一步工作。",
    ],
)
def test_a_page_break_inside_a_word_or_sentence_is_joined_never_stopped(text: str) -> None:
    found = check_text(text)
    assert [(f.check, f.fix) for f in found] == [("broken_paragraph", "")]
    assert apply(text, found).count("\n") == 0


def test_a_line_ending_on_a_half_width_comma_goes_on_in_the_next() -> None:
    """OCR often reads ， as ,: the line still stops inside its sentence."""
    text = "今天我们召开会议,一步一个脚印,\n研究部署下一步工作。大家都表示赞同。"
    (join,) = of("broken_paragraph", text)
    assert text[join.start : join.end] == "\n" and join.fix == ""
    assert of("missing_full_stop", text) == []


def test_a_traditional_word_in_a_simplified_text_is_a_finding() -> None:
    text = "习近平在讲话中强调，要做好運輸保障工作。我们要坚持人民至上。"
    (f,) = check_text(text)
    found = (text[f.start : f.end], f.fix, f.check, f.cls)
    assert found == ("運輸", "运输", "script_mix", "script")
    assert f.message == "“運輸” is Traditional in a Simplified text: “运输”"
    assert check_text("他的著作很多，也很著名。") == []


def test_a_simplified_word_in_a_traditional_text_is_a_finding() -> None:
    text = "這是一個繁體文本，裡面有一个字。我們要堅持。"
    (f,) = check_text(text)
    assert (text[f.start : f.end], f.fix, f.cls) == ("个", "個", "script")


def test_stray_spaces_inside_chinese_prose_are_findings() -> None:
    text = "当前疫情形势依然严 峻，中共中央 总书记强调要坚持。"
    found = of("stray_space", text)
    assert [(f.start, f.fix) for f in found] == [(9, ""), (16, "")]
    assert of("stray_space", "北京3月10日电 中共中央政治局常委会召开会议，研究部署工作。") == []
    assert of("stray_space", "新华社北京3月9日电(记者 刘曲)世界卫生组织说，疫情仍在蔓延。") == []
    assert of("stray_space", "床前明月光 疑是地上霜") == []


def test_typeset_spaces_are_not_stray() -> None:
    """The ideographic space is set on purpose (a run-in label, indentation), and a run-in
    label takes a space after it: a proof typeset so is not full of slips."""
    assert of("stray_space", "第一节\u3000社区是城市的基本单元，也是防控的第一线。") == []
    assert of("stray_space", "\u3000\u3000社区是城市的基本单元，也是防控的\u3000第一线。") == []
    assert of("stray_space", "第三章 社区是城市的基本单元，也是防控的第一线。") == []
    found = of("stray_space", "第三章 社区是城市的基本 单元，也是第一线。")
    assert [f.start for f in found] == [12]


# -- the real copies in shared/corpus ------------------------------------------------------


def test_the_real_copies_stray_syllable_and_english_word_are_found(corpus: Path) -> None:
    """A missing corpus fails (the ``corpus`` fixture), as in test_corpus.py: never skipped."""
    b = (corpus / "002_4ea96290340b9324.txt").read_text(encoding="utf-8")
    foreign = {(b[f.start : f.end], f.fix) for f in of("foreign", b)}
    assert ("의", "") in foreign and (" and ", "") in foreign
    a = (corpus / "000_3cf06c38faf44306.txt").read_text(encoding="utf-8")
    found = check_text(a)
    assert not [f for f in found if f.check in ("doubled", "foreign", "doubled_punctuation")]
    assert len(found) <= 10  # the full-width copy: a handful, each a real blemish


# -- all checks together -------------------------------------------------------------------

MESSY = (
    "我们们要发展发展经济，，他说：“好的的。\n"
    "（注意」这里,那里.力量 and 各方担道义의胸襟锟斤拷\n"
    "这是一个很长的段落，里面有逗号，但是最后没有句号的结尾啊\n"
    "《红楼梦》烫烫烫烫\n"
    "把社区这道防线守住，就能有效切断疫情扩散蔓延的渠道，全面严格\n\n管控。\n"
    "要做好運輸保障，当前形势依然严 峻。\n"
    "【下转第5版】\n"
)


def test_findings_are_sorted_disjoint_and_repair_the_text() -> None:
    found = check_text(MESSY)
    spans = [(f.start, f.end) for f in found]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] and a != b for a, b in pairwise(spans))
    assert {f.check for f in found} == set(CHECKS)
    assert all(f.fix != MESSY[f.start : f.end] and f.message for f in found)
    repaired = apply(MESSY, found)
    assert "们们" not in repaired and "，，" not in repaired and "의" not in repaired


def test_overlapping_findings_keep_the_stronger_check() -> None:
    # 烫烫烫 is mojibake before it is a doubled character
    assert [f.check for f in check_text("内存烫烫烫烫。")] == ["foreign"]


@pytest.mark.parametrize("prefix", ["😀", "𠀀", "𝄞\n"])
def test_a_non_bmp_character_before_a_finding_shifts_by_one_code_point(prefix: str) -> None:
    base = check_text(MESSY)
    shifted = check_text(prefix + MESSY)
    n = len(prefix)
    assert [(f.start - n, f.end - n, f.check, f.fix) for f in shifted] == [
        (f.start, f.end, f.check, f.fix) for f in base
    ]


PIECES = [
    "我们们", "常常", "大会会场", "，，", "。。", "。。。", "“", "”", "（", "）", "「", "」",
    ",", ".", "(", ")", '"', "의", "ー", "\ufffd", " and ", "Ã©", "\n", "研究研究", "的的", "中文",
    "这是一个很长的句子，有很多字但是没有句号", "😀", "3.14", "GDP", "烫烫烫",
    "【下转第5版】", "（上接1版）", "\n下转第二版\n", "(转第4版)",
]  # fmt: skip


@given(st.lists(st.sampled_from(PIECES), max_size=30))
@settings(max_examples=150, deadline=None)
def test_any_text_gives_sorted_disjoint_findings_inside_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = check_text(text)
    spans = [(f.start, f.end) for f in found]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] and a != b for a, b in pairwise(spans))
    for f in found:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.fix != text[f.start : f.end]
        classes = {"doubled", "punctuation", "width", "foreign", "jump_line"}
        assert f.check in CHECKS and f.cls in classes


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        # a line of its own goes with its line break: no empty line is left
        ("第一版的末尾。\n【下转第5版】\n第五版的开头。", "第一版的末尾。\n第五版的开头。"),
        ("第一版的末尾。\n下转第五版\n第五版的开头。", "第一版的末尾。\n第五版的开头。"),
        ("第一版的末尾。\n（下转第二版）", "第一版的末尾。"),
        # at a paragraph's start or end it goes alone, in either width
        ("（上接1版）当前，疫情蔓延势头得到遏制。", "当前，疫情蔓延势头得到遏制。"),
        ("疫情防控要抓紧抓实。(转第4版)\n下一段。", "疫情防控要抓紧抓实。\n下一段。"),
        ("〔上接第一版〕社区是第一线。", "社区是第一线。"),
    ],
)
def test_a_newspapers_continuation_line_is_proposed_for_removal(text: str, repaired: str) -> None:
    found = [f for f in check_text(text) if f.check == "jump_line"]
    assert len(found) == 1 and found[0].cls == "jump_line"
    assert apply(text, found) == repaired


def test_a_page_number_or_a_sentence_about_pages_is_no_continuation_line() -> None:
    for text in (
        "本报第5版刊登了全文。",
        "他转到第五版去看。",
        "详见第4版。",
        "接下来的工作是第一位的。",
    ):
        assert not [f for f in check_text(text) if f.check == "jump_line"], text


def test_empty_and_clean_text_give_nothing() -> None:
    assert check_text("") == []
    assert check_text("这是一段干净的文字，没有任何问题。\n第二段也很好。") == []


def test_cancel_stops_the_checks() -> None:
    with pytest.raises(Cancelled):
        check_text("我们们", cancel=lambda: True)
    calls = 0

    def later() -> bool:
        nonlocal calls
        calls += 1
        return calls > 50

    with pytest.raises(Cancelled):
        check_text("我们们去。\n" * 20_000, cancel=later)


def test_the_witness_id_and_finding_are_stable() -> None:
    assert CHECK_WITNESS == "check"
    f = check_text("我们们")[0]
    with pytest.raises(AttributeError):
        f.start = 0  # type: ignore[misc]


# -- jieba offline, quiet, and with nowhere to cache ---------------------------------------

CHILD = (
    "from app.classes.checks import check_text;"
    " print([(f.start, f.end) for f in check_text('我们们')])"
)


@pytest.mark.subprocess
@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is platformdirs' on Linux")
@pytest.mark.parametrize("cache", ["writable", "unusable"])
def test_jieba_loads_quietly_with_or_without_a_cache(tmp_path: Path, cache: str) -> None:
    env = dict(os.environ)
    if cache == "writable":
        env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    else:  # a file where the cache folder should go: as with a read-only home, even as root
        (tmp_path / "file").write_text("")
        env["XDG_CACHE_HOME"] = str(tmp_path / "file")
    env["TMPDIR"] = str(tmp_path / "tmp")
    (tmp_path / "tmp").mkdir()
    proc = subprocess.run(
        [sys.executable, "-W", "error", "-c", CHILD],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[(2, 3)]"
    assert proc.stderr == ""
    assert list((tmp_path / "tmp").iterdir()) == []  # nothing in the shared temp dir
    if cache == "writable":  # jieba's prefix dictionary, kept in chunks (app/classes/checks.py)
        assert list((tmp_path / "cache" / "jiaokan").glob("jieba-tables-*.pickle"))


def test_the_chunked_prefix_dictionary_is_jieba_s_own() -> None:
    """Loaded in chunks so a window stays live, it must be exactly what jieba builds."""
    from app.classes.checks import _model

    model = _model()
    freq, total = model.tokenizer.gen_pfdict(model.tokenizer.get_dict_file())
    assert freq == model.tokenizer.FREQ and model.tokenizer.total == total
    assert model.tokenizer.initialized
    assert [w for w in model.tokenizer.cut("社区防控工作", HMM=False)] == ["社区", "防控", "工作"]


def test_the_words_tags_are_those_jieba_posseg_reads() -> None:
    """The doubled-character check judges by part of speech (看看 a verb, 哈哈 a sound);
    the tags are read from jieba's dictionary as jieba.posseg reads them, without
    importing it at every start."""
    import jieba.posseg

    from app.classes.checks import jieba_model

    assert jieba_model().tags == jieba.posseg.dt.word_tag_tab


@given(st.lists(st.sampled_from(PIECES), max_size=30))
@settings(max_examples=150, deadline=None)
def test_the_checks_in_parts_find_what_they_find_together(pieces: list[str]) -> None:
    # a collation in processes runs the parts apart and combines them (app.collation.collate)
    text = "".join(pieces)
    parts = [check_part(text, part) for part in range(len(PARTS))]
    assert combine(parts) == check_text(text)


FOREIGN_PIECES = [
    *PIECES, "锟斤拷锟斤拷", "屯屯屯", "鈥", "锛", "銆", "Ã", "Â©", "ã\u0080\u0099", "\u00f0\u0080",
    "ア", "カー", "한글", "the", "of the", "a b c d", "z", "中", " ",
]  # fmt: skip


@given(st.lists(st.sampled_from(FOREIGN_PIECES), max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_foreign_check_scans_only_where_a_match_can_start(pieces: list[str]) -> None:
    text = "".join(pieces)
    every = [(m.span(), m.groupdict()) for m in _scan(re.compile(_FOREIGN_BRANCHES), text, None)]
    assert [(m.span(), m.groupdict()) for m in _scan(_FOREIGN, text, None)] == every
