"""The claim grader: the rubric grader's machinery with the claim judge deciding each point.

For an authored rubric, every key point's claim and every misconception's claim is put to
the judge (interviewer.judge) against the answer — as one text when it is short, else in
overlapping windows of sentences — and the judge says entailed / contradicted / not
addressed from the meaning, in any wording or language. A point's credit is its
calibrated entailment; a point the answer contradicts, or whose misconception the answer
entails, is `contradicted`: no credit and a penalty, its sentence quoted. The quoted
sentence is the one in the deciding window that the rubric grader's sentence matching
ranks first. Sentences a small model calls content-free ("Good question.", praise of the
topic: interviewer.judge.filler) are left out of what the judge reads, because filler
around an answer moves the judge; the rest of the grade still sees them. Guards (empty,
don't know, off topic, keyword list, injection, length) are the rubric grader's, fed with
the judge's credits; the rubric grader's own score is then blended in at
`JudgeConfig.rubric_share`. Derived rubrics (reference sentences, no misconceptions)
are graded by the rubric grader as before, unless `derived_share` blends in the judge.
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
from interviewer.grading.text import is_keyword_list
from interviewer.judge.claims import (
    WINDOW_TOKENS,
    claim_langs,
    point_claims,
    windows,
    wrong_claims,
)
from interviewer.judge.filler import FillerModel, default_filler_model
from interviewer.judge.runtime import CONTRADICTED, ENTAILED, ClaimJudge, default_judge

GRADER_ID = "claim-v1"
# a phrasing's entailment in a window can count net of this times the judge's contradiction
# of the same pair, so that a window the judge reads as both (0.33 entailed, 0.66
# contradicted: "使模型对参数初始化更加敏感" against "降低对参数初始化的敏感度") is no evidence
# that the point is made. Off: 1 (recalibrated) won clearly on the dev splits and lost on
# the test splits (docs/decisions.md, "Entailment net of contradiction: rejected"); so did
# 1 calibrated on dev questions the judge read no answers to (session 21: a padded answer
# rose 1.1 above its twin on seed_gold's test split both times)
NET_OF_CONTRADICTION = 0.0
DEFAULT_GRADER = "claim"  # when nobody names one ("rubric" until session 24: docs/decisions.md)
# an answer in the other language than its item judged sentence by sentence as well as in
# windows (session 24): in windows only, seed_gold's language gap was 1.42 on test (gate 1.0),
# with sentences 0.18; it costs some of cross_lang's ordering (Spearman 0.63 -> 0.54 on test)
ACROSS_SENTENCES = True


@dataclass(frozen=True)
class JudgeConfig:
    """Calibrated 2026-12-07 (session 17: filler fragments read whole, cross_lang.jsonl's
    dev split added, the language gap weighed at any size) on the dev splits of realistic,
    seed_gold and cross_lang only, with `python evals/calibrate_claims.py --scale-bins 0
    --cache ... --report ...` (the judge of evals/reports/judge_train.json; the routes
    compared: evals/reports/claim_routes.json)."""

    entail_low: float = 0.4  # entailment probability at which a point starts earning
    entail_high: float = 0.9  # ... and at which it earns in full
    contradict_at: float = 9.0  # contradiction from which a point is contradicted (off: > 1)
    misconception_at: float = 0.6  # entailment of a misconception from which it is stated
    penalty: float = 3.0  # score lost per contradicted point or stated misconception
    wrong_at: float = 0.5  # entailment of a point's wrong version that contradicts it
    # ... also when the answer is not in the item's language (English to a Chinese item or
    # the other way): on seed_gold's dev answers the point's own entailment ran lower there,
    # so its wrong version won on correct answers (chosen on dev, session 16)
    wrong_across_languages: bool = False
    # added to a point's entailment when the answer is not in the item's language, before
    # the credit and the rubric floor's gate read it (the judge's entailments ran lower
    # there on seed_gold's dev answers, not on cross_lang's: the grid keeps 0)
    across_shift: float = 0.0
    lexical: float = 0.75  # a point earns at least this share of the rubric grader's credit
    lexical_gate: float = 0.3  # ... when the judge's entailment of the point is at least this
    # the rubric grader's share of an authored rubric's score (the rest the judge's): chosen
    # on the same dev splits, the best mean of realistic's and seed_gold's Spearmans among
    # the shares that meet seed_gold's gates there (evals/calibrate_claims.py)
    rubric_share: float = 0.1
    # a derived rubric (a reference answer's sentences): the judge's share of the score, the
    # rest the rubric grader's; 0 leaves derived rubrics to the rubric grader (measured on
    # Mohler's and ADS's train splits, session 23: 0.1 raised their mean Pearson by 0.0075,
    # under the 0.01 margin; evals/reports/calibrate_derived.json)
    derived_share: float = 0.0
    # the score's scale: a monotone map (knots on 0-10, increasing) from the points' weighted
    # credit to the scale the gold uses, fitted on the dev splits; () leaves it as it is
    scale: tuple[tuple[float, float], ...] = ()


@dataclass
class Judged:
    """The judge's view of one claim: best (net) entailment and contradiction, and where."""

    entail: float
    contradict: float
    entail_window: int
    contradict_window: int
    # the judge's probabilities [phrasings, windows, labels], kept for re-reading under
    # another `net` (calibration only: `ClaimGrader(keep_pairs=True)`)
    pairs: np.ndarray | None = field(default=None, repr=False, compare=False)


