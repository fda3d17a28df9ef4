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

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from app.cancel import CancelCheck, poll
from app.classes.classify import classify
from app.collation import reuse
from app.collation.agreement import Agreement, agreement
from app.collation.align import Sentences, align, sentences
from app.collation.loci import (
    Collation,
    Locus,
    Region,
    WitnessAlignment,
    encloses,
    evolve,
    nest,
    overlapping,
)
from app.collation.pairs import Change, pairs
from app.collation.regions import moved_edits, regions_of
from app.text.normalize import ALL_RULES, Normalized, normalize
from app.text.offsets import Group, OffsetMap

if TYPE_CHECKING:
    from app.classes.checks import Finding
    from app.classes.wordlists import WordLists

__all__ = ["Collation", "Locus", "WitnessAlignment", "collate"]

ProgressCallback = Callable[[float], None]


_CONTEXT = 30
"""Characters of source on each side that classification sees (sentence or paragraph?)."""

_POLL_EVERY = 1024
"""Divergences classified between two looks at the cancel check: a look-ahead waits there
while the proofreader acts (app.session.ahead), so it is looked at every few milliseconds."""


def collate(
    source: str,
    witnesses: Sequence[tuple[str, str]],
    rules: Iterable[str] = ALL_RULES,
    *,
    cancel: CancelCheck | None = None,
    progress: ProgressCallback | None = None,
    checks: bool = False,
    processes: int | None = None,
    lists: WordLists | None = None,
) -> Collation:
    """Collate ``witnesses`` (``(id, text)`` pairs) against ``source`` under ``rules``.

    ``cancel`` is polled inside the long loops; when it returns true,
    :class:`Cancelled` is raised.  ``progress`` receives a fraction in [0, 1].
    With ``checks``, the source is also checked on its own (app.classes.checks) and
    each finding becomes a locus read by the witness ``check``; a text alone is spelled with
    ``lists`` (default: the shipped and the user's, read now).

    Each witness is aligned and its divergences found on their own, so
    several witnesses of a large text are shared out between this process
    and worker processes, one process per core (:mod:`app.collation.parallel`);
    ``processes`` overrides how many, this one included (0 or 1: all in this
    process), by default as many as pay off.  In processes, the source's checks run
    as jobs of their own beside the witnesses (in two parts: app.classes.checks.PARTS),
    not after them.  The result is the same either way.
    """
    rule_names = tuple(r for r in ALL_RULES if r in set(rules))
    ids = [w for w, _ in witnesses]
    if len(set(ids)) != len(ids):
        raise ValueError("witness ids must be unique")
    texts = [text for _, text in witnesses]
    keys = len(witnesses) >= 2
    # in processes, the source's checks (unless kept from before) run beside the witnesses
    to_check = checks and bool(ids) and reuse.kept_checks(source) is None
    if processes is None:
        processes = _worker_count(source, texts, _checks_seconds(source) if to_check else 0.0)
    in_parallel = processes >= 2 and len(witnesses) >= 2
    check_beside = in_parallel and to_check
    total = len(witnesses) + 1 + (_check_parts() if check_beside else 0)
    done = [0]
    prepared: list[_Source] = []

    steps = reuse.steps()

    def prepare() -> _Source:
        """The normalized source and its sentences, which every witness is aligned against."""
        norm = normalize(source, rule_names, steps=steps)
        prepared.append(_Source(norm, len(witnesses) >= 2))
        _report(progress, 1 / (2 * total))
        return prepared[0]

    def finished_one() -> None:
        done[0] += 1
        _report(progress, (done[0] + 0.5) / total)

    findings: list[Finding] | None = None
    if in_parallel:
        # the workers start on their witnesses while this process normalizes the source
        from app.collation.parallel import SECONDS_PER_CHAR, in_processes

        _send_maps_compactly()
        jobs: list[tuple[str, tuple[Any, ...]]] = [
            ("witness", (source, rule_names, text, keys)) for text in texts
        ]
        costs = [(len(source) + len(text)) * SECONDS_PER_CHAR for text in texts]
        here: list[int] = []
        if check_beside:
            from app.classes.checks import PART_NEEDS_WORDS, PART_SECONDS_PER_CHAR

            for part, words in enumerate(PART_NEEDS_WORDS):
                if words:  # jieba's tables are in this process only
                    here.append(len(jobs))
                jobs.append(("checks", (source, part)))
                costs.append(len(source) * PART_SECONDS_PER_CHAR[part])
        results = in_processes(
            _lane_task, jobs, processes, cancel, finished_one, costs=costs, shared=prepare,
            here=here,
        )  # fmt: skip
        found = results[: len(texts)]
        if check_beside:
            from app.classes.checks import combine

            findings = reuse.keep_checks(source, combine(results[len(texts) :]))
        norm_source = prepared[0].norm
    else:
        norm_source, source_sentences = prepare().parts()
        found = []
        for text in texts:
            poll(cancel)
            norm = normalize(text, rule_names, steps=steps)
            # what this witness's divergences are a function of (reuse.witness)
            key = (source, norm_source.text, norm_source.map, text, norm.text, norm.map, keys)
            work = partial(
                witness_divergences,
                source, norm_source, rule_names, text, keys, cancel, source_sentences, norm,
            )  # fmt: skip
            found.append(reuse.witness((*key, rule_names if keys else None), work))
            finished_one()
    found = _numbered_moves(found)
    poll(cancel)
    loci = _merge(source, [(wid, w.owns) for wid, w in zip(ids, found, strict=True)])
    poll(cancel)
    if checks:
        from app.collation.findings import add_findings

        if findings is None:  # (else found beside the witnesses, in processes)
            findings = _checked(source, bool(ids), cancel, lists)
        loci = add_findings(source, loci, findings)
    poll(cancel)
    crossing = overlapping(loci)
    loci = nest(loci, crossing)
    poll(cancel)
    if len(ids) >= 2:
        known = {k: v for w in found for k, v in w.keys.items()}
        loci = with_agreement(loci, ids, rule_names, known, crossing=crossing)
    alignments = {
        wid: WitnessAlignment(wid, norm_source.map, w.witness_map, tuple(w.regions))
        for wid, w in zip(ids, found, strict=True)
    }
    _report(progress, 1.0)
    return Collation(source, tuple(ids), rule_names, tuple(loci), alignments)


