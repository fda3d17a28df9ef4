"""Deciding loci in the window: the keys, bulk decisions, undo and redo.

The decisions and their history live in the engine (:class:`app.project.project.Project`
and its :class:`~app.project.decisions.DecisionLog`); this controller turns keys and
menu choices into calls on it and mirrors each operation onto a QUndoStack,
so Edit ▸ Undo and the History view show exactly the core's stack.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.project.decisions import Operation, ReadOnlyError
from app.project.file import ProjectError
from app.project.project import Project
from ui.messages import read_only_text

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow


# How the History view names an operation, by the status it leaves: one locus, many.
_HISTORY = {
    "accepted": (
        QT_TRANSLATE_NOOP("Proofreading", "Accept #{0} ({1})"),
        QT_TRANSLATE_NOOP("Proofreading", "Accept {0} divergences"),
    ),
    "rejected": (
        QT_TRANSLATE_NOOP("Proofreading", "Reject #{0}"),
        QT_TRANSLATE_NOOP("Proofreading", "Reject {0} divergences"),
    ),
    "edited": (
        QT_TRANSLATE_NOOP("Proofreading", "Own reading at #{0}"),
        QT_TRANSLATE_NOOP("Proofreading", "Own readings at {0} divergences"),
    ),
    "undecided": (
        QT_TRANSLATE_NOOP("Proofreading", "Undecide #{0}"),
        QT_TRANSLATE_NOOP("Proofreading", "Undecide {0} divergences"),
    ),
}


def history_text(op: Operation) -> str:
    """The History view's name of ``op``, in the interface language.

    The core names operations in English, and stores that name in the project
    file; the window names them again from what changed, so the History reads in
    the language of the window whatever language made the project.
    """
    changes = op.changes
    statuses = {c.after.status for c in changes}
    if not changes or len(statuses) != 1:
        return op.label
    first = changes[0]
    if all(replace(c.before, note=c.after.note) == c.after for c in changes):
        return QCoreApplication.translate("Proofreading", "Note on #{0}").format(first.locus_id)
    forms = _HISTORY.get(statuses.pop())
    if forms is None:
        return op.label
    if len(changes) > 1:
        return QCoreApplication.translate("Proofreading", str(forms[1])).format(len(changes))
    return QCoreApplication.translate("Proofreading", str(forms[0])).format(
        first.locus_id, first.after.witness or ""
    )


class DecisionCommand(QUndoCommand):
    """One core operation on the Qt undo stack; undo and redo go back to the core."""

    def __init__(self, project: Project, op: Operation, changed: Callable[[], None]) -> None:
        super().__init__(history_text(op))
        self._project = project
        self._changed = changed
        self._done = True  # the core applied it already; QUndoStack.push calls redo()

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._project.log.redo()
        self._changed()

    def undo(self) -> None:
        self._project.log.undo()
        self._changed()


class Proofreading(QObject):
    """Decision actions of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.undo_stack = QUndoStack(self)

    @property
    def project(self) -> Project | None:
        return self.w.project

    def reset(self) -> None:
        """A new project or a re-collation: old operations no longer apply."""
        self.undo_stack.clear()

    # -- single loci ------------------------------------------------------------------

    def accept(self, witness: str | None = None) -> None:
        """Accept ``witness``'s reading (default: the witness shown in the right pane)."""
        ids = self._current_ids()
        wid = witness or self.w.current_witness()
        locus = self.w.current_locus()
        if not ids or wid is None or locus is None:
            return
        if witness is None and wid not in locus.readings:
            if len(locus.readings) != 1:
                self.w.statusBar().showMessage(
                    QCoreApplication.translate(
                        "Proofreading",
                        "{0} agrees with the source here: press 1–9 for another witness.",
                    ).format(wid),
                    5000,
                )
                return
            wid = next(iter(locus.readings))  # the one reading there is (a check's fix, …)
        self._run(lambda p: p.accept(ids, wid))

    def accept_nth(self, n: int) -> None:
        witnesses = self.w.workspace.witness_ids
        if 0 <= n < len(witnesses):
            self.accept(witnesses[n])

    def reject(self) -> None:
        ids = self._current_ids()
        if ids:
            self._run(lambda p: p.reject(ids))

    def undecide(self) -> None:
        ids = self._current_ids()
        if ids:
            self._run(lambda p: p.undecide(ids), advance=False)

    def edit(self) -> None:
        """Type an own reading for the selected locus (E)."""
        project, ids = self.project, self._current_ids()
        if project is None or not ids:
            return
        locus = project.locus(ids[0])
        decision = project.log.get(ids[0])
        start = decision.reading if decision.reading is not None else locus.source_text
        text, ok = QInputDialog.getText(
            self.w,
            QCoreApplication.translate("Proofreading", "Own reading"),
            QCoreApplication.translate("Proofreading", "Reading for “{0}”:").format(
                locus.source_text
            ),
            text=start,
        )
        if ok:
            self._run(lambda p: p.edit(ids[0], text))

    def set_note(self, note: str) -> None:
        ids = self._current_ids()
        if ids and self.project is not None and self.project.log.get(ids[0]).note != note:
            self._run(lambda p: p.set_note(ids[0], note), advance=False)

    # -- bulk -------------------------------------------------------------------------

    def bulk(self, accept: bool, scope: str) -> None:
        """Decide every undecided locus of the selected kind, or of the current filter."""
        project = self.project
        if project is None:
            return
        wid = self.w.current_witness()
        rows = self.w.apparatus.visible_rows() if scope == "filter" else self._rows_of_kind()
        ids = [
            self.w.locus_ids[r]
            for r in rows
            if project.log.get(self.w.locus_ids[r]).status == "undecided"
            and (not accept or wid in project.locus(self.w.locus_ids[r]).readings)
        ]
        if not ids:
            self.w.statusBar().showMessage(
                QCoreApplication.translate("Proofreading", "Nothing undecided to decide there."),
                4000,
            )
            return
        question = _bulk_question(accept, scope == "filter", wid or "", len(ids))
        answer = QMessageBox.question(
            self.w, QCoreApplication.translate("Proofreading", "Decide many"), question
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if accept and wid is not None:
            self._run(lambda p: p.accept(ids, wid), advance=False)
        else:
            self._run(lambda p: p.reject(ids), advance=False)

    def accept_majority(self) -> None:
        """Accept every undecided reading that most copies share, as one undoable step."""
        project = self.project
        if project is None:
            return
        if len(project.witnesses) < 2:
            self.w.statusBar().showMessage(
                QCoreApplication.translate(
                    "Proofreading", "A majority needs two or more variants."
                ),
                5000,
            )
            return
        answer = QMessageBox.question(
            self.w,
            QCoreApplication.translate("Proofreading", "Decide many"),
            QCoreApplication.translate(
                "Proofreading",
                "Accept every undecided reading that a majority of the copies shares?",
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda p: p.accept_majority(), advance=False)

    def _rows_of_kind(self) -> list[int]:
        locus = self.w.current_locus()
        collation = self.w.collation()
        if locus is None or collation is None:
            return []
        wid = self.w.current_witness()
        kind = locus.kinds.get(wid or "", locus.kind)
        return [
            r
            for r, loc in enumerate(collation.loci)
            if loc.kinds.get(wid or "", loc.kind) == kind and (wid is None or wid in loc.readings)
        ]

    # -- undo -------------------------------------------------------------------------

    def undo(self) -> None:
        self._guarded(self.undo_stack.undo)

    def redo(self) -> None:
        self._guarded(self.undo_stack.redo)

    # -- showing decisions ------------------------------------------------------------

    def decisions_changed(self) -> None:
        """A decision was made, undone or redone: refresh what shows decisions."""
        self.w.apparatus.decisions_changed()
        self.w.update_counts()
        self.w.update_corrected()
        locus = self.w.current_locus()
        row = self.w.apparatus.current_row()
        if locus is not None and row is not None:
            self.w.show_panel(row, locus)

    def select_next_undecided(self) -> None:
        """After a decision, on to the next undecided locus in the table's order."""
        count = self.w.apparatus.visible_count()
        pos = self.w.apparatus.current_view_row()
        start = -1 if pos is None else pos
        for k in range(1, count + 1):
            row = self.w.apparatus.row_at_view((start + k) % count)
            if self.w.decision_of_row(row).status == "undecided":
                self.w.select_locus(row)
                return
        self.w.statusBar().showMessage(
            QCoreApplication.translate("Proofreading", "Every divergence shown is decided."), 5000
        )

    # -- plumbing -----------------------------------------------------------------------

    def _current_ids(self) -> list[int]:
        row = self.w.apparatus.current_row()
        if row is None or self.project is None or row >= len(self.w.locus_ids):
            return []
        return [self.w.locus_ids[row]]

    def _run(self, action: Callable[[Project], Operation | None], advance: bool = True) -> None:
        project = self.project
        if project is None:
            return
        if project.read_only:
            self.w.statusBar().showMessage(
                QCoreApplication.translate("Proofreading", "Read-only: {0}").format(
                    read_only_text(project.file)
                ),
                6000,
            )
            return
        try:
            op = action(project)
        except (ProjectError, ReadOnlyError, OSError) as exc:
            self.w.show_error(
                QCoreApplication.translate("Proofreading", "The decision was not saved"), exc
            )
            return
        if op is None:
            return
        self.undo_stack.push(DecisionCommand(project, op, self.decisions_changed))
        self.decisions_changed()
        if advance:
            self.select_next_undecided()

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except (ProjectError, ReadOnlyError, OSError) as exc:
            self.w.show_error(QCoreApplication.translate("Proofreading", "Undo failed"), exc)


def _bulk_question(accept: bool, in_filter: bool, wid: str, count: int) -> str:
    """The question before a bulk decision: whole sentences, not pieces glued
    together, so each language can order them."""
    if accept and in_filter:
        text = QCoreApplication.translate(
            "Proofreading",
            "Accept {0}'s reading at {1} undecided divergences in the current filter?",
        )
    elif accept:
        text = QCoreApplication.translate(
            "Proofreading", "Accept {0}'s reading at {1} undecided divergences of this kind?"
        )
    elif in_filter:
        text = QCoreApplication.translate(
            "Proofreading", "Reject {1} undecided divergences in the current filter?"
        )
    else:
        text = QCoreApplication.translate(
            "Proofreading", "Reject {1} undecided divergences of this kind?"
        )
    return text.format(wid, count)
