"""Peer answers: the other answers to the same question in one batch, unscored.

A rubric derived from a short reference answer knows little of what a good answer says.
The class knows more: when a file holds many answers to one question, most of them say
roughly the right thing, in many wordings. An answer's cosine to the mean of the *other*
answers to its item (whole-answer vectors; leave-one-out) is a second view of it, and the
rubric grader blends it in for derived rubrics only (`GraderConfig.peer_weight`). No
score of any peer is read. Authored rubrics do not use it: they say what a good answer
says. An item needs `min_peers` other answers before they count. Settings chosen on the
train splits of Mohler and ADS (evals/calibrate_peers.py; README, Grading).

The mean is over the answers the bank was given, so a grade depends on the file it is
graded in: the same file gives the same grades (resuming included, as the bank always
holds every row of the file), and a row graded alone gets no peer share.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

MIN_PEERS = 5  # other answers an item needs before their mean counts


@dataclass
class PeerBank:
    """Per item: the sum of its answers' whole-answer vectors (normalised) and their count."""

    min_peers: int = MIN_PEERS
    sums: dict[str, np.ndarray] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, item_id: str, vector: np.ndarray) -> None:
        vector = np.asarray(vector, dtype=np.float64)
        self.sums[item_id] = self.sums.get(item_id, 0.0) + vector
        self.counts[item_id] = self.counts.get(item_id, 0) + 1

    def __len__(self) -> int:
        return sum(self.counts.values())

    def similarity(self, item_id: str, vector: np.ndarray) -> float | None:
        """The cosine of an answer the bank holds (`vector`, as added) to the mean of the
        item's other answers; None when it has fewer than `min_peers` others."""
        if self.counts.get(item_id, 0) - 1 < self.min_peers:
            return None
        others = self.sums[item_id] - np.asarray(vector, dtype=np.float64)
        norm = float(np.linalg.norm(others))
        if norm < 1e-9:
            return None
        return float(np.asarray(vector, dtype=np.float64) @ others / norm)
