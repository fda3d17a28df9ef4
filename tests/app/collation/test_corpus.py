"""The real pair of copies in ../shared/corpus: facts an editor checked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.collation.collate import collate
from app.collation.loci import Collation
from app.text.loading import load_text

A = "000_3cf06c38faf44306.txt"
B = "002_4ea96290340b9324.txt"


@pytest.fixture(scope="module")
def pair() -> tuple[str, str]:
    from tests.conftest import CORPUS

    return (
        load_text(CORPUS / A).text,
        load_text(CORPUS / B).text,
    )


@pytest.fixture(scope="module")
def result(pair: tuple[str, str]) -> Collation:
    return collate(pair[0], [("B", pair[1])])


def _locus_at(result: Collation, source: str, needle: str, offset: int) -> tuple[str, str, str]:
    at = source.index(needle) + offset
    hits = [loc for loc in result.loci if loc.start <= at < loc.end]
    assert hits, f"no locus at {needle!r}+{offset}"
    (loc,) = hits
    return loc.source_text, loc.readings["B"], loc.kind


def test_both_copies_decode_as_utf8(corpus: Path) -> None:
    assert load_text(corpus / A).encoding == "utf-8"
    assert load_text(corpus / B).encoding == "utf-8"


def test_title_transposition(result: Collation, pair: tuple[str, str]) -> None:
    first = result.loci[0]
    assert pair[0][first.start : first.end] == "守严"
    assert (first.source_text, first.readings["B"], first.kind) == ("守严", "严守", "transposition")


def test_confusable_character(result: Collation, pair: tuple[str, str]) -> None:
    assert _locus_at(result, pair[0], "城乡接合部", 2) == ("接", "结", "substitution")


def test_foreign_syllable(result: Collation, pair: tuple[str, str]) -> None:
    source_text, reading, kind = _locus_at(result, pair[0], "铁肩担道义的气概", 5)
    assert "의" in reading
    assert source_text.startswith("的") and kind == "substitution"


def test_english_word_between_spaces(result: Collation, pair: tuple[str, str]) -> None:
    source_text, reading, kind = _locus_at(result, pair[0], "调动整合社会力量和各方资源", 8)
    assert (source_text, reading.strip(), kind) == ("和", "and", "substitution")


def test_width_and_whitespace_are_folded(result: Collation) -> None:
    """No locus is only a comma of the other width or a line break."""
    for loc in result.loci:
        pairs = {(loc.source_text, r) for r in loc.readings.values()}
        assert not pairs & {("，", ","), ("；", ";"), ("：", ":"), ("！", "!"), ("？", "?")}
        assert loc.source_text.strip() or any(r.strip() for r in loc.readings.values())


def test_about_a_hundred_real_differences(result: Collation) -> None:
    # The corpus README: roughly a hundred places with width and whitespace folded.
    assert 60 <= len(result.loci) <= 160, len(result.loci)


def test_rules_off_sees_every_comma(pair: tuple[str, str]) -> None:
    exact = collate(pair[0], [("B", pair[1])], rules=())
    assert len(exact.loci) > 400
    assert exact.rebuild("B") == pair[1]


def test_every_locus_is_exact(result: Collation, pair: tuple[str, str]) -> None:
    for loc in result.loci:
        assert pair[0][loc.start : loc.end] == loc.source_text
        reading = loc.readings["B"]
        if loc.kind == "substitution" and len(loc.source_text) == len(reading) == 1:
            assert loc.source_text != reading


def test_swap_inside_a_moved_passage_is_its_own_locus(result: Collation) -> None:
    """B moved a passage to its front and swapped 守严 inside it, as in the title.

    The move is one move: where it left (the whole passage, its first sentence
    too, which B glued to its title once the line break between them was
    ignored) and where it arrived, reading the passage as A has it; the swap
    is one locus inside it, over A's 守严, lying in the move where it arrived.
    No transposition has an empty side.
    """
    moves = [loc for loc in result.loci if loc.kind == "move"]
    assert len(moves) == 2
    arrived, gone = moves
    assert arrived.start == arrived.end and gone.move_id == arrived.move_id is not None
    assert gone.source_text.startswith("疫情防控，关键在治，基础在防。社区是城市的基本单元")
    assert arrived.readings["B"] == gone.source_text
    inner = [loc for loc in result.loci if loc.in_move is not None]
    assert [(loc.source_text, loc.readings["B"], loc.kind) for loc in inner] == [
        ("守严", "严守", "transposition")
    ]
    assert gone.start < inner[0].start < gone.end
    assert result.loci[inner[0].parent or 0] is arrived
    assert all(
        loc.source_text and loc.readings["B"] for loc in result.loci if loc.kind == "transposition"
    )


def test_what_the_rules_ignore_is_only_what_they_fold(
    pair: tuple[str, str], result: Collation
) -> None:
    """A real reader saw a whole paragraph (党 → 疫情防控…) and "，→，提出" listed as ignored."""
    from app.collation.ignored import ignored_loci
    from app.text.normalize import normalize

    hidden = ignored_loci(result, [("B", pair[1])])
    assert len(hidden) > 50  # the half-width commas, at least
    for locus in hidden:
        folded = normalize(locus.source_text, result.rules).text
        assert normalize(locus.readings["B"], result.rules).text == folded, locus
    assert all(len(locus.source_text) < 10 for locus in hidden)
    assert any(locus.source_text == "，" and locus.readings["B"] == "," for locus in hidden)
