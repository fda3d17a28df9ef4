"""Collation: a source and its witnesses become one list of loci a proofreader decides.

Each witness is normalized and aligned to the normalized source on its own;
its differences become *regions* (normalized coordinates), which are cleaned
up into the units an editor thinks in (a swap is one transposition, a
doubled character one duplication, a moved sentence a pair of moves), and
widened where an edge would cut a normalization group.  The regions of all
witnesses are then merged into loci over the source: overlapping readings
of different witnesses are one locus, since a proofreader decides a place
in the source once, choosing among all the readings there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

from app.cancel import CancelCheck, poll
from app.classes.classify import classify
from app.collation.agreement import agreement
from app.collation.align import align
from app.collation.loci import Collation, Locus, Region, WitnessAlignment, touches
from app.collation.regions import regions_of
from app.text.normalize import ALL_RULES, Normalized, normalize
from app.text.offsets import OffsetMap

__all__ = ["Collation", "Locus", "WitnessAlignment", "collate"]

ProgressCallback = Callable[[float], None]

_CONTEXT = 30
"""Characters of source on each side that classification sees (sentence or paragraph?)."""


def collate(
    source: str,
    witnesses: Sequence[tuple[str, str]],
    rules: Iterable[str] = ALL_RULES,
    *,
    cancel: CancelCheck | None = None,
    progress: ProgressCallback | None = None,
    checks: bool = False,
) -> Collation:
    """Collate ``witnesses`` (``(id, text)`` pairs) against ``source`` under ``rules``.

    ``cancel`` is polled inside the long loops; when it returns true,
    :class:`Cancelled` is raised.  ``progress`` receives a fraction in [0, 1].
    With ``checks``, the source is also checked on its own (app.classes.checks) and
    each finding becomes a locus read by the witness ``check``.
    """
    rule_names = tuple(r for r in ALL_RULES if r in set(rules))
    ids = [w for w, _ in witnesses]
    if len(set(ids)) != len(ids):
        raise ValueError("witness ids must be unique")
    total = len(witnesses) + 1
    norm_source = normalize(source, rule_names)
    _report(progress, 1 / (2 * total))
    per_witness: list[tuple[str, str, Normalized, list[Region]]] = []
    move_counter = [0]
    for index, (wid, text) in enumerate(witnesses):
        poll(cancel)
        norm = normalize(text, rule_names)
        poll(cancel)
        alignment = align(norm_source.text, norm.text, cancel)
        regions = regions_of(alignment, norm_source, norm, move_counter, source)
        per_witness.append((wid, text, norm, regions))
        _report(progress, (index + 1.5) / total)
    loci = _merge(source, norm_source.map, per_witness)
    if checks:
        from app.classes.checks import check_text
        from app.collation.findings import add_findings

        loci = add_findings(source, loci, check_text(source, cancel=cancel))
    if len(ids) >= 2:
        loci = with_agreement(loci, ids, rule_names)
    alignments = {
        wid: WitnessAlignment(wid, norm_source.map, norm.map, tuple(regions))
        for wid, _, norm, regions in per_witness
    }
    _report(progress, 1.0)
    return Collation(source, tuple(ids), rule_names, tuple(loci), alignments)


def realign(
    source: str,
    witnesses: Sequence[tuple[str, str]],
    rules: Iterable[str],
    regions: Mapping[str, Sequence[Region]],
    *,
    cancel: CancelCheck | None = None,
    progress: ProgressCallback | None = None,
) -> Collation:
    """The alignments of a collation made before, from its stored regions: no loci.

    Normalizing is all it takes (the regions are in normalized coordinates),
    so a project opens with its panes in step without aligning anything again.
    """
    rule_names = tuple(r for r in ALL_RULES if r in set(rules))
    norm_source = normalize(source, rule_names)
    alignments: dict[str, WitnessAlignment] = {}
    for index, (wid, text) in enumerate(witnesses):
        poll(cancel)
        norm = normalize(text, rule_names)
        alignments[wid] = WitnessAlignment(wid, norm_source.map, norm.map, tuple(regions[wid]))
        _report(progress, (index + 1) / max(1, len(witnesses)))
    return Collation(source, tuple(w for w, _ in witnesses), rule_names, (), alignments)


def _report(progress: ProgressCallback | None, value: float) -> None:
    if progress is not None:
        progress(min(1.0, value))


def with_agreement(
    loci: Sequence[Locus], ids: Sequence[str], rules: tuple[str, ...]
) -> list[Locus]:
    """The loci with the copies' vote at each (readings compared under ``rules``)."""

    def key(text: str) -> str:
        return normalize(text, rules).text

    return [
        replace(loc, agreement=agreement(loc.source_text, loc.readings, ids, key)) for loc in loci
    ]


def _merge(
    source: str,
    source_map: OffsetMap,
    per_witness: list[tuple[str, str, Normalized, list[Region]]],
) -> list[Locus]:
    events = sorted(
        (r.a_start, r.a_end, w, k, r)
        for w, item in enumerate(per_witness)
        for k, r in enumerate(item[3])
    )
    clusters: list[tuple[int, int, list[tuple[int, Region]]]] = []
    for s, e, w, _, r in events:
        if clusters:
            cs, ce, members = clusters[-1]
            # two regions of one witness that only touch stay apart (a move
            # arriving next to an insertion keeps its own locus)
            overlap = s < ce and cs < e
            own_touch = any(mw == w for mw, _r in members)
            if overlap or (touches(cs, ce, s, e) and not own_touch):
                clusters[-1] = (cs, max(ce, e), [*members, (w, r)])
                continue
        clusters.append((s, e, [(w, r)]))
    loci: list[Locus] = []
    for cs, ce, members in clusters:
        start, end = source_map.span(cs, ce)
        readings: dict[str, str] = {}
        kinds: dict[str, str] = {}
        spans: dict[str, tuple[int, int]] = {}
        move_id: int | None = None
        for w, (wid, text, norm, _) in enumerate(per_witness):
            own = [r for mw, r in members if mw == w]
            if not own:
                continue
            vs = own[0].b_start - (own[0].a_start - cs)
            ve = own[-1].b_end + (ce - own[-1].a_end)
            o_s, o_e = norm.map.span(vs, ve)
            readings[wid] = text[o_s:o_e]
            spans[wid] = (o_s, o_e)
            own_kinds = {r.kind for r in own}
            kinds[wid] = own[0].kind if len(own_kinds) == 1 else "substitution"
            if move_id is None:
                move_id = next((r.move_id for r in own if r.move_id is not None), None)
        first = next(iter(kinds.values()))
        text = source[start:end]
        before, after = source[max(0, start - _CONTEXT) : start], source[end : end + _CONTEXT]
        classes = {w: classify(text, r, kinds[w], before, after) for w, r in readings.items()}
        loci.append(
            Locus(start, end, text, readings, first, kinds, move_id, spans, classes=classes)
        )
    return loci
