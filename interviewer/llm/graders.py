"""Graders that consult the LLM judge, with the rubric grader as anchor and guard.

`LLMGrader` (`--grader llm`) scores by the judge's checked verdicts alone.
`EnsembleGrader` (`--grader ensemble`) starts from the rubric grade and lets the judge
move a point only where the rubric grader's evidence allows it:

- only a point the rubric grader found *partial* evidence for (a sentence matching it,
  credit 0.3-0.75) can move, and only up, to covered (credit 1), when the judge says
  covered and its quote (verified to occur in the answer) lies inside that evidence
  sentence or contains it. Points the rubric found covered or missing never move: the
  judge cannot invent coverage the rubric grader saw no sign of. So the judge is asked
  about the partial points only, and not at all when there are none;
- answers flagged `empty`, `dont_know`, `off_topic`, `injection_suspected` or
  `misconception` keep the rubric grade without asking the judge;
- the judge never lowers a score. A verified `contradicted` verdict on a point the rubric
  credited, or a judge score more than 3 points from the rubric score (the rubric's
  credits standing for the points the judge was not asked about), adds `needs_review`. (Lowering would let a poor judge push a clean answer below its
  injected twin, which keeps the rubric score; README, LLM.)

So the ensemble is never below the rubric grade of the same answer, and an injected
answer (rubric grade, its injected sentences dropped) is never above its clean twin
unless the rubric grader already put it there. Judge failures keep the rubric grade and
say so: `llm_unavailable`, `llm_unparsed`, and `llm_circuit_open` beside
`llm_unavailable` when the client skipped the LLM after several failures in a row.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod

from interviewer.corpus.items import Item
from interviewer.corpus.lang import detect_lang
from interviewer.grading.feedback import write_feedback
from interviewer.grading.models import Flag, Grade, PointResult
from interviewer.grading.rubric_grader import RubricGrader
from interviewer.grading.text import clean_answer
from interviewer.llm.judge import Checked, Judge, JudgeOutcome
from interviewer.llm.prompts import neutralise
from interviewer.rubric.models import Rubric

KEEP_RUBRIC: frozenset[str] = frozenset(
    {"empty", "dont_know", "off_topic", "injection_suspected", "misconception"}
)
REVIEW_GAP = 3.0  # judge-only score this far from the rubric score: needs_review
FAILURE_FLAGS: dict[str, list[Flag]] = {
    "unavailable": ["llm_unavailable"],
    "circuit_open": ["llm_unavailable", "llm_circuit_open"],
    "unparsed": ["llm_unparsed"],
}
CREDIT = {"covered": 1.0, "partial": 0.5, "missing": 0.0, "contradicted": 0.0}


def judge_score(
    rubric: Rubric, checked: dict[str, Checked], otherwise: dict[str, float] | None = None
) -> float:
    """The score the judge's checked verdicts give (0-10); a point it did not judge earns
    its credit in `otherwise` (or nothing)."""
    earned = sum(
        p.weight
        * (CREDIT[checked[p.id].verdict] if p.id in checked else (otherwise or {}).get(p.id, 0.0))
        for p in rubric.points
    )
    return round(10.0 * earned / rubric.total_weight, 1)


def _overlaps(quote: str, evidence: str | None) -> bool:
    """The judge's quote lies inside the rubric's evidence sentence or contains it (the
    judge saw the answer neutralised, so both are compared that way)."""
    if not evidence:
        return False
    q, e = (" ".join(neutralise(t).split()).casefold().strip(" .。") for t in (quote, evidence))
    return bool(q) and (q in e or e in q)


class _JudgedGrader(ABC):
    name: str

    def __init__(self, base: RubricGrader, judge: Judge):
        self.base = base
        self.judge = judge
        self._lock = threading.Lock()  # the rubric grader (embedder, caches) is not thread-safe

    def grade(self, item: Item, rubric: Rubric, answer: str) -> Grade:
        """Thread-safe: batch runs call it from several threads, so LLM calls overlap."""
        with self._lock:
            anchor = self.base.grade(item, rubric, answer)
        if KEEP_RUBRIC & set(anchor.flags):
            return anchor.model_copy(update={"grader": self.name})
        only = self.ask_about(anchor)
        if only is not None and not only:
            return anchor.model_copy(update={"grader": self.name})
        outcome = self.judge.judge(item, rubric, answer, only)
        if outcome.status != "ok":
            return anchor.model_copy(
                update={
                    "grader": self.name,
                    "flags": [*anchor.flags, *FAILURE_FLAGS[outcome.status]],
                }
            )
        return self.combine(item, rubric, answer, anchor, outcome)

    def ask_about(self, anchor: Grade) -> frozenset[str] | None:
        """The point ids to ask the judge about (None: all)."""
        return None

    @abstractmethod
    def combine(
        self, item: Item, rubric: Rubric, answer: str, anchor: Grade, outcome: JudgeOutcome
    ) -> Grade:
        """The grade from the rubric grade and the judge's checked verdicts."""

    def _regrade(
        self,
        item: Item,
        rubric: Rubric,
        answer: str,
        anchor: Grade,
        points: list[PointResult],
        score: float,
        flags: list[Flag],
    ) -> Grade:
        clean = clean_answer(answer)
        lang = detect_lang(clean.text or answer, item.lang)
        score = round(min(10.0, max(0.0, score)), 1)
        flags = list(dict.fromkeys(flags))
        feedback = write_feedback(item, rubric, points, anchor.misconceptions, flags, score, lang)
        return anchor.model_copy(
            update={
                "score": score,
                "points": points,
                "flags": flags,
                "feedback": feedback,
                "grader": self.name,
            }
        )


