"""The apparatus table with its filter bar: kind, witness, status, and a count.

It speaks locus ids: it says which locus was chosen, is told which one is current
and whose decisions changed, and gives the ids it shows in its order (what F8
and "next undecided" follow).  It follows the view model's rows
(app/view/model.py): a decision refreshes only its loci's status cells.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.classes.checks import CHECK_WITNESS
from app.classes.classify import CLASSES
from app.collation.loci import KINDS, Collation
from app.store.decisions import STATUSES
from app.text.lines import LineIndex
from app.view.model import RowChange, RowLayer
from ui.colors import class_label, kind_label
from ui.i18n import status_label
from ui.widgets.apparatus import (
    LOCUS_ROLE,
    OCR_DOUBT,
    OCR_DOUBT_LABEL,
    ApparatusFilter,
    ApparatusModel,
)

FIT_DELAY_MS = 30
"""How long after a new collation (or after its highlights are drawn) the columns are
sized: unseen, and never in the pass of the event loop that drew the highlights."""


class ApparatusView(QWidget):
    """One row per locus; selecting a row emits :attr:`locusSelected` with its locus's id."""

    locusSelected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._resetting = False
        self._fit_timer = QTimer(self)
        """Sizes the columns after a new collation, one column per timer event
        (:meth:`_fit_step`), each started when the one before has run: Qt runs every
        timer that is due in one pass of its loop, so steps due together would hold
        the window's thread as one (the whole sizing took 25 ms at 1M, and ran in the
        pass that drew the highlights, 50-60 ms together)."""
        self._fit_timer.setSingleShot(True)
        self._fit_timer.timeout.connect(self._fit_step)
        self._fitting: Iterator[None] | None = None
        """The sizing under way, a step per label column (None: the columns are sized)."""
        self._layer: RowLayer | None = None
        self._decided: int | None = None
        """Loci decided, as the view model counts them (None: counted here)."""
        self._order: list[int] | None = None
        """The ids shown, in the table's order, until the filter, the sort or the rows change."""
        self.model = ApparatusModel(self)
        self.proxy = ApparatusFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName(QCoreApplication.translate("ApparatusView", "Apparatus"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)  # "#" ascending is the model's own order: no sorting pass
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # rows as high as the text needs, not the style's default (30 px): at 1024×700 the
        # table showed five rows
        self.table.verticalHeader().setMinimumSectionSize(1)
        self._fit_rows()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        # long file names as column titles: both ends tell the copies apart
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(
            QCoreApplication.translate("ApparatusView", "Filter by kind")
        )
        self.kind_filter.addItem(QCoreApplication.translate("ApparatusView", "All kinds"), None)
        for kind in (*KINDS, CHECK_WITNESS):  # the source checks' findings have a kind too
            self.kind_filter.addItem(kind_label(kind), kind)
        self.class_filter = QComboBox()
        self.class_filter.setAccessibleName(
            QCoreApplication.translate("ApparatusView", "Filter by class")
        )
        self.class_filter.addItem(QCoreApplication.translate("ApparatusView", "All classes"), None)
        for cls in CLASSES:
            self.class_filter.addItem(class_label(cls), cls)
        # where OCR likely misread a scan (low confidence, marks OCR confuses)
        self.class_filter.addItem(OCR_DOUBT_LABEL, OCR_DOUBT)
        self.witness_filter = QComboBox()
        self.witness_filter.setAccessibleName(
            QCoreApplication.translate("ApparatusView", "Filter by witness")
        )
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(
            QCoreApplication.translate("ApparatusView", "Filter by status")
        )
        self.status_filter.addItem(QCoreApplication.translate("ApparatusView", "Any status"), None)
        for status in STATUSES:
            self.status_filter.addItem(status_label(status), status)
        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel(QCoreApplication.translate("ApparatusView", "Show:")))
        bar.addWidget(self.kind_filter)
        bar.addWidget(self.class_filter)
        bar.addWidget(self.witness_filter)
        bar.addWidget(self.status_filter)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self._connect_signals()
        self._refill_witness_filter(())
        self._update_count()

    def _connect_signals(self) -> None:
        self.kind_filter.currentIndexChanged.connect(self._on_filter)
        self.class_filter.currentIndexChanged.connect(self._on_filter)
        self.witness_filter.currentIndexChanged.connect(self._on_filter)
        self.status_filter.currentIndexChanged.connect(self._on_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._forget_order)
            signal.connect(self._update_count)

    def _forget_order(self) -> None:
        self._order = None

    def follow(self, layer: RowLayer) -> None:
        """Show the view model's rows from now on, refreshing what its changes name."""
        self._layer = layer
        layer.subscribe(self._on_layer)
        self._on_layer(RowChange(rows=True, current=True))

    def _on_layer(self, change: RowChange) -> None:
        layer = self._layer
        assert layer is not None
        self._decided = layer.decided
        if change.rows:
            # before the collation: the Class column is sized to its texts, doubts included
            self.model.set_ocr_doubts(layer.doubts)
            self.set_collation(layer.collation, layer.lines)
            self.model.set_pages(layer.pages)
            self.model.set_decisions(layer.decision)
        elif change.ids:
            self.decisions_changed(change.ids)
        if change.current and layer.current is not None:
            self.select(layer.current)

    def set_collation(self, collation: Collation | None, lines: LineIndex | None = None) -> None:
        """Show ``collation`` (``lines``: its source's line starts, if known); the
        columns are sized a moment later, in an event of their own, so that showing a
        large collation never holds the window's thread long."""
        self._resetting = True  # the count once, at the end, not at each of the proxy's signals
        self._order = None
        try:
            self.model.set_collation(collation, lines)
            header = self.table.horizontalHeader()
            column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
            if (column, order) == (0, Qt.SortOrder.AscendingOrder):
                self.proxy.sort(-1)  # rows arrive in locus order, already sorted by #
            else:
                self.proxy.sort(column, order)
            self._refill_witness_filter(collation.witness_ids if collation else ())
        finally:
            self._resetting = False
        self._fitting = self._fit_steps()
        self._fit_timer.start(FIT_DELAY_MS)
        self._update_count()

    def fit_columns(self) -> None:
        """Size the columns now, whatever steps of it are left (see :meth:`_fit_steps`)."""
        self._fit_timer.stop()
        steps = self._fitting if self._fitting is not None else self._fit_steps()
        self._fitting = None
        for _ in steps:
            pass

    def fit_later(self) -> None:
        """Put off sizing the columns, if they wait to be, until :data:`FIT_DELAY_MS` from
        now: the window calls it when a new collation's highlights are drawn, so that the
        sizing starts in a pass of the event loop of its own (its timer, started with the
        table, fell due while the table was painted and the highlights drawn)."""
        if self._fitting is not None:
            self._fit_timer.start(FIT_DELAY_MS)

    def _fit_step(self) -> None:
        """One step of the sizing; the next in a timer event of its own."""
        steps = self._fitting
        if steps is None:
            return
        try:
            next(steps)
        except StopIteration:
            self._fitting = None
            return
        self._fit_timer.start(0)

    def _fit_steps(self) -> Iterator[None]:
        """The label columns as wide as their widest text, every row counted (a width
        measured on the first rows cut "transposition" and "151:39"); the readings share
        what is left, so no column hides off to the right at the default size.

        A step per label column measured (the position and agreement columns 6 and
        13 ms at 1M), then the widths set together: one relayout and one repaint of
        the table, not one per column."""
        header = self.table.horizontalHeader()
        model = self.model
        width_of = _Widths(self.table.fontMetrics())
        pad = 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 14
        widths: dict[int, int | None] = {}
        for column in range(model.columnCount()):
            if model.is_reading_column(column):
                widths[column] = None
                continue
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            texts = [title, *set(model.widest_text(column))]
            widths[column] = max(map(width_of, texts)) + pad
            yield
        for column, width in widths.items():
            if width is None:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)

    def _refill_witness_filter(self, ids: tuple[str, ...]) -> None:
        current = self.witness_filter.currentData()
        self.witness_filter.blockSignals(True)
        self.witness_filter.clear()
        self.witness_filter.addItem(
            QCoreApplication.translate("ApparatusView", "All witnesses"), None
        )
        for wid in ids:
            self.witness_filter.addItem(wid, wid)
        index = self.witness_filter.findData(current) if current in ids else 0
        self.witness_filter.setCurrentIndex(max(0, index))
        self.witness_filter.blockSignals(False)
        self.proxy.set_witness(self.witness_filter.currentData())

    def _on_filter(self) -> None:
        self._order = None
        kind = self.kind_filter.currentData()
        status = self.status_filter.currentData()
        self.proxy.set_kinds(frozenset([kind]) if kind else None)
        cls = self.class_filter.currentData()
        self.proxy.set_classes(frozenset([cls]) if cls else None)
        self.proxy.set_witness(self.witness_filter.currentData())
        self.proxy.set_statuses(frozenset([status]) if status else None)
        self._update_count()

    def _update_count(self) -> None:
        if self._resetting:
            return
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = (
            QCoreApplication.translate("ApparatusView", "{0} of {1} divergences").format(
                shown, total
            )
            if shown != total
            else QCoreApplication.translate("ApparatusView", "{0} divergences").format(total)
        )
        decided = self._decided
        if decided is None:
            decided = sum(1 for row in range(total) if self.model.status(row) != "undecided")
        if decided:
            text += " · " + QCoreApplication.translate("ApparatusView", "{0} decided").format(
                decided
            )
        self.count_label.setText(text)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.locusSelected.emit(int(current.data(LOCUS_ROLE)))

    # -- loci ------------------------------------------------------------------

    def decisions_changed(self, locus_ids: frozenset[int] | None = None) -> None:
        """These loci's decisions changed (None: any): their status cells are drawn again,
        and the filter applied again if it is by status."""
        self.model.decisions_changed(locus_ids)
        if self.status_filter.currentData() is not None:
            self._on_filter()  # a decided row may leave the "undecided" filter
        self._update_count()

    def visible_ids(self) -> list[int]:
        """The ids of the loci the filter shows, in the table's order."""
        if self._order is None:
            collation = self.model.collation()
            loci = collation.loci if collation is not None else ()
            proxy = self.proxy
            self._order = [
                loci[proxy.mapToSource(proxy.index(i, 0)).row()].id for i in range(proxy.rowCount())
            ]
        return list(self._order)

    def visible_count(self) -> int:
        return self.proxy.rowCount()

    def current_id(self) -> int | None:
        """The id of the current row's locus, if any."""
        index = self.table.selectionModel().currentIndex()
        return int(index.data(LOCUS_ROLE)) if index.isValid() else None

    def id_at_view(self, view_row: int) -> int:
        """The id of the locus the table shows at ``view_row`` (filtered and sorted)."""
        return int(self.proxy.index(view_row, 0).data(LOCUS_ROLE))

    def select(self, locus_id: int) -> None:
        """Make the locus current (without re-emitting if it already is)."""
        row = self.model.row_of(locus_id)
        if row is None:
            return
        source_index = self.model.index(row, 0)
        index = self.proxy.mapFromSource(source_index)
        if not index.isValid():
            return
        selection = self.table.selectionModel()
        if selection.currentIndex().row() == index.row():
            return
        selection.blockSignals(True)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection.blockSignals(False)
        self.table.viewport().update()
        self.table.scrollTo(index)

    def _fit_rows(self) -> None:
        lines = self.table.fontMetrics().height()
        self.table.verticalHeader().setDefaultSectionSize(lines + lines // 3)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_rows()


class _Widths:
    """The width of a text as the sum of its characters' advances, each measured once: a
    position column of 5,000 distinct "151:39"s is sized from a dozen measurements
    (whole strings measured one by one took 20 ms at 1M).  Kerning only narrows a
    string, so the sum never cuts one."""

    def __init__(self, metrics: QFontMetrics) -> None:
        self._metrics = metrics
        self._advance: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        advance = self._advance
        width = 0
        for char in text:
            found = advance.get(char)
            if found is None:
                found = advance[char] = self._metrics.horizontalAdvance(char)
            width += found
        return width
