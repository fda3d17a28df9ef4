"""The Qt bridge over the worker: signals on the GUI thread, stale results dropped there too.

The worker's own rules are tested without Qt in test_worker.py; this checks
only what the bridge adds: a result the worker sent before a newer request
was submitted, still waiting in the event queue, is never shown.
"""

from __future__ import annotations

import threading
from typing import Any

from pytestqt.qtbot import QtBot

from app.collation.loci import Collation
from app.session.workspace import CollationRequest
from ui.worker import CollationRunner

WAIT = 10_000


def echo(
    source: str, witnesses: list[tuple[str, str]], rules: tuple[str, ...], **_: Any
) -> Collation:
    return Collation(source, tuple(w for w, _ in witnesses), rules, ())


def request(rid: int, source: str) -> CollationRequest:
    return CollationRequest(rid, source, (("v", source + "!"),), ())


def test_result_queued_before_a_newer_submit_is_dropped(qtbot: QtBot) -> None:
    runner = CollationRunner(function=echo)
    shown: list[int] = []
    runner.finished.connect(lambda req, _c: shown.append(req.request_id))
    runner.submit(request(1, "one")).result(WAIT / 1000)  # sent, not yet handled here
    with qtbot.waitSignal(runner.idle, timeout=WAIT):
        runner.submit(request(2, "two"))
    assert shown == [2]
    assert not runner.is_running() and runner.active_threads() == 0
    assert runner.shutdown()


def test_signals_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    threads: list[threading.Thread] = []

    def reporting(*args: Any, **kwargs: Any) -> Collation:
        kwargs["progress"](0.5)
        return echo(*args, **kwargs)

    runner = CollationRunner(function=reporting)
    runner.progress.connect(lambda *_: threads.append(threading.current_thread()))
    runner.finished.connect(lambda *_: threads.append(threading.current_thread()))
    with qtbot.waitSignal(runner.finished, timeout=WAIT):
        runner.submit(request(1, "one"))
    assert threads == [threading.main_thread(), threading.main_thread()]
    assert runner.shutdown()


def test_cancel_is_reported_and_leaves_the_runner_idle(qtbot: QtBot) -> None:
    entered = threading.Event()

    def polite(*_args: Any, cancel: threading.Event, **_kwargs: Any) -> Collation:
        entered.set()
        cancel.wait()
        from app.cancel import Cancelled

        raise Cancelled

    runner = CollationRunner(function=polite)
    runner.submit(request(1, "one"))
    assert entered.wait(WAIT / 1000) and runner.is_running()
    with qtbot.waitSignals([runner.cancelled, runner.idle], timeout=WAIT):
        runner.cancel()
    assert not runner.is_running() and runner.latest_id is None
    assert runner.shutdown()
