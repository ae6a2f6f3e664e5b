"""Typed objects of an interview session."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from interviewer.grading.models import Grade

QuestionLang = Literal["any", "en", "zh-Hans", "zh-Hant"]
Difficulty = Literal["adaptive", "easy", "medium", "hard"]
Level = Literal["easy", "medium", "hard"]
TurnKind = Literal["main", "follow_up", "skip"]


class SessionSettings(BaseModel):
    """What the candidate chose for one session."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    topics: list[str] = Field(default_factory=list)  # empty: every topic
    lang: QuestionLang = "any"  # zh-Hans / zh-Hant also convert Chinese questions' script
    questions: int = Field(default=5, ge=1, le=50)
    difficulty: Difficulty = "adaptive"
    follow_ups: int = Field(default=1, ge=0, le=2)  # at most this many per question


class Turn(BaseModel):
    """One graded (or skipped) answer, as stored in the history."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    session_id: str
    seq: int  # 1-based, in the order the turns happened
    kind: TurnKind
    item_id: str
    topic: str
    question: str
    answer: str
    score: float  # after the hint cap; 0 for a skip
    max_score: float  # 10 minus what hints revealed
    hints: int
    grade: Grade | None  # None for a skip
    feedback: str  # what the candidate was shown
    at: str  # ISO time (UTC)


class TopicScore(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    topic: str
    questions: int
    mean: float


class StudyItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    item_id: str
    question: str
    source: str
    lines: tuple[int, int]
    score: float


class SessionReport(BaseModel):
    """End-of-session summary."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    session_id: str
    answered: int
    skipped: int
    mean: float | None
    topics: list[TopicScore]  # weakest first
    weakest: list[str]
    study: list[StudyItem]  # lowest scores first


class Chunk(BaseModel):
    """A piece of the interviewer's reply, streamed: `text` is appended to message
    number `message` of this reply (messages are shown as separate chat bubbles)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    message: int
    text: str
