"""The source checked on its own, as loci: errors every copy shares escape collation.

Each finding of :mod:`app.classes.checks` becomes a locus whose witness ``check``
reads the proposed fix, so the proofreader accepts or rejects it like any
other reading.  A finding inside a divergence joins that locus (its fix
widened to the locus's span); one that straddles a divergence's edge is left
out rather than make two loci overlap, since every locus must be decidable
on its own.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from app.classes.checks import CHECK_WITNESS, Finding
from app.collation.loci import Locus, touches


def add_findings(source: str, loci: Sequence[Locus], findings: Sequence[Finding]) -> list[Locus]:
    """``loci`` with every finding merged in or added, sorted, none overlapping."""
    out = list(loci)
    starts = [loc.start for loc in out]
    extra: list[Locus] = []
    for f in findings:
        k = bisect_right(starts, f.start) - 1
        candidates = [i for i in (k - 1, k, k + 1) if 0 <= i < len(out)]
        host = next((i for i in candidates if _within(f, out[i])), None)
        if host is not None:
            loc = out[host]
            if CHECK_WITNESS in loc.readings:
                continue
            fix = source[loc.start : f.start] + f.fix + source[f.end : loc.end]
            out[host] = replace(
                loc,
                readings={**loc.readings, CHECK_WITNESS: fix},
                kinds={**loc.kinds, CHECK_WITNESS: "check"},
                classes={**loc.classes, CHECK_WITNESS: f.cls},
                message=f.message,
            )
            continue
        if any(touches(out[i].start, out[i].end, f.start, f.end) for i in candidates):
            continue
        extra.append(
            Locus(
                start=f.start,
                end=f.end,
                source_text=source[f.start : f.end],
                readings={CHECK_WITNESS: f.fix},
                kind="check",
                kinds={CHECK_WITNESS: "check"},
                classes={CHECK_WITNESS: f.cls},
                message=f.message,
            )
        )
    merged = out + extra
    merged.sort(key=lambda loc: (loc.start, loc.end != loc.start, loc.end))
    return merged


def _within(f: Finding, loc: Locus) -> bool:
    if loc.start == loc.end:
        return f.start == f.end == loc.start
    return loc.start <= f.start and f.end <= loc.end
