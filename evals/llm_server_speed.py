"""Raw speed of the local model server: three requests of 150 prompt tokens and 40 new
tokens each, timed from outside, with llama.cpp's own timings in the log it prints.
Extra arguments go to `python -m llama_cpp.server` (README, LLM: Speed of the local model).

    .venv/bin/python evals/llm_server_speed.py [--data-dir DIR] [-- --n_threads 1 ...]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from interviewer.settings import Settings, default_data_dir, offline_environment

TOPICS = ("dropout regularization in neural networks ", "batch normalization in deep networks ",
          "the attention mechanism in transformers ")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=default_data_dir())
    ap.add_argument("--port", type=int, default=18123)
    ap.add_argument("server_args", nargs="*", help="after --: arguments for llama_cpp.server")
    args = ap.parse_args()
    offline_environment()
    from interviewer.llm.local import ensure_model, server_environment

    model = ensure_model(Settings(data_dir=args.data_dir).models_dir)
    url = f"http://127.0.0.1:{args.port}/v1"
    log = Path("/tmp/llm_server_speed.log")
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
         "--port", str(args.port), "--n_ctx", "4096", *args.server_args],
        stdout=log.open("w"), stderr=subprocess.STDOUT, env=server_environment())
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{url}/models", timeout=1)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.5)
        base = ("Explain the following machine learning concept to a student in detail, "
                "covering definitions, intuition and pitfalls. ")
        for topic in TOPICS:
            body = {"messages": [{"role": "user", "content": base + topic * 20}],
                    "max_tokens": 40, "temperature": 0}
            start = time.perf_counter()
            req = urllib.request.Request(f"{url}/chat/completions", data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=600) as resp:  # noqa: S310 - loopback
                usage = json.loads(resp.read())["usage"]
            print(json.dumps({"seconds": round(time.perf_counter() - start, 2), **usage}))
    finally:
        proc.terminate()
        proc.wait()
    for line in log.read_text().splitlines():
        if "eval time" in line:
            print(line)


if __name__ == "__main__":
    main()
