"""Whose file is whose. Gradio keeps every upload and every file it hands out in one
folder (its upload folder, `GRADIO_TEMP_DIR`) and serves any file there to anyone logged
in who names its path. Here:

- an upload belongs to the user who sent it (`FileGuard` reads the upload route's answer),
  and the batch tab grades only the caller's own uploads (`UserFiles.upload_of`);
- a download (a transcript, a graded file) is written in a fresh folder of its owner's,
  inside Gradio's upload folder so that Gradio serves it from there without a copy, and is
  deleted `ttl` seconds later (`UserFiles.download_dir`, `sweep`);
- `FileGuard` answers 404 to a file request for a path in the upload folder that is not
  the caller's (another user's upload or download, or anything it cannot place), and 429
  to logins from an address that failed too often (`ui.auth.LoginLimiter`).

Without a login every visitor is the one user `local`."""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ui.auth import LoginLimiter

LOCAL = "local"
DOWNLOAD_TTL = 600.0  # seconds a download stays on the server
_FILE_ROUTE = re.compile(r"/gradio_api/file(?:=|/)(?P<path>.*)$")
_UPLOAD_ROUTE = re.compile(r"/gradio_api/upload/?$")
_LOGIN_ROUTE = re.compile(r"/login/?$")


class NotYours(Exception):
    """A path that is not one of the caller's uploads (the message names no path)."""


def gradio_upload_folder() -> Path:
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder()).resolve()


class UserFiles:
    """Uploads and downloads per user. `root`: Gradio's upload folder (resolved)."""

    def __init__(
        self,
        root: Path | None = None,
        ttl: float = DOWNLOAD_TTL,
        clock: Callable[[], float] = time.time,
    ):
        self.root = (root or gradio_upload_folder()).resolve()
        self.downloads = self.root / "interviewer-downloads"
        self.ttl = ttl
        self.clock = clock
        self._secret = secrets.token_bytes(16)
        self._uploads: dict[Path, set[str]] = {}  # upload -> the users who sent it
        self._lock = threading.Lock()

    def owner_key(self, user: str) -> str:
        """The folder name of USER's downloads: not guessable from the name."""
        return hashlib.sha256(self._secret + user.encode()).hexdigest()[:24]

    # -- uploads -----------------------------------------------------------------------

    def record_upload(self, user: str, paths: list[str]) -> None:
        with self._lock:
            for p in paths:
                self._uploads.setdefault(Path(p).resolve(), set()).add(user)

    def upload_of(self, user: str, path: str | Path) -> Path:
        """PATH, resolved, when USER uploaded it; NotYours otherwise."""
        real = Path(path).resolve()
        with self._lock:
            owners = self._uploads.get(real, set())
        if user not in owners or not real.is_relative_to(self.root) or not real.is_file():
            raise NotYours("that file was not uploaded by you in this app: upload it again")
        return real

    # -- downloads ---------------------------------------------------------------------

    def download_dir(self, user: str) -> Path:
        """A new, empty folder for one of USER's downloads; old downloads are swept."""
        self.sweep()
        path = self.downloads / self.owner_key(user) / secrets.token_hex(16)
        path.mkdir(parents=True, mode=0o700)
        return path

    def sweep(self) -> None:
        """Delete the downloads older than `ttl`."""
        if not self.downloads.is_dir():
            return
        cutoff = self.clock() - self.ttl
        for owner in self.downloads.iterdir():
            for one in owner.iterdir() if owner.is_dir() else ():
                try:
                    if one.stat().st_mtime < cutoff:
                        shutil.rmtree(one, ignore_errors=True)
                except OSError:
                    pass

    # -- who may read what -------------------------------------------------------------

    def may_read(self, user: str, path: str) -> bool:
        """Whether USER may fetch PATH through Gradio's file route: anything outside the
        upload folder is Gradio's to decide; inside it, only USER's own downloads and
        uploads."""
        real = Path(os.path.abspath(path)).resolve()
        if not real.is_relative_to(self.root):
            return True
        if real.is_relative_to(self.downloads):
            parts = real.relative_to(self.downloads).parts
            return len(parts) > 2 and parts[0] == self.owner_key(user)
        with self._lock:
            return user in self._uploads.get(real, set())


class FileGuard:
    """ASGI middleware (given to Gradio's FastAPI app through `launch(app_kwargs=…)`):
    records who uploaded what, refuses other users' files, limits failed logins per
    address. The caller is the user Gradio's login cookie names (`local` without login)."""

    def __init__(self, app, files: UserFiles, limiter: LoginLimiter):
        self.app = app
        self.files = files
        self.limiter = limiter

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path, method = scope.get("path", ""), scope.get("method", "GET")
        if method in ("GET", "HEAD") and (m := _FILE_ROUTE.search(path)):
            # scope["path"] is already percent-decoded, as the route's parameter is
            if not self.files.may_read(_user(scope), m["path"]):
                return await _plain(send, 404, "Not found")
            return await self.app(scope, receive, send)
        if method == "POST" and _UPLOAD_ROUTE.search(path):
            return await self._upload(scope, receive, send)
        if method == "POST" and _LOGIN_ROUTE.search(path) and _auth_on(scope):
            return await self._login(scope, receive, send)
        return await self.app(scope, receive, send)

    async def _upload(self, scope, receive, send):
        user, start, body = _user(scope), {}, []

        async def keep(message):
            if message["type"] == "http.response.start":
                start.update(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            data = b"".join(body)
            if start.get("status") == 200:
                try:
                    paths = json.loads(data)
                except ValueError:
                    paths = []
                self.files.record_upload(user, [p for p in paths if isinstance(p, str)])
            await send(start)
            await send({"type": "http.response.body", "body": data})

        await self.app(scope, receive, keep)

    async def _login(self, scope, receive, send):
        key = f"ip:{(scope.get('client') or ('?',))[0]}"
        wait = self.limiter.wait(key)
        if wait > 0:
            return await _plain(
                send, 429, f"Too many failed logins: try again in {int(wait) + 1} s."
            )
        status = {}

        async def watch(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        await self.app(scope, receive, watch)
        if status.get("code") == 200:
            self.limiter.succeeded(key)
        elif status.get("code") in (400, 401):
            self.limiter.failed(key)


def _auth_on(scope) -> bool:
    app = scope.get("app")
    return getattr(app, "auth", None) is not None


def _user(scope) -> str:
    """The logged-in user of this request (Gradio's session cookie), `local` without a
    login; `""` (no one's files) for a request without a valid cookie behind a login."""
    app = scope.get("app")
    if app is None or (
        getattr(app, "auth", None) is None and getattr(app, "auth_dependency", None) is None
    ):
        return LOCAL
    cookies = {}
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                cookies[k] = v
    cid = getattr(app, "cookie_id", "")
    token = cookies.get(f"access-token-{cid}") or cookies.get(f"access-token-unsecure-{cid}")
    return getattr(app, "tokens", {}).get(token, "") if token else ""


async def _plain(send, status: int, text: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": text.encode()})
