"""The item store: a Chroma collection of items and their vectors, in a folder (Chroma's
persistent client) or on a Chroma server that several processes share.

Each record is one item: its id, the indexed text, its vector and, as metadata, every
field of the `Item` plus the note's path and a hash of the item and its indexed text.
Syncing notes (`StoreWriter`) embeds only new and changed items, then removes the ones
that left the note; every write is a whole record, so a crash between writes leaves a
store whose records are each intact, and the next sync finishes the job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from interviewer.corpus.glossary import default_glossary
from interviewer.corpus.items import Item
from interviewer.store.chroma import (
    ChromaEmbedding,
    ChromaServer,
    GuardedCollection,
    StoreDamaged,
    StoreError,
    StoreLocation,
    check_collection_name,
    describe,
    open_client,
    store_failure,
    when_free,
    wipe_store_folder,
)
from interviewer.store.embedders import Embedder
from interviewer.store.records import NoteReport, from_metadata
from interviewer.store.writer import StoreWriter

COLLECTION = "items"
_GET_PAGE = 5000
# candidates fetched beyond the k asked for, so that items as close as the k-th (two notes
# asking the same question have the same vector) are all seen, and the lower id wins:
# the index returns equal neighbours in no fixed order, and a grade follows the item
_TIE_MARGIN = 8


class EmbedderMismatch(StoreError):
    """The store was built with another embedder; vectors of two models never mix."""


@dataclass(frozen=True)
class Hit:
    item: Item
    score: float  # cosine similarity, higher is closer


class ItemStore:
    """Items in the Chroma collection `collection` at `where` (a folder or a server).

    Nothing is opened until the store is first used; a server that does not answer then
    raises `StoreUnavailable`, a store built by another embedder `EmbedderMismatch`.

    `ef_search`: the HNSW search breadth (candidates kept while searching; more is slower
    and closer to exact). None keeps the collection's own (Chroma's default, 100, for a new
    one); a number is set on the collection when it is opened, so it is kept in the store
    and, on a server, holds for every process using that collection.
    """

    def __init__(
        self,
        where: StoreLocation,
        embedder: Embedder,
        *,
        collection: str = COLLECTION,
        batch_size: int = 256,
        ef_search: int | None = None,
    ):
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        if ef_search is not None and ef_search < 1:
            raise ValueError(f"ef_search must be at least 1, not {ef_search}")
        self.ef_search = ef_search
        self.where = where
        self.collection_name = check_collection_name(collection)
        self.embedder = embedder
        self.batch_size = batch_size
        self._client_handle = None
        self._coll = None

    @property
    def location(self) -> str:
        """Where the store is, for messages."""
        return describe(self.where, self.collection_name)

    @property
    def _client(self):
        if self._client_handle is None:
            with self._guard():
                self._client_handle = open_client(self.where)
        return self._client_handle

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Chroma's, sqlite's and httpx's errors about the store as one-line `StoreError`s
        (see `store_failure`); every other error as it is."""
        try:
            yield
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - re-raised unless it is the store's
            failure = store_failure(self.where, self.collection_name, exc)
            if failure is None:
                raise
            raise failure from exc

    # -- collection -----------------------------------------------------------------

    def _collection(self):
        if self._coll is not None:
            return self._coll
        built_with = self.built_with()
        if built_with is not None and not self.embedder.same_model(built_with):
            raise EmbedderMismatch(
                f"the store at {self.location} was built with embedder {built_with!r}, "
                f"not {self.embedder.name!r}; use another --data-dir or --chroma-url, or "
                "`interviewer ingest --rebuild`"
            )
        hnsw: dict[str, Any] = {"space": "cosine"}
        if self.ef_search is not None:
            hnsw["ef_search"] = self.ef_search
        with self._guard():
            coll = when_free(
                self._client.get_or_create_collection,
                self.collection_name,
                embedding_function=ChromaEmbedding(self.embedder),
                configuration={"hnsw": hnsw},
                metadata={"embedder": self.embedder.name},
            )
        coll = GuardedCollection(coll, self.where, self.collection_name)
        # an existing collection keeps the configuration it was made with
        if self.ef_search is not None and self.ef_search != self.hnsw_ef_search(coll):
            coll.modify(configuration={"hnsw": {"ef_search": self.ef_search}})
        self._coll = coll
        return coll

    @staticmethod
    def hnsw_ef_search(coll) -> int | None:
        """The `ef_search` a Chroma collection searches with."""
        return ((coll.configuration or {}).get("hnsw") or {}).get("ef_search")

    def built_with(self) -> str | None:
        """The embedder name recorded in the store, or None for an empty store."""
        from chromadb.errors import NotFoundError

        try:
            with self._guard():
                coll = when_free(
                    self._client.get_collection,
                    self.collection_name,
                    embedding_function=ChromaEmbedding(self.embedder),
                )
        except NotFoundError:
            return None
        return (coll.metadata or {}).get("embedder")

    def drop(self) -> None:
        """Delete every item (for `--rebuild`). A store folder too damaged to delete the
        collection from loses Chroma's files instead (every collection in it), so that
        `--rebuild` always makes a working store."""
        from chromadb.errors import NotFoundError

        try:
            with self._guard():
                when_free(self._client.delete_collection, self.collection_name)
        except NotFoundError:
            pass
        except StoreDamaged:
            if isinstance(self.where, ChromaServer):
                raise
            wipe_store_folder(self.where)
            self._client_handle = None
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
        out = [from_metadata(i, md) for i, md in self._records()]
        return sorted(out, key=lambda it: (it.source, it.lines[0], it.id))

    def item_vectors(self) -> list[tuple[Item, list[float]]]:
        """Every item with the vector it is searched by (its question's), in no set order."""
        coll, out, offset = self._collection(), [], 0
        while True:
            page = coll.get(include=["metadatas", "embeddings"], limit=_GET_PAGE, offset=offset)
            for i, md, vec in zip(page["ids"], page["metadatas"], page["embeddings"]):
                out.append((from_metadata(i, md), [float(x) for x in vec]))
            if len(page["ids"]) < _GET_PAGE:
                return out
            offset += _GET_PAGE

    def get(self, item_id: str) -> Item | None:
        page = self._collection().get(ids=[item_id], include=["metadatas"])
        if not page["ids"]:
            return None
        return from_metadata(page["ids"][0], page["metadatas"][0])

    def paths(self) -> set[str]:
        return {md["path"] for _, md in self._records()}

    def query_vector(self, query: str) -> list[float]:
        """The vector `search` looks up for `query`: glossary-expanded, embedded like the
        items' questions (symmetric)."""
        return self.embedder.embed_questions([default_glossary().expand(query)])[0]

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """The `k` items whose questions are closest to `query`, best first."""
        if k < 1:
            return []
        return self.search_vector(self.query_vector(query), k)

    def search_vector(self, vector: list[float], k: int = 5) -> list[Hit]:
        """The `k` items closest to a query vector from `query_vector`, best first; equal
        scores (to 4 decimals) in id order."""
        if k < 1:
            return []
        # no count() first: a store with fewer than k items returns them all, and the
        # lookup saves a round trip to the store
        res = self._collection().query(
            query_embeddings=[vector],
            n_results=k + _TIE_MARGIN,
            include=["metadatas", "distances"],
        )
        hits = [
            Hit(from_metadata(i, md), round(1.0 - float(d), 4))
            for i, md, d in zip(res["ids"][0], res["metadatas"][0], res["distances"][0])
        ]
        return sorted(hits, key=lambda h: (-h.score, h.item.id))[:k]

    # -- writing --------------------------------------------------------------------

    def writer(self, on_embedded: Callable[[int], None] | None = None) -> StoreWriter:
        """Sync many notes with batches that span notes (see `StoreWriter`)."""
        return StoreWriter(self, on_embedded)

    def sync_note(
        self,
        path: str,
        items: list[Item],
        report: NoteReport,
        on_embedded: Callable[[int], None] | None = None,
        *,
        keep_ids: bool = False,
    ) -> None:
        """Make the store hold exactly `items` for the note at `path`, now."""
        with self.writer(on_embedded) as w:
            w.sync_note(path, items, report, keep_ids=keep_ids)

    def remove_note(self, path: str) -> int:
        """Remove every item of a note file; returns how many."""
        ids = [i for i, _ in self._records({"path": path})]
        if ids:
            self._collection().delete(ids=ids)
        return len(ids)
