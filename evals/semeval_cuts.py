"""Choose SemEval's 3-way cut points on its *training* answers (the test parts are never read).

Every SciEntsBank training answer is graded by a grader as `interviewer eval grading` grades
a suite's rows (derived rubrics, the rows each other's peers); the pair of cut points on the
0-10 score with the highest 3-way macro-F1 against the gold labels is chosen (a grid of
0.5 steps; ties go to the pair nearest the a priori midpoints 2.5 / 7.5).

    .venv/bin/python evals/semeval_cuts.py --data ../shared/datasets/semeval2013/semeval-3way.zip \\
        --out evals/reports/semeval_cuts.json

Writes the chosen cuts with their train accuracy and macro-F1, and the a priori cuts' for
comparison, with date, machine, commit and command. The suites' `labels.train_cuts` are
set from it by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from interviewer.evals import grading as ev
from interviewer.evals.measure import provenance
from interviewer.llm.graders import make_grader
from interviewer.settings import Settings, offline_environment

NAMES = ["contradictory", "incorrect", "correct"]
A_PRIORI = [2.5, 7.5]


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True, help="semeval-3way.zip")
    ap.add_argument("--grader", default="rubric")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    spec = ev.DatasetSpec(kind="semeval", path=str(args.data.resolve()), part="train")
    rows = ev.load_rows(spec, Path("."))
    if any(r.split != "train" for r in rows):
        sys.exit("refusing to choose cut points on a test part")
    grader = make_grader(args.grader, Settings(), pool=ev.dataset_pool(rows))
    targets = ev.targets_for(rows, lambda _: None, lambda _: None)
    ev.add_peers(grader, rows, targets)
    graded = ev.grade_rows(rows, grader, targets)

    def fit(cuts: list[float]) -> dict:
        return ev.label_agreement(graded, ev.Labels(names=NAMES, cuts=cuts))

    grid = [x / 2 for x in range(1, 20)]
    pairs = [[lo, hi] for lo in grid for hi in grid if lo < hi]
    best = max(
        pairs,
        key=lambda c: (
            fit(c)["macro_f1_3way"] or 0.0,
            -abs(c[0] - A_PRIORI[0]) - abs(c[1] - A_PRIORI[1]),
        ),
    )
    report = {
        **provenance("python", sys.argv),
        "grader": grader.name,
        "rows": len(rows),
        "chosen_cuts": best,
        "chosen": fit(best),
        "a_priori_cuts": A_PRIORI,
        "a_priori": fit(A_PRIORI),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: report[k] for k in ("chosen_cuts", "chosen", "a_priori")}, indent=1))


if __name__ == "__main__":
    main()
