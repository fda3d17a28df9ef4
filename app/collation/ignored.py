"""The differences the active rules hide, listed on demand with their class.

A proofreader who ignores punctuation width still wants to review, now and
then, what was ignored.  Collating again with every rule off finds every
difference; those that meet no locus of the ruled collation are the ignored
ones, provided the rules really fold them: every reading there must normalize
to what the source normalizes to.  An exact comparison aligns differently in
places, and a difference it finds that the rules do not fold (a whole
paragraph, a comma with the words after it) is a real one the ruled collation
shows elsewhere, never an ignored one.  They are for review, not decision:
the corrected text follows the rules the proofreader chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.cancel import CancelCheck
from app.collation.collate import collate
from app.collation.loci import Collation, Locus, touches
from app.text.normalize import normalize


def ignored_loci(
    collation: Collation, witnesses: Sequence[tuple[str, str]], cancel: CancelCheck | None = None
) -> list[Locus]:
    """Loci of an exact comparison that the rules of ``collation`` hid."""
    if not collation.rules:
        return []
    exact = collate(collation.source, witnesses, (), cancel=cancel)
    spans = [(loc.start, loc.end) for loc in collation.loci]
    rules = collation.rules

    def folded(text: str) -> str:
        return normalize(text, rules).text

    out = []
    k = 0
    for loc in exact.loci:
        while k < len(spans) and spans[k][1] < loc.start:
            k += 1
        if any(touches(s, e, loc.start, loc.end) for s, e in spans[max(0, k - 1) : k + 2]):
            continue
        source = folded(loc.source_text)
        if all(folded(reading) == source for reading in loc.readings.values()):
            out.append(loc)
    return out


def ignored_collation(
    source: str, witnesses: list[tuple[str, str]], rules: tuple[str, ...], **kwargs: Any
) -> Collation:
    """A collate function for the worker: the loci that ``rules`` hide, as a collation."""
    cancel = kwargs.get("cancel")
    ruled = collate(source, witnesses, rules, cancel=cancel)
    hidden = ignored_loci(ruled, witnesses, cancel)
    return Collation(source, tuple(w for w, _ in witnesses), (), tuple(hidden))
