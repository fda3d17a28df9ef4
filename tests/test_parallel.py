"""Witnesses aligned in worker processes: the same collation, and cancel still stops it."""

from __future__ import annotations

import multiprocessing
import time

import pytest

from app.cancel import Cancelled
from app.collation import parallel
from app.collation.collate import collate

SOURCE = "学而时习之，不亦说乎？有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？\n" * 40
WITNESSES = [
    ("B", SOURCE.replace("说", "悦", 3)),
    ("C", SOURCE.replace("有朋自远方来，不亦乐乎？", "", 2)),
    ("D", SOURCE.replace("君子", "君", 5).replace("\n", "", 4)),
]


def test_processes_give_the_same_collation_as_one_process() -> None:
    alone = collate(SOURCE, WITNESSES, processes=0)
    seen: list[float] = []
    spread = collate(SOURCE, WITNESSES, processes=2, progress=seen.append)
    assert spread.loci == alone.loci
    assert {w: a.regions for w, a in spread.alignments.items()} == {
        w: a.regions for w, a in alone.alignments.items()
    }
    assert seen == sorted(seen) and seen[-1] == 1.0
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
    monkeypatch.setattr(parallel, "spare_cores", lambda: 2.0)
    assert parallel.worker_count(SOURCE, [t for _, t in WITNESSES]) == 0
    assert parallel.worker_count("字" * 100_000, ["字" * 100_000] * 4) == 0  # start-up costs more
    assert parallel.worker_count("字" * 2_000_000, ["字" * 2_000_000]) == 0  # one witness
    many = parallel.worker_count("字" * 1_000_000, ["字" * 1_000_000] * 5)
    assert many == min(parallel.cores(), 5) or parallel.cores() < 2
    monkeypatch.setattr(parallel, "spare_cores", lambda: 0.5)  # other work has the cores
    assert parallel.worker_count("字" * 1_000_000, ["字" * 1_000_000] * 5) == 0
