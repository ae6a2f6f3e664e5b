"""The typed rubric: key points and misconceptions, each with Chinese and English phrasings."""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _phrasings(values: list[str]) -> list[str]:
    cleaned = [v.strip() for v in values if v and v.strip()]
    if not cleaned:
        raise ValueError("needs at least one phrasing")
    return cleaned


class KeyPoint(_Strict):
    """One claim a good answer makes."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    claim: str  # the point, as an interviewer would state it
    weight: float = Field(default=1.0, gt=0, le=5)
    en: list[str]  # ways a candidate might say it in English
    zh: list[str]  # ways a candidate might say it in Chinese (simplified; traditional is folded)
    # the same point said without the standard terms (as someone who learned it elsewhere
    # would), and its common wrong versions; read by the claim judge (interviewer.judge),
    # not by the word-overlap grader
    plain_en: list[str] = Field(default_factory=list)
    plain_zh: list[str] = Field(default_factory=list)
    wrong_en: list[str] = Field(default_factory=list)
    wrong_zh: list[str] = Field(default_factory=list)

    _check_en = field_validator("en")(_phrasings)
    _check_zh = field_validator("zh")(_phrasings)


class Misconception(_Strict):
    """A wrong claim weak candidates make; stating it contradicts `contradicts`."""

    claim: str
    en: list[str]
    zh: list[str]
    contradicts: str | None = None  # the key point's id it contradicts, if one

    _check_en = field_validator("en")(_phrasings)
    _check_zh = field_validator("zh")(_phrasings)


class Rubric(_Strict):
    item: str  # the item id
    question: str  # the item's question, to check the rubric is attached to the right item
    points: list[KeyPoint] = Field(min_length=1, max_length=6)
    misconceptions: list[Misconception] = Field(default_factory=list, max_length=6)
    note_issue: str | None = None  # where the note's answer is wrong, outdated or cut off
    origin: Literal["authored", "derived", "draft"] = "authored"
    scale: int = 10

    @model_validator(mode="after")
    def _consistent(self) -> "Rubric":
        ids = [p.id for p in self.points]
        if len(set(ids)) != len(ids):
            raise ValueError(f"rubric for {self.item}: key point ids repeat: {ids}")
        for m in self.misconceptions:
            if m.contradicts is not None and m.contradicts not in ids:
                raise ValueError(
                    f"rubric for {self.item}: misconception contradicts unknown point {m.contradicts!r}"
                )
        if self.origin == "authored" and not 2 <= len(self.points) <= 6:
            raise ValueError(f"rubric for {self.item}: an authored rubric has 2-6 key points")
        return self

    @property
    def version(self) -> str:
        """Changes whenever the rubric's content changes."""
        blob = json.dumps(self.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
        return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:12]

    @property
    def total_weight(self) -> float:
        return sum(p.weight for p in self.points)


class RubricFile(_Strict):
    """One file per note: `corpus/rubrics/<note stem>.yaml`."""

    note: str  # the note's file name
    rubrics: list[Rubric]
