"""Benchmark `interviewer serve` alone (interviewer/evals/bench_serve.py says how): start to
the first question in a session and to the first graded answer. `interviewer bench` runs
the same measurement as its serve section.

The store is built beforehand (as after the first run); `--cold` starts from an empty data
dir instead, so the default corpus is ingested first; `--restart` also times restarts
(a data dir that served once, so the grader's vectors of the corpus pool are on disk).

    .venv/bin/python evals/bench_serve.py [--runs 3] [--cold] [--restart]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from interviewer.evals.bench_serve import (ServeMode, bench_serve, median_run, one_run,
                                           seed_data_dir)
from interviewer.evals.measure import load_average, provenance
from interviewer.settings import offline_environment


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cold", action="store_true", help="empty data dir: ingest first")
    ap.add_argument("--restart", action="store_true",
                    help="also time restarts (the grader's vectors already on disk)")
    ap.add_argument("--out", type=Path, default=Path("evals/reports/bench_serve.json"))
    args = ap.parse_args()
    load = load_average()
    base = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    try:
        if args.cold:
            runs = []
            for i in range(args.runs):
                (base / f"cold-{i}").mkdir()
                runs.append(one_run(base / f"cold-{i}"))
            modes = [asdict(ServeMode("cold (empty data dir)", runs, median_run(runs)))]
        else:  # build the store once, as the first run does
            seed_data_dir(base / "seed")
            modes = asdict(bench_serve(base / "seed", base, runs=args.runs,
                                       restart=args.restart))["modes"]
    finally:
        shutil.rmtree(base, ignore_errors=True)
    report = {**provenance(".venv/bin/python", sys.argv), "load_average_before": load,
              "modes": modes}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(json.dumps({m["mode"]: m["median"] for m in modes}, indent=1))


if __name__ == "__main__":
    main()
