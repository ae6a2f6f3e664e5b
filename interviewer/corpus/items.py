"""The `Item`: one interview question with its reference answer, as found in a note."""

from __future__ import annotations

import hashlib
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

Lang = Literal["zh-Hans", "zh-Hant", "en"]
AnswerKind = Literal["text", "image"]


class Item(BaseModel):
    """A question and its reference answer (markdown and LaTeX kept as written)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    question: str
    answer: str
    source: str
    lines: tuple[int, int]
    section: str
    lang: Lang
    answer_kind: AnswerKind

    @property
    def content_hash(self) -> str:
        """Changes whenever anything a reader or the index sees changes."""
        payload = "\x1f".join(
            [self.question, self.answer, self.section, self.lang, self.answer_kind]
        )
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()

    def to_json(self) -> dict:
        """The stable `questions --json` contract."""
        return {
            "id": self.id,
            "question": self.question,
            "answer": self.answer,
            "source": self.source,
            "lines": list(self.lines),
            "section": self.section,
            "lang": self.lang,
            "answer_kind": self.answer_kind,
        }


def make_item_id(source: str, question: str) -> str:
    """Stable id from the note's file name and the question's normalised text.

    Editing an answer keeps the id (the item is updated); editing the question makes a
    new item (the old one is removed on the next ingest).
    """
    stem = re.sub(r"\.[^.]+$", "", source.rsplit("/", 1)[-1])
    stem = re.sub(r"[^0-9A-Za-z_-]+", "-", stem).strip("-")[:24] or "note"
    norm = re.sub(r"\s+", " ", question).strip().casefold()
    digest = hashlib.sha1(f"{source}\x1f{norm}".encode("utf-8")).hexdigest()[:10]
    return f"{stem}-{digest}"
