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
import re
import sys
import threading
from array import array
from bisect import bisect_left
from collections.abc import Callable, Mapping
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import TypeVar, cast

import platformdirs

T = TypeVar("T")

FORMAT = 2
"""Bump when a table's shape changes, so old caches are not read (2: packed tables)."""


def package_versions(*names: str) -> str:
    """``name-version`` of each installed distribution (``name-none`` when missing)."""
    return "+".join(f"{name}-{_version(name)}" for name in names)


def _version(name: str) -> str:
    found = _installed().get(_normal(name))
    if found is not None:
        return found
    # not installed as a wheel's folder (a frozen application, an egg): ask the metadata,
    # whose import alone (the email package) costs a command 10-40 ms, hence not first
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "none"


@cache
def _installed() -> dict[str, str]:
    """Distribution -> version, from the names of the ``NAME-VERSION.dist-info`` folders on
    the path (the first of a name wins, as for importlib.metadata)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if folder.endswith(".dist-info"):
                dist, _, ver = folder.removesuffix(".dist-info").partition("-")
                if ver:
                    found.setdefault(_normal(dist), ver)
    return found


def _normal(name: str) -> str:
    """A distribution's name as packaging compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``, or its result from the cache when ``key`` (package versions) matches.

    One thread at a time per table: on a first start the window's collation and the
    tables loading behind it (app/preload.py) ask for the same ones at once, and each
    built them, twice the work while both competed for the GIL; the second now waits
    and reads what the first wrote.
    """
    with _LOCKS_LOCK:
        lock = _LOCKS.setdefault(name, threading.Lock())
    with lock:
        return _cached(name, key, build)


_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_LOCK = threading.Lock()


TABLES_ENV = "JIAOKAN_TABLES"
"""A folder of tables built beforehand (:func:`shipped_folder`); empty: none (the tests)."""


def shipped_folder() -> Path | None:
    """The tables an installed Jiaokan ships, built when it was packaged (``make tables``:
    ``resources/tables``, the package ``jiaokan_resources.tables``), or None.

    Building them takes 2.4 s of CPU on a first start (jieba's dictionary most), beside the
    first collation; a wheel or the frozen folder carries them, so a fresh install reads
    them as a later start reads the user's cache.  Found without importing the resources
    package (``importlib.resources`` costs a command some 10 ms of imports).
    """
    if TABLES_ENV in os.environ:
        named = os.environ[TABLES_ENV]
        return Path(named) if named else None
    from importlib.util import find_spec

    spec = find_spec("jiaokan_resources")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "tables"


def _read(path: Path) -> object:
    with path.open("rb") as f:
        return pickle.load(f)


def _cached(name: str, key: str, build: Callable[[], T]) -> T:
    file_name = f"{name}-{FORMAT}-{key}.pickle"
    shipped = shipped_folder()
    folder = Path(platformdirs.user_cache_dir("jiaokan", appauthor=False))
    for path in ([shipped / file_name] if shipped is not None else []) + [folder / file_name]:
        try:
            return cast(T, _read(path))
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            pass
    path = folder / file_name
    value = build()
    import tempfile  # only to write a table (once per version): keep a command's start light

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


class PackedTable:
    """A read-only table from characters to short strings, kept as three flat sequences.

    The keys in order as one string, the values end to end as another, and
    where each value ends: pickled and read back in a millisecond, where a
    dict of 70,000 entries takes 10-50 ms, which every command that
    classifies a locus used to pay for the sound and shape tables.  A key
    is found by bisection (a microsecond).  Keys of more than one character
    (rare) are kept in a small dict beside.
    """

    __slots__ = ("_ends", "_keys", "_other", "_values")

    def __init__(self, table: Mapping[str, str]) -> None:
        singles = sorted(k for k in table if len(k) == 1)
        self._keys = "".join(singles)
        self._values = "".join(table[k] for k in singles)
        self._ends = array("q", accumulate(len(table[k]) for k in singles))
        self._other = {k: v for k, v in table.items() if len(k) != 1}

    def get(self, key: str) -> str | None:
        """The value of ``key``, or None."""
        if len(key) != 1:
            return self._other.get(key)
        keys = self._keys
        i = bisect_left(keys, key)
        if i == len(keys) or keys[i] != key:
            return None
        return self._values[self._ends[i - 1] if i else 0 : self._ends[i]]

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        return len(self._keys) + len(self._other)
