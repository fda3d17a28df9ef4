"""A session with real files and a real collation, run synchronously (no window, no thread)."""

from __future__ import annotations

import dataclasses
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cancel import Cancelled
from app.collation.collate import collate, realign
from app.collation.loci import Collation
from app.session.session import Collated, Session

SOURCE = (
    "春天来了，河边的柳树发了芽。孩子们在草地上放风筝，笑声传得很远。\n"
    "老人坐在门口晒太阳，说今年的雨水比往年多。\n"
    "村里新修了一条路，通到镇上的学校，上学的孩子再也不用蹚水了。\n"
)
VARIANT = (
    "春天来了,河边的柳树发了芽。孩子们在草地上放风争，笑声传得很远。\n"
    "老人坐在门口晒太阳，说今年的雨水比往年多多。\n"
    "村里新修了一条路，通到镇上的学校，上学的孩子再也不用躺水了。\n"
)
"""Typos 争 (筝), 躺 (蹚), a doubled 多, and one half-width comma (folded by ``width``)."""


def ids_of(session: Session) -> list[int]:
    """The ids of the loci shown, in source order (the table's unsorted rows)."""
    return [locus.id for locus in session.loci]


def decisions_of(session: Session) -> list[object]:
    """The decision on each locus shown, in source order, without the time it was made:
    two sessions compared in a test decide the same thing up to a second apart."""
    return [dataclasses.replace(session.decision(i), decided_at="") for i in ids_of(session)]


def write_pair(folder: Path, source: str = SOURCE, variant: str = VARIANT) -> tuple[Path, Path]:
    src, var = folder / "source.txt", folder / "variant.txt"
    src.write_text(source, encoding="utf-8")
    var.write_text(variant, encoding="utf-8")
    return src, var


def collate_now(session: Session) -> Collated:
    """What the window's worker does, in this thread: collate the request and hand it back."""
    request = session.request()
    assert request is not None
    if request.regions is not None:
        regions = dict(request.regions)
        result = realign(request.source, list(request.witnesses), request.rules, regions)
    else:
        witnesses = list(request.witnesses)
        result = collate(request.source, witnesses, request.rules, checks=request.checks)
    collated = session.collated(request, result)
    assert collated is not None
    return collated


def opened(folder: Path, source: str = SOURCE, variant: str = VARIANT) -> Session:
    """A session on a new pair of files, collated, with its project in ``folder/projects``."""
    session = Session(projects_dir=folder / "projects")
    src, var = write_pair(folder, source, variant)
    session.open_files(src, [var])
    collate_now(session)
    assert session.project is not None
    return session


WAIT = 20.0  # seconds: only ever reached when a test is broken


class Loop:
    """The owner's thread of a session: what the worker posts waits here until run."""

    def __init__(self) -> None:
        self.posted: queue.Queue[Callable[[], None]] = queue.Queue()

    def post(self, call: Callable[[], None]) -> None:
        self.posted.put(call)

    def run_until(self, done: Callable[[], bool]) -> None:
        """Run what the worker posts, in order, until ``done``."""
        while not done():
            self.posted.get(timeout=WAIT)()

    def run_pending(self) -> None:
        """Run what has been posted so far."""
        while not self.posted.empty():
            self.posted.get_nowait()()


class Gate:
    """A collate function that can hold a call until the test opens it, and counts calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []
        self.hold: threading.Event | None = None
        self.entered = threading.Event()
        self.progress: tuple[float, ...] = ()
        self.error = ""

    def __call__(self, *args: Any, **kwargs: Any) -> Collation:
        self.calls.append(tuple(args[2]))
        for fraction in self.progress:
            kwargs["progress"](fraction)
        hold, self.hold = self.hold, None
        self.entered.set()
        if hold is not None:
            while not hold.wait(0.01):
                if kwargs["cancel"]():
                    raise Cancelled
        if self.error:
            raise RuntimeError(self.error)
        return collate(*args, **kwargs)


def opened_and_decided(session: Session, loop: Loop, folder: Path) -> None:
    """The pair opened in a session that runs its loop, collated, and two loci decided
    (one accepted, one with a note)."""
    folder.mkdir(parents=True, exist_ok=True)
    src, var = write_pair(folder)
    session.open_files(src, [var])
    loop.run_until(lambda: not session.collating)
    first, second = ids_of(session)[:2]
    session.accept([first], "variant")
    session.set_note(second, "看原稿")
