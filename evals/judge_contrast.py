"""How a judge model reads contrasts: training/contrast's statements ("A does X, whereas B
does Y") against claims giving each side its own property or the other's.

Per role (a_x, b_y: entailed; a_y, b_x: the swap, contradicted; both / other), the share
labelled right, and per statement whether the judge entails each side's own property more
than the swapped one (`sides_kept`: a_x over a_y and b_y over b_x). `--split dev` reads
only the statements `python -m interviewer.judge.train --contrast` holds out (its seed), so
a judge trained on the rest is measured on statements it never saw.

    .venv/bin/python evals/judge_contrast.py [--model PATH] [--split all|dev] [--report R]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from interviewer.evals.measure import Machine, git_commit, utc_now  # noqa: E402
from interviewer.judge.pairs import LABELS, contrast_pairs, split_groups  # noqa: E402
from interviewer.judge.runtime import DEFAULT_MODEL, ENTAILED, ClaimJudge  # noqa: E402
from interviewer.settings import offline_environment  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--data", type=Path, default=REPO / "training" / "contrast")
    ap.add_argument("--split", choices=("all", "dev"), default="all")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--report", type=Path)
    args = ap.parse_args()
    offline_environment()
    pairs = contrast_pairs(sorted(args.data.glob("*.jsonl")))
    if args.split == "dev":
        pairs = split_groups(pairs, 0.1, args.seed)[1]
    probs = ClaimJudge(args.model).probabilities([(p.claim, p.statement) for p in pairs])
    right: dict[str, list[bool]] = defaultdict(list)
    entail: dict[str, dict[str, float]] = defaultdict(dict)
    for p, row in zip(pairs, probs):
        right[p.kind].append(int(row.argmax()) == p.target)
        entail[p.group][p.kind] = float(row[ENTAILED])
    kept = [
        g.get("a_x", 0) > g.get("a_y", 1) and g.get("b_y", 0) > g.get("b_x", 1)
        for g in entail.values()
    ]
    result = {
        "pairs": len(pairs),
        "statements": len(entail),
        "accuracy": round(sum(sum(v) for v in right.values()) / len(pairs), 4),
        "accuracy_by_role": {k: round(sum(v) / len(v), 4) for k, v in sorted(right.items())},
        "sides_kept": round(sum(kept) / len(kept), 4),
        "labels": list(LABELS),
    }
    print(json.dumps(result, indent=2))
    if args.report:
        report = {
            "date": utc_now(),
            "machine": Machine.here().describe(),
            "commit": git_commit(),
            "command": "python evals/judge_contrast.py " + " ".join(sys.argv[1:]),
            "model": str(args.model),
            "split": args.split,
            **result,
        }
        args.report.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