@dataclass(frozen=True)
class Witnessed:
    """One witness collated on its own: what the merge and the panes need of it.

    Small enough to come back from a worker process: no texts, only the
    regions, the divergences, the witness's offset map and the normalized
    form of each reading and source text (the vote compares those).
    """

    regions: list[Region]
    moves: int
    """How many moves its regions number (from 1); renumbered after all witnesses."""
    owns: list[_Own]
    witness_map: OffsetMap
    keys: dict[str, str]
    pairs: int = 0
    """How many pairs of marks its divergences number (from 1); renumbered like moves."""


def witness_divergences(
    source: str,
    norm_source: Normalized,
    rules: tuple[str, ...],
    text: str,
    keys: bool,
    cancel: CancelCheck | None,
    source_sentences: Sentences | None = None,
    norm: Normalized | None = None,
) -> Witnessed:
    """Align one witness and find its own divergences, as if it were collated alone.

    Runs in this process or in a worker process (the same code either way).
    With ``keys``, also the normalized form of every reading and source text
    at its divergences, so the vote needs no normalizing later.
    ``source_sentences`` are those of the normalized source, found once for
    all witnesses; ``norm`` is the witness normalized, where the caller has it.
    """
    if norm is None:
        poll(cancel)
        norm = normalize(text, rules)
    poll(cancel)
    alignment = align(norm_source.text, norm.text, cancel, source_sentences)
    counter = [0]
    poll(cancel)
    regions = regions_of(alignment, norm_source, norm, counter, source)
    poll(cancel)
    inner = moved_edits(regions, norm_source, norm)
    poll(cancel)
    owns = _own_divergences(source, norm_source.map, text, norm, regions, inner, cancel)
    known: dict[str, str] = {}
    if keys:
        for own in owns:
            for t in (own.reading, source[own.start : own.end]):
                if t not in known:
                    known[t] = normalize(t, rules).text
    paired = max((own.pair or 0 for own in owns), default=0)
    return Witnessed(regions, counter[0], owns, norm.map, known, paired)


def _checked(
    source: str, witnessed: bool, cancel: CancelCheck | None, lists: WordLists | None = None
) -> list[Finding]:
    """The source's checks, here: with witnesses the same whatever the rules (taken again in
    a session: reuse.checked); a text alone gets the spelling check too, with the editor's
    own lists (``lists``, or the shipped and the user's)."""
    if witnessed:
        from app.classes.checks import check_text

        return reuse.checked(source, partial(check_text, source, cancel=cancel))
    from app.classes.spelling import check_one_text
    from app.classes.wordlists import lists_for, user_folder

    if lists is None:
        lists = lists_for([user_folder()])
    return check_one_text(source, lists=lists, cancel=cancel)


