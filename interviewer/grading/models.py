"""The typed result of grading one answer."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Verdict = Literal["covered", "partial", "missing", "contradicted"]
Flag = Literal[
    "empty",
    "dont_know",
    "off_topic",
    "keyword_list",
    "padded",
    "misconception",
    "injection_suspected",
    "too_long",
    "derived_rubric",
    "no_reference_match",
    "graded_examples",  # the score leans on answers to the item already scored by a person
    "peer_answers",  # part of the score is the answer's likeness to the batch's other answers
    "llm_unavailable",  # the LLM could not be reached: the rubric grade stands
    "llm_unparsed",  # the LLM's reply was not a valid judgement twice: the rubric grade stands
    "llm_circuit_open",  # the LLM was skipped after failing several times in a row
    "needs_review",  # the LLM and the rubric grader disagree (> 3 points, or a contradiction)
]


class PointResult(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    point: str  # key point id
    claim: str
    weight: float
    verdict: Verdict
    credit: float  # 0..1, the share of the point's weight earned
    evidence: str | None  # the answer's sentence that supports the verdict, quoted


class Grade(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    score: float | None  # 0..10, one decimal; None only when the answer could not be graded
    max_score: float = 10.0
    points: list[PointResult]
    misconceptions: list[str]  # claims of misconceptions the answer states
    feedback: str
    flags: list[Flag]
    grader: str
    rubric_version: str
    item_id: str
