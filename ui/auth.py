"""Optional login: users and PBKDF2 password hashes from a file (`user:hash` per line) or
from a string (`user:hash,user:hash`, e.g. an environment variable).

A login takes the same work whether the user exists or not (an unknown user's password is
checked against a dummy hash), so the time it takes does not tell which users exist. After
`MAX_FAILURES` failed logins in a row, a user name (or, in `ui.files`, an address) must
wait before the next try, twice as long after each further failure (`LoginLimiter`)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path

ITERATIONS = 200_000
MAX_FAILURES = 5  # failed logins in a row before a wait
FIRST_WAIT = 2.0  # seconds, doubled after each further failure
LONGEST_WAIT = 300.0


def hash_password(password: str, *, salt: str | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations).hex()
    return f"pbkdf2_sha256${iterations}${salt}${digest}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256":
        return False
    candidate = hash_password(password, salt=salt, iterations=int(iterations))
    return hmac.compare_digest(candidate.rsplit("$", 1)[1], digest)


class LoginLimiter:
    """Failed logins per key (a user name, an address): after `max_failures` in a row the
    key waits `first_wait` seconds before its next try, twice as long after each further
    failure, at most `longest_wait`. A success clears the key. Thread-safe."""

    def __init__(
        self,
        max_failures: int = MAX_FAILURES,
        first_wait: float = FIRST_WAIT,
        longest_wait: float = LONGEST_WAIT,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.max_failures = max_failures
        self.first_wait = first_wait
        self.longest_wait = longest_wait
        self.clock = clock
        self._failures: dict[str, tuple[int, float]] = {}  # key -> (count, time of last)
        self._lock = threading.Lock()

    def wait(self, key: str) -> float:
        """Seconds KEY must still wait before its next try (0: it may try now)."""
        with self._lock:
            count, last = self._failures.get(key, (0, 0.0))
        if count < self.max_failures:
            return 0.0
        pause = min(self.first_wait * 2 ** (count - self.max_failures), self.longest_wait)
        return max(0.0, last + pause - self.clock())

    def failed(self, key: str) -> None:
        with self._lock:
            count, _ = self._failures.get(key, (0, 0.0))
            self._failures[key] = (count + 1, self.clock())
            if len(self._failures) > 100_000:  # a flood of made-up names: forget the oldest
                for old in sorted(self._failures, key=lambda k: self._failures[k][1])[:50_000]:
                    del self._failures[old]

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


class UserBook:
    def __init__(self, users: dict[str, str], limiter: LoginLimiter | None = None):
        self.users = users
        self.limiter = limiter or LoginLimiter()
        self._dummy = hash_password(secrets.token_hex(8))  # unknown users are checked too

    @classmethod
    def parse(cls, text: str, origin: str = "users") -> "UserBook":
        users = {}
        for no, raw in enumerate(text.replace(",", "\n").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, stored = line.partition(":")
            if not sep or not name.strip() or not stored.strip().startswith("pbkdf2_sha256$"):
                raise ValueError(
                    f"{origin}: entry {no} is not `user:pbkdf2_sha256$…` "
                    "(make one with `interviewer user add NAME`)"
                )
            users[name.strip()] = stored.strip()
        if not users:
            raise ValueError(f"{origin}: no users")
        return cls(users)

    @classmethod
    def from_file(cls, path: Path) -> "UserBook":
        try:
            return cls.parse(path.read_text(encoding="utf-8"), str(path))
        except OSError as exc:
            raise ValueError(f"{path}: {exc.strerror}") from None

    def check(self, user: str, password: str) -> bool:
        """True for a known user and the right password. The same hashing work for an
        unknown user, an empty password or a user who must wait, so none shows in the
        time a login takes; a failure counts towards the user's wait."""
        stored = self.users.get(user)
        waiting = self.limiter.wait(f"user:{user}") > 0
        good = verify_password(password, stored or self._dummy)
        ok = good and stored is not None and bool(password) and not waiting
        if ok:
            self.limiter.succeeded(f"user:{user}")
        elif not waiting:
            self.limiter.failed(f"user:{user}")
        return ok

    async def acheck(self, user: str, password: str) -> bool:
        """`check` on a worker thread: Gradio awaits it instead of hashing on its event
        loop (0.1-0.2 s a login, during which no other request would be answered)."""
        return await asyncio.to_thread(self.check, user, password)


def add_user(path: Path, user: str, password: str) -> None:
    """Add or replace USER in the file, keeping the other lines. The file is readable by
    its owner only (0600), whatever it was before."""
    if not user or ":" in user or "," in user or user != user.strip():
        raise ValueError(f"bad user name {user!r}")
    if not password.strip():
        raise ValueError("empty password: choose one with at least one non-space character")
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lines = [ln for ln in lines if ln.partition(":")[0].strip() != user]
    lines.append(f"{user}:{hash_password(password)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        os.chmod(temp, 0o600)  # whatever the umask
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
