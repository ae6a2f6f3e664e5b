"""The claim grader: the rubric grader's machinery with the claim judge deciding each point.

For an authored rubric, every key point's claim and every misconception's claim is put to
the judge (interviewer.judge) against the answer — as one text when it is short, else in
overlapping windows of sentences — and the judge says entailed / contradicted / not
addressed from the meaning, in any wording or language. A point's credit is its
calibrated entailment; a point the answer contradicts, or whose misconception the answer
entails, is `contradicted`: no credit and a penalty, its sentence quoted. The quoted
sentence is the one in the deciding window that the rubric grader's sentence matching
ranks first. Guards (empty, don't know, off topic, keyword list, injection, length) are the
rubric grader's, fed with the judge's credits. Derived rubrics (reference sentences, no
misconceptions) are graded by the rubric grader as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from interviewer.grading.models import Flag, PointResult
from interviewer.grading.rubric_grader import (
    EVIDENCE_CREDIT,
    Analysis,
    GraderConfig,
    RubricGrader,
    verdict_for,
)
from interviewer.judge.runtime import CONTRADICTED, ENTAILED, ClaimJudge, default_judge

GRADER_ID = "claim-v1"
WINDOW_CHARS = 420  # an answer longer than this is judged in windows of sentences


@dataclass(frozen=True)
class JudgeConfig:
    entail_low: float = 0.3  # entailment probability at which a point starts earning
    entail_high: float = 0.8  # ... and at which it earns in full
    contradict_at: float = 0.5  # contradiction probability from which a point is contradicted
    misconception_at: float = 0.6  # entailment of a misconception from which it is stated
    penalty: float = 1.5  # score lost per contradicted point


@dataclass
class Judged:
    """The judge's view of one claim: best entailment and contradiction, and where."""

    entail: float
    contradict: float
    entail_window: int
    contradict_window: int


@dataclass
class ClaimAnalysis(Analysis):
    windows: list[list[int]] = field(default_factory=list)  # sentence indices per window
    point_claims: dict[str, Judged] = field(default_factory=dict)
    misconception_claims: list[Judged] = field(default_factory=list)


def windows(sentences: list[str], max_chars: int = WINDOW_CHARS) -> list[list[int]]:
    """The whole answer when it is short; else runs of sentences up to `max_chars`, each
    starting with the previous run's last sentence."""
    if sum(len(s) + 1 for s in sentences) <= max_chars:
        return [list(range(len(sentences)))]
    out: list[list[int]] = []
    start = 0
    while start < len(sentences):
        run, size = [start], len(sentences[start])
        while run[-1] + 1 < len(sentences) and size + len(sentences[run[-1] + 1]) <= max_chars:
            run.append(run[-1] + 1)
            size += len(sentences[run[-1]]) + 1
        out.append(run)
        if run[-1] + 1 >= len(sentences):
            break
        start = run[-1] if len(run) > 1 else run[-1] + 1
    return out


