"""Items -> vectors in a Chroma store (a folder or a server); search."""

from interviewer.store.chroma import (
    ChromaServer,
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreLocation,
    StoreUnavailable,
)
from interviewer.store.embedders import Embedder, make_embedder
from interviewer.store.records import IngestReport, NoteReport
from interviewer.store.store import EmbedderMismatch, Hit, ItemStore
from interviewer.store.writer import StoreWriter

__all__ = [
    "ChromaServer",
    "Embedder",
    "EmbedderMismatch",
    "Hit",
    "IngestReport",
    "ItemStore",
    "NoteReport",
    "StoreBusy",
    "StoreDamaged",
    "StoreError",
    "StoreLocation",
    "StoreUnavailable",
    "StoreWriter",
    "make_embedder",
]