@dataclass
class ClaimAnalysis(Analysis):
    windows: list[list[int]] = field(default_factory=list)  # sentence indices per window
    point_claims: dict[str, Judged] = field(default_factory=dict)
    misconception_claims: list[Judged] = field(default_factory=list)
    wrong_claims: dict[str, Judged] = field(default_factory=dict)  # a point's wrong versions
    lexical: dict[str, float] = field(default_factory=dict)  # the rubric grader's credits


def rescaled(score: float, knots: tuple[tuple[float, float], ...]) -> float:
    """`score` through the monotone piecewise-linear map `knots` (unchanged when empty)."""
    if not knots:
        return score
    return float(np.interp(score, [x for x, _ in knots], [y for _, y in knots]))


def fit_scale(
    raw: list[float], gold: list[float], bins: int = 8
) -> tuple[tuple[float, float], ...]:
    """A monotone map from raw scores to gold: knots at the raw scores' quantiles, each at
    its bin's mean gold, made increasing by pooling adjacent violators, anchored at 0 -> 0
    and 10 -> 10."""
    order = np.argsort(raw)
    xs, ys = np.asarray(raw)[order], np.asarray(gold)[order]
    groups = [
        [float(xs[b].mean()), float(ys[b].mean()), len(b)]
        for b in np.array_split(np.arange(len(xs)), bins)
        if len(b)
    ]
    merged: list[list[float]] = []
    for g in groups:
        merged.append(g)
        while len(merged) > 1 and merged[-2][1] >= merged[-1][1]:
            b, a = merged.pop(), merged.pop()
            n = a[2] + b[2]
            merged.append([(a[0] * a[2] + b[0] * b[2]) / n, (a[1] * a[2] + b[1] * b[2]) / n, n])
    knots = [(0.0, 0.0)]
    for x, y, _ in merged:
        x, y = round(x, 3), min(10.0, round(y, 3))
        if knots[-1][0] < x < 10 and knots[-1][1] < y:
            knots.append((x, y))
    if knots[-1][1] < 10:
        knots.append((10.0, 10.0))
    return tuple(knots)


def _net(rows: np.ndarray, against: float) -> np.ndarray:
    """[claims, windows, labels] -> [claims, windows]: each phrasing's entailment in each
    window, less `against` times the contradiction the judge reads in the same pair."""
    return rows[..., ENTAILED] - against * rows[..., CONTRADICTED]


def judged(rows: np.ndarray, against: float = 0.0, keep: bool = False) -> Judged:
    """The best (net) entailment and the largest contradiction over [claims, windows,
    labels]; with `keep`, `rows` too."""
    if not len(rows):
        return Judged(0.0, 0.0, 0, 0, rows if keep else None)
    e, c = _net(rows, against).max(0), rows[..., CONTRADICTED].max(0)
    return Judged(
        float(max(0.0, e.max())),
        float(c.max()),
        int(e.argmax()),
        int(c.argmax()),
        rows if keep else None,
    )


