"""Collation: loci are minimal, exact, readable, and one list for all witnesses."""

from __future__ import annotations

import pytest

from app.cancel import Cancelled
from app.collation.collate import collate
from app.collation.loci import Collation

NONE: list[str] = []


def one(source: str, variant: str, rules: list[str] | None = None) -> Collation:
    return collate(source, [("B", variant)], *([rules] if rules is not None else []))


def spans(result: Collation) -> list[tuple[int, int, str, str, str]]:
    return [
        (locus.start, locus.end, locus.source_text, locus.readings["B"], locus.kind)
        for locus in result.loci
    ]


def test_identical_texts_have_no_loci() -> None:
    assert one("守严守牢疫情防控的关键防线", "守严守牢疫情防控的关键防线").loci == ()


def test_swap_is_one_transposition() -> None:
    assert spans(one("守严守牢疫情防控的关键防线", "严守守牢疫情防控的关键防线")) == [
        (0, 2, "守严", "严守", "transposition")
    ]


def test_word_swap_is_one_transposition() -> None:
    result = one("我们要明确提出新的要求。", "我们要提出明确新的要求。")
    assert spans(result) == [(3, 7, "明确提出", "提出明确", "transposition")]


@pytest.mark.parametrize(
    ("source", "variant"), [("发展展中国家", "发展中国家"), ("发展中国家", "发展展中国家")]
)
def test_doubled_character_is_one_duplication(source: str, variant: str) -> None:
    result = one(source, variant)
    assert [loc.kind for loc in result.loci] == ["duplication"]
    locus = result.loci[0]
    assert len(locus.source_text) + len(locus.readings["B"]) == 1
    assert result.rebuild("B") == variant


def test_one_wrong_character_is_a_one_character_locus() -> None:
    assert spans(one("位于城乡接合部的社区", "位于城乡结合部的社区")) == [
        (4, 5, "接", "结", "substitution")
    ]


def test_insertion_is_an_empty_span_at_the_right_point() -> None:
    assert spans(one("社区防控", "社区疫情防控")) == [(2, 2, "", "疫情", "insertion")]
    assert spans(one("社区疫情防控", "社区防控")) == [(2, 4, "疫情", "", "deletion")]


def test_empty_source_is_one_insertion() -> None:
    result = one("", "全部都是新的")
    assert spans(result) == [(0, 0, "", "全部都是新的", "insertion")]


def test_moved_sentence_is_a_pair_of_moves() -> None:
    a = "第一句话在这里说明情况。第二句话讲述另外的事情。第三句话作为全文的结尾。"
    b = "第二句话讲述另外的事情。第一句话在这里说明情况。第三句话作为全文的结尾。"
    # a two-sentence swap: one sentence stays, the other is moved
    result = one(a * 1 + "补充一句不同的收尾内容吧。", b + "补充一句不同的收尾内容吧。")
    moves = [loc for loc in result.loci if loc.kind == "move"]
    assert len(moves) == 2
    assert moves[0].move_id is not None and moves[0].move_id == moves[1].move_id
    left = next(m for m in moves if m.end > m.start)
    arrived = next(m for m in moves if m.end == m.start)
    assert left.readings["B"] == ""
    assert arrived.readings["B"] == left.source_text
    assert result.rebuild("B") == b + "补充一句不同的收尾内容吧。"


def test_paragraph_moved_far_away() -> None:
    paras = [f"这是第{n}段文字，内容各不相同，编号{n}用来区分它们。" for n in range(12)]
    moved = paras[2]
    variant = paras[:2] + paras[3:9] + [moved] + paras[9:]
    result = one("\n".join(paras), "\n".join(variant))
    kinds = [loc.kind for loc in result.loci]
    assert kinds.count("move") == 2, spans(result)
    assert set(kinds) == {"move"}


def test_readings_are_original_text_and_noise_is_ignored() -> None:
    source = "病毒，挑战人的免疫机能；疫情，考验城市的“免疫系统”。"
    variant = '病毒,挑战人的\n免疫技能;疫情,考驗城市的"免疫系统"。'
    result = one(source, variant)
    assert spans(result) == [(9, 10, "机", "技", "substitution")]


def test_rules_off_is_an_exact_diff() -> None:
    source = "病毒，挑战"
    variant = "病毒,挑\n战"
    result = one(source, variant, NONE)
    assert [(loc.start, loc.end, loc.readings["B"]) for loc in result.loci] == [
        (2, 3, ","),
        (4, 4, "\n"),
    ]
    assert result.rebuild("B") == variant


