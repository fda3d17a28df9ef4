"""Where an editor marks a whole sentence added or dropped: on its own boundaries.

A diff may place a dropped sentence anywhere among its equivalent placements
(``。S`` instead of ``S。`` when the sentence before ends in 。 too); the panes
must show the one an editor would mark.
"""

from __future__ import annotations

import pytest

from app.collation.collate import Collation, collate
from app.collation.regions import boundary_score
from app.text.normalize import normalize

BEFORE = "春天来了，河水解冻了。"
AFTER = "他说这是好年景。"


def one(source: str, variant: str) -> Collation:
    return collate(source, [("v", variant)])


def only_locus(result: Collation) -> tuple[str, str, str]:
    assert len(result.loci) == 1, [(loc.source_text, loc.readings) for loc in result.loci]
    loc = result.loci[0]
    return loc.source_text, loc.readings["v"], loc.kind


@pytest.mark.parametrize(
    "sentence",
    [
        "他表示这次的传播很快。",  # starts like the next sentence (他), ends like the previous (。)
        "他们也说了。",
        "“他来了。”",  # a quoted sentence: its closing quote goes with it
        "河水又冻上了！",
    ],
)
def test_dropped_sentence_is_marked_with_its_own_full_stop(sentence: str) -> None:
    source = BEFORE + sentence + AFTER
    assert only_locus(one(source, BEFORE + AFTER)) == (sentence, "", "deletion")


@pytest.mark.parametrize("sentence", ["他表示这次的传播很快。", "他们也说了。", "“他来了。”"])
def test_added_sentence_is_marked_with_its_own_full_stop(sentence: str) -> None:
    result = one(BEFORE + AFTER, BEFORE + sentence + AFTER)
    assert only_locus(result) == ("", sentence, "insertion")
    assert result.loci[0].start == len(BEFORE)


def test_dropped_last_sentence_of_a_paragraph_keeps_the_paragraph_break_outside() -> None:
    source = f"{BEFORE}他们也说了。\n{AFTER}"
    result = one(source, f"{BEFORE}\n{AFTER}")
    assert only_locus(result) == ("他们也说了。", "", "deletion")


def test_dropped_paragraph_is_marked_from_its_first_to_its_last_mark() -> None:
    """The whitespace rule ignores the break itself, so the reading leaves it out."""
    paragraph = "他们也说了。这是好年景。"
    source = BEFORE + "\n" + paragraph + "\n" + AFTER
    result = one(source, BEFORE + "\n" + AFTER)
    assert only_locus(result) == (paragraph, "", "deletion")


@pytest.mark.parametrize(
    "sentence",
    [
        "今年他们在河边种了树。",  # holds 他, the next sentence's first character
        "他们在河边种了树。",  # begins with it
        "今年在河边他说种树。",  # holds 他说, its first two
    ],
)
def test_added_sentence_holding_the_next_character_stays_an_insertion(sentence: str) -> None:
    result = one(BEFORE + AFTER, BEFORE + sentence + AFTER)
    assert only_locus(result) == ("", sentence, "insertion")


def test_two_sentences_added_around_an_unchanged_one_are_two_insertions() -> None:
    middle = "河水解冻了。"
    source = "春天来了。" + middle + "他说这是好年景。"
    first, second = "今年的雨水很多，庄稼长得好。", "明天我们一起去河边看看吧？"
    variant = "春天来了。" + first + middle + second + "他说这是好年景。"
    result = one(source, variant)
    assert [(loc.source_text, loc.readings["v"], loc.kind) for loc in result.loci] == [
        ("", first, "insertion"),
        ("", second, "insertion"),
    ]


