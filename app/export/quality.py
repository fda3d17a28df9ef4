"""A project's error rate (差错率): its decided corrections counted by app.classes.errorrate.

Every decided locus whose reading differs from the source is a correction of
the source; its class is the one of the witness whose reading was accepted,
or, for the proofreader's own reading, the class that reading has against
the source.  It reads what an export reads (``ExportInput``, typed here by
the little it uses, so that the report can count without a cycle).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from app.classes.classify import classify
from app.classes.errorrate import Correction, ErrorRate, error_rate
from app.collation.loci import Locus
from app.store.decisions import Decision


class _Decided(Protocol):
    @property
    def locus(self) -> Locus: ...
    @property
    def decision(self) -> Decision: ...


class _Project(Protocol):
    @property
    def source_text(self) -> str: ...
    @property
    def loci(self) -> Sequence[_Decided]: ...


def corrections(data: _Project) -> list[Correction]:
    out = []
    for item in data.loci:
        locus, reading = item.locus, item.decision.reading
        if not item.decision.decided or reading is None or reading == locus.source_text:
            continue
        cls = _class(data.source_text, locus, item.decision, reading)
        out.append(Correction(locus.id, locus.start, locus.end, locus.source_text, reading, cls))
    return out


def _class(source: str, locus: Locus, decision: Decision, reading: str) -> str:
    witness = decision.witness
    if witness is not None and locus.readings.get(witness) == reading:
        known = locus.classes.get(witness)
        if known:
            return known
    kind = "deletion" if not reading else "insertion" if not locus.source_text else "substitution"
    before = source[max(0, locus.start - 30) : locus.start]
    after = source[locus.end : locus.end + 30]
    return classify(locus.source_text, reading, kind, before, after)


def project_error_rate(data: _Project) -> ErrorRate:
    """The error rate of the source under the project's decisions."""
    return error_rate(data.source_text, corrections(data))


@dataclass(frozen=True)
class _Pair:
    locus: Locus
    decision: Decision


@dataclass(frozen=True)
class _Decisions:
    source_text: str
    loci: Sequence[_Pair]


def decisions_error_rate(source: str, decided: Iterable[tuple[Locus, Decision]]) -> ErrorRate:
    """The same from loci and their decisions as a session holds them (the window's status)."""
    return project_error_rate(_Decisions(source, [_Pair(loc, d) for loc, d in decided]))
