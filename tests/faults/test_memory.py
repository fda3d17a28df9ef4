"""Out of memory during a collation: one line, exit status 2, nothing left behind (issue 19).

Memory runs out wherever the next allocation happens to be, so each stage of
``collate --project`` is made to run out in turn (a ``MemoryError`` raised there,
as Python and rapidfuzz's ``std::bad_alloc`` raise it), in this process and in a
worker; one run under a real address-space limit (``RLIMIT_AS``, as ``ulimit -v``
and ``prlimit --as`` set it) checks the same from the outside.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import app.cli.main as cli_main
import app.collation.align as align_module
import app.collation.collate as collate_module
import app.store.whole as whole_module
from app.cli.main import OUT_OF_MEMORY
from app.collation.collate import collate
from app.collation.loci import Collation
from app.project.project import Project
from app.store.file import ProjectFile
from app.store.records import ProjectError
from app.text.loading import LoadedText, load_text
from tests.conftest import ROOT
from tests.faults.conftest import Job, cli, snapshot

ONE_LINE = f"jiaokan: error: {OUT_OF_MEMORY}\n"


def _out_of_memory(*_args: object, **_kwargs: object) -> Any:
    raise MemoryError


class _NoMemoryIndel:
    """rapidfuzz's Indel as it fails when C++ cannot allocate: ``std::bad_alloc``."""

    @staticmethod
    def opcodes(*_args: object, **_kwargs: object) -> Any:
        raise MemoryError("std::bad_alloc")

    normalized_similarity = opcodes


STAGES = {
    "normalize": (collate_module, "normalize", _out_of_memory),
    "align": (collate_module, "align", _out_of_memory),
    "rapidfuzz": (align_module, "Indel", _NoMemoryIndel),
    "classify": (collate_module, "classify", _out_of_memory),
    "merge": (collate_module, "_merge", _out_of_memory),
    "write the project": (whole_module, "_write_collation", _out_of_memory),
    "print, the project written": (cli_main, "dump_json", _out_of_memory),
}


@pytest.fixture
def fresh(job: Job) -> Job:
    """The fault tests' job, without its project: ``collate --project`` makes it anew."""
    job.project.unlink()
    return job


def _collate(capsys: pytest.CaptureFixture[str], job: Job, *more: str) -> tuple[int, str, str]:
    return cli(
        capsys, "collate", job.source, job.a, job.b, "--project", job.project, "--json", *more
    )


