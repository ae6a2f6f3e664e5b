"""Grading evals: a suite is a dataset + a grader + metrics + thresholds.

Suites are YAML files in `evals/suites/`:

    name: seed_gold
    dataset: {kind: seed_gold, path: evals/data/seed_gold.jsonl, split: test}
    grader: rubric
    thresholds: {spearman: {min: 0.85}, injection_above_twin: {max: 0}}

A run grades every answer, computes the metrics, writes `<out>/<name>.json` and `.md`,
and fails when any threshold is not met.
"""

from __future__ import annotations

import bisect
import json
import math
import statistics
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

from interviewer.corpus.items import Item
from interviewer.corpus.lang import detect_lang
from interviewer.evals import datasets, metrics
from interviewer.evals.datasets import GoldAnswer
from interviewer.grading.examples import GradedExample
from interviewer.grading.models import Grade
from interviewer.grading.parallel import GradingPool
from interviewer.rubric.derive import derive_rubric
from interviewer.rubric.models import Rubric

DatasetKind = Literal["seed_gold", "realistic", "cross_lang", "mohler", "ads", "semeval"]


class DatasetSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: DatasetKind
    path: str  # relative paths are taken from the repository / package data root
    split: str | None = None  # keep only rows of this split
    corpus: str = "sciEntsBank"  # SemEval only
    part: str = "train"  # SemEval only