def _lane_task(
    kind: str, args: tuple[Any, ...], shared: Callable[[], _Source], cancel: CancelCheck
) -> Any:
    """One job of a collation in processes (app.collation.parallel), in a worker or here:
    a witness (:func:`_witness_task`), or a part of the source's checks
    (:func:`app.classes.checks.check_part`), which needs no normalized source."""
    if kind == "witness":
        source, rules, text, keys = args
        return _witness_task(source, rules, text, keys, shared, cancel)
    from app.classes.checks import check_part

    text, part = args
    return check_part(text, part, cancel)


def _check_parts() -> int:
    """How many parts the source's checks run in beside the witnesses."""
    from app.classes.checks import PARTS

    return len(PARTS)


def _witness_task(
    source: str,
    rules: tuple[str, ...],
    text: str,
    keys: bool,
    shared: Callable[[], _Source],
    cancel: CancelCheck,
) -> Witnessed:
    """:func:`witness_divergences` in a worker process (app.collation.parallel), or here.

    The witness is normalized first: meanwhile the calling process
    normalizes the source, which ``shared()`` returns (in a worker, once it
    has come), with its sentences, found once in each process.
    """
    _send_maps_compactly()  # a spawned worker's results too
    poll(cancel)
    norm = normalize(text, rules)
    norm_source, source_sentences = shared().parts()
    return witness_divergences(
        source, norm_source, rules, text, keys, cancel, source_sentences, norm
    )


class _Source:
    """The normalized source, and its sentences where several witnesses are aligned to it.

    A worker process is sent the normalized source alone and finds the
    sentences itself, once: that takes less than pickling and unpickling
    them (40,000 tokens and their counts at 1M characters).
    """

    def __init__(self, norm: Normalized, with_sentences: bool) -> None:
        self.norm = norm
        self.with_sentences = with_sentences
        self._sentences: Sentences | None = None

    def parts(self) -> tuple[Normalized, Sentences | None]:
        if self.with_sentences and self._sentences is None:
            self._sentences = sentences(self.norm.text)
        return self.norm, self._sentences

    def __reduce__(self) -> tuple[type[_Source], tuple[Normalized, bool]]:
        return _Source, (self.norm, self.with_sentences)


def _send_map(m: OffsetMap) -> tuple[Callable[..., OffsetMap], tuple[Any, ...]]:
    """How a worker process sends an offset map back: four arrays of group coordinates.

    Pickled field by field, the map of a 1M-character witness (15,000
    groups, each a small object, and four lists the map derives from them)
    took 0.11 s in the worker, on the critical path of a collation in
    processes; as arrays it takes a millisecond, and 15 ms to rebuild here.
    """
    columns = (
        array("q", [g.o_start for g in m.groups]),
        array("q", [g.o_end for g in m.groups]),
        array("q", [g.n_start for g in m.groups]),
        array("q", [g.n_end for g in m.groups]),
    )
    return _received_map, (m.original_length, m.normalized_length, *columns)


def _received_map(
    original_length: int,
    normalized_length: int,
    o_starts: array[int],
    o_ends: array[int],
    n_starts: array[int],
    n_ends: array[int],
) -> OffsetMap:
    """The offset map :func:`_send_map` sent, as it was."""
    groups = tuple(map(Group, o_starts, o_ends, n_starts, n_ends))
    return OffsetMap(original_length, normalized_length, groups)


def _send_maps_compactly() -> None:
    """Have multiprocessing's pickler (results and a spawned worker's jobs), never pickle
    itself, send offset maps as :func:`_send_map` does; multiprocessing is imported only
    for a collation in processes (20 ms a command of one witness need not pay)."""
    from multiprocessing.reduction import ForkingPickler

    ForkingPickler.register(OffsetMap, _send_map)


def _worker_count(source: str, texts: Sequence[str], beside: float) -> int:
    """:func:`app.collation.parallel.worker_count`; one witness is aligned here (0)."""
    if len(texts) < 2:
        return 0
    from app.collation.parallel import worker_count

    return worker_count(source, texts, beside=beside)


def _checks_seconds(source: str) -> float:
    """About what the source's checks cost (the estimate of what runs in processes)."""
    from app.classes.checks import PART_SECONDS_PER_CHAR

    return len(source) * sum(PART_SECONDS_PER_CHAR)


