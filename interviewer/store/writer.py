"""Syncing notes into the store in batches that may span notes.

A note's new and changed items wait in a queue; each time `batch_size` of them are
waiting, they are embedded in one call and written in one upsert, so a large corpus is
embedded in full batches and only one batch of items (plus the note being read) is held
in memory. Every write is a whole record, so a crash (or Ctrl-C, or `kill -9`) leaves a
store whose records are each intact; the next ingest compares what is stored with the
notes and embeds only what is missing or changed, so it resumes where the crash stopped.
Items that left a note are deleted only once the note's queued items are written, so a
crash never leaves a note with fewer items than before.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from interviewer.corpus.items import Item
from interviewer.store.records import NoteReport, index_text, record_hash, to_metadata

if TYPE_CHECKING:
    from interviewer.store.store import ItemStore


class StoreWriter:
    """`with store.writer() as w: w.sync_note(...)`; the last, partial batch is written
    when the block ends normally, never after an error."""

    def __init__(self, store: "ItemStore", on_embedded: Callable[[int], None] | None = None):
        self._store = store
        self._on_embedded = on_embedded
        # id -> (item, note path, indexed text), in the order queued
        self._pending: dict[str, tuple[Item, str, str]] = {}
        self._queued = 0  # items queued so far
        self._written = 0  # items written so far
        # (items queued when the note was synced, its path, ids that left it), oldest first
        self._deletions: list[tuple[int, str, list[str]]] = []

    def __enter__(self) -> "StoreWriter":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.flush()

    def sync_note(
        self, path: str, items: list[Item], report: NoteReport, *, keep_ids: bool = False
    ) -> None:
        """Make the store hold exactly `items` for the note at `path` (the new and changed
        ones once their batch is written).

        An item id comes from the note's relative path and question, so two notes with the
        same relative path in two folders (`ml/notes.md`, `dl/notes.md`) make the same ids.
        An id that another note file still holds with other content is that note's: this
        note's item gets an id of its own (`twin_id`), the same on every run. `keep_ids`
        (the default corpus, whose rubrics key on its ids) takes its ids over whoever
        holds them, as a moved note does."""
        store = self._store
        coll = store._collection()
        old = {i: md["record_hash"] for i, md in store._records({"path": path})}
        if not keep_ids:
            items = self._own_ids(path, items, old)
        # items whose note moved or was renamed keep their vectors: same id, same content
        fresh = [it.id for it in items if it.id not in old]
        elsewhere = coll.get(ids=fresh, include=["metadatas"]) if fresh else None
        moved = (
            {i: md["record_hash"] for i, md in zip(elsewhere["ids"], elsewhere["metadatas"])}
            if elsewhere
            else {}
        )
        relabel = []
        for item in items:
            known = old.get(item.id, moved.get(item.id))
            text = index_text(item)  # the glossary expansion, made once per item
            if known is None:
                report.added += 1
                self._queue(item, path, text)
            elif known != record_hash(item, text):
                report.updated += 1
                self._queue(item, path, text)
            else:
                report.unchanged += 1
                if item.id in moved:
                    relabel.append(item)
        if relabel:
            coll.update(
                ids=[it.id for it in relabel],
                metadatas=[to_metadata(it, path) for it in relabel],
            )
        gone = sorted(set(old) - {it.id for it in items})
        if gone:
            self._deletions.append((self._queued, path, gone))
        report.removed = len(gone)
        while len(self._pending) >= store.batch_size:
            self._write(store.batch_size)
        self._delete_due()

    def _own_ids(self, path: str, items: list[Item], old: dict[str, str]) -> list[Item]:
        """`items`, with a `twin_id` for each id that another live note file holds with
        other content. The same content under the same id is the same item (a copied
        or moved note), which keeps its vector."""
        fresh = [it.id for it in items if it.id not in old]
        if not fresh:
            return items
        found = self._store._collection().get(ids=fresh, include=["metadatas"])
        holders = {
            i: (md["path"], md["record_hash"]) for i, md in zip(found["ids"], found["metadatas"])
        }
        for i in fresh:
            if i in self._pending:
                item, held_by, text = self._pending[i]
                holders[i] = (held_by, record_hash(item, text))
        taken = {
            it.id
            for it in items
            if it.id in holders
            and holders[it.id][0] != path
            and os.path.exists(holders[it.id][0])
            and holders[it.id][1] != record_hash(it)
        }
        return [
            it.model_copy(update={"id": twin_id(it.id, path)}) if it.id in taken else it
            for it in items
        ]

    def flush(self) -> None:
        """Embed and write every queued item, then delete what left the notes."""
        while self._pending:
            self._write(self._store.batch_size)
        self._written = self._queued
        self._delete_due()

    def _queue(self, item: Item, path: str, text: str) -> None:
        self._pending.pop(item.id, None)  # the same id twice: the later one wins
        self._pending[item.id] = (item, path, text)
        self._queued += 1

    def _delete_due(self) -> None:
        """Delete the items that left each note whose queued items are all written;
        only while they still belong to that note (another note may have taken one)."""
        while self._deletions and self._deletions[0][0] <= self._written:
            _, path, gone = self._deletions.pop(0)
            self._store._collection().delete(ids=gone, where={"path": path})

    def _write(self, n: int) -> None:
        ids = list(self._pending)[:n]
        batch = [self._pending[i] for i in ids]
        texts = [text for _, _, text in batch]
        vectors = self._store.embedder.embed_questions(texts)
        self._store._collection().upsert(
            ids=ids,
            documents=texts,
            embeddings=vectors,
            metadatas=[to_metadata(item, path, text) for item, path, text in batch],
        )
        for i in ids:
            del self._pending[i]
        self._written += len(ids)
        if self._on_embedded:
            self._on_embedded(len(ids))


def twin_id(item_id: str, path: str) -> str:
    """The id of an item whose own id another note holds: made unique by its note's path."""
    return f"{item_id}-{hashlib.sha1(path.encode()).hexdigest()[:8]}"
