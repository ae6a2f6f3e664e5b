"""Vectors computed once are kept on disk (SQLite), so a restarted app grades its first
answer without embedding every rubric phrasing and the corpus pool again."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np

from interviewer.store.embedders import Embedder


def vector_key(embedder: str, kind: str, text: str) -> str:
    """The key a vector is kept under: which model, which use (`question`, `passage`,
    `query`), which text."""
    return hashlib.sha1(f"{embedder}\x1f{kind}\x1f{text}".encode()).hexdigest()


class PersistentEmbedder(Embedder):
    """Wraps an embedder; each (embedder, kind, text) vector is stored under a hash key.
    A damaged cache file is set aside and rebuilt rather than trusted."""

    def __init__(self, inner: Embedder, path: Path):
        self.inner = inner
        self.name = inner.name
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._init()
        except sqlite3.DatabaseError:
            path.replace(path.with_suffix(".damaged"))
            self._init()

    def _init(self) -> None:
        with self._db() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)"
            )

    def _db(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def _key(self, kind: str, text: str) -> str:
        return vector_key(self.name, kind, text)

    def _cached(self, kind: str, texts: list[str], compute) -> list[list[float]]:
        if not texts:
            return []
        keys = [self._key(kind, t) for t in texts]
        db = self._db()
        try:
            found: dict[str, list[float]] = {}
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                rows = db.execute(
                    f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
                found.update((k, np.frombuffer(v, dtype=np.float32).tolist()) for k, v in rows)
            first = {k: i for i, k in reversed(list(enumerate(keys)))}
            missing = [i for k, i in first.items() if k not in found]
            if missing:
                vectors = compute([texts[i] for i in missing])
                with db:
                    db.executemany(
                        "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                        [
                            (keys[i], np.asarray(v, dtype=np.float32).tobytes())
                            for i, v in zip(missing, vectors)
                        ],
                    )
                found.update((keys[i], list(v)) for i, v in zip(missing, vectors))
        finally:
            db.close()
        return [found[k] for k in keys]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._cached("passage", list(texts), self.inner.embed_documents)

    def embed_query(self, text: str) -> list[float]:
        return self._cached("query", [text], lambda t: [self.inner.embed_query(t[0])])[0]

    def embed_questions(self, texts: list[str]) -> list[list[float]]:
        return self._cached("question", list(texts), self.inner.embed_questions)
