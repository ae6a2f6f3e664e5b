"""Where a store lives and how to open it: a folder (Chroma's persistent client, in this
process) or a Chroma server (`chroma run`, shared by several processes over HTTP).

`chromadb` is imported only when a client is opened, so naming a location costs nothing.
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from interviewer.store.embedders import Embedder


class StoreError(RuntimeError):
    """The store cannot be used as asked; `str()` says why and what to do."""


class StoreUnavailable(StoreError):
    """The Chroma server cannot be reached."""


class StoreDamaged(StoreError):
    """The store's files are damaged; `interviewer ingest --rebuild` makes it again."""


class StoreBusy(StoreError):
    """Another writer held the store's database for longer than we wait."""


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_SQLITE_FILES = (
    "chroma.sqlite3",
    "chroma.sqlite3-wal",
    "chroma.sqlite3-shm",
    "chroma.sqlite3-journal",
)


def _short(exc: BaseException) -> str:
    """The error's text on one line, cut before any binary garbage it quotes."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    for i, ch in enumerate(text):
        if ch == "\ufffd" or not ch.isprintable():
            text = text[:i].rstrip(" :") + " …"
            break
    return text if len(text) <= 200 else text[:199] + "…"


# waits between tries while SQLite says the store is locked: 6.35 s in all
_BUSY_WAITS_S = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2)


def _busy(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" (SQLITE_BUSY, code 5), as chromadb reports it."""
    low = str(exc).lower()
    return "database is locked" in low or "(code: 5)" in low


def when_free(call, *args, **kwargs):
    """`call(*args, **kwargs)`, tried again while another writer holds the store's database
    (a statement that met the lock did not happen, so trying it again is safe); the last
    try's error is raised as it is."""
    for wait in _BUSY_WAITS_S:
        try:
            return call(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - only "database is locked" is tried again
            if not _busy(exc):
                raise
        time.sleep(wait)
    return call(*args, **kwargs)


def store_failure(where: StoreLocation, collection: str, exc: BaseException) -> StoreError | None:
    """The one-line `StoreError` for a failure of the store itself (a damaged file, a full
    disk, a read-only folder, a server that stopped answering), or None for any other
    error (which is then raised as it is)."""
    import errno

    text = _short(exc)
    low = text.lower()
    name = describe(where, collection)
    if isinstance(where, ChromaServer):
        import httpx

        if isinstance(exc, (httpx.TransportError, ConnectionError)):
            return StoreUnavailable(
                f"the Chroma server at {where} stopped answering ({text}); restart it and run "
                "the command again (an ingest goes on where it stopped)"
            )
    full = isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)
    if full or "disk is full" in low or "no space left" in low or "(code: 13)" in low:
        return StoreError(
            f"{name}: the disk is full ({text}); free some space and run again: every record "
            "written so far is intact and an ingest goes on where it stopped"
        )
    if "i/o error" in low or (isinstance(exc, OSError) and exc.errno == errno.EIO):
        return StoreError(
            f"{name}: the store could not be written ({text}); the disk may be full or "
            "failing: free some space or check it, and run again: every record written so far "
            "is intact and an ingest goes on where it stopped"
        )
    if "readonly" in low or "read-only" in low or "permission denied" in low or "(code: 8)" in low:
        return StoreError(
            f"{name}: the store cannot be written ({text}); make the folder writable or use "
            "another --data-dir"
        )
    if _busy(exc):
        return StoreBusy(
            f"{name}: the store stayed locked by another writer ({text}); let the other "
            "interviewer process finish, or give this one another --data-dir, and run again"
        )
    rebuild = "run `interviewer ingest --rebuild` to make it again from the notes"
    if "malformed" in low or "not a database" in low or "(code: 11)" in low or "(code: 26)" in low:
        file = name if isinstance(where, ChromaServer) else str(where / "chroma.sqlite3")
        return StoreDamaged(f"{file}: the store's database is damaged ({text}); {rebuild}")
    if "hnsw" in low or "pickle" in low or "error finding id" in low:
        file = name
        if not isinstance(where, ChromaServer):
            segments = [d for d in where.iterdir() if d.is_dir() and _UUID.match(d.name)]
            file = str(segments[0]) if len(segments) == 1 else str(where)
        return StoreDamaged(f"{file}: the store's vector index is damaged ({text}); {rebuild}")
    return None


def _forget_client(path: Path) -> None:
    """Drop chromadb's cached client system for a store folder (a private cache of the
    pinned chromadb: a system that failed to start stays in it and is handed out again,
    half made, to the next client of that folder)."""
    from chromadb.api.shared_system_client import SharedSystemClient as Shared

    key = str(path)
    system = Shared._identifier_to_system.pop(key, None)
    Shared._identifier_to_refcount.pop(key, None)
    if system is not None:
        try:
            system.stop()
        except Exception:  # noqa: BLE001 - a system that never started cannot stop
            pass


