"""A project's error rate (差错率): its decided corrections counted by app.classes.errorrate.

Every decided locus whose reading differs from the source is a correction of
the source; its class is the one of the witness whose reading was accepted,
or, for the proofreader's own reading, the class that reading has against
the source.
"""

from __future__ import annotations

from app.classes.classify import classify
from app.classes.errorrate import Correction, ErrorRate, error_rate
from app.project.export import ExportInput, ExportLocus


def corrections(data: ExportInput) -> list[Correction]:
    out = []
    for item in data.loci:
        reading = item.decision.reading
        if not item.decision.decided or reading is None or reading == item.source_text:
            continue
        out.append(
            Correction(item.id, item.start, item.end, item.source_text, reading, _class(data, item))
        )
    return out


def _class(data: ExportInput, item: ExportLocus) -> str:
    witness = item.decision.witness
    if witness is not None and item.locus.readings.get(witness) == item.decision.reading:
        known = item.locus.classes.get(witness)
        if known:
            return known
    reading = item.decision.reading or ""
    kind = "deletion" if not reading else "insertion" if not item.source_text else "substitution"
    before = data.source_text[max(0, item.start - 30) : item.start]
    after = data.source_text[item.end : item.end + 30]
    return classify(item.source_text, reading, kind, before, after)


def project_error_rate(data: ExportInput) -> ErrorRate:
    """The error rate of the source under the project's decisions."""
    return error_rate(data.source_text, corrections(data))
