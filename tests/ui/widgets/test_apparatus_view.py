"""The apparatus table's columns are sized a step at a time, the event loop served between."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from app.collation.loci import Collation
from tests.helpers.session import opened
from ui.widgets.apparatus import ApparatusModel
from ui.widgets.apparatus_view import ApparatusView

WAIT = 5000


def collation(tmp_path: Path) -> Collation:
    session = opened(tmp_path)
    assert session.collation is not None and session.collation.loci
    collated = session.collation
    session.close()
    return collated


def widths(view: ApparatusView) -> list[int]:
    header = view.table.horizontalHeader()
    return [header.sectionSize(c) for c in range(view.model.columnCount())]


def test_columns_are_measured_one_per_pass_of_the_event_loop(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each label column is measured in a timer event of its own, another timer served
    between any two; the widths are the ones sizing them all at once gives."""
    shown = collation(tmp_path)
    at_once = ApparatusView()
    qtbot.addWidget(at_once)
    at_once.set_collation(shown)
    at_once.fit_columns()

    log: list[str] = []
    measure = ApparatusModel.widest_text

    def logged(model: ApparatusModel, column: int) -> list[str]:
        log.append(f"column {column}")
        return measure(model, column)

    monkeypatch.setattr(ApparatusModel, "widest_text", logged)
    view = ApparatusView()
    qtbot.addWidget(view)
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: log.append("tick"))
    ticker.start()
    view.set_collation(shown)
    assert log == []  # nothing measured while the table is filled
    model = view.model
    labels = [c for c in range(model.columnCount()) if not model.is_reading_column(c)]
    qtbot.waitUntil(lambda: view._fitting is None, timeout=WAIT)
    ticker.stop()
    measured = [entry for entry in log if entry != "tick"]
    assert measured == [f"column {c}" for c in labels]
    first = log.index(measured[0])
    between = log[first:]
    assert all(a == "tick" or b == "tick" for a, b in itertools.pairwise(between))
    assert widths(view) == widths(at_once)


def test_a_new_collation_starts_the_sizing_again(qtbot: QtBot, tmp_path: Path) -> None:
    shown = collation(tmp_path)
    view = ApparatusView()
    qtbot.addWidget(view)
    view.set_collation(shown)
    view.fit_later()  # the highlights drawn: put off, still to come
    qtbot.waitUntil(lambda: view._fitting is None, timeout=WAIT)
    sized = widths(view)
    view.set_collation(None)
    view.set_collation(shown)
    assert view._fitting is not None
    view.fit_columns()  # at once, whatever was left
    assert view._fitting is None and widths(view) == sized
