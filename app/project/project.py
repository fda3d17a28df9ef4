"""A proofreading project: the texts, their loci with stable ids, and the decisions.

This is what the window and the ``jiaokan`` project commands share.  Loci
get an integer id when they first appear and keep it for good.  A decision
belongs to its place in the source (span, source text and a few characters
of context), not to a row: after a re-collation (rules changed, a variant
added or removed, the source edited on disk) every locus holding a decision
or a note, shown or set aside earlier, is placed again by its span, or by
its text and context when the source itself changed, and comes back under
its id with its decision.  A decision that cannot be placed under the
current rules is never dropped: its locus stays in the file, inactive,
:meth:`Project.adopt` tells the user once, and the decision returns as
soon as a later re-collation can place it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple, Protocol

from app.classes.checks import CHECK_WITNESS
from app.classes.wordlists import WordLists, as_texts, from_texts
from app.collation.collate import with_agreement
from app.collation.loci import Collation, Region, arrival, nest, overlapping, with_id
from app.export.data import ExportInput, ExportLocus, ExportWitness
from app.messages import Message, message
from app.store.decisions import UNDECIDED, Choice, Decision, DecisionLog, Operation, Status
from app.store.file import ProjectFile, remove_apart, write_apart
from app.store.paths import regular_file_sha256
from app.store.records import (
    AlignmentRows,
    LocusWrites,
    ProjectError,
    StoredLocus,
    StoredText,
    alignment_rows,
    locus_row,
    locus_writes,
    row_id,
    same_row,
)
from app.store.whole import owned_texts
from app.text.loading import LoadedText

CONTEXT = 8
"""Characters of source kept on each side of a locus, to find it again in an edited source."""

__all__ = ["Project", "ProjectError", "Unplaced", "changes_text"]


@dataclass(frozen=True)
class Unplaced:
    """A decided locus that a re-collation could not place again (kept in the file)."""

    locus: StoredLocus
    decision: Decision
    why: Message


def stored_text(loaded: LoadedText, role: str, witness_id: str | None = None) -> StoredText:
    ocr = loaded.scan.result.to_bytes() if loaded.scan is not None else None
    return StoredText(
        role, witness_id, loaded.path, loaded.encoding, loaded.sha256, loaded.text,
        loaded.document, ocr=ocr,
    )  # fmt: skip


def _stored_loci(
    collation: Collation, ids: Sequence[int], ahead: RowsAhead | None = None
) -> list[StoredLocus]:
    """The collation's loci under ``ids``, as kept (the vote and the nesting they carry
    are not stored: they are worked out again when a project is read back)."""
    contexts = ahead.contexts if ahead is not None else _contexts(collation)
    return [
        StoredLocus(with_id(loc, lid), before, after)
        for lid, loc, (before, after) in zip(ids, collation.loci, contexts, strict=True)
    ]


def _contexts(collation: Collation) -> list[tuple[str, str]]:
    """A little source before and after each locus, to find it again in an edited source."""
    src = collation.source
    return [
        (src[max(0, loc.start - CONTEXT) : loc.start], src[loc.end : loc.end + CONTEXT])
        for loc in collation.loci
    ]


@dataclass(frozen=True)
class RowsAhead:
    """A collation's loci as the project file's rows, all but their ids, encoded before it
    is adopted: a rule set looked ahead (app.session.ahead) is encoded while the
    proofreader reads, and a toggle to it only places the decisions (at 1M characters
    with the script rule off, 25,000 rows: a fifth of the toggle)."""

    collation: Collation
    contexts: tuple[tuple[str, str], ...]
    rows: tuple[tuple[object, ...], ...]
    """Each locus's row as a fresh, shown locus writes it, without its id (the first column)."""
    crossings: tuple[list[int], ...]
    """Which loci each one overlaps, by position (:func:`overlapping`)."""
    alignments: AlignmentRows
    """Its regions as the file keeps them."""

    def of(self, collation: Collation) -> RowsAhead | None:
        """These rows, if they are ``collation``'s."""
        return self if collation is self.collation else None


def rows_ahead(collation: Collation) -> RowsAhead:
    """:class:`RowsAhead` of ``collation``."""
    contexts = tuple(_contexts(collation))
    rows = tuple(
        locus_row(StoredLocus(loc, before, after))[1:]
        for loc, (before, after) in zip(collation.loci, contexts, strict=True)
    )
    crossings = tuple(overlapping(collation.loci))
    return RowsAhead(collation, contexts, rows, crossings, regions_rows(collation))


