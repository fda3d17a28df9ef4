"""Whole commands run in turn, round by round, with their CPU time: a before and after on a
shared machine (issue 24).

    python -m bench.alternate ROUNDS NAME=FOLDER::COMMAND [NAME=FOLDER::COMMAND ...]

Each round runs every command once, in the order given and reversed every
other round, so that a busy machine slows all alike; each runs in its
FOLDER (``python -m app`` imports the ``app`` found there: a copy of an
older commit made with ``git archive`` times that commit).  Prints, per
command, the best and median CPU time (user and system, of the command and
the children it waited for, from ``os.wait4``) and wall time, and its peak
resident size; with the load average over the rounds.  stdout of the
commands is discarded.

    python -m bench.alternate 10 \\
        'before=/tmp/old::python -m app collate A.txt B.txt --json' \\
        'after=.::python -m app collate A.txt B.txt --json'
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2 or not args[0].isdigit():
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    rounds = int(args[0])
    commands: list[tuple[str, str, list[str]]] = []
    for spec in args[1:]:
        name, _, rest = spec.partition("=")
        folder, _, command = rest.partition("::")
        commands.append((name, folder or ".", shlex.split(command)))
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _, _ in commands}
    loads: list[float] = []
    for k in range(rounds):
        loads.append(os.getloadavg()[0])
        for name, folder, command in commands if k % 2 == 0 else commands[::-1]:
            start = time.perf_counter()
            child = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - start
            if os.waitstatus_to_exitcode(status) != 0:
                print(f"{name}: exit status {os.waitstatus_to_exitcode(status)}", file=sys.stderr)
                return 1
            runs[name].append((usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024))
    print(f"{rounds} rounds, load average {min(loads):.1f}-{max(loads):.1f}")
    for name, figures in runs.items():
        cpu = [c for c, _, _ in figures]
        wall = [w for _, w, _ in figures]
        print(
            f"{name:14} CPU best {min(cpu):.3f} median {statistics.median(cpu):.3f} s | "
            f"wall best {min(wall):.3f} median {statistics.median(wall):.3f} s | "
            f"peak {max(m for _, _, m in figures):.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
