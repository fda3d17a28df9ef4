"""Stopped, killed and orphaned: a command and its worker processes under the signals a
user (or the system) sends (issue 19).

Each test starts the real command in a session of its own, waits for what can be
seen of it (a worker process in /proc, a temporary file in the folder), sends the
signal, and then looks at what is left: processes of that session, files in the
folder, the exit status and stderr.  Witnesses are collated in worker processes
because ``JIAOKAN_PROCESSES`` asks for them, whatever the machine's load.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest

from app.store.file import ProjectFile
from tests.conftest import ROOT
from tests.faults.conftest import SOURCE, VARIANT_A, VARIANT_B, cli, snapshot

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="reads /proc and sends POSIX signals"
    ),
]

DEADLINE = 30.0
"""Seconds to wait for what must happen: a loaded machine is slow, not wrong."""

GONE_WITHIN = 5.0
"""Seconds within which orphaned workers must be gone (they go in milliseconds)."""

PROCESSES = "3"
"""This process and two workers, for three witnesses."""


@cache
def _texts(chars: int) -> tuple[str, ...]:
    """A source of ``chars`` characters and three variants, made once."""
    rng = random.Random(19)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    source = "".join(rng.choices([*alphabet, "。"], weights=[1] * len(alphabet) + [150], k=chars))
    variants = []
    for _ in range(3):
        letters = list(source)
        for _ in range(chars // 40):
            letters[rng.randrange(len(letters))] = rng.choice(alphabet)
        variants.append("".join(letters))
    return (source, *variants)


def _write_texts(folder: Path, chars: int) -> Path:
    """``s.txt`` and the variants ``v0.txt`` to ``v2.txt`` in ``folder``."""
    folder.mkdir()
    for name, text in zip(("s", "v0", "v1", "v2"), _texts(chars), strict=True):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Texts large enough that a collation is still running well after its workers have
    started (seconds on a loaded machine)."""
    return _write_texts(tmp_path / "work", 60_000)


COLLATE = ("collate", "s.txt", "v0.txt", "v1.txt", "v2.txt", "--project", "p.jkproj")


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Processes a test starts, each leading a session of its own; whatever of a
    session is still there afterwards (a test that failed) is killed."""
    procs: list[subprocess.Popen[bytes]] = []
    yield procs
    for proc in procs:
        for pid in _session(proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        proc.kill()
        proc.communicate()


def _start(
    procs: list[subprocess.Popen[bytes]],
    cwd: Path,
    *argv: str,
    code: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """``python -m app ARGV`` (or ``python -c CODE ARGV``) in ``cwd``, a session leader."""
    head = ["-c", code] if code is not None else ["-m", "app"]
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "JIAOKAN_PROCESSES": PROCESSES}
    proc = subprocess.Popen(
        [sys.executable, *head, *argv],
        cwd=cwd,
        env={**environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    procs.append(proc)
    return proc


def _stat(pid: int) -> tuple[str, int, int] | None:
    """A process's state, parent and session from /proc, or None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return fields[0], int(fields[1]), int(fields[3])


def _living() -> dict[int, tuple[int, int]]:
    """Every process that is not a zombie: pid -> (parent, session)."""
    out = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            stat = _stat(int(name))
            if stat is not None and stat[0] not in "ZX":
                out[int(name)] = (stat[1], stat[2])
    return out


def _session(leader: int) -> list[int]:
    """The living processes of ``leader``'s session (its workers too, once orphaned)."""
    return [pid for pid, (_, sid) in _living().items() if sid == leader]


def _workers(parent: int) -> list[int]:
    return [pid for pid, (ppid, _) in _living().items() if ppid == parent]


def _cpu_ticks(pid: int) -> int:
    """The clock ticks (usually 10 ms) ``pid`` has run, or 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)


def _threads(pid: int) -> int:
    try:
        return len(os.listdir(f"/proc/{pid}/task"))
    except OSError:
        return 0


def _wait_for(condition: Callable[[], object], what: str, timeout: float = DEADLINE) -> None:
    """Poll ``condition`` until it holds; fail saying ``what`` did not happen."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"not within {timeout} s: {what}")
        time.sleep(0.005)


def _at_work(proc: subprocess.Popen[bytes], workers: int = 2) -> list[int]:
    """The command's worker processes, once ``workers`` of them are running."""
    _wait_for(
        lambda: len(_workers(proc.pid)) >= workers or proc.poll() is not None,
        "the command started its workers",
    )
    assert proc.poll() is None, "the command ended before its workers were seen"
    return _workers(proc.pid)


def _all_gone(proc: subprocess.Popen[bytes]) -> None:
    _wait_for(lambda: not _session(proc.pid), "every process of the command ended", GONE_WITHIN)


