"""From how many rows do worker processes beat one process in `interviewer grade`?

Grades the first N answers of a dataset (seed_gold by default; Mohler and ADS rows carry
their reference answer, so they are graded against derived rubrics) in a fresh process
each time, with one process and with 2 workers, and prints the wall time of each run. The
default corpus's store is built beforehand; no vectors are on disk. The rows threshold under which `grade` stays in one
process (`grading.parallel.MIN_PARALLEL_ROWS`) is lifted for these runs, so the 2-worker
runs really start workers.

    .venv/bin/python evals/parallel_breakeven.py [--rows 20 60 120 243]
    .venv/bin/python evals/parallel_breakeven.py --kind mohler \
        --data ../shared/datasets/mohler/mohler_dataset_edited.csv --rows 500 1000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUN = ("import sys; import interviewer.grading.parallel as p; p.MIN_PARALLEL_ROWS = 1; "
       "from interviewer.cli import main; main(sys.argv[1:])")


def grade(data_dir: Path, rows: Path, out: Path, workers: int) -> float:
    env = {**os.environ, "INTERVIEWER_DATA_DIR": str(data_dir), "INTERVIEWER_LLM": "none"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", RUN, "grade", str(rows), "-o", str(out),
                    "--workers", str(workers)], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="+", default=[20, 60, 120, 243])
    ap.add_argument("--kind", default="seed_gold", choices=["seed_gold", "mohler", "ads"])
    ap.add_argument("--data", type=Path, default=Path("evals/data/seed_gold.jsonl"))
    args = ap.parse_args()
    from interviewer.evals.grading import DatasetSpec, load_rows

    found = load_rows(DatasetSpec(kind=args.kind, path=str(args.data.resolve())), Path("."))
    lines = [json.dumps({"question": r.question, "answer": r.answer,
                         **({"reference": r.reference} if r.reference and not r.item_id else {})},
                        ensure_ascii=False)
             for r in found]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data_dir = tmp / "data"
        env = {**os.environ, "INTERVIEWER_DATA_DIR": str(data_dir)}
        subprocess.run([sys.executable, "-m", "interviewer", "ingest"], env=env, check=True,
                       capture_output=True)
        print("rows  one process  2 workers")
        for n in args.rows:
            rows = tmp / f"rows{n}.jsonl"
            rows.write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
            one = grade(data_dir, rows, tmp / f"one{n}.jsonl", 1)
            two = grade(data_dir, rows, tmp / f"two{n}.jsonl", 2)
            print(f"{n:4d}  {one:9.1f} s  {two:7.1f} s", flush=True)


if __name__ == "__main__":
    main()