def test_noise_at_the_edge_of_a_reading_stays_out_of_it() -> None:
    result = one("社区防控工作", "社区\n防空\n工作")
    assert spans(result) == [(3, 4, "控", "空", "substitution")]


def test_overlapping_readings_of_two_witnesses_are_one_locus() -> None:
    source = "把社区疫情防控各项部署落到实处"
    result = collate(
        source,
        [
            ("B", "把社区疫情防空各项部署落到实处"),
            ("C", "把社区疫情防控各项布署落到实处"),
            ("D", "把社区疫情防空各项布署落到实处"),
        ],
    )
    assert [(loc.start, loc.end) for loc in result.loci] == [(6, 7), (9, 10)]
    first, second = result.loci
    assert first.readings == {"B": "空", "D": "空"}
    assert second.readings == {"C": "布", "D": "布"}
    b, c = "把社区疫甲乙控各项部署落到实处", "把社区疫情放空各项部署落到实处"
    wide = collate(source, [("B", b), ("C", c)])
    first, second = wide.loci  # overlapping, not the same place: each keeps its own
    assert (first.start, first.end, first.readings) == (4, 6, {"B": "甲乙"})
    assert (second.start, second.end, second.readings) == (5, 7, {"C": "放空"})
    assert first.parent is None and second.parent is None
    assert wide.rebuild("B") == b
    assert wide.rebuild("C") == c


def test_insertion_beside_another_witness_span_stays_its_own() -> None:
    source = "甲乙丙丁戊"
    result = collate(source, [("B", "甲乙X丙丁戊"), ("C", "甲乙丁戊")])
    insertion, deletion = result.loci
    assert (insertion.start, insertion.end, insertion.readings) == (2, 2, {"B": "X"})
    assert (deletion.start, deletion.end, deletion.readings) == (2, 3, {"C": ""})
    assert result.rebuild("B") == "甲乙X丙丁戊"
    assert result.rebuild("C") == "甲乙丁戊"


def test_a_lacking_paragraph_does_not_swallow_another_copy_s_fix() -> None:
    para = "学而时习之不亦说乎有朋自远方来不亦乐乎人不知而不愠不亦君子乎"
    source = "子曰" + para + "曾子曰吾日三省吾身"
    fixed = source.replace("说", "悦")
    result = collate(
        source,
        [("B", fixed), ("C", source.replace(para, "")), ("D", fixed)],
    )
    lacking, fix = sorted(
        result.loci, key=lambda loc: loc.start == loc.end or -len(loc.source_text)
    )
    assert lacking.readings == {"C": ""} and lacking.source_text == para
    assert fix.readings == {"B": "悦", "D": "悦"} and fix.source_text == "说"
    assert result.loci[fix.parent or 0] == lacking and lacking.parent is None
    assert fix.agreement is not None and lacking.agreement is not None
    # C lacks the paragraph: it abstains at the fix rather than back the source
    assert (fix.agreement.reading, fix.agreement.support, fix.agreement.total) == ("悦", 2, 3)
    assert fix.agreement.likely_source_error
    assert (lacking.agreement.support, lacking.agreement.total) == (3, 4)
    for wid, text in [("B", fixed), ("C", source.replace(para, "")), ("D", fixed)]:
        assert result.rebuild(wid) == text


def test_non_bmp_characters_count_as_one_code_point() -> None:
    result = one("𠀀𠀁一二三", "𠀀𠀂一二三")
    assert spans(result) == [(1, 2, "𠀁", "𠀂", "substitution")]


def test_cancel_stops_the_run() -> None:
    with pytest.raises(Cancelled):
        collate("一二三" * 1000, [("B", "一二四" * 1000)], cancel=lambda: True)


