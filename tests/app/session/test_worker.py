"""The background worker without Qt: the latest request wins, nothing stale is delivered.

A fake collate function stops at a gate the test opens (threading.Event), so
every interleaving here is forced, never timed: no sleeps.  Each test waits
on the futures ``submit`` returns, which are done only after the request's
callback.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import pytest

from app.cancel import CancelEvent, Cancelled
from app.collation.loci import Collation
from app.session.worker import SWITCH_INTERVAL, CollationWorker, WorkerCallbacks
from app.session.workspace import CollationRequest

WAIT = 10.0  # seconds: only ever reached when a test is broken


@dataclass
class Step:
    """How the fake behaves for one source text."""

    entered: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    honour_cancel: bool = False
    """Wait for the cancel event itself instead of the gate, then stop."""
    error: str = ""
    progress: tuple[float, ...] = ()
    """Reported before the gate; the last one after it."""


class Fake:
    """A collate function the test steers, one :class:`Step` per source text."""

    def __init__(self) -> None:
        self.steps: dict[str, Step] = {}
        self.calls: list[str] = []
        self.threads: list[threading.Thread] = []

    def step(self, source: str, **kwargs: Any) -> Step:
        self.steps[source] = Step(**kwargs)
        return self.steps[source]

    def __call__(
        self,
        source: str,
        witnesses: list[tuple[str, str]],
        rules: tuple[str, ...],
        *,
        cancel: CancelEvent,
        progress: Any,
        checks: bool,
    ) -> Collation:
        step = self.steps.setdefault(source, Step(release=_set()))
        self.calls.append(source)
        self.threads.append(threading.current_thread())
        for fraction in step.progress[:-1]:
            progress(fraction)
        step.entered.set()
        if step.honour_cancel:
            assert isinstance(cancel, CancelEvent)
            cancel.wait()
            raise Cancelled
        step.release.wait()
        if step.progress:
            progress(step.progress[-1])
        if step.error:
            raise RuntimeError(step.error)
        return Collation(source, tuple(w for w, _ in witnesses), rules, ())


def _set() -> threading.Event:
    event = threading.Event()
    event.set()
    return event


class Recorder:
    """Every callback, in order, as (what, request id, detail)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, int, object]] = []
        self.threads: set[threading.Thread] = set()

    def callbacks(self) -> WorkerCallbacks:
        return WorkerCallbacks(
            finished=lambda r, c: self._add("finished", r, c.source),
            failed=lambda r, m: self._add("failed", r, m),
            cancelled=lambda r: self._add("cancelled", r, None),
            dropped=lambda r: self._add("dropped", r, None),
            progress=lambda r, f: self._add("progress", r, f),
        )

    def _add(self, what: str, request: CollationRequest, detail: object) -> None:
        self.threads.add(threading.current_thread())
        self.events.append((what, request.request_id, detail))

    def of(self, what: str) -> list[tuple[int, object]]:
        return [(rid, detail) for w, rid, detail in self.events if w == what]

    def terminal(self) -> dict[int, list[str]]:
        """What ended each request: always exactly one of four callbacks."""
        out: dict[int, list[str]] = {}
        for what, rid, _ in self.events:
            if what != "progress":
                out.setdefault(rid, []).append(what)
        return out


def request(rid: int, source: str) -> CollationRequest:
    return CollationRequest(rid, source, (("v", source + "!"),), ("width",))


@pytest.fixture
def fake() -> Fake:
    return Fake()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def worker(fake: Fake, recorder: Recorder) -> Iterator[CollationWorker]:
    """A worker over the fake; afterwards every gate opens and its thread is joined."""
    w = CollationWorker(recorder.callbacks(), fake)
    yield w
    for step in fake.steps.values():
        step.release.set()
    assert w.shutdown(WAIT)


def done(*futures: Future[None]) -> None:
    for future in futures:
        future.result(WAIT)


