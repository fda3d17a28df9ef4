"""The open work: a source, its witnesses and the rules, as plain Python.

The window keeps one :class:`Workspace` and shows it; the command line and
the tests drive the same object headless.  Every change that calls for a new
collation returns a fresh immutable :class:`CollationRequest`, which the
window hands to its background worker.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.classes import unique_id
from app.collation.loci import Collation, Region
from app.text.loading import LoadedText, load_text
from app.text.normalize import ALL_RULES

if TYPE_CHECKING:
    from app.classes.wordlists import WordLists
    from app.project.project import RowsAhead

_request_ids = itertools.count(1)


@dataclass(frozen=True)
class Witness:
    """One variant text under a short id (its file stem, made unique)."""

    id: str
    loaded: LoadedText

    @property
    def text(self) -> str:
        return self.loaded.text


@dataclass(frozen=True)
class CollationRequest:
    """Everything one collation run needs, frozen so a worker can read it safely."""

    request_id: int
    source: str
    witnesses: tuple[tuple[str, str], ...]
    rules: tuple[str, ...]
    checks: bool = True
    """Also check the source on its own (app.classes.checks)."""
    regions: tuple[tuple[str, tuple[Region, ...]], ...] | None = None
    """Set when the loci are known already (a project just opened): only the alignments
    are wanted, rebuilt from these stored regions, and nothing is aligned again."""
    lists: WordLists | None = None
    """The word lists a text alone is checked with, where its project has lists of its
    own (merged over the user's); None: the user's lists, read by the check."""
    ready: Collation | None = None
    """The collation of exactly this request, made already (looked ahead, app.session.ahead):
    the worker only prepares it (places the decisions on it) instead of collating."""
    ready_rows: RowsAhead | None = None
    """Its loci encoded as the project file's rows already, with it."""


@dataclass
class Workspace:
    """A source, its witnesses, the active rules and the latest collation."""

    source: LoadedText | None = None
    witnesses: list[Witness] = field(default_factory=list)
    rules: tuple[str, ...] = ALL_RULES
    collation: Collation | None = None

    @classmethod
    def open(
        cls, source: str | Path, variants: Iterable[str | Path], encoding: str | None = None
    ) -> Workspace:
        """Load every file first, so a bad one leaves nothing half-open (LoadError)."""
        loaded_source = load_text(source, encoding)
        loaded = [load_text(v, encoding) for v in variants]
        ws = cls(loaded_source)
        for item in loaded:
            ws._append(item)
        return ws

    @property
    def witness_ids(self) -> list[str]:
        return [w.id for w in self.witnesses]

    def witness(self, witness_id: str) -> Witness:
        for w in self.witnesses:
            if w.id == witness_id:
                return w
        raise KeyError(witness_id)

    def add_variant(self, path: str | Path, encoding: str | None = None) -> Witness:
        return self._append(load_text(path, encoding))

    def remove_variant(self, witness_id: str) -> None:
        self.witnesses = [w for w in self.witnesses if w.id != witness_id]
        self.collation = None

    def set_rules(self, rules: Iterable[str]) -> None:
        chosen = set(rules)
        self.rules = tuple(r for r in ALL_RULES if r in chosen)
        self.collation = None

    def request(self) -> CollationRequest | None:
        """The collation this workspace needs now, or None if there is nothing to collate.

        A source alone is checked on its own (its copies can be added later)."""
        if self.source is None:
            return None
        return CollationRequest(
            next(_request_ids),
            self.source.text,
            tuple((w.id, w.text) for w in self.witnesses),
            self.rules,
        )

    def accept(self, request: CollationRequest, collation: Collation) -> bool:
        """Take a finished collation if it still describes this workspace."""
        current = tuple((w.id, w.text) for w in self.witnesses)
        if (
            self.source is None
            or request.source != self.source.text
            or request.witnesses != current
            or request.rules != self.rules
        ):
            return False
        self.collation = collation
        return True

    def _append(self, loaded: LoadedText) -> Witness:
        witness = Witness(unique_id(Path(loaded.path).stem, self.witness_ids), loaded)
        self.witnesses.append(witness)
        self.collation = None
        return witness
