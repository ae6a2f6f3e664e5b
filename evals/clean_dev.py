"""Choose the dev questions whose written training answers a judge is trained without.

Almost every dev question of realistic, seed_gold and cross_lang has written answers in
`training/answers/`, no test question of realistic or seed_gold has: a calibration chosen
on dev reads a judge on answers like those it was trained on, and has twice failed to
hold on test. The rule, fixed before any run: of the dev questions with training answers,
the half whose item ids come first in order of their SHA-256 digest. A judge trained with
`python -m interviewer.judge.train --leave-out-answers evals/data/clean_dev_items.txt`
stands to those questions, and to the dev questions no answer was written for, as the
shipped judge stands to the test splits (their rubrics trained on, none of their answers).

    .venv/bin/python evals/clean_dev.py   # writes evals/data/clean_dev_items.txt

`--compare NAME=CACHE ... --report PATH` scores the shipped settings (JudgeConfig's
defaults) on the clean questions' rows of analysis caches (calibrate_claims' or
claim_windows'), e.g. the shipped judge's and the judge trained without their answers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from pathlib import Path

from interviewer.judge.pairs import read_item_ids

REPO = Path(__file__).resolve().parents[1]
SETS = ("realistic", "seed_gold", "cross_lang")
OUT = REPO / "evals" / "data" / "clean_dev_items.txt"


def _items(path: Path, split: str) -> set[str]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {r["item_id"] for r in rows if r.get("split") == split}


def trained_items(answers: Path = REPO / "training" / "answers") -> set[str]:
    items = set()
    for path in sorted(answers.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                items.add(json.loads(line)["item"])
    return items


def dev_items() -> set[str]:
    return set().union(*(_items(REPO / "evals" / "data" / f"{s}.jsonl", "dev") for s in SETS))


def chosen(dev: set[str], trained: set[str]) -> list[str]:
    """The half (rounded down) of `dev & trained` first by SHA-256 of the item id."""
    pool = sorted(dev & trained, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    return sorted(pool[: len(pool) // 2])


def clean_items(path: Path = OUT) -> set[str]:
    """The dev questions a judge trained without `path`'s answers never saw answers to."""
    return read_item_ids(path) | (dev_items() - trained_items())


SHOWN = (
    "spearman",
    "mae",
    "mean_termfree_correct",
    "mean_thorough_correct",
    "mean_fluent_wrong",
    "one_wrong_at_or_above_twin",
    "cross_language_gap",
    "padded_max_delta",
    "at_or_above_twin",
)


def compare(caches: dict[str, Path]) -> dict:
    """name -> the shipped settings' objective and metrics on the clean rows of a cache."""
    from calibrate_claims import calibration_store, evaluator, only_items

    from interviewer.grading.judge_grader import ClaimGrader, JudgeConfig

    store = calibration_store(Path("/tmp/interviewer-calibrate-store"))
    grader = ClaimGrader(store.embedder, pool=store.items())
    clean, out = clean_items(), {}
    for name, path in caches.items():
        sets = pickle.loads(path.read_bytes())  # (a file calibrate_claims or claim_windows wrote)
        # claim_windows keeps kind -> [(row, analysis)], calibrate_claims kind -> (rows, analyses)
        sets = {k: tuple(zip(*v)) if isinstance(v, list) else v for k, v in sets.items()}
        rows = only_items(sets, clean)
        value, metrics = evaluator(grader, rows)(JudgeConfig())
        out[name] = {
            "objective": round(value, 4),
            "rows": {kind: len(r[0]) for kind, r in rows.items()},
            "metrics": {
                k: {x: m[x] for x in SHOWN if m.get(x) is not None} for k, m in metrics.items()
            },
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--compare", nargs="+", metavar="NAME=CACHE")
    ap.add_argument("--report", type=Path)
    args = ap.parse_args()
    if args.compare:
        from interviewer.evals.measure import provenance
        from interviewer.settings import offline_environment

        offline_environment()
        caches = dict(c.split("=", 1) for c in args.compare)
        report = {
            **provenance("python evals/clean_dev.py", sys.argv[1:]),
            "settings": "JudgeConfig() defaults, net 0",
            "caches": compare({k: Path(v) for k, v in caches.items()}),
        }
        text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
        args.report.write_text(text) if args.report else print(text)
        return
    dev, trained = dev_items(), trained_items()
    items = chosen(dev, trained)
    OUT.write_text(
        "# dev questions whose training answers are left out (evals/clean_dev.py)\n"
        + "".join(f"{i}\n" for i in items)
    )
    print(f"{len(items)} of {len(dev & trained)} trained dev questions -> {OUT}")
    print(f"clean dev questions: {len(clean_items())} of {len(dev)}")


if __name__ == "__main__":
    main()
