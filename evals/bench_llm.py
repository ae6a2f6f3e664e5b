"""Local model speed for the coach: time to the first feedback chunk, to the whole
feedback and to the follow-up, primed and cold, on seed_gold test answers (README, LLM).
Starts the packaged model's server (or uses one `interviewer llm serve` announced).

    .venv/bin/python evals/bench_llm.py [--n 8] [--data-dir DIR] [--threads N]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from interviewer.settings import Settings, default_data_dir, offline_environment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=8, help="answers to time (after one warm-up)")
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--threads", type=int, default=None, help="model server threads")
    args = parser.parse_args()
    offline_environment()
    from interviewer.evals.bench_llm import measure_feedback
    from interviewer.llm.local import local_server

    settings = Settings(data_dir=args.data_dir, llm="local", llm_threads=args.threads)
    try:
        print(json.dumps(measure_feedback(settings, args.n), indent=1, ensure_ascii=False))
    finally:
        local_server(settings.models_dir, settings.llm_threads).stop()


if __name__ == "__main__":
    main()
