"""Speech to text on the committed clips: WER / CER and real-time factor of the packaged
Whisper base model (docs/voice.md). Writes evals/reports/bench_voice.json.

    .venv/bin/python evals/bench_voice.py [--threads 2] [--repeats 3] [--beam-size 5]
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from interviewer.settings import default_model_cache_dir, offline_environment

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=Path, default=ROOT / "evals" / "data" / "voice")
    parser.add_argument("--out", type=Path, default=ROOT / "evals" / "reports" / "bench_voice.json")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--beam-size", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--model-cache-dir", type=Path, default=default_model_cache_dir())
    args = parser.parse_args()
    offline_environment()
    from interviewer.evals.bench_voice import bench_voice, write
    from interviewer.voice.stt import LocalWhisper

    whisper = LocalWhisper(args.model_cache_dir, args.threads, args.beam_size)
    command = shlex.join([".venv/bin/python", "evals/bench_voice.py", *sys.argv[1:]])
    settings = {"threads": args.threads, "beam_size": args.beam_size, "compute_type": "int8"}
    report = bench_voice(args.clips, whisper, command, args.repeats, settings)
    write(report, args.out)
    for mode in report["modes"]:
        for lang, s in mode["summary"].items():
            print(
                f"{mode['mode']}, {lang}: {s['metric']} {s['error_rate']:.3f} on {s['clips']} "
                f"clips, real-time factor median {s['real_time_factor_median']}"
            )


if __name__ == "__main__":
    main()
