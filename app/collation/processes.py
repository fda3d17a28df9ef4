"""How many processes a collation may use, as the user asks: read without importing
:mod:`app.collation.parallel` (and :mod:`multiprocessing`), which a command collating one
witness never needs."""

from __future__ import annotations

import os

PROCESSES_ENV = "JIAOKAN_PROCESSES"
"""The environment variable that sets how many processes a collation uses, this one
included (1: this one alone), instead of the estimate of ``parallel.worker_count``."""


def asked_processes() -> int | None:
    """The number of processes :data:`PROCESSES_ENV` asks for, or None if it is not set.

    Raises :class:`ValueError` if it is set to anything but a whole number of 1 or more
    (the command line says so; the window keeps its estimate).
    """
    value = os.environ.get(PROCESSES_ENV, "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise ValueError(value)
    return int(value)
