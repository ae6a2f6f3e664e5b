"""The item store: a persistent Chroma collection of items and their vectors.

Each record is one item: its id, the indexed text, its vector and, as metadata, every
field of the `Item` plus the note's path and a hash of the item and its indexed text. Syncing a note embeds only
new and changed items, then removes the ones that left the note; every write is a whole
record, so a crash between writes leaves a store whose records are each intact, and the
next sync finishes the job.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interviewer.corpus.glossary import default_glossary
from interviewer.corpus.items import Item
from interviewer.store.embedders import Embedder

COLLECTION = "items"
_GET_PAGE = 5000


class EmbedderMismatch(RuntimeError):
    """The store was built with another embedder; vectors of two models never mix."""


@dataclass(frozen=True)
class Hit:
    item: Item
    score: float  # cosine similarity, higher is closer


@dataclass
class NoteReport:
    """What one ingest did with one note file."""

    path: str
    source: str
    items: int = 0
    text: int = 0
    image: int = 0
    langs: dict[str, int] = field(default_factory=dict)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped_questions: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def embedded(self) -> int:
        return self.added + self.updated


@dataclass
class IngestReport:
    notes: list[NoteReport] = field(default_factory=list)
    removed_files: int = 0  # items of note files that no longer exist
    removed_items: int = 0

    @property
    def ok(self) -> list[NoteReport]:
        return [n for n in self.notes if n.error is None]

    @property
    def failed(self) -> list[NoteReport]:
        return [n for n in self.notes if n.error is not None]

    @property
    def embedded(self) -> int:
        return sum(n.embedded for n in self.notes)


def index_text(item: Item) -> str:
    """What an item's vector stands for: its question, with the English and Chinese names
    of the ML terms it uses (see `Glossary.expand`), so a question in one language lands
    near the same question in the other. Measured against indexing the answer too: the
    answer pulled paraphrases away from their question (README, Retrieval quality)."""
    return default_glossary().expand(item.question)


def record_hash(item: Item) -> str:
    """Changes when the item or the text its vector is made from changes."""
    return hashlib.sha1(f"{item.content_hash}\x1f{index_text(item)}".encode()).hexdigest()


def _to_metadata(item: Item, path: str) -> dict[str, Any]:
    return {
        "question": item.question,
        "answer": item.answer,
        "source": item.source,
        "line_start": item.lines[0],
        "line_end": item.lines[1],
        "section": item.section,
        "lang": item.lang,
        "answer_kind": item.answer_kind,
        "path": path,
        "record_hash": record_hash(item),
    }


def _from_metadata(item_id: str, md: dict[str, Any]) -> Item:
    return Item(
        id=item_id,
        question=md["question"],
        answer=md["answer"],
        source=md["source"],
        lines=(int(md["line_start"]), int(md["line_end"])),
        section=md["section"],
        lang=md["lang"],
        answer_kind=md["answer_kind"],
    )


class _ChromaEmbedding:
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
    def build_from_config(config: dict[str, Any]) -> "_ChromaEmbedding":
        # Chroma rebuilds this when it lists collections; we always pass the real one.
        return _ChromaEmbedding(_Unavailable(config.get("embedder", "?")))

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


class ItemStore:
    def __init__(self, path: Path, embedder: Embedder, *, batch_size: int = 32):
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.embedder = embedder
        self.batch_size = batch_size
        self._client = chromadb.PersistentClient(
            path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
        )
        self._coll = None

    # -- collection -----------------------------------------------------------------

    def _collection(self):
        if self._coll is not None:
            return self._coll
        names = {c.name if hasattr(c, "name") else c for c in self._client.list_collections()}
        if COLLECTION in names:
            built_with = self.built_with()
            if built_with != self.embedder.name:
                raise EmbedderMismatch(
                    f"the store at {self.path} was built with embedder {built_with!r}, "
                    f"not {self.embedder.name!r}; use another --data-dir or "
                    "`interviewer ingest --rebuild`"
                )
        self._coll = self._client.get_or_create_collection(
            COLLECTION,
            embedding_function=_ChromaEmbedding(self.embedder),
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedder": self.embedder.name},
        )
        return self._coll

    def built_with(self) -> str | None:
        """The embedder name recorded in the store, or None for an empty store."""
        try:
            coll = self._client.get_collection(
                COLLECTION, embedding_function=_ChromaEmbedding(self.embedder)
            )
        except Exception:  # noqa: BLE001 - Chroma raises various "not found" types
            return None
        return (coll.metadata or {}).get("embedder")

    def drop(self) -> None:
        """Delete every item (for `--rebuild`)."""
        try:
            self._client.delete_collection(COLLECTION)
        except Exception:  # noqa: BLE001 - nothing to drop
            pass
        self._coll = None

    def count(self) -> int:
        return self._collection().count()

    # -- reading --------------------------------------------------------------------

    def _records(self, where: dict | None = None) -> Iterable[tuple[str, dict[str, Any]]]:
        coll = self._collection()
        offset = 0
        while True:
            page = coll.get(where=where, include=["metadatas"], limit=_GET_PAGE, offset=offset)
            yield from zip(page["ids"], page["metadatas"])
            if len(page["ids"]) < _GET_PAGE:
                return
            offset += _GET_PAGE

    def items(self) -> list[Item]:
        """Every item, in note order (source, then line)."""
        out = [_from_metadata(i, md) for i, md in self._records()]
        return sorted(out, key=lambda it: (it.source, it.lines[0], it.id))

    def get(self, item_id: str) -> Item | None:
        page = self._collection().get(ids=[item_id], include=["metadatas"])
        if not page["ids"]:
            return None
        return _from_metadata(page["ids"][0], page["metadatas"][0])

    def paths(self) -> set[str]:
        return {md["path"] for _, md in self._records()}

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """The `k` items whose questions are closest to `query`, best first. Both sides
        are expanded with glossary terms and embedded the same way (symmetric)."""
        coll = self._collection()
        total = coll.count()
        if k < 1 or total == 0:
            return []
        vector = self.embedder.embed_questions([default_glossary().expand(query)])[0]
        res = coll.query(
            query_embeddings=[vector], n_results=min(k, total), include=["metadatas", "distances"]
        )
        return [
            Hit(_from_metadata(i, md), round(1.0 - float(d), 4))
            for i, md, d in zip(res["ids"][0], res["metadatas"][0], res["distances"][0])
        ]

    # -- writing --------------------------------------------------------------------

    def sync_note(
        self,
        path: str,
        items: list[Item],
        report: NoteReport,
        on_embedded: Callable[[int], None] | None = None,
    ) -> None:
        """Make the store hold exactly `items` for the note at `path`."""
        coll = self._collection()
        old = {i: md["record_hash"] for i, md in self._records({"path": path})}
        # items whose note moved or was renamed keep their vectors: same id, same content
        fresh = [it.id for it in items if it.id not in old]
        elsewhere = coll.get(ids=fresh, include=["metadatas"]) if fresh else {"ids": [], "metadatas": []}
        moved = {i: md["record_hash"] for i, md in zip(elsewhere["ids"], elsewhere["metadatas"])}
        todo, relabel = [], []
        for item in items:
            known = old.get(item.id, moved.get(item.id))
            if known is None:
                report.added += 1
                todo.append(item)
            elif known != record_hash(item):
                report.updated += 1
                todo.append(item)
            else:
                report.unchanged += 1
                if item.id in moved:
                    relabel.append(item)
        if relabel:
            coll.update(
                ids=[it.id for it in relabel],
                metadatas=[_to_metadata(it, path) for it in relabel],
            )
        for start in range(0, len(todo), self.batch_size):
            batch = todo[start : start + self.batch_size]
            texts = [index_text(it) for it in batch]
            coll.upsert(
                ids=[it.id for it in batch],
                documents=texts,
                embeddings=self.embedder.embed_questions(texts),
                metadatas=[_to_metadata(it, path) for it in batch],
            )
            if on_embedded:
                on_embedded(len(batch))
        gone = sorted(set(old) - {it.id for it in items})
        if gone:
            coll.delete(ids=gone)
        report.removed = len(gone)

    def remove_note(self, path: str) -> int:
        """Remove every item of a note file; returns how many."""
        ids = [i for i, _ in self._records({"path": path})]
        if ids:
            self._collection().delete(ids=ids)
        return len(ids)
