"""Other signals for derived rubrics, tried on the train splits of Mohler and ADS.

The shipped derived grader blends the point credits, the whole answer's cosine to the
reference, and its cosine to the mean of the other answers to its question (peers). This
script measures, on the same train splits and with the same objective as
`calibrate_peers.py` (mean Pearson over the two), whether other views of the same batch
do better:

- peers weighted by how close each is to the reference (softmax of their whole-answer
  cosine, temperature tau): the class's answers that look most like the reference count
  most;
- the mean cosine to the k nearest other answers instead of the cosine to their mean;
- for English (Mohler), a second embedder, all-MiniLM-L6-v2 (`minilm`): its whole-answer
  cosine to the reference and to the peers' mean, each blended in with a share.

Each peer variant gets its own small grid (peer share and bounds; the other settings as
shipped). The test splits are never read.

    .venv/bin/python evals/derived_signals.py
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from calibrate_peers import DATA, analysed
from interviewer.evals import grading as ev
from interviewer.evals.metrics import pearson
from interviewer.grading.peers import MIN_PEERS
from interviewer.grading.rubric_grader import DERIVED_CONFIG
from interviewer.grading.text import clean_answer
from interviewer.settings import offline_environment
from interviewer.store.embedders import make_embedder

PEER_GRID = {
    "peer_weight": [0.3, 0.4, 0.5, 0.6, 0.7],
    "peer_low": [0.75, 0.8, 0.85, 0.88, 0.9],
    "peer_high": [0.93, 0.96, 1.0],
}


def peer_views(vectors: list[np.ndarray | None], items: list[str],
               ref_cos: list[float]) -> dict[str, list[float | None]]:
    """Per answer, each variant's peer feature (None where the shipped bank gives none)."""
    names = ["mean", "ref-weighted tau 0.05", "ref-weighted tau 0.02", "ref-weighted tau 0.01",
             "5 nearest", "10 nearest"]
    views: dict[str, list[float | None]] = {n: [None] * len(items) for n in names}
    by_item: dict[str, list[int]] = {}
    for i, (item, vec) in enumerate(zip(items, vectors)):
        if vec is not None:
            by_item.setdefault(item, []).append(i)
    for idx in by_item.values():
        if len(idx) - 1 < MIN_PEERS:
            continue
        v = np.stack([vectors[i] for i in idx]).astype(np.float64)
        rc = np.array([ref_cos[i] for i in idx])
        sims = v @ v.T
        for j, i in enumerate(idx):
            keep = np.arange(len(idx)) != j
            others = v[keep]
            mean = others.sum(axis=0)
            views["mean"][i] = float(v[j] @ mean / np.linalg.norm(mean))
            for tau in (0.05, 0.02, 0.01):
                w = np.exp((rc[keep] - rc[keep].max()) / tau)
                m = w @ others
                views[f"ref-weighted tau {tau}"][i] = float(v[j] @ m / np.linalg.norm(m))
            nearest = np.sort(sims[j][keep])[::-1]
            views["5 nearest"][i] = float(nearest[:5].mean())
            views["10 nearest"][i] = float(nearest[:10].mean())
    return views


def best_peer_setting(splits, views) -> tuple[float, dict, dict]:
    best = (-1.0, {}, {})
    for values in itertools.product(*PEER_GRID.values()):
        config = replace(DERIVED_CONFIG, **dict(zip(PEER_GRID, values)))
        if config.peer_low >= config.peer_high:
            continue
        per = {}
        for kind, (grader, analyses, gold) in splits.items():
            scores = [grader.score(replace(a, peer_cos=p), config).score
                      for a, p in zip(analyses, views[kind])]
            per[kind] = pearson(scores, gold)
        mean = sum(per.values()) / len(per)
        if mean > best[0]:
            best = (mean, dict(zip(PEER_GRID, values)), per)
    return best


def second_embedder(grader, analyses, gold, rows) -> None:
    """all-MiniLM-L6-v2's whole-answer cosine to the reference and to the peers' mean,
    blended into the shipped score (English only: Mohler)."""
    minilm = make_embedder("minilm")
    answers = np.array(minilm.embed_documents([clean_answer(r.answer).text or r.answer for r in rows]))
    refs = sorted({a.item.answer for a in analyses})
    ref_vecs = dict(zip(refs, np.array(minilm.embed_documents(refs))))
    to_ref = np.array([answers[i] @ ref_vecs[a.item.answer] for i, a in enumerate(analyses)])
    to_peers = np.zeros(len(rows))
    by_item: dict[str, list[int]] = {}
    for i, a in enumerate(analyses):
        by_item.setdefault(a.item.id, []).append(i)
    for idx in by_item.values():
        total = answers[idx].sum(axis=0)
        for i in idx:
            others = total - answers[i]
            to_peers[i] = answers[i] @ others / np.linalg.norm(others)
    shipped = np.array([grader.score(a).score for a in analyses])
    print(f"  minilm alone: to reference {pearson(to_ref, gold):.4f}, to peers {pearson(to_peers, gold):.4f}")
    print(f"  shipped grader {pearson(shipped, gold):.4f}")
    best = (-1.0, "")
    for (lo_r, hi_r), (lo_p, hi_p) in itertools.product(
            [(0.2, 0.8), (0.3, 0.9), (0.4, 0.9), (0.5, 1.0)], [(0.4, 0.9), (0.5, 1.0), (0.6, 1.0)]):
        ref_part = np.clip((to_ref - lo_r) / (hi_r - lo_r), 0, 1)
        peer_part = np.clip((to_peers - lo_p) / (hi_p - lo_p), 0, 1)
        for w_ref, w_peer in itertools.product([0, 0.1, 0.2, 0.3], repeat=2):
            blended = (1 - w_ref - w_peer) * shipped + 10 * (w_ref * ref_part + w_peer * peer_part)
            r = pearson(blended, gold)
            if r > best[0]:
                best = (r, f"reference {lo_r}-{hi_r} share {w_ref}, peers {lo_p}-{hi_p} share {w_peer}")
    print(f"  best blend {best[0]:.4f}: {best[1]}")


def main() -> None:
    offline_environment()
    splits, views, rows_of = {}, {}, {}
    for kind, path in DATA:
        grader, analyses, gold = analysed(kind, path)
        rows = ev.load_rows(ev.DatasetSpec(kind=kind, path=path, split="train"), Path("."))
        vectors = [grader.answer_vector(r.answer) for r in rows]
        splits[kind], rows_of[kind] = (grader, analyses, gold), rows
        views[kind] = peer_views(vectors, [a.item.id for a in analyses], [a.whole_cos for a in analyses])
        shipped = [a.peer_cos for a in analyses]
        if shipped != views[kind]["mean"]:
            differ = sum(1 for s, m in zip(shipped, views[kind]["mean"])
                         if (s is None) != (m is None) or (s is not None and abs(s - m) > 1e-9))
            sys.exit(f"{kind}: the recomputed peer mean differs from the grader's on {differ} answers")
    print("peer variants (best setting of each; mean train Pearson, per split):")
    for name in views["mohler"]:
        mean, setting, per = best_peer_setting(splits, {k: v[name] for k, v in views.items()})
        print(f"  {name}: {mean:.4f} " + " ".join(f"{k} {v:.4f}" for k, v in per.items())
              + "  " + " ".join(f"{k}={v}" for k, v in setting.items()))
    print("a second embedder on Mohler train:")
    second_embedder(*splits["mohler"], rows_of["mohler"])


if __name__ == "__main__":
    main()
