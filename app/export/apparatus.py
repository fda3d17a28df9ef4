"""The apparatus as CSV: one row a divergence, every reading, decision and note, each
cell safe from a spreadsheet's formulas."""

from __future__ import annotations

import csv
import io

from app.classes.checks import CHECK_WITNESS
from app.classes.classify import CLASS_LABELS_ZH
from app.export.data import (
    ExportInput,
    StrPath,
    ordered_loci,
    write_atomic,
)
from app.text.lines import LineIndex

# -- CSV --------------------------------------------------------------------------


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP, "CSV injection")."""


def inert(cell: str) -> str:
    """A cell no spreadsheet evaluates: a ``'`` in front of one that starts like a formula.

    A cell already starting with ``'`` gets one too, so the rule can be undone
    exactly: drop one leading ``'`` from every cell that has one
    (docs/faults.md).
    """
    return "'" + cell if cell.startswith((*FORMULA_STARTS, "'")) else cell


def write_csv(data: ExportInput, path: StrPath) -> None:
    """One row per locus, in UTF-8 with a BOM: without it Excel reads Chinese as mojibake.

    ``#`` numbers the loci in source order as the window's table and the report
    do (it changes when a re-collation adds or drops one); ``id`` is the
    locus's permanent id, the one ``jiaokan decide`` takes.
    A ``reading:<id>`` cell is empty both where the witness agrees and where
    it omits the passage; the ``kind:<id>`` columns (empty where the witness
    agrees) tell the two apart.  The column ``within`` is the id of the
    locus this one lies inside (another copy's longer divergence), if any;
    the last two, ``check`` and ``reason``, hold what a check of the source
    alone proposes there and why (empty where no check found anything).
    Text cells go through :func:`inert`, so that a reading such as
    ``=HYPERLINK(...)`` stays text.
    """
    ids = [w.id for w in data.witnesses]
    lines = LineIndex(data.source_text)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    head = ["#", "id", "start", "end", "line", "column", "kind", "class", "source"]
    tail = ["status", "witness", "chosen", "note", "decided_at"]
    titles = head + [f"reading:{w}" for w in ids] + tail + [f"kind:{w}" for w in ids]
    # the source checks' proposed fix and its reason: the last two columns
    writer.writerow([inert(c) for c in [*titles, "within", "check", "reason"]])
    for n, locus in enumerate(ordered_loci(data), 1):
        d = locus.decision
        where = [n, locus.id, locus.start, locus.end, *lines.line_col(locus.start)]
        readings = [locus.readings.get(w, "") for w in ids]
        chosen = "" if d.reading is None else d.reading
        decision = [d.status, d.witness or "", chosen, d.note, d.decided_at]
        kinds = [locus.kinds.get(w, locus.kind) if w in locus.readings else "" for w in ids]
        cls = CLASS_LABELS_ZH.get(locus.cls, locus.cls)  # an editor's term, as the window's
        row = [*where, locus.kind, cls, locus.source_text, *readings, *decision, *kinds]
        row.append("" if locus.within is None else locus.within)
        row += [locus.readings.get(CHECK_WITNESS, ""), locus.message]
        writer.writerow([inert(c) if isinstance(c, str) else c for c in row])
    write_atomic(path, out.getvalue().encode("utf-8-sig", "backslashreplace"), data)
