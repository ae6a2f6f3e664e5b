"""Benchmark `interviewer serve`: process start to the first question in a session, and
to the first graded answer (which includes embedding the corpus pool once).

The store is built beforehand (as after the first run); `--cold` starts from an empty data
dir instead, so the default corpus is ingested first; `--restart` serves once beforehand so
that the grader's vectors of the corpus pool are already on disk.

    .venv/bin/python evals/bench_serve.py [--runs 3] [--cold | --restart]
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from interviewer.settings import offline_environment

CLI = str(Path(sys.executable).parent / "interviewer")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_run(data: Path) -> dict:
    from gradio_client import Client

    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    t0 = time.perf_counter()
    proc = subprocess.Popen([CLI, "--data-dir", str(data), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen(url + "config", timeout=1)  # noqa: S310 - loopback
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        t_up = time.perf_counter()
        client = Client(url, verbose=False)
        chat, _, _ = client.predict([], "en", 3, "adaptive", 0, api_name="/start")
        assert "Question 1/3" in str(chat[-1]["content"]), chat
        t_question = time.perf_counter()
        _, _, score = client.predict("Weights are updated by gradient descent.", [], "en", 3,
                                        "adaptive", 0, api_name="/send")
        assert "Last answer" in score
        t_graded = time.perf_counter()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"http_up_s": round(t_up - t0, 2), "first_question_s": round(t_question - t0, 2),
            "first_graded_answer_s": round(t_graded - t0, 2)}


def main() -> None:
    offline_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cold", action="store_true", help="empty data dir: ingest first")
    ap.add_argument("--restart", action="store_true",
                    help="serve once beforehand, so the grader's vectors are on disk (a restart)")
    ap.add_argument("--out", type=Path, default=Path("evals/reports/bench_serve.json"))
    args = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    if not args.cold:  # build the store once, as the first run does
        subprocess.run([CLI, "--data-dir", str(base / "seed"), "ingest"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if args.restart and not args.cold:
        one_run(base / "seed")
    runs = []
    for i in range(args.runs):
        data = base / f"run{i}"
        if not args.cold:
            shutil.copytree(base / "seed", data)
        runs.append(one_run(data))
        print(json.dumps(runs[-1]), flush=True)
    report = {
        "date": time.strftime("%Y-%m-%d"), "machine": f"{platform.machine()}, "
        f"{__import__('os').cpu_count()} cores", "python": platform.python_version(),
        "cold": args.cold, "restart": args.restart, "runs": runs,
        "median": {k: statistics.median(r[k] for r in runs) for k in runs[0]},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(json.dumps(report["median"]))
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
