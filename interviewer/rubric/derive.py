"""A rubric derived from a reference answer, for items nobody wrote a rubric for.

Each informative sentence of the reference becomes a key point (at most six: the ones
that name the most ML terms, then the longest); the same text serves as its phrasing in
both languages, and the grader's multilingual matching bridges the other language.
"""

from __future__ import annotations

import re

from interviewer.corpus.glossary import default_glossary
from interviewer.corpus.items import Item
from interviewer.rubric.models import KeyPoint, Rubric

MAX_POINTS = 6
_NOISE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<[^>]+>|\$\$.*?\$\$|^#+\s*|\*\*", re.S | re.M)
_SPLIT = re.compile(r"(?<=[。！？!?；;])|(?<=[.])(?=\s)|\n+")


def _claims(reference: str) -> list[str]:
    text = _NOISE.sub(" ", reference)
    parts = [p.strip(" \t-*•>:：") for p in _SPLIT.split(text)]
    return [p for p in parts if len(re.findall(r"[A-Za-z]+|[\u4e00-\u9fff]", p)) >= 3]


def derive_rubric(item: Item) -> Rubric:
    claims = _claims(item.answer) or [item.answer.strip() or item.question]
    if len(claims) > MAX_POINTS:
        glossary = default_glossary()
        ranked = sorted(
            range(len(claims)),
            key=lambda i: (-len(glossary.concepts(claims[i])), -len(claims[i])),
        )
        keep = sorted(ranked[:MAX_POINTS])  # in the reference's order
        claims = [claims[i] for i in keep]
    points = [
        KeyPoint(id=f"r{i + 1}", claim=c, weight=1.0, en=[c], zh=[c]) for i, c in enumerate(claims)
    ]
    return Rubric(item=item.id, question=item.question, points=points, origin="derived")
