"""Work put in the window's passes runs a piece per pass of the event loop."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from ui.passes import Passes

WAIT = 5000


def test_each_call_runs_in_a_pass_of_its_own_in_order_the_latest_winning(qtbot: QtBot) -> None:
    log: list[str] = []
    passes = Passes()
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: log.append("tick"))
    ticker.start()
    passes.put("highlights", lambda: log.append("old highlights"))
    passes.put("recent", lambda: log.append("recent"))
    passes.put("highlights", lambda: log.append("highlights"))  # replaces; goes last
    assert passes.waiting() == ["recent", "highlights"]
    qtbot.waitUntil(lambda: not passes.waiting(), timeout=WAIT)
    qtbot.waitUntil(lambda: log[-1] == "tick", timeout=WAIT)
    ticker.stop()
    calls = [entry for entry in log if entry != "tick"]
    assert calls == ["recent", "highlights"]
    between = log[log.index("recent") : log.index("highlights") + 1]
    assert "tick" in between  # another timer was served between the two


def test_a_call_that_fails_does_not_stop_the_next(qtbot: QtBot) -> None:
    ran: list[str] = []
    passes = Passes()

    def broken() -> None:
        raise RuntimeError("drawing failed")

    passes.put("first", broken)
    passes.put("second", lambda: ran.append("second"))
    with qtbot.captureExceptions() as raised:
        qtbot.waitUntil(lambda: ran == ["second"], timeout=WAIT)
    assert [str(e[1]) for e in raised] == ["drawing failed"]
