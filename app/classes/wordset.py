"""Which strings are words: jieba's dictionary, for telling a reworded word from slips.

Two slips one character apart and an idiom reworded around a character it
keeps (千方百计 / 想方设法) look the same to a diff: a change, an equal
character, a change.  What tells them apart is that both sides of a
rewording are words, while a slip rarely makes one; and a two-character
substitution is a reworded word (工作 / 任务) when a side is a word, a
wrong pair of characters (a misread name, 发晒 / 效虎) when neither is.

Only jieba's dictionary file is read, never its prefix dictionary (that is
app/classes/checks.py's, a second and 140 MB).  Words jieba counts fewer
than :data:`MIN_FREQUENCY` times are left out: its dictionary lists some
common misspellings (布署) and junk (了了) a few times each.  A set of the
330,000 words would take 0.2 s and 25 MB to load, which a 100,000-character
collation with one two-character slip cannot pay; so the words are kept as
one string per first character, ``"\n"``-separated, and a word is looked up
as a substring of its character's string (a few hundred characters): a few
milliseconds and 3 MB to load, kept in the user cache.
"""

from __future__ import annotations

import sys
import threading
import warnings
from typing import Any

from app.datacache import cached, package_versions

MIN_FREQUENCY = 5
"""Fewest uses in jieba's dictionary for a string to count as a word."""
LONGEST = 8
"""Longest word kept: an idiom or a set phrase, not a clause."""

_INDEX: dict[str, str] | None = None
_LOCK = threading.Lock()


def is_word(text: str) -> bool:
    """Whether ``text`` (two characters or more) is a word of jieba's dictionary."""
    if not 2 <= len(text) <= LONGEST or "\n" in text:
        return False
    return f"\n{text}\n" in _index().get(text[0], "")


def _index() -> dict[str, str]:
    global _INDEX
    with _LOCK:
        if _INDEX is None:
            _INDEX = cached("words-by-first", package_versions("jieba"), _build)
        return _INDEX


def _build() -> dict[str, str]:
    """The dictionary's words of two to :data:`LONGEST` characters, by first character."""
    jieba = import_jieba()
    by_first: dict[str, list[str]] = {}
    with jieba.get_dict_file() as f:
        for line in f:
            word, frequency, *_ = line.decode("utf-8").split(" ")
            if 2 <= len(word) <= LONGEST and int(frequency) >= MIN_FREQUENCY:
                by_first.setdefault(word[0], []).append(word)
    return {c: "\n" + "\n".join(words) + "\n" for c, words in by_first.items()}


def import_jieba() -> Any:
    """``import jieba``, without the ``pkg_resources`` it tries first (0.12 s, deprecated,
    and warning): without it jieba opens its data files by their paths."""
    with warnings.catch_warnings():  # jieba has old escapes
        warnings.simplefilter("ignore")
        had = "pkg_resources" in sys.modules
        if not had:
            sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            import jieba
        finally:
            if not had:
                del sys.modules["pkg_resources"]
    return jieba


def preload() -> None:
    """Load the index now (see app.preload)."""
    _index()
