"""Draft rubrics for items nobody wrote one for, worded by the LLM for a person to review.

A draft is saved with `origin: draft`; the rubric book refuses drafts, so one is used
only after a person has reviewed it and set `origin: authored` (README, LLM).
"""

from __future__ import annotations

import json
import re

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from interviewer.corpus.items import Item
from interviewer.llm.client import LLM, Message
from interviewer.llm.prompts import load_prompt
from interviewer.rubric.models import KeyPoint, Misconception, Rubric


class _DraftPoint(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = ""
    claim: str
    weight: float = 1.0
    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)


class _DraftMisconception(BaseModel):
    model_config = ConfigDict(extra="ignore")

    claim: str
    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)


class _Draft(BaseModel):
    model_config = ConfigDict(extra="ignore")

    points: list[_DraftPoint]
    misconceptions: list[_DraftMisconception] = Field(default_factory=list)


def _to_rubric(item: Item, draft: _Draft) -> Rubric:
    points, seen = [], set()
    for n, p in enumerate(draft.points[:6], 1):
        pid = re.sub(r"[^a-z0-9_]+", "_", p.id.lower()).strip("_") or f"p{n}"
        pid = pid if pid not in seen else f"{pid}_{n}"
        seen.add(pid)
        points.append(
            KeyPoint(
                id=pid,
                claim=p.claim,
                weight=min(5.0, max(0.5, p.weight)),
                en=p.en or [p.claim],
                zh=p.zh or [p.claim],
            )
        )
    mis = [
        Misconception(claim=m.claim, en=m.en or [m.claim], zh=m.zh or [m.claim])
        for m in draft.misconceptions[:3]
    ]
    return Rubric(
        item=item.id, question=item.question, points=points, misconceptions=mis, origin="draft"
    )


def draft_rubric(llm: LLM, item: Item) -> Rubric:
    """A draft rubric for `item`; asks once more when the reply is unusable, then raises
    ValueError. LLMUnavailable passes through."""
    messages = load_prompt("rubric_draft").render(
        question=item.question, reference=item.answer[:2500]
    )
    error = ""
    for _ in range(2):
        reply = llm.chat(messages, temperature=0.0, max_tokens=1200)
        start, end = reply.find("{"), reply.rfind("}")
        try:
            return _to_rubric(item, _Draft.model_validate(json.loads(reply[start : end + 1])))
        except (json.JSONDecodeError, ValidationError, ValueError) as exc:
            error = str(exc).splitlines()[0]
            messages = [
                *messages,
                Message(role="assistant", content=reply),
                Message(
                    role="user",
                    content=f"That was not usable ({error}). Reply with the JSON object only.",
                ),
            ]
    raise ValueError(f"item {item.id}: no usable draft ({error})")