def _stored(
    source: LoadedText, witnesses: Sequence[tuple[str, LoadedText]], collation: Collation
) -> tuple[list[StoredText], list[StoredLocus], dict[str, tuple[Region, ...]]]:
    """What a new project file holds of a collation: its texts, loci and regions."""
    texts = [stored_text(source, "source")]
    texts += [stored_text(w, "witness", wid) for wid, w in witnesses]
    loci = _stored_loci(collation, range(1, len(collation.loci) + 1))
    return texts, loci, _regions(collation)


class Project:
    """An open project file and everything in it."""

    def __init__(self, file: ProjectFile, loci: list[StoredLocus] | None = None) -> None:
        self.file = file
        texts = file.texts()
        self.source = texts[0]
        self.witnesses = texts[1:]
        self.rules = file.rules()
        self.loci = file.loci() if loci is None else loci
        self._rows: dict[int, StoredLocus] | None = (
            None if loci is None else {loc.id: loc for loc in loci}
        )
        """Every locus row of the file as it holds it, by id, once this session wrote or
        read them all: a re-collation then reads none of them back.  Their shown flags
        may be out of date: which loci the file shows is which are shown now (``_by_id``,
        the file's table ``shown``), so a rule toggled back at 1M characters flips no
        flag in 25,000 rows here (25 ms of the window's time); :func:`plan_adoption`
        puts the flags right, in the worker."""
        self._stamp = 0
        """Counts the changes of the loci and rows above: an :class:`Adoption` planned
        against another count is out of date (:meth:`adopt_planned`)."""
        self._index()
        self.log = DecisionLog(
            file.decisions(), file, read_only=file.read_only, history=file.steps()
        )
        """The decisions, and the undo history the file keeps: it lasts through every
        re-collation (locus ids do) and every reopening."""

    def _index(self, index: _Index | None = None) -> None:
        """Find loci by id, which loci cross which (their decisions may conflict), and which
        are decided together (a move's two ends, the two halves of a pair of marks)."""
        index = index or _indexed(self.loci)
        self._by_id, self._crossing, self._links = index
        self._index_of = index

    # -- opening --------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | Path,
        source: LoadedText,
        witnesses: Sequence[tuple[str, LoadedText]],
        collation: Collation,
    ) -> Project:
        texts, loci, regions = _stored(source, witnesses, collation)
        file = ProjectFile.create(path, texts, collation.rules, loci, regions)
        try:
            return cls(file, loci)
        except BaseException:  # out of memory: no project is better than one that fails
            file.discard()
            raise

    @staticmethod
    def write(
        path: str | Path,
        source: LoadedText,
        witnesses: Sequence[tuple[str, LoadedText]],
        collation: Collation,
    ) -> None:
        """:meth:`create` for a caller that does not go on to use the project (the
        command line): nothing is opened once the file is in place."""
        texts, loci, regions = _stored(source, witnesses, collation)
        ProjectFile.write(path, texts, collation.rules, loci, regions)

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Project:
        file = ProjectFile.open(path, read_only=read_only)
        try:
            return cls(file)
        except BaseException:
            file.close()  # and so its lock: a refused file is left as it was
            raise

    def close(self) -> None:
        self.file.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def read_only(self) -> bool:
        return self.file.read_only

    @property
    def witness_ids(self) -> tuple[str, ...]:
        return tuple(w.witness_id or "" for w in self.witnesses)

    # -- the loci -------------------------------------------------------------------

    def locus(self, locus_id: int) -> StoredLocus:
        try:
            return self._by_id[locus_id]
        except KeyError:
            raise ProjectError("project.no-locus", id=str(locus_id), name=self.path.name) from None

    def collation(self) -> Collation:
        """The stored loci as a collation (no alignments: the window recomputes those)."""
        loci = tuple(s.locus for s in self.loci)
        loci = tuple(nest(loci))
        if len(self.witnesses) >= 2:
            loci = tuple(with_agreement(loci, self.witness_ids, tuple(self.rules)))
        return Collation(self.source.text, self.witness_ids, self.rules, loci)

    def alignments(self) -> dict[str, tuple[Region, ...]]:
        """Each witness's stored regions, when every witness has them (else empty)."""
        stored = self.file.alignments()
        return stored if set(stored) == set(self.witness_ids) else {}

    def keep_alignments(self, collation: Collation) -> None:
        """Store a collation's regions when the project has none (a file from before version 4)."""
        if not self.read_only and not self.alignments() and collation.alignments:
            self.file.set_alignments(_regions(collation))

    def ids(self) -> list[int]:
        return [s.id for s in self.loci]

    def status(self, locus_id: int) -> str:
        return self.log.get(locus_id).status

    def counts(self) -> dict[str, int]:
        return self.log.counts(self.ids())

    def linked(self, ids: Iterable[int]) -> list[int]:
        """``ids`` and the loci decided with them, in one step: where a moved passage left
        and where it arrived are one move, and the two halves of a pair of marks one fix
        (accepting a closing bracket alone would leave the brackets mismatched)."""
        out = dict.fromkeys(ids)
        for lid in list(out):
            self.locus(lid)
            out.update(dict.fromkeys(self._links.get(lid, ())))
        return list(out)

    def enclosing(self, locus_id: int) -> int | None:
        """The id of the innermost locus that encloses this one (another copy's longer one),
        or, for an edit inside a moved passage, of the move where it arrived."""
        stored = self.locus(locus_id)
        if stored.in_move is not None:
            arrivals = [o for o in self.loci if arrival(o) and o.move_id == stored.in_move]
            shared = [o for o in arrivals if o.readings.keys() & stored.readings]
            if shared or arrivals:
                return (shared or arrivals)[0].id
        around = [
            o
            for o in (self._by_id[j] for j in self._crossing.get(locus_id, ()))
            if o.start <= stored.start
            and stored.end <= o.end
            and o.end - o.start > stored.end - stored.start
        ]
        best = min(around, key=lambda o: (o.end - o.start, o.id), default=None)
        return None if best is None else best.id

    def conflicts(
        self, locus_id: int, decision: Decision, pending: Mapping[int, Decision] | None = None
    ) -> list[int]:
        """The loci whose decision cannot stand beside ``decision`` at ``locus_id``.

        Two decisions conflict when both change the text (an accepted or own
        reading other than the source's) at loci that overlap (another copy's
        long locus around a short one, or two crossing spans): applying both
        would splice one reading into the other.  ``pending`` are decisions
        about to be recorded with this one (they count instead of the
        recorded ones).  The window asks before recording; ``jiaokan decide``
        refuses.
        """
        if not changes_text(self.locus(locus_id).source_text, decision):
            return []
        pending = pending or {}
        out = []
        for other in self._crossing.get(locus_id, ()):
            theirs = pending.get(other, self.log.get(other))
            if changes_text(self._by_id[other].source_text, theirs):
                out.append(other)
        return sorted(out)

    def displacing(self, decisions: Mapping[int, Decision]) -> dict[int, Decision]:
        """``decisions`` plus undecided ones (notes kept) for every locus they conflict with.

        Recorded as one step, so one Undo brings the displaced decisions back.
        """
        out = dict(decisions)
        for lid, decision in decisions.items():
            for other in self.conflicts(lid, decision, decisions):
                if other not in decisions:
                    out[other] = Decision(note=self.log.get(other).note)
        return out

    # -- deciding -------------------------------------------------------------------

    def deciding(
        self, ids: Iterable[int], choice: Choice, note: str | None = None
    ) -> dict[int, Decision]:
        """The decisions ``choice`` would record at ``ids``: the one place they are built.

        Each keeps the note its locus has, unless ``note`` gives another.
        Accepting, rejecting or undeciding also decides the loci
        :meth:`linked` to ``ids`` (a move's other end, a pair's other half),
        in the same step; an own reading is for the one locus it was typed
        for.  An accepted reading is the witness's there; a copy that agrees
        with the source at a locus reads the source there, but the source
        checks (witness ``check``) have no such reading: where they found
        nothing at a locus asked for, there is no fix to accept, and a
        ``ProjectError`` says so.  Every id must be a locus of the project
        (``ProjectError`` otherwise), all checked before anything is recorded.
        """
        asked = list(ids)
        decisions = {}
        for lid in asked if choice.status is Status.EDITED else self.linked(asked):
            locus = self.locus(lid)
            kept = self.log.get(lid).note if note is None else note
            if choice.status is Status.ACCEPTED:
                witness = choice.witness or ""
                if witness == CHECK_WITNESS and witness not in locus.readings and lid in asked:
                    raise ProjectError("project.no-check-fix", id=str(lid))
                reading = locus.readings.get(witness, locus.source_text)
                decisions[lid] = Decision(Status.ACCEPTED, witness, reading, kept)
            elif choice.status is Status.REJECTED:
                decisions[lid] = Decision(Status.REJECTED, None, locus.source_text, kept)
            elif choice.status is Status.EDITED:
                decisions[lid] = Decision(Status.EDITED, None, choice.reading, kept)
            else:
                decisions[lid] = Decision(note=kept)
        return decisions

    def decide(
        self,
        ids: Iterable[int],
        choice: Choice,
        *,
        note: str | None = None,
        displace: bool = False,
        label: str = "",
    ) -> Operation | None:
        """Record ``choice`` at ``ids`` as one undoable step (None if nothing changes).

        With ``displace``, the decisions it conflicts with (:meth:`conflicts`)
        are undecided in the same step; without, the caller has checked that
        there are none.
        """
        decisions = self.deciding(ids, choice, note)
        if not decisions:
            return None
        label = label or choice.label(list(decisions), with_note=note is not None)
        return self.log.apply(label, self.displacing(decisions) if displace else decisions)

    def acceptance(self, ids: Iterable[int], witness: str) -> dict[int, Decision]:
        """The decisions that accepting ``witness``'s reading at ``ids`` would record."""
        return self.deciding(ids, Choice.accept(witness))

    def accept(
        self, ids: Iterable[int], witness: str, label: str = "", *, displace: bool = False
    ) -> Operation | None:
        return self.decide(ids, Choice.accept(witness), displace=displace, label=label)

    def reject(self, ids: Iterable[int], label: str = "") -> Operation | None:
        return self.decide(ids, Choice.reject(), label=label)

    def edit(self, locus_id: int, reading: str, *, displace: bool = False) -> Operation | None:
        return self.decide([locus_id], Choice.edit(reading), displace=displace)

    def accept_majority(self, label: str = "") -> Operation | None:
        """Accept, as one step, every undecided suggestion that a majority of copies backs."""
        decisions = self.majority_decisions()
        if not decisions:
            return None
        return self.log.apply(label or f"Accept {len(decisions)} majority readings", decisions)

    def majority_decisions(self) -> dict[int, Decision]:
        """What :meth:`accept_majority` would record (the window says how many first)."""
        decisions: dict[int, Decision] = {}
        for stored, locus in zip(self.loci, self.collation().loci, strict=True):
            vote = locus.agreement
            if vote is None or not vote.majority or "" in vote.supporters:
                continue
            if self.log.get(stored.id).decided:
                continue
            witness = vote.supporters[0]
            note = self.log.get(stored.id).note
            decision = Decision(Status.ACCEPTED, witness, vote.reading, note)
            if self.conflicts(stored.id, decision, decisions):
                continue  # another copy's reading is decided around it: the proofreader chooses
            decisions[stored.id] = decision
        return decisions

    def undecide(self, ids: Iterable[int], label: str = "") -> Operation | None:
        return self.decide(ids, Choice.undecide(), label=label)

    def set_note(self, locus_id: int, note: str) -> Operation | None:
        self.locus(locus_id)
        return self.log.apply(
            f"Note on #{locus_id}", {locus_id: replace(self.log.get(locus_id), note=note)}
        )

    # -- re-collation ----------------------------------------------------------------

    def source_changed_on_disk(self) -> bool:
        """Whether the source file no longer has the bytes the project was made from.

        Only a regular file is read: a FIFO or device now at that path would hang.
        """
        digest = regular_file_sha256(self.source.path)
        return digest is not None and digest != self.source.sha256

    def adopt(
        self,
        collation: Collation,
        source: StoredText | None = None,
        witnesses: Sequence[StoredText] | None = None,
        *,
        alignments: AlignmentRows | None = None,
    ) -> list[Unplaced]:
        """Replace the loci with a new collation's, putting every decision back on its place.

        A decision belongs to its place in the source, not to a row: every
        locus that holds a decision or a note, active or retired by an earlier
        re-collation, is placed again (see :func:`_placement`).  One whose
        place exists again comes back under its old id with its decision, so
        switching a rule off and on, or removing a variant and adding it
        back, restores every decision.  One that cannot be placed stays in
        the file, retired, and is tried again at every later re-collation.

        Returns only the decisions this re-collation took out of view (the
        ones that were shown before and are not now): that is what the user
        has to be told about after a change.  Those retired earlier and still
        unplaceable are not repeated; :meth:`unplaced` lists all of them.
        ``alignments``: the collation's regions, where the caller has encoded them.
        """
        source = source or self.source
        witnesses = list(witnesses if witnesses is not None else self.witnesses)
        adoption = plan_adoption(self.basis(), collation, source, witnesses, alignments)
        self._apply(adoption)
        return list(adoption.unplaced)

    def basis(self) -> Basis:
        """What adopting a collation reads of this project, taken now, so that
        :func:`plan_adoption` can work in another thread (the window's worker) while the
        proofreader goes on deciding; :meth:`adopt_planned` then checks it still holds."""
        if self._rows is None:
            self._rows = {loc.id: loc for loc in self.file.loci(include_inactive=True)}
        return Basis(
            self._stamp,
            tuple(self._rows.values()),
            self._held(),
            self.file.next_locus_id(),
            frozenset(self._by_id),
        )

    def adopt_planned(self, adoption: Adoption) -> list[Unplaced] | None:
        """:meth:`adopt`, as ``adoption`` worked it out; None (nothing done) if the project
        changed since its :meth:`basis` was taken: another collation taken, a decision or a
        note set (the caller then adopts anew)."""
        if self.read_only or adoption.stamp != self._stamp or self._held() != adoption.decisions:
            remove_apart(self.file.path, adoption.apart)  # its ids are given anew
            return None
        self._apply(adoption)
        return list(adoption.unplaced)

    def _held(self) -> dict[int, Decision]:
        """The decisions and notes as the file holds them (it keeps no row for a locus
        made undecided again without a note)."""
        return {lid: d for lid, d in self.log.all().items() if _holds(d)}

    def _apply(self, adoption: Adoption) -> None:
        self.file.replace_collation(
            [adoption.source, *adoption.witnesses],
            adoption.rules,
            adoption.writes,
            adoption.alignments,
        )
        self.source, self.witnesses = adoption.source, adoption.witnesses
        self.rules = adoption.rules
        self.loci = list(adoption.loci)
        self._index(adoption.index)
        self._rows = adoption.rows
        self._stamp += 1

    def taken(self, alignments: AlignmentRows) -> Taken:
        """What this project shows now (just after :meth:`adopt` or :meth:`create`), to be
        taken back by :meth:`take_again`; ``alignments``: the collation's regions, encoded."""
        return Taken(
            tuple(self.loci),
            tuple(self.rules),
            alignments,
            self.log.all(),
            (self.source, *self.witnesses),
            self._index_of,
        )

    def can_take_again(self, taken: Taken) -> bool:
        """Whether :meth:`take_again` would show ``taken`` again (cheap: no locus is placed);
        else it must be adopted, which the window's worker does (Session.prepare)."""
        if self.read_only or self._rows is None or (self.source, *self.witnesses) != taken.texts:
            return False
        decisions = self.log.all()
        if decisions != taken.decisions:
            return False
        return not any(_holds(d) and lid not in taken.index.by_id for lid, d in decisions.items())

    def take_again(self, taken: Taken) -> bool:
        """Show again what :meth:`taken` kept, if it is what :meth:`adopt` would give now;
        False (nothing done) if not, or if that cannot be told cheaply.

        It is, when the texts are the same and no decision or note changed since, and
        every locus holding one is among those shown then: then every stored locus goes
        back to the place it had (it is the same collation of the same texts), and no
        decision is set aside.  Only the shown flags change, the rows of those loci that
        a collation taken in between rewrote (another rule's locus at the same place
        takes its id), the rules and the regions: a rule toggled back at 1M characters
        takes some 0.1 s instead of placing and comparing 35,000 loci again.
        """
        if not self.can_take_again(taken):
            return False
        rows = self._rows
        assert rows is not None
        changed = [  # the rows an adoption in between rewrote (most are the very loci)
            loc
            for loc in taken.loci
            if rows.get(loc.id) is not loc and not _kept(rows.get(loc.id), loc)
        ]
        self.file.reactivate([loc.id for loc in taken.loci], changed, taken.rules, taken.alignments)
        self.rules = taken.rules
        self.loci = list(taken.loci)
        self._index(taken.index)
        self._stamp += 1
        rows.update((loc.id, loc) for loc in changed)  # their flags: see _rows
        return True

    def unplaced(self) -> list[Unplaced]:
        """Every decision and note kept in the file but not on a current locus, with why.

        Unlike :meth:`adopt`'s answer (what one re-collation took out of
        view), these are all of them, in source order, however long ago they
        were set aside.
        """
        stored = self.file.loci(include_inactive=True)
        decisions = self.file.decisions()
        _ids, _places, why = _placement(stored, decisions, self.source.text, self.loci)
        return [
            Unplaced(old, decisions[old.id], why.get(old.id, message("unplaced.place-taken")))
            for old in stored
            if not old.active and _holds(decisions.get(old.id))
        ]

    # -- view state and export --------------------------------------------------------------

    def view_state(self) -> dict[str, str]:
        return self.file.view_state()

    def set_view_state(self, state: dict[str, str]) -> None:
        self.file.set_view_state(state)

    def word_lists(self) -> WordLists:
        """The project's own word lists (a book's names and terms), kept in its file beside
        the user's lists, which are the editor's own across projects."""
        return from_texts(self.file.word_lists())

    def set_word_lists(self, lists: WordLists) -> None:
        self.file.set_word_lists(as_texts(lists))

    def export_input(self, *, document: bool = True) -> ExportInput:
        """What every export reads; ``document=False`` leaves out the source's Word
        bytes (images included, they may run to megabytes), which only a ``.docx``
        export writes from: the window's corrected text, refreshed after every
        decision, does not read them each time."""
        return ExportInput(
            title=Path(self.source.path).name,
            source_path=self.source.path,
            source_encoding=self.source.encoding,
            source_text=self.source.text,
            source_document=self.file.document(self.source.sha256) if document else None,
            witnesses=tuple(
                ExportWitness(w.witness_id or "", w.path, w.encoding) for w in self.witnesses
            ),
            rules=tuple(self.rules),
            project_path=str(self.path),
            located=tuple(owned_texts([self.source, *self.witnesses])),
            loci=tuple(
                ExportLocus(s.locus, self.log.get(s.id), self.enclosing(s.id)) for s in self.loci
            ),
        )


