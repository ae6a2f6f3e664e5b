"""Where a store lives and how to open it: a folder (Chroma's persistent client, in this
process) or a Chroma server (`chroma run`, shared by several processes over HTTP).

`chromadb` is imported only when a client is opened, so naming a location costs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from interviewer.store.embedders import Embedder


class StoreError(RuntimeError):
    """The store cannot be used as asked; `str()` says why and what to do."""


class StoreUnavailable(StoreError):
    """The Chroma server cannot be reached."""


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
    return chromadb.PersistentClient(path=str(where), settings=settings)


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
