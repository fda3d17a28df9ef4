"""Which of one witness's divergences are the two halves of one pair of marks.

A copy that puts a date in brackets, drops a pair of quotation marks or
writes 《》 for “” changes two marks far apart: two divergences to a diff,
one fix to an editor, and accepting one half alone leaves the text with
``(2020年2月23日）``.  Two divergences are one pair when each changes
exactly one mark, the first an opening and the second its closing partner,
and they change them the same way: both added, both dropped, or both
written as the other marks of one pair (“” → 《》).  The partner is found by
matching marks within the paragraph, in the text that has them: the copy
for marks it added, the source for marks it dropped or replaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

OPENING = "（“‘《〈【〔［「『(["
CLOSING = "）”’》〉】〕］」』)]"
PARTNER = dict(zip(OPENING, CLOSING, strict=True))


class Change(NamedTuple):
    """One divergence: ``source[start:end]`` reads ``reading`` at ``span`` of the witness."""

    start: int
    end: int
    reading: str
    span: tuple[int, int]


def pairs(source: str, text: str, changes: Sequence[Change]) -> list[tuple[int, int]]:
    """The pairs among ``changes`` (of one witness ``text`` against ``source``), as indexes."""
    by_source = {(c.start, c.end): k for k, c in enumerate(changes)}
    by_witness = {c.span: k for k, c in enumerate(changes)}
    out: list[tuple[int, int]] = []
    taken: set[int] = set()
    for k, change in enumerate(changes):
        old, new = source[change.start : change.end], change.reading
        if k in taken or not _opening(old, new):
            continue
        # the closing partner: in the copy when the copy has the mark, else in the source
        if new:
            at = _partner(text, change.span[0])
            other = by_witness.get((at, at + 1)) if at is not None else None
        else:
            at = _partner(source, change.start)
            other = by_source.get((at, at + 1)) if at is not None else None
        if other is None or other in taken:
            continue
        closing = changes[other]
        if (source[closing.start : closing.end], closing.reading) == (
            PARTNER.get(old, ""),
            PARTNER.get(new, ""),
        ):
            out.append((k, other))
            taken.update((k, other))
    return out


def _opening(old: str, new: str) -> bool:
    """Whether a change of ``old`` into ``new`` adds, drops or replaces one opening mark."""
    if len(old) > 1 or len(new) > 1 or old == new:
        return False
    return all(not side or side in PARTNER for side in (old, new))


def _partner(text: str, at: int) -> int | None:
    """Where the mark opened at ``text[at]`` closes, within its paragraph (None: nowhere)."""
    opening = text[at : at + 1]
    closing = PARTNER.get(opening)
    if closing is None:
        return None
    depth = 0
    for k in range(at, len(text)):
        c = text[k]
        if c == "\n":
            return None
        if c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth == 0:
                return k
    return None
