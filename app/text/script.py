"""The ``script`` rule: fold Traditional characters to Simplified, with offsets.

Alignment must not flag ``後`` against ``后`` as a divergence, so both texts
are folded with OpenCC's t2s tables before they are compared.  The OpenCC
package's own converter is slow pure Python and reports no offsets, so this
module re-implements the t2s semantics over the same dictionary files:

* **Segmentation** is maximum forward matching over the phrase table
  (``TSPhrases``): at each position the longest phrase starting there is
  converted as a unit; elsewhere each character takes its default (first)
  candidate from ``TSCharacters``.  A trie-shaped regex of the phrases,
  scanned with ``finditer``, is exactly that at C speed; the per-character
  part is one ``str.translate``.  Hong Kong/Taiwan forms that t2s lacks
  (``衞``) fold like their standard form unless they are Simplified too.

* **One-to-many guard.**  Some Simplified characters stand for several
  Traditional ones (``干`` for ``乾``/``幹``/``干``).  Folding blindly would make
  a miswritten ``乾部`` equal the source's ``干部`` and hide the error.  So a
  per-character fold ``T -> S`` where ``S`` has several Traditional readings
  (``STCharacters``) is kept only if converting back would plausibly give
  ``T``: some ``STPhrases`` entry covering the position in the folded text
  reads ``S`` as ``T`` there, or no covering entry exists and ``T`` is ``S``'s
  default reading.  Otherwise ``T`` stays unfolded and the alignment shows
  the divergence.  Graphic variants (``裡`` for ``裏``, ``麵`` for ``麪``)
  count as the reading they are a variant of.

Phrase units are trusted: a Traditional phrase in ``TSPhrases`` already fixes
its reading.  Every unit whose text changed is reported as a replacement, so
the offset map never splits it; single-character changes keep offsets and are
not reported.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TypeAlias

from app.datacache import cached, package_versions
from app.text import textops
from app.text.offsets import Replacement

__all__ = ["QUOTE_FOLDS", "Replacement", "ScriptFolder", "fold_traditional", "opencc_folder"]

_Trie: TypeAlias = dict[str, "_Trie"]

QUOTE_FOLDS: Mapping[str, str] = {"「": "“", "」": "”", "『": "‘", "』": "’"}
"""Traditional-convention corner quotes and the curly quotes they stand for."""

# Variant forms that OpenCC's TW/HK variant tables do not cover, mapped to the
# standard form whose reading they share (checked by hand; see the docs).
_EXTRA_VARIANTS: Mapping[str, str] = {
    "榦": "幹",
    "滙": "匯",
    "録": "錄",
    "彫": "雕",
    "琱": "雕",
    "枴": "柺",
    "陞": "升",
    "麫": "麪",
    "麯": "麴",
    "墰": "罈",
    "壜": "罈",
    "罎": "罈",
}


_IDENTITY: Mapping[int, int] = {
    i: i for lo, hi in ((0x3000, 0xA000), (0xFF00, 0xFFF0)) for i in range(lo, hi)
}


class _Guard:
    """Decides whether a per-character fold to an ambiguous character is safe.

    Kept apart from the folder so its tables (from the 49k-entry
    ``STPhrases``) are built only once a text contains a guarded fold.

    Around an ambiguous character the candidate contexts are pruned with,
    per character, the set of every suffix of the text left of it in some
    phrase and every prefix of the text right of it: the search stops at the
    first context no phrase has, so a check costs a handful of slices, not
    one per phrase shape.

    The tables are kept per ambiguous character, each packed into three
    strings and unpacked the first time a text needs that character: the
    cache (app.datacache) then reads in a millisecond instead of 75 ms of
    sets and dicts, paid by every command that folds a Traditional text.
    """

    def __init__(
        self,
        readings: Mapping[str, Sequence[str]],
        phrases: Mapping[str, str],
        variants: Mapping[str, str],
    ) -> None:
        self.default = {s: ts[0] for s, ts in readings.items() if len(ts) > 1}
        self.standard = dict(variants)
        lefts: dict[str, set[str]] = {s: set() for s in self.default}
        rights: dict[str, set[str]] = {s: set() for s in self.default}
        # A reading can only be read off position by position; each ambiguous
        # character keeps the phrases it is in, the only ones a check of it looks up.
        with_char: dict[str, dict[str, str]] = {s: {} for s in self.default}
        for key, value in phrases.items():
            if not len(key) == len(value) > 1:
                continue
            end = len(key)
            for k, ch in enumerate(key):
                if ch in lefts:
                    with_char[ch][key] = value
                    add_left, add_right = lefts[ch].add, rights[ch].add
                    for i in range(k + 1):
                        add_left(key[i:k])
                    for i in range(k + 1, end + 1):
                        add_right(key[k + 1 : i])
        self._packed = {
            s: (
                _pack(lefts[s]),
                _pack(rights[s]),
                _pack(f"{k}\x1e{v}" for k, v in with_char[s].items()),
            )
            for s in self.default
        }
        self._unpacked: dict[str, _Contexts] = {}

    def __getstate__(
        self,
    ) -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, str, str]]]:
        return self.default, self.standard, self._packed

    def __setstate__(
        self, state: tuple[dict[str, str], dict[str, str], dict[str, tuple[str, str, str]]]
    ) -> None:
        self.default, self.standard, self._packed = state
        self._unpacked = {}

    def _contexts(self, s: str) -> _Contexts:
        found = self._unpacked.get(s)
        if found is None:
            lefts, rights, phrases = self._packed[s]
            pairs = (item.split("\x1e") for item in _unpack(phrases))
            found = (frozenset(_unpack(lefts)), frozenset(_unpack(rights)), dict(pairs))
            self._unpacked[s] = found
        return found

    def accepts(self, folded: str, j: int, original: str) -> bool:
        """Whether s2t could give ``original`` back at ``folded[j]``."""
        s = folded[j]
        same = (original, self.standard.get(original, original))
        lefts, rights, phrases = self._contexts(s)
        n = len(folded)
        seen = False
        for k in range(j + 1):
            if folded[j - k : j] not in lefts:
                break
            m = j + 1
            while m <= n and folded[j + 1 : m] in rights:
                value = phrases.get(folded[j - k : m])
                if value is not None:
                    if value[k] in same:
                        return True
                    seen = True
                m += 1
        return not seen and self.default[s] in same


_Contexts: TypeAlias = tuple[frozenset[str], frozenset[str], dict[str, str]]
"""An ambiguous character's left contexts, right contexts and the phrases it is in."""


