"""Witnesses shared between this process and workers: the same collation, cancel still stops."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from multiprocessing.synchronize import Event
from typing import Any

import pytest

from app.cancel import CancelCheck, Cancelled
from app.collation import parallel
from app.collation.align import align
from app.collation.collate import collate
from app.collation.processes import PROCESSES_ENV, asked_processes

SOURCE = "学而时习之，不亦说乎？有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？\n" * 40
WITNESSES = [
    ("B", SOURCE.replace("说", "悦", 3)),
    ("C", SOURCE.replace("有朋自远方来，不亦乐乎？", "", 2)),
    ("D", SOURCE.replace("君子", "君", 5).replace("\n", "", 4)),
    ("E", SOURCE.replace("学而", "學而", 2).replace("乎？", "乎。", 6)),
    ("F", SOURCE.replace("人不知而不愠，", "", 1)),
]
METHODS = [
    m for m in ("fork", "spawn", "forkserver") if m in multiprocessing.get_all_start_methods()
]


@pytest.fixture(params=METHODS)
def method(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each way a worker starts: forked, spawned, forked by the fork server as the window
    starts it (its tables loaded; the server lasts, the start method goes back after)."""
    name: str = request.param
    if name == "forkserver":
        monkeypatch.setattr(parallel, "_SERVED", list(parallel._SERVED))
        if not parallel.serve(wait=True):
            pytest.skip("the fork server is started on Linux with two cores or more")
    return name


@pytest.mark.parametrize("processes", [2, 3])
def test_processes_give_the_same_collation_as_one_process(
    monkeypatch: pytest.MonkeyPatch, method: str, processes: int
) -> None:
    monkeypatch.setattr(parallel, "start_method", lambda: method)
    alone = collate(SOURCE, WITNESSES, processes=0)
    seen: list[float] = []
    spread = collate(SOURCE, WITNESSES, processes=processes, progress=seen.append)
    assert spread.loci == alone.loci
    assert {w: a.regions for w, a in spread.alignments.items()} == {
        w: a.regions for w, a in alone.alignments.items()
    }
    assert {w: a.witness_map for w, a in spread.alignments.items()} == {
        w: a.witness_map for w, a in alone.alignments.items()
    }
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert multiprocessing.active_children() == []


SLIPS = "我们们要发展发展经济，，他说：“好的的。\n（注意」这里,那里.力量 and 各方锟斤拷\n" * 3


