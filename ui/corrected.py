"""The corrected text as the proofreader has decided it so far, with its changes marked.

Plain Python: the window shows the result in a pane, the tests check it.
"""

from __future__ import annotations

from collections.abc import Callable

from app.collate import Collation
from app.decisions import Decision
from ui.panes import Span


def corrected_view(
    collation: Collation, decision_of_row: Callable[[int], Decision]
) -> tuple[str, list[Span]]:
    """The source with every decided reading applied, and a span per changed locus.

    Spans carry the locus row, so clicking a change selects its locus; their
    kind is ``decided`` (a reading that differs from the source) so the pane
    colours them apart from divergences still open.
    """
    parts: list[str] = []
    spans: list[Span] = []
    last = pos = 0
    source = collation.source
    for row, locus in enumerate(collation.loci):
        decision = decision_of_row(row)
        if decision.reading is None or decision.reading == locus.source_text:
            continue
        if locus.start < last:
            continue  # two insertion loci at one point: the first one decided wins
        parts.append(source[last : locus.start])
        pos += locus.start - last
        parts.append(decision.reading)
        spans.append(Span(pos, pos + len(decision.reading), "decided", row))
        pos += len(decision.reading)
        last = locus.end
    parts.append(source[last:])
    return "".join(parts), spans
