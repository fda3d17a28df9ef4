"""A proofreading project: the texts, their loci with stable ids, and the decisions.

This is what the window and the ``jiaokan`` project commands share.  Loci
get an integer id when they first appear and keep it for good: after a
re-collation (rules changed, a variant added, the source edited on disk)
each decided locus is found again by its span, or by its text and context
when the source itself changed, and keeps its id and its decision.  A
decision whose locus cannot be found is never dropped: its locus stays in
the file, inactive, and :meth:`Project.adopt` lists it for the user.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from app.collation.collate import with_agreement
from app.collation.loci import Collation, Locus
from app.messages import Message, message
from app.project.decisions import Decision, DecisionLog, Operation
from app.project.export import ExportInput, ExportLocus, ExportWitness
from app.project.file import ProjectError, ProjectFile, StoredLocus, StoredText
from app.project.paths import regular_file_sha256
from app.text.loading import LoadedText

CONTEXT = 8
"""Characters of source kept on each side of a locus, to find it again in an edited source."""

__all__ = ["Project", "ProjectError", "Unplaced"]


@dataclass(frozen=True)
class Unplaced:
    """A decided locus that a re-collation could not place again (kept in the file)."""

    locus: StoredLocus
    decision: Decision
    why: Message


def stored_text(loaded: LoadedText, role: str, witness_id: str | None = None) -> StoredText:
    return StoredText(role, witness_id, loaded.path, loaded.encoding, loaded.sha256, loaded.text)


def _stored_loci(collation: Collation, ids: Sequence[int]) -> list[StoredLocus]:
    src = collation.source
    return [
        StoredLocus(
            lid,
            loc.start,
            loc.end,
            loc.source_text,
            loc.kind,
            dict(loc.kinds),
            dict(loc.readings),
            dict(loc.spans),
            loc.move_id,
            src[max(0, loc.start - CONTEXT) : loc.start],
            src[loc.end : loc.end + CONTEXT],
            classes=dict(loc.classes),
            message=loc.message,
        )
        for lid, loc in zip(ids, collation.loci, strict=True)
    ]


class Project:
    """An open project file and everything in it."""

    def __init__(self, file: ProjectFile, loci: list[StoredLocus] | None = None) -> None:
        self.file = file
        texts = file.texts()
        self.source = texts[0]
        self.witnesses = texts[1:]
        self.rules = file.rules()
        self.loci = file.loci() if loci is None else loci
        self._by_id = {loc.id: loc for loc in self.loci}
        self.log = DecisionLog(file.decisions(), file, read_only=file.read_only)

    # -- opening --------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | Path,
        source: LoadedText,
        witnesses: Sequence[tuple[str, LoadedText]],
        collation: Collation,
    ) -> Project:
        texts = [stored_text(source, "source")]
        texts += [stored_text(w, "witness", wid) for wid, w in witnesses]
        loci = _stored_loci(collation, range(1, len(collation.loci) + 1))
        return cls(ProjectFile.create(path, texts, collation.rules, loci), loci)

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
        loci = tuple(
            Locus(
                s.start,
                s.end,
                s.source_text,
                dict(s.readings),
                s.kind,
                dict(s.kinds),
                s.move_id,
                dict(s.spans),
                classes=dict(s.classes),
                message=s.message,
            )
            for s in self.loci
        )
        if len(self.witnesses) >= 2:
            loci = tuple(with_agreement(loci, self.witness_ids, tuple(self.rules)))
        return Collation(self.source.text, self.witness_ids, self.rules, loci)

    def ids(self) -> list[int]:
        return [s.id for s in self.loci]

    def status(self, locus_id: int) -> str:
        return self.log.get(locus_id).status

    def counts(self) -> dict[str, int]:
        return self.log.counts(self.ids())

    # -- deciding -------------------------------------------------------------------

    def accept(self, ids: Iterable[int], witness: str, label: str = "") -> Operation | None:
        decisions = {}
        for lid in ids:
            locus = self.locus(lid)
            reading = locus.readings.get(witness, locus.source_text)
            note = self.log.get(lid).note
            decisions[lid] = Decision("accepted", witness, reading, note)
        return self.log.apply(label or _label("Accept", witness, decisions), decisions)

    def reject(self, ids: Iterable[int], label: str = "") -> Operation | None:
        decisions = {
            lid: Decision("rejected", None, self.locus(lid).source_text, self.log.get(lid).note)
            for lid in ids
        }
        return self.log.apply(label or _label("Reject", None, decisions), decisions)

    def edit(self, locus_id: int, reading: str) -> Operation | None:
        note = self.log.get(locus_id).note
        self.locus(locus_id)
        return self.log.apply(
            f"Edit #{locus_id}", {locus_id: Decision("edited", None, reading, note)}
        )

    def accept_majority(self, label: str = "") -> Operation | None:
        """Accept, as one step, every undecided suggestion that a majority of copies backs."""
        decisions: dict[int, Decision] = {}
        for stored, locus in zip(self.loci, self.collation().loci, strict=True):
            vote = locus.agreement
            if vote is None or not vote.majority or "" in vote.supporters:
                continue
            if self.log.get(stored.id).decided:
                continue
            witness = vote.supporters[0]
            note = self.log.get(stored.id).note
            decisions[stored.id] = Decision("accepted", witness, vote.reading, note)
        if not decisions:
            return None
        return self.log.apply(label or f"Accept {len(decisions)} majority readings", decisions)

    def undecide(self, ids: Iterable[int], label: str = "") -> Operation | None:
        decisions = {lid: Decision(note=self.log.get(lid).note) for lid in ids}
        for lid in decisions:
            self.locus(lid)
        return self.log.apply(label or _label("Undecide", None, decisions), decisions)

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
    ) -> list[Unplaced]:
        """Replace the loci with a new collation's, keeping every decision that still fits."""
        source = source or self.source
        witnesses = list(witnesses if witnesses is not None else self.witnesses)
        same_source = source.text == self.source.text
        new_spans = {(loc.start, loc.end): k for k, loc in enumerate(collation.loci)}
        ids: list[int | None] = [None] * len(collation.loci)
        unplaced: list[Unplaced] = []
        keep: dict[int, Decision] = {}
        for old in self.loci:
            decision = self.log.get(old.id)
            span = (old.start, old.end) if same_source else _find_again(old, source.text)
            k = new_spans.get(span) if span else None
            if k is None or ids[k] is not None:
                if decision.decided or decision.note:
                    gone = message("unplaced.place-gone")
                    unplaced.append(Unplaced(old, decision, gone))
                continue
            new = collation.loci[k]
            if (
                decision.status == "accepted"
                and new.readings.get(decision.witness or "", new.source_text) != decision.reading
            ):
                changed = message("unplaced.reading-changed")
                unplaced.append(Unplaced(old, decision, changed))
                continue
            ids[k] = old.id
            keep[old.id] = decision
        next_id = max([self.file.next_locus_id(), *(i + 1 for i in ids if i is not None)])
        for k, lid in enumerate(ids):
            if lid is None:
                ids[k] = next_id
                next_id += 1
        fresh = _stored_loci(collation, [i for i in ids if i is not None])
        kept_ids = set(keep)
        retired = [replace(old, active=False) for old in self.loci if old.id not in kept_ids]
        texts = [source, *witnesses]
        self.file.replace_collation(texts, collation.rules, fresh + retired)
        self.source, self.witnesses, self.rules = source, witnesses, collation.rules
        self.loci = fresh
        self._by_id = {loc.id: loc for loc in fresh}
        self.log = DecisionLog(keep, self.file, read_only=self.file.read_only)
        return unplaced

    # -- view state and export --------------------------------------------------------------

    def view_state(self) -> dict[str, str]:
        return self.file.view_state()

    def set_view_state(self, state: dict[str, str]) -> None:
        self.file.set_view_state(state)

    def export_input(self) -> ExportInput:
        return ExportInput(
            title=Path(self.source.path).name,
            source_path=self.source.path,
            source_encoding=self.source.encoding,
            source_text=self.source.text,
            witnesses=tuple(
                ExportWitness(w.witness_id or "", w.path, w.encoding) for w in self.witnesses
            ),
            rules=tuple(self.rules),
            project_path=str(self.path),
            loci=tuple(
                ExportLocus(
                    s.id,
                    s.start,
                    s.end,
                    s.source_text,
                    dict(s.readings),
                    s.kind,
                    dict(s.kinds),
                    self.log.get(s.id),
                    next(iter(s.classes.values()), ""),
                    s.message,
                )
                for s in self.loci
            ),
        )


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


def _label(verb: str, witness: str | None, decisions: dict[int, Decision]) -> str:
    what = f"#{next(iter(decisions))}" if len(decisions) == 1 else f"{len(decisions)} loci"
    return f"{verb} {what}" + (f" ({witness})" if witness else "")
