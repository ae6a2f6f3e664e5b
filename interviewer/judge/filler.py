"""Content-free sentences ("Good question.", "正则化是很重要的一个话题。") told from content.

The judge reads a whole answer at once, and a sentence of filler around an answer moves
what it reads there (on dev, two filler sentences moved 72 of 126 claim grades by more than
0.5; training the judge with filler did not fix it: docs/decisions.md). So the windows put
to the judge leave out the sentences this model calls content-free: a logistic regression
on the sentence's e5 vector (the one the rubric grader's sentence matching computes
anyway), trained by `python -m interviewer.judge.filler_train` on training/filler/ against
rubric phrasings and the judge's training statements. Its weights ship beside this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

DEFAULT_WEIGHTS = Path(__file__).with_name("filler.npz")


@dataclass(frozen=True)
class FillerModel:
    weights: np.ndarray  # [dim]
    bias: float
    threshold: float  # probability from which a sentence is content-free
    embedder: str  # the embedder whose vectors it reads (Embedder.name)

    def probability(self, vectors: np.ndarray) -> np.ndarray:
        """P(content-free) per row of `vectors` [sentences, dim]."""
        z = np.asarray(vectors, dtype=np.float64) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def content_free(self, vectors: np.ndarray) -> np.ndarray:
        return self.probability(vectors) >= self.threshold

    def save(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez(
            tmp,
            weights=self.weights.astype(np.float32),
            bias=np.float32(self.bias),
            threshold=np.float32(self.threshold),
            embedder=np.array(self.embedder),
        )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path = DEFAULT_WEIGHTS) -> FillerModel:
        with np.load(path, allow_pickle=False) as f:
            return cls(
                f["weights"].astype(np.float64),
                float(f["bias"]),
                float(f["threshold"]),
                str(f["embedder"]),
            )


@lru_cache(maxsize=4)
def default_filler_model(path: Path = DEFAULT_WEIGHTS) -> FillerModel | None:
    """The shipped model, or None when its file is missing."""
    return FillerModel.load(path) if path.is_file() else None