def _finish(proc: subprocess.Popen[bytes]) -> str:
    """Wait for the command; its stderr."""
    _, err = proc.communicate(timeout=DEADLINE)
    return err.decode()


# -- the command killed: its workers go too ------------------------------------------


@pytest.mark.parametrize(
    "signum", [signal.SIGKILL, signal.SIGUSR1], ids=["SIGKILL", "SIGUSR1"]
)  # neither is caught
def test_a_killed_command_takes_its_workers_with_it(
    folder: Path, started: list[subprocess.Popen[bytes]], signum: int
) -> None:
    """``kill -9`` of the command: the workers are not left blocked on a pipe for ever."""
    before = snapshot(folder)
    proc = _start(started, folder, *COLLATE)
    assert len(_at_work(proc)) == 2
    os.kill(proc.pid, signum)
    assert proc.wait(timeout=DEADLINE) == -signum
    _all_gone(proc)
    assert snapshot(folder) == before  # killed while collating: nothing was made yet


# -- a stop signal is a cancel ----------------------------------------------------------


@pytest.mark.parametrize(
    ("signum", "group"),
    [
        (signal.SIGTERM, False),
        (signal.SIGINT, False),
        (signal.SIGHUP, False),
        (signal.SIGINT, True),  # Ctrl+C: the terminal signals the workers as well
        (signal.SIGTERM, True),  # kill -TERM -PGID: the workers die at once, the command cancels
    ],
    ids=["SIGTERM", "SIGINT", "SIGHUP", "SIGINT-group", "SIGTERM-group"],
)
def test_a_stop_signal_cancels_the_command_and_leaves_nothing(
    folder: Path, started: list[subprocess.Popen[bytes]], signum: int, group: bool
) -> None:
    before = snapshot(folder)
    proc = _start(started, folder, *COLLATE)
    _at_work(proc)
    if group:
        os.killpg(proc.pid, signum)
    else:
        os.kill(proc.pid, signum)
    err = _finish(proc)
    # it ends by the signal, as the shell expects (130, 143, 129), after one line
    assert proc.returncode == -signum, err
    assert err == f"jiaokan: cancelled ({signal.Signals(signum).name})\n"
    _all_gone(proc)
    assert snapshot(folder) == before


def test_more_signals_while_it_cleans_up_do_not_cut_the_cleaning_short(
    folder: Path, started: list[subprocess.Popen[bytes]]
) -> None:
    before = snapshot(folder)
    proc = _start(started, folder, *COLLATE)
    _at_work(proc)
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        os.kill(proc.pid, signum)
    err = _finish(proc)
    # signals that arrive together are handled in the order of their numbers: the first
    # one handled is the one the command names and ends by
    first = signal.Signals(-proc.returncode)
    assert first in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP), proc.returncode
    assert err == f"jiaokan: cancelled ({first.name})\n"
    _all_gone(proc)
    assert snapshot(folder) == before


def test_a_signal_ignored_from_the_start_stays_ignored(
    tmp_path: Path, started: list[subprocess.Popen[bytes]]
) -> None:
    """``nohup jiaokan collate ...``: a closed terminal does not stop it."""
    folder = _write_texts(tmp_path / "work", 10_000)  # it runs to the end
    code = textwrap.dedent(
        """
        import os, signal, sys
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        os.execv(sys.executable, [sys.executable, "-m", "app", *sys.argv[1:]])
        """
    )
    proc = _start(started, folder, *COLLATE, code=code)
    _at_work(proc)
    os.killpg(proc.pid, signal.SIGHUP)
    err = _finish(proc)
    assert proc.returncode == 0 and err == ""
    with ProjectFile.open(folder / "p.jkproj", read_only=True) as project:
        assert len(project.texts()) == 4


# -- a signal while the project file is written -----------------------------------------

_STOP_WHILE_WRITING = textwrap.dedent(
    """
    import os, signal, sys
    import app.store.whole as whole
    from app.cli.main import main

    write = whole._write_collation

    def write_then_stop(*args):
        write(*args)
        # what the folder holds now, for the test to see; then the signal, as if sent now
        with open(os.environ["SEEN"], "w") as seen:
            seen.write("\\n".join(sorted(os.listdir("."))))
        os.kill(os.getpid(), int(os.environ["SIGNAL"]))

    whole._write_collation = write_then_stop
    sys.exit(main())
    """
)
"""The command with a signal sent to itself the moment the project's rows are written,
inside the transaction that fills the temporary file: the exact moment, every time."""


def _seen(path: Path) -> set[str]:
    return set(path.read_text().split("\n"))


