"""The proofreading session: everything the window shows, held and changed headless.

As napari's ``ViewerModel`` and Anki's ``Collection``: the session owns the
work — the texts and rules (a :class:`Workspace`), the collation shown, the
project file with its decisions and their one undo history, the witness on
the right, the current locus and a note being typed — and every change goes
through it.  The window observes it (:meth:`Session.subscribe`) and only
adapts it; the command line and the tests drive the very same object.

Loci are known by their id (``Locus.id``), never by a row: a row moves when
a filter, a sort or a re-collation changes, a locus id does not.  That is
what keeps a note on the divergence it was typed for, the selection on its
place after a rule is toggled, and "next undecided" from skipping one.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from app.classes.wordlists import ListFileError, WordLists, lists_for, user_folder
from app.collation import reuse
from app.collation.collate import collate
from app.collation.loci import Collation, Locus, with_id
from app.messages import MessageError, os_reason
from app.project.project import (
    Adoption,
    Basis,
    Project,
    RowsAhead,
    Taken,
    Unplaced,
    plan_adoption,
    regions_rows,
    rows_ahead,
    stored_text,
    written_ahead,
)
from app.session.ahead import AHEAD_CHARACTERS, Quiet, after_a_pause, neighbours
from app.session.worker import Background, CollateFunction, Post, WorkerCallbacks, compute
from app.session.workspace import CollationRequest, Witness, Workspace
from app.store.decisions import (
    STATUSES,
    UNDECIDED,
    Choice,
    Decision,
    Operation,
    ReadOnlyError,
)
from app.store.file import remove_apart
from app.store.paths import project_files
from app.store.records import AlignmentRows, ProjectError, StoredLocus
from app.store.registry import find_existing
from app.text.facts import PROJECT_SUFFIX
from app.text.loading import LoadedText, LoadError, load_text
from app.text.normalize import ALL_RULES


@dataclass(frozen=True)
class Changes:
    """What one step changed, so every observer refreshes only that (Anki's ``OpChanges``)."""

    texts: bool = False
    """The source or the witnesses are other texts: the panes load them again."""
    collation: bool = False
    """The loci were replaced (a collation arrived, or nothing is shown any more)."""
    decisions: frozenset[int] = frozenset()
    """Ids of the loci whose decision or note changed."""
    current: bool = False
    """The current locus moved."""
    witness: bool = False
    """Another witness is shown on the right."""
    project: bool = False
    """Another project file (or none): the title, read-only state, Recent."""
    history: bool = False
    """Undo or redo became possible or impossible."""
    stale: bool = False
    """The texts or the rules changed: the collation shown no longer fits them
    (:attr:`Session.stale` says whether it still does not), and the session collates
    again when it runs its loop."""
    running: bool = False
    """A background collation started or ended (:attr:`Session.collating`)."""
    progress: bool = False
    """The running collation got further (:attr:`Session.progress`)."""
    collated: Collated | None = None
    """A collation was taken: what taking it did (a new project, decisions not placed)."""
    failed: str = ""
    """The background collation failed: why, in one line."""

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            texts=self.texts or other.texts,
            collation=self.collation or other.collation,
            decisions=self.decisions | other.decisions,
            current=self.current or other.current,
            witness=self.witness or other.witness,
            project=self.project or other.project,
            history=self.history or other.history,
            stale=self.stale or other.stale,
            running=self.running or other.running,
            progress=self.progress or other.progress,
            collated=other.collated or self.collated,
            failed=other.failed or self.failed,
        )


NEW_WORK = Changes(
    texts=True, collation=True, current=True, witness=True, project=True, history=True, running=True
)
"""Other work altogether (files or a project opened): everything is shown anew, and a
collation of the work before is no longer running."""

Observer = Callable[[Changes], None]


@dataclass(frozen=True)
class Collated:
    """What taking a finished collation did: decisions it could not place, a project error."""

    unplaced: list[Unplaced] = field(default_factory=list)
    error: MessageError | None = None
    """The project could not be created or updated (the collation is shown all the same)."""
    created: bool = False
    """The collation became a new project file (the window puts it in Recent)."""


@dataclass(frozen=True)
class HistoryEntry:
    """One step of the undo history, as Edit ▸ History lists it."""

    operation: Operation
    done: bool
    """False for a step that was undone (it can be redone)."""


@dataclass(frozen=True)
class Step:
    """Where Next/Previous divergence leads: the locus, and whether it wrapped around."""

    locus_id: int
    wrapped: bool = False


def history_of(project: Project) -> list[HistoryEntry]:
    """A project's steps, oldest first: the done ones, then the undone ones (next to redo
    first).  The project file's own history, so the same in every window and command."""
    log = project.log
    done = [HistoryEntry(op, True) for op in log.undo_stack]
    return done + [HistoryEntry(op, False) for op in reversed(log.redo_stack)]


@dataclass(frozen=True)
class _NewProject:
    """What a new project is made of: the folder for it and the texts as read."""

    folder: Path
    source: LoadedText
    witnesses: tuple[tuple[str, LoadedText], ...]


@dataclass(frozen=True)
class _Adopting:
    """What an open project's next collation is placed against: the project as it stood
    when the work was asked for, and the texts as read (see :meth:`Session.prepare`)."""

    basis: Basis
    source: LoadedText
    witnesses: tuple[tuple[str, LoadedText], ...]
    path: Path


def _new_project(new: _NewProject, collation: Collation) -> Project:
    """A new project file for ``collation`` in ``new.folder``, named for the source and now."""
    new.folder.mkdir(parents=True, exist_ok=True)
    stem = Path(new.source.path).stem
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = new.folder / f"{stem}-{stamp}{PROJECT_SUFFIX}"
    n = 2
    while path.exists():
        path = new.folder / f"{stem}-{stamp}-{n}{PROJECT_SUFFIX}"
        n += 1
    return Project.create(path, new.source, list(new.witnesses), collation)