def test_the_source_checks_beside_the_witnesses_give_the_same_collation(
    monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    # in processes the checks run in parts, as jobs beside the witnesses
    monkeypatch.setattr(parallel, "start_method", lambda: method)
    source = SOURCE + SLIPS
    witnesses = [(w, text + SLIPS) for w, text in WITNESSES[:3]]
    alone = collate(source, witnesses, processes=0, checks=True)
    seen: list[float] = []
    spread = collate(source, witnesses, processes=2, checks=True, progress=seen.append)
    assert any("check" in loc.readings for loc in alone.loci)
    assert spread.loci == alone.loci
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert multiprocessing.active_children() == []


def _pid(_n: int, cancel: CancelCheck) -> int:
    return os.getpid()


def test_jobs_kept_here_run_in_this_process_only(method: str) -> None:
    jobs = [(n,) for n in range(8)]
    here = {1, 4, 6}
    pids = parallel.in_processes(
        _pid, jobs, 2, None, lambda: None, method=method, costs=[1.0] * 8, here=here
    )
    assert [pids[k] for k in sorted(here)] == [os.getpid()] * 3
    assert len(pids) == 8
    assert multiprocessing.active_children() == []


def _in_worker() -> bool:
    return multiprocessing.parent_process() is not None


def _meet(started: Event, cancel: CancelCheck) -> int:
    """A worker says it has a job; a job here ends only once a worker has one."""
    if _in_worker():
        started.set()
    else:
        assert started.wait(30)
    return os.getpid()


def test_this_process_aligns_witnesses_beside_the_worker(method: str) -> None:
    started = multiprocessing.get_context(method).Event()
    jobs = [(started,), (started,)]
    pids = parallel.in_processes(_meet, jobs, 2, None, lambda: None, method=method)
    assert os.getpid() in pids and len(set(pids)) == 2  # one job here, one in the worker
    assert multiprocessing.active_children() == []


def _busy_in_worker(started: Event, fail: bool, cancel: CancelCheck) -> str:
    """Here: returns once a worker has started.  In a worker: fails, or works until stopped."""
    if not _in_worker():
        assert started.wait(30)
        return "here"
    started.set()
    if fail:
        raise ValueError("bad witness")
    while True:
        align(SOURCE * 50, WITNESSES[1][1] * 50, cancel)


def test_cancel_stops_the_worker_while_this_process_waits(method: str) -> None:
    started = multiprocessing.get_context(method).Event()
    begun = time.monotonic()
    with pytest.raises(Cancelled):
        parallel.in_processes(
            _busy_in_worker,
            [(started, False), (started, False)],
            2,
            started.is_set,  # the caller cancels once the worker is at work
            lambda: None,
            method=method,
        )
    assert multiprocessing.active_children() == []  # none left working
    assert time.monotonic() - begun < 30


def test_a_worker_failure_is_raised_here() -> None:
    started = multiprocessing.get_context("spawn").Event()
    with pytest.raises(ValueError, match="bad witness"):
        parallel.in_processes(
            _busy_in_worker, [(started, True), (started, True)], 2, None, lambda: None
        )
    assert multiprocessing.active_children() == []


def test_cancel_stops_the_processes() -> None:
    started = time.monotonic()
    polls = [0]

    def cancel() -> bool:
        polls[0] += 1
        return polls[0] > 3  # once the processes are under way

    big = [(w, text * 20) for w, text in WITNESSES]
    with pytest.raises(Cancelled):
        collate(SOURCE * 20, big, processes=2, cancel=cancel)
    assert multiprocessing.active_children() == []  # none left working
    assert time.monotonic() - started < 30


def test_small_collations_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "others_running", lambda: 0.0)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    assert parallel.worker_count(SOURCE, [t for _, t in WITNESSES]) == 0
    small = ["字" * 100_000] * 4
    for method in ("fork", "spawn", "forkserver"):  # start-up and results cost more
        assert parallel.worker_count("字" * 100_000, small, method) == 0
    assert parallel.worker_count("字" * 2_000_000, ["字" * 2_000_000]) == 0  # one witness
    for method in ("fork", "spawn"):
        assert parallel.worker_count("字" * 1_000_000, ["字" * 1_000_000] * 5, method) == 2
    monkeypatch.setattr(parallel, "others_running", lambda: 2.0)  # other work has the cores
    for method in ("fork", "spawn"):
        assert parallel.worker_count("字" * 1_000_000, ["字" * 1_000_000] * 5, method) == 0


def test_the_checks_beside_the_witnesses_count_for_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # in one process the checks run after the witnesses, in processes beside them: with
    # some other work on the cores, two witnesses alone do not pay off, with the checks they do
    monkeypatch.setattr(parallel, "others_running", lambda: 0.5)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    source, texts = "字" * 1_000_000, ["字" * 1_000_000] * 2
    assert parallel.worker_count(source, texts, "fork") == 0
    assert parallel.worker_count(source, texts, "fork", beside=0.35) == 2


