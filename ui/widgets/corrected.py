"""The corrected text as the proofreader has decided it so far, with its changes marked.

Built from the same pieces as the exported text (app.export.text), so the tab
shows exactly what File ▸ Export will write: line endings of the source,
every insertion at a point in its order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.export.data import ExportInput
from app.export.text import corrected_segments
from ui.widgets.panes import Span


@dataclass(frozen=True)
class CorrectedView:
    text: str
    spans: list[Span] = field(default_factory=list)
    """A span per locus whose decided reading changed the source (kind ``decided``)."""
    places: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Where every locus (by id) stands in the corrected text, decided or not."""


def corrected_view(data: ExportInput, row_of: Mapping[int, int]) -> CorrectedView:
    """The corrected text, its changed spans, and the place of every locus in it.

    Spans carry the locus row (``row_of`` maps locus ids to rows), so clicking
    a change selects its locus; their kind is ``decided`` so the pane colours
    them apart from divergences still open.  The places let the tab follow
    the current divergence.
    """
    parts: list[str] = []
    spans: list[Span] = []
    places: dict[int, tuple[int, int]] = {}
    pos = 0
    for _, locus, piece in corrected_segments(data):
        if locus is not None:
            places[locus.id] = (pos, pos + len(piece))
            if locus.decision.reading is not None and piece != locus.source_text:
                spans.append(Span(pos, pos + len(piece), "decided", row_of[locus.id]))
        parts.append(piece)
        pos += len(piece)
    return CorrectedView("".join(parts), spans, places)
