"""Run a command and print its wall time and own peak memory as JSON.

``python -m bench.measure CMD...`` prints ``{"wall": s, "cpu": s, "maxrss_kb": k,
"returncode": n}`` (``cpu``: the command's user and system time); the command's
stdout goes to /dev/null, its stderr passes through.

Why a separate small process: on Linux a child's ``ru_maxrss`` (from
``wait4``) includes the peak resident size of the process that started it,
recorded when the child calls ``exec``.  Started from the benchmark, which
holds megabytes of texts and results, every command would look as large as
the benchmark itself; started from this small process, it looks as large as
it is (or as this launcher, some 10 MB, whichever is larger).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def peak_rss_mb() -> float:
    """This process's own peak resident size (VmHWM; ru_maxrss where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(cmd: list[str]) -> dict[str, float | int]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return {"wall": wall, "cpu": cpu, "maxrss_kb": usage.ru_maxrss, "returncode": proc.returncode}


def measured(
    cmd: list[str], cwd: str | os.PathLike[str] | None = None
) -> tuple[dict[str, float] | None, str]:
    """``cmd`` run through this small launcher (``python -m bench.measure``, so its peak
    memory is its own): its figures (``wall`` and ``cpu`` seconds, ``maxrss_kb``), or
    ``None`` when it or the launcher failed, and its stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "bench.measure", *cmd],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    if proc.returncode != 0 or not proc.stdout.strip():
        return None, proc.stderr
    figures = json.loads(proc.stdout)
    return (figures if figures["returncode"] == 0 else None), proc.stderr


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m bench.measure CMD [ARG...]", file=sys.stderr)
        return 2
    print(json.dumps(measure(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