def _numbered_moves(found: list[Witnessed]) -> list[Witnessed]:
    """Move and pair ids unique across witnesses, in witness order (as one shared counter
    would give)."""
    out, offset, pair_offset = [], 0, 0
    for w in found:
        if (offset and w.moves) or (pair_offset and w.pairs):
            w = replace(
                w,
                regions=[
                    r if r.move_id is None else replace(r, move_id=r.move_id + offset)
                    for r in w.regions
                ],
                owns=[_shifted(o, offset, pair_offset) for o in w.owns],
            )
        out.append(w)
        offset += w.moves
        pair_offset += w.pairs
    return out


def _shifted(own: _Own, moves: int, pairs: int) -> _Own:
    if own.move_id is None and own.in_move is None and own.pair is None:
        return own
    return own._replace(
        move_id=None if own.move_id is None else own.move_id + moves,
        in_move=None if own.in_move is None else own.in_move + moves,
        pair=None if own.pair is None else own.pair + pairs,
    )


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
    steps = reuse.steps()
    norm_source = normalize(source, rule_names, steps=steps)
    alignments: dict[str, WitnessAlignment] = {}
    for index, (wid, text) in enumerate(witnesses):
        poll(cancel)
        norm = normalize(text, rule_names, steps=steps)
        alignments[wid] = WitnessAlignment(wid, norm_source.map, norm.map, tuple(regions[wid]))
        _report(progress, (index + 1) / max(1, len(witnesses)))
    return Collation(source, tuple(w for w, _ in witnesses), rule_names, (), alignments)


def _report(progress: ProgressCallback | None, value: float) -> None:
    if progress is not None:
        progress(min(1.0, value))


def with_agreement(
    loci: Sequence[Locus],
    ids: Sequence[str],
    rules: tuple[str, ...],
    known: Mapping[str, str] | None = None,
    *,
    crossing: Sequence[Sequence[int]] | None = None,
) -> list[Locus]:
    """The loci with the copies' vote at each (readings compared under ``rules``).

    A witness whose own locus encloses this one or overlaps its edge (it
    lacks the paragraph around it) abstains here; one whose own divergences
    lie inside this locus votes for the source here, as it reads this
    stretch apart from those smaller places, which are decided on their own.
    ``crossing`` is :func:`overlapping` of ``loci`` where the caller has it already.
    """

    cache = dict(known or {})

    def key(text: str) -> str:
        found = cache.get(text)
        if found is None:
            found = cache[text] = normalize(text, rules).text
        return found

    if crossing is None:
        crossing = overlapping(loci)
    lone = _LoneVotes(ids, key)
    out = []
    for loc, others in zip(loci, crossing, strict=True):
        abstain = {
            w
            for j in others
            if not encloses(loc, loci[j])
            for w in loci[j].readings
            if w not in loc.readings
        }
        vote = lone(loc) if not abstain else None
        if vote is None:
            vote = agreement(loc.source_text, loc.readings, ids, key, abstain)
        out.append(evolve(loc, agreement=vote))
    return out


class _LoneVotes:
    """The vote without counting where one witness alone reads differently, or every
    witness reads the same (most loci of two or more copies), exactly as :func:`agreement`
    finds it, in a fraction of its time (the supporters are worked out once).

    One witness alone: the source and every other witness (two or more votes) outvote
    its reading.  Every witness the same text, which the source does not read under the
    rules: they outvote the source, the one vote against them.
    """

    def __init__(self, ids: Sequence[str], key: Callable[[str], str]) -> None:
        self.count = len(ids)
        self.key = key
        self.supporters = {wid: ("", *(w for w in ids if w != wid)) for wid in ids}
        self.everyone = tuple(ids)
        self.voters = frozenset(ids)

    def __call__(self, loc: Locus) -> Agreement | None:
        n = self.count
        if n < 2:
            return None
        if len(loc.readings) == 1:
            ((wid, reading),) = loc.readings.items()
            supporters = self.supporters.get(wid)
            if supporters is None or self.key(reading) == self.key(loc.source_text):
                return None
            return Agreement(loc.source_text, n, n + 1, supporters, n)
        if len(loc.readings) != n or loc.readings.keys() != self.voters:
            return None
        readings = iter(loc.readings.values())
        reading = next(readings)
        if any(other != reading for other in readings):
            return None
        if self.key(reading) == self.key(loc.source_text):
            return None
        return Agreement(reading, n, n + 1, self.everyone, 1)


