"""What the rubric grader measures about one answer (`Analysis`, per point `Signals`), and
how a point's credit reads as a verdict. Scoring an analysis is cheap, so calibration and
the claim grader reuse it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from interviewer.corpus.items import Item, Lang
from interviewer.grading.config import GraderConfig
from interviewer.grading.models import Verdict
from interviewer.grading.text import CleanAnswer
from interviewer.rubric.models import Rubric

EVIDENCE_CREDIT = 0.3  # a sentence earning a point this much is quoted as evidence for it


@dataclass
class Signals:
    """Per-sentence evidence for one key point or misconception."""

    lift: np.ndarray  # cosine to the phrasings minus the question's cosine to them
    recall: np.ndarray  # share of a phrasing's content terms the sentence uses (best phrasing)
    foreign: np.ndarray  # 1.0 where the sentence is not in the question's language

    def match(self, c: GraderConfig) -> np.ndarray:
        return self.lift + c.cross_language_offset * self.foreign + c.lexical_weight * self.recall


@dataclass
class Analysis:
    """Everything measured about one answer; scoring it is cheap (calibration reuses it)."""

    item: Item
    rubric: Rubric
    clean: CleanAnswer
    lang: Lang
    points: dict[str, Signals]
    misconceptions: list[Signals]
    pool_margin: float | None  # cosine to its own reference minus to the closest rival item's
    whole_cos: float  # the whole answer's cosine to the reference answer (its vector: see
    # GraderConfig.whole_embedded)
    dont_know: bool
    keyword_list: bool
    example_estimate: float | None = None  # 0-10 from graded examples of the item, if any
    peer_cos: float | None = None  # cosine to the mean of the batch's other answers to the item


def verdict_for(credit: float) -> Verdict:
    """A point's verdict from its credit (0..1), when nothing contradicts it."""
    return "covered" if credit >= 0.75 else "partial" if credit >= EVIDENCE_CREDIT else "missing"
