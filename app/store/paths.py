"""What may be written where: an output never lands on the project, its texts, or a device.

An export path or a new project's path is typed by a person (or a script),
and one slip (``--text P.jkproj``) would replace hours of decisions.  So
before anything is written, the target is compared with every file the job
owns, by *identity* (device and inode, which a hard link or a symlink
shares) as well as by resolved path, and a target that exists but is not a
regular file (a folder, a FIFO, a device, a socket) is refused: renaming a
finished file over it would silently turn ``/dev/stdout`` or a named pipe
into a plain file.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.messages import Message, MessageError, message, quoted

MAX_HASHED_BYTES = 512 * 1024 * 1024
"""A source larger than this is not read to compare it (it is no text Jiaokan loaded)."""


class OutputError(MessageError):
    """An output path that would destroy something: one line, nothing written."""


@dataclass(frozen=True)
class Owned:
    """A file the job owns, and how to name it if an output would land on it."""

    path: str
    what: Message
    """``output.is-project``, ``output.is-source``, ... with ``path`` filled in."""
    sha256: str | None = None
    """Also owned by its bytes: a target with this digest is refused (for a text whose
    file cannot be found under any name it had, so cannot be compared by identity)."""


def project_files(project: str | os.PathLike[str]) -> list[Owned]:
    """The project and what SQLite and the lock keep beside it."""
    path = os.fspath(project)
    shown = quoted(path)
    owned = [Owned(path, message("output.is-project", path=shown))]
    for suffix in ("-wal", "-shm", "-journal", ".lock"):
        part = quoted(path + suffix)
        owned.append(Owned(path + suffix, message("output.is-part", path=part, name=shown)))
    return owned


def text_files(source: str, witnesses: Iterable[tuple[str, str]]) -> list[Owned]:
    """The source and the variants, by the paths they were loaded from."""
    owned = [Owned(source, message("output.is-source", path=quoted(source)))] if source else []
    for wid, path in witnesses:
        if path:
            what = message("output.is-variant", path=quoted(path), witness=wid)
            owned.append(Owned(path, what))
    return owned


def stored_text_files(
    source: tuple[str, Sequence[str], str],
    witnesses: Iterable[tuple[str, str, Sequence[str], str]],
) -> list[Owned]:
    """The texts of a project read back: ``(path, names, sha256)`` for the source and
    ``(witness, path, names, sha256)`` for each variant.

    Each is owned under every name it may be at (its absolute path, the same
    relative to the project's folder, ...), and one found under none of them
    by its bytes as well, so an export from any working folder never lands
    on it.
    """
    path, names, sha256 = source
    owned = _located(path, names, sha256, message("output.is-source", path=quoted(path)))
    for wid, path, names, sha256 in witnesses:
        what = message("output.is-variant", path=quoted(path), witness=wid)
        owned += _located(path, names, sha256, what)
    return owned


def _located(path: str, names: Sequence[str], sha256: str, what: Message) -> list[Owned]:
    if not path:
        return []
    every = list(dict.fromkeys([path, *names]))
    lost = not any(_identity(name) for name in every)
    return [Owned(name, what, sha256 if lost else None) for name in every]


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _resolved(path: str) -> str | None:
    try:
        return os.path.normcase(os.path.realpath(os.path.abspath(path)))
    except (OSError, ValueError):
        return None


def check_output(target: str | os.PathLike[str], owned: Sequence[Owned] = ()) -> None:
    """Raise :class:`OutputError` if writing ``target`` could destroy anything.

    Refused: a target that exists and is not a regular file (after following
    links), and one that is, under any name, a file in ``owned``.
    """
    path = os.fspath(target)
    shown = quoted(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except (OSError, ValueError):
        info = None  # the write itself will say why it cannot be done
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError("output.not-regular", path=shown)
    here = _resolved(path)
    ident = None if info is None else (info.st_dev, info.st_ino)
    digest: list[str | None] = []  # the target's, worked out once, if ever needed
    for item in owned:
        if (ident is not None and _identity(item.path) == ident) or (
            here is not None and _resolved(item.path) == here
        ):
            raise OutputError(item.what)
        if item.sha256 is not None and info is not None:
            if not digest:
                digest.append(regular_file_sha256(path))
            if digest[0] == item.sha256:
                raise OutputError("output.same-bytes", path=shown, name=quoted(item.path))


def check_distinct(targets: Sequence[str]) -> None:
    """Two outputs of one command naming one file: the second would replace the first."""
    seen: list[tuple[str | None, tuple[int, int] | None]] = []
    for target in targets:
        key = (_resolved(target), _identity(target))
        for here, ident in seen:
            if (here is not None and here == key[0]) or (ident is not None and ident == key[1]):
                raise OutputError("output.twice", path=quoted(target))
        seen.append(key)


def regular_file_sha256(path: str | os.PathLike[str]) -> str | None:
    """The SHA-256 of a regular file's bytes; None if it is anything else or unreadable.

    Never opens a FIFO (it would block) or a device (it might never end):
    the type is checked before opening, and again on what was opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        fd = os.open(path, flags)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_HASHED_BYTES:
            return None
        digest = hashlib.sha256()
        with os.fdopen(fd, "rb", closefd=False) as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)