class ClaimGrader(RubricGrader):
    name = GRADER_ID
    spec_name = "claim"

    def __init__(
        self,
        *args,
        judge: ClaimJudge | None = None,
        judge_config: JudgeConfig | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.claim_judge = judge or default_judge()
        self.judge_config = judge_config or JudgeConfig()

    def analyse(self, item, rubric, answer: str) -> Analysis:
        base = super().analyse(item, rubric, answer)
        sentences = base.clean.sentences
        if rubric.origin != "authored" or not sentences:
            return base
        a = ClaimAnalysis(**{f: getattr(base, f) for f in base.__dataclass_fields__})
        a.windows = windows(sentences)
        texts = [" ".join(sentences[i] for i in w) for w in a.windows]
        claims = [p.claim for p in rubric.points] + [m.claim for m in rubric.misconceptions]
        probs = self.claim_judge.probabilities([(c, t) for c in claims for t in texts])
        probs = probs.reshape(len(claims), len(texts), -1)

        def judged(row: np.ndarray) -> Judged:
            e, c = row[:, ENTAILED], row[:, CONTRADICTED]
            return Judged(float(e.max()), float(c.max()), int(e.argmax()), int(c.argmax()))

        n = len(rubric.points)
        a.point_claims = {p.id: judged(probs[i]) for i, p in enumerate(rubric.points)}
        a.misconception_claims = [judged(probs[n + j]) for j in range(len(rubric.misconceptions))]
        return a

    def points_share(self, rubric, flags: list[Flag]) -> float:
        if rubric.origin != "authored":
            return super().points_share(rubric, flags)
        c = self._config_for(rubric)  # authored: the points and graded examples only
        return 1 - c.examples_weight if "graded_examples" in flags else 1.0

    def _quote(self, a: ClaimAnalysis, window: int, match: np.ndarray) -> str:
        """The sentence of `window` that the sentence matching ranks first."""
        idx = a.windows[window]
        return a.clean.sentences[max(idx, key=lambda i: match[i])]

    def score(self, a: Analysis, config: GraderConfig | None = None):
        if not isinstance(a, ClaimAnalysis):
            return super().score(a, config)
        c, j = config or self._config_for(a.rubric), self.judge_config
        rubric = a.rubric
        flags: list[Flag] = []
        if a.clean.injected:
            flags.append("injection_suspected")
        if a.clean.too_long:
            flags.append("too_long")
        matches = {pid: sig.match(c) for pid, sig in a.points.items()}
        results: dict[str, PointResult] = {}
        for p in rubric.points:
            v = a.point_claims[p.id]
            credit = float(
                np.clip((v.entail - j.entail_low) / (j.entail_high - j.entail_low), 0.0, 1.0)
            )
            if v.contradict >= j.contradict_at and v.contradict > v.entail:
                results[p.id] = PointResult(
                    point=p.id,
                    claim=p.claim,
                    weight=p.weight,
                    verdict="contradicted",
                    credit=0.0,
                    evidence=self._quote(a, v.contradict_window, matches[p.id]),
                )
                continue
            verdict = verdict_for(credit)
            results[p.id] = PointResult(
                point=p.id,
                claim=p.claim,
                weight=p.weight,
                verdict=verdict,
                credit=round(credit, 3),
                evidence=(
                    self._quote(a, v.entail_window, matches[p.id])
                    if credit >= EVIDENCE_CREDIT
                    else None
                ),
            )
        stated: list[str] = []
        for mis, v, sig in zip(rubric.misconceptions, a.misconception_claims, a.misconceptions):
            target = results.get(mis.contradicts) if mis.contradicts else None
            if v.entail < j.misconception_at:
                continue
            if target is not None and target.verdict != "contradicted":
                if a.point_claims[target.point].entail >= v.entail:
                    continue  # the answer states the point more surely than its negation
                results[target.point] = target.model_copy(
                    update={
                        "verdict": "contradicted",
                        "credit": 0.0,
                        "evidence": self._quote(a, v.entail_window, sig.match(c)),
                    }
                )
            stated.append(mis.claim)
        points = [results[p.id] for p in rubric.points]
        wrong = sum(r.verdict == "contradicted" for r in points)
        if wrong or stated:
            flags.append("misconception")
        earned = sum(r.weight * r.credit for r in points) / rubric.total_weight
        if a.example_estimate is not None:
            flags.append("graded_examples")
            earned = (1 - c.examples_weight) * earned + c.examples_weight * a.example_estimate / 10
        score = 10.0 * earned - j.penalty * max(wrong, len(stated))
        best_credit = max(r.credit for r in points)
        # off topic only when no point is entailed: a right answer in other words stays
        score = self._guarded(a, c, score, best_credit, flags, EVIDENCE_CREDIT)
        return self._result(a, max(0.0, score), points, stated, flags)
