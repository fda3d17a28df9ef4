"""What the command's ratio to the C++ peer is made of: the floor under it (issue 24).

``bench_collate`` times the whole ``jiaokan collate A B --json`` against the
C++ peer.  This takes the command apart on the same texts (seed 1), to show
how much of the peer's time the engine's stages leave, whatever the rest:

- as processes, alternately (medians of ``--runs``): the interpreter alone
  (``python -c pass``), the interpreter with the libraries the engine stands
  on (:data:`LIBRARIES`), the interpreter with the engine's imports for a
  collation, the whole command and the peer's;
- in this process (CPU, best of 3, tables already loaded): reading both
  files, normalizing each, aligning the normalized pair, and the whole
  ``collate()``.

The *floor* is the interpreter with those libraries plus ``collate()`` in
this process: what the command would cost if the engine's own modules and
tables loaded in no time and it wrote no output.  Where the floor is above
the peer's time times the target, no work on the command's start, imports,
tables or output can meet it: only a faster ``collate()`` can.

    .venv/bin/python -m bench.stages [--sizes 100k,1M] [--runs 5]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import bench_collate, cpp_peer
from bench.measure import measured
from bench.norm import get_normalizer
from bench.synth import parse_size, size_label
from bench.variant import make_case

ROOT = Path(__file__).resolve().parent.parent

TARGETS = {100_000: 1.0, 1_000_000: 0.15}
"""Issue 24: the whole command at most this share of the C++ peer's time."""

LIBRARIES = (
    "import argparse, bisect, dataclasses, enum, json, re, typing, unicodedata, "
    "rapidfuzz.distance.Indel"
)
"""The standard library's and rapidfuzz's modules the engine's collation imports."""

IMPORTS = "import app.cli.main, app.collation.collate, app.text.normalize, app.collation.align"
"""What a collation imports before it reads a file (the command imports the same lazily)."""


def best_cpu(work: Callable[[], Any], repeats: int = 3) -> float:
    """The least CPU time of ``repeats`` calls of ``work``."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        t0 = time.process_time()
        work()
        best = min(best, time.process_time() - t0)
    return best


def in_process(source_path: Path, variant_path: Path) -> dict[str, float]:
    """CPU seconds of each stage of one collation, in this process, its tables loaded."""
    from app.collation.align import align
    from app.collation.collate import collate
    from app.text.normalize import normalize

    def read() -> tuple[str, str]:
        return (
            source_path.read_text(encoding="utf-8"),
            variant_path.read_text(encoding="utf-8"),
        )

    source, variant = read()
    collate(source, [("v", variant)])  # every table loaded
    a, b = normalize(source), normalize(variant)
    return {
        "read": best_cpu(read),
        "normalize source": best_cpu(lambda: normalize(source)),
        "normalize variant": best_cpu(lambda: normalize(variant)),
        "align": best_cpu(lambda: align(a.text, b.text)),
        "collate()": best_cpu(lambda: collate(source, [("v", variant)])),
    }


def processes(source_path: Path, variant_path: Path, runs: int) -> dict[str, float]:
    """Median wall seconds of each command, the four run in turn ``runs`` times."""
    python = sys.executable
    commands = {
        "interpreter": [python, "-c", "pass"],
        "interpreter and the libraries": [python, "-c", LIBRARIES],
        "interpreter and imports": [python, "-c", IMPORTS],
        "jiaokan collate --json": bench_collate.command(source_path, variant_path),
        "C++ peer": cpp_peer.command(source_path, variant_path),
    }
    walls: dict[str, list[float]] = {name: [] for name in commands}
    for k in range(runs):
        order = list(commands.items())
        if k % 2:
            order.reverse()
        for name, cmd in order:
            m, stderr = measured(cmd, cwd=ROOT)
            if m is None:
                raise SystemExit(f"{name}: {stderr.strip()[-300:] or 'failed'}")
            walls[name].append(m["wall"])
    return {name: statistics.median(w) for name, w in walls.items()}


def report(size: int, runs: int, tmp: Path) -> None:
    normalize, _ = get_normalizer()
    case = make_case(size, 1, normalize)
    source_path, variant_path = tmp / "source.txt", tmp / "variant.txt"
    source_path.write_text(case.source, encoding="utf-8")
    variant_path.write_text(case.variant, encoding="utf-8")
    walls = processes(source_path, variant_path, runs)
    stages = in_process(source_path, variant_path)
    label = size_label(size)
    print(f"\n### {label} characters (load average {os.getloadavg()[0]:.1f})\n")
    print(f"As processes (median wall of {runs}, run in turn):\n")
    print("| command | wall s |\n|:--|--:|")
    for name, wall in walls.items():
        print(f"| {name} | {wall:.3f} |")
    print("\nIn this process (CPU, best of 3, tables loaded):\n")
    print("| stage | CPU s |\n|:--|--:|")
    for name, cpu in stages.items():
        print(f"| {name} | {cpu:.3f} |")
    peer = walls["C++ peer"]
    budget = peer * TARGETS.get(size, 1.0)
    floor = walls["interpreter and the libraries"] + stages["collate()"]
    print(
        f"\nThe command: {walls['jiaokan collate --json'] / peer:.2f} of the peer's time. "
        f"Target: {TARGETS.get(size, 1.0)} of it, {budget:.3f} s. "
        f"Floor (the interpreter with the libraries, and collate() with its tables loaded): "
        f"{floor:.3f} s, {floor / peer:.2f} of the peer's time."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.stages", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1M")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    why = cpp_peer.available()
    if why:
        raise SystemExit(why)
    with tempfile.TemporaryDirectory(prefix="jiaokan-stages-") as tmp:
        for size in (parse_size(s) for s in args.sizes.split(",")):
            report(size, args.runs, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