def test_a_collation_counts_its_checks_in_the_estimate(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[float] = []

    def count(source: str, texts: list[str], method: str | None = None, *, beside: float) -> int:
        asked.append(beside)
        return 0

    monkeypatch.setattr(parallel, "worker_count", count)
    collate(SOURCE, WITNESSES[:2], checks=True)
    collate(SOURCE, WITNESSES[:2])
    assert asked[0] > 0 and asked[1] == 0


def test_fork_only_where_this_process_runs_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    # pytest's own process may have threads (Qt's); whichever it has, the answer follows
    monkeypatch.setattr(parallel, "_SERVED", [])  # no fork server started here
    threads = len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else 2
    assert parallel.start_method() == ("fork" if threads == 1 else "spawn")


def _where(started: Event, cancel: CancelCheck) -> tuple[int, int, bool]:
    """Which process ran the job, its parent, and whether it had the lanes' tables (a job
    here ends only once a worker has one, as in :func:`_meet`)."""
    import sys

    _meet(started, cancel)
    return os.getpid(), os.getppid(), "app.collation.warm" in sys.modules


@pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods() or parallel.cores() < 2,
    reason="the fork server is started on Linux with two cores or more (parallel.serve)",
)
def test_a_threaded_process_takes_its_workers_ready_from_the_fork_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The window runs threads and cannot fork; spawning costs 0.8 s.  Once it has
    started the fork server, its workers come from there, with the engine's tables
    loaded before they were asked for."""
    import threading

    monkeypatch.setattr(parallel, "_SERVED", [])
    assert parallel.serve(wait=True)
    waiting = threading.Event()
    thread = threading.Thread(target=waiting.wait)
    thread.start()  # two threads now, as in the window
    try:
        assert parallel.start_method() == "forkserver"
        started = multiprocessing.get_context("forkserver").Event()
        jobs = [(started,), (started,)]
        places = parallel.in_processes(_where, jobs, 2, None, lambda: None)
    finally:
        waiting.set()
        thread.join()
    here, there = sorted(places, key=lambda p: p[0] != os.getpid())
    assert here[0] == os.getpid()
    assert there[1] != os.getpid() and there[2]  # the server's child, tables loaded
    # ready: a worker costs what a forked one does, not the server's loading
    assert parallel._startup("forkserver") == parallel.STARTUP_SECONDS["forkserver"]
    assert multiprocessing.active_children() == []


def _with_shared(n: int, shared: Callable[[], str], cancel: CancelCheck) -> str:
    return f"{shared()}{n}"


def _source_fails() -> str:
    raise ValueError("no source")


def test_every_job_gets_the_value_made_here_while_the_workers_start(method: str) -> None:
    jobs = [(n,) for n in range(6)]
    out = parallel.in_processes(
        _with_shared, jobs, 2, None, lambda: None, method=method, shared=lambda: "源"
    )
    assert out == [f"源{n}" for n in range(6)]
    assert multiprocessing.active_children() == []


def test_workers_waiting_for_the_shared_value_stop_when_making_it_fails(method: str) -> None:
    begun = time.monotonic()
    with pytest.raises(ValueError, match="no source"):
        parallel.in_processes(
            _with_shared, [(1,), (2,)], 2, None, lambda: None, method=method, shared=_source_fails
        )
    assert multiprocessing.active_children() == []
    assert time.monotonic() - begun < 30


def _without_shared(n: int, shared: Callable[[], str], cancel: CancelCheck) -> int:
    return n


def test_a_shared_value_no_worker_took_does_not_hold_this_process(method: str) -> None:
    big = "字" * 2_000_000  # far more than a pipe holds: its sender waits until it is read
    jobs = [(n,) for n in range(4)]
    out = parallel.in_processes(
        _without_shared, jobs, 2, None, lambda: None, method=method, shared=lambda: big
    )
    assert out == [0, 1, 2, 3]
    assert multiprocessing.active_children() == []


def test_the_others_use_of_the_cores_is_read_from_a_recent_sample() -> None:
    # this process busy all along on one of two cores: whatever else was busy is the others'
    assert parallel.others_busy((0.0, 10.0, 100.0), (0.1, 10.1, 100.2), 2) == 0.0
    assert parallel.others_busy((0.0, 10.0, 100.0), (0.1, 10.2, 100.2), 2) == pytest.approx(1.0)
    assert parallel.others_busy((0.0, 10.0, 100.0), (0.1, 10.15, 100.2), 2) == pytest.approx(0.5)
    assert parallel.others_busy((0.0, 10.0, 100.0), (0.01, 10.0, 100.02), 2) is None  # too close
    assert parallel.others_busy((0.0, 10.0, 100.0), (60.0, 60.0, 220.0), 2) is None  # too old
    assert parallel.others_busy(None, (0.1, 10.2, 100.2), 2) is None
    assert parallel.others_running() >= 0.0


@pytest.mark.parametrize(
    ("asked", "expected"), [("1", 0), ("2", 2), ("3", 3), ("8", 3), (" 2 ", 2)]
)
def test_jiaokan_processes_replaces_the_estimate(
    monkeypatch: pytest.MonkeyPatch, asked: str, expected: int
) -> None:
    """However busy the machine (the estimate says 0), at most one process per witness."""
    monkeypatch.setattr(parallel, "others_running", lambda: 8.0)
    monkeypatch.setenv(PROCESSES_ENV, asked)
    assert parallel.worker_count(SOURCE, [w for _, w in WITNESSES][:1] * 3) == expected


@pytest.mark.parametrize("asked", ["0", "-1", "two", "２", "1.5"])
def test_a_jiaokan_processes_that_is_no_number_is_refused_and_ignored(
    monkeypatch: pytest.MonkeyPatch, asked: str
) -> None:
    monkeypatch.setattr(parallel, "others_running", lambda: 8.0)
    monkeypatch.setenv(PROCESSES_ENV, asked)
    with pytest.raises(ValueError):
        asked_processes()  # the command line says so, in one line
    assert parallel.worker_count(SOURCE, [w for _, w in WITNESSES][:1] * 3) == 0  # the estimate


class _Unsendable:
    """What cannot be pickled for want of memory."""

    def __reduce__(self) -> Any:
        raise MemoryError


def _killed_in_a_worker(n: int, cancel: CancelCheck) -> int:
    if _in_worker():
        os.kill(os.getpid(), signal.SIGKILL)
    while not cancel():  # here: until the dead worker is noticed
        time.sleep(0.01)
    raise Cancelled


def _unsendable_from_a_worker(started: Event, cancel: CancelCheck) -> object:
    """In a worker: a result it cannot send.  Here: returns once the worker is at work."""
    if _in_worker():
        started.set()
        return _Unsendable()
    assert started.wait(30)
    return None


def _waiting_for_the_shared_value(
    started: Event, shared: Callable[[], object], cancel: CancelCheck
) -> object:
    """In a worker: waits for the shared value.  Here: returns once the worker waits."""
    if _in_worker():
        started.set()
        return shared()
    assert started.wait(30)
    return None


def test_a_killed_worker_is_noticed_while_this_process_works(method: str) -> None:
    begun = time.monotonic()
    with pytest.raises(parallel.WorkerDied, match=r"\(killed by SIGKILL\)"):
        parallel.in_processes(
            _killed_in_a_worker, [(1,), (2,)], 2, None, lambda: None, method=method
        )
    assert multiprocessing.active_children() == []
    assert time.monotonic() - begun < 30


def test_a_result_a_worker_cannot_send_for_want_of_memory_is_a_memory_error(
    method: str, capfd: pytest.CaptureFixture[str]
) -> None:
    started = multiprocessing.get_context(method).Event()
    with pytest.raises(MemoryError):
        parallel.in_processes(
            _unsendable_from_a_worker,
            [(started,), (started,)],
            2,
            None,
            lambda: None,
            method=method,
        )
    assert multiprocessing.active_children() == []
    assert capfd.readouterr().err == ""  # no traceback from the thread that sends


def test_a_shared_value_that_cannot_be_sent_is_raised_here_at_once(
    method: str, capfd: pytest.CaptureFixture[str]
) -> None:
    started = multiprocessing.get_context(method).Event()
    begun = time.monotonic()
    with pytest.raises(MemoryError):
        parallel.in_processes(
            _waiting_for_the_shared_value,
            [(started,), (started,)],
            2,
            None,
            lambda: None,
            method=method,
            shared=_Unsendable,
        )
    assert multiprocessing.active_children() == []  # the worker waited for it no longer
    assert capfd.readouterr().err == ""
    assert time.monotonic() - begun < parallel.STOP_SECONDS  # nor did this process