@pytest.mark.parametrize("stage", list(STAGES))
def test_out_of_memory_at_each_stage_is_one_line_and_leaves_nothing(
    fresh: Job, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    monkeypatch.setenv("JIAOKAN_PROCESSES", "1")
    module, name, failing = STAGES[stage]
    monkeypatch.setattr(module, name, failing)
    before = snapshot(fresh.folder)
    code, _, err = _collate(capsys, fresh)
    assert (code, err) == (2, ONE_LINE)
    assert snapshot(fresh.folder) == before  # no project, temporary file, journal nor lock


def test_out_of_memory_loading_the_second_text(
    fresh: Job, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[str] = []

    def load_then_fail(path: str, encoding: str | None = None) -> Any:
        if loaded:
            raise MemoryError
        loaded.append(path)
        return load_text(path, encoding)

    monkeypatch.setattr(cli_main, "load_text", load_then_fail)
    before = snapshot(fresh.folder)
    assert _collate(capsys, fresh)[::2] == (2, ONE_LINE)
    assert snapshot(fresh.folder) == before


def test_out_of_memory_replacing_a_project_leaves_the_old_one(
    job: Job, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(whole_module, "_write_collation", _out_of_memory)
    before = snapshot(job.folder)
    assert _collate(capsys, job, "--replace")[::2] == (2, ONE_LINE)
    assert snapshot(job.folder) == before


def _loaded(job: Job) -> tuple[LoadedText, list[tuple[str, LoadedText]], Collation]:
    source, a, b = (load_text(str(path)) for path in (job.source, job.a, job.b))
    return source, [("a", a), ("b", b)], collate(source.text, [("a", a.text), ("b", b.text)])


def test_a_new_project_the_window_cannot_open_is_removed(
    fresh: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's ``create`` opens what it wrote; when that fails (SQLite out of memory
    for its shared memory says "disk I/O error"), no project, -wal nor -shm is left."""
    source, witnesses, collation = _loaded(fresh)
    before = snapshot(fresh.folder)

    def no_shared_memory(*_args: object, **_kwargs: object) -> Any:
        raise ProjectError("project.cannot-open", name="p.jkproj", reason="disk I/O error")

    monkeypatch.setattr(ProjectFile, "_open", no_shared_memory)
    with pytest.raises(ProjectError, match="disk I/O error"):
        Project.create(fresh.project, source, witnesses, collation)
    assert snapshot(fresh.folder) == before


def test_a_new_project_the_window_cannot_read_back_is_removed(
    fresh: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made and opened, then out of memory reading it into a ``Project``: closed, removed."""
    source, witnesses, collation = _loaded(fresh)
    before = snapshot(fresh.folder)
    monkeypatch.setattr(ProjectFile, "decisions", _out_of_memory)
    with pytest.raises(MemoryError):
        Project.create(fresh.project, source, witnesses, collation)
    assert snapshot(fresh.folder) == before


# -- in worker processes, and under a real limit ------------------------------------------

_IN_THE_WORKERS = textwrap.dedent(
    """
    import multiprocessing, sys
    import app.collation.collate as collate
    import app.collation.parallel as parallel
    from app.cli.main import main

    def in_a_worker():
        return multiprocessing.parent_process() is not None

    if sys.argv[1] == "align":  # the aligner runs out in a worker: its MemoryError comes back
        align = collate.align
        def failing_align(*args, **kwargs):
            if in_a_worker():
                raise MemoryError("std::bad_alloc")
            return align(*args, **kwargs)
        collate.align = failing_align
    else:  # the worker cannot even send its result: its exit status says why
        put = parallel._put
        def failing_put(channel, value):
            if in_a_worker():
                raise MemoryError
            put(channel, value)
        parallel._put = failing_put
    sys.exit(main(sys.argv[2:]))
    """
)


def _texts(folder: Path, chars: int, count: int = 3) -> list[str]:
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    source = "".join(rng.choices([*alphabet, "。"], weights=[1] * len(alphabet) + [150], k=chars))
    names = ["s.txt"]
    (folder / "s.txt").write_text(source, encoding="utf-8")
    for n in range(count):
        letters = list(source)
        for _ in range(chars // 40):
            letters[rng.randrange(len(letters))] = rng.choice(alphabet)
        (folder / f"v{n}.txt").write_text("".join(letters), encoding="utf-8")
        names.append(f"v{n}.txt")
    return names


@pytest.mark.subprocess
@pytest.mark.parametrize("where", ["align", "sending the result"])
def test_out_of_memory_in_a_worker_is_one_line(tmp_path: Path, where: str) -> None:
    names = _texts(tmp_path, 3000)
    before = snapshot(tmp_path)
    argv = ["collate", *names, "--project", "p.jkproj"]
    done = subprocess.run(
        [sys.executable, "-c", _IN_THE_WORKERS, where.split()[0], *argv],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "JIAOKAN_PROCESSES": "3"},
        capture_output=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr.decode()) == (2, ONE_LINE)
    assert snapshot(tmp_path) == before


_PEAK = textwrap.dedent(
    """
    import sys
    from app.cli.main import main
    try:
        main(["--version"])
    except SystemExit:
        pass
    with open("/proc/self/status") as status:
        print(status.read())
    """
)
"""The address space the command takes before it reads a text: Python, the engine's
modules, and its reserve (``MEMORY_RESERVE``)."""


@pytest.mark.subprocess
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_a_real_memory_limit_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    """``ulimit -v``: a limit 40 MB above what the command takes to start, far below what
    these texts need (some 150 MB here).  Where it runs out depends on the machine (here:
    loading the texts, or the tables that classify the divergences); that it ends so, not."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JIAOKAN_PROCESSES": "1"}
    started = subprocess.run(
        [sys.executable, "-c", _PEAK], env=env, capture_output=True, text=True, timeout=60
    )
    peak = int(re.search(r"VmPeak:\s+(\d+) kB", started.stdout)[1]) * 1024  # type: ignore[index]
    limit = peak + (40 << 20)
    names = _texts(tmp_path, 150_000)
    before = snapshot(tmp_path)
    limited = textwrap.dedent(
        f"""
        import os, resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
        os.execv(sys.executable, [sys.executable, "-m", "app", *sys.argv[1:]])
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", limited, "collate", *names, "--project", "p.jkproj"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (2, ONE_LINE)
    assert snapshot(tmp_path) == before
