"""Should a phrasing's entailment count net of the judge's contradiction of the same pair?
(Session 20, issue 22.)

The judge reads some on-topic sentences that say the opposite of a point as entailing one
phrasing of it and contradicting another, both near 1 (docs/decisions.md, "Entailment
net of contradiction"). This analyses the dev splits of realistic, seed_gold and cross_lang
once with every phrasing judged and the judge's probabilities kept, then for each `--net`
value reads every claim again (its entailment in each window less net x its contradiction
there, the best over windows), searches calibrate_claims' grid from the shipped defaults
and picks the rubric grader's share by calibrate_claims' rule, and writes each value's
objective, settings and metrics.

    .venv/bin/python evals/claim_net.py --net 0 0.25 0.5 0.75 1 1.5 2 --cache C --report R

`--cache` is calibrate_claims' cache (made with the probabilities kept): either script
reads the other's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

from calibrate_claims import (
    calibration_store,
    choose_share,
    dev_analyses,
    evaluator,
    grid_search,
    reread,
)
from claim_windows import SHOWN

from interviewer.evals.measure import provenance
from interviewer.grading.judge_grader import ClaimGrader, JudgeConfig
from interviewer.settings import offline_environment


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--net", type=float, nargs="+", required=True)
    ap.add_argument("--cache", type=Path, help="keep the analyses here (pickle) for re-runs")
    ap.add_argument("--report", type=Path, required=True)
    ap.add_argument("--store", type=Path, default=Path("/tmp/interviewer-calibrate-store"))
    ap.add_argument("--note", help="a sentence the docs print after the provenance")
    args = ap.parse_args()
    store = calibration_store(args.store)
    grader = ClaimGrader(store.embedder, pool=store.items(), every_claim=True, keep_pairs=True)
    cached = bool(args.cache and args.cache.is_file())
    started = time.perf_counter()
    analysed = dev_analyses(grader, store, args.cache)
    seconds = None if cached else round(time.perf_counter() - started)
    defaults = asdict(JudgeConfig())
    results = {}
    for net in args.net:
        evaluate = evaluator(grader, reread(analysed, net))

        shipped = evaluate(JudgeConfig())
        cfg = grid_search(evaluate)[0]
        share, blend = choose_share(evaluate, cfg)
        cfg = replace(cfg, rubric_share=share)
        value, metrics = evaluate(cfg)
        results[str(net)] = {
            "objective_with_shipped_settings": round(shipped[0], 4),
            "objective": round(value, 4),
            "changed_settings": {
                k: v for k, v in asdict(cfg).items() if v != defaults[k] and k != "scale"
            },
            "metrics": {
                k: {x: m.get(x) for x in SHOWN if m.get(x) is not None} for k, m in metrics.items()
            },
        }
        print(net, json.dumps(results[str(net)], ensure_ascii=False), flush=True)
    report = {
        **provenance("python evals/claim_net.py", sys.argv[1:]),
        "shipped_defaults": {k: v for k, v in defaults.items() if k != "scale"},
        "analysis_seconds": seconds,  # None: read from --cache
        **({"note": args.note} if args.note else {}),
        "nets": results,
    }
    args.report.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
