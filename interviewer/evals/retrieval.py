"""Retrieval eval: do reworded questions find the item they were written for, with and
without an answer, and do questions the notes do not answer match nothing?

Routing is batch grading's (grading.routing.Router). Tuned on the dev splits only
(evals/route_tuning.py); the test splits are reported."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from typing import Literal

import time

from pydantic import BaseModel, ConfigDict, ValidationError

from interviewer.grading.routing import Router


class Paraphrase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str
    target: str  # item id
    also: list[str] = []  # ids of items that ask the same thing in another note
    lang: str  # language of the query: en, zh-Hans, zh-Hant
    cross_lang: bool  # the query's language differs from the item's
    question: str = ""  # the target question, for people reading the file
    split: Literal["dev", "test"] = "dev"  # tune on dev only; test is reported, never tuned on
    origin: str = ""  # who wrote it, when not the original set (route_dev.jsonl)


class Unanswered(BaseModel):
    """A question the notes do not answer, with an answer a candidate might give."""

    model_config = ConfigDict(extra="forbid")

    id: str
    question: str
    answer: str
    lang: str
    split: Literal["dev", "test"]
    near: str = ""  # the corpus topic it is closest to, if any


def load_paraphrases(path: Path) -> list[Paraphrase]:
    return _load(path, Paraphrase, "paraphrase")


def load_unanswered(path: Path) -> list[Unanswered]:
    return _load(path, Unanswered, "unanswered-question")


def _load(path: Path, model, what: str) -> list:
    cases = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            cases.append(model.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            raise ValueError(f"{path}:{no}: not a valid {what} row ({first})") from None
    if not cases:
        raise ValueError(f"{path}: no {what} rows")
    return cases


@dataclass
class RetrievalResult:
    n: int
    hits1: int
    hits5: int
    # group -> (n, hits@1, hits@5, routed right, routed wrong)
    by_group: dict[str, tuple[int, int, int, int, int]]
    misses: list[str] = field(default_factory=list)
    routed: int = 0  # routed to a right item, confidently (graded against it)
    misrouted: int = 0  # routed to a wrong item, confidently (graded against the wrong one)

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
            "routed_right": round(self.routed / self.n, 4),
            "routed_wrong": round(self.misrouted / self.n, 4),
            "groups": {
                g: {
                    "n": n,
                    "recall@1": round(h1 / n, 4),
                    "recall@5": round(h5 / n, 4),
                    "routed_right": round(right / n, 4),
                    "routed_wrong": round(wrong / n, 4),
                }
                for g, (n, h1, h5, right, wrong) in sorted(self.by_group.items())
            },
            "misses": self.misses,
        }

    def summary(self) -> str:
        lines = [
            f"paraphrases: {self.n}  recall@1 {self.recall1:.3f}  recall@5 {self.recall5:.3f}"
            f"  routed right {self.routed / self.n:.3f}  wrong {self.misrouted / self.n:.3f}"
        ]
        for g, (n, h1, h5, right, wrong) in sorted(self.by_group.items()):
            lines.append(
                f"  {g:<18} n={n:<3} recall@1 {h1 / n:.3f}  recall@5 {h5 / n:.3f}"
                f"  routed right {right / n:.3f}  wrong {wrong / n:.3f}"
            )
        return "\n".join(lines)


def _group(groups: dict[str, list[int]], names: list[str], *hits: bool) -> None:
    for g in names:
        acc = groups.setdefault(g, [0] * (1 + len(hits)))
        acc[0] += 1
        for k, hit in enumerate(hits, 1):
            acc[k] += hit


def run_retrieval_eval(
    router: Router, cases: list[Paraphrase], answers: dict[str, list[str]] | None = None
) -> RetrievalResult:
    """recall@1 / @5 of routing each paraphrase, by its question alone, or (`answers`:
    item id -> answers to it) once with each answer to its target."""
    known = {it.id for it in router.index().items}
    unknown = sorted({i for c in cases for i in [c.target, *c.also]} - known)
    if unknown:
        raise ValueError(f"paraphrase targets not in the store: {', '.join(unknown[:5])}")
    groups: dict[str, list[int]] = {}
    n = hits1 = hits5 = routed = misrouted = 0
    misses = []
    pairs = [
        (case, answer)
        for case in cases
        for answer in ((answers or {}).get(case.target, []) if answers is not None else [None])
    ]
    routes = router.route_many([(case.query, answer) for case, answer in pairs])
    for (case, _), route in zip(pairs, routes):
        ids = list(route.ranked)
        good = {case.target, *case.also}
        at1 = ids[0] in good
        at5 = bool(good & set(ids))
        n, hits1, hits5 = n + 1, hits1 + at1, hits5 + at5
        right, wrong = route.item is not None and at1, route.item is not None and not at1
        routed, misrouted = routed + right, misrouted + wrong
        _group(
            groups,
            [
                f"lang={case.lang}",
                "cross-language" if case.cross_lang else "same-language",
                f"split={case.split}",
            ],
            at1,
            at5,
            right,
            wrong,
        )
        if not (at1 and route.item is not None):
            rank = min(ids.index(i) + 1 for i in good & set(ids)) if at5 else ">5"
            got = ids[0] + (" (not confident: no match)" if route.item is None else "")
            misses.append(
                f"{case.query!r} -> {case.target} (rank {rank}, got {got}, "
                f"confidence {route.confidence})"
            )
    if n == 0:
        raise ValueError("no paraphrase has an answer to route with")
    by_group = {g: (v[0], v[1], v[2], v[3], v[4]) for g, v in groups.items()}
    return RetrievalResult(n, hits1, hits5, by_group, misses, routed, misrouted)


def run_unanswered_eval(router: Router, cases: list[Unanswered]) -> dict:
    """The share of questions the notes do not answer that match no item (as they
    should), by their question alone and with their answer, per split."""
    out: dict[str, dict] = {}
    for split in sorted({c.split for c in cases}):
        rows = [c for c in cases if c.split == split]
        q_only = router.route_many([(c.question, None) for c in rows])
        with_answer = router.route_many([(c.question, c.answer) for c in rows])
        out[f"split={split}"] = {
            "n": len(rows),
            "no_match_question": round(sum(r.item is None for r in q_only) / len(rows), 4),
            "no_match_with_answer": round(sum(r.item is None for r in with_answer) / len(rows), 4),
            "false_matches": [
                f"{c.question!r} -> {r.item.id} ({'with answer' if r.used_answer else 'question'}"
                f", confidence {r.confidence})"
                for c, rs in zip(rows, zip(q_only, with_answer))
                for r in rs
                if r.item is not None
            ],
        }
    return out


def route_timing(
    router: Router, cases: list[Paraphrase], answers: dict[str, list[str]], limit: int = 20
) -> dict:
    """Milliseconds per routed row (p50 / p95), one row at a time as batch grading routes
    them, with and without an answer, over the first `limit` paraphrases that have an
    answer (with the first of them)."""
    out = {}
    timed = [c for c in cases if c.target in answers][:limit]
    for mode in ("question", "with_answer"):
        times = []
        for case in timed:
            t0 = time.perf_counter()
            router.route(case.query, answers[case.target][0] if mode == "with_answer" else None)
            times.append(1000 * (time.perf_counter() - t0))
        times.sort()
        if times:
            out[mode] = {
                "n": len(times),
                "p50_ms": round(times[len(times) // 2], 1),
                "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
            }
    return out


# answers that are not about their row's question: they do not help route it
_NOT_ABOUT = {"related_other", "off_topic", "dont_know"}


def answers_by_item(paths: list[Path], per_item: int = 4) -> dict[str, list[str]]:
    """Item id -> up to `per_item` answers written to it (realistic.jsonl, seed_gold.jsonl:
    rows with `item_id`, `kind`, `answer`), in the files' order."""
    out: dict[str, list[str]] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("kind") in _NOT_ABOUT or not row.get("item_id"):
                continue
            got = out.setdefault(row["item_id"], [])
            if len(got) < per_item:
                got.append(row["answer"])
    return out
