"""Step 1 of the LLM-verifier experiment (issue #22): the rubric grader's score for every
row of a dataset's DEV split, with each row's item (question, reference answer) and rubric
points, written to one JSON file for `evals/llm_verify.py`. The test split is refused.

    PYTHONPATH=. .venv/bin/python evals/llm_verify_rows.py realistic_dev /tmp/llmv/rows_realistic.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from interviewer.settings import Settings, offline_environment


def main() -> None:
    suite_name, out = sys.argv[1], Path(sys.argv[2])
    offline_environment()
    from interviewer.cli import _ready_store
    from interviewer.evals import grading as ev
    from interviewer.llm.graders import make_grader
    from interviewer.resources import evals_data_dir
    from interviewer.session.setup import default_rubrics

    root = evals_data_dir().parent.parent
    suite = ev.load_suite(root / "evals" / "suites" / f"{suite_name}.yaml")
    if suite.dataset.split == "test":
        suite.dataset.split = "dev"
    rows = ev.load_rows(suite.dataset, root)
    assert rows and all(r.split == "dev" for r in rows), "dev rows only"
    settings = Settings(data_dir=Path("/tmp/llmv/data"), llm="none")
    store = _ready_store(settings)
    grader = make_grader("rubric", settings, pool=store.items())
    targets = ev.targets_for(rows, store.get, default_rubrics().get)
    ev.add_peers(grader, rows, targets)
    graded = ev.grade_rows(rows, grader, targets)
    data = []
    for g, (item, rubric) in zip(graded, targets):
        data.append(
            {
                **g.row.model_dump(),
                "rubric_score": g.score,
                "rubric_flags": g.flags,
                "reference": item.answer,
                "points": [p.claim for p in rubric.points],
            }
        )
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1))
    print(f"{len(data)} rows -> {out}")


if __name__ == "__main__":
    main()