def test_a_typo_in_a_heading_stays_apart_from_a_sentence_dropped_below_it() -> None:
    """The whitespace rule removes the break after ——; the two edits are still two."""
    heading, dropped = "不漏一隅——\n\n", "3月2日晚，社区干部全部下到楼栋。"
    rest = "3月2日早上，大家又出发了。"
    source = heading + dropped + rest
    variant = heading.replace("隅", "人") + rest
    result = one(source, variant)
    assert [(loc.source_text, loc.readings["v"]) for loc in result.loci] == [
        ("隅", "人"),
        (dropped, ""),
    ]


def test_offsets_map_back_and_forth_around_a_slid_deletion() -> None:
    sentence = "他表示这次的传播很快。"
    source = BEFORE + sentence + AFTER
    variant = BEFORE + AFTER
    alignment = one(source, variant).alignments["v"]
    start, end = len(BEFORE), len(BEFORE) + len(sentence)
    for offset in range(len(source) + 1):
        there = alignment.to_witness(offset)
        if start <= offset <= end:
            assert there == start  # the whole dropped sentence stands opposite one point
        else:
            assert alignment.to_source(there) == offset
    for offset in range(len(variant) + 1):
        assert alignment.to_witness(alignment.to_source(offset)) == offset


def test_offsets_map_back_and_forth_around_a_slid_insertion() -> None:
    sentence = "他表示这次的传播很快。"
    source = BEFORE + AFTER
    variant = BEFORE + sentence + AFTER
    alignment = one(source, variant).alignments["v"]
    start, end = len(BEFORE), len(BEFORE) + len(sentence)
    for offset in range(len(variant) + 1):
        there = alignment.to_source(offset)
        if start <= offset <= end:
            assert there == start  # the whole added sentence stands opposite one point
        else:
            assert alignment.to_witness(there) == offset
    for offset in range(len(source) + 1):
        assert alignment.to_source(alignment.to_witness(offset)) == offset


def test_boundary_scores_rank_paragraph_then_sentence_then_clause() -> None:
    text = "甲乙，丙丁。“戊己。”庚\n辛"
    score = {i: boundary_score(text, i) for i in range(len(text) + 1)}
    assert score[0] == score[len(text)] == 6
    assert score[text.index("辛")] == 5  # a paragraph's start
    assert score[text.index("\n")] == 4  # a paragraph's end
    assert score[text.index("“")] == 3  # after a full stop
    assert score[text.index("庚")] == 3  # after a full stop and its closing quote
    assert score[text.index("丙")] == 2  # after a clause mark
    assert score[text.index("。")] == 0  # between a sentence and its full stop
    assert score[text.index("”")] == 0  # between a full stop and its quote
    assert score[text.index("乙")] == 0  # inside a word


def test_paragraph_ending_in_a_quotation_moves_whole_and_a_sentence_beside_it_stays_its_own() -> (
    None
):
    """The closing quote after the last full stop goes with its sentence, so with the move."""
    paras = [f"这是第{n}段文字，内容各不相同，编号{n}用来区分它们。" for n in range(12)]
    paras[2] = "他们在河边种了树。老人说：“明年再来看看吧。”"
    dropped = "这一句在后来的版本里删去了。"
    paras[3] = dropped + paras[3]
    variant = [*paras[:2], paras[3][len(dropped) :], *paras[4:9], paras[2], *paras[9:]]
    result = one("\n".join(paras), "\n".join(variant))
    loci = [(loc.source_text, loc.readings["v"], loc.kind) for loc in result.loci]
    # a whole paragraph moves with its line break: no empty line left, none glued
    line = paras[2] + "\n"
    assert loci == [(line, "", "move"), (dropped, "", "deletion"), ("", line, "move")]
    assert normalize(result.rebuild("v")).text == normalize("\n".join(variant)).text


PARAGRAPHS = [f"这是第{n}段文字，内容各不相同，编号{n}用来区分它们。" for n in range(12)]
MOVED = "他们在河边种了树。老人说：明年再来看看长势。孩子们听了都很高兴。"