class _Index(NamedTuple):
    """A project's loci found by id, the loci each crosses, and those decided with each."""

    by_id: dict[int, StoredLocus]
    crossing: dict[int, list[int]]
    links: dict[int, list[int]]


def _indexed(
    loci: Sequence[StoredLocus], crossings: Sequence[Sequence[int]] | None = None
) -> _Index:
    """``crossings``: :func:`overlapping` of ``loci`` where known (it reads their places)."""
    by_id = {loc.id: loc for loc in loci}
    crossing = {
        loc.id: [loci[j].id for j in others]
        for loc, others in zip(
            loci, overlapping(loci) if crossings is None else crossings, strict=True
        )
    }
    groups: dict[tuple[str, int], list[int]] = {}
    for loc in loci:
        if loc.kind == "move" and loc.move_id is not None:
            groups.setdefault(("move", loc.move_id), []).append(loc.id)
        if loc.pair is not None:
            groups.setdefault(("pair", loc.pair), []).append(loc.id)
    links: dict[int, list[int]] = {}
    for members in groups.values():
        for lid in members:
            links.setdefault(lid, []).extend(m for m in members if m != lid)
    return _Index(by_id, crossing, links)


@dataclass(frozen=True)
class Basis:
    """What adopting a collation reads of a project (:meth:`Project.basis`)."""

    stamp: int
    rows: tuple[StoredLocus, ...]
    """Every locus row of the file, retired ones too, as the file holds them but for the
    shown flag, which ``shown`` gives."""
    decisions: dict[int, Decision]
    next_id: int
    shown: frozenset[int]