def test_latest_wins(worker: CollationWorker, fake: Fake, recorder: Recorder) -> None:
    first = fake.step("one")
    f1 = worker.submit(request(1, "one"))
    assert first.entered.wait(WAIT)
    f2 = worker.submit(request(2, "two"))  # waits behind the first, then is superseded
    f3 = worker.submit(request(3, "three"))
    assert worker.latest_id == 3 and worker.is_running()
    first.release.set()  # the first ignores its cancel check and returns a result
    done(f1, f2, f3)
    assert recorder.of("finished") == [(3, "three")]
    assert recorder.terminal() == {1: ["dropped"], 2: ["cancelled"], 3: ["finished"]}
    assert fake.calls == ["one", "three"]  # the superseded request never started
    assert not worker.is_running() and worker.latest_id is None


def test_cancelled_request_result_is_never_delivered(
    worker: CollationWorker, fake: Fake, recorder: Recorder
) -> None:
    stubborn = fake.step("one")
    future = worker.submit(request(1, "one"))
    assert stubborn.entered.wait(WAIT)
    worker.cancel()
    assert worker.latest_id is None
    stubborn.release.set()  # it finishes anyway
    done(future)
    assert recorder.events == [("dropped", 1, None)]


def test_cancel_reaches_the_work(worker: CollationWorker, fake: Fake, recorder: Recorder) -> None:
    polite = fake.step("one", honour_cancel=True)
    future = worker.submit(request(1, "one"))
    assert polite.entered.wait(WAIT)
    worker.cancel()
    done(future)
    assert recorder.events == [("cancelled", 1, None)]


def test_stale_result_arriving_late_is_dropped(
    worker: CollationWorker, fake: Fake, recorder: Recorder
) -> None:
    slow = fake.step("one")
    fast = fake.step("two")
    f1 = worker.submit(request(1, "one"))
    assert slow.entered.wait(WAIT)
    f2 = worker.submit(request(2, "two"))
    slow.release.set()  # the old result arrives while the new request waits
    done(f1)
    assert recorder.events == [("dropped", 1, None)]
    assert worker.latest_id == 2
    fast.release.set()
    done(f2)
    assert recorder.events == [("dropped", 1, None), ("finished", 2, "two")]


def test_same_request_submitted_again_delivers_once(
    worker: CollationWorker, fake: Fake, recorder: Recorder
) -> None:
    """A submission, not a request id, is what is current: the first run of it is stale."""
    first = fake.step("one")
    again = request(1, "one")
    f1 = worker.submit(again)
    assert first.entered.wait(WAIT)
    f2 = worker.submit(again)
    first.release.set()
    done(f1, f2)
    assert recorder.terminal() == {1: ["dropped", "finished"]}


def test_progress_of_stale_requests_is_dropped(
    worker: CollationWorker, fake: Fake, recorder: Recorder
) -> None:
    old = fake.step("one", progress=(0.25, 0.75))
    new = fake.step("two", progress=(0.5, 1.0))
    f1 = worker.submit(request(1, "one"))
    assert old.entered.wait(WAIT)
    assert recorder.of("progress") == [(1, 0.25)]
    f2 = worker.submit(request(2, "two"))
    old.release.set()  # reports 0.75 for a request nobody waits for any more
    new.release.set()
    done(f1, f2)
    assert recorder.of("progress") == [(1, 0.25), (2, 0.5), (2, 1.0)]


