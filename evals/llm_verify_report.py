"""Step 3 of the LLM-verifier experiment (issue #22): the verifier's signals from the cache
`evals/llm_verify.py` wrote, measured on the dev rows: one-wrong above its thorough twin,
fluent-wrong vs correct AUC, and Spearman vs gold of rubric - k * max(0, signal - t) over
a grid of (k, t), fit on these dev rows.

    PYTHONPATH=. .venv/bin/python evals/llm_verify_report.py /tmp/llmv/rows_realistic.json \
        --variant ref
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from llm_verify import chat_prompt, user_message  # noqa: E402

from interviewer.evals import metrics  # noqa: E402

CORRECT = {
    "thorough_correct",
    "terse_correct",
    "termfree_correct",
    "code_switched",
    "strong",
    "strong_other_lang",
}


def load_cache(path: Path) -> dict[str, float]:
    out = {}
    for line in path.read_text().splitlines():
        d = json.loads(line)
        out[d["key"]] = d["logit"]
    return out


def logit(cache, variant, q, text, point=""):
    key = hashlib.sha256(
        chat_prompt(user_message(variant, q["question"], q["reference"], text, point)).encode()
    ).hexdigest()
    return cache.get(key)


def signal(cache, variant, row, raw=False):
    if variant == "points":
        vals = []
        for p in row["points"]:
            a, b = (
                logit(cache, variant, row, row["answer"], p),
                logit(cache, variant, row, row["reference"], p),
            )
            if a is None or b is None:
                return None
            vals.append(a if raw else a - b)
        return max(vals) if vals else None
    a, b = logit(cache, variant, row, row["answer"]), logit(cache, variant, row, row["reference"])
    if a is None or b is None:
        return None
    return a if raw else a - b


def auc(pos: list[float], neg: list[float]) -> float:
    pairs = [(p > n) + 0.5 * (p == n) for p in pos for n in neg]
    return sum(pairs) / len(pairs) if pairs else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rows", type=Path)
    ap.add_argument("--variant", default="ref")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/llmv/cache/verify.jsonl"))
    ap.add_argument("--raw", action="store_true", help="the answer's logit, no baseline")
    args = ap.parse_args()
    rows = json.loads(args.rows.read_text())
    assert all(r["split"] != "test" for r in rows)
    cache = load_cache(args.cache)
    for r in rows:
        r["signal"] = signal(cache, args.variant, r, args.raw)
    have = [r for r in rows if r["signal"] is not None]
    print(
        f"{args.rows.name} {args.variant}{' raw' if args.raw else ''}: "
        f"{len(have)}/{len(rows)} rows with a signal"
    )
    by_kind: dict[str, list[float]] = {}
    for r in have:
        by_kind.setdefault(r["kind"], []).append(r["signal"])
    for k, v in sorted(by_kind.items()):
        print(f"  mean signal {k:18s} {sum(v) / len(v):+.3f} (n={len(v)})")
    by_id = {r["id"]: r for r in rows}
    wrong_kind = "one_wrong" if any(r["kind"] == "one_wrong" for r in rows) else "misconception"
    pairs = []
    for r in have:
        if r["kind"] != wrong_kind:
            continue
        twin = (
            by_id.get(r["twin"])
            if r.get("twin")
            else next(
                (
                    t
                    for t in rows
                    if t["question_id"] == r["question_id"]
                    and t["kind"] in ("thorough_correct", "strong")
                ),
                None,
            )
        )
        if twin and twin["signal"] is not None:
            pairs.append((r, twin))
    if pairs:
        above = sum(w["signal"] > t["signal"] for w, t in pairs)
        print(
            f"  {wrong_kind} signal > twin's: {above}/{len(pairs)}; rubric {wrong_kind} >= twin:"
            f" {sum(w['rubric_score'] >= t['rubric_score'] for w, t in pairs)}/{len(pairs)}"
        )
    wrongs = [s for k, v in by_kind.items() if k in ("fluent_wrong", "misconception") for s in v]
    rights = [s for k, v in by_kind.items() if k in CORRECT for s in v]
    if wrongs and rights:
        print(
            f"  AUC wrong (fluent_wrong/misconception) vs correct kinds: {auc(wrongs, rights):.3f}"
        )
    if len(have) < len(rows):
        print(f"  (Spearman below on the {len(have)} rows with a signal only)")
    rows = have
    gold = [r["gold"] for r in rows]
    base = [r["rubric_score"] for r in rows]
    print(f"  rubric spearman {metrics.spearman(base, gold):.4f}")
    sigs = sorted(r["signal"] for r in rows)
    best = None
    for k in (0.5, 1, 2, 3, 4, 6):
        for q in range(0, 100, 5):
            t = sigs[int(q / 100 * (len(sigs) - 1))]
            new = [max(0.0, r["rubric_score"] - k * max(0.0, r["signal"] - t)) for r in rows]
            sp = metrics.spearman(new, gold)
            ow = sum(
                max(0.0, w["rubric_score"] - k * max(0, w["signal"] - t))
                >= max(0.0, tw["rubric_score"] - k * max(0, tw["signal"] - t))
                for w, tw in pairs
            )
            if best is None or (sp, -ow) > (best[0], -best[1]):
                best = (sp, ow, k, t, q)
    print(
        f"  best on dev: spearman {best[0]:.4f}, {wrong_kind} >= twin {best[1]}/{len(pairs)},"
        f" k={best[2]}, t={best[3]:.3f} (q{best[4]})"
    )


if __name__ == "__main__":
    main()
