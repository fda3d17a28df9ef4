"""The lock file beside a project: ``PROJECT.jkproj.lock``, held while a window may write.

Two windows writing one file would interleave their undo histories, so the
first takes this lock and whoever comes second opens the project read-only,
told who holds it.  The operating system drops the lock if its holder dies,
so a crash never leaves a project locked for good.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from app.messages import Message, message, os_reason

if sys.platform == "win32":
    import msvcrt

    def _lock_fd(fd: int, lock: bool = True) -> None:
        os.lseek(fd, 1 << 20, os.SEEK_SET)  # a byte past the text, which stays readable
        msvcrt.locking(fd, msvcrt.LK_NBLCK if lock else msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int, lock: bool = True) -> None:
        # flock, not fcntl locks: two flocks conflict even within one process
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB if lock else fcntl.LOCK_UN)


class Lock:
    """``PROJECT.jkproj.lock``, held while a window may write; the OS drops it if that dies."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, project: Path) -> tuple[Lock | None, Message | None]:
        """The lock, or None and why not ("open in another Jiaokan window (pid N on host H)")."""
        path = project.with_name(project.name + ".lock")
        for _ in range(10):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
            except OSError as e:
                return None, message("read-only.no-lock-file", reason=os_reason(e))
            try:
                _lock_fd(fd)
            except OSError:
                holder = _holder(fd)
                os.close(fd)
                return None, message("read-only.locked", holder=holder)
            # a releasing holder unlinks the file: make sure ours is still the one there
            try:
                ours = sys.platform == "win32" or os.path.samestat(os.stat(path), os.fstat(fd))
            except FileNotFoundError:
                ours = False
            if ours:
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
                return cls(path, fd), None
            os.close(fd)
        return None, message("read-only.lock-changing")

    def release(self) -> None:
        """Unlinks while still holding it, so nobody can take a lock on a file about to vanish."""
        fd, self._fd = self._fd, None
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


def _holder(fd: int) -> Message:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        pid, host = os.read(fd, 512).decode("utf-8", "replace").split(None, 1)
        return message("lock.holder", pid=str(int(pid)), host=host.strip())
    except (OSError, ValueError):
        return message("lock.holder-unknown")