def test_failure_is_one_line_and_the_traceback_is_logged(
    worker: CollationWorker, fake: Fake, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    fake.step("one", release=_set(), error="the aligner\nfell over")
    with caplog.at_level(logging.ERROR, logger="app.session.worker"):
        done(worker.submit(request(1, "one")))
    assert recorder.events == [("failed", 1, "RuntimeError: the aligner fell over")]
    (record,) = caplog.records
    assert record.exc_info is not None and "Traceback" in caplog.text
    assert "fell over" in caplog.text


def test_failure_of_a_stale_request_is_not_reported(
    worker: CollationWorker, fake: Fake, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    broken = fake.step("one", error="gone wrong")
    f1 = worker.submit(request(1, "one"))
    assert broken.entered.wait(WAIT)
    f2 = worker.submit(request(2, "two"))
    with caplog.at_level(logging.ERROR, logger="app.session.worker"):
        broken.release.set()
        done(f1, f2)
    assert recorder.terminal() == {1: ["dropped"], 2: ["finished"]}
    assert "gone wrong" in caplog.text  # still in the log for whoever debugs it


def test_callbacks_come_from_the_worker_thread(
    worker: CollationWorker, fake: Fake, recorder: Recorder
) -> None:
    done(worker.submit(request(1, "one")))
    assert recorder.threads == set(fake.threads)
    assert threading.current_thread() not in recorder.threads


@pytest.fixture
def collecting() -> Iterator[None]:
    """The cycle collector on, as in the window (a command run in this process turned it
    off for good: app/cli/main.py), and as it was after."""
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_while_work_runs_the_window_gets_the_gil_quickly_and_no_collector_runs(
    fake: Fake, recorder: Recorder, collecting: None
) -> None:
    """Two workers at once (a collation, the review of what the rules hide): the switch
    interval is short and the collector off while either runs, both as before after."""
    before = sys.getswitchinterval()
    assert before != SWITCH_INTERVAL
    first, second = (
        CollationWorker(recorder.callbacks(), fake),
        CollationWorker(recorder.callbacks(), fake),
    )
    one, two = fake.step("one"), fake.step("two")
    f1, f2 = first.submit(request(1, "one")), second.submit(request(2, "two"))
    assert one.entered.wait(WAIT) and two.entered.wait(WAIT)
    assert sys.getswitchinterval() == SWITCH_INTERVAL and not gc.isenabled()
    one.release.set()
    done(f1)
    assert sys.getswitchinterval() == SWITCH_INTERVAL and not gc.isenabled()  # two runs on
    two.release.set()
    done(f2)
    assert sys.getswitchinterval() == before and gc.isenabled()
    assert first.shutdown(WAIT) and second.shutdown(WAIT)


def test_shutdown_cancels_and_joins_the_thread(fake: Fake, recorder: Recorder) -> None:
    worker = CollationWorker(recorder.callbacks(), fake)
    running = fake.step("one", honour_cancel=True)
    worker.submit(request(1, "one"))
    assert running.entered.wait(WAIT)
    assert worker.shutdown()
    (thread,) = fake.threads
    assert not thread.is_alive()
    assert recorder.events == [("cancelled", 1, None)]
    assert not worker.is_running()


def test_shutdown_gives_up_on_work_that_ignores_cancel(fake: Fake, recorder: Recorder) -> None:
    worker = CollationWorker(recorder.callbacks(), fake)
    stubborn = fake.step("one")
    worker.submit(request(1, "one"))
    assert stubborn.entered.wait(WAIT)
    assert not worker.shutdown(timeout=0.01)  # the gate is shut: it cannot have finished
    assert worker.is_running()
    stubborn.release.set()
    assert worker.shutdown(WAIT)
    assert recorder.events == [("dropped", 1, None)]
    assert not any(t.is_alive() for t in fake.threads)


def test_worker_runs_again_after_shutdown(fake: Fake, recorder: Recorder) -> None:
    worker = CollationWorker(recorder.callbacks(), fake)
    done(worker.submit(request(1, "one")))
    assert worker.shutdown(WAIT)
    done(worker.submit(request(2, "two")))
    assert worker.shutdown(WAIT)
    assert recorder.of("finished") == [(1, "one"), (2, "two")]
    assert not any(t.is_alive() for t in fake.threads)


def test_failing_callback_is_logged_and_the_worker_goes_on(
    fake: Fake, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[int] = []

    def finished(req: CollationRequest, _c: Collation) -> None:
        seen.append(req.request_id)
        if req.request_id == 1:
            raise ValueError("a bug in the caller")

    worker = CollationWorker(WorkerCallbacks(finished=finished), fake)
    with caplog.at_level(logging.ERROR, logger="app.session.worker"):
        done(worker.submit(request(1, "one")))
        done(worker.submit(request(2, "two")))
    assert worker.shutdown(WAIT)
    assert seen == [1, 2] and not worker.is_running()
    assert "a bug in the caller" in caplog.text


def test_default_function_is_the_real_collation(recorder: Recorder) -> None:
    worker = CollationWorker(recorder.callbacks())
    req = CollationRequest(1, "天地玄黄", (("v", "天地元黄"),), (), checks=False)
    done(worker.submit(req))
    assert worker.shutdown(WAIT)
    assert recorder.terminal() == {1: ["finished"]}
    assert [p for _, p in recorder.of("progress")][-1] == 1.0
