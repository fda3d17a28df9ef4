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
from dataclasses import dataclass, replace

from app.cancel import CancelCheck, poll
from app.classes.classify import classify
from app.collation.agreement import agreement
from app.collation.align import align
from app.collation.loci import (
    Collation,
    Locus,
    Region,
    WitnessAlignment,
    encloses,
    nest,
    overlapping,
)
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
        regions = regions_of(alignment, norm_source, norm, move_counter)
        per_witness.append((wid, text, norm, regions))
        _report(progress, (index + 1.5) / total)
    loci = _merge(source, norm_source.map, per_witness)
    if checks:
        from app.classes.checks import check_text
        from app.collation.findings import add_findings

        loci = add_findings(source, loci, check_text(source, cancel=cancel))
    loci = nest(loci)
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
    """The loci with the copies' vote at each (readings compared under ``rules``).

    A witness whose own locus encloses this one or overlaps its edge (it
    lacks the paragraph around it) abstains here; one whose own divergences
    lie inside this locus votes for the source here, as it reads this
    stretch apart from those smaller places, which are decided on their own.
    """

    def key(text: str) -> str:
        return normalize(text, rules).text

    crossing = overlapping(loci)
    out = []
    for loc, others in zip(loci, crossing, strict=True):
        abstain = {
            w
            for j in others
            if not encloses(loc, loci[j])
            for w in loci[j].readings
            if w not in loc.readings
        }
        vote = agreement(loc.source_text, loc.readings, ids, key, abstain)
        out.append(replace(loc, agreement=vote))
    return out


def _merge(
    source: str,
    source_map: OffsetMap,
    per_witness: list[tuple[str, str, Normalized, list[Region]]],
) -> list[Locus]:
    """The loci: each witness's own divergences, grouped only where they stand at the same place.

    A witness's overlapping regions become one divergence of its own, exactly
    as if it had been collated alone.  Divergences of different witnesses
    are one locus only when their source spans are identical (the same
    source text, or the same insertion point): never by a chain of overlaps,
    so one copy's lacking paragraph cannot swallow another's one-character
    fix, which stays a locus of its own nested inside (:func:`nest`).
    """
    groups: dict[tuple[int, int], list[dict[int, _Own]]] = {}
    for w, item in enumerate(per_witness):
        for own in _own_divergences(source_map, item):
            slots = groups.setdefault((own.start, own.end), [])
            slot = next((g for g in slots if w not in g), None)
            if slot is None:
                slots.append({w: own})
            else:
                slot[w] = own
    loci: list[Locus] = []
    for (start, end), slots in groups.items():
        text = source[start:end]
        before, after = source[max(0, start - _CONTEXT) : start], source[end : end + _CONTEXT]
        for slot in slots:
            members = [(per_witness[w][0], slot[w]) for w in sorted(slot)]
            readings = {wid: own.reading for wid, own in members}
            kinds = {wid: own.kind for wid, own in members}
            spans = {wid: own.span for wid, own in members}
            move_id = next((own.move_id for _, own in members if own.move_id is not None), None)
            classes = {w: classify(text, r, kinds[w], before, after) for w, r in readings.items()}
            first = next(iter(kinds.values()))
            loci.append(
                Locus(start, end, text, readings, first, kinds, move_id, spans, classes=classes)
            )
    loci.sort(key=lambda loc: (loc.start, loc.end != loc.start, loc.end))
    return loci


@dataclass(frozen=True)
class _Own:
    """One witness's divergence in original coordinates, before grouping."""

    start: int
    end: int
    reading: str
    span: tuple[int, int]
    kind: str
    move_id: int | None


def _own_divergences(
    source_map: OffsetMap, item: tuple[str, str, Normalized, list[Region]]
) -> list[_Own]:
    """One witness's divergences: its overlapping regions joined (touching ones stay apart)."""
    _wid, text, norm, regions = item
    clusters: list[tuple[int, int, list[Region]]] = []
    for r in sorted(regions, key=lambda r: (r.a_start, r.a_end, r.b_start, r.b_end)):
        if clusters:
            cs, ce, members = clusters[-1]
            if r.a_start < ce and cs < r.a_end:
                clusters[-1] = (cs, max(ce, r.a_end), [*members, r])
                continue
        clusters.append((r.a_start, r.a_end, [r]))
    out: list[_Own] = []
    for cs, ce, own in clusters:
        start, end = source_map.span(cs, ce)
        vs = own[0].b_start - (own[0].a_start - cs)
        ve = own[-1].b_end + (ce - own[-1].a_end)
        o_s, o_e = norm.map.span(vs, ve)
        kinds = {r.kind for r in own}
        kind = own[0].kind if len(kinds) == 1 else "substitution"
        move_id = next((r.move_id for r in own if r.move_id is not None), None)
        out.append(_Own(start, end, text[o_s:o_e], (o_s, o_e), kind, move_id))
    return out
