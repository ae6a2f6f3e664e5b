"""Graders that consult the LLM judge, on top of a base grader that anchors and guards them.

The base grader is the rubric grader or the claim grader (`Settings.llm_grader_base`,
`--llm-grader-base`): whichever `parallel.build_grader` builds. `LLMGrader` (`--grader llm`)
scores by the judge's checked verdicts alone. `EnsembleGrader` (`--grader ensemble`)
starts from the base grade and moves each point by the judge's verdict, within the judge's
evidence rules (`judge.check_evidence`: a verdict other than missing needs a quote that
occurs in the graded answer). The combination rule, per point (`combine_point`):

- `missing`, no verdict, or a verdict whose quote is not in the answer: the base result
  stands;
- `contradicted` with its quote: the point is contradicted, no credit, the quote shown;
- `covered` / `partial` with its quote: the mean of the base credit and the judge's
  (covered 1, partial 0.5). Lowering takes any verified quote; raising needs the quote to
  be the base grader's own evidence sentence for the point (the judge confirms what the
  base grader saw: the local model, asked about a one-sentence answer, calls every point
  covered with that sentence). A judge moves a point by at most half of it, and to zero
  only by quoting a contradiction.

The score moves by the credit gained or lost, times the share of the base score its
points hold (the rest is the whole-answer likeness, peer answers, graded examples, which
the judge does not see); a keyword list stays under its cap. With temperature 0, the
cached reply and this rule, a re-grade is identical.

Answers flagged `empty`, `dont_know`, `off_topic` or `misconception` keep the base grade
without asking the judge. The judge sees only the sentences the base grader grades (text
addressed to the grader is dropped before), so an injected answer gets the same
judgement as its clean twin, and the ensemble keeps it at or below that twin whenever the
base grader does. A verified `contradicted` on a point the base grader found covered, or
a judge score more than 3 points from the base score, adds `needs_review`. Judge failures
keep the base grade and say so: `llm_unavailable`, `llm_unparsed`, and `llm_circuit_open`
beside `llm_unavailable` when the client skipped the LLM after several failures in a row.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod

from interviewer.corpus.items import Item
from interviewer.corpus.lang import detect_lang
from interviewer.grading.feedback import write_feedback
from interviewer.grading.models import Flag, Grade, PointResult
from interviewer.grading.rubric_grader import RubricGrader, verdict_for
from interviewer.grading.text import clean_answer
from interviewer.llm.judge import Checked, Judge, JudgeOutcome
from interviewer.llm.prompts import neutralise
from interviewer.rubric.models import Rubric

KEEP_RUBRIC: frozenset[str] = frozenset({"empty", "dont_know", "off_topic", "misconception"})
REVIEW_GAP = 3.0  # judge-only score this far from the base score: needs_review
COVERED_CREDIT = 0.75  # a base credit from which a point counts as covered (verdict_for)
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
    """The base grade, each point moved by the judge's verdict where its evidence holds
    (module docs: the combination rule)."""

    name = "ensemble-v2"

    def combine(self, item, rubric, answer, anchor: Grade, outcome: JudgeOutcome) -> Grade:
        points, gained, disputed = [], 0.0, False
        for r in anchor.points:
            new = combine_point(r, outcome.points.get(r.point))
            gained += r.weight * (new.credit - r.credit)
            disputed |= new.verdict == "contradicted" and r.credit >= COVERED_CREDIT
            points.append(new)
        share = self.base.points_share(rubric, anchor.flags)
        score = anchor.score + 10.0 * share * gained / rubric.total_weight
        flags: list[Flag] = list(anchor.flags)
        if "keyword_list" in flags:
            score = min(score, max(anchor.score, self.base._config_for(rubric).keyword_cap))
        base_credit = {r.point: r.credit for r in anchor.points}
        if (
            disputed
            or abs(judge_score(rubric, outcome.points, base_credit) - anchor.score) > REVIEW_GAP
        ):
            flags.append("needs_review")
        return self._regrade(item, rubric, answer, anchor, points, score, flags)


def combine_point(base: PointResult, judged: Checked | None) -> PointResult:
    """One point's result from the base grader's and the judge's (the combination rule).

    - no verdict, `missing`, or a verdict whose quote is not in the graded answer: the base
      result stands (absence is no evidence; unverifiable evidence is ignored);
    - `contradicted` with its quote: contradicted, no credit, the quote as evidence;
    - `covered` / `partial` with its quote: the mean of the base credit and the judge's
      (covered 1, partial 0.5), its verdict from that credit. Lowering takes any verified
      quote; raising needs the quote to be the base grader's own evidence sentence (inside
      it, or containing it): the judge confirms what the base grader saw, it cannot add a
      point the base grader saw no sign of (the local model calls most points covered
      with any sentence: docs, How a grade is made).
    A point the base grader found contradicted stays so.
    """
    if judged is None or judged.verdict == "missing" or base.verdict == "contradicted":
        return base
    if judged.verdict == "contradicted":
        return base.model_copy(
            update={"verdict": "contradicted", "credit": 0.0, "evidence": judged.quote}
        )
    credit = round((base.credit + CREDIT[judged.verdict]) / 2, 3)
    if credit == base.credit or (
        credit > base.credit and not _overlaps(judged.quote or "", base.evidence)
    ):
        return base
    verdict = verdict_for(credit)
    return base.model_copy(
        update={
            "verdict": verdict,
            "credit": credit,
            "evidence": (base.evidence if credit > base.credit else judged.quote)
            if verdict != "missing"
            else None,
        }
    )


def _overlaps(quote: str, evidence: str | None) -> bool:
    """The judge's quote lies inside the base grader's evidence sentence or contains it
    (compared neutralised, as the judge saw the answer)."""
    if not evidence:
        return False
    q, e = (" ".join(neutralise(t).split()).casefold().strip(" .。") for t in (quote, evidence))
    return bool(q) and (q in e or e in q)


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
    base_name = name if name in ("rubric", "claim") else settings.llm_grader_base
    base = build_grader(GraderSpec(name=base_name, pool=tuple(pool or ()), threads=2))
    if name in ("rubric", "claim"):
        return base
    judge = Judge(llm or make_llm(settings), ResultCache(settings.llm_cache_dir / "judge"))
    return (LLMGrader if name == "llm" else EnsembleGrader)(base, judge)
