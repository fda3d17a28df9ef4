"""Decisions on loci, and their history with undo and redo, in the core.

As in Anki, undo lives in the engine (``DecisionLog.undo()``) and the window
only shows it: the command line, the tests and the window all change
decisions through the same log.  Every operation (one decision, or a bulk
one over hundreds of loci) goes to the store in one transaction *before*
the in-memory state changes, so nothing shown as decided is ever lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from app.messages import MessageError


class Status(StrEnum):
    """What became of a locus.  A ``StrEnum``: the project file and the JSON keep the
    plain words, and a status still equals its word."""

    UNDECIDED = "undecided"
    ACCEPTED = "accepted"
    """A witness's reading is taken."""
    REJECTED = "rejected"
    """The source stands."""
    EDITED = "edited"
    """The proofreader's own reading."""


STATUSES = tuple(Status)


class StepKind(StrEnum):
    """What a row of the history did: a step, or the undoing or redoing of one."""

    DO = "do"
    UNDO = "undo"
    REDO = "redo"


def now() -> str:
    """UTC time of a decision, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def decided_when(stamp: str) -> datetime | None:
    """A decision's time (:func:`now`'s ISO 8601, UTC when it names no zone) as an aware
    datetime, for the exports that write it in their own notations; None if there is none."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return (when if when.tzinfo is not None else when.replace(tzinfo=UTC)).astimezone(UTC)


@dataclass(frozen=True)
class Decision:
    """What the proofreader decided at one locus.

    ``reading`` is the text the corrected document will have there: the
    witness's reading (accepted), the source's (rejected), the proofreader's
    own (edited), or None while undecided.
    """

    status: Status = Status.UNDECIDED
    witness: str | None = None
    reading: str | None = None
    note: str = ""
    decided_at: str = ""

    def __post_init__(self) -> None:
        try:  # a word from the file, the command line or a test becomes the Status it names
            object.__setattr__(self, "status", Status(self.status))
        except ValueError:
            raise ValueError(f"unknown status {self.status!r}") from None
        if self.status is Status.ACCEPTED and not self.witness:
            raise ValueError("an accepted reading names its witness")
        if self.status is not Status.UNDECIDED and self.reading is None:
            raise ValueError(f"a {self.status} decision has a reading")

    @property
    def decided(self) -> bool:
        return self.status is not Status.UNDECIDED

    def same_choice(self, other: Decision) -> bool:
        """The same status, witness and reading: notes and times aside."""
        return (self.status, self.witness, self.reading) == (
            other.status,
            other.witness,
            other.reading,
        )


UNDECIDED = Decision()


@dataclass(frozen=True)
class Choice:
    """What the proofreader chose for one or more loci, before it is a :class:`Decision`
    at each (``Project.deciding`` makes those: one witness's reading differs by locus)."""

    status: Status
    witness: str | None = None
    """Whose reading, when accepting."""
    reading: str | None = None
    """The own reading, when editing."""

    @classmethod
    def accept(cls, witness: str) -> Choice:
        return cls(Status.ACCEPTED, witness=witness)

    @classmethod
    def reject(cls) -> Choice:
        return cls(Status.REJECTED)

    @classmethod
    def edit(cls, reading: str) -> Choice:
        return cls(Status.EDITED, reading=reading)

    @classmethod
    def undecide(cls) -> Choice:
        return cls(Status.UNDECIDED)

    def label(self, ids: Sequence[int], *, with_note: bool = False) -> str:
        """The step's name in the history (English, as stored; the window names it again
        in its own language from what changed): ``Accept #3 (b)``, ``Reject 4 loci``."""
        verb = {
            Status.ACCEPTED: "Accept",
            Status.REJECTED: "Reject",
            Status.EDITED: "Edit",
            Status.UNDECIDED: "Undecide",
        }[self.status]
        what = f"#{ids[0]}" if len(ids) == 1 else f"{len(ids)} loci"
        label = f"{verb} {what}" + (f" ({self.witness})" if self.witness else "")
        return label + (" with a note" if with_note else "")


@dataclass(frozen=True)
class Change:
    locus_id: int
    before: Decision
    after: Decision


@dataclass(frozen=True)
class Operation:
    """One undoable step: a single decision or a bulk one."""

    label: str
    changes: tuple[Change, ...]
    at: str = field(default_factory=now)

    def inverse(self) -> Operation:
        return Operation(
            f"Undo: {self.label}",
            tuple(Change(c.locus_id, c.after, c.before) for c in self.changes),
        )


@dataclass(frozen=True)
class Step:
    """One row of the lasting history, as the store keeps it (oldest first)."""

    kind: StepKind
    label: str
    at: str
    after: Mapping[int, Decision]
    before: Mapping[int, Decision] | None
    """What the loci held before; None for a row written before history lasted (schema 7):
    such a step cannot be taken back, nor any before it."""


class DecisionStore(Protocol):
    """Where decisions, and the history of every step, are kept for good (the project file)."""

    def commit_decisions(
        self,
        label: str,
        changes: Mapping[int, Decision],
        at: str,
        *,
        before: Mapping[int, Decision] | None = None,
        kind: StepKind = StepKind.DO,
    ) -> None:
        """Write all of ``changes`` and the history row in one transaction, or raise and
        write nothing."""


