"""Rubrics: what a good answer to an item must say, in Chinese and English."""

from interviewer.rubric.models import KeyPoint, Misconception, Rubric, RubricFile
from interviewer.rubric.loader import RubricBook, load_rubric_file

__all__ = ["KeyPoint", "Misconception", "Rubric", "RubricBook", "RubricFile", "load_rubric_file"]
