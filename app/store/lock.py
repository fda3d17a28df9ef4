"""The locks of a project: ``PROJECT.jkproj.lock`` beside it, and the project file itself.

Two windows writing one file would interleave their undo histories, so the
first takes these locks and whoever comes second opens the project read-only,
told who holds it.  The operating system drops a lock if its holder dies,
so a crash never leaves a project locked for good.

The lock file belongs to a *name*; a hard link gives one project two names,
and SQLite keeps its ``-wal`` beside each name, so two writers through two
names would each write a WAL of their own and lose decisions.  Hence the
second lock, on the project file itself, which every name shares: ``flock``
on POSIX (independent of the ``fcntl`` locks SQLite takes, on local file
systems), and on Windows ``msvcrt.locking`` of one byte in SQLite's
lock-byte page past the bytes SQLite locks (never read or written there).

The lock file is opened without following links and must be a regular file
with one name, or it is refused: a lock path that an attacker (or an
accident) made a symlink or a hard link to another file is never truncated.
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import sys
from pathlib import Path

from app.messages import Message, message, os_reason

_FILE_LOCK_BYTE = 0x40000F00
"""Windows: a byte of the lock-byte page (at 1 GiB) that SQLite neither locks nor reads."""

if sys.platform == "win32":
    import msvcrt

    def _lock_fd(fd: int, lock: bool = True, at: int = 1 << 20) -> None:
        os.lseek(fd, at, os.SEEK_SET)  # a byte past the text, which stays readable
        msvcrt.locking(fd, msvcrt.LK_NBLCK if lock else msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int, lock: bool = True, at: int = 0) -> None:
        # flock, not fcntl locks: two flocks conflict even within one process
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB if lock else fcntl.LOCK_UN)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OPEN_FLAGS = sum(getattr(os, flag, 0) for flag in ("O_BINARY", "O_CLOEXEC", "O_NONBLOCK"))


class Lock:
    """Held while a window may write; the OS drops it if that dies."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd
        self._file_fd: int | None = None

    @classmethod
    def acquire(cls, project: Path) -> tuple[Lock | None, Message | None]:
        """The lock, or None and why not ("open in another Jiaokan window (pid N on host H)")."""
        path = project.with_name(project.name + ".lock")
        for _ in range(10):
            fd, why = _open_lock_file(path)
            if fd is None:
                return None, why
            try:
                _lock_fd(fd)
            except OSError:
                holder = _holder(fd)
                os.close(fd)
                return None, message("read-only.locked", holder=holder)
            # a releasing holder unlinks the file: make sure ours is still the one there
            try:
                ours = sys.platform == "win32" or os.path.samestat(os.lstat(path), os.fstat(fd))
            except FileNotFoundError:
                ours = False
            if not ours:
                os.close(fd)
                continue
            lock = cls(path, fd)
            try:
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
            except OSError as e:  # a full disk: no lock, and no lock file left
                lock.release()
                return None, message("read-only.no-lock-file", reason=os_reason(e))
            why = lock.hold_file(project) if project.exists() else None
            if why is not None:
                lock.release()
                return None, why
            return lock, None
        return None, message("read-only.lock-changing")

    def hold_file(self, project: Path) -> Message | None:
        """Lock the project file itself (instead of any held before); why not, if not."""
        if self._file_fd is not None:
            _close_file(self._file_fd)
            self._file_fd = None
        try:
            fd = os.open(project, os.O_RDONLY | _OPEN_FLAGS)
        except OSError as e:
            return message("read-only.no-lock-file", reason=os_reason(e))
        try:
            _lock_fd(fd, at=_FILE_LOCK_BYTE)
        except OSError:
            os.close(fd)
            return message("read-only.locked", holder=message("lock.holder-other-name"))
        self._file_fd = fd
        return None

    def release(self) -> None:
        """Unlinks while still holding it, so nobody can take a lock on a file about to vanish."""
        fd, self._fd = self._fd, None
        file_fd, self._file_fd = self._file_fd, None
        if fd is None:
            return
        try:
            if sys.platform == "win32":
                _lock_fd(fd, lock=False)  # Windows cannot unlink an open file
            else:
                self.path.unlink(missing_ok=True)
        except OSError:
            pass
        finally:
            os.close(fd)
            if file_fd is not None:
                _close_file(file_fd)


def _close_file(fd: int) -> None:
    """Windows wants a byte lock undone before its handle closes; POSIX drops it on close."""
    if sys.platform == "win32":
        with contextlib.suppress(OSError):
            _lock_fd(fd, lock=False, at=_FILE_LOCK_BYTE)
    os.close(fd)


def _open_lock_file(path: Path) -> tuple[int | None, Message | None]:
    """The lock file opened for writing, if it is a plain file of ours; never through a link."""
    not_own = message("read-only.no-lock-file", reason=message("reason.lock-not-plain"))
    try:
        if _NOFOLLOW == 0 and os.path.islink(path):  # Windows: no O_NOFOLLOW
            return None, not_own
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _OPEN_FLAGS, 0o644)
    except OSError as e:
        if os.path.islink(path):  # ELOOP: the lock path is a symlink
            return None, not_own
        return None, message("read-only.no-lock-file", reason=os_reason(e))
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode) and info.st_nlink <= 1:
            return fd, None
    except OSError:
        pass
    os.close(fd)  # a FIFO, a device, or a second name of some other file
    return None, not_own


def _holder(fd: int) -> Message:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        pid, host = os.read(fd, 512).decode("utf-8", "replace").split(None, 1)
        return message("lock.holder", pid=str(int(pid)), host=host.strip())
    except (OSError, ValueError):
        return message("lock.holder-unknown")
