"""A separate process for tests/app/store/test_project_file.py: killed, or racing it for the lock.

``python -m tests.project_crash_worker burst PATH N`` creates a project of N
loci, then commits one decision per locus, printing each locus id only once
its commit has returned, then waits (for ever) to be killed.

``python -m tests.project_crash_worker hold PATH`` opens the project, prints
whether it got it read-only ("0" or "1"), and holds it until stdin closes.
"""

from __future__ import annotations

import sys

from app.collation.loci import Locus
from app.store.decisions import Decision, Status
from app.store.file import ProjectFile
from app.store.records import StoredLocus, StoredText

AT = "2024-05-01T12:00:00+00:00"


def expected(locus_id: int) -> Decision:
    """The decision the burst commits at ``locus_id``, so the test can check what survived."""
    return Decision(Status.EDITED, None, f"讀{locus_id}", f"note {locus_id}", AT)


def locus(i: int) -> Locus:
    span = (2 * i, 2 * i + 1)
    return Locus(*span, "天", {"b": "夭"}, "substitution", {"b": "substitution"}, None,
                 {"b": span}, id=i)  # fmt: skip


def loci(n: int) -> list[StoredLocus]:
    return [StoredLocus(locus(i), "", "") for i in range(1, n + 1)]


def texts(n: int) -> list[StoredText]:
    return [
        StoredText("source", None, "a.txt", "utf-8", "0" * 64, "天" * (2 * n + 2)),
        StoredText("witness", "b", "b.txt", "utf-8", "1" * 64, "夭" * (2 * n + 2)),
    ]


def main(argv: list[str]) -> int:
    mode, path = argv[1], argv[2]
    if mode == "hold":
        with ProjectFile.open(path) as project:
            print(int(project.read_only), flush=True)
            sys.stdin.read()
        return 0
    n = int(argv[3])
    project = ProjectFile.create(path, texts(n), ["width"], loci(n))
    for lid in range(1, n + 1):
        project.commit_decisions(f"Edit #{lid}", {lid: expected(lid)}, AT)
        print(lid, flush=True)
    sys.stdin.read()  # the parent never closes it before the kill: no clean shutdown
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