def test_paragraph_moved_and_edited_reports_the_move_and_each_edit() -> None:
    """One move, where it left and where it arrived; a doubled 河 and a dropped 长 inside the
    moved paragraph are loci of their own, lying in the move where it arrived."""
    paras = [*PARAGRAPHS[:2], MOVED, *PARAGRAPHS[2:]]
    edited = MOVED.replace("河边", "河河边").replace("长势", "势")
    variant = [*PARAGRAPHS[:8], edited, *PARAGRAPHS[8:]]
    source = "\n".join(paras)
    result = one(source, "\n".join(variant))
    loci = [(loc.source_text, loc.readings["v"], loc.kind) for loc in result.loci]
    gone, arrived = result.loci[0], result.loci[-1]
    # where it left: the whole paragraph, once; where it arrived: the paragraph as the source has it
    assert loci[0] == (MOVED + "\n", "", "move") and loci[-1] == ("", MOVED + "\n", "move")
    assert gone.move_id == arrived.move_id is not None
    # inside it: the doubled 河 and the dropped 长, over the source's characters
    inner = [loc for loc in result.loci if loc.in_move is not None]
    assert [(loc.source_text, loc.readings["v"], loc.kind) for loc in inner] == [
        ("", "河", "duplication"),
        ("长", "", "deletion"),
    ]
    assert all(loc.in_move == gone.move_id for loc in inner)
    assert all(gone.start <= loc.start <= loc.end <= gone.end for loc in inner)
    assert all(loc.parent == len(result.loci) - 1 for loc in inner)  # in the arrival
    assert len(result.loci) == 4
    # no transposition with an empty side, ever
    assert not [loc for loc in result.loci if loc.kind == "transposition"]
    assert normalize(result.rebuild("v")).text == normalize("\n".join(variant)).text


def test_paragraph_moved_unchanged_stays_one_pair_of_moves() -> None:
    paras = [*PARAGRAPHS[:2], MOVED, *PARAGRAPHS[2:]]
    variant = [*PARAGRAPHS[:8], MOVED, *PARAGRAPHS[8:]]
    result = one("\n".join(paras), "\n".join(variant))
    assert [(loc.kind, loc.source_text) for loc in result.loci] == [
        ("move", MOVED + "\n"),
        ("move", ""),
    ]
    assert result.rebuild("v") == "\n".join(variant)  # the paragraph's line break went with it


@pytest.mark.parametrize("ending", ["。", "！"])
def test_sentence_dropped_right_after_a_moved_paragraph_keeps_its_full_stop(ending: str) -> None:
    """Not the previous paragraph's 。 before the move and the rest after it: one deletion."""
    dropped = f"这一句在后来的版本里删去了{ending}"
    paras = [*PARAGRAPHS[:2], MOVED, dropped + "剩下的这一句还在。", *PARAGRAPHS[2:]]
    variant = [*PARAGRAPHS[:2], "剩下的这一句还在。", *PARAGRAPHS[2:8], MOVED, *PARAGRAPHS[8:]]
    result = one("\n".join(paras), "\n".join(variant))
    loci = [(loc.source_text, loc.readings["v"], loc.kind) for loc in result.loci]
    assert loci == [
        (MOVED + "\n", "", "move"),
        (dropped, "", "deletion"),
        ("", MOVED + "\n", "move"),
    ]


def test_sentence_dropped_beside_a_move_in_the_benchmark_case_that_split_it() -> None:
    """bench seed 2 at 10k: the aligner gave the dropped sentence's 。 to the paragraph before."""
    from bench.norm import get_normalizer
    from bench.variant import BESIDE, make_case

    case = make_case(10_000, 2, get_normalizer()[0])
    result = collate(case.source, [("v", case.variant)])
    for edit in (e for e in case.truth if e.detail == BESIDE):
        hits = [loc for loc in result.loci if loc.start < edit.end and edit.start < loc.end]
        assert [(loc.start, loc.end, loc.kind) for loc in hits if loc.kind != "move"] == [
            (edit.start, edit.end, "deletion")
        ]