def test_progress_reaches_one() -> None:
    seen: list[float] = []
    collate("一二三", [("B", "一二四"), ("C", "一三")], progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_witness_ids_must_be_unique() -> None:
    with pytest.raises(ValueError):
        collate("一", [("B", "二"), ("B", "三")])


def test_recurring_paragraphs_are_matched_copy_to_copy() -> None:
    speech = "同志们，我们要坚定信心、同舟共济、科学防治、精准施策，坚决打赢这场战役。"
    parts = [f"第{n}篇文章的开头各不相同，讲述第{n}件事情。" for n in range(6)]
    source = "\n".join(p + speech for p in parts)
    variant_parts = [p + speech for p in parts]
    variant_parts[3] = variant_parts[3].replace("精准施策", "精准失策")
    result = one(source, "\n".join(variant_parts))
    (locus,) = result.loci
    assert locus.source_text == "施" and locus.readings["B"] == "失"
    assert source[: locus.start].count("\n") == 3


def test_swap_around_an_unchanged_middle_is_one_transposition() -> None:
    result = one("这项工作考验的是耐心和细心。", "这项工作考验的是细心和耐心。")
    assert spans(result) == [(8, 12, "耐心和细", "细心和耐", "transposition")]


def test_two_unrelated_typos_are_not_a_swap() -> None:
    result = one("甲乙丙丁戊己庚", "甲辛丙丁壬己庚")
    assert [loc.kind for loc in result.loci] == ["substitution", "substitution"]


def test_length_changing_fold_keeps_loci_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """A phrase that folds to another length (記憶體 -> 内存) never has a locus cut through it."""
    import app.text.normalize
    from app.text.script import ScriptFolder

    folder = ScriptFolder({"電": "电", "腦": "脑", "夠": "够"}, {"記憶體": "内存"})
    monkeypatch.setattr(app.text.normalize, "fold_traditional", folder.fold)
    assert one("电脑内存很大", "電腦記憶體很大").loci == ()
    assert spans(one("电脑内存很大", "電腦記憶體很小")) == [(5, 6, "大", "小", "substitution")]
    # the folded 内存 differs from 内衣 in its second character only, but the
    # locus takes the whole phrase: half of 記憶體 is no reading
    result = one("电脑内衣很大", "電腦記憶體很大")
    assert spans(result) == [(2, 4, "内衣", "記憶體", "substitution")]
    assert normalize_text(result.rebuild("B")) == normalize_text("電腦記憶體很大")


def normalize_text(text: str) -> str:
    from app.text.normalize import normalize

    return normalize(text).text


def test_alignment_maps_offsets_across_ignored_noise() -> None:
    source = "第一段落的文字。\n第二段落的文字很长。" * 3 + "结尾错字"
    variant = source.replace("。", "。\n\n  ").replace("错字", "错子")
    result = one(source, variant)
    (locus,) = result.loci
    assert locus.spans["B"] == (variant.index("错子") + 1, variant.index("错子") + 2)
    alignment = result.alignments["B"]
    for needle in ("第二", "结尾"):
        at = source.rindex(needle)
        assert alignment.to_witness(at) == variant.rindex(needle)
        assert alignment.to_source(variant.rindex(needle)) == at
    assert alignment.to_witness(len(source)) == len(variant)


def test_move_holding_a_recurring_sentence_stays_one_move() -> None:
    stock = "这句话在全文中反复出现。"
    paras = [
        f"第{n}段的开头各不相同，编号是{n}号。" + (stock if n % 3 == 0 else "") for n in range(9)
    ]
    moved = "被移动的段落开头独一无二。" + stock + "被移动的段落结尾也独一无二。"
    source = "\n".join([*paras[:2], moved, *paras[2:]])
    variant = "\n".join([*paras[:7], moved, *paras[7:]])
    result = one(source, variant)
    assert [loc.kind for loc in result.loci] == ["move", "move"], spans(result)
    left, arrived = sorted(result.loci, key=lambda loc: loc.end - loc.start, reverse=True)
    assert moved in left.source_text and moved in arrived.readings["B"]


def test_evolve_is_replace_without_init() -> None:
    from dataclasses import replace

    from app.collation.loci import Locus, evolve

    loc = Locus(3, 5, "学而", {"B": "學而"}, "substitution", {"B": "substitution"})
    assert evolve(loc, parent=0, id=7) == replace(loc, parent=0, id=7)
    assert loc.parent is None and loc.id == 0  # the original is untouched
    with pytest.raises(TypeError):
        evolve(loc, nothing=1)


def test_the_source_sentences_found_once_align_as_found_each_time() -> None:
    from app.collation.align import align, sentences

    source = "".join(
        f"第{'一二三四五六七八九十'[i % 10]}{i}章，学而时习之，不亦说乎？\n" for i in range(60)
    )
    cut = [source.index(f"{i}章") - 2 for i in (5, 20, 40)]
    moved = source[: cut[0]] + source[cut[1] : cut[2]] + source[cut[0] : cut[1]] + source[cut[2] :]
    assert align(source, moved).moves  # the moved chapters are found
    for witness in (source.replace("说", "悦", 5), moved, ""):
        assert align(source, witness, None, sentences(source)) == align(source, witness)
    with pytest.raises(ValueError):
        align(source, moved, None, sentences(moved))
