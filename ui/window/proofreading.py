"""Deciding loci in the window: the keys, bulk decisions, undo and redo.

The decisions and their one history live in the engine
(:class:`app.session.session.Session`); this controller turns keys and menu
choices into calls on it, asks before bulk steps, and shows why a step could
not be taken.  What a step changed comes back to the window through the
session's observers, so nothing here refreshes a widget.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QInputDialog, QWidget

from app.classes.checks import CHECK_WITNESS
from app.session.session import Changes, Session
from app.store.decisions import Decision, ReadOnlyError
from app.store.records import ProjectError
from ui.i18n import witness_label
from ui.messages import read_only_text
from ui.widgets.apparatus import shown
from ui.window.host import Host


class Proofreading(QObject):
    """Decision actions of one main window, on its session."""

    def __init__(self, host: Host, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.w = parent
        """The parent of the dialogs this controller opens."""

    @property
    def session(self) -> Session:
        return self.host.session

    # -- single loci ------------------------------------------------------------------

    def accept(self, witness: str | None = None) -> None:
        """Accept ``witness``'s reading (default: the witness shown in the right pane)."""
        session = self.session
        lid = session.current
        if lid is None:
            return
        wid = session.acceptable_witness(lid, witness)
        if wid is None:
            if witness is None and session.witness is not None:
                self.host.statusBar().showMessage(
                    QCoreApplication.translate(
                        "Proofreading",
                        "{0} agrees with the source here: press 1–9 for another witness.",
                    ).format(session.witness),
                    5000,
                )
            return
        displace = self._displace(session.acceptance([lid], wid))
        if displace is not None:
            self._decide(lambda: session.accept([lid], wid, displace=displace))

    def _displace(self, decisions: dict[int, Decision]) -> bool | None:
        """Whether to undecide the readings ``decisions`` would overlap: False when there
        are none, True when the proofreader says so, None when they keep them (no step)."""
        clashes = self.session.conflicts(decisions)
        if not clashes:
            return False
        mine, others = next(iter(clashes.items()))
        named = ", ".join(f"#{self._number(o)}" for o in others)
        if self.host.confirm(
            QCoreApplication.translate("Proofreading", "Overlapping readings"),
            QCoreApplication.translate(
                "Proofreading",
                "This reading at #{0} overlaps {1}, whose decided reading also changes the "
                "text; both cannot stand. Undecide {1} and take this one?",
            ).format(self._number(mine), named),
        ):
            return True
        self.host.statusBar().showMessage(
            QCoreApplication.translate(
                "Proofreading", "Nothing decided: {0} keeps its reading."
            ).format(named),
            5000,
        )
        return None

    def _number(self, locus_id: int) -> int:
        """The divergence's number as the table shows it."""
        row = self.session.row_of(locus_id)
        return locus_id if row is None else row + 1

    def accept_nth(self, n: int) -> None:
        witnesses = self.session.witness_ids
        if 0 <= n < len(witnesses):
            self.accept(witnesses[n])

    def reject(self) -> None:
        lid = self.session.current
        if lid is not None:
            self._decide(lambda: self.session.reject([lid]))

    def undecide(self) -> None:
        lid = self.session.current
        if lid is not None:
            self._decide(lambda: self.session.undecide([lid]), advance=False)

    def edit(self) -> None:
        """Type an own reading for the selected locus (E)."""
        session = self.session
        locus = session.current_locus()
        if locus is None or session.project is None:
            return
        decision = session.decision(locus.id)
        start = decision.reading if decision.reading is not None else locus.source_text
        before, after = session.context(locus.id)
        place = shown(f"…{before}【{locus.source_text or '^'}】{after}…")
        ask = (
            QCoreApplication.translate("Proofreading", "Text to insert at {0}:")
            if not locus.source_text
            else QCoreApplication.translate("Proofreading", "Reading for {0}:")
        )
        text, ok = QInputDialog.getText(
            self.w,
            QCoreApplication.translate("Proofreading", "Own reading"),
            ask.format(place),
            text=start,
        )
        if ok:
            displace = self._displace(session.editing(locus.id, text))
            if displace is not None:
                self._decide(lambda: session.edit(locus.id, text, displace=displace))

    def commit_note(self) -> None:
        """The note box was left or Enter pressed: the note goes to the locus it was typed for."""
        self.guard(self.session.commit_note)

    # -- bulk -------------------------------------------------------------------------

    def bulk(self, accept: bool, scope: str) -> None:
        """Decide every undecided locus of the selected kind, or of the current filter."""
        session = self.session
        if session.project is None:
            return
        wid = _bulk_witness(session)
        if scope == "filter":
            candidates = self.host.view_order()
        elif session.current is not None:
            candidates = session.of_kind(session.current, wid)
        else:
            candidates = []
        ids = session.undecided_among(candidates, accepting=wid if accept else None)
        clashing: set[int] = set()
        if accept and wid is not None and ids:
            # a bulk step never undoes another decision: overlapping readings are left out
            clashing = set(session.conflicts(session.acceptance(ids, wid)))
            ids = [lid for lid in ids if lid not in clashing]
        if not ids:
            self.host.statusBar().showMessage(
                QCoreApplication.translate("Proofreading", "Nothing undecided to decide there."),
                4000,
            )
            return
        question = _bulk_question(accept, scope == "filter", wid or "", len(ids))
        if clashing:
            question += " " + QCoreApplication.translate(
                "Proofreading", "{0} more overlap readings already decided and are left out."
            ).format(len(clashing))
        if not self.host.confirm(
            QCoreApplication.translate("Proofreading", "Decide many"), question
        ):
            return
        if accept and wid is not None:
            self._decide(lambda: session.accept(ids, wid), advance=False)
        else:
            self._decide(lambda: session.reject(ids), advance=False)

    def accept_majority(self) -> None:
        """Accept every undecided reading that most copies share, as one undoable step."""
        session = self.session
        if session.project is None:
            return
        if len(session.witness_ids) < 2:
            self.host.statusBar().showMessage(
                QCoreApplication.translate(
                    "Proofreading", "A majority needs two or more variants."
                ),
                5000,
            )
            return
        count = session.majority_count()
        if count == 0:
            self.host.statusBar().showMessage(
                QCoreApplication.translate(
                    "Proofreading", "No undecided reading is shared by a majority of the copies."
                ),
                5000,
            )
            return
        question = (
            QCoreApplication.translate(
                "Proofreading",
                "Accept the one undecided reading that a majority of the copies shares?",
            )
            if count == 1
            else QCoreApplication.translate(
                "Proofreading",
                "Accept the {0} undecided readings that a majority of the copies shares?",
            ).format(count)
        )
        if self.host.confirm(QCoreApplication.translate("Proofreading", "Decide many"), question):
            self._decide(session.accept_majority, advance=False)

    # -- undo -------------------------------------------------------------------------

    def undo(self) -> None:
        if self.session.can_undo():
            self.guard(self.session.undo, QCoreApplication.translate("Proofreading", "Undo failed"))

    def redo(self) -> None:
        if self.session.can_redo():
            self.guard(self.session.redo, QCoreApplication.translate("Proofreading", "Undo failed"))

    # -- plumbing -----------------------------------------------------------------------

    def _decide(self, step: Callable[[], Changes], advance: bool = True) -> None:
        """Run a decision; on success move to the next undecided locus in view order."""
        session = self.session
        if session.read_only and session.project is not None:
            self.host.statusBar().showMessage(
                QCoreApplication.translate("Proofreading", "Read-only: {0}").format(
                    read_only_text(session.project.file)
                ),
                6000,
            )
            return
        order = self.host.view_order()  # before the step: a filter may hide the decided row
        decided = session.current
        changes = self.guard(step)
        if not changes or not changes.decisions or not advance:
            return
        target = session.next_undecided(order, decided)
        if target is None:
            self.host.statusBar().showMessage(
                QCoreApplication.translate("Proofreading", "Every divergence shown is decided."),
                5000,
            )
            return
        session.select(target)

    def guard(self, step: Callable[[], Changes], title: str | None = None) -> Changes | None:
        """Run a session step; a failure is a dialog in the interface language, not a crash."""
        try:
            return step()
        except (ProjectError, ReadOnlyError, OSError) as exc:
            shown = title or QCoreApplication.translate(
                "Proofreading", "The decision was not saved"
            )
            self.host.show_error(shown, exc)
            return None


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
    return text.format(witness_label(wid), count)


def _bulk_witness(session: Session) -> str | None:
    """Whose readings a bulk step takes: the shown copy's, or the source checks' when the
    current divergence is a check's finding the copy does not read (332 punctuation
    findings of an OCR page are accepted at once, by kind, class or filter)."""
    wid = session.witness
    current = None if session.current is None else session.locus(session.current)
    if (
        current is not None
        and (wid is None or wid not in current.readings)
        and CHECK_WITNESS in current.readings
    ):
        return CHECK_WITNESS
    return wid
