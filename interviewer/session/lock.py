"""One process at a time answers a session: a lock file per session next to the history,
held with `flock` while an `Interview` is open.

Two processes that resumed the same session would each keep their own copy of its state
and both answer it (twice the turns). The lock is taken before the session's state is
read and kept until the interview is closed; the kernel drops it when the process exits,
however it exits, so a crash never leaves a session locked. Within one process the lock
is shared (the web app resumes a session on every event and has its own per-session
lock for that).
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; sessions are not locked there
    fcntl = None


class SessionBusy(RuntimeError):
    """The session is being answered by another process; `str()` says which."""


_held: dict[str, tuple[int, int]] = {}  # lock file -> (fd, users in this process)
_guard = threading.RLock()  # re-entrant: a release may run from a finalizer mid-acquire


def _forget_in_child() -> None:
    """A forked child shares the parent's locks; it closes its copies (which leaves them
    held by the parent) and holds none of its own."""
    global _guard
    for fd, _ in _held.values():
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()
    _guard = threading.RLock()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_forget_in_child)


class SessionLock:
    """Held from `acquire` until `release` (or until the process ends)."""

    def __init__(self, locks_dir: Path, session_id: str):
        # the id comes from the history, but a file name is never built from raw input
        name = hashlib.sha1(session_id.encode()).hexdigest()[:16]
        self.path = locks_dir / f"session-{name}.lock"
        self.session_id = session_id
        self._held = False

    def acquire(self) -> "SessionLock":
        """Take the lock now or raise `SessionBusy` (never waits)."""
        if fcntl is None or self._held:
            return self
        key = str(self.path)
        with _guard:
            if key in _held:
                fd, users = _held[key]
                _held[key] = (fd, users + 1)
                self._held = True
                return self
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                os.close(fd)
                raise SessionBusy(
                    f"session {self.session_id} is open in another process (pid {pid}); "
                    "finish or stop it there first"
                ) from None
            except BaseException:
                os.close(fd)
                raise
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
            _held[key] = (fd, 1)
            self._held = True
        return self

    def release(self) -> None:
        if not self._held:
            return
        self._held = False
        key = str(self.path)
        with _guard:
            if key not in _held:  # a forked child's copy of a parent's lock
                return
            fd, users = _held[key]
            if users > 1:
                _held[key] = (fd, users - 1)
                return
            del _held[key]
            os.close(fd)  # closing the only descriptor drops the flock

    def __del__(self) -> None:
        try:
            self.release()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass
