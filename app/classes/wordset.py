"""Which strings are words: jieba's dictionary as a set, for telling a reworded word from slips.

Two slips one character apart and an idiom reworded around a character it
keeps (千方百计 / 想方设法) look the same to a diff: a change, an equal
character, a change.  What tells them apart is that both sides of a
rewording are words, while a slip rarely makes one.  The collation asks only
for such places, rarely, so the set is loaded on the first question; the
window loads it behind itself (app/preload.py).

Only jieba's dictionary file is read, never its prefix dictionary (that is
app/classes/checks.py's, a second and 140 MB).  Words jieba counts fewer
than :data:`MIN_FREQUENCY` times are left out: its dictionary lists some
common misspellings (布署) and junk (了了) a few times each.  The set is
kept in the user cache as marshalled chunks, read one at a time so that no
single step holds the GIL for long while a window is open.
"""

from __future__ import annotations

import marshal
import threading
import warnings

from app.datacache import cached, package_versions

MIN_FREQUENCY = 5
"""Fewest uses in jieba's dictionary for a string to count as a word."""
LONGEST = 8
"""Longest word kept: an idiom or a set phrase, not a clause."""
_CHUNK = 20_000

_WORDS: frozenset[str] | None = None
_LOCK = threading.Lock()


def is_word(text: str) -> bool:
    """Whether ``text`` (two characters or more) is a word of jieba's dictionary."""
    return 2 <= len(text) <= LONGEST and text in words()


def words() -> frozenset[str]:
    global _WORDS
    with _LOCK:
        if _WORDS is None:
            found: set[str] = set()
            for chunk in cached("wordset", package_versions("jieba"), _chunks):
                found.update(marshal.loads(chunk))
            _WORDS = frozenset(found)
        return _WORDS


def _chunks() -> list[bytes]:
    """The dictionary's words of two to :data:`LONGEST` characters, marshalled in chunks."""
    with warnings.catch_warnings():  # jieba imports pkg_resources and has old escapes
        warnings.simplefilter("ignore")
        import jieba
    kept: list[str] = []
    with jieba.get_dict_file() as f:
        for line in f:
            word, frequency, *_ = line.decode("utf-8").split(" ")
            if 2 <= len(word) <= LONGEST and int(frequency) >= MIN_FREQUENCY:
                kept.append(word)
    return [marshal.dumps(kept[k : k + _CHUNK]) for k in range(0, len(kept), _CHUNK)]


def preload() -> None:
    """Load the set now (see app.preload)."""
    words()
