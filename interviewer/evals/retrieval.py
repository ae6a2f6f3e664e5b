"""Retrieval eval: do reworded questions find the item they were written for?"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from interviewer.store import ItemStore


class Paraphrase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str
    target: str  # item id
    also: list[str] = []  # ids of items that ask the same thing in another note
    lang: str  # language of the query: en, zh-Hans, zh-Hant
    cross_lang: bool  # the query's language differs from the item's
    question: str = ""  # the target question, for people reading the file
    split: Literal["dev", "test"] = "dev"  # tune on dev only; test is reported, never tuned on


def load_paraphrases(path: Path) -> list[Paraphrase]:
    cases = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            cases.append(Paraphrase.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            raise ValueError(f"{path}:{no}: not a valid paraphrase row ({first})") from None
    if not cases:
        raise ValueError(f"{path}: no paraphrases")
    return cases


@dataclass
class RetrievalResult:
    n: int
    hits1: int
    hits5: int
    by_group: dict[str, tuple[int, int, int]]  # group -> (n, hits@1, hits@5)
    misses: list[str] = field(default_factory=list)

    @property
    def recall1(self) -> float:
        return self.hits1 / self.n

    @property
    def recall5(self) -> float:
        return self.hits5 / self.n

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "recall@1": round(self.recall1, 4),
            "recall@5": round(self.recall5, 4),
            "groups": {
                g: {"n": n, "recall@1": round(h1 / n, 4), "recall@5": round(h5 / n, 4)}
                for g, (n, h1, h5) in sorted(self.by_group.items())
            },
            "misses": self.misses,
        }

    def summary(self) -> str:
        lines = [f"paraphrases: {self.n}  recall@1 {self.recall1:.3f}  recall@5 {self.recall5:.3f}"]
        for g, (n, h1, h5) in sorted(self.by_group.items()):
            lines.append(f"  {g:<18} n={n:<3} recall@1 {h1 / n:.3f}  recall@5 {h5 / n:.3f}")
        return "\n".join(lines)


def run_retrieval_eval(store: ItemStore, cases: list[Paraphrase]) -> RetrievalResult:
    known = {it.id for it in store.items()}
    unknown = sorted({i for c in cases for i in [c.target, *c.also]} - known)
    if unknown:
        raise ValueError(f"paraphrase targets not in the store: {', '.join(unknown[:5])}")
    groups: dict[str, list[int]] = {}
    hits1 = hits5 = 0
    misses = []
    for case in cases:
        ids = [h.item.id for h in store.search(case.query, 5)]
        good = {case.target, *case.also}
        at1, at5 = bool(ids) and ids[0] in good, bool(good & set(ids))
        hits1 += at1
        hits5 += at5
        for g in (
            f"lang={case.lang}",
            "cross-language" if case.cross_lang else "same-language",
            f"split={case.split}",
        ):
            acc = groups.setdefault(g, [0, 0, 0])
            acc[0] += 1
            acc[1] += at1
            acc[2] += at5
        if not at1:
            rank = min(ids.index(i) + 1 for i in good & set(ids)) if at5 else ">5"
            misses.append(f"{case.query!r} -> {case.target} (rank {rank}, got {ids[:1]})")
    return RetrievalResult(
        len(cases), hits1, hits5, {g: (v[0], v[1], v[2]) for g, v in groups.items()}, misses
    )