@pytest.mark.parametrize(
    "signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=["SIGTERM", "SIGINT", "SIGHUP"]
)
def test_a_stop_signal_while_the_project_is_written_leaves_no_file(
    tmp_path: Path, started: list[subprocess.Popen[bytes]], signum: int
) -> None:
    folder = _small_job(tmp_path)
    before = snapshot(folder)
    seen = tmp_path / "seen"
    env = {"SIGNAL": str(int(signum)), "SEEN": str(seen), "JIAOKAN_PROCESSES": "1"}
    proc = _start(started, folder, *_SMALL, code=_STOP_WHILE_WRITING, env=env)
    err = _finish(proc)
    assert (
        proc.returncode == -signum
        and err == f"jiaokan: cancelled ({signal.Signals(signum).name})\n"
    )
    made = _seen(seen) - set(before)
    assert "p.jkproj.lock" in made and any(n.endswith(".tmp-journal") for n in made), made
    assert snapshot(folder) == before  # the temporary file, its journal, the lock: all gone


def test_a_stop_signal_while_replacing_a_project_leaves_the_old_one(
    tmp_path: Path, started: list[subprocess.Popen[bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _small_job(tmp_path)
    assert _in_process(capsys, folder, *_SMALL)[0] == 0
    before = snapshot(folder)
    env = {"SIGNAL": str(int(signal.SIGTERM)), "SEEN": str(tmp_path / "seen")}
    proc = _start(started, folder, *_SMALL, "--replace", code=_STOP_WHILE_WRITING, env=env)
    _finish(proc)
    assert proc.returncode == -signal.SIGTERM
    assert snapshot(folder) == before


@pytest.mark.parametrize("existing", [False, True])
def test_what_a_command_killed_while_writing_leaves_is_cleared_by_the_next(
    tmp_path: Path,
    started: list[subprocess.Popen[bytes]],
    capsys: pytest.CaptureFixture[str],
    existing: bool,
) -> None:
    """SIGKILL cannot be caught: the temporary file, its journal and the lock stay.  The
    project beside them (if any) is untouched and usable; the lock is taken over; the
    next writer of that project deletes the temporary file."""
    folder = _small_job(tmp_path)
    if existing:
        assert _in_process(capsys, folder, *_SMALL)[0] == 0
    before = snapshot(folder)
    env = {"SIGNAL": str(int(signal.SIGKILL)), "SEEN": str(tmp_path / "seen")}
    replace = ("--replace",) if existing else ()
    proc = _start(started, folder, *_SMALL, *replace, code=_STOP_WHILE_WRITING, env=env)
    _finish(proc)
    assert proc.returncode == -signal.SIGKILL
    left = set(snapshot(folder)) - set(before)
    assert "p.jkproj.lock" in left and len(left) == 3, left  # .tmp, .tmp-journal, .lock
    assert {k: v for k, v in snapshot(folder).items() if k in before} == before
    if existing:  # read, decided, while the junk is there: the stale lock is taken over
        assert _in_process(capsys, folder, "loci", "p.jkproj")[0] == 0
        assert _in_process(capsys, folder, "decide", "p.jkproj", "1", "--reject")[0] == 0
        assert not any(n.endswith((".tmp", ".tmp-journal", ".lock")) for n in snapshot(folder))
    code, _, err = _in_process(capsys, folder, *_SMALL, *replace)
    assert code == 0, err
    assert set(snapshot(folder)) == {"src.txt", "a.txt", "b.txt", "p.jkproj"}


# -- a worker killed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "signum",
    [signal.SIGKILL, signal.SIGTERM, signal.SIGUSR1],
    ids=["SIGKILL", "SIGTERM", "SIGUSR1"],
)
def test_a_killed_worker_is_one_line_and_status_2(
    folder: Path, started: list[subprocess.Popen[bytes]], signum: int
) -> None:
    before = snapshot(folder)
    proc = _start(started, folder, *COLLATE)
    worker = _at_work(proc)[0]
    # at work on a witness (the first thing a worker does is to take one): killed
    # before that, it would leave all the work to the others, and nothing would be amiss
    _wait_for(lambda: _cpu_ticks(worker) >= 10, "the worker worked for 0.1 s")
    os.kill(worker, signum)
    err = _finish(proc)
    assert proc.returncode == 2
    name = signal.Signals(signum).name
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"jiaokan: error: a collation worker process (pid {worker}) ended")
    assert f"(killed by {name})" in err and "JIAOKAN_PROCESSES=1" in err
    _all_gone(proc)
    assert snapshot(folder) == before


def test_a_bad_number_of_processes_is_one_line(
    folder: Path, started: list[subprocess.Popen[bytes]]
) -> None:
    proc = _start(started, folder, *COLLATE, env={"JIAOKAN_PROCESSES": "two"})
    err = _finish(proc)
    assert proc.returncode == 2
    assert err == "jiaokan: error: JIAOKAN_PROCESSES=two is not a number of processes (1 or more)\n"


# -- the window's workers: spawned from a thread ---------------------------------------------

_COLLATE_IN_A_THREAD = textwrap.dedent(
    """
    import sys, threading
    from app.collation.collate import collate

    texts = [open(name, encoding="utf-8").read() for name in sys.argv[1:]]
    witnesses = [(f"w{n}", text) for n, text in enumerate(texts[1:])]
    thread = threading.Thread(target=lambda: collate(texts[0], witnesses, processes=3))
    thread.start()  # two threads: the workers are spawned, as the window's are
    thread.join()
    """
)


def test_workers_spawned_from_a_thread_die_with_their_process(
    folder: Path, started: list[subprocess.Popen[bytes]]
) -> None:
    proc = _start(started, folder, "s.txt", "v0.txt", "v1.txt", "v2.txt", code=_COLLATE_IN_A_THREAD)

    def bound() -> list[int]:  # a spawned worker bound to its parent runs a watching thread
        return [pid for pid in _workers(proc.pid) if _threads(pid) >= 2]

    _wait_for(lambda: len(bound()) >= 2 or proc.poll() is not None, "two workers were spawned")
    assert proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=DEADLINE)
    _all_gone(proc)  # the workers, and multiprocessing's resource tracker


