"""The apparatus table: one row per locus, a thin Qt adapter over the engine's loci.

The model holds no state of its own beyond the collation it adapts; sorting
and filtering (by kind, witness and status) live in a proxy, so the row
number of a locus in the model is always its index in ``Collation.loci``.
Outside the model a locus is known by its id (``LOCUS_ROLE``, the decisions,
the OCR's doubts): a row is only where Qt draws it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from app.classes.checks import CHECK_WITNESS
from app.collation.loci import Collation, Locus
from app.store.decisions import STATUSES, UNDECIDED, Decision
from app.text.lines import LineIndex
from app.text.pages import PageMap
from ui.colors import class_label, is_dark, kind_background, kind_label, text_color
from ui.i18n import status_label, witness_label

LOCUS_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ModelIndex = QModelIndex | QPersistentModelIndex

# Column headers, marked for pyside6-lupdate and translated when shown.
_FIXED = (
    "#",
    str(QT_TRANSLATE_NOOP("ApparatusModel", "Position")),
    str(QT_TRANSLATE_NOOP("ApparatusModel", "Source")),
)
_TAIL = (
    str(QT_TRANSLATE_NOOP("ApparatusModel", "Kind")),
    str(QT_TRANSLATE_NOOP("ApparatusModel", "Class")),
    str(QT_TRANSLATE_NOOP("ApparatusModel", "Agreement")),
    str(QT_TRANSLATE_NOOP("ApparatusModel", "Status")),
)
_CELL_LIMIT = 40


OCR_DOUBT = "ocr_doubt"
"""The class filter's entry for the divergences where OCR likely misread (app/collation/
ocr_doubt.py): not a class of the reading, a warning about a scan's reading of it."""
OCR_DOUBT_LABEL = "OCR存疑"
"""Chinese in every language, as the class labels are."""

_STATUS_READING = 8
"""Characters of an own reading in the Status column (the panel shows it whole)."""
_NAME = 20
"""Characters of a witness name in the Status column and the status bar: longer file
names are cut in the middle."""


def short_name(name: str, limit: int = _NAME) -> str:
    """A long file name cut in the middle (``002_4ea9629…_county_archive``): both ends tell
    copies apart."""
    if len(name) <= limit:
        return name
    head = (limit - 1) // 2
    return name[:head] + "…" + name[len(name) - (limit - 1 - head) :]


def shown(text: str) -> str:
    """A reading as one table cell: visible line breaks, cut when long, ∅ for nothing."""
    cell = text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", "⇥")
    if len(cell) > _CELL_LIMIT:
        cell = cell[: _CELL_LIMIT - 1] + "…"
    return cell or "∅"