@dataclass(frozen=True)
class Adoption:
    """What adopting a collation does to a project, worked out by :func:`plan_adoption`
    from a :class:`Basis`: placing 20,000 new loci among 35,000 stored ones and encoding
    the rows to write held the window's thread 0.7 s at 1M characters; only writing them
    and taking the result is left for :meth:`Project.adopt_planned`."""

    stamp: int
    decisions: dict[int, Decision]
    source: StoredText
    witnesses: list[StoredText]
    rules: tuple[str, ...]
    loci: tuple[StoredLocus, ...]
    """The loci shown, in the collation's order, under their ids."""
    rows: dict[int, StoredLocus]
    """Every row of the file afterwards, by id."""
    unplaced: tuple[Unplaced, ...]
    writes: LocusWrites
    alignments: AlignmentRows
    index: _Index
    apart: tuple[int, ...] = ()
    """The ids of the rows :func:`written_ahead` wrote already (not in ``writes``)."""

    def shown(self, collation: Collation) -> Collation:
        """``collation`` (the one this was planned for) with its loci under their ids: the
        very loci the plan named, vote and nesting included (naming them again cost 0.05 s
        of a toggle at 1M)."""
        if len(self.loci) != len(collation.loci):
            raise ValueError("an adoption shows only the collation it was planned for")
        return replace(collation, loci=tuple(stored.locus for stored in self.loci))