def net_entail(v: Judged, net: float) -> float:
    """A claim's entailment less its contradiction (read pair by pair when `net` is on)."""
    return v.entail if net > 0 else v.entail - v.contradict


def _across(a: Analysis) -> bool:
    """Whether the answer is in the other language than its item (English to a Chinese
    item, or Chinese to an English one)."""
    return (a.lang == "en") != (a.item.lang == "en")


def _semicolon_runs(sentences: list[str]) -> list[list[int]]:
    """Runs of consecutive sentences the splitter cut at a semicolon (each but the last ends
    with one): the sentences as the writer ended them."""
    runs, run = [], [0]
    for i in range(1, len(sentences) + 1):
        if i < len(sentences) and sentences[i - 1].endswith((";", "；")):
            run.append(i)
            continue
        if len(run) > 1:
            runs.append(run)
        run = [i]
    return runs


INTERVIEW_GRADERS = ("rubric", "claim")  # the graders an interview can grade with


def default_grader(embedder, pool, name: str | None = None) -> RubricGrader:
    """The grader `name` (one of INTERVIEW_GRADERS; DEFAULT_GRADER when None): the one the
    interview and `interviewer grade` use unless told otherwise."""
    name = name or DEFAULT_GRADER
    if name not in INTERVIEW_GRADERS:
        raise ValueError(f"unknown grader {name!r}; choose from {', '.join(INTERVIEW_GRADERS)}")
    if name == "claim":
        return ClaimGrader(embedder, pool=pool)
    return RubricGrader(embedder, pool=pool)


