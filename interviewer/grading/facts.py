"""What the grader established about one answer, as the coach may word it: the covered
points with the answer's sentence that earned them, the points missing, the wrong claims
with the sentence that states them. Coaches (template or LLM) write from these facts only,
and `grading.faithful` checks their words against them.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from interviewer.corpus.items import Item, Lang
from interviewer.corpus.lang import detect_lang, to_simplified, to_traditional
from interviewer.grading.focus import biggest_missing, point_phrase
from interviewer.grading.models import Grade, Verdict
from interviewer.rubric.models import Rubric

LABELS = string.ascii_uppercase  # a derived rubric has one point per reference claim


def in_script(text: str, lang: Lang) -> str:
    """`text` in the script of `lang` (English text is left as it is)."""
    if lang == "zh-Hant":
        return to_traditional(text)
    return to_simplified(text) if lang == "zh-Hans" else text


@dataclass(frozen=True)
class PointFact:
    id: str
    label: str  # A, B, C... as the prompts call it
    verdict: Verdict
    credit: float
    weight: float
    phrase: str  # how the point reads in the answer's language and script
    texts: tuple[str, ...]  # every phrasing of the point (claim, en, zh): what it is about
    evidence: str | None  # the answer's sentence the grader quoted for it


@dataclass(frozen=True)
class WrongFact:
    claim: str  # the misconception, in the answer's language and script
    texts: tuple[str, ...]  # its phrasings
    quote: str | None  # the answer's sentence that states it, when the grader kept it
    corrects: str | None  # the id of the point it contradicts


@dataclass(frozen=True)
class CoachFacts:
    question: str
    lang: Lang  # the answer's language: what the coach writes in
    score: float | None
    points: tuple[PointFact, ...]
    wrong: tuple[WrongFact, ...]  # the misconceptions the answer states
    focus: str | None  # the id of the point with the biggest gap (what to add / ask about)

    misconceptions: tuple[WrongFact, ...] = ()  # all the rubric's (none may be stated as true)

    def with_verdict(self, *verdicts: Verdict) -> tuple[PointFact, ...]:
        return tuple(p for p in self.points if p.verdict in verdicts)

    @property
    def covered(self) -> tuple[PointFact, ...]:
        return self.with_verdict("covered")

    @property
    def missing(self) -> tuple[PointFact, ...]:
        """Points not (fully) earned: missing, partial or contradicted."""
        return self.with_verdict("missing", "partial", "contradicted")

    def point(self, point_id: str) -> PointFact:
        return next(p for p in self.points if p.id == point_id)


def coach_facts(item: Item, rubric: Rubric, grade: Grade, answer: str) -> CoachFacts:
    lang = detect_lang(answer, item.lang)
    by_id = {p.id: p for p in rubric.points}
    labels = {p.id: label for p, label in zip(rubric.points, LABELS)}
    points = []
    for result in grade.points:
        kp = by_id.get(result.point)
        if kp is None:
            continue
        label = labels[kp.id]
        points.append(
            PointFact(
                id=kp.id,
                label=label,
                verdict=result.verdict,
                credit=result.credit,
                weight=result.weight,
                phrase=in_script(point_phrase(kp, rubric, lang), lang),
                texts=(kp.claim, *kp.en, *kp.zh),
                evidence=result.evidence,
            )
        )
    evidence = {r.point: r.evidence for r in grade.points if r.verdict == "contradicted"}
    known = tuple(
        WrongFact(
            claim=in_script(m.en[0] if lang == "en" else m.zh[0], lang),
            texts=(m.claim, *m.en, *m.zh),
            quote=evidence.get(m.contradicts) if m.contradicts else None,
            corrects=m.contradicts,
        )
        for m in rubric.misconceptions
    )
    wrong = tuple(
        w for w, m in zip(known, rubric.misconceptions) if m.claim in grade.misconceptions
    )
    focus = biggest_missing(grade, rubric)
    return CoachFacts(
        question=item.question,
        lang=lang,
        score=grade.score,
        points=tuple(points),
        wrong=wrong,
        focus=focus.id if focus else None,
        misconceptions=known,
    )
