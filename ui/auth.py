"""Optional login: users and PBKDF2 password hashes from a file (`user:hash` per line) or
from a string (`user:hash,user:hash`, e.g. an environment variable)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

ITERATIONS = 200_000


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


class UserBook:
    def __init__(self, users: dict[str, str]):
        self.users = users

    @classmethod
    def parse(cls, text: str, origin: str = "users") -> "UserBook":
        users = {}
        for no, raw in enumerate(text.replace(",", "\n").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, stored = line.partition(":")
            if not sep or not name.strip() or not stored.strip().startswith("pbkdf2_sha256$"):
                raise ValueError(f"{origin}: entry {no} is not `user:pbkdf2_sha256$…` "
                                 "(make one with `interviewer user add NAME`)")
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
        stored = self.users.get(user)
        return stored is not None and verify_password(password, stored)


def add_user(path: Path, user: str, password: str) -> None:
    """Add or replace USER in the file, keeping the other lines."""
    if not user or ":" in user or "," in user:
        raise ValueError(f"bad user name {user!r}")
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lines = [ln for ln in lines if ln.partition(":")[0].strip() != user]
    lines.append(f"{user}:{hash_password(password)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
