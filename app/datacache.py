"""Tables derived from package data, kept in the user's cache between runs.

Building the sound and shape tables for classification takes a few tenths
of a second (pypinyin's 47,000 phrases, two decomposition tables), and so
does the script rule's one-to-many guard (OpenCC's 49,000 s2t phrases); a
command-line run that collates 100,000 characters in 0.3 s cannot pay that
every time.  The tables are built once per version of the packages they
come from and pickled under the user cache dir; a missing, stale or
unreadable cache is simply built again.

It sits outside the engine's layers (like app.cancel) because both
app.text (the script rule) and app.classes (classification) use it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar, cast

import platformdirs

T = TypeVar("T")

FORMAT = 1
"""Bump when a table's shape changes, so old caches are not read."""


def package_versions(*names: str) -> str:
    out = []
    for name in names:
        try:
            out.append(f"{name}-{version(name)}")
        except PackageNotFoundError:
            out.append(f"{name}-none")
    return "+".join(out)


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``, or its result from the cache when ``key`` (package versions) matches."""
    folder = Path(platformdirs.user_cache_dir("jiaokan", appauthor=False))
    path = folder / f"{name}-{FORMAT}-{key}.pickle"
    try:
        with path.open("rb") as f:
            return cast(T, pickle.load(f))
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    value = build()
    tmp = ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException as e:  # a read-only cache dir, a full disk, Ctrl+C, out of memory
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)  # a half-written table is no use to anyone
        if not isinstance(e, OSError):
            raise
    return value  # if it could not be kept: built again next time