@dataclass
class _Made:
    """A new project :meth:`Session.prepare` made (or the error that stopped it)."""

    project: Project | None = None
    error: ProjectError | None = None
    shown: Collation | None = None
    """The collation as the window shows it (its loci under the project's ids), worked out
    in the worker too: 35 ms of the window's thread at 1M."""
    adoption: Adoption | None = None
    """For an open project: the collation placed among its loci, to be taken by
    :meth:`Project.adopt_planned` (0.7 s of the window's thread at 1M otherwise)."""
    path: Path | None = None
    """The open project's file, where the adoption's new rows were written ahead."""

    def remove(self) -> None:
        """Close it and delete its files: nobody has seen it.  For an open project, the
        rows written ahead for an adoption nobody takes go."""
        if self.adoption is not None and self.path is not None:
            remove_apart(self.path, self.adoption.apart)
        if self.project is None:
            return
        path = self.project.path
        self.project.close()
        for owned in project_files(path):
            with contextlib.suppress(OSError):
                os.unlink(owned.path)


KEPT_COLLATIONS = 6
"""Collations a session keeps for rule sets toggled back or looked ahead (app.session.ahead):
the one shown, the four one toggle away, and the one left last (each some 45 MB for a 1M
source against one 1M copy)."""

_Key = tuple[str, tuple[tuple[str, str], ...], tuple[str, ...], bool]


def _key(request: CollationRequest) -> _Key | None:
    """What a request's collation depends on: the texts, the rules, the checks (None: not
    kept, a project's stored alignments or a text alone, see :meth:`Session.cached`)."""
    if request.regions is not None or not request.witnesses:
        return None
    return request.source, request.witnesses, request.rules, request.checks


@dataclass
class _Kept:
    """A collation made in this session, and how the project showed it."""

    collation: Collation
    taken: Taken | None = None
    """The project's loci for it, to show them again (:meth:`Project.take_again`)."""
    shown: Collation | None = None
    """The loci shown for it, under the project's ids."""

    encoded: AlignmentRows | None = None
    """Its regions as the project file keeps them: encoded in the worker that collated it
    (:meth:`Session.prepare`), else when first asked for (:attr:`alignments`)."""
    rows: RowsAhead | None = None
    """Its loci as rows, encoded when it was looked ahead (never shown yet)."""

    @property
    def alignments(self) -> AlignmentRows:
        """Its regions as the project file keeps them, encoded once."""
        if self.encoded is None:
            self.encoded = regions_rows(self.collation)
        return self.encoded


def workspace_of(project: Project) -> Workspace:
    """The texts of a project as a workspace, without reading the original files."""
    source = project.source
    ws = Workspace(
        LoadedText(source.path, source.text, source.encoding, source.sha256),
        rules=tuple(project.rules),
    )
    ws.witnesses = [
        Witness(w.witness_id or "", LoadedText(w.path, w.text, w.encoding, w.sha256))
        for w in project.witnesses
    ]
    return ws


