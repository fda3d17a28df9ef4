"""Sliced string operations give exactly what the whole-text calls give."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.text import textops


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textops, "CHUNK", 7)


@contextmanager
def chunks_of(size: int) -> Iterator[None]:
    """Slices of ``size`` characters within a hypothesis example (a function-scoped
    fixture such as ``monkeypatch`` is not reset between examples)."""
    old = textops.CHUNK
    textops.CHUNK = size
    try:
        yield
    finally:
        textops.CHUNK = old


@given(st.text(alphabet="ab \n\u3000，,", max_size=200))
@settings(max_examples=200)
def test_translate_matches_str_translate(text: str) -> None:
    table = str.maketrans({"，": ",", "a": "A"})
    with chunks_of(7):
        assert textops.translate(text, table) == text.translate(table)


PATTERNS = [re.compile(r"\s+"), re.compile(r"…+|\.{3,}|-{2,}"), re.compile(r"ab(?:c(?:d)?)?|b")]


# the windows reach ``overlap`` characters ahead: at least the 3 that "..." needs
@given(st.text(alphabet="abcd .-…\n ", max_size=300), st.sampled_from(PATTERNS), st.integers(3, 6))
@settings(max_examples=400)
def test_finditer_matches_whole_text_scan(
    text: str, pattern: re.Pattern[str], overlap: int
) -> None:
    with chunks_of(5):
        got = [(m.start(), m.end()) for m in textops.finditer(pattern, text, overlap)]
        listed = [(m.start(), m.end()) for m in textops.matches(pattern, text, overlap)]
    assert got == listed == [(m.start(), m.end()) for m in pattern.finditer(text)]


SPLITTERS = [re.compile(r"[。！？]+[」』）]*"), re.compile(r"\s+"), re.compile(r"…+|\.{3,}")]


@given(st.text(alphabet="ab。！？」』）… .\n", max_size=300), st.sampled_from(SPLITTERS))
@settings(max_examples=300)
def test_split_matches_pattern_split(text: str, pattern: re.Pattern[str]) -> None:
    with chunks_of(5):
        assert textops.split(pattern, text) == pattern.split(text)


def test_split_keeps_no_groups() -> None:
    with pytest.raises(ValueError, match="no groups"):
        textops.split(re.compile(r"(,)"), "a,b")


def test_long_run_across_windows_is_one_match(small_chunks: None) -> None:
    text = "x" + " " * 50 + "y"
    assert [(m.start(), m.end()) for m in textops.finditer(re.compile(r"\s+"), text, 3)] == [
        (1, 51)
    ]


_ALPHABET = "abcxy，,\u3000\U00020000\U00020001"
"""Characters a fold may change, BMP and astral, and some it leaves."""


@given(
    st.dictionaries(
        st.sampled_from(_ALPHABET), st.text(alphabet=_ALPHABET, min_size=0, max_size=2),
        max_size=6,
    ),
    st.text(alphabet=_ALPHABET + "z\n", max_size=200),
    st.integers(min_value=1, max_value=30),
)  # fmt: skip
@settings(max_examples=300)
def test_char_fold_matches_str_translate(changes: dict[str, str], text: str, few: int) -> None:
    """Replacing the characters found one by one gives what translate gives, whether a
    replacement brings in another character of the table (replaced first), the table
    has a cycle (translate then), or there are many characters (translate too)."""
    table = str.maketrans(changes)
    fold = textops.CharFold(changes, table)
    fold.FEW = few  # type: ignore[misc]
    old = textops.CHUNK
    textops.CHUNK = 7
    try:
        assert fold(text) == text.translate(table)
    finally:
        textops.CHUNK = old


def test_char_fold_replaces_what_a_replacement_brings_in_first() -> None:
    """OpenCC's t2s table folds 薴 to 苧 and 苧 to 苎: each character once, as translate."""
    changes: dict[str, str | int | None] = {"薴": "苧", "苧": "苎"}
    fold = textops.CharFold({"薴": "苧", "苧": "苎"}, str.maketrans(changes))
    assert fold("薴苧x") == "苧苎x"