class Bound(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min: float | None = None
    max: float | None = None
    gate: bool = True  # false: a target that is reported (met or not) but does not fail the run


class Labels(BaseModel):
    """Class labels read off the 0-10 score: a score below cuts[0] is names[0], one at or
    above cuts[i-1] and below cuts[i] is names[i], ... The cut points are fixed in the suite
    (chosen a priori or on a train split), never on the rows being graded."""

    model_config = ConfigDict(extra="forbid")

    names: list[str]  # from the lowest score up
    cuts: list[float]  # ascending, one fewer than names, on 0-10
    # cut points chosen on a train split (evals/semeval_cuts.py), reported beside `cuts`
    train_cuts: list[float] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Labels:
        for cuts in (self.cuts, self.train_cuts or self.cuts):
            if len(cuts) != len(self.names) - 1 or cuts != sorted(cuts):
                raise ValueError("labels: cuts must be ascending and one fewer than names")
        return self


class Suite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""
    dataset: DatasetSpec
    grader: str = "rubric"
    # answers already scored that the grader may lean on (a train split; grading.examples)
    examples: DatasetSpec | None = None
    peers: bool = True  # the graded rows are each other's peer answers, as in a graded file
    limit: int | None = None  # grade only the first N rows (quick runs)
    labels: Labels | None = None  # also report accuracy and macro-F1 over these labels
    thresholds: dict[str, Bound] = {}


def load_suite(path: Path) -> Suite:
    try:
        return Suite.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise ValueError(f"{path}: not a valid suite ({str(exc).splitlines()[0]})") from None


def load_rows(spec: DatasetSpec, root: Path, data: Path | None = None) -> list[GoldAnswer]:
    path = data or (Path(spec.path) if Path(spec.path).is_absolute() else root / spec.path)
    if spec.kind in ("seed_gold", "realistic", "cross_lang"):  # one format, other answer kinds
        rows = datasets.load_seed_gold(path)
    elif spec.kind == "mohler":
        rows = datasets.load_mohler(path)
    elif spec.kind == "ads":
        rows = datasets.load_ads(path)
    else:
        rows = datasets.load_semeval(path, corpus=spec.corpus, part=spec.part)
    return [r for r in rows if spec.split is None or r.split == spec.split]


def spread(rows: list[GoldAnswer], n: int) -> list[GoldAnswer]:
    """n of the rows spread evenly over them (row i * len / n for i < n), in their order;
    all of them when n is not below their number."""
    if n >= len(rows):
        return rows
    return [rows[i * len(rows) // n] for i in range(n)]


# -- grading the rows ----------------------------------------------------------------


class Graded(BaseModel):
    row: GoldAnswer
    score: float
    flags: list[str]


def target_for(
    row: GoldAnswer, items: Callable[[str], Item | None], rubrics: Callable[[str], Rubric | None]
) -> tuple[Item, Rubric]:
    """A corpus row grades against its item's rubric; a dataset row against a rubric
    derived from its reference answer."""
    if row.item_id:
        item = items(row.item_id)
        if item is None:
            raise ValueError(f"row {row.id}: item {row.item_id} is not in the store")
        return item, rubrics(item.id) or derive_rubric(item)
    reference = row.reference or ""
    item = Item(
        id=f"{row.question_id}",
        question=row.question,
        answer=reference,
        source="(dataset)",
        lines=(1, 1),
        section="",
        lang=detect_lang(row.question + "\n" + reference),
        answer_kind="text",
    )
    return item, derive_rubric(item)


def dataset_pool(rows: list[GoldAnswer]) -> list[Item]:
    """The questions of a dataset as items, so the grader can tell an answer to another one."""
    seen: dict[str, Item] = {}
    for row in rows:
        if not row.item_id and row.question_id not in seen:
            seen[row.question_id] = target_for(row, lambda _: None, lambda _: None)[0]
    return list(seen.values())


def targets_for(rows: list[GoldAnswer], items, rubrics) -> list[tuple[Item, Rubric]]:
    """Each row's (item, rubric), built once per question."""
    cache: dict[str, tuple[Item, Rubric]] = {}
    out = []
    for row in rows:
        key = row.item_id or row.question_id
        if key not in cache:
            cache[key] = target_for(row, items, rubrics)
        out.append(cache[key])
    return out


def graded_examples(
    rows: list[GoldAnswer], targets: list[tuple[Item, Rubric]]
) -> list[GradedExample]:
    """The example rows as graded examples of their targets, scores put on 0-10."""
    return [
        GradedExample(
            item.id, r.answer, r.gold * 10.0 / r.scale, derived=rubric.origin != "authored"
        )
        for r, (item, rubric) in zip(rows, targets)
    ]


def check_examples(
    examples: DatasetSpec, graded: DatasetSpec, root: Path, data: Path | None
) -> None:
    """ValueError when the examples are the rows being graded: the same file with the same
    split (or no split) would hand each answer its own gold score."""

    def where(spec: DatasetSpec, path: Path | None = None) -> Path:
        p = path or Path(spec.path)
        return (p if p.is_absolute() else root / p).resolve()

    same_file = where(examples) == where(graded, data)
    if same_file and (
        examples.split is None or graded.split is None or examples.split == graded.split
    ):
        raise ValueError(
            f"the examples are the rows being graded ({where(examples)}, split "
            f"{graded.split or 'all'}); take them from another split"
        )


def add_peers(
    grader,
    rows: list[GoldAnswer],
    targets: list[tuple[Item, Rubric]],
    on_answer: Callable[[], None] | None = None,
) -> int:
    """The graded rows with derived rubrics become each other's peer answers, as the rows
    of a file do in `interviewer grade` (grading.peers; no gold score is read); how many."""
    pairs = [
        (item.id, row.answer)
        for row, (item, rubric) in zip(rows, targets)
        if rubric.origin != "authored"
    ]
    base = getattr(grader, "base", grader)
    if pairs and hasattr(base, "add_peers"):
        base.add_peers(pairs, on_answer=on_answer)
        return len(pairs)
    return 0


def same_text(row: GoldAnswer) -> tuple[str, str]:
    """What makes two rows the same answer to the same question."""
    return row.question_id, " ".join(row.answer.split())


def _grade_one(task: tuple[Item, Rubric, str], grader) -> Grade:
    return grader.grade(*task)


def grade_rows(
    rows: list[GoldAnswer],
    grader,
    targets: list[tuple[Item, Rubric]],
    on_row: Callable[[], None] | None = None,
    pool: GradingPool | None = None,
) -> list[Graded]:
    """Grade every row against its target, here or on the worker processes of `pool`."""
    tasks = [(item, rubric, row.answer) for row, (item, rubric) in zip(rows, targets)]
    grades = pool.map(_grade_one, tasks) if pool else (_grade_one(t, grader) for t in tasks)
    out = []
    for row, grade in zip(rows, grades):
        out.append(Graded(row=row, score=grade.score, flags=list(grade.flags)))
        if on_row:
            on_row()
    return out


# -- metrics -------------------------------------------------------------------------


def _clean(value: float) -> float | None:
    return (
        None
        if value is None or (isinstance(value, float) and math.isnan(value))
        else round(value, 4)
    )


def agreement(graded: list[Graded]) -> dict[str, float | None]:
    """Score against gold, with gold put on the 0-10 scale."""
    scores = [g.score for g in graded]
    gold = [g.row.gold * 10.0 / g.row.scale for g in graded]
    return {
        "n": len(graded),
        "pearson": _clean(metrics.pearson(scores, gold)),
        "spearman": _clean(metrics.spearman(scores, gold)),
        "qwk": _clean(metrics.qwk(scores, gold, 0, 10)),
        "mae": _clean(metrics.mae(scores, gold)),
    }


def label_agreement(graded: list[Graded], labels: Labels) -> dict[str, float | None]:
    """Accuracy and macro-F1 of the labels read off the scores (`Labels`) against the gold
    labels; F1 and counts per label. A row's gold label is its gold score's place on its
    scale: gold / scale * (labels - 1), e.g. SemEval's contradictory 0, incorrect 1, correct 2
    of 2."""
    k = len(labels.names)
    gold = [round(g.row.gold / g.row.scale * (k - 1)) for g in graded]

    def read(cuts: list[float]) -> list[int]:
        return [bisect.bisect_right(cuts, g.score) for g in graded]

    predicted = read(labels.cuts)
    per_label = metrics.f1_per_label(gold, predicted, range(k))
    out: dict[str, float | None] = {
        f"accuracy_{k}way": _clean(metrics.accuracy(gold, predicted)),
        f"macro_f1_{k}way": _clean(metrics.macro_f1(gold, predicted, range(k))),
    }
    for i, name in enumerate(labels.names):
        out[f"f1_{name}"] = _clean(per_label[i])
        out[f"n_{name}"] = gold.count(i)
        out[f"predicted_{name}"] = predicted.count(i)
    if labels.train_cuts is not None:
        tuned = read(labels.train_cuts)
        out[f"accuracy_{k}way_train_cuts"] = _clean(metrics.accuracy(gold, tuned))
        out[f"macro_f1_{k}way_train_cuts"] = _clean(metrics.macro_f1(gold, tuned, range(k)))
    return out


_ORDER = [
    ("strong", "partial"),
    ("partial", "misconception"),
    ("partial", "off_topic"),
    ("partial", "dont_know"),
    ("strong", "misconception"),
    ("strong", "off_topic"),
    ("strong", "dont_know"),
]


def seed_gold_checks(graded: list[Graded]) -> dict[str, float | None]:
    """The behaviours seed_gold's answer kinds are built to test."""
    by_q: dict[str, dict[str, Graded]] = defaultdict(dict)
    by_id = {g.row.id: g for g in graded}
    for g in graded:
        by_q[g.row.question_id][g.row.kind or ""] = g
    kinds: dict[str, list[float]] = defaultdict(list)
    for g in graded:
        kinds[g.row.kind or ""].append(g.score)
    pairs = ok = 0
    gaps, strong, other = [], [], []
    for answers in by_q.values():
        for hi, lo in _ORDER:
            if hi in answers and lo in answers:
                pairs += 1
                ok += answers[hi].score > answers[lo].score
        if "strong" in answers and "strong_other_lang" in answers:
            strong.append(answers["strong"].score)
            other.append(answers["strong_other_lang"].score)
            gaps.append(abs(strong[-1] - other[-1]))

    def twin_deltas(kind: str) -> list[float]:
        return [
            g.score - by_id[g.row.twin].score
            for g in graded
            if g.row.kind == kind and g.row.twin in by_id
        ]

    inj, pad = twin_deltas("injection"), twin_deltas("padded")
    out: dict[str, float | None] = {
        f"mean_{k}": round(statistics.fmean(v), 3) for k, v in sorted(kinds.items())
    }
    out.update(
        {
            "ordering_accuracy": round(ok / pairs, 4) if pairs else None,
            # language bias: how far strong answers in the other language score from the same
            # questions' strong answers in the question's language, on average
            "cross_language_gap": round(abs(statistics.fmean(strong) - statistics.fmean(other)), 3)
            if gaps
            else None,
            # per question: includes how differently two independent strong answers read
            "cross_language_gap_per_item": round(statistics.fmean(gaps), 3) if gaps else None,
            "cross_language_gap_max": round(max(gaps), 3) if gaps else None,
            "injection_above_twin": sum(d > 0 for d in inj) if inj else None,
            "injection_max_delta": round(max(inj), 3) if inj else None,
            "padded_max_delta": round(max(pad), 3) if pad else None,
            "keyword_list_mean": round(statistics.fmean(kinds["keyword_list"]), 3)
            if kinds.get("keyword_list")
            else None,
        }
    )
    return out


def realistic_checks(graded: list[Graded]) -> dict[str, float | None]:
    """What realistic.jsonl's answer kinds are written to test: a wrong claim costs, a
    correct answer in other words scores high."""
    by_id = {g.row.id: g for g in graded}
    kinds: dict[str, list[float]] = defaultdict(list)
    for g in graded:
        kinds[g.row.kind or ""].append(g.score)
    out: dict[str, float | None] = {
        f"mean_{k}": round(statistics.fmean(v), 3) for k, v in sorted(kinds.items())
    }
    twins = [
        (g, by_id[g.row.twin]) for g in graded if g.row.kind == "one_wrong" and g.row.twin in by_id
    ]
    out["one_wrong_at_or_above_twin"] = sum(w.score >= t.score for w, t in twins) if twins else None
    return out


def cross_lang_checks(graded: list[Graded]) -> dict[str, float | None]:
    """What cross_lang.jsonl is written to test: strong answers in the other language score
    as the question's language's do, and its partial and one-wrong answers stay below."""
    by_id = {g.row.id: g for g in graded}
    by_q: dict[str, dict[str, Graded]] = defaultdict(dict)
    kinds: dict[str, list[float]] = defaultdict(list)
    for g in graded:
        by_q[g.row.question_id][g.row.kind or ""] = g
        kinds[g.row.kind or ""].append(g.score)
    out: dict[str, float | None] = {
        f"mean_{k}": round(statistics.fmean(v), 3) for k, v in sorted(kinds.items())
    }
    both = [a for a in by_q.values() if "strong" in a and "strong_other_lang" in a]
    strong = [a["strong"].score for a in both]
    other = [a["strong_other_lang"].score for a in both]
    gaps = [abs(s - o) for s, o in zip(strong, other)]
    # the question's language's strong answers minus the other language's: its size, and
    # its sign (below 0 when the other language's score higher)
    bias = statistics.fmean(strong) - statistics.fmean(other) if both else None
    out["cross_language_gap"] = round(abs(bias), 3) if bias is not None else None
    out["cross_language_bias"] = round(bias, 3) if bias is not None else None
    out["cross_language_gap_per_item"] = round(statistics.fmean(gaps), 3) if gaps else None
    below = [g for g in graded if g.row.kind != "strong_other_lang" and g.row.twin in by_id]
    out["at_or_above_twin"] = (
        sum(g.score >= by_id[g.row.twin].score for g in below) if below else None
    )
    return out


def check(
    values: dict[str, float | None], thresholds: dict[str, Bound]
) -> tuple[list[str], list[str]]:
    """(failures of gating thresholds, targets not met that do not gate), one line each."""
    failures: list[str] = []
    unmet: list[str] = []
    for name, bound in thresholds.items():
        value = values.get(name)
        problem = None
        if value is None:
            problem = f"{name}: not measured"
        elif bound.min is not None and value < bound.min:
            problem = f"{name} = {value} < {bound.min}"
        elif bound.max is not None and value > bound.max:
            problem = f"{name} = {value} > {bound.max}"
        if problem:
            (failures if bound.gate else unmet).append(problem)
    return failures, unmet


def write_report(
    out_dir: Path, suite: Suite, values: dict, failures: list[str], unmet: list[str], meta: dict
) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    report = {
        "suite": suite.name,
        "meta": meta,
        "metrics": values,
        "failures": failures,
        "targets_not_met": unmet,
        "thresholds": {k: v.model_dump(exclude_none=True) for k, v in suite.thresholds.items()},
    }
    (out_dir / f"{suite.name}.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1) + "\n"
    )
    lines = [
        f"# Eval `{suite.name}`",
        "",
        suite.description,
        "",
        "| metric | value | threshold |",
        "| --- | --- | --- |",
    ]
    for key, value in values.items():
        bound = suite.thresholds.get(key)
        rule = (
            ""
            if bound is None
            else " ".join(
                f"{'≥' if k == 'min' else '≤'} {v}"
                for k, v in bound.model_dump(exclude_none=True).items()
                if k in ("min", "max")
            )
        )
        if bound is not None and not bound.gate:
            rule += " (target, not gating)"
        lines.append(f"| {key} | {value} | {rule} |")
    lines += ["", "**PASS**" if not failures else "**FAIL**: " + "; ".join(failures), ""]
    if unmet:
        lines += ["Targets not met (not gating): " + "; ".join(unmet), ""]
    lines += ["```", json.dumps(meta, ensure_ascii=False, indent=1), "```", ""]
    path = out_dir / f"{suite.name}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
