"""Items -> vectors in a Chroma store; search."""

from interviewer.store.embedders import Embedder, make_embedder
from interviewer.store.store import EmbedderMismatch, Hit, IngestReport, ItemStore, NoteReport

__all__ = [
    "Embedder",
    "EmbedderMismatch",
    "Hit",
    "IngestReport",
    "ItemStore",
    "NoteReport",
    "make_embedder",
]
