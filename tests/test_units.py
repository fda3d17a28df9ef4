"""Divergences in an editor's units: a reworded word is one locus (issue 21)."""

from __future__ import annotations

import pytest

from app.classes.wordset import is_word
from app.collation.collate import collate

BEFORE, AFTER = "今天天气很好。", "明天继续努力。"


def loci(source: str, copy: str) -> list[tuple[str, str, str]]:
    result = collate(BEFORE + source + AFTER, [("B", BEFORE + copy + AFTER)])
    return [(loc.source_text, loc.readings["B"], loc.kind) for loc in result.loci]


@pytest.mark.parametrize(
    ("source", "copy", "old", "new"),
    [
        # a character kept in another place of the word: an insertion and a deletion to a diff
        ("坚决遏制疫情蔓延势头，", "坚决遏制疫情蔓延态势，", "势头", "态势"),
        ("全面强化社区防控，", "全面加强社区防控，", "强化", "加强"),
        ("我们全力以赴做好工作。", "我们竭尽全力做好工作。", "全力以赴", "竭尽全力"),
        # a phrase reworded around a character or a word it keeps
        (
            "要减少人员特别是跨区域流动，",
            "要充实基层社区力量，",
            "减少人员特别是跨区域流动",
            "充实基层社区力量",
        ),
        (
            "全力保障医疗物资供应，",
            "统筹调配生活物资储备，",
            "全力保障医疗物资供应",
            "统筹调配生活物资储备",
        ),
        # both sides words: an idiom reworded around the character it keeps in place
        ("大家千方百计克服困难。", "大家想方设法克服困难。", "千方百计", "想方设法"),
    ],
)
def test_a_reworded_word_or_phrase_is_one_substitution(
    source: str, copy: str, old: str, new: str
) -> None:
    assert loci(source, copy) == [(old, new, "substitution")]


def test_accepting_the_reworded_word_writes_the_copy_not_a_word_nobody_wrote() -> None:
    result = collate("蔓延势头得到遏制。", [("B", "蔓延态势得到遏制。")])
    assert result.rebuild("B") == "蔓延态势得到遏制。"
    assert len(result.loci) == 1


def test_a_single_character_slip_stays_one_character() -> None:
    assert loci("认真部署各项工作，", "认真布署各项工作，") == [("部", "布", "substitution")]


def test_two_slips_one_character_apart_stay_two() -> None:
    """Neither 结合布 is a word: two slips, not a rewording of 接合部."""
    assert not is_word("结合布")
    assert loci("城乡接合部的居民，", "城乡结合布的居民，") == [
        ("接", "结", "substitution"),
        ("部", "布", "substitution"),
    ]


def test_pieces_across_a_mark_are_not_one_word() -> None:
    """A comma between what was added and what was dropped: two clauses, two loci."""
    assert loci("他说好快走吧。", "他说很好走吧。") == [("好快", "很好", "substitution")]
    assert loci("他说好，快走吧。", "他说很好，走吧。") == [
        ("", "很", "insertion"),
        ("快", "", "deletion"),
    ]


def test_the_word_set_is_jiebas_dictionary_without_its_rare_entries() -> None:
    assert is_word("千方百计") and is_word("态势")
    assert not is_word("布署")  # a misspelling jieba lists twice
    assert not is_word("势")  # one character is a character, not a word here
