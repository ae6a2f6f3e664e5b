"""Grading answers against rubrics."""

from interviewer.grading.models import Flag, Grade, PointResult, Verdict

__all__ = ["Flag", "Grade", "PointResult", "Verdict"]