def _pack(items: Iterable[str]) -> str:
    """Strings (without U+001F) as one: each after a U+001F, so none is one string too."""
    return "".join(f"\x1f{item}" for item in sorted(items))


def _unpack(packed: str) -> list[str]:
    return packed.split("\x1f")[1:]


class ScriptFolder:
    """A t2s converter over given tables, reporting where lengths change.

    ``chars`` maps one character to its default conversion, ``phrases`` maps
    multi-character keys to theirs.  ``readings`` (Simplified character to
    its Traditional candidates, default first), ``reading_phrases``
    (Simplified phrase to Traditional phrase) and ``variants`` (variant form
    to the standard form it shares a reading with) configure the
    one-to-many guard; without ``readings`` nothing is guarded.
    ``reading_phrases`` may be a zero-argument callable, so a large table is
    loaded only once some text needs the guard.  With a ``cache_key`` (the
    versions of the tables' sources), the guard's tables, a few tenths of a
    second to build, are kept in the user's cache (app.datacache) between runs.
    """

    def __init__(
        self,
        chars: Mapping[str, str],
        phrases: Mapping[str, str],
        readings: Mapping[str, Sequence[str]] | None = None,
        reading_phrases: Mapping[str, str] | Callable[[], Mapping[str, str]] | None = None,
        variants: Mapping[str, str] | None = None,
        cache_key: str = "",
    ) -> None:
        if any(len(c) != 1 for c in chars):
            raise ValueError("chars keys must be single characters")
        table = {**QUOTE_FOLDS, **chars}
        units = {k: v for k, v in phrases.items() if k}
        # A character whose conversion changes length moves offsets: match it
        # as a one-character unit so that it is reported.
        units.update({c: v for c, v in table.items() if len(v) != 1 and c not in units})
        self._units = units
        self._unit_re = _alternation(units) if units else None
        changes = {ord(c): v for c, v in table.items() if len(v) == 1 and c != v}
        # str.translate raises and swallows a KeyError for every character
        # missing from the table; identity entries for the common CJK blocks
        # spare that and make folding mostly-Simplified text ~2x faster.
        self._table: dict[int, str | int] = {**_IDENTITY, **changes}
        self._fold_chars = textops.CharFold({chr(c): v for c, v in changes.items()}, self._table)
        self._readings = dict(readings or {})
        self._reading_phrases = reading_phrases or {}
        self._variants = dict(variants or {})
        self._guard: _Guard | None = None
        self._cache_key = cache_key
        ambiguous = {s for s, ts in self._readings.items() if len(ts) > 1}
        guarded = sorted(c for c, v in table.items() if v in ambiguous and v != c)
        self._guarded_re = _char_class(guarded) if guarded else None

    def fold(self, text: str) -> tuple[str, list[Replacement]]:
        """Fold ``text``; see :func:`fold_traditional`."""
        folded = self._fold_chars(text)
        replacements: list[Replacement] = []
        if self._unit_re is not None:
            units, table = self._units, self._table
            for m in textops.finditer(self._unit_re, text):
                old = m.group()
                new = units[old]
                # A unit that keeps its text still shields it from the
                # per-character table (覆盆 stays 覆盆), so it is reported.
                if new != old or old.translate(table) != old:
                    replacements.append((m.start(), m.end(), new))
            if replacements:
                folded = _splice(folded, replacements)
        if self._guarded_re is not None:
            folded = self._unfold_unsafe(text, folded, replacements)
        return folded, replacements

    def load_guard(self) -> None:
        """Build the guard's tables now rather than at the first text that needs them.

        They cost ~0.1 s for OpenCC's tables; a caller may prefer to pay
        that off the UI thread, or never, for Simplified-only collations.
        """
        self._loaded_guard()

    def _loaded_guard(self) -> _Guard:
        if self._guard is None:
            if self._cache_key:
                self._guard = cached("script-guard", self._cache_key, self._build_guard)
            else:
                self._guard = self._build_guard()
        return self._guard

    def _build_guard(self) -> _Guard:
        phrases = self._reading_phrases
        if callable(phrases):
            phrases = phrases()
        return _Guard(self._readings, phrases, self._variants)

    def _unfold_unsafe(self, text: str, folded: str, replacements: list[Replacement]) -> str:
        """Put back each guarded character whose fold the reverse tables do not back."""
        assert self._guarded_re is not None
        keep: list[Replacement] = []
        r = shift = 0
        n_rep = len(replacements)
        accepts: Callable[[str, int, str], bool] | None = None
        for m in textops.finditer(self._guarded_re, text):
            i = m.start()
            while r < n_rep and replacements[r][1] <= i:
                start, end, new = replacements[r]
                shift += len(new) - (end - start)
                r += 1
            if r < n_rep and replacements[r][0] <= i:
                continue  # inside a phrase unit, whose reading is fixed
            if accepts is None:
                accepts = self._loaded_guard().accepts
            j = i + shift
            if not accepts(folded, j, m.group()):
                keep.append((j, j + 1, m.group()))
        return _splice(folded, keep) if keep else folded


