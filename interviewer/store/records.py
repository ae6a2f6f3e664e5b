"""One item as one Chroma record (id, indexed text, vector, metadata), and the reports of
what an ingest did with each note."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from interviewer.corpus.glossary import default_glossary
from interviewer.corpus.items import Item


def index_text(item: Item) -> str:
    """What an item's vector stands for: its question, with the English and Chinese names
    of the ML terms it uses (see `Glossary.expand`), so a question in one language lands
    near the same question in the other. Measured against indexing the answer too: the
    answer pulled paraphrases away from their question (README, Retrieval quality)."""
    return default_glossary().expand(item.question)


def record_hash(item: Item, text: str | None = None) -> str:
    """Changes when the item or the text its vector is made from (`index_text`, given as
    `text` when already known) changes."""
    text = index_text(item) if text is None else text
    return hashlib.sha1(f"{item.content_hash}\x1f{text}".encode()).hexdigest()


def to_metadata(item: Item, path: str, text: str | None = None) -> dict[str, Any]:
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
        "record_hash": record_hash(item, text),
    }


def from_metadata(item_id: str, md: dict[str, Any]) -> Item:
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
