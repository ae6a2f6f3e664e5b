"""Other ways to read an answer in the other language than its question's (session 22,
issue 22): does seed_gold's language gap close without lifting wrong answers?

The dev answers of realistic, seed_gold and cross_lang are read from a cache of
`evals/claim_windows.py --window 140` (the shipped grading path); the answers in the other
language than their item's are analysed again under each reading, and every set is scored
with the shipped settings and calibrate_claims' objective:

- `base`: as the cache was made (a check: it must give the cache's figures);
- `more_phrasings`: four phrasings of a point in the answer's language, not two;
- `both_languages`: the phrasings of both languages (as for code-switched answers);
- `sentences`: each sentence judged alone as well as the windows (`ACROSS_SENTENCES`).

    .venv/bin/python evals/across_reading.py --cache C --analyses A --report R

`--analyses` keeps the new analyses (pickle) for re-runs. `--model` reads with another
judge (its cache must be that judge's: session 23 read the translated judge's answers so);
`--readings` names the readings to run (all by default).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

from calibrate_claims import calibration_store, evaluator

import interviewer.grading.judge_grader as jg
from interviewer.evals import grading as ev
from interviewer.evals.measure import provenance
from interviewer.grading.judge_grader import ClaimGrader, JudgeConfig, _across
from interviewer.judge.runtime import DEFAULT_MODEL, ClaimJudge
from interviewer.resources import default_corpus_dir
from interviewer.rubric import RubricBook
from interviewer.settings import offline_environment

READINGS = {
    "base": {"across_sentences": False},
    "more_phrasings": {"variants": 4, "across_sentences": False},
    "both_languages": {"both": True, "across_sentences": False},
    "sentences": {"across_sentences": True},  # each sentence alone as well as the windows
}
SHOWN = {
    "realistic": ["spearman", "mean_code_switched", "one_wrong_at_or_above_twin"],
    "seed_gold": ["spearman", "cross_language_gap", "mean_strong_other_lang"],
    "cross_lang": [
        "spearman",
        "at_or_above_twin",
        "mean_strong_other_lang",
        "mean_partial_other_lang",
        "mean_one_wrong_other_lang",
    ],
}


def both(_text: str, lang: str, *_args) -> list[str]:
    """Both languages' phrasings, whatever the answer mixes."""
    return [lang, "zh-Hans" if lang == "en" else "en"]


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, required=True, help="claim_windows.py's cache")
    ap.add_argument("--analyses", type=Path, required=True, help="this script's analyses")
    ap.add_argument("--report", type=Path, required=True)
    ap.add_argument("--store", type=Path, default=Path("/tmp/interviewer-calibrate-store"))
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL, help="the judge's model file")
    ap.add_argument("--readings", nargs="+", choices=list(READINGS), default=list(READINGS))
    args = ap.parse_args()
    judge = ClaimJudge(args.model)
    sets = pickle.loads(args.cache.read_bytes())  # kind -> [(row, analysis)]
    store = calibration_store(args.store)
    book = RubricBook.from_dir(default_corpus_dir() / "rubrics")
    done = pickle.loads(args.analyses.read_bytes()) if args.analyses.is_file() else {}
    own_langs = jg.claim_langs
    scorer = ClaimGrader(store.embedder, pool=store.items())
    readings, seconds = {}, {}
    for name, options in ((n, READINGS[n]) for n in args.readings):
        options = dict(options)
        jg.claim_langs = both if options.pop("both", False) else own_langs
        if name not in done:
            grader = ClaimGrader(store.embedder, pool=store.items(), judge=judge, **options)
            started, new = time.perf_counter(), {}
            for kind, pairs in sets.items():
                for row, a in pairs:
                    if _across(a):
                        target = ev.target_for(row, store.get, book.get)
                        new[(kind, row.id)] = grader.analyse(*target, row.answer)
            done[name] = new
            seconds[name] = round(time.perf_counter() - started)
            args.analyses.write_bytes(pickle.dumps(done))
        jg.claim_langs = own_langs
        read = {
            kind: ([r for r, _ in pairs], [done[name].get((kind, r.id), a) for r, a in pairs])
            for kind, pairs in sets.items()
        }
        value, metrics = evaluator(scorer, read)(JudgeConfig())
        readings[name] = {
            "objective": round(value, 4),
            "answers_read_again": len(done[name]),
            "metrics": {k: {x: metrics[k].get(x) for x in xs} for k, xs in SHOWN.items()},
        }
        print(name, json.dumps(readings[name], ensure_ascii=False), file=sys.stderr)
    report = {
        **provenance("python evals/across_reading.py", sys.argv[1:]),
        "model": str(args.model),
        "analysis_seconds": seconds,  # empty: read from --analyses
        "readings": readings,
    }
    args.report.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