class ApparatusModel(QAbstractTableModel):
    """Rows are ``collation.loci`` in order: #, position, source, witnesses, kind, status."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._collation: Collation | None = None
        self._witnesses: tuple[str, ...] = ()
        self._lines = LineIndex("")
        self._pages: PageMap | None = None
        self._decision: Callable[[int], Decision] = lambda _id: UNDECIDED
        self._doubts: dict[int, frozenset[str]] = {}
        self._row_of: dict[int, int] = {}

    # -- the adapted object -------------------------------------------------

    def set_collation(self, collation: Collation | None, lines: LineIndex | None = None) -> None:
        """Show ``collation``; ``lines``: its source's line starts, when the caller has
        them already (else worked out here)."""
        self.beginResetModel()
        self._collation = collation
        self._witnesses = collation.witness_ids if collation else ()
        if collation is not None and any(CHECK_WITNESS in loc.readings for loc in collation.loci):
            self._witnesses = (*self._witnesses, CHECK_WITNESS)
        self._lines = lines or LineIndex(collation.source if collation else "")
        self._row_of = {loc.id: row for row, loc in enumerate(collation.loci)} if collation else {}
        self.endResetModel()

    def row_of(self, locus_id: int) -> int | None:
        """Where the locus is in the model (its source order), None if it is not there."""
        return self._row_of.get(locus_id)

    def collation(self) -> Collation | None:
        return self._collation

    def set_pages(self, pages: PageMap | None) -> None:
        """A PDF source's page map: the Position column then reads page:line."""
        self._pages = pages
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(self.index(0, 1), self.index(rows - 1, 1))

    def set_ocr_doubts(self, doubts: dict[int, frozenset[str]]) -> None:
        """The loci (by id) where OCR likely misread, each with the texts it misread in
        ("" for the source, else witness ids): the Class column says so, the class filter
        offers them."""
        self._doubts = doubts
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(
                self.index(0, self.class_column), self.index(rows - 1, self.class_column)
            )

    def ocr_doubt(self, row: int, witness: str | None = None) -> bool:
        """Whether OCR likely misread at ``row`` (in the source or ``witness``, or anywhere)."""
        texts = self._doubts.get(self.locus(row).id) if self._doubts else None
        if not texts:
            return False
        return witness is None or witness in texts or "" in texts

    def position(self, offset: int) -> str:
        """``line:column`` of a source offset, or ``page:line`` on a PDF proof."""
        if self._pages is not None and offset <= len(self._pages):
            return f"{self._pages.page(offset)}:{self._pages.line(offset)}"
        line, column = self._lines.line_col(offset)
        return f"{line}:{column}"

    def locus(self, row: int) -> Locus:
        assert self._collation is not None
        return self._collation.loci[row]

    def is_reading_column(self, column: int) -> bool:
        """The source's and the witnesses' readings: the columns that share the spare width."""
        return 2 <= column < self.kind_column

    def widest_text(self, column: int) -> list[str]:
        """The texts ``column`` can show (a label column), to size it to its widest.

        From the distinct values, not row by row: a 5,000-row table is sized in
        a few milliseconds, and a decision cannot make the Status column too narrow.
        """
        if self._collation is None:
            return []
        loci = self._collation.loci
        if column == 0:
            return [str(len(loci))]
        if column == 1:
            return [self.position(x.start) for x in loci]
        if column == self.kind_column:
            return [kind_label(kind) for kind in {x.kind for x in loci}]
        if column == self.class_column:
            labels = [class_label(cls) for cls in {x.cls for x in loci} if cls]
            return labels + [_with_doubt(label) for label in labels] if self._doubts else labels
        if column == self.status_column:
            accepted = [self._accepted_text(w) for w in self._witnesses]
            edited = self._edited_text("国" * _STATUS_READING)
            return [*accepted, edited, *(status_label(s) for s in STATUSES)]
        return [self._display(r, column, x) or "" for r, x in enumerate(loci)]

    def witness_column(self, witness_id: str) -> int:
        return len(_FIXED) + self._witnesses.index(witness_id)

    @property
    def kind_column(self) -> int:
        return len(_FIXED) + len(self._witnesses)

    @property
    def class_column(self) -> int:
        return self.kind_column + 1

    @property
    def agreement_column(self) -> int:
        return self.kind_column + 2

    @property
    def status_column(self) -> int:
        return self.kind_column + 3

    def set_decisions(self, decision_of: Callable[[int], Decision]) -> None:
        """Where the status column reads each locus's decision from, by its id."""
        self._decision = decision_of
        self.decisions_changed()

    def decisions_changed(self, locus_ids: Iterable[int] | None = None) -> None:
        """The status of these loci changed (None: of any): only their cells are told."""
        rows = self.rowCount()
        if not rows:
            return
        column = self.status_column
        if locus_ids is None:
            self.dataChanged.emit(self.index(0, column), self.index(rows - 1, column))
            return
        changed = sorted(r for r in map(self._row_of.get, locus_ids) if r is not None)
        runs: list[list[int]] = []
        for row in changed:  # one signal per run of neighbouring rows (a bulk step)
            if runs and row == runs[-1][1] + 1:
                runs[-1][1] = row
            else:
                runs.append([row, row])
        for first, last in runs:
            self.dataChanged.emit(self.index(first, column), self.index(last, column))

    def colours_changed(self) -> None:
        """The palette or the colour scheme changed: the kind column's brushes with it."""
        rows = self.rowCount()
        if rows:
            top, bottom = self.index(0, self.kind_column), self.index(rows - 1, self.kind_column)
            roles = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole]
            self.dataChanged.emit(top, bottom, roles)

    def status(self, row: int) -> str:
        return self._decision(self.locus(row).id).status

    def status_text(self, row: int) -> str:
        decision = self._decision(self.locus(row).id)
        if decision.status == "accepted":
            return self._accepted_text(decision.witness or "")
        if decision.status == "edited":
            return self._edited_text(shown(decision.reading or ""))
        return status_label(decision.status)

    @staticmethod
    def _accepted_text(witness: str) -> str:
        return QCoreApplication.translate("ApparatusModel", "accepted · {0}").format(
            short_name(witness_label(witness))
        )

    @staticmethod
    def _edited_text(reading: str) -> str:
        cut = reading if len(reading) <= _STATUS_READING else reading[: _STATUS_READING - 1] + "…"
        return QCoreApplication.translate("ApparatusModel", "edited · {0}").format(cut)

    # -- Qt model interface ---------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._collation is None:
            return 0
        return len(self._collation.loci)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(_FIXED) + len(self._witnesses) + len(_TAIL)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section < len(_FIXED):
            return QCoreApplication.translate("ApparatusModel", _FIXED[section])
        k = section - len(_FIXED)
        if k < len(self._witnesses):
            return witness_label(self._witnesses[k])
        tail = k - len(self._witnesses)
        return (
            QCoreApplication.translate("ApparatusModel", _TAIL[tail]) if tail < len(_TAIL) else None
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._collation is None:
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._collation.loci)):
            return None
        locus = self._collation.loci[row]
        if role == LOCUS_ROLE:
            return locus.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col, locus)
        if role == SORT_ROLE:
            return self._sort_key(row, col, locus)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.agreement_column:
            vote = locus.agreement
            if vote is None:
                return None
            who = ", ".join(
                w or QCoreApplication.translate("ApparatusModel", "source") for w in vote.supporters
            )
            text = QCoreApplication.translate(
                "ApparatusModel", "{0} of {1} copies read this: {2}"
            ).format(vote.support, vote.total, who)
            if vote.likely_source_error:
                text += "\n" + QCoreApplication.translate(
                    "ApparatusModel", "The source stands alone here: a likely source error."
                )
            return text
        if role == Qt.ItemDataRole.ToolTipRole and col == self.status_column:
            note = self._decision(locus.id).note
            return note or None
        if role == Qt.ItemDataRole.ToolTipRole and col >= 2 and col < self.kind_column:
            reading = self._text(col, locus)
            return reading if reading is not None and len(reading) > _CELL_LIMIT else None
        if role == Qt.ItemDataRole.BackgroundRole and col == self.kind_column:
            return QBrush(kind_background(locus.kind, _dark()))
        if role == Qt.ItemDataRole.ForegroundRole and col == self.kind_column:
            forced = text_color(_dark())  # high contrast forces it; else the view's own
            return None if forced is None else QBrush(forced)
        if role == Qt.ItemDataRole.TextAlignmentRole and col < 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, col: int, locus: Locus) -> str | None:
        if col == 2:
            return locus.source_text
        wid = self._witnesses[col - len(_FIXED)]
        return locus.readings.get(wid)

    def _display(self, row: int, col: int, locus: Locus) -> str | None:
        if col == 0:
            return str(row + 1)
        if col == 1:
            return self.position(locus.start)
        if col < self.kind_column:
            text = self._text(col, locus)
            return "=" if text is None else shown(text)
        if col == self.kind_column:
            return kind_label(locus.kind)
        if col == self.class_column:
            label = class_label(locus.cls) if locus.cls else ""
            return _with_doubt(label) if self.ocr_doubt(row) else label
        if col == self.agreement_column:
            vote = locus.agreement
            if vote is None:
                return ""
            mark = "⚠ " if vote.likely_source_error else ""
            reading = shown(vote.reading)
            reading = reading if len(reading) <= 8 else reading[:7] + "…"
            return f"{mark}{reading} {vote.support}/{vote.total}"
        if col == self.status_column:
            return self.status_text(row)
        return None

    def _sort_key(self, row: int, col: int, locus: Locus) -> Any:
        if col <= 1:
            return row
        if col < self.kind_column:
            return self._text(col, locus) or ""
        if col == self.kind_column:
            return locus.kind
        if col == self.class_column:
            return locus.cls
        if col == self.agreement_column:
            vote = locus.agreement
            # most agreement first when sorted ascending? no: a plain number, the view orders
            return -1 if vote is None else vote.support * 100 // max(1, vote.total)
        return self.status(row)


