"""Choosing the next question: no repeats within a session, weighted toward the
candidate's weak topics and toward items due again (spaced repetition from past scores),
and toward the wanted difficulty level."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from interviewer.corpus.items import Item
from interviewer.session.models import Level, Turn

LEVELS: tuple[Level, ...] = ("easy", "medium", "hard")

# weights (documented in the README, Interview): an item due again counts 3x a new one,
# an item answered well recently 0.15x; a topic with mean m < 7 up to 3x; the wanted level
# 1x, one level off 0.35x, two levels off 0.1x
DUE_WEIGHT, FRESH_WEIGHT = 3.0, 0.15
WEAK_BELOW, WEAK_GAIN = 7.0, 2.0
LEVEL_WEIGHT = (1.0, 0.35, 0.1)


@dataclass(frozen=True)
class ItemStat:
    last_score: float  # out of 10 (a skip counts 0)
    last_at: datetime
    times: int


def interval(stat: ItemStat) -> timedelta:
    """How long after its last answer an item is due again: at once below 4/10, then
    1, 3 or 7 days by score, doubled for each earlier answer (at most 30 days)."""
    s = stat.last_score
    days = 0 if s < 4 else 1 if s < 7 else 3 if s < 9 else 7
    return timedelta(days=min(30, days * 2 ** (stat.times - 1)))


def item_stats(turns: list[Turn]) -> dict[str, ItemStat]:
    stats: dict[str, ItemStat] = {}
    for t in turns:  # oldest first
        if t.kind == "follow_up":
            continue
        prev = stats.get(t.item_id)
        stats[t.item_id] = ItemStat(
            t.score if t.kind == "main" else 0.0,
            datetime.fromisoformat(t.at),
            (prev.times if prev else 0) + 1,
        )
    return stats


def topic_means(turns: list[Turn]) -> dict[str, float]:
    acc: dict[str, list[float]] = defaultdict(list)
    for t in turns:
        if t.kind != "follow_up":
            acc[t.topic].append(t.score if t.kind == "main" else 0.0)
    return {k: sum(v) / len(v) for k, v in acc.items()}


def next_level(level: Level, recent: list[float]) -> Level:
    """Adaptive difficulty: up a level after two answers averaging ≥ 7.5, down after two
    averaging ≤ 4."""
    if len(recent) < 2:
        return level
    mean = sum(recent[-2:]) / 2
    i = LEVELS.index(level)
    if mean >= 7.5:
        return LEVELS[min(i + 1, 2)]
    if mean <= 4.0:
        return LEVELS[max(i - 1, 0)]
    return level


def weight(
    *,
    level: Level,
    target: Level | None,
    stat: ItemStat | None,
    topic_mean: float | None,
    now: datetime,
) -> float:
    """How likely an item is to be drawn, relative to a new item of the wanted level."""
    w = 1.0
    if stat is not None:
        w *= DUE_WEIGHT if now - stat.last_at >= interval(stat) else FRESH_WEIGHT
    if topic_mean is not None and topic_mean < WEAK_BELOW:
        w *= 1 + WEAK_GAIN * (WEAK_BELOW - topic_mean) / WEAK_BELOW
    if target is not None:
        w *= LEVEL_WEIGHT[abs(LEVELS.index(level) - LEVELS.index(target))]
    return w


def choose(
    candidates: list[Item],
    *,
    asked: set[str],
    topics: dict[str, str],
    levels: dict[str, Level],
    target: Level | None,
    stats: dict[str, ItemStat],
    means: dict[str, float],
    now: datetime,
    rng: random.Random,
) -> Item | None:
    pool = [it for it in candidates if it.id not in asked]
    if not pool:
        return None
    weights = [
        weight(
            level=levels[it.id],
            target=target,
            stat=stats.get(it.id),
            topic_mean=means.get(topics[it.id]),
            now=now,
        )
        for it in pool
    ]
    return rng.choices(pool, weights=weights, k=1)[0]
