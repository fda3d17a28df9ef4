"""General-purpose diff libraries run on the same normalized texts as the engine.

Each peer runs in a fresh (spawned) child process so that its peak memory is
its own (VmHWM: see :mod:`bench.measure`) and a run past the time limit can be
killed.  Only the diff call is
timed.  Differences come back as regions ``(a0, a1, b0, b1, kind)`` in
normalized coordinates, adjacent non-equal operations merged into one.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import time
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from bench.measure import peak_rss_mb

PEERS = ("rapidfuzz-whole", "difflib", "diff-match-patch")

Region = tuple[int, int, int, int, str]
Op = tuple[str, int, int, int, int]


@dataclass
class PeerResult:
    name: str
    status: str  # "ok", "over", "memory", "error"
    seconds: float | None = None
    peak_mb: float | None = None
    regions: list[Region] | None = None
    message: str = ""


def merge_ops(ops: Iterable[Op]) -> list[Region]:
    """Join runs of adjacent non-equal opcodes ``(tag, a0, a1, b0, b1)`` into regions."""
    regions: list[Region] = []
    cur: list[int] | None = None
    for tag, a0, a1, b0, b1 in ops:
        if tag == "equal":
            if a1 > a0 and cur is not None:
                regions.append(_close(cur))
                cur = None
            continue
        if cur is None:
            cur = [a0, a1, b0, b1]
        else:
            cur[1], cur[3] = a1, b1
    if cur is not None:
        regions.append(_close(cur))
    return regions


def _close(r: list[int]) -> Region:
    a0, a1, b0, b1 = r
    if a1 == a0:
        kind = "insertion"
    elif b1 == b0:
        kind = "deletion"
    else:
        kind = "substitution"
    return a0, a1, b0, b1, kind


def _dmp_ops(diffs: Iterable[tuple[int, str]]) -> list[Op]:
    ops: list[Op] = []
    i = j = 0
    for op, text in diffs:
        n = len(text)
        if op == 0:
            ops.append(("equal", i, i + n, j, j + n))
            i, j = i + n, j + n
        elif op < 0:
            ops.append(("delete", i, i + n, j, j))
            i += n
        else:
            ops.append(("insert", i, i, j, j + n))
            j += n
    return ops


def run_diff(name: str, a: str, b: str) -> tuple[float, list[Region]]:
    """Time one peer's diff of ``a`` against ``b``; return the seconds and merged regions."""
    if name == "difflib":
        import difflib

        t0 = time.perf_counter()
        opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        seconds = time.perf_counter() - t0
        return seconds, merge_ops(opcodes)
    if name == "diff-match-patch":
        from diff_match_patch import diff_match_patch

        dmp = diff_match_patch()
        dmp.Diff_Timeout = 0
        t0 = time.perf_counter()
        diffs = dmp.diff_main(a, b)
        seconds = time.perf_counter() - t0
        return seconds, merge_ops(_dmp_ops(diffs))
    if name == "rapidfuzz-whole":
        from rapidfuzz.distance import Indel

        t0 = time.perf_counter()
        rf_opcodes = Indel.opcodes(a, b)
        seconds = time.perf_counter() - t0
        ops = [(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in rf_opcodes]
        return seconds, merge_ops(ops)
    raise ValueError(f"unknown peer {name}")


def _child(name: str, a: str, b: str, conn: Connection, mem_limit: int) -> None:
    try:
        if mem_limit > 0:
            resource.setrlimit(resource.RLIMIT_AS, (mem_limit, mem_limit))
        conn.send(("start",))
        seconds, regions = run_diff(name, a, b)
        peak = peak_rss_mb()
        conn.send(("done", seconds, peak, regions))
    except MemoryError:
        conn.send(("memory",))
    except Exception as exc:  # reported, not raised: one peer failing must not stop the bench
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_peer(
    name: str, a: str, b: str, limit: float = 60.0, mem_limit: int = 8 << 30
) -> PeerResult:
    """Run one peer in a child process, killed after ``limit`` seconds of diffing."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(name, a, b, child, mem_limit), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(120):
            return PeerResult(name, "error", message="child did not start")
        msg: Any = parent.recv()
        if msg[0] == "start":
            if not parent.poll(limit + 1.0):
                return PeerResult(name, "over", message=f"over {limit:.0f} s")
            msg = parent.recv()
        if msg[0] == "done":
            _, seconds, peak, regions = msg
            if seconds > limit:
                return PeerResult(name, "over", seconds, peak, message=f"over {limit:.0f} s")
            return PeerResult(name, "ok", seconds, peak, regions)
        if msg[0] == "memory":
            return PeerResult(name, "memory", message=f"over {mem_limit >> 30} GB of memory")
        return PeerResult(name, "error", message=str(msg[1]))
    except EOFError:
        return PeerResult(name, "error", message=f"child died (exit {proc.exitcode})")
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