def written_ahead(adoption: Adoption, basis: Basis, path: Path) -> Adoption:
    """``adoption`` with the rows of its new loci (ids the file never had) written now,
    from the calling thread (the window's worker), shown by nobody until
    :meth:`Project.adopt_planned` takes it; as it was if they cannot be written so.
    Called where the plan was made, so the window's thread writes only the rest."""
    rows = adoption.writes.rows
    new = {lid for lid in map(row_id, rows) if lid >= basis.next_id}
    if not new or not write_apart(path, [r for r in rows if row_id(r) in new]):
        return adoption
    return replace(adoption, writes=adoption.writes.apart(new), apart=tuple(sorted(new)))


def plan_adoption(
    basis: Basis,
    collation: Collation,
    source: StoredText,
    witnesses: Sequence[StoredText],
    alignments: AlignmentRows | None = None,
    ahead: RowsAhead | None = None,
) -> Adoption:
    """Work out :meth:`Project.adopt` for ``collation`` against ``basis``, touching nothing:
    safe in any thread.  ``ahead``: its rows encoded already, if they are its."""
    ahead = ahead.of(collation) if ahead is not None else None
    shown = basis.shown
    stored = sorted((_flagged(row, shown) for row in basis.rows), key=_BY_PLACE)
    decisions = basis.decisions
    ids, places, why = _placement(stored, decisions, source.text, collation.loci)
    next_id = max([basis.next_id, *(i + 1 for i in ids if i is not None)])
    for k, lid in enumerate(ids):
        if lid is None:
            ids[k] = next_id
            next_id += 1
    named = [i for i in ids if i is not None]
    fresh = _stored_loci(collation, named, ahead)
    encoded = [] if ahead is None else [(i, *r) for i, r in zip(named, ahead.rows, strict=True)]
    placed = set(ids)
    retired = []
    for old in stored:
        if old.id in placed:
            continue
        moved = _moved_to(old, places.get(old.id), source.text)
        if old.active or moved is not old:
            retired.append(replace(moved, active=False))
    unplaced = tuple(
        Unplaced(old, decisions[old.id], why[old.id])
        for old in stored
        if old.id in why and old.id in basis.shown
    )
    before = {loc.id: loc for loc in stored}
    rows = dict(before)
    rows.update((loc.id, loc) for loc in fresh + retired)
    return Adoption(
        basis.stamp,
        decisions,
        source,
        list(witnesses),
        collation.rules,
        tuple(fresh),
        rows,
        unplaced,
        locus_writes(fresh + retired, before, encoded),
        alignments or (ahead.alignments if ahead else regions_rows(collation)),
        _indexed(fresh, ahead.crossings if ahead else None),
    )


