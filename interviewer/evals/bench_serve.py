"""How long `interviewer serve` takes from the process's start to the first question of a
new session, and to the first graded answer, as a user meets them.

Each run starts `python -m interviewer serve` on a free loopback port, with a data dir
whose store already holds the default corpus (as after the first run), and the template
coach (`--llm none`: the local model's time is measured on its own, and the first question
does not wait for it). The clock starts before the process is spawned:

- **HTTP up**: the app's `/config` answers.
- **first question**: a `gradio_client` call of the app's `/start` returned question 1.
- **first graded answer**: `/send` with an answer returned its score. On a first serve this
  includes embedding the corpus pool for the grader; on a **restart** (a data dir that
  served once before) those vectors are already on disk.

The server's peak RSS (VmHWM) is read after the graded answer, before it is stopped.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from interviewer.evals.measure import process_peak_rss_mb
from interviewer.processes import stop_process

ANSWER = "Weights are updated by gradient descent."


@dataclass(frozen=True)
class ServeRun:
    http_up_s: float
    first_question_s: float
    first_graded_answer_s: float
    peak_rss_mb: float | None  # the server's, up to the graded answer


@dataclass(frozen=True)
class ServeMode:
    mode: str  # "first serve" | "restart"
    runs: list[ServeRun]
    median: ServeRun


@dataclass(frozen=True)
class ServeBench:
    modes: list[ServeMode]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_command(data: Path, port: int, ef_search: int | None = None) -> list[str]:
    return [
        sys.executable,
        "-m",
        "interviewer",
        "--data-dir",
        str(data),
        "--llm",
        "none",
        *(["--ef-search", str(ef_search)] if ef_search else []),
        "serve",
        "--port",
        str(port),
    ]


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTERVIEWER_")}
    env.update({"HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"})
    return env


def seed_data_dir(data: Path) -> float:
    """Build the store of the default corpus in the data dir `data`, as the first run of the
    app does (`interviewer ingest`); the seconds it took."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "interviewer", "--data-dir", str(data), "ingest"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=_environment(),
    )
    return round(time.perf_counter() - start, 2)


def one_run(data: Path, timeout: float = 300.0, ef_search: int | None = None) -> ServeRun:
    from gradio_client import Client

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = (data / "serve.log").open("w")
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        serve_command(data, port, ef_search),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=_environment(),
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError("serve exited:\n" + (data / "serve.log").read_text())
            if time.monotonic() > deadline:
                raise RuntimeError(f"serve did not answer within {timeout:.0f} s")
            try:
                urllib.request.urlopen(url + "config", timeout=1)  # noqa: S310 - loopback
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        t_up = time.perf_counter()
        client = Client(url, verbose=False)
        chat, _, _ = client.predict([], "en", 3, "adaptive", 0, api_name="/start")
        if "Question 1/3" not in str(chat[-1]["content"]):
            raise RuntimeError(f"no first question: {chat!r}")
        t_question = time.perf_counter()
        _, _, score = client.predict(ANSWER, [], "en", 3, "adaptive", 0, api_name="/send")
        t_graded = time.perf_counter()
        peak = process_peak_rss_mb(proc.pid)
        if "Last answer" not in str(score):
            raise RuntimeError(f"no score: {score!r}")
    finally:
        stop_process(proc, timeout=30)
        log.close()
    return ServeRun(
        round(t_up - t0, 2),
        round(t_question - t0, 2),
        round(t_graded - t0, 2),
        round(peak, 1) if peak is not None else None,
    )


def median_run(runs: list[ServeRun]) -> ServeRun:
    def med(field: str):
        values = [getattr(r, field) for r in runs if getattr(r, field) is not None]
        return round(statistics.median(values), 2) if values else None

    return ServeRun(*(med(f) for f in ServeRun.__dataclass_fields__))


def bench_serve(
    seed: Path, work: Path, *, runs: int = 3, restart: bool = True, ef_search: int | None = None
) -> ServeBench:
    """`runs` first serves of copies of the data dir `seed` (its store built), then, when
    `restart`, `runs` restarts: copies of a data dir that served once."""
    modes = []
    first = []
    for i in range(runs):
        data = work / f"first-{i}"
        shutil.copytree(seed, data)
        first.append(one_run(data, ef_search=ef_search))
    modes.append(ServeMode("first serve", first, median_run(first)))
    if restart:
        served = work / "served-once"
        shutil.copytree(seed, served)
        one_run(served, ef_search=ef_search)
        again = []
        for i in range(runs):
            data = work / f"restart-{i}"
            shutil.copytree(served, data)
            again.append(one_run(data, ef_search=ef_search))
        modes.append(ServeMode("restart", again, median_run(again)))
    return ServeBench(modes)
