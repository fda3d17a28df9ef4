"""Divergences in an editor's units: a reworded word is one locus (issue 21)."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from app.classes.wordset import is_word
from app.collation.collate import collate
from app.export.data import ExportError
from app.export.text import corrected_text
from app.export.word import docx_bytes
from app.project.project import Project
from app.store.decisions import Decision, Status
from app.text.loading import LoadedText

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


# -- a moved paragraph is one move, with its edits inside ------------------------------------

PARAS = [f"这是第{n}段文字，内容各不相同，编号{n}用来区分它们。" for n in range(10)]
MOVED = "他们在河边种了树。老人说：明年再来看看长势。孩子们听了都很高兴。"
EDITED = MOVED.replace("河边", "河河边").replace("长势", "势")
SOURCE_TEXT = "\n".join([*PARAS[:2], MOVED, *PARAS[2:]])
COPY_TEXT = "\n".join([*PARAS[:8], EDITED, *PARAS[8:]])


def loaded(path: Path, text: str) -> LoadedText:
    path.write_text(text, encoding="utf-8")
    return LoadedText(str(path), text, "utf-8", hashlib.sha256(text.encode()).hexdigest())


@pytest.fixture
def moved(tmp_path: Path) -> Iterator[Project]:
    src = loaded(tmp_path / "source.txt", SOURCE_TEXT)
    copy = loaded(tmp_path / "copy.txt", COPY_TEXT)
    result = collate(src.text, [("B", copy.text)])
    with Project.create(tmp_path / "p.jkproj", src, [("B", copy)], result) as project:
        yield project


def parts(project: Project) -> tuple[int, int, list[int]]:
    """The ids of the move where it left, where it arrived, and of the edits inside it."""
    gone = next(s.id for s in project.loci if s.kind == "move" and s.start < s.end)
    came = next(s.id for s in project.loci if s.kind == "move" and s.start == s.end)
    inner = [s.id for s in project.loci if s.in_move is not None]
    return gone, came, inner


def corrected(project: Project) -> str:
    return corrected_text(project.export_input(document=False))


def test_accepting_the_move_and_its_edits_rebuilds_the_copy(moved: Project) -> None:
    _gone, came, inner = parts(moved)
    assert len(moved.loci) == 4 and len(inner) == 2
    assert moved.enclosing(inner[0]) == came == moved.enclosing(inner[1])
    moved.accept(moved.ids(), "B")
    assert corrected(moved) == COPY_TEXT


def test_one_end_of_a_move_decides_the_other_in_the_same_step(moved: Project) -> None:
    gone, came, _inner = parts(moved)
    op = moved.accept([came], "B")
    assert op is not None and {c.locus_id for c in op.changes} == {gone, came}
    assert moved.status(gone) == moved.status(came) == "accepted"
    # the paragraph moved as the source has it: the edits inside are not accepted yet
    assert corrected(moved) == "\n".join([*PARAS[:8], MOVED, *PARAS[8:]])
    moved.log.undo()
    assert moved.status(gone) == moved.status(came) == "undecided"
    moved.reject([gone])
    assert moved.status(came) == "rejected"


def test_an_edit_inside_a_move_not_accepted_corrects_the_paragraph_where_it_stands(
    moved: Project,
) -> None:
    gone, _came, inner = parts(moved)
    moved.reject([gone])
    moved.accept(inner, "B")  # no conflict with the move: the edits go with the paragraph
    assert moved.conflicts(inner[0], moved.log.get(inner[0])) == []
    assert corrected(moved) == "\n".join([*PARAS[:2], EDITED, *PARAS[2:]])


def test_a_moved_paragraph_without_one_of_its_edits(moved: Project) -> None:
    _gone, came, inner = parts(moved)
    moved.accept([came, inner[0]], "B")
    moved.reject([inner[1]])
    once = MOVED.replace("河边", "河河边")
    assert corrected(moved) == "\n".join([*PARAS[:8], once, *PARAS[8:]])


def test_the_move_and_its_edits_survive_reopening_and_a_word_export(moved: Project) -> None:
    gone, came, inner = parts(moved)
    moved.accept(moved.ids(), "B")
    path = moved.path
    moved.close()
    with Project.open(path) as again:
        assert parts(again) == (gone, came, inner)
        assert corrected(again) == COPY_TEXT
        data = again.export_input()
        document = docx_bytes(data, tracked=False)
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(document)).paragraphs)
        assert text == COPY_TEXT


# -- a pair of marks is one fix -----------------------------------------------------------

DATED = "会议于2020年2月23日召开，各地代表出席。"


@pytest.mark.parametrize(
    ("source", "copy", "halves"),
    [
        (DATED, "会议于（2020年2月23日）召开，各地代表出席。", [("", "（"), ("", "）")]),
        ("他说“免疫系统”很重要。", "他说免疫系统很重要。", [("“", ""), ("”", "")]),
        ("他读了《人民日报》的评论。", "他读了“人民日报”的评论。", [("《", "“"), ("》", "”")]),
    ],
)
def test_the_two_halves_of_a_pair_of_marks_are_one_fix(
    source: str, copy: str, halves: list[tuple[str, str]]
) -> None:
    result = collate(source, [("B", copy)])
    assert [(loc.source_text, loc.readings["B"]) for loc in result.loci] == halves
    assert result.loci[0].pair == result.loci[1].pair is not None
    assert all(loc.cls == "punctuation" for loc in result.loci)


def test_marks_changed_around_the_words_are_two_pairs_not_a_shifted_character() -> None:
    """The width rule reads “ as " and ‘ as ': 抗 is matched, not the first quotation mark."""
    result = collate("的“抗‘疫’格局”。", [("B", "的抗“疫”格局。")])
    loci = [(loc.source_text, loc.readings["B"], loc.pair) for loc in result.loci]
    assert [(old, new) for old, new, _ in loci] == [("“", ""), ("‘", "“"), ("’", "”"), ("”", "")]
    assert loci[0][2] == loci[3][2] != loci[1][2] == loci[2][2]