@dataclass(frozen=True)
class Taken:
    """A collation as a project showed it, kept to show it again (:meth:`Project.take_again`)."""

    loci: tuple[StoredLocus, ...]
    rules: tuple[str, ...]
    alignments: AlignmentRows
    decisions: dict[int, Decision]
    texts: tuple[StoredText, ...]
    index: _Index


def _kept(row: StoredLocus | None, loc: StoredLocus) -> bool:
    """Whether the file's row (as last written or read here) is still ``loc``'s."""
    return row is not None and (row is loc or same_row(row, loc))


_BY_PLACE = attrgetter("locus.start", "locus.end", "locus.id")
"""A stored locus's place, then its id: the order loci are placed in (read in C)."""


def _flagged(row: StoredLocus, shown: frozenset[int]) -> StoredLocus:
    """``row`` with the shown flag the file gives it (``shown``: the ids it shows)."""
    if row.active == (row.locus.id in shown):
        return row
    return StoredLocus(row.locus, row.context_before, row.context_after, not row.active)


def _regions(collation: Collation) -> dict[str, tuple[Region, ...]]:
    """What the panes need to scroll in step, kept so that opening aligns nothing again."""
    return {wid: a.regions for wid, a in collation.alignments.items()}


def regions_rows(collation: Collation) -> AlignmentRows:
    """The collation's regions encoded as the project file keeps them (some 30 ms for
    30,000 regions: encoded once for a collation that may be taken again)."""
    return alignment_rows(_regions(collation))


