"""Which key point a follow-up should ask about: shared by every coach (template or LLM)
and the session engine, so the question asked and the point graded are the same."""

from __future__ import annotations

from collections.abc import Iterable

from interviewer.grading.models import Grade
from interviewer.rubric.models import KeyPoint, Rubric


def biggest_missing(grade: Grade, rubric: Rubric, exclude: Iterable[str] = ()) -> KeyPoint | None:
    """The point with the most weight left unearned (missing, partial or contradicted),
    not among `exclude`; None when nothing worth asking about is left."""
    skip = set(exclude)
    by_id = {p.id: p for p in rubric.points}
    best, best_gap = None, 0.0
    for r in grade.points:
        if r.point in skip or r.point not in by_id or r.verdict == "covered":
            continue
        gap = r.weight * (1.0 - r.credit)
        if gap > best_gap + 1e-9:
            best, best_gap = by_id[r.point], gap
    return best


def point_phrase(point: KeyPoint, rubric: Rubric, lang: str) -> str:
    """How to name the point to a candidate writing in `lang`."""
    if rubric.origin != "authored":
        return point.claim
    return point.en[0] if lang == "en" else point.zh[0]
