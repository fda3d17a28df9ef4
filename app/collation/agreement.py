"""Which reading most copies share: the suggestion at a locus, and lone source errors.

With two or more variants, the copies vote: the source counts as one
witness, and a witness that agrees with the source at a locus votes for the
source's reading.  A witness that diverges over the place in a locus of its
own (it lacks the whole paragraph around a one-character locus) abstains:
it does not read the source's text there, so it backs neither reading.
Readings are compared after normalization with the
active rules, so `,` and `，` vote together; the suggestion shows the form
the majority of its supporters wrote.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

SOURCE = "\x00source"
"""The source's own vote, under a key no witness id can take."""


@dataclass(frozen=True)
class Agreement:
    """How the copies vote at one locus."""

    reading: str
    """The reading most copies share (original text of one of its supporters)."""
    support: int
    total: int
    supporters: tuple[str, ...]
    """Witness ids that read it; the source is named ``""`` when it is among them."""
    source_support: int

    @property
    def majority(self) -> bool:
        return 2 * self.support > self.total

    @property
    def likely_source_error(self) -> bool:
        """The source stands alone against a reading that two or more witnesses share."""
        return self.source_support == 1 and self.support >= 2 and "" not in self.supporters

    def to_json(self) -> dict[str, object]:
        return {
            "reading": self.reading,
            "agree": self.support,
            "of": self.total,
            "witnesses": [w for w in self.supporters if w],
            "source_agrees": "" in self.supporters,
        }


def agreement(
    source_text: str,
    readings: dict[str, str],
    witness_ids: Sequence[str],
    key: Callable[[str], str],
    abstain: Collection[str] = (),
) -> Agreement | None:
    """The copies' vote at a locus, or None with fewer than two variants to vote.

    The witnesses in ``abstain`` (diverging over this place in a locus of
    their own) do not vote; ``total`` counts only those who do.
    """
    if len(witness_ids) < 2:
        return None
    votes: dict[str, str] = {SOURCE: source_text}
    for wid in witness_ids:
        if wid in readings or wid not in abstain:
            votes[wid] = readings.get(wid, source_text)
    keyed = {voter: key(text) for voter, text in votes.items()}
    counts = Counter(keyed.values())
    source_key = keyed[SOURCE]
    # most votes; on a tie the source's reading wins (no reason to change it)
    best = max(counts, key=lambda k: (counts[k], k == source_key))
    supporters = tuple("" if v == SOURCE else v for v, k in keyed.items() if k == best)
    forms = Counter(votes[v] for v, k in keyed.items() if k == best)
    return Agreement(
        forms.most_common(1)[0][0],
        counts[best],
        len(votes),
        supporters,
        counts[source_key],
    )