def _merge(source: str, per_witness: Sequence[tuple[str, Sequence[_Own]]]) -> list[Locus]:
    """The loci: each witness's own divergences, grouped only where they stand at the same place.

    A witness's divergences are exactly those it has when collated alone.
    Divergences of different witnesses are one locus only when their source
    spans are identical (the same source text, or the same insertion point):
    never by a chain of overlaps, so one copy's lacking paragraph cannot
    swallow another's one-character fix, which stays a locus of its own
    nested inside (:func:`nest`).  An edit inside a moved passage is grouped
    only with edits inside a move (they apply to the passage wherever it
    stands), and copies that moved the same passage, or paired the same
    marks, share one move or pair id from then on.
    """
    groups: dict[tuple[int, int, bool], list[dict[int, _Own]]] = {}
    for w, (_wid, owns) in enumerate(per_witness):
        for own in owns:
            slots = groups.setdefault((own.start, own.end, own.in_move is not None), [])
            slot = next((g for g in slots if w not in g), None)
            if slot is None:
                slots.append({w: own})
            else:
                slot[w] = own
    moves, pairs = _Links(), _Links()
    loci: list[Locus] = []
    for (start, end, _inner), slots in groups.items():
        text = source[start:end]
        for slot in slots:
            if len(slot) == 1:  # most loci: one witness alone reads differently here
                ((w, own),) = slot.items()
                wid = per_witness[w][0]
                loci.append(
                    Locus(
                        start,
                        end,
                        text,
                        {wid: own.reading},
                        own.kind,
                        {wid: own.kind},
                        own.move_id,
                        {wid: own.span},
                        classes={wid: own.cls},
                        in_move=own.in_move,
                        pair=own.pair,
                    )
                )
                continue
            members = [(per_witness[w][0], slot[w]) for w in sorted(slot)]
            readings = {wid: own.reading for wid, own in members}
            kinds = {wid: own.kind for wid, own in members}
            spans = {wid: own.span for wid, own in members}
            classes = {wid: own.cls for wid, own in members}
            move_id = moves.join([own.move_id for _, own in members])
            pair = pairs.join([own.pair for _, own in members])
            in_move = next((own.in_move for _, own in members if own.in_move is not None), None)
            first = next(iter(kinds.values()))
            loci.append(
                Locus(start, end, text, readings, first, kinds, move_id, spans, classes=classes,
                      in_move=in_move, pair=pair)
            )  # fmt: skip
    if moves or pairs:
        loci = [
            evolve(loc, move_id=moves.find(loc.move_id), in_move=moves.find(loc.in_move),
                   pair=pairs.find(loc.pair))
            for loc in loci
        ]  # fmt: skip
    loci.sort(key=lambda loc: (loc.start, loc.end != loc.start, loc.end, loc.in_move is not None))
    return loci


class _Links:
    """Ids that name one thing: two copies' moves of one passage, their pairs of one bracket."""

    def __init__(self) -> None:
        self._parent: dict[int, int] = {}

    def __bool__(self) -> bool:
        return bool(self._parent)

    def join(self, ids: Sequence[int | None]) -> int | None:
        """One id for all of ``ids`` (the smallest), or None if there is none."""
        known = sorted({i for i in ids if i is not None})
        if not known:
            return None
        root = self._root(known[0])
        for i in known[1:]:
            other = self._root(i)
            if other != root:
                self._parent[max(root, other)] = min(root, other)
                root = min(root, other)
        return root

    def find(self, i: int | None) -> int | None:
        return None if i is None else self._root(i)

    def _root(self, i: int) -> int:
        while i in self._parent:
            i = self._parent[i]
        return i


class _Own(NamedTuple):
    """One witness's divergence in original coordinates, before grouping.

    A named tuple, not a frozen dataclass: made and remade (its class, its pair) for
    every divergence, where ``dataclasses.replace`` costs three times ``_replace``
    (0.1 s for the 30,000 divergences of a 1M witness with the script rule off).
    """

    start: int
    end: int
    reading: str
    span: tuple[int, int]
    kind: str
    move_id: int | None
    cls: str = ""
    in_move: int | None = None
    pair: int | None = None


