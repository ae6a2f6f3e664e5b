"""Agreement between two sets of scores (numpy only).

Every function takes two equally long sequences of numbers (usually gold and predicted
scores, in either order: all of them are symmetric) and returns a float (`f1_per_label` a
list of them, one per label). A value that is undefined for the input (too few items, a
constant rater where a correlation needs variance, a nan among the scores) comes back as
``float("nan")`` instead of an exception; sequences of different lengths are a programming
error and raise ValueError.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

NAN = float("nan")


def _pair(
    x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Both inputs as 1-D float arrays of the same length."""
    a = np.asarray(x, dtype=float).reshape(-1)
    b = np.asarray(y, dtype=float).reshape(-1)
    if a.shape != b.shape:
        raise ValueError(f"the two score lists differ in length ({a.size} vs {b.size})")
    return a, b


def _usable(a: np.ndarray, b: np.ndarray, min_items: int) -> bool:
    """True when there are at least ``min_items`` pairs and no nan among them."""
    return a.size >= min_items and not (np.isnan(a).any() or np.isnan(b).any())


def _constant(a: np.ndarray) -> bool:
    """True when every value is the same (tested exactly, not through a rounded variance)."""
    return bool(np.all(a == a[0]))


def pearson(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    """Pearson's product-moment correlation r of x and y, in [-1, 1].

    nan for fewer than 2 items, or when either side is constant (zero variance).
    """
    a, b = _pair(x, y)
    if not _usable(a, b, 2) or _constant(a) or _constant(b):
        return NAN
    da, db = a - a.mean(), b - b.mean()
    r = float(np.dot(da, db) / np.sqrt(np.dot(da, da) * np.dot(db, db)))
    return float(np.clip(r, -1.0, 1.0))


def rank_average(values: Sequence[float] | np.ndarray) -> np.ndarray:
    """1-based ranks of the values, tied values sharing the mean of their ranks.

    rank_average([10, 20, 20, 30]) is [1, 2.5, 2.5, 4].
    """
    a = np.asarray(values, dtype=float).reshape(-1)
    order = np.argsort(a, kind="stable")
    ordered = a[order]
    starts = np.r_[True, ordered[1:] != ordered[:-1]]  # first position of each tie group
    group = np.cumsum(starts) - 1  # group number of each sorted position
    bounds = np.r_[np.flatnonzero(starts), a.size]  # group g spans [bounds[g], bounds[g+1])
    mean_rank = (bounds[:-1] + bounds[1:] + 1) / 2.0  # mean of the 1-based ranks in a group
    ranks = np.empty(a.size, dtype=float)
    ranks[order] = mean_rank[group]
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rank correlation rho: Pearson's r of the average ranks (ties averaged).

    nan for fewer than 2 items or when either side is constant.
    """
    a, b = _pair(x, y)
    if not _usable(a, b, 2) or _constant(a) or _constant(b):
        return NAN
    return pearson(rank_average(a), rank_average(b))


def mae(x: Sequence[float], y: Sequence[float]) -> float:
    """Mean absolute difference between x and y; nan for empty input (or a nan score).

    Unlike the correlations it is defined for a single item.
    """
    a, b = _pair(x, y)
    if not _usable(a, b, 1):
        return NAN
    return float(np.mean(np.abs(a - b)))


def accuracy(x: Sequence[float], y: Sequence[float]) -> float:
    """Share of items where x and y are exactly equal (0..1); nan for empty input (or a nan).

    Compare labels or already-rounded scores; round continuous scores first.
    """
    a, b = _pair(x, y)
    if not _usable(a, b, 1):
        return NAN
    return float(np.mean(a == b))


def round_half_up(values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Values rounded to the nearest integer, halves upwards (2.5 -> 3, not numpy's 2)."""
    return np.floor(np.asarray(values, dtype=float) + 0.5)


def qwk(x: Sequence[float], y: Sequence[float], lo: int, hi: int) -> float:
    """Quadratic weighted kappa (Cohen 1968) between two raters on the integers lo..hi.

    Scores are rounded half up to integers and clipped into [lo, hi] (so a model's 10.4
    on a 0-10 scale counts as 10). With k = hi - lo + 1 categories, observed counts O,
    chance counts E = outer(row totals, column totals) / n and weights
    w_ij = (i - j)^2 / (k - 1)^2, kappa = 1 - sum(w * O) / sum(w * E).
    1 is perfect agreement, 0 chance level, negative worse than chance.

    nan for fewer than 2 items, a nan score, or when sum(w * E) is 0 (both raters gave one
    and the same score to everything, or lo == hi). ValueError when lo > hi.
    """
    if lo > hi:
        raise ValueError(f"qwk: lo ({lo}) is above hi ({hi})")
    a, b = _pair(x, y)
    if not _usable(a, b, 2) or lo == hi:
        return NAN
    k = hi - lo + 1
    ia = (np.clip(round_half_up(a), lo, hi) - lo).astype(int)
    ib = (np.clip(round_half_up(b), lo, hi) - lo).astype(int)
    observed = np.zeros((k, k))
    np.add.at(observed, (ia, ib), 1.0)
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / a.size
    i, j = np.indices((k, k))
    weights = (i - j) ** 2 / (k - 1) ** 2
    chance = float(np.sum(weights * expected))
    if chance == 0.0:
        return NAN
    return 1.0 - float(np.sum(weights * observed)) / chance


def f1_per_label(
    gold: Sequence[float] | np.ndarray,
    predicted: Sequence[float] | np.ndarray,
    labels: Sequence[int],
) -> list[float]:
    """F1 of each label in ``labels`` (one-vs-rest), in that order.

    F1 = 2 * tp / (2 * tp + fp + fn); a label that neither side ever gives has F1 nan
    (undefined), one that only one side gives has F1 0. Symmetric in gold and predicted.
    """
    a, b = _pair(gold, predicted)
    out = []
    for label in labels:
        tp = float(np.sum((a == label) & (b == label)))
        wrong = float(np.sum((a == label) != (b == label)))  # fp + fn
        out.append(NAN if tp + wrong == 0 else 2 * tp / (2 * tp + wrong))
    return out


def macro_f1(
    gold: Sequence[float] | np.ndarray,
    predicted: Sequence[float] | np.ndarray,
    labels: Sequence[int],
) -> float:
    """The unweighted mean of the labels' F1 (macro-averaged F1, as SemEval-2013 Task 7
    reports it), over every label in ``labels`` (a label absent from both sides is left
    out); nan for empty input or when no label occurs."""
    a, b = _pair(gold, predicted)
    if not _usable(a, b, 1):
        return NAN
    scores = [f for f in f1_per_label(a, b, labels) if not np.isnan(f)]
    return float(np.mean(scores)) if scores else NAN