def test_marks_that_do_not_close_each_other_are_not_a_pair() -> None:
    result = collate("甲乙丙丁戊己庚。", [("B", "甲（乙丙丁）戊己（庚。")])
    pairs = [loc.pair for loc in result.loci]
    assert pairs[0] == pairs[1] is not None and pairs[2] is None


def test_two_copies_that_add_the_same_brackets_share_them_and_vote() -> None:
    copy = "会议于（2020年2月23日）召开，各地代表出席。"
    result = collate(DATED, [("B", copy), ("C", copy), ("D", DATED)])
    opening, closing = result.loci
    assert opening.readings == {"B": "（", "C": "（"} and opening.pair == closing.pair
    assert opening.agreement is not None and opening.agreement.support == 2


@pytest.fixture
def bracketed(tmp_path: Path) -> Iterator[Project]:
    copy_text = "会议于（2020年2月23日）召开，各地代表出席。"
    src = loaded(tmp_path / "source.txt", DATED)
    copy = loaded(tmp_path / "copy.txt", copy_text)
    result = collate(src.text, [("B", copy.text)])
    with Project.create(tmp_path / "p.jkproj", src, [("B", copy)], result) as project:
        yield project


def test_accepting_one_half_accepts_the_other_in_the_same_step(bracketed: Project) -> None:
    opening, closing = bracketed.ids()
    op = bracketed.accept([closing], "B")
    assert op is not None and {c.locus_id for c in op.changes} == {opening, closing}
    assert corrected(bracketed) == "会议于（2020年2月23日）召开，各地代表出席。"
    bracketed.log.undo()
    assert corrected(bracketed) == DATED


def test_an_export_never_leaves_a_pair_mismatched(bracketed: Project) -> None:
    """A decision recorded on one half alone (an older project, a script writing the log)."""
    opening, closing = bracketed.ids()
    bracketed.log.apply(
        "Accept #2 alone", bracketed.acceptance([closing], "B") | {opening: Decision()}
    )
    assert bracketed.status(opening) == "undecided"
    assert corrected(bracketed) == "会议于（2020年2月23日）召开，各地代表出席。"
    bracketed.log.apply("Reject #1", {opening: Decision(Status.REJECTED, None, "")})
    with pytest.raises(ExportError, match=rf"#{opening} is one half of a pair of marks"):
        corrected(bracketed)


# -- the same units with many witnesses ---------------------------------------------------------


def test_each_copys_rewording_is_its_own_and_the_copies_vote_on_the_word() -> None:
    source = "坚决遏制疫情蔓延势头，全面加强防控。"
    copies = {
        "B": "坚决遏制疫情蔓延态势，全面加强防控。",
        "D": "坚决遏制疫情蔓延趋势，全面加强防控。",
    }
    result = collate(source, [("B", copies["B"]), ("C", copies["B"]), ("D", copies["D"]),
                              ("E", source)])  # fmt: skip
    (word,) = result.loci
    assert word.source_text == "势头" and word.readings == {"B": "态势", "C": "态势", "D": "趋势"}
    assert set(word.classes.values()) == {"reworded"}
    vote = word.agreement
    assert vote is not None and (vote.support, vote.total) == (2, 5)  # 态势 2, 势头 2 (kept)
    for wid, text in (("B", copies["B"]), ("D", copies["D"]), ("E", source)):
        assert result.rebuild(wid) == text


def test_copies_that_move_the_same_paragraph_share_the_move_and_vote_on_its_edits() -> None:
    """C moved the paragraph as B did, without B's two edits: at each edit C reads the
    paragraph, so it votes for the source there instead of abstaining."""
    other = "\n".join([*PARAS[:8], MOVED.replace("长势", "长势势"), *PARAS[8:]])
    result = collate(SOURCE_TEXT, [("B", COPY_TEXT), ("C", other), ("D", SOURCE_TEXT)])
    moves = [loc for loc in result.loci if loc.kind == "move"]
    assert len(moves) == 2 and all(m.readings.keys() == {"B", "C"} for m in moves)
    assert moves[0].move_id == moves[1].move_id
    inner = [loc for loc in result.loci if loc.in_move is not None]
    assert [(loc.source_text, loc.readings) for loc in inner] == [
        ("", {"B": "河"}),
        ("长", {"B": ""}),
        ("", {"C": "势"}),
    ]
    for loc in inner:
        assert loc.in_move == moves[0].move_id and result.loci[loc.parent or 0] is moves[1]
        assert loc.agreement is not None and loc.agreement.total == 4  # nobody abstains
    for wid, text in (("B", COPY_TEXT), ("C", other), ("D", SOURCE_TEXT)):
        assert result.rebuild(wid) == text
