"""The coach writes what the candidate reads after a grade: feedback and follow-up
questions. `TemplateCoach` needs no LLM; `interviewer.llm.coach.LLMCoach` has the same
two methods. Every coach asks about `biggest_missing`, the point the engine then grades,
and words only what the grader established (`grading.facts`, checked by
`grading.faithful`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from interviewer.corpus.items import Item
from interviewer.grading.facts import coach_facts
from interviewer.grading.focus import biggest_missing
from interviewer.grading.follow_up import template_follow_up
from interviewer.grading.models import Grade
from interviewer.rubric.models import Rubric


class Coach(Protocol):
    name: str

    def prepare(self, item: Item, rubric: Rubric) -> object:
        """The question was just asked: get ready for its answer, without blocking (an
        LLM coach warms the model's cache)."""

    def feedback(
        self, item: Item, rubric: Rubric, grade: Grade, answer: str, notes: list[str] | None = None
    ) -> Iterator[str]:
        """The feedback text, in pieces as it is written (streamed). A coach that falls
        back to template text appends the reason to `notes` (e.g. "llm_unavailable: …")."""
        ...

    def follow_up(
        self,
        item: Item,
        rubric: Rubric,
        grade: Grade,
        answer: str,
        asked: list[str],
        notes: list[str] | None = None,
    ) -> str | None:
        """One question about `biggest_missing(grade, rubric, asked)`; None if nothing is
        missing. `asked`: ids of the points already asked about."""
        ...


class TemplateCoach:
    """Feedback and follow-ups from the grade alone: deterministic, offline, instant."""

    name = "template"

    def prepare(self, item: Item, rubric: Rubric) -> None:
        pass

    def feedback(
        self, item: Item, rubric: Rubric, grade: Grade, answer: str, notes: list[str] | None = None
    ) -> Iterator[str]:
        yield grade.feedback

    def follow_up(
        self,
        item: Item,
        rubric: Rubric,
        grade: Grade,
        answer: str,
        asked: list[str],
        notes: list[str] | None = None,
    ) -> str | None:
        point = biggest_missing(grade, rubric, asked)
        if point is None:
            return None
        return template_follow_up(coach_facts(item, rubric, grade, answer), point.id, answer)