class _Place(Protocol):
    """What placing a decision needs of a locus: a fresh one or a stored one."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def source_text(self) -> str: ...
    @property
    def readings(self) -> dict[str, str]: ...


def _placement(
    stored: Sequence[StoredLocus],
    decisions: Mapping[int, Decision],
    text: str,
    new: Sequence[_Place],
) -> tuple[list[int | None], dict[int, tuple[int, int]], dict[int, Message]]:
    """Which stored locus each new locus continues, and why the others holding something don't.

    Returns the old id for each new locus (None: a new place), where each
    stored locus stands in ``text`` when it was looked for and found anywhere but
    its own span with its own context (a locus reading as before there is left
    out: nothing about it moves), and, for each stored decision or note left
    without a locus, why.

    A stored locus's place is its span, when ``text`` still reads its source
    text with the same context there; else, for one shown now or holding a
    decision or a note, where its text and context are found again (the
    source was edited; retired bare loci are not worth the search).  A new
    locus at that place takes the old one over when the decision still fits
    there: a rejection, an own reading or a note always does (the source
    text is the same), an accepted reading only when its witness still
    reads it there.  When several fit one place, a decision or
    note beats a bare locus; then the one whose readings are exactly the new
    ones (made under the same rules and variants) wins, then the one sharing
    more witnesses' readings with it (insertions of different text at one
    point have the same span), then the one shown now, then the latest
    decision, then the newest id.  Bare loci are placed too, so a place
    keeps its id however often the rules change.
    """
    by_span: dict[tuple[int, int], list[int]] = {}
    for k, loc in enumerate(new):
        by_span.setdefault((loc.start, loc.end), []).append(k)
    places: dict[int, tuple[int, int]] = {}
    fitting: list[tuple[tuple[bool, bool, int, bool, str, int], int]] = []
    fitted: set[int] = set()
    misread: set[int] = set()
    for old in stored:
        decision = decisions.get(old.id, UNDECIDED)
        holds = _holds(decision)
        if _reads_at(old, text):
            place = (old.start, old.end)
        else:
            found = _find_again(old, text) if holds or old.active else None
            if found is None:
                continue
            places[old.id] = place = found
        for k in by_span.get(place, ()):
            if not _fits(decision, new[k]):
                misread.add(old.id)
                continue
            fitted.add(old.id)
            readings = new[k].readings
            same = sum(readings.get(w) == r for w, r in old.readings.items())
            exact = old.readings == readings
            score = (holds, exact, same, old.active, decision.decided_at, old.id)
            fitting.append((score, k))
    fitting.sort(reverse=True)
    ids: list[int | None] = [None] * len(new)
    taken: set[int] = set()
    for score, k in fitting:
        lid = score[-1]
        if ids[k] is None and lid not in taken:
            ids[k] = lid
            taken.add(lid)
    why: dict[int, Message] = {}
    for old in stored:
        if old.id in taken or not _holds(decisions.get(old.id, UNDECIDED)):
            continue
        if old.id in fitted:
            why[old.id] = message("unplaced.place-taken")
        elif old.id in misread:
            why[old.id] = message("unplaced.reading-changed")
        else:
            why[old.id] = message("unplaced.place-gone")
    return ids, places, why


def changes_text(source_text: str, decision: Decision) -> bool:
    """Whether a decision puts something other than the source's text in the corrected text."""
    return (
        decision.status in ("accepted", "edited")
        and decision.reading is not None
        and decision.reading != source_text
    )