class ReadOnlyError(MessageError):
    """Deciding in a project that was opened read-only."""


class DecisionLog:
    """The decisions of a project, with an undo and a redo stack that last.

    The stacks are the project file's history read back (:meth:`restore`):
    every step, undo and redo is a row of it, so what can be undone survives
    a re-collation, the window's end and the command line alike (Anki keeps
    undo in the collection for the same reason).
    """

    def __init__(
        self,
        decisions: Mapping[int, Decision] | None = None,
        store: DecisionStore | None = None,
        *,
        read_only: bool = False,
        history: Sequence[Step] = (),
    ) -> None:
        self._decisions: dict[int, Decision] = dict(decisions or {})
        self._store = store
        self._undo: list[Operation] = []
        self._redo: list[Operation] = []
        self.read_only = read_only
        self._restore(history)

    def _restore(self, history: Sequence[Step]) -> None:
        """The stacks as the history leaves them: a step is pushed, an undo moves the
        latest step to the redo stack, a redo moves it back, a new step ends the redos.

        Where the file's decisions no longer agree with what a step left (someone
        changed the file by other means), the stacks start after that point:
        taking the step back would undo what it did not do.
        """
        for step in history:
            if step.before is None:
                self._undo.clear()
                self._redo.clear()
                continue
            op = Operation(
                step.label,
                tuple(
                    Change(lid, step.before.get(lid, UNDECIDED), after)
                    for lid, after in step.after.items()
                ),
                step.at,
            )
            if step.kind is StepKind.DO:
                self._undo.append(op)
                self._redo.clear()
            elif step.kind is StepKind.UNDO and self._undo:
                self._redo.append(self._undo.pop())
            elif step.kind is StepKind.REDO and self._redo:
                self._undo.append(self._redo.pop())
        if self._undo and not self._holds(self._undo[-1], after=True):
            self._undo.clear()
        if self._redo and not self._holds(self._redo[-1], after=False):
            self._redo.clear()

    def _holds(self, op: Operation, *, after: bool) -> bool:
        """Whether every locus of ``op`` holds what it left (or, not ``after``, what it found)."""
        return not any(
            _differs(self.get(c.locus_id), c.after if after else c.before) for c in op.changes
        )

    # -- reading --------------------------------------------------------------

    def get(self, locus_id: int) -> Decision:
        return self._decisions.get(locus_id, UNDECIDED)

    def all(self) -> dict[int, Decision]:
        return {k: v for k, v in self._decisions.items() if v != UNDECIDED}

    def counts(self, locus_ids: Iterable[int]) -> dict[str, int]:
        out = {str(status): 0 for status in STATUSES}
        for lid in locus_ids:
            out[self.get(lid).status] += 1
        return out

    @property
    def undo_stack(self) -> list[Operation]:
        return list(self._undo)

    @property
    def redo_stack(self) -> list[Operation]:
        return list(self._redo)

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    # -- changing ---------------------------------------------------------------

    def apply(self, label: str, decisions: Mapping[int, Decision]) -> Operation | None:
        """Record new decisions as one step; None if nothing would change."""
        at = now()
        changes = tuple(
            Change(lid, self.get(lid), _stamped(d, at))
            for lid, d in decisions.items()
            if _differs(self.get(lid), d)
        )
        if not changes:
            return None
        op = Operation(label, changes, at)
        self._commit(op, StepKind.DO)
        self._undo.append(op)
        self._redo.clear()
        return op

    def undo(self) -> Operation | None:
        """Take back the latest step (itself committed, and kept in the history)."""
        if not self._undo:
            return None
        op = self._undo[-1]
        self._commit(op.inverse(), StepKind.UNDO)
        self._redo.append(self._undo.pop())
        return op

    def redo(self) -> Operation | None:
        if not self._redo:
            return None
        op = self._redo[-1]
        self._commit(replace(op, at=now()), StepKind.REDO)
        self._undo.append(self._redo.pop())
        return op

    def forget(self, locus_ids: Iterable[int]) -> None:
        """Drop loci from memory (not from the file): they left the collation."""
        for lid in locus_ids:
            self._decisions.pop(lid, None)

    def _commit(self, op: Operation, kind: StepKind) -> None:
        if self.read_only:
            raise ReadOnlyError("decisions.read-only")
        after = {c.locus_id: c.after for c in op.changes}
        if self._store is not None:
            before = {c.locus_id: c.before for c in op.changes}
            self._store.commit_decisions(op.label, after, op.at, before=before, kind=kind)
        for lid, decision in after.items():
            if decision == UNDECIDED:
                self._decisions.pop(lid, None)
            else:
                self._decisions[lid] = decision


def _differs(old: Decision, new: Decision) -> bool:
    return (old.status, old.witness, old.reading, old.note) != (
        new.status,
        new.witness,
        new.reading,
        new.note,
    )


def _stamped(decision: Decision, at: str) -> Decision:
    if decision.status is Status.UNDECIDED and not decision.note:
        return UNDECIDED
    return replace(decision, decided_at=at)