class LLMGrader(_JudgedGrader):
    """Scores by the judge's verdicts (covered 1, partial 0.5), each backed by a verified
    quote; the rubric grader's guards still apply."""

    name = "llm-judge-v1"

    def combine(self, item, rubric, answer, anchor: Grade, outcome: JudgeOutcome) -> Grade:
        points = [
            PointResult(
                point=p.id,
                claim=p.claim,
                weight=p.weight,
                verdict=outcome.points[p.id].verdict,
                credit=CREDIT[outcome.points[p.id].verdict],
                evidence=outcome.points[p.id].quote,
            )
            for p in rubric.points
        ]
        score = judge_score(rubric, outcome.points)
        if "keyword_list" in anchor.flags:
            score = min(score, self.base.config.keyword_cap)
        flags: list[Flag] = list(anchor.flags)
        if anchor.score is not None and abs(score - anchor.score) > REVIEW_GAP:
            flags.append("needs_review")
        return self._regrade(item, rubric, answer, anchor, points, score, flags)


class EnsembleGrader(_JudgedGrader):
    """The rubric grade, with partial points the judge confirms raised (module docs)."""

    name = "ensemble-v1"

    def ask_about(self, anchor: Grade) -> frozenset[str]:
        return frozenset(r.point for r in anchor.points if r.verdict == "partial")

    def combine(self, item, rubric, answer, anchor: Grade, outcome: JudgeOutcome) -> Grade:
        config = self.base.config if rubric.origin == "authored" else self.base.derived_config
        points, gained, contradicted = [], 0.0, False
        for r in anchor.points:
            j = outcome.points.get(r.point)
            if j is None:  # not asked about: stays as the rubric grader found it
                points.append(r)
                continue
            if r.verdict == "partial" and j.verdict == "covered" and _overlaps(j.quote, r.evidence):
                gained += r.weight * (1.0 - r.credit)
                r = r.model_copy(update={"verdict": "covered", "credit": 1.0})
            contradicted |= j.verdict == "contradicted" and r.credit > 0
            points.append(r)
        share = (
            (1 - config.whole_weight)  # the rubric points' share of the score
            * (1 - config.peer_weight if "peer_answers" in anchor.flags else 1)
            * (1 - config.examples_weight if "graded_examples" in anchor.flags else 1)
        )
        score = anchor.score + 10.0 * share * gained / rubric.total_weight
        flags: list[Flag] = list(anchor.flags)
        if "keyword_list" in flags:
            score = min(score, max(anchor.score, config.keyword_cap))
        rubric_credit = {r.point: r.credit for r in anchor.points}
        if (
            contradicted
            or abs(judge_score(rubric, outcome.points, rubric_credit) - anchor.score) > REVIEW_GAP
        ):
            flags.append("needs_review")
        return self._regrade(item, rubric, answer, anchor, points, score, flags)


GRADERS = ("rubric", "claim", "llm", "ensemble")


def make_grader(name: str, settings, pool=None, llm=None):
    """The grader called NAME (one of GRADERS; ValueError otherwise, or when the LLM
    settings are incomplete). `pool`: the corpus items, which let the grader tell an answer
    to another question. `llm`: the model for the LLM graders (default: the one
    `settings.llm` names)."""
    from interviewer.grading.parallel import GraderSpec, build_grader
    from interviewer.llm.cache import ResultCache
    from interviewer.llm.client import make_llm

    if name not in GRADERS:
        raise ValueError(f"unknown grader {name!r}; choose from {', '.join(GRADERS)}")
    base = build_grader(
        GraderSpec(name="claim" if name == "claim" else "rubric", pool=tuple(pool or ()), threads=2)
    )
    if name in ("rubric", "claim"):
        return base
    judge = Judge(llm or make_llm(settings), ResultCache(settings.llm_cache_dir / "judge"))
    return (LLMGrader if name == "llm" else EnsembleGrader)(base, judge)
