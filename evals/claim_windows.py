"""The claim grader on the dev splits with other windows: does judging shorter pieces of an
answer help? (Session 19, issue 22.)

The judge mean-pools every token of a (claim, window) pair, so a point made in one
sentence of a long window is diluted by the rest (docs/decisions.md, "Every sentence judged
alone as well"). This grades the dev splits of realistic, seed_gold and cross_lang
through the grading path (`ClaimGrader`, cascade on) with the given window sizes (`0`: each
sentence alone as well), scores them with the shipped settings and again after a
coordinate-ascent search of `evals/calibrate_claims.py`'s grid (and the rubric grader's
share) on the same answers, and writes both with calibrate_claims' objective.

    .venv/bin/python evals/claim_windows.py --window 140 0 --cache C --report R

`--cache` keeps the analyses (pickle) for re-runs (the report's note says how long they
took); `--model` grades with another judge (session 22: one retrained, at the shipped
window).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from dataclasses import asdict
from pathlib import Path

from calibrate_claims import BLEND, GRID, SETS, calibration_store, evaluator, grid_round

from interviewer.evals import grading as ev
from interviewer.evals.measure import provenance
from interviewer.grading.judge_grader import ClaimGrader, JudgeConfig
from interviewer.judge.runtime import DEFAULT_MODEL, ClaimJudge
from interviewer.resources import default_corpus_dir
from interviewer.rubric import RubricBook
from interviewer.settings import offline_environment

SHOWN = [
    "spearman",
    "mae",
    "cross_language_gap",
    "one_wrong_at_or_above_twin",
    "at_or_above_twin",
    "mean_termfree_correct",
    "mean_thorough_correct",
    "mean_fluent_wrong",
    "padded_max_delta",
    "ordering_accuracy",
]


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--window", type=int, nargs="+", required=True, help="tokens; 0: sentences")
    ap.add_argument("--cache", type=Path, help="keep the analyses here (pickle) for re-runs")
    ap.add_argument("--report", type=Path, required=True)
    ap.add_argument("--store", type=Path, default=Path("/tmp/interviewer-calibrate-store"))
    ap.add_argument("--note", help="a sentence the docs print after the provenance")
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL, help="the judge's model file")
    args = ap.parse_args()
    store = calibration_store(args.store)
    windows = tuple(w or 1 for w in args.window)  # a budget of 1 token: one sentence each
    grader = ClaimGrader(
        store.embedder, pool=store.items(), judge=ClaimJudge(args.model), window_tokens=windows
    )
    started, seconds = time.perf_counter(), None
    if args.cache and args.cache.is_file():
        sets = pickle.loads(args.cache.read_bytes())  # (a file this script wrote)
    else:
        book = RubricBook.from_dir(default_corpus_dir() / "rubrics")
        sets = {}
        for kind, path in SETS:
            rows = ev.load_rows(ev.DatasetSpec(kind=kind, path=path, split="dev"), Path("."))
            sets[kind] = [
                (r, grader.analyse(*ev.target_for(r, store.get, book.get), r.answer)) for r in rows
            ]
            print(kind, len(rows), round(time.perf_counter() - started), file=sys.stderr)
        seconds = round(time.perf_counter() - started)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(sets))

    # (its cache holds kind -> [(row, analysis)])
    evaluate = evaluator(grader, {k: tuple(zip(*pairs)) for k, pairs in sets.items()})

    shipped, shipped_metrics = evaluate(JudgeConfig())
    grid = {**GRID, "rubric_share": BLEND}
    cfg, value, metrics = JudgeConfig(), shipped, shipped_metrics
    for _ in range(3):
        before = value
        cfg, value, metrics = grid_round(evaluate, cfg, value, metrics, grid)
        if value == before:
            break

    def shown(ms: dict) -> dict:
        return {k: {x: v.get(x) for x in SHOWN if v.get(x) is not None} for k, v in ms.items()}

    report = {
        **provenance("python evals/claim_windows.py", sys.argv[1:]),
        **({"note": args.note} if args.note else {}),
        "model": str(args.model),
        "windows": list(args.window),
        "analysis_seconds": seconds,  # None: read from --cache
        "shipped_settings": {"objective": round(shipped, 4), "metrics": shown(shipped_metrics)},
        "searched": {
            "objective": round(value, 4),
            "config": {k: v for k, v in asdict(cfg).items() if k != "scale"},
            "metrics": shown(metrics),
        },
    }
    args.report.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