def _whole_lines(owns: list[_Own], source: str, text: str) -> list[_Own]:
    """Moved paragraphs with a line break: accepting the move leaves no empty line behind
    and does not glue the paragraph to the one where it arrives.

    The whitespace rule ignores line breaks, so a move's spans stop at the
    paragraph's text.  Where the passage is a whole line in both texts, the
    departure takes the line break after it (or before it, at the end of
    the text) and the arrival moves to the start (or end) of its line, so
    the arrival's reading, the departure's text, lands as a line of its own.
    """
    ends: dict[int, dict[bool, int]] = {}
    for k, own in enumerate(owns):
        if own.kind == "move" and own.move_id is not None:
            ends.setdefault(own.move_id, {})[own.start < own.end] = k
    out = list(owns)
    points = Counter(own.start for own in owns if own.start == own.end)
    for sides in ends.values():
        if True not in sides or False not in sides:
            continue
        gone, came = out[sides[True]], out[sides[False]]
        if not (_line(source, gone.start, gone.end) and _line(text, *came.span)):
            continue
        s, e, p = gone.start, gone.end, came.start
        line_start = p == 0 or source[p - 1] == "\n"
        line_end = p == len(source) or source[p] == "\n"
        if source[e : e + 1] == "\n" and (line_start or source[p : p + 1] == "\n"):
            gone, p = gone._replace(end=e + 1), p if line_start else p + 1
        elif s > 0 and source[s - 1] == "\n" and (line_end or source[p - 1 : p] == "\n"):
            gone, p = gone._replace(start=s - 1), p if line_end else p - 1
        else:
            continue
        if gone.start <= p <= gone.end or (p != came.start and points[came.start] > 1):
            continue  # not elsewhere after all, or other text arrives at this point too
        out[sides[True]], out[sides[False]] = gone, came._replace(start=p, end=p)
    return out


def _line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole line (its breaks not included)."""
    before = start == 0 or text[start - 1] == "\n"
    return start < end and before and (end == len(text) or text[end] == "\n")


def _own_divergences(
    source: str,
    source_map: OffsetMap,
    text: str,
    norm: Normalized,
    regions: list[Region],
    inner: Sequence[Region] = (),
    cancel: CancelCheck | None = None,
) -> list[_Own]:
    """One witness's divergences: its overlapping regions joined (touching ones stay apart).

    A move is one divergence where it left and one where it arrived; the
    arrival reads the passage as the source has it, and each edit inside the
    passage (``inner``, :func:`moved_edits`) is a divergence of its own over
    the source's characters it changes, ``in_move`` its move.
    """
    clusters: list[tuple[int, int, list[Region]]] = []
    for r in sorted(regions, key=lambda r: (r.a_start, r.a_end, r.b_start, r.b_end)):
        if clusters:
            cs, ce, members = clusters[-1]
            if r.a_start < ce and cs < r.a_end:
                clusters[-1] = (cs, max(ce, r.a_end), [*members, r])
                continue
        clusters.append((r.a_start, r.a_end, [r]))
    out: list[_Own] = []
    for cs, ce, members in clusters:
        start, end = source_map.span(cs, ce)
        vs = members[0].b_start - (members[0].a_start - cs)
        ve = members[-1].b_end + (ce - members[-1].a_end)
        o_s, o_e = norm.map.span(vs, ve)
        kinds = {r.kind for r in members}
        kind = members[0].kind if len(kinds) == 1 else "substitution"
        move_id = next((r.move_id for r in members if r.move_id is not None), None)
        out.append(_Own(start, end, text[o_s:o_e], (o_s, o_e), kind, move_id))
    for r in inner:
        start, end = source_map.span(r.a_start, r.a_end)
        o_s, o_e = norm.map.span(r.b_start, r.b_end)
        out.append(_Own(start, end, text[o_s:o_e], (o_s, o_e), r.kind, None, in_move=r.move_id))
    out = _whole_lines(out, source, text)
    left = {o.move_id: (o.start, o.end) for o in out if o.kind == "move" and o.start < o.end}
    classed = []
    for n, found in enumerate(out):
        if not n % _POLL_EVERY:
            poll(cancel)
        if found.kind == "move" and found.start == found.end and found.move_id in left:
            # where the passage arrived it reads as the source has it; its edits are apart
            s, e = left[found.move_id]
            found = found._replace(reading=source[s:e])
        before = source[max(0, found.start - _CONTEXT) : found.start]
        after = source[found.end : found.end + _CONTEXT]
        cls = classify(source[found.start : found.end], found.reading, found.kind, before, after)
        classed.append(found._replace(cls=cls))
    classed.sort(key=lambda o: (o.start, o.end != o.start, o.end, o.in_move is not None))
    changes = [Change(o.start, o.end, o.reading, o.span) for o in classed]
    for number, (k, j) in enumerate(pairs(source, text, changes), 1):
        classed[k] = classed[k]._replace(pair=number)
        classed[j] = classed[j]._replace(pair=number)
    return classed