class Session:
    """One proofreader's work in one window (or one command).

    With ``post`` the session runs its own loop, as napari's layers submit their own
    slices: whenever its work goes stale (a rule toggled, a copy added or removed, the
    source read again, files or a project opened) it collates again in the background,
    on a :class:`~app.session.worker.Background` worker whose outcomes ``post`` brings
    back to the session's thread, and tells its observers of the start, the progress and
    the result as :class:`Changes`.  Without it (the command line, most tests) nothing
    runs by itself: :meth:`collate_now` collates in the caller's thread.
    """

    def __init__(
        self,
        rules: Iterable[str] = ALL_RULES,
        projects_dir: Path | None = None,
        *,
        post: Post | None = None,
        collate_function: CollateFunction = collate,
        look_ahead: float | None = None,
    ) -> None:
        """``look_ahead``: with a loop (``post``), the seconds to wait once a result is
        shown before collating the rule sets one toggle away (app.session.ahead); None:
        never (the tests that count collations, the command line)."""
        self.workspace = Workspace(rules=tuple(r for r in ALL_RULES if r in set(rules)))
        self.projects_dir = projects_dir
        """Where a new collation's project file is made; None: no project (nothing saved)."""
        self.project: Project | None = None
        self.collation: Collation | None = None
        """The loci shown, each carrying its id (with the latest alignments, when known)."""
        self.witness: str | None = None
        self.current: int | None = None
        """The id of the current locus."""
        self._draft: tuple[int, str] | None = None
        self._observers: list[Observer] = []
        self._view: dict[str, str] = {}
        self._by_id: dict[int, int] = {}
        self._making_lock = threading.Lock()
        self._new_for: dict[int, _NewProject] = {}
        """For the latest request, when its collation is to become a new project: what
        the project is made of, read by :meth:`prepare` in another thread."""
        self._adopt_for: dict[int, _Adopting] = {}
        """For the latest request, when its collation is to be adopted by the open project:
        the project as it stood, read by :meth:`prepare` in another thread."""
        self._made: dict[int, _Made] = {}
        """Projects :meth:`prepare` made, and adoptions it planned, by request, until
        :meth:`collated` takes one."""
        self._encoded: dict[int, AlignmentRows] = {}
        """Each prepared collation's regions encoded as the project file keeps them, by
        request, until :meth:`collated` takes them (6 ms of JSON at 1M, off the window's
        thread)."""
        self._kept: dict[_Key, _Kept] = {}
        """Collations of this session by what they collated (texts and rules), the latest
        last: a rule toggled back is shown again without collating (:meth:`cached`), and
        those looked ahead are kept here too, never shown yet (no ``taken``)."""
        self._shown_key: _Key | None = None
        """The key of the collation shown, which keeping another never drops."""
        self._awaited: CollationRequest | None = None
        """The request the proofreader is waiting for while the look-ahead makes its rule
        set (toggled to while it was being collated ahead), until the look-ahead ends."""
        self._function = collate_function
        self._stale = False
        self._existing: list[Path] = []
        self.progress = 0.0
        """How far the background collation has got, 0 to 1."""
        self._background: Background | None = None
        if post is not None:
            self._background = Background(
                post,
                WorkerCallbacks(
                    finished=self._finished,
                    failed=self._failed,
                    progress=self._progressed,
                ),
                collate_function,
                prepare=self.prepare,
                discard=self.discard,
            )
        self._ahead: Background | None = None
        """The worker that collates the rule sets one toggle away (app.session.ahead)."""
        self._quiet = Quiet()
        if post is not None and look_ahead is not None:
            self._ahead = Background(
                post,
                WorkerCallbacks(
                    finished=self._ahead_finished,
                    failed=lambda request, _why: self._ahead_ended(request),
                    cancelled=self._ahead_ended,
                    dropped=self._ahead_ended,
                    progress=self._ahead_progressed,
                ),
                after_a_pause(collate_function, look_ahead, self._quiet),
                prepare=self._encode_ahead,
                discard=self._rows_ahead_dropped,
            )
        self._rows_ahead: dict[int, RowsAhead] = {}
        """Rows encoded for a collation looked ahead, by request, until it is kept."""

    # -- observing ----------------------------------------------------------------------

    def subscribe(self, observer: Observer) -> None:
        self._observers.append(observer)

    def unsubscribe(self, observer: Observer) -> None:
        self._observers.remove(observer)

    def _notify(self, changes: Changes) -> Changes:
        self._quiet.touch()  # every command the proofreader gives is told to the window
        for observer in list(self._observers):
            observer(changes)
        return changes

    # -- reading ------------------------------------------------------------------------

    @property
    def witness_ids(self) -> list[str]:
        return self.workspace.witness_ids

    @property
    def read_only(self) -> bool:
        return self.project is not None and self.project.read_only

    @property
    def loci(self) -> tuple[Locus, ...]:
        return self.collation.loci if self.collation is not None else ()

    def locus(self, locus_id: int | None) -> Locus | None:
        if locus_id is None:
            return None
        row = self._by_id.get(locus_id)
        return None if row is None else self.loci[row]

    def row_of(self, locus_id: int | None) -> int | None:
        """The locus's position in source order (the table's unsorted row)."""
        return None if locus_id is None else self._by_id.get(locus_id)

    def current_locus(self) -> Locus | None:
        return self.locus(self.current)

    def decision(self, locus_id: int | None) -> Decision:
        if self.project is None or locus_id is None:
            return UNDECIDED
        return self.project.log.get(locus_id)

    def decided_ids(self) -> set[int]:
        """The ids of the loci shown that are decided (one pass over the decisions made,
        not one lookup per locus)."""
        if self.project is None:
            return set()
        shown = self._by_id
        return {lid for lid, d in self.project.log.all().items() if d.decided and lid in shown}

    def note_shown(self) -> str:
        """The note of the current locus as the proofreader sees it: the draft if one is typed."""
        if self._draft is not None and self._draft[0] == self.current:
            return self._draft[1]
        return self.decision(self.current).note

    def counts(self) -> dict[str, int]:
        """Loci by status (undecided, accepted, rejected, edited) over the loci shown."""
        ids = [locus.id for locus in self.loci]
        if self.project is None:
            return {**dict.fromkeys(STATUSES, 0), "undecided": len(ids)}
        return self.project.log.counts(ids)

    def can_undo(self) -> bool:
        return self.project is not None and self.project.log.can_undo()

    def can_redo(self) -> bool:
        return self.project is not None and self.project.log.can_redo()

    def history(self) -> list[HistoryEntry]:
        """Every step, oldest first: the done ones, then the undone ones (next to redo first)."""
        return [] if self.project is None else history_of(self.project)

    # -- opening work -------------------------------------------------------------------

    def open_files(
        self, source: str | Path, variants: Sequence[str | Path], encoding: str | None = None
    ) -> Changes:
        """A new collation of these files (LoadError, and nothing changed, if one is bad)."""
        workspace = Workspace.open(source, variants, encoding)
        workspace.rules = self.workspace.rules
        self._close_project()
        self.workspace = workspace
        self._show(None)
        self.witness = workspace.witness_ids[0] if workspace.witnesses else None
        self._view = {}
        self._stale = False
        self._existing = self._find_existing()
        if self._existing:  # the proofreader chooses: that project, or collate() anew
            return self._notify(NEW_WORK)
        return self._notify(NEW_WORK | self._recollate())

    def open_project(self, path: str | Path, *, read_only: bool = False) -> Changes:
        """Open a project file (ProjectError if it cannot be) and show its stored loci at once.

        The stored loci are what the decisions refer to; the alignment that
        scrolls the panes in step comes from a collation requested afterwards.
        """
        project = Project.open(path, read_only=read_only)
        self._close_project()
        self.project = project
        self.workspace = workspace_of(project)
        self._view = project.view_state()
        wanted = self._view.get("witness", "")
        self.witness = wanted if wanted in self.witness_ids else self._first_witness()
        self._show(project.collation())
        locus = self._view.get("locus", "")
        self.current = int(locus) if locus.isdigit() and int(locus) in self._by_id else None
        if self.current is None and self.loci:
            self.current = self.loci[0].id
        self._stale = False
        self._existing = []
        return self._notify(NEW_WORK | self._recollate())

    def existing_projects(self) -> list[Path]:
        """Projects already made from the files just opened, most recently changed first.

        Found when the files are opened, before a new collation makes yet another
        project of the same work: the session then waits for the proofreader, who
        goes back to their decisions (:meth:`open_project`) or collates anew
        (:meth:`collate`).
        """
        return list(self._existing)

    def _find_existing(self) -> list[Path]:
        ws = self.workspace
        if self.project is not None or self.projects_dir is None or ws.source is None:
            return []
        return find_existing(self.projects_dir, ws.source, [w.loaded for w in ws.witnesses])

    def view_state(self) -> dict[str, str]:
        """The view state the project was opened with (the window reads ``top``, ``tab``)."""
        return dict(self._view)

    def save_view_state(self, extra: dict[str, str]) -> None:
        """Remember where the proofreader was; a convenience, so a failure is not an error."""
        if self.project is None or self.project.read_only:
            return
        state = {
            **extra,
            "witness": self.witness or "",
            "locus": str(self.current) if self.current is not None else "",
        }
        with contextlib.suppress(ProjectError, OSError):
            self.project.set_view_state(state)

    def close(self) -> Changes:
        self._close_project()
        self._show(None)
        self._stale = False
        changes = Changes(collation=True, current=True, project=True, history=True, running=True)
        return self._notify(changes)

    def _close_project(self) -> None:
        self._await(None)
        if self._background is not None:  # its result would be for other work
            self._background.cancel()
        if self._ahead is not None:
            self._ahead.cancel()
        self.commit_note()
        if self.project is not None:
            self.project.close()
        self.project = None
        self._draft = None
        self._kept.clear()
        self._shown_key = None
        reuse.forget()  # what its collations shared (a few dozen MB at 1M) goes with them
        with self._making_lock:  # made for results that never came to be taken
            made, self._made, self._new_for = list(self._made.values()), {}, {}
            self._adopt_for = {}
            self._encoded = {}
            self._rows_ahead = {}
        for project in made:
            project.remove()

    def _first_witness(self) -> str | None:
        return self.witness_ids[0] if self.witness_ids else None

    # -- the texts and the rules ----------------------------------------------------------

    def set_rules(self, rules: Iterable[str]) -> Changes:
        """Collate under other rules, every decision kept (re-placed by its place)."""
        self._writable()
        self.workspace.set_rules(rules)
        return self._went_stale(Changes(stale=True))

    def add_variants(self, paths: Sequence[str | Path]) -> list[LoadError]:
        """Add what loads; the files that do not are returned, each with its reason."""
        self._writable()
        errors: list[LoadError] = []
        added: Witness | None = None
        for path in paths:
            try:
                added = self.workspace.add_variant(path)
            except LoadError as exc:
                errors.append(exc)
        if added is not None:
            self.witness = added.id
            self._went_stale(Changes(texts=True, witness=True, stale=True))
        return errors

    def remove_variant(self, witness_id: str) -> Changes:
        """Remove a witness; its loci go, decisions on them stay in the file (they return)."""
        self._writable()
        if witness_id not in self.witness_ids or len(self.witness_ids) < 2:
            raise ValueError("a collation keeps at least one variant")
        self.workspace.remove_variant(witness_id)
        if self.witness == witness_id:
            self.witness = self._first_witness()
        return self._went_stale(Changes(texts=True, witness=True, stale=True))

    def reload_source(self) -> Changes:
        """Read the source from disk again (it changed there); the next collation adopts it."""
        assert self.workspace.source is not None
        self.workspace.source = load_text(self.workspace.source.path, None)
        return self._went_stale(Changes(texts=True, stale=True))

    def project_lists(self) -> WordLists:
        """The open project's own word lists (empty without a project)."""
        return WordLists() if self.project is None else self.project.word_lists()

    def set_project_lists(self, lists: WordLists) -> Changes:
        """Keep ``lists`` as the open project's own word lists (ProjectError if they
        cannot be written), and check a text alone with them again."""
        self._project().set_word_lists(lists)
        return self.lists_changed()

    def lists_changed(self) -> Changes:
        """The proofreader's word lists changed: a text alone is checked with them again
        (its findings stay shown meanwhile; a collation of copies does not read them)."""
        if self.workspace.source is None or self.workspace.witnesses:
            return Changes()
        return self._notify(self._recollate())

    def _went_stale(self, changes: Changes) -> Changes:
        self._stale = True
        self._existing = []
        return self._notify(changes | self._recollate())

    def source_changed_on_disk(self) -> bool:
        return self.project is not None and self.project.source_changed_on_disk()

    def set_witness(self, witness_id: str) -> Changes:
        if witness_id not in self.witness_ids or witness_id == self.witness:
            return Changes()
        self.witness = witness_id
        return self._notify(Changes(witness=True))

    # -- collating ------------------------------------------------------------------------

    def request(self) -> CollationRequest | None:
        """What to collate now; for a project just opened, only its stored alignments."""
        request = self.workspace.request()
        project = self.project
        if request is not None and project is not None and not request.witnesses:
            own = project.word_lists()  # a text alone is spelled with its project's lists too
            if own != WordLists():
                # a user's list that cannot be read: the check reads them and says why
                with contextlib.suppress(ListFileError):
                    request = replace(request, lists=lists_for([user_folder()]).merged(own))
        if request is not None and project is None and self.projects_dir is not None:
            assert self.workspace.source is not None
            new = _NewProject(
                self.projects_dir,
                self.workspace.source,
                tuple((w.id, w.loaded) for w in self.workspace.witnesses),
            )
            with self._making_lock:  # only the latest request's is wanted
                self._new_for = {request.request_id: new}
        if (
            request is None
            or project is None
            or self.collation is None
            or self.collation.alignments
            or request.rules != tuple(project.rules)
            or self._texts() != [project.source.text, *(w.text for w in project.witnesses)]
        ):
            return self._adopting(request)
        stored = project.alignments()
        if not stored:
            return self._adopting(request)
        return replace(request, regions=tuple((wid, stored[wid]) for wid, _ in request.witnesses))

    def _adopting(self, request: CollationRequest | None) -> CollationRequest | None:
        """Note what an open project's adoption of this request's collation is placed
        against, for :meth:`prepare` to work it out in the worker."""
        project, ws = self.project, self.workspace
        if request is None or project is None or project.read_only or ws.source is None:
            return request
        adopting = _Adopting(
            project.basis(),
            ws.source,
            tuple((w.id, w.loaded) for w in ws.witnesses),
            project.file.path,
        )
        with self._making_lock:  # only the latest request's is wanted
            self._adopt_for = {request.request_id: adopting}
        return request

    def prepare(self, request: CollationRequest, collation: Collation) -> None:
        """Make the new project file for ``collation`` now, in the thread that collated it
        (the window's worker): writing 1M characters and 5,000 loci held the window's
        thread for 0.3-0.9 s.  :meth:`collated` takes it, or removes it when the work has
        changed meanwhile; :meth:`discard` removes it when the result is not delivered.
        The collation's regions are encoded here too, as the project file keeps them,
        for taking it (:class:`_Kept`).
        Thread-safe: it reads only what :meth:`request` noted for this request."""
        encoded = None
        ahead = request.ready_rows.of(collation) if request.ready_rows is not None else None
        if request.regions is None:  # (a project just opened: its alignments only)
            encoded = ahead.alignments if ahead is not None else regions_rows(collation)
            with self._making_lock:
                self._encoded[request.request_id] = encoded
        with self._making_lock:
            new = self._new_for.pop(request.request_id, None)
            adopting = self._adopt_for.pop(request.request_id, None)
        made = _Made()
        if new is not None:
            try:
                made.project = _new_project(new, collation)
                made.shown = _shown_of(made.project, collation)
            except ProjectError as exc:
                made.error = exc
            except OSError as exc:
                reason = os_reason(exc)
                made.error = ProjectError(
                    "project.cannot-write", name=new.folder.name, reason=reason
                )
        elif adopting is not None:
            # placed against the project as it was asked; taken only if it still is so
            witnesses = [stored_text(w, "witness", wid) for wid, w in adopting.witnesses]
            source = stored_text(adopting.source, "source")
            adoption = plan_adoption(adopting.basis, collation, source, witnesses, encoded, ahead)
            made.adoption = written_ahead(adoption, adopting.basis, adopting.path)
            made.path = adopting.path
            made.shown = adoption.shown(collation)
        else:
            return
        with self._making_lock:
            self._made[request.request_id] = made

    def discard(self, request_id: int) -> None:
        """A collation's result will not be taken: what :meth:`prepare` made for it goes."""
        with self._making_lock:
            made = self._made.pop(request_id, None)
            self._new_for.pop(request_id, None)
            self._adopt_for.pop(request_id, None)
            self._encoded.pop(request_id, None)
        if made is not None:
            made.remove()

    def cached(self, request: CollationRequest) -> Collation | None:
        """The collation of exactly this request's texts and rules made before in this
        session (the window takes it at once instead of collating: a rule toggled back),
        or None.  A text alone is not kept: its spelling check reads the user's lists."""
        key = _key(request)
        kept = self._kept.get(key) if key is not None else None
        return kept.collation if kept is not None else None

    def _keep(self, key: _Key | None, collation: Collation) -> _Kept | None:
        if key is None:
            return None
        kept = self._kept.pop(key, None)
        if kept is None or kept.collation is not collation:
            kept = _Kept(collation)
        self._kept[key] = kept  # the latest last
        while len(self._kept) > KEPT_COLLATIONS:  # the oldest goes, never the one shown
            del self._kept[next(k for k in self._kept if k != self._shown_key)]
        return kept

    def collate_now(
        self,
        *,
        cancel: Callable[[], bool] | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> Collated | None:
        """Collate the work as it stands, in this thread, and take the result (the command
        line; a session running its loop collates in the background by itself)."""
        request = self.request()
        if request is None:
            return None
        function = self._function
        return self.collated(
            request, compute(request, function=function, cancel=cancel, progress=progress)
        )

    def collated(self, request: CollationRequest, collation: Collation) -> Collated | None:
        """Take a finished collation; None if it is stale (the work changed since).

        A new collation becomes a project file at once; an open project is
        brought in line with it, every decision re-placed by its place in the
        source.  The current locus stays on its place.
        """
        taken = self._take(request, collation)
        if taken is None:
            return None
        changes, result = taken
        self._notify(changes)
        return result

    def _take(
        self, request: CollationRequest, collation: Collation
    ) -> tuple[Changes, Collated] | None:
        """:meth:`collated` without telling the observers: what changed, what taking did."""
        with self._making_lock:
            made = self._made.pop(request.request_id, None)
            encoded = self._encoded.pop(request.request_id, None)
        if not self.workspace.accept(request, collation):
            if made is not None:
                made.remove()
            return None
        self._stale = False
        if request.regions is not None and self.collation is not None:
            # the loci shown are the project's; only the panes' alignment was wanted
            self.collation = replace(self.collation, alignments=collation.alignments)
            return Changes(witness=True, current=True), Collated()
        before = self.current_locus()
        error: MessageError | None = None
        unplaced: list[Unplaced] = []
        had_project = self.project is not None
        if self._shown_key in self._kept:  # the rule set left: the likeliest to come back
            self._kept[self._shown_key] = self._kept.pop(self._shown_key)
        self._shown_key = _key(request)
        kept = self._keep(self._shown_key, collation)
        if kept is not None and kept.encoded is None:
            kept.encoded = encoded
        again: Collation | None = None
        try:
            if self.project is None and self.projects_dir is not None:
                if made is not None:
                    taking: _Made = made
                    made = None  # taken: not to be removed below
                    if taking.error is not None:
                        raise taking.error
                    assert taking.project is not None
                    self.project = taking.project
                    again = taking.shown
                else:
                    self.project = self._create_project(collation)
                self._taken(kept)
            elif self.project is not None and not self.project.read_only:
                # (a read-only project is shown as stored: nothing in it may change)
                if kept is not None and kept.taken and self.project.take_again(kept.taken):
                    again = kept.shown  # shown before, under the same ids
                elif self._same_as_project(collation):
                    self.project.keep_alignments(collation)
                    if kept is not None and kept.taken is None:
                        self._taken(kept)
                else:
                    planned = made.adoption if made is not None else None
                    adopted = self.project.adopt_planned(planned) if planned else None
                    shown_made = made.shown if made is not None else None
                    if planned is not None:
                        made = None  # taken, or its rows written ahead removed: none left
                    if adopted is None:
                        unplaced = self._adopt(collation, kept)
                    else:  # worked out in the worker
                        unplaced = adopted
                        again = shown_made
                    self._taken(kept)
        except ProjectError as exc:
            error = exc
        except OSError as exc:
            where = self.project.path if self.project else self.projects_dir or Path()
            error = ProjectError("project.cannot-write", name=where.name, reason=os_reason(exc))
        if made is not None:  # made for work that had a project by the time it came
            made.remove()
        if again is None and self.project is not None:
            again = _shown_of(self.project, collation)
        if again is not None:
            shown = again
            if kept is not None and kept.taken is not None and kept.shown is None:
                kept.shown = shown
        else:
            shown = replace(
                collation,
                loci=tuple(replace(loc, id=n) for n, loc in enumerate(collation.loci, 1)),
            )
        self._show(shown)
        self.current = self._same_place(before)
        if self.witness not in self.witness_ids:
            self.witness = self._first_witness()
        created = not had_project and self.project is not None
        # another project only when one was made: else Recent is not read again (I/O)
        changes = Changes(collation=True, current=True, witness=True, project=created, history=True)
        return changes, Collated(unplaced, error, created)

    # -- the loop -----------------------------------------------------------------------

    @property
    def stale(self) -> bool:
        """The texts or the rules changed since the collation shown was made: its
        highlights no longer fit them (the table keeps it until the next one comes)."""
        return self._stale

    @property
    def collating(self) -> bool:
        """A background collation runs whose result will be shown (or the look-ahead makes
        the rule set asked for)."""
        return self._awaited is not None or (
            self._background is not None and self._background.latest is not None
        )

    @property
    def looking_ahead(self) -> bool:
        """The rule sets one toggle away are being collated (app.session.ahead)."""
        return self._ahead is not None and self._ahead.is_running()

    def collate(self) -> Changes:
        """Collate the work as it stands, in the background: Collate again, or files that
        have a project already collated anew all the same (:meth:`existing_projects`)."""
        if self._background is None:
            raise RuntimeError("this session runs no loop: collate_now() collates here")
        self._existing = []
        return self._notify(self._recollate())

    def cancel(self) -> Changes:
        """Stop the background collation; what is shown stays (stale if the work changed)."""
        awaited = self._awaited is not None
        self._await(None)
        if self._ahead is not None:
            self._ahead.cancel()
        if self._background is None or not (self.collating or awaited):
            return Changes()
        self._background.cancel()
        self.progress = 0.0
        return self._notify(Changes(running=True))

    def shutdown(self, timeout: float | None = 30.0) -> bool:
        """Cancel and wait for the worker threads (seconds): False if one is still there."""
        ahead = self._ahead is None or self._ahead.shutdown(timeout)
        return (self._background is None or self._background.shutdown(timeout)) and ahead

    def _recollate(self) -> Changes:
        """What the loop does when the work changed: show the collation of the same texts
        and rules made before in this session at once, or submit the work to the worker;
        nothing without a loop."""
        if self._background is None:
            return Changes()
        self._await(None)
        request = self.request()
        key = _key(request) if request is not None else None
        kept = self._kept.get(key) if key is not None else None
        ahead = self._ahead.latest if self._ahead is not None else None
        if request is not None and kept is None and ahead is not None and _key(ahead) == key:
            # the look-ahead is making this very rule set: it goes on, and its result is
            # taken as a toggle's (_ahead_finished)
            self._background.cancel()
            self._await(request)
            self.progress = 0.0
            return Changes(running=True)
        if self._ahead is not None:  # what the proofreader asks for comes first
            self._ahead.cancel()
        if request is None:
            return Changes()
        if kept is not None and self._adopts() and not self._shown_again(kept):
            # made ahead and never shown, or shown before other decisions were made: placing
            # the decisions on it is the worker's work (Session.prepare), not this thread's
            # (0.2-0.5 s at 1M characters)
            self.progress = 0.0
            self._background.submit(replace(request, ready=kept.collation, ready_rows=kept.rows))
            return Changes(running=True)
        if kept is not None:  # collated before in this session (a rule toggled back)
            running = self.collating
            self._background.cancel()
            taken = self._take(request, kept.collation)
            changes, result = taken if taken is not None else (Changes(), None)
            self._look_ahead()
            return changes | Changes(running=running, collated=result)
        self.progress = 0.0
        self._background.submit(request)
        return Changes(running=True)

    def _shown_again(self, kept: _Kept) -> bool:
        """Whether the open project can show ``kept`` again as it showed it, at once."""
        return (
            kept.taken is not None
            and self.project is not None
            and self.project.can_take_again(kept.taken)
        )

    def _adopts(self) -> bool:
        """Whether taking a collation means placing the open project's decisions on it."""
        return self.project is not None and not self.project.read_only

    def _look_ahead(self) -> None:
        """Collate the next rule set one toggle away not kept yet, if the session looks
        ahead and has nothing else to do (app.session.ahead)."""
        if self._ahead is None or self.collating or self._stale or not self._adopts():
            return
        request = self.workspace.request()
        key = _key(request) if request is not None else None
        if request is None or key is None:
            return
        if len(request.source) + sum(len(text) for _, text in request.witnesses) > AHEAD_CHARACTERS:
            return
        for rules in neighbours(request.rules):
            ahead = replace(request, rules=rules)
            if _key(ahead) not in self._kept:
                self._ahead.submit(ahead)
                return

    def _ahead_finished(self, request: CollationRequest, collation: Collation) -> None:
        """A rule set one toggle away collated: kept for the toggle; then the next one.
        (Whatever changes the texts or the rules cancels the look-ahead first, so a result
        delivered here is still for the session's texts: app.session.worker.Background.)"""
        with self._making_lock:
            rows = self._rows_ahead.pop(request.request_id, None)
        key = _key(request)
        if key is not None and key not in self._kept:
            kept = self._keep(key, collation)
            if kept is not None:
                kept.rows = rows
        if self._awaited is not None and _key(self._awaited) == key:
            self._notify(self._recollate())  # made: placed in the worker, as any toggle's
            return
        self._look_ahead()

    def _ahead_ended(self, request: CollationRequest) -> None:
        """The look-ahead stopped without a result: if the proofreader was waiting for it,
        the rule set is collated as any toggle's."""
        if self._awaited is not None and _key(self._awaited) == _key(request):
            self._notify(self._recollate())

    def _ahead_progressed(self, request: CollationRequest, fraction: float) -> None:
        if self._awaited is not None and _key(self._awaited) == _key(request):
            self._progressed(request, fraction)

    def _await(self, request: CollationRequest | None) -> None:
        """Wait for the look-ahead's result for ``request`` (None: for nothing)."""
        self._awaited = request
        self._quiet.waited_for = request is not None

    def _encode_ahead(self, request: CollationRequest, collation: Collation) -> None:
        """In the look-ahead's worker: the collation's loci as rows, for its adoption."""
        rows = rows_ahead(collation)
        with self._making_lock:
            self._rows_ahead = {request.request_id: rows}  # only the latest is wanted

    def _rows_ahead_dropped(self, request_id: int) -> None:
        with self._making_lock:
            self._rows_ahead.pop(request_id, None)

    def _finished(self, request: CollationRequest, collation: Collation) -> None:
        taken = self._take(request, collation)
        if taken is None:
            self._notify(Changes(running=True))
            return
        changes, result = taken
        self._notify(changes | Changes(running=True, collated=result))
        self._look_ahead()

    def _failed(self, _request: CollationRequest, why: str) -> None:
        self._notify(Changes(running=True, failed=why))

    def _progressed(self, _request: CollationRequest, fraction: float) -> None:
        self.progress = fraction
        self._notify(Changes(progress=True))

    def _create_project(self, collation: Collation) -> Project:
        ws = self.workspace
        assert ws.source is not None and self.projects_dir is not None
        witnesses = tuple((w.id, w.loaded) for w in ws.witnesses)
        return _new_project(_NewProject(self.projects_dir, ws.source, witnesses), collation)

    def _texts(self) -> list[str]:
        assert self.workspace.source is not None
        return [self.workspace.source.text, *(w.text for w in self.workspace.witnesses)]

    def _same_as_project(self, collation: Collation) -> bool:
        project = self.project
        assert project is not None
        if (
            collation.rules != tuple(project.rules)  # a rule toggled: told at once
            or len(collation.loci) != len(project.loci)
            or self.witness_ids != list(project.witness_ids)
        ):
            return False
        fresh = [(loc.start, loc.end, loc.readings, loc.classes) for loc in collation.loci]
        stored = [(loc.start, loc.end, loc.readings, loc.classes) for loc in project.loci]
        return fresh == stored and self._texts() == [
            project.source.text,
            *(w.text for w in project.witnesses),
        ]

    def _adopt(self, collation: Collation, kept: _Kept | None) -> list[Unplaced]:
        project = self.project
        ws = self.workspace
        assert project is not None and ws.source is not None
        texts = [stored_text(w.loaded, "witness", w.id) for w in ws.witnesses]
        rows = kept.alignments if kept is not None else None
        return project.adopt(collation, stored_text(ws.source, "source"), texts, alignments=rows)

    def _taken(self, kept: _Kept | None) -> None:
        """Remember how the project shows ``kept`` now, to show it again (take_again)."""
        if kept is None or self.project is None:
            return
        kept.taken = self.project.taken(kept.alignments)
        kept.shown = None  # made by _shown_of, next

    def _show(self, collation: Collation | None) -> None:
        self.collation = collation
        self._by_id = {loc.id: row for row, loc in enumerate(self.loci)}
        if self.current not in self._by_id:
            self.current = None

    def _same_place(self, before: Locus | None) -> int | None:
        """The locus to select after a re-collation: the same id, else the nearest place."""
        if not self.loci:
            return None
        if before is not None and before.id in self._by_id:
            return before.id
        if before is None:
            return self.current if self.current is not None else self.loci[0].id
        after = [loc for loc in self.loci if loc.end >= before.start]
        return (after[0] if after else self.loci[-1]).id

    # -- moving around --------------------------------------------------------------------

    def select(self, locus_id: int | None) -> Changes:
        """Make ``locus_id`` current; a note typed for the previous one is saved to it first."""
        if locus_id is not None and locus_id not in self._by_id:
            raise KeyError(locus_id)
        changes = self._commit_draft()
        if locus_id == self.current:
            return changes
        self.current = locus_id
        return self._notify(Changes(current=True))

    def step(self, order: Sequence[int], direction: int) -> Step | None:
        """The next (``direction`` +1) or previous (-1) locus in ``order``, wrapping round.

        ``order`` is the ids in the order the proofreader sees them (the
        table's filter and sort); None if it is empty.
        """
        if not order:
            return None
        if self.current in order:
            target = order.index(self.current) + direction
        else:
            target = 0 if direction > 0 else len(order) - 1
            return Step(order[target])
        if target >= len(order):
            return Step(order[0], wrapped=True)
        if target < 0:
            return Step(order[-1], wrapped=True)
        return Step(order[target])

    def next_undecided(self, order: Sequence[int], after: int | None) -> int | None:
        """The first undecided locus after ``after`` in ``order``, wrapping; None if none is.

        ``order`` is the view order as it was *before* the decision: under a
        filter on "undecided" the decided locus has left the view, and
        counting from its old row would skip the one after it.
        """
        start = order.index(after) if after in order else -1
        n = len(order)
        for k in range(1, n + 1):
            lid = order[(start + k) % n]
            if lid != after and lid in self._by_id and not self.decision(lid).decided:
                return lid
        return None

    # -- notes ------------------------------------------------------------------------------

    def type_note(self, text: str) -> None:
        """A note being typed for the current locus: kept for it until committed."""
        if self.current is not None:
            self._draft = (self.current, text)

    def commit_note(self) -> Changes:
        """Save a note being typed, on the locus it was typed for (Enter, or leaving it)."""
        return self._commit_draft()

    def _commit_draft(self) -> Changes:
        draft, self._draft = self._draft, None
        if draft is None or self.project is None or self.project.read_only:
            return Changes()
        locus_id, text = draft
        if locus_id not in self._by_id or self.decision(locus_id).note == text:
            return Changes()
        op = self.project.set_note(locus_id, text)
        return self._changed(op, select=False)

    def set_note(self, locus_id: int, text: str) -> Changes:
        """Set a note at once (the command line; a test)."""
        if self._draft is not None and self._draft[0] == locus_id:
            self._draft = None
        op = self._project().set_note(locus_id, text)
        return self._changed(op, select=False)

    # -- deciding ---------------------------------------------------------------------------

    def acceptable_witness(self, locus_id: int | None, witness: str | None = None) -> str | None:
        """Whose reading "accept" takes at a locus, or None when that witness agrees there.

        With no witness named, the one shown; where it agrees with the source
        but the locus has exactly one reading (a check's fix, another
        witness's), that one.
        """
        locus = self.locus(locus_id)
        wid = witness or self.witness
        if locus is None or wid is None:
            return None
        if wid in locus.readings:
            return wid
        if witness is None and len(locus.readings) == 1:
            return next(iter(locus.readings))
        return None

    def deciding(
        self, locus_ids: Sequence[int], choice: Choice, note: str | None = None
    ) -> dict[int, Decision]:
        """The decisions ``choice`` would record (``Project.deciding``), to ask about their
        conflicts before recording them."""
        return self._project(writing=False).deciding(locus_ids, choice, note)

    def acceptance(self, locus_ids: Sequence[int], witness: str) -> dict[int, Decision]:
        """The decisions accepting ``witness``'s reading at ``locus_ids`` would record."""
        return self.deciding(locus_ids, Choice.accept(witness))

    def editing(self, locus_id: int, reading: str) -> dict[int, Decision]:
        """The decision an own ``reading`` at ``locus_id`` would record (its note kept)."""
        return self.deciding([locus_id], Choice.edit(reading))

    def conflicts(self, decisions: Mapping[int, Decision]) -> dict[int, list[int]]:
        """For each of ``decisions`` that overlaps another text-changing one: the others.

        Loci of different copies may nest (one copy's one-character fix inside
        another's missing paragraph); applying both readings would splice one
        into the other, so the window asks before it records such a pair.
        """
        project = self._project(writing=False)
        out = {}
        for lid, decision in decisions.items():
            others = project.conflicts(lid, decision, decisions)
            if others:
                out[lid] = others
        return out

    def linked(self, locus_id: int | None) -> list[Locus]:
        """The loci decided with ``locus_id``: a move's other end, a pair's other half."""
        if self.project is None or locus_id is None or self.locus(locus_id) is None:
            return []
        others = self.project.linked([locus_id])[1:]
        return [loc for loc in map(self.locus, others) if loc is not None]

    def enclosing(self, locus_id: int | None) -> Locus | None:
        """The innermost locus around ``locus_id`` (another copy's longer one), if any."""
        locus = self.locus(locus_id)
        if locus is None or locus.parent is None or not 0 <= locus.parent < len(self.loci):
            return None
        return self.loci[locus.parent]

    def decide(
        self,
        locus_ids: Sequence[int],
        choice: Choice,
        *,
        note: str | None = None,
        displace: bool = False,
    ) -> Changes:
        """Record ``choice`` at ``locus_ids`` as one undoable step: the one path for the
        window, the command line and the tests.  ``note`` replaces the loci's notes in the
        same step; ``displace`` undecides what the step conflicts with (one Undo brings
        those back)."""
        self._commit_draft()
        op = self._project().decide(locus_ids, choice, note=note, displace=displace)
        return self._changed(op)

    def accept(self, locus_ids: Sequence[int], witness: str, *, displace: bool = False) -> Changes:
        return self.decide(locus_ids, Choice.accept(witness), displace=displace)

    def reject(self, locus_ids: Sequence[int]) -> Changes:
        return self.decide(locus_ids, Choice.reject())

    def edit(self, locus_id: int, reading: str, *, displace: bool = False) -> Changes:
        return self.decide([locus_id], Choice.edit(reading), displace=displace)

    def undecide(self, locus_ids: Sequence[int]) -> Changes:
        return self.decide(locus_ids, Choice.undecide())

    def majority_count(self) -> int:
        """How many undecided readings :meth:`accept_majority` would accept."""
        return 0 if self.project is None else len(self.project.majority_decisions())

    def context(self, locus_id: int | None, width: int = 8) -> tuple[str, str]:
        """The source on each side of a locus (``width`` characters), to show where it is."""
        locus = self.locus(locus_id)
        source = self.workspace.source
        if locus is None or source is None:
            return "", ""
        text = source.text
        return text[max(0, locus.start - width) : locus.start], text[locus.end : locus.end + width]

    def accept_majority(self) -> Changes:
        self._commit_draft()
        return self._changed(self._project().accept_majority())

    def undecided_among(
        self, locus_ids: Iterable[int], *, accepting: str | None = None
    ) -> list[int]:
        """The undecided ones of ``locus_ids``; with ``accepting``, only where it has a reading."""
        out = []
        for lid in locus_ids:
            locus = self.locus(lid)
            if locus is None or self.decision(lid).decided:
                continue
            if accepting is not None and accepting not in locus.readings:
                continue
            out.append(lid)
        return out

    def of_kind(self, locus_id: int, witness: str | None) -> list[int]:
        """Every locus of the same kind as ``locus_id`` (as ``witness`` differs there)."""
        locus = self.locus(locus_id)
        if locus is None:
            return []
        wid = witness or ""
        kind = locus.kinds.get(wid, locus.kind)
        return [
            loc.id
            for loc in self.loci
            if loc.kinds.get(wid, loc.kind) == kind and (witness is None or wid in loc.readings)
        ]

    def undo(self) -> Changes:
        """Take back the latest step; the divergence it changed becomes current."""
        self._commit_draft()
        op = self._project(writing=True).log.undo()
        return self._changed(op, select=True)

    def redo(self) -> Changes:
        self._commit_draft()
        op = self._project(writing=True).log.redo()
        return self._changed(op, select=True)

    def _project(self, *, writing: bool = True) -> Project:
        if self.project is None:
            raise ReadOnlyError("decisions.no-project")
        if writing and self.project.read_only:
            raise ReadOnlyError("decisions.read-only")
        return self.project

    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError("decisions.read-only")

    def _changed(self, op: Operation | None, *, select: bool = False) -> Changes:
        if op is None:
            return Changes()
        ids = frozenset(c.locus_id for c in op.changes)
        changes = Changes(decisions=ids, history=True)
        if select:
            first = op.changes[0].locus_id
            if first in self._by_id and first != self.current:
                self.current = first
                changes = changes | Changes(current=True)
        return self._notify(changes)


def _shown_of(project: Project, collation: Collation) -> Collation:
    """What to show of ``project`` after ``collation``: its loci under the project's ids.

    The project's loci were just made from this very collation (created,
    adopted, or found the same), in its order: the collation's own loci,
    vote and nesting included, only take the ids; working the vote out
    again from the stored loci cost 0.4 s of the window's thread at 1M.
    A read-only project that differs shows what it has stored.
    """
    shown = _shown_as(project.loci, collation)
    if shown is not None:
        return shown
    return replace(project.collation(), alignments=collation.alignments)


def _shown_as(stored: Sequence[StoredLocus], collation: Collation) -> Collation | None:
    """``collation``'s loci under the ids of ``stored``, made from it in its order; None if
    they were not (a read-only project that differs)."""
    if len(stored) == len(collation.loci) and all(
        (s.start, s.end, s.readings) == (loc.start, loc.end, loc.readings)
        for s, loc in zip(stored, collation.loci, strict=True)
    ):
        loci = tuple(with_id(loc, s.id) for loc, s in zip(collation.loci, stored, strict=True))
        return replace(collation, loci=loci)
    return None
