"""Decisions on loci, and their history with undo and redo, in the core.

As in Anki, undo lives in the engine (``DecisionLog.undo()``) and the window
only shows it: the command line, the tests and the window all change
decisions through the same log.  Every operation (one decision, or a bulk
one over hundreds of loci) goes to the store in one transaction *before*
the in-memory state changes, so nothing shown as decided is ever lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Protocol

from app.messages import MessageError

STATUSES = ("undecided", "accepted", "rejected", "edited")


def now() -> str:
    """UTC time of a decision, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Decision:
    """What the proofreader decided at one locus.

    ``reading`` is the text the corrected document will have there: the
    witness's reading (accepted), the source's (rejected), the proofreader's
    own (edited), or None while undecided.
    """

    status: str = "undecided"
    witness: str | None = None
    reading: str | None = None
    note: str = ""
    decided_at: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if self.status == "accepted" and not self.witness:
            raise ValueError("an accepted reading names its witness")
        if self.status != "undecided" and self.reading is None:
            raise ValueError(f"a {self.status} decision has a reading")

    @property
    def decided(self) -> bool:
        return self.status != "undecided"


UNDECIDED = Decision()


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


class DecisionStore(Protocol):
    """Where decisions are kept for good (the project file)."""

    def commit_decisions(self, label: str, changes: Mapping[int, Decision], at: str) -> None:
        """Write all of ``changes`` in one transaction, or raise and write nothing."""


class ReadOnlyError(MessageError):
    """Deciding in a project that was opened read-only."""


class DecisionLog:
    """The decisions of a project, with an undo and a redo stack."""

    def __init__(
        self,
        decisions: Mapping[int, Decision] | None = None,
        store: DecisionStore | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        self._decisions: dict[int, Decision] = dict(decisions or {})
        self._store = store
        self._undo: list[Operation] = []
        self._redo: list[Operation] = []
        self.read_only = read_only

    # -- reading --------------------------------------------------------------

    def get(self, locus_id: int) -> Decision:
        return self._decisions.get(locus_id, UNDECIDED)

    def all(self) -> dict[int, Decision]:
        return {k: v for k, v in self._decisions.items() if v != UNDECIDED}

    def counts(self, locus_ids: Iterable[int]) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
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
        self._commit(op)
        self._undo.append(op)
        self._redo.clear()
        return op

    def undo(self) -> Operation | None:
        """Take back the latest step (itself committed like any decision)."""
        if not self._undo:
            return None
        op = self._undo[-1]
        self._commit(op.inverse())
        self._redo.append(self._undo.pop())
        return op

    def redo(self) -> Operation | None:
        if not self._redo:
            return None
        op = self._redo[-1]
        self._commit(op)
        self._undo.append(self._redo.pop())
        return op

    def forget(self, locus_ids: Iterable[int]) -> None:
        """Drop loci from memory (not from the file): they left the collation."""
        for lid in locus_ids:
            self._decisions.pop(lid, None)

    def _commit(self, op: Operation) -> None:
        if self.read_only:
            raise ReadOnlyError("decisions.read-only")
        after = {c.locus_id: c.after for c in op.changes}
        if self._store is not None:
            self._store.commit_decisions(op.label, after, op.at)
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
    if decision.status == "undecided" and not decision.note:
        return UNDECIDED
    return replace(decision, decided_at=at)
