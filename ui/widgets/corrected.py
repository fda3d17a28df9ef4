"""The corrected text as the proofreader has decided it so far, with its changes marked.

Built from the same pieces as the exported text (app.project.export), so the tab
shows exactly what File ▸ Export will write: line endings of the source,
every insertion at a point in its order.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.project.export import ExportInput, corrected_segments
from ui.widgets.panes import Span


def corrected_view(data: ExportInput, row_of: Mapping[int, int]) -> tuple[str, list[Span]]:
    """The corrected text, and a span per locus whose decided reading changed the source.

    Spans carry the locus row (``row_of`` maps locus ids to rows), so clicking
    a change selects its locus; their kind is ``decided`` so the pane colours
    them apart from divergences still open.
    """
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for _, locus, piece in corrected_segments(data):
        if locus is not None and locus.decision.reading is not None and piece != locus.source_text:
            spans.append(Span(pos, pos + len(piece), "decided", row_of[locus.id]))
        parts.append(piece)
        pos += len(piece)
    return "".join(parts), spans
