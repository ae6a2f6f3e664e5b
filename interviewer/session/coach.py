"""The coach writes what the candidate reads after a grade: feedback and follow-up
questions. `TemplateCoach` needs no LLM; `interviewer.llm.coach.LLMCoach` has the same
two methods. Every coach asks about `biggest_missing`, the point the engine then grades."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from interviewer.corpus.items import Item
from interviewer.corpus.lang import detect_lang, to_traditional
from interviewer.corpus.glossary import default_glossary
from interviewer.grading.focus import biggest_missing
from interviewer.grading.models import Grade
from interviewer.rubric.models import Rubric


class Coach(Protocol):
    name: str

    def prepare(self, item: Item, rubric: Rubric) -> object:
        """The question was just asked: get ready for its answer, without blocking (an
        LLM coach warms the model's cache)."""

    def feedback(self, item: Item, rubric: Rubric, grade: Grade, answer: str,
                 notes: list[str] | None = None) -> Iterator[str]:
        """The feedback text, in pieces as it is written (streamed). A coach that falls
        back to template text appends the reason to `notes` (e.g. "llm_unavailable: …")."""
        ...

    def follow_up(self, item: Item, rubric: Rubric, grade: Grade, answer: str,
                  asked: list[str], notes: list[str] | None = None) -> str | None:
        """One question about `biggest_missing(grade, rubric, asked)`; None if nothing is
        missing. `asked`: ids of the points already asked about."""
        ...


_FOLLOW_UP = {  # name the area of the missing point, never the point itself
    "en": ("Follow-up: what role does {names} play here? Explain it in a sentence or two.",
           "Follow-up: one key point is still missing. What else matters for this question?"),
    "zh": ("追问：{names}在这里起什么作用？请用一两句话说明。",
           "追问：还有一个关键点没有讲到。这个问题还有什么要点？"),
}


class TemplateCoach:
    """Feedback and follow-ups from the grade alone: deterministic, offline, instant."""

    name = "template"

    def prepare(self, item: Item, rubric: Rubric) -> None:
        pass

    def feedback(self, item: Item, rubric: Rubric, grade: Grade, answer: str,
                 notes: list[str] | None = None) -> Iterator[str]:
        yield grade.feedback

    def follow_up(self, item: Item, rubric: Rubric, grade: Grade, answer: str,
                  asked: list[str], notes: list[str] | None = None) -> str | None:
        point = biggest_missing(grade, rubric, asked)
        if point is None:
            return None
        lang = detect_lang(answer, item.lang)
        g = default_glossary()
        known = set(g.concepts(item.question))
        found = g.concepts(" ".join([point.claim, *point.en, *point.zh]))
        names = [g.canonical[c][0 if lang == "en" else 1] or g.canonical[c][0]
                 for c, _ in found.most_common() if c not in known][:2]
        with_names, without = _FOLLOW_UP["en" if lang == "en" else "zh"]
        sep = " and " if lang == "en" else "和"
        text = with_names.format(names=sep.join(names)) if names else without
        return to_traditional(text) if lang == "zh-Hant" else text
