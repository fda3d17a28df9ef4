"""Sliced string operations give exactly what the whole-text calls give."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.text import textops


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textops, "CHUNK", 7)


@given(st.text(alphabet="ab \n\u3000，,", max_size=200))
@settings(max_examples=200)
def test_translate_matches_str_translate(text: str) -> None:
    table = str.maketrans({"，": ",", "a": "A"})
    old = textops.CHUNK
    textops.CHUNK = 7
    try:
        assert textops.translate(text, table) == text.translate(table)
    finally:
        textops.CHUNK = old


PATTERNS = [re.compile(r"\s+"), re.compile(r"…+|\.{3,}|-{2,}"), re.compile(r"ab(?:c(?:d)?)?|b")]


# the windows reach ``overlap`` characters ahead: at least the 3 that "..." needs
@given(st.text(alphabet="abcd .-…\n ", max_size=300), st.sampled_from(PATTERNS), st.integers(3, 6))
@settings(max_examples=400)
def test_finditer_matches_whole_text_scan(
    text: str, pattern: re.Pattern[str], overlap: int
) -> None:
    old = textops.CHUNK
    textops.CHUNK = 5
    try:
        got = [(m.start(), m.end()) for m in textops.finditer(pattern, text, overlap)]
    finally:
        textops.CHUNK = old
    assert got == [(m.start(), m.end()) for m in pattern.finditer(text)]


def test_long_run_across_windows_is_one_match(small_chunks: None) -> None:
    text = "x" + " " * 50 + "y"
    assert [(m.start(), m.end()) for m in textops.finditer(re.compile(r"\s+"), text, 3)] == [
        (1, 51)
    ]