def _with_doubt(label: str) -> str:
    return f"{label} · {OCR_DOUBT_LABEL}" if label else OCR_DOUBT_LABEL


def _dark() -> bool:
    """Whether the application's palette is dark (the table paints on it)."""
    app = QApplication.instance()
    return is_dark(app.palette() if isinstance(app, QApplication) else QPalette())


_NO_FILTER = (None, None, None, None)
"""No witness, kind, class or status chosen: every row is shown."""


class ApparatusFilter(QSortFilterProxyModel):
    """Shows the loci of chosen kinds, of one witness (or all), with a chosen status."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        # Sorting is on request (a header click), not after every reset: the
        # model delivers loci in document order, which is the default order,
        # and re-sorting thousands of rows through Python froze the window.
        self.setDynamicSortFilter(False)
        self._kinds: frozenset[str] | None = None
        self._witness: str | None = None
        self._statuses: frozenset[str] | None = None
        self._classes: frozenset[str] | None = None

    def source(self) -> ApparatusModel:
        model = self.sourceModel()
        assert isinstance(model, ApparatusModel)
        return model

    def set_kinds(self, kinds: frozenset[str] | None) -> None:
        self.beginFilterChange()
        self._kinds = kinds
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_witness(self, witness_id: str | None) -> None:
        if witness_id == self._witness:  # (after a new collation: filtered once, not twice)
            return
        self.beginFilterChange()
        self._witness = witness_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_classes(self, classes: frozenset[str] | None) -> None:
        self.beginFilterChange()
        self._classes = classes
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_statuses(self, statuses: frozenset[str] | None) -> None:
        self.beginFilterChange()
        self._statuses = statuses
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if (self._witness, self._kinds, self._classes, self._statuses) == _NO_FILTER:
            return True  # (a new 1M collation's 5,000 rows, unfiltered: 4 ms, not 20)
        model = self.source()
        locus = model.locus(source_row)
        if self._witness is not None:
            if self._witness not in locus.readings:
                return False
            kind = locus.kinds.get(self._witness, locus.kind)
        else:
            kind = locus.kind
        if self._kinds is not None and kind not in self._kinds:
            return False
        if self._classes == frozenset([OCR_DOUBT]):
            if not model.ocr_doubt(source_row, self._witness):
                return False
        elif self._classes is not None:
            cls = locus.classes.get(self._witness, "") if self._witness else locus.cls
            if cls not in self._classes:
                return False
        return self._statuses is None or model.status(source_row) in self._statuses