def _holds(decision: Decision | None) -> bool:
    """Whether a locus holds something of the proofreader's that must not be lost."""
    return decision is not None and (decision.decided or bool(decision.note))


def _fits(decision: Decision, new: _Place) -> bool:
    """Whether a decision still means the same at a locus over the same source text."""
    if decision.status != "accepted":
        return True
    return new.readings.get(decision.witness or "", new.source_text) == decision.reading


def _reads_at(old: StoredLocus, text: str) -> bool:
    """Whether ``text`` reads the locus's source text and context at the locus's span.

    Always so for the source the locus was made from; for an edited source,
    only where the edit left the place and its neighbourhood alone.
    """
    before, after = old.context_before, old.context_after
    loc = old.locus  # its fields read once: 50,000 stored loci at a toggle at 1M
    start, end = loc.start, loc.end
    return (
        text[start:end] == loc.source_text
        and start >= len(before)
        and text[start - len(before) : start] == before
        and text[end : end + len(after)] == after
    )


def _moved_to(old: StoredLocus, place: tuple[int, int] | None, text: str) -> StoredLocus:
    """A retired locus re-anchored to an edited source, so later placing reads the right span
    (``place``: where :func:`_placement` found it, None where it reads as before or was
    not found)."""
    if place is None:
        return old
    start, end = place
    return old.moved(start, end, text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT])


def _find_again(old: StoredLocus, text: str) -> tuple[int, int] | None:
    """Where a locus of an older source stands in ``text``: by its context, if unique."""
    for before, after in (
        (old.context_before, old.context_after),
        (old.context_before, ""),
        ("", old.context_after),
    ):
        needle = before + old.source_text + after
        if not needle or len(needle) < 4:
            continue
        at = text.find(needle)
        if at >= 0 and text.find(needle, at + 1) < 0:
            start = at + len(before)
            return start, start + len(old.source_text)
    return None
