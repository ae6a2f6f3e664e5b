"""The coach's faithfulness check (issue 18): graded answers from
evals/data/coach_faithfulness.yaml through the coach, with scripted replies on the fake
backend (what CI runs, tests/test_coach_faithfulness.py) or with a real model.

    .venv/bin/python evals/coach_faithfulness.py                      # scripted (fake)
    .venv/bin/python evals/coach_faithfulness.py --llm local          # the packaged model
    .venv/bin/python evals/coach_faithfulness.py --llm openai \\
        --llm-base-url http://127.0.0.1:8080/v1 --llm-model local --out evals/reports/x.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from interviewer.evals.measure import provenance
from interviewer.settings import Settings, default_data_dir, offline_environment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--llm", choices=["fake", "local", "openai"], default="fake")
    parser.add_argument("--llm-base-url", default=None)
    parser.add_argument("--llm-model", default=None)
    parser.add_argument("--llm-timeout", type=float, default=None, help="seconds per request")
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--cases", type=Path, default=None, help="default: the shipped cases")
    parser.add_argument("--out", type=Path, default=None, help="write the JSON report here")
    args = parser.parse_args()
    offline_environment()
    from interviewer.evals.coach_faithfulness import run

    settings = Settings(data_dir=args.data_dir, llm=args.llm, llm_base_url=args.llm_base_url,
                        llm_model=args.llm_model, llm_timeout=args.llm_timeout)
    report = run(settings, args.cases)
    report = {**provenance("evals/coach_faithfulness.py", sys.argv[1:]), **report}
    text = json.dumps(report, indent=1, ensure_ascii=False)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