def _alternation(keys: Iterable[str]) -> re.Pattern[str]:
    """Regex matching the longest key at each position, so ``finditer`` is forward maximum matching.

    Built as a trie (``a(?:b(?:c)?|d)``): sre then reads each character once
    per position instead of trying every key, twice as fast as a flat
    alternation.  Greedy optional groups make the longest key win.
    """
    trie: _Trie = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(_trie_pattern(trie))


def _trie_pattern(node: _Trie) -> str:
    branches = [re.escape(ch) + _trie_pattern(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _char_class(chars: Iterable[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def _splice(text: str, replacements: Sequence[Replacement]) -> str:
    """``text`` with each ``(start, end, new)`` applied (sorted, disjoint)."""
    parts: list[str] = []
    last = 0
    for start, end, new in replacements:
        parts.append(text[last:start])
        parts.append(new)
        last = end
    parts.append(text[last:])
    return "".join(parts)


# -- the OpenCC tables ----------------------------------------------------------


def opencc_dictionary(name: str) -> Path:
    """One of OpenCC's dictionary files, found without importing the package (its converter
    is of no use here) or importlib.resources (which imports tempfile, shutil, ...)."""
    import importlib.util

    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the package opencc (opencc-python-reimplemented): {name}")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / name


def _entries(name: str) -> Iterator[tuple[str, str]]:
    """One OpenCC dictionary file: key, tab, space-separated candidates."""
    for line in opencc_dictionary(name).read_text(encoding="utf-8").splitlines():
        key, tab, values = line.partition("\t")
        if tab and key:
            yield key, values


def _read_table(name: str) -> dict[str, list[str]]:
    return {key: values.split(" ") for key, values in _entries(name)}


def _defaults(name: str) -> dict[str, str]:
    return {key: values.partition(" ")[0] for key, values in _entries(name)}


def _opencc_variants() -> dict[str, str]:
    """Variant form -> OpenCC standard form, from the TW and HK variant tables."""
    variants: dict[str, str] = {}
    for name in ("TWVariants.txt", "HKVariants.txt"):
        for standard, forms in _read_table(name).items():
            for form in forms:
                if form != standard:
                    variants.setdefault(form, standard)
    variants.update(_EXTRA_VARIANTS)
    return variants


def _opencc_chars(
    readings: Mapping[str, Sequence[str]], variants: Mapping[str, str]
) -> dict[str, str]:
    """TSCharacters defaults, plus the Hong Kong and Taiwan forms t2s does not know.

    ``衞`` (for ``衛``) folds like its standard form, unless the form is a
    Simplified character itself (``台``, ``著``, ``吃``): folding those would
    merge distinct Simplified words.
    """
    chars = _defaults("TSCharacters.txt")
    simplified = set(chars.values()) | set(readings)
    for form, standard in variants.items():
        if form not in chars and form not in simplified and standard in chars:
            chars[form] = chars[standard]
    return chars


_Tables: TypeAlias = tuple[dict[str, str], dict[str, str], dict[str, list[str]], dict[str, str]]


@cache
def opencc_tables() -> _Tables:
    """The folder's tables from OpenCC's files: chars, phrases, readings, variants.

    Read once for the folder and the classes alike; shared, so never changed.  Reading
    the files takes 10-20 ms, every command that folds a text paid it: they are kept in
    the user's cache (app.datacache) as they come out, read back in 2-3 ms.
    """
    return cached("script-tables", _tables_cache_key(), _read_opencc_tables)


def _read_opencc_tables() -> _Tables:
    readings = _read_table("STCharacters.txt")
    variants = _opencc_variants()
    chars = _opencc_chars(readings, variants)
    phrases = _defaults("TSPhrases.txt")
    # Taiwan writes 著 for the particle 着 too (看著, 笑著說): fold it, except in
    # the words where it is zhù (著名, 顯著), which OpenCC's tw2s lists.
    chars["著"] = "着"
    for key, value in _defaults("TWVariantsRevPhrases.txt").items():
        if "著" in key:
            phrases.setdefault(key, "".join(c if c == "著" else chars.get(c, c) for c in value))
    return chars, phrases, readings, variants


@cache
def opencc_folder() -> ScriptFolder:
    """The folder over OpenCC's t2s tables, guarded by its s2t tables; built once."""
    chars, phrases, readings, variants = opencc_tables()
    return ScriptFolder(
        chars,
        phrases,
        readings=readings,
        reading_phrases=lambda: _defaults("STPhrases.txt"),
        variants=variants,
        cache_key=_tables_cache_key(),
    )


_TABLES_VERSION = 1
"""Bump when the tables are read otherwise from OpenCC's files (so a cache is not reused)."""


def _tables_cache_key() -> str:
    """OpenCC's version, this module's own variant list and its way of reading them: what
    the tables and the guard's tables are made of."""
    extra = f"{_TABLES_VERSION}" + "".join(f"{k}{v}" for k, v in sorted(_EXTRA_VARIANTS.items()))
    digest = hashlib.sha1(extra.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"{package_versions('opencc-python-reimplemented')}+{digest}"


def fold_traditional(text: str) -> tuple[str, list[Replacement]]:
    """Fold ``text`` to Simplified script for comparison.

    Returns the folded text and the sorted, disjoint replacements
    ``(start, end, new)`` of every phrase unit converted as a whole (which
    includes every change of length).  Outside them each character either
    keeps its place and becomes its default Simplified form, or stays as it
    is where the one-to-many guard refused the fold; so
    ``len(folded) == len(text) + sum(len(new) - (end - start))``.
    """
    return opencc_folder().fold(text)
