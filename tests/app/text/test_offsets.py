"""Offset maps: composed maps point every normalized character back to its origin."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from app.text.normalize import normalize
from app.text.offsets import Group, OffsetMap


def test_identity_maps_spans_to_themselves() -> None:
    m = OffsetMap.identity(5)
    assert m.span(1, 3) == (1, 3)
    assert m.span(2, 2) == (2, 2)


def test_deletion_is_left_out_of_spans() -> None:
    # "社区防\n控" -> "社区防控": the line break is deleted
    m = OffsetMap.from_replacements(5, [(3, 4, "")])
    assert m.normalized_length == 4
    assert m.span(2, 4) == (2, 5)  # 防控 covers 防\n控
    assert m.span(3, 4) == (4, 5)  # 控 alone
    assert m.span(2, 3) == (2, 3)  # 防 alone, not its line break
    assert m.span(3, 3) == (3, 3)  # insertion point right after 防


def test_group_is_never_split() -> None:
    # "a......b" -> "a…b": the six dots are one group
    m = OffsetMap.from_replacements(8, [(1, 7, "…")])
    assert m.span(1, 2) == (1, 7)
    assert m.span(0, 3) == (0, 8)
    assert m.enclosing_group(1) is None
    long = OffsetMap.from_replacements(5, [(1, 4, "内存")])  # 記憶體 -> 内存
    assert long.enclosing_group(2) == Group(1, 4, 1, 3)
    assert long.span(2, 3) == (1, 4)


def test_composition_of_two_passes() -> None:
    text = "**頭 髮**很長"
    norm = normalize(text, ["markup", "whitespace"])
    assert norm.text == "頭髮很長"
    norm.map.check()
    assert norm.map.span(0, 2) == (2, 5)
    assert text[slice(*norm.map.span(2, 4))] == "很長"


_PIECES = st.lists(
    st.sampled_from(
        [
            "社",
            "区",
            "防",
            "控",
            "頭",
            "髮",
            "a",
            "b",
            "1",
            " ",
            "\n",
            "　",
            "**",
            "，",
            ",",
            "……",
            "...",
            "——",
            "“",
            "”",
            "「",
            "」",
            "後",
            "发",
            "의",
        ]
    ),
    max_size=40,
)


@given(_PIECES, st.sets(st.sampled_from(["width", "whitespace", "script", "markup"])))
def test_round_trip(pieces: list[str], rules: set[str]) -> None:
    """Every normalized character maps back inside the text, in order, and back again."""
    text = "".join(pieces)
    norm = normalize(text, rules)
    m = norm.map
    m.check()
    assert m.original_length == len(text)
    assert m.normalized_length == len(norm.text)
    last = (0, 0)
    for i in range(len(norm.text)):
        s, e = m.span(i, i + 1)
        assert 0 <= s < e <= len(text)
        # in order: a character starts after the previous one, or shares its group
        assert s >= last[1] or (s, e) == last
        # forward again: the character's origin leads back to (the group holding) it
        assert m.to_normalized(s) <= i < m.to_normalized(e)
        last = (s, e)
    # characters outside groups are the same character, up to the one-to-one folds
    # (the whitespace rule folds one space-like character between two words to " ")
    if not rules & {"width", "script"}:
        for i, ch in enumerate(norm.text):
            s, e = m.span(i, i + 1)
            if e - s == 1 and m.enclosing_group(i) is None and m.enclosing_group(i + 1) is None:
                folded = "whitespace" in rules and ch == " " and text[s].isspace()
                assert text[s] == ch or folded


@given(_PIECES)
def test_deleted_text_is_exactly_the_whitespace_and_marks(pieces: list[str]) -> None:
    text = "".join(pieces)
    norm = normalize(text, ["whitespace", "markup"])
    covered: set[int] = set()
    for i in range(len(norm.text)):
        covered.update(range(*norm.map.span(i, i + 1)))
    dropped = "".join(ch for k, ch in enumerate(text) if k not in covered)
    assert re.fullmatch(r"[\s*]*", dropped)