def test_the_windows_workers_die_with_the_window(
    folder: Path, started: list[subprocess.Popen[bytes]]
) -> None:
    """The real window, collating four texts with two workers, killed with -9.  Its
    workers are forked by its fork server (app.collation.parallel.serve), spawned where
    there is none: either way they go, and the server with them."""
    code = "import sys; from ui.launch import main; sys.exit(main())"
    env = {"QT_QPA_PLATFORM": "offscreen"}
    proc = _start(started, folder, "s.txt", "v0.txt", "v1.txt", "v2.txt", code=code, env=env)

    def spawned() -> list[int]:  # the window's children, and its fork server's
        near = _workers(proc.pid)
        return [pid for pid in near + [w for p in near for w in _workers(p)] if _threads(pid) >= 2]

    _wait_for(lambda: len(spawned()) >= 2 or proc.poll() is not None, "the window's workers")
    assert proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=DEADLINE)
    _all_gone(proc)


# -- helpers for the small job ----------------------------------------------------------------

_SMALL = ("collate", "src.txt", "a.txt", "b.txt", "--project", "p.jkproj")


def _small_job(tmp_path: Path) -> Path:
    """The fault tests' small source and two variants (tests/faults/conftest.py)."""
    folder = tmp_path / "job"
    folder.mkdir()
    for name, text in (("src", SOURCE), ("a", VARIANT_A), ("b", VARIANT_B)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _in_process(
    capsys: pytest.CaptureFixture[str], folder: Path, *argv: str
) -> tuple[int, str, str]:
    """``jiaokan ARGV`` in this process, run in ``folder``."""
    here = os.getcwd()
    os.chdir(folder)
    try:
        return cli(capsys, *argv)
    finally:
        os.chdir(here)


# -- the window's fork server killed ----------------------------------------------------------


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read()
    except OSError:
        return b""


def _servers() -> list[int]:
    """This process's fork servers (app.collation.parallel.serve) that are alive."""
    return [p for p in _workers(os.getpid()) if b"multiprocessing.forkserver" in _cmdline(p)]


def test_a_killed_fork_server_is_started_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's fork server killed (the out-of-memory killer, someone's ``kill``):
    the next collation in processes has one started again and gives the same result."""
    import threading

    from app.collation import parallel
    from app.collation.collate import collate

    monkeypatch.setattr(parallel, "_SERVED", list(parallel._SERVED))
    if not parallel.serve(wait=True):
        pytest.skip("the fork server is started on Linux with two cores or more")
    (server,) = _servers()
    os.kill(server, signal.SIGKILL)
    _wait_for(lambda: server not in _servers(), "the fork server died")
    source, *variants = _texts(20_000)
    witnesses = [(f"w{n}", text) for n, text in enumerate(variants)]
    alone = collate(source, witnesses, processes=0)
    waiting = threading.Event()
    thread = threading.Thread(target=waiting.wait)
    thread.start()  # two threads, as in the window: its workers come from the server
    try:
        assert parallel.start_method() == "forkserver"
        again = collate(source, witnesses, processes=3)
    finally:
        waiting.set()
        thread.join()
    assert again.loci == alone.loci
    assert [p for p in _servers() if p != server]  # a new one