def wipe_store_folder(path: Path) -> None:
    """Remove Chroma's files from a store folder (its database and its index folders,
    nothing else) and forget this process's client for it, so a damaged store can be made
    again."""
    _forget_client(path)
    for name in _SQLITE_FILES:
        (path / name).unlink(missing_ok=True)
    for child in path.iterdir() if path.is_dir() else ():
        if child.is_dir() and _UUID.match(child.name):
            shutil.rmtree(child)


@dataclass(frozen=True)
class ChromaServer:
    """A Chroma server, e.g. one started with `chroma run --host 127.0.0.1 --port 8000`."""

    host: str
    port: int
    ssl: bool = False

    @classmethod
    def parse(cls, url: str) -> "ChromaServer":
        """`http://HOST:PORT` or `https://HOST[:PORT]`; anything else is a ValueError."""
        parts = urlsplit(url.strip())
        try:
            port = parts.port
        except ValueError:
            port = -1
        if (
            parts.scheme not in ("http", "https")
            or not parts.hostname
            or port == -1
            or parts.path not in ("", "/")
            or parts.query
            or parts.username
        ):
            raise ValueError(
                f"not a Chroma server URL: {url!r}; expected http://HOST:PORT, "
                "e.g. http://127.0.0.1:8000"
            )
        ssl = parts.scheme == "https"
        return cls(parts.hostname, port or (443 if ssl else 8000), ssl)

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'https' if self.ssl else 'http'}://{host}:{self.port}"


StoreLocation = Path | ChromaServer

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,510}[A-Za-z0-9]$")


def check_collection_name(name: str) -> str:
    if not _NAME.match(name) or ".." in name:
        raise ValueError(
            f"bad collection name {name!r}: 3-512 characters of letters, digits, '.', '_' "
            "or '-', starting and ending with a letter or digit"
        )
    return name


def describe(where: StoreLocation, collection: str) -> str:
    """The store's address for messages: a folder, or the server and the collection."""
    if isinstance(where, ChromaServer):
        return f"{where} (collection {collection!r})"
    return str(where)


def open_client(where: StoreLocation):
    """A Chroma client for `where`; `StoreUnavailable` when a server does not answer."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if isinstance(where, ChromaServer):
        try:
            # the client asks the server for its identity here, so a dead server fails now
            return chromadb.HttpClient(
                host=where.host, port=where.port, ssl=where.ssl, settings=settings
            )
        except Exception as exc:  # noqa: BLE001 - chromadb raises ValueError, httpx errors, ...
            raise StoreUnavailable(
                f"cannot reach the Chroma server at {where} ({exc}); start one with "
                f"`chroma run --path DIR --host {where.host} --port {where.port}`, or leave out "
                "--chroma-url / INTERVIEWER_CHROMA_URL to keep the store in the data dir"
            ) from None
    where.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(where), settings=settings)
    except Exception:
        _forget_client(where)  # else the next open in this process gets the broken one
        raise


class GuardedCollection:
    """A Chroma collection whose calls raise `store_failure`'s one-line `StoreError`
    instead of chromadb's, sqlite's or httpx's own exceptions."""

    def __init__(self, coll, where: StoreLocation, collection: str):
        self._coll = coll
        self._where = where
        self._name = collection

    def __getattr__(self, name: str):
        attr = getattr(self._coll, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            try:
                return when_free(attr, *args, **kwargs)
            except StoreError:
                raise
            except Exception as exc:  # noqa: BLE001 - re-raised unless it is the store's
                failure = store_failure(self._where, self._name, exc)
                if failure is None:
                    raise
                raise failure from exc

        return call


class ChromaEmbedding:
    """Chroma's embedding-function protocol over our embedder, so Chroma never falls back
    to its own default model (which would download one)."""

    def __init__(self, embedder: Embedder):
        self._embedder = embedder

    def __call__(self, input: list[str]) -> list[list[float]]:  # noqa: A002 (Chroma's name)
        return self._embedder.embed_questions(list(input))

    def embed_query(self, input: list[str]) -> list[list[float]]:  # noqa: A002
        return self._embedder.embed_questions(list(input))

    @staticmethod
    def name() -> str:
        return "interviewer"

    def get_config(self) -> dict[str, Any]:
        return {"embedder": self._embedder.name}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "ChromaEmbedding":
        # Chroma rebuilds this when it lists collections; we always pass the real one.
        return ChromaEmbedding(_Unavailable(config.get("embedder", "?")))

    def is_legacy(self) -> bool:
        return False

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine"]


class _Unavailable(Embedder):
    def __init__(self, name: str):
        self.name = name

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        raise RuntimeError("open this store through interviewer, which supplies its embedder")

    embed_questions = embed_documents
