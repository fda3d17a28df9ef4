"""The normalization pipeline: switchable rules that make ignorable differences vanish.

Each rule rewrites the text and reports where the length changed, so the
pipeline can compose one :class:`~app.text.offsets.OffsetMap` from the final text
back to the text as decoded.  Rules run in a fixed order chosen so that each
sees what it needs: markup first (so ``**`` never hides a neighbour), width
next (so full-width letters count as Latin for the whitespace rule), then
whitespace, and script last (so an OCR line break inside ``頭\\n髮`` does not
stop the phrase from being recognised).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.text import textops
from app.text.offsets import OffsetMap, Replacement
from app.text.script import fold_traditional

ALL_RULES: tuple[str, ...] = ("width", "whitespace", "script", "markup")
"""The rules, in the order they are named to users (and the default: all on)."""

_ORDER = ("markup", "width", "whitespace", "script")

RuleFunction = Callable[[str], tuple[str, list[Replacement]]]


@dataclass(frozen=True)
class Normalized:
    """A text as the aligner sees it, with the way back to the original."""

    text: str
    map: OffsetMap


class UnknownRuleError(ValueError):
    """A rule name that the engine does not have."""


def parse_rules(spec: str) -> tuple[str, ...]:
    """Read ``width,script`` or ``none`` (the command line's ``--rules``)."""
    spec = spec.strip()
    if spec.lower() in ("", "none"):
        return ()
    names = tuple(dict.fromkeys(part.strip() for part in spec.split(",") if part.strip()))
    unknown = [n for n in names if n not in ALL_RULES]
    if unknown:
        raise UnknownRuleError(
            f"unknown rule {unknown[0]!r} (the rules are {', '.join(ALL_RULES)}, or none)"
        )
    return names


class RuleSteps:
    """Each rule's effect on the texts it was given lately: its output and replacements, by
    the rule and the text it was given (a rule is a function of that text alone).

    A session normalizes the same texts under rule sets that differ by one rule; a rule
    given the same text as before (the rules before it did nothing there, or the rule
    toggled runs after it) is not applied again.  Holds outputs of at most
    ``characters`` characters in all (an output that is its input costs nothing), the
    latest kept; thread-safe.
    """

    def __init__(self, characters: int) -> None:
        self._limit = characters
        self._held = 0
        self._kept: dict[tuple[str, str], tuple[str, list[Replacement]]] = {}
        self._lock = threading.Lock()

    def get(self, rule: str, text: str) -> tuple[str, list[Replacement]] | None:
        with self._lock:
            found = self._kept.pop((rule, text), None)
            if found is not None:
                self._kept[rule, text] = found  # the latest last
            return found

    def put(self, rule: str, text: str, done: tuple[str, list[Replacement]]) -> None:
        size = 0 if done[0] is text else len(done[0])
        with self._lock:
            if size > self._limit or (rule, text) in self._kept:
                return
            self._kept[rule, text] = done
            self._held += size
            while self._held > self._limit:
                (_, given), (out, _) = _oldest(self._kept)
                self._held -= 0 if out is given else len(out)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._held = 0


def _oldest(
    kept: dict[tuple[str, str], tuple[str, list[Replacement]]],
) -> tuple[tuple[str, str], tuple[str, list[Replacement]]]:
    key = next(iter(kept))
    return key, kept.pop(key)


def normalize(
    text: str, rules: Iterable[str] = ALL_RULES, *, steps: RuleSteps | None = None
) -> Normalized:
    """Apply the chosen rules in the pipeline's order and compose their offset maps.

    With ``steps``, a rule given a text it was given before takes its effect from there
    (app.collation.reuse); the result is the same.
    """
    chosen = set(rules)
    unknown = chosen.difference(ALL_RULES)
    if unknown:
        raise UnknownRuleError(f"unknown rule {sorted(unknown)[0]!r}")
    current = text
    offset_map = OffsetMap.identity(len(text))
    for name in _ORDER:
        if name not in chosen:
            continue
        done = steps.get(name, current) if steps is not None else None
        if done is None:
            done = _RULES[name](current)
            if steps is not None:
                steps.put(name, current, done)
        new_text, replacements = done
        # A length-keeping replacement maps character to character: no group needed.
        groups = [r for r in replacements if len(r[2]) != r[1] - r[0]]
        if groups:
            offset_map = offset_map.then(OffsetMap.from_replacements(len(current), groups))
        current = new_text
    return Normalized(current, offset_map)


def _substitute(
    pattern: re.Pattern[str], text: str, repl: Callable[[re.Match[str]], str]
) -> tuple[str, list[Replacement]]:
    """``pattern.sub`` that also records every replacement that changed the text."""
    replacements: list[Replacement] = []
    for m in textops.matches(pattern, text):
        new = repl(m)
        if new != m.group():
            replacements.append((m.start(), m.end(), new))
    return _applied(text, replacements), replacements


def _applied(text: str, replacements: list[Replacement]) -> str:
    """``text`` with each sorted, disjoint ``(start, end, new)`` of ``replacements`` made."""
    if not replacements:
        return text
    parts: list[str] = []
    last = 0
    for start, end, new in replacements:
        parts.append(text[last:start])
        parts.append(new)
        last = end
    parts.append(text[last:])
    return "".join(parts)


# -- markup -----------------------------------------------------------------

_MARKUP = re.compile(r"\*\*|__|</?(?:b|i|u|em|strong)>", re.IGNORECASE)


def _rule_markup(text: str) -> tuple[str, list[Replacement]]:
    """Drop emphasis marks (``**bold**``, ``__x__``, ``<b>``): they carry no reading."""
    return _substitute(_MARKUP, text, lambda m: "")


# -- width ------------------------------------------------------------------

_WIDTH_TABLE: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update(
    {
        0x3000: " ",  # ideographic space
        0xFF61: "。",  # halfwidth ideographic full stop
        0xFF64: "、",
        0xFF62: "「",
        0xFF63: "」",
        0x201C: '"',  # “
        0x201D: '"',  # ”
        0x201E: '"',
        0x201F: '"',
        0x301D: '"',  # 〝
        0x301E: '"',  # 〞
        0x2033: '"',
        0x2018: "'",  # ‘
        0x2019: "'",  # ’
        0x201A: "'",
        0x201B: "'",
        0x2032: "'",
        0x30FB: "·",  # katakana middle dot
        0x2027: "·",  # hyphenation point, the Taiwan 間隔號
        0x2022: "·",
        0x2015: "—",  # horizontal bar
        0x2500: "—",  # box drawing line, an OCR stand-in for the dash
    }
)
_WIDTH_TRANS = str.maketrans(_WIDTH_TABLE)
_WIDTH_FOLD = textops.CharFold({chr(cp): new for cp, new in _WIDTH_TABLE.items()}, _WIDTH_TRANS)
# The look-ahead lets the scan skip, in C, every position where no branch can start:
# four times faster than trying the six branches at each character.
_ELLIPSIS_OR_DASH = re.compile(r"(?=[….。·—\-])(?:…+|\.{3,}|。{3,}|·{3,}|—{2,}|-{2,})")


_RUNS = ("……", "...", "。。。", "···", "——", "--")
"""What a text must hold for :data:`_ELLIPSIS_OR_DASH` to change it (a lone … is kept):
looked for first, by ``str``'s own search, a tenth of the pattern's scan (13 ms a 1M
text that has none)."""


def fold_width(text: str) -> str:
    """``text`` as the width rule leaves it: ``normalize(text, ("width",)).text``, without
    the offset map (a class compares folded readings thousands of times)."""
    return _rule_width(text)[0]


def _rule_width(text: str) -> tuple[str, list[Replacement]]:
    """Fold full-width forms, quotation marks, ellipses and dashes to one form each."""
    folded = _WIDTH_FOLD(text)
    if not any(run in folded for run in _RUNS):
        return folded, []
    return _substitute(_ELLIPSIS_OR_DASH, folded, lambda m: "—" if m.group()[0] in "—-" else "…")


# -- whitespace ---------------------------------------------------------------

_SPACE_RUN = re.compile(r"\s+")


def _is_latin(ch: str) -> bool:
    """Letters and digits of alphabetic scripts: whitespace between them separates words."""
    return ch.isalnum() and ord(ch) < 0x2E80


def _rule_whitespace(text: str) -> tuple[str, list[Replacement]]:
    """Delete whitespace in and next to CJK text; one space between two Latin words."""
    n = len(text)
    replacements: list[Replacement] = []
    add = replacements.append
    # one pass over the runs, inline: a call per run cost as much as finding them (15,000
    # runs in a 1M-character OCR text)
    for m in textops.matches(_SPACE_RUN, text):
        s, e = m.span()
        if s > 0 and e < n and _is_latin(text[s - 1]) and _is_latin(text[e]):
            if e - s != 1 or text[s] != " ":
                add((s, e, " "))
        else:
            add((s, e, ""))
    return _applied(text, replacements), replacements


# -- script -------------------------------------------------------------------


def _rule_script(text: str) -> tuple[str, list[Replacement]]:
    return fold_traditional(text)


_RULES: dict[str, RuleFunction] = {
    "markup": _rule_markup,
    "width": _rule_width,
    "whitespace": _rule_whitespace,
    "script": _rule_script,
}