class ClaimGrader(RubricGrader):
    name = GRADER_ID
    spec_name = "claim"

    def __init__(
        self,
        *args,
        judge: ClaimJudge | None = None,
        judge_config: JudgeConfig | None = None,
        variants: int = 2,
        window_tokens: tuple[int, ...] = (WINDOW_TOKENS,),
        across_sentences: bool = ACROSS_SENTENCES,
        every_claim: bool = False,
        both_languages: bool = True,
        cascade: bool = True,
        net: float = NET_OF_CONTRADICTION,
        keep_pairs: bool = False,
        drop_filler: bool = True,
        filler_model: FillerModel | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.claim_judge = judge or default_judge()
        self.judge_config = judge_config or JudgeConfig()
        self.variants = variants  # phrasings and wrong versions per point put to the judge
        # an answer longer than this (in the judge's tokens) is judged in windows of
        # sentences; more sizes add more windows (shorter ones raised the judge's recall
        # on dev but not the ranking: docs, How a grade is made)
        self.window_tokens = window_tokens
        self.across_sentences = across_sentences
        # judge the claims the settings ignore too (calibration re-scores one analysis
        # under many settings); else they are left out, which is faster
        self.every_claim = every_claim
        # an answer mixing Chinese and English is put the phrasings of both
        self.both_languages = both_languages
        # a point's further phrasings only when its first is not entailed in full
        self.cascade = cascade
        self.net = net  # a pair's entailment counts less this times its contradiction
        self.keep_pairs = keep_pairs  # keep the judge's probabilities in the analysis
        # content-free sentences are not put to the judge (the shipped model unless given;
        # only with the embedder whose vectors it was trained on)
        model = (filler_model or default_filler_model()) if drop_filler else None
        same = model is not None and self._vectors.embedder.same_model(model.embedder)
        self.filler_model = model if same else None

    def _content(self, sentences: list[str]) -> list[int]:
        """Indices of the sentences put to the judge: all but the content-free ones (all
        when every one is)."""
        if self.filler_model is None:
            return list(range(len(sentences)))
        free = self.filler_model.content_free(self._vectors.get(sentences)).tolist()
        # the splitter cuts at semicolons, and a fragment of filler ("I hope that answers
        # it;") reads as less content-free than its whole sentence: a sentence cut so is
        # also read whole, and its fragments are content-free when it is
        runs = _semicolon_runs(sentences)
        if runs:
            whole = [" ".join(sentences[i] for i in run) for run in runs]
            for run, f in zip(runs, self.filler_model.content_free(self._vectors.get(whole))):
                if f:
                    for i in run:
                        free[i] = True
        kept = [i for i, f in enumerate(free) if not f]
        return kept or list(range(len(sentences)))

    def analyse(self, item, rubric, answer: str) -> Analysis:
        base = super().analyse(item, rubric, answer)
        sentences = base.clean.sentences
        j, every = self.judge_config, self.every_claim
        derived = rubric.origin != "authored"
        if not sentences or (derived and not (every or j.derived_share > 0)):
            return base
        a = ClaimAnalysis(**{f: getattr(base, f) for f in base.__dataclass_fields__})
        a.windows = []
        kept = self._content(sentences)
        if len(kept) < len(sentences):
            # the keyword-list guard reads what the judge reads: small talk around a bare
            # list of terms no longer lifts its cap (evals/filler_robustness.py, session 21)
            a.keyword_list = is_keyword_list(" ".join(sentences[i] for i in kept))
        sizes = self.claim_judge.token_counts([sentences[i] for i in kept])
        budgets = self.window_tokens + ((1,) if self.across_sentences and _across(a) else ())
        for budget in budgets:  # (a budget of 1 token: each sentence alone)
            runs = [[kept[i] for i in w] for w in windows(sizes, budget)]
            a.windows += [w for w in runs if w not in a.windows]
        texts = [" ".join(sentences[i] for i in w) for w in a.windows]
        if derived:  # the reference's sentences, nothing more
            judged = self._judge_groups([[p.claim] for p in rubric.points], texts, 0)
            a.point_claims = {p.id: v for p, v in zip(rubric.points, judged)}
            return a
        langs = claim_langs(base.clean.text, a.lang) if self.both_languages else [a.lang]
        groups = [
            list(dict.fromkeys(c for lang in langs for c in point_claims(p, lang, self.variants)))
            for p in rubric.points
        ]
        wrong = j.wrong_at <= 1 and (j.wrong_across_languages or not _across(a))
        groups += [
            [c for lang in langs for c in wrong_claims(p, lang, self.variants)]
            if every or wrong
            else []
            for p in rubric.points
        ]
        groups += [
            [m.claim] if every or j.misconception_at <= 1 else [] for m in rubric.misconceptions
        ]
        n = len(rubric.points)
        # what can contradict each point: its wrong versions and the misconceptions against it
        rivals = [
            [n + k]
            + [2 * n + i for i, m in enumerate(rubric.misconceptions) if m.contradicts == p.id]
            for k, p in enumerate(rubric.points)
        ]
        per_group = self._judge_groups(groups, texts, n, rivals)
        a.point_claims = {p.id: per_group[i] for i, p in enumerate(rubric.points)}
        a.wrong_claims = {p.id: per_group[n + i] for i, p in enumerate(rubric.points)}
        a.misconception_claims = per_group[2 * n :]
        lexical = RubricGrader.score(self, base)
        a.lexical = {r.point: r.credit for r in lexical.points if r.verdict != "contradicted"}
        return a

    def _judge_groups(
        self,
        groups: list[list[str]],
        texts: list[str],
        points: int,
        rivals: list[list[int]] | None = None,
    ) -> list[Judged]:
        """The judge's view of each group of claims (the first `points` groups are the key
        points' phrasings) against the windows `texts`. With `cascade`, a point's further
        phrasings are put only when its first does not reach `entail_high` (where its
        credit is full) or when one of its `rivals` (the groups that can contradict it) is
        entailed more than it: `score` compares the point's best entailment with theirs.
        So every verdict is the one all phrasings give (what the calibration measures),
        for fewer pairs. (Until session 19 only the first condition was checked, and a
        wrong version a little above a point's first phrasing contradicted it where all
        its phrasings did not: docs/decisions.md, "The cascade graded otherwise".)"""
        ends = np.cumsum([0, *map(len, groups)]).tolist()
        ids = [list(range(ends[k], ends[k + 1])) for k in range(len(groups))]
        claims = [c for g in groups for c in g]
        probs: dict[int, np.ndarray] = {}

        def run(indices: list[int]) -> None:
            if indices:
                p = self.claim_judge.probabilities([(claims[i], t) for i in indices for t in texts])
                probs.update(zip(indices, p.reshape(len(indices), len(texts), -1)))

        cascade = self.cascade and not self.every_claim
        run([i for k, g in enumerate(ids) for i in (g[:1] if cascade and k < points else g)])
        if cascade:
            high = self.judge_config.entail_high
            rivals = rivals or [[] for _ in range(points)]

            def best(k: int) -> float:
                return max(
                    (_net(probs[i], self.net).max() for i in ids[k] if i in probs), default=0
                )

            unsure = [
                g
                for k, g in enumerate(ids[:points])
                if best(k) < high or any(best(r) > best(k) for r in rivals[k])
            ]
            run([i for g in unsure for i in g[1:]])
        return [
            judged(np.array([probs[i] for i in g if i in probs]), self.net, self.keep_pairs)
            for g in ids
        ]

    def points_share(self, rubric, flags: list[Flag]) -> float:
        if rubric.origin != "authored":
            return super().points_share(rubric, flags)
        c = self._config_for(rubric)  # authored: the points and graded examples only
        return 1 - c.examples_weight if "graded_examples" in flags else 1.0

    def _derived_score(self, a: ClaimAnalysis, config: GraderConfig | None):
        """The rubric grader's grade, its score blended with the judge's: the weighted
        share of the reference's sentences the answer entails (less what it contradicts).
        A guard's zero or cap stays."""
        grade = super().score(a, config)
        share = self.judge_config.derived_share
        if share <= 0 or {"empty", "dont_know", "off_topic"} & set(grade.flags):
            return grade
        points = a.rubric.points
        entailed = (
            sum(p.weight * max(0.0, net_entail(a.point_claims[p.id], self.net)) for p in points)
            / a.rubric.total_weight
        )
        score = (1 - share) * grade.score + share * 10.0 * entailed
        if "keyword_list" in grade.flags:
            score = min(score, (config or self._config_for(a.rubric)).keyword_cap)
        return self._result(a, score, grade.points, grade.misconceptions, grade.flags)

    def _quote(self, a: ClaimAnalysis, window: int, match: np.ndarray) -> str:
        """The sentence of `window` that the sentence matching ranks first."""
        idx = a.windows[window]
        return a.clean.sentences[max(idx, key=lambda i: match[i])]

    def score(self, a: Analysis, config: GraderConfig | None = None):
        if not isinstance(a, ClaimAnalysis):
            return super().score(a, config)
        if a.rubric.origin != "authored":
            return self._derived_score(a, config)
        c, j = config or self._config_for(a.rubric), self.judge_config
        rubric = a.rubric
        flags: list[Flag] = []
        if a.clean.injected:
            flags.append("injection_suspected")
        if a.clean.too_long:
            flags.append("too_long")
        matches = {pid: sig.match(c) for pid, sig in a.points.items()}
        across = _across(a)
        results: dict[str, PointResult] = {}
        for p in rubric.points:
            v, w = a.point_claims[p.id], a.wrong_claims.get(p.id)
            if across and not j.wrong_across_languages:
                w = None
            entail = v.entail + j.across_shift if across else v.entail
            credit = float(
                np.clip((entail - j.entail_low) / (j.entail_high - j.entail_low), 0.0, 1.0)
            )
            if entail >= j.lexical_gate:
                credit = max(credit, j.lexical * a.lexical.get(p.id, 0.0))
            against = None
            if v.contradict >= j.contradict_at and v.contradict > v.entail:
                against = v.contradict_window
            elif w is not None and w.entail >= j.wrong_at and w.entail > v.entail:
                against = w.entail_window
            if against is not None:
                results[p.id] = PointResult(
                    point=p.id,
                    claim=p.claim,
                    weight=p.weight,
                    verdict="contradicted",
                    credit=0.0,
                    evidence=self._quote(a, against, matches[p.id]),
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
        score = rescaled(10.0 * earned, j.scale) - j.penalty * max(wrong, len(stated))
        best_credit = max(r.credit for r in points)
        # off topic only when no point is entailed: a right answer in other words stays
        score = self._guarded(a, c, score, best_credit, flags, EVIDENCE_CREDIT)
        if j.rubric_share > 0 and not {"dont_know", "off_topic"} & set(flags):
            words = RubricGrader.score(self, a, config).score
            score = (1 - j.rubric_share) * max(0.0, score) + j.rubric_share * words
            if a.keyword_list:
                score = min(score, c.keyword_cap)
        return self._result(a, max(0.0, score), points, stated, flags)
